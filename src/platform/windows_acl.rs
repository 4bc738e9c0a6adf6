//! The Windows security calls behind private key files: create a file that has
//! its protected DACL from the first instant, read a file's owner and DACL
//! back, and make a folder private (`doctor --fix` on `~/.ssh`).
//!
//! One of the few modules of sshgen allowed `unsafe` (`lib.rs` names them):
//! these are raw Win32 calls (windows-sys), and each `unsafe` block below
//! says what it relies on. What the DACL contains, and how it is laid out in
//! bytes, is decided by the pure [`super::acl`] module and tested on every
//! platform; this module only moves bytes between it and Windows, and lets
//! Windows validate them (`IsValidAcl`, `IsValidSid`) before use.

#![allow(unsafe_code)]

use std::ffi::c_void;
use std::fs::File;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::path::Path;
use std::ptr;

use windows_sys::Win32::Foundation::{
    ERROR_INSUFFICIENT_BUFFER, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE, LocalFree,
};
use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SE_FILE_OBJECT};
use windows_sys::Win32::Security::{
    ACL, DACL_SECURITY_INFORMATION, GetLengthSid, GetSecurityDescriptorControl,
    GetTokenInformation, InitializeSecurityDescriptor, IsValidAcl, IsValidSid,
    OWNER_SECURITY_INFORMATION, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID,
    SE_DACL_PROTECTED, SECURITY_ATTRIBUTES, SECURITY_DESCRIPTOR, SetFileSecurityW,
    SetSecurityDescriptorControl, SetSecurityDescriptorDacl, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    CREATE_NEW, CreateFileW, FILE_ATTRIBUTE_NORMAL, FILE_SHARE_DELETE, FILE_SHARE_READ,
    FILE_SHARE_WRITE, READ_CONTROL,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

use super::acl::{self, Ace, Sid};

/// `SECURITY_DESCRIPTOR_REVISION` (in a windows-sys feature not worth pulling
/// in for one constant).
const SECURITY_DESCRIPTOR_REVISION: u32 = 1;

/// A file's owner and DACL as Windows reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSecurity {
    pub owner: Sid,
    /// `None` for a NULL DACL (everyone may do everything).
    pub dacl: Option<Vec<Ace>>,
    /// Whether the DACL is protected from inheriting the folder's entries.
    pub protected: bool,
}

/// The account sshgen runs as, from its process token.
pub fn current_user_sid() -> io::Result<Sid> {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing;
    // `token` is a valid out-pointer.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: OpenProcessToken succeeded, so `token` is an open handle we own;
    // OwnedHandle closes it.
    let token = unsafe { OwnedHandle::from_raw_handle(token) };

    let mut needed = 0u32;
    // SAFETY: a null buffer of length 0 asks only for the size.
    unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenUser,
            ptr::null_mut(),
            0,
            &mut needed,
        )
    };
    let first = io::Error::last_os_error();
    if first.raw_os_error() != Some(ERROR_INSUFFICIENT_BUFFER.cast_signed()) {
        return Err(first);
    }
    // u64 words: TOKEN_USER holds a pointer and must be pointer-aligned.
    let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: `buffer` is writable for `needed` bytes and suitably aligned.
    let ok = unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenUser,
            buffer.as_mut_ptr().cast(),
            needed,
            &mut needed,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the buffer starts with a TOKEN_USER whose Sid points
    // into the same buffer, which lives until the end of this function.
    let sid = unsafe { (*buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    // SAFETY: `sid` points at a SID inside `buffer`.
    unsafe { copy_sid(sid) }
}

/// Creates `path` (failing if the name is taken) with the private key DACL
/// already in place: the security descriptor goes to CreateFileW itself, so
/// no other account can open the file between its creation and a later
/// permission change, and nothing is inherited from the folder.
pub fn create_new_private_file(path: &Path) -> io::Result<File> {
    let dacl = private_key_dacl()?;
    let mut descriptor = SECURITY_DESCRIPTOR::default();
    let descriptor_ptr = protected_descriptor(&mut descriptor, &dacl)?;
    let attributes = SECURITY_ATTRIBUTES {
        nLength: u32::try_from(size_of::<SECURITY_ATTRIBUTES>()).expect("a small struct"),
        lpSecurityDescriptor: descriptor_ptr,
        bInheritHandle: 0,
    };
    let wide = wide_path(path)?;
    // SAFETY: `wide` is NUL-terminated; `attributes` and what it points to are
    // alive for the call. The share mode is std's default for File::create;
    // the DACL already keeps other accounts out. WRITE_DAC is not requested:
    // the access list is final from here on.
    let handle = unsafe {
        CreateFileW(
            wide.as_ptr(),
            GENERIC_READ | GENERIC_WRITE | READ_CONTROL,
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
            &attributes,
            CREATE_NEW,
            FILE_ATTRIBUTE_NORMAL,
            ptr::null_mut(),
        )
    };
    if handle == INVALID_HANDLE_VALUE {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: CreateFileW succeeded, so `handle` is an open file handle that
    // nothing else owns.
    Ok(unsafe { File::from_raw_handle(handle) })
}

/// The owner and DACL of the file at `path`, read by name as Windows OpenSSH
/// reads them (GetNamedSecurityInfoW).
pub fn read_security(path: &Path) -> io::Result<FileSecurity> {
    let wide = wide_path(path)?;
    let mut found = Found::default();
    // SAFETY: `wide` is NUL-terminated; the out-pointers are valid, and the
    // descriptor Windows allocates is freed by `found`.
    let status = unsafe {
        GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
            &mut found.owner,
            ptr::null_mut(),
            &mut found.dacl,
            ptr::null_mut(),
            &mut found.descriptor.0,
        )
    };
    win32_result(status)?;
    found.into_security()
}

/// What GetNamedSecurityInfoW hands back: pointers into one
/// descriptor that Windows allocated with LocalAlloc.
struct Found {
    owner: PSID,
    dacl: *mut ACL,
    descriptor: LocalAllocation,
}

impl Default for Found {
    fn default() -> Self {
        Found {
            owner: ptr::null_mut(),
            dacl: ptr::null_mut(),
            descriptor: LocalAllocation(ptr::null_mut()),
        }
    }
}

impl Found {
    /// Copies the owner and DACL out of the Windows allocation.
    fn into_security(self) -> io::Result<FileSecurity> {
        let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
        if self.owner.is_null() || self.descriptor.0.is_null() {
            return Err(invalid("Windows reported no owner for the file"));
        }
        // SAFETY: both pointers point into `self.descriptor`, still allocated.
        let owner = unsafe { copy_sid(self.owner)? };
        let dacl = if self.dacl.is_null() {
            None
        } else {
            // SAFETY: a non-null DACL from Windows; IsValidAcl checks it before
            // its declared size is trusted for the copy.
            let bytes = unsafe {
                if IsValidAcl(self.dacl) == 0 {
                    return Err(invalid("Windows reported a malformed DACL"));
                }
                let header = std::slice::from_raw_parts(self.dacl.cast::<u8>(), 8);
                let len = acl::declared_acl_len(header).unwrap_or(8);
                std::slice::from_raw_parts(self.dacl.cast::<u8>(), len).to_vec()
            };
            Some(acl::decode_acl(&bytes).ok_or_else(|| invalid("cannot decode the file's DACL"))?)
        };
        let mut control = 0u16;
        let mut revision = 0u32;
        // SAFETY: the descriptor is valid and allocated; out-pointers are valid.
        if unsafe { GetSecurityDescriptorControl(self.descriptor.0, &mut control, &mut revision) }
            == 0
        {
            return Err(io::Error::last_os_error());
        }
        Ok(FileSecurity {
            owner,
            dacl,
            protected: control & SE_DACL_PROTECTED != 0,
        })
    }
}

/// Memory that Windows allocated with LocalAlloc, freed on drop.
struct LocalAllocation(*mut c_void);

impl Drop for LocalAllocation {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from a Windows call documented to
            // allocate with LocalAlloc, and is freed exactly once.
            unsafe { LocalFree(self.0) };
        }
    }
}

/// A binary DACL in a buffer aligned as an ACL must be.
struct AlignedAcl(Vec<u32>);

impl AlignedAcl {
    fn as_ptr(&self) -> *const ACL {
        self.0.as_ptr().cast()
    }
}

/// Gives the folder at `path` the private folder DACL
/// ([`acl::private_folder_entries`]), protected from what its own folder
/// passes down. What is made in the folder from then on inherits it; what is
/// already there keeps its own access list. (SetFileSecurityW, which sets
/// just that, rather than SetNamedSecurityInfoW, which also rewrites what
/// inside inherits, and which Wine 8 undoes: it merges the parent's
/// entries back in despite the protection.)
pub fn make_folder_private(path: &Path) -> io::Result<()> {
    set_protected_dacl(
        path,
        &aligned_acl(&acl::private_folder_entries(&current_user_sid()?))?,
    )
}

/// Gives the existing file at `path` the private key DACL in place (the
/// file is not rewritten).
pub fn make_file_private(path: &Path) -> io::Result<()> {
    set_protected_dacl(path, &private_key_dacl()?)
}

fn set_protected_dacl(path: &Path, dacl: &AlignedAcl) -> io::Result<()> {
    let mut descriptor = SECURITY_DESCRIPTOR::default();
    let descriptor_ptr = protected_descriptor(&mut descriptor, dacl)?;
    let wide = wide_path(path)?;
    // SAFETY: `wide` is NUL-terminated; the descriptor and the DACL it
    // points to are alive for the call.
    let set = unsafe {
        SetFileSecurityW(
            wide.as_ptr(),
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            descriptor_ptr,
        )
    };
    if set == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Fills `descriptor` as an absolute security descriptor holding `dacl`,
/// protected from inheritance, and returns the pointer Win32 calls take.
/// Both must outlive every use of that pointer.
fn protected_descriptor(
    descriptor: &mut SECURITY_DESCRIPTOR,
    dacl: &AlignedAcl,
) -> io::Result<PSECURITY_DESCRIPTOR> {
    let descriptor_ptr: PSECURITY_DESCRIPTOR = (descriptor as *mut SECURITY_DESCRIPTOR).cast();
    // SAFETY: `descriptor` is a writable SECURITY_DESCRIPTOR and `dacl` a
    // valid ACL; the caller keeps both alive while the pointer is used.
    let built = unsafe {
        InitializeSecurityDescriptor(descriptor_ptr, SECURITY_DESCRIPTOR_REVISION) != 0
            && SetSecurityDescriptorDacl(descriptor_ptr, 1, dacl.as_ptr(), 0) != 0
            && SetSecurityDescriptorControl(descriptor_ptr, SE_DACL_PROTECTED, SE_DACL_PROTECTED)
                != 0
    };
    if !built {
        return Err(io::Error::last_os_error());
    }
    Ok(descriptor_ptr)
}

/// The private key DACL for the current user.
fn private_key_dacl() -> io::Result<AlignedAcl> {
    aligned_acl(&acl::private_key_entries(&current_user_sid()?))
}

/// `entries` as a binary ACL in a buffer aligned as an ACL must be, once
/// Windows has found it valid.
fn aligned_acl(entries: &[Ace]) -> io::Result<AlignedAcl> {
    let bytes = acl::encode_acl(entries);
    let words = bytes
        .chunks_exact(4)
        .map(|w| u32::from_ne_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    let dacl = AlignedAcl(words);
    // SAFETY: the buffer holds `bytes.len()` bytes, the size the header declares.
    if unsafe { IsValidAcl(dacl.as_ptr()) } == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "Windows rejected the access list built for the file",
        ));
    }
    Ok(dacl)
}

/// Copies a SID that Windows handed out into owned bytes.
///
/// # Safety
/// `sid` must point to readable memory holding a SID (Windows validates it).
unsafe fn copy_sid(sid: PSID) -> io::Result<Sid> {
    // SAFETY: per the contract; IsValidSid checks the structure before
    // GetLengthSid's answer is trusted.
    let bytes = unsafe {
        if IsValidSid(sid) == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "invalid SID"));
        }
        std::slice::from_raw_parts(sid.cast::<u8>(), GetLengthSid(sid) as usize)
    };
    Sid::from_bytes(bytes).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "invalid SID"))
}

fn wide_path(path: &Path) -> io::Result<Vec<u16>> {
    let mut wide: Vec<u16> = path.as_os_str().encode_wide().collect();
    if wide.contains(&0) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "path contains a NUL character",
        ));
    }
    wide.push(0);
    Ok(wide)
}

fn win32_result(status: u32) -> io::Result<()> {
    match status {
        0 => Ok(()),
        // Win32 codes are DWORDs; std keeps them as the same bits in an i32.
        code => Err(io::Error::from_raw_os_error(code.cast_signed())),
    }
}
