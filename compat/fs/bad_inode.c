// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inodes a filesystem could not read (the role of the kernel's
 * fs/bad_inode.c): make_bad_inode() unhashes the inode and swaps in
 * operation tables where everything fails with EIO, so that whoever still
 * holds it gets a clear error instead of reaching half-initialised state.
 */
#include <linux/fs.h>
#include <linux/posix_acl.h>

/* One failing method per signature the tables need. */
static struct dentry *eio_dentry(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	return ERR_PTR(-EIO);
}

static const char *eio_link_body(struct dentry *dentry, struct inode *inode,
				 struct delayed_call *done)
{
	return ERR_PTR(-EIO);
}

static struct posix_acl *eio_acl(struct inode *inode, int type, bool rcu)
{
	return ERR_PTR(-EIO);
}

static int eio_mask(struct user_namespace *ns, struct inode *inode, int mask)
{
	return -EIO;
}

static int eio_readlink(struct dentry *dentry, char __user *buf, int len)
{
	return -EIO;
}

static int eio_create(struct user_namespace *ns, struct inode *dir, struct dentry *d,
		      umode_t mode, bool excl)
{
	return -EIO;
}

static int eio_mkdir(struct user_namespace *ns, struct inode *dir, struct dentry *d,
		     umode_t mode)
{
	return -EIO;
}

static int eio_mknod(struct user_namespace *ns, struct inode *dir, struct dentry *d,
		     umode_t mode, dev_t dev)
{
	return -EIO;
}

static int eio_symlink(struct user_namespace *ns, struct inode *dir, struct dentry *d,
		       const char *body)
{
	return -EIO;
}

static int eio_link(struct dentry *from, struct inode *dir, struct dentry *to)
{
	return -EIO;
}

static int eio_remove(struct inode *dir, struct dentry *d)
{
	return -EIO;
}

static int eio_rename(struct user_namespace *ns, struct inode *odir, struct dentry *od,
		      struct inode *ndir, struct dentry *nd, unsigned int flags)
{
	return -EIO;
}

static int eio_setattr(struct user_namespace *ns, struct dentry *d, struct iattr *ia)
{
	return -EIO;
}

static int eio_getattr(struct user_namespace *ns, const struct path *p, struct kstat *st,
		       u32 mask, unsigned int flags)
{
	return -EIO;
}

static ssize_t eio_listxattr(struct dentry *d, char *buf, size_t len)
{
	return -EIO;
}

static int eio_fiemap(struct inode *inode, struct fiemap_extent_info *fi, u64 start, u64 len)
{
	return -EIO;
}

static int eio_update_time(struct inode *inode, struct timespec64 *t, int which)
{
	return -EIO;
}

static int eio_atomic_open(struct inode *dir, struct dentry *d, struct file *f,
			   unsigned int flags, umode_t mode)
{
	return -EIO;
}

static int eio_tmpfile(struct user_namespace *ns, struct inode *dir, struct file *f,
		       umode_t mode)
{
	return -EIO;
}

static int eio_set_acl(struct user_namespace *ns, struct inode *inode, struct posix_acl *acl,
		       int type)
{
	return -EIO;
}

static int eio_open(struct inode *inode, struct file *file)
{
	return -EIO;
}

static const struct inode_operations eio_inode_ops = {
	.getattr = eio_getattr,
	.setattr = eio_setattr,
	.permission = eio_mask,
	.lookup = eio_dentry,
	.create = eio_create,
	.mkdir = eio_mkdir,
	.mknod = eio_mknod,
	.symlink = eio_symlink,
	.link = eio_link,
	.unlink = eio_remove,
	.rmdir = eio_remove,
	.rename = eio_rename,
	.get_link = eio_link_body,
	.readlink = eio_readlink,
	.listxattr = eio_listxattr,
	.get_acl = eio_acl,
	.set_acl = eio_set_acl,
	.fiemap = eio_fiemap,
	.update_time = eio_update_time,
	.atomic_open = eio_atomic_open,
	.tmpfile = eio_tmpfile,
};

static const struct file_operations eio_file_ops = {
	.open = eio_open,
};

/*
 * Unhash it (nobody finds it again), make it a plain regular file with
 * fresh times and no xattrs, and fail everything from now on.
 */
void make_bad_inode(struct inode *inode)
{
	struct timespec64 now = current_time(inode);

	remove_inode_hash(inode);
	inode->i_mode = S_IFREG;
	inode->i_mtime = now;
	inode->i_atime = now;
	inode->i_ctime = now;
	inode->i_opflags &= ~IOP_XATTR;
	inode->i_fop = &eio_file_ops;
	inode->i_op = &eio_inode_ops;
}
EXPORT_SYMBOL(make_bad_inode);

bool is_bad_inode(struct inode *inode)
{
	return inode->i_op == &eio_inode_ops;
}
EXPORT_SYMBOL(is_bad_inode);
