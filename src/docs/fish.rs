//! Repairs to clap_complete's fish script. As of clap_complete 4.6 it offers
//! no values for positional arguments (`sshgen completions <TAB>` listed
//! files, not shells), and none for an option of the top level that still
//! waits for its value (`sshgen -t <TAB>` listed files, not key types). Both
//! repairs read the clap definition, so values and help stay clap's.

use clap::Command;

/// The script with both repairs applied.
pub fn repair(script: &str, root: &Command, bin_name: &str) -> String {
    let mut script = let_pending_values_complete(script, bin_name);
    script.push_str(&positional_values(root, bin_name));
    script
}

/// `__fish_BIN_needs_command` parses the words typed so far with argparse and
/// gives up when that fails, which it does while an option waits for its
/// value; every top-level completion is then switched off. A failed parse
/// can only be about options before any command, so it means "no command
/// yet" instead.
fn let_pending_values_complete(script: &str, bin_name: &str) -> String {
    let give_up = format!(
        "    argparse -s (__fish_{bin_name}_global_optspecs) -- $cmd 2>/dev/null\n    or return\n"
    );
    let carry_on = format!(
        "    argparse -s (__fish_{bin_name}_global_optspecs) -- $cmd 2>/dev/null\n    \
         # An option still waiting for its value: no command yet.\n    or return 0\n"
    );
    script.replacen(&give_up, &carry_on, 1)
}

/// One `complete` line for each command whose positional arguments have a
/// fixed set of values.
fn positional_values(root: &Command, bin_name: &str) -> String {
    let mut lines = String::new();
    let commands = std::iter::once((root, None)).chain(
        root.get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .map(|sub| (sub, Some(sub.get_name()))),
    );
    for (cmd, name) in commands {
        let positionals: Vec<_> = cmd
            .get_positionals()
            .filter(|arg| !arg.is_hide_set())
            .collect();
        let values: Vec<String> = positionals
            .iter()
            .flat_map(|arg| arg.get_possible_values())
            .filter(|value| !value.is_hide_set())
            .map(|value| {
                let help = value
                    .get_help()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                format!("{}\\t'{}'", value.get_name(), escape_quoted(&help))
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        let condition = match name {
            Some(name) => format!("__fish_{bin_name}_using_subcommand {name}"),
            None => format!("__fish_{bin_name}_needs_command"),
        };
        // File names are left out only when no positional takes one.
        let only_values = positionals
            .iter()
            .all(|arg| !arg.get_possible_values().is_empty());
        let no_files = if only_values { " -f" } else { "" };
        lines.push_str(&format!(
            "complete -c {bin_name} -n \"{condition}\"{no_files} -a \"{}\"\n",
            values.join("\n")
        ));
    }
    lines
}

/// Text inside fish single quotes: only `\` and `'` need escaping.
fn escape_quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\'', "\\'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, builder::PossibleValue};

    #[test]
    fn positional_values_are_offered_per_command() {
        let root = Command::new("sshgen")
            .subcommand(
                Command::new("completions").arg(Arg::new("shell").value_parser([
                    PossibleValue::new("bash"),
                    PossibleValue::new("zsh").help("Z shell's"),
                ])),
            )
            .subcommand(
                Command::new("export")
                    .arg(Arg::new("format").value_parser(["rfc4716", "pem"]))
                    .arg(Arg::new("file")),
            )
            .subcommand(Command::new("list").arg(Arg::new("dir")));
        assert_eq!(
            positional_values(&root, "sshgen"),
            "complete -c sshgen -n \"__fish_sshgen_using_subcommand completions\" -f -a \"bash\\t''\nzsh\\t'Z shell\\'s'\"\n\
             complete -c sshgen -n \"__fish_sshgen_using_subcommand export\" -a \"rfc4716\\t''\npem\\t''\"\n"
        );
    }

    #[test]
    fn a_pending_option_value_no_longer_switches_completion_off() {
        let script = "function __fish_x_needs_command\n    set -l cmd (commandline -opc)\n    \
                      argparse -s (__fish_x_global_optspecs) -- $cmd 2>/dev/null\n    or return\n    \
                      if set -q argv[1]\n";
        let repaired = let_pending_values_complete(script, "x");
        assert!(
            repaired.contains("    or return 0\n    if set -q argv[1]\n"),
            "{repaired}"
        );
        assert!(!repaired.contains("    or return\n"), "{repaired}");
    }
}
