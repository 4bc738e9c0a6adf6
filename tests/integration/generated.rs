//! The committed `completions/` and `man/`: current with the clap definition,
//! rendering cleanly in groff and man, loading in bash, zsh and fish, and
//! matching what `sshgen completions SHELL` prints.

use std::path::PathBuf;

use clap::CommandFactory;
use sshgen::cli::Cli;
use sshgen::docs;

use crate::man_pages;
use crate::util::{Env, stdout_of};

const UPDATE_VAR: &str = "SSHGEN_UPDATE_GENERATED";

/// Folder (relative to the project root) of the committed completion scripts.
const COMPLETIONS_DIR: &str = "completions";
/// Folder (relative to the project root) of the committed man pages.
const MAN_DIR: &str = "man";

/// The command that rewrites the committed files when they are stale.
const UPDATE_COMMAND: &str = "SSHGEN_UPDATE_GENERATED=1 cargo test generated";

/// One generated file: where it lives in the project and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GeneratedFile {
    /// Folder relative to the project root: [`COMPLETIONS_DIR`] or [`MAN_DIR`].
    dir: &'static str,
    /// File name inside that folder.
    name: String,
    contents: Vec<u8>,
}

/// Every completion script and man page, in a stable order.
fn generated_files() -> Vec<GeneratedFile> {
    let scripts = docs::SHELLS.into_iter().map(|shell| GeneratedFile {
        dir: COMPLETIONS_DIR,
        name: docs::completion_file_name(shell),
        contents: docs::completion_script(shell),
    });
    let pages = man_pages::pages(Cli::command())
        .into_iter()
        .map(|page| GeneratedFile {
            dir: MAN_DIR,
            name: page.file_name,
            contents: page.roff.into_bytes(),
        });
    scripts.chain(pages).collect()
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
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    expected.extend(
        crate::man_pages::page_stems(&root)
            .iter()
            .map(|stem| format!("sshgen-{stem}.1")),
    );
    assert!(expected.contains(&"sshgen-agent-add.1".to_owned()));
    assert_eq!(pages, expected);
    assert!(pages.contains(&"sshgen-generate.1"));
    assert!(pages.contains(&"sshgen-completions.1"));
}

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn committed_path(file: &GeneratedFile) -> PathBuf {
    project_root().join(file.dir).join(&file.name)
}

/// Files in the generated folders that the generator no longer makes (a
/// subcommand was removed or renamed).
fn stray_files(expected: &[GeneratedFile]) -> Vec<PathBuf> {
    let mut stray = Vec::new();
    for dir in [COMPLETIONS_DIR, MAN_DIR] {
        let Ok(entries) = std::fs::read_dir(project_root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("list generated folder");
            let name = entry.file_name().to_string_lossy().into_owned();
            if !expected.iter().any(|f| f.dir == dir && f.name == name) {
                stray.push(entry.path());
            }
        }
    }
    stray.sort();
    stray
}

/// A unified diff of two texts (longest common subsequence of lines, two
/// lines of context), cut after a screenful.
fn line_diff(committed: &str, generated: &str) -> String {
    const CONTEXT: usize = 2;
    const MAX_LINES: usize = 60;
    let old: Vec<&str> = committed.lines().collect();
    let new: Vec<&str> = generated.lines().collect();

    // lcs[i][j]: length of the longest common subsequence of old[i..], new[j..].
    let mut lcs = vec![vec![0u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // The edit script: (' ' | '-' | '+', old line number, new line number, text).
    let mut script = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            script.push((' ', i, j, old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            script.push(('-', i, j, old[i]));
            i += 1;
        } else {
            script.push(('+', i, j, new[j]));
            j += 1;
        }
    }

    let changed: Vec<usize> = (0..script.len()).filter(|&k| script[k].0 != ' ').collect();
    let mut out = String::new();
    let mut printed = 0;
    let mut k = 0;
    while k < changed.len() {
        // A hunk: changes closer than twice the context are joined.
        let first = changed[k].saturating_sub(CONTEXT);
        let mut last = changed[k];
        while k + 1 < changed.len() && changed[k + 1] <= last + 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        let last = (last + CONTEXT).min(script.len() - 1);
        let (_, old_line, new_line, _) = script[first];
        out.push_str(&format!("@@ -{} +{} @@\n", old_line + 1, new_line + 1));
        for &(mark, _, _, text) in &script[first..=last] {
            if printed == MAX_LINES {
                out.push_str("…\n");
                return out;
            }
            out.push_str(&format!("{mark}{text}\n"));
            printed += 1;
        }
        k += 1;
    }
    if out.is_empty() && committed != generated {
        out.push_str("(line endings or the final newline differ)\n");
    }
    out
}

#[test]
fn generated_diff_shows_inserted_lines_with_context() {
    let diff = line_diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nX\nd\ne\nf\nY\n");
    assert_eq!(diff, "@@ -2 +2 @@\n b\n c\n+X\n d\n e\n f\n-g\n+Y\n");
    assert_eq!(
        line_diff("a\n", "a\r\n"),
        "(line endings or the final newline differ)\n"
    );
}

#[test]
fn generated_files_match_the_clap_definition() {
    let files = generated_files();
    if std::env::var_os(UPDATE_VAR).is_some() {
        for dir in [COMPLETIONS_DIR, MAN_DIR] {
            std::fs::create_dir_all(project_root().join(dir)).expect("create generated folder");
        }
        for path in stray_files(&files) {
            std::fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {path:?}: {e}"));
        }
        for file in &files {
            // Through a temporary file and a rename: the other tests of this
            // module read these files while this one runs.
            let path = committed_path(file);
            let temporary = path.with_extension("tmp-update");
            std::fs::write(&temporary, &file.contents)
                .and_then(|()| std::fs::rename(&temporary, &path))
                .unwrap_or_else(|e| panic!("write {path:?}: {e}"));
        }
        return;
    }

    let mut problems = String::new();
    for file in &files {
        let path = committed_path(file);
        match std::fs::read(&path) {
            Err(e) => problems.push_str(&format!("{}/{}: missing ({e})\n", file.dir, file.name)),
            Ok(committed) if committed != file.contents => problems.push_str(&format!(
                "--- {dir}/{name} (committed)\n+++ {dir}/{name} (generated)\n{diff}",
                dir = file.dir,
                name = file.name,
                diff = line_diff(
                    &String::from_utf8_lossy(&committed),
                    &String::from_utf8_lossy(&file.contents)
                ),
            )),
            Ok(_) => {}
        }
    }
    for path in stray_files(&files) {
        problems.push_str(&format!(
            "{}: no longer generated\n",
            path.strip_prefix(project_root()).unwrap_or(&path).display()
        ));
    }
    assert!(
        problems.is_empty(),
        "the committed completions and man pages are stale:\n{problems}\nrewrite them with: {}",
        UPDATE_COMMAND
    );
}

#[test]
fn generated_man_page_examples_are_valid_command_lines() {
    let mut checked = 0;
    let pages = man_pages::pages(Cli::command());
    let page_count = pages.len();
    for page in pages {
        for line in page.roff.lines() {
            // A variable set for the command (`GH_TOKEN=... sshgen`) is
            // shell, not sshgen's to parse.
            let Some(command) = line
                .strip_prefix("\\fB")
                .and_then(|l| l.strip_suffix("\\fR"))
                .map(|l| {
                    l.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '_')
                        .strip_prefix('=')
                        .and_then(|rest| rest.split_once(' '))
                        .map_or(l, |(_, command)| command)
                })
                .filter(|l| l.starts_with("sshgen"))
            else {
                continue;
            };
            let command = command.replace("\\-", "-").replace("\\(aq", "'");
            let argv = man_pages::examples::argv(&command);
            if let Err(e) = Cli::command().try_get_matches_from(&argv) {
                panic!(
                    "example in {} does not parse: {command}\n{e}",
                    page.file_name
                );
            }
            checked += 1;
        }
    }
    // Every page has examples: a change to how they are set in roff must
    // not leave this test checking none.
    assert!(
        checked >= page_count,
        "{checked} examples in {page_count} pages"
    );
}

#[test]
fn generated_completions_print_the_same_scripts_as_the_generator() {
    let env = Env::new();
    for shell in docs::SHELLS {
        let assert = env
            .sshgen()
            .args(["completions", &shell.to_string()])
            .assert()
            .success()
            .stderr("");
        assert_eq!(
            assert.get_output().stdout,
            docs::completion_script(shell),
            "{shell}"
        );
    }
}

#[test]
fn generated_completions_reject_an_unknown_shell() {
    let env = Env::new();
    let assert = env.sshgen().args(["completions", "tcsh"]).assert().code(2);
    assert!(
        crate::util::stderr_of(&assert).starts_with(
            "error: invalid value 'tcsh' for '<SHELL>'\n  [possible values: bash, elvish, fish, powershell, zsh]\n"
        ),
        "{}",
        crate::util::stderr_of(&assert)
    );
}

#[test]
fn version_prints_the_package_version() {
    let env = Env::new();
    for flag in ["--version", "-V"] {
        env.sshgen()
            .arg(flag)
            .assert()
            .success()
            .stdout(format!(
                "sshgen {} (sshgen's command line; ssh-keygen's when run as ssh-keygen)\n",
                env!("CARGO_PKG_VERSION")
            ))
            .stderr("");
    }
}

#[test]
fn help_of_every_command_ends_with_examples() {
    let env = Env::new();
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    commands.extend(
        Cli::command()
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .map(|sub| vec![sub.get_name().to_owned()]),
    );
    for command in commands {
        let assert = env.sshgen().args(&command).arg("--help").assert().success();
        let help = stdout_of(&assert);
        let examples = help
            .split_once("\nExamples:\n")
            .map(|(_, examples)| examples)
            .unwrap_or_else(|| panic!("no examples in `sshgen {command:?} --help`:\n{help}"));
        let first = examples.lines().next().unwrap_or_default();
        assert!(first.starts_with("  sshgen"), "{help}");
        // The options come first: the examples close the help.
        assert!(help.find("Options:").unwrap() < help.find("\nExamples:").unwrap());
    }
}

/// Checks with outside programs (groff, man, bash, zsh, fish), which the Unix CI
/// installs.
#[cfg(unix)]
mod outside_tools {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::*;
    use crate::util::require;

    fn man_pages() -> Vec<PathBuf> {
        generated_files()
            .iter()
            .filter(|f| f.dir == MAN_DIR)
            .map(committed_path)
            .collect()
    }

    #[test]
    fn generated_man_pages_render_without_groff_warnings() {
        let Some(groff) = require("groff") else {
            return;
        };
        for page in man_pages() {
            let output = Command::new(&groff)
                .args(["-man", "-ww", "-z", "-rCHECKSTYLE=3"])
                .arg(&page)
                .output()
                .expect("run groff");
            assert!(output.status.success(), "groff failed on {page:?}");
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                "",
                "groff warnings in {page:?}"
            );
        }
    }

    /// A page as `man -l` shows it in an 80-column terminal, without formatting.
    fn man_text(man: &Path, page: &Path) -> String {
        let output = Command::new(man)
            .args(["--warnings", "-l"])
            .arg(page)
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "")
            .env_remove("MANPAGER")
            .env("PAGER", "cat")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("run man");
        assert!(output.status.success(), "man -l failed on {page:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "man warnings in {page:?}"
        );
        String::from_utf8(output.stdout).expect("utf-8 man output")
    }

    /// The lines of one section (between its heading and the next one).
    fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
        text.lines()
            .skip_while(|line| *line != heading)
            .skip(1)
            .take_while(|line| line.is_empty() || line.starts_with(' '))
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// Section lines as one line of text: justification spaces collapsed and
    /// words hyphenated at a line end joined again.
    fn flat(lines: &[&str]) -> String {
        let joined = lines.join(" ").replace("\u{2010} ", "");
        joined.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn generated_man_pages_show_examples_exit_status_files_and_environment() {
        let Some(man) = require("man") else {
            return;
        };
        let main = man_text(&man, &project_root().join("man/sshgen.1"));
        let examples = section(&main, "EXAMPLES");
        assert!(examples.contains(&"sshgen"), "{main}");
        assert!(
            examples.contains(&"sshgen -f ci/deploy_key -C deploy@build --no-passphrase --json"),
            "{main}"
        );
        assert_eq!(
            flat(&section(&main, "EXIT STATUS")),
            "0 Success. \
             1 Failure: the error is one line on standard error, starting with \
             \"sshgen: error:\", naming the file and the way out. \
             2 Usage error: an unknown option, a missing or invalid value, or options \
             that cannot be used together. \
             130 Interrupted (Ctrl-C) while asking a question; nothing was written.",
            "{main}"
        );
        let files = section(&main, "FILES");
        assert!(files.contains(&"~/.ssh/id_ed25519"), "{main}");
        assert!(files.contains(&"%USERPROFILE%\\.ssh\\"), "{main}");
        let environment = section(&main, "ENVIRONMENT");
        assert!(
            environment
                .iter()
                .any(|line| line.starts_with("SSHGEN_HOME")),
            "{main}"
        );
        let see_also = flat(&section(&main, "SEE ALSO"));
        assert!(see_also.contains("ssh-keygen(1)"), "{main}");

        // Every subcommand's page is listed on the main page and points back to it.
        for page in man_pages().iter().skip(1) {
            let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(see_also.contains(&format!("{stem}(1),")), "{main}");
            let text = man_text(&man, page);
            assert!(text.contains("sshgen(1)"), "{text}");
            assert!(!section(&text, "EXAMPLES").is_empty(), "{text}");
        }
    }

    /// Runs a shell script with a clean environment and an empty home; returns
    /// (stdout, stderr).
    fn run_shell(shell: &Path, home: &Path, script: &str) -> (String, String) {
        let output = Command::new(shell)
            .args(["-c", script])
            .env_clear()
            .env("HOME", home)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("ZDOTDIR", home)
            .current_dir(project_root())
            .output()
            .expect("run shell");
        assert!(
            output.status.success(),
            "{shell:?} -c {script:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        (
            String::from_utf8(output.stdout).expect("utf-8"),
            String::from_utf8(output.stderr).expect("utf-8"),
        )
    }

    #[test]
    fn generated_bash_completion_loads_and_completes_subcommands_and_values() {
        let Some(bash) = require("bash") else {
            return;
        };
        let env = Env::new();
        let script = r#"
            source completions/sshgen.bash || exit 1
            complete -p sshgen
            # compopt works only inside completion that bash itself started.
            compopt() { :; }
            COMP_WORDS=(sshgen comp); COMP_CWORD=1; COMP_LINE="sshgen comp"; COMP_POINT=11
            _sshgen sshgen comp sshgen
            echo "subcommand: ${COMPREPLY[*]}"
            COMP_WORDS=(sshgen -t ""); COMP_CWORD=2; COMP_LINE="sshgen -t "; COMP_POINT=10
            _sshgen sshgen "" -t
            echo "types: ${COMPREPLY[*]}"
            COMP_WORDS=(sshgen completions ""); COMP_CWORD=2; COMP_LINE="sshgen completions "; COMP_POINT=19
            _sshgen sshgen "" completions
            echo "shells: ${COMPREPLY[*]}"
            COMP_WORDS=(sshgen -b ""); COMP_CWORD=2; COMP_LINE="sshgen -b "; COMP_POINT=10
            _sshgen sshgen "" -b
            echo "bits: ${#COMPREPLY[@]} [${COMPREPLY[*]}]"
            COMP_WORDS=(sshgen -f Cargo.t); COMP_CWORD=2; COMP_LINE="sshgen -f Cargo.t"; COMP_POINT=17
            _sshgen sshgen Cargo.t -f
            echo "file: ${COMPREPLY[*]}"
        "#;
        let (stdout, stderr) = run_shell(&bash, &env.home(), script);
        assert_eq!(stderr, "");
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(lines[0].starts_with("complete "), "{stdout}");
        assert!(lines[0].ends_with(" -F _sshgen sshgen"), "{stdout}");
        assert_eq!(lines[1], "subcommand: completions", "{stdout}");
        assert_eq!(
            lines[2], "types: ed25519 rsa ecdsa ed25519-sk ecdsa-sk",
            "{stdout}"
        );
        assert_eq!(
            lines[3], "shells: -h --help bash elvish fish powershell zsh",
            "{stdout}"
        );
        // -b takes a number: one empty candidate, so bash offers no file
        // names there; -f completes file names.
        assert_eq!(lines[4], "bits: 1 []", "{stdout}");
        assert_eq!(lines[5], "file: Cargo.toml", "{stdout}");
        assert_eq!(lines.len(), 6, "{stdout}");
    }

    #[test]
    fn generated_zsh_completion_loads_with_compinit() {
        let Some(zsh) = require("zsh") else {
            return;
        };
        let env = Env::new();
        let script = r#"
            autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump" || exit 1
            source completions/_sshgen || exit 1
            print -r -- "sshgen: $_comps[sshgen]"
            (( $+functions[_sshgen] )) && print -r -- "function: _sshgen"
        "#;
        let (stdout, stderr) = run_shell(&zsh, &env.home(), script);
        assert_eq!(stderr, "");
        assert_eq!(stdout, "sshgen: _sshgen\nfunction: _sshgen\n");
    }

    #[test]
    fn generated_fish_completion_loads_and_completes_subcommands_and_values() {
        let Some(fish) = require("fish") else {
            return;
        };
        let env = Env::new();
        let script = r#"
            source completions/sshgen.fish; or exit 1
            echo "subcommand:" (complete -C "sshgen comp")
            echo "types:" (complete -C "sshgen -t ")
            echo "hashes:" (complete -C "sshgen generate -E ")
            echo "shells:" (complete -C "sshgen completions ")
            echo "file:" (complete -C "sshgen -f Cargo.t")
        "#;
        let (stdout, stderr) = run_shell(&fish, &env.home(), script);
        assert_eq!(stderr, "");
        assert_eq!(
            stdout,
            "subcommand: completions\tPrint a shell completion script\n\
             types: ecdsa ecdsa-sk ed25519 ed25519-sk rsa\n\
             hashes: md5 sha256 sha512\n\
             shells: bash elvish fish powershell zsh\n\
             file: Cargo.toml\n"
        );
    }
}
