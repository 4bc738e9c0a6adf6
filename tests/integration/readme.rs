//! The README's transcripts, run: every fenced `console` block is played in
//! a fresh home through bash in a pseudo-terminal, as a user would type it,
//! and what comes out must be what the block shows. A changed message fails
//! here until the README says the same.
//!
//! A block may be preceded by one HTML comment that sets it up:
//!
//! ```text
//! <!-- transcript
//! home: /home/ana          the home folder the block shows (the default)
//! user: ana@laptop         what user@host the block shows for the account's
//! setup: <bash line>       run before the block, unseen; may repeat
//! type: <answer>           typed at the next prompt; may repeat, in order
//! with: x11|wayland|sk-dummy   a display (Xvfb, sway) or authenticator
//! with: github             the code hosts' stand-in and a git server behind it
//! with: password-sshd      an sshd on 127.0.0.1 that takes passwords, and an
//!                          account with one
//! means: TEXT => TEXT      in the commands, what the README's text stands for
//! shows: TEXT => TEXT      in the output, how the README shows a value
//! hides: TEXT              a line that only the stand-ins make sshgen print
//! dir: repo                the folder the commands run in (after setup)
//! host: ci                 what the block shows for this machine's name
//! -->
//! ```
//!
//! `means` and `shows` stand in for the real hosts a README names
//! (github.com, server.example.com), which the servers above play here; in
//! them and in `setup` and `type`, `{port}`, `{account}`, `{password}`,
//! `{host_key}`, `{token}`, `{target}` (the stand-in's connection
//! arguments) and `{user}` (who logs in to it) are the running servers'
//! values.
//!
//! or say why it is not run here: `<!-- transcript not run: REASON -->`.
//!
//! Parts that differ on every run are compared as placeholders on both
//! sides: fingerprints, randomart, key blobs, dates and commit ids. In the
//! README, `…` stands for any text within a line, and a line of `…` alone
//! for any number of lines.

use std::path::PathBuf;
use std::process::Command;

use regex::Regex;
use rexpect::process::wait::WaitStatus;
use rexpect::session::spawn_command;

use crate::clipboard::{Sway, Xvfb};
use crate::util::{Env, require, sshgen_bin};

/// How long a command may wait for an answer nobody types.
const TIMEOUT_MS: u64 = 20_000;

/// A console block and what precedes it.
#[derive(Debug, Default)]
struct Block {
    /// The README line of its opening fence.
    line: usize,
    not_run: Option<String>,
    home: Option<String>,
    user: Option<String>,
    setup: Vec<String>,
    typed: Vec<String>,
    with: Vec<String>,
    /// The folder, under the test's root, the commands run in.
    dir: Option<String>,
    /// What the block shows for this machine's name.
    host: Option<String>,
    means: Vec<(String, String)>,
    shows: Vec<(String, String)>,
    hides: Vec<String>,
    steps: Vec<Step>,
}

/// One command and the lines it shows.
#[derive(Debug)]
struct Step {
    command: String,
    expected: Vec<String>,
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's console blocks, with their directives.
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut directive: Option<String> = None;
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("<!-- transcript") {
            let mut comment = trimmed.to_owned();
            while !comment.trim_end().ends_with("-->") {
                let (_, more) = lines.next().expect("the transcript comment ends");
                comment.push('\n');
                comment.push_str(more.trim_start());
            }
            directive = Some(comment);
            continue;
        }
        if trimmed == "```console" {
            let indent = line.len() - trimmed.len();
            let mut block = parse_directive(directive.take().as_deref().unwrap_or(""));
            block.line = number + 1;
            for (_, line) in lines.by_ref() {
                let line = line.get(indent..).unwrap_or(line.trim_start());
                if line == "```" {
                    break;
                }
                match line
                    .strip_prefix("$ ")
                    .or_else(|| line.strip_prefix("PS> "))
                {
                    Some(command) => block.steps.push(Step {
                        command: command.to_owned(),
                        expected: Vec::new(),
                    }),
                    None => block
                        .steps
                        .last_mut()
                        .expect("a console block starts with a command")
                        .expected
                        .push(line.to_owned()),
                }
            }
            blocks.push(block);
        } else if !trimmed.is_empty() {
            directive = None;
        }
    }
    blocks
}

fn parse_directive(comment: &str) -> Block {
    let mut block = Block::default();
    let body = comment
        .trim_start_matches("<!-- transcript")
        .trim_end()
        .trim_end_matches("-->");
    if let Some(reason) = body.trim().strip_prefix("not run:") {
        block.not_run = Some(reason.trim().to_owned());
        return block;
    }
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (key, value) = line.split_once(':').expect("key: value");
        let value = value.strip_prefix(' ').unwrap_or(value).to_owned();
        match key {
            "home" => block.home = Some(value),
            "user" => block.user = Some(value),
            "setup" => block.setup.push(value),
            "type" => block.typed.push(value),
            "with" => block.with.push(value),
            "dir" => block.dir = Some(value),
            "host" => block.host = Some(value),
            "hides" => block.hides.push(value),
            "means" | "shows" => {
                let (text, with) = value.split_once(" => ").expect("TEXT => TEXT");
                let pair = (text.to_owned(), with.to_owned());
                if key == "means" {
                    block.means.push(pair);
                } else {
                    block.shows.push(pair);
                }
            }
            other => panic!("unknown transcript directive {other}"),
        }
    }
    block
}

/// The parts of a line that differ on every run, made the same.
fn placeholders(line: &str) -> String {
    static RULES: std::sync::OnceLock<Vec<(Regex, &str)>> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (r"SHA256:[A-Za-z0-9+/]{43}", "SHA256:<fingerprint>"),
            (r"MD5(:[0-9a-f]{2}){16}", "MD5:<fingerprint>"),
            (r"^\|.{17}\|$", "|<randomart>|"),
            (r"AAAA[A-Za-z0-9+/]{20,}={0,2}", "AAAA<key>"),
            (r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ?)?", "<date>"),
            (r"\b[0-9a-f]{40}\b", "<commit>"),
            (r"\(root-commit\) [0-9a-f]{7}\]", "(root-commit) <commit>]"),
            // Columns are as wide as the test's paths, longer than the README's.
            (r"  +", "  "),
        ]
        .into_iter()
        .map(|(pattern, with)| (Regex::new(pattern).unwrap(), with))
        .collect()
    });
    let mut line = line.trim_end().to_owned();
    for (pattern, with) in rules {
        line = pattern.replace_all(&line, *with).into_owned();
    }
    line
}

/// Whether one line matches the README's line, where `…` is any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let pattern = expected
        .split('…')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(".*");
    Regex::new(&format!("^{pattern}$"))
        .unwrap()
        .is_match(actual)
}

/// Whether the lines match, where a line of `…` alone is any lines.
fn lines_match(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && lines_match(rest, more)),
    }
}

/// What a terminal shows of `raw`: carriage returns redraw the line.
fn screen_lines(raw: &str) -> Vec<String> {
    let text = raw.replace("\r\n", "\n");
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| line.rsplit('\r').next().unwrap_or("").to_owned())
        .collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The displays and authenticator a block asked for, kept running while
/// it plays, and what its commands need to find them.
struct Services {
    _x11: Option<Xvfb>,
    _wayland: Option<Sway>,
    _hosts: Option<crate::code_hosts::Hosts>,
    _server: Option<crate::copy_id::Server>,
    vars: Vec<(String, std::ffi::OsString)>,
    /// The `{name}` placeholders' values.
    values: Vec<(&'static str, String)>,
}

impl Services {
    fn expand(&self, text: &str) -> String {
        self.values
            .iter()
            .fold(text.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

/// `word` quoted for bash.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

fn services(block: &Block) -> Option<Services> {
    let mut services = Services {
        _x11: None,
        _wayland: None,
        _hosts: None,
        _server: None,
        vars: Vec::new(),
        values: Vec::new(),
    };
    for with in &block.with {
        match with.as_str() {
            "x11" => {
                require("Xvfb")?;
                require("xclip")?;
                let x11 = Xvfb::start();
                services
                    .vars
                    .push(("DISPLAY".into(), x11.display.clone().into()));
                services._x11 = Some(x11);
            }
            "wayland" => {
                require("sway")?;
                require("wl-copy")?;
                let sway = Sway::start();
                services
                    .vars
                    .extend(sway.vars().map(|(k, v)| (k.to_owned(), v)));
                services._wayland = Some(sway);
            }
            "sk-dummy" => {
                require(crate::security_keys::SK_DUMMY)?;
            }
            "github" => {
                let hosts = crate::code_hosts::hosts()?;
                let target = hosts.target("github", "acme/widget");
                // The repository and service are the README's own words.
                let target: Vec<String> = target[2..].iter().map(|w| quoted(w)).collect();
                services.values.push(("target", target.join(" ")));
                services
                    .values
                    .push(("user", crate::interop::current_user()));
                services
                    .values
                    .push(("token", crate::code_hosts::TOKEN.to_owned()));
                services
                    .vars
                    .push(("SSL_CERT_FILE".into(), hosts.stand_in.ca.clone().into()));
                services._hosts = Some(hosts);
            }
            "password-sshd" => {
                let server = crate::copy_id::server("doc")?;
                let host_key = crate::util::read(&server.env.path("host_key.pub"));
                let host_key: Vec<&str> = host_key.split_whitespace().take(2).collect();
                services.values.extend([
                    ("port", server.port.to_string()),
                    ("account", server.account.name.clone()),
                    ("password", crate::copy_id::PASSWORD.to_owned()),
                    ("host_key", host_key.join(" ")),
                ]);
                services._server = Some(server);
            }
            other => panic!("README line {}: unknown service {other}", block.line),
        }
    }
    Some(services)
}

/// Plays `block` and returns what went differently, if anything.
fn play(block: &Block) -> Option<String> {
    require("bash")?;
    let services = services(block)?;
    let env = Env::new();
    let bin = env.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(sshgen_bin(), bin.join("sshgen")).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let state = env.path(".transcript-state");
    std::fs::write(&state, "").unwrap();
    let bash = |script: &str| {
        let mut command = env.command_of("bash");
        command
            .args(["--noprofile", "--norc", "-c", script])
            .env("PATH", &path)
            // A user's shell, not the test runner's: CI would turn on
            // clap's colours.
            .env_remove("CI")
            .env("TERM", "dumb")
            .env("GIT_PAGER", "cat")
            .envs(services.vars.iter().map(|(k, v)| (k, v)));
        command
    };
    for line in &block.setup {
        let output = bash(&services.expand(line)).output().unwrap();
        assert!(
            output.status.success(),
            "README line {}: setup `{line}` failed: {}",
            block.line,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let typed: Vec<String> = block.typed.iter().map(|t| services.expand(t)).collect();
    let mut typed = typed.iter();
    let mut report = String::new();
    for step in &block.steps {
        let command = block
            .means
            .iter()
            .fold(step.command.clone(), |command, (text, with)| {
                command.replace(text, &services.expand(with))
            });
        let script = format!(
            ". {state}\n{command}\nstatus=$?\nexport -p > {state}\nexit $status\n",
            state = state.display()
        );
        let mut command = bash(&script);
        if let Some(dir) = &block.dir {
            command.current_dir(env.path(dir));
        }
        let mut session = spawn_command(command, Some(TIMEOUT_MS)).expect("spawn bash");
        let raw = match answered(&mut session, &mut typed) {
            Ok(raw) => raw,
            Err(e) => {
                report.push_str(&format!(
                    "README line {}: `{}` did not end: {e}\n\n",
                    block.line, step.command
                ));
                return Some(report);
            }
        };
        let status = session.process().wait().expect("wait for bash");
        assert!(
            matches!(status, WaitStatus::Exited(..)),
            "README line {}: `{}` did not exit: {status:?}",
            block.line,
            step.command
        );
        let actual: Vec<String> = screen_lines(&raw)
            .iter()
            .map(|line| {
                block.shows.iter().fold(line.clone(), |line, (text, with)| {
                    line.replace(&services.expand(text), with)
                })
            })
            .filter_map(|line| seen_as(block, &env, &line))
            .map(|line| placeholders(&line))
            .collect();
        let expected: Vec<String> = step.expected.iter().map(|l| placeholders(l)).collect();
        if !lines_match(&expected, &actual) {
            report.push_str(&format!(
                "README line {}: `{}` showed:\n{}\n--- where the README shows:\n{}\n\n",
                block.line,
                step.command,
                actual.join("\n"),
                expected.join("\n")
            ));
        }
    }
    assert!(
        typed.next().is_none(),
        "README line {}: not every typed answer was asked for",
        block.line
    );
    (!report.is_empty()).then_some(report)
}

/// Everything `session` shows up to its end, typing the next of `typed` at
/// each prompt it waits at (a line ending in `: ` or `? `).
fn answered(
    session: &mut rexpect::session::PtySession,
    typed: &mut std::slice::Iter<String>,
) -> Result<String, rexpect::error::Error> {
    let mut raw = String::new();
    while !typed.as_slice().is_empty() {
        match session.exp_regex(r"[:?] $") {
            Ok((before, prompt)) => {
                raw.push_str(&before);
                raw.push_str(&prompt);
                let answer = typed.next().expect("answers left");
                session.send_line(answer)?;
                // The terminal echoes what is typed, except where the
                // program turned echo off to read a secret (and then ends
                // the line itself).
                let asked = raw.rsplit('\n').next().unwrap_or("");
                if !["passphrase", "password", "PIN"]
                    .iter()
                    .any(|secret| asked.contains(secret))
                {
                    raw.push_str(&format!("{answer}\n"));
                }
            }
            Err(rexpect::error::Error::EOF { got, .. }) => {
                raw.push_str(&got);
                return Ok(raw);
            }
            Err(e) => return Err(e),
        }
    }
    raw.push_str(&session.exp_eof()?);
    Ok(raw)
}

/// `line` with the test's home, account and machine shown as the block
/// shows them. The test's home is not the account's, so sshgen adds how to
/// point git and ssh at it; a user in their own home sees none of that, and
/// neither does the README.
fn seen_as(block: &Block, env: &Env, line: &str) -> Option<String> {
    if block.hides.iter().any(|text| line.contains(text.as_str())) {
        return None;
    }
    let note = crate::util::foreign_home_note(env);
    if line == note.trim_end()
        || line.contains(": not where ssh and git look: sshgen's home folder is ")
    {
        return None;
    }
    let ssh_dir = env.ssh_dir();
    let git_ssh_command = format!(
        "GIT_SSH_COMMAND='ssh -F {} -o UserKnownHostsFile={}' ",
        ssh_dir.join("config").display(),
        ssh_dir.join("known_hosts").display()
    );
    let home = block.home.as_deref().unwrap_or("/home/ana");
    let mut line = line
        .replace(&git_ssh_command, "")
        .replace(&env.home().display().to_string(), home);
    let machine = gethostname().display().to_string();
    if let Some(user) = &block.user {
        let account = format!("{}@{machine}", crate::interop::current_user());
        line = line.replace(&account, user);
    }
    if let Some(host) = &block.host {
        line = line.replace(&format!(" on {machine}"), &format!(" on {host}"));
    }
    Some(line.replace(&format!("{}/", env.root().display()), ""))
}

fn gethostname() -> PathBuf {
    let output = Command::new("hostname").output().expect("hostname");
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

#[test]
fn every_readme_transcript_shows_what_sshgen_prints() {
    let blocks = blocks(&readme());
    assert!(blocks.len() >= 20, "{} console blocks", blocks.len());
    let mut problems = String::new();
    let mut played = 0;
    for block in blocks.iter().filter(|b| b.not_run.is_none()) {
        if let Some(problem) = play(block) {
            problems.push_str(&problem);
        }
        played += 1;
    }
    assert!(problems.is_empty(), "{problems}");
    // The blocks left out are the ones that install or run on another
    // system; each says why in the README.
    let not_run: Vec<usize> = blocks
        .iter()
        .filter(|b| b.not_run.is_some())
        .map(|b| b.line)
        .collect();
    assert!(not_run.len() <= 5, "not run: README lines {not_run:?}");
    assert!(played >= blocks.len() - 5);
}

#[test]
fn placeholders_and_wildcards_match_only_what_they_stand_for() {
    let expected =
        |lines: &[&str]| -> Vec<String> { lines.iter().map(|l| placeholders(l)).collect() };
    let fingerprint = "SHA256:Q2XiV53/NaJfW1+Yr0jKECrovviuw/X1u0l2NMrLIZ4 ana@laptop";
    let other = "SHA256:d5ZQs1aqM9cQIU4+jZtdsYKCnVH5c6Ufi/3qlebdk2o ana@laptop";
    assert!(lines_match(&expected(&[fingerprint]), &expected(&[other])));
    assert!(!lines_match(
        &expected(&[fingerprint]),
        &expected(&["SHA256:d5ZQs1aqM9cQIU4+jZtdsYKCnVH5c6Ufi/3qlebdk2o ana@work"])
    ));
    assert!(lines_match(
        &expected(&["a", "…", "z"]),
        &expected(&["a", "b", "c", "z"])
    ));
    assert!(lines_match(&expected(&["a", "…"]), &expected(&["a"])));
    assert!(!lines_match(
        &expected(&["a", "…", "z"]),
        &expected(&["a", "b"])
    ));
    assert!(lines_match(
        &expected(&["key: … (ED25519)"]),
        &expected(&["key: x y (ED25519)"])
    ));
    assert!(!lines_match(
        &expected(&["key: … (ED25519)"]),
        &expected(&["key: x y (RSA)"])
    ));
    assert!(!lines_match(
        &expected(&["Saved"]),
        &expected(&["Saved", "more"])
    ));
    assert_eq!(screen_lines("a\r\nprogress\r        \rb\r\n"), ["a", "b"]);
}
