/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Recognising a filesystem image from its on-disk magic numbers, for the
 * programs that take an image without -t (kfs, kfs-TYPE, kfs-shell,
 * kfs-check).  Host world, libc only: it knows nothing about which types are
 * built in; callers pass a predicate (a wrapper over kfs_fstype_name()).
 */
#ifndef _KFS_PROBE_H
#define _KFS_PROBE_H

#include <stddef.h>

/* Bytes of the image the prober looks at (the UFS super block at 256 KiB is the deepest). */
#define KFS_PROBE_BYTES		(272 * 1024)

/* Most candidate names one image can get (ext2 / ext3 / ext4). */
#define KFS_PROBE_MAX		4

/*
 * Fills @types with the names of the filesystem types (as registered by
 * file_system_type.name) that @buf (the first @len bytes of a filesystem)
 * could be, the most specific first.  Returns the count, 0 if nothing was
 * recognised.
 */
int kfs_probe_buf(const unsigned char *buf, size_t len, const char **types, int max);

/* The same for the filesystem at byte @offset of @fd; -errno on a read error. */
int kfs_probe_fd(int fd, long long offset, const char **types, int max);

/*
 * The first candidate that @have accepts, or NULL (errno: 0 when nothing
 * was recognised or nothing recognised is built in, else the read error).
 */
const char *kfs_probe_pick(int fd, long long offset, int (*have)(const char *name));

#endif /* _KFS_PROBE_H */
