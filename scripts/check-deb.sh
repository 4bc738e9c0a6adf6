#!/usr/bin/env bash
# Installs the Debian package and uses it as a person would, then removes
# it and checks that nothing is left behind (run as root, in CI):
#
#     scripts/check-deb.sh target/debian/sshgen_VERSION-1_ARCH.deb
#
# lintian first (no errors or warnings; overrides are justified in
# packaging/debian/lintian-overrides).
set -euo pipefail
deb=$1
fail() { echo "check-deb: $*" >&2; exit 1; }

lintian --fail-on error,warning "$deb" 2>&1 | grep -v 'running with root privileges' || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || fail "lintian found problems"
dpkg -i "$deb" >/dev/null
files=$(dpkg -L sshgen)

version=$(sshgen --version)
[[ $version == "sshgen $(dpkg-deb -f "$deb" Version | cut -d- -f1) "* ]] || fail "sshgen --version says: $version"
[[ $(command -v sshgen) == /usr/bin/sshgen ]] || fail "sshgen is not /usr/bin/sshgen"
for page in sshgen sshgen-access-key sshgen-resident-keys; do
  man -w "$page" >/dev/null || fail "man cannot find $page"
done
# bash-completion's own loader finds the script where the package put it,
# and completing `sshgen acc<TAB>` gives the command.
completed=$(bash --norc --noprofile -c '
  . /usr/share/bash-completion/bash_completion
  _completion_loader sshgen
  COMP_LINE="sshgen acc" COMP_POINT=10 COMP_WORDS=(sshgen acc) COMP_CWORD=1
  "$(complete -p sshgen | sed "s/.* -F \([^ ]*\) .*/\1/")" sshgen acc sshgen
  printf "%s\n" "${COMPREPLY[@]}"')
[[ $completed == access-key ]] || fail "bash completes 'sshgen acc' as: $completed"
[[ -f /usr/share/zsh/vendor-completions/_sshgen ]] || fail "no zsh completion"
[[ -f /usr/share/fish/vendor_completions.d/sshgen.fish ]] || fail "no fish completion"
# Nothing takes ssh-keygen's name.
if dpkg -L sshgen | grep -q 'ssh-keygen'; then fail "the package ships an ssh-keygen"; fi

dpkg -r sshgen >/dev/null
left=$(while read -r file; do if [[ -f $file || -L $file ]]; then echo "$file"; fi; done <<<"$files")
[[ -z $left ]] || fail "left behind after dpkg -r: $left"
status=$(dpkg-query -W -f '${db:Status-Status}' sshgen 2>/dev/null || true)
[[ -z $status || $status == not-installed ]] || fail "dpkg says sshgen is $status after dpkg -r"
echo "check-deb: $(basename "$deb"): lintian clean; installs, runs, has its man pages and completions, removes cleanly"
