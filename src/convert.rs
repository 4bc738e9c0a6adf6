//! Public keys in the formats of other SSH software, as `ssh-keygen -e` writes
//! them and `ssh-keygen -i` reads them: RFC 4716 (`---- BEGIN SSH2 PUBLIC KEY
//! ----`), PKCS8 (X.509 SubjectPublicKeyInfo, `BEGIN PUBLIC KEY`) and PEM
//! (PKCS#1, `BEGIN RSA PUBLIC KEY`). Pure: text in, text out.

use base64ct::{Base64, Encoding};
use p256::pkcs8::der::{
    self, Decode, Encode,
    asn1::{AnyRef, BitStringRef, ObjectIdentifier},
    pem::{self, LineEnding},
};
use p256::pkcs8::{DecodePublicKey, EncodePublicKey};
use rsa::pkcs1::{self, UintRef};
use rsa::pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use ssh_key::Mpint;
use ssh_key::encoding::Decode as SshDecode;
use ssh_key::public::{EcdsaPublicKey, KeyData, RsaPublicKey};

use crate::keys;

/// A conversion format, named as ssh-keygen's `-m` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `---- BEGIN SSH2 PUBLIC KEY ----` (RFC 4716)
    Rfc4716,
    /// `-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo)
    Pkcs8,
    /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1)
    Pem,
}

impl Format {
    /// The name users pass to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rfc4716 => "RFC4716",
            Format::Pkcs8 => "PKCS8",
            Format::Pem => "PEM",
        }
    }
}

/// Why a conversion failed. Local to the pure converter, which knows no
/// path: [`ConvertError::at`] names the file and makes it an
/// [`crate::error::Error`].
#[derive(Debug, PartialEq, Eq)]
pub enum ConvertError {
    /// The format cannot hold this key type (ssh-keygen refuses it too).
    Unsupported { key_type: String, format: Format },
    /// The input is not a public key in a format we read.
    Malformed(String),
}

impl ConvertError {
    /// The sshgen error for this problem with the file at `path`.
    pub fn at(self, path: &std::path::Path) -> crate::error::Error {
        match self {
            ConvertError::Unsupported { key_type, format } => {
                crate::error::Error::UnsupportedConversion {
                    key_type,
                    format: format.name().to_owned(),
                }
            }
            ConvertError::Malformed(problem) => crate::error::Error::KeyFile {
                path: path.to_path_buf(),
                problem,
            },
        }
    }
}

const RFC4716_BEGIN: &str = "---- BEGIN SSH2 PUBLIC KEY ----";
const RFC4716_END: &str = "---- END SSH2 PUBLIC KEY ----";
const PKCS8_LABEL: &str = "PUBLIC KEY";
const PKCS1_LABEL: &str = "RSA PUBLIC KEY";
/// ssh-keygen wraps RFC 4716 base64 at 70 columns (its `dump_base64`).
const RFC4716_WIDTH: usize = 70;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// The `Comment:` text ssh-keygen puts in an RFC 4716 export:
/// `2048-bit RSA, converted by user@host from OpenSSH`.
pub fn rfc4716_comment(key: &KeyData, user_at_host: &str) -> String {
    format!(
        "{}-bit {}, converted by {user_at_host} from OpenSSH",
        keys::bits(key),
        keys::type_label(&key.algorithm())
    )
}

/// The key in `format`, with a final newline, byte for byte as `ssh-keygen -e -m` prints it.
pub fn export(key: &KeyData, format: Format, comment: &str) -> Result<String, ConvertError> {
    match format {
        Format::Rfc4716 => export_rfc4716(key, comment),
        Format::Pkcs8 => pem_text(PKCS8_LABEL, &spki_der(key, format)?),
        // ssh-keygen writes ECDSA keys in SubjectPublicKeyInfo for -m PEM too
        // (OpenSSL's PEM_write_EC_PUBKEY), and only RSA as PKCS#1.
        Format::Pem => match key {
            KeyData::Rsa(rsa) => pem_text(PKCS1_LABEL, &pkcs1_der(rsa)?),
            KeyData::Ecdsa(_) => pem_text(PKCS8_LABEL, &spki_der(key, format)?),
            other => Err(unsupported(other, format)),
        },
    }
}

fn export_rfc4716(key: &KeyData, comment: &str) -> Result<String, ConvertError> {
    let blob = keys::public_key_blob(key).map_err(|e| ConvertError::Malformed(e.to_string()))?;
    let encoded = Base64::encode_string(&blob);
    let mut text = format!("{RFC4716_BEGIN}\nComment: \"{comment}\"\n");
    for line in encoded.as_bytes().chunks(RFC4716_WIDTH) {
        // base64 output is ASCII, so every chunk is valid UTF-8.
        text.push_str(&String::from_utf8_lossy(line));
        text.push('\n');
    }
    text.push_str(RFC4716_END);
    text.push('\n');
    Ok(text)
}

fn unsupported(key: &KeyData, format: Format) -> ConvertError {
    ConvertError::Unsupported {
        key_type: keys::type_label(&key.algorithm()),
        format,
    }
}

fn der_error(error: der::Error) -> ConvertError {
    ConvertError::Malformed(error.to_string())
}

fn pem_text(label: &str, der: &[u8]) -> Result<String, ConvertError> {
    pem::encode_string(label, LineEnding::LF, der)
        .map_err(|e| ConvertError::Malformed(e.to_string()))
}

/// PKCS#1 `RSAPublicKey`. Built from the integers directly rather than through
/// `rsa::RsaPublicKey`, which refuses moduli above 4096 bits that OpenSSH accepts.
fn pkcs1_der(rsa: &RsaPublicKey) -> Result<Vec<u8>, ConvertError> {
    let modulus =
        UintRef::new(rsa.n().as_positive_bytes().unwrap_or_default()).map_err(der_error)?;
    let public_exponent =
        UintRef::new(rsa.e().as_positive_bytes().unwrap_or_default()).map_err(der_error)?;
    pkcs1::RsaPublicKeyRef {
        modulus,
        public_exponent,
    }
    .to_der()
    .map_err(der_error)
}

/// X.509 SubjectPublicKeyInfo of an RSA or ECDSA key.
fn spki_der(key: &KeyData, format: Format) -> Result<Vec<u8>, ConvertError> {
    match key {
        KeyData::Rsa(rsa) => {
            let pkcs1 = pkcs1_der(rsa)?;
            SubjectPublicKeyInfoRef {
                algorithm: AlgorithmIdentifierRef {
                    oid: RSA_ENCRYPTION,
                    parameters: Some(AnyRef::NULL),
                },
                subject_public_key: BitStringRef::from_bytes(&pkcs1).map_err(der_error)?,
            }
            .to_der()
            .map_err(der_error)
        }
        KeyData::Ecdsa(ecdsa) => {
            // Through the curve crates, which check that the point is on the curve.
            let document = match ecdsa {
                EcdsaPublicKey::NistP256(_) => {
                    p256::ecdsa::VerifyingKey::try_from(ecdsa).map(|k| k.to_public_key_der())
                }
                EcdsaPublicKey::NistP384(_) => {
                    p384::ecdsa::VerifyingKey::try_from(ecdsa).map(|k| k.to_public_key_der())
                }
                EcdsaPublicKey::NistP521(_) => {
                    p521::ecdsa::VerifyingKey::try_from(ecdsa).map(|k| k.to_public_key_der())
                }
            }
            .map_err(|e| ConvertError::Malformed(format!("invalid ECDSA public key: {e}")))?
            .map_err(|e| ConvertError::Malformed(e.to_string()))?;
            Ok(document.as_bytes().to_vec())
        }
        other => Err(unsupported(other, format)),
    }
}

/// Which format a text is in, from its first BEGIN line.
pub fn detect(text: &str) -> Option<Format> {
    text.lines().map(str::trim_end).find_map(|line| match line {
        RFC4716_BEGIN => Some(Format::Rfc4716),
        "-----BEGIN PUBLIC KEY-----" => Some(Format::Pkcs8),
        "-----BEGIN RSA PUBLIC KEY-----" => Some(Format::Pem),
        _ => None,
    })
}

/// Reads a public key in `format` (as `ssh-keygen -i -m` does).
pub fn import(text: &str, format: Format) -> Result<KeyData, ConvertError> {
    match format {
        Format::Rfc4716 => import_rfc4716(text),
        Format::Pkcs8 => {
            let der = pem_body(text, PKCS8_LABEL)?;
            key_from_spki(&der)
        }
        Format::Pem => {
            let der = pem_body(text, PKCS1_LABEL)?;
            key_from_pkcs1(&der)
        }
    }
}

/// The first line of an ssh.com ("SSH2") private key file.
const SSH2_PRIVATE_BEGIN: &str = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----";
/// The magic number its blob starts with.
const SSH_COM_PRIVATE_MAGIC: u32 = 0x3f6f_f9eb;

/// Whether `text` is an ssh.com private key, which `ssh-keygen -i` turns
/// into an OpenSSL one.
pub fn is_ssh2_private(text: &str) -> bool {
    text.split(['\r', '\n'])
        .any(|l| l.trim() == SSH2_PRIVATE_BEGIN)
}

/// An unencrypted ssh.com RSA private key, read as ssh-keygen's
/// `do_convert_private_ssh2` reads it (lines may end in LF, CR LF or CR
/// alone). DSA keys, the only other type of the format, are refused.
pub fn import_ssh2_private(text: &str) -> Result<ssh_key::private::RsaKeypair, ConvertError> {
    let body = ssh2_body(text)?;
    let blob = Base64::decode_vec(&body)
        .map_err(|e| ConvertError::Malformed(format!("the key is not valid base64: {e}")))?;
    let malformed = |what: &str| ConvertError::Malformed(format!("an ssh.com key with {what}"));
    let mut reader = blob.as_slice();
    let u32_of = |reader: &mut &[u8]| {
        <u32 as SshDecode>::decode(reader).map_err(|_| malformed("a short header"))
    };
    if u32_of(&mut reader)? != SSH_COM_PRIVATE_MAGIC {
        return Err(malformed("a bad magic number"));
    }
    let _total = u32_of(&mut reader)?;
    let key_type =
        <String as SshDecode>::decode(&mut reader).map_err(|_| malformed("no key type"))?;
    let cipher = <String as SshDecode>::decode(&mut reader).map_err(|_| malformed("no cipher"))?;
    for _ in 0..3 {
        u32_of(&mut reader)?;
    }
    if cipher != "none" {
        return Err(ConvertError::Malformed(format!(
            "an encrypted ssh.com key (cipher {cipher}); decrypt it with the ssh.com tools first"
        )));
    }
    if key_type.contains("dsa") {
        return Err(ConvertError::Malformed(
            "a DSA key, which OpenSSH no longer supports".to_owned(),
        ));
    }
    if !key_type.contains("rsa") {
        return Err(malformed(&format!("key type {key_type:?}")));
    }
    // The public exponent: one byte when 30 or more, else three.
    let byte = |reader: &mut &[u8]| {
        <u8 as SshDecode>::decode(reader).map_err(|_| malformed("no exponent"))
    };
    let first = byte(&mut reader)?;
    let e = if first < 30 {
        (u32::from(first) << 16)
            | (u32::from(byte(&mut reader)?) << 8)
            | u32::from(byte(&mut reader)?)
    } else {
        u32::from(first)
    };
    // Numbers as a bit count and then the bytes those bits take.
    let mut bignum = || -> Result<Mpint, ConvertError> {
        let bits =
            <u32 as SshDecode>::decode(&mut reader).map_err(|_| malformed("a short number"))?;
        let len = (bits as usize).div_ceil(8);
        if reader.len() < len {
            return Err(malformed("a short number"));
        }
        let (number, rest) = reader.split_at(len);
        reader = rest;
        Ok(Mpint::from_positive_bytes(number))
    };
    let d = bignum()?;
    let n = bignum()?;
    let iqmp = bignum()?;
    let q = bignum()?;
    let p = bignum()?;
    let e = Mpint::from_positive_bytes(&e.to_be_bytes());
    let public =
        RsaPublicKey::new(e, n).map_err(|e| malformed(&format!("an invalid key ({e})")))?;
    let private = ssh_key::private::RsaPrivateKey::new(d, iqmp, p, q)
        .map_err(|e| malformed(&format!("an invalid key ({e})")))?;
    ssh_key::private::RsaKeypair::new(public, private)
        .map_err(|e| malformed(&format!("an invalid key ({e})")))
}

/// The base64 body of an ssh.com private key: after the BEGIN line and
/// its `Tag: value` headers (with `\` continuations), up to the END line.
fn ssh2_body(text: &str) -> Result<String, ConvertError> {
    let mut lines = text
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if !lines.by_ref().any(|l| l == SSH2_PRIVATE_BEGIN) {
        return Err(ConvertError::Malformed(format!(
            "no \"{SSH2_PRIVATE_BEGIN}\" line"
        )));
    }
    let mut body = String::new();
    let mut continued = false;
    for line in lines {
        if line.contains(" END ") {
            return Ok(body);
        }
        if continued || (body.is_empty() && line.contains(':')) {
            continued = line.ends_with('\\');
            continue;
        }
        body.push_str(line);
    }
    Err(ConvertError::Malformed(
        "no \"---- END SSH2 ENCRYPTED PRIVATE KEY ----\" line".to_owned(),
    ))
}

/// The base64 body between the BEGIN and END lines of RFC 4716, skipping the
/// `Tag: value` headers and their `\` continuation lines.
fn import_rfc4716(text: &str) -> Result<KeyData, ConvertError> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    if !lines.by_ref().any(|l| l.trim_end() == RFC4716_BEGIN) {
        return Err(ConvertError::Malformed(format!(
            "no \"{RFC4716_BEGIN}\" line"
        )));
    }
    let mut body = String::new();
    let mut in_header = true;
    let mut continued = false;
    let mut ended = false;
    for line in lines {
        let line = line.trim();
        if line == RFC4716_END {
            ended = true;
            break;
        }
        if continued {
            continued = line.ends_with('\\');
            continue;
        }
        if in_header && line.contains(':') {
            continued = line.ends_with('\\');
            continue;
        }
        in_header = false;
        body.push_str(line);
    }
    if !ended {
        return Err(ConvertError::Malformed(format!(
            "no \"{RFC4716_END}\" line"
        )));
    }
    let blob = Base64::decode_vec(&body)
        .map_err(|e| ConvertError::Malformed(format!("the key is not valid base64: {e}")))?;
    KeyData::decode(&mut blob.as_slice())
        .map_err(|e| ConvertError::Malformed(format!("not an SSH public key: {e}")))
}

fn pem_body(text: &str, label: &str) -> Result<Vec<u8>, ConvertError> {
    // Only the block itself: text around it (notes, other blocks) is ignored,
    // as OpenSSL's PEM reader does.
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text
        .find(&begin)
        .ok_or_else(|| ConvertError::Malformed(format!("no \"{begin}\" line")))?;
    let stop = text[start..]
        .find(&end)
        .map(|offset| start + offset + end.len())
        .ok_or_else(|| ConvertError::Malformed(format!("no \"{end}\" line")))?;
    let (found, der) = pem::decode_vec(&text.as_bytes()[start..stop])
        .map_err(|e| ConvertError::Malformed(format!("invalid PEM: {e}")))?;
    if found != label {
        return Err(ConvertError::Malformed(format!(
            "a {found} block where a {label} was expected"
        )));
    }
    Ok(der)
}

fn key_from_pkcs1(der: &[u8]) -> Result<KeyData, ConvertError> {
    let parsed = pkcs1::RsaPublicKeyRef::from_der(der)
        .map_err(|e| ConvertError::Malformed(format!("not a PKCS#1 RSA public key: {e}")))?;
    let e = Mpint::from_positive_bytes(parsed.public_exponent.as_bytes());
    let n = Mpint::from_positive_bytes(parsed.modulus.as_bytes());
    let key = RsaPublicKey::new(e, n)
        .map_err(|e| ConvertError::Malformed(format!("invalid RSA public key: {e}")))?;
    Ok(KeyData::Rsa(key))
}

fn key_from_spki(der: &[u8]) -> Result<KeyData, ConvertError> {
    let info = SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| ConvertError::Malformed(format!("not a SubjectPublicKeyInfo: {e}")))?;
    match info.algorithm.oid {
        RSA_ENCRYPTION => {
            let bits = info.subject_public_key.as_bytes().ok_or_else(|| {
                ConvertError::Malformed("the RSA key is not a whole number of bytes".to_owned())
            })?;
            key_from_pkcs1(bits)
        }
        EC_PUBLIC_KEY => {
            let curve = info
                .algorithm
                .parameters_oid()
                .map_err(|e| ConvertError::Malformed(format!("no named curve: {e}")))?;
            let invalid = |e: p256::pkcs8::spki::Error| {
                ConvertError::Malformed(format!("invalid ECDSA public key: {e}"))
            };
            let ecdsa = match curve {
                SECP256R1 => EcdsaPublicKey::from(
                    p256::ecdsa::VerifyingKey::from_public_key_der(der).map_err(invalid)?,
                ),
                SECP384R1 => EcdsaPublicKey::from(
                    p384::ecdsa::VerifyingKey::from_public_key_der(der).map_err(invalid)?,
                ),
                SECP521R1 => EcdsaPublicKey::from(
                    p521::ecdsa::VerifyingKey::from_public_key_der(der).map_err(invalid)?,
                ),
                other => {
                    return Err(ConvertError::Malformed(format!(
                        "unsupported elliptic curve {other}; OpenSSH knows P-256, P-384 and P-521"
                    )));
                }
            };
            Ok(KeyData::Ecdsa(ecdsa))
        }
        other => Err(ConvertError::Malformed(format!(
            "unsupported public key algorithm {other}; OpenSSH imports RSA and ECDSA from PKCS8"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssh_key::PublicKey;

    /// A fixture made by ssh-keygen, by name.
    fn fixture(name: &str) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/");
        std::fs::read_to_string(format!("{path}{name}")).unwrap()
    }

    fn key(name: &str) -> KeyData {
        PublicKey::from_openssh(&fixture(&format!("{name}.pub")))
            .unwrap()
            .key_data()
            .clone()
    }

    /// ssh-keygen's conversions of the fixtures, with the format each is in.
    const GOLDEN: &[(&str, &str, Format)] = &[
        ("ed25519", "rfc4716", Format::Rfc4716),
        ("rsa2048", "rfc4716", Format::Rfc4716),
        ("rsa2048", "pkcs8", Format::Pkcs8),
        ("rsa2048", "pem", Format::Pem),
        ("ecdsa384", "rfc4716", Format::Rfc4716),
        ("ecdsa384", "pkcs8", Format::Pkcs8),
        ("ecdsa384", "pem", Format::Pem),
    ];

    #[test]
    fn export_is_byte_identical_to_ssh_keygen() {
        for (name, suffix, format) in GOLDEN {
            let key = key(name);
            let comment = rfc4716_comment(&key, "root@vm");
            let expected = fixture(&format!("{name}.e-{suffix}.txt"));
            assert_eq!(
                export(&key, *format, &comment).unwrap(),
                expected,
                "{name} {suffix}"
            );
        }
    }

    #[test]
    fn import_gives_back_the_key() {
        for (name, suffix, format) in GOLDEN {
            let text = fixture(&format!("{name}.e-{suffix}.txt"));
            let detected = detect(&text).unwrap();
            // ssh-keygen's "PEM" of an ECDSA key is a PKCS8 block.
            let expected_format = match (name.starts_with("ecdsa"), format) {
                (true, Format::Pem) => Format::Pkcs8,
                _ => *format,
            };
            assert_eq!(detected, expected_format, "{name} {suffix}");
            assert_eq!(
                import(&text, detected).unwrap(),
                key(name),
                "{name} {suffix}"
            );
        }
    }

    #[test]
    fn ed25519_has_no_pkcs8_or_pem_form() {
        let key = key("ed25519");
        for format in [Format::Pkcs8, Format::Pem] {
            assert_eq!(
                export(&key, format, "c"),
                Err(ConvertError::Unsupported {
                    key_type: "ED25519".to_owned(),
                    format
                })
            );
        }
    }

    #[test]
    fn damaged_input_is_an_error_never_a_panic() {
        for (name, suffix, _) in GOLDEN {
            let text = fixture(&format!("{name}.e-{suffix}.txt"));
            let bytes = text.as_bytes();
            for format in [Format::Rfc4716, Format::Pkcs8, Format::Pem] {
                // Every truncation, and every byte replaced by characters
                // that are and are not valid base64.
                for end in 0..bytes.len() {
                    let _ = import(&String::from_utf8_lossy(&bytes[..end]), format);
                }
                for at in 0..bytes.len() {
                    for replacement in [b'A', b'/', b'=', b'-', b'\n', 0xff] {
                        let mut damaged = bytes.to_vec();
                        damaged[at] = replacement;
                        let _ = import(&String::from_utf8_lossy(&damaged), format);
                    }
                }
            }
        }
    }

    #[test]
    fn a_truncated_body_is_reported_as_malformed() {
        let text = fixture("rsa2048.e-pem.txt");
        let lines: Vec<&str> = text.lines().collect();
        let truncated = format!("{}\n{}\n{}\n", lines[0], lines[1], lines[lines.len() - 1]);
        assert!(matches!(
            import(&truncated, Format::Pem),
            Err(ConvertError::Malformed(_))
        ));
    }
}
