// SPDX-License-Identifier: GPL-2.0-only
/*
 * Splicing between files and pipes (fs/splice.c).  kfs has no pipes: the
 * FUSE adapter splices with the host kernel around kfs_read/kfs_write, and
 * nothing in kfs calls ->splice_read/->splice_write.  Filesystems still
 * name these in their file_operations, so they exist and fail loudly.
 */
#include <linux/fs.h>

ssize_t generic_file_splice_read(struct file *in, loff_t *ppos, struct pipe_inode_info *pipe,
				 size_t len, unsigned int flags)
{
	WARN_ONCE(1, "kfs: splice_read called, but kfs has no pipes\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(generic_file_splice_read);

ssize_t iter_file_splice_write(struct pipe_inode_info *pipe, struct file *out, loff_t *ppos,
			       size_t len, unsigned int flags)
{
	WARN_ONCE(1, "kfs: splice_write called, but kfs has no pipes\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(iter_file_splice_write);
