//! The domain's choices as clap reads them from the command line (their
//! names, ssh-keygen's spellings as aliases, and the help of each value):
//! the cores define the types, the front end how they are typed, so that
//! no core knows clap.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::clipboard::Preference;
use crate::convert::Format;
use crate::fingerprint::FingerprintHash;
use crate::keyfile::PrivateTextFormat;
use crate::keyfile::ppk::Flavour;
use crate::keys::TypeChoice;
use crate::services::Service;

/// `impl ValueEnum` for a domain type: each variant and its value.
macro_rules! values {
    ($type:ty { $($variant:ident => $value:expr),+ $(,)? }) => {
        impl ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$type>::$variant),+]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $(<$type>::$variant => $value,)+
                })
            }
        }
    };
}

values!(TypeChoice {
    Ed25519 => PossibleValue::new("ed25519").alias("ssh-ed25519"),
    Rsa => PossibleValue::new("rsa").aliases(["ssh-rsa", "rsa-sha2-256", "rsa-sha2-512"]),
    Ecdsa => PossibleValue::new("ecdsa"),
    EcdsaP256 => PossibleValue::new("ecdsa-sha2-nistp256").hide(true),
    EcdsaP384 => PossibleValue::new("ecdsa-sha2-nistp384").hide(true),
    EcdsaP521 => PossibleValue::new("ecdsa-sha2-nistp521").hide(true),
    SkEd25519 => PossibleValue::new("ed25519-sk").alias("sk-ssh-ed25519@openssh.com"),
    SkEcdsa => PossibleValue::new("ecdsa-sk").alias("sk-ecdsa-sha2-nistp256@openssh.com"),
    // Accepted only to explain why it is refused.
    Dsa => PossibleValue::new("dsa").alias("ssh-dss").hide(true),
});

values!(Service {
    Bitbucket => PossibleValue::new("bitbucket"),
    Github => PossibleValue::new("github"),
    Gitlab => PossibleValue::new("gitlab"),
    Gitea => PossibleValue::new("gitea").alias("forgejo"),
    AzureDevops => PossibleValue::new("azure-devops"),
    Ssh => PossibleValue::new("ssh").help("a plain git server: REPO is USER@HOST:PATH"),
});

values!(FingerprintHash {
    Sha256 => PossibleValue::new("sha256"),
    Md5 => PossibleValue::new("md5"),
    Sha512 => PossibleValue::new("sha512"),
});

values!(PrivateTextFormat {
    Openssh => PossibleValue::new("openssh").help("`BEGIN OPENSSH PRIVATE KEY`"),
    Pem => PossibleValue::new("pem")
        .help("`BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)"),
    Pkcs8 => PossibleValue::new("pkcs8")
        .help("`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase"),
    Ppk => PossibleValue::new("ppk")
        .help("PuTTY's `.ppk` (version 3; `sshgen convert` also writes version 2)"),
});

values!(Format {
    Rfc4716 => PossibleValue::new("rfc4716")
        .alias("ssh2")
        .help("`---- BEGIN SSH2 PUBLIC KEY ----` (RFC 4716)"),
    Pkcs8 => PossibleValue::new("pkcs8")
        .help("`-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo)"),
    Pem => PossibleValue::new("pem").help("`-----BEGIN RSA PUBLIC KEY-----` (PKCS#1)"),
});

values!(Flavour {
    Argon2id => PossibleValue::new("argon2id"),
    Argon2i => PossibleValue::new("argon2i"),
    Argon2d => PossibleValue::new("argon2d"),
});

values!(Preference {
    Auto => PossibleValue::new("auto"),
    Native => PossibleValue::new("native"),
    Osc52 => PossibleValue::new("osc52"),
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Each type's names, as the command line and the completions take them.
    fn names<T: ValueEnum>() -> Vec<String> {
        T::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_owned())
            .collect()
    }

    #[test]
    fn every_variant_has_its_command_line_name() {
        assert_eq!(
            names::<TypeChoice>(),
            [
                "ed25519",
                "rsa",
                "ecdsa",
                "ecdsa-sha2-nistp256",
                "ecdsa-sha2-nistp384",
                "ecdsa-sha2-nistp521",
                "ed25519-sk",
                "ecdsa-sk",
                "dsa"
            ]
        );
        for variant in TypeChoice::value_variants() {
            assert_eq!(TypeChoice::from_str(&variant.name(), true), Ok(*variant));
        }
        assert_eq!(TypeChoice::from_str("ssh-dss", true), Ok(TypeChoice::Dsa));
        assert_eq!(
            TypeChoice::from_str("sk-ssh-ed25519@openssh.com", true),
            Ok(TypeChoice::SkEd25519)
        );
        assert_eq!(
            TypeChoice::from_str("RSA-SHA2-512", true),
            Ok(TypeChoice::Rsa)
        );
        assert_eq!(
            names::<Service>(),
            [
                "bitbucket",
                "github",
                "gitlab",
                "gitea",
                "azure-devops",
                "ssh"
            ]
        );
        for service in Service::value_variants() {
            assert_eq!(Service::from_str(service.name(), false), Ok(*service));
        }
        assert_eq!(Format::from_str("ssh2", true), Ok(Format::Rfc4716));
        assert_eq!(names::<Flavour>(), ["argon2id", "argon2i", "argon2d"]);
        assert_eq!(names::<Preference>(), ["auto", "native", "osc52"]);
        assert_eq!(names::<FingerprintHash>(), ["sha256", "md5", "sha512"]);
        assert_eq!(
            names::<PrivateTextFormat>(),
            ["openssh", "pem", "pkcs8", "ppk"]
        );
    }
}
