//! `sshgen copy`: put a public key on the clipboard, the last step of every
//! "add an SSH key to your account" guide.
//!
//! The key comes from any file [`keyfile`] reads: a `.pub` file, the public
//! half of a private key (no passphrase needed; for an encrypted PEM key, its
//! `.pub`), a one-key authorized_keys file, or standard input. A clipboard
//! that cannot be reached is a warning, not a failure: the key is printed
//! instead.

use std::io::Write;
use std::path::PathBuf;

use ssh_key::PublicKey;

use crate::clipboard::{self, CopyOutcome, Preference};
use crate::commands::Output;
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile;
use crate::keys;
use crate::platform;
use crate::render::{self, CopiedKey};

/// Public keys `sshgen copy` looks for in `~/.ssh`, in this order (OpenSSH's
/// preference among the types sshgen makes).
pub const DEFAULT_PUBLIC_KEYS: &[&str] = &["id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"];

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The key's file; `None` looks for [`DEFAULT_PUBLIC_KEYS`].
    pub file: Option<Input>,
    pub clipboard: Preference,
    pub output: Output,
}

pub fn run(args: &Options, stdout: &mut impl Write) -> Result<()> {
    let input = match &args.file {
        Some(input) => input.clone(),
        None => Input::File(default_public_key()?),
    };
    let source = input.typed().display().to_string();
    let entry = keyfile::one_public_key(&input)?;
    let public = PublicKey::new(
        entry.key,
        entry
            .trailing_comment
            .as_deref()
            .unwrap_or_default()
            .trim_end_matches('\r'),
    );

    let public_line = keys::public_key_line(&public)?;
    let sha256 = keys::fingerprint(public.key_data(), FingerprintHash::Sha256)?;
    let type_label = keys::type_label(&public.algorithm());
    let outcome = clipboard::copy(&public_line, args.clipboard);

    let printed = if args.output == Output::Json {
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
    } else if matches!(outcome, CopyOutcome::Failed { .. }) && args.output == Output::Text {
        // Something to select by hand when no clipboard is reachable.
        writeln!(
            stdout,
            "{}",
            crate::render::visible(&public_line, crate::platform::utf8_locale())
        )
    } else {
        Ok(())
    };
    crate::commands::flushed(printed, stdout)?;
    if args.output != Output::Quiet {
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
