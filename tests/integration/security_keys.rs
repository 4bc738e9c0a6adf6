//! Security keys (`ed25519-sk`, `ecdsa-sk`) without hardware: OpenSSH's
//! own software authenticator, `sk-dummy.so` (Debian's openssh-tests), in
//! process and through `ssh-sk-helper`, every job checked against
//! ssh-keygen; and a provider that misbehaves on request
//! (`tests/standins/sk_provider.c`), which must make sshgen fail cleanly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::agent::TestAgent;
use crate::interop::{current_user, start_sshd};
use crate::util::{Env, read, require, sshgen_bin, text};

pub(crate) const SK_DUMMY: &str = "/usr/lib/openssh/regress/misc/sk-dummy/sk-dummy.so";
const SK_HELPER: &str = "/usr/lib/openssh/ssh-sk-helper";

/// sk-dummy, or `None` (a failure in CI) when openssh-tests is missing.
fn sk_dummy() -> Option<PathBuf> {
    require(SK_DUMMY)
}

/// Runs `program` in `env` with `SSH_SK_PROVIDER` (and `extra` variables).
fn run_with(env: &Env, program: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut command = env.command_of(program);
    command.args(args).env("SSH_SK_PROVIDER", SK_DUMMY);
    for (name, value) in extra {
        command.env(name, value);
    }
    command.stdin(Stdio::null()).output().expect("run")
}

fn ok(output: Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what}: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// The flags and application of the security key in the private key file
/// `path` (no passphrase), as OpenSSH stores them.
fn sk_fields(path: &Path) -> (u8, String) {
    let key = ssh_key::PrivateKey::from_openssh(read(path)).expect("an OpenSSH private key");
    match key.key_data() {
        ssh_key::private::KeypairData::SkEd25519(sk) => {
            (sk.flags(), sk.public().application().to_owned())
        }
        ssh_key::private::KeypairData::SkEcdsaSha2NistP256(sk) => {
            (sk.flags(), sk.public().application().to_owned())
        }
        other => panic!("not a security key: {:?}", other.algorithm()),
    }
}

/// A key of `key_type` made by sshgen with sk-dummy, at `name` in the
/// working folder, without a passphrase.
fn make_key(env: &Env, key_type: &str, name: &str) {
    let args = [
        "generate",
        "-t",
        key_type,
        "--no-passphrase",
        "-f",
        name,
        "-q",
    ];
    ok(run_with(env, &sshgen_bin(), &args, &[]), "generate");
}

#[test]
fn keys_made_on_a_security_key_are_read_by_ssh_keygen_with_the_options_asked_for() {
    let (Some(_), Some(keygen)) = (sk_dummy(), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let sshgen = sshgen_bin();
    for (key_type, label) in [("ed25519-sk", "ED25519-SK"), ("ecdsa-sk", "ECDSA-SK")] {
        // sshgen's own command line, the provider named.
        let name = format!("own-{key_type}");
        let said = ok(
            run_with(
                &env,
                &sshgen,
                &[
                    "generate",
                    "-t",
                    key_type,
                    "-w",
                    SK_DUMMY,
                    "--no-passphrase",
                    "-f",
                    &name,
                    "-C",
                    "me@test",
                    "--resident",
                    "--sk-user",
                    "bob",
                    "--application",
                    "ssh:work",
                    "--verify-required",
                    "--write-attestation",
                    "att",
                ],
                &[],
            ),
            "generate",
        );
        assert!(said.starts_with(&format!("Generating public/private {key_type} key pair.\n")));
        assert!(
            said.contains(&format!("+[{label} 256]")) || said.contains(&format!("-[{label} 256]"))
        );
        let public = ok(
            run_with(&env, &keygen, &["-y", "-f", &name], &[]),
            "ssh-keygen -y",
        );
        assert_eq!(public, read(&env.path(&format!("{name}.pub"))));
        let listed = ok(run_with(&env, &keygen, &["-l", "-f", &name], &[]), "-l");
        let ours = ok(run_with(&env, &sshgen, &["-l", "-f", &name], &[]), "-l");
        assert_eq!(ours, listed);
        assert!(
            listed.ends_with(&format!(" me@test ({label})\n")),
            "{listed}"
        );
        // presence 0x01, verification 0x04, resident 0x20.
        assert_eq!(sk_fields(&env.path(&name)), (0x25, "ssh:work".to_owned()));
        let converted = run_with(
            &env,
            &sshgen,
            &["convert", &name, "--to", "pkcs8", "-o", "converted"],
            &[],
        );
        assert_eq!(converted.status.code(), Some(1));
        assert_eq!(
            text(&converted.stderr),
            format!(
                "sshgen: error: {label} keys cannot be converted to PKCS8: the file holds the \
                 security key's key handle and application, which only the OpenSSH format has \
                 room for\n"
            )
        );
        assert!(!env.path("converted").exists());
        let attestation = std::fs::read(env.path("att")).unwrap();
        assert!(attestation.starts_with(b"\0\0\0\x11ssh-sk-attest-v01"));
        assert_eq!(crate::util::mode(&env.path("att")) & 0o777, 0o600);

        // ssh-keygen's command line, through ssh-sk-helper, encrypted.
        let name = format!("keygen-{key_type}");
        ok(
            run_with(
                &env,
                &sshgen,
                &[
                    "-q",
                    "-t",
                    key_type,
                    "-N",
                    "pass",
                    "-f",
                    &name,
                    "-O",
                    "no-touch-required",
                ],
                &[("SSH_SK_HELPER", SK_HELPER)],
            ),
            "sshgen -t",
        );
        let public = ok(
            run_with(&env, &keygen, &["-y", "-P", "pass", "-f", &name], &[]),
            "ssh-keygen -y",
        );
        assert_eq!(public, read(&env.path(&format!("{name}.pub"))));
    }
    let decrypted = env.path("keygen-ecdsa-sk.plain");
    std::fs::copy(env.path("keygen-ecdsa-sk"), &decrypted).unwrap();
    ok(
        run_with(
            &env,
            &keygen,
            &["-p", "-P", "pass", "-N", "", "-f", "keygen-ecdsa-sk.plain"],
            &[],
        ),
        "ssh-keygen -p",
    );
    assert_eq!(sk_fields(&decrypted), (0x00, "ssh:".to_owned()));
}

#[test]
fn sk_options_are_refused_as_ssh_keygen_refuses_them() {
    let Some(_) = sk_dummy() else { return };
    let env = Env::new();
    let sshgen = sshgen_bin();
    let out = run_with(
        &env,
        &sshgen,
        &["-t", "ed25519-sk", "-N", "", "-f", "k", "-O", "bogus"],
        &[],
    );
    assert_eq!(out.status.code(), Some(255));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: Option \"bogus\" is unsupported for FIDO authenticator enrollment\n"
    );
    let out = run_with(
        &env,
        &sshgen,
        &[
            "generate",
            "-t",
            "ed25519-sk",
            "--no-passphrase",
            "-f",
            "k",
            "--application",
            "web:x",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: FIDO application string must begin with \"ssh:\"\n"
    );
    let out = run_with(
        &env,
        &sshgen,
        &[
            "generate",
            "-t",
            "ed25519",
            "--no-passphrase",
            "-f",
            "k",
            "--resident",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!env.path("k").exists());
}

#[test]
fn signatures_and_certificates_with_security_keys_verify_both_ways() {
    let (Some(_), Some(keygen)) = (sk_dummy(), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let sshgen = sshgen_bin();
    std::fs::write(env.path("data"), "signed data\n").unwrap();
    for (key_type, helper) in [("ed25519-sk", None), ("ecdsa-sk", Some(SK_HELPER))] {
        let extra: Vec<(&str, &str)> = helper.map(|h| ("SSH_SK_HELPER", h)).into_iter().collect();
        ok(
            run_with(
                &env,
                &keygen,
                &["-q", "-t", key_type, "-N", "", "-f", key_type],
                &[],
            ),
            "ssh-keygen -t",
        );
        let public = read(&env.path(&format!("{key_type}.pub")));
        std::fs::write(env.path("allowed"), format!("ana@example.com {public}")).unwrap();
        // sshgen signs, ssh-keygen verifies.
        let _ = std::fs::remove_file(env.path("data.sig"));
        let signed = run_with(
            &env,
            &sshgen,
            &["-Y", "sign", "-n", "file", "-f", key_type, "data"],
            &extra,
        );
        ok(signed.clone(), "sshgen -Y sign");
        assert!(
            text(&signed.stderr).contains("Confirm user presence for key "),
            "{}",
            text(&signed.stderr)
        );
        let verify = |program: &Path| {
            let mut command = env.command_of(program);
            command
                .args([
                    "-Y",
                    "verify",
                    "-n",
                    "file",
                    "-I",
                    "ana@example.com",
                    "-f",
                    "allowed",
                ])
                .args(["-s", "data.sig"])
                .stdin(std::fs::File::open(env.path("data")).unwrap());
            command.output().unwrap()
        };
        let checked = ok(verify(&keygen), "ssh-keygen -Y verify");
        assert!(checked.starts_with("Good \"file\" signature for ana@example.com with "));
        // ssh-keygen signs, sshgen verifies.
        std::fs::remove_file(env.path("data.sig")).unwrap();
        ok(
            run_with(
                &env,
                &keygen,
                &["-Y", "sign", "-n", "file", "-f", key_type, "data"],
                &[],
            ),
            "ssh-keygen -Y sign",
        );
        assert_eq!(ok(verify(&sshgen), "sshgen -Y verify"), checked);

        // A security key as a CA, and as the certified key.
        ok(
            run_with(
                &env,
                &keygen,
                &["-q", "-t", "ed25519", "-N", "", "-f", "user"],
                &[],
            ),
            "user key",
        );
        ok(
            run_with(
                &env,
                &sshgen,
                &["-q", "-s", key_type, "-I", "id", "-n", "ana", "user.pub"],
                &extra,
            ),
            "sshgen -s with a security key",
        );
        ok(
            run_with(
                &env,
                &sshgen,
                &[
                    "-q",
                    "-s",
                    "user",
                    "-I",
                    "sk",
                    "-n",
                    "ana",
                    &format!("{key_type}.pub"),
                ],
                &[],
            ),
            "sshgen -s of a security key",
        );
        for cert in ["user-cert.pub".to_owned(), format!("{key_type}-cert.pub")] {
            let theirs = ok(
                run_with(&env, &keygen, &["-L", "-f", &cert], &[]),
                "ssh-keygen -L",
            );
            let ours = ok(
                run_with(&env, &sshgen, &["-L", "-f", &cert], &[]),
                "sshgen -L",
            );
            assert_eq!(ours, theirs);
        }
        let theirs = ok(
            run_with(&env, &keygen, &["-L", "-f", "user-cert.pub"], &[]),
            "-L",
        );
        assert!(
            theirs.contains("Signing CA: ") && theirs.contains("-SK SHA256:"),
            "{theirs}"
        );
        for file in ["user", "user.pub", "user-cert.pub"] {
            std::fs::remove_file(env.path(file)).unwrap();
        }
    }
}

#[test]
fn ssh_logs_in_with_a_security_key_that_sshgen_put_in_the_agent() {
    let env = Env::new();
    let (Some(_), Some(sshd), Some(keygen), Some(ssh), Some(agent)) = (
        sk_dummy(),
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        TestAgent::start(&env),
    ) else {
        return;
    };
    let sshgen = sshgen_bin();
    make_key(&env, "ed25519-sk", "sk");
    let authorized = env.path("authorized_keys");
    std::fs::copy(env.path("sk.pub"), &authorized).unwrap();
    let (_sshd, port) = start_sshd(&sshd, &keygen, env.root(), &authorized);
    let socket = agent.socket.to_str().unwrap();
    let added = run_with(
        &env,
        &sshgen,
        &["agent", "add", "sk"],
        &[("SSH_AUTH_SOCK", socket)],
    );
    assert!(
        text(&added.stderr).starts_with("Identity added: sk ("),
        "{}",
        text(&added.stderr)
    );
    let login = |public: &str| {
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
            ])
            .arg("-i")
            .arg(env.path(public))
            .arg(format!("{}@127.0.0.1", current_user()))
            .arg("echo logged-in")
            .env("SSH_AUTH_SOCK", socket)
            .env_remove("SSH_SK_PROVIDER")
            .stdin(Stdio::null())
            .output()
            .expect("run ssh")
    };
    // Only the public half is named: the agent signs, through sk-dummy.
    let output = login("sk.pub");
    assert_eq!(
        text(&output.stdout),
        "logged-in\n",
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn git_commits_signed_with_a_security_key_verify() {
    let (Some(_), Some(_), Some(_)) = (sk_dummy(), require("git"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let sshgen = sshgen_bin();
    make_key(&env, "ecdsa-sk", "signing");
    let repo = env.path("repo");
    std::fs::create_dir_all(&repo).unwrap();
    let git = |args: &[&str]| {
        let mut command = env.command_of("git");
        command
            .args(args)
            .current_dir(&repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("SSH_SK_PROVIDER", SK_DUMMY)
            .stdin(Stdio::null());
        command.output().unwrap()
    };
    for args in [
        &["init", "-q"][..],
        &["config", "user.name", "Ana"],
        &["config", "user.email", "ana@example.com"],
    ] {
        ok(git(args), "git config");
    }
    let mut setup = env.command_of(&sshgen);
    setup
        .args(["git-signing", "--program", "-f"])
        .arg(env.path("signing.pub"))
        .current_dir(&repo)
        .env("GIT_CONFIG_NOSYSTEM", "1");
    ok(setup.output().unwrap(), "git-signing");
    std::fs::write(repo.join("file"), "x\n").unwrap();
    ok(git(&["add", "file"]), "git add");
    ok(
        git(&["commit", "-q", "-S", "-m", "signed"]),
        "git commit -S",
    );
    let verified = git(&["verify-commit", "HEAD"]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    assert!(
        text(&verified.stderr)
            .starts_with("Good \"git\" signature for ana@example.com with ECDSA-SK key SHA256:"),
        "{}",
        text(&verified.stderr)
    );
}

/// The misbehaving provider, built once per test run with the C compiler.
fn test_provider(env: &Env) -> Option<PathBuf> {
    let cc = require("cc")?;
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/standins/sk_provider.c");
    let library = env.path("sk_provider.so");
    let built = Command::new(cc)
        .args(["-shared", "-fPIC", "-Wall", "-Werror", "-o"])
        .arg(&library)
        .arg(&source)
        .output()
        .expect("run cc");
    assert!(built.status.success(), "{}", text(&built.stderr));
    Some(library)
}

/// The provider loaded into sshgen (the static build hands it to
/// ssh-sk-helper, whose messages are its own).
#[cfg(not(target_env = "musl"))]
#[test]
fn a_provider_that_misbehaves_makes_sshgen_fail_cleanly() {
    let env = Env::new();
    let Some(provider) = test_provider(&env) else {
        return;
    };
    let provider = provider.to_str().unwrap();
    let generate = |mode: &str, key_type: &str| {
        let mut command = env.command();
        command
            .args([
                "generate",
                "-t",
                key_type,
                "--no-passphrase",
                "-f",
                "k",
                "-q",
                "-w",
                provider,
            ])
            .env("SK_TEST_MODE", mode)
            .stdin(Stdio::null());
        command.output().unwrap()
    };
    let cases = [
        (
            "version",
            "ed25519-sk",
            format!(
                "the provider {provider} implements version 0x00090000 of the security key API; \
                 sshgen speaks 0x000a0000"
            ),
        ),
        (
            "general",
            "ed25519-sk",
            "the provider reported failure (-1)".to_owned(),
        ),
        (
            "short-key",
            "ed25519-sk",
            "the provider returned an Ed25519 key of 31 bytes, not 32".to_owned(),
        ),
        (
            "no-handle",
            "ed25519-sk",
            "the provider returned no key handle".to_owned(),
        ),
        (
            "off-curve",
            "ecdsa-sk",
            "the provider returned an ECDSA key that is not a P-256 point".to_owned(),
        ),
        (
            "no-answer",
            "ecdsa-sk",
            "the provider returned no answer".to_owned(),
        ),
        (
            "pin",
            "ed25519-sk",
            "the authenticator needs its PIN, or the PIN was wrong".to_owned(),
        ),
    ];
    for (mode, key_type, why) in cases {
        let out = generate(mode, key_type);
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert_eq!(
            text(&out.stderr),
            format!("sshgen: error: Key enrollment failed: {why}\n"),
            "{mode}"
        );
        assert!(
            !env.path("k").exists() && !env.path("k.pub").exists(),
            "{mode}"
        );
    }
    // A key it made, then a signature that does not verify.
    let made = generate("", "ed25519-sk");
    assert!(made.status.success(), "{}", text(&made.stderr));
    std::fs::write(env.path("data"), "x").unwrap();
    let mut sign = env.command();
    sign.args(["-Y", "sign", "-n", "file", "-f", "k", "data"])
        .env("SSH_SK_PROVIDER", provider)
        .env("SK_TEST_MODE", "bad-sig")
        .stdin(Stdio::null());
    let out = sign.output().unwrap();
    assert_eq!(out.status.code(), Some(255));
    assert!(
        text(&out.stderr)
            .starts_with("Signing file data\nConfirm user presence for key ED25519-SK SHA256:"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).ends_with(
            "sshgen: error: Signing data failed: the provider returned a signature that does \
             not verify with the key\n"
        ),
        "{}",
        text(&out.stderr)
    );
    assert!(!env.path("data.sig").exists());
    // -w names the provider for signing too, as in ssh-keygen.
    let mut sign = env.command();
    sign.args([
        "-Y", "sign", "-n", "file", "-f", "k", "-w", provider, "data",
    ])
    .stdin(Stdio::null());
    let out = sign.output().unwrap();
    assert_eq!(out.status.code(), Some(255), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).ends_with(
            "sshgen: error: Signing data failed: the provider returned a signature that does \
             not verify with the key\n"
        ),
        "{}",
        text(&out.stderr)
    );
    // Too many resident keys claimed: refused, not read.
    let mut download = env.command();
    download
        .args([
            "resident-keys",
            "--dir",
            "rk",
            "--no-passphrase",
            "-w",
            provider,
        ])
        .env("SK_TEST_MODE", "many")
        .stdin(Stdio::null());
    let out = download.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: Loading resident keys failed: the provider returned 100000 resident keys\n"
    );
}

#[test]
fn resident_keys_are_downloaded_into_the_files_ssh_keygen_writes() {
    let Some(keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let Some(provider) = test_provider(&env) else {
        return;
    };
    let provider = provider.to_str().unwrap();
    for dir in ["ours", "theirs"] {
        std::fs::create_dir(env.path(dir)).unwrap();
    }
    let mut theirs = env.command_of(&keygen);
    theirs
        .args(["-K", "-N", "", "-w", provider])
        .current_dir(env.path("theirs"))
        .stdin(Stdio::null());
    let theirs = ok(theirs.output().unwrap(), "ssh-keygen -K");
    let mut ours = env.command();
    ours.args(["-K", "-N", "", "-w", provider])
        .current_dir(env.path("ours"))
        .stdin(Stdio::null());
    let ours = ok(ours.output().unwrap(), "sshgen -K");
    assert_eq!(ours, theirs);
    assert_eq!(
        ours,
        "You may need to touch your authenticator to authorize key download.\n\
         Saved ED25519-SK key to id_ed25519_sk_rk\n\
         Saved ECDSA-SK key ssh:work to id_ecdsa_sk_rk_work_bob\n"
    );
    let names = crate::util::listing(&env.path("ours"));
    assert_eq!(names, crate::util::listing(&env.path("theirs")));
    for name in &names {
        if name.ends_with(".pub") {
            assert_eq!(
                read(&env.path(&format!("ours/{name}"))),
                read(&env.path(&format!("theirs/{name}"))),
                "{name}"
            );
        } else {
            assert_eq!(
                crate::util::mode(&env.path(&format!("ours/{name}"))) & 0o777,
                0o600
            );
            assert_eq!(
                sk_fields(&env.path(&format!("ours/{name}"))),
                sk_fields(&env.path(&format!("theirs/{name}"))),
            );
        }
    }
    // sshgen's own command, as JSON, into ~/.ssh.
    let mut json = env.command();
    json.args(["resident-keys", "--json", "--no-passphrase", "-w", provider])
        .stdin(Stdio::null());
    let said: serde_json::Value =
        serde_json::from_str(&ok(json.output().unwrap(), "--json")).unwrap();
    assert_eq!(said[1]["application"], "ssh:work");
    assert_eq!(said[1]["user"], "bob");
    assert_eq!(said[1]["type"], "ECDSA-SK");
    assert!(env.ssh_dir().join("id_ecdsa_sk_rk_work_bob.pub").exists());
}

#[test]
fn a_provider_that_misbehaves_in_ssh_sk_helper_is_reported_with_its_words() {
    let Some(helper) = require(SK_HELPER) else {
        return;
    };
    let env = Env::new();
    let Some(provider) = test_provider(&env) else {
        return;
    };
    let provider = provider.to_str().unwrap();
    let generate = |mode: &str| {
        let mut command = env.command();
        command
            .args([
                "generate",
                "-t",
                "ed25519-sk",
                "--no-passphrase",
                "-f",
                "k",
                "-q",
            ])
            .args(["-w", provider])
            .env("SSH_SK_HELPER", &helper)
            .env("SK_TEST_MODE", mode)
            .stdin(Stdio::null());
        command.output().unwrap()
    };
    for (mode, why) in [
        (
            "version",
            format!(
                "the provider reported failure: Provider \"{provider}\" implements unsupported \
                 version 0x00090000 (supported: 0x000a0000)"
            ),
        ),
        (
            "short-key",
            "the provider reported failure: sshsk_ed25519_assemble: invalid size: 31".to_owned(),
        ),
        // The helper itself dies on an empty answer; sshgen says so.
        (
            "no-answer",
            "ssh-sk-helper stopped (signal: 11 (SIGSEGV))".to_owned(),
        ),
    ] {
        let out = generate(mode);
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert_eq!(
            text(&out.stderr),
            format!("sshgen: error: Key enrollment failed: {why}\n"),
            "{mode}"
        );
        assert!(!env.path("k").exists(), "{mode}");
    }
}

/// At a terminal, a security key that wants its PIN gets asked for it,
/// three times at most, as ssh-keygen asks.
#[cfg(not(target_env = "musl"))]
#[test]
fn the_pin_is_asked_for_when_the_authenticator_wants_it() {
    use crate::terminal::{exit_code, pty_command};
    let env = Env::new();
    let Some(provider) = test_provider(&env) else {
        return;
    };
    let run = |pins: &[&str]| {
        let mut command = pty_command(&env, sshgen_bin());
        command
            .args([
                "generate",
                "-t",
                "ed25519-sk",
                "--no-passphrase",
                "-f",
                "k",
                "--force",
            ])
            .arg("-w")
            .arg(&provider)
            .env("SK_TEST_MODE", "pin");
        let mut session =
            rexpect::session::spawn_command(command, Some(20_000)).expect("sshgen in a pty");
        for (at, pin) in pins.iter().enumerate() {
            session
                .exp_string("You may need to touch your authenticator")
                .unwrap();
            if at > 0 {
                session.exp_string("PIN incorrect").unwrap();
            }
            session.exp_string("Enter PIN for authenticator: ").unwrap();
            session.send_line(pin).unwrap();
        }
        exit_code(&mut session)
    };
    assert_eq!(run(&["1234"]), 0);
    assert!(env.path("k.pub").exists());
    std::fs::remove_file(env.path("k")).unwrap();
    std::fs::remove_file(env.path("k.pub")).unwrap();
    assert_eq!(run(&["1", "2", "3"]), 1);
    assert!(!env.path("k").exists());
}

/// An agent that does not allow the provider refuses the key; sshgen says
/// which provider and where the agent's list is set.
#[test]
fn an_agent_that_refuses_the_provider_is_explained() {
    let (Some(_), Some(agent)) = (sk_dummy(), require("ssh-agent")) else {
        return;
    };
    let env = Env::new();
    let socket = env.path("agent.sock");
    let _agent = crate::interop::Guard(
        Command::new(agent)
            .args(["-D", "-P", "/nowhere/*", "-a"])
            .arg(&socket)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ssh-agent"),
    );
    crate::interop::wait_until("ssh-agent", || socket.exists());
    let sshgen = sshgen_bin();
    make_key(&env, "ed25519-sk", "sk");
    let added = run_with(
        &env,
        &sshgen,
        &["agent", "add", "sk"],
        &[("SSH_AUTH_SOCK", socket.to_str().unwrap())],
    );
    assert_eq!(added.status.code(), Some(1));
    assert_eq!(
        text(&added.stderr),
        format!(
            "sshgen: error: the ssh-agent refused to add sk: it may be locked (ssh-add -X \
             unlocks it), or not allow the security key provider {SK_DUMMY} (ssh-agent -P \
             lists those it allows)\n"
        )
    );
}

/// A helper that floods its standard output is stopped once its reply is
/// longer than any the protocol has: sshgen ends, with an error, and reads
/// no more than that.
#[test]
fn a_helper_that_never_stops_talking_is_cut_off() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let helper = env.path("chatty-helper");
    std::fs::write(&helper, "#!/bin/sh\nexec yes\n").unwrap();
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = env.command();
    command
        .args([
            "generate",
            "-t",
            "ed25519-sk",
            "--no-passphrase",
            "-f",
            "k",
            "-q",
        ])
        .env("SSH_SK_HELPER", &helper)
        .stdin(Stdio::null());
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Killed, or ended by the pipe sshgen closed, whichever comes first.
    let said = text(&out.stderr);
    assert!(
        said.starts_with(
            "sshgen: error: Key enrollment failed: ssh-sk-helper stopped (signal: 9 (SIGKILL))"
        ) || said.starts_with(
            "sshgen: error: Key enrollment failed: ssh-sk-helper stopped (signal: 13 (SIGPIPE))"
        ),
        "{said}"
    );
    assert!(!env.path("k").exists());
}
