/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FS_IOC_FIEMAP (Documentation/filesystems/fiemap.rst).  The extent
 * structures and FIEMAP_* flags are ABI from the tree's uapi header; the
 * extents are collected into a kernel buffer (fi_extents_start) that the
 * in-process API hands back to its caller.
 */
#ifndef _LINUX_FIEMAP_H
#define _LINUX_FIEMAP_H 1

#include <uapi/linux/fiemap.h>
#include <linux/fs.h>

struct fiemap_extent_info {
	unsigned int fi_flags;		/* FIEMAP_FLAG_* the caller asked for */
	unsigned int fi_extents_mapped;	/* extents filled in so far */
	unsigned int fi_extents_max;	/* room in fi_extents_start */
	struct fiemap_extent __user *fi_extents_start;
};

int fiemap_prep(struct inode *inode, struct fiemap_extent_info *fieinfo, u64 start,
		u64 *len, u32 supported_flags);
int fiemap_fill_next_extent(struct fiemap_extent_info *info, u64 logical, u64 phys,
			    u64 len, u32 flags);

#endif /* _LINUX_FIEMAP_H */
