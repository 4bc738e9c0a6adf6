//! The one reader of key files, in every format it takes (OpenSSH v1,
//! PEM PKCS#1/SEC1 plain and legacy-encrypted, PKCS#8 plain and
//! encrypted, PuTTY v2 and v3, key lines): parsing, and opening with a
//! passphrase when the declared work is small enough to run many times a
//! second.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::keyfile::{self, KeyInput};

fuzz_target!(|data: &[u8]| {
    let _ = keyfile::public_keys(data);
    if let Ok(KeyInput::Private(file)) = keyfile::parse(data) {
        let _ = file.public_key();
        let _ = file.comment();
        let argon2 = file.ppk().and_then(|ppk| ppk.argon2.as_ref());
        let cheap = argon2.is_none_or(|a| u64::from(a.memory) * u64::from(a.passes) <= 256);
        if cheap && file.kdf_rounds().is_none_or(|rounds| rounds <= 2) {
            let _ = file.decrypt(Some(b"fuzz"), sshgen::keys::MAX_KDF_ROUNDS);
            let _ = file.decrypt(None, sshgen::keys::MAX_KDF_ROUNDS);
        }
    }
});
