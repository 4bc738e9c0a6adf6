//! The passphrase of a key that already exists: from `-P`, a file, a
//! variable, or asked once at the terminal (never read from a pipe unasked).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::passphrase::{Passphrase, first_line};
use crate::prompt::Prompter;

/// Where the passphrase of an existing key comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExistingPassphraseSource {
    /// `-P TEXT`.
    Argument(String),
    /// `--passphrase-file PATH`, `-` for standard input.
    File(PathBuf),
    /// `--passphrase-env VAR`.
    Env(String),
    /// No option: ask at the terminal, or fail without one.
    Ask,
}

/// The passphrase for the encrypted key at `key_path`.
pub fn existing_passphrase(
    source: &ExistingPassphraseSource,
    prompter: &mut dyn Prompter,
    key_path: &Path,
) -> Result<Passphrase> {
    match source {
        ExistingPassphraseSource::Argument(text) => Ok(Passphrase::new(text.clone().into_bytes())),
        ExistingPassphraseSource::File(path) => {
            let read = if path.as_os_str() == "-" {
                first_line(std::io::stdin().lock())
            } else {
                std::fs::File::open(path).and_then(first_line)
            };
            read.map_err(|e| Error::PassphraseSource {
                source_name: if path.as_os_str() == "-" {
                    "standard input".to_owned()
                } else {
                    format!("passphrase file {}", path.display())
                },
                problem: format!("cannot read it: {e}"),
            })
        }
        ExistingPassphraseSource::Env(var) => match std::env::var_os(var) {
            None => Err(Error::PassphraseSource {
                source_name: format!("environment variable {var}"),
                problem: "it is not set; export it with the key's passphrase".to_owned(),
            }),
            Some(value) => value
                .into_string()
                .map(|text| Passphrase::new(text.into_bytes()))
                .map_err(|_| Error::PassphraseSource {
                    source_name: format!("environment variable {var}"),
                    problem: "it is not valid UTF-8".to_owned(),
                }),
        },
        ExistingPassphraseSource::Ask if prompter.is_interactive() => prompter.secret(&format!(
            "Enter passphrase for \"{}\": ",
            key_path.display()
        )),
        ExistingPassphraseSource::Ask => Err(Error::KeyFile {
            path: key_path.to_path_buf(),
            problem: "the key is encrypted and there is no terminal to ask for its passphrase; \
                      pass --passphrase-file PATH (or - for standard input), \
                      --passphrase-env VAR or -P TEXT"
                .to_owned(),
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
            &ExistingPassphraseSource::Ask,
            &mut prompter,
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
            Path::new("k"),
        )
        .unwrap();
        assert_eq!(got.as_bytes(), b"a b");
    }
}
