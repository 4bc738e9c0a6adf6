//! Signatures a security key made through a browser's or the system's
//! WebAuthn API (`webauthn-sk-ecdsa-sha2-nistp256@openssh.com`, PROTOCOL.u2f),
//! checked as OpenSSH's `ssh_ecdsa_sk_verify` checks them: the key signs
//! not the data but a `clientData` JSON text whose challenge is the data
//! (base64url), with the origin, flags, counter and extensions the signature
//! carries. ssh-key decodes no such signature; this module reads and checks
//! one. Pure.

use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};
use ssh_key::encoding::{Decode, Reader};
use ssh_key::public::KeyData;

/// The signature algorithm's name.
pub const ALGORITHM: &str = "webauthn-sk-ecdsa-sha2-nistp256@openssh.com";

/// The fields after the algorithm name: the ECDSA signature, the
/// authenticator's flags and counter, and the WebAuthn extras.
struct Fields {
    r: Vec<u8>,
    s: Vec<u8>,
    flags: u8,
    counter: u32,
    origin: String,
    client_data: Vec<u8>,
    extensions: Vec<u8>,
}

fn fields(mut body: &[u8]) -> Option<Fields> {
    let reader = &mut body;
    let ecdsa = Vec::<u8>::decode(reader).ok()?;
    let flags = u8::decode(reader).ok()?;
    let counter = u32::decode(reader).ok()?;
    let origin = String::decode(reader).ok()?;
    let client_data = Vec::<u8>::decode(reader).ok()?;
    let extensions = Vec::<u8>::decode(reader).ok()?;
    if !reader.is_finished() {
        return None;
    }
    let mut ecdsa = &ecdsa[..];
    let r = Vec::<u8>::decode(&mut ecdsa).ok()?;
    let s = Vec::<u8>::decode(&mut ecdsa).ok()?;
    ecdsa.is_empty().then_some(Fields {
        r,
        s,
        flags,
        counter,
        origin,
        client_data,
        extensions,
    })
}

/// An mpint's magnitude as exactly 32 bytes, if it fits.
fn scalar(mpint: &[u8]) -> Option<[u8; 32]> {
    let start = mpint.iter().position(|&b| b != 0).unwrap_or(mpint.len());
    let digits = &mpint[start..];
    let mut out = [0u8; 32];
    out.get_mut(32usize.checked_sub(digits.len())?..)?
        .copy_from_slice(digits);
    Some(out)
}

/// Whether `body` (the signature blob after the algorithm name) is
/// `key`'s WebAuthn signature of `data`.
pub fn verify(key: &KeyData, data: &[u8], body: &[u8]) -> bool {
    let KeyData::SkEcdsaSha2NistP256(sk) = key else {
        return false;
    };
    let Some(f) = fields(body) else {
        return false;
    };
    // As OpenSSH: no quote in the origin, no attested data, extensions
    // exactly when the flags say so.
    if f.origin.contains('"')
        || f.flags & 0x40 != 0
        || (f.flags & 0x80 == 0) != f.extensions.is_empty()
    {
        return false;
    }
    let preamble = format!(
        "{{\"type\":\"webauthn.get\",\"challenge\":\"{}\",\"origin\":\"{}\"",
        Base64UrlUnpadded::encode_string(data),
        f.origin
    );
    if !f.client_data.starts_with(preamble.as_bytes()) {
        return false;
    }
    let mut signed = Sha256::digest(sk.application().as_bytes()).to_vec();
    signed.push(f.flags);
    signed.extend_from_slice(&f.counter.to_be_bytes());
    signed.extend_from_slice(&f.extensions);
    signed.extend_from_slice(&Sha256::digest(&f.client_data));
    let digest = Sha256::digest(&signed);
    let (Some(r), Some(s)) = (scalar(&f.r), scalar(&f.s)) else {
        return false;
    };
    let (Ok(key), Ok(signature)) = (
        p256::ecdsa::VerifyingKey::from_sec1_bytes(sk.ec_point().as_bytes()),
        p256::ecdsa::Signature::from_scalars(r, s),
    ) else {
        return false;
    };
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    key.verify_prehash(&digest, &signature).is_ok()
}
