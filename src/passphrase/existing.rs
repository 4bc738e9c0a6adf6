//! The passphrase of a key that already exists, for every command that opens
//! one (`public`, `comment`, `passphrase`): from `-P`, a file, a variable, or
//! asked once at the terminal (never read from a pipe unasked). Unlike a new
//! passphrase, an empty one is taken as given: it is simply wrong.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::passphrase::{Passphrase, os_string_bytes, read_file_source};
use crate::prompt::Prompter;

/// How a command spells the options for this passphrase, so that errors name
/// the ones it has: `--passphrase-*` where the key's passphrase is the only
/// one, `--old-passphrase-*` where a new one is set too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionNames {
    /// `-P`, `--passphrase-file`, `--passphrase-env` (`public`, `comment`).
    Passphrase,
    /// `-P`, `--old-passphrase-file`, `--old-passphrase-env` (`passphrase`).
    OldPassphrase,
}

impl OptionNames {
    /// The common start of the long options: `passphrase` or `old-passphrase`.
    pub fn long_prefix(self) -> &'static str {
        match self {
            OptionNames::Passphrase => "passphrase",
            OptionNames::OldPassphrase => "old-passphrase",
        }
    }
}

/// Where the passphrase of an existing key comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExistingPassphraseSource {
    /// `-P TEXT`.
    Argument(String),
    /// `--[old-]passphrase-file PATH`, `-` for standard input.
    File(PathBuf),
    /// `--[old-]passphrase-env VAR`.
    Env(String),
    /// No option: ask at the terminal, or fail naming the options to use.
    Ask(OptionNames),
}

impl ExistingPassphraseSource {
    /// Whether this source reads standard input, which can be read only once.
    pub fn reads_stdin(&self) -> bool {
        matches!(self, ExistingPassphraseSource::File(path) if path.as_os_str() == "-")
    }
}

/// The passphrase for the encrypted key at `key_path`, asking with `prompt`
/// when `source` says to ask.
pub fn existing_passphrase(
    source: &ExistingPassphraseSource,
    prompter: &mut dyn Prompter,
    prompt: &str,
    key_path: &Path,
) -> Result<Passphrase> {
    match source {
        ExistingPassphraseSource::Argument(text) => Ok(Passphrase::new(text.clone().into_bytes())),
        ExistingPassphraseSource::File(path) => read_file_source(path),
        ExistingPassphraseSource::Env(var) => match std::env::var_os(var) {
            None => Err(Error::PassphraseSource {
                source_name: format!("environment variable {var}"),
                problem: format!(
                    "it is not set; export it with the passphrase of {}",
                    key_path.display()
                ),
            }),
            Some(value) => Ok(Passphrase::new(os_string_bytes(value, var)?)),
        },
        ExistingPassphraseSource::Ask(_) if prompter.is_interactive() => prompter.secret(prompt),
        ExistingPassphraseSource::Ask(names) => Err(Error::NoExistingPassphraseSource {
            path: key_path.to_path_buf(),
            option_prefix: names.long_prefix(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::tests::Scripted;

    #[test]
    fn asks_once_at_a_terminal() {
        let mut prompter = Scripted::new(&["pw"]);
        let got = existing_passphrase(
            &ExistingPassphraseSource::Ask(OptionNames::Passphrase),
            &mut prompter,
            "Enter passphrase: ",
            Path::new("k"),
        )
        .unwrap();
        assert_eq!(got.as_bytes(), b"pw");
    }

    #[test]
    fn argument_is_taken_as_is() {
        let mut prompter = Scripted::new(&[]);
        let got = existing_passphrase(
            &ExistingPassphraseSource::Argument("a b".to_owned()),
            &mut prompter,
            "Enter passphrase: ",
            Path::new("k"),
        )
        .unwrap();
        assert_eq!(got.as_bytes(), b"a b");
    }
}
