//! OpenSSH certificates (PROTOCOL.certkeys) as `ssh-keygen -s` makes them
//! and `-L` shows them: the validity interval in all of ssh-keygen's forms,
//! the `-O` options turned into critical options and extensions, and the
//! text of `-L`. Pure; the signing itself is ssh-key's certificate builder.
//!
//! Times are read and shown in UTC, where ssh-keygen uses the local time
//! zone (the same on machines set to UTC, as servers and CI usually are).

use std::collections::BTreeMap;

use ssh_key::Certificate;

use crate::fingerprint::FingerprintHash;
use crate::keys;

/// `valid_before` of a certificate that never expires.
pub const FOREVER: u64 = u64::MAX;

/// Why a `-V` or `-O` value cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid(pub String);

fn invalid(text: impl Into<String>) -> Invalid {
    Invalid(text.into())
}

/// `-V`'s interval at `now`: `+LIFE` (from a minute ago, rounded down to a
/// minute, as ssh-keygen backdates), or `FROM:TO` where each side is
/// `[+-]LIFE`, `YYYYMMDD[HHMM[SS]]`, `0xHEX`, `always` (from) or `forever`
/// (to).
pub fn parse_validity(text: &str, now: u64) -> Result<(u64, u64), Invalid> {
    let relative = |spec: &str, what: &str| -> Result<u64, Invalid> {
        let (sign, life) = spec.split_at(1);
        let seconds = u64::from(
            crate::agent::parse_lifetime(life)
                .ok_or_else(|| invalid(format!("Invalid relative certificate {what} {spec}")))?,
        );
        if sign == "-" {
            now.checked_sub(seconds)
                .ok_or_else(|| invalid(format!("Certificate time {spec} cannot be represented")))
        } else {
            Ok(now.saturating_add(seconds))
        }
    };
    if text.starts_with('+') && !text.contains(':') {
        let to = relative(text, "life")?;
        return Ok(((now.saturating_sub(59)) / 60 * 60, to));
    }
    let (from, to) = text
        .split_once(':')
        .filter(|(f, t)| !f.is_empty() && !t.is_empty())
        .ok_or_else(|| invalid(format!("Invalid certificate life specification {text}")))?;
    let side = |spec: &str, open: &str, open_value: u64| -> Result<u64, Invalid> {
        if spec.starts_with(['+', '-']) {
            relative(spec, "time")
        } else if spec == open {
            Ok(open_value)
        } else if let Some(hex) = spec.strip_prefix("0x") {
            u64::from_str_radix(hex, 16)
                .map_err(|_| invalid("Invalid certificate time: not a number"))
        } else {
            let spec = spec.strip_suffix("UTC").unwrap_or(spec);
            crate::allowed_signers::parse_time(spec)
                .ok_or_else(|| invalid(format!("Invalid time \"{spec}\"")))
        }
    };
    let (from, to) = (side(from, "always", 0)?, side(to, "forever", FOREVER)?);
    if to <= from {
        return Err(invalid("Empty certificate validity interval"));
    }
    Ok((from, to))
}

/// What `-O` options ask for, as ssh-keygen keeps them: the flags (user
/// certificates start with the five `permit-*`), force-command,
/// source-address, and custom `extension:`/`critical:` ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertOptions {
    flags: BTreeMap<&'static str, bool>,
    force_command: Option<String>,
    source_address: Option<String>,
    custom_critical: BTreeMap<String, String>,
    custom_extensions: BTreeMap<String, String>,
}

/// The flag options: name, whether it is critical, on by default.
const FLAGS: &[(&str, bool, bool)] = &[
    ("permit-X11-forwarding", false, true),
    ("permit-agent-forwarding", false, true),
    ("permit-port-forwarding", false, true),
    ("permit-pty", false, true),
    ("permit-user-rc", false, true),
    ("no-touch-required", false, false),
    ("verify-required", true, false),
];

impl CertOptions {
    /// The options before any `-O`: a user certificate's default
    /// permissions, or for a host certificate (`-h`, which clears them in
    /// ssh-keygen) none.
    pub fn new(host: bool) -> Self {
        CertOptions {
            flags: FLAGS
                .iter()
                .map(|(name, _, on)| (*name, *on && !host))
                .collect(),
            force_command: None,
            source_address: None,
            custom_critical: BTreeMap::new(),
            custom_extensions: BTreeMap::new(),
        }
    }
}

impl CertOptions {
    /// Applies one `-O` option, as ssh-keygen's `add_cert_option`.
    pub fn add(&mut self, option: &str) -> Result<(), Invalid> {
        let lower = option.to_ascii_lowercase();
        let mut set = |name: &'static str, on: bool| {
            self.flags.insert(name, on);
        };
        match lower.as_str() {
            "clear" => {
                for on in self.flags.values_mut() {
                    *on = false;
                }
            }
            "no-x11-forwarding" => set("permit-X11-forwarding", false),
            "permit-x11-forwarding" => set("permit-X11-forwarding", true),
            "no-agent-forwarding" => set("permit-agent-forwarding", false),
            "permit-agent-forwarding" => set("permit-agent-forwarding", true),
            "no-port-forwarding" => set("permit-port-forwarding", false),
            "permit-port-forwarding" => set("permit-port-forwarding", true),
            "no-pty" => set("permit-pty", false),
            "permit-pty" => set("permit-pty", true),
            "no-user-rc" => set("permit-user-rc", false),
            "permit-user-rc" => set("permit-user-rc", true),
            "touch-required" => set("no-touch-required", false),
            "no-touch-required" => set("no-touch-required", true),
            "no-verify-required" => set("verify-required", false),
            "verify-required" => set("verify-required", true),
            _ => {
                if let Some(value) = lower
                    .starts_with("force-command=")
                    .then(|| &option["force-command=".len()..])
                {
                    if value.is_empty() {
                        return Err(invalid("Empty force-command option"));
                    }
                    if self.force_command.replace(value.to_owned()).is_some() {
                        return Err(invalid("force-command already specified"));
                    }
                } else if let Some(value) = lower
                    .starts_with("source-address=")
                    .then(|| &option["source-address=".len()..])
                {
                    if value.is_empty() {
                        return Err(invalid("Empty source-address option"));
                    }
                    if self.source_address.replace(value.to_owned()).is_some() {
                        return Err(invalid("source-address already specified"));
                    }
                } else if let Some((kind, rest)) = option.split_once(':').filter(|(kind, _)| {
                    kind.eq_ignore_ascii_case("extension") || kind.eq_ignore_ascii_case("critical")
                }) {
                    let (name, value) = rest.split_once('=').unwrap_or((rest, ""));
                    let map = if kind.eq_ignore_ascii_case("critical") {
                        &mut self.custom_critical
                    } else {
                        &mut self.custom_extensions
                    };
                    map.insert(name.to_owned(), value.to_owned());
                } else {
                    return Err(invalid(format!(
                        "Unsupported certificate option \"{option}\""
                    )));
                }
            }
        }
        Ok(())
    }

    /// The critical options and extensions these make.
    pub fn maps(&self) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
        let mut critical = self.custom_critical.clone();
        let mut extensions = self.custom_extensions.clone();
        for (name, is_critical, _) in FLAGS {
            if self.flags.get(name).copied().unwrap_or(false) {
                let map = if *is_critical {
                    &mut critical
                } else {
                    &mut extensions
                };
                map.insert((*name).to_owned(), String::new());
            }
        }
        if let Some(command) = &self.force_command {
            critical.insert("force-command".to_owned(), command.clone());
        }
        if let Some(address) = &self.source_address {
            critical.insert("source-address".to_owned(), address.clone());
        }
        (critical, extensions)
    }
}

/// `YYYY-MM-DDTHH:MM:SS` of `time` (UTC), as ssh-keygen prints times.
pub fn format_time(time: u64) -> String {
    // u64::MAX / 86,400 is below 2^48: the day count fits an i64.
    let days = (time / 86_400).cast_signed();
    let seconds = time % 86_400;
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// ssh-keygen's words for an interval: `forever`, `before T`, `after T`,
/// `from T to T`.
pub fn format_validity(from: u64, to: u64) -> String {
    match (from, to) {
        (0, FOREVER) => "forever".to_owned(),
        (0, to) => format!("before {}", format_time(to)),
        (from, FOREVER) => format!("after {}", format_time(from)),
        (from, to) => format!("from {} to {}", format_time(from), format_time(to)),
    }
}

/// The lines `ssh-keygen -L` prints for `cert` after its `PATH:` line.
/// With `escape` (`Some(utf8)`, sshgen's own `cert show`), the texts the
/// certificate's maker chose (key ID, principals, option names and values)
/// are made [`visible_line`](crate::render::visible_line); ssh-keygen
/// prints them as they are.
pub fn describe(cert: &Certificate, escape: Option<bool>) -> String {
    let text = |t: &str| -> String {
        match escape {
            Some(utf8) => crate::render::visible_line(t, utf8).into_owned(),
            None => t.to_owned(),
        }
    };
    let fingerprint = |key: &ssh_key::public::KeyData| {
        keys::fingerprint(key, FingerprintHash::Sha256)
            .map(|f| f.to_string())
            .unwrap_or_default()
    };
    let kind = if cert.cert_type().is_host() {
        "host"
    } else {
        "user"
    };
    let mut out = String::new();
    out.push_str(&format!(
        "        Type: {} {kind} certificate\n",
        cert.algorithm().to_certificate_type()
    ));
    out.push_str(&format!(
        "        Public key: {}-CERT {}\n",
        keys::type_label(&cert.public_key().algorithm()),
        fingerprint(cert.public_key())
    ));
    out.push_str(&format!(
        "        Signing CA: {} {} (using {})\n",
        keys::type_label(&cert.signature_key().algorithm()),
        fingerprint(cert.signature_key()),
        cert.signature().algorithm()
    ));
    out.push_str(&format!("        Key ID: \"{}\"\n", text(cert.key_id())));
    out.push_str(&format!("        Serial: {}\n", cert.serial()));
    out.push_str(&format!(
        "        Valid: {}\n",
        format_validity(cert.valid_after(), cert.valid_before())
    ));
    out.push_str("        Principals: ");
    if cert.valid_principals().is_empty() {
        out.push_str("(none)\n");
    } else {
        for principal in cert.valid_principals() {
            out.push_str(&format!("\n                {}", text(principal)));
        }
        out.push('\n');
    }
    let show =
        |out: &mut String, title: &str, options: &BTreeMap<String, String>, critical: bool| {
            out.push_str(&format!("        {title}: "));
            if options.is_empty() {
                out.push_str("(none)\n");
                return;
            }
            out.push('\n');
            for (name, value) in options {
                out.push_str(&format!("                {}", text(name)));
                let known_flag = if critical {
                    name == "verify-required"
                } else {
                    FLAGS.iter().any(|(flag, crit, _)| !crit && flag == name)
                };
                if critical && (name == "force-command" || name == "source-address") {
                    out.push_str(&format!(" {}\n", text(value)));
                } else if known_flag {
                    out.push('\n');
                } else if value.is_empty() {
                    out.push_str(" UNKNOWN FLAG OPTION\n");
                } else {
                    // The option's data as ssh-keygen shows unknown ones: the
                    // string (length, then bytes) in hex.
                    // The value came out of a certificate, whose strings
                    // have a u32 length.
                    let length = u32::try_from(value.len()).unwrap_or(u32::MAX);
                    let mut data = length.to_be_bytes().to_vec();
                    data.extend_from_slice(value.as_bytes());
                    let hex = crate::render::hex(&data);
                    out.push_str(&format!(" UNKNOWN OPTION: {hex} (len {})\n", data.len()));
                }
            }
        };
    let critical: BTreeMap<String, String> = cert
        .critical_options()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let extensions: BTreeMap<String, String> = cert
        .extensions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    show(&mut out, "Critical Options", &critical, true);
    show(&mut out, "Extensions", &extensions, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_796_130_000; // 2026-12-01T13:40:00Z

    #[test]
    fn validity_in_every_form() {
        assert_eq!(
            parse_validity("+1d", NOW),
            Ok(((NOW - 59) / 60 * 60, NOW + 86_400))
        );
        assert_eq!(parse_validity("always:forever", NOW), Ok((0, FOREVER)));
        assert_eq!(
            parse_validity("-1h:+1w", NOW),
            Ok((NOW - 3600, NOW + 604_800))
        );
        assert_eq!(
            parse_validity("20260101:20270101", NOW),
            Ok((1_767_225_600, 1_798_761_600))
        );
        assert_eq!(parse_validity("0x10:0x20", NOW), Ok((16, 32)));
        assert!(parse_validity("20270101:20260101", NOW).is_err());
        assert!(parse_validity("+5x", NOW).is_err());
        assert!(parse_validity("nonsense", NOW).is_err());
    }

    #[test]
    fn options_as_ssh_keygen_builds_them() {
        let mut options = CertOptions::new(false);
        let (critical, extensions) = options.maps();
        assert!(critical.is_empty());
        assert_eq!(
            extensions.keys().collect::<Vec<_>>(),
            [
                "permit-X11-forwarding",
                "permit-agent-forwarding",
                "permit-port-forwarding",
                "permit-pty",
                "permit-user-rc"
            ]
        );
        options.add("clear").unwrap();
        options.add("permit-pty").unwrap();
        options.add("force-command=/bin/true").unwrap();
        options.add("extension:login@example.com=ana").unwrap();
        options.add("critical:custom").unwrap();
        let (critical, extensions) = options.maps();
        assert_eq!(
            critical.get("force-command").map(String::as_str),
            Some("/bin/true")
        );
        assert_eq!(critical.get("custom").map(String::as_str), Some(""));
        assert_eq!(
            extensions.keys().collect::<Vec<_>>(),
            ["login@example.com", "permit-pty"]
        );
        assert!(options.add("force-command=x").is_err());
        assert!(options.add("bogus").is_err());
        // Host certificates start without the user flags, but -O still
        // adds options to them (which clients then refuse, as they should).
        let (critical, extensions) = CertOptions::new(true).maps();
        assert!(critical.is_empty() && extensions.is_empty());
        let mut host = CertOptions::new(true);
        host.add("force-command=false").unwrap();
        assert_eq!(host.maps().0.keys().collect::<Vec<_>>(), ["force-command"]);
    }

    #[test]
    fn times_are_shown_as_ssh_keygen_shows_them() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00");
        assert_eq!(format_time(1_709_164_800 + 45_001), "2024-02-29T12:30:01");
        assert_eq!(format_validity(0, FOREVER), "forever");
        assert_eq!(format_validity(0, 60), "before 1970-01-01T00:01:00");
        assert_eq!(format_validity(60, FOREVER), "after 1970-01-01T00:01:00");
    }
}
