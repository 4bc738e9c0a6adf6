//! Private keys in the structures OpenSSL writes: PKCS#1 `RSAPrivateKey`,
//! SEC1 `ECPrivateKey`, PKCS#8 `PrivateKeyInfo` (RSA, NIST P-256/384/521,
//! Ed25519) and PKCS#8 `EncryptedPrivateKeyInfo` (PBES2), decoded by the
//! RustCrypto crates (pkcs1, sec1, pkcs8; no DER is parsed here) and turned
//! into the key pairs ssh-key works with; and written back the same way
//! ([`to_pem`], [`to_pkcs8`]) for `copy --private --format`. Pure.

mod der;
mod ec_params;
pub mod pbes2;

use pkcs8::der::Decode;
use pkcs8::{DecodePrivateKey, EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef, pkcs5};
use ssh_key::private::{EcdsaKeypair, Ed25519Keypair, KeypairData, RsaKeypair};
use ssh_key::public::KeyData;
use zeroize::Zeroizing;

/// Why DER could not be turned into a key. Local to this adapter; the
/// reader above turns it into a [`crate::keyfile::KeyFileError`].
#[derive(Debug, PartialEq, Eq)]
pub enum DerError {
    /// Not the structure it claims to be, or invalid key material.
    Malformed(String),
    /// A well-formed key of a kind sshgen does not handle.
    Unsupported(String),
    /// The encrypted PKCS#8 did not decrypt with this passphrase.
    WrongPassphrase,
}

impl std::fmt::Display for DerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DerError::Malformed(why) | DerError::Unsupported(why) => f.write_str(why),
            DerError::WrongPassphrase => f.write_str("incorrect passphrase"),
        }
    }
}

/// PKCS#1 `RSAPrivateKey` (`BEGIN RSA PRIVATE KEY`).
pub fn from_pkcs1(der: &[u8]) -> Result<KeypairData, DerError> {
    use rsa::pkcs1::der::asn1::AsUintRef;
    let malformed = |e: &dyn std::fmt::Display| {
        DerError::Malformed(format!("not a valid PKCS#1 RSA key ({e})"))
    };
    let parsed = rsa::pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|e| malformed(&e))?;
    if parsed.version() != rsa::pkcs1::Version::TwoPrime {
        return Err(DerError::Unsupported("a multi-prime RSA key".to_owned()));
    }
    // The rsa crate's own decoder stores each prime in half the modulus's
    // width and so refuses keys whose primes differ in size (one bit more
    // for one of them is common in old keys, such as OpenSSH's own test
    // key). sshgen never signs with the key, only converts it: every key
    // is stored in the modulus's width, whatever its primes.
    let bits = u32::try_from(parsed.modulus.as_uint_ref().as_bytes().len())
        .map_err(|e| malformed(&e))?
        .saturating_mul(8);
    let uint = |value: &rsa::pkcs1::UintRef<'_>, bits: u32| {
        rsa::BoxedUint::from_be_slice(value.as_bytes(), bits).map_err(|e| malformed(&e))
    };
    let e_bits = u32::try_from(parsed.public_exponent.as_bytes().len())
        .map_err(|e| malformed(&e))?
        .saturating_mul(8);
    let key = rsa::PrivateKey::from_components_with_wide_primes(
        uint(&parsed.modulus, bits)?,
        uint(&parsed.public_exponent, e_bits)?,
        uint(&parsed.private_exponent, bits)?,
        vec![uint(&parsed.prime1, bits)?, uint(&parsed.prime2, bits)?],
    )
    .map_err(|e| malformed(&e))?;
    rsa_keypair(&key)
}

/// SEC1 `ECPrivateKey` (`BEGIN EC PRIVATE KEY`), on whichever NIST curve it
/// names (or, without parameters, its scalar length implies).
pub fn from_sec1(der: &[u8]) -> Result<KeypairData, DerError> {
    if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
        return Ok(ecdsa_p256(&key));
    }
    if let Ok(key) = p384::SecretKey::from_sec1_der(der) {
        return Ok(ecdsa_p384(&key));
    }
    if let Ok(key) = p521::SecretKey::from_sec1_der(der) {
        return Ok(ecdsa_p521(&key));
    }
    // A curve spelled out in full (OpenSSL's -param_enc explicit) is read
    // as the named curve it equals.
    let (curve, scalar) = match sec1::EcPrivateKey::from_der(der) {
        Ok(parsed) => (
            parsed
                .parameters
                .and_then(|p| p.named_curve())
                .map(|oid| oid.to_string()),
            parsed.private_key,
        ),
        Err(e) => match ec_params::named_curve_of_explicit(der) {
            Some((oid, scalar)) => (Some(oid.to_owned()), scalar),
            None => {
                return Err(DerError::Malformed(format!(
                    "not a valid SEC1 EC key ({e})"
                )));
            }
        },
    };
    // PuTTY writes the scalar with a leading zero byte when its top bit is
    // set (33 bytes for P-256, 49 for P-384), as an ASN.1 INTEGER would be;
    // OpenSSL and ssh-keygen read that, the curve crates want the exact
    // size. The curve named in the key says which size.
    let scalar = strip_leading_zeros(scalar);
    let unsupported = || {
        DerError::Unsupported(
            "an EC key on a curve other than NIST P-256, P-384 or P-521".to_owned(),
        )
    };
    let invalid = |_| DerError::Malformed("its EC private key is out of range".to_owned());
    match curve.as_deref() {
        Some(P256_OID) => {
            p256::SecretKey::from_slice(&left_pad(scalar, 32).ok_or_else(unsupported)?)
                .map(|key| ecdsa_p256(&key))
                .map_err(invalid)
        }
        Some(P384_OID) => {
            p384::SecretKey::from_slice(&left_pad(scalar, 48).ok_or_else(unsupported)?)
                .map(|key| ecdsa_p384(&key))
                .map_err(invalid)
        }
        Some(P521_OID) => {
            p521::SecretKey::from_slice(&left_pad(scalar, 66).ok_or_else(unsupported)?)
                .map(|key| ecdsa_p521(&key))
                .map_err(invalid)
        }
        _ => Err(unsupported()),
    }
}

const P256_OID: &str = "1.2.840.10045.3.1.7";
const P384_OID: &str = "1.3.132.0.34";
const P521_OID: &str = "1.3.132.0.35";

fn strip_leading_zeros(mut bytes: &[u8]) -> &[u8] {
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// `bytes` as a big-endian number of exactly `size` bytes, if it fits.
fn left_pad(bytes: &[u8], size: usize) -> Option<Zeroizing<Vec<u8>>> {
    let zeros = size.checked_sub(bytes.len())?;
    let mut padded = Zeroizing::new(vec![0u8; zeros]);
    padded.extend_from_slice(bytes);
    Some(padded)
}

const RSA_OID: &str = "1.2.840.113549.1.1.1";
const EC_OID: &str = "1.2.840.10045.2.1";
const ED25519_OID: &str = "1.3.101.112";

/// PKCS#8 `PrivateKeyInfo` (`BEGIN PRIVATE KEY`).
pub fn from_pkcs8(der: &[u8]) -> Result<KeypairData, DerError> {
    let info = PrivateKeyInfoRef::from_der(der)
        .map_err(|e| DerError::Malformed(format!("not a valid PKCS#8 key ({e})")))?;
    let malformed = |e: pkcs8::Error| DerError::Malformed(format!("not a valid PKCS#8 key ({e})"));
    match info.algorithm.oid.to_string().as_str() {
        // The PKCS#1 key inside, read as above.
        RSA_OID => from_pkcs1(info.private_key.as_bytes()),
        EC_OID => {
            if let Ok(key) = p256::SecretKey::from_pkcs8_der(der) {
                Ok(ecdsa_p256(&key))
            } else if let Ok(key) = p384::SecretKey::from_pkcs8_der(der) {
                Ok(ecdsa_p384(&key))
            } else if let Ok(key) = p521::SecretKey::from_pkcs8_der(der) {
                Ok(ecdsa_p521(&key))
            } else {
                Err(DerError::Unsupported(
                    "an EC key on a curve other than NIST P-256, P-384 or P-521, \
                     or damaged EC key material"
                        .to_owned(),
                ))
            }
        }
        ED25519_OID => {
            let key = ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(malformed)?;
            Ok(KeypairData::from(Ed25519Keypair::from(&key)))
        }
        other => Err(DerError::Unsupported(format!(
            "a PKCS#8 key of algorithm {other}, which SSH does not use"
        ))),
    }
}

/// Largest PBKDF2 iteration count accepted: far above what any tool writes
/// (OpenSSL uses 2048), low enough that a hostile file cannot hang us.
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// Largest scrypt N × r accepted: scrypt needs 128 × N × r bytes, so this
/// keeps a hostile file to 1 GiB.
const MAX_SCRYPT_N_TIMES_R: u128 = 1 << 23;
/// Largest scrypt parallelisation accepted (OpenSSL writes 1).
const MAX_SCRYPT_P: u16 = 16;

/// PKCS#8 `EncryptedPrivateKeyInfo` (`BEGIN ENCRYPTED PRIVATE KEY`).
pub fn from_encrypted_pkcs8(der: &[u8], passphrase: &[u8]) -> Result<KeypairData, DerError> {
    let info = match EncryptedPrivateKeyInfoRef::from_der(der) {
        Ok(info) => info,
        // Camellia or ARIA, which pkcs5 does not know.
        Err(e) => {
            let Some(encrypted) = pbes2::parse(der) else {
                return Err(DerError::Malformed(format!(
                    "not a valid encrypted PKCS#8 key ({e})"
                )));
            };
            if encrypted.iterations > MAX_PBKDF2_ITERATIONS {
                return Err(DerError::Unsupported(format!(
                    "its PBKDF2 iteration count {} is beyond {MAX_PBKDF2_ITERATIONS}",
                    encrypted.iterations
                )));
            }
            let plain = encrypted
                .decrypt(passphrase)
                .ok_or(DerError::WrongPassphrase)?;
            return from_pkcs8(&plain).map_err(|e| match e {
                DerError::Malformed(_) => DerError::WrongPassphrase,
                other => other,
            });
        }
    };
    check_kdf_cost(&info.encryption_algorithm)?;
    let document = info.decrypt(passphrase).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(pkcs5::Error::DecryptFailed) => DerError::WrongPassphrase,
        other => DerError::Unsupported(format!("its encryption cannot be read ({other})")),
    })?;
    let plain = Zeroizing::new(document.as_bytes().to_vec());
    // A wrong passphrase can still unpad by chance; then the DER is garbage.
    from_pkcs8(&plain).map_err(|e| match e {
        DerError::Malformed(_) => DerError::WrongPassphrase,
        other => other,
    })
}

fn check_kdf_cost(scheme: &pkcs5::EncryptionScheme) -> Result<(), DerError> {
    use pkcs5::pbes2::Kdf;
    let pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        return Err(DerError::Unsupported(
            "it is encrypted with the obsolete PBES1 scheme".to_owned(),
        ));
    };
    match &params.kdf {
        Kdf::Pbkdf2(pbkdf2) if pbkdf2.iteration_count > MAX_PBKDF2_ITERATIONS => {
            Err(DerError::Unsupported(format!(
                "its PBKDF2 iteration count {} is beyond {MAX_PBKDF2_ITERATIONS}",
                pbkdf2.iteration_count
            )))
        }
        Kdf::Scrypt(scrypt)
            if u128::from(scrypt.cost_parameter) * u128::from(scrypt.block_size)
                > MAX_SCRYPT_N_TIMES_R
                || scrypt.parallelization > MAX_SCRYPT_P =>
        {
            Err(DerError::Unsupported(
                "its scrypt cost is beyond what sshgen accepts".to_owned(),
            ))
        }
        _ => Ok(()),
    }
}

/// The ECDSA key pair of `public` (its curve) and the big-endian private
/// `scalar`, when they belong together.
pub(super) fn ecdsa_from_scalar(public: &KeyData, scalar: &[u8]) -> Option<EcdsaKeypair> {
    let scalar = strip_leading_zeros(scalar);
    let KeypairData::Ecdsa(pair) = (match public.ecdsa()?.curve() {
        ssh_key::EcdsaCurve::NistP256 => {
            ecdsa_p256(&p256::SecretKey::from_slice(&left_pad(scalar, 32)?).ok()?)
        }
        ssh_key::EcdsaCurve::NistP384 => {
            ecdsa_p384(&p384::SecretKey::from_slice(&left_pad(scalar, 48)?).ok()?)
        }
        ssh_key::EcdsaCurve::NistP521 => {
            ecdsa_p521(&p521::SecretKey::from_slice(&left_pad(scalar, 66)?).ok()?)
        }
    }) else {
        return None;
    };
    (KeyData::Ecdsa(ssh_key::public::EcdsaPublicKey::from(&pair)) == *public).then_some(pair)
}

/// The RSA key pair of `public` and its private exponent and primes, when
/// they make a valid key of that public key.
pub(super) fn rsa_from_parts(
    public: &ssh_key::public::RsaPublicKey,
    d: &ssh_key::Mpint,
    p: &ssh_key::Mpint,
    q: &ssh_key::Mpint,
) -> Option<KeypairData> {
    let n = public.n().as_positive_bytes()?;
    let bits = u32::try_from(n.len()).ok()?.saturating_mul(8);
    let uint = |value: &ssh_key::Mpint| {
        rsa::BoxedUint::from_be_slice(value.as_positive_bytes()?, bits).ok()
    };
    let e = public.e().as_positive_bytes()?;
    let e =
        rsa::BoxedUint::from_be_slice(e, u32::try_from(e.len()).ok()?.saturating_mul(8)).ok()?;
    let key = rsa::PrivateKey::from_components_with_wide_primes(
        rsa::BoxedUint::from_be_slice(n, bits).ok()?,
        e,
        uint(d)?,
        vec![uint(p)?, uint(q)?],
    )
    .ok()?;
    let pair = rsa_keypair(&key).ok()?;
    match &pair {
        KeypairData::Rsa(rsa) if rsa.public() == public => Some(pair),
        _ => None,
    }
}

fn rsa_keypair(key: &rsa::PrivateKey) -> Result<KeypairData, DerError> {
    RsaKeypair::try_from(key)
        .map(KeypairData::from)
        .map_err(|e| DerError::Unsupported(format!("an RSA key SSH cannot use ({e})")))
}

fn ecdsa_p256(key: &p256::SecretKey) -> KeypairData {
    KeypairData::from(EcdsaKeypair::NistP256 {
        public: key.public_key().into(),
        private: key.clone().into(),
    })
}

fn ecdsa_p384(key: &p384::SecretKey) -> KeypairData {
    KeypairData::from(EcdsaKeypair::NistP384 {
        public: key.public_key().into(),
        private: key.clone().into(),
    })
}

fn ecdsa_p521(key: &p521::SecretKey) -> KeypairData {
    KeypairData::from(EcdsaKeypair::NistP521 {
        public: key.public_key().into(),
        private: key.clone().into(),
    })
}

/// The private key as OpenSSL's PEM writes it (`ssh-keygen -m PEM`):
/// PKCS#1 `BEGIN RSA PRIVATE KEY` for RSA, SEC1 `BEGIN EC PRIVATE KEY` for
/// ECDSA. Ed25519 has no such form.
pub fn to_pem(key: &KeypairData) -> Result<Zeroizing<String>, DerError> {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    let failed = |e: &dyn std::fmt::Display| DerError::Malformed(format!("cannot encode it ({e})"));
    let lf = pkcs8::LineEnding::LF;
    match key {
        KeypairData::Rsa(pair) => rsa_private(pair)?.to_pkcs1_pem(lf).map_err(|e| failed(&e)),
        KeypairData::Ecdsa(pair) => match pair {
            EcdsaKeypair::NistP256 { private, .. } => {
                p256::SecretKey::from_slice(private.as_slice())
                    .map_err(|e| failed(&e))?
                    .to_sec1_pem(lf)
                    .map_err(|e| failed(&e))
            }
            EcdsaKeypair::NistP384 { private, .. } => {
                p384::SecretKey::from_slice(private.as_slice())
                    .map_err(|e| failed(&e))?
                    .to_sec1_pem(lf)
                    .map_err(|e| failed(&e))
            }
            EcdsaKeypair::NistP521 { private, .. } => {
                p521::SecretKey::from_slice(private.as_slice())
                    .map_err(|e| failed(&e))?
                    .to_sec1_pem(lf)
                    .map_err(|e| failed(&e))
            }
        },
        _ => Err(DerError::Unsupported(
            "an Ed25519 key has no PEM form; use pkcs8 or the OpenSSH format".to_owned(),
        )),
    }
}

/// The private key as PKCS#8 (`BEGIN PRIVATE KEY`), or with a passphrase
/// as PBES2-encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`, scrypt and
/// AES-256-CBC, which OpenSSL and ssh-keygen read).
pub fn to_pkcs8(
    key: &KeypairData,
    passphrase: Option<&[u8]>,
) -> Result<Zeroizing<String>, DerError> {
    use pkcs8::EncodePrivateKey;
    fn encode(
        key: &impl EncodePrivateKey,
        passphrase: Option<&[u8]>,
    ) -> Result<Zeroizing<String>, DerError> {
        let lf = pkcs8::LineEnding::LF;
        match passphrase {
            Some(passphrase) => key.to_pkcs8_encrypted_pem(passphrase, lf),
            None => key.to_pkcs8_pem(lf),
        }
        .map_err(|e| DerError::Malformed(format!("cannot encode it ({e})")))
    }
    let failed = |e: &dyn std::fmt::Display| DerError::Malformed(format!("cannot encode it ({e})"));
    match key {
        KeypairData::Rsa(pair) => encode(&rsa_private(pair)?, passphrase),
        KeypairData::Ecdsa(EcdsaKeypair::NistP256 { private, .. }) => encode(
            &p256::SecretKey::from_slice(private.as_slice()).map_err(|e| failed(&e))?,
            passphrase,
        ),
        KeypairData::Ecdsa(EcdsaKeypair::NistP384 { private, .. }) => encode(
            &p384::SecretKey::from_slice(private.as_slice()).map_err(|e| failed(&e))?,
            passphrase,
        ),
        KeypairData::Ecdsa(EcdsaKeypair::NistP521 { private, .. }) => encode(
            &p521::SecretKey::from_slice(private.as_slice()).map_err(|e| failed(&e))?,
            passphrase,
        ),
        // Without the public key (PKCS#8 v1, as OpenSSL writes it): OpenSSL
        // 3.0 reads no v2 `OneAsymmetricKey`.
        KeypairData::Ed25519(pair) => encode(
            &ed25519_dalek::ed25519::pkcs8::KeypairBytes {
                secret_key: pair.private.to_bytes(),
                public_key: None,
            },
            passphrase,
        ),
        _ => Err(DerError::Unsupported("a key of this type".to_owned())),
    }
}

/// The rsa crate's key for `pair`, stored in the modulus's width (see
/// [`from_pkcs1`]): keys whose primes differ in size convert too.
fn rsa_private(pair: &RsaKeypair) -> Result<rsa::PrivateKey, DerError> {
    let failed = || DerError::Malformed("an RSA key OpenSSL cannot hold".to_owned());
    let bytes = |m: &ssh_key::Mpint| m.as_positive_bytes().map(<[u8]>::to_vec).ok_or_else(failed);
    let n = bytes(pair.public().n())?;
    let bits = u32::try_from(n.len())
        .map_err(|_| failed())?
        .saturating_mul(8);
    let uint = |b: &[u8], bits: u32| rsa::BoxedUint::from_be_slice(b, bits).map_err(|_| failed());
    let e = bytes(pair.public().e())?;
    let e_bits = u32::try_from(e.len())
        .map_err(|_| failed())?
        .saturating_mul(8);
    rsa::PrivateKey::from_components_with_wide_primes(
        uint(&n, bits)?,
        uint(&e, e_bits)?,
        uint(&bytes(pair.private().d())?, bits)?,
        vec![
            uint(&bytes(pair.private().p())?, bits)?,
            uint(&bytes(pair.private().q())?, bits)?,
        ],
    )
    .map_err(|e| DerError::Malformed(format!("an RSA key OpenSSL cannot hold ({e})")))
}
