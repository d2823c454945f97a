/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Credentials, groups and capable() (the roles of kernel/cred.c,
 * kernel/groups.c and kernel/capability.c), and
 * kfs_set_cred(), which gives the current task the identity of a FUSE
 * caller.  Every task starts with a copy of the init credentials: root,
 * with every capability, as the kernel's own threads have.
 */
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/fs_struct.h>
#include <linux/sort.h>
#include <linux/user_namespace.h>
#include <kfs_host_alloc.h>
#include "../api/kfs_api.h"
#include "kfs_core.h"

struct user_namespace init_user_ns = {
	.level = 0,
	.parent = NULL,
	.owner = GLOBAL_ROOT_UID,
	.group = GLOBAL_ROOT_GID,
};

/* Never freed: every fresh credential shares it. */
static struct group_info kfs_no_groups = { .usage = ATOMIC_INIT(1), .ngroups = 0 };

static struct cred *kfs_cred_alloc(void)
{
	struct cred *new = kfs_host_alloc_nofault(sizeof(*new), 0);

	if (new)
		memset(new, 0, sizeof(*new));
	return new;
}

struct cred *kfs_cred_alloc_root(void)
{
	struct cred *new = kfs_cred_alloc();

	if (!new)
		return NULL;
	atomic_set(&new->usage, 1);
	new->uid = new->suid = new->euid = new->fsuid = GLOBAL_ROOT_UID;
	new->gid = new->sgid = new->egid = new->fsgid = GLOBAL_ROOT_GID;
	new->cap_inheritable = CAP_EMPTY_SET;
	new->cap_permitted = CAP_FULL_SET;
	new->cap_effective = CAP_FULL_SET;
	new->cap_bset = CAP_FULL_SET;
	new->cap_ambient = CAP_EMPTY_SET;
	new->user_ns = &init_user_ns;
	new->group_info = get_group_info(&kfs_no_groups);
	return new;
}

/*
 * Nobody in kfs reads another task's credentials under RCU, so a cred whose
 * last reference is gone is freed at once.
 */
void __put_cred(struct cred *cred)
{
	WARN_ON(atomic_read(&cred->usage) != 0);
	put_group_info(cred->group_info);
	kfs_host_free(cred);
}

struct cred *prepare_creds(void)
{
	const struct cred *old = current_cred();
	struct cred *new = kfs_cred_alloc();

	if (!new)
		return NULL;
	*new = *old;
	atomic_set(&new->usage, 1);
	get_group_info(new->group_info);
	return new;
}

struct cred *prepare_kernel_cred(struct task_struct *daemon)
{
	return kfs_cred_alloc_root();
}

int commit_creds(struct cred *new)
{
	struct task_struct *task = current;
	const struct cred *old = task->real_cred;

	/* Not while the subjective credentials are overridden. */
	BUG_ON(task->cred != old);
	BUG_ON(atomic_read(&new->usage) < 1);
	get_cred(new);		/* the task holds two: real_cred and cred */
	rcu_assign_pointer(task->real_cred, new);
	rcu_assign_pointer(task->cred, new);
	put_cred(old);
	put_cred(old);
	return 0;
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

const struct cred *override_creds(const struct cred *new)
{
	const struct cred *old = current->cred;

	rcu_assign_pointer(current->cred, get_cred(new));
	return old;
}

void revert_creds(const struct cred *old)
{
	const struct cred *override = current->cred;

	rcu_assign_pointer(current->cred, old);
	put_cred(override);
}

const struct cred *get_task_cred(struct task_struct *task)
{
	const struct cred *cred;

	rcu_read_lock();
	cred = get_cred_rcu(__task_cred(task));
	rcu_read_unlock();
	return cred;
}

bool creds_are_invalid(const struct cred *cred)
{
	return false;
}

/* ---------------------------------------------------------------- groups */

struct group_info *groups_alloc(int gidsetsize)
{
	struct group_info *gi;

	if (gidsetsize < 0)
		return NULL;
	gi = kfs_host_alloc(sizeof(*gi) + gidsetsize * sizeof(kgid_t), 0);
	if (!gi)
		return NULL;
	atomic_set(&gi->usage, 1);
	gi->ngroups = gidsetsize;
	return gi;
}

void groups_free(struct group_info *group_info)
{
	WARN_ON(group_info == &kfs_no_groups);
	kfs_host_free(group_info);
}

static int kfs_gid_cmp(const void *a, const void *b)
{
	kgid_t ga = *(const kgid_t *)a, gb = *(const kgid_t *)b;

	return gid_gt(ga, gb) - gid_lt(ga, gb);
}

void groups_sort(struct group_info *group_info)
{
	sort(group_info->gid, group_info->ngroups, sizeof(*group_info->gid), kfs_gid_cmp, NULL);
}

/* Whether grp is in the sorted set. */
int groups_search(const struct group_info *group_info, kgid_t grp)
{
	int left = 0, right;

	if (!group_info)
		return 0;
	right = group_info->ngroups;
	while (left < right) {
		int mid = left + (right - left) / 2;

		if (gid_gt(grp, group_info->gid[mid]))
			left = mid + 1;
		else if (gid_lt(grp, group_info->gid[mid]))
			right = mid;
		else
			return 1;
	}
	return 0;
}

void set_groups(struct cred *new, struct group_info *group_info)
{
	put_group_info(new->group_info);
	get_group_info(group_info);
	new->group_info = group_info;
}

int set_current_groups(struct group_info *group_info)
{
	struct cred *new = prepare_creds();

	if (!new)
		return -ENOMEM;
	set_groups(new, group_info);
	return commit_creds(new);
}

int in_group_p(kgid_t grp)
{
	const struct cred *cred = current_cred();

	return gid_eq(grp, cred->fsgid) || groups_search(cred->group_info, grp);
}

int in_egroup_p(kgid_t grp)
{
	const struct cred *cred = current_cred();

	return gid_eq(grp, cred->egid) || groups_search(cred->group_info, grp);
}

/* ---------------------------------------------------------- capabilities */

static bool kfs_cred_capable(const struct cred *cred, int cap)
{
	if (!cap_valid(cap)) {
		pr_crit("capable() called with invalid cap=%u\n", cap);
		BUG();
	}
	return cap_raised(cred->cap_effective, cap);
}

bool ns_capable(struct user_namespace *ns, int cap)
{
	if (!kfs_cred_capable(current_cred(), cap))
		return false;
	current->flags |= PF_SUPERPRIV;
	return true;
}

bool ns_capable_noaudit(struct user_namespace *ns, int cap)
{
	return ns_capable(ns, cap);
}

bool ns_capable_setid(struct user_namespace *ns, int cap)
{
	return ns_capable(ns, cap);
}

bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}

bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap)
{
	bool ret;

	rcu_read_lock();
	ret = kfs_cred_capable(__task_cred(t), cap);
	rcu_read_unlock();
	return ret;
}

bool has_capability(struct task_struct *t, int cap)
{
	return has_ns_capability(t, &init_user_ns, cap);
}

bool has_capability_noaudit(struct task_struct *t, int cap)
{
	return has_capability(t, cap);
}

/* ------------------------------------------------------------- the API */

static int kfs_u32_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return (x > y) - (x < y);
}

/* Whether cred already is what c (groups sorted in gids) asks for. */
static bool kfs_cred_is(const struct cred *cred, const struct kfs_cred *c, const u32 *gids,
			kernel_cap_t caps)
{
	const struct group_info *gi = cred->group_info;
	int i;

	if (__kuid_val(cred->fsuid) != c->uid || __kuid_val(cred->euid) != c->uid ||
	    __kuid_val(cred->uid) != c->uid || __kuid_val(cred->suid) != c->uid ||
	    __kgid_val(cred->fsgid) != c->gid || __kgid_val(cred->egid) != c->gid ||
	    __kgid_val(cred->gid) != c->gid || __kgid_val(cred->sgid) != c->gid)
		return false;
	if (memcmp(&cred->cap_effective, &caps, sizeof(caps)) ||
	    memcmp(&cred->cap_permitted, &caps, sizeof(caps)))
		return false;
	if (gi->ngroups != c->ngroups)
		return false;
	for (i = 0; i < c->ngroups; i++)
		if (__kgid_val(gi->gid[i]) != gids[i])
			return false;
	return true;
}

void kfs_set_cred(const struct kfs_cred *c)
{
	struct task_struct *task = current;
	kernel_cap_t caps = (c->root_caps && c->uid == 0) ? CAP_FULL_SET : CAP_EMPTY_SET;
	int n = c->ngroups > 0 ? c->ngroups : 0;
	struct group_info *gi;
	struct cred *new;
	u32 *gids;
	int i;

	WRITE_ONCE(task->fs->umask, c->umask & 0777);
	/*
	 * In the kernel a task enters a system call with its credentials
	 * already made; kernel code never sees this allocation fail, and an
	 * injected ENOMEM here must not end the process: wait and retry, as
	 * for __GFP_NOFAIL.
	 */
	while (!(gi = groups_alloc(n)))
		schedule_timeout_uninterruptible(1);
	gids = (u32 *)gi->gid;
	for (i = 0; i < n; i++)
		gids[i] = c->groups[i];
	sort(gids, n, sizeof(*gids), kfs_u32_cmp, NULL);

	/* Most requests come from the same caller as the last one. */
	if (task->cred == task->real_cred && kfs_cred_is(task->cred, c, gids, caps)) {
		put_group_info(gi);
		return;
	}
	if (WARN(task->cred != task->real_cred,
		 "kfs_set_cred() while credentials are overridden\n")) {
		put_group_info(gi);
		return;
	}
	while (!(new = prepare_creds()))	/* as groups_alloc above */
		schedule_timeout_uninterruptible(1);
	new->uid = new->euid = new->suid = new->fsuid = make_kuid(&init_user_ns, c->uid);
	new->gid = new->egid = new->sgid = new->fsgid = make_kgid(&init_user_ns, c->gid);
	new->cap_effective = caps;
	new->cap_permitted = caps;
	new->cap_inheritable = CAP_EMPTY_SET;
	new->cap_ambient = CAP_EMPTY_SET;
	set_groups(new, gi);
	put_group_info(gi);
	commit_creds(new);
}

int current_umask(void)
{
	return READ_ONCE(current->fs->umask);
}
