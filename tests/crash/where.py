#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where things are on an image, in 512-byte sectors, for t-fault.sh.

  where.py bytes IMG FILE         first sector of FILE's first 4 KiB in IMG
                                  (a file's data block: unique contents)
  where.py name IMG NAME          sector of the first occurrence of NAME
                                  (a directory block holding that entry)
  where.py minix-inode IMG INO    sector of minix (v1/v2) inode INO
  where.py ext2-inode IMG PATH    sector of PATH's inode (debugfs imap)
  where.py ext2-block IMG PATH N  sector of PATH's block N (debugfs bmap)
  where.py fat-chain IMG NAME     sector of the FAT (first copy) holding the
                                  entry of the first cluster of the file whose
                                  8.3 name is NAME (11 bytes, as on disk)

Each prints one number; a thing not found is an error (status 1).  The
layouts are read from the super block / boot sector as the format says;
debugfs (e2fsprogs) finds ext2's.
"""
import re
import struct
import subprocess
import sys


def find(img, needle):
    data = open(img, 'rb').read()
    off = data.find(needle)
    if off < 0:
        sys.exit(f'where.py: not found in {img}')
    return off


def debugfs(img, cmd):
    r = subprocess.run(['debugfs', '-R', cmd, img], capture_output=True, text=True)
    return r.stdout


def main():
    what, img = sys.argv[1], sys.argv[2]
    if what == 'bytes':
        off = find(img, open(sys.argv[3], 'rb').read(4096))
    elif what == 'name':
        off = find(img, sys.argv[3].encode())
    elif what == 'minix-inode':
        with open(img, 'rb') as f:
            f.seek(1024)
            sb = f.read(32)
        imap, zmap = struct.unpack_from('<HH', sb, 4)
        magic = struct.unpack_from('<H', sb, 16)[0]
        size = 32 if magic in (0x137f, 0x138f) else 64     # v1 : v2
        off = (2 + imap + zmap) * 1024 + (int(sys.argv[3]) - 1) * size
    elif what == 'ext2-inode':
        m = re.search(r'located at block (\d+), offset (0x[0-9a-f]+)',
                      debugfs(img, f'imap {sys.argv[3]}'))
        if not m:
            sys.exit('where.py: debugfs imap found nothing')
        bsize = int(re.search(r'Block size:\s+(\d+)', debugfs(img, 'stats')).group(1))
        off = int(m.group(1)) * bsize + int(m.group(2), 16)
    elif what == 'ext2-block':
        out = debugfs(img, f'bmap {sys.argv[3]} {sys.argv[4]}').split()
        if not out or not out[0].isdigit() or out[0] == '0':
            sys.exit('where.py: debugfs bmap found nothing')
        bsize = int(re.search(r'Block size:\s+(\d+)', debugfs(img, 'stats')).group(1))
        off = int(out[0]) * bsize
    elif what == 'fat-chain':
        with open(img, 'rb') as f:
            boot = f.read(64)
        bps, _, reserved = struct.unpack_from('<HBH', boot, 11)
        entry = find(img, sys.argv[3].encode())
        with open(img, 'rb') as f:
            f.seek(entry)
            dirent = f.read(32)
        cluster = struct.unpack_from('<H', dirent, 26)[0]
        off = reserved * bps + cluster * 2          # FAT16
    else:
        sys.exit(__doc__)
    print(off // 512)


if __name__ == '__main__':
    main()
