//! The `sshgen` binary: everything lives in the library so tests reach it too.

use std::process::ExitCode;

fn main() -> ExitCode {
    sshgen::run(std::env::args_os())
}
