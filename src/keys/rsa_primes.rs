//! RSA key generation with the two primes searched at the same time, one thread each.
//!
//! The prime search dominates RSA key generation and takes a random time, so
//! searching p and q side by side cuts the wall time to the slower of the two
//! instead of their sum. Each prime is made exactly as the rsa crate's own
//! `generate_prime_with_rng` makes it (same candidate distribution: uniform
//! random bits with the top two and the bottom bit set, the same small-factor
//! sieve, the same Baillie-PSW test), and the key is assembled exactly as
//! `rsa::PrivateKey::new` does it (modulus width check, private exponent from
//! Euler's totient, retry with two fresh primes when 65537 is not invertible),
//! so the distribution of keys is that of the rsa crate.
//!
//! This is not a race of two key generations: both primes are needed, and the
//! first one found is never preferred over another (that would favour primes
//! that follow short gaps and so change the distribution).

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};

use crypto_bigint::{
    BitOps, BoxedUint, CheckedAdd, ConcatenatingMul, Limb, NonZero, RandomBits, RandomBitsError,
    Reciprocal,
};
use crypto_primes::hazmat::SmallFactorsSieve;
use crypto_primes::{Flavor, is_prime};
use ssh_key::rand_core::TryCryptoRng;

/// The public exponent OpenSSH and the rsa crate use.
const PUBLIC_EXPONENT: u64 = 65537;

/// Why a key could not be made. Local so that the prime search stays
/// self-contained; [`crate::keys::generate`] turns it into an
/// [`crate::error::Error`].
#[derive(Debug)]
pub enum RsaGenerationError {
    /// The random number generator failed.
    Random,
    /// The size does not fit the arithmetic (never for sizes KeySpec allows).
    Size,
    /// The rsa crate refused the assembled key.
    Key(rsa::Error),
}

/// Makes an RSA key of `bit_size` bits. `new_rng` is called twice per attempt
/// on the calling thread, once for each prime; every generator it returns must
/// be independent of the others (the OS generator is).
pub fn generate<R, F>(new_rng: F, bit_size: usize) -> Result<rsa::PrivateKey, RsaGenerationError>
where
    F: Fn() -> R,
    R: TryCryptoRng + Send,
{
    // As in the rsa crate: p takes half the bits and, having its top bit set,
    // exactly that many, so q takes the rest.
    let p_bits = u32::try_from(bit_size / 2).map_err(|_| RsaGenerationError::Size)?;
    let q_bits = u32::try_from(bit_size).map_err(|_| RsaGenerationError::Size)? - p_bits;
    let mut rng_p = new_rng();
    let mut rng_q = new_rng();
    let progress = crate::progress::Job::rsa(bit_size);
    loop {
        let (p, q) = two_primes(&mut rng_p, p_bits, &mut rng_q, q_bits, &progress)?;
        let n = p.concatenating_mul(&q);
        if n.bit_width() as usize != bit_size {
            // Cannot happen with the top two bits of both primes set; the rsa
            // crate checks it too and draws again.
            continue;
        }
        match rsa::PrivateKey::from_primes(vec![p, q], BoxedUint::from(PUBLIC_EXPONENT)) {
            Ok(key) => return Ok(key),
            // 65537 divides p-1 or q-1 (or p = q): the rsa crate draws both again.
            Err(rsa::Error::InvalidPrime) => continue,
            Err(other) => return Err(RsaGenerationError::Key(other)),
        }
    }
}

/// Finds one prime of each size, each on its own thread with its own generator.
/// If either search fails the other is told to stop, so no thread outlives this call.
fn two_primes<R: TryCryptoRng + Send>(
    rng_p: &mut R,
    p_bits: u32,
    rng_q: &mut R,
    q_bits: u32,
    progress: &crate::progress::Job,
) -> Result<(BoxedUint, BoxedUint), RsaGenerationError> {
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let q_search = scope.spawn(|| {
            let _stop_on_exit = StopOnFailure::new(&stop);
            let found = search_prime(rng_q, q_bits, &stop, progress).map_err(|_| ());
            _stop_on_exit.disarm_if(found.is_ok());
            found
        });
        let p = {
            let stop_on_exit = StopOnFailure::new(&stop);
            let found = search_prime(rng_p, p_bits, &stop, progress).map_err(|_| ());
            stop_on_exit.disarm_if(found.is_ok());
            found
        };
        // A panic in the other thread is a bug in the prime search: pass it on.
        let q = q_search
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (p, q) {
            (Ok(Some(p)), Ok(Some(q))) => Ok((p, q)),
            _ => Err(RsaGenerationError::Random),
        }
    })
}

/// Sets the stop flag when dropped armed: on an error and on a panic alike.
struct StopOnFailure<'a> {
    stop: &'a AtomicBool,
    armed: std::cell::Cell<bool>,
}

impl<'a> StopOnFailure<'a> {
    fn new(stop: &'a AtomicBool) -> Self {
        StopOnFailure {
            stop,
            armed: std::cell::Cell::new(true),
        }
    }

    fn disarm_if(&self, succeeded: bool) {
        if succeeded {
            self.armed.set(false);
        }
    }
}

impl Drop for StopOnFailure<'_> {
    fn drop(&mut self) {
        if self.armed.get() {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
}

/// An odd prime with its top two bits set, made as the rsa crate's
/// `generate_prime_with_rng` makes it; `Ok(None)` when told to stop.
///
/// The rsa crate walks up from a random start through the odd numbers that no
/// prime below 17,864 divides and returns the first that passes Baillie-PSW.
/// For primes of 1,536 bits and more the walk here also skips numbers that a
/// prime below [`sieve_bound`]
/// divides: those are composite, so the first number to pass is the same one
/// (a unit test checks it against the rsa crate), and fewer candidates reach
/// the expensive test. (Only a Baillie-PSW pseudoprime, of which none is
/// known, could tell the two walks apart: the rsa crate would return it, this
/// walk would skip it.)
pub(crate) fn search_prime<R: TryCryptoRng + ?Sized>(
    rng: &mut R,
    bit_length: u32,
    stop: &AtomicBool,
    progress: &crate::progress::Job,
) -> Result<Option<BoxedUint>, R::Error> {
    let Some(bit_length) = NonZeroU32::new(bit_length).filter(|bits| bits.get() >= 2) else {
        unreachable!("RSA primes have at least two bits");
    };
    loop {
        let mut start =
            BoxedUint::try_random_bits(rng, bit_length.get()).map_err(|err| match err {
                RandomBitsError::RandCore(err) => err,
                _ => unreachable!("random integer has the requested precision"),
            })?;
        start.set_bit_vartime(0, true);
        start.set_bit_vartime(bit_length.get() - 1, true);
        start.set_bit_vartime(bit_length.get() - 2, true);

        if bit_length.get() < MIN_EXTENDED_SIEVE_BITS {
            // The rsa crate's own walk.
            let Ok(sieve) = SmallFactorsSieve::new(start, bit_length, false) else {
                unreachable!("candidate fits the bit length");
            };
            for candidate in sieve {
                if stop.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                progress.advance();
                if is_prime(Flavor::Any, &candidate) {
                    return Ok(Some(candidate));
                }
            }
            continue;
        }

        let small_primes = small_primes(sieve_bound(bit_length.get()));
        let mut window_start = start;
        'windows: loop {
            let composite = sieve_window(&window_start, small_primes);
            for (offset, _) in composite.iter().enumerate().filter(|(_, c)| !**c) {
                // Checked between candidates only: a stop never cuts a test short.
                if stop.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let step = BoxedUint::from(2 * offset as u64);
                let Some(candidate) = window_start.checked_add(&step).into_option() else {
                    break 'windows;
                };
                if candidate.bit_width() > bit_length.get() {
                    // Past the largest number of this size: the rsa crate's
                    // sieve ends here too, and a new random start is drawn.
                    break 'windows;
                }
                progress.advance();
                if is_prime(Flavor::Any, &candidate) {
                    return Ok(Some(candidate));
                }
            }
            let step = BoxedUint::from(2 * WINDOW as u64);
            match window_start.checked_add(&step).into_option() {
                Some(next) => window_start = next,
                None => break 'windows,
            }
        }
    }
}

/// Odd candidates sieved at a time: a span of 2^16, far longer than the gaps
/// between primes of RSA sizes (about 1,400 on average at 2,048 bits).
const WINDOW: usize = 1 << 15;
/// Below this many bits (RSA keys under 3,072 bits) the extended sieve saved
/// nothing measurable.
const MIN_EXTENDED_SIEVE_BITS: u32 = 1536;

/// The bound of the small primes sieved out: dividing a candidate by more
/// primes costs time once per window, while each candidate it removes saves a
/// modular exponentiation, whose cost grows with the cube of the size. Measured
/// on the same seeds against the rsa crate's walk (which stops at 17,863):
/// 2,048-bit primes -22 to -25% with 2^20 (-14% with 2^18), 1,536-bit primes
/// -13 to -21% with 2^18 (-6 to -13% with 2^20); 1,024-bit primes gained
/// nothing. The tables take about 10 ms (2^20) and 3 ms (2^18) to build, once.
fn sieve_bound(bit_length: u32) -> u32 {
    if bit_length >= 2048 { 1 << 20 } else { 1 << 18 }
}

/// An odd prime below a [`sieve_bound`] with the reciprocal that reduces big
/// numbers by it without a division.
struct SmallPrime {
    prime: u32,
    reciprocal: Reciprocal,
}

/// The odd primes below `bound` rounded up to 2^18 or 2^20 (the bounds
/// [`sieve_bound`] gives), computed once per process.
fn small_primes(bound: u32) -> &'static [SmallPrime] {
    static BELOW_2_18: std::sync::OnceLock<Vec<SmallPrime>> = std::sync::OnceLock::new();
    static BELOW_2_20: std::sync::OnceLock<Vec<SmallPrime>> = std::sync::OnceLock::new();
    let (cell, bound) = if bound <= 1 << 18 {
        (&BELOW_2_18, 1usize << 18)
    } else {
        (&BELOW_2_20, 1usize << 20)
    };
    cell.get_or_init(|| {
        // Sieve of Eratosthenes over the odd numbers only (index i is 2i + 1),
        // dropped before the table is built to keep the peak memory low.
        let primes: Vec<u32> = {
            let mut is_composite = vec![false; bound / 2];
            let mut primes = Vec::new();
            for i in 1..bound / 2 {
                if !is_composite[i] {
                    let n = 2 * i + 1;
                    for multiple in (n * n / 2..bound / 2).step_by(n) {
                        is_composite[multiple] = true;
                    }
                    primes.push(u32::try_from(n).expect("a small prime"));
                }
            }
            primes
        };
        // Collected from an exact-size iterator: no spare capacity.
        primes
            .into_iter()
            .map(|prime| {
                let Some(divisor) = NonZero::new(Limb::from(prime)).into_option() else {
                    unreachable!("primes are not zero");
                };
                SmallPrime {
                    prime,
                    reciprocal: Reciprocal::new(divisor),
                }
            })
            .collect()
    })
}

/// Marks the offsets k (0 <= k < WINDOW) for which `window_start + 2k` has a
/// factor among `small_primes`. `window_start` is odd and far larger than
/// every small prime, so a marked number is never the small prime itself.
fn sieve_window(window_start: &BoxedUint, small_primes: &[SmallPrime]) -> Vec<bool> {
    let mut composite = vec![false; WINDOW];
    for small in small_primes {
        let prime = u64::from(small.prime);
        // A Word is u64 on 64-bit targets and u32 on 32-bit ones.
        #[allow(clippy::useless_conversion)]
        let residue = u64::from(window_start.rem_limb_with_reciprocal(&small.reciprocal).0);
        // window_start + 2k = 0 (mod p)  <=>  k = -residue / 2 (mod p).
        let half = prime.div_ceil(2);
        let first = ((prime - residue) % prime) * half % prime;
        // Both are below the largest small prime, a u32.
        let (first, prime) = (usize::try_from(first), usize::try_from(prime));
        let (first, prime) = (first.expect("a u32"), prime.expect("a u32"));
        for offset in (first..WINDOW).step_by(prime) {
            composite[offset] = true;
        }
    }
    composite
}

/// The prime factors of a generated key, for tests.
#[cfg(test)]
pub(crate) fn primes_of(key: &rsa::PrivateKey) -> Vec<BoxedUint> {
    use rsa::traits::PrivateKeyParts;
    key.primes().iter().map(|p| p.as_ref().clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Job;
    use rsa::Generate;
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    use sha2::{Digest, Sha256};
    use std::convert::Infallible;

    /// A deterministic generator (SHA-256 in counter mode) so runs can be
    /// compared with the rsa crate's own generation from the same stream.
    #[derive(Clone)]
    struct CounterRng {
        seed: [u8; 8],
        counter: u64,
        buffer: Vec<u8>,
    }

    impl CounterRng {
        fn new(seed: u64) -> Self {
            CounterRng {
                seed: seed.to_be_bytes(),
                counter: 0,
                buffer: Vec::new(),
            }
        }
    }

    impl ssh_key::rand_core::TryRng for CounterRng {
        type Error = Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Infallible> {
            let mut bytes = [0; 4];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u32::from_le_bytes(bytes))
        }
        fn try_next_u64(&mut self) -> Result<u64, Infallible> {
            let mut bytes = [0; 8];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u64::from_le_bytes(bytes))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
            for byte in dst {
                if self.buffer.is_empty() {
                    let block = Sha256::new()
                        .chain_update(self.seed)
                        .chain_update(self.counter.to_be_bytes())
                        .finalize();
                    self.counter += 1;
                    self.buffer = block.iter().rev().copied().collect();
                }
                *byte = self.buffer.pop().expect("refilled above");
            }
            Ok(())
        }
    }

    impl TryCryptoRng for CounterRng {}

    #[test]
    fn primes_are_the_ones_the_rsa_crate_draws_from_the_same_random_stream() {
        // rsa's `Generate` draws p then q from one stream with its private
        // `generate_prime_with_rng`; drawing with `search_prime` from the same
        // stream must give the very same primes.
        let stop = AtomicBool::new(false);
        for seed in 0..3 {
            let reference = rsa::PrivateKey::try_generate_from_rng(&mut CounterRng::new(seed))
                .expect("infallible generator");
            let mut rng = CounterRng::new(seed);
            let p = search_prime(&mut rng, 1536, &stop, &Job::silent())
                .unwrap()
                .unwrap();
            let q = search_prime(&mut rng, 1536, &stop, &Job::silent())
                .unwrap()
                .unwrap();
            assert_eq!(primes_of(&reference), vec![p, q], "seed {seed}");
        }
    }

    /// The rsa crate's `generate_prime_with_rng`, line for line (it is private
    /// there): the reference the extended sieve must agree with.
    fn reference_prime(rng: &mut CounterRng, bit_length: u32) -> BoxedUint {
        let bits = NonZeroU32::new(bit_length).unwrap();
        loop {
            let mut start = BoxedUint::try_random_bits(rng, bit_length).unwrap();
            start.set_bit_vartime(0, true);
            start.set_bit_vartime(bit_length - 1, true);
            start.set_bit_vartime(bit_length - 2, true);
            let mut sieve = SmallFactorsSieve::new(start, bits, false).unwrap();
            if let Some(prime) = sieve.find(|candidate| is_prime(Flavor::Any, candidate)) {
                return prime;
            }
        }
    }

    #[test]
    fn the_extended_sieve_finds_the_same_primes_as_the_rsa_crate_at_every_rsa_size() {
        let stop = AtomicBool::new(false);
        for (bits, seeds) in [(1024u32, 0..6u64), (1536, 6..9), (2048, 9..11)] {
            for seed in seeds {
                let ours = search_prime(&mut CounterRng::new(seed), bits, &stop, &Job::silent());
                let reference = reference_prime(&mut CounterRng::new(seed), bits);
                assert_eq!(
                    ours.unwrap().unwrap(),
                    reference,
                    "{bits} bits, seed {seed}"
                );
            }
        }
    }

    #[test]
    fn window_marks_are_the_multiples_of_the_small_primes() {
        assert_eq!(small_primes(1 << 20).len(), 82_024, "odd primes below 2^20");
        assert_eq!(small_primes(1 << 18).len(), 22_999, "odd primes below 2^18");
        let primes = &small_primes(1 << 18)[..200];
        let first: Vec<u32> = primes[..6].iter().map(|p| p.prime).collect();
        assert_eq!(first, [3, 5, 7, 11, 13, 17]);
        let start = BoxedUint::from(1_000_000_000_001u64);
        let marks = sieve_window(&start, primes);
        for (k, marked) in marks.iter().enumerate() {
            let n = 1_000_000_000_001u64 + 2 * k as u64;
            let has_small_factor = primes.iter().any(|p| n.is_multiple_of(u64::from(p.prime)));
            assert_eq!(*marked, has_small_factor, "{n}");
        }
    }

    #[test]
    fn two_threaded_key_matches_the_rsa_crate_key_for_the_same_primes() {
        let seeds = std::cell::Cell::new(10u64);
        let new_rng = || {
            seeds.set(seeds.get() + 1);
            CounterRng::new(seeds.get())
        };
        let key = generate(new_rng, 2048).unwrap();
        let stop = AtomicBool::new(false);
        let p = search_prime(&mut CounterRng::new(11), 1024, &stop, &Job::silent())
            .unwrap()
            .unwrap();
        let q = search_prime(&mut CounterRng::new(12), 1024, &stop, &Job::silent())
            .unwrap()
            .unwrap();
        let reference =
            rsa::PrivateKey::from_primes(vec![p.clone(), q.clone()], BoxedUint::from(65537u64))
                .unwrap();
        assert_eq!(primes_of(&key), vec![p, q]);
        assert_eq!(key.n(), reference.n());
        assert_eq!(key.d(), reference.d());
        assert_eq!(key.e(), &BoxedUint::from(65537u64));
        assert_eq!(key.crt_coefficient(), reference.crt_coefficient());
    }

    #[test]
    fn keys_have_exact_size_and_primes_with_the_top_two_bits_set() {
        for bits in [2048usize, 2049, 3072] {
            let key = generate(|| getrandom::SysRng, bits).unwrap();
            assert_eq!(key.n().bit_width() as usize, bits);
            let primes = primes_of(&key);
            assert_eq!(primes[0].bit_width() as usize, bits / 2);
            assert_eq!(primes[1].bit_width() as usize, bits - bits / 2);
            for prime in &primes {
                let width = prime.bit_width();
                assert!(prime.bit_vartime(width - 1) && prime.bit_vartime(width - 2));
                assert!(is_prime(Flavor::Any, prime));
            }
            key.validate().unwrap();
        }
    }

    #[test]
    fn a_stop_request_ends_the_search_at_once() {
        let stop = AtomicBool::new(true);
        let found = search_prime(&mut getrandom::SysRng, 2048, &stop, &Job::silent()).unwrap();
        assert_eq!(found, None);
    }

    #[test]
    fn a_failing_generator_is_an_error_and_stops_the_other_search() {
        #[derive(Debug)]
        struct Broken;
        impl core::fmt::Display for Broken {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("broken")
            }
        }
        impl core::error::Error for Broken {}
        struct FailingRng(bool);
        impl ssh_key::rand_core::TryRng for FailingRng {
            type Error = Broken;
            fn try_next_u32(&mut self) -> Result<u32, Broken> {
                Err(Broken)
            }
            fn try_next_u64(&mut self) -> Result<u64, Broken> {
                Err(Broken)
            }
            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Broken> {
                if self.0 {
                    return Err(Broken);
                }
                getrandom::fill(dst).map_err(|_| Broken)
            }
        }
        impl TryCryptoRng for FailingRng {}
        // The first generator (for p) fails; the q search must be stopped, so
        // this returns instead of running a 16384-bit search to the end. A
        // search that is not stopped fails the test after a minute instead
        // of hanging the suite (a stopped one returns in milliseconds).
        let (done, outcome) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let calls = std::sync::atomic::AtomicUsize::new(0);
            let result = generate(
                || FailingRng(calls.fetch_add(1, Ordering::Relaxed) == 0),
                16384,
            );
            let _ = done.send(matches!(result, Err(RsaGenerationError::Random)));
        });
        let failed_as_random = outcome
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the other prime search was not stopped");
        assert!(failed_as_random);
    }
}
