//! All integration tests, in one binary so the crate is linked once.
//!
//! Each test gets its own temporary home folder and a clean environment
//! through [`util::Env`]. Tests that need an outside program (ssh-keygen, sshd,
//! …) skip when it is missing, unless `CI` is set: then they fail.

#[cfg(target_os = "linux")]
mod clipboard;
mod durability;
mod generate;
mod generated;
mod hostile;
#[cfg(unix)]
mod interop;
mod keyread;
mod keywrite;
mod man_pages;
#[cfg(unix)]
mod putty;
#[cfg(unix)]
mod terminal;
mod util;
mod windows;
