//! An SSH login attempted with the system's OpenSSH client, the one git
//! uses, and what came of it: `test`'s check, and `access-key`'s proof
//! that a key gets in (a real `git ls-remote`, offering that key alone).
//! The outcome is read from ssh's exit status and its own words; the key
//! that got in is ssh's account of it (its `-v` log), never the one
//! sshgen hoped for.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::platform;

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
pub const GIT_SHELL_GREETING: &str = "fatal: unrecognized command ''";

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
    pub fn name(&self) -> &'static str {
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
    /// The server's software as it announced itself
    /// (`OpenSSH_9.2p1 Debian-2`, `OpenSSH_for_Windows_9.5`).
    pub server: Option<String>,
}

/// What to log in to, and how.
#[derive(Clone, Copy, Debug)]
pub struct Login<'a> {
    /// `[USER@]HOST` or a `Host` alias.
    pub target: &'a str,
    /// The key to offer, alone (`IdentitiesOnly yes`).
    pub identity: Option<&'a Path>,
    pub port: Option<u16>,
    /// Run ssh as git does: no `-F` for sshgen's own home folder.
    pub as_git: bool,
    /// More `-o` options for ssh, as the user gave them.
    pub ssh_options: &'a [String],
}

/// The server's software version from ssh's `-v` log.
fn server_software(log: &str) -> Option<String> {
    log.lines()
        .find_map(|line| line.split_once("remote software version "))
        .map(|(_, version)| version.trim_end_matches('\r').trim().to_owned())
}

/// Runs ssh against `options.target` and tells what happened.
pub fn attempt(options: &Login) -> Result<Attempt> {
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
    if let Some(identity) = options.identity {
        // Offered first and alone of what sshgen adds: no agent's keys.
        command
            .args(["-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-i"])
            .arg(identity);
    }
    if let Some(port) = options.port {
        command.arg("-p").arg(port.to_string());
    }
    for option in options.ssh_options {
        command.arg("-o").arg(option);
    }
    // `--` ends ssh's options: a target cannot be taken for one.
    command.arg("--").arg(options.target);
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
        server: server_software(&log),
    })
}

/// How `git ls-remote` reaches a repository.
#[derive(Clone, Copy, Debug)]
pub enum Route<'a> {
    /// Through a `Host` alias of the config, as a plain `git clone
    /// USER@ALIAS:PATH` does, offering only the alias's key.
    Alias {
        user: &'a str,
        alias: &'a str,
        path: &'a str,
    },
    /// Straight to the server with no config and this key alone: for a
    /// key that no alias names yet (a rotation's new key).
    Direct {
        user: &'a str,
        hostname: &'a str,
        port: u16,
        path: &'a str,
        identity: &'a Path,
        known_hosts: &'a Path,
    },
}

/// What a `git ls-remote` came to.
#[derive(Clone, Debug)]
pub struct Listed {
    pub outcome: Outcome,
    /// How many refs it listed (on success).
    pub refs: usize,
}

/// `path` quoted for the shell git runs `GIT_SSH_COMMAND` with (Git for
/// Windows' too, where a backslash must stay one: double quotes there).
fn for_git_shell(text: &str) -> String {
    if cfg!(windows) {
        format!("\"{text}\"")
    } else {
        platform::shell_quoted(text)
    }
}

/// Runs `git ls-remote` over `route`, offering one key and no agent's, in
/// batch mode and with strict host key checking, with none of `scrub` (the
/// API tokens' variables) in git's or ssh's environment.
pub fn ls_remote(route: Route, scrub: &[&str]) -> Result<Listed> {
    let mut ssh = vec![
        "ssh".to_owned(),
        "-o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes".to_owned(),
        format!("-o StrictHostKeyChecking=yes -o ConnectTimeout={CONNECT_TIMEOUT_SECONDS}"),
    ];
    let url = match route {
        Route::Alias { user, alias, path } => {
            for arg in own_files(platform::ForeignHome::detect().as_ref()) {
                ssh.push(for_git_shell(&arg));
            }
            format!("{user}@{alias}:{path}")
        }
        Route::Direct {
            user,
            hostname,
            port,
            path,
            identity,
            known_hosts,
        } => {
            ssh.push(format!("-F none -o Port={port}"));
            ssh.push(format!(
                "-o {}",
                for_git_shell(&format!("UserKnownHostsFile={}", known_hosts.display()))
            ));
            ssh.push(format!(
                "-i {}",
                for_git_shell(&identity.display().to_string())
            ));
            let host = if hostname.contains(':') {
                format!("[{hostname}]")
            } else {
                hostname.to_owned()
            };
            format!("{user}@{host}:{path}")
        }
    };
    let mut command = Command::new("git");
    for name in scrub {
        command.env_remove(name);
    }
    let output = command
        .args(["ls-remote", "--", &url])
        .env("GIT_SSH_COMMAND", ssh.join(" "))
        .env("GIT_SSH_VARIANT", "ssh")
        .env("GIT_ALLOW_PROTOCOL", "ssh")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_SSH")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("SSH_ASKPASS")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::Refused(format!("cannot run git: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        return Ok(Listed {
            outcome: Outcome::Authenticated {
                greeting: String::new(),
            },
            refs: stdout.lines().filter(|l| !l.trim().is_empty()).count(),
        });
    }
    // git passes ssh's words on; any failure is ssh's or the server's.
    let outcome = match outcome(Some(255), "", &stderr) {
        Outcome::ConnectionFailed { .. } if !stderr.contains("ssh:") => {
            let reason = stderr
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("fatal:") || l.starts_with("ERROR"))
                .or_else(|| stderr.lines().map(str::trim).rfind(|l| !l.is_empty()))
                .unwrap_or("git failed without saying why")
                .to_owned();
            Outcome::ConnectionFailed { reason }
        }
        other => other,
    };
    Ok(Listed { outcome, refs: 0 })
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
