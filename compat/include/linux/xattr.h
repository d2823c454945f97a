/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Extended attributes (Documentation/filesystems/vfs.rst, "Handling
 * extended attributes").  A filesystem lists handlers in sb->s_xattr; the
 * VFS picks the handler whose prefix (or full name) matches and calls
 * ->get or ->set (->set with a NULL value removes).  Locking
 * (locking.rst, xattr_handler): ->set runs with the inode's i_rwsem held.
 */
#ifndef _LINUX_XATTR_H
#define _LINUX_XATTR_H

#include <linux/slab.h>
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/user_namespace.h>

struct inode;
struct dentry;

/* Names and limits of the xattr ABI (setxattr(2), getxattr(2)). */
#define XATTR_CREATE	0x1	/* set value, fail if attr already exists */
#define XATTR_REPLACE	0x2	/* set value, fail if attr does not exist */

#define XATTR_OS2_PREFIX	"os2."
#define XATTR_OS2_PREFIX_LEN	(sizeof(XATTR_OS2_PREFIX) - 1)
#define XATTR_MAC_OSX_PREFIX	"osx."
#define XATTR_MAC_OSX_PREFIX_LEN (sizeof(XATTR_MAC_OSX_PREFIX) - 1)
#define XATTR_BTRFS_PREFIX	"btrfs."
#define XATTR_BTRFS_PREFIX_LEN	(sizeof(XATTR_BTRFS_PREFIX) - 1)
#define XATTR_SECURITY_PREFIX	"security."
#define XATTR_SECURITY_PREFIX_LEN (sizeof(XATTR_SECURITY_PREFIX) - 1)
#define XATTR_SYSTEM_PREFIX	"system."
#define XATTR_SYSTEM_PREFIX_LEN	(sizeof(XATTR_SYSTEM_PREFIX) - 1)
#define XATTR_TRUSTED_PREFIX	"trusted."
#define XATTR_TRUSTED_PREFIX_LEN (sizeof(XATTR_TRUSTED_PREFIX) - 1)
#define XATTR_USER_PREFIX	"user."
#define XATTR_USER_PREFIX_LEN	(sizeof(XATTR_USER_PREFIX) - 1)

#define XATTR_NAME_MAX	255
#define XATTR_SIZE_MAX	65536
#define XATTR_LIST_MAX	65536

#define XATTR_POSIX_ACL_ACCESS	"posix_acl_access"
#define XATTR_NAME_POSIX_ACL_ACCESS XATTR_SYSTEM_PREFIX XATTR_POSIX_ACL_ACCESS
#define XATTR_POSIX_ACL_DEFAULT	"posix_acl_default"
#define XATTR_NAME_POSIX_ACL_DEFAULT XATTR_SYSTEM_PREFIX XATTR_POSIX_ACL_DEFAULT

#define XATTR_SELINUX_SUFFIX	"selinux"
#define XATTR_NAME_SELINUX	XATTR_SECURITY_PREFIX XATTR_SELINUX_SUFFIX
#define XATTR_CAPS_SUFFIX	"capability"
#define XATTR_NAME_CAPS		XATTR_SECURITY_PREFIX XATTR_CAPS_SUFFIX

/*
 * One handler serves either every name beginning with prefix, or exactly
 * one name (name set, prefix NULL), e.g. "system.posix_acl_access".
 */
struct xattr_handler {
	const char *name;
	const char *prefix;
	int flags;		/* fs-specific, handed back to the fs */
	bool (*list)(struct dentry *dentry);
	int (*get)(const struct xattr_handler *, struct dentry *dentry, struct inode *inode,
		   const char *name, void *buffer, size_t size);
	int (*set)(const struct xattr_handler *, struct user_namespace *mnt_userns,
		   struct dentry *dentry, struct inode *inode, const char *name,
		   const void *buffer, size_t size, int flags);
};

/* The name a handler was called with, with its prefix put back. */
const char *xattr_full_name(const struct xattr_handler *, const char *);

/* One attribute as security_inode_init_security hands them to initxattrs. */
struct xattr {
	const char *name;
	void *value;
	size_t value_len;
};

ssize_t __vfs_getxattr(struct dentry *, struct inode *, const char *, void *, size_t);
ssize_t vfs_getxattr(struct user_namespace *, struct dentry *, const char *, void *, size_t);
ssize_t vfs_listxattr(struct dentry *d, char *list, size_t size);
int __vfs_setxattr(struct user_namespace *, struct dentry *, struct inode *, const char *,
		   const void *, size_t, int);
int __vfs_setxattr_noperm(struct user_namespace *, struct dentry *, const char *,
			  const void *, size_t, int);
int __vfs_setxattr_locked(struct user_namespace *, struct dentry *, const char *,
			  const void *, size_t, int, struct inode **);
int vfs_setxattr(struct user_namespace *, struct dentry *, const char *, const void *,
		 size_t, int);
int __vfs_removexattr(struct user_namespace *, struct dentry *, const char *);
int __vfs_removexattr_locked(struct user_namespace *, struct dentry *, const char *,
			     struct inode **);
int vfs_removexattr(struct user_namespace *, struct dentry *, const char *);
ssize_t generic_listxattr(struct dentry *dentry, char *buffer, size_t buffer_size);
int xattr_supported_namespace(struct inode *inode, const char *prefix);

static inline const char *xattr_prefix(const struct xattr_handler *handler)
{
	return handler->prefix ?: handler->name;
}

#endif /* _LINUX_XATTR_H */
