//! The layout `src/lib.rs` describes, checked on the source itself: no
//! module reaches a module that reaches it back (through `crate::` and
//! `super::` paths; a module's own parents and children aside); no command
//! reaches another command, and no operation a command or a front end, so
//! that what commands share is written once, in `ops`; no module but the
//! front ends knows clap, so that both build the same plain options; only
//! the run's context and the edges read the environment or ask whether a
//! stream is a terminal; no function is longer than
//! [`MAX_FUNCTION_LINES`]; and every file in
//! `tests/integration/` is a module of this test binary, so none is
//! silently never run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, sorted.
fn source_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files.sort();
    files
}

/// Every module file under `src/` by its module path (`keyfile::ppk`), with
/// its code: tests module and comments left out. `lib.rs` and `main.rs`,
/// the root, are not modules of their own here.
fn modules() -> BTreeMap<String, String> {
    source_files()
        .into_iter()
        .filter(|f| {
            !["lib.rs", "main.rs"].contains(&f.strip_prefix(src()).unwrap().to_str().unwrap())
        })
        .map(|file| {
            let relative = file.strip_prefix(src()).unwrap().with_extension("");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_str().unwrap().to_owned())
                .collect::<Vec<_>>()
                .join("::");
            (name, code(&std::fs::read_to_string(&file).unwrap()))
        })
        .collect()
}

/// A file's code without its tests module (the last item of a file) and
/// without `//` comments, which name modules without using them.
fn code(text: &str) -> String {
    let text = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at]);
    text.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths written after each `prefix` (`crate::`, `super::`) in `code`,
/// with `{…}` groups expanded: `crate::{a, b::{self, c}}` gives `a`, `b`
/// and `b::c`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let part_of_a_name = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + prefix.len()..];
        if !part_of_a_name {
            paths.extend(use_tree(rest).0);
        }
    }
    paths
}

/// The paths of the use tree at the start of `text` (`a::b`, `a::{b, c}`,
/// `{…}`), and the text after it.
fn use_tree(text: &str) -> (Vec<String>, &str) {
    let text = text.trim_start();
    if let Some(mut rest) = text.strip_prefix('{') {
        let mut paths = Vec::new();
        loop {
            let (more, after) = use_tree(rest);
            paths.extend(more);
            // Past `as name` to the next `,` or the group's end.
            let after = &after[after.find([',', '}']).unwrap_or(after.len())..];
            match after.chars().next() {
                Some(',') => rest = &after[1..],
                Some('}') => return (paths, &after[1..]),
                _ => return (paths, after),
            }
        }
    }
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let (name, after) = text.split_at(end);
    if name.is_empty() {
        return (Vec::new(), after);
    }
    match after.strip_prefix("::") {
        Some(next) => {
            let (inner, after) = use_tree(next);
            let paths = if inner.is_empty() {
                vec![name.to_owned()]
            } else {
                inner
                    .into_iter()
                    .map(|p| match p.as_str() {
                        "self" => name.to_owned(),
                        _ => format!("{name}::{p}"),
                    })
                    .collect()
            };
            (paths, after)
        }
        None => (vec![name.to_owned()], after),
    }
}

/// For each module, the other modules it names, its parents and children
/// aside.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    // The longest module path that `path` starts with.
    let resolve = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|name| modules.contains_key(name))
    };
    let related = |a: &str, b: &str| {
        a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
    };
    modules
        .iter()
        .map(|(name, code)| {
            let parent = name.rsplit_once("::").map(|(p, _)| p);
            let mut paths = paths_after(code, "crate::");
            paths.extend(
                paths_after(code, "super::")
                    .into_iter()
                    .map(|p| match parent {
                        Some(parent) => format!("{parent}::{p}"),
                        None => p,
                    }),
            );
            // A module brought in by `use` is then named by its last part:
            // `use crate::commands;` and then `commands::generate::run`.
            let imported: BTreeSet<String> = paths
                .iter()
                .filter(|p| modules.contains_key(p.as_str()))
                .cloned()
                .collect();
            for module in imported {
                let last = module.rsplit("::").next().unwrap();
                paths.extend(
                    paths_after(code, &format!("{last}::"))
                        .into_iter()
                        .map(|p| format!("{module}::{p}")),
                );
            }
            let named = paths
                .iter()
                .filter_map(|p| resolve(p))
                .filter(|other| !related(name, other))
                .collect();
            (name.clone(), named)
        })
        .collect()
}

/// A chain of modules from `from` back to itself, if there is one.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(chain) = stack.pop() {
        for next in &graph[chain.last().unwrap()] {
            if next == from {
                let mut cycle = chain.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = chain.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn use_trees_expand_to_their_paths() {
    assert_eq!(
        paths_after(
            "use crate::{a, b::{self, c, d as e}, f::*};\nlet x = crate::g::h(); my_crate::i;",
            "crate::"
        ),
        ["a", "b", "b::c", "b::d", "f", "g::h"]
    );
}

#[test]
fn no_module_reaches_a_module_that_reaches_it_back() {
    let graph = graph();
    // The graph is the real one: the front ends reach the commands, and
    // the commands what they stand on.
    for front_end in ["cli", "keygen_cli"] {
        assert!(graph[front_end].contains("commands::generate"), "{graph:?}");
    }
    assert!(graph["commands::generate"].contains("store"), "{graph:?}");
    let cycles: Vec<Vec<String>> = graph
        .keys()
        .filter_map(|name| cycle_through(&graph, name))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules that reach themselves: {cycles:?}"
    );
}

/// The front ends: the only modules that know clap.
const FRONT_ENDS: &[&str] = &["cli", "keygen_cli", "docs"];

/// The modules that may read the environment or ask whether a stream is
/// a terminal: the run's context (`output`), and the edges that stand for
/// those things (the platform, the prompt, progress, the clipboard, the
/// agent's socket, passphrase sources, doctor's facts).
const ENVIRONMENT_READERS: &[&str] = &[
    "output",
    "platform",
    "prompt",
    "progress",
    "clipboard",
    "agent::socket",
    "passphrase",
    "commands::doctor::facts",
    "code_host::token",
    "security_key",
];

/// Whether `module` is one of `allowed` or inside one.
fn within(module: &str, allowed: &[&str]) -> bool {
    allowed
        .iter()
        .any(|a| module == *a || module.starts_with(&format!("{a}::")))
}

#[test]
fn clap_is_known_only_to_the_front_ends() {
    let knowing: Vec<String> = modules()
        .into_iter()
        .filter(|(name, code)| code.contains("clap") && !within(name, FRONT_ENDS))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(knowing, Vec::<String>::new());
}

#[test]
fn the_environment_and_the_terminal_are_read_only_through_the_context_and_edges() {
    let reading: Vec<String> = modules()
        .into_iter()
        .filter(|(name, code)| {
            ["env::var", "is_terminal()", "utf8_locale()"]
                .iter()
                .any(|pattern| code.contains(pattern))
                && !within(name, ENVIRONMENT_READERS)
        })
        .map(|(name, _)| name)
        .collect();
    assert_eq!(reading, Vec::<String>::new());
}

/// The command a module belongs to: `commands::doctor` for
/// `commands::doctor::rules`; `None` outside the commands.
fn command_of(module: &str) -> Option<String> {
    let mut parts = module.split("::");
    (parts.next() == Some("commands")).then(|| format!("commands::{}", parts.next().unwrap_or("")))
}

#[test]
fn commands_compose_operations_and_never_call_each_other() {
    let graph = graph();
    // The graph sees the operations: access-key makes its key through one.
    assert!(
        graph["commands::access_key"].contains("ops::key_pair"),
        "{graph:?}"
    );
    let calls: Vec<(String, Vec<String>)> = graph
        .keys()
        .filter(|name| name.starts_with("commands::"))
        .map(|name| {
            let own = command_of(name);
            let others = graph[name]
                .iter()
                .filter(|o| command_of(o).is_some_and(|c| Some(&c) != own.as_ref()))
                .cloned()
                .collect::<Vec<_>>();
            (name.clone(), others)
        })
        .filter(|(_, reached)| !reached.is_empty())
        .collect();
    assert_eq!(calls, Vec::new(), "commands that call other commands");
}

#[test]
fn operations_reach_no_command_and_no_front_end() {
    let graph = graph();
    let wrong: Vec<(String, Vec<String>)> = graph
        .iter()
        .filter(|(name, _)| name.starts_with("ops::"))
        .map(|(name, reached)| {
            let wrong = reached
                .iter()
                .filter(|o| {
                    o.starts_with("commands") || ["cli", "keygen_cli", "docs"].contains(&o.as_str())
                })
                .cloned()
                .collect();
            (name.clone(), wrong)
        })
        .filter(|(_, wrong): &(String, Vec<String>)| !wrong.is_empty())
        .collect();
    assert_eq!(
        wrong,
        Vec::new(),
        "operations that reach commands or front ends"
    );
}

/// The longest a function in `src/` may be, in lines from its `fn` to its
/// closing brace (as rustfmt lays it out).
const MAX_FUNCTION_LINES: usize = 100;

/// Every function of a file (as rustfmt lays it out: the body closes with
/// a brace at the indentation of its `fn` line): name, first line, lines.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let after_qualifiers = [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "unsafe ",
            "async ",
        ]
        .iter()
        .fold(body, |rest, q| rest.strip_prefix(q).unwrap_or(rest));
        let Some(signature) = after_qualifiers.strip_prefix("fn ") else {
            continue;
        };
        let name: String = signature
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The signature ends at `{` (a body), `;` (a declaration in a
        // trait) or `}` (a body on the same line).
        let Some(signature_end) = lines[at..]
            .iter()
            .position(|l| l.trim_end().ends_with(['{', ';', '}']))
            .map(|offset| at + offset)
        else {
            continue;
        };
        let last = lines[signature_end].trim_end();
        let end = if last.ends_with(';') {
            continue;
        } else if last.ends_with('}') {
            signature_end
        } else {
            let closing = format!("{indent}}}");
            match lines[signature_end..].iter().position(|l| *l == closing) {
                Some(offset) => signature_end + offset,
                None => continue,
            }
        };
        found.push((name, at + 1, end - at + 1));
    }
    found
}

#[test]
fn no_function_is_longer_than_a_screenful_or_two() {
    let files = source_files();
    // The measure works: this very file's longest test is found.
    let own = functions(include_str!("architecture.rs"));
    assert!(
        own.iter()
            .any(|(name, _, lines)| name == "graph" && *lines > 40),
        "{own:?}"
    );
    let long: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            functions(&text)
                .into_iter()
                .filter(|(_, _, lines)| *lines > MAX_FUNCTION_LINES)
                .map(|(name, line, lines)| {
                    format!(
                        "{}:{line} {name}: {lines} lines",
                        file.strip_prefix(src()).unwrap().display()
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        long,
        Vec::<String>::new(),
        "functions over {MAX_FUNCTION_LINES} lines"
    );
}

#[test]
fn every_test_file_is_a_module_of_the_test_binary() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration");
    let mut forgotten = Vec::new();
    let mut check = |dir: &Path, parent: &Path| {
        let declared = std::fs::read_to_string(parent).unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "rs") || path == parent {
                continue;
            }
            let module = declared.lines().any(|l| {
                l.trim() == format!("mod {name};") || l.trim() == format!("pub mod {name};")
            });
            if !module {
                forgotten.push(path.strip_prefix(&here).unwrap().display().to_string());
            }
        }
    };
    check(&here, &here.join("main.rs"));
    for entry in std::fs::read_dir(&here).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            check(&dir, &dir.with_extension("rs"));
        }
    }
    assert_eq!(
        forgotten,
        Vec::<String>::new(),
        "test files no `mod` line names (never run)"
    );
}
