//! Passphrases: where a new one comes from and how it is held in memory;
//! [`existing`] gets the one of a key that already exists.

pub mod existing;

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::input::Input;
use crate::prompt::Prompter;
pub use crate::secret::Passphrase;

/// Where a passphrase comes from, as chosen on the command line: a new one
/// ([`new_passphrase`]) or the one of an existing key
/// ([`existing::existing_passphrase`]), which share everything but what an
/// empty or missing one means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PassphraseSource {
    /// `-N TEXT` or `-P TEXT` (empty text means no passphrase, as in ssh-keygen).
    Argument(String),
    /// `--[old-]passphrase-file PATH`, `-` for standard input.
    File(Input),
    /// `--[old-]passphrase-env VAR`.
    Env(String),
    /// `--no-passphrase`.
    None,
    /// No option: ask at the terminal, or fail without one.
    Ask,
    /// No `-P` under ssh-keygen's grammar: the answer of the `SSH_ASKPASS`
    /// program when `SSH_ASKPASS_REQUIRE` is `force` (or `prefer`, with a
    /// display), else as [`PassphraseSource::Ask`]. The program runs only
    /// when the passphrase is needed.
    Askpass,
}

impl PassphraseSource {
    /// Whether this source reads standard input, which can be read only once.
    pub fn reads_stdin(&self) -> bool {
        matches!(self, PassphraseSource::File(Input::Stdin))
    }

    /// The passphrase the command line gives (text, a file, a variable) and
    /// how its source is named in errors; `None` for [`PassphraseSource::None`]
    /// and [`PassphraseSource::Ask`]. `unset` says what to do about a
    /// variable that is not set.
    fn given(&self, unset: impl FnOnce() -> String) -> Result<Option<(Passphrase, String)>> {
        Ok(Some(match self {
            PassphraseSource::Argument(text) => (
                Passphrase::new(text.clone().into_bytes()),
                "the command line".to_owned(),
            ),
            PassphraseSource::File(input) => (read_file_source(input)?, file_source_name(input)),
            PassphraseSource::Env(var) => {
                let name = format!("environment variable {var}");
                match std::env::var_os(var) {
                    None => {
                        return Err(Error::PassphraseSource {
                            source_name: name,
                            problem: unset(),
                        });
                    }
                    Some(value) => (Passphrase::new(os_string_bytes(value, var)?), name),
                }
            }
            PassphraseSource::Askpass => match askpass()? {
                Some(text) => (Passphrase::new(text.into_bytes()), "SSH_ASKPASS".to_owned()),
                None => return Ok(None),
            },
            PassphraseSource::None | PassphraseSource::Ask => return Ok(None),
        }))
    }
}

/// The answer of the `SSH_ASKPASS` program, when ssh-keygen would use it.
fn askpass() -> Result<Option<String>> {
    let program = std::env::var_os("SSH_ASKPASS").filter(|p| !p.is_empty());
    let require = std::env::var("SSH_ASKPASS_REQUIRE").unwrap_or_default();
    let display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty());
    let wanted = match require.as_str() {
        "force" => true,
        "prefer" => display,
        _ => false,
    };
    let Some(program) = program.filter(|_| wanted) else {
        return Ok(None);
    };
    let output = std::process::Command::new(&program)
        .arg("Enter passphrase: ")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::io("run", Path::new(&program), e))?;
    if !output.status.success() {
        return Err(Error::PassphraseSource {
            source_name: format!("SSH_ASKPASS {}", Path::new(&program).display()),
            problem: format!("it exited with {}", output.status),
        });
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(Some(
        text.split(['\r', '\n']).next().unwrap_or("").to_owned(),
    ))
}

/// How a passphrase file is named in errors.
fn file_source_name(input: &Input) -> String {
    match input {
        Input::Stdin => "standard input".to_owned(),
        Input::File(path) => format!("passphrase file {}", path.display()),
    }
}

/// The first line of a passphrase file, or of standard input.
fn read_file_source(input: &Input) -> Result<Passphrase> {
    match input {
        Input::Stdin => first_line(&mut std::io::stdin().lock()),
        Input::File(path) => std::fs::File::open(path).and_then(|mut file| first_line(&mut file)),
    }
    .map_err(|e| Error::PassphraseSource {
        source_name: file_source_name(input),
        problem: match e.kind() {
            // The bounds of `first_line`, already worded.
            std::io::ErrorKind::Other => e.to_string(),
            _ => format!("cannot read it: {e}"),
        },
    })
}

/// How many times the two entries at the prompt may disagree before giving up.
pub const PROMPT_TRIES: u32 = 3;

/// Resolves a new passphrase from its source. `key_path` is named in the prompt.
pub fn new_passphrase(
    source: &PassphraseSource,
    prompter: &mut dyn Prompter,
    key_path: &Path,
) -> Result<Passphrase> {
    let unset = || {
        "it is not set; export it, or pass --no-passphrase for a key without a passphrase"
            .to_owned()
    };
    match (source, source.given(unset)?) {
        (PassphraseSource::Argument(_), Some((passphrase, _))) => Ok(passphrase),
        // An empty file or variable is far more likely a mistake in a script
        // than a wish for an unprotected key, so it is refused rather than
        // taken as "none".
        (_, Some((passphrase, name))) if passphrase.is_empty() => Err(Error::PassphraseSource {
            source_name: name,
            problem: "the passphrase is empty; pass --no-passphrase for a key without one"
                .to_owned(),
        }),
        (_, Some((passphrase, _))) => Ok(passphrase),
        (PassphraseSource::Ask | PassphraseSource::Askpass, None) => ask_new(prompter, key_path),
        (_, None) => Ok(Passphrase::none()),
    }
}

/// The bytes of the environment variable `var`'s value, which must be UTF-8.
fn os_string_bytes(value: OsString, var: &str) -> Result<Vec<u8>> {
    value
        .into_string()
        .map(String::into_bytes)
        .map_err(|_| Error::PassphraseSource {
            source_name: format!("environment variable {var}"),
            problem: "it is not valid UTF-8".to_owned(),
        })
}

/// The longest passphrase read from a file or standard input. OpenSSH's
/// own prompts (ssh, ssh-add, ssh-keygen) read at most 1,023 bytes, so a
/// longer passphrase could never be typed there; and a bound keeps
/// `--passphrase-file /dev/zero` or a log file named by mistake from being
/// read into memory whole.
pub const MAX_PASSPHRASE_BYTES: usize = 1023;

/// The first line of a passphrase file, without its `\n` or `\r\n`. A
/// line longer than [`MAX_PASSPHRASE_BYTES`] or holding a NUL byte (which
/// no C program, OpenSSH included, can pass on) is refused. (A `dyn`
/// reader: one copy of this for files and standard input.)
pub fn first_line(reader: &mut dyn Read) -> std::io::Result<Passphrase> {
    let mut line = Zeroizing::new(Vec::new());
    // One byte for each of the line end's two and one past the bound.
    BufReader::new(reader.take(MAX_PASSPHRASE_BYTES as u64 + 3)).read_until(b'\n', &mut line)?;
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    if line.len() > MAX_PASSPHRASE_BYTES {
        return Err(std::io::Error::other(format!(
            "its first line is longer than {MAX_PASSPHRASE_BYTES} bytes, the most OpenSSH's \
             prompts take"
        )));
    }
    if line.contains(&0) {
        return Err(std::io::Error::other(
            "it holds a NUL byte, which OpenSSH cannot take in a passphrase",
        ));
    }
    Ok(Passphrase::new(std::mem::take(&mut *line)))
}

/// Asks twice, up to [`PROMPT_TRIES`] times until both entries agree.
fn ask_new(prompter: &mut dyn Prompter, key_path: &Path) -> Result<Passphrase> {
    let first_prompt = format!(
        "Enter passphrase for \"{}\" (empty for no passphrase): ",
        key_path.display()
    );
    for attempt in 1..=PROMPT_TRIES {
        let first = prompter.secret(&first_prompt)?;
        let second = prompter.secret("Enter same passphrase again: ")?;
        if first == second {
            return Ok(first);
        }
        if attempt < PROMPT_TRIES {
            prompter.notice("Passphrases do not match.  Try again.");
        }
    }
    Err(Error::PassphraseMismatch {
        tries: PROMPT_TRIES,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::tests::Scripted;

    #[test]
    fn first_line_strips_lf_and_crlf_only() {
        for (mut input, expected) in [
            (&b"pw\n"[..], &b"pw"[..]),
            (b"pw\r\n", b"pw"),
            (b"pw", b"pw"),
            (b"pw\nsecond\n", b"pw"),
            (b" pw \r\n", b" pw "),
            (b"pw\r", b"pw\r"),
            (b"", b""),
        ] {
            assert_eq!(first_line(&mut input).unwrap().as_bytes(), expected);
        }
    }

    #[test]
    fn first_line_is_bounded_and_refuses_nul() {
        let longest = vec![b'p'; MAX_PASSPHRASE_BYTES];
        assert_eq!(
            first_line(&mut &longest[..]).unwrap().as_bytes(),
            &longest[..]
        );
        let mut crlf = longest.clone();
        crlf.extend_from_slice(b"\r\n");
        assert_eq!(first_line(&mut &crlf[..]).unwrap().as_bytes(), &longest[..]);
        let too_long = vec![b'p'; MAX_PASSPHRASE_BYTES + 1];
        let err = first_line(&mut &too_long[..]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "its first line is longer than 1023 bytes, the most OpenSSH's prompts take"
        );
        // An endless source is read only up to the bound.
        let err = first_line(&mut std::io::repeat(0)).unwrap_err();
        assert!(
            err.to_string().starts_with("its first line is longer"),
            "{err}"
        );
        let err = first_line(&mut &b"pass\0word\n"[..]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it holds a NUL byte, which OpenSSH cannot take in a passphrase"
        );
    }

    #[test]
    fn ask_accepts_matching_entries() {
        let mut prompter = Scripted::new(&["a", "b", "pw", "pw"]);
        let got = ask_new(&mut prompter, Path::new("k")).unwrap();
        assert_eq!(got.as_bytes(), b"pw");
        assert_eq!(
            prompter.notices,
            vec!["Passphrases do not match.  Try again."]
        );
    }

    #[test]
    fn ask_gives_up_after_three_mismatches() {
        let mut prompter = Scripted::new(&["a", "b", "c", "d", "e", "f", "g", "g"]);
        let err = ask_new(&mut prompter, Path::new("k")).unwrap_err();
        assert!(matches!(err, Error::PassphraseMismatch { tries: 3 }));
    }
}
