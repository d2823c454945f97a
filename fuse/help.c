/* SPDX-License-Identifier: GPL-2.0-only */
/* kfs --help: the manual page, short enough for a terminal. */
#include <stdio.h>

#include "kfs_fuse.h"

static const char help_text[] =
"\n"
"DESCRIPTION\n"
"  Mounts a disk image (or block device) with the Linux kernel's own filesystem\n"
"  code, run unmodified in this process, and serves it through FUSE. A broken or\n"
"  hostile image can crash only this daemon, never the kernel.\n"
"\n"
"  Without -t, the type is recognised from the super block and printed. Unless\n"
"  -f is given, kfs returns once the filesystem is mounted and serving (status 0)\n"
"  or after printing one line that says why it is not (status 1).\n"
"\n"
"MODES\n"
"  kfs [OPTIONS] IMAGE MOUNTPOINT   mount IMAGE on MOUNTPOINT (a directory)\n"
"  kfs -u MOUNTPOINT                unmount and wait until the daemon has written\n"
"                                   everything, released the super block and exited\n"
"  kfs --list                       filesystem types built in\n"
"  kfs --list-parts IMAGE           the image's MBR or GPT partitions, with contents\n"
"  kfs --version                    kfs, kernel tree and libfuse versions\n"
"  kfs --help                       this text\n"
"\n"
"OPTIONS\n"
"  -t TYPE       filesystem type (see --list); kfs-TYPE fixes it\n"
"  -o OPT[,OPT]  mount options, below; may be repeated\n"
"  -f            stay in the foreground (messages on stderr)\n"
"  -s            serve requests on one thread\n"
"  -d            debug: FUSE traffic and kernel messages on stderr (implies -f)\n"
"  -u            unmount (see MODES)\n"
"\n"
"MOUNT OPTIONS (-o)\n"
"  One comma-separated list; kfs takes its own and FUSE's options, and passes\n"
"  every other option to the filesystem as its mount data, which it parses as in\n"
"  the kernel (e.g. errors=remount-ro, uid=, iocharset=). A filesystem rejects an\n"
"  option it does not know with its own message; one that takes no options\n"
"  (minix) ignores them, as it does in the kernel.\n"
"\n"
"  kfs:\n"
"  ro, rw                 read-only (the image is opened read-only) / read-write\n"
"  cache=SIZE             page-cache limit (K, M, G suffixes; at least 1M)\n"
"  part=N                 use partition N of an MBR or GPT table (--list-parts)\n"
"  offset=BYTES           the filesystem starts BYTES into the image\n"
"  size=BYTES             and is this long (default: to the end)\n"
"  fsname=NAME            source shown in /proc/mounts (default: image path)\n"
"  subtype=NAME           shown as fuse.NAME (default: kfs-TYPE)\n"
"  entry_timeout=SEC      how long the kernel caches names (default 86400)\n"
"  attr_timeout=SEC       how long it caches attributes (default 86400)\n"
"  negative_timeout=SEC   how long it caches missing names (default 86400)\n"
"                         (long defaults are right: only kfs changes the image)\n"
"  writeback_cache, no_writeback_cache   kernel write-back caching (default on)\n"
"  splice, no_splice      move data through pipes (default on)\n"
"  readdirplus=yes|no|auto   attributes with directory listings (default auto)\n"
"  max_threads=N          worker threads (default 2 per CPU, 8 to 64)\n"
"  nosandbox              reserved: kfs has no sandbox yet\n"
"\n"
"  FUSE (passed to the FUSE mount):\n"
"  allow_other, allow_root, default_permissions, auto_unmount, dev, nodev, suid,\n"
"  nosuid, exec, noexec, sync, async, dirsync, atime, noatime, max_read=N,\n"
"  blksize=N, context=, fscontext=, defcontext=, rootcontext=\n"
"  Without default_permissions, permissions are checked by the kernel code in\n"
"  kfs, as the VFS checks them (with the caller's uid, gid, groups and umask).\n"
"\n"
"  mount(8) options accepted and ignored (for fstab): defaults, nofail, auto,\n"
"  noauto, user, nouser, users, owner, group, _netdev, relatime, strictatime,\n"
"  diratime, lazytime, iversion, mand and their no- forms, x-*, comment=.\n"
"\n"
"EXAMPLES\n"
"  mkfs.minix -3 disk.img 8192 && mkdir -p /mnt/d\n"
"  kfs disk.img /mnt/d                     recognise, mount, return\n"
"  cp -r ~/notes /mnt/d && kfs -u /mnt/d   copy in; unmount, wait, done\n"
"  kfs -t minix -o ro,allow_other disk.img /mnt/d\n"
"  kfs --list-parts sdcard.img && kfs -o part=2 sdcard.img /mnt/d\n"
"  mount -t fuse.kfs-minix disk.img /mnt/d  (through mount.fuse3; kfs-minix in PATH)\n"
"  fstab:  /srv/disk.img  /mnt/d  fuse.kfs-minix  defaults,nofail  0 0\n"
"\n"
"EXIT STATUS\n"
"  0  mounted and serving (daemon), unmounted cleanly (-f, -u), or listed\n"
"  1  any error: missing or unreadable image, unknown or wrong type, bad option,\n"
"     the filesystem refused the image, mount point missing, not a directory or\n"
"     already a mount point, unmount failed\n"
"  2  bad usage\n"
"\n"
"SIGNALS\n"
"  SIGTERM, SIGINT and SIGHUP unmount and exit as umount does. `umount DIR` and\n"
"  `fusermount3 -u DIR` return before the daemon has finished writing; use\n"
"  `kfs -u DIR` before reading or checking the image.\n";

void kfs_print_help(const char *prog, bool fixed)
{
	printf("%s - Linux kernel filesystems in userspace, through FUSE\n\n", prog);
	printf("SYNOPSIS\n");
	if (fixed)
		printf("  %s [-o OPTIONS] [-f] [-s] [-d] IMAGE MOUNTPOINT\n", prog);
	else
		printf("  %s [-t TYPE] [-o OPTIONS] [-f] [-s] [-d] IMAGE MOUNTPOINT\n", prog);
	printf("  %s -u MOUNTPOINT\n", prog);
	printf("  %s --list | --list-parts IMAGE | --version | --help\n", prog);
	fputs(help_text, stdout);
}
