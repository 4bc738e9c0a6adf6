//! Key types, sizes, generation and encryption: the pure cryptographic core.
//!
//! Nothing here touches files, the terminal or the environment; the random number
//! generator is always a parameter so the callers decide where randomness comes from.

use ssh_key::private::{EcdsaKeypair, Ed25519Keypair, KeypairData, RsaKeypair};
use ssh_key::public::KeyData;
use ssh_key::rand_core::TryCryptoRng;
use ssh_key::{Algorithm, EcdsaCurve, PrivateKey, PublicKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::fingerprint::{Fingerprint, FingerprintHash};

pub mod bcrypt_pbkdf;
mod openssh_v1;
mod rsa_primes;

/// RSA sizes below this are refused: 1024-bit RSA is breakable and OpenSSH
/// refuses keys under 1024 bits; NIST deprecates under 2048.
pub const RSA_MIN_BITS: u32 = 2048;
/// The largest RSA key OpenSSH accepts (`SSH_RSA_MAXIMUM_MODULUS_SIZE`).
pub const RSA_MAX_BITS: u32 = 16384;
/// ssh-keygen's default RSA size.
pub const RSA_DEFAULT_BITS: u32 = 3072;
/// ssh-keygen's default bcrypt-pbkdf rounds for new keys.
pub const DEFAULT_KDF_ROUNDS: u32 = 24;
/// Salt length OpenSSH uses for bcrypt-pbkdf.
const KDF_SALT_LEN: usize = 16;

/// The key algorithms sshgen can generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    Ed25519,
    Rsa,
    Ecdsa,
    /// `ed25519-sk`: made and used by a security key.
    SkEd25519,
    /// `ecdsa-sk`: made and used by a security key.
    SkEcdsa,
}

impl KeyType {
    /// Lower-case name as ssh-keygen's `-t` spells it.
    pub fn name(self) -> &'static str {
        match self {
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa => "rsa",
            KeyType::Ecdsa => "ecdsa",
            KeyType::SkEd25519 => "ed25519-sk",
            KeyType::SkEcdsa => "ecdsa-sk",
        }
    }

    /// The default file's name after `id_`: `ed25519`, `ed25519_sk`, …
    pub fn file_stem(self) -> String {
        self.name().replace('-', "_")
    }

    /// The security key algorithm, for the two types a security key makes.
    pub fn security_key(self) -> Option<crate::security_key::Algorithm> {
        match self {
            KeyType::SkEd25519 => Some(crate::security_key::Algorithm::Ed25519),
            KeyType::SkEcdsa => Some(crate::security_key::Algorithm::Ecdsa),
            _ => None,
        }
    }
}

/// A key type as named on the command line, ssh-keygen's spellings too;
/// [`TypeChoice::resolve`] turns it into a [`KeyType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeChoice {
    Ed25519,
    Rsa,
    Ecdsa,
    EcdsaP256,
    EcdsaP384,
    EcdsaP521,
    SkEd25519,
    SkEcdsa,
    /// Accepted only to explain why it is refused.
    Dsa,
}

impl TypeChoice {
    /// The name as typed on the command line.
    pub fn name(self) -> String {
        match self {
            TypeChoice::Ed25519 => "ed25519",
            TypeChoice::Rsa => "rsa",
            TypeChoice::Ecdsa => "ecdsa",
            TypeChoice::EcdsaP256 => "ecdsa-sha2-nistp256",
            TypeChoice::EcdsaP384 => "ecdsa-sha2-nistp384",
            TypeChoice::EcdsaP521 => "ecdsa-sha2-nistp521",
            TypeChoice::SkEd25519 => "ed25519-sk",
            TypeChoice::SkEcdsa => "ecdsa-sk",
            TypeChoice::Dsa => "dsa",
        }
        .to_owned()
    }

    /// The key type, and the size the name implies (`ecdsa-sha2-nistp384` → 384).
    pub fn resolve(self) -> Option<(KeyType, Option<u32>)> {
        Some(match self {
            TypeChoice::Ed25519 => (KeyType::Ed25519, None),
            TypeChoice::Rsa => (KeyType::Rsa, None),
            TypeChoice::Ecdsa => (KeyType::Ecdsa, None),
            TypeChoice::EcdsaP256 => (KeyType::Ecdsa, Some(256)),
            TypeChoice::EcdsaP384 => (KeyType::Ecdsa, Some(384)),
            TypeChoice::EcdsaP521 => (KeyType::Ecdsa, Some(521)),
            TypeChoice::SkEd25519 => (KeyType::SkEd25519, None),
            TypeChoice::SkEcdsa => (KeyType::SkEcdsa, None),
            TypeChoice::Dsa => return None,
        })
    }
}

/// A validated request for a key: its type and size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeySpec {
    key_type: KeyType,
    bits: u32,
}

impl KeySpec {
    /// Checks `bits` against what the type allows; `None` takes the type's default.
    pub fn new(key_type: KeyType, bits: Option<u32>) -> Result<Self> {
        let bits = match (key_type, bits) {
            (KeyType::Ed25519, None | Some(256)) => 256,
            (KeyType::Ed25519, Some(other)) => {
                return Err(Error::Usage(format!(
                    "Ed25519 keys have a fixed size of 256 bits; drop -b {other}"
                )));
            }
            (KeyType::Rsa, None) => RSA_DEFAULT_BITS,
            (KeyType::Rsa, Some(bits)) if bits < RSA_MIN_BITS => {
                return Err(Error::Usage(format!(
                    "RSA keys of {bits} bits are too weak to be safe; use -b {RSA_MIN_BITS} \
                     or more (default {RSA_DEFAULT_BITS}), or -t ed25519"
                )));
            }
            (KeyType::Rsa, Some(bits)) if bits > RSA_MAX_BITS => {
                return Err(Error::Usage(format!(
                    "RSA keys of {bits} bits are larger than OpenSSH accepts; \
                     use -b {RSA_MAX_BITS} or less"
                )));
            }
            (KeyType::Rsa, Some(bits)) => bits,
            (KeyType::Ecdsa, None) => 256,
            (KeyType::Ecdsa, Some(bits @ (256 | 384 | 521))) => bits,
            (KeyType::Ecdsa, Some(other)) => {
                return Err(Error::Usage(format!(
                    "ECDSA keys are 256, 384 or 521 bits, not {other}; use -b 256, -b 384 or -b 521"
                )));
            }
            (KeyType::SkEd25519 | KeyType::SkEcdsa, None | Some(256)) => 256,
            (KeyType::SkEd25519 | KeyType::SkEcdsa, Some(other)) => {
                return Err(Error::Usage(format!(
                    "security keys make keys of 256 bits; drop -b {other}"
                )));
            }
        };
        Ok(KeySpec { key_type, bits })
    }

    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }
}

/// Whether OpenSSH would take a key of this size: RSA moduli above
/// [`RSA_MAX_BITS`] are refused by `sshkey_from_blob`, and so are they here
/// (a hostile file's 100,000-bit modulus is not a key to fingerprint).
pub fn size_accepted(key: &KeyData) -> bool {
    !matches!(key, KeyData::Rsa(_)) || bits(key) <= RSA_MAX_BITS
}

/// The most bcrypt-pbkdf rounds sshgen runs to open a key unless told
/// otherwise: about three seconds on a laptop core, forty times the
/// default. A hostile file can declare 2^31 rounds, which would run for
/// days.
pub const MAX_KDF_ROUNDS: u32 = 1000;
/// The environment variable that raises [`MAX_KDF_ROUNDS`] for a key
/// really made with more rounds.
pub const MAX_KDF_ROUNDS_VAR: &str = "SSHGEN_MAX_KDF_ROUNDS";

/// Checks a comment sshgen is about to write into a key pair. The `.pub`
/// file holds the key on one line: a line break in the comment would add a
/// second line, and with it a second key of the comment writer's choosing,
/// to every authorized_keys file the `.pub` is pasted into. Other control
/// characters (an escape sequence) would reach the terminal of whoever
/// prints the key.
pub fn check_comment(comment: &str) -> Result<()> {
    if comment.contains(['\n', '\r']) {
        return Err(Error::Usage(
            "a comment must be one line: the .pub file holds the key on one line".to_owned(),
        ));
    }
    // A tab is harmless inside a .pub line, and ssh-keygen takes it.
    if let Some(c) = comment.chars().find(|&c| c.is_control() && c != '\t') {
        return Err(Error::Usage(format!(
            "a comment must be printable text, and this one holds the control character \
             U+{:04X}; drop it",
            c as u32
        )));
    }
    Ok(())
}

/// The first of the characters that stand for the bytes 0x80 to 0xff of a
/// comment that is not UTF-8 (U+F780 to U+F7FF, in the Private Use Area).
const RAW_BYTE_BASE: u32 = 0xf700;

/// A comment's bytes as text that keeps them all: valid UTF-8 as it is,
/// each other byte as a character of its own that [`comment_bytes`] turns
/// back into that byte, [`crate::render::visible`] prints as ssh-keygen
/// prints the byte (`\351`), and [`crate::render::json_text`] shows as
/// U+FFFD. Keys written by other tools carry Latin-1 comments; ssh-keygen
/// keeps and prints their bytes.
pub fn comment_text(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len()).max(1);
                for &byte in &rest[..bad] {
                    out.push(raw_byte_char(byte));
                }
                bytes = &rest[bad..];
            }
        }
    }
}

fn raw_byte_char(byte: u8) -> char {
    char::from_u32(RAW_BYTE_BASE + u32::from(byte)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The byte a character of [`comment_text`] stands for, if it is one.
pub fn raw_byte(c: char) -> Option<u8> {
    let code = u32::from(c).checked_sub(RAW_BYTE_BASE)?;
    u8::try_from(code).ok().filter(|b| *b >= 0x80)
}

/// The bytes [`comment_text`] was made from.
pub fn comment_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match raw_byte(c) {
            Some(byte) => out.push(byte),
            None => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

/// The operating system's random number generator, the only source sshgen uses.
pub fn os_rng() -> getrandom::SysRng {
    getrandom::SysRng
}

/// Makes a new unencrypted key pair. `new_rng` gives a random number generator
/// each time it is called; RSA asks for two, one per prime searched at the same
/// time, so each call must give an independent generator (as [`os_rng`] does).
pub fn generate<R, F>(new_rng: F, spec: KeySpec, comment: &str) -> Result<PrivateKey>
where
    F: Fn() -> R,
    R: TryCryptoRng + Send,
{
    let keypair = match spec.key_type {
        KeyType::Ed25519 => {
            // The seed read here, not by ssh-key: its `random` panics when
            // the generator fails, this returns the failure.
            let mut seed = Zeroizing::new([0u8; 32]);
            new_rng()
                .try_fill_bytes(&mut *seed)
                .map_err(|_| rng_failure("Ed25519"))?;
            KeypairData::from(Ed25519Keypair::from_seed(&seed))
        }
        KeyType::Rsa => {
            // `bits` was range-checked in KeySpec::new, so the cast cannot truncate.
            let rsa = rsa_primes::generate(new_rng, spec.bits as usize).map_err(|e| match e {
                rsa_primes::RsaGenerationError::Random => rng_failure("RSA"),
                rsa_primes::RsaGenerationError::Size => Error::Usage(format!(
                    "RSA keys of {} bits cannot be made; use -b {RSA_MAX_BITS} or less",
                    spec.bits
                )),
                rsa_primes::RsaGenerationError::Key(e) => {
                    Error::key("cannot generate the RSA key", e.into())
                }
            })?;
            let rsa = RsaKeypair::try_from(&rsa)
                .map_err(|e| Error::key("cannot generate the RSA key", e))?;
            KeypairData::from(rsa)
        }
        KeyType::Ecdsa => {
            let curve = match spec.bits {
                384 => EcdsaCurve::NistP384,
                521 => EcdsaCurve::NistP521,
                _ => EcdsaCurve::NistP256,
            };
            random_ecdsa(&mut new_rng(), curve)?
        }
        KeyType::SkEd25519 | KeyType::SkEcdsa => {
            return Err(Error::Usage(format!(
                "{} keys are made by a security key, not here",
                spec.key_type.name()
            )));
        }
    };
    PrivateKey::new(keypair, comment).map_err(|e| Error::key("cannot assemble the key", e))
}

fn rng_failure(what: &str) -> Error {
    Error::key(
        format!("cannot generate the {what} key: the system's random number generator failed"),
        ssh_key::Error::RngFailure,
    )
}

/// A uniformly random ECDSA key: random bytes of the curve's size until they
/// are a valid scalar (below the group order, not zero), as the curve
/// crates' own `random` does, but returning a generator failure instead of
/// panicking over it. For P-521 only the lowest bit of the top byte can be
/// set in a scalar, so the rest of that byte is cleared first.
fn random_ecdsa<R: TryCryptoRng>(rng: &mut R, curve: EcdsaCurve) -> Result<KeypairData> {
    let size = match curve {
        EcdsaCurve::NistP256 => 32,
        EcdsaCurve::NistP384 => 48,
        EcdsaCurve::NistP521 => 66,
    };
    let mut bytes = Zeroizing::new(vec![0u8; size]);
    loop {
        rng.try_fill_bytes(&mut bytes)
            .map_err(|_| rng_failure("ECDSA"))?;
        let keypair = match curve {
            EcdsaCurve::NistP256 => {
                p256::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(|key| EcdsaKeypair::NistP256 {
                        public: key.public_key().into(),
                        private: key.into(),
                    })
            }
            EcdsaCurve::NistP384 => {
                p384::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(|key| EcdsaKeypair::NistP384 {
                        public: key.public_key().into(),
                        private: key.into(),
                    })
            }
            EcdsaCurve::NistP521 => {
                bytes[0] &= 0x01;
                p521::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(|key| EcdsaKeypair::NistP521 {
                        public: key.public_key().into(),
                        private: key.into(),
                    })
            }
        };
        if let Some(keypair) = keypair {
            return Ok(KeypairData::from(keypair));
        }
    }
}

/// Encrypts a private key as OpenSSH does: aes256-ctr with a key and IV from
/// bcrypt-pbkdf over a fresh 16-byte salt and `rounds` rounds (its two output
/// blocks computed in parallel; the bytes are those ssh-key would write).
pub fn encrypt<R: TryCryptoRng + ?Sized>(
    rng: &mut R,
    key: &PrivateKey,
    passphrase: &[u8],
    rounds: u32,
) -> Result<PrivateKey> {
    let mut salt = vec![0u8; KDF_SALT_LEN];
    rng.try_fill_bytes(&mut salt)
        .map_err(|_| Error::key("cannot encrypt the key", ssh_key::Error::RngFailure))?;
    let checkint = rng
        .try_next_u32()
        .map_err(|_| Error::key("cannot encrypt the key", ssh_key::Error::RngFailure))?;
    openssh_v1::encrypt(key, passphrase, salt, rounds, checkint)
        .map_err(|e| Error::key("cannot encrypt the key", e))
}

/// A key pair's algorithm name and private fields, as an OpenSSH private
/// key holds them and the agent protocol sends them (an ECDSA scalar as a
/// minimal mpint).
pub fn private_fields(data: &ssh_key::private::KeypairData) -> ssh_key::Result<Zeroizing<Vec<u8>>> {
    openssh_v1::keypair_bytes(data)
}

/// Parses a binary OpenSSH v1 private key as ssh-key does, also taking the
/// short ECDSA scalars OpenSSH writes for one P-256 key in 256.
pub fn openssh_from_bytes(bytes: &[u8]) -> ssh_key::Result<PrivateKey> {
    openssh_v1::from_bytes(bytes)
}

/// Decrypts a passphrase-protected private key; the same results and errors as
/// ssh-key's `PrivateKey::decrypt`, with bcrypt-pbkdf's blocks in parallel.
pub fn decrypt(key: &PrivateKey, passphrase: &[u8]) -> ssh_key::Result<PrivateKey> {
    openssh_v1::decrypt(key, passphrase)
}

/// The private key file's text: OpenSSH v1 format, base64 wrapped at 70 columns.
/// An ECDSA scalar is written as a minimal mpint (see `openssh_v1`).
pub fn private_key_text(key: &PrivateKey) -> Result<Zeroizing<String>> {
    openssh_v1::plain_text(key).map_err(|e| Error::key("cannot encode the private key", e))
}

/// The one-line public key, `TYPE BASE64 COMMENT` (no comment part when empty).
pub fn public_key_line(key: &PublicKey) -> Result<String> {
    key.to_openssh()
        .map_err(|e| Error::key("cannot encode the public key", e))
}

/// The SSH wire encoding of the public key, which fingerprints are taken over.
pub fn public_key_blob(key: &KeyData) -> Result<Vec<u8>> {
    use ssh_key::encoding::Encode;
    key.encode_vec()
        .map_err(|e| Error::key("cannot encode the public key", e.into()))
}

/// The fingerprint of a public key with the given hash.
pub fn fingerprint(key: &KeyData, hash: FingerprintHash) -> Result<Fingerprint> {
    Ok(Fingerprint::of(&public_key_blob(key)?, hash))
}

/// The label ssh-keygen prints in randomart headers and after `-l` lines.
pub fn type_label(algorithm: &Algorithm) -> String {
    match algorithm {
        Algorithm::Ed25519 => "ED25519".to_owned(),
        Algorithm::Rsa { .. } => "RSA".to_owned(),
        Algorithm::Ecdsa { .. } => "ECDSA".to_owned(),
        Algorithm::Dsa => "DSA".to_owned(),
        Algorithm::SkEd25519 => "ED25519-SK".to_owned(),
        Algorithm::SkEcdsaSha2NistP256 => "ECDSA-SK".to_owned(),
        other => other.as_str().to_ascii_uppercase(),
    }
}

/// The key size in bits as ssh-keygen reports it.
pub fn bits(key: &KeyData) -> u32 {
    match key {
        // The modulus's exact length, as OpenSSH's BN_num_bits: a 1044-bit
        // key is 1044, where ssh-key rounds up to whole bytes.
        KeyData::Rsa(rsa) => mpint_bits(rsa.n().as_bytes()),
        KeyData::Ecdsa(ecdsa) => curve_bits(ecdsa.curve()),
        KeyData::SkEcdsaSha2NistP256(_) => 256,
        KeyData::Dsa(dsa) => mpint_bits(dsa.p().as_bytes()),
        _ => 256,
    }
}

fn curve_bits(curve: EcdsaCurve) -> u32 {
    match curve {
        EcdsaCurve::NistP256 => 256,
        EcdsaCurve::NistP384 => 384,
        EcdsaCurve::NistP521 => 521,
    }
}

/// Bit length of a big-endian unsigned integer (leading zero bytes allowed).
fn mpint_bits(bytes: &[u8]) -> u32 {
    let mut bytes = bytes;
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    match bytes.first() {
        // An integer of more than 2^32 bytes is no key's.
        Some(first) => {
            let bytes = u32::try_from(bytes.len()).unwrap_or(u32::MAX / 8);
            (bytes - 1) * 8 + (8 - first.leading_zeros())
        }
        None => 0,
    }
}

/// `TYPE BASE64`, then ` COMMENT` when there is one, as `sshkey_write` and
/// ssh-keygen -y write it.
pub fn public_line(key: &KeyData, comment: &str) -> Result<String> {
    let mut line = public_key_line(&PublicKey::new(key.clone(), ""))?;
    if !comment.is_empty() {
        line.push(' ');
        line.push_str(comment);
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssh_key::Kdf;
    use ssh_key::rand_core::UnwrapErr;

    fn rng() -> UnwrapErr<getrandom::SysRng> {
        UnwrapErr(getrandom::SysRng)
    }

    #[test]
    fn spec_defaults_follow_ssh_keygen() {
        assert_eq!(KeySpec::new(KeyType::Ed25519, None).unwrap().bits(), 256);
        assert_eq!(KeySpec::new(KeyType::Rsa, None).unwrap().bits(), 3072);
        assert_eq!(KeySpec::new(KeyType::Ecdsa, None).unwrap().bits(), 256);
    }

    #[test]
    fn spec_refuses_weak_and_odd_sizes() {
        for (key_type, bits) in [
            (KeyType::Rsa, 1024),
            (KeyType::Rsa, 2047),
            (KeyType::Rsa, 16385),
            (KeyType::Ecdsa, 512),
            (KeyType::Ed25519, 512),
        ] {
            let err = KeySpec::new(key_type, Some(bits)).unwrap_err();
            assert_eq!(
                err.exit_code(crate::error::Grammar::Sshgen),
                crate::error::EXIT_USAGE,
                "{key_type:?} {bits}"
            );
        }
        let err = KeySpec::new(KeyType::Rsa, Some(1024)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "RSA keys of 1024 bits are too weak to be safe; use -b 2048 or more \
             (default 3072), or -t ed25519"
        );
    }

    #[test]
    fn generated_keys_have_the_requested_type_and_size() {
        for (key_type, bits, label) in [
            (KeyType::Ed25519, None, "ED25519"),
            (KeyType::Ecdsa, Some(384), "ECDSA"),
            (KeyType::Ecdsa, Some(521), "ECDSA"),
            (KeyType::Rsa, Some(2048), "RSA"),
        ] {
            let spec = KeySpec::new(key_type, bits).unwrap();
            let key = generate(os_rng, spec, "c").unwrap();
            assert_eq!(type_label(&key.algorithm()), label);
            assert_eq!(super::bits(key.public_key().key_data()), spec.bits());
            assert_eq!(key.comment().as_str_lossy(), "c");
        }
    }

    /// Gives the bytes it was made with, then fails.
    struct FixedBytes(Vec<u8>);

    impl ssh_key::rand_core::TryRng for FixedBytes {
        type Error = std::io::Error;
        fn try_next_u32(&mut self) -> std::io::Result<u32> {
            let mut bytes = [0; 4];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u32::from_le_bytes(bytes))
        }
        fn try_next_u64(&mut self) -> std::io::Result<u64> {
            let mut bytes = [0; 8];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u64::from_le_bytes(bytes))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> std::io::Result<()> {
            if dst.len() > self.0.len() {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            dst.copy_from_slice(&self.0[..dst.len()]);
            self.0.drain(..dst.len());
            Ok(())
        }
    }

    impl TryCryptoRng for FixedBytes {}

    /// A generator that fails is an error of every key type, never a panic.
    #[test]
    fn a_failing_random_number_generator_is_an_error() {
        for (key_type, bits) in [
            (KeyType::Ed25519, None),
            (KeyType::Ecdsa, Some(256)),
            (KeyType::Ecdsa, Some(521)),
            (KeyType::Rsa, Some(2048)),
        ] {
            let spec = KeySpec::new(key_type, bits).unwrap();
            let err = generate(|| FixedBytes(Vec::new()), spec, "c").unwrap_err();
            assert!(
                err.to_string()
                    .contains("the system's random number generator failed"),
                "{key_type:?}: {err}"
            );
        }
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "c").unwrap();
        let err = encrypt(&mut FixedBytes(Vec::new()), &key, b"pw", 1).unwrap_err();
        assert!(
            err.to_string().starts_with("cannot encrypt the key"),
            "{err}"
        );
    }

    /// RFC 8032 section 7.1, TEST 1: the public key derived from the secret
    /// (with the base point tables of ed25519-dalek's `fast` feature) is the
    /// RFC's, and the .pub line is what ssh-keygen writes for it.
    #[test]
    fn ed25519_public_key_matches_rfc_8032() {
        let secret = b"\x9d\x61\xb1\x9d\xef\xfd\x5a\x60\xba\x84\x4a\xf4\x92\xec\x2c\xc4\
                       \x44\x49\xc5\x69\x7b\x32\x69\x19\x70\x3b\xac\x03\x1c\xae\x7f\x60";
        let spec = KeySpec::new(KeyType::Ed25519, None).unwrap();
        let key = generate(|| FixedBytes(secret.to_vec()), spec, "c").unwrap();
        assert_eq!(
            public_key_line(key.public_key()).unwrap(),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea c"
        );
    }

    #[test]
    fn encrypted_key_round_trips_with_the_passphrase_only() {
        let spec = KeySpec::new(KeyType::Ed25519, None).unwrap();
        let key = generate(os_rng, spec, "c").unwrap();
        let encrypted = encrypt(&mut rng(), &key, b"secret", 4).unwrap();
        assert!(encrypted.is_encrypted());
        let Kdf::Bcrypt { salt, rounds } = encrypted.kdf() else {
            panic!("bcrypt was requested, got {:?}", encrypted.kdf());
        };
        assert_eq!(*rounds, 4);
        assert_eq!(salt.len(), KDF_SALT_LEN);
        // A fresh salt each time.
        let again = encrypt(&mut rng(), &key, b"secret", 4).unwrap();
        let Kdf::Bcrypt { salt: other, .. } = again.kdf() else {
            unreachable!()
        };
        assert_ne!(salt, other);
        let text = private_key_text(&encrypted).unwrap();
        let parsed = PrivateKey::from_openssh(text.as_bytes()).unwrap();
        assert!(parsed.decrypt(b"wrong").is_err());
        let decrypted = parsed.decrypt(b"secret").unwrap();
        assert_eq!(decrypted.key_data(), key.key_data());
    }

    #[test]
    fn private_key_text_wraps_base64_at_70_columns() {
        let spec = KeySpec::new(KeyType::Ed25519, None).unwrap();
        let key = generate(os_rng, spec, "c").unwrap();
        let text = private_key_text(&key).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-----BEGIN OPENSSH PRIVATE KEY-----");
        assert_eq!(lines[lines.len() - 1], "-----END OPENSSH PRIVATE KEY-----");
        assert!(lines[1..lines.len() - 2].iter().all(|l| l.len() == 70));
        assert!(text.ends_with("-----\n"));
    }

    #[test]
    fn comments_with_line_breaks_or_control_characters_are_refused() {
        for ok in ["", "user@host", "café ✓", "a b"] {
            check_comment(ok).unwrap();
        }
        let err = check_comment("x\nssh-ed25519 AAAA attacker").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a comment must be one line: the .pub file holds the key on one line"
        );
        let err = check_comment("x\u{1b}]52;c;AAAA\u{7}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a comment must be printable text, and this one holds the control character \
             U+001B; drop it"
        );
        // A tab is taken, as ssh-keygen takes it.
        check_comment("tab\there").unwrap();
        assert!(check_comment("c1\u{85}").is_err());
    }

    #[test]
    fn comments_that_are_not_utf8_keep_every_byte() {
        let bytes = b"caf\xe9 \xff ok \xc3\xa9 \xc3";
        let text = comment_text(bytes);
        assert_eq!(comment_bytes(&text), bytes);
        assert!(text.starts_with("caf") && text.contains(" ok é "));
        assert_eq!(comment_text(b"plain"), "plain");
        assert_eq!(raw_byte('a'), None);
    }

    #[test]
    fn mpint_bits_ignores_leading_zero_bytes() {
        assert_eq!(mpint_bits(&[0, 0x80, 0]), 16);
        assert_eq!(mpint_bits(&[1]), 1);
        assert_eq!(mpint_bits(&[]), 0);
    }
}
