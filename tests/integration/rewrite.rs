//! The keys and helpers for the tests of the commands that rewrite and
//! convert existing keys (`passphrase.rs`, `comment.rs`, `export.rs`,
//! `import.rs`): keys made by ssh-keygen and by sshgen, and ssh-keygen run
//! without a terminal; and the tests that hold for all of those commands
//! at once (JSON, modes, refusals).

// The checks against ssh-keygen, and the helpers only they use, are Unix-only.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

#[cfg(unix)]
use crate::util::mode;
use crate::util::{Env, read, require, sshgen_bin, stderr_of, stdout_of};

/// One key type and size of the interop matrix.
pub(crate) struct Kind {
    /// Name of the golden fixture made by ssh-keygen (tests/fixtures/keys).
    pub(crate) fixture: &'static str,
    /// sshgen generate options for the same type and size.
    pub(crate) args: &'static [&'static str],
    /// ssh-keygen's label and size, as in `ssh-keygen -l`.
    pub(crate) label: &'static str,
    pub(crate) bits: u32,
}

pub(crate) const KINDS: &[Kind] = &[
    Kind {
        fixture: "ed25519",
        args: &["-t", "ed25519"],
        label: "ED25519",
        bits: 256,
    },
    Kind {
        fixture: "rsa2048",
        args: &["-t", "rsa", "-b", "2048"],
        label: "RSA",
        bits: 2048,
    },
    Kind {
        fixture: "rsa3072",
        args: &["-t", "rsa", "-b", "3072"],
        label: "RSA",
        bits: 3072,
    },
    Kind {
        fixture: "rsa4096",
        args: &["-t", "rsa", "-b", "4096"],
        label: "RSA",
        bits: 4096,
    },
    Kind {
        fixture: "ecdsa256",
        args: &["-t", "ecdsa", "-b", "256"],
        label: "ECDSA",
        bits: 256,
    },
    Kind {
        fixture: "ecdsa384",
        args: &["-t", "ecdsa", "-b", "384"],
        label: "ECDSA",
        bits: 384,
    },
    Kind {
        fixture: "ecdsa521",
        args: &["-t", "ecdsa", "-b", "521"],
        label: "ECDSA",
        bits: 521,
    },
];

/// Who made a key.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    SshKeygen,
    Sshgen,
}

pub(crate) const ORIGINS: [Origin; 2] = [Origin::SshKeygen, Origin::Sshgen];

/// Comment of the keys sshgen makes for these tests.
pub(crate) const SSHGEN_COMMENT: &str = "made-by@sshgen";

pub(crate) fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys")
}

/// Keys made by sshgen, once per test process: RSA 4096 is slow to generate
/// on a busy machine, and every test here only reads them (each works on a
/// copy). The folder is this process's own, so test runs of two targets at
/// once never write into each other's; sshgen runs in the harness's
/// scrubbed environment (no display, no SSH session).
pub(crate) fn sshgen_keys_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("keywrite-sshgen-keys-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("folder for sshgen-made keys");
        for kind in KINDS {
            let mut command = Command::new(sshgen_bin());
            crate::util::scrub(&mut command, &dir);
            let status = command
                .args(kind.args)
                .args(["-C", SSHGEN_COMMENT, "--no-passphrase", "-q", "-f"])
                .arg(dir.join(kind.fixture))
                .stdin(Stdio::null())
                .status()
                .expect("run sshgen generate");
            assert!(status.success(), "sshgen generate {:?}", kind.args);
        }
        dir
    })
}

/// Copies an unencrypted key pair of `kind` made by `origin` into the test's
/// folder (private key 0600, as ssh-keygen insists) and returns its path and comment.
pub(crate) fn key_copy(env: &Env, kind: &Kind, origin: Origin) -> (PathBuf, &'static str) {
    let (source, comment) = match origin {
        Origin::SshKeygen => (fixture_dir(), fixture_comment(kind)),
        Origin::Sshgen => (sshgen_keys_dir().to_path_buf(), SSHGEN_COMMENT),
    };
    let target = env.path(&format!("{origin:?}-{}", kind.fixture));
    fs::copy(source.join(kind.fixture), &target).expect("copy private key");
    fs::copy(
        source.join(format!("{}.pub", kind.fixture)),
        pub_path(&target),
    )
    .expect("copy public key");
    set_mode(&target, 0o600);
    set_mode(&pub_path(&target), 0o644);
    (target, comment)
}

pub(crate) fn fixture_comment(kind: &Kind) -> &'static str {
    match kind.fixture {
        "ed25519" => "alice@example.com",
        "rsa2048" => "rsa2048@example.com",
        "rsa3072" => "rsa3072@example.com",
        "rsa4096" => "rsa4096@example.com",
        "ecdsa256" => "ecdsa256@example.com",
        "ecdsa384" => "ecdsa384@example.com",
        _ => "ecdsa521@example.com",
    }
}

pub(crate) fn set_mode(path: &Path, bits: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(bits)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, bits);
}

pub(crate) fn pub_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// Runs ssh-keygen with no terminal, so it can never stop to ask.
pub(crate) fn keygen(ssh_keygen: &Path, args: &[&str], file: &Path) -> Output {
    Command::new(ssh_keygen)
        .args(args)
        .arg("-f")
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("run ssh-keygen")
}

pub(crate) fn keygen_ok(ssh_keygen: &Path, args: &[&str], file: &Path) -> String {
    let output = keygen(ssh_keygen, args, file);
    assert!(
        output.status.success(),
        "ssh-keygen {args:?} -f {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// `ssh-keygen -y -P PASS`: the public key line only the right passphrase gives.
pub(crate) fn keygen_opens(ssh_keygen: &Path, file: &Path, passphrase: &str) -> bool {
    let output = keygen(ssh_keygen, &["-y", "-P", passphrase], file);
    if output.status.success() {
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            read(&pub_path(file)),
            "ssh-keygen -y of {}",
            file.display()
        );
    }
    output.status.success()
}

/// The bcrypt rounds of an OpenSSH v1 private key file, read from its
/// header alone: ssh-key's whole-key parser refused one of the keys made
/// for these tests in a CI run (Encoding(Length)) that ssh-keygen and
/// sshgen read, and the rounds are all this needs.
pub(crate) fn kdf_rounds(file: &Path) -> Option<u32> {
    use base64ct::{Base64, Encoding};
    let text = read(file);
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let bytes = Base64::decode_vec(&body).unwrap();
    let mut rest = bytes.strip_prefix(b"openssh-key-v1\0").unwrap();
    let mut string = || {
        let (length, after) = rest.split_at(4);
        let length = u32::from_be_bytes(length.try_into().unwrap()) as usize;
        let (value, after) = after.split_at(length);
        rest = after;
        value.to_vec()
    };
    let _cipher = string();
    let kdf = string();
    let options = string();
    if kdf != b"bcrypt" {
        return None;
    }
    let salt_length = u32::from_be_bytes(options[..4].try_into().unwrap()) as usize;
    let rounds = &options[4 + salt_length..4 + salt_length + 4];
    Some(u32::from_be_bytes(rounds.try_into().unwrap()))
}

pub(crate) const SAVED: &str = "Your identification has been saved with the new passphrase.\n";

/// The account name ssh-keygen puts in its RFC4716 comment (it asks the
/// password database, sshgen reads USER).
pub(crate) fn account_name() -> String {
    let output = Command::new("id").arg("-un").output().expect("run id -un");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

pub(crate) const FORMATS: [&str; 3] = ["RFC4716", "PKCS8", "PEM"];

#[test]
fn json_describes_each_rewrite_and_conversion() {
    let env = Env::new();
    let (key, comment) = key_copy(&env, &KINDS[4], Origin::SshKeygen);

    let assert = env
        .sshgen()
        .arg("passphrase")
        .arg(&key)
        .args(["-N", "pw", "-a", "2", "--json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "private_key_path": key.to_string_lossy(),
            "comment": comment,
            "encrypted": true,
            "kdf": {"name": "bcrypt", "rounds": 2},
            "cipher": "aes256-ctr",
            "converted_from": null,
        })
    );

    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "json comment", "-P", "pw", "--json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "private_key_path": key.to_string_lossy(),
            "public_key_path": pub_path(&key).to_string_lossy(),
            "old_comment": comment,
            "comment": "json comment",
            "public_key": read(&pub_path(&key)).trim_end(),
            "converted_from": null,
        })
    );

    let assert = env
        .sshgen()
        .arg("export")
        .arg(&key)
        .args(["-m", "pkcs8", "--json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let text = value["text"].as_str().unwrap().to_owned();
    assert!(text.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{text}");
    assert_eq!(value["format"], "PKCS8");
    assert_eq!(value["type"], "ECDSA");
    assert_eq!(value["bits"], 256);

    let pkcs8 = env.path("key.pkcs8");
    fs::write(&pkcs8, &text).unwrap();
    let assert = env
        .sshgen()
        .arg("import")
        .arg(&pkcs8)
        .arg("--json")
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let public = read(&pub_path(&key));
    let fields: Vec<&str> = public.split(' ').collect();
    let expected_line = format!("{} {}", fields[0], fields[1]);
    let fingerprint = read(&fixture_dir().join("ecdsa256.l.txt"));
    assert_eq!(
        value,
        serde_json::json!({
            "path": pkcs8.to_string_lossy(),
            "format": "PKCS8",
            "type": "ECDSA",
            "bits": 256,
            "fingerprint": fingerprint.split(' ').nth(1).unwrap(),
            "public_key": expected_line,
        })
    );
}

#[test]
fn an_encrypted_key_without_terminal_or_option_fails_at_once() {
    let env = Env::new();
    let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
    env.sshgen()
        .arg("passphrase")
        .arg(&key)
        .args(["-N", "pw", "-a", "2"])
        .assert()
        .success();
    let before = fs::read(&key).unwrap();
    for command in ["passphrase", "comment"] {
        let mut cmd = env.sshgen();
        cmd.arg(command).arg(&key);
        if command == "passphrase" {
            cmd.arg("--no-passphrase");
        } else {
            cmd.args(["-C", "x"]);
        }
        // Each command names its own options: `passphrase` has a new one too.
        let prefix = if command == "passphrase" {
            "--old-passphrase"
        } else {
            "--passphrase"
        };
        let assert = cmd.assert().code(1);
        assert_eq!(
            stderr_of(&assert),
            format!(
                "sshgen: error: {} is encrypted and there is no terminal to ask for its \
                 passphrase; pass {prefix}-file PATH (or - for standard input), \
                 {prefix}-env VAR or -P TEXT\n",
                key.display()
            )
        );
    }
    // No new passphrase option and no terminal: refused before the key is read.
    let assert = env
        .sshgen()
        .arg("passphrase")
        .arg(&key)
        .args(["-P", "pw"])
        .assert()
        .code(1);
    assert!(stderr_of(&assert).contains("pass --no-passphrase"));
    // Both passphrases from standard input cannot work.
    let assert = env
        .sshgen()
        .arg("passphrase")
        .arg(&key)
        .args(["--old-passphrase-file", "-", "--passphrase-file", "-"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("standard input can hold only one passphrase"));
    assert_eq!(fs::read(&key).unwrap(), before);
}

#[test]
fn rewriting_a_file_that_is_no_private_key_changes_nothing() {
    let env = Env::new();
    let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
    let public = pub_path(&key);
    let before = fs::read(&public).unwrap();
    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&public)
        .args(["-C", "x"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: this is a public key, not a private key; pass the private \
             key file (without .pub); nothing changed\n",
            public.display()
        )
    );
    assert_eq!(fs::read(&public).unwrap(), before);
    assert!(!pub_path(&public).exists());
}

#[cfg(unix)]
#[test]
fn rewritten_files_get_0600_and_0644_whatever_they_had() {
    let env = Env::new();
    let (key, _) = key_copy(&env, &KINDS[0], Origin::Sshgen);
    set_mode(&key, 0o644);
    set_mode(&pub_path(&key), 0o600);
    env.sshgen()
        .arg("passphrase")
        .arg(&key)
        .args(["-N", "pw", "-a", "2"])
        .assert()
        .success();
    assert_eq!(mode(&key), 0o600);
    // passphrase leaves the .pub alone, as ssh-keygen -p does.
    assert_eq!(mode(&pub_path(&key)), 0o600);

    set_mode(&key, 0o640);
    env.sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "modes", "-P", "pw"])
        .assert()
        .success();
    assert_eq!(mode(&key), 0o600);
    assert_eq!(mode(&pub_path(&key)), 0o644);
}

/// Rewrites an unencrypted copy of `kind`'s ssh-keygen key in ssh-keygen's
/// `format` (`PEM` or `PKCS8`) with `passphrase` ('' for none). Returns the
/// path, or `None` where ssh-keygen keeps its own format (Ed25519).
pub(crate) fn keygen_format_copy(
    env: &Env,
    ssh_keygen: &Path,
    kind: &Kind,
    format: &str,
    passphrase: &str,
) -> Option<PathBuf> {
    let (key, _) = key_copy(env, kind, Origin::SshKeygen);
    keygen_ok(
        ssh_keygen,
        &["-p", "-P", "", "-N", passphrase, "-m", format],
        &key,
    );
    if read(&key).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----") {
        assert_eq!(kind.label, "ED25519", "{format}");
        return None;
    }
    Some(key)
}

/// What ssh-keygen's `-m` formats begin with, encrypted or not.
pub(crate) fn pem_header(kind: &Kind, format: &str, encrypted: bool) -> &'static str {
    match (format, kind.label, encrypted) {
        ("PEM", "RSA", _) => "-----BEGIN RSA PRIVATE KEY-----\n",
        ("PEM", _, _) => "-----BEGIN EC PRIVATE KEY-----\n",
        (_, _, false) => "-----BEGIN PRIVATE KEY-----\n",
        (_, _, true) => "-----BEGIN ENCRYPTED PRIVATE KEY-----\n",
    }
}

#[cfg(unix)]
#[test]
fn copy_of_a_pem_private_key_without_a_clipboard_prints_its_line() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for (kind, format) in [(&KINDS[1], "PEM"), (&KINDS[4], "PKCS8")] {
        let key = keygen_format_copy(&env, &ssh_keygen, kind, format, "").unwrap();
        let assert = env.sshgen().arg("copy").arg(&key).assert().success();
        // The key line with the comment of the .pub beside it.
        assert_eq!(stdout_of(&assert), read(&pub_path(&key)));
        assert!(
            stderr_of(&assert).contains("no X11 or Wayland display"),
            "{}",
            stderr_of(&assert)
        );
    }

    // An encrypted PEM key hides its public half: the .pub beside it gives
    // it, and without one the error says what to do.
    let key = keygen_format_copy(&env, &ssh_keygen, &KINDS[5], "PEM", "keygen pass").unwrap();
    let assert = env.sshgen().arg("copy").arg(&key).assert().success();
    assert_eq!(stdout_of(&assert), read(&pub_path(&key)));
    fs::remove_file(pub_path(&key)).unwrap();
    let assert = env.sshgen().arg("copy").arg(&key).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: the public key is encrypted with the private key in this \
             format; put its .pub beside it (sshgen public FILE --write makes one)\n",
            key.display()
        )
    );
}
