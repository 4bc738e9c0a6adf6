//! Opening an existing private key in order to rewrite it: read the file and,
//! when it is encrypted, get its passphrase and decrypt it.

use std::path::Path;

use ssh_key::{Kdf, PrivateKey};

use crate::error::{Error, Result};
use crate::keys::DEFAULT_KDF_ROUNDS;
use crate::passphrase::{self, OldPassphraseSource, Passphrase};
use crate::prompt::Prompter;

/// A decrypted private key and what it takes to write it back the same way.
pub struct UnlockedKey {
    /// The key, decrypted.
    pub key: PrivateKey,
    /// The passphrase that opened it; empty when the file was not encrypted.
    pub passphrase: Passphrase,
    /// bcrypt-pbkdf rounds of the file; `Some` exactly when it was encrypted.
    pub kdf_rounds: Option<u32>,
}

/// Reads a private key file, encrypted or not, without decrypting it.
///
/// The one place that decides which private key formats a rewrite accepts:
/// OpenSSH v1 (`BEGIN OPENSSH PRIVATE KEY`) today.
pub fn read_private_key(path: &Path) -> Result<PrivateKey> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
    PrivateKey::from_openssh(text.trim_start()).map_err(|e| Error::KeyFile {
        path: path.to_path_buf(),
        problem: if text.contains("-----BEGIN OPENSSH PRIVATE KEY-----") {
            format!("damaged OpenSSH private key ({e}); nothing changed")
        } else {
            "not an OpenSSH private key (\"-----BEGIN OPENSSH PRIVATE KEY-----\"); \
             pass the private key file, not the .pub; nothing changed"
                .to_owned()
        },
    })
}

/// Reads the key at `path` and decrypts it, asking with `prompt` when it is
/// encrypted and `source` says to ask. A passphrase that does not open the key
/// is [`Error::IncorrectPassphrase`].
pub fn unlock(
    path: &Path,
    source: &OldPassphraseSource,
    prompter: &mut dyn Prompter,
    prompt: &str,
) -> Result<UnlockedKey> {
    let stored = read_private_key(path)?;
    if !stored.is_encrypted() {
        return Ok(UnlockedKey {
            key: stored,
            passphrase: Passphrase::none(),
            kdf_rounds: None,
        });
    }
    let kdf_rounds = Some(match stored.kdf() {
        Kdf::Bcrypt { rounds, .. } => *rounds,
        // OpenSSH encrypts only with bcrypt-pbkdf; anything else is written
        // back with today's default.
        _ => DEFAULT_KDF_ROUNDS,
    });
    let passphrase = passphrase::old_passphrase(source, prompter, prompt, path)?;
    let key = stored.decrypt(passphrase.as_bytes()).map_err(|e| match e {
        // A wrong passphrase yields garbage whose check integers differ.
        ssh_key::Error::Crypto => Error::IncorrectPassphrase {
            path: path.to_path_buf(),
        },
        other => Error::KeyFile {
            path: path.to_path_buf(),
            problem: format!("cannot decrypt the private key ({other}); nothing changed"),
        },
    })?;
    Ok(UnlockedKey {
        key,
        passphrase,
        kdf_rounds,
    })
}
