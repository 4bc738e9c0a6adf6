//! `sshgen comment`: change the comment of a key pair.
//!
//! The comment lives in the private key (inside the encrypted part when there
//! is a passphrase) and at the end of the `.pub` line, so both files are
//! rewritten together through [`store::write_key_pair`]: afterwards there is the
//! old pair or the new pair. An encrypted key is encrypted again with the same
//! passphrase and bcrypt-pbkdf rounds, with aes256-ctr as ssh-keygen -c
//! does whatever cipher it had (PuTTY's importer reads only that one). A
//! PEM or PKCS#8 key is
//! written back as OpenSSH v1 (the only format that holds a comment).

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::keys;
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::PassphraseSource;
use crate::passphrase::existing::OptionNames;
use crate::prompt::Prompter;
use crate::store::{self, KeyPaths, Replace, WriteLock};
use crate::unlock;

/// ssh-keygen's prompt for the passphrase in `-c`.
const PROMPT: &str = "Enter passphrase: ";

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: PathBuf,
    /// The new comment; empty for none.
    pub comment: String,
    pub passphrase: PassphraseSource,
}

/// The key pair with its new comment.
#[derive(Serialize)]
struct Commented {
    private_key_path: String,
    public_key_path: String,
    old_comment: String,
    comment: String,
    public_key: String,
    /// The format the key was read in, when it was written back as OpenSSH.
    converted_from: Option<&'static str>,
}

impl Report for Commented {
    /// ssh-keygen -c's two lines; an old comment from a hostile file is
    /// escaped for a terminal (ssh-keygen prints it raw).
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let shown = if ui.context.stdout_terminal {
            ui.visible(&self.old_comment)
        } else {
            self.old_comment.as_str().into()
        };
        writeln!(out, "Old comment: {shown}")?;
        writeln!(out, "Comment '{}' applied", self.comment)
    }
}

pub fn run(
    args: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(ui.output != Output::Json);
    keys::check_comment(&args.comment)?;
    let paths = KeyPaths::new(args.file.clone()).resolved();
    // Held from reading the key to writing it back: a `passphrase` or
    // another `comment` at the same time waits instead of being undone.
    let lock = WriteLock::acquire(&paths)?;
    let unlocked = unlock::unlock(
        &paths.private,
        &args.passphrase,
        OptionNames::Passphrase,
        prompter,
        PROMPT,
    )?;
    let converted = unlocked.conversion_notice(&paths.private);
    let old_comment = unlocked.key.comment().as_str_lossy().to_owned();

    let unlocked_format = unlocked.format;
    let mut key = unlocked.key.clone();
    key.set_comment(args.comment.as_str());
    // The rounds stay the key's; the cipher becomes ssh-keygen's.
    let private_text = unlocked.written_back(
        &key,
        &unlocked.passphrase,
        unlocked.kdf_rounds.unwrap_or(keys::DEFAULT_KDF_ROUNDS),
        &paths.private,
    )?;
    let public_line = keys::public_key_line(key.public_key())?;
    store::write_key_pair(
        &lock,
        &paths,
        private_text.as_bytes(),
        format!("{public_line}\n").as_bytes(),
        Replace::Allow,
    )?;
    drop(lock);

    let report = Commented {
        private_key_path: paths.private.to_string_lossy().into_owned(),
        public_key_path: paths.public.to_string_lossy().into_owned(),
        old_comment,
        comment: args.comment.clone(),
        public_key: public_line,
        converted_from: converted.is_some().then(|| unlocked_format.name()),
    };
    output::emit(ui, &report, stdout)?;
    if let Some(notice) = converted {
        ui.aside(notice);
    }
    Ok(())
}
