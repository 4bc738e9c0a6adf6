//! The harness: a temporary home, the built binary, and helpers to read what
//! users see (files, modes, output).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::assert::Assert;

/// Variables that would let the host's desktop, SSH session or settings leak
/// into a test.
const SCRUBBED_VARS: &[&str] = &[
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SSH_TTY",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_AUTH_SOCK",
    "STY",
    "TMUX",
    "SSHGEN_HOME",
    // The code hosts' tokens and what HTTPS reads: a test sets its own.
    "GH_TOKEN",
    "GITHUB_TOKEN",
    "GH_ENTERPRISE_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GH_CONFIG_DIR",
    "GITLAB_TOKEN",
    "GITEA_TOKEN",
    "FORGEJO_TOKEN",
    "BITBUCKET_TOKEN",
    "BITBUCKET_EMAIL",
    "BITBUCKET_API_TOKEN",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
    "XDG_CONFIG_HOME",
    // Security keys: a test names its provider and helper.
    "SSH_SK_PROVIDER",
    "SSH_SK_HELPER",
];

/// How long one sshgen run may take in a test (RSA-16384 in a debug build
/// stays well under it).
pub const COMMAND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// A temporary home folder with its own `.ssh`, and a working folder.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A fresh root holding an empty home folder (without `.ssh`).
    pub fn new() -> Self {
        let env = Env {
            dir: tempfile::Builder::new()
                .prefix("sshgen-test")
                .tempdir()
                .expect("temporary folder"),
        };
        std::fs::create_dir(env.home()).expect("home folder");
        env
    }

    /// The temporary root; the home folder and the working folder are inside.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    pub fn ssh_dir(&self) -> PathBuf {
        self.home().join(".ssh")
    }

    /// A path in the working folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// `sshgen` with this home, a fixed user name, no terminal on stdin and
    /// none of the host's display or SSH variables.
    /// A regression of "never hangs" fails the test after this long
    /// instead of hanging the suite.
    pub fn sshgen(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::from_std(self.command());
        cmd.write_stdin(Vec::new()).timeout(COMMAND_TIMEOUT);
        cmd
    }

    /// The same as [`Env::sshgen`] as a plain `std::process::Command`, for
    /// tests that run several at once or under another program (stdin is
    /// the caller's to set).
    pub fn command(&self) -> Command {
        self.command_of(sshgen_bin())
    }

    /// `program` (sshgen, or a program that runs it, such as strace) with
    /// this home and the scrubbed environment.
    pub fn command_of(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        scrub(&mut cmd, &self.home());
        cmd.current_dir(self.root());
        cmd
    }
}

/// Gives `cmd` the environment every test runs sshgen in: `home` as its
/// home folder, a fixed user name, none of the host's display or SSH
/// variables. HOME too: what sshgen hands a child (the clipboard server)
/// must point into the test's folder, never the real one.
pub fn scrub(cmd: &mut Command, home: &Path) {
    for var in SCRUBBED_VARS {
        cmd.env_remove(var);
    }
    cmd.env("SSHGEN_HOME", home)
        .env("HOME", home)
        .env("USER", "tester")
        .env("USERNAME", "tester");
}

impl Env {
    /// Runs sshgen with `args` and asserts success.
    pub fn run_ok(&self, args: &[&str]) -> Assert {
        self.sshgen().args(args).assert().success()
    }
}

pub fn sshgen_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sshgen"))
}

/// The user name sshgen puts in its default comment: the account
/// database's (as ssh-keygen's `getpwuid`), whatever USER says; on Windows
/// USERNAME, which every test sets.
pub fn account_user() -> String {
    if cfg!(windows) {
        return "tester".to_owned();
    }
    let out = Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The host name sshgen puts in its default comment.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

pub fn stdout_of(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr_of(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).expect("utf-8 stderr")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Unix permission bits of a file (not following symlinks).
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("stat {}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// A relative path written with `/` as sshgen prints it: unchanged on Unix,
/// with `\` on Windows, where sshgen shows paths the Windows way.
pub fn native(path: &str) -> String {
    if cfg!(windows) {
        path.replace('/', "\\")
    } else {
        path.to_owned()
    }
}

/// The operating system's own text for an error code, as sshgen prints it
/// after a cause (`No such file or directory (os error 2)` on Linux).
pub fn os_error(code: i32) -> String {
    std::io::Error::from_raw_os_error(code).to_string()
}

/// Names in a folder, sorted, to show that nothing stray was left behind.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Finds an outside program. Missing: `None` on a developer's machine (the
/// test then skips with a note), a failure when `CI` is set.
pub fn require(program: &str) -> Option<PathBuf> {
    let found = find_program(program);
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("{program} is required in CI but was not found; .ci/run should install it");
        }
        eprintln!("skipping: {program} not found");
    }
    found
}

fn find_program(program: &str) -> Option<PathBuf> {
    let candidate = Path::new(program);
    if candidate.is_absolute() {
        return candidate.is_file().then(|| candidate.to_path_buf());
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    })
}

/// Runs sshgen with `args` in `env`, with nothing on stdin, and returns
/// what it printed and its status, whatever they are.
pub fn sshgen(env: &Env, args: &[&str]) -> std::process::Output {
    env.command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sshgen")
}

/// Output bytes as text, for assertions and messages.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs an outside program and returns its stdout, failing the test on error.
pub fn output_of(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// The lines of sshgen's generate report from "The key fingerprint is:" on,
/// split into the fingerprint line and the art.
pub fn fingerprint_and_art(stdout: &str) -> (String, String) {
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[3], "The key fingerprint is:", "{stdout}");
    assert_eq!(lines[5], "The key's randomart image is:", "{stdout}");
    let art: String = lines[6..].iter().map(|l| format!("{l}\n")).collect();
    (lines[4].to_owned(), art)
}

/// The line sshgen adds on stderr when it writes into `env`'s home, which
/// is not the account's (the fix that makes git read those files).
pub fn foreign_home_note(env: &Env) -> String {
    let ssh_dir = env.ssh_dir();
    format!(
        "sshgen: note: sshgen's home folder {} is not your account's, {}, where ssh and git \
         look; give git these files with: export GIT_SSH_COMMAND='ssh -F {} -o \
         UserKnownHostsFile={}'\n",
        env.home().display(),
        account_home().display(),
        ssh_dir.join("config").display(),
        ssh_dir.join("known_hosts").display()
    )
}

/// The account's home folder, as ssh finds it.
pub fn account_home() -> PathBuf {
    let user =
        String::from_utf8(Command::new("id").arg("-un").output().expect("id").stdout).unwrap();
    let entry = String::from_utf8(
        Command::new("getent")
            .args(["passwd", user.trim()])
            .output()
            .expect("getent")
            .stdout,
    )
    .unwrap();
    PathBuf::from(entry.trim().split(':').nth(5).expect("a home field"))
}
