//! SSH signatures (PROTOCOL.sshsig): the armored `-----BEGIN SSH
//! SIGNATURE-----` blob, what is signed, and its check. The signer is a
//! plain key or a certificate of one (`ssh-keygen -Y sign -f KEY-cert.pub`
//! embeds the certificate, and an allowed_signers `cert-authority` line then
//! trusts its CA), which ssh-key's `SshSig` cannot hold; the signature
//! itself, and the hashing of what is signed, are ssh-key's. Pure.

mod webauthn;

use ssh_key::encoding::pem::PemLabel;
use ssh_key::encoding::{self, CheckedSum, Decode, DecodePem, Encode, EncodePem, Reader, Writer};
use ssh_key::public::KeyData;
use ssh_key::{Certificate, HashAlg, LineEnding, Signature, SshSig};

const MAGIC: &[u8] = b"SSHSIG";
const VERSION: u32 = 1;

/// The key a signature names: plain, or a certificate (whose key signs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignerKey {
    Plain(KeyData),
    Certificate(Box<Certificate>),
}

impl SignerKey {
    /// The plain key that made the signature.
    pub fn key(&self) -> &KeyData {
        match self {
            SignerKey::Plain(key) => key,
            SignerKey::Certificate(cert) => cert.public_key(),
        }
    }

    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            SignerKey::Plain(_) => None,
            SignerKey::Certificate(cert) => Some(cert),
        }
    }

    /// The SSH wire encoding, as an agent names the key and a signature
    /// holds it.
    pub fn blob(&self) -> Vec<u8> {
        let encoded = match self {
            SignerKey::Plain(key) => key.encode_vec(),
            SignerKey::Certificate(cert) => cert.encode_vec(),
        };
        encoded.expect("keys read or made by sshgen encode")
    }

    /// The key of a wire blob; a certificate only when its CA's signature
    /// holds (as OpenSSH checks it whenever it reads one).
    pub fn from_blob(blob: &[u8]) -> Result<SignerKey, String> {
        let mut reader = blob;
        let type_name =
            String::decode(&mut reader).map_err(|e| format!("a malformed key ({e})"))?;
        if type_name.ends_with("-cert-v01@openssh.com") {
            let cert = Certificate::from_bytes(blob)
                .map_err(|e| format!("a malformed certificate ({e})"))?;
            if !ca_signature_holds(&cert) {
                return Err("a certificate whose CA signature does not verify".to_owned());
            }
            return Ok(SignerKey::Certificate(Box::new(cert)));
        }
        let mut reader = blob;
        let key = KeyData::decode(&mut reader).map_err(|e| format!("a malformed key ({e})"))?;
        if !reader.is_empty() {
            return Err("a malformed key (bytes after it)".to_owned());
        }
        Ok(SignerKey::Plain(key))
    }

    /// The key of a `TYPE BASE64 [COMMENT]` text, certificates included.
    pub fn from_text(text: &str) -> Option<SignerKey> {
        let type_name = text.split_whitespace().next()?;
        if type_name.ends_with("-cert-v01@openssh.com") {
            let cert = Certificate::from_openssh(text).ok()?;
            return ca_signature_holds(&cert).then(|| SignerKey::Certificate(Box::new(cert)));
        }
        let key = ssh_key::PublicKey::from_openssh(text).ok()?;
        Some(SignerKey::Plain(key.key_data().clone()))
    }

    /// `TYPE BASE64`, as `-O print-pubkey` prints it.
    pub fn to_text(&self) -> String {
        use base64ct::Encoding;
        let type_name = match self {
            SignerKey::Plain(key) => key.algorithm().as_str().to_owned(),
            SignerKey::Certificate(cert) => cert.algorithm().to_certificate_type().to_owned(),
        };
        format!(
            "{type_name} {}",
            base64ct::Base64::encode_string(&self.blob())
        )
    }
}

/// Whether the CA's signature over a certificate verifies: the signed part
/// is the whole encoding but for the final signature string.
fn ca_signature_holds(cert: &Certificate) -> bool {
    let (Ok(bytes), Ok(signature_len)) =
        (cert.encode_vec(), cert.signature().encoded_len_prefixed())
    else {
        return false;
    };
    let Some(signed) = bytes
        .len()
        .checked_sub(signature_len)
        .map(|end| &bytes[..end])
    else {
        return false;
    };
    signature::Verifier::verify(cert.signature_key(), signed, cert.signature()).is_ok()
}

/// Why a signature does not verify.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// It was made for another namespace (named).
    Namespace(String),
    /// It is not a signature of this data by its key.
    Signature,
}

/// One SSH signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sshsig {
    pub signer: SignerKey,
    pub namespace: String,
    reserved: Vec<u8>,
    pub hash: HashAlg,
    pub signature: Signature,
}

impl Sshsig {
    /// What the signer signs: the namespace and the hash of the data
    /// (`prehash`, made with `hash`).
    pub fn signed_data(namespace: &str, hash: HashAlg, prehash: &[u8]) -> ssh_key::Result<Vec<u8>> {
        SshSig::signed_data_for_prehash(namespace, hash, prehash)
    }

    pub fn new(signer: SignerKey, namespace: &str, hash: HashAlg, signature: Signature) -> Sshsig {
        Sshsig {
            signer,
            namespace: namespace.to_owned(),
            reserved: Vec::new(),
            hash,
            signature,
        }
    }

    /// Checks that this signs data hashing to `prehash`, for `namespace`.
    pub fn verify(&self, namespace: &str, prehash: &[u8]) -> Result<(), Mismatch> {
        if self.namespace != namespace {
            return Err(Mismatch::Namespace(self.namespace.clone()));
        }
        let signed = ssh_key::encoding::Encode::encode_vec(&SignedData {
            namespace: &self.namespace,
            reserved: &self.reserved,
            hash: self.hash,
            prehash,
        })
        .map_err(|_| Mismatch::Signature)?;
        if self.signature.algorithm().as_str() == webauthn::ALGORITHM {
            return webauthn::verify(self.signer.key(), &signed, self.signature.as_bytes())
                .then_some(())
                .ok_or(Mismatch::Signature);
        }
        signature::Verifier::verify(self.signer.key(), &signed, &self.signature)
            .map_err(|_| Mismatch::Signature)
    }

    /// Reads the armored text, as `ssh-keygen -Y` does.
    pub fn from_armored(text: &[u8]) -> Result<Sshsig, String> {
        Sshsig::decode_pem(text).map_err(|e| e.to_string())
    }

    /// The armored text, with lines of 70 characters, as ssh-keygen writes.
    pub fn to_armored(&self) -> String {
        self.encode_pem_string(LineEnding::LF)
            .expect("a signature made by sshgen encodes")
    }
}

/// The blob signed: `SSHSIG`, the namespace, the reserved field, the hash
/// name and the hash.
struct SignedData<'a> {
    namespace: &'a str,
    reserved: &'a [u8],
    hash: HashAlg,
    prehash: &'a [u8],
}

impl Encode for SignedData<'_> {
    fn encoded_len(&self) -> encoding::Result<usize> {
        [
            MAGIC.len(),
            self.namespace.encoded_len()?,
            self.reserved.encoded_len()?,
            self.hash.encoded_len()?,
            self.prehash.encoded_len()?,
        ]
        .checked_sum()
    }

    fn encode(&self, writer: &mut impl Writer) -> encoding::Result<()> {
        writer.write(MAGIC)?;
        self.namespace.encode(writer)?;
        self.reserved.encode(writer)?;
        self.hash.encode(writer)?;
        self.prehash.encode(writer)
    }
}

impl PemLabel for Sshsig {
    const PEM_LABEL: &'static str = "SSH SIGNATURE";
}

impl Decode for Sshsig {
    type Error = ssh_key::Error;

    fn decode(reader: &mut impl Reader) -> ssh_key::Result<Self> {
        let mut magic = [0u8; MAGIC.len()];
        reader.read(&mut magic)?;
        if magic != MAGIC {
            return Err(ssh_key::Error::FormatEncoding);
        }
        let version = u32::decode(reader)?;
        if version != VERSION {
            return Err(ssh_key::Error::Version { number: version });
        }
        let blob = Vec::<u8>::decode(reader)?;
        let signer = SignerKey::from_blob(&blob).map_err(|_| ssh_key::Error::FormatEncoding)?;
        let namespace = String::decode(reader)?;
        if namespace.is_empty() {
            return Err(ssh_key::Error::Namespace);
        }
        let reserved = Vec::<u8>::decode(reader)?;
        let hash = HashAlg::decode(reader)?;
        let signature = reader.read_prefixed(|blob| {
            let mut bytes = vec![0u8; blob.remaining_len()];
            blob.read(&mut bytes)?;
            // A WebAuthn signature's fields follow its name (ssh-key knows
            // none of them): kept whole, for webauthn::verify.
            let name = [
                &u32::try_from(webauthn::ALGORITHM.len())
                    .expect("a short name")
                    .to_be_bytes()[..],
                webauthn::ALGORITHM.as_bytes(),
            ]
            .concat();
            match bytes.strip_prefix(&name[..]) {
                Some(fields) => Signature::new(
                    ssh_key::Algorithm::new(webauthn::ALGORITHM)?,
                    fields.to_vec(),
                ),
                None => {
                    let reader = &mut &bytes[..];
                    let signature = Signature::decode(reader)?;
                    if !reader.is_empty() {
                        return Err(ssh_key::Error::TrailingData {
                            remaining: reader.len(),
                        });
                    }
                    Ok(signature)
                }
            }
        })?;
        Ok(Sshsig {
            signer,
            namespace,
            reserved,
            hash,
            signature,
        })
    }
}

impl Encode for Sshsig {
    fn encoded_len(&self) -> encoding::Result<usize> {
        [
            MAGIC.len(),
            VERSION.encoded_len()?,
            self.signer.blob().encoded_len()?,
            self.namespace.encoded_len()?,
            self.reserved.encoded_len()?,
            self.hash.encoded_len()?,
            self.signature.encoded_len_prefixed()?,
        ]
        .checked_sum()
    }

    fn encode(&self, writer: &mut impl Writer) -> encoding::Result<()> {
        writer.write(MAGIC)?;
        VERSION.encode(writer)?;
        self.signer.blob().encode(writer)?;
        self.namespace.encode(writer)?;
        self.reserved.encode(writer)?;
        self.hash.encode(writer)?;
        self.signature.encode_prefixed(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeySpec, KeyType, generate, os_rng};

    #[test]
    fn signatures_round_trip_through_their_armor_and_check_namespace_and_data() {
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "").unwrap();
        let prehash = HashAlg::Sha512.digest(b"data");
        let signed = Sshsig::signed_data("file", HashAlg::Sha512, &prehash).unwrap();
        let signature = signature::Signer::try_sign(&key, &signed).unwrap();
        let sig = Sshsig::new(
            SignerKey::Plain(key.public_key().key_data().clone()),
            "file",
            HashAlg::Sha512,
            signature,
        );
        let armored = sig.to_armored();
        assert!(armored.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        // ssh-key's own reader agrees on the encoding.
        let theirs = SshSig::from_pem(&armored).unwrap();
        assert_eq!(theirs.public_key(), sig.signer.key());
        let back = Sshsig::from_armored(armored.as_bytes()).unwrap();
        assert_eq!(back, sig);
        assert_eq!(back.verify("file", &prehash), Ok(()));
        assert_eq!(
            back.verify("git", &prehash),
            Err(Mismatch::Namespace("file".to_owned()))
        );
        let other = HashAlg::Sha512.digest(b"other");
        assert_eq!(back.verify("file", &other), Err(Mismatch::Signature));
    }
}
