//! "Never lose a key": concurrent writers of one pair, a kill at every
//! file-system call of a write, and failures half-way, checked by what is
//! on disk afterwards (which files, whether the pair matches, old or new).

use std::fs;
use std::path::Path;
use std::process::Stdio;

use ssh_key::{PrivateKey, PublicKey};

use crate::util::{Env, listing, native, read, stderr_of};
#[cfg(target_os = "linux")]
use crate::util::{require, sshgen_bin};

/// The public key inside the private key file and the one in its `.pub`.
fn halves(private: &Path) -> (PublicKey, PublicKey) {
    let key = PrivateKey::from_openssh(read(private)).expect("private key");
    let public = PublicKey::from_openssh(read(&private.with_extension("pub")).trim_end())
        .expect("public key");
    (key.public_key().clone(), public)
}

/// Asserts that `dir` holds exactly the pair `k`, `k.pub` and that its two
/// halves are the same key; returns the `.pub` line.
fn assert_whole_pair(dir: &Path) -> String {
    assert_eq!(listing(dir), ["k", "k.pub"]);
    let (inner, outer) = halves(&dir.join("k"));
    assert_eq!(inner.key_data(), outer.key_data(), "mismatched pair");
    let key = PrivateKey::from_openssh(read(&dir.join("k"))).unwrap();
    // An encrypted key's comment is inside the encryption.
    if !key.is_encrypted() {
        assert_eq!(
            inner.comment(),
            outer.comment(),
            "the comment differs between the two files"
        );
    }
    read(&dir.join("k.pub"))
}

fn spawn_all(env: &Env, count: usize, args: &[&str]) -> Vec<std::process::Output> {
    let children: Vec<_> = (0..count)
        .map(|_| {
            env.command()
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start sshgen")
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().expect("wait for sshgen"))
        .collect()
}

#[test]
fn concurrent_runs_without_force_never_replace_a_key_they_did_not_make() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    let outputs = spawn_all(
        &env,
        20,
        &["-q", "-t", "ed25519", "--no-passphrase", "-f", "keys/k"],
    );
    let winners: Vec<_> = outputs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(winners.len(), 1, "exactly one run may report the key made");
    for lost in outputs.iter().filter(|o| !o.status.success()) {
        assert_eq!(lost.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&lost.stderr);
        assert!(
            stderr.starts_with(&format!("sshgen: error: {}", native("keys/k")))
                && stderr.contains("already exists; pass --force"),
            "{stderr}"
        );
    }
    assert_whole_pair(&env.path("keys"));
}

#[test]
fn concurrent_force_runs_leave_a_matching_pair() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    for _ in 0..3 {
        let outputs = spawn_all(
            &env,
            12,
            &[
                "-q",
                "-t",
                "ed25519",
                "--no-passphrase",
                "--force",
                "-f",
                "keys/k",
            ],
        );
        for output in &outputs {
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_whole_pair(&env.path("keys"));
    }
}

#[test]
fn concurrent_comment_and_passphrase_keep_both_changes() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    for round in 0..6 {
        let _ = fs::remove_file(env.path("keys/k"));
        let _ = fs::remove_file(env.path("keys/k.pub"));
        env.run_ok(&["-q", "--no-passphrase", "-C", "old", "-f", "keys/k"]);
        let comment = env
            .command()
            .args(["comment", "keys/k", "-C", "new"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let passphrase = env
            .command()
            .args(["passphrase", "keys/k", "-N", "pw", "-a", "1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Either may find the key encrypted by the other first: then it needs
        // the passphrase, which comment is not given, and fails without
        // touching the key. What may never happen is a success undone.
        let comment = comment.wait_with_output().unwrap();
        let passphrase = passphrase.wait_with_output().unwrap();
        assert!(
            passphrase.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&passphrase.stderr)
        );
        let pub_line = assert_whole_pair(&env.path("keys"));
        let key = PrivateKey::from_openssh(read(&env.path("keys/k"))).unwrap();
        assert!(
            key.is_encrypted(),
            "round {round}: the new passphrase was lost"
        );
        let decrypted = key.decrypt("pw").unwrap();
        if comment.status.success() {
            assert_eq!(decrypted.comment().as_str_lossy(), "new", "round {round}");
            assert!(pub_line.ends_with(" new\n"), "round {round}: {pub_line}");
        } else {
            let stderr = String::from_utf8_lossy(&comment.stderr);
            assert!(stderr.contains("is encrypted"), "round {round}: {stderr}");
            assert_eq!(decrypted.comment().as_str_lossy(), "old", "round {round}");
        }
    }
}

#[test]
fn force_with_the_pub_a_folder_keeps_the_old_pair_and_leaves_no_copy() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    env.run_ok(&["-q", "--no-passphrase", "-f", "keys/k"]);
    let old = fs::read(env.path("keys/k")).unwrap();
    fs::remove_file(env.path("keys/k.pub")).unwrap();
    fs::create_dir_all(env.path("keys/k.pub/inside")).unwrap();
    let assert = env
        .sshgen()
        .args(["-q", "--no-passphrase", "--force", "-f", "keys/k"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.starts_with(&format!(
            "sshgen: error: cannot replace {}: ",
            native("keys/k.pub")
        )),
        "{stderr}"
    );
    assert_eq!(fs::read(env.path("keys/k")).unwrap(), old);
    assert_eq!(listing(&env.path("keys")), ["k", "k.pub"]);
}

#[cfg(target_os = "linux")]
/// The file-system calls of a write, each a point where a kill can land.
/// strace counts each call (and thread) on its own, so every call is killed
/// at its 1st, 2nd, … invocation in turn.
#[cfg(target_os = "linux")]
const WRITE_CALLS: &[&str] = &[
    "openat",
    "write",
    "fsync",
    "syncfs",
    "fchmod",
    "link",
    "linkat",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "flock",
    "mkdir",
    "mkdirat",
];

/// Runs sshgen with `args` under strace, killed at the `n`-th call of
/// `call`; returns whether it was killed (false: it finished first).
#[cfg(target_os = "linux")]
pub(crate) fn killed_at(env: &Env, strace: &Path, call: &str, n: usize, args: &[&str]) -> bool {
    let output = env
        .command_of(strace)
        .args(["-f", "-o", "/dev/null", "-e"])
        .arg(format!("inject={call}:signal=KILL:when={n}"))
        .arg("--")
        .arg(sshgen_bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run strace");
    match output.status.code() {
        // strace passes on the tracee's status; killed is 128 + 9.
        Some(137) | None => true,
        Some(0) => false,
        other => panic!(
            "sshgen failed at {call} #{n} ({other:?}): {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// Kills `args` at each invocation of each write call in turn, from a state
/// `set_up` makes; after each kill `sshgen list` must settle the folder into
/// a whole pair that `check` accepts. Returns the crash points tried, per
/// call.
#[cfg(target_os = "linux")]
fn kill_at_every_step(
    args: &[&str],
    set_up: impl Fn(&Env),
    check: impl Fn(&Env, &str, &str),
) -> std::collections::BTreeMap<&'static str, usize> {
    let mut points = std::collections::BTreeMap::new();
    let Some(strace) = require("strace") else {
        return points;
    };
    for call in WRITE_CALLS {
        for n in 1.. {
            let at = format!("{call} #{n}");
            let env = Env::new();
            fs::create_dir(env.path("keys")).unwrap();
            set_up(&env);
            if !killed_at(&env, &strace, call, n, args) {
                // The whole run, untouched: the new state, nothing left over.
                check(&env, "finished", &assert_whole_pair(&env.path("keys")));
                break;
            }
            *points.entry(*call).or_default() += 1;
            let listed = env.sshgen().args(["list", "keys"]).assert().success();
            let stderr = stderr_of(&listed);
            assert!(
                stderr.is_empty()
                    || stderr.starts_with("sshgen: recovered keys/k after an interrupted write: ")
                    || stderr.starts_with("No keys in keys"),
                "{at}: {stderr}"
            );
            if listing(&env.path("keys")).is_empty() {
                check(&env, &at, "");
            } else {
                check(&env, &at, &assert_whole_pair(&env.path("keys")));
            }
        }
    }
    points
}

#[cfg(target_os = "linux")]
fn old_pair(env: &Env) {
    env.run_ok(&["-q", "--no-passphrase", "-C", "old", "-f", "keys/k"]);
    fs::copy(env.path("keys/k.pub"), env.path("old.pub")).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_generate_leaves_no_key_or_a_whole_one() {
    let points = kill_at_every_step(
        &["-q", "--no-passphrase", "-C", "new", "-f", "keys/k"],
        |_| {},
        |_, at, pub_line| {
            assert!(pub_line.is_empty() || pub_line.ends_with(" new\n"), "{at}");
        },
    );
    if require("strace").is_some() {
        // Both renames and both syncs of the files were among the points.
        assert!(points["renameat2"] >= 2, "{points:?}");
        assert!(points["fsync"] >= 2, "{points:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_generate_force_leaves_the_old_pair_or_the_new() {
    let points = kill_at_every_step(
        &[
            "-q",
            "--no-passphrase",
            "--force",
            "-C",
            "new",
            "-f",
            "keys/k",
        ],
        old_pair,
        |env, at, pub_line| {
            let old = read(&env.path("old.pub"));
            assert!(
                pub_line == old || pub_line.ends_with(" new\n"),
                "{at}: {pub_line}"
            );
        },
    );
    if require("strace").is_some() {
        assert!(points["rename"] >= 2, "{points:?}");
        assert!(points["linkat"] >= 1, "{points:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_comment_changes_both_files_or_neither() {
    kill_at_every_step(
        &["comment", "keys/k", "-C", "new"],
        old_pair,
        |env, at, pub_line| {
            let old = read(&env.path("old.pub"));
            let new = old.replace(" old\n", " new\n");
            assert!(pub_line == old || pub_line == new, "{at}: {pub_line}");
        },
    );
}

#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_passphrase_keeps_the_key() {
    kill_at_every_step(
        &["passphrase", "keys/k", "-N", "pw", "-a", "1"],
        old_pair,
        |env, at, pub_line| {
            assert_eq!(pub_line, read(&env.path("old.pub")), "{at}");
            let key = PrivateKey::from_openssh(read(&env.path("keys/k"))).unwrap();
            if key.is_encrypted() {
                key.decrypt("pw").expect("the new passphrase opens it");
            }
        },
    );
}

#[test]
fn leftovers_of_a_dead_writer_are_not_listed_as_keys() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    env.run_ok(&["-q", "--no-passphrase", "-f", "keys/k"]);
    env.run_ok(&["-q", "--no-passphrase", "-f", "other"]);
    // What a writer killed before its first rename leaves.
    fs::copy(env.path("other"), env.path("keys/.k.sshgen-999999-0.key")).unwrap();
    fs::copy(
        env.path("other.pub"),
        env.path("keys/.k.sshgen-999999-0.pub"),
    )
    .unwrap();
    fs::write(env.path("keys/.k.sshgen-lock"), "").unwrap();
    let listed = env
        .sshgen()
        .args(["list", "keys", "--json"])
        .assert()
        .success();
    let rows: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    assert_eq!(
        stderr_of(&listed),
        native(
            "sshgen: recovered keys/k after an interrupted write: dropped the unfinished new key\n"
        )
    );
    assert_eq!(listing(&env.path("keys")), ["k", "k.pub"]);
}

#[test]
fn the_next_run_on_the_path_finishes_a_write_killed_between_its_renames() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    // The private key is in place, the .pub still staged.
    env.run_ok(&["-q", "--no-passphrase", "-C", "new", "-f", "keys/k"]);
    fs::rename(
        env.path("keys/k.pub"),
        env.path("keys/.k.sshgen-999999-0.pub"),
    )
    .unwrap();
    let assert = env
        .sshgen()
        .args(["-q", "--no-passphrase", "-f", "keys/k"])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        format!(
            "sshgen: recovered {k} after an interrupted write: put the new {k}.pub in place \
             beside its private key\nsshgen: error: {k} already exists; pass --force to replace \
             it, or -f to choose another file\n",
            k = native("keys/k")
        )
    );
    assert!(assert_whole_pair(&env.path("keys")).ends_with(" new\n"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_private_key_is_rewritten_where_it_lives() {
    let env = Env::new();
    fs::create_dir(env.path("keys")).unwrap();
    fs::create_dir(env.path("dotfiles")).unwrap();
    env.run_ok(&["-q", "--no-passphrase", "-C", "old", "-f", "dotfiles/k"]);
    std::os::unix::fs::symlink("../dotfiles/k", env.path("keys/k")).unwrap();
    std::os::unix::fs::symlink("../dotfiles/k.pub", env.path("keys/k.pub")).unwrap();
    env.run_ok(&["comment", "keys/k", "-C", "new"]);
    env.run_ok(&["passphrase", "keys/k", "-N", "pw", "-a", "1"]);
    for name in ["keys/k", "keys/k.pub"] {
        assert!(
            fs::symlink_metadata(env.path(name))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{name} is no longer a symlink"
        );
    }
    assert_eq!(listing(&env.path("dotfiles")), ["k", "k.pub"]);
    assert!(read(&env.path("dotfiles/k.pub")).ends_with(" new\n"));
    let key = PrivateKey::from_openssh(read(&env.path("dotfiles/k"))).unwrap();
    assert_eq!(key.decrypt("pw").unwrap().comment().as_str_lossy(), "new");
}

#[test]
fn a_key_named_near_the_file_name_limit_can_be_written() {
    let env = Env::new();
    // 251 bytes, so that NAME.pub is 255, the usual limit.
    let name = "k".repeat(251);
    env.run_ok(&["-q", "--no-passphrase", "-f", &name]);
    env.run_ok(&["comment", &name, "-C", "c"]);
    assert_eq!(
        listing(env.root()),
        ["home".to_owned(), name.clone(), format!("{name}.pub")]
    );
}

/// A write that fails (here: over the file size limit, as a full disk
/// would) names the key, not the temporary file it was staged in, and
/// leaves nothing behind.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_names_the_key_and_leaves_nothing() {
    let env = Env::new();
    let output = env
        .command_of("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" -q --no-passphrase -f k")
        .arg(crate::util::sshgen_bin())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr == "sshgen: error: cannot write k: File too large (os error 27)\n"
            || stderr == "sshgen: error: cannot write k.pub: File too large (os error 27)\n",
        "{stderr}"
    );
    assert_eq!(listing(env.root()), ["home"]);
}

#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_removing_a_host_leaves_the_old_file_or_the_new() {
    let Some(strace) = require("strace") else {
        return;
    };
    let ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    let old = format!("a.example {ed}\nb.example {ed}\n");
    let new = format!("b.example {ed}\n");
    let mut points = std::collections::BTreeMap::<&str, usize>::new();
    for call in WRITE_CALLS {
        for n in 1.. {
            let at = format!("{call} #{n}");
            let env = Env::new();
            fs::write(env.path("known_hosts"), &old).unwrap();
            // A backup from an earlier edit, which this one replaces.
            fs::write(env.path("known_hosts.old"), "earlier\n").unwrap();
            let args = ["-R", "a.example", "-f", "known_hosts"];
            let killed = killed_at(&env, &strace, call, n, &args);
            let now = read(&env.path("known_hosts"));
            let backup = read(&env.path("known_hosts.old"));
            if !killed {
                assert_eq!((now, backup), (new.clone(), old.clone()), "finished");
                break;
            }
            *points.entry(*call).or_default() += 1;
            assert!(now == old || now == new, "{at}: {now:?}");
            // The backup is the earlier one or this edit's, whole; once the
            // new text is in place, it is this edit's.
            assert!(backup == "earlier\n" || backup == old, "{at}: {backup:?}");
            if now == new {
                assert_eq!(backup, old, "{at}");
            }
            // The next edit of the file clears what the killed one left.
            env.sshgen()
                .args(["-R", "absent.example", "-f", "known_hosts"])
                .assert()
                .success();
            assert_eq!(
                listing(env.root()),
                ["home", "known_hosts", "known_hosts.old"],
                "{at}"
            );
        }
    }
    assert!(points["linkat"] >= 1 && points["rename"] >= 2, "{points:?}");
}

/// `-s` over several keys writes their certificates in one batch
/// (`store::write_files`), eight of them: enough that the batch is synced
/// at once (one `syncfs` before the renames). Killed at any call, each
/// certificate is the one it was before (none, or the earlier one of u2) or
/// this run's, whole and for its own key; the next run clears what the
/// killed one left.
#[cfg(target_os = "linux")]
#[test]
fn kill_at_every_step_of_signing_many_keys_leaves_each_certificate_old_or_new() {
    use ssh_key::Certificate;
    let Some(strace) = require("strace") else {
        return;
    };
    let users = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"];
    // The keys and an earlier certificate of u2, made once and copied in.
    let template = Env::new();
    fs::create_dir(template.path("keys")).unwrap();
    template.run_ok(&["-q", "--no-passphrase", "-C", "ca", "-f", "ca"]);
    for user in users {
        template.run_ok(&[
            "-q",
            "--no-passphrase",
            "-C",
            user,
            "-f",
            &format!("keys/{user}"),
        ]);
    }
    template.run_ok(&["-q", "-s", "ca", "-I", "old", "-n", "user", "keys/u2.pub"]);
    let old_u2 = read(&template.path("keys/u2-cert.pub"));
    let mut args = vec!["-q", "-s", "ca", "-I", "new", "-n", "user"];
    let publics: Vec<String> = users.iter().map(|u| format!("keys/{u}.pub")).collect();
    args.extend(publics.iter().map(String::as_str));
    let mut files: Vec<String> = users
        .iter()
        .flat_map(|u| [u.to_string(), format!("{u}-cert.pub"), format!("{u}.pub")])
        .collect();
    files.sort();

    let mut points = std::collections::BTreeMap::<&str, usize>::new();
    for call in WRITE_CALLS {
        for n in 1.. {
            let at = format!("{call} #{n}");
            let env = Env::new();
            fs::create_dir(env.path("keys")).unwrap();
            for name in ["ca", "ca.pub"] {
                fs::copy(template.path(name), env.path(name)).unwrap();
            }
            for name in listing(&template.path("keys")) {
                fs::copy(
                    template.path(&format!("keys/{name}")),
                    env.path(&format!("keys/{name}")),
                )
                .unwrap();
            }
            let killed = killed_at(&env, &strace, call, n, &args);
            for user in users {
                let path = env.path(&format!("keys/{user}-cert.pub"));
                let Ok(text) = fs::read_to_string(&path) else {
                    assert!(killed && user != "u2", "{at}: no certificate for {user}");
                    continue;
                };
                if user == "u2" && text == old_u2 {
                    assert!(killed, "{at}: u2's certificate was not replaced");
                    continue;
                }
                let cert = Certificate::from_openssh(text.trim_end())
                    .unwrap_or_else(|e| panic!("{at}: {user}'s certificate: {e}: {text:?}"));
                let key = PublicKey::from_openssh(
                    read(&env.path(&format!("keys/{user}.pub"))).trim_end(),
                )
                .unwrap();
                assert_eq!(cert.public_key(), key.key_data(), "{at}: {user}");
                assert_eq!(cert.key_id(), "new", "{at}: {user}");
            }
            if !killed {
                assert_eq!(listing(&env.path("keys")), files, "finished");
                break;
            }
            *points.entry(*call).or_default() += 1;
            // The next run finishes the job and clears what this one left.
            env.run_ok(&args);
            assert_eq!(listing(&env.path("keys")), files, "{at}");
        }
    }
    // Each certificate's rename and the batch's sync were among the points.
    let at = |call| points.get(call).copied().unwrap_or(0);
    assert!(at("renameat2") + at("rename") >= 8, "{points:?}");
    assert!(at("syncfs") >= 1, "{points:?}");
}
