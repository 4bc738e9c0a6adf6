//! Windows: the state of the OpenSSH Authentication Agent service, which
//! `doctor` reports when the agent's pipe cannot be opened (a missing,
//! disabled or stopped service all look the same from the pipe). Service
//! control manager calls; `unsafe` as in `windows_acl`.

#![allow(unsafe_code)]

use std::io;
use std::ptr;

use windows_sys::Win32::Foundation::{ERROR_INSUFFICIENT_BUFFER, ERROR_SERVICE_DOES_NOT_EXIST};
use windows_sys::Win32::System::Services::{
    CloseServiceHandle, OpenSCManagerW, OpenServiceW, QUERY_SERVICE_CONFIGW, QueryServiceConfigW,
    QueryServiceStatus, SC_HANDLE, SC_MANAGER_CONNECT, SERVICE_AUTO_START, SERVICE_DISABLED,
    SERVICE_QUERY_CONFIG, SERVICE_QUERY_STATUS, SERVICE_RUNNING, SERVICE_STATUS, SERVICE_STOPPED,
};

use super::AgentService;

/// The service's name, as `Get-Service` and `sc` take it.
const NAME: &str = "ssh-agent";

/// Asks the service control manager about the `ssh-agent` service.
pub fn agent_service() -> io::Result<AgentService> {
    // SAFETY: null machine and database names mean this machine's active
    // database; the handle is closed by `Handle`.
    let manager =
        Handle::new(unsafe { OpenSCManagerW(ptr::null(), ptr::null(), SC_MANAGER_CONNECT) })?;
    let name: Vec<u16> = NAME.encode_utf16().chain([0]).collect();
    // SAFETY: `manager` is open and `name` NUL-terminated.
    let service = match Handle::new(unsafe {
        OpenServiceW(
            manager.0,
            name.as_ptr(),
            SERVICE_QUERY_STATUS | SERVICE_QUERY_CONFIG,
        )
    }) {
        Err(e) if e.raw_os_error() == Some(ERROR_SERVICE_DOES_NOT_EXIST.cast_signed()) => {
            return Ok(AgentService::NotInstalled);
        }
        other => other?,
    };

    let mut needed = 0u32;
    // SAFETY: a null buffer of size 0 asks only for the size needed.
    unsafe { QueryServiceConfigW(service.0, ptr::null_mut(), 0, &mut needed) };
    let first = io::Error::last_os_error();
    if first.raw_os_error() != Some(ERROR_INSUFFICIENT_BUFFER.cast_signed()) {
        return Err(first);
    }
    // u64 words: the structure holds pointers and must be pointer-aligned.
    let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: `buffer` is writable for `needed` bytes and suitably aligned.
    if unsafe { QueryServiceConfigW(service.0, buffer.as_mut_ptr().cast(), needed, &mut needed) }
        == 0
    {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the buffer starts with the structure.
    let start_type = unsafe { (*buffer.as_ptr().cast::<QUERY_SERVICE_CONFIGW>()).dwStartType };

    let mut status = SERVICE_STATUS::default();
    // SAFETY: `service` is open with SERVICE_QUERY_STATUS; `status` is valid.
    if unsafe { QueryServiceStatus(service.0, &mut status) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(match (status.dwCurrentState, start_type) {
        (SERVICE_RUNNING, _) => AgentService::Running,
        (_, SERVICE_DISABLED) => AgentService::Disabled,
        (SERVICE_STOPPED, start) => AgentService::Stopped {
            automatic: start == SERVICE_AUTO_START,
        },
        _ => AgentService::Changing,
    })
}

/// A service control manager handle, closed on drop.
struct Handle(SC_HANDLE);

impl Handle {
    fn new(handle: SC_HANDLE) -> io::Result<Handle> {
        if handle.is_null() {
            Err(io::Error::last_os_error())
        } else {
            Ok(Handle(handle))
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle came from OpenSCManagerW or OpenServiceW and is
        // closed exactly once.
        unsafe { CloseServiceHandle(self.0) };
    }
}
