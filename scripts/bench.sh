#!/usr/bin/env bash
# Whole-process benchmark of sshgen against ssh-keygen on this machine.
#
# Builds the Linux release binary, a static musl build (`cargo build --release
# --target $(uname -m)-unknown-linux-musl`), then for each job runs it and
# ssh-keygen in ONE hyperfine run, strictly alternating (run i of sshgen, run i
# of ssh-keygen, run i+1 of sshgen, ...), so both see the same machine load.
# Every run writes a fresh path, deleted beforehand by --prepare. Prints a
# markdown table of medians, the ratio sshgen / ssh-keygen and the target for
# each job, then the peak RSS of generate runs.
#
# Rows without a target show the rest apart:
# - "glibc build": the binary `cargo build --release` makes on a glibc system,
#   dynamically linked. It starts slower (the dynamic loader, glibc's start-up).
# - "syncs off for both": sshgen syncs both key files and their folder before
#   it reports success; ssh-keygen does not. These rows turn syncs into no-ops
#   with libeatmydata, which only reaches a dynamically linked program, so
#   they run the glibc build.
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
SSHGEN=$PWD/target/$MUSL/release/sshgen
SSHGEN_GLIBC=$PWD/target/release/sshgen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results.tsv
: >"$RESULTS"

# bench NAME TARGET RUNS SSHGEN_ARGS SSH_KEYGEN_ARGS [PREFIX [SSHGEN_BINARY [SETUP]]]
# The argument strings use {out} for the fresh output path of each run; PREFIX
# (e.g. "env LD_PRELOAD=...") goes before both commands; SETUP (e.g. "cp KEY
# {out}") runs untimed before each, for jobs that rewrite a file (through sh:
# hyperfine -N runs commands without a shell).
bench() {
  local name=$1 target=$2 runs=$3 ours=$4 theirs=$5 prefix=${6:-} sshgen=${7:-$SSHGEN}
  local setup=${8:-true}
  local json=$WORK/$name.json
  local a="$WORK/a{i}" b="$WORK/b{i}"
  # One untimed run of each first, so both binaries start from the page cache.
  rm -f "$WORK/warm" "$WORK/warm.pub"
  eval "${setup//\{out\}/$WORK/warm}"
  eval "$sshgen ${ours//\{out\}/$WORK/warm}" >/dev/null 2>&1 || true
  rm -f "$WORK/warm" "$WORK/warm.pub"
  eval "${setup//\{out\}/$WORK/warm}"
  eval "ssh-keygen ${theirs//\{out\}/$WORK/warm}" >/dev/null 2>&1 || true
  rm -f "$WORK/warm" "$WORK/warm.pub"
  echo "== $name ($runs runs each, alternating)" >&2
  hyperfine -N --style basic --runs 1 -P i 1 "$runs" \
    --prepare "sh -c \"rm -f $a $a.pub $b $b.pub; ${setup//\{out\}/$a}; ${setup//\{out\}/$b}\"" \
    --export-json "$json" \
    "$prefix$sshgen ${ours//\{out\}/$a}" \
    "${prefix}ssh-keygen ${theirs//\{out\}/$b}" >/dev/null
  python3 - "$json" "$name" "$target" >>"$RESULTS" <<'PY'
import json, statistics, sys
path, name, target = sys.argv[1:]
times = {"sshgen": [], "ssh-keygen": []}
# hyperfine ran sshgen run 1, ssh-keygen run 1, sshgen run 2, ...
for index, result in enumerate(json.load(open(path))["results"]):
    times["sshgen" if index % 2 == 0 else "ssh-keygen"].extend(result["times"])
ours, theirs = statistics.median(times["sshgen"]), statistics.median(times["ssh-keygen"])
print(f"{name}\t{ours}\t{theirs}\t{target}\t{len(times['sshgen'])}")
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

bench "ed25519, glibc build" - "$RUNS" \
  "-t ed25519 -N '' -f {out}" "-t ed25519 -N '' -f {out}" "" "$SSHGEN_GLIBC"
bench "ecdsa, glibc build" - "$RUNS" \
  "-t ecdsa -N '' -f {out}" "-t ecdsa -N '' -f {out}" "" "$SSHGEN_GLIBC"
NOSYNC="env LD_PRELOAD=$EATMYDATA "
bench "ed25519, glibc build, syncs off for both" - "$RUNS" \
  "-t ed25519 -N '' -f {out}" "-t ed25519 -N '' -f {out}" "$NOSYNC" "$SSHGEN_GLIBC"
bench "ecdsa, glibc build, syncs off for both" - "$RUNS" \
  "-t ecdsa -N '' -f {out}" "-t ecdsa -N '' -f {out}" "$NOSYNC" "$SSHGEN_GLIBC"

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
  printf 'fingerprint, 1,000-line authorized_keys\tn/a\tn/a\t0.5\t0\n' >>"$RESULTS"
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
  "-R host400-7.example.com -f {out}" "-R host400-7.example.com -f {out}" "" "$SSHGEN" \
  "cp $KNOWN100 {out}"
ssh-keygen -q -t ed25519 -N 'bench pass' -a 24 -f "$WORK/encrypted"
bench "-y, encrypted key (-a 24)" 0.5 "$PASS_RUNS" \
  "-y -P 'bench pass' -f $WORK/encrypted" "-y -P 'bench pass' -f $WORK/encrypted"
bench "-p, key at -a 24" 0.5 "$PASS_RUNS" \
  "-p -P 'bench pass' -N 'new pass' -a 24 -f {out}" "-p -P 'bench pass' -N 'new pass' -a 24 -f {out}" \
  "" "$SSHGEN" "cp $WORK/encrypted {out}"

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
print("| job | sshgen (median) | ssh-keygen (median) | ratio | target | |")
print("|---|---:|---:|---:|---:|---|")
def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
for line in open(sys.argv[1]):
    name, ours, theirs, target, runs = line.rstrip("\n").split("\t")
    if ours == "n/a":
        print(f"| {name} | n/a (fingerprint command not built) | | | ≤ {target} | |")
        continue
    ratio = float(ours) / float(theirs)
    if target == "-":
        print(f"| {name} | {fmt(float(ours))} | {fmt(float(theirs))} | {ratio:.2f} | (none) | |")
        continue
    met = "met" if ratio <= float(target) else "not met"
    print(f"| {name} | {fmt(float(ours))} | {fmt(float(theirs))} | {ratio:.2f} | ≤ {target} | {met} |")
PY
echo
echo "Peak RSS (/usr/bin/time -v \"Maximum resident set size\"):"
echo "- sshgen -t ed25519 -N '': $(peak_rss "$SSHGEN" -t ed25519 -N '')"
echo "- sshgen -t ed25519 -N pass -a 16: $(peak_rss "$SSHGEN" -t ed25519 -N 'bench pass' -a 16)"
echo "- sshgen -t rsa -b 4096 -N '': $(peak_rss "$SSHGEN" -t rsa -b 4096 -N '')"
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
