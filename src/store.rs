//! Key files on disk: where a pair lives and how it is written.
//!
//! Every write goes to a temporary file created 0600 in the target folder, is
//! synced, and is renamed over the target, so a reader sees the old file or the
//! new one and never a half-written key. A symlink at the target is replaced by
//! the rename, never written through.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::platform::{self, Access};

/// The two files of a key pair: `PATH` and `PATH.pub`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPaths {
    pub private: PathBuf,
    pub public: PathBuf,
}

impl KeyPaths {
    pub fn new(private: PathBuf) -> Self {
        let public = platform::with_pub_suffix(&private);
        KeyPaths { private, public }
    }

    /// The first of the two files that exists (a dangling symlink counts).
    pub fn first_existing(&self) -> Option<&Path> {
        [&self.private, &self.public]
            .into_iter()
            .find(|path| fs::symlink_metadata(path).is_ok())
            .map(PathBuf::as_path)
    }
}

/// Creates the folder that will hold `path` if it is missing (0700 on Unix).
/// Returns the folder when it had to be created, so the caller can say so.
pub fn ensure_parent_dir(path: &Path) -> Result<Option<PathBuf>> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(None);
    };
    if parent.is_dir() {
        return Ok(None);
    }
    platform::create_private_dir(parent).map_err(|e| Error::io("create folder", parent, e))?;
    Ok(Some(parent.to_path_buf()))
}

/// A synced temporary file beside its target, removed unless committed.
struct StagedFile {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl StagedFile {
    fn write(target: &Path, contents: &[u8], access: Access) -> Result<Self> {
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0u32;
        let (temp, mut file) = loop {
            let temp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
            // create_new, private from the start (0600, or the key's DACL on
            // Windows): nobody else can open the file before its access is
            // final, and a planted file or symlink is refused.
            match platform::create_new_file(&temp, access) {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(Error::io("create a temporary file in", dir, e)),
            }
        };
        let staged = StagedFile {
            temp,
            target: target.to_path_buf(),
            committed: false,
        };
        let written = file
            .write_all(contents)
            .and_then(|()| platform::set_access(&file, access))
            .and_then(|()| file.sync_all());
        written.map_err(|e| Error::io("write", &staged.temp, e))?;
        Ok(staged)
    }

    fn commit(&mut self) -> Result<()> {
        replace(&self.temp, &self.target).map_err(|e| Error::io("replace", &self.target, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Renames `from` over `to`. On Windows a rename cannot replace a read-only file,
/// so the target's read-only bit is cleared first.
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    if let Ok(meta) = fs::symlink_metadata(to) {
        let mut perms = meta.permissions();
        if perms.readonly() {
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = fs::set_permissions(to, perms);
        }
    }
    fs::rename(from, to)
}

/// Writes one file atomically with the given access rights.
pub fn write_file(path: &Path, contents: &[u8], access: Access) -> Result<()> {
    let mut staged = StagedFile::write(path, contents, access)?;
    staged.commit()?;
    sync_dir(path);
    Ok(())
}

/// Writes a key pair: the private key 0600, the public key 0644.
///
/// Both files are staged and synced before either is renamed into place. If the
/// second rename fails, the first is undone from a hard link to the old private
/// key, so the folder holds the old pair or the new pair, never one of each.
///
/// The two files are staged on two threads at once: each waits for its sync,
/// and syncs issued together share one journal commit on most file systems
/// instead of waiting for two in a row.
pub fn write_key_pair(paths: &KeyPaths, private: &[u8], public: &[u8]) -> Result<()> {
    let (staged_private, staged_public) = std::thread::scope(|scope| {
        let public =
            scope.spawn(|| StagedFile::write(&paths.public, public, Access::WorldReadable));
        let private = StagedFile::write(&paths.private, private, Access::OwnerOnly);
        let public = public
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (private, public)
    });
    // On an error the other staged file's Drop removes its temporary file.
    let (mut staged_private, mut staged_public) = (staged_private?, staged_public?);
    let backup = Backup::of(&paths.private)?;
    staged_private.commit()?;
    if let Err(error) = staged_public.commit() {
        match backup {
            Some(backup) => backup.restore(),
            None => {
                let _ = fs::remove_file(&paths.private);
            }
        }
        return Err(error);
    }
    drop(backup);
    sync_dir(&paths.private);
    Ok(())
}

/// A hard link to a file about to be replaced: put back on failure, removed
/// on success.
struct Backup {
    link: PathBuf,
    original: PathBuf,
}

impl Backup {
    fn of(path: &Path) -> Result<Option<Self>> {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => {}
            // Nothing (or a symlink, or something that is no key) to bring back.
            _ => return Ok(None),
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let link = path.with_file_name(format!(".{name}.{}.old", std::process::id()));
        let _ = fs::remove_file(&link);
        if fs::hard_link(path, &link).is_err() {
            // File systems without hard links: fall back to a private copy.
            let contents = fs::read(path).map_err(|e| Error::io("read", path, e))?;
            let mut copy = StagedFile::write(&link, &contents, Access::OwnerOnly)?;
            copy.committed = true;
        }
        Ok(Some(Backup {
            link,
            original: path.to_path_buf(),
        }))
    }

    /// Puts the old file back. If even that fails the backup stays on disk
    /// (the Drop below then finds nothing to remove only if the rename worked).
    fn restore(self) {
        if replace(&self.link, &self.original).is_err() {
            std::mem::forget(self);
        }
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.link);
    }
}

/// Syncs the folder holding `path` so the renames survive a power loss.
/// Best effort: not every platform can open a folder for syncing.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
