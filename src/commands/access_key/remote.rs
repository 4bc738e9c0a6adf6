//! The API half of `access-key`: the repository's [`Api`] with its token,
//! the key made sure of on the host (found, or added), the proof that it
//! clones (`git ls-remote` through the alias, retried while the host
//! takes the new key in), and the private key handed to the build
//! service.

use std::path::Path;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::code_host::token::{self, TokenChoice};
use crate::code_host::{Api, RemoteKey, SecretRequest, StoredSecret};
use crate::error::{Error, Result};
use crate::http::Client;
use crate::ops::access_key_records::CiCopy;
use crate::ops::ssh_login::{self, Outcome, Route};
use crate::platform;
use crate::services::Service;

/// How long a new key may take to be accepted.
const VERIFY_WITHIN: Duration = Duration::from_secs(20);
const VERIFY_PAUSE: Duration = Duration::from_secs(2);

/// Where the API is and how to reach it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiOptions {
    /// The API base, when not the service's own.
    pub api_url: Option<String>,
    pub token: TokenChoice,
}

/// The repository's API, when a token is found; `None` without one.
pub fn api(
    service: Service,
    repo: &str,
    hostname: Option<&str>,
    options: &ApiOptions,
) -> Result<Option<Api>> {
    let Some(base) = options
        .api_url
        .clone()
        .or_else(|| service.api_base(hostname))
    else {
        return match service {
            Service::AzureDevops => Err(Error::Refused(
                "Azure DevOps has no public API for SSH keys: add the key on its settings page"
                    .to_owned(),
            )),
            _ => Err(Error::Usage(format!(
                "{} is self-hosted: pass --hostname HOST or --api-url URL",
                service.label()
            ))),
        };
    };
    let host = hostname.or(service.hostname()).unwrap_or_default();
    let Some(found) = token::find(service, host, &options.token)? else {
        return Ok(None);
    };
    let cert_file = platform::ssl_cert_file();
    let client = Client::new(&base, Some(found.credential), cert_file.as_deref())?;
    Ok(Some(Api::new(service, repo, client, found.source)))
}

/// How to give sshgen a token for `service`, for the line that says so.
pub fn token_hint(service: Service) -> String {
    let names = match service {
        Service::Bitbucket => {
            "BITBUCKET_TOKEN (an access token), or BITBUCKET_EMAIL and BITBUCKET_API_TOKEN"
                .to_owned()
        }
        Service::Github => "GH_TOKEN or GITHUB_TOKEN (or log in with gh)".to_owned(),
        other => token::variables(other).join(" or "),
    };
    format!("set {names}, or pass --token-env VAR or --token-file FILE, and run it again")
}

/// The key on the host: found by its body, else added under `label`;
/// and whether it was added now.
pub fn ensure_added(
    api: &Api,
    label: &str,
    public_line: &str,
    write: bool,
) -> Result<(RemoteKey, bool)> {
    if let Some(found) = api.keys()?.into_iter().find(|k| k.is(public_line)) {
        return Ok((found, false));
    }
    match api.add(label, public_line, write) {
        Ok(key) => Ok((key, true)),
        // A request retried after a 5xx or a lost connection may have
        // been carried out the first time: then the host says the key is
        // taken, and it is there, by this very request.
        Err(error) => match api.keys()?.into_iter().find(|k| k.is(public_line)) {
            Some(found) => Ok((found, true)),
            None => Err(error),
        },
    }
}

/// What the proof by cloning came to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Verified {
    pub refs: usize,
    pub attempts: u32,
}

/// `git ls-remote` over `route` until it lists the refs, for as long as
/// the host may take to accept a new key; any other failure ends it.
pub fn verify(route: Route, what: &str) -> Result<Verified> {
    let started = Instant::now();
    let scrub = token::all_variables();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let listed = ssh_login::ls_remote(route, &scrub)?;
        let reason = match listed.outcome {
            Outcome::Authenticated { .. } => {
                return Ok(Verified {
                    refs: listed.refs,
                    attempts,
                });
            }
            Outcome::KeyRefused if started.elapsed() + VERIFY_PAUSE < VERIFY_WITHIN => {
                std::thread::sleep(VERIFY_PAUSE);
                continue;
            }
            Outcome::KeyRefused => format!(
                "the server still refused the key after {} s",
                started.elapsed().as_secs()
            ),
            Outcome::HostKeyUnknown => "the server's host key is not recorded".to_owned(),
            Outcome::HostKeyChanged => {
                "the server's host key differs from the one recorded".to_owned()
            }
            Outcome::ConnectionFailed { reason } => {
                crate::render::visible_line(&reason, true).into_owned()
            }
        };
        return Err(Error::Refused(format!(
            "git ls-remote {what} failed: {reason}"
        )));
    }
}

/// Gives the private key at `private_key` to the builds of `ci_repo`
/// (`api` is the access key's repository). Bitbucket's recipe is one key
/// pair per pipeline: when `ci_repo` has a Pipelines key pair of its own
/// already, its public key becomes an access key of the repository too,
/// and the pair is left alone. A pair sshgen stored there (this key, or
/// what `previous` says an earlier run stored) is sshgen's to replace.
pub fn store_for_ci(
    api: &Api,
    ci_repo: &str,
    options: &super::Options,
    (private_key, public_line): (&Path, &str),
    previous: Option<&CiCopy>,
) -> Result<StoredSecret> {
    let Some(ci_api) = self::api(
        api.service,
        ci_repo,
        options.hostname.as_deref(),
        &options.api,
    )?
    else {
        return Err(Error::Usage(format!(
            "--ci needs a token: {}",
            token_hint(api.service)
        )));
    };
    let stored_by_sshgen =
        previous.is_some_and(|ci| ci.kind == "pipelines-key-pair" && ci.repository == ci_repo);
    if api.service == Service::Bitbucket
        && !stored_by_sshgen
        && let Some(pipelines_key) = crate::code_host::bitbucket::pipelines_public_key(&ci_api)?
        && !crate::code_host::same_key(&pipelines_key, public_line)
    {
        let label = format!("Pipelines of {ci_repo}");
        ensure_added(api, &label, &pipelines_key, false)?;
        return Ok(StoredSecret {
            kind: "pipelines-own-key-pair",
            name: None,
            repository: ci_repo.to_owned(),
            replaced: false,
            usage: Some(format!(
                "{ci_repo} keeps its own Pipelines key pair; its public key is now an access key \
                 of {}",
                api.repo
            )),
        });
    }
    let name = options
        .secret_name
        .clone()
        .unwrap_or_else(|| secret_name(&api.repo));
    let private_text = private_text_for_ci(private_key)?;
    let host_keys: Vec<String> = options.host_key.iter().cloned().collect();
    let known_host = options
        .hostname
        .as_deref()
        .filter(|_| !host_keys.is_empty())
        .map(|host| (host, host_keys.as_slice()));
    ci_api.store_secret(&SecretRequest {
        name: &name,
        private_text: &private_text,
        public_line,
        known_host,
    })
}

/// The private key as a build service must hold it: the file's text with
/// LF line ends and one final newline (CRLF and a missing newline are
/// what break CI keys most often: "error in libcrypto").
pub fn private_text_for_ci(path: &Path) -> Result<Zeroizing<String>> {
    let input = crate::input::Input::File(path.to_path_buf());
    let bytes = crate::input::read_source(&input)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::KeyFile {
        path: path.to_path_buf(),
        problem: "not text".to_owned(),
    })?;
    let mut out = Zeroizing::new(text.replace("\r\n", "\n"));
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// The default secret name for `repo`'s key: `ACME_WIDGET_DEPLOY_KEY`.
pub fn secret_name(repo: &str) -> String {
    let mut name: String = repo
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name.push_str("_DEPLOY_KEY");
    name
}

/// Refuses a secret name the hosts would refuse or misread: letters,
/// digits and `_`, not starting with a digit or `GITHUB_`.
pub fn check_secret_name(name: &str) -> Result<()> {
    let good = !name.is_empty()
        && name.len() <= 200
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !name.to_ascii_uppercase().starts_with("GITHUB_");
    if good {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "--secret-name {name:?}: use letters, digits and _, not starting with a digit or GITHUB_"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_are_derived_and_checked() {
        assert_eq!(secret_name("acme/widget"), "ACME_WIDGET_DEPLOY_KEY");
        assert_eq!(secret_name("9lives/a.b-c"), "_9LIVES_A_B_C_DEPLOY_KEY");
        assert!(check_secret_name("ACME_WIDGET_DEPLOY_KEY").is_ok());
        for bad in ["", "GITHUB_X", "1A", "A-B", "A B"] {
            assert!(check_secret_name(bad).is_err(), "{bad}");
        }
    }
}
