//! Windows access control as plain bytes: the DACL sshgen gives a private key,
//! parsing of a DACL read back from Windows, and the rule Windows OpenSSH
//! applies before it uses a private key.
//!
//! Pure (bytes in, bytes or verdicts out) and compiled on every platform, so
//! the layout and the rule are unit-tested everywhere, including on machines
//! where Windows is only emulated. Layouts follow the documented `SID`, `ACL`
//! and `ACE_HEADER` structures of the Windows SDK.

use std::fmt;

/// `SID_REVISION`.
const SID_REVISION: u8 = 1;
/// `ACL_REVISION`: enough for the plain allow and deny entries used here.
const ACL_REVISION: u8 = 2;
/// Size of the `ACL` header and of `ACE_HEADER` + `ACCESS_MASK`.
const ACL_HEADER_LEN: usize = 8;
const ACE_FIXED_LEN: usize = 8;

/// `FILE_ALL_ACCESS`, "FA" in SDDL: full control of a file.
pub const FILE_ALL_ACCESS: u32 = 0x001F_01FF;

/// `ACCESS_ALLOWED_ACE_TYPE` and `ACCESS_DENIED_ACE_TYPE`.
pub const ACCESS_ALLOWED: u8 = 0;
pub const ACCESS_DENIED: u8 = 1;
/// `INHERITED_ACE`: the entry came from the parent folder.
pub const INHERITED: u8 = 0x10;
/// `OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE` ("OICI"): files and folders
/// made inside inherit the entry.
pub const INHERITED_INSIDE: u8 = 0x03;

/// LocalSystem, "SY" in SDDL.
pub const LOCAL_SYSTEM: &str = "S-1-5-18";
/// BUILTIN\Administrators, "BA" in SDDL.
pub const ADMINISTRATORS: &str = "S-1-5-32-544";
/// NT SERVICE\TrustedInstaller, which Windows OpenSSH also trusts.
pub const TRUSTED_INSTALLER: &str =
    "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";

/// A security identifier in its binary form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Sid(Vec<u8>);

impl Sid {
    /// Reads the SID at the start of `bytes`; `None` if it is malformed or
    /// truncated. Trailing bytes are ignored.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sid> {
        let (&revision, rest) = bytes.split_first()?;
        let &count = rest.first()?;
        let len = 8 + 4 * usize::from(count);
        (revision == SID_REVISION && count <= 15 && bytes.len() >= len)
            .then(|| Sid(bytes[..len].to_vec()))
    }

    /// Parses the string form `S-1-5-32-544`.
    pub fn parse(text: &str) -> Option<Sid> {
        let mut parts = text.strip_prefix("S-")?.split('-');
        let revision: u8 = parts.next()?.parse().ok()?;
        let authority: u64 = parts.next()?.parse().ok()?;
        if revision != SID_REVISION || authority >= 1 << 48 {
            return None;
        }
        let subs = parts
            .map(|p| p.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()?;
        let count = u8::try_from(subs.len())
            .ok()
            .filter(|n| (1..=15).contains(n))?;
        let mut bytes = vec![revision, count];
        bytes.extend_from_slice(&authority.to_be_bytes()[2..]);
        for sub in subs {
            bytes.extend_from_slice(&sub.to_le_bytes());
        }
        Some(Sid(bytes))
    }

    /// The binary form, as Windows takes it.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    fn is(&self, text: &str) -> bool {
        Sid::parse(text).is_some_and(|other| other == *self)
    }
}

impl fmt::Display for Sid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut authority = [0u8; 8];
        authority[2..].copy_from_slice(&self.0[2..8]);
        write!(f, "S-{}-{}", self.0[0], u64::from_be_bytes(authority))?;
        for sub in self.0[8..].chunks_exact(4) {
            write!(
                f,
                "-{}",
                u32::from_le_bytes([sub[0], sub[1], sub[2], sub[3]])
            )?;
        }
        Ok(())
    }
}

impl fmt::Debug for Sid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One entry of a DACL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ace {
    /// [`ACCESS_ALLOWED`], [`ACCESS_DENIED`] or another `ACE_HEADER` type.
    pub kind: u8,
    /// `ACE_HEADER` flags ([`INHERITED`], inheritance to children, …).
    pub flags: u8,
    pub mask: u32,
    /// `None` for entry types whose trustee is not where allow and deny
    /// entries keep it (object and callback entries).
    pub sid: Option<Sid>,
}

impl Ace {
    /// An entry that allows `mask` to `sid` and is inherited by nothing.
    pub fn allow(sid: Sid, mask: u32) -> Ace {
        Ace {
            kind: ACCESS_ALLOWED,
            flags: 0,
            mask,
            sid: Some(sid),
        }
    }
}

/// SDDL-like text, e.g. `(A;;FA;;;SY)`, for messages and test failures.
impl fmt::Display for Ace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ACCESS_ALLOWED => "A".to_owned(),
            ACCESS_DENIED => "D".to_owned(),
            other => format!("type{other}"),
        };
        let mut flags = String::new();
        for (bit, name) in [(0x01, "OI"), (0x02, "CI"), (0x04, "NP"), (0x08, "IO")] {
            if self.flags & bit != 0 {
                flags.push_str(name);
            }
        }
        if self.flags & INHERITED != 0 {
            flags.push_str("ID");
        }
        let mask = match self.mask {
            FILE_ALL_ACCESS => "FA".to_owned(),
            other => format!("{other:#x}"),
        };
        let trustee = match &self.sid {
            Some(sid) if sid.is(LOCAL_SYSTEM) => "SY".to_owned(),
            Some(sid) if sid.is(ADMINISTRATORS) => "BA".to_owned(),
            Some(sid) => sid.to_string(),
            None => "?".to_owned(),
        };
        write!(f, "({kind};{flags};{mask};;;{trustee})")
    }
}

/// The DACL sshgen gives a private key, `D:P(A;;FA;;;USER)(A;;FA;;;SY)(A;;FA;;;BA)`
/// in SDDL: full control for the user, LocalSystem and Administrators, nothing
/// for anyone else. This is what Windows OpenSSH's own ssh-keygen writes; the
/// "P" (protected, nothing inherited) is set on the security descriptor, not here.
pub fn private_key_entries(user: &Sid) -> Vec<Ace> {
    let system = Sid::parse(LOCAL_SYSTEM).expect("well-known SID");
    let admins = Sid::parse(ADMINISTRATORS).expect("well-known SID");
    vec![
        Ace::allow(user.clone(), FILE_ALL_ACCESS),
        Ace::allow(system, FILE_ALL_ACCESS),
        Ace::allow(admins, FILE_ALL_ACCESS),
    ]
}

/// The DACL `doctor --fix` gives `~/.ssh`: the private key entries, each
/// inherited by what is made inside (`D:P(A;OICI;FA;;;USER)(A;OICI;FA;;;SY)
/// (A;OICI;FA;;;BA)`), so that a file any program creates there is private
/// too.
pub fn private_folder_entries(user: &Sid) -> Vec<Ace> {
    private_key_entries(user)
        .into_iter()
        .map(|ace| Ace {
            flags: INHERITED_INSIDE,
            ..ace
        })
        .collect()
}

/// Encodes allow and deny entries as a binary `ACL` (revision 2). The result
/// is a multiple of 4 bytes long, as Windows requires.
pub fn encode_acl(entries: &[Ace]) -> Vec<u8> {
    let mut body = Vec::new();
    for ace in entries {
        let sid = ace.sid.as_ref().map(Sid::as_bytes).unwrap_or_default();
        // Every SID is 8 + 4n bytes, so each entry stays 4-byte aligned.
        let size = u16::try_from(ACE_FIXED_LEN + sid.len()).expect("a SID is at most 68 bytes");
        body.extend_from_slice(&[ace.kind, ace.flags]);
        body.extend_from_slice(&size.to_le_bytes());
        body.extend_from_slice(&ace.mask.to_le_bytes());
        body.extend_from_slice(sid);
    }
    // sshgen's access lists have a handful of entries, far below the 64 KiB
    // an ACL's size field counts.
    let size = u16::try_from(ACL_HEADER_LEN + body.len()).expect("a short access list");
    let count = u16::try_from(entries.len()).expect("a short access list");
    let mut acl = vec![ACL_REVISION, 0];
    acl.extend_from_slice(&size.to_le_bytes());
    acl.extend_from_slice(&count.to_le_bytes());
    acl.extend_from_slice(&[0, 0]);
    acl.extend_from_slice(&body);
    acl
}

/// The length a binary `ACL` declares in its header, so a caller holding only
/// a pointer knows how many bytes to copy; `None` for a short header.
pub fn declared_acl_len(header: &[u8]) -> Option<usize> {
    let size = header.get(2..4)?;
    Some(usize::from(u16::from_le_bytes([size[0], size[1]])))
}

/// Decodes a binary `ACL`; `None` if it is malformed or truncated.
pub fn decode_acl(acl: &[u8]) -> Option<Vec<Ace>> {
    let size = declared_acl_len(acl)?;
    let count = usize::from(u16::from_le_bytes([*acl.get(4)?, *acl.get(5)?]));
    if !(2..=4).contains(&acl[0]) || size < ACL_HEADER_LEN || size > acl.len() {
        return None;
    }
    let acl = &acl[..size];
    let mut entries = Vec::with_capacity(count);
    let mut at = ACL_HEADER_LEN;
    for _ in 0..count {
        let header = acl.get(at..at + ACE_FIXED_LEN)?;
        let (kind, flags) = (header[0], header[1]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let ace = acl.get(at..at + len).filter(|_| len >= ACE_FIXED_LEN)?;
        let mask = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        let sid = match kind {
            ACCESS_ALLOWED | ACCESS_DENIED => Some(Sid::from_bytes(&ace[ACE_FIXED_LEN..])?),
            _ => None,
        };
        entries.push(Ace {
            kind,
            flags,
            mask,
            sid,
        });
        at += len;
    }
    Some(entries)
}

/// Why Windows OpenSSH would refuse a private key file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exposure {
    /// The file has no DACL at all, which lets everyone do everything.
    NoDacl,
    /// The file belongs to someone other than the user, LocalSystem or
    /// Administrators.
    Owner(Sid),
    /// An entry allows access to someone else (the first such entry).
    Grant(Ace),
}

impl Exposure {
    /// Who else may open the file, in words (well-known groups by name).
    pub fn describe(&self) -> String {
        let name = |sid: &Sid| {
            let text = sid.to_string();
            match text.as_str() {
                "S-1-1-0" => "Everyone".to_owned(),
                "S-1-5-32-545" => "BUILTIN\\Users".to_owned(),
                "S-1-5-11" => "Authenticated Users".to_owned(),
                "S-1-5-4" => "INTERACTIVE".to_owned(),
                _ => text,
            }
        };
        match self {
            Exposure::NoDacl => "it has no access list, so everyone may open it".to_owned(),
            Exposure::Owner(owner) => format!("it belongs to {}, not to you", name(owner)),
            Exposure::Grant(ace) => {
                let who = ace
                    .sid
                    .as_ref()
                    .map_or_else(|| "an unknown trustee".to_owned(), name);
                let inherited = if ace.flags & INHERITED != 0 {
                    ", through an entry inherited from its folder"
                } else {
                    ""
                };
                format!("{who} may open it{inherited}")
            }
        }
    }
}

/// The check Windows OpenSSH makes before it uses a private key
/// (`check_secure_file_permission` with `read_ok` off, in
/// contrib/win32/win32compat/w32-sshfileperm.c): the owner must be the user,
/// LocalSystem, Administrators or TrustedInstaller, and every allow entry must
/// name one of those; any other allow entry, even read-only, makes OpenSSH
/// print "UNPROTECTED PRIVATE KEY FILE" and skip the key. Deny entries never
/// expose a key. `None` means OpenSSH accepts the file.
pub fn private_key_exposure(owner: &Sid, dacl: Option<&[Ace]>, user: &Sid) -> Option<Exposure> {
    let trusted = |sid: &Sid| {
        sid == user
            || [LOCAL_SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER]
                .iter()
                .any(|t| sid.is(t))
    };
    let Some(dacl) = dacl else {
        return Some(Exposure::NoDacl);
    };
    if !trusted(owner) {
        return Some(Exposure::Owner(owner.clone()));
    }
    dacl.iter()
        .find(|ace| ace.kind == ACCESS_ALLOWED && !ace.sid.as_ref().is_some_and(trusted))
        .map(|ace| Exposure::Grant(ace.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sid(text: &str) -> Sid {
        Sid::parse(text).unwrap()
    }

    const USER: &str = "S-1-5-21-3623811015-3361044348-30300820-1013";
    const OTHER: &str = "S-1-5-21-3623811015-3361044348-30300820-1014";
    const EVERYONE: &str = "S-1-1-0";
    const USERS: &str = "S-1-5-32-545";
    const AUTHENTICATED_USERS: &str = "S-1-5-11";

    #[test]
    fn exposures_say_who_else_may_open_the_file() {
        let grant = |sid_text: &str, flags: u8| {
            Exposure::Grant(Ace {
                kind: ACCESS_ALLOWED,
                flags,
                mask: FILE_ALL_ACCESS,
                sid: Some(sid(sid_text)),
            })
        };
        assert_eq!(grant(EVERYONE, 0).describe(), "Everyone may open it");
        assert_eq!(
            grant(USERS, INHERITED).describe(),
            "BUILTIN\\Users may open it, through an entry inherited from its folder"
        );
        assert_eq!(
            Exposure::Owner(sid(OTHER)).describe(),
            format!("it belongs to {OTHER}, not to you")
        );
        assert_eq!(
            Exposure::NoDacl.describe(),
            "it has no access list, so everyone may open it"
        );
    }

    #[test]
    fn a_private_folder_passes_the_private_entries_on_and_is_not_exposed() {
        let user = sid(OTHER);
        let entries = private_folder_entries(&user);
        let text: String = entries.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            format!("(A;OICI;FA;;;{OTHER})(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)")
        );
        assert_eq!(decode_acl(&encode_acl(&entries)), Some(entries.clone()));
        assert_eq!(private_key_exposure(&user, Some(&entries), &user), None);
    }

    #[test]
    fn sids_round_trip_between_text_and_bytes() {
        assert_eq!(
            sid(LOCAL_SYSTEM).as_bytes(),
            [1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]
        );
        assert_eq!(
            sid(ADMINISTRATORS).as_bytes(),
            [1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0]
        );
        for text in [
            LOCAL_SYSTEM,
            ADMINISTRATORS,
            TRUSTED_INSTALLER,
            USER,
            EVERYONE,
        ] {
            let parsed = sid(text);
            assert_eq!(parsed.to_string(), text);
            assert_eq!(Sid::from_bytes(parsed.as_bytes()), Some(parsed));
        }
    }

    #[test]
    fn malformed_sids_are_refused() {
        for text in [
            "",
            "S-1",
            "S-1-5",
            "S-2-5-18",
            "X-1-5-18",
            "S-1-5-x",
            "S-1-281474976710656-1",
        ] {
            assert_eq!(Sid::parse(text), None, "{text}");
        }
        let bytes = sid(USER).as_bytes().to_vec();
        assert_eq!(Sid::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(
            Sid::from_bytes(&[2, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]),
            None
        );
        assert_eq!(Sid::from_bytes(&[]), None);
    }

    /// The bytes Windows' own InitializeAcl + AddAccessAllowedAce produce for
    /// `D:(A;;FA;;;SY)`, written out by hand from the SDK structures.
    #[test]
    fn acl_layout_matches_the_windows_structures() {
        let acl = encode_acl(&[Ace::allow(sid(LOCAL_SYSTEM), FILE_ALL_ACCESS)]);
        assert_eq!(
            acl,
            [
                2, 0, 28, 0, 1, 0, 0, 0, // ACL: revision 2, size 28, one entry
                0, 0, 20, 0, 0xff, 0x01, 0x1f, 0x00, // allow, no flags, size 20, FA
                1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0, // S-1-5-18
            ]
        );
    }

    #[test]
    fn private_key_acl_is_user_system_and_administrators_with_full_control() {
        let entries = private_key_entries(&sid(USER));
        let text: String = entries.iter().map(ToString::to_string).collect();
        assert_eq!(text, format!("(A;;FA;;;{USER})(A;;FA;;;SY)(A;;FA;;;BA)"));
        let acl = encode_acl(&entries);
        assert_eq!(acl.len() % 4, 0);
        assert_eq!(declared_acl_len(&acl), Some(acl.len()));
        assert_eq!(decode_acl(&acl), Some(entries.clone()));
        assert_eq!(
            private_key_exposure(&sid(USER), Some(&entries), &sid(USER)),
            None
        );
    }

    #[test]
    fn truncated_or_malformed_acls_are_refused() {
        let acl = encode_acl(&private_key_entries(&sid(USER)));
        for cut in 0..acl.len() {
            assert_eq!(decode_acl(&acl[..cut]), None, "cut at {cut}");
        }
        let mut wrong_revision = acl.clone();
        wrong_revision[0] = 9;
        assert_eq!(decode_acl(&wrong_revision), None);
        let mut short_entry = acl.clone();
        short_entry[10] = 4;
        assert_eq!(decode_acl(&short_entry), None);
        let mut too_many = acl;
        too_many[4] = 4;
        assert_eq!(decode_acl(&too_many), None);
    }

    #[test]
    fn other_entry_types_are_kept_without_a_trustee() {
        let mut acl = encode_acl(&[Ace::allow(sid(LOCAL_SYSTEM), FILE_ALL_ACCESS)]);
        acl[8] = 5; // ACCESS_ALLOWED_OBJECT_ACE_TYPE: the SID is elsewhere
        let entries = decode_acl(&acl).unwrap();
        assert_eq!(entries[0].sid, None);
        assert_eq!(entries[0].to_string(), "(type5;;FA;;;?)");
    }

    fn verdict(owner: &str, entries: &[Ace]) -> Option<Exposure> {
        private_key_exposure(&sid(owner), Some(entries), &sid(USER))
    }

    #[test]
    fn openssh_accepts_only_the_user_system_administrators_and_trusted_installer() {
        let full = |who: &str| Ace::allow(sid(who), FILE_ALL_ACCESS);
        assert_eq!(verdict(USER, &[full(USER)]), None);
        assert_eq!(
            verdict(ADMINISTRATORS, &[full(ADMINISTRATORS), full(USER)]),
            None
        );
        assert_eq!(verdict(LOCAL_SYSTEM, &[full(TRUSTED_INSTALLER)]), None);
        assert_eq!(verdict(USER, &[]), None);
        for who in [EVERYONE, USERS, AUTHENTICATED_USERS, OTHER] {
            // Read-only is not enough: OpenSSH checks private keys with read_ok off.
            let read_only = Ace::allow(sid(who), 0x0012_0089);
            assert_eq!(
                verdict(USER, &[full(USER), read_only.clone()]),
                Some(Exposure::Grant(read_only)),
                "{who}"
            );
        }
    }

    #[test]
    fn inherited_entries_count_like_explicit_ones() {
        let inherited = Ace {
            flags: INHERITED,
            ..Ace::allow(sid(USERS), FILE_ALL_ACCESS)
        };
        assert_eq!(inherited.to_string(), format!("(A;ID;FA;;;{USERS})"));
        assert_eq!(
            verdict(USER, std::slice::from_ref(&inherited)),
            Some(Exposure::Grant(inherited))
        );
    }

    #[test]
    fn deny_entries_never_expose_a_key() {
        let deny = Ace {
            kind: ACCESS_DENIED,
            ..Ace::allow(sid(EVERYONE), FILE_ALL_ACCESS)
        };
        assert_eq!(verdict(USER, &[deny]), None);
    }

    #[test]
    fn a_foreign_owner_or_a_missing_dacl_exposes_the_key() {
        assert_eq!(
            verdict(OTHER, &[Ace::allow(sid(USER), FILE_ALL_ACCESS)]),
            Some(Exposure::Owner(sid(OTHER)))
        );
        assert_eq!(
            private_key_exposure(&sid(USER), None, &sid(USER)),
            Some(Exposure::NoDacl)
        );
    }
}
