//! `sshgen copy`: put a public key on the clipboard, the last step of every
//! "add an SSH key to your account" guide.
//!
//! The key comes from a `.pub` file, the public half of an OpenSSH private key
//! (readable without the passphrase), or standard input. A clipboard that
//! cannot be reached is a warning, not a failure: the key is printed instead.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ssh_key::{Comment, PrivateKey, PublicKey};

use crate::cli::CopyArgs;
use crate::clipboard::{self, CopyOutcome};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keys;
use crate::platform;
use crate::render::{self, CopiedKey};

/// Public keys `sshgen copy` looks for in `~/.ssh`, in this order (OpenSSH's
/// preference among the types sshgen makes).
pub const DEFAULT_PUBLIC_KEYS: &[&str] = &["id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"];

const PRIVATE_KEY_HEADER: &str = "-----BEGIN OPENSSH PRIVATE KEY-----";

pub fn run(args: &CopyArgs, stdout: &mut impl Write) -> Result<()> {
    let (source, text, path) = match &args.file {
        Some(file) if file.as_os_str() == "-" => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::io("read", Path::new("standard input"), e))?;
            ("-".to_owned(), text, None)
        }
        Some(file) => {
            let path = platform::expand_tilde(file)?;
            (
                file.display().to_string(),
                read_key_file(&path)?,
                Some(path),
            )
        }
        None => {
            let path = default_public_key()?;
            (
                path.display().to_string(),
                read_key_file(&path)?,
                Some(path),
            )
        }
    };
    let source_name = if source == "-" {
        "standard input".to_owned()
    } else {
        source.clone()
    };
    let mut public = public_key_of(&text).map_err(|problem| Error::UnreadableKey {
        source_name,
        problem,
    })?;
    if public.comment().is_empty() {
        // An encrypted private key keeps its comment inside the encrypted part;
        // the `.pub` beside it has the same key and the comment in clear.
        if let Some(comment) = path.as_deref().and_then(|p| sibling_comment(p, &public)) {
            public.set_comment(comment);
        }
    }

    let public_line = keys::public_key_line(&public)?;
    let sha256 = keys::fingerprint(public.key_data(), FingerprintHash::Sha256)?;
    let type_label = keys::type_label(&public.algorithm());
    let outcome = clipboard::copy(&public_line, args.clipboard.way.into());

    let printed = if args.json {
        let type_name = type_label.to_ascii_lowercase();
        render::copied_json(
            &CopiedKey {
                source: &source,
                type_name: &type_name,
                bits: keys::bits(public.key_data()),
                comment: public.comment().as_str_lossy(),
                public_line: &public_line,
                sha256: &sha256,
                clipboard: &outcome,
            },
            stdout,
        )
    } else if matches!(outcome, CopyOutcome::Failed { .. }) && !args.quiet {
        // Something to select by hand when no clipboard is reachable.
        writeln!(stdout, "{public_line}")
    } else {
        Ok(())
    };
    printed
        .and_then(|()| stdout.flush())
        .map_err(crate::commands::stdout_error)?;
    if !args.quiet {
        eprintln!(
            "{}",
            render::clipboard_notice(&outcome, &type_label, &sha256)
        );
    }
    Ok(())
}

/// The first of [`DEFAULT_PUBLIC_KEYS`] that exists in `~/.ssh`.
fn default_public_key() -> Result<PathBuf> {
    let dir = platform::ssh_dir()?;
    DEFAULT_PUBLIC_KEYS
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.exists())
        .ok_or(Error::NoDefaultPublicKey {
            dir,
            names: DEFAULT_PUBLIC_KEYS,
        })
}

fn read_key_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    String::from_utf8(bytes).map_err(|_| Error::UnreadableKey {
        source_name: path.display().to_string(),
        problem: "not a text file; pass a .pub file or an OpenSSH private key".to_owned(),
    })
}

/// The comment of `FILE.pub` beside the private key at `path`, if it holds the
/// same key.
fn sibling_comment(path: &Path, public: &PublicKey) -> Option<Comment> {
    let text = std::fs::read_to_string(platform::with_pub_suffix(path)).ok()?;
    let sibling = public_key_of(&text).ok()?;
    (sibling.key_data() == public.key_data() && !sibling.comment().is_empty())
        .then(|| sibling.comment().clone())
}

/// The public key in a `.pub` file's text (its first key line) or in an
/// OpenSSH private key, which stores the public half unencrypted. Other
/// formats get an error that says what the file is and what to pass instead.
pub fn public_key_of(text: &str) -> std::result::Result<PublicKey, String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with(PRIVATE_KEY_HEADER) {
        return PrivateKey::from_openssh(trimmed)
            .map(|key| key.public_key().clone())
            .map_err(|e| format!("not a valid OpenSSH private key ({e})"));
    }
    if trimmed.starts_with("-----BEGIN ") {
        return Err(
            "a PEM key (PKCS#1, PKCS#8 or similar); sshgen copy reads .pub files \
                    and OpenSSH private keys: pass the key's .pub file"
                .to_owned(),
        );
    }
    if trimmed.starts_with("---- BEGIN SSH2 PUBLIC KEY ----") {
        return Err(
            "an RFC 4716 (SSH2) public key; sshgen copy reads OpenSSH .pub files \
                    and OpenSSH private keys"
                .to_owned(),
        );
    }
    let line = trimmed
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .ok_or_else(|| "no key in it (the file is empty)".to_owned())?;
    PublicKey::from_openssh(line).map_err(|e| {
        format!(
            "not an OpenSSH public key (expected one line: TYPE BASE64 COMMENT; {e}); \
             pass a .pub file or an OpenSSH private key"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED25519_PUB: &str = include_str!("../../tests/fixtures/keys/ed25519.pub");

    #[test]
    fn pub_file_text_gives_its_key() {
        let key = public_key_of(ED25519_PUB).unwrap();
        assert_eq!(keys::public_key_line(&key).unwrap(), ED25519_PUB.trim_end());
    }

    #[test]
    fn pem_and_garbage_are_refused_with_a_way_out() {
        let pem =
            public_key_of("-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----\n")
                .unwrap_err();
        assert!(pem.starts_with("a PEM key"), "{pem}");
        let garbage = public_key_of("hello world\n").unwrap_err();
        assert!(
            garbage.starts_with("not an OpenSSH public key"),
            "{garbage}"
        );
        assert_eq!(
            public_key_of("\n\n").unwrap_err(),
            "no key in it (the file is empty)"
        );
    }
}
