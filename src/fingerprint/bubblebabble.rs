//! Bubble Babble encoding of a key's SHA-1 digest, byte-identical to OpenSSH's
//! `fingerprint_bubblebabble` in sshkey.c (what `ssh-keygen -B` prints).

use sha1::{Digest, Sha1};

const VOWELS: &[u8; 6] = b"aeiouy";
/// Index 16 ('x') only appears in the closing tuple of an even-length input.
const CONSONANTS: &[u8; 17] = b"bcdfghklmnprstvzx";

/// Bubble Babble of the SHA-1 of `blob`, the SSH wire-format public key blob;
/// `ssh-keygen -B` always uses SHA-1 whatever `-E` says.
pub fn bubblebabble(blob: &[u8]) -> String {
    encode(&Sha1::digest(blob))
}

/// Bubble Babble of raw bytes, per Huima's specification as OpenSSH implements it.
fn encode(data: &[u8]) -> String {
    let vowel = |i: u32| char::from(VOWELS[(i % 6) as usize]);
    let consonant = |i: u32| char::from(CONSONANTS[(i % 17) as usize]);

    let mut out = String::with_capacity((data.len() / 2 + 1) * 6);
    out.push('x');
    let mut seed: u32 = 1;
    let mut pairs = data.chunks_exact(2);
    for pair in pairs.by_ref() {
        let (a, b) = (u32::from(pair[0]), u32::from(pair[1]));
        out.push(vowel(((a >> 6) & 3) + seed));
        out.push(consonant((a >> 2) & 15));
        out.push(vowel((a & 3) + seed / 6));
        out.push(consonant((b >> 4) & 15));
        out.push('-');
        out.push(consonant(b & 15));
        seed = (seed * 5 + a * 7 + b) % 36;
    }
    // The final tuple carries the odd byte, or for even lengths only the checksum seed.
    match pairs.remainder() {
        [last] => {
            let a = u32::from(*last);
            out.push(vowel(((a >> 6) & 3) + seed));
            out.push(consonant((a >> 2) & 15));
            out.push(vowel((a & 3) + seed / 6));
        }
        _ => {
            out.push(vowel(seed));
            out.push(consonant(16));
            out.push(vowel(seed / 6));
        }
    }
    out.push('x');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test vectors from the Bubble Babble specification.
    #[test]
    fn specification_vectors() {
        assert_eq!(encode(b""), "xexax");
        assert_eq!(encode(b"1234567890"), "xesef-disof-gytuf-katof-movif-baxux");
        assert_eq!(encode(b"Pineapple"), "xigak-nyryk-humil-bosek-sonax");
    }

    #[test]
    fn hashes_the_blob_with_sha1_first() {
        // SHA-1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709
        let sha1_of_empty = [
            0xda, 0x39, 0xa3, 0xee, 0x5e, 0x6b, 0x4b, 0x0d, 0x32, 0x55, 0xbf, 0xef, 0x95, 0x60,
            0x18, 0x90, 0xaf, 0xd8, 0x07, 0x09,
        ];
        assert_eq!(bubblebabble(b""), encode(&sha1_of_empty));
        assert_eq!(bubblebabble(b"").len(), 65);
        assert_ne!(bubblebabble(b""), encode(b""));
    }
}
