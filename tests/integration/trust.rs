//! What reaches ssh's files, the terminal and other accounts' files: each
//! reproducer of an attack or accident that once got through, refused with
//! one line or handled safely, and checked the way ssh itself reads the
//! result (`ssh -G`, the file's bytes, owners and modes).

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::util::{Env, output_of, read, require, stderr_of, text};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

fn run(env: &Env, args: &[&str]) -> Output {
    env.sshgen()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run sshgen")
}

/// A private key in the working folder (a copy of a fixture), 0600.
fn key(env: &Env, name: &str) -> PathBuf {
    let path = env.path(name);
    fs::copy(fixture("ed25519"), &path).unwrap();
    fs::copy(fixture("ed25519.pub"), env.path(&format!("{name}.pub"))).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// What `ssh -G` resolves `alias` to with `config`: keyword → values.
fn ssh_g(config: &Path, alias: &str) -> Vec<(String, String)> {
    let ssh = require("ssh").expect("ssh");
    let out = Command::new(ssh)
        .arg("-G")
        .arg("-F")
        .arg(config)
        .arg(alias)
        .output()
        .unwrap();
    assert!(out.status.success(), "ssh -G: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn values(resolved: &[(String, String)], keyword: &str) -> Vec<String> {
    resolved
        .iter()
        .filter(|(k, _)| k == keyword)
        .map(|(_, v)| v.clone())
        .collect()
}

fn config_file(env: &Env) -> PathBuf {
    env.ssh_dir().join("config")
}

// 1 and 8: values that would inject options, or that ssh would expand.

#[test]
fn config_values_that_would_inject_an_option_are_refused() {
    let Some(_) = require("ssh") else {
        return;
    };
    let env = Env::new();
    let k1 = key(&env, "k1");
    let k1 = k1.to_str().unwrap();
    let injected = "x\nProxyCommand=touch /tmp/PWNED";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "config",
                "add",
                "gh\nProxyCommand=touch${IFS}/tmp/PWNED",
                "--hostname",
                "github.com",
                "-i",
                k1,
            ],
            "sshgen: error: the alias \"gh\\nProxyCommand=touch${IFS}/tmp/PWNED\" holds the control character U+000A, which would change what ssh reads from the config\n",
        ),
        (
            vec!["config", "add", "gh", "--hostname", injected, "-i", k1],
            "sshgen: error: --hostname \"x\\nProxyCommand=touch /tmp/PWNED\" holds the control character U+000A, which would change what ssh reads from the config\n",
        ),
        (
            vec![
                "config",
                "add",
                "gh",
                "--hostname",
                "github.com",
                "--user",
                injected,
                "-i",
                k1,
            ],
            "sshgen: error: --user \"x\\nProxyCommand=touch /tmp/PWNED\" holds the control character U+000A, which would change what ssh reads from the config\n",
        ),
        (
            vec![
                "config",
                "add",
                "gh",
                "--hostname",
                "github.com",
                "--user",
                "git\"",
                "-i",
                k1,
            ],
            "sshgen: error: --user \"git\\\"\" holds '\"', which ssh would read as part of the config's syntax\n",
        ),
        (
            vec![
                "config",
                "add",
                "gh",
                "--hostname",
                "github.com ProxyCommand",
                "-i",
                k1,
            ],
            "sshgen: error: --hostname \"github.com ProxyCommand\" is not a host name or an IP address\n",
        ),
        (
            vec![
                "access-key",
                "github",
                "acme/widget",
                "--no-copy",
                "--hostname",
                "git.example.com\nProxyCommand touch /tmp/PWNED",
            ],
            "sshgen: error: --hostname \"git.example.com\\nProxyCommand touch /tmp/PWNED\" holds the control character U+000A, which would change what ssh reads from the config\n",
        ),
    ];
    for (args, expected) in cases {
        let out = run(&env, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), expected, "{args:?}");
        assert!(!config_file(&env).exists(), "{args:?} wrote the config");
    }
    // Nothing was made for the refused access key either.
    assert!(!env.ssh_dir().join("github-acme__widget").exists());

    // A key path with a newline is refused, one with %, ' and blanks is
    // written so that ssh opens exactly that file.
    let odd = env.path("100%z it's key");
    fs::copy(fixture("ed25519"), &odd).unwrap();
    let add = |alias: &str, path: &Path| {
        env.sshgen()
            .args(["config", "add", alias, "--hostname", "github.com", "-i"])
            .arg(path)
            .output()
            .unwrap()
    };
    let newline = env.path("a\nIdentityFile k");
    fs::copy(fixture("ed25519"), &newline).unwrap();
    let refused = add("nl", &newline);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).starts_with("sshgen: error: the key path "),
        "{}",
        text(&refused.stderr)
    );
    let dollar = env.path("${HOME}key");
    fs::copy(fixture("ed25519"), &dollar).unwrap();
    let refused = add("env", &dollar);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("which ssh replaces with an environment variable"));

    let added = add("odd", &odd);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let resolved = ssh_g(&config_file(&env), "odd");
    assert_eq!(values(&resolved, "hostname"), ["github.com"]);
    assert!(values(&resolved, "proxycommand").is_empty());
    // ssh -G shows IdentityFile before expansion; the file ssh opens is
    // in its log once it has connected.
    assert_eq!(
        identities_ssh_opens(&config_file(&env), "odd"),
        [odd.to_str().unwrap()]
    );
}

/// The identity files ssh loads for `alias` with `config`, from its log:
/// it connects to a listener here that closes at once.
fn identities_ssh_opens(config: &Path, alias: &str) -> Vec<String> {
    let ssh = require("ssh").expect("ssh");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let _ = listener.accept();
    });
    let out = Command::new(ssh)
        .arg("-vvv")
        .arg("-F")
        .arg(config)
        .args(["-o", "HostName=127.0.0.1", "-o", &format!("Port={port}")])
        .args(["-o", "BatchMode=yes", "-o", "ConnectTimeout=10"])
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .arg(alias)
        .arg("true")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    server.join().unwrap();
    text(&out.stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("debug1: identity file "))
        .filter_map(|l| l.rsplit_once(" type ").map(|(path, _)| path.to_owned()))
        .filter(|path| !path.ends_with("-cert"))
        .collect()
}

// 2: known_hosts takes host names, addresses and [host]:port only.

#[test]
fn known_hosts_add_takes_hosts_only_and_ca_lines_only_when_asked() {
    let env = Env::new();
    let key = read(&fixture("ed25519.pub"));
    let key: String = key.split(' ').take(2).collect::<Vec<_>>().join(" ");
    let file = env.path("known_hosts");
    for host in [
        "@cert-authority *",
        "*",
        "x\ny",
        "a b",
        "",
        "#c",
        "|1|abc|def",
        "h,i",
    ] {
        let out = run(
            &env,
            &[
                "known-hosts",
                "add",
                host,
                "--key",
                &key,
                "-f",
                "known_hosts",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(2),
            "{host:?}: {}",
            text(&out.stderr)
        );
        assert!(!file.exists(), "{host:?} was written");
    }
    let out = run(
        &env,
        &[
            "known-hosts",
            "add",
            "h",
            "-p",
            "0",
            "--key",
            &key,
            "-f",
            "known_hosts",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("0 is not in 1..=65535"),
        "{}",
        text(&out.stderr)
    );

    let out = run(
        &env,
        &[
            "known-hosts",
            "add",
            "*",
            "--cert-authority",
            "--key",
            &key,
            "-f",
            "known_hosts",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: \"*\" matches every host, so the CA would be trusted to vouch for any \
         server; name the hosts it signs for (such as *.example.com), or pass --all-hosts if \
         that is meant\n"
    );
    assert!(!file.exists());

    let out = run(
        &env,
        &[
            "known-hosts",
            "add",
            "*.example.com",
            "--cert-authority",
            "--key",
            &key,
            "-f",
            "known_hosts",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with(
            "Added a certificate authority for hosts matching *.example.com, ED25519 key SHA256:"
        ),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &env,
        &[
            "known-hosts",
            "add",
            "host.example.com",
            "-p",
            "2222",
            "--key",
            &key,
            "-f",
            "known_hosts",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        read(&file),
        format!("@cert-authority *.example.com {key}\n[host.example.com]:2222 {key}\n")
    );
}

// 3 and 4: doctor --fix as root for another account's home.

/// Whether this process is root; in CI it must be (the test needs to
/// hand files to other accounts).
fn root() -> bool {
    let is_root = rustix::process::geteuid().is_root();
    if !is_root {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root");
        eprintln!("skipping: not root");
    }
    is_root
}

fn chown(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
}

fn owner_and_mode(path: &Path) -> (u32, u32) {
    let meta = fs::symlink_metadata(path).unwrap();
    (meta.uid(), meta.mode() & 0o7777)
}

const USER: u32 = 4242;
const OTHER: u32 = 4343;

#[test]
fn doctor_fix_as_root_keeps_owners_and_follows_no_link() {
    if !root() {
        return;
    }
    let env = Env::new();
    let home = env.home();
    let ssh = env.ssh_dir();
    fs::create_dir(&ssh).unwrap();
    fs::set_permissions(&ssh, fs::Permissions::from_mode(0o755)).unwrap();
    let own = ssh.join("id_ed25519");
    fs::copy(fixture("ed25519"), &own).unwrap();
    fs::copy(fixture("ed25519.pub"), ssh.join("id_ed25519.pub")).unwrap();
    fs::set_permissions(&own, fs::Permissions::from_mode(0o644)).unwrap();
    // Another account's key in the folder, and a link to a key in another
    // account's folder.
    let foreign = ssh.join("foreign");
    fs::copy(fixture("ed25519"), &foreign).unwrap();
    fs::set_permissions(&foreign, fs::Permissions::from_mode(0o644)).unwrap();
    let elsewhere = env.path("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let victim = elsewhere.join("victim");
    fs::copy(fixture("ed25519"), &victim).unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&victim, ssh.join("linked")).unwrap();
    for path in [&home, &ssh, &own, &ssh.join("id_ed25519.pub")] {
        chown(path, USER);
    }
    for path in [&foreign, &elsewhere, &victim] {
        chown(path, OTHER);
    }

    let out = run(&env, &["doctor", "--fix"]);
    let stdout = text(&out.stdout);
    assert_eq!(owner_and_mode(&ssh), (USER, 0o700), "{stdout}");
    assert_eq!(owner_and_mode(&own), (USER, 0o600), "{stdout}");
    assert_eq!(owner_and_mode(&foreign), (OTHER, 0o644), "{stdout}");
    assert_eq!(owner_and_mode(&victim), (OTHER, 0o644), "{stdout}");
    assert!(
        fs::symlink_metadata(ssh.join("linked"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(read(&own), read(&fixture("ed25519")), "the key's bytes");
    assert!(
        stdout.contains(&format!(
            "{}: other users can open this private key (mode 644), and OpenSSH refuses it \
             (UNPROTECTED PRIVATE KEY FILE); --fix left it: it belongs to uid {OTHER}, not to \
             uid {USER}, who owns the home folder, and sshgen changes nothing another account \
             owns; fix: chmod 600 {}",
            foreign.display(),
            foreign.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "--fix left it: it is a symbolic link to {}, and sshgen does not change what a link \
             points to",
            victim.display()
        )),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "problems are left");
}

#[test]
fn doctor_fix_leaves_a_linked_ssh_folder_and_what_it_points_to() {
    let env = Env::new();
    let shared = env.path("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    symlink(&shared, env.ssh_dir()).unwrap();
    let out = run(&env, &["doctor", "--fix"]);
    assert_eq!(owner_and_mode(&shared).1, 0o1777, "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains(&format!(
            "--fix left it: it is a symbolic link to {}",
            shared.display()
        )),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn writes_as_root_under_another_accounts_home_stay_that_accounts() {
    if !root() {
        return;
    }
    let env = Env::new();
    chown(&env.home(), USER);
    let k = key(&env, "k");
    let out = run(
        &env,
        &[
            "config",
            "add",
            "gh",
            "--hostname",
            "github.com",
            "-i",
            k.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(owner_and_mode(&env.ssh_dir()), (USER, 0o700));
    assert_eq!(owner_and_mode(&config_file(&env)), (USER, 0o600));
    // Rewritten, it keeps its owner.
    let out = run(&env, &["config", "remove", "gh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(owner_and_mode(&config_file(&env)), (USER, 0o600));
}

// 5: a signature is never written through a link, nor over a file unasked.

#[test]
fn sign_replaces_a_link_at_its_name_only_when_told_and_never_follows_it() {
    let env = Env::new();
    let k = key(&env, "k");
    fs::write(env.path("doc"), "data").unwrap();
    fs::write(env.path("victim"), [0xff, 0xfe, b'\n']).unwrap();
    symlink(env.path("victim"), env.path("doc.sig")).unwrap();
    let out = run(&env, &["sign", "-f", k.to_str().unwrap(), "doc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("doc.sig already exists"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(env.path("doc.sig"))
            .unwrap()
            .is_symlink()
    );

    let out = run(&env, &["sign", "--force", "-f", k.to_str().unwrap(), "doc"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fs::read(env.path("victim")).unwrap(), [0xff, 0xfe, b'\n']);
    let sig = fs::symlink_metadata(env.path("doc.sig")).unwrap();
    assert!(sig.is_file());
    assert!(read(&env.path("doc.sig")).starts_with("-----BEGIN SSH SIGNATURE-----\n"));

    // As ssh-keygen, asking on stdout: "n" keeps the link.
    fs::remove_file(env.path("doc.sig")).unwrap();
    symlink(env.path("victim"), env.path("doc.sig")).unwrap();
    let keygen = |answer: &str| {
        let mut child = env
            .command()
            .args(["-Y", "sign", "-n", "file", "-f"])
            .arg(&k)
            .arg("doc")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answer.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = keygen("n\n");
    assert_eq!(
        text(&out.stdout),
        format!("{} already exists.\nOverwrite (y/n)? ", "doc.sig")
    );
    assert!(
        fs::symlink_metadata(env.path("doc.sig"))
            .unwrap()
            .is_symlink()
    );
    let out = keygen("y\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(fs::symlink_metadata(env.path("doc.sig")).unwrap().is_file());
    assert_eq!(fs::read(env.path("victim")).unwrap(), [0xff, 0xfe, b'\n']);
}

// 6: files that are not files, and files far larger than any real one.

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn fifos_and_devices_in_place_of_ssh_files_are_refused_at_once() {
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let config = config_file(&env);
    let known_hosts = env.ssh_dir().join("known_hosts");
    for make in [&(|p: &Path| mkfifo(p)) as &dyn Fn(&Path), &|p: &Path| {
        symlink("/dev/zero", p).unwrap()
    }] {
        make(&config);
        make(&known_hosts);
        for args in [
            &["config", "list"][..],
            &["access-key", "github", "acme/widget", "--no-copy"],
            &["known-hosts", "find", "github.com"],
            &["known-hosts", "add", "github"],
        ] {
            let out = run(&env, args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains(": not a regular file (a device, FIFO or socket); sshgen reads only regular files"),
                "{args:?}: {stderr}"
            );
        }
        fs::remove_file(&config).unwrap();
        fs::remove_file(&known_hosts).unwrap();
    }
}

/// Runs sshgen `args` in `env` under a 64 MiB address-space limit, which
/// any reader that held a 100 MB file would exceed.
#[cfg(target_os = "linux")]
fn in_64_mib(env: &Env, args: &[&str]) -> Output {
    let script = format!(
        "ulimit -v 65536; exec \"$0\" {}",
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    env.command_of("sh")
        .arg("-c")
        .arg(script)
        .arg(crate::util::sshgen_bin())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_100_mb_config_or_known_hosts_is_refused_or_streamed_in_64_mib() {
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let k = key(&env, "k");
    let mut big = String::with_capacity(100 << 20);
    let key_line: String = read(&fixture("ed25519.pub"))
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let mut i = 0;
    while big.len() < 100 << 20 {
        big.push_str(&format!("host{i}.example.com {key_line}\n"));
        i += 1;
    }
    fs::write(env.ssh_dir().join("known_hosts"), &big).unwrap();
    let config: String = big.lines().map(|l| format!("# {l}\n")).collect();
    fs::write(config_file(&env), &config).unwrap();
    drop((big, config));

    let limit = format!(
        "sshgen: error: {}: larger than 16 MiB\n",
        config_file(&env).display()
    );
    for args in [
        &["config", "list"][..],
        &[
            "config",
            "add",
            "gh",
            "--hostname",
            "github.com",
            "-i",
            k.to_str().unwrap(),
        ],
        &["config", "remove", "gh"],
    ] {
        let out = in_64_mib(&env, args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), limit, "{args:?}");
    }
    let out = in_64_mib(&env, &["known-hosts", "add", "github"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: {}: larger than 16 MiB\n",
            env.ssh_dir().join("known_hosts").display()
        )
    );
    // Finding streams the file, whatever its size.
    let out = in_64_mib(&env, &["known-hosts", "find", "host12345.example.com"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "# Host host12345.example.com found: line 12346 \nhost12345.example.com {key_line}\n"
        )
    );
}

// 7: an agent that trickles its answer.

#[test]
fn an_agent_that_trickles_its_answer_is_given_up_on() {
    let env = Env::new();
    let sock = env.path("agent.sock");
    let listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 5];
        stream.read_exact(&mut request).unwrap();
        // A valid length, then a byte every two seconds, at most 60 of them:
        // each read finds a byte well within any per-read limit.
        stream.write_all(&1000u32.to_be_bytes()).unwrap();
        for _ in 0..60 {
            std::thread::sleep(Duration::from_secs(2));
            if stream.write_all(&[12]).is_err() {
                return;
            }
        }
    });
    let out = env
        .sshgen()
        .env("SSH_AUTH_SOCK", &sock)
        .args(["agent", "list"])
        .timeout(Duration::from_secs(100))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: {} did not answer as an ssh-agent does (no answer in 10 seconds); \
             is SSH_AUTH_SOCK right?\n",
            sock.display()
        )
    );
    server.join().unwrap();
}

// 9: a block that would not take effect.

#[test]
fn a_new_block_goes_where_ssh_takes_it_or_is_refused() {
    let Some(_) = require("ssh") else {
        return;
    };
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let k = key(&env, "k");
    let before = "Host *.example.com\n    User early\n    HostName early.example.com\n";
    fs::write(config_file(&env), before).unwrap();
    let out = run(
        &env,
        &[
            "config",
            "add",
            "foo.example.com",
            "--hostname",
            "real.example.com",
            "--user",
            "git",
            "-i",
            k.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let resolved = ssh_g(&config_file(&env), "foo.example.com");
    assert_eq!(values(&resolved, "hostname"), ["real.example.com"]);
    assert_eq!(values(&resolved, "user"), ["git"]);
    let doctor = run(&env, &["doctor"]);
    assert!(
        !text(&doctor.stdout).contains("first, and ssh keeps"),
        "{}",
        text(&doctor.stdout)
    );

    // A value set before any Host line wins over every block: refused.
    fs::write(config_file(&env), "User everyone\nHost x\n  HostName x\n").unwrap();
    let out = run(
        &env,
        &[
            "config",
            "add",
            "gh",
            "--hostname",
            "github.com",
            "--user",
            "git",
            "-i",
            k.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: {}:1 sets user everyone for gh before any Host block, and ssh keeps \
             the first value it obtains, so Host gh would not get git; move that line into a \
             Host block, or below the new one\n",
            config_file(&env).display()
        )
    );
    // doctor says so of a block written by hand.
    fs::write(
        config_file(&env),
        "Host *.corp\n  User early\nHost git.corp\n  User git\n",
    )
    .unwrap();
    let doctor = run(&env, &["doctor"]);
    assert!(
        text(&doctor.stdout).contains(&format!(
            "{}: line 3: Host git.corp sets user git, but {}:2 sets it to early first, and ssh \
             keeps the first value it obtains",
            config_file(&env).display(),
            config_file(&env).display()
        )),
        "{}",
        text(&doctor.stdout)
    );
}

// 10: two repositories never share a key.

#[test]
fn repositories_whose_old_names_collide_get_keys_of_their_own() {
    let env = Env::new();
    let first = run(
        &env,
        &["access-key", "github", "a-b/c", "--no-copy", "--json"],
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let second = run(
        &env,
        &["access-key", "github", "a/b-c", "--no-copy", "--json"],
    );
    assert!(second.status.success(), "{}", text(&second.stderr));
    let field = |out: &Output, name: &str| -> String {
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value[name].as_str().unwrap().to_owned()
    };
    assert_eq!(field(&first, "alias"), "github-a-b__c");
    assert_eq!(field(&second, "alias"), "github-a__b-c");
    let first_key = read(&env.ssh_dir().join("github-a-b__c.pub"));
    // --force remakes the second's key, never the first's.
    let again = run(
        &env,
        &["access-key", "github", "a/b-c", "--no-copy", "--force"],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(read(&env.ssh_dir().join("github-a-b__c.pub")), first_key);
    // Pointed at the first's key by hand, --force refuses.
    let refused = run(
        &env,
        &[
            "access-key",
            "github",
            "a/b-c",
            "--no-copy",
            "--force",
            "-f",
            "~/.ssh/github-a-b__c",
            "--alias",
            "other",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stderr),
        format!(
            "sshgen: error: {} is the deploy key of a-b/c, not of a/b-c; pass --file and --alias \
             to make this one's beside it\n",
            env.ssh_dir().join("github-a-b__c").display()
        )
    );
    assert_eq!(read(&env.ssh_dir().join("github-a-b__c.pub")), first_key);

    // A key made under the old name for this repository is found again.
    let old = env.ssh_dir().join("gitlab-x-y-z");
    let made = run(
        &env,
        &[
            "-q",
            "--no-passphrase",
            "-C",
            "deploy key x-y/z on laptop",
            "-f",
            old.to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let found = run(
        &env,
        &["access-key", "gitlab", "x-y/z", "--no-copy", "--json"],
    );
    assert!(found.status.success(), "{}", text(&found.stderr));
    assert_eq!(field(&found, "alias"), "gitlab-x-y-z");
    let value: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(value["key_made"], false);
    // Another repository with that old name gets its own.
    let other = run(
        &env,
        &["access-key", "gitlab", "x/y-z", "--no-copy", "--json"],
    );
    assert_eq!(field(&other, "alias"), "gitlab-x__y-z");
}

// 11: work a file asks for, bounded.

#[test]
fn work_a_file_asks_for_is_bounded() {
    let env = Env::new();
    // A PuTTY key asking for 1 GiB of Argon2 memory and 64 passes.
    let ppk = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: c\n\
               Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9\n\
               GKJl\nKey-Derivation: Argon2id\nArgon2-Memory: 1048576\nArgon2-Passes: 64\n\
               Argon2-Parallelism: 1\nArgon2-Salt: 000102030405060708090a0b0c0d0e0f\n\
               Private-Lines: 1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\
               Private-MAC: 00\n";
    fs::write(env.path("k.ppk"), ppk).unwrap();
    let out = env
        .sshgen()
        .args(["public", "k.ppk", "--passphrase-env", "P"])
        .env("P", "x")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(
            "a PuTTY key that asks for Argon2 with 1048576 KiB, 64 passes and 1 lanes, more than \
             sshgen runs (at most 1048576 KiB, 64 lanes, 16777216 KiB × passes)"
        ),
        "{}",
        text(&out.stderr)
    );

    // A 200,000-bit moduli candidate: more than ssh-keygen reads.
    let mut line = String::from("20240101000000 2 6 100 199999 2 ");
    line.push('C');
    line.push_str(&"F".repeat(49_999));
    line.push('\n');
    fs::write(env.path("big.candidates"), line).unwrap();
    let out = env
        .sshgen()
        .args(["-M", "screen", "-f", "big.candidates", "out.moduli"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    // ssh-keygen's status for it (it stops with "BN_hex2bn failed").
    assert_eq!(out.status.code(), Some(255));
    assert!(
        text(&out.stderr).contains(
            "big.candidates: line 1 is longer than 8292 characters, the most ssh-keygen reads \
             (a modulus of about 32,000 bits)"
        ),
        "{}",
        text(&out.stderr)
    );
}

// 12: text from repositories, agents and certificates, escaped.

#[test]
fn text_from_files_agents_and_arguments_reaches_the_terminal_escaped() {
    let env = Env::new();
    let out = run(
        &env,
        &["access-key", "github", "acme/wid\u{1b}[2Jget", "--no-copy"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "sshgen: error: \"acme/wid\\u{1b}[2Jget\" is not a repository path; GitHub wants OWNER/REPO\n"
    );
    assert!(!env.ssh_dir().exists());

    // A certificate whose key ID and principal carry escapes and a line
    // break: escaped by `cert show`, as they are under ssh-keygen's -L.
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    key(&env, "ca");
    key(&env, "user");
    output_of(Command::new(&ssh_keygen).current_dir(env.root()).args([
        "-q",
        "-s",
        "ca",
        "-I",
        "id\u{1b}[31m\nfake",
        "-n",
        "a\u{1b}]0;t\u{7}",
        "user.pub",
    ]));
    let shown = env.run_ok(&["cert", "show", "user-cert.pub"]);
    let stdout = crate::util::stdout_of(&shown);
    assert!(
        stdout.contains("        Key ID: \"id\\033[31m\\012fake\"\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n                a\\033]0;t\\007\n"),
        "{stdout}"
    );
    let raw = env.run_ok(&["-L", "-f", "user-cert.pub"]);
    let expected = output_of(Command::new(&ssh_keygen).current_dir(env.root()).args([
        "-L",
        "-f",
        "user-cert.pub",
    ]));
    assert_eq!(crate::util::stdout_of(&raw), expected, "ssh-keygen's bytes");
    let _ = stderr_of(&raw);
}

#[test]
fn a_line_break_in_an_agent_keys_comment_fakes_no_line() {
    let (Some(agent), Some(ssh_keygen)) = (require("ssh-agent"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    let sock = env.path("agent.sock");
    let mut child = Command::new(agent)
        .args(["-D", "-a"])
        .arg(&sock)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if sock.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    output_of(Command::new(ssh_keygen).current_dir(env.root()).args([
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        "real\nED25519 fake line",
        "-f",
        "k",
    ]));
    let added = env
        .sshgen()
        .env("SSH_AUTH_SOCK", &sock)
        .args(["agent", "add", "k"])
        .output()
        .unwrap();
    let listed = env
        .sshgen()
        .env("SSH_AUTH_SOCK", &sock)
        .args(["agent", "list"])
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(
        text(&added.stderr),
        "Identity added: k (real\\012ED25519 fake line)\n"
    );
    let stdout = text(&listed.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.ends_with(" real\\012ED25519 fake line (ED25519)\n"),
        "{stdout}"
    );
}

// 13: smaller things.

#[test]
fn remove_takes_every_block_and_odd_files_are_named_for_what_they_are() {
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let config = config_file(&env);
    fs::write(
        &config,
        "Host a\n  User 1\nHost b\n  User 2\nHost a\n  User 3\n",
    )
    .unwrap();
    let out = run(&env, &["config", "remove", "a"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!("Removed Host a from {} (2 blocks).\n", config.display())
    );
    assert_eq!(read(&config), "Host b\n  User 2\n");

    // A file without a final line end gets its bytes back.
    let k = key(&env, "k");
    fs::write(&config, "Host b\n  User 2").unwrap();
    let add = run(
        &env,
        &[
            "config",
            "add",
            "c",
            "--hostname",
            "c.example",
            "-i",
            k.to_str().unwrap(),
        ],
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    let out = run(&env, &["config", "remove", "c"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(read(&config), "Host b\n  User 2");

    // A byte-order mark, which ssh cannot read.
    fs::write(&config, "\u{feff}Host b\n  User 2\n").unwrap();
    let out = run(
        &env,
        &[
            "config",
            "add",
            "c",
            "--hostname",
            "c.example",
            "-i",
            k.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: {} starts with a UTF-8 byte-order mark, which ssh cannot read (\"Bad \
             configuration option\"); save it without one\n",
            config.display()
        )
    );

    // A link to nowhere.
    fs::remove_file(&config).unwrap();
    symlink(env.path("dotfiles/ssh_config"), &config).unwrap();
    let out = run(&env, &["config", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "sshgen: error: {}: a symbolic link to {}, which does not exist; remove the link or \
             create its target\n",
            config.display(),
            env.path("dotfiles/ssh_config").display()
        )
    );
}

// Every value written into ssh's files, over a corpus of odd ones: refused,
// or read back by ssh and ssh-keygen as it was given.

#[test]
fn odd_values_are_refused_or_read_back_by_ssh_as_given() {
    let (Some(_), Some(ssh_keygen)) = (require("ssh"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    fs::create_dir(env.ssh_dir()).unwrap();
    let k = key(&env, "k");
    let k = k.to_str().unwrap();
    let users = [
        ("git", true),
        ("John Smith", true),
        ("o'brien", true),
        ("#hash", true),
        ("=eq", true),
        ("back\\slash", true),
        ("ünï", true),
        ("a\tb", false),
        ("x\"y", false),
        ("%u", false),
        ("${X}", false),
        ("a\nb", false),
        ("", false),
    ];
    for (i, (user, accepted)) in users.into_iter().enumerate() {
        let alias = format!("u{i}");
        let before = fs::read(config_file(&env)).unwrap_or_default();
        let out = run(
            &env,
            &[
                "config",
                "add",
                &alias,
                "--hostname",
                "h.example",
                "--user",
                user,
                "-i",
                k,
            ],
        );
        if !accepted {
            assert_eq!(out.status.code(), Some(2), "{user:?}");
            assert_eq!(fs::read(config_file(&env)).unwrap_or_default(), before);
            continue;
        }
        assert!(out.status.success(), "{user:?}: {}", text(&out.stderr));
        let resolved = ssh_g(&config_file(&env), &alias);
        assert_eq!(values(&resolved, "user"), [user], "{user:?}");
        assert_eq!(values(&resolved, "hostname"), ["h.example"], "{user:?}");
    }
    let hosts = [
        ("h.example", true),
        ("UPPER.example", true),
        ("a_b.example", true),
        ("192.0.2.1", true),
        ("::1", true),
        ("h h", false),
        ("h%h", false),
        ("-oProxyCommand=x", false),
        ("[::1]", false),
        ("*.example", false),
        ("h,i", false),
        ("h\n", false),
    ];
    let key_line: String = read(&fixture("ed25519.pub"))
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    for (i, (host, accepted)) in hosts.into_iter().enumerate() {
        let alias = format!("h{i}");
        let out = run(
            &env,
            &["config", "add", &alias, "--hostname", host, "-i", k],
        );
        let pinned = run(
            &env,
            &[
                "known-hosts",
                "add",
                host,
                "-p",
                "2222",
                "--key",
                &key_line,
                "-f",
                "known_hosts",
            ],
        );
        if !accepted {
            assert_eq!(out.status.code(), Some(2), "{host:?}");
            assert_eq!(pinned.status.code(), Some(2), "{host:?}");
            continue;
        }
        assert!(out.status.success(), "{host:?}: {}", text(&out.stderr));
        let resolved = ssh_g(&config_file(&env), &alias);
        assert_eq!(
            values(&resolved, "hostname"),
            [host.to_ascii_lowercase()],
            "{host:?}"
        );
        assert!(
            pinned.status.success(),
            "{host:?}: {}",
            text(&pinned.stderr)
        );
        let found = output_of(Command::new(&ssh_keygen).current_dir(env.root()).args([
            "-F",
            &format!("[{host}]:2222"),
            "-f",
            "known_hosts",
        ]));
        assert!(
            found.ends_with(&format!(
                "[{}]:2222 {key_line}\n",
                host.to_ascii_lowercase()
            )),
            "{host:?}: {found}"
        );
    }
}

// allowed_signers: the name sshgen writes is one principal, never a
// pattern that would trust the key as every signer.

#[test]
fn git_signing_writes_one_principal_never_a_pattern_or_a_list() {
    let Some(git) = require("git") else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["--no-passphrase", "-q", "-C", "ana@example.com"]);
    let repo = env.path("repo");
    output_of(Command::new(git).args(["init", "-q"]).arg(&repo));
    for (email, shown) in [
        ("*", "\"*\" cannot name a signer in allowed_signers ('*')"),
        (
            "ana@example.com,*",
            "\"ana@example.com,*\" cannot name a signer in allowed_signers (',')",
        ),
        (
            "a\nb@x",
            "\"a\\nb@x\" cannot name a signer in allowed_signers ('\\n')",
        ),
    ] {
        let out = env
            .sshgen()
            .args(["git-signing", "--email", email])
            .current_dir(&repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{email:?}");
        assert_eq!(
            text(&out.stderr),
            format!("sshgen: error: {shown}: one name, no blanks, quotes, commas or wildcards\n")
        );
        assert!(!env.ssh_dir().join("allowed_signers").exists());
    }
}
