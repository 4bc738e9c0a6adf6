//! The known_hosts writer: any host (or, for a CA line, pattern list) is
//! either refused or recorded as one line that names exactly that host,
//! found again by the same matching ssh uses, with every other line kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::known_hosts::{self, Marker};

const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((host, rest)) = text.split_once('\0') else {
        return;
    };
    let (port, existing) = match rest.split_once('\0') {
        Some((port, existing)) => (port.parse().unwrap_or(22), existing),
        None => (22, rest),
    };
    if port == 0 {
        return;
    }
    let authority = host.starts_with('@');
    let host = host.trim_start_matches('@');
    let (name, marker) = if authority {
        if known_hosts::check_pattern_list(host, false).is_err() {
            return;
        }
        (known_hosts::lookup_name(host, port), Marker::CertAuthority)
    } else {
        if sshgen::ssh_config::check_host("HOST", host).is_err() {
            return;
        }
        (known_hosts::lookup_name(host, port), Marker::None)
    };
    let Ok(Some(written)) = known_hosts::add(existing, &name, KEY, marker) else {
        return;
    };
    assert!(written.starts_with(existing.trim_end_matches(['\r', '\n'])));
    let last = written.lines().last().expect("a line was added");
    let entry = known_hosts::entry(last).expect("the added line is a host line");
    assert_eq!(entry.marker, marker);
    assert_eq!(entry.hosts, name);
    assert_eq!(entry.key, KEY);
    if marker == Marker::None {
        assert!(
            known_hosts::find(&written, &name)
                .iter()
                .any(|f| f.text.trim_end_matches('\r') == last)
        );
    }
});
