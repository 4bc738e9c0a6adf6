//! SSHFP resource records (RFC 4255, 6594, 7479): the DNS records that
//! publish a host key's fingerprints, as `ssh-keygen -r` prints them. Pure.

use sha2::Digest;
use ssh_key::public::KeyData;

use crate::error::Result;

/// SSHFP's resource record type number.
const RR_TYPE: u16 = 44;

/// The key's algorithm number in SSHFP, if it has one (certificates and
/// security keys have none).
fn algorithm(key: &KeyData) -> Option<u8> {
    match key {
        KeyData::Rsa(_) => Some(1),
        KeyData::Dsa(_) => Some(2),
        KeyData::Ecdsa(_) => Some(3),
        KeyData::Ed25519(_) => Some(4),
        _ => None,
    }
}

/// The records of `key` for `hostname`, SHA-1 (type 1) then SHA-256 (type
/// 2): `HOST IN SSHFP ALG TYPE HEX`, or with `generic` RFC 3597's form
/// `HOST IN TYPE44 \# LEN ALG TYPE HEX` for DNS servers that do not know
/// SSHFP. `None` for a key SSHFP has no algorithm number for.
pub fn records(hostname: &str, key: &KeyData, generic: bool) -> Result<Option<Vec<String>>> {
    let Some(algorithm) = algorithm(key) else {
        return Ok(None);
    };
    let blob = crate::keys::public_key_blob(key)?;
    let digests = [
        (1u8, sha1::Sha1::digest(&blob).to_vec()),
        (2u8, sha2::Sha256::digest(&blob).to_vec()),
    ];
    Ok(Some(
        digests
            .iter()
            .map(|(digest_type, digest)| {
                let hex = crate::render::hex(digest);
                if generic {
                    format!(
                        "{hostname} IN TYPE{RR_TYPE} \\# {} {algorithm:02x} {digest_type:02x} {hex}",
                        2 + digest.len()
                    )
                } else {
                    format!("{hostname} IN SSHFP {algorithm} {digest_type} {hex}")
                }
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_openssh_regress_ed25519_key_in_both_forms() {
        // regress/ed25519_openssh.pub and the digests keygen-sshfp.sh expects.
        let key = ssh_key::PublicKey::from_openssh(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMTz/QUztjDrFzndCmJlRACH8sraYQDA0M1h1JHoYgYj",
        )
        .unwrap();
        let sha1 = "8a8647a7567e202ce317e62606c799c53d4c121f";
        let sha256 = "54a506fb849aafb9f229cf78a94436c281efcb4ae67c8a430e8c06afcb5ee18f";
        assert_eq!(
            records("test", key.key_data(), false).unwrap().unwrap(),
            [
                format!("test IN SSHFP 4 1 {sha1}"),
                format!("test IN SSHFP 4 2 {sha256}")
            ]
        );
        assert_eq!(
            records("test", key.key_data(), true).unwrap().unwrap(),
            [
                format!("test IN TYPE44 \\# 22 04 01 {sha1}"),
                format!("test IN TYPE44 \\# 34 04 02 {sha256}")
            ]
        );
    }
}
