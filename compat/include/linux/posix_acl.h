/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * POSIX access control lists as the VFS caches and checks them
 * (Documentation/filesystems/vfs.rst: get_acl/set_acl; porting.rst).  The
 * tag and permission values are ABI and come from the tree's uapi header.
 * inode->i_acl / i_default_acl cache the lists: ACL_NOT_CACHED until the
 * fs has been asked, NULL when the inode has none.
 */
#ifndef __LINUX_POSIX_ACL_H
#define __LINUX_POSIX_ACL_H

#include <linux/bug.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <uapi/linux/posix_acl.h>

struct user_namespace;
struct inode;

struct posix_acl_entry {
	short e_tag;
	unsigned short e_perm;
	union {
		kuid_t e_uid;
		kgid_t e_gid;
	};
};

struct posix_acl {
	refcount_t a_refcount;
	struct rcu_head a_rcu;
	unsigned int a_count;
	struct posix_acl_entry a_entries[];
};

#define FOREACH_ACL_ENTRY(pa, acl, pe) for ((pe) = ((pa) = (acl)->a_entries) + (acl)->a_count; (pa) < (pe); (pa)++)

static inline struct posix_acl *posix_acl_dup(struct posix_acl *acl)
{
	if (acl)
		refcount_inc(&acl->a_refcount);
	return acl;
}

/* Lookups may still be reading the list: free it after a grace period. */
static inline void posix_acl_release(struct posix_acl *acl)
{
	if (acl && refcount_dec_and_test(&acl->a_refcount))
		kfree_rcu(acl, a_rcu);
}

void posix_acl_init(struct posix_acl *, int);
struct posix_acl *posix_acl_alloc(int, gfp_t);
struct posix_acl *posix_acl_from_mode(umode_t, gfp_t);
int posix_acl_equiv_mode(const struct posix_acl *, umode_t *);
int __posix_acl_create(struct posix_acl **, gfp_t, umode_t *);
int __posix_acl_chmod(struct posix_acl **, gfp_t, umode_t);
struct posix_acl *get_posix_acl(struct inode *, int);
int set_posix_acl(struct user_namespace *, struct inode *, int, struct posix_acl *);
struct posix_acl *get_cached_acl_rcu(struct inode *inode, int type);
struct posix_acl *posix_acl_clone(const struct posix_acl *acl, gfp_t flags);
int posix_acl_chmod(struct user_namespace *, struct inode *, umode_t);
int posix_acl_create(struct inode *, umode_t *, struct posix_acl **, struct posix_acl **);
int posix_acl_update_mode(struct user_namespace *, struct inode *, umode_t *,
			  struct posix_acl **);
int simple_set_acl(struct user_namespace *, struct inode *, struct posix_acl *, int);
int simple_acl_create(struct inode *, struct inode *);
struct posix_acl *get_cached_acl(struct inode *inode, int type);
void set_cached_acl(struct inode *inode, int type, struct posix_acl *acl);
void forget_cached_acl(struct inode *inode, int type);
void forget_all_cached_acls(struct inode *inode);
int posix_acl_valid(struct user_namespace *, const struct posix_acl *);
int posix_acl_permission(struct user_namespace *, struct inode *, const struct posix_acl *, int);

/* The fs knows the inode has no ACLs: cache that (both kinds). */
static inline void cache_no_acl(struct inode *inode)
{
	inode->i_default_acl = inode->i_acl = NULL;
}

struct posix_acl *get_acl(struct inode *inode, int type);

#endif /* __LINUX_POSIX_ACL_H */
