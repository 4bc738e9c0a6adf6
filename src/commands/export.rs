//! `sshgen export`: a public key in the formats of other SSH software
//! (RFC4716, PKCS8, PEM), as `ssh-keygen -e` converts it.

use std::io::Write;

use serde::Serialize;
use ssh_key::PublicKey;

use crate::convert::{self, Format};
use crate::error::Result;
use crate::input::Input;
use crate::keys;
use crate::output::{self, Report, Ui};
use crate::platform;

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: Input,
    pub format: Format,
}

/// The key in the other format.
#[derive(Serialize)]
struct Exported {
    path: String,
    format: &'static str,
    #[serde(rename = "type")]
    type_label: String,
    bits: u32,
    text: String,
}

impl Report for Exported {
    fn write_text(&self, _: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.text.as_bytes())
    }
}

pub fn run(args: &Options, ui: &Ui, stdout: &mut impl Write) -> Result<()> {
    // ssh-keygen -e exports the key alone; the comment it writes comes from
    // the user and host, not from the file.
    let key = PublicKey::from(crate::input::one_public_key(&args.file)?.key);
    let format = args.format;
    let comment = convert::rfc4716_comment(key.key_data(), &platform::default_comment());
    let text =
        convert::export(key.key_data(), format, &comment).map_err(|e| e.at(args.file.typed()))?;
    let report = Exported {
        path: args.file.typed().to_string_lossy().into_owned(),
        format: format.name(),
        type_label: keys::type_label(&key.algorithm()),
        bits: keys::bits(key.key_data()),
        text,
    };
    output::emit(ui, &report, stdout)
}
