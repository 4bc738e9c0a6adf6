//! `sshgen agent add|list|remove`: keys in the ssh-agent, as `ssh-add`
//! puts them there, lists and removes them, and with its messages: `Identity
//! added: PATH (COMMENT)` and the rest on stderr, `ssh-add -l`'s lines on
//! stdout. The protocol is in [`crate::agent`].

use std::io::Write;
use std::path::PathBuf;

use base64ct::{Base64, Encoding};
use serde::Serialize;

use crate::agent::socket::Agent;
use crate::agent::{self, Constraints, ReplyError};
use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keys;
use crate::ops::agent::{add, reply_error, shown_path};
use crate::output::{self, Output, Ui};
use crate::passphrase::PassphraseSource;
use crate::passphrase::existing::OptionNames;
use crate::platform;
use crate::prompt::Prompter;
use crate::render::{Shape, ShownKey, write_text};
use crate::unlock;

/// The keys `agent add` adds when none is named, in ssh-add's order (the
/// types sshgen reads).
pub const DEFAULT_KEYS: &[&str] = &[
    "id_rsa",
    "id_ecdsa",
    "id_ecdsa_sk",
    "id_ed25519",
    "id_ed25519_sk",
];

/// How often `agent add` asks for a passphrase at the terminal.
const PASSPHRASE_TRIES: u32 = 3;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub enum Options {
    Add {
        /// The keys; none means [`DEFAULT_KEYS`] in `~/.ssh`.
        keys: Vec<Input>,
        passphrase: PassphraseSource,
        constraints: Constraints,
        /// `-S`: the provider a security key's key is used through.
        sk_provider: Option<std::ffi::OsString>,
    },
    List {
        hash: FingerprintHash,
        /// Public key lines (`ssh-add -L`) instead of fingerprints.
        public: bool,
    },
    Remove {
        /// The keys whose public halves are removed; empty with `all`.
        keys: Vec<Input>,
        all: bool,
    },
}

/// The agent's keys, as `agent list --json` lists them.
#[derive(Serialize)]
#[serde(transparent)]
struct Held<'a> {
    keys: Vec<HeldKey<'a>>,
}

/// One key the agent holds.
#[derive(Serialize)]
struct HeldKey<'a> {
    #[serde(rename = "type")]
    type_label: Option<String>,
    bits: Option<u32>,
    fingerprint: Option<String>,
    comment: &'a str,
    public_key: String,
}

pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    crate::progress::show(true);
    match options {
        Options::Add {
            keys,
            passphrase,
            constraints,
            sk_provider,
        } => {
            let keys = match keys.as_slice() {
                [] => default_keys()?,
                named => named.to_vec(),
            };
            // Connected first: no passphrase is asked for an agent that is not there.
            let mut agent = Agent::connect()?;
            // Asked at the terminal, a wrong passphrase is asked for again,
            // as ssh-add asks, up to three tries in all.
            let asks = matches!(passphrase, PassphraseSource::Ask) && prompter.is_interactive();
            for input in &keys {
                let mut prompt = format!("Enter passphrase for {}: ", shown_path(input));
                let mut tries = 1;
                let unlocked = loop {
                    match unlock::open(
                        input,
                        passphrase,
                        OptionNames::Passphrase,
                        prompter,
                        &prompt,
                    ) {
                        Err(Error::IncorrectPassphrase { .. })
                            if asks && tries < PASSPHRASE_TRIES =>
                        {
                            tries += 1;
                            prompt =
                                format!("Bad passphrase, try again for {}: ", shown_path(input));
                        }
                        other => break other?,
                    }
                };
                let added = add(
                    &mut agent,
                    input,
                    &unlocked.key,
                    *constraints,
                    sk_provider.as_deref(),
                )?;
                added.notices().into_iter().for_each(|line| ui.notice(line));
            }
            Ok(())
        }
        Options::List { hash, public } => list(*hash, *public, ui, stdout),
        Options::Remove { keys, all } => {
            let mut agent = Agent::connect()?;
            if *all {
                agent::status(&agent.call(&agent::remove_all_identities())?)
                    .map_err(|e| reply_error(&agent, e, "to remove all identities"))?;
                ui.notice("All identities removed.");
                return Ok(());
            }
            for input in keys {
                remove(&mut agent, input, ui)?;
            }
            Ok(())
        }
    }
}

/// `ssh-add -l` (or `-L`), or the same as JSON.
fn list(hash: FingerprintHash, public: bool, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    let mut agent = Agent::connect()?;
    let identities = agent::identities(&agent.call(&agent::request_identities())?)
        .map_err(|e| reply_error(&agent, e, "to list its identities"))?;
    let shape = Shape {
        hash,
        randomart: false,
        bubblebabble: false,
        utf8: ui.context.utf8,
    };
    let printed = if ui.output == Output::Json {
        let keys = identities
            .iter()
            .map(|identity| {
                let shown = identity.entry.as_ref().map(ShownKey::from_entry);
                HeldKey {
                    type_label: shown.as_ref().map(|s| s.label.clone()),
                    bits: shown.as_ref().map(|s| s.bits),
                    fingerprint: shown.as_ref().and_then(|s| {
                        keys::fingerprint(&s.key, hash)
                            .ok()
                            .map(|fp| fp.to_string())
                    }),
                    comment: &identity.comment,
                    public_key: public_line(&identity.blob, &identity.comment),
                }
            })
            .collect();
        output::json_line(stdout, &Held { keys })
    } else if identities.is_empty() {
        crate::output::flushed(writeln!(stdout, "The agent has no identities."), stdout)?;
        return Err(Error::AlreadyReported);
    } else {
        identities.iter().try_for_each(|identity| {
            if public {
                let line = public_line(&identity.blob, &identity.comment);
                return writeln!(stdout, "{}", crate::render::visible_line(&line, shape.utf8));
            }
            match &identity.entry {
                Some(entry) => {
                    // A comment is one field: a line break in it must not
                    // fake a line of the listing.
                    let mut key = ShownKey::from_entry(entry);
                    key.comment = key
                        .comment
                        .map(|c| crate::render::visible_line(&c, shape.utf8).into_owned());
                    write_text(&key, shape, stdout)
                }
                None => {
                    ui.warning(format!(
                        "the agent holds a key of a type sshgen does not know ({})",
                        identity.comment
                    ));
                    Ok(())
                }
            }
        })
    };
    crate::output::flushed(printed, stdout)
}

/// `TYPE BASE64 COMMENT`, as `ssh-add -L` prints an identity.
fn public_line(blob: &[u8], comment: &str) -> String {
    use ssh_key::encoding::Decode;
    let type_name = String::decode(&mut &blob[..]).unwrap_or_default();
    format!("{type_name} {} {comment}", Base64::encode_string(blob))
}

/// Removes the key of one file (its public half: a `.pub`, or a private
/// key, through its `.pub` when encrypted), as `ssh-add -d` does.
fn remove(agent: &mut Agent, input: &Input, ui: &Ui) -> Result<()> {
    let entry = crate::input::one_public_key(input)?;
    let blob = keys::public_key_blob(&entry.key)?;
    let label = keys::type_label(&entry.algorithm);
    let path = shown_path(input);
    let request =
        agent::remove_identity(&blob).map_err(|e| Error::key("cannot encode the key", e))?;
    agent::status(&agent.call(&request)?).map_err(|e| match e {
        ReplyError::Refused => Error::Agent(format!(
            "the ssh-agent does not hold {path} ({label} {}); `sshgen agent list` shows \
             what it holds",
            keys::fingerprint(&entry.key, FingerprintHash::Sha256)
                .map(|fp| fp.to_string())
                .unwrap_or_default()
        )),
        other => reply_error(agent, other, "the removal"),
    })?;
    let comment = entry
        .trailing_comment
        .as_deref()
        .map(|c| c.trim_end_matches('\r'))
        .unwrap_or("no comment");
    ui.notice(format!("Identity removed: {path} {label} ({comment})"));
    Ok(())
}

/// The keys of [`DEFAULT_KEYS`] that exist in `~/.ssh`.
fn default_keys() -> Result<Vec<Input>> {
    let dir = platform::ssh_dir()?;
    let found: Vec<PathBuf> = DEFAULT_KEYS
        .iter()
        .map(|name| dir.join(name))
        .filter(|path| path.exists())
        .collect();
    if found.is_empty() {
        return Err(Error::Agent(format!(
            "no key to add: none of {} is in {}; name the key file: `sshgen agent add FILE`",
            DEFAULT_KEYS.join(", "),
            dir.display()
        )));
    }
    Ok(found.into_iter().map(Input::File).collect())
}
