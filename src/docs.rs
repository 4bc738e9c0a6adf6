//! `sshgen completions SHELL`: shell completion scripts, rendered in memory
//! from the clap definition ([`cli::Cli::command`]), so every subcommand and
//! flag is covered as soon as it is declared. Man pages are rendered by the
//! test that writes and checks the committed `completions/` and `man/`
//! (`tests/integration/man_pages.rs`; `SSHGEN_UPDATE_GENERATED=1 cargo test
//! generated` rewrites both), so the program itself carries no renderer.

pub mod fish;

use std::io::Write;

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

/// `sshgen completions SHELL`: prints the script. It is rendered in memory
/// first: clap_complete panics when its writer fails, and `sshgen
/// completions bash | head` must not panic.
pub fn print_completions(shell: Shell, stdout: &mut impl Write) -> crate::error::Result<()> {
    let script = completion_script(shell);
    crate::output::flushed(stdout.write_all(&script), stdout)
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
