//! Bitbucket Cloud: repository access keys and Pipelines' SSH key pair and
//! known hosts, from Atlassian's `swagger.v3.json`:
//!
//! - `GET /2.0/repositories/{workspace}/{repo_slug}/deploy-keys`
//!   (a paginated object: `values`, `next`; `pagelen`); `POST` with `key`
//!   and `label`, 200 `deploy_key` (`id`, `key`, `label`, `comment`,
//!   `added_on`, `last_used`), 400 when the key is taken; `PUT
//!   …/deploy-keys/{key_id}` with `label` and the unchanged `key`, 200;
//!   `DELETE …/deploy-keys/{key_id}`, 204. Access keys are read-only.
//! - `GET …/pipelines_config/ssh/key_pair` (`public_key`; 404 when none);
//!   `PUT` with `private_key` and `public_key`, 200.
//! - `GET …/pipelines_config/ssh/known_hosts` (paginated
//!   `pipeline_known_host`s: `hostname`, `public_key` with `key_type` and
//!   `key`); `POST` with `hostname` and `public_key`, 201.
//!
//! The token goes as `Authorization: Bearer` (an access token) or HTTP
//! Basic (an Atlassian account's e-mail and API token).

use serde_json::{Value, json};

use super::{Api, Operation, RemoteKey, SecretRequest, StoredSecret, owner_repo, text};
use crate::error::{Error, Result};

pub(super) const IN_USE: &str = "Bitbucket takes each key once: it is registered as an access \
    key of another repository, or as a user's or workspace's SSH key; make a new key for this \
    repository (--force), or remove it there";

pub(super) fn permission(operation: Operation) -> &'static str {
    match operation {
        Operation::StoreSecret => {
            "admin on the repository (an access token with admin:repository:bitbucket and \
             admin:pipeline:bitbucket)"
        }
        _ => {
            "admin on the repository (an access token with admin:repository:bitbucket and \
             write:ssh-key:bitbucket, or an API token with the same scopes)"
        }
    }
}

pub(super) fn keys_path(owner_repo: &str) -> String {
    format!("/2.0/repositories/{owner_repo}/deploy-keys")
}

/// One page: its `values` and the `next` page's address.
pub(super) fn page(json: &Value) -> (Vec<Value>, Option<String>) {
    (
        json["values"].as_array().cloned().unwrap_or_default(),
        text(json, "next"),
    )
}

/// A `deploy_key` object.
pub(super) fn key(item: &Value) -> Option<RemoteKey> {
    Some(RemoteKey {
        id: item["id"].as_u64()?,
        label: text(item, "label").unwrap_or_default(),
        key: text(item, "key")?,
        read_only: Some(true),
        added: text(item, "added_on"),
        last_used: text(item, "last_used"),
    })
}

pub(super) fn add_body(label: &str, key: &str) -> Value {
    json!({ "key": key, "label": label })
}

pub(super) fn relabel_body(label: &str, key: &str) -> Value {
    json!({ "key": key, "label": label })
}

/// Pipelines' key pair of the repository, if it has one: its public key.
pub fn pipelines_public_key(api: &Api) -> Result<Option<String>> {
    let path = format!(
        "/2.0/repositories/{}/pipelines_config/ssh/key_pair",
        owner_repo(&api.repo)
    );
    let answer = api.client.send("GET", &path, None, &[])?;
    match answer.status {
        404 => Ok(None),
        200 => Ok(text(&answer.json()?, "public_key")),
        _ => Err(api.failure(Operation::StoreSecret, &answer)),
    }
}

pub(super) fn store_key_pair(api: &Api, secret: &SecretRequest) -> Result<StoredSecret> {
    let base = format!(
        "/2.0/repositories/{}/pipelines_config/ssh",
        owner_repo(&api.repo)
    );
    // A pair already there with this public key is this one: nothing to do.
    let current = pipelines_public_key(api)?;
    let unchanged = current
        .as_deref()
        .is_some_and(|key| super::same_key(key, secret.public_line));
    if !unchanged {
        api.call(
            Operation::StoreSecret,
            "PUT",
            &format!("{base}/key_pair"),
            Some(&json!({
                "private_key": secret.private_text,
                "public_key": secret.public_line,
            })),
        )?;
    }
    if let Some((host, lines)) = secret.known_host {
        let recorded = api.list(
            Operation::StoreSecret,
            format!("{base}/known_hosts?pagelen=100"),
        )?;
        for line in lines.iter() {
            let mut fields = line.split_whitespace();
            let (Some(key_type), Some(key)) = (fields.next(), fields.next()) else {
                return Err(Error::Refused(format!("not a host key line: {line}")));
            };
            if recorded.iter().any(|known| {
                known["hostname"] == host
                    && known["public_key"]["key_type"] == key_type
                    && known["public_key"]["key"] == key
            }) {
                continue;
            }
            api.call(
                Operation::StoreSecret,
                "POST",
                &format!("{base}/known_hosts"),
                Some(&json!({
                    "hostname": host,
                    "public_key": { "key_type": key_type, "key": key },
                })),
            )?;
        }
    }
    Ok(StoredSecret {
        kind: "pipelines-key-pair",
        name: None,
        repository: api.repo.clone(),
        replaced: current.is_some() && !unchanged,
        usage: None,
    })
}
