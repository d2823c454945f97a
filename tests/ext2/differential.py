#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Differential test of ext2: kfs against a reference kernel driver.

Two references (--reference):

host (default): the host kernel's driver (loop; ext4 serves ext2 there).
For each seed: one fresh `mkfs.ext2 -I 128` image, copied; copy A mounted by
kfs (FUSE), copy B by the host kernel.  A seeded generator picks random
file-system operations (create, write at an offset, truncate, mkdir,
rename, including over existing names, link, unlink, rmdir, symlink, chmod,
chown, utimens, setxattr, removexattr, setting ACLs, fsync) on names from a
small pool, so that they collide; each is applied to A and to B and the
outcomes (return value or errno) must be equal.  At the end the two trees
must be equal (names, types, sizes, modes, owners, link counts, contents,
symlink targets, xattrs, ACLs, explicitly set times), both images must be
`e2fsck -fn` clean after unmounting, and each driver must read the other's
image the same way.  Known differences (ERRATA.md) are not exercised: link
counts stay far below 32000, rename uses no flags, and times are compared
only where utimens set them (in whole seconds, as 128-byte inodes store
them), and atime never: reads served from the host's page cache of a FUSE
mount never reach the filesystem, so relatime updates the host's copy only.

uml: the real 6.1 fs/ext2 inside User-Mode Linux (tests/uml/uml.py), the
same code kfs runs, so the comparison is exact, with more operations:
renameat2 with every flag, mknod (fifos, devices), O_APPEND writes, O_DIRECT
writes and reads, lstat in between, utimens with nanoseconds; images with
128- and 256-byte inodes.  kfs applies the sequence to copy A through its
FUSE mount, then one UML boot applies it to copy B (python3 of the host,
through hostfs) and also reads A.  Compared: every outcome; the trees as
each side saw them at the end of the sequence; and, from fresh read-only
mounts, the trees with st_blocks, directory sizes, readdir order, device
numbers, nanosecond times where set, and statfs block and inode counts, as
kfs and the 6.1 driver read A and B (all four views equal).  Both images
e2fsck -fn clean; the read-only mounts change no byte.

  differential.py --kfs KFS [--reference host|uml] [--seeds 1,2,3] [--ops N]
                  [--keep DIR]

Exit status 0 when every seed agrees, 1 on the first mismatch (the seed and
the operation are printed: add the seed to the list in meson.build), 77 when
the reference is missing (the host cannot loop-mount ext2, no linux.uml) or
there is no /dev/fuse.
"""
import argparse
import ctypes
import errno
import hashlib
import json
import mmap
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # importing uml.py leaves no __pycache__

NAMES = ["a", "b", "c", "d", "e"]
DIRS = ["", "d1", "d2", "d1/d3"]
XNAMES = ["user.x", "user.y", "trusted.z"]


def sh(*cmd, check=True):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and r.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(cmd), r.stdout.strip()))
    return r


KINDS = [
    "create", "create", "write", "write", "write", "truncate", "mkdir", "mkdir",
    "rename", "rename", "link", "unlink", "unlink", "rmdir", "symlink", "chmod",
    "chown", "utimens", "setxattr", "setxattr", "removexattr", "setacl", "rmacl",
    "fsync",
]
EXT_KINDS = ["rename2", "rename2", "mknod", "append", "dwrite", "dwrite", "dread", "stat"]
RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT = 1, 2, 4
AT_FDCWD = -100
# Every open is non-blocking: a fifo's open must not wait for a partner.
NB = os.O_NONBLOCK
LIBC = ctypes.CDLL(None, use_errno=True)


def acl_value(rng):
    """A valid system.posix_acl_access value with named entries and a mask."""
    ents = [(0x01, rng.randrange(8), 0xFFFFFFFF)]
    for uid in sorted(rng.sample([1000, 1001, 1002], rng.randrange(3))):
        ents.append((0x02, rng.randrange(8), uid))
    ents.append((0x04, rng.randrange(8), 0xFFFFFFFF))
    for gid in sorted(rng.sample([100, 101], rng.randrange(2))):
        ents.append((0x08, rng.randrange(8), gid))
    ents.append((0x10, rng.randrange(8), 0xFFFFFFFF))
    ents.append((0x20, rng.randrange(8), 0xFFFFFFFF))
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", t, p, i) for t, p, i in ents)


def outcome(fn):
    try:
        r = fn()
        return ("ok", r)
    except OSError as e:
        return ("err", errno.errorcode.get(e.errno, e.errno))


class Op:
    """One operation, generated once, applied to each root."""

    def __init__(self, rng, ext=False):
        self.rng = rng
        self.ext = ext
        d = rng.choice(DIRS)
        leaf = rng.choice(NAMES + ["d1", "d2", "d3"])
        self.path = os.path.join(d, leaf) if d else leaf
        d2 = rng.choice(DIRS)
        self.path2 = os.path.join(d2, rng.choice(NAMES)) if d2 else rng.choice(NAMES)
        self.kind = rng.choice(KINDS + (EXT_KINDS if ext else []))
        self.off = rng.choice([0, 1, 511, 1024, 4095, 4096, 65536, 300000, 1 << 20])
        self.len = rng.choice([0, 1, 100, 1024, 4096, 10000, 70000])
        self.seed = rng.randrange(1 << 30)
        self.mode = rng.choice([0o600, 0o644, 0o755, 0o2755, 0o4711, 0o1777, 0o000])
        self.uid = rng.choice([0, 1000, 1001])
        self.gid = rng.choice([0, 100, 1000])
        self.times = (rng.randrange(1 << 31), rng.randrange(1 << 31))
        self.xname = rng.choice(XNAMES)
        self.xval = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 10, 300, 1500])))
        self.xflags = rng.choice([0, 0, os.XATTR_CREATE, os.XATTR_REPLACE])
        self.acl = acl_value(rng)
        self.acltype = rng.choice(["system.posix_acl_access", "system.posix_acl_default"])
        if not ext:
            return
        # the reference is fs/ext2 itself: more of what it does, exactly
        self.rflags = rng.choice([0, RENAME_NOREPLACE, RENAME_NOREPLACE, RENAME_EXCHANGE,
                                  RENAME_WHITEOUT, RENAME_NOREPLACE | RENAME_EXCHANGE])
        self.nodetype = rng.choice([stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK])
        self.rdev = os.makedev(rng.choice([1, 8, 259]), rng.choice([0, 3, 70000]))
        self.nsec = (rng.randrange(10 ** 9), rng.randrange(10 ** 9))
        # O_DIRECT: offsets on 512-byte sectors but for the last two (EINVAL)
        self.doff = rng.choice([0, 512, 1024, 4096, 65536, 300 * 1024, 100, 300000])
        # Sector-sized to large; through FUSE the data reach kfs in an
        # aligned buffer (fuse/ops_file.c), as the caller's buffer is here.
        self.dlen = rng.choice([512, 1024, 4096, 8192, 65536])

    def __str__(self):
        return "%s %s %s" % (self.kind, self.path, self.path2)

    def data(self):
        r = random.Random(self.seed)
        return bytes(r.randrange(256) for _ in range(min(self.len, 256))) * (self.len // 256 + 1)

    def apply(self, root):
        p = os.path.join(root, self.path)
        p2 = os.path.join(root, self.path2)
        k = self.kind
        if k == "create":
            def f():
                fd = os.open(p, NB | os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                os.close(fd)
            return outcome(f)
        if k == "write":
            def f():
                fd = os.open(p, NB | os.O_WRONLY | os.O_CREAT, 0o644)
                try:
                    return os.pwrite(fd, self.data()[:self.len], self.off)
                finally:
                    os.close(fd)
            return outcome(f)
        if k == "truncate":
            return outcome(lambda: os.truncate(p, self.off + self.len))
        if k == "mkdir":
            return outcome(lambda: os.mkdir(p, 0o755))
        if k == "rename":
            return outcome(lambda: os.rename(p, p2))
        if k == "link":
            return outcome(lambda: os.link(p, p2))
        if k == "unlink":
            return outcome(lambda: os.unlink(p))
        if k == "rmdir":
            return outcome(lambda: os.rmdir(p))
        if k == "symlink":
            return outcome(lambda: os.symlink(self.path2, p))
        if k == "chmod":
            return outcome(lambda: os.chmod(p, self.mode, follow_symlinks=False)
                           if not os.path.islink(p) else None)
        if k == "chown":
            return outcome(lambda: os.chown(p, self.uid, self.gid, follow_symlinks=False))
        if k == "utimens":
            if self.ext:
                ns = tuple(t * 10 ** 9 + n for t, n in zip(self.times, self.nsec))
                return outcome(lambda: os.utime(p, ns=ns, follow_symlinks=False))
            return outcome(lambda: os.utime(p, self.times, follow_symlinks=False))
        if k == "setxattr":
            return outcome(lambda: os.setxattr(p, self.xname, self.xval, self.xflags,
                                               follow_symlinks=False))
        if k == "removexattr":
            return outcome(lambda: os.removexattr(p, self.xname, follow_symlinks=False))
        if k == "setacl":
            return outcome(lambda: os.setxattr(p, self.acltype, self.acl, 0,
                                               follow_symlinks=False))
        if k == "rmacl":
            return outcome(lambda: os.removexattr(p, self.acltype, follow_symlinks=False))
        if k == "fsync":
            def f():
                fd = os.open(p, NB | os.O_RDONLY | os.O_NOFOLLOW)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            return outcome(f)
        if k == "rename2":
            def f():
                if LIBC.renameat2(AT_FDCWD, os.fsencode(p), AT_FDCWD, os.fsencode(p2),
                                  self.rflags) != 0:
                    e = ctypes.get_errno()
                    raise OSError(e, os.strerror(e))
            return outcome(f)
        if k == "mknod":
            return outcome(lambda: os.mknod(p, self.nodetype | 0o640, self.rdev))
        if k == "append":
            def f():
                fd = os.open(p, NB | os.O_WRONLY | os.O_APPEND)
                try:
                    return os.write(fd, self.data()[:self.len])
                finally:
                    os.close(fd)
            return outcome(f)
        if k == "dwrite":
            def f():
                fd = os.open(p, NB | os.O_WRONLY | os.O_CREAT | os.O_DIRECT, 0o644)
                buf = mmap.mmap(-1, self.dlen)
                try:
                    d = random.Random(self.seed).randbytes(self.dlen)
                    buf[:] = d
                    return os.pwritev(fd, [buf], self.doff)
                finally:
                    buf.close()
                    os.close(fd)
            return outcome(f)
        if k == "dread":
            def f():
                fd = os.open(p, NB | os.O_RDONLY | os.O_DIRECT | os.O_NOFOLLOW)
                buf = mmap.mmap(-1, self.dlen)
                try:
                    n = os.preadv(fd, [buf], self.doff)
                    return n, hashlib.sha256(buf[:n]).hexdigest()
                finally:
                    buf.close()
                    os.close(fd)
            return outcome(f)
        if k == "stat":
            def f():
                st = os.lstat(p)
                return (st.st_mode, st.st_nlink, st.st_uid, st.st_gid,
                        st.st_size if not stat.S_ISDIR(st.st_mode) else None)
            return outcome(f)
        raise AssertionError(k)


def known_difference(op, ra, rb, blocksize):
    """Differences between ext2 and ext4-for-ext2 that the kernel's ext2 has too."""
    # ext2_xattr_set refuses a value larger than a block with ERANGE before
    # anything else; ext4 looks for the name first (ENODATA for
    # XATTR_REPLACE of a missing name, EEXIST for XATTR_CREATE of an
    # existing one) and then says ENOSPC.
    if (op.kind == "setxattr" and len(op.xval) > blocksize and ra == ("err", "ERANGE")
            and rb[0] == "err"):
        return True
    return False


def fuse_difference(kind, rk, ru, is_dir):
    """What the host's FUSE client does differently from the 6.1 VFS.

    kfs (in-process) answers as 6.1 does; these answers never reach it.
    """
    # The host's fuse opens directories without FMODE_CAN_ODIRECT, so
    # open(dir, O_DIRECT) is EINVAL there; 6.1 opens an ext2 directory
    # (ext2_aops has ->direct_IO) and the read is EISDIR.
    if kind == "dread" and is_dir and rk == ["err", "EINVAL"] and ru == ["err", "EISDIR"]:
        return True
    # open(O_CREAT) of an existing socket (ENXIO) in a sticky, world-writable
    # directory, neither owned by the caller: 6.1's may_create_in_sticky
    # refuses every type but fifos and regular files with EACCES whatever
    # the protected_* sysctls say; the host's newer VFS, which makes this
    # check for a FUSE mount, protects only fifos and regular files.  (Seed
    # 124, op 4350, of a 5000-op run.)
    if kind in ("write", "dwrite") and rk == ["err", "ENXIO"] and ru == ["err", "EACCES"]:
        return True
    return False


def snapshot(root, times_set, full=False, ns=False):
    """Everything the two drivers must agree on, as a sorted list.

    full adds what only the same driver on both sides gives equally:
    st_blocks, directory sizes, readdir order, device numbers, and statfs
    counts (the last entry).  ns compares set times to the nanosecond.
    atime never: relatime moves it to "now" on the first read of a file
    whose time was set in the past, which happens at different times (and
    through FUSE, only when a read reaches the filesystem).
    """
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        if full:
            rel = os.path.relpath(dirpath, root)
            out.append([rel + "/", "readdir", [n for n in os.listdir(dirpath)
                                               if n != "lost+found" or rel != "."]])
        for name in sorted(dirnames + filenames):
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, root)
            if rel == "lost+found":
                continue
            st = os.lstat(p)
            ent = [rel, stat.S_IFMT(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_uid,
                   st.st_gid, st.st_nlink]
            if stat.S_ISREG(st.st_mode):
                ent.append(st.st_size)
                with open(p, "rb") as f:
                    ent.append(hashlib.sha256(f.read()).hexdigest())
            elif stat.S_ISLNK(st.st_mode):
                ent.append(os.readlink(p))
            if full:
                ent += [st.st_blocks, st.st_size, st.st_rdev]
            if rel in times_set:
                ent.append(st.st_mtime_ns if ns else int(st.st_mtime))
            try:
                names = sorted(os.listxattr(p, follow_symlinks=False))
            except OSError as e:
                names = [errno.errorcode.get(e.errno)]
            for x in names:
                if x.startswith("security."):
                    continue
                try:
                    ent.append((x, os.getxattr(p, x, follow_symlinks=False).hex()))
                except OSError as e:
                    ent.append((x, errno.errorcode.get(e.errno)))
            out.append(ent)
        dirnames.sort()
    out.sort(key=lambda e: e[0])
    if full:
        v = os.statvfs(root)
        out.append(["statfs", v.f_blocks, v.f_bfree, v.f_bavail, v.f_files, v.f_ffree,
                    v.f_bsize, v.f_namemax])
    # as JSON carries it from inside UML: tuples become lists
    return json.loads(json.dumps(out))


class Mounts:
    def __init__(self, kfs, work):
        self.kfs = kfs
        self.work = work
        self.a = os.path.join(work, "a")
        self.b = os.path.join(work, "b")
        os.makedirs(self.a, exist_ok=True)
        os.makedirs(self.b, exist_ok=True)

    def mount_kfs(self, img, ro=False, opts=None):
        o = ",".join((["ro"] if ro else []) + ([opts] if opts else []))
        sh(self.kfs, "-t", "ext2", *(["-o", o] if o else []), img, self.a)

    def mount(self, img_a, img_b, ro_a=False):
        opts = ["-o", "ro"] if ro_a else []
        sh(self.kfs, "-t", "ext2", *opts, img_a, self.a)
        r = sh("mount", "-t", "ext2", "-o", "loop", img_b, self.b, check=False)
        if r.returncode != 0:
            self.umount_a()
            print("SKIP: the host cannot loop-mount ext2: " + r.stdout.strip())
            sys.exit(77)

    def umount_a(self):
        sh(self.kfs, "-u", self.a)

    def umount(self):
        self.umount_a()
        sh("umount", self.b)

    def cleanup(self):
        for m in (self.a, self.b):
            if os.path.ismount(m):
                subprocess.run(["umount", "-l", m], stderr=subprocess.DEVNULL)


def fsck(img, what):
    r = sh("e2fsck", "-fn", img, check=False)
    if r.returncode != 0:
        raise RuntimeError("e2fsck -fn %s after %s:\n%s" % (img, what, r.stdout))


def track_times(op, r, times_set):
    """The paths whose mtime only utimens set, so both sides must agree on it.

    Anything that may change a name's data or its directory's entries takes
    the name, what lies below it and its directory out: their mtime is "now"
    on each side, and the two sides run at different times.
    """
    if op.kind == "utimens":
        if r[0] == "ok":
            times_set = times_set | {op.path}
        return times_set
    if op.kind in ("chmod", "chown", "setxattr", "removexattr", "setacl", "rmacl", "fsync",
                   "stat", "dread"):
        return times_set
    gone = {op.path, op.path2, os.path.dirname(op.path), os.path.dirname(op.path2)}
    return {t for t in times_set
            if t not in gone and not t.startswith(op.path + "/")
            and not t.startswith(op.path2 + "/")}


def apply_ops(root, seed, nops, ext):
    """The seeded sequence on the tree at root: [[op, outcome]...], times set."""
    rng = random.Random(seed)
    times_set = set()
    results = []
    for d in DIRS[1:]:
        os.mkdir(os.path.join(root, d))
    for _ in range(nops):
        op = Op(rng, ext)
        r = op.apply(root)
        results.append([str(op), r, os.path.isdir(os.path.join(root, op.path))])
        times_set = track_times(op, r, times_set)
    return json.loads(json.dumps(results)), times_set


def uml_inside(spec_path):
    """Inside UML: the sequence on /dev/ubda, then both disks read back."""
    with open(spec_path) as f:
        spec = json.load(f)
    mp = spec["mnt"]
    res = {}
    # as a FUSE mount is: device nodes on the image open no devices
    sh("mount", "-t", "ext2", "-o", "nodev,nosuid", "/dev/ubda", mp)
    try:
        res["results"], times = apply_ops(mp, spec["seed"], spec["ops"], True)
        res["times"] = sorted(times)
        res["live"] = snapshot(mp, times, ns=True)
    finally:
        sh("umount", mp)
    # fresh read-only mounts: what the images hold (ubdb: the one kfs wrote)
    for name, dev in (("ua", "/dev/ubdb"), ("ub", "/dev/ubda")):
        sh("mount", "-t", "ext2", "-o", "ro", dev, mp)
        try:
            res[name] = snapshot(mp, times, full=True, ns=True)
        finally:
            sh("umount", mp)
    with open(spec["out"] + ".tmp", "w") as f:
        json.dump(res, f)
    os.rename(spec["out"] + ".tmp", spec["out"])
    return 0


def first_difference(x, y, what, seed=None):
    """Raises with the first entry in which the lists x and y differ."""
    if x == y:
        return
    where = "" if seed is None else "seed %d: " % seed
    for ex, ey in zip(x, y):
        if ex != ey:
            raise RuntimeError("%s%s:\n  %r\n  %r" % (where, what, ex, ey))
    raise RuntimeError("%s%s: %d entries against %d" % (where, what, len(x), len(y)))


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def kfs_read_tree(m, img, times, what):
    """A fresh read-only kfs mount of img: the full snapshot; img unchanged."""
    before = sha256_file(img)
    m.mount_kfs(img, ro=True)
    try:
        snap = snapshot(m.a, times, full=True, ns=True)
    finally:
        m.cleanup() if sys.exc_info()[0] else m.umount_a()
    if sha256_file(img) != before:
        raise RuntimeError("%s: kfs's read-only mount changed the image" % what)
    return snap


# Kernel messages in UML that mean the driver saw something wrong.
BAD_DMESG = ("EXT2-fs", "WARNING", "BUG", "Oops", "error")


def uml_prereq():
    """None when root, /dev/fuse and linux.uml are there; else prints SKIP, 77."""
    sys.path.insert(0, os.path.join(HERE, "..", "uml"))
    import uml
    if os.getuid() != 0 or not os.path.exists("/dev/fuse"):
        print("SKIP: needs root and /dev/fuse")
        return 77
    if uml.find_uml() is None:
        print("SKIP: no User-Mode Linux kernel (package user-mode-linux)")
        return 77
    os.environ["KFS_LEAK_REPORT"] = "0"
    return None


def run_in_workdir(prefix, body, keep=None):
    """body(work, mountpoint) in a fresh directory: PASS (0) or FAIL (1), cleaned up."""
    work = tempfile.mkdtemp(prefix=prefix)
    os.chmod(work, 0o755)
    mp = os.path.join(work, "mnt")
    os.mkdir(mp)
    try:
        print("ok: " + body(work, mp))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print("FAIL: %s" % e)
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True)
        return 1
    finally:
        if os.path.ismount(mp):
            subprocess.run(["umount", "-l", mp], stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    print("PASS")
    return 0


def fresh_images(work, blocksize, isize=128):
    """Two copies of one new 64 MiB mkfs.ext2 image in work: a.img, b.img."""
    img_a = os.path.join(work, "a.img")
    img_b = os.path.join(work, "b.img")
    for f in (img_a, img_b):
        if os.path.exists(f):
            os.unlink(f)
    with open(img_a, "wb") as f:
        f.truncate(64 << 20)
    sh("mkfs.ext2", "-q", "-F", "-I", str(isize), "-b", str(blocksize), img_a)
    shutil.copyfile(img_a, img_b)
    return img_a, img_b


def run_seed_uml(seed, nops, m, work, blocksize, isize):
    import uml
    img_a, img_b = fresh_images(work, blocksize, isize)

    # With blocks smaller than a page the host's FUSE writeback cache writes
    # whole pages back: a 100-byte write into a hole arrives at kfs as 4096
    # bytes and fills the page's other blocks (6.1 allocates only the block
    # written).  Data are the same, st_blocks not: those seeds write through.
    m.mount_kfs(img_a, opts="no_writeback_cache" if blocksize < mmap.PAGESIZE else None)
    try:
        res_k, times = apply_ops(m.a, seed, nops, True)
        live_k = snapshot(m.a, times, ns=True)
    finally:
        m.cleanup() if sys.exc_info()[0] else m.umount_a()
    fsck(img_a, "seed %d (kfs)" % seed)
    ka = kfs_read_tree(m, img_a, times, "seed %d, kfs's image" % seed)
    sum_a = sha256_file(img_a)

    mnt = os.path.join(work, "uml-mnt")
    os.makedirs(mnt, exist_ok=True)
    spec = os.path.join(work, "spec.json")
    out = os.path.join(work, "uml-result.json")
    if os.path.exists(out):
        os.unlink(out)
    with open(spec, "w") as f:
        json.dump({"mnt": mnt, "seed": seed, "ops": nops, "out": out}, f)
    r = uml.run(["python3", os.path.abspath(__file__), "--inside-uml", spec],
                disks=[(img_b, False), (img_a, True)], out=os.path.join(work, "uml"),
                timeout=900)
    if r.error or r.status != 0 or not os.path.exists(out):
        raise RuntimeError("seed %d: the run inside UML failed (%s, status %s):\n%s%s"
                           % (seed, r.error, r.status, r.stdout[-3000:], r.stderr[-3000:]))
    with open(out) as f:
        u = json.load(f)
    for i, (k, v) in enumerate(zip(res_k, u["results"])):
        if k != v and not fuse_difference(k[0].split()[0], k[1], v[1], k[2]):
            raise RuntimeError("seed %d op %d (%s): kfs %r, UML 6.1 %r"
                               % (seed, i, k[0], k[1], v[1]))
    if sorted(times) != u["times"]:
        raise RuntimeError("seed %d: the set times differ" % seed)
    first_difference(live_k, u["live"], "the trees at the end differ (kfs, UML 6.1)", seed)
    first_difference(ka, u["ub"], "the images differ (kfs reading its own, UML 6.1 its own)",
                     seed)
    first_difference(u["ua"], u["ub"], "UML 6.1 reads kfs's image differently from its own",
                     seed)
    bad = [line for line in r.dmesg.splitlines() if any(w in line for w in BAD_DMESG)]
    if bad:
        raise RuntimeError("seed %d: the 6.1 driver complained:\n%s" % (seed, "\n".join(bad)))
    if sha256_file(img_a) != sum_a:
        raise RuntimeError("seed %d: UML's read-only mount changed kfs's image" % seed)
    fsck(img_b, "seed %d (UML 6.1)" % seed)
    kb = kfs_read_tree(m, img_b, times, "seed %d, UML's image" % seed)
    first_difference(kb, u["ub"], "kfs reads UML's image differently from UML", seed)
    return sum(r[1][0] == "ok" for r in res_k), len(ka) - 1


def run_seed(seed, nops, m, work, blocksize):
    img_a, img_b = fresh_images(work, blocksize)
    rng = random.Random(seed)
    times_set = set()
    succeeded = 0
    m.mount(img_a, img_b)
    try:
        for root in (m.a, m.b):
            for d in DIRS[1:]:
                os.mkdir(os.path.join(root, d))
        for i in range(nops):
            op = Op(rng)
            ra = op.apply(m.a)
            rb = op.apply(m.b)
            if ra != rb and not known_difference(op, ra, rb, blocksize):
                raise RuntimeError("seed %d op %d (%s): kfs %r, host %r" % (seed, i, op, ra, rb))
            succeeded += ra[0] == "ok"
            times_set = track_times(op, ra, times_set)
        sa = snapshot(m.a, times_set)
        sb = snapshot(m.b, times_set)
        if sa != sb:
            for x, y in zip(sa, sb):
                if x != y:
                    raise RuntimeError("seed %d: trees differ:\n  kfs  %r\n  host %r" % (seed, x, y))
            raise RuntimeError("seed %d: trees differ in length: kfs %d, host %d"
                               % (seed, len(sa), len(sb)))
    finally:
        m.cleanup() if sys.exc_info()[0] else m.umount()
    fsck(img_a, "seed %d (kfs)" % seed)
    fsck(img_b, "seed %d (host)" % seed)
    # each driver reads the other's image
    m.mount(img_b, img_a, ro_a=True)
    try:
        sa = snapshot(m.a, times_set)
        sb = snapshot(m.b, times_set)
        if sa != sb:
            for x, y in zip(sa, sb):
                if x != y:
                    break
            raise RuntimeError("seed %d: kfs reading the host's image differs from the host "
                               "reading kfs's:\n  kfs  %r\n  host %r" % (seed, x, y))
    finally:
        m.cleanup() if sys.exc_info()[0] else m.umount()
    fsck(img_a, "seed %d (host mounted kfs's image)" % seed)
    return succeeded, len(sa)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kfs", required=True)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--ops", type=int, default=400)
    ap.add_argument("--keep", help="keep the work directory here on failure")
    ap.add_argument("--reference", choices=["host", "uml"], default="host")
    if len(sys.argv) == 3 and sys.argv[1] == "--inside-uml":
        return uml_inside(sys.argv[2])
    args = ap.parse_args()
    if os.getuid() != 0 or not os.path.exists("/dev/fuse"):
        print("SKIP: needs root and /dev/fuse")
        return 77
    os.environ["KFS_LEAK_REPORT"] = "0"
    if args.reference == "uml" and uml_prereq():
        return 77
    work = tempfile.mkdtemp(prefix="kfs-ext2-diff.")
    m = Mounts(args.kfs, work)
    seeds = [int(s) for s in args.seeds.split(",") if s]
    try:
        for seed in seeds:
            bs = 1024 if seed % 2 else 4096
            if args.reference == "uml":
                isize = 128 if seed % 4 < 2 else 256
                good, names = run_seed_uml(seed, args.ops, m, work, bs, isize)
                print("ok: seed %d against UML 6.1 (%d ops, %d succeeded, %d names at the "
                      "end, %d-byte blocks, %d-byte inodes)"
                      % (seed, args.ops, good, names, bs, isize))
                continue
            good, names = run_seed(seed, args.ops, m, work, bs)
            print("ok: seed %d (%d ops, %d succeeded, %d names at the end, %d-byte blocks)"
                  % (seed, args.ops, good, names, bs))
    except RuntimeError as e:
        print("FAIL: %s" % e)
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        return 1
    finally:
        m.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
