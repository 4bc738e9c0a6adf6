//! SSH signatures and who may make them, and DH moduli candidates: an
//! armored signature (its signer plain or a certificate), allowed_signers
//! lines with every check run over them, and `-M screen`'s lines; refused
//! or read, never a panic, and a signature read writes back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::allowed_signers;
use sshgen::sshsig::{SignerKey, Sshsig};

fuzz_target!(|data: &[u8]| {
    if let Ok(sig) = Sshsig::from_armored(data) {
        let again = Sshsig::from_armored(sig.to_armored().as_bytes()).expect("it reads back");
        assert_eq!(again, sig);
        let _ = sig.verify("git", &[0u8; 64]);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = allowed_signers::lines(text);
    let signer = lines
        .iter()
        .find_map(|line| line.as_ref().ok().map(|entry| entry.key.clone()));
    if let Some(signer) = &signer {
        let _ = allowed_signers::check(&lines, signer, "a@example.com", "git", 1 << 31);
        let _ = allowed_signers::find_principals(&lines, signer, 1 << 31);
        let _ = SignerKey::from_blob(&signer.blob());
    }
    let _ = allowed_signers::match_principals(&lines, "a@example.com");
    for line in text.lines() {
        let _ = sshgen::moduli::screen_line(line, 4, 0);
    }
});
