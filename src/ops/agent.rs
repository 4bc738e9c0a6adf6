//! A decrypted key added to the ssh-agent, as ssh-add adds it, returning
//! ssh-add's messages for the command to say (`agent add`, `generate
//! --agent`); the agent's refusals in words, for every command that talks
//! to it.

use std::ffi::OsStr;

use ssh_key::PrivateKey;

use crate::agent::socket::Agent;
use crate::agent::{self, Constraints, ReplyError};
use crate::error::{Error, Result};
use crate::input::Input;

/// A key the agent took, and with what constraints.
pub struct Added {
    /// The file as ssh-add names it.
    pub path: String,
    /// The comment the agent holds it under.
    pub comment: String,
    pub constraints: Constraints,
}

impl Added {
    /// ssh-add's lines about it: `Identity added: …`, and the constraints.
    pub fn notices(&self) -> Vec<String> {
        let mut lines = vec![format!("Identity added: {} ({})", self.path, self.comment)];
        if let Some(seconds) = self.constraints.lifetime {
            lines.push(format!("Lifetime set to {seconds} seconds"));
        }
        if self.constraints.confirm {
            lines.push("The user must confirm each use of the key".to_owned());
        }
        lines
    }
}

/// Adds one decrypted key, named by `input` in messages, as ssh-add does:
/// its comment, or the file's name when it has none. A security key's key
/// goes with the provider the agent is to use: `sk_provider` (`-S`), else
/// `SSH_SK_PROVIDER`, else the agent's own USB support (`internal`).
pub fn add(
    agent: &mut Agent,
    input: &Input,
    key: &PrivateKey,
    constraints: Constraints,
    sk_provider: Option<&OsStr>,
) -> Result<Added> {
    let path = shown_path(input);
    let comment = match key.comment().as_str_lossy() {
        "" => path.clone(),
        comment => comment.to_owned(),
    };
    let provider = match crate::security_key::key_fields(key.key_data()) {
        None => None,
        Some(_) => {
            let route = crate::security_key::Route::choose(sk_provider.map(OsStr::to_owned));
            let name = route.provider_name();
            Some(name.into_string().map_err(|name| {
                Error::Usage(format!(
                    "the provider's path is not UTF-8: {}",
                    name.to_string_lossy()
                ))
            })?)
        }
    };
    let request = agent::add_identity(key, &comment, constraints, provider.as_deref())
        .map_err(|e| Error::key("cannot encode the key for the agent", e))?;
    agent::status(&agent.call(&request)?).map_err(|e| {
        reply_error(
            agent,
            e,
            &match &provider {
                None => format!(
                    "to add {path}: it may be locked (ssh-add -X unlocks it), or not take \
                     a constraint asked for (-t, --confirm)"
                ),
                Some(provider) => format!(
                    "to add {path}: it may be locked (ssh-add -X unlocks it), or not allow \
                     the security key provider {provider} (ssh-agent -P lists those it \
                     allows)"
                ),
            },
        )
    })?;
    Ok(Added {
        path,
        comment,
        constraints,
    })
}

/// The file as ssh-add names it: as typed, `(stdin)` for standard input.
pub fn shown_path(input: &Input) -> String {
    match input {
        Input::Stdin => "(stdin)".to_owned(),
        Input::File(path) => path.display().to_string(),
    }
}

/// The error for an answer that is not SUCCESS: `what` the agent refused.
pub fn reply_error(agent: &Agent, error: ReplyError, what: &str) -> Error {
    match error {
        ReplyError::Refused => Error::Agent(format!("the ssh-agent refused {what}")),
        ReplyError::Unexpected(why) => agent.not_an_agent(&why),
    }
}
