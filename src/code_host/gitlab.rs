//! GitLab.com and self-managed GitLab: project deploy keys and CI/CD
//! variables, from GitLab's `doc/api/openapi/openapi_v2.yaml` and its
//! deploy keys and project variables API pages:
//!
//! - `GET /projects/{id}/deploy_keys` (`id` the URL-encoded path;
//!   `per_page` ≤ 100, `Link` pages); `POST` with `key`, `title`
//!   (required), `can_push`, `expires_at`, 201 (`id`, `title`, `key`,
//!   `created_at`, `expires_at`, `can_push`); a key that is a deploy key
//!   of another project the user can see is joined to this one, one they
//!   cannot see is refused, 400;
//!   `PUT /projects/{id}/deploy_keys/{key_id}` with `title`, 200;
//!   `DELETE …/{key_id}`, 204.
//! - `POST /projects/{id}/variables` with `key`, `value`,
//!   `variable_type: file`, `protected`, 201, or 400 when the key exists;
//!   then `PUT /projects/{id}/variables/{key}`, 200.
//!
//! The token goes as `PRIVATE-TOKEN`.

use serde_json::{Value, json};

use super::{Api, Operation, RemoteKey, SecretRequest, StoredSecret, segment, text};
use crate::error::Result;

pub(super) const PERMISSION: &str =
    "the Maintainer role on the project and a token with the api scope";

pub(super) const IN_USE: &str = "the key is a deploy key of a GitLab project this token cannot \
    see (GitLab adds an existing deploy key to another project only for someone who can see the \
    project that has it): ask a maintainer of that project, or an administrator, to enable it \
    here, or make a new key for this project (--force)";

pub(super) fn keys_path(project: &str) -> String {
    format!("/projects/{project}/deploy_keys")
}

/// A deploy key object.
pub(super) fn key(item: &Value) -> Option<RemoteKey> {
    Some(RemoteKey {
        id: item["id"].as_u64()?,
        label: text(item, "title").unwrap_or_default(),
        key: text(item, "key")?,
        read_only: item["can_push"].as_bool().map(|push| !push),
        added: text(item, "created_at"),
        last_used: None,
    })
}

pub(super) fn add_body(label: &str, key: &str, write: bool) -> Value {
    json!({ "title": label, "key": key, "can_push": write })
}

pub(super) fn store_secret(api: &Api, secret: &SecretRequest) -> Result<StoredSecret> {
    let base = format!("/projects/{}/variables", segment(&api.repo));
    let body = json!({
        "key": secret.name,
        "value": secret.private_text,
        "variable_type": "file",
        "protected": true,
    });
    let created = api.client.send("POST", &base, Some(&body), &[])?;
    let replaced = match created.status {
        201 | 200 => false,
        400 if super::message_of(&created)
            .is_some_and(|m| m.contains("has already been taken")) =>
        {
            api.call(
                Operation::StoreSecret,
                "PUT",
                &format!("{base}/{}", segment(secret.name)),
                Some(&body),
            )?;
            true
        }
        _ => return Err(api.failure(Operation::StoreSecret, &created)),
    };
    Ok(StoredSecret {
        kind: "ci-variable",
        name: Some(secret.name.to_owned()),
        repository: api.repo.clone(),
        replaced,
        usage: Some(format!(
            "before_script: chmod 600 \"${0}\" && ssh-add \"${0}\"   # a protected file variable: \
             protected branches and tags only",
            secret.name
        )),
    })
}
