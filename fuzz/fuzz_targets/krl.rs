//! Key revocation lists (`-u` and `-Q` read them) and `-k`'s spec lines:
//! refused or read, never a panic; what is read writes back to the same
//! list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::krl::{self, Krl};

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = Krl::parse(data) {
        let again = Krl::parse(&list.to_bytes(1)).expect("a written KRL reads back");
        assert_eq!(again.to_bytes(1), list.to_bytes(1));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for line in text.lines() {
            let _ = krl::spec_line(line);
        }
    }
});
