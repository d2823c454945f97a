// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX ACLs as a filesystem stores them and as the mode bits see them: the
 * other half of the kernel's fs/posix_acl.c (the cache and the permission
 * check are in posix_acl.c).
 *
 *  - validity and the mode <-> ACL relation (POSIX.1e draft 17, 23.1.5 and
 *    the acl(5) manual page): an ACL is the owner, named users, owning
 *    group, named groups, an optional mask and other, in that order; the
 *    mask (or, without one, the group entry) stands for the group class
 *    bits of the mode;
 *  - inheritance on create: a new inode of a directory with a default ACL
 *    gets that ACL as its access ACL, limited by the mode asked for, and a
 *    new directory also inherits it as its default ACL; without a default
 *    ACL the umask applies (Documentation/filesystems/porting.rst, ->set_acl
 *    and posix_acl_create);
 *  - chmod rewrites the owner, group-class and other entries of the ACL;
 *  - the xattr representation ("system.posix_acl_access" / "_default": a
 *    little-endian version header and {tag, perm, id} entries) and the two
 *    xattr handlers a filesystem lists in sb->s_xattr, which read through
 *    get_acl() and write through ->set_acl (vfs.rst: get_acl, set_acl).
 *
 * kfs has no idmapped mounts and one user namespace, so every id is taken
 * and given as it is.
 */
#include <linux/fs.h>
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <linux/xattr.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>

/* The permission bits an entry may carry (one rwx triplet). */
#define ACL_PERM_BITS	(ACL_READ | ACL_WRITE | ACL_EXECUTE)

struct posix_acl *posix_acl_clone(const struct posix_acl *acl, gfp_t flags)
{
	struct posix_acl *copy;

	if (!acl)
		return NULL;
	copy = posix_acl_alloc(acl->a_count, flags);
	if (copy)
		memcpy(copy->a_entries, acl->a_entries,
		       acl->a_count * sizeof(acl->a_entries[0]));
	return copy;
}
EXPORT_SYMBOL_GPL(posix_acl_clone);

/*
 * The order the entries must come in.  Named users follow the owner and
 * named groups follow the owning group; anything out of this order, a
 * repeated singleton, or named entries without a mask make the ACL invalid.
 */
enum acl_slot { SLOT_OWNER, SLOT_USERS, SLOT_GROUPS, SLOT_MASKED, SLOT_DONE };

int posix_acl_valid(struct user_namespace *user_ns, const struct posix_acl *acl)
{
	const struct posix_acl_entry *e, *end;
	enum acl_slot at = SLOT_OWNER;
	bool named = false;

	FOREACH_ACL_ENTRY(e, acl, end) {
		if (e->e_perm & ~ACL_PERM_BITS)
			return -EINVAL;
		if (e->e_tag == ACL_USER_OBJ && at == SLOT_OWNER) {
			at = SLOT_USERS;
		} else if (e->e_tag == ACL_USER && at == SLOT_USERS) {
			if (!kuid_has_mapping(user_ns, e->e_uid))
				return -EINVAL;
			named = true;
		} else if (e->e_tag == ACL_GROUP_OBJ && at == SLOT_USERS) {
			at = SLOT_GROUPS;
		} else if (e->e_tag == ACL_GROUP && at == SLOT_GROUPS) {
			if (!kgid_has_mapping(user_ns, e->e_gid))
				return -EINVAL;
			named = true;
		} else if (e->e_tag == ACL_MASK && at == SLOT_GROUPS) {
			at = SLOT_MASKED;
		} else if (e->e_tag == ACL_OTHER &&
			   (at == SLOT_MASKED || (at == SLOT_GROUPS && !named))) {
			at = SLOT_DONE;
		} else {
			return -EINVAL;
		}
	}
	return at == SLOT_DONE ? 0 : -EINVAL;
}
EXPORT_SYMBOL(posix_acl_valid);

/*
 * Fold an ACL into mode bits: owner, group class (the mask if there is
 * one, else the owning group) and other.  Returns 1 when the ACL says more
 * than the mode can (named entries or a mask), 0 when the mode says it all,
 * -EINVAL on an unknown tag.  *mode_p keeps its non-permission bits.
 */
int posix_acl_equiv_mode(const struct posix_acl *acl, umode_t *mode_p)
{
	const struct posix_acl_entry *e, *end;
	umode_t owner = 0, group = 0, other = 0, mask = 0;
	bool has_mask = false, extended = false;

	if (!acl)
		return 0;
	FOREACH_ACL_ENTRY(e, acl, end) {
		umode_t bits = e->e_perm & S_IRWXO;

		switch (e->e_tag) {
		case ACL_USER_OBJ:
			owner = bits;
			break;
		case ACL_GROUP_OBJ:
			group = bits;
			break;
		case ACL_OTHER:
			other = bits;
			break;
		case ACL_MASK:
			mask = bits;
			has_mask = true;
			extended = true;
			break;
		case ACL_USER:
		case ACL_GROUP:
			extended = true;
			break;
		default:
			return -EINVAL;
		}
	}
	if (mode_p)
		*mode_p = (*mode_p & ~S_IRWXUGO) | owner << 6 |
			  (has_mask ? mask : group) << 3 | other;
	return extended;
}
EXPORT_SYMBOL(posix_acl_equiv_mode);

struct posix_acl *posix_acl_from_mode(umode_t mode, gfp_t flags)
{
	static const short tags[3] = { ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_OTHER };
	struct posix_acl *acl = posix_acl_alloc(3, flags);
	int i;

	if (!acl)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < 3; i++) {
		acl->a_entries[i].e_tag = tags[i];
		acl->a_entries[i].e_perm = (mode >> (3 * (2 - i))) & S_IRWXO;
	}
	return acl;
}
EXPORT_SYMBOL(posix_acl_from_mode);

/* The entry of a tag that occurs at most once, or NULL. */
static struct posix_acl_entry *acl_find(struct posix_acl *acl, short tag)
{
	struct posix_acl_entry *e, *end;

	FOREACH_ACL_ENTRY(e, acl, end) {
		if (e->e_tag == tag)
			return e;
	}
	return NULL;
}

/* Any tag outside the six POSIX ones? */
static bool acl_has_foreign_tag(const struct posix_acl *acl)
{
	const struct posix_acl_entry *e, *end;

	FOREACH_ACL_ENTRY(e, acl, end) {
		switch (e->e_tag) {
		case ACL_USER_OBJ:
		case ACL_USER:
		case ACL_GROUP_OBJ:
		case ACL_GROUP:
		case ACL_MASK:
		case ACL_OTHER:
			break;
		default:
			return true;
		}
	}
	return false;
}

/*
 * The entry that holds the group class bits: the mask when there is one,
 * else the owning group's entry.
 */
static struct posix_acl_entry *acl_group_class(struct posix_acl *acl)
{
	return acl_find(acl, ACL_MASK) ?: acl_find(acl, ACL_GROUP_OBJ);
}

/*
 * Inheritance (acl is a private copy of the directory's default ACL): each
 * class keeps only what both the ACL and the requested mode grant, and the
 * mode keeps only what the ACL grants.  Returns whether the result still
 * needs an ACL (1) or the mode alone expresses it (0); -EIO if malformed.
 */
static int acl_inherit(struct posix_acl *acl, umode_t *mode_p)
{
	struct posix_acl_entry *cls[3];
	umode_t mode = *mode_p;
	int i, extended;

	if (acl_has_foreign_tag(acl))
		return -EIO;
	cls[0] = acl_find(acl, ACL_USER_OBJ);
	cls[1] = acl_group_class(acl);
	cls[2] = acl_find(acl, ACL_OTHER);
	if (!cls[1])
		return -EIO;
	extended = acl_find(acl, ACL_MASK) || acl_find(acl, ACL_USER) ||
		   acl_find(acl, ACL_GROUP);

	for (i = 0; i < 3; i++) {
		unsigned int shift = 3 * (2 - i);
		umode_t want = (mode >> shift) & S_IRWXO;

		if (!cls[i])
			continue;
		cls[i]->e_perm &= want | ~S_IRWXO;
		mode &= ~((umode_t)S_IRWXO << shift) | (umode_t)(cls[i]->e_perm & S_IRWXO) << shift;
	}
	*mode_p = (*mode_p & ~S_IRWXUGO) | (mode & S_IRWXUGO);
	return extended;
}

/* chmod: owner, group class and other entries take the new mode's bits. */
static int acl_apply_chmod(struct posix_acl *acl, umode_t mode)
{
	struct posix_acl_entry *owner, *group, *other;

	if (acl_has_foreign_tag(acl))
		return -EIO;
	group = acl_group_class(acl);
	if (!group)
		return -EIO;
	owner = acl_find(acl, ACL_USER_OBJ);
	other = acl_find(acl, ACL_OTHER);
	if (owner)
		owner->e_perm = (mode >> 6) & S_IRWXO;
	group->e_perm = (mode >> 3) & S_IRWXO;
	if (other)
		other->e_perm = mode & S_IRWXO;
	return 0;
}

/*
 * Replace *acl by a modified private copy (the original reference is
 * dropped either way; *acl is NULL after a failure).
 */
int __posix_acl_create(struct posix_acl **acl, gfp_t gfp, umode_t *mode_p)
{
	struct posix_acl *copy = posix_acl_clone(*acl, gfp);
	int ret = copy ? acl_inherit(copy, mode_p) : -ENOMEM;

	posix_acl_release(*acl);
	if (ret < 0) {
		posix_acl_release(copy);
		copy = NULL;
	}
	*acl = copy;
	return ret;
}
EXPORT_SYMBOL(__posix_acl_create);

int __posix_acl_chmod(struct posix_acl **acl, gfp_t gfp, umode_t mode)
{
	struct posix_acl *copy = posix_acl_clone(*acl, gfp);
	int ret = copy ? acl_apply_chmod(copy, mode) : -ENOMEM;

	posix_acl_release(*acl);
	if (ret) {
		posix_acl_release(copy);
		copy = NULL;
	}
	*acl = copy;
	return ret;
}
EXPORT_SYMBOL(__posix_acl_chmod);

/* After a mode change (->setattr): keep the access ACL in step with it. */
int posix_acl_chmod(struct user_namespace *mnt_userns, struct inode *inode, umode_t mode)
{
	struct posix_acl *acl;
	int ret;

	if (!IS_POSIXACL(inode))
		return 0;
	if (!inode->i_op->set_acl)
		return -EOPNOTSUPP;

	acl = get_acl(inode, ACL_TYPE_ACCESS);
	if (acl == ERR_PTR(-EOPNOTSUPP) || !acl)
		return 0;
	if (IS_ERR(acl))
		return PTR_ERR(acl);

	ret = __posix_acl_chmod(&acl, GFP_KERNEL, mode);
	if (!ret) {
		ret = inode->i_op->set_acl(mnt_userns, inode, acl, ACL_TYPE_ACCESS);
		posix_acl_release(acl);
	}
	return ret;
}
EXPORT_SYMBOL(posix_acl_chmod);

/*
 * For a new inode of dir with the requested *mode: the ACLs it inherits
 * (*acl: its access ACL, NULL when the mode says it all; *default_acl: a
 * new directory's default ACL) and the final mode.  Without a default ACL
 * on dir the umask applies instead.  Symlinks have no ACLs.
 */
int posix_acl_create(struct inode *dir, umode_t *mode, struct posix_acl **default_acl,
		     struct posix_acl **acl)
{
	struct posix_acl *inherited, *access;
	int ret;

	*default_acl = NULL;
	*acl = NULL;
	if (S_ISLNK(*mode) || !IS_POSIXACL(dir))
		return 0;

	inherited = get_acl(dir, ACL_TYPE_DEFAULT);
	if (!inherited || inherited == ERR_PTR(-EOPNOTSUPP)) {
		*mode &= ~current_umask();
		return 0;
	}
	if (IS_ERR(inherited))
		return PTR_ERR(inherited);

	access = posix_acl_clone(inherited, GFP_NOFS);
	ret = access ? acl_inherit(access, mode) : -ENOMEM;
	if (ret < 0) {
		posix_acl_release(access);
		posix_acl_release(inherited);
		return ret;
	}
	if (ret)
		*acl = access;
	else
		posix_acl_release(access);

	if (S_ISDIR(*mode))
		*default_acl = inherited;
	else
		posix_acl_release(inherited);
	return 0;
}
EXPORT_SYMBOL_GPL(posix_acl_create);

/*
 * For ->set_acl of an access ACL: the mode the ACL implies (*mode_p), and
 * *acl set to NULL when the mode alone expresses it.  As chmod does, the
 * setgid bit goes unless the caller is in the owning group or has
 * CAP_FSETID.
 */
int posix_acl_update_mode(struct user_namespace *mnt_userns, struct inode *inode,
			  umode_t *mode_p, struct posix_acl **acl)
{
	umode_t mode = inode->i_mode;
	int ret = posix_acl_equiv_mode(*acl, &mode);

	if (ret < 0)
		return ret;
	if (!ret)
		*acl = NULL;
	if (!capable_wrt_inode_uidgid(mnt_userns, inode, CAP_FSETID) &&
	    !vfsgid_in_group_p(i_gid_into_vfsgid(mnt_userns, inode)))
		mode &= ~S_ISGID;
	*mode_p = mode;
	return 0;
}
EXPORT_SYMBOL(posix_acl_update_mode);

/* ------------------------------------------------------- xattr form */

/*
 * Decode an xattr value.  NULL for a header without entries; -EINVAL for a
 * malformed value or an id that does not map; -EOPNOTSUPP for an unknown
 * version.
 */
static struct posix_acl *acl_decode(struct user_namespace *ns, const void *value, size_t size)
{
	const struct posix_acl_xattr_header *hdr = value;
	const struct posix_acl_xattr_entry *x;
	struct posix_acl *acl;
	int count, i;

	if (!value || size < sizeof(*hdr))
		return ERR_PTR(-EINVAL);
	if (le32_to_cpu(hdr->a_version) != POSIX_ACL_XATTR_VERSION)
		return ERR_PTR(-EOPNOTSUPP);
	count = posix_acl_xattr_count(size);
	if (count < 0)
		return ERR_PTR(-EINVAL);
	if (!count)
		return NULL;

	acl = posix_acl_alloc(count, GFP_NOFS);
	if (!acl)
		return ERR_PTR(-ENOMEM);
	x = (const struct posix_acl_xattr_entry *)(hdr + 1);
	for (i = 0; i < count; i++, x++) {
		struct posix_acl_entry *e = &acl->a_entries[i];
		u32 id = le32_to_cpu(x->e_id);
		bool ok = true;

		e->e_tag = le16_to_cpu(x->e_tag);
		e->e_perm = le16_to_cpu(x->e_perm);
		if (e->e_tag == ACL_USER) {
			e->e_uid = make_kuid(ns, id);
			ok = uid_valid(e->e_uid);
		} else if (e->e_tag == ACL_GROUP) {
			e->e_gid = make_kgid(ns, id);
			ok = gid_valid(e->e_gid);
		} else if (e->e_tag != ACL_USER_OBJ && e->e_tag != ACL_GROUP_OBJ &&
			   e->e_tag != ACL_MASK && e->e_tag != ACL_OTHER) {
			ok = false;
		}
		if (!ok) {
			posix_acl_release(acl);
			return ERR_PTR(-EINVAL);
		}
	}
	return acl;
}

struct posix_acl *posix_acl_from_xattr(struct user_namespace *user_ns, const void *value,
				       size_t size)
{
	return acl_decode(user_ns, value, size);
}
EXPORT_SYMBOL(posix_acl_from_xattr);

/* The value as setxattr(2) gave it: no idmapped mounts, so ids stand. */
struct posix_acl *vfs_set_acl_prepare(struct user_namespace *mnt_userns,
				      struct user_namespace *fs_userns,
				      const void *value, size_t size)
{
	return acl_decode(fs_userns, value, size);
}
EXPORT_SYMBOL(vfs_set_acl_prepare);

/*
 * Encode into buffer (size bytes); with a NULL buffer only the size needed
 * is returned.  -ERANGE when it does not fit.
 */
int posix_acl_to_xattr(struct user_namespace *user_ns, const struct posix_acl *acl,
		       void *buffer, size_t size)
{
	int need = posix_acl_xattr_size(acl->a_count);
	struct posix_acl_xattr_header *hdr = buffer;
	struct posix_acl_xattr_entry *x;
	unsigned int i;

	if (!buffer)
		return need;
	if (size < need)
		return -ERANGE;

	hdr->a_version = cpu_to_le32(POSIX_ACL_XATTR_VERSION);
	x = (struct posix_acl_xattr_entry *)(hdr + 1);
	for (i = 0; i < acl->a_count; i++, x++) {
		const struct posix_acl_entry *e = &acl->a_entries[i];
		u32 id = ACL_UNDEFINED_ID;

		if (e->e_tag == ACL_USER)
			id = from_kuid(user_ns, e->e_uid);
		else if (e->e_tag == ACL_GROUP)
			id = from_kgid(user_ns, e->e_gid);
		x->e_tag = cpu_to_le16(e->e_tag);
		x->e_perm = cpu_to_le16(e->e_perm);
		x->e_id = cpu_to_le32(id);
	}
	return need;
}
EXPORT_SYMBOL(posix_acl_to_xattr);

/*
 * Store an ACL through ->set_acl after the VFS checks: only the owner (or
 * CAP_FOWNER) may, only directories have a default ACL (removing one from
 * anything else is a no-op), and the list must be valid.
 */
int set_posix_acl(struct user_namespace *mnt_userns, struct inode *inode, int type,
		  struct posix_acl *acl)
{
	int err;

	if (!IS_POSIXACL(inode) || !inode->i_op->set_acl)
		return -EOPNOTSUPP;
	if (type == ACL_TYPE_DEFAULT && !S_ISDIR(inode->i_mode))
		return acl ? -EACCES : 0;
	if (!inode_owner_or_capable(mnt_userns, inode))
		return -EPERM;
	if (acl) {
		err = posix_acl_valid(inode->i_sb->s_user_ns, acl);
		if (err)
			return err;
	}
	return inode->i_op->set_acl(mnt_userns, inode, acl, type);
}
EXPORT_SYMBOL(set_posix_acl);

static int acl_xattr_get(const struct xattr_handler *handler, struct dentry *dentry,
			 struct inode *inode, const char *name, void *value, size_t size)
{
	struct posix_acl *acl;
	int ret;

	if (!IS_POSIXACL(inode) || S_ISLNK(inode->i_mode))
		return -EOPNOTSUPP;
	acl = get_acl(inode, handler->flags);
	if (IS_ERR(acl))
		return PTR_ERR(acl);
	if (!acl)
		return -ENODATA;
	ret = posix_acl_to_xattr(&init_user_ns, acl, value, size);
	posix_acl_release(acl);
	return ret;
}

/* A NULL value removes the ACL. */
static int acl_xattr_set(const struct xattr_handler *handler, struct user_namespace *mnt_userns,
			 struct dentry *dentry, struct inode *inode, const char *name,
			 const void *value, size_t size, int flags)
{
	struct posix_acl *acl = NULL;
	int ret;

	if (value) {
		acl = vfs_set_acl_prepare(mnt_userns, i_user_ns(inode), value, size);
		if (IS_ERR(acl))
			return PTR_ERR(acl);
	}
	ret = set_posix_acl(mnt_userns, inode, handler->flags, acl);
	posix_acl_release(acl);
	return ret;
}

static bool acl_xattr_list(struct dentry *dentry)
{
	return IS_POSIXACL(d_backing_inode(dentry));
}

const struct xattr_handler posix_acl_access_xattr_handler = {
	.name = XATTR_NAME_POSIX_ACL_ACCESS,
	.flags = ACL_TYPE_ACCESS,
	.list = acl_xattr_list,
	.get = acl_xattr_get,
	.set = acl_xattr_set,
};
EXPORT_SYMBOL_GPL(posix_acl_access_xattr_handler);

const struct xattr_handler posix_acl_default_xattr_handler = {
	.name = XATTR_NAME_POSIX_ACL_DEFAULT,
	.flags = ACL_TYPE_DEFAULT,
	.list = acl_xattr_list,
	.get = acl_xattr_get,
	.set = acl_xattr_set,
};
EXPORT_SYMBOL_GPL(posix_acl_default_xattr_handler);
