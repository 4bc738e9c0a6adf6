//! Making a key pair: every question settled first ([`plan`]: type and
//! size, the file, the overwrite question, the passphrase, the comment),
//! so that a slow RSA key is never thrown away over a typo and a script
//! fails before the work; then the key made and written ([`create`]),
//! returning what was made. `generate`, the ssh-keygen front end (also its
//! `-A`) and `access-key` make their keys here.

use std::ffi::OsStr;
use std::path::PathBuf;

use ssh_key::PrivateKey;

use crate::error::{Error, Result};
use crate::fingerprint::{Fingerprint, FingerprintHash};
use crate::keyfile::{self, PrivateTextFormat};
use crate::keys::{self, KeySpec, TypeChoice};
use crate::passphrase::{self, Passphrase, PassphraseSource};
use crate::platform;
use crate::prompt::Prompter;
use crate::store::{self, KeyPaths, Replace, WriteLock};

/// The key asked for.
#[derive(Clone, Debug)]
pub struct Request {
    pub key_type: TypeChoice,
    /// `-b`; `None` takes the type's default.
    pub bits: Option<u32>,
    /// `-f`; `None` asks at a terminal, else takes `~/.ssh/id_TYPE`.
    pub file: Option<PathBuf>,
    /// `-C`; `None` takes user@host.
    pub comment: Option<String>,
    pub passphrase: PassphraseSource,
    /// bcrypt-pbkdf rounds when there is a passphrase.
    pub rounds: u32,
    /// Replace existing files without asking.
    pub force: bool,
    /// The private key file's format (`-m`).
    pub format: PrivateTextFormat,
}

/// A request with nothing left to ask.
pub struct Plan {
    pub spec: KeySpec,
    pub paths: KeyPaths,
    pub comment: String,
    passphrase: Passphrase,
    rounds: u32,
    format: PrivateTextFormat,
    /// Whether existing files may be replaced (`--force`, or a yes to the
    /// overwrite question); otherwise a file that appears while the key is
    /// made fails the write instead of being replaced.
    pub replace: Replace,
}

impl Plan {
    /// The rounds asked for, when there is a passphrase.
    pub fn kdf_rounds(&self) -> Option<u32> {
        (!self.passphrase.is_empty()).then_some(self.rounds)
    }
}

/// What [`create`] made.
pub struct Created {
    pub key: PrivateKey,
    pub paths: KeyPaths,
    /// The `.pub` file's line, without its newline.
    pub public_line: String,
    /// The key's folder, when it had to be made.
    pub created_dir: Option<PathBuf>,
}

impl Created {
    pub fn fingerprint(&self, hash: FingerprintHash) -> Result<Fingerprint> {
        keys::fingerprint(self.key.public_key().key_data(), hash)
    }

    /// ssh-keygen's type label: `ED25519`, `RSA`, …
    pub fn type_label(&self) -> String {
        keys::type_label(&self.key.algorithm())
    }
}

/// Settles every question of `request`, asking through `prompter` when
/// it is interactive.
pub fn plan(request: &Request, prompter: &mut dyn Prompter) -> Result<Plan> {
    let (key_type, implied_bits) = request.key_type.resolve().ok_or_else(|| {
        Error::Usage(
            "DSA keys are no longer supported by OpenSSH; use -t ed25519 (or -t rsa)".to_owned(),
        )
    })?;
    let bits = match (request.bits, implied_bits) {
        (Some(given), Some(implied)) if given != implied => {
            return Err(Error::Usage(format!(
                "-t {} implies {implied} bits but -b {given} was given; drop one",
                request.key_type.name()
            )));
        }
        (given, implied) => given.or(implied),
    };
    let spec = KeySpec::new(key_type, bits)?;

    let default_path = platform::ssh_dir()?.join(format!("id_{}", key_type.name()));
    let chosen = match &request.file {
        Some(file) => file.clone(),
        None if prompter.is_interactive() => {
            let answer = prompter.line(&format!(
                "Enter file in which to save the key ({}): ",
                default_path.display()
            ))?;
            if answer.trim().is_empty() {
                default_path
            } else {
                PathBuf::from(answer.trim())
            }
        }
        None => default_path,
    };
    let paths = KeyPaths::new(platform::expand_tilde(&chosen)?);
    // An earlier run killed half-way is settled first, so the question below
    // is about a whole pair (or none).
    if store::has_leftovers(&paths) {
        store::recover_if_idle(&paths)?;
    }
    let replace = replace(request.force, &paths, prompter)?;

    if matches!(request.passphrase, PassphraseSource::Ask) && !prompter.is_interactive() {
        return Err(Error::NoPassphraseSource);
    }
    let passphrase = passphrase::new_passphrase(&request.passphrase, prompter, &paths.private)?;
    if request.format == PrivateTextFormat::Pem && !passphrase.is_empty() {
        return Err(keyfile::pem_keeps_no_passphrase(
            "use the PKCS8 or OpenSSH format, or no passphrase",
        ));
    }

    let comment = request
        .comment
        .clone()
        .unwrap_or_else(platform::default_comment);
    keys::check_comment(&comment).map_err(|e| match (&request.comment, e) {
        (None, Error::Usage(why)) => Error::Usage(format!(
            "the default comment {comment:?} (user@host) is not usable: {why}; pass -C"
        )),
        (_, e) => e,
    })?;

    Ok(Plan {
        spec,
        paths,
        comment,
        passphrase,
        rounds: request.rounds,
        format: request.format,
        replace,
    })
}

/// With `force` a pair that appears while the key is made is replaced
/// too; without it, only one the user agreed to replace.
fn replace(force: bool, paths: &KeyPaths, prompter: &mut dyn Prompter) -> Result<Replace> {
    let Some(existing) = paths.first_existing() else {
        return Ok(if force {
            Replace::Allow
        } else {
            Replace::Never
        });
    };
    let existing = existing.to_path_buf();
    if !force {
        if !prompter.is_interactive() {
            return Err(Error::Exists { path: existing });
        }
        let question = format!("{} already exists. Overwrite (y/n)? ", existing.display());
        if !prompter.confirm(&question)? {
            return Err(Error::NotOverwritten { path: existing });
        }
    }
    Ok(Replace::Allow)
}

/// ssh-keygen's `-A`: a request for each default host key type that
/// `PREFIX/etc/ssh` lacks or holds only as an empty file (what Docker
/// images and cloud-init run at first boot), with its label (`RSA`): no
/// passphrase, the type's default size, the default comment, and an empty
/// file replaced.
pub fn missing_host_keys(prefix: &OsStr) -> Vec<(&'static str, Request)> {
    [
        (TypeChoice::Rsa, "RSA", "ssh_host_rsa_key"),
        (TypeChoice::Ecdsa, "ECDSA", "ssh_host_ecdsa_key"),
        (TypeChoice::Ed25519, "ED25519", "ssh_host_ed25519_key"),
    ]
    .into_iter()
    .filter_map(|(key_type, label, name)| {
        let mut path = prefix.to_owned();
        path.push("/etc/ssh/");
        path.push(name);
        let path = PathBuf::from(path);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() != 0) {
            return None;
        }
        let request = Request {
            key_type,
            bits: None,
            file: Some(path),
            comment: None,
            passphrase: PassphraseSource::Argument(String::new()),
            rounds: keys::DEFAULT_KDF_ROUNDS,
            // Only an empty file is in the way (see above).
            force: true,
            format: PrivateTextFormat::Openssh,
        };
        Some((label, request))
    })
    .collect()
}

/// Makes the key of `plan` and writes the pair.
pub fn create(plan: &Plan) -> Result<Created> {
    let created_dir = store::ensure_parent_dir(&plan.paths.private)?;
    let key = keys::generate(keys::os_rng, plan.spec, &plan.comment)?;
    let passphrase = (!plan.passphrase.is_empty()).then(|| plan.passphrase.as_bytes());
    let private_text = keyfile::private_key_text(
        &key,
        plan.format,
        passphrase,
        plan.rounds,
        &keyfile::ppk::WriteOptions::default(),
        &plan.paths.private,
    )?;
    let public_line = keys::public_key_line(key.public_key())?;
    // Taken after the slow part: concurrent runs make their keys in
    // parallel and write one after the other.
    let lock = WriteLock::acquire(&plan.paths)?;
    store::write_key_pair(
        &lock,
        &plan.paths,
        private_text.as_bytes(),
        format!("{public_line}\n").as_bytes(),
        plan.replace,
    )?;
    drop(lock);
    Ok(Created {
        key,
        paths: plan.paths.clone(),
        public_line,
        created_dir,
    })
}
