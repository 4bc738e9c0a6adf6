//! The OpenSSH v1 private key container as sshgen writes it: passphrase
//! encryption and decryption with the key and IV from the parallel
//! bcrypt-pbkdf, and the private section laid out with minimal mpints.
//!
//! ssh-key writes an ECDSA private scalar as a fixed-size field (66 bytes for
//! P-521), which breaks RFC 4251's rule that an mpint has no needless
//! leading zero byte whenever the scalar's top byte is zero: about a
//! quarter of P-521 keys, and PuTTY refuses those ("unable to read entire
//! private key"). [`keypair_bytes`] writes the scalar minimally instead;
//! every other field is ssh-key's own encoding.
//!
//! Reading, ssh-key refuses an ECDSA scalar field shorter than 32 bytes,
//! which the same rule makes OpenSSH write for one P-256 key in 256 (its top
//! byte is zero). [`from_bytes`] and [`decrypt`] widen such a field to the
//! curve's size before ssh-key parses the section ([`widened_section`]).
//!
//! ssh-key's `encrypt_with` and `decrypt` run bcrypt-pbkdf themselves, serially,
//! and offer no way to pass in a derived key. So the private section (two
//! check integers, the key, the comment, padding to the cipher's block) is laid
//! out here as PROTOCOL.key describes and ssh-key writes it, encrypted with
//! ssh-key's own cipher, and the whole `openssh-key-v1` container is handed
//! back to ssh-key's parser, which validates it and keeps its text encoding
//! (base64 at 70 columns) the one everything else uses.

use ssh_key::encoding::Encode;
use ssh_key::private::KeypairData;
use ssh_key::{Cipher, Kdf, PrivateKey};
use zeroize::Zeroizing;

use super::bcrypt_pbkdf::bcrypt_pbkdf;

/// The magic at the start of every OpenSSH v1 private key.
const AUTH_MAGIC: &[u8] = b"openssh-key-v1\0";
/// The cipher sshgen and OpenSSH use for new keys.
const CIPHER: Cipher = Cipher::Aes256Ctr;

/// Encrypts `key` with aes256-ctr under a key and IV derived from `passphrase`
/// by bcrypt-pbkdf over `salt` and `rounds`. Gives the same bytes as ssh-key's
/// `key.encrypt_with(Cipher::Aes256Ctr, Kdf::Bcrypt { salt, rounds }, checkint,
/// passphrase)`, in about half the time on two cores.
pub fn encrypt(
    key: &PrivateKey,
    passphrase: &[u8],
    salt: Vec<u8>,
    rounds: u32,
    checkint: u32,
) -> ssh_key::Result<PrivateKey> {
    if key.is_encrypted() {
        return Err(ssh_key::Error::Encrypted);
    }
    let kdf = Kdf::Bcrypt { salt, rounds };
    let (cipher_key, iv) = derive_key_and_iv(&kdf, CIPHER, passphrase)?;

    let mut section = private_section(key, checkint, CIPHER)?;
    if CIPHER.encrypt(&cipher_key, &iv, &mut section)?.is_some() {
        unreachable!("aes256-ctr has no authentication tag");
    }

    container(CIPHER, &kdf, key, &section)
}

/// The private section before encryption: two check integers, the key pair,
/// the comment, and (PROTOCOL.key) padding 1, 2, 3, … to `cipher`'s block.
fn private_section(
    key: &PrivateKey,
    checkint: u32,
    cipher: Cipher,
) -> ssh_key::Result<Zeroizing<Vec<u8>>> {
    let mut section = Zeroizing::new(Vec::new());
    checkint.encode(&mut *section)?;
    checkint.encode(&mut *section)?;
    section.extend_from_slice(&keypair_bytes(key.key_data())?);
    key.comment().encode(&mut *section)?;
    let padding_len = cipher.padding_len(section.len());
    section.extend((1..=u8::MAX).take(padding_len));
    Ok(section)
}

/// A key pair as the private section holds it, with an ECDSA scalar as a
/// minimal mpint (see the module header).
pub(super) fn keypair_bytes(data: &KeypairData) -> ssh_key::Result<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::new());
    let KeypairData::Ecdsa(ecdsa) = data else {
        data.encode(&mut *out)?;
        return Ok(out);
    };
    ecdsa.algorithm().as_str().encode(&mut *out)?;
    ecdsa.curve().as_str().encode(&mut *out)?;
    ecdsa.public_key_bytes().encode(&mut *out)?;
    let mut scalar = ecdsa.private_key_bytes();
    while let [0, rest @ ..] = scalar {
        scalar = rest;
    }
    let sign_byte = scalar.first().is_some_and(|b| b & 0x80 != 0);
    let len = u32::try_from(scalar.len() + usize::from(sign_byte))
        .map_err(|_| ssh_key::Error::from(ssh_key::encoding::Error::Length))?;
    len.encode(&mut *out)?;
    if sign_byte {
        out.push(0);
    }
    out.extend_from_slice(scalar);
    Ok(out)
}

/// The check integer of ssh-key's own encoding of an unencrypted key: the
/// first four bytes of its private section.
fn unencrypted_checkint(key: &PrivateKey) -> ssh_key::Result<u32> {
    use ssh_key::encoding::Decode;
    let bytes = key.to_bytes()?;
    let mut reader = &bytes[AUTH_MAGIC.len()..];
    let _cipher = String::decode(&mut reader)?;
    let _kdf = String::decode(&mut reader)?;
    let _kdf_options = Vec::<u8>::decode(&mut reader)?;
    let _keys = u32::decode(&mut reader)?;
    let _public = Vec::<u8>::decode(&mut reader)?;
    let _section_len = u32::decode(&mut reader)?;
    u32::decode(&mut reader).map_err(Into::into)
}

/// An unencrypted private key file's text, base64 wrapped at 70 columns as
/// ssh-keygen writes it.
pub fn plain_text(key: &PrivateKey) -> ssh_key::Result<Zeroizing<String>> {
    if key.is_encrypted() {
        // The section is ciphertext already: ssh-key writes it as it is.
        return key.to_openssh(ssh_key::LineEnding::LF);
    }
    // The check integers ssh-key would write (kept from the file the key
    // was read from, or derived from the key), so that only the scalar's
    // encoding differs from ssh-key's output.
    let checkint = unencrypted_checkint(key)?;
    let section = private_section(key, checkint, Cipher::None)?;
    let bytes = container_bytes(Cipher::None, &Kdf::None, key, &section)?;
    let encoded = Zeroizing::new(<base64ct::Base64 as base64ct::Encoding>::encode_string(
        &bytes,
    ));
    let mut text = Zeroizing::new(String::with_capacity(encoded.len() + 80));
    text.push_str("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for line in encoded.as_bytes().chunks(70) {
        text.push_str(std::str::from_utf8(line).map_err(|_| ssh_key::Error::Crypto)?);
        text.push('\n');
    }
    text.push_str("-----END OPENSSH PRIVATE KEY-----\n");
    Ok(text)
}

/// Decrypts an encrypted key: the same result and errors as ssh-key's
/// `key.decrypt(passphrase)` (a wrong passphrase fails the check integers),
/// with bcrypt-pbkdf's blocks computed in parallel. Ciphers with an
/// authentication tag and other KDFs are left to ssh-key.
pub fn decrypt(key: &PrivateKey, passphrase: &[u8]) -> ssh_key::Result<PrivateKey> {
    let ciphertext = key
        .key_data()
        .encrypted()
        .ok_or(ssh_key::Error::Decrypted)?;
    let cipher = key.cipher();
    if !key.kdf().is_bcrypt() || cipher.has_tag() {
        return key.decrypt(passphrase);
    }
    let (cipher_key, iv) = derive_key_and_iv(key.kdf(), cipher, passphrase)?;
    let mut section = Zeroizing::new(ciphertext.to_vec());
    cipher.decrypt(&cipher_key, &iv, &mut section, None)?;
    let section = widened_section(&section).unwrap_or(section);
    // The plain section is padded to the cipher's block, a multiple of the
    // 8 bytes an unencrypted key needs and within the padding ssh-key accepts
    // there, so the unencrypted container holds it as it is.
    container(Cipher::None, &Kdf::None, key, &section)
}

/// Parses a binary `openssh-key-v1` container as ssh-key does, but also
/// takes an unencrypted ECDSA key whose scalar field ssh-key finds too
/// short (see the module header).
pub fn from_bytes(bytes: &[u8]) -> ssh_key::Result<PrivateKey> {
    use ssh_key::encoding::Decode;
    let refused = match PrivateKey::from_bytes(bytes) {
        Ok(key) => return Ok(key),
        Err(e) => e,
    };
    let widened = (|| -> ssh_key::Result<Option<Zeroizing<Vec<u8>>>> {
        let mut reader = bytes
            .strip_prefix(AUTH_MAGIC)
            .ok_or(ssh_key::Error::FormatEncoding)?;
        let cipher = String::decode(&mut reader)?;
        let kdf = String::decode(&mut reader)?;
        let kdf_options = Vec::<u8>::decode(&mut reader)?;
        let keys = u32::decode(&mut reader)?;
        let public = Vec::<u8>::decode(&mut reader)?;
        let section = Zeroizing::new(Vec::<u8>::decode(&mut reader)?);
        if cipher != "none" || keys != 1 || !reader.is_empty() {
            return Ok(None);
        }
        let Some(section) = widened_section(&section) else {
            return Ok(None);
        };
        let mut out = Zeroizing::new(AUTH_MAGIC.to_vec());
        cipher.encode(&mut *out)?;
        kdf.encode(&mut *out)?;
        kdf_options.encode(&mut *out)?;
        keys.encode(&mut *out)?;
        public.encode(&mut *out)?;
        section.encode(&mut *out)?;
        Ok(Some(out))
    })();
    match widened {
        Ok(Some(bytes)) => PrivateKey::from_bytes(&bytes),
        _ => Err(refused),
    }
}

/// A plain private section whose ECDSA scalar field is shorter than the
/// curve's size, rewritten with the scalar left-padded to that size (which
/// ssh-key reads) and padded again to 8 bytes; `None` for any other section.
fn widened_section(section: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    use ssh_key::encoding::Decode;
    let mut reader = section;
    let checkints = u64::decode(&mut reader).ok()?;
    let algorithm = String::decode(&mut reader).ok()?;
    let curve = String::decode(&mut reader).ok()?;
    let size = match (algorithm.strip_prefix("ecdsa-sha2-")?, curve.as_str()) {
        ("nistp256", "nistp256") => 32,
        ("nistp384", "nistp384") => 48,
        ("nistp521", "nistp521") => 66,
        _ => return None,
    };
    let point = Vec::<u8>::decode(&mut reader).ok()?;
    let scalar = Zeroizing::new(Vec::<u8>::decode(&mut reader).ok()?);
    let comment = Vec::<u8>::decode(&mut reader).ok()?;
    let mut digits: &[u8] = &scalar;
    while let [0, rest @ ..] = digits {
        digits = rest;
    }
    if scalar.len() >= size || digits.len() > size {
        return None;
    }
    let mut widened = Zeroizing::new(vec![0u8; size]);
    widened[size - digits.len()..].copy_from_slice(digits);

    let mut out = Zeroizing::new(Vec::with_capacity(section.len() + size));
    checkints.encode(&mut *out).ok()?;
    algorithm.encode(&mut *out).ok()?;
    curve.encode(&mut *out).ok()?;
    point.encode(&mut *out).ok()?;
    widened.encode(&mut *out).ok()?;
    comment.encode(&mut *out).ok()?;
    let padding_len = Cipher::None.padding_len(out.len());
    out.extend((1..=u8::MAX).take(padding_len));
    Some(out)
}

/// bcrypt-pbkdf output split into the cipher's key and IV, as OpenSSH does.
fn derive_key_and_iv(
    kdf: &Kdf,
    cipher: Cipher,
    passphrase: &[u8],
) -> ssh_key::Result<(Zeroizing<Vec<u8>>, Vec<u8>)> {
    let Kdf::Bcrypt { salt, rounds } = kdf else {
        return Err(ssh_key::Error::Crypto);
    };
    let (key_len, iv_len) = cipher.key_and_iv_size().ok_or(ssh_key::Error::Decrypted)?;
    let mut okm = Zeroizing::new(vec![0u8; key_len + iv_len]);
    bcrypt_pbkdf(passphrase, salt, *rounds, &mut okm).map_err(|_| ssh_key::Error::Crypto)?;
    let iv = okm.split_off(key_len);
    Ok((okm, iv))
}

/// The binary `openssh-key-v1` container around one private section, parsed
/// back by ssh-key.
fn container(
    cipher: Cipher,
    kdf: &Kdf,
    key: &PrivateKey,
    section: &[u8],
) -> ssh_key::Result<PrivateKey> {
    from_bytes(&container_bytes(cipher, kdf, key, section)?)
}

fn container_bytes(
    cipher: Cipher,
    kdf: &Kdf,
    key: &PrivateKey,
    section: &[u8],
) -> ssh_key::Result<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(AUTH_MAGIC.to_vec());
    cipher.encode(&mut *bytes)?;
    kdf.encode(&mut *bytes)?;
    1u32.encode(&mut *bytes)?;
    key.public_key().key_data().encode_prefixed(&mut *bytes)?;
    section.encode(&mut *bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeySpec, KeyType, generate, os_rng};

    /// A new key; an ECDSA one whose scalar's top byte is not zero, so
    /// that ssh-key's fixed-size field is minimal too and both encodings
    /// can be compared byte for byte.
    fn key(key_type: KeyType, bits: Option<u32>, comment: &str) -> PrivateKey {
        loop {
            let key = generate(os_rng, KeySpec::new(key_type, bits).unwrap(), comment).unwrap();
            match key.key_data() {
                KeypairData::Ecdsa(ecdsa) if ecdsa.private_key_bytes()[0] == 0 => continue,
                _ => return key,
            }
        }
    }

    /// An ECDSA key of `bits` whose scalar starts with a zero byte that the
    /// mpint rule forbids (the next byte's top bit is clear): for P-521 a
    /// needless zero in ssh-key's fixed field, for P-256 a minimal mpint
    /// shorter than the 32 bytes ssh-key reads.
    fn ecdsa_with_needless_zero(bits: u32) -> PrivateKey {
        loop {
            let key = generate(
                os_rng,
                KeySpec::new(KeyType::Ecdsa, Some(bits)).unwrap(),
                "short",
            )
            .unwrap();
            let KeypairData::Ecdsa(ecdsa) = key.key_data() else {
                unreachable!()
            };
            // A leading zero, and after all of them (one key in 256 has
            // two) a byte whose top bit is clear, so that the minimal mpint
            // adds none back.
            let bytes = ecdsa.private_key_bytes();
            let first = bytes.iter().position(|&b| b != 0);
            if bytes.first() == Some(&0) && first.is_some_and(|i| bytes[i] & 0x80 == 0) {
                return key;
            }
        }
    }

    /// The ECDSA scalar's mpint field (length and bytes) as the file `text`
    /// holds it, decrypting the section with `passphrase` if encrypted.
    fn scalar_field(text: &str, passphrase: &[u8]) -> Vec<u8> {
        use ssh_key::encoding::Decode;
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        let bytes = <base64ct::Base64 as base64ct::Encoding>::decode_vec(&body).unwrap();
        let mut reader = &bytes[AUTH_MAGIC.len()..];
        let cipher = Cipher::decode(&mut reader).unwrap();
        let kdf = Kdf::decode(&mut reader).unwrap();
        let _keys = u32::decode(&mut reader).unwrap();
        let _public = Vec::<u8>::decode(&mut reader).unwrap();
        let mut section = Vec::<u8>::decode(&mut reader).unwrap();
        if cipher != Cipher::None {
            let (cipher_key, iv) = derive_key_and_iv(&kdf, cipher, passphrase).unwrap();
            cipher
                .decrypt(&cipher_key, &iv, &mut section, None)
                .unwrap();
        }
        // Two check integers, then algorithm, curve and public point.
        let mut tail = &section[8..];
        for _ in 0..3 {
            let len = u32::from_be_bytes(tail[..4].try_into().unwrap()) as usize;
            tail = &tail[4 + len..];
        }
        let len = u32::from_be_bytes(tail[..4].try_into().unwrap()) as usize;
        tail[..4 + len].to_vec()
    }

    #[test]
    fn plain_keys_are_ssh_keys_own_text_for_every_type() {
        for (key_type, bits) in [
            (KeyType::Ed25519, None),
            (KeyType::Rsa, Some(2048)),
            (KeyType::Ecdsa, Some(256)),
            (KeyType::Ecdsa, Some(384)),
            (KeyType::Ecdsa, Some(521)),
        ] {
            for comment in ["", "c", "a longer comment@host"] {
                let key = key(key_type, bits, comment);
                assert_eq!(
                    *plain_text(&key).unwrap(),
                    *key.to_openssh(ssh_key::LineEnding::LF).unwrap(),
                    "{key_type:?} {bits:?} {comment:?}"
                );
            }
        }
    }

    #[test]
    fn p521_scalars_are_minimal_mpints_plain_and_encrypted() {
        let key = ecdsa_with_needless_zero(521);
        let KeypairData::Ecdsa(ecdsa) = key.key_data() else {
            unreachable!()
        };
        // Every leading zero byte dropped (one in 256 of these keys has two),
        // and none added back: the next byte's top bit is clear.
        let mut digits = ecdsa.private_key_bytes();
        while let [0, rest @ ..] = digits {
            digits = rest;
        }
        let minimal = [
            &u32::try_from(digits.len()).unwrap().to_be_bytes()[..],
            digits,
        ]
        .concat();
        assert!(digits.len() < 66 && digits[0] & 0x80 == 0);
        let text = plain_text(&key).unwrap();
        assert_eq!(scalar_field(&text, b""), minimal);
        // ssh-key reads it back as the same key.
        assert_eq!(
            PrivateKey::from_openssh(&*text).unwrap().key_data(),
            key.key_data()
        );

        let encrypted = encrypt(&key, b"pw", vec![3u8; 16], 1, 5).unwrap();
        let text = plain_text(&encrypted).unwrap();
        assert_eq!(scalar_field(&text, b"pw"), minimal);
        assert_eq!(
            decrypt(&encrypted, b"pw").unwrap().key_data(),
            key.key_data()
        );

        // ssh-key's own encoding is the fixed-size one this replaces.
        let theirs = key.to_openssh(ssh_key::LineEnding::LF).unwrap();
        assert_eq!(&scalar_field(&theirs, b"")[..4], &66u32.to_be_bytes());
    }

    fn text(key: &PrivateKey) -> String {
        key.to_openssh(ssh_key::LineEnding::LF).unwrap().to_string()
    }

    #[test]
    fn encryption_is_byte_identical_to_ssh_key_for_every_padding_length() {
        // Comments of 0..16 bytes walk the padding through all its lengths.
        let mut salt = [0u8; 16];
        for comment_len in 0..17 {
            let comment = "c".repeat(comment_len);
            for (key_type, bits) in [(KeyType::Ed25519, None), (KeyType::Ecdsa, Some(384))] {
                let plain = key(key_type, bits, &comment);
                getrandom::fill(&mut salt).unwrap();
                let checkint = 0x0102_0304 ^ u32::try_from(comment_len).unwrap();
                let ours = encrypt(&plain, b"pass phrase", salt.to_vec(), 1, checkint).unwrap();
                let reference = plain
                    .encrypt_with(
                        Cipher::Aes256Ctr,
                        Kdf::Bcrypt {
                            salt: salt.to_vec(),
                            rounds: 1,
                        },
                        checkint,
                        b"pass phrase",
                    )
                    .unwrap();
                assert!(ours.is_encrypted());
                assert_eq!(text(&ours), text(&reference), "{key_type:?} {comment_len}");
            }
        }
    }

    #[test]
    fn rsa_encryption_is_byte_identical_to_ssh_key() {
        let plain = key(KeyType::Rsa, Some(2048), "rsa@host");
        let salt = vec![7u8; 16];
        let ours = encrypt(&plain, b"x", salt.clone(), 2, 42).unwrap();
        let reference = plain
            .encrypt_with(Cipher::Aes256Ctr, Kdf::Bcrypt { salt, rounds: 2 }, 42, b"x")
            .unwrap();
        assert_eq!(text(&ours), text(&reference));
    }

    #[test]
    fn ssh_key_decrypts_what_we_encrypt_and_we_decrypt_what_ssh_key_encrypts() {
        let plain = key(KeyType::Ed25519, None, "me@host");
        let ours = encrypt(&plain, b"secret", vec![1u8; 16], 4, 9).unwrap();
        let reparsed = PrivateKey::from_openssh(text(&ours)).unwrap();
        assert_eq!(
            reparsed.decrypt(b"secret").unwrap().key_data(),
            plain.key_data()
        );
        assert_eq!(decrypt(&reparsed, b"secret").unwrap(), plain);

        let theirs = plain
            .encrypt_with(
                Cipher::Aes256Ctr,
                Kdf::Bcrypt {
                    salt: vec![2u8; 16],
                    rounds: 4,
                },
                11,
                b"secret",
            )
            .unwrap();
        let decrypted = decrypt(&theirs, b"secret").unwrap();
        assert_eq!(decrypted, theirs.decrypt(b"secret").unwrap());
        assert_eq!(decrypted.comment().as_str_lossy(), "me@host");
    }

    #[test]
    fn a_wrong_passphrase_fails_as_it_does_in_ssh_key() {
        let plain = key(KeyType::Ed25519, None, "c");
        let encrypted = encrypt(&plain, b"right", vec![3u8; 16], 2, 5).unwrap();
        let ours = decrypt(&encrypted, b"wrong").unwrap_err();
        let theirs = encrypted.decrypt(b"wrong").unwrap_err();
        assert_eq!(ours.to_string(), theirs.to_string());
    }

    #[test]
    fn a_key_encrypted_by_ssh_keygen_decrypts_to_its_public_key() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");
        let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let encrypted = PrivateKey::from_openssh(read("ed25519-encrypted")).unwrap();
        let public = ssh_key::PublicKey::from_openssh(&read("ed25519-encrypted.pub")).unwrap();
        let decrypted = decrypt(&encrypted, b"fixture pass").unwrap();
        assert_eq!(decrypted, encrypted.decrypt(b"fixture pass").unwrap());
        assert_eq!(decrypted.public_key().key_data(), public.key_data());
        assert_eq!(decrypted.comment().as_str_lossy(), "encrypted@example.com");
        assert!(decrypt(&encrypted, b"fixture pas").is_err());
    }

    #[test]
    fn refuses_to_encrypt_twice_or_decrypt_a_plain_key() {
        let plain = key(KeyType::Ed25519, None, "c");
        let encrypted = encrypt(&plain, b"p", vec![4u8; 16], 1, 1).unwrap();
        assert!(matches!(
            encrypt(&encrypted, b"p", vec![4u8; 16], 1, 1),
            Err(ssh_key::Error::Encrypted)
        ));
        assert!(matches!(
            decrypt(&plain, b"p"),
            Err(ssh_key::Error::Decrypted)
        ));
    }

    #[test]
    fn short_p256_scalars_are_read_back_plain_and_encrypted() {
        let key = ecdsa_with_needless_zero(256);
        let text = plain_text(&key).unwrap();
        assert!(scalar_field(&text, b"")[..4] < 32u32.to_be_bytes()[..]);
        assert!(
            PrivateKey::from_openssh(&*text).is_err(),
            "ssh-key refuses it"
        );
        let read = crate::keyfile::private_key(text.as_bytes(), None).unwrap();
        assert_eq!(read.key_data(), key.key_data());
        assert_eq!(read.comment().as_str_lossy(), "short");

        let encrypted = encrypt(&key, b"pw", vec![7u8; 16], 2, 9).unwrap();
        let text = encrypted.to_openssh(ssh_key::LineEnding::LF).unwrap();
        let decrypted = crate::keyfile::private_key(text.as_bytes(), Some(b"pw")).unwrap();
        assert_eq!(decrypted.key_data(), key.key_data());
        // Written again, the scalar is minimal once more.
        assert_eq!(
            scalar_field(&plain_text(&decrypted).unwrap(), b""),
            scalar_field(&plain_text(&key).unwrap(), b"")
        );
    }
}
