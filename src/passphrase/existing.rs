//! The passphrase of a key that already exists, for every command that opens
//! one (`public`, `comment`, `passphrase`): from `-P`, a file, a variable, or
//! asked once at the terminal (never read from a pipe unasked). Unlike a new
//! passphrase, an empty one is taken as given: it is simply wrong.

use std::path::Path;

use crate::error::{Error, Result};
use crate::passphrase::{Passphrase, PassphraseSource};
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

/// The passphrase for the encrypted key at `key_path`, asking with `prompt`
/// when `source` says to ask; `names` are the options errors suggest.
pub fn existing_passphrase(
    source: &PassphraseSource,
    names: OptionNames,
    prompter: &mut dyn Prompter,
    prompt: &str,
    key_path: &Path,
) -> Result<Passphrase> {
    let unset = || {
        format!(
            "it is not set; export it with the passphrase of {}",
            key_path.display()
        )
    };
    match source.given(unset)? {
        Some((passphrase, _)) => Ok(passphrase),
        None if matches!(source, PassphraseSource::None) => Ok(Passphrase::none()),
        None if prompter.is_interactive() => prompter.secret(prompt),
        None => Err(Error::NoExistingPassphraseSource {
            path: key_path.to_path_buf(),
            option_prefix: names.long_prefix(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Input;
    use crate::prompt::tests::Scripted;

    #[test]
    fn asks_once_at_a_terminal() {
        let mut prompter = Scripted::new(&["pw"]);
        let got = existing_passphrase(
            &PassphraseSource::Ask,
            OptionNames::Passphrase,
            &mut prompter,
            "Enter passphrase: ",
            Path::new("k"),
        )
        .unwrap();
        assert_eq!(got.as_bytes(), b"pw");
    }

    /// A prompter with nobody at the terminal.
    struct NoTerminal;

    impl Prompter for NoTerminal {
        fn is_interactive(&self) -> bool {
            false
        }
        fn line(&mut self, _: &str) -> Result<String> {
            unreachable!("a script is never asked")
        }
        fn secret(&mut self, _: &str) -> Result<Passphrase> {
            unreachable!("a script is never asked")
        }
        fn notice(&mut self, _: &str) {}
    }

    #[test]
    fn without_a_terminal_the_error_names_the_commands_own_options() {
        for (names, expected) in [
            (OptionNames::Passphrase, "--passphrase-file PATH"),
            (OptionNames::OldPassphrase, "--old-passphrase-file PATH"),
        ] {
            let err = existing_passphrase(
                &PassphraseSource::Ask,
                names,
                &mut NoTerminal,
                "Enter passphrase: ",
                Path::new("k"),
            )
            .unwrap_err();
            let message = err.to_string();
            assert!(
                message.starts_with("k is encrypted and there is no terminal")
                    && message.contains(expected),
                "{message}"
            );
        }
    }

    #[test]
    fn a_file_gives_its_first_line_and_an_unset_variable_names_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pass");
        std::fs::write(&file, "the phrase\r\nsecond line\n").unwrap();
        let got = existing_passphrase(
            &PassphraseSource::File(Input::File(file)),
            OptionNames::Passphrase,
            &mut NoTerminal,
            "Enter passphrase: ",
            Path::new("k"),
        )
        .unwrap();
        assert_eq!(got.as_bytes(), b"the phrase");

        let err = existing_passphrase(
            &PassphraseSource::Env("SSHGEN_TEST_SURELY_UNSET_VARIABLE".to_owned()),
            OptionNames::Passphrase,
            &mut NoTerminal,
            "Enter passphrase: ",
            Path::new("dir/k"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable SSHGEN_TEST_SURELY_UNSET_VARIABLE: it is not set; \
             export it with the passphrase of dir/k"
        );
    }
}
