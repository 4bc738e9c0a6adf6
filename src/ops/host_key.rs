//! Host keys recorded in a known_hosts file: a code host's published keys
//! by name, a key given as text, or the keys a server shows (`--scan`,
//! recorded only once confirmed); a key that differs from the one
//! recorded is refused. `known-hosts add` and `access-key` record here;
//! the text work is in [`crate::known_hosts`].

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keys;
use crate::known_hosts::{self, AddError};
use crate::platform::{self, Access};
use crate::prompt::Prompter;
use crate::services::Service;
use crate::ssh_config;
use crate::store;

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

/// `~/.ssh/known_hosts`.
pub fn default_file() -> Result<PathBuf> {
    Ok(platform::ssh_dir()?.join("known_hosts"))
}

/// The keys `ssh-keyscan` fetches from `request`'s host (`TYPE BASE64`
/// each), to be shown with [`describe`] and then [`confirm`]ed. Refused
/// at once where nothing could confirm them: without a terminal and
/// without `--fingerprint`.
pub fn scan(request: &AddRequest, scan: &Scan, prompter: &dyn Prompter) -> Result<Vec<String>> {
    ssh_config::check_host("HOST", &request.host)?;
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
        return Err(Error::Refused(format!("{name} showed no host key: {why}")));
    }
    Ok(keys)
}

/// Whether the scanned `keys` may be recorded: when one has the
/// `--fingerprint` given, or when the user says yes at the terminal.
/// Never trusted silently.
pub fn confirm(
    request: &AddRequest,
    scan: &Scan,
    keys: &[String],
    prompter: &mut dyn Prompter,
) -> Result<()> {
    let name = known_hosts::lookup_name(&request.host, request.port);
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
    Ok(())
}

/// Removes the unmarked lines of `host` (at `port`) from `file`, keeping
/// the old text as `FILE.old` as `ssh-keygen -R` does; returns how many.
/// A file with lines ssh cannot read is left alone.
pub fn remove(file: &Path, host: &str, port: Option<u16>) -> Result<usize> {
    let name = crate::known_hosts::lookup_name(host, port.unwrap_or(22));
    let mut removed = 0;
    crate::store::edit_text_file(file, crate::platform::Access::WorldReadable, true, |text| {
        let removal = crate::known_hosts::remove(text, &name);
        if !removal.invalid.is_empty() {
            return Ok::<_, Error>(None);
        }
        removed = removal.removed.len();
        Ok((removed > 0).then_some(removal.kept))
    })?;
    Ok(removed)
}

/// Records the key(s) of `request` in `file`; returns a line for each key
/// saying whether it was added or there already. The host is checked to
/// be a host name or IP address (a pattern, with `--cert-authority`), so
/// that nothing else can reach the file: no marker, no second field, no
/// line of its own.
pub fn add(file: &Path, request: &AddRequest) -> Result<Vec<String>> {
    let service = Service::by_name(&request.host)
        .filter(|_| request.key.is_none() && request.authority.is_none())
        .and_then(|service| Some((service, service.hostname()?)));
    let (host, keys): (String, Vec<String>) = match (&request.key, service) {
        (Some(key), _) => (request.host.clone(), vec![key_line("--key", key)?]),
        (None, Some((service, hostname))) => (
            hostname.to_owned(),
            service
                .host_keys()
                .iter()
                .map(|k| k.key.to_owned())
                .collect(),
        ),
        (None, None) => {
            ssh_config::check_host("HOST", &request.host)?;
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
            ssh_config::check_host("HOST", &host)?;
            known_hosts::Marker::None
        }
        Some(scope) => {
            known_hosts::check_pattern_list(&host, scope == Authority::AllHostsAllowed)?;
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
pub fn record(
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
pub fn fingerprint(key: &str) -> Option<String> {
    let public = ssh_key::PublicKey::from_openssh(key).ok()?;
    keys::fingerprint(public.key_data(), FingerprintHash::Sha256)
        .ok()
        .map(|f| f.to_string())
}

/// `ED25519 key SHA256:…` for messages.
pub fn describe(key: &str) -> String {
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
