//! Reading key files of every kind sshgen meets: OpenSSH v1 private keys
//! (encrypted or not), PEM PKCS#1, SEC1, PKCS#8 (plain or encrypted) and
//! legacy encrypted PEM as `ssh-keygen -m PEM` writes them, PuTTY's `.ppk`
//! (versions 2 and 3, [`ppk`], which also writes them), `.pub` files,
//! authorized_keys and known_hosts. Pure over bytes ([`parse`],
//! [`public_keys`], [`private_key`]): no file, no environment (limits such
//! as the most bcrypt-pbkdf rounds come in as parameters). The files are
//! read in [`crate::input`].
//!
//! No input makes these functions panic: every byte string either parses or
//! yields a [`KeyFileError`].

pub mod lines;
pub mod pem;
pub mod pkcs;
pub mod ppk;

use std::fmt;
use std::path::Path;

use ssh_key::PrivateKey;
use ssh_key::public::KeyData;
use zeroize::Zeroizing;

use crate::error::Error;
pub use lines::{LinePrefix, PublicEntry, parse_public_lines};
use pem::{LegacyEncryption, PemError};

/// What a key file holds.
#[derive(Debug)]
pub enum KeyInput {
    /// A private key (one a file).
    Private(Box<PrivateKeyFile>),
    /// Public keys one a line, as many as the file has (at least one).
    Public(Vec<PublicEntry>),
}

/// The text forms `copy --private --format` gives a private key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateTextFormat {
    /// `BEGIN OPENSSH PRIVATE KEY`
    Openssh,
    /// `BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)
    Pem,
    /// `BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase
    Pkcs8,
    /// PuTTY's `.ppk` (version 3; `sshgen convert` also writes version 2)
    Ppk,
}

impl PrivateTextFormat {
    /// The form a file of `format` is in.
    pub fn of(format: PrivateFormat) -> PrivateTextFormat {
        match format {
            PrivateFormat::OpenSsh => PrivateTextFormat::Openssh,
            PrivateFormat::Pkcs1 | PrivateFormat::Sec1 => PrivateTextFormat::Pem,
            PrivateFormat::Pkcs8 => PrivateTextFormat::Pkcs8,
            PrivateFormat::Ppk => PrivateTextFormat::Ppk,
        }
    }
}

/// `key` as the text of a private key file in `form`, encrypted with
/// `passphrase` when there is one (OpenSSH v1 with bcrypt-pbkdf at
/// `rounds`, PKCS#8 as ssh-keygen, PuTTY as `ppk` says); PEM cannot keep a
/// passphrase.
pub fn private_key_text(
    key: &PrivateKey,
    form: PrivateTextFormat,
    passphrase: Option<&[u8]>,
    rounds: u32,
    ppk: &ppk::WriteOptions,
    named: &Path,
) -> Result<Zeroizing<String>, Error> {
    let problem = |e: &dyn fmt::Display| Error::KeyFile {
        path: named.to_path_buf(),
        problem: e.to_string(),
    };
    let passphrase = passphrase.filter(|p| !p.is_empty());
    match (form, passphrase) {
        (PrivateTextFormat::Openssh, None) => crate::keys::private_key_text(key),
        (PrivateTextFormat::Openssh, Some(passphrase)) => {
            let encrypted =
                crate::keys::encrypt(&mut crate::keys::os_rng(), key, passphrase, rounds)?;
            crate::keys::private_key_text(&encrypted)
        }
        (PrivateTextFormat::Pem, None) => pkcs::to_pem(key.key_data()).map_err(|e| problem(&e)),
        (PrivateTextFormat::Pem, Some(_)) => Err(pem_keeps_no_passphrase(
            "use PKCS#8, which keeps it, or drop the passphrase",
        )),
        (PrivateTextFormat::Pkcs8, passphrase) => {
            pkcs::to_pkcs8(key.key_data(), passphrase).map_err(|e| problem(&e))
        }
        (PrivateTextFormat::Ppk, passphrase) => {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt).map_err(|e| {
                Error::Refused(format!("the system's random number generator failed: {e}"))
            })?;
            ppk::write(key, passphrase, ppk, salt).map_err(|e| problem(&e))
        }
    }
}

/// The refusal to write a PEM key with a passphrase, ending with
/// `way_out` in the words of the command's options.
pub fn pem_keeps_no_passphrase(way_out: &str) -> Error {
    Error::Usage(format!(
        "a PEM private key cannot keep a passphrase (only OpenSSL's obsolete PEM encryption \
         could); {way_out}"
    ))
}

/// The format a private key file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateFormat {
    /// `BEGIN OPENSSH PRIVATE KEY`, ssh-keygen's default.
    OpenSsh,
    /// `BEGIN RSA PRIVATE KEY` (PKCS#1), `ssh-keygen -m PEM` for RSA.
    Pkcs1,
    /// `BEGIN EC PRIVATE KEY` (SEC1), `ssh-keygen -m PEM` for ECDSA.
    Sec1,
    /// `BEGIN PRIVATE KEY` or `BEGIN ENCRYPTED PRIVATE KEY`, `ssh-keygen -m PKCS8`.
    Pkcs8,
    /// PuTTY's `.ppk` (`PuTTY-User-Key-File-2` or `-3`).
    Ppk,
}

impl PrivateFormat {
    /// The name ssh-keygen's `-m` gives the format, for messages.
    pub fn label(self) -> &'static str {
        match self {
            PrivateFormat::OpenSsh => "OpenSSH",
            PrivateFormat::Pkcs1 | PrivateFormat::Sec1 => "PEM",
            PrivateFormat::Pkcs8 => "PKCS8",
            PrivateFormat::Ppk => "PuTTY",
        }
    }

    /// A short name for listings and JSON.
    pub fn name(self) -> &'static str {
        match self {
            PrivateFormat::OpenSsh => "openssh",
            PrivateFormat::Pkcs1 => "pkcs1",
            PrivateFormat::Sec1 => "sec1",
            PrivateFormat::Pkcs8 => "pkcs8",
            PrivateFormat::Ppk => "ppk",
        }
    }
}

/// A parsed private key file, with what can be known without a passphrase.
#[derive(Debug)]
pub struct PrivateKeyFile {
    format: PrivateFormat,
    content: Content,
}

#[derive(Debug)]
enum Content {
    /// OpenSSH v1: ssh-key keeps the public half in clear even when encrypted.
    OpenSsh(PrivateKey),
    /// A PEM key that was not encrypted, already decoded.
    Plain(PrivateKey),
    /// Legacy `Proc-Type: 4,ENCRYPTED` PEM around PKCS#1 or SEC1 DER.
    LegacyEncrypted {
        encryption: LegacyEncryption,
        body: Zeroizing<Vec<u8>>,
    },
    /// PKCS#8 `EncryptedPrivateKeyInfo` DER.
    EncryptedPkcs8(Zeroizing<Vec<u8>>),
    /// PuTTY's `.ppk`, whose public key and comment are in clear.
    Ppk(Box<ppk::PpkFile>),
}

impl PrivateKeyFile {
    pub fn format(&self) -> PrivateFormat {
        self.format
    }

    /// The bcrypt-pbkdf rounds of an encrypted OpenSSH v1 key; `None` for
    /// every other file, whose encryption has no such count.
    pub fn kdf_rounds(&self) -> Option<u32> {
        match &self.content {
            Content::OpenSsh(key) if key.is_encrypted() => match key.kdf() {
                ssh_key::Kdf::Bcrypt { rounds, .. } => Some(*rounds),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether opening the key needs a passphrase.
    pub fn is_encrypted(&self) -> bool {
        match &self.content {
            Content::OpenSsh(key) => key.is_encrypted(),
            Content::Plain(_) => false,
            Content::LegacyEncrypted { .. } | Content::EncryptedPkcs8(_) => true,
            Content::Ppk(file) => file.is_encrypted(),
        }
    }

    /// The `.ppk` file this is, if it is one (its version, Argon2).
    pub fn ppk(&self) -> Option<&ppk::PpkFile> {
        match &self.content {
            Content::Ppk(file) => Some(file),
            _ => None,
        }
    }

    /// The public key, when the file shows it without a passphrase: always for
    /// OpenSSH v1, PuTTY and unencrypted PEM, never for encrypted PEM or
    /// PKCS#8.
    pub fn public_key(&self) -> Option<&KeyData> {
        match &self.content {
            Content::OpenSsh(key) | Content::Plain(key) => Some(key.public_key().key_data()),
            Content::Ppk(file) => Some(&file.public_key),
            _ => None,
        }
    }

    /// The comment stored in the file, when it can be read without a
    /// passphrase: unencrypted OpenSSH v1 keys and every PuTTY key store
    /// one (maybe empty).
    /// A comment that is not UTF-8 keeps its bytes
    /// ([`crate::keys::comment_text`]).
    pub fn comment(&self) -> Option<String> {
        match &self.content {
            Content::OpenSsh(key) if !key.is_encrypted() => {
                Some(crate::keys::comment_text(key.comment().as_bytes()))
            }
            Content::Ppk(file) => Some(file.comment.clone()),
            _ => None,
        }
    }

    /// The decrypted key. An unencrypted key ignores the passphrase; an
    /// encrypted one with `None` gives [`KeyFileError::PassphraseRequired`],
    /// with a wrong one [`KeyFileError::IncorrectPassphrase`]. An OpenSSH
    /// key asking for more than `max_rounds` bcrypt-pbkdf rounds is refused
    /// before any work ([`crate::keys::MAX_KDF_ROUNDS`] unless the user
    /// raised it).
    pub fn decrypt(
        &self,
        passphrase: Option<&[u8]>,
        max_rounds: u32,
    ) -> Result<PrivateKey, KeyFileError> {
        let needs = || passphrase.ok_or(KeyFileError::PassphraseRequired);
        match &self.content {
            Content::Plain(key) => Ok(key.clone()),
            Content::OpenSsh(key) if !key.is_encrypted() => Ok(key.clone()),
            Content::OpenSsh(key) => {
                // ssh-key reports every cipher failure alike, so a cipher it
                // cannot run is told apart here, before it passes for a
                // wrong passphrase.
                use ssh_key::Cipher;
                if !matches!(
                    key.cipher(),
                    Cipher::Aes128Ctr
                        | Cipher::Aes192Ctr
                        | Cipher::Aes256Ctr
                        | Cipher::Aes128Cbc
                        | Cipher::Aes192Cbc
                        | Cipher::Aes256Cbc
                        | Cipher::Aes128Gcm
                        | Cipher::Aes256Gcm
                        | Cipher::ChaCha20Poly1305
                        | Cipher::TdesCbc
                ) || !key.kdf().is_bcrypt()
                {
                    return Err(KeyFileError::Unsupported(format!(
                        "an OpenSSH key encrypted with {}",
                        key.cipher()
                    )));
                }
                if let ssh_key::Kdf::Bcrypt { rounds, .. } = key.kdf() {
                    let limit = max_rounds;
                    if *rounds > limit {
                        return Err(KeyFileError::TooManyRounds {
                            rounds: *rounds,
                            limit,
                        });
                    }
                }
                // bcrypt-pbkdf's two blocks in parallel: opening a key costs
                // half of what ssh-key's serial derivation does.
                crate::keys::decrypt(key, needs()?).map_err(|_| KeyFileError::IncorrectPassphrase)
            }
            Content::LegacyEncrypted { encryption, body } => {
                let der = pem::decrypt_legacy(encryption, needs()?, body)
                    .ok_or(KeyFileError::IncorrectPassphrase)?;
                let decoded = match self.format {
                    PrivateFormat::Sec1 => pkcs::from_sec1(&der),
                    _ => pkcs::from_pkcs1(&der),
                };
                // Garbage after a lucky unpadding means the passphrase was wrong.
                let keypair = decoded.map_err(|e| match e {
                    pkcs::DerError::Unsupported(what) => KeyFileError::Unsupported(what),
                    _ => KeyFileError::IncorrectPassphrase,
                })?;
                assemble(keypair)
            }
            Content::EncryptedPkcs8(der) => {
                let keypair =
                    pkcs::from_encrypted_pkcs8(der, needs()?).map_err(KeyFileError::from)?;
                assemble(keypair)
            }
            Content::Ppk(file) => {
                let key = file.decrypt(passphrase)?;
                refuse_oversized(key.public_key().key_data())?;
                Ok(key)
            }
        }
    }
}

/// Why a key file could not be read. Local to the pure reader, which knows
/// no path: [`KeyFileError::at`] names the file and makes it an [`Error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFileError {
    /// Neither a private key nor any public key line.
    NotAKey,
    /// Looks like a key but is damaged.
    Malformed(String),
    /// A key of a kind or an encryption sshgen does not read.
    Unsupported(String),
    /// The key is encrypted and no passphrase was given.
    PassphraseRequired,
    /// The passphrase does not open the key.
    IncorrectPassphrase,
    /// The public key of an encrypted PEM/PKCS#8 key is inside the encryption.
    PublicKeyEncrypted,
    /// A private key was needed but the file holds public keys.
    NotPrivate,
    /// The key declares more bcrypt-pbkdf rounds than sshgen runs.
    TooManyRounds { rounds: u32, limit: u32 },
}

impl fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyFileError::NotAKey => {
                f.write_str("not a key file: no private key and no public key line")
            }
            KeyFileError::Malformed(why) => write!(f, "damaged key file: {why}"),
            KeyFileError::Unsupported(what) => write!(f, "unsupported key: {what}"),
            KeyFileError::PassphraseRequired => {
                f.write_str("the key is encrypted and needs its passphrase")
            }
            KeyFileError::IncorrectPassphrase => f.write_str("incorrect passphrase"),
            // Said where no passphrase can be given (fingerprint, list):
            // the way out is a .pub, which `public --write` makes.
            KeyFileError::PublicKeyEncrypted => f.write_str(
                "the public key is encrypted with the private key in this format; \
                 put its .pub beside it (sshgen public --write FILE makes one)",
            ),
            KeyFileError::TooManyRounds { rounds, limit } => write!(
                f,
                "the key asks for {rounds} bcrypt-pbkdf rounds, more than the {limit} \
                 sshgen runs (a damaged or hostile file?); if the key really was made \
                 with that many, set {}={rounds}",
                crate::keys::MAX_KDF_ROUNDS_VAR
            ),
            KeyFileError::NotPrivate => f.write_str(
                "this is a public key, not a private key; pass the private key file (without .pub)",
            ),
        }
    }
}

impl std::error::Error for KeyFileError {}

impl KeyFileError {
    /// The sshgen error for this problem with the file at `path`.
    pub fn at(self, path: &Path) -> Error {
        match self {
            KeyFileError::IncorrectPassphrase => Error::IncorrectPassphrase {
                path: path.to_path_buf(),
            },
            other => Error::KeyFile {
                path: path.to_path_buf(),
                problem: other.to_string(),
            },
        }
    }
}

impl From<pkcs::DerError> for KeyFileError {
    fn from(error: pkcs::DerError) -> Self {
        match error {
            pkcs::DerError::Malformed(why) => KeyFileError::Malformed(why),
            pkcs::DerError::Unsupported(what) => KeyFileError::Unsupported(what),
            pkcs::DerError::WrongPassphrase => KeyFileError::IncorrectPassphrase,
        }
    }
}

/// Whether the input is armoured private key text, judged like ssh-keygen
/// by its first line that is not blank, or a PuTTY key.
pub fn looks_private(input: &[u8]) -> bool {
    if ppk::looks_like(input) {
        return true;
    }
    let first = input
        .split(|b| *b == b'\n')
        .map(|line| line.trim_ascii())
        .find(|line| !line.is_empty());
    first.is_some_and(|line| {
        line.starts_with(b"-----BEGIN ")
            && line
                .windows(b"PRIVATE KEY".len())
                .any(|w| w == b"PRIVATE KEY")
    })
}

/// Reads a key file's bytes: a private key, or public key lines.
pub fn parse(input: &[u8]) -> Result<KeyInput, KeyFileError> {
    if ppk::looks_like(input) {
        let file = ppk::parse(input)?;
        refuse_oversized(&file.public_key)?;
        return Ok(KeyInput::Private(Box::new(PrivateKeyFile {
            format: PrivateFormat::Ppk,
            content: Content::Ppk(Box::new(file)),
        })));
    }
    if looks_private(input) {
        return parse_private(input).map(|key| KeyInput::Private(Box::new(key)));
    }
    if input
        .split(|b| *b == b'\n')
        .next()
        .is_some_and(|line| line.starts_with(b"---- BEGIN SSH2 PUBLIC KEY ----"))
    {
        return Err(KeyFileError::Unsupported(
            "an RFC4716 public key; convert it with sshgen import".to_owned(),
        ));
    }
    let entries = parse_public_lines(input);
    if entries.is_empty() {
        return Err(KeyFileError::NotAKey);
    }
    Ok(KeyInput::Public(entries))
}

/// Reads a private key file (without decrypting it).
pub fn parse_private(input: &[u8]) -> Result<PrivateKeyFile, KeyFileError> {
    let block = pem::parse_block(input).map_err(|e| match e {
        PemError::NoBlock => KeyFileError::NotAKey,
        PemError::Malformed(why) => KeyFileError::Malformed(why),
        PemError::UnsupportedCipher(name) => {
            KeyFileError::Unsupported(format!("PEM encryption with {name}"))
        }
    })?;
    let (format, content) = match (block.label.as_str(), block.encryption) {
        ("OPENSSH PRIVATE KEY", _) => {
            let key = PrivateKey::from_openssh(input)
                .or_else(|e| crate::keys::openssh_from_bytes(&block.body).map_err(|_| e))
                .map_err(|e| KeyFileError::Malformed(format!("OpenSSH private key: {e}")))?;
            refuse_oversized(key.public_key().key_data())?;
            (PrivateFormat::OpenSsh, Content::OpenSsh(key))
        }
        ("RSA PRIVATE KEY", None) => (
            PrivateFormat::Pkcs1,
            Content::Plain(assemble(pkcs::from_pkcs1(&block.body)?)?),
        ),
        ("EC PRIVATE KEY", None) => (
            PrivateFormat::Sec1,
            Content::Plain(assemble(pkcs::from_sec1(&block.body)?)?),
        ),
        ("PRIVATE KEY", None) => (
            PrivateFormat::Pkcs8,
            Content::Plain(assemble(pkcs::from_pkcs8(&block.body)?)?),
        ),
        ("ENCRYPTED PRIVATE KEY", None) => {
            if let Err(e) = pkcs8::EncryptedPrivateKeyInfoRef::try_from(block.body.as_slice())
                && pkcs::pbes2::parse(&block.body).is_none()
            {
                return Err(KeyFileError::Malformed(format!(
                    "not a valid encrypted PKCS#8 key ({e})"
                )));
            }
            (PrivateFormat::Pkcs8, Content::EncryptedPkcs8(block.body))
        }
        (label @ ("RSA PRIVATE KEY" | "EC PRIVATE KEY"), Some(encryption)) => {
            let format = if label.starts_with("EC") {
                PrivateFormat::Sec1
            } else {
                PrivateFormat::Pkcs1
            };
            (
                format,
                Content::LegacyEncrypted {
                    encryption,
                    body: block.body,
                },
            )
        }
        ("DSA PRIVATE KEY", _) => {
            return Err(KeyFileError::Unsupported(
                "a DSA key; OpenSSH no longer accepts DSA".to_owned(),
            ));
        }
        (label, _) => {
            return Err(KeyFileError::Unsupported(format!(
                "a PEM block labelled {label:?}"
            )));
        }
    };
    Ok(PrivateKeyFile { format, content })
}

fn assemble(keypair: ssh_key::private::KeypairData) -> Result<PrivateKey, KeyFileError> {
    let key = PrivateKey::new(keypair, "")
        .map_err(|e| KeyFileError::Unsupported(format!("the key cannot be used with SSH ({e})")))?;
    refuse_oversized(key.public_key().key_data())?;
    Ok(key)
}

/// Refuses what OpenSSH refuses: RSA moduli above 16,384 bits.
fn refuse_oversized(key: &KeyData) -> Result<(), KeyFileError> {
    if crate::keys::size_accepted(key) {
        return Ok(());
    }
    Err(KeyFileError::Unsupported(format!(
        "an RSA key of {} bits; OpenSSH accepts at most {}",
        crate::keys::bits(key),
        crate::keys::RSA_MAX_BITS
    )))
}

/// The public keys in a key file, with their comments: every key line of a
/// public key file, or the public half of a private key (its comment when an
/// unencrypted OpenSSH key stores one). Encrypted PEM/PKCS#8 keys hide their
/// public half: [`KeyFileError::PublicKeyEncrypted`].
pub fn public_keys(input: &[u8]) -> Result<Vec<PublicEntry>, KeyFileError> {
    match parse(input)? {
        KeyInput::Public(entries) => Ok(entries),
        KeyInput::Private(private) => {
            let key = private
                .public_key()
                .ok_or(KeyFileError::PublicKeyEncrypted)?
                .clone();
            Ok(vec![PublicEntry {
                algorithm: key.algorithm(),
                key,
                certificate: false,
                trailing_comment: private.comment().filter(|c| !c.is_empty()),
                prefix: LinePrefix::None,
                line: 1,
            }])
        }
    }
}

/// The decrypted private key in a file. `passphrase` is used only when the
/// key is encrypted.
pub fn private_key(input: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    match parse(input)? {
        KeyInput::Private(private) => private.decrypt(passphrase, crate::keys::MAX_KDF_ROUNDS),
        KeyInput::Public(_) => Err(KeyFileError::NotPrivate),
    }
}

#[cfg(test)]
mod tests;
