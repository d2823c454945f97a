/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A mount of a super block.  kfs has no namespace of mounts: each
 * kfs_mount owns exactly one vfsmount, used for struct path and for the
 * per-mount flags the VFS consults (MNT_READONLY, MNT_NOATIME, ...).
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

#include <linux/types.h>

struct super_block;
struct dentry;
struct user_namespace;
struct file_system_type;
struct path;

#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08
#define MNT_NODIRATIME	0x10
#define MNT_RELATIME	0x20
#define MNT_READONLY	0x40
#define MNT_NOSYMFOLLOW	0x80

#define MNT_SHRINKABLE	0x100
#define MNT_WRITE_HOLD	0x200
#define MNT_SHARED	0x1000
#define MNT_UNBINDABLE	0x2000

#define MNT_USER_SETTABLE_MASK						\
	(MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_NOATIME |		\
	 MNT_NODIRATIME | MNT_RELATIME | MNT_READONLY | MNT_NOSYMFOLLOW)
#define MNT_ATIME_MASK	(MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)

#define MNT_INTERNAL	0x4000
#define MNT_LOCKED	0x800000
#define MNT_DOOMED	0x1000000

struct vfsmount {
	struct dentry *mnt_root;	/* root of the mounted tree */
	struct super_block *mnt_sb;	/* pointer to superblock */
	int mnt_flags;
	struct user_namespace *mnt_userns;
};

static inline struct user_namespace *mnt_user_ns(const struct vfsmount *mnt)
{
	return mnt->mnt_userns;
}

int mnt_want_write(struct vfsmount *mnt);
void mnt_drop_write(struct vfsmount *mnt);
struct file;
int mnt_want_write_file(struct file *file);
void mnt_drop_write_file(struct file *file);
int __mnt_is_readonly(struct vfsmount *mnt);
struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);

#endif /* _LINUX_MOUNT_H */
