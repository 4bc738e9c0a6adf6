//! Diffie-Hellman group moduli (moduli(5), `ssh-keygen -M`): the sieve that
//! lists candidate Sophie Germain primes q (so that p = 2q + 1 may be a safe
//! prime), and the screening that keeps the safe primes, each as a line of
//! `/etc/ssh/moduli`. The sieve is OpenSSH's (moduli.c), step for step, so
//! that from the same start it lists the same candidates; the screening
//! reads and writes lines as it does. Pure but for the two sieving threads.
//!
//! A line is `TIME TYPE TESTS TRIES SIZE GENERATOR MODULUS`: the time as
//! `YYYYMMDDHHMMSS` (UTC), the type (4 a candidate q, 2 a safe prime p),
//! the tests passed (bits: 2 the sieve, 4 Miller-Rabin), the trials, the
//! size as the index of the top bit, the generator in hex, the modulus in
//! upper-case hex.

use crypto_bigint::{BoxedUint, Limb, NonZero, Odd, Reciprocal, Resize};
use crypto_primes::hazmat::MillerRabin;

use crate::progress::Job;

pub const TYPE_SAFE: u32 = 2;
pub const TYPE_SOPHIE_GERMAIN: u32 = 4;
const TESTS_COMPOSITE: u32 = 0x01;
const TESTS_SIEVE: u32 = 0x02;
const TESTS_MILLER_RABIN: u32 = 0x04;

/// The longest candidate line screening reads, as ssh-keygen's
/// `QLINESIZE` (100 + 8192): room for a modulus of about 32,000 bits. A
/// longer line, which ssh-keygen cannot parse either (it stops with
/// "BN_hex2bn failed"), is refused before any work on it.
pub const MAX_LINE: usize = 100 + 8192;

/// The sizes the sieve makes (bits of p).
pub const MIN_BITS: u32 = 512;
pub const MAX_BITS: u32 = 1 << 16;
/// The smallest q screening accepts, as a top-bit index.
const MIN_Q_SIZE: u32 = 511;
/// The least Miller-Rabin trials screening runs.
pub const MIN_TRIALS: u32 = 4;
/// Bounds of `memory=` (MiB of sieve).
pub const MEMORY_RANGE: std::ops::RangeInclusive<u32> = 8..=127;

/// The tiny primes sieve the small ones: all below 2^16 (and 65537).
const TINY_BITS: u32 = 1 << 15;
/// Small primes go up to 2^32, sieved in blocks of 2^16 numbers.
const BLOCK_BITS: u32 = 1 << 15;
const SMALL_MAXIMUM: u64 = 0xffff_ffff;

/// A moduli(5) line, as ssh-keygen's `qfileout` writes it.
pub fn line(
    time: u64,
    kind: u32,
    tests: u32,
    tries: u32,
    size: u32,
    generator: u32,
    modulus: &BoxedUint,
) -> String {
    format!(
        "{} {kind} {tests} {tries} {size} {generator:x} {}\n",
        timestamp(time),
        to_hex(modulus)
    )
}

/// `YYYYMMDDHHMMSS` in UTC.
fn timestamp(time: u64) -> String {
    crate::certificates::format_time(time).replace(['-', ':', 'T'], "")
}

/// Upper-case hex without leading zeros, as OpenSSL prints a number.
pub fn to_hex(number: &BoxedUint) -> String {
    let bytes = number.to_be_bytes_trimmed_vartime();
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    match hex.strip_prefix('0') {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ if hex.is_empty() => "0".to_owned(),
        _ => hex,
    }
}

/// How many 64-bit words hold `bits` marks (the sieve's `-O memory` keeps
/// that within what the machine has).
fn words_for(bits: u64) -> usize {
    usize::try_from(bits.div_ceil(64)).expect("the sieve fits in memory")
}

/// The number in the hex digits that start `text`, as OpenSSL's
/// `BN_hex2bn` reads them (the rest of the text is ignored); `None` when
/// it starts with none.
pub fn from_hex(text: &str) -> Option<BoxedUint> {
    let digits: Vec<u8> = text
        .bytes()
        .take_while(u8::is_ascii_hexdigit)
        .map(|d| match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            _ => d - b'A' + 10,
        })
        .collect();
    if digits.is_empty() {
        return None;
    }
    let padded: Vec<u8> = if digits.len() % 2 == 1 {
        std::iter::once(0).chain(digits).collect()
    } else {
        digits
    };
    let bytes: Vec<u8> = padded
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair[1])
        .collect();
    Some(BoxedUint::from_be_slice_vartime(&bytes))
}

/// What the sieve found.
pub struct Candidates {
    /// The start, odd.
    pub base: BoxedUint,
    /// Offsets `2j` of the candidates q = base + 2j, in order.
    pub offsets: Vec<u64>,
    /// How many primes sieved (the line's trials field).
    pub tries: u32,
    /// The size field of the lines: the top-bit index of a `bits`-bit p's q.
    pub size: u32,
}

impl Candidates {
    /// The candidates as moduli(5) lines.
    pub fn lines(&self, time: u64) -> impl Iterator<Item = String> + '_ {
        let precision = self.base.bits_precision();
        self.offsets.iter().map(move |&offset| {
            let q = self
                .base
                .wrapping_add(BoxedUint::from(offset).resize(precision));
            line(
                time,
                TYPE_SOPHIE_GERMAIN,
                TESTS_SIEVE,
                self.tries,
                self.size,
                0,
                &q,
            )
        })
    }
}

/// How many 32-bit words of sieve ssh-keygen uses for `bits`-bit moduli,
/// with `memory` MiB asked for (0: as many as the size calls for).
pub fn sieve_words(bits: u32, memory: u32) -> u32 {
    let power = bits - 1;
    let wanted = (power * power) >> 2;
    if memory == 0 {
        wanted
    } else {
        // Both when more than needed and when less: the memory given.
        memory << 18
    }
}

/// The sieve of moduli.c's `gen_candidates` for `bits`-bit moduli from
/// `start` (made odd) over `words` 32-bit words: every q = start + 2j
/// (j below 32 × `words`) such that neither q nor 2q + 1 has a factor
/// below `small_limit` (2^32 in ssh-keygen). The small primes are shared
/// between `threads` threads.
pub fn sieve(
    start: &BoxedUint,
    bits: u32,
    words: u32,
    small_limit: u64,
    threads: u32,
    job: &Job,
) -> Candidates {
    let power = bits - 1;
    let precision = power.max(start.bits_precision()) + 64;
    let base = start.clone().resize(precision) | BoxedUint::one().resize(precision);
    let large_bits = u64::from(words) * 32;
    let mut marks = vec![0u64; words_for(large_bits)];
    let mut tries: u32 = 0;

    // The tiny primes: all odd primes up to 2^16 + 1.
    let mut tiny_sieve = vec![false; TINY_BITS as usize];
    let mut tiny = Vec::new();
    for i in 0..TINY_BITS {
        if tiny_sieve[i as usize] {
            continue;
        }
        let t = 2 * i + 3;
        let mut j = i + t;
        while j < TINY_BITS {
            tiny_sieve[j as usize] = true;
            j += t;
        }
        tiny.push(t);
        if u64::from(t) < small_limit {
            sieve_large(&base, &mut marks, large_bits, t);
            tries += 1;
        }
    }

    // The small primes, block by block, each thread its own blocks and
    // sieve, merged at the end.
    let first = u64::from(2 * TINY_BITS + 3);
    let last = small_limit.min(SMALL_MAXIMUM - u64::from(2 * TINY_BITS));
    let blocks: Vec<u32> = (first..last)
        .step_by(2 * BLOCK_BITS as usize)
        .map(|b| u32::try_from(b).expect("below SMALL_MAXIMUM"))
        .collect();
    let threads = threads.max(1) as usize;
    let (parts, counts): (Vec<Vec<u64>>, Vec<u32>) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let (base, tiny, blocks) = (&base, &tiny, &blocks);
                scope.spawn(move || {
                    let mut marks = vec![0u64; words_for(large_bits)];
                    let mut block = vec![0u64; (BLOCK_BITS / 64) as usize];
                    let mut count = 0u32;
                    for &small_base in blocks.iter().skip(k).step_by(threads) {
                        count += sieve_block(
                            base,
                            &mut marks,
                            large_bits,
                            small_base,
                            tiny,
                            &mut block,
                            small_limit,
                        );
                        job.advance();
                    }
                    (marks, count)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a sieving thread panicked"))
            .unzip()
    });
    for (part, count) in parts.iter().zip(counts) {
        for (mark, other) in marks.iter_mut().zip(part) {
            *mark |= other;
        }
        tries = tries.wrapping_add(count);
    }

    let offsets = (0..large_bits)
        .filter(|&j| marks[(j / 64) as usize] & (1 << (j % 64)) == 0)
        .map(|j| 2 * j)
        .collect();
    Candidates {
        base,
        offsets,
        tries,
        size: power - 1,
    }
}

/// How many blocks of small primes [`sieve`] goes through (its progress).
pub fn sieve_blocks(small_limit: u64) -> u64 {
    let first = u64::from(2 * TINY_BITS + 3);
    let last = small_limit.min(SMALL_MAXIMUM - u64::from(2 * TINY_BITS));
    last.saturating_sub(first)
        .div_ceil(u64::from(2 * BLOCK_BITS))
}

/// Sieves the block of odd numbers from `small_base` with the tiny primes,
/// then the large sieve with each prime left; returns how many.
fn sieve_block(
    base: &BoxedUint,
    marks: &mut [u64],
    large_bits: u64,
    small_base: u32,
    tiny: &[u32],
    block: &mut [u64],
    small_limit: u64,
) -> u32 {
    block.fill(0);
    for &t in tiny {
        let r = small_base % t;
        let mut s = if r == 0 { 0 } else { t - r };
        if s & 1 == 1 {
            s += t;
        }
        let mut s = s / 2;
        while s < BLOCK_BITS {
            block[(s / 64) as usize] |= 1 << (s % 64);
            s += t;
        }
    }
    let mut count = 0;
    for (index, &word) in block.iter().enumerate() {
        let mut free = !word;
        while free != 0 {
            let i = u32::try_from(index).expect("a block is short") * 64 + free.trailing_zeros();
            free &= free - 1;
            let prime = u64::from(small_base) + 2 * u64::from(i);
            if prime >= small_limit {
                return count;
            }
            let prime = u32::try_from(prime).expect("below SMALL_MAXIMUM");
            sieve_large(base, marks, large_bits, prime);
            count += 1;
        }
    }
    count
}

/// Marks the q = base + 2j that `s` divides, and those whose 2q + 1 it
/// divides (moduli.c's `sieve_large`).
fn sieve_large(base: &BoxedUint, marks: &mut [u64], large_bits: u64, s32: u32) {
    let s = u64::from(s32);
    let divisor = NonZero::new(Limb::from(s32)).expect("primes are not zero");
    // (A limb is 32 bits on 32-bit targets.)
    #[allow(clippy::unnecessary_cast)]
    let r = base.rem_limb_with_reciprocal(&Reciprocal::new(divisor)).0 as u64;
    let mut mark = |mut u: u64| {
        while u < large_bits {
            marks[(u / 64) as usize] |= 1 << (u % 64);
            u += s;
        }
    };
    // base + u is the first number s divides; q steps by 2.
    let mut u = if r == 0 { 0 } else { s - r };
    if u < large_bits * 2 {
        if u & 1 == 1 {
            u += s;
        }
        mark(u / 2);
    }
    // 2·base + 1 + u is the first p s divides; p steps by 4.
    let r = (2 * r + 1) % s;
    let mut u = if r == 0 { 0 } else { s - r };
    if u < large_bits * 4 {
        while u & 3 != 0 {
            if SMALL_MAXIMUM.wrapping_sub(u) < s {
                return;
            }
            u += s;
        }
        mark(u / 4);
    }
}

/// The fields of a candidate line that screening reads.
#[derive(Debug, PartialEq, Eq)]
pub struct Candidate {
    kind: u32,
    tests: u32,
    tries: u32,
    size: u32,
    generator: u32,
    modulus: BoxedUint,
}

/// What screening makes of one line.
#[derive(Debug, PartialEq, Eq)]
pub enum Screened {
    /// Blank, a comment, or too short to be a line.
    Comment,
    /// Not tested, and why (ssh-keygen's debug message).
    Skipped(&'static str),
    /// A line whose fields ssh-keygen cannot read at all.
    Unreadable,
    /// Worth the Miller-Rabin tests: p, q, and the line to write if both
    /// pass (without its time).
    Testable(Testable),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Testable {
    p: BoxedUint,
    q: BoxedUint,
    tests: u32,
    tries: u32,
    size: u32,
    generator: u32,
}

/// C's `strtoul` on `text`: blanks skipped, then digits of `radix`; the
/// number (0 for none, truncated to 32 bits as ssh-keygen stores it) and
/// the rest.
fn strtoul(text: &str, radix: u32) -> (u32, &str) {
    let trimmed = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = trimmed
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(trimmed.len());
    if digits == 0 {
        return (0, text);
    }
    let value = trimmed[..digits].chars().fold(0u64, |n, c| {
        n.saturating_mul(u64::from(radix))
            .saturating_add(u64::from(c.to_digit(radix).expect("a digit")))
    });
    let low_bits = u32::try_from(value & u64::from(u32::MAX)).unwrap_or_default();
    (low_bits, &trimmed[digits..])
}

/// Reads a line as moduli.c's `prime_test` does, through its checks up to
/// the primality tests; `trials` and `generator_wanted` are `-O
/// prime-tests=` and `-O generator=`.
pub fn screen_line(line: &str, trials: u32, generator_wanted: u32) -> Screened {
    if line.len() < 14 || line.starts_with(['!', '#']) {
        return Screened::Comment;
    }
    let Some(rest) = line.get(14..) else {
        return Screened::Unreadable;
    };
    let (kind, rest) = strtoul(rest, 10);
    let (tests, rest) = strtoul(rest, 10);
    if tests & TESTS_COMPOSITE != 0 {
        return Screened::Skipped("known composite");
    }
    let (tries, rest) = strtoul(rest, 10);
    let (mut size, rest) = strtoul(rest, 10);
    let (mut generator, rest) = strtoul(rest, 16);
    let Some(number) = from_hex(rest.trim_start_matches(' ')) else {
        return Screened::Unreadable;
    };
    let precision = number.bits_precision() + 64;
    let number = number.resize(precision);
    let (p, q) = match kind {
        TYPE_SOPHIE_GERMAIN => {
            // Unsigned, as in C: a hostile size wraps instead of panicking.
            size = size.wrapping_add(1);
            generator = 0;
            let p = number
                .shl(1)
                .wrapping_add(BoxedUint::one().resize(precision));
            (p, number)
        }
        0 | 1 | 2 | 3 | 5 => {
            let q = number.shr(1);
            (number, q)
        }
        _ => return Screened::Skipped("unknown prime type"),
    };
    if p.bit_width() != size.wrapping_add(1) {
        return Screened::Skipped("bit size mismatch");
    }
    if size < MIN_Q_SIZE {
        return Screened::Skipped("bit size too short");
    }
    let tries = if tests & TESTS_MILLER_RABIN != 0 {
        tries.wrapping_add(trials)
    } else {
        trials
    };
    if generator == 0 {
        let rem = |m: u32| p.rem_limb(NonZero::new(Limb::from(m)).expect("not zero")).0;
        if rem(24) == 11 {
            generator = 2;
        } else if matches!(rem(10), 3 | 7) {
            generator = 5;
        }
    }
    if generator_wanted > 0 && generator_wanted != generator {
        return Screened::Skipped("not the generator wanted");
    }
    if generator == 0 {
        return Screened::Skipped("no known generator");
    }
    Screened::Testable(Testable {
        p,
        q,
        tests: tests | TESTS_MILLER_RABIN,
        tries,
        size,
        generator,
    })
}

impl Testable {
    /// Whether p and q are both prime: a first (base-2) test of q, then
    /// of p, then q by the Baillie-PSW test and `trials` Miller-Rabin
    /// rounds with random bases; p, given q, by Pocklington's criterion.
    /// ssh-keygen gives p `trials` rounds and q one less: the same answer
    /// for every safe prime, at twice the work.
    pub fn is_safe_prime(
        &self,
        trials: u32,
        rng: &mut (impl crypto_bigint::rand_core::CryptoRng + ?Sized),
    ) -> bool {
        // In the fewest limbs that hold them: the line's parse left room
        // for a doubling, and one limb more costs a 2048-bit round 20%.
        let fitted =
            |n: &BoxedUint| n.resize_unchecked(n.bit_width_vartime().max(1).div_ceil(64) * 64);
        let (p, q) = (fitted(&self.p), fitted(&self.q));
        let (Some(p_odd), Some(q_odd)) = (
            Option::<Odd<BoxedUint>>::from(Odd::new(p.clone())),
            Option::<Odd<BoxedUint>>::from(Odd::new(q.clone())),
        ) else {
            return false;
        };
        let (p_test, q_test) = (MillerRabin::new(p_odd), MillerRabin::new(q_odd));
        if q_test.test_base_two().is_composite() {
            return false;
        }
        // p = 2q + 1 with q prime is prime exactly when 2^(p-1) = 1 mod p
        // and 3 does not divide p (Pocklington's criterion: q is a prime
        // factor of p - 1 above the square root of p), and the strong
        // base-2 test implies the first. So once q is shown prime, p needs
        // no rounds of its own: q takes all of them, at half the work of
        // testing both.
        let three = NonZero::new(Limb::from(3u32)).expect("not zero");
        if p_test.test_base_two().is_composite() || p.rem_limb(three) == Limb::ZERO {
            return false;
        }
        crypto_primes::is_prime(crypto_primes::Flavor::Any, &q)
            && (0..trials).all(|_| q_test.test_random_base(rng).is_probably_prime())
    }

    /// The line for the safe prime p.
    pub fn line(&self, time: u64) -> String {
        line(
            time,
            TYPE_SAFE,
            self.tests,
            self.tries,
            self.size,
            self.generator,
            &self.p,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_small_prime(n: u64) -> bool {
        n >= 2
            && (2..)
                .take_while(|d| d * d <= n)
                .all(|d| !n.is_multiple_of(d))
    }

    /// RFC 3526's 1536-bit MODP group prime, a safe prime.
    const RFC3526_1536: &str = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA237327FFFFFFFFFFFFFFFF";

    fn testable(q: BoxedUint) -> Testable {
        let precision = q.bits_precision() + 64;
        let q = q.resize(precision);
        let p = q
            .shl(1)
            .wrapping_add(BoxedUint::one().resize(q.bits_precision()));
        Testable {
            p,
            q,
            tests: 0,
            tries: 0,
            size: 0,
            generator: 2,
        }
    }

    #[test]
    fn a_safe_prime_passes_and_p_is_refused_for_any_q_or_p_not_prime() {
        let mut rng = crypto_bigint::rand_core::UnwrapErr(crate::keys::os_rng());
        let safe = from_hex(RFC3526_1536).unwrap();
        let q = safe.shr(1);
        assert!(testable(q.clone()).is_safe_prime(100, &mut rng));
        // q prime, p = 2q + 1 composite (and not a multiple of 3): p's own
        // base-2 test refuses it.
        assert!(!testable(safe.clone()).is_safe_prime(100, &mut rng));
        // q = 2^521 - 1 is prime, p = 2^522 - 1 a multiple of 3.
        let mersenne = BoxedUint::one()
            .resize(576)
            .shl(521)
            .wrapping_sub(BoxedUint::one().resize(576));
        assert!(!testable(mersenne).is_safe_prime(100, &mut rng));
        // q composite (the safe prime plus 2), whatever p is.
        let composite = q.wrapping_add(BoxedUint::from(2u32).resize(q.bits_precision()));
        assert!(!testable(composite).is_safe_prime(100, &mut rng));
    }

    #[test]
    fn the_sieve_keeps_exactly_the_q_with_no_small_factor_in_q_or_2q_plus_1() {
        // A start of 520 bits, sieved with the primes below 2^17 only, so
        // that each number can be checked by hand.
        let limit = 1 << 17;
        let start = from_hex(&format!("C{}1", "5A".repeat(64))).unwrap();
        let found = sieve(&start, 521, 64, limit, 2, &Job::silent());
        assert_eq!(found.size, 519);
        let primes: Vec<u32> = (3..u32::try_from(limit).unwrap())
            .filter(|&n| is_small_prime(u64::from(n)))
            .collect();
        assert_eq!(found.tries as usize, primes.len());
        #[allow(clippy::unnecessary_cast)]
        let rem = |n: &BoxedUint, m: u32| n.rem_limb(NonZero::new(Limb::from(m)).unwrap()).0 as u64;
        let precision = found.base.bits_precision();
        let mut expected = Vec::new();
        for j in 0..64 * 32u64 {
            let q = found
                .base
                .wrapping_add(BoxedUint::from(2 * j).resize(precision));
            let clean = primes.iter().all(|&s| {
                let r = rem(&q, s);
                r != 0 && (2 * r + 1) % u64::from(s) != 0
            });
            if clean {
                expected.push(2 * j);
            }
        }
        assert_eq!(found.offsets, expected);
        assert!(!expected.is_empty());
    }

    #[test]
    fn lines_are_ssh_keygens() {
        let n = from_hex("00C7ff").unwrap();
        assert_eq!(to_hex(&n), "C7FF");
        assert_eq!(to_hex(&from_hex("7ff").unwrap()), "7FF");
        assert_eq!(from_hex("xyz"), None);
        assert_eq!(
            line(1_456_809_956, TYPE_SAFE, 6, 100, 2047, 5, &n),
            "20160301052556 2 6 100 2047 5 C7FF\n"
        );
        assert_eq!(timestamp(0), "19700101000000");
        assert_eq!(timestamp(951_782_400), "20000229000000");
    }

    #[test]
    fn screening_reads_lines_as_ssh_keygen() {
        let q = format!("C{}", "0".repeat(127)); // 512 bits
        let candidate = format!("20160301052556 4 2 1000 510 0 {q}\n");
        // 2q + 1 has 513 bits, one more than the size says.
        assert_eq!(
            screen_line(&candidate, 100, 0),
            Screened::Skipped("bit size mismatch")
        );
        assert_eq!(screen_line("# comment", 100, 0), Screened::Comment);
        assert_eq!(
            screen_line("20160301052556 2 7 100 2047 5 C7", 100, 0),
            Screened::Skipped("known composite")
        );
        assert_eq!(
            screen_line("20160301052556 2 6 100 2047 5 ", 100, 0),
            Screened::Unreadable
        );
        // A safe prime from /etc/ssh/moduli's family: 2^2047 + ... is not
        // needed; the generator rules are checked on small residues.
        // A size at the top of its range (found by fuzzing).
        assert_eq!(
            screen_line("20261201888888 4 2 0 4294967295 0 70123", 100, 0),
            Screened::Skipped("bit size mismatch")
        );
        let safe = "20160301052556 2 6 100 7 2 83"; // p = 131, too small
        assert_eq!(
            screen_line(safe, 100, 0),
            Screened::Skipped("bit size too short")
        );
    }
}
