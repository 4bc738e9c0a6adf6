//! The code hosts' REST APIs for a repository's access keys and for the
//! build service's copy of the private key: list, add, relabel and delete
//! deploy keys, and store a CI secret. One [`Api`] per repository; what
//! differs between hosts (paths, bodies, pages, permissions, what "already
//! in use" means) lives in one module per host, each written from that
//! host's published API description:
//!
//! - [`bitbucket`]: Bitbucket Cloud (`swagger.v3.json`).
//! - [`github`]: GitHub and GitHub Enterprise Server (`api.github.com.yaml`).
//! - [`gitlab`]: GitLab.com and self-managed GitLab (`openapi_v2.yaml`).
//! - [`gitea`]: Gitea and Forgejo (`v1_json.tmpl`).
//! - [`token`]: where the token comes from (never an argument's value).
//!
//! Requests go through [`crate::http`]; nothing here prints.

pub mod bitbucket;
pub mod gitea;
pub mod github;
pub mod gitlab;
pub mod token;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::{Answer, Client};
use crate::services::Service;

/// The most pages of one listing read (100 keys a page at least).
const MAX_PAGES: usize = 100;

/// An access key as the host lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RemoteKey {
    pub id: u64,
    pub label: String,
    /// `TYPE BASE64`, without a comment.
    pub key: String,
    /// `Some(false)` when the key may push.
    pub read_only: Option<bool>,
    pub added: Option<String>,
    pub last_used: Option<String>,
}

impl RemoteKey {
    /// Whether this is the key `line` (`TYPE BASE64 [COMMENT]`), by its
    /// type and body, never by label.
    pub fn is(&self, line: &str) -> bool {
        same_key(&self.key, line)
    }
}

/// Whether two public key lines (`TYPE BASE64 [COMMENT]`) hold the same
/// key: the same type and body, whatever their comments.
pub fn same_key(a: &str, b: &str) -> bool {
    body(a) == body(b) && !body(b).1.is_empty()
}

/// A key line's type and base64 body.
fn body(line: &str) -> (&str, &str) {
    let mut fields = line.split_whitespace();
    (
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
    )
}

/// What one API operation is, for messages about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    ListKeys,
    AddKey,
    DeleteKey,
    RelabelKey,
    StoreSecret,
}

impl Operation {
    fn describe(self) -> &'static str {
        match self {
            Operation::ListKeys => "listing the access keys",
            Operation::AddKey => "adding the access key",
            Operation::DeleteKey => "deleting the access key",
            Operation::RelabelKey => "changing the key's label",
            Operation::StoreSecret => "storing the private key for the builds",
        }
    }
}

/// Where the private key goes for the builds, as the host stored it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredSecret {
    /// `pipelines-key-pair`, `actions-secret`, `ci-variable`; or
    /// `pipelines-own-key-pair` when the pipeline keeps a key pair of its
    /// own, whose public key was made an access key instead.
    pub kind: &'static str,
    /// The secret's or variable's name (none for Pipelines' key pair).
    pub name: Option<String>,
    /// The repository whose builds read it.
    pub repository: String,
    /// Whether it replaced one of the same name.
    pub replaced: bool,
    /// A line for the build's configuration that uses it.
    pub usage: Option<String>,
}

/// One repository's API.
pub struct Api {
    pub service: Service,
    pub repo: String,
    client: Client,
    /// Where the token came from: named in errors, never the token.
    token_source: String,
}

/// `text` as one path segment: unreserved characters kept, every other
/// byte `%XX`.
pub fn segment(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `OWNER/REPO` as two path segments.
fn owner_repo(repo: &str) -> String {
    repo.split('/').map(segment).collect::<Vec<_>>().join("/")
}

impl Api {
    pub fn new(service: Service, repo: &str, client: Client, token_source: String) -> Api {
        Api {
            service,
            repo: repo.to_owned(),
            client,
            token_source,
        }
    }

    /// The API's base address, for reports.
    pub fn base(&self) -> &str {
        self.client.base()
    }

    fn keys_path(&self) -> String {
        match self.service {
            Service::Bitbucket => bitbucket::keys_path(&owner_repo(&self.repo)),
            Service::Github | Service::Gitea => format!("/repos/{}/keys", owner_repo(&self.repo)),
            Service::Gitlab => gitlab::keys_path(&segment(&self.repo)),
            Service::AzureDevops | Service::Ssh => String::new(),
        }
    }

    fn key_path(&self, id: u64) -> String {
        format!("{}/{id}", self.keys_path())
    }

    /// Sends a request and turns a failure status into an error that says
    /// what to do.
    fn call(
        &self,
        operation: Operation,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer> {
        let headers: &[(&str, &str)] = match self.service {
            Service::Github => github::HEADERS,
            _ => &[],
        };
        let answer = self.client.send(method, path, body, headers)?;
        if answer.success() {
            Ok(answer)
        } else {
            Err(self.failure(operation, &answer))
        }
    }

    /// The error for a failed answer.
    pub fn failure(&self, operation: Operation, answer: &Answer) -> Error {
        let said = message_of(answer);
        let host = self.service.label();
        let repo = &self.repo;
        let what = operation.describe();
        let message = match answer.status {
            401 => format!(
                "{host} did not accept the token from {} (401) when {what}: it is wrong, \
                 expired or revoked",
                self.token_source
            ),
            403 => format!(
                "{host} refused {what} on {repo} to the token from {} (403{}): it needs {}",
                self.token_source,
                said.as_deref()
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default(),
                self.permission(operation)
            ),
            404 => format!(
                "{host} has no repository {repo} that the token from {} can see (404 when {what}): \
                 check the name, and that the token may read it",
                self.token_source
            ),
            status if operation == Operation::AddKey && in_use(status, said.as_deref()) => {
                format!(
                    "{host} refused the key ({status}: {}): {}",
                    said.as_deref().unwrap_or("already in use"),
                    self.in_use_reason()
                )
            }
            status => format!(
                "{host} answered {status} when {what} on {repo}{}",
                said.as_deref()
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default()
            ),
        };
        Error::Refused(message)
    }

    fn permission(&self, operation: Operation) -> &'static str {
        match self.service {
            Service::Bitbucket => bitbucket::permission(operation),
            Service::Github => github::permission(operation),
            Service::Gitlab => gitlab::PERMISSION,
            Service::Gitea => gitea::PERMISSION,
            Service::AzureDevops | Service::Ssh => "",
        }
    }

    fn in_use_reason(&self) -> &'static str {
        match self.service {
            Service::Bitbucket => bitbucket::IN_USE,
            Service::Github => github::IN_USE,
            Service::Gitlab => gitlab::IN_USE,
            Service::Gitea => gitea::IN_USE,
            Service::AzureDevops | Service::Ssh => "",
        }
    }

    /// Every access key of the repository, across pages.
    pub fn keys(&self) -> Result<Vec<RemoteKey>> {
        let first = match self.service {
            Service::Bitbucket => "?pagelen=100",
            Service::Gitea => "?limit=50",
            _ => "?per_page=100",
        };
        let items = self.list(Operation::ListKeys, format!("{}{first}", self.keys_path()))?;
        items.iter().map(|item| self.parse_key(item)).collect()
    }

    /// Every item of a listing that starts at `first`, across the host's
    /// pages: Bitbucket's `next`, or the `Link` header's.
    fn list(&self, operation: Operation, first: String) -> Result<Vec<Value>> {
        let mut next = Some(first);
        let mut items = Vec::new();
        for _ in 0..MAX_PAGES {
            let Some(page) = next.take() else {
                return Ok(items);
            };
            let answer = self.call(operation, "GET", &page, None)?;
            let json = answer.json()?;
            let (page_items, page_next) = match self.service {
                Service::Bitbucket => bitbucket::page(&json),
                _ => (json.as_array().cloned().unwrap_or_default(), None),
            };
            next = page_next.or(answer.next);
            items.extend(page_items);
        }
        Err(Error::Refused(format!(
            "{} listed more than {MAX_PAGES} pages when {} of {}",
            self.service.label(),
            operation.describe(),
            self.repo
        )))
    }

    fn parse_key(&self, item: &Value) -> Result<RemoteKey> {
        let key = match self.service {
            Service::Bitbucket => bitbucket::key(item),
            Service::Github => github::key(item),
            Service::Gitlab => gitlab::key(item),
            Service::Gitea => gitea::key(item),
            Service::AzureDevops | Service::Ssh => None,
        };
        key.ok_or_else(|| {
            Error::Refused(format!(
                "{} listed an access key sshgen cannot read (no id or key)",
                self.service.label()
            ))
        })
    }

    /// Adds `line` under `label`; read-only unless `write`.
    pub fn add(&self, label: &str, line: &str, write: bool) -> Result<RemoteKey> {
        let (type_, base64) = body(line);
        let key = format!("{type_} {base64}");
        let request = match self.service {
            Service::Bitbucket => bitbucket::add_body(label, &key),
            Service::Gitlab => gitlab::add_body(label, &key, write),
            _ => serde_json::json!({ "title": label, "key": key, "read_only": !write }),
        };
        let answer = self.call(Operation::AddKey, "POST", &self.keys_path(), Some(&request))?;
        self.parse_key(&answer.json()?)
    }

    /// Deletes the key with `id`; a key already gone is no error.
    pub fn delete(&self, id: u64) -> Result<()> {
        let answer = self
            .client
            .send("DELETE", &self.key_path(id), None, self.headers())?;
        match answer.status {
            status if (200..300).contains(&status) || status == 404 => Ok(()),
            _ => Err(self.failure(Operation::DeleteKey, &answer)),
        }
    }

    fn headers(&self) -> &'static [(&'static str, &'static str)] {
        match self.service {
            Service::Github => github::HEADERS,
            _ => &[],
        }
    }

    /// Gives `key` the label `label`, where the host can.
    pub fn relabel(&self, key: &RemoteKey, label: &str) -> Result<RemoteKey> {
        let (method, request) = match self.service {
            Service::Bitbucket => ("PUT", bitbucket::relabel_body(label, &key.key)),
            Service::Gitlab => ("PUT", serde_json::json!({ "title": label })),
            Service::Github | Service::Gitea | Service::AzureDevops | Service::Ssh => {
                return Err(Error::Refused(format!(
                    "{} cannot change a deploy key's title; `sshgen access-key rotate` adds a new \
                     key under a new label",
                    self.service.label()
                )));
            }
        };
        let answer = self.call(
            Operation::RelabelKey,
            method,
            &self.key_path(key.id),
            Some(&request),
        )?;
        self.parse_key(&answer.json()?)
    }

    /// Stores the private key `private_text` where the builds of this
    /// repository read it.
    pub fn store_secret(&self, secret: &SecretRequest) -> Result<StoredSecret> {
        match self.service {
            Service::Github => github::store_secret(self, secret),
            Service::Gitlab => gitlab::store_secret(self, secret),
            Service::Gitea => gitea::store_secret(self, secret),
            Service::Bitbucket => bitbucket::store_key_pair(self, secret),
            Service::AzureDevops | Service::Ssh => Err(Error::Refused(
                "Azure DevOps has no API for pipeline secret files".to_owned(),
            )),
        }
    }
}

impl Api {
    /// Deletes the builds' copy of a private key: the secret or variable
    /// `name`, or Pipelines' key pair. One already gone is no error.
    pub fn delete_secret(&self, name: Option<&str>) -> Result<()> {
        let repo = owner_repo(&self.repo);
        let name = segment(name.unwrap_or_default());
        let path = match self.service {
            Service::Github | Service::Gitea => format!("/repos/{repo}/actions/secrets/{name}"),
            Service::Gitlab => format!("/projects/{}/variables/{name}", segment(&self.repo)),
            Service::Bitbucket => {
                format!("/2.0/repositories/{repo}/pipelines_config/ssh/key_pair")
            }
            Service::AzureDevops | Service::Ssh => return Ok(()),
        };
        let answer = self.client.send("DELETE", &path, None, self.headers())?;
        match answer.status {
            status if (200..300).contains(&status) || status == 404 => Ok(()),
            _ => Err(self.failure(Operation::StoreSecret, &answer)),
        }
    }
}

/// What goes into the build service.
pub struct SecretRequest<'a> {
    /// The secret's name (GitHub, Gitea) or the variable's key (GitLab).
    pub name: &'a str,
    /// The OpenSSH private key text, LF line ends and a final newline.
    pub private_text: &'a str,
    /// Its public key line (Bitbucket's key pair holds both).
    pub public_line: &'a str,
    /// The SSH host and its key lines, for Pipelines' known hosts when it
    /// is not the service's own.
    pub known_host: Option<(&'a str, &'a [String])>,
}

/// Whether a failed add says the key is taken.
fn in_use(status: u16, said: Option<&str>) -> bool {
    let said = said.unwrap_or_default().to_ascii_lowercase();
    matches!(status, 400 | 409 | 422)
        && ["already", "in use", "taken", "been used", "exists"]
            .iter()
            .any(|word| said.contains(word))
}

/// The host's own words from an error body: `message`, `error.message`,
/// `errors[].message`, or the strings of a `message` object (GitLab's
/// per-field errors), one line, escaped.
fn message_of(answer: &Answer) -> Option<String> {
    let json = answer.json().ok()?;
    let mut parts = Vec::new();
    collect_messages(&json["message"], "", &mut parts);
    collect_messages(&json["error"]["message"], "", &mut parts);
    if let Some(errors) = json["errors"].as_array() {
        for error in errors {
            collect_messages(&error["message"], "", &mut parts);
            if let Some(text) = error.as_str() {
                parts.push(text.to_owned());
            }
        }
    }
    if let Some(text) = json["error"].as_str() {
        parts.push(text.to_owned());
    }
    let joined = parts.join("; ");
    let line: String = joined.chars().take(300).collect();
    (!line.is_empty()).then(|| crate::render::visible_line(&line, true).into_owned())
}

fn collect_messages(value: &Value, field: &str, parts: &mut Vec<String>) {
    match value {
        Value::String(text) if field.is_empty() => parts.push(text.clone()),
        Value::String(text) => parts.push(format!("{field} {text}")),
        Value::Array(items) => {
            for item in items {
                collect_messages(item, field, parts);
            }
        }
        Value::Object(map) => {
            for (name, item) in map {
                collect_messages(item, name, parts);
            }
        }
        _ => {}
    }
}

/// A string field, or `None`.
fn text(item: &Value, field: &str) -> Option<String> {
    item[field].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_key_is_matched_by_body_not_comment_or_label() {
        let key = RemoteKey {
            id: 1,
            label: "x".to_owned(),
            key: "ssh-ed25519 AAAAC3Nz".to_owned(),
            read_only: None,
            added: None,
            last_used: None,
        };
        assert!(key.is("ssh-ed25519 AAAAC3Nz deploy key on box"));
        assert!(!key.is("ssh-ed25519 AAAAC3Ny"));
        assert!(!key.is(""));
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(segment("acme/widget"), "acme%2Fwidget");
        assert_eq!(owner_repo("acme/wid get"), "acme/wid%20get");
    }

    #[test]
    fn the_hosts_words_are_read_from_each_error_shape() {
        let answer = |body: &str| Answer {
            status: 422,
            next: None,
            body: body.as_bytes().to_vec(),
        };
        assert_eq!(
            message_of(&answer(
                r#"{"message":"Validation Failed","errors":[{"resource":"PublicKey","code":"custom","field":"key","message":"key is already in use"}]}"#
            ))
            .as_deref(),
            Some("Validation Failed; key is already in use")
        );
        assert_eq!(
            message_of(&answer(
                r#"{"message":{"fingerprint_sha256":["has already been taken"]}}"#
            ))
            .as_deref(),
            Some("fingerprint_sha256 has already been taken")
        );
        assert_eq!(
            message_of(&answer(
                r#"{"type":"error","error":{"message":"Someone has already added that access key to this repository."}}"#
            ))
            .as_deref(),
            Some("Someone has already added that access key to this repository.")
        );
        assert_eq!(
            message_of(&answer("{\"message\":\"\\u001b[2Jhi\"}")).as_deref(),
            Some("\\033[2Jhi")
        );
    }
}
