//! The DER private key structures behind PEM and PKCS#8 files, reached
//! directly (the key-file target reaches them only through valid base64).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::keyfile::pkcs;

fuzz_target!(|data: &[u8]| {
    let _ = pkcs::from_pkcs1(data);
    let _ = pkcs::from_sec1(data);
    let _ = pkcs::from_pkcs8(data);
    let _ = pkcs::from_encrypted_pkcs8(data, b"fuzz");
});
