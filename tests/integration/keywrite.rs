//! Rewriting and converting existing keys, checked against the real ssh-keygen:
//! `passphrase` (ssh-keygen -p), `comment` (-c), `export` (-e [-m]) and
//! `import` (-i [-m]), on keys made by ssh-keygen and keys made by sshgen.

// The checks against ssh-keygen, and the helpers only they use, are Unix-only.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use ssh_key::{Kdf, PrivateKey};

use crate::util::{Env, listing, read, require, sshgen_bin, stderr_of, stdout_of};

#[cfg(unix)]
use crate::util::mode;

/// One key type and size of the interop matrix.
struct Kind {
    /// Name of the golden fixture made by ssh-keygen (tests/fixtures/keys).
    fixture: &'static str,
    /// sshgen generate options for the same type and size.
    args: &'static [&'static str],
    /// ssh-keygen's label and size, as in `ssh-keygen -l`.
    label: &'static str,
    bits: u32,
}

const KINDS: &[Kind] = &[
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
enum Origin {
    SshKeygen,
    Sshgen,
}

const ORIGINS: [Origin; 2] = [Origin::SshKeygen, Origin::Sshgen];

/// Comment of the keys sshgen makes for these tests.
const SSHGEN_COMMENT: &str = "made-by@sshgen";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys")
}

/// Keys made by sshgen, once per test process: RSA 4096 is slow to generate
/// on a busy machine, and every test here only reads them (each works on a
/// copy). The folder is this process's own, so test runs of two targets at
/// once never write into each other's; sshgen runs in the harness's
/// scrubbed environment (no display, no SSH session).
fn sshgen_keys_dir() -> &'static Path {
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
fn key_copy(env: &Env, kind: &Kind, origin: Origin) -> (PathBuf, &'static str) {
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

fn fixture_comment(kind: &Kind) -> &'static str {
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

fn set_mode(path: &Path, bits: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(bits)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, bits);
}

fn pub_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// Runs ssh-keygen with no terminal, so it can never stop to ask.
fn keygen(ssh_keygen: &Path, args: &[&str], file: &Path) -> Output {
    Command::new(ssh_keygen)
        .args(args)
        .arg("-f")
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("run ssh-keygen")
}

fn keygen_ok(ssh_keygen: &Path, args: &[&str], file: &Path) -> String {
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
fn keygen_opens(ssh_keygen: &Path, file: &Path, passphrase: &str) -> bool {
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

fn kdf_rounds(file: &Path) -> Option<u32> {
    match PrivateKey::from_openssh(read(file)).unwrap().kdf() {
        Kdf::Bcrypt { rounds, .. } => Some(*rounds),
        _ => None,
    }
}

const SAVED: &str = "Your identification has been saved with the new passphrase.\n";

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn passphrases_set_changed_and_removed_by_sshgen_work_in_ssh_keygen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, comment) = key_copy(&env, kind, origin);
            let public_before = fs::read(pub_path(&key)).unwrap();
            let expected_stdout = format!("Key has comment '{comment}'\n{SAVED}");

            // Add: an unencrypted key gets a passphrase from the environment.
            let add = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["--passphrase-env", "NEW_PASS", "-a", "3"])
                .env("NEW_PASS", "first pass")
                .assert()
                .success();
            assert_eq!(stdout_of(&add), expected_stdout, "{key:?}");
            assert!(keygen_opens(&ssh_keygen, &key, "first pass"), "{key:?}");
            assert!(!keygen_opens(&ssh_keygen, &key, ""), "{key:?}");
            assert_eq!(kdf_rounds(&key), Some(3));
            cases += 1;

            // Change: old from -P, new from a file.
            let new_file = env.path("new-pass.txt");
            fs::write(&new_file, "second pass\n").unwrap();
            let change = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["-P", "first pass", "--passphrase-file"])
                .arg(&new_file)
                .args(["-a", "2"])
                .assert()
                .success();
            assert_eq!(stdout_of(&change), expected_stdout);
            assert!(keygen_opens(&ssh_keygen, &key, "second pass"), "{key:?}");
            assert!(!keygen_opens(&ssh_keygen, &key, "first pass"), "{key:?}");
            assert_eq!(kdf_rounds(&key), Some(2));
            cases += 1;

            // Remove: old from standard input.
            let remove = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["--old-passphrase-file", "-", "--no-passphrase"])
                .write_stdin("second pass\n")
                .assert()
                .success();
            assert_eq!(stdout_of(&remove), expected_stdout);
            assert!(keygen_opens(&ssh_keygen, &key, ""), "{key:?}");
            assert_eq!(kdf_rounds(&key), None);
            cases += 1;

            #[cfg(unix)]
            {
                assert_eq!(mode(&key), 0o600, "{key:?}");
                assert_eq!(mode(&pub_path(&key)), 0o644, "{key:?}");
            }
            assert_eq!(fs::read(pub_path(&key)).unwrap(), public_before);
        }
    }
    assert_eq!(cases, 42);
    // No temporary or backup files are left beside the keys.
    assert!(
        listing(env.root())
            .iter()
            .all(|name| !name.starts_with('.')),
        "{:?}",
        listing(env.root())
    );
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn passphrases_set_by_ssh_keygen_open_in_sshgen() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, comment) = key_copy(&env, kind, origin);
            keygen_ok(
                &ssh_keygen,
                &["-p", "-P", "", "-N", "keygen pass", "-a", "4"],
                &key,
            );

            let changed = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args([
                    "--old-passphrase-env",
                    "OLD",
                    "-N",
                    "sshgen pass",
                    "-a",
                    "2",
                ])
                .env("OLD", "keygen pass")
                .assert()
                .success();
            assert_eq!(
                stdout_of(&changed),
                format!("Key has comment '{comment}'\n{SAVED}")
            );
            assert!(keygen_opens(&ssh_keygen, &key, "sshgen pass"), "{key:?}");
            #[cfg(unix)]
            assert_eq!(mode(&key), 0o600);
        }
    }
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn a_wrong_passphrase_says_so_and_changes_nothing() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            keygen_ok(
                &ssh_keygen,
                &["-p", "-P", "", "-N", "right", "-a", "2"],
                &key,
            );
            let private_before = fs::read(&key).unwrap();
            let public_before = fs::read(pub_path(&key)).unwrap();
            let files_before = listing(env.root());
            let expected = format!(
                "sshgen: error: incorrect passphrase for {}\n",
                key.display()
            );

            let passphrase = env
                .sshgen()
                .arg("passphrase")
                .arg(&key)
                .args(["-P", "wrong", "-N", "new"])
                .assert()
                .code(1);
            assert_eq!(stderr_of(&passphrase), expected);
            assert_eq!(stdout_of(&passphrase), "");

            let comment = env
                .sshgen()
                .arg("comment")
                .arg(&key)
                .args(["-C", "new comment", "-P", "wrong"])
                .assert()
                .code(1);
            assert_eq!(stderr_of(&comment), expected);

            assert_eq!(fs::read(&key).unwrap(), private_before, "{key:?}");
            assert_eq!(fs::read(pub_path(&key)).unwrap(), public_before);
            assert_eq!(listing(env.root()), files_before);
            assert!(keygen_opens(&ssh_keygen, &key, "right"));
        }
    }
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn comment_changes_show_in_ssh_keygen_and_keep_the_passphrase() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    for kind in KINDS {
        for (origin, encrypted) in [
            (Origin::SshKeygen, false),
            (Origin::SshKeygen, true),
            (Origin::Sshgen, false),
            (Origin::Sshgen, true),
        ] {
            let (key, comment) = key_copy(&env, kind, origin);
            let mut cmd = env.sshgen();
            cmd.arg("comment").arg(&key).args(["-C", "relabelled key"]);
            if encrypted {
                keygen_ok(&ssh_keygen, &["-p", "-P", "", "-N", "pw", "-a", "5"], &key);
                cmd.args(["-P", "pw"]);
            }
            let assert = cmd.assert().success();
            assert_eq!(
                stdout_of(&assert),
                format!("Old comment: {comment}\nComment 'relabelled key' applied\n")
            );

            // ssh-keygen -l shows the new comment for both files.
            let fingerprint = keygen_ok(&ssh_keygen, &["-l"], &pub_path(&key));
            let fields: Vec<&str> = fingerprint.trim_end().splitn(2, ' ').collect();
            assert_eq!(fields[0], kind.bits.to_string());
            assert!(
                fingerprint.ends_with(&format!(" relabelled key ({})\n", kind.label)),
                "{fingerprint}"
            );
            let private_fingerprint = keygen_ok(&ssh_keygen, &["-l"], &key);
            assert_eq!(private_fingerprint, fingerprint);

            // The private key holds the comment too, behind the same passphrase
            // and the same bcrypt rounds.
            let pass = if encrypted { "pw" } else { "" };
            assert!(keygen_opens(&ssh_keygen, &key, pass), "{key:?}");
            assert!(read(&pub_path(&key)).ends_with(" relabelled key\n"));
            assert_eq!(kdf_rounds(&key), encrypted.then_some(5));
            #[cfg(unix)]
            {
                assert_eq!(mode(&key), 0o600);
                assert_eq!(mode(&pub_path(&key)), 0o644);
            }
        }
    }
}

/// The account name ssh-keygen puts in its RFC4716 comment (it asks the
/// password database, sshgen reads USER).
fn account_name() -> String {
    let output = Command::new("id").arg("-un").output().expect("run id -un");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

const FORMATS: [&str; 3] = ["RFC4716", "PKCS8", "PEM"];

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn export_prints_the_bytes_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let user = account_name();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            for format in FORMATS {
                let expected = keygen(&ssh_keygen, &["-e", "-m", format], &pub_path(&key));
                for input in [pub_path(&key), key.clone()] {
                    let ours = env
                        .sshgen()
                        .arg("export")
                        .arg(&input)
                        .args(["--format", &format.to_ascii_lowercase()])
                        .env("USER", &user)
                        .output()
                        .unwrap();
                    if expected.status.success() {
                        assert!(ours.status.success(), "{input:?} {format}");
                        assert_eq!(
                            String::from_utf8(ours.stdout).unwrap(),
                            String::from_utf8(expected.stdout.clone()).unwrap(),
                            "{input:?} {format}"
                        );
                    } else {
                        // ssh-keygen refuses Ed25519 as PKCS8 and PEM; so do we.
                        assert_eq!(kind.label, "ED25519");
                        assert_eq!(ours.status.code(), Some(1));
                        assert_eq!(ours.stdout, b"");
                        assert_eq!(
                            String::from_utf8(ours.stderr).unwrap(),
                            format!(
                                "sshgen: error: ED25519 keys cannot be converted to {format}; \
                                 use --format rfc4716, which holds every key type\n"
                            )
                        );
                    }
                    cases += 1;
                }
            }
        }
    }
    assert_eq!(cases, 84);
}

#[test]
fn export_without_format_is_rfc4716_with_ssh_keygens_comment() {
    let env = Env::new();
    let kind = &KINDS[1];
    let (key, _) = key_copy(&env, kind, Origin::SshKeygen);
    let assert = env.sshgen().arg("export").arg(pub_path(&key)).assert();
    let text = stdout_of(&assert.success());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "---- BEGIN SSH2 PUBLIC KEY ----");
    assert_eq!(
        lines[1],
        format!(
            "Comment: \"2048-bit RSA, converted by tester@{} from OpenSSH\"",
            crate::util::host_name()
        )
    );
    assert_eq!(*lines.last().unwrap(), "---- END SSH2 PUBLIC KEY ----");
    assert!(lines[2..lines.len() - 2].iter().all(|l| l.len() == 70));
    assert!(lines[lines.len() - 2].len() <= 70);
}

// No ssh-keygen on Windows: checked against OpenSSH on Unix only.
#[cfg(unix)]
#[test]
fn import_prints_the_line_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for origin in ORIGINS {
            let (key, _) = key_copy(&env, kind, origin);
            for format in FORMATS {
                let exported = keygen(&ssh_keygen, &["-e", "-m", format], &pub_path(&key));
                if !exported.status.success() {
                    continue;
                }
                let converted = env.path(&format!("{}.{format}", key.display()));
                fs::write(&converted, &exported.stdout).unwrap();
                // ssh-keygen -m PEM writes ECDSA as a PKCS8 block, which only
                // its -m PKCS8 reads back; sshgen reads it with either.
                let read_as = if kind.label == "ECDSA" && format == "PEM" {
                    "PKCS8"
                } else {
                    format
                };
                let expected = keygen_ok(&ssh_keygen, &["-i", "-m", read_as], &converted);
                // The key alone, as in the .pub but without its comment.
                let public = read(&pub_path(&key));
                let without_comment = public.rsplit_once(' ').unwrap().0;
                assert_eq!(expected, format!("{without_comment}\n"));

                for args in [
                    vec![],
                    vec!["--format".to_owned(), format.to_ascii_lowercase()],
                ] {
                    let ours = env
                        .sshgen()
                        .arg("import")
                        .arg(&converted)
                        .args(&args)
                        .assert()
                        .success();
                    assert_eq!(stdout_of(&ours), expected, "{converted:?} {args:?}");
                }
                let from_stdin = env
                    .sshgen()
                    .args(["import", "-"])
                    .write_stdin(exported.stdout.clone())
                    .assert()
                    .success();
                assert_eq!(stdout_of(&from_stdin), expected);
                cases += 1;
            }
        }
    }
    // 7 kinds × 2 origins × 3 formats, less Ed25519 in PKCS8 and PEM.
    assert_eq!(cases, 38);
}

#[test]
fn import_reads_rfc4716_headers_with_continuation_lines() {
    let env = Env::new();
    let public = read(&fixture_dir().join("ed25519.pub"));
    let base64 = public.split(' ').nth(1).unwrap();
    let text = format!(
        "---- BEGIN SSH2 PUBLIC KEY ----\n\
         Subject: alice\n\
         Comment: \"a long comment that goes on \\\n\
         and on\"\n\
         {}\n{}\n\
         ---- END SSH2 PUBLIC KEY ----\n",
        &base64[..30],
        &base64[30..]
    );
    let file = env.path("ssh2.pub");
    fs::write(&file, text).unwrap();
    let assert = env.sshgen().arg("import").arg(&file).assert().success();
    assert_eq!(stdout_of(&assert), format!("ssh-ed25519 {base64}\n"));
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let env = Env::new();
    let pub_line = env.path("plain.pub");
    fs::copy(fixture_dir().join("ed25519.pub"), &pub_line).unwrap();
    let assert = env.sshgen().arg("import").arg(&pub_line).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: no \"---- BEGIN SSH2 PUBLIC KEY ----\", \"-----BEGIN PUBLIC KEY-----\" \
             or \"-----BEGIN RSA PUBLIC KEY-----\" line; is it an RFC4716, PKCS8 or PEM public key?\n",
            pub_line.display()
        )
    );

    let truncated = env.path("truncated.pem");
    fs::write(
        &truncated,
        "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAq02MbcpvIoMmrSIG8HYK\n-----END RSA PUBLIC KEY-----\n",
    )
    .unwrap();
    let assert = env.sshgen().arg("import").arg(&truncated).assert().code(1);
    assert!(
        stderr_of(&assert).starts_with(&format!("sshgen: error: {}: ", truncated.display())),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(stdout_of(&assert), "");

    let pem = env.path("rsa.pem");
    fs::write(
        &pem,
        "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAq02MbcpvIoMmrSIG8HYK\n-----END RSA PUBLIC KEY-----\n",
    )
    .unwrap();
    let assert = env
        .sshgen()
        .arg("import")
        .arg(&pem)
        .args(["--format", "pkcs8"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: {}: holds a PEM public key, not PKCS8; pass --format pem or leave \
             --format out\n",
            pem.display()
        )
    );
}

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

/// The prompts of `passphrase` through a real pseudo-terminal.
#[cfg(unix)]
mod terminal {
    use ssh_key::PrivateKey;

    use super::{KINDS, Origin, key_copy};
    use crate::terminal::{exit_code, passphrase_twice, spawn};
    use crate::util::{Env, read};

    #[test]
    fn passphrase_asks_for_the_old_one_then_the_new_one_twice() {
        let env = Env::new();
        let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
        env.sshgen()
            .arg("passphrase")
            .arg(&key)
            .args(["-N", "old pass", "-a", "2"])
            .assert()
            .success();
        let name = key.file_name().unwrap().to_str().unwrap().to_owned();

        let mut s = spawn(&env, &["passphrase", &name, "-a", "2"]);
        s.exp_string("Enter old passphrase: ").unwrap();
        s.send_line("old pass").unwrap();
        passphrase_twice(&mut s, &name, "new pass", "new pass");
        s.exp_string("Key has comment 'alice@example.com'").unwrap();
        s.exp_string("Your identification has been saved with the new passphrase.")
            .unwrap();
        assert_eq!(exit_code(&mut s), 0);
        let stored = PrivateKey::from_openssh(read(&key)).unwrap();
        assert!(stored.decrypt("old pass").is_err());
        assert!(stored.decrypt("new pass").is_ok());
    }

    #[test]
    fn a_wrong_old_passphrase_at_the_terminal_changes_nothing() {
        let env = Env::new();
        let (key, _) = key_copy(&env, &KINDS[0], Origin::SshKeygen);
        env.sshgen()
            .arg("passphrase")
            .arg(&key)
            .args(["-N", "old pass", "-a", "2"])
            .assert()
            .success();
        let before = std::fs::read(&key).unwrap();
        let name = key.file_name().unwrap().to_str().unwrap().to_owned();

        let mut s = spawn(&env, &["passphrase", &name]);
        s.exp_string("Enter old passphrase: ").unwrap();
        s.send_line("not it").unwrap();
        s.exp_string(&format!("sshgen: error: incorrect passphrase for {name}"))
            .unwrap();
        assert_eq!(exit_code(&mut s), 1);
        assert_eq!(std::fs::read(&key).unwrap(), before);
    }
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
fn keygen_format_copy(
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
fn pem_header(kind: &Kind, format: &str, encrypted: bool) -> &'static str {
    match (format, kind.label, encrypted) {
        ("PEM", "RSA", _) => "-----BEGIN RSA PRIVATE KEY-----\n",
        ("PEM", _, _) => "-----BEGIN EC PRIVATE KEY-----\n",
        (_, _, false) => "-----BEGIN PRIVATE KEY-----\n",
        (_, _, true) => "-----BEGIN ENCRYPTED PRIVATE KEY-----\n",
    }
}

#[cfg(unix)]
#[test]
fn pem_and_pkcs8_keys_get_a_passphrase_and_become_openssh_keys() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let mut cases = 0;
    for kind in KINDS {
        for format in ["PEM", "PKCS8"] {
            for old in ["", "keygen pass"] {
                let Some(key) = keygen_format_copy(&env, &ssh_keygen, kind, format, old) else {
                    continue;
                };
                assert!(
                    read(&key).starts_with(pem_header(kind, format, !old.is_empty())),
                    "{key:?}"
                );
                let public_before = read(&pub_path(&key));
                let changed = env
                    .sshgen()
                    .arg("passphrase")
                    .arg(&key)
                    .args(["-P", old, "-N", "sshgen pass", "-a", "2"])
                    .assert()
                    .success();
                // PEM and PKCS8 hold no comment: the .pub's is kept.
                assert_eq!(
                    stdout_of(&changed),
                    format!("Key has comment '{}'\n{SAVED}", fixture_comment(kind))
                );
                assert_eq!(
                    stderr_of(&changed),
                    format!(
                        "Converted {} from {format} to the OpenSSH format.\n",
                        key.display()
                    )
                );
                assert!(read(&key).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
                assert_eq!(read(&pub_path(&key)), public_before);
                assert!(keygen_opens(&ssh_keygen, &key, "sshgen pass"), "{key:?}");
                assert!(!keygen_opens(&ssh_keygen, &key, "keygen pass"), "{key:?}");
                #[cfg(unix)]
                assert_eq!(mode(&key), 0o600);
                cases += 1;
            }
        }
    }
    // RSA 2048, 3072, 4096 and ECDSA 256, 384, 521, each as PEM and PKCS8,
    // with and without a passphrase; ssh-keygen writes Ed25519 only as OpenSSH.
    assert_eq!(cases, 24);
}

#[cfg(unix)]
#[test]
fn comment_on_a_pem_key_rewrites_it_as_openssh() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let kind = &KINDS[1];
    let key = keygen_format_copy(&env, &ssh_keygen, kind, "PEM", "keygen pass").unwrap();
    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "renamed@pem", "--passphrase-env", "KEY_PASS"])
        .env("KEY_PASS", "keygen pass")
        .assert()
        .success();
    assert_eq!(
        stdout_of(&assert),
        format!(
            "Old comment: {}\nComment 'renamed@pem' applied\n",
            fixture_comment(kind)
        )
    );
    assert_eq!(
        stderr_of(&assert),
        format!(
            "Converted {} from PEM to the OpenSSH format.\n",
            key.display()
        )
    );
    assert!(read(&pub_path(&key)).ends_with(" renamed@pem\n"));
    // ssh-keygen -y prints the comment stored in the private key: the same line.
    assert!(keygen_opens(&ssh_keygen, &key, "keygen pass"));

    // With --json the conversion is a field, and stderr stays quiet.
    let key = keygen_format_copy(&env, &ssh_keygen, &KINDS[4], "PKCS8", "").unwrap();
    let assert = env
        .sshgen()
        .arg("comment")
        .arg(&key)
        .args(["-C", "renamed@pkcs8", "--json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(value["old_comment"], fixture_comment(&KINDS[4]));
    assert_eq!(value["converted_from"], "pkcs8");
    assert_eq!(stderr_of(&assert), "");
    assert!(keygen_opens(&ssh_keygen, &key, ""));
}

#[cfg(unix)]
#[test]
fn export_of_a_pem_private_key_prints_what_ssh_keygen_prints() {
    let Some(ssh_keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    let user = account_name();
    let mut cases = 0;
    for kind in KINDS {
        for key_format in ["PEM", "PKCS8"] {
            let Some(key) = keygen_format_copy(&env, &ssh_keygen, kind, key_format, "") else {
                continue;
            };
            // The .pub must not be what either tool reads.
            fs::remove_file(pub_path(&key)).unwrap();
            for format in FORMATS {
                let expected = keygen_ok(&ssh_keygen, &["-e", "-m", format], &key);
                let ours = env
                    .sshgen()
                    .arg("export")
                    .arg(&key)
                    .args(["--format", &format.to_ascii_lowercase()])
                    .env("USER", &user)
                    .assert()
                    .success();
                assert_eq!(stdout_of(&ours), expected, "{key:?} {format}");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 36);
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

#[test]
fn comment_keeps_the_cipher_of_an_aes_gcm_key() {
    let env = Env::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys/formats");
    fs::copy(source.join("ecdsa256-openssh-gcm"), env.path("k")).unwrap();
    fs::copy(source.join("ecdsa256-openssh-gcm.pub"), env.path("k.pub")).unwrap();
    env.run_ok(&["comment", "k", "-C", "new", "-P", "secret phrase"]);
    let key = PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    assert_eq!(key.cipher(), ssh_key::Cipher::Aes256Gcm);
    let opened = key.decrypt("secret phrase").unwrap();
    assert_eq!(opened.comment().as_str_lossy(), "new");
}
