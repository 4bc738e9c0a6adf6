//! allowed_signers files (ssh-keygen(1), "ALLOWED SIGNERS"): who may sign
//! with which key, for `ssh-keygen -Y verify`, `find-principals` and
//! `match-principals`, which git runs to check signed commits. Pure.
//!
//! A line is `PRINCIPALS [OPTIONS] KEY`: principals are comma-separated
//! patterns (`*`, `?`, `!` negating), the options `cert-authority`,
//! `namespaces="…"`, `valid-after=…` and `valid-before=…` (times as
//! `YYYYMMDD[HHMM[SS]]`, read as UTC, with or without a trailing `Z`).

use ssh_key::public::KeyData;

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub line: usize,
    /// The principals field as written (without quotes).
    pub principals: String,
    pub cert_authority: bool,
    /// `namespaces=` patterns; `None` allows every namespace.
    pub namespaces: Option<String>,
    pub valid_after: Option<u64>,
    pub valid_before: Option<u64>,
    pub key: KeyData,
}

/// Why a signature's key is not allowed.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No line names the principal with that key.
    NotListed,
    /// A line does, but not for this namespace.
    Namespace,
    /// A line does, but not at this time.
    Time,
}

/// A time as these files write it, in seconds since 1970 (UTC).
pub fn parse_time(text: &str) -> Option<u64> {
    let text = text.strip_suffix(['Z', 'z']).unwrap_or(text);
    if !text.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&text.len()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u64>().ok();
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let hour = if text.len() >= 12 { number(8..10)? } else { 0 };
    let minute = if text.len() >= 12 { number(10..12)? } else { 0 };
    let second = if text.len() == 14 { number(12..14)? } else { 0 };
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + (hour * 3600 + minute * 60 + second) as i64;
    u64::try_from(seconds).ok()
}

/// The fields of a line: words split on blanks, `"…"` kept together.
fn words(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let (mut i, mut start, mut quoted) = (0, None, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b' ' | b'\t' if !quoted => {
                if let Some(s) = start.take() {
                    out.push(&line[s..i]);
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        start.get_or_insert(i);
        i += 1;
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// Every line of `text` that holds a principal and a key; lines that do
/// not parse are skipped, as ssh-keygen skips them (with a message).
pub fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(entry) = entry(line, index + 1) {
            out.push(entry);
        }
    }
    out
}

fn entry(line: &str, number: usize) -> Option<Entry> {
    let fields = words(line);
    let (principals, rest) = fields.split_first()?;
    let principals = principals.trim_matches('"').to_owned();
    // The key is the first `TYPE BASE64` pair that parses; what comes
    // before it are options.
    let key_at = (0..rest.len().saturating_sub(1)).find(|&i| {
        ssh_key::PublicKey::from_openssh(&format!("{} {}", rest[i], rest[i + 1])).is_ok()
    })?;
    let key = ssh_key::PublicKey::from_openssh(&format!("{} {}", rest[key_at], rest[key_at + 1]))
        .ok()?
        .key_data()
        .clone();
    let mut entry = Entry {
        line: number,
        principals,
        cert_authority: false,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
    };
    for options in &rest[..key_at] {
        for option in split_options(options) {
            let (name, value) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.trim_matches('"'))),
                None => (option, None),
            };
            match (name.to_ascii_lowercase().as_str(), value) {
                ("cert-authority", None) => entry.cert_authority = true,
                ("namespaces", Some(value)) => entry.namespaces = Some(value.to_owned()),
                ("valid-after", Some(value)) => entry.valid_after = Some(parse_time(value)?),
                ("valid-before", Some(value)) => entry.valid_before = Some(parse_time(value)?),
                _ => return None,
            }
        }
    }
    Some(entry)
}

/// Options separated by commas outside quotes.
fn split_options(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter().filter(|o| !o.is_empty()).collect()
}

/// `name` against a comma-separated pattern list, as OpenSSH's
/// `match_pattern_list`: a negated match refuses, any other match accepts.
pub fn pattern_list_matches(list: &str, name: &str) -> bool {
    crate::known_hosts::hosts_match(list, name)
}

impl Entry {
    fn valid_at(&self, time: u64) -> bool {
        self.valid_after.is_none_or(|after| time >= after)
            && self.valid_before.is_none_or(|before| time <= before)
    }

    fn allows_namespace(&self, namespace: &str) -> bool {
        self.namespaces
            .as_deref()
            .is_none_or(|list| pattern_list_matches(list, namespace))
    }
}

/// Whether `key` may sign as `principal` in `namespace` at `time`.
pub fn check(
    entries: &[Entry],
    key: &KeyData,
    principal: &str,
    namespace: &str,
    time: u64,
) -> Result<(), Refusal> {
    let mut refusal = Refusal::NotListed;
    for entry in entries.iter().filter(|e| {
        !e.cert_authority && e.key == *key && pattern_list_matches(&e.principals, principal)
    }) {
        if !entry.allows_namespace(namespace) {
            refusal = Refusal::Namespace;
        } else if !entry.valid_at(time) {
            refusal = Refusal::Time;
        } else {
            return Ok(());
        }
    }
    Err(refusal)
}

/// The principals of the first line that lists `key` and is valid at
/// `time`, split at its commas, as `-Y find-principals` prints them.
pub fn find_principals(entries: &[Entry], key: &KeyData, time: u64) -> Vec<String> {
    entries
        .iter()
        .find(|e| !e.cert_authority && e.key == *key && e.valid_at(time))
        .map(|e| {
            e.principals
                .split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The principals fields whose patterns match `principal`
/// (`-Y match-principals`).
pub fn match_principals(entries: &[Entry], principal: &str) -> Vec<String> {
    entries
        .iter()
        .filter(|e| pattern_list_matches(&e.principals, principal))
        .map(|e| e.principals.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    fn key() -> KeyData {
        ssh_key::PublicKey::from_openssh(ED)
            .unwrap()
            .key_data()
            .clone()
    }

    #[test]
    fn times_read_as_utc() {
        assert_eq!(parse_time("19700101"), Some(0));
        assert_eq!(parse_time("20240229"), Some(1_709_164_800));
        assert_eq!(parse_time("202402291230Z"), Some(1_709_164_800 + 45_000));
        assert_eq!(parse_time("20240229123001"), Some(1_709_164_800 + 45_001));
        assert_eq!(parse_time("2024022"), None);
        assert_eq!(parse_time("20241301"), None);
    }

    #[test]
    fn principals_namespaces_and_validity() {
        let text = format!(
            "# comment\n\
             ana@example.com,*@corp.example {ED}\n\
             \"bob@example.com\" namespaces=\"file\",valid-before=20000101 {ED} bob's key\n\
             ca@example.com cert-authority {ED}\n\
             broken line\n"
        );
        let all = entries(&text);
        assert_eq!(all.len(), 3);
        let now = parse_time("20260101").unwrap();
        assert_eq!(check(&all, &key(), "ana@example.com", "git", now), Ok(()));
        assert_eq!(check(&all, &key(), "x@corp.example", "git", now), Ok(()));
        assert_eq!(
            check(&all, &key(), "bob@example.com", "git", now),
            Err(Refusal::Namespace)
        );
        assert_eq!(
            check(&all, &key(), "bob@example.com", "file", now),
            Err(Refusal::Time)
        );
        assert_eq!(
            check(&all, &key(), "ca@example.com", "git", now),
            Err(Refusal::NotListed)
        );
        assert_eq!(
            find_principals(&all, &key(), now),
            ["ana@example.com", "*@corp.example"]
        );
        assert_eq!(
            match_principals(&all, "bob@example.com"),
            ["bob@example.com"]
        );
    }
}
