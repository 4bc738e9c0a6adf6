//! A file named on the command line, where `-` means standard input: one
//! type instead of a `== "-"` check in every command, and one place that
//! opens either, refusing what is not a regular file; and reading such a
//! file a line at a time ([`for_each_line`]), or whole within a bound
//! ([`read_source`], [`read_at_most`]): a key file's bytes, the `.pub`
//! beside a private key ([`pub_beside`]) and the one key of a file
//! ([`one_public_key`]), parsed by the pure [`crate::keyfile`].

use std::ffi::OsString;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keyfile::{self, PublicEntry};

/// A file to read, or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// `-`.
    Stdin,
    File(PathBuf),
}

impl From<PathBuf> for Input {
    fn from(path: PathBuf) -> Self {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path)
        }
    }
}

impl From<OsString> for Input {
    fn from(text: OsString) -> Self {
        Input::from(PathBuf::from(text))
    }
}

impl Input {
    /// The input with a leading `~/` of a file expanded
    /// ([`crate::platform::expand_tilde`]).
    pub fn expanded(self) -> Result<Self> {
        match self {
            Input::Stdin => Ok(Input::Stdin),
            Input::File(path) => crate::platform::expand_tilde(&path).map(Input::File),
        }
    }

    /// The file, or `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) => Some(path),
        }
    }

    /// How the input is named in messages: the path, or `standard input`.
    pub fn name(&self) -> &Path {
        self.path().unwrap_or(Path::new("standard input"))
    }

    /// How the input was typed: the path, or `-`.
    pub fn typed(&self) -> &Path {
        self.path().unwrap_or(Path::new("-"))
    }

    /// Opens the input. A file that is not a regular file (a folder, a FIFO,
    /// `/dev/zero`) is refused before a byte is read: reading one could
    /// block or never end.
    pub fn open(&self) -> Result<Source> {
        match self {
            Input::Stdin => Ok(Source::Stdin(std::io::stdin().lock())),
            Input::File(path) => open_regular(path).map(Source::File),
        }
    }
}

/// An opened [`Input`].
pub enum Source {
    Stdin(std::io::StdinLock<'static>),
    File(std::fs::File),
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Stdin(stdin) => stdin.read(buf),
            Source::File(file) => file.read(buf),
        }
    }
}

/// Opens `path` if it is a regular file (following symlinks). On Unix the
/// file is opened without blocking, so a FIFO put there cannot stall the
/// open itself, and checked through the handle, so it cannot be swapped
/// between the check and the read.
pub fn open_regular(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io("read", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, FIFO or socket)"
        };
        return Err(Error::KeyFile {
            path: path.to_path_buf(),
            problem: format!("{what}; sshgen reads only regular files"),
        });
    }
    Ok(file)
}

/// The longest line read as a line: far more than any key, certificate or
/// known_hosts entry takes. A longer one is passed as `None`, without being
/// held in memory.
pub const MAX_LINE: usize = 1 << 20;

/// Calls `each` with the number (from 1) and the bytes (without the `\n`) of
/// every line `reader` reads from `named`, or `None` for a line longer than
/// [`MAX_LINE`]. A line that lies within one read of the buffer is passed
/// where it lies; only one that spans two reads is copied.
pub fn for_each_line(
    reader: &mut impl BufRead,
    named: &Path,
    mut each: impl FnMut(usize, Option<&[u8]>) -> Result<()>,
) -> Result<()> {
    let mut number = 0;
    // The start of a line that the next read goes on with, if any.
    let mut pending = Vec::new();
    let mut pending_whole = true;
    let mut in_line = false;
    loop {
        let chunk = reader.fill_buf().map_err(|e| Error::io("read", named, e))?;
        if chunk.is_empty() {
            if in_line {
                each(number + 1, pending_whole.then_some(&pending[..]))?;
            }
            return Ok(());
        }
        let read = chunk.len();
        let mut rest = chunk;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            number += 1;
            let line = &rest[..end];
            if in_line {
                let whole = pending_whole && pending.len() + line.len() <= MAX_LINE;
                if whole {
                    pending.extend_from_slice(line);
                }
                each(number, whole.then_some(&pending[..]))?;
                (pending_whole, in_line) = (true, false);
                pending.clear();
            } else {
                each(number, (line.len() <= MAX_LINE).then_some(line))?;
            }
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            in_line = true;
            if pending_whole && pending.len() + rest.len() <= MAX_LINE {
                pending.extend_from_slice(rest);
            } else {
                pending_whole = false;
                pending.clear();
            }
        }
        reader.consume(read);
    }
}

/// The most a key file may hold. The largest key OpenSSH accepts (RSA
/// 16,384 bits) takes about 12 KB as a private key; a file many times that
/// is no key, and reading it whole (`/dev/zero`, a log file named by
/// mistake) must not exhaust memory. Files of public key lines (known_hosts)
/// can be far larger: [`Input::open`] streams them instead.
pub const MAX_KEY_FILE_BYTES: u64 = 1 << 20;

/// Reads at most [`MAX_KEY_FILE_BYTES`] of `reader`, failing past that.
pub fn read_bounded(reader: impl Read, named: &Path) -> Result<Zeroizing<Vec<u8>>> {
    read_at_most(reader, named, MAX_KEY_FILE_BYTES).map_err(|e| match e {
        Error::KeyFile { path, problem } => Error::KeyFile {
            path,
            problem: format!("{problem}, which no key file is"),
        },
        other => other,
    })
}

/// Reads at most `limit` bytes of `reader` (a whole number of MiB),
/// failing past that.
pub fn read_at_most(reader: impl Read, named: &Path, limit: u64) -> Result<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", named, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::KeyFile {
            path: named.to_path_buf(),
            problem: format!("larger than {} MiB", limit >> 20),
        });
    }
    Ok(bytes)
}

/// The bytes of a key file (at most [`MAX_KEY_FILE_BYTES`]), or of
/// standard input.
pub fn read_source(input: &Input) -> Result<Zeroizing<Vec<u8>>> {
    read_bounded(input.open()?, input.name())
}

/// A small text file (allowed_signers, a KRL spec, a signature), read as
/// [`read_source`] reads a key file.
pub fn read_text(input: &Input) -> Result<String> {
    let bytes = read_source(input)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::KeyFile {
        path: input.name().to_path_buf(),
        problem: "not UTF-8 text".to_owned(),
    })
}

/// The first plain key line of `PATH.pub`, if that file exists and has one.
pub fn pub_beside(path: &Path) -> Option<(PublicEntry, PathBuf)> {
    let pub_path = crate::platform::with_pub_suffix(path);
    let bytes = read_bounded(open_regular(&pub_path).ok()?, &pub_path).ok()?;
    keyfile::parse_public_lines(&bytes)
        .into_iter()
        .find(|e| e.prefix == keyfile::LinePrefix::None)
        .map(|entry| (entry, pub_path))
}

/// The one public key of the file at `path` (`-` for standard input), in any
/// format [`keyfile::parse`] reads: a private key's public half (from the `.pub`
/// beside it when the file encrypts it, and with that file's comment when
/// the key has none), or the only key line of a public key file. A file with
/// several keys is refused: which one was meant cannot be guessed.
pub fn one_public_key(input: &Input) -> Result<PublicEntry> {
    let bytes = read_source(input)?;
    let named = input.name();
    let beside = || input.path().and_then(pub_beside);
    let mut entries = match keyfile::public_keys(&bytes) {
        Err(keyfile::KeyFileError::PublicKeyEncrypted) => match beside() {
            Some((entry, _)) => vec![entry],
            None => {
                return Err(Error::KeyFile {
                    path: named.to_path_buf(),
                    problem: "the public key is encrypted with the private key in this \
                              format; put its .pub beside it (sshgen public FILE --write \
                              makes one)"
                        .to_owned(),
                });
            }
        },
        other => other.map_err(|e| e.at(named))?,
    };
    if entries.len() > 1 {
        return Err(Error::KeyFile {
            path: named.to_path_buf(),
            problem: format!(
                "holds {} keys; pass a file with just the one you mean, \
                 e.g. its .pub file",
                entries.len()
            ),
        });
    }
    let mut entry = entries.remove(0);
    if entry.trailing_comment.is_none() && keyfile::looks_private(&bytes) {
        // The comment of a PEM key, or of an encrypted OpenSSH one, is only
        // in the .pub beside it.
        if let Some((sibling, _)) = beside().filter(|(s, _)| s.key == entry.key) {
            entry.trailing_comment = sibling.trailing_comment;
        }
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_input_and_anything_else_a_file() {
        assert_eq!(Input::from(OsString::from("-")), Input::Stdin);
        assert_eq!(Input::Stdin.name(), Path::new("standard input"));
        assert_eq!(Input::Stdin.typed(), Path::new("-"));
        let file = Input::from(OsString::from("./-"));
        assert_eq!(file, Input::File(PathBuf::from("./-")));
        assert_eq!(file.name(), Path::new("./-"));
    }

    fn lines(text: &[u8], capacity: usize) -> Vec<(usize, Option<Vec<u8>>)> {
        let mut reader = std::io::BufReader::with_capacity(capacity, text);
        let mut seen = Vec::new();
        for_each_line(&mut reader, Path::new("t"), |number, line| {
            seen.push((number, line.map(<[u8]>::to_vec)));
            Ok(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn lines_whole_across_reads_and_too_long_ones_skipped() {
        let text = b"one\n\ntwo three\nlast";
        let expected: Vec<(usize, Option<Vec<u8>>)> = vec![
            (1, Some(b"one".to_vec())),
            (2, Some(Vec::new())),
            (3, Some(b"two three".to_vec())),
            (4, Some(b"last".to_vec())),
        ];
        // Every buffer size, so each line is split across reads somewhere.
        for capacity in 1..=text.len() + 1 {
            assert_eq!(lines(text, capacity), expected, "capacity {capacity}");
        }
        assert_eq!(lines(b"", 8), Vec::new());
        assert_eq!(lines(b"a\n", 8), vec![(1, Some(b"a".to_vec()))]);

        let mut long = vec![b'x'; MAX_LINE + 1];
        long.extend_from_slice(b"\nafter\n");
        long.extend(vec![b'y'; MAX_LINE]);
        for capacity in [7, 64 * 1024, 3 << 20] {
            assert_eq!(
                lines(&long, capacity),
                vec![
                    (1, None),
                    (2, Some(b"after".to_vec())),
                    (3, Some(vec![b'y'; MAX_LINE]))
                ],
                "capacity {capacity}"
            );
        }
    }
}
