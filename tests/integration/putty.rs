//! PuTTY's puttygen as a second, stricter reader and writer of OpenSSH and
//! PEM keys: it refuses an mpint with a needless leading zero, and writes
//! EC scalars with a leading zero when their top bit is set.

use std::path::Path;
use std::process::Command;

use crate::util::{Env, output_of, read, require, stdout_of};

/// `TYPE BASE64` of a key line, without the comment.
fn key_part(line: &str) -> String {
    line.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What puttygen reads as the public key of `key`.
fn puttygen_public(puttygen: &Path, key: &Path) -> String {
    let out = Command::new(puttygen)
        .arg(key)
        .args([
            "-O",
            "public-openssh",
            "-o",
            "/dev/stdout",
            "--old-passphrase",
            "/dev/null",
        ])
        .output()
        .expect("run puttygen");
    assert!(
        out.status.success(),
        "puttygen cannot read {}: {}",
        key.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    key_part(&String::from_utf8(out.stdout).unwrap())
}

const CURVES: [&str; 3] = ["256", "384", "521"];

#[test]
fn puttygen_reads_every_ecdsa_key_sshgen_writes_and_rewrites() {
    let Some(puttygen) = require("puttygen") else {
        return;
    };
    let env = Env::new();
    for bits in CURVES {
        for i in 0..16 {
            let name = format!("k{bits}-{i}");
            env.run_ok(&[
                "-q",
                "-t",
                "ecdsa",
                "-b",
                bits,
                "--no-passphrase",
                "-f",
                &name,
            ]);
            let public = key_part(&read(&env.path(&format!("{name}.pub"))));
            assert_eq!(
                puttygen_public(&puttygen, &env.path(&name)),
                public,
                "{name}"
            );
            // A rewrite goes through the same encoder.
            if i < 4 {
                env.run_ok(&["comment", &name, "-C", "rewritten"]);
                assert_eq!(
                    puttygen_public(&puttygen, &env.path(&name)),
                    public,
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn sshgen_reads_every_ecdsa_key_puttygen_writes() {
    let Some(puttygen) = require("puttygen") else {
        return;
    };
    let env = Env::new();
    for bits in CURVES {
        for i in 0..8 {
            for format in ["private-openssh", "private-openssh-new"] {
                let name = format!("p{bits}-{i}-{format}");
                let path = env.path(&name);
                output_of(
                    Command::new(&puttygen)
                        .args(["-t", "ecdsa", "-b", bits, "-O", format, "-o"])
                        .arg(&path)
                        .args(["--new-passphrase", "/dev/null"]),
                );
                let expected = puttygen_public(&puttygen, &path);
                let assert = env.run_ok(&["public", &name]);
                assert_eq!(key_part(&stdout_of(&assert)), expected, "{name}");
            }
        }
    }
}
