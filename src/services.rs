//! The code hosts `access-key` and `known-hosts add` know by name: where
//! they answer SSH, as which user, their published host keys (so that the
//! first clone needs no `ssh-keyscan`, which trusts whatever answers), and
//! where a repository's access keys are set. Pure data.

/// A host key a service publishes, and where and when it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostKey {
    /// `TYPE BASE64`, as a known_hosts line holds it after the host.
    pub key: &'static str,
    pub source: &'static str,
}

/// A code host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Bitbucket,
    Github,
    Gitlab,
    /// Gitea and Forgejo (one API): self-hosted only.
    Gitea,
    AzureDevops,
    /// A plain git server over SSH (`USER@HOST:PATH`), no API.
    Ssh,
}

const GITHUB_SOURCE: &str = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/githubs-ssh-key-fingerprints (Ed25519 and ECDSA unchanged since 2022; the RSA key was replaced on 2023-03-24 and is not pinned)";
const GITLAB_SOURCE: &str =
    "https://docs.gitlab.com/user/gitlab_com/#ssh-host-keys-fingerprints (2024)";
const BITBUCKET_SOURCE: &str =
    "https://bitbucket.org/blog/ssh-host-key-changes (keys in use since 2023-06-20)";
const AZURE_SOURCE: &str = "https://learn.microsoft.com/azure/devops/repos/git/use-ssh-keys-to-authenticate (RSA, the only type it serves)";

impl Service {
    /// Every kind.
    pub const ALL: [Service; 6] = [
        Service::Bitbucket,
        Service::Github,
        Service::Gitlab,
        Service::Gitea,
        Service::AzureDevops,
        Service::Ssh,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Service::Bitbucket => "bitbucket",
            Service::Github => "github",
            Service::Gitlab => "gitlab",
            Service::Gitea => "gitea",
            Service::AzureDevops => "azure-devops",
            Service::Ssh => "ssh",
        }
    }

    /// How people write it.
    pub fn label(self) -> &'static str {
        match self {
            Service::Bitbucket => "Bitbucket",
            Service::Github => "GitHub",
            Service::Gitlab => "GitLab",
            Service::Gitea => "Gitea",
            Service::AzureDevops => "Azure DevOps",
            Service::Ssh => "the SSH server",
        }
    }

    /// The host that answers SSH; `None` for a service that is only ever
    /// self-hosted (Gitea), which `--hostname` names.
    pub fn hostname(self) -> Option<&'static str> {
        match self {
            Service::Bitbucket => Some("bitbucket.org"),
            Service::Github => Some("github.com"),
            Service::Gitlab => Some("gitlab.com"),
            Service::Gitea | Service::Ssh => None,
            Service::AzureDevops => Some("ssh.dev.azure.com"),
        }
    }

    /// The REST API's base for the service's own host, or for a
    /// self-hosted `host`: the documented paths are appended to it.
    /// `None` where the service has no API for SSH keys (Azure DevOps).
    pub fn api_base(self, host: Option<&str>) -> Option<String> {
        match (self, host) {
            (Service::Bitbucket, _) => Some("https://api.bitbucket.org".to_owned()),
            (Service::Github, None) => Some("https://api.github.com".to_owned()),
            (Service::Github, Some(host)) => Some(format!("https://{host}/api/v3")),
            (Service::Gitlab, host) => {
                Some(format!("https://{}/api/v4", host.unwrap_or("gitlab.com")))
            }
            (Service::Gitea, Some(host)) => Some(format!("https://{host}/api/v1")),
            (Service::Gitea, None) | (Service::AzureDevops | Service::Ssh, _) => None,
        }
    }

    /// The published host keys, in the order ssh prefers them.
    pub fn host_keys(self) -> &'static [HostKey] {
        match self {
            Service::Github => &[
                HostKey {
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                    source: GITHUB_SOURCE,
                },
                HostKey {
                    key: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
                    source: GITHUB_SOURCE,
                },
            ],
            Service::Gitlab => &[
                HostKey {
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf",
                    source: GITLAB_SOURCE,
                },
                HostKey {
                    key: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFSMqzJeV9rUzU4kWitGjeR4PWSa29SPqJ1fVkhtj3Hw9xjLVXVYrU9QlYWrOLXBpQ6KWjbjTDTdDkoohFzgbEY=",
                    source: GITLAB_SOURCE,
                },
            ],
            Service::Bitbucket => &[
                HostKey {
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO",
                    source: BITBUCKET_SOURCE,
                },
                HostKey {
                    key: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPIQmuzMBuKdWeF4+a2sjSSpBK0iqitSQ+5BM9KhpexuGt20JpTVM7u5BDZngncgrqDMbWdxMWWOGtZ9UgbqgZE=",
                    source: BITBUCKET_SOURCE,
                },
            ],
            Service::Gitea | Service::Ssh => &[],
            Service::AzureDevops => &[HostKey {
                key: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Hr1oTWqNqOlzGJOfGJ4NakVyIzf1rXYd4d7wo6jBlkLvCA4odBlL0mDUyZ0/QUfTTqeu+tm22gOsv+VrVTMk6vwRU75gY/y9ut5Mb3bR5BV58dKXyq9A9UeB5Cakehn5Zgm6x1mKoVyf+FFn26iYqXJRgzIZZcZ5V6hrE0Qg39kZm4az48o0AUbf6Sp4SLdvnuMa2sVNwHBboS7EJkm57XQPVU3/QpyNLHbWDdzwtrlS+ez30S3AdYhLKEOxAG8weOnyrtLJAUen9mTkol8oII1edf7mWWbWVf0nBmly21+nZcmCTISQBtdcyPaEno7fFQMDD26/s0lfKob4Kw8H",
                source: AZURE_SOURCE,
            }],
        }
    }

    /// The page where a repository's access keys are added, on the
    /// service's own host or on `host`; `repo` is `OWNER/REPO`
    /// (`ORGANIZATION/PROJECT/REPO` on Azure DevOps).
    pub fn settings_url(self, repo: &str, host: Option<&str>) -> String {
        let host = host.or(self.hostname()).unwrap_or_default();
        match self {
            Service::Bitbucket => format!("https://{host}/{repo}/admin/access-keys/"),
            Service::Github => format!("https://{host}/{repo}/settings/keys/new"),
            Service::Gitlab => {
                format!("https://{host}/{repo}/-/settings/repository#js-deploy-keys-settings")
            }
            Service::Gitea => format!("https://{host}/{repo}/settings/keys"),
            Service::Ssh => String::new(),
            Service::AzureDevops => {
                // Azure DevOps Services' own page, whatever the SSH host.
                let organization = repo.split('/').next().unwrap_or(repo);
                format!("https://dev.azure.com/{organization}/_usersSettings/keys")
            }
        }
    }

    /// What the settings page calls the key.
    pub fn key_kind(self) -> &'static str {
        match self {
            Service::Bitbucket => "access key",
            Service::Github | Service::Gitlab | Service::Gitea => "deploy key",
            Service::AzureDevops => "SSH public key",
            Service::Ssh => "access key",
        }
    }

    /// The repository's path in a clone URL.
    pub fn clone_path(self, repo: &str) -> String {
        match self {
            Service::AzureDevops => format!("v3/{repo}"),
            // USER@HOST:PATH: the path as given.
            Service::Ssh => repo
                .split_once(':')
                .map_or(repo, |(_, path)| path)
                .to_owned(),
            _ => format!("{repo}.git"),
        }
    }

    /// Whether the service takes only RSA keys (Azure DevOps).
    pub fn rsa_only(self) -> bool {
        self == Service::AzureDevops
    }

    /// The service of this command-line name (as a record of an access
    /// key holds it), any kind.
    pub fn named(name: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The service with published host keys whose name or SSH host is
    /// `name`, for `known-hosts add NAME`.
    pub fn by_name(name: &str) -> Option<Service> {
        Service::ALL
            .into_iter()
            .find(|s| !s.host_keys().is_empty() && (s.name() == name || s.hostname() == Some(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SHA256 fingerprints each service publishes (at the sources the
    /// keys name), written out separately from the keys: a key copied wrong
    /// fails here.
    const PUBLISHED: &[(Service, &str)] = &[
        (
            Service::Github,
            "SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU",
        ),
        (
            Service::Github,
            "SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM",
        ),
        (
            Service::Gitlab,
            "SHA256:eUXGGm1YGsMAS7vkcx6JOJdOGHPem5gQp4taiCfCLB8",
        ),
        (
            Service::Gitlab,
            "SHA256:HbW3g8zUjNSksFbqTiUWPWg2Bq1x8xdGUrliXFzSnUw",
        ),
        (
            Service::Bitbucket,
            "SHA256:ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM",
        ),
        (
            Service::Bitbucket,
            "SHA256:FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0",
        ),
        (
            Service::AzureDevops,
            "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og",
        ),
    ];

    #[test]
    fn every_pinned_key_has_its_published_fingerprint() {
        let mut pinned = Vec::new();
        for service in [
            Service::Github,
            Service::Gitlab,
            Service::Bitbucket,
            Service::AzureDevops,
        ] {
            for host_key in service.host_keys() {
                let key = ssh_key::PublicKey::from_openssh(host_key.key).unwrap();
                let fingerprint = crate::keys::fingerprint(
                    key.key_data(),
                    crate::fingerprint::FingerprintHash::Sha256,
                )
                .unwrap();
                pinned.push((service, fingerprint.to_string()));
                assert!(host_key.source.starts_with("https://"));
            }
        }
        let published: Vec<(Service, String)> = PUBLISHED
            .iter()
            .map(|(s, f)| (*s, (*f).to_owned()))
            .collect();
        assert_eq!(pinned, published);
    }

    #[test]
    fn every_service_is_found_by_its_name_and_only_published_ones_by_host() {
        for service in Service::ALL {
            assert_eq!(Service::named(service.name()), Some(service));
        }
        assert_eq!(Service::named("github.com"), None);
        assert_eq!(Service::by_name("github.com"), Some(Service::Github));
        assert_eq!(Service::by_name("gitea"), None);
    }
}
