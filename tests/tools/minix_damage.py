#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Damages chosen metadata of a minix v3 image, for kfs-check's tests.

  minix_damage.py IMAGE ACTION PATH [ARG]

PATH names a file or directory in the image; it is found by reading the
on-disk directories here, independently of kfs.  Actions:

  entry-out-of-range PATH   the directory entry of PATH points past the last inode
  nlinks-zero PATH          PATH's inode says it has no links (a deleted inode)
  mode-invalid PATH         PATH's inode gets a mode with no valid file type
  zone-past-end PATH        PATH's first data zone points past the end of the device
  scramble-dir PATH         PATH's first directory block is overwritten with noise
  super-magic -             the super block's magic is cleared

Layout (minix v3, as mkfs.minix -3 writes it): super block at byte 1024,
inode and zone bitmaps from block 2, then the inode table of 64-byte
inodes (mode, nlinks, uid, gid: u16; size, atime, mtime, ctime: u32; ten
u32 zones, seven direct), directory entries of a u32 inode number and a
60-byte name.
"""
import random
import struct
import sys

INODE_SIZE = 64
DIRENT_SIZE = 64


class Image:
    def __init__(self, path):
        self.f = open(path, "r+b")
        self.f.seek(1024)
        sb = self.f.read(32)
        (self.ninodes, _, self.imap_blocks, self.zmap_blocks, self.firstdatazone,
         _, _, _, self.zones, self.magic, _, self.bsize) = struct.unpack_from(
            "<IHHHHHHIIHHH", sb)
        if self.magic != 0x4D5A:
            sys.exit("not a minix v3 image")

    def inode_offset(self, ino):
        table = (2 + self.imap_blocks + self.zmap_blocks) * self.bsize
        return table + (ino - 1) * INODE_SIZE

    def read_inode(self, ino):
        self.f.seek(self.inode_offset(ino))
        raw = self.f.read(INODE_SIZE)
        mode, nlinks, uid, gid, size = struct.unpack_from("<HHHHI", raw)
        zones = struct.unpack_from("<10I", raw, 24)
        return mode, nlinks, size, zones

    def write_at(self, off, data):
        self.f.seek(off)
        self.f.write(data)

    def dir_entries(self, ino):
        """(byte offset of the entry, inode, name) of each entry in the direct zones."""
        mode, _, size, zones = self.read_inode(ino)
        for z in zones[:7]:
            if not z:
                continue
            self.f.seek(z * self.bsize)
            block = self.f.read(self.bsize)
            for off in range(0, self.bsize, DIRENT_SIZE):
                e_ino, = struct.unpack_from("<I", block, off)
                name = block[off + 4:off + DIRENT_SIZE].split(b"\0")[0].decode()
                if e_ino:
                    yield z * self.bsize + off, e_ino, name

    def lookup(self, path):
        """(inode, byte offset of its directory entry) of an absolute path."""
        ino, entry = 1, None
        for comp in [c for c in path.split("/") if c]:
            for off, e_ino, name in self.dir_entries(ino):
                if name == comp:
                    ino, entry = e_ino, off
                    break
            else:
                sys.exit("%s: no such entry in the image" % path)
        return ino, entry


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    img = Image(sys.argv[1])
    action, path = sys.argv[2], sys.argv[3]
    if action == "super-magic":
        img.write_at(1024 + 24, b"\0\0")
        return
    ino, entry = img.lookup(path)
    off = img.inode_offset(ino)
    if action == "entry-out-of-range":
        img.write_at(entry, struct.pack("<I", img.ninodes + 100))
    elif action == "nlinks-zero":
        img.write_at(off + 2, struct.pack("<H", 0))
    elif action == "mode-invalid":
        img.write_at(off, struct.pack("<H", 0o000644))
    elif action == "zone-past-end":
        img.write_at(off + 24, struct.pack("<I", img.zones + 1000))
    elif action == "scramble-dir":
        zone = img.read_inode(ino)[3][0]
        noise = random.Random(ino).randbytes(img.bsize)
        img.write_at(zone * img.bsize, noise)
    else:
        sys.exit("unknown action " + action)
    print(ino)


main()
