//! The access keys sshgen made, one record each, in
//! `~/.ssh/sshgen-access-keys.json`: the service, repository, API base,
//! SSH host, alias, key file, label, and the build service's copy, so
//! that `rotate`, `label`, `remove` and `list --remote` need only `SERVICE
//! OWNER/REPO` (and the token). The file is sshgen's own: written whole,
//! atomically, private; read within a bound; a record that names a
//! service sshgen does not know is kept as it is.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::platform::{self, Access};
use crate::store;

/// The file's name in the ssh folder.
pub const FILE_NAME: &str = "sshgen-access-keys.json";
/// The most of the file read (thousands of records).
const MAX_BYTES: u64 = 4 << 20;

/// Where the build service keeps the private key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CiCopy {
    /// The repository whose builds read it.
    pub repository: String,
    /// `pipelines-key-pair`, `actions-secret`, `ci-variable`.
    pub kind: String,
    /// The secret's or variable's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One access key sshgen made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub service: String,
    pub repository: String,
    pub alias: String,
    pub key_file: PathBuf,
    pub hostname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    pub user: String,
    /// The API base, when the key was added through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    pub label: String,
    #[serde(default)]
    pub write: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci: Option<CiCopy>,
}

impl Record {
    pub fn is_for(&self, service: &str, repository: &str) -> bool {
        self.service == service && self.repository.eq_ignore_ascii_case(repository)
    }

    /// The public key line (`TYPE BASE64`) of the record's key, if its
    /// `.pub` is readable.
    pub fn public_line(&self) -> Option<String> {
        let input = crate::input::Input::File(platform::with_pub_suffix(&self.key_file));
        let entry = crate::input::one_public_key(&input).ok()?;
        let public = ssh_key::PublicKey::new(entry.key, "");
        crate::keys::public_key_line(&public).ok()
    }
}

#[derive(Default, Serialize, Deserialize)]
struct Document {
    version: u32,
    access_keys: Vec<Record>,
}

/// The records file of sshgen's home.
pub fn default_file() -> Result<PathBuf> {
    Ok(platform::ssh_dir()?.join(FILE_NAME))
}

/// Every record in `file` (none when it does not exist).
pub fn read(file: &Path) -> Result<Vec<Record>> {
    let text = match store::read_text_file(file)? {
        Some(text) => text,
        None => return Ok(Vec::new()),
    };
    parse(file, &text)
}

fn parse(file: &Path, text: &str) -> Result<Vec<Record>> {
    if text.len() as u64 > MAX_BYTES {
        return Err(Error::KeyFile {
            path: file.to_path_buf(),
            problem: format!("larger than {} MiB", MAX_BYTES >> 20),
        });
    }
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let document: Document = serde_json::from_str(text).map_err(|e| Error::KeyFile {
        path: file.to_path_buf(),
        problem: format!("not sshgen's access key records ({e}); move it aside to start afresh"),
    })?;
    Ok(document.access_keys)
}

fn render(records: Vec<Record>) -> String {
    let document = Document {
        version: 1,
        access_keys: records,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Adds `record`, replacing any of the same service and repository.
pub fn put(file: &Path, record: &Record) -> Result<()> {
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        let mut records = parse(file, text)?;
        records.retain(|r| !r.is_for(&record.service, &record.repository));
        records.push(record.clone());
        Ok::<_, Error>(Some(render(records)))
    })?;
    Ok(())
}

/// Removes the record of `service` and `repository`; says whether there
/// was one.
pub fn remove(file: &Path, service: &str, repository: &str) -> Result<bool> {
    let mut found = false;
    store::edit_text_file(file, Access::OwnerOnly, false, |text| {
        let mut records = parse(file, text)?;
        let before = records.len();
        records.retain(|r| !r.is_for(service, repository));
        found = records.len() != before;
        Ok::<_, Error>(found.then(|| render(records)))
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_unknown_fields_are_an_error_only_when_malformed() {
        let record = Record {
            service: "github".to_owned(),
            repository: "acme/widget".to_owned(),
            alias: "github-acme__widget".to_owned(),
            key_file: PathBuf::from("/h/.ssh/github-acme__widget"),
            hostname: "github.com".to_owned(),
            port: None,
            user: "git".to_owned(),
            api_url: Some("https://api.github.com".to_owned()),
            label: "deploy key acme/widget on box".to_owned(),
            write: false,
            ci: None,
        };
        let text = render(vec![record.clone()]);
        assert_eq!(parse(Path::new("f"), &text).unwrap(), vec![record.clone()]);
        assert!(record.is_for("github", "ACME/Widget"));
        assert!(parse(Path::new("f"), "{").is_err());
        assert!(parse(Path::new("f"), "").unwrap().is_empty());
    }
}
