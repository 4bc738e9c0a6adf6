//! Where an API token comes from: `--token-env VAR`, `--token-file
//! PATH|-`, else each host's usual variables (and, for GitHub, the token
//! the gh CLI keeps in its `hosts.yml`). Never from an argument's value:
//! a command line is visible to every user of the machine. The token is
//! checked to be one visible ASCII word (nothing that could end a header
//! line), kept in a [`Secret`], and only its source is ever named.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::http::{Credential, Secret};
use crate::services::Service;

/// The most of a token file read.
const MAX_TOKEN_FILE_BYTES: u64 = 1 << 20;

/// Where the command line says the token is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TokenChoice {
    /// The host's usual variables.
    #[default]
    Usual,
    /// The variable named.
    Env(String),
    /// This file, or standard input for `-`.
    File(PathBuf),
}

/// A token and where it came from.
#[derive(Clone, Debug)]
pub struct Token {
    pub credential: Credential,
    /// `GH_TOKEN`, `--token-file PATH`…: said in errors, never the token.
    pub source: String,
}

/// The variables each host's token is read from, in order (Bitbucket's
/// e-mail and API token pair aside). These are also removed from the
/// environment of every program sshgen runs.
pub fn variables(service: Service) -> &'static [&'static str] {
    match service {
        Service::Bitbucket => &["BITBUCKET_TOKEN", "BITBUCKET_API_TOKEN"],
        Service::Github => &[
            "GH_TOKEN",
            "GITHUB_TOKEN",
            "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN",
        ],
        Service::Gitlab => &["GITLAB_TOKEN"],
        Service::Gitea => &["GITEA_TOKEN", "FORGEJO_TOKEN"],
        Service::AzureDevops | Service::Ssh => &[],
    }
}

/// Every variable that may hold a token, for clearing a child's
/// environment.
pub fn all_variables() -> Vec<&'static str> {
    [
        Service::Bitbucket,
        Service::Github,
        Service::Gitlab,
        Service::Gitea,
    ]
    .into_iter()
    .flat_map(|s| variables(s).iter().copied())
    .collect()
}

/// Checks a token's text: one word of visible ASCII.
fn checked(text: &str, source: &str) -> Result<Secret> {
    let text = text.trim_end_matches(['\r', '\n']).trim();
    if text.is_empty() {
        return Err(Error::Usage(format!("the token from {source} is empty")));
    }
    if !text.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::Usage(format!(
            "the token from {source} is not one word of visible ASCII characters"
        )));
    }
    Ok(Secret::new(text.to_owned()))
}

/// The credential `service` wants for `secret`.
fn credential(service: Service, secret: Secret) -> Credential {
    match service {
        Service::Gitlab => Credential::PrivateToken(secret),
        Service::Gitea => Credential::Token(secret),
        Service::Bitbucket => match non_empty("BITBUCKET_EMAIL") {
            Some(user) => Credential::Basic {
                user,
                token: secret,
            },
            None => Credential::Bearer(secret),
        },
        Service::Github | Service::AzureDevops | Service::Ssh => Credential::Bearer(secret),
    }
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The token for `service` (at `host`, for GitHub Enterprise's gh
/// entry), or `None` when there is none.
pub fn find(service: Service, host: &str, choice: &TokenChoice) -> Result<Option<Token>> {
    match choice {
        TokenChoice::Env(name) => {
            let source = name.clone();
            let value = std::env::var(name).map_err(|_| {
                Error::Usage(format!("--token-env {name}: that variable is not set"))
            })?;
            let secret = checked(&value, &source)?;
            Ok(Some(Token {
                credential: credential(service, secret),
                source,
            }))
        }
        TokenChoice::File(path) => {
            let source = format!("--token-file {}", path.display());
            let input = crate::input::Input::from(path.clone()).expanded()?;
            let bytes =
                crate::input::read_at_most(input.open()?, input.name(), MAX_TOKEN_FILE_BYTES)?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| Error::Usage(format!("the token from {source} is not text")))?;
            let secret = checked(text, &source)?;
            Ok(Some(Token {
                credential: credential(service, secret),
                source,
            }))
        }
        TokenChoice::Usual => usual(service, host),
    }
}

fn usual(service: Service, host: &str) -> Result<Option<Token>> {
    if service == Service::Bitbucket {
        if let Some(value) = non_empty("BITBUCKET_TOKEN") {
            return Ok(Some(Token {
                credential: Credential::Bearer(checked(&value, "BITBUCKET_TOKEN")?),
                source: "BITBUCKET_TOKEN".to_owned(),
            }));
        }
        return match (
            non_empty("BITBUCKET_EMAIL"),
            non_empty("BITBUCKET_API_TOKEN"),
        ) {
            (Some(user), Some(value)) => Ok(Some(Token {
                credential: Credential::Basic {
                    user,
                    token: checked(&value, "BITBUCKET_API_TOKEN")?,
                },
                source: "BITBUCKET_EMAIL and BITBUCKET_API_TOKEN".to_owned(),
            })),
            _ => Ok(None),
        };
    }
    let names: &[&str] = match service {
        // GH_TOKEN and GITHUB_TOKEN first; gh's _ENTERPRISE_ pair for a
        // GitHub Enterprise server.
        Service::Github if host == "github.com" => &["GH_TOKEN", "GITHUB_TOKEN"],
        other => variables(other),
    };
    for name in names {
        if let Some(value) = non_empty(name) {
            return Ok(Some(Token {
                credential: credential(service, checked(&value, name)?),
                source: (*name).to_owned(),
            }));
        }
    }
    if service == Service::Github
        && let Some(path) = gh_hosts_file()
        && let Some(value) = gh_token(&path, host)?
    {
        let source = format!("gh's {}", path.display());
        return Ok(Some(Token {
            credential: Credential::Bearer(checked(&value, &source)?),
            source,
        }));
    }
    Ok(None)
}

/// gh's `hosts.yml`: in `$GH_CONFIG_DIR`, else the platform's config
/// folder (`$XDG_CONFIG_HOME/gh` or `~/.config/gh`; `%AppData%\GitHub CLI`
/// on Windows).
fn gh_hosts_file() -> Option<PathBuf> {
    let dir = match non_empty("GH_CONFIG_DIR") {
        Some(dir) => PathBuf::from(dir),
        None if cfg!(windows) => dirs::config_dir()?.join("GitHub CLI"),
        None => match non_empty("XDG_CONFIG_HOME") {
            Some(dir) => PathBuf::from(dir).join("gh"),
            None => crate::platform::home_dir().ok()?.join(".config").join("gh"),
        },
    };
    Some(dir.join("hosts.yml"))
}

/// The `oauth_token` of `host` in gh's `hosts.yml`, when it keeps one
/// there (gh keeps it in the system's keyring when it can).
fn gh_token(path: &Path, host: &str) -> Result<Option<String>> {
    let file = match crate::input::open_regular(path) {
        Ok(file) => file,
        Err(_) => return Ok(None),
    };
    let bytes = crate::input::read_at_most(file, path, MAX_TOKEN_FILE_BYTES)?;
    Ok(std::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| hosts_yml_token(text, host)))
}

/// The token of `host`'s active account in a `hosts.yml`: the
/// `oauth_token` directly under the top-level `HOST:` key, else (gh 2.40
/// and later, when it may not use a keyring) the one under
/// `users: ACCOUNT:` for the `user:` that is active, never another
/// account's.
fn hosts_yml_token(text: &str, host: &str) -> Option<String> {
    // The host's block: each line's indentation, key and value.
    let mut block: Vec<(usize, &str, &str)> = Vec::new();
    let mut in_host = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let content = line.trim_start_matches([' ', '\t']);
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let (key, value) = content.split_once(':').unwrap_or((content, ""));
        let (key, value) = (key.trim().trim_matches(['"', '\'']), value.trim());
        if indent == 0 {
            in_host = key == host;
        } else if in_host {
            block.push((indent, key, value.trim_matches(['"', '\''])));
        }
    }
    let top = block.iter().map(|(indent, ..)| *indent).min()?;
    let at_top = |wanted: &str| {
        block
            .iter()
            .find(|(indent, key, value)| *indent == top && *key == wanted && !value.is_empty())
            .map(|(_, _, value)| *value)
    };
    if let Some(token) = at_top("oauth_token") {
        return Some(token.to_owned());
    }
    let user = at_top("user")?;
    let users = block
        .iter()
        .position(|(indent, key, _)| *indent == top && *key == "users")?;
    let mut account_indent = None;
    for &(indent, key, value) in &block[users + 1..] {
        if indent <= top {
            break;
        }
        match account_indent {
            Some(outer) if indent <= outer => account_indent = None,
            Some(_) if key == "oauth_token" && !value.is_empty() => return Some(value.to_owned()),
            _ => {}
        }
        if account_indent.is_none() && key == user {
            account_indent = Some(indent);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gh_hosts_yml_gives_the_token_of_the_host_asked() {
        let text = "github.com:\n    user: me\n    oauth_token: gho_abc\n    git_protocol: ssh\n\
                    ghe.example.com:\n    oauth_token: \"gho_ent\"\n";
        assert_eq!(
            hosts_yml_token(text, "github.com").as_deref(),
            Some("gho_abc")
        );
        assert_eq!(
            hosts_yml_token(text, "ghe.example.com").as_deref(),
            Some("gho_ent")
        );
        assert_eq!(hosts_yml_token(text, "gitlab.com"), None);
        // gh 2.40 and later keep the token in the keyring: no oauth_token.
        assert_eq!(
            hosts_yml_token(
                "github.com:\n    users:\n        me:\n    user: me\n",
                "github.com"
            ),
            None
        );
        // Without a keyring, each account's token under users: the active
        // one's, never the first listed.
        let accounts = "github.com:\n    git_protocol: ssh\n    users:\n        alice:\n            \
                        oauth_token: gho_alice\n        bob:\n            oauth_token: gho_bob\n    \
                        user: bob\nghe.example.com:\n    users:\n        bob:\n    user: bob\n";
        assert_eq!(
            hosts_yml_token(accounts, "github.com").as_deref(),
            Some("gho_bob")
        );
        assert_eq!(hosts_yml_token(accounts, "ghe.example.com"), None);
        // The host's own oauth_token, which gh writes for the active
        // account too, comes first.
        let both = "github.com:\n    users:\n        alice:\n            oauth_token: gho_alice\n    \
                    oauth_token: gho_active\n    user: alice\n";
        assert_eq!(
            hosts_yml_token(both, "github.com").as_deref(),
            Some("gho_active")
        );
    }

    #[test]
    fn a_token_is_one_visible_word() {
        assert_eq!(checked("abc\n", "T").unwrap().expose(), "abc");
        for bad in ["", "\n", "a b", "a\r\nX-Evil: 1", "tök"] {
            assert!(checked(bad, "T").is_err(), "{bad:?}");
        }
    }
}
