#!/usr/bin/env bash
# Builds the release artefacts that can be built on Linux, reproducibly:
#
#     scripts/release.sh [OUT_DIR]        (default target/release-artefacts)
#
#   sshgen-VERSION-x86_64-linux-musl       the static Linux binary
#   sshgen-VERSION-x86_64-windows.zip      sshgen.exe, its PowerShell
#                                          completion and the README
#   sshgen_VERSION-1_amd64.deb             the Debian package (cargo deb)
#   SHA256SUMS                             sha256sum's lines for the three
#
# The same source gives the same bytes: every time stamp is
# SOURCE_DATE_EPOCH (default: the last commit's time), the build folder and
# cargo's home are mapped out of the binaries' paths, the Windows linker
# writes no time stamp, and the zip is written in a fixed order. .ci/run
# builds twice and compares the sums.
#
# Needs the musl and Windows targets with their C compilers (musl-gcc, mingw,
# as .ci/run installs them) and cargo-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/release-artefacts}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target/release-build}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
remap="--remap-path-prefix=$PWD=sshgen --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo"
# RUSTFLAGS replaces .cargo/config.toml's flags for a target: those are
# repeated here (the static C runtime on Windows, code folding on Linux).

rm -rf "$out"
mkdir -p "$out"

# The static Linux binary.
RUSTFLAGS="$remap" cargo build --locked --release --target x86_64-unknown-linux-musl
cp "$CARGO_TARGET_DIR/x86_64-unknown-linux-musl/release/sshgen" "$out/sshgen-$version-x86_64-linux-musl"

# Windows: the .exe, zipped with the PowerShell completion and the README.
RUSTFLAGS="$remap -C target-feature=+crt-static -C link-arg=-Wl,--no-insert-timestamp" \
  cargo build --locked --release --target x86_64-pc-windows-gnu
python3 - "$out/sshgen-$version-x86_64-windows.zip" \
  "$CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release/sshgen.exe" completions/_sshgen.ps1 README.md <<'PY'
import os, sys, time, zipfile
target, *files = sys.argv[1:]
# Zip times are local date and time from 1980 on; SOURCE_DATE_EPOCH as UTC.
stamp = time.gmtime(max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800))[:6]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for path in files:
        entry = zipfile.ZipInfo(os.path.basename(path), stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        with open(path, "rb") as f:
            archive.writestr(entry, f.read())
PY

# The Debian package, of the glibc build.
RUSTFLAGS="$remap -C link-arg=-Wl,--icf=all" cargo deb --locked --output "$out/"

(cd "$out" && sha256sum -- sshgen-* sshgen_* >SHA256SUMS)
cat "$out/SHA256SUMS"
