// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading directories: the role of the kernel's fs/readdir.c.
 *
 * The contract (locking.rst, vfs.rst "iterate_shared"): the filesystem
 * starts at the position in the file, emits entries through dir_emit()
 * while that accepts them, and leaves ctx->pos after the last one it
 * emitted; the VFS holds the directory's i_rwsem -- shared for
 * ->iterate_shared, exclusive for the old ->iterate -- and refuses a
 * directory that has been removed.
 */
#include <linux/fs.h>
#include <linux/fsnotify.h>
#include <linux/security.h>
#include <linux/sched/signal.h>

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	const struct file_operations *fop = file->f_op;
	int (*walk)(struct file *, struct dir_context *) = fop->iterate_shared;
	struct inode *dir = file_inode(file);
	bool exclusive = false;
	int ret;

	if (!walk) {
		walk = fop->iterate;
		exclusive = true;
	}
	if (!walk)
		return -ENOTDIR;

	ret = exclusive ? down_write_killable(&dir->i_rwsem) : down_read_killable(&dir->i_rwsem);
	if (ret)
		return ret;

	if (IS_DEADDIR(dir)) {
		ret = -ENOENT;
	} else {
		ctx->pos = file->f_pos;
		ret = walk(file, ctx);
		file->f_pos = ctx->pos;
		fsnotify_access(file);
		file_accessed(file);
	}

	if (exclusive)
		up_write(&dir->i_rwsem);
	else
		up_read(&dir->i_rwsem);
	return ret;
}
EXPORT_SYMBOL(iterate_dir);
