//! `sshgen known-hosts find|remove|hash|add`: the user's known_hosts file,
//! `find`, `remove` and `hash` printing and writing what `ssh-keygen -F`,
//! `-R` and `-H` do; `add` records a host's key, the published keys of the
//! code hosts in [`crate::services`] by name, and refuses a key that
//! differs from the one recorded. The text work is in [`crate::known_hosts`].

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::known_hosts;
use crate::ops::host_alias;
use crate::ops::host_key::{self, AddRequest};
use crate::output::{Output, Ui};
use crate::platform::Access;
use crate::prompt::Prompter;
use crate::store::{self, Edited};

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub action: Action,
    /// The file; `None` is `~/.ssh/known_hosts`.
    pub file: Option<PathBuf>,
    /// Look a host up in the user's ssh config first, as ssh does
    /// (sshgen's own commands; ssh-keygen's -F and -R take names as given).
    pub resolve_aliases: bool,
}

#[derive(Clone, Debug)]
pub enum Action {
    /// With `hashed`, the found lines are printed with their names hashed
    /// (ssh-keygen's `-H` with `-F`).
    Find {
        host: String,
        port: u16,
        hashed: bool,
    },
    Remove {
        host: String,
        port: u16,
    },
    Hash,
    Add(AddRequest),
}

/// With [`Output::Quiet`] (ssh-keygen's `-q`) the `# Host … found` lines
/// are left out.
pub fn run(
    options: &Options,
    ui: &Ui,
    prompter: &mut dyn Prompter,
    stdout: &mut impl Write,
) -> Result<()> {
    let file = match &options.file {
        Some(file) => file.clone(),
        None => host_key::default_file()?,
    };
    match &options.action {
        Action::Find { host, port, hashed } => {
            find(options, ui, &file, host, *port, *hashed, stdout)
        }
        Action::Remove { host, port } => remove(options, ui, &file, host, *port, stdout),
        Action::Hash => hash(ui, &file, stdout),
        Action::Add(request) => add(options, ui, &file, request, prompter),
    }
}

/// `find`: the lines that name the host (`-F`), hashed with `hashed`.
fn find(
    options: &Options,
    ui: &Ui,
    file: &Path,
    host: &str,
    port: u16,
    hashed: bool,
    stdout: &mut impl Write,
) -> Result<()> {
    let (host, port) = resolve(options, host, port)?;
    let name = known_hosts::lookup_name(&host, port);
    let found = find_in_file(file, &name)?;
    let mut salts = Salts::default();
    let printed = found.iter().try_for_each(|f| {
        if ui.output != Output::Quiet {
            writeln!(stdout, "{}", known_hosts::found_header(&name, f))?;
        }
        let line = hashed
            .then(|| known_hosts::hashed_lines(&f.text, &mut || salts.next()))
            .flatten();
        match line {
            Some(lines) => writeln!(stdout, "{lines}"),
            None => writeln!(stdout, "{}", f.text),
        }
    });
    salts.check()?;
    crate::output::flushed(printed, stdout)?;
    if found.is_empty() {
        return Err(Error::AlreadyReported);
    }
    Ok(())
}

/// `remove`: the host's lines taken out (`-R`), the old text kept aside.
fn remove(
    options: &Options,
    ui: &Ui,
    file: &Path,
    host: &str,
    port: u16,
    stdout: &mut impl Write,
) -> Result<()> {
    let (host, port) = resolve(options, host, port)?;
    let name = known_hosts::lookup_name(&host, port);
    let mut removed = Vec::new();
    let mut invalid = Vec::new();
    let edited = store::edit_text_file(file, Access::WorldReadable, true, |text| {
        let removal = known_hosts::remove(text, &name);
        (removed, invalid) = (removal.removed, removal.invalid);
        Ok::<_, Error>((!removed.is_empty() && invalid.is_empty()).then_some(removal.kept))
    })?;
    let mut printed: std::io::Result<()> = removed
        .iter()
        .filter(|_| ui.output != Output::Quiet)
        .try_for_each(|line| writeln!(stdout, "# Host {name} found: line {line}"));
    if !invalid.is_empty() {
        crate::output::flushed(printed, stdout)?;
        return refuse_invalid(ui, file, &invalid);
    }
    if removed.is_empty() {
        ui.log(format!("Host {name} not found in {}", file.display()));
        return Ok(());
    }
    if let Edited::Written { backup } = edited {
        printed = printed.and_then(|()| updated(stdout, file, backup.as_deref()));
    }
    crate::output::flushed(printed, stdout)
}

/// `hash`: every host name hashed (`-H`), the old text kept aside.
fn hash(ui: &Ui, file: &Path, stdout: &mut impl Write) -> Result<()> {
    let mut wildcards = Vec::new();
    let mut invalid = Vec::new();
    let edited = store::edit_text_file(file, Access::WorldReadable, true, |text| {
        invalid = known_hosts::invalid_lines(text);
        if !invalid.is_empty() {
            return Ok(None);
        }
        let mut salts = Salts::default();
        let hashed = known_hosts::hash(text, &mut || salts.next());
        salts.check()?;
        wildcards = hashed.wildcards;
        Ok::<_, Error>(hashed.changed.then_some(hashed.text))
    })?;
    if !invalid.is_empty() {
        return refuse_invalid(ui, file, &invalid);
    }
    for (line, hosts) in &wildcards {
        ui.log(format!(
            "{}:{line}: ignoring host name with wildcard: {hosts}",
            file.display()
        ));
    }
    let Edited::Written { backup } = edited else {
        return Ok(());
    };
    let printed = updated(stdout, file, backup.as_deref());
    crate::output::flushed(printed, stdout)?;
    if let Some(backup) = backup {
        ui.log(format!(
            "WARNING: {} contains unhashed entries",
            backup.display()
        ));
        ui.log("Delete this file to ensure privacy of hostnames");
    }
    Ok(())
}

/// `add`: the key(s) recorded, each said on stderr.
fn add(
    options: &Options,
    ui: &Ui,
    file: &Path,
    request: &AddRequest,
    prompter: &mut dyn Prompter,
) -> Result<()> {
    let request =
        match request.authority.is_none() && (request.key.is_some() || request.scan.is_some()) {
            true => {
                let (host, port) = resolve(options, &request.host, request.port)?;
                AddRequest {
                    host,
                    port,
                    ..request.clone()
                }
            }
            false => request.clone(),
        };
    let added = match &request.scan {
        Some(scan) => {
            let keys = host_key::scan(&request, scan, prompter)?;
            let name = known_hosts::lookup_name(&request.host, request.port);
            for key in &keys {
                ui.notice(format!("{name} shows its {}", host_key::describe(key)));
            }
            host_key::confirm(&request, scan, &keys, prompter)?;
            host_key::record(file, &request, &keys, known_hosts::Marker::None)?
        }
        None => host_key::add(file, &request)?,
    };
    for line in added {
        ui.notice(line);
    }
    if let Some(note) = host_alias::foreign_home_note(file) {
        ui.notice(note);
    }
    Ok(())
}

/// Salts for hashed names from the system's generator, remembering whether
/// it failed (hashing then stops with an error, never with weak salts).
#[derive(Default)]
struct Salts {
    failed: bool,
}

impl Salts {
    fn next(&mut self) -> [u8; known_hosts::SALT_LEN] {
        let mut salt = [0u8; known_hosts::SALT_LEN];
        self.failed |= getrandom::fill(&mut salt).is_err();
        salt
    }

    fn check(self) -> Result<()> {
        if self.failed {
            return Err(Error::key(
                "cannot hash host names: the system's random number generator failed",
                ssh_key::Error::RngFailure,
            ));
        }
        Ok(())
    }
}

/// What ssh-keygen says of a file with lines it cannot read, which it does
/// not rewrite.
fn refuse_invalid(ui: &Ui, file: &Path, lines: &[usize]) -> Result<()> {
    for line in lines {
        ui.log(format!("{}:{line}: invalid line", file.display()));
    }
    ui.log(format!(
        "{} is not a valid known_hosts file.",
        file.display()
    ));
    ui.log("Not replacing existing known_hosts file because of errors");
    Err(Error::AlreadyReported)
}

/// `FILE updated.` and where the old text is, as ssh-keygen says it.
fn updated(stdout: &mut impl Write, file: &Path, backup: Option<&Path>) -> std::io::Result<()> {
    writeln!(stdout, "{} updated.", file.display())?;
    if let Some(backup) = backup {
        writeln!(stdout, "Original contents retained as {}", backup.display())?;
    }
    Ok(())
}

/// Every line of `file` that names `name`, read a piece at a time (so a
/// large file is never held whole); none when the file does not exist.
fn find_in_file(file: &Path, name: &str) -> Result<Vec<known_hosts::Found>> {
    if std::fs::symlink_metadata(file).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(Vec::new());
    }
    // Only a regular file, opened without blocking: a FIFO put in its
    // place is refused, not waited on.
    let handle = crate::input::open_regular(file)?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, handle);
    let mut found = Vec::new();
    crate::input::for_each_line(&mut reader, file, |number, line| {
        // A line too long to hold names no host ssh would look up.
        let Some(line) = line else {
            return Ok(());
        };
        let text = std::str::from_utf8(line).map_err(|_| Error::KeyFile {
            path: file.to_path_buf(),
            problem: format!("line {number} is not UTF-8 text"),
        })?;
        found.extend(known_hosts::found(number, text, name));
        Ok(())
    })?;
    Ok(found)
}

/// `host` and `port` as ssh looks them up in the user's ssh config
/// ([`host_alias::resolve`]), only for sshgen's own commands on the user's
/// own known_hosts (`-f FILE` names another file, whose hosts need not be
/// the config's; ssh-keygen's -F and -R take names as given).
fn resolve(options: &Options, host: &str, port: u16) -> Result<(String, u16)> {
    if !options.resolve_aliases || options.file.is_some() {
        return Ok((host.to_owned(), port));
    }
    host_alias::resolve(host, port)
}
