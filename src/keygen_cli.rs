//! The second front end: ssh-keygen's own command line, read with its
//! getopt grammar (bundled flags such as `-qt ed25519` and `-lf FILE`,
//! arguments attached or separate, `--` ending the options) and mapped onto
//! the same `Options` that sshgen's subcommands build in [`crate::cli`]: one
//! implementation of each job, two ways to ask for it.
//!
//! It is used when the program runs under the name `ssh-keygen` (a link or
//! a copy), and for bare `sshgen` when its options name one of
//! ssh-keygen's modes (`-l`, `-y`, `-p`, …), which sshgen's own bare
//! options do not have. Stdout is ssh-keygen's; exit statuses are its
//! too: 0, 1 for a host `-F` did not find, 255 for what it treats as fatal.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::commands;
use crate::convert::Format;
use crate::error::{Error, Grammar, Result};
use crate::fingerprint::FingerprintHash;
use crate::input::Input;
use crate::keyfile::PrivateTextFormat;
use crate::keys::{DEFAULT_KDF_ROUNDS, TypeChoice};
use crate::ops::key_pair;
use crate::output::{Context, Output, Ui};
use crate::passphrase::PassphraseSource;
use crate::platform;
use crate::prompt::{Prompter, Terminal};

/// Options that take an argument, as in ssh-keygen 9.2's getopt string
/// (which also lists `g:`, but getopt takes the first `g`, a flag).
const WITH_ARGUMENT: &str = "CDEFIMNOPRVYZabfmnrstwz";
/// Options that take none.
const FLAGS: &str = "ABHKLQUXceghiklopquvy?";
/// The flags that choose one of ssh-keygen's modes other than generating a
/// key, and `-O`, which only ssh-keygen's grammar has: seeing one first
/// makes bare `sshgen` read ssh-keygen's grammar.
const MODE_FLAGS: &str = "lypceiFRHBAYLrskQMKO?";

/// Whether this run reads ssh-keygen's command line: under the name
/// `ssh-keygen`, or bare `sshgen` whose options (`args`, after the program)
/// name one of ssh-keygen's modes: in the first argument (`sshgen -lf
/// FILE`), or anywhere among options that ssh-keygen's grammar reads whole
/// (`sshgen -f KEY -y`, `sshgen -q -s CA -I ID KEY.pub`). sshgen's own
/// bare options (generating a key, `--json`, `-h`, `-V`) name no mode.
pub fn applies(program: &OsStr, args: &[OsString]) -> bool {
    let name = Path::new(program)
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase());
    if name.as_deref() == Some("ssh-keygen") {
        return true;
    }
    let Some(first) = args.first().and_then(|a| a.to_str()) else {
        return false;
    };
    if !first.starts_with('-') || first.starts_with("--") || first.len() < 2 {
        return false;
    }
    let names_mode = |flag: char| MODE_FLAGS.contains(flag);
    first[1..].chars().next().is_some_and(names_mode)
        || getopt(args).is_ok_and(|parsed| parsed.flags.iter().any(|(flag, _)| names_mode(*flag)))
}

/// The command line, parsed: flags with their arguments, and operands.
#[derive(Debug, Default, PartialEq, Eq)]
struct Parsed {
    flags: Vec<(char, Option<OsString>)>,
    operands: Vec<OsString>,
}

impl Parsed {
    fn has(&self, flag: char) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }

    /// The last value given to `flag` (getopt keeps the last).
    fn value(&self, flag: char) -> Option<&OsStr> {
        self.flags
            .iter()
            .rev()
            .find(|(f, _)| *f == flag)
            .and_then(|(_, v)| v.as_deref())
    }

    fn text(&self, flag: char) -> Result<Option<String>> {
        self.value(flag)
            .map(|v| {
                v.to_str().map(str::to_owned).ok_or_else(|| {
                    Error::Usage(format!("the argument of -{flag} is not valid UTF-8"))
                })
            })
            .transpose()
    }

    /// Every value given to `flag` (for `-O`, which adds up).
    fn texts(&self, flag: char) -> Result<Vec<String>> {
        self.flags
            .iter()
            .filter(|(f, _)| *f == flag)
            .filter_map(|(_, v)| v.as_deref())
            .map(|v| {
                v.to_str().map(str::to_owned).ok_or_else(|| {
                    Error::Usage(format!("the argument of -{flag} is not valid UTF-8"))
                })
            })
            .collect()
    }
}

/// POSIX getopt over `args` with ssh-keygen's option string.
fn getopt(args: &[OsString]) -> std::result::Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let bytes = arg.as_encoded_bytes();
        if bytes == b"--" {
            parsed.operands.extend(rest.cloned());
            break;
        }
        if bytes.len() < 2 || bytes[0] != b'-' {
            // The first operand ends the options (no GNU permutation).
            parsed.operands.push(arg.clone());
            parsed.operands.extend(rest.cloned());
            break;
        }
        let text = arg.to_string_lossy();
        for (at, flag) in text[1..].char_indices() {
            if WITH_ARGUMENT.contains(flag) {
                let attached = &text[1 + at + flag.len_utf8()..];
                let value = if attached.is_empty() {
                    rest.next()
                        .cloned()
                        .ok_or_else(|| format!("option requires an argument -- {flag}"))?
                } else {
                    // An attached argument is taken as text (a separate one
                    // keeps its bytes).
                    OsString::from(attached)
                };
                parsed.flags.push((flag, Some(value)));
                break;
            } else if FLAGS.contains(flag) {
                parsed.flags.push((flag, None));
            } else {
                return Err(format!("unknown option -- {flag}"));
            }
        }
    }
    Ok(parsed)
}

/// The synopsis `-?` prints: the lines of ssh-keygen's usage for the jobs
/// sshgen does (scripts grep it, for `ssh-keygen -e` say).
const USAGE: &str = "\
usage: ssh-keygen [-q] [-a rounds] [-b bits] [-C comment] [-f output_keyfile]
                  [-m format] [-N new_passphrase] [-t ecdsa|ed25519|rsa]
       ssh-keygen -p [-a rounds] [-f keyfile] [-m format] [-N new_passphrase]
                   [-P old_passphrase]
       ssh-keygen -i [-f input_keyfile] [-m key_format]
       ssh-keygen -e [-f input_keyfile] [-m key_format]
       ssh-keygen -y [-f input_keyfile]
       ssh-keygen -c [-a rounds] [-C comment] [-f keyfile] [-P passphrase]
       ssh-keygen -l [-v] [-E fingerprint_hash] [-f input_keyfile]
       ssh-keygen -B [-f input_keyfile]
       ssh-keygen -F hostname [-lv] [-f known_hosts_file]
       ssh-keygen -H [-f known_hosts_file]
       ssh-keygen -R hostname [-f known_hosts_file]
       ssh-keygen -r hostname [-g] [-f input_keyfile]
       ssh-keygen -M generate [-O option] output_file
       ssh-keygen -M screen [-f input_file] [-O option] output_file
       ssh-keygen -I certificate_identity -s ca_key [-hU]
                  [-n principals] [-O option] [-V validity_interval]
                  [-z serial_number] file ...
       ssh-keygen -L [-f input_keyfile]
       ssh-keygen -A [-f prefix_path]
       ssh-keygen -k -f krl_file [-u] [-s ca_public] [-z version_number]
                  file ...
       ssh-keygen -Q [-l] -f krl_file [file ...]
       ssh-keygen -Y find-principals -s signature_file -f allowed_signers_file
       ssh-keygen -Y match-principals -I signer_identity -f allowed_signers_file
       ssh-keygen -Y check-novalidate -n namespace -s signature_file
       ssh-keygen -Y sign -f key_file -n namespace file [-O option] ...
       ssh-keygen -Y verify -f allowed_signers_file -I signer_identity
                  -n namespace -s signature_file [-r krl_file] [-O option]
";

/// Runs ssh-keygen's command line `args` (without the program name).
pub fn run(args: &[OsString]) -> ExitCode {
    // ssh-keygen has no version flag (-V is a validity interval): only
    // `--version` alone, which it would refuse, says what is running.
    if args.len() == 1 && args[0] == "--version" {
        println!(
            "sshgen {} (ssh-keygen's command line)",
            env!("CARGO_PKG_VERSION")
        );
        return ExitCode::SUCCESS;
    }
    let result = match getopt(args) {
        Ok(parsed) if parsed.has('?') => {
            eprint!("{USAGE}");
            Err(Error::AlreadyReported)
        }
        Ok(parsed) => dispatch(&parsed),
        Err(problem) => usage(&problem),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => crate::output::report_error(&error, Grammar::SshKeygen),
    }
}

/// A usage error as ssh-keygen reports it: the problem, the synopsis, exit 1.
fn usage(problem: &str) -> Result<()> {
    eprintln!("{problem}");
    eprint!("{USAGE}");
    Err(Error::AlreadyReported)
}

/// `-f`'s file, `~/` expanded; `None` when not given.
fn file(parsed: &Parsed) -> Result<Option<PathBuf>> {
    parsed
        .value('f')
        .map(|f| platform::expand_tilde(Path::new(f)))
        .transpose()
}

/// `-f`'s file, which this mode needs (ssh-keygen would ask for it).
fn required_file(parsed: &Parsed, mode: char) -> Result<PathBuf> {
    file(parsed)?.ok_or_else(|| {
        Error::Usage(format!(
            "-{mode} needs the file: -f FILE (sshgen does not ask for it)"
        ))
    })
}

fn input(parsed: &Parsed, mode: char) -> Result<Input> {
    Ok(Input::from(required_file(parsed, mode)?))
}

/// `-P`'s passphrase, else ssh-keygen's way: `SSH_ASKPASS` when its
/// settings say so, else the terminal ([`PassphraseSource::Askpass`]).
fn existing_passphrase(parsed: &Parsed) -> Result<PassphraseSource> {
    Ok(match parsed.text('P')? {
        Some(text) => PassphraseSource::Argument(text),
        None => PassphraseSource::Askpass,
    })
}

fn format_of(parsed: &Parsed) -> Result<Option<Format>> {
    parsed
        .text('m')?
        .map(|m| {
            Format::from_str(&m, true).map_err(|_| {
                Error::Usage(format!(
                    "unsupported conversion format \"{m}\"; use RFC4716, PKCS8 or PEM"
                ))
            })
        })
        .transpose()
}

/// What one ssh-keygen command line asks for: the job and its options,
/// decided by [`mode`] without running anything.
#[derive(Debug)]
enum Mode {
    Krl(commands::krl::Options),
    Moduli(commands::moduli::Options),
    Signatures(commands::signatures::Options),
    Certificates(commands::certificates::Options),
    KnownHosts(commands::known_hosts::Options),
    Fingerprint(commands::fingerprint::Options),
    Passphrase(commands::passphrase::Options),
    Comment(commands::comment::Options),
    Export(commands::export::Options),
    Import(commands::import::Options),
    Public(commands::public::Options),
    Sshfp(commands::sshfp::Options),
    ResidentKeys(commands::resident_keys::Options),
    /// `-A` under the prefix `-f` gives.
    HostKeys {
        prefix: OsString,
    },
    Generate(commands::generate::Options),
    /// A line ssh-keygen prints before its synopsis, exiting 1.
    Usage(&'static str),
}

fn dispatch(parsed: &Parsed) -> Result<()> {
    let mode = mode(parsed)?;
    let mut terminal = Terminal::new();
    let prompter: &mut dyn Prompter = &mut terminal;
    let stdout = &mut std::io::stdout().lock();
    // ssh-keygen's -q silences what it says (and -k's lines on stdout), not
    // what a mode prints on stdout (-l, -y, -e still print).
    let context = Context::detect();
    let text = Ui::new(Output::Text, context);
    let said = Ui::new(Output::choose(false, parsed.has('q')), context);
    match mode {
        Mode::Krl(options) => commands::krl::run(&options, &said, stdout),
        Mode::Moduli(options) => commands::moduli::run(&options, &said),
        Mode::Signatures(options) => commands::signatures::run(&options, &said, prompter, stdout),
        Mode::Certificates(options) => {
            commands::certificates::run(&options, &said, prompter, stdout)
        }
        Mode::KnownHosts(options) => commands::known_hosts::run(&options, &said, prompter, stdout),
        Mode::Fingerprint(options) => commands::fingerprint::run(&options, &text, stdout),
        Mode::Passphrase(options) => commands::passphrase::run(&options, &text, prompter, stdout),
        Mode::Comment(options) => commands::comment::run(&options, &text, prompter, stdout),
        Mode::Export(options) => commands::export::run(&options, &text, stdout),
        Mode::Import(options) => commands::import::run(&options, &text, stdout),
        Mode::Public(options) => commands::public::run(&options, &text, prompter, stdout),
        Mode::Sshfp(options) => commands::sshfp::run(&options, &text, stdout),
        Mode::ResidentKeys(options) => {
            commands::resident_keys::run(&options, &said, prompter, stdout)
        }
        Mode::HostKeys { prefix } => host_keys(&prefix, prompter, stdout),
        Mode::Generate(options) => commands::generate::run(&options, &said, prompter, stdout),
        Mode::Usage(problem) => usage(problem),
    }
}

/// The job `parsed` asks for, in ssh-keygen's order of precedence among
/// its mode flags.
fn mode(parsed: &Parsed) -> Result<Mode> {
    if parsed.has('k') {
        return Ok(Mode::Krl(krl_generate_options(parsed)?));
    }
    if parsed.has('Q') {
        let file = file(parsed)?
            .ok_or_else(|| Error::Usage("KRL checking requires an input file".to_owned()))?;
        return Ok(Mode::Krl(commands::krl::Options::Check {
            file,
            keys: parsed
                .operands
                .iter()
                .map(|k| platform::expand_tilde(Path::new(k)))
                .collect::<Result<_>>()?,
            print: parsed.has('l'),
        }));
    }
    if let Some(mode) = parsed.text('M')? {
        return Ok(Mode::Moduli(moduli_options(parsed, &mode)?));
    }
    if let Some(operation) = parsed.text('Y')? {
        return Ok(Mode::Signatures(signature_options(parsed, &operation)?));
    }
    // As ssh-keygen: past this point only certifying (-s) takes operands.
    if parsed.value('s').is_none() && !parsed.operands.is_empty() {
        return Ok(Mode::Usage("Too many arguments."));
    }
    if parsed.has('L') {
        return Ok(Mode::Certificates(commands::certificates::Options::Show {
            file: input(parsed, 'L')?,
            escape: false,
        }));
    }
    if let Some(ca) = parsed.value('s') {
        return Ok(Mode::Certificates(certificate_options(
            parsed,
            PathBuf::from(ca),
        )?));
    }
    if let Some(action) = known_hosts_action(parsed)? {
        return Ok(Mode::KnownHosts(commands::known_hosts::Options {
            action,
            file: file(parsed)?,
            resolve_aliases: false,
        }));
    }
    if parsed.has('l') || parsed.has('B') {
        let hash = match parsed.text('E')? {
            None => FingerprintHash::Sha256,
            Some(name) => FingerprintHash::from_str(&name, true)
                .map_err(|_| Error::Usage(format!("Invalid hash algorithm \"{name}\"")))?,
        };
        return Ok(Mode::Fingerprint(commands::fingerprint::Options {
            files: vec![input(parsed, 'l')?],
            hash,
            randomart: parsed.has('v'),
            bubblebabble: parsed.has('B'),
        }));
    }
    if let Some(mode) = key_file_mode(parsed)? {
        return Ok(mode);
    }
    if let Some(hostname) = parsed.text('r')? {
        return Ok(Mode::Sshfp(commands::sshfp::Options {
            hostname,
            file: file(parsed)?,
            generic: parsed.has('g'),
        }));
    }
    if parsed.has('K') {
        return Ok(Mode::ResidentKeys(resident_keys_options(parsed)?));
    }
    if parsed.has('A') {
        let prefix = parsed.value('f').map(OsString::from).unwrap_or_default();
        return Ok(Mode::HostKeys { prefix });
    }
    if let Some((flag, _)) = parsed
        .flags
        .iter()
        .find(|(f, _)| !"tbCNfaqvmZwO".contains(*f))
    {
        return Err(Error::Usage(format!(
            "-{flag} is an ssh-keygen option sshgen does not support yet"
        )));
    }
    Ok(Mode::Generate(generate_options(parsed)?))
}

/// `-k`: a KRL made from the operands, with `-u`, `-s` and `-z`.
fn krl_generate_options(parsed: &Parsed) -> Result<commands::krl::Options> {
    let file = file(parsed)?
        .ok_or_else(|| Error::Usage("KRL generation requires an output file".to_owned()))?;
    let version = match parsed.text('z')? {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .map_err(|_| Error::Usage(format!("Invalid KRL version \"{text}\"")))?,
        ),
    };
    let ca = match parsed.text('s')? {
        None => None,
        Some(ca) if ca.eq_ignore_ascii_case("none") => Some(commands::krl::Ca::Any),
        Some(ca) => Some(commands::krl::Ca::Key(platform::expand_tilde(Path::new(
            &ca,
        ))?)),
    };
    Ok(commands::krl::Options::Generate {
        file,
        update: parsed.has('u'),
        ca,
        version,
        specs: parsed.operands.iter().cloned().map(Input::from).collect(),
    })
}

/// `-F`, `-R` or `-H`: what to do to a known_hosts file.
fn known_hosts_action(parsed: &Parsed) -> Result<Option<commands::known_hosts::Action>> {
    use commands::known_hosts::Action;
    Ok(if let Some(host) = parsed.text('F')? {
        Some(Action::Find {
            host,
            port: 22,
            hashed: parsed.has('H'),
        })
    } else if let Some(host) = parsed.text('R')? {
        Some(Action::Remove { host, port: 22 })
    } else {
        parsed.has('H').then_some(Action::Hash)
    })
}

/// `-p`, `-c`, `-e`, `-i` and `-y`: the jobs on one key file.
fn key_file_mode(parsed: &Parsed) -> Result<Option<Mode>> {
    let mode = if parsed.has('p') {
        Mode::Passphrase(commands::passphrase::Options {
            file: required_file(parsed, 'p')?,
            old: existing_passphrase(parsed)?,
            new: new_passphrase(parsed)?,
            rounds: rounds(parsed)?,
            as_ssh_keygen: true,
        })
    } else if parsed.has('c') {
        let comment = parsed.text('C')?.ok_or_else(|| {
            Error::Usage(
                "-c needs the new comment: -C COMMENT (sshgen does not ask for it)".to_owned(),
            )
        })?;
        Mode::Comment(commands::comment::Options {
            file: required_file(parsed, 'c')?,
            comment,
            passphrase: existing_passphrase(parsed)?,
        })
    } else if parsed.has('e') {
        Mode::Export(commands::export::Options {
            file: input(parsed, 'e')?,
            format: format_of(parsed)?.unwrap_or(Format::Rfc4716),
        })
    } else if parsed.has('i') {
        Mode::Import(commands::import::Options {
            file: input(parsed, 'i')?,
            format: format_of(parsed)?,
        })
    } else if parsed.has('y') {
        Mode::Public(commands::public::Options {
            file: input(parsed, 'y')?,
            write: false,
            passphrase: existing_passphrase(parsed)?,
        })
    } else {
        return Ok(None);
    };
    Ok(Some(mode))
}

/// `-Y OPERATION` with its `-f`, `-n`, `-I`, `-s` and `-O` options, and
/// ssh-keygen's complaints when one is missing.
fn signature_options(parsed: &Parsed, operation: &str) -> Result<commands::signatures::Options> {
    use commands::signatures::Options;
    let missing =
        |what: &str| Error::Usage(format!("Too few arguments for {operation}: missing {what}"));
    let mut hash = ssh_key::HashAlg::Sha512;
    let (mut time, mut print_pubkey) = (None, false);
    for option in parsed.texts('O')? {
        match option.split_once('=') {
            Some(("hashalg", "sha256")) => hash = ssh_key::HashAlg::Sha256,
            Some(("hashalg", "sha512")) => hash = ssh_key::HashAlg::Sha512,
            Some(("verify-time", value)) => {
                time = Some(crate::allowed_signers::parse_time(value).ok_or_else(|| {
                    Error::Usage(format!("Invalid \"verify-time\" option: {value}"))
                })?)
            }
            None if option == "print-pubkey" => print_pubkey = true,
            _ => return Err(Error::Usage(format!("Invalid option \"{option}\""))),
        }
    }
    let namespace = || {
        parsed
            .text('n')?
            .filter(|n| !n.is_empty())
            .ok_or_else(|| missing("namespace"))
    };
    let signature = || {
        parsed
            .value('s')
            .map(PathBuf::from)
            .ok_or_else(|| missing("signature file"))
    };
    Ok(match operation {
        "sign" => Options::Sign {
            key: file(parsed)?.ok_or_else(|| missing("key"))?,
            namespace: namespace()?,
            files: parsed.operands.iter().cloned().map(Input::from).collect(),
            hash,
            passphrase: existing_passphrase(parsed)?,
            require_agent: parsed.has('U'),
            sk_provider: parsed.value('w').map(OsString::from),
            existing: commands::signatures::Existing::AskOnStdin,
        },
        "verify" => Options::Verify {
            data: Input::Stdin,
            namespace: namespace()?,
            signature: signature()?,
            allowed: Some((
                file(parsed)?.ok_or_else(|| missing("allowed keys file"))?,
                parsed
                    .text('I')?
                    .ok_or_else(|| missing("principal identity"))?,
            )),
            revoked: parsed.value('r').map(PathBuf::from),
            time,
            print_pubkey,
        },
        "check-novalidate" => Options::Verify {
            data: Input::Stdin,
            namespace: namespace()?,
            signature: signature()?,
            allowed: None,
            revoked: None,
            time,
            print_pubkey,
        },
        "find-principals" => Options::FindPrincipals {
            signature: signature()?,
            allowed: file(parsed)?.ok_or_else(|| missing("allowed keys file"))?,
            time,
        },
        "match-principals" => Options::MatchPrincipals {
            allowed: file(parsed)?.ok_or_else(|| missing("allowed keys file"))?,
            principal: parsed.text('I')?.ok_or_else(|| missing("principal ID"))?,
        },
        other => {
            return Err(Error::Usage(format!(
                "Unsupported operation for -Y: \"{other}\""
            )));
        }
    })
}

/// `-M generate|screen` with its `-O` options and one output file, read
/// as ssh-keygen reads them (`lines=` and `start-line=` as C's `strtoul`).
fn moduli_options(parsed: &Parsed, mode: &str) -> Result<commands::moduli::Options> {
    let generating = match mode {
        "generate" => true,
        "screen" => false,
        other => return Err(Error::Usage(format!("Unsupported moduli option {other}"))),
    };
    let out = match &parsed.operands[..] {
        [] => return Err(Error::Usage("No output file specified".to_owned())),
        [out] => platform::expand_tilde(Path::new(out))?,
        _ => return Err(Error::Usage("Too many output files specified".to_owned())),
    };
    let number = |text: &str, what: &str| -> Result<u32> {
        text.parse::<u32>()
            .ok()
            .filter(|n| *n >= 1 && *n <= i32::MAX as u32)
            .ok_or_else(|| Error::Usage(format!("{what}: {text}")))
    };
    let loose = |text: &str| -> u64 {
        let digits = text
            .trim_start()
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        text.trim_start()[..digits].parse().unwrap_or(0)
    };
    let (mut bits, mut memory, mut start) = (3072, 0, None);
    let (mut trials, mut generator, mut start_line, mut lines, mut checkpoint) =
        (100, 0, 0, 0, None);
    let mut threads = None;
    let unsupported = |option: &str| {
        Error::Usage(format!(
            "Option \"{option}\" is unsupported for moduli {}",
            if generating {
                "generation"
            } else {
                "screening"
            }
        ))
    };
    for option in parsed.texts('O')? {
        let Some((name, value)) = option.split_once('=') else {
            return Err(unsupported(&option));
        };
        match (generating, name) {
            (true, "memory") => memory = number(value, "Memory limit is invalid")?,
            (true, "start") => {
                start = Some(
                    crate::moduli::from_hex(value)
                        .ok_or_else(|| Error::Usage("Invalid start point.".to_owned()))?,
                )
            }
            (true, "bits") => bits = number(value, "Invalid number")?,
            (false, "lines") => lines = loose(value),
            (false, "start-line") => start_line = loose(value),
            (false, "checkpoint") => checkpoint = Some(PathBuf::from(value)),
            (false, "generator") => generator = number(value, "Generator invalid")?,
            (false, "prime-tests") => trials = number(value, "Invalid number")?,
            // sshgen's own: how many candidates are tested at once.
            (false, "threads") => {
                threads = Some(
                    usize::try_from(number(value, "Invalid number of threads")?)
                        .unwrap_or(1)
                        .min(1024),
                )
            }
            _ => return Err(unsupported(&option)),
        }
    }
    Ok(if generating {
        commands::moduli::Options::Generate {
            out,
            bits,
            memory,
            start,
        }
    } else {
        commands::moduli::Options::Screen {
            candidates: match file(parsed)? {
                Some(path) => Input::from(path),
                None => Input::Stdin,
            },
            out,
            trials,
            generator,
            start_line,
            lines,
            checkpoint,
            threads,
        }
    })
}

/// `-s CA -I ID [-h] [-n PRINCIPALS] [-V VALIDITY] [-z SERIAL] [-O …] KEY…`.
fn certificate_options(parsed: &Parsed, ca: PathBuf) -> Result<commands::certificates::Options> {
    let key_id = parsed
        .text('I')?
        .ok_or_else(|| Error::Usage("Must specify key id (-I) when certifying".to_owned()))?;
    let now = crate::platform::unix_now();
    let validity = match parsed.text('V')? {
        None => (0, crate::certificates::FOREVER),
        Some(spec) => {
            crate::certificates::parse_validity(&spec, now).map_err(|e| Error::Usage(e.0))?
        }
    };
    // `+N` starts at N and counts up, one a certificate.
    let (serial, serial_increments) = match parsed.text('z')? {
        None => (0, false),
        Some(text) => {
            let (digits, increments) = match text.strip_prefix('+') {
                Some(rest) => (rest, true),
                None => (text.as_str(), false),
            };
            let serial = digits
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| digits.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| Error::Usage(format!("Invalid serial number \"{text}\"")))?;
            (serial, increments)
        }
    };
    let mut options = crate::certificates::CertOptions::new(parsed.has('h'));
    for option in parsed.texts('O')? {
        options.add(&option).map_err(|e| Error::Usage(e.0))?;
    }
    if parsed.operands.is_empty() {
        return Err(Error::Usage(
            "Too few arguments: the public keys to certify".to_owned(),
        ));
    }
    Ok(commands::certificates::Options::Sign {
        ca: platform::expand_tilde(&ca)?,
        passphrase: existing_passphrase(parsed)?,
        key_id,
        host: parsed.has('h'),
        principals: parsed.text('n')?,
        validity,
        serial,
        serial_increments,
        options: Box::new(options),
        keys: parsed
            .operands
            .iter()
            .map(|k| platform::expand_tilde(Path::new(k)))
            .collect::<Result<_>>()?,
        agent: parsed.has('U'),
        sk_provider: parsed.value('w').map(OsString::from),
    })
}

/// `-A`: each default host key type that `PREFIX/etc/ssh` lacks, made as
/// ssh-keygen makes them ([`key_pair::missing_host_keys`]).
fn host_keys(prefix: &OsStr, prompter: &mut dyn Prompter, stdout: &mut impl Write) -> Result<()> {
    let missing = key_pair::missing_host_keys(prefix);
    if missing.is_empty() {
        return Ok(());
    }
    write!(stdout, "ssh-keygen: generating new host keys: ")
        .map_err(crate::output::stdout_error)?;
    for (label, request) in missing {
        write!(stdout, "{label} ")
            .and_then(|()| stdout.flush())
            .map_err(crate::output::stdout_error)?;
        key_pair::create(&key_pair::plan(&request, prompter)?, prompter)?;
    }
    crate::output::flushed(writeln!(stdout), stdout)
}

/// `-N`: the new passphrase, or ask.
fn new_passphrase(parsed: &Parsed) -> Result<PassphraseSource> {
    Ok(match parsed.text('N')? {
        Some(text) => PassphraseSource::Argument(text),
        None => PassphraseSource::Ask,
    })
}

fn rounds(parsed: &Parsed) -> Result<u32> {
    match parsed.text('a')? {
        None => Ok(DEFAULT_KDF_ROUNDS),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|r| *r > 0)
            .ok_or_else(|| Error::Usage(format!("Invalid number: {text}"))),
    }
}

fn generate_options(parsed: &Parsed) -> Result<commands::generate::Options> {
    let key_type = match parsed.text('t')? {
        None => TypeChoice::Ed25519,
        Some(name) => TypeChoice::from_str(&name, true)
            .map_err(|_| Error::Usage(format!("unknown key type {name}")))?,
    };
    if let Some(cipher) = parsed.text('Z')?
        && cipher != "aes256-ctr"
    {
        return Err(Error::Usage(format!(
            "-Z {cipher}: sshgen encrypts new keys with aes256-ctr, ssh-keygen's default"
        )));
    }
    // ssh-keygen's -m names: RFC4716 is its default (OpenSSH) for a new key.
    let format = match parsed.text('m')?.map(|m| m.to_ascii_uppercase()).as_deref() {
        None | Some("RFC4716") | Some("SSH2") => PrivateTextFormat::Openssh,
        Some("PEM") => PrivateTextFormat::Pem,
        Some("PKCS8") => PrivateTextFormat::Pkcs8,
        Some(other) => {
            return Err(Error::Usage(format!("Unsupported key format \"{other}\"")));
        }
    };
    // ssh-keygen stores Ed25519 and security keys in its own format
    // whatever -m says, and ignores -b for them.
    let own_format = matches!(
        key_type,
        TypeChoice::Ed25519 | TypeChoice::SkEd25519 | TypeChoice::SkEcdsa
    );
    let format = if own_format {
        PrivateTextFormat::Openssh
    } else {
        format
    };
    let bits = match parsed.text('b')? {
        Some(_) if own_format => None,
        Some(text) => Some(
            text.parse::<u32>()
                .map_err(|_| Error::Usage(format!("Bits has bad value {text} (invalid)")))?,
        ),
        None => None,
    };
    Ok(commands::generate::Options {
        key: key_pair::Request {
            key_type,
            bits,
            file: file(parsed)?,
            comment: parsed.text('C')?,
            passphrase: new_passphrase(parsed)?,
            rounds: rounds(parsed)?,
            force: false,
            format,
            security_key: security_key_request(parsed, key_type)?,
        },
        hash: FingerprintHash::Sha256,
        copy: Some(false),
        clipboard: crate::clipboard::Preference::Auto,
        agent: false,
        host: None,
    })
}

/// `-K`: the resident keys into files in the current folder, with `-w`,
/// `-O device=`, `-N` and `-a`.
fn resident_keys_options(parsed: &Parsed) -> Result<commands::resident_keys::Options> {
    let mut device = None;
    for option in parsed.texts('O')? {
        match option.split_once('=') {
            Some((name, value)) if name.eq_ignore_ascii_case("device") => {
                device = Some(value.to_owned());
            }
            _ => {
                return Err(Error::Usage(format!(
                    "Option \"{option}\" is unsupported for FIDO key download"
                )));
            }
        }
    }
    Ok(commands::resident_keys::Options {
        provider: parsed.value('w').map(OsString::from),
        device,
        dir: Some(PathBuf::new()),
        passphrase: new_passphrase(parsed)?,
        rounds: rounds(parsed)?,
        force: false,
    })
}

/// `-w` and the `-O` options of a security key's enrolment, as ssh-keygen
/// reads them (ignored, as there, for other key types).
fn security_key_request(
    parsed: &Parsed,
    key_type: TypeChoice,
) -> Result<key_pair::SecurityKeyRequest> {
    let mut request = key_pair::SecurityKeyRequest {
        announce: !parsed.has('q'),
        ..Default::default()
    };
    if !matches!(key_type, TypeChoice::SkEd25519 | TypeChoice::SkEcdsa) {
        return Ok(request);
    }
    request.provider = parsed.value('w').map(OsString::from);
    for option in parsed.texts('O')? {
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name.to_ascii_lowercase(), Some(value.to_owned())),
            None => (option.to_ascii_lowercase(), None),
        };
        match (name.as_str(), value) {
            ("no-touch-required", None) => request.no_touch_required = true,
            ("verify-required", None) => request.verify_required = true,
            ("resident", None) => request.resident = true,
            ("device", Some(value)) => request.device = Some(value),
            ("user", Some(value)) => request.user = Some(value),
            ("challenge", Some(value)) => request.challenge = Some(PathBuf::from(value)),
            ("write-attestation", Some(value)) => request.attestation = Some(PathBuf::from(value)),
            ("application", Some(value)) => request.application = Some(value),
            _ => {
                return Err(Error::Usage(format!(
                    "Option \"{option}\" is unsupported for FIDO authenticator enrollment"
                )));
            }
        }
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn getopt_bundles_attaches_and_ends_at_double_dash() {
        let parsed = getopt(&args(&["-qt", "ed25519", "-lfkey", "-N", "", "--", "-x"])).unwrap();
        assert_eq!(
            parsed.flags,
            [
                ('q', None),
                ('t', Some("ed25519".into())),
                ('l', None),
                ('f', Some("key".into())),
                ('N', Some("".into())),
            ]
        );
        assert_eq!(parsed.operands, [OsString::from("-x")]);
        assert_eq!(getopt(&args(&["-x"])).unwrap_err(), "unknown option -- x");
        assert_eq!(
            getopt(&args(&["-lf"])).unwrap_err(),
            "option requires an argument -- f"
        );
    }

    #[test]
    fn the_keygen_grammar_applies_by_name_or_mode_flag() {
        let applies_to = |program: &str, list: &[&str]| {
            let args: Vec<OsString> = list.iter().map(OsString::from).collect();
            applies(OsStr::new(program), &args)
        };
        assert!(applies_to("/usr/bin/ssh-keygen", &[]));
        assert!(applies_to("ssh-keygen.exe", &["-t"]));
        assert!(applies_to("sshgen", &["-lf"]));
        assert!(applies_to("sshgen", &["-y"]));
        // A mode named after other options, as scripts write it.
        assert!(applies_to("sshgen", &["-f", "key", "-y"]));
        assert!(applies_to(
            "sshgen",
            &["-q", "-s", "ca", "-I", "id", "k.pub"]
        ));
        assert!(applies_to(
            "sshgen",
            &["-h", "-s", "ca", "-I", "id", "k.pub"]
        ));
        assert!(applies_to("sshgen", &["-vvl", "-f", "k"]));
        // An option's argument is not a mode flag.
        assert!(!applies_to("sshgen", &["-C", "-l", "-f", "k"]));
        assert!(!applies_to("sshgen", &["-t"]));
        assert!(!applies_to("sshgen", &["-q", "-t", "ed25519", "-f", "k"]));
        assert!(!applies_to("sshgen", &["-f", "k", "--json"]));
        assert!(!applies_to("sshgen", &["-h"]));
        assert!(!applies_to("sshgen", &["-V"]));
        assert!(!applies_to("sshgen", &["--json"]));
        assert!(!applies_to("sshgen", &["list"]));
        assert!(!applies_to("sshgen", &[]));
    }
}
