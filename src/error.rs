//! The one error type of sshgen, its messages and its exit codes.
//!
//! Every message names what went wrong, the path involved and the way out, so a
//! user reading one line on a build log knows what to change. The message is
//! whole in `Display`, the lower-level cause included; `source()` therefore
//! returns nothing, so that a reporter walking the chain prints each cause
//! once (the cause stays in its variant's field). Leaf modules keep errors
//! of their own; a `From` conversion turns those that need no more context
//! into an [`Error`], so `?` carries them. The exit status is decided in one
//! place, [`Error::exit_code`], for either command line ([`Grammar`]).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
#[non_exhaustive]
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
    /// `error`, with what the user should know of the work that was done
    /// anyway (`the key itself was saved in …`).
    Hinted { error: Box<Error>, hint: String },
    /// A security key (or its provider) did not do what was asked:
    /// `action` is what (`Key enrollment`, `Signing`).
    SecurityKey {
        action: &'static str,
        source: crate::security_key::SkError,
    },
}

/// The command line an error is reported under: sshgen's own, or
/// ssh-keygen's, whose statuses scripts test for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grammar {
    Sshgen,
    SshKeygen,
}

/// ssh-keygen's status for any failure it reports (its `fatal()`).
const EXIT_SSH_KEYGEN_FATAL: u8 = 255;

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

    /// `self`, with `hint` said after it.
    pub fn hinted(self, hint: String) -> Self {
        Error::Hinted {
            error: Box::new(self),
            hint,
        }
    }

    /// The process exit status this error maps to under `grammar`: usage
    /// 2, interrupted 130, any other failure 1; under ssh-keygen's, what
    /// ssh-keygen exits with (1 for what it reports itself, 255 for its
    /// fatal errors, usage errors among them).
    pub fn exit_code(&self, grammar: Grammar) -> u8 {
        match (self, grammar) {
            (Error::Hinted { error, .. }, _) => error.exit_code(grammar),
            (Error::Interrupted, _) => EXIT_INTERRUPTED,
            (Error::StdoutClosed, _) => EXIT_OK,
            (Error::ReportedWithStatus(status), _) => *status,
            (Error::AlreadyReported, _) => EXIT_FAILURE,
            (_, Grammar::SshKeygen) => EXIT_SSH_KEYGEN_FATAL,
            (Error::Usage(_), Grammar::Sshgen) => EXIT_USAGE,
            (_, Grammar::Sshgen) => EXIT_FAILURE,
        }
    }

    /// Whether the command has said everything already (or stdout's reader
    /// went away): nothing more is printed.
    pub fn is_reported(&self) -> bool {
        match self {
            Error::StdoutClosed | Error::AlreadyReported | Error::ReportedWithStatus(_) => true,
            Error::Hinted { error, .. } => error.is_reported(),
            _ => false,
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
            Error::Hinted { error, hint } => write!(f, "{error}; {hint}"),
            Error::SecurityKey { action, source } => write!(f, "{action} failed: {source}"),
            Error::UnsupportedConversion { key_type, format } => write!(
                f,
                "{key_type} keys cannot be converted to {format}; \
                 use --format rfc4716, which holds every key type"
            ),
        }
    }
}

/// The message is whole in `Display` (see the module's note): no source.
impl std::error::Error for Error {}

impl From<crate::ssh_config::BadValue> for Error {
    /// A value that cannot go into the ssh config (or known_hosts) as
    /// given: the command line asked for it.
    fn from(bad: crate::ssh_config::BadValue) -> Self {
        Error::Usage(bad.to_string())
    }
}

impl From<crate::known_hosts::BadPattern> for Error {
    fn from(bad: crate::known_hosts::BadPattern) -> Self {
        Error::Usage(bad.to_string())
    }
}

impl From<crate::allowed_signers::BadPrincipal> for Error {
    fn from(bad: crate::allowed_signers::BadPrincipal) -> Self {
        Error::Usage(bad.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of a chain, as a reporter that walks it prints them.
    fn chain(error: &dyn std::error::Error) -> Vec<String> {
        std::iter::successors(Some(error), |e| e.source())
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_cause_is_said_once() {
        let cause = io::Error::from(io::ErrorKind::NotFound).to_string();
        let error = Error::io(
            "read",
            Path::new("k"),
            io::Error::from(io::ErrorKind::NotFound),
        );
        let said = chain(&error).join(": ");
        assert_eq!(said, format!("cannot read k: {cause}"));
        let hinted =
            Error::Agent("the agent refused".to_owned()).hinted("the key is saved".to_owned());
        assert_eq!(chain(&hinted), ["the agent refused; the key is saved"]);
    }

    #[test]
    fn each_kind_has_its_status_under_each_grammar() {
        let usage = || Error::Usage("bad".to_owned());
        let cases = [
            (usage(), EXIT_USAGE, EXIT_SSH_KEYGEN_FATAL),
            (Error::NoHome, EXIT_FAILURE, EXIT_SSH_KEYGEN_FATAL),
            (Error::Interrupted, EXIT_INTERRUPTED, EXIT_INTERRUPTED),
            (Error::AlreadyReported, EXIT_FAILURE, EXIT_FAILURE),
            (Error::ReportedWithStatus(255), 255, 255),
            (Error::StdoutClosed, EXIT_OK, EXIT_OK),
            (
                usage().hinted("h".to_owned()),
                EXIT_USAGE,
                EXIT_SSH_KEYGEN_FATAL,
            ),
        ];
        for (error, sshgen, ssh_keygen) in cases {
            assert_eq!(error.exit_code(Grammar::Sshgen), sshgen, "{error:?}");
            assert_eq!(error.exit_code(Grammar::SshKeygen), ssh_keygen, "{error:?}");
        }
    }
}
