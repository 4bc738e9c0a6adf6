//! X11 and Wayland: the clipboard holds no text, the program that copied
//! must go on answering every paste. sshgen hands the text to a detached copy
//! of itself (the hidden `serve-clipboard` command) that takes the selection,
//! tells the parent once the display server confirms it, and serves until
//! another program takes the clipboard over.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::Method;

use super::SERVE_COMMAND;

/// What the serving child prints once it owns the selection.
const READY: &str = "ready";
/// What it prints, followed by the reason, when it could not take it.
const FAILED: &str = "failed: ";

/// How long the parent waits for the child's answer. A local display answers
/// in milliseconds; this only bounds a display server that accepted the
/// connection and then hung.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the child waits to see its own text come back from the display.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(3);
const CONFIRM_POLL: Duration = Duration::from_millis(5);

/// The argument naming the protocol to the serving child (the values of
/// `cli::DisplayProtocol`).
fn protocol_arg(method: Method) -> &'static str {
    match method {
        Method::Wayland => "wayland",
        _ => "x11",
    }
}

/// The variable that names the display for `method`.
fn display_var(method: Method) -> &'static str {
    match method {
        Method::Wayland => "WAYLAND_DISPLAY",
        _ => "DISPLAY",
    }
}

/// The environment the serving child keeps: the display's name, what finds
/// its socket and its authorisation, and HOME (libX11 reads the cookie from
/// `$XAUTHORITY`, else `~/.Xauthority`).
fn child_env_vars(method: Method) -> &'static [&'static str] {
    match method {
        Method::Wayland => &["WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "HOME"],
        _ => &["DISPLAY", "XAUTHORITY", "HOME"],
    }
}

/// Starts the serving child and returns once it owns the selection, or with
/// the reason it could not.
pub fn hand_over(method: Method, text: &str, clear_after: Option<u32>) -> Result<(), String> {
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find sshgen's own program file: {e}"))?;
    let mut command = Command::new(exe);
    command.arg(SERVE_COMMAND).arg(protocol_arg(method));
    if let Some(seconds) = clear_after {
        command.arg("--clear-after").arg(seconds.to_string());
    }
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // The child may live for hours: it must not keep the folder sshgen
        // ran in busy (an unmount, a removable drive).
        .current_dir("/");
    // The child may outlive sshgen by hours: it gets only the variables its
    // display connection needs, never the rest (a passphrase given with
    // --passphrase-env would stay readable in its /proc/PID/environ). And
    // since arboard picks Wayland whenever WAYLAND_DISPLAY is set and
    // silently falls back to X11, passing one protocol's variables makes the
    // child use exactly the protocol it will be reported as.
    command.env_clear();
    for var in child_env_vars(method) {
        if let Some(value) = std::env::var_os(var) {
            command.env(var, value);
        }
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the clipboard server: {e}"))?;

    // The text goes through a pipe, not the command line, which every user
    // on the machine can read.
    let sent = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()))
        .unwrap_or_else(|| Err(io::Error::other("no pipe to the clipboard server")));
    let stdout = child.stdout.take();
    let (answer_tx, answer_rx) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        if let Some(stdout) = stdout {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let _ = answer_tx.send(line);
    });
    let answer = answer_rx.recv_timeout(ANSWER_TIMEOUT);
    match answer {
        Ok(line) if line.trim_end() == READY => Ok(()),
        Ok(line) => {
            let _ = child.wait();
            Err(match line.trim_end().strip_prefix(FAILED) {
                Some(reason) => reason.to_owned(),
                None => match sent {
                    Err(e) => format!("cannot pass the text to the clipboard server: {e}"),
                    Ok(()) => "the clipboard server stopped without an answer".to_owned(),
                },
            })
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!(
                "the display did not answer within {} seconds",
                ANSWER_TIMEOUT.as_secs()
            ))
        }
    }
}

/// The serving child: reads the text from stdin, takes the selection, says
/// `ready` (or `failed: REASON`) on stdout, and serves until another program
/// owns the clipboard, or until `clear_after` seconds have passed: then it
/// stops serving, which empties the clipboard. Fails with the reason it
/// printed.
pub fn serve(method: Method, clear_after: Option<u32>) -> Result<(), String> {
    let deadline = clear_after.map(|seconds| Instant::now() + Duration::from_secs(seconds.into()));
    // A session of its own: closing the terminal or Ctrl-C in the shell that
    // ran sshgen must not end the child that keeps the text.
    let _ = rustix::process::setsid();
    let mut text = String::new();
    let mut stdout = io::stdout();
    let result = io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the text to serve: {e}"))
        .and_then(|_| {
            if std::env::var_os(display_var(method)).is_none() {
                return Err(format!("{} is not set", display_var(method)));
            }
            take_selection(&text, method).map(|selection| (selection, text))
        });
    match result {
        Ok((mut selection, text)) => {
            let _ = writeln!(stdout, "{READY}").and_then(|()| stdout.flush());
            if selection.serve_until_lost(method == Method::X11, &text, deadline) {
                // Time is up: the process ends at once, so that nothing
                // (such as arboard handing the text to a clipboard manager
                // when its last handle is dropped) keeps the text alive.
                std::process::exit(0);
            }
            Ok(())
        }
        Err(reason) => {
            let _ = writeln!(stdout, "{FAILED}{reason}").and_then(|()| stdout.flush());
            Err(reason)
        }
    }
}

/// A selection this process owns, served by a background thread.
struct OwnedSelection {
    /// A second handle on the display, to check that it is still there.
    probe: arboard::Clipboard,
    /// Yields when the serving thread ends: the selection was taken by
    /// another program, or the display went away.
    lost: mpsc::Receiver<Result<(), String>>,
}

impl OwnedSelection {
    /// Blocks until another program takes the clipboard, the display ends
    /// or `deadline` passes (then it says `true`).
    fn serve_until_lost(
        &mut self,
        check_display: bool,
        text: &str,
        deadline: Option<Instant>,
    ) -> bool {
        loop {
            let wait = match deadline {
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return true;
                    }
                    left.min(DISPLAY_CHECK_INTERVAL)
                }
                None => DISPLAY_CHECK_INTERVAL,
            };
            match self.lost.recv_timeout(wait) {
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(_) | Err(mpsc::RecvTimeoutError::Disconnected) => return false,
            }
            // arboard's X11 server thread stops when the X server goes away
            // (the session ended) without waking the thread that waits for
            // the selection to change; without this check the child would
            // outlive the display.
            if check_display && !self.probe.get_text().is_ok_and(|current| current == text) {
                return false;
            }
        }
    }
}

/// How often the X11 serving child checks that the display is still there.
const DISPLAY_CHECK_INTERVAL: Duration = Duration::from_secs(2);

/// Takes the clipboard selection for `text` and returns once the display
/// server hands the same text back.
fn take_selection(text: &str, method: Method) -> Result<OwnedSelection, String> {
    use arboard::SetExtLinux;

    // Connects first so that an unreachable display is reported as such.
    let mut probe = arboard::Clipboard::new().map_err(|e| {
        let display = std::env::var(display_var(method)).unwrap_or_default();
        if method == Method::Wayland {
            format!("cannot use the Wayland display {display}: {e}")
        } else {
            // arboard says "timed out" for any failed X11 connection, also
            // for a display that does not exist.
            format!("cannot connect to the X11 display {display}")
        }
    })?;
    let (lost_tx, lost_rx) = mpsc::channel();
    let served_text = text.to_owned();
    thread::spawn(move || {
        // `wait()` makes arboard serve requests until the selection is taken
        // by someone else.
        let result = arboard::Clipboard::new()
            .and_then(|mut clipboard| clipboard.set().wait().text(served_text))
            .map_err(|e| e.to_string());
        let _ = lost_tx.send(result);
    });

    // Reading back through the display server proves that it names us (or a
    // clipboard manager that took the text over from us) as the owner and
    // that the answers arrive, not merely that we asked.
    let deadline = Instant::now() + CONFIRM_TIMEOUT;
    loop {
        let ended = match lost_rx.try_recv() {
            Ok(Err(reason)) => return Err(reason),
            Ok(Ok(())) => true,
            Err(_) => false,
        };
        if probe.get_text().is_ok_and(|current| current == text) {
            // When the serving thread has already ended, a clipboard manager
            // holds the text; serving ends at once, the text stays.
            return Ok(OwnedSelection {
                probe,
                lost: lost_rx,
            });
        }
        if ended {
            return Err("another program took the clipboard at once".to_owned());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "the display did not confirm the copy within {} seconds",
                CONFIRM_TIMEOUT.as_secs()
            ));
        }
        thread::sleep(CONFIRM_POLL);
    }
}
