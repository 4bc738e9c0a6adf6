//! SSH signatures (PROTOCOL.sshsig): `ssh-keygen -Y sign`, `verify`,
//! `check-novalidate`, `find-principals` and `match-principals`, with their
//! stdout and stderr lines, as git runs them for signed commits
//! (`gpg.format=ssh`). The signature format is ssh-key's; who may sign is
//! in [`crate::allowed_signers`]. Data is hashed as it is read, so a large
//! file is never held in memory.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;
use ssh_key::{HashAlg, LineEnding, PublicKey, SshSig};

use crate::allowed_signers::{self, Refusal};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keys;
use crate::passphrase::PassphraseSource;
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store;
use crate::unlock::Signer;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub enum Options {
    Sign {
        /// The private key, or its `.pub` (the private key beside it is used).
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
        quiet: bool,
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
        /// Seconds since 1970; `None` is now.
        time: Option<u64>,
        print_pubkey: bool,
        quiet: bool,
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

pub fn run(options: &Options, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    crate::progress::show(true);
    match options {
        Options::Sign {
            key,
            namespace,
            files,
            hash,
            passphrase,
            require_agent,
            quiet,
        } => {
            let signer = crate::unlock::signer(key, passphrase, *require_agent, prompter)?;
            sign(&signer, namespace, files, *hash, *quiet, stdout)
        }
        Options::Verify {
            data,
            signature,
            namespace,
            allowed,
            time,
            print_pubkey,
            quiet,
        } => verify(
            data,
            signature,
            namespace,
            allowed.as_ref(),
            *time,
            *print_pubkey,
            *quiet,
            stdout,
        ),
        Options::FindPrincipals {
            signature,
            allowed,
            time,
        } => {
            let sig = read_signature(signature)?;
            let entries = allowed_signers::entries(&read_text(allowed)?);
            let found = allowed_signers::find_principals(&entries, sig.public_key(), now_or(*time));
            if found.is_empty() {
                eprintln!("No principal matched.");
                return Err(Error::AlreadyReported);
            }
            let printed = found.iter().try_for_each(|p| writeln!(stdout, "{p}"));
            crate::commands::flushed(printed, stdout)
        }
        Options::MatchPrincipals { allowed, principal } => {
            let entries = allowed_signers::entries(&read_text(allowed)?);
            let found = allowed_signers::match_principals(&entries, principal);
            if found.is_empty() {
                eprintln!("No principal matched.");
                return Err(Error::AlreadyReported);
            }
            let printed = found.iter().try_for_each(|p| writeln!(stdout, "{p}"));
            crate::commands::flushed(printed, stdout)
        }
    }
}

fn now_or(time: Option<u64>) -> u64 {
    time.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    })
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::keyfile::read_source(&Input::File(path.to_path_buf()))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::KeyFile {
        path: path.to_path_buf(),
        problem: "not UTF-8 text".to_owned(),
    })
}

fn read_signature(path: &Path) -> Result<SshSig> {
    SshSig::from_pem(read_text(path)?.as_bytes()).map_err(|e| Error::KeyFile {
        path: path.to_path_buf(),
        problem: format!("not an SSH signature ({e})"),
    })
}

/// The first of ~/.ssh/id_ed25519, id_ecdsa and id_rsa, the key `sshgen
/// sign` uses when none is named.
pub fn default_key() -> Result<PathBuf> {
    crate::commands::copy::default_key(
        crate::commands::copy::DEFAULT_PRIVATE_KEYS,
        "sign -f KEY FILE",
    )
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

#[allow(clippy::too_many_arguments)]
fn sign(
    signer: &Signer,
    namespace: &str,
    files: &[Input],
    hash: HashAlg,
    quiet: bool,
    stdout: &mut impl Write,
) -> Result<()> {
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
        if !quiet {
            match input {
                Input::Stdin => eprintln!("Signing data on standard input"),
                Input::File(path) => eprintln!("Signing file {}", path.display()),
            }
        }
        let prehash = digest(input, hash)?;
        let signature = match signer {
            Signer::Agent(key) => SshSig::sign_prehash(key, namespace, hash, &prehash),
            Signer::Key(key) => SshSig::sign_prehash(&**key, namespace, hash, &prehash),
        }
        .map_err(|e| Error::key(format!("Signing {} failed", input.name().display()), e))?;
        let armored = signature
            .to_pem(LineEnding::LF)
            .map_err(|e| Error::key("cannot encode the signature", e))?;
        match input {
            Input::Stdin => {
                crate::commands::flushed(stdout.write_all(armored.as_bytes()), stdout)?;
            }
            Input::File(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".sig");
                let target = PathBuf::from(name);
                store::edit_text_file(&target, Access::WorldReadable, false, |_| {
                    Ok::<_, Error>(Some(armored.clone()))
                })?;
                if !quiet {
                    eprintln!("Write signature to {}", target.display());
                }
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
    time: Option<u64>,
    print_pubkey: bool,
    quiet: bool,
    stdout: &mut impl Write,
) -> Result<()> {
    let outcome = (|| -> Result<SshSig> {
        let sig = read_signature(signature)?;
        let prehash = digest(data, sig.hash_alg())?;
        PublicKey::from(sig.public_key().clone())
            .verify_prehash(namespace, &prehash, &sig)
            .map_err(|e| {
                Error::Refused(match e {
                    ssh_key::Error::Namespace => format!(
                        "the signature is for namespace \"{}\", not \"{namespace}\"",
                        sig.namespace()
                    ),
                    _ => "the signature does not match the data".to_owned(),
                })
            })?;
        if let Some((file, principal)) = allowed {
            let entries = allowed_signers::entries(&read_text(file)?);
            allowed_signers::check(
                &entries,
                sig.public_key(),
                principal,
                namespace,
                now_or(time),
            )
            .map_err(|refusal| {
                Error::Refused(match refusal {
                    Refusal::NotListed => {
                        format!("{} does not list this key for {principal}", file.display())
                    }
                    Refusal::Namespace => format!(
                        "{} does not allow this key to sign for namespace \"{namespace}\"",
                        file.display()
                    ),
                    Refusal::Time => format!(
                        "{} does not allow this key at this time (valid-after, \
                             valid-before)",
                        file.display()
                    ),
                })
            })?;
        }
        Ok(sig)
    })();
    match outcome {
        Ok(sig) => {
            let key = sig.public_key();
            let fingerprint = keys::fingerprint(key, FingerprintHash::Sha256)?;
            let label = keys::type_label(&key.algorithm());
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
                let line = keys::public_key_line(&PublicKey::from(key.clone()))?;
                printed = printed.and_then(|()| writeln!(stdout, "{line}"));
            }
            crate::commands::flushed(printed, stdout)
        }
        Err(error) => {
            if !quiet {
                crate::commands::flushed(writeln!(stdout, "Could not verify signature."), stdout)?;
            }
            Err(error)
        }
    }
}
