//! `sshgen generate`: make a key pair.
//!
//! Every question (file name, overwrite, passphrase) is settled before the key
//! is generated, so a slow RSA key is never thrown away over a typo, and a
//! script fails at once instead of after the work.

use std::io::Write;

use crate::agent::socket::Agent;
use crate::clipboard::{self, CopyOutcome, Preference};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::ops::{self, host_alias, key_pair};
use crate::output::{self, Output, Report, Ui};
use crate::prompt::Prompter;
use crate::render::{self, GeneratedKey};
use crate::store::Replace;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub key: key_pair::Request,
    pub hash: FingerprintHash,
    /// Copy the public key: `Some(true)` always, `Some(false)` never,
    /// `None` when stdout is a terminal.
    pub copy: Option<bool>,
    pub clipboard: Preference,
    /// Add the new key to the ssh-agent.
    pub agent: bool,
    /// Add a `Host` alias for the key: (alias, real host name).
    pub host: Option<(String, String)>,
}

impl Report for GeneratedKey<'_> {
    fn write_text(&self, _: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        GeneratedKey::write_text(self, out)
    }
}

pub fn run(
    args: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut dyn Write,
) -> Result<()> {
    crate::progress::show(ui.output == Output::Text);
    let plan = key_pair::plan(&args.key, prompter)?;
    // The agent is connected and the alias checked before the key is
    // made, so that neither fails the command after the work.
    let mut agent = args.agent.then(Agent::connect).transpose()?;
    if let Some((alias, _)) = &args.host {
        host_alias::check_alias(alias)?;
    }
    let created = key_pair::create(&plan, prompter)?;
    if let Some(dir) = &created.created_dir {
        ui.notice(format!("Created directory '{}'.", dir.display()));
    }
    report(args, ui, &plan, &created, stdout)?;
    if let Some(path) = &created.attestation {
        ui.notice(format!(
            "Your FIDO attestation certificate has been saved in {}",
            path.display()
        ));
    }
    if let Some((alias, hostname)) = &args.host {
        let entry = host_alias::entry(alias, hostname, None, None, &created.paths.private)?;
        let file = host_alias::default_file()?;
        for warning in host_alias::add(&file, &entry, plan.replace == Replace::Allow)? {
            ui.warning(warning);
        }
        ui.notice(format!(
            "Added Host {alias} to {}: HostName {hostname}, IdentityFile {}.",
            file.display(),
            entry.identity
        ));
    }
    if let Some(agent) = &mut agent {
        let input = crate::input::Input::File(created.paths.private.clone());
        let added = ops::agent::add(
            agent,
            &input,
            &created.key,
            Default::default(),
            args.key.security_key.provider.as_deref(),
        )
        .map_err(|e| match e {
            Error::Agent(_) => e.hinted(format!(
                "the key itself was saved in {}",
                created.paths.private.display()
            )),
            other => other,
        })?;
        added.notices().into_iter().for_each(|line| ui.aside(line));
    }
    Ok(())
}

/// ssh-keygen's lines (or the JSON) about the new key, and the clipboard.
fn report(
    args: &Options,
    ui: &Ui,
    plan: &key_pair::Plan,
    created: &key_pair::Created,
    stdout: &mut dyn Write,
) -> Result<()> {
    let public_line = &created.public_line;
    // Someone at a terminal is about to paste the key somewhere; a script
    // capturing the output is not, and should not have its clipboard changed.
    let copy = args
        .copy
        .unwrap_or(ui.context.stdout_terminal)
        .then_some(args.clipboard);
    let fingerprint = created.fingerprint(args.hash)?;
    let sha256 = created.fingerprint(FingerprintHash::Sha256)?;
    let md5 = created.fingerprint(FingerprintHash::Md5)?;
    let type_label = created.type_label();
    // The key is on disk by now: a clipboard that cannot be reached is
    // reported, never a failure.
    let copied = copy.map(|preference| clipboard::copy(public_line, preference));
    let report = GeneratedKey::new(
        plan.spec.key_type().name(),
        &type_label,
        plan.spec.bits(),
        &plan.comment,
        (&created.paths.private, &created.paths.public),
        public_line,
        [&fingerprint, &sha256, &md5],
        plan.kdf_rounds(),
        copied.as_ref(),
    );
    output::emit(ui, &report, stdout)?;
    if let Some(outcome) = &copied {
        ui.notice(render::clipboard_notice(outcome, &type_label, &sha256));
        // The line the user came for, ready to select by hand, when no
        // clipboard took it and someone is reading stderr (as `copy` prints
        // it on stdout; generate's stdout stays ssh-keygen's text).
        if matches!(outcome, CopyOutcome::Failed { .. })
            && ui.output == Output::Text
            && ui.context.stderr_terminal
        {
            ui.aside(public_line);
        }
    }
    Ok(())
}
