/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Direct access to persistent memory (DAX), as a kernel built without
 * CONFIG_FS_DAX offers it: no block device ever has a DAX device, so a
 * filesystem that asks gets NULL and keeps using the page cache.  The
 * operations that exist only for DAX inodes (S_DAX is never set here) are
 * declared so such filesystems compile; reaching one is a bug and says so.
 */
#ifndef _LINUX_DAX_H
#define _LINUX_DAX_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/bug.h>

struct dax_device;
struct dax_holder_operations;
struct iomap_ops;
struct iov_iter;
struct kiocb;
struct writeback_control;
struct block_device;

static inline struct dax_device *fs_dax_get_by_bdev(struct block_device *bdev,
						    u64 *start_off, void *holder,
						    const struct dax_holder_operations *ops)
{
	return NULL;
}

static inline void fs_put_dax(struct dax_device *dax_dev, void *holder)
{
}

static inline int dax_writeback_mapping_range(struct address_space *mapping,
					      struct dax_device *dax_dev,
					      struct writeback_control *wbc)
{
	WARN_ONCE(1, "dax: writeback of a DAX mapping, but DAX is not built\n");
	return -EOPNOTSUPP;
}

static inline int dax_truncate_page(struct inode *inode, loff_t pos, bool *did_zero,
				    const struct iomap_ops *ops)
{
	WARN_ONCE(1, "dax: truncate of a DAX inode, but DAX is not built\n");
	return -EOPNOTSUPP;
}

static inline int dax_zero_range(struct inode *inode, loff_t pos, loff_t len,
				 bool *did_zero, const struct iomap_ops *ops)
{
	WARN_ONCE(1, "dax: zeroing a DAX range, but DAX is not built\n");
	return -EOPNOTSUPP;
}

static inline ssize_t dax_iomap_rw(struct kiocb *iocb, struct iov_iter *iter,
				   const struct iomap_ops *ops)
{
	WARN_ONCE(1, "dax: DAX read/write, but DAX is not built\n");
	return -EOPNOTSUPP;
}

static inline bool dax_mapping(struct address_space *mapping)
{
	return false;
}

#endif /* _LINUX_DAX_H */
