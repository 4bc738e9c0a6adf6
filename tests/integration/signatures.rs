//! SSH signatures (`ssh-keygen -Y …`), side by side with the real
//! ssh-keygen: Ed25519 signatures byte for byte, every signature read by the
//! other tool, the same lines and exit statuses for good and bad ones; and
//! git signing and verifying commits with sshgen as `gpg.ssh.program`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::util::{Env, read, require, sshgen_bin, text};

fn run(program: &Path, env: &Env, args: &[&str], stdin: Option<&Path>) -> Output {
    let mut command = env.command_of(program);
    command.args(args);
    match stdin {
        Some(file) => command.stdin(std::fs::File::open(file).unwrap()),
        None => command.stdin(Stdio::null()),
    };
    command.output().expect("run")
}

#[test]
fn signatures_are_ssh_keygens_and_each_tool_verifies_the_others() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let ours = sshgen_bin();
    let env = Env::new();
    // Data over several of the pieces it is read and hashed in (64 KiB),
    // the last one short.
    std::fs::write(env.path("data"), "signed text\n".repeat(20_000)).unwrap();
    std::fs::write(env.path("other"), "other text\n").unwrap();
    for (name, args) in [
        ("ed", &["-t", "ed25519"][..]),
        ("rsa", &["-t", "rsa", "-b", "2048"]),
        ("ec", &["-t", "ecdsa"]),
    ] {
        let made = run(
            &real,
            &env,
            &[args, &["-q", "-N", "", "-C", "c", "-f", name]].concat(),
            None,
        );
        assert!(made.status.success());
        let public = read(&env.path(&format!("{name}.pub")));
        let key = public
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        std::fs::write(
            env.path("allowed"),
            format!("ana@example.com,*@corp.example namespaces=\"git,file\" {key}\n"),
        )
        .unwrap();

        // Signed by each, into data.sig; Ed25519 signatures are
        // deterministic, so byte for byte the same.
        let mut signatures = Vec::new();
        for program in [&real, &ours] {
            let _ = std::fs::remove_file(env.path("data.sig"));
            let signed = run(
                program,
                &env,
                &["-Y", "sign", "-n", "git", "-f", name, "data"],
                None,
            );
            assert!(signed.status.success(), "{}", text(&signed.stderr));
            assert_eq!(
                text(&signed.stderr),
                "Signing file data\nWrite signature to data.sig\n",
                "{program:?}"
            );
            signatures.push(read(&env.path("data.sig")));
        }
        if name == "ed" {
            assert_eq!(signatures[0], signatures[1]);
        }
        for (index, signature) in signatures.iter().enumerate() {
            std::fs::write(env.path("data.sig"), signature).unwrap();
            for program in [&real, &ours] {
                for (args, data, expect) in [
                    (
                        &["-Y", "verify", "-n", "git", "-I", "ana@example.com"][..],
                        "data",
                        0,
                    ),
                    (
                        &["-Y", "verify", "-n", "git", "-I", "bo@corp.example"],
                        "data",
                        0,
                    ),
                    (
                        &["-Y", "verify", "-n", "mail", "-I", "ana@example.com"],
                        "data",
                        255,
                    ),
                    (
                        &["-Y", "verify", "-n", "git", "-I", "eve@example.com"],
                        "data",
                        255,
                    ),
                    (
                        &["-Y", "verify", "-n", "git", "-I", "ana@example.com"],
                        "other",
                        255,
                    ),
                ] {
                    let mine = run(
                        program,
                        &env,
                        &[args, &["-f", "allowed", "-s", "data.sig"]].concat(),
                        Some(&env.path(data)),
                    );
                    let theirs = run(
                        &real,
                        &env,
                        &[args, &["-f", "allowed", "-s", "data.sig"]].concat(),
                        Some(&env.path(data)),
                    );
                    assert_eq!(
                        mine.status.code(),
                        Some(expect),
                        "{name} {index} {args:?} {data}"
                    );
                    assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{name} {args:?}");
                }
            }
            for args in [
                &["-Y", "find-principals", "-s", "data.sig", "-f", "allowed"][..],
                &[
                    "-Y",
                    "match-principals",
                    "-I",
                    "ana@example.com",
                    "-f",
                    "allowed",
                ],
                &["-Y", "check-novalidate", "-n", "git", "-s", "data.sig"],
            ] {
                let mine = run(&ours, &env, args, Some(&env.path("data")));
                let theirs = run(&real, &env, args, Some(&env.path("data")));
                assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{name} {args:?}");
                assert_eq!(mine.status.code(), theirs.status.code(), "{name} {args:?}");
            }
        }
    }
}

#[test]
fn certificates_sign_and_cert_authority_lines_trust_them_as_in_ssh_keygen() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let ours = sshgen_bin();
    let env = Env::new();
    std::fs::write(env.path("data"), "signed text\n").unwrap();
    for name in ["ca", "user"] {
        let made = run(
            &real,
            &env,
            &["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", name],
            None,
        );
        assert!(made.status.success());
    }
    let certified = run(
        &real,
        &env,
        &[
            "-q",
            "-s",
            "ca",
            "-I",
            "ana's key",
            "-n",
            "ana@example.com,ops",
            "-V",
            "20200101:20300101",
            "user.pub",
        ],
        None,
    );
    assert!(certified.status.success(), "{}", text(&certified.stderr));
    let ca = read(&env.path("ca.pub"));
    std::fs::write(
        env.path("allowed"),
        format!("ana@example.com,*@corp.example,op? cert-authority {ca}"),
    )
    .unwrap();
    std::fs::write(env.path("revoke-ca"), &ca).unwrap();
    std::fs::write(env.path("bad-line"), "b line\n").unwrap();
    std::fs::write(env.path("revoke-other"), read(&env.path("user.pub"))).unwrap();
    let krl = run(&real, &env, &["-k", "-f", "user.krl", "user.pub"], None);
    assert!(krl.status.success(), "{}", text(&krl.stderr));

    // The signature carries the certificate; Ed25519 signs
    // deterministically, so both tools write the same bytes.
    let mut signatures = Vec::new();
    for program in [&real, &ours] {
        let signed = run(
            program,
            &env,
            &["-Y", "sign", "-n", "git", "-f", "user-cert.pub"],
            Some(&env.path("data")),
        );
        assert!(signed.status.success(), "{}", text(&signed.stderr));
        signatures.push(text(&signed.stdout));
    }
    assert_eq!(signatures[0], signatures[1]);
    std::fs::write(env.path("data.sig"), &signatures[1]).unwrap();

    let verify = |extra: &[&'static str]| {
        [
            &[
                "-Y", "verify", "-n", "git", "-f", "allowed", "-s", "data.sig",
            ][..],
            extra,
        ]
        .concat()
    };
    for (args, expect) in [
        (verify(&["-I", "ana@example.com"]), 0),
        (verify(&["-I", "ops", "-O", "print-pubkey"]), 0),
        // Not a principal of the certificate, though the line allows it.
        (verify(&["-I", "bo@corp.example"]), 255),
        (
            verify(&["-I", "ana@example.com", "-O", "verify-time=20350101"]),
            255,
        ),
        (verify(&["-I", "ana@example.com", "-r", "revoke-ca"]), 255),
        (
            verify(&["-I", "ana@example.com", "-r", "revoke-other"]),
            255,
        ),
        (verify(&["-I", "ana@example.com", "-r", "user.krl"]), 255),
        (
            vec!["-Y", "find-principals", "-s", "data.sig", "-f", "allowed"],
            0,
        ),
        (
            vec![
                "-Y",
                "find-principals",
                "-s",
                "data.sig",
                "-f",
                "allowed",
                "-O",
                "verify-time=20190101",
            ],
            255,
        ),
        (
            vec!["-Y", "check-novalidate", "-n", "git", "-s", "data.sig"],
            0,
        ),
    ] {
        let mine = run(&ours, &env, &args, Some(&env.path("data")));
        let theirs = run(&real, &env, &args, Some(&env.path("data")));
        assert_eq!(
            mine.status.code(),
            Some(expect),
            "{args:?}: {}",
            text(&mine.stderr)
        );
        assert_eq!(theirs.status.code(), Some(expect), "{args:?}");
        assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{args:?}");
    }
    let found = run(
        &ours,
        &env,
        &["-Y", "find-principals", "-s", "data.sig", "-f", "allowed"],
        None,
    );
    assert_eq!(text(&found.stdout), "ana@example.com\nops\n");
}

#[test]
fn git_signs_and_verifies_commits_with_sshgen() {
    let (Some(_), Some(_)) = (require("git"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    env.run_ok(&[
        "-f",
        "signing",
        "--no-passphrase",
        "-q",
        "-C",
        "ana@example.com",
    ]);
    let public = read(&env.path("signing.pub"));
    std::fs::write(env.path("allowed"), format!("ana@example.com {public}")).unwrap();
    let repo = env.path("repo");
    std::fs::create_dir_all(&repo).unwrap();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("HOME", env.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let signing = env.path("signing");
    let allowed = env.path("allowed");
    let program = sshgen_bin();
    for args in [
        &["init", "-q"][..],
        &["config", "user.name", "Ana"],
        &["config", "user.email", "ana@example.com"],
        &["config", "gpg.format", "ssh"],
        &["config", "user.signingkey", signing.to_str().unwrap()],
        &["config", "gpg.ssh.program", program.to_str().unwrap()],
        &[
            "config",
            "gpg.ssh.allowedSignersFile",
            allowed.to_str().unwrap(),
        ],
    ] {
        let out = git(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    std::fs::write(repo.join("file"), "x\n").unwrap();
    assert!(git(&["add", "file"]).status.success());
    let committed = git(&["commit", "-q", "-S", "-m", "signed"]);
    assert!(committed.status.success(), "{}", text(&committed.stderr));
    let verified = git(&["verify-commit", "HEAD"]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    assert!(
        text(&verified.stderr)
            .starts_with("Good \"git\" signature for ana@example.com with ED25519 key SHA256:"),
        "{}",
        text(&verified.stderr)
    );
    // Another key signs: git says the signature is not good.
    env.run_ok(&["-f", "stranger", "--no-passphrase", "-q"]);
    let stranger = env.path("stranger");
    assert!(
        git(&["config", "user.signingkey", stranger.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::write(repo.join("file"), "y\n").unwrap();
    assert!(
        git(&["commit", "-q", "-a", "-S", "-m", "by a stranger"])
            .status
            .success()
    );
    assert!(!git(&["verify-commit", "HEAD"]).status.success());
}

#[test]
fn sign_and_verify_commands_use_the_default_key_and_allowed_signers() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["--no-passphrase", "-q", "-C", "ana@example.com"]);
    let public = read(&env.ssh_dir().join("id_ed25519.pub"));
    std::fs::write(
        env.ssh_dir().join("allowed_signers"),
        format!("ana@example.com {public}"),
    )
    .unwrap();
    std::fs::write(env.path("release.tar"), "release\n").unwrap();
    let signed = env.run_ok(&["sign", "release.tar"]);
    assert_eq!(
        crate::util::stderr_of(&signed),
        "Signing file release.tar\nWrite signature to release.tar.sig\n"
    );
    // ssh-keygen reads it, in the namespace "file".
    let theirs = Command::new(&real)
        .args([
            "-Y",
            "verify",
            "-n",
            "file",
            "-I",
            "ana@example.com",
            "-s",
            "release.tar.sig",
            "-f",
        ])
        .arg(env.ssh_dir().join("allowed_signers"))
        .current_dir(env.root())
        .stdin(std::fs::File::open(env.path("release.tar")).unwrap())
        .output()
        .unwrap();
    assert!(theirs.status.success(), "{}", text(&theirs.stderr));
    let verified = env.run_ok(&["verify", "release.tar", "--signer", "ana@example.com"]);
    assert!(
        crate::util::stdout_of(&verified)
            .starts_with("Good \"file\" signature for ana@example.com with ED25519 key SHA256:")
    );
    let wrong = env
        .sshgen()
        .args(["verify", "release.tar", "--signer", "bob@example.com"])
        .assert()
        .code(1);
    assert_eq!(
        crate::util::stdout_of(&wrong),
        "Could not verify signature.\n"
    );
    assert!(crate::util::stderr_of(&wrong).contains("does not list this key for bob@example.com"));
}

/// git in `repo` with the test's home as HOME and no system config.
fn git_in(env: &Env, repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("HOME", env.home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn git_ok(env: &Env, repo: &Path, args: &[&str]) -> String {
    let out = git_in(env, repo, args);
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    // verify-commit, verify-tag and --show-signature report on stderr.
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[test]
fn git_signing_sets_up_git_so_commits_and_tags_sign_and_verify_either_way() {
    let (Some(_), Some(_)) = (require("git"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["--no-passphrase", "-q", "-C", "ana@example.com"]);
    let public = env.ssh_dir().join("id_ed25519.pub");
    let key_line = read(&public);
    let key_part: String = key_line.split(' ').take(2).collect::<Vec<_>>().join(" ");
    let fingerprint = text(
        &env.sshgen()
            .args(["fingerprint", "--json"])
            .arg(&public)
            .output()
            .unwrap()
            .stdout,
    );
    let fingerprint: serde_json::Value = serde_json::from_str(fingerprint.trim()).unwrap();
    let good = format!(
        "Good \"git\" signature for ana@example.com with ED25519 key {}",
        fingerprint[0]["fingerprint"].as_str().unwrap()
    );
    let repo = env.path("repo");
    std::fs::create_dir_all(&repo).unwrap();
    // Outside a repository only --global can be set: refused before
    // anything is written.
    let outside = env
        .sshgen()
        .args(["git-signing", "--email", "ana@example.com"])
        .current_dir(&repo)
        .env("HOME", env.home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", env.root())
        .output()
        .unwrap();
    assert_eq!(outside.status.code(), Some(2), "{}", text(&outside.stderr));
    assert_eq!(
        text(&outside.stderr),
        "sshgen: error: not in a git repository: run it in one, or pass --global for every \
         repository\n"
    );
    assert!(!env.ssh_dir().join("allowed_signers").exists());
    git_ok(&env, &repo, &["init", "-q"]);
    let setup = |args: &[&str]| {
        env.sshgen()
            .arg("git-signing")
            .args(args)
            .current_dir(&repo)
            .env("HOME", env.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    };

    // Without user.email nothing names the signer: refused, nothing written.
    let refused = setup(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).starts_with("sshgen: error: git has no user.email"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!env.ssh_dir().join("allowed_signers").exists());

    git_ok(&env, &repo, &["config", "user.name", "Ana"]);
    git_ok(&env, &repo, &["config", "user.email", "ana@example.com"]);
    let allowed = env.ssh_dir().join("allowed_signers");
    let first = setup(&[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(
        text(&first.stdout),
        format!(
            "Added ana@example.com with this key to {allowed}.\n\
             Set in git's repository settings:\n  gpg.format = ssh\n  \
             user.signingkey = {public}\n  gpg.ssh.allowedSignersFile = {allowed}\n\
             git runs ssh-keygen to sign and verify; sshgen git-signing --program makes it \
             run this sshgen instead.\n\
             git commit -S and git tag -s now sign with it (git config commit.gpgsign true \
             signs every commit); git log --show-signature checks them.\n\
             So that the code host shows your commits as verified, add the same key there as \
             a signing key:\n  \
             GitHub: https://github.com/settings/ssh/new, Key type \"Signing Key\"\n  \
             GitLab: https://gitlab.com/-/user_settings/ssh_keys, Usage type \"Signing\"\n  \
             Bitbucket: https://bitbucket.org/account/settings/ssh-keys/\n\
             {key_part} ana@example.com\n",
            allowed = allowed.display(),
            public = public.display(),
        )
    );
    assert_eq!(
        read(&allowed),
        format!("ana@example.com namespaces=\"git\" {key_part}\n")
    );
    for (name, value) in [
        ("gpg.format", "ssh".to_owned()),
        ("user.signingkey", public.display().to_string()),
        ("gpg.ssh.allowedSignersFile", allowed.display().to_string()),
    ] {
        assert_eq!(
            git_ok(&env, &repo, &["config", "--local", name]),
            format!("{value}\n")
        );
    }

    // git runs ssh-keygen with what sshgen set up.
    std::fs::write(repo.join("file"), "1\n").unwrap();
    git_ok(&env, &repo, &["add", "file"]);
    git_ok(&env, &repo, &["commit", "-q", "-S", "-m", "by ssh-keygen"]);
    git_ok(&env, &repo, &["tag", "-s", "v1", "-m", "v1"]);
    assert!(git_ok(&env, &repo, &["verify-commit", "HEAD"]).starts_with(&good));
    assert!(git_ok(&env, &repo, &["verify-tag", "v1"]).starts_with(&good));
    assert!(git_ok(&env, &repo, &["log", "--show-signature", "-1"]).contains(&good));

    // --program: git runs sshgen; the key is listed once.
    let second = setup(&["--program"]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(text(&second.stdout).starts_with(&format!(
        "ana@example.com is already in {} with this key.\n",
        allowed.display()
    )));
    assert_eq!(
        git_ok(&env, &repo, &["config", "--local", "gpg.ssh.program"]),
        format!("{}\n", sshgen_bin().display())
    );
    assert_eq!(read(&allowed).lines().count(), 1);
    std::fs::write(repo.join("file"), "2\n").unwrap();
    git_ok(
        &env,
        &repo,
        &["commit", "-q", "-a", "-S", "-m", "by sshgen"],
    );
    git_ok(&env, &repo, &["tag", "-s", "v2", "-m", "v2"]);
    for rev in ["HEAD", "HEAD~1"] {
        assert!(
            git_ok(&env, &repo, &["verify-commit", rev]).starts_with(&good),
            "{rev}"
        );
    }
    for tag in ["v1", "v2"] {
        assert!(
            git_ok(&env, &repo, &["verify-tag", tag]).starts_with(&good),
            "{tag}"
        );
    }
    assert!(git_ok(&env, &repo, &["log", "--show-signature", "-1"]).contains(&good));

    // And ssh-keygen verifies what sshgen signed.
    git_ok(
        &env,
        &repo,
        &["config", "--local", "--unset", "gpg.ssh.program"],
    );
    assert!(git_ok(&env, &repo, &["verify-commit", "HEAD"]).starts_with(&good));
    assert!(git_ok(&env, &repo, &["verify-tag", "v2"]).starts_with(&good));
}

#[test]
fn an_existing_signature_is_replaced_only_when_the_user_says_yes_as_in_ssh_keygen() {
    let Some(real) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let made = run(
        &real,
        &env,
        &["-q", "-t", "ed25519", "-N", "", "-f", "k"],
        None,
    );
    assert!(made.status.success());
    std::fs::write(env.path("data"), "signed text\n").unwrap();
    for program in [real.clone(), sshgen_bin()] {
        for (answer, replaced) in [("n\n", false), ("", false), ("y\n", true)] {
            std::fs::write(env.path("data.sig"), "old\n").unwrap();
            std::fs::write(env.path("answer"), answer).unwrap();
            let out = run(
                &program,
                &env,
                &["-Y", "sign", "-n", "file", "-f", "k", "data"],
                Some(&env.path("answer")),
            );
            assert_eq!(out.status.code(), Some(0), "{program:?} {answer:?}");
            assert_eq!(
                text(&out.stdout),
                "data.sig already exists.\nOverwrite (y/n)? "
            );
            let expected_stderr = if replaced {
                "Signing file data\nWrite signature to data.sig\n"
            } else {
                "Signing file data\n"
            };
            assert_eq!(text(&out.stderr), expected_stderr, "{program:?} {answer:?}");
            let now = read(&env.path("data.sig"));
            assert_eq!(now != "old\n", replaced, "{program:?} {answer:?}");
        }
    }
}
