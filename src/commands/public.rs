//! `sshgen public FILE`: the public key line of a private key, exactly as
//! `ssh-keygen -y -f FILE` prints it; with `--write`, also (re)creates
//! `FILE.pub` (0644, replaced atomically).

use std::io::{IsTerminal, Write};

use serde_json::json;

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keys;
use crate::passphrase::PassphraseSource;
use crate::passphrase::existing::OptionNames;
use crate::platform::{self, Access};
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
    pub json: bool,
}

pub fn run(args: &Options, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    crate::progress::show(!args.json);
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

    let printed = if args.json {
        let data = key.public_key().key_data();
        let value = json!({
            "path": args.file.typed().to_string_lossy(),
            "public_key": crate::render::json_text(&line),
            "type": keys::type_label(&key.algorithm()),
            "bits": keys::bits(data),
            "comment": crate::render::json_text(&comment),
            "fingerprint": keys::fingerprint(data, FingerprintHash::Sha256)?.to_string(),
            "written": written.as_ref().map(|p| p.to_string_lossy()),
        });
        crate::render::json_line(stdout, &value)
    } else if std::io::stdout().is_terminal() {
        // A comment from a hostile file must not reach the terminal raw;
        // redirected, the line is ssh-keygen -y's, byte for byte.
        writeln!(
            stdout,
            "{}",
            crate::render::visible(&line, platform::utf8_locale())
        )
    } else {
        stdout.write_all(&keys::comment_bytes(&format!("{line}\n")))
    };
    crate::commands::flushed(printed, stdout)?;
    if let (Some(pub_path), false) = (&written, args.json) {
        eprintln!("Your public key has been saved in {}", pub_path.display());
    }
    Ok(())
}
