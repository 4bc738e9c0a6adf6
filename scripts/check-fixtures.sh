#!/usr/bin/env bash
# Re-runs the ssh-keygen commands that recorded the golden outputs in
# tests/fixtures/keys (see its README) and diffs them with the committed
# files, so that a change in the installed OpenSSH shows up here, named,
# rather than as a mystery in sshgen's unit tests. Prints one line per
# file and fails if any differs.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/keys"
failed=0
check() { # FILE COMMAND...
  local file=$1
  shift
  if diff -u "$file" <("$@") >/tmp/sshgen-fixture.diff 2>&1; then
    printf 'same: %s\n' "$file"
  else
    printf 'DIFFERS: %s (from: %s)\n' "$file" "$*"
    cat /tmp/sshgen-fixture.diff
    failed=1
  fi
}
for k in ed25519 ed25519-nocomment rsa2048 rsa3072 rsa4096 ecdsa256 ecdsa384 ecdsa521; do
  check "$k.l.txt" ssh-keygen -l -f "$k.pub"
  check "$k.lv.txt" ssh-keygen -lv -f "$k.pub"
  check "$k.lv-md5.txt" ssh-keygen -lv -E md5 -f "$k.pub"
  check "$k.l-sha512.txt" ssh-keygen -l -E sha512 -f "$k.pub"
  check "$k.B.txt" ssh-keygen -B -f "$k.pub"
done
check ed25519-cert.lv.txt ssh-keygen -lv -f ed25519-cert.pub
# The RFC4716 files name the user and host that made them on their second
# line (the Comment header); every other line is compared.
for k in ed25519 rsa2048 ecdsa384; do
  sed 2d "$k.e-rfc4716.txt" >"/tmp/sshgen-$k.e-rfc4716.txt"
  check "/tmp/sshgen-$k.e-rfc4716.txt" sh -c "ssh-keygen -e -m RFC4716 -f $k.pub | sed 2d"
done
for k in rsa2048 ecdsa384; do
  check "$k.e-pkcs8.txt" ssh-keygen -e -m PKCS8 -f "$k.pub"
  check "$k.e-pem.txt" ssh-keygen -e -m PEM -f "$k.pub"
done
# puttygen still reads the PuTTY keys as the public keys recorded beside them.
printf 'secret phrase\n' >/tmp/sshgen-fixture-pass
for k in ed25519-ppk3 rsa2048-ppk2 ecdsa384-ppk3-plain; do
  check "formats/$k.ppk.pub" puttygen "formats/$k.ppk" --old-passphrase /tmp/sshgen-fixture-pass -O public-openssh -o /dev/stdout
done

# The DH moduli candidates from a fixed start (tests/fixtures/moduli/README).
cd ../moduli
start=70123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde
check sieve-512.sha256 sh -c "ssh-keygen -q -M generate -O bits=512 -O start=$start /tmp/sshgen-sieve-512 && cut -c15- /tmp/sshgen-sieve-512 | sha256sum"
exit $failed
