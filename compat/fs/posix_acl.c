// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX ACLs as the VFS needs them for permission checks (the role of
 * part of the kernel's fs/posix_acl.c): the per-inode cache of access and
 * default ACLs, fetching an ACL through ->get_acl, and checking access
 * against one.  Creating, converting and storing ACLs (posix_acl_create,
 * posix_acl_chmod, the xattr handlers) belong with the first filesystem
 * that stores them (the ext2 issue) and are not here yet: a filesystem
 * that calls them fails to link, which is the loud failure we want.
 */
#include <linux/fs.h>
#include <linux/posix_acl.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/rcupdate.h>

static struct posix_acl **acl_by_type(struct inode *inode, int type)
{
	switch (type) {
	case ACL_TYPE_ACCESS:
		return &inode->i_acl;
	case ACL_TYPE_DEFAULT:
		return &inode->i_default_acl;
	default:
		BUG();
	}
}

/*
 * The cached ACL with a reference (NULL: none), or an "uncached" marker
 * (ACL_NOT_CACHED, or a sentinel while someone is fetching it).
 */
struct posix_acl *get_cached_acl(struct inode *inode, int type)
{
	struct posix_acl **p = acl_by_type(inode, type);
	struct posix_acl *acl;

	for (;;) {
		rcu_read_lock();
		acl = rcu_dereference(*p);
		if (!acl || is_uncached_acl(acl) || refcount_inc_not_zero(&acl->a_refcount))
			break;
		/* being freed: the next read sees its replacement */
		rcu_read_unlock();
		cpu_relax();
	}
	rcu_read_unlock();
	return acl;
}
EXPORT_SYMBOL(get_cached_acl);

struct posix_acl *get_cached_acl_rcu(struct inode *inode, int type)
{
	struct posix_acl *acl = rcu_dereference(*acl_by_type(inode, type));

	if (acl == ACL_DONT_CACHE)
		return ERR_PTR(-ECHILD);
	return acl;
}
EXPORT_SYMBOL(get_cached_acl_rcu);

void set_cached_acl(struct inode *inode, int type, struct posix_acl *acl)
{
	struct posix_acl **p = acl_by_type(inode, type);
	struct posix_acl *old;

	old = xchg(p, posix_acl_dup(acl));
	if (!is_uncached_acl(old))
		posix_acl_release(old);
}
EXPORT_SYMBOL(set_cached_acl);

static void __forget_cached_acl(struct posix_acl **p)
{
	struct posix_acl *old;

	old = xchg(p, ACL_NOT_CACHED);
	if (!is_uncached_acl(old))
		posix_acl_release(old);
}

void forget_cached_acl(struct inode *inode, int type)
{
	__forget_cached_acl(acl_by_type(inode, type));
}
EXPORT_SYMBOL(forget_cached_acl);

void forget_all_cached_acls(struct inode *inode)
{
	__forget_cached_acl(&inode->i_acl);
	__forget_cached_acl(&inode->i_default_acl);
}
EXPORT_SYMBOL(forget_all_cached_acls);

/*
 * The ACL of an inode, from the cache or from ->get_acl (then cached).
 * A per-task sentinel in the cache slot detects a set_cached_acl or
 * forget_cached_acl that raced with the fetch, in which case the fetched
 * ACL is returned but not cached.
 */
struct posix_acl *get_acl(struct inode *inode, int type)
{
	struct posix_acl **p;
	struct posix_acl *acl;
	void *sentinel;

	acl = get_cached_acl(inode, type);
	if (!is_uncached_acl(acl))
		return acl;

	if (!IS_POSIXACL(inode))
		return NULL;

	sentinel = uncached_acl_sentinel(current);
	p = acl_by_type(inode, type);

	cmpxchg(p, ACL_NOT_CACHED, sentinel);

	if (!inode->i_op->get_acl) {
		set_cached_acl(inode, type, NULL);
		return NULL;
	}
	acl = inode->i_op->get_acl(inode, type, false);

	if (IS_ERR(acl)) {
		cmpxchg(p, sentinel, ACL_NOT_CACHED);
		return acl;
	}

	posix_acl_dup(acl);
	if (unlikely(cmpxchg(p, sentinel, acl) != sentinel))
		posix_acl_release(acl);
	return acl;
}
EXPORT_SYMBOL(get_acl);

void posix_acl_init(struct posix_acl *acl, int count)
{
	refcount_set(&acl->a_refcount, 1);
	acl->a_count = count;
}
EXPORT_SYMBOL(posix_acl_init);

struct posix_acl *posix_acl_alloc(int count, gfp_t flags)
{
	const size_t size = sizeof(struct posix_acl) + count * sizeof(struct posix_acl_entry);
	struct posix_acl *acl = kmalloc(size, flags);

	if (acl)
		posix_acl_init(acl, count);
	return acl;
}
EXPORT_SYMBOL(posix_acl_alloc);

/*
 * Access check against an ACL (POSIX.1e): the owner entry for the owner,
 * else the first matching named user, else any matching group entry
 * (owning group or named group) that grants everything asked, else other;
 * named users and groups are limited by the mask entry.
 */
int posix_acl_permission(struct user_namespace *mnt_userns, struct inode *inode,
			 const struct posix_acl *acl, int want)
{
	const struct posix_acl_entry *pa, *pe, *granting = NULL;
	bool group_matched = false;

	want &= MAY_READ | MAY_WRITE | MAY_EXEC;

	FOREACH_ACL_ENTRY(pa, acl, pe) {
		switch (pa->e_tag) {
		case ACL_USER_OBJ:
			if (vfsuid_eq_kuid(i_uid_into_vfsuid(mnt_userns, inode), current_fsuid()))
				return (pa->e_perm & want) == want ? 0 : -EACCES;
			break;
		case ACL_USER:
			if (vfsuid_eq_kuid(make_vfsuid(mnt_userns, i_user_ns(inode), pa->e_uid),
					   current_fsuid())) {
				granting = pa;
				goto masked;
			}
			break;
		case ACL_GROUP_OBJ:
			if (in_group_p(vfsgid_into_kgid(i_gid_into_vfsgid(mnt_userns, inode)))) {
				group_matched = true;
				if ((pa->e_perm & want) == want) {
					granting = pa;
					goto masked;
				}
			}
			break;
		case ACL_GROUP:
			if (in_group_p(pa->e_gid)) {
				group_matched = true;
				if ((pa->e_perm & want) == want) {
					granting = pa;
					goto masked;
				}
			}
			break;
		case ACL_MASK:
			break;
		case ACL_OTHER:
			if (group_matched)
				return -EACCES;
			return (pa->e_perm & want) == want ? 0 : -EACCES;
		default:
			return -EIO;
		}
	}
	return -EIO;

masked:
	/* A mask entry after the granting one limits it. */
	for (pa = granting + 1; pa != pe; pa++) {
		if (pa->e_tag == ACL_MASK)
			return (granting->e_perm & pa->e_perm & want) == want ? 0 : -EACCES;
	}
	return (granting->e_perm & want) == want ? 0 : -EACCES;
}
EXPORT_SYMBOL(posix_acl_permission);
