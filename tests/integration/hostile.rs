//! Hostile and unlucky input: comments that would inject a key line or an
//! escape sequence, passphrase sources without end, key files that declare
//! absurd work, files that are not files, and known_hosts files too large
//! to hold in memory. Each case is one sshgen would once hang, crash or be
//! fooled by.

use std::fs;
use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding};

use crate::util::{Env, listing, read, require, stderr_of, stdout_of};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

/// `TYPE BASE64` of a fixture's `.pub`, without its comment.
fn bare_key(name: &str) -> String {
    let line = read(&fixture(&format!("{name}.pub")));
    line.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_comment_with_a_line_break_is_refused_and_nothing_is_written() {
    let env = Env::new();
    let injected = format!("x\n{} attacker", bare_key("ed25519"));
    let assert = env
        .sshgen()
        .args(["-q", "--no-passphrase", "-f", "k", "-C", &injected])
        .assert()
        .code(2);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: a comment must be one line: the .pub file holds the key on one line\n"
    );
    assert_eq!(listing(env.root()), ["home"]);

    env.run_ok(&["-q", "--no-passphrase", "-f", "k", "-C", "old"]);
    let before = read(&env.path("k.pub"));
    let assert = env
        .sshgen()
        .args(["comment", "k", "-C", "x\u{1b}]52;c;AAAA\u{7}"])
        .assert()
        .code(2);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: a comment must be printable text, and this one holds the control \
         character U+001B; drop it\n"
    );
    assert_eq!(read(&env.path("k.pub")), before);
}

/// A `.pub` whose comment carries an OSC 52 sequence, non-ASCII text, a
/// C1 control and a tab.
fn hostile_pub(env: &Env) -> PathBuf {
    let path = env.path("hostile.pub");
    let mut line = format!("{} ", bare_key("ed25519")).into_bytes();
    line.extend_from_slice("café \u{1b}]52;c;AAAA\u{7} tab\there \u{7f} \u{85} end\n".as_bytes());
    fs::write(&path, line).unwrap();
    path
}

#[test]
fn escape_sequences_in_comments_are_printed_as_ssh_keygen_prints_them() {
    let env = Env::new();
    let path = hostile_pub(&env);
    let expected_c = "256 FP caf\\303\\251 \
                      \\033]52;c;AAAA\\007 tab\there \\177 \\302\\205 end (ED25519)\n";
    let expected_utf8 = "256 FP café \
                         \\033]52;c;AAAA\\007 tab\there \\177 \\302\\205 end (ED25519)\n";
    // Windows consoles take UTF-8 whatever the variables say.
    let expected_default = if cfg!(windows) {
        expected_utf8
    } else {
        expected_c
    };
    for (lang, expected) in [(None, expected_default), (Some("C.UTF-8"), expected_utf8)] {
        let mut cmd = env.sshgen();
        cmd.env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .env_remove("LANG");
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        let assert = cmd.arg("fingerprint").arg(&path).assert().success();
        let expected = expected.replace("FP", &fingerprint_of("ed25519"));
        assert_eq!(stdout_of(&assert), expected, "{lang:?}");
        // ssh-keygen prints the same (it runs only on the Unix side of CI).
        if let Some(ssh_keygen) = cfg!(unix).then(|| require("ssh-keygen")).flatten() {
            let mut real = std::process::Command::new(ssh_keygen);
            real.env_remove("LC_ALL")
                .env_remove("LC_CTYPE")
                .env_remove("LANG");
            if let Some(lang) = lang {
                real.env("LANG", lang);
            }
            let out = real.arg("-lf").arg(&path).output().unwrap();
            assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{lang:?}");
        }
    }
    // JSON keeps the real text.
    let assert = env
        .sshgen()
        .args(["fingerprint", "--json"])
        .arg(&path)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        json[0]["comment"],
        "café \u{1b}]52;c;AAAA\u{7} tab\there \u{7f} \u{85} end"
    );
}

/// The SHA256 fingerprint of a fixture, from its golden `-l` output.
fn fingerprint_of(name: &str) -> String {
    read(&fixture(&format!("{name}.l.txt")))
        .split(' ')
        .nth(1)
        .unwrap()
        .to_owned()
}

#[test]
fn escape_sequences_in_comments_never_reach_the_terminal_through_list() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    // A lone .pub: list shows its comment.
    let mut line = format!("{} ", bare_key("ed25519")).into_bytes();
    line.extend_from_slice(b"x\x1b]52;c;AAAA\x07\n");
    fs::write(env.path("keys/k.pub"), line).unwrap();
    let assert = env
        .sshgen()
        .env_remove("LANG")
        .args(["list", "keys"])
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains(" x\\033]52;c;AAAA\\007\n"), "{stdout:?}");
}

#[test]
fn endless_or_odd_passphrase_sources_are_one_line_errors() {
    let env = Env::new();
    // ("nul" would be the NUL device on Windows.)
    fs::write(env.path("nulbyte"), b"pass\0word\n").unwrap();
    fs::write(env.path("long"), vec![b'p'; 5000]).unwrap();
    let too_long = "its first line is longer than 1023 bytes, the most OpenSSH's prompts take";
    let mut cases = vec![
        ("long", too_long),
        (
            "nulbyte",
            "it holds a NUL byte, which OpenSSH cannot take in a passphrase",
        ),
    ];
    if cfg!(unix) {
        cases.push(("/dev/zero", too_long));
    }
    for (file, problem) in cases {
        let assert = env
            .sshgen()
            .args(["-q", "-f", "k", "--passphrase-file", file])
            .assert()
            .code(1);
        assert_eq!(
            stderr_of(&assert),
            format!("sshgen: error: passphrase file {file}: {problem}\n"),
        );
        assert_eq!(listing(env.root()), ["home", "long", "nulbyte"]);
    }
}

/// The fixture `ed25519-encrypted` with its bcrypt-pbkdf rounds set to
/// `rounds` (the rounds are in clear, after the salt).
fn with_rounds(rounds: u32) -> String {
    let text = read(&fixture("ed25519-encrypted"));
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut blob = Base64::decode_vec(&body).unwrap();
    // "openssh-key-v1\0", string "aes256-ctr", string "bcrypt", then the
    // options: uint32 length, string salt (16 bytes), uint32 rounds.
    let at = 15 + 4 + 10 + 4 + 6 + 4 + 4 + 16;
    assert_eq!(&blob[at..at + 4], &4u32.to_be_bytes(), "fixture rounds");
    blob[at..at + 4].copy_from_slice(&rounds.to_be_bytes());
    let encoded = Base64::encode_string(&blob);
    let mut out = String::from("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for chunk in encoded.as_bytes().chunks(70) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push('\n');
    }
    out.push_str("-----END OPENSSH PRIVATE KEY-----\n");
    out
}

#[test]
fn a_key_declaring_billions_of_rounds_is_refused_not_run() {
    let env = Env::new();
    fs::write(env.path("k"), with_rounds(1 << 31)).unwrap();
    for args in [
        &["public", "k", "-P", "fixture pass"][..],
        &["comment", "k", "-C", "c", "-P", "fixture pass"],
        &["passphrase", "k", "-P", "fixture pass", "--no-passphrase"],
    ] {
        let assert = env.sshgen().args(args).assert().code(1);
        let stderr = stderr_of(&assert);
        assert!(
            stderr.starts_with(
                "sshgen: error: k: the key asks for 2147483648 bcrypt-pbkdf rounds, more than \
                 the 1000 sshgen runs (a damaged or hostile file?); if the key really was made \
                 with that many, set SSHGEN_MAX_KDF_ROUNDS=2147483648"
            ),
            "{args:?}: {stderr}"
        );
    }
    // The limit is what the variable says: the fixture's 4 rounds are
    // refused under a limit of 3 and run under one of 4.
    // A copy in the test's folder: under Wine the fixture's Unix path is
    // not one the Windows build can open.
    fs::copy(fixture("ed25519-encrypted"), env.path("four-rounds")).unwrap();
    let fixture_key = env.path("four-rounds");
    let assert = env
        .sshgen()
        .env("SSHGEN_MAX_KDF_ROUNDS", "3")
        .args(["public", "-P", "fixture pass"])
        .arg(&fixture_key)
        .assert()
        .code(1);
    assert!(
        stderr_of(&assert).contains("asks for 4 bcrypt-pbkdf rounds, more than the 3"),
        "{}",
        stderr_of(&assert)
    );
    env.sshgen()
        .env("SSHGEN_MAX_KDF_ROUNDS", "4")
        .args(["public", "-P", "fixture pass"])
        .arg(&fixture_key)
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_not_read_as_key_files() {
    let env = Env::new();
    let fifo = env.path("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::create_dir(env.path("folder")).unwrap();
    for (file, what) in [
        ("/dev/zero", "not a regular file (a device, FIFO or socket)"),
        ("fifo", "not a regular file (a device, FIFO or socket)"),
        ("folder", "a folder"),
    ] {
        for command in ["fingerprint", "public", "copy"] {
            let assert = env.sshgen().args([command, file]).assert().code(1);
            assert_eq!(
                stderr_of(&assert),
                format!("sshgen: error: {file}: {what}; sshgen reads only regular files\n"),
                "{command} {file}"
            );
        }
    }
    // A FIFO where the .pub beside a key would be is passed over.
    fs::copy(fixture("ed25519"), env.path("k")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(env.path("k.pub"))
            .status()
            .unwrap()
            .success()
    );
    let assert = env.sshgen().args(["fingerprint", "k"]).assert().success();
    assert_eq!(stdout_of(&assert), read(&fixture("ed25519.l.txt")));
}

#[test]
fn a_key_file_larger_than_any_key_is_refused() {
    let env = Env::new();
    let mut big = b"-----BEGIN OPENSSH PRIVATE KEY-----\n".to_vec();
    big.resize(3 << 20, b'A');
    fs::write(env.path("big"), big).unwrap();
    let assert = env.sshgen().args(["public", "big"]).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: big: larger than 1 MiB, which no key file is\n"
    );
}

/// `ssh-rsa` with exponent 65537 and a modulus of `bits` bits.
fn rsa_pub_line(bits: usize) -> String {
    let mut blob = Vec::new();
    let mut string = |bytes: &[u8]| {
        blob.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_be_bytes());
        blob.extend_from_slice(bytes);
    };
    string(b"ssh-rsa");
    string(&[1, 0, 1]);
    let mut modulus = vec![0u8; 1 + bits / 8];
    modulus[1] = 0xc5;
    *modulus.last_mut().unwrap() = 1;
    string(&modulus);
    format!("ssh-rsa {} big\n", Base64::encode_string(&blob))
}

#[test]
fn rsa_moduli_above_16384_bits_are_not_keys() {
    let env = Env::new();
    fs::write(env.path("huge.pub"), rsa_pub_line(100_000)).unwrap();
    for command in ["fingerprint", "export"] {
        let assert = env.sshgen().args([command, "huge.pub"]).assert().code(1);
        assert_eq!(
            stderr_of(&assert),
            "sshgen: error: huge.pub: not a key file: no private key and no public key line\n",
            "{command}"
        );
    }
    // The largest size OpenSSH takes is still a key.
    fs::write(env.path("max.pub"), rsa_pub_line(16_384)).unwrap();
    let assert = env
        .sshgen()
        .args(["fingerprint", "max.pub"])
        .assert()
        .success();
    assert!(stdout_of(&assert).starts_with("16384 SHA256:"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_known_hosts_is_streamed_not_held_in_memory() {
    let env = Env::new();
    let key = bare_key("ed25519");
    let lines = 200_000;
    let mut text = String::with_capacity(lines * 110);
    for i in 0..lines {
        text.push_str(&format!("host{i}.example.com {key}\n"));
    }
    fs::write(env.path("known_hosts"), text).unwrap();
    // A 64 MiB address-space limit: far above what streaming needs, far
    // below what holding 200,000 keys (about 136 MB, more as JSON) takes.
    for json in [false, true] {
        let script = format!(
            "ulimit -v 65536; exec \"$0\" fingerprint {} known_hosts | wc -l",
            if json { "--json" } else { "" }
        );
        let out = env
            .command_of("sh")
            .arg("-c")
            .arg(&script)
            .arg(crate::util::sshgen_bin())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "json {json}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let count = if json { "1" } else { "200000" };
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), count);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "json {json}");
    }
}
