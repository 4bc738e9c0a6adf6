//! One module per subcommand; each takes its plain `Options` (built from
//! the command line in [`crate::cli`] or [`crate::keygen_cli`], knowing
//! nothing of clap) and the run's [`crate::output::Ui`], composes
//! [`crate::ops`], and hands its report to [`crate::output::emit`].

pub mod access_key;
pub mod agent;
pub mod authorized_keys;
pub mod certificates;
pub mod comment;
pub mod config;
pub mod convert;
pub mod copy;
pub mod copy_id;
pub mod doctor;
pub mod export;
pub mod fingerprint;
pub mod generate;
pub mod git_signing;
pub mod import;
pub mod known_hosts;
pub mod krl;
pub mod list;
pub mod moduli;
pub mod passphrase;
pub mod public;
pub mod resident_keys;
pub mod signatures;
pub mod sshfp;
pub mod test;
