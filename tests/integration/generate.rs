//! `sshgen generate` without a terminal: paths, modes, overwrite rules,
//! passphrase sources, sizes, output modes.

use std::fs;

use ssh_key::{Kdf, PrivateKey, PublicKey};

use crate::util::{self, Env, fingerprint_and_art, listing, read, stderr_of, stdout_of};

/// Decodes a private key file and checks it against its `.pub`.
fn load_pair(private: &std::path::Path, passphrase: Option<&str>) -> (PrivateKey, PublicKey) {
    let key = PrivateKey::from_openssh(read(private)).expect("OpenSSH private key");
    let public_path = format!("{}.pub", private.display());
    let public = PublicKey::from_openssh(read(std::path::Path::new(&public_path)).trim_end())
        .expect("public key line");
    assert_eq!(key.public_key().key_data(), public.key_data());
    let key = match passphrase {
        Some(pass) => {
            assert!(key.is_encrypted(), "key should be encrypted");
            key.decrypt(pass).expect("decrypts with the passphrase")
        }
        None => {
            assert!(!key.is_encrypted(), "key should not be encrypted");
            key
        }
    };
    (key, public)
}

#[test]
fn default_path_creates_ssh_folder_and_prints_the_ssh_keygen_report() {
    let env = Env::new();
    let assert = env.run_ok(&["--no-passphrase"]);
    let ssh = env.ssh_dir();
    let private = ssh.join("id_ed25519");
    let stdout = stdout_of(&assert);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "Generating public/private ed25519 key pair.");
    assert_eq!(
        lines[1],
        format!(
            "Your identification has been saved in {}",
            private.display()
        )
    );
    assert_eq!(
        lines[2],
        format!(
            "Your public key has been saved in {}.pub",
            private.display()
        )
    );
    let (fp_line, art) = fingerprint_and_art(&stdout);
    let comment = format!("{}@{}", util::account_user(), util::host_name());
    assert!(fp_line.starts_with("SHA256:"), "{fp_line}");
    assert!(fp_line.ends_with(&format!(" {comment}")), "{fp_line}");
    assert_eq!(art.lines().count(), 11);
    assert!(art.starts_with("+--[ED25519 256]--+\n"), "{art}");
    assert!(art.ends_with("+----[SHA256]-----+\n"), "{art}");
    assert_eq!(
        stderr_of(&assert),
        format!("Created directory '{}'.\n", ssh.display())
    );

    let (_, public) = load_pair(&private, None);
    assert_eq!(public.comment().as_str_lossy(), comment);
    let pub_text = read(&ssh.join("id_ed25519.pub"));
    assert!(pub_text.starts_with("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"));
    assert!(pub_text.ends_with(&format!(" {comment}\n")));
    assert_eq!(pub_text.lines().count(), 1);
    #[cfg(unix)]
    {
        assert_eq!(util::mode(&ssh), 0o700);
        assert_eq!(util::mode(&private), 0o600);
        assert_eq!(util::mode(&ssh.join("id_ed25519.pub")), 0o644);
    }
    assert_eq!(listing(&ssh), ["id_ed25519", "id_ed25519.pub"]);
}

#[test]
fn default_file_name_follows_the_type() {
    let env = Env::new();
    env.run_ok(&["-t", "ecdsa", "--no-passphrase", "-q"]);
    env.run_ok(&["-t", "rsa", "-b", "2048", "--no-passphrase", "-q"]);
    assert_eq!(
        listing(&env.ssh_dir()),
        ["id_ecdsa", "id_ecdsa.pub", "id_rsa", "id_rsa.pub"]
    );
}

#[test]
fn generate_subcommand_and_bare_flags_do_the_same() {
    let env = Env::new();
    env.run_ok(&["generate", "-f", "a", "--no-passphrase", "-C", "x"]);
    env.run_ok(&["-f", "b", "--no-passphrase", "-C", "x"]);
    let a = read(&env.path("a.pub"));
    let b = read(&env.path("b.pub"));
    assert!(a.starts_with("ssh-ed25519 ") && a.ends_with(" x\n"));
    assert!(b.starts_with("ssh-ed25519 ") && b.ends_with(" x\n"));
    assert_ne!(a, b, "two runs must make two different keys");
}

#[test]
fn missing_parent_folders_of_a_chosen_path_are_created_and_reported() {
    let env = Env::new();
    let assert = env.run_ok(&["-f", "deep/er/key", "--no-passphrase", "-C", "c"]);
    assert_eq!(
        stderr_of(&assert),
        format!("Created directory '{}'.\n", util::native("deep/er"))
    );
    assert_eq!(listing(&env.path("deep/er")), ["key", "key.pub"]);
    #[cfg(unix)]
    assert_eq!(util::mode(&env.path("deep/er")), 0o700);
    let saved = format!(
        "Your identification has been saved in {}\n",
        util::native("deep/er/key")
    );
    assert!(stdout_of(&assert).contains(&saved));
}

#[test]
fn tilde_in_file_is_the_home_folder() {
    let env = Env::new();
    env.run_ok(&["-f", "~/keys/k", "--no-passphrase", "-q"]);
    assert_eq!(listing(&env.home().join("keys")), ["k", "k.pub"]);
}

#[test]
fn refuses_to_overwrite_without_force_and_touches_nothing() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
    let before = (read(&env.path("k")), read(&env.path("k.pub")));
    let assert = env
        .sshgen()
        .args(["-f", "k", "--no-passphrase"])
        .assert()
        .code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: k already exists; pass --force to replace it, or -f to choose another file\n"
    );
    assert_eq!(before, (read(&env.path("k")), read(&env.path("k.pub"))));
    assert_eq!(listing(env.root()), ["home", "k", "k.pub"]);
}

#[test]
fn a_lone_existing_public_key_also_blocks() {
    let env = Env::new();
    fs::write(env.path("k.pub"), "ssh-ed25519 AAAA old\n").unwrap();
    let assert = env
        .sshgen()
        .args(["-f", "k", "--no-passphrase"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: k.pub already exists; pass --force to replace it, or -f to choose another file\n"
    );
    assert_eq!(read(&env.path("k.pub")), "ssh-ed25519 AAAA old\n");
    assert_eq!(listing(env.root()), ["home", "k.pub"]);
}

#[cfg(unix)]
#[test]
fn force_replaces_a_world_readable_file_with_a_0600_key() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    fs::write(env.path("k"), "old private").unwrap();
    fs::set_permissions(env.path("k"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(env.path("k.pub"), "old public").unwrap();
    fs::set_permissions(env.path("k.pub"), fs::Permissions::from_mode(0o600)).unwrap();
    env.run_ok(&["-f", "k", "--no-passphrase", "--force", "-q"]);
    assert_eq!(util::mode(&env.path("k")), 0o600);
    assert_eq!(util::mode(&env.path("k.pub")), 0o644);
    load_pair(&env.path("k"), None);
    assert_eq!(listing(env.root()), ["home", "k", "k.pub"]);
}

#[cfg(unix)]
#[test]
fn symlink_at_the_target_is_replaced_not_written_through() {
    let env = Env::new();
    fs::write(env.path("victim"), "precious").unwrap();
    std::os::unix::fs::symlink(env.path("victim"), env.path("k")).unwrap();
    // Without --force a symlink, even to an unrelated file, counts as existing.
    env.sshgen()
        .args(["-f", "k", "--no-passphrase"])
        .assert()
        .code(1);
    env.run_ok(&["-f", "k", "--no-passphrase", "--force", "-q"]);
    assert_eq!(read(&env.path("victim")), "precious");
    assert!(fs::symlink_metadata(env.path("k")).unwrap().is_file());
    load_pair(&env.path("k"), None);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_counts_as_existing() {
    let env = Env::new();
    std::os::unix::fs::symlink(env.path("nowhere"), env.path("k.pub")).unwrap();
    env.sshgen()
        .args(["-f", "k", "--no-passphrase"])
        .assert()
        .code(1);
    assert!(!env.path("nowhere").exists());
}

#[test]
fn failure_midway_leaves_neither_half_of_the_pair_nor_temp_files() {
    let env = Env::new();
    // A non-empty folder where the .pub must go: the second rename fails.
    fs::create_dir_all(env.path("k.pub/inside")).unwrap();
    let assert = env
        .sshgen()
        .args(["-f", "k", "--no-passphrase", "--force"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.starts_with("sshgen: error: cannot replace k.pub: "),
        "{stderr}"
    );
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(listing(env.root()), ["home", "k.pub"]);
}

#[test]
fn failure_midway_keeps_the_old_private_key() {
    let env = Env::new();
    fs::write(env.path("k"), "old private").unwrap();
    fs::create_dir_all(env.path("k.pub/inside")).unwrap();
    env.sshgen()
        .args(["-f", "k", "--no-passphrase", "--force"])
        .assert()
        .code(1);
    assert_eq!(read(&env.path("k")), "old private");
    assert_eq!(listing(env.root()), ["home", "k", "k.pub"]);
}

#[test]
fn unwritable_folder_names_the_folder() {
    let env = Env::new();
    fs::write(env.path("file"), "").unwrap();
    let assert = env
        .sshgen()
        .args(["-f", "file/k", "--no-passphrase"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.starts_with("sshgen: error: cannot create a temporary file in file: ")
            || stderr.starts_with("sshgen: error: cannot create folder file: "),
        "{stderr}"
    );
}

#[test]
fn without_a_terminal_a_passphrase_option_is_required() {
    let env = Env::new();
    let assert = env.sshgen().args(["-f", "k"]).assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: no terminal to ask for a passphrase; pass --no-passphrase, \
         --passphrase-file PATH (or - for standard input) or --passphrase-env VAR\n"
    );
    assert_eq!(listing(env.root()), ["home"]);
}

#[test]
fn passphrase_from_the_command_line() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "-N", "hunter2", "-q"]);
    load_pair(&env.path("k"), Some("hunter2"));
}

#[test]
fn empty_passphrase_argument_means_none_as_in_ssh_keygen() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "-N", "", "-q"]);
    load_pair(&env.path("k"), None);
}

#[test]
fn passphrase_file_first_line_without_lf_or_crlf() {
    let env = Env::new();
    fs::write(env.path("lf"), "pass word\nsecond line\n").unwrap();
    fs::write(env.path("crlf"), "pass word\r\n").unwrap();
    env.run_ok(&["-f", "a", "--passphrase-file", "lf", "-q"]);
    env.run_ok(&["-f", "b", "--passphrase-file", "crlf", "-q"]);
    load_pair(&env.path("a"), Some("pass word"));
    load_pair(&env.path("b"), Some("pass word"));
}

#[test]
fn passphrase_from_standard_input_with_dash() {
    let env = Env::new();
    env.sshgen()
        .args(["-f", "k", "--passphrase-file", "-", "-q"])
        .write_stdin("from stdin\r\n")
        .assert()
        .success();
    load_pair(&env.path("k"), Some("from stdin"));
}

#[test]
fn passphrase_from_the_environment() {
    let env = Env::new();
    env.sshgen()
        .args(["-f", "k", "--passphrase-env", "KEY_PASS", "-q"])
        .env("KEY_PASS", "env secret")
        .assert()
        .success();
    load_pair(&env.path("k"), Some("env secret"));
}

#[test]
fn unusable_passphrase_sources_fail_before_any_file_is_written() {
    let env = Env::new();
    fs::write(env.path("empty"), "").unwrap();
    let cases: [(&[&str], String); 4] = [
        (
            &["--passphrase-env", "EMPTY_VAR_FOR_TEST"],
            "sshgen: error: environment variable EMPTY_VAR_FOR_TEST: the passphrase is empty; \
             pass --no-passphrase for a key without one\n"
                .to_owned(),
        ),
        (
            &["--passphrase-env", "UNSET_VAR_FOR_TEST"],
            "sshgen: error: environment variable UNSET_VAR_FOR_TEST: it is not set; export it, \
             or pass --no-passphrase for a key without a passphrase\n"
                .to_owned(),
        ),
        (
            &["--passphrase-file", "empty"],
            "sshgen: error: passphrase file empty: the passphrase is empty; pass \
             --no-passphrase for a key without one\n"
                .to_owned(),
        ),
        (
            // The cause is the system's own text for "file not found" (code 2
            // on Unix and Windows): "No such file or directory (os error 2)"
            // on Linux.
            &["--passphrase-file", "missing"],
            format!(
                "sshgen: error: passphrase file missing: cannot read it: {}\n",
                util::os_error(2)
            ),
        ),
    ];
    for (args, expected) in cases {
        let assert = env
            .sshgen()
            .args(["-f", "k"])
            .args(args)
            .env_remove("UNSET_VAR_FOR_TEST")
            .env("EMPTY_VAR_FOR_TEST", "")
            .assert()
            .code(1);
        assert_eq!(stderr_of(&assert), expected, "{args:?}");
    }
    assert_eq!(listing(env.root()), ["empty", "home"]);
}

#[test]
fn passphrase_options_conflict() {
    let env = Env::new();
    let assert = env
        .sshgen()
        .args(["-f", "k", "-N", "x", "--no-passphrase"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).starts_with(
        "error: the argument '--passphrase <TEXT>' cannot be used with '--no-passphrase'"
    ));
}

#[test]
fn rounds_are_stored_in_the_key() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "-N", "pw", "-a", "7", "-q"]);
    let key = PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    match key.kdf() {
        Kdf::Bcrypt { salt, rounds } => {
            assert_eq!(*rounds, 7);
            assert_eq!(salt.len(), 16);
        }
        other => panic!("expected bcrypt, got {other:?}"),
    }
    assert_eq!(key.cipher(), ssh_key::Cipher::Aes256Ctr);
}

#[test]
fn default_rounds_are_24() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "-N", "pw", "-q"]);
    let key = PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    assert!(matches!(key.kdf(), Kdf::Bcrypt { rounds: 24, .. }));
}

#[test]
fn key_types_and_sizes() {
    let env = Env::new();
    for (args, prefix, bits) in [
        (&["-t", "ecdsa"][..], "ecdsa-sha2-nistp256 ", "256"),
        (&["-t", "ecdsa", "-b", "384"], "ecdsa-sha2-nistp384 ", "384"),
        (
            &["-t", "ecdsa-sha2-nistp521"],
            "ecdsa-sha2-nistp521 ",
            "521",
        ),
        (&["-t", "rsa", "-b", "2048"], "ssh-rsa ", "2048"),
        (&["-t", "RSA"], "ssh-rsa ", "3072"),
        (&["-t", "ssh-ed25519"], "ssh-ed25519 ", "256"),
    ] {
        let name = format!("k{}", args.join("_"));
        let assert = env.run_ok(&[args, &["-f", &name, "--no-passphrase", "--json"][..]].concat());
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
        assert_eq!(json["bits"].to_string(), bits, "{args:?}");
        assert!(read(&env.path(&format!("{name}.pub"))).starts_with(prefix));
    }
}

#[test]
fn wrong_sizes_and_types_are_usage_errors() {
    let env = Env::new();
    for (args, expected) in [
        (
            &["-t", "rsa", "-b", "1024"][..],
            "sshgen: error: RSA keys of 1024 bits are too weak to be safe; use -b 2048 or more \
             (default 3072), or -t ed25519\n",
        ),
        (
            &["-t", "rsa", "-b", "32768"],
            "sshgen: error: RSA keys of 32768 bits are larger than OpenSSH accepts; use -b 16384 \
             or less\n",
        ),
        (
            &["-t", "ecdsa", "-b", "512"],
            "sshgen: error: ECDSA keys are 256, 384 or 521 bits, not 512; use -b 256, -b 384 or \
             -b 521\n",
        ),
        (
            &["-b", "4096"],
            "sshgen: error: Ed25519 keys have a fixed size of 256 bits; drop -b 4096\n",
        ),
        (
            &["-t", "dsa"],
            "sshgen: error: DSA keys are no longer supported by OpenSSH; use -t ed25519 (or -t rsa)\n",
        ),
        (
            &["-t", "ecdsa-sha2-nistp384", "-b", "256"],
            "sshgen: error: -t ecdsa-sha2-nistp384 implies 384 bits but -b 256 was given; drop one\n",
        ),
    ] {
        let assert = env
            .sshgen()
            .args(args)
            .args(["-f", "k", "--no-passphrase"])
            .assert()
            .code(2);
        assert_eq!(stderr_of(&assert), expected, "{args:?}");
    }
    let assert = env
        .sshgen()
        .args(["-t", "foo", "-f", "k", "--no-passphrase"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).starts_with("error: invalid value 'foo' for '--type <TYPE>'"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(listing(env.root()), ["home"]);
}

#[test]
fn quiet_prints_nothing() {
    let env = Env::new();
    let assert = env.run_ok(&["-f", "d/k", "--no-passphrase", "-q"]);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(stderr_of(&assert), "");
    load_pair(&env.path("d/k"), None);
}

#[test]
fn json_is_one_object_with_everything_about_the_key() {
    let env = Env::new();
    let assert = env.run_ok(&[
        "-f", "d/k", "-N", "pw", "-a", "4", "-C", "ci@build", "--json",
    ]);
    let stdout = stdout_of(&assert);
    assert_eq!(stdout.lines().count(), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let (_, public) = load_pair(&env.path("d/k"), Some("pw"));
    let public_line = read(&env.path("d/k.pub"));
    assert_eq!(json["type"], "ed25519");
    assert_eq!(json["bits"], 256);
    assert_eq!(json["comment"], "ci@build");
    assert_eq!(json["private_key_path"], util::native("d/k"));
    assert_eq!(json["public_key_path"], util::native("d/k.pub"));
    assert_eq!(json["public_key"], public_line.trim_end());
    assert_eq!(
        json["fingerprint_sha256"],
        public.fingerprint(ssh_key::HashAlg::Sha256).to_string()
    );
    assert_eq!(json["fingerprint"], json["fingerprint_sha256"]);
    let md5 = json["fingerprint_md5"].as_str().unwrap();
    assert!(md5.starts_with("MD5:") && md5.len() == 4 + 47, "{md5}");
    assert!(
        json["randomart"]
            .as_str()
            .unwrap()
            .starts_with("+--[ED25519 256]--+\n")
    );
    assert_eq!(json["encrypted"], true);
    assert_eq!(json["cipher"], "aes256-ctr");
    assert_eq!(json["kdf"]["name"], "bcrypt");
    assert_eq!(json["kdf"]["rounds"], 4);
    // The folder notice stays on stderr so stdout stays parseable.
    assert_eq!(stderr_of(&assert), "Created directory 'd'.\n");
}

#[test]
fn json_of_an_unencrypted_key() {
    let env = Env::new();
    let assert = env.run_ok(&["-f", "k", "--no-passphrase", "--json", "-E", "md5"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(json["encrypted"], false);
    assert_eq!(json["kdf"], serde_json::Value::Null);
    assert_eq!(json["cipher"], "none");
    assert_eq!(json["fingerprint"], json["fingerprint_md5"]);
    assert!(
        json["randomart"]
            .as_str()
            .unwrap()
            .ends_with("+------[MD5]------+\n")
    );
}

#[test]
fn md5_fingerprint_in_the_report() {
    let env = Env::new();
    let assert = env.run_ok(&["-f", "k", "--no-passphrase", "-E", "md5", "-C", "c"]);
    let (fp_line, art) = fingerprint_and_art(&stdout_of(&assert));
    assert!(
        fp_line.starts_with("MD5:") && fp_line.ends_with(" c"),
        "{fp_line}"
    );
    assert!(art.ends_with("+------[MD5]------+\n"));
}

#[test]
fn version_and_help_exit_zero() {
    let env = Env::new();
    let version = env.run_ok(&["--version"]);
    assert_eq!(
        stdout_of(&version),
        format!(
            "sshgen {} (sshgen's command line; ssh-keygen's when run as ssh-keygen)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let help = env.run_ok(&["generate", "--help"]);
    assert!(stdout_of(&help).contains("--no-passphrase"));
}

#[test]
fn closed_stdout_is_not_an_error() {
    let env = Env::new();
    let mut child = std::process::Command::new(util::sshgen_bin())
        .args(["-f", "k", "--no-passphrase", "-C", "c"])
        .env("SSHGEN_HOME", env.home())
        .current_dir(env.root())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    load_pair(&env.path("k"), None);
}
