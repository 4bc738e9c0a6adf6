//! OpenSSH's `ssh-sk-helper`: the program ssh-keygen, ssh-add and
//! ssh-agent run to reach a security key, so that the provider (a library,
//! or the helper's own USB support, `internal`) runs in a process of its
//! own. One request per run, on its standard input, and one reply on its
//! standard output, each a length and a version byte before the message
//! (`ssh-sk-client.c`, version 5 as in OpenSSH 8.9 to 9.x).

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use ssh_key::encoding::{Decode, Encode, Reader};
use ssh_key::private::KeypairData;
use zeroize::Zeroizing;

use super::{Enrolled, Enrolment, Resident, SkError};
use crate::secret::Passphrase;

const VERSION: u8 = 5;
const ERROR: u32 = 0;
const SIGN: u32 = 1;
const ENROLL: u32 = 2;
const LOAD_RESIDENT: u32 = 3;
/// The helper's log level: errors only (OpenSSH's `SYSLOG_LEVEL_ERROR`),
/// on its standard error, which sshgen reads to explain a failure.
const LOG_LEVEL_ERROR: u32 = 2;
/// The longest reply read: a key with its attestation is a few kilobytes,
/// a device holds at most some dozens of resident keys.
const MAX_REPLY: usize = 1024 * 1024;
/// The most of the helper's standard error kept (its last bytes, where its
/// error is).
const MAX_SAID: usize = 16 * 1024;

fn put<T: Encode + ?Sized>(value: &T, out: &mut Vec<u8>) {
    value.encode(out).expect("writing to a Vec cannot fail");
}

fn provider_text(provider: &OsStr) -> Result<&str, SkError> {
    provider.to_str().ok_or_else(|| {
        SkError::Unavailable(format!(
            "the provider's path is not UTF-8: {}",
            provider.to_string_lossy()
        ))
    })
}

fn pin_text(pin: Option<&Passphrase>) -> Result<&str, SkError> {
    std::str::from_utf8(pin.map_or(&[][..], Passphrase::as_bytes))
        .map_err(|_| SkError::Invalid("the PIN is not UTF-8".to_owned()))
}

/// Makes a key through the helper.
pub fn enroll(
    program: &Path,
    provider: &OsString,
    request: &Enrolment,
    pin: Option<&Passphrase>,
) -> Result<Enrolled, SkError> {
    let mut message = Zeroizing::new(Vec::new());
    put(&request.algorithm.helper_number(), &mut message);
    put(provider_text(provider)?, &mut message);
    put(request.device.unwrap_or(""), &mut message);
    put(request.application, &mut message);
    put(request.user.unwrap_or(""), &mut message);
    message.push(request.flags);
    put(pin_text(pin)?, &mut message);
    // An empty challenge asks the helper for a random one.
    put(request.challenge.unwrap_or(&[]), &mut message);
    let reply = converse(program, ENROLL, &message)?;
    let mut reader = &reply[..];
    let key: Vec<u8> = read(&mut reader)?;
    let attestation: Vec<u8> = read(&mut reader)?;
    finished(reader)?;
    let keypair = keypair_of(&key)?;
    Ok(Enrolled {
        keypair,
        attestation,
    })
}

/// Signs `data` through the helper; returns the SSH signature blob.
pub fn sign(
    program: &Path,
    provider: &OsString,
    keypair: &KeypairData,
    data: &[u8],
    pin: Option<&Passphrase>,
) -> Result<Vec<u8>, SkError> {
    let mut key = Vec::new();
    keypair
        .encode(&mut key)
        .map_err(|e| SkError::Invalid(format!("cannot encode the key: {e}")))?;
    let mut message = Zeroizing::new(Vec::new());
    put(key.as_slice(), &mut message);
    put(provider_text(provider)?, &mut message);
    put(data, &mut message);
    // The algorithm (unused by the helper) and ssh's compatibility flags.
    put("", &mut message);
    put(&0u32, &mut message);
    put(pin_text(pin)?, &mut message);
    let reply = converse(program, SIGN, &message)?;
    let mut reader = &reply[..];
    let signature: Vec<u8> = read(&mut reader)?;
    finished(reader)?;
    Ok(signature)
}

/// The resident keys, through the helper.
pub fn load_resident(
    program: &Path,
    provider: &OsString,
    device: Option<&str>,
    pin: Option<&Passphrase>,
) -> Result<Vec<Resident>, SkError> {
    let mut message = Zeroizing::new(Vec::new());
    put(provider_text(provider)?, &mut message);
    put(device.unwrap_or(""), &mut message);
    put(pin_text(pin)?, &mut message);
    put(&0u32, &mut message);
    let reply = converse(program, LOAD_RESIDENT, &message)?;
    let mut reader = &reply[..];
    let mut keys = Vec::new();
    while !reader.is_empty() {
        let key: Vec<u8> = read(&mut reader)?;
        let _comment: String = read(&mut reader)?;
        let user: Vec<u8> = read(&mut reader)?;
        keys.push(Resident {
            keypair: keypair_of(&key)?,
            user: super::trim_user(&user),
        });
    }
    Ok(keys)
}

fn read<T: Decode>(reader: &mut &[u8]) -> Result<T, SkError>
where
    T::Error: std::fmt::Display,
{
    T::decode(reader)
        .map_err(|e| SkError::Invalid(format!("ssh-sk-helper's reply is malformed: {e}")))
}

fn finished(reader: &[u8]) -> Result<(), SkError> {
    if reader.is_empty() {
        Ok(())
    } else {
        Err(SkError::Invalid(
            "ssh-sk-helper's reply has data after its end".to_owned(),
        ))
    }
}

/// A security key pair as the helper serialises it, checked to be one.
fn keypair_of(bytes: &[u8]) -> Result<KeypairData, SkError> {
    let mut reader = bytes;
    let keypair = KeypairData::decode(&mut reader)
        .map_err(|e| SkError::Invalid(format!("ssh-sk-helper returned an unreadable key: {e}")))?;
    if super::Algorithm::of(&keypair).is_none() || !reader.is_empty() {
        return Err(SkError::Invalid(
            "ssh-sk-helper returned a key that is not a security key's".to_owned(),
        ));
    }
    Ok(keypair)
}

/// Runs the helper with one request of `kind`; returns the body of its
/// reply after the kind, or the error it reported.
fn converse(program: &Path, kind: u32, message: &[u8]) -> Result<Vec<u8>, SkError> {
    let mut request = Zeroizing::new(Vec::with_capacity(message.len() + 13));
    let length = u32::try_from(message.len() + 10)
        .map_err(|_| SkError::Invalid("the request is too large".to_owned()))?;
    request.extend_from_slice(&length.to_be_bytes());
    request.push(VERSION);
    put(&kind, &mut request);
    // Logging on standard error, errors only.
    request.push(1);
    put(&LOG_LEVEL_ERROR, &mut request);
    request.extend_from_slice(message);

    let unusable = |e: std::io::Error| {
        SkError::Unavailable(format!(
            "cannot run {} ({e}); install OpenSSH's client (Debian/Ubuntu: apt install \
             openssh-client), or name a provider library with -w",
            program.display()
        ))
    };
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(unusable)?;
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(&request);
    let output = bounded_output(&mut child).map_err(unusable)?;
    // What the helper said on its standard error explains its failures
    // (the provider's own messages among them).
    let said = String::from_utf8_lossy(&output.stderr);
    let said = said
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("");
    let detail = |why: String| {
        if said.is_empty() {
            why
        } else {
            format!("{why}: {said}")
        }
    };
    match (parse_reply(&output.stdout, kind), output.status.success()) {
        (Ok(body), true) => Ok(body),
        (Err(SkError::Failed(why)), _) => Err(SkError::Failed(detail(why))),
        (Err(SkError::Invalid(_)) | Ok(_), false) => Err(SkError::Unavailable(detail(format!(
            "ssh-sk-helper stopped ({})",
            output.status
        )))),
        (Err(_), true) if written.is_err() => Err(SkError::Unavailable(detail(
            "ssh-sk-helper did not take the request".to_owned(),
        ))),
        (Err(other), _) => Err(other),
    }
}

/// What the helper printed and how it ended, read within bounds: a reply
/// longer than any the protocol has ends the helper, and of its standard
/// error only the last [`MAX_SAID`] bytes are kept.
fn bounded_output(child: &mut std::process::Child) -> std::io::Result<std::process::Output> {
    let mut errors = child.stderr.take().expect("stderr is piped");
    // Read beside stdout, so that neither pipe fills while the other is read.
    let said = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = errors.read(&mut chunk) {
            kept.extend_from_slice(&chunk[..n]);
            let excess = kept.len().saturating_sub(MAX_SAID);
            kept.drain(..excess);
        }
        kept
    });
    let mut stdout = Vec::new();
    let limit = u64::try_from(MAX_REPLY + 5).unwrap_or(u64::MAX);
    let reading = child
        .stdout
        .take()
        .expect("stdout is piped")
        .take(limit)
        .read_to_end(&mut stdout);
    if reading.is_err() || stdout.len() > MAX_REPLY + 4 {
        let _ = child.kill();
    }
    let status = child.wait()?;
    reading?;
    let stderr = said.join().unwrap_or_default();
    Ok(std::process::Output {
        status,
        stdout,
        stderr,
    })
}

/// The reply's body after its length, version and kind.
fn parse_reply(bytes: &[u8], kind: u32) -> Result<Vec<u8>, SkError> {
    let invalid = |why: &str| SkError::Invalid(format!("ssh-sk-helper {why}"));
    let (length, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or_else(|| invalid("gave no reply"))?;
    let length = usize::try_from(u32::from_be_bytes(*length)).unwrap_or(usize::MAX);
    if length > MAX_REPLY || length != rest.len() {
        return Err(invalid("gave a reply of the wrong length"));
    }
    let (&version, mut body) = rest
        .split_first()
        .ok_or_else(|| invalid("gave an empty reply"))?;
    if version != VERSION {
        return Err(invalid(&format!(
            "speaks version {version} of its protocol, sshgen version {VERSION}"
        )));
    }
    let reply_kind = body
        .read_u32()
        .map_err(|_| invalid("gave a reply without its kind"))?;
    if reply_kind == ERROR {
        let code = body
            .read_u32()
            .map_err(|_| invalid("gave an error without its code"))?;
        return Err(SkError::from_openssh(code));
    }
    if reply_kind != kind {
        return Err(invalid(&format!(
            "answered a request of kind {kind} with kind {reply_kind}"
        )));
    }
    Ok(body.to_vec())
}

trait ReadU32 {
    fn read_u32(&mut self) -> Result<u32, ssh_key::encoding::Error>;
}

impl ReadU32 for &[u8] {
    fn read_u32(&mut self) -> Result<u32, ssh_key::encoding::Error> {
        let mut word = [0u8; 4];
        Reader::read(self, &mut word)?;
        Ok(u32::from_be_bytes(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(body.len() + 1)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        out.push(VERSION);
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn an_error_reply_gives_its_kind_of_failure() {
        assert_eq!(
            parse_reply(&reply(&[0, 0, 0, 0, 0, 0, 0, 60]), SIGN),
            Err(SkError::DeviceNotFound)
        );
        assert_eq!(
            parse_reply(&reply(&[0, 0, 0, 0, 0, 0, 0, 43]), SIGN),
            Err(SkError::PinRequired)
        );
    }

    #[test]
    fn a_reply_of_another_kind_or_version_or_length_is_refused() {
        assert!(parse_reply(&reply(&[0, 0, 0, 2]), SIGN).is_err());
        let mut wrong_version = reply(&[0, 0, 0, 1]);
        wrong_version[4] = 4;
        assert!(parse_reply(&wrong_version, SIGN).is_err());
        let mut short = reply(&[0, 0, 0, 1, 9]);
        short.pop();
        assert!(parse_reply(&short, SIGN).is_err());
        assert_eq!(parse_reply(&reply(&[0, 0, 0, 1, 9]), SIGN), Ok(vec![9]));
    }
}
