//! What `doctor` looks at, gathered in one place: modes, owners and access
//! lists, the key pairs ([`key_scan`]), the ssh config and how ssh
//! evaluates it for each alias, what `ssh -G HOST` would offer, the
//! known_hosts entries, the agent, and which ssh git runs (the environment
//! it reads, `SSH_AUTH_SOCK` and `GIT_SSH_COMMAND`, is read here). Nothing
//! here judges: [`super::rules`] does, from these values alone.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fingerprint::FingerprintHash;
use crate::keys;
use crate::ops::{host_alias, key_scan};
use crate::platform::{self, AgentService, ForeignHome};
use crate::ssh_config::{self, Evaluation};
use crate::store;

/// Everything `doctor` judges.
#[derive(Debug)]
pub struct Facts {
    /// `~/.ssh`.
    pub dir: PathBuf,
    /// sshgen's home, when it is not the one ssh and git read.
    pub foreign_home: Option<ForeignHome>,
    pub folder: Folder,
    /// The private keys in the folder, with who else may open each.
    pub keys: Vec<Key>,
    /// `None` when there is no folder.
    pub config: Option<Config>,
    /// With HOST: the way ssh would go there.
    pub route: Option<Route>,
    pub agent: Agent,
    pub git: Git,
}

/// `~/.ssh` itself.
#[derive(Debug, PartialEq, Eq)]
pub enum Folder {
    Missing,
    /// Unix: its permission bits.
    #[cfg_attr(not(unix), allow(dead_code))]
    Mode(u32),
    /// Windows: who else its access list lets in, or why it cannot be read.
    #[cfg_attr(unix, allow(dead_code))]
    Exposure(std::result::Result<Option<String>, String>),
}

/// A private key and what is known of it.
#[derive(Debug)]
pub struct Key {
    pub row: key_scan::KeyRow,
    pub private: PathBuf,
    /// Who else may open it (a mode, or the accounts an access list names).
    pub exposure: Option<String>,
    /// The `Host` alias of the access key sshgen made with this file
    /// (`access-key`, which makes them without a passphrase on purpose).
    pub access_key: Option<String>,
}

/// The user's ssh config.
#[derive(Debug)]
pub enum Config {
    Missing {
        path: PathBuf,
    },
    Unreadable {
        path: PathBuf,
        why: String,
    },
    Read {
        path: PathBuf,
        text: String,
        /// Unix: its permission bits.
        mode: Option<u32>,
        /// Each `IdentityFile` that names a path (no `%` token): its block's
        /// line, the value, and whether the file exists.
        identity_files: Vec<(usize, String, bool)>,
        /// Each block of one plain alias: its index among the blocks, and
        /// the whole file evaluated for that alias, as ssh does.
        evaluations: Vec<(usize, Evaluation)>,
    },
}

/// With HOST: what `ssh -G` says and what known_hosts records.
#[derive(Debug)]
pub struct Route {
    pub host: String,
    /// `None` when ssh could not be run.
    pub offered: Option<Offered>,
    pub known_hosts: KnownHosts,
}

/// What `ssh -G HOST` would do.
#[derive(Debug, PartialEq, Eq)]
pub struct Offered {
    /// The host name and port it resolves HOST to.
    pub resolved: Option<(String, u16)>,
    /// The IdentityFiles it would try that exist.
    pub keys: Vec<PathBuf>,
}

/// The known_hosts file, for the host ssh resolves HOST to.
#[derive(Debug, PartialEq, Eq)]
pub struct KnownHosts {
    pub file: PathBuf,
    pub host: String,
    pub port: u16,
    /// Its text, or why it cannot be read.
    pub text: std::result::Result<String, String>,
}

/// The ssh-agent.
#[derive(Debug, PartialEq, Eq)]
pub enum Agent {
    /// Unix: `SSH_AUTH_SOCK` is not set.
    NoSocket,
    /// It cannot be reached: why, and (Windows, without `SSH_AUTH_SOCK`) the
    /// state of its service.
    Unreachable {
        why: String,
        service: Option<AgentService>,
    },
    /// It did not list its keys.
    Unlisted,
    /// The keys it holds: fingerprint and comment.
    Holds(Vec<String>),
}

/// Which ssh git runs.
#[derive(Debug, PartialEq, Eq)]
pub enum Git {
    /// `GIT_SSH_COMMAND`.
    Environment(String),
    /// `core.sshCommand`.
    Configured(String),
    /// Neither: the ssh on PATH (on Windows, Git's bundled one).
    Default,
    /// No git here.
    Absent,
}

/// Looks at everything; `host` adds the route to it.
pub fn gather(host: Option<&str>) -> Result<Facts> {
    let dir = platform::ssh_dir()?;
    let is_dir = dir.is_dir();
    let keys = if is_dir { keys(&dir)? } else { Vec::new() };
    let config = is_dir.then(|| config(&dir.join("config")));
    let route = host.map(|host| route(&dir, host));
    Ok(Facts {
        foreign_home: ForeignHome::detect(),
        folder: folder(&dir),
        keys,
        config,
        route,
        agent: agent(),
        git: git(),
        dir,
    })
}

fn folder(dir: &Path) -> Folder {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Folder::Missing;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Folder::Mode(meta.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Folder::Exposure(platform::private_key_exposure(dir).map_err(|e| e.to_string()))
    }
}

fn keys(dir: &Path) -> Result<Vec<Key>> {
    // A record that cannot be read only costs the access keys their note.
    let records = crate::ops::access_key_records::default_file()
        .and_then(|file| crate::ops::access_key_records::read(&file))
        .unwrap_or_default();
    Ok(key_scan::scan(dir)?
        .into_iter()
        .filter_map(|row| {
            let private = row.private.clone()?;
            let exposure = platform::private_key_exposure(&private).ok().flatten();
            let access_key = records
                .iter()
                .find(|record| record.key_file == private)
                .map(|record| record.alias.clone());
            Some(Key {
                row,
                private,
                exposure,
                access_key,
            })
        })
        .collect())
}

fn config(path: &Path) -> Config {
    // Read as every config command reads it (regular file, 16 MiB).
    let text = match host_alias::read(path) {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Config::Missing {
                path: path.to_path_buf(),
            };
        }
        Err(e) => {
            return Config::Unreadable {
                path: path.to_path_buf(),
                why: e.to_string(),
            };
        }
    };
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    };
    #[cfg(not(unix))]
    let mode = None;
    let blocks = ssh_config::blocks(&text);
    let identity_files = blocks
        .iter()
        .flat_map(|block| block.identity_files().map(|f| (block.line, f)))
        .map(|(line, file)| (line, file.trim_matches('"')))
        // Tokens such as %d or %h are ssh's to expand.
        .filter(|(_, file)| !file.contains('%'))
        .map(|(line, file)| {
            let path =
                platform::expand_tilde(Path::new(file)).unwrap_or_else(|_| PathBuf::from(file));
            (line, file.to_owned(), path.exists())
        })
        .collect();
    let evaluations = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.plain_alias().is_some())
        .map(|(index, block)| {
            let alias = &block.patterns[0];
            let evaluation = ssh_config::evaluate(path, &text, alias, &mut host_alias::included);
            (index, evaluation)
        })
        .collect();
    Config::Read {
        path: path.to_path_buf(),
        text,
        mode,
        identity_files,
        evaluations,
    }
}

fn route(dir: &Path, host: &str) -> Route {
    let config = dir.join("config");
    let offered = offered(host, config.exists().then_some(config.as_path()));
    // An alias is looked up by the host name and port ssh resolves.
    let (name, port) = offered
        .as_ref()
        .and_then(|o| o.resolved.clone())
        .unwrap_or_else(|| (host.to_owned(), 22));
    let file = dir.join("known_hosts");
    let text = store::read_text_file(&file)
        .map(Option::unwrap_or_default)
        .map_err(|e| e.to_string());
    Route {
        host: host.to_owned(),
        offered,
        known_hosts: KnownHosts {
            file,
            host: name,
            port,
            text,
        },
    }
}

/// What `ssh -G HOST` says, with `config` as its configuration; `None`
/// when ssh cannot be run.
fn offered(host: &str, config: Option<&Path>) -> Option<Offered> {
    let mut command = std::process::Command::new("ssh");
    if let Some(config) = config {
        command.arg("-F").arg(config);
    }
    let output = command
        .args(["-G", host])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&output.stdout);
    let value = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .map(str::to_owned)
    };
    let resolved = value("hostname").map(|name| {
        let port = value("port").and_then(|p| p.parse().ok()).unwrap_or(22);
        (name, port)
    });
    let keys = text
        .lines()
        .filter_map(|l| l.strip_prefix("identityfile "))
        .filter_map(|f| platform::expand_tilde(Path::new(f)).ok())
        .filter(|p| p.exists())
        .collect();
    Some(Offered { resolved, keys })
}

fn agent() -> Agent {
    let no_socket = std::env::var_os("SSH_AUTH_SOCK").is_none_or(|s| s.is_empty());
    if cfg!(unix) && no_socket {
        return Agent::NoSocket;
    }
    let mut agent = match crate::agent::socket::Agent::connect() {
        Ok(agent) => agent,
        Err(e) => {
            #[cfg(windows)]
            let service = no_socket
                .then(platform::windows_service::agent_service)
                .and_then(|s| s.ok());
            #[cfg(not(windows))]
            let service = None;
            return Agent::Unreachable {
                why: e.to_string(),
                service,
            };
        }
    };
    let listed = agent
        .call(&crate::agent::request_identities())
        .ok()
        .and_then(|reply| crate::agent::identities(&reply).ok());
    let Some(identities) = listed else {
        return Agent::Unlisted;
    };
    Agent::Holds(
        identities
            .iter()
            .map(|id| match &id.entry {
                Some(entry) => keys::fingerprint(&entry.key, FingerprintHash::Sha256)
                    .map(|fp| format!("{fp} ({})", id.comment))
                    .unwrap_or_else(|_| id.comment.clone()),
                None => id.comment.clone(),
            })
            .collect(),
    )
}

fn git() -> Git {
    if let Some(command) = std::env::var_os("GIT_SSH_COMMAND").filter(|c| !c.is_empty()) {
        return Git::Environment(command.to_string_lossy().into_owned());
    }
    let configured = std::process::Command::new("git")
        .args(["config", "--get", "core.sshCommand"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    let Ok(output) = configured else {
        return Git::Absent;
    };
    let value = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if value.is_empty() {
        Git::Default
    } else {
        Git::Configured(value)
    }
}
