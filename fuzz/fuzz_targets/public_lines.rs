//! authorized_keys, known_hosts and .pub lines: options, host patterns,
//! markers, hashed hosts, certificates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for entry in sshgen::keyfile::parse_public_lines(data) {
        let _ = entry.shown_comment();
        let _ = sshgen::keys::bits(&entry.key);
    }
});
