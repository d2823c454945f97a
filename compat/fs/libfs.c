// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers for filesystems: the role of the kernel's fs/libfs.c (and
 * fs/fs_types.c).  Small filesystems use these for their file operations
 * (generic_read_dir, generic_file_fsync, noop_direct_IO...) and in-memory
 * filesystems build on the simple_* family, whose namespace lives entirely
 * in the dcache.
 */
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/writeback.h>
#include <linux/statfs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mount.h>
#include <kfs/vfs_internal.h>

/* -------------------------------------------------------------- fs_types */

/*
 * One row per file type: the S_IFMT bits, the FT_* value some on-disk
 * formats store and the DT_* value readdir reports.
 */
static const struct {
	umode_t ifmt;
	unsigned char ft;
	unsigned char dt;
} file_types[] = {
	{ S_IFREG, FT_REG_FILE, DT_REG },
	{ S_IFDIR, FT_DIR, DT_DIR },
	{ S_IFLNK, FT_SYMLINK, DT_LNK },
	{ S_IFCHR, FT_CHRDEV, DT_CHR },
	{ S_IFBLK, FT_BLKDEV, DT_BLK },
	{ S_IFIFO, FT_FIFO, DT_FIFO },
	{ S_IFSOCK, FT_SOCK, DT_SOCK },
};

unsigned char fs_ftype_to_dtype(unsigned int filetype)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(file_types); k++)
		if (file_types[k].ft == filetype)
			return file_types[k].dt;
	return DT_UNKNOWN;
}
EXPORT_SYMBOL_GPL(fs_ftype_to_dtype);

unsigned char fs_umode_to_ftype(umode_t mode)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(file_types); k++)
		if (file_types[k].ifmt == (mode & S_IFMT))
			return file_types[k].ft;
	return FT_UNKNOWN;
}
EXPORT_SYMBOL_GPL(fs_umode_to_ftype);

unsigned char fs_umode_to_dtype(umode_t mode)
{
	return fs_ftype_to_dtype(fs_umode_to_ftype(mode));
}
EXPORT_SYMBOL_GPL(fs_umode_to_dtype);

/* ---------------------------------------------------------- attributes */

/* In-memory inodes occupy exactly their page-cache pages. */
int simple_getattr(struct user_namespace *mnt_userns, const struct path *path,
		   struct kstat *stat, u32 request_mask, unsigned int query_flags)
{
	struct inode *ino = d_inode(path->dentry);

	generic_fillattr(&init_user_ns, ino, stat);
	stat->blocks = (u64)ino->i_mapping->nrpages * (PAGE_SIZE / 512);
	return 0;
}
EXPORT_SYMBOL(simple_getattr);

int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_namelen = NAME_MAX;
	buf->f_bsize = PAGE_SIZE;
	buf->f_type = dentry->d_sb->s_magic;
	return 0;
}
EXPORT_SYMBOL(simple_statfs);

/* ->setattr for filesystems whose inodes live only in memory. */
int simple_setattr(struct user_namespace *mnt_userns, struct dentry *dentry, struct iattr *ia)
{
	struct inode *ino = d_inode(dentry);
	int ret = setattr_prepare(mnt_userns, dentry, ia);

	if (ret)
		return ret;
	if (ia->ia_valid & ATTR_SIZE)
		truncate_setsize(ino, ia->ia_size);
	setattr_copy(mnt_userns, ino, ia);
	mark_inode_dirty(ino);
	return 0;
}
EXPORT_SYMBOL(simple_setattr);

/* ------------------------------------------------------- dcache-only dirs */

/* ->d_delete: never keep unused dentries (nothing to look them up from). */
int always_delete_dentry(const struct dentry *dentry)
{
	return 1;
}
EXPORT_SYMBOL(always_delete_dentry);

const struct dentry_operations simple_dentry_operations = {
	.d_delete = always_delete_dentry,
};
EXPORT_SYMBOL(simple_dentry_operations);

/* In a dcache-only directory, a name the dcache does not know is absent. */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	if (unlikely(dentry->d_name.len > NAME_MAX))
		return ERR_PTR(-ENAMETOOLONG);
	if (dentry->d_sb->s_d_op == NULL)
		d_set_d_op(dentry, &simple_dentry_operations);
	d_add(dentry, NULL);
	return NULL;
}
EXPORT_SYMBOL(simple_lookup);

int simple_open(struct inode *inode, struct file *file)
{
	void *priv = inode->i_private;

	if (priv)
		file->private_data = priv;
	return 0;
}
EXPORT_SYMBOL(simple_open);

/*
 * Directories that exist only in the dcache are read by position: 0 and
 * 1 are the dots, 2 + n the n-th positive child.  (Ordinal positions:
 * entries created meanwhile may shift, as with any readdir.)  No per-open
 * state is needed, so open and close have nothing to do.
 */
int dcache_dir_open(struct inode *inode, struct file *file)
{
	return 0;
}
EXPORT_SYMBOL(dcache_dir_open);

int dcache_dir_close(struct inode *inode, struct file *file)
{
	return 0;
}
EXPORT_SYMBOL(dcache_dir_close);

loff_t dcache_dir_lseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, OFFSET_MAX, OFFSET_MAX);
}
EXPORT_SYMBOL(dcache_dir_lseek);

int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry;
	struct dentry *child;

	if (!dir_emit_dots(file, ctx))
		return 0;
	while ((child = kfs_d_nth_positive_child(dir, ctx->pos - 2)) != NULL) {
		struct inode *ci = d_inode(child);
		bool taken = dir_emit(ctx, child->d_name.name, child->d_name.len, ci->i_ino,
				      fs_umode_to_dtype(ci->i_mode));

		dput(child);
		if (!taken)
			break;
		ctx->pos++;
	}
	return 0;
}
EXPORT_SYMBOL(dcache_readdir);

/* read(2) on a directory. */
ssize_t generic_read_dir(struct file *filp, char __user *buf, size_t siz, loff_t *ppos)
{
	return -EISDIR;
}
EXPORT_SYMBOL(generic_read_dir);

const struct file_operations simple_dir_operations = {
	.iterate_shared = dcache_readdir,
	.read = generic_read_dir,
	.llseek = dcache_dir_lseek,
	.fsync = noop_fsync,
	.release = dcache_dir_close,
	.open = dcache_dir_open,
};
EXPORT_SYMBOL(simple_dir_operations);

const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};
EXPORT_SYMBOL(simple_dir_inode_operations);

/* Does dentry have no positive children? */
int simple_empty(struct dentry *dentry)
{
	return !kfs_d_has_positive_child(dentry);
}
EXPORT_SYMBOL(simple_empty);

/*
 * The simple_* namespace operations of in-memory filesystems: each
 * dentry holds the reference that keeps its inode alive, so linking takes
 * one (ihold + dget) and unlinking drops it.
 */
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *target = d_inode(old_dentry);
	struct timespec64 now = current_time(target);

	dir->i_mtime = now;
	dir->i_ctime = now;
	target->i_ctime = now;
	inc_nlink(target);
	ihold(target);
	d_instantiate(dentry, target);
	dget(dentry);
	return 0;
}
EXPORT_SYMBOL(simple_link);

int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *victim = d_inode(dentry);
	struct timespec64 now = current_time(victim);

	dir->i_mtime = now;
	dir->i_ctime = now;
	victim->i_ctime = now;
	drop_nlink(victim);
	dput(dentry);
	return 0;
}
EXPORT_SYMBOL(simple_unlink);

int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;

	/* the directory's own "." link, then its name; the parent loses ".." */
	drop_nlink(d_inode(dentry));
	simple_unlink(dir, dentry);
	drop_nlink(dir);
	return 0;
}
EXPORT_SYMBOL(simple_rmdir);

/* A rename changes the ctime of everything it touches, the mtime of the dirs. */
void simple_rename_timestamp(struct inode *old_dir, struct dentry *old_dentry,
			     struct inode *new_dir, struct dentry *new_dentry)
{
	struct inode *touched[4] = {
		d_inode(old_dentry), d_inode(new_dentry), old_dir,
		new_dir != old_dir ? new_dir : NULL,
	};
	int k;

	for (k = 0; k < 4; k++) {
		if (!touched[k])
			continue;
		inode_set_ctime_current(touched[k]);
		if (k >= 2)
			touched[k]->i_mtime = touched[k]->i_ctime;
	}
}
EXPORT_SYMBOL_GPL(simple_rename_timestamp);

/*
 * RENAME_EXCHANGE between directories of a directory and a file moves a
 * ".." link from one parent to the other.
 */
int simple_rename_exchange(struct inode *old_dir, struct dentry *old_dentry,
			   struct inode *new_dir, struct dentry *new_dentry)
{
	bool src_dir = d_is_dir(old_dentry), dst_dir = d_is_dir(new_dentry);

	if (old_dir != new_dir && src_dir != dst_dir) {
		struct inode *gains = src_dir ? new_dir : old_dir;
		struct inode *loses = src_dir ? old_dir : new_dir;

		drop_nlink(loses);
		inc_nlink(gains);
	}
	simple_rename_timestamp(old_dir, old_dentry, new_dir, new_dentry);
	return 0;
}
EXPORT_SYMBOL_GPL(simple_rename_exchange);

int simple_rename(struct user_namespace *mnt_userns, struct inode *old_dir,
		  struct dentry *old_dentry, struct inode *new_dir, struct dentry *new_dentry,
		  unsigned int flags)
{
	bool moving_dir = d_is_dir(old_dentry);

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE)
		return simple_rename_exchange(old_dir, old_dentry, new_dir, new_dentry);
	if (!simple_empty(new_dentry))
		return -ENOTEMPTY;

	if (d_really_is_positive(new_dentry)) {
		/* the replaced entry goes; a replaced directory takes its "." too */
		simple_unlink(new_dir, new_dentry);
		if (moving_dir) {
			drop_nlink(d_inode(new_dentry));
			drop_nlink(old_dir);
		}
	} else if (moving_dir) {
		/* ".." now counts in the new parent */
		inc_nlink(new_dir);
		drop_nlink(old_dir);
	}
	simple_rename_timestamp(old_dir, old_dentry, new_dir, new_dentry);
	return 0;
}
EXPORT_SYMBOL(simple_rename);

/* ------------------------------------------- permanently empty directories */

static struct dentry *empty_dir_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	return ERR_PTR(-ENOENT);
}

static int empty_dir_getattr(struct user_namespace *mnt_userns, const struct path *path,
			     struct kstat *stat, u32 request_mask, unsigned int query_flags)
{
	generic_fillattr(&init_user_ns, d_inode(path->dentry), stat);
	return 0;
}

static int empty_dir_setattr(struct user_namespace *mnt_userns, struct dentry *dentry,
			     struct iattr *attr)
{
	return -EPERM;
}

static ssize_t empty_dir_listxattr(struct dentry *dentry, char *list, size_t size)
{
	return -EOPNOTSUPP;
}

static const struct inode_operations empty_dir_inode_operations = {
	.getattr = empty_dir_getattr,
	.setattr = empty_dir_setattr,
	.permission = generic_permission,
	.listxattr = empty_dir_listxattr,
	.lookup = empty_dir_lookup,
};

/* Only the dots: positions 0 and 1, nothing after. */
static loff_t empty_dir_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, 2, 2);
}

static int empty_dir_readdir(struct file *file, struct dir_context *ctx)
{
	dir_emit_dots(file, ctx);
	return 0;
}

static const struct file_operations empty_dir_operations = {
	.fsync = noop_fsync,
	.iterate_shared = empty_dir_readdir,
	.read = generic_read_dir,
	.llseek = empty_dir_llseek,
};

/* A read-only directory owned by root in which nothing can be created. */
void make_empty_dir_inode(struct inode *inode)
{
	set_nlink(inode, 2);
	inode->i_mode = S_IFDIR | 0555;
	inode->i_uid = GLOBAL_ROOT_UID;
	inode->i_gid = GLOBAL_ROOT_GID;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_rdev = 0;
	inode->i_blkbits = PAGE_SHIFT;
	inode->i_opflags &= ~IOP_XATTR;
	inode->i_fop = &empty_dir_operations;
	inode->i_op = &empty_dir_inode_operations;
}

bool is_empty_dir_inode(struct inode *inode)
{
	return inode->i_op == &empty_dir_inode_operations &&
	       inode->i_fop == &empty_dir_operations;
}

/* ----------------------------------------------------------- buffers */

/*
 * How much of a copy at *ppos of count bytes falls inside a buffer of
 * available bytes: -EINVAL for a negative position, 0 past the end.
 */
static ssize_t buffer_window(loff_t pos, size_t count, size_t available)
{
	if (pos < 0)
		return -EINVAL;
	if (!count || pos >= available)
		return 0;
	return min_t(size_t, count, available - pos);
}

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	ssize_t want = buffer_window(*ppos, count, available);
	size_t missed;

	if (want <= 0)
		return want;
	missed = copy_to_user(to, from + *ppos, want);
	if (missed == want)
		return -EFAULT;
	want -= missed;
	*ppos += want;
	return want;
}
EXPORT_SYMBOL(simple_read_from_buffer);

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	ssize_t want = buffer_window(*ppos, count, available);
	size_t missed;

	if (want <= 0)
		return want;
	missed = copy_from_user(to + *ppos, from, want);
	if (missed == want)
		return -EFAULT;
	want -= missed;
	*ppos += want;
	return want;
}
EXPORT_SYMBOL(simple_write_to_buffer);

/* --------------------------------------------------------------- fsync */

/*
 * fsync for filesystems that keep metadata in buffer heads (vfs.rst,
 * fsync): data first (written and waited for), then the buffers tied to
 * the inode by mark_buffer_dirty_inode, then the inode itself if it is
 * dirty in a way the request cares about (fdatasync skips pure timestamp
 * changes).  No VFS lock is held around ->fsync, so this takes i_rwsem.
 */
int __generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *ino = file->f_mapping->host;
	unsigned long wanted = datasync ? I_DIRTY_DATASYNC : I_DIRTY_ALL;
	int first_err, later_err;

	first_err = file_write_and_wait_range(file, start, end);
	if (first_err)
		return first_err;

	inode_lock(ino);
	first_err = sync_mapping_buffers(ino->i_mapping);
	if (ino->i_state & wanted) {
		later_err = sync_inode_metadata(ino, 1);
		if (!first_err)
			first_err = later_err;
	}
	inode_unlock(ino);

	/* a failure of the buffers written above is reported once, here */
	later_err = file_check_and_advance_wb_err(file);
	return first_err ? first_err : later_err;
}
EXPORT_SYMBOL(__generic_file_fsync);

/* ... and then make it durable: flush the device's write cache. */
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	int ret = __generic_file_fsync(file, start, end, datasync);

	return ret ? ret : blkdev_issue_flush(file->f_mapping->host->i_sb->s_bdev);
}
EXPORT_SYMBOL(generic_file_fsync);

int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	return 0;
}
EXPORT_SYMBOL(noop_fsync);

/*
 * ->direct_IO of filesystems that accept O_DIRECT but serve it from the
 * page cache: returning 0 makes the generic paths fall back to buffered
 * I/O (vfs.rst, direct_IO).
 */
ssize_t noop_direct_IO(struct kiocb *iocb, struct iov_iter *iter)
{
	return 0;
}
EXPORT_SYMBOL_GPL(noop_direct_IO);

/*
 * Can num_blocks blocks of 2^blocksize_bits bytes all be reached, both as
 * 512-byte sectors (sector_t) and as page-cache indexes (pgoff_t)?
 * Block sizes run from 512 bytes to a page.
 */
int generic_check_addressable(unsigned int blocksize_bits, u64 num_blocks)
{
	u64 last;

	if (!num_blocks)
		return 0;
	if (blocksize_bits > PAGE_SHIFT || blocksize_bits < 9)
		return -EINVAL;
	last = num_blocks - 1;
	if (last > ((sector_t)~0ULL >> (blocksize_bits - 9)))
		return -EFBIG;
	if ((last >> (PAGE_SHIFT - blocksize_bits)) > (pgoff_t)~0ULL)
		return -EFBIG;
	return 0;
}
EXPORT_SYMBOL(generic_check_addressable);

/* -------------------------------------------------------------- symlinks */

/* Symlinks whose body is kept in inode->i_link. */
const char *simple_get_link(struct dentry *dentry, struct inode *inode,
			    struct delayed_call *done)
{
	return inode->i_link;
}
EXPORT_SYMBOL(simple_get_link);

const struct inode_operations simple_symlink_inode_operations = {
	.get_link = simple_get_link,
};
EXPORT_SYMBOL(simple_symlink_inode_operations);

/* ------------------------------------------------------------- read-only */

const struct file_operations generic_ro_fops = {
	.read_iter = generic_file_read_iter,
	.splice_read = generic_file_splice_read,
	.mmap = generic_file_readonly_mmap,
	.llseek = generic_file_llseek,
};
EXPORT_SYMBOL(generic_ro_fops);
