/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Extended attributes: the filesystem's s_xattr handlers through kfs_api.
 * A size of 0 asks for the length only, as getxattr(2) does.
 */
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* XATTR_SIZE_MAX: the kernel never moves a larger value. */
#define KFS_XATTR_MAX	65536

/*
 * A filesystem without xattr handlers: ENOSYS makes the host answer every
 * later call itself with EOPNOTSUPP, which is what the VFS gives for an
 * inode without IOP_XATTR.  It matters: the host asks GETXATTR
 * security.capability before every write(2) (file_remove_privs), one round
 * trip each.  LISTXATTR is left alone: the VFS lists nothing (0) there, the
 * host's answer to ENOSYS would be EOPNOTSUPP.
 */
static bool no_xattrs(fuse_req_t req)
{
	if (kfs_srv.has_xattr || !kfs_srv.mnt)
		return false;
	fuse_reply_err(req, ENOSYS);
	return true;
}

/*
 * Setting or removing the access ACL may change i_mode (posix_acl_update_mode,
 * posix_acl_equiv_mode).  The host's fuse invalidates its cached attributes
 * after a setxattr only when FUSE_POSIX_ACL was negotiated, and not at all
 * for the mode under the writeback cache; so tell it, attributes only (offset
 * -1 touches no page and takes no lock on the host side).
 */
static void acl_changed(fuse_ino_t ino, const char *name, int err)
{
	if (!err && !strcmp(name, "system.posix_acl_access") && kfs_srv.se)
		fuse_lowlevel_notify_inval_inode(kfs_srv.se, ino, -1, 0);
}

void kfs_op_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value,
		     size_t size, int flags)
{
	struct kfs_node *n;
	int err = -ESTALE;

	if (no_xattrs(req))
		return;
	kfs_req_enter(req);
	if ((n = kfs_nodes_get(ino))) {
		err = kfs_setxattr(n, name, value, size, flags);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	acl_changed(ino, name, err);
	reply_err(req, err);
}

/* getxattr and listxattr share everything but the call. */
static void get_or_list(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)
{
	kfs_api_ssize_t len = -ESTALE;
	struct kfs_node *n;
	char *buf = NULL;

	if (size > KFS_XATTR_MAX)
		size = KFS_XATTR_MAX;
	if (size && !(buf = malloc(size))) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	kfs_req_enter(req);
	if ((n = kfs_nodes_get(ino))) {
		len = name ? kfs_getxattr(n, name, buf, size) : kfs_listxattr(n, buf, size);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	if (len < 0)
		reply_err(req, (int)len);
	else if (!size)
		fuse_reply_xattr(req, (size_t)len);
	else
		fuse_reply_buf(req, buf, (size_t)len);
	free(buf);
}

void kfs_op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)
{
	if (no_xattrs(req))
		return;
	get_or_list(req, ino, name, size);
}

void kfs_op_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
	get_or_list(req, ino, NULL, size);
}

void kfs_op_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
	struct kfs_node *n;
	int err = -ESTALE;

	if (no_xattrs(req))
		return;
	kfs_req_enter(req);
	if ((n = kfs_nodes_get(ino))) {
		err = kfs_removexattr(n, name);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	acl_changed(ino, name, err);
	reply_err(req, err);
}
