//! `ssh-keygen -M generate` and `-M screen`: DH group moduli for sshd's
//! `/etc/ssh/moduli`, made in ssh-keygen's two steps ([`crate::moduli`]):
//! sieve candidates into a file, then keep the safe primes among them.
//!
//! The candidates file is written whole, atomically, once the sieve is
//! done (the lock taken first, so an unwritable folder shows at once).
//! Screening tests one candidate per core at a time (`-O threads=N`) and
//! commits the results in the candidates' order: each safe prime appended
//! and, with a checkpoint file, each line recorded done, so that the output
//! is a serial run's and a run killed at any point goes on from there: the
//! lines being tested are tested again (where ssh-keygen skips the one it
//! was on), and a prime written just before the kill may be written twice,
//! which sshd does not mind.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crypto_bigint::BoxedUint;

use crate::error::{Error, Result};
use crate::input::Input;
use crate::moduli::{self, Screened};
use crate::output::Ui;
use crate::platform::Access;
use crate::progress::Job;
use crate::store;

#[derive(Clone, Debug)]
pub enum Options {
    Generate {
        out: PathBuf,
        /// Bits of the moduli p.
        bits: u32,
        /// MiB of sieve (`memory=`), 0 for what the size calls for.
        memory: u32,
        /// Where the sieve starts (`start=`); random when `None`.
        start: Option<BoxedUint>,
    },
    Screen {
        candidates: Input,
        out: PathBuf,
        /// Miller-Rabin trials (`prime-tests=`).
        trials: u32,
        /// Only moduli with this generator (`generator=`); 0 for any.
        generator: u32,
        /// Lines skipped first (`start-line=`).
        start_line: u64,
        /// Lines read at most (`lines=`); 0 for all.
        lines: u64,
        checkpoint: Option<PathBuf>,
        /// Candidates tested at once (`threads=`); `None` for one per core.
        threads: Option<usize>,
    },
}

/// What it says on stderr (the sieve's and the screening's counts, a
/// checkpoint loaded) is left out with `-q` ([`crate::output::Output::Quiet`]).
pub fn run(options: &Options, ui: &Ui) -> Result<()> {
    crate::progress::show(true);
    match options {
        Options::Generate {
            out,
            bits,
            memory,
            start,
        } => generate(out, *bits, *memory, start.as_ref(), ui),
        Options::Screen {
            candidates,
            out,
            trials,
            generator,
            start_line,
            lines,
            checkpoint,
            threads,
        } => screen(
            candidates,
            out,
            &Terms {
                trials: *trials,
                generator: *generator,
                start_line: *start_line,
                lines: *lines,
                threads: threads
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            },
            checkpoint.as_deref(),
            ui,
        ),
    }
}

fn generate(out: &Path, bits: u32, memory: u32, start: Option<&BoxedUint>, ui: &Ui) -> Result<()> {
    if bits > moduli::MAX_BITS {
        return Err(Error::Usage(format!(
            "Too many bits: {bits} > {}",
            moduli::MAX_BITS
        )));
    }
    if bits < moduli::MIN_BITS {
        return Err(Error::Usage(format!(
            "Too few bits: {bits} < {}",
            moduli::MIN_BITS
        )));
    }
    if memory != 0 && !moduli::MEMORY_RANGE.contains(&memory) {
        return Err(Error::Usage(format!(
            "Invalid memory amount (min {}, max {})",
            moduli::MEMORY_RANGE.start(),
            moduli::MEMORY_RANGE.end()
        )));
    }
    let lock = store::WriteLock::acquire_file(out)?;
    let start = match start {
        Some(start) => start.clone(),
        None => random_start(bits - 1)?,
    };
    let words = moduli::sieve_words(bits, memory);
    ui.notice(format!(
        "Sieving {} numbers after a {}-bit start with the primes below 2^32",
        u64::from(words) * 64,
        bits - 1
    ));
    let began = std::time::Instant::now();
    let limit = 1 << 32;
    let found = {
        let job = Job::sieve(moduli::sieve_blocks(limit));
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| u32::try_from(n.get().min(4)).unwrap_or(1));
        moduli::sieve(&start, bits, words, limit, threads, &job)
    };
    let now = crate::platform::unix_now();
    let text: String = found.lines(now).collect();
    store::write_file(&lock, out, text.as_bytes(), Access::WorldReadable)?;
    ui.notice(format!(
        "Found {} candidates with {} small primes in {} seconds",
        found.offsets.len(),
        found.tries,
        began.elapsed().as_secs()
    ));
    Ok(())
}

/// A random start of `bits` bits with the top two set, as OpenSSL's
/// `BN_rand(bits, 1, 1)` draws it for ssh-keygen.
fn random_start(bits: u32) -> Result<BoxedUint> {
    use crypto_bigint::{BitOps, RandomBits};
    let mut rng = crate::keys::os_rng();
    let mut start = BoxedUint::try_random_bits(&mut rng, bits)
        .map_err(|_| Error::Refused("the system's random number generator failed".to_owned()))?;
    start.set_bit_vartime(bits - 1, true);
    start.set_bit_vartime(bits - 2, true);
    start.set_bit_vartime(0, true);
    Ok(start)
}

/// Reads line `number` of `candidates` into `line`; `false` at the end.
/// A line longer than ssh-keygen reads is refused.
fn next_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    candidates: &Input,
    number: u64,
) -> Result<bool> {
    line.clear();
    let read = reader
        .take(moduli::MAX_LINE as u64 + 2)
        .read_until(b'\n', line)
        .map_err(|e| Error::io("read", candidates.name(), e))?;
    if read == 0 {
        return Ok(false);
    }
    let ends = line
        .iter()
        .rev()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count();
    if line.len() - ends > moduli::MAX_LINE {
        return Err(Error::KeyFile {
            path: candidates.name().to_path_buf(),
            problem: format!(
                "line {number} is longer than {} characters, the most ssh-keygen reads \
                 (a modulus of about 32,000 bits)",
                moduli::MAX_LINE
            ),
        });
    }
    Ok(true)
}

/// What `-M screen` asks for besides the files.
struct Terms {
    trials: u32,
    generator: u32,
    start_line: u64,
    lines: u64,
    threads: usize,
}

/// Screens the candidates on `terms.threads` workers, one candidate each
/// at a time, and writes what they find in the candidates' order: a line
/// is committed (its safe prime appended, the checkpoint moved past it)
/// only when every line before it is, so the output is what a serial run
/// writes, and a checkpoint never claims a line whose result is not
/// written.
fn screen(
    candidates: &Input,
    out: &Path,
    terms: &Terms,
    checkpoint: Option<&Path>,
    ui: &Ui,
) -> Result<()> {
    if terms.trials < moduli::MIN_TRIALS {
        return Err(Error::Usage(format!(
            "Minimum primality trials is {}",
            moduli::MIN_TRIALS
        )));
    }
    let end = match terms.lines {
        0 => u64::MAX,
        lines => terms.start_line.saturating_add(lines),
    };
    let resumed_after = match checkpoint {
        Some(file) => read_checkpoint(file, ui),
        None => 0,
    };
    let done = resumed_after.max(terms.start_line);
    let began = std::time::Instant::now();
    let mut reader = std::io::BufReader::new(candidates.open()?);
    // As ssh-keygen, which opens it to append: the output exists even when
    // no safe prime is found.
    if let Err(e) = std::fs::symlink_metadata(out) {
        if e.kind() != std::io::ErrorKind::NotFound {
            return Err(Error::io("look at", out, e));
        }
        store::write_output_file(out, b"", Access::WorldReadable)?;
    }
    let mut commits = Commits {
        out,
        checkpoint,
        job: screen_job(candidates, done, end)?,
        next: 1,
        resumed_after: if resumed_after == done { done } else { 0 },
        finished: std::collections::BTreeMap::new(),
        safe: 0,
        possible: 0,
    };
    run_workers(&mut reader, candidates, terms, (done, end), &mut commits)?;
    let Commits {
        job,
        safe,
        possible,
        ..
    } = commits;
    drop(job);
    if let Some(file) = checkpoint {
        match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("remove", file, e));
            }
            _ => {}
        }
    }
    ui.notice(format!(
        "Found {safe} safe primes of {possible} candidates in {} seconds",
        began.elapsed().as_secs()
    ));
    Ok(())
}

/// Reads the candidates after line `done` up to `end`, has the workers
/// test them, and commits the results in order.
fn run_workers(
    reader: &mut impl BufRead,
    candidates: &Input,
    terms: &Terms,
    (done, end): (u64, u64),
    commits: &mut Commits,
) -> Result<()> {
    let (work, queue) = std::sync::mpsc::sync_channel::<(u64, moduli::Testable)>(terms.threads * 2);
    let queue = std::sync::Mutex::new(queue);
    let (found, results) = std::sync::mpsc::channel::<(u64, Option<String>)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..terms.threads {
            let (queue, found) = (&queue, found.clone());
            scope.spawn(move || screen_worker(queue, &found, terms.trials));
        }
        drop(found);
        let mut line = Vec::new();
        let mut number = 0;
        let mut outstanding = 0u64;
        while number < end && next_line(reader, &mut line, candidates, number + 1)? {
            number += 1;
            if number <= done {
                commits.next = number + 1;
                continue;
            }
            let text = String::from_utf8_lossy(&line);
            match moduli::screen_line(
                text.trim_end_matches(['\n', '\r']),
                terms.trials,
                terms.generator,
            ) {
                Screened::Comment | Screened::Skipped(_) => {
                    commits.finished.insert(number, None);
                }
                Screened::Unreadable => {
                    return Err(Error::KeyFile {
                        path: candidates.name().to_path_buf(),
                        problem: format!("line {number} is not a moduli line"),
                    });
                }
                Screened::Testable(candidate) => {
                    commits.possible += 1;
                    outstanding += 1;
                    // Blocks while the workers are busy; their results
                    // queue up meanwhile.
                    if work.send((number, candidate)).is_err() {
                        break;
                    }
                }
            }
            for (at, result) in results.try_iter() {
                outstanding -= 1;
                commits.finished.insert(at, result);
            }
            commits.commit_ready()?;
        }
        drop(work);
        for (at, result) in results
            .iter()
            .take(usize::try_from(outstanding).unwrap_or(usize::MAX))
        {
            commits.finished.insert(at, result);
            commits.commit_ready()?;
        }
        commits.commit_ready()
    })
}

/// One screening worker: candidates from `queue` until it closes, each
/// result (the moduli line of a safe prime, or `None`) sent back with its
/// line number.
fn screen_worker(
    queue: &std::sync::Mutex<std::sync::mpsc::Receiver<(u64, moduli::Testable)>>,
    found: &std::sync::mpsc::Sender<(u64, Option<String>)>,
    trials: u32,
) {
    let mut rng = crypto_bigint::rand_core::UnwrapErr(crate::keys::os_rng());
    loop {
        // The lock is held only to take one candidate.
        let next = queue.lock().map(|queue| queue.recv());
        let Ok(Ok((number, candidate))) = next else {
            return;
        };
        let safe = candidate
            .is_safe_prime(trials, &mut rng)
            .then(|| candidate.line(crate::platform::unix_now()));
        if found.send((number, safe)).is_err() {
            return;
        }
    }
}

/// The screening's results, committed in line order.
struct Commits<'a> {
    out: &'a Path,
    checkpoint: Option<&'a Path>,
    job: Job,
    /// The first line not committed yet.
    next: u64,
    /// The last line the checkpoint said was done, where this run resumes;
    /// 0 for none.
    resumed_after: u64,
    /// Results of lines after `next`, waiting for the lines before them.
    finished: std::collections::BTreeMap<u64, Option<String>>,
    safe: u32,
    possible: u32,
}

impl Commits<'_> {
    /// Commits every result that follows the committed lines without a gap.
    fn commit_ready(&mut self) -> Result<()> {
        while let Some(result) = self.finished.remove(&self.next) {
            if let Some(found) = result {
                // A run killed after writing a safe prime but before moving
                // the checkpoint past it leaves that prime last in the
                // output: the resumed run finds it again and keeps the one
                // line.
                let first_resumed = self.resumed_after > 0 && self.next == self.resumed_after + 1;
                store::edit_text_file(self.out, Access::WorldReadable, false, |old| {
                    let written = first_resumed
                        && old.lines().last().and_then(|l| l.split_whitespace().last())
                            == found.split_whitespace().last();
                    Ok::<_, Error>((!written).then(|| format!("{old}{found}")))
                })?;
                self.safe += 1;
                self.job.found();
            }
            self.job.advance();
            if let Some(file) = self.checkpoint {
                let number = self.next;
                store::edit_text_file(file, Access::OwnerOnly, false, |_| {
                    Ok::<_, Error>(Some(format!("{number}\n")))
                })?;
            }
            self.next += 1;
        }
        Ok(())
    }
}

/// The screening's progress line, resumed after line `done`, with the
/// number of lines to screen up to `end` when the candidates are a file
/// (counted only when the line is drawn at all).
fn screen_job(candidates: &Input, done: u64, end: u64) -> Result<Job> {
    let job = Job::screen(None, done);
    if !job.drawn() || candidates.path().is_none() {
        return Ok(job);
    }
    let mut reader = std::io::BufReader::new(candidates.open()?);
    let mut lines = 0u64;
    loop {
        let buffer = reader
            .fill_buf()
            .map_err(|e| Error::io("read", candidates.name(), e))?;
        if buffer.is_empty() {
            break;
        }
        let length = buffer.len();
        lines += buffer.iter().filter(|&&b| b == b'\n').count() as u64;
        reader.consume(length);
    }
    Ok(Job::screen(Some(lines.min(end)), done))
}

/// The last line a checkpoint file says was done; 0 without one.
fn read_checkpoint(file: &Path, ui: &Ui) -> u64 {
    let Ok(text) = std::fs::read_to_string(file) else {
        return 0;
    };
    match text.trim().parse() {
        Ok(line) => {
            ui.notice(format!(
                "Loaded checkpoint from '{}' line {line}",
                file.display()
            ));
            line
        }
        Err(_) => {
            ui.message(format!(
                "Failed to load checkpoint from '{}'",
                file.display()
            ));
            0
        }
    }
}
