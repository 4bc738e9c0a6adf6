//! `doctor`'s judgement: the checks that [`Facts`] come to, one function
//! a rule, each pure, so that every rule is tested with made-up facts.

use std::path::Path;

use super::facts::{Agent, Config, Facts, Folder, Git, Key, KnownHosts, Offered, Route};
use super::{Check, Repair, Status};
use crate::ops::key_scan::Problem;
use crate::platform::AgentService;
use crate::services::Service;
use crate::ssh_config::{self, Applies, Block, Evaluation};

/// Every check, in the order they are shown.
pub fn judge(facts: &Facts) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(foreign) = &facts.foreign_home {
        checks.push(
            Check::new(
                Status::Warning,
                facts.dir.display().to_string(),
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
    checks.push(folder(&facts.dir, &facts.folder));
    for key in &facts.keys {
        checks.extend(key_checks(key));
    }
    if let Some(config) = &facts.config {
        checks.extend(config_checks(config));
    }
    if let Some(route) = &facts.route {
        checks.extend(route_checks(route));
    }
    checks.push(agent(&facts.agent));
    checks.extend(git(&facts.git));
    checks
}

/// `~/.ssh`: missing, or who else may look into it or write to it.
fn folder(dir: &Path, folder: &Folder) -> Check {
    let subject = dir.display().to_string();
    let repair = Repair::Folder(dir.to_path_buf());
    match folder {
        Folder::Missing => Check::new(
            Status::Warning,
            subject,
            "there is no such folder, so no keys",
        )
        .fix("sshgen generate"),
        Folder::Mode(mode) => {
            let chmod = format!("chmod 700 {}", dir.display());
            if mode & 0o022 != 0 {
                Check::new(
                    Status::Problem,
                    subject,
                    format!(
                        "others can write to it (mode {mode:o}), and sshd on a server refuses \
                         the keys of such a folder (StrictModes)"
                    ),
                )
                .fix(chmod)
                .repair(repair)
            } else if mode & 0o077 != 0 {
                Check::new(
                    Status::Warning,
                    subject,
                    format!("others can look into it (mode {mode:o})"),
                )
                .fix(chmod)
                .repair(repair)
            } else {
                Check::new(Status::Ok, subject, "only you can open it")
            }
        }
        Folder::Exposure(Ok(Some(who))) => Check::new(
            Status::Warning,
            subject,
            format!("other users can look into it ({who}), and what is made in it inherits that"),
        )
        .fix(format!(
            "icacls \"{}\" /inheritance:r /grant:r \"%USERNAME%\":(OI)(CI)F",
            dir.display()
        ))
        .repair(repair),
        Folder::Exposure(Ok(None)) => Check::new(Status::Ok, subject, "only you can open it"),
        Folder::Exposure(Err(e)) => Check::new(
            Status::Warning,
            subject,
            format!("cannot read its access list: {e}"),
        ),
    }
}

/// One private key: open to others, what the scan found wrong, no `.pub`,
/// a type or size OpenSSH refuses or warns about, no passphrase; or one
/// line that all is well.
fn key_checks(key: &Key) -> Vec<Check> {
    let (row, private) = (&key.row, &key.private);
    let subject = private.display().to_string();
    let mut checks = Vec::new();
    if let Some(who) = &key.exposure {
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
                    "other users can open this private key ({who}), and OpenSSH refuses it \
                     (UNPROTECTED PRIVATE KEY FILE)"
                ),
            )
            .fix(fix)
            .repair(Repair::PrivateKey(private.clone())),
        );
    }
    // The exposure is the check above, with its repair.
    for problem in row
        .problems
        .iter()
        .filter(|p| !matches!(p, Problem::Exposed(_)))
    {
        checks.push(Check::new(Status::Problem, &subject, problem.to_string()));
    }
    if row.public.is_none() && row.label.is_some() {
        checks.push(
            Check::new(
                Status::Warning,
                &subject,
                "there is no .pub beside it, which ssh-copy-id, sshgen copy and ssh's \
                 IdentitiesOnly look for",
            )
            .fix(format!("sshgen public --write {}", private.display()))
            .repair(Repair::PublicHalf(private.clone())),
        );
    }
    checks.extend(key_strength(&subject, row.label.as_deref(), row.bits));
    // A security key's file holds only a handle: without the security key
    // it signs nothing, so no passphrase is needed. An access key has none
    // on purpose: a build uses it with nobody there to type one.
    let on_security_key = row.label.as_deref().is_some_and(|l| l.ends_with("-SK"));
    if row.encrypted == Some(false) && !on_security_key && key.access_key.is_none() {
        checks.push(
            Check::new(
                Status::Warning,
                &subject,
                "not encrypted: anyone with a copy of the file can use it",
            )
            .fix(format!("sshgen passphrase {}", private.display())),
        );
    }
    if checks.is_empty() {
        let what = match (&row.label, row.bits) {
            (Some(label), Some(bits)) => format!("{label} {bits}, "),
            _ => String::new(),
        };
        let kept = match (&key.access_key, row.encrypted) {
            (_, Some(false)) if on_security_key => "signs only with its security key".to_owned(),
            (Some(alias), Some(false)) => format!(
                "the access key of Host {alias}, without a passphrase so that a build can use it"
            ),
            _ => "encrypted".to_owned(),
        };
        checks.push(Check::new(
            Status::Ok,
            &subject,
            format!("{what}{kept}, only you can open it, its .pub matches"),
        ));
    }
    checks
}

/// A key type or size OpenSSH refuses (DSA, RSA under 1024 bits) or
/// warns about (RSA under 2048 bits).
fn key_strength(subject: &str, label: Option<&str>, bits: Option<u32>) -> Option<Check> {
    let (status, message) = match (label, bits) {
        (Some("DSA"), _) => (
            Status::Problem,
            "a DSA key, which OpenSSH has turned off since 7.0 and removed in 10.0".to_owned(),
        ),
        (Some("RSA"), Some(bits)) if bits < 1024 => (
            Status::Problem,
            format!("an RSA key of {bits} bits, which OpenSSH refuses"),
        ),
        (Some("RSA"), Some(bits)) if bits < 2048 => (
            Status::Warning,
            format!("an RSA key of {bits} bits, which code hosts refuse and OpenSSH warns is weak"),
        ),
        _ => return None,
    };
    Some(Check::new(status, subject, message).fix("sshgen generate -t ed25519"))
}

/// The ssh config: writable by others, IdentityFiles that do not exist,
/// an alias's options taken from elsewhere first, `Host *` first, SHA-1
/// RSA turned back on; or one line that all is well.
fn config_checks(config: &Config) -> Vec<Check> {
    let (path, text, mode, identity_files, evaluations) = match config {
        Config::Missing { path } => {
            return vec![Check::new(
                Status::Ok,
                path.display().to_string(),
                "none (ssh uses its defaults)",
            )];
        }
        Config::Unreadable { path, why } => {
            return vec![Check::new(
                Status::Problem,
                path.display().to_string(),
                why.as_str(),
            )];
        }
        Config::Read {
            path,
            text,
            mode,
            identity_files,
            evaluations,
        } => (path, text, mode, identity_files, evaluations),
    };
    let subject = path.display().to_string();
    let blocks = ssh_config::blocks(text);
    let mut checks = Vec::new();
    checks.extend(mode.and_then(|mode| config_mode(path, mode)));
    for (line, file, exists) in identity_files {
        if !exists {
            checks.push(
                Check::new(
                    Status::Problem,
                    &subject,
                    format!("line {line}: IdentityFile {file} does not exist"),
                )
                .fix(format!("sshgen generate -f {file}")),
            );
        }
    }
    for (index, evaluation) in evaluations {
        checks.extend(overridden(path, &blocks, *index, evaluation));
    }
    checks.extend(host_star_first(&subject, &blocks));
    checks.extend(ssh_rsa_turned_on(&subject, text));
    if checks.is_empty() {
        checks.push(Check::new(
            Status::Ok,
            &subject,
            "every IdentityFile exists, Host * last",
        ));
    }
    checks
}

/// ssh refuses a config others may write to ("Bad owner or permissions"),
/// and so uses none of it.
fn config_mode(path: &Path, mode: u32) -> Option<Check> {
    if mode & 0o022 == 0 {
        return None;
    }
    #[cfg(unix)]
    let repair = Some(Repair::Config(path.to_path_buf()));
    #[cfg(not(unix))]
    let repair = None;
    let mut check = Check::new(
        Status::Problem,
        path.display().to_string(),
        format!(
            "others can write to it (mode {mode:o}), and ssh refuses to read it (Bad owner or \
             permissions)"
        ),
    )
    .fix(format!("chmod 600 {}", path.display()));
    check.repair = repair;
    Some(check)
}

/// The options of the alias block `blocks[index]` that a line ssh reads
/// earlier sets otherwise: ssh keeps the first value it obtains.
fn overridden(
    config: &Path,
    blocks: &[Block],
    index: usize,
    evaluation: &Evaluation,
) -> Vec<Check> {
    let block = &blocks[index];
    let Some(alias) = block.plain_alias() else {
        return Vec::new();
    };
    let end = blocks.get(index + 1).map_or(usize::MAX, |b| b.line);
    let own_line = |s: &ssh_config::Setting| {
        s.source.file == config && (block.line..end).contains(&s.source.line)
    };
    let mut checks = Vec::new();
    for keyword in ["hostname", "user", "port", "identitiesonly"] {
        let (Some(own), Some(first)) = (block.value(keyword), evaluation.first(keyword)) else {
            continue;
        };
        if own_line(first) || first.value == own {
            continue;
        }
        let may = if first.certainty == Applies::Maybe {
            "may set"
        } else {
            "sets"
        };
        checks.push(Check::new(
            Status::Warning,
            config.display().to_string(),
            format!(
                "line {}: Host {alias} sets {keyword} {own}, but {} {may} it to {} first, and \
                 ssh keeps the first value it obtains",
                block.line, first.source, first.value
            ),
        ));
    }
    checks
}

/// A `Host *` block before more specific ones, whose settings therefore
/// win over theirs.
fn host_star_first(subject: &str, blocks: &[Block]) -> Option<Check> {
    let star = blocks
        .iter()
        .position(|b| !b.is_match && b.patterns.iter().any(|p| p == "*"))?;
    blocks[star + 1..].iter().any(|b| !b.is_match).then(|| {
        Check::new(
            Status::Warning,
            subject,
            format!(
                "line {}: Host * comes before more specific Host blocks, and ssh takes the \
                 first value it finds, so its settings win over theirs; move it to the end",
                blocks[star].line
            ),
        )
    })
}

/// Lines that turn SHA-1 RSA signatures (`ssh-rsa`) back on.
fn ssh_rsa_turned_on(subject: &str, text: &str) -> Vec<Check> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let lower = line.trim().to_ascii_lowercase();
            (lower.starts_with("pubkeyacceptedalgorithms")
                || lower.starts_with("pubkeyacceptedkeytypes"))
                && lower.contains("ssh-rsa")
                && !lower.contains("rsa-sha2")
        })
        .map(|(line, _)| {
            Check::new(
                Status::Warning,
                subject,
                format!(
                    "line {}: turns SHA-1 RSA signatures (ssh-rsa) back on, which OpenSSH \
                     disabled in 8.8 and code hosts no longer take",
                    line + 1
                ),
            )
        })
        .collect()
}

/// With HOST: the keys ssh would offer, and its known_hosts entries.
fn route_checks(route: &Route) -> Vec<Check> {
    let mut checks = vec![offered(&route.host, route.offered.as_ref())];
    checks.extend(known_hosts(&route.known_hosts));
    checks
}

fn offered(host: &str, offered: Option<&Offered>) -> Check {
    let subject = format!("ssh -G {host}");
    match offered {
        None => Check::new(
            Status::Warning,
            subject,
            "could not run ssh to see what it would use (is OpenSSH installed?)",
        ),
        Some(offered) if offered.keys.is_empty() => Check::new(
            Status::Problem,
            subject,
            "ssh would offer no key: none of the IdentityFiles it would try exists",
        )
        .fix(format!(
            "sshgen generate -f ~/.ssh/{host}_key && sshgen config add {host} --hostname \
             {host} --identity ~/.ssh/{host}_key"
        )),
        Some(offered) => {
            let names: Vec<String> = offered
                .keys
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            Check::new(
                Status::Ok,
                subject,
                format!("ssh would offer {}", names.join(", ")),
            )
        }
    }
}

/// The host's known_hosts entries: none (the first connection asks), or,
/// for a code host sshgen knows, keys it does not publish.
fn known_hosts(facts: &KnownHosts) -> Vec<Check> {
    let subject = facts.file.display().to_string();
    let (host, port) = (facts.host.as_str(), facts.port);
    let text = match &facts.text {
        Ok(text) => text,
        Err(why) => return vec![Check::new(Status::Problem, subject, why.as_str())],
    };
    let name = crate::known_hosts::lookup_name(host, port);
    let found = crate::known_hosts::find(text, &name);
    let service = Service::by_name(host);
    if found.is_empty() {
        // A code host's published keys by its name; any other server's
        // fetched and shown for the user to confirm.
        let fix = if service.is_some() {
            format!("sshgen known-hosts add {host}")
        } else if port == 22 {
            format!("sshgen known-hosts add {host} --scan")
        } else {
            format!("sshgen known-hosts add {host} -p {port} --scan")
        };
        return vec![
            Check::new(
                Status::Warning,
                subject,
                format!("no entry for {name}: the first connection will ask to trust its key"),
            )
            .fix(fix),
        ];
    }
    let Some(service) = service else {
        return vec![Check::new(
            Status::Ok,
            subject,
            format!("{} entries for {host}", found.len()),
        )];
    };
    let published: Vec<&str> = service.host_keys().iter().map(|k| k.key).collect();
    let mut checks = Vec::new();
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
    if checks.is_empty() {
        checks.push(Check::new(
            Status::Ok,
            subject,
            format!(
                "the entries for {host} hold the keys {} publishes",
                service.label()
            ),
        ));
    }
    checks
}

/// The PowerShell line that makes Windows' agent service start with
/// Windows, and starts it.
const ENABLE_AGENT_SERVICE: &str =
    "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent";

fn agent(agent: &Agent) -> Check {
    match agent {
        Agent::NoSocket => Check::new(
            Status::Warning,
            "ssh-agent",
            "none in this session (SSH_AUTH_SOCK is not set), so every key with a passphrase \
             asks for it each time",
        )
        .fix("eval \"$(ssh-agent -s)\""),
        // On Windows without SSH_AUTH_SOCK that is the service's pipe, and
        // the service's state says why; otherwise the connection's error,
        // which says what to do.
        Agent::Unreachable {
            service: Some(service),
            ..
        } => service_check(*service),
        Agent::Unreachable { why, service: None } => {
            Check::new(Status::Warning, "ssh-agent", why.as_str())
        }
        Agent::Unlisted => Check::new(Status::Warning, "ssh-agent", "it did not list its keys"),
        Agent::Holds(keys) if keys.is_empty() => Check::new(
            Status::Warning,
            "ssh-agent",
            "reachable, but it holds no keys",
        )
        .fix("sshgen agent add"),
        Agent::Holds(keys) => Check::new(
            Status::Ok,
            "ssh-agent",
            format!("reachable, holding {}", keys.join(", ")),
        ),
    }
}

/// What the state of Windows' agent service means, and what fixes it.
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

fn git(git: &Git) -> Option<Check> {
    Some(match git {
        Git::Absent => return None,
        Git::Environment(command) => Check::new(
            Status::Ok,
            "git",
            format!("runs GIT_SSH_COMMAND: {command}"),
        ),
        Git::Configured(command) => Check::new(
            Status::Ok,
            "git",
            format!("runs core.sshCommand: {command}"),
        ),
        Git::Default if cfg!(windows) => Check::new(
            Status::Warning,
            "git",
            "runs the ssh bundled with Git for Windows, which does not use the Windows \
             ssh-agent",
        )
        .fix("git config --global core.sshCommand C:/Windows/System32/OpenSSH/ssh.exe"),
        Git::Default => Check::new(Status::Ok, "git", "runs the ssh on PATH"),
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::ops::key_scan::KeyRow;

    /// Each check as `doctor` prints it, `fix:` included, and whether
    /// `--fix` can repair it.
    fn lines(checks: &[Check]) -> Vec<String> {
        checks
            .iter()
            .map(|c| {
                let mut line = format!("{:?} {}: {}", c.status, c.subject, c.message);
                if let Some(fix) = &c.fix {
                    line.push_str(&format!("; fix: {fix}"));
                }
                if c.repair.is_some() {
                    line.push_str(" [repair]");
                }
                line
            })
            .collect()
    }

    #[test]
    fn the_folder_is_judged_by_who_may_write_or_look() {
        let dir = Path::new("/h/.ssh");
        let line = |f: Folder| lines(&[folder(dir, &f)]).join("");
        assert_eq!(
            line(Folder::Mode(0o700)),
            "Ok /h/.ssh: only you can open it"
        );
        assert_eq!(
            line(Folder::Mode(0o755)),
            "Warning /h/.ssh: others can look into it (mode 755); fix: chmod 700 /h/.ssh [repair]"
        );
        assert_eq!(
            line(Folder::Mode(0o777)),
            "Problem /h/.ssh: others can write to it (mode 777), and sshd on a server refuses \
             the keys of such a folder (StrictModes); fix: chmod 700 /h/.ssh [repair]"
        );
        assert_eq!(
            line(Folder::Missing),
            "Warning /h/.ssh: there is no such folder, so no keys; fix: sshgen generate"
        );
        assert_eq!(
            line(Folder::Exposure(Ok(None))),
            "Ok /h/.ssh: only you can open it"
        );
        assert!(line(Folder::Exposure(Ok(Some("Everyone".into())))).contains("(Everyone)"));
        assert!(line(Folder::Exposure(Err("denied".into()))).ends_with("access list: denied"));
    }

    fn key(row: KeyRow, exposure: Option<&str>) -> Key {
        Key {
            access_key: None,
            private: PathBuf::from("/h/.ssh/k"),
            row: KeyRow {
                private: Some(PathBuf::from("/h/.ssh/k")),
                ..row
            },
            exposure: exposure.map(str::to_owned),
        }
    }

    fn sound() -> KeyRow {
        KeyRow {
            public: Some(PathBuf::from("/h/.ssh/k.pub")),
            label: Some("ED25519".to_owned()),
            bits: Some(256),
            encrypted: Some(true),
            ..KeyRow::default()
        }
    }

    #[test]
    fn an_access_key_needs_no_passphrase() {
        let row = || KeyRow {
            encrypted: Some(false),
            ..sound()
        };
        let access_key = Key {
            access_key: Some("github-ana__site".to_owned()),
            ..key(row(), None)
        };
        assert_eq!(
            lines(&key_checks(&access_key)),
            [
                "Ok /h/.ssh/k: ED25519 256, the access key of Host github-ana__site, without a \
              passphrase so that a build can use it, only you can open it, its .pub matches"
            ]
        );
        // Any other key without a passphrase is still said to have none.
        assert_eq!(
            lines(&key_checks(&key(row(), None)))[0],
            "Warning /h/.ssh/k: not encrypted: anyone with a copy of the file can use it; fix: \
             sshgen passphrase /h/.ssh/k"
        );
    }

    #[test]
    fn a_security_keys_file_needs_no_passphrase() {
        let row = KeyRow {
            label: Some("ED25519-SK".to_owned()),
            encrypted: Some(false),
            ..sound()
        };
        assert_eq!(
            lines(&key_checks(&key(row, None))),
            [
                "Ok /h/.ssh/k: ED25519-SK 256, signs only with its security key, only you can open \
              it, its .pub matches"
            ]
        );
    }

    #[test]
    fn a_sound_key_is_one_line_and_each_fault_its_own() {
        assert_eq!(
            lines(&key_checks(&key(sound(), None))),
            ["Ok /h/.ssh/k: ED25519 256, encrypted, only you can open it, its .pub matches"]
        );
        let exposed = key(
            KeyRow {
                problems: vec![Problem::Exposed(PathBuf::from("/h/.ssh/k"))],
                ..sound()
            },
            Some("mode 644"),
        );
        let fix = if cfg!(windows) {
            "icacls \"/h/.ssh/k\" /inheritance:r /grant:r \"%USERNAME%\":F"
        } else {
            "chmod 600 /h/.ssh/k"
        };
        // The scan's own word on exposure gives way to the check with its repair.
        assert_eq!(
            lines(&key_checks(&exposed)),
            [format!(
                "Problem /h/.ssh/k: other users can open this private key (mode 644), and \
                 OpenSSH refuses it (UNPROTECTED PRIVATE KEY FILE); fix: {fix} [repair]"
            )]
        );
        let faults = key(
            KeyRow {
                public: None,
                label: Some("RSA".to_owned()),
                bits: Some(1536),
                encrypted: Some(false),
                problems: vec![Problem::PublicHalfHidden],
                ..sound()
            },
            None,
        );
        assert_eq!(
            lines(&key_checks(&faults)),
            [
                "Problem /h/.ssh/k: its public key is encrypted with it and there is no .pub \
                 beside it; recreate one with: sshgen public --write FILE",
                "Warning /h/.ssh/k: there is no .pub beside it, which ssh-copy-id, sshgen copy \
                 and ssh's IdentitiesOnly look for; fix: sshgen public --write /h/.ssh/k \
                 [repair]",
                "Warning /h/.ssh/k: an RSA key of 1536 bits, which code hosts refuse and OpenSSH \
                 warns is weak; fix: sshgen generate -t ed25519",
                "Warning /h/.ssh/k: not encrypted: anyone with a copy of the file can use it; \
                 fix: sshgen passphrase /h/.ssh/k",
            ]
        );
    }

    #[test]
    fn key_types_and_sizes_openssh_refuses_or_warns_about() {
        let status = |label, bits| key_strength("k", Some(label), Some(bits)).map(|c| c.status);
        assert_eq!(status("DSA", 1024), Some(Status::Problem));
        assert_eq!(status("RSA", 768), Some(Status::Problem));
        assert_eq!(status("RSA", 1024), Some(Status::Warning));
        assert_eq!(status("RSA", 2047), Some(Status::Warning));
        assert_eq!(status("RSA", 2048), None);
        assert_eq!(status("ED25519", 256), None);
    }

    /// The checks of `text` as the config at /h/.ssh/config, every
    /// IdentityFile existing unless named in `missing`.
    fn config(text: &str, mode: u32, missing: &[&str]) -> Vec<String> {
        let path = PathBuf::from("/h/.ssh/config");
        let blocks = ssh_config::blocks(text);
        let identity_files = blocks
            .iter()
            .flat_map(|b| b.identity_files().map(|f| (b.line, f.to_owned())))
            .map(|(line, f)| (line, f.clone(), !missing.contains(&f.as_str())))
            .collect();
        let evaluations = blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.plain_alias().map(|a| (i, a)))
            .map(|(i, alias)| {
                (
                    i,
                    ssh_config::evaluate(&path, text, alias, &mut |_| Vec::new()),
                )
            })
            .collect();
        lines(&config_checks(&Config::Read {
            path,
            text: text.to_owned(),
            mode: Some(mode),
            identity_files,
            evaluations,
        }))
    }

    #[test]
    fn the_config_is_judged_as_ssh_reads_it() {
        let good =
            "Host gh\n  HostName github.com\n  IdentityFile ~/.ssh/gh\n\nHost *\n  User me\n";
        assert_eq!(
            config(good, 0o600, &[]),
            ["Ok /h/.ssh/config: every IdentityFile exists, Host * last"]
        );
        assert_eq!(
            config(good, 0o600, &["~/.ssh/gh"]),
            [
                "Problem /h/.ssh/config: line 1: IdentityFile ~/.ssh/gh does not exist; fix: \
              sshgen generate -f ~/.ssh/gh"
            ]
        );
        let writable = config(good, 0o666, &[]);
        assert_eq!(writable.len(), 1);
        assert!(
            writable[0].starts_with("Problem /h/.ssh/config: others can write to it (mode 666)"),
            "{writable:?}"
        );
        assert_eq!(writable[0].ends_with("[repair]"), cfg!(unix));
        let star_first = "Host *\n  User me\nHost gh\n  HostName github.com\n  User git\n";
        assert_eq!(
            config(star_first, 0o600, &[]),
            [
                "Warning /h/.ssh/config: line 3: Host gh sets user git, but /h/.ssh/config:2 \
                 sets it to me first, and ssh keeps the first value it obtains",
                "Warning /h/.ssh/config: line 1: Host * comes before more specific Host \
                 blocks, and ssh takes the first value it finds, so its settings win over \
                 theirs; move it to the end",
            ]
        );
        let sha1 = "PubkeyAcceptedAlgorithms +ssh-rsa\n";
        assert_eq!(
            config(sha1, 0o600, &[]),
            [
                "Warning /h/.ssh/config: line 1: turns SHA-1 RSA signatures (ssh-rsa) back on, \
              which OpenSSH disabled in 8.8 and code hosts no longer take"
            ]
        );
        let none = Config::Missing {
            path: PathBuf::from("/h/.ssh/config"),
        };
        assert_eq!(
            lines(&config_checks(&none)),
            ["Ok /h/.ssh/config: none (ssh uses its defaults)"]
        );
    }

    fn known(host: &str, port: u16, text: &str) -> Vec<String> {
        lines(&known_hosts(&KnownHosts {
            file: PathBuf::from("/h/.ssh/known_hosts"),
            host: host.to_owned(),
            port,
            text: Ok(text.to_owned()),
        }))
    }

    #[test]
    fn known_hosts_entries_are_checked_against_what_a_code_host_publishes() {
        assert_eq!(
            known("example.com", 2222, ""),
            [
                "Warning /h/.ssh/known_hosts: no entry for [example.com]:2222: the first \
              connection will ask to trust its key; fix: sshgen known-hosts add example.com \
              -p 2222 --scan"
            ]
        );
        assert_eq!(
            known("github.com", 22, ""),
            [
                "Warning /h/.ssh/known_hosts: no entry for github.com: the first connection will \
              ask to trust its key; fix: sshgen known-hosts add github.com"
            ]
        );
        let published = Service::Github.host_keys()[0].key;
        assert_eq!(
            known("github.com", 22, &format!("github.com {published}\n")),
            [
                "Ok /h/.ssh/known_hosts: the entries for github.com hold the keys GitHub \
              publishes"
            ]
        );
        let other = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILgv8bSX7xRHUgh2Q5ZqyK3NKdKN1vcDR3ejfdsyJgG4\n";
        assert_eq!(
            known("github.com", 22, other),
            [
                "Problem /h/.ssh/known_hosts: line 1: a ssh-ed25519 key for github.com that is \
              not one GitHub publishes; fix: sshgen known-hosts remove github.com && sshgen \
              known-hosts add github.com"
            ]
        );
        assert_eq!(
            known(
                "example.com",
                22,
                other.replacen("github.com", "example.com", 1).as_str()
            ),
            ["Ok /h/.ssh/known_hosts: 1 entries for example.com"]
        );
    }

    #[test]
    fn what_ssh_would_offer() {
        assert_eq!(
            lines(&[offered("h", None)]),
            [
                "Warning ssh -G h: could not run ssh to see what it would use (is OpenSSH \
              installed?)"
            ]
        );
        let none = Offered {
            resolved: None,
            keys: Vec::new(),
        };
        assert!(
            lines(&[offered("h", Some(&none))])[0]
                .starts_with("Problem ssh -G h: ssh would offer no key")
        );
        let some = Offered {
            resolved: None,
            keys: vec![PathBuf::from("/h/.ssh/a"), PathBuf::from("/h/.ssh/b")],
        };
        assert_eq!(
            lines(&[offered("h", Some(&some))]),
            ["Ok ssh -G h: ssh would offer /h/.ssh/a, /h/.ssh/b"]
        );
    }

    #[test]
    fn the_agent_and_git() {
        let line = |a: Agent| lines(&[agent(&a)]).join("");
        assert_eq!(
            line(Agent::NoSocket),
            "Warning ssh-agent: none in this session (SSH_AUTH_SOCK is not set), so every key \
             with a passphrase asks for it each time; fix: eval \"$(ssh-agent -s)\""
        );
        assert_eq!(
            line(Agent::Unreachable {
                why: "no agent".into(),
                service: None
            }),
            "Warning ssh-agent: no agent"
        );
        assert_eq!(
            line(Agent::Holds(Vec::new())),
            "Warning ssh-agent: reachable, but it holds no keys; fix: sshgen agent add"
        );
        assert_eq!(
            line(Agent::Holds(vec![
                "SHA256:x (a)".into(),
                "SHA256:y (b)".into()
            ])),
            "Ok ssh-agent: reachable, holding SHA256:x (a), SHA256:y (b)"
        );
        assert_eq!(
            line(Agent::Unlisted),
            "Warning ssh-agent: it did not list its keys"
        );
        assert_eq!(git(&Git::Absent), None);
        assert_eq!(
            lines(&[git(&Git::Environment("ssh -i k".into())).unwrap()]),
            ["Ok git: runs GIT_SSH_COMMAND: ssh -i k"]
        );
        assert_eq!(
            lines(&[git(&Git::Configured("ssh -v".into())).unwrap()]),
            ["Ok git: runs core.sshCommand: ssh -v"]
        );
        assert_eq!(
            git(&Git::Default).unwrap().status,
            if cfg!(windows) {
                Status::Warning
            } else {
                Status::Ok
            }
        );
    }

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
        let enable = ENABLE_AGENT_SERVICE;
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
        // Reached only with the service's state at hand.
        let unreachable = Agent::Unreachable {
            why: "x".into(),
            service: Some(AgentService::Disabled),
        };
        assert_eq!(agent(&unreachable), service_check(AgentService::Disabled));
    }
}
