//! `sshgen list [DIR]`: one row a key pair in a folder (default `~/.ssh`):
//! path, type, bits, SHA256 fingerprint, whether encrypted, comment, and the
//! problems OpenSSH would trip over: a private key others can read, a `.pub`
//! that does not match its private key, files that cannot be read.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::ops::key_scan::{self, KeyRow};
use crate::output::{self, Report, Ui};
use crate::platform;
use crate::render::visible;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder; `None` is `~/.ssh`.
    pub dir: Option<PathBuf>,
}

/// The rows: a JSON array of them, or the table.
#[derive(Serialize)]
#[serde(transparent)]
struct Listed<'a> {
    rows: Vec<Row<'a>>,
}

/// One row as JSON.
#[derive(Serialize)]
struct Row<'a> {
    path: Option<String>,
    public_key_path: Option<String>,
    #[serde(rename = "type")]
    type_label: Option<&'a str>,
    bits: Option<u32>,
    fingerprint: Option<&'a str>,
    comment: Option<String>,
    encrypted: Option<bool>,
    format: Option<&'static str>,
    problems: Vec<String>,
    #[serde(skip)]
    row: &'a KeyRow,
}

impl<'a> Row<'a> {
    fn of(row: &'a KeyRow) -> Row<'a> {
        let lossy = |p: &PathBuf| p.to_string_lossy().into_owned();
        Row {
            path: row.private.as_ref().map(lossy),
            public_key_path: row.public.as_ref().map(lossy),
            type_label: row.label.as_deref(),
            bits: row.bits,
            fingerprint: row.fingerprint.as_deref(),
            comment: row
                .comment
                .as_deref()
                .map(|c| crate::render::json_text(c).into_owned()),
            encrypted: row.encrypted,
            format: row.format,
            problems: row.problems.iter().map(ToString::to_string).collect(),
            row,
        }
    }
}

impl Report for Listed<'_> {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<&KeyRow> = self.rows.iter().map(|r| r.row).collect();
        write_table(&rows, ui, out)
    }
}

pub fn run(args: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => platform::ssh_dir()?,
    };
    let rows = key_scan::scan(&dir)?;
    if rows.is_empty() {
        ui.aside(format!("No keys in {}", dir.display()));
    }
    let report = Listed {
        rows: rows.iter().map(Row::of).collect(),
    };
    output::emit(ui, &report, stdout)
}

/// An aligned table; each problem on its own indented line under its row.
fn write_table(rows: &[&KeyRow], ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|row| {
            let utf8 = ui.context.utf8;
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
