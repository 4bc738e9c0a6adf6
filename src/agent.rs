//! The ssh-agent protocol (draft-ietf-sshm-ssh-agent), the few messages
//! sshgen sends: add an identity (with a lifetime and confirmation
//! constraint), list identities, remove one, remove all, and have a key
//! sign (for `-Y sign` with a key the agent holds). Pure: requests are
//! encoded to bytes and replies decoded from bytes; [`socket`] carries them
//! to the agent.
//!
//! The agent crates on crates.io build on an older ssh-key line than
//! sshgen's, and a second copy of ssh-key and its crypto would cost more
//! than these messages: they are laid out here with ssh-key's own encoding,
//! the key's private fields exactly as in an OpenSSH private key file
//! (OpenSSH serialises both the same way).

pub mod signing;
pub mod socket;

use ssh_key::PrivateKey;
use ssh_key::encoding::{Decode, Encode};
use zeroize::Zeroizing;

use crate::keyfile::PublicEntry;

const FAILURE: u8 = 5;
const SUCCESS: u8 = 6;
const REQUEST_IDENTITIES: u8 = 11;
const IDENTITIES_ANSWER: u8 = 12;
const SIGN_REQUEST: u8 = 13;
const SIGN_RESPONSE: u8 = 14;
const ADD_IDENTITY: u8 = 17;
const REMOVE_IDENTITY: u8 = 18;
const REMOVE_ALL_IDENTITIES: u8 = 19;
const ADD_ID_CONSTRAINED: u8 = 25;
const CONSTRAIN_LIFETIME: u8 = 1;
const CONSTRAIN_CONFIRM: u8 = 2;
const CONSTRAIN_EXTENSION: u8 = 255;
/// SSH_AGENT_RSA_SHA2_512: an RSA key signs with rsa-sha2-512.
const RSA_SHA2_512: u32 = 4;

/// The longest reply sshgen reads: far more than an agent holding hundreds
/// of keys sends, and a bound on what a socket that is not an agent can
/// make it allocate.
pub const MAX_REPLY: usize = 256 * 1024;

/// Why the agent's answer could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// The agent answered SSH_AGENT_FAILURE.
    Refused,
    /// An answer that is not what the protocol says (not an agent).
    Unexpected(String),
}

/// Restrictions the agent keeps with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Constraints {
    /// Seconds after which the agent forgets the key.
    pub lifetime: Option<u32>,
    /// Ask the user (through the agent's askpass) before each use.
    pub confirm: bool,
}

/// A lifetime as ssh-add's `-t` takes it (OpenSSH's `convtime`): seconds,
/// or numbers each followed by `s`, `m`, `h`, `d` or `w` (`1h30m`); `None`
/// for anything else, zero, or more than `i32::MAX` seconds.
pub fn parse_lifetime(text: &str) -> Option<u32> {
    let mut total: u64 = 0;
    let mut rest = text;
    let mut seen_seconds = false;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let value: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = match rest.bytes().next() {
            None | Some(b's' | b'S') => {
                if std::mem::replace(&mut seen_seconds, true) {
                    return None;
                }
                1
            }
            Some(b'm' | b'M') => 60,
            Some(b'h' | b'H') => 3600,
            Some(b'd' | b'D') => 86_400,
            Some(b'w' | b'W') => 604_800,
            Some(_) => return None,
        };
        rest = rest.get(1..).unwrap_or_default();
        total = total.checked_add(value.checked_mul(unit)?)?;
    }
    u32::try_from(total)
        .ok()
        .filter(|seconds| *seconds > 0 && *seconds <= i32::MAX as u32)
}

/// A request, framed (length first) and ready to send.
pub type Request = Zeroizing<Vec<u8>>;

fn framed(body: &[u8]) -> Request {
    let mut out = Zeroizing::new(Vec::with_capacity(body.len() + 4));
    // A request holds one key, read from a bounded file: far below 4 GiB.
    let length = u32::try_from(body.len()).expect("an agent request is below 4 GiB");
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// SSH_AGENTC_ADD_IDENTITY, or ADD_ID_CONSTRAINED with constraints: the
/// decrypted `key` and `comment`; for a security key, the provider the
/// agent is to sign through (`sk-provider@openssh.com`, as ssh-add sends).
pub fn add_identity(
    key: &PrivateKey,
    comment: &str,
    constraints: Constraints,
    sk_provider: Option<&str>,
) -> ssh_key::Result<Request> {
    let constrained = constraints != Constraints::default() || sk_provider.is_some();
    let mut body = Zeroizing::new(vec![if constrained {
        ADD_ID_CONSTRAINED
    } else {
        ADD_IDENTITY
    }]);
    body.extend_from_slice(&crate::keys::private_fields(key.key_data())?);
    comment.encode(&mut *body)?;
    if let Some(seconds) = constraints.lifetime {
        body.push(CONSTRAIN_LIFETIME);
        seconds.encode(&mut *body)?;
    }
    if constraints.confirm {
        body.push(CONSTRAIN_CONFIRM);
    }
    if let Some(provider) = sk_provider {
        body.push(CONSTRAIN_EXTENSION);
        "sk-provider@openssh.com".encode(&mut *body)?;
        provider.encode(&mut *body)?;
    }
    Ok(framed(&body))
}

/// SSH_AGENTC_REQUEST_IDENTITIES.
pub fn request_identities() -> Request {
    framed(&[REQUEST_IDENTITIES])
}

/// SSH_AGENTC_REMOVE_IDENTITY of the key whose public blob is `blob`.
pub fn remove_identity(blob: &[u8]) -> ssh_key::Result<Request> {
    let mut body = vec![REMOVE_IDENTITY];
    blob.encode(&mut body)?;
    Ok(framed(&body))
}

/// SSH_AGENTC_SIGN_REQUEST: `data` signed by the key whose public blob is
/// `blob`; an RSA key (`rsa`) signs with rsa-sha2-512, as SSH signatures
/// and certificates want.
pub fn sign_request(blob: &[u8], data: &[u8], rsa: bool) -> ssh_key::Result<Request> {
    let mut body = vec![SIGN_REQUEST];
    blob.encode(&mut body)?;
    data.encode(&mut body)?;
    (if rsa { RSA_SHA2_512 } else { 0 }).encode(&mut body)?;
    Ok(framed(&body))
}

/// The answer to [`sign_request`]: the signature.
pub fn signature(reply: &[u8]) -> Result<ssh_key::Signature, ReplyError> {
    match reply {
        [SIGN_RESPONSE, rest @ ..] => {
            let mut rest = rest;
            let blob = Vec::<u8>::decode(&mut rest).map_err(|_| {
                ReplyError::Unexpected("a sign response without a signature".into())
            })?;
            ssh_key::Signature::decode(&mut blob.as_slice()).map_err(|e| {
                ReplyError::Unexpected(format!("a signature sshgen cannot read ({e})"))
            })
        }
        [FAILURE] => Err(ReplyError::Refused),
        other => Err(unexpected(other)),
    }
}

/// SSH_AGENTC_REMOVE_ALL_IDENTITIES.
pub fn remove_all_identities() -> Request {
    framed(&[REMOVE_ALL_IDENTITIES])
}

/// The answer to a request that gets SUCCESS or FAILURE.
pub fn status(reply: &[u8]) -> Result<(), ReplyError> {
    match reply {
        [SUCCESS] => Ok(()),
        [FAILURE] => Err(ReplyError::Refused),
        other => Err(unexpected(other)),
    }
}

fn unexpected(reply: &[u8]) -> ReplyError {
    ReplyError::Unexpected(match reply.first() {
        None => "an empty message".to_owned(),
        Some(kind) => format!("a message of type {kind} ({} bytes)", reply.len()),
    })
}

/// An identity the agent holds: its public key (or certificate) as an
/// entry of a key file, its comment as the trailing comment, and the blob
/// that names it in a removal.
#[derive(Clone, Debug)]
pub struct Identity {
    /// `None` for a key type sshgen does not know (listed as such).
    pub entry: Option<PublicEntry>,
    pub blob: Vec<u8>,
    pub comment: String,
}

/// The answer to [`request_identities`].
pub fn identities(reply: &[u8]) -> Result<Vec<Identity>, ReplyError> {
    let Some((&IDENTITIES_ANSWER, mut reader)) = reply.split_first() else {
        return Err(match reply {
            [FAILURE] => ReplyError::Refused,
            other => unexpected(other),
        });
    };
    let malformed = |_| ReplyError::Unexpected("a malformed list of identities".to_owned());
    let count = u32::decode(&mut reader).map_err(malformed)?;
    // Each identity takes at least 8 bytes: a count beyond that is a lie.
    if count as usize > reader.len() / 8 {
        return Err(malformed(ssh_key::encoding::Error::Length));
    }
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let blob = Vec::<u8>::decode(&mut reader).map_err(malformed)?;
        let comment = Vec::<u8>::decode(&mut reader).map_err(malformed)?;
        let comment = String::from_utf8_lossy(&comment).into_owned();
        out.push(Identity {
            entry: crate::keyfile::lines::entry_from_blob(&blob, comment.clone()),
            blob,
            comment,
        });
    }
    if !reader.is_empty() {
        return Err(malformed(ssh_key::encoding::Error::Length));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeySpec, KeyType, generate, os_rng};

    #[test]
    fn add_identity_lays_out_the_private_fields_and_constraints() {
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "c").unwrap();
        let plain = add_identity(&key, "c", Constraints::default(), None).unwrap();
        let ssh_key::private::KeypairData::Ed25519(pair) = key.key_data() else {
            unreachable!()
        };
        let mut expected = vec![ADD_IDENTITY];
        "ssh-ed25519".encode(&mut expected).unwrap();
        pair.public.as_ref().to_vec().encode(&mut expected).unwrap();
        let mut secret = pair.private.to_bytes().to_vec();
        secret.extend_from_slice(pair.public.as_ref());
        secret.encode(&mut expected).unwrap();
        "c".encode(&mut expected).unwrap();
        assert_eq!(
            plain[..4],
            u32::try_from(expected.len()).unwrap().to_be_bytes()
        );
        assert_eq!(plain[4..], expected[..]);

        let constrained = add_identity(
            &key,
            "c",
            Constraints {
                lifetime: Some(2),
                confirm: true,
            },
            None,
        )
        .unwrap();
        assert_eq!(constrained[4], ADD_ID_CONSTRAINED);
        assert_eq!(constrained[5..constrained.len() - 6], expected[1..]);
        assert_eq!(constrained[constrained.len() - 6..], [1, 0, 0, 0, 2, 2]);

        // The provider of a security key, as ssh-add sends it.
        let provided = add_identity(&key, "c", Constraints::default(), Some("internal")).unwrap();
        let mut extension = vec![CONSTRAIN_EXTENSION];
        "sk-provider@openssh.com".encode(&mut extension).unwrap();
        "internal".encode(&mut extension).unwrap();
        assert_eq!(provided[4], ADD_ID_CONSTRAINED);
        assert_eq!(provided[provided.len() - extension.len()..], extension[..]);
    }

    #[test]
    fn lifetimes_are_read_as_ssh_add_reads_them() {
        for (text, seconds) in [
            ("2", Some(2)),
            ("90s", Some(90)),
            ("5m", Some(300)),
            ("1h30m", Some(5400)),
            ("1d", Some(86_400)),
            ("2W", Some(1_209_600)),
            ("0", None),
            ("", None),
            ("5x", None),
            ("1s2s", None),
            ("-1", None),
            ("m", None),
            ("99999999999", None),
        ] {
            assert_eq!(parse_lifetime(text), seconds, "{text:?}");
        }
    }

    #[test]
    fn identities_are_read_and_lies_refused() {
        let key = generate(os_rng, KeySpec::new(KeyType::Ed25519, None).unwrap(), "").unwrap();
        let blob = key.public_key().key_data().encode_vec().unwrap();
        let mut reply = vec![IDENTITIES_ANSWER];
        2u32.encode(&mut reply).unwrap();
        blob.encode(&mut reply).unwrap();
        "me@host".encode(&mut reply).unwrap();
        b"\x00\x00\x00\x03abc".encode(&mut reply).unwrap();
        "odd".encode(&mut reply).unwrap();
        let listed = identities(&reply).unwrap();
        assert_eq!(listed.len(), 2);
        let entry = listed[0].entry.as_ref().unwrap();
        assert_eq!(entry.key, *key.public_key().key_data());
        assert_eq!(listed[0].comment, "me@host");
        assert!(listed[1].entry.is_none());

        let mut lie = vec![IDENTITIES_ANSWER];
        u32::MAX.encode(&mut lie).unwrap();
        assert!(matches!(identities(&lie), Err(ReplyError::Unexpected(_))));
        assert_eq!(identities(&[FAILURE]).unwrap_err(), ReplyError::Refused);
        assert_eq!(status(&[SUCCESS]), Ok(()));
        assert_eq!(status(&[FAILURE]), Err(ReplyError::Refused));
        assert!(matches!(status(&[99, 1]), Err(ReplyError::Unexpected(_))));
    }
}
