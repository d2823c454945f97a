/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 16-bit ids for old on-disk formats and ABIs: an id that does not fit is
 * replaced by the "overflow" id (65534 by default, as the kernel's sysctls
 * fs.overflowuid/overflowgid default to).  fs_* are the values filesystems
 * store on disk.
 */
#ifndef _LINUX_HIGHUID_H
#define _LINUX_HIGHUID_H

#include <linux/types.h>

extern int overflowuid;
extern int overflowgid;
extern int fs_overflowuid;
extern int fs_overflowgid;

#define DEFAULT_OVERFLOWUID	65534
#define DEFAULT_OVERFLOWGID	65534
#define DEFAULT_FS_OVERFLOWUID	65534
#define DEFAULT_FS_OVERFLOWGID	65534

/* An id of `size` bytes, or the overflow id when it does not fit. */
#define __kfs_fit_id(size, id, overflow) \
	((size) >= sizeof(id) || !((id) & ~((1UL << ((size) * 8)) - 1)) ? (id) : (overflow))
#define __convert_uid(size, uid)	__kfs_fit_id(size, uid, overflowuid)
#define __convert_gid(size, gid)	__kfs_fit_id(size, gid, overflowgid)

#define SET_UID(var, uid)	do { (var) = __convert_uid(sizeof(var), (uid)); } while (0)
#define SET_GID(var, gid)	do { (var) = __convert_gid(sizeof(var), (gid)); } while (0)

#define high2lowuid(uid)	((uid) & ~0xFFFF ? (old_uid_t)overflowuid : (old_uid_t)(uid))
#define high2lowgid(gid)	((gid) & ~0xFFFF ? (old_gid_t)overflowgid : (old_gid_t)(gid))
/* (old_uid_t)-1 means "no change" in the old syscalls: keep it -1. */
#define low2highuid(uid)	((uid) == (old_uid_t)-1 ? (uid_t)-1 : (uid_t)(uid))
#define low2highgid(gid)	((gid) == (old_gid_t)-1 ? (gid_t)-1 : (gid_t)(gid))

#define fs_high2lowuid(uid)	((uid) & ~0xFFFF ? (uid16_t)fs_overflowuid : (uid16_t)(uid))
#define fs_high2lowgid(gid)	((gid) & ~0xFFFF ? (gid16_t)fs_overflowgid : (gid16_t)(gid))

#define low_16_bits(x)	((x) & 0xFFFF)
#define high_16_bits(x)	(((x) & 0xFFFF0000) >> 16)

#endif /* _LINUX_HIGHUID_H */
