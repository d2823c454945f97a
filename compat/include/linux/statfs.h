/* SPDX-License-Identifier: GPL-2.0-only */
/* What ->statfs fills in (struct statfs of statfs(2), kernel side). */
#ifndef _LINUX_STATFS_H
#define _LINUX_STATFS_H

#include <linux/types.h>

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

/* f_flags: the mount flags statfs(2) reports (ST_* of statvfs). */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_SYNCHRONOUS	0x0010
#define ST_VALID	0x0020	/* f_flags is filled in */
#define ST_MANDLOCK	0x0040
#define ST_NOATIME	0x0400
#define ST_NODIRATIME	0x0800
#define ST_RELATIME	0x1000
#define ST_NOSYMFOLLOW	0x2000

/* The fsid of a 64-bit device number: low word first. */
static inline __kernel_fsid_t u64_to_fsid(u64 v)
{
	return (__kernel_fsid_t){ .val = { (u32)v, (u32)(v >> 32) } };
}

/*
 * The fsid of a 16-byte volume UUID: each word folds two big-endian
 * 32-bit quarters of it together with XOR (K, for ext2's statfs).
 */
static inline __kernel_fsid_t uuid_to_fsid(__u8 *uuid)
{
	u32 q[4];
	int i;

	for (i = 0; i < 4; i++)
		q[i] = (u32)uuid[4 * i] << 24 | (u32)uuid[4 * i + 1] << 16 |
		       (u32)uuid[4 * i + 2] << 8 | uuid[4 * i + 3];
	return (__kernel_fsid_t){ .val = { q[0] ^ q[1], q[2] ^ q[3] } };
}

#endif /* _LINUX_STATFS_H */
