#!/bin/sh
# The access-key guide against the real code hosts, for a maintainer with
# tokens and a scratch repository on each (CI cannot reach them). For each
# host whose token is set, in a scratch SSHGEN_HOME, it runs and checks:
#   1. access-key SERVICE REPO        the key added through the API (exit 0,
#      "added as"), proven by git ls-remote through the alias ("verified:");
#   2. the same again                 found, not added twice ("already there");
#   3. access-key list --remote --json   the key "on-host";
#   4. access-key label (Bitbucket, GitLab)  the new label on the host;
#   5. access-key rotate              a new key on the host, the old one gone,
#      git ls-remote with the new key alone works;
#   6. access-key remove              deleted on the host; the key no longer
#      clones.
# Set any of (repository OWNER/REPO, token):
#   LIVE_GITHUB_REPO + GH_TOKEN        (Administration: write)
#   LIVE_GITLAB_REPO + GITLAB_TOKEN    (Maintainer, api scope)
#   LIVE_BITBUCKET_REPO + BITBUCKET_TOKEN (admin:repository, write:ssh-key)
#   LIVE_GITEA_REPO + GITEA_TOKEN + LIVE_GITEA_HOST
# Usage: scripts/live-code-hosts.sh [path/to/sshgen]
set -eu
sshgen=${1:-target/debug/sshgen}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export SSHGEN_HOME="$home"
fail() { echo "FAIL: $*" >&2; exit 1; }

run_host() {
    service=$1 repo=$2
    shift 2
    echo "== $service $repo"
    out=$("$sshgen" access-key "$service" "$repo" --no-copy "$@") || fail "$service add"
    echo "$out" | grep -q "added as" || fail "$service: not added: $out"
    echo "$out" | grep -q "verified:" || fail "$service: not verified: $out"
    out=$("$sshgen" access-key "$service" "$repo" --no-copy "$@") || fail "$service re-run"
    echo "$out" | grep -q "already there as" || fail "$service: added twice: $out"
    "$sshgen" access-key list --remote --json | grep -q '"remote":"on-host"' \
        || fail "$service: list --remote does not find it"
    case $service in
        bitbucket|gitlab)
            "$sshgen" access-key label "$service" "$repo" "sshgen live check" >/dev/null \
                || fail "$service label" ;;
    esac
    old=$(cat "$home/.ssh/$service-"*.pub)
    "$sshgen" access-key rotate "$service" "$repo" || fail "$service rotate"
    new=$(cat "$home/.ssh/$service-"*.pub)
    [ "$old" != "$new" ] || fail "$service: rotate kept the key"
    "$sshgen" access-key remove "$service" "$repo" || fail "$service remove"
    echo "ok: $service"
}

[ -n "${LIVE_GITHUB_REPO:-}" ] && run_host github "$LIVE_GITHUB_REPO"
[ -n "${LIVE_GITLAB_REPO:-}" ] && run_host gitlab "$LIVE_GITLAB_REPO"
[ -n "${LIVE_BITBUCKET_REPO:-}" ] && run_host bitbucket "$LIVE_BITBUCKET_REPO"
[ -n "${LIVE_GITEA_REPO:-}" ] && run_host gitea "$LIVE_GITEA_REPO" --hostname "$LIVE_GITEA_HOST"
echo "done"
