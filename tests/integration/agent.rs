//! `sshgen agent add|list|remove` against a real ssh-agent started by each
//! test: what `ssh-add -l` then lists, logins through the agent to a local
//! sshd, the lifetime and confirmation constraints, and every way of not
//! reaching an agent.

use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::interop::{Guard, current_user, start_sshd, wait_until};
use crate::util::{Env, output_of, read, require, text};

/// An ssh-agent of the test's own, on a socket in its folder.
pub(crate) struct TestAgent {
    pub(crate) socket: PathBuf,
    _process: Guard,
}

impl TestAgent {
    /// The agent, or `None` (a failure in CI) without ssh-agent. It signs
    /// with a security key through the provider the key was added with, not
    /// one from its environment.
    pub(crate) fn start(env: &Env) -> Option<TestAgent> {
        let agent = require("ssh-agent")?;
        let socket = env.path("agent.sock");
        let process = Guard(
            Command::new(agent)
                .arg("-D")
                .arg("-a")
                .arg(&socket)
                // No askpass: a key that must be confirmed cannot be used.
                .env_remove("SSH_ASKPASS")
                .env_remove("DISPLAY")
                .env_remove("SSH_SK_PROVIDER")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start ssh-agent"),
        );
        wait_until("ssh-agent", || socket.exists());
        Some(TestAgent {
            socket,
            _process: process,
        })
    }

    /// sshgen talking to this agent.
    fn sshgen(&self, env: &Env, args: &[&str]) -> Output {
        env.command()
            .args(args)
            .env("SSH_AUTH_SOCK", &self.socket)
            .stdin(Stdio::null())
            .output()
            .expect("run sshgen")
    }

    /// ssh-add talking to this agent.
    fn ssh_add(&self, args: &[&str]) -> Output {
        Command::new("ssh-add")
            .args(args)
            .env("SSH_AUTH_SOCK", &self.socket)
            .stdin(Stdio::null())
            .output()
            .expect("run ssh-add")
    }
}

/// ssh-keygen's fingerprint line of a `.pub`, as `ssh-add -l` shows the key.
fn fingerprint_line(pub_path: &Path) -> String {
    output_of(Command::new("ssh-keygen").arg("-lf").arg(pub_path))
}

const PASS: &str = "agent pass";

/// Keys of every type sshgen makes, plain and encrypted, and keys in
/// ssh-keygen's PEM and PKCS#8 formats: (file name, encrypted).
fn make_keys(env: &Env) -> Vec<(String, bool)> {
    let mut made = Vec::new();
    for (name, args) in [
        ("ed25519", &["-t", "ed25519"][..]),
        ("rsa", &["-t", "rsa", "-b", "2048"]),
        ("p256", &["-t", "ecdsa"]),
        ("p384", &["-t", "ecdsa", "-b", "384"]),
        ("p521", &["-t", "ecdsa", "-b", "521"]),
    ] {
        for encrypted in [false, true] {
            let file = format!("{name}-{}", if encrypted { "enc" } else { "plain" });
            let pass = if encrypted { PASS } else { "" };
            env.run_ok(
                &[
                    args,
                    &["-f", &file, "-N", pass, "-a", "2", "-q", "-C", &file],
                ]
                .concat(),
            );
            made.push((file, encrypted));
        }
    }
    for (name, format, key_type) in [
        ("pem-rsa", "PEM", "rsa"),
        ("pkcs8-rsa", "PKCS8", "rsa"),
        ("pem-ecdsa", "PEM", "ecdsa"),
        ("pkcs8-ecdsa", "PKCS8", "ecdsa"),
    ] {
        for encrypted in [false, true] {
            let file = format!("{name}-{}", if encrypted { "enc" } else { "plain" });
            let pass = if encrypted { PASS } else { "" };
            output_of(
                Command::new("ssh-keygen")
                    .args(["-q", "-t", key_type, "-m", format, "-N", pass, "-C", "x"])
                    .arg("-f")
                    .arg(env.path(&file)),
            );
            made.push((file, encrypted));
        }
    }
    made
}

#[test]
fn every_key_sshgen_reads_is_added_and_listed_as_ssh_add_lists_it() {
    let (Some(_), Some(_)) = (require("ssh-add"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    let keys = make_keys(&env);
    let paths: Vec<String> = keys
        .iter()
        .map(|(file, _)| env.path(file).display().to_string())
        .collect();
    let path_args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let added = agent.sshgen(
        &env,
        &[&["agent", "add", "-P", PASS][..], &path_args].concat(),
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(text(&added.stdout), "");
    // As ssh-add: the key's comment, or the file's name when the format
    // holds none (PEM, PKCS#8).
    let expected: String = keys
        .iter()
        .zip(&paths)
        .map(|((file, _), path)| {
            let comment = if file.starts_with("pem-") || file.starts_with("pkcs8-") {
                path.clone()
            } else {
                file.clone()
            };
            format!("Identity added: {path} ({comment})\n")
        })
        .collect();
    assert_eq!(text(&added.stderr), expected);

    // ssh-add -l lists exactly those keys, in that order, and sshgen agent
    // list prints the same bytes (and -E md5, -L too).
    let listed = agent.ssh_add(&["-l"]);
    let fingerprints: Vec<String> = listed
        .stdout
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| text(line).split(' ').nth(1).unwrap().to_owned())
        .collect();
    let expected_fingerprints: Vec<String> = keys
        .iter()
        .map(|(file, _)| {
            let line = fingerprint_line(&env.path(&format!("{file}.pub")));
            line.split(' ').nth(1).unwrap().to_owned()
        })
        .collect();
    assert_eq!(fingerprints, expected_fingerprints);
    for args in [&["-l"][..], &["-l", "-E", "md5"], &["-L"]] {
        let theirs = agent.ssh_add(args);
        let ours = agent.sshgen(
            &env,
            &[
                &["agent", "list"][..],
                &args[1..],
                if args[0] == "-L" { &["-L"] } else { &[] },
            ]
            .concat(),
        );
        assert_eq!(text(&ours.stdout), text(&theirs.stdout), "{args:?}");
        assert!(ours.status.success(), "{}", text(&ours.stderr));
    }

    // The agent signs with each: ssh-add -T checks sign and verify.
    for (file, _) in &keys {
        let tested = agent.ssh_add(&[
            "-T",
            &env.path(&format!("{file}.pub")).display().to_string(),
        ]);
        assert!(tested.status.success(), "{file}: {}", text(&tested.stderr));
    }

    // JSON: one object a key, the fingerprints ssh-add shows.
    let json = agent.sshgen(&env, &["agent", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let json_fps: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(json_fps, expected_fingerprints);

    // Removed one by one (through the .pub), then all at once.
    let first = &paths[0];
    let removed = agent.sshgen(&env, &["agent", "remove", first]);
    assert_eq!(
        text(&removed.stderr),
        format!("Identity removed: {first} ED25519 (ed25519-plain)\n")
    );
    let again = agent.sshgen(&env, &["agent", "remove", first]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).starts_with(&format!(
            "sshgen: error: the ssh-agent does not hold {first} (ED25519 SHA256:"
        )),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        text(&agent.ssh_add(&["-l"]).stdout).lines().count(),
        keys.len() - 1
    );
    let all = agent.sshgen(&env, &["agent", "remove", "--all"]);
    assert_eq!(text(&all.stderr), "All identities removed.\n");
    let empty = agent.sshgen(&env, &["agent", "list"]);
    assert_eq!(text(&empty.stdout), "The agent has no identities.\n");
    assert_eq!(text(&empty.stderr), "");
    assert_eq!(empty.status.code(), Some(1));
    assert_eq!(
        text(&agent.ssh_add(&["-l"]).stdout),
        "The agent has no identities.\n"
    );
}

#[test]
fn without_a_named_key_the_default_keys_are_added() {
    if require("ssh-add").is_none() {
        return;
    }
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    let none = agent.sshgen(&env, &["agent", "add"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        text(&none.stderr),
        format!(
            "sshgen: error: no key to add: none of id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519, id_ed25519_sk is in {}; \
             name the key file: `sshgen agent add FILE`\n",
            env.ssh_dir().display()
        )
    );
    env.run_ok(&["-t", "ed25519", "--no-passphrase", "-q", "-C", "ed"]);
    env.run_ok(&[
        "-t",
        "rsa",
        "-b",
        "2048",
        "--no-passphrase",
        "-q",
        "-C",
        "rsa",
    ]);
    let added = agent.sshgen(&env, &["agent", "add"]);
    let dir = env.ssh_dir();
    assert_eq!(
        text(&added.stderr),
        format!(
            "Identity added: {} (rsa)\nIdentity added: {} (ed)\n",
            dir.join("id_rsa").display(),
            dir.join("id_ed25519").display()
        )
    );
    assert_eq!(text(&agent.ssh_add(&["-l"]).stdout).lines().count(), 2);
}

#[test]
fn ssh_logs_in_through_the_agent_with_each_key_type() {
    let (Some(sshd), Some(ssh_keygen), Some(ssh), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("ssh-add"),
    ) else {
        return;
    };
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    let types: [(&str, &[&str]); 3] = [
        ("ed", &["-t", "ed25519"]),
        ("rsa", &["-t", "rsa", "-b", "2048"]),
        ("ec", &["-t", "ecdsa"]),
    ];
    for (name, args) in types {
        env.run_ok(&[args, &["-f", name, "-N", PASS, "-a", "2", "-q"]].concat());
    }
    let authorized = env.path("authorized_keys");
    let (_sshd, port) = start_sshd(&sshd, &ssh_keygen, env.root(), &authorized);
    for (name, _) in types {
        // Only this key is authorized, and only the agent holds it
        // decrypted: ssh has no passphrase and no terminal.
        std::fs::write(&authorized, read(&env.path(&format!("{name}.pub")))).unwrap();
        let added = agent.sshgen(
            &env,
            &[
                "agent",
                "add",
                "--passphrase-env",
                "PASS",
                &env.path(name).display().to_string(),
            ],
        );
        assert!(!added.status.success(), "the variable is not set yet");
        let added = env
            .command()
            .args(["agent", "add", "--passphrase-env", "PASS"])
            .arg(env.path(name))
            .env("SSH_AUTH_SOCK", &agent.socket)
            .env("PASS", PASS)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(added.status.success(), "{}", text(&added.stderr));
        let login = Command::new(&ssh)
            .args(["-F", "/dev/null", "-p", &port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args(["-o", "BatchMode=yes", "-o", "LogLevel=ERROR"])
            .arg(format!("{}@127.0.0.1", current_user()))
            .arg("echo logged-in")
            .env("SSH_AUTH_SOCK", &agent.socket)
            .env("HOME", env.home())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            text(&login.stdout),
            "logged-in\n",
            "{name}: {}",
            text(&login.stderr)
        );
        let removed = agent.sshgen(&env, &["agent", "remove", "--all", "-q"]);
        assert!(removed.status.success());
        assert_eq!(text(&removed.stderr), "");
    }
}

#[test]
fn the_lifetime_and_confirmation_constraints_reach_the_agent() {
    if require("ssh-add").is_none() {
        return;
    }
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    env.run_ok(&["-f", "k", "--no-passphrase", "-q", "-C", "k"]);
    let key = env.path("k").display().to_string();
    let public = env.path("k.pub").display().to_string();

    let added = agent.sshgen(&env, &["agent", "add", "-t", "2", &key]);
    assert_eq!(
        text(&added.stderr),
        format!("Identity added: {key} (k)\nLifetime set to 2 seconds\n")
    );
    assert_eq!(text(&agent.ssh_add(&["-l"]).stdout).lines().count(), 1);
    // Gone once the lifetime has passed (the agent drops it on its next
    // request after that; waited for, not timed).
    let start = Instant::now();
    while agent.ssh_add(&["-l"]).status.success() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the key outlived its lifetime"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "gone before its lifetime"
    );

    // Without confirmation the agent signs; with it, and no askpass to ask
    // through, it refuses.
    let added = agent.sshgen(&env, &["agent", "add", &key]);
    assert!(added.status.success());
    assert!(agent.ssh_add(&["-T", &public]).status.success());
    agent.sshgen(&env, &["agent", "remove", "--all"]);
    let added = agent.sshgen(&env, &["agent", "add", "--confirm", &key]);
    assert_eq!(
        text(&added.stderr),
        format!("Identity added: {key} (k)\nThe user must confirm each use of the key\n")
    );
    assert!(!agent.ssh_add(&["-T", &public]).status.success());

    let bad = agent.sshgen(&env, &["agent", "add", "-t", "5x", &key]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("a lifetime is seconds"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn no_agent_a_dead_socket_and_a_socket_that_is_no_agent_each_say_so() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
    let key = env.path("k").display().to_string();
    let run = |sock: Option<&Path>| {
        let mut cmd = env.command();
        cmd.args(["agent", "add", &key]).stdin(Stdio::null());
        if let Some(sock) = sock {
            cmd.env("SSH_AUTH_SOCK", sock);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        text(&out.stderr)
    };
    let hint = "start one with: eval \"$(ssh-agent -s)\"";
    assert_eq!(
        run(None),
        format!(
            "sshgen: error: no ssh-agent is running in this session (SSH_AUTH_SOCK is not \
             set); {hint}\n"
        )
    );
    let missing = env.path("missing.sock");
    assert_eq!(
        run(Some(&missing)),
        format!(
            "sshgen: error: cannot reach the ssh-agent at {} (No such file or directory \
             (os error 2)); {hint}\n",
            missing.display()
        )
    );
    // A socket whose agent has gone: the file is there, nobody listens.
    let dead = env.path("dead.sock");
    drop(UnixListener::bind(&dead).unwrap());
    assert!(run(Some(&dead)).starts_with(&format!(
        "sshgen: error: cannot reach the ssh-agent at {} (Connection refused",
        dead.display()
    )));
    // A socket that answers, but not as an agent does: garbage, and a
    // close without an answer.
    for (answer, why) in [
        (
            &b"\x00\x00\x00\x05hello"[..],
            "a message of type 104 (5 bytes)",
        ),
        (b"", "it closed the connection"),
    ] {
        let path = env.path("liar.sock");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        let server = std::thread::spawn(move || {
            use std::io::{Read, Write};
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4];
            stream.read_exact(&mut request).unwrap();
            let mut body = vec![0u8; u32::from_be_bytes(request) as usize];
            stream.read_exact(&mut body).unwrap();
            stream.write_all(answer).unwrap();
        });
        let message = run(Some(&path));
        server.join().unwrap();
        assert_eq!(
            message,
            format!(
                "sshgen: error: {} did not answer as an ssh-agent does ({why}); is \
                 SSH_AUTH_SOCK right?\n",
                path.display()
            )
        );
    }
}

#[test]
fn generate_with_agent_adds_the_new_key_and_fails_first_without_one() {
    if require("ssh-add").is_none() {
        return;
    }
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    let made = agent.sshgen(
        &env,
        &[
            "-f",
            "k",
            "-N",
            "kept encrypted",
            "-a",
            "2",
            "-C",
            "new@key",
            "--agent",
            "--no-copy",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let key = env.path("k");
    // The path as typed, as ssh-add names it.
    assert_eq!(text(&made.stderr), "Identity added: k (new@key)\n");
    assert_eq!(
        text(&agent.ssh_add(&["-l"]).stdout),
        fingerprint_line(&env.path("k.pub"))
    );
    // The file on disk stays encrypted; the agent got the key itself.
    assert!(read(&key).contains("BEGIN OPENSSH PRIVATE KEY"));
    assert!(
        !Command::new("ssh-keygen")
            .args(["-y", "-P", "", "-f"])
            .arg(&key)
            .output()
            .unwrap()
            .status
            .success()
    );

    // No agent: the command fails before a key is made.
    let out = env
        .command()
        .args(["-f", "none", "--no-passphrase", "--agent"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("sshgen: error: no ssh-agent is running"),
        "{}",
        text(&out.stderr)
    );
    assert!(!env.path("none").exists() && !env.path("none.pub").exists());
}

#[test]
fn y_sign_signs_with_the_key_the_agent_holds_and_u_insists_on_it() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    std::fs::write(env.path("data"), "signed through the agent\n").unwrap();
    for (name, key_type) in [("ed", "ed25519"), ("rsa", "rsa"), ("ec", "ecdsa")] {
        // Encrypted, and no terminal: only the agent can sign with it.
        let made = Command::new(&real)
            .args(["-q", "-t", key_type, "-N", PASS, "-f"])
            .arg(env.path(name))
            .output()
            .unwrap();
        assert!(made.status.success());
        let pub_name = format!("{name}.pub");
        let sign = |program: &Path, out: &str| {
            std::fs::copy(env.path("data"), env.path(out)).unwrap();
            env.command_of(program)
                .args(["-Y", "sign", "-n", "git", "-f", &pub_name, out])
                .env("SSH_AUTH_SOCK", &agent.socket)
                .stdin(Stdio::null())
                .output()
                .unwrap()
        };
        let (before, ours, theirs) = (
            format!("{name}-before"),
            format!("{name}-ours"),
            format!("{name}-theirs"),
        );
        let refused = sign(&crate::util::sshgen_bin(), &before);
        assert!(
            !refused.status.success(),
            "{name}: signed without the agent"
        );
        assert!(!env.path(&format!("{before}.sig")).exists());
        let added = agent.sshgen(&env, &["agent", "add", "-P", PASS, name]);
        assert!(added.status.success(), "{}", text(&added.stderr));

        let signed = sign(&crate::util::sshgen_bin(), &ours);
        assert!(signed.status.success(), "{name}: {}", text(&signed.stderr));
        assert_eq!(
            text(&signed.stderr),
            format!("Signing file {ours}\nWrite signature to {ours}.sig\n")
        );
        let signed = sign(&real, &theirs);
        assert!(signed.status.success(), "{name}: {}", text(&signed.stderr));
        // ssh-keygen checks what the agent signed for sshgen.
        let checked = Command::new(&real)
            .args(["-Y", "check-novalidate", "-n", "git", "-s"])
            .arg(env.path(&format!("{ours}.sig")))
            .stdin(std::fs::File::open(env.path("data")).unwrap())
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{name}: {}",
            text(&checked.stderr)
        );
        if key_type != "ecdsa" {
            // Ed25519 and RSA (PKCS#1 v1.5) signatures are deterministic.
            assert_eq!(
                read(&env.path(&format!("{ours}.sig"))),
                read(&env.path(&format!("{theirs}.sig"))),
                "{name}"
            );
        }
    }

    // -U: the agent's key or nothing, in ssh-keygen's words.
    let other = Command::new(&real)
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(env.path("other"))
        .output()
        .unwrap();
    assert!(other.status.success());
    let ours = crate::util::sshgen_bin();
    let insist = |sock: &Path| {
        env.command_of(&ours)
            .args(["-Y", "sign", "-U", "-n", "git", "-f", "other.pub", "data"])
            .env("SSH_AUTH_SOCK", sock)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let missing = insist(&agent.socket);
    assert_eq!(missing.status.code(), Some(255));
    assert_eq!(
        text(&missing.stderr),
        "sshgen: error: Couldn't find key in agent\n"
    );
    let no_agent = insist(&env.path("no-such.sock"));
    assert_eq!(no_agent.status.code(), Some(255));
    assert_eq!(
        text(&no_agent.stderr),
        "sshgen: error: Couldn't get agent socket\n"
    );
    assert!(!env.path("data.sig").exists());
}

#[test]
fn s_u_certifies_with_the_ca_key_the_agent_holds() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let Some(agent) = TestAgent::start(&env) else {
        return;
    };
    let keygen = |args: &[&str]| {
        let out = Command::new(&real)
            .args(args)
            .current_dir(env.root())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    };
    keygen(&["-q", "-t", "ed25519", "-N", "", "-C", "user", "-f", "user"]);
    let ours = crate::util::sshgen_bin();
    let certify = |ca: &str, sock: &Path| {
        let _ = std::fs::remove_file(env.path("user-cert.pub"));
        env.command_of(&ours)
            .args([
                "-s", ca, "-U", "-I", "id", "-n", "ana", "-z", "7", "user.pub",
            ])
            .env("SSH_AUTH_SOCK", sock)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    for (ca, key_type, signed_with) in [
        ("ca-ed", "ed25519", "ssh-ed25519"),
        ("ca-rsa", "rsa", "rsa-sha2-512"),
        ("ca-ec", "ecdsa", "ecdsa-sha2-nistp256"),
    ] {
        // Encrypted: without -U and a terminal it could not sign at all.
        keygen(&["-q", "-t", key_type, "-N", PASS, "-f", ca]);
        let ca_pub = format!("{ca}.pub");
        let absent = certify(&ca_pub, &agent.socket);
        assert_eq!(absent.status.code(), Some(255));
        assert_eq!(
            text(&absent.stderr),
            format!("sshgen: error: CA key {ca_pub} not found in agent\n")
        );
        let added = agent.sshgen(&env, &["agent", "add", "-P", PASS, ca]);
        assert!(added.status.success(), "{}", text(&added.stderr));
        let made = certify(&ca_pub, &agent.socket);
        assert!(made.status.success(), "{ca}: {}", text(&made.stderr));
        // ssh-keygen reads it: the CA, the algorithm it signed with, the rest.
        let shown = output_of(
            Command::new(&real)
                .arg("-L")
                .arg("-f")
                .arg(env.path("user-cert.pub")),
        );
        let ca_fingerprint = fingerprint_line(&env.path(&ca_pub));
        let ca_fingerprint = ca_fingerprint.split(' ').nth(1).unwrap();
        assert!(
            shown.contains(&format!(" {ca_fingerprint} (using {signed_with})\n")),
            "{ca}: {shown}"
        );
        assert!(
            shown.contains("        Key ID: \"id\"\n        Serial: 7\n"),
            "{shown}"
        );
        assert!(
            shown.contains("        Principals: \n                ana\n"),
            "{shown}"
        );
    }
    let no_agent = certify("ca-ed.pub", &env.path("no-such.sock"));
    assert_eq!(no_agent.status.code(), Some(255));
    assert!(
        text(&no_agent.stderr)
            .starts_with("sshgen: error: Cannot use public key for CA signature: "),
        "{}",
        text(&no_agent.stderr)
    );
}
