//! `sshgen config add|list|remove`: `Host` aliases in the user's
//! `~/.ssh/config` that name one key for one host (`IdentityFile` and
//! `IdentitiesOnly yes`), which is what makes a key saved under another name
//! than `id_*`, or one deploy key per repository, work. The text work is in
//! [`crate::ssh_config`]; the file is written like every file sshgen writes.

use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use crate::error::Result;
use crate::ops::host_alias::{self, visible};
use crate::platform;
use crate::ssh_config;

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

pub fn run(options: &Options, stdout: &mut impl Write) -> Result<()> {
    let file = match &options.file {
        Some(file) => file.clone(),
        None => host_alias::default_file()?,
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
            let entry = host_alias::entry(alias, hostname, user.clone(), *port, identity)?;
            host_alias::add(&file, &entry, *force)?;
            eprintln!(
                "Added Host {alias} to {}: HostName {hostname}{}{}, IdentityFile {}.",
                file.display(),
                user.as_ref()
                    .map(|u| format!(", User {}", visible(u)))
                    .unwrap_or_default(),
                port.map(|p| format!(", Port {p}")).unwrap_or_default(),
                visible(&entry.identity)
            );
            host_alias::note_foreign_home(&file);
            Ok(())
        }
        Action::List { json } => {
            let text = host_alias::read(&file)?.unwrap_or_default();
            if text.starts_with(ssh_config::BYTE_ORDER_MARK) {
                eprintln!("sshgen: warning: {}", host_alias::byte_order_mark(&file));
            }
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
            let count = host_alias::remove(&file, alias)?;
            let blocks = if count > 1 {
                format!(" ({count} blocks)")
            } else {
                String::new()
            };
            eprintln!(
                "Removed Host {} from {}{blocks}.",
                visible(alias),
                file.display()
            );
            Ok(())
        }
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
