//! The clipboard edge: which way reaches the user's clipboard (OSC 52 over
//! SSH, Wayland, X11, macOS, Windows), copying text that way, and saying how
//! it was done or why it could not be.
//!
//! The choice is a pure function of [`Surroundings`], read once from the
//! environment, so it is tested without a display. sshgen never runs xclip,
//! wl-copy, pbcopy or clip: it talks to the display server (through arboard)
//! or to the terminal itself.

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub mod native;
pub mod osc52;
#[cfg(all(unix, not(target_os = "macos")))]
pub mod served;

use std::fmt;

/// A way text reached the clipboard; its label is what users are told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    X11,
    Wayland,
    MacOs,
    Windows,
    /// The escape sequence written to the terminal, which sets the clipboard
    /// of the machine the terminal runs on.
    Osc52,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::X11 => "X11",
            Method::Wayland => "Wayland",
            Method::MacOs => "macOS",
            Method::Windows => "Windows",
            Method::Osc52 => "OSC 52",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which ways the user allows (`--clipboard`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    // Plain comments: a doc comment would be the value's help in `--help`,
    // which `--clipboard`'s own help covers.
    // OSC 52 in an SSH session with a terminal, else the system's clipboard.
    Auto,
    // The system's clipboard only (display server, macOS, Windows).
    Native,
    // The terminal's OSC 52 only, also outside SSH.
    Osc52,
}

/// The hidden command that keeps (X11, Wayland) or later clears (macOS,
/// Windows) what sshgen copied.
pub const SERVE_COMMAND: &str = "serve-clipboard";

/// What a copy came to: reported on stderr and in JSON, never a failure of
/// the command that asked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyOutcome {
    Copied(Method),
    Failed { reason: String },
}

/// What the environment offers, read once so that the choice is pure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// `WAYLAND_DISPLAY` is set.
    pub wayland_display: bool,
    /// `DISPLAY` is set.
    pub x11_display: bool,
    /// `SSH_TTY` or `SSH_CONNECTION` is set: the user sits at another machine.
    pub ssh_session: bool,
    /// sshgen has a terminal to write an escape sequence to.
    pub terminal: bool,
    /// `STY` is set: the terminal is GNU screen, which must be asked to pass
    /// the sequence on.
    pub inside_screen: bool,
}

impl Surroundings {
    pub fn detect() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
        Surroundings {
            wayland_display: set("WAYLAND_DISPLAY"),
            x11_display: set("DISPLAY"),
            ssh_session: set("SSH_TTY") || set("SSH_CONNECTION"),
            terminal: terminal::is_available(),
            inside_screen: set("STY"),
        }
    }
}

/// The ways to try, best first, or why there is none.
pub fn candidates(preference: Preference, around: &Surroundings) -> Result<Vec<Method>, String> {
    match preference {
        Preference::Osc52 if around.terminal => Ok(vec![Method::Osc52]),
        Preference::Osc52 => Err("no terminal to send the OSC 52 sequence to".to_owned()),
        Preference::Auto if around.ssh_session && around.terminal => Ok(vec![Method::Osc52]),
        Preference::Auto | Preference::Native => system_candidates(around),
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn system_candidates(around: &Surroundings) -> Result<Vec<Method>, String> {
    // A Wayland session usually runs XWayland too; the native protocol is the
    // one every Wayland program sees, X11 the fallback.
    let mut methods = Vec::new();
    if around.wayland_display {
        methods.push(Method::Wayland);
    }
    if around.x11_display {
        methods.push(Method::X11);
    }
    if methods.is_empty() {
        let mut reason =
            "no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset)".to_owned();
        if around.ssh_session {
            reason.push_str(" and no terminal for OSC 52");
        }
        return Err(reason);
    }
    Ok(methods)
}

#[cfg(target_os = "macos")]
fn system_candidates(_around: &Surroundings) -> Result<Vec<Method>, String> {
    Ok(vec![Method::MacOs])
}

#[cfg(windows)]
fn system_candidates(_around: &Surroundings) -> Result<Vec<Method>, String> {
    Ok(vec![Method::Windows])
}

#[cfg(not(any(unix, windows)))]
fn system_candidates(_around: &Surroundings) -> Result<Vec<Method>, String> {
    Err("this system has no clipboard sshgen can reach".to_owned())
}

/// Puts `text` on the clipboard the first way that works.
pub fn copy(text: &str, preference: Preference) -> CopyOutcome {
    copy_clearing(text, preference, None)
}

/// [`copy`], and with `clear_after` seconds the clipboard is emptied after
/// that long if it still holds `text` (something copied meanwhile stays):
/// on X11 and Wayland the serving child stops serving, on macOS and Windows
/// a detached child clears it. OSC 52 cannot be cleared.
pub fn copy_clearing(text: &str, preference: Preference, clear_after: Option<u32>) -> CopyOutcome {
    let around = Surroundings::detect();
    let methods = match candidates(preference, &around) {
        Ok(methods) => methods,
        Err(reason) => return CopyOutcome::Failed { reason },
    };
    let mut reasons = Vec::new();
    for method in methods {
        match copy_with(method, text, &around, clear_after) {
            Ok(()) => return CopyOutcome::Copied(method),
            Err(reason) => reasons.push(format!("{method}: {reason}")),
        }
    }
    CopyOutcome::Failed {
        reason: reasons.join("; "),
    }
}

/// Whether `preference` would send the text through the terminal (OSC 52)
/// here, which a secret must not do unless asked for by name.
pub fn would_use_osc52(preference: Preference) -> bool {
    candidates(preference, &Surroundings::detect()).is_ok_and(|m| m.contains(&Method::Osc52))
}

fn copy_with(
    method: Method,
    text: &str,
    around: &Surroundings,
    clear_after: Option<u32>,
) -> Result<(), String> {
    match method {
        Method::Osc52 => {
            terminal::write(&osc52::set_clipboard_sequence(text, around.inside_screen))
                .map_err(|e| format!("cannot write to the terminal: {e}"))
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        Method::X11 | Method::Wayland => served::hand_over(method, text, clear_after),
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        Method::X11 | Method::Wayland => Err("not available on this system".to_owned()),
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        Method::MacOs | Method::Windows => {
            native::set_text(text).and_then(|()| match clear_after {
                Some(seconds) => native::clear_later(text, seconds),
                None => Ok(()),
            })
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        Method::MacOs | Method::Windows => Err("not available on this system".to_owned()),
    }
}

/// The terminal the user looks at, for the OSC 52 sequence.
mod terminal {
    use std::io::{self, Write};

    /// The controlling terminal, also when stdout and stderr are redirected.
    #[cfg(unix)]
    fn open() -> io::Result<impl Write> {
        std::fs::OpenOptions::new().write(true).open("/dev/tty")
    }

    /// Windows has no `/dev/tty`; stderr is the terminal unless redirected.
    #[cfg(not(unix))]
    fn open() -> io::Result<impl Write> {
        use std::io::IsTerminal;
        let stderr = io::stderr();
        if stderr.is_terminal() {
            Ok(stderr)
        } else {
            Err(io::Error::other("standard error is not a terminal"))
        }
    }

    pub fn is_available() -> bool {
        open().is_ok()
    }

    pub fn write(bytes: &[u8]) -> io::Result<()> {
        let mut terminal = open()?;
        terminal.write_all(bytes)?;
        terminal.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESKTOP: Surroundings = Surroundings {
        wayland_display: false,
        x11_display: true,
        ssh_session: false,
        terminal: true,
        inside_screen: false,
    };

    #[test]
    fn ssh_with_a_terminal_uses_osc_52() {
        let around = Surroundings {
            ssh_session: true,
            ..DESKTOP
        };
        assert_eq!(
            candidates(Preference::Auto, &around),
            Ok(vec![Method::Osc52])
        );
        assert_ne!(
            candidates(Preference::Native, &around),
            Ok(vec![Method::Osc52])
        );
    }

    #[test]
    fn osc_52_needs_a_terminal() {
        let around = Surroundings {
            terminal: false,
            ..DESKTOP
        };
        assert_eq!(
            candidates(Preference::Osc52, &around),
            Err("no terminal to send the OSC 52 sequence to".to_owned())
        );
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn wayland_first_then_x11() {
        let around = Surroundings {
            wayland_display: true,
            ..DESKTOP
        };
        assert_eq!(
            candidates(Preference::Auto, &around),
            Ok(vec![Method::Wayland, Method::X11])
        );
        assert_eq!(
            candidates(Preference::Auto, &DESKTOP),
            Ok(vec![Method::X11])
        );
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn headless_says_why() {
        let around = Surroundings::default();
        assert_eq!(
            candidates(Preference::Auto, &around),
            Err("no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset)".to_owned())
        );
        let over_ssh_without_terminal = Surroundings {
            ssh_session: true,
            ..around
        };
        assert_eq!(
            candidates(Preference::Auto, &over_ssh_without_terminal),
            Err(
                "no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset) \
                 and no terminal for OSC 52"
                    .to_owned()
            )
        );
    }
}
