//! `sshgen test [USER@]HOST|ALIAS`: does this key get in? It runs the
//! system's OpenSSH client, the one git uses (the only program sshgen ever
//! runs), as `ssh -T` in batch mode with a short connect timeout, and says in
//! one line what happened: authenticated (with the server's greeting: code
//! hosts answer an authenticated `ssh -T` with a message, often with a
//! non-zero exit), the key refused, the host key unknown or changed, or no
//! connection.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::json;

use crate::error::{Error, Result};
use crate::platform;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// `[USER@]HOST` or a `Host` alias.
    pub target: String,
    /// The key to offer, alone (`IdentitiesOnly yes`).
    pub identity: Option<PathBuf>,
    pub port: Option<u16>,
    pub json: bool,
}

/// How long ssh may take to connect.
const CONNECT_TIMEOUT_SECONDS: u32 = 10;

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
    let reason = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(|l| l.strip_prefix("ssh: ").unwrap_or(l).to_owned())
        .unwrap_or_else(|| "ssh failed without saying why".to_owned());
    Outcome::ConnectionFailed { reason }
}

/// The ssh client: `ssh`, or `ssh.exe` on Windows, from PATH.
fn ssh_program() -> Result<PathBuf> {
    let name = if cfg!(windows) { "ssh.exe" } else { "ssh" };
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
        .ok_or_else(|| {
            Error::Refused(format!(
                "no OpenSSH client ({name}) on PATH; install it (Debian/Ubuntu: apt install \
                 openssh-client; Windows: Settings > Apps > Optional features > OpenSSH \
                 Client)"
            ))
        })
}

/// The options that make ssh read sshgen's files when sshgen's home is not
/// the account's (ssh takes `~` from the account database, not `$HOME`).
fn own_files() -> Result<Vec<String>> {
    let ssh_dir = platform::ssh_dir()?;
    let home = platform::home_dir()?;
    if platform::account_home().is_some_and(|account| same_folder(&account, &home)) {
        return Ok(Vec::new());
    }
    let config = ssh_dir.join("config");
    let mut args = vec![
        "-F".to_owned(),
        if config.exists() {
            config.display().to_string()
        } else {
            "none".to_owned()
        },
    ];
    args.push("-o".to_owned());
    args.push(format!(
        "UserKnownHostsFile={}",
        ssh_dir.join("known_hosts").display()
    ));
    Ok(args)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Runs ssh against `options.target` and tells what happened.
pub fn attempt(options: &Options) -> Result<(Outcome, String)> {
    let mut command = Command::new(ssh_program()?);
    command.args(own_files()?);
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
        command
            .args(["-o", "IdentitiesOnly=yes", "-i"])
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
    Ok((
        outcome(output.status.code(), &stdout, &stderr),
        stderr.into_owned(),
    ))
}

pub fn run(options: &Options, stdout: &mut impl Write) -> Result<()> {
    let (outcome, ssh_stderr) = attempt(options)?;
    let target = &options.target;
    let key = options
        .identity
        .as_ref()
        .map(|k| k.display().to_string())
        .unwrap_or_else(|| "the keys ssh offers for it".to_owned());
    if options.json {
        let value = json!({
            "target": target,
            "result": outcome.name(),
            "greeting": match &outcome { Outcome::Authenticated { greeting } => Some(greeting), _ => None },
            "reason": match &outcome { Outcome::ConnectionFailed { reason } => Some(reason), _ => None },
            "ssh_stderr": ssh_stderr,
        });
        crate::commands::flushed(crate::render::json_line(stdout, &value), stdout)?;
        return match outcome {
            Outcome::Authenticated { .. } => Ok(()),
            _ => Err(Error::AlreadyReported),
        };
    }
    let shown = |t: &str| crate::render::visible(t, platform::utf8_locale()).into_owned();
    match outcome {
        Outcome::Authenticated { greeting } => {
            let said = if greeting.is_empty() {
                String::new()
            } else {
                format!(": {}", shown(&greeting))
            };
            let printed = writeln!(stdout, "Authenticated to {target} with {key}{said}");
            crate::commands::flushed(printed, stdout)
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
