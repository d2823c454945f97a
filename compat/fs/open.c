// SPDX-License-Identifier: GPL-2.0-only
/*
 * Open files: the roles of the kernel's fs/open.c and fs/file_table.c.
 *
 * kfs has no descriptor tables: the in-process API holds struct file
 * pointers directly.  A file is built in three steps -- access accounting
 * (readers/writers of the inode, write access to the mount), the inode's
 * f_op with its ->open, then the FMODE_* capability bits the read/write
 * paths test -- and is released by the last fput(), which runs ->release
 * at once (the kernel defers it to task work; kfs callers are plain threads
 * at a safe point).  Truncation goes through notify_change() with i_rwsem
 * held, as truncate(2) does.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mount.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/falloc.h>
#include <linux/fsnotify.h>
#include <linux/security.h>
#include <kfs/vfs_internal.h>

static struct kmem_cache *file_slab;

/* ------------------------------------------------------- mount access */

int __mnt_is_readonly(struct vfsmount *mnt)
{
	return mnt && ((mnt->mnt_flags & MNT_READONLY) || sb_rdonly(mnt->mnt_sb));
}
EXPORT_SYMBOL_GPL(__mnt_is_readonly);

/*
 * Permission to write through a mount: not on a read-only mount or super
 * block, and not while a remount to read-only is being decided.
 */
int mnt_want_write(struct vfsmount *mnt)
{
	if (__mnt_is_readonly(mnt))
		return -EROFS;
	return READ_ONCE(mnt->mnt_sb->s_readonly_remount) ? -EBUSY : 0;
}
EXPORT_SYMBOL_GPL(mnt_want_write);

/* Nothing is counted per mount, so there is nothing to give back. */
void mnt_drop_write(struct vfsmount *mnt)
{
}
EXPORT_SYMBOL_GPL(mnt_drop_write);

/* Through an open file (attribute ioctls): the file's mount decides. */
int mnt_want_write_file(struct file *file)
{
	return mnt_want_write(file->f_path.mnt);
}
EXPORT_SYMBOL_GPL(mnt_want_write_file);

void mnt_drop_write_file(struct file *file)
{
	mnt_drop_write(file->f_path.mnt);
}
EXPORT_SYMBOL_GPL(mnt_drop_write_file);

/* A kfs vfsmount lives exactly as long as its kfs_mount: not counted. */
struct vfsmount *mntget(struct vfsmount *mnt)
{
	return mnt;
}
EXPORT_SYMBOL(mntget);

void mntput(struct vfsmount *mnt)
{
}
EXPORT_SYMBOL(mntput);

/* -------------------------------------------------------- struct file */

struct file *alloc_empty_file(int flags, const struct cred *cred)
{
	struct file *file;

	file = kmem_cache_zalloc(file_slab, GFP_KERNEL);
	if (!file)
		return ERR_PTR(-ENOMEM);
	atomic_long_set(&file->f_count, 1);
	spin_lock_init(&file->f_lock);
	mutex_init(&file->f_pos_lock);
	file->f_cred = get_cred(cred);
	file->f_flags = flags;
	/* O_RDONLY/O_WRONLY/O_RDWR -> FMODE_READ/FMODE_WRITE */
	file->f_mode = OPEN_FMODE(flags);
	return file;
}

static bool opened_read_only(const struct file *file)
{
	return (file->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_READ;
}

/*
 * Account the new opener on the inode: a reader, or a writer that also
 * needs the mount writable.  Special files take no write access (their
 * data is not on the filesystem).
 */
static int take_file_access(struct file *file, struct inode *inode)
{
	int err;

	if (opened_read_only(file)) {
		i_readcount_inc(inode);
		return 0;
	}
	if (!(file->f_mode & FMODE_WRITE) || special_file(inode->i_mode))
		return 0;
	err = get_write_access(inode);
	if (err)
		return err;
	err = mnt_want_write(file->f_path.mnt);
	if (err) {
		put_write_access(inode);
		return err;
	}
	file->f_mode |= FMODE_WRITER;
	return 0;
}

static void give_back_file_access(struct file *file)
{
	struct inode *inode = file->f_inode;

	if (opened_read_only(file)) {
		i_readcount_dec(inode);
		return;
	}
	if (file->f_mode & FMODE_WRITER) {
		put_write_access(inode);
		mnt_drop_write(file->f_path.mnt);
	}
}

/* The last reference went: ->release, access, then the dentry. */
static void release_file(struct file *file)
{
	const struct file_operations *fop = file->f_op;

	if (file->f_mode & FMODE_OPENED) {
		might_sleep();
		fsnotify_close(file);
		locks_remove_file(file);
		if ((file->f_flags & FASYNC) && fop->fasync)
			fop->fasync(-1, file, 0);
		if (fop->release)
			fop->release(file->f_inode, file);
		fops_put(fop);
		give_back_file_access(file);
		dput(file->f_path.dentry);
		mntput(file->f_path.mnt);
	}
	put_cred(file->f_cred);
	kmem_cache_free(file_slab, file);
}

void fput(struct file *file)
{
	if (atomic_long_dec_and_test(&file->f_count))
		release_file(file);
}
EXPORT_SYMBOL(fput);

int filp_close(struct file *filp, fl_owner_t id)
{
	int flushed = 0;

	if (file_count(filp) == 0) {
		printk(KERN_ERR "VFS: Close: file count is 0\n");
		return 0;
	}
	if (filp->f_op->flush)
		flushed = filp->f_op->flush(filp, id);
	fput(filp);
	return flushed;
}
EXPORT_SYMBOL(filp_close);

/* ------------------------------------------------------------ opening */

/*
 * After a successful ->open: what this file can do, from its mode and
 * its operations.  The read/write/llseek paths test only these bits.
 */
static void settle_file_mode(struct file *file)
{
	const struct file_operations *fop = file->f_op;
	fmode_t mode = file->f_mode | FMODE_OPENED;

	if ((mode & FMODE_READ) && (fop->read_iter || fop->read))
		mode |= FMODE_CAN_READ;
	if ((mode & FMODE_WRITE) && (fop->write_iter || fop->write))
		mode |= FMODE_CAN_WRITE;
	if (!fop->llseek)
		mode &= ~FMODE_LSEEK;
	if (file->f_mapping->a_ops && file->f_mapping->a_ops->direct_IO)
		mode |= FMODE_CAN_ODIRECT;
	file->f_mode = mode;
	/* open-time flags mean nothing once the file is open */
	file->f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	file->f_iocb_flags = iocb_flags(file);
	file_ra_state_init(&file->f_ra, file->f_mapping->host->i_mapping);
}

static void unwind_open(struct file *file)
{
	path_put(&file->f_path);
	file->f_path.mnt = NULL;
	file->f_path.dentry = NULL;
	file->f_inode = NULL;
}

/*
 * Open f (its f_path already set) on inode.  open, when given, replaces
 * f_op->open (finish_open from ->atomic_open or ->tmpfile).  On failure
 * the file holds nothing and the caller fput()s it.
 */
static int open_file_on(struct file *f, struct inode *inode,
			int (*open)(struct inode *, struct file *))
{
	static const struct file_operations no_fops = {};
	int err;

	path_get(&f->f_path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_wb_err = filemap_sample_wb_err(inode->i_mapping);
	f->f_sb_err = errseq_sample(&inode->i_sb->s_wb_err);

	if (f->f_flags & O_PATH) {
		/* a handle only: no access, no operations */
		f->f_op = &no_fops;
		f->f_mode = FMODE_PATH | FMODE_OPENED;
		return 0;
	}

	err = take_file_access(f, inode);
	if (err) {
		unwind_open(f);
		return err;
	}
	/* POSIX: f_pos moves atomically on regular files and directories */
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->f_mode |= FMODE_ATOMIC_POS;

	f->f_op = fops_get(inode->i_fop);
	if (WARN_ON(!f->f_op)) {
		err = -ENODEV;
		goto undo_access;
	}
	err = security_file_open(f);
	if (err)
		goto undo_fops;

	/* ->open may take any of these away again (nonseekable_open...) */
	f->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (!open)
		open = f->f_op->open;
	err = open ? open(inode, f) : 0;
	if (err) {
		WARN_ON_ONCE(err > 0);
		if (err > 0)
			err = -EINVAL;
		goto undo_fops;
	}
	settle_file_mode(f);
	if ((f->f_flags & O_DIRECT) && !(f->f_mode & FMODE_CAN_ODIRECT))
		return -EINVAL;	/* opened: the caller's fput releases it */
	return 0;

undo_fops:
	fops_put(f->f_op);
undo_access:
	give_back_file_access(f);
	unwind_open(f);
	return err;
}

/* For ->atomic_open and ->tmpfile: open file on dentry right now. */
int finish_open(struct file *file, struct dentry *dentry,
		int (*open)(struct inode *, struct file *))
{
	BUG_ON(file->f_mode & FMODE_OPENED);
	file->f_path.dentry = dentry;
	return open_file_on(file, d_backing_inode(dentry), open);
}
EXPORT_SYMBOL(finish_open);

/* ->atomic_open found the entry but leaves opening it to the caller. */
int finish_no_open(struct file *file, struct dentry *dentry)
{
	file->f_path.dentry = dentry;
	return 0;
}
EXPORT_SYMBOL(finish_no_open);

/*
 * Open path with O_* flags.  extra_mode adds FMODE_* bits granted without
 * a permission check (the API's KFS_OPEN_CACHE_READ); may_open-style
 * checks are the caller's.
 */
struct file *kfs_dentry_open(const struct path *path, int flags, fmode_t extra_mode,
			     const struct cred *cred)
{
	struct file *file = alloc_empty_file(flags, cred);
	int err;

	if (IS_ERR(file))
		return file;
	file->f_mode |= extra_mode;
	file->f_path = *path;
	err = open_file_on(file, d_backing_inode(path->dentry), NULL);
	if (!err)
		return file;
	fput(file);
	return ERR_PTR(err);
}

struct file *dentry_open(const struct path *path, int flags, const struct cred *cred)
{
	return kfs_dentry_open(path, flags, 0, cred);
}
EXPORT_SYMBOL(dentry_open);

/* Most filesystems' ->open: files past 2GB need O_LARGEFILE. */
int generic_file_open(struct inode *inode, struct file *filp)
{
	if (filp->f_flags & O_LARGEFILE)
		return 0;
	return i_size_read(inode) > MAX_NON_LFS ? -EOVERFLOW : 0;
}
EXPORT_SYMBOL(generic_file_open);

int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_PREAD | FMODE_PWRITE | FMODE_LSEEK);
	return 0;
}
EXPORT_SYMBOL(nonseekable_open);

int stream_open(struct inode *inode, struct file *filp)
{
	nonseekable_open(inode, filp);
	filp->f_mode = (filp->f_mode & ~FMODE_ATOMIC_POS) | FMODE_STREAM;
	return 0;
}
EXPORT_SYMBOL(stream_open);

/* ----------------------------------------------------------- truncate */

/*
 * Change the size of dentry's inode (truncate, ftruncate, O_TRUNC): the
 * setuid/setgid bits a size change must strip are added to the request,
 * which goes through notify_change with i_rwsem held.
 */
int do_truncate(struct user_namespace *mnt_userns, struct dentry *dentry, loff_t length,
		unsigned int time_attrs, struct file *filp)
{
	struct inode *inode = d_inode(dentry);
	struct iattr ia = { .ia_valid = ATTR_SIZE | time_attrs, .ia_size = length };
	int kill;
	int err;

	if (length < 0)
		return -EINVAL;
	if (filp) {
		ia.ia_valid |= ATTR_FILE;
		ia.ia_file = filp;
	}
	if (!IS_NOSEC(inode)) {
		kill = setattr_should_drop_suidgid(mnt_userns, inode);
		err = security_inode_need_killpriv(dentry);
		if (err < 0)
			return err;
		if (err > 0)
			kill |= ATTR_KILL_PRIV;
		if (kill)
			ia.ia_valid |= kill | ATTR_FORCE;
	}
	inode_lock(inode);
	err = notify_change(mnt_userns, dentry, &ia, NULL);
	inode_unlock(inode);
	return err;
}

/* truncate(2): a regular file, writable by the caller, not append-only. */
int vfs_truncate(const struct path *path, loff_t length)
{
	struct user_namespace *userns = mnt_user_ns(path->mnt);
	struct inode *inode = d_inode(path->dentry);
	int err;

	if (!S_ISREG(inode->i_mode))
		return S_ISDIR(inode->i_mode) ? -EISDIR : -EINVAL;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	err = inode_permission(userns, inode, MAY_WRITE);
	if (!err && IS_APPEND(inode))
		err = -EPERM;
	if (!err)
		err = get_write_access(inode);
	if (!err) {
		err = do_truncate(userns, path->dentry, length, 0, NULL);
		put_write_access(inode);
	}
	mnt_drop_write(path->mnt);
	return err;
}
EXPORT_SYMBOL_GPL(vfs_truncate);

/* ---------------------------------------------------------- fallocate */

/* Which mode combinations fallocate(2) accepts at all. */
static int fallocate_mode_valid(int mode)
{
	const int punch_zero = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE;

	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	/* punching needs KEEP_SIZE and excludes zeroing */
	if ((mode & punch_zero) == punch_zero)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	/* collapse and insert stand alone; unshare allows only KEEP_SIZE */
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && mode != FALLOC_FL_COLLAPSE_RANGE)
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && mode != FALLOC_FL_INSERT_RANGE)
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	return 0;
}

/* Whether this file may be fallocated in that mode. */
static int fallocate_target_ok(struct file *file, int mode)
{
	struct inode *inode = file_inode(file);
	umode_t type = inode->i_mode & S_IFMT;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	/* append-only files may only be extended in place */
	if (IS_IMMUTABLE(inode) || (IS_APPEND(inode) && (mode & ~FALLOC_FL_KEEP_SIZE)))
		return -EPERM;
	if (IS_SWAPFILE(inode))
		return -ETXTBSY;
	switch (type) {
	case S_IFREG:
	case S_IFBLK:
		return 0;
	case S_IFIFO:
		return -ESPIPE;
	case S_IFDIR:
		return -EISDIR;
	default:
		return -ENODEV;
	}
}

int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	loff_t end;
	int err;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	err = fallocate_mode_valid(mode);
	if (!err)
		err = fallocate_target_ok(file, mode);
	if (err)
		return err;
	if (check_add_overflow(offset, len, &end) || end > file_inode(file)->i_sb->s_maxbytes)
		return -EFBIG;
	if (!file->f_op->fallocate)
		return -EOPNOTSUPP;

	file_start_write(file);
	err = file->f_op->fallocate(file, mode, offset, len);
	if (!err)
		fsnotify_modify(file);
	file_end_write(file);
	return err;
}
EXPORT_SYMBOL_GPL(vfs_fallocate);

int kfs_files_init(void)
{
	file_slab = kmem_cache_create("filp", sizeof(struct file), 0,
				      SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
	return file_slab ? 0 : -ENOMEM;
}
