# shellcheck shell=bash
# .ci/wine-env.sh: set up this shell to build sshgen for Windows and run its
# tests under Wine 8 (Debian 12). Source it from the repository, don't run it:
#
#     . .ci/wine-env.sh
#     trap sshgen_wine_stop EXIT    # optional; or call it when done
#     cargo test --target x86_64-pc-windows-gnu
#     sshgen_wine_stop              # stops every Wine process of the prefix
#
# Each step runs only when needed (a second source takes about a second):
#   1. installs Debian's gcc-mingw-w64-x86-64, wine and wine64 (apt-get, quiet);
#   2. adds the rustup target x86_64-pc-windows-gnu;
#   3. exports WINEPREFIX (default ~/.cache/sshgen-wine), WINEARCH=win64,
#      WINEDEBUG=-all, WINEDLLOVERRIDES (no Mono/Gecko prompts) and
#      CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine (on Debian 12 the wine64
#      package puts no `wine64` on PATH; /usr/bin/wine runs
#      /usr/lib/wine/wine64 itself);
#   4. makes a 64-bit Wine prefix at $WINEPREFIX, with Wine's "null" graphics
#      driver: no window ever shows, with or without DISPLAY;
#   5. builds .ci/processprng.c into the prefix's system32 as
#      bcryptprimitives.dll, which Wine 8 lacks and every Rust exe needs;
#   6. starts a persistent wineserver, Wine's services and desktop, and a hidden
#      notepad.exe that keeps the desktop (and so the clipboard) alive, all
#      with /dev/null as stdio. Started later by a test exe instead, they
#      would hold that exe's stdout/stderr pipes open: `Command::output()` in
#      a test, or `cargo test | tee`, would then wait forever.
#
# Works with no terminal, no stdin and no DISPLAY (CI). Safe under
# `set -euo pipefail`; leaves the caller's shell options and traps alone. On
# failure it prints why and returns 1 (which ends a `set -e` caller).

_sshgen_wine_setup() {
    local ci_dir src dll log p st installed keeper_pid
    local -a sudo=() missing=()

    ci_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || return 1
    src=$ci_dir/processprng.c
    log=$(mktemp "${TMPDIR:-/tmp}/wine-env.XXXXXX") || return 1
    # Prints the step's log and the reason, cleans up, and fails.
    _sshgen_wine_fail() {
        cat "$log" >&2
        echo "wine-env: $1" >&2
        rm -f "$log"
        return 1
    }

    # 1. Debian packages.
    for p in gcc-mingw-w64-x86-64 wine wine64; do
        st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || st=
        [[ $st == *" installed" ]] || missing+=("$p")
    done
    if ((${#missing[@]})); then
        ((EUID == 0)) || sudo=(sudo -n)
        echo "wine-env: installing ${missing[*]}" >&2
        { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
              apt-get -o DPkg::Lock::Timeout=900 -qq update &&
          "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
              apt-get -o DPkg::Lock::Timeout=900 -qq install -y \
              --no-install-recommends "${missing[@]}"; } </dev/null >"$log" 2>&1 ||
            { _sshgen_wine_fail "apt-get failed"; return 1; }
    fi

    # 2. Rust target.
    installed=$(rustup target list --installed 2>/dev/null) || installed=
    if ! grep -qx x86_64-pc-windows-gnu <<<"$installed"; then
        rustup target add x86_64-pc-windows-gnu </dev/null >"$log" 2>&1 ||
            { _sshgen_wine_fail "rustup target add x86_64-pc-windows-gnu failed"; return 1; }
    fi

    # 3. Environment (Wine needs it from here on).
    export WINEPREFIX="${WINEPREFIX:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/sshgen-wine}"
    export WINEARCH=win64
    export WINEDEBUG=-all
    export WINEDLLOVERRIDES="mscoree,mshtml="
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine

    # 4. Wine prefix. The marker is written last, so a run cut short is redone
    # (wineboot -i on a half-made prefix completes it).
    if [[ ! -f $WINEPREFIX/.sshgen-wine-ready ]]; then
        echo "wine-env: creating Wine prefix $WINEPREFIX" >&2
        mkdir -p "$WINEPREFIX" || { _sshgen_wine_fail "cannot create $WINEPREFIX"; return 1; }
        # wineserver -w: wait until the server has written the registry out.
        { env -u DISPLAY -u WAYLAND_DISPLAY wineboot -i &&
          wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f &&
          wineserver -w; } </dev/null >"$log" 2>&1 ||
            { _sshgen_wine_fail "wineboot failed"; return 1; }
        touch "$WINEPREFIX/.sshgen-wine-ready"
    fi

    # 5. ProcessPrng shim, rebuilt when the source is newer.
    dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
    if [[ ! -f $dll || $src -nt $dll ]]; then
        if ! { x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -o "$dll.tmp" "$src" -ladvapi32 &&
               mv -f "$dll.tmp" "$dll"; } >"$log" 2>&1; then
            rm -f "$dll.tmp"
            _sshgen_wine_fail "building $src failed"
            return 1
        fi
    fi
    rm -f "$log"
    unset -f _sshgen_wine_fail

    # 6. Background Wine processes, unless a previous source left them running.
    keeper_pid=$(cat "$WINEPREFIX/.sshgen-keeper.pid" 2>/dev/null) || keeper_pid=
    if [[ -z $keeper_pid ]] || ! grep -qs notepad.exe "/proc/$keeper_pid/cmdline"; then
        # -p fails (harmlessly) when a server runs already.
        wineserver -p </dev/null >/dev/null 2>&1 || true
        wineboot </dev/null >/dev/null 2>&1 || true
        # In a subshell, so that the caller's `wait` never waits for it.
        # The full path makes wine run it directly (no start.exe), so $! is its pid.
        ( setsid wine 'C:\windows\system32\notepad.exe' </dev/null >/dev/null 2>&1 &
          echo $! >"$WINEPREFIX/.sshgen-keeper.pid" )
    fi
    return 0
}

# Stops every Wine process of $WINEPREFIX, wineserver included, and waits.
sshgen_wine_stop() {
    wineserver -k </dev/null >/dev/null 2>&1 || true
    wineserver -w </dev/null >/dev/null 2>&1 || true
    rm -f "${WINEPREFIX:?}/.sshgen-keeper.pid"
}

if _sshgen_wine_setup; then
    unset -f _sshgen_wine_setup
else
    unset -f _sshgen_wine_setup _sshgen_wine_fail
    # shellcheck disable=SC2317
    return 1 2>/dev/null || exit 1
fi
