//! PEM armour as OpenSSL and ssh-keygen write it: the `-----BEGIN LABEL-----`
//! block, its RFC 1421 headers, and the legacy encryption those headers
//! describe (`Proc-Type: 4,ENCRYPTED` + `DEK-Info: AES-128-CBC,IV`, what
//! `ssh-keygen -m PEM` writes for a key with a passphrase). Pure.

use aes::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use base64ct::{Base64, Encoding};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

/// One armoured block.
#[derive(Debug)]
pub struct PemBlock {
    /// The text between `BEGIN ` and the dashes: `RSA PRIVATE KEY`, …
    pub label: String,
    /// The legacy encryption named in the headers, if any.
    pub encryption: Option<LegacyEncryption>,
    /// The decoded body (still encrypted when `encryption` is set).
    pub body: Zeroizing<Vec<u8>>,
}

/// Why a block could not be read. Local to this parser; the reader above
/// turns it into a [`crate::keyfile::KeyFileError`].
#[derive(Debug, PartialEq, Eq)]
pub enum PemError {
    /// No `-----BEGIN …-----` line, or no matching END line.
    NoBlock,
    /// The body is not base64, or a header is not understood.
    Malformed(String),
    /// The headers name a cipher sshgen does not implement.
    UnsupportedCipher(String),
}

/// Ciphers OpenSSL uses for legacy PEM encryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyCipher {
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    DesEde3Cbc,
}

impl LegacyCipher {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "AES-128-CBC" => LegacyCipher::Aes128Cbc,
            "AES-192-CBC" => LegacyCipher::Aes192Cbc,
            "AES-256-CBC" => LegacyCipher::Aes256Cbc,
            "DES-EDE3-CBC" => LegacyCipher::DesEde3Cbc,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            LegacyCipher::Aes128Cbc => "AES-128-CBC",
            LegacyCipher::Aes192Cbc => "AES-192-CBC",
            LegacyCipher::Aes256Cbc => "AES-256-CBC",
            LegacyCipher::DesEde3Cbc => "DES-EDE3-CBC",
        }
    }

    fn key_len(self) -> usize {
        match self {
            LegacyCipher::Aes128Cbc => 16,
            LegacyCipher::Aes192Cbc | LegacyCipher::DesEde3Cbc => 24,
            LegacyCipher::Aes256Cbc => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            LegacyCipher::DesEde3Cbc => 8,
            _ => 16,
        }
    }
}

/// `DEK-Info`: the cipher and its IV (whose first 8 bytes are also the salt).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyEncryption {
    pub cipher: LegacyCipher,
    pub iv: Vec<u8>,
}

/// The first PEM block in `text`.
pub fn parse_block(text: &[u8]) -> Result<PemBlock, PemError> {
    let text = String::from_utf8_lossy(text);
    let mut lines = text.lines().map(|l| l.trim_end_matches([' ', '\t', '\r']));
    let label = lines
        .by_ref()
        .find_map(|line| {
            line.trim_start()
                .strip_prefix("-----BEGIN ")
                .and_then(|rest| rest.strip_suffix("-----"))
        })
        .ok_or(PemError::NoBlock)?
        .to_owned();
    let end = format!("-----END {label}-----");

    let mut headers = Vec::new();
    let mut body = Zeroizing::new(String::new());
    let mut in_headers = true;
    let mut ended = false;
    for line in lines {
        let line = line.trim_start();
        if line == end {
            ended = true;
            break;
        }
        if in_headers {
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
                continue;
            }
            in_headers = false;
            if line.is_empty() {
                continue;
            }
        }
        body.push_str(line);
    }
    if !ended {
        return Err(PemError::NoBlock);
    }
    let encryption = legacy_encryption(&headers)?;
    let body = Base64::decode_vec(&body)
        .map_err(|_| PemError::Malformed("its base64 body is damaged".to_owned()))?;
    Ok(PemBlock {
        label,
        encryption,
        body: Zeroizing::new(body),
    })
}

fn legacy_encryption(headers: &[(String, String)]) -> Result<Option<LegacyEncryption>, PemError> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    match header("Proc-Type") {
        None => return Ok(None),
        Some(value) if value.replace(' ', "") == "4,ENCRYPTED" => {}
        Some(other) => {
            return Err(PemError::Malformed(format!(
                "unknown Proc-Type header {other:?}"
            )));
        }
    }
    let dek = header("DEK-Info")
        .ok_or_else(|| PemError::Malformed("encrypted but no DEK-Info header".to_owned()))?;
    let (name, iv_hex) = dek
        .split_once(',')
        .ok_or_else(|| PemError::Malformed(format!("unreadable DEK-Info header {dek:?}")))?;
    let cipher = LegacyCipher::from_name(name.trim())
        .ok_or_else(|| PemError::UnsupportedCipher(name.trim().to_owned()))?;
    let iv = decode_hex(iv_hex.trim())
        .filter(|iv| iv.len() == cipher.iv_len())
        .ok_or_else(|| PemError::Malformed(format!("bad IV in DEK-Info header {dek:?}")))?;
    Ok(Some(LegacyEncryption { cipher, iv }))
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// Decrypts a legacy PEM body. `None` means the padding came out wrong, which
/// for CBC almost always means a wrong passphrase.
pub fn decrypt_legacy(
    encryption: &LegacyEncryption,
    passphrase: &[u8],
    body: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = encryption.cipher;
    let key = bytes_to_key(passphrase, &encryption.iv[..8], cipher.key_len());
    let iv = &encryption.iv;
    let mut buffer = Zeroizing::new(body.to_vec());
    let plain_len = match cipher {
        LegacyCipher::Aes128Cbc => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, iv)
            .ok()?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .ok()?
            .len(),
        LegacyCipher::Aes192Cbc => cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, iv)
            .ok()?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .ok()?
            .len(),
        LegacyCipher::Aes256Cbc => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, iv)
            .ok()?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .ok()?
            .len(),
        LegacyCipher::DesEde3Cbc => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, iv)
            .ok()?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .ok()?
            .len(),
    };
    buffer.truncate(plain_len);
    Some(buffer)
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration, which legacy PEM
/// encryption uses to turn a passphrase into a key.
fn bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut previous: Option<Vec<u8>> = None;
    while key.len() < len {
        let mut md5 = Md5::new();
        if let Some(previous) = &previous {
            md5.update(previous);
        }
        md5.update(passphrase);
        md5.update(salt);
        let block = md5.finalize().to_vec();
        key.extend_from_slice(&block);
        previous = Some(block);
    }
    key.truncate(len);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_with_headers_and_crlf() {
        let text = b"junk\r\n-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\n\
DEK-Info: AES-128-CBC,000102030405060708090A0B0C0D0E0F\r\n\r\nAAEC\r\n\
-----END RSA PRIVATE KEY-----\r\n";
        let block = parse_block(text).unwrap();
        assert_eq!(block.label, "RSA PRIVATE KEY");
        assert_eq!(block.body.as_slice(), &[0, 1, 2]);
        let enc = block.encryption.unwrap();
        assert_eq!(enc.cipher, LegacyCipher::Aes128Cbc);
        assert_eq!(enc.iv, (0u8..16).collect::<Vec<_>>());
    }

    #[test]
    fn broken_blocks_are_errors() {
        assert_eq!(parse_block(b"").unwrap_err(), PemError::NoBlock);
        assert_eq!(
            parse_block(b"-----BEGIN X-----\nAAAA\n").unwrap_err(),
            PemError::NoBlock
        );
        assert!(matches!(
            parse_block(b"-----BEGIN X-----\n!!\n-----END X-----\n").unwrap_err(),
            PemError::Malformed(_)
        ));
        assert_eq!(
            parse_block(
                b"-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: RC2-CBC,00\n\nAAAA\n-----END X-----\n"
            )
            .unwrap_err(),
            PemError::UnsupportedCipher("RC2-CBC".to_owned())
        );
        assert!(matches!(
            parse_block(
                b"-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0g\n\nAAAA\n-----END X-----\n"
            )
            .unwrap_err(),
            PemError::Malformed(_)
        ));
    }

    /// `openssl enc -aes-128-cbc -md md5 -S 0001020304050607 -iv 00..0f -k pw`
    /// style derivation: the first MD5 block is MD5(passphrase || salt).
    #[test]
    fn bytes_to_key_chains_md5_blocks() {
        let salt = [1u8, 2, 3, 4, 5, 6, 7, 8];
        let key = bytes_to_key(b"pw", &salt, 24);
        let first = Md5::new().chain_update(b"pw").chain_update(salt).finalize();
        let second = Md5::new()
            .chain_update(first)
            .chain_update(b"pw")
            .chain_update(salt)
            .finalize();
        assert_eq!(&key[..16], first.as_slice());
        assert_eq!(&key[16..], &second[..8]);
    }
}
