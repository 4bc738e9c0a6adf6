/*
 * Stand-in for Windows' bcryptprimitives.dll, used only to run the
 * x86_64-pc-windows-gnu tests under Wine (see .ci/wine-env.sh).
 *
 * Why: Rust's std (and the getrandom crate) take random bytes from
 * ProcessPrng in bcryptprimitives.dll, which Wine 8 (Debian 12) does not
 * ship, so every Rust exe fails to load there (exit code 53). This DLL
 * exports ProcessPrng and forwards to SystemFunction036 (RtlGenRandom in
 * advapi32), which Wine does implement. Never shipped with sshgen.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll \
 *          processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE; /* real ProcessPrng always returns TRUE */
}
