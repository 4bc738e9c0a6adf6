//! `authorized-keys add|list|remove` read back by sshd itself: a real sshd
//! on 127.0.0.1 trusts the file sshgen wrote, and each option does what
//! sshd's own parser makes of it (a forced command, `from=` refusing
//! another source address, `restrict` with git-shell, an expired key);
//! `ssh-keygen -l` lists the lines; every other byte of the file stays.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::interop::{current_user, start_sshd_with};
use crate::util::{Env, output_of, read, require, text};

/// `ssh` with `key` alone to the sshd at `port`, from `source`.
fn ssh(port: u16, key: &Path, source: &str, command: &[&str]) -> Output {
    ssh_as(&current_user(), port, key, source, command)
}

/// `git ARGS` over ssh to 127.0.0.1:`port` offering `key` alone: no
/// config, agent or host key check.
pub(crate) fn git_with_key(args: &[&str], port: u16, key: &Path) -> Output {
    Command::new("git")
        .args(args)
        .env(
            "GIT_SSH_COMMAND",
            format!(
                "ssh -F none -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes \
                 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -p {port} -i {}",
                key.display()
            ),
        )
        .output()
        .unwrap()
}

/// `ssh` as `user` with `key` alone to the sshd at `port` on 127.0.0.1,
/// from `source`, trusting whatever host key it shows.
pub(crate) fn ssh_as(user: &str, port: u16, key: &Path, source: &str, command: &[&str]) -> Output {
    Command::new("ssh")
        .args([
            "-F",
            "none",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
        ])
        .args(["-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no"])
        .args(["-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"])
        .args(["-b", source, "-p", &port.to_string(), "-i"])
        .arg(key)
        .arg(format!("{user}@127.0.0.1"))
        .args(command)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn key(env: &Env, name: &str) -> std::path::PathBuf {
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

#[test]
fn sshd_reads_each_option_as_sshgen_wrote_it() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("git"),
    ) else {
        return;
    };
    let env = Env::new();
    std::fs::create_dir_all(env.ssh_dir()).unwrap();
    let file = env.path("authorized_keys");
    // A line sshgen does not know, and no final newline: kept as it is.
    let other = "ssh-rsa AAAAB3NzaC1yc2E someone-else";
    std::fs::write(&file, other).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let forced = key(&env, "forced");
    let git = key(&env, "git");
    let expired = key(&env, "expired");
    let add = |key: &Path, options: &[&str]| {
        let out = env
            .sshgen()
            .args(["authorized-keys", "add", "--file"])
            .arg(&file)
            .arg(key.with_extension("pub"))
            .args(options)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let said = add(
        &forced,
        &[
            "--from",
            "127.0.0.1",
            "--command",
            "echo \"forced\" $SSH_ORIGINAL_COMMAND",
        ],
    );
    assert!(
        said.starts_with(&format!(
            "Added to {}, line 2:\n  256 SHA256:",
            file.display()
        )),
        "{said}"
    );
    add(
        &git,
        &[
            "--restrict",
            "--command",
            "git-shell -c \"$SSH_ORIGINAL_COMMAND\"",
        ],
    );
    add(&expired, &["--expiry-time", "20200101Z"]);
    // Once: a second add changes nothing.
    let again = add(&forced, &["--from", "127.0.0.1"]);
    assert!(
        again.starts_with(&format!("Already in {}, line 2:", file.display())),
        "{again}"
    );
    let written = read(&file);
    assert!(written.starts_with(&format!("{other}\nfrom=\"127.0.0.1\",command=\"echo \\\"forced\\\" $SSH_ORIGINAL_COMMAND\" ssh-ed25519 ")), "{written}");
    assert_eq!(written.lines().count(), 4);
    assert_eq!(crate::util::mode(&file), 0o640);
    // ssh-keygen -l lists every key line.
    let listed = output_of(Command::new(&ssh_keygen).arg("-l").arg("-f").arg(&file));
    assert_eq!(listed.lines().count(), 3, "{listed}");

    let (_sshd, port) = start_sshd_with(&sshd, &ssh_keygen, env.root(), &file, "");
    // The forced command runs, whatever the client asks.
    let out = ssh(port, &forced, "127.0.0.1", &["id"]);
    assert_eq!(text(&out.stdout), "forced id\n", "{}", text(&out.stderr));
    // from="127.0.0.1": another source address is refused.
    let out = ssh(port, &forced, "127.0.0.2", &["id"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        text(&out.stderr).contains("Permission denied"),
        "{}",
        text(&out.stderr)
    );
    // restrict + git-shell: git works, a shell does not.
    let repo = env.path("repo.git");
    output_of(
        Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&repo),
    );
    let ls = git_with_key(
        &[
            "ls-remote",
            &format!("{}@127.0.0.1:{}", current_user(), repo.display()),
        ],
        port,
        &git,
    );
    assert!(ls.status.success(), "{}", text(&ls.stderr));
    let out = ssh(port, &git, "127.0.0.1", &["id"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!text(&out.stdout).contains("uid="), "{}", text(&out.stdout));
    // An expiry time past: refused.
    let out = ssh(port, &expired, "127.0.0.1", &["true"]);
    assert_eq!(out.status.code(), Some(255), "{}", text(&out.stderr));

    // Removed by fingerprint, key file and comment; the rest stays.
    let remove = |selector: &str| {
        env.sshgen()
            .args(["authorized-keys", "remove", "--file"])
            .arg(&file)
            .arg(selector)
            .output()
            .unwrap()
    };
    let out = remove(expired.with_extension("pub").to_str().unwrap());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = remove("git");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let fingerprint = output_of(
        Command::new(&ssh_keygen)
            .arg("-l")
            .arg("-f")
            .arg(forced.with_extension("pub")),
    );
    let fingerprint = fingerprint.split_whitespace().nth(1).unwrap().to_owned();
    let out = remove(&fingerprint);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(read(&file), format!("{other}\n"));
    assert_eq!(crate::util::mode(&file), 0o640);
    let out = remove(&fingerprint);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: no key in {} matches {fingerprint:?} (a fingerprint, a key file or a comment)\n",
            file.display()
        )
    );
}

#[test]
fn values_sshd_would_misread_are_refused_and_nothing_is_written() {
    let env = Env::new();
    std::fs::create_dir_all(env.ssh_dir()).unwrap();
    let file = env.path("authorized_keys");
    let pub_key = env.path("k.pub");
    std::fs::write(
        &pub_key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl k\n",
    )
    .unwrap();
    for (options, said) in [
        (
            vec!["--from", "x\",command=\"sh"],
            "sshgen: error: --from \"x\\\",command=\\\"sh\": want comma-separated host or address \
             patterns ([!]PATTERN, *, ?, or a CIDR block such as 10.0.0.0/8)\n",
        ),
        (
            vec!["--command", "ls\nrm"],
            "sshgen: error: --command \"ls\\nrm\": a line end or NUL cannot be in an \
             authorized_keys line\n",
        ),
        (
            vec!["--command", "echo \\"],
            "sshgen: error: --command \"echo \\\\\": a final backslash would escape the closing \
             quote as sshd reads it\n",
        ),
        (
            vec!["--expiry-time", "2030-01-01"],
            "sshgen: error: --expiry-time \"2030-01-01\": want YYYYMMDD, YYYYMMDDHHMM or \
             YYYYMMDDHHMMSS, with Z for UTC\n",
        ),
    ] {
        let out = env
            .sshgen()
            .args(["authorized-keys", "add", "--file"])
            .arg(&file)
            .arg(&pub_key)
            .args(&options)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{options:?}");
        assert_eq!(text(&out.stderr), said);
        assert!(!file.exists());
    }
}
