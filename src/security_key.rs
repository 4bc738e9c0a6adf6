//! Security keys (FIDO authenticators), reached as OpenSSH reaches them:
//! through a "security key provider" (`sk-api.h`, `PROTOCOL.u2f`) that
//! enrols a key, signs with it and lists the keys resident on the device.
//!
//! A [`Route`] says how the provider is reached: a library named by `-w`
//! or `SSH_SK_PROVIDER`, loaded into sshgen ([`provider`], the one place
//! with that `unsafe`), or OpenSSH's `ssh-sk-helper` program, which loads
//! the library, or its own USB support (`internal`), in a process of its
//! own ([`helper`]). What comes back is checked and assembled here as
//! `ssh-sk.c` assembles it: the key ([`enrolled_key`]), the signature
//! ([`signature_blob`]) and the attestation ([`attestation_blob`]).

pub mod helper;
#[cfg(unix)]
pub mod provider;

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use ssh_key::encoding::{Decode, Encode};
use ssh_key::private::{
    KeypairData, SkEcdsaSha2NistP256 as SkEcdsaPair, SkEd25519 as SkEd25519Pair,
};
use ssh_key::public::{Ed25519PublicKey, SkEcdsaSha2NistP256, SkEd25519};

use crate::secret::Passphrase;

/// The flags a key carries (`sk_flags`), as `sk-api.h` numbers them.
pub const USER_PRESENCE_REQUIRED: u8 = 0x01;
pub const USER_VERIFICATION_REQUIRED: u8 = 0x04;
pub const RESIDENT_KEY: u8 = 0x20;
/// Asked of `sk_enroll` to replace a resident key that exists.
pub const FORCE_OPERATION: u8 = 0x10;

/// The application a key is made for when none is named.
pub const DEFAULT_APPLICATION: &str = "ssh:";

/// The provider name that means the helper's own USB support.
pub const INTERNAL: &str = "internal";

/// The two key algorithms of security keys, numbered as `sk-api.h` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// `sk-ecdsa-sha2-nistp256@openssh.com`.
    Ecdsa,
    /// `sk-ssh-ed25519@openssh.com`.
    Ed25519,
}

impl Algorithm {
    /// `SSH_SK_ECDSA` or `SSH_SK_ED25519`.
    pub fn provider_number(self) -> u32 {
        match self {
            Algorithm::Ecdsa => 0,
            Algorithm::Ed25519 => 1,
        }
    }

    /// The key's type in `ssh-sk-helper`'s requests (OpenSSH's `KEY_ECDSA_SK`
    /// and `KEY_ED25519_SK`).
    pub fn helper_number(self) -> u32 {
        match self {
            Algorithm::Ecdsa => 10,
            Algorithm::Ed25519 => 12,
        }
    }

    /// The algorithm of a key pair, if it is a security key's.
    pub fn of(keypair: &KeypairData) -> Option<Algorithm> {
        match keypair {
            KeypairData::SkEcdsaSha2NistP256(_) => Some(Algorithm::Ecdsa),
            KeypairData::SkEd25519(_) => Some(Algorithm::Ed25519),
            _ => None,
        }
    }

    fn from_provider_number(number: u32) -> Option<Algorithm> {
        match number {
            0 => Some(Algorithm::Ecdsa),
            1 => Some(Algorithm::Ed25519),
            _ => None,
        }
    }
}

/// Whether a provider library can be loaded into this process: on Unix,
/// but not from the static (musl) build, which cannot load libraries and
/// hands them to `ssh-sk-helper` instead, as Windows does.
const IN_PROCESS: bool = cfg!(all(unix, not(target_env = "musl")));

/// How the provider is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A provider library, loaded into this process.
    Library(PathBuf),
    /// `ssh-sk-helper`, asked to use `provider` (a library's path, or
    /// [`INTERNAL`]).
    Helper {
        program: PathBuf,
        provider: OsString,
    },
}

impl Route {
    /// The route for a provider named by `-w`/`-S` (else `SSH_SK_PROVIDER`):
    /// a named library is loaded here where that can be done; with none
    /// named, or with
    /// `SSH_SK_HELPER` set (the helper OpenSSH's own tools would run), the
    /// helper is asked, with the named library or its own USB support.
    pub fn choose(named: Option<OsString>) -> Route {
        let provider =
            named.or_else(|| std::env::var_os("SSH_SK_PROVIDER").filter(|p| !p.is_empty()));
        let helper = std::env::var_os("SSH_SK_HELPER").filter(|p| !p.is_empty());
        match (provider, helper) {
            (Some(library), None) if IN_PROCESS => Route::Library(PathBuf::from(library)),
            (provider, helper) => Route::Helper {
                program: helper.map_or_else(default_helper, PathBuf::from),
                provider: provider.unwrap_or_else(|| INTERNAL.into()),
            },
        }
    }

    /// The provider as the agent is told of it (`sk-provider@openssh.com`).
    pub fn provider_name(&self) -> OsString {
        match self {
            Route::Library(path) => path.clone().into_os_string(),
            Route::Helper { provider, .. } => provider.clone(),
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Route::Library(path) => write!(f, "provider {}", path.display()),
            Route::Helper { program, provider } => write!(
                f,
                "{} (provider {})",
                program.display(),
                provider.to_string_lossy()
            ),
        }
    }
}

/// Where OpenSSH installs `ssh-sk-helper`: Debian's and Fedora's folders,
/// the BSDs' and macOS's, and Windows OpenSSH's; the first present, else
/// Debian's (named in the error when it is missing).
fn default_helper() -> PathBuf {
    const PLACES: &[&str] = &[
        "/usr/lib/openssh/ssh-sk-helper",
        "/usr/libexec/openssh/ssh-sk-helper",
        "/usr/libexec/ssh-sk-helper",
        "/usr/local/libexec/ssh-sk-helper",
        r"C:\Windows\System32\OpenSSH\ssh-sk-helper.exe",
    ];
    PLACES
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(PLACES[0]))
}

/// Why the authenticator did not do what was asked.
#[derive(Debug, PartialEq, Eq)]
pub enum SkError {
    /// The authenticator wants its PIN (`SSH_SK_ERR_PIN_REQUIRED`), or the
    /// PIN given was wrong.
    PinRequired,
    /// No authenticator was found (`SSH_SK_ERR_DEVICE_NOT_FOUND`).
    DeviceNotFound,
    /// A resident key for that application and user exists already
    /// (`SSH_SK_ERR_CREDENTIAL_EXISTS`).
    CredentialExists,
    /// The authenticator cannot do what was asked (`SSH_SK_ERR_UNSUPPORTED`).
    Unsupported,
    /// Any other failure the provider reported.
    Failed(String),
    /// The provider could not be loaded or run.
    Unavailable(String),
    /// The provider answered with something that is not what it should.
    Invalid(String),
}

impl fmt::Display for SkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkError::PinRequired => {
                f.write_str("the authenticator needs its PIN, or the PIN was wrong")
            }
            SkError::DeviceNotFound => f.write_str("no security key found; is it plugged in?"),
            SkError::CredentialExists => f.write_str(
                "the security key already holds a resident key for that application and user",
            ),
            SkError::Unsupported => f.write_str("the security key does not support what was asked"),
            SkError::Failed(why) | SkError::Unavailable(why) | SkError::Invalid(why) => {
                f.write_str(why)
            }
        }
    }
}

impl SkError {
    /// A provider's own error code (`SSH_SK_ERR_*`).
    #[cfg(unix)]
    fn from_provider(code: i32) -> SkError {
        match code {
            -2 => SkError::Unsupported,
            -3 => SkError::PinRequired,
            -4 => SkError::DeviceNotFound,
            -5 => SkError::CredentialExists,
            other => SkError::Failed(format!("the provider reported failure ({other})")),
        }
    }

    /// An OpenSSH error code as `ssh-sk-helper` passes it on (the provider's
    /// code already turned by `skerr_to_ssherr`).
    fn from_openssh(code: u32) -> SkError {
        match code {
            59 => SkError::Unsupported,
            43 => SkError::PinRequired,
            60 => SkError::DeviceNotFound,
            44 => SkError::CredentialExists,
            4 => SkError::Failed("the provider reported failure".to_owned()),
            other => SkError::Failed(format!("ssh-sk-helper reported OpenSSH error -{other}")),
        }
    }
}

/// A key to make.
pub struct Enrolment<'a> {
    pub algorithm: Algorithm,
    /// `application=`; `ssh:` unless named.
    pub application: &'a str,
    /// `user=`, for a resident key.
    pub user: Option<&'a str>,
    /// `device=`.
    pub device: Option<&'a str>,
    /// The flags asked for: presence, verification, resident.
    pub flags: u8,
    /// `challenge=`; random when `None`.
    pub challenge: Option<&'a [u8]>,
}

/// What enrolment made.
pub struct Enrolled {
    pub keypair: KeypairData,
    /// The attestation as `ssh-keygen -O write-attestation` writes it.
    pub attestation: Vec<u8>,
}

/// A key resident on the authenticator.
pub struct Resident {
    pub keypair: KeypairData,
    /// The user id it was made with (`user=`), trailing zeros dropped.
    pub user: Vec<u8>,
}

/// What a provider returned from `sk_enroll`, copied out of its memory.
pub struct EnrollResponse {
    pub flags: u8,
    pub public_key: Vec<u8>,
    pub key_handle: Vec<u8>,
    pub signature: Vec<u8>,
    pub attestation_cert: Vec<u8>,
    pub authdata: Vec<u8>,
}

/// What a provider returned from `sk_sign`.
pub struct SignResponse {
    pub flags: u8,
    pub counter: u32,
    pub sig_r: Vec<u8>,
    pub sig_s: Vec<u8>,
}

/// Makes a key on the authenticator.
pub fn enroll(
    route: &Route,
    request: &Enrolment,
    pin: Option<&Passphrase>,
) -> Result<Enrolled, SkError> {
    if request.application.is_empty() {
        return Err(SkError::Invalid(
            "the application must not be empty".to_owned(),
        ));
    }
    match route {
        #[cfg(unix)]
        Route::Library(path) => provider::enroll(path, request, pin),
        #[cfg(not(unix))]
        Route::Library(path) => Err(SkError::Unavailable(format!(
            "provider libraries are used through ssh-sk-helper here: {}",
            path.display()
        ))),
        Route::Helper { program, provider } => helper::enroll(program, provider, request, pin),
    }
}

/// Has the authenticator sign `data` with the security key `keypair`;
/// returns the SSH signature blob.
pub fn sign(
    route: &Route,
    keypair: &KeypairData,
    data: &[u8],
    pin: Option<&Passphrase>,
) -> Result<Vec<u8>, SkError> {
    match route {
        #[cfg(unix)]
        Route::Library(path) => provider::sign(path, keypair, data, pin),
        #[cfg(not(unix))]
        Route::Library(path) => Err(SkError::Unavailable(format!(
            "provider libraries are used through ssh-sk-helper here: {}",
            path.display()
        ))),
        Route::Helper { program, provider } => helper::sign(program, provider, keypair, data, pin),
    }
}

/// The keys resident on the authenticator (ssh-keygen's `-K`).
pub fn load_resident(
    route: &Route,
    device: Option<&str>,
    pin: Option<&Passphrase>,
) -> Result<Vec<Resident>, SkError> {
    match route {
        #[cfg(unix)]
        Route::Library(path) => provider::load_resident(path, device, pin),
        #[cfg(not(unix))]
        Route::Library(path) => Err(SkError::Unavailable(format!(
            "provider libraries are used through ssh-sk-helper here: {}",
            path.display()
        ))),
        Route::Helper { program, provider } => {
            helper::load_resident(program, provider, device, pin)
        }
    }
}

/// The key pair an enrolment answered, checked as `ssh-sk.c` checks it: an
/// Ed25519 key of 32 bytes, or an uncompressed P-256 point on the curve;
/// a key handle present.
pub fn enrolled_key(
    algorithm: Algorithm,
    application: &str,
    flags: u8,
    response: &EnrollResponse,
) -> Result<KeypairData, SkError> {
    if response.key_handle.is_empty() {
        return Err(SkError::Invalid(
            "the provider returned no key handle".to_owned(),
        ));
    }
    let key_handle = response.key_handle.clone();
    Ok(match algorithm {
        Algorithm::Ed25519 => {
            let bytes: [u8; 32] = response.public_key.as_slice().try_into().map_err(|_| {
                SkError::Invalid(format!(
                    "the provider returned an Ed25519 key of {} bytes, not 32",
                    response.public_key.len()
                ))
            })?;
            let public = SkEd25519::new(Ed25519PublicKey(bytes), application);
            KeypairData::SkEd25519(
                SkEd25519Pair::new(public, flags, key_handle)
                    .map_err(|e| SkError::Invalid(format!("the key handle is unusable: {e}")))?,
            )
        }
        Algorithm::Ecdsa => {
            let not_a_point = || {
                SkError::Invalid(
                    "the provider returned an ECDSA key that is not a P-256 point".to_owned(),
                )
            };
            // Uncompressed (as `sshbuf_get_ec` takes it) and on the curve.
            if response.public_key.first() != Some(&4)
                || p256::PublicKey::from_sec1_bytes(&response.public_key).is_err()
            {
                return Err(not_a_point());
            }
            let point = ssh_key::sec1::EncodedPoint::from_bytes(&response.public_key)
                .map_err(|_| not_a_point())?;
            let public = SkEcdsaSha2NistP256::new(point, application);
            KeypairData::SkEcdsaSha2NistP256(
                SkEcdsaPair::new(public, flags, key_handle)
                    .map_err(|e| SkError::Invalid(format!("the key handle is unusable: {e}")))?,
            )
        }
    })
}

/// The SSH signature blob of a provider's answer (`sshsk_ed25519_sig`,
/// `sshsk_ecdsa_sig`): the algorithm's name, the signature (r and s as
/// mpints for ECDSA), then the flags and counter the authenticator signed.
pub fn signature_blob(algorithm: Algorithm, response: &SignResponse) -> Result<Vec<u8>, SkError> {
    let encode = |result: Result<(), ssh_key::encoding::Error>| {
        result.map_err(|e| SkError::Invalid(format!("cannot encode the signature: {e}")))
    };
    let mut blob = Vec::new();
    match algorithm {
        Algorithm::Ed25519 => {
            if response.sig_r.len() != 64 {
                return Err(SkError::Invalid(format!(
                    "the provider returned an Ed25519 signature of {} bytes, not 64",
                    response.sig_r.len()
                )));
            }
            encode("sk-ssh-ed25519@openssh.com".encode(&mut blob))?;
            encode(response.sig_r.as_slice().encode(&mut blob))?;
        }
        Algorithm::Ecdsa => {
            if !(1..=32).contains(&response.sig_r.len())
                || !(1..=32).contains(&response.sig_s.len())
            {
                return Err(SkError::Invalid(
                    "the provider returned an ECDSA signature whose r or s is not 1 to 32 bytes"
                        .to_owned(),
                ));
            }
            let mut inner = Vec::new();
            for half in [&response.sig_r, &response.sig_s] {
                encode(ssh_key::Mpint::from_positive_bytes(half).encode(&mut inner))?;
            }
            encode("sk-ecdsa-sha2-nistp256@openssh.com".encode(&mut blob))?;
            encode(inner.as_slice().encode(&mut blob))?;
        }
    }
    blob.push(response.flags);
    encode(response.counter.encode(&mut blob))?;
    Ok(blob)
}

/// The attestation `ssh-keygen -O write-attestation=FILE` writes
/// (`ssh-sk-attest-v01`: the certificate, the signature, the authenticator
/// data, then reserved flags and a reserved string).
pub fn attestation_blob(response: &EnrollResponse) -> Vec<u8> {
    let mut blob = Vec::new();
    let strings: [&[u8]; 4] = [
        b"ssh-sk-attest-v01",
        &response.attestation_cert,
        &response.signature,
        &response.authdata,
    ];
    for field in strings {
        field
            .encode(&mut blob)
            .expect("writing to a Vec cannot fail");
    }
    0u32.encode(&mut blob)
        .expect("writing to a Vec cannot fail");
    (&[] as &[u8])
        .encode(&mut blob)
        .expect("writing to a Vec cannot fail");
    blob
}

/// A resident key as `sshsk_load_resident` takes it: only `ssh:`
/// applications and the two known algorithms; presence always required,
/// verification as the device says.
pub fn resident_key(
    algorithm: u32,
    application: &str,
    device_flags: u8,
    response: &EnrollResponse,
    user: &[u8],
) -> Option<Result<Resident, SkError>> {
    let algorithm = Algorithm::from_provider_number(algorithm)?;
    if !application.starts_with("ssh:") {
        return None;
    }
    let flags = USER_PRESENCE_REQUIRED | RESIDENT_KEY | (device_flags & USER_VERIFICATION_REQUIRED);
    Some(
        enrolled_key(algorithm, application, flags, response).map(|keypair| Resident {
            keypair,
            user: trim_user(user),
        }),
    )
}

/// A user id as OpenSSH prints and names it: the bytes up to the first zero
/// (devices pad it to a fixed size).
pub fn trim_user(user: &[u8]) -> Vec<u8> {
    user.iter().copied().take_while(|b| *b != 0).collect()
}

/// A security key's key as a signer (`-Y sign`, a CA for `-s`): each
/// signature is asked of the authenticator, then checked against the key
/// before it is used (a provider's bogus answer is an error, not a
/// signature).
pub struct KeySigner {
    keypair: KeypairData,
    route: Route,
    pin: Option<Passphrase>,
    /// Why the last signature failed, in words (the signature crate's
    /// error keeps none).
    failure: std::cell::RefCell<Option<String>>,
}

impl KeySigner {
    /// The signer of a security key pair; `None` for any other key.
    pub fn new(keypair: KeypairData, route: Route, pin: Option<Passphrase>) -> Option<KeySigner> {
        Algorithm::of(&keypair)?;
        Some(KeySigner {
            keypair,
            route,
            pin,
            failure: std::cell::RefCell::new(None),
        })
    }

    /// Whether the authenticator wants a touch for each signature.
    pub fn needs_touch(&self) -> bool {
        key_fields(&self.keypair)
            .is_some_and(|(_, _, _, flags)| flags & USER_PRESENCE_REQUIRED != 0)
    }

    /// The public half.
    pub fn public_key(&self) -> ssh_key::public::KeyData {
        ssh_key::public::KeyData::try_from(&self.keypair)
            .expect("a security key pair has a public key")
    }
}

impl KeySigner {
    /// Why the last signature failed.
    pub fn failure(&self) -> Option<String> {
        self.failure.borrow().clone()
    }

    fn signature(&self, message: &[u8]) -> Result<ssh_key::Signature, String> {
        let blob = sign(&self.route, &self.keypair, message, self.pin.as_ref())
            .map_err(|e| e.to_string())?;
        let signature = ssh_key::Signature::decode(&mut blob.as_slice())
            .map_err(|e| format!("the provider returned a signature sshgen cannot read ({e})"))?;
        signature::Verifier::verify(&self.public_key(), message, &signature).map_err(|_| {
            "the provider returned a signature that does not verify with the key".to_owned()
        })?;
        Ok(signature)
    }
}

impl signature::Signer<ssh_key::Signature> for KeySigner {
    fn try_sign(&self, message: &[u8]) -> Result<ssh_key::Signature, signature::Error> {
        self.signature(message).map_err(|why| {
            *self.failure.borrow_mut() = Some(why.clone());
            signature::Error::from_source(why)
        })
    }
}

/// What ssh-key's certificate signing asks of a signer: its public key.
impl From<&KeySigner> for ssh_key::public::KeyData {
    fn from(signer: &KeySigner) -> ssh_key::public::KeyData {
        signer.public_key()
    }
}

/// The fields of a security key pair: its algorithm, application, key
/// handle and flags.
pub fn key_fields(keypair: &KeypairData) -> Option<(Algorithm, &str, &[u8], u8)> {
    match keypair {
        KeypairData::SkEd25519(sk) => Some((
            Algorithm::Ed25519,
            sk.public().application(),
            sk.key_handle(),
            sk.flags(),
        )),
        KeypairData::SkEcdsaSha2NistP256(sk) => Some((
            Algorithm::Ecdsa,
            sk.public().application(),
            sk.key_handle(),
            sk.flags(),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(public_key: Vec<u8>) -> EnrollResponse {
        EnrollResponse {
            flags: 1,
            public_key,
            key_handle: vec![7; 16],
            signature: vec![1, 2],
            attestation_cert: vec![3],
            authdata: vec![4, 5, 6],
        }
    }

    #[test]
    fn an_ed25519_answer_of_the_wrong_size_is_refused() {
        let err = enrolled_key(Algorithm::Ed25519, "ssh:", 1, &response(vec![1; 31]))
            .err()
            .unwrap();
        assert_eq!(
            err,
            SkError::Invalid("the provider returned an Ed25519 key of 31 bytes, not 32".to_owned())
        );
    }

    #[test]
    fn an_ecdsa_answer_off_the_curve_is_refused() {
        let mut point = vec![4];
        point.extend([1u8; 64]);
        assert!(matches!(
            enrolled_key(Algorithm::Ecdsa, "ssh:", 1, &response(point)),
            Err(SkError::Invalid(_))
        ));
    }

    #[test]
    fn no_key_handle_is_refused() {
        let mut answer = response(vec![1; 32]);
        answer.key_handle.clear();
        assert!(matches!(
            enrolled_key(Algorithm::Ed25519, "ssh:", 1, &answer),
            Err(SkError::Invalid(_))
        ));
    }

    #[test]
    fn the_attestation_is_laid_out_as_ssh_keygen_writes_it() {
        let blob = attestation_blob(&response(vec![1; 32]));
        let mut expected: Vec<u8> = Vec::new();
        expected.extend(b"\0\0\0\x11ssh-sk-attest-v01");
        expected.extend(b"\0\0\0\x01\x03");
        expected.extend(b"\0\0\0\x02\x01\x02");
        expected.extend(b"\0\0\0\x03\x04\x05\x06");
        expected.extend(b"\0\0\0\0\0\0\0\0");
        assert_eq!(blob, expected);
    }

    #[test]
    fn an_ecdsa_signature_has_mpints_then_flags_and_counter() {
        let blob = signature_blob(
            Algorithm::Ecdsa,
            &SignResponse {
                flags: 5,
                counter: 0x0102_0304,
                sig_r: vec![0x80; 32],
                sig_s: vec![0x01; 32],
            },
        )
        .unwrap();
        let name = b"sk-ecdsa-sha2-nistp256@openssh.com";
        assert_eq!(&blob[4..4 + name.len()], name);
        // r needs a leading zero as an mpint; s does not.
        let inner_len = 4 + 33 + 4 + 32;
        let at = 4 + name.len();
        assert_eq!(
            &blob[at..at + 4],
            &u32::try_from(inner_len).unwrap().to_be_bytes()
        );
        assert_eq!(&blob[blob.len() - 5..], &[5, 1, 2, 3, 4]);
    }

    #[test]
    fn resident_keys_of_other_applications_are_skipped() {
        let answer = response(vec![1; 32]);
        assert!(resident_key(1, "web:example", 0, &answer, b"").is_none());
        assert!(resident_key(9, "ssh:", 0, &answer, b"").is_none());
        let key = resident_key(1, "ssh:x", USER_VERIFICATION_REQUIRED, &answer, b"me\0\0")
            .unwrap()
            .unwrap();
        assert_eq!(key.user, b"me");
        assert_eq!(
            key_fields(&key.keypair).unwrap().3,
            USER_PRESENCE_REQUIRED | RESIDENT_KEY | USER_VERIFICATION_REQUIRED
        );
    }
}
