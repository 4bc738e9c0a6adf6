//! Key revocation lists (OpenSSH's PROTOCOL.krl), as `ssh-keygen -k` makes
//! them and sshd's `RevokedKeys` reads them: keys revoked by their blob or
//! their SHA-1/SHA-256 hash, certificates by serial number (ranges) or key
//! ID under their CA (or under any CA). Pure: bytes in, bytes out; the spec
//! lines `-k` reads are parsed here too ([`spec_line`]).

use std::collections::{BTreeMap, BTreeSet};

use base64ct::Encoding;
use sha2::Digest;
use ssh_key::encoding::{Decode, Encode};
use ssh_key::public::KeyData;

const MAGIC: &[u8; 8] = b"SSHKRL\n\0";
const FORMAT_VERSION: u32 = 1;

const SECTION_CERTIFICATES: u8 = 1;
const SECTION_EXPLICIT_KEY: u8 = 2;
const SECTION_FINGERPRINT_SHA1: u8 = 3;
const SECTION_SIGNATURE: u8 = 4;
const SECTION_FINGERPRINT_SHA256: u8 = 5;

const CERT_SERIAL_LIST: u8 = 0x20;
const CERT_SERIAL_RANGE: u8 = 0x21;
const CERT_SERIAL_BITMAP: u8 = 0x22;
const CERT_KEY_ID: u8 = 0x23;

/// The most serial numbers one bitmap may revoke here: far more than any
/// KRL ssh-keygen writes (it uses ranges for long runs), and a bound on
/// what a hostile file can make sshgen expand.
const MAX_BITMAP_BITS: u64 = 1 << 24;

/// A revocation list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Krl {
    pub version: u64,
    /// Seconds since 1970; 0 until written (then the time of writing).
    pub generated: u64,
    pub comment: String,
    /// Plain key blobs.
    explicit: BTreeSet<Vec<u8>>,
    sha1: BTreeSet<Vec<u8>>,
    sha256: BTreeSet<Vec<u8>>,
    /// Per CA (its key blob; `None` for any CA), in the order first seen.
    certs: Vec<RevokedCerts>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RevokedCerts {
    ca: Option<Vec<u8>>,
    /// Ranges of serials, low to high: disjoint and not adjacent.
    serials: BTreeMap<u64, u64>,
    key_ids: BTreeSet<String>,
}

/// A certificate, as far as revocation looks at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFacts {
    pub ca: KeyData,
    pub serial: u64,
    pub key_id: String,
}

impl From<&ssh_key::Certificate> for CertFacts {
    fn from(cert: &ssh_key::Certificate) -> CertFacts {
        CertFacts {
            ca: cert.signature_key().clone(),
            serial: cert.serial(),
            key_id: cert.key_id().to_owned(),
        }
    }
}

/// Whether `bytes` start as a KRL does (else OpenSSH reads a revocation
/// file as key lines).
pub fn looks_like_krl(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Why a KRL or a spec line could not be used.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid(pub String);

/// One SSH string from the front of `reader`, in place: any length the
/// input holds (ssh-encoding's own decoding stops at 1 MiB, and a KRL of
/// many thousand keys has longer sections).
fn take<'a>(reader: &mut &'a [u8]) -> Option<&'a [u8]> {
    let (length, rest) = reader.split_first_chunk::<4>()?;
    let length = u32::from_be_bytes(*length) as usize;
    if length > rest.len() {
        return None;
    }
    let (string, rest) = rest.split_at(length);
    *reader = rest;
    Some(string)
}

fn blob(key: &KeyData) -> Vec<u8> {
    key.encode_vec().expect("a key blob encodes")
}

impl Krl {
    fn certs_for(&mut self, ca: Option<&KeyData>) -> &mut RevokedCerts {
        let ca = ca.map(blob);
        match self.certs.iter().position(|c| c.ca == ca) {
            Some(at) => &mut self.certs[at],
            None => {
                self.certs.push(RevokedCerts {
                    ca,
                    ..RevokedCerts::default()
                });
                self.certs.last_mut().expect("just pushed")
            }
        }
    }

    /// Revokes the certificates with serial numbers `low..=high` by `ca`
    /// (`None`: by any CA).
    pub fn revoke_serials(&mut self, ca: Option<&KeyData>, low: u64, high: u64) {
        let serials = &mut self.certs_for(ca).serials;
        let (mut low, mut high) = (low, high);
        // Merged with the ranges it overlaps or touches: the one before
        // it, and those that start before its end (each found in log time,
        // so that a hostile list of millions stays quick).
        if let Some((&l, &h)) = serials.range(..=low).next_back()
            && h.saturating_add(1) >= low
        {
            serials.remove(&l);
            low = l;
            high = high.max(h);
        }
        while let Some((&l, &h)) = serials.range(low..).next() {
            if l > high.saturating_add(1) {
                break;
            }
            serials.remove(&l);
            high = high.max(h);
        }
        serials.insert(low, high);
    }

    /// Revokes the certificates with key ID `id` by `ca` (`None`: any CA).
    pub fn revoke_key_id(&mut self, ca: Option<&KeyData>, id: &str) {
        self.certs_for(ca).key_ids.insert(id.to_owned());
    }

    /// What `ssh-keygen -Q -l` prints of the list (its `krl_dump`), in
    /// spec-file form; the time in UTC, where ssh-keygen uses the local zone.
    pub fn dump(&self) -> String {
        use crate::render::hex;
        use std::fmt::Write;
        let named = |blob: &[u8]| {
            let name = take(&mut &blob[..])
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let fingerprint = crate::fingerprint::Fingerprint::of(
                blob,
                crate::fingerprint::FingerprintHash::Sha256,
            );
            (name, fingerprint)
        };
        let time = crate::certificates::format_time(self.generated).replace(['-', ':'], "");
        let mut out = format!("# KRL version {}\n# Generated at {time}\n", self.version);
        if !self.comment.is_empty() {
            let _ = writeln!(out, "# Comment: {}", self.comment);
        }
        out.push('\n');
        for blob in &self.explicit {
            let (name, fingerprint) = named(blob);
            let _ = writeln!(out, "hash: {fingerprint} # {name}");
        }
        for hash in &self.sha256 {
            let _ = writeln!(out, "hash: SHA256:{}", hex(hash));
        }
        // The spec format has no word for SHA-1 hashes: comments.
        for hash in &self.sha1 {
            let _ = writeln!(out, "# hash SHA1:{}", hex(hash));
        }
        for certs in &self.certs {
            out.push('\n');
            match &certs.ca {
                None => out.push_str("# Wildcard CA\n"),
                Some(blob) => {
                    let (name, fingerprint) = named(blob);
                    let _ = writeln!(out, "# CA key {name} {fingerprint}");
                }
            }
            for (low, high) in &certs.serials {
                match low == high {
                    true => writeln!(out, "serial: {low}"),
                    false => writeln!(out, "serial: {low}-{high}"),
                }
                .expect("writing to a string");
            }
            for id in &certs.key_ids {
                let _ = writeln!(out, "id: {id}");
            }
        }
        out
    }

    /// Revokes a plain key (and its certificates) by its blob.
    pub fn revoke_key(&mut self, key: &KeyData) {
        self.explicit.insert(blob(key));
    }

    pub fn revoke_sha1(&mut self, hash: Vec<u8>) {
        self.sha1.insert(hash);
    }

    pub fn revoke_sha256(&mut self, hash: Vec<u8>) {
        self.sha256.insert(hash);
    }

    /// Revokes what a certificate names, as ssh-keygen does for a
    /// certificate in a spec: its serial under its CA, or its key ID when
    /// the serial is 0.
    pub fn revoke_certificate(&mut self, cert: &CertFacts) {
        if cert.serial == 0 {
            self.revoke_key_id(Some(&cert.ca), &cert.key_id);
        } else {
            self.revoke_serials(Some(&cert.ca), cert.serial, cert.serial);
        }
    }

    /// Whether `key` (with `cert` when it is a certificate of it) is
    /// revoked, as sshd and `ssh-keygen -Q` decide: by its hashes or blob,
    /// or as a certificate by its CA's list or any CA's; a certificate is
    /// also revoked when its CA key is.
    pub fn is_revoked(&self, key: &KeyData, cert: Option<&CertFacts>) -> bool {
        if self.key_revoked(key) {
            return true;
        }
        let Some(cert) = cert else {
            return false;
        };
        let ca = blob(&cert.ca);
        let listed = self
            .certs
            .iter()
            .filter(|c| c.ca.is_none() || c.ca.as_deref() == Some(&ca[..]))
            .any(|c| {
                c.key_ids.contains(&cert.key_id)
                    || (cert.serial != 0
                        && c.serials
                            .range(..=cert.serial)
                            .next_back()
                            .is_some_and(|(_, &h)| cert.serial <= h))
            });
        listed || self.key_revoked(&cert.ca)
    }

    fn key_revoked(&self, key: &KeyData) -> bool {
        let blob = blob(key);
        self.sha1.contains(&sha1::Sha1::digest(&blob).to_vec())
            || self.sha256.contains(&sha2::Sha256::digest(&blob).to_vec())
            || self.explicit.contains(&blob)
    }

    /// The KRL's bytes; `now` becomes its date when it has none yet (an
    /// updated KRL keeps the date it had, as ssh-keygen keeps it).
    pub fn to_bytes(&self, now: u64) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        fn put(out: &mut Vec<u8>, value: &impl Encode) {
            value.encode(out).expect("encoding into memory");
        }
        put(&mut out, &FORMAT_VERSION);
        put(&mut out, &self.version);
        put(
            &mut out,
            &if self.generated == 0 {
                now
            } else {
                self.generated
            },
        );
        put(&mut out, &0u64);
        put(&mut out, &"");
        put(&mut out, &self.comment.as_str());
        for certs in &self.certs {
            let mut body = Vec::new();
            put(&mut body, &certs.ca.as_deref().unwrap_or_default());
            put(&mut body, &"");
            let singles: Vec<u64> = certs
                .serials
                .iter()
                .filter(|(l, h)| l == h)
                .map(|(l, _)| *l)
                .collect();
            let ranges = certs.serials.iter().filter(|(l, h)| l != h);
            if !singles.is_empty() {
                let mut list = Vec::new();
                for serial in &singles {
                    put(&mut list, serial);
                }
                body.push(CERT_SERIAL_LIST);
                put(&mut body, &list);
            }
            for (low, high) in ranges {
                let mut range = Vec::new();
                put(&mut range, low);
                put(&mut range, high);
                body.push(CERT_SERIAL_RANGE);
                put(&mut body, &range);
            }
            if !certs.key_ids.is_empty() {
                let mut ids = Vec::new();
                for id in &certs.key_ids {
                    put(&mut ids, &id.as_str());
                }
                body.push(CERT_KEY_ID);
                put(&mut body, &ids);
            }
            out.push(SECTION_CERTIFICATES);
            put(&mut out, &body);
        }
        for (section, blobs) in [
            (SECTION_EXPLICIT_KEY, &self.explicit),
            (SECTION_FINGERPRINT_SHA1, &self.sha1),
            (SECTION_FINGERPRINT_SHA256, &self.sha256),
        ] {
            if blobs.is_empty() {
                continue;
            }
            let mut body = Vec::new();
            for blob in blobs {
                put(&mut body, &blob.as_slice());
            }
            out.push(section);
            put(&mut out, &body);
        }
        out
    }

    /// Reads a KRL (signed ones are refused: ssh-keygen writes none).
    pub fn parse(bytes: &[u8]) -> Result<Krl, Invalid> {
        let bad = |what: &str| Invalid(format!("not a KRL sshgen can read: {what}"));
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| bad("no KRL magic"))?;
        let mut reader = rest;
        let malformed = |_| bad("malformed header");
        if u32::decode(&mut reader).map_err(malformed)? != FORMAT_VERSION {
            return Err(bad("unknown format version"));
        }
        let mut krl = Krl {
            version: u64::decode(&mut reader).map_err(malformed)?,
            generated: u64::decode(&mut reader).map_err(malformed)?,
            ..Krl::default()
        };
        let _flags = u64::decode(&mut reader).map_err(malformed)?;
        let _reserved = take(&mut reader).ok_or_else(|| bad("malformed header"))?;
        let comment = take(&mut reader).ok_or_else(|| bad("malformed header"))?;
        krl.comment = String::from_utf8_lossy(comment).into_owned();
        while let Some((&section, mut after)) = reader.split_first() {
            if section == SECTION_SIGNATURE {
                return Err(bad("signed KRLs are not supported"));
            }
            let body = take(&mut after).ok_or_else(|| bad("malformed section"))?;
            reader = after;
            let mut body = body;
            match section {
                SECTION_CERTIFICATES => krl.parse_certs(&mut body)?,
                SECTION_EXPLICIT_KEY | SECTION_FINGERPRINT_SHA1 | SECTION_FINGERPRINT_SHA256 => {
                    while !body.is_empty() {
                        let item = take(&mut body)
                            .ok_or_else(|| bad("malformed key section"))?
                            .to_vec();
                        match section {
                            SECTION_EXPLICIT_KEY => krl.explicit.insert(item),
                            SECTION_FINGERPRINT_SHA1 => krl.sha1.insert(item),
                            _ => krl.sha256.insert(item),
                        };
                    }
                }
                other => return Err(bad(&format!("unknown section type {other}"))),
            }
        }
        Ok(krl)
    }

    fn parse_certs(&mut self, body: &mut &[u8]) -> Result<(), Invalid> {
        let bad = |what: &str| Invalid(format!("not a KRL sshgen can read: {what}"));
        let malformed = |_| bad("malformed certificate section");
        let ca_blob = take(body).ok_or_else(|| bad("malformed certificate section"))?;
        let _reserved = take(body).ok_or_else(|| bad("malformed certificate section"))?;
        let ca = if ca_blob.is_empty() {
            None
        } else {
            Some(KeyData::decode(&mut &ca_blob[..]).map_err(|_| bad("unreadable CA key"))?)
        };
        while let Some((&kind, mut after)) = body.split_first() {
            let data = take(&mut after).ok_or_else(|| bad("malformed certificate section"))?;
            *body = after;
            let mut data = data;
            match kind {
                CERT_SERIAL_LIST => {
                    while !data.is_empty() {
                        let serial = u64::decode(&mut data).map_err(malformed)?;
                        self.revoke_serials(ca.as_ref(), serial, serial);
                    }
                }
                CERT_SERIAL_RANGE => {
                    let low = u64::decode(&mut data).map_err(malformed)?;
                    let high = u64::decode(&mut data).map_err(malformed)?;
                    if low > high || !data.is_empty() {
                        return Err(bad("bad serial range"));
                    }
                    self.revoke_serials(ca.as_ref(), low, high);
                }
                CERT_SERIAL_BITMAP => {
                    let offset = u64::decode(&mut data).map_err(malformed)?;
                    let bitmap =
                        take(&mut data).ok_or_else(|| bad("malformed certificate section"))?;
                    if bitmap.len() as u64 * 8 > MAX_BITMAP_BITS || !data.is_empty() {
                        return Err(bad("serial bitmap too large"));
                    }
                    // An mpint: big-endian, bit 0 the last byte's lowest;
                    // each run of set bits is revoked as one range.
                    let bits = bitmap.len() as u64 * 8;
                    let set =
                        |n: u64| bitmap[bitmap.len() - 1 - (n / 8) as usize] & (1 << (n % 8)) != 0;
                    let mut n = 0;
                    while n < bits {
                        if !set(n) {
                            n += 1;
                            continue;
                        }
                        let start = n;
                        while n < bits && set(n) {
                            n += 1;
                        }
                        let (Some(low), Some(high)) =
                            (offset.checked_add(start), offset.checked_add(n - 1))
                        else {
                            return Err(bad("serial out of range"));
                        };
                        self.revoke_serials(ca.as_ref(), low, high);
                    }
                }
                CERT_KEY_ID => {
                    while !data.is_empty() {
                        let id =
                            take(&mut data).ok_or_else(|| bad("malformed certificate section"))?;
                        self.revoke_key_id(ca.as_ref(), &String::from_utf8_lossy(id));
                    }
                }
                other => return Err(bad(&format!("unknown certificate section {other}"))),
            }
        }
        // A section that names a CA but revokes nothing still counts as
        // one: it stays, as in the file.
        self.certs_for(ca.as_ref());
        Ok(())
    }
}

/// What one line of a `-k` spec file asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Spec {
    /// Nothing (blank or a comment).
    Nothing,
    /// `serial: N` or `serial: N-M`.
    Serials(u64, u64),
    /// `id: KEY_ID`.
    KeyId(String),
    /// `hash: SHA256:BASE64`.
    Sha256(Vec<u8>),
    /// A key or certificate line, after `key:`, `sha1:`, `sha256:` or alone.
    Key { how: KeyRevocation, line: String },
}

/// How a key line revokes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRevocation {
    /// No prefix: the key's blob, or a certificate's serial or key ID.
    AsIs,
    /// `key:`: the key's blob.
    Explicit,
    Sha1,
    Sha256,
}

/// One spec line read as ssh-keygen's `update_krl_from_file` reads it:
/// leading blanks, a `#` comment and trailing blanks dropped, prefixes
/// compared without case.
pub fn spec_line(line: &str) -> Result<Spec, Invalid> {
    let line = line.split(['#', '\n']).next().unwrap_or_default();
    let line = line.trim_matches([' ', '\t']);
    if line.is_empty() {
        return Ok(Spec::Nothing);
    }
    let prefixed = |prefix: &str| {
        line.get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(prefix))
            .map(|_| line[prefix.len()..].trim_start_matches([' ', '\t']))
    };
    if let Some(rest) = prefixed("serial:") {
        let number = |text: &str| {
            parse_serial(text).ok_or_else(|| Invalid(format!("invalid serial \"{rest}\"")))
        };
        let (low, high) = match rest.split_once('-') {
            Some((low, high)) => (number(low)?, number(high)?),
            None => (number(rest)?, number(rest)?),
        };
        if rest.contains('-') && high <= low {
            return Err(Invalid(format!("invalid serial range {low}:{high}")));
        }
        return Ok(Spec::Serials(low, high));
    }
    if let Some(rest) = prefixed("id:") {
        return Ok(Spec::KeyId(rest.to_owned()));
    }
    if let Some(rest) = prefixed("hash:") {
        let encoded = rest
            .strip_prefix("SHA256:")
            .ok_or_else(|| Invalid("unsupported hash algorithm".to_owned()))?;
        let hash = base64ct::Base64Unpadded::decode_vec(encoded.trim_end_matches('='))
            .ok()
            .filter(|h| h.len() == 32)
            .ok_or_else(|| Invalid(format!("invalid hash \"{rest}\"")))?;
        return Ok(Spec::Sha256(hash));
    }
    let (how, rest) = if let Some(rest) = prefixed("key:") {
        (KeyRevocation::Explicit, rest)
    } else if let Some(rest) = prefixed("sha1:") {
        (KeyRevocation::Sha1, rest)
    } else if let Some(rest) = prefixed("sha256:") {
        (KeyRevocation::Sha256, rest)
    } else {
        (KeyRevocation::AsIs, line)
    };
    Ok(Spec::Key {
        how,
        line: rest.to_owned(),
    })
}

/// A serial number as `strtoull(…, 0)` reads it: decimal, `0x` hex or
/// `0` octal.
fn parse_serial(text: &str) -> Option<u64> {
    let text = text.trim_matches([' ', '\t']);
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).ok();
    }
    if text.len() > 1 && text.starts_with('0') {
        return u64::from_str_radix(&text[1..], 8).ok();
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(line: &str) -> KeyData {
        ssh_key::PublicKey::from_openssh(line)
            .unwrap()
            .key_data()
            .clone()
    }

    const A: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    const B: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf";

    #[test]
    fn serial_ranges_merge_and_what_is_revoked_survives_a_round_trip() {
        let (a, ca) = (key(A), key(B));
        let mut krl = Krl {
            version: 7,
            comment: "c".to_owned(),
            ..Krl::default()
        };
        for (low, high) in [(5, 5), (10, 20), (6, 9), (30, 30), (22, 25), (21, 21)] {
            krl.revoke_serials(Some(&ca), low, high);
        }
        assert_eq!(
            krl.certs[0].serials.iter().collect::<Vec<_>>(),
            [(&5, &25), (&30, &30)]
        );
        krl.revoke_key_id(None, "lost laptop");
        krl.revoke_key(&a);
        let bytes = krl.to_bytes(1_700_000_000);
        assert!(bytes.starts_with(b"SSHKRL\n\0\0\0\0\x01"));
        let back = Krl::parse(&bytes).unwrap();
        assert_eq!(back.version, 7);
        assert_eq!(back.generated, 1_700_000_000);
        assert_eq!(back.to_bytes(1), bytes);

        let cert = |serial, key_id: &str| CertFacts {
            ca: ca.clone(),
            serial,
            key_id: key_id.to_owned(),
        };
        assert!(back.is_revoked(&a, None));
        assert!(!back.is_revoked(&ca, None));
        assert!(back.is_revoked(&ca, Some(&cert(17, "x"))));
        assert!(back.is_revoked(&ca, Some(&cert(30, "x"))));
        assert!(!back.is_revoked(&ca, Some(&cert(26, "x"))));
        // Serial 0 is never revoked by serial; any CA's key IDs apply.
        assert!(!back.is_revoked(&ca, Some(&cert(0, "x"))));
        assert!(back.is_revoked(&ca, Some(&cert(0, "lost laptop"))));
    }

    #[test]
    fn hostile_krls_are_refused_never_expanded() {
        assert!(Krl::parse(b"SSHKRL\n").is_err());
        let mut krl = Krl::default();
        krl.revoke_sha256(vec![1; 32]);
        let bytes = krl.to_bytes(1);
        for end in 0..bytes.len() {
            // Every truncation is refused or reads as less, never panics.
            let _ = Krl::parse(&bytes[..end]);
        }
        // A bitmap of 2^25 bits is refused before any work.
        let mut bitmap = Vec::new();
        5u64.encode(&mut bitmap).unwrap();
        vec![0xffu8; 1 << 22]
            .as_slice()
            .encode(&mut bitmap)
            .unwrap();
        let mut body = Vec::new();
        b"".as_slice().encode(&mut body).unwrap();
        b"".as_slice().encode(&mut body).unwrap();
        body.push(CERT_SERIAL_BITMAP);
        bitmap.as_slice().encode(&mut body).unwrap();
        let mut file = Krl::default().to_bytes(1);
        file.push(SECTION_CERTIFICATES);
        body.as_slice().encode(&mut file).unwrap();
        assert!(Krl::parse(&file).is_err());
    }

    #[test]
    fn ranges_merge_in_any_order_and_a_long_list_reads_in_one_pass() {
        let ca = key(B);
        let mut krl = Krl::default();
        for (low, high) in [(40, 50), (10, 12), (20, 30), (13, 19), (31, 39), (60, 60)] {
            krl.revoke_serials(Some(&ca), low, high);
        }
        assert_eq!(
            krl.certs[0].serials.iter().collect::<Vec<_>>(),
            [(&10, &50), (&60, &60)]
        );
        krl.revoke_serials(Some(&ca), u64::MAX - 1, u64::MAX);
        krl.revoke_serials(Some(&ca), 0, 9);
        assert_eq!(krl.certs[0].serials.len(), 3);

        // A million serials one by one, highest first: one range.
        let mut list = Vec::new();
        for serial in (1..=1_000_000u64).rev() {
            serial.encode(&mut list).unwrap();
        }
        let mut body = Vec::new();
        b"".as_slice().encode(&mut body).unwrap();
        b"".as_slice().encode(&mut body).unwrap();
        body.push(CERT_SERIAL_LIST);
        list.as_slice().encode(&mut body).unwrap();
        let mut file = Krl::default().to_bytes(1);
        file.push(SECTION_CERTIFICATES);
        body.as_slice().encode(&mut file).unwrap();
        let read = Krl::parse(&file).unwrap();
        assert_eq!(
            read.certs[0].serials.iter().collect::<Vec<_>>(),
            [(&1, &1_000_000)]
        );
    }

    #[test]
    fn spec_lines_as_ssh_keygen_reads_them() {
        assert_eq!(spec_line("  # all comment").unwrap(), Spec::Nothing);
        assert_eq!(spec_line("serial: 5").unwrap(), Spec::Serials(5, 5));
        assert_eq!(
            spec_line("SERIAL:0x10-20 # note").unwrap(),
            Spec::Serials(16, 20)
        );
        assert!(spec_line("serial: 9-3").is_err());
        assert!(spec_line("serial: x").is_err());
        assert_eq!(
            spec_line("id: lost laptop ").unwrap(),
            Spec::KeyId("lost laptop".into())
        );
        assert_eq!(
            spec_line(&format!("sha1: {A}")).unwrap(),
            Spec::Key {
                how: KeyRevocation::Sha1,
                line: A.to_owned()
            }
        );
        assert!(spec_line("hash: MD5:abc").is_err());
    }
}
