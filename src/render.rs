//! What commands print: ssh-keygen's exact text for people, JSON for programs.
//! Pure: everything is written to the `impl Write` the caller passes.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use crate::fingerprint::{Fingerprint, randomart};

/// Everything there is to say about a key that was just written.
#[derive(Debug)]
pub struct GeneratedKey<'a> {
    /// Lower-case type as given to `-t`: `ed25519`, `rsa`, `ecdsa`.
    pub type_name: &'a str,
    /// Upper-case label used in randomart: `ED25519`, `RSA`, `ECDSA`.
    pub type_label: &'a str,
    pub bits: u32,
    pub comment: &'a str,
    pub private_path: &'a Path,
    pub public_path: &'a Path,
    pub public_line: &'a str,
    /// The fingerprint in the hash chosen with `-E`.
    pub fingerprint: &'a Fingerprint,
    pub sha256: &'a Fingerprint,
    pub md5: &'a Fingerprint,
    /// bcrypt-pbkdf rounds when encrypted.
    pub kdf_rounds: Option<u32>,
}

/// ssh-keygen's report after making a key, line for line.
pub fn generated_text(key: &GeneratedKey<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "Generating public/private {} key pair.", key.type_name)?;
    writeln!(
        out,
        "Your identification has been saved in {}",
        key.private_path.display()
    )?;
    writeln!(
        out,
        "Your public key has been saved in {}",
        key.public_path.display()
    )?;
    writeln!(out, "The key fingerprint is:")?;
    writeln!(out, "{} {}", key.fingerprint, key.comment)?;
    writeln!(out, "The key's randomart image is:")?;
    out.write_all(randomart(key.fingerprint, key.type_label, key.bits).as_bytes())
}

/// One JSON object on one line.
pub fn generated_json(key: &GeneratedKey<'_>, out: &mut impl Write) -> io::Result<()> {
    let value = json!({
        "type": key.type_name,
        "bits": key.bits,
        "comment": key.comment,
        "private_key_path": key.private_path.to_string_lossy(),
        "public_key_path": key.public_path.to_string_lossy(),
        "public_key": key.public_line,
        "fingerprint": key.fingerprint.to_string(),
        "fingerprint_sha256": key.sha256.to_string(),
        "fingerprint_md5": key.md5.to_string(),
        "randomart": randomart(key.fingerprint, key.type_label, key.bits),
        "encrypted": key.kdf_rounds.is_some(),
        "kdf": key.kdf_rounds.map(|rounds| json!({"name": "bcrypt", "rounds": rounds})),
        "cipher": if key.kdf_rounds.is_some() { "aes256-ctr" } else { "none" },
    });
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}
