//! `sshgen copy --private`: the private key's text on a real X11 and
//! Wayland clipboard, there after sshgen exits, gone once `--clear-after`
//! has passed, kept when another program copied meanwhile; the encrypted
//! key stays encrypted; the converted forms are read by ssh-keygen; and OSC
//! 52 is refused unless asked for by name.

use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use base64ct::{Base64, Encoding};

use crate::clipboard::{
    PATIENCE, ServingChildrenReaper, Sway, TestClipboard, Tmux, Xvfb, finished_within, quoted,
    serving_children, wait_for, wait_until_gone,
};
use crate::util::{Env, output_of, read, require, sshgen_bin, stderr_of, stdout_of};

const PASS: &str = "ci secret pass";

fn encrypted_key(env: &Env) -> String {
    env.run_ok(&[
        "-f",
        "deploy",
        "-N",
        PASS,
        "-a",
        "2",
        "-q",
        "-C",
        "deploy@ci",
    ]);
    read(&env.path("deploy"))
}

/// After sshgen has exited the key is there; once the time is up the
/// serving child has ended and nothing is left to paste.
fn assert_cleared(env: &Env, paste: impl Fn() -> Option<String>, key: &str) {
    assert_eq!(paste().as_deref(), Some(key));
    let served = serving_children(env);
    assert_eq!(served.len(), 1, "one serving child: {served:?}");
    wait_until_gone(served[0]);
    assert_ne!(
        paste().as_deref(),
        Some(key),
        "the key outlived --clear-after"
    );
}

#[test]
fn x11_private_key_is_copied_exactly_and_cleared_after_its_time() {
    if require("Xvfb").is_none() || require("xclip").is_none() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = encrypted_key(&env);
    let assert = env
        .sshgen()
        .env("DISPLAY", &x.display)
        .args(["copy", "--private", "deploy", "--clear-after", "2"])
        .assert()
        .success();
    assert_eq!(stdout_of(&assert), "", "the key is never printed");
    assert_eq!(
        stderr_of(&assert),
        "Copied the private key deploy (still encrypted: the service needs its passphrase \
         too) to the clipboard via X11; it is cleared in 2 seconds unless something else is \
         copied first.\n"
    );
    let paste = || {
        let out = x.xclip().arg("-o").output().unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    assert_cleared(&env, paste, &key);

    // Something copied meanwhile stays.
    env.sshgen()
        .env("DISPLAY", &x.display)
        .args(["copy", "--private", "deploy", "--clear-after", "2", "-q"])
        .assert()
        .success();
    assert_eq!(paste().as_deref(), Some(key.as_str()));
    // xclip serving until it loses the selection (ended with the test).
    let mut other = x
        .xclip()
        .args(["-i", "-quiet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut other.stdin.take().unwrap(), b"something else").unwrap();
    let _other = crate::clipboard::Reaped(other);
    wait_for("xclip to own the clipboard", || {
        paste().as_deref() == Some("something else")
    });
    sleep(Duration::from_secs(3));
    assert_eq!(paste().as_deref(), Some("something else"));
    assert_eq!(serving_children(&env), Vec::<u32>::new());
}

#[test]
fn x11_private_key_forms_are_read_by_ssh_keygen() {
    let (true, Some(ssh_keygen)) = (
        require("Xvfb").is_some() && require("xclip").is_some(),
        require("ssh-keygen"),
    ) else {
        return;
    };
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = encrypted_key(&env);
    env.run_ok(&[
        "-t", "rsa", "-b", "2048", "-f", "rsa", "-N", PASS, "-a", "2", "-q",
    ]);
    let copied = |args: &[&str]| -> String {
        env.sshgen()
            .env("DISPLAY", &x.display)
            .args([&["copy", "--private", "-q", "--clear-after", "0"][..], args].concat())
            .assert()
            .success();
        let text = x.clipboard();
        x.copy_from_another_program("done");
        text
    };
    let public_of = |text: &str, pass: &str| -> String {
        let file = env.path("copied");
        let _ = std::fs::remove_file(&file);
        std::fs::write(&file, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        output_of(
            Command::new(&ssh_keygen)
                .args(["-y", "-P", pass, "-f"])
                .arg(&file),
        )
    };
    let ed_public = public_of(&key, PASS);

    // --base64: the file's text on one line.
    let line = copied(&["deploy", "--base64"]);
    assert!(!line.contains('\n'));
    assert_eq!(Base64::decode_vec(&line).unwrap(), key.as_bytes());

    // --decrypt: the OpenSSH key without its passphrase.
    let plain = copied(&["deploy", "--decrypt", "-P", PASS]);
    assert!(plain.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    assert_eq!(public_of(&plain, ""), ed_public);

    // --format pkcs8 keeps the passphrase (ssh-keygen 9.2 reads no Ed25519
    // PKCS#8, so RSA here); --format pem needs --decrypt.
    let rsa_public = public_of(&read(&env.path("rsa")), PASS);
    let pkcs8 = copied(&["rsa", "--format", "pkcs8", "-P", PASS]);
    assert!(
        pkcs8.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{pkcs8}"
    );
    assert_eq!(
        public_of(&pkcs8, PASS).split_whitespace().nth(1),
        rsa_public.split_whitespace().nth(1)
    );
    let ed_pkcs8 = copied(&["deploy", "--format", "pkcs8", "--decrypt", "-P", PASS]);
    assert!(
        ed_pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "{ed_pkcs8}"
    );
    let pem = copied(&["rsa", "--format", "pem", "--decrypt", "-P", PASS]);
    assert!(
        pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"),
        "{pem}"
    );
    assert_eq!(
        public_of(&pem, "").split_whitespace().nth(1),
        rsa_public.split_whitespace().nth(1)
    );

    // PEM cannot keep a passphrase: refused, not silently decrypted.
    let refused = env
        .sshgen()
        .env("DISPLAY", &x.display)
        .args(["copy", "--private", "rsa", "--format", "pem", "-P", PASS])
        .assert()
        .code(2);
    assert!(stderr_of(&refused).contains("use --format pkcs8, which keeps it, or add --decrypt"));
}

#[test]
fn wayland_private_key_is_cleared_after_its_time() {
    if ["sway", "setpriv", "wl-paste", "wl-copy"]
        .iter()
        .any(|tool| require(tool).is_none())
    {
        return;
    }
    let sway = Sway::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = encrypted_key(&env);
    let assert = env
        .sshgen()
        .envs(sway.vars())
        .args(["copy", "--private", "deploy", "--clear-after", "2"])
        .assert()
        .success();
    assert!(
        stderr_of(&assert).contains("to the clipboard via Wayland; it is cleared in 2 seconds")
    );
    let paste = || {
        let out = sway
            .client("wl-paste")
            .arg("--no-newline")
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    assert_cleared(&env, paste, &key);
}

#[test]
fn osc_52_is_refused_for_a_private_key_unless_asked_for() {
    if require("tmux").is_none() {
        return;
    }
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = encrypted_key(&env);
    let tmux = Tmux {
        socket: format!("sshgen-private-{}", std::process::id()),
    };
    let run = |extra: &str, tag: &str| {
        let status = env.path(&format!("status-{tag}"));
        let errors = env.path(&format!("stderr-{tag}"));
        let script = format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY -u STY SSH_CONNECTION='192.0.2.1 50000 192.0.2.2 22' \
             SSHGEN_HOME={home} {sshgen} copy --private {key} {extra} 2>{errors}; echo $? >{status}; \
             tmux -L {socket} wait-for -S done-{tag}",
            home = quoted(&env.home().to_string_lossy()),
            sshgen = quoted(&sshgen_bin().to_string_lossy()),
            key = quoted(&env.path("deploy").to_string_lossy()),
            errors = quoted(&errors.to_string_lossy()),
            status = quoted(&status.to_string_lossy()),
            socket = quoted(&tmux.socket),
        );
        let start = if tag == "refused" {
            "new-session"
        } else {
            "new-window"
        };
        let mut args = vec![
            "start-server",
            ";",
            "set-option",
            "-g",
            "set-clipboard",
            "on",
            ";",
        ];
        args.extend(["set-option", "-g", "remain-on-exit", "on", ";", start, "-d"]);
        if start == "new-session" {
            args.extend(["-s", "private"]);
        }
        args.push(&script);
        output_of(tmux.command().args(&args));
        finished_within(
            tmux.command().args(["wait-for", &format!("done-{tag}")]),
            PATIENCE,
        );
        (read(&status), read(&errors))
    };
    let (status, errors) = run("", "refused");
    assert_eq!(status, "1\n");
    assert_eq!(
        errors,
        "sshgen: error: clipboard: here the clipboard is the terminal's (OSC 52, over SSH): the \
         private key would pass through the terminal's scrollback and every multiplexer on the \
         way; pass --clipboard osc52 to send it anyway, or copy it on the machine itself\n"
    );
    // Nothing reached the terminal's clipboard.
    assert!(
        !tmux
            .command()
            .arg("show-buffer")
            .output()
            .unwrap()
            .status
            .success()
    );

    let (status, errors) = run("--clipboard osc52", "asked");
    assert_eq!(status, "0\n", "{errors}");
    assert!(
        errors.ends_with(
            "via OSC 52; OSC 52 cannot be cleared later: copy something else when done.\n"
        )
    );
    wait_for("the key in tmux's buffer", || {
        tmux.command()
            .arg("show-buffer")
            .output()
            .is_ok_and(|out| out.stdout == key.as_bytes())
    });
}
