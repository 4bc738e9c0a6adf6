//! GitHub and GitHub Enterprise Server: deploy keys and Actions secrets,
//! from `github/rest-api-description`,
//! `descriptions/api.github.com/api.github.com.yaml`:
//!
//! - `repos/list-deploy-keys`: `GET /repos/{owner}/{repo}/keys`
//!   (`per_page` ≤ 100, `Link` pages); `repos/create-deploy-key`: `POST`
//!   with `title`, `key` (required), `read_only`, 201 `deploy-key` (`id`,
//!   `key`, `title`, `read_only`, `created_at`, `last_used`), 422 when the
//!   key is taken; `repos/delete-deploy-key`: `DELETE …/keys/{key_id}`, 204.
//!   There is no operation that changes a title.
//! - `actions/get-repo-public-key`: `GET
//!   /repos/{owner}/{repo}/actions/secrets/public-key` (`key_id`, `key`:
//!   a base64 X25519 key); `actions/create-or-update-repo-secret`: `PUT
//!   …/actions/secrets/{secret_name}` with `encrypted_value` (a libsodium
//!   sealed box, base64) and `key_id`, 201 created or 204 updated.
//!
//! Requests carry `Accept: application/vnd.github+json` and
//! `X-GitHub-Api-Version: 2022-11-28`, as GitHub asks.

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};

use super::{Api, Operation, RemoteKey, SecretRequest, StoredSecret, owner_repo, segment, text};
use crate::error::{Error, Result};

pub(super) const HEADERS: &[(&str, &str)] = &[
    ("Accept", "application/vnd.github+json"),
    ("X-GitHub-Api-Version", "2022-11-28"),
];

pub(super) const IN_USE: &str = "on GitHub a deploy key serves one repository only, and a key on \
    a user's account cannot be a deploy key: make a new key for this repository (--force), or \
    remove the key where it is";

pub(super) fn permission(operation: Operation) -> &'static str {
    match operation {
        Operation::StoreSecret => {
            "the repository permission \"Secrets: write\" (fine-grained token) or the repo scope \
             (classic token)"
        }
        _ => {
            "the repository permission \"Administration: write\" (fine-grained token) or the repo \
             scope (classic token), as a repository admin"
        }
    }
}

/// A `deploy-key` object.
pub(super) fn key(item: &Value) -> Option<RemoteKey> {
    Some(RemoteKey {
        id: item["id"].as_u64()?,
        label: text(item, "title").unwrap_or_default(),
        key: text(item, "key")?,
        read_only: item["read_only"].as_bool(),
        added: text(item, "created_at"),
        last_used: text(item, "last_used"),
    })
}

/// Seals `message` to the repository's public key (base64), as
/// libsodium's `crypto_box_seal` does.
pub fn seal(public_key_base64: &str, message: &[u8]) -> Result<String> {
    let bytes = Base64::decode_vec(public_key_base64.trim()).map_err(|_| {
        Error::Refused("GitHub gave a repository public key that is not base64".to_owned())
    })?;
    let key = crypto_box::PublicKey::from_slice(&bytes).map_err(|_| {
        Error::Refused(format!(
            "GitHub gave a repository public key of {} bytes, not 32",
            bytes.len()
        ))
    })?;
    let sealed = key
        .seal(&mut crypto_box::aead::OsRng, message)
        .map_err(|_| Error::Refused("cannot seal the secret".to_owned()))?;
    Ok(Base64::encode_string(&sealed))
}

pub(super) fn store_secret(api: &Api, secret: &SecretRequest) -> Result<StoredSecret> {
    let base = format!("/repos/{}/actions/secrets", owner_repo(&api.repo));
    let answer = api.call(
        Operation::StoreSecret,
        "GET",
        &format!("{base}/public-key"),
        None,
    )?;
    let json = answer.json()?;
    let (Some(key_id), Some(key)) = (json["key_id"].as_str(), json["key"].as_str()) else {
        return Err(Error::Refused(
            "GitHub's answer for the repository public key has no key_id and key".to_owned(),
        ));
    };
    let encrypted = seal(key, secret.private_text.as_bytes())?;
    let answer = api.call(
        Operation::StoreSecret,
        "PUT",
        &format!("{base}/{}", segment(secret.name)),
        Some(&json!({ "encrypted_value": encrypted, "key_id": key_id })),
    )?;
    Ok(StoredSecret {
        kind: "actions-secret",
        name: Some(secret.name.to_owned()),
        repository: api.repo.clone(),
        replaced: answer.status == 204,
        usage: Some(format!(
            "ssh-private-key: ${{{{ secrets.{} }}}}   # e.g. webfactory/ssh-agent, or write it to \
             ~/.ssh/id_ed25519 with mode 600",
            secret.name
        )),
    })
}
