//! Public keys written one a line: `.pub` files, authorized_keys (options before
//! the key) and known_hosts (host patterns, `@cert-authority`/`@revoked`
//! markers, hashed hosts). The rules for what counts as a key and which text is
//! its comment follow `ssh-keygen -l` line by line, so fingerprints of such
//! files print the same lines. Pure: bytes in, entries out.

use base64ct::{Base64, Encoding};
use ssh_key::encoding::Decode;
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, Certificate};

/// Where the key sat in its line: alone, after authorized_keys options, or
/// after known_hosts fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinePrefix {
    /// `TYPE BASE64 [COMMENT]`, as in a `.pub` file.
    None,
    /// The first field before the key: authorized_keys options
    /// (`from="…",no-pty`) or known_hosts host patterns (`github.com,1.2.3.4`,
    /// `|1|salt|hash`); ssh-keygen does not tell them apart.
    Field(String),
    /// A known_hosts line with a marker: `@cert-authority HOSTS KEY` or
    /// `@revoked HOSTS KEY`.
    Marker { marker: String, hosts: String },
}

/// One public key read from a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicEntry {
    /// The plain key; for a certificate, the key it certifies (whose
    /// fingerprint OpenSSH shows).
    pub key: KeyData,
    /// The algorithm as written in the line (a certificate keeps its own).
    pub algorithm: Algorithm,
    /// Whether the line holds a certificate rather than a plain key.
    pub certificate: bool,
    /// The text after the key, if any (without leading blanks).
    pub trailing_comment: Option<String>,
    pub prefix: LinePrefix,
    /// 1-based line number in the input.
    pub line: usize,
}

impl PublicEntry {
    /// The comment `ssh-keygen -l` shows: the text after the key, else the
    /// options or host field before it, else none ("no comment").
    pub fn shown_comment(&self) -> Option<&str> {
        self.trailing_comment.as_deref().or(match &self.prefix {
            LinePrefix::None => None,
            LinePrefix::Field(field) => Some(field.as_str()),
            LinePrefix::Marker { marker, .. } => Some(marker.as_str()),
        })
    }
}

/// Every line that holds a key; lines that do not (comments, blank lines,
/// garbage, SSH-1 keys) are skipped, as ssh-keygen skips them.
pub fn parse_public_lines(input: &[u8]) -> Vec<PublicEntry> {
    input
        .split(|b| *b == b'\n')
        .enumerate()
        .filter_map(|(index, line)| parse_line(line, index + 1))
        .collect()
}

/// Reads one line the way ssh-keygen's `do_fingerprint` does.
pub fn parse_line(line: &[u8], number: usize) -> Option<PublicEntry> {
    // A C string ends at the first NUL.
    let line = match line.iter().position(|b| *b == 0) {
        Some(end) => &line[..end],
        None => line,
    };
    let line = trim_blanks_start(line);
    if line.is_empty() || line[0] == b'#' {
        return None;
    }
    if let Some((key, rest)) = read_key(line) {
        return Some(entry(key, rest, LinePrefix::None, number));
    }
    if line[0] == b'@' {
        // known_hosts marker: sshgen reads these keys too; ssh-keygen -l skips
        // them, so callers that mimic it filter on the prefix.
        let (marker, rest) = split_field(line)?;
        let (hosts, rest) = split_field(trim_blanks_start(rest))?;
        let (key, rest) = read_key(rest)?;
        let prefix = LinePrefix::Marker {
            marker: lossy(marker),
            hosts: lossy(hosts),
        };
        return Some(entry(key, rest, prefix, number));
    }
    if starts_with_ssh1_number(line) {
        return None;
    }
    let (field, rest) = split_field(line)?;
    let (key, rest) = read_key(rest)?;
    Some(entry(key, rest, LinePrefix::Field(lossy(field)), number))
}

struct ParsedKey {
    key: KeyData,
    algorithm: Algorithm,
    certificate: bool,
}

fn entry(key: ParsedKey, rest: &[u8], prefix: LinePrefix, line: usize) -> PublicEntry {
    let rest = trim_blanks_start(rest);
    let trailing_comment =
        (!rest.is_empty() && rest[0] != b'#').then(|| crate::keys::comment_text(rest));
    PublicEntry {
        key: key.key,
        algorithm: key.algorithm,
        certificate: key.certificate,
        trailing_comment,
        prefix,
        line,
    }
}

/// `TYPE BASE64` at the start of `text` (after blanks): the key and the text
/// after it. The type name must be followed by a blank and must name the key
/// the blob holds, as in OpenSSH's `sshkey_read`.
fn read_key(text: &[u8]) -> Option<(ParsedKey, &[u8])> {
    let text = trim_blanks_start(text);
    let type_end = text.iter().position(|b| is_blank(*b))?;
    let type_name = std::str::from_utf8(&text[..type_end]).ok()?;
    let rest = trim_blanks_start(&text[type_end..]);
    if rest.is_empty() {
        return None;
    }
    let blob_end = rest.iter().position(|b| is_blank(*b)).unwrap_or(rest.len());
    let blob = decode_base64(&rest[..blob_end])?;
    let key = key_from_blob(type_name, &blob)?;
    Some((key, &rest[blob_end..]))
}

/// The key of an SSH wire blob (a plain key or a certificate, as an agent
/// lists them) with `comment`; `None` for a blob that is neither.
pub fn entry_from_blob(blob: &[u8], comment: String) -> Option<PublicEntry> {
    let mut reader = blob;
    let type_name = String::decode(&mut reader).ok()?;
    let key = key_from_blob(&type_name, blob)?;
    Some(entry(key, b"", LinePrefix::None, 0)).map(|entry| PublicEntry {
        trailing_comment: Some(comment),
        ..entry
    })
}

/// The key in an SSH wire blob whose algorithm is `type_name`.
fn key_from_blob(type_name: &str, blob: &[u8]) -> Option<ParsedKey> {
    if type_name.ends_with("-cert-v01@openssh.com") {
        let cert = Certificate::from_bytes(blob).ok()?;
        let algorithm = cert.algorithm();
        if algorithm.to_certificate_type() != type_name {
            return None;
        }
        return Some(ParsedKey {
            key: cert.public_key().clone(),
            algorithm,
            certificate: true,
        });
    }
    let mut reader = blob;
    let key = KeyData::decode(&mut reader).ok()?;
    if !reader.is_empty() || key.is_other() || key.is_certificate() {
        return None;
    }
    let algorithm = key.algorithm();
    if algorithm.as_str() != type_name || !crate::keys::size_accepted(&key) {
        return None;
    }
    Some(ParsedKey {
        key,
        algorithm,
        certificate: false,
    })
}

/// Base64 as OpenSSH's `b64_pton` reads it: padded, with stray whitespace
/// (such as the `\r` of a CRLF line) ignored.
fn decode_base64(token: &[u8]) -> Option<Vec<u8>> {
    let cleaned: Vec<u8> = token
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace() && *b != 0x0b)
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    Base64::decode_vec(std::str::from_utf8(&cleaned).ok()?).ok()
}

/// The first field of a line and what follows its one separator. Double
/// quotes protect blanks (authorized_keys `command="a b"`), and `\"` inside
/// them does not end the quote.
fn split_field(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut quoted = false;
    let mut i = 0;
    while i < line.len() && (quoted || !is_blank(line[i])) {
        if line[i] == b'\\' && line.get(i + 1) == Some(&b'"') {
            i += 1;
        } else if line[i] == b'"' {
            quoted = !quoted;
        }
        i += 1;
    }
    if i >= line.len() {
        return None;
    }
    Some((&line[..i], &line[i + 1..]))
}

/// SSH-1 RSA keys start with their bit count (`1024 35 …`); ssh-keygen skips
/// such lines rather than read the number as a host name.
fn starts_with_ssh1_number(line: &[u8]) -> bool {
    let unsigned = match line.first() {
        Some(b'+' | b'-') => &line[1..],
        _ => line,
    };
    let digits = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
    let nonzero = unsigned[..digits].iter().any(|b| *b != b'0');
    nonzero && unsigned.get(digits).is_some_and(|b| is_blank(*b))
}

fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

fn trim_blanks_start(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .position(|b| !is_blank(*b))
        .unwrap_or(text.len());
    &text[start..]
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ4tnOlfqw4ZxiG5BHnvrThEmV9Ue8WdCBsX0pFkOXS";

    fn one(line: &str) -> Option<PublicEntry> {
        parse_line(line.as_bytes(), 1)
    }

    #[test]
    fn bare_key_with_and_without_comment() {
        let e = one(&format!("{ED} alice@host")).unwrap();
        assert_eq!(e.shown_comment(), Some("alice@host"));
        assert_eq!(e.prefix, LinePrefix::None);
        assert!(!e.certificate);
        assert_eq!(e.algorithm, Algorithm::Ed25519);
        assert_eq!(one(ED).unwrap().shown_comment(), None);
        // A trailing comment that starts with '#' is not shown.
        assert_eq!(
            one(&format!("{ED}   # note")).unwrap().shown_comment(),
            None
        );
        // The comment keeps inner and trailing blanks and a '\r'.
        assert_eq!(
            one(&format!("  {ED} a  b \r")).unwrap().shown_comment(),
            Some("a  b \r")
        );
    }

    #[test]
    fn authorized_keys_options_with_quoted_blanks() {
        let line = format!(r#"from="10.0.0.1",command="echo \"a b\"" {ED} deploy"#);
        let e = one(&line).unwrap();
        assert_eq!(e.shown_comment(), Some("deploy"));
        assert_eq!(
            e.prefix,
            LinePrefix::Field(r#"from="10.0.0.1",command="echo \"a b\"""#.to_owned())
        );
        // Without a trailing comment ssh-keygen shows the options.
        let e = one(&format!("no-pty {ED}")).unwrap();
        assert_eq!(e.shown_comment(), Some("no-pty"));
    }

    #[test]
    fn known_hosts_fields_and_markers() {
        let e = one(&format!("|1|abc=|def= {ED}")).unwrap();
        assert_eq!(e.shown_comment(), Some("|1|abc=|def="));
        let e = one(&format!("@cert-authority *.example.com {ED} ca")).unwrap();
        assert_eq!(
            e.prefix,
            LinePrefix::Marker {
                marker: "@cert-authority".to_owned(),
                hosts: "*.example.com".to_owned()
            }
        );
        assert_eq!(e.shown_comment(), Some("ca"));
    }

    #[test]
    fn skipped_lines() {
        for line in [
            "",
            "   ",
            "# comment",
            "  # indented comment",
            "garbage line here",
            "1024 35 1234 oldrsa",
            "ssh-ed25519",
            "ssh-ed25519 ",
            "ssh-ed25519 AAAA",
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGJ4tnOlfqw4ZxiG5BHnvrThEmV9Ue8WdCBsX0pFkOXS",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ4tnOlfqw4ZxiG5BHnvrThEmV9Ue8WdCBsX0pFkOX",
            "host",
        ] {
            assert_eq!(one(line), None, "{line:?}");
        }
    }

    #[test]
    fn several_lines_keep_their_numbers() {
        let text = format!("# keys\n\n{ED} one\r\nhost {ED}\n\0{ED}\n");
        let entries = parse_public_lines(text.as_bytes());
        let numbers: Vec<usize> = entries.iter().map(|e| e.line).collect();
        assert_eq!(numbers, vec![3, 4]);
        assert_eq!(entries[0].shown_comment(), Some("one\r"));
    }

    #[test]
    fn certificate_lines_give_the_certified_key() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/");
        let cert = std::fs::read(format!("{dir}ed25519-cert.pub")).unwrap();
        let plain = std::fs::read(format!("{dir}ed25519.pub")).unwrap();
        let cert = &parse_public_lines(&cert)[0];
        let plain = &parse_public_lines(&plain)[0];
        assert!(cert.certificate);
        assert_eq!(cert.key, plain.key);
        assert_eq!(
            cert.algorithm.to_certificate_type(),
            "ssh-ed25519-cert-v01@openssh.com"
        );
    }
}
