//! sshgen's command line, declared with clap, and the one place that turns
//! what clap parsed into each command's plain `Options` (`*Args::options`):
//! `~/` expanded, `-` read as standard input, flags that decide one thing
//! folded into one value. No other I/O and no logic live here; each flag is
//! documented beside its definition.

// The doc comments of the clap declarations below are the help text users
// read (`[USER@]HOST`, `[default: …]`), not links for rustdoc.
#![allow(rustdoc::broken_intra_doc_links)]

mod values;

use std::path::PathBuf;

use clap::builder::{PathBufValueParser, TypedValueParser};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::clipboard::Preference;
use crate::code_host::token::TokenChoice;
use crate::commands;
use crate::convert::Format;
use crate::error::Result;
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile::PrivateTextFormat;
use crate::keys::{DEFAULT_KDF_ROUNDS, TypeChoice};
use crate::ops::key_pair;
use crate::output::Output;
use crate::passphrase::PassphraseSource;
use crate::platform::expand_tilde;

/// A value parser for a file argument where `-` means standard input.
fn input_parser() -> impl TypedValueParser<Value = Input> {
    PathBufValueParser::new().map(Input::from)
}

/// What `--version` says after the name: the version, and which command
/// line this is (`keygen_cli` says the other).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (sshgen's command line; ssh-keygen's when run as ssh-keygen)"
);

/// Make and manage OpenSSH keys.
///
/// With no command, sshgen takes generate's options, so ssh-keygen habits
/// carry over: sshgen -t rsa -b 4096 -f ~/.ssh/id_rsa -N ''
#[derive(Debug, Parser)]
#[command(
    name = "sshgen",
    version = VERSION,
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

/// The commands, in the order `--help` lists them: making a key, then using
/// it, inspecting it, maintaining it, converting it, and the shell.
///
/// Each command's arguments are built only when that command runs (`defer`):
/// building every command's arguments at start-up cost more than making an
/// Ed25519 key. Deferred arguments are applied after the attributes here, so
/// no argument struct (nor one it flattens) may carry a doc comment: it would
/// replace the command's about text. Plain comments describe them instead.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Make a new key pair (the default command)
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(GenerateArgs),

    /// Copy a public key to the clipboard, ready to paste into a service's
    /// "add SSH key" form
    #[command(after_help = COPY_EXAMPLES)]
    Copy(CopyArgs),

    /// Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does
    #[command(after_help = FINGERPRINT_EXAMPLES)]
    Fingerprint(FingerprintArgs),

    /// Print the public key of a private key, as ssh-keygen -y does
    #[command(after_help = PUBLIC_EXAMPLES)]
    Public(PublicArgs),

    /// List the key pairs in a folder (default ~/.ssh) and their problems
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),

    /// Add, change or remove the passphrase of a private key (ssh-keygen -p)
    #[command(after_help = PASSPHRASE_EXAMPLES)]
    Passphrase(PassphraseArgs),

    /// Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)
    #[command(after_help = COMMENT_EXAMPLES)]
    Comment(CommentArgs),

    /// Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),

    /// Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),

    /// Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),

    /// Say why ssh does not use a key: folder and key permissions, .pub files,
    /// config, agent, known_hosts; --fix repairs what is safe
    #[command(after_help = DOCTOR_EXAMPLES)]
    Doctor(DoctorArgs),

    /// An access key for a repository in one step: key, Host alias, host key,
    /// added through the host's API and proven by a clone; rotate, label,
    /// remove and list them
    #[command(
        name = "access-key",
        alias = "deploy-key",
        after_help = ACCESS_KEY_EXAMPLES,
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        subcommand_value_name = "ACTION"
    )]
    AccessKey(AccessKeyArgs),

    /// Put a public key on a server, as ssh-copy-id does, from any platform
    #[command(name = "copy-id", after_help = COPY_ID_EXAMPLES)]
    CopyId(CopyIdArgs),

    /// The keys a server lets in: add with sshd's options (checked as sshd
    /// reads them), list, remove
    #[command(
        name = "authorized-keys",
        after_help = AUTHORIZED_KEYS_EXAMPLES,
        subcommand_value_name = "ACTION"
    )]
    AuthorizedKeys {
        #[command(subcommand)]
        action: AuthorizedKeysAction,
    },

    /// Host aliases in ~/.ssh/config that use one key for one host
    #[command(after_help = CONFIG_EXAMPLES, subcommand_value_name = "ACTION")]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },

    /// Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)
    #[command(name = "known-hosts", after_help = KNOWN_HOSTS_EXAMPLES, subcommand_value_name = "ACTION")]
    KnownHosts {
        #[command(subcommand)]
        action: KnownHostsAction,
    },

    /// Check that a key gets in: runs ssh -T and says what happened
    #[command(after_help = TEST_EXAMPLES)]
    Test(TestArgs),

    /// Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does
    #[command(after_help = SIGN_EXAMPLES)]
    Sign(SignArgs),

    /// Check a file's SSH signature and who made it, as ssh-keygen -Y verify does
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),

    /// Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)
    #[command(after_help = CERT_EXAMPLES, subcommand_value_name = "ACTION")]
    Cert {
        #[command(subcommand)]
        action: CertAction,
    },

    /// Set git up to sign commits and tags with an SSH key, and to verify them
    #[command(name = "git-signing", after_help = GIT_SIGNING_EXAMPLES)]
    GitSigning(GitSigningArgs),

    /// Add keys to the ssh-agent, list and remove them (ssh-add)
    #[command(after_help = AGENT_EXAMPLES, subcommand_value_name = "ACTION")]
    Agent {
        #[command(subcommand)]
        action: AgentAction,
    },

    /// Download the keys kept on a security key into key files (ssh-keygen -K)
    #[command(name = "resident-keys", after_help = RESIDENT_KEYS_EXAMPLES)]
    ResidentKeys(ResidentKeysArgs),

    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),

    /// Serves a clipboard selection for X11 or Wayland until another program
    /// takes it; started by sshgen itself so the text outlives the command.
    /// `native` clears the macOS or Windows clipboard later instead
    #[command(name = "serve-clipboard", hide = true)]
    ServeClipboard {
        #[arg(value_enum)]
        protocol: DisplayProtocol,
        /// Stop serving (clear) after this many seconds
        #[arg(long)]
        clear_after: Option<u32>,
    },
}

// Examples shown after the options in `--help`, and in the man pages. Each
// example is a command line indented by two spaces, then what it does indented
// by six, so both stay readable in a terminal and can be parsed back
// (tests/integration/man_pages/examples.rs); a paragraph before `Examples:` is kept as a note.
const GENERATE_EXAMPLES: &str = "\
Examples:
  sshgen
      Ed25519 key in ~/.ssh/id_ed25519; asks for the file name and a passphrase
  sshgen -t rsa -b 4096 -C work@laptop
      RSA key with a comment
  sshgen -f ci/deploy_key -C deploy@build --no-passphrase --json
      Unattended key for a build server, its details as JSON";

const COPY_EXAMPLES: &str = "\
Examples:
  sshgen copy
      The first of ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub and id_ecdsa_sk.pub, ready to paste
  sshgen copy ~/.ssh/work_key
      The public half of a private key, in any format (no passphrase needed)
  sshgen copy - < key.pub
      A key from standard input";

const FINGERPRINT_EXAMPLES: &str = "\
Inputs: private keys (OpenSSH, PEM, PKCS#8; no passphrase needed), .pub files,
authorized_keys and known_hosts files (every key line), or - for standard input.

Examples:
  sshgen fingerprint ~/.ssh/id_ed25519.pub
      The SHA256 fingerprint line, as ssh-keygen -l prints it
  sshgen fingerprint -E md5 -v ~/.ssh/id_rsa
      The MD5 fingerprint and the randomart picture
  sshgen fingerprint ~/.ssh/known_hosts --json
      Every host key in the file, as JSON";

const PUBLIC_EXAMPLES: &str = "\
Examples:
  sshgen public ~/.ssh/id_ed25519
      The public key line of a private key, as ssh-keygen -y prints it
  sshgen public ~/.ssh/id_rsa --write --passphrase-env KEY_PASS
      Recreates ~/.ssh/id_rsa.pub; the key's passphrase from the environment";

const LIST_EXAMPLES: &str = "\
Examples:
  sshgen list
      The keys in ~/.ssh, with their problems flagged
  sshgen list ~/keys --json
      The keys in another folder, as JSON";

const PASSPHRASE_EXAMPLES: &str = "\
Examples:
  sshgen passphrase ~/.ssh/id_ed25519
      Asks for the old and the new passphrase
  sshgen passphrase key --old-passphrase-env OLD --passphrase-env NEW
      Unattended change, both secrets from the environment
  sshgen passphrase key -P old --no-passphrase
      Removes the passphrase";

const COMMENT_EXAMPLES: &str = "\
Examples:
  sshgen comment ~/.ssh/id_ed25519 -C ana@new-laptop
      A new comment in the private key and in its .pub
  sshgen comment key -C deploy@build --passphrase-file pass.txt
      The same for an encrypted key, its passphrase read from a file";

const EXPORT_EXAMPLES: &str = "\
Examples:
  sshgen export ~/.ssh/id_ed25519.pub
      The public key in RFC4716 format, for systems that want it
  sshgen export ~/.ssh/id_rsa --format pem
      An RSA public key as BEGIN RSA PUBLIC KEY";

const CONVERT_EXAMPLES: &str = "\
Examples:
  sshgen convert ~/.ssh/id_ed25519 --to ppk
      ~/.ssh/id_ed25519.ppk for PuTTY, WinSCP or FileZilla, with the same passphrase
  sshgen convert work.ppk --to openssh
      work and work.pub for OpenSSH, from a key PuTTYgen made
  sshgen convert ~/.ssh/id_rsa --to ppk --ppk-version 2 -o old-tool.ppk
      For tools that say \"PuTTY key format too new\"
  sshgen convert key.ppk --to pkcs8 -o key.p8 --no-passphrase
      An unencrypted PKCS8 copy";

const DOCTOR_EXAMPLES: &str = "\
Examples:
  sshgen doctor
      Every check of ~/.ssh, ~/.ssh/config, the agent and git, one line each
  sshgen doctor github.com
      Also the keys ssh would offer github.com and its known_hosts entries
  sshgen doctor --fix
      Also repairs permissions and missing .pub files, and lists what changed";

const IMPORT_EXAMPLES: &str = "\
Examples:
  sshgen import server_key.rfc4716
      An RFC4716 public key as one OpenSSH public key line
  sshgen import --format pkcs8 - < key.pem
      A BEGIN PUBLIC KEY block from standard input";

const ACCESS_KEY_EXAMPLES: &str = "\
Examples:
  sshgen access-key bitbucket acme/widget
      Key, alias, Bitbucket's host keys, clipboard, and the page to paste it on
  sshgen access-key github acme/widget --json
      The same, everything it made as JSON
  sshgen access-key gitlab team/app --hostname git.example.com -p 2222
      A self-hosted server; --host-key gives the host key its owner published
  GH_TOKEN=... sshgen access-key github acme/widget --ci acme/widget
      Added through GitHub's API, proven by git ls-remote, and the private key
      stored as the Actions secret ACME_WIDGET_DEPLOY_KEY
  sshgen access-key rotate github acme/widget
      A new key, added and proven before the old one is deleted
  sshgen access-key ssh git@git.example.com:srv/widget.git --install
      Your own git server: the key installed there over ssh, for git-shell only
  sshgen access-key list --remote
      Every access key made here, and what each host says of it";

const COPY_ID_EXAMPLES: &str = "\
Examples:
  sshgen copy-id ana@server.example.com
      Installs ~/.ssh/id_ed25519.pub (or id_ecdsa, id_rsa, id_ed25519_sk, id_ecdsa_sk), asking for the password once
  sshgen copy-id -i ~/.ssh/backup.pub -p 2222 --restrict --from 10.0.0.5 backup@nas
      A restricted key on another port
  sshgen copy-id -n ana@server.example.com
      Says what would be added, and changes nothing";

const AUTHORIZED_KEYS_EXAMPLES: &str = "\
Examples:
  sshgen authorized-keys add ~/.ssh/laptop.pub --from '10.0.0.0/8' --no-agent-forwarding
      The key may log in from 10.x only, without agent forwarding
  sshgen authorized-keys add backup.pub --restrict --command /usr/local/bin/receive-backup
      A key that runs that one program, with no forwarding and no terminal
  sshgen authorized-keys list
      Each key as ssh-keygen -l shows it, with its options
  sshgen authorized-keys remove SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s
      Takes that key's line out; every other line stays";

const CONFIG_EXAMPLES: &str = "\
Examples:
  sshgen config add widget --hostname bitbucket.org --user git --identity ~/.ssh/widget_key
      git clone git@widget:acme/widget.git then uses that key, and only that key
  sshgen config list
      The Host aliases and the key each uses
  sshgen config remove widget
      Removes the alias's block; every other line stays";

const KNOWN_HOSTS_EXAMPLES: &str = "\
Examples:
  sshgen known-hosts add github
      GitHub's published host keys, so the first clone needs no ssh-keyscan
  sshgen known-hosts find github.com
      The lines for a host, as ssh-keygen -F prints them
  sshgen known-hosts remove old.example.com
      Removes its lines, keeping the old file as known_hosts.old (ssh-keygen -R)";

const TEST_EXAMPLES: &str = "\
Examples:
  sshgen test git@bitbucket-acme__widget
      Through an alias that access-key or config add made
  sshgen test git@github.com -i ~/.ssh/deploy_key
      One key, alone";

const SIGN_EXAMPLES: &str = "\
Examples:
  sshgen sign release.tar.gz
      Writes release.tar.gz.sig with ~/.ssh/id_ed25519 (namespace file)
  sshgen sign -f ~/.ssh/work notes.txt -n mail
      Another key and namespace";

const VERIFY_EXAMPLES: &str = "\
Examples:
  sshgen verify release.tar.gz --signer ana@example.com
      Checks release.tar.gz.sig against ~/.ssh/allowed_signers
  sshgen verify notes.txt --signer ana@example.com --allowed-signers team_signers -n mail
      Another list of signers and namespace";

const CERT_EXAMPLES: &str = "\
Examples:
  sshgen cert sign --ca ~/ca/user_ca --id ana@laptop --principal ana --valid +52w ana.pub
      Writes ana-cert.pub: user ana may log in for a year where the CA is trusted
  sshgen cert sign --ca ~/ca/host_ca --host --id web1 --principal web1.example.com ssh_host_ed25519_key.pub
      A host certificate, for clients with an @cert-authority line
  sshgen cert show ana-cert.pub
      What it says, as ssh-keygen -L prints it";

const GIT_SIGNING_EXAMPLES: &str = "\
Examples:
  sshgen git-signing --global
      Every repository signs with ~/.ssh/id_ed25519 (or id_ecdsa, id_rsa, id_ed25519_sk, id_ecdsa_sk) as git's user.email
  sshgen git-signing --key ~/.ssh/work.pub --email ana@corp.example
      This repository, another key and name
  sshgen git-signing --global --program
      And git runs sshgen, not ssh-keygen, to sign and verify";

const AGENT_EXAMPLES: &str = "\
Examples:
  sshgen agent add
      Adds ~/.ssh/id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519 and id_ed25519_sk (those that exist), as ssh-add does
  sshgen agent add ~/.ssh/deploy_key -t 1h --confirm
      One key, forgotten after an hour, each use confirmed
  sshgen agent list
      The agent's keys, as ssh-add -l prints them
  sshgen agent remove --all
      Empties the agent";

const RESIDENT_KEYS_EXAMPLES: &str = "\
Examples:
  sshgen resident-keys
      Writes each resident key to ~/.ssh/id_ed25519_sk_rk_APPLICATION_USER (or id_ecdsa_sk_rk_)
  sshgen resident-keys --dir . --no-passphrase
      Into the current folder, as ssh-keygen -K does, without a passphrase";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  sshgen completions bash > ~/.local/share/bash-completion/completions/sshgen
      Completion for bash, loaded on demand
  sshgen completions zsh > ~/.zfunc/_sshgen
      Completion for zsh; ~/.zfunc must be in fpath before compinit runs
  sshgen completions fish > ~/.config/fish/completions/sshgen.fish
      Completion for fish";

// Options of `sshgen access-key`: `add` (also without its name), or
// one of the other actions.
#[derive(Debug, Args)]
pub struct AccessKeyArgs {
    #[command(subcommand)]
    pub action: Option<AccessKeyAction>,

    #[command(flatten)]
    pub add: Box<AccessKeyAddArgs>,
}

#[derive(Debug, Subcommand)]
pub enum AccessKeyAction {
    /// Make the key and alias, add the key through the API, prove it clones (the default)
    #[command(after_help = ACCESS_KEY_EXAMPLES)]
    Add(Box<AccessKeyAddArgs>),
    /// A new key, added and proven by a clone before the old one is deleted
    #[command(after_help = ACCESS_KEY_EXAMPLES)]
    Rotate(AccessKeyRotateArgs),
    /// Change the key's label on the host (Bitbucket, GitLab)
    #[command(after_help = ACCESS_KEY_EXAMPLES)]
    Label(AccessKeyLabelArgs),
    /// Delete the key on the host, and its alias and files here
    #[command(after_help = ACCESS_KEY_EXAMPLES)]
    Remove(AccessKeyRemoveArgs),
    /// The access keys made here; --remote adds each host's view
    #[command(after_help = ACCESS_KEY_EXAMPLES)]
    List(AccessKeyListArgs),
}

// Where the API is, and its token.
#[derive(Debug, Args, Clone)]
pub struct ApiArgs {
    /// The API's base, when not the service's own (https://HOST/api/v3 for GitHub Enterprise)
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,

    /// Read the API token from this variable
    #[arg(long, value_name = "VAR", conflicts_with = "token_file")]
    pub token_env: Option<String>,

    /// Read the API token from this file (- for standard input)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub token_file: Option<PathBuf>,
}

impl ApiArgs {
    fn options(self) -> commands::access_key::remote::ApiOptions {
        let ApiArgs {
            api_url,
            token_env,
            token_file,
        } = self;
        let token = match (token_env, token_file) {
            (Some(name), _) => TokenChoice::Env(name),
            (None, Some(file)) => TokenChoice::File(file),
            (None, None) => TokenChoice::Usual,
        };
        commands::access_key::remote::ApiOptions { api_url, token }
    }
}

// The service and repository an action is about.
#[derive(Debug, Args)]
pub struct AccessKeyTarget {
    /// The code host
    #[arg(value_name = "SERVICE", value_enum)]
    pub service: crate::services::Service,

    /// The repository: OWNER/REPO
    #[arg(value_name = "REPO")]
    pub repo: String,
}

#[derive(Debug, Args)]
pub struct AccessKeyRotateArgs {
    #[command(flatten)]
    pub target: AccessKeyTarget,

    /// Leave the old key on the host
    #[arg(long)]
    pub keep_old: bool,

    #[command(flatten)]
    pub api: ApiArgs,

    /// Print one JSON object with every step, and nothing else there
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AccessKeyLabelArgs {
    #[command(flatten)]
    pub target: AccessKeyTarget,

    /// The new label
    #[arg(value_name = "TEXT", allow_hyphen_values = true)]
    pub label: String,

    #[command(flatten)]
    pub api: ApiArgs,

    /// Print one JSON object, and nothing else there
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AccessKeyRemoveArgs {
    #[command(flatten)]
    pub target: AccessKeyTarget,

    /// Keep the key files
    #[arg(long)]
    pub keep_key: bool,

    #[command(flatten)]
    pub api: ApiArgs,

    /// Print one JSON object, and nothing else there
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AccessKeyListArgs {
    /// Ask each host which of the keys it has, and what else it has
    #[arg(long)]
    pub remote: bool,

    #[command(flatten)]
    pub api: ApiArgs,

    /// Print one JSON array, and nothing else there
    #[arg(long)]
    pub json: bool,
}

impl AccessKeyArgs {
    pub fn options(self) -> Result<(commands::access_key::Action, Output)> {
        use commands::access_key::{Action, manage, rotate};
        let AccessKeyArgs { action, add } = self;
        Ok(match action {
            None | Some(AccessKeyAction::Add(_)) => {
                let args = match action {
                    Some(AccessKeyAction::Add(args)) => args,
                    _ => add,
                };
                let (options, output) = args.options()?;
                (Action::Add(Box::new(options)), output)
            }
            Some(AccessKeyAction::Rotate(AccessKeyRotateArgs {
                target,
                keep_old,
                api,
                json,
            })) => (
                Action::Rotate(rotate::Options {
                    service: target.service,
                    repo: target.repo,
                    api: api.options(),
                    keep_old,
                }),
                Output::choose(json, false),
            ),
            Some(AccessKeyAction::Label(AccessKeyLabelArgs {
                target,
                label,
                api,
                json,
            })) => (
                Action::Label(manage::LabelOptions {
                    service: target.service,
                    repo: target.repo,
                    label,
                    api: api.options(),
                }),
                Output::choose(json, false),
            ),
            Some(AccessKeyAction::Remove(AccessKeyRemoveArgs {
                target,
                keep_key,
                api,
                json,
            })) => (
                Action::Remove(manage::RemoveOptions {
                    service: target.service,
                    repo: target.repo,
                    api: api.options(),
                    keep_key,
                }),
                Output::choose(json, false),
            ),
            Some(AccessKeyAction::List(AccessKeyListArgs { remote, api, json })) => (
                Action::List(manage::ListOptions {
                    remote,
                    api: api.options(),
                }),
                Output::choose(json, false),
            ),
        })
    }
}

// Options of `sshgen access-key [add]`. SERVICE and REPO are required,
// but typed as options: with another action named, they are absent.
#[derive(Debug, Args)]
pub struct AccessKeyAddArgs {
    /// The code host
    #[arg(value_name = "SERVICE", value_enum, required = true)]
    pub service: Option<crate::services::Service>,

    /// The repository: OWNER/REPO (ORGANIZATION/PROJECT/REPO on Azure DevOps,
    /// USER@HOST:PATH for ssh)
    #[arg(value_name = "REPO", required = true)]
    pub repo: Option<String>,

    /// A self-hosted server instead of the service's own
    #[arg(long, value_name = "HOST")]
    pub hostname: Option<String>,

    /// Its SSH port
    #[arg(short = 'p', long, value_name = "PORT")]
    pub port: Option<u16>,

    /// The SSH user [default: git]
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,

    /// The self-hosted server's host key, 'TYPE BASE64' (check it with its owner)
    #[arg(long, value_name = "LINE")]
    pub host_key: Option<String>,

    /// The Host alias [default: SERVICE-OWNER__REPO]
    #[arg(long, value_name = "ALIAS")]
    pub alias: Option<String>,

    /// Key type [default: ed25519; rsa for Azure DevOps]
    #[arg(
        short = 't',
        long = "type",
        value_name = "TYPE",
        value_enum,
        ignore_case = true
    )]
    pub key_type: Option<TypeChoice>,

    /// Key size in bits (RSA: 3072 or more for Azure DevOps)
    #[arg(short = 'b', long, value_name = "BITS")]
    pub bits: Option<u32>,

    /// Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]
    #[arg(short = 'f', long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]
    #[arg(short = 'C', long, allow_hyphen_values = true, value_name = "TEXT")]
    pub comment: Option<String>,

    #[command(flatten)]
    pub passphrase: NewPassphraseArgs,

    /// Make a new key and alias even if an earlier run made them
    #[arg(long)]
    pub force: bool,

    /// Copy the public key to the clipboard [default: when stdout is a terminal]
    #[arg(long, overrides_with = "no_copy")]
    pub copy: bool,

    /// Do not copy the public key to the clipboard
    #[arg(long, overrides_with = "copy")]
    pub no_copy: bool,

    #[command(flatten)]
    pub clipboard: ClipboardArgs,

    /// The label on the host [default: the comment]
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub label: Option<String>,

    /// Let the key push too (GitHub, GitLab, Gitea; Bitbucket's are read-only)
    #[arg(long)]
    pub write: bool,

    /// Prepare only: do not add the key through the API even with a token
    #[arg(long)]
    pub no_upload: bool,

    /// Do not prove the key with git ls-remote after adding it
    #[arg(long)]
    pub no_verify: bool,

    /// Give the private key to the builds of this repository (OWNER/REPO):
    /// Pipelines' key pair, an Actions secret, a GitLab file variable
    #[arg(long, value_name = "REPO")]
    pub ci: Option<String>,

    /// The secret's or variable's name [default: OWNER_REPO_DEPLOY_KEY]
    #[arg(long, value_name = "NAME", requires = "ci")]
    pub secret_name: Option<String>,

    /// A plain git server (ssh USER@HOST:PATH): put the key in its
    /// authorized_keys over ssh, restricted to git-shell
    #[arg(long)]
    pub install: bool,

    /// With --install, the forced command instead of git-shell
    #[arg(
        long = "command",
        value_name = "CMD",
        requires = "install",
        allow_hyphen_values = true
    )]
    pub forced_command: Option<String>,

    #[command(flatten)]
    pub api: ApiArgs,

    /// Print one JSON object with everything made, and nothing else there
    #[arg(long)]
    pub json: bool,
}

impl AccessKeyAddArgs {
    pub fn options(self) -> Result<(commands::access_key::Options, Output)> {
        let AccessKeyAddArgs {
            service,
            repo,
            hostname,
            port,
            user,
            host_key,
            alias,
            key_type,
            bits,
            file,
            comment,
            passphrase,
            force,
            copy,
            no_copy,
            clipboard,
            label,
            write,
            no_upload,
            no_verify,
            ci,
            secret_name,
            install,
            forced_command,
            api,
            json,
        } = self;
        // An access key serves automation: no passphrase unless asked for.
        let source = match passphrase.source.source() {
            PassphraseSource::Ask => PassphraseSource::None,
            given => given,
        };
        let (Some(service), Some(repo)) = (service, repo) else {
            return Err(crate::error::Error::Usage(
                "name the service and repository: sshgen access-key SERVICE OWNER/REPO".to_owned(),
            ));
        };
        let options = commands::access_key::Options {
            service,
            repo,
            hostname,
            port,
            user,
            host_key,
            alias,
            key_type,
            bits,
            file,
            comment,
            passphrase: source,
            rounds: passphrase.rounds,
            force,
            copy: (copy || no_copy).then_some(copy),
            clipboard: clipboard.way,
            label,
            write,
            upload: !no_upload,
            verify: !no_verify,
            api: api.options(),
            ci,
            secret_name,
            install,
            forced_command,
        };
        Ok((options, Output::choose(json, false)))
    }
}

// What `sshgen config` does (a plain comment: a doc comment would replace
// the command's about text).
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes
    #[command(after_help = CONFIG_EXAMPLES)]
    Add {
        /// The alias, as in git clone git@ALIAS:owner/repo.git
        #[arg(value_name = "ALIAS")]
        alias: String,
        /// The real host name
        #[arg(long, value_name = "HOST")]
        hostname: String,
        /// The SSH user (git for code hosts)
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// The SSH port
        #[arg(short = 'p', long, value_name = "PORT")]
        port: Option<u16>,
        /// The private key the alias uses, alone
        #[arg(short = 'i', long, value_name = "KEY", value_hint = ValueHint::FilePath)]
        identity: PathBuf,
        /// Replace an alias of that name
        #[arg(long)]
        force: bool,
        /// The config file [default: ~/.ssh/config]
        #[arg(short = 'F', long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
    },
    /// List the Host blocks and the key each uses
    #[command(after_help = CONFIG_EXAMPLES)]
    List {
        /// Print a JSON array with one object a Host block
        #[arg(long)]
        json: bool,
        /// The config file [default: ~/.ssh/config]
        #[arg(short = 'F', long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
    },
    /// Remove a Host block, keeping every other line
    #[command(after_help = CONFIG_EXAMPLES)]
    Remove {
        /// The alias whose Host blocks go
        #[arg(value_name = "ALIAS")]
        alias: String,
        /// The config file [default: ~/.ssh/config]
        #[arg(short = 'F', long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
    },
}

// Options of `sshgen copy-id`.
#[derive(Debug, Args)]
pub struct CopyIdArgs {
    /// The key to install (its .pub, or the private key beside it)
    #[arg(short = 'i', value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub identity: Option<PathBuf>,

    /// The server's SSH port
    #[arg(short = 'p', long, value_name = "PORT")]
    pub port: Option<u16>,

    /// An option for ssh, as ssh -o takes it (repeatable)
    #[arg(short = 'o', value_name = "OPTION")]
    pub ssh_options: Vec<String>,

    /// Say what would be added; change nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,

    /// Install even when the key already gets in
    #[arg(short = 'f', long)]
    pub force: bool,

    #[command(flatten)]
    pub key_options: Box<KeyOptionArgs>,

    /// The server: [USER@]HOST
    #[arg(value_name = "[USER@]HOST")]
    pub target: String,
}

impl CopyIdArgs {
    pub fn options(self) -> commands::copy_id::Options {
        let CopyIdArgs {
            identity,
            port,
            ssh_options,
            dry_run,
            force,
            key_options,
            target,
        } = self;
        commands::copy_id::Options {
            target,
            identity,
            port,
            ssh_options,
            dry_run,
            force,
            key_options: Box::new(key_options.options()),
        }
    }
}

// The options sshd reads before a key, for `authorized-keys add`.
#[derive(Debug, Args)]
pub struct KeyOptionArgs {
    /// restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)
    #[arg(long)]
    pub restrict: bool,
    /// from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)
    #[arg(long, value_name = "PATTERNS")]
    pub from: Option<String>,
    /// command="CMD": run this, whatever the client asks
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    pub command: Option<String>,
    /// expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then
    #[arg(long, value_name = "TIME")]
    pub expiry_time: Option<String>,
    /// cert-authority: the key signs user certificates
    #[arg(long)]
    pub cert_authority: bool,
    /// principals="NAMES": with --cert-authority, the names a certificate must hold
    #[arg(long, value_name = "NAMES", requires = "cert_authority")]
    pub principals: Option<String>,
    /// permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)
    #[arg(long, value_name = "HOST:PORT")]
    pub permit_open: Vec<String>,
    /// permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)
    #[arg(long, value_name = "[HOST:]PORT")]
    pub permit_listen: Vec<String>,
    /// environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub environment: Vec<String>,
    /// no-pty
    #[arg(long)]
    pub no_pty: bool,
    /// no-port-forwarding
    #[arg(long)]
    pub no_port_forwarding: bool,
    /// no-agent-forwarding
    #[arg(long)]
    pub no_agent_forwarding: bool,
    /// no-X11-forwarding
    #[arg(long = "no-x11-forwarding")]
    pub no_x11_forwarding: bool,
    /// no-user-rc
    #[arg(long)]
    pub no_user_rc: bool,
    /// pty (after --restrict)
    #[arg(long)]
    pub pty: bool,
    /// port-forwarding (after --restrict)
    #[arg(long)]
    pub port_forwarding: bool,
    /// agent-forwarding (after --restrict)
    #[arg(long)]
    pub agent_forwarding: bool,
}

impl KeyOptionArgs {
    fn options(self) -> crate::authorized_keys::KeyOptions {
        let KeyOptionArgs {
            restrict,
            from,
            command,
            expiry_time,
            cert_authority,
            principals,
            permit_open,
            permit_listen,
            environment,
            no_pty,
            no_port_forwarding,
            no_agent_forwarding,
            no_x11_forwarding,
            no_user_rc,
            pty,
            port_forwarding,
            agent_forwarding,
        } = self;
        let flags = [
            (no_agent_forwarding, "no-agent-forwarding"),
            (no_port_forwarding, "no-port-forwarding"),
            (no_pty, "no-pty"),
            (no_user_rc, "no-user-rc"),
            (no_x11_forwarding, "no-x11-forwarding"),
            (agent_forwarding, "agent-forwarding"),
            (port_forwarding, "port-forwarding"),
            (pty, "pty"),
        ]
        .into_iter()
        .filter_map(|(on, flag)| on.then_some(flag))
        .collect();
        crate::authorized_keys::KeyOptions {
            restrict,
            cert_authority,
            from,
            command,
            expiry_time,
            principals,
            permit_open,
            permit_listen,
            environment,
            flags,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AuthorizedKeysAction {
    /// Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options
    #[command(after_help = AUTHORIZED_KEYS_EXAMPLES)]
    Add {
        /// The public key file, or - for standard input
        #[arg(value_name = "KEY", value_hint = ValueHint::FilePath)]
        key: Option<PathBuf>,
        #[command(flatten)]
        options: Box<KeyOptionArgs>,
        /// The file [default: ~/.ssh/authorized_keys]
        #[arg(long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
        /// Print one JSON object, and nothing else there
        #[arg(long)]
        json: bool,
    },
    /// List the keys: bits, fingerprint, comment, type, and options
    #[command(after_help = AUTHORIZED_KEYS_EXAMPLES)]
    List {
        /// The file [default: ~/.ssh/authorized_keys]
        #[arg(long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
        /// Print a JSON array, one object a key
        #[arg(long)]
        json: bool,
    },
    /// Remove the lines of a key, named by fingerprint, key file or comment
    #[command(after_help = AUTHORIZED_KEYS_EXAMPLES)]
    Remove {
        /// A fingerprint (SHA256:...), a .pub file, or the key's comment
        #[arg(value_name = "KEY")]
        selector: String,
        /// The file [default: ~/.ssh/authorized_keys]
        #[arg(long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
        /// Print one JSON object, and nothing else there
        #[arg(long)]
        json: bool,
    },
}

impl AuthorizedKeysAction {
    pub fn options(self) -> (commands::authorized_keys::Options, Output) {
        use commands::authorized_keys::{Action, Options};
        match self {
            AuthorizedKeysAction::Add {
                key,
                options,
                file,
                json,
            } => (
                Options {
                    file,
                    action: Action::Add {
                        key: key.map(crate::input::Input::from),
                        options: Box::new(options.options()),
                    },
                },
                Output::choose(json, false),
            ),
            AuthorizedKeysAction::List { file, json } => (
                Options {
                    file,
                    action: Action::List,
                },
                Output::choose(json, false),
            ),
            AuthorizedKeysAction::Remove {
                selector,
                file,
                json,
            } => (
                Options {
                    file,
                    action: Action::Remove { selector },
                },
                Output::choose(json, false),
            ),
        }
    }
}

impl ConfigAction {
    pub fn options(self) -> Result<(commands::config::Options, Output)> {
        use commands::config::{Action, Options};
        let file = |f: Option<PathBuf>| f.as_deref().map(expand_tilde).transpose();
        let output = match &self {
            ConfigAction::List { json, .. } => Output::choose(*json, false),
            _ => Output::Text,
        };
        let options = match self {
            ConfigAction::Add {
                alias,
                hostname,
                user,
                port,
                identity,
                force,
                file: f,
            } => Options {
                file: file(f)?,
                action: Action::Add {
                    alias,
                    hostname,
                    user,
                    port,
                    identity: expand_tilde(&identity)?,
                    force,
                },
            },
            ConfigAction::List { json: _, file: f } => Options {
                file: file(f)?,
                action: Action::List,
            },
            ConfigAction::Remove { alias, file: f } => Options {
                file: file(f)?,
                action: Action::Remove { alias },
            },
        };
        Ok((options, output))
    }
}

// What `sshgen known-hosts` does (a plain comment: a doc comment would
// replace the command's about text).
#[derive(Debug, Subcommand)]
pub enum KnownHostsAction {
    /// Print a host's lines, as ssh-keygen -F does
    #[command(after_help = KNOWN_HOSTS_EXAMPLES)]
    Find {
        /// The host name or address (with -p, its entries for that port)
        #[arg(value_name = "HOST")]
        host: String,
        #[command(flatten)]
        at: HostFileArgs,
    },
    /// Remove a host's lines, as ssh-keygen -R does (the old file kept as FILE.old)
    #[command(after_help = KNOWN_HOSTS_EXAMPLES)]
    Remove {
        /// The host name or address (with -p, its entries for that port)
        #[arg(value_name = "HOST")]
        host: String,
        #[command(flatten)]
        at: HostFileArgs,
    },
    /// Hash every host name, as ssh-keygen -H does
    #[command(after_help = KNOWN_HOSTS_EXAMPLES)]
    Hash {
        /// The known_hosts file [default: ~/.ssh/known_hosts]
        #[arg(short = 'f', long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
    },
    /// Record a host's key: bitbucket, github, gitlab or azure-devops by name
    /// (their published keys), or HOST --key 'TYPE BASE64'
    #[command(after_help = KNOWN_HOSTS_EXAMPLES)]
    Add {
        /// A host name or IP address, or bitbucket, github, gitlab or
        /// azure-devops for their published keys; with --cert-authority, the
        /// host pattern the CA is trusted for (such as *.example.com)
        #[arg(value_name = "HOST")]
        host: String,
        /// The host's key, 'TYPE BASE64', checked with its owner
        #[arg(long, value_name = "LINE")]
        key: Option<String>,
        /// Record --key as a certificate authority trusted to sign the keys
        /// of the hosts HOST matches (an @cert-authority line)
        #[arg(long, requires = "key")]
        cert_authority: bool,
        /// With --cert-authority, let HOST be a pattern that matches every
        /// host (such as *)
        #[arg(long, requires = "cert_authority")]
        all_hosts: bool,
        /// Fetch the server's host keys (ssh-keyscan), show their
        /// fingerprints and record them once confirmed at the terminal or
        /// by --fingerprint
        #[arg(long, conflicts_with_all = ["key", "cert_authority"])]
        scan: bool,
        /// With --scan: the fingerprint the server's owner publishes
        /// (SHA256:...); the keys are recorded only if one of them has it
        #[arg(long, value_name = "FINGERPRINT", requires = "scan")]
        fingerprint: Option<String>,
        #[command(flatten)]
        at: HostFileArgs,
    },
}

// The port and file of a known-hosts action.
#[derive(Debug, Args)]
pub struct HostFileArgs {
    /// The host's SSH port (entries for other ports read [HOST]:PORT)
    #[arg(short = 'p', long, value_name = "PORT", default_value_t = 22,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,
    /// The known_hosts file [default: ~/.ssh/known_hosts]
    #[arg(short = 'f', long = "file", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
}

impl KnownHostsAction {
    pub fn options(self) -> Result<commands::known_hosts::Options> {
        use crate::ops::host_key::{AddRequest, Authority, Scan};
        use commands::known_hosts::{Action, Options};
        let (file, action) = match self {
            KnownHostsAction::Find {
                host,
                at: HostFileArgs { port, file },
            } => (
                file,
                Action::Find {
                    host,
                    port,
                    hashed: false,
                },
            ),
            KnownHostsAction::Remove {
                host,
                at: HostFileArgs { port, file },
            } => (file, Action::Remove { host, port }),
            KnownHostsAction::Hash { file } => (file, Action::Hash),
            KnownHostsAction::Add {
                host,
                key,
                cert_authority,
                all_hosts,
                scan,
                fingerprint,
                at: HostFileArgs { port, file },
            } => (
                file,
                Action::Add(AddRequest {
                    host,
                    port,
                    key,
                    scan: scan.then_some(Scan { fingerprint }),
                    authority: cert_authority.then_some(if all_hosts {
                        Authority::AllHostsAllowed
                    } else {
                        Authority::Scoped
                    }),
                }),
            ),
        };
        Ok(Options {
            file: file.as_deref().map(expand_tilde).transpose()?,
            resolve_aliases: true,
            action,
        })
    }
}

// Options of `sshgen sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Files to sign ('-' signs standard input to standard output)
    #[arg(value_name = "FILE", required = true, value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub files: Vec<Input>,

    /// The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]
    #[arg(short = 'f', long = "key", value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub key: Option<PathBuf>,

    /// What the signature is for; a verifier asks for the same
    #[arg(short = 'n', long, value_name = "NAMESPACE", default_value = "file")]
    pub namespace: String,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Replace a FILE.sig that exists (without it, sshgen asks in a
    /// terminal and refuses elsewhere)
    #[arg(long)]
    pub force: bool,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

impl SignArgs {
    pub fn options(self) -> Result<(commands::signatures::Options, Output)> {
        let SignArgs {
            files,
            key,
            namespace,
            passphrase,
            force,
            quiet,
        } = self;
        let options = commands::signatures::Options::Sign {
            key: match key {
                Some(key) => expand_tilde(&key)?,
                None => crate::ops::default_key::private("sign -f KEY FILE")?,
            },
            namespace,
            files: files
                .into_iter()
                .map(Input::expanded)
                .collect::<Result<_>>()?,
            hash: ssh_key::HashAlg::Sha512,
            passphrase: passphrase.source(),
            require_agent: false,
            sk_provider: None,
            existing: if force {
                commands::signatures::Existing::Replace
            } else {
                commands::signatures::Existing::AskTerminal
            },
        };
        Ok((options, Output::choose(false, quiet)))
    }
}

// Options of `sshgen verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The signed file ('-' for standard input)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Input,

    /// Who must have signed it, as the allowed signers file names them
    #[arg(long, value_name = "PRINCIPAL")]
    pub signer: String,

    /// The signature [default: FILE.sig]
    #[arg(short = 's', long, value_name = "SIG", value_hint = ValueHint::FilePath)]
    pub signature: Option<PathBuf>,

    /// Who may sign with which key [default: ~/.ssh/allowed_signers]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub allowed_signers: Option<PathBuf>,

    /// The namespace the signature must be for
    #[arg(short = 'n', long, value_name = "NAMESPACE", default_value = "file")]
    pub namespace: String,
}

impl VerifyArgs {
    pub fn options(self) -> Result<(commands::signatures::Options, Output)> {
        let VerifyArgs {
            file,
            signer,
            signature,
            allowed_signers,
            namespace,
        } = self;
        let file = file.expanded()?;
        let signature = match (signature, &file) {
            (Some(signature), _) => expand_tilde(&signature)?,
            (None, Input::File(path)) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".sig");
                PathBuf::from(name)
            }
            (None, Input::Stdin) => {
                return Err(crate::error::Error::Usage(
                    "standard input has no FILE.sig beside it; pass --signature SIG".to_owned(),
                ));
            }
        };
        let allowed = match allowed_signers {
            Some(path) => expand_tilde(&path)?,
            None => crate::platform::ssh_dir()?.join("allowed_signers"),
        };
        let options = commands::signatures::Options::Verify {
            data: file,
            signature,
            namespace,
            allowed: Some((allowed, signer)),
            revoked: None,
            time: None,
            print_pubkey: false,
        };
        Ok((options, Output::Text))
    }
}

// What `sshgen cert` does (a plain comment: a doc comment would replace the
// command's about text).
#[derive(Debug, Subcommand)]
pub enum CertAction {
    /// Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does
    #[command(after_help = CERT_EXAMPLES)]
    Sign(Box<CertSignArgs>),
    /// Print what a certificate says, as ssh-keygen -L does
    #[command(after_help = CERT_EXAMPLES)]
    Show {
        /// The certificate ('-' reads standard input)
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
        file: Input,
    },
}

// Options of `sshgen cert sign`.
#[derive(Debug, Args)]
pub struct CertSignArgs {
    /// The public keys to certify
    #[arg(value_name = "KEY", required = true, value_hint = ValueHint::FilePath)]
    pub keys: Vec<PathBuf>,

    /// The CA's private key (or its .pub, with --agent or the private key beside it)
    #[arg(long, value_name = "CA_KEY", value_hint = ValueHint::FilePath)]
    pub ca: PathBuf,

    /// The certificate's key ID, which servers log
    #[arg(long, allow_hyphen_values = true, value_name = "ID")]
    pub id: String,

    /// A user (or with --host, a host name) the certificate is for; repeat for more
    #[arg(
        short = 'n',
        long = "principal",
        allow_hyphen_values = true,
        value_name = "NAME"
    )]
    pub principals: Vec<String>,

    /// A certificate without principals, valid for every user or host (OpenSSH 10 refuses these)
    #[arg(long, conflicts_with = "principals")]
    pub any_principal: bool,

    /// A host certificate instead of a user certificate
    #[arg(long)]
    pub host: bool,

    /// When it is valid, as ssh-keygen -V takes it: +52w, -1d:+30d, 20260101:20270101, always
    #[arg(long, allow_hyphen_values = true, value_name = "INTERVAL")]
    pub valid: Option<String>,

    /// The serial number, for revoking it later
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub serial: u64,

    /// A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)
    #[arg(short = 'O', long = "option", value_name = "OPTION")]
    pub options: Vec<String>,

    /// Sign with the CA key the ssh-agent holds
    #[arg(long)]
    pub agent: bool,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

impl CertAction {
    pub fn options(self) -> Result<(commands::certificates::Options, Output)> {
        let args = match self {
            CertAction::Show { file } => {
                let options = commands::certificates::Options::Show {
                    file: file.expanded()?,
                    escape: true,
                };
                return Ok((options, Output::Text));
            }
            CertAction::Sign(args) => *args,
        };
        let CertSignArgs {
            keys,
            ca,
            id,
            principals,
            any_principal,
            host,
            valid,
            serial,
            options: option_list,
            agent,
            passphrase,
            quiet,
        } = args;
        if principals.is_empty() && !any_principal {
            return Err(crate::error::Error::Usage(format!(
                "name who the certificate is for with --principal ({}), or pass \
                 --any-principal for one valid for all, which OpenSSH 10 refuses",
                if host {
                    "the host's names"
                } else {
                    "the user names"
                }
            )));
        }
        let usage = |e: crate::certificates::Invalid| crate::error::Error::Usage(e.0);
        let now = crate::platform::unix_now();
        let validity = match &valid {
            None => (0, crate::certificates::FOREVER),
            Some(spec) => crate::certificates::parse_validity(spec, now).map_err(usage)?,
        };
        let mut cert_options = crate::certificates::CertOptions::new(host);
        for option in &option_list {
            cert_options.add(option).map_err(usage)?;
        }
        let options = commands::certificates::Options::Sign {
            ca: expand_tilde(&ca)?,
            passphrase: passphrase.source(),
            key_id: id,
            host,
            principals: (!principals.is_empty()).then(|| principals.join(",")),
            validity,
            serial,
            serial_increments: false,
            options: Box::new(cert_options),
            keys: keys
                .iter()
                .map(|k| expand_tilde(k))
                .collect::<Result<_>>()?,
            agent,
            sk_provider: None,
        };
        Ok((options, Output::choose(false, quiet)))
    }
}

// Options of `sshgen git-signing`.
#[derive(Debug, Args)]
pub struct GitSigningArgs {
    /// The signing key's .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]
    #[arg(short = 'f', long, value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub key: Option<PathBuf>,

    /// Set git's global settings (every repository) instead of this repository's
    #[arg(long)]
    pub global: bool,

    /// Also make git run this sshgen to sign and verify (gpg.ssh.program)
    #[arg(long)]
    pub program: bool,

    /// Your name in allowed_signers [default: git's user.email]
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// What allowed_signers lets this key sign for, comma-separated (file
    /// too, for sshgen sign and verify)
    #[arg(long, value_name = "LIST", default_value = "git")]
    pub namespaces: String,
}

impl GitSigningArgs {
    pub fn options(self) -> Result<commands::git_signing::Options> {
        let GitSigningArgs {
            key,
            global,
            program,
            email,
            namespaces,
        } = self;
        Ok(commands::git_signing::Options {
            key: match key {
                Some(key) => expand_tilde(&key)?,
                None => crate::ops::default_key::public("git-signing --key KEY")?,
            },
            global,
            program: program
                .then(crate::platform::invoked_program)
                .transpose()
                .map_err(|e| {
                    crate::error::Error::Refused(format!(
                        "cannot tell where this sshgen is, for gpg.ssh.program: {e}"
                    ))
                })?,
            email,
            namespaces,
        })
    }
}

// Options of `sshgen test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// [USER@]HOST, or a Host alias
    #[arg(value_name = "TARGET")]
    pub target: String,

    /// The key to offer first, without the agent's keys; the test fails
    /// if another key gets in
    #[arg(short = 'i', long, value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub identity: Option<PathBuf>,

    /// The SSH port
    #[arg(short = 'p', long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,

    /// Run ssh as git runs it, with the account's ~/.ssh even when sshgen's
    /// home folder is another, so that success means a clone will work
    #[arg(long)]
    pub as_git: bool,

    /// Print one JSON object with the result, and nothing else there
    #[arg(long)]
    pub json: bool,
}

impl TestArgs {
    pub fn options(self) -> Result<(commands::test::Options, Output)> {
        let TestArgs {
            target,
            identity,
            port,
            as_git,
            json,
        } = self;
        let options = commands::test::Options {
            target,
            identity: identity.as_deref().map(expand_tilde).transpose()?,
            port,
            as_git,
        };
        Ok((options, Output::choose(json, false)))
    }
}

// What `sshgen agent` does (a plain comment: a doc comment would replace
// the command's about text).
#[derive(Debug, Subcommand)]
pub enum AgentAction {
    /// Add private keys to the agent, as ssh-add KEY... does
    #[command(after_help = AGENT_EXAMPLES)]
    Add(AgentAddArgs),
    /// List the agent's keys, as ssh-add -l (or -L) prints them
    #[command(after_help = AGENT_EXAMPLES)]
    List(AgentListArgs),
    /// Remove keys from the agent, as ssh-add -d KEY... or -D does
    #[command(after_help = AGENT_EXAMPLES)]
    Remove(AgentRemoveArgs),
}

// Options of `sshgen agent add`.
#[derive(Debug, Args)]
pub struct AgentAddArgs {
    /// Private keys in any format ('-' for standard input) [default:
    /// ~/.ssh/id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519 and id_ed25519_sk, those that exist]
    #[arg(value_name = "KEY", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub keys: Vec<Input>,

    /// Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d
    #[arg(short = 't', long = "lifetime", value_name = "LIFETIME", value_parser = parse_lifetime)]
    pub lifetime: Option<u32>,

    /// Have the agent ask before each use of the keys (ssh-add -c)
    #[arg(short = 'c', long)]
    pub confirm: bool,

    /// For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent's own USB support]
    #[arg(short = 'S', long = "sk-provider", value_name = "PROVIDER", value_hint = ValueHint::FilePath)]
    pub sk_provider: Option<std::ffi::OsString>,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

/// `-t`'s value, as ssh-add reads it.
fn parse_lifetime(text: &str) -> std::result::Result<u32, String> {
    crate::agent::parse_lifetime(text).ok_or_else(|| {
        "a lifetime is seconds, or numbers with s, m, h, d or w after each (1h30m)".to_owned()
    })
}

// Options of `sshgen agent list`.
#[derive(Debug, Args)]
pub struct AgentListArgs {
    /// Fingerprint hash to show
    #[arg(short = 'E', long = "hash", value_name = "HASH", value_enum, default_value_t = FingerprintHash::Sha256)]
    pub hash: FingerprintHash,

    /// Print the public key lines instead of fingerprints (ssh-add -L)
    #[arg(short = 'L', long = "public")]
    pub public: bool,

    /// Print a JSON array with one object a key on stdout, and nothing else there
    #[arg(long, conflicts_with = "public")]
    pub json: bool,
}

// Options of `sshgen agent remove`.
#[derive(Debug, Args)]
pub struct AgentRemoveArgs {
    /// Keys to remove: a .pub, or a private key ('-' for standard input)
    #[arg(value_name = "KEY", value_hint = ValueHint::FilePath, value_parser = input_parser(), required_unless_present = "all", conflicts_with = "all")]
    pub keys: Vec<Input>,

    /// Remove every key the agent holds (ssh-add -D)
    #[arg(long)]
    pub all: bool,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

impl AgentAction {
    pub fn options(self) -> Result<(commands::agent::Options, Output)> {
        use commands::agent::Options;
        let inputs = |keys: Vec<Input>| -> Result<Vec<Input>> {
            keys.into_iter().map(Input::expanded).collect()
        };
        Ok(match self {
            AgentAction::Add(AgentAddArgs {
                keys,
                lifetime,
                confirm,
                sk_provider,
                passphrase,
                quiet,
            }) => {
                let options = Options::Add {
                    keys: inputs(keys)?,
                    passphrase: passphrase.source(),
                    constraints: crate::agent::Constraints { lifetime, confirm },
                    sk_provider,
                };
                (options, Output::choose(false, quiet))
            }
            AgentAction::List(AgentListArgs { hash, public, json }) => {
                (Options::List { hash, public }, Output::choose(json, false))
            }
            AgentAction::Remove(AgentRemoveArgs { keys, all, quiet }) => {
                let options = Options::Remove {
                    keys: inputs(keys)?,
                    all,
                };
                (options, Output::choose(false, quiet))
            }
        })
    }
}

// Options of `sshgen fingerprint`.
#[derive(Debug, Args)]
pub struct FingerprintArgs {
    /// Key files: private, .pub, authorized_keys or known_hosts ('-' for standard input)
    #[arg(value_name = "FILE", required = true, value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub files: Vec<Input>,

    /// Fingerprint hash to show
    #[arg(short = 'E', long = "hash", value_name = "HASH", value_enum, default_value_t = FingerprintHash::Sha256)]
    pub hash: FingerprintHash,

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

// Options of `sshgen public`.
#[derive(Debug, Args)]
pub struct PublicArgs {
    /// Private key file ('-' for standard input)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Input,

    /// Also (re)write FILE.pub with the public key (mode 0644, replaced atomically)
    #[arg(long)]
    pub write: bool,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Print one JSON object describing the key on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

/// Declares the options for the passphrase of an existing key under one
/// spelling: `-P TEXT`, `--PREFIX-file PATH` and `--PREFIX-env VAR`, at most
/// one of them, turned into a [`PassphraseSource`]. clap needs literal
/// names, hence a macro; every command that opens a key uses one of the
/// structs it makes.
macro_rules! existing_passphrase_args {
    (
        $name:ident, group = $group:literal,
        text = ($text_id:literal, $text_long:literal, $text_help:literal),
        file = ($file_id:literal, $file_long:literal, $file_help:literal),
        env = ($env_id:literal, $env_long:literal, $env_help:literal)$(,)?
    ) => {
        #[derive(Debug, Args)]
        #[group(id = $group, multiple = false)]
        pub struct $name {
            #[doc = $text_help]
            #[arg(id = $text_id, short = 'P', long = $text_long, allow_hyphen_values = true, value_name = "TEXT", value_hint = ValueHint::Other)]
            pub text: Option<String>,

            #[doc = $file_help]
            #[arg(id = $file_id, long = $file_long, value_name = "PATH", value_hint = ValueHint::FilePath, value_parser = input_parser())]
            pub file: Option<Input>,

            #[doc = $env_help]
            #[arg(id = $env_id, long = $env_long, value_name = "VAR", value_hint = ValueHint::Other)]
            pub env: Option<String>,
        }

        impl $name {
            /// The chosen source; no option means "ask at the terminal".
            pub fn source(self) -> PassphraseSource {
                let $name { text, file, env } = self;
                source_of(text, file, env, false)
            }
        }
    };
}

existing_passphrase_args!(
    // The passphrase that opens an existing encrypted key, for commands where
    // it is the only passphrase (`public`, `comment`); without one, it is
    // asked at the terminal.
    ExistingPassphraseArgs,
    group = "existing_passphrase",
    text = (
        "passphrase",
        "passphrase",
        "Passphrase of the key, when it is encrypted; visible to other users in \
         the process list: prefer --passphrase-file or --passphrase-env"
    ),
    file = (
        "passphrase_file",
        "passphrase-file",
        "Read the key's passphrase from the first line of PATH ('-' for standard input)"
    ),
    env = (
        "passphrase_env",
        "passphrase-env",
        "Read the key's passphrase from the environment variable VAR"
    ),
);

existing_passphrase_args!(
    // The current passphrase of the key `sshgen passphrase` changes, spelled
    // `--old-passphrase-*` since its `--passphrase-*` options set the new one.
    OldPassphraseArgs,
    group = "old_passphrase",
    text = (
        "old_passphrase_text",
        "old-passphrase",
        "Current passphrase of the key; visible to other users in the process list: \
         prefer --old-passphrase-file or --old-passphrase-env"
    ),
    file = (
        "old_passphrase_file",
        "old-passphrase-file",
        "Read the current passphrase from the first line of PATH ('-' for standard input)"
    ),
    env = (
        "old_passphrase_env",
        "old-passphrase-env",
        "Read the current passphrase from the environment variable VAR"
    ),
);

/// The source that passphrase options choose (clap lets at most one be
/// given); none means "ask at the terminal".
fn source_of(
    text: Option<String>,
    file: Option<Input>,
    env: Option<String>,
    none: bool,
) -> PassphraseSource {
    if let Some(text) = text {
        PassphraseSource::Argument(text)
    } else if let Some(input) = file {
        PassphraseSource::File(input)
    } else if let Some(var) = env {
        PassphraseSource::Env(var)
    } else if none {
        PassphraseSource::None
    } else {
        PassphraseSource::Ask
    }
}

// Options of `sshgen list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folder to look in [default: ~/.ssh]
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// Print a JSON array with one object a key pair on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

/// The display protocols whose selections a serving child keeps, and the
/// system clipboard of macOS and Windows, which a child clears later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DisplayProtocol {
    X11,
    Wayland,
    Native,
}

// Options of `sshgen copy`.
#[derive(Debug, Args)]
pub struct CopyArgs {
    /// A .pub file, a private key in any format (its public half is copied), a
    /// file with one key line, or - for standard input [default:
    /// ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Option<Input>,

    #[command(flatten)]
    pub clipboard: ClipboardArgs,

    /// Print nothing but errors
    #[arg(short, long, conflicts_with = "json")]
    pub quiet: bool,

    /// Print one JSON object (key, fingerprint, how it was copied) on stdout
    #[arg(long)]
    pub json: bool,

    /// Copy the private key's text instead, for a build service's secret
    /// field; never through the terminal (OSC 52) unless --clipboard osc52
    /// [default key: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]
    #[arg(long)]
    pub private: bool,

    /// With --private: the form to copy (converted in memory) [default: the
    /// file's own text]
    #[arg(long, value_name = "FORMAT", value_enum, requires = "private")]
    pub format: Option<PrivateTextFormat>,

    /// With --private: copy an encrypted key decrypted (asks its passphrase)
    #[arg(long, requires = "private")]
    pub decrypt: bool,

    /// With --private: the text as one base64 line, for CI variables that
    /// keep no line breaks
    #[arg(long, requires = "private")]
    pub base64: bool,

    /// With --private: empty the clipboard after SECONDS if it still holds
    /// the key (0: never)
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 45,
        requires = "private"
    )]
    pub clear_after: u32,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,
}

// How to reach the clipboard.
#[derive(Debug, Args)]
pub struct ClipboardArgs {
    /// Which clipboard to use: auto is OSC 52 in an SSH session with a
    /// terminal, else the system's (Wayland, X11, macOS, Windows); native is
    /// the system's only; osc52 asks the terminal even outside SSH
    #[arg(long = "clipboard", value_name = "WAY", value_enum, default_value_t = Preference::Auto)]
    pub way: Preference,
}

// Options of `sshgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Key type; ssh-keygen's names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)
    #[arg(short = 't', long = "type", value_name = "TYPE", value_enum, ignore_case = true, default_value_t = TypeChoice::Ed25519)]
    pub key_type: TypeChoice,

    /// Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521
    #[arg(short = 'b', long, value_name = "BITS", value_hint = ValueHint::Other)]
    pub bits: Option<u32>,

    /// Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]
    #[arg(short = 'f', long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Comment stored in the key, shown by services next to it [default: user@host]
    #[arg(short = 'C', long, allow_hyphen_values = true, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub comment: Option<String>,

    #[command(flatten)]
    pub passphrase: NewPassphraseArgs,

    /// Replace existing key files without asking
    #[arg(long)]
    pub force: bool,

    /// Fingerprint hash to show
    #[arg(short = 'E', long = "hash", value_name = "HASH", value_enum, default_value_t = FingerprintHash::Sha256)]
    pub hash: FingerprintHash,

    /// Print nothing but errors
    #[arg(short, long, conflicts_with = "json")]
    pub quiet: bool,

    /// Print one JSON object describing the new key on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,

    /// Copy the public key to the clipboard [default: when stdout is a terminal]
    #[arg(long, overrides_with = "no_copy")]
    pub copy: bool,

    /// Do not copy the public key to the clipboard
    #[arg(long, overrides_with = "copy")]
    pub no_copy: bool,

    /// Also add the new key to the ssh-agent (see sshgen agent add)
    #[arg(long)]
    pub agent: bool,

    /// Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8
    #[arg(short = 'm', long = "format", value_name = "FORMAT", value_enum, ignore_case = true, default_value_t = PrivateTextFormat::Openssh)]
    pub format: PrivateTextFormat,

    /// Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)
    #[arg(long, value_name = "ALIAS", requires = "hostname")]
    pub host: Option<String>,

    /// With --host: the real host name the alias stands for
    #[arg(long, value_name = "HOST", requires = "host")]
    pub hostname: Option<String>,

    #[command(flatten)]
    pub clipboard: ClipboardArgs,

    #[command(flatten)]
    pub security_key: SecurityKeyArgs,
}

// How a security key makes an `ed25519-sk` or `ecdsa-sk` key (ssh-keygen's
// `-w` and `-O` options).
#[derive(Debug, Args)]
#[command(next_help_heading = "Security keys (-t ed25519-sk, -t ecdsa-sk)")]
pub struct SecurityKeyArgs {
    /// Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH's ssh-sk-helper with its USB support]
    #[arg(short = 'w', long = "sk-provider", value_name = "PROVIDER", value_hint = ValueHint::FilePath)]
    pub provider: Option<std::ffi::OsString>,

    /// Application the key is for; must begin with ssh: [default: ssh:]
    #[arg(long, value_name = "ssh:NAME", value_hint = ValueHint::Other)]
    pub application: Option<String>,

    /// Keep the key on the security key, so that `sshgen -K` can fetch it on another computer
    #[arg(long)]
    pub resident: bool,

    /// With --resident: the user name stored with the key
    #[arg(long = "sk-user", value_name = "NAME", value_hint = ValueHint::Other)]
    pub user: Option<String>,

    /// Ask for the security key's PIN or fingerprint at each use
    #[arg(long)]
    pub verify_required: bool,

    /// Sign without a touch (the server must allow it: no-touch-required)
    #[arg(long)]
    pub no_touch_required: bool,

    /// Which security key, when several are plugged in
    #[arg(long, value_name = "DEVICE", value_hint = ValueHint::FilePath)]
    pub device: Option<String>,

    /// Enrolment challenge, from this file [default: random]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub challenge: Option<PathBuf>,

    /// Write the security key's attestation to FILE
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub write_attestation: Option<PathBuf>,
}

impl SecurityKeyArgs {
    fn request(self, announce: bool) -> key_pair::SecurityKeyRequest {
        let SecurityKeyArgs {
            provider,
            application,
            resident,
            user,
            verify_required,
            no_touch_required,
            device,
            challenge,
            write_attestation,
        } = self;
        key_pair::SecurityKeyRequest {
            provider,
            application,
            user,
            device,
            challenge,
            attestation: write_attestation,
            no_touch_required,
            verify_required,
            resident,
            announce,
        }
    }
}

// Options of `sshgen resident-keys`.
#[derive(Debug, Args)]
pub struct ResidentKeysArgs {
    /// Folder to write the key files in [default: ~/.ssh]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH's ssh-sk-helper with its USB support]
    #[arg(short = 'w', long = "sk-provider", value_name = "PROVIDER", value_hint = ValueHint::FilePath)]
    pub provider: Option<std::ffi::OsString>,

    /// Which security key, when several are plugged in
    #[arg(long, value_name = "DEVICE", value_hint = ValueHint::FilePath)]
    pub device: Option<String>,

    #[command(flatten)]
    pub passphrase: NewPassphraseArgs,

    /// Replace existing key files without asking
    #[arg(long)]
    pub force: bool,

    /// Print nothing but errors
    #[arg(short, long, conflicts_with = "json")]
    pub quiet: bool,

    /// Print a JSON array with one object a key written on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

impl ResidentKeysArgs {
    pub fn options(self) -> (commands::resident_keys::Options, Output) {
        let ResidentKeysArgs {
            dir,
            provider,
            device,
            passphrase,
            force,
            quiet,
            json,
        } = self;
        let options = commands::resident_keys::Options {
            provider,
            device,
            dir,
            passphrase: passphrase.source.source(),
            rounds: passphrase.rounds,
            force,
        };
        (options, Output::choose(json, quiet))
    }
}

// Arguments of `sshgen completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to print the completion script for
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

// Options for the passphrase of a private key being written.
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
        value_hint = ValueHint::Other,
        default_value_t = DEFAULT_KDF_ROUNDS,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub rounds: u32,
}

// Where a new passphrase comes from; at most one may be given.
#[derive(Debug, Args)]
#[group(id = "new_passphrase", multiple = false)]
pub struct NewPassphraseSourceArgs {
    /// New passphrase ('' for none); visible to other users in the process list:
    /// prefer --passphrase-file or --passphrase-env
    #[arg(
        id = "passphrase",
        short = 'N',
        long = "passphrase",
        allow_hyphen_values = true,
        value_name = "TEXT",
        value_hint = ValueHint::Other
    )]
    pub text: Option<String>,

    /// Read the new passphrase from the first line of PATH ('-' for standard input)
    #[arg(id = "passphrase_file", long = "passphrase-file", value_name = "PATH", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Option<Input>,

    /// Read the new passphrase from the environment variable VAR
    #[arg(id = "passphrase_env", long = "passphrase-env", value_name = "VAR", value_hint = ValueHint::Other)]
    pub env: Option<String>,

    /// Leave the private key unencrypted
    #[arg(id = "no_passphrase", long = "no-passphrase", action = ArgAction::SetTrue)]
    pub none: bool,
}

impl NewPassphraseSourceArgs {
    /// The chosen source; no option means "ask at the terminal".
    pub fn source(self) -> PassphraseSource {
        let NewPassphraseSourceArgs {
            text,
            file,
            env,
            none,
        } = self;
        source_of(text, file, env, none)
    }
}

// Options of `sshgen passphrase`.
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// Private key whose passphrase changes; only this file is rewritten
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    #[command(flatten)]
    pub old: OldPassphraseArgs,

    #[command(flatten)]
    pub new: NewPassphraseArgs,

    /// Print one JSON object describing the result on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

// Options of `sshgen comment`.
#[derive(Debug, Args)]
pub struct CommentArgs {
    /// Private key whose comment changes; FILE.pub is rewritten too
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// The new comment ('' for none)
    #[arg(short = 'C', long, allow_hyphen_values = true, value_name = "TEXT")]
    pub comment: String,

    #[command(flatten)]
    pub passphrase: ExistingPassphraseArgs,

    /// Print one JSON object describing the result on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

// Options of `sshgen export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Public key (.pub) or private key, in any format, whose public part is
    /// converted ('-' for standard input)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Input,

    /// Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA),
    /// pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)
    #[arg(
        short = 'm',
        long = "format",
        value_name = "FORMAT",
        value_enum,
        ignore_case = true,
        default_value_t = Format::Rfc4716
    )]
    pub format: Format,

    /// Print one JSON object with the converted text on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

// Options of `sshgen convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Private key to convert, in any format sshgen reads (OpenSSH, PEM, PKCS8, PuTTY)
    #[arg(value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// Format to write
    #[arg(long, value_name = "FORMAT", value_enum, ignore_case = true)]
    pub to: PrivateTextFormat,

    /// Where to write [default: KEY.ppk for ppk; else KEY without .ppk]
    #[arg(short = 'o', long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,

    /// Replace an existing file
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub old: OldPassphraseArgs,

    /// A new passphrase for the converted key [default: the key's own]
    #[command(flatten)]
    pub new: NewPassphraseArgs,

    /// PuTTY format version: 3 (PuTTY 0.75 and later) or 2 (older tools)
    #[arg(long, value_name = "VERSION", default_value_t = 3, value_parser = clap::value_parser!(u8).range(2..=3))]
    pub ppk_version: u8,

    /// Argon2 memory in KiB, for --ppk-version 3 with a passphrase
    #[arg(long, value_name = "KIB", default_value_t = 8192, value_parser = clap::value_parser!(u32).range(8..=1048576))]
    pub argon2_memory: u32,

    /// Argon2 passes [default: as many as take 0.1 s, as PuTTYgen chooses]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub argon2_passes: Option<u32>,

    /// Argon2 lanes
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub argon2_parallelism: u32,

    /// Argon2 variant
    #[arg(long, value_name = "FLAVOUR", value_enum, ignore_case = true, default_value_t = crate::keyfile::ppk::Flavour::Argon2id)]
    pub argon2_flavour: crate::keyfile::ppk::Flavour,
}

// Options of `sshgen doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// A host or ~/.ssh/config alias to check the way to
    #[arg(value_name = "HOST", value_hint = ValueHint::Hostname)]
    pub host: Option<String>,

    /// Repair what is safe to repair without asking: permissions, missing .pub files
    #[arg(long)]
    pub fix: bool,

    /// Print one JSON object with every check on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

// Options of `sshgen import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// RFC4716, PKCS8 or PEM public key ('-' for standard input)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath, value_parser = input_parser())]
    pub file: Input,

    /// Input format [default: recognised from the file's BEGIN line]
    #[arg(
        short = 'm',
        long = "format",
        value_name = "FORMAT",
        value_enum,
        ignore_case = true
    )]
    pub format: Option<Format>,

    /// Print one JSON object with the public key line on stdout, and nothing else there
    #[arg(long)]
    pub json: bool,
}

impl GenerateArgs {
    pub fn options(self) -> (commands::generate::Options, Output) {
        let GenerateArgs {
            key_type,
            bits,
            file,
            comment,
            passphrase,
            force,
            hash,
            quiet,
            json,
            copy,
            no_copy,
            agent,
            format,
            host,
            hostname,
            clipboard,
            security_key,
        } = self;
        let options = commands::generate::Options {
            key: key_pair::Request {
                key_type,
                bits,
                file,
                comment,
                passphrase: passphrase.source.source(),
                rounds: passphrase.rounds,
                force,
                format,
                security_key: security_key.request(!quiet),
            },
            hash,
            // clap keeps only the last of --copy and --no-copy.
            copy: (copy || no_copy).then_some(copy),
            clipboard: clipboard.way,
            agent,
            host: host.zip(hostname),
        };
        (options, Output::choose(json, quiet))
    }
}

impl CopyArgs {
    pub fn options(self) -> Result<(commands::copy::Options, Output)> {
        let CopyArgs {
            file,
            clipboard,
            quiet,
            json,
            private,
            format,
            decrypt,
            base64,
            clear_after,
            passphrase,
        } = self;
        let options = commands::copy::Options {
            file: file.map(Input::expanded).transpose()?,
            clipboard: clipboard.way,
            private: private.then(|| commands::copy::PrivateCopy {
                format,
                decrypt,
                passphrase: passphrase.source(),
                base64,
                clear_after: (clear_after > 0).then_some(clear_after),
            }),
        };
        Ok((options, Output::choose(json, quiet)))
    }
}

impl FingerprintArgs {
    pub fn options(self) -> Result<(commands::fingerprint::Options, Output)> {
        let FingerprintArgs {
            files,
            hash,
            randomart,
            bubblebabble,
            json,
        } = self;
        let options = commands::fingerprint::Options {
            files: files
                .into_iter()
                .map(Input::expanded)
                .collect::<Result<_>>()?,
            hash,
            randomart,
            bubblebabble,
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl PublicArgs {
    pub fn options(self) -> Result<(commands::public::Options, Output)> {
        let PublicArgs {
            file,
            write,
            passphrase,
            json,
        } = self;
        let options = commands::public::Options {
            file: file.expanded()?,
            write,
            passphrase: passphrase.source(),
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl ListArgs {
    pub fn options(self) -> Result<(commands::list::Options, Output)> {
        let ListArgs { dir, json } = self;
        let options = commands::list::Options {
            dir: dir.as_deref().map(expand_tilde).transpose()?,
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl PassphraseArgs {
    pub fn options(self) -> Result<(commands::passphrase::Options, Output)> {
        let PassphraseArgs {
            file,
            old,
            new,
            json,
        } = self;
        let options = commands::passphrase::Options {
            file: expand_tilde(&file)?,
            old: old.source(),
            new: new.source.source(),
            rounds: new.rounds,
            as_ssh_keygen: false,
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl CommentArgs {
    pub fn options(self) -> Result<(commands::comment::Options, Output)> {
        let CommentArgs {
            file,
            comment,
            passphrase,
            json,
        } = self;
        let options = commands::comment::Options {
            file: expand_tilde(&file)?,
            comment,
            passphrase: passphrase.source(),
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl DoctorArgs {
    pub fn options(self) -> (commands::doctor::Options, Output) {
        let DoctorArgs { host, fix, json } = self;
        let options = commands::doctor::Options { host, fix };
        (options, Output::choose(json, false))
    }
}

impl ConvertArgs {
    pub fn options(self) -> Result<commands::convert::Options> {
        let ConvertArgs {
            file,
            to,
            out,
            force,
            old,
            new,
            ppk_version,
            argon2_memory,
            argon2_passes,
            argon2_parallelism,
            argon2_flavour,
        } = self;
        let source = &new.source;
        let new_given =
            source.text.is_some() || source.file.is_some() || source.env.is_some() || source.none;
        Ok(commands::convert::Options {
            file: expand_tilde(&file)?,
            to,
            out: out.as_deref().map(expand_tilde).transpose()?,
            force,
            old: old.source(),
            new: new_given.then(|| new.source.source()),
            rounds: new.rounds,
            ppk: crate::keyfile::ppk::WriteOptions {
                version: ppk_version,
                flavour: argon2_flavour,
                memory: argon2_memory,
                passes: argon2_passes,
                parallelism: argon2_parallelism,
            },
        })
    }
}

impl ExportArgs {
    pub fn options(self) -> Result<(commands::export::Options, Output)> {
        let ExportArgs { file, format, json } = self;
        let options = commands::export::Options {
            file: file.expanded()?,
            format,
        };
        Ok((options, Output::choose(json, false)))
    }
}

impl ImportArgs {
    pub fn options(self) -> Result<(commands::import::Options, Output)> {
        let ImportArgs { file, format, json } = self;
        let options = commands::import::Options {
            file: file.expanded()?,
            format,
        };
        Ok((options, Output::choose(json, false)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyType;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_visible_command_ends_its_help_with_examples() {
        for sub in Cli::command()
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
        {
            let after_help = sub.get_after_help().map(ToString::to_string);
            assert!(
                after_help.as_deref().is_some_and(|text| text
                    .contains(&format!("Examples:\n  sshgen {}", sub.get_name()))
                    || sub.get_name() == "generate"),
                "{}: {after_help:?}",
                sub.get_name()
            );
        }
    }

    #[test]
    fn bare_flags_mean_generate() {
        let cli = Cli::try_parse_from(["sshgen", "-t", "rsa", "-b", "4096", "-N", ""]).unwrap();
        assert!(cli.command.is_none());
        let (options, output) = cli.generate.options();
        assert_eq!(output, Output::Text);
        assert_eq!(options.key.key_type, TypeChoice::Rsa);
        assert_eq!(options.key.bits, Some(4096));
        assert_eq!(
            options.key.passphrase,
            PassphraseSource::Argument(String::new())
        );
    }

    #[test]
    fn passphrase_options_exclude_each_other() {
        let err = Cli::try_parse_from(["sshgen", "-N", "x", "--no-passphrase"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn last_of_copy_and_no_copy_wins() {
        let copy = |args: &[&str]| {
            Cli::try_parse_from([&["sshgen"], args].concat())
                .unwrap()
                .generate
                .options()
                .0
                .copy
        };
        assert_eq!(copy(&["--copy", "--no-copy"]), Some(false));
        assert_eq!(copy(&["--no-copy", "--copy"]), Some(true));
        assert_eq!(copy(&[]), None);
    }

    #[test]
    fn a_dash_is_standard_input() {
        let cli = Cli::try_parse_from(["sshgen", "fingerprint", "-", "./-"]).unwrap();
        let Some(Command::Fingerprint(args)) = cli.command else {
            panic!("not fingerprint")
        };
        assert_eq!(
            args.files,
            [Input::Stdin, Input::File(PathBuf::from("./-"))]
        );
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
            matches!(cli.command, Some(Command::Generate(ref g)) if g.key_type == TypeChoice::Ed25519)
        );
    }
}
