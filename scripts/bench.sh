#!/usr/bin/env bash
# Whole-process benchmark of sshgen against ssh-keygen on this machine.
#
# Builds the binary `cargo build --release` makes (the default build: glibc,
# dynamically linked, what `cargo install` installs) and a static musl build
# (`cargo build --release --target $(uname -m)-unknown-linux-musl`), then for
# each job runs both and ssh-keygen in ONE hyperfine run, strictly in turn
# (run i of the default build, of the musl build, of ssh-keygen, then run
# i+1, ...), so all three see the same machine load. Every run writes a fresh
# path, deleted beforehand by --prepare. Prints a markdown table of medians,
# each build's ratio to ssh-keygen and the target (judged on the default
# build), then binary sizes and peak RSS.
#
# The "syncs off for both" rows show the rest apart: sshgen syncs both key
# files and their folder before it reports success; ssh-keygen does not.
# These rows turn syncs into no-ops with libeatmydata, which only reaches a
# dynamically linked program, so they have no musl column.
#
# The DH moduli rows take minutes per run: -M generate runs once
# (GENERATE_RUNS), -M screen three times (MODULI_RUNS); MODULI=no leaves
# them out. Their
# candidate files are made once, from fixed starts, and kept in
# target/bench-moduli/ for the next run.
#
# Usage: scripts/bench.sh            (RUNS=31 by default; RUNS=5 for a quick look)
# Needs: hyperfine, /usr/bin/time, libeatmydata (Debian packages hyperfine,
# time, eatmydata), python3, ssh-keygen (openssh-client), and the Rust target
# for musl; missing Debian packages are installed when root, the Rust target
# with rustup.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-31}
# Passphrase jobs take ~0.1-0.3 s per run for both tools: fewer runs suffice.
PASS_RUNS=${PASS_RUNS:-15}

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
command -v ssh-keygen >/dev/null || need+=(openssh-client)
find_eatmydata() { compgen -G '/usr/lib/*/libeatmydata.so.1' | head -n1 || true; }
EATMYDATA=$(find_eatmydata)
[ -n "$EATMYDATA" ] || need+=(eatmydata)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "bench.sh: please install: ${need[*]}" >&2
    exit 1
  fi
  apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${need[@]}" >/dev/null
  EATMYDATA=$(find_eatmydata)
fi

MUSL=$(uname -m)-unknown-linux-musl
rustup target list --installed | grep -qx "$MUSL" || rustup target add "$MUSL"
cargo build --release --quiet --target "$MUSL"
cargo build --release --quiet
# The builds leave megabytes of unwritten files behind; the first fsync after
# them would wait for those too and charge it to sshgen.
sync
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
SSHGEN=$PWD/target/release/sshgen
SSHGEN_MUSL=$PWD/target/$MUSL/release/sshgen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results.tsv
: >"$RESULTS"

# bench NAME TARGET RUNS SSHGEN_ARGS SSH_KEYGEN_ARGS [PREFIX [SETUP [MUSL]]]
# The argument strings use {out} for the fresh output path of each run; PREFIX
# (e.g. "env LD_PRELOAD=...") goes before every command; SETUP (e.g. "cp KEY
# {out}") runs untimed before each, for jobs that rewrite a file (through sh:
# hyperfine -N runs commands without a shell); MUSL=no leaves the musl build
# out.
bench() {
  local name=$1 target=$2 runs=$3 ours=$4 theirs=$5 prefix=${6:-} setup=${7:-true}
  local musl=${8:-yes}
  local json=$WORK/bench.json
  local commands=("$SSHGEN $ours")
  [ "$musl" = yes ] && commands+=("$SSHGEN_MUSL $ours")
  commands+=("ssh-keygen $theirs")
  local outs=() prepare="" i
  for i in "${!commands[@]}"; do
    # One untimed run of each first, so every binary starts from the page cache.
    rm -f "$WORK/warm" "$WORK/warm.pub"
    eval "${setup//\{out\}/$WORK/warm}"
    eval "${commands[$i]//\{out\}/$WORK/warm}" >/dev/null 2>&1 || true
    outs+=("$WORK/o$i-{i}")
    prepare+="rm -f $WORK/o$i-{i} $WORK/o$i-{i}.pub; ${setup//\{out\}/$WORK/o$i-\{i\}}; "
  done
  rm -f "$WORK/warm" "$WORK/warm.pub"
  local timed=()
  for i in "${!commands[@]}"; do
    timed+=("$prefix${commands[$i]//\{out\}/${outs[$i]}}")
  done
  echo "== $name ($runs runs each, in turn)" >&2
  hyperfine -N --style basic --runs 1 -P i 1 "$runs" \
    --prepare "sh -c \"$prepare\"" --export-json "$json" "${timed[@]}" >/dev/null
  python3 - "$json" "$name" "$target" "${#commands[@]}" >>"$RESULTS" <<'PY'
import json, statistics, sys
path, name, target, count = sys.argv[1:]
count = int(count)
times = [[] for _ in range(count)]
# hyperfine ran command 1 run 1, command 2 run 1, ..., command 1 run 2, ...
for index, result in enumerate(json.load(open(path))["results"]):
    times[index % count].extend(result["times"])
medians = [statistics.median(t) for t in times]
default, theirs = medians[0], medians[-1]
musl = medians[1] if count == 3 else "n/a"
print(f"{name}\t{default}\t{musl}\t{theirs}\t{target}\t{len(times[0])}")
PY
}

bench "ed25519" 0.5 "$RUNS" \
  "-t ed25519 -N '' -f {out}" "-t ed25519 -N '' -f {out}"
bench "ed25519, passphrase, -a 24" 0.6 "$PASS_RUNS" \
  "-t ed25519 -N 'bench pass' -a 24 -f {out}" "-t ed25519 -N 'bench pass' -a 24 -f {out}"
bench "ed25519, passphrase, -a 16" 0.6 "$PASS_RUNS" \
  "-t ed25519 -N 'bench pass' -a 16 -f {out}" "-t ed25519 -N 'bench pass' -a 16 -f {out}"
bench "rsa 3072" 0.35 "$RUNS" \
  "-t rsa -b 3072 -N '' -f {out}" "-t rsa -b 3072 -N '' -f {out}"
bench "rsa 4096" 0.35 "$RUNS" \
  "-t rsa -b 4096 -N '' -f {out}" "-t rsa -b 4096 -N '' -f {out}"
bench "ecdsa" 0.5 "$RUNS" \
  "-t ecdsa -N '' -f {out}" "-t ecdsa -N '' -f {out}"

NOSYNC="env LD_PRELOAD=$EATMYDATA "
bench "ed25519, syncs off for both" - "$RUNS" \
  "-t ed25519 -N '' -f {out}" "-t ed25519 -N '' -f {out}" "$NOSYNC" true no
bench "ecdsa, syncs off for both" - "$RUNS" \
  "-t ecdsa -N '' -f {out}" "-t ecdsa -N '' -f {out}" "$NOSYNC" true no

# A 1,000-line authorized_keys: 200 distinct keys of every type (made by
# ssh-keygen), each on five lines with different comments.
AUTH=$WORK/authorized_keys
mkdir "$WORK/src"
for n in $(seq 1 200); do
  case $((n % 20)) in
    0) args=(-t rsa -b 2048) ;;
    1) args=(-t ecdsa -b 256) ;;
    2) args=(-t ecdsa -b 384) ;;
    3) args=(-t ecdsa -b 521) ;;
    *) args=(-t ed25519) ;;
  esac
  ssh-keygen -q "${args[@]}" -N '' -C "key$n" -f "$WORK/src/k$n"
done
for copy in 1 2 3 4 5; do
  for n in $(seq 1 200); do
    read -r type blob _ <"$WORK/src/k$n.pub"
    echo "$type $blob user$n-$copy@example.com"
  done
done >"$AUTH"
[ "$(wc -l <"$AUTH")" = 1000 ] || { echo "bench.sh: authorized_keys is not 1000 lines" >&2; exit 1; }

if $SSHGEN fingerprint --help >/dev/null 2>&1; then
  bench "fingerprint, 1,000-line authorized_keys" 0.5 "$RUNS" \
    "fingerprint $AUTH" "-l -f $AUTH"
else
  printf 'fingerprint, 1,000-line authorized_keys\tn/a\tn/a\tn/a\t0.5\t0\n' >>"$RESULTS"
fi

# A 1,000,000-line known_hosts (the 200 keys under 5,000 host names each):
# sshgen streams it (peak RSS below 16 MiB is the target); few runs, since
# each takes seconds.
KNOWN=$WORK/known_hosts
for n in $(seq 1 200); do cut -d' ' -f1,2 "$WORK/src/k$n.pub"; done |
  awk '{ keys[NR] = $0 } END { for (h = 1; h <= 5000; h++) for (k = 1; k <= NR; k++) printf "host%d-%d.example.com %s\n", h, k, keys[k] }' >"$KNOWN"
[ "$(wc -l <"$KNOWN")" = 1000000 ] || { echo "bench.sh: known_hosts is not 1,000,000 lines" >&2; exit 1; }
bench "fingerprint, 1,000,000-line known_hosts" 0.5 "${BIG_RUNS:-3}" \
  "fingerprint $KNOWN" "-l -f $KNOWN"

# ssh-keygen's own command line (sshgen's second front end) on the jobs
# scripts run most: -l, -F and -R over a 100,000-line known_hosts, -y of an
# encrypted key, -p of a key at -a 24.
KNOWN100=$WORK/known_hosts_100k
head -n 100000 "$KNOWN" >"$KNOWN100"
bench "-l, 100,000-line known_hosts" 0.5 "$RUNS" "-l -f $KNOWN100" "-l -f $KNOWN100"
bench "-F host, 100,000-line known_hosts" 0.5 "$RUNS" \
  "-F host400-7.example.com -f $KNOWN100" "-F host400-7.example.com -f $KNOWN100"
bench "-R host, 100,000-line known_hosts" 0.5 "$RUNS" \
  "-R host400-7.example.com -f {out}" "-R host400-7.example.com -f {out}" "" \
  "cp $KNOWN100 {out}"
ssh-keygen -q -t ed25519 -N 'bench pass' -a 24 -f "$WORK/encrypted"
bench "-y, encrypted key (-a 24)" 0.5 "$PASS_RUNS" \
  "-y -P 'bench pass' -f $WORK/encrypted" "-y -P 'bench pass' -f $WORK/encrypted"
bench "-p, key at -a 24" 0.5 "$PASS_RUNS" \
  "-p -P 'bench pass' -N 'new pass' -a 24 -f {out}" "-p -P 'bench pass' -N 'new pass' -a 24 -f {out}" \
  "" "cp $WORK/encrypted {out}"

# Signatures (-Y sign, -Y verify) of 1 KB and 100 MB, and certificates (-s)
# for 1,000 keys in one call. -Y verify reads the data on standard input,
# which hyperfine 1.15 cannot give: both tools run under `sh -c 'exec ...
# <DATA'`, the same shell start for each.
ssh-keygen -q -t ed25519 -N '' -C bench@example.com -f "$WORK/signer"
echo "bench@example.com $(cat "$WORK/signer.pub")" >"$WORK/allowed_signers"
head -c 1024 /dev/urandom >"$WORK/data1k"
head -c 100M /dev/urandom >"$WORK/data100m"
for data in data1k data100m; do
  ssh-keygen -q -Y sign -n file -f "$WORK/signer" "$WORK/$data" 2>/dev/null
  cp "$WORK/$data.sig" "$WORK/$data.keygen-sig"
done
SIGN="-Y sign -n file -f $WORK/signer"
VERIFY="-Y verify -n file -f $WORK/allowed_signers -I bench@example.com"
# (ssh-keygen asks before replacing a FILE.sig, and sshgen as ssh-keygen
# too: each run starts without one.)
bench "-Y sign, 1 KB" 0.5 "$RUNS" "$SIGN $WORK/data1k" "$SIGN $WORK/data1k" "" \
  "rm -f $WORK/data1k.sig"
bench "-Y verify, 1 KB" 0.5 "$RUNS" \
  "$VERIFY -s $WORK/data1k.keygen-sig <$WORK/data1k'" "$VERIFY -s $WORK/data1k.keygen-sig <$WORK/data1k'" \
  "sh -c 'exec "
bench "-Y sign, 100 MB" 1.0 "$PASS_RUNS" "$SIGN $WORK/data100m" "$SIGN $WORK/data100m" "" \
  "rm -f $WORK/data100m.sig"
bench "-Y verify, 100 MB" 1.0 "$PASS_RUNS" \
  "$VERIFY -s $WORK/data100m.keygen-sig <$WORK/data100m'" "$VERIFY -s $WORK/data100m.keygen-sig <$WORK/data100m'" \
  "sh -c 'exec "
rm -f "$WORK/data100m" "$WORK"/data100m.*
mkdir "$WORK/users"
for n in $(seq 1 1000); do
  ssh-keygen -q -t ed25519 -N '' -C "user$n" -f "$WORK/users/u$n"
done
USERS=$(for n in $(seq 1 1000); do printf '%s ' "$WORK/users/u$n.pub"; done)
CERT="-s $WORK/signer -I bench -n user -V +52w"
# Each run certifies keys without certificates; the second row replaces
# the certificates the previous run left, which costs more on disk for
# both: every atomic replace frees the old file.
bench "-s, 1,000 keys in one call" 1.0 "$PASS_RUNS" "$CERT $USERS" "$CERT $USERS" "" \
  "rm -f $WORK/users/*-cert.pub"
bench "-s, 1,000 keys in one call, replacing" 1.0 "$PASS_RUNS" "$CERT $USERS" "$CERT $USERS"

# DH moduli, from fixed starts so that every run sieves the same numbers:
# the sieve at 2048 bits, and the screening of its first 2,000 candidates
# (and of the first 2,000 at 3072 bits), one worker per core for sshgen.
if [ "${MODULI:-yes}" = yes ]; then
  MODULI_DIR=$PWD/target/bench-moduli
  mkdir -p "$MODULI_DIR"
  moduli_start() { # BITS: a number of BITS - 1 bits, the same every time
    python3 -c "import sys; b = int(sys.argv[1]); print('7' + ('0123456789ABCDEF' * b)[:b // 4 - 1])" "$1"
  }
  for bits in 2048 3072; do
    candidates=$MODULI_DIR/candidates-$bits-2000
    if [ ! -s "$candidates" ]; then
      echo "== making 2,000 moduli candidates of $bits bits (once)" >&2
      "$SSHGEN" -M generate -q -O bits=$bits -O start="$(moduli_start $bits)" "$MODULI_DIR/sieved-$bits"
      head -n 2000 "$MODULI_DIR/sieved-$bits" >"$candidates.new"
      [ "$(wc -l <"$candidates.new")" = 2000 ] || { echo "bench.sh: fewer than 2,000 candidates" >&2; exit 1; }
      mv "$candidates.new" "$candidates"
      rm -f "$MODULI_DIR/sieved-$bits"
    fi
  done
  MODULI_RUNS=${MODULI_RUNS:-3}
  GENERATE="-M generate -q -O bits=2048 -O start=$(moduli_start 2048) {out}"
  # Minutes a run for ssh-keygen: one run unless asked.
  bench "-M generate, 2048 bits" 0.5 "${GENERATE_RUNS:-1}" "$GENERATE" "$GENERATE"
  for bits in 2048 3072; do
    SCREEN="-M screen -q -f $MODULI_DIR/candidates-$bits-2000 {out}"
    bench "-M screen, 2,000 candidates of $bits bits" 0.55 "$MODULI_RUNS" "$SCREEN" "$SCREEN"
  done
fi

# Peak resident memory of single runs.
rss_of() {
  /usr/bin/time -v -o "$WORK/rss.txt" "$@" >/dev/null 2>&1
  echo "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/rss.txt") KiB"
}
peak_rss() {
  local out=$WORK/rss
  rm -f "$out" "$out.pub"
  /usr/bin/time -v -o "$WORK/rss.txt" "$@" -f "$out" >/dev/null 2>&1
  echo "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/rss.txt") KiB"
}

python3 - "$RESULTS" <<'PY'
import sys
print("| job | sshgen | ssh-keygen | ratio | target | | musl build | ratio |")
print("|---|---:|---:|---:|---:|---|---:|---:|")
def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
for line in open(sys.argv[1]):
    name, ours, musl, theirs, target, runs = line.rstrip("\n").split("\t")
    if ours == "n/a":
        print(f"| {name} | n/a (fingerprint command not built) | | | ≤ {target} | | | |")
        continue
    ratio = float(ours) / float(theirs)
    if target == "-":
        judged = "(none) | "
    else:
        judged = f"≤ {target} | {'met' if ratio <= float(target) else 'not met'}"
    musl_cells = "| " if musl == "n/a" else f"{fmt(float(musl))} | {float(musl) / float(theirs):.2f}"
    print(f"| {name} | {fmt(float(ours))} | {fmt(float(theirs))} | {ratio:.2f} | {judged} | {musl_cells} |")
PY
echo
echo "Binary sizes: sshgen $(stat -c %s "$SSHGEN") bytes (default build)," \
  "$(stat -c %s "$SSHGEN_MUSL") bytes (musl build); ssh-keygen $(stat -c %s "$(command -v ssh-keygen)") bytes" \
  "plus $(ldd "$(command -v ssh-keygen)" | awk '/libcrypto/ { print $3 }' | xargs stat -L -c %s) bytes of libcrypto."
echo
echo "Peak RSS (/usr/bin/time -v \"Maximum resident set size\"):"
for build in "$SSHGEN" "$SSHGEN_MUSL"; do
  label=$([ "$build" = "$SSHGEN" ] && echo "default build" || echo "musl build")
  echo "- sshgen ($label) -t ed25519 -N '': $(peak_rss "$build" -t ed25519 -N '')"
  echo "- sshgen ($label) -t ed25519 -N pass -a 16: $(peak_rss "$build" -t ed25519 -N 'bench pass' -a 16)"
  echo "- sshgen ($label) -t rsa -b 4096 -N '': $(peak_rss "$build" -t rsa -b 4096 -N '')"
done
echo "- ssh-keygen -t ed25519 -N '': $(peak_rss ssh-keygen -t ed25519 -N '')"
echo "- ssh-keygen -t rsa -b 4096 -N '': $(peak_rss ssh-keygen -t rsa -b 4096 -N '')"
echo "- sshgen fingerprint, 1,000,000-line known_hosts: $(rss_of "$SSHGEN" fingerprint "$KNOWN") (target below 16 MiB)"
echo "- sshgen fingerprint --json, the same: $(rss_of "$SSHGEN" fingerprint --json "$KNOWN")"
echo "- ssh-keygen -l, the same: $(rss_of ssh-keygen -l -f "$KNOWN")"
echo
echo "Conditions: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(ssh -V 2>&1 | cut -d, -f1), hyperfine $(hyperfine --version | cut -d' ' -f2)," \
  "sshgen $($SSHGEN --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))."
