//! The "drunken bishop" randomart picture of a fingerprint, byte-identical to
//! OpenSSH's `fingerprint_randomart` in sshkey.c (what `ssh-keygen -lv` prints).

use super::Fingerprint;

/// Field size. Odd on both axes so the walk can start in the exact middle.
const WIDTH: usize = 17;
const HEIGHT: usize = 9;

/// One symbol per visit count; the last two are reserved for the start and end marks.
const SYMBOLS: &[u8; 17] = b" .o+=*BOX@%&#/^SE";
/// The index of `E`, the last symbol.
const END: u8 = 16;
const _: () = assert!(SYMBOLS.len() == END as usize + 1);
const START: u8 = END - 1;
/// Counts stop at '^' so a busy cell can never be mistaken for the start or end mark.
const MAX_VISITS: u8 = END - 2;

/// OpenSSH formats the header and footer into `char[17]` buffers with snprintf, so at
/// most 16 bytes of text survive.
const LABEL_CAPACITY: usize = WIDTH - 1;

/// Draw the randomart for `fp`, with `[key_type bits]` in the top border and the hash
/// name in the bottom one. Returns 11 lines, each ending in '\n'.
pub fn randomart(fp: &Fingerprint, key_type: &str, bits: u32) -> String {
    let field = walk(fp.digest());

    let mut title = format!("[{key_type} {bits}]");
    // OpenSSH only falls back when snprintf reports more than the buffer size; a label
    // of exactly 17 bytes is therefore kept and merely loses its closing bracket.
    if title.len() > WIDTH {
        title = format!("[{key_type}]");
    }
    let footer = format!("[{}]", fp.hash().name());

    let mut out = String::with_capacity((WIDTH + 3) * (HEIGHT + 2));
    push_border(&mut out, clip(&title));
    for y in 0..HEIGHT {
        out.push('|');
        for column in &field {
            let symbol = SYMBOLS.get(usize::from(column[y])).copied().unwrap_or(b' ');
            out.push(char::from(symbol));
        }
        out.push_str("|\n");
    }
    push_border(&mut out, clip(&footer));
    out
}

/// Visit counts per cell, indexed `[x][y]` like OpenSSH's field.
fn walk(digest: &[u8]) -> [[u8; HEIGHT]; WIDTH] {
    let mut field = [[0u8; HEIGHT]; WIDTH];
    let (mut x, mut y) = (WIDTH / 2, HEIGHT / 2);
    for &byte in digest {
        let mut input = byte;
        for _ in 0..4 {
            // Moves into a wall are dropped per axis, so the bishop slides along it.
            x = if input & 0x1 != 0 {
                (x + 1).min(WIDTH - 1)
            } else {
                x.saturating_sub(1)
            };
            y = if input & 0x2 != 0 {
                (y + 1).min(HEIGHT - 1)
            } else {
                y.saturating_sub(1)
            };
            let cell = &mut field[x][y];
            if *cell < MAX_VISITS {
                *cell += 1;
            }
            input >>= 2;
        }
    }
    field[WIDTH / 2][HEIGHT / 2] = START;
    field[x][y] = END;
    field
}

/// What survives OpenSSH's snprintf into a 17-byte buffer followed by strlen: at most 16
/// bytes, cut at any NUL. Backing off to a char boundary keeps a non-ASCII label from
/// splitting a character; the border stays 17 bytes wide either way.
fn clip(label: &str) -> &str {
    let label = label.split('\0').next().unwrap_or_default();
    let mut end = label.len().min(LABEL_CAPACITY);
    while !label.is_char_boundary(end) {
        end -= 1;
    }
    &label[..end]
}

/// `+`, the label centred in dashes (extra dash on the right when odd), `+`.
fn push_border(out: &mut String, label: &str) {
    let left = (WIDTH - label.len()) / 2;
    let right = WIDTH - left - label.len();
    out.push('+');
    out.extend(std::iter::repeat_n('-', left));
    out.push_str(label);
    out.extend(std::iter::repeat_n('-', right));
    out.push_str("+\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::FingerprintHash;

    fn fp(digest: &[u8], hash: FingerprintHash) -> Fingerprint {
        Fingerprint {
            hash,
            digest: digest.to_vec(),
        }
    }

    /// 32 moves up-left pile 25 visits into the top-left corner (saturating at '^'),
    /// then one 0xff byte walks four steps back down-right to end at (4,4).
    #[test]
    fn top_left_wall_and_saturation() {
        let mut digest = vec![0x00; 8];
        digest.push(0xff);
        let art = randomart(&fp(&digest, FingerprintHash::Sha256), "ED25519", 256);
        assert_eq!(
            art,
            "+--[ED25519 256]--+\n\
             |^....            |\n\
             | .   .           |\n\
             |  .   .          |\n\
             |   .   .         |\n\
             |    E   S        |\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             +----[SHA256]-----+\n"
        );
    }

    /// All moves down-right: the bishop hits the bottom wall after 4 steps, slides right
    /// along it and ends in the bottom-right corner.
    #[test]
    fn bottom_right_wall() {
        let art = randomart(&fp(&[0xff; 8], FingerprintHash::Md5), "RSA", 3072);
        assert_eq!(
            art,
            "+---[RSA 3072]----+\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             |        S        |\n\
             |         .       |\n\
             |          .      |\n\
             |           .     |\n\
             |            ....E|\n\
             +------[MD5]------+\n"
        );
    }

    /// Low bits first: 0b00_01_10_11 goes down-right, down-left, up-right, up-left, so
    /// (9,5) is visited twice and the walk ends on the start, where 'E' wins over 'S'.
    #[test]
    fn moves_use_low_bits_first() {
        let art = randomart(&fp(&[0b0001_1011], FingerprintHash::Sha512), "ECDSA", 521);
        assert_eq!(
            art,
            "+---[ECDSA 521]---+\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             |                 |\n\
             |        E        |\n\
             |         o       |\n\
             |        .        |\n\
             |                 |\n\
             |                 |\n\
             +----[SHA512]-----+\n"
        );
    }

    #[test]
    fn header_of_exactly_17_bytes_loses_its_bracket() {
        let art = randomart(&fp(&[], FingerprintHash::Sha256), "ABCDEFGHIJK", 123);
        assert_eq!(art.lines().next(), Some("+[ABCDEFGHIJK 123-+"));
        // With an empty digest the bishop never moves, so 'E' overwrites 'S'.
        assert_eq!(art.lines().nth(5), Some("|        E        |"));
    }

    #[test]
    fn overlong_header_falls_back_then_truncates() {
        let digest = [0u8; 1];
        let art = randomart(&fp(&digest, FingerprintHash::Sha256), "ED25519-CERT", 256);
        assert_eq!(art.lines().next(), Some("+-[ED25519-CERT]--+"));
        let art = randomart(
            &fp(&digest, FingerprintHash::Sha256),
            "A-VERY-LONG-KEY-TYPE",
            1,
        );
        assert_eq!(art.lines().next(), Some("+[A-VERY-LONG-KEY-+"));
    }

    #[test]
    fn odd_inputs_keep_the_frame_intact() {
        for label in ["", "\0", "é".repeat(20).as_str(), "X\0Y"] {
            let art = randomart(&fp(&[0x5a; 64], FingerprintHash::Sha512), label, u32::MAX);
            assert_eq!(art.lines().count(), 11, "{label:?}");
            assert!(art.lines().all(|l| l.len() == 19), "{label:?}: {art}");
        }
        let art = randomart(&fp(&[], FingerprintHash::Sha256), "", 0);
        assert_eq!(art.lines().next(), Some("+------[ 0]-------+"));
    }
}
