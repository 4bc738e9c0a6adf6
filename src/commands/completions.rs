//! `sshgen completions SHELL`: print a shell completion script.

use std::io::Write;

use crate::cli::CompletionsArgs;
use crate::docs;
use crate::error::Result;

pub fn run(args: &CompletionsArgs, stdout: &mut impl Write) -> Result<()> {
    // Rendered in memory first: clap_complete panics when its writer fails,
    // and `sshgen completions bash | head` must not panic.
    let script = docs::completion_script(args.shell);
    stdout
        .write_all(&script)
        .and_then(|()| stdout.flush())
        .map_err(crate::commands::stdout_error)
}
