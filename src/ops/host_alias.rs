//! `Host` aliases in the user's ssh config: the file read and edited as
//! every text file sshgen edits ([`store`]), with the text work in
//! [`crate::ssh_config`]. `config add|remove`, `generate --host` and
//! `access-key` add their aliases here; `doctor` and `known-hosts`
//! evaluate the config through [`read`] and [`included`].

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::platform::{self, Access};
use crate::ssh_config::{self, EditError, HostEntry};
use crate::store;

/// `~/.ssh/config`.
pub fn default_file() -> Result<PathBuf> {
    Ok(platform::ssh_dir()?.join("config"))
}

/// What to say once `written`, a file under sshgen's home, is written,
/// when that home is not the one ssh and git read
/// ([`platform::ForeignHome`]).
pub fn foreign_home_note(written: &Path) -> Option<String> {
    platform::ForeignHome::detect()
        .filter(|foreign| written.starts_with(&foreign.home))
        .map(|foreign| foreign.note())
}

/// The text of the config `file`, read as every text file sshgen edits
/// is ([`store::read_text_file`]); `None` when there is none.
pub fn read(file: &Path) -> Result<Option<String>> {
    store::read_text_file(file)
}

/// Refuses an alias that ssh would read as a pattern or as several names.
pub fn check_alias(alias: &str) -> Result<()> {
    Ok(ssh_config::check_alias(alias)?)
}

/// The block for `alias`, its `IdentityFile` named as ssh will find it;
/// every value checked as [`ssh_config::add`] checks it, so that nothing
/// is made before a value is refused.
pub fn entry(
    alias: &str,
    hostname: &str,
    user: Option<String>,
    port: Option<u16>,
    identity: &Path,
) -> Result<HostEntry> {
    check_alias(alias)?;
    if !identity.exists() {
        return Err(Error::Usage(format!(
            "{} does not exist; make the key first (sshgen -f {})",
            identity.display(),
            identity.display()
        )));
    }
    let entry = HostEntry {
        alias: alias.to_owned(),
        hostname: hostname.to_owned(),
        user,
        port: port.filter(|p| *p != 22),
        identity: platform::ssh_config_path(identity),
    };
    entry.check()?;
    Ok(entry)
}

/// The files an `Include` argument of the user's config names, as ssh
/// finds them: `~/` from the home folder, a relative path from `~/.ssh`,
/// `*` and `?` in the last part matched against that folder's names (in
/// order). Each is read as the config is; one that cannot be read is
/// passed over, as ssh passes over a missing one.
pub fn included(pattern: &str) -> Vec<(PathBuf, String)> {
    let Ok(ssh_dir) = platform::ssh_dir() else {
        return Vec::new();
    };
    let path = match pattern.strip_prefix("~/") {
        Some(rest) => match platform::home_dir() {
            Ok(home) => home.join(rest),
            Err(_) => return Vec::new(),
        },
        None => ssh_dir.join(pattern),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let paths: Vec<PathBuf> = if name.contains(['*', '?']) {
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                crate::known_hosts::wildcard_match(&name, &e.file_name().to_string_lossy(), false)
            })
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    } else {
        vec![path]
    };
    paths
        .into_iter()
        .filter_map(|p| Some((p.clone(), read(&p).ok()??)))
        .collect()
}

/// Adds `entry` to `file` (created 0600 when missing), where ssh takes
/// it: before every block that applies to the alias, and refused when a
/// line ssh reads before any block (the file's first lines, or a file
/// they include) sets one of its options otherwise. An `IdentityFile`
/// there is returned as a warning to say: ssh offers it first.
pub fn add(file: &Path, entry: &HostEntry, force: bool) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        let evaluation = ssh_config::evaluate(file, text, &entry.alias, &mut included);
        warnings = evaluation
            .global
            .iter()
            .filter(|s| s.keyword == "identityfile")
            .map(|setting| {
                format!(
                    "{} offers IdentityFile {} to every host, before the key of Host {}",
                    setting.source, setting.value, entry.alias
                )
            })
            .collect();
        ssh_config::add(text, entry, force, &evaluation.global)
            .map(Some)
            .map_err(|e| edit_error(e, &entry.alias, file))
    })?;
    Ok(warnings)
}

/// Removes every `Host` block of `alias` from `file`; returns how many
/// there were.
pub fn remove(file: &Path, alias: &str) -> Result<usize> {
    let mut count = 0;
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        count = ssh_config::blocks(text)
            .iter()
            .filter(|b| !b.is_match && b.patterns.iter().any(|p| p == alias))
            .count();
        ssh_config::remove(text, alias)
            .map(Some)
            .map_err(|e| edit_error(e, alias, file))
    })?;
    Ok(count)
}

/// The first `Host` alias in `file` that reaches `host` on `port`: its
/// `HostName` (or, without one, its own name) is `host`, and its `Port`
/// (22 without one) is `port`. For keeping a host key that another alias
/// still needs.
pub fn reaching(file: &Path, host: &str, port: u16) -> Result<Option<String>> {
    let Some(text) = read(file)? else {
        return Ok(None);
    };
    Ok(ssh_config::blocks(&text).into_iter().find_map(|block| {
        let alias = block.plain_alias()?;
        let name = block.value("hostname").unwrap_or(alias);
        let its_port = block.value("port").map_or(Some(22), |p| p.parse().ok());
        (name.eq_ignore_ascii_case(host) && its_port == Some(port)).then(|| alias.to_owned())
    }))
}

pub fn byte_order_mark(file: &Path) -> String {
    format!(
        "{} starts with a UTF-8 byte-order mark, which ssh cannot read (\"Bad configuration \
         option\"); save it without one",
        file.display()
    )
}

fn edit_error(error: EditError, alias: &str, file: &Path) -> Error {
    match error {
        EditError::Exists { line } => Error::Refused(format!(
            "{}:{line} has a Host {alias} already; pass --force to replace it, or choose \
             another alias",
            file.display()
        )),
        EditError::NotFound => Error::Refused(format!(
            "{} has no Host {alias}; `sshgen config list` shows the aliases it has",
            file.display()
        )),
        EditError::Shared { lines } => Error::Refused(format!(
            "{} names {alias} together with other hosts on line{} {}; edit {} by hand",
            file.display(),
            if lines.len() > 1 { "s" } else { "" },
            lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            if lines.len() > 1 { "them" } else { "it" }
        )),
        EditError::Value(bad) => Error::Usage(bad.to_string()),
        EditError::Overridden(o) => Error::Refused(format!(
            "{} sets {} {} for {alias} before any Host block, and ssh keeps the first value it \
             obtains, so Host {alias} would not get {}; {}",
            o.setting.source,
            o.setting.keyword,
            o.setting.value,
            o.wanted,
            if o.setting.certainty == ssh_config::Applies::Maybe {
                "that Match block may apply; move the Host block above it by hand"
            } else {
                "move that line into a Host block, or below the new one"
            }
        )),
        EditError::ByteOrderMark => Error::Refused(byte_order_mark(file)),
    }
}

/// `host` and `port` as ssh looks them up in the user's ssh config: a
/// `Host` alias becomes its `HostName`, and its `Port` when `-p` was left
/// at 22; a host the config says nothing of, or a name that cannot be
/// an alias, stays as it is.
pub fn resolve(host: &str, port: u16) -> Result<(String, u16)> {
    let unchanged = Ok((host.to_owned(), port));
    if ssh_config::check_alias(host).is_err() {
        return unchanged;
    }
    // A config that cannot be read resolves nothing (ssh could not read
    // it either); the host is taken as given.
    let config = default_file()?;
    let Some(text) = read(&config).ok().flatten() else {
        return unchanged;
    };
    let evaluation = ssh_config::evaluate(&config, &text, host, &mut included);
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
