//! Certificates: `ssh-keygen -s CA -I ID [-h] [-n PRINCIPALS] [-V VALIDITY]
//! [-z SERIAL] [-O OPTION…] KEY.pub…` signs each key into `KEY-cert.pub`,
//! and `ssh-keygen -L -f FILE` prints what a certificate says, in
//! ssh-keygen's words. The forms and options are in
//! [`crate::certificates`]; signing is ssh-key's certificate builder (an
//! RSA CA signs with rsa-sha2-512, as ssh-keygen does by default).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use ssh_key::certificate::{Builder, CertType};
use ssh_key::{Certificate, PublicKey};

use crate::certificates::{self, CertOptions};
use crate::error::{Error, Result};
use crate::input::Input;
use crate::keyfile::PublicEntry;
use crate::output::{Output, Ui};
use crate::passphrase::PassphraseSource;
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store;
use crate::unlock::Signer;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub enum Options {
    Sign {
        /// The CA's private key (or its `.pub`, beside the private key).
        ca: PathBuf,
        passphrase: PassphraseSource,
        key_id: String,
        host: bool,
        /// `-n`, comma-separated; `None` gives a certificate without
        /// principals, as ssh-keygen 9.2 makes it.
        principals: Option<String>,
        validity: (u64, u64),
        serial: u64,
        /// `-z +N`: each certificate after the first gets the next serial.
        serial_increments: bool,
        options: Box<CertOptions>,
        keys: Vec<PathBuf>,
        /// Sign with the CA key the ssh-agent holds (`-U`), named by `ca`.
        agent: bool,
        /// `-w`: the provider of a security key CA (else `SSH_SK_PROVIDER`).
        sk_provider: Option<std::ffi::OsString>,
    },
    Show {
        file: Input,
        /// Escape what the certificate's maker chose (sshgen's `cert
        /// show`); ssh-keygen's `-L` prints it as it is.
        escape: bool,
    },
}

/// `-s CA -U`: the CA key the ssh-agent holds, or ssh-keygen's refusals.
/// (Unlike `-Y sign`, ssh-keygen uses the agent for a CA only when told.)
fn ca_in_agent(ca: &Path) -> Result<Signer> {
    let public = crate::input::one_public_key(&Input::File(ca.to_path_buf()))?;
    let agent = crate::agent::socket::Agent::connect()
        .map_err(|e| Error::Agent(format!("Cannot use public key for CA signature: {e}")))?;
    match crate::agent::signing::AgentKey::find(agent, &public.key, None)? {
        Some(key) if !public.certificate => Ok(Signer::Agent(key)),
        _ => Err(Error::Agent(format!(
            "CA key {} not found in agent",
            ca.display()
        ))),
    }
}

pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(true);
    match options {
        Options::Sign {
            ca,
            passphrase,
            key_id,
            host,
            principals,
            validity,
            serial,
            serial_increments,
            options,
            keys,
            agent,
            sk_provider,
        } => {
            let signer = if *agent {
                ca_in_agent(ca)?
            } else {
                crate::unlock::private_signer(ca, passphrase, sk_provider.as_deref(), prompter)?
            };
            let principal_list: Option<Vec<String>> = principals
                .as_ref()
                .map(|list| list.split(',').map(str::to_owned).collect());
            if principal_list
                .as_ref()
                .is_some_and(|l| l.iter().any(String::is_empty))
            {
                return Err(Error::Usage("Empty principal name".to_owned()));
            }
            let (critical, extensions) = options.maps();
            let terms = Terms {
                key_id,
                host: *host,
                principals: principal_list.as_deref(),
                validity: *validity,
                critical: &critical,
                extensions: &extensions,
            };
            let (mut written, mut said_lines) = (Vec::new(), Vec::new());
            let mut serial = *serial;
            for key_path in keys {
                let entry = crate::input::one_public_key(&Input::File(key_path.clone()))?;
                if entry.certificate {
                    return Err(Error::Usage(format!(
                        "{} is a certificate already; certify the key itself",
                        key_path.display()
                    )));
                }
                if let Some(notice) = signer.before_signing() {
                    ui.notice(notice);
                }
                let line = certify(&entry, serial, &terms, &signer)?;
                let out = cert_path(key_path);
                let said = format!(
                    "Signed {} key {}: id \"{key_id}\" serial {serial}{} valid {}",
                    if *host { "host" } else { "user" },
                    out.display(),
                    principals
                        .as_ref()
                        .map(|p| format!(" for {p}"))
                        .unwrap_or_default(),
                    certificates::format_validity(validity.0, validity.1)
                );
                written.push((out, format!("{line}\n").into_bytes()));
                said_lines.push(said);
                if *serial_increments {
                    serial = serial.wrapping_add(1);
                }
            }
            // All certificates at once: one pass over each folder, however
            // many keys it holds.
            store::write_files(&written, Access::WorldReadable)?;
            for said in said_lines {
                ui.notice(said);
            }
            if principals.is_none() && ui.output != Output::Quiet {
                ui.warning(
                    "the certificate names no principals; OpenSSH 10 and later refuse such \
                     certificates (pass -n with the users or hosts it is for)",
                );
            }
            Ok(())
        }
        Options::Show { file, escape } => show(file, *escape, ui, stdout),
    }
}

/// What every certificate of one `-s` run says, but for its key and serial.
struct Terms<'a> {
    key_id: &'a str,
    host: bool,
    /// `None`: valid for every principal.
    principals: Option<&'a [String]>,
    validity: (u64, u64),
    critical: &'a BTreeMap<String, String>,
    extensions: &'a BTreeMap<String, String>,
}

/// The certificate of `entry`'s key with `serial`, signed by `signer`, as
/// its line.
fn certify(entry: &PublicEntry, serial: u64, terms: &Terms, signer: &Signer) -> Result<String> {
    let mut nonce = [0u8; 32];
    getrandom::fill(&mut nonce).map_err(|_| {
        Error::key(
            "cannot make a certificate nonce: the system's random number generator failed",
            ssh_key::Error::RngFailure,
        )
    })?;
    let failed = |e| Error::key("cannot make the certificate", e);
    let (valid_after, valid_before) = terms.validity;
    let mut builder = Builder::new(nonce.to_vec(), entry.key.clone(), valid_after, valid_before)
        .map_err(failed)?;
    let cert_type = if terms.host {
        CertType::Host
    } else {
        CertType::User
    };
    builder
        .serial(serial)
        .and_then(|b| b.cert_type(cert_type))
        .and_then(|b| b.key_id(terms.key_id))
        .map_err(failed)?;
    match terms.principals {
        Some(list) => {
            for principal in list {
                builder.valid_principal(principal.clone()).map_err(failed)?;
            }
        }
        None => {
            builder.all_principals_valid().map_err(failed)?;
        }
    }
    for (name, value) in terms.critical {
        builder
            .critical_option(name.clone(), value.clone())
            .map_err(failed)?;
    }
    for (name, value) in terms.extensions {
        builder
            .extension(name.clone(), value.clone())
            .map_err(failed)?;
    }
    let comment = entry
        .trailing_comment
        .as_deref()
        .unwrap_or_default()
        .trim_end_matches('\r');
    builder.comment(comment).map_err(failed)?;
    let cert = match signer {
        Signer::Agent(key) => builder.sign(key),
        Signer::Key(key) => builder.sign(&**key),
        Signer::SecurityKey(key) => builder.sign(&**key),
    }
    .map_err(|e| match signer.failure() {
        Some(why) => Error::Refused(format!("cannot make the certificate: {why}")),
        None => failed(e),
    })?;
    cert.to_openssh()
        .map_err(|e| Error::key("cannot encode the certificate", e))
}

/// Where ssh-keygen writes the certificate of `key_path`: `KEY-cert.pub`
/// for `KEY.pub` (and for a key file without `.pub`).
fn cert_path(key_path: &Path) -> PathBuf {
    let stem = key_path
        .to_str()
        .and_then(|k| k.strip_suffix(".pub"))
        .map(PathBuf::from)
        .unwrap_or_else(|| key_path.to_path_buf());
    let mut name = stem.into_os_string();
    name.push("-cert.pub");
    PathBuf::from(name)
}

/// `-L`: what each certificate in `file` says, in ssh-keygen's words.
fn show(file: &Input, escape: bool, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let text = crate::input::read_source(file)?;
    let text = String::from_utf8_lossy(&text).into_owned();
    let named = match file {
        Input::Stdin => "(stdin)".to_owned(),
        Input::File(path) => path.display().to_string(),
    };
    let mut shown = false;
    let mut out = String::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start_matches([' ', '\t']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Ok(cert) = Certificate::from_openssh(line.trim_end_matches('\r')) else {
            // ssh-keygen says so of a plain key line, and skips it.
            if PublicKey::from_openssh(line).is_ok() {
                ui.notice(format!("{named}:{} is not a certificate", index + 1));
            } else {
                ui.notice(format!("{named}:{}: invalid key", index + 1));
            }
            continue;
        };
        shown = true;
        if *file != Input::Stdin && index == 0 {
            out.push_str(&format!("{named}:\n"));
        } else {
            out.push_str(&format!("{named}:{}:\n", index + 1));
        }
        out.push_str(&certificates::describe(
            &cert,
            escape.then_some(ui.context.utf8),
        ));
    }
    crate::output::flushed(stdout.write_all(out.as_bytes()), stdout)?;
    if shown {
        Ok(())
    } else {
        Err(Error::AlreadyReported)
    }
}
