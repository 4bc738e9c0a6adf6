//! A secret read from the terminal on Unix with echo off, in a way that
//! always gives the terminal back as it was.
//!
//! A reader that only turns echo off (as rpassword does) leaves the
//! terminal silent when Ctrl-C kills the process half-way: shells that do
//! not reset the terminal themselves (dash, a script's `sh`) then echo
//! nothing typed afterwards. Here the terminal's own signal keys are turned
//! off while the secret is typed and the interrupt key is read as a byte:
//! the terminal is restored, then sshgen exits 130 as interrupted.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use zeroize::Zeroizing;

/// How reading a secret ended.
pub enum Secret {
    /// The line typed, without its line end.
    Line(Zeroizing<Vec<u8>>),
    /// Ctrl-D on an empty line (the terminal's end-of-file key).
    EndOfInput,
    /// Ctrl-C (the terminal's interrupt key).
    Interrupted,
}

/// Puts the saved settings back when dropped, whatever happened meanwhile.
struct Restore<'a> {
    tty: &'a File,
    saved: Termios,
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(self.tty, OptionalActions::Now, &self.saved);
    }
}

/// Writes `prompt` to the terminal and reads one line with echo off.
pub fn read_secret(prompt: &str) -> io::Result<Secret> {
    let tty = OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let saved = termios::tcgetattr(&tty)?;
    let mut quiet = saved.clone();
    quiet
        .local_modes
        .remove(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG);
    quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
    quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
    let restore = Restore {
        tty: &tty,
        saved: saved.clone(),
    };
    // Settings first, prompt second: a key pressed as soon as the prompt
    // shows is read with these settings, never echoed or taken as a signal.
    // Typed-ahead input is dropped (TCSAFLUSH), as OpenSSH's
    // readpassphrase does: it was typed before the question was asked.
    termios::tcsetattr(&tty, OptionalActions::Flush, &quiet)?;
    (&tty).write_all(prompt.as_bytes())?;
    (&tty).flush()?;
    let key = |index| saved.special_codes[index];
    let (interrupt, end, erase, kill) = (
        key(SpecialCodeIndex::VINTR),
        key(SpecialCodeIndex::VEOF),
        key(SpecialCodeIndex::VERASE),
        key(SpecialCodeIndex::VKILL),
    );
    let mut line = Zeroizing::new(Vec::new());
    let mut byte = [0u8; 1];
    let outcome = loop {
        match (&tty).read(&mut byte) {
            Ok(0) => break Secret::EndOfInput,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        match byte[0] {
            b'\n' | b'\r' => break Secret::Line(std::mem::take(&mut line)),
            b if b == interrupt => break Secret::Interrupted,
            // As in the terminal's own line editing: end of file on an empty
            // line ends the input, on a typed one submits it.
            b if b == end && line.is_empty() => break Secret::EndOfInput,
            b if b == end => break Secret::Line(std::mem::take(&mut line)),
            b if b == erase || b == 0x7f || b == 0x08 => {
                // One character, all of its UTF-8 bytes.
                while let Some(last) = line.pop() {
                    if last & 0xc0 != 0x80 {
                        break;
                    }
                }
            }
            b if b == kill => line.clear(),
            b => line.push(b),
        }
    };
    drop(restore);
    // The Enter that ended the line was not echoed.
    let _ = (&tty).write_all(b"\n");
    Ok(outcome)
}
