#!/bin/sh
# Runs OpenSSH's own regression tests for ssh-keygen against sshgen,
# linked as `ssh-keygen`, with the installed ssh, sshd, ssh-agent and
# ssh-add; or, with --real, against the installed ssh-keygen itself, to
# show that the suite passes as run here.
#
#     scripts/openssh-regress.sh [--real] [SSHGEN_BINARY]
#
# The suite is that of the OpenSSH release Debian installed: its source
# package, fetched with `apt-get source openssh` into target/openssh-src
# (.ci/run adds the deb-src line and dpkg-dev; nothing of it is committed).
# OPENSSH_SRC names an unpacked source tree instead.
#
# Each test's result is one line; the run fails if any test fails. sshd in
# these tests listens on 127.0.0.1 only (test-exec.sh's configuration).
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
real=no
if [ "${1:-}" = "--real" ]; then
  real=yes
  shift
fi
sshgen=${1:-$here/target/debug/sshgen}

src=${OPENSSH_SRC:-}
if [ -z "$src" ]; then
  cache=$here/target/openssh-src
  src=$(ls -d "$cache"/openssh-*/ 2>/dev/null | head -1)
  if [ -z "$src" ]; then
    mkdir -p "$cache"
    (cd "$cache" && apt-get source -q openssh >/dev/null 2>&1) || {
      echo "openssh-regress: apt-get source openssh failed; add a deb-src line (see .ci/run)" >&2
      exit 1
    }
    src=$(ls -d "$cache"/openssh-*/ | head -1)
  fi
fi
regress=${src%/}/regress
[ -f "$regress/test-exec.sh" ] || { echo "openssh-regress: no $regress/test-exec.sh" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sshgen-regress.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin"
if [ "$real" = yes ]; then
  keygen=$(command -v ssh-keygen)
else
  ln -s "$sshgen" "$bin/ssh-keygen"
  keygen=$bin/ssh-keygen
fi
# sshgen makes no DSA keys: the suite sees an ssh whose -Q key and
# key-plain lists leave ssh-dss out, as an OpenSSH built without DSA does.
real_ssh=$(command -v ssh)
# (test-exec.sh runs ssh through a wrapper that puts -E LOGFILE first.)
cat > "$bin/ssh" <<EOF
#!/bin/sh
query=
for arg in "\$@"; do
  case "\$query \$arg" in
  "-Q key"|"-Q key-plain") "$real_ssh" "\$@" | grep -v '^ssh-dss'; exit ;;
  esac
  query=\$arg
done
exec "$real_ssh" "\$@"
EOF
chmod +x "$bin/ssh"

export TEST_SSH_SSHKEYGEN=$keygen
export TEST_SSH_SSH=$bin/ssh
export TEST_SSH_SSHD=/usr/sbin/sshd
export TEST_SSH_SSHAGENT=$(command -v ssh-agent)
export TEST_SSH_SSHADD=$(command -v ssh-add)
export TEST_SSH_SSHKEYSCAN=$(command -v ssh-keyscan)
export TEST_SHELL=/bin/sh
export TEST_SSH_UNSAFE_PERMISSIONS=1
mkdir -p /run/sshd 2>/dev/null || true

# Security keys: OpenSSH's software authenticator, sk-dummy.so (Debian's
# openssh-tests), turns on the scripts' sk cases, as in a build with
# ENABLE_SK (test-exec.sh looks for that in config.h, and for sk-dummy in
# each test's folder).
sk_dummy=/usr/lib/openssh/regress/misc/sk-dummy/sk-dummy.so
if [ -f "$sk_dummy" ]; then
  mkdir -p "$work/build"
  echo "#define ENABLE_SK 1" >"$work/build/config.h"
  export BUILDDIR=$work/build
elif [ -n "${CI:-}" ]; then
  echo "openssh-regress: no $sk_dummy (apt install openssh-tests)" >&2
  exit 1
else
  echo "openssh-regress: no $sk_dummy: the security key cases are skipped" >&2
fi

failed=0
report() { # name status
  if [ "$2" -eq 0 ]; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    failed=$((failed + 1))
  fi
}

# REGRESS_SCRIPTS overrides the list, to try others.
for script in ${REGRESS_SCRIPTS:-keygen-change keygen-comment keygen-convert keygen-knownhosts keygen-sshfp keytype brokenkeys cert-file cert-hostkey cert-userkey krl multipubkey sshsig agent keygen-moduli}; do
  obj=$work/obj-$script
  mkdir -p "$obj"
  if [ -n "${BUILDDIR:-}" ]; then
    mkdir -p "$obj/misc/sk-dummy"
    cp "$sk_dummy" "$obj/misc/sk-dummy/"
  fi
  (cd "$obj" && env OBJ="$obj" $TEST_SHELL "$regress/test-exec.sh" "$obj" "$regress/$script.sh") \
    >"$obj/out.log" 2>&1
  status=$?
  report "$script.sh" $status
  [ $status -eq 0 ] || tail -20 "$obj/out.log" | sed 's/^/     /'
done

# The Makefile's file tests (t6 and t8 are DSA-only), as its recipes run them.
C=$regress
O=$work/obj-files
mkdir -p "$O"
K=$TEST_SSH_SSHKEYGEN
filetest() { # name commands...
  name=$1
  shift
  (cd "$O" && set -e && eval "$*") >"$O/$name.log" 2>&1
  status=$?
  report "$name" $status
  [ $status -eq 0 ] || sed 's/^/     /' "$O/$name.log" | tail -10
}
filetest t1 "$K -if $C/rsa_ssh2.prv | diff - $C/rsa_openssh.prv &&
  tr '\n' '\r' <$C/rsa_ssh2.prv >$O/rsa_ssh2_cr.prv &&
  $K -if $O/rsa_ssh2_cr.prv | diff - $C/rsa_openssh.prv &&
  awk '{print \$0 \"\r\"}' $C/rsa_ssh2.prv >$O/rsa_ssh2_crnl.prv &&
  $K -if $O/rsa_ssh2_crnl.prv | diff - $C/rsa_openssh.prv"
filetest t2 "cat $C/rsa_openssh.prv >$O/t2.out && chmod 600 $O/t2.out &&
  $K -yf $O/t2.out | diff - $C/rsa_openssh.pub"
filetest t3 "$K -ef $C/rsa_openssh.pub >$O/t3.out && $K -if $O/t3.out | diff - $C/rsa_openssh.pub"
filetest t4 "$K -E md5 -lf $C/rsa_openssh.pub | awk '{print \$2}' | diff - $C/t4.ok"
filetest t5 "$K -Bf $C/rsa_openssh.pub | awk '{print \$2}' | diff - $C/t5.ok"
filetest t7 "rm -f $O/t7.out* && $K -q -t rsa -N '' -f $O/t7.out &&
  $K -lf $O/t7.out >/dev/null && $K -Bf $O/t7.out >/dev/null"
filetest t9 "rm -f $O/t9.out* && $K -q -t ecdsa -N '' -f $O/t9.out &&
  $K -lf $O/t9.out >/dev/null && $K -Bf $O/t9.out >/dev/null"
filetest t10 "rm -f $O/t10.out* && $K -q -t ed25519 -N '' -f $O/t10.out &&
  $K -lf $O/t10.out >/dev/null && $K -Bf $O/t10.out >/dev/null"
filetest t11 "$K -E sha256 -lf $C/rsa_openssh.pub | awk '{print \$2}' | diff - $C/t11.ok"
filetest t12 "rm -f $O/t12.out* && $K -q -t ed25519 -N '' -C 'test-comment-1234' -f $O/t12.out &&
  $K -lf $O/t12.out.pub | grep test-comment-1234 >/dev/null"

if [ $failed -ne 0 ]; then
  echo "openssh-regress: $failed failed (ssh-keygen: $TEST_SSH_SSHKEYGEN)"
  exit 1
fi
echo "openssh-regress: all passed (ssh-keygen: $TEST_SSH_SSHKEYGEN)"
