//! `sshgen passphrase` (ssh-keygen -p): passphrases set, changed and removed,
//! checked against the real ssh-keygen, on keys made by both tools and in
//! every format. The keys and helpers are in `rewrite.rs`.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
#[cfg(unix)]
use crate::util::mode;
use crate::util::{Env, listing, read, require, stderr_of, stdout_of};
use std::fs;

#[allow(unused_imports)]
use crate::rewrite::*;

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn passphrases_set_changed_and_removed_by_sshgen_work_in_ssh_keygen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, comment) = key_copy(&env, kind, origin);
            let public_before = fs::read(pub_path(&key)).unwrap();
            let expected_stdout = format!("Key has comment '{comment}'\n{SAVED}");

            // Add: an unencrypted key gets a passphrase from the environment.
            let add = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["--passphrase-env", "NEW_PASS", "-a", "3"])
                .env("NEW_PASS", "first pass")
                .assert()
                .success();
            assert_eq!(stdout_of(&add), expected_stdout, "{key:?}");
            assert!(keygen_opens(&ssh_keygen, &key, "first pass"), "{key:?}");
            assert!(!keygen_opens(&ssh_keygen, &key, ""), "{key:?}");
            assert_eq!(kdf_rounds(&key), Some(3));
            cases += 1;

            // Change: old from -P, new from a file.
            let new_file = env.path("new-pass.txt");
            fs::write(&new_file, "second pass\n").unwrap();
            let change = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["-P", "first pass", "--passphrase-file"])
                .arg(&new_file)
                .args(["-a", "2"])
                .assert()
                .success();
            assert_eq!(stdout_of(&change), expected_stdout);
            assert!(keygen_opens(&ssh_keygen, &key, "second pass"), "{key:?}");
            assert!(!keygen_opens(&ssh_keygen, &key, "first pass"), "{key:?}");
            assert_eq!(kdf_rounds(&key), Some(2));
            cases += 1;

            // Remove: old from standard input.
            let remove = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["--old-passphrase-file", "-", "--no-passphrase"])
                .write_stdin("second pass\n")
                .assert()
                .success();
            assert_eq!(stdout_of(&remove), expected_stdout);
            assert!(keygen_opens(&ssh_keygen, &key, ""), "{key:?}");
            assert_eq!(kdf_rounds(&key), None);
            cases += 1;

            #[cfg(unix)]
            {
                assert_eq!(mode(&key), 0o600, "{key:?}");
                assert_eq!(mode(&pub_path(&key)), 0o644, "{key:?}");
            }
            assert_eq!(fs::read(pub_path(&key)).unwrap(), public_before);
        }
    }
    assert_eq!(cases, 42);
    // No temporary or backup files are left beside the keys.
    assert!(
        listing(env.root())
            .iter()
            .all(|name| !name.starts_with('.')),
        "{:?}",
        listing(env.root())
    );
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn passphrases_set_by_ssh_keygen_open_in_sshgen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, comment) = key_copy(&env, kind, origin);
            keygen_ok(
                &ssh_keygen,
                &["-p", "-P", "", "-N", "keygen pass", "-a", "4"],
                &key,
            );

            let changed = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args([
                    "--old-passphrase-env",
                    "OLD",
                    "-N",
                    "sshgen pass",
                    "-a",
                    "2",
                ])
                .env("OLD", "keygen pass")
                .assert()
                .success();
            assert_eq!(
                stdout_of(&changed),
                format!("Key has comment '{comment}'\n{SAVED}")
            );
            assert!(keygen_opens(&ssh_keygen, &key, "sshgen pass"), "{key:?}");
            #[cfg(unix)]
            assert_eq!(mode(&key), 0o600);
        }
    }
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn a_wrong_passphrase_says_so_and_changes_nothing() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            keygen_ok(
                &ssh_keygen,
                &["-p", "-P", "", "-N", "right", "-a", "2"],
                &key,
            );
            let private_before = fs::read(&key).unwrap();
            let public_before = fs::read(pub_path(&key)).unwrap();
            let files_before = listing(env.root());
            let expected = format!(
                "sshgen: error: incorrect passphrase for {}\n",
                key.display()
            );

            let passphrase = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["-P", "wrong", "-N", "new"])
                .assert()
                .code(1);
            assert_eq!(stderr_of(&passphrase), expected);
            assert_eq!(stdout_of(&passphrase), "");

            let comment = env
                .sshgen()
                .arg("comment")
                .arg(&key)
                .args(["-C", "new comment", "-P", "wrong"])
                .assert()
                .code(1);
            assert_eq!(stderr_of(&comment), expected);

            assert_eq!(fs::read(&key).unwrap(), private_before, "{key:?}");
            assert_eq!(fs::read(pub_path(&key)).unwrap(), public_before);
            assert_eq!(listing(env.root()), files_before);
            assert!(keygen_opens(&ssh_keygen, &key, "right"));
        }
    }
}

/// The prompts of `passphrase` through a real pseudo-terminal.
#[cfg(unix)]
mod terminal {
    use ssh_key::PrivateKey;

    use super::{KINDS, Origin, key_copy};
    use crate::terminal::{exit_code, passphrase_twice, spawn};
    use crate::util::{Env, read};

    #[test]
    fn passphrase_asks_for_the_old_one_then_the_new_one_twice() {
        let env = Env::new();
        let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
        env.sshgen()
            .arg("passphrase")
            .arg(&key)
            .args(["-N", "old pass", "-a", "2"])
            .assert()
            .success();
        let name = key.file_name().unwrap().to_str().unwrap().to_owned();

        let mut s = spawn(&env, &["passphrase", &name, "-a", "2"]);
        s.exp_string("Enter old passphrase: ").unwrap();
        s.send_line("old pass").unwrap();
        passphrase_twice(&mut s, &name, "new pass", "new pass");
        s.exp_string("Key has comment 'alice@example.com'").unwrap();
        s.exp_string("Your identification has been saved with the new passphrase.")
            .unwrap();
        assert_eq!(exit_code(&mut s), 0);
        let stored = PrivateKey::from_openssh(read(&key)).unwrap();
        assert!(stored.decrypt("old pass").is_err());
        assert!(stored.decrypt("new pass").is_ok());
    }

    #[test]
    fn a_wrong_old_passphrase_at_the_terminal_changes_nothing() {
        let env = Env::new();
        let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
        env.sshgen()
            .arg("passphrase")
            .arg(&key)
            .args(["-N", "old pass", "-a", "2"])
            .assert()
            .success();
        let before = std::fs::read(&key).unwrap();
        let name = key.file_name().unwrap().to_str().unwrap().to_owned();

        let mut s = spawn(&env, &["passphrase", &name]);
        s.exp_string("Enter old passphrase: ").unwrap();
        s.send_line("not it").unwrap();
        s.exp_string(&format!("sshgen: error: incorrect passphrase for {name}"))
            .unwrap();
        assert_eq!(exit_code(&mut s), 1);
        assert_eq!(std::fs::read(&key).unwrap(), before);
    }
}

#[cfg(unix)]
#[test]
fn pem_and_pkcs8_keys_get_a_passphrase_and_become_openssh_keys() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for format in ["PEM", "PKCS8"] {
            for old in ["", "keygen pass"] {
                let Some(key) = keygen_format_copy(&env, &ssh_keygen, kind, format, old) else {
                    continue;
                };
                assert!(
                    read(&key).starts_with(pem_header(kind, format, !old.is_empty())),
                    "{key:?}"
                );
                let public_before = read(&pub_path(&key));
                let changed = env
                    .sshgen()
                    .arg("passphrase")
                    .arg(&key)
                    .args(["-P", old, "-N", "sshgen pass", "-a", "2"])
                    .assert()
                    .success();
                // PEM and PKCS8 hold no comment: the .pub's is kept.
                assert_eq!(
                    stdout_of(&changed),
                    format!("Key has comment '{}'\n{SAVED}", fixture_comment(kind))
                );
                assert_eq!(
                    stderr_of(&changed),
                    format!(
                        "Converted {} from {format} to the OpenSSH format.\n",
                        key.display()
                    )
                );
                assert!(read(&key).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
                assert_eq!(read(&pub_path(&key)), public_before);
                assert!(keygen_opens(&ssh_keygen, &key, "sshgen pass"), "{key:?}");
                assert!(!keygen_opens(&ssh_keygen, &key, "keygen pass"), "{key:?}");
                #[cfg(unix)]
                assert_eq!(mode(&key), 0o600);
                cases += 1;
            }
        }
    }
    // RSA 2048, 3072, 4096 and ECDSA 256, 384, 521, each as PEM and PKCS8,
    // with and without a passphrase; ssh-keygen writes Ed25519 only as OpenSSH.
    assert_eq!(cases, 24);
}
