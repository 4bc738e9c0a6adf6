//! `sshgen git-signing`: sets git up to sign commits and tags with an SSH
//! key, and to verify them: `gpg.format=ssh`, `user.signingkey`,
//! `gpg.ssh.allowedSignersFile` and the key's line in that file (the step
//! people miss, which makes `git log --show-signature` say "No principal
//! matched"), and with `--program`, `gpg.ssh.program` = this sshgen. It runs
//! `git config` to read and write git's settings, so git's own rules for
//! files, scopes and includes apply.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::allowed_signers;
use crate::error::{Error, Result};
use crate::input::Input;
use crate::platform::{self, Access};
use crate::store;

#[derive(Debug)]
pub struct Options {
    /// The signing key: its `.pub`, or the private key with a `.pub` beside.
    pub key: PathBuf,
    /// Write git's global settings instead of the repository's.
    pub global: bool,
    /// Make git run this sshgen, by this path, for signing and verifying:
    /// the name it was run by ([`crate::platform::invoked_program`]).
    pub program: Option<PathBuf>,
    /// The principal for allowed_signers; `None` takes git's `user.email`.
    pub email: Option<String>,
    /// The namespaces the allowed_signers line lets the key sign for,
    /// comma-separated (`git`; `git,file` for `sshgen sign` too).
    pub namespaces: String,
}

pub fn run(options: &Options, stdout: &mut impl Write) -> Result<()> {
    let public_path = public_half(&options.key)?;
    let entry = crate::input::one_public_key(&Input::File(public_path.clone()))?;
    if entry.certificate {
        return Err(Error::KeyFile {
            path: public_path,
            problem: "is a certificate; git signs with the key itself".to_owned(),
        });
    }
    let key_line = crate::keys::public_key_line(&ssh_key::PublicKey::new(entry.key.clone(), ""))?;
    let scope = if options.global {
        "--global"
    } else {
        "--local"
    };
    // Checked before anything is written: outside a repository only the
    // global settings can be set.
    if !options.global && !git(&["rev-parse", "--git-dir"])?.status.success() {
        return Err(not_in_a_repository());
    }
    let email = match &options.email {
        Some(email) => email.clone(),
        None => git_get(&["user.email"])?.ok_or_else(|| {
            Error::Usage(
                "git has no user.email, which names you in allowed_signers: set it (git config \
                 --global user.email you@example.com) or pass --email"
                    .to_owned(),
            )
        })?,
    };
    allowed_signers::check_principal(&email)?;
    let allowed = match git_get(&["--type=path", "gpg.ssh.allowedSignersFile"])? {
        Some(path) => PathBuf::from(path),
        None => platform::ssh_dir()?.join("allowed_signers"),
    };

    // allowed_signers first: a repository set up to sign with a key that
    // nothing trusts would show every commit as unverified.
    let listed = list_signer(options, &allowed, &email, &entry.key, &key_line)?;

    let program = options.program.clone();
    let public_text = public_path.display().to_string();
    let allowed_text = allowed.display().to_string();
    let mut settings = vec![
        ("gpg.format", "ssh".to_owned()),
        ("user.signingkey", public_text),
        ("gpg.ssh.allowedSignersFile", allowed_text),
    ];
    if let Some(program) = &program {
        settings.push(("gpg.ssh.program", program.display().to_string()));
    }
    for (name, value) in &settings {
        git_set(scope, name, value)?;
    }

    let report = report(options, listed, &email, &allowed, &settings, &key_line);
    crate::output::flushed(stdout.write_all(report.as_bytes()), stdout)
}

/// `email` with the key (`key_line`) in the allowed signers file
/// `allowed`, for the namespaces asked for; whether it was there already.
fn list_signer(
    options: &Options,
    allowed: &Path,
    email: &str,
    key: &ssh_key::public::KeyData,
    key_line: &str,
) -> Result<bool> {
    let namespaces: Vec<&str> = options.namespaces.split(',').collect();
    if let Some(bad) = namespaces.iter().find(|n| {
        n.is_empty()
            || !n
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
    }) {
        return Err(Error::Usage(format!(
            "--namespaces {:?}: {bad:?} is not a namespace (letters, digits, '.', '-', '_', '@')",
            options.namespaces
        )));
    }
    let line = format!("{email} namespaces=\"{}\" {key_line}", options.namespaces);
    let mut listed = false;
    store::edit_text_file(allowed, Access::WorldReadable, false, |text| {
        let signer = crate::sshsig::SignerKey::Plain(key.clone());
        let lines = allowed_signers::lines(text);
        let now = crate::platform::unix_now();
        listed = namespaces
            .iter()
            .all(|n| allowed_signers::check(&lines, &signer, email, n, now).is_ok());
        if listed {
            return Ok::<_, Error>(None);
        }
        let mut text = text.to_owned();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        Ok(Some(text))
    })?;
    Ok(listed)
}

/// What was done, and what to do next, in words.
fn report(
    options: &Options,
    listed: bool,
    email: &str,
    allowed: &Path,
    settings: &[(&str, String)],
    key_line: &str,
) -> String {
    let mut report = String::new();
    if listed {
        report += &format!(
            "{email} is already in {} with this key.\n",
            allowed.display()
        );
    } else {
        report += &format!("Added {email} with this key to {}.\n", allowed.display());
    }
    let written: Vec<String> = settings
        .iter()
        .map(|(name, value)| format!("  {name} = {value}\n"))
        .collect();
    report += &format!(
        "Set in git's {} settings:\n{}",
        if options.global {
            "global"
        } else {
            "repository"
        },
        written.concat()
    );
    if options.program.is_none() {
        report += "git runs ssh-keygen to sign and verify; sshgen git-signing --program makes it \
                   run this sshgen instead.\n";
    }
    report += "git commit -S and git tag -s now sign with it (git config commit.gpgsign true \
               signs every commit); git log --show-signature checks them.\n\
               So that the code host shows your commits as verified, add the same key there \
               as a signing key:\n  \
               GitHub: https://github.com/settings/ssh/new, Key type \"Signing Key\"\n  \
               GitLab: https://gitlab.com/-/user_settings/ssh_keys, Usage type \"Signing\"\n  \
               Bitbucket: https://bitbucket.org/account/settings/ssh-keys/\n";
    report += &format!("{key_line} {email}\n");
    report
}

/// The `.pub` of `key`: itself when it is one, else the `.pub` beside it.
/// The path is made absolute, as git runs the signer from elsewhere.
fn public_half(key: &Path) -> Result<PathBuf> {
    let public = if key.extension().is_some_and(|e| e == "pub") {
        key.to_path_buf()
    } else {
        let mut name = key.as_os_str().to_owned();
        name.push(".pub");
        PathBuf::from(name)
    };
    if !public.exists() {
        return Err(Error::KeyFile {
            path: public,
            problem: "not found: git names the signing key by its .pub (sshgen public KEY \
                      --write makes one)"
                .to_owned(),
        });
    }
    std::path::absolute(&public).map_err(|e| Error::io("read", &public, e))
}

/// `git config --get NAME` (with any options before the name); `None` when
/// it is not set.
fn git_get(args: &[&str]) -> Result<Option<String>> {
    let output = git(&[&["config", "--get"][..], args].concat())?;
    match output.status.code() {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&output.stdout)
                .trim_end_matches(['\r', '\n'])
                .to_owned(),
        )),
        // 1: not set.
        Some(1) => Ok(None),
        _ => Err(git_failed(&output)),
    }
}

/// `git config SCOPE NAME VALUE`.
fn git_set(scope: &str, name: &str, value: &str) -> Result<()> {
    let output = git(&["config", scope, name, value])?;
    if !output.status.success() {
        return Err(git_failed(&output));
    }
    Ok(())
}

fn not_in_a_repository() -> Error {
    Error::Usage(
        "not in a git repository: run it in one, or pass --global for every repository".to_owned(),
    )
}

fn git(args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::Refused(format!("cannot run git: {e}")))
}

fn git_failed(output: &std::process::Output) -> Error {
    Error::Refused(format!(
        "git config failed: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    ))
}
