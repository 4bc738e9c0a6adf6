//! bcrypt-pbkdf (OpenSSH's key derivation for passphrases) with its output
//! blocks computed in parallel.
//!
//! bcrypt-pbkdf is PBKDF2 with a Blowfish-based PRF whose 32-byte output blocks
//! are then interleaved byte by byte. Each block depends only on the passphrase,
//! the salt and its own index, never on another block, so the 48 bytes that
//! aes256-ctr needs (key and IV: two blocks) can be computed on two threads at
//! once, halving the wall time of the deliberately slow rounds. The result is
//! byte-identical to the serial computation (a unit test compares it with the
//! bcrypt-pbkdf crate that ssh-key uses). Blowfish is the blowfish crate's
//! (its `bcrypt` key schedule, what the bcrypt-pbkdf crate is built on); a
//! hand-written copy specialised to 64-byte keys was about 7% faster per
//! block (55 against 59 ms at 16 rounds) and was given up for one less
//! cipher to maintain.

use sha2::{Digest, Sha512};
use zeroize::{Zeroize, Zeroizing};

/// Bytes of one bcrypt hash, the PRF output and the size of one output block.
const BLOCK_LEN: usize = 32;
/// OpenSSH limits the output to this many bytes.
const MAX_OUTPUT_LEN: usize = BLOCK_LEN * BLOCK_LEN;
const BHASH_SEED: &[u8; BLOCK_LEN] = b"OxychromaticBlowfishSwatDynamite";

/// Inputs bcrypt-pbkdf refuses, as OpenSSH's implementation does. Local so
/// that the function stays a self-contained port, testable on its own; its
/// caller, the key decryption, reports any of them as a crypto failure
/// (the inputs come from a file already checked, so none is expected).
#[derive(Debug, PartialEq, Eq)]
pub enum KdfInputError {
    EmptyPassphraseOrSalt,
    ZeroRounds,
    OutputLength,
}

/// Fills `output` with bcrypt-pbkdf(`passphrase`, `salt`, `rounds`), one thread
/// per 32-byte block after the first (which the calling thread computes).
pub fn bcrypt_pbkdf(
    passphrase: &[u8],
    salt: &[u8],
    rounds: u32,
    output: &mut [u8],
) -> Result<(), KdfInputError> {
    if passphrase.is_empty() || salt.is_empty() {
        return Err(KdfInputError::EmptyPassphraseOrSalt);
    }
    if rounds == 0 {
        return Err(KdfInputError::ZeroRounds);
    }
    if output.is_empty() || output.len() > MAX_OUTPUT_LEN {
        return Err(KdfInputError::OutputLength);
    }
    let block_count = output.len().div_ceil(BLOCK_LEN);
    let sha2_pass = Zeroizing::new(<[u8; 64]>::from(Sha512::digest(passphrase)));

    let blocks: Vec<Zeroizing<[u8; BLOCK_LEN]>> = std::thread::scope(|scope| {
        let others: Vec<_> = (2..=block_count)
            .map(|index| {
                let sha2_pass = &sha2_pass;
                // ssh-keygen derives at most a key and an IV: a few blocks.
                let index = u32::try_from(index).expect("a few blocks");
                scope.spawn(move || pbkdf2_block(sha2_pass, salt, rounds, index, None))
            })
            .collect();
        // The blocks take the same time: the first one's rounds are the bar.
        let progress = crate::progress::Job::kdf(rounds);
        let mut blocks = vec![pbkdf2_block(&sha2_pass, salt, rounds, 1, Some(&progress))];
        blocks.extend(others.into_iter().map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        blocks
    });

    // bcrypt-pbkdf's non-linear step: output byte i comes from block i mod n,
    // at position i / n, so every block contributes to the key and the IV.
    for (i, byte) in output.iter_mut().enumerate() {
        *byte = blocks[i % block_count][i / block_count];
    }
    Ok(())
}

/// PBKDF2 block `index` (from 1) with bcrypt's hash as the PRF.
fn pbkdf2_block(
    sha2_pass: &[u8; 64],
    salt: &[u8],
    rounds: u32,
    index: u32,
    progress: Option<&crate::progress::Job>,
) -> Zeroizing<[u8; BLOCK_LEN]> {
    let first_salt = Sha512::new()
        .chain_update(salt)
        .chain_update(index.to_be_bytes())
        .finalize();
    let mut chained = Zeroizing::new(bhash(sha2_pass, &first_salt.into()));
    let mut block = chained.clone();
    progress.inspect(|job| job.advance());
    for _ in 1..rounds {
        let mut next_salt = <[u8; 64]>::from(Sha512::digest(*chained));
        *chained = bhash(sha2_pass, &next_salt);
        next_salt.zeroize();
        for (out, new) in block.iter_mut().zip(chained.iter()) {
            *out ^= new;
        }
        progress.inspect(|job| job.advance());
    }
    block
}

/// The bcrypt hash of OpenSSH's bcrypt_pbkdf.c: Blowfish keyed by the hashed
/// passphrase and salt (the expensive setup), then encrypting a fixed seed.
/// The key schedule is zeroized when dropped (the crate's `zeroize`).
fn bhash(sha2_pass: &[u8; 64], sha2_salt: &[u8; 64]) -> [u8; BLOCK_LEN] {
    let mut state = blowfish::Blowfish::bc_init_state();
    state.salted_expand_key(sha2_salt, sha2_pass);
    for _ in 0..64 {
        state.bc_expand_key(sha2_salt);
        state.bc_expand_key(sha2_pass);
    }

    let mut cdata = [0u32; BLOCK_LEN / 4];
    for (word, bytes) in cdata.iter_mut().zip(BHASH_SEED.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    for _ in 0..64 {
        for pair in cdata.chunks_exact_mut(2) {
            let [left, right] = state.bc_encrypt([pair[0], pair[1]]);
            pair[0] = left;
            pair[1] = right;
        }
    }

    let mut output = [0u8; BLOCK_LEN];
    for (bytes, word) in output.chunks_exact_mut(4).zip(cdata) {
        bytes.copy_from_slice(&word.to_le_bytes());
    }
    cdata.zeroize();
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serial(passphrase: &[u8], salt: &[u8], rounds: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        bcrypt_pbkdf::bcrypt_pbkdf(passphrase, salt, rounds, &mut out).unwrap();
        out
    }

    fn parallel(passphrase: &[u8], salt: &[u8], rounds: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        bcrypt_pbkdf(passphrase, salt, rounds, &mut out).unwrap();
        out
    }

    #[test]
    fn matches_the_serial_crate_for_many_salts_rounds_and_passphrases() {
        let passphrases: [&[u8]; 5] = [
            b"p",
            b"correct horse battery staple",
            "pässwörd ✓".as_bytes(),
            &[0u8, 255, 1, 254],
            &[b'x'; 200],
        ];
        let mut salt = [0u8; 16];
        let mut case = 0u32;
        for passphrase in passphrases {
            for rounds in [1, 2, 3] {
                for len in [48, 1, 32, 33, 80] {
                    case += 1;
                    getrandom::fill(&mut salt).unwrap();
                    assert_eq!(
                        parallel(passphrase, &salt, rounds, len),
                        serial(passphrase, &salt, rounds, len),
                        "passphrase {passphrase:?} salt {salt:?} rounds {rounds} len {len}"
                    );
                }
            }
        }
        assert_eq!(case, 75);
        // OpenSSH's default rounds, for the key and IV of aes256-ctr.
        getrandom::fill(&mut salt).unwrap();
        assert_eq!(
            parallel(b"pass", &salt, 16, 48),
            serial(b"pass", &salt, 16, 48)
        );
    }

    #[test]
    fn matches_the_serial_crate_for_odd_salt_lengths_and_the_maximum_output() {
        for salt_len in [1usize, 7, 16, 33, 100] {
            let salt: Vec<u8> = (0..=u8::MAX).take(salt_len).map(|i| i ^ 0x5a).collect();
            assert_eq!(
                parallel(b"secret", &salt, 2, 48),
                serial(b"secret", &salt, 2, 48),
                "salt length {salt_len}"
            );
        }
        assert_eq!(
            parallel(b"secret", b"salt", 1, MAX_OUTPUT_LEN),
            serial(b"secret", b"salt", 1, MAX_OUTPUT_LEN)
        );
    }

    #[test]
    fn known_answer_from_the_bcrypt_pbkdf_test_vectors() {
        // First vector of the bcrypt-pbkdf crate's tests (from OpenBSD's regress).
        let out = parallel(b"password", b"salt", 4, 32);
        assert_eq!(
            out,
            [
                0x5b, 0xbf, 0x0c, 0xc2, 0x93, 0x58, 0x7f, 0x1c, 0x36, 0x35, 0x55, 0x5c, 0x27, 0x79,
                0x65, 0x98, 0xd4, 0x7e, 0x57, 0x90, 0x71, 0xbf, 0x42, 0x7e, 0x9d, 0x8f, 0xbe, 0x84,
                0x2a, 0xba, 0x34, 0xd9,
            ]
        );
    }

    #[test]
    fn refuses_what_openssh_refuses() {
        let mut out = [0u8; 48];
        assert_eq!(
            bcrypt_pbkdf(b"", b"salt", 4, &mut out),
            Err(KdfInputError::EmptyPassphraseOrSalt)
        );
        assert_eq!(
            bcrypt_pbkdf(b"p", b"", 4, &mut out),
            Err(KdfInputError::EmptyPassphraseOrSalt)
        );
        assert_eq!(
            bcrypt_pbkdf(b"p", b"salt", 0, &mut out),
            Err(KdfInputError::ZeroRounds)
        );
        assert_eq!(
            bcrypt_pbkdf(b"p", b"salt", 4, &mut []),
            Err(KdfInputError::OutputLength)
        );
        assert_eq!(
            bcrypt_pbkdf(b"p", b"salt", 4, &mut [0u8; MAX_OUTPUT_LEN + 1]),
            Err(KdfInputError::OutputLength)
        );
    }
}
