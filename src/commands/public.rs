//! `sshgen public FILE`: the public key line of a private key, exactly as
//! `ssh-keygen -y -f FILE` prints it; with `--write`, also (re)creates
//! `FILE.pub` (0644, replaced atomically).

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keys;
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::PassphraseSource;
use crate::passphrase::existing::OptionNames;
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store;
use crate::unlock;

/// ssh-keygen's prompt in `-y`.
const PROMPT: &str = "Enter passphrase: ";

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: Input,
    /// Also (re)write `FILE.pub`.
    pub write: bool,
    pub passphrase: PassphraseSource,
}

/// The public key line, and the `.pub` written.
#[derive(Serialize)]
struct Public {
    path: String,
    /// The line, every byte of its comment kept (`keys::comment_text`).
    #[serde(serialize_with = "json_text")]
    public_key: String,
    #[serde(rename = "type")]
    type_label: String,
    bits: u32,
    #[serde(serialize_with = "json_text")]
    comment: String,
    fingerprint: String,
    written: Option<String>,
}

/// Text as JSON holds it ([`crate::render::json_text`]).
fn json_text<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::render::json_text(text))
}

impl Report for Public {
    /// A comment from a hostile file must not reach the terminal raw;
    /// redirected, the line is ssh-keygen -y's, byte for byte.
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        if ui.context.stdout_terminal {
            writeln!(out, "{}", ui.visible(&self.public_key))
        } else {
            out.write_all(&keys::comment_bytes(&format!("{}\n", self.public_key)))
        }
    }
}

pub fn run(
    args: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(ui.output != Output::Json);
    let unlocked = unlock::open(
        &args.file,
        &args.passphrase,
        OptionNames::Passphrase,
        prompter,
        PROMPT,
    )?;
    let key = &unlocked.key;
    // Every byte of the comment, UTF-8 or not (keys::comment_text).
    let comment = keys::comment_text(key.comment().as_bytes());
    let line = keys::public_line(key.public_key().key_data(), &comment)?;

    let written = match (&args.file, args.write) {
        (Input::File(path), true) => {
            let paths = store::KeyPaths::new(path.clone());
            let lock = store::WriteLock::acquire(&paths)?;
            let pub_path = paths.public.clone();
            // PEM and PKCS#8 keys hold no comment: keep the one of the .pub being
            // replaced when it is the same key, rather than silently drop it.
            let kept = unlocked.comment_beside(path);
            let file_line = match &kept {
                Some(kept) => keys::public_line(key.public_key().key_data(), kept)?,
                None => line.clone(),
            };
            store::write_file(
                &lock,
                &pub_path,
                &keys::comment_bytes(&format!("{file_line}\n")),
                Access::WorldReadable,
            )?;
            Some(pub_path)
        }
        (Input::Stdin, true) => {
            return Err(Error::Usage(
                "--write needs a key file, not standard input; redirect the output instead"
                    .to_owned(),
            ));
        }
        (_, false) => None,
    };

    let data = key.public_key().key_data();
    let report = Public {
        path: args.file.typed().to_string_lossy().into_owned(),
        public_key: line,
        type_label: keys::type_label(&key.algorithm()),
        bits: keys::bits(data),
        comment,
        fingerprint: keys::fingerprint(data, FingerprintHash::Sha256)?.to_string(),
        written: written.as_ref().map(|p| p.to_string_lossy().into_owned()),
    };
    output::emit(ui, &report, stdout)?;
    if let Some(pub_path) = &written {
        ui.aside(format!(
            "Your public key has been saved in {}",
            pub_path.display()
        ));
    }
    Ok(())
}
