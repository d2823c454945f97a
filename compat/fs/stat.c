// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading attributes: the role of the kernel's fs/stat.c.  ->getattr fills
 * a struct kstat (vfs.rst, getattr); filesystems without one, or that
 * only adjust a few fields, start from generic_fillattr().  The VFS holds
 * no lock around ->getattr (locking.rst).
 */
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/security.h>
#include <linux/mount.h>

/*
 * Everything the in-core inode knows, ids as seen through the mount.
 * Fields the caller already set (result_mask, attributes) are left alone.
 */
void generic_fillattr(struct user_namespace *mnt_userns, struct inode *inode,
		      struct kstat *stat)
{
	const struct super_block *sb = inode->i_sb;

	stat->ino = inode->i_ino;
	stat->dev = sb->s_dev;
	stat->rdev = inode->i_rdev;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = vfsuid_into_kuid(i_uid_into_vfsuid(mnt_userns, inode));
	stat->gid = vfsgid_into_kgid(i_gid_into_vfsgid(mnt_userns, inode));
	stat->size = i_size_read(inode);
	stat->blocks = inode->i_blocks;
	stat->blksize = i_blocksize(inode);
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->atime = inode->i_atime;
}
EXPORT_SYMBOL(generic_fillattr);

/* The statx attribute bits that mirror inode flags. */
void generic_fill_statx_attr(struct inode *inode, struct kstat *stat)
{
	stat->attributes_mask |= KSTAT_ATTR_VFS_FLAGS;
	stat->attributes |= ((inode->i_flags & S_APPEND) ? STATX_ATTR_APPEND : 0) |
			    ((inode->i_flags & S_IMMUTABLE) ? STATX_ATTR_IMMUTABLE : 0);
}
EXPORT_SYMBOL(generic_fill_statx_attr);

/*
 * The attributes of path: the VFS's own statx bits, then ->getattr (or
 * generic_fillattr for a filesystem without one).
 */
int vfs_getattr_nosec(const struct path *path, struct kstat *stat, u32 request_mask,
		      unsigned int query_flags)
{
	struct inode *inode = d_backing_inode(path->dentry);
	struct user_namespace *userns = path->mnt ? mnt_user_ns(path->mnt) : &init_user_ns;
	const struct inode_operations *iops = inode->i_op;

	*stat = (struct kstat){ .result_mask = STATX_BASIC_STATS };
	if (IS_AUTOMOUNT(inode))
		stat->attributes |= STATX_ATTR_AUTOMOUNT;
	if (IS_DAX(inode))
		stat->attributes |= STATX_ATTR_DAX;

	if (!iops->getattr) {
		generic_fillattr(userns, inode, stat);
		return 0;
	}
	return iops->getattr(userns, path, stat, request_mask, query_flags & AT_STATX_SYNC_TYPE);
}
EXPORT_SYMBOL(vfs_getattr_nosec);

int vfs_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		unsigned int query_flags)
{
	int err = security_inode_getattr(path);

	return err ? err : vfs_getattr_nosec(path, stat, request_mask, query_flags);
}
EXPORT_SYMBOL(vfs_getattr);
