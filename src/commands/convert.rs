//! `sshgen convert KEY --to ppk|openssh|pem|pkcs8`: a private key from any
//! format sshgen reads into another, PuTTY's `.ppk` (version 3 or 2)
//! among them, keeping its passphrase unless told otherwise. The new file
//! goes beside the key (`KEY.ppk`; for the others the name without
//! `.ppk`), never over an existing file without `--force`, and is written
//! as every key is: whole, private, synced; an OpenSSH key with its `.pub`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::input::Input;
use crate::keyfile::{self, PrivateTextFormat, ppk};
use crate::keys;
use crate::passphrase::existing::OptionNames;
use crate::passphrase::{self, PassphraseSource};
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store::{self, KeyPaths, WriteLock};
use crate::unlock;

#[derive(Clone, Debug)]
pub struct Options {
    pub file: PathBuf,
    pub to: PrivateTextFormat,
    /// Where to write; `None` beside the key.
    pub out: Option<PathBuf>,
    pub force: bool,
    /// The passphrase that opens the key.
    pub old: PassphraseSource,
    /// The passphrase of the new file; `None` keeps the key's.
    pub new: Option<PassphraseSource>,
    /// bcrypt-pbkdf rounds for an encrypted OpenSSH key.
    pub rounds: u32,
    pub ppk: ppk::WriteOptions,
}

/// The file a conversion writes when no `-o` says: `KEY.ppk` for PuTTY,
/// else the key's name without `.ppk` (`None` when it has no such suffix:
/// the result would replace the key itself).
pub fn default_output(file: &Path, to: PrivateTextFormat) -> Option<PathBuf> {
    let name = file.as_os_str().to_str()?;
    match to {
        PrivateTextFormat::Ppk => Some(PathBuf::from(format!("{name}.ppk"))),
        _ => name
            .strip_suffix(".ppk")
            .filter(|stem| !stem.is_empty())
            .map(PathBuf::from),
    }
}

/// A security key's key can be written in the OpenSSH format only.
fn refuse_security_key(key: &ssh_key::PrivateKey, to: PrivateTextFormat) -> Result<()> {
    if to == PrivateTextFormat::Openssh || crate::security_key::key_fields(key.key_data()).is_none()
    {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} keys cannot be converted to {}: the file holds the security key's key handle \
         and application, which only the OpenSSH format has room for",
        crate::keys::type_label(&key.algorithm()),
        match to {
            PrivateTextFormat::Pem => "PEM",
            PrivateTextFormat::Pkcs8 => "PKCS8",
            _ => "PuTTY's format",
        }
    )))
}

pub fn run(options: &Options, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    crate::progress::show(true);
    let out = match &options.out {
        Some(out) => out.clone(),
        None => default_output(&options.file, options.to).ok_or_else(|| {
            Error::Usage(format!(
                "say where the converted key goes with -o FILE ({} would be replaced)",
                options.file.display()
            ))
        })?,
    };
    if let Some(new) = &options.new
        && new.reads_stdin()
        && options.old.reads_stdin()
    {
        return Err(Error::Usage(
            "standard input can hold only one passphrase; read the old or the new one \
             from a file or an environment variable instead"
                .to_owned(),
        ));
    }
    let paths = KeyPaths::new(out.clone());
    let writes_pair = options.to == PrivateTextFormat::Openssh;
    let taken = paths.private.exists() || (writes_pair && paths.public.exists());
    if taken && !options.force {
        return Err(Error::Refused(format!(
            "{} already exists; pass --force to replace it, or -o to choose another file",
            out.display()
        )));
    }

    let unlocked = unlock::unlock(
        &options.file,
        &options.old,
        OptionNames::OldPassphrase,
        prompter,
        "Enter passphrase: ",
    )?;
    refuse_security_key(&unlocked.key, options.to)?;
    let new = match &options.new {
        None => unlocked.passphrase.clone(),
        Some(source) => passphrase::new_passphrase(source, prompter, &out)?,
    };
    let encrypt = (!new.is_empty()).then(|| new.as_bytes());
    let text = keyfile::private_key_text(
        &unlocked.key,
        options.to,
        encrypt,
        options.rounds,
        &options.ppk,
        &out,
    )?;

    let lock = WriteLock::acquire(&paths)?;
    if writes_pair {
        let public_line = keys::public_key_line(unlocked.key.public_key())?;
        store::write_key_pair(
            &lock,
            &paths,
            text.as_bytes(),
            format!("{public_line}\n").as_bytes(),
            if options.force {
                store::Replace::Allow
            } else {
                store::Replace::Never
            },
        )?;
    } else {
        store::write_file(&lock, &out, text.as_bytes(), Access::OwnerOnly)?;
    }
    drop(lock);

    let what = match options.to {
        PrivateTextFormat::Ppk => format!("PuTTY version {}", options.ppk.version),
        PrivateTextFormat::Openssh => "OpenSSH".to_owned(),
        PrivateTextFormat::Pem => "PEM".to_owned(),
        PrivateTextFormat::Pkcs8 => "PKCS#8".to_owned(),
    };
    let state = if new.is_empty() {
        "not encrypted"
    } else {
        "encrypted"
    };
    let printed = writeln!(
        stdout,
        "Converted {} ({}) to {} ({what}, {state}).",
        Input::File(options.file.clone()).typed().display(),
        unlocked.format.label(),
        out.display()
    );
    crate::output::flushed(printed, stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_file_goes_beside_the_key_and_never_over_it() {
        let ppk = PrivateTextFormat::Ppk;
        let openssh = PrivateTextFormat::Openssh;
        assert_eq!(
            default_output(Path::new("k/id_ed25519"), ppk),
            Some(PathBuf::from("k/id_ed25519.ppk"))
        );
        assert_eq!(
            default_output(Path::new("k/work.ppk"), openssh),
            Some(PathBuf::from("k/work"))
        );
        assert_eq!(default_output(Path::new("k/id_rsa"), openssh), None);
        assert_eq!(
            default_output(Path::new(".ppk"), PrivateTextFormat::Pem),
            None
        );
    }
}
