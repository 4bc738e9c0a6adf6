//! Tests of the key file readers: every format in tests/fixtures/keys gives the
//! key ssh-keygen wrote beside it, and no input, random or a mutated real key
//! file, makes a reader panic.

use super::*;
use base64ct::Encoding;
use ssh_key::PublicKey;

const PASSPHRASE: &[u8] = b"secret phrase";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn pub_of(name: &str) -> PublicKey {
    let text = String::from_utf8(fixture(&format!("{name}.pub"))).unwrap();
    PublicKey::from_openssh(text.trim_end()).unwrap()
}

/// (fixture, format, encrypted, public half readable without a passphrase)
const PEM_KEYS: &[(&str, PrivateFormat, bool, bool)] = &[
    ("formats/rsa2048-pkcs1", PrivateFormat::Pkcs1, false, true),
    (
        "formats/rsa2048-pkcs1-enc",
        PrivateFormat::Pkcs1,
        true,
        false,
    ),
    (
        "formats/rsa2048-pkcs1-des3",
        PrivateFormat::Pkcs1,
        true,
        false,
    ),
    ("formats/rsa2048-pkcs8", PrivateFormat::Pkcs8, false, true),
    (
        "formats/rsa2048-pkcs8-enc",
        PrivateFormat::Pkcs8,
        true,
        false,
    ),
    ("formats/ecdsa256-sec1", PrivateFormat::Sec1, false, true),
    (
        "formats/ecdsa384-sec1-enc",
        PrivateFormat::Sec1,
        true,
        false,
    ),
    ("formats/ecdsa521-pkcs8", PrivateFormat::Pkcs8, false, true),
    (
        "formats/ecdsa256-pkcs8-enc",
        PrivateFormat::Pkcs8,
        true,
        false,
    ),
    (
        "formats/ed25519-openssh-enc",
        PrivateFormat::OpenSsh,
        true,
        true,
    ),
    ("ed25519", PrivateFormat::OpenSsh, false, true),
    ("rsa3072", PrivateFormat::OpenSsh, false, true),
    ("ecdsa384", PrivateFormat::OpenSsh, false, true),
];

#[test]
fn every_private_format_gives_the_key_of_its_pub() {
    for &(name, format, encrypted, public_in_clear) in PEM_KEYS {
        let bytes = fixture(name);
        let expected = pub_of(name);
        let KeyInput::Private(file) = parse(&bytes).unwrap() else {
            panic!("{name} read as public keys");
        };
        assert_eq!(file.format(), format, "{name}");
        assert_eq!(file.is_encrypted(), encrypted, "{name}");
        assert_eq!(
            file.public_key(),
            public_in_clear.then_some(expected.key_data()),
            "{name}"
        );
        let key = private_key(&bytes, Some(PASSPHRASE)).unwrap();
        assert_eq!(key.public_key().key_data(), expected.key_data(), "{name}");
        assert!(!key.is_encrypted(), "{name}");
        if encrypted {
            assert_eq!(
                private_key(&bytes, None).unwrap_err(),
                KeyFileError::PassphraseRequired,
                "{name}"
            );
            assert_eq!(
                private_key(&bytes, Some(b"wrong phrase")).unwrap_err(),
                KeyFileError::IncorrectPassphrase,
                "{name}"
            );
        }
    }
}

/// ssh-keygen's `-Z chacha20-poly1305@openssh.com` keys open with their
/// passphrase (they were refused once though the dependency runs the
/// cipher), and a wrong passphrase is still said to be one.
#[test]
fn openssh_key_under_chacha20_poly1305_opens() {
    let bytes = fixture("formats/ed25519-openssh-chacha");
    let key = private_key(&bytes, Some(PASSPHRASE)).unwrap();
    assert_eq!(
        key.public_key().key_data(),
        pub_of("formats/ed25519-openssh-chacha").key_data()
    );
    assert_eq!(
        private_key(&bytes, Some(b"wrong")).unwrap_err(),
        KeyFileError::IncorrectPassphrase
    );
}

#[test]
fn comments_come_only_from_unencrypted_openssh_keys() {
    let file = parse_private(&fixture("ed25519")).unwrap();
    assert_eq!(file.comment(), Some("alice@example.com".to_owned()));
    let file = parse_private(&fixture("ed25519-nocomment")).unwrap();
    assert_eq!(file.comment(), Some(String::new()));
    let file = parse_private(&fixture("formats/ed25519-openssh-enc")).unwrap();
    assert_eq!(file.comment(), None);
    let file = parse_private(&fixture("formats/rsa2048-pkcs1")).unwrap();
    assert_eq!(file.comment(), None);
    // The decrypted OpenSSH key has its comment back.
    let key = private_key(&fixture("formats/ed25519-openssh-enc"), Some(PASSPHRASE)).unwrap();
    assert_eq!(key.comment().as_str_lossy(), "ed25519-enc@example.com");
}

#[test]
fn ed25519_pkcs8_from_openssl() {
    let bytes = fixture("formats/ed25519-pkcs8");
    let hex = String::from_utf8(fixture("formats/ed25519-pkcs8.public-hex")).unwrap();
    let key = private_key(&bytes, None).unwrap();
    let KeyData::Ed25519(public) = key.public_key().key_data() else {
        panic!("not Ed25519");
    };
    let shown: String = public.0.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(shown, hex.trim());
}

#[test]
fn public_keys_of_private_and_public_files() {
    let entries = public_keys(&fixture("ed25519")).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].key, *pub_of("ed25519").key_data());
    assert_eq!(entries[0].shown_comment(), Some("alice@example.com"));
    let entries = public_keys(&fixture("ed25519-nocomment")).unwrap();
    assert_eq!(entries[0].shown_comment(), None);
    let entries = public_keys(&fixture("rsa2048.pub")).unwrap();
    assert_eq!(entries[0].shown_comment(), Some("rsa2048@example.com"));
    assert_eq!(
        public_keys(&fixture("formats/rsa2048-pkcs8-enc")).unwrap_err(),
        KeyFileError::PublicKeyEncrypted
    );
    assert_eq!(
        private_key(&fixture("rsa2048.pub"), None).unwrap_err(),
        KeyFileError::NotPrivate
    );
}

#[test]
fn not_keys_and_unsupported_keys_are_errors() {
    assert_eq!(parse(b"").unwrap_err(), KeyFileError::NotAKey);
    assert_eq!(
        parse(b"# only a comment\n\n").unwrap_err(),
        KeyFileError::NotAKey
    );
    assert!(matches!(
        parse(b"-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n"),
        Err(KeyFileError::Unsupported(_))
    ));
    assert!(matches!(
        parse(b"---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n"),
        Err(KeyFileError::Unsupported(_))
    ));
    assert!(matches!(
        parse(b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"),
        Err(KeyFileError::Malformed(_))
    ));
    assert_eq!(
        parse(b"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n").unwrap_err(),
        KeyFileError::NotAKey
    );
    let err = KeyFileError::IncorrectPassphrase.at(Path::new("/k/id"));
    assert_eq!(err.to_string(), "incorrect passphrase for /k/id");
}

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }
}

/// Whether trying a passphrase on `input` is quick. A mutated KDF cost can ask
/// for hours of bcrypt or PBKDF2, which is slow (as in OpenSSH) but not a
/// parser fault, so such inputs are parsed but not decrypted here.
fn decrypting_is_cheap(input: &[u8]) -> bool {
    match parse_private(input) {
        Ok(PrivateKeyFile {
            content: Content::OpenSsh(key),
            ..
        }) => match key.kdf() {
            ssh_key::Kdf::Bcrypt { rounds, .. } => *rounds <= 16,
            _ => true,
        },
        Ok(PrivateKeyFile {
            content: Content::EncryptedPkcs8(der),
            ..
        }) => pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice()).is_ok_and(|info| {
            matches!(&info.encryption_algorithm, pkcs8::pkcs5::EncryptionScheme::Pbes2(p)
                if matches!(&p.kdf, pkcs8::pkcs5::pbes2::Kdf::Pbkdf2(k) if k.iteration_count <= 4096))
        }),
        _ => true,
    }
}

/// Runs every reader over `input`, and what commands do with the keys it
/// yields (size, label, blob, fingerprint, art); they may fail but must return.
fn read_everything(input: &[u8]) {
    let _ = parse(input);
    if let Ok(entries) = public_keys(input) {
        for entry in entries {
            let bits = crate::keys::bits(&entry.key);
            let label = crate::keys::type_label(&entry.algorithm);
            if let Ok(blob) = crate::keys::public_key_blob(&entry.key) {
                let fp = crate::fingerprint::Fingerprint::of(&blob, Default::default());
                let _ = crate::fingerprint::randomart(&fp, &label, bits);
                let _ = crate::fingerprint::bubblebabble(&blob);
            }
        }
    }
    if decrypting_is_cheap(input) {
        let _ = private_key(input, Some(PASSPHRASE));
    }
    let _ = private_key(input, None);
    let _ = parse_public_lines(input);
    let _ = pem::parse_block(input);
}

/// Changes one to four places of `input`: flipped bits, random bytes,
/// truncation, deleted or duplicated ranges, and edits of the base64 text
/// inside the armour so the decoded structure (not just its armour) is hit.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        if out.is_empty() {
            out.push(rng.next().to_le_bytes()[0]);
            continue;
        }
        let at = rng.below(out.len());
        match rng.below(7) {
            0 => out[at] ^= 1 << rng.below(8),
            1 => out[at] = rng.next().to_le_bytes()[0],
            2 => out.truncate(at),
            3 => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            4 => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                let copy = out[at..end].to_vec();
                let to = rng.below(out.len());
                out.splice(to..to, copy);
            }
            5 => {
                const B64: &[u8] =
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                if out[at].is_ascii_alphanumeric() {
                    out[at] = B64[rng.below(64)];
                }
            }
            _ => out.insert(at, b"\n \t\r-:#\"@0"[rng.below(10)]),
        }
    }
    out
}

/// Re-encodes the DER inside a PEM block with one byte changed, so lengths,
/// tags and integers of the key structure itself are attacked.
fn mutate_der(rng: &mut Rng, input: &[u8]) -> Option<Vec<u8>> {
    let block = pem::parse_block(input).ok()?;
    if block.encryption.is_some() || block.body.is_empty() {
        return None;
    }
    let mut der = block.body.to_vec();
    let at = rng.below(der.len());
    match rng.below(3) {
        0 => der[at] = rng.next().to_le_bytes()[0],
        1 => der.truncate(at),
        _ => der[at] ^= 0x80,
    }
    let body = base64ct::Base64::encode_string(&der);
    let mut text = format!("-----BEGIN {}-----\n", block.label);
    for chunk in body.as_bytes().chunks(64) {
        text.push_str(std::str::from_utf8(chunk).ok()?);
        text.push('\n');
    }
    text.push_str(&format!("-----END {}-----\n", block.label));
    Some(text.into_bytes())
}

#[test]
fn no_input_makes_a_reader_panic() {
    let mut seeds: Vec<Vec<u8>> = PEM_KEYS.iter().map(|(name, ..)| fixture(name)).collect();
    for name in [
        "ed25519.pub",
        "rsa2048.pub",
        "ecdsa521.pub",
        "ed25519-cert.pub",
    ] {
        seeds.push(fixture(name));
    }
    let ed = String::from_utf8(fixture("ed25519.pub")).unwrap();
    seeds
        .push(format!("# hosts\n|1|abc=|def= {ed}@cert-authority *.example.com {ed}").into_bytes());
    seeds.push(format!("from=\"10.0.0.1\",command=\"a \\\"b\\\"\" {ed}").into_bytes());

    let mut rng = Rng(0x5EED_0FC0_FFEE);
    let mut cases = 0usize;
    // Random bytes, plain and behind a PEM header.
    for _ in 0..300 {
        let len = rng.below(300);
        let random: Vec<u8> = (0..len).map(|_| rng.next().to_le_bytes()[0]).collect();
        read_everything(&random);
        let mut armoured = b"-----BEGIN OPENSSH PRIVATE KEY-----\n".to_vec();
        armoured.extend_from_slice(&random);
        read_everything(&armoured);
        cases += 2;
    }
    // Mutated real key files. Encrypted PKCS#8 runs PBKDF2 on each try, so
    // those seeds get fewer rounds to keep the test quick in a debug build.
    for seed in &seeds {
        let rounds = if seed.starts_with(b"-----BEGIN ENCRYPTED") {
            40
        } else {
            400
        };
        for _ in 0..rounds {
            read_everything(&mutate(&mut rng, seed));
            cases += 1;
            if let Some(der) = mutate_der(&mut rng, seed) {
                read_everything(&der);
                cases += 1;
            }
        }
    }
    eprintln!("{cases} inputs read without a panic");
    assert!(cases > 5_000, "only {cases} cases ran");
}

#[test]
fn puttygen_keys_give_the_key_puttygen_printed_with_their_comments() {
    for (name, encrypted) in [
        ("formats/ed25519-ppk3.ppk", true),
        ("formats/rsa2048-ppk2.ppk", true),
        ("formats/ecdsa384-ppk3-plain.ppk", false),
    ] {
        let expected = pub_of(name);
        let KeyInput::Private(file) = parse(&fixture(name)).unwrap() else {
            panic!("{name} is a private key");
        };
        assert_eq!(file.format(), PrivateFormat::Ppk);
        assert_eq!(file.is_encrypted(), encrypted, "{name}");
        // The public key and comment are in clear, even when encrypted.
        assert_eq!(file.public_key(), Some(expected.key_data()), "{name}");
        assert_eq!(
            file.comment(),
            Some(expected.comment().as_str_lossy().to_owned())
        );
        let key = file
            .decrypt(Some(PASSPHRASE), crate::keys::MAX_KDF_ROUNDS)
            .unwrap();
        assert_eq!(key.public_key().key_data(), expected.key_data(), "{name}");
        assert_eq!(key.comment(), expected.comment());
        if encrypted {
            assert_eq!(
                file.decrypt(Some(b"wrong"), crate::keys::MAX_KDF_ROUNDS)
                    .unwrap_err(),
                KeyFileError::IncorrectPassphrase
            );
        }
    }
}
