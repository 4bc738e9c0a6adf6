//! DH group moduli (`ssh-keygen -M generate|screen`): the sieve lists the
//! candidates ssh-keygen lists from the same start (its output recorded in
//! tests/fixtures/moduli), and screening keeps the lines ssh-keygen keeps,
//! field for field but the time, also when resumed from a checkpoint.

use std::path::Path;
use std::process::{Command, Output};

use sha2::Digest;

use crate::util::{Env, read, require, sshgen_bin};

const START: &str = "70123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde";

fn run(program: &Path, env: &Env, args: &[&str]) -> Output {
    let output = env.command_of(program).args(args).output().expect("run");
    assert!(
        output.status.success(),
        "{program:?} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The lines of a moduli file without their times.
fn untimed(text: &str) -> Vec<String> {
    text.lines().map(|l| l[14..].to_owned()).collect()
}

#[test]
fn moduli_are_sieved_and_screened_as_ssh_keygen_does() {
    let ours = sshgen_bin();
    let env = Env::new();
    let start = format!("start={START}");
    let sieved = run(
        &ours,
        &env,
        &[
            "-M",
            "generate",
            "-q",
            "-O",
            "bits=512",
            "-O",
            &start,
            "candidates",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&sieved.stderr), "");
    let candidates = read(&env.path("candidates"));
    let lines: Vec<&str> = candidates.lines().collect();
    assert_eq!(lines.len(), 3568);
    assert!(lines[0].ends_with(" 4 2 203277289 510 0 70123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABEE3"));
    let digest = sha2::Sha256::digest(untimed(&candidates).join("\n") + "\n");
    let recorded = read(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moduli/sieve-512.sha256"
    )));
    assert_eq!(
        format!(
            "{}  -\n",
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ),
        recorded
    );

    let Some(real) = require("ssh-keygen") else {
        return;
    };
    // Screened whole by both, then again from line 2000 on, by sshgen
    // from a checkpoint that says 2000 lines were done.
    run(
        &real,
        &env,
        &["-M", "screen", "-q", "-f", "candidates", "theirs"],
    );
    run(
        &ours,
        &env,
        &["-M", "screen", "-q", "-f", "candidates", "ours"],
    );
    let theirs = untimed(&read(&env.path("theirs")));
    assert!(!theirs.is_empty());
    assert!(
        theirs.iter().all(|l| l.starts_with(" 2 6 100 511 ")),
        "{theirs:?}"
    );
    assert_eq!(untimed(&read(&env.path("ours"))), theirs);
    // Three candidates at a time: the same lines, in the same order.
    run(
        &ours,
        &env,
        &[
            "-M",
            "screen",
            "-q",
            "-O",
            "threads=3",
            "-f",
            "candidates",
            "three",
        ],
    );
    assert_eq!(untimed(&read(&env.path("three"))), theirs);
    std::fs::write(env.path("checkpoint"), "2000\n").unwrap();
    run(
        &ours,
        &env,
        &[
            "-M",
            "screen",
            "-q",
            "-f",
            "candidates",
            "-O",
            "checkpoint=checkpoint",
            "resumed",
        ],
    );
    run(
        &real,
        &env,
        &[
            "-M",
            "screen",
            "-q",
            "-f",
            "candidates",
            "-O",
            "start-line=2000",
            "theirs-resumed",
        ],
    );
    assert_eq!(
        untimed(&read(&env.path("resumed"))),
        untimed(&read(&env.path("theirs-resumed")))
    );
    assert!(
        !env.path("checkpoint").exists(),
        "the checkpoint goes when done"
    );

    #[cfg(target_os = "linux")]
    killed_and_resumed(&env, &candidates, &read(&env.path("theirs")));
    crate::progress::a_long_screen_shows_lines_safe_primes_rate_and_time_left(&candidates);

    // Safe primes screened again, with lines skipped, for one generator, and
    // with lines screening leaves out.
    let safe = read(&env.path("theirs"));
    let mut mixed = format!("# comment\n{safe}");
    mixed.push_str(&safe.lines().next().unwrap().replace(" 2 6 ", " 2 7 "));
    mixed.push('\n');
    std::fs::write(env.path("mixed"), mixed).unwrap();
    for options in [
        &["-O", "generator=2"][..],
        &["-O", "generator=5", "-O", "prime-tests=10"],
        &["-O", "start-line=1", "-O", "lines=2"],
    ] {
        let args = |out: &'static str| {
            let mut args = vec!["-M", "screen", "-q", "-f", "mixed"];
            args.extend(options);
            args.push(out);
            args
        };
        let _ = std::fs::remove_file(env.path("mine"));
        let _ = std::fs::remove_file(env.path("yours"));
        run(&ours, &env, &args("mine"));
        run(&real, &env, &args("yours"));
        let exists = |name: &str| {
            env.path(name)
                .exists()
                .then(|| untimed(&read(&env.path(name))))
        };
        assert_eq!(exists("mine"), exists("yours"), "{options:?}");
    }
}

#[test]
fn moduli_options_are_checked_as_ssh_keygen_checks_them() {
    let env = Env::new();
    for (args, message) in [
        (
            &["-M", "generate", "-O", "bits=100", "out"][..],
            "Too few bits: 100 < 512",
        ),
        (
            &["-M", "generate", "-O", "bits=70000", "out"],
            "Too many bits: 70000 > 65536",
        ),
        (
            &["-M", "generate", "-O", "memory=4", "out"],
            "Invalid memory amount (min 8, max 127)",
        ),
        (
            &["-M", "generate", "-O", "lines=4", "out"],
            "Option \"lines=4\" is unsupported for moduli generation",
        ),
        (
            &["-M", "screen", "-O", "bits=512", "out"],
            "Option \"bits=512\" is unsupported for moduli screening",
        ),
        (
            &["-M", "screen", "-O", "prime-tests=3", "out"],
            "Minimum primality trials is 4",
        ),
        (&["-M", "generate"], "No output file specified"),
        (
            &["-M", "generate", "a", "b"],
            "Too many output files specified",
        ),
        (&["-M", "sieve", "out"], "Unsupported moduli option sieve"),
    ] {
        let output = Command::new(sshgen_bin())
            .args(args)
            .current_dir(env.root())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(255), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!("sshgen: error: {message}\n"),
            "{args:?}"
        );
        assert!(!env.path("out").exists());
    }
}

#[test]
fn screening_that_finds_nothing_still_writes_the_output_file() {
    let Some(keygen) = require("ssh-keygen") else {
        return;
    };
    let env = Env::new();
    std::fs::write(env.path("none"), "").unwrap();
    for (program, out) in [(keygen, "theirs"), (sshgen_bin(), "ours")] {
        run(&program, &env, &["-M", "screen", "-f", "none", out]);
        assert_eq!(std::fs::read(env.path(out)).unwrap(), b"");
    }
    assert_eq!(
        crate::util::mode(&env.path("ours")) & 0o777,
        crate::util::mode(&env.path("theirs")) & 0o777
    );
}

/// A screen killed at each rename in turn (every line it commits renames
/// the checkpoint into place, and every safe prime the output first, so
/// the kills land before, between and after the two) and resumed from its
/// checkpoint writes the lines of an uninterrupted run, none twice.
#[cfg(target_os = "linux")]
fn killed_and_resumed(env: &Env, candidates: &str, safe: &str) {
    let Some(strace) = require("strace") else {
        return;
    };
    let candidates: Vec<&str> = candidates.lines().collect();
    let safe: Vec<&str> = safe.lines().collect();
    let mixed = [
        candidates[0],
        safe[0],
        candidates[1],
        candidates[2],
        safe[1],
        candidates[3],
    ]
    .join("\n")
        + "\n";
    std::fs::write(env.path("mixed"), mixed).unwrap();
    let args = [
        "-M",
        "screen",
        "-q",
        "-f",
        "mixed",
        "-O",
        "checkpoint=checkpoint",
        "resumable",
    ];
    run(&sshgen_bin(), env, &args);
    let whole = untimed(&read(&env.path("resumable")));
    assert_eq!(whole.len(), 2);
    let mut kills = 0;
    for n in 1.. {
        let _ = std::fs::remove_file(env.path("resumable"));
        let _ = std::fs::remove_file(env.path("checkpoint"));
        if !crate::durability::killed_at(env, &strace, "rename", n, &args) {
            break;
        }
        kills += 1;
        run(&sshgen_bin(), env, &args);
        assert_eq!(
            untimed(&read(&env.path("resumable"))),
            whole,
            "killed at rename #{n}"
        );
        assert!(!env.path("checkpoint").exists());
    }
    // Six lines committed, two of them safe primes.
    assert!(kills >= 8, "{kills} kills");
}
