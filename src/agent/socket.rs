//! The connection to the ssh-agent: the Unix socket `SSH_AUTH_SOCK` names
//! (Linux, macOS), or on Windows the named pipe of OpenSSH's agent service,
//! `\\.\pipe\openssh-ssh-agent` (or the pipe `SSH_AUTH_SOCK` names there).
//! Each failure says what to do on this platform.

use std::io::{Read, Write};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::agent::MAX_REPLY;
use crate::error::{Error, Result};

/// How long a whole request may take, from sending it to the last byte of
/// the answer. An agent answers these requests at once; a socket that is
/// not an agent may never answer, or trickle a byte at a time.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// The Windows OpenSSH agent service's pipe.
pub const WINDOWS_PIPE: &str = r"\\.\pipe\openssh-ssh-agent";

/// How to start an agent, for messages.
#[cfg(unix)]
const START_HINT: &str = "start one with: eval \"$(ssh-agent -s)\"";
#[cfg(not(unix))]
const START_HINT: &str = "enable and start the \"OpenSSH Authentication Agent\" service, \
     in an administrator PowerShell: Get-Service ssh-agent | Set-Service -StartupType \
     Automatic; Start-Service ssh-agent";

/// An open connection to the agent.
pub struct Agent {
    #[cfg(unix)]
    stream: std::os::unix::net::UnixStream,
    #[cfg(not(unix))]
    stream: std::fs::File,
    /// The socket or pipe, for messages.
    name: String,
}

impl Agent {
    /// Connects to this session's agent.
    pub fn connect() -> Result<Agent> {
        let configured = std::env::var_os("SSH_AUTH_SOCK").filter(|sock| !sock.is_empty());
        #[cfg(unix)]
        {
            let Some(sock) = configured else {
                return Err(Error::Agent(format!(
                    "no ssh-agent is running in this session (SSH_AUTH_SOCK is not set); \
                     {START_HINT}"
                )));
            };
            let name = std::path::Path::new(&sock).display().to_string();
            let stream = std::os::unix::net::UnixStream::connect(&sock).map_err(|e| {
                Error::Agent(format!(
                    "cannot reach the ssh-agent at {name} ({}); {START_HINT}",
                    e
                ))
            })?;
            stream
                .set_read_timeout(Some(ANSWER_TIMEOUT))
                .and_then(|()| stream.set_write_timeout(Some(ANSWER_TIMEOUT)))
                .map_err(|e| Error::Agent(format!("{name}: {e}")))?;
            Ok(Agent { stream, name })
        }
        #[cfg(not(unix))]
        {
            let given = configured.is_some();
            let pipe = configured.unwrap_or_else(|| WINDOWS_PIPE.into());
            let name = std::path::Path::new(&pipe).display().to_string();
            let stream = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&pipe)
                .map_err(|e| {
                    Error::Agent(if given {
                        format!(
                            "cannot reach the ssh-agent at {name} (SSH_AUTH_SOCK): {}; \
                             unset SSH_AUTH_SOCK to use the OpenSSH service, or {START_HINT}",
                            e
                        )
                    } else {
                        format!(
                            "no ssh-agent is running: {name} cannot be opened ({}); \
                             {START_HINT}",
                            e
                        )
                    })
                })?;
            Ok(Agent { stream, name })
        }
    }

    /// The error for an answer that is not an agent's, and `why`.
    pub fn not_an_agent(&self, why: &str) -> Error {
        Error::Agent(format!(
            "{} did not answer as an ssh-agent does ({why}); is SSH_AUTH_SOCK right?",
            self.name
        ))
    }

    /// Sends one framed request and returns the body of the answer.
    pub fn call(&mut self, request: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let name = self.name.clone();
        let not_an_agent = |why: String| {
            Error::Agent(format!(
                "{name} did not answer as an ssh-agent does ({why}); is SSH_AUTH_SOCK right?"
            ))
        };
        let io_why = |e: std::io::Error| match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                format!("no answer in {} seconds", ANSWER_TIMEOUT.as_secs())
            }
            std::io::ErrorKind::UnexpectedEof => "it closed the connection".to_owned(),
            _ => e.to_string(),
        };
        let deadline = std::time::Instant::now() + ANSWER_TIMEOUT;
        self.stream
            .write_all(request)
            .and_then(|()| self.stream.flush())
            .map_err(|e| not_an_agent(io_why(e)))?;
        let mut length = [0u8; 4];
        self.read_by(&mut length, deadline)
            .map_err(|e| not_an_agent(io_why(e)))?;
        let length = u32::from_be_bytes(length) as usize;
        if length == 0 || length > MAX_REPLY {
            return Err(not_an_agent(format!("an answer of {length} bytes")));
        }
        let mut body = Zeroizing::new(vec![0u8; length]);
        self.read_by(&mut body, deadline)
            .map_err(|e| not_an_agent(io_why(e)))?;
        Ok(body)
    }

    /// Fills `buf`, failing with `TimedOut` once `deadline` has passed,
    /// however the bytes arrive: each read may wait only for what is left
    /// of the time.
    fn read_by(&mut self, buf: &mut [u8], deadline: std::time::Instant) -> std::io::Result<()> {
        let mut filled = 0;
        while filled < buf.len() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            #[cfg(unix)]
            self.stream.set_read_timeout(Some(left))?;
            match self.stream.read(&mut buf[filled..]) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
