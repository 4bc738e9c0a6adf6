//! PKCS#8 keys that OpenSSL encrypts with PBES2 and a block cipher the
//! `pkcs5` crate does not know: Camellia and ARIA (`openssl pkcs8 -topk8
//! -v2 camellia256`, `-v2 aria256`), which ssh-keygen reads through
//! OpenSSL. The structure (RFC 8018, A.4 and C) is read by hand; the key
//! comes from PBKDF2 with the HMAC the file names (HMAC-SHA1 when it names
//! none), and the ciphers from RustCrypto, in CBC mode with PKCS#7 padding.

use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use zeroize::Zeroizing;

use super::der::{expect, small_integer};

/// The OIDs, as DER content.
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// hmacWithSHA1 … hmacWithSHA512: 1.2.840.113549.2.7 to .11.
const HMAC_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02];
/// camellia-128/192/256-cbc: 1.2.392.200011.61.1.1.1.2 to .4.
const CAMELLIA_PREFIX: &[u8] = &[0x2a, 0x83, 0x08, 0x8c, 0x9a, 0x4b, 0x3d, 0x01, 0x01, 0x01];
/// aria-128/192/256-cbc: 1.2.410.200046.1.1.2, .7, .12.
const ARIA_PREFIX: &[u8] = &[0x2a, 0x83, 0x1a, 0x8c, 0x9a, 0x6e, 0x01, 0x01];

/// The HMAC of PBKDF2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// The block ciphers read here, with their key sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cipher {
    Camellia128,
    Camellia192,
    Camellia256,
    Aria128,
    Aria192,
    Aria256,
}

impl Cipher {
    fn from_oid(oid: &[u8]) -> Option<Cipher> {
        match oid {
            [prefix @ .., last] if prefix == CAMELLIA_PREFIX => match last {
                2 => Some(Cipher::Camellia128),
                3 => Some(Cipher::Camellia192),
                4 => Some(Cipher::Camellia256),
                _ => None,
            },
            [prefix @ .., last] if prefix == ARIA_PREFIX => match last {
                2 => Some(Cipher::Aria128),
                7 => Some(Cipher::Aria192),
                12 => Some(Cipher::Aria256),
                _ => None,
            },
            _ => None,
        }
    }

    fn key_len(self) -> usize {
        match self {
            Cipher::Camellia128 | Cipher::Aria128 => 16,
            Cipher::Camellia192 | Cipher::Aria192 => 24,
            Cipher::Camellia256 | Cipher::Aria256 => 32,
        }
    }
}

/// An `EncryptedPrivateKeyInfo` this module reads.
#[derive(Debug)]
pub struct Encrypted<'a> {
    salt: &'a [u8],
    pub iterations: u32,
    prf: Prf,
    cipher: Cipher,
    iv: &'a [u8],
    data: &'a [u8],
}

/// The PBES2 fields of `der`, when it is PBES2 with PBKDF2 and one of the
/// ciphers above; `None` for anything else (which `pkcs8` reads, or no one).
pub fn parse(der: &[u8]) -> Option<Encrypted<'_>> {
    let (info, _) = expect(der, 0x30)?;
    let (algorithm, rest) = expect(info, 0x30)?;
    let (data, _) = expect(rest, 0x04)?;
    let (oid, rest) = expect(algorithm, 0x06)?;
    if oid != PBES2 {
        return None;
    }
    let (params, _) = expect(rest, 0x30)?;
    let (kdf, rest) = expect(params, 0x30)?;
    let (scheme, _) = expect(rest, 0x30)?;
    let (kdf_oid, kdf_rest) = expect(kdf, 0x06)?;
    if kdf_oid != PBKDF2 {
        return None;
    }
    let (pbkdf2, _) = expect(kdf_rest, 0x30)?;
    let (salt, rest) = expect(pbkdf2, 0x04)?;
    let (count, mut rest) = expect(rest, 0x02)?;
    let iterations = small_integer(count)?;
    // keyLength, optional; it must be the cipher's.
    let mut key_length = None;
    if let Some((length, after)) = expect(rest, 0x02) {
        key_length = Some(usize::try_from(small_integer(length)?).ok()?);
        rest = after;
    }
    let prf = match expect(rest, 0x30) {
        None => Prf::Sha1,
        Some((prf, _)) => {
            let (prf_oid, _) = expect(prf, 0x06)?;
            match prf_oid.strip_prefix(HMAC_PREFIX)? {
                [7] => Prf::Sha1,
                [8] => Prf::Sha224,
                [9] => Prf::Sha256,
                [10] => Prf::Sha384,
                [11] => Prf::Sha512,
                _ => return None,
            }
        }
    };
    let (cipher_oid, rest) = expect(scheme, 0x06)?;
    let cipher = Cipher::from_oid(cipher_oid)?;
    let (iv, _) = expect(rest, 0x04)?;
    if iv.len() != 16 || key_length.is_some_and(|l| l != cipher.key_len()) {
        return None;
    }
    Some(Encrypted {
        salt,
        iterations,
        prf,
        cipher,
        iv,
        data,
    })
}

impl Encrypted<'_> {
    /// The `PrivateKeyInfo` DER, or `None` when the padding is wrong (a
    /// wrong passphrase, nearly always).
    pub fn decrypt(&self, passphrase: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let mut key = Zeroizing::new(vec![0u8; self.cipher.key_len()]);
        let (salt, rounds) = (self.salt, self.iterations);
        match self.prf {
            Prf::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(passphrase, salt, rounds, &mut key),
            Prf::Sha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(passphrase, salt, rounds, &mut key),
            Prf::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase, salt, rounds, &mut key),
            Prf::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(passphrase, salt, rounds, &mut key),
            Prf::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(passphrase, salt, rounds, &mut key),
        }
        let mut buffer = Zeroizing::new(self.data.to_vec());
        let iv = self.iv;
        let plain = match self.cipher {
            Cipher::Camellia128 => cbc_decrypt::<camellia::Camellia128>(&key, iv, &mut buffer),
            Cipher::Camellia192 => cbc_decrypt::<camellia::Camellia192>(&key, iv, &mut buffer),
            Cipher::Camellia256 => cbc_decrypt::<camellia::Camellia256>(&key, iv, &mut buffer),
            Cipher::Aria128 => cbc_decrypt::<aria::Aria128>(&key, iv, &mut buffer),
            Cipher::Aria192 => cbc_decrypt::<aria::Aria192>(&key, iv, &mut buffer),
            Cipher::Aria256 => cbc_decrypt::<aria::Aria256>(&key, iv, &mut buffer),
        }?;
        buffer.truncate(plain);
        Some(buffer)
    }
}

/// Decrypts `buffer` in place with `C` in CBC mode; the plaintext's length
/// once the PKCS#7 padding is off.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buffer: &mut [u8]) -> Option<usize>
where
    C: BlockCipherDecrypt,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .ok()?
        .decrypt_padded::<Pkcs7>(buffer)
        .ok()
        .map(|plain| plain.len())
}
