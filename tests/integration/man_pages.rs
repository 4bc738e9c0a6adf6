//! Man pages: `sshgen.1` and one `sshgen-COMMAND[-ACTION].1` per visible subcommand,
//! rendered here, in the tests that write and check the committed `man/`
//! (the shipped program carries no man-page renderer).
//!
//! clap_mangen renders what clap knows (name, synopsis, description, options,
//! the list of commands); the sections a man page reader expects beyond that
//! (EXAMPLES, EXIT STATUS, FILES, ENVIRONMENT, SEE ALSO) are written here, on
//! the pages they apply to.

use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use sshgen::docs::BIN_NAME;
use sshgen::error::{EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE};
use sshgen::platform::HOME_OVERRIDE_VAR;

pub mod examples;

use examples::Example;

/// Subcommands that never read or write a key: their pages get no FILES,
/// ENVIRONMENT or interrupted-prompt exit status.
const KEYLESS_SUBCOMMANDS: &[&str] = &["completions"];

/// Long options (or subcommand names) that mean a command may use the
/// clipboard, whose pages then document the variables that steer it.
const CLIPBOARD_MARKERS: &[&str] = &["copy", "clipboard"];

/// One rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManPage {
    /// `sshgen.1`, `sshgen-generate.1`, …
    pub file_name: String,
    pub roff: String,
}

/// The page of `root` followed by one page per visible subcommand, and
/// one per action of a subcommand that has them.
pub fn pages(root: Command) -> Vec<ManPage> {
    // Without this, clap adds a `help` subcommand, which needs no page.
    let mut root = root.disable_help_subcommand(true);
    root.build();
    let mut pages = vec![page(&root, &root, None)];
    for sub in visible(&root) {
        pages.push(page(&root, sub, Some(sub.get_name())));
        for action in visible(sub) {
            let stem = format!("{}-{}", sub.get_name(), action.get_name());
            pages.push(page(&root, action, Some(&stem)));
        }
    }
    pages
}

/// The part after `sshgen-` of every subcommand's page, in order:
/// `generate`, …, `agent`, `agent-add`, ….
pub fn page_stems(root: &Command) -> Vec<String> {
    let mut stems = Vec::new();
    for sub in visible(root) {
        stems.push(sub.get_name().to_owned());
        stems
            .extend(visible(sub).map(|action| format!("{}-{}", sub.get_name(), action.get_name())));
    }
    stems
}

/// The subcommands of `cmd` that have pages (not hidden, not clap's `help`).
fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
}

/// What a page is about: the whole tool, or one subcommand.
struct Subject<'a> {
    root: &'a Command,
    cmd: &'a Command,
    subcommand: Option<&'a str>,
}

impl Subject<'_> {
    fn handles_keys(&self) -> bool {
        self.subcommand
            .is_none_or(|name| !KEYLESS_SUBCOMMANDS.contains(&name))
    }

    fn uses_clipboard(&self) -> bool {
        let named = |name: &str| CLIPBOARD_MARKERS.contains(&name);
        self.subcommand.is_some_and(named)
            || self
                .cmd
                .get_arguments()
                .any(|arg| !arg.is_hide_set() && arg.get_long().is_some_and(named))
    }

    fn page_name(&self) -> String {
        match self.subcommand {
            Some(name) => format!("{BIN_NAME}-{name}"),
            None => BIN_NAME.to_owned(),
        }
    }
}

fn page(root: &Command, cmd: &Command, subcommand: Option<&str>) -> ManPage {
    let subject = Subject {
        root,
        cmd,
        subcommand,
    };
    let name = subject.page_name();
    // The title names the version alone (`--version` adds which command
    // line runs).
    let version = root
        .get_version()
        .map(|v| v.split(' ').next().unwrap_or(v))
        .unwrap_or_default();
    let man = Man::new(cmd.clone());

    // Each clap_mangen section starts with the same string-definition
    // preamble; it is kept once, at the top.
    let preamble = Roff::new().render();
    let mut text = preamble.clone();
    let mut add = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut section = Vec::new();
        render(&mut section).expect("rendering into memory cannot fail");
        let section = String::from_utf8(section).expect("clap help text is UTF-8");
        text.push_str(section.strip_prefix(&preamble).unwrap_or(&section));
    };
    // clap_mangen's title line drops an empty date, shifting the source
    // into its place; the date stays empty (quoted) so regenerating the
    // pages gives the same bytes on any day.
    let mut title = Roff::new();
    let source = format!("{BIN_NAME} {version}");
    title.control(
        "TH",
        [
            name.to_uppercase().as_str(),
            "1",
            "\"\"",
            &source,
            "User Commands",
        ],
    );
    add(&|w| title.to_writer(w));
    add(&|w| man.render_name_section(w));
    add(&|w| man.render_synopsis_section(w));
    add(&|w| man.render_description_section(w));
    if cmd.get_arguments().any(|arg| !arg.is_hide_set()) {
        add(&|w| man.render_options_section(w));
    }
    if cmd.get_subcommands().any(|sub| !sub.is_hide_set()) {
        add(&|w| man.render_subcommands_section(w));
    }
    let own = own_sections(&subject).render();
    text.push_str(own.strip_prefix(&preamble).unwrap_or(&own));

    ManPage {
        file_name: format!("{name}.1"),
        roff: text,
    }
}

/// EXAMPLES, NOTES, EXIT STATUS, FILES, ENVIRONMENT and SEE ALSO.
fn own_sections(subject: &Subject) -> Roff {
    let mut roff = Roff::new();
    let after_help = subject
        .cmd
        .get_after_long_help()
        .or_else(|| subject.cmd.get_after_help())
        .map(|text| examples::parse_after_help(&text.to_string()))
        .unwrap_or_default();

    let mut page_examples = match subject.subcommand {
        None => examples::everyday_jobs(subject.root, None),
        Some(name) => examples::everyday_jobs(subject.root, Some(name)),
    };
    examples::merge(&mut page_examples, after_help.examples);
    if !page_examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for example in &page_examples {
            example_paragraph(&mut roff, example);
        }
    }

    if !after_help.notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for (i, note) in after_help.notes.iter().enumerate() {
            if i > 0 {
                roff.control("PP", []);
            }
            roff.text([roman(note.as_str())]);
        }
    }

    exit_status(&mut roff, subject);
    if subject.handles_keys() {
        files(&mut roff);
        environment(&mut roff, subject);
    }
    see_also(&mut roff, subject);
    roff
}

fn example_paragraph(roff: &mut Roff, example: &Example) {
    roff.control("PP", []);
    if !example.text.is_empty() {
        let mut text = example.text.clone();
        if !text.ends_with(['.', ':', '!', '?']) {
            text.push(':');
        }
        roff.text([roman(text)]);
    }
    roff.control("PP", []);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    roff.text([bold(example.command.as_str())]);
    roff.control("fi", []);
    roff.control("RE", []);
}

/// A `.TP` entry: a tag in bold, then its paragraph.
fn entry(roff: &mut Roff, tag: &str, body: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(body)]);
}

fn exit_status(roff: &mut Roff, subject: &Subject) {
    roff.control("SH", ["EXIT STATUS"]);
    entry(roff, &EXIT_OK.to_string(), "Success.");
    entry(
        roff,
        &EXIT_FAILURE.to_string(),
        "Failure: the error is one line on standard error, starting with \
         \"sshgen: error:\", naming the file and the way out.",
    );
    entry(
        roff,
        &EXIT_USAGE.to_string(),
        "Usage error: an unknown option, a missing or invalid value, or options \
         that cannot be used together.",
    );
    if subject.handles_keys() {
        entry(
            roff,
            &EXIT_INTERRUPTED.to_string(),
            "Interrupted (Ctrl-C) while asking a question; nothing was written.",
        );
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    entry(
        roff,
        "~/.ssh/id_ed25519",
        "The default private key (id_ecdsa and id_rsa for the other key types). \
         Written in OpenSSH's format with mode 0600, also when replacing a file.",
    );
    entry(
        roff,
        "~/.ssh/id_ed25519.pub",
        "The public key beside it, one line \"TYPE BASE64 COMMENT\", mode 0644.",
    );
    entry(
        roff,
        "~/.ssh/",
        "The folder of the default keys; created with mode 0700 when missing.",
    );
    entry(
        roff,
        "%USERPROFILE%\\.ssh\\",
        "The same folder on Windows, where the private key gets an access list \
         that lets only its owner, SYSTEM and Administrators read it.",
    );
}

fn environment(roff: &mut Roff, subject: &Subject) {
    roff.control("SH", ["ENVIRONMENT"]);
    entry(
        roff,
        HOME_OVERRIDE_VAR,
        "Used as the home folder instead of the user's own, so ~/.ssh means \
         $SSHGEN_HOME/.ssh.",
    );
    entry(
        roff,
        "HOME",
        "The home folder when SSHGEN_HOME is not set (USERPROFILE on Windows).",
    );
    if subject.uses_clipboard() {
        entry(
            roff,
            "SSH_TTY, SSH_CONNECTION",
            "Set in an SSH session: with a terminal, the public key is sent with the \
             OSC 52 escape, which the terminal emulator puts on the clipboard of the \
             machine in front of the user.",
        );
        entry(
            roff,
            "STY",
            "Set inside GNU screen: the OSC 52 escape is wrapped so screen passes it on.",
        );
        entry(
            roff,
            "WAYLAND_DISPLAY",
            "The Wayland display whose clipboard is used (tried before X11).",
        );
        entry(
            roff,
            "DISPLAY",
            "The X11 display whose clipboard is used when there is no Wayland display.",
        );
    }
}

fn see_also(roff: &mut Roff, subject: &Subject) {
    let mut pages: Vec<String> = Vec::new();
    match subject.subcommand {
        None => pages.extend(
            page_stems(subject.root)
                .into_iter()
                .map(|stem| format!("{BIN_NAME}-{stem}")),
        ),
        Some(_) => pages.push(BIN_NAME.to_owned()),
    }
    if subject.handles_keys() {
        pages.extend(["ssh-keygen", "ssh", "ssh-add"].map(str::to_owned));
    }
    roff.control("SH", ["SEE ALSO"]);
    // Page names are neither hyphenated ("sshgen-fin-" + "gerprint(1)") nor
    // spread out to fill the line.
    roff.control("nh", []);
    roff.control("ad", ["l"]);
    let mut line = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(page.as_str()));
        line.push(roman("(1)"));
    }
    roff.text(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(root: Command) -> Vec<ManPage> {
        pages(root.version("9.9"))
    }

    #[test]
    fn keyless_pages_leave_out_files_and_environment() {
        let root = Command::new("sshgen")
            .subcommand(Command::new("generate").about("Make a key"))
            .subcommand(Command::new("completions").about("Print a script"))
            .subcommand(Command::new("serve").hide(true));
        let pages = rendered(root);
        let names: Vec<&str> = pages.iter().map(|p| p.file_name.as_str()).collect();
        assert_eq!(
            names,
            ["sshgen.1", "sshgen-generate.1", "sshgen-completions.1"]
        );
        let generate = &pages[1].roff;
        assert!(generate.contains(".SH FILES\n"), "{generate}");
        assert!(generate.contains(".SH ENVIRONMENT\n"), "{generate}");
        assert!(generate.contains("\n\\fB130\\fR\n"), "{generate}");
        let completions = &pages[2].roff;
        assert!(!completions.contains(".SH FILES"), "{completions}");
        assert!(!completions.contains(".SH ENVIRONMENT"), "{completions}");
        assert!(!completions.contains("130"), "{completions}");
        assert!(completions.contains(".SH \"SEE ALSO\"\n.nh\n.ad l\n\\fBsshgen\\fR(1)\n"));
    }

    #[test]
    fn clipboard_variables_only_where_the_clipboard_is_used() {
        let root = Command::new("sshgen")
            .subcommand(Command::new("generate").arg(clap::Arg::new("copy").long("copy")))
            .subcommand(Command::new("copy"))
            .subcommand(Command::new("list"));
        let pages = rendered(root);
        let with_display: Vec<&str> = pages
            .iter()
            .filter(|p| p.roff.contains("WAYLAND_DISPLAY"))
            .map(|p| p.file_name.as_str())
            .collect();
        assert_eq!(with_display, ["sshgen-generate.1", "sshgen-copy.1"]);
    }

    #[test]
    fn the_preamble_appears_once() {
        let pages = rendered(Command::new("sshgen").arg(clap::Arg::new("x").long("x")));
        assert_eq!(
            pages[0].roff.matches(".ds Aq").count(),
            2,
            "{}",
            pages[0].roff
        );
        assert!(pages[0].roff.starts_with(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH SSHGEN 1 \"\" \"sshgen 9.9\" \"User Commands\"\n"));
    }
}
