#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""triage.py BIN INPUT...: runs a fuzz target on each input and says whose
bug it is, one line each:

    ours|kernel|clean  INPUT  WHERE  WHAT

"kernel" when the crash (sanitizer report, BUG/panic, WARN, hang) happens in
the kernel tree's code, "ours" when in compat/, fuse/, tools/ or the fuzz
target itself (a leak of kernel objects or an image left open is counted as
ours until a person says otherwise), "clean" when the input no longer fails.
Exit status: 1 when any input is ours, else 0.
"""
import os
import re
import subprocess
import sys

SRC = os.environ.get('KFS_SRCDIR', os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
KSRC = os.environ.get('KFS_KSRC', '')
# Frames that only report a failure somebody else made.
PLUMBING = ('compat/kernel/panic.c', 'compat/host/debug.c', 'tests/fuzz/fuzz_fs.c',
            'compat/include/asm-generic/bug.h', 'compat/include/linux/bug.h')
FRAME = re.compile(r'^\s*#\d+ 0x[0-9a-f]+ in (\S+) (\S+?):(\d+)')
WARN = re.compile(r'WARNING: at (\S+):(\d+) (\S+)')
BUG = re.compile(r'kernel BUG at (\S+):(\d+)')


def owner(path):
    # Paths as the compiler saw them: relative to the build directory.
    while path.startswith('../'):
        path = path[3:]
    if not os.path.isabs(path):
        path = os.path.join(SRC, path)
    path = os.path.normpath(path)
    if KSRC and path.startswith(os.path.normpath(KSRC) + os.sep):
        return 'kernel', os.path.relpath(path, KSRC)
    if 'linux-source' in path or '/kernel/tree/' in path:
        return 'kernel', path
    if path.startswith(os.path.normpath(SRC) + os.sep):
        rel = os.path.relpath(path, SRC)
        # The repository's fs/ holds build files only: a C file there is the tree's.
        return ('kernel' if rel.startswith(('fs/', 'lib/')) else 'ours'), rel
    return None, path


# compat functions that implement a kernel API whose WARN_ON checks the
# caller (fs/inode.c's drop_nlink() warns when i_nlink is already 0): the
# bug is the caller's, not the function's.
CONTRACT_WARNS = ('drop_nlink', 'inc_nlink', 'clear_nlink', 'set_nlink',
                  'mark_buffer_dirty', 'unlock_new_inode', 'ihold', 'iput')


def symbolize(binary, token):
    """'func+0xOFF' or 'BINARY+0xOFF' from a kfs backtrace -> (func, file)."""
    m = re.match(r'(.+)\+0x([0-9a-f]+)$', token)
    if not m:
        return None
    name, off = m.group(1), int(m.group(2), 16)
    if name == os.path.basename(binary):
        addr = off
    else:
        nm = subprocess.run(['nm', '--defined-only', binary], capture_output=True, text=True)
        hit = [l.split()[0] for l in nm.stdout.splitlines() if l.endswith(' ' + name)]
        if not hit:
            return None
        addr = int(hit[0], 16) + off
    # -i: inlined helpers first, the function they were inlined into last.
    a2l = subprocess.run(['addr2line', '-f', '-i', '-e', binary, hex(addr - 1)],
                         capture_output=True, text=True).stdout.splitlines()
    if len(a2l) < 2:
        return None
    return a2l[-2], a2l[-1].split(' ')[0]


def warn_caller(binary, out, func):
    trace = out[out.index('WARNING: at'):].splitlines()[:40]
    for token in re.findall(r'#\d+ 0x[0-9a-f]+ (\S+)', '\n'.join(trace)):
        sym = symbolize(binary, token)
        if not sym or sym[0] in ('kfs_warn', func):
            continue
        who, where = owner(sym[1].rsplit(':', 1)[0])
        return who or 'kernel', '%s %s' % (sym[1], sym[0])
    return None


def classify(out, rc, timed_out, binary=''):
    m = BUG.search(out)
    if m:
        who, where = owner(m.group(1))
        return who or 'kernel', '%s:%s' % (where, m.group(2)), 'BUG'
    if 'Kernel panic' in out:
        what = 'panic'
    elif 'WARN() hit' in out:
        m = WARN.search(out)
        if m:
            who, where = owner(m.group(1))
            if m.group(3).rstrip('()') in CONTRACT_WARNS:
                # The kernel's own check of its callers: whose call was it?
                caller = warn_caller(binary, out, m.group(3).rstrip('()'))
                if caller:
                    cwho, cwhere = caller
                    return cwho, '%s (calling %s)' % (cwhere, m.group(3)), 'WARN'
            return who or 'kernel', '%s:%s %s' % (where, m.group(2), m.group(3)), 'WARN'
        return 'ours', '?', 'WARN'
    elif 'leaked by one mount' in out:
        return 'ours', '?', 'leak of kernel objects (check the allocation sites)'
    elif 'still open after the unmount' in out:
        return 'ours', '?', 'image left open'
    elif timed_out or 'ALARM' in out or 'timeout' in out.lower() and rc != 0:
        what = 'hang'
    else:
        m = re.search(r'ERROR: (\w+Sanitizer: [\w-]+|libFuzzer: [\w -]+)', out)
        what = m.group(1) if m else 'exit status %d' % rc
    if what == 'hang':
        return classify_hang(out)
    for line in out.splitlines():
        f = FRAME.match(line)
        if not f:
            continue
        who, where = owner(f.group(2))
        if who is None:
            continue
        if who == 'ours' and where.startswith(PLUMBING):
            continue
        return who, '%s:%s %s' % (where, f.group(3), f.group(1)), what
    return 'ours', '?', what + ' (no frame in the source trees)'


def _u16(d, off):
    return int.from_bytes(d[off:off + 2], 'little') if len(d) >= off + 2 else None


# Kernel bugs already reported (tests/fuzz/kernel-bugs/FS/README): a test
# that meets one of them again does not fail.  (fs, name, predicate on the
# input's bytes, what the output must show)
KNOWN = [
    # fs/minix/inode.c minix_fill_super: a V3 super block whose block size
    # sb_set_blocksize() refuses jumps to `out` without brelse(bh).
    ('minix', 'minix3-bad-blocksize-leaks-sb-buffer',
     lambda d: _u16(d, 1024 + 24) == 0x4d5a and
     _u16(d, 1024 + 28) not in (512, 1024, 2048, 4096),
     'leaked by one mount'),
]


def known_bug(fs, data, out):
    for kfs, name, pred, shows in KNOWN:
        if kfs == fs and shows in out and pred(data):
            return name
    return None


def classify_hang(out):
    """A thread asleep in a lock or wait when the alarm came is a deadlock,
    ours; one busy in a loop of kernel code is the kernel's own slowness on
    that image (the kernel would spin the same way)."""
    frames = [FRAME.match(l) for l in out.splitlines()]
    frames = [f for f in frames if f]
    blocked = re.search(r'in (pthread_cond_\w*wait|__futex\w*|futex_wait\w*|'
                        r'__lll_lock_wait|sem_\w*wait|schedule\w*|wait_for_completion\w*) ', out)
    first_kernel = next(((f, owner(f.group(2))[1]) for f in frames
                         if owner(f.group(2))[0] == 'kernel'), None)
    first_ours = next(((f, owner(f.group(2))[1]) for f in frames
                       if owner(f.group(2))[0] == 'ours'
                       and not owner(f.group(2))[1].startswith(PLUMBING)), None)
    if blocked or not first_kernel:
        f, where = first_ours or first_kernel or (None, '?')
        return 'ours', '%s:%s %s' % (where, f.group(3), f.group(1)) if f else '?', \
            'hang (blocked)' if blocked else 'hang'
    f, where = first_kernel
    return 'kernel', '%s:%s %s' % (where, f.group(3), f.group(1)), 'hang (busy in kernel code)'


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary = sys.argv[1]
    env = dict(os.environ, KFS_FUZZ_VERBOSE='0', KFS_LEAK_REPORT='0',
               ASAN_OPTIONS='detect_leaks=0:allocator_may_return_null=1:symbolize=1',
               UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1')
    any_ours = False
    for inp in sys.argv[2:]:
        timed_out = False
        try:
            p = subprocess.run([binary, '-timeout=60', '-detect_leaks=0', inp], env=env, capture_output=True,
                               text=True, errors='replace', timeout=180)
            out, rc = p.stdout + p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode(errors='replace') if isinstance(e.stdout, bytes) else (e.stdout or '')
            rc, timed_out = -1, True
        if rc == 0 and not timed_out:
            print('clean  %s' % inp)
            continue
        who, where, what = classify(out, rc, timed_out, binary)
        fs = os.path.basename(binary).replace('fuzz-', '')
        with open(inp, 'rb') as f:
            known = known_bug(fs, f.read(), out)
        if known:
            who, what = 'kernel', what + ' (known: %s)' % known
        any_ours |= who == 'ours'
        print('%-6s %s  %s  %s' % (who, inp, where, what))
    sys.exit(1 if any_ours else 0)


if __name__ == '__main__':
    main()
