//! PuTTY's `.ppk` against PuTTY's own puttygen: sshgen's files open in
//! puttygen and puttygen's in sshgen, for every key type, encrypted or
//! not, versions 2 and 3; `convert` among all the formats; `passphrase`
//! and `comment` keep a PuTTY key a PuTTY key; damage is an error.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::{Env, mode, read, require, stderr_of, stdout_of};

const TYPES: [(&str, &str); 5] = [
    ("ed25519", "256"),
    ("ecdsa", "256"),
    ("ecdsa", "384"),
    ("ecdsa", "521"),
    ("rsa", "2048"),
];

fn key_part(line: &str) -> String {
    line.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn run(program: &Path, env: &Env, args: &[&str]) -> Output {
    let out = env.command_of(program).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{program:?} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A file holding `text` and a newline, for puttygen's passphrase options.
fn secret(env: &Env, name: &str, text: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    path.to_string_lossy().into_owned()
}

/// What ssh-keygen reads as the public key of the OpenSSH key `key`.
fn keygen_public(keygen: &Path, env: &Env, key: &str, passphrase: &str) -> String {
    let out = run(keygen, env, &["-y", "-P", passphrase, "-f", key]);
    key_part(&String::from_utf8(out.stdout).unwrap())
}

#[test]
fn ppk_files_sshgen_writes_open_in_puttygen_with_their_private_key() {
    let (Some(puttygen), Some(keygen)) = (require("puttygen"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let empty = secret(&env, "empty", "");
    let pass = secret(&env, "pass", "pp secret");
    for (key_type, bits) in TYPES {
        let name = format!("{key_type}{bits}");
        run(
            &keygen,
            &env,
            &[
                "-q",
                "-t",
                key_type,
                "-b",
                bits,
                "-N",
                "pp secret",
                "-C",
                "mine",
                "-f",
                &name,
            ],
        );
        let public = key_part(&read(&env.path(&format!("{name}.pub"))));
        for version in ["2", "3"] {
            for (encrypted, old) in [(true, &pass), (false, &empty)] {
                let ppk = format!("{name}-v{version}-{encrypted}.ppk");
                let mut args = vec![
                    "convert",
                    &name,
                    "--to",
                    "ppk",
                    "--ppk-version",
                    version,
                    "-o",
                    &ppk,
                    "--old-passphrase",
                    "pp secret",
                ];
                if !encrypted {
                    args.push("--no-passphrase");
                }
                let converted = env.run_ok(&args);
                assert_eq!(
                    stdout_of(&converted),
                    format!(
                        "Converted {name} (OpenSSH) to {ppk} (PuTTY version {version}, {}).\n",
                        if encrypted {
                            "encrypted"
                        } else {
                            "not encrypted"
                        }
                    )
                );
                assert_eq!(mode(&env.path(&ppk)), 0o600);
                let text = read(&env.path(&ppk));
                assert!(text.starts_with(&format!("PuTTY-User-Key-File-{version}: ")));
                assert_eq!(
                    text.contains("Key-Derivation: Argon2id"),
                    encrypted && version == "3"
                );
                // puttygen decrypts it (its MAC checked) and writes the
                // private key back out for OpenSSH.
                let back = format!("{ppk}.openssh");
                run(
                    &puttygen,
                    &env,
                    &[
                        &ppk,
                        "--old-passphrase",
                        old,
                        "-O",
                        "private-openssh",
                        "-o",
                        &back,
                        "--new-passphrase",
                        &empty,
                    ],
                );
                assert_eq!(keygen_public(&keygen, &env, &back, ""), public, "{ppk}");
                let comment = run(
                    &puttygen,
                    &env,
                    &[&ppk, "--old-passphrase", old, "-O", "public-openssh"],
                );
                assert!(String::from_utf8_lossy(&comment.stdout).ends_with(" mine\n"));
            }
        }
    }
}

#[test]
fn ppk_files_puttygen_writes_open_in_sshgen_and_convert_back_for_openssh() {
    let (Some(puttygen), Some(keygen)) = (require("puttygen"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let empty = secret(&env, "empty", "");
    let pass = secret(&env, "pass", "their secret");
    for (key_type, bits) in TYPES {
        for version in ["2", "3"] {
            for (encrypted, new) in [(true, &pass), (false, &empty)] {
                let ppk = format!("{key_type}{bits}-v{version}-{encrypted}.ppk");
                let mut args = vec![
                    "-t",
                    key_type,
                    "-C",
                    "theirs",
                    "-o",
                    &ppk,
                    "--new-passphrase",
                    new,
                    "-q",
                ];
                if key_type != "ed25519" {
                    args.extend(["-b", bits]);
                }
                let param = format!("version={version}");
                args.extend(["--ppk-param", &param]);
                run(&puttygen, &env, &args);
                let theirs = run(&puttygen, &env, &[&ppk, "-O", "public-openssh"]);
                let public = key_part(&String::from_utf8(theirs.stdout).unwrap());

                // The public key without the passphrase, as puttygen shows it.
                let shown = env.run_ok(&["fingerprint", &ppk]);
                let fingerprint = run(&puttygen, &env, &["-l", &ppk]);
                let fingerprint = String::from_utf8(fingerprint.stdout).unwrap();
                let hash = fingerprint.split_whitespace().nth(2).unwrap();
                assert!(
                    stdout_of(&shown).contains(&format!(" {hash} theirs ")),
                    "{ppk}"
                );

                let mut public_args = vec!["public", ppk.as_str()];
                if encrypted {
                    public_args.extend(["--passphrase", "their secret"]);
                }
                let opened = env.run_ok(&public_args);
                assert_eq!(stdout_of(&opened), format!("{public} theirs\n"), "{ppk}");

                // To OpenSSH beside it (the name without .ppk), passphrase kept.
                let mut convert = vec!["convert", ppk.as_str(), "--to", "openssh"];
                if encrypted {
                    convert.extend(["--old-passphrase", "their secret"]);
                }
                env.run_ok(&convert);
                let stem = ppk.strip_suffix(".ppk").unwrap();
                let passphrase = if encrypted { "their secret" } else { "" };
                assert_eq!(keygen_public(&keygen, &env, stem, passphrase), public);
                assert_eq!(key_part(&read(&env.path(&format!("{stem}.pub")))), public);
                if encrypted {
                    let refused = env
                        .command_of(&keygen)
                        .args(["-y", "-P", "", "-f", stem])
                        .output()
                        .unwrap();
                    assert!(!refused.status.success(), "the passphrase was kept");
                }
            }
        }
    }
}

#[test]
fn round_trips_keep_the_key_and_rewrites_keep_a_putty_key_a_putty_key() {
    let (Some(puttygen), Some(keygen)) = (require("puttygen"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    run(
        &keygen,
        &env,
        &["-q", "-t", "ecdsa", "-N", "", "-C", "round", "-f", "orig"],
    );
    let public = key_part(&read(&env.path("orig.pub")));
    env.run_ok(&["convert", "orig", "--to", "ppk"]);
    env.run_ok(&["convert", "orig.ppk", "--to", "pem", "-o", "orig.pem"]);
    env.run_ok(&["convert", "orig.pem", "--to", "pkcs8", "-o", "orig.p8"]);
    env.run_ok(&["convert", "orig.p8", "--to", "openssh", "-o", "again"]);
    assert_eq!(keygen_public(&keygen, &env, "orig.pem", ""), public);
    assert_eq!(keygen_public(&keygen, &env, "orig.p8", ""), public);
    assert_eq!(keygen_public(&keygen, &env, "again", ""), public);
    // PEM and PKCS#8 hold no comment; PuTTY keys do.
    assert_eq!(read(&env.path("again.pub")), format!("{public}\n"));
    env.run_ok(&["convert", "orig.ppk", "--to", "openssh", "-o", "direct"]);
    assert_eq!(read(&env.path("direct.pub")), format!("{public} round\n"));
    assert_eq!(keygen_public(&keygen, &env, "direct", ""), public);

    // A passphrase added to the PuTTY key keeps it version 3 PuTTY,
    // and puttygen opens it with that passphrase only.
    let changed = env.run_ok(&["passphrase", "orig.ppk", "--passphrase", "now set"]);
    assert!(stdout_of(&changed).ends_with("saved with the new passphrase.\n"));
    assert_eq!(stderr_of(&changed), "", "no conversion notice");
    let text = read(&env.path("orig.ppk"));
    assert!(
        text.starts_with("PuTTY-User-Key-File-3: ecdsa-sha2-nistp256\nEncryption: aes256-cbc\n")
    );
    let now = secret(&env, "now", "now set");
    let opened = run(
        &puttygen,
        &env,
        &["orig.ppk", "--old-passphrase", &now, "-O", "public-openssh"],
    );
    assert_eq!(
        String::from_utf8_lossy(&opened.stdout),
        format!("{public} round\n")
    );
    env.run_ok(&[
        "comment",
        "orig.ppk",
        "-C",
        "renamed",
        "--passphrase",
        "now set",
    ]);
    let opened = run(
        &puttygen,
        &env,
        &["orig.ppk", "--old-passphrase", &now, "-O", "public-openssh"],
    );
    assert_eq!(
        String::from_utf8_lossy(&opened.stdout),
        format!("{public} renamed\n")
    );

    // generate --format ppk, for a PuTTY-only user.
    env.run_ok(&[
        "generate",
        "-q",
        "-t",
        "ed25519",
        "--format",
        "ppk",
        "-N",
        "",
        "-C",
        "new",
        "-f",
        "fresh.ppk",
    ]);
    let opened = run(&puttygen, &env, &["fresh.ppk", "-O", "public-openssh"]);
    assert_eq!(
        key_part(&String::from_utf8_lossy(&opened.stdout)),
        key_part(&read(&env.path("fresh.ppk.pub")))
    );
}

#[test]
fn wrong_passphrases_damage_and_existing_files_are_refused_with_their_reason() {
    let Some(puttygen) = require("puttygen") else {
        return;
    };
    let env = Env::new();
    let pass = secret(&env, "pass", "right");
    let empty = secret(&env, "empty", "");
    run(
        &puttygen,
        &env,
        &[
            "-t",
            "ed25519",
            "-C",
            "c",
            "-o",
            "enc.ppk",
            "--new-passphrase",
            &pass,
            "-q",
        ],
    );
    run(
        &puttygen,
        &env,
        &[
            "-t",
            "ed25519",
            "-C",
            "c",
            "-o",
            "plain.ppk",
            "--new-passphrase",
            &empty,
            "-q",
        ],
    );
    let failed = |args: &[&str]| {
        let out = Command::new(crate::util::sshgen_bin())
            .args(args)
            .current_dir(env.root())
            .env("SSHGEN_HOME", env.home())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(
        failed(&["public", "enc.ppk", "--passphrase", "wrong"]),
        (
            Some(1),
            "sshgen: error: incorrect passphrase for enc.ppk\n".to_owned()
        )
    );
    let damaged = read(&env.path("plain.ppk")).replace("Comment: c", "Comment: d");
    std::fs::write(env.path("damaged.ppk"), damaged).unwrap();
    assert_eq!(
        failed(&["public", "damaged.ppk"]),
        (
            Some(1),
            "sshgen: error: damaged.ppk: damaged key file: PuTTY key whose MAC does not match: \
             the file is damaged\n"
                .to_owned()
        )
    );
    let future = read(&env.path("plain.ppk")).replace("File-3", "File-4");
    std::fs::write(env.path("future.ppk"), future).unwrap();
    assert_eq!(
        failed(&["fingerprint", "future.ppk"]),
        (
            Some(1),
            "sshgen: error: future.ppk: unsupported key: a PuTTY key format too new (sshgen \
             reads versions 2 and 3)\n"
                .to_owned()
        )
    );
    std::fs::write(env.path("plain"), "in the way\n").unwrap();
    assert_eq!(
        failed(&["convert", "plain.ppk", "--to", "openssh"]),
        (
            Some(1),
            "sshgen: error: plain already exists; pass --force to replace it, or -o to choose \
             another file\n"
                .to_owned()
        )
    );
    assert_eq!(read(&env.path("plain")), "in the way\n");
    env.run_ok(&["convert", "plain.ppk", "--to", "openssh", "--force"]);
    assert!(read(&env.path("plain")).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    // Without -o, a name with no .ppk to strip would be the key itself.
    assert_eq!(
        failed(&["convert", "plain", "--to", "pem"]),
        (
            Some(2),
            "sshgen: error: say where the converted key goes with -o FILE (plain would be \
             replaced)\n"
                .to_owned()
        )
    );
}
