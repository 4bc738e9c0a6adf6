//! `sshgen test [USER@]HOST|ALIAS`: does this key get in? It runs the
//! system's OpenSSH client, the one git uses, as `ssh -T` in batch mode with
//! a short connect timeout, and says in one line what happened:
//! authenticated (with the key that got in and the server's greeting: code
//! hosts answer an authenticated `ssh -T` with a message, often with a
//! non-zero exit), the key refused, the host key unknown or changed, or no
//! connection. The key that got in is ssh's own account of it (its log,
//! `-E FILE -v`: "Server accepts key: …"), never the one sshgen hoped for:
//! with `-i KEY` only that key is offered first, no agent's, and a key of
//! the config that got in instead is named, and the test fails.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ops::ssh_login::{self, AcceptedKey, Attempt, GIT_SHELL_GREETING, Outcome};
use crate::output::{self, Output, Ui};
use crate::platform;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// `[USER@]HOST` or a `Host` alias.
    pub target: String,
    /// The key to offer, alone (`IdentitiesOnly yes`).
    pub identity: Option<PathBuf>,
    pub port: Option<u16>,
    /// Run ssh as git does: no `-F` for sshgen's own home folder.
    pub as_git: bool,
}

/// The key at `path` as ssh's log would name it (its type and SHA-256
/// fingerprint), checked to be a readable key before ssh runs.
fn named_key(path: &Path) -> Result<(String, String)> {
    let input = crate::input::Input::File(path.to_path_buf());
    let entry = crate::input::one_public_key(&input)?;
    let fingerprint =
        crate::keys::fingerprint(&entry.key, crate::fingerprint::FingerprintHash::Sha256)?;
    Ok((
        crate::keys::type_label(&entry.algorithm),
        fingerprint.to_string(),
    ))
}

/// What the attempt came to, as `test --json` says it.
#[derive(Serialize)]
struct Tested<'a> {
    target: &'a str,
    result: &'static str,
    key: Option<&'a AcceptedKey>,
    greeting: Option<&'a str>,
    reason: Option<&'a str>,
    ssh_stderr: &'a str,
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let meant = options.identity.as_deref().map(named_key).transpose()?;
    if !options.as_git
        && let Some(foreign) = platform::ForeignHome::detect()
    {
        ui.aside(format!(
            "{} (`sshgen test --as-git` tests as git will run)",
            foreign.note()
        ));
    }
    let Attempt {
        outcome,
        stderr: ssh_stderr,
        accepted,
        server: _,
    } = ssh_login::attempt(&ssh_login::Login {
        target: &options.target,
        identity: options.identity.as_deref(),
        port: options.port,
        as_git: options.as_git,
        ssh_options: &[],
    })?;
    let target = &options.target;
    let shown = |t: &str| ui.visible(t).into_owned();
    // Another key than the one named got in (one of the config's).
    let instead = match (&meant, &accepted) {
        (Some((_, fingerprint)), Some(key)) if key.fingerprint != *fingerprint => Some(key),
        _ => None,
    };
    if ui.output == Output::Json {
        let report = Tested {
            target,
            result: if instead.is_some() {
                "other-key"
            } else {
                outcome.name()
            },
            key: accepted.as_ref(),
            greeting: match &outcome {
                Outcome::Authenticated { greeting } => Some(greeting),
                _ => None,
            },
            reason: match &outcome {
                Outcome::ConnectionFailed { reason } => Some(reason),
                _ => None,
            },
            ssh_stderr: &ssh_stderr,
        };
        // The text is one line on success and the error otherwise, said
        // below; the JSON is the same document either way.
        output::flushed(output::json_line(stdout, &report), stdout)?;
        return match outcome {
            Outcome::Authenticated { .. } if instead.is_none() => Ok(()),
            _ => Err(Error::AlreadyReported),
        };
    }
    let named = |k: &AcceptedKey| format!("{} ({} {})", shown(&k.path), k.key_type, k.fingerprint);
    let key = match &options.identity {
        Some(identity) => identity.display().to_string(),
        None => "the keys ssh offers for it".to_owned(),
    };
    match outcome {
        Outcome::Authenticated { .. } if instead.is_some() => Err(Error::Refused(format!(
            "{target} refused {key}, and let in {} instead, which ssh offers for it too (from \
             its config); add {key}'s .pub to the service, or drop the other key from the alias",
            named(instead.expect("checked"))
        ))),
        Outcome::Authenticated { greeting } => {
            let with = accepted.as_ref().map_or(key, named);
            let said = if greeting == GIT_SHELL_GREETING {
                ": the server runs git-shell, which offers no shell: git can fetch and push"
                    .to_owned()
            } else if greeting.is_empty() {
                String::new()
            } else {
                format!(": {}", shown(&greeting))
            };
            let printed = writeln!(stdout, "Authenticated to {target} with {with}{said}");
            crate::output::flushed(printed, stdout)
        }
        Outcome::KeyRefused => Err(Error::Refused(format!(
            "{target} refused {key}: add its .pub to the service (sshgen copy KEY puts it on \
             the clipboard) and try again"
        ))),
        Outcome::HostKeyUnknown => Err(Error::Refused(format!(
            "the host key of {target} is not known: `sshgen known-hosts add HOST` records a code \
             host's published key; for another server check its key with its owner and pass \
             it with --key"
        ))),
        Outcome::HostKeyChanged => Err(Error::Refused(format!(
            "the host key of {target} differs from the one recorded in known_hosts: it changed, \
             or something is in between; check the key its owner publishes before removing \
             the old one (sshgen known-hosts remove HOST)"
        ))),
        Outcome::ConnectionFailed { reason } => Err(Error::Refused(format!(
            "cannot connect to {target}: {}",
            shown(&reason)
        ))),
    }
}
