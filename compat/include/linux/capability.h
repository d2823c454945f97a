/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Capabilities (capabilities(7)).  capable(CAP_X) answers from the current
 * task's effective set, which kfs_set_cred() fills as the kernel would for
 * the FUSE caller: everything for uid 0 (when the server grants root its
 * powers), nothing for anyone else.  The CAP_ numbers are the uapi's.
 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <uapi/linux/capability.h>
#include <linux/uidgid.h>

#define _KERNEL_CAPABILITY_VERSION	_LINUX_CAPABILITY_VERSION_3
#define _KERNEL_CAPABILITY_U32S		_LINUX_CAPABILITY_U32S_3

typedef struct kernel_cap_struct {
	__u32 cap[_KERNEL_CAPABILITY_U32S];
} kernel_cap_t;

struct cpu_vfs_cap_data {
	__u32 magic_etc;
	kernel_cap_t permitted;
	kernel_cap_t inheritable;
	kuid_t rootid;
};

#define CAP_LAST_U32			((_KERNEL_CAPABILITY_U32S) - 1)
#define CAP_LAST_U32_VALID_MASK		(CAP_TO_MASK(CAP_LAST_CAP + 1) - 1)

#define CAP_EMPTY_SET	((kernel_cap_t){{ 0, 0 }})
#define CAP_FULL_SET	((kernel_cap_t){{ ~0U, CAP_LAST_U32_VALID_MASK }})

#define cap_raise(c, flag)	((c).cap[CAP_TO_INDEX(flag)] |= CAP_TO_MASK(flag))
#define cap_lower(c, flag)	((c).cap[CAP_TO_INDEX(flag)] &= ~CAP_TO_MASK(flag))
#define cap_raised(c, flag)	((c).cap[CAP_TO_INDEX(flag)] & CAP_TO_MASK(flag))

static inline bool cap_isclear(const kernel_cap_t a)
{
	unsigned int i;

	for (i = 0; i < _KERNEL_CAPABILITY_U32S; i++)
		if (a.cap[i])
			return false;
	return true;
}

static inline void cap_clear(kernel_cap_t *c)
{
	*c = CAP_EMPTY_SET;
}

static inline kernel_cap_t cap_combine(const kernel_cap_t a, const kernel_cap_t b)
{
	kernel_cap_t r;
	unsigned int i;

	for (i = 0; i < _KERNEL_CAPABILITY_U32S; i++)
		r.cap[i] = a.cap[i] | b.cap[i];
	return r;
}

static inline kernel_cap_t cap_intersect(const kernel_cap_t a, const kernel_cap_t b)
{
	kernel_cap_t r;
	unsigned int i;

	for (i = 0; i < _KERNEL_CAPABILITY_U32S; i++)
		r.cap[i] = a.cap[i] & b.cap[i];
	return r;
}

static inline kernel_cap_t cap_drop(const kernel_cap_t a, const kernel_cap_t drop)
{
	kernel_cap_t r;
	unsigned int i;

	for (i = 0; i < _KERNEL_CAPABILITY_U32S; i++)
		r.cap[i] = a.cap[i] & ~drop.cap[i];
	return r;
}

struct task_struct;
struct inode;
struct file;
struct dentry;
struct user_namespace;

bool has_capability(struct task_struct *t, int cap);
bool has_capability_noaudit(struct task_struct *t, int cap);
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap);
bool capable(int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool ns_capable_noaudit(struct user_namespace *ns, int cap);
bool ns_capable_setid(struct user_namespace *ns, int cap);
bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap);
/* capable(), provided the inode's owner and group map into the namespace. */
bool privileged_wrt_inode_uidgid(struct user_namespace *ns, struct user_namespace *mnt_userns,
				 const struct inode *inode);
bool capable_wrt_inode_uidgid(struct user_namespace *mnt_userns, const struct inode *inode,
			      int cap);

static inline bool checkpoint_restore_ns_capable(struct user_namespace *ns)
{
	return ns_capable(ns, CAP_CHECKPOINT_RESTORE);
}

#endif /* _LINUX_CAPABILITY_H */
