//! Key files on disk: where a pair lives and how it is written so that no
//! race, crash or failure can lose a key or leave a mismatched pair.
//!
//! # How a write goes
//! 1. [`WriteLock::acquire`] takes a lock (on Unix `flock` on the key's
//!    folder; on Windows a lock file beside the key, `.NAME.sshgen-lock`),
//!    so writers of the same pair (two `--force` runs, `passphrase` and
//!    `comment` at once) go one after the other, and then repairs what an
//!    interrupted earlier write left ([`WriteLock`]'s recovery).
//! 2. Each new file is staged beside its target under a name that says what
//!    it is (`.NAME.sshgen-PID-N.key`, `.pub`, `.new`), created 0600 with
//!    `create_new` and synced. The private key's staging file is created
//!    before the public key's: a staged `.pub` without its `.key` therefore
//!    means the private key was already renamed into place.
//! 3. With `--force` the old private key gets a hard link (`.old`), so a
//!    failing second rename can put it back.
//! 4. The private key is renamed into place, then the public key. Without
//!    `--force` neither rename replaces a file that appeared meanwhile
//!    (`renameat2(RENAME_NOREPLACE)` on Linux, a hard link elsewhere): the
//!    write fails and is rolled back instead.
//! 5. The backup is removed and the folder synced.
//!
//! # Recovery
//! A process killed at any step leaves staging files. The next writer of the
//! pair, and `sshgen list`, take the lock (so no live writer owns them) and
//! settle them: a staged `.key` never renamed is dropped with its `.pub`
//! (the old pair stays); a staged `.pub` whose `.key` is gone is renamed into
//! place when it matches the private key there (the new pair is whole); a
//! backup is put back only when the pair in place does not match and the
//! backup does. What was done is said on stderr.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

    /// The pair of an existing key as it is to be rewritten: each file that
    /// is a symlink is replaced by the file it points to, so that the key a
    /// dotfile manager links into `~/.ssh` is updated where it lives instead
    /// of being replaced by a plain copy.
    pub fn resolved(&self) -> KeyPaths {
        let resolve = |path: &Path| match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
            }
            _ => path.to_path_buf(),
        };
        KeyPaths {
            private: resolve(&self.private),
            public: resolve(&self.public),
        }
    }

    /// The first of the two files that exists (a dangling symlink counts).
    pub fn first_existing(&self) -> Option<&Path> {
        [&self.private, &self.public]
            .into_iter()
            .find(|path| fs::symlink_metadata(path).is_ok())
            .map(PathBuf::as_path)
    }
}

/// Whether a write may replace files that are already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// `--force`, or a rewrite of an existing key.
    Allow,
    /// A new key: fail if either file exists, even one that appeared after
    /// the command started.
    Never,
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

/// What sits between a file's name and its kind in every staging name.
const STAGING_TAG: &str = ".sshgen-";
/// The lock file's suffix after the stem.
const LOCK_SUFFIX: &str = ".sshgen-lock";
/// Names longer than this are shortened in staging names, which add about
/// 30 bytes: a key named near the file system's limit (255 bytes) can
/// still be written.
const MAX_STEM: usize = 80;

/// How long a writer waits for another writer of the same key to finish.
/// Writers hold the lock for milliseconds (a prompt is answered before it
/// is taken); this bounds a stuck one, so a script fails instead of hanging.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// The part of a staging name that stands for the target: its file name, or
/// for a long or non-UTF-8 name a readable prefix and a hash of the whole.
fn stem(name: &OsStr) -> String {
    match name.to_str() {
        Some(text) if text.len() <= MAX_STEM && !text.contains(STAGING_TAG) => text.to_owned(),
        _ => {
            use sha2::Digest;
            let bytes = name.as_encoded_bytes();
            let digest = sha2::Sha256::digest(bytes);
            let hex = crate::render::hex(&digest[..8]);
            let lossy = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]);
            let readable: String = lossy
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect();
            format!("{readable}~{hex}")
        }
    }
}

fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.STEM.sshgen-` for the file at `path`: the start of every staging name.
fn staging_prefix(path: &Path) -> String {
    format!(
        ".{}{STAGING_TAG}",
        stem(path.file_name().unwrap_or(OsStr::new("key")))
    )
}

/// Whether a file name is one of sshgen's staging, backup or lock files,
/// which are never keys (`list` leaves them out).
pub fn is_staging_name(name: &OsStr) -> bool {
    name.to_str().is_some_and(|name| {
        name.starts_with('.')
            && name.contains(STAGING_TAG)
            && (name.ends_with(LOCK_SUFFIX)
                || [".key", ".pub", ".new", ".old"]
                    .iter()
                    .any(|kind| name.ends_with(kind)))
    })
}

/// The exclusive right to write one key pair (or one file), held until
/// dropped. Taking it first repairs what an interrupted write left.
#[derive(Debug)]
pub struct WriteLock {
    file: Option<fs::File>,
    /// The lock file to remove when done (Windows; Unix locks the folder).
    path: Option<PathBuf>,
    /// The file the lock and every staging name are named after: the
    /// private key of a pair, or the single file.
    target: PathBuf,
}

impl WriteLock {
    /// Waits (up to `LOCK_WAIT`) for the lock of the pair `paths`, then
    /// recovers what an interrupted write of it left.
    pub fn acquire(paths: &KeyPaths) -> Result<Self> {
        let lock = Self::take(&paths.private, Some(Instant::now() + LOCK_WAIT))?
            .expect("a lock with a deadline is taken or fails");
        recover(paths)?;
        Ok(lock)
    }

    /// The lock for a single file (not a key pair), for [`write_file`].
    pub fn acquire_file(target: &Path) -> Result<Self> {
        let lock = Self::take(target, Some(Instant::now() + LOCK_WAIT))?
            .expect("a lock with a deadline is taken or fails");
        recover_file(target);
        Ok(lock)
    }

    /// Takes the lock without waiting; `None` when another writer holds it.
    fn try_acquire(target: &Path) -> Result<Option<Self>> {
        Self::take(target, None)
    }

    /// What is locked: the key's folder on Unix, a lock file beside the key
    /// elsewhere (see `try_take`).
    fn lock_path(target: &Path) -> PathBuf {
        if cfg!(unix) {
            return dir_of(target).to_path_buf();
        }
        let name = format!(
            ".{}{LOCK_SUFFIX}",
            stem(target.file_name().unwrap_or(OsStr::new("key")))
        );
        dir_of(target).join(name)
    }

    fn take(target: &Path, deadline: Option<Instant>) -> Result<Option<Self>> {
        let lock = Self::lock_path(target);
        let busy = || Error::Busy {
            path: target.to_path_buf(),
            lock: lock.clone(),
        };
        let mut pause = Duration::from_millis(2);
        loop {
            let held = match Self::try_take(&lock) {
                Ok(held) => held,
                Err(e) => return Err(Error::io("lock", &lock, e)),
            };
            if let Some(file) = held {
                return Ok(Some(WriteLock {
                    file: Some(file),
                    path: cfg!(not(unix)).then(|| lock.clone()),
                    target: target.to_path_buf(),
                }));
            }
            match deadline {
                None => return Ok(None),
                Some(d) if Instant::now() >= d => return Err(busy()),
                Some(_) => {}
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    /// The lock held, or `None` while another writer holds it. On Unix the
    /// lock is `flock` on the key's folder itself: nothing is created or
    /// removed for it, which keeps a key's write to the two files' own
    /// metadata. A file system without locks (some network shares) gives a
    /// handle without a lock: writes go on unserialised there rather than
    /// being refused.
    #[cfg(unix)]
    fn try_take(folder: &Path) -> io::Result<Option<fs::File>> {
        Self::try_lock(fs::File::open(folder)?)
    }

    /// Windows locks no folder: a lock file beside the key, removed by its
    /// holder while still locked. Its name stays taken until every handle
    /// is closed, so a writer that opens it meanwhile is told to wait
    /// (access denied), and one that locked it before it went holds a lock
    /// that still guards the name.
    #[cfg(not(unix))]
    fn try_take(lock_file: &Path) -> io::Result<Option<fs::File>> {
        let file = match platform::open_lock_file(lock_file) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(None),
            Err(e) => return Err(e),
        };
        Self::try_lock(file)
    }

    /// `file` locked, or `None` while another writer holds the lock; a
    /// file system without locks gives the handle unlocked.
    fn try_lock(file: fs::File) -> io::Result<Option<fs::File>> {
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                Ok(Some(file))
            }
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        // A lock file is removed while still held (see `try_take`); closing
        // the handle unlocks.
        if let Some(path) = &self.path {
            let _ = fs::remove_file(path);
        }
        self.file.take();
    }
}

/// What a staging file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A new private key.
    Key,
    /// A new public key, of the same write as a `.key`.
    Pub,
    /// A single file that is not part of a pair.
    New,
    /// A backup link to the private key being replaced.
    Old,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Key => "key",
            Kind::Pub => "pub",
            Kind::New => "new",
            Kind::Old => "old",
        }
    }

    fn from_suffix(suffix: &str) -> Option<Self> {
        [Kind::Key, Kind::Pub, Kind::New, Kind::Old]
            .into_iter()
            .find(|k| k.suffix() == suffix)
    }
}

/// A staging name: `.STEM.sshgen-PID-N.KIND` beside the target. `stem_of`
/// is the file the pair is named after (its private key).
fn staging_path(stem_of: &Path, dir: &Path, token: &str, kind: Kind) -> PathBuf {
    dir.join(format!(
        "{}{token}.{}",
        staging_prefix(stem_of),
        kind.suffix()
    ))
}

/// A token unique to this write: the process id and a counter.
fn new_token() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A synced file beside its target, removed unless committed.
struct StagedFile {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl StagedFile {
    /// Creates the staging file (empty, private) without writing it yet.
    fn create(target: &Path, temp: PathBuf, access: Access) -> Result<(Self, fs::File)> {
        let file = platform::create_new_file(&temp, access)
            .map_err(|e| Error::io("create a temporary file for", target, e))?;
        Ok((
            StagedFile {
                temp,
                target: target.to_path_buf(),
                committed: false,
            },
            file,
        ))
    }

    fn fill(&self, file: fs::File, contents: &[u8], access: Access) -> Result<()> {
        let file = self.fill_unsynced(file, contents, access)?;
        file.sync_all()
            .map_err(|e| Error::io("write", &self.target, e))
    }

    /// [`fill`](StagedFile::fill) but for the sync, for a batch whose
    /// files are synced at once.
    fn fill_unsynced(
        &self,
        mut file: fs::File,
        contents: &[u8],
        access: Access,
    ) -> Result<fs::File> {
        // The owner first: a file another account owns is refused before a
        // byte is written, and one kept for it is its from the start.
        platform::ownership::keep_owner(&file, &self.target)
            .map_err(|e| Error::io("write", &self.target, e))?;
        file.write_all(contents)
            .and_then(|()| platform::set_access(&file, access))
            .map_err(|e| Error::io("write", &self.target, e))?;
        Ok(file)
    }

    fn commit(&mut self, replace: Replace) -> Result<()> {
        let moved = match replace {
            Replace::Allow => replace_file(&self.temp, &self.target),
            Replace::Never => platform::rename_no_replace(&self.temp, &self.target),
        };
        moved.map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Error::Exists {
                path: self.target.clone(),
            },
            _ => Error::io("replace", &self.target, e),
        })?;
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
pub fn replace_file(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        if let Ok(meta) = fs::symlink_metadata(to) {
            let mut perms = meta.permissions();
            if perms.readonly() {
                #[allow(clippy::permissions_set_readonly_false)]
                perms.set_readonly(false);
                let _ = fs::set_permissions(to, perms);
            }
        }
        // While another program has the name open for a moment (a scanner,
        // an indexer, another sshgen looking whether the key exists),
        // Windows refuses the rename (ERROR_ACCESS_DENIED or
        // ERROR_SHARING_VIOLATION). The rename is atomic either way: try
        // again, for about a second in all.
        let mut wait = std::time::Duration::from_millis(5);
        for _ in 0..8 {
            match fs::rename(from, to) {
                Err(e) if matches!(e.raw_os_error(), Some(5 | 32)) => {
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                done => return done,
            }
        }
    }
    fs::rename(from, to)
}

/// Writes one file atomically with the given access rights, replacing it.
/// The caller holds `lock`, the file's [`WriteLock`] or, for one file of a
/// pair rewritten alone (`passphrase`, `public --write`), the pair's.
pub fn write_file(lock: &WriteLock, path: &Path, contents: &[u8], access: Access) -> Result<()> {
    // A private key staged alone is a `.key` as in a pair write, whose
    // recovery tells a renamed one from one never put in place.
    let kind = if *path == lock.target && access == Access::OwnerOnly {
        Kind::Key
    } else {
        Kind::New
    };
    let temp = staging_path(&lock.target, dir_of(path), &new_token(), kind);
    let (mut staged, file) = StagedFile::create(path, temp, access)?;
    staged.fill(file, contents, access)?;
    staged.commit(Replace::Allow)?;
    sync_dir(path);
    Ok(())
}

/// Writes an output file (a signature, say) whole at `path`, replacing
/// what is there: staged beside it and renamed over the name, under the
/// file's lock. The old file is never read, and a symbolic link at the
/// name is replaced by the file, never followed to where it points.
pub fn write_output_file(path: &Path, contents: &[u8], access: Access) -> Result<()> {
    let lock = WriteLock::acquire_file(path)?;
    write_file(&lock, path, contents, access)
}

/// Writes several whole files (certificates for many keys, say), each as
/// [`WriteLock::acquire_file`] and [`write_file`] would, but with one
/// listing of each folder for leftovers of interrupted writes and one
/// folder sync at the end, instead of one of each per file: a batch of a
/// thousand files in a folder of a thousand stays linear. On Unix the lock
/// is the folder's, taken once per folder.
pub fn write_files(files: &[(PathBuf, Vec<u8>)], access: Access) -> Result<()> {
    let mut dirs: Vec<&Path> = files.iter().map(|(path, _)| dir_of(path)).collect();
    dirs.dedup();
    let mut seen = std::collections::HashSet::new();
    dirs.retain(|dir| seen.insert(*dir));
    for dir in dirs {
        let here: Vec<&(PathBuf, Vec<u8>)> = files
            .iter()
            .filter(|(path, _)| dir_of(path) == dir)
            .collect();
        let mut locks = Vec::new();
        for (path, _) in &here {
            if cfg!(not(unix)) || locks.is_empty() {
                locks.push(
                    WriteLock::take(path, Some(Instant::now() + LOCK_WAIT))?
                        .expect("a lock with a deadline is taken or fails"),
                );
            }
        }
        let names = listing(dir);
        for (path, _) in &here {
            for item in leftovers_among(path, &names) {
                let _ = fs::remove_file(&item.path);
            }
        }
        // Every file's data is on disk before any is renamed into place:
        // each synced on its own, or, for a batch on Linux, all at once by
        // syncing the file system they are on. That flushes whatever else
        // is waiting there too, but it is one journal commit instead of one
        // per file: a thousand certificates took 0.51 s instead of 0.81 s
        // here.
        let at_once = cfg!(target_os = "linux") && here.len() >= SYNC_AT_ONCE_FROM;
        let mut staged_files = Vec::with_capacity(here.len());
        for (path, contents) in &here {
            let temp = staging_path(path, dir, &new_token(), Kind::New);
            let (staged, file) = StagedFile::create(path, temp, access)?;
            if at_once {
                drop(staged.fill_unsynced(file, contents, access)?);
            } else {
                staged.fill(file, contents, access)?;
            }
            staged_files.push(staged);
        }
        if at_once {
            sync_file_system(dir)?;
        }
        for mut staged in staged_files {
            staged.commit(Replace::Allow)?;
        }
        if let Some((path, _)) = here.first() {
            sync_dir(path);
        }
        drop(locks);
    }
    Ok(())
}

/// Writes a key pair: the private key 0600, the public key 0644; the caller
/// holds the pair's [`WriteLock`].
///
/// Both files are staged and synced before either is renamed into place. If the
/// second rename fails, the first is undone (from the backup link to the old
/// private key, or by removing the new one), so the folder holds the old pair
/// or the new pair, never one of each.
///
/// The two files are written on two threads at once: each waits for its sync,
/// and syncs issued together share one journal commit on most file systems
/// instead of waiting for two in a row.
pub fn write_key_pair(
    _lock: &WriteLock,
    paths: &KeyPaths,
    private: &[u8],
    public: &[u8],
    replace: Replace,
) -> Result<()> {
    let token = new_token();
    let stem_of = &paths.private;
    // The private key's staging file exists before the public key's (the
    // order recovery relies on), both before anything is written.
    let (staged_private, private_file) = StagedFile::create(
        &paths.private,
        staging_path(stem_of, dir_of(&paths.private), &token, Kind::Key),
        Access::OwnerOnly,
    )?;
    let (staged_public, public_file) = StagedFile::create(
        &paths.public,
        staging_path(stem_of, dir_of(&paths.public), &token, Kind::Pub),
        Access::OwnerOnly,
    )?;
    let (filled_private, filled_public) = std::thread::scope(|scope| {
        let public = scope.spawn(|| staged_public.fill(public_file, public, Access::WorldReadable));
        let private = staged_private.fill(private_file, private, Access::OwnerOnly);
        let public = public
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (private, public)
    });
    // On an error both staged files' Drop removes them.
    filled_private?;
    filled_public?;
    let (mut staged_private, mut staged_public) = (staged_private, staged_public);

    if replace == Replace::Never
        && let Some(existing) = paths.first_existing()
    {
        return Err(Error::Exists {
            path: existing.to_path_buf(),
        });
    }
    let backup = match replace {
        Replace::Allow => Backup::of(stem_of, &paths.private, &token)?,
        Replace::Never => None,
    };
    staged_private.commit(replace)?;
    if let Err(error) = staged_public.commit(replace) {
        // The staged .pub goes first: left alone beside the old private key
        // it would look like the second half of a finished write.
        drop(staged_public);
        match backup {
            Some(backup) => backup.restore(),
            None => {
                let _ = fs::remove_file(&paths.private);
            }
        }
        sync_dir(&paths.private);
        return Err(error);
    }
    drop(backup);
    sync_dir(&paths.private);
    if dir_of(&paths.public) != dir_of(&paths.private) {
        sync_dir(&paths.public);
    }
    Ok(())
}

/// A hard link to (or, where links are refused, a synced copy of) a private
/// key about to be replaced: put back on failure, removed on success.
struct Backup {
    link: PathBuf,
    original: PathBuf,
}

impl Backup {
    fn of(stem_of: &Path, path: &Path, token: &str) -> Result<Option<Self>> {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => {}
            // Nothing (or a symlink, or something that is no key) to bring back.
            _ => return Ok(None),
        }
        let link = staging_path(stem_of, dir_of(path), token, Kind::Old);
        if fs::hard_link(path, &link).is_err() {
            Self::private_copy(path, &link)?;
        }
        Ok(Some(Backup {
            link,
            original: path.to_path_buf(),
        }))
    }

    /// For file systems without hard links: a private copy under the
    /// backup's own name (never a temporary name of its own that nobody
    /// would restore from), synced before the original is replaced.
    fn private_copy(path: &Path, link: &Path) -> Result<()> {
        let contents =
            zeroize::Zeroizing::new(fs::read(path).map_err(|e| Error::io("read", path, e))?);
        let (mut copy, file) = StagedFile::create(path, link.to_path_buf(), Access::OwnerOnly)?;
        copy.fill(file, &contents, Access::OwnerOnly)?;
        // From here on the Backup owns the file.
        copy.committed = true;
        Ok(())
    }

    /// Puts the old file back. If even that fails the backup stays on disk
    /// for recovery to find.
    fn restore(self) {
        if replace_file(&self.link, &self.original).is_err() {
            std::mem::forget(self);
        }
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.link);
    }
}

/// How many files in one folder [`write_files`] syncs at once rather than
/// one by one.
const SYNC_AT_ONCE_FROM: usize = 8;

/// Flushes the file system `dir` is on (Linux's `syncfs`); elsewhere
/// nothing, as [`write_files`] syncs each file there.
fn sync_file_system(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let folder = fs::File::open(dir).map_err(|e| Error::io("open", dir, e))?;
        rustix::fs::syncfs(&folder).map_err(|e| Error::io("write", dir, e.into()))?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Syncs the folder holding `path` so the renames survive a power loss.
/// Best effort: not every platform can open a folder for syncing.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir_of(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A staging file found on disk.
#[derive(Debug)]
struct Leftover {
    path: PathBuf,
    token: String,
    kind: Kind,
}

/// The staging files of the pair named after `stem_of` in `dir`.
fn leftovers(stem_of: &Path, dir: &Path) -> Vec<Leftover> {
    leftovers_among(stem_of, &listing(dir))
}

/// The names in `dir`, with their paths (none when it cannot be read).
fn listing(dir: &Path) -> Vec<(OsString, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .map(|entry| (entry.file_name(), entry.path()))
        .collect()
}

/// The staging files of the pair named after `stem_of` among `names`.
fn leftovers_among(stem_of: &Path, names: &[(OsString, PathBuf)]) -> Vec<Leftover> {
    let prefix = staging_prefix(stem_of);
    names
        .iter()
        .filter_map(|(name, path)| {
            let rest = name.to_str()?.strip_prefix(&prefix)?;
            let (token, suffix) = rest.rsplit_once('.')?;
            let kind = Kind::from_suffix(suffix)?;
            // Only our own tokens (PID-N), never a user's file that merely
            // starts alike.
            let (pid, n) = token.split_once('-')?;
            (pid.parse::<u32>().is_ok() && n.parse::<u32>().is_ok()).then(|| Leftover {
                path: path.clone(),
                token: token.to_owned(),
                kind,
            })
        })
        .collect()
}

/// Whether `dir` holds staging files of the pair whose private key is `path`.
pub fn has_leftovers(paths: &KeyPaths) -> bool {
    let (private_dir, public_dir) = (dir_of(&paths.private), dir_of(&paths.public));
    !leftovers(&paths.private, private_dir).is_empty()
        || (public_dir != private_dir && !leftovers(&paths.private, public_dir).is_empty())
}

/// The key pairs in `dir` that staging files of interrupted writes belong
/// to (those named in full; a long name's pair is settled by its own next
/// write).
pub fn interrupted_pairs(dir: &Path) -> Vec<KeyPaths> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pairs: Vec<KeyPaths> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name();
            let name = name.to_str()?;
            // A lock file alone is left by a process killed before it
            // staged anything; settling its pair removes it.
            if !is_staging_name(OsStr::new(name)) {
                return None;
            }
            let stem = name.strip_prefix('.')?.split(STAGING_TAG).next()?;
            (!stem.contains('~')).then(|| KeyPaths::new(dir.join(stem)))
        })
        .collect();
    pairs.sort_by(|a, b| a.private.cmp(&b.private));
    pairs.dedup();
    pairs
}

/// Repairs the pair `paths` after interrupted writes, if no writer is at
/// work on it right now (`list` calls this; a writer recovers when it takes
/// the lock). Returns whether it could look.
pub fn recover_if_idle(paths: &KeyPaths) -> Result<bool> {
    match WriteLock::try_acquire(&paths.private)? {
        Some(_lock) => {
            recover(paths)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The public key a private key file shows without its passphrase, or the
/// key of a public key file; `None` when it cannot be told.
fn key_of(path: &Path) -> Option<ssh_key::public::KeyData> {
    let bytes = read_bounded(path).ok()?;
    crate::keyfile::public_keys(&bytes)
        .ok()?
        .into_iter()
        .next()
        .map(|entry| entry.key)
}

fn read_bounded(path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    crate::input::read_bounded(crate::input::open_regular(path)?, path)
}

/// Whether the private key file and the public key file hold the same key
/// (true when either cannot be told, as for an encrypted PEM key).
fn pair_matches(private: &Path, public: &Path) -> bool {
    match (key_of(private), key_of(public)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    match (read_bounded(a), read_bounded(b)) {
        (Ok(a), Ok(b)) => *a == *b,
        _ => false,
    }
}

/// Settles the staging files of an interrupted write of `paths`; the caller
/// holds the pair's lock, so nobody else owns them.
fn recover(paths: &KeyPaths) -> Result<()> {
    // Unix locks the folder, never a file: a lock file there is a stray
    // (from a Windows share, or an older sshgen).
    if cfg!(unix) {
        let stray = dir_of(&paths.private).join(format!(
            ".{}{LOCK_SUFFIX}",
            stem(paths.private.file_name().unwrap_or(OsStr::new("key")))
        ));
        let _ = fs::remove_file(stray);
    }
    let mut found = leftovers(&paths.private, dir_of(&paths.private));
    if dir_of(&paths.public) != dir_of(&paths.private) {
        found.extend(leftovers(&paths.private, dir_of(&paths.public)));
    }
    if found.is_empty() {
        return Ok(());
    }
    let mut said = Vec::new();
    let remove = |path: &Path| {
        let _ = fs::remove_file(path);
    };
    // A staged private key still there was never renamed into place, unless
    // the no-replace link that stands for a rename happened and its removal
    // did not: then it is the file in place, byte for byte.
    let mut renamed_tokens = Vec::new();
    let mut dropped_tokens = Vec::new();
    for item in found.iter().filter(|l| l.kind == Kind::New) {
        remove(&item.path);
    }
    for item in found.iter().filter(|l| l.kind == Kind::Key) {
        if same_bytes(&item.path, &paths.private) {
            renamed_tokens.push(item.token.clone());
        } else {
            dropped_tokens.push(item.token.clone());
        }
        remove(&item.path);
    }
    if !dropped_tokens.is_empty() {
        said.push("dropped the unfinished new key".to_owned());
    }
    for item in found.iter().filter(|l| l.kind == Kind::Pub) {
        let private_renamed =
            !dropped_tokens.contains(&item.token) || renamed_tokens.contains(&item.token);
        if private_renamed
            && pair_matches(&paths.private, &item.path)
            && !(paths.public.exists() && same_bytes(&item.path, &paths.public))
        {
            replace_file(&item.path, &paths.public)
                .map_err(|e| Error::io("replace", &paths.public, e))?;
            said.push(format!(
                "put the new {} in place beside its private key",
                paths.public.display()
            ));
            continue;
        }
        remove(&item.path);
    }
    for item in found.iter().filter(|l| l.kind == Kind::Old) {
        let in_place_matches =
            paths.private.exists() && pair_matches(&paths.private, &paths.public);
        if !in_place_matches && paths.public.exists() && pair_matches(&item.path, &paths.public) {
            replace_file(&item.path, &paths.private)
                .map_err(|e| Error::io("replace", &paths.private, e))?;
            said.push(format!(
                "put the old {} back to match its .pub",
                paths.private.display()
            ));
        } else if !in_place_matches && !paths.private.exists() {
            replace_file(&item.path, &paths.private)
                .map_err(|e| Error::io("replace", &paths.private, e))?;
            said.push(format!("put the old {} back", paths.private.display()));
        } else {
            remove(&item.path);
        }
    }
    sync_dir(&paths.private);
    let outcome = if said.is_empty() {
        "removed its leftover temporary files".to_owned()
    } else {
        said.join("; ")
    };
    eprintln!(
        "sshgen: recovered {} after an interrupted write: {outcome}",
        paths.private.display()
    );
    Ok(())
}

/// Removes the staging files of an interrupted single-file write: the
/// target holds the old or the new contents, whole, either way.
fn recover_file(target: &Path) {
    for item in leftovers(target, dir_of(target)) {
        let _ = fs::remove_file(&item.path);
    }
}

/// The most a text file sshgen reads whole or edits (`~/.ssh/config`,
/// known_hosts, allowed_signers) may hold: many times any real one, and
/// small enough that an edit (the old text and the new) stays within a few
/// tens of MiB whatever the path names.
pub const MAX_TEXT_FILE_BYTES: u64 = 16 << 20;

/// The text of a file sshgen edits, `None` when there is none: opened
/// without blocking and only if it is a regular file (a FIFO or
/// `/dev/zero` put in its place is refused at once), read up to
/// [`MAX_TEXT_FILE_BYTES`], and UTF-8. A symbolic link whose target is
/// missing is named as one.
pub fn read_text_file(path: &Path) -> Result<Option<String>> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Ok(meta) if meta.file_type().is_symlink() && fs::metadata(path).is_err() => {
            let target = fs::read_link(path).unwrap_or_default();
            return Err(Error::KeyFile {
                path: path.to_path_buf(),
                problem: format!(
                    "a symbolic link to {}, which does not exist; remove the link or create \
                     its target",
                    target.display()
                ),
            });
        }
        _ => {}
    }
    let file = crate::input::open_regular(path)?;
    // Refused by its size before a byte is read; the bounded read below
    // catches a file that grows meanwhile.
    let too_large = || Error::KeyFile {
        path: path.to_path_buf(),
        problem: format!("larger than {} MiB", MAX_TEXT_FILE_BYTES >> 20),
    };
    if file.metadata().is_ok_and(|m| m.len() > MAX_TEXT_FILE_BYTES) {
        return Err(too_large());
    }
    let bytes = crate::input::read_at_most(file, path, MAX_TEXT_FILE_BYTES)?;
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(|_| Error::KeyFile {
            path: path.to_path_buf(),
            problem: "not UTF-8 text; nothing changed".to_owned(),
        })
}

/// What [`edit_text_file`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Edited {
    /// The file was rewritten; `backup` says where the old text was kept.
    Written { backup: Option<PathBuf> },
    /// The edit changed nothing, so nothing was written.
    Unchanged,
}

/// Rewrites the text file at `path` (a user's config or known_hosts) under
/// its lock: `edit` gets the current text (empty for a file that does not
/// exist) and returns the new text, or `None` to leave it. The file is
/// replaced atomically, through a symlink to where it lives, keeping its
/// mode (a new file gets `new_access`); with `backup`, the old text is
/// first written to `PATH.old` (as ssh-keygen -R and -H keep it).
pub fn edit_text_file<E>(
    path: &Path,
    new_access: Access,
    backup: bool,
    edit: impl FnOnce(&str) -> std::result::Result<Option<String>, E>,
) -> std::result::Result<Edited, E>
where
    E: From<Error>,
{
    let path = KeyPaths::new(path.to_path_buf()).resolved().private;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        crate::platform::create_private_dir(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    let lock = WriteLock::acquire_file(&path)?;
    let old = read_text_file(&path)?.unwrap_or_default();
    let Some(new) = edit(&old)? else {
        return Ok(Edited::Unchanged);
    };
    if new == old {
        return Ok(Edited::Unchanged);
    }
    let access = Access::kept(&path, new_access);
    let temp = staging_path(&lock.target, dir_of(&path), &new_token(), Kind::New);
    let (mut staged, file) = StagedFile::create(&path, temp, access)?;
    staged.fill(file, new.as_bytes(), access)?;
    // The old text is kept before the new one replaces it.
    let backup = if backup && !old.is_empty() {
        Some(keep_old(&lock, &path, &old, access)?)
    } else {
        None
    };
    staged.commit(Replace::Allow)?;
    sync_dir(&path);
    Ok(Edited::Written { backup })
}

/// `PATH.old` with the text `path` holds now (`old`): the file itself, hard
/// linked under a staging name and renamed over any earlier `.old` (as
/// ssh-keygen keeps it, with nothing copied or synced again); where hard
/// links cannot be made, a copy written as every file is.
fn keep_old(lock: &WriteLock, path: &Path, old: &str, access: Access) -> Result<PathBuf> {
    let mut name = path.as_os_str().to_owned();
    name.push(".old");
    let old_path = PathBuf::from(name);
    let link = staging_path(&lock.target, dir_of(path), &new_token(), Kind::New);
    if fs::hard_link(path, &link).is_err() {
        write_file(lock, &old_path, old.as_bytes(), access)?;
        return Ok(old_path);
    }
    if let Err(e) = replace_file(&link, &old_path) {
        let _ = fs::remove_file(&link);
        return Err(Error::io("write", &old_path, e));
    }
    Ok(old_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key replaced while another process holds the old file open for a
    /// moment (as a scanner does on Windows) is replaced once it lets go,
    /// not refused.
    #[cfg(windows)]
    #[test]
    fn a_rename_waits_for_a_name_held_open_for_a_moment() {
        let dir = std::env::temp_dir().join(format!("sshgen-held-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let (from, to) = (dir.join("new"), dir.join("key"));
        fs::write(&from, b"new").unwrap();
        fs::write(&to, b"old").unwrap();
        let held = fs::File::open(&to).unwrap();
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            drop(held);
        });
        let replaced = replace_file(&from, &to);
        letting_go.join().unwrap();
        let contents = fs::read(&to).unwrap();
        fs::remove_dir_all(&dir).ok();
        replaced.unwrap();
        assert_eq!(contents, b"new");
    }

    #[test]
    fn staging_names_stay_short_for_long_names() {
        let long = "k".repeat(250);
        let prefix = staging_prefix(Path::new(&long));
        assert!(prefix.len() < 70, "{prefix}");
        assert!(prefix.starts_with(".kkkk"));
        // Different long names do not share a prefix.
        let other = format!("{}j", "k".repeat(249));
        assert_ne!(prefix, staging_prefix(Path::new(&other)));
    }

    /// Where hard links are refused, the backup is a copy at the backup's
    /// own name, and restoring it brings the old key back (it used to be a
    /// temporary copy that was never renamed and restored nothing).
    #[test]
    fn backup_copy_without_hard_links_restores_the_old_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("k");
        fs::write(&key, "old key").unwrap();
        let link = staging_path(&key, dir.path(), "1-0", Kind::Old);
        Backup::private_copy(&key, &link).unwrap();
        let backup = Backup {
            link: link.clone(),
            original: key.clone(),
        };
        fs::write(&key, "new key").unwrap();
        backup.restore();
        assert_eq!(fs::read_to_string(&key).unwrap(), "old key");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["k"]);
    }

    #[test]
    fn staging_names_are_recognised_and_keys_are_not() {
        for name in [
            ".id_ed25519.sshgen-12-0.key",
            ".id_ed25519.sshgen-12-0.pub",
            ".id_ed25519.sshgen-12-0.old",
            ".config.sshgen-1-3.new",
            ".id_ed25519.sshgen-lock",
        ] {
            assert!(is_staging_name(OsStr::new(name)), "{name}");
        }
        for name in ["id_ed25519", "id_ed25519.pub", ".hidden_key", "config"] {
            assert!(!is_staging_name(OsStr::new(name)), "{name}");
        }
    }
}
