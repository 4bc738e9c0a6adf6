//! A public key line put in a server's `~/.ssh/authorized_keys` over ssh,
//! the way `ssh-copy-id` does it, for `copy-id` and `access-key ssh
//! --install`: ssh logs in the usual way (its own password and host key
//! prompts, on the terminal) and runs one POSIX-shell snippet that makes
//! `~/.ssh` (0700) and `authorized_keys` (0600) when missing, appends the
//! line (read from standard input, so no quoting can go wrong) only when
//! that key's body is not in a line there yet (a line commented out does
//! not count), after a newline when the file lacks its last one, and
//! rewrites nothing.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::platform;

/// The server to install on.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// `[USER@]HOST` or an alias.
    pub target: &'a str,
    pub port: Option<u16>,
    /// `-o` options for ssh.
    pub ssh_options: &'a [String],
}

/// What the snippet says it did, on its own line of stdout.
const ADDED: &str = "sshgen-copy-id: added";
const PRESENT: &str = "sshgen-copy-id: present";

/// The shell snippet run on the server. `body` is the key's `TYPE BASE64`
/// (only base64 and type characters, checked); the whole line comes on
/// standard input.
pub fn snippet(body: &str) -> String {
    format!(
        "umask 077; cd || exit 1; mkdir -p .ssh || exit 1; f=.ssh/authorized_keys; \
         IFS= read -r line || exit 1; \
         if [ -f \"$f\" ] && grep -v \"^[[:space:]]*#\" \"$f\" | grep -qF -- \"{body}\"; then \
         echo {PRESENT}; exit 0; fi; \
         if [ -s \"$f\" ] && [ -n \"$(tail -c 1 \"$f\")\" ]; then echo >> \"$f\" || exit 1; fi; \
         printf \"%s\\n\" \"$line\" >> \"$f\" || exit 1; \
         if command -v restorecon >/dev/null 2>&1; then restorecon -F .ssh \"$f\"; fi; \
         echo {ADDED}"
    )
}

/// Logs in the usual way and runs the snippet; whether it added the line.
pub fn install(options: &Target, body: &str, line: &str) -> Result<bool> {
    let mut command = Command::new(platform::openssh_program("ssh")?);
    if let Some(foreign) = platform::ForeignHome::detect() {
        let ssh_dir = foreign.home.join(".ssh");
        let config = ssh_dir.join("config");
        command.arg("-F").arg(if config.exists() {
            config.display().to_string()
        } else {
            "none".to_owned()
        });
        command.arg("-o").arg(format!(
            "UserKnownHostsFile={}",
            ssh_dir.join("known_hosts").display()
        ));
    }
    if let Some(port) = options.port {
        command.arg("-p").arg(port.to_string());
    }
    for option in options.ssh_options {
        command.arg("-o").arg(option);
    }
    let mut child = command
        .arg("--")
        .arg(options.target)
        .arg(format!("exec sh -c '{}'", snippet(body)))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Refused(format!("cannot run ssh: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // The server may close its end first (a refused login); what it
        // says is in its exit status.
        let _ = stdin.write_all(format!("{line}\n").as_bytes());
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Error::Refused(format!("cannot run ssh: {e}")))?;
    let said = String::from_utf8_lossy(&output.stdout);
    if said.lines().any(|l| l == ADDED) {
        return Ok(true);
    }
    if said.lines().any(|l| l == PRESENT) {
        return Ok(false);
    }
    Err(Error::Refused(format!(
        "the key was not installed on {}: ssh exited with {}{}",
        options.target,
        output
            .status
            .code()
            .map_or("a signal".to_owned(), |c| c.to_string()),
        if said.trim().is_empty() {
            String::new()
        } else {
            format!(
                " and the server said: {}",
                crate::render::visible_line(said.trim(), true)
            )
        }
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_has_no_single_quote_to_break_its_quoting() {
        let script = snippet("ssh-ed25519 AAAAC3Nz");
        assert!(!script.contains('\''), "{script}");
        assert!(script.contains("grep -qF -- \"ssh-ed25519 AAAAC3Nz\""));
        assert!(script.contains("grep -v \"^[[:space:]]*#\""));
    }
}
