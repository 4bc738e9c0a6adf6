//! Gitea and Forgejo: deploy keys and Actions secrets, from Gitea's
//! `templates/swagger/v1_json.tmpl` (Forgejo keeps the same operations):
//!
//! - `repoListKeys`: `GET /repos/{owner}/{repo}/keys` (`page`, `limit`;
//!   `Link` pages); `repoCreateKey`: `POST` with `CreateKeyOption` (`key`
//!   and `title` required, `read_only`), 201 `DeployKey` (`id`, `key`,
//!   `title`, `read_only`, `created_at`), 422 when the key is taken;
//!   `repoDeleteKey`: `DELETE …/keys/{id}`, 204. No operation changes a
//!   title.
//! - `updateRepoSecret`: `PUT /repos/{owner}/{repo}/actions/secrets/{secretname}`
//!   with `CreateOrUpdateSecretOption` (`data` required), 201 created or
//!   204 updated.
//!
//! The token goes as `Authorization: token …`.

use serde_json::{Value, json};

use super::{Api, Operation, RemoteKey, SecretRequest, StoredSecret, owner_repo, segment, text};
use crate::error::Result;

pub(super) const PERMISSION: &str =
    "admin rights on the repository and a token with the write:repository scope";

pub(super) const IN_USE: &str = "Gitea takes each key once: it is a deploy key of another \
    repository or a user's key; make a new key for this repository (--force)";

/// A `DeployKey` object.
pub(super) fn key(item: &Value) -> Option<RemoteKey> {
    Some(RemoteKey {
        id: item["id"].as_u64()?,
        label: text(item, "title").unwrap_or_default(),
        key: text(item, "key")?,
        read_only: item["read_only"].as_bool(),
        added: text(item, "created_at"),
        last_used: None,
    })
}

pub(super) fn store_secret(api: &Api, secret: &SecretRequest) -> Result<StoredSecret> {
    let answer = api.call(
        Operation::StoreSecret,
        "PUT",
        &format!(
            "/repos/{}/actions/secrets/{}",
            owner_repo(&api.repo),
            segment(secret.name)
        ),
        Some(&json!({ "data": secret.private_text })),
    )?;
    Ok(StoredSecret {
        kind: "actions-secret",
        name: Some(secret.name.to_owned()),
        repository: api.repo.clone(),
        replaced: answer.status == 204,
        usage: Some(format!("${{{{ secrets.{} }}}}", secret.name)),
    })
}
