/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux Security Module hooks, as a kernel built without CONFIG_SECURITY
 * provides them: no LSM is loaded, so every hook allows the operation and
 * no security attributes are created.  In particular
 * security_inode_init_security() returns 0 without calling the fs's
 * initxattrs callback (include/linux/security.h, !CONFIG_SECURITY), and
 * the legacy security_old_inode_init_security() returns -EOPNOTSUPP.
 */
#ifndef __LINUX_SECURITY_H
#define __LINUX_SECURITY_H

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>

struct xattr;
struct qstr;

typedef int (*initxattrs)(struct inode *inode, const struct xattr *xattr_array,
			  void *fs_data);

static inline int security_inode_init_security(struct inode *inode, struct inode *dir,
					       const struct qstr *qstr,
					       const initxattrs xattrs, void *fs_data)
{
	return 0;
}

static inline int security_old_inode_init_security(struct inode *inode, struct inode *dir,
						   const struct qstr *qstr, const char **name,
						   void **value, size_t *len)
{
	return -EOPNOTSUPP;
}

static inline int security_inode_setattr(struct user_namespace *mnt_userns,
					 struct dentry *dentry, struct iattr *attr)
{
	return 0;
}

static inline int security_inode_need_killpriv(struct dentry *dentry)
{
	return 0;
}

static inline int security_inode_killpriv(struct user_namespace *mnt_userns,
					  struct dentry *dentry)
{
	return 0;
}

static inline int security_inode_permission(struct inode *inode, int mask)
{
	return 0;
}

static inline int security_sb_statfs(struct dentry *dentry)
{
	return 0;
}

static inline int security_file_open(struct file *file)
{
	return 0;
}

static inline int security_inode_getattr(const struct path *path)
{
	return 0;
}

static inline int security_inode_listsecurity(struct inode *inode, char *buffer,
					      size_t buffer_size)
{
	return 0;
}

static inline int security_ismaclabel(const char *name)
{
	return 0;
}

static inline int security_sb_eat_lsm_opts(char *options, void **mnt_opts)
{
	return 0;
}

static inline void security_free_mnt_opts(void **mnt_opts)
{
}

#endif /* __LINUX_SECURITY_H */
