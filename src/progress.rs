//! Progress on stderr for the jobs that can take over a second: RSA's prime
//! search (time and candidates tested, on one line that updates),
//! bcrypt-pbkdf (a bar over the rounds), the moduli sieve and screening,
//! and Argon2 (the time it has taken, ticked by a thread while it runs).
//!
//! Nothing is drawn unless a command turned progress on with [`show`] (it
//! does so only for its plain text output: never with `-q` or `--json`) and
//! stderr is a terminal; and even then only once the job has run for
//! [`DELAY`], so quick jobs never flash a line. The line is cleared when the
//! job ends, before the command prints anything, so stdout and the rest of
//! stderr are what they would be without it. The jobs report to [`Job`] from
//! the pure cores ([`crate::keys`]); with progress off that costs one atomic
//! add per step.
//!
//! Drawn by hand rather than with indicatif: its rate estimator calls `pow`,
//! which links libm into the glibc build, and loading one more shared library
//! costs every run of every command about 0.17 ms here (a C program with and
//! without `-lm`, hyperfine), a tenth of an Ed25519 run. The line is redrawn
//! with a carriage return and spaces only, no escape sequences, so a Windows
//! console shows it without virtual-terminal mode; every line fits 80
//! columns, so none wraps.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a job runs before its progress line appears.
pub const DELAY: Duration = Duration::from_secs(1);
/// The least time between two redraws.
const REDRAW: Duration = Duration::from_millis(100);
/// The bar's width, between its brackets.
const BAR: u64 = 16;

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Lets the slow jobs that follow draw their progress, when `wanted` and
/// stderr is a terminal.
pub fn show(wanted: bool) {
    SHOWN.store(wanted && std::io::stderr().is_terminal(), Ordering::Relaxed);
}

/// What a job counts.
enum Kind {
    /// Candidates given the primality test, for a key of this many bits.
    RsaSearch { bits: usize },
    /// Steps done of this many, as a bar: what it is, and what a step is.
    Bar {
        what: &'static str,
        total: u64,
        unit: &'static str,
    },
    /// Argon2 with this much memory (MiB) and these passes: only the time.
    Argon2 { mib: u32, passes: u32 },
    /// Moduli screening: lines done of `total` (when known), after the
    /// `resumed` lines a checkpoint said were done; the safe primes found.
    Screen {
        total: Option<u64>,
        resumed: u64,
        found: AtomicU64,
    },
}

/// One slow job's progress line; cleared when dropped.
pub struct Job {
    kind: Kind,
    steps: AtomicU64,
    started: Instant,
    /// `None` when progress is off; else the line's length on the terminal
    /// (0 before the first draw) and when it was drawn.
    line: Option<Mutex<(usize, Instant)>>,
}

impl Job {
    /// The prime search for an RSA key of `bits` bits; each
    /// [`advance`](Job::advance) is one candidate given the primality test.
    pub fn rsa(bits: usize) -> Job {
        Job::new(Kind::RsaSearch { bits })
    }

    /// bcrypt-pbkdf over `rounds` rounds; each [`advance`](Job::advance) is
    /// one round.
    pub fn kdf(rounds: u32) -> Job {
        Job::new(Kind::Bar {
            what: "Deriving the key from the passphrase",
            total: u64::from(rounds),
            unit: "rounds",
        })
    }

    /// The sieve of DH moduli candidates over `blocks` blocks of small
    /// primes; each [`advance`](Job::advance) is one block.
    pub fn sieve(blocks: u64) -> Job {
        Job::new(Kind::Bar {
            what: "Sieving with the primes below 2^32",
            total: blocks,
            unit: "blocks",
        })
    }

    /// The screening of `total` lines of DH moduli candidates (`None` when
    /// unknown, as from a pipe), resumed after line `resumed`; each
    /// [`advance`](Job::advance) is one line done, each
    /// [`found`](Job::found) one safe prime.
    pub fn screen(total: Option<u64>, resumed: u64) -> Job {
        let job = Job::new(Kind::Screen {
            total,
            resumed,
            found: AtomicU64::new(0),
        });
        job.steps.store(resumed, Ordering::Relaxed);
        job
    }

    /// Whether this job's line is drawn at all: a job may skip work that
    /// only the line needs.
    pub fn drawn(&self) -> bool {
        self.line.is_some()
    }

    /// One more safe prime found (a screening's count).
    pub fn found(&self) {
        if let Kind::Screen { found, .. } = &self.kind {
            found.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Argon2 over `mib` MiB and `passes` passes (a PuTTY key's
    /// derivation), which says nothing of its progress: the line shows the
    /// time, redrawn by [`tick_while`](Job::tick_while).
    pub fn argon2(mib: u32, passes: u32) -> Job {
        Job::new(Kind::Argon2 { mib, passes })
    }

    /// Runs `work`, redrawing the line every `REDRAW` from another
    /// thread while it runs (when the line is shown at all).
    pub fn tick_while<T>(&self, work: impl FnOnce() -> T) -> T {
        if self.line.is_none() {
            return work();
        }
        let (done, wait) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    wait.recv_timeout(REDRAW)
                {
                    self.advance();
                }
            });
            let result = work();
            drop(done);
            result
        })
    }

    /// A job that never draws.
    pub fn silent() -> Job {
        Job {
            kind: Kind::RsaSearch { bits: 0 },
            steps: AtomicU64::new(0),
            started: Instant::now(),
            line: None,
        }
    }

    fn new(kind: Kind) -> Job {
        let started = Instant::now();
        Job {
            kind,
            steps: AtomicU64::new(0),
            started,
            line: SHOWN
                .load(Ordering::Relaxed)
                .then(|| Mutex::new((0, started))),
        }
    }

    /// One more step done (from any thread).
    pub fn advance(&self) {
        let steps = self.steps.fetch_add(1, Ordering::Relaxed) + 1;
        let Some(line) = &self.line else {
            return;
        };
        let elapsed = self.started.elapsed();
        if elapsed < DELAY {
            return;
        }
        // A thread that finds the line busy skips this redraw.
        let Ok(mut line) = line.try_lock() else {
            return;
        };
        let (length, drawn_at) = &mut *line;
        if *length > 0 && drawn_at.elapsed() < REDRAW {
            return;
        }
        let text = self.text(steps, elapsed);
        let padding = length.saturating_sub(text.len());
        // One write per redraw, so the line never shows half drawn.
        let _ = std::io::stderr().write_all(format!("\r{text}{:padding$}", "").as_bytes());
        *length = text.len();
        *drawn_at = Instant::now();
    }

    fn text(&self, steps: u64, elapsed: Duration) -> String {
        match &self.kind {
            &Kind::RsaSearch { bits } => format!(
                "Finding primes for a {bits}-bit RSA key: {}s, {steps} candidates tested",
                elapsed.as_secs()
            ),
            &Kind::Bar { what, total, unit } => {
                let total = total.max(1);
                let done = steps.min(total);
                // Both at most BAR (16): the conversions cannot fail.
                let bar = usize::try_from(BAR).unwrap_or_default();
                let filled = usize::try_from(done * BAR / total).unwrap_or_default();
                let head = if filled < bar { ">" } else { "" };
                let rest = (bar - filled).saturating_sub(head.len());
                format!(
                    "{what}: [{}{head}{:rest$}] {done}/{total} {unit}",
                    "=".repeat(filled),
                    ""
                )
            }
            &Kind::Argon2 { mib, passes } => format!(
                "Deriving the key with Argon2 ({mib} MiB, {passes} passes): {}s",
                elapsed.as_secs()
            ),
            Kind::Screen {
                total,
                resumed,
                found,
            } => screen_text(
                steps,
                *total,
                steps.saturating_sub(*resumed),
                found.load(Ordering::Relaxed),
                elapsed,
            ),
        }
    }
}

/// "Screening moduli: 1200/57115 lines, 3 safe, 41.2 lines/s, 22m36s
/// left": the rate counts this run's lines only, and the time left is
/// shown once there is a rate and a total.
fn screen_text(
    done: u64,
    total: Option<u64>,
    this_run: u64,
    found: u64,
    elapsed: Duration,
) -> String {
    let lines = match total {
        Some(total) => format!("{done}/{total}"),
        None => done.to_string(),
    };
    let mut text = format!("Screening moduli: {lines} lines, {found} safe");
    let seconds = elapsed.as_secs_f64();
    if this_run == 0 || seconds <= 0.0 {
        return text;
    }
    // Lines are counted in u64 but never near 2^53: exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let rate = this_run as f64 / seconds;
    text.push_str(&format!(", {rate:.1} lines/s"));
    if let Some(total) = total {
        #[allow(clippy::cast_precision_loss)]
        let left = total.saturating_sub(done) as f64 / rate;
        // Whole seconds, under 2^53 for any file sshgen reads.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let left = left.round() as u64;
        let time = match (left / 3600, left / 60 % 60, left % 60) {
            (0, 0, s) => format!("{s}s"),
            (0, m, s) => format!("{m}m{s:02}s"),
            (h, m, _) => format!("{h}h{m:02}m"),
        };
        text.push_str(&format!(", {time} left"));
    }
    text
}

impl Drop for Job {
    fn drop(&mut self) {
        let Some(line) = &self.line else {
            return;
        };
        let length = line
            .lock()
            .map(|line| line.0)
            .unwrap_or_else(|e| e.into_inner().0);
        if length > 0 {
            let _ = std::io::stderr().write_all(format!("\r{:length$}\r", "").as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(kind: Kind) -> Job {
        Job {
            kind,
            steps: AtomicU64::new(0),
            started: Instant::now(),
            line: None,
        }
    }

    #[test]
    fn lines_say_what_is_done_and_fit_80_columns() {
        let rsa = job(Kind::RsaSearch { bits: 16384 });
        assert_eq!(
            rsa.text(12345, Duration::from_millis(1999)),
            "Finding primes for a 16384-bit RSA key: 1s, 12345 candidates tested"
        );
        let kdf = Job::kdf(600);
        assert_eq!(
            kdf.text(0, DELAY),
            "Deriving the key from the passphrase: [>               ] 0/600 rounds"
        );
        assert_eq!(
            kdf.text(300, DELAY),
            "Deriving the key from the passphrase: [========>       ] 300/600 rounds"
        );
        assert_eq!(
            kdf.text(600, DELAY),
            "Deriving the key from the passphrase: [================] 600/600 rounds"
        );
        let widest = Job::kdf(1_000_000).text(999_999, DELAY);
        assert!(widest.len() < 80, "{widest}");
        let sieve = Job::sieve(65535);
        assert_eq!(
            sieve.text(32768, DELAY),
            "Sieving with the primes below 2^32: [========>       ] 32768/65535 blocks"
        );
        assert_eq!(
            screen_text(1200, Some(57115), 1200, 3, Duration::from_secs(30)),
            "Screening moduli: 1200/57115 lines, 3 safe, 40.0 lines/s, 23m18s left"
        );
        // Resumed at line 1000: the rate is this run's 200 lines.
        assert_eq!(
            screen_text(1200, Some(1300), 200, 0, Duration::from_secs(100)),
            "Screening moduli: 1200/1300 lines, 0 safe, 2.0 lines/s, 50s left"
        );
        assert_eq!(
            screen_text(40, None, 40, 1, Duration::from_secs(20)),
            "Screening moduli: 40 lines, 1 safe, 2.0 lines/s"
        );
        assert_eq!(
            screen_text(5, Some(9), 0, 0, Duration::ZERO),
            "Screening moduli: 5/9 lines, 0 safe"
        );
        let widest = screen_text(
            9_999_999,
            Some(9_999_999),
            1,
            9_999_999,
            Duration::from_secs(99_999),
        );
        assert!(widest.len() < 80, "{widest}");
        assert_eq!(
            Job::argon2(1024, 16).text(3, Duration::from_secs(7)),
            "Deriving the key with Argon2 (1024 MiB, 16 passes): 7s"
        );
        let widest = Job::sieve(65535).text(65535, DELAY);
        assert!(widest.len() < 80, "{widest}");
        let widest =
            job(Kind::RsaSearch { bits: 16384 }).text(9_999_999, Duration::from_secs(99_999));
        assert!(widest.len() < 80, "{widest}");
    }
}
