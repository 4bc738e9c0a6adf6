//! The interactive flow through a real pseudo-terminal: the file prompt, the
//! overwrite question and the passphrase asked twice; and the pty helpers the
//! other modules' terminal tests use ([`spawn`], [`exit_code`],
//! [`passphrase_twice`]).

use std::process::Command;

use rexpect::process::wait::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use ssh_key::PrivateKey;

use crate::util::{Env, listing, read, sshgen_bin};

const TIMEOUT_MS: u64 = 20_000;

/// `program` with the test's home and no display or SSH session, so that
/// nothing but sshgen's prompts and output reaches a terminal.
pub(crate) fn pty_command(env: &Env, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("SSHGEN_HOME", env.home())
        .env("USER", "tester")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SSH_TTY")
        .env_remove("SSH_CONNECTION")
        .current_dir(env.root());
    cmd
}

/// sshgen in a pseudo-terminal ([`pty_command`]).
pub(crate) fn spawn(env: &Env, args: &[&str]) -> PtySession {
    let mut cmd = pty_command(env, sshgen_bin());
    cmd.args(args);
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn sshgen in a pty")
}

/// Waits for the end of the session's output, then for sshgen's exit code.
pub(crate) fn exit_code(session: &mut PtySession) -> i32 {
    session.exp_eof().expect("sshgen ends");
    match session.process().wait().expect("wait for sshgen") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("sshgen did not exit normally: {other:?}"),
    }
}

/// Answers the new passphrase prompt and its confirmation.
pub(crate) fn passphrase_twice(
    session: &mut PtySession,
    key_path: &str,
    first: &str,
    second: &str,
) {
    session
        .exp_string(&format!(
            "Enter passphrase for \"{key_path}\" (empty for no passphrase): "
        ))
        .unwrap();
    session.send_line(first).unwrap();
    session.exp_string("Enter same passphrase again: ").unwrap();
    session.send_line(second).unwrap();
}

#[test]
fn enter_at_the_file_prompt_keeps_the_default_path() {
    let env = Env::new();
    let mut s = spawn(&env, &["-a", "2"]);
    let default = env.ssh_dir().join("id_ed25519");
    s.exp_string(&format!(
        "Enter file in which to save the key ({}): ",
        default.display()
    ))
    .unwrap();
    s.send_line("").unwrap();
    passphrase_twice(
        &mut s,
        &default.display().to_string(),
        "tty pass",
        "tty pass",
    );
    s.exp_string("Your identification has been saved in")
        .unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let key = PrivateKey::from_openssh(read(&default)).unwrap();
    assert!(key.decrypt("tty pass").is_ok());
}

#[test]
fn a_typed_path_with_tilde_is_used_and_empty_passphrase_means_none() {
    let env = Env::new();
    let mut s = spawn(&env, &[]);
    s.exp_string("Enter file in which to save the key").unwrap();
    s.send_line("~/typed_key").unwrap();
    let typed = env.home().join("typed_key");
    passphrase_twice(&mut s, &typed.display().to_string(), "", "");
    assert_eq!(exit_code(&mut s), 0);
    let key = PrivateKey::from_openssh(read(&typed)).unwrap();
    assert!(!key.is_encrypted());
    assert!(!env.ssh_dir().exists());
}

#[test]
fn overwrite_question_answered_no_keeps_the_files() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
    let before = read(&env.path("k"));
    let mut s = spawn(&env, &["-f", "k"]);
    s.exp_string("k already exists. Overwrite (y/n)? ").unwrap();
    s.send_line("n").unwrap();
    s.exp_string("sshgen: error: k was not overwritten; nothing changed")
        .unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert_eq!(read(&env.path("k")), before);
}

#[test]
fn overwrite_question_answered_yes_replaces_the_pair() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
    let before = read(&env.path("k.pub"));
    let mut s = spawn(&env, &["-f", "k", "--no-passphrase"]);
    s.exp_string("k already exists. Overwrite (y/n)? ").unwrap();
    s.send_line("y").unwrap();
    s.exp_string("Your public key has been saved in k.pub")
        .unwrap();
    assert_eq!(exit_code(&mut s), 0);
    assert_ne!(read(&env.path("k.pub")), before);
    assert_eq!(listing(env.root()), ["home", "k", "k.pub"]);
}

#[test]
fn three_mismatched_passphrases_fail_without_writing() {
    let env = Env::new();
    let mut s = spawn(&env, &["-f", "k"]);
    for attempt in 1..=3 {
        passphrase_twice(&mut s, "k", "one", "two");
        if attempt < 3 {
            s.exp_string("Passphrases do not match.  Try again.")
                .unwrap();
        }
    }
    s.exp_string("sshgen: error: the passphrases did not match 3 times; no key was written")
        .unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert_eq!(listing(env.root()), ["home"]);
}

#[test]
fn end_of_input_at_the_passphrase_is_not_an_empty_passphrase() {
    let env = Env::new();
    let mut s = spawn(&env, &["-f", "k"]);
    s.exp_string("Enter passphrase for \"k\"").unwrap();
    s.send_control('d').unwrap();
    s.exp_string("sshgen: error: end of input while asking for a passphrase; nothing was written")
        .unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert_eq!(listing(env.root()), ["home"]);
}

/// The terminal's settings as `stty -a` names them, for checking that
/// sshgen gave the terminal back as it found it.
fn stty_flags(output: &str) -> Vec<String> {
    output.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn ctrl_c_at_the_passphrase_prompt_restores_the_terminal_and_exits_130() {
    let env = Env::new();
    // dash, as /bin/sh, resets nothing after its child: what sshgen leaves
    // is what `stty -a` sees. Echo is on before sshgen runs (the pty
    // starts without it).
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty echo; \"$0\" -f k; echo \"status $?\"; stty -a")
        .arg(sshgen_bin())
        .env("SSHGEN_HOME", env.home())
        .env("USER", "tester")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(env.root());
    let mut s = spawn_command(cmd, Some(TIMEOUT_MS)).expect("sh in a pty");
    s.exp_string("Enter passphrase for \"k\"").unwrap();
    s.send("typed").unwrap();
    s.send_control('c').unwrap();
    let before = s.exp_string("status 130").unwrap();
    assert!(
        before.contains("sshgen: error: interrupted; nothing was written"),
        "{before}"
    );
    assert!(
        !before.contains("typed"),
        "the passphrase was echoed: {before}"
    );
    let stty = s.exp_eof().unwrap();
    let flags = stty_flags(&stty);
    for flag in ["echo", "icanon", "isig"] {
        assert!(
            flags.iter().any(|f| f == flag),
            "{flag} not restored: {stty}"
        );
    }
    assert_eq!(listing(env.root()), ["home"]);
}

#[test]
fn typed_passphrases_are_never_echoed() {
    let env = Env::new();
    let mut s = spawn(&env, &["-q", "-f", "k", "-a", "2"]);
    passphrase_twice(&mut s, "k", "first secret", "first secret");
    let rest = s.exp_eof().unwrap();
    assert!(!rest.contains("first secret"), "{rest}");
    assert_eq!(listing(env.root()), ["home", "k", "k.pub"]);
}

#[test]
fn end_of_input_at_the_second_passphrase_prompt_writes_nothing() {
    let env = Env::new();
    let mut s = spawn(&env, &["-f", "k"]);
    s.exp_string("Enter passphrase for \"k\"").unwrap();
    s.send_line("pw").unwrap();
    s.exp_string("Enter same passphrase again: ").unwrap();
    s.send_control('d').unwrap();
    s.exp_string("sshgen: error: end of input while asking for a passphrase; nothing was written")
        .unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert_eq!(listing(env.root()), ["home"]);
}
