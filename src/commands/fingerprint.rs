//! `sshgen fingerprint FILE...`: the lines `ssh-keygen -l [-v] [-E] [-B] -f FILE`
//! prints, byte for byte, for every key in every file; or the same as JSON.
//!
//! Which key and comment a file gives follows ssh-keygen: a private key is
//! shown through the `.pub` beside it when there is one (its comment, or its
//! file name when it has none), else through its own public half; key lines
//! show the text after the key, else the options or hosts before it.

use std::io::Write;

use base64ct::Encoding;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::fingerprint::{Fingerprint, FingerprintHash, bubblebabble, randomart};
use crate::input::Input;
use crate::keyfile::{self, KeyFileError, KeyInput, LinePrefix, PrivateKeyFile, PublicEntry};
use crate::keys;
use crate::output::{Listing, Ui};
use crate::render::{Shape, ShownKey, write_text};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub files: Vec<Input>,
    pub hash: FingerprintHash,
    /// Also draw the randomart picture (`-v`).
    pub randomart: bool,
    /// The bubblebabble digest instead of the fingerprint (`-B`).
    pub bubblebabble: bool,
}

/// One key as `fingerprint --json` lists it.
#[derive(Serialize)]
struct KeyJson<'a> {
    path: String,
    line: usize,
    #[serde(rename = "type")]
    type_label: &'a str,
    bits: u32,
    fingerprint: String,
    comment: Option<String>,
    public_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    randomart: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bubblebabble: Option<String>,
}

pub fn run(args: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let shape = Shape {
        hash: args.hash,
        randomart: args.randomart,
        bubblebabble: args.bubblebabble,
        utf8: ui.context.utf8,
    };
    // Lines go out as they are read: a known_hosts of a million lines is
    // never held in memory, neither as keys nor as JSON.
    let mut listing = Listing::begin(ui, stdout)?;
    for input in &args.files {
        for_each_key(input, ui, &mut |key| {
            listing.item(
                || json_of(input, key, shape),
                |out| write_text(key, shape, out),
            )
        })?;
    }
    listing.end()
}

/// Calls `each` with every key of one file, with the comment ssh-keygen
/// would show, reading files of key lines one line at a time.
pub fn for_each_key(
    input: &Input,
    ui: &Ui,
    each: &mut dyn FnMut(&ShownKey) -> Result<()>,
) -> Result<()> {
    use std::io::BufRead;
    let named = input.name();
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, input.open()?);
    let start = reader.fill_buf().map_err(|e| Error::io("read", named, e))?;
    let rfc4716 = start.starts_with(b"---- BEGIN SSH2 PUBLIC KEY ----");
    if keyfile::looks_private(start) || rfc4716 {
        let bytes = crate::input::read_bounded(reader, named)?;
        for key in whole_file_keys(input, &bytes, ui)? {
            each(&key)?;
        }
        return Ok(());
    }
    let (mut found, mut shown) = (0usize, 0usize);
    crate::input::for_each_line(&mut reader, named, |number, line| {
        let Some(entry) = line.and_then(|line| keyfile::lines::parse_line(line, number)) else {
            return Ok(());
        };
        found += 1;
        // ssh-keygen -l reads a marker as a host field and then finds no
        // key after the hosts, so it skips these lines; so do we.
        if matches!(entry.prefix, LinePrefix::Marker { .. }) {
            return Ok(());
        }
        shown += 1;
        each(&ShownKey::from_entry(&entry))
    })?;
    if found == 0 {
        return Err(KeyFileError::NotAKey.at(named));
    }
    if shown == 0 {
        return Err(Error::KeyFile {
            path: named.to_path_buf(),
            problem: "no key to show: it has only @cert-authority or @revoked lines, \
                      which ssh-keygen -l skips too"
                .to_owned(),
        });
    }
    Ok(())
}

/// The keys of a file read whole: a private key, or what [`keyfile::parse`]
/// says of an RFC4716 file.
fn whole_file_keys(input: &Input, bytes: &[u8], ui: &Ui) -> Result<Vec<ShownKey>> {
    let named = input.name();
    let parsed = match (keyfile::parse(bytes), input.path()) {
        // ssh-keygen looks at the .pub before the private key itself, so a
        // key it cannot read (DSA, damaged, unknown format) still shows.
        (Err(_), Some(path)) if keyfile::looks_private(bytes) => {
            if let Some((entry, pub_path)) = crate::input::pub_beside(path) {
                return Ok(vec![shown_through_pub(&entry, &pub_path)]);
            }
            keyfile::parse(bytes)
        }
        (other, _) => other,
    };
    match parsed.map_err(|e| e.at(named))? {
        KeyInput::Public(entries) => Ok(entries
            .iter()
            .filter(|e| !matches!(e.prefix, LinePrefix::Marker { .. }))
            .map(ShownKey::from_entry)
            .collect()),
        KeyInput::Private(private) => Ok(vec![private_key_shown(input, &private, ui)?]),
    }
}

/// A private key as ssh-keygen -l shows it: through the `.pub` beside it
/// when that holds a key, else through its own public half.
fn private_key_shown(input: &Input, private: &PrivateKeyFile, ui: &Ui) -> Result<ShownKey> {
    if let Some(path) = input.path()
        && let Some((entry, pub_path)) = crate::input::pub_beside(path)
    {
        if private.public_key().is_some_and(|own| *own != entry.key) {
            ui.warning(format!(
                "{} does not match {}; showing the .pub as ssh-keygen does",
                pub_path.display(),
                path.display()
            ));
        }
        return Ok(shown_through_pub(&entry, &pub_path));
    }
    let key = private
        .public_key()
        .ok_or_else(|| KeyFileError::PublicKeyEncrypted.at(input.typed()))?;
    Ok(ShownKey::of_key(key, private.comment()))
}

/// The key of a `.pub` shown for its private key: ssh-keygen names the
/// `.pub` file when its line has no comment.
fn shown_through_pub(entry: &PublicEntry, pub_path: &Path) -> ShownKey {
    let comment = match &entry.trailing_comment {
        Some(text) => text.split('\r').next().unwrap_or_default().to_owned(),
        None => pub_path.display().to_string(),
    };
    ShownKey {
        comment: Some(comment),
        ..ShownKey::from_entry(entry)
    }
}

fn json_of<'a>(input: &Input, key: &'a ShownKey, shape: Shape) -> Result<KeyJson<'a>> {
    let blob = keys::public_key_blob(&key.key)?;
    let fingerprint = Fingerprint::of(&blob, shape.hash);
    let type_name = {
        use ssh_key::encoding::Decode;
        String::decode(&mut &blob[..]).unwrap_or_default()
    };
    Ok(KeyJson {
        path: input.typed().to_string_lossy().into_owned(),
        line: key.line,
        type_label: &key.label,
        bits: key.bits,
        fingerprint: fingerprint.to_string(),
        comment: key
            .comment
            .as_deref()
            .map(|c| crate::render::json_text(c).into_owned()),
        public_key: format!("{type_name} {}", base64ct::Base64::encode_string(&blob)),
        randomart: shape
            .randomart
            .then(|| randomart(&fingerprint, &key.label, key.bits)),
        bubblebabble: shape.bubblebabble.then(|| bubblebabble(&blob)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Context, Output};

    /// The keys of one file, with the comments ssh-keygen would show.
    fn keys_in(path: &Path) -> Result<Vec<ShownKey>> {
        let mut shown = Vec::new();
        let ui = Ui::new(Output::Text, Context::plain());
        for_each_key(&Input::File(path.to_path_buf()), &ui, &mut |key| {
            shown.push(key.clone());
            Ok(())
        })?;
        Ok(shown)
    }

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/keys")
            .join(name)
    }

    fn text(name: &str, shape: Shape) -> String {
        let mut out = Vec::new();
        for key in keys_in(&fixture(name)).unwrap() {
            write_text(&key, shape, &mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    fn golden(name: &str) -> String {
        std::fs::read_to_string(fixture(name)).unwrap()
    }

    const PLAIN: Shape = Shape {
        hash: FingerprintHash::Sha256,
        randomart: false,
        bubblebabble: false,
        utf8: false,
    };

    #[test]
    fn fixture_lines_match_ssh_keygen() {
        for name in ["ed25519", "ed25519-nocomment", "rsa4096", "ecdsa521"] {
            let pub_name = format!("{name}.pub");
            assert_eq!(text(&pub_name, PLAIN), golden(&format!("{name}.l.txt")));
            let art = Shape {
                randomart: true,
                hash: FingerprintHash::Md5,
                ..PLAIN
            };
            assert_eq!(text(&pub_name, art), golden(&format!("{name}.lv-md5.txt")));
            let bubble = Shape {
                bubblebabble: true,
                ..PLAIN
            };
            assert_eq!(text(&pub_name, bubble), golden(&format!("{name}.B.txt")));
        }
        let art = Shape {
            randomart: true,
            ..PLAIN
        };
        assert_eq!(text("ed25519-cert.pub", art), golden("ed25519-cert.lv.txt"));
    }

    #[test]
    fn private_key_is_shown_through_its_pub() {
        // ed25519-nocomment.pub has no comment: ssh-keygen names the file.
        let path = fixture("ed25519-nocomment");
        let shown = keys_in(&path).unwrap();
        assert_eq!(
            shown[0].comment.as_deref(),
            Some(
                fixture("ed25519-nocomment.pub")
                    .display()
                    .to_string()
                    .as_str()
            )
        );
        assert_eq!(text("ed25519", PLAIN), golden("ed25519.l.txt"));
    }
}
