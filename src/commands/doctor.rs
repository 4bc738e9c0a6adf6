//! `sshgen doctor [HOST]`: why ssh does not use a key. Each check is one
//! line, `ok`, `warning` or `problem`, with the fix as a command:
//!
//! - `~/.ssh` and every private key in it: who else may open them (Unix
//!   modes; on Windows the access list, through [`platform`]), a `.pub`
//!   missing or not matching, keys OpenSSH refuses or warns about (DSA,
//!   RSA under 2048 bits), encrypted or not, files that are not readable
//!   keys ([`key_scan`]);
//! - `~/.ssh/config`: `IdentityFile`s that do not exist, a `Host *` block
//!   before more specific ones (ssh takes the first value it finds), SHA-1
//!   RSA signatures turned back on; with HOST, the keys `ssh -G HOST`
//!   would offer;
//! - the ssh-agent: reachable or not (on Windows, when it is not, the state
//!   of its service: not installed, disabled, stopped), and which keys it
//!   holds;
//! - with HOST: its known_hosts entries, against the published keys of a
//!   code host sshgen knows;
//! - which ssh git runs (`GIT_SSH_COMMAND`, `core.sshCommand`; on Windows,
//!   Git's bundled ssh, which does not talk to the Windows agent).
//!
//! `--fix` repairs what is safe without asking: a private key open to
//! others is rewritten private (0600; on Windows owner, SYSTEM and
//! Administrators only, inheritance off), `~/.ssh` made 0700 (on Windows
//! the same three, passed on to what is made in it), a missing
//! `.pub` written from the key, and it lists what it changed. The exit
//! status is 1 when a problem is left.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::error::{Error, Result};
use crate::keyfile::{self, KeyInput};
use crate::keys;
use crate::ops::{host_alias, key_scan};
use crate::platform::{self, Access, AgentService};
use crate::store::{self, KeyPaths, WriteLock};

#[derive(Clone, Debug)]
pub struct Options {
    /// A host or `~/.ssh/config` alias to check the way to.
    pub host: Option<String>,
    pub fix: bool,
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Warning,
    Problem,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Problem => "problem",
        }
    }
}

/// What `--fix` can do about a check.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Repair {
    /// Make this private key the user's alone, in place
    /// ([`platform::make_private_in_place`]).
    PrivateKey(PathBuf),
    /// Make this folder the user's alone, in place.
    Folder(PathBuf),
    /// Make the ssh config writable by the user alone (0600), in place
    /// (Unix: the mode ssh checks).
    #[cfg(unix)]
    Config(PathBuf),
    /// Write the `.pub` of this private key.
    PublicHalf(PathBuf),
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub status: Status,
    /// What was looked at: a path, `~/.ssh/config`, `ssh-agent`, a host.
    pub subject: String,
    pub message: String,
    /// The command that fixes it.
    pub fix: Option<String>,
    repair: Option<Repair>,
    /// Set once `--fix` has repaired it.
    pub fixed: bool,
}

impl Check {
    fn new(status: Status, subject: impl Into<String>, message: impl Into<String>) -> Check {
        Check {
            status,
            subject: subject.into(),
            message: message.into(),
            fix: None,
            repair: None,
            fixed: false,
        }
    }

    fn fix(mut self, command: impl Into<String>) -> Check {
        self.fix = Some(command.into());
        self
    }

    fn repair(mut self, repair: Repair) -> Check {
        self.repair = Some(repair);
        self
    }
}

pub fn run(options: &Options, stdout: &mut impl Write) -> Result<()> {
    let dir = platform::ssh_dir()?;
    let mut checks = Vec::new();
    if let Some(foreign) = platform::ForeignHome::detect() {
        checks.push(
            Check::new(
                Status::Warning,
                dir.display().to_string(),
                format!(
                    "not where ssh and git look: sshgen's home folder is {}, your account's \
                     is {}",
                    foreign.home.display(),
                    foreign.account.display()
                ),
            )
            .fix(foreign.setting()),
        );
    }
    check_folder(&dir, &mut checks);
    if dir.is_dir() {
        check_keys(&dir, &mut checks)?;
        check_config(&dir.join("config"), &mut checks);
    }
    if let Some(host) = &options.host {
        let config = dir.join("config");
        let config = config.exists().then_some(config.as_path());
        // An alias is looked up by the host name and port ssh resolves.
        let (name, port) =
            check_offered(host, config, &mut checks).unwrap_or_else(|| (host.clone(), 22));
        check_known_hosts(&dir.join("known_hosts"), &name, port, &mut checks);
    }
    check_agent(&mut checks);
    check_git(&mut checks);

    let mut changed = Vec::new();
    if options.fix {
        // Only what the home folder's owner owns is changed, whoever runs
        // sshgen (root with the user's HOME, through sudo).
        let owner = platform::ownership::home_owner(&platform::home_dir()?);
        for check in checks.iter_mut().filter(|c| c.status != Status::Ok) {
            let Some(repair) = &check.repair else {
                continue;
            };
            match apply(repair, owner)? {
                Ok(change) => {
                    changed.push(change);
                    check.fixed = true;
                }
                Err(why) => check.message.push_str(&format!("; --fix left it: {why}")),
            }
        }
    }

    let printed = if options.json {
        let value = json!({
            "checks": checks.iter().map(|c| json!({
                "status": c.status.word(),
                "subject": c.subject,
                "message": c.message,
                "fix": c.fix,
                "fixed": c.fixed,
            })).collect::<Vec<_>>(),
            "changed": changed,
        });
        crate::render::json_line(stdout, &value)
    } else {
        write_text(&checks, &changed, stdout)
    };
    crate::commands::flushed(printed, stdout)?;
    if checks
        .iter()
        .any(|c| c.status == Status::Problem && !c.fixed)
    {
        return Err(Error::AlreadyReported);
    }
    Ok(())
}

fn write_text(checks: &[Check], changed: &[String], out: &mut impl Write) -> std::io::Result<()> {
    let utf8 = platform::utf8_locale();
    for check in checks {
        let word = if check.fixed {
            "fixed"
        } else {
            check.status.word()
        };
        let mut line = format!("{word:<8} {}: {}", check.subject, check.message);
        if let Some(fix) = check.fix.as_ref().filter(|_| !check.fixed) {
            line.push_str(&format!("; fix: {fix}"));
        }
        writeln!(out, "{}", crate::render::visible(&line, utf8))?;
    }
    if !changed.is_empty() {
        writeln!(out, "Changed:")?;
        for change in changed {
            writeln!(out, "  {change}")?;
        }
    }
    Ok(())
}

/// Carries a repair out; says what changed, or why it was left
/// (a link, another account's file).
fn apply(repair: &Repair, owner: Option<u32>) -> Result<std::result::Result<String, String>> {
    match repair {
        Repair::PrivateKey(path) => {
            // The mode (on Windows the access list) of the file itself,
            // changed in place: never rewritten, never through a link.
            Ok(platform::make_private_in_place(path, false, owner)
                .map(|()| format!("{}: now only you can open it", path.display()))
                .map_err(|why| why.to_string()))
        }
        #[cfg(unix)]
        Repair::Config(path) => Ok(platform::make_private_in_place(path, false, owner)
            .map(|()| format!("{}: now only you can write to it (0600)", path.display()))
            .map_err(|why| why.to_string())),
        Repair::Folder(dir) => {
            let how = if cfg!(windows) {
                "you, SYSTEM and Administrators, passed on to what is made in it"
            } else {
                "0700"
            };
            Ok(platform::make_private_in_place(dir, true, owner)
                .map(|()| format!("{}: now only you can open it ({how})", dir.display()))
                .map_err(|why| why.to_string()))
        }
        Repair::PublicHalf(path) => {
            let paths = KeyPaths::new(path.clone());
            let lock = WriteLock::acquire(&paths)?;
            let bytes = keyfile::read_bounded(keyfile::open_regular(&paths.private)?, path)?;
            let Ok(KeyInput::Private(file)) = keyfile::parse(&bytes) else {
                return Err(Error::KeyFile {
                    path: path.clone(),
                    problem: "no longer a private key".to_owned(),
                });
            };
            let Some(public) = file.public_key() else {
                return Err(Error::KeyFile {
                    path: path.clone(),
                    problem: "its public key is encrypted with it".to_owned(),
                });
            };
            // The comment's own bytes, UTF-8 or not, as ssh-keygen -y writes.
            let line = crate::keys::public_line(public, &file.comment().unwrap_or_default())?;
            store::write_file(
                &lock,
                &paths.public,
                &keys::comment_bytes(&format!("{line}\n")),
                Access::WorldReadable,
            )?;
            Ok(Ok(format!(
                "{}: written from the private key",
                paths.public.display()
            )))
        }
    }
}

fn check_folder(dir: &Path, checks: &mut Vec<Check>) {
    let subject = dir.display().to_string();
    let Ok(meta) = std::fs::metadata(dir) else {
        checks.push(
            Check::new(
                Status::Warning,
                subject,
                "there is no such folder, so no keys",
            )
            .fix("sshgen generate"),
        );
        return;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        let chmod = format!("chmod 700 {}", dir.display());
        let repair = Repair::Folder(dir.to_path_buf());
        if mode & 0o022 != 0 {
            checks.push(
                Check::new(
                    Status::Problem,
                    subject,
                    format!(
                        "others can write to it (mode {mode:o}), and sshd on a server refuses \
                         the keys of such a folder (StrictModes)"
                    ),
                )
                .fix(chmod)
                .repair(repair),
            );
        } else if mode & 0o077 != 0 {
            checks.push(
                Check::new(
                    Status::Warning,
                    subject,
                    format!("others can look into it (mode {mode:o})"),
                )
                .fix(chmod)
                .repair(repair),
            );
        } else {
            checks.push(Check::new(Status::Ok, subject, "only you can open it"));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        let fix = format!(
            "icacls \"{}\" /inheritance:r /grant:r \"%USERNAME%\":(OI)(CI)F",
            dir.display()
        );
        checks.push(match platform::private_key_exposure(dir) {
            Ok(Some(who)) => Check::new(
                Status::Warning,
                subject,
                format!(
                    "other users can look into it ({who}), and what is made in it \
                     inherits that"
                ),
            )
            .fix(fix)
            .repair(Repair::Folder(dir.to_path_buf())),
            Ok(None) => Check::new(Status::Ok, subject, "only you can open it"),
            Err(e) => Check::new(
                Status::Warning,
                subject,
                format!("cannot read its access list: {e}"),
            ),
        });
    }
}

fn check_keys(dir: &Path, checks: &mut Vec<Check>) -> Result<()> {
    for row in key_scan::scan(dir)? {
        let Some(private) = &row.private else {
            continue;
        };
        let subject = private.display().to_string();
        let mut fine = true;
        if let Ok(Some(who)) = platform::private_key_exposure(private) {
            fine = false;
            let fix = if cfg!(windows) {
                format!(
                    "icacls \"{}\" /inheritance:r /grant:r \"%USERNAME%\":F",
                    private.display()
                )
            } else {
                format!("chmod 600 {}", private.display())
            };
            checks.push(
                Check::new(
                    Status::Problem,
                    &subject,
                    format!(
                        "other users can open this private key ({who}), and OpenSSH \
                         refuses it (UNPROTECTED PRIVATE KEY FILE)"
                    ),
                )
                .fix(fix)
                .repair(Repair::PrivateKey(private.clone())),
            );
        }
        for problem in &row.problems {
            // The exposure is the check above, with its repair.
            if matches!(problem, key_scan::Problem::Exposed(_)) {
                continue;
            }
            fine = false;
            checks.push(Check::new(Status::Problem, &subject, problem.to_string()));
        }
        if row.public.is_none() && row.label.is_some() {
            fine = false;
            checks.push(
                Check::new(
                    Status::Warning,
                    &subject,
                    "there is no .pub beside it, which ssh-copy-id, sshgen copy and \
                     ssh's IdentitiesOnly look for",
                )
                .fix(format!("sshgen public --write {}", private.display()))
                .repair(Repair::PublicHalf(private.clone())),
            );
        }
        match (row.label.as_deref(), row.bits) {
            (Some("DSA"), _) => {
                fine = false;
                checks.push(
                    Check::new(
                        Status::Problem,
                        &subject,
                        "a DSA key, which OpenSSH has turned off since 7.0 and removed in 10.0",
                    )
                    .fix("sshgen generate -t ed25519"),
                );
            }
            (Some("RSA"), Some(bits)) if bits < 1024 => {
                fine = false;
                checks.push(
                    Check::new(
                        Status::Problem,
                        &subject,
                        format!("an RSA key of {bits} bits, which OpenSSH refuses"),
                    )
                    .fix("sshgen generate -t ed25519"),
                );
            }
            (Some("RSA"), Some(bits)) if bits < 2048 => {
                fine = false;
                checks.push(
                    Check::new(
                        Status::Warning,
                        &subject,
                        format!(
                            "an RSA key of {bits} bits, which code hosts refuse and \
                             OpenSSH warns is weak"
                        ),
                    )
                    .fix("sshgen generate -t ed25519"),
                );
            }
            _ => {}
        }
        if row.encrypted == Some(false) {
            fine = false;
            checks.push(
                Check::new(
                    Status::Warning,
                    &subject,
                    "not encrypted: anyone with a copy of the file can use it",
                )
                .fix(format!("sshgen passphrase {}", private.display())),
            );
        }
        if fine {
            let what = match (&row.label, row.bits) {
                (Some(label), Some(bits)) => format!("{label} {bits}, "),
                _ => String::new(),
            };
            checks.push(Check::new(
                Status::Ok,
                &subject,
                format!("{what}encrypted, only you can open it, its .pub matches"),
            ));
        }
    }
    Ok(())
}

fn check_config(config: &Path, checks: &mut Vec<Check>) {
    let subject = config.display().to_string();
    // Read as every config command reads it (regular file, 16 MiB).
    let text = match host_alias::read(config) {
        Ok(Some(text)) => text,
        Ok(None) => {
            checks.push(Check::new(
                Status::Ok,
                subject,
                "none (ssh uses its defaults)",
            ));
            return;
        }
        Err(e) => {
            checks.push(Check::new(Status::Problem, subject, e.to_string()));
            return;
        }
    };
    let blocks = crate::ssh_config::blocks(&text);
    let mut fine = true;
    // ssh refuses a config others may write to ("Bad owner or
    // permissions"), and so uses none of it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(config)
            && meta.permissions().mode() & 0o022 != 0
        {
            fine = false;
            checks.push(
                Check::new(
                    Status::Problem,
                    &subject,
                    format!(
                        "others can write to it (mode {:o}), and ssh refuses to read it (Bad \
                         owner or permissions)",
                        meta.permissions().mode() & 0o777
                    ),
                )
                .fix(format!("chmod 600 {}", config.display()))
                .repair(Repair::Config(config.to_path_buf())),
            );
        }
    }
    for block in &blocks {
        for file in block.identity_files() {
            let file = file.trim_matches('"');
            // Tokens such as %d or %h are ssh's to expand.
            if file.contains('%') {
                continue;
            }
            let path =
                platform::expand_tilde(Path::new(file)).unwrap_or_else(|_| PathBuf::from(file));
            if !path.exists() {
                fine = false;
                checks.push(
                    Check::new(
                        Status::Problem,
                        &subject,
                        format!("line {}: IdentityFile {file} does not exist", block.line),
                    )
                    .fix(format!("sshgen generate -f {file}")),
                );
            }
        }
    }
    // Each alias's own block, as ssh evaluates the whole file for it: an
    // option that a line read earlier sets otherwise does not take effect.
    for (index, block) in blocks.iter().enumerate() {
        if block.is_match
            || block.patterns.len() != 1
            || block.patterns[0].contains(['*', '?', '!'])
        {
            continue;
        }
        let end = blocks.get(index + 1).map_or(usize::MAX, |b| b.line);
        let own_line = |s: &crate::ssh_config::Setting| {
            s.source.file == config && (block.line..end).contains(&s.source.line)
        };
        let alias = &block.patterns[0];
        let evaluation =
            crate::ssh_config::evaluate(config, &text, alias, &mut host_alias::included);
        for keyword in ["hostname", "user", "port", "identitiesonly"] {
            let (Some(own), Some(first)) = (block.value(keyword), evaluation.first(keyword)) else {
                continue;
            };
            if own_line(first) || first.value == own {
                continue;
            }
            fine = false;
            let may = if first.certainty == crate::ssh_config::Applies::Maybe {
                "may set"
            } else {
                "sets"
            };
            checks.push(Check::new(
                Status::Warning,
                &subject,
                format!(
                    "line {}: Host {alias} sets {keyword} {own}, but {} {may} it to {} first, \
                     and ssh keeps the first value it obtains",
                    block.line, first.source, first.value
                ),
            ));
        }
    }
    if let Some(star) = blocks
        .iter()
        .position(|b| !b.is_match && b.patterns.iter().any(|p| p == "*"))
        && blocks[star + 1..].iter().any(|b| !b.is_match)
    {
        fine = false;
        checks.push(Check::new(
            Status::Warning,
            &subject,
            format!(
                "line {}: Host * comes before more specific Host blocks, and ssh takes the \
                 first value it finds, so its settings win over theirs; move it to the end",
                blocks[star].line
            ),
        ));
    }
    for (line, text) in text.lines().enumerate() {
        let lower = text.trim().to_ascii_lowercase();
        if (lower.starts_with("pubkeyacceptedalgorithms")
            || lower.starts_with("pubkeyacceptedkeytypes"))
            && lower.contains("ssh-rsa")
            && !lower.contains("rsa-sha2")
        {
            fine = false;
            checks.push(Check::new(
                Status::Warning,
                &subject,
                format!(
                    "line {}: turns SHA-1 RSA signatures (ssh-rsa) back on, which OpenSSH \
                     disabled in 8.8 and code hosts no longer take",
                    line + 1
                ),
            ));
        }
    }
    if fine {
        checks.push(Check::new(
            Status::Ok,
            &subject,
            "every IdentityFile exists, Host * last",
        ));
    }
}

/// The keys `ssh -G HOST` would offer, with `config` (the one checked
/// above) as its configuration; the host name and port it resolves HOST to.
fn check_offered(
    host: &str,
    config: Option<&Path>,
    checks: &mut Vec<Check>,
) -> Option<(String, u16)> {
    let mut command = std::process::Command::new("ssh");
    if let Some(config) = config.filter(|c| c.exists()) {
        command.arg("-F").arg(config);
    }
    let output = command
        .args(["-G", host])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    let subject = format!("ssh -G {host}");
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        checks.push(Check::new(
            Status::Warning,
            subject,
            "could not run ssh to see what it would use (is OpenSSH installed?)",
        ));
        return None;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let value = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .map(str::to_owned)
    };
    let resolved = value("hostname").map(|name| {
        let port = value("port").and_then(|p| p.parse().ok()).unwrap_or(22);
        (name, port)
    });
    let offered: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.strip_prefix("identityfile "))
        .filter_map(|f| platform::expand_tilde(Path::new(f)).ok())
        .filter(|p| p.exists())
        .collect();
    if offered.is_empty() {
        checks.push(
            Check::new(
                Status::Problem,
                subject,
                "ssh would offer no key: none of the IdentityFiles it would try exists",
            )
            .fix(format!(
                "sshgen generate -f ~/.ssh/{host}_key && sshgen config add {host} --hostname \
                 {host} --identity ~/.ssh/{host}_key"
            )),
        );
    } else {
        let names: Vec<String> = offered.iter().map(|p| p.display().to_string()).collect();
        checks.push(Check::new(
            Status::Ok,
            subject,
            format!("ssh would offer {}", names.join(", ")),
        ));
    }
    resolved
}

fn check_agent(checks: &mut Vec<Check>) {
    let fix = if cfg!(windows) {
        ENABLE_AGENT_SERVICE
    } else {
        "eval \"$(ssh-agent -s)\""
    };
    if cfg!(unix) && std::env::var_os("SSH_AUTH_SOCK").is_none_or(|s| s.is_empty()) {
        checks.push(
            Check::new(
                Status::Warning,
                "ssh-agent",
                "none in this session (SSH_AUTH_SOCK is not set), so every key with a \
                 passphrase asks for it each time",
            )
            .fix(fix),
        );
        return;
    }
    let mut agent = match crate::agent::socket::Agent::connect() {
        Ok(agent) => agent,
        Err(e) => {
            checks.push(unreachable_agent(e));
            return;
        }
    };
    let listed = agent
        .call(&crate::agent::request_identities())
        .ok()
        .and_then(|reply| crate::agent::identities(&reply).ok());
    match listed {
        None => checks.push(Check::new(
            Status::Warning,
            "ssh-agent",
            "it did not list its keys",
        )),
        Some(ids) if ids.is_empty() => checks.push(
            Check::new(
                Status::Warning,
                "ssh-agent",
                "reachable, but it holds no keys",
            )
            .fix("sshgen agent add"),
        ),
        Some(ids) => {
            let names: Vec<String> = ids
                .iter()
                .map(|id| match &id.entry {
                    Some(entry) => {
                        keys::fingerprint(&entry.key, crate::fingerprint::FingerprintHash::Sha256)
                            .map(|fp| format!("{fp} ({})", id.comment))
                            .unwrap_or_else(|_| id.comment.clone())
                    }
                    None => id.comment.clone(),
                })
                .collect();
            checks.push(Check::new(
                Status::Ok,
                "ssh-agent",
                format!("reachable, holding {}", names.join(", ")),
            ));
        }
    }
}

/// The check for an agent that cannot be reached: on Windows without
/// SSH_AUTH_SOCK that is the service's pipe, and the service's state says
/// why; otherwise the connection's error, which says what to do.
fn unreachable_agent(error: Error) -> Check {
    #[cfg(windows)]
    if std::env::var_os("SSH_AUTH_SOCK").is_none_or(|s| s.is_empty())
        && let Ok(service) = platform::windows_service::agent_service()
    {
        return service_check(service);
    }
    Check::new(Status::Warning, "ssh-agent", error.to_string())
}

/// The PowerShell line that makes Windows' agent service start with
/// Windows, and starts it.
const ENABLE_AGENT_SERVICE: &str =
    "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent";

/// What the state of Windows' agent service means, and what fixes it.
#[cfg_attr(not(windows), allow(dead_code))]
fn service_check(service: AgentService) -> Check {
    const SERVICE: &str = "the OpenSSH Authentication Agent service (ssh-agent)";
    let warning = |message: String| Check::new(Status::Warning, "ssh-agent", message);
    match service {
        AgentService::NotInstalled => warning(format!(
            "{SERVICE} is not installed, so every key with a passphrase asks for it each time"
        ))
        .fix("Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0"),
        AgentService::Disabled => {
            warning(format!("{SERVICE} is disabled")).fix(ENABLE_AGENT_SERVICE)
        }
        AgentService::Stopped { automatic: false } => warning(format!(
            "{SERVICE} is stopped, and starts only when started by hand"
        ))
        .fix(ENABLE_AGENT_SERVICE),
        AgentService::Stopped { automatic: true } => {
            warning(format!("{SERVICE} is stopped")).fix("Start-Service ssh-agent")
        }
        AgentService::Running => warning(format!(
            "{SERVICE} is running, but its pipe {} cannot be opened",
            crate::agent::socket::WINDOWS_PIPE
        )),
        AgentService::Changing => warning(format!(
            "{SERVICE} is starting or stopping; run sshgen doctor again in a moment"
        )),
    }
}

fn check_known_hosts(file: &Path, host: &str, port: u16, checks: &mut Vec<Check>) {
    let subject = file.display().to_string();
    let text = match store::read_text_file(file) {
        Ok(text) => text.unwrap_or_default(),
        Err(e) => {
            checks.push(Check::new(Status::Problem, subject, e.to_string()));
            return;
        }
    };
    let name = crate::known_hosts::lookup_name(host, port);
    let found = crate::known_hosts::find(&text, &name);
    if found.is_empty() {
        // A code host's published keys by its name; any other server's
        // fetched and shown for the user to confirm.
        let fix = if crate::services::Service::by_name(host).is_some() {
            format!("sshgen known-hosts add {host}")
        } else if port == 22 {
            format!("sshgen known-hosts add {host} --scan")
        } else {
            format!("sshgen known-hosts add {host} -p {port} --scan")
        };
        checks.push(
            Check::new(
                Status::Warning,
                subject,
                format!("no entry for {name}: the first connection will ask to trust its key"),
            )
            .fix(fix),
        );
        return;
    }
    let Some(service) = crate::services::Service::by_name(host) else {
        checks.push(Check::new(
            Status::Ok,
            subject,
            format!("{} entries for {host}", found.len()),
        ));
        return;
    };
    let published: Vec<&str> = service.host_keys().iter().map(|k| k.key).collect();
    let mut fine = true;
    for entry in &found {
        let Some(line) = crate::known_hosts::entry(&entry.text) else {
            continue;
        };
        let key: String = line
            .key
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        // RSA keys a service replaced are left alone unless pinned.
        let unpinned_rsa = key.starts_with("ssh-rsa ") && !service.rsa_only();
        if !published.contains(&key.as_str()) && !unpinned_rsa {
            fine = false;
            checks.push(
                Check::new(
                    Status::Problem,
                    &subject,
                    format!(
                        "line {}: a {} key for {host} that is not one {} publishes",
                        entry.line,
                        key.split(' ').next().unwrap_or("?"),
                        service.label()
                    ),
                )
                .fix(format!(
                    "sshgen known-hosts remove {host} && sshgen known-hosts add {host}"
                )),
            );
        }
    }
    if fine {
        checks.push(Check::new(
            Status::Ok,
            subject,
            format!(
                "the entries for {host} hold the keys {} publishes",
                service.label()
            ),
        ));
    }
}

fn check_git(checks: &mut Vec<Check>) {
    if let Some(command) = std::env::var_os("GIT_SSH_COMMAND").filter(|c| !c.is_empty()) {
        checks.push(Check::new(
            Status::Ok,
            "git",
            format!("runs GIT_SSH_COMMAND: {}", command.to_string_lossy()),
        ));
        return;
    }
    let configured = std::process::Command::new("git")
        .args(["config", "--get", "core.sshCommand"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    let Ok(output) = configured else {
        return; // no git here
    };
    let value = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !value.is_empty() {
        checks.push(Check::new(
            Status::Ok,
            "git",
            format!("runs core.sshCommand: {value}"),
        ));
    } else if cfg!(windows) {
        checks.push(
            Check::new(
                Status::Warning,
                "git",
                "runs the ssh bundled with Git for Windows, which does not use the Windows \
                 ssh-agent",
            )
            .fix("git config --global core.sshCommand C:/Windows/System32/OpenSSH/ssh.exe"),
        );
    } else {
        checks.push(Check::new(Status::Ok, "git", "runs the ssh on PATH"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_of_the_windows_agent_service_has_its_words_and_fix() {
        let line = |service| {
            let check = service_check(service);
            assert_eq!(
                (check.status, check.subject.as_str()),
                (Status::Warning, "ssh-agent")
            );
            match check.fix {
                Some(fix) => format!("{}; fix: {fix}", check.message),
                None => check.message,
            }
        };
        let service = "the OpenSSH Authentication Agent service (ssh-agent)";
        let enable =
            "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent";
        assert_eq!(
            line(AgentService::NotInstalled),
            format!(
                "{service} is not installed, so every key with a passphrase asks for it each \
                 time; fix: Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0"
            )
        );
        assert_eq!(
            line(AgentService::Disabled),
            format!("{service} is disabled; fix: {enable}")
        );
        assert_eq!(
            line(AgentService::Stopped { automatic: false }),
            format!("{service} is stopped, and starts only when started by hand; fix: {enable}")
        );
        assert_eq!(
            line(AgentService::Stopped { automatic: true }),
            format!("{service} is stopped; fix: Start-Service ssh-agent")
        );
        assert_eq!(
            line(AgentService::Running),
            format!(
                "{service} is running, but its pipe \\\\.\\pipe\\openssh-ssh-agent cannot be opened"
            )
        );
        assert_eq!(
            line(AgentService::Changing),
            format!("{service} is starting or stopping; run sshgen doctor again in a moment")
        );
    }
}
