//! `sshgen passphrase`: add, change or remove the passphrase of a private key.
//!
//! The key and its comment stay as they are; only the private key file is
//! rewritten (atomically, mode 0600), as `ssh-keygen -p` does. Both passphrases
//! are settled before anything is written, so a failure leaves the file as it was.
//! A PEM or PKCS#8 key is written back as OpenSSH v1, which is said on stderr.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::existing::OptionNames;
use crate::passphrase::{self, PassphraseSource};
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store::{self, KeyPaths, WriteLock};
use crate::unlock;

/// ssh-keygen's prompt for the current passphrase in `-p`.
const OLD_PROMPT: &str = "Enter old passphrase: ";

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: PathBuf,
    /// The current passphrase (`-P`, `--old-passphrase-*`).
    pub old: PassphraseSource,
    /// The new one (`-N`, `--passphrase-*`, `--no-passphrase`).
    pub new: PassphraseSource,
    /// bcrypt-pbkdf rounds for the new passphrase.
    pub rounds: u32,
    /// ssh-keygen's dialogue (under its name): "Key has comment" before the
    /// new passphrase is asked, ssh-keygen's prompts, one try.
    pub as_ssh_keygen: bool,
}

/// ssh-keygen -p's prompts for the new passphrase.
const NEW_PROMPT: &str = "Enter new passphrase (empty for no passphrase): ";
const AGAIN_PROMPT: &str = "Enter same passphrase again: ";

/// The key with its new passphrase (or none).
#[derive(Serialize)]
struct Changed {
    private_key_path: String,
    comment: String,
    encrypted: bool,
    kdf: Option<Kdf>,
    cipher: &'static str,
    converted_from: Option<&'static str>,
    /// "Key has comment …" first, unless ssh-keygen's dialogue said it.
    #[serde(skip)]
    key_has_comment: Option<String>,
}

/// How the new passphrase becomes the key's key.
#[derive(Serialize)]
struct Kdf {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rounds: Option<u32>,
}

impl Report for Changed {
    fn write_text(&self, _: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(line) = &self.key_has_comment {
            writeln!(out, "{line}")?;
        }
        writeln!(
            out,
            "Your identification has been saved with the new passphrase."
        )
    }
}

pub fn run(
    args: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(ui.output != Output::Json);
    let path = &args.file;
    let (old_source, new_source) = (&args.old, &args.new);
    if old_source.reads_stdin() && new_source.reads_stdin() {
        return Err(Error::Usage(
            "standard input can hold only one passphrase; read the old or the new one \
             from a file or an environment variable instead"
                .to_owned(),
        ));
    }
    // A script without a new passphrase fails before anything is read or asked.
    if matches!(new_source, PassphraseSource::Ask) && !prompter.is_interactive() {
        return Err(Error::NoPassphraseSource);
    }

    // The key is rewritten where it lives when `path` is a symlink; the lock
    // is held from reading it to writing it back (see `comment`).
    let paths = KeyPaths::new(path.clone()).resolved();
    let lock = WriteLock::acquire(&paths)?;
    let unlocked = unlock::unlock(
        path,
        old_source,
        OptionNames::OldPassphrase,
        prompter,
        OLD_PROMPT,
    )?;
    let comment = unlocked.key.comment().as_str_lossy().to_owned();
    // As ssh-keygen's mprintf: escaped whatever stdout is.
    let key_has_comment = format!(
        "Key has comment '{}'",
        crate::render::visible(&comment, ui.context.utf8)
    );
    let new = if args.as_ssh_keygen {
        // ssh-keygen says the comment first, then asks once.
        crate::output::flushed(writeln!(stdout, "{key_has_comment}"), stdout)?;
        match new_source {
            PassphraseSource::Ask => {
                let first = prompter.secret(NEW_PROMPT)?;
                let second = prompter.secret(AGAIN_PROMPT)?;
                if first != second {
                    let said = writeln!(stdout, "Pass phrases do not match.  Try again.");
                    crate::output::flushed(said, stdout)?;
                    return Err(Error::AlreadyReported);
                }
                first
            }
            _ => passphrase::new_passphrase(new_source, prompter, path)?,
        }
    } else {
        passphrase::new_passphrase(new_source, prompter, path)?
    };
    let rounds = args.rounds;

    let text = unlocked.written_back(&unlocked.key, &new, rounds, path)?;
    store::write_file(&lock, &paths.private, text.as_bytes(), Access::OwnerOnly)?;
    drop(lock);
    let converted = unlocked.conversion_notice(path);

    let kdf = |name: &str, rounds| Kdf {
        name: name.to_owned(),
        rounds,
    };
    let report = Changed {
        private_key_path: path.to_string_lossy().into_owned(),
        comment,
        encrypted: !new.is_empty(),
        kdf: (!new.is_empty()).then(|| match &unlocked.ppk {
            Some(ppk) if ppk.version == 2 => kdf("sha1", None),
            Some(ppk) => kdf(&ppk.flavour.name().to_ascii_lowercase(), None),
            None => kdf("bcrypt", Some(rounds)),
        }),
        cipher: match (new.is_empty(), &unlocked.ppk) {
            (true, _) => "none",
            (false, Some(_)) => "aes256-cbc",
            (false, None) => "aes256-ctr",
        },
        converted_from: converted.is_some().then(|| unlocked.format.name()),
        key_has_comment: (!args.as_ssh_keygen).then_some(key_has_comment),
    };
    output::emit(ui, &report, stdout)?;
    if let Some(notice) = converted {
        ui.aside(notice);
    }
    Ok(())
}
