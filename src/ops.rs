//! Operations: the jobs several commands share, each written once. A
//! command composes operations and renders what they return; an operation
//! prints nothing on stdout and never calls a command.
//!
//! - [`key_pair`]: settle and make a key pair, returning what was made.
//! - [`host_alias`]: `Host` aliases in the user's ssh config.
//! - [`host_key`]: host keys recorded in known_hosts.
//! - [`agent`]: a key added to the ssh-agent.
//! - [`key_scan`]: the key pairs in a folder and what is wrong with each.
//! - [`default_key`]: the key a command takes when none is named.
//! - [`key_install`]: a key line put in a server's authorized_keys over
//!   ssh, as ssh-copy-id does.
//! - [`ssh_login`]: an SSH login (or `git ls-remote`) tried with the
//!   system's ssh, and what came of it.
//! - [`access_key_records`]: the access keys sshgen made, and for which
//!   repository and host.

pub mod access_key_records;
pub mod agent;
pub mod default_key;
pub mod host_alias;
pub mod host_key;
pub mod key_install;
pub mod key_pair;
pub mod key_scan;
pub mod ssh_login;
