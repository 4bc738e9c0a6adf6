//! What differs between operating systems: the home folder, the default
//! comment's user and host names, and file permissions.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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

/// The folder that holds the user's keys, `~/.ssh`.
pub fn ssh_dir() -> Result<PathBuf> {
    Ok(home_dir()?.join(".ssh"))
}

/// `user@host`, ssh-keygen's default comment.
pub fn default_comment() -> String {
    let user = user_name();
    let host = gethostname::gethostname();
    format!("{}@{}", user, host.to_string_lossy())
}

fn user_name() -> String {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let var = if cfg!(windows) { "USERNAME" } else { "USER" };
    from_env(var)
        .or_else(|| from_env("LOGNAME"))
        .or_else(|| {
            // Containers often run without USER; the home folder's name is the
            // account name on every common system.
            dirs::home_dir()
                .and_then(|home| home.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "user".to_owned())
}

/// Expands a leading `~` or `~/` to the home folder; other paths are returned as given.
pub fn expand_tilde(path: &Path) -> Result<PathBuf> {
    let text = path.as_os_str().to_string_lossy();
    if text == "~" {
        return home_dir();
    }
    for prefix in ["~/", "~\\"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if cfg!(windows) || prefix == "~/" {
                return Ok(home_dir()?.join(rest));
            }
        }
    }
    Ok(path.to_path_buf())
}

/// The file's name with `.pub` appended: `id_ed25519` → `id_ed25519.pub`.
pub fn with_pub_suffix(path: &Path) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(".pub");
    PathBuf::from(name)
}

/// Creates `dir` and any missing parents, private to the user (0700 on Unix) as
/// OpenSSH wants for `~/.ssh`.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Who may read a file sshgen writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Only the owner: private keys (0600).
    OwnerOnly,
    /// Everyone may read: public keys (0644).
    WorldReadable,
}

/// Sets the permissions of a freshly created file, through its handle so that
/// no other process can open it in between with looser rights.
pub fn set_access(file: &fs::File, access: Access) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match access {
            Access::OwnerOnly => 0o600,
            Access::WorldReadable => 0o644,
        };
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, access);
        Ok(())
    }
}

/// Whether anyone but the owner may read or write the private key at `path`:
/// group or other permission bits on Unix. OpenSSH refuses such keys.
pub fn private_key_exposed(path: &Path) -> io::Result<bool> {
    let meta = fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(meta.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Ok(false)
    }
}

/// Options that create a new file readable by its owner only (0600 on Unix), or
/// fail if the name is taken.
pub fn create_new_private_file_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
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
}
