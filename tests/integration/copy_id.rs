//! `copy-id` against a real sshd on 127.0.0.1 that takes passwords, for a
//! test account made by the test: the password typed into ssh through a
//! pseudo-terminal, then the key alone logs in. The key lands once, the
//! folder and file get 0700 and 0600, a file without its final newline
//! stays whole, and the options of the installed line are sshd's to
//! enforce (`from=` refusing another source address, a forced git-shell).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rexpect::session::spawn_command;

use crate::authorized_keys::git_with_key;
use crate::interop::{Guard, free_port, launch};
use crate::util::{Env, output_of, read, require, sshgen_bin, text};

pub(crate) const PASSWORD: &str = "correct horse 42";

/// A local account with a password, removed when dropped.
pub(crate) struct Account {
    pub(crate) name: String,
    pub(crate) home: PathBuf,
}

impl Drop for Account {
    fn drop(&mut self) {
        let _ = Command::new("userdel").args(["-r", &self.name]).output();
    }
}

/// `tag` tells apart the accounts of tests that run at once.
fn account(tag: &str) -> Account {
    let name = format!("sg{tag}{}", std::process::id() % 100_000);
    let _ = Command::new("userdel").args(["-r", &name]).output();
    output_of(Command::new("useradd").args(["-m", "-s", "/bin/sh", &name]));
    let mut chpasswd = Command::new("chpasswd")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    chpasswd
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{name}:{PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(chpasswd.wait().unwrap().success());
    let home = PathBuf::from(format!("/home/{name}"));
    Account { name, home }
}

/// sshd taking passwords and keys, with StrictModes on.
fn password_sshd(env: &Env, sshd: &Path, ssh_keygen: &Path) -> (Guard, u16) {
    let host_key = env.path("host_key");
    output_of(
        Command::new(ssh_keygen)
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&host_key),
    );
    let _ = std::fs::create_dir_all("/run/sshd");
    loop {
        let port = free_port();
        let config = env.path("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\n\
                 PasswordAuthentication yes\nKbdInteractiveAuthentication no\nUsePAM no\n\
                 PermitRootLogin no\nStrictModes yes\nAuthorizedKeysFile .ssh/authorized_keys\n",
                host_key.display(),
                env.path("sshd.pid").display()
            ),
        )
        .unwrap();
        if let Some(guard) = launch(sshd, &config, port) {
            return (guard, port);
        }
    }
}

/// `sshgen copy-id ARGS` in a pseudo-terminal, typing the password when
/// ssh asks; its exit code and everything it printed.
fn copy_id(env: &Env, args: &[&str], password_asked: bool) -> (i32, String) {
    let mut command = env.command_of(sshgen_bin());
    command.arg("copy-id").args(args);
    let mut session = spawn_command(command, Some(60_000)).expect("a pty");
    if password_asked {
        session
            .exp_string("password:")
            .expect("ssh asks for the password");
        session.send_line(PASSWORD).unwrap();
    }
    let rest = session.exp_eof().expect("copy-id ends");
    let code = match session.process().wait().unwrap() {
        rexpect::process::wait::WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    };
    (code, rest.replace("\r\n", "\n"))
}

fn ssh(account: &Account, port: u16, key: &Path, source: &str, command: &[&str]) -> Output {
    crate::authorized_keys::ssh_as(&account.name, port, key, source, command)
}

fn new_key(env: &Env, name: &str) -> PathBuf {
    let path = env.ssh_dir().join(name);
    let out = env
        .sshgen()
        .args(["generate", "-q", "--no-passphrase", "-C", name, "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// A test account with a password, and an sshd that takes it: `None`
/// (a skip) where the tools or root are missing, unless `CI` is set.
pub(crate) struct Server {
    pub(crate) env: Env,
    pub(crate) account: Account,
    _sshd: Guard,
    pub(crate) port: u16,
}

pub(crate) fn server(tag: &str) -> Option<Server> {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("useradd"),
        require("git"),
    ) else {
        return None;
    };
    if !rustix::process::geteuid().is_root() {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root");
        return None;
    }
    let env = Env::new();
    let account = account(tag);
    let (_sshd, port) = password_sshd(&env, &sshd, &ssh_keygen);
    Some(Server {
        env,
        account,
        _sshd,
        port,
    })
}

#[test]
fn copy_id_installs_a_key_once_by_password_and_sshd_enforces_its_options() {
    let Some(Server {
        env,
        account,
        _sshd,
        port,
    }) = server("copy")
    else {
        return;
    };
    let target = format!("{}@127.0.0.1", account.name);
    let port_arg = port.to_string();
    let common = ["-p", &port_arg, "-o", "StrictHostKeyChecking=accept-new"];
    // An authorized_keys of the account's own, without its final newline.
    let ssh_dir = account.home.join(".ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    let theirs = "ssh-rsa AAAAB3NzaC1yc2E their-own";
    std::fs::write(ssh_dir.join("authorized_keys"), theirs).unwrap();
    let uid = output_of(Command::new("id").args(["-u", &account.name]));
    output_of(
        Command::new("chown")
            .args(["-R", &format!("{}:", account.name)])
            .arg(&ssh_dir),
    );
    std::fs::set_permissions(&ssh_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(
        ssh_dir.join("authorized_keys"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();

    let key = new_key(&env, "laptop");
    let public = read(&key.with_extension("pub"));
    // -n: what would be added; nothing changes, no login.
    let (code, said) = copy_id(
        &env,
        &[
            &["-n", "-i", key.to_str().unwrap()][..],
            &common,
            &[&target],
        ]
        .concat(),
        false,
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains(&format!(
            "Would have added the following key(s):\n\n{}",
            public.trim_end()
        )),
        "{said}"
    );
    assert_eq!(read(&ssh_dir.join("authorized_keys")), theirs);

    let (code, said) = copy_id(
        &env,
        &[&["-i", key.to_str().unwrap()][..], &common, &[&target]].concat(),
        true,
    );
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Number of key(s) added: 1"), "{said}");
    assert!(
        said.contains(&format!(
            "The key alone gets in now: {} logged in to {target}.",
            key.display()
        )),
        "{said}"
    );
    assert_eq!(
        read(&ssh_dir.join("authorized_keys")),
        format!("{theirs}\n{public}")
    );
    let file = std::fs::metadata(ssh_dir.join("authorized_keys")).unwrap();
    assert_eq!(file.mode() & 0o777, 0o600);
    assert_eq!(file.uid().to_string(), uid.trim());
    assert_eq!(std::fs::metadata(&ssh_dir).unwrap().mode() & 0o777, 0o700);

    // Again: the key gets in alone, nothing is added, no password asked.
    let (code, said) = copy_id(
        &env,
        &[&["-i", key.to_str().unwrap()][..], &common, &[&target]].concat(),
        false,
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("All keys were skipped because they already exist on the remote system."),
        "{said}"
    );
    assert_eq!(
        read(&ssh_dir.join("authorized_keys")),
        format!("{theirs}\n{public}")
    );

    // A key that is there only in a line commented out (disabled) is
    // installed; the comment stays as it was.
    let disabled = new_key(&env, "disabled");
    let disabled_public = read(&disabled.with_extension("pub"));
    let before = format!("{theirs}\n{public}# {disabled_public}");
    std::fs::write(ssh_dir.join("authorized_keys"), &before).unwrap();
    let (code, said) = copy_id(
        &env,
        &[&["-i", disabled.to_str().unwrap()][..], &common, &[&target]].concat(),
        true,
    );
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Number of key(s) added: 1"), "{said}");
    assert_eq!(
        read(&ssh_dir.join("authorized_keys")),
        format!("{before}{disabled_public}")
    );

    // --from: sshd lets the key in from 127.0.0.1 only.
    let near = new_key(&env, "near");
    let (code, said) = copy_id(
        &env,
        &[
            &[
                "-i",
                near.to_str().unwrap(),
                "--restrict",
                "--from",
                "127.0.0.1",
            ][..],
            &common,
            &[&target],
        ]
        .concat(),
        true,
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        ssh(&account, port, &near, "127.0.0.1", &["true"])
            .status
            .success()
    );
    let refused = ssh(&account, port, &near, "127.0.0.2", &["true"]);
    assert_eq!(
        refused.status.code(),
        Some(255),
        "{}",
        text(&refused.stderr)
    );

    // A forced git-shell: git clones, a shell is refused.
    let repo = account.home.join("widget.git");
    output_of(
        Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&repo),
    );
    output_of(
        Command::new("chown")
            .args(["-R", &format!("{}:", account.name)])
            .arg(&repo),
    );
    let deploy = new_key(&env, "deploy");
    let (code, said) = copy_id(
        &env,
        &[
            &[
                "-i",
                deploy.to_str().unwrap(),
                "--restrict",
                "--command",
                "git-shell -c \"$SSH_ORIGINAL_COMMAND\"",
            ][..],
            &common,
            &[&target],
        ]
        .concat(),
        true,
    );
    assert_eq!(code, 0, "{said}");
    let clone = git_with_key(
        &[
            "clone",
            "-q",
            &format!("{target}:widget.git"),
            &env.path("clone").display().to_string(),
        ],
        port,
        &deploy,
    );
    assert!(clone.status.success(), "{}", text(&clone.stderr));
    let shell = ssh(&account, port, &deploy, "127.0.0.1", &["id"]);
    assert!(
        !text(&shell.stdout).contains("uid="),
        "{}",
        text(&shell.stdout)
    );
    assert_ne!(shell.status.code(), Some(0));
    // Every key once (and the disabled line), the account's own line
    // first and whole.
    let lines = read(&ssh_dir.join("authorized_keys"));
    assert_eq!(lines.lines().count(), 6, "{lines}");
    assert!(lines.starts_with(&format!("{theirs}\n")));
}

#[test]
fn access_key_ssh_install_makes_a_git_only_key_that_clones_through_the_alias() {
    let Some(Server {
        env,
        account,
        _sshd,
        port,
    }) = server("git")
    else {
        return;
    };
    let repo = account.home.join("widget.git");
    output_of(
        Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&repo),
    );
    output_of(
        Command::new("chown")
            .args(["-R", &format!("{}:", account.name)])
            .arg(&repo),
    );
    let host_key = read(&env.path("host_key.pub"));
    let host_key: String = host_key
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let server = format!("{}@127.0.0.1:widget.git", account.name);
    let mut command = env.command_of(sshgen_bin());
    command.args([
        "access-key",
        "ssh",
        &server,
        "-p",
        &port.to_string(),
        "--host-key",
        &host_key,
        "--install",
        "--no-copy",
    ]);
    let mut session = spawn_command(command, Some(60_000)).expect("a pty");
    session
        .exp_string("password:")
        .expect("ssh asks for the password");
    session.send_line(PASSWORD).unwrap();
    let said = session
        .exp_eof()
        .expect("access-key ends")
        .replace("\r\n", "\n");
    match session.process().wait().unwrap() {
        rexpect::process::wait::WaitStatus::Exited(_, 0) => {}
        other => panic!("{other:?}: {said}"),
    }
    let alias = "ssh-127.0.0.1__widget.git";
    assert!(
        said.contains(&format!(
            "  on the server: in {}@127.0.0.1's authorized_keys as: restrict,command=\"git-shell -c \\\"$SSH_ORIGINAL_COMMAND\\\"\"\n",
            account.name
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "  verified:  git ls-remote through Host {alias} with this key alone listed 0 refs\n"
        )),
        "{said}"
    );
    // A plain git clone through the alias (with sshgen's files, as the
    // note says for a home that is not the account's).
    let ssh_dir = env.ssh_dir();
    let clone = Command::new("git")
        .args([
            "clone",
            "-q",
            &format!("{}@{alias}:widget.git", account.name),
        ])
        .arg(env.path("clone"))
        .env(
            "GIT_SSH_COMMAND",
            format!(
                "ssh -F {} -o UserKnownHostsFile={} -o BatchMode=yes",
                ssh_dir.join("config").display(),
                ssh_dir.join("known_hosts").display()
            ),
        )
        .output()
        .unwrap();
    assert!(clone.status.success(), "{}", text(&clone.stderr));
    // The key runs git and nothing else.
    let key = ssh_dir.join(alias);
    let shell = ssh(&account, port, &key, "127.0.0.1", &["id"]);
    assert!(
        !text(&shell.stdout).contains("uid="),
        "{}",
        text(&shell.stdout)
    );
    assert_ne!(shell.status.code(), Some(0));

    // The server has no API: rotate and label say what to do instead, list
    // --remote does not ask, and remove clears this machine and says the
    // key is still on the server, which it is.
    let fingerprint = output_of(
        Command::new("ssh-keygen")
            .arg("-lf")
            .arg(format!("{}.pub", key.display())),
    )
    .split_whitespace()
    .nth(1)
    .unwrap()
    .to_owned();
    let rotated = crate::util::sshgen(&env, &["access-key", "rotate", "ssh", &server]);
    assert_eq!(rotated.status.code(), Some(1));
    assert_eq!(
        text(&rotated.stderr),
        format!(
            "sshgen: error: a plain git server has no API, and rotate does not ask for your login \
             there: `sshgen access-key ssh {server} --install --force` makes a new key in this \
             one's place and installs it, then `sshgen authorized-keys remove {fingerprint}` on \
             the server removes the old one\n"
        )
    );
    let labelled = crate::util::sshgen(&env, &["access-key", "label", "ssh", &server, "x"]);
    assert_eq!(labelled.status.code(), Some(1));
    assert_eq!(
        text(&labelled.stderr),
        "sshgen: error: a plain git server has no API, so sshgen cannot change a label there; \
         on the server, `sshgen authorized-keys list|add|remove` manages its authorized_keys\n"
    );
    let listed = crate::util::sshgen(&env, &["access-key", "list", "--remote"]);
    assert!(
        text(&listed.stdout)
            .ends_with("  on the host: unknown (a plain git server has no API to ask)\n"),
        "{}",
        text(&listed.stdout)
    );
    let kept = env.path("kept-key");
    std::fs::copy(&key, &kept).unwrap();
    let removed = crate::util::sshgen(&env, &["access-key", "remove", "ssh", &server]);
    assert!(removed.status.success(), "{}", text(&removed.stderr));
    assert!(
        text(&removed.stdout).starts_with(&format!(
            "Removed the access key of {server}:\n  on the server: still in {}@127.0.0.1's \
             authorized_keys (sshgen has no login there); remove it on the server with: sshgen \
             authorized-keys remove {fingerprint}\n  alias:       removed\n",
            account.name
        )),
        "{}",
        text(&removed.stdout)
    );
    assert!(!key.exists());
    let still = git_with_key(
        &[
            "ls-remote",
            &format!("{}@127.0.0.1:widget.git", account.name),
        ],
        port,
        &kept,
    );
    assert!(still.status.success(), "{}", text(&still.stderr));
}
