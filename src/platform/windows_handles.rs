//! Windows: the standard handles this process was given, kept out of the
//! children it starts. Windows hands every inheritable handle to a child
//! (Rust's `Command` asks for that), so a detached helper that outlives
//! sshgen (the one that clears the clipboard later) would hold the pipe of
//! whoever reads sshgen's output, and `sshgen copy --private | tee` would
//! wait for it. Two Win32 calls; `unsafe` as in `windows_acl`.

#![allow(unsafe_code)]

use windows_sys::Win32::Foundation::{
    HANDLE_FLAG_INHERIT, INVALID_HANDLE_VALUE, SetHandleInformation,
};
use windows_sys::Win32::System::Console::{
    GetStdHandle, STD_ERROR_HANDLE, STD_INPUT_HANDLE, STD_OUTPUT_HANDLE,
};

/// Makes standard input, output and error not inheritable. This process
/// keeps using them.
pub fn keep_std_handles_from_children() {
    for which in [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
        // SAFETY: GetStdHandle takes a constant and returns a handle this
        // process owns, or null/INVALID_HANDLE_VALUE when there is none;
        // SetHandleInformation only changes that handle's inherit flag.
        unsafe {
            let handle = GetStdHandle(which);
            if !handle.is_null() && handle != INVALID_HANDLE_VALUE {
                SetHandleInformation(handle, HANDLE_FLAG_INHERIT, 0);
            }
        }
    }
}
