//! The generated documentation: shell completion scripts and man pages,
//! rendered in memory from the clap definition ([`cli::Cli::command`]), so every
//! subcommand and flag is covered as soon as it is declared. Nothing here
//! touches the file system: the committed copies in `completions/` and `man/`
//! are written and checked by a test (`SSHGEN_UPDATE_GENERATED=1 cargo test
//! generated` rewrites them).

pub mod examples;
pub mod fish;
pub mod man;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli;

/// The name the scripts complete and the man pages are titled after.
pub const BIN_NAME: &str = "sshgen";

/// Every shell a completion script is made for, in the order they are listed.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// Folder (relative to the project root) of the committed completion scripts.
pub const COMPLETIONS_DIR: &str = "completions";
/// Folder (relative to the project root) of the committed man pages.
pub const MAN_DIR: &str = "man";

/// The command that rewrites the committed files when they are stale.
pub const UPDATE_COMMAND: &str = "SSHGEN_UPDATE_GENERATED=1 cargo test generated";

/// One generated file: where it lives in the project and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Folder relative to the project root: [`COMPLETIONS_DIR`] or [`MAN_DIR`].
    pub dir: &'static str,
    /// File name inside that folder.
    pub name: String,
    pub contents: Vec<u8>,
}

/// The completion script for `shell`, as `sshgen completions SHELL` prints it.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut command = full_command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut script);
    if shell == Shell::Fish {
        let text = String::from_utf8(script).expect("clap_complete writes UTF-8");
        script = fish::repair(&text, &command, BIN_NAME).into_bytes();
    }
    script
}

/// The whole command tree, every subcommand's arguments included: parsing
/// builds only the arguments of the command being run (see [`cli::Command`]).
fn full_command() -> clap::Command {
    let mut command = cli::Cli::command();
    command.build();
    command
}

/// The file name a shell looks for (`sshgen.bash`, `_sshgen`, `sshgen.fish`,
/// `_sshgen.ps1`, `sshgen.elv`).
pub fn completion_file_name(shell: Shell) -> String {
    shell.file_name(BIN_NAME)
}

/// Every completion script and man page, in a stable order.
pub fn generated_files() -> Vec<GeneratedFile> {
    let scripts = SHELLS.into_iter().map(|shell| GeneratedFile {
        dir: COMPLETIONS_DIR,
        name: completion_file_name(shell),
        contents: completion_script(shell),
    });
    let pages = man::pages(cli::Cli::command())
        .into_iter()
        .map(|page| GeneratedFile {
            dir: MAN_DIR,
            name: page.file_name,
            contents: page.roff.into_bytes(),
        });
    scripts.chain(pages).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_file_names_follow_each_shells_convention() {
        let names: Vec<String> = SHELLS.into_iter().map(completion_file_name).collect();
        assert_eq!(
            names,
            [
                "sshgen.bash",
                "_sshgen",
                "sshgen.fish",
                "_sshgen.ps1",
                "sshgen.elv"
            ]
        );
    }

    #[test]
    fn generated_files_have_one_man_page_per_visible_subcommand() {
        let files = generated_files();
        let pages: Vec<&str> = files
            .iter()
            .filter(|f| f.dir == MAN_DIR)
            .map(|f| f.name.as_str())
            .collect();
        let mut expected = vec!["sshgen.1".to_owned()];
        expected.extend(
            cli::Cli::command()
                .get_subcommands()
                .filter(|sub| !sub.is_hide_set())
                .map(|sub| format!("sshgen-{}.1", sub.get_name())),
        );
        assert_eq!(pages, expected);
        assert!(pages.contains(&"sshgen-generate.1"));
        assert!(pages.contains(&"sshgen-completions.1"));
    }

    #[test]
    fn completion_scripts_name_every_visible_subcommand() {
        let bash = String::from_utf8(completion_script(Shell::Bash)).unwrap();
        for sub in cli::Cli::command().get_subcommands() {
            if !sub.is_hide_set() {
                assert!(
                    bash.contains(&format!("sshgen,{})", sub.get_name())),
                    "{} missing from the bash script",
                    sub.get_name()
                );
            }
        }
    }
}
