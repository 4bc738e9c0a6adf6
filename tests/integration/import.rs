//! `sshgen import` (ssh-keygen -i [-m]): the line ssh-keygen prints, and
//! what it refuses. The keys and helpers are in `rewrite.rs`.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
use crate::util::{Env, read, require, stderr_of, stdout_of};
use std::fs;

#[allow(unused_imports)]
use crate::rewrite::*;

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn import_prints_the_line_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            for format in FORMATS {
                let exported = keygen(&ssh_keygen, &["-e", "-m", format], &pub_path(&key));
                if !exported.status.success() {
                    continue;
                }
                let converted = env.path(&format!("{}.{format}", key.display()));
                fs::write(&converted, &exported.stdout).unwrap();
                // ssh-keygen -m PEM writes ECDSA as a PKCS8 block, which only
                // its -m PKCS8 reads back; sshgen reads it with either.
                let read_as = if kind.label == "ECDSA" && format == "PEM" {
                    "PKCS8"
                } else {
                    format
                };
                let expected = keygen_ok(&ssh_keygen, &["-i", "-m", read_as], &converted);
                // The key alone, as in the .pub but without its comment.
                let public = read(&pub_path(&key));
                let without_comment = public.rsplit_once(' ').unwrap().0;
                assert_eq!(expected, format!("{without_comment}\n"));

                for args in [
                    vec![],
                    vec!["--format".to_owned(), format.to_ascii_lowercase()],
                ] {
                    let ours = env
                        .sshgen()
                        .arg("import")
                        .arg(&converted)
                        .args(&args)
                        .assert()
                        .success();
                    assert_eq!(stdout_of(&ours), expected, "{converted:?} {args:?}");
                }
                let from_stdin = env
                    .sshgen()
                    .args(["import", "-"])
                    .write_stdin(exported.stdout.clone())
                    .assert()
                    .success();
                assert_eq!(stdout_of(&from_stdin), expected);
                cases += 1;
            }
        }
    }
    // 7 kinds × 2 origins × 3 formats, less Ed25519 in PKCS8 and PEM.
    assert_eq!(cases, 38);
}

#[test]
fn import_reads_rfc4716_headers_with_continuation_lines() {
    let env = Env::new();
    let public = read(&fixture_dir().join("ed25519.pub"));
    let base64 = public.split(' ').nth(1).unwrap();
    let text = format!(
        "---- BEGIN SSH2 PUBLIC KEY ----\n\
         Subject: alice\n\
         Comment: \"a long comment that goes on \\\n\
         and on\"\n\
         {}\n{}\n\
         ---- END SSH2 PUBLIC KEY ----\n",
        &base64[..30],
        &base64[30..]
    );
    let file = env.path("ssh2.pub");
    fs::write(&file, text).unwrap();
    let assert = env.sshgen().arg("import").arg(&file).assert().success();
    assert_eq!(stdout_of(&assert), format!("ssh-ed25519 {base64}\n"));
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let env = Env::new();
    let pub_line = env.path("plain.pub");
    fs::copy(fixture_dir().join("ed25519.pub"), &pub_line).unwrap();
    let assert = env.sshgen().arg("import").arg(&pub_line).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: no \"---- BEGIN SSH2 PUBLIC KEY ----\", \"-----BEGIN PUBLIC KEY-----\" \
             or \"-----BEGIN RSA PUBLIC KEY-----\" line; is it an RFC4716, PKCS8 or PEM public key?\n",
            pub_line.display()
        )
    );

    let truncated = env.path("truncated.pem");
    fs::write(
        &truncated,
        "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAq02MbcpvIoMmrSIG8HYK\n-----END RSA PUBLIC KEY-----\n",
    )
    .unwrap();
    let assert = env.sshgen().arg("import").arg(&truncated).assert().code(1);
    assert!(
        stderr_of(&assert).starts_with(&format!("sshgen: error: {}: ", truncated.display())),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(stdout_of(&assert), "");

    let pem = env.path("rsa.pem");
    fs::write(
        &pem,
        "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAq02MbcpvIoMmrSIG8HYK\n-----END RSA PUBLIC KEY-----\n",
    )
    .unwrap();
    let assert = env
        .sshgen()
        .arg("import")
        .arg(&pem)
        .args(["--format", "pkcs8"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: holds a PEM public key, not PKCS8; pass --format pem or leave \
             --format out\n",
            pem.display()
        )
    );
}
