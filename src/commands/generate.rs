//! `sshgen generate`: make a key pair.
//!
//! Every question (file name, overwrite, passphrase) is settled before the key
//! is generated, so a slow RSA key is never thrown away over a typo, and a
//! script fails at once instead of after the work.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::agent::socket::Agent;
use crate::clipboard::{self, CopyOutcome, Preference};
use crate::commands::Output;
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile::{self, PrivateTextFormat};
use crate::keys::{self, KeySpec, TypeChoice};
use crate::passphrase::{self, Passphrase, PassphraseSource};
use crate::platform;
use crate::prompt::Prompter;
use crate::render::{self, GeneratedKey};
use crate::store::{self, KeyPaths, Replace, WriteLock};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub key_type: TypeChoice,
    /// `-b`; `None` takes the type's default.
    pub bits: Option<u32>,
    /// `-f`; `None` asks at a terminal, else takes `~/.ssh/id_TYPE`.
    pub file: Option<PathBuf>,
    /// `-C`; `None` takes user@host.
    pub comment: Option<String>,
    pub passphrase: PassphraseSource,
    /// bcrypt-pbkdf rounds when there is a passphrase.
    pub rounds: u32,
    /// Replace existing files without asking.
    pub force: bool,
    pub hash: FingerprintHash,
    pub output: Output,
    /// Copy the public key: `Some(true)` always, `Some(false)` never,
    /// `None` when stdout is a terminal.
    pub copy: Option<bool>,
    pub clipboard: Preference,
    /// Add the new key to the ssh-agent.
    pub agent: bool,
    /// Add a `Host` alias for the key: (alias, real host name).
    pub host: Option<(String, String)>,
    /// The private key file's format (`-m`): OpenSSH unless asked.
    pub format: PrivateTextFormat,
}

/// A fully resolved request: nothing left to ask.
struct Plan {
    spec: KeySpec,
    paths: KeyPaths,
    comment: String,
    passphrase: Passphrase,
    rounds: u32,
    hash: FingerprintHash,
    output: Output,
    /// Copy the public key afterwards, and which clipboards may be used.
    copy: Option<Preference>,
    /// Whether existing files may be replaced (`--force`, or a yes to the
    /// overwrite question); otherwise a file that appears while the key is
    /// made fails the write instead of being replaced.
    replace: Replace,
    /// The agent to add the key to, connected before the key is made so
    /// that an agent that is not there fails the command before any work.
    agent: Option<Agent>,
    /// The `Host` alias to add: (alias, real host name).
    host: Option<(String, String)>,
    format: PrivateTextFormat,
}

/// (`dyn Write`: the key's whole making is one copy in the binary, whether
/// its report goes to stdout or, for the commands that make a key as one
/// step, nowhere.)
pub fn run(args: &Options, prompter: &mut dyn Prompter, stdout: &mut dyn Write) -> Result<()> {
    crate::progress::show(args.output == Output::Text);
    let mut plan = plan(args, prompter)?;
    carry_out(&mut plan, stdout)
}

fn plan(args: &Options, prompter: &mut dyn Prompter) -> Result<Plan> {
    let (key_type, implied_bits) = args.key_type.resolve().ok_or_else(|| {
        Error::Usage(
            "DSA keys are no longer supported by OpenSSH; use -t ed25519 (or -t rsa)".to_owned(),
        )
    })?;
    let bits = match (args.bits, implied_bits) {
        (Some(given), Some(implied)) if given != implied => {
            return Err(Error::Usage(format!(
                "-t {} implies {implied} bits but -b {given} was given; drop one",
                args.key_type.name()
            )));
        }
        (given, implied) => given.or(implied),
    };
    let spec = KeySpec::new(key_type, bits)?;

    let default_path = platform::ssh_dir()?.join(format!("id_{}", key_type.name()));
    let chosen = match &args.file {
        Some(file) => file.clone(),
        None if prompter.is_interactive() => {
            let answer = prompter.line(&format!(
                "Enter file in which to save the key ({}): ",
                default_path.display()
            ))?;
            if answer.trim().is_empty() {
                default_path
            } else {
                PathBuf::from(answer.trim())
            }
        }
        None => default_path,
    };
    let paths = KeyPaths::new(platform::expand_tilde(&chosen)?);
    // An earlier run killed half-way is settled first, so the question below
    // is about a whole pair (or none).
    if store::has_leftovers(&paths) {
        store::recover_if_idle(&paths)?;
    }

    // With --force a pair that appears while the key is made is replaced
    // too; without it, only one the user agreed to replace.
    let mut replace = if args.force {
        Replace::Allow
    } else {
        Replace::Never
    };
    if let Some(existing) = paths.first_existing() {
        replace = Replace::Allow;
        let existing = existing.to_path_buf();
        if !args.force {
            if !prompter.is_interactive() {
                return Err(Error::Exists { path: existing });
            }
            let question = format!("{} already exists. Overwrite (y/n)? ", existing.display());
            if !prompter.confirm(&question)? {
                return Err(Error::NotOverwritten { path: existing });
            }
        }
    }

    if matches!(args.passphrase, PassphraseSource::Ask) && !prompter.is_interactive() {
        return Err(Error::NoPassphraseSource);
    }
    let passphrase = passphrase::new_passphrase(&args.passphrase, prompter, &paths.private)?;
    if args.format == PrivateTextFormat::Pem && !passphrase.is_empty() {
        return Err(Error::Usage(
            "a PEM private key cannot keep a passphrase here (only OpenSSL's obsolete PEM \
             encryption could); use the PKCS8 or OpenSSH format, or no passphrase"
                .to_owned(),
        ));
    }

    let comment = args
        .comment
        .clone()
        .unwrap_or_else(platform::default_comment);
    keys::check_comment(&comment).map_err(|e| match (&args.comment, e) {
        (None, Error::Usage(why)) => Error::Usage(format!(
            "the default comment {comment:?} (user@host) is not usable: {why}; pass -C"
        )),
        (_, e) => e,
    })?;

    let agent = args.agent.then(Agent::connect).transpose()?;
    if let Some((alias, _)) = &args.host {
        crate::commands::config::check_alias(alias)?;
    }

    Ok(Plan {
        agent,
        host: args.host.clone(),
        format: args.format,
        spec,
        paths,
        comment,
        passphrase,
        rounds: args.rounds,
        hash: args.hash,
        output: args.output,
        // Someone at a terminal is about to paste the key somewhere; a script
        // capturing the output is not, and should not have its clipboard changed.
        copy: args
            .copy
            .unwrap_or_else(|| std::io::stdout().is_terminal())
            .then_some(args.clipboard),
        replace,
    })
}

fn conversion_error(error: keyfile::pkcs::DerError, path: &std::path::Path) -> Error {
    Error::KeyFile {
        path: path.to_path_buf(),
        problem: error.to_string(),
    }
}

fn carry_out(plan: &mut Plan, stdout: &mut dyn Write) -> Result<()> {
    if let Some(created) = store::ensure_parent_dir(&plan.paths.private)?
        && plan.output != Output::Quiet
    {
        eprintln!("Created directory '{}'.", created.display());
    }

    let mut rng = getrandom::SysRng;
    let key = keys::generate(keys::os_rng, plan.spec, &plan.comment)?;
    let passphrase = (!plan.passphrase.is_empty()).then(|| plan.passphrase.as_bytes());
    let private_text = match (plan.format, passphrase) {
        (PrivateTextFormat::Openssh, None) => keys::private_key_text(&key)?,
        (PrivateTextFormat::Openssh, Some(passphrase)) => {
            keys::private_key_text(&keys::encrypt(&mut rng, &key, passphrase, plan.rounds)?)?
        }
        (PrivateTextFormat::Pem, _) => keyfile::pkcs::to_pem(key.key_data())
            .map_err(|e| conversion_error(e, &plan.paths.private))?,
        (PrivateTextFormat::Pkcs8, passphrase) => {
            keyfile::pkcs::to_pkcs8(key.key_data(), passphrase)
                .map_err(|e| conversion_error(e, &plan.paths.private))?
        }
        (PrivateTextFormat::Ppk, passphrase) => keyfile::private_key_text(
            &key,
            PrivateTextFormat::Ppk,
            passphrase,
            &keyfile::ppk::WriteOptions::default(),
            &plan.paths.private,
        )?,
    };
    let public_line = keys::public_key_line(key.public_key())?;
    // Taken after the slow part: concurrent runs make their keys in
    // parallel and write one after the other.
    let lock = WriteLock::acquire(&plan.paths)?;
    store::write_key_pair(
        &lock,
        &plan.paths,
        private_text.as_bytes(),
        format!("{public_line}\n").as_bytes(),
        plan.replace,
    )?;
    drop(lock);

    let key_data = key.public_key().key_data();
    let fingerprint = keys::fingerprint(key_data, plan.hash)?;
    let sha256 = keys::fingerprint(key_data, FingerprintHash::Sha256)?;
    let md5 = keys::fingerprint(key_data, FingerprintHash::Md5)?;
    let type_label = keys::type_label(&key.algorithm());
    // The key is on disk by now: a clipboard that cannot be reached is
    // reported, never a failure.
    let copied = plan
        .copy
        .map(|preference| clipboard::copy(&public_line, preference));
    let report = GeneratedKey {
        type_name: plan.spec.key_type().name(),
        type_label: &type_label,
        bits: plan.spec.bits(),
        comment: &plan.comment,
        private_path: &plan.paths.private,
        public_path: &plan.paths.public,
        public_line: &public_line,
        fingerprint: &fingerprint,
        sha256: &sha256,
        md5: &md5,
        kdf_rounds: (!plan.passphrase.is_empty()).then_some(plan.rounds),
        clipboard: copied.as_ref(),
    };
    let printed = match plan.output {
        Output::Text => render::generated_text(&report, stdout),
        Output::Json => render::generated_json(&report, stdout),
        Output::Quiet => Ok(()),
    };
    crate::commands::flushed(printed, stdout)?;
    if let Some(outcome) = &copied
        && plan.output != Output::Quiet
    {
        eprintln!(
            "{}",
            render::clipboard_notice(outcome, &type_label, &sha256)
        );
        // The line the user came for, ready to select by hand, when no
        // clipboard took it and someone is reading stderr (as `copy` prints
        // it on stdout; generate's stdout stays ssh-keygen's text).
        if matches!(outcome, CopyOutcome::Failed { .. })
            && plan.output == Output::Text
            && std::io::stderr().is_terminal()
        {
            eprintln!(
                "{}",
                render::visible(&public_line, crate::platform::utf8_locale())
            );
        }
    }
    if let Some((alias, hostname)) = &plan.host {
        let entry =
            crate::commands::config::host_entry(alias, hostname, None, None, &plan.paths.private)?;
        let file = crate::commands::config::default_file()?;
        crate::commands::config::add(&file, &entry, plan.replace == Replace::Allow)?;
        if plan.output != Output::Quiet {
            eprintln!(
                "Added Host {alias} to {}: HostName {hostname}, IdentityFile {}.",
                file.display(),
                entry.identity
            );
        }
    }
    if let Some(agent) = &mut plan.agent {
        let input = crate::input::Input::File(plan.paths.private.clone());
        let quiet = plan.output != Output::Text;
        crate::commands::agent::add(agent, &input, &key, Default::default(), quiet).map_err(
            |e| match e {
                Error::Agent(why) => Error::Agent(format!(
                    "{why}; the key itself was saved in {}",
                    plan.paths.private.display()
                )),
                other => other,
            },
        )?;
    }
    Ok(())
}
