//! `sshgen copy-id [-i KEY] [-p PORT] [-o OPTION]… [USER@]HOST`: what
//! `ssh-copy-id` does, from any platform. The key is first tried alone
//! (no agent, batch mode): if it gets in, nothing is done (`--force`
//! installs anyway). Otherwise ssh logs in the usual way (its own password
//! and host key prompts, on the terminal) and runs one POSIX-shell snippet
//! that makes `~/.ssh` (0700) and `authorized_keys` (0600) when missing,
//! appends the key line (read from standard input, so no quoting can go
//! wrong) only when that key's body is not there yet, after a newline when
//! the file lacks its last one, and rewrites nothing. Then the key is
//! tried alone again, and sshgen says whether it now gets in. A Windows
//! OpenSSH server (its shell is cmd or PowerShell) is refused with the
//! exact manual steps.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::authorized_keys::{self, KeyOptions};
use crate::error::{Error, Result};
use crate::input::Input;
use crate::keys;
use crate::ops::ssh_login::{self, Login, Outcome};
use crate::ops::{default_key, key_install};
use crate::output::Ui;
use crate::platform;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// `[USER@]HOST`.
    pub target: String,
    /// The key (its `.pub`, or the private key beside it).
    pub identity: Option<PathBuf>,
    pub port: Option<u16>,
    /// `-o` options for ssh.
    pub ssh_options: Vec<String>,
    /// `-n`: say what would be added, change nothing.
    pub dry_run: bool,
    /// Install even when the key already gets in.
    pub force: bool,
    /// sshd's options for the installed line.
    pub key_options: Box<KeyOptions>,
}

/// The key files: the public one, and the private one beside it if any.
fn key_files(options: &Options) -> Result<(PathBuf, Option<PathBuf>)> {
    let given = match &options.identity {
        Some(path) => platform::expand_tilde(path)?,
        None => default_key::public("copy-id -i KEY.pub HOST")?,
    };
    let text = given.to_string_lossy();
    let (public, private) = match text.strip_suffix(".pub") {
        Some(stem) => (given.clone(), PathBuf::from(stem)),
        None => (platform::with_pub_suffix(&given), given.clone()),
    };
    Ok((public, private.is_file().then_some(private)))
}

/// Refuses a target ssh could take for an option or that carries more
/// than a user and a host.
fn check_target(target: &str) -> Result<()> {
    if target.is_empty()
        || target.starts_with('-')
        || target.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::Usage(format!("{target:?} is not [USER@]HOST")));
    }
    Ok(())
}

/// The exact manual steps for a Windows OpenSSH server (the line in
/// PowerShell's single quotes, where `'` is written `''`).
fn windows_steps(line: &str, target: &str) -> String {
    let line = line.replace('\'', "''");
    format!(
        "{target} runs Windows OpenSSH, whose shell is cmd or PowerShell; sshgen installs keys \
         with a POSIX shell only. On the server, in PowerShell: for a standard user, \
         `New-Item -Force -ItemType Directory $env:USERPROFILE\\.ssh; Add-Content \
         $env:USERPROFILE\\.ssh\\authorized_keys '{line}'`; for an administrator, \
         `Add-Content $env:ProgramData\\ssh\\administrators_authorized_keys '{line}'; icacls.exe \
         $env:ProgramData\\ssh\\administrators_authorized_keys /inheritance:r /grant \
         'Administrators:F' /grant 'SYSTEM:F'`"
    )
}

/// What ssh-copy-id says after installing, and whether the key alone
/// gets in now (`alone` tries it).
fn summary(
    options: &Options,
    added: bool,
    private: Option<&Path>,
    rendered: &str,
    alone: &dyn Fn(&Path) -> Result<ssh_login::Attempt>,
) -> Result<String> {
    let port = options.port.map(|p| format!("-p {p} ")).unwrap_or_default();
    let mut text = format!(
        "\nNumber of key(s) added: {}\n\nNow try logging into the machine, with: \"ssh {port}'{}'\"\n\
         and check to make sure that only the key(s) you wanted were added.\n",
        u8::from(added),
        options.target
    );
    if let Some(private) = private {
        let after = alone(private)?;
        text.push_str(&match after.outcome {
            Outcome::Authenticated { .. } => format!(
                "The key alone gets in now: {} logged in to {}.\n",
                private.display(),
                options.target
            ),
            _ if !rendered.is_empty() => format!(
                "The key alone did not get in with a plain login (its options may forbid one: {rendered}).\n"
            ),
            _ => "The key alone did not get in yet; check the server's sshd_config \
                  (PubkeyAuthentication, AuthorizedKeysFile).\n"
                .to_owned(),
        });
    }
    Ok(text)
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    check_target(&options.target)?;
    for option in &options.ssh_options {
        if option.chars().any(char::is_control) {
            return Err(Error::Usage(format!("-o {option:?}: a control character")));
        }
    }
    let rendered =
        authorized_keys::render(&options.key_options).map_err(|e| Error::Usage(e.to_string()))?;
    let (public, private) = key_files(options)?;
    let entry = crate::input::one_public_key(&Input::File(public.clone()))?;
    let comment = entry.trailing_comment.clone().unwrap_or_default();
    let key_line = keys::public_line(&entry.key, comment.trim_end_matches('\r'))?;
    let line = authorized_keys::line(&rendered, &key_line);
    let body: String = key_line.split(' ').take(2).collect::<Vec<_>>().join(" ");
    if !body
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+/=-.@ ".contains(c))
    {
        return Err(Error::KeyFile {
            path: public,
            problem: "the key's type or body has characters no key has".to_owned(),
        });
    }
    let alone = |private: &Path| {
        ssh_login::attempt(&Login {
            target: &options.target,
            identity: Some(private),
            port: options.port,
            as_git: false,
            ssh_options: &options.ssh_options,
        })
    };
    ui.aside(format!(
        "sshgen: Source of key(s) to be installed: \"{}\"",
        public.display()
    ));
    let first = private.as_deref().map(alone).transpose()?;
    if let Some(server) = first.as_ref().and_then(|a| a.server.as_deref())
        && server.contains("OpenSSH_for_Windows")
    {
        return Err(Error::Refused(windows_steps(&line, &options.target)));
    }
    if !options.force
        && let Some(attempt) = &first
        && matches!(attempt.outcome, Outcome::Authenticated { .. })
    {
        ui.message(
            "sshgen: WARNING: All keys were skipped because they already exist on the remote \
             system.\n\t\t(if you think this is a mistake, you may want to use -f option)",
        );
        return Ok(());
    }
    if options.dry_run {
        let printed = write!(
            stdout,
            "=-=-=-=-=-=-=-=\nWould have added the following key(s):\n\n{line}\n=-=-=-=-=-=-=-=\n"
        );
        return crate::output::flushed(printed, stdout);
    }
    ui.aside("sshgen: 1 key(s) remain to be installed -- if you are prompted now it is to install the new keys");
    let added = key_install::install(
        &key_install::Target {
            target: &options.target,
            port: options.port,
            ssh_options: &options.ssh_options,
        },
        &body,
        &line,
    )?;
    if !added {
        ui.message(format!(
            "sshgen: the key was on {} already (it did not get in alone: check the server's \
             sshd_config and the key's options)",
            options.target
        ));
    }
    let text = summary(options, added, private.as_deref(), &rendered, &alone)?;
    let printed = stdout.write_all(text.as_bytes());
    crate::output::flushed(printed, stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_windows_steps_quote_the_line_for_powershell() {
        let steps = windows_steps("ssh-ed25519 AAAA ana's key", "ana@win");
        assert!(
            steps.contains("authorized_keys 'ssh-ed25519 AAAA ana''s key'`"),
            "{steps}"
        );
        assert!(steps.starts_with("ana@win runs Windows OpenSSH"));
    }
}
