//! allowed_signers files (ssh-keygen(1), "ALLOWED SIGNERS"): who may sign
//! with which key, for `ssh-keygen -Y verify`, `find-principals` and
//! `match-principals`, which git runs to check signed commits. Pure.
//!
//! A line is `PRINCIPALS [OPTIONS] KEY`: principals are comma-separated
//! patterns (`*`, `?`, `!` negating), the options `cert-authority`,
//! `namespaces="…"`, `valid-after=…` and `valid-before=…` (times as
//! `YYYYMMDD[HHMM[SS]]`, read as UTC, with or without a trailing `Z`), the
//! key plain or a certificate. A `cert-authority` line trusts the user
//! certificates its key signed, for the certificates' own principals.
//!
//! The file is read as ssh-keygen reads it, line by line in order: the
//! first line that allows the signer decides, and a line that does not
//! parse stops the search, unless it is for another principal.

use ssh_key::Certificate;
use ssh_key::certificate::CertType;

use crate::sshsig::SignerKey;

/// One line of the file that names principals and a key.
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
    pub key: SignerKey,
}

/// A line that is neither blank, a comment, nor an [`Entry`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    /// Its principals field, when it has one.
    pub principals: Option<String>,
    pub problem: &'static str,
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
    /// A `cert-authority` line names the certificate's CA, but the
    /// certificate does not allow it (ssh-keygen's reason).
    Certificate(&'static str),
    /// The search stopped at a line that does not parse.
    BadLine(BadLine),
}

/// Checks a principal sshgen writes on an allowed_signers line: one name
/// that the line's parser reads back as exactly that name. Blanks, quotes
/// and control characters would end the field or the line; `,` would make
/// a list, and `*`, `?` and a leading `!` a pattern (a key trusted as
/// every signer); a leading `#` a comment.
pub fn check_principal(principal: &str) -> Result<(), BadPrincipal> {
    let bad = principal.chars().find(|&c| {
        c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '*' | '?')
    });
    let bad = bad.or_else(|| {
        principal
            .chars()
            .next()
            .filter(|c| matches!(c, '!' | '#' | '@'))
    });
    match (principal.is_empty(), bad) {
        (true, _) => Err(BadPrincipal::Empty),
        (false, Some(c)) => Err(BadPrincipal::Character {
            principal: principal.to_owned(),
            character: c,
        }),
        (false, None) => Ok(()),
    }
}

/// Why [`check_principal`] refused a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadPrincipal {
    Empty,
    /// A character sshd would read as a separator, a quote or a wildcard.
    Character {
        principal: String,
        character: char,
    },
}

impl std::fmt::Display for BadPrincipal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadPrincipal::Empty => f.write_str("a signer's name cannot be empty"),
            BadPrincipal::Character {
                principal,
                character,
            } => write!(
                f,
                "{principal:?} cannot name a signer in allowed_signers ({character:?}): one \
                 name, no blanks, quotes, commas or wildcards"
            ),
        }
    }
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
    // Every field has at most four digits (checked above): no value
    // below comes near i64's range.
    let y = (if month <= 2 { year - 1 } else { year }).cast_signed();
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month.cast_signed();
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day.cast_signed() - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + (hour * 3600 + minute * 60 + second).cast_signed();
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

/// Every line of `text` that is not blank or a comment, in order.
pub fn lines(text: &str) -> Vec<Result<Entry, BadLine>> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let line = line.trim();
            (!line.is_empty() && !line.starts_with('#')).then(|| entry(line, index + 1))
        })
        .collect()
}

fn entry(line: &str, number: usize) -> Result<Entry, BadLine> {
    let fields = words(line);
    let principals = fields.first().map(|p| p.trim_matches('"').to_owned());
    let bad = |problem| BadLine {
        line: number,
        principals: principals.clone(),
        problem,
    };
    if fields.len() < 2 {
        return Err(BadLine {
            principals: None,
            ..bad("invalid line")
        });
    }
    // The key comes right after the principals, or after one word of
    // options (commas between them, no blanks outside quotes).
    let key_at = |i: usize| {
        fields
            .get(i..i + 2)
            .and_then(|pair| SignerKey::from_text(&pair.join(" ")))
    };
    let (options, key) = match key_at(1) {
        Some(key) => (None, key),
        None if fields.len() < 4 => return Err(bad("missing key")),
        None => (
            Some(fields[1]),
            key_at(2).ok_or_else(|| bad("invalid key"))?,
        ),
    };
    let mut entry = Entry {
        line: number,
        principals: principals.clone().unwrap_or_default(),
        cert_authority: false,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
    };
    for option in options.map(split_options).unwrap_or_default() {
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value.trim_matches('"'))),
            None => (option, None),
        };
        let time = |value| parse_time(value).ok_or_else(|| bad("bad options"));
        match (name.to_ascii_lowercase().as_str(), value) {
            ("cert-authority", None) => entry.cert_authority = true,
            ("namespaces", Some(value)) => entry.namespaces = Some(value.to_owned()),
            ("valid-after", Some(value)) => entry.valid_after = Some(time(value)?),
            ("valid-before", Some(value)) => entry.valid_before = Some(time(value)?),
            _ => return Err(bad("bad options")),
        }
    }
    Ok(entry)
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
/// `match_pattern_list` (case counts): a negated match refuses, any other
/// match accepts.
pub fn pattern_list_matches(list: &str, name: &str) -> bool {
    let mut matched = false;
    for pattern in list.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(pattern) => (true, pattern),
            None => (false, pattern),
        };
        if crate::known_hosts::wildcard_match(pattern, name, false) {
            if negated {
                return false;
            }
            matched = true;
        }
    }
    matched
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

    /// The certificate `signer` holds, when this line is its CA's.
    fn certifies<'a>(&self, signer: &'a SignerKey) -> Option<&'a Certificate> {
        let cert = signer.certificate()?;
        (self.cert_authority && cert.signature_key() == self.key.key()).then_some(cert)
    }
}

/// What OpenSSH asks of a user certificate that signs (its
/// `sshkey_cert_check_authority`): in force at `time`, with principals, and
/// `principal` among them exactly when one is named.
fn certificate_allows(
    cert: &Certificate,
    time: u64,
    principal: Option<&str>,
) -> Result<(), &'static str> {
    if cert.cert_type() != CertType::User {
        return Err("Certificate invalid: not a user certificate");
    }
    if time < cert.valid_after() {
        return Err("Certificate invalid: not yet valid");
    }
    if time >= cert.valid_before() {
        return Err("Certificate invalid: expired");
    }
    if cert.valid_principals().is_empty() {
        return Err("Certificate lacks principal list");
    }
    if principal.is_some_and(|p| !cert.valid_principals().iter().any(|c| c == p)) {
        return Err("Certificate invalid: name is not a listed principal");
    }
    Ok(())
}

/// Whether `signer` may sign as `principal` in `namespace` at `time`.
pub fn check(
    lines: &[Result<Entry, BadLine>],
    signer: &SignerKey,
    principal: &str,
    namespace: &str,
    time: u64,
) -> Result<(), Refusal> {
    let mut refusal = Refusal::NotListed;
    for line in lines {
        let entry = match line {
            Ok(entry) if pattern_list_matches(&entry.principals, principal) => entry,
            Ok(_) => continue,
            Err(bad)
                if bad
                    .principals
                    .as_deref()
                    .is_some_and(|p| !pattern_list_matches(p, principal)) =>
            {
                continue;
            }
            Err(bad) => return Err(Refusal::BadLine(bad.clone())),
        };
        if let Some(cert) = entry.certifies(signer) {
            if let Err(why) = certificate_allows(cert, time, Some(principal)) {
                refusal = Refusal::Certificate(why);
                continue;
            }
        } else if entry.cert_authority || entry.key != *signer {
            continue;
        }
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

/// The principals of the first line that allows `signer` at `time`, as
/// `-Y find-principals` prints them: the line's own, split at its commas,
/// or for a certificate under a `cert-authority` line the certificate's
/// principals that the line's patterns match.
pub fn find_principals(
    lines: &[Result<Entry, BadLine>],
    signer: &SignerKey,
    time: u64,
) -> Result<Vec<String>, Refusal> {
    let mut refusal = Refusal::NotListed;
    for line in lines {
        let entry = line.as_ref().map_err(|bad| Refusal::BadLine(bad.clone()))?;
        let principals: Vec<String> = if let Some(cert) = entry.certifies(signer) {
            if let Err(why) = certificate_allows(cert, time, None) {
                refusal = Refusal::Certificate(why);
                continue;
            }
            let found: Vec<String> = entry
                .principals
                .split(',')
                .take_while(|p| !p.is_empty())
                .flat_map(|pattern| {
                    cert.valid_principals().iter().filter(move |name| {
                        crate::known_hosts::wildcard_match(pattern, name, false)
                    })
                })
                .cloned()
                .collect();
            if found.is_empty() {
                refusal = Refusal::Certificate("no valid principals found");
                continue;
            }
            found
        } else if !entry.cert_authority && entry.key == *signer {
            entry
                .principals
                .split(',')
                .take_while(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            continue;
        };
        if !entry.valid_at(time) {
            refusal = Refusal::Time;
            continue;
        }
        return Ok(principals);
    }
    Err(refusal)
}

/// The principals fields whose patterns match `principal`
/// (`-Y match-principals`), whatever their keys.
pub fn match_principals(
    lines: &[Result<Entry, BadLine>],
    principal: &str,
) -> Result<Vec<String>, Refusal> {
    let mut found = Vec::new();
    for line in lines {
        match line {
            Ok(entry) if pattern_list_matches(&entry.principals, principal) => {
                found.push(entry.principals.clone());
            }
            Ok(_) => {}
            Err(bad)
                if bad
                    .principals
                    .as_deref()
                    .is_some_and(|p| !pattern_list_matches(p, principal)) => {}
            Err(bad) => return Err(Refusal::BadLine(bad.clone())),
        }
    }
    if found.is_empty() {
        return Err(Refusal::NotListed);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    fn key() -> SignerKey {
        SignerKey::from_text(ED).unwrap()
    }

    #[test]
    fn a_principal_is_one_name_never_a_list_or_pattern() {
        for good in ["me@example.com", "Ana.Silva+git@example.org", "ünï@x"] {
            assert_eq!(check_principal(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "a b",
            "a\nb",
            "a\u{1b}b",
            "*",
            "*@example.com",
            "a,b",
            "!a",
            "#a",
            "a\"b",
            "@cert-authority",
        ] {
            assert!(check_principal(bad).is_err(), "{bad:?}");
        }
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
             broken line\n\
             Ana@example.com {ED}\n"
        );
        let all = lines(&text);
        assert_eq!(all.len(), 5);
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
        // A cert-authority line trusts certificates, not the key itself.
        assert_eq!(
            check(&all, &key(), "ca@example.com", "git", now),
            Err(Refusal::NotListed)
        );
        // The broken line stops a search that reaches it, unless it is for
        // another principal (ssh-keygen reads its principals first).
        let broken = BadLine {
            line: 5,
            principals: Some("broken".to_owned()),
            problem: "missing key",
        };
        assert_eq!(
            check(&all, &key(), "broken", "git", now),
            Err(Refusal::BadLine(broken.clone()))
        );
        assert_eq!(
            check(&all, &key(), "Ana@example.com", "git", now),
            Ok(()),
            "principals match with case"
        );
        assert_eq!(
            find_principals(&all, &key(), now),
            Ok(vec![
                "ana@example.com".to_owned(),
                "*@corp.example".to_owned()
            ])
        );
        assert_eq!(
            match_principals(&all, "bob@example.com"),
            Ok(vec!["bob@example.com".to_owned()])
        );
        assert_eq!(
            match_principals(&all, "broken"),
            Err(Refusal::BadLine(broken))
        );
        assert_eq!(match_principals(&all, "nobody"), Err(Refusal::NotListed));
    }
}
