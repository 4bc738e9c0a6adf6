//! `sshgen agent` on Windows (run under Wine in CI): the test serves a
//! minimal agent on a named pipe of its own and checks the bytes sshgen
//! sends and how it reads the answers; and that with no agent service the
//! error says how to start it.

#![allow(unsafe_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::windows::io::FromRawHandle;
use std::process::{Output, Stdio};
use std::thread::JoinHandle;

use ssh_key::encoding::Encode;
use ssh_key::private::KeypairData;
use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
use windows_sys::Win32::Storage::FileSystem::PIPE_ACCESS_DUPLEX;
use windows_sys::Win32::System::Pipes::{
    ConnectNamedPipe, CreateNamedPipeW, PIPE_READMODE_BYTE, PIPE_TYPE_BYTE, PIPE_WAIT,
};

use crate::util::{Env, read, text};

/// Serves one client on a new pipe `name`: for each of `replies`, reads one
/// request frame and answers with that reply body. Returns the requests.
fn serve(name: &str, replies: Vec<Vec<u8>>) -> JoinHandle<Vec<Vec<u8>>> {
    let wide: Vec<u16> = name.encode_utf16().chain([0]).collect();
    // SAFETY: `wide` is a NUL-terminated UTF-16 string that outlives the
    // call; no security attributes are passed.
    let handle = unsafe {
        CreateNamedPipeW(
            wide.as_ptr(),
            PIPE_ACCESS_DUPLEX,
            PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT,
            1,
            65536,
            65536,
            0,
            std::ptr::null(),
        )
    };
    assert_ne!(handle, INVALID_HANDLE_VALUE, "CreateNamedPipeW {name}");
    let handle = handle as usize;
    std::thread::spawn(move || {
        let handle = handle as windows_sys::Win32::Foundation::HANDLE;
        // SAFETY: a pipe handle just created; waits for the one client.
        // (It fails with ERROR_PIPE_CONNECTED when the client came first,
        // which is a connection too.)
        unsafe { ConnectNamedPipe(handle, std::ptr::null_mut()) };
        // SAFETY: the handle is owned from here on by the File.
        let mut pipe = unsafe { File::from_raw_handle(handle as _) };
        let mut requests = Vec::new();
        for reply in replies {
            let mut length = [0u8; 4];
            pipe.read_exact(&mut length).expect("a request");
            let mut body = vec![0u8; u32::from_be_bytes(length) as usize];
            pipe.read_exact(&mut body).expect("the request's body");
            requests.push(body);
            let mut framed = u32::try_from(reply.len()).unwrap().to_be_bytes().to_vec();
            framed.extend_from_slice(&reply);
            pipe.write_all(&framed).expect("answer");
        }
        requests
    })
}

fn pipe_name(what: &str) -> String {
    format!(r"\\.\pipe\sshgen-test-{}-{what}", std::process::id())
}

fn sshgen(env: &Env, pipe: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = env.command();
    cmd.args(args).stdin(Stdio::null());
    if let Some(pipe) = pipe {
        cmd.env("SSH_AUTH_SOCK", pipe);
    }
    cmd.output().expect("run sshgen")
}

#[test]
fn agent_add_and_list_speak_the_protocol_over_a_named_pipe() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q", "-C", "pipe@test"]);
    let key = ssh_key::PrivateKey::from_openssh(read(&env.path("k"))).unwrap();
    let KeypairData::Ed25519(pair) = key.key_data() else {
        unreachable!("an Ed25519 key")
    };
    let mut fields = Vec::new();
    "ssh-ed25519".encode(&mut fields).unwrap();
    pair.public.as_ref().to_vec().encode(&mut fields).unwrap();
    let mut secret = pair.private.to_bytes().to_vec();
    secret.extend_from_slice(pair.public.as_ref());
    secret.encode(&mut fields).unwrap();
    "pipe@test".encode(&mut fields).unwrap();

    // ADD_ID_CONSTRAINED with a lifetime of 2 and confirmation; SUCCESS.
    let name = pipe_name("add");
    let server = serve(&name, vec![vec![6]]);
    let out = sshgen(
        &env,
        Some(&name),
        &["agent", "add", "k", "-t", "2", "--confirm"],
    );
    let requests = server.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut expected = vec![25u8];
    expected.extend_from_slice(&fields);
    expected.extend_from_slice(&[1, 0, 0, 0, 2, 2]);
    assert_eq!(requests, [expected]);
    assert_eq!(
        text(&out.stderr),
        "Identity added: k (pipe@test)\nLifetime set to 2 seconds\nThe user must confirm \
         each use of the key\n"
    );

    // A refusal (FAILURE) is reported as one.
    let name = pipe_name("refuse");
    let server = serve(&name, vec![vec![5]]);
    let out = sshgen(&env, Some(&name), &["agent", "add", "k"]);
    assert_eq!(server.join().unwrap()[0][0], 17, "ADD_IDENTITY");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .starts_with("sshgen: error: the ssh-agent refused to add k: it may be locked"),
        "{}",
        text(&out.stderr)
    );

    // REQUEST_IDENTITIES answered with the key: the fingerprint line.
    let blob = key.public_key().key_data().encode_vec().unwrap();
    let mut answer = vec![12u8];
    1u32.encode(&mut answer).unwrap();
    blob.encode(&mut answer).unwrap();
    "pipe@test".encode(&mut answer).unwrap();
    let name = pipe_name("list");
    let server = serve(&name, vec![answer]);
    let out = sshgen(&env, Some(&name), &["agent", "list"]);
    assert_eq!(server.join().unwrap(), [vec![11u8]]);
    let fingerprint = sshgen(&env, None, &["fingerprint", "k.pub"]);
    assert_eq!(text(&out.stdout), text(&fingerprint.stdout));
    assert!(
        text(&out.stdout).ends_with(" pipe@test (ED25519)\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn without_the_agent_service_the_error_says_how_to_start_it() {
    let env = Env::new();
    env.run_ok(&["-f", "k", "--no-passphrase", "-q"]);
    let out = sshgen(&env, None, &["agent", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let message = text(&out.stderr);
    assert!(
        message.starts_with(
            r"sshgen: error: no ssh-agent is running: \\.\pipe\openssh-ssh-agent cannot be opened ("
        ) && message.ends_with(
            "enable and start the \"OpenSSH Authentication Agent\" service, in an \
                 administrator PowerShell: Get-Service ssh-agent | Set-Service -StartupType \
                 Automatic; Start-Service ssh-agent\n"
        ),
        "{message}"
    );
}
