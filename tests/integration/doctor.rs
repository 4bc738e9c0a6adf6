//! `sshgen doctor`: every check set off by a prepared `~/.ssh`, `--fix`
//! read back from the files it repaired, and the `--json` shape.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use crate::util::{Env, mode, read, require, text};

fn doctor(env: &Env, args: &[&str]) -> Output {
    env.command()
        .arg("doctor")
        .args(args)
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("GIT_SSH_COMMAND")
        .output()
        .unwrap()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn doctor_finds_each_problem_and_fix_repairs_what_is_safe() {
    let Some(keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ssh = env.ssh_dir();
    std::fs::create_dir_all(&ssh).unwrap();
    chmod(&ssh, 0o755);
    let key = |name: &str, args: &[&str]| {
        let path = ssh.join(name);
        let out = env
            .command_of(&keygen)
            .args(["-q", "-C", name, "-f"])
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        path
    };
    let open = key("open", &["-t", "ed25519", "-N", ""]);
    chmod(&open, 0o644);
    let open_bytes = std::fs::read(&open).unwrap();
    let good = key("good", &["-t", "ed25519", "-N", "pass"]);
    let nopub = key("nopub", &["-t", "ed25519", "-N", ""]);
    let nopub_line = read(&ssh.join("nopub.pub"));
    std::fs::remove_file(ssh.join("nopub.pub")).unwrap();
    let mismatch = key("mismatch", &["-t", "ed25519", "-N", "pass"]);
    std::fs::copy(ssh.join("good.pub"), ssh.join("mismatch.pub")).unwrap();
    let weak = key("weak", &["-t", "rsa", "-b", "1024", "-N", "pass"]);
    let dsa = key("dsa", &["-t", "dsa", "-N", "pass"]);
    let missing = ssh.join("missing");
    std::fs::write(
        ssh.join("config"),
        format!(
            "Host *\n    ServerAliveInterval 30\n\nHost work\n    HostName git.example.com\n    \
             IdentityFile {}\n\nHost home\n    IdentityFile {}\n",
            missing.display(),
            good.display()
        ),
    )
    .unwrap();
    let (ssh_s, config) = (
        ssh.display().to_string(),
        ssh.join("config").display().to_string(),
    );
    let expected = [
        format!("warning  {ssh_s}: others can look into it (mode 755); fix: chmod 700 {ssh_s}"),
        format!(
            "problem  {}: other users can open this private key (mode 644), and OpenSSH \
             refuses it (UNPROTECTED PRIVATE KEY FILE); fix: chmod 600 {}",
            open.display(),
            open.display()
        ),
        format!(
            "warning  {}: not encrypted: anyone with a copy of the file can use it; fix: \
             sshgen passphrase {}",
            open.display(),
            open.display()
        ),
        format!(
            "ok       {}: ED25519 256, encrypted, only you can open it, its .pub matches",
            good.display()
        ),
        format!(
            "problem  {}: {}.pub does not match the private key; recreate it with: sshgen \
             public --write {}",
            mismatch.display(),
            mismatch.display(),
            mismatch.display()
        ),
        format!(
            "warning  {}: there is no .pub beside it, which ssh-copy-id, sshgen copy and ssh's \
             IdentitiesOnly look for; fix: sshgen public --write {}",
            nopub.display(),
            nopub.display()
        ),
        format!(
            "warning  {}: an RSA key of 1024 bits, which code hosts refuse and OpenSSH warns is \
             weak; fix: sshgen generate -t ed25519",
            weak.display()
        ),
        format!(
            "problem  {}: a DSA key, which OpenSSH has turned off since 7.0 and removed in 10.0; fix: sshgen generate -t ed25519",
            dsa.display()
        ),
        format!(
            "problem  {config}: line 4: IdentityFile {} does not exist; fix: sshgen generate -f {}",
            missing.display(),
            missing.display()
        ),
        format!(
            "warning  {config}: line 1: Host * comes before more specific Host blocks, and ssh \
             takes the first value it finds, so its settings win over theirs; move it to the end"
        ),
        "warning  ssh-agent: none in this session (SSH_AUTH_SOCK is not set), so every key with \
         a passphrase asks for it each time; fix: eval \"$(ssh-agent -s)\""
            .to_owned(),
    ];
    let out = doctor(&env, &[]);
    assert_eq!(out.status.code(), Some(1), "problems are left");
    let shown = text(&out.stdout);
    for line in &expected {
        assert!(
            shown.lines().any(|l| l == line),
            "missing line:\n{line}\nin:\n{shown}"
        );
    }

    // --fix: the folder and the open key made private (the key's bytes
    // unchanged), the missing .pub written; the mismatch is only reported.
    let fixed = doctor(&env, &["--fix"]);
    assert_eq!(fixed.status.code(), Some(1), "the mismatch is left");
    let shown = text(&fixed.stdout);
    assert!(
        shown.ends_with(&format!(
            "Changed:\n  {ssh_s}: now only you can open it (0700)\n  {}.pub: written from the \
             private key\n  {}: now only you can open it\n",
            nopub.display(),
            open.display()
        )),
        "{shown}"
    );
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with(&format!("fixed    {}: other users", open.display())))
    );
    assert_eq!(mode(&ssh), 0o700);
    assert_eq!(mode(&open), 0o600);
    assert_eq!(std::fs::read(&open).unwrap(), open_bytes);
    assert_eq!(read(&ssh.join("nopub.pub")), nopub_line);
    assert_eq!(mode(&ssh.join("nopub.pub")), 0o644);
    // ssh reads the repaired key without complaint.
    let y = env
        .command_of(&keygen)
        .arg("-y")
        .arg("-f")
        .arg(&open)
        .output()
        .unwrap();
    assert!(y.status.success(), "{}", text(&y.stderr));

    // Once the mismatch and the DSA key are gone, only the config is a
    // problem.
    std::fs::remove_file(ssh.join("mismatch.pub")).unwrap();
    std::fs::remove_file(&mismatch).unwrap();
    std::fs::remove_file(&dsa).unwrap();
    std::fs::remove_file(ssh.join("dsa.pub")).unwrap();
    let again = doctor(&env, &["--json"]);
    let value: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    let checks = value["checks"].as_array().unwrap();
    assert!(checks.iter().all(|c| {
        c["status"].is_string()
            && c["subject"].is_string()
            && c["message"].is_string()
            && (c["fix"].is_null() || c["fix"].is_string())
            && c["fixed"] == false
    }));
    let problems: Vec<_> = checks.iter().filter(|c| c["status"] == "problem").collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["subject"], config.as_str());
    assert_eq!(value["changed"], serde_json::json!([]));
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn doctor_host_checks_the_keys_ssh_offers_and_pinned_host_keys() {
    if require("ssh").is_none() {
        return;
    }
    let env = Env::new();
    let ssh = env.ssh_dir();
    std::fs::create_dir_all(&ssh).unwrap();
    chmod(&ssh, 0o700);
    env.run_ok(&["generate", "-q", "-t", "ed25519", "--no-passphrase"]);
    let key = ssh.join("id_ed25519");
    std::fs::write(
        ssh.join("config"),
        format!(
            "Host gh\n    HostName github.com\n    IdentityFile {}\n",
            key.display()
        ),
    )
    .unwrap();
    // A key for github.com that GitHub does not publish.
    std::fs::write(
        ssh.join("known_hosts"),
        "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJm\n",
    )
    .unwrap();
    let out = doctor(&env, &["gh"]);
    let shown = text(&out.stdout);
    assert!(
        shown
            .lines()
            .any(|l| l == format!("ok       ssh -G gh: ssh would offer {}", key.display())),
        "{shown}"
    );
    let known = ssh.join("known_hosts").display().to_string();
    assert!(
        shown.lines().any(|l| l
            == format!(
                "problem  {known}: line 1: a ssh-ed25519 key for github.com that is not one \
                 GitHub publishes; fix: sshgen known-hosts remove github.com && sshgen \
                 known-hosts add github.com"
            )),
        "{shown}"
    );
    assert_eq!(out.status.code(), Some(1));
    // Without ssh on PATH, the check says so instead of guessing.
    let empty = env.path("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let without = env
        .command()
        .args(["doctor", "gh"])
        .env("PATH", &empty)
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .unwrap();
    assert!(
        text(&without.stdout).lines().any(|l| l
            == "warning  ssh -G gh: could not run ssh to see what it would use (is OpenSSH \
                installed?)"),
        "{}",
        text(&without.stdout)
    );
    env.run_ok(&["known-hosts", "remove", "github.com"]);
    env.run_ok(&["known-hosts", "add", "github.com"]);
    let out = doctor(&env, &["gh"]);
    let shown = text(&out.stdout);
    assert!(
        shown.lines().any(|l| l
            == format!(
                "ok       {known}: the entries for github.com hold the keys GitHub publishes"
            )),
        "{shown}"
    );
}

/// A key pasted through a CI secret or a Windows editor: CRLF line ends, or
/// no final newline. ssh-keygen fails on both ("error in libcrypto");
/// doctor says which, and the way out.
#[test]
fn doctor_spots_a_key_with_crlf_or_without_its_final_newline() {
    let Some(keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let ssh = env.ssh_dir();
    std::fs::create_dir_all(&ssh).unwrap();
    chmod(&ssh, 0o700);
    let made = env
        .command_of(&keygen)
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "ci", "-f"])
        .arg(ssh.join("id_ed25519"))
        .output()
        .unwrap();
    assert!(made.status.success());
    let good = std::fs::read(ssh.join("id_ed25519")).unwrap();
    for (name, bytes, said) in [
        (
            "crlf",
            String::from_utf8(good.clone())
                .unwrap()
                .replace('\n', "\r\n")
                .into_bytes(),
            "has CRLF line ends",
        ),
        (
            "cut",
            good[..good.len() - 1].to_vec(),
            "has no newline at its end",
        ),
    ] {
        let path = ssh.join(name);
        std::fs::write(&path, &bytes).unwrap();
        chmod(&path, 0o600);
        std::fs::copy(ssh.join("id_ed25519.pub"), ssh.join(format!("{name}.pub"))).unwrap();
        // The real ssh-keygen cannot load it.
        let loaded = env
            .command_of(&keygen)
            .arg("-y")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        assert!(!loaded.status.success(), "{name}");
        let out = doctor(&env, &["--json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let message = format!(
            "{said}, and OpenSSH fails to load it (\"error in libcrypto\"): save it with LF line \
             ends and a final newline"
        );
        let found = json["checks"].as_array().unwrap().iter().any(|check| {
            check["subject"].as_str().is_some_and(|s| s.ends_with(name))
                && check["message"] == message.as_str()
                && check["status"] == "problem"
        });
        assert!(found, "{name}: {json:#}");
        std::fs::remove_file(&path).unwrap();
        std::fs::remove_file(ssh.join(format!("{name}.pub"))).unwrap();
    }
}

#[test]
fn doctor_does_not_ask_for_a_passphrase_on_an_access_key() {
    let env = Env::new();
    env.run_ok(&["access-key", "github", "ana/site", "--no-copy"]);
    env.run_ok(&["-f", "~/.ssh/personal", "--no-passphrase", "-q"]);
    let said = text(&doctor(&env, &[]).stdout);
    let ssh = env.ssh_dir();
    assert!(
        said.contains(&format!(
            "ok       {}: ED25519 256, the access key of Host github-ana__site, without a \
             passphrase so that a build can use it, only you can open it, its .pub matches\n",
            ssh.join("github-ana__site").display()
        )),
        "{said}"
    );
    // A key of the person's own still gets the warning.
    assert!(
        said.contains(&format!(
            "warning  {}: not encrypted: anyone with a copy of the file can use it",
            ssh.join("personal").display()
        )),
        "{said}"
    );
}
