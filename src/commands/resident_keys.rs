//! `sshgen resident-keys` (ssh-keygen's `-K`): the keys kept on a security
//! key (made with `--resident`), written into key files so that this
//! computer can use them: `id_ed25519_sk_rk_APPLICATION_USER` and its
//! `.pub`, named as ssh-keygen names them, the application as the comment.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use ssh_key::PrivateKey;

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile::PrivateTextFormat;
use crate::keys;
use crate::ops::key_pair;
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::{self, Passphrase, PassphraseSource};
use crate::platform;
use crate::prompt::Prompter;
use crate::security_key::{self, Algorithm};
use crate::store::{self, KeyPaths};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// `-w`: the provider library; else `SSH_SK_PROVIDER`, else the helper.
    pub provider: Option<OsString>,
    /// `-O device=`.
    pub device: Option<String>,
    /// Where the files go: ssh-keygen's is the current folder, sshgen's
    /// `~/.ssh` unless `--dir` says otherwise.
    pub dir: Option<PathBuf>,
    /// The passphrase the key files are written with.
    pub passphrase: PassphraseSource,
    pub rounds: u32,
    /// Replace existing files without asking.
    pub force: bool,
}

/// One key written.
#[derive(Serialize)]
struct Saved {
    #[serde(rename = "type")]
    type_label: String,
    application: String,
    user: String,
    fingerprint: String,
    private_key_file: String,
    public_key_file: String,
}

/// Every key written, as `--json` gives them.
#[derive(Serialize)]
#[serde(transparent)]
struct Downloaded {
    keys: Vec<Saved>,
}

impl Report for Downloaded {
    fn write_text(&self, _: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        for key in &self.keys {
            let application = if key.private_key_file.contains("_rk_") {
                format!(" {}", key.application)
            } else {
                String::new()
            };
            writeln!(
                out,
                "Saved {} key{application} to {}",
                key.type_label, key.private_key_file
            )?;
        }
        Ok(())
    }
}

pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut dyn Write,
) -> Result<()> {
    let route = security_key::Route::choose(options.provider.clone());
    let dir = match &options.dir {
        Some(dir) => platform::expand_tilde(dir)?,
        None => platform::ssh_dir()?,
    };
    // As ssh-keygen: the PIN first (empty for none), then the touch.
    let pin = if prompter.is_interactive() {
        Some(prompter.secret("Enter PIN for authenticator: ")?).filter(|pin| !pin.is_empty())
    } else {
        None
    };
    // On stdout, where ssh-keygen says it, before the report.
    if ui.output == Output::Text {
        output::flushed(
            writeln!(
                stdout,
                "You may need to touch your authenticator to authorize key download."
            ),
            stdout,
        )?;
    }
    let resident = security_key::load_resident(&route, options.device.as_deref(), pin.as_ref())
        .map_err(|source| Error::SecurityKey {
            action: "Loading resident keys",
            source,
        })?;
    if resident.is_empty() {
        ui.notice("No keys to download");
    }
    let mut passphrase: Option<Passphrase> = None;
    let mut saved = Vec::new();
    for key in resident {
        let (algorithm, application, _, _) =
            security_key::key_fields(&key.keypair).expect("a resident key is a security key's");
        let application = application.to_owned();
        let paths = KeyPaths::new(dir.join(file_name(algorithm, &application, &key.user)));
        store::ensure_parent_dir(&paths.private)?;
        let replace = key_pair::replace(options.force, &paths, prompter)?;
        let passphrase = match &passphrase {
            Some(passphrase) => passphrase,
            None => passphrase.insert(passphrase::new_passphrase(
                &options.passphrase,
                prompter,
                &paths.private,
            )?),
        };
        let private = PrivateKey::new(key.keypair, application.as_str())
            .map_err(|e| Error::key("cannot assemble the key", e))?;
        key_pair::save(
            &private,
            &paths,
            passphrase,
            options.rounds,
            PrivateTextFormat::Openssh,
            replace,
        )?;
        let public = private.public_key().key_data();
        saved.push(Saved {
            type_label: keys::type_label(&private.algorithm()),
            application,
            user: String::from_utf8_lossy(&key.user).into_owned(),
            fingerprint: keys::fingerprint(public, FingerprintHash::Sha256)?.to_string(),
            private_key_file: paths.private.display().to_string(),
            public_key_file: paths.public.display().to_string(),
        });
    }
    output::emit(ui, &Downloaded { keys: saved }, stdout)
}

/// ssh-keygen's file name for a resident key: `id_ed25519_sk_rk`, then
/// `_APPLICATION` without its `ssh:` (or `ssh://`) when it is more than
/// that, then `_USER`. A part that could lead out of the folder or hold
/// control characters is written in hex (ssh-keygen does so for the user
/// only; an application from the device is no more to be trusted).
pub fn file_name(algorithm: Algorithm, application: &str, user: &[u8]) -> String {
    let stem = match algorithm {
        Algorithm::Ecdsa => "id_ecdsa_sk_rk",
        Algorithm::Ed25519 => "id_ed25519_sk_rk",
    };
    let application = application
        .strip_prefix("ssh://")
        .or_else(|| application.strip_prefix("ssh:"))
        .unwrap_or(application);
    let mut suffix = safe_part(application.as_bytes());
    if !user.is_empty() {
        if !suffix.is_empty() {
            suffix.push('_');
        }
        suffix.push_str(&safe_part(user));
    }
    if suffix.is_empty() {
        stem.to_owned()
    } else {
        format!("{stem}_{suffix}")
    }
}

fn safe_part(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text)
            if !text.contains(['/', '\\'])
                && !text.contains("..")
                && !text.chars().any(char::is_control) =>
        {
            text.to_owned()
        }
        _ => crate::render::hex(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_as_ssh_keygen_names_them() {
        assert_eq!(
            file_name(Algorithm::Ed25519, "ssh:", b""),
            "id_ed25519_sk_rk"
        );
        assert_eq!(
            file_name(Algorithm::Ecdsa, "ssh:work", b"bob"),
            "id_ecdsa_sk_rk_work_bob"
        );
        assert_eq!(
            file_name(Algorithm::Ed25519, "ssh://host", b""),
            "id_ed25519_sk_rk_host"
        );
        assert_eq!(
            file_name(Algorithm::Ed25519, "ssh:", b"me"),
            "id_ed25519_sk_rk_me"
        );
    }

    #[test]
    fn a_name_that_would_leave_the_folder_is_written_in_hex() {
        assert_eq!(
            file_name(Algorithm::Ed25519, "ssh:../../x", b"a/b"),
            "id_ed25519_sk_rk_2e2e2f2e2e2f78_612f62"
        );
        assert_eq!(
            file_name(Algorithm::Ed25519, "ssh:", b"\x1b[2J"),
            "id_ed25519_sk_rk_1b5b324a"
        );
    }
}
