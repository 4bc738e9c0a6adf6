//! sshgen run as `ssh-keygen` (a link by that name), or bare with one of
//! ssh-keygen's mode flags: its getopt grammar, its stdout byte for byte and
//! its exit statuses, side by side with the real ssh-keygen. OpenSSH's own
//! regression tests run against the same link in CI
//! (scripts/openssh-regress.sh).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{Env, read, require, sshgen_bin, text};

/// A link named `ssh-keygen` to the sshgen under test.
fn keygen_link(env: &Env) -> PathBuf {
    let dir = env.path("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("ssh-keygen");
    std::os::unix::fs::symlink(sshgen_bin(), &link).unwrap();
    link
}

fn run(program: &Path, env: &Env, args: &[&str]) -> Output {
    let mut command = env.command_of(program);
    // ssh-keygen names the account from the password database (in -e's
    // comment), and so does sshgen; USER says the same here.
    command
        .args(args)
        .env("USER", crate::interop::current_user())
        .stdin(Stdio::null());
    command.output().expect("run")
}

#[test]
fn every_mode_prints_what_ssh_keygen_prints() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    for (name, key_type) in [("ed", "ed25519"), ("rsa", "rsa"), ("ec", "ecdsa")] {
        let made = run(
            &real,
            &env,
            &["-q", "-t", key_type, "-N", "", "-C", "c@h", "-f", name],
        );
        assert!(made.status.success());
        let pub_name = format!("{name}.pub");
        let cases: Vec<Vec<&str>> = vec![
            vec!["-lf", name],
            vec!["-lvf", &pub_name],
            vec!["-E", "md5", "-lf", name],
            vec!["-lE", "sha512", "-f", &pub_name],
            vec!["-Bf", name],
            vec!["-yf", name],
            vec!["-ef", &pub_name],
            vec!["-e", "-m", "PKCS8", "-f", &pub_name],
            vec!["-q", "-e", "-f", name],
        ];
        for args in cases {
            let theirs = run(&real, &env, &args);
            let mine = run(&ours, &env, &args);
            assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{name} {args:?}");
            assert_eq!(mine.status.code(), theirs.status.code(), "{name} {args:?}");
        }
        // -i reads back what -e wrote.
        let exported = run(&real, &env, &["-ef", &pub_name]);
        std::fs::write(env.path("exported"), &exported.stdout).unwrap();
        let theirs = run(&real, &env, &["-if", "exported"]);
        let mine = run(&ours, &env, &["-if", "exported"]);
        assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{name} -i");
    }

    // -p and -c on copies of one key: the same lines, and files ssh-keygen
    // reads with the new passphrase and comment.
    for program in [&real, &ours] {
        std::fs::copy(env.path("ed"), env.path("copy")).unwrap();
        std::fs::copy(env.path("ed.pub"), env.path("copy.pub")).unwrap();
        let changed = run(
            program,
            &env,
            &["-p", "-P", "", "-N", "new pass", "-a", "4", "-f", "copy"],
        );
        assert_eq!(
            text(&changed.stdout),
            "Key has comment 'c@h'\nYour identification has been saved with the new passphrase.\n"
        );
        let commented = run(
            program,
            &env,
            &["-c", "-C", "new@c", "-P", "new pass", "-f", "copy"],
        );
        assert_eq!(
            text(&commented.stdout),
            "Old comment: c@h\nComment 'new@c' applied\n",
            "{program:?}"
        );
        let public = run(&real, &env, &["-y", "-P", "new pass", "-f", "copy"]);
        assert!(
            text(&public.stdout).ends_with(" new@c\n"),
            "{}",
            text(&public.stderr)
        );
    }
}

#[test]
fn exit_statuses_and_usage_are_ssh_keygens() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    std::fs::write(env.path("known_hosts"), "").unwrap();
    for args in [
        &["-F", "nothere", "-f", "known_hosts"][..],
        &["-x"],
        &["-lf"],
        &["-lf", "missing"],
        &["-yf", "missing"],
        // The first operand ends the options, and only -s takes operands.
        &["-l", "extra", "-f", "known_hosts"],
        &["-H", "-f", "known_hosts", "extra"],
    ] {
        let theirs = run(&real, &env, args);
        let mine = run(&ours, &env, args);
        assert_eq!(mine.status.code(), theirs.status.code(), "{args:?}");
        assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{args:?}");
        // A usage error: ssh-keygen's problem line (which it ends with
        // "\r\n"), then the synopsis.
        if args == ["-x"] || args == ["-lf"] || args.contains(&"extra") {
            let theirs = text(&theirs.stderr);
            let problem = theirs.split_once("\r\n").expect("a problem line").0;
            assert!(
                text(&mine.stderr).starts_with(&format!("{problem}\nusage: ssh-keygen ")),
                "{args:?}: {}",
                text(&mine.stderr)
            );
        }
    }
    // -? lists the jobs (scripts grep it for "ssh-keygen -e").
    let usage = run(&ours, &env, &["-?"]);
    assert_eq!(usage.status.code(), Some(1));
    let stderr = text(&usage.stderr);
    assert!(
        stderr.starts_with("usage: ssh-keygen [-q] [-a rounds] [-b bits]"),
        "{stderr}"
    );
    for job in [
        "ssh-keygen -e",
        "ssh-keygen -i",
        "ssh-keygen -l",
        "ssh-keygen -F hostname",
    ] {
        assert!(stderr.contains(job), "{job}: {stderr}");
    }
    // --version alone says which command line runs (ssh-keygen has none).
    let version = run(&ours, &env, &["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        text(&version.stdout),
        format!(
            "sshgen {} (ssh-keygen's command line)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    // DSA stays refused, with its reason, as a fatal error.
    let dsa = run(&ours, &env, &["-q", "-t", "dsa", "-N", "", "-f", "d"]);
    assert_eq!(dsa.status.code(), Some(255));
    assert!(text(&dsa.stderr).contains("DSA keys are no longer supported"));
}

#[test]
fn bundled_generation_flags_and_bare_sshgen_modes() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    // -qt bundles; -b is ignored for Ed25519 as ssh-keygen ignores it.
    let made = run(
        &ours,
        &env,
        &["-qt", "ed25519", "-b", "4096", "-N", "", "-C", "x", "-fk"],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert_eq!(text(&made.stdout), "");
    let theirs = run(&real, &env, &["-lf", "k"]);
    assert!(text(&theirs.stdout).starts_with("256 SHA256:"));
    // PEM and PKCS8 private keys, which ssh-keygen reads.
    for format in ["PEM", "PKCS8"] {
        let file = format!("rsa-{format}");
        let made = run(
            &ours,
            &env,
            &[
                "-q", "-t", "rsa", "-b", "2048", "-m", format, "-N", "", "-f", &file,
            ],
        );
        assert!(made.status.success(), "{}", text(&made.stderr));
        let header = std::fs::read_to_string(env.path(&file)).unwrap();
        assert!(
            header.starts_with(if format == "PEM" {
                "-----BEGIN RSA PRIVATE KEY-----"
            } else {
                "-----BEGIN PRIVATE KEY-----"
            }),
            "{header}"
        );
        let public = run(&real, &env, &["-yf", &file]);
        assert_eq!(
            text(&public.stdout).split_whitespace().nth(1),
            std::fs::read_to_string(env.path(&format!("{file}.pub")))
                .unwrap()
                .split_whitespace()
                .nth(1)
        );
    }
    // Bare sshgen takes ssh-keygen's grammar when an option names a mode,
    // first or after others.
    for args in [
        &["-lf", "k"][..],
        &["-f", "k", "-l"],
        &["-E", "sha256", "-lf", "k"],
    ] {
        let bare = Command::new(sshgen_bin())
            .args(args)
            .current_dir(env.root())
            .output()
            .unwrap();
        assert_eq!(text(&bare.stdout), text(&theirs.stdout), "{args:?}");
    }
}

#[test]
fn all_host_keys_are_made_once_as_ssh_keygen_makes_them() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    for prefix in ["theirs", "ours"] {
        std::fs::create_dir_all(env.path(prefix).join("etc/ssh")).unwrap();
        // An empty file (an image's placeholder) is replaced, as ssh-keygen does.
        std::fs::write(env.path(prefix).join("etc/ssh/ssh_host_rsa_key"), "").unwrap();
    }
    let theirs = run(&real, &env, &["-A", "-f", "theirs"]);
    let mine = run(&ours, &env, &["-A", "-f", "ours"]);
    assert_eq!(text(&mine.stdout), text(&theirs.stdout));
    assert_eq!(
        text(&mine.stdout),
        "ssh-keygen: generating new host keys: RSA ECDSA ED25519 \n"
    );
    for (name, label) in [("rsa", "RSA"), ("ecdsa", "ECDSA"), ("ed25519", "ED25519")] {
        let key = env
            .path("ours")
            .join(format!("etc/ssh/ssh_host_{name}_key"));
        assert_eq!(crate::util::mode(&key), 0o600);
        let listed = run(&real, &env, &["-lf", key.to_str().unwrap()]);
        assert!(
            text(&listed.stdout).ends_with(&format!("({label})\n")),
            "{}",
            text(&listed.stderr)
        );
    }
    // Nothing is missing now: nothing is made or said.
    let again = run(&ours, &env, &["-A", "-f", "ours"]);
    assert!(again.status.success());
    assert_eq!(text(&again.stdout), "");
}

#[test]
fn known_hosts_lines_ssh_keygen_calls_invalid_keep_the_file_as_it_is() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    let ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    let blob = ed.split(' ').nth(1).unwrap();
    // Damaged or mismatched keys stay (ssh-keygen does not decode them);
    // unknown markers, missing or unknown key types, a bad salt (with -R
    // only) make the file one it will not rewrite.
    let file = format!(
        "a {ed}\nb {ed}\n# comment\n\n  \t\nc ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBROKEN\n\
         nokey\ne ssh-ed25519\n@unknown f {ed}\n@revoked g {ed}\nh ssh-rsa {blob}\n\
         i nokeytype AAAA\n|1|bad|hash {ed}\n@revoked @revoked j {ed}\nk ed25519 AAAA\n\
         l {ed}\r\nm ssh-ed25519 # comment\n"
    );
    for args in [["-R", "a"], ["-H", "-q"]] {
        let mut outputs = Vec::new();
        for program in [&real, &ours] {
            std::fs::write(env.path("known_hosts"), &file).unwrap();
            let out = run(program, &env, &[args[0], args[1], "-f", "known_hosts"]);
            assert_eq!(
                std::fs::read_to_string(env.path("known_hosts")).unwrap(),
                file
            );
            assert!(
                !env.path("known_hosts.old").exists(),
                "{program:?} {args:?}"
            );
            outputs.push((text(&out.stdout), text(&out.stderr), out.status.code()));
        }
        assert_eq!(outputs[1], outputs[0], "{args:?}");
    }
    // Without such lines the same file is rewritten, damaged key and all.
    let valid: String = file
        .lines()
        .enumerate()
        .filter(|(i, _)| ![6, 7, 8, 11, 12, 13, 16].contains(i))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    for program in [&real, &ours] {
        std::fs::write(env.path("known_hosts"), &valid).unwrap();
        let out = run(program, &env, &["-R", "a", "-f", "known_hosts"]);
        assert!(out.status.success(), "{program:?}: {}", text(&out.stderr));
        assert_eq!(
            std::fs::read_to_string(env.path("known_hosts.old")).unwrap(),
            valid
        );
        assert!(
            !std::fs::read_to_string(env.path("known_hosts"))
                .unwrap()
                .starts_with("a ")
        );
    }
}

#[test]
fn sshfp_records_are_ssh_keygens() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    for (name, key_type) in [("ed", "ed25519"), ("rsa", "rsa"), ("ec", "ecdsa")] {
        let made = run(&real, &env, &["-q", "-t", key_type, "-N", "", "-f", name]);
        assert!(made.status.success());
    }
    // A certificate has no SSHFP algorithm: nothing on stdout, still 0.
    let signed = run(&real, &env, &["-q", "-s", "ed", "-I", "id", "rsa.pub"]);
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let cases: &[&[&str]] = &[
        &["-r", "host.example", "-f", "ed.pub"],
        &["-r", "host.example", "-f", "ed"],
        &["-r", "host.example", "-g", "-f", "rsa.pub"],
        &["-gr", "host.example", "-f", "ec.pub"],
        &["-r", "host.example", "-f", "rsa-cert.pub"],
        &["-r", "host.example", "-f", "missing"],
    ];
    for args in cases {
        let theirs = run(&real, &env, args);
        let mine = run(&ours, &env, args);
        assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{args:?}");
        assert_eq!(mine.status.code(), theirs.status.code(), "{args:?}");
    }
    assert!(!text(&run(&ours, &env, cases[0]).stdout).is_empty());
}

#[test]
fn krls_made_by_either_tool_revoke_the_same_keys() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    let keygen = |args: &[&str]| {
        let out = run(&real, &env, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    };
    keygen(&["-q", "-t", "ed25519", "-N", "", "-f", "ca"]);
    for name in [
        "plain",
        "by-key",
        "by-sha1",
        "by-sha256",
        "by-hash",
        "kept",
        "k1",
        "k2",
        "k3",
    ] {
        keygen(&["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", name]);
    }
    // Certificates: serial 5 (in a revoked range), 9 (not), 0 with a
    // revoked key ID, and one revoked by its own line.
    keygen(&["-q", "-s", "ca", "-I", "one", "-z", "5", "k1.pub"]);
    keygen(&["-q", "-s", "ca", "-I", "two", "-z", "9", "k2.pub"]);
    keygen(&["-q", "-s", "ca", "-I", "lost laptop", "k3.pub"]);
    let key_of = |name: &str| {
        let line = read(&env.path(&format!("{name}.pub")));
        line.split(' ').take(2).collect::<Vec<_>>().join(" ")
    };
    let hash = text(&run(&real, &env, &["-lf", "by-hash.pub"]).stdout);
    let hash = hash.split(' ').nth(1).unwrap().to_owned();
    std::fs::write(
        env.path("spec"),
        format!(
            "# revoked\nserial: 3-6\nserial: 0x20\nid: lost laptop\n{}\nkey: {}\n\
             sha1: {}\nsha256: {}\nhash: {hash}\n",
            key_of("plain"),
            key_of("by-key"),
            key_of("by-sha1"),
            key_of("by-sha256"),
        ),
    )
    .unwrap();
    let keys = [
        "plain.pub",
        "by-key.pub",
        "by-sha1.pub",
        "by-sha256.pub",
        "by-hash.pub",
        "kept.pub",
        "k1-cert.pub",
        "k2-cert.pub",
        "k3-cert.pub",
    ];
    let mut answers = Vec::new();
    for (maker, krl) in [(&real, "theirs.krl"), (&ours, "ours.krl")] {
        let made = run(
            maker,
            &env,
            &["-k", "-f", krl, "-s", "ca.pub", "-z", "4", "spec"],
        );
        assert!(made.status.success(), "{maker:?}: {}", text(&made.stderr));
        assert_eq!(text(&made.stdout), "Revoking from spec\n");
        // A certificate's own line revokes it too (-u adds to the list).
        let updated = run(maker, &env, &["-kqu", "-f", krl, "k2-cert.pub"]);
        assert!(updated.status.success(), "{}", text(&updated.stderr));
        for checker in [&real, &ours] {
            let mut args = vec!["-Q", "-f", krl];
            args.extend(keys);
            let checked = run(checker, &env, &args);
            answers.push((text(&checked.stdout), checked.status.code()));
        }
    }
    let expected = "plain.pub (plain): REVOKED\nby-key.pub (by-key): REVOKED\n\
                    by-sha1.pub (by-sha1): REVOKED\nby-sha256.pub (by-sha256): REVOKED\n\
                    by-hash.pub (by-hash): REVOKED\nkept.pub (kept): ok\n\
                    k1-cert.pub (k1): REVOKED\nk2-cert.pub (k2): REVOKED\n\
                    k3-cert.pub (k3): REVOKED\n";
    for answer in &answers {
        assert_eq!(answer, &(expected.to_owned(), Some(1)));
    }
    // -l prints each list first, as ssh-keygen prints it (its time in the
    // local zone, here UTC).
    for krl in ["theirs.krl", "ours.krl"] {
        let printed: Vec<_> = [&real, &ours]
            .iter()
            .map(|program| {
                let out = env
                    .command_of(program)
                    .env("TZ", "UTC")
                    .args(["-Q", "-l", "-f", krl, "kept.pub"])
                    .output()
                    .unwrap();
                (text(&out.stdout), out.status.code())
            })
            .collect();
        assert_eq!(printed[0], printed[1], "{krl}");
        assert!(
            printed[0]
                .0
                .contains("\nserial: 3-6\nserial: 9\nserial: 32\nid: lost laptop\n")
        );
        assert!(printed[0].0.ends_with("kept.pub (kept): ok\n"));
    }
    // Without -s, serial: lines are refused as ssh-keygen refuses them.
    let refused = run(&ours, &env, &["-k", "-f", "none.krl", "spec"]);
    assert_eq!(refused.status.code(), Some(255));
    assert!(text(&refused.stderr).contains(
        "spec:2: revoking certificates by serial number requires specification of a CA key"
    ));
}

/// `-p` in a terminal: the prompts, their order and what is said between
/// them, as ssh-keygen 9.2 says them (expect scripts key on them), for a
/// change and for a mismatch.
#[test]
fn passphrase_change_at_a_terminal_talks_as_ssh_keygen() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    let dialogue = |program: &Path, key: &str, again: &str| -> (String, i32) {
        let made = run(
            &real,
            &env,
            &["-q", "-t", "ed25519", "-N", "old", "-C", "c@h", "-f", key],
        );
        assert!(made.status.success());
        let mut cmd = crate::terminal::pty_command(&env, program);
        cmd.args(["-p", "-f", key]);
        let mut session = rexpect::session::spawn_command(cmd, Some(60_000)).expect("a pty");
        let mut seen = String::new();
        for (prompt, answer) in [
            ("Enter old passphrase: ", "old"),
            ("Enter new passphrase (empty for no passphrase): ", "new"),
            ("Enter same passphrase again: ", again),
        ] {
            seen += &session.exp_string(prompt).unwrap();
            seen += prompt;
            session.send_line(answer).unwrap();
        }
        seen += &session.exp_eof().unwrap();
        let code = match session.process().wait().unwrap() {
            rexpect::process::wait::WaitStatus::Exited(_, code) => code,
            other => panic!("{other:?}"),
        };
        (seen.replace("\r\n", "\n"), code)
    };
    for again in ["new", "other"] {
        let (theirs, their_code) = dialogue(&real, &format!("theirs-{again}"), again);
        let (ours, our_code) = dialogue(&ours, &format!("ours-{again}"), again);
        assert_eq!(ours.replace("ours-", "theirs-"), theirs, "{again}");
        assert_eq!(our_code, their_code, "{again}");
    }
}

/// ssh-keygen's askpass: with `SSH_ASKPASS_REQUIRE=force` the program gives
/// the passphrase of an encrypted key, and runs only when one is needed
/// (never for a key without a passphrase), as with the real ssh-keygen.
#[test]
fn askpass_gives_the_passphrase_only_when_one_is_needed() {
    use std::os::unix::fs::PermissionsExt;
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ours = keygen_link(&env);
    let askpass = env.path("askpass");
    let asked = env.path("asked");
    std::fs::write(
        &askpass,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\necho pw\n", asked.display()),
    )
    .unwrap();
    std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (name, passphrase) in [("plain", ""), ("locked", "pw")] {
        let made = run(
            &real,
            &env,
            &[
                "-q", "-t", "ed25519", "-N", passphrase, "-C", "c", "-f", name,
            ],
        );
        assert!(made.status.success());
    }
    for program in [&real, &ours] {
        for (name, asks) in [("plain", 0), ("locked", 1)] {
            let _ = std::fs::remove_file(&asked);
            let out = env
                .command_of(program)
                .args(["-y", "-f", name])
                .env("SSH_ASKPASS", &askpass)
                .env("SSH_ASKPASS_REQUIRE", "force")
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{program:?} {name}: {}",
                text(&out.stderr)
            );
            assert_eq!(
                text(&out.stdout),
                read(&env.path(&format!("{name}.pub"))),
                "{program:?}"
            );
            let prompts = std::fs::read_to_string(&asked).unwrap_or_default();
            assert_eq!(
                prompts.lines().count(),
                asks,
                "{program:?} {name}: {prompts:?}"
            );
        }
    }
}
