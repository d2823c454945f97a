/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Task credentials (Documentation/security/credentials.rst).
 *
 * A cred is immutable once a task uses it (others may hold references, e.g.
 * an open file's f_cred), so changing identity means a new cred:
 * prepare_creds() copies the current one, the copy is edited, and
 * commit_creds() installs it.  override_creds()/revert_creds() swap the
 * subjective credentials temporarily.  kfs_set_cred() (kfs_api.h) does this
 * for each FUSE request: fsuid/euid/uid and the gids from the caller,
 * supplementary groups, and capabilities as capability.h describes.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/capability.h>
#include <linux/init.h>
#include <linux/atomic.h>
#include <linux/uidgid.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>
#include <linux/rcupdate.h>

/* Supplementary groups, sorted (groups_search() is a binary search). */
struct group_info {
	atomic_t usage;
	int ngroups;
	kgid_t gid[];
};

static inline struct group_info *get_group_info(struct group_info *gi)
{
	atomic_inc(&gi->usage);
	return gi;
}

void groups_free(struct group_info *group_info);

#define put_group_info(group_info)					\
	do {								\
		if (atomic_dec_and_test(&(group_info)->usage))		\
			groups_free(group_info);			\
	} while (0)

struct group_info *groups_alloc(int gidsetsize);
void groups_sort(struct group_info *group_info);
int groups_search(const struct group_info *group_info, kgid_t grp);
void set_groups(struct cred *new, struct group_info *group_info);
int set_current_groups(struct group_info *group_info);
/* Whether the current task's fsgid (egid) or supplementary groups hold grp. */
int in_group_p(kgid_t grp);
int in_egroup_p(kgid_t grp);

struct cred {
	atomic_t usage;
	kuid_t uid;
	kgid_t gid;
	kuid_t suid;
	kgid_t sgid;
	kuid_t euid;
	kgid_t egid;
	kuid_t fsuid;
	kgid_t fsgid;
	unsigned int securebits;
	kernel_cap_t cap_inheritable;
	kernel_cap_t cap_permitted;
	kernel_cap_t cap_effective;
	kernel_cap_t cap_bset;
	kernel_cap_t cap_ambient;
	struct user_namespace *user_ns;
	struct group_info *group_info;
	struct rcu_head rcu;
};

void __put_cred(struct cred *cred);
struct cred *prepare_creds(void);
struct cred *prepare_kernel_cred(struct task_struct *daemon);
int commit_creds(struct cred *new);
void abort_creds(struct cred *new);
const struct cred *override_creds(const struct cred *new);
void revert_creds(const struct cred *old);
const struct cred *get_task_cred(struct task_struct *task);
bool creds_are_invalid(const struct cred *cred);

static inline struct cred *get_new_cred(struct cred *cred)
{
	atomic_inc(&cred->usage);
	return cred;
}

static inline const struct cred *get_cred(const struct cred *cred)
{
	struct cred *nonconst = (struct cred *)cred;

	if (!cred)
		return cred;
	return get_new_cred(nonconst);
}

static inline const struct cred *get_cred_rcu(const struct cred *cred)
{
	struct cred *nonconst = (struct cred *)cred;

	if (!cred)
		return NULL;
	if (!atomic_inc_not_zero(&nonconst->usage))
		return NULL;
	return cred;
}

static inline void put_cred(const struct cred *cred)
{
	struct cred *nonconst = (struct cred *)cred;

	if (cred && atomic_dec_and_test(&nonconst->usage))
		__put_cred(nonconst);
}

/* The objective (real_cred) and subjective (cred) credentials. */
#define __task_cred(task)	rcu_dereference((task)->real_cred)
#define current_cred()		rcu_dereference_protected(current->cred, 1)
#define current_real_cred()	rcu_dereference_protected(current->real_cred, 1)
#define get_current_cred()	(get_cred(current_cred()))
#define get_current_groups()	(get_group_info(current_cred()->group_info))

#define task_cred_xxx(task, xxx)					\
({									\
	__typeof__(((struct cred *)NULL)->xxx) ___val;			\
	rcu_read_lock();						\
	___val = __task_cred((task))->xxx;				\
	rcu_read_unlock();						\
	___val;								\
})

#define task_uid(task)		(task_cred_xxx((task), uid))
#define task_euid(task)		(task_cred_xxx((task), euid))

#define current_cred_xxx(xxx)	(current_cred()->xxx)

#define current_uid()		(current_cred_xxx(uid))
#define current_gid()		(current_cred_xxx(gid))
#define current_euid()		(current_cred_xxx(euid))
#define current_egid()		(current_cred_xxx(egid))
#define current_suid()		(current_cred_xxx(suid))
#define current_sgid()		(current_cred_xxx(sgid))
#define current_fsuid()		(current_cred_xxx(fsuid))
#define current_fsgid()		(current_cred_xxx(fsgid))
#define current_cap()		(current_cred_xxx(cap_effective))
#define current_user_ns()	(&init_user_ns)

#define current_uid_gid(_uid, _gid)					\
	do {								\
		const struct cred *__cred = current_cred();		\
		*(_uid) = __cred->uid;					\
		*(_gid) = __cred->gid;					\
	} while (0)

#define current_euid_egid(_euid, _egid)					\
	do {								\
		const struct cred *__cred = current_cred();		\
		*(_euid) = __cred->euid;				\
		*(_egid) = __cred->egid;				\
	} while (0)

#define current_fsuid_fsgid(_fsuid, _fsgid)				\
	do {								\
		const struct cred *__cred = current_cred();		\
		*(_fsuid) = __cred->fsuid;				\
		*(_fsgid) = __cred->fsgid;				\
	} while (0)

#endif /* _LINUX_CRED_H */
