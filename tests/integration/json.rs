//! The JSON of every command that has `--json` is an interface scripts
//! read: each command's keys are pinned here (as paths, `a.b` for a nested
//! object, `a[].b` for the objects of an array), so that a rename or a
//! dropped field fails a test, whatever produces the JSON.

use std::collections::BTreeSet;
use std::process::Stdio;

use crate::util::{Env, require, text};

/// Every key path of `value`.
fn key_paths(value: &serde_json::Value, prefix: &str, paths: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                paths.insert(path.clone());
                key_paths(inner, &path, paths);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), paths);
            }
        }
        _ => {}
    }
}

/// The key paths of the one JSON document `sshgen ARGS` prints, whatever
/// its exit status.
fn keys_of(env: &Env, args: &[&str], agent: Option<&std::path::Path>) -> Vec<String> {
    let mut command = env.command();
    command.args(args).stdin(Stdio::null());
    if let Some(socket) = agent {
        command.env("SSH_AUTH_SOCK", socket);
    }
    let out = command.output().expect("run sshgen");
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "{args:?}: {stdout}{}",
        text(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let mut paths = BTreeSet::new();
    key_paths(&value, "", &mut paths);
    paths.into_iter().collect()
}

fn pinned(list: &str) -> Vec<String> {
    list.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn every_commands_json_keeps_its_keys() {
    let env = Env::new();
    let key = env.path("k").display().to_string();
    let public = format!("{key}.pub");
    assert_eq!(
        keys_of(
            &env,
            &[
                "generate",
                "--json",
                "-f",
                &key,
                "--no-passphrase",
                "-C",
                "c",
                "--copy"
            ],
            None
        ),
        pinned(
            "bits cipher clipboard clipboard.copied clipboard.reason comment encrypted \
             fingerprint fingerprint_md5 fingerprint_sha256 kdf private_key_path public_key \
             public_key_path randomart type"
        )
    );
    assert_eq!(
        keys_of(&env, &["copy", "--json", &public], None),
        pinned(
            "bits clipboard clipboard.copied clipboard.reason comment fingerprint_sha256 \
             public_key source type"
        )
    );
    assert_eq!(
        keys_of(&env, &["fingerprint", "--json", "-v", &public], None),
        pinned(
            "[].bits [].comment [].fingerprint [].line [].path [].public_key [].randomart [].type"
        )
    );
    assert_eq!(
        keys_of(&env, &["public", "--json", &key], None),
        pinned("bits comment fingerprint path public_key type written")
    );
    assert_eq!(
        keys_of(
            &env,
            &["list", "--json", &env.root().display().to_string()],
            None
        ),
        pinned(
            "[].bits [].comment [].encrypted [].fingerprint [].format [].path [].problems \
             [].public_key_path [].type"
        )
    );
    assert_eq!(
        keys_of(&env, &["comment", "--json", &key, "-C", "new"], None),
        pinned("comment converted_from old_comment private_key_path public_key public_key_path")
    );
    assert_eq!(
        keys_of(
            &env,
            &["passphrase", "--json", &key, "--no-passphrase"],
            None
        ),
        pinned("cipher comment converted_from encrypted kdf private_key_path")
    );
    assert_eq!(
        keys_of(&env, &["export", "--json", &public], None),
        pinned("bits format path text type")
    );
    let exported = env.path("k.rfc4716");
    let out = env.command().args(["export", &public]).output().unwrap();
    std::fs::write(&exported, &out.stdout).unwrap();
    assert_eq!(
        keys_of(
            &env,
            &["import", "--json", &exported.display().to_string()],
            None
        ),
        pinned("bits fingerprint format path public_key type")
    );
    std::fs::create_dir_all(env.ssh_dir()).unwrap();
    std::fs::write(
        env.ssh_dir().join("config"),
        "Host gh\n  HostName github.com\n",
    )
    .unwrap();
    assert_eq!(
        keys_of(&env, &["config", "list", "--json"], None),
        pinned("[].host [].hostname [].identities_only [].identity_files [].line [].port [].user")
    );
    assert_eq!(
        keys_of(
            &env,
            &["access-key", "github", "acme/widget", "--json", "--no-copy"],
            None
        ),
        pinned(
            "alias ci clipboard clone_url config_file fingerprint host_key_recorded hostname \
             key_made known_hosts_file label port private_key_path public_key \
             public_key_path remote_key remote_key_added repository service settings_url \
             test_command user verified"
        )
    );
    let authorized = env.path("authorized_keys").display().to_string();
    assert_eq!(
        keys_of(
            &env,
            &[
                "authorized-keys",
                "add",
                &public,
                "--file",
                &authorized,
                "--restrict",
                "--json"
            ],
            None
        ),
        pinned("added bits comment file fingerprint line options type")
    );
    assert_eq!(
        keys_of(
            &env,
            &["authorized-keys", "list", "--file", &authorized, "--json"],
            None
        ),
        pinned("[].bits [].comment [].fingerprint [].line [].options [].type")
    );
    assert_eq!(
        keys_of(
            &env,
            &[
                "authorized-keys",
                "remove",
                &public,
                "--file",
                &authorized,
                "--json"
            ],
            None
        ),
        pinned(
            "file removed removed[].bits removed[].comment removed[].fingerprint removed[].line \
             removed[].options removed[].type"
        )
    );
    assert_eq!(
        keys_of(&env, &["access-key", "list", "--json"], None),
        pinned(
            "[].alias [].fingerprint [].label [].others_on_host [].private_key_path [].remote \
             [].remote_error [].remote_key [].repository [].service"
        )
    );
    assert_eq!(
        keys_of(&env, &["doctor", "--json"], None),
        pinned(
            "changed checks checks[].fix checks[].fixed checks[].message checks[].status checks[].subject"
        )
    );
    assert_eq!(
        keys_of(&env, &["test", "--json", "-p", "1", "git@127.0.0.1"], None),
        pinned("greeting key reason result ssh_stderr target")
    );
}

#[test]
fn agent_list_json_keeps_its_keys() {
    let Some(agent) = require("ssh-agent") else {
        return;
    };
    let env = Env::new();
    let socket = env.path("agent.sock");
    let mut child = std::process::Command::new(agent)
        .args(["-D", "-a"])
        .arg(&socket)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..500 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let key = env.path("k").display().to_string();
    env.run_ok(&["generate", "-q", "-f", &key, "--no-passphrase"]);
    let added = env
        .command()
        .args(["agent", "add", &key])
        .env("SSH_AUTH_SOCK", &socket)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", text(&added.stderr));
    let keys = keys_of(&env, &["agent", "list", "--json"], Some(&socket));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        keys,
        pinned("[].bits [].comment [].fingerprint [].public_key [].type")
    );
}
