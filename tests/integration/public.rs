//! `sshgen public`: the public key of a private key, as `ssh-keygen -y`
//! prints it, with `--write` and the passphrase options. The key matrix and
//! its helpers are in `fingerprint.rs`.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
use crate::util::{Env, output_of, read, require, stderr_of, stdout_of};
use std::fs;
use std::path::Path;
use std::process::Command;

#[allow(unused_imports)]
use crate::fingerprint::*;

#[cfg(unix)]
#[test]
fn wrong_passphrase_says_so_and_writes_nothing() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for maker in MAKERS {
        let path = env.path(&format!("{maker:?}"));
        make_key(
            &env,
            &ssh_keygen,
            maker,
            ("ecdsa", "256"),
            Some(PASSPHRASE),
            &path,
        );
        let pub_path = env.path(&format!("{maker:?}.pub"));
        let before = read(&pub_path);
        let assert = env
            .sshgen()
            .args(["public", "--write", "-P", "wrong phrase"])
            .arg(&path)
            .assert()
            .code(1);
        assert_eq!(stdout_of(&assert), "");
        assert_eq!(
            stderr_of(&assert),
            format!(
                "sshgen: error: incorrect passphrase for {}\n",
                path.display()
            ),
            "{maker:?}"
        );
        assert_eq!(read(&pub_path), before);
    }
}

/// A PEM key stores no comment; rewriting its .pub keeps the comment the old
/// .pub had for the same key, while stdout stays what ssh-keygen -y prints.
#[cfg(unix)]
#[test]
fn public_write_keeps_the_comment_of_a_pem_keys_pub() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let path = env.path("pem");
    make_key(
        &env,
        &ssh_keygen,
        Maker::SshKeygenPem,
        ("ecdsa", "256"),
        None,
        &path,
    );
    let pub_path = env.path("pem.pub");
    let old = read(&pub_path);
    let bare = output_of(Command::new(&ssh_keygen).arg("-y").arg("-f").arg(&path));
    assert!(
        old.starts_with(bare.trim_end()) && old != bare,
        "{old} / {bare}"
    );
    let assert = env
        .sshgen()
        .args(["public", "--write"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(stdout_of(&assert), bare);
    assert_eq!(read(&pub_path), old);
    assert_eq!(
        stderr_of(&assert),
        format!("Your public key has been saved in {}\n", pub_path.display())
    );
}

#[test]
fn encrypted_key_without_a_terminal_or_passphrase_option_fails_at_once() {
    let env = Env::new();
    let path = env.path("k");
    env.run_ok(&["-f", "k", "-N", PASSPHRASE, "-a", "2", "-q"]);
    let assert = env.sshgen().arg("public").arg(&path).assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {} is encrypted and there is no terminal to ask for its \
             passphrase; pass --passphrase-file PATH (or - for standard input), \
             --passphrase-env VAR or -P TEXT\n",
            path.display()
        )
    );
}

#[test]
fn an_encrypted_pkcs8_key_without_its_pub_points_to_public_write() {
    let env = Env::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys/formats");
    fs::copy(source.join("rsa2048-pkcs8-enc"), env.path("k")).unwrap();
    let assert = env.sshgen().args(["fingerprint", "k"]).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: k: the public key is encrypted with the private key in this format; \
         put its .pub beside it (sshgen public --write FILE makes one)\n"
    );
}
