//! macOS and Windows: the system keeps what is copied after sshgen exits, so
//! one call through arboard is all it takes; clearing it later takes a
//! detached child that waits.

/// Sets the system clipboard to `text`.
pub fn set_text(text: &str) -> Result<(), String> {
    arboard::Clipboard::new()
        .and_then(|mut clipboard| clipboard.set_text(text))
        .map_err(|e| e.to_string())
}

/// Starts a detached copy of sshgen (the hidden `serve-clipboard native`)
/// that clears the clipboard after `seconds` if it still holds `text`. The
/// text goes through a pipe, never the command line.
pub fn clear_later(text: &str, seconds: u32) -> Result<(), String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find sshgen's own program file: {e}"))?;
    let mut command = Command::new(exe);
    command
        .args([super::SERVE_COMMAND, "native", "--clear-after"])
        .arg(seconds.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // Only what the system needs to start a program: never a variable that
    // held a passphrase.
    command.env_clear();
    for var in [
        "HOME",
        "TMPDIR",
        "SystemRoot",
        "windir",
        "TEMP",
        "TMP",
        "USERPROFILE",
    ] {
        if let Some(value) = std::env::var_os(var) {
            command.env(var, value);
        }
    }
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        // Else the helper would hold the pipes of whoever reads sshgen's
        // output until it is done, 45 seconds later.
        crate::platform::windows_handles::keep_std_handles_from_children();
        // No console window of its own, and not ended with this one's.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        const DETACHED_PROCESS: u32 = 0x0000_0008;
        command.creation_flags(CREATE_NO_WINDOW | DETACHED_PROCESS);
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the clipboard clearer: {e}"))?;
    child
        .stdin
        .take()
        .ok_or_else(|| "no pipe to the clipboard clearer".to_owned())?
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot pass the text to the clipboard clearer: {e}"))
}

/// The detached child of [`clear_later`]: reads the text, waits, and clears
/// the clipboard if it still holds that text.
pub fn clear_when_unchanged(seconds: u32) -> Result<(), String> {
    use std::io::Read;
    #[cfg(unix)]
    let _ = rustix::process::setsid();
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the text: {e}"))?;
    std::thread::sleep(std::time::Duration::from_secs(seconds.into()));
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    if clipboard.get_text().is_ok_and(|current| current == text) {
        clipboard.clear().map_err(|e| e.to_string())?;
    }
    Ok(())
}
