//! `sshgen copy`: put a public key on the clipboard, the last step of every
//! "add an SSH key to your account" guide.
//!
//! The key comes from any file [`keyfile`] reads: a `.pub` file, the public
//! half of a private key (no passphrase needed; for an encrypted PEM key, its
//! `.pub`), a one-key authorized_keys file, or standard input. A clipboard
//! that cannot be reached is a warning, not a failure: the key is printed
//! instead.

use std::io::Write;
use std::path::Path;

use base64ct::{Base64, Encoding};
use serde::Serialize;
use ssh_key::PublicKey;
use zeroize::Zeroizing;

use crate::clipboard::{self, CopyOutcome, Preference};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile::{self, KeyFileError, KeyInput, PrivateTextFormat};
use crate::keys;
use crate::ops::default_key;
use crate::output::{self, Output, Report, Ui};
use crate::passphrase::PassphraseSource;
use crate::passphrase::existing::OptionNames;
use crate::prompt::Prompter;
use crate::render::{self, ClipboardReport, CopiedKey};
use crate::unlock;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The key's file; `None` looks for [`default_key::PUBLIC_KEYS`] (or
    /// [`default_key::PRIVATE_KEYS`]).
    pub file: Option<Input>,
    pub clipboard: Preference,
    /// Copy the private key instead (`--private`), and how.
    pub private: Option<PrivateCopy>,
}

/// How `copy --private` copies.
#[derive(Clone, Debug)]
pub struct PrivateCopy {
    /// `None`: the file's own text, byte for byte.
    pub format: Option<PrivateTextFormat>,
    /// Copy an encrypted key decrypted.
    pub decrypt: bool,
    /// The passphrase, for `decrypt` or to re-encrypt in another format.
    pub passphrase: PassphraseSource,
    /// One base64 line.
    pub base64: bool,
    /// Seconds after which the clipboard is emptied if it still holds the key.
    pub clear_after: Option<u32>,
}

/// `copy`'s report: the key copied (JSON), or, when no clipboard took
/// it, the line to select by hand (text).
struct Copied<'a> {
    key: CopiedKey<'a>,
    failed: bool,
}

impl Serialize for Copied<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.key.serialize(serializer)
    }
}

impl Report for Copied<'_> {
    /// Something to select by hand when no clipboard is reachable.
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        if self.failed {
            writeln!(out, "{}", ui.visible(self.key.public_line))?;
        }
        Ok(())
    }
}

/// What `copy --private` did, as its JSON says.
#[derive(Serialize)]
struct CopiedPrivate {
    source: String,
    private: bool,
    encrypted: bool,
    format: &'static str,
    base64: bool,
    clipboard: &'static str,
    clear_after: Option<u32>,
}

impl Report for CopiedPrivate {
    /// Nothing on stdout: the key goes to the clipboard only.
    fn write_text(&self, _: &Ui, _: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn run(
    args: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(ui.output == Output::Text);
    if let Some(private) = &args.private {
        return copy_private(args, private, ui, prompter, stdout);
    }
    let input = match &args.file {
        Some(input) => input.clone(),
        None => Input::File(default_key::public("copy FILE")?),
    };
    let source = input.typed().display().to_string();
    let entry = crate::input::one_public_key(&input)?;
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

    let type_name = type_label.to_ascii_lowercase();
    let report = Copied {
        key: CopiedKey {
            source: &source,
            type_name: &type_name,
            bits: keys::bits(public.key_data()),
            comment: public.comment().as_str_lossy(),
            public_line: &public_line,
            sha256: &sha256,
            clipboard: ClipboardReport::of(&outcome),
        },
        failed: matches!(outcome, CopyOutcome::Failed { .. }),
    };
    output::emit(ui, &report, stdout)?;
    ui.notice(render::clipboard_notice(&outcome, &type_label, &sha256));
    Ok(())
}

/// `copy --private`: the private key's text on the clipboard, cleared
/// later; never printed, never through the terminal unless asked for.
fn copy_private(
    args: &Options,
    private: &PrivateCopy,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    if args.clipboard != Preference::Osc52 && clipboard::would_use_osc52(args.clipboard) {
        return Err(Error::Clipboard(
            "here the clipboard is the terminal's (OSC 52, over SSH): the private key would \
             pass through the terminal's scrollback and every multiplexer on the way; pass \
             --clipboard osc52 to send it anyway, or copy it on the machine itself"
                .to_owned(),
        ));
    }
    let input = match &args.file {
        Some(input) => input.clone(),
        None => Input::File(default_key::private("copy --private FILE")?),
    };
    let named = input.name();
    let bytes = crate::input::read_source(&input)?;
    let (text, form, stays_encrypted) = private_text(private, &bytes, named, prompter)?;
    let text = if private.base64 {
        Zeroizing::new(Base64::encode_string(text.as_bytes()))
    } else {
        text
    };

    let outcome = clipboard::copy_clearing(&text, args.clipboard, private.clear_after);
    let method = match outcome {
        CopyOutcome::Copied(method) => method,
        CopyOutcome::Failed { reason } => return Err(Error::Clipboard(reason)),
    };
    let clears = private
        .clear_after
        .filter(|_| method != clipboard::Method::Osc52);
    let report = CopiedPrivate {
        source: input.typed().to_string_lossy().into_owned(),
        private: true,
        encrypted: stays_encrypted,
        format: form_name(form),
        base64: private.base64,
        clipboard: method.label(),
        clear_after: clears,
    };
    output::emit(ui, &report, stdout)?;
    let state = if stays_encrypted {
        "still encrypted: the service needs its passphrase too"
    } else {
        "not encrypted"
    };
    let clearing = match clears {
        Some(seconds) => {
            format!("; it is cleared in {seconds} seconds unless something else is copied first")
        }
        None if method == clipboard::Method::Osc52 => {
            "; OSC 52 cannot be cleared later: copy something else when done".to_owned()
        }
        None => String::new(),
    };
    ui.aside(format!(
        "Copied the private key {} ({state}) to the clipboard via {method}{clearing}.",
        input.typed().display()
    ));
    Ok(())
}

/// The private key's text in the form asked for (that of the file without
/// `--format`), its form, and whether it is still encrypted. Opened only
/// when it must be rewritten.
fn private_text(
    private: &PrivateCopy,
    bytes: &[u8],
    named: &Path,
    prompter: &mut dyn Prompter,
) -> Result<(Zeroizing<String>, PrivateTextFormat, bool)> {
    let file = match keyfile::parse(bytes).map_err(|e| e.at(named))? {
        KeyInput::Private(file) => file,
        KeyInput::Public(_) => return Err(KeyFileError::NotPrivate.at(named)),
    };
    let encrypted = file.is_encrypted();
    // Without --format, the form the file is in.
    let form = private
        .format
        .unwrap_or(PrivateTextFormat::of(file.format()));
    let same_form = PrivateTextFormat::of(file.format()) == form;
    let (text, stays_encrypted) = if same_form && !(private.decrypt && encrypted) {
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| Error::KeyFile {
            path: named.to_path_buf(),
            problem: "not text (it is not valid UTF-8)".to_owned(),
        })?;
        (Zeroizing::new(text), encrypted)
    } else {
        let unlocked = unlock::open_bytes(
            bytes,
            named,
            &private.passphrase,
            OptionNames::Passphrase,
            prompter,
            "Enter passphrase: ",
        )?;
        let keep = (encrypted && !private.decrypt).then_some(&unlocked.passphrase);
        let text = keyfile::private_key_text(
            &unlocked.key,
            form,
            keep.map(|p| p.as_bytes()),
            unlocked
                .kdf_rounds
                .unwrap_or(crate::keys::DEFAULT_KDF_ROUNDS),
            &keyfile::ppk::WriteOptions::default(),
            named,
        )
        .map_err(|e| match e {
            Error::Usage(_) => keyfile::pem_keeps_no_passphrase(
                "use --format pkcs8, which keeps it, or add --decrypt",
            ),
            other => other,
        })?;
        (text, keep.is_some())
    };
    Ok((text, form, stays_encrypted))
}

fn form_name(form: PrivateTextFormat) -> &'static str {
    match form {
        PrivateTextFormat::Openssh => "openssh",
        PrivateTextFormat::Pem => "pem",
        PrivateTextFormat::Pkcs8 => "pkcs8",
        PrivateTextFormat::Ppk => "ppk",
    }
}
