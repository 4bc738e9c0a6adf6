//! SEC1 EC private keys whose curve is spelled out (OpenSSL's
//! `-param_enc explicit`: a SpecifiedECDomain instead of a curve's name),
//! read as the named curve they equal, as ssh-keygen (through OpenSSL)
//! reads them. The `sec1` crate takes named curves only; this walks the
//! DER by hand, which is short: the structure is fixed (SEC 1 v2, C.2 and
//! C.4), and every field the match needs is compared whole: the prime, the
//! coefficients a and b, the base point and the order.

use p256::elliptic_curve::sec1::ToSec1Point;

use super::der::expect;

/// The curves sshgen reads: OID, prime p, coefficient b and order n (hex,
/// big-endian, no leading zeros). For each, a = p - 3.
const CURVES: [(&str, &str, &str, &str); 3] = [
    (
        super::P256_OID,
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
    ),
    (
        super::P384_OID,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    ),
    (
        super::P521_OID,
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
        "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    ),
];

/// The prime-field type of a SpecifiedECDomain's fieldID
/// (1.2.840.10045.1.1), as DER content.
const PRIME_FIELD: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x01, 0x01];

fn strip(mut bytes: &[u8]) -> &[u8] {
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

fn hex(bytes: &[u8]) -> String {
    crate::render::hex(strip(bytes))
}

/// The curve's OID and the private scalar of a SEC1 `ECPrivateKey` whose
/// parameters spell out P-256, P-384 or P-521; `None` for anything else.
pub fn named_curve_of_explicit(der: &[u8]) -> Option<(&'static str, &[u8])> {
    let (key, _) = expect(der, 0x30)?;
    let (_version, rest) = expect(key, 0x02)?;
    let (scalar, rest) = expect(rest, 0x04)?;
    let (parameters, _) = expect(rest, 0xa0)?;
    let (domain, _) = expect(parameters, 0x30)?;
    let (_version, rest) = expect(domain, 0x02)?;
    let (field, rest) = expect(rest, 0x30)?;
    let (field_type, field_rest) = expect(field, 0x06)?;
    let (prime, _) = expect(field_rest, 0x02)?;
    let (curve, rest) = expect(rest, 0x30)?;
    let (a, curve_rest) = expect(curve, 0x04)?;
    let (b, _) = expect(curve_rest, 0x04)?;
    let (base, rest) = expect(rest, 0x04)?;
    let (order, _) = expect(rest, 0x02)?;
    if field_type != PRIME_FIELD {
        return None;
    }
    let (oid, _, _, _) = CURVES
        .iter()
        .find(|(_, p, b_hex, n)| hex(prime) == *p && hex(b) == *b_hex && hex(order) == *n)?;
    // a = p - 3: every byte of p but the last, which ends in 0xff here.
    let p_bytes = strip(prime);
    let (last, head) = p_bytes.split_last()?;
    let a = strip(a);
    if a.len() != p_bytes.len() || &a[..head.len()] != head || a[head.len()] != last - 3 {
        return None;
    }
    let generator = match *oid {
        super::P256_OID => p256::AffinePoint::GENERATOR
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        super::P384_OID => p384::AffinePoint::GENERATOR
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        _ => p521::AffinePoint::GENERATOR
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
    };
    // The base point as written: uncompressed, or compressed with the
    // generator's x and the parity of its y.
    let same_base = match base.first() {
        Some(4) => base == generator.as_slice(),
        Some(&sign @ (2 | 3)) => {
            let half = (generator.len() - 1) / 2;
            base[1..] == generator[1..=half] && (sign & 1) == (generator[generator.len() - 1] & 1)
        }
        _ => false,
    };
    same_base.then_some((*oid, scalar))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_curve_has_a_prime_and_order_of_one_size() {
        for (_, p, b, n) in CURVES {
            assert_eq!(p.len(), n.len(), "{p}");
            assert!(b.len() <= p.len());
        }
        assert_eq!(CURVES[2].1.len(), 132, "P-521's prime takes 66 bytes");
    }

    #[test]
    fn what_is_not_an_explicit_curve_key_is_none() {
        assert_eq!(named_curve_of_explicit(&[]), None);
        assert_eq!(
            named_curve_of_explicit(&[0x30, 0x03, 0x02, 0x01, 0x01]),
            None
        );
    }
}
