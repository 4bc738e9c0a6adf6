//! `sshgen list`: the key pairs of a folder and their problems, checked
//! against the fingerprints ssh-keygen reports.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
use crate::util::{Env, output_of, read, require, stderr_of, stdout_of};
use std::fs;
use std::process::Command;

#[allow(unused_imports)]
use crate::fingerprint::*;

#[cfg(unix)]
#[test]
fn list_shows_pairs_and_their_problems() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ssh = env.ssh_dir();
    fs::create_dir(&ssh).unwrap();
    let path = |name: &str| ssh.join(name).display().to_string();
    let fingerprint = |file: &str| {
        output_of(
            Command::new(&ssh_keygen)
                .arg("-l")
                .arg("-f")
                .arg(ssh.join(file)),
        )
        .split(' ')
        .nth(1)
        .unwrap()
        .to_owned()
    };
    // A good pair made by sshgen, an encrypted PEM pair made by ssh-keygen
    // (its public key known only from the .pub), a private key others can
    // read whose .pub belongs to another key, a lone .pub, and files that
    // are no key pairs.
    let make = |maker, key_type, passphrase, name: &str| {
        make_key(
            &env,
            &ssh_keygen,
            maker,
            key_type,
            passphrase,
            &ssh.join(name),
        );
    };
    make(Maker::Sshgen, ("ed25519", "256"), None, "id_ed25519");
    make(
        Maker::SshKeygenPem,
        ("rsa", "2048"),
        Some(PASSPHRASE),
        "id_rsa",
    );
    make(Maker::SshKeygen, ("ecdsa", "384"), None, "open");
    make(Maker::SshKeygen, ("ecdsa", "256"), None, "other");
    let open_fp = fingerprint("open.pub");
    fs::copy(ssh.join("other.pub"), ssh.join("open.pub")).unwrap();
    fs::remove_file(ssh.join("other")).unwrap();
    fs::write(ssh.join("config"), "Host *\n  IdentitiesOnly yes\n").unwrap();
    fs::write(ssh.join("known_hosts"), read(&ssh.join("other.pub"))).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(ssh.join("open"), fs::Permissions::from_mode(0o644)).unwrap();
    }

    let width = path("other.pub (public only)").len();
    let row = |key: &str, kind: &str, bits: &str, fp: &str, enc: &str, comment: &str| {
        let line = format!("{key:<width$}  {kind:<7}  {bits:>4}  {fp:<50}  {enc:<9}  {comment}");
        format!("{}\n", line.trim_end())
    };
    let mut expected = row("KEY", "TYPE", "BITS", "FINGERPRINT", "ENCRYPTED", "COMMENT");
    expected += &row(
        &path("id_ed25519"),
        "ED25519",
        "256",
        &fingerprint("id_ed25519.pub"),
        "no",
        "Sshgen ed25519256 made this",
    );
    expected += &row(
        &path("id_rsa"),
        "RSA",
        "2048",
        &fingerprint("id_rsa.pub"),
        "yes",
        "SshKeygenPem rsa2048 made this",
    );
    expected += &row(
        &path("open"),
        "ECDSA",
        "384",
        &open_fp,
        "no",
        "SshKeygen ecdsa384 made this",
    );
    if cfg!(unix) {
        expected += &format!(
            "  ! other users can read this private key and OpenSSH will refuse it; \
             run: chmod 600 {}\n",
            path("open")
        );
    }
    expected += &format!(
        "  ! {} does not match the private key; recreate it with: sshgen public --write {}\n",
        path("open.pub"),
        path("open")
    );
    expected += &row(
        &format!("{} (public only)", path("other.pub")),
        "ECDSA",
        "256",
        &fingerprint("other.pub"),
        "-",
        "SshKeygen ecdsa256 made this",
    );

    let assert = env.run_ok(&["list"]);
    assert_eq!(stdout_of(&assert), expected);
    assert_eq!(stderr_of(&assert), "");

    let assert = env.run_ok(&["list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let rows = value.as_array().expect("an array");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["path"], path("id_ed25519"));
    assert_eq!(rows[0]["public_key_path"], path("id_ed25519.pub"));
    assert_eq!(rows[0]["format"], "openssh");
    assert_eq!(rows[0]["problems"], serde_json::json!([]));
    assert_eq!(rows[1]["encrypted"], true);
    assert_eq!(rows[1]["format"], "pkcs1");
    assert_eq!(rows[1]["bits"], 2048);
    assert_eq!(rows[2]["fingerprint"], open_fp.as_str());
    assert_eq!(
        rows[2]["problems"].as_array().unwrap().len(),
        if cfg!(unix) { 2 } else { 1 }
    );
    assert_eq!(rows[3]["path"], serde_json::Value::Null);
    assert_eq!(rows[3]["encrypted"], serde_json::Value::Null);
    assert_eq!(rows[3]["type"], "ECDSA");
}

#[test]
fn list_of_a_folder_without_keys_says_so() {
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let assert = env.run_ok(&["list"]);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        format!("No keys in {}\n", env.ssh_dir().display())
    );
    let assert = env.run_ok(&["list", "--json"]);
    assert_eq!(stdout_of(&assert), "[]\n");
}

/// An unreadable private key is listed with the reason. The superuser reads
/// every file, so there the check has nothing to see and is skipped.
#[cfg(unix)]
#[test]
fn list_flags_unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    env.run_ok(&["-f", "~/.ssh/locked", "--no-passphrase", "-q", "-C", "c"]);
    let locked = env.ssh_dir().join("locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let stdout = if fs::read(&locked).is_ok() {
        // Root reads any file: list as nobody, who may enter the folders
        // but not read the key.
        let Some(setpriv) = require("setpriv") else {
            return;
        };
        for dir in [env.root().to_path_buf(), env.home(), env.ssh_dir()] {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let output = env
            .command_of(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(crate::util::sshgen_bin())
            .args(["list", "--json"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    } else {
        stdout_of(&env.run_ok(&["list", "--json"]))
    };
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value[0]["path"], locked.display().to_string());
    assert_eq!(
        value[0]["problems"][0],
        "cannot read it: Permission denied (os error 13)"
    );
    assert_eq!(value[0]["comment"], "c");
}
