//! One module per subcommand; each takes its plain `Options` (built from
//! the command line in [`crate::cli`], knowing nothing of clap), turns them
//! into a plan and carries it out.

pub mod access_key;
pub mod agent;
pub mod certificates;
pub mod comment;
pub mod config;
pub mod convert;
pub mod copy;
pub mod doctor;
pub mod export;
pub mod fingerprint;
pub mod generate;
pub mod git_signing;
pub mod import;
pub mod known_hosts;
pub mod krl;
pub mod list;
pub mod moduli;
pub mod passphrase;
pub mod public;
pub mod signatures;
pub mod sshfp;
pub mod test;

use std::io::{self, Write};

use crate::error::Error;

/// What a command prints on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// ssh-keygen's text.
    Text,
    /// One JSON document and nothing else.
    Json,
    /// Nothing but errors (`-q`).
    Quiet,
}

/// Maps a failure to write to stdout. A reader that stopped early
/// (`sshgen … | head -1`) is not a failure: the work was done.
pub fn stdout_error(error: io::Error) -> Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Error::StdoutClosed
    } else {
        Error::io("write to", std::path::Path::new("standard output"), error)
    }
}

/// The end of every command's output: what it printed, flushed, with a
/// closed stdout told apart from a failed write ([`stdout_error`]).
pub fn flushed(printed: io::Result<()>, stdout: &mut (impl Write + ?Sized)) -> Result<(), Error> {
    printed.and_then(|()| stdout.flush()).map_err(stdout_error)
}
