//! `access-key label`, `remove` and `list`: an access key's label changed
//! on the host, an access key taken away everywhere sshgen put it, and
//! every access key sshgen made here, with the host's view of each.

use std::io::Write;

use serde::Serialize;

use super::remote::ApiOptions;
use super::rotate::{builds_api, record_api, record_of};
use crate::code_host::RemoteKey;
use crate::error::{Error, Result};
use crate::ops::access_key_records::{self, Record};
use crate::ops::{host_alias, host_key};
use crate::output::{self, Listing, Report, Ui};
use crate::services::Service;
use crate::store::KeyPaths;

/// `access-key label`'s options.
#[derive(Clone, Debug)]
pub struct LabelOptions {
    pub service: Service,
    pub repo: String,
    pub label: String,
    pub api: ApiOptions,
}

/// `access-key remove`'s options.
#[derive(Clone, Debug)]
pub struct RemoveOptions {
    pub service: Service,
    pub repo: String,
    pub api: ApiOptions,
    /// Keep the key files.
    pub keep_key: bool,
}

/// `access-key list`'s options.
#[derive(Clone, Debug)]
pub struct ListOptions {
    /// Ask each host too.
    pub remote: bool,
    pub api: ApiOptions,
}

/// Why a plain git server's record cannot be asked about or changed
/// remotely: it has no API, only the login of its owner.
fn no_api(what: &str) -> Error {
    Error::Refused(format!(
        "a plain git server has no API, so sshgen cannot {what} there; on the server, \
         `sshgen authorized-keys list|add|remove` manages its authorized_keys"
    ))
}

#[derive(Serialize)]
struct Relabelled {
    repository: String,
    id: u64,
    label: String,
}

impl Report for Relabelled {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Labelled the access key of {} (id {}) \"{}\"",
            ui.visible(&self.repository),
            self.id,
            ui.visible(&self.label)
        )
    }
}

pub fn label(options: &LabelOptions, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    if options.label.is_empty() || options.label.chars().any(char::is_control) {
        return Err(Error::Usage(
            "the label must be one line of text, not empty".to_owned(),
        ));
    }
    let (file, mut record) = record_of(options.service, &options.repo)?;
    if options.service == Service::Ssh {
        return Err(no_api("change a label"));
    }
    let api = record_api(&record, options.service, &options.api)?;
    let line = record.public_line().ok_or_else(|| {
        Error::Refused(format!(
            "cannot read {}.pub, whose key body finds the key on the host",
            record.key_file.display()
        ))
    })?;
    let key = api
        .keys()?
        .into_iter()
        .find(|k| k.is(&line))
        .ok_or_else(|| {
            Error::Refused(format!(
                "{} has no access key {} on {}: `sshgen access-key {} {}` adds it",
                options.repo,
                record.key_file.display(),
                options.service.label(),
                options.service.name(),
                options.repo
            ))
        })?;
    let changed = api.relabel(&key, &options.label)?;
    record.label = changed.label.clone();
    access_key_records::put(&file, &record)?;
    output::emit(
        ui,
        &Relabelled {
            repository: options.repo.clone(),
            id: changed.id,
            label: changed.label,
        },
        stdout,
    )
}

#[derive(Serialize)]
struct Removed {
    repository: String,
    deleted_on_host: Vec<u64>,
    /// A plain git server: the key is still there, and how to remove it.
    #[serde(skip_serializing_if = "Option::is_none")]
    left_on_server: Option<String>,
    alias_removed: bool,
    host_key_removed: bool,
    /// The alias of the user's own that still reaches that host, for
    /// which its host key was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    host_key_kept_for: Option<String>,
    key_files_removed: Vec<String>,
    ci_removed: Option<String>,
}

impl Report for Removed {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Removed the access key of {}:",
            ui.visible(&self.repository)
        )?;
        match self.deleted_on_host.as_slice() {
            _ if self.left_on_server.is_some() => {}
            [] => writeln!(out, "  on the host: it was not there")?,
            ids => writeln!(
                out,
                "  on the host: deleted (id {})",
                ids.iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )?,
        }
        if let Some(left) = &self.left_on_server {
            writeln!(out, "  on the server: {}", ui.visible(left))?;
        }
        if self.alias_removed {
            writeln!(out, "  alias:       removed")?;
        }
        if self.host_key_removed {
            writeln!(
                out,
                "  host key:    removed (no other alias uses that host)"
            )?;
        }
        if let Some(alias) = &self.host_key_kept_for {
            writeln!(
                out,
                "  host key:    kept (Host {} reaches that host too)",
                ui.visible(alias)
            )?;
        }
        for file in &self.key_files_removed {
            writeln!(out, "  removed      {}", ui.visible(file))?;
        }
        if let Some(ci) = &self.ci_removed {
            writeln!(out, "  builds:      {}", ui.visible(ci))?;
        }
        Ok(())
    }
}

pub fn remove(options: &RemoveOptions, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let (file, record) = record_of(options.service, &options.repo)?;
    let line = record.public_line();
    // The host first: a key that cannot be deleted there stays usable here.
    // A plain git server has no API: what is left there is said.
    let mut deleted = Vec::new();
    let mut left_on_server = None;
    if options.service == Service::Ssh {
        let (user_host, _) = options.repo.split_once(':').unwrap_or((&options.repo, ""));
        left_on_server = Some(format!(
            "still in {user_host}'s authorized_keys (sshgen has no login there); remove it on the \
             server with: sshgen authorized-keys remove {}",
            line.as_deref()
                .and_then(host_key::fingerprint)
                .unwrap_or_else(|| format!("'{}'", record.label))
        ));
    } else if let Some(line) = &line {
        let api = record_api(&record, options.service, &options.api)?;
        for key in api.keys()?.into_iter().filter(|k| k.is(line)) {
            api.delete(key.id)?;
            deleted.push(key.id);
        }
    }
    let config = host_alias::default_file()?;
    let alias_removed = host_alias::remove(&config, &record.alias)? > 0;
    let others = access_key_records::read(&file)?
        .into_iter()
        .filter(|r| !r.is_for(&record.service, &record.repository))
        .any(|r| r.hostname == record.hostname);
    let own_host = options.service.hostname() == Some(record.hostname.as_str());
    let host_key_kept_for = if own_host || others {
        None
    } else {
        host_alias::reaching(&config, &record.hostname, record.port.unwrap_or(22))?
    };
    let host_key_removed = !others
        && !own_host
        && host_key_kept_for.is_none()
        && host_key::remove(&host_key::default_file()?, &record.hostname, record.port)? > 0;
    let mut key_files_removed = Vec::new();
    if !options.keep_key {
        let paths = KeyPaths::new(record.key_file.clone());
        for path in [&paths.private, &paths.public] {
            if std::fs::remove_file(path).is_ok() {
                key_files_removed.push(path.display().to_string());
            }
        }
    }
    // The builds' copy, unless the pipeline keeps a key pair of its own.
    let ci_removed = match builds_api(&record, options.service, &options.api)? {
        Some((ci_api, ci)) => {
            ci_api.delete_secret(ci.name.as_deref())?;
            Some(format!(
                "deleted the private key from {}'s {}{}",
                ci.repository,
                ci.kind,
                ci.name
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default()
            ))
        }
        _ => None,
    };
    access_key_records::remove(&file, &record.service, &record.repository)?;
    output::emit(
        ui,
        &Removed {
            repository: record.repository,
            deleted_on_host: deleted,
            left_on_server,
            alias_removed,
            host_key_removed,
            host_key_kept_for,
            key_files_removed,
            ci_removed,
        },
        stdout,
    )
}

/// One access key, as `list` shows it.
#[derive(Serialize)]
struct Listed {
    service: String,
    repository: String,
    alias: String,
    private_key_path: String,
    fingerprint: Option<String>,
    label: String,
    /// With `--remote`: `on-host`, `missing`, or `unknown` (no token).
    remote: Option<&'static str>,
    remote_key: Option<RemoteKey>,
    /// Keys on the host that no key here matches.
    others_on_host: Vec<RemoteKey>,
    remote_error: Option<String>,
}

impl Report for Listed {
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{} {} (Host {}, {}) {}",
            self.service,
            ui.visible(&self.repository),
            ui.visible(&self.alias),
            ui.visible(&self.private_key_path),
            self.fingerprint.as_deref().unwrap_or("(no readable .pub)")
        )?;
        match (&self.remote_key, self.remote, &self.remote_error) {
            (Some(key), _, _) => writeln!(
                out,
                "  on the host: id {}, \"{}\", added {}, last used {}",
                key.id,
                ui.visible(&key.label),
                key.added.as_deref().unwrap_or("(not given)"),
                key.last_used.as_deref().unwrap_or("never or not given")
            )?,
            (None, Some("missing"), _) => writeln!(out, "  on the host: missing")?,
            (None, _, Some(error)) => {
                writeln!(out, "  on the host: unknown ({})", ui.visible(error))?
            }
            _ => {}
        }
        for other in &self.others_on_host {
            writeln!(
                out,
                "  also on the host, matching no key here: id {}, \"{}\" {}",
                other.id,
                ui.visible(&other.label),
                ui.visible(&other.key)
            )?;
        }
        Ok(())
    }
}

pub fn list(options: &ListOptions, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let records = access_key_records::read(&access_key_records::default_file()?)?;
    let mut listing = Listing::begin(ui, stdout)?;
    for record in records {
        let line = record.public_line();
        let fingerprint = line.as_deref().and_then(host_key::fingerprint);
        let mut listed = Listed {
            service: record.service.clone(),
            repository: record.repository.clone(),
            alias: record.alias.clone(),
            private_key_path: record.key_file.display().to_string(),
            fingerprint,
            label: record.label.clone(),
            remote: None,
            remote_key: None,
            others_on_host: Vec::new(),
            remote_error: None,
        };
        if options.remote {
            remote_view(&record, line.as_deref(), &options.api, &mut listed);
        }
        listing.item(|| Ok(&listed), |out| listed.write_text(ui, out))?;
    }
    listing.end()
}

/// The host's view of one record, into `listed`; a failure is noted, not
/// fatal: the other repositories are still listed.
fn remote_view(record: &Record, line: Option<&str>, api: &ApiOptions, listed: &mut Listed) {
    let Some(service) = Service::named(&record.service) else {
        listed.remote_error = Some(format!(
            "sshgen does not know the service {}",
            record.service
        ));
        return;
    };
    if service == Service::Ssh {
        listed.remote_error = Some("a plain git server has no API to ask".to_owned());
        return;
    }
    let keys = record_api(record, service, api).and_then(|api| api.keys());
    match keys {
        Ok(keys) => {
            let (mine, others): (Vec<_>, Vec<_>) = keys
                .into_iter()
                .partition(|k| line.is_some_and(|l| k.is(l)));
            listed.remote = Some(if mine.is_empty() {
                "missing"
            } else {
                "on-host"
            });
            listed.remote_key = mine.into_iter().next();
            listed.others_on_host = others;
        }
        Err(error) => {
            listed.remote = Some("unknown");
            listed.remote_error = Some(error.to_string());
        }
    }
}
