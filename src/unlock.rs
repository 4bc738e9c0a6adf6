//! Opening an existing private key in order to rewrite it (`passphrase`,
//! `comment`): read it with [`keyfile`] in any format it reads and, when it
//! is encrypted, get its passphrase and decrypt it.

use std::path::Path;

use ssh_key::PrivateKey;

use crate::error::{Error, Result};
use crate::keyfile::{self, KeyFileError, KeyInput, PrivateFormat};
use crate::keys::DEFAULT_KDF_ROUNDS;
use crate::passphrase::Passphrase;
use crate::passphrase::existing::{ExistingPassphraseSource, existing_passphrase};
use crate::prompt::Prompter;

/// A decrypted private key and what it takes to write it back the same way.
pub struct UnlockedKey {
    /// The key, decrypted; a PEM or PKCS#8 key carries the comment of the
    /// `.pub` beside it, since those formats hold none.
    pub key: PrivateKey,
    /// The passphrase that opened it; empty when the file was not encrypted.
    pub passphrase: Passphrase,
    /// bcrypt-pbkdf rounds to encrypt it with again; `Some` exactly when it
    /// was encrypted (today's default for formats without rounds).
    pub kdf_rounds: Option<u32>,
    /// The format the file was in; sshgen writes keys back as OpenSSH v1.
    pub format: PrivateFormat,
    /// The cipher an encrypted OpenSSH v1 key was encrypted with.
    pub cipher: Option<ssh_key::Cipher>,
}

impl UnlockedKey {
    /// The line that tells a key read in another format is now written as
    /// OpenSSH v1, as ssh-keygen never says but users want to know.
    pub fn conversion_notice(&self, path: &Path) -> Option<String> {
        (self.format != PrivateFormat::OpenSsh).then(|| {
            format!(
                "Converted {} from {} to the OpenSSH format.",
                path.display(),
                self.format.label()
            )
        })
    }
}

/// Reads the key at `path` and decrypts it, asking with `prompt` when it is
/// encrypted and `source` says to ask. A passphrase that does not open the key
/// is [`Error::IncorrectPassphrase`].
pub fn unlock(
    path: &Path,
    source: &ExistingPassphraseSource,
    prompter: &mut dyn Prompter,
    prompt: &str,
) -> Result<UnlockedKey> {
    let bytes = keyfile::read_source(path)?;
    let file = match keyfile::parse(&bytes) {
        Ok(KeyInput::Private(file)) => file,
        Ok(KeyInput::Public(_)) => return Err(unchanged(KeyFileError::NotPrivate.at(path))),
        Err(e) => return Err(unchanged(e.at(path))),
    };
    let (key, passphrase, kdf_rounds) = if file.is_encrypted() {
        let passphrase = existing_passphrase(source, prompter, prompt, path)?;
        let key = file
            .decrypt(Some(passphrase.as_bytes()))
            .map_err(|e| unchanged(e.at(path)))?;
        let rounds = file.kdf_rounds().unwrap_or(DEFAULT_KDF_ROUNDS);
        (key, passphrase, Some(rounds))
    } else {
        let key = file.decrypt(None).map_err(|e| unchanged(e.at(path)))?;
        (key, Passphrase::none(), None)
    };
    let mut key = key;
    if file.format() != PrivateFormat::OpenSsh
        && key.comment().is_empty()
        && let Some((entry, _)) =
            keyfile::pub_beside(path).filter(|(entry, _)| entry.key == *key.public_key().key_data())
        && let Some(comment) = entry.trailing_comment
    {
        key.set_comment(comment.trim_end_matches('\r'));
    }
    Ok(UnlockedKey {
        key,
        passphrase,
        kdf_rounds,
        format: file.format(),
        cipher: file.openssh_cipher(),
    })
}

/// Says that the file was left as it was, for problems found before writing.
fn unchanged(error: Error) -> Error {
    match error {
        Error::KeyFile { path, problem } => Error::KeyFile {
            path,
            problem: format!("{problem}; nothing changed"),
        },
        other => other,
    }
}
