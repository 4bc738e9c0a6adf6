//! What sshgen reports is what happened: `test` names the key the server
//! accepted, as ssh's own log says, against a real sshd.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::interop::{current_user, start_sshd_with};
use crate::util::{Env, output_of, read, require};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sshgen(env: &Env, args: &[&str]) -> Output {
    env.command()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run sshgen")
}

/// A new key pair `name` in the working folder; its SHA-256 fingerprint.
fn new_key(env: &Env, name: &str) -> (PathBuf, String) {
    let made = sshgen(env, &["-q", "--no-passphrase", "-C", name, "-f", name]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let listed = sshgen(env, &["fingerprint", "--json", name]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    (
        env.path(name),
        listed[0]["fingerprint"].as_str().unwrap().to_owned(),
    )
}

/// An alias `server` for the sshd at `port`, with `key` as its
/// IdentityFile, and the server's host key recorded.
fn alias(env: &Env, port: u16, key: &Path) {
    let added = sshgen(
        env,
        &[
            "config",
            "add",
            "server",
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--user",
            &current_user(),
            "-i",
            key.to_str().unwrap(),
        ],
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let host_key: String = read(&env.path("sshd/host_key.pub"))
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let pinned = sshgen(
        env,
        &[
            "known-hosts",
            "add",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--key",
            &host_key,
        ],
    );
    assert!(pinned.status.success(), "{}", text(&pinned.stderr));
}

#[test]
fn test_names_the_key_that_got_in_never_the_one_hoped_for() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(agent)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("ssh-agent"),
    ) else {
        return;
    };
    let env = Env::new();
    let (alias_key, alias_fingerprint) = new_key(&env, "alias_key");
    let (other, other_fingerprint) = new_key(&env, "other");
    let (agents, _) = new_key(&env, "agents");
    fs::create_dir(env.path("sshd")).unwrap();
    let authorized = env.path("sshd/authorized_keys");
    // The server takes the alias's key and the agent's, not `other`.
    fs::write(
        &authorized,
        format!(
            "{}{}",
            read(&env.path("alias_key.pub")),
            read(&env.path("agents.pub"))
        ),
    )
    .unwrap();
    let (_sshd, port) = start_sshd_with(&sshd, &ssh_keygen, &env.path("sshd"), &authorized, "");
    alias(&env, port, &alias_key);
    let sock = env.path("agent.sock");
    let mut agent = Command::new(agent)
        .args(["-D", "-a"])
        .arg(&sock)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while !sock.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let run = |args: &[&str]| {
        env.command()
            .env("SSH_AUTH_SOCK", &sock)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let added = run(&["agent", "add", agents.to_str().unwrap()]);
    assert!(added.status.success(), "{}", text(&added.stderr));

    // -i names a key the server refuses: the config's key got in instead,
    // and that is said, with a failure; the agent's key was not offered.
    let out = run(&["test", "server", "-i", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let note = crate::util::foreign_home_note(&env);
    let note = format!(
        "{} (`sshgen test --as-git` tests as git will run)\n",
        note.trim_end()
    );
    assert_eq!(
        text(&out.stderr),
        format!(
            "{note}sshgen: error: server refused {}, and let in {} (ED25519 {alias_fingerprint}) \
             instead, which ssh offers for it too (from its config); add {}'s .pub to the \
             service, or drop the other key from the alias\n",
            other.display(),
            alias_key.display(),
            other.display()
        )
    );
    let _ = other_fingerprint;

    // The alias's own key: named by path and fingerprint.
    let out = run(&["test", "server", "-i", alias_key.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "Authenticated to server with {} (ED25519 {alias_fingerprint})\n",
            alias_key.display()
        )
    );
    let json = run(&["test", "server", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["result"], "authenticated");
    assert_eq!(value["key"]["path"], alias_key.to_str().unwrap());
    assert_eq!(value["key"]["fingerprint"], alias_fingerprint);

    // A key that is not there is an error before ssh runs.
    let out = run(&["test", "server", "-i", "nonexistent"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("sshgen: error: cannot read nonexistent: "),
        "{}",
        text(&out.stderr)
    );
    let _ = agent.kill();
    let _ = agent.wait();
}

#[test]
fn test_says_a_key_behind_git_shell_got_in() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(git_shell)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("git-shell"),
    ) else {
        return;
    };
    let env = Env::new();
    let (key, fingerprint) = new_key(&env, "k");
    fs::create_dir(env.path("sshd")).unwrap();
    let authorized = env.path("sshd/authorized_keys");
    fs::write(&authorized, read(&env.path("k.pub"))).unwrap();
    let (_sshd, port) = start_sshd_with(
        &sshd,
        &ssh_keygen,
        &env.path("sshd"),
        &authorized,
        &format!(
            "ForceCommand {} -c \"$SSH_ORIGINAL_COMMAND\"\n",
            git_shell.display()
        ),
    );
    alias(&env, port, &key);
    let out = sshgen(&env, &["test", "server"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "Authenticated to server with {} (ED25519 {fingerprint}): the server runs git-shell, \
             which offers no shell: git can fetch and push\n",
            key.display()
        )
    );
    let _ = output_of;
}
