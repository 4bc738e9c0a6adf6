//! The one output seam. Every command builds a report value and hands it
//! to [`emit`], which writes it as the run's [`Output`] says: the text
//! (ssh-keygen's, or sshgen's own), one JSON document (the report's
//! `Serialize` form, whose field names are an interface pinned by
//! `tests/integration/json.rs`), or nothing (`-q`). Notices and warnings
//! go through the [`Ui`] value, which owns stderr, so that `-q`, `--json`
//! and escaping for the terminal apply to all of them by construction.
//! [`Context`] is what the run takes from its terminal, read once here.

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::error::{Error, Grammar, Result};

/// What a command prints on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// ssh-keygen's text, or sshgen's own.
    Text,
    /// One JSON document and nothing else.
    Json,
    /// Nothing but errors (`-q`).
    Quiet,
}

impl Output {
    /// `--json` and `-q` (which exclude each other on the command line).
    pub fn choose(json: bool, quiet: bool) -> Output {
        match (json, quiet) {
            (true, _) => Output::Json,
            (false, true) => Output::Quiet,
            (false, false) => Output::Text,
        }
    }
}

/// What this run takes from its terminal: whether stdout and stderr are
/// one, and whether text is shown as UTF-8 (the locale), read once by the
/// front end and passed down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    pub stdout_terminal: bool,
    pub stderr_terminal: bool,
    /// Characters beyond ASCII are shown as they are (a UTF-8 locale), or
    /// escaped as ssh-keygen's C locale escapes them.
    pub utf8: bool,
}

impl Context {
    /// The context of this process.
    pub fn detect() -> Context {
        Context {
            stdout_terminal: io::stdout().is_terminal(),
            stderr_terminal: io::stderr().is_terminal(),
            utf8: crate::platform::utf8_locale(),
        }
    }

    /// No terminal anywhere, a UTF-8 locale: the context unit tests run
    /// commands in.
    #[cfg(test)]
    pub fn plain() -> Context {
        Context {
            stdout_terminal: false,
            stderr_terminal: false,
            utf8: true,
        }
    }
}

/// The run's output choice and terminal, and its stderr.
#[derive(Clone, Copy, Debug)]
pub struct Ui {
    pub output: Output,
    pub context: Context,
}

impl Ui {
    pub fn new(output: Output, context: Context) -> Ui {
        Ui { output, context }
    }

    /// `text` (from a file, a server or the user) safe for this terminal.
    pub fn visible<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        crate::render::visible_line(text, self.context.utf8)
    }

    /// A line about what was done, on stderr; none under `-q`.
    pub fn notice(&self, message: impl Display) {
        if self.output != Output::Quiet {
            eprintln!("{}", self.visible(&message.to_string()));
        }
    }

    /// A line on stderr that the JSON report says too: with text output
    /// only.
    pub fn aside(&self, message: impl Display) {
        if self.output == Output::Text {
            eprintln!("{}", self.visible(&message.to_string()));
        }
    }

    /// A line on stderr that `-q` does not silence: the reason for a
    /// refusal, in the words ssh-keygen uses.
    pub fn message(&self, message: impl Display) {
        eprintln!("{}", self.visible(&message.to_string()));
    }

    /// A line as ssh-keygen logs it on stderr (its `logit` ends lines with
    /// CR LF), which `-q` does not silence here.
    pub fn log(&self, message: impl Display) {
        eprint!("{}\r\n", self.visible(&message.to_string()));
    }

    /// A line about something the user should look at, on stderr, even
    /// under `-q`.
    pub fn warning(&self, message: impl Display) {
        eprintln!("sshgen: warning: {}", self.visible(&message.to_string()));
    }
}

/// A command's report: its JSON is its `Serialize` form; its text is
/// [`Report::write_text`].
pub trait Report: Serialize {
    /// The report as text on stdout.
    fn write_text(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `report` to `stdout` as `ui` says, and flushes it.
pub fn emit<R: Report + ?Sized>(ui: &Ui, report: &R, stdout: &mut dyn Write) -> Result<()> {
    let printed = match ui.output {
        Output::Text => report.write_text(ui, stdout),
        Output::Json => json_line(stdout, report),
        Output::Quiet => Ok(()),
    };
    flushed(printed, stdout)
}

/// Prints `error` as one line on stderr (unless the command has said it),
/// escaped for the terminal as every line sshgen prints (messages quote
/// files, servers and the command line), and returns the exit status of
/// its kind under `grammar`.
pub fn report_error(error: &Error, grammar: Grammar) -> ExitCode {
    if !error.is_reported() {
        let utf8 = crate::platform::utf8_locale();
        eprintln!(
            "sshgen: error: {}",
            crate::render::visible_line(&error.to_string(), utf8)
        );
    }
    ExitCode::from(error.exit_code(grammar))
}

/// A report of many items written as they come (a known_hosts of a
/// million lines is never held in memory): a line or lines of text each,
/// or one JSON array of them.
pub struct Listing<'a, W: Write + ?Sized> {
    ui: &'a Ui,
    out: io::BufWriter<&'a mut W>,
    first: bool,
}

impl<'a, W: Write + ?Sized> Listing<'a, W> {
    pub fn begin(ui: &'a Ui, stdout: &'a mut W) -> Result<Listing<'a, W>> {
        let mut out = io::BufWriter::with_capacity(64 * 1024, stdout);
        if ui.output == Output::Json {
            out.write_all(b"[").map_err(stdout_error)?;
        }
        Ok(Listing {
            ui,
            out,
            first: true,
        })
    }

    /// One item: `json` makes its JSON form, `text` writes its text; only
    /// the one the output asks for runs.
    pub fn item<T: Serialize>(
        &mut self,
        json: impl FnOnce() -> Result<T>,
        text: impl FnOnce(&mut io::BufWriter<&'a mut W>) -> io::Result<()>,
    ) -> Result<()> {
        match self.ui.output {
            Output::Text => text(&mut self.out).map_err(stdout_error),
            Output::Json => {
                let value = json()?;
                if !std::mem::take(&mut self.first) {
                    self.out.write_all(b",").map_err(stdout_error)?;
                }
                serde_json::to_writer(&mut self.out, &value).map_err(|e| stdout_error(e.into()))
            }
            Output::Quiet => Ok(()),
        }
    }

    pub fn end(mut self) -> Result<()> {
        if self.ui.output == Output::Json {
            self.out.write_all(b"]\n").map_err(stdout_error)?;
        }
        let printed = self.out.flush();
        let stdout = self.out.into_parts().0;
        flushed(printed, stdout)
    }
}

/// `value` as one line of JSON.
pub fn json_line<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// Maps a failure to write to stdout. A reader that stopped early
/// (`sshgen … | head -1`) is not a failure: the work was done.
pub fn stdout_error(error: io::Error) -> Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Error::StdoutClosed
    } else {
        Error::io("write to", std::path::Path::new("standard output"), error)
    }
}

/// The end of every command's output: what it printed, flushed, with a
/// closed stdout told apart from a failed write ([`stdout_error`]).
pub fn flushed(printed: io::Result<()>, stdout: &mut (impl Write + ?Sized)) -> Result<()> {
    printed.and_then(|()| stdout.flush()).map_err(stdout_error)
}
