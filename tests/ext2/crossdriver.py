#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ext2 images crossing drivers: kfs, the real 6.1 fs/ext2, the host's.

One tree -- part of the kernel's fs/ sources and everything else ext2
stores: hard and symbolic links (fast and slow), fifos and device nodes,
sparse files, a file reaching double-indirect blocks, a directory of 600
names, a 255-byte name, set-id and sticky modes, owners, set times, user
and trusted xattrs, access and default ACLs -- is written twice, the same
way: into image K by kfs (FUSE mount), into image U by the 6.1 driver in
User-Mode Linux (tests/uml/uml.py).  Both must be e2fsck -fn clean.  Then
each image is read, from fresh read-only mounts, by kfs, by UML 6.1 and by
the host kernel (loop; ext4 serves ext2): all six views must be equal
(names, types, modes, owners, link counts, sizes, contents, link targets,
device numbers, set times, xattrs, ACLs), and where the same 6.1 code reads
(kfs and UML) also st_blocks, directory sizes, readdir order and statfs.
No read-only mount may change a byte of an image.

  crossdriver.py --kfs KFS [--blocksize 4096|1024] [--keep DIR]

With 1 KiB blocks kfs mounts with no_writeback_cache: the host's FUSE
writeback cache writes back whole pages, which gives the unwritten blocks
of a partly written page inside a hole blocks of their own (st_blocks then
differs from 6.1's; the data do not).

Exit status 0, 1 on a difference (printed), 77 without root, /dev/fuse or
linux.uml.
"""
import argparse
import hashlib
import os
import shutil
import stat
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "uml"))
import differential as D  # noqa: E402  (snapshot, fsck, sh)

# paths whose times populate() sets, so every view must agree on them
TIMED = ["src", "src/ext2/super.c", "sparse", "specials/fifo", "links/soft-short"]


def populate(root, src):
    """Write the tree into root (a fresh ext2 mount); the same on each driver."""
    def p(*parts):
        return os.path.join(root, *parts)

    os.mkdir(p("src"))
    for d in ("ext2", "minix", "fat"):
        shutil.copytree(os.path.join(src, d), p("src", d), symlinks=True)
    os.mkdir(p("many"))
    for i in range(600):
        with open(p("many", "entry-%04d-%s" % (i, "x" * (i % 40))), "w") as f:
            f.write(str(i) * (i % 7))
    for i in range(0, 600, 3):
        os.unlink(p("many", "entry-%04d-%s" % (i, "x" * (i % 40))))
    with open(p("n" * 255), "w") as f:
        f.write("long name\n")
    # sparse: a hole, data, a hole at the end
    with open(p("sparse"), "wb") as f:
        f.seek(300000)
        f.write(b"middle" * 1000)
        f.truncate(5 << 20)
    # direct, indirect and double-indirect blocks on 1 KiB blocks
    with open(p("big"), "wb") as f:
        block = hashlib.sha256(b"big").digest() * 128
        for i in range(3 * 256):
            f.write(block[i % 32:] + block[:i % 32])
    os.mkdir(p("links"))
    os.link(p("src", "ext2", "inode.c"), p("links", "hard1"))
    os.link(p("src", "ext2", "inode.c"), p("links", "hard2"))
    os.symlink("../src/ext2/namei.c", p("links", "soft-short"))
    os.symlink("/" + "long-target/" * 30 + "end", p("links", "soft-long"))
    os.symlink("dangling", p("links", "soft-dangling"))
    os.mkdir(p("specials"))
    os.mkfifo(p("specials", "fifo"), 0o640)
    os.mknod(p("specials", "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
    os.mknod(p("specials", "disk"), stat.S_IFBLK | 0o660, os.makedev(259, 70000))
    os.mknod(p("specials", "sock"), stat.S_IFSOCK | 0o600)
    os.mkdir(p("modes"))
    for i, mode in enumerate([0o4755, 0o2755, 0o1777, 0o0, 0o777, 0o6711]):
        q = p("modes", "m%d" % i)
        with open(q, "w") as f:
            f.write("m")
        os.chown(q, 1000 + i, 100 + i)
        os.chmod(q, mode)
    os.mkdir(p("modes", "sticky"), 0o755)
    os.chmod(p("modes", "sticky"), 0o1777)
    # xattrs and ACLs
    x = p("src", "ext2", "xattr.c")
    os.setxattr(x, "user.colour", b"blue")
    os.setxattr(x, "user.empty", b"")
    os.setxattr(x, "trusted.t", b"\x00\xff\x00")
    os.setxattr(x, "user.big", b"a" * 600)
    os.setxattr(p("links", "hard1"), "user.shared", b"1")
    os.setxattr(p("src"), "user.dir", b"d")
    acl = bytes.fromhex("02000000" "01000600ffffffff" "02000700e8030000" "04000400ffffffff"
                        "10000500ffffffff" "20000000ffffffff")
    os.setxattr(p("src", "ext2", "acl.c"), "system.posix_acl_access", acl)
    os.mkdir(p("inherit"))
    os.setxattr(p("inherit"), "system.posix_acl_default", acl)
    with open(p("inherit", "child"), "w") as f:
        f.write("inherits\n")
    os.mkdir(p("inherit", "subdir"))
    # a rename over an existing name, a removed directory
    os.rename(p("src", "minix", "inode.c"), p("src", "minix", "file.c"))
    shutil.rmtree(p("src", "fat"))
    for t, q in enumerate(TIMED):
        os.utime(p(q), (1000000000 + t, 1100000000 + t), follow_symlinks=False)


def uml_inside(args):
    """Inside UML: write U (ubda), then read U and K (ubdb) read-only."""
    mp, src, out = args
    res = {}
    D.sh("mount", "-t", "ext2", "-o", "nodev", "/dev/ubda", mp)
    try:
        populate(mp, src)
    finally:
        D.sh("umount", mp)
    for name, dev in (("uml-U", "/dev/ubda"), ("uml-K", "/dev/ubdb")):
        D.sh("mount", "-t", "ext2", "-o", "ro,nodev", dev, mp)
        try:
            res[name] = D.snapshot(mp, set(TIMED), full=True, ns=True)
        finally:
            D.sh("umount", mp)
    import json
    with open(out + ".tmp", "w") as f:
        json.dump(res, f)
    os.rename(out + ".tmp", out)
    return 0


def basic(snap):
    """What a different driver must agree on too: no st_blocks, readdir, statfs."""
    out = []
    for e in snap:
        if e[0] == "statfs" or (len(e) > 1 and e[1] == "readdir"):
            continue
        # full entries carry st_blocks, st_size, st_rdev after the first
        # fields; keep st_rdev, drop the two that another driver may count
        # differently (ext4's directory sizes are the same, its st_blocks
        # too, but they are not what this test is about)
        e = list(e)
        n = {stat.S_IFREG: 8, stat.S_IFLNK: 7}.get(e[1], 6)
        e[n:n + 3] = [e[n + 2]]
        out.append(e)
    return out


def write_and_read(a, work, mp):
    import json
    import uml
    src = os.path.join(os.environ.get("KFS_KSRC", "/tmp/k/linux-source-6.1"), "fs")
    img_k, img_u = D.fresh_images(work, a.blocksize)
    views = {}
    # With blocks under a page the host's writeback cache writes whole
    # pages: holes inside a written page get blocks (differential.py).
    D.sh(a.kfs, "-t", "ext2", *(["-o", "no_writeback_cache"] if a.blocksize < 4096 else []),
         img_k, mp)
    try:
        populate(mp, src)
    finally:
        D.sh(a.kfs, "-u", mp)
    D.fsck(img_k, "kfs wrote it")

    out = os.path.join(work, "uml.json")
    r = uml.run(["python3", os.path.abspath(__file__), "--inside-uml", mp, src, out],
                disks=[(img_u, False), (img_k, True)], out=os.path.join(work, "uml"),
                timeout=600)
    if r.error or r.status != 0:
        raise RuntimeError("inside UML: %s, status %s\n%s%s"
                           % (r.error, r.status, r.stdout[-2000:], r.stderr[-2000:]))
    bad = [line for line in r.dmesg.splitlines() if any(w in line for w in D.BAD_DMESG)]
    if bad:
        raise RuntimeError("the 6.1 driver complained:\n" + "\n".join(bad))
    with open(out) as f:
        views.update(json.load(f))
    D.fsck(img_u, "UML 6.1 wrote it")

    sums = {img: D.sha256_file(img) for img in (img_k, img_u)}
    for name, img in (("kfs-K", img_k), ("kfs-U", img_u)):
        D.sh(a.kfs, "-t", "ext2", "-o", "ro", img, mp)
        try:
            views[name] = D.snapshot(mp, set(TIMED), full=True, ns=True)
        finally:
            D.sh(a.kfs, "-u", mp)
    for name, img in (("host-K", img_k), ("host-U", img_u)):
        r = D.sh("mount", "-t", "ext2", "-o", "loop,ro", img, mp, check=False)
        if r.returncode != 0:
            raise RuntimeError("the host cannot loop-mount ext2: " + r.stdout.strip())
        try:
            views[name] = D.snapshot(mp, set(TIMED), full=True, ns=True)
        finally:
            D.sh("umount", mp)
    for img, s in sums.items():
        if D.sha256_file(img) != s:
            raise RuntimeError("a read-only mount changed %s" % img)

    ref = views["uml-U"]
    names = len(ref) - 1
    if names < 450:
        raise RuntimeError("only %d names in the tree" % names)
    for v in ("uml-K", "kfs-K", "kfs-U"):
        D.first_difference(views[v], ref, "%s differs from uml-U" % v)
    for v in ("host-K", "host-U"):
        D.first_difference(basic(views[v]), basic(ref), "%s differs from uml-U" % v)
    return ("%d names, %d-byte blocks: kfs and UML 6.1 wrote the same; kfs, UML 6.1 and "
            "the host read both the same" % (names, a.blocksize))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kfs")
    ap.add_argument("--blocksize", type=int, default=4096)
    ap.add_argument("--keep")
    if len(sys.argv) == 5 and sys.argv[1] == "--inside-uml":
        return uml_inside(sys.argv[2:])
    a = ap.parse_args()
    if D.uml_prereq():
        return 77
    return D.run_in_workdir("kfs-ext2-cross.", lambda work, mp: write_and_read(a, work, mp),
                            a.keep)


if __name__ == "__main__":
    sys.exit(main())
