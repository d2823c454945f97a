/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the pieces of the VFS slice call in each other and that no
 * filesystem sees: the role of the kernel's fs/internal.h.  The writeback
 * side (compat/fs/fs-writeback.c, E) and the VFS objects (compat/fs, F)
 * meet here.
 */
#ifndef _KFS_VFS_INTERNAL_H
#define _KFS_VFS_INTERNAL_H

#include <linux/fs.h>

struct kfs_mount;

/* fs-writeback.c (E) */
void inode_io_list_del(struct inode *inode);		/* off every writeback list */
void inode_wait_for_writeback(struct inode *inode);	/* until I_SYNC clears */

/* attr.c */
bool in_group_or_capable(struct user_namespace *mnt_userns, const struct inode *inode,
			 vfsgid_t vfsgid);

/* inode.c */
void inode_sb_list_del(struct inode *inode);
long prune_icache_sb(struct super_block *sb, unsigned long nr_to_scan);
void inode_lru_list_del(struct inode *inode);
int kfs_inode_cache_init(void);

/* dcache.c */
long prune_dcache_sb(struct super_block *sb, unsigned long nr_to_scan);
void d_kfs_dump_busy(struct super_block *sb);
struct dentry *kfs_d_nth_positive_child(struct dentry *dir, loff_t n);
bool kfs_d_has_positive_child(struct dentry *dir);
int kfs_dcache_init(void);

/* super.c */
struct super_block *kfs_alloc_super_unregistered(struct file_system_type *type);
int reconfigure_super(struct fs_context *fc);
void kfs_sb_set_mount(struct super_block *sb, struct vfsmount *mnt);

/* namei.c: the VFS operations the in-process API calls, with their checks. */
int may_open(struct user_namespace *mnt_userns, const struct path *path, int acc_mode,
	     int flag);
int kfs_may_lookup(struct inode *dir);
struct dentry *kfs_lookup_one(struct dentry *base, const struct qstr *name,
			      unsigned int flags);
int kfs_hash_name(const struct dentry *base, struct qstr *name);
struct dentry *kfs_lookup_excl(const struct qstr *name, struct dentry *base,
			       unsigned int flags);

/* open.c */
int kfs_files_init(void);
struct file *kfs_dentry_open(const struct path *path, int flags, fmode_t extra_mode,
			     const struct cred *cred);

#endif /* _KFS_VFS_INTERNAL_H */
