/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File modes and struct kstat.  The S_IF and permission bits come from the
 * kernel's uapi <linux/stat.h> (user ABI, taken from the tree on purpose),
 * as do the STATX_ masks.
 */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include <uapi/linux/stat.h>
#include <linux/time64.h>
#include <linux/time.h>
#include <linux/uidgid.h>

/* Permission shorthands for user, group and other together. */
#define S_IRUGO		(S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO		(S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO		(S_IXUSR | S_IXGRP | S_IXOTH)
#define S_IRWXUGO	(S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO	(S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)

/* utimensat(2) special nanosecond values. */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

/* What ->getattr fills in (Documentation/filesystems/vfs.rst, getattr). */
struct kstat {
	u32		result_mask;	/* STATX_* the fs answered */
	umode_t		mode;
	unsigned int	nlink;
	uint32_t	blksize;
	u64		attributes;	/* STATX_ATTR_* */
	u64		attributes_mask;
	u64		ino;
	dev_t		dev;
	dev_t		rdev;
	kuid_t		uid;
	kgid_t		gid;
	loff_t		size;
	struct timespec64 atime;
	struct timespec64 mtime;
	struct timespec64 ctime;
	struct timespec64 btime;
	u64		blocks;		/* 512-byte units */
	u64		mnt_id;
	u32		dio_mem_align;
	u32		dio_offset_align;
};

/* The attributes that map to FS_IOC_GETFLAGS flags. */
#define KSTAT_ATTR_FS_IOC_FLAGS			\
	(STATX_ATTR_COMPRESSED |		\
	 STATX_ATTR_IMMUTABLE |			\
	 STATX_ATTR_APPEND |			\
	 STATX_ATTR_NODUMP |			\
	 STATX_ATTR_ENCRYPTED |			\
	 STATX_ATTR_VERITY)
#define KSTAT_ATTR_VFS_FLAGS			\
	(STATX_ATTR_IMMUTABLE |			\
	 STATX_ATTR_APPEND)

#endif /* _LINUX_STAT_H */
