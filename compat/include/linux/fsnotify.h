/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File change notification hooks (inotify/fanotify/dnotify).  kfs has no
 * notification consumer: nothing in the process can watch an inode, and
 * changes made through FUSE are notified by the host kernel's own VFS.
 * So every hook is an honest no-op, as in a kernel where no watch exists.
 */
#ifndef _LINUX_FS_NOTIFY_H
#define _LINUX_FS_NOTIFY_H

#include <linux/fs.h>

#define FS_ACCESS	0x00000001
#define FS_MODIFY	0x00000002
#define FS_ATTRIB	0x00000004
#define FS_CLOSE_WRITE	0x00000008
#define FS_CLOSE_NOWRITE 0x00000010
#define FS_OPEN		0x00000020
#define FS_MOVED_FROM	0x00000040
#define FS_MOVED_TO	0x00000080
#define FS_CREATE	0x00000100
#define FS_DELETE	0x00000200
#define FS_DELETE_SELF	0x00000400
#define FS_MOVE_SELF	0x00000800

static inline void fsnotify_change(struct dentry *dentry, unsigned int ia_valid) { }
static inline void fsnotify_access(struct file *file) { }
static inline void fsnotify_modify(struct file *file) { }
static inline void fsnotify_open(struct file *file) { }
static inline void fsnotify_close(struct file *file) { }
static inline void fsnotify_xattr(struct dentry *dentry) { }
static inline void fsnotify_create(struct inode *dir, struct dentry *dentry) { }
static inline void fsnotify_mkdir(struct inode *dir, struct dentry *dentry) { }
static inline void fsnotify_link(struct inode *dir, struct inode *inode,
				 struct dentry *new_dentry) { }
static inline void fsnotify_unlink(struct inode *dir, struct dentry *dentry) { }
static inline void fsnotify_rmdir(struct inode *dir, struct dentry *dentry) { }
static inline void fsnotify_inoderemove(struct inode *inode) { }
static inline void fsnotify_move(struct inode *old_dir, struct inode *new_dir,
				 const struct qstr *old_name, int isdir,
				 struct inode *target, struct dentry *moved) { }
static inline int fsnotify_file_area_perm(struct file *file, int perm_mask,
					  const loff_t *ppos, size_t count)
{
	return 0;
}

#endif /* _LINUX_FS_NOTIFY_H */
