//! `sshgen import`: a public key from the formats of other SSH software
//! (RFC4716, PKCS8, PEM) as an OpenSSH key line, as `ssh-keygen -i`
//! converts it.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use ssh_key::PublicKey;

use crate::convert::{self, Format};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile;
use crate::keys;
use crate::output::{self, Report, Ui};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: Input,
    /// The format the file must be in; `None` takes what its BEGIN line says.
    pub format: Option<Format>,
}

/// The key read, as an OpenSSH key line (or, for an ssh.com private key,
/// OpenSSL's PEM).
#[derive(Serialize)]
struct Imported {
    path: String,
    format: &'static str,
    #[serde(rename = "type")]
    type_label: String,
    bits: u32,
    fingerprint: String,
    public_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_key: Option<String>,
}

impl Report for Imported {
    fn write_text(&self, _: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.private_key {
            Some(pem) => out.write_all(pem.as_bytes()),
            None => writeln!(out, "{}", self.public_key),
        }
    }
}

pub fn run(args: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let (path, text) = read_text(&args.file)?;
    if convert::is_ssh2_private(&text) {
        return private_key(args, ui, &path, &text, stdout);
    }
    let detected = convert::detect(&text).ok_or_else(|| Error::KeyFile {
        path: path.clone().into(),
        problem: "no \"---- BEGIN SSH2 PUBLIC KEY ----\", \"-----BEGIN PUBLIC KEY-----\" \
                  or \"-----BEGIN RSA PUBLIC KEY-----\" line; is it an RFC4716, PKCS8 or \
                  PEM public key?"
            .to_owned(),
    })?;
    if let Some(asked) = args.format {
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
    let key_data = convert::import(&text, detected).map_err(|e| e.at(Path::new(&path)))?;
    // As ssh-keygen -i: the key alone, without a comment.
    let line = keys::public_key_line(&PublicKey::from(key_data.clone()))?;
    let report = Imported {
        path,
        format: detected.name(),
        type_label: keys::type_label(&key_data.algorithm()),
        bits: keys::bits(&key_data),
        fingerprint: keys::fingerprint(&key_data, FingerprintHash::Sha256)?.to_string(),
        public_key: line,
        private_key: None,
    };
    output::emit(ui, &report, stdout)
}

/// An ssh.com private key, printed as OpenSSL's PEM, as `ssh-keygen -i`
/// prints it.
fn private_key(
    args: &Options,
    ui: &Ui,
    path: &str,
    text: &str,
    stdout: &mut impl Write,
) -> Result<()> {
    if args.format.is_some_and(|f| f != Format::Rfc4716) {
        return Err(Error::KeyFile {
            path: path.into(),
            problem: "holds an ssh.com (RFC4716-style) private key; pass --format rfc4716 or \
                      leave --format out"
                .to_owned(),
        });
    }
    let pair = convert::import_ssh2_private(text).map_err(|e| e.at(Path::new(path)))?;
    let data = ssh_key::private::KeypairData::Rsa(pair);
    let pem = keyfile::pkcs::to_pem(&data).map_err(|e| Error::KeyFile {
        path: path.into(),
        problem: e.to_string(),
    })?;
    let public = ssh_key::public::KeyData::try_from(&data)
        .map_err(|e| Error::key("cannot take the public key", e))?;
    let report = Imported {
        path: path.to_owned(),
        format: "SSH2 private",
        type_label: keys::type_label(&public.algorithm()),
        bits: keys::bits(&public),
        fingerprint: keys::fingerprint(&public, FingerprintHash::Sha256)?.to_string(),
        public_key: keys::public_key_line(&PublicKey::from(public.clone()))?,
        private_key: Some(pem.to_string()),
    };
    output::emit(ui, &report, stdout)
}

/// The text of `input`, read as every key file is (a regular file, at
/// most `crate::input::MAX_KEY_FILE_BYTES`); and the name to show for it.
fn read_text(input: &Input) -> Result<(String, String)> {
    let named = input.name().to_string_lossy().into_owned();
    let bytes = crate::input::read_source(input)?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| Error::KeyFile {
        path: named.clone().into(),
        problem: "not text (it is not valid UTF-8); is it a key in a binary format?".to_owned(),
    })?;
    Ok((named, text))
}
