#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""kfs benchmark (issue 11): the same workloads, on identical fresh images, on
the host kernel's driver (loop mount), kfs, the Debian peer FUSE server and
kfs-floor (a FUSE server that does no work).  Runs are interleaved between
systems; every figure is a median.  Writes docs/bench/RESULTS-<fs>.md, a
JSON file with every run and an SVG chart.

  bench.py [--fs ext2|vfat|all] [--runs N] [--quick] [--only W[,W]]
           [--systems S[,S]] [--builddir DIR] [--workdir DIR] [--outdir DIR]

Workloads: stream, tree, files, fio, mount (server memory is sampled in all).
Must run as root (loop mounts, drop_caches, FUSE mounts).
"""
import argparse
import ctypes
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import time

libc = ctypes.CDLL(None, use_errno=True)
MiB = 1 << 20

# ------------------------------------------------------------------ helpers


def die(msg):
    print('bench: ' + msg, file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, **kw)


def syncfs(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if libc.syncfs(fd) != 0:
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e), path)
    finally:
        os.close(fd)


def drop_caches():
    os.sync()
    with open('/proc/sys/vm/drop_caches', 'w') as f:
        f.write('3\n')


def is_mounted(mnt, parent_dev):
    try:
        return os.stat(mnt).st_dev != parent_dev
    except OSError:
        return False


def proc_status(pid):
    """VmRSS and VmHWM of a process, in KiB (None when it is gone)."""
    out = {}
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                k, _, v = line.partition(':')
                if k in ('VmRSS', 'VmHWM'):
                    out[k] = int(v.split()[0])
    except OSError:
        return None
    return out


class TooSlow(Exception):
    """A step ran past --limit: recorded as "> LIMIT s", the system is not waited for."""

    def __init__(self, metric):
        super().__init__(metric)
        self.metric = metric


# ------------------------------------------------------------------ systems


class System:
    """One way of serving an image at a mountpoint."""
    fuse = True

    def __init__(self, name, cfg):
        self.name, self.cfg, self.proc = name, cfg, None

    def available(self):
        return None     # None: usable; else why not

    def argv(self, img, mnt):
        raise NotImplementedError

    def mount(self, img, mnt, timeout=60):
        """Returns the mount latency in seconds: start until the mount answers."""
        parent = os.stat(os.path.dirname(mnt)).st_dev
        # a file, not a pipe: a server that logs much must never block on it
        self.logf = open(os.path.join(os.path.dirname(mnt), self.name + '.log'), 'w+b')
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.argv(img, mnt), stdout=subprocess.DEVNULL,
                                     stderr=self.logf, start_new_session=True)
        while not is_mounted(mnt, parent):
            if self.proc.poll() is not None:
                self.logf.seek(0)
                err = self.logf.read()[-2000:].decode(errors='replace').strip()
                self.logf.close()
                self.proc = None
                raise RuntimeError('%s: mount failed: %s' % (self.name, err))
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError('%s: mount did not answer in %d s' % (self.name, timeout))
            time.sleep(0.0005)
        return time.perf_counter() - t0

    def pid(self):
        return self.proc.pid if self.proc else None

    def unmount(self, mnt, timeout=300):
        """Returns the unmount latency: until the server has exited (all durable)."""
        t0 = time.perf_counter()
        run(['umount', mnt])
        self.wait(timeout)
        return time.perf_counter() - t0

    def wait(self, timeout):
        if not self.proc:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise RuntimeError('%s: server did not exit after unmount' % self.name)
        finally:
            self.logf.close()
            self.proc = None


class Kernel(System):
    fuse = False

    def available(self):
        with open('/proc/filesystems') as f:
            types = f.read().split()
        fstype = self.cfg['fs']
        if fstype not in types:
            return 'the host kernel has no %s driver' % fstype
        return None

    def mount(self, img, mnt, timeout=60):
        """
        A loop device with direct I/O: kfs opens the image with O_DIRECT, so
        neither side gets a second cache in the host's page cache of the
        image file (a buffered loop device would give the kernel one).
        """
        t0 = time.perf_counter()
        out = subprocess.run(['losetup', '-f', '--show', '--direct-io=on', img],
                             check=True, capture_output=True, text=True).stdout
        self.loopdev = out.strip()
        try:
            run(['mount', '-t', self.cfg['fs'], self.loopdev, mnt])
        except subprocess.CalledProcessError:
            run(['losetup', '-d', self.loopdev])
            self.loopdev = None
            raise
        return time.perf_counter() - t0

    def unmount(self, mnt, timeout=300):
        t0 = time.perf_counter()
        run(['umount', mnt])
        t = time.perf_counter() - t0
        run(['losetup', '-d', self.loopdev])
        self.loopdev = None
        return t

    def pid(self):
        return None


class Kfs(System):
    def available(self):
        return None if os.access(self.cfg['kfs'], os.X_OK) else 'no %s' % self.cfg['kfs']

    def argv(self, img, mnt):
        opts = self.cfg.get('kfs_opts')
        return [self.cfg['kfs'], '-t', self.cfg['fs'], '-f'] + \
            (['-o', opts] if opts else []) + [img, mnt]

    def unmount(self, mnt, timeout=300):
        t0 = time.perf_counter()
        run([self.cfg['kfs'], '-u', mnt], timeout=timeout)
        self.wait(timeout)
        return time.perf_counter() - t0


class Floor(System):
    def available(self):
        return None if os.access(self.cfg['floor'], os.X_OK) else 'no %s' % self.cfg['floor']

    def argv(self, img, mnt):
        return [self.cfg['floor'], '-f'] + (['-o', 'noopen'] if self.name == 'floor-noopen'
                                            else []) + [mnt]


class Fuse2fs(System):
    def available(self):
        return None if shutil.which('fuse2fs') else 'fuse2fs is not installed'

    def argv(self, img, mnt):
        return ['fuse2fs', '-f', img, mnt]


class Fusefat(System):
    def available(self):
        return None if shutil.which('fusefat') else 'fusefat is not installed'

    def argv(self, img, mnt):
        return ['fusefat', '-f', '-o', 'rw+', img, mnt]


SYSTEMS = {
    'ext2': ['kernel', 'kfs', 'fuse2fs', 'floor'],
    'vfat': ['kernel', 'kfs', 'fusefat', 'floor'],
}
PEER = {'ext2': 'fuse2fs', 'vfat': 'fusefat'}
# Files of workload 3.  FAT directories are unsorted lists that the FAT code
# scans on every lookup and create (as the kernel's own driver does): 20,000
# names in one directory take kfs-vfat over a minute per run, fusefat far
# longer, so FAT gets 5,000 to fit the 20-minute budget.
FILES = {'ext2': 20000, 'vfat': 5000}
CLASSES = {'kernel': Kernel, 'kfs': Kfs, 'fuse2fs': Fuse2fs, 'fusefat': Fusefat,
           'floor': Floor, 'floor-noopen': Floor}


def mkfs(fstype, img, size):
    with open(img, 'wb') as f:
        f.truncate(size)
    if fstype == 'ext2':
        # -I 128: the host's ext4-for-ext2 and fs/ext2 read the same inodes
        run(['mkfs.ext2', '-q', '-F', '-I', '128', '-b', '4096', img])
    else:
        run(['mkfs.vfat', '-F', '32', img])


# ---------------------------------------------------------------- workloads


class Bench:
    def __init__(self, args, fstype):
        self.a, self.fs = args, fstype
        self.work = os.path.join(args.workdir, fstype)
        self.mnt = os.path.join(self.work, 'mnt')
        self.img = os.path.join(self.work, 'image')
        os.makedirs(self.mnt, exist_ok=True)
        q = args.quick
        self.stream_size = (8 if q else args.stream_mib) * MiB
        self.nfiles = 200 if q else (args.files or FILES[fstype])
        self.fio_size = (16 if q else args.fio_mib) * MiB
        self.fio_time = 1 if q else args.fio_seconds
        self.image_size = max(2 * self.stream_size, self.fio_size + 256 * MiB, 1 << 30)
        self.results = {}    # system -> metric -> [values]
        self.toolong = {}    # (system, metric) -> the limit it ran past
        self.once = set()    # (system, workload) run once only: too slow to repeat
        self.mem = {}        # system -> {'idle': [...], 'peak': [...]}
        cfg = {'fs': fstype, 'kfs': os.path.join(args.builddir, 'fuse', 'kfs'),
               'floor': os.path.join(args.builddir, 'tools', 'bench', 'kfs-floor'),
               'kfs_opts': args.kfs_opts}
        names = list(SYSTEMS[fstype])
        if args.systems:
            # "+name" adds to the defaults, a plain list replaces them
            extra = [n[1:] for n in args.systems if n.startswith('+')]
            plain = [n for n in args.systems if not n.startswith('+')]
            names = (plain or names) + [n for n in extra if n not in (plain or names)]
        self.systems, self.skipped = [], {}
        for n in names:
            if n not in CLASSES:
                die('unknown system %s (known: %s)' % (n, ', '.join(CLASSES)))
            s = CLASSES[n](n, cfg)
            why = s.available()
            if why:
                self.skipped[n] = why
            else:
                self.systems.append(s)

    def record(self, sysname, metric, value):
        self.results.setdefault(sysname, {}).setdefault(metric, []).append(value)

    # a fresh image, mounted; returns the mount latency
    def fresh(self, s):
        mkfs(self.fs, self.img, self.image_size)
        lat = s.mount(self.img, self.mnt)
        self.sample_mem(s, 'idle')
        return lat

    def sample_mem(self, s, kind):
        pid = s.pid()
        st = proc_status(pid) if pid else None
        if st:
            m = self.mem.setdefault(s.name, {})
            if kind == 'idle':
                m.setdefault('idle_rss', []).append(st['VmRSS'] / 1024)
            m.setdefault('peak_hwm', []).append(st['VmHWM'] / 1024)

    def done(self, s):
        self.sample_mem(s, 'peak')
        return s.unmount(self.mnt)

    def durable(self, s):
        """
        Everything on the image: syncfs, then the unmount.  syncfs alone is
        not enough for a FUSE server: the host kernel sends FUSE_SYNCFS only
        to virtiofs, so a daemon's own cache is written when it unmounts.
        The floor keeps its names in the process: it is not unmounted (it
        has nothing to write), its caches in the host are dropped instead.
        """
        syncfs(self.mnt)
        if isinstance(s, Floor):
            return
        self.sample_mem(s, 'peak')
        s.unmount(self.mnt)

    def cold(self, s):
        """After durable(): the host's caches dropped, mounted again."""
        drop_caches()
        if not isinstance(s, Floor):
            s.mount(self.img, self.mnt)

    # 1: streaming write and read, caches dropped in between
    def w_stream(self, s):
        self.fresh(s)
        path = os.path.join(self.mnt, 'stream')
        chunk = os.urandom(MiB)
        t0 = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        for _ in range(self.stream_size // MiB):
            os.write(fd, chunk)
        os.close(fd)
        self.durable(s)
        t = time.perf_counter() - t0
        self.record(s.name, 'stream write MB/s', self.stream_size / t / 1e6)
        self.cold(s)
        t0 = time.perf_counter()
        fd = os.open(path, os.O_RDONLY)
        n = 0
        while True:
            b = os.read(fd, MiB)
            if not b:
                break
            n += len(b)
        os.close(fd)
        t = time.perf_counter() - t0
        if n != self.stream_size:
            raise RuntimeError('%s: read back %d bytes of %d' % (s.name, n, self.stream_size))
        self.record(s.name, 'stream read MB/s', n / t / 1e6)
        self.done(s)

    def walk_read(self, root):
        nfiles = 0
        for d, dirs, files in os.walk(root):
            for name in dirs:
                os.lstat(os.path.join(d, name))
            for name in files:
                p = os.path.join(d, name)
                os.lstat(p)
                with open(p, 'rb', buffering=0) as f:
                    while f.read(MiB):
                        pass
                nfiles += 1
        return nfiles

    # 2: unpack a real tree; walk and read it cold, then warm; rm -rf
    def w_tree(self, s):
        self.fresh(s)
        t0 = time.perf_counter()
        run(['tar', '-x', '-f', self.a.tree_tar, '-C', self.mnt, '--no-same-owner',
             '--no-same-permissions', '-m'])
        self.durable(s)
        self.record(s.name, 'unpack s', time.perf_counter() - t0)
        self.cold(s)
        for label in ('walk cold s', 'walk warm s'):
            t0 = time.perf_counter()
            n = self.walk_read(self.mnt)
            self.record(s.name, label, time.perf_counter() - t0)
            if n != self.a.tree_files:
                raise RuntimeError('%s: walk found %d files, the tar has %d' %
                                   (s.name, n, self.a.tree_files))
        t0 = time.perf_counter()
        run(['rm', '-rf', os.path.join(self.mnt, 'fs')])
        self.durable(s)
        self.record(s.name, 'rm -rf s', time.perf_counter() - t0)
        if isinstance(s, Floor):
            self.done(s)

    # 3: create, stat, unlink N empty files in one directory, in 100
    def w_files(self, s):
        slow = None
        for label, ndirs in (('1 dir', 1), ('100 dirs', 100)):
            try:
                self.files_in(s, label, ndirs)
            except TooSlow as e:
                # cut off: the other layout still runs
                self.cleanup_mount()
                self.toolong[(s.name, e.metric)] = self.a.limit
                slow = e
        if slow:
            raise slow

    def files_in(self, s, label, ndirs):
        self.fresh(s)
        base = os.path.join(self.mnt, 'd%d' % ndirs)
        os.mkdir(base)
        per = self.nfiles // ndirs
        dirs = [os.path.join(base, 'd%03d' % i) for i in range(ndirs)] if ndirs > 1 else [base]
        paths = [os.path.join(d, 'f%05d' % i) for d in dirs for i in range(per)]
        t0 = time.perf_counter()
        for d in dirs if ndirs > 1 else []:
            os.mkdir(d)
        for i, p in enumerate(paths):
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            if i % 256 == 0 and time.perf_counter() - t0 > self.a.limit:
                raise TooSlow('create %s s' % label)
        self.durable(s)
        self.record(s.name, 'create %s s' % label, time.perf_counter() - t0)
        self.cold(s)
        t0 = time.perf_counter()
        for p in paths:
            os.lstat(p)
        self.record(s.name, 'stat %s s (cold)' % label, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for i, p in enumerate(paths):
            os.unlink(p)
            if i % 256 == 0 and time.perf_counter() - t0 > self.a.limit:
                raise TooSlow('unlink %s s' % label)
        self.durable(s)
        self.record(s.name, 'unlink %s s' % label, time.perf_counter() - t0)
        if isinstance(s, Floor):
            self.done(s)

    def w_fio(self, s):
        self.fresh(s)
        path = os.path.join(self.mnt, 'fio')
        chunk = os.urandom(MiB)
        with open(path, 'wb') as f:
            for _ in range(self.fio_size // MiB):
                f.write(chunk)
        syncfs(self.mnt)
        for rw in ('randread', 'randwrite'):
            for jobs in (1, 4):
                cmd = ['fio', '--name=bench', '--filename=' + path, '--rw=' + rw,
                       '--bs=4k', '--size=%d' % self.fio_size, '--ioengine=psync',
                       '--direct=1', '--numjobs=%d' % jobs, '--group_reporting',
                       '--time_based', '--runtime=%d' % self.fio_time,
                       '--output-format=json']
                out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
                j = json.loads(out[out.index('{'):])['jobs'][0]
                iops = j['read' if rw == 'randread' else 'write']['iops']
                self.record(s.name, '%s %dj IOPS' % (rw, jobs), iops)
        self.done(s)

    # 5: mount and unmount latency (an empty fresh image)
    def w_mount(self, s):
        lat = self.fresh(s)
        self.record(s.name, 'mount ms', lat * 1e3)
        self.record(s.name, 'unmount ms', self.done(s) * 1e3)

    def cleanup_mount(self):
        if os.path.ismount(self.mnt):
            subprocess.run(['umount', '-l', self.mnt], stderr=subprocess.DEVNULL)
        for s in self.systems:
            if getattr(s, 'loopdev', None):
                subprocess.run(['losetup', '-d', s.loopdev], stderr=subprocess.DEVNULL)
                s.loopdev = None
        for s in self.systems:
            if s.proc:
                try:
                    os.killpg(s.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                s.proc.wait()
                s.logf.close()
                s.proc = None

    def run_all(self, workloads):
        for r in range(self.a.runs):
            for w in workloads:
                for s in self.systems:
                    if (s.name, w) in self.once:
                        continue
                    log('[%s run %d/%d] %s on %s' % (self.fs, r + 1, self.a.runs, w, s.name))
                    t0 = time.perf_counter()
                    try:
                        getattr(self, 'w_' + w)(s)
                    except TooSlow as e:
                        self.cleanup_mount()
                        self.toolong[(s.name, e.metric)] = self.a.limit
                        self.once.add((s.name, w))
                        log('  %s on %s: past %d s, not repeated' % (e.metric, s.name,
                                                                    self.a.limit))
                        continue
                    except Exception as e:
                        self.cleanup_mount()
                        raise RuntimeError('%s on %s: %s' % (w, s.name, e)) from e
                    if time.perf_counter() - t0 > self.a.once_after:
                        self.once.add((s.name, w))
                        log('  %s on %s took %.0f s: one run only' %
                            (w, s.name, time.perf_counter() - t0))
        for name, m in self.mem.items():
            self.results.setdefault(name, {})['idle RSS MiB'] = m.get('idle_rss', [])
            self.results[name]['peak RSS MiB'] = [max(m.get('peak_hwm', [0]))]
        if os.path.exists(self.img):
            os.unlink(self.img)


# ------------------------------------------------------------------- report

HIGHER_IS_BETTER = ('MB/s', 'IOPS')


def machine():
    cpu = '?'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    return '%d CPUs (%s), Linux %s, %d MiB RAM' % (
        os.cpu_count(), cpu, platform.release(),
        os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // MiB)


def fmt(v):
    if v is None:
        return 'n/a'
    if v >= 100:
        return '%.0f' % v
    if v >= 10:
        return '%.1f' % v
    return '%.3g' % v


def ratio(metric, v, ref):
    """How many times slower (>1) than the reference, for any metric."""
    if v is None or ref is None or v <= 0 or ref <= 0:
        return None
    return ref / v if metric.endswith(HIGHER_IS_BETTER) else v / ref


def report(b, out_dir, meta):
    fs = b.fs
    names = [s.name for s in b.systems]
    metrics = []
    for n in names:
        for m in b.results.get(n, {}):
            if m not in metrics:
                metrics.append(m)
    med = {n: {m: (statistics.median(v) if v else None)
               for m, v in b.results.get(n, {}).items()} for n in names}
    peer = PEER[fs]
    refs = [r for r in ('kernel', 'floor', peer) if r in names]
    lines = ['<!-- SPDX-License-Identifier: GPL-2.0-only -->',
             '# kfs benchmark: %s' % fs, '',
             '- date: %s' % meta['date'],
             '- machine: %s' % meta['machine'],
             '- kernel tree: %s' % meta['tree'],
             '- kfs build: %s' % meta['build'],
             '- runs: %d per figure, interleaved between systems; figures are medians%s' %
             (b.a.runs, ' (QUICK MODE: tiny sizes, not a measurement)' if b.a.quick else ''),
             '- sizes: stream %d MiB, tree %s (%d files), %d files, fio %d MiB file, '
             '%d s per fio job' % (b.stream_size // MiB, os.path.basename(b.a.tree_tar),
                                   b.a.tree_files, b.nfiles, b.fio_size // MiB, b.fio_time),
             '- command: `%s`' % meta['command'], '']
    for n, why in b.skipped.items():
        lines.append('- %s: n/a (%s)' % (n, why))
    if b.skipped:
        lines.append('')
    lines.append('Time (s), latency (ms) and memory (MiB): lower is better; MB/s and IOPS: '
                 'higher is better. Ratios are "times slower than" the reference '
                 '(>1: slower), for every metric.')
    lines.append('')
    hdr = '| metric | ' + ' | '.join(names) + ' | ' + ' | '.join(
        'kfs / %s' % r for r in refs if r != 'kfs') + ' |'
    lines.append(hdr)
    lines.append('|' + '---|' * (1 + len(names) + len([r for r in refs if r != 'kfs'])))
    for (n, m) in b.toolong:
        if m not in metrics:
            metrics.append(m)
    for m in metrics:
        row = []
        for n in names:
            if (n, m) in b.toolong:
                row.append('> %d' % b.toolong[(n, m)])
                continue
            v = fmt(med[n].get(m))
            k = len(b.results.get(n, {}).get(m, []))
            if v != 'n/a' and k < b.a.runs and 'RSS' not in m:
                v += ' (%d run%s)' % (k, 's' if k > 1 else '')
            row.append(v)
        rat = []
        for r in refs:
            if r == 'kfs':
                continue
            x = ratio(m, med.get('kfs', {}).get(m), med[r].get(m))
            if x is None and (r, m) in b.toolong:
                rat.append('< %.3gx' % (b.toolong[(r, m)] / med['kfs'][m])
                           if med.get('kfs', {}).get(m) else 'n/a')
                continue
            rat.append('%.3gx' % x if x else 'n/a')
        lines.append('| %s | %s | %s |' % (m, ' | '.join(row), ' | '.join(rat)))
    lines.append('')
    lines.append('Chart: ![%s](bench-%s.svg) (time relative to the floor, log scale).' % (fs, fs))
    lines.append('')
    os.makedirs(out_dir, exist_ok=True)
    md = os.path.join(out_dir, 'RESULTS-%s.md' % fs)
    with open(md, 'w') as f:
        f.write('\n'.join(lines))
    with open(os.path.join(out_dir, 'results-%s.json' % fs), 'w') as f:
        json.dump({'meta': meta, 'runs': b.results, 'skipped': b.skipped}, f, indent=1)
    chart(b, out_dir, names, metrics, med)
    log('wrote %s' % md)
    return md


def chart(b, out_dir, names, metrics, med):
    if not shutil.which('gnuplot') or 'floor' not in names:
        return
    data = os.path.join(b.work, 'chart.dat')
    rows = []
    for m in metrics:
        if 'RSS' in m:
            continue
        vals = [ratio(m, med[n].get(m), med['floor'].get(m)) for n in names]
        if any(vals):
            rows.append('"%s" %s' % (m, ' '.join('%.4g' % v if v else '-' for v in vals)))
    if not rows:
        return
    with open(data, 'w') as f:
        f.write('\n'.join(rows) + '\n')
    svg = os.path.join(out_dir, 'bench-%s.svg' % b.fs)
    cols = ', '.join('"%s" using %d:xtic(1) title "%s"' % (data if i == 0 else '', i + 2, n)
                     for i, n in enumerate(names))
    script = '''set terminal svg size 1100,520 dynamic font "sans,11"
set output "%s"
set title "%s: time relative to kfs-floor (1 = the floor; lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y 2
set yrange [0.01:*]
set grid ytics
set xtics rotate by -35 scale 0
set key outside right top
set datafile missing "-"
plot %s
''' % (svg, b.fs, cols)
    r = subprocess.run(['gnuplot'], input=script, text=True, capture_output=True)
    if r.returncode:
        log('bench: no chart (gnuplot: %s)' % r.stderr.strip().splitlines()[-1:])


# --------------------------------------------------------------------- main


def make_tar(args):
    """The kernel tree's fs/ directory as a tar, built once."""
    src = args.tree_src or os.path.join(args.ksrc, 'fs')
    if not os.path.isdir(src):
        die('no directory %s (--ksrc, --tree-src)' % src)
    tar = os.path.join(args.workdir, 'tree-%s.tar' % src.strip('/').replace('/', '_'))
    if not os.path.exists(tar):
        tmp = tar + '.tmp'
        with tarfile.open(tmp, 'w') as t:
            t.add(src, arcname='fs')     # always unpacked as fs/
        os.rename(tmp, tar)
    with tarfile.open(tar) as t:
        args.tree_files = sum(1 for m in t.getmembers() if m.isfile())
    args.tree_tar = tar


def tree_version(ksrc):
    try:
        with open(os.path.join(ksrc, 'Makefile')) as f:
            v = {}
            for line in f:
                k, _, val = line.partition('=')
                k = k.strip()
                if k in ('VERSION', 'PATCHLEVEL', 'SUBLEVEL') and k not in v:
                    v[k] = val.strip()
            return '%s.%s.%s' % (v['VERSION'], v['PATCHLEVEL'], v['SUBLEVEL'])
    except (OSError, KeyError):
        return 'unknown'


def build_info(builddir):
    try:
        out = subprocess.run(['meson', 'introspect', '--buildoptions', builddir],
                             capture_output=True, text=True, check=True).stdout
        opts = {o['name']: o['value'] for o in json.loads(out)}
        return 'buildtype=%s, debug_checks=%s' % (opts.get('buildtype'),
                                                   opts.get('debug_checks'))
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 'unknown'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--fs', default='all', choices=['ext2', 'vfat', 'all'])
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--quick', action='store_true',
                   help='one run on tiny sizes: checks the harness, measures nothing')
    p.add_argument('--only', help='comma list of: stream, tree, files, fio, mount')
    p.add_argument('--systems', help='comma list (default: kernel, kfs, the peer, floor; '
                   'also floor-noopen); +NAME adds to the default')
    p.add_argument('--builddir', default=os.path.join(top, 'build'))
    p.add_argument('--ksrc', help='kernel tree (default: the build\'s)')
    p.add_argument('--workdir', default='/var/tmp/kfs-bench')
    p.add_argument('--outdir', default=os.path.join(top, 'docs', 'bench'))
    p.add_argument('--tree-src', help='directory unpacked by the tree workload '
                   '(default: the kernel tree\'s fs/)')
    p.add_argument('--stream-mib', type=int, default=512,
                   help='streaming file size (issue 11 says 1024; 512 fits the 20 minutes)')
    p.add_argument('--files', type=int, help='files of workload 3 (default: 20000, vfat 5000)')
    p.add_argument('--fio-mib', type=int, default=512)
    p.add_argument('--fio-seconds', type=int, default=2)
    p.add_argument('--kfs-opts', help='extra -o options for kfs')
    p.add_argument('--limit', type=int, default=20,
                   help='seconds a create/unlink step may take before it is cut off')
    p.add_argument('--once-after', type=int, default=30,
                   help='a workload that took longer on a system is not repeated there')
    a = p.parse_args()
    if os.geteuid() != 0:
        die('must run as root (loop mounts, FUSE mounts, drop_caches)')
    if a.quick:
        a.runs = 1
    a.systems = a.systems.split(',') if a.systems else None
    workloads = ['stream', 'tree', 'files', 'fio', 'mount']
    if a.only:
        bad = [w for w in a.only.split(',') if w not in workloads]
        if bad:
            die('unknown workload %s (known: %s)' % (','.join(bad), ', '.join(workloads)))
        workloads = a.only.split(',')
    if not a.ksrc:
        a.ksrc = '/tmp/k/linux-source-6.1'
        try:
            out = subprocess.run(['meson', 'introspect', '--buildoptions', a.builddir],
                                 capture_output=True, text=True, check=True).stdout
            ks = [o['value'] for o in json.loads(out) if o['name'] == 'kernel_src']
            if ks and ks[0]:
                a.ksrc = ks[0]
            elif os.path.isdir(os.path.join(a.builddir, 'kernel', 'linux', 'fs')):
                a.ksrc = os.path.join(a.builddir, 'kernel', 'linux')
        except (OSError, subprocess.CalledProcessError, ValueError):
            pass
    os.makedirs(a.workdir, exist_ok=True)
    make_tar(a)
    meta = {'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
            'machine': machine(), 'tree': '%s (%s)' % (tree_version(a.ksrc), a.ksrc),
            'build': '%s (%s)' % (a.builddir, build_info(a.builddir)),
            'command': ' '.join(['bench.py'] + sys.argv[1:])}
    t0 = time.time()
    for fs in (['ext2', 'vfat'] if a.fs == 'all' else [a.fs]):
        b = Bench(a, fs)
        b.run_all(workloads)
        report(b, a.outdir, meta)
    log('total %.0f s' % (time.time() - t0))


if __name__ == '__main__':
    main()
