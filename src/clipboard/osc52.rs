//! The OSC 52 escape sequence that asks a terminal to put text on the
//! clipboard of the machine it runs on: the way to reach a user's own
//! clipboard from an SSH session. Pure: returns the bytes to write.

use base64ct::{Base64, Encoding};

/// GNU screen cuts string sequences longer than 256 bytes (512 or 768 in newer
/// releases); 4 bytes of each piece go to the `ESC P` … `ESC \` wrapper.
const SCREEN_PIECE_LEN: usize = 256 - 4;

/// `ESC ] 52 ; c ; BASE64 BEL`: set the clipboard (`c`) to `text`.
///
/// Inside GNU screen (`inside_screen`), screen would swallow the sequence, so it
/// is split into pieces that screen passes through to the outer terminal
/// unchanged, each wrapped as a device control string (`ESC P … ESC \`).
pub fn set_clipboard_sequence(text: &str, inside_screen: bool) -> Vec<u8> {
    let sequence = format!("\x1b]52;c;{}\x07", Base64::encode_string(text.as_bytes()));
    if !inside_screen {
        return sequence.into_bytes();
    }
    let mut wrapped =
        Vec::with_capacity(sequence.len() + sequence.len() / SCREEN_PIECE_LEN * 4 + 4);
    for piece in sequence.as_bytes().chunks(SCREEN_PIECE_LEN) {
        wrapped.extend_from_slice(b"\x1bP");
        wrapped.extend_from_slice(piece);
        wrapped.extend_from_slice(b"\x1b\\");
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_terminal_gets_one_osc_52_sequence() {
        assert_eq!(
            set_clipboard_sequence("ssh-ed25519 AAAA a@b", false),
            b"\x1b]52;c;c3NoLWVkMjU1MTkgQUFBQSBhQGI=\x07".to_vec()
        );
    }

    #[test]
    fn screen_gets_short_sequences_wrapped_whole() {
        assert_eq!(
            set_clipboard_sequence("hi", true),
            b"\x1bP\x1b]52;c;aGk=\x07\x1b\\".to_vec()
        );
    }

    #[test]
    fn screen_gets_long_sequences_in_pieces_that_join_back() {
        let text = "x".repeat(1000);
        let plain = set_clipboard_sequence(&text, false);
        let wrapped = set_clipboard_sequence(&text, true);
        // `ESC \` ends each piece; a backslash never occurs in the plain sequence.
        let pieces: Vec<&[u8]> = wrapped
            .split(|&b| b == b'\\')
            .filter(|piece| !piece.is_empty())
            .collect();
        assert_eq!(pieces.len(), plain.len().div_ceil(SCREEN_PIECE_LEN));
        let mut joined = Vec::new();
        for piece in pieces {
            let body = piece
                .strip_prefix(b"\x1bP")
                .and_then(|rest| rest.strip_suffix(b"\x1b"))
                .expect("each piece is ESC P ... ESC \\");
            assert!(body.len() <= SCREEN_PIECE_LEN, "{}", body.len());
            joined.extend_from_slice(body);
        }
        assert_eq!(joined, plain);
    }
}
