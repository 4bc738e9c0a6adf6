//! known_hosts files as text, for `sshgen known-hosts` and the drop-in
//! ssh-keygen's `-F`, `-R` and `-H`: finding a host's lines (hashed ones
//! too), removing them, hashing host names, and adding a host's key without
//! ever recording a second, different key for it. Pure: text in, text out;
//! the random salts of hashing come from the caller.
//!
//! Matching follows OpenSSH's `hostkeys_foreach`: a line names hosts by a
//! comma-separated list of patterns (`*` and `?` wildcards, `!` negating) or
//! by one hashed name `|1|SALT|HMAC-SHA1(SALT, NAME)`; a host on another port
//! than 22 is looked up as `[host]:port`; names compare case-insensitively.

use base64ct::{Base64, Encoding};
use hmac::{KeyInit, Mac};

/// The magic of a hashed host name.
const HASH_MAGIC: &str = "|1|";
/// The length of the salt OpenSSH hashes names with (SHA-1's size).
pub const SALT_LEN: usize = 20;

/// The name ssh looks `host` up by: itself on port 22, `[host]:port` else.
pub fn lookup_name(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_ascii_lowercase()
    } else {
        format!("[{}]:{port}", host.to_ascii_lowercase())
    }
}

/// A line's marker (`@cert-authority`, `@revoked`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    None,
    CertAuthority,
    Revoked,
}

/// One host line: the fields ssh reads, borrowed from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub marker: Marker,
    /// The host field: patterns, or one hashed name.
    pub hosts: &'a str,
    /// The rest of the line after the host field (key type, key, comment).
    pub key: &'a str,
}

/// Whether `c` separates fields as OpenSSH's `strspn(cp, " \t")` does.
fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// `text` without its leading blanks.
fn skip_blanks(text: &str) -> &str {
    let start = text
        .bytes()
        .position(|c| !is_blank(c))
        .unwrap_or(text.len());
    &text[start..]
}

/// The first field of `text` and what follows its first blank.
fn first_field(text: &str) -> Option<(&str, &str)> {
    let end = text.bytes().position(is_blank)?;
    Some((&text[..end], &text[end + 1..]))
}

/// The host line `line` holds, if any (comments and blank lines hold none).
pub fn entry(line: &str) -> Option<Entry<'_>> {
    let line = skip_blanks(line);
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (marker, rest) = match first_field(line) {
        Some(("@cert-authority", rest)) => (Marker::CertAuthority, rest),
        Some(("@revoked", rest)) => (Marker::Revoked, rest),
        Some((first, _)) if first.starts_with('@') => return None,
        _ => (Marker::None, line),
    };
    let (hosts, key) = first_field(skip_blanks(rest))?;
    let key = skip_blanks(key).trim_end_matches(['\r', '\n']);
    (!key.is_empty()).then_some(Entry { marker, hosts, key })
}

/// The key types OpenSSH 9.2 knows by name (sshkey.c's `keyimpls` as
/// Debian builds it: security keys and GSSAPI's `null` in, XMSS out).
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-ed25519-cert-v01@openssh.com",
    "sk-ssh-ed25519@openssh.com",
    "sk-ssh-ed25519-cert-v01@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp256-cert-v01@openssh.com",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp384-cert-v01@openssh.com",
    "ecdsa-sha2-nistp521",
    "ecdsa-sha2-nistp521-cert-v01@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
    "ssh-dss-cert-v01@openssh.com",
    "ssh-rsa",
    "ssh-rsa-cert-v01@openssh.com",
    "rsa-sha2-256",
    "rsa-sha2-256-cert-v01@openssh.com",
    "rsa-sha2-512",
    "rsa-sha2-512-cert-v01@openssh.com",
    "null",
];
/// The short names it also takes, in any case, for the plain key types.
const SHORT_NAMES: &[&str] = &[
    "ED25519",
    "ED25519-SK",
    "ECDSA",
    "ECDSA-SK",
    "DSA",
    "RSA",
    "null",
];

/// Whether `line` is one ssh-keygen calls invalid (and then will not rewrite
/// the file) in `-R` (`host_given`) and `-H`, which read a line as OpenSSH's
/// `hostkeys_foreach` does without parsing keys: an unknown or second
/// marker; with a host given, a hashed host field whose salt does not
/// decode; nothing after the host field; a key type that is not one, or
/// nothing after it. The key itself is not decoded (ssh-keygen keeps a line
/// with a damaged key as it is).
pub fn is_invalid(line: &str, host_given: bool) -> bool {
    // ssh-keygen reads up to the first LF; a CR stays part of the line.
    let line = line.split('\n').next().unwrap_or_default();
    let mut rest = skip_blanks(line);
    if rest.is_empty() || rest.starts_with('#') {
        return false;
    }
    let mut marked = false;
    while rest.starts_with('@') {
        // OpenSSH ends a marker at the line's first space, else its first tab.
        let Some(end) = rest.find(' ').or_else(|| rest.find('\t')) else {
            return true;
        };
        if marked || !matches!(&rest[..end], "@cert-authority" | "@revoked") {
            return true;
        }
        marked = true;
        rest = skip_blanks(&rest[end..]);
    }
    let Some((hosts, after)) = first_field(rest) else {
        return true;
    };
    if host_given && hosts.starts_with('|') && !has_salt(hosts) {
        return true;
    }
    let key = skip_blanks(after);
    if key.starts_with('#') {
        return true;
    }
    let Some((key_type, after)) = first_field(key) else {
        return true;
    };
    let known = KEY_TYPES.contains(&key_type)
        || SHORT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(key_type));
    let blob = skip_blanks(after);
    !known || key_type.len() <= 1 || blob.is_empty() || blob.starts_with('#')
}

/// Whether a hashed host field holds a salt OpenSSH can extract: the magic,
/// then 20 bytes of base64 ended by `|`.
fn has_salt(hosts: &str) -> bool {
    hosts
        .strip_prefix(HASH_MAGIC)
        .and_then(|rest| rest.split_once('|'))
        .and_then(|(salt, _)| Base64::decode_vec(salt).ok())
        .is_some_and(|salt| salt.len() == SALT_LEN)
}

/// The numbers of the lines of `text` that `-H` calls invalid
/// ([`is_invalid`], no host given).
pub fn invalid_lines(text: &str) -> Vec<usize> {
    numbered(text)
        .filter(|(_, line)| is_invalid(line, false))
        .map(|(number, _)| number)
        .collect()
}

/// Whether the host field `hosts` names `name` (a [`lookup_name`]).
pub fn hosts_match(hosts: &str, name: &str) -> bool {
    if let Some(hashed) = hosts.strip_prefix(HASH_MAGIC) {
        return hashed_match(hashed, name);
    }
    let mut matched = false;
    for pattern in hosts.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(pattern) => (true, pattern),
            None => (false, pattern),
        };
        if wildcard_match(pattern, name, true) {
            if negated {
                return false;
            }
            matched = true;
        }
    }
    matched
}

fn hashed_match(hashed: &str, name: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (Base64::decode_vec(salt), Base64::decode_vec(hash)) else {
        return false;
    };
    hmac_sha1(&salt, name).as_slice() == hash.as_slice()
}

fn hmac_sha1(salt: &[u8], name: &str) -> Vec<u8> {
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(salt).expect("HMAC takes any key");
    mac.update(name.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// `*` (any run) and `?` (any one character) as OpenSSH's `match_pattern`,
/// ignoring ASCII case when asked, as host names do.
pub fn wildcard_match(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut resume) = (None, 0);
    while ti < t.len() {
        if pi < p.len()
            && (p[pi] == b'?'
                || p[pi] == t[ti]
                || (ignore_case && p[pi].eq_ignore_ascii_case(&t[ti])))
        {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            pi += 1;
            resume = ti;
        } else if let Some(s) = star {
            pi = s + 1;
            resume += 1;
            ti = resume;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == b'*')
}

/// The lines of `text` with their numbers (from 1) and line ends.
fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

/// A line found for a host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub marker: Marker,
    /// The line without its line end.
    pub text: String,
}

/// Line `number` of a file, `line`, as `ssh-keygen -F` finds it when it
/// names `name`: a line ssh-keygen calls invalid ([`is_invalid`]: an
/// unknown marker, a key type OpenSSH does not know, nothing after it) is
/// passed over, as ssh-keygen passes over it.
pub fn found(number: usize, line: &str, name: &str) -> Option<Found> {
    let entry = entry(line)?;
    (hosts_match(entry.hosts, name) && !is_invalid(line, true)).then(|| Found {
        line: number,
        marker: entry.marker,
        // As ssh-keygen prints it: a CR before the LF stays.
        text: line.strip_suffix('\n').unwrap_or(line).to_owned(),
    })
}

/// Every line of `text` that names `name`, as `ssh-keygen -F` finds them.
pub fn find(text: &str, name: &str) -> Vec<Found> {
    numbered(text)
        .filter_map(|(number, line)| found(number, line, name))
        .collect()
}

/// `ssh-keygen -F`'s header of a found line: `# Host NAME found: line N `
/// and `CA` or `REVOKED` for a marked line.
pub fn found_header(name: &str, found: &Found) -> String {
    let mark = match found.marker {
        Marker::None => "",
        Marker::CertAuthority => "CA",
        Marker::Revoked => "REVOKED",
    };
    format!("# Host {name} found: line {} {mark}", found.line)
}

/// What [`remove`] made of a file.
#[derive(Debug, PartialEq, Eq)]
pub struct Removal {
    /// The text without the removed lines.
    pub kept: String,
    /// The removed lines' numbers.
    pub removed: Vec<usize>,
    /// The numbers of the lines ssh-keygen calls invalid ([`is_invalid`]):
    /// with any, it leaves the file as it is.
    pub invalid: Vec<usize>,
}

/// `text` without the unmarked lines that name `name` (as `ssh-keygen -R`;
/// `@cert-authority` and `@revoked` lines stay), in one pass that also finds
/// the lines ssh cannot read.
pub fn remove(text: &str, name: &str) -> Removal {
    let mut removal = Removal {
        kept: String::with_capacity(text.len()),
        removed: Vec::new(),
        invalid: Vec::new(),
    };
    for (number, line) in numbered(text) {
        if is_invalid(line, true) {
            removal.invalid.push(number);
        }
        match entry(line) {
            Some(entry) if entry.marker == Marker::None && hosts_match(entry.hosts, name) => {
                removal.removed.push(number)
            }
            _ => removal.kept.push_str(line),
        }
    }
    removal
}

/// What [`hash`] made of a file.
#[derive(Debug, PartialEq, Eq)]
pub struct Hashed {
    pub text: String,
    /// Lines left as they were because their host field has a wildcard or
    /// a negation (`ssh-keygen -H` leaves those too): (line, host field).
    pub wildcards: Vec<(usize, String)>,
    /// Whether any name was hashed (else the file is left alone).
    pub changed: bool,
}

/// One line as `ssh-keygen -H` writes it: a plain, unmarked line without
/// wildcards becomes one line a host name, each name hashed with a fresh
/// salt; any other line stays. `None` when the line stays as it is.
pub fn hashed_lines(line: &str, salt: &mut dyn FnMut() -> [u8; SALT_LEN]) -> Option<String> {
    let entry = entry(line).filter(|e| e.marker == Marker::None)?;
    if entry.hosts.starts_with(HASH_MAGIC) || entry.hosts.contains(['*', '?', '!']) {
        return None;
    }
    let ending = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::new();
    for host in entry.hosts.split(',').filter(|h| !h.is_empty()) {
        out.push_str(&hashed_name(&host.to_ascii_lowercase(), &salt()));
        out.push(' ');
        out.push_str(entry.key);
        out.push_str(ending);
    }
    if !line.ends_with('\n') {
        // The last line had no line end; neither has its last copy.
        out.truncate(out.len() - ending.len());
    }
    Some(out)
}

/// Every plain host name of `text` hashed, one line per name, as
/// `ssh-keygen -H` does: comments, marked lines, hashed lines and lines
/// with wildcards stay. `salt` gives each name a fresh salt.
pub fn hash(text: &str, salt: &mut dyn FnMut() -> [u8; SALT_LEN]) -> Hashed {
    let mut out = String::with_capacity(text.len() * 2);
    let mut wildcards = Vec::new();
    let mut changed = false;
    for (number, line) in numbered(text) {
        if let Some(entry) = entry(line).filter(|e| e.marker == Marker::None)
            && !entry.hosts.starts_with(HASH_MAGIC)
            && entry.hosts.contains(['*', '?', '!'])
        {
            wildcards.push((number, entry.hosts.to_owned()));
        }
        match hashed_lines(line, salt) {
            Some(hashed) => {
                out.push_str(&hashed);
                changed = true;
            }
            None => out.push_str(line),
        }
    }
    Hashed {
        text: out,
        wildcards,
        changed,
    }
}

/// `|1|SALT|HASH` for `name`.
pub fn hashed_name(name: &str, salt: &[u8]) -> String {
    format!(
        "{HASH_MAGIC}{}|{}",
        Base64::encode_string(salt),
        Base64::encode_string(&hmac_sha1(salt, name))
    )
}

/// Why [`add`] refused.
#[derive(Debug, PartialEq, Eq)]
pub enum AddError {
    /// The file records another key of the same type for the host: its
    /// line. The key changed, or someone is in between.
    Changed { line: usize },
}

/// Checks a comma-separated list of host patterns for an
/// `@cert-authority` line: each a host name or address with `*` and `?`
/// wildcards, `!` negating, nothing else. A list whose patterns match every
/// host (`*`, `*.*`) is refused unless `all_hosts`.
pub fn check_pattern_list(list: &str, all_hosts: bool) -> Result<(), BadPattern> {
    let mut everything = false;
    for pattern in list.split(',') {
        let (negated, body) = match pattern.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let fine = !body.is_empty()
            && body.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '*' | '?' | ':')
            });
        if !fine {
            return Err(BadPattern::NotAPattern(pattern.to_owned()));
        }
        everything |= !negated && body.chars().all(|c| matches!(c, '*' | '.'));
    }
    if everything && !all_hosts {
        return Err(BadPattern::EveryHost(list.to_owned()));
    }
    Ok(())
}

/// Why [`check_pattern_list`] refused a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadPattern {
    /// A pattern with a character no host name has, or an empty one.
    NotAPattern(String),
    /// The list matches every host, and that was not allowed.
    EveryHost(String),
}

impl std::fmt::Display for BadPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadPattern::NotAPattern(pattern) => write!(
                f,
                "{:?} is not a host pattern: use host names or addresses with * and ? \
                 wildcards, separated by commas",
                pattern.escape_debug().to_string()
            ),
            BadPattern::EveryHost(list) => write!(
                f,
                "{list:?} matches every host, so the CA would be trusted to vouch for any \
                 server; name the hosts it signs for (such as *.example.com), or pass \
                 --all-hosts if that is meant"
            ),
        }
    }
}

/// `text` with `NAME KEY` appended (`key`: `TYPE BASE64`; `@cert-authority
/// NAME KEY` for that marker), or `None` when that key is recorded for the
/// host already. Another key of the same type recorded for the host is
/// refused, never added beside it (a host may have several CAs).
pub fn add(text: &str, name: &str, key: &str, marker: Marker) -> Result<Option<String>, AddError> {
    let mut parts = key.split_whitespace();
    let (Some(key_type), Some(blob)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let prefix = match marker {
        Marker::None => "",
        Marker::CertAuthority => "@cert-authority ",
        Marker::Revoked => "@revoked ",
    };
    if marker != Marker::None {
        let recorded = text.lines().filter_map(entry).any(|e| {
            let mut fields = e.key.split_whitespace();
            e.marker == marker
                && e.hosts.eq_ignore_ascii_case(name)
                && fields.next() == Some(key_type)
                && fields.next() == Some(blob)
        });
        return Ok(
            (!recorded).then(|| appended(text, &format!("{prefix}{name} {key_type} {blob}")))
        );
    }
    for found in find(text, name)
        .into_iter()
        .filter(|f| f.marker == Marker::None)
    {
        let Some(recorded) = entry(&found.text) else {
            continue;
        };
        let mut recorded = recorded.key.split_whitespace();
        let (recorded_type, recorded_blob) = (recorded.next(), recorded.next());
        if recorded_type == Some(key_type) {
            if recorded_blob == Some(blob) {
                return Ok(None);
            }
            return Err(AddError::Changed { line: found.line });
        }
    }
    Ok(Some(appended(text, &format!("{name} {key_type} {blob}"))))
}

/// `text` with `line` added as its last line, in the file's line ends.
fn appended(text: &str, line: &str) -> String {
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(ending);
    }
    out.push_str(line);
    out.push_str(ending);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    const OTHER: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf";

    #[test]
    fn patterns_wildcards_negation_ports_and_case() {
        assert!(hosts_match("github.com", "github.com"));
        assert!(hosts_match("foo,GitHub.com", "github.com"));
        assert!(hosts_match("*.example.org", "a.example.org"));
        assert!(hosts_match("h?st", "host"));
        assert!(!hosts_match(
            "*.example.org,!bad.example.org",
            "bad.example.org"
        ));
        assert!(!hosts_match("example.com", "[example.com]:2222"));
        assert!(hosts_match(
            "[example.com]:2222",
            &lookup_name("Example.com", 2222)
        ));
        assert_eq!(lookup_name("Example.com", 22), "example.com");
    }

    #[test]
    fn hashed_names_match_their_host_only() {
        let hashed = hashed_name("github.com", &[7u8; SALT_LEN]);
        assert!(hashed.starts_with("|1|BwcHBwcHBwcHBwcHBwcHBwcHBwc=|"));
        assert!(hosts_match(&hashed, "github.com"));
        assert!(!hosts_match(&hashed, "gitlab.com"));
        assert!(!hosts_match("|1|garbage", "github.com"));
    }

    #[test]
    fn find_remove_and_hash_keep_every_other_line() {
        let text = format!(
            "# comment\r\ngithub.com {ED}\r\n@cert-authority github.com {OTHER}\n\
             a,github.com,b {OTHER} trailing comment\n*.org {ED}\n"
        );
        let found = find(&text, "github.com");
        assert_eq!(
            found.iter().map(|f| (f.line, f.marker)).collect::<Vec<_>>(),
            [
                (2, Marker::None),
                (3, Marker::CertAuthority),
                (4, Marker::None)
            ]
        );
        assert_eq!(
            found_header("github.com", &found[1]),
            "# Host github.com found: line 3 CA"
        );
        let removal = remove(&text, "github.com");
        assert_eq!(removal.removed, [2, 4]);
        assert_eq!(removal.invalid, Vec::<usize>::new());
        assert_eq!(
            removal.kept,
            format!("# comment\r\n@cert-authority github.com {OTHER}\n*.org {ED}\n")
        );

        let mut n = 0u8;
        let hashed = hash(&text, &mut || {
            n += 1;
            [n; SALT_LEN]
        });
        assert!(hashed.changed);
        assert_eq!(hashed.wildcards, [(5, "*.org".to_owned())]);
        let lines: Vec<&str> = hashed.text.split_inclusive('\n').collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[0], "# comment\r\n");
        assert_eq!(
            lines[1],
            format!("{} {ED}\r\n", hashed_name("github.com", &[1; SALT_LEN]))
        );
        assert_eq!(
            lines[3],
            format!(
                "{} {OTHER} trailing comment\n",
                hashed_name("a", &[2; SALT_LEN])
            )
        );
        assert_eq!(lines[6], format!("*.org {ED}\n"));
        assert_eq!(find(&hashed.text, "b").len(), 1);
        // Hashing again changes nothing.
        assert!(!hash(&hashed.text, &mut || [0; SALT_LEN]).changed);
    }

    #[test]
    fn add_appends_once_and_refuses_a_changed_key() {
        let added = add("", "github.com", ED, Marker::None).unwrap().unwrap();
        assert_eq!(added, format!("github.com {ED}\n"));
        assert_eq!(add(&added, "github.com", ED, Marker::None), Ok(None));
        assert_eq!(
            add(&added, "github.com", OTHER, Marker::None),
            Err(AddError::Changed { line: 1 })
        );
        // Another type for the same host, or the same key for another host.
        let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=";
        let both = add(&added, "github.com", ecdsa, Marker::None)
            .unwrap()
            .unwrap();
        assert_eq!(both.lines().count(), 2);
        let no_end = add("x.org ssh-ed25519 AAAA", "[h]:2222", ED, Marker::None)
            .unwrap()
            .unwrap();
        assert_eq!(no_end, format!("x.org ssh-ed25519 AAAA\n[h]:2222 {ED}\n"));
    }

    #[test]
    fn a_ca_line_is_added_once_beside_host_keys_and_patterns_are_checked() {
        let host = add("", "*.example.com", ED, Marker::None).unwrap().unwrap();
        let ca = add(&host, "*.example.com", OTHER, Marker::CertAuthority)
            .unwrap()
            .unwrap();
        assert_eq!(ca, format!("{host}@cert-authority *.example.com {OTHER}\n"));
        assert_eq!(
            add(&ca, "*.example.com", OTHER, Marker::CertAuthority),
            Ok(None)
        );
        assert_eq!(
            check_pattern_list("*.example.com,!x.example.com", false),
            Ok(())
        );
        for everything in ["*", "*.*", "a.org,*"] {
            assert!(
                check_pattern_list(everything, false).is_err(),
                "{everything}"
            );
            assert_eq!(check_pattern_list(everything, true), Ok(()));
        }
        for bad in ["", "a b", "@cert-authority", "a\nb", "#c", "|1|x", "a,,b"] {
            assert!(check_pattern_list(bad, true).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn invalid_lines_are_those_ssh_keygen_refuses_to_rewrite() {
        // Checked against ssh-keygen 9.2's -R and -H on the same text.
        let broken = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBROKEN";
        let text = format!(
            "a {ED}\nb {ED}\n# comment\n\n  \t\nc {broken}\nnokey\ne ssh-ed25519\n\
             @unknown f {ED}\n@revoked g {ED}\nh ssh-rsa {}\ni nokeytype AAAA\n\
             |1|bad|hash {ED}\n@revoked @revoked j {ED}\nk ed25519 AAAA\nl {ED}\r\n\
             m ssh-ed25519 # comment\n",
            ED.split(' ').nth(1).unwrap()
        );
        // The damaged key (line 6) and the key of another type (11) stay.
        assert_eq!(invalid_lines(&text), [7, 8, 9, 12, 14, 17]);
        // A hashed name with a bad salt counts only when a host is looked up.
        assert_eq!(remove(&text, "a").invalid, [7, 8, 9, 12, 13, 14, 17]);
    }
}
