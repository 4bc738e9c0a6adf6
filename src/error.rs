//! The one error type of sshgen, its messages and its exit codes.
//!
//! Every message names what went wrong, the path involved and the way out, so a
//! user reading one line on a build log knows what to change.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit status for success.
pub const EXIT_OK: u8 = 0;
/// Exit status for any failure that is not a usage error.
pub const EXIT_FAILURE: u8 = 1;
/// Exit status for a command line that cannot be carried out as written.
pub const EXIT_USAGE: u8 = 2;
/// Exit status after Ctrl-C at a prompt (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Everything that can make a command fail.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something impossible (bad key size, conflicting options).
    Usage(String),
    /// A key file is in the way and replacing it was not allowed.
    Exists { path: PathBuf },
    /// The user answered "no" when asked to overwrite.
    NotOverwritten { path: PathBuf },
    /// No terminal to ask for a passphrase and no passphrase option given.
    NoPassphraseSource,
    /// A passphrase file or variable could not be used.
    PassphraseSource {
        source_name: String,
        problem: String,
    },
    /// The two passphrases typed at the prompt differed, too often.
    PassphraseMismatch { tries: u32 },
    /// The terminal closed (Ctrl-D) while sshgen was asking something.
    EndOfInput { question: &'static str },
    /// Ctrl-C at a prompt.
    Interrupted,
    /// A file system operation failed.
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// Reading from or writing to the terminal failed.
    Terminal(io::Error),
    /// The cryptography library refused (bad key material, RNG failure…).
    Key {
        context: String,
        source: ssh_key::Error,
    },
    /// The home folder cannot be determined.
    NoHome,
    /// The reader of our stdout went away; the work itself was done.
    StdoutClosed,
    /// The passphrase given for an encrypted private key does not open it.
    IncorrectPassphrase { path: PathBuf },
    /// The command has said on stdout or stderr why it failed (as `ssh-add
    /// -l` prints "The agent has no identities."); nothing more is printed.
    AlreadyReported,
    /// As [`Error::AlreadyReported`], with the exit status ssh-keygen gives
    /// that failure (`-Y find-principals` 255, `match-principals` the low
    /// byte of its internal error code).
    ReportedWithStatus(u8),
    /// No ssh-agent could be reached, it did not answer as one, or it
    /// refused a request; the message says which and what to do.
    Agent(String),
    /// A check came out no: the key does not get in (`test`), a host key
    /// differs from the one recorded (`known-hosts add`); the message says
    /// why and what to do.
    Refused(String),
    /// An encrypted private key must be opened, but there is no terminal to
    /// ask for its passphrase and no passphrase option was given.
    NoExistingPassphraseSource {
        path: PathBuf,
        /// `passphrase` or `old-passphrase`: the options the command has.
        option_prefix: &'static str,
    },
    /// A key file could not be understood.
    KeyFile { path: PathBuf, problem: String },
    /// A key type that a conversion format cannot hold (Ed25519 as PEM…).
    UnsupportedConversion { key_type: String, format: String },
    /// `sshgen copy` without a file found none of the usual public keys.
    NoDefaultPublicKey {
        dir: PathBuf,
        names: &'static [&'static str],
        /// How to name the file instead: `copy FILE`, `sign -f KEY FILE`.
        usage: &'static str,
    },
    /// Another sshgen is writing the same key and did not finish in time.
    Busy { path: PathBuf, lock: PathBuf },
    /// The clipboard could not be served (only the hidden serving command
    /// fails over this; copying itself reports and goes on).
    Clipboard(String),
}

impl Error {
    /// Wraps an I/O error with what was being done to which path.
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Wraps a key library error with what was being done.
    pub fn key(context: impl Into<String>, source: ssh_key::Error) -> Self {
        Error::Key {
            context: context.into(),
            source,
        }
    }

    /// The process exit status this error maps to.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Interrupted => EXIT_INTERRUPTED,
            Error::StdoutClosed => EXIT_OK,
            Error::ReportedWithStatus(status) => *status,
            _ => EXIT_FAILURE,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Agent(message) | Error::Refused(message) => {
                f.write_str(message)
            }
            Error::Exists { path } => write!(
                f,
                "{} already exists; pass --force to replace it, or -f to choose another file",
                path.display()
            ),
            Error::NotOverwritten { path } => {
                write!(f, "{} was not overwritten; nothing changed", path.display())
            }
            Error::NoPassphraseSource => f.write_str(
                "no terminal to ask for a passphrase; pass --no-passphrase, \
                 --passphrase-file PATH (or - for standard input) or --passphrase-env VAR",
            ),
            Error::PassphraseSource {
                source_name,
                problem,
            } => write!(f, "{source_name}: {problem}"),
            Error::PassphraseMismatch { tries } => write!(
                f,
                "the passphrases did not match {tries} times; no key was written"
            ),
            Error::EndOfInput { question } => {
                write!(
                    f,
                    "end of input while asking for {question}; nothing was written"
                )
            }
            Error::Interrupted => f.write_str("interrupted; nothing was written"),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::Terminal(source) => write!(f, "cannot use the terminal: {source}"),
            Error::Key { context, source } => write!(f, "{context}: {source}"),
            Error::StdoutClosed => f.write_str("standard output was closed"),
            Error::AlreadyReported | Error::ReportedWithStatus(_) => {
                f.write_str("the command failed")
            }
            Error::NoDefaultPublicKey { dir, names, usage } => write!(
                f,
                "no {} in {} (looked for {}); make one with `sshgen generate`, \
                 or name the key file: `sshgen {usage}`",
                if names.iter().all(|n| n.ends_with(".pub")) {
                    "public key"
                } else {
                    "key"
                },
                dir.display(),
                names.join(", ")
            ),
            Error::Clipboard(reason) => write!(f, "clipboard: {reason}"),
            Error::Busy { path, lock } => write!(
                f,
                "another sshgen is writing {} (it holds {}); try again when it has finished",
                path.display(),
                lock.display()
            ),
            Error::NoHome => f.write_str(
                "cannot find the home folder; set HOME (or USERPROFILE on Windows), or pass -f",
            ),
            Error::IncorrectPassphrase { path } => {
                write!(f, "incorrect passphrase for {}", path.display())
            }
            Error::NoExistingPassphraseSource {
                path,
                option_prefix,
            } => write!(
                f,
                "{} is encrypted and there is no terminal to ask for its passphrase; \
                 pass --{option_prefix}-file PATH (or - for standard input), \
                 --{option_prefix}-env VAR or -P TEXT",
                path.display()
            ),
            Error::KeyFile { path, problem } => write!(f, "{}: {problem}", path.display()),
            Error::UnsupportedConversion { key_type, format } => write!(
                f,
                "{key_type} keys cannot be converted to {format}; \
                 use --format rfc4716, which holds every key type"
            ),
        }
    }
}

impl std::error::Error for Error {
    /// The lower-level cause, for callers that walk the chain (the one-line
    /// message above already includes its text).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Terminal(source) => Some(source),
            Error::Key { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Prints the error as one line on stderr and returns the matching exit code.
pub fn report(error: &Error) -> ExitCode {
    if !matches!(
        error,
        Error::StdoutClosed | Error::AlreadyReported | Error::ReportedWithStatus(_)
    ) {
        eprintln!("sshgen: error: {error}");
    }
    ExitCode::from(error.exit_code())
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_is_the_source() {
        use std::error::Error as _;
        let error = Error::io(
            "read",
            Path::new("k"),
            io::Error::from(io::ErrorKind::NotFound),
        );
        let source = error.source().expect("an I/O error has a source");
        assert_eq!(
            source.to_string(),
            io::Error::from(io::ErrorKind::NotFound).to_string()
        );
        assert!(Error::NoHome.source().is_none());
    }
}
