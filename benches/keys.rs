//! Microbenchmarks of the pure cores: key generation per type, bcrypt-pbkdf
//! (parallel against the serial crate), encryption of a key, fingerprints and
//! randomart. Run with `cargo bench`; `cargo test` does not run them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sshgen::fingerprint::randomart::randomart;
use sshgen::fingerprint::{Fingerprint, FingerprintHash};
use sshgen::keys::{self, KeySpec, KeyType};

fn key_generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    for (name, key_type, bits) in [
        ("ed25519", KeyType::Ed25519, None),
        ("ecdsa-256", KeyType::Ecdsa, Some(256)),
        ("ecdsa-384", KeyType::Ecdsa, Some(384)),
        ("ecdsa-521", KeyType::Ecdsa, Some(521)),
    ] {
        let spec = KeySpec::new(key_type, bits).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| keys::generate(keys::os_rng, black_box(spec), "bench").unwrap())
        });
    }
    group.finish();

    // RSA times are spread wide by the random prime search: few, long samples.
    let mut group = c.benchmark_group("generate-rsa");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for bits in [2048, 3072, 4096] {
        let spec = KeySpec::new(KeyType::Rsa, Some(bits)).unwrap();
        group.bench_function(format!("rsa-{bits}"), |b| {
            b.iter(|| keys::generate(keys::os_rng, black_box(spec), "bench").unwrap())
        });
    }
    group.finish();
}

fn kdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("bcrypt-pbkdf");
    group.sample_size(10);
    let salt = [7u8; 16];
    for rounds in [16, 24] {
        group.bench_function(format!("parallel-48-bytes-{rounds}-rounds"), |b| {
            b.iter(|| {
                let mut out = [0u8; 48];
                keys::bcrypt_pbkdf::bcrypt_pbkdf(b"pass phrase", &salt, rounds, &mut out).unwrap();
                out
            })
        });
        group.bench_function(format!("serial-crate-48-bytes-{rounds}-rounds"), |b| {
            b.iter(|| {
                let mut out = [0u8; 48];
                bcrypt_pbkdf::bcrypt_pbkdf(b"pass phrase", &salt, rounds, &mut out).unwrap();
                out
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("encrypt");
    group.sample_size(10);
    let key = keys::generate(
        keys::os_rng,
        KeySpec::new(KeyType::Ed25519, None).unwrap(),
        "c",
    )
    .unwrap();
    group.bench_function("ed25519-16-rounds", |b| {
        b.iter(|| keys::encrypt(&mut keys::os_rng(), &key, b"pass phrase", 16).unwrap())
    });
    group.finish();
}

fn fingerprints(c: &mut Criterion) {
    let key = keys::generate(
        keys::os_rng,
        KeySpec::new(KeyType::Rsa, Some(3072)).unwrap(),
        "c",
    )
    .unwrap();
    let blob = keys::public_key_blob(key.public_key().key_data()).unwrap();
    let line = keys::public_key_line(key.public_key()).unwrap();
    let mut group = c.benchmark_group("fingerprint");
    group.bench_function("sha256-rsa-3072", |b| {
        b.iter(|| Fingerprint::of(black_box(&blob), FingerprintHash::Sha256))
    });
    group.bench_function("md5-rsa-3072", |b| {
        b.iter(|| Fingerprint::of(black_box(&blob), FingerprintHash::Md5))
    });
    group.bench_function("parse-line-and-sha256-rsa-3072", |b| {
        b.iter(|| {
            let key = ssh_key::PublicKey::from_openssh(black_box(&line)).unwrap();
            keys::fingerprint(key.key_data(), FingerprintHash::Sha256).unwrap()
        })
    });
    let fingerprint = Fingerprint::of(&blob, FingerprintHash::Sha256);
    group.bench_function("randomart", |b| {
        b.iter(|| randomart(black_box(&fingerprint), "RSA", 3072))
    });
    group.finish();
}

criterion_group!(benches, key_generation, kdf, fingerprints);
criterion_main!(benches);
