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
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::error::{Error, Result};
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

/// How long ssh may take to connect.
const CONNECT_TIMEOUT_SECONDS: u32 = 10;

/// A key as ssh's log names it: "PATH TYPE FINGERPRINT", then its flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AcceptedKey {
    pub path: String,
    #[serde(rename = "type")]
    pub key_type: String,
    pub fingerprint: String,
}

/// The key the server accepted, from ssh's `-v` log: the last "Server
/// accepts key:" line before "Authenticated to".
pub fn accepted_key(log: &str) -> Option<AcceptedKey> {
    let mut accepted = None;
    for line in log.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(ident) = line
            .split_once("Server accepts key: ")
            .map(|(_, ident)| ident)
        {
            // The fingerprint is the last field that starts with a hash's
            // name; what comes before it is the path, then the type.
            let at = ident.rfind(" SHA256:").or_else(|| ident.rfind(" MD5:"))?;
            let (before, after) = (&ident[..at], &ident[at + 1..]);
            let (path, key_type) = before.rsplit_once(' ')?;
            let fingerprint = after.split(' ').next()?;
            accepted = Some(AcceptedKey {
                path: path.to_owned(),
                key_type: key_type.to_owned(),
                fingerprint: fingerprint.to_owned(),
            });
        }
        if line.contains("Authenticated to ") {
            return accepted;
        }
    }
    None
}

/// What git-shell answers `ssh -T` with: the key got in, and the server
/// runs nothing but git.
const GIT_SHELL_GREETING: &str = "fatal: unrecognized command ''";

/// What came of the attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Logged in; the server's greeting, if it said one.
    Authenticated { greeting: String },
    /// The server refused every key offered.
    KeyRefused,
    /// No host key is recorded for the server.
    HostKeyUnknown,
    /// A different host key is recorded for the server.
    HostKeyChanged,
    /// No SSH connection came about.
    ConnectionFailed { reason: String },
}

impl Outcome {
    fn name(&self) -> &'static str {
        match self {
            Outcome::Authenticated { .. } => "authenticated",
            Outcome::KeyRefused => "key-refused",
            Outcome::HostKeyUnknown => "host-key-unknown",
            Outcome::HostKeyChanged => "host-key-changed",
            Outcome::ConnectionFailed { .. } => "connection-failed",
        }
    }
}

/// Tells an ssh run's outcome from its exit status and stderr. ssh exits
/// 255 for its own failures; any other status is the remote command's
/// (code hosts answer `ssh -T` with 1), so authentication succeeded.
pub fn outcome(status: Option<i32>, stdout: &str, stderr: &str) -> Outcome {
    if status.is_some_and(|code| code != 255) {
        let greeting = [stdout, stderr]
            .iter()
            .flat_map(|s| s.lines())
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("Warning: Permanently added"))
            .unwrap_or_default()
            .to_owned();
        return Outcome::Authenticated { greeting };
    }
    if stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        || stderr.contains("Host key for ") && stderr.contains("has changed")
    {
        return Outcome::HostKeyChanged;
    }
    if stderr.contains("Host key verification failed")
        || stderr.contains("No ") && stderr.contains("host key is known for")
    {
        return Outcome::HostKeyUnknown;
    }
    if stderr.contains("Permission denied") || stderr.contains("Too many authentication failures") {
        return Outcome::KeyRefused;
    }
    // ssh's own messages, without its -v log's debug lines.
    let reason = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("debug") && !l.starts_with("OpenSSH_"))
        .rfind(|l| !l.is_empty())
        .map(|l| l.strip_prefix("ssh: ").unwrap_or(l).to_owned())
        .unwrap_or_else(|| "ssh failed without saying why".to_owned());
    Outcome::ConnectionFailed { reason }
}

/// The options that make ssh read sshgen's files when sshgen's home is not
/// the account's (ssh takes `~` from the account database, not `$HOME`).
fn own_files(foreign: Option<&platform::ForeignHome>) -> Vec<String> {
    let Some(foreign) = foreign else {
        return Vec::new();
    };
    let ssh_dir = foreign.home.join(".ssh");
    let config = ssh_dir.join("config");
    vec![
        "-F".to_owned(),
        if config.exists() {
            config.display().to_string()
        } else {
            "none".to_owned()
        },
        "-o".to_owned(),
        format!(
            "UserKnownHostsFile={}",
            ssh_dir.join("known_hosts").display()
        ),
    ]
}

/// A private file for ssh's log, removed when dropped.
struct Log(PathBuf);

impl Log {
    fn create() -> Result<Log> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "sshgen-test-{}-{}.log",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        platform::create_new_file(&path, platform::Access::OwnerOnly)
            .map_err(|e| Error::io("create", &path, e))?;
        Ok(Log(path))
    }

    fn text(&self) -> String {
        crate::store::read_text_file(&self.0)
            .ok()
            .flatten()
            .unwrap_or_default()
    }
}

impl Drop for Log {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What one ssh run came to: the outcome, ssh's stderr, and the key ssh
/// says the server accepted.
pub struct Attempt {
    pub outcome: Outcome,
    pub stderr: String,
    pub accepted: Option<AcceptedKey>,
}

/// Runs ssh against `options.target` and tells what happened.
pub fn attempt(options: &Options) -> Result<Attempt> {
    let log = Log::create()?;
    let mut command = Command::new(platform::openssh_program("ssh")?);
    let foreign = platform::ForeignHome::detect().filter(|_| !options.as_git);
    command.args(own_files(foreign.as_ref()));
    // ssh's account of which key got in, kept apart from what the server
    // says on stderr.
    command.arg("-v").arg("-E").arg(&log.0);
    command.args([
        "-T",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=yes",
    ]);
    command
        .arg("-o")
        .arg(format!("ConnectTimeout={CONNECT_TIMEOUT_SECONDS}"));
    if let Some(identity) = &options.identity {
        // Offered first and alone of what sshgen adds: no agent's keys.
        command
            .args(["-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-i"])
            .arg(identity);
    }
    if let Some(port) = options.port {
        command.arg("-p").arg(port.to_string());
    }
    // `--` ends ssh's options: a target cannot be taken for one.
    command.arg("--").arg(&options.target);
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::Refused(format!("cannot run ssh: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // With -E, ssh's own errors go to the log too; what the server says
    // stays on stderr.
    let log = log.text();
    let outcome = match outcome(output.status.code(), &stdout, &stderr) {
        Outcome::Authenticated { greeting } => Outcome::Authenticated { greeting },
        _ => outcome(output.status.code(), &stdout, &format!("{stderr}{log}")),
    };
    let accepted = match outcome {
        Outcome::Authenticated { .. } => accepted_key(&log),
        _ => None,
    };
    Ok(Attempt {
        outcome,
        stderr: stderr.into_owned(),
        accepted,
    })
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
    } = attempt(options)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accepted_key_is_read_from_ssh_s_log() {
        let log = "debug1: Offering public key: /home/a/.ssh/other key ED25519 SHA256:AAAA explicit\r\n\
                   debug1: Authentications that can continue: publickey\r\n\
                   debug1: Offering public key: /home/a/.ssh/id k ED25519 SHA256:BBBB explicit\r\n\
                   debug1: Server accepts key: /home/a/.ssh/id k ED25519 SHA256:BBBB explicit\r\n\
                   Authenticated to 127.0.0.1 ([127.0.0.1]:22) using \"publickey\".\r\n";
        assert_eq!(
            accepted_key(log),
            Some(AcceptedKey {
                path: "/home/a/.ssh/id k".to_owned(),
                key_type: "ED25519".to_owned(),
                fingerprint: "SHA256:BBBB".to_owned(),
            })
        );
        assert_eq!(
            accepted_key("debug1: Server accepts key: x ED25519 SHA256:B\n"),
            None
        );
    }

    #[test]
    fn outcomes_are_told_from_what_ssh_says() {
        assert_eq!(
            outcome(Some(1), "", "Hi me! You've successfully authenticated, but GitHub does not provide shell access.\n"),
            Outcome::Authenticated {
                greeting: "Hi me! You've successfully authenticated, but GitHub does not provide shell access.".to_owned()
            }
        );
        assert_eq!(
            outcome(
                Some(255),
                "",
                "git@127.0.0.1: Permission denied (publickey).\r\n"
            ),
            Outcome::KeyRefused
        );
        assert_eq!(
            outcome(
                Some(255),
                "",
                "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n"
            ),
            Outcome::HostKeyUnknown
        );
        assert_eq!(
            outcome(
                Some(255),
                "",
                "@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\nHost key verification failed.\r\n"
            ),
            Outcome::HostKeyChanged
        );
        assert_eq!(
            outcome(
                Some(255),
                "",
                "ssh: connect to host 127.0.0.1 port 9: Connection refused\r\n"
            ),
            Outcome::ConnectionFailed {
                reason: "connect to host 127.0.0.1 port 9: Connection refused".to_owned()
            }
        );
    }
}
