//! The account database (what ssh means by `~`, and who owns a file): one
//! `getpwuid_r` call, read for the home folder or the account's name.

#![allow(unsafe_code)]

use std::path::PathBuf;

/// The account database's home folder and name for `uid`, as raw bytes.
#[cfg(unix)]
fn entry(uid: u32) -> Option<(Vec<u8>, Vec<u8>)> {
    // SAFETY: `passwd` is a C struct of integers and pointers, for which
    // all zero bytes is a valid value (null pointers), filled in below.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer names memory that lives through the call; on
    // success `entry`'s strings point into `buffer`, copied below while it
    // lives.
    let rc = unsafe {
        libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || entry.pw_dir.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: NUL-terminated strings inside `buffer`.
    let (dir, name) = unsafe {
        (
            std::ffi::CStr::from_ptr(entry.pw_dir),
            std::ffi::CStr::from_ptr(entry.pw_name),
        )
    };
    Some((dir.to_bytes().to_vec(), name.to_bytes().to_vec()))
}

/// The home folder ssh means by `~`: the account database's on Unix, the
/// profile folder on Windows.
pub fn account_home() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (dir, _) = entry(rustix::process::getuid().as_raw())?;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(&dir)))
    }
    #[cfg(not(unix))]
    {
        dirs::home_dir()
    }
}

/// The name of the account with user id `uid` (`uid N` when the account
/// database has none), for messages.
pub fn account_name(uid: u32) -> String {
    name_in_database(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// The account database's name for `uid`, if it has one.
pub fn name_in_database(uid: u32) -> Option<String> {
    #[cfg(unix)]
    {
        entry(uid).map(|(_, name)| String::from_utf8_lossy(&name).into_owned())
    }
    #[cfg(not(unix))]
    {
        let _ = uid;
        None
    }
}
