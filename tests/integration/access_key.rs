//! From key to working clone, checked against the real OpenSSH and git:
//! `known-hosts find/remove/hash` against ssh-keygen -F/-R/-H on the same
//! files, the pinned host keys, `config` edits read back by `ssh -G`, and
//! `access-key` + `test` end to end against a local sshd whose ForceCommand
//! greets like Bitbucket and serves a bare git repository.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::interop::start_sshd_with;
use crate::util::{Env, output_of, read, require, sshgen, text};

const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
const OTHER: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf";

/// A known_hosts file with what ssh-keygen meets: comments, several names
/// on a line, a port, a wildcard, a marker, a hashed line, CRLF.
fn known_hosts_text() -> String {
    format!(
        "# pinned by hand\ngithub.com {ED}\nfoo,bar,github.com {OTHER} a comment\n\
         [example.com]:2222 {ED}\r\n*.example.org {OTHER}\n@cert-authority github.com {OTHER}\n\
         |1|BwcHBwcHBwcHBwcHBwcHBwcHBwc=|w8/1LNfT6g6+ZuIH60Q0hAk5M6I= {OTHER}\n"
    )
}

#[test]
fn find_remove_and_hash_do_what_ssh_keygen_does() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let keygen = |args: &[&str], file: &Path| {
        Command::new(&ssh_keygen)
            .args(args)
            .arg("-f")
            .arg(file)
            .output()
            .unwrap()
    };
    for (host, port) in [
        ("github.com", "22"),
        ("example.com", "2222"),
        ("nothere", "22"),
    ] {
        let ours = env.path("ours");
        let theirs = env.path("theirs");
        std::fs::write(&ours, known_hosts_text()).unwrap();
        std::fs::write(&theirs, known_hosts_text()).unwrap();
        let name = if port == "22" {
            host.to_owned()
        } else {
            format!("[{host}]:{port}")
        };

        let ours_arg = ours.display().to_string();
        let found = sshgen(
            &env,
            &["known-hosts", "find", host, "-p", port, "-f", &ours_arg],
        );
        let expected = keygen(&["-F", &name], &theirs);
        assert_eq!(text(&found.stdout), text(&expected.stdout), "{host}");
        assert_eq!(found.status.code(), expected.status.code(), "{host}");

        let removed = sshgen(
            &env,
            &["known-hosts", "remove", host, "-p", port, "-f", &ours_arg],
        );
        let expected = keygen(&["-R", &name], &theirs);
        let same = |output: &Output, file: &str| text(&output.stdout).replace(file, "FILE");
        assert_eq!(
            same(&removed, &ours.display().to_string()),
            same(&expected, &theirs.display().to_string()),
            "{host}"
        );
        assert_eq!(
            text(&removed.stderr).replace(&ours_arg, "FILE"),
            text(&expected.stderr).replace(&theirs.display().to_string(), "FILE")
        );
        assert_eq!(read(&ours), read(&theirs), "{host}");
        if host != "nothere" {
            assert_eq!(read(&env.path("ours.old")), known_hosts_text());
            assert_eq!(read(&env.path("theirs.old")), known_hosts_text());
        }
    }

    // -H salts at random: the hashed files differ, but each finds in the
    // other's every host, and both keep the same lines unhashed.
    let ours = env.path("h-ours");
    let theirs = env.path("h-theirs");
    std::fs::write(&ours, known_hosts_text()).unwrap();
    std::fs::write(&theirs, known_hosts_text()).unwrap();
    let hashed = sshgen(&env, &["known-hosts", "hash", "-f", ours.to_str().unwrap()]);
    let expected = keygen(&["-H"], &theirs);
    let (o, t) = (ours.display().to_string(), theirs.display().to_string());
    assert_eq!(
        text(&hashed.stdout).replace(&o, "FILE"),
        text(&expected.stdout).replace(&t, "FILE")
    );
    assert_eq!(
        text(&hashed.stderr).replace(&o, "FILE"),
        text(&expected.stderr).replace(&t, "FILE")
    );
    let (ours_text, theirs_text) = (read(&ours), read(&theirs));
    assert_eq!(ours_text.lines().count(), theirs_text.lines().count());
    let unhashed = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with("|1|"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(unhashed(&ours_text), unhashed(&theirs_text));
    for host in ["github.com", "foo", "bar", "[example.com]:2222"] {
        let theirs_finds = keygen(&["-F", host], &ours);
        let ours_finds = sshgen(&env, &["known-hosts", "find", host, "-f", &t]);
        assert_eq!(
            text(&theirs_finds.stdout).lines().count(),
            text(&ours_finds.stdout).lines().count(),
            "{host}"
        );
        assert!(theirs_finds.status.success(), "{host}");
    }
}

#[test]
fn pinned_keys_are_added_once_and_a_changed_key_is_refused() {
    let env = Env::new();
    let added = sshgen(&env, &["known-hosts", "add", "bitbucket"]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let file = env.ssh_dir().join("known_hosts");
    assert_eq!(
        text(&added.stderr),
        format!(
            "Added bitbucket.org's ED25519 key SHA256:ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM to {f}\n\
             Added bitbucket.org's ECDSA key SHA256:FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0 to {f}\n{}",
            crate::util::foreign_home_note(&env),
            f = file.display()
        )
    );
    let first = read(&file);
    let again = sshgen(&env, &["known-hosts", "add", "bitbucket.org"]);
    assert!(again.status.success());
    assert_eq!(read(&file), first, "nothing appended twice");

    // Another Ed25519 key for the host: refused, the file unchanged.
    let changed = sshgen(&env, &["known-hosts", "add", "bitbucket.org", "--key", ED]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        text(&changed.stderr).contains("records another ssh-ed25519 key for bitbucket.org"),
        "{}",
        text(&changed.stderr)
    );
    assert_eq!(read(&file), first);

    // Any other host needs its key given.
    let unknown = sshgen(&env, &["known-hosts", "add", "git.example.com"]);
    assert_eq!(unknown.status.code(), Some(2));
    let with_key = sshgen(
        &env,
        &[
            "known-hosts",
            "add",
            "git.example.com",
            "-p",
            "2222",
            "--key",
            &format!("git.example.com {ED}"),
        ],
    );
    assert!(with_key.status.success(), "{}", text(&with_key.stderr));
    assert!(read(&file).ends_with(&format!("[git.example.com]:2222 {ED}\n")));
}

/// Configs as people write them.
const CONFIGS: &[&str] = &[
    "",
    "Host old\n  HostName old.example.com\n",
    "# work\r\nInclude ~/.ssh/config.d/*\r\n\r\nHost work\r\n\tHostName 10.0.0.1\r\n\tUser me\r\n\r\nHost *\r\n\tServerAliveInterval 60\r\n",
    "Host=gitlab.com\n    User=git\n\nMatch host *.corp exec \"true\"\n    User corp\n\nHost *\n    AddKeysToAgent yes\n",
    "IdentityFile ~/.ssh/everything\nHost a b\n  User x\n",
];

#[test]
fn config_edits_keep_every_other_byte_and_ssh_reads_them_as_meant() {
    let Some(ssh) = require("ssh") else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["-f", "deploy key", "--no-passphrase", "-q"]);
    let key = env.path("deploy key");
    let file = env.ssh_dir().join("config");
    std::fs::create_dir_all(env.ssh_dir()).unwrap();
    for original in CONFIGS {
        std::fs::write(&file, original).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let added = env
            .command()
            .args([
                "config",
                "add",
                "widget",
                "--hostname",
                "bitbucket.org",
                "--user",
                "git",
            ])
            .args(["-p", "2222", "-i"])
            .arg(&key)
            .output()
            .unwrap();
        assert!(
            added.status.success(),
            "{original:?}: {}",
            text(&added.stderr)
        );
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640,
            "mode kept"
        );
        let resolved = output_of(
            Command::new(&ssh)
                .arg("-G")
                .arg("-F")
                .arg(&file)
                .arg("widget"),
        );
        let value = |key: &str| -> Vec<String> {
            resolved
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{key} ")))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(value("hostname"), ["bitbucket.org"], "{original:?}");
        assert_eq!(value("user"), ["git"], "{original:?}");
        assert_eq!(value("port"), ["2222"], "{original:?}");
        assert_eq!(value("identitiesonly"), ["yes"], "{original:?}");
        // ssh lists every IdentityFile it would try: ours first, unless the
        // file sets one for every host before any Host line (then sshgen
        // says so).
        let global = original.starts_with("IdentityFile");
        let identities = value("identityfile");
        assert_eq!(
            identities.iter().position(|f| f == key.to_str().unwrap()),
            Some(usize::from(global)),
            "{original:?}: {identities:?}"
        );
        assert_eq!(
            text(&added.stderr).contains("to every host, before the key of Host widget"),
            global,
            "{}",
            text(&added.stderr)
        );
        let listed = sshgen(&env, &["config", "list", "--json"]);
        let value: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        assert!(
            value
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["host"][0] == "widget")
        );
        let twice = sshgen(
            &env,
            &[
                "config",
                "add",
                "widget",
                "--hostname",
                "x",
                "-i",
                key.to_str().unwrap(),
            ],
        );
        assert_eq!(twice.status.code(), Some(1));
        assert!(text(&twice.stderr).contains("has a Host widget already; pass --force"));

        let removed = sshgen(&env, &["config", "remove", "widget"]);
        assert!(removed.status.success(), "{}", text(&removed.stderr));
        assert_eq!(read(&file), *original, "every other byte kept");
    }
    // A file that did not exist is made 0600.
    std::fs::remove_file(&file).unwrap();
    let added = env
        .command()
        .args([
            "config",
            "add",
            "widget",
            "--hostname",
            "bitbucket.org",
            "-i",
        ])
        .arg(&key)
        .output()
        .unwrap();
    assert!(added.status.success());
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// A Bitbucket-like server: greets an authenticated `ssh -T` and exits 1,
/// serves git commands from a folder of bare repositories.
pub(crate) struct Forge {
    _sshd: crate::interop::Guard,
    pub port: u16,
    pub authorized: std::path::PathBuf,
    pub host_key: String,
}

fn start_forge(env: &Env, sshd: &Path, ssh_keygen: &Path) -> Forge {
    start_forge_with(env, sshd, ssh_keygen, "")
}

/// [`start_forge`], with `extra` lines in sshd's config.
pub(crate) fn start_forge_with(env: &Env, sshd: &Path, ssh_keygen: &Path, extra: &str) -> Forge {
    let repos = env.path("repos");
    std::fs::create_dir_all(repos.join("acme")).unwrap();
    let git = |args: &[&str], dir: &Path| {
        output_of(
            Command::new("git")
                .args(args)
                .current_dir(dir)
                .env("HOME", env.home()),
        );
    };
    let bare = repos.join("acme/widget.git");
    git(
        &["init", "-q", "--bare", "-b", "main", bare.to_str().unwrap()],
        env.root(),
    );
    let work = env.path("work");
    std::fs::create_dir_all(&work).unwrap();
    git(&["init", "-q", "-b", "main"], &work);
    std::fs::write(work.join("README"), "widget\n").unwrap();
    git(&["add", "README"], &work);
    git(
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "commit",
            "-q",
            "-m",
            "first",
        ],
        &work,
    );
    git(&["push", "-q", bare.to_str().unwrap(), "main"], &work);

    let script = env.path("forge.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nif [ -z \"$SSH_ORIGINAL_COMMAND\" ]; then\n\
             echo 'authenticated via ssh key.' >&2\n\
             echo 'You can use git to connect to Forge. Shell access is disabled.' >&2\n\
             exit 1\nfi\ncd {} && exec sh -c \"$SSH_ORIGINAL_COMMAND\"\n",
            repos.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let authorized = env.path("authorized_keys");
    std::fs::write(&authorized, "").unwrap();
    let (sshd, port) = start_sshd_with(
        sshd,
        ssh_keygen,
        env.root(),
        &authorized,
        &format!("ForceCommand {}\n{extra}", script.display()),
    );
    let host_key = read(&env.root().join("host_key.pub"));
    let host_key = host_key
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    Forge {
        _sshd: sshd,
        port,
        authorized,
        host_key,
    }
}

#[test]
fn access_key_to_a_local_server_clones_through_the_alias_and_test_tells_each_failure() {
    let (Some(sshd), Some(ssh_keygen), Some(_), Some(_)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
        require("git"),
    ) else {
        return;
    };
    let env = Env::new();
    let forge = start_forge(&env, &sshd, &ssh_keygen);
    let port = forge.port.to_string();
    let user = crate::interop::current_user();
    let args = [
        "access-key",
        "bitbucket",
        "acme/widget",
        "--hostname",
        "127.0.0.1",
        "--port",
        &port,
        "--user",
        &user,
        "--host-key",
        &forge.host_key,
        "--no-copy",
    ];
    let made = sshgen(&env, &args);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let ssh_dir = env.ssh_dir();
    let key = ssh_dir.join("bitbucket-acme__widget");
    let public = read(&ssh_dir.join("bitbucket-acme__widget.pub"));
    let stdout = text(&made.stdout);
    assert!(
        stdout.starts_with("New access key for acme/widget on Bitbucket:\n"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("  key:       {} (ED25519 SHA256:", key.display())));
    assert!(stdout.contains(
        "  1. Open https://127.0.0.1/acme/widget/admin/access-keys/ and add the access key"
    ));
    assert!(stdout.contains(&format!("     {}", public.trim_end())));
    assert!(stdout.contains(&format!(
        "  2. Check that it works: sshgen test {user}@bitbucket-acme__widget\n"
    )));

    let test = |expect: Option<i32>| {
        let out = sshgen(&env, &["test", &format!("{user}@bitbucket-acme__widget")]);
        assert_eq!(
            out.status.code(),
            expect,
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        // Less the note that sshgen's home is not the account's.
        let stderr = text(&out.stderr);
        let stderr = match stderr.split_once('\n') {
            Some((first, rest)) if first.starts_with("sshgen: note: ") => rest.to_owned(),
            _ => stderr,
        };
        (text(&out.stdout), stderr)
    };
    // Not pasted yet: the key is refused.
    let (_, refused) = test(Some(1));
    assert!(
        refused.starts_with(&format!("sshgen: error: {user}@bitbucket-acme__widget refused the keys ssh offers for it: add its .pub")),
        "{refused}"
    );

    // "Paste" the key: now it gets in, and git clones through the alias.
    std::fs::write(&forge.authorized, &public).unwrap();
    let (greeting, _) = test(Some(0));
    let listed = sshgen(&env, &["fingerprint", "--json", key.to_str().unwrap()]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let fingerprint = listed[0]["fingerprint"].as_str().unwrap().to_owned();
    // The key ssh says got in, by path and fingerprint.
    assert_eq!(
        greeting,
        format!(
            "Authenticated to {user}@bitbucket-acme__widget with {} (ED25519 {fingerprint}): \
             authenticated via ssh key.\n",
            key.display()
        )
    );
    // sshgen's home is not the account's here (as in a CI container): the
    // printed clone line carries what makes git read sshgen's files, and
    // runs as printed.
    let printed_clone = stdout
        .lines()
        .find_map(|l| l.strip_prefix("  3. Clone through the alias: "))
        .unwrap()
        .to_owned();
    assert_eq!(
        printed_clone,
        format!(
            "GIT_SSH_COMMAND='ssh -F {} -o UserKnownHostsFile={}' git clone \
             {user}@bitbucket-acme__widget:acme/widget.git",
            ssh_dir.join("config").display(),
            ssh_dir.join("known_hosts").display()
        )
    );
    assert!(
        text(&made.stderr).contains(&format!(
            "sshgen: note: sshgen's home folder {} is not your account's",
            env.home().display()
        )),
        "{}",
        text(&made.stderr)
    );
    let clone = env.path("clone");
    let cloned = Command::new("sh")
        .arg("-c")
        .arg(format!("{printed_clone} {}", clone.display()))
        .env("HOME", env.home())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(cloned.status.success(), "{}", text(&cloned.stderr));
    // As git runs it, without those files, ssh does not know the alias:
    // `test --as-git` says so, where plain `test` succeeded.
    let as_git = sshgen(
        &env,
        &[
            "test",
            "--as-git",
            &format!("{user}@bitbucket-acme__widget"),
        ],
    );
    assert_eq!(as_git.status.code(), Some(1));
    assert!(
        text(&as_git.stderr).starts_with(&format!(
            "sshgen: error: cannot connect to {user}@bitbucket-acme__widget: "
        )),
        "{}",
        text(&as_git.stderr)
    );
    assert_eq!(read(&clone.join("README")), "widget\n");

    // A rerun finishes the job instead of failing on the existing key.
    let config_before = read(&ssh_dir.join("config"));
    let known_before = read(&ssh_dir.join("known_hosts"));
    let again = sshgen(&env, &args);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).starts_with("Existing access key for acme/widget"));
    assert_eq!(read(&ssh_dir.join("bitbucket-acme__widget.pub")), public);
    assert_eq!(read(&ssh_dir.join("config")), config_before);
    assert_eq!(read(&ssh_dir.join("known_hosts")), known_before);

    // JSON has everything.
    let json = sshgen(&env, &[&args[..], &["--json"]].concat());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["alias"], "bitbucket-acme__widget");
    assert_eq!(value["public_key"], public.trim_end());
    assert_eq!(
        value["clone_url"],
        format!("{user}@bitbucket-acme__widget:acme/widget.git")
    );
    assert_eq!(
        value["test_command"],
        format!("sshgen test {user}@bitbucket-acme__widget")
    );

    // A changed host key, then an unknown one, then nobody listening.
    let known = ssh_dir.join("known_hosts");
    std::fs::write(&known, format!("[127.0.0.1]:{port} {OTHER}\n")).unwrap();
    let (_, changed) = test(Some(1));
    assert!(
        changed.contains("differs from the one recorded in known_hosts"),
        "{changed}"
    );
    std::fs::write(&known, "").unwrap();
    let (_, unknown) = test(Some(1));
    assert!(
        unknown.contains("is not known: `sshgen known-hosts add HOST`"),
        "{unknown}"
    );
    drop(forge);
    let (_, nothing) = test(Some(1));
    assert!(
        nothing.starts_with(&format!("sshgen: error: cannot connect to {user}@bitbucket-acme__widget: connect to host 127.0.0.1 port {port}: Connection refused")),
        "{nothing}"
    );
}

#[test]
fn access_key_for_azure_devops_makes_an_rsa_key_and_refuses_others() {
    let env = Env::new();
    let refused = sshgen(
        &env,
        &[
            "access-key",
            "azure-devops",
            "org/project/repo",
            "-t",
            "ed25519",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("Azure DevOps accepts RSA keys only"));
    let wrong = sshgen(&env, &["access-key", "azure-devops", "org/repo"]);
    assert_eq!(wrong.status.code(), Some(2));
    let made = sshgen(
        &env,
        &[
            "access-key",
            "azure-devops",
            "org/project/repo",
            "--no-copy",
            "--json",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let value: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    assert!(
        value["public_key"]
            .as_str()
            .unwrap()
            .starts_with("ssh-rsa ")
    );
    assert_eq!(
        value["clone_url"],
        "git@azure-devops-org__project__repo:v3/org/project/repo"
    );
    assert_eq!(
        value["settings_url"],
        "https://dev.azure.com/org/_usersSettings/keys"
    );
    let known = read(&env.ssh_dir().join("known_hosts"));
    assert!(known.starts_with("ssh.dev.azure.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Hr1o"));
    let public = read(&env.ssh_dir().join("azure-devops-org__project__repo.pub"));
    let bits = sshgen(
        &env,
        &[
            "fingerprint",
            env.ssh_dir()
                .join("azure-devops-org__project__repo.pub")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(text(&bits.stdout).starts_with("3072 "), "{public}");
}

#[test]
fn generate_with_host_adds_an_alias_ssh_uses() {
    let Some(ssh) = require("ssh") else {
        return;
    };
    let env = Env::new();
    let made = sshgen(
        &env,
        &[
            "-f",
            "k",
            "--no-passphrase",
            "--host",
            "box",
            "--hostname",
            "box.example.com",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let config = env.ssh_dir().join("config");
    assert!(
        text(&made.stderr).ends_with(&format!(
            "Added Host box to {}: HostName box.example.com, IdentityFile {}.\n",
            config.display(),
            env.path("k").display()
        )),
        "{}",
        text(&made.stderr)
    );
    let resolved = output_of(
        Command::new(&ssh)
            .arg("-G")
            .arg("-F")
            .arg(&config)
            .arg("box"),
    );
    assert!(resolved.lines().any(|l| l == "hostname box.example.com"));
    assert!(
        resolved
            .lines()
            .any(|l| l == format!("identityfile {}", env.path("k").display()))
    );
    // A bad alias fails before any key is made.
    let bad = sshgen(
        &env,
        &[
            "-f",
            "k2",
            "--no-passphrase",
            "--host",
            "a*",
            "--hostname",
            "h",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(!env.path("k2").exists());
}

#[test]
fn a_host_key_is_for_a_self_hosted_server_only() {
    let env = Env::new();
    let out = sshgen(
        &env,
        &[
            "access-key",
            "github",
            "acme/widget",
            "--host-key",
            ED,
            "--no-copy",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: --host-key is for a self-hosted server: GitHub publishes its own; pass \
         --hostname with it\n"
    );
    assert!(!env.ssh_dir().join("github-acme__widget").exists());
}
