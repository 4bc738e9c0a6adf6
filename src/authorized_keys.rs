//! authorized_keys lines as sshd(8) reads them, text to text: the options
//! before a key written and checked the way sshd's own parser
//! (`auth-options.c`) takes them, a key appended only when its body is not
//! there yet (after a newline for a file that lacks its last one), and
//! lines taken out by key, every other byte kept. Pure: no I/O.

use std::fmt;

use crate::keyfile::{self, LinePrefix, PublicEntry};

/// The options of one line, as the command line gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyOptions {
    /// `restrict`: no forwarding, no pty, no user rc (later flags re-enable).
    pub restrict: bool,
    /// `cert-authority`: the key is a CA for user certificates.
    pub cert_authority: bool,
    /// `from="PATTERNS"`: client addresses or names.
    pub from: Option<String>,
    /// `command="CMD"`: the forced command.
    pub command: Option<String>,
    /// `expiry-time="YYYYMMDD[HHMM[SS]][Z]"`.
    pub expiry_time: Option<String>,
    /// `principals="a,b"` (with `cert-authority`).
    pub principals: Option<String>,
    /// `permitopen="HOST:PORT"`, one each.
    pub permit_open: Vec<String>,
    /// `permitlisten="[HOST:]PORT"`, one each.
    pub permit_listen: Vec<String>,
    /// `environment="NAME=VALUE"`, one each (sshd honours them only with
    /// `PermitUserEnvironment`).
    pub environment: Vec<String>,
    /// Flags, in sshd's spelling (`no-pty`, `port-forwarding`…).
    pub flags: Vec<&'static str>,
}

/// The flags sshd knows: each `restrict` turns off has a `no-` form and a
/// form that turns it back on.
pub const FLAGS: &[&str] = &[
    "no-agent-forwarding",
    "no-port-forwarding",
    "no-pty",
    "no-user-rc",
    "no-x11-forwarding",
    "agent-forwarding",
    "port-forwarding",
    "pty",
    "user-rc",
    "x11-forwarding",
];

/// A value sshd would refuse or read otherwise than meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadOption {
    pub option: &'static str,
    pub value: String,
    pub why: &'static str,
}

impl fmt::Display for BadOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{} {:?}: {}", self.option, self.value, self.why)
    }
}

fn bad(option: &'static str, value: &str, why: &'static str) -> BadOption {
    BadOption {
        option,
        value: value.to_owned(),
        why,
    }
}

/// A value in double quotes as sshd's `opt_dequote` reads it back: `"` is
/// written `\"`, the only escape it knows. A value it cannot read back as
/// given is refused: a line end or NUL (sshd reads one line), and a final
/// backslash (it would escape the closing quote).
fn quoted(option: &'static str, value: &str) -> Result<String, BadOption> {
    if value.contains(['\n', '\r', '\0']) {
        return Err(bad(
            option,
            value,
            "a line end or NUL cannot be in an authorized_keys line",
        ));
    }
    if value.ends_with('\\') {
        return Err(bad(
            option,
            value,
            "a final backslash would escape the closing quote as sshd reads it",
        ));
    }
    Ok(format!("\"{}\"", value.replace('"', "\\\"")))
}

/// `from=`'s patterns: `[!]PATTERN` separated by commas, each a host name
/// or address pattern (`*`, `?`) or a CIDR block.
fn check_from(value: &str) -> Result<(), BadOption> {
    for pattern in value.split(',') {
        let pattern = pattern.strip_prefix('!').unwrap_or(pattern);
        if pattern.is_empty()
            || !pattern
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_*?:/[]%".contains(c))
        {
            return Err(bad(
                "from",
                value,
                "want comma-separated host or address patterns ([!]PATTERN, *, ?, or a CIDR \
                 block such as 10.0.0.0/8)",
            ));
        }
        if let Some((address, bits)) = pattern.split_once('/') {
            let max = match address.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(_)) => 32,
                Ok(std::net::IpAddr::V6(_)) => 128,
                Err(_) => return Err(bad("from", value, "a CIDR block needs an IP address")),
            };
            if !bits.parse::<u8>().is_ok_and(|b| b <= max) {
                return Err(bad(
                    "from",
                    value,
                    "a CIDR block's prefix length is out of range",
                ));
            }
        }
    }
    Ok(())
}

/// `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, an optional `Z` (UTC;
/// else the server's local time), as sshd's `parse_absolute_time`.
fn check_expiry(value: &str) -> Result<(), BadOption> {
    let digits = value.strip_suffix(['Z', 'z']).unwrap_or(value);
    let field = |at: usize| digits.get(at..at + 2).and_then(|d| d.parse::<u32>().ok());
    let good = matches!(digits.len(), 8 | 12 | 14)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && field(4).is_some_and(|m| (1..=12).contains(&m))
        && field(6).is_some_and(|d| (1..=31).contains(&d))
        && (digits.len() < 12
            || field(8).is_some_and(|h| h < 24) && field(10).is_some_and(|m| m < 60))
        && (digits.len() < 14 || field(12).is_some_and(|s| s < 61));
    if good {
        Ok(())
    } else {
        Err(bad(
            "expiry-time",
            value,
            "want YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z for UTC",
        ))
    }
}

/// `HOST:PORT` (`permitopen`, port a number or `*`), or `[HOST:]PORT`
/// (`permitlisten`); a v6 host in brackets.
fn check_host_port(option: &'static str, value: &str, host_needed: bool) -> Result<(), BadOption> {
    let (host, port) = match value.rsplit_once(':') {
        Some((host, port)) => (Some(host), port),
        None => (None, value),
    };
    let port_ok = port == "*" || port.parse::<u16>().is_ok_and(|p| p > 0);
    let host_ok = match host {
        None => !host_needed,
        Some(host) => {
            let host = host
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .unwrap_or(host);
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_*:".contains(c))
        }
    };
    if port_ok && host_ok {
        Ok(())
    } else {
        Err(bad(
            option,
            value,
            if host_needed {
                "want HOST:PORT, PORT a number or *"
            } else {
                "want [HOST:]PORT, PORT a number or *"
            },
        ))
    }
}

/// The options as one field, checked; empty for none.
pub fn render(options: &KeyOptions) -> Result<String, BadOption> {
    let mut parts: Vec<String> = Vec::new();
    if options.restrict {
        parts.push("restrict".to_owned());
    }
    if options.cert_authority {
        parts.push("cert-authority".to_owned());
    }
    for flag in &options.flags {
        if !FLAGS.contains(flag) {
            return Err(bad("flag", flag, "not an option sshd knows"));
        }
        parts.push((*flag).to_owned());
    }
    if let Some(from) = &options.from {
        check_from(from)?;
        parts.push(format!("from={}", quoted("from", from)?));
    }
    if let Some(command) = &options.command {
        parts.push(format!("command={}", quoted("command", command)?));
    }
    if let Some(expiry) = &options.expiry_time {
        check_expiry(expiry)?;
        parts.push(format!("expiry-time={}", quoted("expiry-time", expiry)?));
    }
    if let Some(principals) = &options.principals {
        if !options.cert_authority {
            return Err(bad(
                "principals",
                principals,
                "principals apply to a certificate authority's line: add --cert-authority",
            ));
        }
        if principals.is_empty() || principals.contains(char::is_whitespace) {
            return Err(bad("principals", principals, "want comma-separated names"));
        }
        parts.push(format!("principals={}", quoted("principals", principals)?));
    }
    for open in &options.permit_open {
        check_host_port("permit-open", open, true)?;
        parts.push(format!("permitopen={}", quoted("permit-open", open)?));
    }
    for listen in &options.permit_listen {
        check_host_port("permit-listen", listen, false)?;
        parts.push(format!("permitlisten={}", quoted("permit-listen", listen)?));
    }
    for variable in &options.environment {
        let name = variable.split_once('=').map(|(name, _)| name);
        if !name.is_some_and(|n| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }) {
            return Err(bad(
                "environment",
                variable,
                "want NAME=VALUE, NAME letters, digits and _",
            ));
        }
        parts.push(format!("environment={}", quoted("environment", variable)?));
    }
    Ok(parts.join(","))
}

/// The line for `key_line` (`TYPE BASE64 [COMMENT]`) with `options`.
pub fn line(options: &str, key_line: &str) -> String {
    if options.is_empty() {
        key_line.to_owned()
    } else {
        format!("{options} {key_line}")
    }
}

/// A key of the file: its line number, options and entry.
#[derive(Clone, Debug)]
pub struct Listed {
    pub entry: PublicEntry,
    /// The options field, empty for none.
    pub options: String,
}

/// Every key line of `text`, with its options.
pub fn list(text: &str) -> Vec<Listed> {
    keyfile::parse_public_lines(text.as_bytes())
        .into_iter()
        .filter(|e| !matches!(e.prefix, LinePrefix::Marker { .. }))
        .map(|entry| {
            let options = match &entry.prefix {
                LinePrefix::Field(options) => options.clone(),
                _ => String::new(),
            };
            Listed { entry, options }
        })
        .collect()
}

/// `text` with `new_line` appended, or `None` when a line holds that key
/// already (its number is in `Err`). A text without a final newline gets
/// one first; nothing else changes.
pub fn add(text: &str, key: &ssh_key::public::KeyData, new_line: &str) -> Result<String, usize> {
    if let Some(found) = list(text).iter().find(|l| l.entry.key == *key) {
        return Err(found.entry.line);
    }
    let mut out = String::with_capacity(text.len() + new_line.len() + 2);
    out.push_str(text);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(new_line);
    out.push('\n');
    Ok(out)
}

/// `text` without the lines `remove` picks; the removed lines' numbers.
pub fn remove(text: &str, remove: impl Fn(&Listed) -> bool) -> (String, Vec<usize>) {
    let doomed: Vec<usize> = list(text)
        .iter()
        .filter(|l| remove(l))
        .map(|l| l.entry.line)
        .collect();
    let kept = text
        .split_inclusive('\n')
        .enumerate()
        .filter(|(index, _)| !doomed.contains(&(index + 1)))
        .map(|(_, line)| line)
        .collect();
    (kept, doomed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@box";

    #[test]
    fn options_are_written_as_sshd_reads_them() {
        let options = KeyOptions {
            restrict: true,
            from: Some("10.0.0.0/8,!10.0.0.1,*.example.com".to_owned()),
            command: Some("git-shell -c \"$SSH_ORIGINAL_COMMAND\"".to_owned()),
            expiry_time: Some("20301231Z".to_owned()),
            permit_open: vec!["localhost:8080".to_owned()],
            permit_listen: vec!["2222".to_owned()],
            environment: vec!["LANG=C".to_owned()],
            flags: vec!["pty"],
            ..KeyOptions::default()
        };
        assert_eq!(
            render(&options).unwrap(),
            "restrict,pty,from=\"10.0.0.0/8,!10.0.0.1,*.example.com\",\
             command=\"git-shell -c \\\"$SSH_ORIGINAL_COMMAND\\\"\",expiry-time=\"20301231Z\",\
             permitopen=\"localhost:8080\",permitlisten=\"2222\",environment=\"LANG=C\""
        );
        // What ssh-keygen -l reads as the options field, whole.
        let text = format!("{} {KEY}\n", render(&options).unwrap());
        let listed = list(&text);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].options, render(&options).unwrap());
    }

    #[test]
    fn values_sshd_would_misread_are_refused() {
        let with = |change: fn(&mut KeyOptions)| {
            let mut options = KeyOptions::default();
            change(&mut options);
            render(&options)
        };
        assert!(with(|o| o.command = Some("a\nb".to_owned())).is_err());
        assert!(with(|o| o.command = Some("a\\".to_owned())).is_err());
        assert!(with(|o| o.from = Some("10.0.0.0/33".to_owned())).is_err());
        assert!(with(|o| o.from = Some("a b".to_owned())).is_err());
        assert!(with(|o| o.from = Some("host\",command=\"sh".to_owned())).is_err());
        assert!(with(|o| o.expiry_time = Some("2030-12-31".to_owned())).is_err());
        assert!(with(|o| o.expiry_time = Some("20301332".to_owned())).is_err());
        assert!(with(|o| o.principals = Some("ana".to_owned())).is_err());
        assert!(with(|o| o.permit_open = vec!["8080".to_owned()]).is_err());
        assert!(with(|o| o.permit_listen = vec!["host:0".to_owned()]).is_err());
        assert!(with(|o| o.environment = vec!["A-B=1".to_owned()]).is_err());
        assert!(
            with(|o| {
                o.cert_authority = true;
                o.principals = Some("ana,bo".to_owned());
            })
            .is_ok()
        );
    }

    #[test]
    fn a_key_is_added_once_after_a_newline_and_removed_alone() {
        let entry = keyfile::parse_public_lines(KEY.as_bytes()).remove(0);
        let text = "# mine\nssh-rsa AAAA broken";
        let added = add(text, &entry.key, &line("restrict", KEY)).unwrap();
        assert_eq!(
            added,
            format!("# mine\nssh-rsa AAAA broken\nrestrict {KEY}\n")
        );
        assert_eq!(add(&added, &entry.key, KEY), Err(3));
        let (kept, removed) = remove(&added, |l| l.entry.key == entry.key);
        assert_eq!(removed, [3]);
        assert_eq!(kept, "# mine\nssh-rsa AAAA broken\n");
    }
}
