// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extended attributes: the role of the kernel's fs/xattr.c.
 *
 * A name goes to the first handler of sb->s_xattr that claims it: a prefix
 * handler ("user.") takes names that start with its prefix and have
 * something after it, a full-name handler ("system.posix_acl_access") takes
 * exactly its name.  Before that the VFS applies the namespace rules
 * (xattr(7)): trusted.* needs CAP_SYS_ADMIN, user.* exists only on regular
 * files and directories -- and in a sticky directory only its owner may
 * change them -- while security.* and system.* are the filesystem's call.
 * The *_locked variants and ->set run with i_rwsem held (locking.rst).
 */
#include <linux/fs.h>
#include <linux/xattr.h>
#include <linux/capability.h>
#include <linux/fsnotify.h>
#include <linux/security.h>
#include <linux/string.h>

/* The part of name after prefix, or NULL when name does not start with it. */
static const char *after_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(name, prefix, n) ? NULL : name + n;
}

/* The NULL-terminated handler table (may itself be NULL). */
static const struct xattr_handler *const *sb_handlers(const struct super_block *sb)
{
	return (const struct xattr_handler *const *)sb->s_xattr;
}

/* Inodes without IOP_XATTR have no attributes at all (bad ones: EIO). */
static int xattr_capable_inode(struct inode *inode)
{
	if (inode->i_opflags & IOP_XATTR)
		return 0;
	return is_bad_inode(inode) ? -EIO : -EOPNOTSUPP;
}

/*
 * The handler for *name; on success *name is advanced past a prefix
 * handler's prefix (what the handler's ->get/->set expect).
 */
static const struct xattr_handler *xattr_handler_for(struct inode *inode, const char **name)
{
	const struct xattr_handler *const *h = sb_handlers(inode->i_sb);
	int err = xattr_capable_inode(inode);

	if (err)
		return ERR_PTR(err);
	for (; h && *h; h++) {
		const char *rest = after_prefix(*name, xattr_prefix(*h));
		bool by_prefix = (*h)->prefix != NULL;

		if (!rest)
			continue;
		if (!by_prefix && *rest)
			continue;	/* a longer name than this full-name handler's */
		if (by_prefix && !*rest)
			return ERR_PTR(-EINVAL);	/* "user." alone */
		*name = rest;
		return *h;
	}
	return ERR_PTR(-EOPNOTSUPP);
}

int xattr_supported_namespace(struct inode *inode, const char *prefix)
{
	const struct xattr_handler *const *h = sb_handlers(inode->i_sb);
	int err = xattr_capable_inode(inode);

	if (err)
		return err;
	for (; h && *h; h++)
		if (after_prefix(xattr_prefix(*h), prefix))
			return 0;
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(xattr_supported_namespace);

/*
 * The namespace rules, then ordinary inode permission.  Reads of a
 * namespace the caller may not see report "no such attribute".
 */
static int xattr_permission(struct user_namespace *userns, struct inode *inode,
			    const char *name, int mask)
{
	bool writing = mask & MAY_WRITE;
	int denied = writing ? -EPERM : -ENODATA;

	if (writing && (IS_IMMUTABLE(inode) || IS_APPEND(inode) ||
			HAS_UNMAPPED_ID(userns, inode)))
		return -EPERM;
	if (after_prefix(name, XATTR_SECURITY_PREFIX) || after_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (after_prefix(name, XATTR_TRUSTED_PREFIX))
		return capable(CAP_SYS_ADMIN) ? 0 : denied;
	if (after_prefix(name, XATTR_USER_PREFIX)) {
		umode_t mode = inode->i_mode;

		if (!S_ISREG(mode) && !S_ISDIR(mode))
			return denied;
		if (writing && S_ISDIR(mode) && (mode & S_ISVTX) &&
		    !inode_owner_or_capable(userns, inode))
			return -EPERM;
	}
	return inode_permission(userns, inode, mask);
}

/* A prefix handler was given the suffix; its full name sits just before it. */
const char *xattr_full_name(const struct xattr_handler *handler, const char *name)
{
	return name - strlen(xattr_prefix(handler));
}
EXPORT_SYMBOL(xattr_full_name);

/* ------------------------------------------------------------- reading */

ssize_t __vfs_getxattr(struct dentry *dentry, struct inode *inode, const char *name,
		       void *value, size_t size)
{
	const struct xattr_handler *h = xattr_handler_for(inode, &name);

	if (IS_ERR(h))
		return PTR_ERR(h);
	return h->get ? h->get(h, dentry, inode, name, value, size) : -EOPNOTSUPP;
}
EXPORT_SYMBOL(__vfs_getxattr);

ssize_t vfs_getxattr(struct user_namespace *mnt_userns, struct dentry *dentry,
		     const char *name, void *value, size_t size)
{
	struct inode *inode = d_inode(dentry);
	int err = xattr_permission(mnt_userns, inode, name, MAY_READ);

	return err ? err : __vfs_getxattr(dentry, inode, name, value, size);
}
EXPORT_SYMBOL_GPL(vfs_getxattr);

/* The fs's ->listxattr, else what the (absent) security module lists. */
ssize_t vfs_listxattr(struct dentry *dentry, char *list, size_t size)
{
	struct inode *inode = d_inode(dentry);
	ssize_t n;

	if ((inode->i_opflags & IOP_XATTR) && inode->i_op->listxattr)
		return inode->i_op->listxattr(dentry, list, size);
	n = security_inode_listsecurity(inode, list, size);
	return (size && n > (ssize_t)size) ? -ERANGE : n;
}
EXPORT_SYMBOL_GPL(vfs_listxattr);

/* ------------------------------------------------- setting and removing */

/* value NULL removes the attribute (always with XATTR_REPLACE semantics). */
static int xattr_call_set(struct user_namespace *userns, struct dentry *dentry,
			  struct inode *inode, const char *name, const void *value,
			  size_t size, int flags)
{
	const struct xattr_handler *h = xattr_handler_for(inode, &name);

	if (IS_ERR(h))
		return PTR_ERR(h);
	if (!h->set)
		return -EOPNOTSUPP;
	return h->set(h, userns, dentry, inode, name, value, size, flags);
}

int __vfs_setxattr(struct user_namespace *mnt_userns, struct dentry *dentry,
		   struct inode *inode, const char *name, const void *value, size_t size,
		   int flags)
{
	/* zero bytes is an empty value, which a NULL would turn into a removal */
	return xattr_call_set(mnt_userns, dentry, inode, name, size ? value : "", size, flags);
}
EXPORT_SYMBOL(__vfs_setxattr);

int __vfs_setxattr_noperm(struct user_namespace *mnt_userns, struct dentry *dentry,
			  const char *name, const void *value, size_t size, int flags)
{
	int err = __vfs_setxattr(mnt_userns, dentry, d_inode(dentry), name, value, size, flags);

	if (err == 0)
		fsnotify_xattr(dentry);
	return err;
}
EXPORT_SYMBOL_GPL(__vfs_setxattr_noperm);

int __vfs_setxattr_locked(struct user_namespace *mnt_userns, struct dentry *dentry,
			  const char *name, const void *value, size_t size, int flags,
			  struct inode **delegated_inode)
{
	int err = xattr_permission(mnt_userns, d_inode(dentry), name, MAY_WRITE);

	return err ? err : __vfs_setxattr_noperm(mnt_userns, dentry, name, value, size, flags);
}
EXPORT_SYMBOL_GPL(__vfs_setxattr_locked);

int vfs_setxattr(struct user_namespace *mnt_userns, struct dentry *dentry, const char *name,
		 const void *value, size_t size, int flags)
{
	struct inode *inode = d_inode(dentry);
	int err;

	inode_lock(inode);
	err = __vfs_setxattr_locked(mnt_userns, dentry, name, value, size, flags, NULL);
	inode_unlock(inode);
	return err;
}
EXPORT_SYMBOL_GPL(vfs_setxattr);

int __vfs_removexattr(struct user_namespace *mnt_userns, struct dentry *dentry,
		      const char *name)
{
	return xattr_call_set(mnt_userns, dentry, d_inode(dentry), name, NULL, 0, XATTR_REPLACE);
}
EXPORT_SYMBOL(__vfs_removexattr);

int __vfs_removexattr_locked(struct user_namespace *mnt_userns, struct dentry *dentry,
			     const char *name, struct inode **delegated_inode)
{
	int err = xattr_permission(mnt_userns, d_inode(dentry), name, MAY_WRITE);

	if (!err)
		err = __vfs_removexattr(mnt_userns, dentry, name);
	if (!err)
		fsnotify_xattr(dentry);
	return err;
}
EXPORT_SYMBOL_GPL(__vfs_removexattr_locked);

int vfs_removexattr(struct user_namespace *mnt_userns, struct dentry *dentry, const char *name)
{
	struct inode *inode = d_inode(dentry);
	int err;

	inode_lock(inode);
	err = __vfs_removexattr_locked(mnt_userns, dentry, name, NULL);
	inode_unlock(inode);
	return err;
}
EXPORT_SYMBOL_GPL(vfs_removexattr);

/*
 * ->listxattr for filesystems whose attributes are exactly their
 * full-name handlers: each one whose ->list (if any) says it is present.
 */
ssize_t generic_listxattr(struct dentry *dentry, char *buffer, size_t buffer_size)
{
	const struct xattr_handler *const *h = sb_handlers(dentry->d_sb);
	size_t used = 0;

	for (; h && *h; h++) {
		size_t len;

		if (!(*h)->name)
			continue;
		if ((*h)->list && !(*h)->list(dentry))
			continue;
		len = strlen((*h)->name) + 1;
		if (buffer && used + len > buffer_size)
			return -ERANGE;
		if (buffer)
			memcpy(buffer + used, (*h)->name, len);
		used += len;
	}
	return used;
}
EXPORT_SYMBOL(generic_listxattr);
