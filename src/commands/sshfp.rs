//! `ssh-keygen -r HOSTNAME [-g] [-f KEY]`: the SSHFP records of a key, or
//! without `-f` of every host key in `/etc/ssh`, on stdout ([`crate::sshfp`]
//! makes them).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::input::Input;
use crate::output::Ui;

/// The host keys ssh-keygen reads without `-f`, in its order.
const HOST_KEYS: &[&str] = &[
    "/etc/ssh/ssh_host_rsa_key",
    "/etc/ssh/ssh_host_dsa_key",
    "/etc/ssh/ssh_host_ecdsa_key",
    "/etc/ssh/ssh_host_ed25519_key",
    "/etc/ssh/ssh_host_xmss_key",
];

/// What `-r` was asked.
#[derive(Debug)]
pub struct Options {
    /// The owner name the records are for.
    pub hostname: String,
    /// The key (a public or private key file); `None` for the host keys.
    pub file: Option<PathBuf>,
    /// RFC 3597's generic form (`-g`).
    pub generic: bool,
}

pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let printed = match &options.file {
        Some(file) => {
            if !print(file, options, ui, stdout)? {
                return Err(Error::io("read", file, std::io::ErrorKind::NotFound.into()));
            }
            Ok(())
        }
        None => {
            let mut found = false;
            for path in HOST_KEYS {
                found |= print(Path::new(path), options, ui, stdout)?;
            }
            if !found {
                return Err(Error::KeyFile {
                    path: PathBuf::from("/etc/ssh"),
                    problem: "no host keys found".to_owned(),
                });
            }
            Ok(())
        }
    };
    crate::output::flushed(printed, stdout)
}

/// Prints the records of the key in `path`; false when there is no such file.
fn print(path: &Path, options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<bool> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io("read", path, e)),
        Ok(_) => {}
    }
    let entry = crate::input::one_public_key(&Input::File(path.to_path_buf()))?;
    // A certificate has no SSHFP number of its own, as ssh-keygen finds.
    let records = match entry.certificate {
        true => None,
        false => crate::sshfp::records(&options.hostname, &entry.key, options.generic)?,
    };
    match records {
        Some(records) => {
            for record in records {
                writeln!(stdout, "{record}").map_err(crate::output::stdout_error)?;
            }
        }
        // As ssh-keygen: said, and the other keys still printed.
        None => ui.warning(format!(
            "{}: SSHFP has no algorithm number for {} keys",
            path.display(),
            entry.algorithm
        )),
    }
    Ok(true)
}
