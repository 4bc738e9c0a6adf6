//! Making a key pair: every question settled first ([`plan`]: type and
//! size, the file, the overwrite question, the passphrase, the comment),
//! so that a slow RSA key is never thrown away over a typo and a script
//! fails before the work; then the key made and written ([`create`]),
//! returning what was made. A security key's key (`ed25519-sk`,
//! `ecdsa-sk`) is made by the authenticator in [`create`], which asks for
//! its PIN only if the authenticator wants one. `generate`, the ssh-keygen
//! front end (also its `-A`) and `access-key` make their keys here.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use ssh_key::PrivateKey;

use crate::error::{Error, Result};
use crate::fingerprint::{Fingerprint, FingerprintHash};
use crate::keyfile::{self, PrivateTextFormat};
use crate::keys::{self, KeySpec, TypeChoice};
use crate::passphrase::{self, Passphrase, PassphraseSource};
use crate::platform;
use crate::prompt::Prompter;
use crate::security_key;
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
    /// How a security key makes the key (`-w`, `-O`), for `ed25519-sk` and
    /// `ecdsa-sk`.
    pub security_key: SecurityKeyRequest,
}

/// ssh-keygen's `-w PROVIDER` and its `-O` options for security keys.
#[derive(Clone, Debug, Default)]
pub struct SecurityKeyRequest {
    /// `-w`: a provider library; else `SSH_SK_PROVIDER`, else the helper's
    /// own USB support.
    pub provider: Option<OsString>,
    /// `application=`: `ssh:` unless named; must begin with `ssh:`.
    pub application: Option<String>,
    /// `user=`, stored with a resident key.
    pub user: Option<String>,
    /// `device=`: the authenticator to use.
    pub device: Option<String>,
    /// `challenge=FILE`: the enrolment's challenge, else a random one.
    pub challenge: Option<PathBuf>,
    /// `write-attestation=FILE`.
    pub attestation: Option<PathBuf>,
    /// `no-touch-required`.
    pub no_touch_required: bool,
    /// `verify-required`: the authenticator checks a PIN or fingerprint
    /// at each use.
    pub verify_required: bool,
    /// `resident`: the key is kept on the authenticator.
    pub resident: bool,
    /// Whether to say "touch your authenticator" before it waits.
    pub announce: bool,
}

impl SecurityKeyRequest {
    fn is_default(&self) -> bool {
        self.provider.is_none()
            && self.application.is_none()
            && self.user.is_none()
            && self.device.is_none()
            && self.challenge.is_none()
            && self.attestation.is_none()
            && !self.no_touch_required
            && !self.verify_required
            && !self.resident
    }
}

/// A security key enrolment with nothing left to ask.
struct SecurityKeyPlan {
    route: security_key::Route,
    algorithm: security_key::Algorithm,
    application: String,
    user: Option<String>,
    device: Option<String>,
    challenge: Option<Vec<u8>>,
    attestation: Option<PathBuf>,
    flags: u8,
    announce: bool,
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
    security_key: Option<SecurityKeyPlan>,
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
    /// Where a security key's attestation was written (`write-attestation=`).
    pub attestation: Option<PathBuf>,
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
    let security_key = security_key_plan(key_type, &request.security_key)?;
    if security_key.is_some() && request.format != PrivateTextFormat::Openssh {
        return Err(Error::Usage(
            "a security key's key is kept in the OpenSSH format only".to_owned(),
        ));
    }

    let default_path = platform::ssh_dir()?.join(format!("id_{}", key_type.file_stem()));
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
        security_key,
    })
}

/// The enrolment of a security key type, its options checked as
/// ssh-keygen checks them; `None` for other types, which take none.
fn security_key_plan(
    key_type: keys::KeyType,
    request: &SecurityKeyRequest,
) -> Result<Option<SecurityKeyPlan>> {
    let Some(algorithm) = key_type.security_key() else {
        if request.is_default() {
            return Ok(None);
        }
        return Err(Error::Usage(format!(
            "-w and the -O options of security keys are for -t ed25519-sk or -t ecdsa-sk, not {}",
            key_type.name()
        )));
    };
    let application = request
        .application
        .clone()
        .unwrap_or_else(|| security_key::DEFAULT_APPLICATION.to_owned());
    if !application.starts_with("ssh:") {
        return Err(Error::Usage(
            "FIDO application string must begin with \"ssh:\"".to_owned(),
        ));
    }
    let challenge = match &request.challenge {
        None => None,
        Some(path) => {
            let file = crate::input::open_regular(path)?;
            let bytes = crate::input::read_at_most(file, path, 64 * 1024)?;
            if bytes.is_empty() {
                return Err(Error::Usage(format!(
                    "the enrolment challenge {} is empty",
                    path.display()
                )));
            }
            Some(bytes.to_vec())
        }
    };
    let mut flags = security_key::USER_PRESENCE_REQUIRED;
    if request.no_touch_required {
        flags &= !security_key::USER_PRESENCE_REQUIRED;
    }
    if request.verify_required {
        flags |= security_key::USER_VERIFICATION_REQUIRED;
    }
    if request.resident {
        flags |= security_key::RESIDENT_KEY;
    }
    Ok(Some(SecurityKeyPlan {
        route: security_key::Route::choose(request.provider.clone()),
        algorithm,
        application,
        user: request.user.clone(),
        device: request.device.clone(),
        challenge,
        attestation: request.attestation.clone(),
        flags,
        announce: request.announce,
    }))
}

fn enrolment_failed(source: security_key::SkError) -> Error {
    Error::SecurityKey {
        action: "Key enrollment",
        source,
    }
}

/// The most PINs asked for before giving up, as ssh-keygen.
const PIN_TRIES: usize = 3;

/// Has the security key make the key: ssh-keygen's loop, asking for the
/// PIN when the authenticator wants one (three tries), and whether to
/// replace a resident key of the same application and user.
fn enrol(plan: &SecurityKeyPlan, prompter: &mut dyn Prompter) -> Result<security_key::Enrolled> {
    let mut flags = plan.flags;
    let mut pin: Option<Passphrase> = None;
    let mut tries = 0;
    let mut again = false;
    loop {
        if plan.announce {
            prompter.notice(&format!(
                "You may need to touch your authenticator{} to authorize key generation.",
                if again { " again" } else { "" }
            ));
        }
        let request = security_key::Enrolment {
            algorithm: plan.algorithm,
            application: &plan.application,
            user: plan.user.as_deref(),
            device: plan.device.as_deref(),
            flags,
            challenge: plan.challenge.as_deref(),
        };
        let failure = match security_key::enroll(&plan.route, &request, pin.as_ref()) {
            Ok(enrolled) => return Ok(enrolled),
            Err(e) => e,
        };
        again = true;
        match failure {
            security_key::SkError::CredentialExists
                if flags & security_key::RESIDENT_KEY != 0
                    && flags & security_key::FORCE_OPERATION == 0
                    && prompter.is_interactive() =>
            {
                let question = format!(
                    "A resident key scoped to '{}' with user id '{}' already exists.\n\
                     Overwrite key in token (y/n)? ",
                    plan.application,
                    plan.user.as_deref().unwrap_or("null")
                );
                if !prompter.confirm(&question)? {
                    return Err(enrolment_failed(failure));
                }
                flags |= security_key::FORCE_OPERATION;
            }
            security_key::SkError::PinRequired if prompter.is_interactive() => {
                if pin.is_some() {
                    prompter.notice("PIN incorrect");
                }
                tries += 1;
                if tries > PIN_TRIES {
                    return Err(Error::Refused("Too many incorrect PINs".to_owned()));
                }
                pin = Some(prompter.secret("Enter PIN for authenticator: ")?);
            }
            other => return Err(enrolment_failed(other)),
        }
    }
}

/// With `force` a pair that appears while the key is made is replaced
/// too; without it, only one the user agreed to replace.
pub fn replace(force: bool, paths: &KeyPaths, prompter: &mut dyn Prompter) -> Result<Replace> {
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
            security_key: SecurityKeyRequest::default(),
        };
        Some((label, request))
    })
    .collect()
}

/// Writes `key` as a pair at `paths` (the private key encrypted with
/// `passphrase` unless it is empty); returns the `.pub` line without its
/// line end.
pub fn save(
    key: &PrivateKey,
    paths: &KeyPaths,
    passphrase: &Passphrase,
    rounds: u32,
    format: PrivateTextFormat,
    replace: Replace,
) -> Result<String> {
    let passphrase = (!passphrase.is_empty()).then(|| passphrase.as_bytes());
    let private_text = keyfile::private_key_text(
        key,
        format,
        passphrase,
        rounds,
        &keyfile::ppk::WriteOptions::default(),
        &paths.private,
    )?;
    let public_line = keys::public_key_line(key.public_key())?;
    // Taken after the slow part: concurrent runs make their keys in
    // parallel and write one after the other.
    let lock = WriteLock::acquire(paths)?;
    store::write_key_pair(
        &lock,
        paths,
        private_text.as_bytes(),
        format!("{public_line}\n").as_bytes(),
        replace,
    )?;
    drop(lock);
    Ok(public_line)
}

/// Makes the key of `plan` and writes the pair.
pub fn create(plan: &Plan, prompter: &mut dyn Prompter) -> Result<Created> {
    let created_dir = store::ensure_parent_dir(&plan.paths.private)?;
    let (key, attestation) = match &plan.security_key {
        None => (
            keys::generate(keys::os_rng, plan.spec, &plan.comment)?,
            None,
        ),
        Some(sk) => {
            let enrolled = enrol(sk, prompter)?;
            let key = PrivateKey::new(enrolled.keypair, plan.comment.as_str())
                .map_err(|e| Error::key("cannot assemble the key", e))?;
            (
                key,
                sk.attestation
                    .clone()
                    .map(|path| (path, enrolled.attestation)),
            )
        }
    };
    let public_line = save(
        &key,
        &plan.paths,
        &plan.passphrase,
        plan.rounds,
        plan.format,
        plan.replace,
    )?;
    // After the key: an attestation without its key is of no use.
    if let Some((path, attestation)) = &attestation {
        store::write_output_file(path, attestation, platform::Access::OwnerOnly)?;
    }
    Ok(Created {
        key,
        paths: plan.paths.clone(),
        public_line,
        created_dir,
        attestation: attestation.map(|(path, _)| path),
    })
}
