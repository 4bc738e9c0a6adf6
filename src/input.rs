//! A file named on the command line, where `-` means standard input: one
//! type instead of a `== "-"` check in every command, and one place that
//! opens either, refusing what is not a regular file.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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
            problem: format!("{what}, not a key file"),
        });
    }
    Ok(file)
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
}
