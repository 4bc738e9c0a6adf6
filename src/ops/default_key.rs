//! The key a command takes when none is named: the first of the usual
//! files in `~/.ssh`, in OpenSSH's order of preference among the types
//! sshgen makes (`copy`, `copy --private`, `sign`, `git-signing`).

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::platform;

/// Public keys looked for, in this order: a security key's last, as it
/// asks for a touch at each use.
pub const PUBLIC_KEYS: &[&str] = &[
    "id_ed25519.pub",
    "id_ecdsa.pub",
    "id_rsa.pub",
    "id_ed25519_sk.pub",
    "id_ecdsa_sk.pub",
];

/// Private keys looked for, in this order.
pub const PRIVATE_KEYS: &[&str] = &[
    "id_ed25519",
    "id_ecdsa",
    "id_rsa",
    "id_ed25519_sk",
    "id_ecdsa_sk",
];

/// The first of [`PUBLIC_KEYS`] in `~/.ssh`; `usage` says how to name one
/// instead (`copy FILE`).
pub fn public(usage: &'static str) -> Result<PathBuf> {
    first_of(PUBLIC_KEYS, usage)
}

/// The first of [`PRIVATE_KEYS`] in `~/.ssh`; `usage` says how to name one
/// instead (`sign -f KEY FILE`).
pub fn private(usage: &'static str) -> Result<PathBuf> {
    first_of(PRIVATE_KEYS, usage)
}

fn first_of(names: &'static [&'static str], usage: &'static str) -> Result<PathBuf> {
    let dir = platform::ssh_dir()?;
    names
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.exists())
        .ok_or(Error::NoDefaultPublicKey { dir, names, usage })
}
