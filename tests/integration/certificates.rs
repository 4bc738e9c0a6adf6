//! Certificates (`ssh-keygen -s` and `-L`) made by sshgen, read by the real
//! OpenSSH: `ssh-keygen -L` prints of them what sshgen's `-L` prints, and
//! sshd lets a user in with a certificate sshgen signed.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::interop::{current_user, start_sshd_with};
use crate::util::{Env, read, require, sshgen_bin, text};

fn run(program: &Path, env: &Env, args: &[&str]) -> Output {
    let mut command = env.command_of(program);
    command.args(args).env("TZ", "UTC").stdin(Stdio::null());
    command.output().expect("run")
}

#[test]
fn certificates_show_in_ssh_keygen_as_in_sshgen() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let ours = sshgen_bin();
    let env = Env::new();
    assert!(
        run(
            &real,
            &env,
            &[
                "-q", "-t", "ed25519", "-N", "", "-C", "user key", "-f", "user"
            ]
        )
        .status
        .success()
    );
    for (ca, args) in [
        ("ca-ed", &["-t", "ed25519"][..]),
        ("ca-rsa", &["-t", "rsa", "-b", "2048"]),
        ("ca-ec", &["-t", "ecdsa", "-b", "384"]),
    ] {
        assert!(
            run(&real, &env, &[args, &["-q", "-N", "", "-f", ca]].concat())
                .status
                .success()
        );
        for (options, expect) in [
            (
                &[
                    "-I",
                    "ana",
                    "-n",
                    "ana,bob",
                    "-V",
                    "20260101:20270101",
                    "-z",
                    "7",
                ][..],
                "Signed user key user-cert.pub: id \"ana\" serial 7 for ana,bob valid from 2026-01-01T00:00:00 to 2027-01-01T00:00:00\n",
            ),
            (
                &["-I", "host", "-h", "-n", "box.example.com"],
                "Signed host key user-cert.pub: id \"host\" serial 0 for box.example.com valid forever\n",
            ),
            (
                &[
                    "-I",
                    "ci",
                    "-n",
                    "ci",
                    "-O",
                    "clear",
                    "-O",
                    "permit-pty",
                    "-O",
                    "force-command=/bin/true",
                    "-O",
                    "source-address=10.0.0.0/8",
                    "-O",
                    "extension:login@example.com=ana",
                    "-O",
                    "critical:custom",
                    "-V",
                    "always:20300101",
                ],
                "Signed user key user-cert.pub: id \"ci\" serial 0 for ci valid before 2030-01-01T00:00:00\n",
            ),
        ] {
            let _ = std::fs::remove_file(env.path("user-cert.pub"));
            let signed = run(
                &ours,
                &env,
                &[&["-s", ca][..], options, &["user.pub"]].concat(),
            );
            assert!(signed.status.success(), "{}", text(&signed.stderr));
            assert_eq!(text(&signed.stderr), expect, "{ca} {options:?}");
            let theirs = run(&real, &env, &["-L", "-f", "user-cert.pub"]);
            let mine = run(&ours, &env, &["-L", "-f", "user-cert.pub"]);
            assert!(theirs.status.success(), "{}", text(&theirs.stderr));
            assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{ca} {options:?}");
            if ca == "ca-rsa" {
                assert!(text(&theirs.stdout).contains("(using rsa-sha2-512)"));
            }
            assert!(read(&env.path("user-cert.pub")).ends_with(" user key\n"));
        }
    }
    // Without principals: as ssh-keygen 9.2 makes it, and a warning.
    let _ = std::fs::remove_file(env.path("user-cert.pub"));
    let bare = run(&ours, &env, &["-s", "ca-ed", "-I", "any", "user.pub"]);
    assert!(bare.status.success());
    assert!(text(&bare.stderr).contains("OpenSSH 10 and later refuse such certificates"));
    assert!(
        text(&run(&real, &env, &["-L", "-f", "user-cert.pub"]).stdout)
            .contains("Principals: (none)")
    );
}

#[test]
fn sshd_lets_a_user_in_with_a_certificate_sshgen_signed() {
    let (Some(sshd), Some(ssh_keygen), Some(ssh)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
    ) else {
        return;
    };
    let ours = sshgen_bin();
    let env = Env::new();
    env.run_ok(&["-f", "ca", "--no-passphrase", "-q"]);
    env.run_ok(&["-f", "user", "--no-passphrase", "-q"]);
    let authorized = env.path("authorized_keys");
    std::fs::write(&authorized, "").unwrap();
    let user = current_user();
    let (_sshd, port) = start_sshd_with(
        &sshd,
        &ssh_keygen,
        env.root(),
        &authorized,
        &format!("TrustedUserCAKeys {}\n", env.path("ca.pub").display()),
    );
    let login = || {
        Command::new(&ssh)
            .args(["-F", "/dev/null", "-p", &port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args([
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
                "-i",
            ])
            .arg(env.path("user"))
            .arg(format!("{user}@127.0.0.1"))
            .arg("echo logged-in")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    // No certificate: refused (the key itself is not authorized).
    assert!(!login().status.success());
    let signed = run(
        &ours,
        &env,
        &[
            "-s", "ca", "-I", "ana", "-n", &user, "-V", "+1h", "user.pub",
        ],
    );
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let out = login();
    assert_eq!(text(&out.stdout), "logged-in\n", "{}", text(&out.stderr));
    // A certificate for another principal does not get in.
    let _ = std::fs::remove_file(env.path("user-cert.pub"));
    let other = run(
        &ours,
        &env,
        &["-s", "ca", "-I", "eve", "-n", "somebody-else", "user.pub"],
    );
    assert!(other.status.success());
    assert!(!login().status.success());
}

#[test]
fn cert_sign_requires_principals_and_cert_show_prints_what_ssh_keygen_prints() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = sshgen_bin();
    for (name, key_type) in [("ca", "rsa"), ("ana", "ed25519"), ("web", "ecdsa")] {
        let made = run(
            &real,
            &env,
            &["-q", "-t", key_type, "-N", "", "-C", name, "-f", name],
        );
        assert!(made.status.success());
    }
    // No principals named: refused, nothing written.
    let refused = run(
        &ours,
        &env,
        &["cert", "sign", "--ca", "ca", "--id", "ana", "ana.pub"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        text(&refused.stderr),
        "sshgen: error: name who the certificate is for with --principal (the user names), \
         or pass --any-principal for one valid for all, which OpenSSH 10 refuses\n"
    );
    assert!(!env.path("ana-cert.pub").exists());

    let signed = run(
        &ours,
        &env,
        &[
            "cert",
            "sign",
            "--ca",
            "ca",
            "--id",
            "ana@laptop",
            "-n",
            "ana",
            "-n",
            "root",
            "--valid",
            "20260101:20270101",
            "--serial",
            "42",
            "-O",
            "no-pty",
            "-O",
            "force-command=/bin/true",
            "ana.pub",
        ],
    );
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let host = run(
        &ours,
        &env,
        &[
            "cert",
            "sign",
            "--ca",
            "ca.pub",
            "--host",
            "--id",
            "web1",
            "--principal",
            "web1.example.com",
            "web.pub",
        ],
    );
    assert!(host.status.success(), "{}", text(&host.stderr));
    // cert show is ssh-keygen -L, and ssh-keygen reads what cert sign wrote.
    for cert in ["ana-cert.pub", "web-cert.pub"] {
        let shown = run(&ours, &env, &["cert", "show", cert]);
        let theirs = run(&real, &env, &["-L", "-f", cert]);
        assert!(theirs.status.success(), "{}", text(&theirs.stderr));
        assert_eq!(text(&shown.stdout), text(&theirs.stdout), "{cert}");
    }
    let shown = text(&run(&real, &env, &["-L", "-f", "web-cert.pub"]).stdout);
    assert!(shown.contains("host certificate"), "{shown}");
    assert!(
        shown.contains("Principals: \n                web1.example.com\n"),
        "{shown}"
    );
    let shown = text(&run(&real, &env, &["-L", "-f", "ana-cert.pub"]).stdout);
    for part in [
        "        Key ID: \"ana@laptop\"\n        Serial: 42\n",
        "        Valid: from 2026-01-01T00:00:00 to 2027-01-01T00:00:00\n",
        "        Principals: \n                ana\n                root\n",
        "        Critical Options: \n                force-command /bin/true\n",
    ] {
        assert!(shown.contains(part), "{part}: {shown}");
    }
    assert!(!shown.contains("permit-pty"), "{shown}");

    let any = run(
        &ours,
        &env,
        &[
            "cert",
            "sign",
            "--ca",
            "ca",
            "--id",
            "all",
            "--any-principal",
            "-q",
            "ana.pub",
        ],
    );
    assert!(any.status.success(), "{}", text(&any.stderr));
    assert_eq!(text(&any.stderr), "");
    let shown = text(&run(&real, &env, &["-L", "-f", "ana-cert.pub"]).stdout);
    assert!(shown.contains("Principals: (none)\n"), "{shown}");
}

#[test]
fn serials_with_a_plus_count_up_a_certificate_at_a_time_as_in_ssh_keygen() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ok = |out: Output| assert!(out.status.success(), "{}", text(&out.stderr));
    for name in ["ca", "a", "b", "c"] {
        ok(run(
            &real,
            &env,
            &["-q", "-t", "ed25519", "-N", "", "-f", name],
        ));
    }
    let mut shown = Vec::new();
    for program in [real.as_path(), sshgen_bin().as_path()] {
        let signed = run(
            program,
            &env,
            &[
                "-s", "ca", "-I", "id", "-n", "u", "-z", "+41", "a.pub", "b.pub", "c.pub",
            ],
        );
        ok(signed);
        let serials: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|k| {
                let listed = run(&real, &env, &["-L", "-f", &format!("{k}-cert.pub")]);
                text(&listed.stdout)
                    .lines()
                    .find(|l| l.trim_start().starts_with("Serial:"))
                    .unwrap()
                    .trim()
                    .to_owned()
            })
            .collect();
        shown.push(serials);
    }
    assert_eq!(shown[0], ["Serial: 41", "Serial: 42", "Serial: 43"]);
    assert_eq!(shown[1], shown[0]);
    let refused = run(
        &sshgen_bin(),
        &env,
        &["-s", "ca", "-I", "id", "-z", "+x", "a.pub"],
    );
    assert_eq!(refused.status.code(), Some(255));
    assert_eq!(
        text(&refused.stderr),
        "sshgen: error: Invalid serial number \"+x\"\n"
    );
}
