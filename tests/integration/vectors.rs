//! Key files other tools write, which ssh-keygen 9.2 reads: made here with
//! the tools that write them (ssh-keygen, OpenSSL), and read by sshgen to
//! ssh-keygen's bytes.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{Env, require, text};

/// What `program args` prints on stdout and stderr, and its status.
fn run(program: &Path, dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let mut command = Command::new(program);
    crate::util::scrub(&mut command, &dir.join("home"));
    let out = command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

/// sshgen's and ssh-keygen's stdout for the same ssh-keygen command line,
/// which must agree (and succeed).
fn same(env: &Env, ssh_keygen: &Path, args: &[&str]) {
    let (theirs, their_err, their_code) = run(ssh_keygen, env.root(), args);
    assert_eq!(their_code, Some(0), "ssh-keygen {args:?}: {their_err}");
    let (ours, our_err, our_code) = run(&crate::util::sshgen_bin(), env.root(), args);
    assert_eq!(ours, theirs, "{args:?}: {our_err}");
    assert_eq!(our_code, Some(0), "{args:?}");
}

fn private(env: &Env, name: &str) {
    fs::set_permissions(env.path(name), fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn openssh_keys_in_every_cipher_ssh_keygen_reads() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for cipher in [
        "3des-cbc",
        "aes128-cbc",
        "aes192-cbc",
        "aes256-cbc",
        "aes128-ctr",
        "aes192-ctr",
        "aes256-ctr",
        "aes128-gcm@openssh.com",
        "aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com",
    ] {
        let name = format!("k-{}", cipher.replace('@', "_"));
        let (_, err, code) = run(
            &ssh_keygen,
            env.root(),
            &[
                "-q", "-t", "ed25519", "-Z", cipher, "-N", "pw", "-C", cipher, "-f", &name,
            ],
        );
        assert_eq!(code, Some(0), "{err}");
        same(&env, &ssh_keygen, &["-y", "-P", "pw", "-f", &name]);
        same(&env, &ssh_keygen, &["-l", "-f", &name]);
    }
}

#[test]
fn pkcs8_keys_openssl_encrypts_with_any_pbes2_cipher_or_prf() {
    let (Some(ssh_keygen), Some(openssl)) = (require("ssh-keygen"), require("openssl")) else {
        return;
    };
    let env = Env::new();
    let (_, err, code) = run(
        &openssl,
        env.root(),
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "rsa.pem",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    for (name, how) in [
        ("des3", &["-v2", "des3"][..]),
        (
            "sha1-prf",
            &["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA1"],
        ),
        ("aes128", &["-v2", "aes-128-cbc"]),
        ("aes192", &["-v2", "aes-192-cbc"]),
        ("aes256", &["-v2", "aes-256-cbc"]),
        (
            "camellia128",
            &["-v2", "camellia128", "-v2prf", "hmacWithSHA1"],
        ),
        ("camellia256", &["-v2", "camellia256"]),
        ("aria192", &["-v2", "aria192", "-v2prf", "hmacWithSHA512"]),
        ("aria256", &["-v2", "aria256"]),
    ] {
        let file = format!("p8-{name}.pem");
        let mut args = vec![
            "pkcs8", "-topk8", "-in", "rsa.pem", "-passout", "pass:pw", "-out", &file,
        ];
        args.extend_from_slice(how);
        let (_, err, code) = run(&openssl, env.root(), &args);
        assert_eq!(code, Some(0), "{err}");
        private(&env, &file);
        same(&env, &ssh_keygen, &["-y", "-P", "pw", "-f", &file]);
    }
}

#[test]
fn ec_keys_with_their_curve_spelled_out_are_the_named_curve() {
    let (Some(ssh_keygen), Some(openssl)) = (require("ssh-keygen"), require("openssl")) else {
        return;
    };
    let env = Env::new();
    for (curve, form) in [
        ("prime256v1", "uncompressed"),
        ("prime256v1", "compressed"),
        ("secp384r1", "uncompressed"),
        ("secp521r1", "uncompressed"),
    ] {
        let file = format!("{curve}-{form}.pem");
        let (_, err, code) = run(
            &openssl,
            env.root(),
            &[
                "ecparam",
                "-name",
                curve,
                "-genkey",
                "-noout",
                "-param_enc",
                "explicit",
                "-conv_form",
                form,
                "-out",
                &file,
            ],
        );
        assert_eq!(code, Some(0), "{err}");
        private(&env, &file);
        same(&env, &ssh_keygen, &["-y", "-f", &file]);
        same(&env, &ssh_keygen, &["-l", "-f", &file]);
    }
}

#[test]
fn rsa_keys_whose_modulus_is_no_whole_number_of_bytes() {
    let (Some(ssh_keygen), Some(openssl)) = (require("ssh-keygen"), require("openssl")) else {
        return;
    };
    let env = Env::new();
    let (_, err, code) = run(
        &openssl,
        env.root(),
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:1044",
            "-out",
            "rsa1044",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    private(&env, "rsa1044");
    let (public, _, _) = run(&ssh_keygen, env.root(), &["-y", "-f", "rsa1044"]);
    fs::write(env.path("rsa1044.pub"), public).unwrap();
    for args in [
        &["-l", "-f", "rsa1044"][..],
        &["-l", "-f", "rsa1044.pub"],
        &["-lv", "-f", "rsa1044.pub"],
        &["-e", "-f", "rsa1044.pub"],
    ] {
        same(&env, &ssh_keygen, args);
    }
    let (listed, _, _) = run(
        &crate::util::sshgen_bin(),
        env.root(),
        &["fingerprint", "rsa1044.pub"],
    );
    assert!(listed.starts_with("1044 SHA256:"), "{listed}");
}

#[test]
fn known_hosts_lines_ssh_keygen_passes_over_are_passed_over() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    fs::write(
        env.path("known_hosts"),
        format!(
            "good.example {key}\n@unknown good.example {key}\nbad.example ssh-foo AAAA\n\
             missing.example\ngood.example ssh-ed25519\n# comment\n\
             good.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnk\ngood.example {key} last\n"
        ),
    )
    .unwrap();
    for host in ["good.example", "bad.example", "missing.example"] {
        let (theirs, _, their_code) =
            run(&ssh_keygen, env.root(), &["-F", host, "-f", "known_hosts"]);
        let (ours, _, our_code) = run(
            &crate::util::sshgen_bin(),
            env.root(),
            &["-F", host, "-f", "known_hosts"],
        );
        assert_eq!(ours, theirs, "{host}");
        assert_eq!(our_code, their_code, "{host}");
        let (found, _, _) = run(
            &crate::util::sshgen_bin(),
            env.root(),
            &["known-hosts", "find", host, "-f", "known_hosts"],
        );
        assert_eq!(found, theirs, "{host}");
    }
    same(&env, &ssh_keygen, &["-l", "-f", "known_hosts"]);
}

#[test]
fn comments_that_are_not_utf8_keep_their_bytes_as_ssh_keygen_keeps_them() {
    use std::os::unix::ffi::OsStrExt;
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let comment = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff \xc3\xa9");
    let made = Command::new(&ssh_keygen)
        .current_dir(env.root())
        .args(["-q", "-t", "ed25519", "-N", "", "-f", "latin", "-C"])
        .arg(comment)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        &["-l", "-f", "latin"][..],
        &["-l", "-f", "latin.pub"],
        &["-lv", "-f", "latin.pub"],
        &["-y", "-f", "latin"],
    ] {
        for lang in ["C", "C.UTF-8"] {
            let output = |program: &Path| {
                let mut command = Command::new(program);
                crate::util::scrub(&mut command, &env.home());
                command
                    .env("LANG", lang)
                    .env_remove("LC_ALL")
                    .env_remove("LC_CTYPE")
                    .args(args)
                    .current_dir(env.root())
                    .output()
                    .unwrap()
                    .stdout
            };
            assert_eq!(
                output(&crate::util::sshgen_bin()),
                output(&ssh_keygen),
                "{args:?} {lang}"
            );
        }
    }
    // A PuTTY key puttygen made of it: read as puttygen reads it.
    if let Some(puttygen) = require("puttygen") {
        let (_, err, code) = run(&puttygen, env.root(), &["latin", "-o", "latin.ppk"]);
        assert_eq!(code, Some(0), "{err}");
        let theirs = Command::new(&puttygen)
            .current_dir(env.root())
            .args(["-L", "latin.ppk"])
            .output()
            .unwrap()
            .stdout;
        let mut ours = Command::new(crate::util::sshgen_bin());
        crate::util::scrub(&mut ours, &env.home());
        let ours = ours
            .current_dir(env.root())
            .args(["public", "latin.ppk"])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(ours, theirs);
    }
    // JSON carries U+FFFD for each byte that is not UTF-8.
    let (json, _, _) = run(
        &crate::util::sshgen_bin(),
        env.root(),
        &["fingerprint", "--json", "latin"],
    );
    let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(value[0]["comment"], "caf\u{fffd} \u{fffd} é");
}

/// An SSH string: length, then the bytes.
fn ssh_string(bytes: &[u8]) -> Vec<u8> {
    [
        &u32::try_from(bytes.len()).unwrap().to_be_bytes()[..],
        bytes,
    ]
    .concat()
}

/// A positive SSH mpint of big-endian `bytes`.
fn mpint(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let mut digits = bytes[start..].to_vec();
    if digits.first().is_some_and(|b| b & 0x80 != 0) {
        digits.insert(0, 0);
    }
    ssh_string(&digits)
}

/// An SSH signature of `message` made as a security key signs through
/// WebAuthn (PROTOCOL.u2f: the key signs a clientData text whose challenge
/// is what SSHSIG signs), by a P-256 key made here; and the allowed_signers
/// line for its key.
fn webauthn_signature(message: &[u8]) -> (String, String) {
    use base64ct::{Base64, Base64UrlUnpadded, Encoding};
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use sha2::{Digest, Sha256, Sha512};
    let signing = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
    let point = signing.verifying_key().to_sec1_point(false);
    let public = [
        ssh_string(b"sk-ecdsa-sha2-nistp256@openssh.com"),
        ssh_string(b"nistp256"),
        ssh_string(point.as_bytes()),
        ssh_string(b"ssh:"),
    ]
    .concat();
    let namespace = b"file";
    let signed_data = [
        &b"SSHSIG"[..],
        &ssh_string(namespace),
        &ssh_string(b""),
        &ssh_string(b"sha512"),
        &ssh_string(&Sha512::digest(message)),
    ]
    .concat();
    let client_data = format!(
        "{{\"type\":\"webauthn.get\",\"challenge\":\"{}\",\"origin\":\"https://example.com\",\
         \"crossOrigin\":false}}",
        Base64UrlUnpadded::encode_string(&signed_data)
    );
    let (flags, counter) = (0x01u8, 7u32);
    let mut to_sign = Sha256::digest(b"ssh:").to_vec();
    to_sign.push(flags);
    to_sign.extend_from_slice(&counter.to_be_bytes());
    to_sign.extend_from_slice(&Sha256::digest(client_data.as_bytes()));
    let signature: p256::ecdsa::Signature =
        signing.sign_prehash(&Sha256::digest(&to_sign)).unwrap();
    let (r, s) = signature.split_bytes();
    let blob = [
        ssh_string(b"webauthn-sk-ecdsa-sha2-nistp256@openssh.com"),
        ssh_string(&[mpint(&r), mpint(&s)].concat()),
        vec![flags],
        counter.to_be_bytes().to_vec(),
        ssh_string(b"https://example.com"),
        ssh_string(client_data.as_bytes()),
        ssh_string(b""),
    ]
    .concat();
    let sshsig = [
        &b"SSHSIG"[..],
        &1u32.to_be_bytes(),
        &ssh_string(&public),
        &ssh_string(namespace),
        &ssh_string(b""),
        &ssh_string(b"sha512"),
        &ssh_string(&blob),
    ]
    .concat();
    let encoded = Base64::encode_string(&sshsig);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(70)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    (
        format!(
            "-----BEGIN SSH SIGNATURE-----\n{}\n-----END SSH SIGNATURE-----\n",
            lines.join("\n")
        ),
        format!(
            "me@example.com sk-ecdsa-sha2-nistp256@openssh.com {}\n",
            Base64::encode_string(&public)
        ),
    )
}

#[test]
fn webauthn_signatures_are_verified_as_ssh_keygen_verifies_them() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let (signature, allowed) = webauthn_signature(b"signed by a browser\n");
    fs::write(env.path("msg.sig"), signature).unwrap();
    fs::write(env.path("allowed"), allowed).unwrap();
    for (message, good) in [("signed by a browser\n", true), ("something else\n", false)] {
        fs::write(env.path("msg"), message).unwrap();
        let verify = |program: &Path| {
            let out = Command::new(program)
                .current_dir(env.root())
                .args(["-Y", "verify", "-f", "allowed", "-I", "me@example.com"])
                .args(["-n", "file", "-s", "msg.sig"])
                .stdin(fs::File::open(env.path("msg")).unwrap())
                .output()
                .unwrap();
            (text(&out.stdout), out.status.code())
        };
        let theirs = verify(&ssh_keygen);
        assert_eq!(theirs.1 == Some(0), good, "ssh-keygen: {}", theirs.0);
        assert_eq!(verify(&crate::util::sshgen_bin()), theirs, "{message:?}");
    }
}
