//! Secrets in memory: [`Passphrase`], wiped when dropped. A leaf module:
//! the prompt that reads a passphrase and the sources that resolve one both
//! use it without depending on each other.

use zeroize::Zeroizing;

/// A passphrase, wiped from memory when dropped. Empty means "no passphrase".
#[derive(Clone, Default)]
pub struct Passphrase(Zeroizing<Vec<u8>>);

impl Passphrase {
    pub fn new(bytes: Vec<u8>) -> Self {
        Passphrase(Zeroizing::new(bytes))
    }

    pub fn none() -> Self {
        Passphrase::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        // Compared only to check that two typed entries agree; the timing of
        // this comparison reveals nothing an attacker could not type.
        self.0.as_slice() == other.0.as_slice()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}
