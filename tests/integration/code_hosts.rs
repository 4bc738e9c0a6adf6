//! The access-key guide without a browser, against stand-ins for the code
//! hosts' APIs (tests/standins/code_hosts.py: HTTPS on 127.0.0.1 with a
//! test CA given through SSL_CERT_FILE, every request checked against the
//! host's published contract) and a real sshd whose
//! AuthorizedKeysCommand asks the stand-in which deploy keys exist, with
//! git behind it: a key added through the API really clones, a key
//! deleted through it really stops working.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::access_key::{Forge, start_forge_with};
use crate::util::{Env, output_of, read, require, text};

pub(crate) const TOKEN: &str = "stand-in-admin-token-0123456789";
const READ_ONLY_TOKEN: &str = "stand-in-reader-token";

/// The stand-in server, stopped when dropped.
pub(crate) struct StandIn {
    child: Child,
    port: u16,
    pub(crate) ca: PathBuf,
    /// The X25519 key GitHub seals Actions secrets to.
    secret_key: crypto_box::SecretKey,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl StandIn {
    fn start(env: &Env) -> StandIn {
        let dir = env.path("standin");
        std::fs::create_dir_all(&dir).unwrap();
        let openssl = |args: &[&str]| {
            output_of(Command::new("openssl").args(args).current_dir(&dir));
        };
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=test-ca",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ]);
        openssl(&[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ]);
        std::fs::write(
            dir.join("ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n\
             basicConstraints=CA:FALSE\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "ext",
            "-out",
            "server.pem",
        ]);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/standins/code_hosts.py");
        let port_file = dir.join("port");
        let child = Command::new("python3")
            .arg(script)
            .arg(dir.join("server.pem"))
            .arg(dir.join("server.key"))
            .arg(&port_file)
            .stdin(Stdio::null())
            .spawn()
            .expect("start the stand-in");
        let started = Instant::now();
        while !port_file.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the stand-in did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let port = read(&port_file).trim().parse().unwrap();
        let secret_key = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        let stand_in = StandIn {
            child,
            port,
            ca: dir.join("ca.pem"),
            secret_key,
        };
        let public = base64_of(stand_in.secret_key.public_key().as_bytes());
        stand_in.control(&serde_json::json!({
            "config": {
                "repos": ["acme/widget", "acme/ci", "acme/other", "acme/hidden"],
                "hidden": ["acme/hidden"],
                "tokens": {
                    "github": { TOKEN: "admin", READ_ONLY_TOKEN: "reader" },
                    "gitlab": { TOKEN: "admin", READ_ONLY_TOKEN: "reader" },
                    "gitea": { TOKEN: "admin", READ_ONLY_TOKEN: "reader" },
                    "bitbucket": { TOKEN: "admin", READ_ONLY_TOKEN: "reader" },
                },
                "github_secret_public_key": public,
            }
        }));
        stand_in
    }

    fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    fn curl(&self, args: &[&str]) -> String {
        output_of(
            Command::new("curl")
                .args(["-sS", "-f", "--cacert"])
                .arg(&self.ca)
                .args(args),
        )
    }

    fn control(&self, body: &serde_json::Value) {
        self.curl(&[
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            &body.to_string(),
            &self.url("/_control"),
        ]);
    }

    fn state(&self) -> serde_json::Value {
        serde_json::from_str(&self.curl(&[&self.url("/_state")])).unwrap()
    }

    /// The keys the stand-in holds for `host` and `repo`.
    fn keys(&self, host: &str, repo: &str) -> Vec<serde_json::Value> {
        self.state()["keys"][format!("{host} {repo}")]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The API base of `host`.
    fn api(&self, host: &str) -> String {
        self.url(match host {
            "github" => "/github",
            "gitlab" => "/gitlab/api/v4",
            "gitea" => "/gitea/api/v1",
            _ => "/bitbucket",
        })
    }

    fn assert_no_violations(&self) {
        let state = self.state();
        assert_eq!(state["violations"], serde_json::json!([]), "{state:#}");
    }
}

/// A JSON object's keys, sorted.
fn keys(json: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn base64_of(bytes: &[u8]) -> String {
    use base64ct::Encoding;
    base64ct::Base64::encode_string(bytes)
}

/// The stand-in, and a git server over a real sshd that lets in the
/// deploy keys the stand-in holds.
pub(crate) struct Hosts {
    env: Env,
    pub(crate) stand_in: StandIn,
    forge: Forge,
}

pub(crate) fn hosts() -> Option<Hosts> {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(_), Some(_), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("git"),
        require("python3"),
        require("openssl"),
        require("/usr/bin/curl"),
    ) else {
        return None;
    };
    let env = Env::new();
    let stand_in = StandIn::start(&env);
    let keys_command = format!(
        "AuthorizedKeysCommand /usr/bin/curl -sf --cacert {} https://127.0.0.1:{}/_sshd/keys\n\
         AuthorizedKeysCommandUser root\n",
        stand_in.ca.display(),
        stand_in.port
    );
    let forge = start_forge_with(&env, &sshd, &ssh_keygen, &keys_command);
    Some(Hosts {
        env,
        stand_in,
        forge,
    })
}

impl Hosts {
    /// sshgen with the stand-in's CA trusted and `token` in `variable`.
    fn sshgen(&self, variable: &str, token: &str, args: &[&str]) -> std::process::Output {
        self.env
            .command()
            .env("SSL_CERT_FILE", &self.stand_in.ca)
            .env(variable, token)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run sshgen")
    }

    /// The arguments that point `access-key SERVICE REPO` at the forge and
    /// the stand-in.
    pub(crate) fn target(&self, service: &str, repo: &str) -> Vec<String> {
        let user = crate::interop::current_user();
        vec![
            service.to_owned(),
            repo.to_owned(),
            "--hostname".to_owned(),
            "127.0.0.1".to_owned(),
            "--port".to_owned(),
            self.forge.port.to_string(),
            "--user".to_owned(),
            user,
            "--host-key".to_owned(),
            self.forge.host_key.clone(),
            "--api-url".to_owned(),
            self.stand_in.api(service),
            "--no-copy".to_owned(),
        ]
    }

    fn add(
        &self,
        variable: &str,
        service: &str,
        repo: &str,
        more: &[&str],
    ) -> std::process::Output {
        let mut args = vec!["access-key".to_owned()];
        args.extend(self.target(service, repo));
        args.extend(more.iter().map(|s| (*s).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.sshgen(variable, TOKEN, &args)
    }
}

fn variable_of(service: &str) -> &'static str {
    match service {
        "github" => "GH_TOKEN",
        "gitlab" => "GITLAB_TOKEN",
        "gitea" => "GITEA_TOKEN",
        _ => "BITBUCKET_TOKEN",
    }
}

/// `git ls-remote` of the forge's repository with `key` alone: whether the
/// server lets it in.
fn clones_with(hosts: &Hosts, key: &Path) -> bool {
    let user = crate::interop::current_user();
    crate::authorized_keys::git_with_key(
        &["ls-remote", &format!("{user}@127.0.0.1:acme/widget.git")],
        hosts.forge.port,
        key,
    )
    .status
    .success()
}

#[test]
fn each_host_adds_the_key_proves_it_by_cloning_and_finds_it_again() {
    let Some(hosts) = hosts() else { return };
    for (service, kind) in [
        ("github", "deploy key"),
        ("gitlab", "deploy key"),
        ("gitea", "deploy key"),
        ("bitbucket", "access key"),
    ] {
        let made = hosts.add(variable_of(service), service, "acme/widget", &[]);
        let stdout = text(&made.stdout);
        assert!(
            made.status.success(),
            "{service}: {stdout}{}",
            text(&made.stderr)
        );
        let key = hosts.env.ssh_dir().join(format!("{service}-acme__widget"));
        let public = read(&key.with_extension("pub"));
        let on_host = hosts.stand_in.keys(service, "acme/widget");
        assert_eq!(on_host.len(), 1, "{service}: {on_host:?}");
        let id = on_host[0]["id"].as_u64().unwrap();
        let label = format!("{kind} acme/widget on {}", crate::util::host_name());
        assert!(
            stdout.contains(&format!(
                "  on {}: added as {kind} \"{label}\" (id {id})\n",
                match service {
                    "github" => "GitHub",
                    "gitlab" => "GitLab",
                    "gitea" => "Gitea",
                    _ => "Bitbucket",
                }
            )),
            "{stdout}"
        );
        assert!(
            stdout.contains(&format!(
                "  verified:  git ls-remote through Host {service}-acme__widget with this key \
                 alone listed 2 refs\n"
            )),
            "{stdout}"
        );
        assert_eq!(
            on_host[0]["key"].as_str().unwrap(),
            public
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert!(clones_with(&hosts, &key), "{service}");

        // Again: found by its body, not added twice.
        let again = hosts.add(variable_of(service), service, "acme/widget", &["--json"]);
        assert!(again.status.success(), "{}", text(&again.stderr));
        let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(json["remote_key_added"], false);
        assert_eq!(json["remote_key"]["id"], id);
        assert_eq!(hosts.stand_in.keys(service, "acme/widget").len(), 1);

        // Removed through the API: it stops cloning, and nothing is left here.
        let removed = hosts.sshgen(
            variable_of(service),
            TOKEN,
            &["access-key", "remove", service, "acme/widget", "--keep-key"],
        );
        assert!(removed.status.success(), "{}", text(&removed.stderr));
        if service == "github" {
            // Once more, as JSON: nothing left on the host to delete.
            let json = hosts.sshgen(
                variable_of(service),
                TOKEN,
                &[
                    "access-key",
                    "remove",
                    service,
                    "acme/widget",
                    "--keep-key",
                    "--json",
                ],
            );
            assert_eq!(
                json.status.code(),
                Some(2),
                "no record left: {}",
                text(&json.stderr)
            );
        }
        assert!(
            text(&removed.stdout).contains(&format!("  on the host: deleted (id {id})\n")),
            "{}",
            text(&removed.stdout)
        );
        assert!(hosts.stand_in.keys(service, "acme/widget").is_empty());
        assert!(!clones_with(&hosts, &key), "{service}: still clones");
        assert!(
            !read(&hosts.env.ssh_dir().join("config")).contains(&format!("{service}-acme__widget"))
        );
        std::fs::remove_file(&key).unwrap();
        std::fs::remove_file(key.with_extension("pub")).unwrap();
    }
    // The host key stays while an alias of the user's own still reaches
    // that host; with none, it goes.
    let pinned = format!("[127.0.0.1]:{} ", hosts.forge.port);
    let config = hosts.env.ssh_dir().join("config");
    for own_alias in [true, false] {
        let made = hosts.add("GH_TOKEN", "github", "acme/widget", &["--no-verify"]);
        assert!(made.status.success(), "{}", text(&made.stderr));
        if own_alias {
            let mut text = read(&config);
            text.push_str(&format!(
                "Host mybox\n  HostName 127.0.0.1\n  Port {}\n",
                hosts.forge.port
            ));
            std::fs::write(&config, text).unwrap();
        }
        let removed = hosts.sshgen(
            "GH_TOKEN",
            TOKEN,
            &["access-key", "remove", "github", "acme/widget"],
        );
        assert!(removed.status.success(), "{}", text(&removed.stderr));
        let stdout = text(&removed.stdout);
        let known_hosts = read(&hosts.env.ssh_dir().join("known_hosts"));
        if own_alias {
            assert!(
                stdout.contains("  host key:    kept (Host mybox reaches that host too)\n"),
                "{stdout}"
            );
            assert!(known_hosts.contains(&pinned), "{known_hosts}");
            std::fs::write(&config, "").unwrap();
        } else {
            assert!(
                stdout.contains("  host key:    removed (no other alias uses that host)\n"),
                "{stdout}"
            );
            assert!(!known_hosts.contains(&pinned), "{known_hosts}");
        }
    }
    hosts.stand_in.assert_no_violations();
}

#[test]
fn labels_change_where_the_host_allows_and_list_shows_the_hosts_view() {
    let Some(hosts) = hosts() else { return };
    for service in ["bitbucket", "gitlab", "github"] {
        let made = hosts.add(
            variable_of(service),
            service,
            "acme/widget",
            &["--no-verify"],
        );
        assert!(made.status.success(), "{}", text(&made.stderr));
        let relabelled = hosts.sshgen(
            variable_of(service),
            TOKEN,
            &[
                "access-key",
                "label",
                service,
                "acme/widget",
                "build server 2",
            ],
        );
        if service == "github" {
            assert_eq!(relabelled.status.code(), Some(1));
            assert_eq!(
                text(&relabelled.stderr),
                "sshgen: error: GitHub cannot change a deploy key's title; `sshgen access-key \
                 rotate` adds a new key under a new label\n"
            );
            continue;
        }
        assert!(relabelled.status.success(), "{}", text(&relabelled.stderr));
        let id = hosts.stand_in.keys(service, "acme/widget")[0]["id"]
            .as_u64()
            .unwrap();
        assert_eq!(
            text(&relabelled.stdout),
            format!("Labelled the access key of acme/widget (id {id}) \"build server 2\"\n")
        );
        assert_eq!(
            hosts.stand_in.keys(service, "acme/widget")[0]["title"],
            "build server 2"
        );
    }
    // A key on the host that no key here matches is listed as such.
    hosts.stand_in.control(&serde_json::json!({"seed": [{
        "host": "gitlab", "repo": "acme/widget", "title": "someone's laptop",
        "key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
    }]}));
    let listed = hosts.sshgen(
        "GITLAB_TOKEN",
        TOKEN,
        &["access-key", "list", "--remote", "--json"],
    );
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let gitlab = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "gitlab")
        .unwrap();
    assert_eq!(gitlab["remote"], "on-host");
    assert_eq!(gitlab["remote_key"]["label"], "build server 2");
    assert_eq!(gitlab["others_on_host"][0]["label"], "someone's laptop");
    // The others have no token here: said, not fatal.
    let bitbucket = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "bitbucket")
        .unwrap();
    assert_eq!(bitbucket["remote"], "unknown");
    hosts.stand_in.assert_no_violations();
}

fn label_of(service: &str) -> &'static str {
    match service {
        "github" => "GitHub",
        "gitlab" => "GitLab",
        "gitea" => "Gitea",
        _ => "Bitbucket",
    }
}

/// An Ed25519 public key line of fixed bytes.
fn seed_key(byte: u8) -> String {
    let mut blob = b"\0\0\0\x0bssh-ed25519\0\0\0\x20".to_vec();
    blob.extend([byte; 32]);
    format!("ssh-ed25519 {}", base64_of(&blob))
}

#[test]
fn api_failures_say_what_to_do_and_busy_hosts_are_retried() {
    let Some(hosts) = hosts() else { return };
    for (n, service) in ["github", "gitlab", "gitea", "bitbucket"]
        .into_iter()
        .enumerate()
    {
        let variable = variable_of(service);
        let label = label_of(service);
        // Pages are followed: five keys of others first.
        let seeds: Vec<serde_json::Value> = (0..5u8)
            .map(|i| {
                serde_json::json!({"host": service, "repo": "acme/widget",
                    "title": format!("old {i}"), "key": seed_key(u8::try_from(n).unwrap() * 10 + i + 1)})
            })
            .collect();
        hosts
            .stand_in
            .control(&serde_json::json!({ "seed": seeds }));
        // A 429 with Retry-After, then a 502: both retried.
        let keys_path = if service == "gitlab" {
            "/deploy_keys"
        } else {
            "keys"
        };
        hosts.stand_in.control(&serde_json::json!({"faults": [
            {"method": "GET", "path": keys_path, "status": 429, "retry_after": 1, "times": 1},
            {"method": "POST", "path": keys_path, "status": 502, "times": 1},
        ]}));
        let made = hosts.add(variable, service, "acme/widget", &["--no-verify"]);
        assert!(made.status.success(), "{service}: {}", text(&made.stderr));
        assert_eq!(
            hosts.stand_in.keys(service, "acme/widget").len(),
            6,
            "{service}"
        );
        let again = hosts.add(variable, service, "acme/widget", &["--no-verify", "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(
            json["remote_key_added"], false,
            "{service}: found on the third page"
        );
        // The host adds the key but its answer is lost to a 502: the
        // retried request is told the key is taken, and sshgen finds it
        // there, added once.
        hosts.stand_in.control(&serde_json::json!({"faults": [
            {"method": "POST", "path": keys_path, "status": 502, "times": 1, "after": true},
        ]}));
        let lost = hosts.add(variable, service, "acme/ci", &["--no-verify", "--json"]);
        assert!(lost.status.success(), "{service}: {}", text(&lost.stderr));
        let json: serde_json::Value = serde_json::from_slice(&lost.stdout).unwrap();
        assert_eq!(json["remote_key_added"], true);
        assert_eq!(
            hosts.stand_in.keys(service, "acme/ci").len(),
            1,
            "{service}"
        );

        let run = |repo: &str, variable: &str, token: &str| {
            let mut args = vec!["access-key".to_owned()];
            args.extend(hosts.target(service, repo));
            args.push("--no-verify".to_owned());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = hosts.sshgen(variable, token, &args);
            assert!(!text(&out.stdout).contains(token) && !text(&out.stderr).contains(token));
            (out.status.code(), text(&out.stderr))
        };
        // 401: the token's source named, never the token.
        let (code, stderr) = run("acme/other", variable, "wrong-token");
        assert_eq!(code, Some(1));
        assert!(
            stderr.contains(&format!("sshgen: error: {label} did not accept the token from {variable} (401) when listing the access keys: it is wrong, expired or revoked\n")),
            "{stderr}"
        );
        // 403: the permission it needs.
        let (code, stderr) = run("acme/other", variable, READ_ONLY_TOKEN);
        assert_eq!(code, Some(1));
        let needs = match service {
            "github" => "it needs the repository permission \"Administration: write\"",
            "gitlab" => {
                "it needs the Maintainer role on the project and a token with the api scope"
            }
            "gitea" => {
                "it needs admin rights on the repository and a token with the write:repository scope"
            }
            _ => {
                "it needs admin on the repository (an access token with admin:repository:bitbucket and write:ssh-key:bitbucket"
            }
        };
        assert!(
            stderr.contains(&format!("sshgen: error: {label} refused listing the access keys on acme/other to the token from {variable} (403: "))
                && stderr.contains(needs),
            "{stderr}"
        );
        // 404: missing or invisible.
        let (code, stderr) = run("acme/nothing", variable, TOKEN);
        assert_eq!(code, Some(1));
        assert!(
            stderr.contains(&format!("sshgen: error: {label} has no repository acme/nothing that the token from {variable} can see (404 when listing the access keys)")),
            "{stderr}"
        );
        // A key already on another repository: what that means on this host.
        let other = hosts
            .env
            .ssh_dir()
            .join(format!("{service}-acme__other.pub"));
        // (On GitLab, in a project the token cannot see: one it can see
        // would have the key joined to this project too.)
        let elsewhere = if service == "gitlab" {
            "acme/hidden"
        } else {
            "acme/widget"
        };
        let on_widget = serde_json::json!({"seed": [{"host": service, "repo": elsewhere,
            "title": "elsewhere", "key": read(&other).trim()}]});
        hosts.stand_in.control(&on_widget);
        let (code, stderr) = run("acme/other", variable, TOKEN);
        assert_eq!(code, Some(1), "{stderr}");
        let why = match service {
            "github" => "on GitHub a deploy key serves one repository only",
            "gitlab" => "the key is a deploy key of a GitLab project this token cannot see",
            "gitea" => "Gitea takes each key once",
            _ => "Bitbucket takes each key once",
        };
        assert!(
            stderr.contains(&format!("sshgen: error: {label} refused the key ("))
                && stderr.contains(why),
            "{service}: {stderr}"
        );
    }
    hosts.stand_in.assert_no_violations();
}

#[test]
fn tokens_come_from_files_named_variables_gh_and_bitbucket_api_tokens() {
    let Some(hosts) = hosts() else { return };
    let token_file = hosts.env.path("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let run = |service: &str, repo: &str, setup: &dyn Fn(&mut Command), more: &[&str]| {
        let mut args = vec!["access-key".to_owned()];
        args.extend(hosts.target(service, repo));
        args.extend(["--no-verify".to_owned(), "--json".to_owned()]);
        args.extend(more.iter().map(|s| (*s).to_owned()));
        let mut command = hosts.env.command();
        command.env("SSL_CERT_FILE", &hosts.stand_in.ca).args(&args);
        setup(&mut command);
        let out = command.stdin(Stdio::null()).output().unwrap();
        assert!(
            out.status.success(),
            "{service} {repo}: {}",
            text(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    // --token-file, and --write: a deploy key that may push.
    let json = run(
        "github",
        "acme/widget",
        &|_| {},
        &["--token-file", token_file.to_str().unwrap(), "--write"],
    );
    assert_eq!(json["remote_key"]["read_only"], false);
    // --token-env names any variable.
    run(
        "gitlab",
        "acme/widget",
        &|c| {
            c.env("MY_TOKEN", TOKEN);
        },
        &["--token-env", "MY_TOKEN"],
    );
    // gh's hosts.yml.
    let gh = hosts.env.path("gh");
    std::fs::create_dir_all(&gh).unwrap();
    std::fs::write(
        gh.join("hosts.yml"),
        format!("127.0.0.1:\n    user: me\n    oauth_token: {TOKEN}\n"),
    )
    .unwrap();
    run(
        "github",
        "acme/other",
        &|c| {
            c.env("GH_CONFIG_DIR", &gh);
        },
        &[],
    );
    // Bitbucket's API token with the account's e-mail, as HTTP Basic.
    run(
        "bitbucket",
        "acme/widget",
        &|c| {
            c.env("BITBUCKET_EMAIL", "me@example.com")
                .env("BITBUCKET_API_TOKEN", TOKEN);
        },
        &[],
    );
    let requests = hosts.stand_in.state()["requests"].clone();
    let basic = format!(
        "Basic {}",
        base64_of(format!("me@example.com:{TOKEN}").as_bytes())
    );
    assert!(
        requests
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["headers"]["authorization"] == basic.as_str()),
        "{requests:#}"
    );
    hosts.stand_in.assert_no_violations();
}

/// Where a rotation is killed.
#[derive(Clone, Debug)]
enum Kill {
    /// While the stand-in hangs at a request (`method`, `path`, `when`).
    AtRequest(serde_json::Value),
    /// At the n-th rename (strace), so inside the local swap too.
    AtRename(PathBuf, usize),
}

/// Runs `access-key rotate gitea acme/widget`, killed as `kill` says;
/// returns its exit status, `None` when it was killed.
fn rotate_killed_at(hosts: &Hosts, kill: Option<&Kill>) -> Option<i32> {
    let mut command = match kill {
        Some(Kill::AtRename(strace, n)) => {
            let mut command = hosts.env.command_of(strace);
            command
                .args(["-o", "/dev/null", "-e"])
                .arg(format!("inject=rename:signal=KILL:when={n}"))
                .arg("--")
                .arg(crate::util::sshgen_bin());
            command
        }
        Some(Kill::AtRequest(hang)) => {
            hosts.stand_in.control(&serde_json::json!({ "hang": hang }));
            hosts.env.command()
        }
        None => hosts.env.command(),
    };
    let mut child = command
        .env("SSL_CERT_FILE", &hosts.stand_in.ca)
        .env("GITEA_TOKEN", TOKEN)
        .args(["access-key", "rotate", "gitea", "acme/widget"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            // strace passes on the tracee's status; killed is 128 + 9.
            return status.code().filter(|&code| code != 137);
        }
        if matches!(kill, Some(Kill::AtRequest(_))) && hosts.stand_in.state()["hanging"] == true {
            child.kill().unwrap();
            child.wait().unwrap();
            hosts.stand_in.control(&serde_json::json!({"hang": null}));
            return None;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "rotate hung: {kill:?} {}",
            hosts.stand_in.state()["requests"]
                .as_array()
                .map(|r| r
                    .iter()
                    .map(|x| format!("{} {}", x["method"], x["path"]))
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether the key the builds hold (the Gitea Actions secret) clones.
fn builds_clone(hosts: &Hosts) -> bool {
    let secret = hosts.stand_in.state()["secrets"]["gitea acme/ci ACME_WIDGET_DEPLOY_KEY"]["data"]
        .as_str()
        .unwrap()
        .to_owned();
    let file = hosts.env.path("builds-key");
    std::fs::write(&file, secret).unwrap();
    crate::rewrite::set_mode(&file, 0o600);
    clones_with(hosts, &file)
}

#[test]
fn a_rotation_killed_at_any_step_is_finished_by_running_it_again() {
    let Some(hosts) = hosts() else { return };
    let Some(strace) = require("strace") else {
        return;
    };
    let made = hosts.add("GITEA_TOKEN", "gitea", "acme/widget", &["--ci", "acme/ci"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let key = hosts.env.ssh_dir().join("gitea-acme__widget");
    // Killed: after the host added the new key; after the builds' copy
    // was replaced; after the host deleted the old key; and at every
    // rename (the new pair written, the old one backed up, the swap), until
    // a run gets to its end.
    let mut kills: Vec<Option<Kill>> = [
        ("POST", "/keys"),
        ("PUT", "/actions/secrets/"),
        ("DELETE", "/keys/"),
    ]
    .into_iter()
    .map(|(method, path)| {
        Some(Kill::AtRequest(
            serde_json::json!({"method": method, "path": path, "when": "after"}),
        ))
    })
    .collect();
    kills.extend(
        (1..)
            .map(|n| Some(Kill::AtRename(strace.clone(), n)))
            .take(20),
    );
    let mut renames = 0;
    for kill in kills {
        let old = read(&key.with_extension("pub"));
        let status = rotate_killed_at(&hosts, kill.as_ref());
        // The first rename that never comes: the rotation ran to its end.
        let finished = status == Some(0);
        assert!(finished || status.is_none(), "{kill:?}: {status:?}");
        assert!(
            !finished || matches!(kill, Some(Kill::AtRename(..))),
            "{kill:?}: never reached"
        );
        if finished && matches!(kill, Some(Kill::AtRename(..))) {
            // The new pair written, the old pair backed up, the swap.
            assert!(renames >= 6, "only {renames} renames");
        }
        renames += usize::from(matches!(kill, Some(Kill::AtRename(..))));
        // Never without a working key: the one the alias names clones,
        // and so does the builds' copy.
        assert!(
            clones_with(&hosts, &key),
            "{kill:?}: the alias's key is locked out"
        );
        assert!(builds_clone(&hosts), "{kill:?}: the builds are locked out");
        let mut report = serde_json::Value::Null;
        if !finished {
            let rerun = hosts.sshgen(
                "GITEA_TOKEN",
                TOKEN,
                &["access-key", "rotate", "gitea", "acme/widget", "--json"],
            );
            assert!(
                rerun.status.success(),
                "{kill:?}: re-run: {}",
                text(&rerun.stderr)
            );
            report = serde_json::from_slice(&rerun.stdout).unwrap();
        }
        // The end state: one new key, here and on the host.
        let new = read(&key.with_extension("pub"));
        assert_ne!(new, old, "{kill:?}");
        let on_host = hosts.stand_in.keys("gitea", "acme/widget");
        assert_eq!(on_host.len(), 1, "{kill:?}: {on_host:?}");
        assert_eq!(
            on_host[0]["key"].as_str().unwrap(),
            new.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
        );
        if !finished {
            assert_eq!(
                report["new_key_id"], on_host[0]["id"],
                "{kill:?}: {report:#}"
            );
        }
        assert!(on_host[0]["title"].as_str().unwrap().contains("(rotated "));
        assert!(!hosts.env.ssh_dir().join("gitea-acme__widget.new").exists());
        assert!(!hosts.env.ssh_dir().join("gitea-acme__widget.old").exists());
        assert_eq!(crate::util::mode(&key), 0o600);
        // The builds' copy is the new key.
        assert_eq!(
            hosts.stand_in.state()["secrets"]["gitea acme/ci ACME_WIDGET_DEPLOY_KEY"]["data"],
            read(&key).as_str()
        );
        if finished && matches!(kill, Some(Kill::AtRename(..))) {
            break;
        }
    }
    // `--json`: every step, and what the host holds now.
    let out = hosts.sshgen(
        "GITEA_TOKEN",
        TOKEN,
        &["access-key", "rotate", "gitea", "acme/widget", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        keys(&json),
        [
            "alias",
            "ci",
            "new_key_id",
            "new_label",
            "old_key_deleted",
            "private_key_path",
            "repository",
            "service",
            "steps",
        ]
    );
    assert_eq!(json["old_key_deleted"], true);
    assert_eq!(json["ci"]["kind"], "actions-secret");
    // A host that never lets the new key in: the rotation stops before
    // anything is swapped or deleted, and the old key still clones.
    let before = read(&key);
    let last_id = hosts.stand_in.state()["next_id"].as_u64().unwrap() - 1;
    hosts
        .stand_in
        .control(&serde_json::json!({"config": {"sshd_ignores_after": last_id}}));
    let out = hosts.sshgen(
        "GITEA_TOKEN",
        TOKEN,
        &["access-key", "rotate", "gitea", "acme/widget"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("sshgen: error: git ls-remote with the new key alone failed: the server still refused the key after "),
        "{stderr}"
    );
    assert!(
        stderr.contains("sshgen: the same command again finishes the rotation\n"),
        "{stderr}"
    );
    assert_eq!(read(&key), before);
    assert_eq!(hosts.stand_in.keys("gitea", "acme/widget").len(), 2);
    assert!(clones_with(&hosts, &key));
    hosts.stand_in.assert_no_violations();
}

#[test]
fn the_private_key_reaches_each_build_service_as_the_file_holds_it() {
    let Some(hosts) = hosts() else { return };
    for service in ["github", "gitlab", "gitea", "bitbucket"] {
        let made = hosts.add(
            variable_of(service),
            service,
            "acme/widget",
            &["--ci", "acme/ci", "--no-verify"],
        );
        assert!(made.status.success(), "{service}: {}", text(&made.stderr));
        let private = read(&hosts.env.ssh_dir().join(format!("{service}-acme__widget")));
        assert!(private.ends_with("-----END OPENSSH PRIVATE KEY-----\n"));
        let state = hosts.stand_in.state();
        match service {
            "github" => {
                let sealed = &state["secrets"]["github acme/ci ACME_WIDGET_DEPLOY_KEY"];
                use base64ct::Encoding;
                let bytes =
                    base64ct::Base64::decode_vec(sealed["encrypted_value"].as_str().unwrap())
                        .unwrap();
                let opened = hosts.stand_in.secret_key.unseal(&bytes).unwrap();
                assert_eq!(String::from_utf8(opened).unwrap(), private);
                assert!(
                    text(&made.stdout).contains(
                        "  builds:    the private key is the Actions secret ACME_WIDGET_DEPLOY_KEY of acme/ci\n"
                    ),
                    "{}",
                    text(&made.stdout)
                );
            }
            "gitlab" => {
                let variable = &state["secrets"]["gitlab acme/ci ACME_WIDGET_DEPLOY_KEY"];
                assert_eq!(variable["variable_type"], "file");
                assert_eq!(variable["protected"], true);
                assert_eq!(variable["value"].as_str().unwrap(), private);
            }
            "gitea" => {
                let secret = &state["secrets"]["gitea acme/ci ACME_WIDGET_DEPLOY_KEY"];
                assert_eq!(secret["data"].as_str().unwrap(), private);
            }
            _ => {
                let pair = &state["pipelines"]["acme/ci"];
                assert_eq!(pair["private_key"].as_str().unwrap(), private);
                let known = &state["known_hosts"]["acme/ci"][0];
                assert_eq!(known["hostname"], "127.0.0.1");
                // Run again, the pair is found to be sshgen's own: nothing
                // is written twice, and a rotation replaces it.
                let again = hosts.add(
                    variable_of(service),
                    service,
                    "acme/widget",
                    &["--ci", "acme/ci", "--no-verify"],
                );
                assert!(
                    text(&again.stdout).contains(
                        "  builds:    the private key is the Pipelines SSH key pair of acme/ci\n"
                    ),
                    "{}{}",
                    text(&again.stdout),
                    text(&again.stderr)
                );
                let state = hosts.stand_in.state();
                assert_eq!(state["known_hosts"]["acme/ci"].as_array().unwrap().len(), 1);
                let puts = state["requests"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| {
                        r["method"] == "PUT" && r["path"].as_str().unwrap().ends_with("key_pair")
                    })
                    .count();
                assert_eq!(puts, 1, "the unchanged pair was stored again");
                let rotated = hosts.sshgen(
                    variable_of(service),
                    TOKEN,
                    &["access-key", "rotate", service, "acme/widget"],
                );
                assert!(rotated.status.success(), "{}", text(&rotated.stderr));
                let private = read(&hosts.env.ssh_dir().join("bitbucket-acme__widget"));
                assert_eq!(
                    hosts.stand_in.state()["pipelines"]["acme/ci"]["private_key"],
                    private.as_str()
                );
            }
        }
        // Removed: the builds' copy goes too.
        let removed = hosts.sshgen(
            variable_of(service),
            TOKEN,
            &["access-key", "remove", service, "acme/widget"],
        );
        assert!(removed.status.success(), "{}", text(&removed.stderr));
        let state = hosts.stand_in.state();
        assert_eq!(state["secrets"], serde_json::json!({}), "{service}");
        assert!(state["pipelines"].get("acme/ci").is_none(), "{service}");
    }
    // A pipeline that has its own key pair keeps it: its public key becomes
    // an access key of the repository (one key pair per pipeline, as
    // Bitbucket's guide has it).
    let pipelines_key = seed_key(200);
    hosts.stand_in.control(&serde_json::json!({"pipelines": {
        "acme/other": {"private_key": "(Bitbucket's own)", "public_key": pipelines_key}
    }}));
    let made = hosts.add(
        "BITBUCKET_TOKEN",
        "bitbucket",
        "acme/widget",
        &["--ci", "acme/other", "--no-verify"],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let on_host = hosts.stand_in.keys("bitbucket", "acme/widget");
    assert!(
        on_host
            .iter()
            .any(|k| k["key"] == pipelines_key.as_str() && k["title"] == "Pipelines of acme/other"),
        "{on_host:?}"
    );
    assert_eq!(
        hosts.stand_in.state()["pipelines"]["acme/other"]["private_key"],
        "(Bitbucket's own)"
    );
    hosts.stand_in.assert_no_violations();
}

#[test]
fn tokens_never_reach_output_or_the_git_and_ssh_children() {
    let Some(hosts) = hosts() else { return };
    // git and ssh, as sshgen finds them on PATH, leave their command line
    // and environment behind before running the real ones.
    let bin = hosts.env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dump = hosts.env.path("dumps");
    std::fs::create_dir_all(&dump).unwrap();
    for program in ["git", "ssh"] {
        let real = require(program).unwrap();
        let wrapper = bin.join(program);
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nn=$$\ncat /proc/$$/cmdline > {dump}/{program}.$n.cmdline\n\
                 cat /proc/$$/environ > {dump}/{program}.$n.environ\nexec {} \"$@\"\n",
                real.display(),
                dump = dump.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut args = vec!["access-key".to_owned()];
    args.extend(hosts.target("github", "acme/widget"));
    args.push("--json".to_owned());
    let out = hosts
        .env
        .command()
        .env("SSL_CERT_FILE", &hosts.stand_in.ca)
        .env("GH_TOKEN", TOKEN)
        .env("PATH", path)
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains(TOKEN));
    assert!(!text(&out.stderr).contains(TOKEN));
    let dumps: Vec<_> = std::fs::read_dir(&dump).unwrap().collect();
    assert!(
        dumps.len() >= 4,
        "git and ssh ran, each dumped: {}",
        dumps.len()
    );
    for entry in dumps {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains(TOKEN));
    }
    let _ = read(&hosts.env.ssh_dir().join("github-acme__widget.pub"));
}

#[test]
fn https_goes_through_the_proxy_unless_no_proxy_names_the_host() {
    let Some(hosts) = hosts() else { return };
    let dir = hosts.env.path("proxy");
    std::fs::create_dir_all(&dir).unwrap();
    let (port_file, log) = (dir.join("port"), dir.join("log"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/standins/connect_proxy.py");
    let child = Command::new("python3")
        .arg(script)
        .arg(&port_file)
        .arg(&log)
        .spawn()
        .unwrap();
    let _proxy = crate::interop::Guard(child);
    let started = Instant::now();
    while !port_file.exists() {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(50));
    }
    let proxy = format!("http://127.0.0.1:{}", read(&port_file).trim());
    let list = |no_proxy: Option<&str>| {
        let mut command = hosts.env.command();
        command
            .env("SSL_CERT_FILE", &hosts.stand_in.ca)
            .env("GH_TOKEN", TOKEN)
            .env("HTTPS_PROXY", &proxy)
            .args(["access-key", "list", "--remote", "--json"]);
        if let Some(no_proxy) = no_proxy {
            command.env("NO_PROXY", no_proxy);
        }
        let out = command.stdin(Stdio::null()).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json[0]["remote"], "on-host", "{json:#}");
    };
    let made = hosts.add("GH_TOKEN", "github", "acme/widget", &["--no-verify"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    list(None);
    assert_eq!(
        std::fs::read_to_string(&log).unwrap_or_default(),
        format!("CONNECT 127.0.0.1:{}\n", hosts.stand_in.port)
    );
    list(Some("127.0.0.1"));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().lines().count(),
        1,
        "NO_PROXY names the host: no tunnel"
    );
}

#[test]
fn a_key_the_host_takes_in_late_is_proven_within_the_window_and_no_upload_adds_nothing() {
    let Some(hosts) = hosts() else { return };
    // --no-upload: prepared here, nothing sent.
    let prepared = hosts.add("GH_TOKEN", "github", "acme/widget", &["--no-upload"]);
    assert!(prepared.status.success(), "{}", text(&prepared.stderr));
    assert!(hosts.stand_in.keys("github", "acme/widget").is_empty());
    assert!(text(&prepared.stdout).contains("  1. Open "));
    // The host lets the new key in only after a few seconds: git ls-remote
    // is tried again until it does.
    let last_id = hosts.stand_in.state()["next_id"].as_u64().unwrap() - 1;
    hosts
        .stand_in
        .control(&serde_json::json!({"config": {"sshd_ignores_after": last_id}}));
    let url = hosts.stand_in.url("/_control");
    let ca = hosts.stand_in.ca.clone();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(3));
        output_of(
            Command::new("curl")
                .args(["-sS", "-f", "--cacert"])
                .arg(ca)
                .args([
                    "-X",
                    "POST",
                    "-H",
                    "Content-Type: application/json",
                    "-d",
                    r#"{"config": {"sshd_ignores_after": null}}"#,
                    &url,
                ]),
        );
    });
    let made = hosts.add("GH_TOKEN", "github", "acme/widget", &["--json"]);
    release.join().unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    let json: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    assert!(
        json["verified"]["attempts"].as_u64().unwrap() > 1,
        "{json:#}"
    );
    // Azure DevOps has no API for SSH keys: an API step is refused, saying so.
    let azure = hosts.sshgen(
        "GH_TOKEN",
        TOKEN,
        &[
            "access-key",
            "azure-devops",
            "org/proj/repo",
            "--ci",
            "org/proj",
            "--no-copy",
        ],
    );
    assert_eq!(azure.status.code(), Some(2));
    assert!(
        text(&azure.stderr).starts_with(
            "sshgen: error: Azure DevOps has no public API for SSH keys: leave out --ci"
        ),
        "{}",
        text(&azure.stderr)
    );
    hosts.stand_in.assert_no_violations();
}

/// The maintainers' script for the real hosts (scripts/live-code-hosts.sh)
/// runs here against the stand-ins, every host with `--ci`, so that what
/// it checks is known to pass on a working sshgen and it cannot rot.
#[test]
fn the_live_hosts_script_passes_against_the_stand_ins() {
    let Some(hosts) = hosts() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/live-code-hosts.sh");
    let mut command = hosts.env.command_of("sh");
    command
        .arg(script)
        .arg(crate::util::sshgen_bin())
        .env("SSL_CERT_FILE", &hosts.stand_in.ca)
        .env("LIVE_CI", "1")
        .stdin(Stdio::null());
    for service in ["github", "gitlab", "bitbucket", "gitea"] {
        let upper = service.to_uppercase();
        // Everything after SERVICE REPO but --no-copy, which the script adds.
        let target = hosts.target(service, "acme/widget");
        let extra = target[2..target.len() - 1].join("\n");
        command
            .env(format!("LIVE_{upper}_REPO"), "acme/widget")
            .env(format!("LIVE_{upper}_ARGS"), extra)
            .env(variable_of(service), TOKEN);
    }
    let run = command.output().unwrap();
    assert_eq!(
        text(&run.stdout),
        "== github acme/widget\nok: github\n== gitlab acme/widget\nok: gitlab\n\
         == bitbucket acme/widget\nok: bitbucket\n== gitea acme/widget\nok: gitea\ndone\n",
        "{}",
        text(&run.stderr)
    );
    assert!(run.status.success());
    hosts.stand_in.assert_no_violations();
}
