//! Questions asked at the terminal, behind the [`Prompter`] seam so commands can
//! be tested with scripted answers.

use std::io::{self, BufRead, IsTerminal, Write};

use crate::error::{Error, Result};
use crate::secret::Passphrase;

#[cfg(unix)]
mod tty;

/// Something that can ask the user a question.
pub trait Prompter {
    /// Whether there is someone to ask at all.
    fn is_interactive(&self) -> bool;
    /// Asks for a line of visible text; the answer has no line end.
    fn line(&mut self, prompt: &str) -> Result<String>;
    /// Asks for a secret without echoing it.
    fn secret(&mut self, prompt: &str) -> Result<Passphrase>;
    /// Tells the user something in passing.
    fn notice(&mut self, message: &str);

    /// Asks a yes/no question; only an answer starting with `y` or `Y` is yes.
    fn confirm(&mut self, prompt: &str) -> Result<bool> {
        let answer = self.line(prompt)?;
        Ok(answer.trim_start().starts_with(['y', 'Y']))
    }
}

/// The real terminal: questions on stderr, visible answers from stdin, secrets
/// from the terminal device with echo off.
pub struct Terminal {
    interactive: bool,
}

impl Terminal {
    /// A prompter that asks only when standard input is a terminal: piped or
    /// redirected input means a script, and scripts are never asked anything.
    pub fn new() -> Self {
        Terminal {
            interactive: io::stdin().is_terminal(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

impl Prompter for Terminal {
    fn is_interactive(&self) -> bool {
        self.interactive
    }

    fn line(&mut self, prompt: &str) -> Result<String> {
        let mut stderr = io::stderr().lock();
        write!(stderr, "{prompt}")
            .and_then(|()| stderr.flush())
            .map_err(Error::Terminal)?;
        let mut answer = String::new();
        let read = io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(Error::Terminal)?;
        if read == 0 {
            // Move past the prompt so the error starts on its own line.
            let _ = writeln!(stderr);
            return Err(Error::EndOfInput {
                question: "an answer",
            });
        }
        let trimmed = answer.trim_end_matches(['\n', '\r']).len();
        answer.truncate(trimmed);
        Ok(answer)
    }

    #[cfg(unix)]
    fn secret(&mut self, prompt: &str) -> Result<Passphrase> {
        match tty::read_secret(prompt).map_err(Error::Terminal)? {
            tty::Secret::Line(line) => Ok(Passphrase::new(line.to_vec())),
            tty::Secret::EndOfInput => Err(Error::EndOfInput {
                question: "a passphrase",
            }),
            tty::Secret::Interrupted => Err(Error::Interrupted),
        }
    }

    #[cfg(not(unix))]
    fn secret(&mut self, prompt: &str) -> Result<Passphrase> {
        match rpassword::prompt_password(prompt) {
            Ok(text) => Ok(Passphrase::new(text.into_bytes())),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                eprintln!();
                Err(Error::EndOfInput {
                    question: "a passphrase",
                })
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(Error::Interrupted),
            Err(e) => Err(Error::Terminal(e)),
        }
    }

    fn notice(&mut self, message: &str) {
        eprintln!("{message}");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Answers questions from a script; runs out like a closed terminal.
    pub(crate) struct Scripted {
        answers: VecDeque<String>,
        pub(crate) notices: Vec<String>,
        pub(crate) prompts: Vec<String>,
    }

    impl Scripted {
        pub(crate) fn new(answers: &[&str]) -> Self {
            Scripted {
                answers: answers.iter().map(|a| a.to_string()).collect(),
                notices: Vec::new(),
                prompts: Vec::new(),
            }
        }

        fn next(&mut self, prompt: &str, question: &'static str) -> Result<String> {
            self.prompts.push(prompt.to_owned());
            self.answers
                .pop_front()
                .ok_or(Error::EndOfInput { question })
        }
    }

    impl Prompter for Scripted {
        fn is_interactive(&self) -> bool {
            true
        }
        fn line(&mut self, prompt: &str) -> Result<String> {
            self.next(prompt, "an answer")
        }
        fn secret(&mut self, prompt: &str) -> Result<Passphrase> {
            Ok(Passphrase::new(
                self.next(prompt, "a passphrase")?.into_bytes(),
            ))
        }
        fn notice(&mut self, message: &str) {
            self.notices.push(message.to_owned());
        }
    }

    #[test]
    fn confirm_takes_only_yes_as_yes() {
        let mut p = Scripted::new(&["y", "Yes", "n", "", "ok"]);
        let answers: Vec<bool> = (0..5).map(|_| p.confirm("?").unwrap()).collect();
        assert_eq!(answers, [true, true, false, false, false]);
    }
}
