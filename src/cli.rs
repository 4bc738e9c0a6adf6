//! The command line, declared with clap. No I/O and no logic live here: each
//! flag is documented beside its definition and turned into a plan elsewhere.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::fingerprint::FingerprintHash;
use crate::keys::{DEFAULT_KDF_ROUNDS, KeyType};
use crate::passphrase::NewPassphraseSource;
use crate::passphrase::existing::ExistingPassphraseSource;

/// Make and manage OpenSSH keys.
///
/// With no subcommand, sshgen takes generate's options, so ssh-keygen habits
/// carry over: `sshgen -t rsa -b 4096 -f ~/.ssh/id_rsa -N ''`.
#[derive(Debug, Parser)]
#[command(
    name = "sshgen",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_value_name = "COMMAND",
    after_help = GENERATE_EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub generate: GenerateArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new key pair (the default command)
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(GenerateArgs),

    /// Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does
    #[command(after_help = FINGERPRINT_EXAMPLES)]
    Fingerprint(FingerprintArgs),

    /// Print the public key of a private key, as ssh-keygen -y does
    Public(PublicArgs),

    /// List the key pairs in a folder (default ~/.ssh) and their problems
    List(ListArgs),
}

const FINGERPRINT_EXAMPLES: &str = "\
Inputs: private keys (OpenSSH, PEM, PKCS#8; no passphrase needed), .pub files,
authorized_keys and known_hosts files (every key line), or - for standard input.

Examples:
  sshgen fingerprint ~/.ssh/id_ed25519.pub         SHA256 fingerprint line
  sshgen fingerprint -E md5 -v ~/.ssh/id_rsa       MD5 fingerprint and randomart
  sshgen fingerprint ~/.ssh/known_hosts --json     every host key, as JSON";

/// Options of `sshgen fingerprint`.
#[derive(Debug, Args)]
pub struct FingerprintArgs {
    /// Key files: private, .pub, authorized_keys or known_hosts ('-' for standard input)
    #[arg(value_name = "FILE", required = true, value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// Fingerprint hash to show
    #[arg(short = 'E', long = "hash", value_name = "HASH", value_enum, default_value_t = HashArg::Sha256)]
    pub hash: HashArg,

    /// Also draw the randomart picture of each key (ssh-keygen -lv)
    #[arg(short = 'v', long = "randomart")]
    pub randomart: bool,

    /// Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)
    #[arg(short = 'B', long = "bubblebabble")]
    pub bubblebabble: bool,

    /// Print a JSON array with one object a key on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

/// Options of `sshgen public`.
#[derive(Debug, Args)]
pub struct PublicArgs {
    /// Private key file ('-' for standard input)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// Also (re)write FILE.pub with the public key (mode 0644, replaced atomically)
    #[arg(long)]
    pub write: bool,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Print one JSON object describing the key on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

/// Where the passphrase of an existing encrypted key comes from; without
/// one, it is asked at the terminal.
#[derive(Debug, Args)]
#[group(id = "existing_passphrase", multiple = false)]
pub struct ExistingPassphraseArgs {
    /// Passphrase of the key; visible to other users in the process list:
    /// prefer --passphrase-file or --passphrase-env
    #[arg(
        id = "passphrase",
        short = 'P',
        long = "passphrase",
        value_name = "TEXT"
    )]
    pub text: Option<String>,

    /// Read the key's passphrase from the first line of PATH ('-' for standard input)
    #[arg(id = "passphrase_file", long = "passphrase-file", value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Read the key's passphrase from environment variable VAR
    #[arg(id = "passphrase_env", long = "passphrase-env", value_name = "VAR")]
    pub env: Option<String>,
}

impl ExistingPassphraseArgs {
    /// The chosen source; no option means "ask at the terminal".
    pub fn source(&self) -> ExistingPassphraseSource {
        if let Some(text) = &self.text {
            ExistingPassphraseSource::Argument(text.clone())
        } else if let Some(path) = &self.file {
            ExistingPassphraseSource::File(path.clone())
        } else if let Some(var) = &self.env {
            ExistingPassphraseSource::Env(var.clone())
        } else {
            ExistingPassphraseSource::Ask
        }
    }
}

/// Options of `sshgen list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folder to look in [default: ~/.ssh]
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// Print a JSON array with one object a key pair on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

const GENERATE_EXAMPLES: &str = "\
Examples:
  sshgen                                   Ed25519 key in ~/.ssh/id_ed25519, asks for a passphrase
  sshgen -t rsa -b 4096 -C work@laptop     RSA key with a comment
  sshgen -f deploy_key --no-passphrase --json
                                           unattended key for a build server, details as JSON";

/// Options of `sshgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Key type [ssh-keygen's names are accepted too, e.g. ssh-ed25519]
    #[arg(short = 't', long = "type", value_name = "TYPE", value_enum, ignore_case = true, default_value_t = TypeArg::Ed25519)]
    pub key_type: TypeArg,

    /// Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521
    #[arg(short = 'b', long, value_name = "BITS")]
    pub bits: Option<u32>,

    /// Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]
    #[arg(short = 'f', long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Comment stored in the key, shown by services next to it [default: user@host]
    #[arg(short = 'C', long, value_name = "TEXT")]
    pub comment: Option<String>,

    #[command(flatten)]
    pub passphrase: NewPassphraseArgs,

    /// Replace existing key files without asking
    #[arg(long)]
    pub force: bool,

    /// Fingerprint hash to show
    #[arg(short = 'E', long = "hash", value_name = "HASH", value_enum, default_value_t = HashArg::Sha256)]
    pub hash: HashArg,

    /// Print nothing but errors
    #[arg(short, long, conflicts_with = "json")]
    pub quiet: bool,

    /// Print one JSON object describing the new key on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

/// Options for the passphrase of a private key being written.
#[derive(Debug, Args)]
pub struct NewPassphraseArgs {
    #[command(flatten)]
    pub source: NewPassphraseSourceArgs,

    /// bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack
    #[arg(
        id = "rounds",
        short = 'a',
        long = "rounds",
        value_name = "ROUNDS",
        default_value_t = DEFAULT_KDF_ROUNDS,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub rounds: u32,
}

/// Where a new passphrase comes from; at most one may be given.
#[derive(Debug, Args)]
#[group(id = "new_passphrase", multiple = false)]
pub struct NewPassphraseSourceArgs {
    /// New passphrase ('' for none); visible to other users in the process list:
    /// prefer --passphrase-file or --passphrase-env
    #[arg(
        id = "passphrase",
        short = 'N',
        long = "passphrase",
        value_name = "TEXT"
    )]
    pub text: Option<String>,

    /// Read the new passphrase from the first line of PATH ('-' for standard input)
    #[arg(id = "passphrase_file", long = "passphrase-file", value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Read the new passphrase from environment variable VAR
    #[arg(id = "passphrase_env", long = "passphrase-env", value_name = "VAR")]
    pub env: Option<String>,

    /// Leave the private key unencrypted
    #[arg(id = "no_passphrase", long = "no-passphrase", action = ArgAction::SetTrue)]
    pub none: bool,
}

impl NewPassphraseSourceArgs {
    /// The chosen source; no option means "ask at the terminal".
    pub fn source(&self) -> NewPassphraseSource {
        if let Some(text) = &self.text {
            NewPassphraseSource::Argument(text.clone())
        } else if let Some(path) = &self.file {
            NewPassphraseSource::File(path.clone())
        } else if let Some(var) = &self.env {
            NewPassphraseSource::Env(var.clone())
        } else if self.none {
            NewPassphraseSource::None
        } else {
            NewPassphraseSource::Ask
        }
    }
}

/// Key types, with ssh-keygen's spellings as aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TypeArg {
    #[value(alias = "ssh-ed25519")]
    Ed25519,
    #[value(alias = "ssh-rsa", alias = "rsa-sha2-256", alias = "rsa-sha2-512")]
    Rsa,
    Ecdsa,
    #[value(name = "ecdsa-sha2-nistp256", hide = true)]
    EcdsaP256,
    #[value(name = "ecdsa-sha2-nistp384", hide = true)]
    EcdsaP384,
    #[value(name = "ecdsa-sha2-nistp521", hide = true)]
    EcdsaP521,
    /// Accepted only to explain why it is refused.
    #[value(alias = "ssh-dss", hide = true)]
    Dsa,
}

impl TypeArg {
    /// The name as typed on the command line.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default()
    }

    /// The key type, and the size the name implies (`ecdsa-sha2-nistp384` → 384).
    pub fn resolve(self) -> Option<(KeyType, Option<u32>)> {
        Some(match self {
            TypeArg::Ed25519 => (KeyType::Ed25519, None),
            TypeArg::Rsa => (KeyType::Rsa, None),
            TypeArg::Ecdsa => (KeyType::Ecdsa, None),
            TypeArg::EcdsaP256 => (KeyType::Ecdsa, Some(256)),
            TypeArg::EcdsaP384 => (KeyType::Ecdsa, Some(384)),
            TypeArg::EcdsaP521 => (KeyType::Ecdsa, Some(521)),
            TypeArg::Dsa => return None,
        })
    }
}

/// Fingerprint hashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HashArg {
    Sha256,
    Md5,
    Sha512,
}

impl From<HashArg> for FingerprintHash {
    fn from(hash: HashArg) -> Self {
        match hash {
            HashArg::Sha256 => FingerprintHash::Sha256,
            HashArg::Md5 => FingerprintHash::Md5,
            HashArg::Sha512 => FingerprintHash::Sha512,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_flags_mean_generate() {
        let cli = Cli::try_parse_from(["sshgen", "-t", "rsa", "-b", "4096", "-N", ""]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.generate.key_type, TypeArg::Rsa);
        assert_eq!(cli.generate.bits, Some(4096));
        assert_eq!(
            cli.generate.passphrase.source.source(),
            NewPassphraseSource::Argument(String::new())
        );
    }

    #[test]
    fn passphrase_options_exclude_each_other() {
        let err = Cli::try_parse_from(["sshgen", "-N", "x", "--no-passphrase"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn ssh_keygen_type_names_are_accepted() {
        let cli = Cli::try_parse_from(["sshgen", "-t", "ecdsa-sha2-nistp384"]).unwrap();
        assert_eq!(
            cli.generate.key_type.resolve(),
            Some((KeyType::Ecdsa, Some(384)))
        );
        let cli = Cli::try_parse_from(["sshgen", "generate", "-t", "ssh-ed25519"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Generate(ref g)) if g.key_type == TypeArg::Ed25519)
        );
    }
}
