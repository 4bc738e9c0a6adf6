#!/bin/sh
# The access-key guide against the real code hosts, for a maintainer with
# tokens and a scratch repository on each (CI cannot reach them; CI runs this
# same script against the stand-ins instead, in tests/integration/code_hosts.rs).
# For each host whose repository is set, in a scratch SSHGEN_HOME, it runs and
# checks:
#   1. access-key SERVICE REPO    exit 0, "added as … (id N)", and "verified:"
#      (sshgen's own git ls-remote through the alias with the key alone);
#      then this script's own git ls-remote with the key alone, no agent,
#      no config, the host key checked against what sshgen recorded;
#   2. the same again             "already there as": found, not added twice;
#   3. access-key list --remote   "on the host: id N" for that key;
#   4. access-key label           Bitbucket, GitLab: list --remote shows the
#      new label; GitHub, Gitea: refused with exit 1 (they cannot relabel);
#   5. access-key rotate          a new key file; list --remote shows the new
#      key on the host under a "(rotated DATE)" label; the new key clones
#      alone; the old key stops cloning (within 60 s: hosts take a moment);
#   6. access-key remove          "deleted (id M)" on the host; the key stops
#      cloning; access-key list no longer names the repository.
# With LIVE_CI=1, step 1 also passes --ci REPO (Pipelines' key pair, an
# Actions secret, a GitLab file variable) and checks the "builds:" line; rotate
# must say it replaced the builds' copy, and remove that it deleted it.
#
# Set, per host, the scratch repository and a token:
#   LIVE_GITHUB_REPO=OWNER/REPO    + GH_TOKEN       (Administration: write;
#                                                    Secrets: write for LIVE_CI)
#   LIVE_GITLAB_REPO=GROUP/PROJECT + GITLAB_TOKEN   (Maintainer, api scope)
#   LIVE_BITBUCKET_REPO=WS/REPO    + BITBUCKET_TOKEN (admin:repository,
#                                    write:ssh-key; admin:pipeline for LIVE_CI)
#   LIVE_GITEA_REPO=OWNER/REPO     + GITEA_TOKEN + LIVE_GITEA_HOST=HOST
# and LIVE_<HOST>_ARGS for more arguments to access-key, one per line (a
# self-hosted server: --hostname, --api-url, --host-key 'TYPE BASE64').
# Usage: scripts/live-code-hosts.sh [path/to/sshgen]
set -eu
sshgen=${1:-target/debug/sshgen}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export SSHGEN_HOME="$home"
nl='
'
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # TEXT PATTERN WHAT
    printf '%s\n' "$1" | grep -q -- "$2" || fail "$3: no \"$2\" in:$nl$1"
}

# Whether git ls-remote gets in with the key file $2 alone, through the
# server alias $1 names (its HostName, Port and User, from ssh -G), checking
# the host key against sshgen's known_hosts, with no config, agent or other
# key.
clones() {
    resolved=$(ssh -F "$home/.ssh/config" -G "$1" 2>/dev/null)
    host=$(printf '%s\n' "$resolved" | sed -n 's/^hostname //p')
    port=$(printf '%s\n' "$resolved" | sed -n 's/^port //p')
    user=$(printf '%s\n' "$resolved" | sed -n 's/^user //p')
    GIT_SSH_COMMAND="ssh -F none -o IdentitiesOnly=yes -o IdentityAgent=none \
-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$home/.ssh/known_hosts \
-p $port -i $2" git ls-remote "$user@$host:$path" >/dev/null 2>&1
}
# Waits up to 60 s for the key file $2 to stop getting in through $1.
stops_cloning() {
    tries=0
    while clones "$1" "$2"; do
        tries=$((tries + 1))
        [ "$tries" -lt 12 ] || return 1
        sleep 5
    done
}

run_host() {
    service=$1 repo=$2 extra=$3
    echo "== $service $repo"
    set -f
    old_ifs=$IFS
    IFS=$nl
    # shellcheck disable=SC2086 # one argument per line, split on purpose
    set -- $extra
    IFS=$old_ifs
    set +f
    [ "${LIVE_CI:-}" = 1 ] && set -- "$@" --ci "$repo"

    out=$("$sshgen" access-key "$service" "$repo" --no-copy "$@") || fail "$service add"
    expect "$out" 'added as .* (id [0-9]*)' "$service add"
    expect "$out" "verified:" "$service add"
    [ "${LIVE_CI:-}" = 1 ] && expect "$out" "builds:" "$service --ci"
    alias=$(printf '%s\n' "$out" | sed -n 's/^ *alias: *Host \([^ ]*\) in .*/\1/p')
    key=$(printf '%s\n' "$out" | sed -n 's/^ *key: *\(.*\) ([A-Z0-9-]* SHA256:.*/\1/p')
    path=$(printf '%s\n' "$out" | sed -n 's/.*git clone [^ ]*:\([^ ]*\)$/\1/p')
    if [ -z "$alias" ] || [ ! -f "$key" ] || [ -z "$path" ]; then
        fail "$service: alias, key or clone URL not shown:$nl$out"
    fi
    clones "$alias" "$key" || fail "$service: the new key does not clone"

    out=$("$sshgen" access-key "$service" "$repo" --no-copy "$@") || fail "$service re-run"
    expect "$out" "already there as" "$service re-run"

    out=$("$sshgen" access-key list --remote) || fail "$service list --remote"
    expect "$out" "on the host: id [0-9]*, " "$service list --remote"

    case $service in
        bitbucket|gitlab)
            "$sshgen" access-key label "$service" "$repo" "sshgen live check" >/dev/null \
                || fail "$service label"
            out=$("$sshgen" access-key list --remote)
            expect "$out" '"sshgen live check"' "$service label" ;;
        *)
            if "$sshgen" access-key label "$service" "$repo" "sshgen live check" 2>/dev/null; then
                fail "$service: label said yes where the host cannot relabel"
            fi ;;
    esac

    cp "$key" "$home/old-key"
    old=$(cat "$key.pub")
    out=$("$sshgen" access-key rotate "$service" "$repo") || fail "$service rotate"
    [ "$old" != "$(cat "$key.pub")" ] || fail "$service: rotate kept the key"
    expect "$out" "deleted the old key" "$service rotate"
    [ "${LIVE_CI:-}" = 1 ] && expect "$out" "builds' copy" "$service rotate"
    out=$("$sshgen" access-key list --remote)
    expect "$out" 'on the host: id [0-9]*, ".*(rotated [0-9-]*)"' "$service list after rotate"
    clones "$alias" "$key" || fail "$service: the rotated key does not clone"
    stops_cloning "$alias" "$home/old-key" || fail "$service: the old key still clones"

    cp "$key" "$home/last-key"
    cp "$home/.ssh/config" "$home/config-before-remove"
    cp "$home/.ssh/known_hosts" "$home/known-hosts-before-remove"
    out=$("$sshgen" access-key remove "$service" "$repo") || fail "$service remove"
    expect "$out" "on the host: deleted (id [0-9]*)" "$service remove"
    [ "${LIVE_CI:-}" = 1 ] && expect "$out" "builds:" "$service remove"
    # The alias and the host-key pin are gone with the key: put them back,
    # so that only the key itself can be what stops it getting in.
    cp "$home/config-before-remove" "$home/.ssh/config"
    cp "$home/known-hosts-before-remove" "$home/.ssh/known_hosts"
    stops_cloning "$alias" "$home/last-key" || fail "$service: the removed key still clones"
    rm "$home/.ssh/config" "$home/.ssh/known_hosts" "$home/old-key" "$home/last-key" \
        "$home/config-before-remove" "$home/known-hosts-before-remove"
    if "$sshgen" access-key list | grep -q -- " $repo "; then
        fail "$service: list still names $repo"
    fi
    echo "ok: $service"
}

[ -z "${LIVE_GITHUB_REPO:-}" ] || run_host github "$LIVE_GITHUB_REPO" "${LIVE_GITHUB_ARGS:-}"
[ -z "${LIVE_GITLAB_REPO:-}" ] || run_host gitlab "$LIVE_GITLAB_REPO" "${LIVE_GITLAB_ARGS:-}"
[ -z "${LIVE_BITBUCKET_REPO:-}" ] || run_host bitbucket "$LIVE_BITBUCKET_REPO" "${LIVE_BITBUCKET_ARGS:-}"
[ -z "${LIVE_GITEA_REPO:-}" ] || run_host gitea "$LIVE_GITEA_REPO" \
    "${LIVE_GITEA_HOST:+--hostname$nl$LIVE_GITEA_HOST$nl}${LIVE_GITEA_ARGS:-}"
echo "done"
