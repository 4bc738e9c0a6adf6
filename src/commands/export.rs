//! `sshgen export`: a public key in the formats of other SSH software
//! (RFC4716, PKCS8, PEM), as `ssh-keygen -e` converts it.

use std::io::Write;

use serde_json::json;
use ssh_key::PublicKey;

use crate::cli::ExportArgs;
use crate::convert::{self, Format};
use crate::error::Result;
use crate::keyfile;
use crate::keys;
use crate::platform;

pub fn run(args: &ExportArgs, stdout: &mut impl Write) -> Result<()> {
    let path = platform::expand_tilde(&args.file)?;
    // ssh-keygen -e exports the key alone; the comment it writes comes from
    // the user and host, not from the file.
    let key = PublicKey::from(keyfile::one_public_key(&path)?.key);
    let format = Format::from(args.format);
    let comment = convert::rfc4716_comment(key.key_data(), &platform::default_comment());
    let text = convert::export(key.key_data(), format, &comment).map_err(|e| e.at(&path))?;
    let printed = if args.json {
        let value = json!({
            "path": path.to_string_lossy(),
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
