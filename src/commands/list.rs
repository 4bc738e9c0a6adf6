//! `sshgen list [DIR]`: one row a key pair in a folder (default `~/.ssh`):
//! path, type, bits, SHA256 fingerprint, whether encrypted, comment, and the
//! problems OpenSSH would trip over: a private key others can read, a `.pub`
//! that does not match its private key, files that cannot be read.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;
use ssh_key::public::KeyData;

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile::{self, LinePrefix, PublicEntry};
use crate::keys;
use crate::platform;
use crate::render::visible;
use crate::store;

/// One key pair (or a lone file) and what is wrong with it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeyRow {
    /// The private key file, when there is one.
    pub private: Option<PathBuf>,
    /// The `.pub` file, when there is one.
    pub public: Option<PathBuf>,
    pub label: Option<String>,
    pub bits: Option<u32>,
    pub fingerprint: Option<String>,
    pub comment: Option<String>,
    /// `None` when not known (no private key, or it could not be read).
    pub encrypted: Option<bool>,
    /// `openssh`, `pkcs1`, `sec1`, `pkcs8`.
    pub format: Option<&'static str>,
    pub problems: Vec<String>,
}

impl KeyRow {
    fn path(&self) -> &Path {
        self.private
            .as_deref()
            .or(self.public.as_deref())
            .unwrap_or(Path::new(""))
    }

    fn show_key(&mut self, key: &KeyData) {
        self.label = Some(keys::type_label(&key.algorithm()));
        self.bits = Some(keys::bits(key));
        self.fingerprint = keys::fingerprint(key, FingerprintHash::Sha256)
            .ok()
            .map(|fp| fp.to_string());
    }
}

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder; `None` is `~/.ssh`.
    pub dir: Option<PathBuf>,
    pub json: bool,
}

pub fn run(args: &Options, stdout: &mut impl Write) -> Result<()> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => platform::ssh_dir()?,
    };
    let rows = scan(&dir)?;
    let printed = if args.json {
        write_json(&rows, stdout)
    } else {
        if rows.is_empty() {
            eprintln!("No keys in {}", dir.display());
        }
        write_table(&rows, stdout)
    };
    crate::commands::flushed(printed, stdout)
}

/// The rows for every key file in `dir`, sorted by file name.
pub fn scan(dir: &Path) -> Result<Vec<KeyRow>> {
    // Pairs an interrupted write left half done are settled before they are
    // shown (unless a writer is at work on one right now).
    for paths in store::interrupted_pairs(dir) {
        store::recover_if_idle(&paths)?;
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read folder", dir, e))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        // sshgen's own staging, backup and lock files are never keys.
        .filter(|entry| !store::is_staging_name(&entry.file_name()))
        .filter(|entry| std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();

    let mut rows = Vec::new();
    for name in &names {
        let path = dir.join(name);
        if let Some(stem) = name.strip_suffix(".pub") {
            if !names.iter().any(|n| n == stem)
                && let Some(row) = lone_public(&path)
            {
                rows.push(row);
            }
            continue;
        }
        let has_pub = names.iter().any(|n| *n == format!("{name}.pub"));
        if let Some(row) = private_row(&path, has_pub) {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A row for a file that is (or may be) a private key; `None` for files that
/// are plainly something else (config, known_hosts, authorized_keys, …).
fn private_row(path: &Path, has_pub: bool) -> Option<KeyRow> {
    let mut row = KeyRow::default();
    // Bounded: a file larger than any key (a big known_hosts) is no key.
    let bytes = match keyfile::open_regular(path).and_then(|f| keyfile::read_bounded(f, path)) {
        Ok(bytes) => bytes,
        Err(Error::KeyFile { .. }) => return None,
        Err(e) => {
            row.private = Some(path.to_path_buf());
            let why = match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            row.problems.push(format!("cannot read it: {why}"));
            if has_pub {
                pub_side(&mut row, path, None);
            }
            return Some(row);
        }
    };
    let private = match keyfile::parse(&bytes) {
        Ok(keyfile::KeyInput::Private(private)) => Some(private),
        Ok(keyfile::KeyInput::Public(_)) => return None,
        Err(e) if bytes.starts_with(b"-----BEGIN") || has_pub => {
            row.problems.push(format!("not a readable key: {e}"));
            None
        }
        Err(_) => return None,
    };
    row.private = Some(path.to_path_buf());
    if let Ok(true) = platform::private_key_exposed(path) {
        row.problems.push(format!(
            "other users can read this private key and OpenSSH will refuse it; \
             run: chmod 600 {}",
            path.display()
        ));
    }
    let own = private.as_ref().and_then(|p| p.public_key().cloned());
    if let Some(private) = &private {
        row.encrypted = Some(private.is_encrypted());
        row.format = Some(private.format().name());
        row.comment = private.comment().filter(|c| !c.is_empty());
    }
    if let Some(own) = &own {
        row.show_key(own);
    }
    if has_pub {
        pub_side(&mut row, path, own.as_ref());
    } else if own.is_none() && private.is_some() {
        row.problems.push(
            "its public key is encrypted with it and there is no .pub beside it; \
             recreate one with: sshgen public --write FILE"
                .to_owned(),
        );
    }
    Some(row)
}

/// Fills in what the `.pub` beside a private key says, and checks it.
fn pub_side(row: &mut KeyRow, private: &Path, own: Option<&KeyData>) {
    let pub_path = platform::with_pub_suffix(private);
    row.public = Some(pub_path.clone());
    let entry = match read_pub(&pub_path) {
        Ok(entry) => entry,
        Err(problem) => {
            row.problems.push(problem);
            return;
        }
    };
    match own {
        Some(own) if *own != entry.key => row.problems.push(format!(
            "{} does not match the private key; recreate it with: sshgen public --write {}",
            pub_path.display(),
            private.display()
        )),
        Some(_) => {}
        None => row.show_key(&entry.key),
    }
    if row.comment.is_none() {
        row.comment = entry
            .trailing_comment
            .as_deref()
            .map(|c| c.trim_end_matches('\r').to_owned());
    }
}

fn read_pub(pub_path: &Path) -> std::result::Result<PublicEntry, String> {
    let bytes = keyfile::open_regular(pub_path)
        .and_then(|f| keyfile::read_bounded(f, pub_path))
        .map_err(|e| match e {
            Error::Io { source, .. } => format!("cannot read {}: {source}", pub_path.display()),
            other => other.to_string(),
        })?;
    keyfile::parse_public_lines(&bytes)
        .into_iter()
        .find(|e| e.prefix == LinePrefix::None)
        .ok_or_else(|| format!("{} holds no public key", pub_path.display()))
}

/// A `.pub` without its private key: listed when it holds a key.
fn lone_public(path: &Path) -> Option<KeyRow> {
    let mut row = KeyRow {
        public: Some(path.to_path_buf()),
        ..KeyRow::default()
    };
    match read_pub(path) {
        Ok(entry) => {
            row.show_key(&entry.key);
            row.comment = entry
                .trailing_comment
                .as_deref()
                .map(|c| c.trim_end_matches('\r').to_owned());
        }
        Err(problem) if problem.starts_with("cannot read") => row.problems.push(problem),
        Err(_) => return None,
    }
    Some(row)
}

/// An aligned table; each problem on its own indented line under its row.
pub fn write_table(rows: &[KeyRow], out: &mut impl Write) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|row| {
            let utf8 = platform::utf8_locale();
            let mut path = visible(&row.path().display().to_string(), utf8).into_owned();
            if row.private.is_none() {
                path.push_str(" (public only)");
            }
            [
                path,
                row.label.clone().unwrap_or_else(|| "?".to_owned()),
                row.bits.map_or_else(|| "?".to_owned(), |b| b.to_string()),
                row.fingerprint.clone().unwrap_or_else(|| "?".to_owned()),
                match (row.private.is_some(), row.encrypted) {
                    (false, _) => "-".to_owned(),
                    (true, Some(true)) => "yes".to_owned(),
                    (true, Some(false)) => "no".to_owned(),
                    (true, None) => "?".to_owned(),
                },
                visible(row.comment.as_deref().unwrap_or_default(), utf8).into_owned(),
            ]
        })
        .collect();
    let header = ["KEY", "TYPE", "BITS", "FINGERPRINT", "ENCRYPTED", "COMMENT"];
    let mut widths = header.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == 5 {
                text.push_str(cell);
            } else if i == 2 {
                // Numbers line up on the right.
                text.push_str(&format!("{cell:>width$}  ", width = widths[i]));
            } else {
                text.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        text.trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    for (row, cell) in rows.iter().zip(&cells) {
        writeln!(out, "{}", line(cell.each_ref().map(String::as_str)))?;
        for problem in &row.problems {
            writeln!(out, "  ! {problem}")?;
        }
    }
    Ok(())
}

/// One JSON array, one object a row.
pub fn write_json(rows: &[KeyRow], out: &mut impl Write) -> std::io::Result<()> {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            json!({
                "path": row.private.as_ref().map(|p| p.to_string_lossy()),
                "public_key_path": row.public.as_ref().map(|p| p.to_string_lossy()),
                "type": row.label,
                "bits": row.bits,
                "fingerprint": row.fingerprint,
                "comment": row.comment.as_deref().map(crate::render::json_text),
                "encrypted": row.encrypted,
                "format": row.format,
                "problems": row.problems,
            })
        })
        .collect();
    crate::render::json_line(out, &serde_json::Value::from(values))
}
