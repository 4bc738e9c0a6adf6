//! `sshgen fingerprint`, checked against the real ssh-keygen: it prints what
//! `ssh-keygen -l [-v] [-E] [-B]` prints, for every key type and size, for
//! keys made by ssh-keygen (OpenSSH, PEM and PKCS#8 formats) and by sshgen,
//! with and without a passphrase, and for authorized_keys and known_hosts
//! files. The same key matrix checks that `sshgen public` prints what
//! `ssh-keygen -y` prints; its helpers serve `public.rs` and `list.rs` too.

// The comparisons with ssh-keygen run where ssh-keygen runs: on Unix. Under
// Wine (the Windows build's tests) only the tests of sshgen alone remain, and
// the comparison helpers sit unused there.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{Env, output_of, read, require, stderr_of, stdout_of};
pub(crate) const PASSPHRASE: &str = "secret phrase";

/// `(ssh-keygen -t, -b)` for every type and size of the matrix.
pub(crate) const KEY_TYPES: &[(&str, &str)] = &[
    ("ed25519", "256"),
    ("rsa", "2048"),
    ("rsa", "3072"),
    ("rsa", "4096"),
    ("ecdsa", "256"),
    ("ecdsa", "384"),
    ("ecdsa", "521"),
];

/// Who wrote a key file, and in which format.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Maker {
    SshKeygen,
    SshKeygenPem,
    SshKeygenPkcs8,
    Sshgen,
}

pub(crate) const MAKERS: [Maker; 4] = [
    Maker::SshKeygen,
    Maker::SshKeygenPem,
    Maker::SshKeygenPkcs8,
    Maker::Sshgen,
];

/// ssh-keygen's flags and sshgen's for the same fingerprint output.
pub(crate) const FINGERPRINT_FLAGS: &[(&[&str], &[&str])] = &[
    (&["-l"], &[]),
    (&["-lv"], &["-v"]),
    (&["-l", "-E", "md5"], &["-E", "md5"]),
    (&["-lv", "-E", "md5"], &["--randomart", "--hash", "md5"]),
    (&["-l", "-E", "sha512"], &["-E", "sha512"]),
    (&["-lv", "-E", "sha512"], &["-v", "-E", "sha512"]),
    (&["-B"], &["-B"]),
];

/// Makes a key pair at `path` and returns the private key's path.
pub(crate) fn make_key(
    env: &Env,
    ssh_keygen: &Path,
    maker: Maker,
    (key_type, bits): (&str, &str),
    passphrase: Option<&str>,
    path: &Path,
) {
    let comment = format!("{maker:?} {key_type}{bits} made this");
    let pass = passphrase.unwrap_or("");
    match maker {
        Maker::Sshgen => {
            let mut cmd = env.sshgen();
            cmd.args([
                "-t", key_type, "-b", bits, "-C", &comment, "-a", "2", "-q", "-f",
            ])
            .arg(path);
            match passphrase {
                Some(pass) => cmd.args(["-N", pass]),
                None => cmd.arg("--no-passphrase"),
            };
            cmd.assert().success();
        }
        _ => {
            let mut cmd = Command::new(ssh_keygen);
            cmd.args(["-q", "-t", key_type, "-b", bits, "-C", &comment, "-a", "2"])
                .args(["-N", pass, "-f"])
                .arg(path);
            match maker {
                Maker::SshKeygenPem => cmd.args(["-m", "PEM"]),
                Maker::SshKeygenPkcs8 => cmd.args(["-m", "PKCS8"]),
                _ => &mut cmd,
            };
            output_of(&mut cmd);
        }
    }
}

pub(crate) fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {command:?}: {e}"))
}

/// Compares `ssh-keygen ARGS -f FILE` with `sshgen fingerprint ARGS FILE` for
/// every flag set: same stdout, and both fail when ssh-keygen fails. Returns
/// how many comparisons were made.
pub(crate) fn compare_fingerprints(env: &Env, ssh_keygen: &Path, file: &Path) -> usize {
    for (keygen_flags, sshgen_flags) in FINGERPRINT_FLAGS {
        let theirs = run(Command::new(ssh_keygen)
            .args(*keygen_flags)
            .arg("-f")
            .arg(file));
        let mut ours = env.sshgen();
        ours.arg("fingerprint").args(*sshgen_flags).arg(file);
        let ours = ours.output().expect("run sshgen");
        let context = format!("{keygen_flags:?} {}", file.display());
        assert_eq!(
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&theirs.stdout),
            "{context}: {}",
            String::from_utf8_lossy(&ours.stderr)
        );
        assert_eq!(
            ours.status.success(),
            theirs.status.success(),
            "{context}: exit status differs; ssh-keygen said {}",
            String::from_utf8_lossy(&theirs.stderr)
        );
    }
    FINGERPRINT_FLAGS.len()
}

/// `sshgen public` against `ssh-keygen -y`, and `--write` gives the same
/// bytes in FILE.pub with mode 0644.
pub(crate) fn compare_public(
    env: &Env,
    ssh_keygen: &Path,
    file: &Path,
    passphrase: Option<&str>,
) -> usize {
    let mut theirs = Command::new(ssh_keygen);
    theirs.arg("-y").arg("-f").arg(file);
    if let Some(pass) = passphrase {
        theirs.args(["-P", pass]);
    }
    let expected = output_of(&mut theirs);

    let mut ours = env.sshgen();
    ours.arg("public").arg(file);
    if let Some(pass) = passphrase {
        ours.env("KEY_PASSPHRASE", pass)
            .args(["--passphrase-env", "KEY_PASSPHRASE"]);
    }
    let assert = ours.assert().success();
    assert_eq!(stdout_of(&assert), expected, "{}", file.display());

    let copy = PathBuf::from(format!("{}-written", file.display()));
    fs::copy(file, &copy).expect("copy key");
    let mut write = env.sshgen();
    write.arg("public").arg("--write").arg(&copy);
    if let Some(pass) = passphrase {
        write.args(["-P", pass]);
    }
    let assert = write.assert().success();
    assert_eq!(stdout_of(&assert), expected);
    let pub_path = PathBuf::from(format!("{}.pub", copy.display()));
    assert_eq!(read(&pub_path), expected);
    #[cfg(unix)]
    assert_eq!(crate::util::mode(&pub_path), 0o644);
    2
}

/// Every maker and passphrase for one key type: fingerprints of the private
/// key (with its .pub beside it, and alone) and of the .pub, and the public
/// key line. Returns the number of comparisons with ssh-keygen.
pub(crate) fn matrix_for(key_type: (&str, &str)) -> usize {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return 0;
    };
    let env = Env::new();
    let mut cases = 0;
    for maker in MAKERS {
        for passphrase in [None, Some(PASSPHRASE)] {
            let name = format!(
                "{maker:?}-{}{}-{}",
                key_type.0,
                key_type.1,
                if passphrase.is_some() { "enc" } else { "plain" }
            );
            let path = env.path(&name);
            make_key(&env, &ssh_keygen, maker, key_type, passphrase, &path);

            cases += compare_fingerprints(&env, &ssh_keygen, &path);
            cases += compare_fingerprints(&env, &ssh_keygen, &env.path(&format!("{name}.pub")));
            // Alone, without the .pub: the comment (or the failure, for
            // encrypted PEM) must still match ssh-keygen's.
            let alone = env.path(&format!("{name}-alone"));
            fs::copy(&path, &alone).expect("copy key");
            cases += compare_fingerprints(&env, &ssh_keygen, &alone);
            cases += compare_public(&env, &ssh_keygen, &path, passphrase);
        }
    }
    cases
}

/// 4 makers × 2 passphrases × (3 files × 7 flag sets + 2 public checks).
pub(crate) const CASES_PER_TYPE: usize = 4 * 2 * (3 * 7 + 2);

pub(crate) fn check_matrix(key_type: (&str, &str)) {
    let cases = matrix_for(key_type);
    if cases > 0 {
        assert_eq!(cases, CASES_PER_TYPE);
    }
}

#[cfg(unix)]
#[test]
fn ed25519_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[0]);
}

#[cfg(unix)]
#[test]
fn rsa2048_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[1]);
}

#[cfg(unix)]
#[test]
fn rsa3072_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[2]);
}

#[cfg(unix)]
#[test]
fn rsa4096_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[3]);
}

#[cfg(unix)]
#[test]
fn ecdsa256_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[4]);
}

#[cfg(unix)]
#[test]
fn ecdsa384_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[5]);
}

#[cfg(unix)]
#[test]
fn ecdsa521_keys_read_like_ssh_keygen() {
    check_matrix(KEY_TYPES[6]);
}

/// The public key lines of a few keys, made by ssh-keygen.
#[cfg(unix)]
pub(crate) fn pub_lines(env: &Env, ssh_keygen: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, key_type) in [("ed25519", "256"), ("rsa", "2048"), ("ecdsa", "384")]
        .into_iter()
        .enumerate()
    {
        let path = env.path(&format!("host{i}"));
        make_key(env, ssh_keygen, Maker::SshKeygen, key_type, None, &path);
        let line = read(&env.path(&format!("host{i}.pub")));
        // Type and key only; each file below adds its own comment.
        let mut fields = line.split(' ');
        lines.push(format!(
            "{} {}",
            fields.next().unwrap(),
            fields.next().unwrap()
        ));
    }
    lines
}

#[cfg(unix)]
#[test]
fn authorized_keys_and_known_hosts_read_like_ssh_keygen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let [ed, rsa, ec] = <[String; 3]>::try_from(pub_lines(&env, &ssh_keygen)).unwrap();

    let authorized = env.path("authorized_keys");
    fs::write(
        &authorized,
        format!(
            "# keys allowed to log in\n\
             \n\
             {ed} alice@laptop\n\
             from=\"10.0.0.0/8\",command=\"echo \\\"hello world\\\"\",no-pty {rsa} deploy key\n\
             no-agent-forwarding,no-X11-forwarding {ec}\n\
             \x20\t{ed}\tindented with a tab\n\
             restrict {rsa}   # trailing remark\n\
             not a key line at all\n\
             {ec} crlf comment\r\n"
        ),
    )
    .unwrap();

    let known_hosts = env.path("known_hosts");
    fs::write(
        &known_hosts,
        format!(
            "github.com,140.82.121.4 {ed}\n\
             [git.example.com]:2222 {rsa} old host\n\
             *.example.org,!bad.example.org {ec}\n\
             @cert-authority *.example.com {ed}\n\
             @revoked revoked.example.com {rsa}\n\
             # a comment\n\
             1024 35 1234567 an-ssh1-key\n"
        ),
    )
    .unwrap();
    // Hashed host names as ssh-keygen -H writes them.
    let hashed = env.path("known_hosts_hashed");
    fs::write(
        &hashed,
        format!(
            "github.com,140.82.121.4 {ed}\n# a comment\n[git.example.com]:2222 {rsa} old host\n"
        ),
    )
    .unwrap();
    output_of(Command::new(&ssh_keygen).arg("-H").arg("-f").arg(&hashed));
    assert!(
        read(&hashed).contains("|1|"),
        "ssh-keygen -H hashed nothing"
    );

    // A host certificate signed by a CA made for the purpose.
    let ca = env.path("ca");
    make_key(
        &env,
        &ssh_keygen,
        Maker::SshKeygen,
        ("ed25519", "256"),
        None,
        &ca,
    );
    output_of(
        Command::new(&ssh_keygen)
            .args(["-q", "-s"])
            .arg(&ca)
            .args(["-I", "host1", "-h", "-n", "host1.example.com"])
            .arg(env.path("host1.pub")),
    );
    let cert = env.path("host1-cert.pub");

    let mut cases = compare_fingerprints(&env, &ssh_keygen, &cert);
    // Key lines in each file: markers, SSH-1 keys and garbage are skipped;
    // ssh-keygen -H writes one hashed line a host name.
    for (file, keys) in [(&authorized, 6), (&known_hosts, 3), (&hashed, 3)] {
        cases += compare_fingerprints(&env, &ssh_keygen, file);
        let listed = stdout_of(&env.sshgen().arg("fingerprint").arg(file).assert().success());
        assert_eq!(listed.lines().count(), keys, "{listed}");
    }
    assert_eq!(cases, 4 * FINGERPRINT_FLAGS.len());

    // Standard input gives the same lines.
    let expected = output_of(
        Command::new(&ssh_keygen)
            .args(["-l", "-f", "-"])
            .stdin(fs::File::open(&known_hosts).unwrap()),
    );
    let assert = env
        .sshgen()
        .args(["fingerprint", "-"])
        .write_stdin(fs::read(&known_hosts).unwrap())
        .assert()
        .success();
    assert_eq!(stdout_of(&assert), expected);
}

#[cfg(unix)]
#[test]
fn fingerprint_json_lists_every_key_of_every_file() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let [ed, rsa, _] = <[String; 3]>::try_from(pub_lines(&env, &ssh_keygen)).unwrap();
    fs::write(env.path("a"), format!("{ed} one\nhost.example {rsa}\n")).unwrap();
    let assert = env
        .sshgen()
        .args(["fingerprint", "--json", "-B", "a", "host0.pub"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 3);
    let sha256 = |file: &str| {
        let line = output_of(
            Command::new(&ssh_keygen)
                .args(["-l", "-f", file])
                .current_dir(env.root()),
        );
        line.split(' ').nth(1).unwrap().to_owned()
    };
    let bubble = output_of(
        Command::new(&ssh_keygen)
            .args(["-B", "-f", "host0.pub"])
            .current_dir(env.root()),
    );
    assert_eq!(items[0]["path"], "a");
    assert_eq!(items[0]["line"], 1);
    assert_eq!(items[0]["comment"], "one");
    assert_eq!(items[0]["type"], "ED25519");
    assert_eq!(items[0]["bits"], 256);
    assert_eq!(items[0]["fingerprint"], sha256("host0.pub"));
    assert_eq!(items[1]["line"], 2);
    assert_eq!(items[1]["comment"], "host.example");
    assert_eq!(items[1]["type"], "RSA");
    assert_eq!(items[1]["bits"], 2048);
    assert_eq!(items[2]["path"], "host0.pub");
    assert_eq!(items[2]["bubblebabble"], bubble.split(' ').nth(1).unwrap());
}

/// An empty comment: ssh-keygen names the .pub file for a private key with
/// one beside it, prints an empty comment for a lone OpenSSH key and `no
/// comment` for a .pub line without one; -y prints no trailing blank.
#[cfg(unix)]
#[test]
fn empty_comments_read_like_ssh_keygen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let made_by_keygen = env.path("keygen");
    output_of(
        Command::new(&ssh_keygen)
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "", "-f"])
            .arg(&made_by_keygen),
    );
    env.run_ok(&["-f", "ours", "--no-passphrase", "-C", "", "-q"]);
    let mut cases = 0;
    for name in ["keygen", "ours"] {
        let path = env.path(name);
        let alone = env.path(&format!("{name}-alone"));
        fs::copy(&path, &alone).unwrap();
        for file in [path.clone(), env.path(&format!("{name}.pub")), alone] {
            cases += compare_fingerprints(&env, &ssh_keygen, &file);
        }
        cases += compare_public(&env, &ssh_keygen, &path, None);
    }
    assert_eq!(cases, 2 * (3 * 7 + 2));
    let shown = stdout_of(&env.run_ok(&["fingerprint", "ours-alone"]));
    assert!(shown.ends_with("  (ED25519)\n"), "{shown}");
}

/// ssh-keygen -l shows a private key it cannot read through its .pub; so do
/// we. Without the .pub both fail.
#[cfg(unix)]
#[test]
fn unreadable_private_key_is_shown_through_its_pub() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let path = env.path("damaged");
    make_key(
        &env,
        &ssh_keygen,
        Maker::SshKeygen,
        ("ed25519", "256"),
        None,
        &path,
    );
    let text = read(&path);
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "AAAA";
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    assert_eq!(compare_fingerprints(&env, &ssh_keygen, &path), 7);
    let listed = stdout_of(
        &env.sshgen()
            .arg("fingerprint")
            .arg(&path)
            .assert()
            .success(),
    );
    assert!(
        listed.ends_with(" SshKeygen ed25519256 made this (ED25519)\n"),
        "{listed}"
    );
    fs::remove_file(env.path("damaged.pub")).unwrap();
    assert_eq!(compare_fingerprints(&env, &ssh_keygen, &path), 7);
}

#[test]
fn fingerprint_of_a_file_without_keys_fails() {
    let env = Env::new();
    fs::write(env.path("notes"), "# nothing here\nhello\n").unwrap();
    let assert = env.sshgen().args(["fingerprint", "notes"]).assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: notes: not a key file: no private key and no public key line\n"
    );
    let assert = env
        .sshgen()
        .args(["fingerprint", "-"])
        .write_stdin("hello\n")
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: standard input: not a key file: no private key and no public key line\n"
    );
}

/// ssh-keygen reads only public keys from standard input; sshgen also takes
/// a private key there and shows its own public half and comment.
#[test]
fn fingerprint_reads_a_private_key_from_standard_input() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q", "-C", "piped"]);
    let from_file = stdout_of(&env.run_ok(&["fingerprint", "k.pub"]));
    let assert = env
        .sshgen()
        .args(["fingerprint", "-"])
        .write_stdin(fs::read(env.path("k")).unwrap())
        .assert()
        .success();
    assert_eq!(stdout_of(&assert), from_file);
    assert!(from_file.ends_with(" piped (ED25519)\n"), "{from_file}");
}
