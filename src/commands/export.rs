//! `sshgen export`: a public key in the formats of other SSH software
//! (RFC4716, PKCS8, PEM), as `ssh-keygen -e` converts it.

use std::io::Write;

use serde_json::json;
use ssh_key::PublicKey;

use crate::convert::{self, Format};
use crate::error::Result;
use crate::input::Input;
use crate::keys;
use crate::platform;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: Input,
    pub format: Format,
    pub json: bool,
}

pub fn run(args: &Options, stdout: &mut impl Write) -> Result<()> {
    // ssh-keygen -e exports the key alone; the comment it writes comes from
    // the user and host, not from the file.
    let key = PublicKey::from(crate::input::one_public_key(&args.file)?.key);
    let format = args.format;
    let comment = convert::rfc4716_comment(key.key_data(), &platform::default_comment());
    let text =
        convert::export(key.key_data(), format, &comment).map_err(|e| e.at(args.file.typed()))?;
    let printed = if args.json {
        let value = json!({
            "path": args.file.typed().to_string_lossy(),
            "format": format.name(),
            "type": keys::type_label(&key.algorithm()),
            "bits": keys::bits(key.key_data()),
            "text": text,
        });
        crate::render::json_line(stdout, &value)
    } else {
        stdout.write_all(text.as_bytes())
    };
    crate::commands::flushed(printed, stdout)
}
