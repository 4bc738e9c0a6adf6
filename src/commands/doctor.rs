//! `sshgen doctor [HOST]`: why ssh does not use a key. Each check is one
//! line, `ok`, `warning` or `problem`, with the fix as a command:
//!
//! - `~/.ssh` and every private key in it: who else may open them (Unix
//!   modes; on Windows the access list, through [`platform`]), a `.pub`
//!   missing or not matching, keys OpenSSH refuses or warns about (DSA,
//!   RSA under 2048 bits), encrypted or not, files that are not readable
//!   keys ([`crate::ops::key_scan`]);
//! - `~/.ssh/config`: `IdentityFile`s that do not exist, a `Host *` block
//!   before more specific ones (ssh takes the first value it finds), SHA-1
//!   RSA signatures turned back on; with HOST, the keys `ssh -G HOST`
//!   would offer;
//! - the ssh-agent: reachable or not (on Windows, when it is not, the state
//!   of its service: not installed, disabled, stopped), and which keys it
//!   holds;
//! - with HOST: its known_hosts entries, against the published keys of a
//!   code host sshgen knows;
//! - which ssh git runs (`GIT_SSH_COMMAND`, `core.sshCommand`; on Windows,
//!   Git's bundled ssh, which does not talk to the Windows agent).
//!
//! `doctor::facts` gathers what is looked at (every file, program and
//! variable read is there); `doctor::rules` judges those values into
//! checks, purely.
//!
//! `--fix` repairs what is safe without asking: a private key open to
//! others is rewritten private (0600; on Windows owner, SYSTEM and
//! Administrators only, inheritance off), `~/.ssh` made 0700 (on Windows
//! the same three, passed on to what is made in it), a missing
//! `.pub` written from the key, and it lists what it changed. The exit
//! status is 1 when a problem is left.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

mod facts;
mod rules;

use crate::error::{Error, Result};
use crate::keyfile::{self, KeyInput};
use crate::keys;
use crate::output::{self, Report, Ui};
use crate::platform::{self, Access};
use crate::store::{self, KeyPaths, WriteLock};

#[derive(Clone, Debug)]
pub struct Options {
    /// A host or `~/.ssh/config` alias to check the way to.
    pub host: Option<String>,
    pub fix: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Problem,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Problem => "problem",
        }
    }
}

/// What `--fix` can do about a check.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Repair {
    /// Make this private key the user's alone, in place
    /// ([`platform::make_private_in_place`]).
    PrivateKey(PathBuf),
    /// Make this folder the user's alone, in place.
    Folder(PathBuf),
    /// Make the ssh config writable by the user alone (0600), in place
    /// (Unix: the mode ssh checks).
    #[cfg(unix)]
    Config(PathBuf),
    /// Write the `.pub` of this private key.
    PublicHalf(PathBuf),
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub status: Status,
    /// What was looked at: a path, `~/.ssh/config`, `ssh-agent`, a host.
    pub subject: String,
    pub message: String,
    /// The command that fixes it.
    pub fix: Option<String>,
    #[serde(skip)]
    repair: Option<Repair>,
    /// Set once `--fix` has repaired it.
    pub fixed: bool,
}

impl Check {
    fn new(status: Status, subject: impl Into<String>, message: impl Into<String>) -> Check {
        Check {
            status,
            subject: subject.into(),
            message: message.into(),
            fix: None,
            repair: None,
            fixed: false,
        }
    }

    fn fix(mut self, command: impl Into<String>) -> Check {
        self.fix = Some(command.into());
        self
    }

    fn repair(mut self, repair: Repair) -> Check {
        self.repair = Some(repair);
        self
    }
}

/// Every check, and what `--fix` changed.
#[derive(Serialize)]
struct Diagnosis {
    checks: Vec<Check>,
    changed: Vec<String>,
}

impl Report for Diagnosis {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        for check in &self.checks {
            let word = if check.fixed {
                "fixed"
            } else {
                check.status.word()
            };
            let mut line = format!("{word:<8} {}: {}", check.subject, check.message);
            if let Some(fix) = check.fix.as_ref().filter(|_| !check.fixed) {
                line.push_str(&format!("; fix: {fix}"));
            }
            writeln!(out, "{}", ui.visible(&line))?;
        }
        if !self.changed.is_empty() {
            writeln!(out, "Changed:")?;
            for change in &self.changed {
                writeln!(out, "  {change}")?;
            }
        }
        Ok(())
    }
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let facts = facts::gather(options.host.as_deref())?;
    let mut checks = rules::judge(&facts);
    let mut changed = Vec::new();
    if options.fix {
        // Only what the home folder's owner owns is changed, whoever runs
        // sshgen (root with the user's HOME, through sudo).
        let owner = platform::ownership::home_owner(&platform::home_dir()?);
        for check in checks.iter_mut().filter(|c| c.status != Status::Ok) {
            let Some(repair) = &check.repair else {
                continue;
            };
            match apply(repair, owner)? {
                Ok(change) => {
                    changed.push(change);
                    check.fixed = true;
                }
                Err(why) => check.message.push_str(&format!("; --fix left it: {why}")),
            }
        }
    }

    let left = checks
        .iter()
        .any(|c| c.status == Status::Problem && !c.fixed);
    output::emit(ui, &Diagnosis { checks, changed }, stdout)?;
    if left {
        return Err(Error::AlreadyReported);
    }
    Ok(())
}

/// Carries a repair out; says what changed, or why it was left
/// (a link, another account's file).
fn apply(repair: &Repair, owner: Option<u32>) -> Result<std::result::Result<String, String>> {
    match repair {
        Repair::PrivateKey(path) => {
            // The mode (on Windows the access list) of the file itself,
            // changed in place: never rewritten, never through a link.
            Ok(platform::make_private_in_place(path, false, owner)
                .map(|()| format!("{}: now only you can open it", path.display()))
                .map_err(|why| why.to_string()))
        }
        #[cfg(unix)]
        Repair::Config(path) => Ok(platform::make_private_in_place(path, false, owner)
            .map(|()| format!("{}: now only you can write to it (0600)", path.display()))
            .map_err(|why| why.to_string())),
        Repair::Folder(dir) => {
            let how = if cfg!(windows) {
                "you, SYSTEM and Administrators, passed on to what is made in it"
            } else {
                "0700"
            };
            Ok(platform::make_private_in_place(dir, true, owner)
                .map(|()| format!("{}: now only you can open it ({how})", dir.display()))
                .map_err(|why| why.to_string()))
        }
        Repair::PublicHalf(path) => {
            let paths = KeyPaths::new(path.clone());
            let lock = WriteLock::acquire(&paths)?;
            let bytes =
                crate::input::read_bounded(crate::input::open_regular(&paths.private)?, path)?;
            let Ok(KeyInput::Private(file)) = keyfile::parse(&bytes) else {
                return Err(Error::KeyFile {
                    path: path.clone(),
                    problem: "no longer a private key".to_owned(),
                });
            };
            let Some(public) = file.public_key() else {
                return Err(Error::KeyFile {
                    path: path.clone(),
                    problem: "its public key is encrypted with it".to_owned(),
                });
            };
            // The comment's own bytes, UTF-8 or not, as ssh-keygen -y writes.
            let line = crate::keys::public_line(public, &file.comment().unwrap_or_default())?;
            store::write_file(
                &lock,
                &paths.public,
                &keys::comment_bytes(&format!("{line}\n")),
                Access::WorldReadable,
            )?;
            Ok(Ok(format!(
                "{}: written from the private key",
                paths.public.display()
            )))
        }
    }
}
