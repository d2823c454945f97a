#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Crash consistency of kfs (issue 9, item 5) for minix, ext2 and vfat.

A seeded workload (mkdir, create and write, overwrite, truncate, fsync,
rename, unlink; and syncfs in power mode) runs against a fresh image; the
run is stopped dead at a crash point; then

  1. the filesystem's own fsck repairs the image (e2fsck -fy, fsck.fat -a -w,
     fsck.minix -af): it must finish with a status that means "repaired"
  2. a read-only fsck (e2fsck -fn, fsck.fat -n, fsck.minix -f) is clean;
  3. the image mounts again (kill mode: through a new kfs daemon; power
     mode: in-process through crashrun --verify), every file reads, a new file
     can be written and the unmount is clean (no warning, no leaked object);
  4. every file that was fsync'ed before the crash and not touched after
     has exactly the contents it had at its fsync (on minix and vfat a point
     where fsck gave such a file's blocks to a stale second claimant is
     reported as KNOWN: see DOUBLE_CLAIM);
  5. the read-only fsck is still clean after that mount.

What "fsync'ed" means: the workload's fsync step fsyncs the file, then
every directory above it up to the root, then every directory the file was
renamed out of since its last fsync, because that is what POSIX asks for a
new or renamed name (and the removal of the old one) to be durable, and
what the kernel filesystems need: minix and ext2 keep directory entries in
the directory's own page cache, which the file's fsync (generic_file_fsync)
does not write; vfat's fat_file_fsync writes the file's directory entry and
the FAT, but long-name slots may sit in another block than the short entry,
and an old entry left behind by a rename shares the file's clusters, which
fsck.fat resolves by truncating one of the two (seen: the fsync'ed one).
A file is "fsync'ed" once all of these returned.  Writing, truncating, renaming or unlinking it
afterwards takes it out of the set (its state after the crash is then any
of the states it went through).  In power mode a completed syncfs (the
"sync" step) makes every file durable.

Modes:
  kill   SIGKILL of the kfs daemon after K operations of the workload (K
         spread over the run), the dead FUSE mount is cleaned up with
         umount -l / fusermount3 -uz.  What the daemon had written (pwrite to
         the image) survives, as it would on a machine that keeps running.
  power  crashrun runs the workload in-process and cuts the power through
         the host-operations table (kfs_fault.h): either at the Nth cache
         flush (that flush never happens; of the writes no flush covered the
         first W survive and the next is torn to T bytes), or between two
         operations.  Nothing that no flush covered is assumed to survive.

Examples:
  tests/crash/crash.py --mode kill --fs ext2 --points 50 --kfs build/fuse/kfs
  tests/crash/crash.py --mode power --fs minix,ext2,vfat --points 200 \\
      --crashrun build/tests/crash/crashrun --seed 7 --ops 120
A failing point prints its seed and crash point, and --only-point N reruns
just that point; --keep leaves the work directory for inspection.
"""
import argparse
import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BAD_LOG = re.compile(r'WARNING: at |BUG: |kfs: leak: |objects never freed|Sanitizer|'
                     r'runtime error')
# After a power cut the device is gone and kernel code may warn (minix_put_super
# dirties a buffer whose write failed, as on a dead disk); nothing else.
BAD_AFTER_CUT = re.compile(r'BUG: |kfs: leak: |objects never freed|Sanitizer|runtime error')

# fs -> (image MiB, mkfs command, repair command, repair statuses that are
# fine, read-only check command)
FS = {
    # Minix v2, not v3: fsck.minix of util-linux 2.38 repairs a v3 image by
    # writing its bitmaps at the wrong offset (over file data) and leaves the
    # bitmap errors in place.  -f: after a crash the super block may still
    # say "clean" (the mount's write of it never reached the image), and
    # fsck.minix -a alone would then check nothing.
    'minix': (8, ['mkfs.minix', '-2'], ['fsck.minix', '-af'], (0, 1, 2, 3),
              ['fsck.minix', '-f']),
    'ext2': (8, ['mkfs.ext2', '-q', '-F', '-I', '128', '-b', '1024'], ['e2fsck', '-fy'],
             (0, 1, 2, 3), ['e2fsck', '-fn']),
    'vfat': (16, ['mkfs.fat', '-F', '16'], ['fsck.fat', '-a', '-w'], (0, 1),
             ['fsck.fat', '-n']),
}


class Failure(Exception):
    pass


# A block (cluster) claimed by two files after the crash, which the fs's fsck
# gives to one of them.  minix and FAT write the allocation maps, the inode
# or directory entry of a file that freed blocks (unlink, truncate) and the
# file that reuses them in no particular order; an fsync makes the reusing
# file durable but not the free.  After the crash the stale owner still
# claims the blocks: e2fsck clones them (both keep their data), fsck.minix
# ("Block has been used before") and fsck.fat ("share clusters") take them
# from one of the two -- sometimes the fsync'ed one.  The same happens with
# these filesystems in the kernel; only then may a fsync'ed file differ,
# and the point is reported as KNOWN, not passed silently.
DOUBLE_CLAIM = re.compile(r"Block has been used before\. Now in file `[^']*'|"
                          r"\S+\s+and\s+\S+\s+share clusters")


class Known(Exception):
    pass


def pattern(seed, length):
    """The bytes crashrun's pattern() gives for a write with this seed."""
    return bytes(((seed * 131 + i * 7 + (i >> 9) * 13) & 0xff) for i in range(length))


# ---------------------------------------------------------------- workload

def make_workload(seed, nops, with_sync):
    """A list of operations (tuples), deterministic from the seed."""
    rng = random.Random(seed)
    dirs = ['.']
    files = {}          # path -> size (enough to choose sensible offsets)
    dirty = set()       # changed since their last fsync: what fsync picks first
    moved_from = {}     # path -> directories it was renamed out of since its fsync
    ops = []
    n = 0
    sizes = [0, 1, 100, 1000, 4096, 5000, 20000, 70000, 300000]
    while len(ops) < nops:
        n += 1
        r = rng.random()
        if r < 0.07 and len(dirs) < 6:
            parent = rng.choice(dirs)
            d = f'd{n}' if parent == '.' else f'{parent}/d{n}'
            dirs.append(d)
            ops.append(('mkdir', d))
        elif r < 0.40 or not files:
            parent = rng.choice(dirs)
            path = f'f{n}' if parent == '.' else f'{parent}/f{n}'
            length = rng.choice(sizes)
            ops.append(('write', path, 0, length, rng.randrange(1, 1 << 20)))
            files[path] = length
            dirty.add(path)
        elif r < 0.52:
            path = rng.choice(sorted(files))
            off = rng.randrange(0, files[path] + 2000)
            length = rng.choice(sizes[1:7])
            ops.append(('write', path, off, length, rng.randrange(1, 1 << 20)))
            files[path] = max(files[path], off + length)
            dirty.add(path)
        elif r < 0.56:
            path = rng.choice(sorted(files))
            size = rng.randrange(0, files[path] + 3000)
            ops.append(('trunc', path, size))
            files[path] = size
            dirty.add(path)
        elif r < 0.82:
            path = rng.choice(sorted(dirty) if dirty else sorted(files))
            old = sorted(moved_from.pop(path, set()))
            ops.append(('fsync', path, ','.join(old)) if old else ('fsync', path))
            dirty.discard(path)
        elif r < 0.90:
            old = rng.choice(sorted(files))
            if rng.random() < 0.4 and len(files) > 1:
                new = rng.choice([p for p in sorted(files) if p != old])
            else:
                parent = rng.choice(dirs)
                new = f'r{n}' if parent == '.' else f'{parent}/r{n}'
            ops.append(('rename', old, new))
            files[new] = files.pop(old)
            dirty.discard(old)
            dirty.add(new)
            src = moved_from.pop(old, set())
            src.add(os.path.dirname(old) or '.')
            moved_from[new] = src
        elif r < 0.96:
            path = rng.choice(sorted(files))
            ops.append(('unlink', path))
            del files[path]
            dirty.discard(path)
            moved_from.pop(path, None)
        elif with_sync:
            ops.append(('sync',))
            dirty.clear()
    return ops


def op_line(op):
    return ' '.join(str(x) for x in op)


class Model:
    """What each file holds, and which files are durable (fsync'ed)."""

    def __init__(self):
        self.files = {}
        self.durable = {}

    def apply(self, op):
        kind = op[0]
        if kind == 'write':
            _, path, off, length, seed = op
            data = self.files.get(path, bytearray())
            if len(data) < off:
                data.extend(bytes(off - len(data)))
            data[off:off + length] = pattern(seed, length)
            self.files[path] = data
            self.durable.pop(path, None)
        elif kind == 'trunc':
            _, path, size = op
            data = self.files[path]
            if len(data) > size:
                del data[size:]
            else:
                data.extend(bytes(size - len(data)))
            self.durable.pop(path, None)
        elif kind == 'fsync':
            self.durable[op[1]] = bytes(self.files[op[1]])
        elif kind == 'rename':
            _, old, new = op
            self.files[new] = self.files.pop(old)
            self.durable.pop(old, None)
            self.durable.pop(new, None)
        elif kind == 'unlink':
            del self.files[op[1]]
            self.durable.pop(op[1], None)
        elif kind == 'sync':
            self.durable = {p: bytes(d) for p, d in self.files.items()}


def durable_after(ops, count):
    m = Model()
    for op in ops[:count]:
        m.apply(op)
    return m.durable


def run_on_mount(mp, op):
    """One operation through a FUSE mount (kill mode)."""
    kind = op[0]
    p = lambda rel: os.path.join(mp, rel)
    if kind == 'mkdir':
        os.mkdir(p(op[1]))
    elif kind == 'write':
        _, path, off, length, seed = op
        fd = os.open(p(path), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if length:
                if os.pwrite(fd, pattern(seed, length), off) != length:
                    raise Failure(f'short write to {path}')
        finally:
            os.close(fd)
    elif kind == 'trunc':
        os.truncate(p(op[1]), op[2])
    elif kind == 'fsync':
        fd = os.open(p(op[1]), os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        parts = op[1].split('/')[:-1]
        while True:
            fd = os.open(p('/'.join(parts)) if parts else mp, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            if not parts:
                break
            parts.pop()
        for d in (op[2].split(',') if len(op) > 2 else []):
            fd = os.open(p(d) if d != '.' else mp, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    elif kind == 'rename':
        os.rename(p(op[1]), p(op[2]))
    elif kind == 'unlink':
        os.unlink(p(op[1]))
    else:
        raise Failure(f'no such operation {kind}')


# ------------------------------------------------------------ the harness

class Harness:
    def __init__(self, args, fs, work):
        self.args = args
        self.fs = fs
        self.work = work
        self.template = os.path.join(work, f'{fs}.template')
        mib, mkfs = FS[fs][0], FS[fs][1]
        with open(self.template, 'wb') as f:
            f.truncate(mib << 20)
        run(mkfs + [self.template], 'mkfs')
        self.img = os.path.join(work, f'{fs}.img')
        self.mp = os.path.join(work, 'mnt')
        os.makedirs(self.mp, exist_ok=True)
        self.logs = []
        self.unreadable = set()
        self.bad_dirs = set()

    def fresh_image(self):
        shutil.copyfile(self.template, self.img)

    def fsck(self, where):
        _, _, repair, fine, check = FS[self.fs]
        self.unreadable = set()
        self.bad_dirs = set()
        self.double_claim = []
        r = subprocess.run(repair + [self.img], capture_output=True, text=True,
                           timeout=600)
        self.double_claim = re.findall(DOUBLE_CLAIM, r.stdout + r.stderr)
        if r.returncode not in fine and not (self.fs == 'minix' and r.returncode == 7):
            raise Failure(f'{where}: {" ".join(repair)} could not repair '
                          f'(status {r.returncode}):\n{r.stdout}{r.stderr}')
        out = self.check_clean(f'{where}, after {" ".join(repair)}')
        if r.returncode not in fine and not self.bad_dirs:
            raise Failure(f'{where}: {" ".join(repair)} could not repair '
                          f'(status {r.returncode}):\n{r.stdout}{r.stderr}')
        return r.returncode

    # What fsck.minix (util-linux 2.38) leaves unrepaired, and the kernel's
    # minix cannot avoid: it writes directory pages, inodes and bitmaps in no
    # particular order, and an fsync writes the whole inode-table block, so
    # after a crash
    #  - a directory entry may name an inode that was never written: fsck.minix
    #    says "The file `X' has mode 00000", exits 0; the kernel's minix_iget
    #    refuses it ("Invalid file type 00000"): EIO;
    #  - a directory's inode may be on the image but not its first block (a
    #    neighbour's fsync wrote the inode block): "bad directory: '.' isn't
    #    first", which fsck.minix -a does not repair (status 4 afterwards).
    # Neither can hold a file that was fsync'ed (with its directories).
    MINIX_KNOWN = re.compile(r"^(Forcing filesystem check on .*|The file `.*' has mode 00000|"
                             r"(.*): bad directory: '\.\.?' isn't (first|second)|"
                             r"Inode \d+ \(mode = \d+\), i_nlinks=\d+, counted=\d+\.|)$")

    def check_clean(self, where):
        check = FS[self.fs][4]
        r = subprocess.run(check + [self.img], capture_output=True, text=True, timeout=600)
        out = r.stdout + r.stderr
        if self.fs == 'minix':
            self.unreadable |= set(p.lstrip('/') for p in
                                   re.findall(r"The file `(.*)' has mode 00000", out))
            bad = set(d.lstrip('/') for d in
                      re.findall(r"^(.*): bad directory: ", out, re.M))
            if r.returncode == 4 and bad and all(self.MINIX_KNOWN.match(line)
                                                 for line in out.splitlines()):
                self.bad_dirs |= bad
                return out
        if r.returncode != 0:
            raise Failure(f'{where}: {" ".join(check)} is not clean '
                          f'(status {r.returncode}):\n{out}')
        return out

    def may_fail(self, rel, err):
        """Whether reading rel after the repair may fail (see MINIX_KNOWN)."""
        if any(rel == d or rel.startswith(d + '/') for d in self.bad_dirs):
            return True
        return err == errno.EIO and rel in self.unreadable

    # ---- kfs daemon

    def start_daemon(self, tag):
        log = os.path.join(self.work, f'daemon.{tag}.log')
        self.logs.append(log)
        lf = open(log, 'w')
        opts = ['-o', self.args.kfs_options] if self.args.kfs_options else []
        proc = subprocess.Popen([self.args.kfs, '-t', self.fs, '-f'] + opts + [self.img, self.mp],
                                stdout=lf, stderr=subprocess.STDOUT)
        lf.close()
        for _ in range(600):
            if os.path.ismount(self.mp):
                return proc, log
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        raise Failure(f'kfs did not mount {self.img}:\n{open(log).read()}')

    def check_log(self, log):
        text = open(log).read()
        if BAD_LOG.search(text):
            raise Failure(f'problems in the daemon log {log}:\n{text}')

    def stop_daemon(self, proc, log):
        r = subprocess.run([self.args.kfs, '-u', self.mp], capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0:
            raise Failure(f'kfs -u failed: {r.stderr}')
        try:
            status = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise Failure('the daemon did not exit after kfs -u')
        if status != 0:
            raise Failure(f'daemon exit status {status}:\n{open(log).read()}')
        self.check_log(log)

    def cleanup_dead_mount(self):
        if subprocess.run(['umount', '-l', self.mp], capture_output=True).returncode != 0:
            subprocess.run(['fusermount3', '-uz', self.mp], capture_output=True)
        if os.path.ismount(self.mp):
            raise Failure(f'cannot clean up the dead mount on {self.mp}')

    def walk_error(self, e):
        rel = os.path.relpath(e.filename, self.mp)
        if not self.may_fail(rel, e.errno):
            raise Failure(f'listing {rel} after the repair: {e}')

    def verify_mounted(self, durable):
        """Through a kfs mount: fsync'ed files intact, every other file reads."""
        lost = []
        for path, want in sorted(durable.items()):
            try:
                with open(os.path.join(self.mp, path), 'rb') as f:
                    got = f.read()
            except OSError as e:
                lost.append(f"fsync'ed file {path}: {e}")
                continue
            if got != want:
                lost.append(f"fsync'ed file {path}: {len(got)} bytes, expected "
                            f"{len(want)}" + (', contents differ' if len(got) == len(want)
                                              else ''))
        for root, _, names in os.walk(self.mp, onerror=self.walk_error):
            for name in names:
                path = os.path.join(root, name)
                try:
                    with open(path, 'rb') as f:
                        f.read()
                except OSError as e:
                    rel = os.path.relpath(path, self.mp)
                    if not self.may_fail(rel, e.errno):
                        raise Failure(f'reading {rel} after the repair: {e}')
        with open(os.path.join(self.mp, 'after-crash'), 'wb') as f:
            f.write(b'x' * 5000)
        return lost

    def judge_lost(self, lost, where):
        """fsync'ed files that differ: a failure, or KNOWN (see DOUBLE_CLAIM)."""
        if not lost:
            return
        if self.double_claim and self.fs in ('minix', 'vfat'):
            raise Known(f'{where}: fsck resolved blocks claimed twice '
                        f'({"; ".join(c.replace(chr(10), " ") for c in self.double_claim[:3])}'
                        f'): {"; ".join(lost)}')
        raise Failure(f'{where}: ' + '; '.join(lost))

    # ---- one crash point of each mode

    def kill_point(self, ops, k):
        self.fresh_image()
        proc, log = self.start_daemon(f'k{k}')
        try:
            for op in ops[:k]:
                run_on_mount(self.mp, op)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            self.cleanup_dead_mount()
        self.check_log(log)
        durable = durable_after(ops, k)
        status = self.fsck(f'killed after {k} operations')
        proc, log = self.start_daemon(f'k{k}.again')
        try:
            lost = self.verify_mounted(durable)
        except BaseException:
            proc.kill()
            proc.wait()
            self.cleanup_dead_mount()
            raise
        self.stop_daemon(proc, log)
        self.check_clean(f'killed after {k} operations, after mounting again')
        self.judge_lost(lost, f'killed after {k} operations')
        return f'K={k}: fsck status {status}, {len(durable)} fsync\'ed files intact'

    def crashrun(self, args, what, bad=BAD_LOG, lost=None):
        r = subprocess.run([self.args.crashrun, self.fs, self.img] + args,
                           capture_output=True, text=True, timeout=600)
        text = r.stdout + r.stderr
        if lost is not None and r.returncode == 1 and not bad.search(text):
            # --verify: only problems with fsync'ed files are judged later
            problems = re.findall(r'^crashrun: (.*)$', r.stderr, re.M)
            if problems and all(p.startswith("fsync'ed ") for p in problems):
                lost.extend(problems)
                return r.stdout
        if r.returncode != 0 or bad.search(text):
            raise Failure(f'{what}: crashrun {" ".join(args)} (status {r.returncode}):\n'
                          f'{text}')
        return r.stdout

    def power_point(self, ops, opsfile, cut):
        self.fresh_image()
        out = self.crashrun([opsfile] + cut, 'power cut', BAD_AFTER_CUT)
        m = re.search(r'completed (\d+)', out)
        if not m:
            raise Failure(f'power cut {cut} never happened: {out}')
        done = int(m.group(1))
        durable = durable_after(ops, done)
        status = self.fsck(f'power cut {" ".join(cut)} after {done} operations')
        manifest = os.path.join(self.work, 'manifest')
        with open(manifest, 'w') as mf:
            for path in sorted(self.unreadable):
                mf.write(f'! {path}\n')
            for path in sorted(self.bad_dirs):
                mf.write(f'! {path}/\n')
            for i, (path, data) in enumerate(sorted(durable.items())):
                host = os.path.join(self.work, f'want.{i}')
                with open(host, 'wb') as f:
                    f.write(data)
                mf.write(f'{path} {host}\n')
        lost = []
        self.crashrun(['--verify', manifest], f'after power cut {" ".join(cut)}', lost=lost)
        self.check_clean(f'power cut {" ".join(cut)}, after mounting again')
        self.judge_lost(lost, f'power cut {" ".join(cut)} after {done} operations')
        return (f'{" ".join(cut)}: {done} operations done, fsck status {status}, '
                f'{len(durable)} fsync\'ed files intact')


def run(cmd, what):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f'{what}: {" ".join(cmd)}: {r.stdout}{r.stderr}')
    return r.stdout


def kill_points(nops, points, rng):
    """K values spread over the run, each jittered."""
    ks = []
    for i in range(points):
        lo = i * nops // points
        hi = max(lo + 1, (i + 1) * nops // points)
        ks.append(rng.randrange(lo, hi) + 1)
    return ks


def power_points(nops, fsyncs, points, rng):
    cuts = []
    for i in range(points):
        writes = rng.choice([0, 0, 1, 2, 3, 5, 8, 1000])
        tear = rng.choice([0, 0, 512, 1024, 1536, 2048, 3072])
        if i % 4 == 3:
            k = rng.randrange(0, nops + 1)
            cuts.append(['--cut-after', str(k), '--writes', str(writes), '--tear', str(tear)])
        else:
            lo = 1 + i * fsyncs // points
            hi = max(lo + 1, 1 + (i + 1) * fsyncs // points)
            n = rng.randrange(lo, hi)
            cuts.append(['--cut-fsync', str(n), '--writes', str(writes), '--tear', str(tear)])
    return cuts


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--mode', choices=['kill', 'power'], required=True)
    ap.add_argument('--fs', default='minix,ext2,vfat', help='comma list (default: all)')
    ap.add_argument('--points', type=int, default=50, help='crash points per filesystem')
    ap.add_argument('--seed', type=int, default=1, help='workload and crash-point seed')
    ap.add_argument('--ops', type=int, default=60, help='operations in the workload')
    ap.add_argument('--kfs', default=os.environ.get('KFS_BIN'), help='the kfs program')
    ap.add_argument('--kfs-options', help='kfs -o options of every mount (kill mode)')
    ap.add_argument('--crashrun', default=os.environ.get('KFS_CRASHRUN'),
                    help='the crashrun program (power mode)')
    ap.add_argument('--only-point', type=int, help='run just this point (1-based)')
    ap.add_argument('--keep', action='store_true', help='keep the work directory')
    ap.add_argument('--keep-going', action='store_true', help='run every point')
    args = ap.parse_args()

    if args.mode == 'kill':
        if not args.kfs:
            ap.error('kill mode needs --kfs')
        if os.geteuid() != 0 or not os.path.exists('/dev/fuse'):
            print('crash.py: kill mode needs root and /dev/fuse', file=sys.stderr)
            return 1        # never a silent skip: CI has both
    elif not args.crashrun:
        ap.error('power mode needs --crashrun')

    work = tempfile.mkdtemp(prefix='kfs-crash.', dir='/dev/shm' if
                            os.path.isdir('/dev/shm') else None)
    failures = 0
    known = 0
    try:
        for fs in args.fs.split(','):
            if fs not in FS:
                ap.error(f'unknown filesystem {fs} (minix, ext2, vfat)')
            h = Harness(args, fs, work)
            rng = random.Random(args.seed * 1000 + sorted(FS).index(fs))
            ops = make_workload(args.seed, args.ops, args.mode == 'power')
            if args.mode == 'kill':
                points = kill_points(len(ops), args.points, rng)
            else:
                opsfile = os.path.join(work, f'{fs}.ops')
                with open(opsfile, 'w') as f:
                    f.write(''.join(op_line(op) + '\n' for op in ops))
                h.fresh_image()
                out = h.crashrun([opsfile], 'the workload without a crash')
                fsyncs = int(re.search(r'fsyncs (\d+)', out).group(1))
                h.check_clean('the workload without a crash')
                print(f'{fs}: {len(ops)} operations, {fsyncs} flushes of the image')
                points = power_points(len(ops), fsyncs, args.points, rng)
            for i, pt in enumerate(points, 1):
                if args.only_point and i != args.only_point:
                    continue
                try:
                    if args.mode == 'kill':
                        res = h.kill_point(ops, pt)
                    else:
                        res = h.power_point(ops, opsfile, pt)
                    print(f'ok   {fs} point {i}: {res}', flush=True)
                except Known as e:
                    known += 1
                    print(f'KNOWN {fs} point {i}: {e}', flush=True)
                except (Failure, subprocess.TimeoutExpired, OSError) as e:
                    if os.environ.get("CRASH_DEBUG"):
                        import traceback
                        traceback.print_exc()
                    failures += 1
                    print(f'FAIL {fs} point {i} (--seed {args.seed} --ops {args.ops} '
                          f'--only-point {i}): {e}', flush=True)
                    if not args.keep_going:
                        return 1
    finally:
        if os.path.ismount(os.path.join(work, 'mnt')):
            subprocess.run(['umount', '-l', os.path.join(work, 'mnt')])
        if args.keep:
            print(f'work directory kept: {work}')
        else:
            shutil.rmtree(work, ignore_errors=True)
    if known:
        print(f'{known} points KNOWN: a fsync\'ed file lost to fsck\'s choice between two '
              f'claims of its blocks (minix/vfat without write ordering, see DOUBLE_CLAIM)')
    print('PASS' if not failures else f'{failures} crash points FAILED')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
