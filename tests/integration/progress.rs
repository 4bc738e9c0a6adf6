//! Progress on stderr for slow jobs, through a real pseudo-terminal: an RSA
//! 8,192-bit key whose search outlasts the first second shows it on one
//! updating line, cleared before the normal output, and one that ends sooner
//! draws nothing; with stderr not a terminal, with `-q` and with `--json`
//! nothing of it appears; Ctrl-C during it leaves nothing behind.
//! And the public key line generate prints on a terminal's stderr when no
//! clipboard took it.

use rexpect::process::signal::Signal;
use rexpect::process::wait::WaitStatus;
use rexpect::session::spawn_command;

use crate::terminal::{pty_command, spawn};
use crate::util::{Env, host_name, listing, read, sshgen_bin};

/// Long enough for the slowest RSA 8,192-bit search of a loaded CI machine.
const SLOW_TIMEOUT_MS: u64 = 600_000;
const PROGRESS: &str = "Finding primes for a 8192-bit RSA key: ";
/// What starts each redraw of the line.
const REDRAW: char = '\r';
const HEADLESS_WARNING: &str = "sshgen: warning: the public key was not copied to the clipboard: \
     no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset)";

/// sshgen's arguments run through `sh -c` in a pty, with the test's home and
/// no display; `redirect` is appended to the command (e.g. `2>err`).
fn spawn_sh(env: &Env, args: &str, redirect: &str) -> rexpect::session::PtySession {
    let mut cmd = pty_command(env, "sh");
    cmd.arg("-c")
        .arg(format!("exec \"$0\" {args} {redirect}"))
        .arg(sshgen_bin());
    spawn_command(cmd, Some(SLOW_TIMEOUT_MS)).expect("sh in a pty")
}

/// The pty's text as written (the pty turns `\n` into `\r\n`).
fn unix_lines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// ssh-keygen's text for a new key `k`, read back from the files sshgen wrote.
fn generated_text(env: &Env, kind: &str, bits: u32) -> String {
    let public = read(&env.path("k.pub"));
    let key = ssh_key::PublicKey::from_openssh(&public).unwrap();
    let fingerprint = key.fingerprint(ssh_key::HashAlg::Sha256);
    let art = fingerprint.to_randomart(&format!("[{kind} {bits}]"));
    format!(
        "Generating public/private {} key pair.\nYour identification has been saved in k\n\
         Your public key has been saved in k.pub\nThe key fingerprint is:\n{fingerprint} \
         {}@{}\nThe key's randomart image is:\n{art}\n",
        kind.to_ascii_lowercase(),
        crate::util::account_user(),
        host_name()
    )
}

/// The drawn lines of `output` (after its first line's start, which the
/// caller has matched) and what comes after the line is cleared: each redraw
/// starts with a carriage return, and the clear is a carriage return, spaces
/// over the last line, and another.
fn drawn_and_after(first: &str, rest: &str, after_starts: &str) -> (Vec<String>, String) {
    let at = rest.find(after_starts).expect("the normal output follows");
    let (drawn, after) = rest.split_at(at);
    let drawn = format!("{first}{drawn}");
    let drawn = drawn
        .strip_suffix(REDRAW)
        .expect("the clear ends with a carriage return");
    let (lines, blank) = drawn.rsplit_once(REDRAW).expect("a clear after the lines");
    let lines: Vec<String> = lines
        .split(REDRAW)
        .map(|l| l.trim_end().to_owned())
        .collect();
    assert!(blank.chars().all(|c| c == ' '), "{blank:?}");
    assert!(
        blank.len() >= lines.last().unwrap().len(),
        "the clear covers the line"
    );
    (lines, after.to_owned())
}

/// The exit code of a session whose output has been read to the end.
fn status(session: &mut rexpect::session::PtySession) -> i32 {
    match session.process().wait().expect("wait for sshgen") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("sshgen did not exit normally: {other:?}"),
    }
}

/// How many 8,192-bit searches a test runs, at most, to get one that lasts
/// long enough to draw: their length is random, and about one in ten ends
/// within the first second, before the line appears.
const SEARCHES: usize = 8;

#[test]
fn rsa_8192_in_a_terminal_shows_its_progress_and_clears_it() {
    let mut quick_searches = 0;
    loop {
        let env = Env::new();
        let mut s = spawn_sh(&env, "-t rsa -b 8192 -N '' -f k", "");
        let output = s.exp_eof().unwrap();
        assert_eq!(status(&mut s), 0);
        // After the progress line, or in its place when the search ended
        // before it was drawn, exactly what sshgen prints without it:
        // ssh-keygen's text on stdout, then on stderr the clipboard warning
        // and the key line.
        let public = read(&env.path("k.pub"));
        let normal = format!(
            "{}{HEADLESS_WARNING}\n{public}",
            generated_text(&env, "RSA", 8192)
        );
        // Nothing comes before the progress line: it is the first thing drawn.
        let redrawn = match output.strip_prefix(&format!("{REDRAW}{PROGRESS}")) {
            None => {
                assert_eq!(unix_lines(&output), normal);
                false
            }
            Some(rest) => {
                let (draws, after) = drawn_and_after(PROGRESS, rest, "Generating public/private");
                assert_eq!(unix_lines(&after), normal);
                // One line that updates: each redraw says how long the search
                // has run and how many candidates it has tested, more each time.
                let mut last_tested = 0;
                for draw in &draws {
                    let counts = draw
                        .strip_prefix(PROGRESS)
                        .and_then(|d| d.strip_suffix(" candidates tested"))
                        .unwrap_or_else(|| panic!("not a progress line: {draw:?}"));
                    let (elapsed, tested) = counts.split_once("s, ").expect("time, then count");
                    assert!(elapsed.parse::<u32>().unwrap() >= 1, "{draw:?}");
                    let tested = tested.parse::<u32>().unwrap();
                    assert!(tested > last_tested, "{draws:?}");
                    last_tested = tested;
                    assert!(!draw.contains('\n'), "{draw:?}");
                }
                draws.len() > 1
            }
        };
        if redrawn {
            break;
        }
        quick_searches += 1;
        assert!(
            quick_searches < SEARCHES,
            "{SEARCHES} searches too quick to redraw"
        );
    }
}

#[test]
fn rsa_8192_shows_no_progress_without_a_terminal_with_q_or_with_json() {
    // The three runs in parallel: each is an RSA 8,192-bit search.
    let envs: Vec<Env> = (0..3).map(|_| Env::new()).collect();
    let runs = [
        ("-t rsa -b 8192 -N '' -f k", "2>err"),
        ("-t rsa -b 8192 -N '' -f k -q", ""),
        ("-t rsa -b 8192 -N '' -f k --json", ""),
    ];
    let outputs: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = envs
            .iter()
            .zip(runs)
            .map(|(env, (args, redirect))| {
                scope.spawn(move || {
                    let mut s = spawn_sh(env, args, redirect);
                    let output = s.exp_eof().unwrap();
                    assert_eq!(status(&mut s), 0);
                    output
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    // stderr to a file: stdout on the terminal is ssh-keygen's text alone,
    // and stderr has the warning but neither progress nor the key line.
    assert_eq!(
        unix_lines(&outputs[0]),
        generated_text(&envs[0], "RSA", 8192)
    );
    assert_eq!(read(&envs[0].path("err")), format!("{HEADLESS_WARNING}\n"));
    // -q: nothing at all.
    assert_eq!(outputs[1], "");
    // --json: the one JSON line, and on stderr the clipboard warning alone.
    let json_output = unix_lines(&outputs[2]);
    let (line, warning) = json_output.split_once('\n').unwrap();
    let json: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(json["bits"], 8192);
    assert_eq!(warning, format!("{HEADLESS_WARNING}\n"));
    for env in &envs {
        assert!(env.path("k").exists() && env.path("k.pub").exists());
    }
}

#[test]
fn ctrl_c_during_the_prime_search_stops_it_with_nothing_written() {
    let env = Env::new();
    // A 16,384-bit search: it runs for a minute or more, so the line is
    // drawn and Ctrl-C comes while the search goes on.
    let mut s = spawn(&env, &["-t", "rsa", "-b", "16384", "-N", "", "-f", "k"]);
    s.exp_string("Finding primes for a 16384-bit RSA key: ")
        .unwrap();
    s.send_control('c').unwrap();
    // Killed by SIGINT, which shells report as status 130.
    match s.process().wait().unwrap() {
        WaitStatus::Signaled(_, Signal::SIGINT, _) => {}
        other => panic!("not stopped by SIGINT: {other:?}"),
    }
    assert_eq!(listing(env.root()), ["home"]);
}

#[test]
fn headless_generate_in_a_terminal_prints_the_key_line_on_stderr() {
    let env = Env::new();
    let mut s = spawn(&env, &["-f", "k", "--no-passphrase"]);
    let output = s.exp_eof().unwrap();
    assert_eq!(status(&mut s), 0);
    let public = read(&env.path("k.pub"));
    assert_eq!(
        unix_lines(&output),
        format!(
            "{}{HEADLESS_WARNING}\n{public}",
            generated_text(&env, "ED25519", 256)
        )
    );
}

#[test]
fn headless_generate_with_stderr_in_a_pipe_prints_only_the_warning_there() {
    let env = Env::new();
    let mut s = spawn_sh(&env, "-f k --no-passphrase", "2>err");
    let output = s.exp_eof().unwrap();
    assert_eq!(unix_lines(&output), generated_text(&env, "ED25519", 256));
    assert_eq!(read(&env.path("err")), format!("{HEADLESS_WARNING}\n"));
}

#[test]
fn a_slow_passphrase_derivation_shows_a_bar_over_its_rounds() {
    let env = Env::new();
    // About two seconds of bcrypt-pbkdf: the bar appears after one.
    let mut s = spawn(&env, &["-f", "k", "-N", "a passphrase", "-a", "600"]);
    let first = "Deriving the key from the passphrase: [";
    let before = s.exp_string(first).unwrap();
    assert_eq!(before, REDRAW.to_string());
    let rest = s.exp_eof().unwrap();
    assert_eq!(status(&mut s), 0);
    let (draws, after) = drawn_and_after(first, &rest, "Generating public/private");
    for draw in &draws {
        let (bar, rounds) = draw
            .strip_prefix(first)
            .and_then(|d| d.strip_suffix("/600 rounds"))
            .and_then(|d| d.split_once("] "))
            .unwrap_or_else(|| panic!("not a bar over 600 rounds: {draw:?}"));
        assert_eq!(bar.len(), 16, "{draw:?}");
        assert!(rounds.parse::<u32>().unwrap() <= 600, "{draw:?}");
    }
    assert!(unix_lines(&after).starts_with("Generating public/private ed25519 key pair.\n"));
    assert!(!after.contains("Deriving"), "{after:?}");
}

/// A screen in a terminal, of `sieved` (the sieve's output) twice over on
/// one core, which takes seconds in a test build, so that the line appears
/// after the first: it counts the lines done of all there are and the safe
/// primes found, the rate and the time left, and is cleared before the
/// summary. (Called by the moduli test, which has sieved already: the
/// sieve takes half a minute in a test build.)
pub(crate) fn a_long_screen_shows_lines_safe_primes_rate_and_time_left(sieved: &str) {
    let env = Env::new();
    let candidates = sieved.repeat(2);
    std::fs::write(env.path("candidates"), &candidates).unwrap();
    let total = candidates.lines().count();
    let mut s = spawn(
        &env,
        &["-M", "screen", "-O", "threads=1", "-f", "candidates", "out"],
    );
    let first = "Screening moduli: ";
    let before = s.exp_string(first).unwrap();
    assert_eq!(before, REDRAW.to_string());
    let rest = s.exp_eof().unwrap();
    assert_eq!(status(&mut s), 0);
    let (draws, after) = drawn_and_after(first, &rest, "Found ");
    let line = regex::Regex::new(&format!(
        r"^Screening moduli: (\d+)/{total} lines, (\d+) safe, \d+\.\d lines/s, (\d+s|\d+m\d\ds) left$"
    ))
    .unwrap();
    let mut last = (0, 0);
    for draw in &draws {
        let parts = line
            .captures(draw)
            .unwrap_or_else(|| panic!("not a screening line: {draw:?}"));
        let done: u64 = parts[1].parse().unwrap();
        let safe: u64 = parts[2].parse().unwrap();
        assert!(
            done >= last.0 && safe >= last.1 && safe <= done,
            "{draws:?}"
        );
        last = (done, safe);
    }
    let found = read(&env.path("out")).lines().count();
    assert!(
        unix_lines(&after).starts_with(&format!("Found {found} safe primes of ")),
        "{after:?}"
    );
}
