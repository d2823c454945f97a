// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VFS side of FS_IOC_GETFLAGS/SETFLAGS, FS_IOC_FS[GS]ETXATTR and
 * FS_IOC_FIEMAP (the roles of the fileattr and fiemap helpers of the
 * kernel's fs/ioctl.c).  See Documentation/filesystems/fiemap.rst and
 * porting.rst ("fileattr").
 */
#include <linux/fs.h>
#include <linux/fileattr.h>
#include <linux/fiemap.h>
#include <linux/capability.h>
#include <linux/pagemap.h>
#include <linux/uaccess.h>

/*
 * The flags both views of struct fileattr can express, as pairs: the
 * FS_*_FL bit of FS_IOC_GETFLAGS and the FS_XFLAG_* bit of FSGETXATTR.
 */
static const struct {
	u32 fl;
	u32 xflag;
} fileattr_pairs[] = {
	{ FS_SYNC_FL, FS_XFLAG_SYNC },
	{ FS_IMMUTABLE_FL, FS_XFLAG_IMMUTABLE },
	{ FS_APPEND_FL, FS_XFLAG_APPEND },
	{ FS_NODUMP_FL, FS_XFLAG_NODUMP },
	{ FS_NOATIME_FL, FS_XFLAG_NOATIME },
	{ FS_DAX_FL, FS_XFLAG_DAX },
	{ FS_PROJINHERIT_FL, FS_XFLAG_PROJINHERIT },
};

/* Translate bits of one view into the other (to_xflags picks the direction). */
static u32 fileattr_translate(u32 bits, bool to_xflags)
{
	u32 out = 0;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(fileattr_pairs); k++) {
		u32 from = to_xflags ? fileattr_pairs[k].fl : fileattr_pairs[k].xflag;
		u32 to = to_xflags ? fileattr_pairs[k].xflag : fileattr_pairs[k].fl;

		if (bits & from)
			out |= to;
	}
	return out;
}

/* Both views, filled from the xflags a filesystem keeps. */
void fileattr_fill_xflags(struct fileattr *attr, u32 xflags)
{
	*attr = (struct fileattr){
		.fsx_valid = true,
		.fsx_xflags = xflags,
		.flags = fileattr_translate(xflags, false),
	};
}
EXPORT_SYMBOL(fileattr_fill_xflags);

/* Both views, filled from the FS_*_FL flags a filesystem keeps. */
void fileattr_fill_flags(struct fileattr *attr, u32 flags)
{
	*attr = (struct fileattr){
		.flags_valid = true,
		.flags = flags,
		.fsx_xflags = fileattr_translate(flags, true),
	};
}
EXPORT_SYMBOL(fileattr_fill_flags);

/* -ENOIOCTLCMD says the filesystem has no such ioctl. */
int vfs_fileattr_get(struct dentry *dentry, struct fileattr *attr)
{
	const struct inode_operations *iops = d_inode(dentry)->i_op;

	return iops->fileattr_get ? iops->fileattr_get(dentry, attr) : -ENOIOCTLCMD;
}
EXPORT_SYMBOL(vfs_fileattr_get);

/*
 * Before a change reaches the filesystem: only CAP_LINUX_IMMUTABLE may
 * flip the immutable or append-only flag, extent size hints belong to
 * files (and, to be inherited, directories), and a zero hint clears its
 * flag.
 */
static int fileattr_check_change(const struct inode *inode, const struct fileattr *cur,
				 struct fileattr *want)
{
	bool is_reg = S_ISREG(inode->i_mode), is_dir = S_ISDIR(inode->i_mode);
	u32 guarded = FS_APPEND_FL | FS_IMMUTABLE_FL;

	if (((cur->flags ^ want->flags) & guarded) && !capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;

	if (want->fsx_valid) {
		u32 x = want->fsx_xflags;

		if (((x & FS_XFLAG_EXTSIZE) && !is_reg) ||
		    ((x & FS_XFLAG_EXTSZINHERIT) && !is_dir) ||
		    ((x & FS_XFLAG_COWEXTSIZE) && !is_reg && !is_dir))
			return -EINVAL;
	}

	if (!want->fsx_extsize)
		want->fsx_xflags &= ~(FS_XFLAG_EXTSIZE | FS_XFLAG_EXTSZINHERIT);
	if (!want->fsx_cowextsize)
		want->fsx_xflags &= ~FS_XFLAG_COWEXTSIZE;
	return 0;
}

/*
 * A caller gives one view; what it cannot say keeps its current value, so
 * the filesystem sees a complete request.
 */
static void fileattr_merge_unsaid(struct fileattr *want, const struct fileattr *cur)
{
	if (!want->flags_valid) {
		want->flags |= cur->flags & ~FS_COMMON_FL;
		return;
	}
	want->fsx_xflags |= cur->fsx_xflags & ~FS_XFLAG_COMMON;
	want->fsx_extsize = cur->fsx_extsize;
	want->fsx_cowextsize = cur->fsx_cowextsize;
	want->fsx_projid = cur->fsx_projid;
	want->fsx_nextents = cur->fsx_nextents;
}

/* Owner (or CAP_FOWNER) only; ->fileattr_set runs under i_rwsem. */
int vfs_fileattr_set(struct user_namespace *mnt_userns, struct dentry *dentry,
		     struct fileattr *want)
{
	struct inode *inode = d_inode(dentry);
	struct fileattr cur = {};
	int ret;

	if (!inode->i_op->fileattr_set)
		return -ENOIOCTLCMD;
	if (!inode_owner_or_capable(mnt_userns, inode))
		return -EPERM;

	inode_lock(inode);
	ret = vfs_fileattr_get(dentry, &cur);
	if (!ret) {
		fileattr_merge_unsaid(want, &cur);
		ret = fileattr_check_change(inode, &cur, want);
	}
	if (!ret)
		ret = inode->i_op->fileattr_set(mnt_userns, dentry, want);
	inode_unlock(inode);
	return ret;
}
EXPORT_SYMBOL(vfs_fileattr_set);

/*
 * Before a ->fiemap walk: keep the range within s_maxbytes, refuse request
 * flags the filesystem does not handle (-EBADR, leaving just those in
 * fi_flags, as the ABI wants), and flush dirty data when asked to.
 */
int fiemap_prep(struct inode *inode, struct fiemap_extent_info *info, u64 start, u64 *len,
		u32 supported_flags)
{
	const u64 limit = inode->i_sb->s_maxbytes;
	u32 allowed = (supported_flags | FIEMAP_FLAG_SYNC) & FIEMAP_FLAGS_COMPAT;
	u32 unknown = info->fi_flags & ~allowed;

	if (!*len)
		return -EINVAL;
	if (start >= limit)
		return -EFBIG;
	*len = min(*len, limit - start);

	if (unknown) {
		info->fi_flags = unknown;
		return -EBADR;
	}
	return (info->fi_flags & FIEMAP_FLAG_SYNC) ? filemap_write_and_wait(inode->i_mapping) : 0;
}
EXPORT_SYMBOL(fiemap_prep);

/* Flags an extent must carry because of others it has (fiemap.rst). */
static u32 fiemap_implied_flags(u32 flags)
{
	if (flags & FIEMAP_EXTENT_DELALLOC)
		flags |= FIEMAP_EXTENT_UNKNOWN;
	if (flags & FIEMAP_EXTENT_DATA_ENCRYPTED)
		flags |= FIEMAP_EXTENT_ENCODED;
	if (flags & (FIEMAP_EXTENT_DATA_INLINE | FIEMAP_EXTENT_DATA_TAIL))
		flags |= FIEMAP_EXTENT_NOT_ALIGNED;
	return flags;
}

/*
 * Record one extent for the caller.  Returns 1 when the walk should end
 * (the array is full, or this was the last extent), 0 to continue.  With
 * no array (fi_extents_max 0) extents are only counted.
 */
int fiemap_fill_next_extent(struct fiemap_extent_info *info, u64 logical, u64 phys, u64 len,
			    u32 flags)
{
	struct fiemap_extent out;
	bool last = flags & FIEMAP_EXTENT_LAST;

	if (info->fi_extents_max) {
		if (info->fi_extents_mapped >= info->fi_extents_max)
			return 1;
		out = (struct fiemap_extent){
			.fe_logical = logical,
			.fe_physical = phys,
			.fe_length = len,
			.fe_flags = fiemap_implied_flags(flags),
		};
		if (copy_to_user(info->fi_extents_start + info->fi_extents_mapped, &out,
				 sizeof(out)))
			return -EFAULT;
	}
	info->fi_extents_mapped++;
	if (info->fi_extents_max && info->fi_extents_mapped == info->fi_extents_max)
		return 1;
	return last ? 1 : 0;
}
EXPORT_SYMBOL(fiemap_fill_next_extent);
