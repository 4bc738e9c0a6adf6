//! The one reader of key files, in every format it takes (OpenSSH v1,
//! PEM PKCS#1/SEC1 plain and legacy-encrypted, PKCS#8 plain and
//! encrypted, key lines): parsing, and opening with a passphrase when the
//! declared work is small enough to run many times a second.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::keyfile::{self, KeyInput};

fuzz_target!(|data: &[u8]| {
    let _ = keyfile::public_keys(data);
    if let Ok(KeyInput::Private(file)) = keyfile::parse(data) {
        let _ = file.public_key();
        let _ = file.comment();
        if file.kdf_rounds().is_none_or(|rounds| rounds <= 2) {
            let _ = file.decrypt(Some(b"fuzz"));
            let _ = file.decrypt(None);
        }
    }
});
