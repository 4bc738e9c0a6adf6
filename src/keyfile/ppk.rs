//! PuTTY private key files (`.ppk`), versions 2 and 3, read and written as
//! PuTTY's `ppk_load_s` and `ppk_save_sb` (sshpubk.c) do:
//!
//! ```text
//! PuTTY-User-Key-File-3: ssh-ed25519
//! Encryption: aes256-cbc                  (or none)
//! Comment: …
//! Public-Lines: 2                         (base64 of the SSH public blob,
//! …                                        64 characters a line)
//! Key-Derivation: Argon2id                (version 3, encrypted only)
//! Argon2-Memory: 8192                     (KiB)
//! Argon2-Passes: 13
//! Argon2-Parallelism: 1
//! Argon2-Salt: 16 bytes in hex
//! Private-Lines: 1
//! …                                        (the private blob, AES-256-CBC)
//! Private-MAC: hex
//! ```
//!
//! Version 3 derives the AES key, its IV and the MAC key from the
//! passphrase with Argon2 (HMAC-SHA-256); version 2 with SHA-1 (zero IV,
//! HMAC-SHA-1). The MAC covers the algorithm, the encryption, the comment,
//! the public blob and the decrypted private blob, and is checked before
//! anything in the private blob is read. The private blob is `mpint d, p,
//! q, iqmp` for RSA, `mpint d` for ECDSA and the 32-byte seed (as a string,
//! little-endian) for Ed25519. Pure.
//!
//! Why not ssh-key's own reader (its `ppk` feature, `PrivateKey::from_ppk`):
//! it takes the passphrase as a `String` (not wiped from memory, and no
//! passphrase that is not UTF-8), runs Argon2 with whatever memory and
//! passes the file declares (a hostile file may ask for gigabytes; here
//! [`PpkFile::argon2`] is checked against a bound first and the derivation
//! shows its progress), gives nothing of an encrypted file without its
//! passphrase (`fingerprint`, `list` and `copy` read the public half in
//! the clear), and keeps no header (the version and Argon2 settings that
//! `comment` and `passphrase` write back). And it does not write PPK.

use hmac::{KeyInit, Mac};
use sha1::Digest;
use ssh_key::PrivateKey;
use ssh_key::encoding::{Decode, Encode, Mpint};
use ssh_key::private::{EcdsaKeypair, Ed25519Keypair, KeypairData, RsaPrivateKey};
use ssh_key::public::KeyData;
use zeroize::Zeroizing;

use super::KeyFileError;
use crate::render::hex;

const HEADER: &str = "PuTTY-User-Key-File-";
const V2_MAC_PREFIX: &[u8] = b"putty-private-key-file-mac-key";

/// Argon2's bounds here: a file may ask for at most 1 GiB of memory, 64
/// lanes, and memory × passes of 16 GiB (about 20 s here, each time a
/// passphrase is tried), far beyond what PuTTYgen writes (8 MiB, about
/// 100 ms of passes, 1 lane); more is refused before any work, as a
/// damaged or hostile file. A derivation that runs over a second shows its
/// time on a terminal ([`crate::progress::Job::argon2`]).
const MAX_MEMORY_KIB: u32 = 1 << 20;
const MAX_PARALLELISM: u32 = 64;
const MAX_MEMORY_PASSES_KIB: u64 = 1 << 24;

/// Which Argon2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Argon2id,
    Argon2i,
    Argon2d,
}

impl Flavour {
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Argon2id => "Argon2id",
            Flavour::Argon2i => "Argon2i",
            Flavour::Argon2d => "Argon2d",
        }
    }
}

/// Argon2's parameters in a version 3 file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argon2Params {
    pub flavour: Flavour,
    /// KiB.
    pub memory: u32,
    pub passes: u32,
    pub parallelism: u32,
    pub salt: Vec<u8>,
}

impl Argon2Params {
    fn check(&self) -> Result<(), KeyFileError> {
        let work = u64::from(self.memory) * u64::from(self.passes);
        if self.memory > MAX_MEMORY_KIB
            || self.parallelism > MAX_PARALLELISM
            || work > MAX_MEMORY_PASSES_KIB
        {
            return Err(KeyFileError::Unsupported(format!(
                "a PuTTY key that asks for Argon2 with {} KiB, {} passes and {} lanes, \
                 more than sshgen runs (at most {MAX_MEMORY_KIB} KiB, {MAX_PARALLELISM} \
                 lanes, {MAX_MEMORY_PASSES_KIB} KiB × passes): a damaged or hostile file?",
                self.memory, self.passes, self.parallelism
            )));
        }
        Ok(())
    }

    /// `length` bytes from `passphrase`.
    fn derive(&self, passphrase: &[u8], length: usize) -> Result<Zeroizing<Vec<u8>>, KeyFileError> {
        self.check()?;
        let invalid = |e: argon2::Error| {
            KeyFileError::Malformed(format!("PuTTY key with unusable Argon2 parameters ({e})"))
        };
        let params = argon2::Params::new(self.memory, self.passes, self.parallelism, Some(length))
            .map_err(invalid)?;
        let algorithm = match self.flavour {
            Flavour::Argon2id => argon2::Algorithm::Argon2id,
            Flavour::Argon2i => argon2::Algorithm::Argon2i,
            Flavour::Argon2d => argon2::Algorithm::Argon2d,
        };
        let mut out = Zeroizing::new(vec![0u8; length]);
        let job = crate::progress::Job::argon2(self.memory >> 10, self.passes);
        job.tick_while(|| {
            argon2::Argon2::new(algorithm, argon2::Version::V0x13, params)
                .hash_password_into(passphrase, &self.salt, &mut out)
        })
        .map_err(invalid)?;
        Ok(out)
    }
}

/// A `.ppk` file, read but not decrypted.
#[derive(Clone, Debug)]
pub struct PpkFile {
    pub version: u8,
    algorithm: String,
    encrypted: bool,
    pub comment: String,
    public_blob: Vec<u8>,
    pub public_key: KeyData,
    pub argon2: Option<Argon2Params>,
    private_blob: Vec<u8>,
    mac: Vec<u8>,
}

/// Whether `input` starts as a PuTTY key file.
pub fn looks_like(input: &[u8]) -> bool {
    input.starts_with(HEADER.as_bytes())
}

/// The keys and IV a passphrase gives: AES key, IV, MAC key.
struct Keys {
    cipher: Zeroizing<Vec<u8>>,
    iv: Zeroizing<Vec<u8>>,
    mac: Zeroizing<Vec<u8>>,
}

fn derive_keys(
    version: u8,
    encrypted: bool,
    argon2: Option<&Argon2Params>,
    passphrase: &[u8],
) -> Result<Keys, KeyFileError> {
    let empty = || Zeroizing::new(Vec::new());
    match (version, encrypted) {
        (3, false) => Ok(Keys {
            cipher: empty(),
            iv: empty(),
            mac: empty(),
        }),
        (3, true) => {
            let params = argon2.ok_or_else(|| {
                KeyFileError::Malformed("PuTTY key without its Argon2 parameters".to_owned())
            })?;
            let derived = params.derive(passphrase, 80)?;
            Ok(Keys {
                cipher: Zeroizing::new(derived[..32].to_vec()),
                iv: Zeroizing::new(derived[32..48].to_vec()),
                mac: Zeroizing::new(derived[48..].to_vec()),
            })
        }
        _ => {
            let hash = |counter: u32| {
                let mut sha = sha1::Sha1::new();
                sha.update(counter.to_be_bytes());
                sha.update(passphrase);
                sha.finalize()
            };
            let mut cipher = Zeroizing::new(hash(0).to_vec());
            cipher.extend_from_slice(&hash(1));
            cipher.truncate(32);
            let mut mac = sha1::Sha1::new();
            mac.update(V2_MAC_PREFIX);
            mac.update(passphrase);
            Ok(Keys {
                cipher: if encrypted { cipher } else { empty() },
                iv: Zeroizing::new(if encrypted { vec![0; 16] } else { Vec::new() }),
                mac: Zeroizing::new(mac.finalize().to_vec()),
            })
        }
    }
}

/// The data the MAC covers.
fn mac_data(
    algorithm: &str,
    encryption: &str,
    comment: &str,
    public: &[u8],
    private: &[u8],
) -> Vec<u8> {
    let mut data = Vec::new();
    for part in [
        algorithm.as_bytes(),
        encryption.as_bytes(),
        &crate::keys::comment_bytes(comment),
        public,
        private,
    ] {
        part.encode(&mut data).expect("encoding into memory");
    }
    data
}

enum AnyMac {
    Sha1(hmac::Hmac<sha1::Sha1>),
    Sha256(hmac::Hmac<sha2::Sha256>),
}

fn mac_of(version: u8, key: &[u8], data: &[u8]) -> AnyMac {
    let mut mac = match version {
        3 => AnyMac::Sha256(hmac::Hmac::new_from_slice(key).expect("HMAC takes any key")),
        _ => AnyMac::Sha1(hmac::Hmac::new_from_slice(key).expect("HMAC takes any key")),
    };
    match &mut mac {
        AnyMac::Sha1(m) => m.update(data),
        AnyMac::Sha256(m) => m.update(data),
    }
    mac
}

/// Reads a `.ppk` file (PuTTY's order of lines, `\r\n` ends taken too).
pub fn parse(input: &[u8]) -> Result<PpkFile, KeyFileError> {
    // A comment that is not UTF-8 keeps its bytes (puttygen keeps them);
    // every other line is ASCII.
    let text = crate::keys::comment_text(input);
    let text = text.as_str();
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let bad = |what: &str| KeyFileError::Malformed(format!("PuTTY key file: {what}"));
    let (version, algorithm) = match lines.next().unwrap_or_default().split_once(": ") {
        Some(("PuTTY-User-Key-File-3", alg)) => (3u8, alg),
        Some(("PuTTY-User-Key-File-2", alg)) => (2, alg),
        Some(("PuTTY-User-Key-File-1", _)) => {
            return Err(KeyFileError::Unsupported(
                "a PuTTY key in the version 1 format; load it in PuTTYgen and save it again"
                    .to_owned(),
            ));
        }
        _ => {
            return Err(KeyFileError::Unsupported(
                "a PuTTY key format too new (sshgen reads versions 2 and 3)".to_owned(),
            ));
        }
    };
    let algorithm = algorithm.to_owned();
    let encrypted = match field(&mut lines, "Encryption")? {
        "none" => false,
        "aes256-cbc" => true,
        other => {
            return Err(KeyFileError::Unsupported(format!(
                "a PuTTY key encrypted with {other:?}"
            )));
        }
    };
    let comment = field(&mut lines, "Comment")?.to_owned();
    let count = |text: &str| text.parse::<usize>().map_err(|_| bad("a bad line count"));
    let public_lines = count(field(&mut lines, "Public-Lines")?)?;
    let public_blob = blob(&mut lines, public_lines).ok_or_else(|| bad("bad public lines"))?;
    let argon2 = if version == 3 && encrypted {
        let flavour = match field(&mut lines, "Key-Derivation")? {
            "Argon2id" => Flavour::Argon2id,
            "Argon2i" => Flavour::Argon2i,
            "Argon2d" => Flavour::Argon2d,
            other => {
                return Err(KeyFileError::Unsupported(format!(
                    "a PuTTY key derived with {other:?}"
                )));
            }
        };
        let number = |text: &str| text.parse::<u32>().map_err(|_| bad("a bad Argon2 number"));
        let memory = number(field(&mut lines, "Argon2-Memory")?)?;
        let passes = number(field(&mut lines, "Argon2-Passes")?)?;
        let parallelism = number(field(&mut lines, "Argon2-Parallelism")?)?;
        let salt =
            hex_bytes(field(&mut lines, "Argon2-Salt")?).ok_or_else(|| bad("a bad Argon2 salt"))?;
        let params = Argon2Params {
            flavour,
            memory,
            passes,
            parallelism,
            salt,
        };
        params.check()?;
        Some(params)
    } else {
        None
    };
    let private_lines = count(field(&mut lines, "Private-Lines")?)?;
    let private_blob = blob(&mut lines, private_lines).ok_or_else(|| bad("bad private lines"))?;
    let mac = hex_bytes(field(&mut lines, "Private-MAC")?).ok_or_else(|| bad("a bad MAC"))?;
    if encrypted && !private_blob.len().is_multiple_of(16) {
        return Err(bad(
            "an encrypted private part that is not whole AES blocks",
        ));
    }
    let public_key = public_key(&algorithm, &public_blob)?;
    Ok(PpkFile {
        version,
        algorithm,
        encrypted,
        comment,
        public_blob,
        public_key,
        argon2,
        private_blob,
        mac,
    })
}

/// The value of the next line, which must be `NAME: VALUE`.
fn field<'a>(
    lines: &mut impl Iterator<Item = &'a str>,
    name: &str,
) -> Result<&'a str, KeyFileError> {
    let bad = |what: String| KeyFileError::Malformed(format!("PuTTY key file: {what}"));
    let line = lines.next().ok_or_else(|| bad(format!("no {name} line")))?;
    line.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(": "))
        .ok_or_else(|| bad(format!("expected {name}, found {line:?}")))
}

/// `count` lines of base64, joined and decoded.
fn blob<'a>(lines: &mut impl Iterator<Item = &'a str>, count: usize) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    let mut text = String::new();
    for _ in 0..count {
        text.push_str(lines.next()?);
    }
    base64ct::Base64::decode_vec(&text).ok()
}

fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The public key of the file's public blob, which must be of the header's
/// algorithm.
fn public_key(algorithm: &str, blob: &[u8]) -> Result<KeyData, KeyFileError> {
    let mut reader = blob;
    let key = KeyData::decode(&mut reader)
        .map_err(|e| KeyFileError::Malformed(format!("PuTTY key with a bad public part ({e})")))?;
    if !reader.is_empty() || key.algorithm().as_str() != algorithm {
        return Err(KeyFileError::Malformed(
            "PuTTY key whose public part is not of its algorithm".to_owned(),
        ));
    }
    match key {
        KeyData::Ed25519(_) | KeyData::Ecdsa(_) | KeyData::Rsa(_) => Ok(key),
        KeyData::Dsa(_) => Err(KeyFileError::Unsupported(
            "a DSA key; OpenSSH no longer accepts DSA".to_owned(),
        )),
        _ => Err(KeyFileError::Unsupported(format!(
            "a PuTTY key of type {algorithm}"
        ))),
    }
}

impl PpkFile {
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// The settings this file was written with, to write it again so.
    pub fn write_options(&self) -> WriteOptions {
        let defaults = WriteOptions {
            version: self.version,
            ..WriteOptions::default()
        };
        match &self.argon2 {
            Some(params) => WriteOptions {
                flavour: params.flavour,
                memory: params.memory,
                passes: Some(params.passes),
                parallelism: params.parallelism,
                ..defaults
            },
            None => defaults,
        }
    }

    /// The private key: the MAC checked first (a wrong one is a wrong
    /// passphrase when encrypted, a damaged file when not), then the
    /// private part read and checked against the public part.
    pub fn decrypt(&self, passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
        let passphrase = match (self.encrypted, passphrase) {
            (false, _) => &b""[..],
            (true, Some(passphrase)) => passphrase,
            (true, None) => return Err(KeyFileError::PassphraseRequired),
        };
        let keys = derive_keys(
            self.version,
            self.encrypted,
            self.argon2.as_ref(),
            passphrase,
        )?;
        let mut private = Zeroizing::new(self.private_blob.clone());
        if self.encrypted {
            ssh_key::Cipher::Aes256Cbc
                .decrypt(&keys.cipher, &keys.iv, &mut private, None)
                .map_err(|_| KeyFileError::IncorrectPassphrase)?;
        }
        let encryption = if self.encrypted { "aes256-cbc" } else { "none" };
        let data = mac_data(
            &self.algorithm,
            encryption,
            &self.comment,
            &self.public_blob,
            &private,
        );
        let verified = match mac_of(self.version, &keys.mac, &data) {
            AnyMac::Sha1(m) => m.verify_slice(&self.mac),
            AnyMac::Sha256(m) => m.verify_slice(&self.mac),
        };
        if verified.is_err() {
            return Err(match self.encrypted {
                true => KeyFileError::IncorrectPassphrase,
                false => KeyFileError::Malformed(
                    "PuTTY key whose MAC does not match: the file is damaged".to_owned(),
                ),
            });
        }
        let keypair = keypair(&self.public_key, &private)?;
        PrivateKey::new(keypair, crate::keys::comment_bytes(&self.comment))
            .map_err(|e| KeyFileError::Malformed(format!("PuTTY key that SSH cannot use ({e})")))
    }
}

/// The key pair of a public key and its PuTTY private blob (padding after
/// it allowed), checked to belong together.
fn keypair(public: &KeyData, private: &[u8]) -> Result<KeypairData, KeyFileError> {
    let bad = |what: &str| KeyFileError::Malformed(format!("PuTTY key with {what}"));
    let mismatch = || bad("a private part that does not match its public part");
    let mut reader = private;
    let keypair = match public {
        KeyData::Ed25519(key) => {
            let bytes = Zeroizing::new(
                Vec::<u8>::decode(&mut reader).map_err(|_| bad("a bad Ed25519 private part"))?,
            );
            if bytes.len() > 32 {
                return Err(bad("a bad Ed25519 private part"));
            }
            // Little-endian, so missing high bytes are zeros at the end.
            let mut seed = Zeroizing::new([0u8; 32]);
            seed[..bytes.len()].copy_from_slice(&bytes);
            let pair = Ed25519Keypair::from_seed(&seed);
            if pair.public != *key {
                return Err(mismatch());
            }
            KeypairData::from(pair)
        }
        KeyData::Ecdsa(_) => {
            let d = Mpint::decode(&mut reader).map_err(|_| bad("a bad ECDSA private part"))?;
            let scalar = d
                .as_positive_bytes()
                .ok_or_else(|| bad("a bad ECDSA private part"))?;
            let pair = super::pkcs::ecdsa_from_scalar(public, scalar).ok_or_else(mismatch)?;
            KeypairData::from(pair)
        }
        KeyData::Rsa(key) => {
            let mut next = || Mpint::decode(&mut reader).map_err(|_| bad("a bad RSA private part"));
            let (d, p, q, _iqmp) = (next()?, next()?, next()?, next()?);
            super::pkcs::rsa_from_parts(key, &d, &p, &q).ok_or_else(mismatch)?
        }
        _ => return Err(KeyFileError::Unsupported("this PuTTY key type".to_owned())),
    };
    Ok(keypair)
}

/// How to write a `.ppk`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOptions {
    /// 2 or 3.
    pub version: u8,
    pub flavour: Flavour,
    /// KiB.
    pub memory: u32,
    /// `None`: as many as take about 100 ms here, as PuTTYgen chooses.
    pub passes: Option<u32>,
    pub parallelism: u32,
}

impl Default for WriteOptions {
    /// What PuTTYgen 0.75 and later write.
    fn default() -> Self {
        WriteOptions {
            version: 3,
            flavour: Flavour::Argon2id,
            memory: 8192,
            passes: None,
            parallelism: 1,
        }
    }
}

/// The private blob of `key`, as PuTTY lays it out.
fn private_blob(key: &KeypairData) -> Result<Zeroizing<Vec<u8>>, KeyFileError> {
    let unsupported = || KeyFileError::Unsupported("this key type in a PuTTY key".to_owned());
    let mut out = Zeroizing::new(Vec::new());
    let failed = |_| KeyFileError::Malformed("the key does not encode".to_owned());
    match key {
        KeypairData::Ed25519(pair) => pair
            .private
            .to_bytes()
            .as_slice()
            .encode(&mut *out)
            .map_err(failed)?,
        KeypairData::Ecdsa(pair) => {
            let scalar = match pair {
                EcdsaKeypair::NistP256 { private, .. } => private.as_slice().to_vec(),
                EcdsaKeypair::NistP384 { private, .. } => private.as_slice().to_vec(),
                EcdsaKeypair::NistP521 { private, .. } => private.as_slice().to_vec(),
            };
            let scalar = Zeroizing::new(scalar);
            Mpint::from_positive_bytes(&scalar)
                .encode(&mut *out)
                .map_err(failed)?;
        }
        KeypairData::Rsa(pair) => {
            let private: &RsaPrivateKey = pair.private();
            for part in [private.d(), private.p(), private.q(), private.iqmp()] {
                part.encode(&mut *out).map_err(failed)?;
            }
        }
        _ => return Err(unsupported()),
    }
    Ok(out)
}

/// `key` as a `.ppk` file, encrypted with `passphrase` when there is one
/// (`salt`: 16 random bytes, used by version 3 only).
pub fn write(
    key: &PrivateKey,
    passphrase: Option<&[u8]>,
    options: &WriteOptions,
    salt: [u8; 16],
) -> Result<Zeroizing<String>, KeyFileError> {
    use base64ct::Encoding;
    let algorithm = key.algorithm().as_str().to_owned();
    let comment = key.comment().as_str_lossy().to_owned();
    if comment.contains(['\n', '\r']) {
        return Err(KeyFileError::Unsupported(
            "a comment on more than one line in a PuTTY key".to_owned(),
        ));
    }
    let public = key
        .public_key()
        .key_data()
        .encode_vec()
        .map_err(|_| KeyFileError::Malformed("the key does not encode".to_owned()))?;
    let mut private = private_blob(key.key_data())?;
    let passphrase = passphrase.filter(|p| !p.is_empty());
    let encrypted = passphrase.is_some();
    if encrypted {
        // Padded to whole AES blocks with the start of the blob's SHA-1.
        let hash = sha1::Sha1::digest(&*private);
        let padding = (16 - private.len() % 16) % 16;
        private.extend_from_slice(&hash[..padding]);
    }
    let argon2 = match (options.version, encrypted) {
        (3, true) => {
            let mut params = Argon2Params {
                flavour: options.flavour,
                memory: options.memory,
                passes: options.passes.unwrap_or(1),
                parallelism: options.parallelism,
                salt: salt.to_vec(),
            };
            if options.passes.is_none() {
                params.passes = passes_for_100ms(&params)?;
            }
            params.check()?;
            Some(params)
        }
        _ => None,
    };
    let keys = derive_keys(
        options.version,
        encrypted,
        argon2.as_ref(),
        passphrase.unwrap_or_default(),
    )?;
    let encryption = if encrypted { "aes256-cbc" } else { "none" };
    let data = mac_data(&algorithm, encryption, &comment, &public, &private);
    let mac = match mac_of(options.version, &keys.mac, &data) {
        AnyMac::Sha1(m) => m.finalize().into_bytes().to_vec(),
        AnyMac::Sha256(m) => m.finalize().into_bytes().to_vec(),
    };
    if encrypted {
        let length = private.len();
        ssh_key::Cipher::Aes256Cbc
            .encrypt(&keys.cipher, &keys.iv, &mut private[..length])
            .map_err(|_| KeyFileError::Malformed("AES-256-CBC refused the key".to_owned()))?;
    }
    let lines = |bytes: &[u8]| -> Vec<String> {
        let text = base64ct::Base64::encode_string(bytes);
        text.as_bytes()
            .chunks(64)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect()
    };
    let mut out = Zeroizing::new(String::new());
    let mut push = |line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    push(&format!("{HEADER}{}: {algorithm}", options.version));
    push(&format!("Encryption: {encryption}"));
    push(&format!("Comment: {comment}"));
    let public_lines = lines(&public);
    push(&format!("Public-Lines: {}", public_lines.len()));
    public_lines.iter().for_each(|l| push(l));
    if let Some(params) = &argon2 {
        push(&format!("Key-Derivation: {}", params.flavour.name()));
        push(&format!("Argon2-Memory: {}", params.memory));
        push(&format!("Argon2-Passes: {}", params.passes));
        push(&format!("Argon2-Parallelism: {}", params.parallelism));
        push(&format!("Argon2-Salt: {}", hex(&params.salt)));
    }
    let private_lines = Zeroizing::new(lines(&private));
    push(&format!("Private-Lines: {}", private_lines.len()));
    private_lines.iter().for_each(|l| push(l));
    push(&format!("Private-MAC: {}", hex(&mac)));
    Ok(out)
}

/// The passes that make one derivation take about 100 ms here, timed with
/// one pass, as PuTTYgen scales them.
fn passes_for_100ms(params: &Argon2Params) -> Result<u32, KeyFileError> {
    let one = Argon2Params {
        passes: 1,
        ..params.clone()
    };
    let started = std::time::Instant::now();
    one.derive(b"", 80)?;
    let per_pass = started.elapsed().as_micros().max(1);
    Ok(u32::try_from(100_000 / per_pass)
        .unwrap_or(u32::MAX)
        .clamp(1, 1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeySpec, KeyType, generate, os_rng};

    fn quick() -> WriteOptions {
        WriteOptions {
            memory: 64,
            passes: Some(2),
            ..WriteOptions::default()
        }
    }

    #[test]
    fn every_type_round_trips_in_both_versions_with_and_without_a_passphrase() {
        for (key_type, bits) in [
            (KeyType::Ed25519, None),
            (KeyType::Ecdsa, Some(256)),
            (KeyType::Ecdsa, Some(384)),
            (KeyType::Ecdsa, Some(521)),
            (KeyType::Rsa, Some(2048)),
        ] {
            let spec = KeySpec::new(key_type, bits).unwrap();
            let key = generate(os_rng, spec, "a comment").unwrap();
            for version in [2, 3] {
                for passphrase in [None, Some(&b"pass"[..])] {
                    let options = WriteOptions { version, ..quick() };
                    let text = write(&key, passphrase, &options, [7; 16]).unwrap();
                    let file = parse(text.as_bytes()).unwrap();
                    assert_eq!(file.version, version);
                    assert_eq!(file.comment, "a comment");
                    assert_eq!(file.public_key, *key.public_key().key_data());
                    assert_eq!(file.is_encrypted(), passphrase.is_some());
                    let back = file.decrypt(passphrase).unwrap();
                    assert_eq!(back.key_data(), key.key_data(), "{key_type:?} v{version}");
                    if passphrase.is_some() {
                        assert_eq!(
                            file.decrypt(Some(b"wrong")).unwrap_err(),
                            KeyFileError::IncorrectPassphrase
                        );
                        assert_eq!(
                            file.decrypt(None).unwrap_err(),
                            KeyFileError::PassphraseRequired
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_truncation_and_byte_change_is_an_error_not_a_panic() {
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "c").unwrap();
        for passphrase in [None, Some(&b"pass"[..])] {
            let text = write(&key, passphrase, &quick(), [1; 16]).unwrap();
            let bytes = text.as_bytes();
            for end in 0..bytes.len() - 1 {
                let opened = parse(&bytes[..end]).and_then(|file| file.decrypt(passphrase));
                assert!(opened.is_err(), "cut at {end}");
            }
            for at in 0..bytes.len() {
                let mut changed = bytes.to_vec();
                changed[at] ^= 0x20;
                let Ok(file) = parse(&changed) else { continue };
                // A change that still opens is one where case does not
                // count (the hex of the MAC or the salt): the same key.
                if let Ok(back) = file.decrypt(passphrase) {
                    assert_eq!(back.key_data(), key.key_data(), "byte {at}");
                }
            }
        }
    }

    #[test]
    fn hostile_argon2_parameters_are_refused_before_any_work() {
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "c").unwrap();
        let text = write(&key, Some(b"pass"), &quick(), [1; 16]).unwrap();
        for (from, to) in [
            ("Argon2-Memory: 64", "Argon2-Memory: 4194304"),
            ("Argon2-Passes: 2", "Argon2-Passes: 4000000"),
            ("Argon2-Parallelism: 1", "Argon2-Parallelism: 1000"),
        ] {
            // Refused as it is read, before any derivation runs.
            let hostile = text.replace(from, to);
            let error = parse(hostile.as_bytes()).unwrap_err();
            assert!(matches!(error, KeyFileError::Unsupported(_)), "{error:?}");
        }
    }
}
