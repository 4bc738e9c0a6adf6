//! Windows behaviour: the default folder under the home override, paths in
//! Windows form, the private key's access list read back through the Windows
//! API, CRLF passphrase input; and, from Linux, that a key written by the
//! Windows build (run under Wine) is read by Linux's ssh-keygen.
//!
//! Under Wine (how CI runs these) a file's access list is not stored: Wine
//! turns the DACL a program sets into Unix mode bits and, when asked, makes a
//! DACL up from those bits (always LocalSystem; the owner from the user bits;
//! Everyone from the other bits; never Administrators, never "protected").
//! The ACL tests therefore assert the exact entries on Windows, and under Wine
//! what survives that round trip: the owner, no entry for anyone else, and
//! that a file with looser rights is told apart.

#[cfg(windows)]
mod on_windows {
    use std::fs;
    use std::path::Path;
    use std::process::{Command, Stdio};

    use sshgen::platform::acl::{self, Ace, FILE_ALL_ACCESS, Sid};
    use sshgen::platform::{self, windows_acl};

    use crate::util::{Env, read, stdout_of};

    /// Whether this Windows is Wine (it keeps its settings under this key).
    fn under_wine() -> bool {
        Command::new("reg")
            .args(["query", r"HKCU\Software\Wine"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }

    fn entries_text(entries: &[Ace]) -> String {
        entries.iter().map(ToString::to_string).collect()
    }

    fn sid(text: &str) -> Sid {
        Sid::parse(text).unwrap()
    }

    #[test]
    fn default_path_is_the_ssh_folder_of_the_home_in_windows_form() {
        let env = Env::new();
        let assert = env.run_ok(&["--no-passphrase", "-C", "c"]);
        let private = env.ssh_dir().join("id_ed25519");
        let private_text = private.display().to_string();
        assert!(!private_text.contains('/'), "{private_text}");
        let stdout = stdout_of(&assert);
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines[1],
            format!("Your identification has been saved in {private_text}")
        );
        assert_eq!(
            lines[2],
            format!("Your public key has been saved in {private_text}.pub")
        );
        assert!(read(&private).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    }

    #[test]
    fn tilde_and_slashes_in_file_are_written_the_windows_way() {
        let env = Env::new();
        let assert = env.run_ok(&["-f", "~/keys/work/id", "--no-passphrase", "-C", "c"]);
        let private = env.home().join("keys").join("work").join("id");
        assert!(private.is_file());
        assert_eq!(
            stdout_of(&assert).lines().nth(1),
            Some(
                format!(
                    "Your identification has been saved in {}",
                    private.display()
                )
                .as_str()
            )
        );
        assert_eq!(
            crate::util::stderr_of(&assert),
            format!(
                "Created directory '{}'.\n",
                env.home().join("keys").join("work").display()
            )
        );
    }

    #[test]
    fn config_and_known_hosts_are_written_with_windows_paths() {
        let env = Env::new();
        env.run_ok(&["-f", "~/.ssh/deploy", "--no-passphrase", "-q"]);
        let key = env.ssh_dir().join("deploy");
        let assert = env.run_ok(&[
            "config",
            "add",
            "widget",
            "--hostname",
            "bitbucket.org",
            "--user",
            "git",
            "-i",
            "~/.ssh/deploy",
        ]);
        let config = env.ssh_dir().join("config");
        // As OpenSSH for Windows reads it: ~ is the profile folder (where
        // Wine's temporary folder is), else the absolute path.
        let identity = match sshgen::platform::account_home()
            .and_then(|home| key.strip_prefix(home).ok().map(Path::to_path_buf))
        {
            Some(rest) => format!("~/{}", rest.to_string_lossy().replace('\\', "/")),
            None => key.display().to_string(),
        };
        // The test's home is not the account's: sshgen says how git gets
        // these files, in PowerShell's words.
        let home = env.home();
        let account = sshgen::platform::account_home().unwrap();
        assert_eq!(
            crate::util::stderr_of(&assert),
            format!(
                "Added Host widget to {}: HostName bitbucket.org, User git, IdentityFile \
                 {identity}.\nsshgen: note: sshgen's home folder {} is not your account's, {}, \
                 where ssh and git look; give git these files with: $env:GIT_SSH_COMMAND = 'ssh \
                 -F \"{}\" -o \"UserKnownHostsFile={}\"'\n",
                config.display(),
                home.display(),
                account.display(),
                config.display(),
                env.ssh_dir().join("known_hosts").display()
            )
        );
        assert_eq!(
            read(&config),
            format!(
                "Host widget\n    HostName bitbucket.org\n    User git\n    IdentityFile \
                 {identity}\n    IdentitiesOnly yes\n",
            )
        );
        env.run_ok(&["known-hosts", "add", "github"]);
        let known = read(&env.ssh_dir().join("known_hosts"));
        assert!(known.starts_with("github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0Sd"));
        let found = env.run_ok(&["known-hosts", "find", "github.com"]);
        assert_eq!(stdout_of(&found).lines().count(), 4);
        env.run_ok(&["config", "remove", "widget"]);
        assert_eq!(read(&config), "");
    }

    #[test]
    fn private_key_acl_admits_only_the_user_system_and_administrators() {
        let env = Env::new();
        env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
        let user = windows_acl::current_user_sid().unwrap();
        let private = windows_acl::read_security(&env.path("k")).unwrap();
        let entries = private.dacl.clone().expect("a DACL, not a NULL one");
        assert_eq!(private.owner, user);
        if under_wine() {
            // What Wine derives from the mode it chose for our DACL: full
            // control for LocalSystem and the user, nothing for Everyone.
            assert_eq!(
                entries_text(&entries),
                format!("(A;;FA;;;SY)(A;;FA;;;{user})")
            );
        } else {
            assert!(private.protected, "inheritance must be off");
            assert_eq!(
                entries_text(&entries),
                format!("(A;;FA;;;{user})(A;;FA;;;SY)(A;;FA;;;BA)")
            );
        }
        let trusted = [
            user.clone(),
            sid(acl::LOCAL_SYSTEM),
            sid(acl::ADMINISTRATORS),
        ];
        for ace in &entries {
            assert!(
                ace.kind == acl::ACCESS_ALLOWED
                    && ace.mask == FILE_ALL_ACCESS
                    && ace.sid.as_ref().is_some_and(|s| trusted.contains(s)),
                "{ace}"
            );
        }
        assert!(!platform::private_key_exposed(&env.path("k")).unwrap());
    }

    #[test]
    fn a_replaced_key_loses_the_rights_the_old_file_had() {
        let env = Env::new();
        let path = env.path("k");
        fs::write(&path, "old").unwrap();
        let old = windows_acl::read_security(&path).unwrap();
        let loose = acl::private_key_exposure(
            &old.owner,
            old.dacl.as_deref(),
            &windows_acl::current_user_sid().unwrap(),
        );
        if under_wine() {
            // A plain new file is 0644 under Wine: Everyone may read it.
            assert!(
                matches!(&loose, Some(acl::Exposure::Grant(ace)) if ace.sid == Some(sid("S-1-1-0"))),
                "{loose:?}"
            );
            assert!(platform::private_key_exposed(&path).unwrap());
        }
        env.run_ok(&["-f", "k", "--no-passphrase", "-q", "--force"]);
        assert!(read(&path).starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assert!(!platform::private_key_exposed(&path).unwrap());
    }

    #[test]
    fn doctor_fix_makes_an_exposed_private_key_private() {
        let env = Env::new();
        env.run_ok(&["--no-passphrase", "-C", "c", "-q"]);
        let dir = env.ssh_dir();
        let bytes = fs::read(dir.join("id_ed25519")).unwrap();
        let open = dir.join("open");
        // A copy made the plain way: under Wine, Everyone may read it.
        fs::write(&open, &bytes).unwrap();
        fs::copy(dir.join("id_ed25519.pub"), dir.join("open.pub")).unwrap();
        if !platform::private_key_exposed(&open).unwrap() {
            assert!(!under_wine(), "Wine shows a plain file as open to Everyone");
            return;
        }
        let shown = env.command().arg("doctor").output().unwrap();
        assert_eq!(shown.status.code(), Some(1));
        let text = String::from_utf8_lossy(&shown.stdout).into_owned();
        let problem = format!(
            "problem  {}: other users can open this private key (Everyone may open it), and \
             OpenSSH refuses it (UNPROTECTED PRIVATE KEY FILE); fix: icacls \"{}\" \
             /inheritance:r /grant:r \"%USERNAME%\":F",
            open.display(),
            open.display()
        );
        assert!(text.lines().any(|l| l == problem), "{text}");
        let fixed = env.command().args(["doctor", "--fix"]).output().unwrap();
        let text = String::from_utf8_lossy(&fixed.stdout).into_owned();
        assert!(
            text.contains(&format!("  {}: now only you can open it\n", open.display())),
            "{text}"
        );
        assert!(!platform::private_key_exposed(&open).unwrap());
        assert_eq!(fs::read(&open).unwrap(), bytes);
    }

    #[test]
    fn doctor_fix_makes_an_open_ssh_folder_private() {
        let env = Env::new();
        let dir = env.ssh_dir();
        fs::create_dir_all(&dir).unwrap();
        // A folder made the plain way: under Wine, Everyone may look into it.
        if !platform::private_key_exposed(&dir).unwrap() {
            assert!(
                !under_wine(),
                "Wine shows a plain folder as open to Everyone"
            );
            return;
        }
        let doctor = |args: &[&str]| {
            let out = env.command().arg("doctor").args(args).output().unwrap();
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        let shown = dir.display();
        let warning = format!(
            "warning  {shown}: other users can look into it (Everyone may open it), and what is \
             made in it inherits that; fix: icacls \"{shown}\" /inheritance:r /grant:r \
             \"%USERNAME%\":(OI)(CI)F"
        );
        let text = doctor(&[]);
        assert!(text.lines().any(|l| l == warning), "{text}");
        let text = doctor(&["--fix"]);
        assert!(
            text.contains(&format!(
                "\n  {shown}: now only you can open it (you, SYSTEM and Administrators, passed on \
                 to what is made in it)\n"
            )),
            "{text}"
        );
        assert!(
            !platform::private_key_exposed(&dir).unwrap(),
            "{:?}",
            windows_acl::read_security(&dir)
        );
        let text = doctor(&[]);
        assert!(
            text.lines()
                .any(|l| l == format!("ok       {shown}: only you can open it")),
            "{text}"
        );
    }

    /// A service named ssh-agent in Wine's service control manager, for as
    /// long as this lives.
    struct AgentService;

    impl AgentService {
        fn create(start: &str) -> AgentService {
            let status = Command::new("sc")
                .args(["create", "ssh-agent", "binPath=", r"C:\windows\notepad.exe"])
                .args(["start=", start])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "sc create ssh-agent start= {start}");
            AgentService
        }
    }

    impl Drop for AgentService {
        fn drop(&mut self) {
            delete_agent_service();
        }
    }

    /// Deletes Wine's ssh-agent service, if there is one.
    fn delete_agent_service() {
        let _ = Command::new("sc")
            .args(["delete", "ssh-agent"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status();
    }

    #[test]
    fn doctor_says_what_state_the_agent_service_is_in() {
        // It makes and deletes a service: only in Wine's own service
        // manager, never on a real Windows machine's.
        if !under_wine() {
            return;
        }
        // One a run stopped midway left in the prefix.
        delete_agent_service();
        let env = Env::new();
        let agent_line = || {
            let out = env
                .command()
                .arg("doctor")
                .env_remove("SSH_AUTH_SOCK")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.lines()
                .find(|l| l.contains(" ssh-agent: "))
                .unwrap_or_else(|| panic!("no ssh-agent line: {text}"))
                .to_owned()
        };
        let service = "warning  ssh-agent: the OpenSSH Authentication Agent service (ssh-agent)";
        let enable =
            "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent";
        assert_eq!(
            agent_line(),
            format!(
                "{service} is not installed, so every key with a passphrase asks for it each \
                 time; fix: Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0"
            )
        );
        {
            let _service = AgentService::create("disabled");
            assert_eq!(
                agent_line(),
                format!("{service} is disabled; fix: {enable}")
            );
        }
        {
            let _service = AgentService::create("demand");
            assert_eq!(
                agent_line(),
                format!(
                    "{service} is stopped, and starts only when started by hand; fix: {enable}"
                )
            );
        }
        let _service = AgentService::create("auto");
        assert_eq!(
            agent_line(),
            format!("{service} is stopped; fix: Start-Service ssh-agent")
        );
    }

    #[test]
    fn a_key_converts_to_putty_and_back_and_both_files_stay_private() {
        let env = Env::new();
        env.run_ok(&["-f", "k", "-N", "pass phrase", "-C", "win", "-q"]);
        let converted = env.run_ok(&[
            "convert",
            "k",
            "--to",
            "ppk",
            "--old-passphrase",
            "pass phrase",
        ]);
        assert_eq!(
            stdout_of(&converted),
            "Converted k (OpenSSH) to k.ppk (PuTTY version 3, encrypted).\n"
        );
        assert!(read(&env.path("k.ppk")).starts_with("PuTTY-User-Key-File-3: ssh-ed25519\n"));
        assert!(!platform::private_key_exposed(&env.path("k.ppk")).unwrap());
        env.run_ok(&[
            "convert",
            "k.ppk",
            "--to",
            "openssh",
            "-o",
            "back",
            "--old-passphrase",
            "pass phrase",
        ]);
        assert!(!platform::private_key_exposed(&env.path("back")).unwrap());
        assert_eq!(read(&env.path("back.pub")), read(&env.path("k.pub")));
        let opened = env.run_ok(&["public", "back", "--passphrase", "pass phrase"]);
        assert_eq!(stdout_of(&opened), read(&env.path("k.pub")));
    }

    #[test]
    fn exposed_is_an_error_for_a_missing_file() {
        let env = Env::new();
        let error = platform::private_key_exposed(Path::new(&env.path("nothing"))).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn crlf_passphrase_from_standard_input() {
        let env = Env::new();
        env.sshgen()
            .args(["-f", "k", "--passphrase-file", "-", "-q"])
            .write_stdin("typed in PowerShell\r\n")
            .assert()
            .success();
        let key = ssh_key::PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
        assert!(key.is_encrypted());
        assert!(key.decrypt("typed in PowerShell\r").is_err());
        key.decrypt("typed in PowerShell")
            .expect("passphrase without CR LF");
    }

    /// The Windows clipboard keeps the text after sshgen has exited: read it
    /// back from this (another) process. The only test here that touches
    /// the one clipboard of the session.
    #[test]
    fn copy_leaves_the_key_on_the_windows_clipboard() {
        let _clipboard = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
        let env = Env::new();
        env.sshgen()
            .args(["-f", "k", "--no-passphrase", "-q", "-C", "clip@windows"])
            .assert()
            .success();
        let line = read(&env.path("k.pub")).trim_end().to_owned();
        let key = ssh_key::PublicKey::from_openssh(&line).unwrap();
        let assert = env.sshgen().args(["copy", "k.pub"]).assert().success();
        assert_eq!(
            String::from_utf8_lossy(&assert.get_output().stderr),
            format!(
                "Copied the public key (ED25519 {}) to the clipboard via Windows.\n",
                key.fingerprint(ssh_key::HashAlg::Sha256)
            )
        );
        let pasted = arboard::Clipboard::new()
            .and_then(|mut clipboard| clipboard.get_text())
            .expect("text on the clipboard");
        assert_eq!(pasted, line);
    }

    /// The tests that use the one Windows clipboard, one at a time.
    static CLIPBOARD: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn clipboard_text() -> Option<String> {
        arboard::Clipboard::new()
            .and_then(|mut clipboard| clipboard.get_text())
            .ok()
    }

    #[test]
    fn a_private_key_on_the_windows_clipboard_is_cleared_unless_replaced() {
        let _clipboard = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
        let env = Env::new();
        env.run_ok(&["-f", "k", "-N", "ci pass", "-a", "2", "-q"]);
        let key = read(&env.path("k"));
        let assert = env.run_ok(&["copy", "--private", "k", "--clear-after", "2"]);
        assert_eq!(stdout_of(&assert), "");
        assert!(
            crate::util::stderr_of(&assert).ends_with(
                "to the clipboard via Windows; it is cleared in 2 seconds unless something \
                 else is copied first.\n"
            ),
            "{}",
            crate::util::stderr_of(&assert)
        );
        assert_eq!(clipboard_text().as_deref(), Some(key.as_str()));
        let start = std::time::Instant::now();
        while clipboard_text().as_deref() == Some(key.as_str()) {
            assert!(start.elapsed().as_secs() < 60, "the key was not cleared");
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        assert!(
            start.elapsed().as_millis() >= 500,
            "cleared before its time"
        );

        // Something copied meanwhile stays.
        env.run_ok(&["copy", "--private", "k", "--clear-after", "2", "-q"]);
        arboard::Clipboard::new()
            .and_then(|mut clipboard| clipboard.set_text("something else"))
            .unwrap();
        std::thread::sleep(std::time::Duration::from_secs(4));
        assert_eq!(clipboard_text().as_deref(), Some("something else"));
    }
}

/// The Windows build, run under Wine from Linux, writes a key that Linux's
/// ssh-keygen reads. `.ci/run` builds the exe and names it in
/// `SSHGEN_WINDOWS_EXE`; without it the test skips, except in CI.
#[cfg(unix)]
#[test]
fn key_from_the_windows_build_is_read_by_ssh_keygen() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    use crate::util::{Env, fingerprint_and_art, output_of, read, require};

    let exe = match std::env::var_os("SSHGEN_WINDOWS_EXE") {
        Some(exe) => std::path::PathBuf::from(exe),
        None if std::env::var_os("CI").is_some() => {
            panic!("SSHGEN_WINDOWS_EXE must name the Windows build in CI; .ci/run sets it")
        }
        None => {
            eprintln!("skipping: SSHGEN_WINDOWS_EXE not set");
            return;
        }
    };
    assert!(
        exe.is_file(),
        "SSHGEN_WINDOWS_EXE={} is no file",
        exe.display()
    );
    let (Some(wine), Some(ssh_keygen)) = (require("wine"), require("ssh-keygen")) else {
        return;
    };
    let env = Env::new();
    // Wine shows the Linux root as drive Z:; sshgen turns the / into \.
    let key_arg = format!("Z:{}", env.path("k").display());
    let output = Command::new(wine)
        .arg(&exe)
        .args(["-f", &key_arg, "-N", "from windows", "-C", "made@windows"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run wine");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().nth(1),
        Some(
            format!(
                "Your identification has been saved in {}",
                key_arg.replace('/', "\\")
            )
            .as_str()
        )
    );

    // Wine maps the key's DACL to Unix mode bits by its own rules (the
    // user's own entry becomes user and group bits); the Windows-side truth
    // is checked by the tests above. Give the file the mode ssh-keygen wants
    // and check what matters here: the bytes.
    let private = env.path("k");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let public_line = read(&env.path("k.pub"));
    assert!(public_line.starts_with("ssh-ed25519 ") && public_line.ends_with(" made@windows\n"));
    let derived = output_of(
        Command::new(&ssh_keygen)
            .args(["-y", "-P", "from windows", "-f"])
            .arg(&private),
    );
    assert_eq!(derived, public_line);

    let (fp_line, art) = fingerprint_and_art(&stdout);
    let listed = output_of(
        Command::new(&ssh_keygen)
            .args(["-lv", "-f"])
            .arg(env.path("k.pub")),
    );
    assert_eq!(listed, format!("256 {fp_line} (ED25519)\n{art}"));
}
