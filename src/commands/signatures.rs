//! SSH signatures (PROTOCOL.sshsig): `ssh-keygen -Y sign`, `verify`,
//! `check-novalidate`, `find-principals` and `match-principals`, with their
//! stdout and stderr lines, as git runs them for signed commits
//! (`gpg.format=ssh`). The signature format is [`crate::sshsig`]'s (a key
//! or a certificate signs); who may sign is in [`crate::allowed_signers`].
//! Data is hashed as it is read, so a large file is never held in memory.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;
use ssh_key::HashAlg;

use crate::allowed_signers::{self, Refusal};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile;
use crate::keys;
use crate::output::{Output, Ui};
use crate::passphrase::PassphraseSource;
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::sshsig::{Mismatch, SignerKey, Sshsig};
use crate::store;
use crate::unlock::Signer;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub enum Options {
    Sign {
        /// The private key, its `.pub`, or a certificate of it (`-cert.pub`,
        /// which the signatures then carry); the private key beside a
        /// `.pub` or certificate is used.
        key: PathBuf,
        namespace: String,
        /// The files to sign (each to `FILE.sig`); none signs standard input
        /// to standard output.
        files: Vec<Input>,
        hash: HashAlg,
        passphrase: PassphraseSource,
        /// Sign with the key in ssh-agent or not at all (`-U`); without it
        /// the agent signs when it holds the key, else the private key does.
        require_agent: bool,
        /// What to do about a `FILE.sig` that exists already.
        existing: Existing,
        /// `-w`: the provider of a security key's key (else
        /// `SSH_SK_PROVIDER`, else ssh-sk-helper's own).
        sk_provider: Option<std::ffi::OsString>,
    },
    /// Checks the signature of standard input; with `allowed`, also that
    /// its key may sign as `principal` (`verify`), else only the signature
    /// (`check-novalidate`).
    Verify {
        /// The signed data (ssh-keygen reads standard input).
        data: Input,
        signature: PathBuf,
        namespace: String,
        allowed: Option<(PathBuf, String)>,
        /// Keys that may not sign (`-r`): a KRL, or a file of key lines.
        revoked: Option<PathBuf>,
        /// Seconds since 1970; `None` is now.
        time: Option<u64>,
        print_pubkey: bool,
    },
    FindPrincipals {
        signature: PathBuf,
        allowed: PathBuf,
        time: Option<u64>,
    },
    MatchPrincipals {
        allowed: PathBuf,
        principal: String,
    },
}

/// With `-q` ([`Output::Quiet`]) `sign` and `verify` say nothing but
/// errors, on stdout as on stderr, as ssh-keygen's `-Y` does.
pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    let quiet = ui.output == Output::Quiet;
    crate::progress::show(true);
    match options {
        Options::Sign {
            key,
            namespace,
            files,
            hash,
            passphrase,
            require_agent,
            existing,
            sk_provider,
        } => {
            let (signer, certificate) = crate::unlock::signer(
                key,
                passphrase,
                *require_agent,
                sk_provider.as_deref(),
                prompter,
            )?;
            let key = match certificate {
                Some(cert) => SignerKey::Certificate(Box::new(cert)),
                None => SignerKey::Plain(signer.public_key()),
            };
            let how = Writing {
                existing: *existing,
                ui,
            };
            sign(
                &signer, &key, namespace, files, *hash, how, prompter, stdout,
            )
        }
        Options::Verify {
            data,
            signature,
            namespace,
            allowed,
            revoked,
            time,
            print_pubkey,
        } => verify(
            data,
            signature,
            namespace,
            allowed.as_ref(),
            revoked.as_deref(),
            *time,
            *print_pubkey,
            quiet,
            stdout,
        ),
        Options::FindPrincipals {
            signature,
            allowed,
            time,
        } => {
            let sig = read_signature(signature)?;
            let lines = allowed_signers::lines(&read_text(allowed)?);
            let time = time.unwrap_or_else(crate::platform::unix_now);
            let found = allowed_signers::find_principals(&lines, &sig.signer, time);
            print_principals(found, allowed, |_| 255, ui, stdout)
        }
        Options::MatchPrincipals { allowed, principal } => {
            let lines = allowed_signers::lines(&read_text(allowed)?);
            let found = allowed_signers::match_principals(&lines, principal);
            // ssh-keygen exits with its error code: SSH_ERR_INVALID_FORMAT
            // (-4) for a bad line, SSH_ERR_KEY_NOT_FOUND (-46) for none.
            let status = |refusal: &Refusal| match refusal {
                Refusal::BadLine(_) => (-4i8).cast_unsigned(),
                _ => (-46i8).cast_unsigned(),
            };
            print_principals(found, allowed, status, ui, stdout)
        }
    }
}

/// One principal a line, as `find-principals` and `match-principals`
/// print them; none found is ssh-keygen's line on stderr and its `status`.
fn print_principals(
    found: std::result::Result<Vec<String>, Refusal>,
    allowed: &Path,
    status: impl Fn(&Refusal) -> u8,
    ui: &Ui,
    stdout: &mut impl Write,
) -> Result<()> {
    match found {
        Ok(found) => {
            let printed = found.iter().try_for_each(|p| writeln!(stdout, "{p}"));
            crate::output::flushed(printed, stdout)
        }
        Err(refusal) => {
            if let Refusal::BadLine(bad) = &refusal {
                ui.message(format!(
                    "{}:{}: {}",
                    allowed.display(),
                    bad.line,
                    bad.problem
                ));
            }
            ui.message("No principal matched.");
            Err(Error::ReportedWithStatus(status(&refusal)))
        }
    }
}

fn read_text(path: &Path) -> Result<String> {
    crate::input::read_text(&Input::File(path.to_path_buf()))
}

fn read_signature(path: &Path) -> Result<Sshsig> {
    Sshsig::from_armored(read_text(path)?.as_bytes()).map_err(|e| Error::KeyFile {
        path: path.to_path_buf(),
        problem: format!("not an SSH signature ({e})"),
    })
}

/// Whether the keys in `file` revoke `signer`, as OpenSSH's
/// `sshkey_check_revoked` decides: a KRL by its rules, else a file of key
/// lines that lists its key or, for a certificate, its CA.
fn check_revoked(file: &Path, signer: &SignerKey) -> Result<()> {
    let bytes = crate::input::read_at_most(crate::input::open_regular(file)?, file, 16 << 20)?;
    let cert = signer.certificate();
    let revoked = if crate::krl::looks_like_krl(&bytes) {
        let krl = crate::krl::Krl::parse(&bytes).map_err(|e| Error::KeyFile {
            path: file.to_path_buf(),
            problem: e.0,
        })?;
        krl.is_revoked(signer.key(), cert.map(crate::krl::CertFacts::from).as_ref())
    } else {
        keyfile::lines::parse_public_lines(&bytes)
            .iter()
            .any(|entry| {
                entry.key == *signer.key() || cert.is_some_and(|c| entry.key == *c.signature_key())
            })
    };
    match revoked {
        true => Err(Error::Refused(format!(
            "{} revokes this key",
            file.display()
        ))),
        false => Ok(()),
    }
}

/// The hash of everything `input` holds, read in pieces.
fn digest(input: &Input, hash: HashAlg) -> Result<Vec<u8>> {
    fn hash_all<D: Digest>(mut reader: impl Read, named: &Path) -> Result<Vec<u8>> {
        let mut hasher = D::new();
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = reader
                .read(&mut buffer)
                .map_err(|e| Error::io("read", named, e))?;
            if n == 0 {
                return Ok(hasher.finalize().to_vec());
            }
            hasher.update(&buffer[..n]);
        }
    }
    // Standard input may be a pipe (git's); files must be regular.
    let reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::File(path) => Box::new(crate::input::open_regular(path)?),
    };
    match hash {
        HashAlg::Sha256 => hash_all::<sha2::Sha256>(reader, input.name()),
        _ => hash_all::<sha2::Sha512>(reader, input.name()),
    }
}

/// What `sign` does about a `FILE.sig` that exists already. Whichever,
/// the new signature is written beside it and renamed over the name: a
/// symbolic link there is replaced, never followed, and the old file is
/// never read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// ssh-keygen's `confirm_overwrite`: ask on stdout, read the answer
    /// from standard input (`n` or none leaves it).
    AskOnStdin,
    /// Ask at the terminal; without one, refuse (sshgen's `sign`).
    AskTerminal,
    /// `--force`: replace it.
    Replace,
}

/// How `sign` writes `FILE.sig`, and says so.
#[derive(Clone, Copy)]
struct Writing<'a> {
    existing: Existing,
    ui: &'a Ui,
}

/// ssh-keygen's `confirm_overwrite`: the question on stdout, the answer
/// the first characters of a line of standard input; yes only for `y`.
fn confirm_overwrite(target: &Path, stdout: &mut impl Write) -> Result<bool> {
    let asked = write!(
        stdout,
        "{} already exists.\nOverwrite (y/n)? ",
        target.display()
    )
    .and_then(|()| stdout.flush());
    asked.map_err(crate::output::stdout_error)?;
    let mut answer = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(2)
        .read_until(b'\n', &mut answer)
        .map_err(|e| Error::io("read", Path::new("standard input"), e))?;
    Ok(read > 0 && matches!(answer.first(), Some(b'y' | b'Y')))
}

#[allow(clippy::too_many_arguments)]
fn sign(
    signer: &Signer,
    key: &SignerKey,
    namespace: &str,
    files: &[Input],
    hash: HashAlg,
    how: Writing,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    let ui = how.ui;
    let inputs: Vec<Input> = if files.is_empty() {
        vec![Input::Stdin]
    } else {
        files.to_vec()
    };
    if inputs.len() > 1 && inputs.contains(&Input::Stdin) {
        return Err(Error::Usage(
            "Cannot sign mix of paths and standard input".to_owned(),
        ));
    }
    for input in &inputs {
        match input {
            Input::Stdin => ui.notice("Signing data on standard input"),
            Input::File(path) => ui.notice(format!("Signing file {}", path.display())),
        }
        let prehash = digest(input, hash)?;
        let failed =
            |e: ssh_key::Error| Error::key(format!("Signing {} failed", input.name().display()), e);
        let signed = Sshsig::signed_data(namespace, hash, &prehash).map_err(failed)?;
        if let Some(notice) = signer.before_signing() {
            ui.notice(notice);
        }
        let signature = signer.sign(&signed).map_err(|e| match signer.failure() {
            Some(why) => {
                Error::Refused(format!("Signing {} failed: {why}", input.name().display()))
            }
            None => failed(e),
        })?;
        let armored = Sshsig::new(key.clone(), namespace, hash, signature).to_armored();
        match input {
            Input::Stdin => {
                crate::output::flushed(stdout.write_all(armored.as_bytes()), stdout)?;
            }
            Input::File(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".sig");
                let target = PathBuf::from(name);
                let exists = std::fs::symlink_metadata(&target).is_ok();
                if exists {
                    match how.existing {
                        Existing::AskOnStdin => {
                            if !confirm_overwrite(&target, stdout)? {
                                continue;
                            }
                        }
                        Existing::AskTerminal if !prompter.is_interactive() => {
                            return Err(Error::Exists { path: target });
                        }
                        Existing::AskTerminal => {
                            let question =
                                format!("{} already exists. Overwrite (y/n)? ", target.display());
                            if !prompter.confirm(&question)? {
                                return Err(Error::NotOverwritten { path: target });
                            }
                        }
                        Existing::Replace => {}
                    }
                }
                store::write_output_file(&target, armored.as_bytes(), Access::WorldReadable)?;
                ui.notice(format!("Write signature to {}", target.display()));
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn verify(
    data: &Input,
    signature: &Path,
    namespace: &str,
    allowed: Option<&(PathBuf, String)>,
    revoked: Option<&Path>,
    time: Option<u64>,
    print_pubkey: bool,
    quiet: bool,
    stdout: &mut impl Write,
) -> Result<()> {
    let outcome = (|| -> Result<Sshsig> {
        let sig = read_signature(signature)?;
        let prehash = digest(data, sig.hash)?;
        sig.verify(namespace, &prehash).map_err(|e| {
            Error::Refused(match e {
                Mismatch::Namespace(theirs) => {
                    format!("the signature is for namespace \"{theirs}\", not \"{namespace}\"")
                }
                Mismatch::Signature => "the signature does not match the data".to_owned(),
            })
        })?;
        if let Some(revoked) = revoked {
            check_revoked(revoked, &sig.signer)?;
        }
        if let Some((file, principal)) = allowed {
            let lines = allowed_signers::lines(&read_text(file)?);
            let time = time.unwrap_or_else(crate::platform::unix_now);
            allowed_signers::check(&lines, &sig.signer, principal, namespace, time).map_err(
                |refusal| {
                    Error::Refused(match refusal {
                        Refusal::NotListed => {
                            format!("{} does not list this key for {principal}", file.display())
                        }
                        Refusal::Namespace => format!(
                            "{} does not allow this key to sign for namespace \"{namespace}\"; \
                             `sshgen git-signing --namespaces git,{namespace}` adds it for \
                             your key",
                            file.display()
                        ),
                        Refusal::Time => format!(
                            "{} does not allow this key at this time (valid-after, \
                             valid-before)",
                            file.display()
                        ),
                        Refusal::Certificate(why) => {
                            format!("{}: the certificate is not accepted: {why}", file.display())
                        }
                        Refusal::BadLine(bad) => {
                            format!("{}:{}: {}", file.display(), bad.line, bad.problem)
                        }
                    })
                },
            )?;
        }
        Ok(sig)
    })();
    match outcome {
        Ok(sig) => {
            let key = sig.signer.key();
            let fingerprint = keys::fingerprint(key, FingerprintHash::Sha256)?;
            let mut label = keys::type_label(&key.algorithm());
            if sig.signer.certificate().is_some() {
                label.push_str("-CERT");
            }
            let mut printed = Ok(());
            if !quiet {
                printed = match allowed {
                    Some((_, principal)) => writeln!(
                        stdout,
                        "Good \"{namespace}\" signature for {principal} with {label} key {fingerprint}"
                    ),
                    None => writeln!(
                        stdout,
                        "Good \"{namespace}\" signature with {label} key {fingerprint}"
                    ),
                };
            }
            if print_pubkey {
                let line = sig.signer.to_text();
                printed = printed.and_then(|()| writeln!(stdout, "{line}"));
            }
            crate::output::flushed(printed, stdout)
        }
        Err(error) => {
            if !quiet {
                crate::output::flushed(writeln!(stdout, "Could not verify signature."), stdout)?;
            }
            Err(error)
        }
    }
}
