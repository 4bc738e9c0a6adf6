//! The ssh_config writer: any alias, host name, user and key path are
//! either refused or written so that the file, read back by ssh's rules
//! (`argv_split`, first value obtained wins), gives the alias exactly
//! those values (the host name up to case, as host names compare: an
//! earlier `HostName` that differs only in case is the same host, and is
//! left to win); any existing text is kept around the new block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sshgen::ssh_config::{self, HostEntry};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = text.splitn(5, '\0');
    let (Some(alias), Some(hostname), Some(user), Some(identity), Some(config)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return;
    };
    let entry = HostEntry {
        alias: alias.to_owned(),
        hostname: hostname.to_owned(),
        user: (!user.is_empty()).then(|| user.to_owned()),
        port: None,
        identity: identity.to_owned(),
    };
    if entry.check().is_err() {
        return;
    }
    let file = std::path::Path::new("config");
    let before = ssh_config::evaluate(file, config, alias, &mut |_| Vec::new());
    let Ok(written) = ssh_config::add(config, &entry, true, &before.global) else {
        return;
    };
    let after = ssh_config::evaluate(file, &written, alias, &mut |_| Vec::new());
    let first = |keyword: &str| after.first(keyword).map(|s| s.value.clone());
    let got = first("hostname");
    assert!(
        got.as_deref().is_some_and(|got| got.eq_ignore_ascii_case(hostname)),
        "{written:?}"
    );
    if let Some(user) = &entry.user {
        assert_eq!(first("user").as_ref(), Some(user), "{written:?}");
    }
    assert_eq!(first("identitiesonly").as_deref(), Some("yes"), "{written:?}");
    let identity_files: Vec<String> = after
        .settings
        .iter()
        .filter(|s| s.keyword == "identityfile")
        .map(|s| ssh_config::untokened(&s.value))
        .collect();
    assert!(identity_files.contains(&entry.identity), "{written:?}");
    // Removing the block again leaves only the other aliases' lines.
    let removed = ssh_config::remove(&written, alias).expect("the block is there");
    assert!(ssh_config::find(&ssh_config::blocks(&removed), alias).is_none());
});
