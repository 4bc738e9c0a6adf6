//! `sshgen config add|list|remove`: `Host` aliases in the user's
//! `~/.ssh/config` that name one key for one host (`IdentityFile` and
//! `IdentitiesOnly yes`), which is what makes a key saved under another name
//! than `id_*`, or one deploy key per repository, work. The text work is in
//! [`crate::ssh_config`]; the file is written like every file sshgen writes.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::ops::host_alias;
use crate::output::{self, Report, Ui};
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
    List,
    Remove {
        alias: String,
    },
}

/// The `Host` blocks of the config: a JSON array, or a table.
#[derive(Serialize)]
#[serde(transparent)]
struct Aliases<'a> {
    blocks: Vec<Alias<'a>>,
}

/// One `Host` block as JSON.
#[derive(Serialize)]
struct Alias<'a> {
    host: &'a [String],
    line: usize,
    hostname: Option<&'a str>,
    user: Option<&'a str>,
    port: Option<&'a str>,
    identity_files: Vec<&'a str>,
    identities_only: Option<bool>,
    #[serde(skip)]
    block: &'a ssh_config::Block,
}

impl<'a> Alias<'a> {
    fn of(block: &'a ssh_config::Block) -> Alias<'a> {
        Alias {
            host: &block.patterns,
            line: block.line,
            hostname: block.value("hostname"),
            user: block.value("user"),
            port: block.value("port"),
            identity_files: block.identity_files().collect(),
            identities_only: block
                .value("identitiesonly")
                .map(|v| v.eq_ignore_ascii_case("yes")),
            block,
        }
    }
}

impl Report for Aliases<'_> {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let blocks: Vec<&ssh_config::Block> = self.blocks.iter().map(|a| a.block).collect();
        table(&blocks, ui, out)
    }
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
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
            for warning in host_alias::add(&file, &entry, *force)? {
                ui.warning(warning);
            }
            ui.notice(format!(
                "Added Host {alias} to {}: HostName {hostname}{}{}, IdentityFile {}.",
                file.display(),
                user.as_ref()
                    .map(|u| format!(", User {u}"))
                    .unwrap_or_default(),
                port.map(|p| format!(", Port {p}")).unwrap_or_default(),
                entry.identity
            ));
            if let Some(note) = host_alias::foreign_home_note(&file) {
                ui.notice(note);
            }
            Ok(())
        }
        Action::List => {
            let text = host_alias::read(&file)?.unwrap_or_default();
            if text.starts_with(ssh_config::BYTE_ORDER_MARK) {
                ui.warning(host_alias::byte_order_mark(&file));
            }
            let blocks: Vec<_> = ssh_config::blocks(&text)
                .into_iter()
                .filter(|b| !b.is_match)
                .collect();
            if blocks.is_empty() {
                ui.aside(format!("No Host blocks in {}", file.display()));
            }
            let report = Aliases {
                blocks: blocks.iter().map(Alias::of).collect(),
            };
            output::emit(ui, &report, stdout)
        }
        Action::Remove { alias } => {
            let count = host_alias::remove(&file, alias)?;
            let blocks = if count > 1 {
                format!(" ({count} blocks)")
            } else {
                String::new()
            };
            ui.notice(format!(
                "Removed Host {alias} from {}{blocks}.",
                file.display()
            ));
            Ok(())
        }
    }
}

/// One row a block: HOST, HOSTNAME, USER, PORT, IDENTITY.
fn table(blocks: &[&ssh_config::Block], ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
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
        writeln!(out, "{}", ui.visible(&line))?;
    }
    Ok(())
}
