//! Examples for the man pages: the ones each command shows after its options
//! in `--help` (parsed back from that text, so the two never drift apart), and
//! the everyday jobs that open the main page.

use clap::Command;

/// One example: a command line and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub command: String,
    pub text: String,
}

/// What a command's `after_help` holds, split into examples and other notes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AfterHelp {
    pub examples: Vec<Example>,
    /// Paragraphs outside the `Examples:` block, kept in order.
    pub notes: Vec<String>,
}

/// A job most users of sshgen have, and the subcommand that does it. The job
/// is shown only while that subcommand exists, so the main page never
/// advertises a command line that does not parse.
struct EverydayJob {
    subcommand: &'static str,
    command: &'static str,
    text: &'static str,
}

const EVERYDAY_JOBS: &[EverydayJob] = &[
    EverydayJob {
        subcommand: "generate",
        command: "sshgen",
        text: "A personal key: Ed25519 in ~/.ssh/id_ed25519, protected by a passphrase \
               that sshgen asks for twice. An existing key is never replaced without asking",
    },
    EverydayJob {
        subcommand: "generate",
        command: "sshgen -f ci/deploy_key -C deploy@build --no-passphrase --json",
        text: "An access key for a build server, made unattended: no questions, the \
               details as one JSON object on standard output, and exit status 1 instead \
               of a prompt if ci/deploy_key already exists",
    },
    EverydayJob {
        subcommand: "generate",
        command: "sshgen -f ci/deploy_key -C deploy@build --passphrase-env DEPLOY_PASS -q",
        text: "The same key protected by the passphrase in the environment variable \
               DEPLOY_PASS, printing nothing but errors",
    },
    EverydayJob {
        subcommand: "copy",
        command: "sshgen copy",
        text: "Copy your public key to the clipboard, ready to paste into a service's \
               \"add SSH key\" form; over SSH it lands on the clipboard of your own machine",
    },
    EverydayJob {
        subcommand: "fingerprint",
        command: "sshgen fingerprint ~/.ssh/id_ed25519.pub",
        text: "Check a key's fingerprint against the one a service shows; the line is \
               the one ssh-keygen -l prints",
    },
    EverydayJob {
        subcommand: "passphrase",
        command: "sshgen passphrase ~/.ssh/id_ed25519",
        text: "Add, change or remove the passphrase of a private key; the key and its \
               comment stay the same",
    },
];

/// The everyday jobs whose subcommand `root` has; with `only` set, just the
/// jobs of that subcommand.
pub fn everyday_jobs(root: &Command, only: Option<&str>) -> Vec<Example> {
    EVERYDAY_JOBS
        .iter()
        .filter(|job| only.is_none_or(|name| name == job.subcommand))
        .filter(|job| {
            root.get_subcommands()
                .any(|sub| sub.get_name() == job.subcommand)
        })
        .map(|job| Example {
            command: job.command.to_owned(),
            text: job.text.to_owned(),
        })
        .collect()
}

/// Splits `after_help` text into examples and notes.
///
/// Under a line `Examples:`, a line indented by two spaces is a command line
/// and deeper-indented lines below it say what it does. The one-line form
/// `  COMMAND    what it does` (two or more spaces between) is understood
/// too. Any other text becomes a note.
pub fn parse_after_help(text: &str) -> AfterHelp {
    let mut parsed = AfterHelp::default();
    let mut in_examples = false;
    let mut note = String::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            flush_note(&mut note, &mut parsed.notes);
            continue;
        }
        if indent == 0 {
            in_examples = content.eq_ignore_ascii_case("examples:");
            if !in_examples {
                append_words(&mut note, content);
            }
            continue;
        }
        if !in_examples {
            append_words(&mut note, content);
        } else if indent <= 2 {
            let (command, text) = match content.split_once("  ") {
                Some((command, text)) => (command.trim(), text.trim()),
                None => (content, ""),
            };
            parsed.examples.push(Example {
                command: command.to_owned(),
                text: text.to_owned(),
            });
        } else if let Some(example) = parsed.examples.last_mut() {
            append_words(&mut example.text, content);
        } else {
            append_words(&mut note, content);
        }
    }
    flush_note(&mut note, &mut parsed.notes);
    parsed
}

fn append_words(buffer: &mut String, words: &str) {
    if !buffer.is_empty() {
        buffer.push(' ');
    }
    buffer.push_str(words);
}

fn flush_note(note: &mut String, notes: &mut Vec<String>) {
    if !note.is_empty() {
        notes.push(std::mem::take(note));
    }
}

/// Adds the examples of `more` whose command line is not in `examples` yet.
pub fn merge(examples: &mut Vec<Example>, more: Vec<Example>) {
    for example in more {
        if !examples.iter().any(|e| e.command == example.command) {
            examples.push(example);
        }
    }
}

/// The words of an example's command line as the shell would pass them to
/// sshgen: leading `VAR=value` assignments dropped, single and double quotes
/// removed, and everything from a redirection or pipe on left out.
pub fn argv(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    let is_assignment = |w: &String| w.contains('=') && !w.starts_with('-');
    let start = words
        .iter()
        .position(|w| !is_assignment(w))
        .unwrap_or(words.len());
    words
        .into_iter()
        .skip(start)
        .take_while(|w| !matches!(w.as_str(), ">" | ">>" | "|" | "<" | "&&" | ";"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(command: &str, text: &str) -> Example {
        Example {
            command: command.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn after_help_with_descriptions_below_commands() {
        let parsed = parse_after_help(
            "Examples:\n  sshgen\n      Ed25519 key,\n      asks for a passphrase\n  sshgen -t rsa\n      RSA key",
        );
        assert_eq!(
            parsed,
            AfterHelp {
                examples: vec![
                    example("sshgen", "Ed25519 key, asks for a passphrase"),
                    example("sshgen -t rsa", "RSA key"),
                ],
                notes: vec![],
            }
        );
    }

    #[test]
    fn after_help_in_two_columns_and_with_notes() {
        let parsed = parse_after_help(
            "Keys are read from ~/.ssh\nby default.\n\nExamples:\n  sshgen list        keys in ~/.ssh\n  sshgen list --json\n                     the same as JSON",
        );
        assert_eq!(
            parsed,
            AfterHelp {
                examples: vec![
                    example("sshgen list", "keys in ~/.ssh"),
                    example("sshgen list --json", "the same as JSON"),
                ],
                notes: vec!["Keys are read from ~/.ssh by default.".to_owned()],
            }
        );
    }

    #[test]
    fn merge_keeps_the_first_example_of_a_command_line() {
        let mut examples = vec![example("sshgen", "first")];
        merge(
            &mut examples,
            vec![example("sshgen", "second"), example("sshgen -q", "quiet")],
        );
        assert_eq!(
            examples,
            [example("sshgen", "first"), example("sshgen -q", "quiet")]
        );
    }

    #[test]
    fn argv_drops_assignments_quotes_and_redirections() {
        assert_eq!(
            argv("PASS=x sshgen -N '' -C \"a b\" > out.txt"),
            ["sshgen", "-N", "", "-C", "a b"]
        );
        assert_eq!(argv("sshgen"), ["sshgen"]);
    }

    #[test]
    fn everyday_jobs_follow_the_subcommands_that_exist() {
        let root = Command::new("sshgen")
            .subcommand(Command::new("generate"))
            .subcommand(Command::new("passphrase"));
        let commands: Vec<String> = everyday_jobs(&root, None)
            .into_iter()
            .map(|e| e.command)
            .collect();
        assert_eq!(
            commands,
            [
                "sshgen",
                "sshgen -f ci/deploy_key -C deploy@build --no-passphrase --json",
                "sshgen -f ci/deploy_key -C deploy@build --passphrase-env DEPLOY_PASS -q",
                "sshgen passphrase ~/.ssh/id_ed25519",
            ]
        );
        let only: Vec<String> = everyday_jobs(&root, Some("passphrase"))
            .into_iter()
            .map(|e| e.command)
            .collect();
        assert_eq!(only, ["sshgen passphrase ~/.ssh/id_ed25519"]);
    }
}
