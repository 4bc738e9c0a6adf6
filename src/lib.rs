//! sshgen: make and manage OpenSSH keys.
//!
//! # Map
//! - Two front ends, one implementation of each job:
//!   - [`cli`]: sshgen's own command line, in stages: the clap declarations
//!     (every subcommand's options and its help examples, one `*_EXAMPLES`
//!     const each, parsed back by the man-page test; `cli::values` says how
//!     the domain's choices are typed), then `*Args::options`, which
//!     destructures each `*Args` whole (a forgotten flag does not compile)
//!     into the command's plain `Options` and its [`output::Output`];
//!   - [`keygen_cli`]: ssh-keygen's command line (its getopt grammar), used
//!     under the name `ssh-keygen` or when bare `sshgen` starts with one of
//!     its mode flags: `mode` decides the job and its `Options` without
//!     running anything, `dispatch` runs it.
//! - [`output`]: the one output seam: the run's [`output::Context`] (terminals,
//!   locale; read once), the [`output::Ui`] value passed to every command
//!   (the [`output::Output`] choice — text, JSON, quiet — and stderr's notices
//!   and warnings, escaped by construction), [`output::emit`] for a command's
//!   report (its JSON a `#[derive(Serialize)]` form, its text a method
//!   beside it), and the error line with its exit status.
//! - [`commands`]: one module per job, none of which knows clap: `generate`,
//!   `copy` (also `--private`), `fingerprint`, `public`, `list`, `passphrase`,
//!   `comment`, `export`, `import`, `convert` (private keys, PuTTY's too),
//!   `doctor`, `agent`, `config`, `known_hosts`, `authorized_keys`,
//!   `copy_id` (what ssh-copy-id does, through `ops::ssh_login`), `test`,
//!   `access_key` (`add`; `remote`: the host's API, the proof by cloning,
//!   the builds' copy; `rotate`; `manage`: `label`, `remove`, `list`),
//!   `signatures` (`sign`, `verify`, `-Y`), `certificates`
//!   (`-s`, `-L`, `cert sign|show`), `krl` (`-k`, `-Q`), `sshfp` (`-r`),
//!   `moduli` (`-M`), `resident_keys` (`-K`: a security key's keys into files),
//!   `git_signing`. Each takes its `Options` and the [`output::Ui`], asks
//!   through [`prompt`] before any work, carries the plan out and hands its
//!   report to [`output::emit`]. No command calls another: what several
//!   share is an operation. `doctor` is two halves: `doctor::facts` gathers
//!   what it looks at, `doctor::rules` judges, purely.
//! - [`ops`]: the jobs several commands share, each written once and
//!   returning what it did: make a key pair (`ops::key_pair`: `generate`,
//!   `access-key`, ssh-keygen's `-A`), add a `Host` alias
//!   (`ops::host_alias`), record a host key (`ops::host_key`), add a key
//!   to the agent (`ops::agent`), scan a folder for key pairs with typed
//!   problems (`ops::key_scan`: `list`, `doctor`), find the default key
//!   (`ops::default_key`). An operation prints nothing: it returns what a
//!   command may say.
//! - Pure cores, free of I/O, of the environment and of clap (limits such as
//!   the most KDF rounds come in as parameters): [`keys`] (types, sizes,
//!   generation, encryption, encodings), [`fingerprint`] (hashes, randomart,
//!   bubblebabble), [`render`] (the reports several commands share: a new or
//!   copied key, the fingerprint line; escaping for the terminal), [`convert`] (RFC4716, PKCS8
//!   and PEM public keys, ssh.com private keys, for `export` and `import`),
//!   [`known_hosts`], [`authorized_keys`] and [`ssh_config`] (those files as
//!   text to text: every
//!   value checked and quoted as ssh reads it back, and the config
//!   evaluated for an alias as ssh evaluates it),
//!   [`allowed_signers`], [`sshsig`] (SSH signatures, by keys or
//!   certificates; `sshsig::webauthn` checks a security key's WebAuthn
//!   ones), [`certificates`] (validity, options, `-L`'s text),
//!   [`sshfp`] (DNS records of host keys), [`krl`] (revocation lists),
//!   [`moduli`] (DH group moduli: the sieve and the screening),
//!   [`services`] (code hosts and their published host keys), [`agent`]'s
//!   messages.
//! - [`input`]: a file argument or `-` for standard input, opened as only
//!   regular files are, read a line at a time or whole within a bound (a
//!   key file, the `.pub` beside it, the one key `copy` and `export` take).
//! - [`keyfile`]: the one reader of key files, for every command: OpenSSH v1,
//!   PEM PKCS#1/SEC1 (legacy-encrypted too), PKCS#8 (encrypted too), PuTTY's
//!   `.ppk` v2 and v3 (`keyfile::ppk`, which also writes them), `.pub`,
//!   authorized_keys, known_hosts; `keyfile::pkcs` also writes PKCS#1, SEC1
//!   and PKCS#8, and reads by hand what its crates do not (`ec_params`: a
//!   curve spelled out; `pbes2`: Camellia and ARIA). Pure over bytes.
//! - [`secret`]: the [`secret::Passphrase`] type, wiped from memory (a leaf,
//!   so that [`prompt`] and [`passphrase`] need not import each other).
//! - [`passphrase`]: where passphrases come from
//!   ([`passphrase::PassphraseSource`]: text, a file, a variable, none, or
//!   the terminal); a new one ([`passphrase::new_passphrase`]) and the one
//!   of an existing key ([`passphrase::existing`]).
//! - [`unlock`]: opens a private key in any [`keyfile`] format with its
//!   passphrase: [`unlock::open`] for the commands that only read it,
//!   [`unlock::unlock`] for `passphrase` and `comment`, which write it back
//!   as OpenSSH v1 (saying so when the file was PEM or PKCS8).
//! - [`security_key`]: FIDO authenticators as OpenSSH reaches them, through
//!   a provider library loaded in `security_key::provider` (its only
//!   `unsafe`) or OpenSSH's `ssh-sk-helper` (`security_key::helper`): a key
//!   enrolled (`ops::key_pair` for `-t ed25519-sk`), signatures
//!   (`security_key::KeySigner`, an [`unlock::Signer`]), resident keys.
//! - [`code_host`]: the code hosts' REST APIs (one module per host, from
//!   its published API description; `code_host::token` finds the token),
//!   over [`http`], the one HTTPS client. `ops::ssh_login` runs ssh and
//!   `git ls-remote` for `test` and `access-key`; `ops::access_key_records`
//!   remembers the access keys sshgen made.
//! - Other edges: [`store`] (key files: a lock per key, staged and synced
//!   files renamed into place, recovery of interrupted writes; a user's text
//!   file rewritten the same way), [`prompt`] (terminal questions),
//!   [`platform`] (home folder, paths as typed, permissions; Windows access
//!   lists through `platform::acl`, pure, and `platform::windows_acl`; the
//!   only `unsafe` is there, in `platform::windows_handles` (standard handles
//!   kept from children), in `platform::windows_service` (the ssh-agent
//!   service's state, for `doctor`) and in `platform::account` (the account
//!   database's home folder and account names); `platform::ownership` keeps
//!   the owner of every file sshgen writes and changes `doctor --fix`'s
//!   modes in place, through no link), [`clipboard`] (OSC 52, a detached serving
//!   child on X11 and Wayland — the hidden `serve-clipboard` command —, the
//!   system clipboard on macOS and Windows), `agent::socket` (the agent's socket or
//!   pipe), [`progress`] (the line that RSA's prime search and bcrypt-pbkdf
//!   update on a terminal's stderr, which [`keys`] reports to and commands
//!   turn on for their text output). The programs sshgen runs: the
//!   system's ssh (`commands::test`, and `doctor`'s `ssh -G`), its
//!   ssh-keyscan (`known-hosts add --scan`), git (`git_signing`'s and
//!   `doctor`'s `git config`), and `SSH_ASKPASS` under ssh-keygen's
//!   grammar; `platform::openssh_program` finds the OpenSSH ones.
//! - [`error`]: the one error type, the leaf errors that `From` turns into
//!   it, and the exit status of each kind under each grammar.
//! - [`docs`]: `sshgen completions`, the scripts rendered from [`cli::Cli`];
//!   the man pages are rendered by the test that writes and checks the
//!   committed `completions/` and `man/` (`tests/integration/man_pages.rs`).
//!
//! Modules import each other in one direction only: the front ends (`cli`,
//! `keygen_cli`) → `commands` → [`ops`] → the edges and cores, with `docs`
//! beside `cli`. `tests/integration/architecture.rs` checks that on the
//! source: no module reaches one that reaches it back, no command reaches
//! another command, no operation reaches a command or a front end, only
//! the front ends know clap, only the context and the edges read the
//! environment or ask about terminals, and no function is over 100 lines.
//!
//! # Flow of a command
//! `main` → [`run`]: under ssh-keygen's grammar [`keygen_cli::run`], else it
//! parses with [`cli::Cli`] (clap prints help and usage errors) → `dispatch`
//! reads the [`output::Context`] once, lowers the `*Args` into the
//! command's `Options` and `Output`, and calls its `commands::*::run` with
//! them as a [`output::Ui`], the terminal [`prompt::Terminal`] and stdout →
//! the command reads keys through [`input`] and [`keyfile`] (and [`unlock`]
//! with [`passphrase::existing`] when it needs the private key), composes
//! [`ops`], computes in the pure cores, writes files through [`store`], and
//! hands its report to [`output::emit`] → an [`error::Error`] becomes one
//! `sshgen: error: …` line and its exit code in
//! [`output::report_error`] (ssh-keygen's statuses under its grammar).
//!
//! `sshgen generate` (also bare `sshgen`): [`commands::generate::run`] →
//! [`ops::key_pair::plan`] resolves type and size ([`keys::KeySpec`]), the
//! path (asking when interactive), the overwrite question and the
//! passphrase → [`ops::key_pair::create`]: [`keys::generate`],
//! [`keyfile::private_key_text`] → [`store::WriteLock`] and
//! [`store::write_key_pair`], returning the key and its public line →
//! [`render::GeneratedKey`] through [`output::emit`] → [`clipboard`] when
//! copying → [`ops::host_alias`] and [`ops::agent`] when asked.

pub mod agent;
pub mod allowed_signers;
pub mod authorized_keys;
pub mod certificates;
pub mod cli;
pub mod clipboard;
pub mod code_host;
pub mod commands;
pub mod convert;
pub mod docs;
pub mod error;
pub mod fingerprint;
pub mod http;
pub mod input;
pub mod keyfile;
pub mod keygen_cli;
pub mod keys;
pub mod known_hosts;
pub mod krl;
pub mod moduli;
pub mod ops;
pub mod output;
pub mod passphrase;
pub mod platform;
pub mod progress;
pub mod prompt;
pub mod render;
pub mod secret;
pub mod security_key;
pub mod services;
pub mod ssh_config;
pub mod sshfp;
pub mod sshsig;
pub mod store;
pub mod unlock;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::output::{Context, Output, Ui};
use crate::prompt::Terminal;

/// Runs sshgen with the given command line and returns the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    if let Some(program) = args.first()
        && keygen_cli::applies(program, &args[1..])
    {
        return keygen_cli::run(&args[1..]);
    }
    let parsed = Cli::try_parse_from(args);
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
        Err(error) => output::report_error(&error, error::Grammar::Sshgen),
    }
}

fn dispatch(cli: Cli) -> Result<(), Error> {
    let mut prompter = Terminal::new();
    let prompter = &mut prompter;
    let stdout = &mut std::io::stdout().lock();
    let context = Context::detect();
    let ui = |output| Ui::new(output, context);
    match cli.command {
        None => generate(cli.generate, context, prompter, stdout),
        Some(Command::Generate(args)) => generate(args, context, prompter, stdout),
        Some(Command::Copy(args)) => {
            let (options, output) = args.options()?;
            commands::copy::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Fingerprint(args)) => {
            let (options, output) = args.options()?;
            commands::fingerprint::run(&options, &ui(output), stdout)
        }
        Some(Command::Public(args)) => {
            let (options, output) = args.options()?;
            commands::public::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::List(args)) => {
            let (options, output) = args.options()?;
            commands::list::run(&options, &ui(output), stdout)
        }
        Some(Command::Passphrase(args)) => {
            let (options, output) = args.options()?;
            commands::passphrase::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Comment(args)) => {
            let (options, output) = args.options()?;
            commands::comment::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Export(args)) => {
            let (options, output) = args.options()?;
            commands::export::run(&options, &ui(output), stdout)
        }
        Some(Command::Import(args)) => {
            let (options, output) = args.options()?;
            commands::import::run(&options, &ui(output), stdout)
        }
        Some(Command::Convert(args)) => commands::convert::run(&args.options()?, prompter, stdout),
        Some(Command::Doctor(args)) => {
            let (options, output) = args.options();
            commands::doctor::run(&options, &ui(output), stdout)
        }
        Some(Command::AccessKey(args)) => {
            let (options, output) = args.options()?;
            commands::access_key::run_action(&options, &ui(output), prompter, stdout)
        }
        Some(Command::CopyId(args)) => {
            commands::copy_id::run(&args.options(), &ui(Output::Text), stdout)
        }
        Some(Command::AuthorizedKeys { action }) => {
            let (options, output) = action.options();
            commands::authorized_keys::run(&options, &ui(output), stdout)
        }
        Some(Command::Config { action }) => {
            let (options, output) = action.options()?;
            commands::config::run(&options, &ui(output), stdout)
        }
        Some(Command::KnownHosts { action }) => {
            commands::known_hosts::run(&action.options()?, &ui(Output::Text), prompter, stdout)
        }
        Some(Command::Test(args)) => {
            let (options, output) = args.options()?;
            commands::test::run(&options, &ui(output), stdout)
        }
        Some(Command::Sign(args)) => {
            let (options, output) = args.options()?;
            commands::signatures::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Verify(args)) => {
            let (options, output) = args.options()?;
            commands::signatures::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Cert { action }) => {
            let (options, output) = action.options()?;
            commands::certificates::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::GitSigning(args)) => commands::git_signing::run(&args.options()?, stdout),
        Some(Command::Agent { action }) => {
            let (options, output) = action.options()?;
            commands::agent::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::ResidentKeys(args)) => {
            let (options, output) = args.options();
            commands::resident_keys::run(&options, &ui(output), prompter, stdout)
        }
        Some(Command::Completions(args)) => docs::print_completions(args.shell, stdout),
        Some(Command::ServeClipboard {
            protocol,
            clear_after,
        }) => serve_clipboard(protocol, clear_after),
    }
}

/// `sshgen generate`, or bare `sshgen` with its options.
fn generate(
    args: cli::GenerateArgs,
    context: Context,
    prompter: &mut dyn prompt::Prompter,
    stdout: &mut dyn std::io::Write,
) -> Result<(), Error> {
    let (options, output) = args.options();
    commands::generate::run(&options, &Ui::new(output, context), prompter, stdout)
}

/// The hidden `serve-clipboard` command: returns when another program takes
/// the clipboard (or its time is up). Nobody reads its errors (stderr is
/// closed); the parent learns of them through the serving protocol.
fn serve_clipboard(protocol: cli::DisplayProtocol, clear_after: Option<u32>) -> Result<(), Error> {
    match protocol {
        #[cfg(all(unix, not(target_os = "macos")))]
        cli::DisplayProtocol::X11 => clipboard::served::serve(clipboard::Method::X11, clear_after),
        #[cfg(all(unix, not(target_os = "macos")))]
        cli::DisplayProtocol::Wayland => {
            clipboard::served::serve(clipboard::Method::Wayland, clear_after)
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        cli::DisplayProtocol::Native => {
            clipboard::native::clear_when_unchanged(clear_after.unwrap_or(0))
        }
        _ => Err("this clipboard is not served on this system".to_owned()),
    }
    .map_err(Error::Clipboard)
}
