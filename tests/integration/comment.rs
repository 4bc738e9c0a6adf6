//! `sshgen comment` (ssh-keygen -c), checked against the real ssh-keygen.
//! The keys and helpers are in `rewrite.rs`.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
#[cfg(unix)]
use crate::util::mode;
use crate::util::{Env, read, require, stderr_of, stdout_of};
use ssh_key::PrivateKey;
use std::fs;
use std::path::Path;

#[allow(unused_imports)]
use crate::rewrite::*;

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn comment_changes_show_in_ssh_keygen_and_keep_the_passphrase() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for (origin, encrypted) in [
            (Origin::SshKeygen, false),
            (Origin::SshKeygen, true),
            (Origin::Sshgen, false),
            (Origin::Sshgen, true),
        ] {
            let (key, comment) = key_copy(&env, kind, origin);
            let mut cmd = env.sshgen();
            cmd.arg("comment").arg(&key).args(["-C", "relabelled key"]);
            if encrypted {
                keygen_ok(&ssh_keygen, &["-p", "-P", "", "-N", "pw", "-a", "5"], &key);
                cmd.args(["-P", "pw"]);
            }
            let assert = cmd.assert().success();
            assert_eq!(
                stdout_of(&assert),
                format!("Old comment: {comment}\nComment 'relabelled key' applied\n")
            );

            // ssh-keygen -l shows the new comment for both files.
            let fingerprint = keygen_ok(&ssh_keygen, &["-l"], &pub_path(&key));
            let fields: Vec<&str> = fingerprint.trim_end().splitn(2, ' ').collect();
            assert_eq!(fields[0], kind.bits.to_string());
            assert!(
                fingerprint.ends_with(&format!(" relabelled key ({})\n", kind.label)),
                "{fingerprint}"
            );
            let private_fingerprint = keygen_ok(&ssh_keygen, &["-l"], &key);
            assert_eq!(private_fingerprint, fingerprint);

            // The private key holds the comment too, behind the same passphrase
            // and the same bcrypt rounds.
            let pass = if encrypted { "pw" } else { "" };
            assert!(keygen_opens(&ssh_keygen, &key, pass), "{key:?}");
            assert!(read(&pub_path(&key)).ends_with(" relabelled key\n"));
            assert_eq!(kdf_rounds(&key), encrypted.then_some(5));
            #[cfg(unix)]
            {
                assert_eq!(mode(&key), 0o600);
                assert_eq!(mode(&pub_path(&key)), 0o644);
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn comment_on_a_pem_key_rewrites_it_as_openssh() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let kind = &KINDS[1];
    let key = keygen_format_copy(&env, &ssh_keygen, kind, "PEM", "keygen pass").unwrap();
    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "renamed@pem", "--passphrase-env", "KEY_PASS"])
        .env("KEY_PASS", "keygen pass")
        .assert()
        .success();
    assert_eq!(
        stdout_of(&assert),
        format!(
            "Old comment: {}\nComment 'renamed@pem' applied\n",
            fixture_comment(kind)
        )
    );
    assert_eq!(
        stderr_of(&assert),
        format!(
            "Converted {} from PEM to the OpenSSH format.\n",
            key.display()
        )
    );
    assert!(read(&pub_path(&key)).ends_with(" renamed@pem\n"));
    // ssh-keygen -y prints the comment stored in the private key: the same line.
    assert!(keygen_opens(&ssh_keygen, &key, "keygen pass"));

    // With --json the conversion is a field, and stderr stays quiet.
    let key = keygen_format_copy(&env, &ssh_keygen, &KINDS[4], "PKCS8", "").unwrap();
    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "renamed@pkcs8", "--json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(value["old_comment"], fixture_comment(&KINDS[4]));
    assert_eq!(value["converted_from"], "pkcs8");
    assert_eq!(stderr_of(&assert), "");
    assert!(keygen_opens(&ssh_keygen, &key, ""));
}

/// ssh-keygen -c writes every key back with aes256-ctr, the one cipher
/// PuTTY's importer reads; so does sshgen (it used to keep aes256-gcm).
#[test]
fn comment_writes_an_aes_gcm_key_back_with_aes256_ctr_as_ssh_keygen() {
    let env = Env::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys/formats");
    fs::copy(source.join("ecdsa256-openssh-gcm"), env.path("k")).unwrap();
    fs::copy(source.join("ecdsa256-openssh-gcm.pub"), env.path("k.pub")).unwrap();
    env.run_ok(&["comment", "k", "-C", "new", "-P", "secret phrase"]);
    let key = PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    assert_eq!(key.cipher(), ssh_key::Cipher::Aes256Ctr);
    let opened = key.decrypt("secret phrase").unwrap();
    assert_eq!(opened.comment().as_str_lossy(), "new");
}
