/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inode flags as FS_IOC_GETFLAGS/SETFLAGS and FS_IOC_FSGETXATTR see them,
 * passed to ->fileattr_get / ->fileattr_set (porting.rst, "fileattr").
 * One struct carries both views; flags_valid / fsx_valid say which one the
 * caller filled in.
 */
#ifndef _LINUX_FILEATTR_H
#define _LINUX_FILEATTR_H

#include <linux/fs.h>

/* Flags with the same meaning in both views. */
#define FS_COMMON_FL							\
	(FS_SYNC_FL | FS_IMMUTABLE_FL | FS_APPEND_FL | FS_NODUMP_FL |	\
	 FS_NOATIME_FL | FS_DAX_FL | FS_PROJINHERIT_FL)

#define FS_XFLAG_COMMON (FS_XFLAG_SYNC | FS_XFLAG_IMMUTABLE | FS_XFLAG_APPEND | FS_XFLAG_NODUMP | \
			 FS_XFLAG_NOATIME | FS_XFLAG_DAX | FS_XFLAG_PROJINHERIT)

struct fileattr {
	u32 flags;		/* FS_*_FL */
	u32 fsx_xflags;		/* FS_XFLAG_* */
	u32 fsx_extsize;
	u32 fsx_nextents;
	u32 fsx_projid;
	u32 fsx_cowextsize;
	bool flags_valid;	/* flags was filled in */
	bool fsx_valid;		/* the fsx_* fields were */
};

void fileattr_fill_xflags(struct fileattr *fa, u32 xflags);
void fileattr_fill_flags(struct fileattr *fa, u32 flags);

/* Does an fsxattr set ask for something only the xflags view can say? */
static inline bool fileattr_has_fsx(const struct fileattr *fa)
{
	if (!fa->fsx_valid)
		return false;
	return (fa->fsx_extsize | fa->fsx_projid | fa->fsx_cowextsize) ||
	       (fa->fsx_xflags & ~FS_XFLAG_COMMON);
}

int vfs_fileattr_get(struct dentry *dentry, struct fileattr *fa);
int vfs_fileattr_set(struct user_namespace *, struct dentry *, struct fileattr *);

#endif /* _LINUX_FILEATTR_H */
