//! `sshgen known-hosts find|remove|hash|add`: the user's known_hosts file,
//! `find`, `remove` and `hash` printing and writing what `ssh-keygen -F`,
//! `-R` and `-H` do; `add` records a host's key, the published keys of the
//! code hosts in [`crate::services`] by name, and refuses a key that
//! differs from the one recorded. The text work is in [`crate::known_hosts`].

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keys;
use crate::known_hosts::{self, AddError};
use crate::platform::{self, Access};
use crate::prompt::Prompter;
use crate::services::Service;
use crate::ssh_config;
use crate::store::{self, Edited};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub action: Action,
    /// The file; `None` is `~/.ssh/known_hosts`.
    pub file: Option<PathBuf>,
    /// Leave out the `# Host … found` lines (ssh-keygen's `-q`).
    pub quiet: bool,
    /// Look a host up in the user's ssh config first, as ssh does
    /// (sshgen's own commands; ssh-keygen's -F and -R take names as given).
    pub resolve_aliases: bool,
}

#[derive(Clone, Debug)]
pub enum Action {
    /// With `hashed`, the found lines are printed with their names hashed
    /// (ssh-keygen's `-H` with `-F`).
    Find {
        host: String,
        port: u16,
        hashed: bool,
    },
    Remove {
        host: String,
        port: u16,
    },
    Hash,
    Add(AddRequest),
}

/// A key to record: a code host by name, or a host and its key line.
#[derive(Clone, Debug)]
pub struct AddRequest {
    pub host: String,
    pub port: u16,
    /// `TYPE BASE64`; `None` takes the published keys of the service named
    /// by `host`.
    pub key: Option<String>,
    /// Record `key` as a certificate authority for the hosts `host`
    /// matches (an `@cert-authority` line), not as a host's own key.
    pub authority: Option<Authority>,
    /// Fetch the keys from the server itself (`--scan`).
    pub scan: Option<Scan>,
}

/// `--scan`: the keys the server shows, recorded only once confirmed.
#[derive(Clone, Debug)]
pub struct Scan {
    /// The fingerprint one of the keys must have (the unattended form);
    /// `None` asks at the terminal.
    pub fingerprint: Option<String>,
}

/// How far an `@cert-authority` line may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authority {
    /// The pattern must name some hosts, not every host.
    Scoped,
    /// `--all-hosts`: a pattern that matches every host is meant.
    AllHostsAllowed,
}

/// How ssh-keygen ends the lines it logs on stderr (its `logit` and
/// `error` add CR LF), which sshgen's matching messages end with too.
const LOG_END: &str = "\r\n";

/// `~/.ssh/known_hosts`.
pub fn default_file() -> Result<PathBuf> {
    Ok(platform::ssh_dir()?.join("known_hosts"))
}

pub fn run(options: &Options, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    let file = match &options.file {
        Some(file) => file.clone(),
        None => default_file()?,
    };
    match &options.action {
        Action::Find { host, port, hashed } => {
            let (host, port) = resolve(options, host, *port)?;
            let name = known_hosts::lookup_name(&host, port);
            let found = find_in_file(&file, &name)?;
            let mut salts = Salts::default();
            let printed = found.iter().try_for_each(|f| {
                if !options.quiet {
                    writeln!(stdout, "{}", known_hosts::found_header(&name, f))?;
                }
                let line = hashed
                    .then(|| known_hosts::hashed_lines(&f.text, &mut || salts.next()))
                    .flatten();
                match line {
                    Some(lines) => writeln!(stdout, "{lines}"),
                    None => writeln!(stdout, "{}", f.text),
                }
            });
            salts.check()?;
            crate::commands::flushed(printed, stdout)?;
            if found.is_empty() {
                return Err(Error::AlreadyReported);
            }
            Ok(())
        }
        Action::Remove { host, port } => {
            let (host, port) = resolve(options, host, *port)?;
            let name = known_hosts::lookup_name(&host, port);
            let mut removed = Vec::new();
            let mut invalid = Vec::new();
            let edited = store::edit_text_file(&file, Access::WorldReadable, true, |text| {
                let removal = known_hosts::remove(text, &name);
                (removed, invalid) = (removal.removed, removal.invalid);
                Ok::<_, Error>((!removed.is_empty() && invalid.is_empty()).then_some(removal.kept))
            })?;
            let mut printed: std::io::Result<()> = removed
                .iter()
                .filter(|_| !options.quiet)
                .try_for_each(|line| writeln!(stdout, "# Host {name} found: line {line}"));
            if !invalid.is_empty() {
                crate::commands::flushed(printed, stdout)?;
                return refuse_invalid(&file, &invalid);
            }
            if removed.is_empty() {
                eprint!("Host {name} not found in {}{LOG_END}", file.display());
                return Ok(());
            }
            if let Edited::Written { backup } = edited {
                printed = printed.and_then(|()| updated(stdout, &file, backup.as_deref()));
            }
            crate::commands::flushed(printed, stdout)
        }
        Action::Hash => {
            let mut wildcards = Vec::new();
            let mut invalid = Vec::new();
            let edited = store::edit_text_file(&file, Access::WorldReadable, true, |text| {
                invalid = known_hosts::invalid_lines(text);
                if !invalid.is_empty() {
                    return Ok(None);
                }
                let mut salts = Salts::default();
                let hashed = known_hosts::hash(text, &mut || salts.next());
                salts.check()?;
                wildcards = hashed.wildcards;
                Ok::<_, Error>(hashed.changed.then_some(hashed.text))
            })?;
            if !invalid.is_empty() {
                return refuse_invalid(&file, &invalid);
            }
            for (line, hosts) in &wildcards {
                eprint!(
                    "{}:{line}: ignoring host name with wildcard: {hosts}{LOG_END}",
                    file.display()
                );
            }
            let Edited::Written { backup } = edited else {
                return Ok(());
            };
            let printed = updated(stdout, &file, backup.as_deref());
            crate::commands::flushed(printed, stdout)?;
            if let Some(backup) = backup {
                eprint!(
                    "WARNING: {} contains unhashed entries{LOG_END}Delete this file to ensure \
                     privacy of hostnames{LOG_END}",
                    backup.display()
                );
            }
            Ok(())
        }
        Action::Add(request) => {
            let request = match request.authority.is_none()
                && (request.key.is_some() || request.scan.is_some())
            {
                true => {
                    let (host, port) = resolve(options, &request.host, request.port)?;
                    AddRequest {
                        host,
                        port,
                        ..request.clone()
                    }
                }
                false => request.clone(),
            };
            let added = match &request.scan {
                Some(scan) => {
                    let keys = scanned(&request, scan, prompter)?;
                    record(&file, &request, &keys, known_hosts::Marker::None)?
                }
                None => add(&file, &request)?,
            };
            for line in added {
                eprintln!("{line}");
            }
            crate::commands::config::note_foreign_home(&file);
            Ok(())
        }
    }
}

/// Salts for hashed names from the system's generator, remembering whether
/// it failed (hashing then stops with an error, never with weak salts).
#[derive(Default)]
struct Salts {
    failed: bool,
}

impl Salts {
    fn next(&mut self) -> [u8; known_hosts::SALT_LEN] {
        let mut salt = [0u8; known_hosts::SALT_LEN];
        self.failed |= getrandom::fill(&mut salt).is_err();
        salt
    }

    fn check(self) -> Result<()> {
        if self.failed {
            return Err(Error::key(
                "cannot hash host names: the system's random number generator failed",
                ssh_key::Error::RngFailure,
            ));
        }
        Ok(())
    }
}

/// What ssh-keygen says of a file with lines it cannot read, which it does
/// not rewrite.
fn refuse_invalid(file: &Path, lines: &[usize]) -> Result<()> {
    for line in lines {
        eprint!("{}:{line}: invalid line{LOG_END}", file.display());
    }
    eprint!(
        "{} is not a valid known_hosts file.{LOG_END}Not replacing existing known_hosts file \
         because of errors{LOG_END}",
        file.display()
    );
    Err(Error::AlreadyReported)
}

/// `FILE updated.` and where the old text is, as ssh-keygen says it.
fn updated(stdout: &mut impl Write, file: &Path, backup: Option<&Path>) -> std::io::Result<()> {
    writeln!(stdout, "{} updated.", file.display())?;
    if let Some(backup) = backup {
        writeln!(stdout, "Original contents retained as {}", backup.display())?;
    }
    Ok(())
}

/// Every line of `file` that names `name`, read a piece at a time (so a
/// large file is never held whole); none when the file does not exist.
fn find_in_file(file: &Path, name: &str) -> Result<Vec<known_hosts::Found>> {
    if std::fs::symlink_metadata(file).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(Vec::new());
    }
    // Only a regular file, opened without blocking: a FIFO put in its
    // place is refused, not waited on.
    let handle = crate::input::open_regular(file)?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, handle);
    let mut found = Vec::new();
    crate::input::for_each_line(&mut reader, file, |number, line| {
        // A line too long to hold names no host ssh would look up.
        let Some(line) = line else {
            return Ok(());
        };
        let text = std::str::from_utf8(line).map_err(|_| Error::KeyFile {
            path: file.to_path_buf(),
            problem: format!("line {number} is not UTF-8 text"),
        })?;
        found.extend(known_hosts::found(number, text, name));
        Ok(())
    })?;
    Ok(found)
}

/// `host` and `port` as ssh looks them up in the user's ssh config: a
/// `Host` alias becomes its `HostName`, and its `Port` when `-p` was left
/// at 22; a host the config says nothing of stays as it is. Only for
/// sshgen's own commands on the user's own known_hosts (`-f FILE` names
/// another file, whose hosts need not be the config's).
fn resolve(options: &Options, host: &str, port: u16) -> Result<(String, u16)> {
    let unchanged = Ok((host.to_owned(), port));
    if !options.resolve_aliases || options.file.is_some() || ssh_config::check_alias(host).is_err()
    {
        return unchanged;
    }
    // A config that cannot be read resolves nothing (ssh could not read
    // it either); the host is taken as given.
    let config = crate::commands::config::default_file()?;
    let Some(text) = crate::commands::config::read(&config).ok().flatten() else {
        return unchanged;
    };
    let evaluation =
        ssh_config::evaluate(&config, &text, host, &mut crate::commands::config::included);
    let sure = |keyword: &str| {
        evaluation
            .first(keyword)
            .filter(|s| s.certainty == ssh_config::Applies::Yes)
    };
    let host = sure("hostname")
        .filter(|s| !s.value.contains('%'))
        .map_or_else(|| host.to_owned(), |s| s.value.clone());
    let port = match port {
        22 => sure("port")
            .and_then(|s| s.value.parse().ok())
            .unwrap_or(22),
        given => given,
    };
    Ok((host, port))
}

/// The keys `ssh-keyscan` fetches from `request`'s host, shown with their
/// fingerprints on stderr, as a request to record them: when one has the
/// `--fingerprint` given, or when the user says yes at the terminal.
/// Never trusted silently: without a terminal and without a fingerprint,
/// nothing is recorded.
fn scanned(request: &AddRequest, scan: &Scan, prompter: &mut dyn Prompter) -> Result<Vec<String>> {
    ssh_config::check_host("HOST", &request.host).map_err(|e| Error::Usage(e.to_string()))?;
    let name = known_hosts::lookup_name(&request.host, request.port);
    if scan.fingerprint.is_none() && !prompter.is_interactive() {
        return Err(Error::Usage(format!(
            "--scan records {name}'s keys only once you confirm them: at a terminal, or with \
             --fingerprint SHA256:… as the server's owner publishes it"
        )));
    }
    let output = std::process::Command::new(crate::platform::openssh_program("ssh-keyscan")?)
        .args([
            "-T",
            "10",
            "-p",
            &request.port.to_string(),
            "--",
            &request.host,
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::Refused(format!("cannot run ssh-keyscan: {e}")))?;
    let keys: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| key_line("the scanned key", l).ok())
        .collect();
    if keys.is_empty() {
        let said = String::from_utf8_lossy(&output.stderr);
        let why = said
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("no key came back");
        return Err(Error::Refused(format!(
            "{name} showed no host key: {}",
            crate::render::visible_line(why, platform::utf8_locale())
        )));
    }
    for key in &keys {
        eprintln!("{name} shows its {}", describe(key));
    }
    let confirmed = match &scan.fingerprint {
        Some(wanted) => {
            let wanted = wanted.trim();
            if !keys
                .iter()
                .any(|k| fingerprint(k).as_deref() == Some(wanted))
            {
                return Err(Error::Refused(format!(
                    "none of {name}'s keys has the fingerprint {wanted}: nothing recorded. \
                     Check the fingerprint with the server's owner; a different one means \
                     another server answered"
                )));
            }
            true
        }
        None => prompter.confirm(&format!(
            "Are these {name}'s keys, as its owner publishes them? Record them (y/n)? "
        ))?,
    };
    if !confirmed {
        return Err(Error::Refused(format!("nothing recorded for {name}")));
    }
    Ok(keys)
}

/// Records the key(s) of `request` in `file`; returns a line for each key
/// saying whether it was added or there already. The host is checked to
/// be a host name or IP address (a pattern, with `--cert-authority`), so
/// that nothing else can reach the file: no marker, no second field, no
/// line of its own.
pub fn add(file: &Path, request: &AddRequest) -> Result<Vec<String>> {
    let service = Service::by_name(&request.host)
        .filter(|_| request.key.is_none() && request.authority.is_none());
    let (host, keys): (String, Vec<String>) = match (&request.key, service) {
        (Some(key), _) => (request.host.clone(), vec![key_line("--key", key)?]),
        (None, Some(service)) => (
            service.hostname().to_owned(),
            service
                .host_keys()
                .iter()
                .map(|k| k.key.to_owned())
                .collect(),
        ),
        (None, None) => {
            ssh_config::check_host("HOST", &request.host)
                .map_err(|e| Error::Usage(e.to_string()))?;
            return Err(Error::Usage(format!(
                "sshgen knows no published host key for {}; pass its key: --key 'TYPE BASE64' \
                 (check its fingerprint with whoever runs the server), or name one of \
                 bitbucket, github, gitlab, azure-devops",
                request.host
            )));
        }
    };
    let marker = match request.authority {
        None => {
            ssh_config::check_host("HOST", &host).map_err(|e| Error::Usage(e.to_string()))?;
            known_hosts::Marker::None
        }
        Some(scope) => {
            known_hosts::check_pattern_list(&host, scope == Authority::AllHostsAllowed)
                .map_err(Error::Usage)?;
            known_hosts::Marker::CertAuthority
        }
    };
    let request = AddRequest {
        host,
        ..request.clone()
    };
    record(file, &request, &keys, marker)
}

/// Records `keys` (`TYPE BASE64` each) for `request`'s host and port (or,
/// with `marker`, as CA lines for its pattern) in `file`; a line for each
/// key says whether it was added or there already.
fn record(
    file: &Path,
    request: &AddRequest,
    keys: &[String],
    marker: known_hosts::Marker,
) -> Result<Vec<String>> {
    let host = &request.host;
    let name = known_hosts::lookup_name(host, request.port);
    let mut report = Vec::new();
    store::edit_text_file(file, Access::WorldReadable, false, |text| {
        let mut text = text.to_owned();
        let mut changed = false;
        for key in keys {
            let shown = describe(key);
            let what = match marker {
                known_hosts::Marker::CertAuthority => {
                    format!("a certificate authority for hosts matching {name}, {shown},")
                }
                _ => format!("{name}'s {shown}"),
            };
            match known_hosts::add(&text, &name, key, marker) {
                Ok(Some(new)) => {
                    text = new;
                    changed = true;
                    report.push(format!("Added {what} to {}", file.display()));
                }
                Ok(None) => report.push(format!("{what} is in {} already", file.display())),
                Err(AddError::Changed { line }) => {
                    return Err(Error::Refused(format!(
                        "{}:{line} records another {} key for {name}: the host key changed, or \
                         something is in between. Check the fingerprint the server's owner \
                         publishes; if the change is real, run `sshgen known-hosts remove {}` \
                         and add the key again",
                        file.display(),
                        key.split(' ').next().unwrap_or_default(),
                        if request.port == 22 {
                            host.to_owned()
                        } else {
                            format!("{host} -p {}", request.port)
                        }
                    )));
                }
            }
        }
        Ok(changed.then_some(text))
    })?;
    Ok(report)
}

/// The SHA-256 fingerprint of a `TYPE BASE64` key line.
fn fingerprint(key: &str) -> Option<String> {
    let public = ssh_key::PublicKey::from_openssh(key).ok()?;
    keys::fingerprint(public.key_data(), FingerprintHash::Sha256)
        .ok()
        .map(|f| f.to_string())
}

/// `ED25519 key SHA256:…` for messages.
fn describe(key: &str) -> String {
    match ssh_key::PublicKey::from_openssh(key) {
        Ok(public) => format!(
            "{} key {}",
            keys::type_label(&public.algorithm()),
            fingerprint(key).unwrap_or_default()
        ),
        Err(_) => "key".to_owned(),
    }
}

/// `TYPE BASE64` from what the user passed with `option`: a key line, a
/// known_hosts line (`HOST TYPE BASE64`) or a `.pub` line; checked to be a
/// key.
pub fn key_line(option: &str, given: &str) -> Result<String> {
    let fields: Vec<&str> = given.split_whitespace().collect();
    for start in 0..fields.len().min(2) {
        if let [key_type, blob, ..] = fields[start..] {
            let line = format!("{key_type} {blob}");
            if ssh_key::PublicKey::from_openssh(&line).is_ok() {
                return Ok(line);
            }
        }
    }
    Err(Error::Usage(format!(
        "{option} {given:?} is no public key; pass 'TYPE BASE64', e.g. a line of ssh-keyscan's \
         output whose fingerprint you checked"
    )))
}
