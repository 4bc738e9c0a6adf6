//! `sshgen export` (ssh-keygen -e [-m]): the bytes ssh-keygen prints.
//! The keys and helpers are in `rewrite.rs`.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
use crate::util::{Env, require, stdout_of};
use std::fs;

#[allow(unused_imports)]
use crate::rewrite::*;

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn export_prints_the_bytes_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let user = account_name();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            for format in FORMATS {
                let expected = keygen(&ssh_keygen, &["-e", "-m", format], &pub_path(&key));
                for input in [pub_path(&key), key.clone()] {
                    let ours = env
                        .sshgen()
                        .arg("export")
                        .arg(&input)
                        .args(["--format", &format.to_ascii_lowercase()])
                        .env("USER", &user)
                        .output()
                        .unwrap();
                    if expected.status.success() {
                        assert!(ours.status.success(), "{input:?} {format}");
                        assert_eq!(
                            String::from_utf8(ours.stdout).unwrap(),
                            String::from_utf8(expected.stdout.clone()).unwrap(),
                            "{input:?} {format}"
                        );
                    } else {
                        // ssh-keygen refuses Ed25519 as PKCS8 and PEM; so do we.
                        assert_eq!(kind.label, "ED25519");
                        assert_eq!(ours.status.code(), Some(1));
                        assert_eq!(ours.stdout, b"");
                        assert_eq!(
                            String::from_utf8(ours.stderr).unwrap(),
                            format!(
                                "sshgen: error: ED25519 keys cannot be converted to {format}; \
                                 use --format rfc4716, which holds every key type\n"
                            )
                        );
                    }
                    cases += 1;
                }
            }
        }
    }
    assert_eq!(cases, 84);
}

#[test]
fn export_without_format_is_rfc4716_with_ssh_keygens_comment() {
    let env = Env::new();
    let kind = &KINDS[1];
    let (key, _) = key_copy(&env, kind, Origin::SshKeygen);
    let assert = env.sshgen().arg("export").arg(pub_path(&key)).assert();
    let text = stdout_of(&assert.success());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "---- BEGIN SSH2 PUBLIC KEY ----");
    assert_eq!(
        lines[1],
        format!(
            "Comment: \"2048-bit RSA, converted by {}@{} from OpenSSH\"",
            crate::util::account_user(),
            crate::util::host_name()
        )
    );
    assert_eq!(*lines.last().unwrap(), "---- END SSH2 PUBLIC KEY ----");
    assert!(lines[2..lines.len() - 2].iter().all(|l| l.len() == 70));
    assert!(lines[lines.len() - 2].len() <= 70);
}

#[cfg(unix)]
#[test]
fn export_of_a_pem_private_key_prints_what_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let user = account_name();
    let mut cases = 0;
    for kind in KINDS {
        for key_format in ["PEM", "PKCS8"] {
            let Some(key) = keygen_format_copy(&env, &ssh_keygen, kind, key_format, "") else {
                continue;
            };
            // The .pub must not be what either tool reads.
            fs::remove_file(pub_path(&key)).unwrap();
            for format in FORMATS {
                let expected = keygen_ok(&ssh_keygen, &["-e", "-m", format], &key);
                let ours = env
                    .sshgen()
                    .arg("export")
                    .arg(&key)
                    .args(["--format", &format.to_ascii_lowercase()])
                    .env("USER", &user)
                    .assert()
                    .success();
                assert_eq!(stdout_of(&ours), expected, "{key:?} {format}");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 36);
}
