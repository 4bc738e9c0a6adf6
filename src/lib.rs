//! sshgen: make and manage OpenSSH keys.
//!
//! # Map
//! - [`cli`]: the clap definition (no logic).
//! - [`commands`]: one module per subcommand; each builds a plan from the
//!   parsed arguments, asking the user through [`prompt`] before any work, then
//!   carries it out.
//! - Pure cores, free of I/O: [`keys`] (types, sizes, generation, encryption,
//!   encodings), [`fingerprint`] (hashes, randomart, bubblebabble), [`render`]
//!   (ssh-keygen's text and JSON).
//! - Edges: [`store`] (key files, atomic writes), [`prompt`] (terminal
//!   questions), [`passphrase`] (where passphrases come from), [`platform`]
//!   (home folder, paths as typed, permissions; Windows access lists through
//!   `platform::acl`, pure, and `platform::windows_acl`, the one module with
//!   `unsafe`).
//! - [`error`]: the one error type and the exit codes.
//! - Key rewriting and conversion: [`unlock`] (edge: reads and decrypts the
//!   private key that `passphrase` and `comment` rewrite), [`convert`] (pure:
//!   RFC4716, PKCS8 and PEM public keys for `export` and `import`).
//! - [`docs`]: completion scripts and man pages rendered from [`cli::Cli`]
//!   (the committed `completions/` and `man/` are checked against it).
//!
//! # Flow of `sshgen generate`
//! `main` → [`run`] parses with [`cli::Cli`] → [`commands::generate::run`]
//! resolves type and size ([`keys::KeySpec`]), the path (asking when interactive),
//! the overwrite question and the passphrase → [`keys::generate`] and
//! [`keys::encrypt`] → [`store::write_key_pair`] → [`render`] to stdout.

pub mod cli;
pub mod commands;
pub mod convert;
pub mod docs;
pub mod error;
pub mod fingerprint;
pub mod keys;
pub mod passphrase;
pub mod platform;
pub mod prompt;
pub mod render;
pub mod store;
pub mod unlock;

use std::process::ExitCode;

use clap::FromArgMatches;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::prompt::Terminal;

/// Runs sshgen with the given command line and returns the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let parsed = cli::command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with exit 0, and usage
            // errors to stderr with exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { error::EXIT_USAGE } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error::report(&error),
    }
}

fn dispatch(cli: Cli) -> Result<(), Error> {
    let mut prompter = Terminal::new();
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        None => commands::generate::run(&cli.generate, &mut prompter, &mut stdout),
        Some(Command::Generate(args)) => commands::generate::run(&args, &mut prompter, &mut stdout),
        Some(Command::Passphrase(args)) => {
            commands::passphrase::run(&args, &mut prompter, &mut stdout)
        }
        Some(Command::Comment(args)) => commands::comment::run(&args, &mut prompter, &mut stdout),
        Some(Command::Export(args)) => commands::export::run_export(&args, &mut stdout),
        Some(Command::Import(args)) => commands::export::run_import(&args, &mut stdout),
        Some(Command::Completions(args)) => commands::completions::run(&args, &mut stdout),
    }
}
