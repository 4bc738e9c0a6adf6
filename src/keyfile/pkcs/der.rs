//! The few DER reading steps the hand-read structures of this folder need
//! ([`super::ec_params`], [`super::pbes2`]): one element at a time, with
//! definite lengths of at most four bytes.

/// One DER element: its tag, its content and what follows it.
pub fn element(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let length = rest[..count]
            .iter()
            .fold(0usize, |n, &b| (n << 8) | usize::from(b));
        (length, &rest[count..])
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

/// The content of the next element of `der` if it has `tag`, and what
/// follows it.
pub fn expect(der: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (found, content, rest) = element(der)?;
    (found == tag).then_some((content, rest))
}

/// A non-negative INTEGER's content as a number, if it fits in `u32`.
pub fn small_integer(content: &[u8]) -> Option<u32> {
    let digits = match content {
        [0, rest @ ..] => rest,
        [first, ..] if first & 0x80 != 0 => return None,
        all => all,
    };
    (digits.len() <= 4).then(|| digits.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_over_four_bytes_and_short_input_are_refused() {
        assert_eq!(element(&[0x30, 0x85, 1, 0, 0, 0, 0]), None);
        assert_eq!(element(&[0x30, 0x02, 1]), None);
        assert_eq!(element(&[0x30]), None);
        assert_eq!(
            element(&[0x02, 0x01, 7, 9]),
            Some((0x02, &[7][..], &[9][..]))
        );
        assert_eq!(
            element(&[0x04, 0x81, 0x01, 5]),
            Some((0x04, &[5][..], &[][..]))
        );
    }

    #[test]
    fn small_integers_are_read_and_negative_or_large_ones_refused() {
        assert_eq!(small_integer(&[0x08, 0x00]), Some(2048));
        assert_eq!(small_integer(&[0x00, 0x80]), Some(128));
        assert_eq!(small_integer(&[0x80]), None);
        assert_eq!(small_integer(&[1, 0, 0, 0, 0]), None);
    }
}
