//! `sshgen access-key SERVICE OWNER/REPO` (alias `deploy-key`): the whole
//! access-key guide in one command. It makes a key named after the
//! repository (or keeps the one an earlier run made), adds a `Host` alias
//! for it to `~/.ssh/config`, records the service's published host keys in
//! known_hosts, and records what it made. With a token it then adds the
//! key through the host's API (finding it there first), proves it with a
//! real `git ls-remote` through the alias, and with `--ci` gives the
//! private key to the builds ([`remote`]); without one it copies the public
//! key and says where to paste it and what to call it. The other actions:
//! [`rotate`], and [`manage`]'s `label`, `remove` and `list`. Each step is
//! an operation other commands share (`ops::key_pair`, `ops::host_alias`,
//! `ops::host_key`); a failed step lists what was done, and running the
//! same command again finishes the job.

pub mod manage;
pub mod remote;
pub mod rotate;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::clipboard::{self, CopyOutcome, Preference};
use crate::code_host::{RemoteKey, StoredSecret};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keys::{self, TypeChoice};
use crate::ops::access_key_records::{self, CiCopy, Record};
use crate::ops::ssh_login::Route;
use crate::ops::{host_alias, host_key, key_pair};
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::PassphraseSource;
use crate::platform;
use crate::prompt::Prompter;
use crate::render::ClipboardReport;
use crate::services::Service;
use crate::ssh_config;
use crate::store::KeyPaths;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub service: Service,
    /// `OWNER/REPO` (`ORGANIZATION/PROJECT/REPO` on Azure DevOps).
    pub repo: String,
    /// A self-hosted server instead of the service's own.
    pub hostname: Option<String>,
    pub port: Option<u16>,
    pub user: Option<String>,
    /// The server's host key (`TYPE BASE64`) when it is not the service's.
    pub host_key: Option<String>,
    /// The `Host` alias; default `SERVICE-OWNER__REPO`.
    pub alias: Option<String>,
    pub key_type: Option<TypeChoice>,
    pub bits: Option<u32>,
    /// The key file; default `~/.ssh/SERVICE-OWNER__REPO`.
    pub file: Option<PathBuf>,
    pub comment: Option<String>,
    /// `None` (no passphrase) unless a passphrase option was given.
    pub passphrase: PassphraseSource,
    pub rounds: u32,
    /// Make a new key (and alias) even if an earlier run made them.
    pub force: bool,
    /// `Some(true)` copy, `Some(false)` do not, `None` when stdout is a terminal.
    pub copy: Option<bool>,
    pub clipboard: Preference,
    /// The label on the host [default: the comment].
    pub label: Option<String>,
    /// Let the key push (GitHub, GitLab, Gitea).
    pub write: bool,
    /// Add the key through the API when a token is found.
    pub upload: bool,
    /// Prove it with `git ls-remote` after adding it.
    pub verify: bool,
    pub api: remote::ApiOptions,
    /// The repository whose builds get the private key.
    pub ci: Option<String>,
    pub secret_name: Option<String>,
    /// A plain git server: put the key in its authorized_keys over ssh.
    pub install: bool,
    /// The forced command of the installed line [default: git-shell].
    pub forced_command: Option<String>,
}

/// What `sshgen access-key` is asked to do.
#[derive(Clone, Debug)]
pub enum Action {
    Add(Box<Options>),
    Rotate(rotate::Options),
    Label(manage::LabelOptions),
    Remove(manage::RemoveOptions),
    List(manage::ListOptions),
}

/// Runs one `access-key` action.
pub fn run_action(
    action: &Action,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    match action {
        Action::Add(options) => run(options, ui, prompter, stdout),
        Action::Rotate(options) => rotate::run(options, ui, prompter, stdout),
        Action::Label(options) => manage::label(options, ui, stdout),
        Action::Remove(options) => manage::remove(options, ui, stdout),
        Action::List(options) => manage::list(options, ui, stdout),
    }
}

/// The key's and alias's name for a repository path, one-to-one: each
/// part lower-cased (the hosts take paths in any case), `-`, `.`, letters
/// and digits kept, any other character written `_` and its hex code
/// (`_` itself `_5f`), and the parts joined by `__`, which no part
/// contains: `acme/widget` → `acme__widget`, while `a-b/c` and `a/b-c`
/// stay apart (`a-b__c`, `a__b-c`).
fn slug(repo: &str) -> String {
    repo.split('/')
        .map(|part| {
            let mut out = String::new();
            for c in part.to_lowercase().chars() {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    out.push(c);
                } else {
                    let mut buf = [0; 4];
                    for byte in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("_{byte:02x}"));
                    }
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("__")
}

/// The name earlier versions gave a repository's key and alias (`a-b/c`
/// and `a/b-c` both `a-b-c`), still used for a key made under it for this
/// very repository, so that a re-run finds it.
fn old_slug(repo: &str) -> String {
    let mut out = String::new();
    for c in repo.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// The repository an access key was made for, from the comment sshgen
/// gives it by default (`access key OWNER/REPO on MACHINE`).
fn repository_of(service: Service, comment: &str) -> Option<&str> {
    let rest = comment
        .strip_prefix(service.key_kind())?
        .strip_prefix(' ')?;
    rest.split_once(" on ").map(|(repo, _)| repo)
}

/// The repository the key pair at `private` was made for, if its `.pub`
/// says so.
fn key_repository(service: Service, private: &std::path::Path) -> Option<String> {
    let input = crate::input::Input::File(platform::with_pub_suffix(private));
    let entry = crate::input::one_public_key(&input).ok()?;
    let comment = entry.trailing_comment.unwrap_or_default();
    repository_of(service, comment.trim_end_matches('\r')).map(str::to_owned)
}

/// `USER@HOST:PATH` of a plain git server, split; `None` when it is not
/// one (each part present, the host a host name or address, no blanks or
/// control characters, a path that cannot be taken for an option).
fn ssh_target(repo: &str) -> Option<(&str, &str, &str)> {
    let (user, rest) = repo.split_once('@')?;
    let (host, path) = rest.split_once(':')?;
    let good = !user.is_empty()
        && !host.is_empty()
        && !path.is_empty()
        && !path.starts_with('-')
        && !user.starts_with('-')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c))
        && !repo.contains(|c: char| c.is_whitespace() || c.is_control());
    good.then_some((user, host, path))
}

/// Refuses what is not a repository path of `service`.
fn check_repository(service: Service, repo: &str) -> Result<()> {
    if service == Service::Ssh {
        return match ssh_target(repo) {
            Some(_) => Ok(()),
            None => Err(Error::Usage(format!(
                "{repo:?} is not a repository on an SSH server; want USER@HOST:PATH \
                 (git@git.example.com:srv/widget.git)"
            ))),
        };
    }
    let parts = repo.split('/').filter(|p| !p.is_empty()).count();
    let wanted = if service == Service::AzureDevops {
        3
    } else {
        2
    };
    if parts != wanted
        || repo.contains(char::is_whitespace)
        || repo.contains(|c: char| c.is_control())
    {
        return Err(Error::Usage(format!(
            "{:?} is not a repository path; {} wants {}",
            repo,
            service.label(),
            if wanted == 3 {
                "ORGANIZATION/PROJECT/REPO"
            } else {
                "OWNER/REPO"
            }
        )));
    }
    Ok(())
}

/// The key's type and size: RSA of 3072 bits or more for Azure DevOps,
/// which takes nothing else; else Ed25519 unless asked.
fn key_type(options: &Options) -> Result<(TypeChoice, Option<u32>)> {
    let service = options.service;
    let key_type = match (options.key_type, service.rsa_only()) {
        (None, true) => TypeChoice::Rsa,
        (None, false) => TypeChoice::Ed25519,
        (Some(TypeChoice::Rsa), _) => TypeChoice::Rsa,
        (Some(_), true) => {
            return Err(Error::Usage(
                "Azure DevOps accepts RSA keys only; leave -t out, or pass -t rsa".to_owned(),
            ));
        }
        (Some(other), false) => other,
    };
    let bits = match (options.bits, key_type) {
        (Some(bits), TypeChoice::Rsa) if service.rsa_only() && bits < 3072 => {
            return Err(Error::Usage(format!(
                "-b {bits}: use 3072 bits or more for Azure DevOps"
            )));
        }
        (bits, _) => bits,
    };
    Ok((key_type, bits))
}

/// The key's and alias's name: `SERVICE-SLUG` of the repository (of
/// `HOST/PATH` on a plain git server), or the older name an earlier run
/// gave this very repository's key.
fn key_name(options: &Options, target: Option<(&str, &str, &str)>) -> Result<String> {
    let service = options.service;
    let named = match target {
        Some((_, host, path)) => format!("{host}/{path}"),
        None => options.repo.clone(),
    };
    let new = format!("{}-{}", service.name(), slug(&named));
    let old = format!("{}-{}", service.name(), old_slug(&options.repo));
    let ssh_dir = platform::ssh_dir()?;
    let made_before = !ssh_dir.join(&new).exists()
        && ssh_dir.join(&old).exists()
        && key_repository(service, &ssh_dir.join(&old)).as_deref() == Some(&options.repo);
    Ok(if made_before { old } else { new })
}

pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(ui.output != Output::Json);
    let service = options.service;
    check_repository(service, &options.repo)?;
    let target = ssh_target(&options.repo).filter(|_| service == Service::Ssh);
    if target.is_some() && (options.hostname.is_some() || options.user.is_some()) {
        return Err(Error::Usage(
            "the user and host are in USER@HOST:PATH; leave out --hostname and --user".to_owned(),
        ));
    }
    let name = key_name(options, target)?;
    let alias = options.alias.clone().unwrap_or_else(|| name.clone());
    let hostname = match (&options.hostname, service.hostname()) {
        _ if let Some((_, host, _)) = target => host.to_owned(),
        (Some(host), _) => host.clone(),
        (None, Some(host)) => host.to_owned(),
        (None, None) => {
            return Err(Error::Usage(format!(
                "{} is self-hosted only: pass --hostname HOST (and --api-url https://HOST/api/v1 \
                 when the API is elsewhere)",
                service.label()
            )));
        }
    };
    let user = match target {
        Some((user, _, _)) => user.to_owned(),
        None => options.user.clone().unwrap_or_else(|| "git".to_owned()),
    };
    let key_file = match &options.file {
        Some(file) => platform::expand_tilde(file)?,
        None => platform::ssh_dir()?.join(&name),
    };
    // Every value that goes into the config is checked before anything is
    // made.
    ssh_config::HostEntry {
        alias: alias.clone(),
        hostname: hostname.clone(),
        user: Some(user.clone()),
        port: options.port,
        identity: platform::ssh_config_path(&key_file),
    }
    .check()?;
    if let Some(key) = &options.host_key {
        if options.hostname.is_none() && target.is_none() {
            return Err(Error::Usage(format!(
                "--host-key is for a self-hosted server: {} publishes its own; pass --hostname \
                 with it",
                service.label()
            )));
        }
        host_key::key_line("--host-key", key)?;
    }
    let (key_type, bits) = key_type(options)?;
    check_remote_options(options)?;
    let machine = gethostname::gethostname().to_string_lossy().into_owned();
    let comment = options
        .comment
        .clone()
        .unwrap_or_else(|| format!("{} {} on {machine}", service.key_kind(), options.repo));
    let mut done: Vec<String> = Vec::new();
    let result = steps(
        options,
        prompter,
        Steps {
            service,
            alias: &alias,
            hostname: &hostname,
            user: &user,
            key_file: &key_file,
            key_type,
            bits,
            comment: &comment,
            ui,
        },
        &mut done,
    )
    .and_then(|report| on_host(options, report, &mut done));
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            if !done.is_empty() {
                ui.message(format!(
                    "sshgen: done before this failed: {}",
                    done.join("; ")
                ));
                ui.message("sshgen: the same command again finishes the job");
            }
            return Err(error);
        }
    };
    print(&report, ui, stdout)
}

/// The names every step works with.
struct Steps<'a> {
    service: Service,
    alias: &'a str,
    hostname: &'a str,
    user: &'a str,
    key_file: &'a Path,
    key_type: TypeChoice,
    bits: Option<u32>,
    comment: &'a str,
    /// The output, and whether stdout is a terminal: the key is copied
    /// then, unless told.
    ui: &'a Ui,
}

/// What the steps came to, for the report.
struct Done {
    /// sshgen's home, when it is not the one a plain ssh and git read.
    foreign: Option<platform::ForeignHome>,
    alias: String,
    hostname: String,
    port: u16,
    user: String,
    private_key: PathBuf,
    public_key: PathBuf,
    public_line: String,
    fingerprint: String,
    made: bool,
    config_file: PathBuf,
    known_hosts: Option<Vec<String>>,
    known_hosts_file: PathBuf,
    copied: Option<CopyOutcome>,
    settings_url: String,
    label: String,
    clone_url: String,
    test_command: String,
    service: Service,
    repo: String,
    self_hosted: bool,
    type_label: String,
    /// The key on the host, and whether it was added now.
    remote: Option<(RemoteKey, bool)>,
    /// How to give a token, when none was found.
    token_hint: Option<String>,
    verified: Option<remote::Verified>,
    ci: Option<StoredSecret>,
    /// The options of the line installed on a plain git server.
    installed: Option<String>,
}

fn steps(
    options: &Options,
    prompter: &mut dyn Prompter,
    s: Steps,
    done: &mut Vec<String>,
) -> Result<Done> {
    // 1. The key: made unless an earlier run made it (kept unless --force),
    // and never one made for another repository.
    let paths = KeyPaths::new(s.key_file.to_path_buf());
    let config_file = host_alias::default_file()?;
    let current = host_alias::read(&config_file)?.unwrap_or_default();
    refuse_another_repositorys(options, &s, &paths, &config_file, &current)?;
    let (public, made) = key(options, prompter, &s, &paths, done)?;
    let public_line = keys::public_key_line(&public)?;
    let fingerprint = keys::fingerprint(public.key_data(), FingerprintHash::Sha256)?.to_string();

    // 2. The Host alias.
    alias(options, &s, &config_file, &current, done)?;

    // 3. The host key.
    let known_hosts_file = host_key::default_file()?;
    let port = options.port.unwrap_or(22);
    let known_hosts = host_keys(options, &s, &known_hosts_file, done)?;

    // 4. The public key on the clipboard.
    let copy = options.copy.unwrap_or(s.ui.context.stdout_terminal);
    let copied = copy.then(|| clipboard::copy(&public_line, options.clipboard));

    let repo = options.repo.clone();
    let clone_url = format!("{}@{}:{}", s.user, s.alias, s.service.clone_path(&repo));
    let settings_url = s.service.settings_url(&repo, options.hostname.as_deref());
    Ok(Done {
        foreign: platform::ForeignHome::detect(),
        alias: s.alias.to_owned(),
        hostname: s.hostname.to_owned(),
        port,
        user: s.user.to_owned(),
        private_key: paths.private.clone(),
        public_key: paths.public.clone(),
        type_label: keys::type_label(&public.algorithm()),
        public_line,
        fingerprint,
        made,
        config_file,
        known_hosts,
        known_hosts_file,
        copied,
        settings_url,
        label: options
            .label
            .clone()
            .unwrap_or_else(|| s.comment.to_owned()),
        test_command: format!("sshgen test {}@{}", s.user, s.alias),
        clone_url,
        service: s.service,
        repo,
        self_hosted: options.hostname.is_some(),
        remote: None,
        token_hint: None,
        verified: None,
        ci: None,
        installed: None,
    })
}

/// Refuses API options the service cannot honour, before anything is made.
fn check_remote_options(options: &Options) -> Result<()> {
    if options.service == Service::AzureDevops
        && (options.ci.is_some()
            || options.api.api_url.is_some()
            || options.api.token != Default::default())
    {
        return Err(Error::Usage(
            "Azure DevOps has no public API for SSH keys: leave out --ci, --api-url and the token              options, and add the key on its settings page"
                .to_owned(),
        ));
    }
    if (options.install || options.forced_command.is_some()) && options.service != Service::Ssh {
        return Err(Error::Usage(
            "--install and --command are for a plain git server: sshgen access-key ssh \
             USER@HOST:PATH --install"
                .to_owned(),
        ));
    }
    if options.service == Service::Ssh
        && (options.ci.is_some()
            || options.api.api_url.is_some()
            || options.api.token != Default::default())
    {
        return Err(Error::Usage(
            "a plain git server has no API: leave out --ci, --api-url and the token options"
                .to_owned(),
        ));
    }
    if options.write && options.service == Service::Bitbucket {
        return Err(Error::Usage(
            "Bitbucket's access keys are read-only; --write is for GitHub, GitLab and Gitea"
                .to_owned(),
        ));
    }
    if let Some(name) = &options.secret_name {
        remote::check_secret_name(name)?;
    }
    if let Some(ci) = &options.ci {
        check_repository(options.service, ci)?;
    }
    if let Some(url) = &options.api.api_url {
        crate::http::check_base(url)?;
    }
    Ok(())
}

/// The record of the key, then, with a token, the key on the host, the
/// proof by cloning, and the builds' copy.
fn on_host(options: &Options, mut report: Done, done: &mut Vec<String>) -> Result<Done> {
    let records = access_key_records::default_file()?;
    let mut record = Record {
        service: report.service.name().to_owned(),
        repository: report.repo.clone(),
        alias: report.alias.clone(),
        key_file: report.private_key.clone(),
        hostname: report.hostname.clone(),
        port: options.port,
        user: report.user.clone(),
        api_url: None,
        label: report.label.clone(),
        write: options.write,
        ci: None,
    };
    if let Some(old) = access_key_records::read(&records)?
        .into_iter()
        .find(|r| r.is_for(&record.service, &record.repository))
    {
        record.api_url = old.api_url;
        record.ci = old.ci;
    }
    access_key_records::put(&records, &record)?;
    if report.service == Service::Ssh {
        if options.install {
            install_on_server(options, &mut report, done)?;
        }
        return Ok(report);
    }
    if !options.upload || report.service == Service::AzureDevops {
        return Ok(report);
    }
    let Some(api) = remote::api(
        report.service,
        &report.repo,
        options.hostname.as_deref(),
        &options.api,
    )?
    else {
        report.token_hint = Some(remote::token_hint(report.service));
        return Ok(report);
    };
    let (key, added) =
        remote::ensure_added(&api, &report.label, &report.public_line, options.write)?;
    if added {
        done.push(format!(
            "added the key to {} on {} (id {})",
            report.repo,
            report.service.label(),
            key.id
        ));
    }
    record.api_url = Some(api.base().to_owned());
    access_key_records::put(&records, &record)?;
    report.remote = Some((key, added));
    if options.verify {
        report.verified = Some(report.verify_through_alias()?);
    }
    if let Some(ci_repo) = &options.ci {
        let ci = remote::store_for_ci(
            &api,
            ci_repo,
            options,
            (&report.private_key, &report.public_line),
            record.ci.as_ref(),
        )?;
        done.push(format!("gave the private key to the builds of {ci_repo}"));
        record.ci = Some(CiCopy {
            repository: ci.repository.clone(),
            kind: ci.kind.to_owned(),
            name: ci.name.clone(),
        });
        access_key_records::put(&records, &record)?;
        report.ci = Some(ci);
    }
    Ok(report)
}

/// Refuses a key file, or an alias, that an earlier run made for another
/// repository.
fn refuse_another_repositorys(
    options: &Options,
    s: &Steps,
    paths: &KeyPaths,
    config_file: &Path,
    config: &str,
) -> Result<()> {
    if let Some(other) = key_repository(s.service, &paths.private).filter(|r| *r != options.repo) {
        return Err(Error::Refused(format!(
            "{} is the {} of {other}, not of {}; pass --file and --alias to make this one's \
             beside it",
            paths.private.display(),
            s.service.key_kind(),
            options.repo
        )));
    }
    if let Some(block) = ssh_config::find(&ssh_config::blocks(config), s.alias)
        && let Some(identity) = block.identity_files().next()
        && let Ok(path) = platform::expand_tilde(Path::new(&ssh_config::untokened(identity)))
        && path != paths.private
        && let Some(other) = key_repository(s.service, &path).filter(|r| *r != options.repo)
    {
        return Err(Error::Refused(format!(
            "Host {} in {} is the alias of {other} (key {}); pass --alias to choose another",
            s.alias,
            config_file.display(),
            path.display()
        )));
    }
    Ok(())
}

/// The key pair: the one an earlier run made (unless --force), else a new
/// one; and whether it was made now.
fn key(
    options: &Options,
    prompter: &mut dyn Prompter,
    s: &Steps,
    paths: &KeyPaths,
    done: &mut Vec<String>,
) -> Result<(ssh_key::PublicKey, bool)> {
    if !options.force
        && let Some(public) = existing_public(paths)
    {
        return Ok((public, false));
    }
    let request = key_pair::Request {
        key_type: s.key_type,
        bits: s.bits,
        file: Some(s.key_file.to_path_buf()),
        comment: Some(s.comment.to_owned()),
        passphrase: options.passphrase.clone(),
        rounds: options.rounds,
        force: options.force,
        format: crate::keyfile::PrivateTextFormat::Openssh,
        security_key: key_pair::SecurityKeyRequest {
            announce: true,
            ..Default::default()
        },
    };
    let created = key_pair::create(&key_pair::plan(&request, prompter)?, prompter)?;
    done.push(format!("made the key {}", s.key_file.display()));
    Ok((created.key.public_key().clone(), true))
}

/// The `Host` alias, added unless the config has it as it should be.
fn alias(
    options: &Options,
    s: &Steps,
    config_file: &Path,
    config: &str,
    done: &mut Vec<String>,
) -> Result<()> {
    let entry = host_alias::entry(
        s.alias,
        s.hostname,
        Some(s.user.to_owned()),
        options.port,
        s.key_file,
    )?;
    let same = ssh_config::find(&ssh_config::blocks(config), s.alias).is_some_and(|b| {
        b.value("hostname") == Some(s.hostname)
            && b.identity_files()
                .any(|f| ssh_config::untokened(f) == entry.identity)
            && b.value("port").map(|p| p.parse().ok()) == entry.port.map(Some)
    });
    if !same {
        for warning in host_alias::add(config_file, &entry, options.force)? {
            s.ui.warning(warning);
        }
        done.push(format!(
            "added Host {} to {}",
            s.alias,
            config_file.display()
        ));
    }
    Ok(())
}

/// The server's host keys recorded in `file`: the service's published
/// ones, or the one `--host-key` gives; `None` for a self-hosted server
/// without `--host-key`, whose key sshgen cannot know.
fn host_keys(
    options: &Options,
    s: &Steps,
    file: &Path,
    done: &mut Vec<String>,
) -> Result<Option<Vec<String>>> {
    let key = match (&options.host_key, &options.hostname) {
        (Some(key), _) => Some(key.clone()),
        (None, None) => None,
        (None, Some(_)) => return Ok(None),
    };
    let request = host_key::AddRequest {
        host: s.hostname.to_owned(),
        port: options.port.unwrap_or(22),
        key,
        authority: None,
        scan: None,
    };
    let lines = host_key::add(file, &request)?;
    done.push(format!("recorded the host key in {}", file.display()));
    Ok(Some(lines))
}

/// The public key of an existing pair at `paths`, if both files are there
/// and match.
fn existing_public(paths: &KeyPaths) -> Option<ssh_key::PublicKey> {
    if !paths.private.exists() {
        return None;
    }
    let input = crate::input::Input::File(paths.public.clone());
    let entry = crate::input::one_public_key(&input).ok()?;
    let own =
        crate::input::one_public_key(&crate::input::Input::File(paths.private.clone())).ok()?;
    (own.key == entry.key).then(|| {
        ssh_key::PublicKey::new(
            entry.key,
            entry
                .trailing_comment
                .unwrap_or_default()
                .trim_end_matches('\r'),
        )
    })
}

/// `access-key --json`'s document.
#[derive(Serialize)]
struct Summary<'a> {
    service: &'static str,
    repository: &'a str,
    alias: &'a str,
    hostname: &'a str,
    port: u16,
    user: &'a str,
    private_key_path: String,
    public_key_path: String,
    public_key: &'a str,
    fingerprint: &'a str,
    key_made: bool,
    config_file: String,
    host_key_recorded: bool,
    known_hosts_file: Option<String>,
    label: &'a str,
    settings_url: &'a str,
    clone_url: &'a str,
    test_command: &'a str,
    clipboard: Option<ClipboardReport<'a>>,
    /// The key as the host lists it, when it was added through the API.
    remote_key: Option<&'a RemoteKey>,
    remote_key_added: Option<bool>,
    verified: Option<&'a remote::Verified>,
    ci: Option<&'a StoredSecret>,
}

impl Serialize for Done {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self;
        let lossy = |p: &std::path::Path| p.to_string_lossy().into_owned();
        Summary {
            service: r.service.name(),
            repository: &r.repo,
            alias: &r.alias,
            hostname: &r.hostname,
            port: r.port,
            user: &r.user,
            private_key_path: lossy(&r.private_key),
            public_key_path: lossy(&r.public_key),
            public_key: &r.public_line,
            fingerprint: &r.fingerprint,
            key_made: r.made,
            config_file: lossy(&r.config_file),
            host_key_recorded: r.known_hosts.is_some(),
            known_hosts_file: r.known_hosts.as_ref().map(|_| lossy(&r.known_hosts_file)),
            label: &r.label,
            settings_url: &r.settings_url,
            clone_url: &r.clone_url,
            test_command: &r.test_command,
            clipboard: r.copied.as_ref().map(ClipboardReport::of),
            remote_key: r.remote.as_ref().map(|(key, _)| key),
            remote_key_added: r.remote.as_ref().map(|(_, added)| *added),
            verified: r.verified.as_ref(),
            ci: r.ci.as_ref(),
        }
        .serialize(serializer)
    }
}

impl Done {
    /// `git ls-remote` through the alias, offering its key alone.
    fn verify_through_alias(&self) -> Result<remote::Verified> {
        let path = self.service.clone_path(&self.repo);
        let route = Route::Alias {
            user: &self.user,
            alias: &self.alias,
            path: &path,
        };
        remote::verify(route, &format!("through Host {}", self.alias))
    }

    /// The verification's line, or nothing.
    fn verified_line(&self) -> String {
        match &self.verified {
            Some(verified) => format!(
                "  verified:  git ls-remote through Host {} with this key alone listed {} ref{}\n",
                self.alias,
                verified.refs,
                if verified.refs == 1 { "" } else { "s" }
            ),
            None => String::new(),
        }
    }

    /// What was done on the host (or is left to do there), as text; the
    /// number of the next step.
    fn done_on_host(&self, ui: &Ui, text: &mut String) -> usize {
        let r = self;
        let shown = |t: &str| ui.visible(t).into_owned();
        let kind = r.service.key_kind();
        match &r.remote {
            Some((key, added)) => {
                text.push_str(&format!(
                    "  on {}: {} {kind} \"{}\" (id {})\n",
                    r.service.label(),
                    if *added {
                        "added as"
                    } else {
                        "already there as"
                    },
                    shown(&key.label),
                    key.id
                ));
                text.push_str(&r.verified_line());
                if let Some(ci) = &r.ci {
                    text.push_str(&ci_line(ci));
                }
                text.push_str("Next:\n");
                1
            }
            None if r.service == Service::Ssh => {
                text.push_str(&r.verified_line());
                text.push_str("Next:\n");
                if r.installed.is_some() {
                    1
                } else {
                    text.push_str(&format!(
                        "  1. Put it on the server for git only (asks for your password there \
                     once): sshgen access-key ssh {} --install\n",
                        shown(&r.repo)
                    ));
                    2
                }
            }
            None => {
                let clipboard = match &r.copied {
                    Some(CopyOutcome::Copied(method)) => {
                        format!("it is on the clipboard ({method})")
                    }
                    _ => "copy it from here".to_owned(),
                };
                text.push_str("Next:\n");
                text.push_str(&format!(
                "  1. Open {} and add the {kind}, labelled \"{}\"; paste the public key ({clipboard}):\n",
                shown(&r.settings_url),
                shown(&r.label)
            ));
                text.push_str(&format!("     {}\n", shown(&r.public_line)));
                if let Some(hint) = &r.token_hint {
                    text.push_str(&format!("     (or let sshgen add it: {hint})\n"));
                }
                text.push_str(&format!("  2. Check that it works: {}\n", r.test_command));
                3
            }
        }
    }
}

impl Report for Done {
    /// What was done, then the next steps.
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        let r = self;
        let shown = |t: &str| ui.visible(t).into_owned();
        let kind = r.service.key_kind();
        let mut text = String::new();
        text.push_str(&format!(
            "{} {kind} for {} on {}:\n",
            if r.made { "New" } else { "Existing" },
            shown(&r.repo),
            r.service.label()
        ));
        text.push_str(&format!(
            "  key:       {} ({} {})\n",
            r.private_key.display(),
            r.type_label,
            r.fingerprint
        ));
        text.push_str(&format!(
            "  alias:     Host {} in {}\n",
            r.alias,
            r.config_file.display()
        ));
        match &r.known_hosts {
            Some(_) => text.push_str(&format!(
                "  host key:  recorded in {}\n",
                r.known_hosts_file.display()
            )),
            None => text.push_str(&format!(
                "  host key:  not recorded (a self-hosted server: sshgen knows no key for it); \
                 fetch it and check its fingerprint with the server's owner: sshgen known-hosts add \
                 {} --scan\n",
                r.alias
            )),
        }
        if let Some(installed) = &r.installed {
            text.push_str(&format!(
                "  on the server: in {}@{}'s authorized_keys as: {}\n",
                shown(&r.user),
                shown(&r.hostname),
                shown(installed)
            ));
        }
        let step = r.done_on_host(ui, &mut text);
        // When sshgen's home is not the account's, a plain git reads other
        // files: the line says what makes it read these.
        let git = match &r.foreign {
            Some(foreign) => foreign.git(),
            None => "git".to_owned(),
        };
        text.push_str(&format!(
            "  {step}. Clone through the alias: {git} clone {}\n",
            shown(&r.clone_url)
        ));
        if r.self_hosted && r.service == Service::Github {
            text.push_str(
                "  (GitHub Enterprise: the settings page is under your server's address)\n",
            );
        }
        out.write_all(text.as_bytes())
    }
}

/// The key put in a plain git server's authorized_keys over ssh (the
/// usual login, password prompts and all), restricted to its forced
/// command (git-shell unless told), then proven with `git ls-remote`.
fn install_on_server(options: &Options, report: &mut Done, done: &mut Vec<String>) -> Result<()> {
    let command = options
        .forced_command
        .clone()
        .unwrap_or_else(|| "git-shell -c \"$SSH_ORIGINAL_COMMAND\"".to_owned());
    let rendered = crate::authorized_keys::render(&crate::authorized_keys::KeyOptions {
        restrict: true,
        command: Some(command),
        ..Default::default()
    })
    .map_err(|e| Error::Usage(e.to_string()))?;
    let body: String = report
        .public_line
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let line = crate::authorized_keys::line(&rendered, &report.public_line);
    let target = format!("{}@{}", report.user, report.hostname);
    crate::ops::key_install::install(
        &crate::ops::key_install::Target {
            target: &target,
            port: options.port,
            ssh_options: &[],
        },
        &body,
        &line,
    )?;
    done.push(format!("installed the key on {target}"));
    report.installed = Some(rendered);
    if options.verify {
        report.verified = Some(report.verify_through_alias()?);
    }
    Ok(())
}

/// The line that says where the builds' copy of the private key went.
fn ci_line(ci: &StoredSecret) -> String {
    let mut line = match (ci.kind, &ci.name) {
        ("actions-secret", Some(name)) => format!(
            "  builds:    the private key is the Actions secret {name} of {}\n",
            ci.repository
        ),
        ("ci-variable", Some(name)) => format!(
            "  builds:    the private key is the protected file variable {name} of {}\n",
            ci.repository
        ),
        ("pipelines-own-key-pair", _) => format!(
            "  builds:    {} keeps its own Pipelines SSH key pair\n",
            ci.repository
        ),
        _ => format!(
            "  builds:    the private key is the Pipelines SSH key pair of {}\n",
            ci.repository
        ),
    };
    if let Some(usage) = &ci.usage {
        line.push_str(&format!("             {usage}\n"));
    }
    line
}

fn print(r: &Done, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    output::emit(ui, r, stdout)?;
    if ui.output != Output::Text {
        return Ok(());
    }
    if let Some(foreign) = &r.foreign {
        ui.message(foreign.note());
    }
    if let Some(CopyOutcome::Failed { reason }) = &r.copied {
        ui.warning(format!(
            "the public key was not copied to the clipboard: {reason}"
        ));
    }
    Ok(())
}
