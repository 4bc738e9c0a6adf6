//! `sshgen config add|list|remove`: `Host` aliases in the user's
//! `~/.ssh/config` that name one key for one host (`IdentityFile` and
//! `IdentitiesOnly yes`), which is what makes a key saved under another name
//! than `id_*`, or one deploy key per repository, work. The text work is in
//! [`crate::ssh_config`]; the file is written like every file sshgen writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::error::{Error, Result};
use crate::platform::{self, Access};
use crate::ssh_config::{self, EditError, HostEntry};
use crate::store;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub action: Action,
    /// The file; `None` is `~/.ssh/config`.
    pub file: Option<PathBuf>,
}

#[derive(Clone, Debug)]
pub enum Action {
    Add {
        alias: String,
        hostname: String,
        user: Option<String>,
        port: Option<u16>,
        /// The private key.
        identity: PathBuf,
        force: bool,
    },
    List {
        json: bool,
    },
    Remove {
        alias: String,
    },
}

/// `~/.ssh/config`.
pub fn default_file() -> Result<PathBuf> {
    Ok(platform::ssh_dir()?.join("config"))
}

pub fn run(options: &Options, stdout: &mut impl Write) -> Result<()> {
    let file = match &options.file {
        Some(file) => file.clone(),
        None => default_file()?,
    };
    match &options.action {
        Action::Add {
            alias,
            hostname,
            user,
            port,
            identity,
            force,
        } => {
            let entry = host_entry(alias, hostname, user.clone(), *port, identity)?;
            add(&file, &entry, *force)?;
            eprintln!(
                "Added Host {alias} to {}: HostName {hostname}{}{}, IdentityFile {}.",
                file.display(),
                user.as_ref()
                    .map(|u| format!(", User {u}"))
                    .unwrap_or_default(),
                port.map(|p| format!(", Port {p}")).unwrap_or_default(),
                entry.identity
            );
            Ok(())
        }
        Action::List { json } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(Error::io("read", &file, e)),
            };
            let blocks: Vec<_> = ssh_config::blocks(&text)
                .into_iter()
                .filter(|b| !b.is_match)
                .collect();
            let printed = if *json {
                let value: Vec<_> = blocks
                    .iter()
                    .map(|b| {
                        json!({
                            "host": b.patterns,
                            "line": b.line,
                            "hostname": b.value("hostname"),
                            "user": b.value("user"),
                            "port": b.value("port"),
                            "identity_files": b.identity_files().collect::<Vec<_>>(),
                            "identities_only": b.value("identitiesonly").map(|v| v.eq_ignore_ascii_case("yes")),
                        })
                    })
                    .collect();
                crate::render::json_line(stdout, &serde_json::Value::from(value))
            } else {
                if blocks.is_empty() {
                    eprintln!("No Host blocks in {}", file.display());
                }
                table(&blocks, stdout)
            };
            crate::commands::flushed(printed, stdout)
        }
        Action::Remove { alias } => {
            store::edit_text_file(&file, Access::OwnerOnly, false, |text| {
                ssh_config::remove(text, alias)
                    .map(Some)
                    .map_err(|e| edit_error(e, alias, &file))
            })?;
            eprintln!("Removed Host {alias} from {}.", file.display());
            Ok(())
        }
    }
}

/// Refuses an alias that ssh would read as a pattern or as several names.
pub fn check_alias(alias: &str) -> Result<()> {
    if alias.is_empty() || alias.contains(['*', '?', '!', ',', ' ', '\t', '"']) {
        return Err(Error::Usage(format!(
            "{alias:?} cannot be a Host alias: use letters, digits, '-', '_' and '.'"
        )));
    }
    Ok(())
}

/// The block for `alias`, its `IdentityFile` named as ssh will find it.
pub fn host_entry(
    alias: &str,
    hostname: &str,
    user: Option<String>,
    port: Option<u16>,
    identity: &Path,
) -> Result<HostEntry> {
    check_alias(alias)?;
    if !identity.exists() {
        return Err(Error::Usage(format!(
            "{} does not exist; make the key first (sshgen -f {})",
            identity.display(),
            identity.display()
        )));
    }
    Ok(HostEntry {
        alias: alias.to_owned(),
        hostname: hostname.to_owned(),
        user,
        port: port.filter(|p| *p != 22),
        identity: platform::ssh_config_path(identity),
    })
}

/// Adds `entry` to `file` (created 0600 when missing). Options set for
/// every host before the first `Host` line, which ssh reads first, are
/// warned about.
pub fn add(file: &Path, entry: &HostEntry, force: bool) -> Result<()> {
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        for (line, keyword) in ssh_config::global_options(text) {
            if ["hostname", "user", "port", "identityfile", "identitiesonly"]
                .contains(&keyword.as_str())
            {
                eprintln!(
                    "sshgen: warning: {}:{line} sets {keyword} for every host before any Host \
                     line; ssh reads it first, for {} too",
                    file.display(),
                    entry.alias
                );
            }
        }
        ssh_config::add(text, entry, force)
            .map(Some)
            .map_err(|e| edit_error(e, &entry.alias, file))
    })?;
    Ok(())
}

fn edit_error(error: EditError, alias: &str, file: &Path) -> Error {
    match error {
        EditError::Exists { line } => Error::Usage(format!(
            "{}:{line} has a Host {alias} already; pass --force to replace it, or choose \
             another alias",
            file.display()
        )),
        EditError::NotFound => Error::Usage(format!(
            "{} has no Host {alias}; `sshgen config list` shows the aliases it has",
            file.display()
        )),
        EditError::Shared { line } => Error::Usage(format!(
            "{}:{line} names {alias} together with other hosts; edit that line by hand",
            file.display()
        )),
    }
}

/// One row a block: HOST, HOSTNAME, USER, PORT, IDENTITY.
fn table(blocks: &[ssh_config::Block], out: &mut impl Write) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = blocks
        .iter()
        .map(|b| {
            let shown = |v: Option<&str>| v.unwrap_or("-").to_owned();
            [
                b.patterns.join(" "),
                shown(b.value("hostname")),
                shown(b.value("user")),
                shown(b.value("port")),
                shown(b.value("identityfile")),
            ]
        })
        .collect();
    let header = ["HOST", "HOSTNAME", "USER", "PORT", "IDENTITY"].map(str::to_owned);
    let mut widths = header.clone().map(|h| h.len());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < row.len() {
                line.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            } else {
                line.push_str(cell);
            }
        }
        writeln!(
            out,
            "{}",
            crate::render::visible(&line, platform::utf8_locale())
        )?;
    }
    Ok(())
}
