//! `sshgen import`: RFC4716, PKCS#8 and PEM public keys, detected and
//! named.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::convert::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = convert::detect(text);
    for format in [Format::Rfc4716, Format::Pkcs8, Format::Pem] {
        let _ = convert::import(text, format);
    }
});
