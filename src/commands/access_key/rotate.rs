//! `sshgen access-key rotate SERVICE OWNER/REPO`: a new key without a
//! lockout. The new pair is made beside the old one (`KEY.new`), added to
//! the host under the label with the date, and proven by a real `git
//! ls-remote` with the new key alone; only then is it swapped in locally
//! (the old pair kept as `KEY.old` until the end, the alias unchanged),
//! the builds' copy replaced, and only then the old key deleted on the
//! host (matched by its key body, never by its label). Every step is read
//! back from what the host and the folder show, so a rotation killed
//! anywhere is finished by running the same command again.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::remote::{self, ApiOptions};
use crate::code_host::{Api, SecretRequest, StoredSecret};
use crate::error::{Error, Result};
use crate::keys::TypeChoice;
use crate::ops::access_key_records::{self, CiCopy, Record};
use crate::ops::ssh_login::Route;
use crate::ops::{host_key, key_pair};
use crate::output::{self, Report, Ui};
use crate::passphrase::PassphraseSource;
use crate::prompt::Prompter;
use crate::services::Service;
use crate::store::KeyPaths;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub service: Service,
    pub repo: String,
    pub api: ApiOptions,
    /// Leave the old key on the host.
    pub keep_old: bool,
}

/// `KEY` with `suffix` added to its name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What was done, step by step.
#[derive(Serialize)]
struct Rotated {
    service: &'static str,
    repository: String,
    alias: String,
    private_key_path: String,
    steps: Vec<String>,
    new_key_id: u64,
    new_label: String,
    old_key_deleted: bool,
    ci: Option<StoredSecret>,
}

impl Report for Rotated {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Rotated the access key of {} on {}:",
            ui.visible(&self.repository),
            Service::named(self.service).map_or(self.service, Service::label)
        )?;
        for step in &self.steps {
            writeln!(out, "  {}", ui.visible(step))?;
        }
        Ok(())
    }
}

/// The record of `service` and `repo`, or why there is none.
pub fn record_of(service: Service, repo: &str) -> Result<(PathBuf, Record)> {
    let file = access_key_records::default_file()?;
    let record = access_key_records::read(&file)?
        .into_iter()
        .find(|r| r.is_for(service.name(), repo))
        .ok_or_else(|| {
            Error::Usage(format!(
                "sshgen has made no access key for {repo} on {} here (none in {}); \
                 `sshgen access-key {} {repo}` makes one",
                service.label(),
                file.display(),
                service.name()
            ))
        })?;
    Ok((file, record))
}

/// The API of a record's repository; a token is required.
pub fn record_api(record: &Record, service: Service, options: &ApiOptions) -> Result<Api> {
    let options = ApiOptions {
        api_url: options.api_url.clone().or_else(|| record.api_url.clone()),
        token: options.token.clone(),
    };
    let own_host = service.hostname() == Some(record.hostname.as_str());
    let hostname = (!own_host).then_some(record.hostname.as_str());
    remote::api(service, &record.repository, hostname, &options)?.ok_or_else(|| {
        Error::Usage(format!(
            "this needs {}'s API, and no token was found: {}",
            service.label(),
            remote::token_hint(service)
        ))
    })
}

/// The API of the repository whose builds hold a copy of the record's
/// private key, and that copy; `None` when sshgen put none there (no
/// `--ci`, or a pipeline that keeps a key pair of its own).
pub fn builds_api(
    record: &Record,
    service: Service,
    options: &ApiOptions,
) -> Result<Option<(Api, CiCopy)>> {
    let Some(ci) = record
        .ci
        .as_ref()
        .filter(|ci| ci.kind != "pipelines-own-key-pair")
    else {
        return Ok(None);
    };
    let builds = Record {
        repository: ci.repository.clone(),
        ..record.clone()
    };
    Ok(Some((record_api(&builds, service, options)?, ci.clone())))
}

/// The key type to make again: the old key's.
fn same_type(public: &ssh_key::PublicKey) -> (TypeChoice, Option<u32>) {
    use ssh_key::{Algorithm, EcdsaCurve};
    match public.algorithm() {
        Algorithm::Rsa { .. } => {
            let bits = match public.key_data() {
                ssh_key::public::KeyData::Rsa(rsa) => Some(rsa.key_size()),
                _ => None,
            };
            (TypeChoice::Rsa, bits)
        }
        Algorithm::Ecdsa {
            curve: EcdsaCurve::NistP384,
        } => (TypeChoice::EcdsaP384, None),
        Algorithm::Ecdsa {
            curve: EcdsaCurve::NistP521,
        } => (TypeChoice::EcdsaP521, None),
        Algorithm::Ecdsa { .. } => (TypeChoice::EcdsaP256, None),
        Algorithm::SkEd25519 => (TypeChoice::SkEd25519, None),
        Algorithm::SkEcdsaSha2NistP256 => (TypeChoice::SkEcdsa, None),
        _ => (TypeChoice::Ed25519, None),
    }
}

/// The label with today's date instead of an earlier one.
fn dated_label(label: &str) -> String {
    let base = match label.rsplit_once(" (rotated ") {
        Some((base, rest)) if rest.ends_with(')') => base,
        _ => label,
    };
    format!(
        "{base} (rotated {})",
        &crate::certificates::format_time(crate::platform::unix_now())[..10]
    )
}

fn public_of(path: &Path) -> Result<ssh_key::PublicKey> {
    let input = crate::input::Input::File(crate::platform::with_pub_suffix(path));
    let entry = crate::input::one_public_key(&input)?;
    Ok(ssh_key::PublicKey::new(
        entry.key,
        entry
            .trailing_comment
            .unwrap_or_default()
            .trim_end_matches('\r'),
    ))
}

fn line_of(public: &ssh_key::PublicKey) -> Result<String> {
    crate::keys::public_key_line(public)
}

pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    let (records, record) = record_of(options.service, &options.repo)?;
    if options.service == Service::Ssh {
        let old = record
            .public_line()
            .as_deref()
            .and_then(host_key::fingerprint)
            .unwrap_or_else(|| "FINGERPRINT".to_owned());
        return Err(Error::Refused(format!(
            "a plain git server has no API, and rotate does not ask for your login there: \
             `sshgen access-key ssh {} --install --force` makes a new key in this one's place \
             and installs it, then `sshgen authorized-keys remove {old}` on the server removes \
             the old one",
            options.repo
        )));
    }
    let api = record_api(&record, options.service, &options.api)?;
    let mut steps = Vec::new();
    match rotate(options, &record, &api, prompter, &mut steps) {
        Ok(mut rotated) => {
            rotated.steps = steps;
            let mut record = record;
            record.label = rotated.new_label.clone();
            record.api_url = Some(api.base().to_owned());
            access_key_records::put(&records, &record)?;
            output::emit(ui, &rotated, stdout)
        }
        Err(error) => {
            if !steps.is_empty() {
                ui.message(format!(
                    "sshgen: done before this failed: {}",
                    steps.join("; ")
                ));
            }
            ui.message("sshgen: the same command again finishes the rotation");
            Err(error)
        }
    }
}

fn rotate(
    options: &Options,
    record: &Record,
    api: &Api,
    prompter: &mut dyn Prompter,
    steps: &mut Vec<String>,
) -> Result<Rotated> {
    let current = KeyPaths::new(record.key_file.clone());
    let new = KeyPaths::new(beside(&record.key_file, ".new"));
    let old = KeyPaths::new(beside(&record.key_file, ".old"));
    // 1. The new pair beside the old one, unless an interrupted run made it
    // (or swapped it in already: then the old pair is the backup).
    // A `.new` without its `.pub` was cut off while it was written, before
    // the host could hear of it: it is made again.
    let swapped = !new.private.exists() && old.private.exists();
    let made = new.private.exists() && new.public.exists();
    if !swapped && !made {
        let public = public_of(&current.private)?;
        let (key_type, bits) = same_type(&public);
        let request = key_pair::Request {
            key_type,
            bits,
            file: Some(new.private.clone()),
            comment: Some(public.comment().to_string()),
            passphrase: PassphraseSource::None,
            rounds: crate::keys::DEFAULT_KDF_ROUNDS,
            force: true,
            format: crate::keyfile::PrivateTextFormat::Openssh,
            security_key: key_pair::SecurityKeyRequest {
                announce: true,
                ..Default::default()
            },
        };
        key_pair::create(&key_pair::plan(&request, prompter)?, prompter)?;
        steps.push(format!("made the new key {}", new.private.display()));
    }
    if swapped && new.public.exists() {
        // Killed between the swap's two renames: the new public half too.
        crate::store::replace_file(&new.public, &current.public)
            .map_err(|e| Error::io("rename", &new.public, e))?;
    }
    let new_line = line_of(&public_of(if swapped {
        &current.private
    } else {
        &new.private
    })?)?;
    // 2. The new key on the host.
    let label = dated_label(&record.label);
    let (key, added) = remote::ensure_added(api, &label, &new_line, record.write)?;
    steps.push(if added {
        format!(
            "added the new key to {} as \"{}\" (id {})",
            record.repository, key.label, key.id
        )
    } else {
        format!(
            "the new key is on {} as \"{}\" (id {})",
            record.repository, key.label, key.id
        )
    });
    if !swapped {
        // 3. Proof that the new key alone clones.
        let path = options.service.clone_path(&record.repository);
        let known_hosts = crate::ops::host_key::default_file()?;
        let verified = remote::verify(
            Route::Direct {
                user: &record.user,
                hostname: &record.hostname,
                port: record.port.unwrap_or(22),
                path: &path,
                identity: &new.private,
                known_hosts: &known_hosts,
            },
            "with the new key alone",
        )?;
        steps.push(format!(
            "git ls-remote with the new key alone listed {} refs",
            verified.refs
        ));
        // 4. Swapped in locally, the old pair kept until the end.
        swap(&current, &new, &old)?;
        steps.push(format!(
            "swapped the new key in as {} (the old pair kept as {})",
            current.private.display(),
            old.private.display()
        ));
    }
    finish(options, record, api, &current, &old, steps).map(|(deleted, ci)| Rotated {
        service: options.service.name(),
        repository: record.repository.clone(),
        alias: record.alias.clone(),
        private_key_path: current.private.display().to_string(),
        steps: Vec::new(),
        new_key_id: key.id,
        new_label: key.label.clone(),
        old_key_deleted: deleted,
        ci,
    })
}

/// The new pair renamed over the current one, after the current one is
/// copied to `old`. Two renames cannot be one, and ssh refuses a private key
/// whose `.pub` beside it is another key's: so the current `.pub` goes
/// first, and until the new one arrives ssh reads the key from the private
/// file alone. Killed at any point, the alias's key still gets in.
fn swap(current: &KeyPaths, new: &KeyPaths, old: &KeyPaths) -> Result<()> {
    let read = |path: &Path| {
        crate::input::read_source(&crate::input::Input::File(path.to_path_buf()))
            .map(|bytes| bytes.to_vec())
    };
    // The backup, unless an interrupted swap made it and went on.
    if current.public.exists() || !old.private.exists() {
        crate::store::write_files(
            &[
                (old.private.clone(), read(&current.private)?),
                (old.public.clone(), read(&current.public)?),
            ],
            crate::platform::Access::OwnerOnly,
        )?;
    }
    match std::fs::remove_file(&current.public) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io("remove", &current.public, e));
        }
        _ => {}
    }
    for (from, to) in [
        (&new.private, &current.private),
        (&new.public, &current.public),
    ] {
        crate::store::replace_file(from, to).map_err(|e| Error::io("rename", from, e))?;
    }
    Ok(())
}

/// The rest: the builds' copy replaced, then the old key deleted on the
/// host (by its body), then the backup removed. The builds hold the new
/// key before the old one stops working, so they are never locked out.
fn finish(
    options: &Options,
    record: &Record,
    api: &Api,
    current: &KeyPaths,
    old: &KeyPaths,
    steps: &mut Vec<String>,
) -> Result<(bool, Option<StoredSecret>)> {
    let ci = match builds_api(record, options.service, &options.api)? {
        Some((ci_api, ci)) => {
            let private_text = remote::private_text_for_ci(&current.private)?;
            let new_line = line_of(&public_of(&current.private)?)?;
            let stored = ci_api.store_secret(&SecretRequest {
                name: ci.name.as_deref().unwrap_or_default(),
                private_text: &private_text,
                public_line: &new_line,
                known_host: None,
            })?;
            steps.push(format!("replaced the builds' copy in {}", ci.repository));
            Some(stored)
        }
        _ => None,
    };
    let old_line = line_of(&public_of(&old.private)?)?;
    let mut deleted = false;
    if !options.keep_old {
        for key in api.keys()?.into_iter().filter(|k| k.is(&old_line)) {
            api.delete(key.id)?;
            deleted = true;
            steps.push(format!(
                "deleted the old key from {} (id {}, \"{}\")",
                record.repository, key.id, key.label
            ));
        }
    }
    for path in [&old.private, &old.public] {
        let _ = std::fs::remove_file(path);
    }
    Ok((deleted, ci))
}
