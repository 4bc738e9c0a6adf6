//! What sshgen reports is what happened: `test` names the key the server
//! accepted, as ssh's own log says, against a real sshd.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::interop::{current_user, start_sshd_with};
use crate::util::{Env, output_of, read, require, sshgen, text};

/// A new key pair `name` in the working folder; its SHA-256 fingerprint.
fn new_key(env: &Env, name: &str) -> (PathBuf, String) {
    let made = sshgen(env, &["-q", "--no-passphrase", "-C", name, "-f", name]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let listed = sshgen(env, &["fingerprint", "--json", name]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    (
        env.path(name),
        listed[0]["fingerprint"].as_str().unwrap().to_owned(),
    )
}

/// An alias `server` for the sshd at `port`, with `key` as its
/// IdentityFile, and the server's host key recorded.
fn alias(env: &Env, port: u16, key: &Path) {
    let added = sshgen(
        env,
        &[
            "config",
            "add",
            "server",
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--user",
            &current_user(),
            "-i",
            key.to_str().unwrap(),
        ],
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let host_key: String = read(&env.path("sshd/host_key.pub"))
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let pinned = sshgen(
        env,
        &[
            "known-hosts",
            "add",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--key",
            &host_key,
        ],
    );
    assert!(pinned.status.success(), "{}", text(&pinned.stderr));
}

#[test]
fn test_names_the_key_that_got_in_never_the_one_hoped_for() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(agent)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("ssh-agent"),
    ) else {
        return;
    };
    let env = Env::new();
    let (alias_key, alias_fingerprint) = new_key(&env, "alias_key");
    let (other, other_fingerprint) = new_key(&env, "other");
    let (agents, _) = new_key(&env, "agents");
    fs::create_dir(env.path("sshd")).unwrap();
    let authorized = env.path("sshd/authorized_keys");
    // The server takes the alias's key and the agent's, not `other`.
    fs::write(
        &authorized,
        format!(
            "{}{}",
            read(&env.path("alias_key.pub")),
            read(&env.path("agents.pub"))
        ),
    )
    .unwrap();
    let (_sshd, port) = start_sshd_with(&sshd, &ssh_keygen, &env.path("sshd"), &authorized, "");
    alias(&env, port, &alias_key);
    let sock = env.path("agent.sock");
    let mut agent = Command::new(agent)
        .args(["-D", "-a"])
        .arg(&sock)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while !sock.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let run = |args: &[&str]| {
        env.command()
            .env("SSH_AUTH_SOCK", &sock)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let added = run(&["agent", "add", agents.to_str().unwrap()]);
    assert!(added.status.success(), "{}", text(&added.stderr));

    // -i names a key the server refuses: the config's key got in instead,
    // and that is said, with a failure; the agent's key was not offered.
    let out = run(&["test", "server", "-i", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let note = crate::util::foreign_home_note(&env);
    let note = format!(
        "{} (`sshgen test --as-git` tests as git will run)\n",
        note.trim_end()
    );
    assert_eq!(
        text(&out.stderr),
        format!(
            "{note}sshgen: error: server refused {}, and let in {} (ED25519 {alias_fingerprint}) \
             instead, which ssh offers for it too (from its config); add {}'s .pub to the \
             service, or drop the other key from the alias\n",
            other.display(),
            alias_key.display(),
            other.display()
        )
    );
    let _ = other_fingerprint;

    // The alias's own key: named by path and fingerprint.
    let out = run(&["test", "server", "-i", alias_key.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "Authenticated to server with {} (ED25519 {alias_fingerprint})\n",
            alias_key.display()
        )
    );
    let json = run(&["test", "server", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["result"], "authenticated");
    assert_eq!(value["key"]["path"], alias_key.to_str().unwrap());
    assert_eq!(value["key"]["fingerprint"], alias_fingerprint);

    // A key that is not there is an error before ssh runs.
    let out = run(&["test", "server", "-i", "nonexistent"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("sshgen: error: cannot read nonexistent: "),
        "{}",
        text(&out.stderr)
    );
    let _ = agent.kill();
    let _ = agent.wait();
}

#[test]
fn test_says_a_key_behind_git_shell_got_in() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(git_shell)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("git-shell"),
    ) else {
        return;
    };
    let env = Env::new();
    let (key, fingerprint) = new_key(&env, "k");
    fs::create_dir(env.path("sshd")).unwrap();
    let authorized = env.path("sshd/authorized_keys");
    fs::write(&authorized, read(&env.path("k.pub"))).unwrap();
    let (_sshd, port) = start_sshd_with(
        &sshd,
        &ssh_keygen,
        &env.path("sshd"),
        &authorized,
        &format!(
            "ForceCommand {} -c \"$SSH_ORIGINAL_COMMAND\"\n",
            git_shell.display()
        ),
    );
    alias(&env, port, &key);
    let out = sshgen(&env, &["test", "server"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "Authenticated to server with {} (ED25519 {fingerprint}): the server runs git-shell, \
             which offers no shell: git can fetch and push\n",
            key.display()
        )
    );
    let _ = output_of;
}

#[test]
fn a_tab_in_a_comment_is_taken_as_ssh_keygen_takes_it() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let made = sshgen(
        &env,
        &["-q", "--no-passphrase", "-C", "tab\there", "-f", "k"],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(read(&env.path("k.pub")).ends_with(" tab\there\n"));
    let theirs = output_of(
        Command::new(ssh_keygen)
            .args(["-l", "-f"])
            .arg(env.path("k")),
    );
    let ours = sshgen(&env, &["fingerprint", "k"]);
    assert_eq!(text(&ours.stdout), theirs);
    // A newline, CR or another control character is still refused.
    for bad in ["a\nb", "a\rb", "a\u{1b}b"] {
        let out = sshgen(&env, &["comment", "k", "-C", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn the_default_comment_is_the_accounts_name_whatever_user_says() {
    let env = Env::new();
    let made = env
        .command()
        .env("USER", "someone-else")
        .args(["-q", "--no-passphrase", "-f", "k"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(
        read(&env.path("k.pub")).ends_with(&format!(
            " {}@{}\n",
            current_user(),
            crate::util::host_name()
        )),
        "{}",
        read(&env.path("k.pub"))
    );
}

#[test]
fn doctor_finds_a_config_others_may_write_to_and_fixes_it_in_place() {
    use std::os::unix::fs::PermissionsExt;
    // (ssh checks the mode of ~/.ssh/config only, never of a -F file, so
    // this test home's file cannot show ssh's refusal itself.)
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let config = env.ssh_dir().join("config");
    fs::write(&config, "Host x\n  HostName x.example\n").unwrap();
    fs::set_permissions(&config, fs::Permissions::from_mode(0o666)).unwrap();
    let doctor = sshgen(&env, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert!(
        text(&doctor.stdout).contains(&format!(
            "problem  {}: others can write to it (mode 666), and ssh refuses to read it (Bad \
             owner or permissions); fix: chmod 600 {}\n",
            config.display(),
            config.display()
        )),
        "{}",
        text(&doctor.stdout)
    );
    let fixed = sshgen(&env, &["doctor", "--fix"]);
    assert!(
        text(&fixed.stdout).contains(&format!(
            "  {}: now only you can write to it (0600)\n",
            config.display()
        )),
        "{}",
        text(&fixed.stdout)
    );
    assert_eq!(
        fs::metadata(&config).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn values_that_begin_with_a_dash_are_taken_where_a_value_is_due() {
    let env = Env::new();
    new_key(&env, "ca");
    let made = sshgen(
        &env,
        &[
            "-q",
            "-N",
            "-starts-with-a-dash",
            "-C",
            "-dash comment",
            "-f",
            "user",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(read(&env.path("user.pub")).ends_with(" -dash comment\n"));
    let signed = sshgen(
        &env,
        &[
            "cert",
            "sign",
            "--ca",
            "ca",
            "--id",
            "-id",
            "--principal",
            "ana",
            "--valid",
            "-1d:+30d",
            "user.pub",
        ],
    );
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let shown = sshgen(&env, &["cert", "show", "user-cert.pub"]);
    assert!(text(&shown.stdout).contains("        Key ID: \"-id\"\n"));
}

#[test]
fn a_key_with_another_cipher_is_written_back_with_aes256_ctr_and_opens_in_puttygen() {
    let (Some(ssh_keygen), Some(puttygen)) = (require("ssh-keygen"), require("puttygen")) else {
        return;
    };
    let env = Env::new();
    output_of(Command::new(&ssh_keygen).current_dir(env.root()).args([
        "-q",
        "-t",
        "ed25519",
        "-Z",
        "aes128-ctr",
        "-N",
        "pw",
        "-f",
        "k",
    ]));
    let changed = env
        .command()
        .args(["comment", "k", "-C", "new", "--passphrase-env", "P"])
        .env("P", "pw")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(changed.status.success(), "{}", text(&changed.stderr));
    let key = ssh_key::PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    assert_eq!(key.cipher(), ssh_key::Cipher::Aes256Ctr);
    fs::write(env.path("pw"), "pw\n").unwrap();
    let public = output_of(Command::new(puttygen).current_dir(env.root()).args([
        "k",
        "--old-passphrase",
        "pw",
        "-O",
        "public-openssh",
        "-o",
        "/dev/stdout",
    ]));
    assert!(public.ends_with(" new\n"), "{public}");
}

#[test]
fn agent_add_asks_again_after_a_wrong_passphrase_as_ssh_add() {
    let (Some(agent), Some(ssh_keygen)) = (require("ssh-agent"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let sock = env.path("agent.sock");
    let mut agent = Command::new(agent)
        .args(["-D", "-a"])
        .arg(&sock)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while !sock.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    output_of(
        Command::new(ssh_keygen)
            .current_dir(env.root())
            .args(["-q", "-t", "ed25519", "-N", "right", "-C", "c", "-f", "k"]),
    );
    let session = |answers: &[&str]| {
        let mut cmd = crate::terminal::pty_command(&env, crate::util::sshgen_bin());
        cmd.env("SSH_AUTH_SOCK", &sock).args(["agent", "add", "k"]);
        let mut session =
            rexpect::session::spawn_command(cmd, Some(20_000)).expect("sshgen in a pty");
        session.exp_string("Enter passphrase for k: ").unwrap();
        for (i, answer) in answers.iter().enumerate() {
            session.send_line(answer).unwrap();
            if i + 1 < answers.len() {
                session
                    .exp_string("Bad passphrase, try again for k: ")
                    .unwrap();
            }
        }
        let rest = session.exp_eof().unwrap();
        (rest, crate::terminal::exit_code(&mut session))
    };
    let (rest, code) = session(&["wrong", "again wrong", "right"]);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Identity added: k (c)"), "{rest}");
    let (rest, code) = session(&["1", "2", "3"]);
    assert_eq!(code, 1, "{rest}");
    assert!(rest.contains("incorrect passphrase"), "{rest}");
    let _ = agent.kill();
    let _ = agent.wait();
}

#[test]
fn git_signing_program_is_the_name_sshgen_was_run_by() {
    let Some(git) = require("git") else {
        return;
    };
    let env = Env::new();
    let made = sshgen(&env, &["-q", "--no-passphrase", "-C", "ana@example.com"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let repo = env.path("repo");
    output_of(Command::new(&git).args(["init", "-q"]).arg(&repo));
    // sshgen on PATH as a link, as a package or `cargo install` puts it.
    let bin = env.path("bin");
    fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(crate::util::sshgen_bin(), bin.join("sshgen")).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("sshgen");
    crate::util::scrub(&mut command, &env.home());
    let out = command
        .env("PATH", &path)
        .args(["git-signing", "--program", "--email", "ana@example.com"])
        .current_dir(&repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let program = output_of(
        Command::new(&git)
            .args(["config", "--local", "gpg.ssh.program"])
            .current_dir(&repo),
    );
    assert_eq!(program, format!("{}\n", bin.join("sshgen").display()));
}

#[test]
fn git_signing_namespaces_let_sign_and_verify_work_with_the_same_key() {
    let Some(git) = require("git") else {
        return;
    };
    let env = Env::new();
    let made = sshgen(&env, &["-q", "--no-passphrase", "-C", "ana@example.com"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let repo = env.path("repo");
    output_of(Command::new(&git).args(["init", "-q"]).arg(&repo));
    let setup = |namespaces: &[&str]| {
        let mut command = env.command();
        command
            .args(["git-signing", "--email", "ana@example.com"])
            .args(namespaces)
            .current_dir(&repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = setup(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    fs::write(env.path("doc"), "data").unwrap();
    let signed = sshgen(&env, &["sign", "doc"]);
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let verify = || sshgen(&env, &["verify", "doc", "--signer", "ana@example.com"]);
    let refused = verify();
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stderr),
        format!(
            "sshgen: error: {} does not allow this key to sign for namespace \"file\"; \
             `sshgen git-signing --namespaces git,file` adds it for your key\n",
            env.ssh_dir().join("allowed_signers").display()
        )
    );
    // Doing as it says makes it verify.
    let out = setup(&["--namespaces", "git,file"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let verified = verify();
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    let bad = setup(&["--namespaces", "git,\"x"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A server whose host key nothing records yet; its key's fingerprint.
fn unknown_server(env: &Env) -> (crate::interop::Guard, u16, String) {
    let sshd = require("/usr/sbin/sshd").expect("sshd");
    let ssh_keygen = require("ssh-keygen").expect("ssh-keygen");
    fs::create_dir_all(env.path("sshd")).unwrap();
    let authorized = env.path("sshd/authorized_keys");
    fs::write(&authorized, "").unwrap();
    let (guard, port) = start_sshd_with(&sshd, &ssh_keygen, &env.path("sshd"), &authorized, "");
    let listed = sshgen(env, &["fingerprint", "--json", "sshd/host_key.pub"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    (
        guard,
        port,
        listed[0]["fingerprint"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn scanned_host_keys_are_recorded_only_when_their_fingerprint_is_confirmed() {
    let (Some(_), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keyscan"),
        require("ssh-keygen"),
    ) else {
        return;
    };
    let env = Env::new();
    let (_sshd, port, fingerprint) = unknown_server(&env);
    let port_text = port.to_string();
    let known_hosts = env.ssh_dir().join("known_hosts");
    let scan = |extra: &[&str]| {
        let mut args = vec![
            "known-hosts",
            "add",
            "127.0.0.1",
            "-p",
            &port_text,
            "--scan",
        ];
        args.extend_from_slice(extra);
        sshgen(&env, &args)
    };
    // Without a terminal or a fingerprint: refused, nothing fetched.
    let out = scan(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!known_hosts.exists());
    // A wrong fingerprint: nothing recorded, exit 1.
    let out = scan(&[
        "--fingerprint",
        "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&format!(
            "[127.0.0.1]:{port} shows its ED25519 key {fingerprint}\n"
        )),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("nothing recorded"));
    assert!(!known_hosts.exists());
    // The right one: exactly the server's key, as [127.0.0.1]:PORT.
    let out = scan(&["--fingerprint", &fingerprint]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let host_key: String = read(&env.path("sshd/host_key.pub"))
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        read(&known_hosts),
        format!("[127.0.0.1]:{port} {host_key}\n")
    );
}

#[test]
fn the_host_key_hints_of_access_key_and_doctor_work_as_printed() {
    let (Some(_), Some(_), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keyscan"),
        require("ssh-keygen"),
        require("ssh"),
    ) else {
        return;
    };
    let env = Env::new();
    let (_sshd, port, _) = unknown_server(&env);
    let made = sshgen(
        &env,
        &[
            "access-key",
            "github",
            "acme/widget",
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--no-copy",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let hint = text(&made.stdout)
        .lines()
        .find_map(|l| l.split_once("check its fingerprint with the server's owner: "))
        .map(|(_, hint)| hint.to_owned())
        .unwrap();
    assert_eq!(hint, "sshgen known-hosts add github-acme__widget --scan");
    let doctor = sshgen(&env, &["doctor", "github-acme__widget"]);
    let doctor_hint = text(&doctor.stdout)
        .lines()
        .find_map(|l| l.split_once("the first connection will ask to trust its key; fix: "))
        .map(|(_, hint)| hint.to_owned())
        .unwrap();
    assert_eq!(
        doctor_hint,
        format!("sshgen known-hosts add 127.0.0.1 -p {port} --scan")
    );
    let known_hosts = env.ssh_dir().join("known_hosts");
    for command in [hint, doctor_hint] {
        let _ = fs::remove_file(&known_hosts);
        let words: Vec<&str> = command.split(' ').collect();
        assert_eq!(words[0], "sshgen");
        let mut cmd = crate::terminal::pty_command(&env, crate::util::sshgen_bin());
        cmd.args(&words[1..]);
        let mut session =
            rexpect::session::spawn_command(cmd, Some(30_000)).expect("sshgen in a pty");
        session.exp_string("Record them (y/n)? ").unwrap();
        session.send_line("y").unwrap();
        assert_eq!(crate::terminal::exit_code(&mut session), 0, "{command}");
        assert!(
            read(&known_hosts).starts_with(&format!("[127.0.0.1]:{port} ssh-ed25519 ")),
            "{command}"
        );
    }
    // known-hosts find and remove take the alias too, as ssh looks it up.
    let found = sshgen(&env, &["known-hosts", "find", "github-acme__widget"]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    assert!(
        text(&found.stdout).starts_with(&format!("# Host [127.0.0.1]:{port} found: line 1 \n")),
        "{}",
        text(&found.stdout)
    );
    // And then the alias's host key is known to ssh.
    let doctor = sshgen(&env, &["doctor", "github-acme__widget"]);
    assert!(
        text(&doctor.stdout).contains(&format!(
            "ok       {}: 1 entries for 127.0.0.1",
            known_hosts.display()
        )),
        "{}",
        text(&doctor.stdout)
    );
}
