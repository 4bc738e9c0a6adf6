//! The clipboard, read back by another program after sshgen has exited: X11
//! under Xvfb, Wayland under a headless sway, OSC 52 inside tmux; the headless
//! warning; `sshgen copy`'s choice of key and its errors.
//!
//! Each test starts its own display server or terminal multiplexer and ends
//! it (by PID, in a Drop guard), and checks that sshgen's serving child is
//! gone once another program has copied something.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::util::{Env, output_of, read, require, sshgen_bin, stderr_of, stdout_of};

const ED25519_FINGERPRINT: &str = "SHA256:dXVPm+R+w1wBBc1Eb/+IBTlrAHbepKcJElS8PsHWXBg";
/// How long to wait for a server to start or a process to end before calling
/// it broken. Not a timing requirement: the waits end as soon as the event
/// happens.
pub(crate) const PATIENCE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

/// The one-line public key, as it must land on the clipboard.
fn key_line(path: &Path) -> String {
    read(path).trim_end().to_owned()
}

/// Ends a child process by PID and reaps it: SIGTERM first, so that display
/// servers remove their sockets and lock files, SIGKILL if that is ignored.
pub(crate) struct Reaped(pub(crate) Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.0.try_wait() {
            return; // already reaped: its PID may belong to someone else now
        }
        terminate(self.0.id());
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            sleep(POLL);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends SIGTERM to `pid`, through the system call rather than a `kill`
/// program that may be missing; a process already gone is fine.
fn terminate(pid: u32) {
    let pid =
        rustix::process::Pid::from_raw(i32::try_from(pid).expect("a PID")).expect("a real PID");
    match rustix::process::kill_process(pid, rustix::process::Signal::TERM) {
        Ok(()) | Err(rustix::io::Errno::SRCH) => {}
        Err(e) => panic!("cannot end process {pid:?}: {e}"),
    }
}

/// Waits for `done` to hold, failing the test after [`PATIENCE`].
pub(crate) fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        sleep(POLL);
    }
}

/// PIDs of live `sshgen serve-clipboard` processes started for this test's
/// home folder (tests run in parallel; each has its own `HOME`, the one
/// variable besides the display's that the child keeps).
pub(crate) fn serving_children(env: &Env) -> Vec<u32> {
    let bin = sshgen_bin();
    let home = format!("HOME={}", env.home().display());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let dir = entry.path();
        let (Ok(cmdline), Ok(environ), Ok(stat)) = (
            std::fs::read(dir.join("cmdline")),
            std::fs::read(dir.join("environ")),
            std::fs::read_to_string(dir.join("stat")),
        ) else {
            continue;
        };
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        // A zombie has exited; only its parent (init here) has yet to reap it.
        let zombie = stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'));
        if !zombie
            && args.first() == Some(&bin.as_os_str().as_encoded_bytes())
            && args.get(1) == Some(&&b"serve-clipboard"[..])
            && environ.split(|&b| b == 0).any(|var| var == home.as_bytes())
        {
            pids.push(pid);
        }
    }
    pids
}

/// Ends, when a test is over (also when it failed half-way), any serving
/// child sshgen left for this test's home folder.
pub(crate) struct ServingChildrenReaper<'a>(pub(crate) &'a Env);

impl Drop for ServingChildrenReaper<'_> {
    fn drop(&mut self) {
        for pid in serving_children(self.0) {
            terminate(pid);
        }
    }
}

pub(crate) fn wait_until_gone(pid: u32) {
    let stat = format!("/proc/{pid}/stat");
    wait_for(&format!("serving child {pid} to exit"), || {
        std::fs::read_to_string(&stat).map_or(true, |s| {
            s.rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
    });
}

// ---------------------------------------------------------------- X11

/// A test display server whose clipboard other programs can read and take.
pub(crate) trait TestClipboard {
    /// What another program pastes now.
    fn clipboard(&self) -> String;
    /// Another program copies `text`; returns once it owns the clipboard.
    fn copy_from_another_program(&self, text: &str);
}

/// Runs `command` to its successful end, failing the test if that takes
/// longer than `limit`.
pub(crate) fn finished_within(command: &mut Command, limit: Duration) {
    let mut child = Reaped(
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("run {command:?}: {e}")),
    );
    let start = Instant::now();
    loop {
        if let Some(status) = child.0.try_wait().expect("wait") {
            assert!(status.success(), "{command:?} failed: {status}");
            return;
        }
        assert!(
            start.elapsed() < limit,
            "{command:?} did not finish within {limit:?}"
        );
        sleep(POLL);
    }
}

#[test]
fn osc_52_inside_gnu_screen_is_wrapped_for_screen_to_pass_on() {
    let env = Env::new();
    let mut command = env.command();
    command
        .env("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
        .env("STY", "4242.pts-0.host")
        .arg("copy")
        .arg(fixture("ed25519.pub"));
    let mut session =
        rexpect::session::spawn_command(command, Some(20_000)).expect("sshgen in a pty");
    let line = key_line(&fixture("ed25519.pub"));
    let sequence = format!(
        "\u{1b}]52;c;{}\u{7}",
        <base64ct::Base64 as base64ct::Encoding>::encode_string(line.as_bytes())
    );
    // Short enough for one of screen's pieces: it arrives whole, wrapped as
    // a device control string that screen passes to the outer terminal.
    assert!(sequence.len() <= 252);
    let wrapped = format!("\u{1b}P{sequence}\u{1b}\\");
    session.exp_string(&wrapped).expect("the wrapped sequence");
    session
        .exp_string("to the clipboard via OSC 52.")
        .expect("copy notice");
    session.exp_eof().expect("sshgen ends");
}

/// Clipboard programs sshgen must never run: on the `PATH` that
/// [`without_clipboard_programs`] gives sshgen, each is a stub that records
/// its call.
const CLIPBOARD_PROGRAMS: &[&str] = &[
    "xclip", "xsel", "wl-copy", "wl-paste", "pbcopy", "clip", "clip.exe",
];

/// A `PATH` for sshgen with none of the real clipboard programs, only stubs
/// that write their name to `called` (checked by [`assert_none_called`]),
/// and the system folders sshgen may need otherwise.
fn without_clipboard_programs(env: &Env) -> (std::ffi::OsString, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let stubs = env.path("stub-bin");
    std::fs::create_dir_all(&stubs).unwrap();
    let called = env.path("stub-called");
    for program in CLIPBOARD_PROGRAMS {
        let stub = stubs.join(program);
        std::fs::write(
            &stub,
            format!(
                "#!/bin/sh\necho {program} >> '{}'\nexit 1\n",
                called.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path =
        std::env::join_paths([stubs.as_path(), Path::new("/nonexistent-for-sshgen")]).unwrap();
    (path, called)
}

fn assert_none_called(called: &Path) {
    assert!(
        !called.exists(),
        "sshgen ran a clipboard program: {}",
        std::fs::read_to_string(called).unwrap_or_default()
    );
}

/// After sshgen has exited, its detached child serves `expected` (still there
/// a second later) until another program copies, and then ends.
fn assert_served_until_taken(env: &Env, display: &impl TestClipboard, expected: &str) {
    assert_eq!(display.clipboard(), expected);
    sleep(Duration::from_secs(1));
    assert_eq!(display.clipboard(), expected);
    let served = serving_children(env);
    assert_eq!(served.len(), 1, "one serving child: {served:?}");
    display.copy_from_another_program("something else");
    wait_until_gone(served[0]);
    assert_eq!(serving_children(env), Vec::<u32>::new());
}

/// An Xvfb server on a display number it picked itself (`-displayfd`), so
/// parallel tests and other X servers on the machine never collide.
pub(crate) struct Xvfb {
    _server: Reaped,
    pub(crate) display: String,
}

impl Xvfb {
    pub(crate) fn start() -> Self {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "640x480x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let stdout = child.stdout.take().expect("Xvfb stdout");
        let server = Reaped(child);
        // Xvfb writes the display number once it accepts connections.
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("Xvfb display number");
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb did not start");
        Xvfb {
            _server: server,
            display: format!(":{number}"),
        }
    }

    pub(crate) fn xclip(&self) -> Command {
        let mut command = Command::new("xclip");
        command
            .env("DISPLAY", &self.display)
            .args(["-selection", "clipboard"]);
        command
    }
}

impl TestClipboard for Xvfb {
    fn clipboard(&self) -> String {
        output_of(self.xclip().arg("-o"))
    }

    /// Another program copies `text`; returns once it owns the clipboard and
    /// has served it once (after which it exits).
    fn copy_from_another_program(&self, text: &str) {
        let mut other = self
            .xclip()
            .args(["-i", "-quiet", "-loops", "1"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start xclip -i");
        other
            .stdin
            .take()
            .expect("xclip stdin")
            .write_all(text.as_bytes())
            .expect("write to xclip");
        let mut other = Reaped(other);
        wait_for("xclip to own the clipboard", || {
            self.xclip()
                .arg("-o")
                .output()
                .is_ok_and(|out| out.status.success() && out.stdout == text.as_bytes())
        });
        other.0.wait().expect("xclip exits after one paste");
    }
}

fn x11_tools() -> bool {
    require("Xvfb").is_some() && require("xclip").is_some()
}

#[test]
fn x11_copy_outlives_sshgen_until_another_program_copies() {
    if !x11_tools() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = fixture("ed25519.pub");
    let (path, called) = without_clipboard_programs(&env);
    let assert = env
        .sshgen()
        .env("DISPLAY", &x.display)
        .env("PATH", &path)
        .arg("copy")
        .arg(&key)
        .assert()
        .success();
    assert_none_called(&called);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        format!(
            "Copied the public key (ED25519 {ED25519_FINGERPRINT}) to the clipboard via X11.\n"
        )
    );

    // sshgen has exited: the text is served by its detached child.
    assert_served_until_taken(&env, &x, &key_line(&key));
}

#[test]
fn x11_generate_copy_puts_the_new_key_on_the_clipboard_also_when_wayland_fails() {
    if !x11_tools() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    // A Wayland display that cannot be reached falls back to X11.
    let assert = env
        .sshgen()
        .env("DISPLAY", &x.display)
        .env("WAYLAND_DISPLAY", "no-such-wayland-display")
        .env("XDG_RUNTIME_DIR", env.root())
        .args(["-f", "k", "--no-passphrase", "--copy", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        json["clipboard"],
        serde_json::json!({"copied": true, "method": "X11"})
    );
    let public = key_line(&env.path("k.pub"));
    assert_eq!(json["public_key"], public);
    let fingerprint = json["fingerprint_sha256"].as_str().unwrap();
    assert_eq!(
        stderr_of(&assert),
        format!("Copied the public key (ED25519 {fingerprint}) to the clipboard via X11.\n")
    );
    assert_served_until_taken(&env, &x, &public);
}

#[test]
fn generate_at_a_terminal_copies_by_default() {
    if !x11_tools() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let mut command = env.command();
    command
        .args(["-f", "k", "--no-passphrase"])
        .env("DISPLAY", &x.display);
    let mut session =
        rexpect::session::spawn_command(command, Some(20_000)).expect("sshgen in a pty");
    session
        .exp_string("to the clipboard via X11.")
        .expect("copy notice");
    session.exp_eof().expect("sshgen ends");
    assert_served_until_taken(&env, &x, &key_line(&env.path("k.pub")));
}

#[test]
fn x11_serving_child_ends_with_the_display() {
    if !x11_tools() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let served = serving_child_after(
        &env,
        &x,
        env.sshgen().arg("copy").arg(fixture("ed25519.pub")),
    );
    drop(x); // the X session ends
    wait_until_gone(served);
}

/// Runs `sshgen` (already given its arguments) on the display of `x` and
/// returns the one serving child it left.
fn serving_child_after(env: &Env, x: &Xvfb, sshgen: &mut assert_cmd::Command) -> u32 {
    sshgen.env("DISPLAY", &x.display).assert().success();
    let served = serving_children(env);
    assert_eq!(served.len(), 1, "one serving child: {served:?}");
    served[0]
}

#[test]
fn serving_child_keeps_no_passphrase_and_only_the_display_variables() {
    if !x11_tools() {
        return;
    }
    let x = Xvfb::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let served = serving_child_after(
        &env,
        &x,
        env.sshgen().env("KEY_PASS", "secret passphrase").args([
            "-q",
            "-f",
            "k",
            "--passphrase-env",
            "KEY_PASS",
            "-a",
            "1",
            "--copy",
        ]),
    );
    let environ = std::fs::read(format!("/proc/{served}/environ")).unwrap();
    let mut names: Vec<String> = environ
        .split(|&b| b == 0)
        .filter(|var| !var.is_empty())
        .map(|var| {
            String::from_utf8_lossy(var)
                .split('=')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["DISPLAY", "HOME"]);
    assert_eq!(
        std::fs::read_link(format!("/proc/{served}/cwd")).unwrap(),
        Path::new("/")
    );
}

#[test]
fn unreachable_x11_display_is_a_warning_and_generate_still_succeeds() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env
        .sshgen()
        .env("DISPLAY", ":4242")
        .args(["-f", "k", "--no-passphrase", "--copy", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        json["clipboard"],
        serde_json::json!({
            "copied": false,
            "reason": "X11: cannot connect to the X11 display :4242"
        })
    );
    assert_eq!(
        stderr_of(&assert),
        "sshgen: warning: the public key was not copied to the clipboard: \
         X11: cannot connect to the X11 display :4242\n"
    );
    assert!(env.path("k").is_file() && env.path("k.pub").is_file());
    assert_eq!(serving_children(&env), Vec::<u32>::new());
}

// ---------------------------------------------------------------- Wayland

/// A headless sway, run as `nobody` (sway refuses root) with a runtime folder
/// of its own that root's clients can reach too.
pub(crate) struct Sway {
    _server: Reaped,
    runtime_dir: PathBuf,
    socket: String,
    _dir: tempfile::TempDir,
}

const NOBODY: u32 = 65534;

impl Sway {
    pub(crate) fn start() -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix("sshgen-sway")
            .tempdir_in("/tmp")
            .expect("temporary folder");
        // Every folder above the runtime folder must be searchable by nobody.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let runtime_dir = dir.path().join("runtime");
        std::fs::create_dir(&runtime_dir).unwrap();
        std::os::unix::fs::chown(&runtime_dir, Some(NOBODY), Some(NOBODY)).unwrap();
        std::fs::set_permissions(&runtime_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let config = dir.path().join("sway.conf");
        std::fs::write(&config, "").unwrap();
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();

        let server = Reaped(
            Command::new("setpriv")
                .args([
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "env",
                    "-u",
                    "DISPLAY",
                ])
                .arg(format!("XDG_RUNTIME_DIR={}", runtime_dir.display()))
                .arg(format!("HOME={}", runtime_dir.display()))
                .args([
                    "WLR_BACKENDS=headless",
                    "WLR_LIBINPUT_NO_DEVICES=1",
                    "WLR_RENDERER=pixman",
                    "sway",
                    "-c",
                ])
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start sway"),
        );
        let mut socket = None;
        wait_for("sway's Wayland socket", || {
            socket = std::fs::read_dir(&runtime_dir).ok().and_then(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .find(|name| name.starts_with("wayland-") && !name.ends_with(".lock"))
            });
            socket.is_some()
        });
        Sway {
            _server: server,
            runtime_dir,
            socket: socket.unwrap(),
            _dir: dir,
        }
    }

    /// What a Wayland client needs to find this compositor.
    pub(crate) fn vars(&self) -> [(&'static str, std::ffi::OsString); 2] {
        [
            ("XDG_RUNTIME_DIR", self.runtime_dir.clone().into_os_string()),
            ("WAYLAND_DISPLAY", self.socket.clone().into()),
        ]
    }

    pub(crate) fn client(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.envs(self.vars());
        command
    }
}

impl TestClipboard for Sway {
    fn clipboard(&self) -> String {
        output_of(self.client("wl-paste").arg("--no-newline"))
    }

    fn copy_from_another_program(&self, text: &str) {
        let _other = Reaped(
            self.client("wl-copy")
                .args(["--foreground", text])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start wl-copy"),
        );
        // While the selection changes hands wl-paste may briefly find none.
        wait_for("wl-copy to own the clipboard", || {
            self.client("wl-paste")
                .arg("--no-newline")
                .output()
                .is_ok_and(|out| out.status.success() && out.stdout == text.as_bytes())
        });
    }
}

#[test]
fn wayland_copy_outlives_sshgen_until_another_program_copies() {
    if ["sway", "setpriv", "wl-paste", "wl-copy"]
        .iter()
        .any(|tool| require(tool).is_none())
    {
        return;
    }
    let sway = Sway::start();
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = fixture("ed25519.pub");
    let (path, called) = without_clipboard_programs(&env);
    let assert = env
        .sshgen()
        .envs(sway.vars())
        .env("PATH", &path)
        .arg("copy")
        .arg(&key)
        .assert()
        .success();
    assert_none_called(&called);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "Copied the public key (ED25519 {ED25519_FINGERPRINT}) to the clipboard via Wayland.\n"
        )
    );

    assert_served_until_taken(&env, &sway, &key_line(&key));

    // generate --copy takes the same way.
    let assert = env
        .sshgen()
        .envs(sway.vars())
        .args(["-f", "k", "--no-passphrase", "--copy", "-q"])
        .assert()
        .success();
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(stderr_of(&assert), "");
    assert_served_until_taken(&env, &sway, &key_line(&env.path("k.pub")));
}

// ---------------------------------------------------------------- OSC 52

/// A tmux server on a socket of its own, killed at the end.
pub(crate) struct Tmux {
    pub(crate) socket: String,
}

impl Tmux {
    pub(crate) fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .command()
            .arg("kill-server")
            .stderr(Stdio::null())
            .status();
    }
}

/// Single-quotes a string for sh.
pub(crate) fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[test]
fn osc_52_over_ssh_reaches_the_terminal_clipboard() {
    if require("tmux").is_none() {
        return;
    }
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let tmux = Tmux {
        socket: format!("sshgen-osc52-{}", std::process::id()),
    };
    let key = fixture("ed25519.pub");
    let status = env.path("status");
    let errors = env.path("stderr");
    // Inside the pane: an SSH session with a terminal, no display.
    let script = format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY -u STY SSH_CONNECTION='192.0.2.1 50000 192.0.2.2 22' \
         SSHGEN_HOME={home} {sshgen} copy {key} 2>{errors}; echo $? >{status}; \
         tmux -L {socket} wait-for -S sshgen-done",
        home = quoted(&env.home().to_string_lossy()),
        sshgen = quoted(&sshgen_bin().to_string_lossy()),
        key = quoted(&key.to_string_lossy()),
        errors = quoted(&errors.to_string_lossy()),
        status = quoted(&status.to_string_lossy()),
        socket = quoted(&tmux.socket),
    );
    output_of(tmux.command().args([
        "start-server",
        ";",
        "set-option",
        "-g",
        "set-clipboard",
        "on",
        ";",
        "set-option",
        "-g",
        "remain-on-exit",
        "on",
        ";",
        "new-session",
        "-d",
        "-s",
        "osc",
        &script,
    ]));
    // tmux remembers a signal sent before anyone waits for it; a pane that
    // never signals fails the test instead of hanging it.
    finished_within(tmux.command().args(["wait-for", "sshgen-done"]), PATIENCE);

    assert_eq!(read(&status), "0\n");
    assert_eq!(
        read(&errors),
        format!(
            "Copied the public key (ED25519 {ED25519_FINGERPRINT}) to the clipboard via OSC 52.\n"
        )
    );
    assert_eq!(output_of(tmux.command().arg("show-buffer")), key_line(&key));
}

// ---------------------------------------------------------------- no clipboard

const HEADLESS_WARNING: &str = "sshgen: warning: the public key was not copied to the clipboard: \
     no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset)\n";

#[test]
fn headless_copy_warns_prints_the_key_and_succeeds() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = fixture("ed25519.pub");
    let assert = env.sshgen().arg("copy").arg(&key).assert().success();
    assert_eq!(stderr_of(&assert), HEADLESS_WARNING);
    assert_eq!(stdout_of(&assert), format!("{}\n", key_line(&key)));
    assert_eq!(serving_children(&env), Vec::<u32>::new());
}

#[test]
fn headless_generate_copy_writes_the_key_and_reports_why_in_json() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env
        .sshgen()
        .args(["-f", "k", "--no-passphrase", "--copy", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        json["clipboard"],
        serde_json::json!({
            "copied": false,
            "reason": "no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset)"
        })
    );
    assert_eq!(stderr_of(&assert), HEADLESS_WARNING);
    assert_eq!(json["public_key"], key_line(&env.path("k.pub")));
}

#[test]
fn generate_without_a_terminal_does_not_copy_unless_asked() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env.run_ok(&["-f", "k", "--no-passphrase", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(json["clipboard"], serde_json::Value::Null);
    assert_eq!(stderr_of(&assert), "");
    // --no-copy after --copy wins.
    let assert = env.run_ok(&["-f", "k2", "--no-passphrase", "--copy", "--no-copy"]);
    assert_eq!(stderr_of(&assert), "");
}

#[test]
fn forced_osc_52_without_a_terminal_says_so() {
    if std::fs::File::open("/dev/tty").is_ok() {
        // sshgen would inherit this terminal and rightly write to it.
        eprintln!("skipping: run without a controlling terminal (as CI does)");
        return;
    }
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env
        .sshgen()
        .args(["copy", "--clipboard", "osc52", "--json"])
        .arg(fixture("ed25519.pub"))
        .env("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        json["clipboard"],
        serde_json::json!({"copied": false, "reason": "no terminal to send the OSC 52 sequence to"})
    );
}

// ---------------------------------------------------------------- which key

fn copy_json(env: &Env, args: &[&str]) -> serde_json::Value {
    let assert = env
        .sshgen()
        .arg("copy")
        .args(args)
        .arg("--json")
        .assert()
        .success();
    serde_json::from_str(&stdout_of(&assert)).unwrap()
}

#[test]
fn default_key_is_the_first_of_ed25519_ecdsa_rsa() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let ssh = env.ssh_dir();
    std::fs::create_dir(&ssh).unwrap();
    std::fs::copy(fixture("rsa2048.pub"), ssh.join("id_rsa.pub")).unwrap();
    let json = copy_json(&env, &[]);
    assert_eq!(
        json["source"],
        ssh.join("id_rsa.pub").to_string_lossy().as_ref()
    );
    assert_eq!(json["type"], "rsa");

    std::fs::copy(fixture("ecdsa256.pub"), ssh.join("id_ecdsa.pub")).unwrap();
    let json = copy_json(&env, &[]);
    assert_eq!(
        json["source"],
        ssh.join("id_ecdsa.pub").to_string_lossy().as_ref()
    );
    assert_eq!(json["public_key"], key_line(&fixture("ecdsa256.pub")));
    assert_eq!(json["type"], "ecdsa");
    assert_eq!(json["bits"], 256);

    std::fs::copy(fixture("ed25519.pub"), ssh.join("id_ed25519.pub")).unwrap();
    let json = copy_json(&env, &[]);
    assert_eq!(
        json["source"],
        ssh.join("id_ed25519.pub").to_string_lossy().as_ref()
    );
    assert_eq!(json["fingerprint_sha256"], ED25519_FINGERPRINT);
    assert_eq!(json["comment"], "alice@example.com");
}

#[test]
fn no_default_key_suggests_generate() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env.sshgen().arg("copy").assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: error: no public key in {} (looked for id_ed25519.pub, id_ecdsa.pub, \
             id_rsa.pub, id_ed25519_sk.pub, id_ecdsa_sk.pub); make one with `sshgen generate`, or name the key file: \
             `sshgen copy FILE`\n",
            env.ssh_dir().display()
        )
    );
}

#[test]
fn private_key_gives_its_public_half_without_the_passphrase() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    env.run_ok(&["-f", "k", "-N", "secret", "-a", "2", "-C", "me@laptop"]);
    let public = key_line(&env.path("k.pub"));
    // The comment of an encrypted key is inside the encrypted part; the .pub
    // beside it supplies it.
    assert_eq!(copy_json(&env, &["k"])["public_key"], public);

    std::fs::rename(env.path("k"), env.path("lonely")).unwrap();
    let without_comment = public.rsplit_once(' ').unwrap().0;
    assert_eq!(copy_json(&env, &["lonely"])["public_key"], without_comment);
}

#[test]
fn standard_input_is_read_for_dash() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let key = fixture("ecdsa256.pub");
    let assert = env
        .sshgen()
        .args(["copy", "-", "--json"])
        .write_stdin(read(&key))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(json["source"], "-");
    assert_eq!(json["public_key"], key_line(&key));
}

#[test]
fn missing_and_malformed_files_are_clear_errors() {
    let env = Env::new();
    let _reaper = ServingChildrenReaper(&env);
    let assert = env.sshgen().args(["copy", "missing.pub"]).assert().code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: cannot read missing.pub: No such file or directory (os error 2)\n"
    );

    // Each file, and the start of what sshgen says about it (the rest names
    // the parser's finding).
    let damaged = [
        (
            "junk.pub",
            "ssh-ed25519 not-base64!! x\n",
            "junk.pub: not a key file: no private key and no public key line\n",
        ),
        (
            "pem",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n",
            "pem: damaged key file: not a valid PKCS#1 RSA key (",
        ),
        (
            "broken",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
            "broken: damaged key file: OpenSSH private key: ",
        ),
    ];
    for (name, content, said) in damaged {
        std::fs::write(env.path(name), content).unwrap();
        let assert = env.sshgen().args(["copy", name]).assert().code(1);
        let stderr = stderr_of(&assert);
        assert!(
            stderr.starts_with(&format!("sshgen: error: {said}")),
            "{stderr}"
        );
    }

    // Which of several keys was meant cannot be guessed.
    let two = format!(
        "{}{}",
        read(&fixture("ed25519.pub")),
        read(&fixture("rsa2048.pub"))
    );
    std::fs::write(env.path("authorized_keys"), two).unwrap();
    let assert = env
        .sshgen()
        .args(["copy", "authorized_keys"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "sshgen: error: authorized_keys: holds 2 keys; pass a file with just the one you \
         mean, e.g. its .pub file\n"
    );
}
