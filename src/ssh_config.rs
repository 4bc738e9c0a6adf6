//! The user's `~/.ssh/config` as text, for `sshgen config` and
//! `access-key`: listing its `Host` blocks, adding one (before the first
//! `Host *` or `Match`, so that it takes effect: ssh uses the first value it
//! finds for each option) and removing one, keeping every other byte as it
//! was (comments, indentation, `Include`, `Match`, CRLF line ends). Pure:
//! text in, text out.
//!
//! The grammar is ssh_config(5)'s: a keyword (any case), then its arguments
//! after blanks or one `=`; `#` starts a comment line; `Host` and `Match`
//! start a block that lasts until the next one.

/// A `Host` or `Match` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// `Host` patterns; empty for a `Match` block.
    pub patterns: Vec<String>,
    pub is_match: bool,
    /// 1-based line of the `Host`/`Match` line.
    pub line: usize,
    /// The options in the block: keyword (lower case) and value, in order.
    pub options: Vec<(String, String)>,
}

impl Block {
    /// The first value of `keyword` (lower case), which is the one ssh uses.
    pub fn value(&self, keyword: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == keyword)
            .map(|(_, v)| v.as_str())
    }

    /// Every `IdentityFile` of the block.
    pub fn identity_files(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .filter(|(k, _)| k == "identityfile")
            .map(|(_, v)| v.as_str())
    }
    /// The alias of a block that names one plain host (no pattern, no
    /// `Match`), whose options ssh should take for it.
    pub fn plain_alias(&self) -> Option<&str> {
        let plain = !self.is_match
            && self.patterns.len() == 1
            && !self.patterns[0].contains(['*', '?', '!']);
        plain.then(|| self.patterns[0].as_str())
    }
}

/// One line split into keyword and arguments; `None` for comments and
/// blank lines.
fn keyword_line(line: &str) -> Option<(String, String)> {
    let line = line
        .trim_end_matches(['\n', '\r'])
        .trim_start_matches([' ', '\t']);
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let end = line.find([' ', '\t', '=']).unwrap_or(line.len());
    let keyword = line[..end].to_ascii_lowercase();
    let rest = line[end..].trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('=').unwrap_or(rest);
    Some((keyword, rest.trim_matches([' ', '\t']).to_owned()))
}

/// Arguments split as ssh 9's `argv_split` splits them: on blanks, with
/// `"…"` and `'…'` quoting, `\\`, `\'`, `\"` (and, outside quotes, `\ `)
/// escapes, and a `#` at the start of an argument ending the line. `None`
/// for a quote left open, which ssh refuses.
pub fn arguments(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| matches!(c, ' ' | '\t')).is_some() {}
        match chars.peek() {
            None | Some('#') => return Some(out),
            Some(_) => {}
        }
        let mut current = String::new();
        let mut quote = None;
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.peek() {
                    Some(&next @ ('\'' | '"' | '\\')) => {
                        chars.next();
                        current.push(next);
                    }
                    Some(' ') if quote.is_none() => {
                        chars.next();
                        current.push(' ');
                    }
                    _ => current.push('\\'),
                },
                ' ' | '\t' if quote.is_none() => break,
                '"' | '\'' if quote.is_none() => quote = Some(c),
                c if quote == Some(c) => quote = None,
                c => current.push(c),
            }
        }
        if quote.is_some() {
            return None;
        }
        out.push(current);
    }
}

/// The `Host` and `Match` blocks of `text`, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let Some((keyword, value)) = keyword_line(line) else {
            continue;
        };
        match keyword.as_str() {
            "host" => out.push(Block {
                patterns: arguments(&value).unwrap_or_default(),
                is_match: false,
                line: number + 1,
                options: Vec::new(),
            }),
            "match" => out.push(Block {
                patterns: Vec::new(),
                is_match: true,
                line: number + 1,
                options: Vec::new(),
            }),
            _ => {
                if let Some(block) = out.last_mut() {
                    let value = arguments(&value)
                        .and_then(|a| a.into_iter().next())
                        .unwrap_or_default();
                    block.options.push((keyword, value));
                }
            }
        }
    }
    out
}

/// The `Host` block that names exactly `alias`, if any.
pub fn find<'a>(blocks: &'a [Block], alias: &str) -> Option<&'a Block> {
    blocks
        .iter()
        .find(|b| !b.is_match && b.patterns.iter().any(|p| p == alias))
}

/// What a new `Host` block says, as the user gave it: [`add`] checks and
/// quotes each value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostEntry {
    pub alias: String,
    pub hostname: String,
    pub user: Option<String>,
    pub port: Option<u16>,
    /// The path as ssh should find it: `~/.ssh/NAME` or an absolute path,
    /// before any escaping.
    pub identity: String,
}

impl HostEntry {
    /// Refuses a value that cannot be written as it is ([`add`] checks
    /// the same).
    pub fn check(&self) -> Result<(), BadValue> {
        block_text(self, "\n").map(drop)
    }
}

/// A value that cannot go into an ssh_config file as it is: the option it
/// was for, the value and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadValue {
    pub option: &'static str,
    pub value: String,
    pub problem: Problem,
}

/// What is wrong with a [`BadValue`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// A control character (a byte below 0x20, or 0x7f): a newline would
    /// start a line of its own, a new option.
    Control(char),
    /// A character that changes how ssh reads the line and cannot be
    /// quoted safely for every ssh version.
    Character(char),
    /// `${`, which ssh expands from the environment, with no escape.
    Environment,
    /// Not a host name, nor an IP address.
    NotAHost,
    /// Not usable as a `Host` alias; `Character` names the character.
    NotAnAlias(char),
}

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let BadValue {
            option,
            value,
            problem,
        } = self;
        let value = value.escape_debug();
        match problem {
            Problem::Empty => write!(f, "{option} cannot be empty"),
            Problem::Control(c) => write!(
                f,
                "{option} \"{value}\" holds the control character U+{:04X}, which would change \
                 what ssh reads from the config",
                u32::from(*c)
            ),
            Problem::Character(c) => write!(
                f,
                "{option} \"{value}\" holds {c:?}, which ssh would read as part of the config's \
                 syntax"
            ),
            Problem::Environment => write!(
                f,
                "{option} \"{value}\" holds \"${{\", which ssh replaces with an environment \
                 variable; rename the file"
            ),
            Problem::NotAHost => write!(
                f,
                "{option} \"{value}\" is not a host name or an IP address"
            ),
            Problem::NotAnAlias(c) => write!(
                f,
                "{option} \"{value}\" cannot be a Host alias ({c:?}): use letters, digits, \
                 '-', '_' and '.', not starting with '-'"
            ),
        }
    }
}

/// Refuses a control character anywhere in `value`.
fn no_control(option: &'static str, value: &str) -> Result<(), BadValue> {
    let bad = |problem| BadValue {
        option,
        value: value.to_owned(),
        problem,
    };
    if value.is_empty() {
        return Err(bad(Problem::Empty));
    }
    match value.chars().find(|c| c.is_ascii_control()) {
        Some(c) => Err(bad(Problem::Control(c))),
        None => Ok(()),
    }
}

/// An alias ssh reads as one literal name: no pattern characters, no
/// quoting, nothing ssh or a shell would read as an option.
pub fn check_alias(alias: &str) -> Result<(), BadValue> {
    no_control("the alias", alias)?;
    let bad = alias
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .or(alias.starts_with('-').then_some('-'));
    match bad {
        Some(c) => Err(BadValue {
            option: "the alias",
            value: alias.to_owned(),
            problem: Problem::NotAnAlias(c),
        }),
        None => Ok(()),
    }
}

/// A host name (letters, digits, `-`, `_`, `.`), an IPv4 address or an
/// IPv6 address without brackets: what ssh and known_hosts take as a
/// host, nothing it could read as a pattern, token or second field.
pub fn check_host(option: &'static str, host: &str) -> Result<(), BadValue> {
    no_control(option, host)?;
    let name = host.len() <= 253
        && !host.starts_with(['-', '.'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name || host.parse::<std::net::Ipv6Addr>().is_ok() {
        Ok(())
    } else {
        Err(BadValue {
            option,
            value: host.to_owned(),
            problem: Problem::NotAHost,
        })
    }
}

/// `User`: any name but one with a control character, `"` (which no ssh
/// version reads the same), or `%` and `${` (which newer ssh versions
/// expand and older ones do not).
fn check_user(user: &str) -> Result<(), BadValue> {
    no_control("--user", user)?;
    let bad = |problem| BadValue {
        option: "--user",
        value: user.to_owned(),
        problem,
    };
    if user.contains("${") {
        return Err(bad(Problem::Environment));
    }
    match user.chars().find(|c| matches!(c, '"' | '%')) {
        Some(c) => Err(bad(Problem::Character(c))),
        None => Ok(()),
    }
}

/// A path for an option whose value ssh expands (`IdentityFile`,
/// `CertificateFile`, `UserKnownHostsFile`, …): `%` written as `%%`, so
/// that ssh gives back the path itself; `${` and `"` refused.
pub fn token_path(option: &'static str, path: &str) -> Result<String, BadValue> {
    no_control(option, path)?;
    if path.contains("${") {
        return Err(BadValue {
            option,
            value: path.to_owned(),
            problem: Problem::Environment,
        });
    }
    if path.contains('"') {
        return Err(BadValue {
            option,
            value: path.to_owned(),
            problem: Problem::Character('"'),
        });
    }
    Ok(path.replace('%', "%%"))
}

/// What [`token_path`] wrote, read back as the path ssh opens: `%%` is
/// `%` (other tokens are ssh's to expand and are kept).
pub fn untokened(value: &str) -> String {
    value.replace("%%", "%")
}

/// `value` as one argument that ssh's `argv_split` reads back exactly:
/// double-quoted when it holds a blank or `'`, or starts with `#` or `=`;
/// a backslash doubled where ssh would read it as an escape. The value
/// holds no control character and no `"` (checked before).
pub fn quoted(value: &str) -> String {
    let quote = value.contains([' ', '\t', '\'']) || value.starts_with(['#', '=']);
    let mut out = String::with_capacity(value.len() + 2);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.peek();
            if matches!(next, Some('\\' | '\'' | '"')) || (quote && next.is_none()) {
                out.push('\\');
            }
        }
        out.push(c);
    }
    if quote { format!("\"{out}\"") } else { out }
}

/// Why a block could not be added or removed.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// A `Host` line names the alias already (at this line).
    Exists { line: usize },
    /// No `Host` line names the alias.
    NotFound,
    /// The alias shares its `Host` line with other patterns (at these
    /// lines): removing the block would remove them too.
    Shared { lines: Vec<usize> },
    /// A value cannot be written as it is.
    Value(BadValue),
    /// A line ssh reads before the new block sets an option differently,
    /// so the block would not take effect.
    Overridden(Override),
    /// The file starts with a UTF-8 byte-order mark, which ssh cannot read.
    ByteOrderMark,
}

impl From<BadValue> for EditError {
    fn from(value: BadValue) -> Self {
        EditError::Value(value)
    }
}

/// The block lines of `entry`, each value checked and quoted, in `eol`.
fn block_text(entry: &HostEntry, eol: &str) -> Result<String, BadValue> {
    check_alias(&entry.alias)?;
    check_host("--hostname", &entry.hostname)?;
    if let Some(user) = &entry.user {
        check_user(user)?;
    }
    let identity = quoted(&token_path("the key path", &entry.identity)?);
    let mut block = format!("Host {}{eol}", entry.alias);
    block.push_str(&format!("    HostName {}{eol}", entry.hostname));
    if let Some(user) = &entry.user {
        block.push_str(&format!("    User {}{eol}", quoted(user)));
    }
    if let Some(port) = entry.port {
        block.push_str(&format!("    Port {port}{eol}"));
    }
    block.push_str(&format!("    IdentityFile {identity}{eol}"));
    block.push_str(&format!("    IdentitiesOnly yes{eol}"));
    Ok(block)
}

/// The UTF-8 byte-order mark some Windows editors put first, which ssh
/// reads as part of the first keyword.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// `text` with a block for `entry`, in the file's line ends, placed before
/// the first block that applies or may apply to the alias (a `Host`
/// pattern that matches it, any `Match`), so that ssh, which keeps the
/// first value it obtains for each option, takes the new block's. An
/// alias that has a block already is refused unless `replace`, which
/// removes its blocks first. `earlier` are the settings ssh reads before
/// any block of this file ([`Evaluation::global`] of the options before
/// the first `Host` and the files they include): one that sets an option
/// of the block to another value is refused.
pub fn add(
    text: &str,
    entry: &HostEntry,
    replace: bool,
    earlier: &[Setting],
) -> Result<String, EditError> {
    if text.starts_with(BYTE_ORDER_MARK) {
        return Err(EditError::ByteOrderMark);
    }
    let mut text = text.to_owned();
    if let Some(existing) = find(&blocks(&text), &entry.alias) {
        if !replace {
            return Err(EditError::Exists {
                line: existing.line,
            });
        }
        text = remove(&text, &entry.alias)?;
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let block = block_text(entry, eol)?;
    if let Some(conflict) = overriding(earlier, entry) {
        return Err(EditError::Overridden(conflict));
    }

    let first_applying = blocks(&text)
        .into_iter()
        .find(|b| applies(b, &entry.alias) != Applies::No);
    Ok(match first_applying {
        Some(before) => {
            // Before the comment lines that lead into that block, too.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let mut at = before.line - 1;
            while at > 0 && lines[at - 1].trim_start().starts_with('#') {
                at -= 1;
            }
            let mut out: String = lines[..at].concat();
            out.push_str(&block);
            out.push_str(eol);
            out.push_str(&lines[at..].concat());
            out
        }
        // Appended right after the last line, without a blank line between,
        // and without a final line end when the file had none: removing
        // the block then gives the file back byte for byte.
        None => {
            let mut out = text;
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(eol);
                out.push_str(block.strip_suffix(eol).unwrap_or(&block));
            } else {
                out.push_str(&block);
            }
            out
        }
    })
}

/// The first of `earlier` that would win over what `entry` sets.
fn overriding(earlier: &[Setting], entry: &HostEntry) -> Option<Override> {
    let port = entry.port.unwrap_or(22).to_string();
    let wanted = |keyword: &str| -> Option<&str> {
        match keyword {
            "hostname" => Some(&entry.hostname),
            "user" => entry.user.as_deref(),
            "port" => Some(&port),
            "identitiesonly" => Some("yes"),
            _ => None,
        }
    };
    earlier.iter().find_map(|setting| {
        let want = wanted(&setting.keyword)?;
        let same = if setting.keyword == "hostname" || setting.keyword == "identitiesonly" {
            setting.value.eq_ignore_ascii_case(want)
        } else {
            setting.value == want
        };
        (!same || setting.certainty == Applies::Maybe).then(|| Override {
            setting: setting.clone(),
            wanted: want.to_owned(),
        })
    })
}

/// A line ssh reads first that sets an option to another value than the
/// one wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub setting: Setting,
    pub wanted: String,
}

/// `text` without the `Host` blocks of `alias`: each `Host` line through its
/// last option, and the blank lines after it. Comment lines after the last
/// option stay (they usually introduce the next block). An alias named on
/// a `Host` line with other patterns is refused, with every such line.
pub fn remove(text: &str, alias: &str) -> Result<String, EditError> {
    let all = blocks(text);
    let named: Vec<&Block> = all
        .iter()
        .filter(|b| !b.is_match && b.patterns.iter().any(|p| p == alias))
        .collect();
    if named.is_empty() {
        return Err(EditError::NotFound);
    }
    let shared: Vec<usize> = named
        .iter()
        .filter(|b| b.patterns.len() > 1)
        .map(|b| b.line)
        .collect();
    if !shared.is_empty() {
        return Err(EditError::Shared { lines: shared });
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut kept = vec![true; lines.len()];
    for block in named {
        let start = block.line - 1;
        let next = all
            .iter()
            .map(|b| b.line - 1)
            .find(|&l| l > start)
            .unwrap_or(lines.len());
        let mut end = start + 1;
        for (i, line) in lines.iter().enumerate().take(next).skip(start + 1) {
            if keyword_line(line).is_some() {
                end = i + 1;
            }
        }
        while end < next && lines[end].trim().is_empty() {
            end += 1;
        }
        kept[start..end].fill(false);
    }
    let mut out: String = lines
        .iter()
        .zip(&kept)
        .filter(|(_, keep)| **keep)
        .map(|(line, _)| *line)
        .collect();
    // A block that ended the file without a line end leaves the file
    // without one, as it was before the block was added.
    if kept.last() == Some(&false) && !text.ends_with('\n') {
        let trimmed = out.trim_end_matches('\n').trim_end_matches('\r').len();
        if out.len() - trimmed <= 2 {
            out.truncate(trimmed);
        }
    }
    Ok(out)
}

/// Whether a block applies to a host name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    Yes,
    No,
    /// A `Match` block: its criteria (user, exec, canonical, …) are known
    /// only when ssh runs.
    Maybe,
}

/// Whether `block` applies to `alias` as ssh matches `Host` lines: one
/// pattern matching it (`*` and `?` wildcards, ASCII case ignored) and no
/// negated pattern (`!…`) matching it.
pub fn applies(block: &Block, alias: &str) -> Applies {
    if block.is_match {
        return Applies::Maybe;
    }
    host_patterns_apply(&block.patterns, alias)
}

fn host_patterns_apply(patterns: &[String], alias: &str) -> Applies {
    let mut matched = false;
    for pattern in patterns {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, pattern.as_str()),
        };
        if crate::known_hosts::wildcard_match(pattern, alias, true) {
            if negated {
                return Applies::No;
            }
            matched = true;
        }
    }
    if matched { Applies::Yes } else { Applies::No }
}

/// Where an option was set: a file and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub file: std::path::PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// One option ssh obtains for a host, in the order it reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// Lower case.
    pub keyword: String,
    /// The first argument, unquoted.
    pub value: String,
    pub source: Source,
    /// `Maybe` when a `Match` block sets it.
    pub certainty: Applies,
}

/// What ssh reads for one alias: every option that applies, in order
/// (ssh keeps the first value of each; every `IdentityFile`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub settings: Vec<Setting>,
    /// Options before the first `Host` or `Match` line of the main file,
    /// with what the files included there set.
    pub global: Vec<Setting>,
}

impl Evaluation {
    /// The value ssh takes for `keyword`: the first setting of it.
    pub fn first(&self, keyword: &str) -> Option<&Setting> {
        self.settings.iter().find(|s| s.keyword == keyword)
    }
}

/// How deep `Include` may nest, as ssh's `READCONF_MAX_DEPTH`.
const MAX_INCLUDE_DEPTH: usize = 16;

/// Evaluates the config `text` (at `file`) for `alias` as ssh does, with
/// `include` giving the files an `Include` argument names (path and
/// text, in the order ssh reads them).
pub fn evaluate(
    file: &std::path::Path,
    text: &str,
    alias: &str,
    include: &mut dyn FnMut(&str) -> Vec<(std::path::PathBuf, String)>,
) -> Evaluation {
    let mut evaluation = Evaluation::default();
    let mut walk = Walk {
        alias,
        include,
        out: &mut evaluation,
    };
    walk.file(file, text, Applies::Yes, 0, None);
    evaluation
}

struct Walk<'a> {
    alias: &'a str,
    include: &'a mut dyn FnMut(&str) -> Vec<(std::path::PathBuf, String)>,
    out: &'a mut Evaluation,
}

impl Walk<'_> {
    /// One file, read with `outer` as whether its enclosing block applies.
    /// `global` is `Some(true)` for a file included before the main file's
    /// first block (all it sets is read before any block), `None` for the
    /// main file itself.
    fn file(
        &mut self,
        file: &std::path::Path,
        text: &str,
        outer: Applies,
        depth: usize,
        global: Option<bool>,
    ) {
        let mut active = outer;
        let mut before_blocks = global.unwrap_or(true);
        let included = global.is_some();
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let Some((keyword, rest)) = keyword_line(line) else {
                continue;
            };
            let args = arguments(&rest).unwrap_or_default();
            match keyword.as_str() {
                "host" => {
                    before_blocks &= included;
                    active = host_patterns_apply(&args, self.alias);
                }
                "match" => {
                    before_blocks &= included;
                    active = if args.first().is_some_and(|a| a.eq_ignore_ascii_case("all")) {
                        Applies::Yes
                    } else {
                        Applies::Maybe
                    };
                }
                "include" if active != Applies::No && depth < MAX_INCLUDE_DEPTH => {
                    for pattern in &args {
                        for (path, text) in (self.include)(pattern) {
                            self.file(&path, &text, active, depth + 1, Some(before_blocks));
                        }
                    }
                }
                _ if active != Applies::No => {
                    let setting = Setting {
                        keyword,
                        value: args.into_iter().next().unwrap_or_default(),
                        source: Source {
                            file: file.to_path_buf(),
                            line: number + 1,
                        },
                        certainty: active,
                    };
                    if before_blocks {
                        self.out.global.push(setting.clone());
                    }
                    self.out.settings.push(setting);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(alias: &str) -> HostEntry {
        HostEntry {
            alias: alias.to_owned(),
            hostname: "bitbucket.org".to_owned(),
            user: Some("git".to_owned()),
            port: None,
            identity: "~/.ssh/deploy key".to_owned(),
        }
    }

    const REAL: &str = "# My config\r\nInclude ~/.ssh/config.d/*\r\n\r\nHost work\r\n\tHostName=10.0.0.1\r\n\tUser me # not a comment for ssh\r\n\r\n# defaults for all\r\nHost *\r\n    ServerAliveInterval 60\r\n\r\nMatch host *.corp\r\n    User corp\r\n";

    #[test]
    fn blocks_read_keywords_any_case_and_equals() {
        let all = blocks(REAL);
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].patterns, ["work"]);
        assert_eq!(all[0].value("hostname"), Some("10.0.0.1"));
        assert_eq!(all[0].line, 4);
        assert!(all[2].is_match);
    }

    #[test]
    fn add_goes_before_host_star_in_crlf_and_remove_gives_the_bytes_back() {
        let added = add(REAL, &entry("repo"), false, &[]).unwrap();
        assert_eq!(
            added,
            "# My config\r\nInclude ~/.ssh/config.d/*\r\n\r\nHost work\r\n\tHostName=10.0.0.1\r\n\
             \tUser me # not a comment for ssh\r\n\r\nHost repo\r\n    HostName bitbucket.org\r\n\
             \x20   User git\r\n    IdentityFile \"~/.ssh/deploy key\"\r\n    IdentitiesOnly yes\r\n\
             \r\n# defaults for all\r\nHost *\r\n    ServerAliveInterval 60\r\n\r\nMatch host *.corp\r\n\
             \x20   User corp\r\n"
        );
        let repo = find(&blocks(&added), "repo").cloned().unwrap();
        assert_eq!(
            repo.identity_files().collect::<Vec<_>>(),
            ["~/.ssh/deploy key"]
        );
        assert_eq!(
            add(&added, &entry("repo"), false, &[]),
            Err(EditError::Exists { line: 8 })
        );
        assert_eq!(remove(&added, "repo").unwrap(), REAL);
        assert_eq!(remove(REAL, "repo"), Err(EditError::NotFound));
    }

    #[test]
    fn add_to_an_empty_or_plain_file_appends() {
        let first = add("", &entry("a"), false, &[]).unwrap();
        assert!(first.starts_with("Host a\n    HostName bitbucket.org\n"));
        let second = add(&first, &entry("b"), false, &[]).unwrap();
        assert!(second.starts_with(&format!("{first}Host b\n")));
        assert_eq!(remove(&second, "b").unwrap(), first);
        // A file without a final line end gets its bytes back too.
        assert_eq!(
            remove(&add("x", &entry("c"), false, &[]).unwrap(), "c").unwrap(),
            "x"
        );
        assert_eq!(
            remove(&add("x\r\n", &entry("c"), false, &[]).unwrap(), "c").unwrap(),
            "x\r\n"
        );
        assert_eq!(
            remove("Host a b\n  User x\nHost c\nHost a\n", "a"),
            Err(EditError::Shared { lines: vec![1] })
        );
        // --force replaces the block in place of the old one.
        let replaced = add(
            &first,
            &HostEntry {
                port: Some(2222),
                ..entry("a")
            },
            true,
            &[],
        )
        .unwrap();
        assert!(replaced.contains("    Port 2222\n"));
        assert_eq!(blocks(&replaced).len(), 1);
    }

    #[test]
    fn every_value_is_read_back_by_ssh_rules_as_written() {
        for value in [
            "plain",
            "with space",
            "tab\there",
            "it's",
            "#hash",
            "=eq",
            r"C:\Users\me\.ssh\key",
            r"back\\slashes",
            r"ends\",
            r"quote\'s",
            "a#b",
            "ünï",
        ] {
            let written = quoted(value);
            assert_eq!(
                arguments(&format!("IdentityFile {written}")).unwrap(),
                ["IdentityFile", value],
                "{value:?} written as {written}"
            );
        }
        assert_eq!(arguments("a \"b c"), None);
        assert_eq!(arguments("a #b").unwrap(), ["a"]);
    }

    #[test]
    fn values_that_would_change_the_file_are_refused() {
        let with = |f: &dyn Fn(&mut HostEntry)| {
            let mut e = entry("gh");
            f(&mut e);
            e.check().map_err(|b| b.problem)
        };
        assert_eq!(
            with(&|e| e.alias = "gh\nProxyCommand=touch /tmp/x".into()),
            Err(Problem::Control('\n'))
        );
        assert_eq!(
            with(&|e| e.alias = "a b".into()),
            Err(Problem::NotAnAlias(' '))
        );
        assert_eq!(
            with(&|e| e.alias = "-oProxy".into()),
            Err(Problem::NotAnAlias('-'))
        );
        assert_eq!(
            with(&|e| e.hostname = "h\nProxyCommand x".into()),
            Err(Problem::Control('\n'))
        );
        assert_eq!(
            with(&|e| e.hostname = "h ProxyCommand".into()),
            Err(Problem::NotAHost)
        );
        assert_eq!(with(&|e| e.hostname = "::1".into()), Ok(()));
        assert_eq!(
            with(&|e| e.user = Some("git\"x".into())),
            Err(Problem::Character('"'))
        );
        assert_eq!(
            with(&|e| e.user = Some("a\u{7f}".into())),
            Err(Problem::Control('\u{7f}'))
        );
        assert_eq!(
            with(&|e| e.identity = "~/.ssh/${HOME}".into()),
            Err(Problem::Environment)
        );
        let mut percent = entry("gh");
        percent.identity = "/keys/100%z key".into();
        let text = add("", &percent, false, &[]).unwrap();
        assert!(
            text.contains("    IdentityFile \"/keys/100%%z key\"\n"),
            "{text}"
        );
        let block = find(&blocks(&text), "gh").cloned().unwrap();
        assert_eq!(
            untokened(block.identity_files().next().unwrap()),
            "/keys/100%z key"
        );
    }

    fn evaluated(text: &str, alias: &str) -> Evaluation {
        evaluate(std::path::Path::new("config"), text, alias, &mut |_| {
            vec![(
                "included".into(),
                "User from-include\nHost other\n  Port 1\n".to_owned(),
            )]
        })
    }

    #[test]
    fn the_block_goes_before_every_block_that_applies() {
        let text = "Host *.example.com !bad.example.com\n  User early\nHost x\n  User y\n";
        let added = add(text, &entry("foo.example.com"), false, &[]).unwrap();
        assert!(added.starts_with("Host foo.example.com\n"), "{added}");
        let evaluation = evaluated(&added, "foo.example.com");
        assert_eq!(evaluation.first("user").unwrap().value, "git");
        // A negated pattern keeps the block from applying.
        let bad = add(text, &entry("bad.example.com"), false, &[]).unwrap();
        assert!(bad.ends_with("Host bad.example.com\n    HostName bitbucket.org\n    User git\n    IdentityFile \"~/.ssh/deploy key\"\n    IdentitiesOnly yes\n"), "{bad}");
        // Before a Match, which may apply.
        let matched = add("Match user x\n  User m\n", &entry("a"), false, &[]).unwrap();
        assert!(matched.starts_with("Host a\n"));
    }

    #[test]
    fn options_read_before_any_block_are_found_with_their_includes() {
        let text = "Include conf.d/*\nUser everyone\nHost a\n  User mine\n";
        let evaluation = evaluated(text, "a");
        let users: Vec<_> = evaluation
            .settings
            .iter()
            .filter(|s| s.keyword == "user")
            .map(|s| (s.value.as_str(), s.source.to_string()))
            .collect();
        assert_eq!(
            users,
            [
                ("from-include", "included:1".to_owned()),
                ("everyone", "config:2".to_owned()),
                ("mine", "config:4".to_owned())
            ]
        );
        assert_eq!(evaluation.global.len(), 2);
        let refused = add(text, &entry("b"), false, &evaluation.global);
        let Err(EditError::Overridden(o)) = refused else {
            panic!("{refused:?}");
        };
        assert_eq!(o.setting.value, "from-include");
        assert_eq!(o.wanted, "git");
        assert_eq!(
            add("\u{feff}Host a\n", &entry("b"), false, &[]),
            Err(EditError::ByteOrderMark)
        );
    }

    #[test]
    fn remove_takes_every_block_of_the_alias() {
        let text = "Host a\n  User 1\n\nHost b\n  User 2\nHost a\n  User 3\n";
        assert_eq!(remove(text, "a").unwrap(), "Host b\n  User 2\n");
    }
}
