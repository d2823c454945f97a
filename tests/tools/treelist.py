#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Test trees for the tools suite.

  treelist.py make DIR CAPS   builds a tree exercising everything get/put keep
  treelist.py list DIR CAPS   prints a canonical listing of a tree, one line per
                              entry, for comparing two trees with diff

CAPS is a comma list of what the filesystem can hold: symlink, hardlink,
special (FIFOs, devices, sockets), modes, owner, xattr, longname,
time2 (timestamps of 2-second granularity, as FAT keeps).  Without a
capability the tree leaves those things out and the listing does not show
them.
"""
import hashlib
import os
import random
import socket
import stat
import sys


def make(top, caps):
    rnd = random.Random(8)
    os.makedirs(os.path.join(top, "a", "b", "c"))
    os.makedirs(os.path.join(top, "empty"))

    def write(rel, data):
        with open(os.path.join(top, rel), "wb") as f:
            f.write(data)

    write("empty-file", b"")
    write("small.txt", b"hello, kernel code in userspace\n")
    write("with space and-dash", b"spaces\n")
    write("a/b/c/deep.txt", b"deep\n" * 100)
    # 3 MiB crosses the direct, single and double indirect zones of minix.
    write("a/big.bin", rnd.randbytes(3 << 20))
    write("a/4k-exact", b"x" * 4096)
    # Sparse: data at 5 MiB and at the very end, holes around it.
    with open(os.path.join(top, "a", "sparse"), "wb") as f:
        f.truncate(10 << 20)
        f.seek(5 << 20)
        f.write(b"in the middle")
        f.seek((10 << 20) - 3)
        f.write(b"end")
    write("zeros-tail", b"data" + bytes(20000))
    if "longname" in caps:
        write("n" * 50, b"long name\n")
    if "symlink" in caps:
        os.symlink("small.txt", os.path.join(top, "link-rel"))
        os.symlink("/etc/passwd", os.path.join(top, "link-abs"))
        os.symlink("does/not/exist", os.path.join(top, "link-dangling"))
        os.symlink("a/b", os.path.join(top, "link-dir"))
    if "hardlink" in caps:
        os.link(os.path.join(top, "small.txt"), os.path.join(top, "hard-same-dir"))
        os.link(os.path.join(top, "small.txt"), os.path.join(top, "a", "b", "hard-other-dir"))
        write("a/pair1", b"pair\n")
        os.link(os.path.join(top, "a", "pair1"), os.path.join(top, "a", "pair2"))
    if "special" in caps:
        os.mkfifo(os.path.join(top, "fifo"))
        os.mknod(os.path.join(top, "chr"), 0o620 | stat.S_IFCHR, os.makedev(1, 3))
        os.mknod(os.path.join(top, "blk"), 0o660 | stat.S_IFBLK, os.makedev(7, 0))
        s = socket.socket(socket.AF_UNIX)
        s.bind(os.path.join(top, "sock"))
        s.close()
    if "modes" in caps:
        os.chmod(os.path.join(top, "small.txt"), 0o600)
        os.chmod(os.path.join(top, "a", "big.bin"), 0o4755)
        os.chmod(os.path.join(top, "a", "4k-exact"), 0o2750)
        os.chmod(os.path.join(top, "empty"), 0o1777)
        os.chmod(os.path.join(top, "a", "b"), 0o750)
        os.chmod(os.path.join(top, "empty-file"), 0o000)
    if "owner" in caps and os.geteuid() == 0:
        os.lchown(os.path.join(top, "with space and-dash"), 1234, 56)
        os.lchown(os.path.join(top, "a", "b"), 42, 43)
        if "symlink" in caps:
            os.lchown(os.path.join(top, "link-rel"), 7, 8)
    if "xattr" in caps:
        os.setxattr(os.path.join(top, "small.txt"), "user.comment", b"a comment")
        os.setxattr(os.path.join(top, "a"), "user.empty", b"")
        os.setxattr(os.path.join(top, "a", "big.bin"), "user.bin", bytes(range(256)))
    # Times last, deepest first, so that creating entries does not change them.
    # Distinct even seconds, so that FAT's 2-second times keep them too.
    t = 1000000000
    for dirpath, dirnames, filenames in sorted(os.walk(top, topdown=False)):
        for name in sorted(filenames + dirnames) + [None]:
            p = dirpath if name is None else os.path.join(dirpath, name)
            if name is not None and os.path.isdir(p) and not os.path.islink(p):
                continue
            t += 86402
            os.utime(p, (t - 86400 * 3, t), follow_symlinks=False)


def listing(top, caps):
    groups = {}
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        names = sorted(dirnames + filenames)
        if dirpath == top:
            names.append(".")
        for name in names:
            p = os.path.normpath(os.path.join(dirpath, name))
            rel = os.path.relpath(p, top)
            st = os.lstat(p)
            kind = stat.S_IFMT(st.st_mode)
            f = [rel, stat.filemode(st.st_mode)[0]]
            if "modes" in caps:
                f.append("%04o" % stat.S_IMODE(st.st_mode))
            mtime = int(st.st_mtime)
            if "time2" in caps:
                mtime -= mtime % 2
            if kind != stat.S_IFDIR or rel != ".":
                f.append("mtime=%d" % mtime)
            if "owner" in caps:
                f.append("owner=%d:%d" % (st.st_uid, st.st_gid))
            if kind == stat.S_IFREG:
                with open(p, "rb") as fh:
                    f.append("size=%d sha256=%s" % (st.st_size,
                                                    hashlib.sha256(fh.read()).hexdigest()))
            elif kind == stat.S_IFLNK:
                f.append("-> " + os.readlink(p))
            elif kind in (stat.S_IFCHR, stat.S_IFBLK):
                f.append("rdev=%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev)))
            if kind != stat.S_IFDIR and "hardlink" in caps:
                key = (st.st_dev, st.st_ino)
                groups.setdefault(key, rel)
                f.append("nlink=%d group=%s" % (st.st_nlink, groups[key]))
            if "xattr" in caps:
                xs = sorted(x for x in os.listxattr(p, follow_symlinks=False)
                            if x.startswith("user."))
                for x in xs:
                    v = os.getxattr(p, x, follow_symlinks=False)
                    f.append("%s=%s" % (x, v.hex()))
            out.append(" ".join(f))
    return out


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("make", "list"):
        sys.exit(__doc__)
    caps = set(c for c in sys.argv[3].split(",") if c)
    if sys.argv[1] == "make":
        make(sys.argv[2], caps)
    else:
        print("\n".join(listing(sys.argv[2], caps)))


main()
