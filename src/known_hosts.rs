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

/// The host line `line` holds, if any (comments and blank lines hold none).
pub fn entry(line: &str) -> Option<Entry<'_>> {
    let line = line.trim_start_matches([' ', '\t']);
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (marker, rest) = match line.split_once([' ', '\t']) {
        Some(("@cert-authority", rest)) => (Marker::CertAuthority, rest),
        Some(("@revoked", rest)) => (Marker::Revoked, rest),
        Some((first, _)) if first.starts_with('@') => return None,
        _ => (Marker::None, line),
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let (hosts, key) = rest.split_once([' ', '\t'])?;
    let key = key
        .trim_start_matches([' ', '\t'])
        .trim_end_matches(['\r', '\n']);
    (!key.is_empty()).then_some(Entry { marker, hosts, key })
}

/// Whether `line` is one ssh cannot read: not a comment or blank, and no
/// host field followed by a key that parses (ssh-keygen refuses to rewrite
/// a file with such a line: `-R` and `-H` would drop or mangle it).
pub fn is_invalid(line: &str) -> bool {
    let trimmed = line.trim_matches([' ', '\t', '\r', '\n']);
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return false;
    }
    let Some(entry) = entry(line) else {
        return true;
    };
    let mut fields = entry.key.split_whitespace();
    match (fields.next(), fields.next()) {
        (Some(key_type), Some(blob)) => {
            ssh_key::PublicKey::from_openssh(&format!("{key_type} {blob}")).is_err()
        }
        _ => true,
    }
}

/// The numbers of the lines of `text` that [`is_invalid`] refuses.
pub fn invalid_lines(text: &str) -> Vec<usize> {
    numbered(text)
        .filter(|(_, line)| is_invalid(line))
        .map(|(number, _)| number)
        .collect()
}

/// Whether the host field `hosts` names `name` (a [`lookup_name`]).
pub fn hosts_match(hosts: &str, name: &str) -> bool {
    if let Some(hashed) = hosts.strip_prefix(HASH_MAGIC) {
        return hashed_match(hashed, name);
    }
    let name = name.to_ascii_lowercase();
    let mut matched = false;
    for pattern in hosts.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(pattern) => (true, pattern),
            None => (false, pattern),
        };
        if wildcard_match(&pattern.to_ascii_lowercase(), &name) {
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

/// `*` (any run) and `?` (any one character) as OpenSSH's `match_pattern`.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut resume) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == t[ti]) {
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

/// Every line of `text` that names `name`, as `ssh-keygen -F` finds them.
pub fn find(text: &str, name: &str) -> Vec<Found> {
    numbered(text)
        .filter_map(|(number, line)| {
            let entry = entry(line)?;
            hosts_match(entry.hosts, name).then(|| Found {
                line: number,
                marker: entry.marker,
                // As ssh-keygen prints it: a CR before the LF stays.
                text: line.strip_suffix('\n').unwrap_or(line).to_owned(),
            })
        })
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

/// `text` without the unmarked lines that name `name` (as `ssh-keygen -R`;
/// `@cert-authority` and `@revoked` lines stay), and the removed lines'
/// numbers.
pub fn remove(text: &str, name: &str) -> (String, Vec<usize>) {
    let mut kept = String::with_capacity(text.len());
    let mut removed = Vec::new();
    for (number, line) in numbered(text) {
        match entry(line) {
            Some(entry) if entry.marker == Marker::None && hosts_match(entry.hosts, name) => {
                removed.push(number)
            }
            _ => kept.push_str(line),
        }
    }
    (kept, removed)
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

/// `text` with `NAME KEY` appended (`key`: `TYPE BASE64`), or `None` when
/// that key is recorded for the host already. Another key of the same type
/// recorded for the host is refused, never added beside it.
pub fn add(text: &str, name: &str, key: &str) -> Result<Option<String>, AddError> {
    let mut parts = key.split_whitespace();
    let (Some(key_type), Some(blob)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
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
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(ending);
    }
    out.push_str(&format!("{name} {key_type} {blob}{ending}"));
    Ok(Some(out))
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
        let (kept, removed) = remove(&text, "github.com");
        assert_eq!(removed, [2, 4]);
        assert_eq!(
            kept,
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
        let added = add("", "github.com", ED).unwrap().unwrap();
        assert_eq!(added, format!("github.com {ED}\n"));
        assert_eq!(add(&added, "github.com", ED), Ok(None));
        assert_eq!(
            add(&added, "github.com", OTHER),
            Err(AddError::Changed { line: 1 })
        );
        // Another type for the same host, or the same key for another host.
        let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=";
        let both = add(&added, "github.com", ecdsa).unwrap().unwrap();
        assert_eq!(both.lines().count(), 2);
        let no_end = add("x.org ssh-ed25519 AAAA", "[h]:2222", ED)
            .unwrap()
            .unwrap();
        assert_eq!(no_end, format!("x.org ssh-ed25519 AAAA\n[h]:2222 {ED}\n"));
    }
}
