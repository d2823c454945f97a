/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACLs in their xattr form ("system.posix_acl_access"/"_default"): the
 * little-endian header + entries of the tree's uapi header, and the
 * handlers a filesystem puts in sb->s_xattr to serve them.
 */
#ifndef _POSIX_ACL_XATTR_H
#define _POSIX_ACL_XATTR_H

#include <linux/xattr.h>
#include <uapi/linux/posix_acl_xattr.h>
#include <linux/posix_acl.h>

static inline size_t posix_acl_xattr_size(int count)
{
	return sizeof(struct posix_acl_xattr_header) +
	       count * sizeof(struct posix_acl_xattr_entry);
}

/* Entries in an xattr value of size bytes, or -1 if it is malformed. */
static inline int posix_acl_xattr_count(size_t size)
{
	if (size < sizeof(struct posix_acl_xattr_header))
		return -1;
	size -= sizeof(struct posix_acl_xattr_header);
	if (size % sizeof(struct posix_acl_xattr_entry))
		return -1;
	return size / sizeof(struct posix_acl_xattr_entry);
}

/* No idmapped mounts: values cross the user boundary unchanged. */
static inline void posix_acl_fix_xattr_from_user(void *value, size_t size)
{
}

static inline void posix_acl_fix_xattr_to_user(void *value, size_t size)
{
}

struct posix_acl *posix_acl_from_xattr(struct user_namespace *user_ns, const void *value,
				       size_t size);
int posix_acl_to_xattr(struct user_namespace *user_ns, const struct posix_acl *acl,
		       void *buffer, size_t size);
struct posix_acl *vfs_set_acl_prepare(struct user_namespace *mnt_userns,
				      struct user_namespace *fs_userns,
				      const void *value, size_t size);

extern const struct xattr_handler posix_acl_access_xattr_handler;
extern const struct xattr_handler posix_acl_default_xattr_handler;

#endif /* _POSIX_ACL_XATTR_H */
