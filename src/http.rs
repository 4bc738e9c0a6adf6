//! The one HTTPS client, for the code hosts' REST APIs (`access-key`'s
//! upload, rotation, listing and CI secrets).
//!
//! - TLS verifies against the platform's trust store (rustls with the
//!   platform verifier; native-tls on macOS, whose Security framework is
//!   the platform's own), or against the certificates in `SSL_CERT_FILE`
//!   alone when that variable names a file, as OpenSSL-based tools do.
//! - `HTTPS_PROXY` / `ALL_PROXY` and `NO_PROXY` are honoured (ureq reads
//!   them); a redirect is never followed, so a token is never sent on to
//!   another host.
//! - Plain `http://` only for a loopback API base (a test server or a
//!   tunnel on this machine).
//! - A connect timeout and a total timeout per request; answers read
//!   within a bound; 429 and 5xx retried with backoff that honours
//!   `Retry-After`, within a bound on the whole wait.
//!
//! The credential goes in one header, built here from a [`Credential`],
//! and is never part of an error message.

use std::time::Duration;

use base64ct::Encoding as _;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take, all told.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The most of an answer read: API pages are kilobytes.
const MAX_ANSWER_BYTES: u64 = 8 << 20;
/// The most attempts at one request (the first and its retries).
const MAX_ATTEMPTS: u32 = 4;
/// The longest sshgen waits before one retry, whatever `Retry-After` says,
/// and the most it waits for retries of one request in all.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(20);
const MAX_TOTAL_WAIT: Duration = Duration::from_secs(40);
/// The most of an `SSL_CERT_FILE` read.
const MAX_CERT_FILE_BYTES: u64 = 4 << 20;

/// A secret that authenticates to an API: wiped when dropped, never shown
/// by `Debug`.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(text: String) -> Secret {
        Secret(Zeroizing::new(text))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// How a host wants its credential.
#[derive(Clone, Debug)]
pub enum Credential {
    /// `Authorization: Bearer TOKEN` (GitHub, Bitbucket access tokens).
    Bearer(Secret),
    /// `Authorization: Basic` of `USER:TOKEN` (Bitbucket API tokens).
    Basic { user: String, token: Secret },
    /// `PRIVATE-TOKEN: TOKEN` (GitLab).
    PrivateToken(Secret),
    /// `Authorization: token TOKEN` (Gitea, Forgejo).
    Token(Secret),
}

impl Credential {
    /// The header's name and value.
    fn header(&self) -> (&'static str, Zeroizing<String>) {
        match self {
            Credential::Bearer(token) => (
                "Authorization",
                Zeroizing::new(format!("Bearer {}", token.expose())),
            ),
            Credential::Basic { user, token } => {
                let pair = Zeroizing::new(format!("{user}:{}", token.expose()));
                let encoded = Zeroizing::new(base64ct::Base64::encode_string(pair.as_bytes()));
                (
                    "Authorization",
                    Zeroizing::new(format!("Basic {}", encoded.as_str())),
                )
            }
            Credential::PrivateToken(token) => {
                ("PRIVATE-TOKEN", Zeroizing::new(token.expose().to_owned()))
            }
            Credential::Token(token) => (
                "Authorization",
                Zeroizing::new(format!("token {}", token.expose())),
            ),
        }
    }
}

/// An answer: its status, the headers sshgen reads, and its body.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    /// The `Link` header's `rel="next"` address (GitHub, GitLab, Gitea).
    pub next: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON (`null` when empty).
    pub fn json(&self) -> Result<serde_json::Value> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(serde_json::Value::Null);
        }
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::Refused(format!(
                "the API answered {} with a body that is not JSON ({e})",
                self.status
            ))
        })
    }

    pub fn success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A client for one API base (`https://api.github.com`,
/// `https://HOST/api/v4`…).
pub struct Client {
    agent: ureq::Agent,
    base: String,
    credential: Option<Credential>,
}

/// Checks an API base: `https://` with a host, or `http://` to a loopback
/// address; no user name, query or fragment. Returns it without a final `/`.
pub fn check_base(base: &str) -> Result<String> {
    let bad = |why: &str| Err(Error::Usage(format!("--api-url {base:?}: {why}")));
    let (scheme, rest) = match base.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => return bad("not an address (want https://HOST[/PATH])"),
    };
    if base.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return bad("has spaces or control characters");
    }
    if rest.contains(['?', '#', '@']) {
        return bad("must not have a user name, query or fragment");
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    if host.is_empty() {
        return bad("has no host");
    }
    match scheme.as_str() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return bad(
                "plain http is only for this machine (127.0.0.1, ::1, localhost); use https",
            );
        }
        _ => return bad("want https://"),
    }
    Ok(format!("{scheme}://{}", rest.trim_end_matches('/')))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The certificates sshgen trusts: those in `SSL_CERT_FILE` when it names
/// a file, else the platform's.
fn root_certs(cert_file: Option<&std::path::Path>) -> Result<ureq::tls::RootCerts> {
    let Some(path) = cert_file else {
        return Ok(ureq::tls::RootCerts::PlatformVerifier);
    };
    let file = crate::input::open_regular(path)?;
    let text = crate::input::read_at_most(file, path, MAX_CERT_FILE_BYTES)?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&text) {
        if let Ok(ureq::tls::PemItem::Certificate(cert)) = item {
            certs.push(cert);
        }
    }
    if certs.is_empty() {
        return Err(Error::Usage(format!(
            "SSL_CERT_FILE {} holds no PEM certificate",
            path.display()
        )));
    }
    Ok(ureq::tls::RootCerts::new_with_certs(&certs))
}

impl Client {
    /// A client for `base` (checked by [`check_base`]) that sends
    /// `credential` with every request. `cert_file` is `SSL_CERT_FILE`.
    pub fn new(
        base: &str,
        credential: Option<Credential>,
        cert_file: Option<&std::path::Path>,
    ) -> Result<Client> {
        let base = check_base(base)?;
        let provider = if cfg!(target_os = "macos") {
            ureq::tls::TlsProvider::NativeTls
        } else {
            ureq::tls::TlsProvider::Rustls
        };
        let tls = ureq::tls::TlsConfig::builder()
            .provider(provider)
            .root_certs(root_certs(cert_file)?)
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .proxy(ureq::Proxy::try_from_env())
            .user_agent(concat!("sshgen/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build()
            .into();
        Ok(Client {
            agent,
            base,
            credential,
        })
    }

    /// The base, for messages.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The address of `path` (which starts with `/`), or `path` itself when
    /// it is a whole address under the same base (a `next` link).
    fn address(&self, path: &str) -> Result<String> {
        if path.starts_with('/') {
            return Ok(format!("{}{path}", self.base));
        }
        // A page link must stay on the API's own host: the credential goes
        // with it.
        let origin = |url: &str| {
            url.split_once("://").map(|(s, rest)| {
                (
                    s.to_ascii_lowercase(),
                    rest.split('/')
                        .next()
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                )
            })
        };
        if origin(path).is_some() && origin(path) == origin(&self.base) {
            return Ok(path.to_owned());
        }
        Err(Error::Refused(format!(
            "the API at {} pointed to another address ({}); sshgen does not send the token there",
            self.base,
            crate::render::visible(path, false)
        )))
    }

    /// Sends one request, with `body` as JSON, and retries 429 and 5xx
    /// answers and failed connections within the bounds above.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
        extra_headers: &[(&str, &str)],
    ) -> Result<Answer> {
        let address = self.address(path)?;
        let body = match body {
            Some(value) => Zeroizing::new(
                serde_json::to_vec(value)
                    .map_err(|e| Error::Refused(format!("cannot write the request's JSON: {e}")))?,
            ),
            None => Zeroizing::new(Vec::new()),
        };
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        loop {
            let (outcome, wait) = match self.once(method, &address, &body, extra_headers) {
                Ok((answer, retry_after)) if retryable(answer.status) => {
                    let wait = retry_after.unwrap_or_else(|| backoff(attempt));
                    (Ok(answer), wait)
                }
                Ok((answer, _)) => return Ok(answer),
                Err(Failure::Connect(message)) => (Err(Error::Refused(message)), backoff(attempt)),
                Err(Failure::Other(message)) => return Err(Error::Refused(message)),
            };
            let wait = wait.min(MAX_RETRY_WAIT);
            if attempt >= MAX_ATTEMPTS || waited + wait > MAX_TOTAL_WAIT {
                return outcome;
            }
            std::thread::sleep(wait);
            waited += wait;
            attempt += 1;
        }
    }

    /// One request.
    fn once(
        &self,
        method: &str,
        address: &str,
        body: &[u8],
        extra_headers: &[(&str, &str)],
    ) -> std::result::Result<(Answer, Option<Duration>), Failure> {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(address)
            .header("Accept", "application/json");
        if !body.is_empty() {
            request = request.header("Content-Type", "application/json");
        }
        for (name, value) in extra_headers {
            request = request.header(*name, *value);
        }
        let secret;
        if let Some(credential) = &self.credential {
            let (name, value) = credential.header();
            secret = value;
            request = request.header(name, secret.as_str());
        }
        let request = request
            .body(body)
            .map_err(|e| Failure::Other(format!("cannot make the request to {address}: {e}")))?;
        let mut response = self.agent.run(request).map_err(|e| classify(address, &e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let next = header("link").and_then(|link| next_link(&link));
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| classify(address, &e))?;
        Ok((Answer { status, next, body }, retry_after))
    }
}

/// Why a request got no answer.
enum Failure {
    /// No connection (refused, timed out, name not found): worth retrying.
    Connect(String),
    Other(String),
}

fn classify(address: &str, error: &ureq::Error) -> Failure {
    let message = format!("cannot reach {address}: {error}");
    match error {
        ureq::Error::Io(_)
        | ureq::Error::Timeout(_)
        | ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed => Failure::Connect(message),
        _ => Failure::Other(message),
    }
}

fn retryable(status: u16) -> bool {
    status == 429 || (500..600).contains(&status) && status != 501
}

/// The wait before retry `attempt` when the host names none: 1, 2, 4 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1 << (attempt - 1).min(4))
}

/// The `rel="next"` address of a `Link` header (RFC 8288).
pub fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        params
            .split(';')
            .map(str::trim)
            .any(|p| p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next"))
            .then(|| target.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_base_is_https_or_loopback_http() {
        assert_eq!(
            check_base("https://api.github.com/").unwrap(),
            "https://api.github.com"
        );
        assert_eq!(
            check_base("http://127.0.0.1:8080/api/v4").unwrap(),
            "http://127.0.0.1:8080/api/v4"
        );
        assert!(check_base("http://[::1]:80").is_ok());
        for bad in [
            "http://example.com",
            "ftp://example.com",
            "https://user@example.com",
            "https://example.com/?a",
            "example.com",
            "https://",
            "https://exa mple.com",
        ] {
            assert!(check_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_next_page_is_read_from_the_link_header() {
        let link = "<https://api.github.com/repositories/1/keys?page=2>; rel=\"next\", \
                    <https://api.github.com/repositories/1/keys?page=5>; rel=\"last\"";
        assert_eq!(
            next_link(link).as_deref(),
            Some("https://api.github.com/repositories/1/keys?page=2")
        );
        assert_eq!(next_link("<https://x/?page=1>; rel=\"prev\""), None);
    }

    #[test]
    fn a_credential_is_not_in_debug_output() {
        let credential = Credential::Bearer(Secret::new("ghp_secret".to_owned()));
        assert!(!format!("{credential:?}").contains("ghp_secret"));
        let (name, value) = Credential::Basic {
            user: "me@example.com".to_owned(),
            token: Secret::new("t".to_owned()),
        }
        .header();
        assert_eq!(name, "Authorization");
        assert_eq!(value.as_str(), "Basic bWVAZXhhbXBsZS5jb206dA==");
    }
}
