//! The key pairs in a folder and what is wrong with each, as OpenSSH
//! would trip over it: a private key others can read, a `.pub` that does
//! not match its private key, files that cannot be read. `list` shows the
//! rows; `doctor` judges them.

use std::fmt;
use std::path::{Path, PathBuf};

use ssh_key::public::KeyData;

use crate::error::{Error, Result};
use crate::fingerprint::FingerprintHash;
use crate::keyfile::{self, LinePrefix, PublicEntry};
use crate::keys;
use crate::platform;
use crate::store;

/// One key pair (or a lone file) and what is wrong with it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeyRow {
    /// The private key file, when there is one.
    pub private: Option<PathBuf>,
    /// The `.pub` file, when there is one.
    pub public: Option<PathBuf>,
    pub label: Option<String>,
    pub bits: Option<u32>,
    pub fingerprint: Option<String>,
    pub comment: Option<String>,
    /// `None` when not known (no private key, or it could not be read).
    pub encrypted: Option<bool>,
    /// `openssh`, `pkcs1`, `sec1`, `pkcs8`.
    pub format: Option<&'static str>,
    pub problems: Vec<Problem>,
}

impl KeyRow {
    pub fn path(&self) -> &Path {
        self.private
            .as_deref()
            .or(self.public.as_deref())
            .unwrap_or(Path::new(""))
    }

    fn show_key(&mut self, key: &KeyData) {
        self.label = Some(keys::type_label(&key.algorithm()));
        self.bits = Some(keys::bits(key));
        self.fingerprint = keys::fingerprint(key, FingerprintHash::Sha256)
            .ok()
            .map(|fp| fp.to_string());
    }
}

/// What is wrong with a key pair, as OpenSSH would trip over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The private key file cannot be read (the system's reason).
    Unreadable(String),
    /// It looks like a key but cannot be read as one.
    NotAKey(String),
    /// Other users can read the private key: OpenSSH refuses it.
    Exposed(PathBuf),
    /// The `.pub` cannot be read (the system's reason).
    PubUnreadable { path: PathBuf, why: String },
    /// The `.pub` holds no key.
    PubHoldsNoKey(PathBuf),
    /// The `.pub` holds another key than the private key's.
    PubMismatch { public: PathBuf, private: PathBuf },
    /// The public half is encrypted with the key and there is no `.pub`.
    PublicHalfHidden,
    /// The key's text has CRLF line ends, or no newline at its end: OpenSSH
    /// fails to load such a file ("error in libcrypto"), the mistake that
    /// breaks keys pasted into CI secrets most often.
    LineEnds { crlf: bool, final_newline: bool },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable(why) => write!(f, "cannot read it: {why}"),
            Problem::NotAKey(why) => write!(f, "not a readable key: {why}"),
            Problem::Exposed(path) => write!(
                f,
                "other users can read this private key and OpenSSH will refuse it; \
                 run: chmod 600 {}",
                path.display()
            ),
            Problem::LineEnds {
                crlf,
                final_newline,
            } => {
                let what = match (crlf, final_newline) {
                    (true, false) => "has CRLF line ends and no newline at its end",
                    (true, true) => "has CRLF line ends",
                    _ => "has no newline at its end",
                };
                write!(
                    f,
                    "{what}, and OpenSSH fails to load it (\"error in libcrypto\"): save it \
                     with LF line ends and a final newline"
                )
            }
            Problem::PubUnreadable { path, why } => {
                write!(f, "cannot read {}: {why}", path.display())
            }
            Problem::PubHoldsNoKey(path) => write!(f, "{} holds no public key", path.display()),
            Problem::PubMismatch { public, private } => write!(
                f,
                "{} does not match the private key; recreate it with: sshgen public --write {}",
                public.display(),
                private.display()
            ),
            Problem::PublicHalfHidden => f.write_str(
                "its public key is encrypted with it and there is no .pub beside it; \
                 recreate one with: sshgen public --write FILE",
            ),
        }
    }
}

/// The rows for every key file in `dir`, sorted by file name.
pub fn scan(dir: &Path) -> Result<Vec<KeyRow>> {
    // Pairs an interrupted write left half done are settled before they are
    // shown (unless a writer is at work on one right now).
    for paths in store::interrupted_pairs(dir) {
        store::recover_if_idle(&paths)?;
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read folder", dir, e))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        // sshgen's own staging, backup and lock files are never keys.
        .filter(|entry| !store::is_staging_name(&entry.file_name()))
        .filter(|entry| std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();

    let mut rows = Vec::new();
    for name in &names {
        let path = dir.join(name);
        if let Some(stem) = name.strip_suffix(".pub") {
            if !names.iter().any(|n| n == stem)
                && let Some(row) = lone_public(&path)
            {
                rows.push(row);
            }
            continue;
        }
        let has_pub = names.iter().any(|n| *n == format!("{name}.pub"));
        if let Some(row) = private_row(&path, has_pub) {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A row for a file that is (or may be) a private key; `None` for files that
/// are plainly something else (config, known_hosts, authorized_keys, …).
fn private_row(path: &Path, has_pub: bool) -> Option<KeyRow> {
    let mut row = KeyRow::default();
    // Bounded: a file larger than any key (a big known_hosts) is no key.
    let bytes =
        match crate::input::open_regular(path).and_then(|f| crate::input::read_bounded(f, path)) {
            Ok(bytes) => bytes,
            Err(Error::KeyFile { .. }) => return None,
            Err(e) => {
                row.private = Some(path.to_path_buf());
                let why = match e {
                    Error::Io { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                row.problems.push(Problem::Unreadable(why));
                if has_pub {
                    pub_side(&mut row, path, None);
                }
                return Some(row);
            }
        };
    let private = match keyfile::parse(&bytes) {
        Ok(keyfile::KeyInput::Private(private)) => Some(private),
        Ok(keyfile::KeyInput::Public(_)) => return None,
        Err(e) if bytes.starts_with(b"-----BEGIN") || has_pub => {
            row.problems.push(Problem::NotAKey(e.to_string()));
            None
        }
        Err(_) => return None,
    };
    row.private = Some(path.to_path_buf());
    if bytes.starts_with(b"-----BEGIN") {
        let crlf = memchr::memmem::find(&bytes, b"\r\n").is_some();
        let final_newline = bytes.ends_with(b"\n");
        if crlf || !final_newline {
            row.problems.push(Problem::LineEnds {
                crlf,
                final_newline,
            });
        }
    }
    if let Ok(true) = platform::private_key_exposed(path) {
        row.problems.push(Problem::Exposed(path.to_path_buf()));
    }
    let own = private.as_ref().and_then(|p| p.public_key().cloned());
    if let Some(private) = &private {
        row.encrypted = Some(private.is_encrypted());
        row.format = Some(private.format().name());
        row.comment = private.comment().filter(|c| !c.is_empty());
    }
    if let Some(own) = &own {
        row.show_key(own);
    }
    if has_pub {
        pub_side(&mut row, path, own.as_ref());
    } else if own.is_none() && private.is_some() {
        row.problems.push(Problem::PublicHalfHidden);
    }
    Some(row)
}

/// Fills in what the `.pub` beside a private key says, and checks it.
fn pub_side(row: &mut KeyRow, private: &Path, own: Option<&KeyData>) {
    let pub_path = platform::with_pub_suffix(private);
    row.public = Some(pub_path.clone());
    let entry = match read_pub(&pub_path) {
        Ok(entry) => entry,
        Err(problem) => {
            row.problems.push(problem);
            return;
        }
    };
    match own {
        Some(own) if *own != entry.key => row.problems.push(Problem::PubMismatch {
            public: pub_path,
            private: private.to_path_buf(),
        }),
        Some(_) => {}
        None => row.show_key(&entry.key),
    }
    if row.comment.is_none() {
        row.comment = entry
            .trailing_comment
            .as_deref()
            .map(|c| c.trim_end_matches('\r').to_owned());
    }
}

fn read_pub(pub_path: &Path) -> std::result::Result<PublicEntry, Problem> {
    let bytes = crate::input::open_regular(pub_path)
        .and_then(|f| crate::input::read_bounded(f, pub_path))
        .map_err(|e| Problem::PubUnreadable {
            path: pub_path.to_path_buf(),
            why: match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            },
        })?;
    keyfile::parse_public_lines(&bytes)
        .into_iter()
        .find(|e| e.prefix == LinePrefix::None)
        .ok_or_else(|| Problem::PubHoldsNoKey(pub_path.to_path_buf()))
}

/// A `.pub` without its private key: listed when it holds a key.
fn lone_public(path: &Path) -> Option<KeyRow> {
    let mut row = KeyRow {
        public: Some(path.to_path_buf()),
        ..KeyRow::default()
    };
    match read_pub(path) {
        Ok(entry) => {
            row.show_key(&entry.key);
            row.comment = entry
                .trailing_comment
                .as_deref()
                .map(|c| c.trim_end_matches('\r').to_owned());
        }
        Err(problem @ Problem::PubUnreadable { .. }) => row.problems.push(problem),
        Err(_) => return None,
    }
    Some(row)
}
