//! Keys made by sshgen, checked by the real OpenSSH: ssh-keygen reads them and
//! prints the same fingerprints and art, sshd accepts them for a login, and
//! ssh-agent loads them with their passphrase.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Env, fingerprint_and_art, output_of, read, require, stdout_of};

/// The key types of the interop matrix: sshgen arguments and ssh-keygen's label.
const TYPES: &[(&[&str], &str)] = &[
    (&["-t", "ed25519"], "ED25519"),
    (&["-t", "rsa", "-b", "2048"], "RSA"),
    (&["-t", "rsa"], "RSA"),
    (&["-t", "ecdsa"], "ECDSA"),
    (&["-t", "ecdsa", "-b", "384"], "ECDSA"),
    (&["-t", "ecdsa", "-b", "521"], "ECDSA"),
];

fn bits_of<'a>(args: &[&'a str]) -> &'a str {
    match args {
        [.., "-b", bits] => bits,
        ["-t", "rsa"] => "3072",
        _ => "256",
    }
}

#[test]
fn ssh_keygen_reads_our_keys_and_prints_our_fingerprints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for (args, label) in TYPES {
        for passphrase in [None, Some("correct horse")] {
            for hash in ["sha256", "md5"] {
                let name = format!("k{}-{}-{hash}", args.join(""), passphrase.is_some());
                let mut cmd = env.sshgen();
                cmd.args(*args)
                    .args(["-f", &name, "-C", "interop@test", "-E", hash, "-a", "2"]);
                match passphrase {
                    Some(pass) => cmd.args(["-N", pass]),
                    None => cmd.arg("--no-passphrase"),
                };
                let stdout = stdout_of(&cmd.assert().success());
                let (fp_line, art) = fingerprint_and_art(&stdout);

                // ssh-keygen -y recovers exactly our .pub from the private key.
                let mut recover = Command::new(&ssh_keygen);
                recover.arg("-y").arg("-f").arg(env.path(&name));
                if let Some(pass) = passphrase {
                    recover.args(["-P", pass]);
                }
                assert_eq!(
                    output_of(&mut recover),
                    read(&env.path(&format!("{name}.pub"))),
                    "{name}"
                );

                // ssh-keygen -lv [-E md5] prints our fingerprint line and art.
                let listed = output_of(
                    Command::new(&ssh_keygen)
                        .args(["-lv", "-E", hash, "-f"])
                        .arg(env.path(&format!("{name}.pub"))),
                );
                let expected = format!("{} {fp_line} ({label})\n{art}", bits_of(args));
                assert_eq!(listed, expected, "{name}");
            }
        }
    }
}

#[test]
fn ssh_keygen_rejects_a_wrong_passphrase_for_our_key() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["-f", "k", "-N", "right", "-q"]);
    let output = Command::new(ssh_keygen)
        .args(["-y", "-P", "wrong", "-f"])
        .arg(env.path("k"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("incorrect passphrase"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn ssh_keygen_opens_our_encrypted_keys_at_every_padding_length_and_default_rounds() {
    // The encrypted private section is laid out by sshgen itself (with the
    // two bcrypt-pbkdf blocks derived in parallel): comments of 0 to 16 bytes
    // walk its padding through every length, and -a 16 / 24 are the rounds
    // people use (24 is the default, taken when -a is absent).
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for comment_len in 0..17 {
        let name = format!("k{comment_len}");
        let comment = "x".repeat(comment_len);
        let rounds: &[&str] = match comment_len {
            0 => &[],
            1 => &["-a", "16"],
            _ => &["-a", "1"],
        };
        let key_type: &[&str] = if comment_len == 2 {
            &["-t", "rsa", "-b", "2048"]
        } else {
            &["-t", "ed25519"]
        };
        env.run_ok(
            &[
                &["-f", &name, "-N", "pass phrase", "-q", "-C", &comment],
                rounds,
                key_type,
            ]
            .concat(),
        );
        let recovered = output_of(
            Command::new(&ssh_keygen)
                .args(["-y", "-P", "pass phrase", "-f"])
                .arg(env.path(&name)),
        );
        assert_eq!(recovered, read(&env.path(&format!("{name}.pub"))), "{name}");
    }
}

/// A process killed and reaped when the test ends, however it ends.
pub(crate) struct Guard(pub(crate) Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port on 127.0.0.1")
}

pub(crate) fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what} did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub(crate) fn current_user() -> String {
    output_of(Command::new("id").arg("-un")).trim().to_owned()
}

/// Starts sshd on 127.0.0.1 trusting `authorized_keys`; returns it and its port.
pub(crate) fn start_sshd(
    sshd: &Path,
    ssh_keygen: &Path,
    dir: &Path,
    authorized_keys: &Path,
) -> (Guard, u16) {
    start_sshd_with(sshd, ssh_keygen, dir, authorized_keys, "")
}

/// [`start_sshd`] with `extra` lines added to its configuration.
pub(crate) fn start_sshd_with(
    sshd: &Path,
    ssh_keygen: &Path,
    dir: &Path,
    authorized_keys: &Path,
    extra: &str,
) -> (Guard, u16) {
    let host_key = dir.join("host_key");
    // Made anew on a retry (ssh-keygen would ask before replacing it).
    let _ = std::fs::remove_file(&host_key);
    let _ = std::fs::remove_file(host_key.with_extension("pub"));
    output_of(
        Command::new(ssh_keygen)
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&host_key),
    );
    // sshd run as root insists on its privilege-separation folder.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\n\
             AuthorizedKeysFile {}\nPermitRootLogin prohibit-password\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n\
             StrictModes no\n{extra}",
            host_key.display(),
            dir.join("sshd.pid").display(),
            authorized_keys.display()
        ),
    )
    .unwrap();
    match launch(sshd, &config, port) {
        Some(guard) => (guard, port),
        None => start_sshd_with(sshd, ssh_keygen, dir, authorized_keys, extra),
    }
}

/// Starts sshd with `config` (which says `Port port`) and waits until it
/// listens; `None` when another program took the port first.
pub(crate) fn launch(sshd: &Path, config: &Path, port: u16) -> Option<Guard> {
    output_of(Command::new(sshd).arg("-t").arg("-f").arg(config));
    let mut child = Command::new(sshd)
        .args(["-D", "-e", "-f"])
        .arg(config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sshd");
    // sshd says on stderr when it listens, or why it cannot: a port that
    // another program took after free_port() let go of it is noticed
    // here (and tried again), never mistaken for our sshd.
    let stderr = child.stderr.take().expect("sshd stderr");
    let guard = Guard(child);
    let (lines_tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let listening = format!("Server listening on 127.0.0.1 port {port}.");
    loop {
        match lines.recv_timeout(Duration::from_secs(20)) {
            Ok(line) if line == listening => return Some(guard),
            Ok(line) if line.contains("Address already in use") || line.contains("Cannot bind") => {
                drop(guard);
                return None;
            }
            Ok(_) => {}
            Err(e) => panic!("sshd did not start listening on port {port}: {e}"),
        }
    }
}

#[test]
fn sshd_accepts_a_login_with_our_ed25519_and_rsa_keys() {
    let (Some(sshd), Some(ssh_keygen), Some(ssh)) = (
        require("/usr/sbin/sshd"),
        require("ssh-keygen"),
        require("ssh"),
    ) else {
        return;
    };
    let env = Env::new();
    env.run_ok(&["-t", "ed25519", "-f", "ed", "--no-passphrase", "-q"]);
    env.run_ok(&["-t", "rsa", "-f", "rsa", "--no-passphrase", "-q"]);
    env.run_ok(&["-t", "ecdsa", "-f", "unlisted", "--no-passphrase", "-q"]);
    let authorized = env.path("authorized_keys");
    std::fs::write(
        &authorized,
        read(&env.path("ed.pub")) + &read(&env.path("rsa.pub")),
    )
    .unwrap();
    let (_sshd, port) = start_sshd(&sshd, &ssh_keygen, env.root(), &authorized);

    let login = |key: &str| {
        Command::new(&ssh)
            .args(["-F", "/dev/null", "-p", &port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args(["-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"])
            .args(["-o", "LogLevel=ERROR", "-i"])
            .arg(env.path(key))
            .arg(format!("{}@127.0.0.1", current_user()))
            .arg("echo logged-in")
            .stdin(Stdio::null())
            .output()
            .expect("run ssh")
    };
    for key in ["ed", "rsa"] {
        let output = login(key);
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "logged-in\n",
            "login with {key}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The check can fail: a key that is not authorized is refused.
    assert!(!login("unlisted").status.success());
}

#[cfg(unix)]
#[test]
fn ssh_add_loads_our_encrypted_key_with_its_passphrase() {
    use std::os::unix::fs::PermissionsExt;
    let (Some(agent), Some(ssh_add)) = (require("ssh-agent"), require("ssh-add")) else {
        return;
    };
    let env = Env::new();
    let assert = env.run_ok(&["-f", "k", "-N", "agent pass", "-a", "8", "-C", "agent@test"]);
    let (fp_line, _) = fingerprint_and_art(&stdout_of(&assert));

    let socket: PathBuf = env.path("agent.sock");
    let _agent = Guard(
        Command::new(agent)
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ssh-agent"),
    );
    wait_until("ssh-agent", || socket.exists());
    let askpass = env.path("askpass.sh");
    std::fs::write(&askpass, "#!/bin/sh\necho 'agent pass'\n").unwrap();
    std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o755)).unwrap();

    // ssh-add asks again after a wrong answer, so it is only ever given the
    // right one; the listing below shows the key really arrived.
    let added = Command::new(&ssh_add)
        .arg(env.path("k"))
        .env("SSH_AUTH_SOCK", &socket)
        .env("SSH_ASKPASS", &askpass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .env("DISPLAY", "none")
        .stdin(Stdio::null())
        .output()
        .expect("run ssh-add");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let listed = output_of(
        Command::new(&ssh_add)
            .arg("-l")
            .env("SSH_AUTH_SOCK", &socket),
    );
    assert_eq!(listed, format!("256 {fp_line} (ED25519)\n"));
}
