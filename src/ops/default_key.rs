//! The key a command takes when none is named: the first of the usual
//! files in `~/.ssh`, in OpenSSH's order of preference among the types
//! sshgen makes (`copy`, `copy --private`, `sign`, `git-signing`).

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::platform;

/// Public keys looked for, in this order.
pub const PUBLIC_KEYS: &[&str] = &["id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"];

/// Private keys looked for, in this order.
pub const PRIVATE_KEYS: &[&str] = &["id_ed25519", "id_ecdsa", "id_rsa"];

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
