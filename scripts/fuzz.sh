#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a bounded time (SECONDS_PER_TARGET,
# default 30), each seeded from tests/fixtures. A crash fails the run and
# leaves its input in fuzz/artifacts/TARGET/; turn it into a regression
# test. Needs cargo-fuzz (`cargo install cargo-fuzz --locked`).
#
# cargo-fuzz's coverage flags need a nightly compiler; RUSTC_BOOTSTRAP
# lets the machine's stable one take them, with no sanitizer (the code has
# no unsafe beyond the Windows ACL module, which is not built here).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${SECONDS_PER_TARGET:-30}
export RUSTC_BOOTSTRAP=1

RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none
corpus_root=$(mktemp -d)
trap 'rm -rf "$corpus_root"' EXIT
for target in $(cargo fuzz list); do
  corpus=$corpus_root/$target
  mkdir -p "$corpus"
  # Fixtures of several folders share names: each seed is named by its path.
  find ../tests/fixtures -type f | while IFS= read -r seed; do
    cp "$seed" "$corpus/$(printf '%s' "$seed" | sha1sum | cut -c1-16)"
  done
  printf '== fuzz %s for %ds\n' "$target" "$seconds"
  cargo fuzz run --sanitizer none "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+: .*DONE|stat::number_of_executed_units|==[0-9]+== ERROR|SUMMARY|Test unit written)' || true
  # cargo fuzz exits non-zero on a crash; with pipefail off for the grep,
  # check the artifacts instead.
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz target $target found a crash: $(ls artifacts/"$target")" >&2
    exit 1
  fi
done
echo "fuzzing: every target ran ${seconds}s without a crash"
