//! A security key provider library loaded into sshgen (`-w`,
//! `SSH_SK_PROVIDER`): the four functions of `sk-api.h` version 10
//! (OpenSSH 8.9 to 9.x), called as `ssh-sk.c` calls them. The only
//! `unsafe` of security keys is here; every answer is copied out of the
//! provider's memory at once, freed with the C library's `free` (as OpenSSH
//! frees it), and checked before use.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char, c_int};
use std::path::Path;
use std::ptr;

use libloading::{Library, Symbol};
use ssh_key::private::KeypairData;

use super::{EnrollResponse, Enrolled, Enrolment, Resident, SignResponse, SkError};
use crate::secret::Passphrase;

/// The API version sshgen speaks (`SSH_SK_VERSION_MAJOR`).
const VERSION_MAJOR: u32 = 0x000a_0000;
const VERSION_MAJOR_MASK: u32 = 0xffff_0000;
/// The most resident keys taken from one device: more is a provider fault.
const MAX_RESIDENT: usize = 1024;
/// The longest field taken from a provider's answer.
const MAX_FIELD: usize = 64 * 1024;

#[repr(C)]
struct RawEnrollResponse {
    flags: u8,
    public_key: *mut u8,
    public_key_len: usize,
    key_handle: *mut u8,
    key_handle_len: usize,
    signature: *mut u8,
    signature_len: usize,
    attestation_cert: *mut u8,
    attestation_cert_len: usize,
    authdata: *mut u8,
    authdata_len: usize,
}

#[repr(C)]
struct RawSignResponse {
    flags: u8,
    counter: u32,
    sig_r: *mut u8,
    sig_r_len: usize,
    sig_s: *mut u8,
    sig_s_len: usize,
}

#[repr(C)]
struct RawResidentKey {
    alg: u32,
    slot: usize,
    application: *mut c_char,
    key: RawEnrollResponse,
    flags: u8,
    user_id: *mut u8,
    user_id_len: usize,
}

#[repr(C)]
struct RawOption {
    name: *mut c_char,
    value: *mut c_char,
    required: u8,
}

type ApiVersion = unsafe extern "C" fn() -> u32;
type Enroll = unsafe extern "C" fn(
    alg: u32,
    challenge: *const u8,
    challenge_len: usize,
    application: *const c_char,
    flags: u8,
    pin: *const c_char,
    options: *mut *mut RawOption,
    response: *mut *mut RawEnrollResponse,
) -> c_int;
type Sign = unsafe extern "C" fn(
    alg: u32,
    data: *const u8,
    data_len: usize,
    application: *const c_char,
    key_handle: *const u8,
    key_handle_len: usize,
    flags: u8,
    pin: *const c_char,
    options: *mut *mut RawOption,
    response: *mut *mut RawSignResponse,
) -> c_int;
type LoadResident = unsafe extern "C" fn(
    pin: *const c_char,
    options: *mut *mut RawOption,
    keys: *mut *mut *mut RawResidentKey,
    count: *mut usize,
) -> c_int;

/// A loaded provider whose version was checked.
struct Provider {
    library: Library,
    path: String,
}

impl Provider {
    fn open(path: &Path) -> Result<Provider, SkError> {
        let shown = path.display().to_string();
        // SAFETY: loading a library runs its initialisers; the user named
        // this library as a security key provider (as with ssh-keygen -w,
        // which loads it the same way), and sshgen calls nothing in it
        // before checking that it declares the API version sshgen speaks.
        let library = unsafe { Library::new(path) }
            .map_err(|e| SkError::Unavailable(format!("cannot load the provider {shown}: {e}")))?;
        let provider = Provider {
            library,
            path: shown,
        };
        let version: Symbol<ApiVersion> = provider.symbol(b"sk_api_version\0")?;
        // SAFETY: sk_api_version takes nothing and returns a uint32_t
        // (sk-api.h); every provider version has it with this signature.
        let version = unsafe { version() };
        if version & VERSION_MAJOR_MASK != VERSION_MAJOR {
            return Err(SkError::Unavailable(format!(
                "the provider {} implements version 0x{version:08x} of the security key API; \
                 sshgen speaks 0x{VERSION_MAJOR:08x}",
                provider.path
            )));
        }
        Ok(provider)
    }

    fn symbol<T>(&self, name: &[u8]) -> Result<Symbol<'_, T>, SkError> {
        // SAFETY: each caller names the type sk-api.h declares for `name`
        // (the version was checked before any other function is looked up).
        unsafe { self.library.get::<T>(name) }.map_err(|e| {
            SkError::Unavailable(format!(
                "the provider {} has no {}: {e}",
                self.path,
                String::from_utf8_lossy(name.strip_suffix(b"\0").unwrap_or(name))
            ))
        })
    }
}

/// The options of a request (`device`, `user`), as a NULL-terminated
/// array of C structures; the strings live in `texts`.
struct Options {
    _texts: Vec<CString>,
    entries: Vec<RawOption>,
    pointers: Vec<*mut RawOption>,
}

impl Options {
    fn new(pairs: &[(&str, Option<&str>)]) -> Result<Options, SkError> {
        let mut texts = Vec::new();
        let mut entries = Vec::new();
        for (name, value) in pairs {
            let Some(value) = value else { continue };
            let name = c_text(name)?;
            let value = c_text(value)?;
            entries.push(RawOption {
                name: name.as_ptr().cast_mut(),
                value: value.as_ptr().cast_mut(),
                required: 0,
            });
            texts.push(name);
            texts.push(value);
        }
        let mut options = Options {
            _texts: texts,
            entries,
            pointers: Vec::new(),
        };
        options.pointers = options
            .entries
            .iter_mut()
            .map(ptr::from_mut)
            .chain([ptr::null_mut()])
            .collect();
        Ok(options)
    }

    fn as_mut_ptr(&mut self) -> *mut *mut RawOption {
        self.pointers.as_mut_ptr()
    }
}

fn c_text(text: &str) -> Result<CString, SkError> {
    CString::new(text).map_err(|_| SkError::Invalid(format!("{text:?} holds a NUL byte")))
}

fn c_pin(pin: Option<&Passphrase>) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, SkError> {
    let Some(pin) = pin else { return Ok(None) };
    if pin.as_bytes().contains(&0) {
        return Err(SkError::Invalid("the PIN holds a NUL byte".to_owned()));
    }
    let mut bytes = zeroize::Zeroizing::new(pin.as_bytes().to_vec());
    bytes.push(0);
    Ok(Some(bytes))
}

/// Copies `len` bytes from a provider's pointer; `None` for a null pointer.
///
/// # Safety
/// `data`, when not null, points to at least `len` readable bytes.
unsafe fn copied(data: *const u8, len: usize) -> Result<Vec<u8>, SkError> {
    if data.is_null() || len == 0 {
        return Ok(Vec::new());
    }
    if len > MAX_FIELD {
        return Err(SkError::Invalid(format!(
            "the provider returned a field of {len} bytes"
        )));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `data`.
    Ok(unsafe { std::slice::from_raw_parts(data, len) }.to_vec())
}

/// Frees what a provider allocated, as OpenSSH does (`free`).
///
/// # Safety
/// `pointer` is null or came from the provider's `malloc`, and is not used
/// again.
unsafe fn release<T>(pointer: *mut T) {
    // SAFETY: see the function's contract; free(NULL) does nothing.
    unsafe { libc::free(pointer.cast()) }
}

/// Copies an enrolment response out and frees it (with its fields).
///
/// # Safety
/// `raw` is null or a response a provider allocated as sk-api.h describes.
unsafe fn take_enroll_response(raw: *mut RawEnrollResponse) -> Result<EnrollResponse, SkError> {
    if raw.is_null() {
        return Err(SkError::Invalid(
            "the provider returned no answer".to_owned(),
        ));
    }
    // SAFETY: `raw` points to a response (the caller's contract).
    let response = unsafe { &*raw };
    // SAFETY: each pointer and length pair describes the provider's buffer.
    let copied_response = unsafe { enroll_fields(response) };
    // SAFETY: the fields and the response were allocated by the provider
    // and are not used after this.
    unsafe {
        free_enroll_fields(response);
        release(raw);
    }
    copied_response
}

/// # Safety
/// Each pointer of `response` is null or points to its length in bytes.
unsafe fn enroll_fields(response: &RawEnrollResponse) -> Result<EnrollResponse, SkError> {
    // SAFETY: the function's contract.
    unsafe {
        Ok(EnrollResponse {
            flags: response.flags,
            public_key: copied(response.public_key, response.public_key_len)?,
            key_handle: copied(response.key_handle, response.key_handle_len)?,
            signature: copied(response.signature, response.signature_len)?,
            attestation_cert: copied(response.attestation_cert, response.attestation_cert_len)?,
            authdata: copied(response.authdata, response.authdata_len)?,
        })
    }
}

/// # Safety
/// The fields of `response` were allocated by the provider and are not
/// used again.
unsafe fn free_enroll_fields(response: &RawEnrollResponse) {
    // SAFETY: the function's contract.
    unsafe {
        release(response.public_key);
        release(response.key_handle);
        release(response.signature);
        release(response.attestation_cert);
        release(response.authdata);
    }
}

/// Makes a key through the library at `path`.
pub fn enroll(
    path: &Path,
    request: &Enrolment,
    pin: Option<&Passphrase>,
) -> Result<Enrolled, SkError> {
    let provider = Provider::open(path)?;
    let sk_enroll: Symbol<Enroll> = provider.symbol(b"sk_enroll\0")?;
    let mut random = [0u8; 32];
    let challenge = match request.challenge {
        Some(challenge) => challenge,
        None => {
            getrandom::fill(&mut random).map_err(|e| {
                SkError::Failed(format!("the system's random number generator failed: {e}"))
            })?;
            &random
        }
    };
    let application = c_text(request.application)?;
    let pin = c_pin(pin)?;
    let mut options = Options::new(&[("device", request.device), ("user", request.user)])?;
    let mut raw: *mut RawEnrollResponse = ptr::null_mut();
    // SAFETY: the arguments are as sk-api.h declares them: a challenge of
    // the given length, NUL-terminated strings (the PIN may be NULL), a
    // NULL-terminated option array, and a place for the response, which
    // the provider allocates. All outlive the call.
    let code = unsafe {
        sk_enroll(
            request.algorithm.provider_number(),
            challenge.as_ptr(),
            challenge.len(),
            application.as_ptr(),
            request.flags,
            pin.as_ref().map_or(ptr::null(), |p| p.as_ptr().cast()),
            options.as_mut_ptr(),
            &raw mut raw,
        )
    };
    if code != 0 {
        // SAFETY: a failed call may still have set the response; it is the
        // provider's allocation either way.
        let _ = unsafe { take_enroll_response(raw) };
        return Err(SkError::from_provider(code));
    }
    // SAFETY: a successful sk_enroll set `raw` to its response.
    let response = unsafe { take_enroll_response(raw) }?;
    let keypair = super::enrolled_key(
        request.algorithm,
        request.application,
        response.flags,
        &response,
    )?;
    Ok(Enrolled {
        keypair,
        attestation: super::attestation_blob(&response),
    })
}

/// Signs `data` with the security key `keypair` through the library at
/// `path`; returns the SSH signature blob.
pub fn sign(
    path: &Path,
    keypair: &KeypairData,
    data: &[u8],
    pin: Option<&Passphrase>,
) -> Result<Vec<u8>, SkError> {
    let (algorithm, application, key_handle, flags) = super::key_fields(keypair)
        .ok_or_else(|| SkError::Invalid("the key is not a security key's".to_owned()))?;
    let provider = Provider::open(path)?;
    let sk_sign: Symbol<Sign> = provider.symbol(b"sk_sign\0")?;
    let application = c_text(application)?;
    let pin = c_pin(pin)?;
    let mut options = Options::new(&[])?;
    let mut raw: *mut RawSignResponse = ptr::null_mut();
    // SAFETY: as for sk_enroll: buffers with their lengths, NUL-terminated
    // strings, a NULL-terminated option array and a place for the answer.
    let code = unsafe {
        sk_sign(
            algorithm.provider_number(),
            data.as_ptr(),
            data.len(),
            application.as_ptr(),
            key_handle.as_ptr(),
            key_handle.len(),
            flags,
            pin.as_ref().map_or(ptr::null(), |p| p.as_ptr().cast()),
            options.as_mut_ptr(),
            &raw mut raw,
        )
    };
    // SAFETY: `raw` is null or the provider's response.
    let response = unsafe { take_sign_response(raw) };
    if code != 0 {
        return Err(SkError::from_provider(code));
    }
    super::signature_blob(algorithm, &response?)
}

/// # Safety
/// `raw` is null or a sign response the provider allocated.
unsafe fn take_sign_response(raw: *mut RawSignResponse) -> Result<SignResponse, SkError> {
    if raw.is_null() {
        return Err(SkError::Invalid(
            "the provider returned no answer".to_owned(),
        ));
    }
    // SAFETY: the function's contract.
    unsafe {
        let response = &*raw;
        let copied_response = (|| {
            Ok(SignResponse {
                flags: response.flags,
                counter: response.counter,
                sig_r: copied(response.sig_r, response.sig_r_len)?,
                sig_s: copied(response.sig_s, response.sig_s_len)?,
            })
        })();
        release(response.sig_r);
        release(response.sig_s);
        release(raw);
        copied_response
    }
}

/// The keys resident on the device, through the library at `path`.
pub fn load_resident(
    path: &Path,
    device: Option<&str>,
    pin: Option<&Passphrase>,
) -> Result<Vec<Resident>, SkError> {
    let provider = Provider::open(path)?;
    let sk_load: Symbol<LoadResident> = provider.symbol(b"sk_load_resident_keys\0")?;
    let pin = c_pin(pin)?;
    let mut options = Options::new(&[("device", device)])?;
    let mut raw: *mut *mut RawResidentKey = ptr::null_mut();
    let mut count = 0usize;
    // SAFETY: a NUL-terminated PIN or NULL, a NULL-terminated option array,
    // and places for the array of keys and its length.
    let code = unsafe {
        sk_load(
            pin.as_ref().map_or(ptr::null(), |p| p.as_ptr().cast()),
            options.as_mut_ptr(),
            &raw mut raw,
            &raw mut count,
        )
    };
    if raw.is_null() {
        count = 0;
    }
    // SAFETY: `raw` is null or an array of `count` keys the provider
    // allocated (each freed here, then the array).
    let keys = unsafe { take_resident_keys(raw, count) };
    if code != 0 {
        return Err(SkError::from_provider(code));
    }
    keys
}

/// # Safety
/// `raw` is null or an array of `count` pointers to resident keys, all
/// allocated by the provider.
unsafe fn take_resident_keys(
    raw: *mut *mut RawResidentKey,
    count: usize,
) -> Result<Vec<Resident>, SkError> {
    if raw.is_null() {
        return Ok(Vec::new());
    }
    if count > MAX_RESIDENT {
        return Err(SkError::Invalid(format!(
            "the provider returned {count} resident keys"
        )));
    }
    let mut keys = Vec::new();
    let mut failure = None;
    for at in 0..count {
        // SAFETY: `at` is within the array (the function's contract).
        let key = unsafe { *raw.add(at) };
        if key.is_null() {
            continue;
        }
        // SAFETY: each entry is a resident key the provider allocated.
        let taken = unsafe { take_resident_key(&*key) };
        // SAFETY: its fields were freed by take_resident_key.
        unsafe { release(key) };
        match taken {
            Ok(Some(resident)) => keys.push(resident),
            Ok(None) => {}
            Err(e) => failure = failure.or(Some(e)),
        }
    }
    // SAFETY: the array itself, allocated by the provider.
    unsafe { release(raw) };
    match failure {
        Some(e) => Err(e),
        None => Ok(keys),
    }
}

/// # Safety
/// `key` is a resident key the provider allocated; its fields are freed.
unsafe fn take_resident_key(key: &RawResidentKey) -> Result<Option<Resident>, SkError> {
    // SAFETY: the function's contract: pointers and lengths describe the
    // provider's buffers; the application is NULL or NUL-terminated.
    unsafe {
        let application = (!key.application.is_null()).then(|| {
            CStr::from_ptr(key.application)
                .to_string_lossy()
                .into_owned()
        });
        let fields = enroll_fields(&key.key);
        let user = copied(key.user_id, key.user_id_len);
        free_enroll_fields(&key.key);
        release(key.application);
        release(key.user_id);
        let Some(application) = application else {
            return Ok(None);
        };
        let fields = fields?;
        let user = user?;
        super::resident_key(key.alg, &application, key.flags, &fields, &user).transpose()
    }
}
