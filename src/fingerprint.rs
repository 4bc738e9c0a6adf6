//! Key fingerprints exactly as OpenSSH's `ssh-keygen -l` / `-lv` / `-B` print them:
//! the digest of a public key blob, its `SHA256:`/`SHA512:`/`MD5:` text form, the
//! randomart picture and the bubblebabble word string. Pure functions, no I/O.

pub mod bubblebabble;
pub mod randomart;

use std::fmt;

use base64ct::{Base64Unpadded, Encoding};
use sha2::Digest;

pub use bubblebabble::bubblebabble;
pub use randomart::randomart;

/// Digest algorithm used for a fingerprint (`ssh-keygen -E`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FingerprintHash {
    // OpenSSH's default since 6.8. (Plain comments: a doc comment would be
    // the value's help in `--help`.)
    #[default]
    Sha256,
    // Legacy colon-separated hex form, still asked for by older tooling.
    Md5,
    Sha512,
}

impl FingerprintHash {
    /// The name OpenSSH uses both as the fingerprint prefix and in the randomart footer.
    pub fn name(self) -> &'static str {
        match self {
            FingerprintHash::Sha256 => "SHA256",
            FingerprintHash::Md5 => "MD5",
            FingerprintHash::Sha512 => "SHA512",
        }
    }
}

/// A computed fingerprint: which hash, and the raw digest bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    hash: FingerprintHash,
    digest: Vec<u8>,
}

impl Fingerprint {
    /// Digest of the SSH wire-format public key blob (the bytes of `KeyData`, without the
    /// comment, and for certificates the plain key, as OpenSSH hashes).
    pub fn of(blob: &[u8], hash: FingerprintHash) -> Self {
        let digest = match hash {
            FingerprintHash::Sha256 => sha2::Sha256::digest(blob).to_vec(),
            FingerprintHash::Md5 => md5::Md5::digest(blob).to_vec(),
            FingerprintHash::Sha512 => sha2::Sha512::digest(blob).to_vec(),
        };
        Fingerprint { hash, digest }
    }

    pub fn hash(&self) -> FingerprintHash {
        self.hash
    }

    pub fn digest(&self) -> &[u8] {
        &self.digest
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hash.name())?;
        f.write_str(":")?;
        match self.hash {
            // OpenSSH keeps MD5 in the pre-6.8 hex form so old fingerprints still compare equal.
            FingerprintHash::Md5 => {
                for (i, byte) in self.digest.iter().enumerate() {
                    if i > 0 {
                        f.write_str(":")?;
                    }
                    write!(f, "{byte:02x}")?;
                }
                Ok(())
            }
            // OpenSSH trims the '=' padding, so the unpadded alphabet gives the same text.
            FingerprintHash::Sha256 | FingerprintHash::Sha512 => {
                f.write_str(&Base64Unpadded::encode_string(&self.digest))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssh_key::PublicKey;
    use ssh_key::encoding::Encode;
    use ssh_key::public::KeyData;

    const KEYS: [&str; 8] = [
        "ed25519",
        "ed25519-nocomment",
        "rsa2048",
        "rsa3072",
        "rsa4096",
        "ecdsa256",
        "ecdsa384",
        "ecdsa521",
    ];

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
    }

    /// What the fingerprint code needs from a key, worked out independently of the
    /// code under test so a wrong blob or bit count cannot cancel out.
    struct Key {
        blob: Vec<u8>,
        label: &'static str,
        bits: u32,
        comment: String,
    }

    fn load(name: &str) -> Key {
        let text = fixture(&format!("{name}.pub"));
        let key = PublicKey::from_openssh(text.trim_end())
            .unwrap_or_else(|e| panic!("parsing {name}.pub: {e}"));
        let data = key.key_data();
        let blob = data.encode_vec().expect("encoding key blob");
        let (label, bits) = match data {
            KeyData::Ed25519(_) => ("ED25519", 256),
            KeyData::Rsa(rsa) => {
                let n = rsa.n().as_positive_bytes().expect("positive modulus");
                let n = &n[n.iter().take_while(|b| **b == 0).count()..];
                let lead = u32::from(*n.first().expect("non-empty modulus"));
                let bits =
                    (u32::try_from(n.len()).unwrap() - 1) * 8 + (u32::BITS - lead.leading_zeros());
                ("RSA", bits)
            }
            KeyData::Ecdsa(ec) => {
                let bits = match ec.curve() {
                    ssh_key::EcdsaCurve::NistP256 => 256,
                    ssh_key::EcdsaCurve::NistP384 => 384,
                    ssh_key::EcdsaCurve::NistP521 => 521,
                };
                ("ECDSA", bits)
            }
            other => panic!("unexpected key type in fixture {name}: {other:?}"),
        };
        // ssh-keygen shows an empty comment as "no comment".
        let comment = match key.comment() {
            c if c.is_empty() => "no comment".to_string(),
            c => c.to_string(),
        };
        Key {
            blob,
            label,
            bits,
            comment,
        }
    }

    fn summary_line(key: &Key, shown: &str) -> String {
        format!("{} {} {} ({})\n", key.bits, shown, key.comment, key.label)
    }

    #[test]
    fn default_line_matches_ssh_keygen_l() {
        for name in KEYS {
            let key = load(name);
            let fp = Fingerprint::of(&key.blob, FingerprintHash::default());
            assert_eq!(
                summary_line(&key, &fp.to_string()),
                fixture(&format!("{name}.l.txt")),
                "{name}"
            );
        }
    }

    #[test]
    fn sha512_line_matches_ssh_keygen_l_e_sha512() {
        for name in KEYS {
            let key = load(name);
            let fp = Fingerprint::of(&key.blob, FingerprintHash::Sha512);
            assert_eq!(
                summary_line(&key, &fp.to_string()),
                fixture(&format!("{name}.l-sha512.txt")),
                "{name}"
            );
        }
    }

    #[test]
    fn sha256_randomart_matches_ssh_keygen_lv() {
        for name in KEYS {
            let key = load(name);
            let fp = Fingerprint::of(&key.blob, FingerprintHash::Sha256);
            let out = summary_line(&key, &fp.to_string()) + &randomart(&fp, key.label, key.bits);
            assert_eq!(out, fixture(&format!("{name}.lv.txt")), "{name}");
        }
    }

    #[test]
    fn md5_randomart_matches_ssh_keygen_lv_e_md5() {
        for name in KEYS {
            let key = load(name);
            let fp = Fingerprint::of(&key.blob, FingerprintHash::Md5);
            let out = summary_line(&key, &fp.to_string()) + &randomart(&fp, key.label, key.bits);
            assert_eq!(out, fixture(&format!("{name}.lv-md5.txt")), "{name}");
        }
    }

    #[test]
    fn bubblebabble_matches_ssh_keygen_b() {
        for name in KEYS {
            let key = load(name);
            assert_eq!(
                summary_line(&key, &bubblebabble(&key.blob)),
                fixture(&format!("{name}.B.txt")),
                "{name}"
            );
        }
    }

    /// A certificate's label is too long for "[TYPE BITS]", so OpenSSH falls back to
    /// "[TYPE]"; the cert's fingerprint is that of its plain key.
    #[test]
    fn certificate_header_falls_back_like_ssh_keygen() {
        let key = load("ed25519");
        let fp = Fingerprint::of(&key.blob, FingerprintHash::Sha256);
        let golden = fixture("ed25519-cert.lv.txt");
        let (first, art) = golden.split_once('\n').expect("two parts");
        assert_eq!(first, format!("256 {fp} alice@example.com (ED25519-CERT)"));
        assert_eq!(randomart(&fp, "ED25519-CERT", 256), art);
    }

    #[test]
    fn display_forms_of_a_known_digest() {
        let md5 = Fingerprint::of(b"", FingerprintHash::Md5);
        assert_eq!(md5.hash(), FingerprintHash::Md5);
        assert_eq!(
            md5.to_string(),
            "MD5:d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e"
        );
        let sha256 = Fingerprint::of(b"", FingerprintHash::Sha256);
        assert_eq!(sha256.digest().len(), 32);
        assert_eq!(
            sha256.to_string(),
            "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
        );
        assert_eq!(
            Fingerprint::of(b"", FingerprintHash::Sha512).to_string(),
            "SHA512:z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg"
        );
    }

    #[test]
    fn hash_names() {
        assert_eq!(FingerprintHash::Sha256.name(), "SHA256");
        assert_eq!(FingerprintHash::Md5.name(), "MD5");
        assert_eq!(FingerprintHash::Sha512.name(), "SHA512");
        assert_eq!(FingerprintHash::default(), FingerprintHash::Sha256);
    }
}
