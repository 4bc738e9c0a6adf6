//! Opening an existing private key, for every command that needs the
//! private half (`public`, and `passphrase` and `comment`, which rewrite
//! it): read it with [`keyfile`] in any format it reads and, when it is
//! encrypted, get its passphrase and decrypt it; and choosing what signs
//! with a key ([`signer`]): the ssh-agent when it holds it, else the key.

use std::path::Path;

use ssh_key::PrivateKey;

use crate::error::{Error, Result};
use crate::input::Input;
use crate::keyfile::{self, KeyFileError, KeyInput, PrivateFormat};
use crate::keys::DEFAULT_KDF_ROUNDS;
use crate::passphrase::existing::{OptionNames, existing_passphrase};
use crate::passphrase::{Passphrase, PassphraseSource};
use crate::platform;
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
    /// How a PuTTY key was written (its version and Argon2 settings), to
    /// write it back the same way.
    pub ppk: Option<keyfile::ppk::WriteOptions>,
}

impl UnlockedKey {
    /// For a key read from a format that holds no comment (PEM, PKCS#8) and
    /// so has none: the comment of the `.pub` beside `path`, when that holds
    /// the same key.
    pub fn comment_beside(&self, path: &Path) -> Option<String> {
        if self.format == PrivateFormat::OpenSsh || !self.key.comment().is_empty() {
            return None;
        }
        let (entry, _) = crate::input::pub_beside(path)
            .filter(|(entry, _)| entry.key == *self.key.public_key().key_data())?;
        entry
            .trailing_comment
            .map(|comment| comment.trim_end_matches('\r').to_owned())
    }

    /// `key` as this file is written back: a PuTTY key as PuTTY (its
    /// version and Argon2 settings, a new salt), every other as OpenSSH v1
    /// (aes256-ctr with `rounds` when encrypted, as ssh-keygen writes it
    /// back whatever cipher it had); encrypted with `passphrase` unless it
    /// is empty.
    pub fn written_back(
        &self,
        key: &PrivateKey,
        passphrase: &Passphrase,
        rounds: u32,
        path: &Path,
    ) -> Result<zeroize::Zeroizing<String>> {
        let encrypt = (!passphrase.is_empty()).then(|| passphrase.as_bytes());
        let (form, ppk) = match &self.ppk {
            Some(ppk) => (keyfile::PrivateTextFormat::Ppk, ppk),
            None => (
                keyfile::PrivateTextFormat::Openssh,
                &keyfile::ppk::WriteOptions::default(),
            ),
        };
        keyfile::private_key_text(key, form, encrypt, rounds, ppk, path)
    }

    /// The line that tells a key read in another format is now written as
    /// OpenSSH v1, as ssh-keygen never says but users want to know.
    pub fn conversion_notice(&self, path: &Path) -> Option<String> {
        (!matches!(self.format, PrivateFormat::OpenSsh | PrivateFormat::Ppk)).then(|| {
            format!(
                "Converted {} from {} to the OpenSSH format.",
                path.display(),
                self.format.label()
            )
        })
    }
}

/// Reads the key of `input` and decrypts it, asking with `prompt` when it is
/// encrypted and `source` says to ask (`names` are the options errors
/// suggest). A passphrase that does not open the key is
/// [`Error::IncorrectPassphrase`]. The key keeps the comment of its own
/// file, none for PEM and PKCS#8, as `ssh-keygen -y` shows it.
pub fn open(
    input: &Input,
    source: &PassphraseSource,
    names: OptionNames,
    prompter: &mut dyn Prompter,
    prompt: &str,
) -> Result<UnlockedKey> {
    let bytes = crate::input::read_source(input)?;
    open_then(&bytes, input.name(), source, names, prompter, prompt, |e| e)
}

/// [`open`] for a key already read: `bytes`, named `named` in messages.
pub fn open_bytes(
    bytes: &[u8],
    named: &Path,
    source: &PassphraseSource,
    names: OptionNames,
    prompter: &mut dyn Prompter,
    prompt: &str,
) -> Result<UnlockedKey> {
    open_then(bytes, named, source, names, prompter, prompt, |e| e)
}

/// [`open`] for a command about to rewrite the key at `path`: problems with
/// the file say that nothing changed, and a PEM or PKCS#8 key takes the
/// comment of the `.pub` beside it ([`UnlockedKey::comment_beside`]), so that
/// writing it back as OpenSSH v1 keeps it.
pub fn unlock(
    path: &Path,
    source: &PassphraseSource,
    names: OptionNames,
    prompter: &mut dyn Prompter,
    prompt: &str,
) -> Result<UnlockedKey> {
    let bytes = crate::input::read_source(&Input::File(path.to_path_buf()))?;
    let mut unlocked = open_then(&bytes, path, source, names, prompter, prompt, unchanged)?;
    if let Some(comment) = unlocked.comment_beside(path) {
        unlocked.key.set_comment(comment);
    }
    Ok(unlocked)
}

fn open_then(
    bytes: &[u8],
    named: &Path,
    source: &PassphraseSource,
    names: OptionNames,
    prompter: &mut dyn Prompter,
    prompt: &str,
    wrap: fn(Error) -> Error,
) -> Result<UnlockedKey> {
    let file = match keyfile::parse(bytes) {
        Ok(KeyInput::Private(file)) => file,
        Ok(KeyInput::Public(_)) => return Err(wrap(KeyFileError::NotPrivate.at(named))),
        Err(e) => return Err(wrap(e.at(named))),
    };
    let (key, passphrase, kdf_rounds) = if file.is_encrypted() {
        let passphrase = existing_passphrase(source, names, prompter, prompt, named)?;
        let key = file
            .decrypt(Some(passphrase.as_bytes()), platform::max_kdf_rounds())
            .map_err(|e| wrap(e.at(named)))?;
        let rounds = file.kdf_rounds().unwrap_or(DEFAULT_KDF_ROUNDS);
        (key, passphrase, Some(rounds))
    } else {
        let key = file
            .decrypt(None, platform::max_kdf_rounds())
            .map_err(|e| wrap(e.at(named)))?;
        (key, Passphrase::none(), None)
    };
    Ok(UnlockedKey {
        key,
        passphrase,
        kdf_rounds,
        format: file.format(),
        ppk: file.ppk().map(keyfile::ppk::PpkFile::write_options),
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

/// What signs with a key: the ssh-agent's copy, or the private key itself.
pub enum Signer {
    Agent(crate::agent::signing::AgentKey),
    Key(Box<PrivateKey>),
    /// A security key's key: the authenticator signs.
    SecurityKey(Box<crate::security_key::KeySigner>),
}

impl Signer {
    /// The public half of the signing key.
    pub fn public_key(&self) -> ssh_key::public::KeyData {
        match self {
            Signer::Agent(key) => key.into(),
            Signer::Key(key) => key.public_key().key_data().clone(),
            Signer::SecurityKey(key) => key.public_key(),
        }
    }

    /// Why the last signature failed, when the signer knows more than the
    /// signature crate's error keeps.
    pub fn failure(&self) -> Option<String> {
        match self {
            Signer::SecurityKey(key) => key.failure(),
            _ => None,
        }
    }

    /// What to tell the user before a signature: a security key that wants
    /// a touch (ssh-keygen's words).
    pub fn before_signing(&self) -> Option<String> {
        let Signer::SecurityKey(key) = self else {
            return None;
        };
        let public = key.public_key();
        key.needs_touch().then(|| {
            format!(
                "Confirm user presence for key {} {}",
                crate::keys::type_label(&public.algorithm()),
                crate::keys::fingerprint(&public, crate::fingerprint::FingerprintHash::Sha256)
                    .map(|f| f.to_string())
                    .unwrap_or_default()
            )
        })
    }

    /// A signature of `message` (RSA keys sign with SHA-512).
    pub fn sign(&self, message: &[u8]) -> ssh_key::Result<ssh_key::Signature> {
        let signed = match self {
            Signer::Agent(key) => signature::Signer::try_sign(key, message),
            Signer::Key(key) => signature::Signer::try_sign(&**key, message),
            Signer::SecurityKey(key) => signature::Signer::try_sign(&**key, message),
        };
        signed.map_err(ssh_key::Error::from)
    }
}

/// The signer for `key` (a private key, its `.pub` or a certificate of
/// it), as ssh-keygen picks it: the agent when it holds the key or that
/// certificate (no passphrase asked), else the private key (the stem of the
/// `.pub` or `-cert.pub`, opened with `passphrase`); with `require_agent`
/// (`-U`) the agent or nothing, in ssh-keygen's words. A certificate named
/// comes back beside the signer, as what signatures carry.
pub fn signer(
    key: &Path,
    passphrase: &PassphraseSource,
    require_agent: bool,
    sk_provider: Option<&std::ffi::OsStr>,
    prompter: &mut dyn Prompter,
) -> Result<(Signer, Option<ssh_key::Certificate>)> {
    let public = crate::input::one_public_key(&Input::File(key.to_path_buf()));
    let certificate = match &public {
        Ok(entry) if entry.certificate => Some(read_certificate(key)?),
        _ => None,
    };
    let agent = match crate::agent::socket::Agent::connect() {
        Ok(agent) => Some(agent),
        Err(_) if require_agent => {
            return Err(Error::Agent("Couldn't get agent socket".to_owned()));
        }
        Err(_) => None,
    };
    // An agent that cannot say whether it holds the key counts as not
    // holding it (ssh-keygen too goes on to the private key).
    if let (Some(agent), Ok(public)) = (agent, &public)
        && let Ok(Some(held)) =
            crate::agent::signing::AgentKey::find(agent, &public.key, certificate.as_ref())
    {
        return Ok((Signer::Agent(held), certificate));
    }
    if require_agent {
        return Err(Error::Agent("Couldn't find key in agent".to_owned()));
    }
    let signer = private_signer(key, passphrase, sk_provider, prompter)?;
    if let Some(cert) = &certificate
        && signer.public_key() != *cert.public_key()
    {
        return Err(Error::Refused(format!(
            "the certificate {} is not for the private key beside it",
            key.display()
        )));
    }
    Ok((signer, certificate))
}

/// The certificate in the file `path` (one line).
fn read_certificate(path: &Path) -> Result<ssh_key::Certificate> {
    let text = crate::input::read_text(&Input::File(path.to_path_buf()))?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    line.and_then(crate::sshsig::SignerKey::from_text)
        .and_then(|key| key.certificate().cloned())
        .ok_or_else(|| Error::KeyFile {
            path: path.to_path_buf(),
            problem: "not a certificate whose CA signature verifies".to_owned(),
        })
}

/// The private key of `key` as a signer: the file itself, or for a `.pub`
/// or `-cert.pub` the private key beside it (as ssh-keygen takes either),
/// opened with `passphrase`; a security key's through `sk_provider` (`-w`).
pub fn private_signer(
    key: &Path,
    passphrase: &PassphraseSource,
    sk_provider: Option<&std::ffi::OsStr>,
    prompter: &mut dyn Prompter,
) -> Result<Signer> {
    let name = key.to_str();
    let stem = name.and_then(|k| {
        k.strip_suffix("-cert.pub")
            .or_else(|| k.strip_suffix(".pub"))
    });
    let private = match stem {
        Some(stem) => std::path::PathBuf::from(stem),
        None => key.to_path_buf(),
    };
    let unlocked = open(
        &Input::File(private),
        passphrase,
        OptionNames::Passphrase,
        prompter,
        "Enter passphrase: ",
    )?;
    signer_of(unlocked.key, key, sk_provider, prompter)
}

/// A private key as a signer: a security key's through its authenticator
/// (asking for the PIN first when the key wants it checked, as
/// ssh-keygen does), any other key itself. `named` is the file, for the
/// PIN prompt.
fn signer_of(
    key: PrivateKey,
    named: &Path,
    sk_provider: Option<&std::ffi::OsStr>,
    prompter: &mut dyn Prompter,
) -> Result<Signer> {
    let keypair = key.key_data();
    let Some((_, _, _, flags)) = crate::security_key::key_fields(keypair) else {
        return Ok(Signer::Key(Box::new(key)));
    };
    let pin = if flags & crate::security_key::USER_VERIFICATION_REQUIRED != 0 {
        if !prompter.is_interactive() {
            return Err(Error::Refused(format!(
                "{} wants the security key's PIN, and there is no terminal to ask for it",
                named.display()
            )));
        }
        Some(prompter.secret(&format!(
            "Enter PIN for {} key {}: ",
            crate::keys::type_label(&key.algorithm()),
            named.display()
        ))?)
    } else {
        None
    };
    let route = crate::security_key::Route::choose(sk_provider.map(ToOwned::to_owned));
    let signer = crate::security_key::KeySigner::new(keypair.clone(), route, pin)
        .expect("the key is a security key's");
    Ok(Signer::SecurityKey(Box::new(signer)))
}
