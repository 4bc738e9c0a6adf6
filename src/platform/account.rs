//! The account's home folder from the account database, which is what ssh
//! means by `~` (it ignores `$HOME`): one `getpwuid_r` call, the only
//! `unsafe` outside `windows_acl`.

#![allow(unsafe_code)]

use std::path::PathBuf;

/// The home folder ssh means by `~`: the account database's on Unix, the
/// profile folder on Windows.
pub fn account_home() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer names memory that lives through the call;
        // on success `entry`'s strings point into `buffer`, read below
        // while it lives.
        let rc = unsafe {
            libc::getpwuid_r(
                libc::getuid(),
                &mut entry,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut result,
            )
        };
        if rc != 0 || result.is_null() || entry.pw_dir.is_null() {
            return None;
        }
        // SAFETY: a NUL-terminated string inside `buffer`.
        let dir = unsafe { std::ffi::CStr::from_ptr(entry.pw_dir) };
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(dir.to_bytes())))
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
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: as in `account_home`: every pointer names memory that
        // lives through the call, and the name is read while `buffer` lives.
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut entry,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut result,
            )
        };
        if rc == 0 && !result.is_null() && !entry.pw_name.is_null() {
            // SAFETY: a NUL-terminated string inside `buffer`.
            let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
            return Some(name.to_string_lossy().into_owned());
        }
    }
    #[cfg(not(unix))]
    let _ = uid;
    None
}
