//! `sshgen export` and `sshgen import`: public keys to and from the formats of
//! other SSH software, as `ssh-keygen -e` and `ssh-keygen -i` convert them.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::json;
use ssh_key::PublicKey;

use crate::cli::{ExportArgs, ImportArgs};
use crate::convert::{self, ConvertError, Format};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile;
use crate::keys;
use crate::platform;

pub fn run_export(args: &ExportArgs, stdout: &mut impl Write) -> Result<()> {
    let path = platform::expand_tilde(&args.file)?;
    // ssh-keygen -e exports the key alone; the comment it writes comes from
    // the user and host, not from the file.
    let key = PublicKey::from(keyfile::one_public_key(&path)?.key);
    let format = Format::from(args.format);
    let comment = convert::rfc4716_comment(key.key_data(), &platform::default_comment());
    let text = convert::export(key.key_data(), format, &comment)
        .map_err(|e| conversion_error(e, &path))?;
    let printed = if args.json {
        let value = json!({
            "path": path.to_string_lossy(),
            "format": format.name(),
            "type": keys::type_label(&key.algorithm()),
            "bits": keys::bits(key.key_data()),
            "text": text,
        });
        crate::render::json_line(stdout, &value)
    } else {
        stdout.write_all(text.as_bytes())
    };
    crate::commands::flushed(printed, stdout)
}

pub fn run_import(args: &ImportArgs, stdout: &mut impl Write) -> Result<()> {
    let (path, text) = read_text(&args.file)?;
    let detected = convert::detect(&text).ok_or_else(|| Error::KeyFile {
        path: path.clone().into(),
        problem: "no \"---- BEGIN SSH2 PUBLIC KEY ----\", \"-----BEGIN PUBLIC KEY-----\" \
                  or \"-----BEGIN RSA PUBLIC KEY-----\" line; is it an RFC4716, PKCS8 or \
                  PEM public key?"
            .to_owned(),
    })?;
    if let Some(asked) = args.format.map(Format::from) {
        // `--format pem` writes ECDSA keys as a PKCS8 block (as ssh-keygen -e -m PEM
        // does), so it reads them back from one too.
        let pem_ecdsa = asked == Format::Pem && detected == Format::Pkcs8;
        if asked != detected && !pem_ecdsa {
            return Err(Error::KeyFile {
                path: path.into(),
                problem: format!(
                    "holds a {} public key, not {}; pass --format {} or leave --format out",
                    detected.name(),
                    asked.name(),
                    detected.name().to_ascii_lowercase()
                ),
            });
        }
    }
    let key_data =
        convert::import(&text, detected).map_err(|e| conversion_error(e, Path::new(&path)))?;
    // As ssh-keygen -i: the key alone, without a comment.
    let line = keys::public_key_line(&PublicKey::from(key_data.clone()))?;
    let printed = if args.json {
        let fingerprint = keys::fingerprint(&key_data, FingerprintHash::Sha256)?;
        let value = json!({
            "path": path,
            "format": detected.name(),
            "type": keys::type_label(&key_data.algorithm()),
            "bits": keys::bits(&key_data),
            "fingerprint": fingerprint.to_string(),
            "public_key": line,
        });
        crate::render::json_line(stdout, &value)
    } else {
        writeln!(stdout, "{line}")
    };
    crate::commands::flushed(printed, stdout)
}

/// The text of `file`, `-` meaning standard input; and the name to show for it.
fn read_text(file: &Path) -> Result<(String, String)> {
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| Error::io("read", Path::new("standard input"), e))?;
        return Ok(("standard input".to_owned(), text));
    }
    let path = platform::expand_tilde(file)?;
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    Ok((path.to_string_lossy().into_owned(), text))
}

fn conversion_error(error: ConvertError, path: &Path) -> Error {
    match error {
        ConvertError::Unsupported { key_type, format } => Error::UnsupportedConversion {
            key_type,
            format: format.name().to_owned(),
        },
        ConvertError::Malformed(problem) => Error::KeyFile {
            path: path.to_path_buf(),
            problem,
        },
    }
}
