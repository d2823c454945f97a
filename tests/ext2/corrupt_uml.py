#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Damaged ext2 images: kfs held to the real 6.1 fs/ext2 (User-Mode Linux).

The same seeded damage as t-corrupt.sh (1..8 random bytes of the
superblock, the group descriptors, the inode table or a directory block of
an image holding fs/ext2 and fs/minix) -- then each image is mounted
read-only by kfs (FUSE, in the foreground: its kernel messages on stderr)
and, in one UML boot for all images, by 6.1 (loop device), and the same
walk runs on both: every directory listed, every name lstat'ed, every
symlink read, every regular file's first MiB read, every xattr list (for a
refused mount kfs-shell, the same compat in-process, gives the messages:
kfs itself sums them up in one line).
Compared per image:
 - whether the mount succeeds, and the error messages ext2 prints
   ("EXT2-fs (DEV): ..." lines, device names aside, as a set: the host's
   FUSE client may look a name up more often than the walk does, and each
   failed iget prints again);
 - every outcome of the walk (the errno of each failure -- EIO, EUCLEAN,
   ENOENT... -- or what was read);
 - no crash (kfs exits cleanly on unmount; UML reaches the end), no hang
   (time limits), and neither read-only mount changes a byte.

  corrupt_uml.py --kfs KFS --kfs-shell KFS_SHELL [--seeds N] [--keep DIR]
"""
import argparse
import errno
import hashlib
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "uml"))
import differential as D  # noqa: E402


def corrupt(img, seed, start, length):
    """As t-corrupt.sh's corrupt(): 1..8 random bytes of the range."""
    r = random.Random(seed)
    with open(img, "r+b") as f:
        for _ in range(r.randrange(1, 9)):
            f.seek(start + r.randrange(length))
            f.write(bytes([r.randrange(256)]))


def err(e):
    return ["err", errno.errorcode.get(e.errno, e.errno)]


def walk(root):
    """Every outcome of reading the tree, in a fixed order."""
    out = []

    def visit(rel):
        p = os.path.join(root, rel) if rel else root
        try:
            names = sorted(os.listdir(p))
        except OSError as e:
            out.append([rel + "/", err(e)])
            return
        out.append([rel + "/", names])
        for n in names:
            q = os.path.join(p, n)
            r = os.path.join(rel, n) if rel else n
            try:
                st = os.lstat(q)
            except OSError as e:
                out.append([r, err(e)])
                continue
            ent = [r, stat.S_IFMT(st.st_mode), oct(st.st_mode & 0o7777), st.st_nlink, st.st_size,
                   st.st_uid, st.st_gid]
            try:
                ent.append(sorted(x for x in os.listxattr(q, follow_symlinks=False)
                                  if not x.startswith("security.")))
            except OSError as e:
                ent.append(err(e))
            if stat.S_ISLNK(st.st_mode):
                try:
                    ent.append(os.readlink(q))
                except OSError as e:
                    ent.append(err(e))
            elif stat.S_ISREG(st.st_mode):
                try:
                    with open(q, "rb") as f:
                        ent.append(hashlib.sha256(f.read(1 << 20)).hexdigest())
                except OSError as e:
                    ent.append(err(e))
            out.append(ent)
            if stat.S_ISDIR(st.st_mode) and n != "lost+found":
                visit(r)

    visit("")
    return out


MSG = re.compile(r"(EXT2-fs \([^)]*\): .*|VFS: .*ext2.*)")


def messages(text):
    """ext2's error lines, device names aside, as a sorted set."""
    found = set()
    for line in text.splitlines():
        m = MSG.search(line)
        if m:
            msg = m.group(1).strip()
            dev = re.match(r"EXT2-fs \(([^)]*)\)", msg)
            if dev:
                msg = msg.replace(dev.group(1), "DEV")
            # kfs's own hint after a refused mount (fuse/serve.c)
            found.add(re.sub(r" \(it looks like [a-z0-9]+\)$", "", msg))
    # the informational mount line differs in wording between the two
    # worlds only by the device; drop what is not an error or warning
    return sorted(x for x in found if "error" in x or "warning" in x or "VFS" in x
                  or "can't" in x or "unable" in x or "couldn't" in x)


VALID_TYPES = {stat.S_IFREG, stat.S_IFDIR, stat.S_IFLNK, stat.S_IFCHR, stat.S_IFBLK,
               stat.S_IFIFO, stat.S_IFSOCK}


def fuse_invalid_type(kw, uw):
    """A damaged inode whose mode has no valid file type (e.g. 0160000).

    6.1 (and kfs in-process: kfs-shell stat shows it) takes it as a special
    inode (init_special_inode logs "bogus i_mode" at debug level), so lstat
    works; the host's FUSE client refuses any attribute reply with such a
    type (fuse_valid_type) with EIO before a program sees it.  Not a kfs
    difference: FUSE cannot carry the inode.
    """
    uw_by = {e[0]: e for e in uw}
    out = []
    for e in kw:
        v = uw_by.get(e[0])
        if (v is not None and e[1:] == [["err", "EIO"]] and len(v) > 2
                and isinstance(v[1], int) and v[1] not in VALID_TYPES):
            e = v
        out.append(e)
    return out


def uml_inside(spec_path):
    """Inside UML: each image read-only through a loop device, walked."""
    with open(spec_path) as f:
        spec = json.load(f)
    mp = spec["mnt"]
    res = {}
    for img in spec["images"]:
        subprocess.run(["dmesg", "-C"])
        r = subprocess.run(["mount", "-t", "ext2", "-o", "ro,loop", img, mp],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        ent = {"mounted": r.returncode == 0}
        if r.returncode == 0:
            try:
                ent["walk"] = walk(mp)
            finally:
                subprocess.run(["umount", mp])
        ent["dmesg"] = subprocess.run(["dmesg"], stdout=subprocess.PIPE, text=True).stdout
        res[img] = ent
        with open(spec["out"], "w") as f:
            json.dump(res, f)
    return 0


def kfs_side(kfs, shell, img, mp, work):
    """kfs in the foreground on img, read-only: mounted?, walk, messages."""
    log = os.path.join(work, "kfs.log")
    with open(log, "w") as lf:
        p = subprocess.Popen([kfs, "-f", "-t", "ext2", "-o", "ro", img, mp],
                             stdout=lf, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not os.path.ismount(mp) and p.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    ent = {"mounted": os.path.ismount(mp)}
    if ent["mounted"]:
        # the walk in a child with a time limit: a hang fails the test
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--walk", mp],
                           stdout=subprocess.PIPE, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError("the walk over kfs failed: status %d" % r.returncode)
        ent["walk"] = json.loads(r.stdout)
        D.sh(kfs, "-u", mp)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        raise RuntimeError("kfs did not end after unmount (60 s)")
    with open(log) as f:
        ent["log"] = f.read()
    # 0 after a clean unmount, 1 when it refused to mount; anything else
    # (a signal, a sanitizer's status) is a crash
    if rc not in (0, 1) or (rc == 1 and ent["mounted"]):
        raise RuntimeError("kfs ended with status %d:\n%s" % (rc, ent["log"][-3000:]))
    if not ent["mounted"]:
        if "cannot mount" not in ent["log"]:
            raise RuntimeError("kfs refused %s without a reason:\n%s" % (img, ent["log"]))
        # kfs sums a refused mount up in one line (the last kernel line and
        # the first error); kfs-shell, the same compat in-process, shows all
        r = subprocess.run([shell, "-t", "ext2", img, "ls", "/"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60)
        if r.returncode != 2:
            raise RuntimeError("kfs refused %s, kfs-shell did not (%d)" % (img, r.returncode))
        ent["log"] = r.stdout
    return ent


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--walk":
        json.dump(walk(sys.argv[2]), sys.stdout)
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--inside-uml":
        return uml_inside(sys.argv[2])
    ap = argparse.ArgumentParser()
    ap.add_argument("--kfs", required=True)
    ap.add_argument("--kfs-shell", required=True)
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--keep")
    a = ap.parse_args()
    if D.uml_prereq():
        return 77
    return D.run_in_workdir("kfs-ext2-corrupt-uml.",
                            lambda work, mp: damage_and_compare(a, work, mp), a.keep)


def damage_and_compare(a, work, mp):
    import uml
    src = os.path.join(os.environ.get("KFS_KSRC", "/tmp/k/linux-source-6.1"), "fs")
    base = os.path.join(work, "base.img")
    with open(base, "wb") as f:
        f.truncate(8 << 20)
    D.sh("mkfs.ext2", "-q", "-F", "-I", "128", "-b", "1024", "-N", "512", base)
    D.sh(a.kfs_shell, "-w", "-e", base, "put", os.path.join(src, "ext2"),
         os.path.join(src, "minix"), "/")
    D.sh(a.kfs_shell, "-w", "-e", base, "setfattr", "-n", "user.a", "-v", "hello",
         "/ext2/super.c")
    D.fsck(base, "building the base image")
    itable = int(re.search(r"Inode table at (\d+)-",
                           D.sh("dumpe2fs", base).stdout).group(1))
    dirblk = int(D.sh("debugfs", "-R", "bmap /ext2 0", base).stdout.split()[-1])
    regions = [("super", 1024, 1024), ("gdt", 2048, 1024),
               ("itable", itable * 1024, 8192), ("dir", dirblk * 1024, 1024)]
    images = []
    for name, start, length in regions:
        for seed in range(1, a.seeds + 1):
            img = os.path.join(work, "%s-%d.img" % (name, seed))
            shutil.copyfile(base, img)
            corrupt(img, seed, start, length)
            images.append(img)
    sums = {img: D.sha256_file(img) for img in images}

    spec = os.path.join(work, "spec.json")
    out = os.path.join(work, "uml.json")
    with open(spec, "w") as f:
        json.dump({"mnt": mp, "images": images, "out": out}, f)
    r = uml.run(["python3", os.path.abspath(__file__), "--inside-uml", spec],
                modules=["loop"], out=os.path.join(work, "uml"), timeout=900)
    if r.error or r.status != 0:
        raise RuntimeError("the 6.1 kernel in UML did not get through the images "
                           "(%s, status %s): %s\n%s"
                           % (r.error, r.status, r.stderr[-2000:], r.console[-3000:]))
    with open(out) as f:
        ref = json.load(f)

    same = 0
    for img in images:
        what = os.path.basename(img)
        k = kfs_side(a.kfs, a.kfs_shell, img, mp, work)
        u = ref[img]
        if k["mounted"] != u["mounted"]:
            raise RuntimeError("%s: kfs %s, 6.1 %s\n  kfs: %s\n  6.1: %s" % (
                what, "mounted" if k["mounted"] else "refused",
                "mounted" if u["mounted"] else "refused",
                messages(k["log"]), messages(u["dmesg"])))
        mk, mu = messages(k["log"]), messages(u["dmesg"])
        if mk != mu:
            raise RuntimeError("%s: ext2's messages differ:\n  kfs only: %s\n  6.1 only: %s"
                               % (what, sorted(set(mk) - set(mu)),
                                  sorted(set(mu) - set(mk))))
        if k["mounted"]:
            kw = fuse_invalid_type(k["walk"],
                                   u["walk"])
            D.first_difference(kw, u["walk"], "%s: the walk differs (kfs, 6.1)" % what)
        if D.sha256_file(img) != sums[img]:
            raise RuntimeError("%s: a read-only mount changed the image" % what)
        same += 1
    return "%d damaged images: kfs and 6.1 mount, read and complain alike" % same


if __name__ == "__main__":
    sys.exit(main())
