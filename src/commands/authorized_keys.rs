//! `sshgen authorized-keys add|list|remove [--file PATH]`: the keys a
//! server lets in (default `~/.ssh/authorized_keys`). `add` writes a key
//! with sshd's options, each checked and quoted as sshd parses it, once;
//! `list` shows what `ssh-keygen -l` shows of each line plus its options;
//! `remove` takes lines out by fingerprint, key file or comment. Every
//! write replaces the file atomically, keeps its mode, and keeps every
//! other line byte for byte.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::authorized_keys::{self, KeyOptions, Listed};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keys;
use crate::ops::default_key;
use crate::output::{self, Listing, Report, Ui};
use crate::platform::{self, Access};
use crate::store;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: Option<PathBuf>,
    pub action: Action,
}

#[derive(Clone, Debug)]
pub enum Action {
    /// The key (a `.pub` file or `-`; default: the usual key) and options.
    Add {
        key: Option<Input>,
        options: Box<KeyOptions>,
    },
    List,
    /// A fingerprint (`SHA256:…`), a key file, or a comment.
    Remove {
        selector: String,
    },
}

fn file_of(options: &Options) -> Result<PathBuf> {
    match &options.file {
        Some(file) => platform::expand_tilde(file),
        None => Ok(platform::ssh_dir()?.join("authorized_keys")),
    }
}

/// One key, as `list` and the others show it.
#[derive(Serialize)]
struct Shown {
    line: usize,
    #[serde(rename = "type")]
    key_type: String,
    bits: u32,
    fingerprint: String,
    comment: Option<String>,
    options: String,
}

impl Shown {
    fn of(listed: &Listed) -> Result<Shown> {
        let entry = &listed.entry;
        Ok(Shown {
            line: entry.line,
            key_type: keys::type_label(&entry.algorithm),
            bits: keys::bits(&entry.key),
            fingerprint: keys::fingerprint(&entry.key, FingerprintHash::Sha256)?.to_string(),
            comment: entry.trailing_comment.clone(),
            options: listed.options.clone(),
        })
    }

    /// `ssh-keygen -l`'s fields: bits, fingerprint, comment, (type).
    fn text(&self, ui: &Ui) -> String {
        let mut text = format!(
            "{} {} {} ({})",
            self.bits,
            self.fingerprint,
            ui.visible(self.comment.as_deref().unwrap_or("no comment")),
            self.key_type
        );
        if !self.options.is_empty() {
            text.push_str(&format!("\n    options: {}", ui.visible(&self.options)));
        }
        text
    }
}

#[derive(Serialize)]
struct Added {
    file: String,
    added: bool,
    line: usize,
    #[serde(flatten)]
    key: Shown,
}

impl Report for Added {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let file = ui.visible(&self.file);
        if self.added {
            writeln!(out, "Added to {file}, line {}:", self.line)?;
        } else {
            writeln!(out, "Already in {file}, line {}:", self.line)?;
        }
        writeln!(out, "  {}", self.key.text(ui).replace('\n', "\n  "))
    }
}

#[derive(Serialize)]
struct Removed {
    file: String,
    removed: Vec<Shown>,
}

impl Report for Removed {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let file = ui.visible(&self.file);
        for key in &self.removed {
            writeln!(out, "Removed from {file}, line {}:", key.line)?;
            writeln!(out, "  {}", key.text(ui).replace('\n', "\n  "))?;
        }
        Ok(())
    }
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let file = file_of(options)?;
    match &options.action {
        Action::Add { key, options } => add(&file, key.as_ref(), options, ui, stdout),
        Action::List => list(&file, ui, stdout),
        Action::Remove { selector } => remove(&file, selector, ui, stdout),
    }
}

fn add(
    file: &std::path::Path,
    key: Option<&Input>,
    key_options: &KeyOptions,
    ui: &Ui,
    stdout: &mut impl Write,
) -> Result<()> {
    // Checked before anything is read or written.
    let rendered = authorized_keys::render(key_options).map_err(|e| Error::Usage(e.to_string()))?;
    let input = match key {
        Some(input) => input.clone().expanded()?,
        None => Input::File(default_key::public("authorized-keys add KEY.pub")?),
    };
    let entry = crate::input::one_public_key(&input)?;
    if entry.certificate {
        return Err(Error::Usage(format!(
            "{} is a certificate: authorized_keys takes the CA's key with --cert-authority",
            input.name().display()
        )));
    }
    let comment = entry.trailing_comment.clone().unwrap_or_default();
    let key_line = keys::public_line(&entry.key, comment.trim_end_matches('\r'))?;
    let new_line = authorized_keys::line(&rendered, &key_line);
    // What the file holds for the key once written, read under its lock.
    let mut shown = None;
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        let (new_text, added) = match authorized_keys::add(text, &entry.key, &new_line) {
            Ok(new_text) => (new_text, true),
            Err(_) => (text.to_owned(), false),
        };
        let listed = authorized_keys::list(&new_text)
            .into_iter()
            .rfind(|l| l.entry.key == entry.key);
        if let Some(listed) = listed {
            shown = Some((added, Shown::of(&listed)?));
        }
        Ok::<_, Error>(added.then_some(new_text))
    })?;
    let (added, key) = shown.ok_or_else(|| {
        Error::Refused(format!(
            "{} does not hold the key after writing it",
            file.display()
        ))
    })?;
    output::emit(
        ui,
        &Added {
            file: file.display().to_string(),
            added,
            line: key.line,
            key,
        },
        stdout,
    )
}

fn list(file: &std::path::Path, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let text = match store::read_text_file(file)? {
        Some(text) => text,
        None => {
            return Err(Error::Refused(format!("{} does not exist", file.display())));
        }
    };
    let mut listing = Listing::begin(ui, stdout)?;
    for listed in authorized_keys::list(&text) {
        let shown = Shown::of(&listed)?;
        listing.item(|| Ok(&shown), |out| writeln!(out, "{}", shown.text(ui)))?;
    }
    listing.end()
}

/// A test of whether a line is the one named.
type Picker = Box<dyn Fn(&Listed) -> bool>;

/// Whether `listed` is what `selector` names: its fingerprint, the key of
/// a file of that name, or its comment.
fn picker(selector: &str) -> Result<Picker> {
    if selector.starts_with("SHA256:") || selector.starts_with("MD5:") {
        let wanted = selector.to_owned();
        return Ok(Box::new(move |l: &Listed| {
            [FingerprintHash::Sha256, FingerprintHash::Md5]
                .iter()
                .any(|hash| {
                    keys::fingerprint(&l.entry.key, *hash).is_ok_and(|f| f.to_string() == wanted)
                })
        }));
    }
    let path = platform::expand_tilde(std::path::Path::new(selector))?;
    if path.is_file() {
        let key = crate::input::one_public_key(&Input::File(path))?.key;
        return Ok(Box::new(move |l: &Listed| l.entry.key == key));
    }
    let comment = selector.to_owned();
    Ok(Box::new(move |l: &Listed| {
        l.entry
            .trailing_comment
            .as_deref()
            .map(|c| c.trim_end_matches('\r'))
            == Some(&comment)
    }))
}

fn remove(file: &std::path::Path, selector: &str, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let pick = picker(selector)?;
    let mut removed = Vec::new();
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        removed = authorized_keys::list(text)
            .iter()
            .filter(|l| pick(l))
            .map(Shown::of)
            .collect::<Result<Vec<_>>>()?;
        let (kept, _) = authorized_keys::remove(text, &pick);
        Ok::<_, Error>((!removed.is_empty()).then_some(kept))
    })?;
    if removed.is_empty() {
        return Err(Error::Refused(format!(
            "no key in {} matches {:?} (a fingerprint, a key file or a comment)",
            file.display(),
            selector
        )));
    }
    output::emit(
        ui,
        &Removed {
            file: file.display().to_string(),
            removed,
        },
        stdout,
    )
}
