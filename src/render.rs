//! Output shared by several commands: the report of a new or copied key
//! (`generate`, `copy`; JSON too), the clipboard notice, the fingerprint
//! line ([`write_text`], `fingerprint` and `agent list`), [`visible`] (text
//! from a file made safe for a terminal) and [`hex`]. Output that
//! belongs to one command (the `list` table, the
//! JSON of `public`, `passphrase`, `comment`, `export`, `import`) lives in
//! that command's module, beside the data it shows, and goes through these
//! helpers. Pure: everything is written to the `impl Write` the caller
//! passes.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use ssh_key::public::KeyData;

use crate::clipboard::CopyOutcome;
use crate::fingerprint::{Fingerprint, FingerprintHash, bubblebabble, randomart};
use crate::keyfile::PublicEntry;
use crate::keys;

/// Text from a file (a comment, a host name) as ssh-keygen's `mprintf`
/// prints it, so that an escape sequence in a hostile `.pub` or
/// known_hosts line never reaches the terminal: every byte of a character
/// that is not printable becomes `\ooo` (octal). Tab, CR and LF pass, as
/// they do in ssh-keygen. In a UTF-8 locale (`utf8`) other printable
/// characters pass; in any other locale, as in ssh-keygen's C locale,
/// every byte above ASCII is escaped. JSON output keeps the real text.
pub fn visible(text: &str, utf8: bool) -> std::borrow::Cow<'_, str> {
    let printable = |c: char| match c {
        '\t' | '\n' | '\r' => true,
        c if c.is_ascii() => !c.is_ascii_control(),
        // A byte of a comment that was not UTF-8 (keys::comment_text).
        c if crate::keys::raw_byte(c).is_some() => false,
        // C1 controls; other characters count as printable in UTF-8.
        c => utf8 && !c.is_control(),
    };
    if text.chars().all(printable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if printable(c) {
            out.push(c);
        } else if let Some(byte) = crate::keys::raw_byte(c) {
            out.push_str(&format!("\\{byte:03o}"));
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\{byte:03o}"));
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A single-line field (a comment, an alias, a key ID) as [`visible`]
/// makes it, with tab, CR and LF escaped too, so that text from a file,
/// an agent or an argument can neither fake a line of its own nor move
/// the cursor.
pub fn visible_line(text: &str, utf8: bool) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\t', '\n', '\r']) {
        return visible(text, utf8);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for piece in text.split_inclusive(['\t', '\n', '\r']) {
        let (body, end) = match piece.char_indices().last() {
            Some((at, c @ ('\t' | '\n' | '\r'))) => (&piece[..at], Some(c)),
            _ => (piece, None),
        };
        out.push_str(&visible(body, utf8));
        if let Some(c) = end {
            out.push_str(&format!("\\{:03o}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text for JSON: a byte of a comment that was not UTF-8
/// ([`crate::keys::comment_text`]) becomes U+FFFD, as in every other text
/// sshgen puts in JSON.
pub fn json_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| crate::keys::raw_byte(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match crate::keys::raw_byte(c) {
                Some(_) => char::REPLACEMENT_CHARACTER,
                None => c,
            })
            .collect(),
    )
}

/// Everything there is to say about a key that was just written; its
/// JSON is `generate --json`'s.
#[derive(Debug, Serialize)]
pub struct GeneratedKey<'a> {
    /// Lower-case type as given to `-t`: `ed25519`, `rsa`, `ecdsa`.
    #[serde(rename = "type")]
    pub type_name: &'a str,
    pub bits: u32,
    pub comment: &'a str,
    #[serde(rename = "private_key_path", serialize_with = "lossy")]
    pub private_path: &'a Path,
    #[serde(rename = "public_key_path", serialize_with = "lossy")]
    pub public_path: &'a Path,
    #[serde(rename = "public_key")]
    pub public_line: &'a str,
    /// The fingerprint in the hash chosen with `-E`.
    #[serde(serialize_with = "as_text")]
    pub fingerprint: &'a Fingerprint,
    #[serde(rename = "fingerprint_sha256", serialize_with = "as_text")]
    pub sha256: &'a Fingerprint,
    #[serde(rename = "fingerprint_md5", serialize_with = "as_text")]
    pub md5: &'a Fingerprint,
    pub randomart: String,
    pub encrypted: bool,
    pub kdf: Option<Kdf>,
    pub cipher: &'static str,
    /// What copying the public key came to, when it was asked for.
    pub clipboard: Option<ClipboardReport<'a>>,
}

/// How a passphrase became the key's key: bcrypt-pbkdf and its rounds.
#[derive(Debug, Serialize)]
pub struct Kdf {
    pub name: &'static str,
    pub rounds: u32,
}

impl<'a> GeneratedKey<'a> {
    /// The report of a key of `type_label` (`ED25519`, for the randomart),
    /// encrypted with bcrypt-pbkdf at `kdf_rounds` when there are some.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        type_name: &'a str,
        type_label: &str,
        bits: u32,
        comment: &'a str,
        paths: (&'a Path, &'a Path),
        public_line: &'a str,
        fingerprints: [&'a Fingerprint; 3],
        kdf_rounds: Option<u32>,
        clipboard: Option<&'a CopyOutcome>,
    ) -> GeneratedKey<'a> {
        let [fingerprint, sha256, md5] = fingerprints;
        GeneratedKey {
            type_name,
            bits,
            comment,
            private_path: paths.0,
            public_path: paths.1,
            public_line,
            fingerprint,
            sha256,
            md5,
            randomart: randomart(fingerprint, type_label, bits),
            encrypted: kdf_rounds.is_some(),
            kdf: kdf_rounds.map(|rounds| Kdf {
                name: "bcrypt",
                rounds,
            }),
            cipher: if kdf_rounds.is_some() {
                "aes256-ctr"
            } else {
                "none"
            },
            clipboard: clipboard.map(ClipboardReport::of),
        }
    }

    /// ssh-keygen's report after making a key, line for line.
    pub fn write_text(&self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        writeln!(
            out,
            "Generating public/private {} key pair.",
            self.type_name
        )?;
        writeln!(
            out,
            "Your identification has been saved in {}",
            self.private_path.display()
        )?;
        writeln!(
            out,
            "Your public key has been saved in {}",
            self.public_path.display()
        )?;
        writeln!(out, "The key fingerprint is:")?;
        writeln!(out, "{} {}", self.fingerprint, self.comment)?;
        writeln!(out, "The key's randomart image is:")?;
        out.write_all(self.randomart.as_bytes())
    }
}

/// A path as JSON holds it (lossy where it is not Unicode).
fn lossy<S: serde::Serializer>(path: &&Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

/// A value as its text (`SHA256:…`).
fn as_text<T: std::fmt::Display, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// `{"copied": true, "method": "X11"}` or `{"copied": false, "reason": "…"}`.
#[derive(Debug, Serialize)]
pub struct ClipboardReport<'a> {
    pub copied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

impl<'a> ClipboardReport<'a> {
    pub fn of(outcome: &'a CopyOutcome) -> ClipboardReport<'a> {
        match outcome {
            CopyOutcome::Copied(method) => ClipboardReport {
                copied: true,
                method: Some(method.label()),
                reason: None,
            },
            CopyOutcome::Failed { reason } => ClipboardReport {
                copied: false,
                method: None,
                reason: Some(reason),
            },
        }
    }
}

/// The stderr line after a copy: how it was done, or why it was not.
pub fn clipboard_notice(outcome: &CopyOutcome, type_label: &str, sha256: &Fingerprint) -> String {
    match outcome {
        CopyOutcome::Copied(method) => {
            format!("Copied the public key ({type_label} {sha256}) to the clipboard via {method}.")
        }
        CopyOutcome::Failed { reason } => {
            format!("sshgen: warning: the public key was not copied to the clipboard: {reason}")
        }
    }
}

/// What `sshgen copy` says about a key it copied; its JSON is `copy
/// --json`'s.
#[derive(Debug, Serialize)]
pub struct CopiedKey<'a> {
    /// The file it came from, or `-` for standard input.
    pub source: &'a str,
    /// Lower-case type as in generate's JSON: `ed25519`, `rsa`, `ecdsa`.
    #[serde(rename = "type")]
    pub type_name: &'a str,
    pub bits: u32,
    pub comment: &'a str,
    #[serde(rename = "public_key")]
    pub public_line: &'a str,
    #[serde(rename = "fingerprint_sha256", serialize_with = "as_text")]
    pub sha256: &'a Fingerprint,
    pub clipboard: ClipboardReport<'a>,
}

/// Bytes as lower-case hex, two digits each (SSHFP digests, KRL hashes,
/// unknown certificate options, PuTTY MACs and salts).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes `ssh-keygen -l` printed for the same comment, in the C
    /// locale and in C.UTF-8 (OpenSSH 9.2).
    #[test]
    fn visible_escapes_as_ssh_keygen_does() {
        let comment = "caf\u{e9} \u{1b}]52;c;AAAA\u{7} tab\there \u{7f} \u{85} end";
        assert_eq!(
            visible(comment, false),
            "caf\\303\\251 \\033]52;c;AAAA\\007 tab\there \\177 \\302\\205 end"
        );
        assert_eq!(
            visible(comment, true),
            "caf\u{e9} \\033]52;c;AAAA\\007 tab\there \\177 \\302\\205 end"
        );
        assert!(matches!(
            visible("user@host", true),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

/// A key as the fingerprint line shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownKey {
    pub key: KeyData,
    /// ssh-keygen's type label: `ED25519`, `RSA`, `ECDSA-CERT`, …
    pub label: String,
    pub bits: u32,
    /// `None` prints as `no comment`.
    pub comment: Option<String>,
    /// Line of the file the key came from (1 for a private key).
    pub line: usize,
}

impl ShownKey {
    pub fn from_entry(entry: &PublicEntry) -> Self {
        let mut label = keys::type_label(&entry.algorithm);
        if entry.certificate {
            label.push_str("-CERT");
        }
        ShownKey {
            bits: keys::bits(&entry.key),
            key: entry.key.clone(),
            label,
            comment: entry.shown_comment().map(str::to_owned),
            line: entry.line,
        }
    }

    pub fn of_key(key: &KeyData, comment: Option<String>) -> Self {
        ShownKey {
            bits: keys::bits(key),
            label: keys::type_label(&key.algorithm()),
            key: key.clone(),
            comment,
            line: 1,
        }
    }
}

/// What to print for each key.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub hash: FingerprintHash,
    pub randomart: bool,
    pub bubblebabble: bool,
    /// Whether comments are shown for a UTF-8 locale ([`visible`]).
    pub utf8: bool,
}

/// ssh-keygen's `BITS FINGERPRINT COMMENT (TYPE)` line, and with `-v` the art.
pub fn write_text(
    key: &ShownKey,
    shape: Shape,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    let blob = blob_of(&key.key)?;
    let fingerprint = Fingerprint::of(&blob, shape.hash);
    let shown = if shape.bubblebabble {
        bubblebabble(&blob)
    } else {
        fingerprint.to_string()
    };
    writeln!(
        out,
        "{} {} {} ({})",
        key.bits,
        shown,
        visible(key.comment.as_deref().unwrap_or("no comment"), shape.utf8),
        key.label
    )?;
    if shape.randomart {
        out.write_all(randomart(&fingerprint, &key.label, key.bits).as_bytes())?;
    }
    Ok(())
}

fn blob_of(key: &KeyData) -> std::io::Result<Vec<u8>> {
    keys::public_key_blob(key).map_err(|e| std::io::Error::other(e.to_string()))
}
