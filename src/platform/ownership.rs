//! Who owns what sshgen writes and repairs, on Unix. sshgen is often run
//! with `sudo` and the user's `HOME`, so the process may be root while the
//! files are another account's: it must never hand such a file to root,
//! never follow a link to somewhere else, and never touch what the account
//! does not own.
//!
//! - [`keep_owner`]: a file staged to replace `target` gets `target`'s
//!   owner (a new one, its folder's owner), which only root can give; a
//!   file another account owns is never replaced by one of the caller's.
//! - [`restrict_in_place`]: `doctor --fix`'s change of a mode, made through
//!   a descriptor opened without following links, on a file or folder that
//!   the home folder's owner owns, and nothing else.
//!
//! Elsewhere (Windows) ownership is left as the system sets it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why [`restrict_in_place`] left a file as it was.
#[derive(Debug)]
pub enum Untouched {
    /// The name is a symbolic link (to this target): what it points to may
    /// be anyone's.
    Link(PathBuf),
    /// Another account owns it.
    Owner {
        owner: u32,
        expected: u32,
    },
    /// Not a regular file (or not a folder, for a folder).
    Kind,
    Io(io::Error),
}

impl std::fmt::Display for Untouched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Untouched::Link(target) => write!(
                f,
                "it is a symbolic link to {}, and sshgen does not change what a link points to",
                target.display()
            ),
            Untouched::Owner { owner, expected } => write!(
                f,
                "it belongs to {}, not to {}, who owns the home folder, and sshgen changes \
                 nothing another account owns",
                super::account_name(*owner),
                super::account_name(*expected)
            ),
            Untouched::Kind => f.write_str("it is not a regular file or folder"),
            Untouched::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The owner of the home folder `home`: the account whose files sshgen may
/// change there. `None` where the system has no such owner (Windows).
pub fn home_owner(home: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(home).ok().map(|meta| meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = home;
        None
    }
}

/// Sets the permission bits `mode` of the file (or, with `folder`, the
/// folder) at `path` itself: opened without following a link at its name,
/// checked through that descriptor to be of its kind and owned by
/// `expected_owner` (when given), and changed with `fchmod` — never
/// rewritten, so its owner, its bytes and every link to it stay.
#[cfg(unix)]
pub fn restrict_in_place(
    path: &Path,
    mode: u32,
    folder: bool,
    expected_owner: Option<u32>,
) -> Result<(), Untouched> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let mut options = fs::OpenOptions::new();
    options.read(true);
    let flags = libc::O_NOFOLLOW | libc::O_NONBLOCK | if folder { libc::O_DIRECTORY } else { 0 };
    options.custom_flags(flags);
    let file = match options.open(path) {
        Ok(file) => file,
        // O_NOFOLLOW fails with ELOOP on a link (O_DIRECTORY with ENOTDIR
        // on one to a file).
        Err(e) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            let _ = e;
            return Err(Untouched::Link(fs::read_link(path).unwrap_or_default()));
        }
        Err(e) => return Err(Untouched::Io(e)),
    };
    let meta = file.metadata().map_err(Untouched::Io)?;
    if (folder && !meta.is_dir()) || (!folder && !meta.is_file()) {
        return Err(Untouched::Kind);
    }
    if let Some(expected) = expected_owner
        && meta.uid() != expected
    {
        return Err(Untouched::Owner {
            owner: meta.uid(),
            expected,
        });
    }
    // A folder keeps its setgid and sticky bits, as `chmod 700` keeps them.
    let keep = if folder { meta.mode() & 0o3000 } else { 0 };
    file.set_permissions(fs::Permissions::from_mode(mode | keep))
        .map_err(Untouched::Io)
}

/// Gives `file`, just created to replace `target` (or to be made at it),
/// the owner `target` has, or, for a new name, the owner of the folder it
/// goes into: when sshgen runs as root for another account's files, what
/// it writes stays that account's. Refuses (`PermissionDenied`) to replace
/// a file that another account owns when that owner cannot be kept.
#[cfg(unix)]
pub fn keep_owner(file: &fs::File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let existing = fs::symlink_metadata(target)
        .ok()
        .filter(|m| !m.is_symlink());
    let (uid, gid) = match &existing {
        Some(meta) => (meta.uid(), meta.gid()),
        None => {
            let folder = target
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            match fs::metadata(folder) {
                Ok(meta) if me == 0 => (meta.uid(), meta.gid()),
                _ => return Ok(()),
            }
        }
    };
    if uid == me {
        return Ok(());
    }
    if me != 0 {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "it belongs to {}; sshgen never replaces a file another account owns",
                super::account_name(uid)
            ),
        ));
    }
    std::os::unix::fs::fchown(file, Some(uid), Some(gid))
}

#[cfg(not(unix))]
pub fn keep_owner(file: &fs::File, target: &Path) -> io::Result<()> {
    let _ = (file, target);
    Ok(())
}

/// Gives the folder `dir`, just made by root, the owner of the folder it
/// is in, as [`keep_owner`] does for files.
#[cfg(unix)]
pub fn give_new_folder_its_parents_owner(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if rustix::process::geteuid().as_raw() != 0 {
        return Ok(());
    }
    let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    let meta = fs::metadata(parent)?;
    if meta.uid() == 0 {
        return Ok(());
    }
    std::os::unix::fs::lchown(dir, Some(meta.uid()), Some(meta.gid()))
}
