// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading, writing and seeking: the role of the kernel's fs/read_write.c
 * (and the fsync entry points of fs/sync.c).
 *
 * The in-process API reads and writes at explicit offsets through
 * ->read_iter/->write_iter; as in the kernel (VFS-CONTRACT.md) no VFS lock
 * is held around them: generic_file_write_iter takes i_rwsem itself.
 */
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/pagemap.h>
#include <linux/fsnotify.h>
#include <linux/security.h>
#include <linux/sched/signal.h>
#include <kfs/vfs_internal.h>

/* -------------------------------------------------------------- seeking */

/* Files such as /dev/mem allow positions with the top bit set. */
static bool allows_negative_pos(const struct file *f)
{
	return f->f_mode & FMODE_UNSIGNED_OFFSET;
}

/*
 * Move f_pos to pos, if 0 <= pos <= limit (or the file allows any
 * position).  A changed position invalidates f_version, which directory
 * iterators use to notice they must re-validate their place.
 */
loff_t vfs_setpos(struct file *f, loff_t pos, loff_t limit)
{
	if ((pos < 0 && !allows_negative_pos(f)) || pos > limit)
		return -EINVAL;
	if (f->f_pos != pos) {
		f->f_version = 0;
		f->f_pos = pos;
	}
	return pos;
}
EXPORT_SYMBOL(vfs_setpos);

/*
 * lseek for a file whose bytes are all data up to size: SEEK_DATA finds
 * the offset itself, SEEK_HOLE the virtual hole at size, both ENXIO at or
 * beyond size.  A relative seek updates f_pos under f_lock so that two
 * concurrent SEEK_CURs both count; lseek(0, SEEK_CUR) only reads it.
 */
loff_t generic_file_llseek_size(struct file *f, loff_t off, int whence, loff_t limit,
				loff_t size)
{
	loff_t target;

	if (whence == SEEK_CUR) {
		if (!off)
			return f->f_pos;
		spin_lock(&f->f_lock);
		target = vfs_setpos(f, f->f_pos + off, limit);
		spin_unlock(&f->f_lock);
		return target;
	}

	target = off;
	if (whence == SEEK_END) {
		target = size + off;
	} else if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		if ((u64)off >= (u64)size)
			return -ENXIO;
		if (whence == SEEK_HOLE)
			target = size;
	}
	return vfs_setpos(f, target, limit);
}
EXPORT_SYMBOL(generic_file_llseek_size);

loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *host = f->f_mapping->host;

	return generic_file_llseek_size(f, off, whence, host->i_sb->s_maxbytes,
					i_size_read(host));
}
EXPORT_SYMBOL(generic_file_llseek);

/* A fixed-size object: SET, CUR and END only. */
loff_t fixed_size_llseek(struct file *f, loff_t off, int whence, loff_t size)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	return generic_file_llseek_size(f, off, whence, size, size);
}
EXPORT_SYMBOL(fixed_size_llseek);

/* Objects without a meaningful end: SET and CUR only. */
loff_t no_seek_end_llseek_size(struct file *f, loff_t off, int whence, loff_t size)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return generic_file_llseek_size(f, off, whence, size, 0);
}
EXPORT_SYMBOL(no_seek_end_llseek_size);

loff_t no_seek_end_llseek(struct file *f, loff_t off, int whence)
{
	return no_seek_end_llseek_size(f, off, whence, OFFSET_MAX);
}
EXPORT_SYMBOL(no_seek_end_llseek);

/* A file whose position means nothing: seeking leaves it where it is. */
loff_t noop_llseek(struct file *f, loff_t off, int whence)
{
	return f->f_pos;
}
EXPORT_SYMBOL(noop_llseek);

/*
 * The historical default: any non-negative position, the size read under
 * i_rwsem; SEEK_DATA/SEEK_HOLE as if the file had no holes.
 */
loff_t default_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *ino = file_inode(f);
	loff_t size, target = off, ret;

	inode_lock(ino);
	size = i_size_read(ino);
	switch (whence) {
	case SEEK_CUR:
		if (!off) {
			ret = f->f_pos;
			goto unlock;
		}
		target = f->f_pos + off;
		break;
	case SEEK_END:
		target = size + off;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (off >= size) {
			ret = -ENXIO;
			goto unlock;
		}
		if (whence == SEEK_HOLE)
			target = size;
		break;
	}
	if (target < 0 && !allows_negative_pos(f)) {
		ret = -EINVAL;
	} else {
		if (f->f_pos != target) {
			f->f_version = 0;
			f->f_pos = target;
		}
		ret = target;
	}
unlock:
	inode_unlock(ino);
	return ret;
}
EXPORT_SYMBOL(default_llseek);

loff_t vfs_llseek(struct file *f, loff_t off, int whence)
{
	return (f->f_mode & FMODE_LSEEK) ? f->f_op->llseek(f, off, whence) : -ESPIPE;
}
EXPORT_SYMBOL(vfs_llseek);

/* ------------------------------------------------------------- checks */

/*
 * May a read or write of count bytes start at *ppos?  The range must not
 * wrap past the largest loff_t (unless the file allows such positions).
 */
int rw_verify_area(int read_write, struct file *f, const loff_t *ppos, size_t count)
{
	loff_t start, end;

	if ((ssize_t)count < 0)
		return -EINVAL;
	if (!ppos)
		return 0;
	start = *ppos;
	end = (loff_t)((u64)start + count);
	if (allows_negative_pos(f)) {
		if (start < 0 && count >= (u64)-start)
			return -EOVERFLOW;
		return 0;
	}
	if (start < 0 || end < 0)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL(rw_verify_area);

/*
 * How much of a write of *count bytes at pos the file may take: not past
 * the writer's RLIMIT_FSIZE, not past s_maxbytes (or 2 GiB for a file
 * opened without O_LARGEFILE).  EFBIG when not even one byte fits (the
 * kernel would also send SIGXFSZ; our callers are not our processes).
 */
int generic_write_check_limits(struct file *f, loff_t pos, loff_t *count)
{
	loff_t fs_limit = (f->f_flags & O_LARGEFILE) ? f->f_mapping->host->i_sb->s_maxbytes
						     : MAX_NON_LFS;
	unsigned long rlim = rlimit(RLIMIT_FSIZE);

	if (rlim != RLIM_INFINITY) {
		if (pos >= (loff_t)rlim)
			return -EFBIG;
		*count = min_t(loff_t, *count, (loff_t)rlim - pos);
	}
	if (pos >= fs_limit)
		return -EFBIG;
	*count = min_t(loff_t, *count, fs_limit - pos);
	return 0;
}
EXPORT_SYMBOL(generic_write_check_limits);

/* Where a write lands (end of file for O_APPEND) and how much of it may. */
int generic_write_checks_count(struct kiocb *iocb, loff_t *count)
{
	struct file *f = iocb->ki_filp;
	struct inode *host = f->f_mapping->host;
	bool async_ok = (iocb->ki_flags & IOCB_DIRECT) || (f->f_mode & FMODE_BUF_WASYNC);

	if (IS_SWAPFILE(host))
		return -ETXTBSY;
	if (*count == 0)
		return 0;
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(host);
	if ((iocb->ki_flags & IOCB_NOWAIT) && !async_ok)
		return -EINVAL;
	return generic_write_check_limits(f, iocb->ki_pos, count);
}
EXPORT_SYMBOL(generic_write_checks_count);

/*
 * The checks every ->write_iter starts with (i_rwsem held): returns how
 * many bytes may be written, the iterator clipped to that.
 */
ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from)
{
	loff_t allowed = iov_iter_count(from);
	int err = generic_write_checks_count(iocb, &allowed);

	if (err)
		return err;
	iov_iter_truncate(from, allowed);
	return iov_iter_count(from);
}
EXPORT_SYMBOL(generic_write_checks);

/* copy_file_range/clone: two regular files, readable source, plain writable target. */
int generic_file_rw_checks(struct file *src, struct file *dst)
{
	umode_t smode = file_inode(src)->i_mode, dmode = file_inode(dst)->i_mode;

	if (S_ISDIR(smode) || S_ISDIR(dmode))
		return -EISDIR;
	if (!S_ISREG(smode) || !S_ISREG(dmode))
		return -EINVAL;
	if ((src->f_mode & FMODE_READ) && (dst->f_mode & FMODE_WRITE) &&
	    !(dst->f_flags & O_APPEND))
		return 0;
	return -EBADF;
}

/* ------------------------------------------------------- read and write */

/*
 * May this open file be read (want FMODE_READ) or written (FMODE_WRITE)
 * through the iterator methods?  EBADF when it was not opened so, EINVAL
 * when the filesystem has no such method.
 */
static int file_io_allowed(const struct file *f, fmode_t want)
{
	bool reading = want == FMODE_READ;
	bool has_method = reading ? f->f_op->read_iter != NULL : f->f_op->write_iter != NULL;
	fmode_t can = reading ? FMODE_CAN_READ : FMODE_CAN_WRITE;

	if (!has_method)
		return -EINVAL;
	if (!(f->f_mode & want))
		return -EBADF;
	return (f->f_mode & can) ? 0 : -EINVAL;
}

ssize_t vfs_iocb_iter_read(struct file *f, struct kiocb *iocb, struct iov_iter *iter)
{
	size_t len = iov_iter_count(iter);
	ssize_t ret = file_io_allowed(f, FMODE_READ);

	if (ret)
		return ret;
	if (len) {
		ret = rw_verify_area(READ, f, &iocb->ki_pos, len);
		if (ret)
			return ret;
		ret = call_read_iter(f, iocb, iter);
	}
	if (ret >= 0)
		fsnotify_access(f);
	return ret;
}
EXPORT_SYMBOL(vfs_iocb_iter_read);

/* Writes to regular files run inside freeze protection (file_start_write). */
ssize_t vfs_iocb_iter_write(struct file *f, struct kiocb *iocb, struct iov_iter *iter)
{
	size_t len = iov_iter_count(iter);
	ssize_t ret = file_io_allowed(f, FMODE_WRITE);

	if (ret || !len)
		return ret;
	ret = rw_verify_area(WRITE, f, &iocb->ki_pos, len);
	if (ret)
		return ret;

	file_start_write(f);
	ret = call_write_iter(f, iocb, iter);
	if (ret > 0)
		fsnotify_modify(f);
	file_end_write(f);
	return ret;
}
EXPORT_SYMBOL(vfs_iocb_iter_write);

/* A synchronous kiocb at *ppos with the request's RWF_* flags. */
static int setup_kiocb(struct kiocb *iocb, struct file *f, loff_t pos, rwf_t flags)
{
	init_sync_kiocb(iocb, f);
	iocb->ki_pos = pos;
	return kiocb_set_rw_flags(iocb, flags);
}

ssize_t vfs_iter_read(struct file *f, struct iov_iter *iter, loff_t *ppos, rwf_t flags)
{
	struct kiocb iocb;
	ssize_t ret = setup_kiocb(&iocb, f, *ppos, flags);

	if (!ret)
		ret = vfs_iocb_iter_read(f, &iocb, iter);
	if (ret >= 0)
		*ppos = iocb.ki_pos;
	return ret;
}
EXPORT_SYMBOL(vfs_iter_read);

ssize_t vfs_iter_write(struct file *f, struct iov_iter *iter, loff_t *ppos, rwf_t flags)
{
	struct kiocb iocb;
	ssize_t ret = setup_kiocb(&iocb, f, *ppos, flags);

	if (!ret)
		ret = vfs_iocb_iter_write(f, &iocb, iter);
	if (ret > 0)
		*ppos = iocb.ki_pos;
	return ret;
}
EXPORT_SYMBOL(vfs_iter_write);

/*
 * One kernel buffer through ->read_iter or ->write_iter (dir READ or
 * WRITE), at most MAX_RW_COUNT bytes; the old ->read/->write methods of
 * character-device style files are used when that is all there is.
 */
static ssize_t kernel_rw(struct file *f, void *buf, size_t count, loff_t *pos, int dir)
{
	struct kvec seg = { .iov_base = buf, .iov_len = min_t(size_t, count, MAX_RW_COUNT) };
	ssize_t (*iter_op)(struct kiocb *, struct iov_iter *);
	struct iov_iter iter;
	struct kiocb iocb;
	ssize_t done;

	iter_op = dir == READ ? f->f_op->read_iter : f->f_op->write_iter;
	if (!iter_op) {
		if (dir == READ && f->f_op->read)
			return f->f_op->read(f, (char __user *)buf, seg.iov_len, pos);
		if (dir == WRITE && f->f_op->write)
			return f->f_op->write(f, (const char __user *)buf, seg.iov_len, pos);
		return -EINVAL;
	}

	init_sync_kiocb(&iocb, f);
	iocb.ki_pos = pos ? *pos : 0;
	iov_iter_kvec(&iter, dir, &seg, 1, seg.iov_len);
	done = iter_op(&iocb, &iter);
	if (done > 0) {
		if (pos)
			*pos = iocb.ki_pos;
		if (dir == READ)
			fsnotify_access(f);
		else
			fsnotify_modify(f);
	}
	return done;
}

ssize_t __kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	if (WARN_ON_ONCE(!(f->f_mode & FMODE_READ)) || !(f->f_mode & FMODE_CAN_READ))
		return -EINVAL;
	return kernel_rw(f, buf, count, pos, READ);
}

ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	int err = rw_verify_area(READ, f, pos, count);

	return err ? err : __kernel_read(f, buf, count, pos);
}
EXPORT_SYMBOL(kernel_read);

ssize_t __kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	if (WARN_ON_ONCE(!(f->f_mode & FMODE_WRITE)))
		return -EBADF;
	if (!(f->f_mode & FMODE_CAN_WRITE))
		return -EINVAL;
	return kernel_rw(f, (void *)buf, count, pos, WRITE);
}
EXPORT_SYMBOL(__kernel_write);

ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	ssize_t ret = rw_verify_area(WRITE, f, pos, count);

	if (ret)
		return ret;
	file_start_write(f);
	ret = __kernel_write(f, buf, count, pos);
	file_end_write(f);
	return ret;
}
EXPORT_SYMBOL(kernel_write);

/* In kfs a "__user" buffer is ordinary memory of the calling process. */
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	return (f->f_mode & FMODE_CAN_READ) ? kernel_read(f, (void __force *)buf, count, pos)
					     : -EINVAL;
}
EXPORT_SYMBOL(vfs_read);

ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	return (f->f_mode & FMODE_CAN_WRITE) ?
		kernel_write(f, (const void __force *)buf, count, pos) : -EINVAL;
}
EXPORT_SYMBOL(vfs_write);

/* ---------------------------------------------------------------- fsync */

/*
 * fsync/fdatasync of a byte range (fs/sync.c).  Timestamps that were only
 * dirtied lazily count for a full fsync.  No VFS lock is held.
 */
int vfs_fsync_range(struct file *f, loff_t start, loff_t end, int datasync)
{
	struct inode *host = f->f_mapping->host;

	if (!f->f_op->fsync)
		return -EINVAL;
	if ((host->i_state & I_DIRTY_TIME) && !datasync)
		mark_inode_dirty_sync(host);
	return f->f_op->fsync(f, start, end, datasync);
}
EXPORT_SYMBOL(vfs_fsync_range);

int vfs_fsync(struct file *f, int datasync)
{
	return vfs_fsync_range(f, 0, LLONG_MAX, datasync);
}
EXPORT_SYMBOL(vfs_fsync);
