//! `sshgen public FILE`: the public key line of a private key, exactly as
//! `ssh-keygen -y -f FILE` prints it; with `--write`, also (re)creates
//! `FILE.pub` (0644, replaced atomically).

use std::io::{IsTerminal, Write};

use serde_json::json;
use ssh_key::PublicKey;

use crate::cli::PublicArgs;
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile::{self, KeyFileError, KeyInput};
use crate::keys;
use crate::passphrase::existing::existing_passphrase;
use crate::platform::{self, Access};
use crate::prompt::Prompter;
use crate::store;

/// ssh-keygen's prompt in `-y`.
const PROMPT: &str = "Enter passphrase: ";

pub fn run(args: &PublicArgs, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    let path = platform::expand_tilde(&args.file)?;
    let bytes = keyfile::read_source(&path)?;
    let private = match keyfile::parse(&bytes).map_err(|e| e.at(&path))? {
        KeyInput::Private(private) => private,
        KeyInput::Public(_) => return Err(KeyFileError::NotPrivate.at(&path)),
    };
    let key = if private.is_encrypted() {
        let passphrase = existing_passphrase(&args.passphrase.source(), prompter, PROMPT, &path)?;
        private.decrypt(Some(passphrase.as_bytes()))
    } else {
        private.decrypt(None)
    }
    .map_err(|e| e.at(&path))?;

    let comment = key.comment().as_str_lossy().to_owned();
    let line = public_line(key.public_key().key_data(), &comment)?;

    let written = if args.write && path.as_os_str() != "-" {
        let paths = store::KeyPaths::new(path.clone());
        let lock = store::WriteLock::acquire(&paths)?;
        let pub_path = paths.public.clone();
        // PEM and PKCS#8 keys hold no comment: keep the one of the .pub being
        // replaced when it is the same key, rather than silently drop it.
        let kept = match keyfile::pub_beside(&path) {
            Some((entry, _)) if comment.is_empty() && entry.key == *key.public_key().key_data() => {
                entry
                    .trailing_comment
                    .map(|c| c.trim_end_matches('\r').to_owned())
            }
            _ => None,
        };
        let file_line = match &kept {
            Some(kept) => public_line(key.public_key().key_data(), kept)?,
            None => line.clone(),
        };
        store::write_file(
            &lock,
            &pub_path,
            format!("{file_line}\n").as_bytes(),
            Access::WorldReadable,
        )?;
        Some(pub_path)
    } else if args.write {
        return Err(Error::Usage(
            "--write needs a key file, not standard input; redirect the output instead".to_owned(),
        ));
    } else {
        None
    };

    let printed = if args.json {
        let data = key.public_key().key_data();
        let value = json!({
            "path": path.to_string_lossy(),
            "public_key": line,
            "type": keys::type_label(&key.algorithm()),
            "bits": keys::bits(data),
            "comment": comment,
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
        writeln!(stdout, "{line}")
    };
    crate::commands::flushed(printed, stdout)?;
    if let (Some(pub_path), false) = (&written, args.json) {
        eprintln!("Your public key has been saved in {}", pub_path.display());
    }
    Ok(())
}

/// `TYPE BASE64`, then ` COMMENT` when there is one, as `sshkey_write` and
/// ssh-keygen -y write it.
pub fn public_line(key: &ssh_key::public::KeyData, comment: &str) -> Result<String> {
    let mut line = keys::public_key_line(&PublicKey::new(key.clone(), ""))?;
    if !comment.is_empty() {
        line.push(' ');
        line.push_str(comment);
    }
    Ok(line)
}
