//! `ssh-keygen -k -f KRL [-u] [-s CA|none] [-z VERSION] SPEC…` writes a key
//! revocation list from spec files (or key files, one key a line), and
//! `ssh-keygen -Q -f KRL KEY…` says of each key whether the list revokes it.
//! The list itself is [`crate::krl`]'s.

use std::io::Write;
use std::path::{Path, PathBuf};

use ssh_key::Certificate;
use ssh_key::public::KeyData;

use crate::error::{Error, Result};
use crate::input::Input;
use crate::krl::{CertFacts, KeyRevocation, Krl, Spec};
use crate::output::{Output, Ui};
use crate::platform::Access;
use crate::store;

/// The CA that `serial:` and `id:` lines revoke under (`-s`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ca {
    /// `-s none`: any CA.
    Any,
    Key(PathBuf),
}

#[derive(Clone, Debug)]
pub enum Options {
    /// `-k`.
    Generate {
        file: PathBuf,
        /// `-u`: add to the list in `file` instead of starting anew.
        update: bool,
        ca: Option<Ca>,
        version: Option<u64>,
        specs: Vec<Input>,
    },
    /// `-Q`: whether the list revokes each of `keys`, after the list
    /// itself with `print` (`-l`).
    Check {
        file: PathBuf,
        keys: Vec<PathBuf>,
        print: bool,
    },
}

/// The largest KRL read: far above any real one (a few KiB for thousands
/// of revoked keys).
const MAX_KRL_BYTES: u64 = 16 << 20;

/// `-k` says on stdout which file it revokes from, but with `-q`
/// ([`Output::Quiet`]).
pub fn run(options: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    match options {
        Options::Generate {
            file,
            update,
            ca,
            version,
            specs,
        } => {
            let exists = match std::fs::metadata(file) {
                Ok(_) => true,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                Err(e) => return Err(Error::io("read", file, e)),
            };
            if *update && !exists {
                return Err(Error::Usage(format!(
                    "KRL \"{}\" does not exist",
                    file.display()
                )));
            }
            let ca_key = match ca {
                Some(Ca::Key(path)) => {
                    Some(crate::input::one_public_key(&Input::File(path.clone()))?.key)
                }
                _ => None,
            };
            let mut krl = if *update { load(file)? } else { Krl::default() };
            if let Some(version) = version.filter(|v| *v != 0) {
                krl.version = version;
            }
            for spec in specs {
                let name = match spec {
                    Input::Stdin => "(standard input)".to_owned(),
                    Input::File(path) => path.display().to_string(),
                };
                if ui.output != Output::Quiet {
                    writeln!(stdout, "Revoking from {name}")
                        .map_err(crate::output::stdout_error)?;
                }
                let text = crate::input::read_text(spec)?;
                for (index, line) in text.lines().enumerate() {
                    let at = |why: String| Error::Usage(format!("{name}:{}: {why}", index + 1));
                    revoke(&mut krl, line, ca.as_ref(), ca_key.as_ref()).map_err(at)?;
                }
            }
            let now = crate::platform::unix_now();
            let lock = store::WriteLock::acquire_file(file)?;
            store::write_file(&lock, file, &krl.to_bytes(now), Access::WorldReadable)?;
            stdout.flush().map_err(crate::output::stdout_error)
        }
        Options::Check { file, keys, print } => {
            let krl = load(file)?;
            let mut revoked = false;
            let mut printed = match print {
                true => stdout.write_all(krl.dump().as_bytes()),
                false => Ok(()),
            };
            for path in keys {
                let entry = crate::input::one_public_key(&Input::File(path.clone()))?;
                let cert = if entry.certificate {
                    Some(certificate_in(path)?)
                } else {
                    None
                };
                let is_revoked = krl.is_revoked(&entry.key, cert.as_ref());
                revoked |= is_revoked;
                let comment = entry.trailing_comment.as_deref().unwrap_or_default().trim();
                let comment = if comment.is_empty() {
                    String::new()
                } else {
                    format!(" ({comment})")
                };
                printed = printed.and_then(|()| {
                    writeln!(
                        stdout,
                        "{}{comment}: {}",
                        path.display(),
                        if is_revoked { "REVOKED" } else { "ok" }
                    )
                });
            }
            crate::output::flushed(printed, stdout)?;
            if revoked {
                return Err(Error::AlreadyReported);
            }
            Ok(())
        }
    }
}

/// One spec line into `krl`; `Err` says why not (ssh-keygen stops there).
fn revoke(
    krl: &mut Krl,
    line: &str,
    ca: Option<&Ca>,
    ca_key: Option<&KeyData>,
) -> std::result::Result<(), String> {
    let under_ca = |what: &str| match ca {
        None => Err(format!(
            "revoking certificates by {what} requires specification of a CA key"
        )),
        Some(_) => Ok(ca_key),
    };
    match crate::krl::spec_line(line).map_err(|e| e.0)? {
        Spec::Nothing => {}
        Spec::Serials(low, high) => krl.revoke_serials(under_ca("serial number")?, low, high),
        Spec::KeyId(id) => krl.revoke_key_id(under_ca("key ID")?, &id),
        Spec::Sha256(hash) => krl.revoke_sha256(hash),
        Spec::Key { how, line } => {
            let (key, cert) = parse_key_line(&line).ok_or("invalid key")?;
            let blob = crate::keys::public_key_blob(&key).map_err(|e| e.to_string())?;
            use sha2::Digest;
            match (how, cert) {
                (KeyRevocation::AsIs, Some(cert)) => krl.revoke_certificate(&cert),
                (KeyRevocation::AsIs | KeyRevocation::Explicit, _) => krl.revoke_key(&key),
                (KeyRevocation::Sha1, _) => krl.revoke_sha1(sha1::Sha1::digest(&blob).to_vec()),
                (KeyRevocation::Sha256, _) => {
                    krl.revoke_sha256(sha2::Sha256::digest(&blob).to_vec())
                }
            }
        }
    }
    Ok(())
}

/// A key line, `TYPE BASE64 [COMMENT]`: the key, and for a certificate
/// the facts revocation looks at (the key being the certified one).
fn parse_key_line(line: &str) -> Option<(KeyData, Option<CertFacts>)> {
    let key_type = line.split_whitespace().next()?;
    if key_type.ends_with("-cert-v01@openssh.com") {
        let cert = Certificate::from_openssh(line).ok()?;
        return Some((cert.public_key().clone(), Some(CertFacts::from(&cert))));
    }
    let key = ssh_key::PublicKey::from_openssh(line).ok()?;
    Some((key.key_data().clone(), None))
}

/// The certificate in `path` (its first key line).
fn certificate_in(path: &Path) -> Result<CertFacts> {
    let text = crate::input::read_text(&Input::File(path.to_path_buf()))?;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(parse_key_line)
        .and_then(|(_, cert)| cert)
        .ok_or_else(|| Error::KeyFile {
            path: path.to_path_buf(),
            problem: "not a certificate sshgen can read".to_owned(),
        })
}

fn load(file: &Path) -> Result<Krl> {
    let bytes = crate::input::read_at_most(crate::input::open_regular(file)?, file, MAX_KRL_BYTES)?;
    Krl::parse(&bytes).map_err(|e| Error::KeyFile {
        path: file.to_path_buf(),
        problem: e.0,
    })
}
