//! What differs between operating systems: the home folder, the default
//! comment's user and host names, paths as users type them, and file
//! permissions (Unix modes; on Windows, access lists through [`acl`] and
//! `windows_acl`), and on Windows the ssh-agent service (`windows_service`).

mod account;
pub mod acl;
pub mod ownership;
#[cfg(windows)]
pub mod windows_acl;
#[cfg(windows)]
pub mod windows_handles;
#[cfg(windows)]
pub mod windows_service;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The OpenSSH Authentication Agent service of Windows (`ssh-agent`), as
/// the service control manager reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentService {
    NotInstalled,
    Disabled,
    /// Stopped; `automatic` when it starts with Windows.
    Stopped {
        automatic: bool,
    },
    Running,
    /// Starting, stopping, paused or resuming.
    Changing,
}

/// Environment variable that replaces the home folder, for tests and for
/// running sshgen on behalf of another account's folder.
pub const HOME_OVERRIDE_VAR: &str = "SSHGEN_HOME";

/// The user's home folder: `$SSHGEN_HOME` when set, else the platform's
/// (`$HOME` on Unix, the profile folder on Windows).
pub fn home_dir() -> Result<PathBuf> {
    match std::env::var_os(HOME_OVERRIDE_VAR) {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home)),
        _ => dirs::home_dir().ok_or(Error::NoHome),
    }
}

/// `SSL_CERT_FILE`, when set: the only certificates HTTPS trusts then, as
/// with OpenSSL-based tools (tests point it at their own CA).
pub fn ssl_cert_file() -> Option<PathBuf> {
    std::env::var_os("SSL_CERT_FILE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The folder that holds the user's keys, `~/.ssh`.
pub fn ssh_dir() -> Result<PathBuf> {
    Ok(home_dir()?.join(".ssh"))
}

pub use account::{account_home, account_name};

/// sshgen's home folder when it is not the account's, where ssh and git
/// look for `~/.ssh` (ssh takes `~` from the account database, not from
/// `$HOME`): in CI containers, under `sudo -E`, with `SSHGEN_HOME`. What
/// sshgen writes there is then not what a plain `ssh` or `git clone` reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignHome {
    pub home: PathBuf,
    pub account: PathBuf,
}

impl ForeignHome {
    /// The folders, when they differ.
    pub fn detect() -> Option<ForeignHome> {
        let home = home_dir().ok()?;
        let account = account_home()?;
        let same = match (home.canonicalize(), account.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => home == account,
        };
        (!same).then_some(ForeignHome { home, account })
    }

    /// The ssh command that reads sshgen's files: for `GIT_SSH_COMMAND`
    /// or `git config core.sshCommand` (git runs it through a POSIX shell,
    /// Git for Windows' too: a Windows path goes in double quotes, where a
    /// backslash stays one).
    pub fn ssh_command(&self) -> String {
        let ssh_dir = self.home.join(".ssh");
        let quoted = |path: &Path| {
            let text = path.display().to_string();
            if cfg!(windows) {
                format!("\"{text}\"")
            } else {
                shell_quoted(&text)
            }
        };
        format!(
            "ssh -F {} -o {}",
            quoted(&ssh_dir.join("config")),
            quoted(Path::new(&format!(
                "UserKnownHostsFile={}",
                ssh_dir.join("known_hosts").display()
            )))
        )
    }

    /// The shell line that sets `GIT_SSH_COMMAND` to [`Self::ssh_command`]:
    /// POSIX shell's `export`, or PowerShell's `$env:` on Windows.
    pub fn setting(&self) -> String {
        if cfg!(windows) {
            format!(
                "$env:GIT_SSH_COMMAND = '{}'",
                self.ssh_command().replace('\'', "''")
            )
        } else {
            format!(
                "export GIT_SSH_COMMAND={}",
                shell_quoted(&self.ssh_command())
            )
        }
    }

    /// How to run git with these files, as a command's first words
    /// (`… git clone URL`).
    pub fn git(&self) -> String {
        if cfg!(windows) {
            format!("{}; git", self.setting())
        } else {
            format!("GIT_SSH_COMMAND={} git", shell_quoted(&self.ssh_command()))
        }
    }

    /// The one line that says so, and the fix.
    pub fn note(&self) -> String {
        format!(
            "sshgen: note: sshgen's home folder {} is not your account's, {}, where ssh and \
             git look; give git these files with: {}",
            self.home.display(),
            self.account.display(),
            self.setting()
        )
    }
}

/// A program of the OpenSSH client (`ssh`, `ssh-keyscan`; `.exe` on
/// Windows) from PATH, the one git and the user run.
pub fn openssh_program(name: &str) -> Result<PathBuf> {
    let file = if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_owned()
    };
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(&file))
                .find(|path| path.is_file())
        })
        .ok_or_else(|| {
            Error::Refused(format!(
                "no OpenSSH client ({file}) on PATH; install it (Debian/Ubuntu: apt install \
                 openssh-client; Windows: Settings > Apps > Optional features > OpenSSH \
                 Client)"
            ))
        })
}

/// This program as the user ran it, for a setting that runs it again
/// (git's `gpg.ssh.program`): the path it was run by, made absolute but
/// with no link resolved (the link on PATH survives an upgrade that the
/// file it points to does not), or for a bare name the first file of that
/// name on PATH; failing both, the running file.
pub fn invoked_program() -> io::Result<PathBuf> {
    let Some(argv0) = std::env::args_os().next().map(PathBuf::from) else {
        return std::env::current_exe();
    };
    let absolute = |path: &Path| -> io::Result<PathBuf> {
        Ok(std::env::current_dir()?
            .join(path)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect())
    };
    if argv0.components().count() > 1 {
        return absolute(&argv0);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(&argv0))
            .find(|path| path.is_file())
    });
    match found {
        Some(path) => absolute(&path),
        None => std::env::current_exe(),
    }
}

/// `text` as one word for a POSIX shell: as it is when it needs no
/// quoting, else in single quotes (a `'` inside written `'\''`).
pub fn shell_quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// `path` as an ssh_config `IdentityFile` should name it so that ssh finds
/// it: `~/REST` when it lies under [`account_home`], the absolute path
/// otherwise (with `/` on Unix, as typed on Windows).
pub fn ssh_config_path(path: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    if let Some(rest) =
        account_home().and_then(|home| absolute.strip_prefix(home).ok().map(Path::to_path_buf))
    {
        let parts: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return format!("~/{}", parts.join("/"));
    }
    absolute.display().to_string()
}

/// The time now, in seconds since 1970 (0 for a clock set before then).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `user@host`, ssh-keygen's default comment.
pub fn default_comment() -> String {
    let user = user_name();
    let host = gethostname::gethostname();
    format!("{}@{}", user, host.to_string_lossy())
}

fn user_name() -> String {
    // ssh-keygen's `getpwuid(getuid())`: the account's name, whatever
    // USER says (a container's USER, `sudo`'s, a test's).
    #[cfg(unix)]
    if let Some(name) = account::name_in_database(rustix::process::getuid().as_raw()) {
        return name;
    }
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let var = if cfg!(windows) { "USERNAME" } else { "USER" };
    from_env(var)
        .or_else(|| from_env("LOGNAME"))
        .or_else(|| {
            dirs::home_dir()
                .and_then(|home| home.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "user".to_owned())
}

/// Whether the user's locale is UTF-8, chosen as ssh-keygen's
/// `msetlocale` and the C library choose it: the first of `LC_ALL`,
/// `LC_CTYPE` and `LANG` that is set and not empty; none means the C
/// locale. Windows consoles take UTF-8.
pub fn utf8_locale() -> bool {
    if cfg!(windows) {
        return true;
    }
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.is_empty())
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

/// Turns a path as the user typed it into the one to use: a leading `~` or
/// `~/` becomes the home folder (also `~\` on Windows), and on Windows every
/// `/` becomes `\`, so `-f ~/.ssh/id_work` works there and paths are printed
/// the way Windows shows them. Other paths are returned as given.
pub fn expand_tilde(path: &Path) -> Result<PathBuf> {
    let text = path.as_os_str().to_string_lossy();
    let expanded = if text == "~" {
        home_dir()?
    } else if let Some(rest) = ["~/", "~\\"]
        .into_iter()
        .filter(|prefix| cfg!(windows) || *prefix == "~/")
        .find_map(|prefix| text.strip_prefix(prefix))
    {
        home_dir()?.join(rest)
    } else if text.starts_with('~') && text.len() > 1 {
        // `~user/…`: sshgen knows only its own user's home; taking the
        // path literally would make a folder named `~user`.
        return Err(Error::Usage(format!(
            "{text}: sshgen expands only ~ and ~/ (its own home folder); \
             write another user's path in full"
        )));
    } else {
        path.to_path_buf()
    };
    Ok(native_separators(expanded))
}

/// On Windows, writes `/` as `\` (except in `\\?\` paths, where `/` is an
/// ordinary character); elsewhere returns the path unchanged.
fn native_separators(path: PathBuf) -> PathBuf {
    if !cfg!(windows) {
        return path;
    }
    match path.to_str() {
        Some(text) if text.contains('/') && !text.starts_with(r"\\?\") => {
            PathBuf::from(text.replace('/', "\\"))
        }
        _ => path,
    }
}

/// The file's name with `.pub` appended: `id_ed25519` → `id_ed25519.pub`.
pub fn with_pub_suffix(path: &Path) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(".pub");
    PathBuf::from(name)
}

/// Creates `dir` and any missing parents, private to the user (0700 on Unix) as
/// OpenSSH wants for `~/.ssh`. Run as root in another account's home, each
/// folder made is given to the owner of the folder it is in
/// ([`ownership::give_new_folder_its_parents_owner`]).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err())
        .collect();
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    for made in missing.into_iter().rev() {
        ownership::give_new_folder_its_parents_owner(made)?;
    }
    #[cfg(not(unix))]
    let _ = missing;
    Ok(())
}

/// Makes the private key (or, with `folder`, the folder) at `path` the
/// user's alone, in place: on Unix mode 0600 (0700) through
/// [`ownership::restrict_in_place`], only on what `expected_owner` owns;
/// on Windows the user, SYSTEM and Administrators (a folder's passed on to
/// what is made inside), nothing inherited from above
/// ([`acl::private_key_entries`], [`acl::private_folder_entries`]). A
/// symbolic link at `path` is left alone on every system.
pub fn make_private_in_place(
    path: &Path,
    folder: bool,
    expected_owner: Option<u32>,
) -> std::result::Result<(), ownership::Untouched> {
    #[cfg(unix)]
    {
        let mode = if folder { 0o700 } else { 0o600 };
        ownership::restrict_in_place(path, mode, folder, expected_owner)
    }
    #[cfg(not(unix))]
    {
        let _ = expected_owner;
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.file_type().is_symlink()
        {
            return Err(ownership::Untouched::Link(
                fs::read_link(path).unwrap_or_default(),
            ));
        }
        #[cfg(windows)]
        let made = if folder {
            windows_acl::make_folder_private(path)
        } else {
            windows_acl::make_file_private(path)
        };
        #[cfg(not(windows))]
        let made = fs::metadata(path).map(|_| ());
        made.map_err(ownership::Untouched::Io)
    }
}

/// Who may read a file sshgen writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Only the owner: private keys (0600).
    OwnerOnly,
    /// Everyone may read: public keys (0644).
    WorldReadable,
    /// The mode a file being replaced had (Unix permission bits), kept for
    /// files the user may have set themselves (`~/.ssh/config`,
    /// known_hosts); elsewhere as [`Access::WorldReadable`].
    Mode(u32),
}

impl Access {
    /// The access of the file at `path` if it exists (its mode on Unix),
    /// else `new`: what a rewrite of a user's file keeps.
    pub fn kept(path: &Path, new: Access) -> Access {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = fs::metadata(path) {
                return Access::Mode(meta.permissions().mode() & 0o7777);
            }
        }
        let _ = path;
        new
    }
}

/// Sets the permissions of a freshly created file, through its handle so that
/// no other process can open it in between with looser rights.
///
/// On Windows there is nothing left to do: [`create_new_file`] gave a private
/// key its DACL when it made the file, and other files keep what they
/// inherited from their folder, as any file the user creates there.
pub fn set_access(file: &fs::File, access: Access) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match access {
            Access::OwnerOnly => 0o600,
            Access::WorldReadable => 0o644,
            Access::Mode(mode) => mode,
        };
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, access);
        Ok(())
    }
}

/// Whether the private key at `path` is open to others, so that OpenSSH
/// refuses it ("UNPROTECTED PRIVATE KEY FILE"): group or other permission bits
/// on Unix; on Windows an owner or an allow entry for anyone but the user,
/// SYSTEM and Administrators (see [`acl::private_key_exposure`]).
pub fn private_key_exposed(path: &Path) -> io::Result<bool> {
    private_key_exposure(path).map(|exposure| exposure.is_some())
}

/// Who else may open the private key at `path`, in words (`mode 644`;
/// `Everyone may open it`), or `None` when only the user may.
pub fn private_key_exposure(path: &Path) -> io::Result<Option<String>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode() & 0o777;
        Ok((mode & 0o077 != 0).then(|| format!("mode {mode:o}")))
    }
    #[cfg(windows)]
    {
        let security = windows_acl::read_security(path)?;
        let user = windows_acl::current_user_sid()?;
        Ok(
            acl::private_key_exposure(&security.owner, security.dacl.as_deref(), &user)
                .map(|exposure| exposure.describe()),
        )
    }
    #[cfg(not(any(unix, windows)))]
    {
        fs::metadata(path).map(|_| None)
    }
}

/// Creates a new file, failing if the name is taken, with no window in which
/// another account could open it: on Unix created 0600 (a later
/// [`set_access`] may widen it to 0644); on Windows a private key gets its
/// protected DACL at creation, other files inherit from their folder.
pub fn create_new_file(path: &Path, access: Access) -> io::Result<fs::File> {
    #[cfg(windows)]
    if access == Access::OwnerOnly {
        return windows_acl::create_new_private_file(path);
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let _ = access;
    options.open(path)
}

/// Opens (creating it if missing) the lock file at `path` (Windows; Unix
/// locks the folder).
#[cfg(not(unix))]
pub fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    options.open(path)
}

/// Renames `from` to `to` unless `to` exists (then `AlreadyExists`), in one
/// step where the system has one: `renameat2(RENAME_NOREPLACE)` on Linux;
/// elsewhere a hard link, which fails on an existing name, then removing
/// `from`. On a file system with neither, the check and the rename are two
/// steps, and only sshgen's own lock keeps other writers out.
pub fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::EXIST => {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
            // Older kernels and some file systems lack the flag.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    match fs::hard_link(from, to) {
        Ok(()) => {
            let _ = fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(to).is_ok() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(from, to),
    }
}

/// [`crate::keys::MAX_KDF_ROUNDS`], or what the user raised it to with
/// [`crate::keys::MAX_KDF_ROUNDS_VAR`] to open a key made with more.
pub fn max_kdf_rounds() -> u32 {
    std::env::var(crate::keys::MAX_KDF_ROUNDS_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(crate::keys::MAX_KDF_ROUNDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pub_suffix_is_appended_not_substituted() {
        assert_eq!(
            with_pub_suffix(Path::new("/k/id.key")),
            PathBuf::from("/k/id.key.pub")
        );
    }

    #[test]
    fn tilde_is_expanded_only_at_the_start() {
        let plain = Path::new("a/~/b");
        assert_eq!(expand_tilde(plain).unwrap(), plain);
        let home = home_dir().unwrap();
        assert_eq!(expand_tilde(Path::new("~/x")).unwrap(), home.join("x"));
        assert_eq!(expand_tilde(Path::new("~")).unwrap(), home);
    }

    #[test]
    fn another_users_tilde_is_refused_not_taken_literally() {
        let err = expand_tilde(Path::new("~alice/.ssh/id")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "~alice/.ssh/id: sshgen expands only ~ and ~/ (its own home folder); \
             write another user's path in full"
        );
        assert_eq!(
            err.exit_code(crate::error::Grammar::Sshgen),
            crate::error::EXIT_USAGE
        );
    }
}
