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

/// Arguments split as ssh splits them: on blanks, with `"…"` quoting.
fn arguments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' | '\t' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(current);
    }
    out
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
                patterns: arguments(&value),
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
                    let value = arguments(&value).into_iter().next().unwrap_or_default();
                    block.options.push((keyword, value));
                }
            }
        }
    }
    out
}

/// Options set before the first `Host` or `Match` line, which apply to
/// every host and which no block can override: (line, keyword).
pub fn global_options(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in text.split_inclusive('\n').enumerate() {
        match keyword_line(line) {
            Some((keyword, _)) if keyword == "host" || keyword == "match" => break,
            Some((keyword, _)) if keyword != "include" => out.push((number + 1, keyword)),
            _ => {}
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

/// What a new `Host` block says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostEntry {
    pub alias: String,
    pub hostname: String,
    pub user: Option<String>,
    pub port: Option<u16>,
    /// As ssh should read it: `~/.ssh/NAME` or an absolute path.
    pub identity: String,
}

/// Why a block could not be added or removed.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// A `Host` line names the alias already (at this line).
    Exists { line: usize },
    /// No `Host` line names the alias.
    NotFound,
    /// The alias shares its `Host` line with other patterns (at this
    /// line): removing the block would remove them too.
    Shared { line: usize },
}

/// A value as ssh reads it back: quoted when it holds a blank.
fn quoted(value: &str) -> String {
    if value.contains([' ', '\t']) {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

/// `text` with a block for `entry`, placed before the first `Host *` or
/// `Match` (else at the end), in the file's line ends. An alias that has a
/// block already is refused unless `replace`, which removes that block
/// first.
pub fn add(text: &str, entry: &HostEntry, replace: bool) -> Result<String, EditError> {
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
    let mut block = format!("Host {}{eol}", quoted(&entry.alias));
    block.push_str(&format!("    HostName {}{eol}", entry.hostname));
    if let Some(user) = &entry.user {
        block.push_str(&format!("    User {user}{eol}"));
    }
    if let Some(port) = entry.port {
        block.push_str(&format!("    Port {port}{eol}"));
    }
    block.push_str(&format!(
        "    IdentityFile {}{eol}",
        quoted(&entry.identity)
    ));
    block.push_str(&format!("    IdentitiesOnly yes{eol}"));

    let catch_all = blocks(&text)
        .into_iter()
        .find(|b| b.is_match || b.patterns.iter().any(|p| p == "*"));
    Ok(match catch_all {
        Some(before) => {
            // Before the comment lines that lead into that block, too.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let mut at = before.line - 1;
            while at > 0 && lines[at - 1].trim_start().starts_with('#') {
                at -= 1;
            }
            let head: String = lines[..at].concat();
            let tail: String = lines[at..].concat();
            let mut out = head;
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&block);
            out.push_str(eol);
            out.push_str(&tail);
            out
        }
        // Appended right after the last line, without a blank line between:
        // removing the block then gives the file back byte for byte.
        None => {
            let mut out = text;
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&block);
            out
        }
    })
}

/// `text` without the `Host` block of `alias`: its `Host` line through its
/// last option, and the blank lines after it. Comment lines after the last
/// option stay (they usually introduce the next block).
pub fn remove(text: &str, alias: &str) -> Result<String, EditError> {
    let all = blocks(text);
    let block = find(&all, alias).ok_or(EditError::NotFound)?;
    if block.patterns.len() > 1 {
        return Err(EditError::Shared { line: block.line });
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
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
    Ok([&lines[..start], &lines[end..]].concat().concat())
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
        let added = add(REAL, &entry("repo"), false).unwrap();
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
            add(&added, &entry("repo"), false),
            Err(EditError::Exists { line: 8 })
        );
        assert_eq!(remove(&added, "repo").unwrap(), REAL);
        assert_eq!(remove(REAL, "repo"), Err(EditError::NotFound));
    }

    #[test]
    fn add_to_an_empty_or_plain_file_appends() {
        let first = add("", &entry("a"), false).unwrap();
        assert!(first.starts_with("Host a\n    HostName bitbucket.org\n"));
        let second = add(&first, &entry("b"), false).unwrap();
        assert!(second.starts_with(&format!("{first}Host b\n")));
        assert_eq!(remove(&second, "b").unwrap(), first);
        assert_eq!(
            remove(&add("x", &entry("c"), false).unwrap(), "c").unwrap(),
            "x\n"
        );
        assert_eq!(
            remove("Host a b\n  User x\n", "a"),
            Err(EditError::Shared { line: 1 })
        );
        // --force replaces the block in place of the old one.
        let replaced = add(
            &first,
            &HostEntry {
                port: Some(2222),
                ..entry("a")
            },
            true,
        )
        .unwrap();
        assert!(replaced.contains("    Port 2222\n"));
        assert_eq!(blocks(&replaced).len(), 1);
    }
}
