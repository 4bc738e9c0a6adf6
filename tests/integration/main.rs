//! All integration tests, in one binary so the crate is linked once.
//!
//! Each test gets its own temporary home folder and a clean environment
//! through [`util::Env`]. Tests that need an outside program (ssh-keygen, sshd,
//! …) skip when it is missing, unless `CI` is set: then they fail.

#[cfg(unix)]
mod access_key;
#[cfg(unix)]
mod agent;
#[cfg(windows)]
mod agent_pipe;
#[cfg(unix)]
mod authorized_keys;
#[cfg(unix)]
mod code_hosts;
// A check of the source tree: once, on the Unix side.
#[cfg(unix)]
mod architecture;
#[cfg(unix)]
mod certificates;
#[cfg(target_os = "linux")]
mod clipboard;
mod comment;
#[cfg(unix)]
mod copy_id;
#[cfg(target_os = "linux")]
mod copy_private;
#[cfg(unix)]
mod doctor;
mod durability;
mod export;
mod fingerprint;
mod generate;
mod generated;
mod hostile;
mod import;
#[cfg(unix)]
mod interop;
#[cfg(unix)]
mod json;
#[cfg(unix)]
mod keygen_cli;
mod list;
mod man_pages;
#[cfg(unix)]
mod moduli;
mod passphrase;
#[cfg(unix)]
mod ppk;
#[cfg(unix)]
mod progress;
mod public;
#[cfg(unix)]
mod putty;
#[cfg(target_os = "linux")]
mod readme;
#[cfg(unix)]
mod reports;
mod rewrite;
#[cfg(unix)]
mod security_keys;
#[cfg(unix)]
mod signatures;
#[cfg(unix)]
mod terminal;
#[cfg(unix)]
mod trust;
mod util;
#[cfg(unix)]
mod vectors;
mod windows;
