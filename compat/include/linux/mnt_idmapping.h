/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ids as seen through a mount (Documentation/filesystems/idmappings.rst).
 * kfs has one user namespace (init_user_ns) and no idmapped mounts, so
 * every mapping below is the identity: a vfsuid_t carries the same number
 * as the kuid_t it came from.  The types stay distinct, as in the kernel,
 * so code that mixes them up still fails to compile.
 */
#ifndef _LINUX_MNT_IDMAPPING_H
#define _LINUX_MNT_IDMAPPING_H

#include <linux/types.h>
#include <linux/uidgid.h>

struct user_namespace;
extern struct user_namespace init_user_ns;

typedef struct {
	uid_t val;
} vfsuid_t;

typedef struct {
	gid_t val;
} vfsgid_t;

#define VFSUIDT_INIT(kuid)	((vfsuid_t) { __kuid_val(kuid) })
#define VFSGIDT_INIT(kgid)	((vfsgid_t) { __kgid_val(kgid) })
#define INVALID_VFSUID		VFSUIDT_INIT(INVALID_UID)
#define INVALID_VFSGID		VFSGIDT_INIT(INVALID_GID)

static inline uid_t __vfsuid_val(vfsuid_t uid)
{
	return uid.val;
}

static inline gid_t __vfsgid_val(vfsgid_t gid)
{
	return gid.val;
}

static inline bool vfsuid_valid(vfsuid_t uid)
{
	return __vfsuid_val(uid) != (uid_t)-1;
}

static inline bool vfsgid_valid(vfsgid_t gid)
{
	return __vfsgid_val(gid) != (gid_t)-1;
}

static inline bool vfsuid_eq(vfsuid_t left, vfsuid_t right)
{
	return vfsuid_valid(left) && __vfsuid_val(left) == __vfsuid_val(right);
}

static inline bool vfsgid_eq(vfsgid_t left, vfsgid_t right)
{
	return vfsgid_valid(left) && __vfsgid_val(left) == __vfsgid_val(right);
}

static inline bool vfsuid_eq_kuid(vfsuid_t vfsuid, kuid_t kuid)
{
	return vfsuid_valid(vfsuid) && __vfsuid_val(vfsuid) == __kuid_val(kuid);
}

static inline bool vfsgid_eq_kgid(vfsgid_t vfsgid, kgid_t kgid)
{
	return vfsgid_valid(vfsgid) && __vfsgid_val(vfsgid) == __kgid_val(kgid);
}

#define vfsuid_into_kuid(vfsuid)	KUIDT_INIT(__vfsuid_val(vfsuid))
#define vfsgid_into_kgid(vfsgid)	KGIDT_INIT(__vfsgid_val(vfsgid))
/* The pre-vfsuid helpers that still return kuid_t/kgid_t. */
#define AS_KUIDT(vfsuid)		vfsuid_into_kuid(vfsuid)
#define AS_KGIDT(vfsgid)		vfsgid_into_kgid(vfsgid)

/* Is the (mount-mapped) group one of the caller's?  in_group_p: cred.h (J) */
int in_group_p(kgid_t grp);
static inline int vfsgid_in_group_p(vfsgid_t vfsgid)
{
	return in_group_p(AS_KGIDT(vfsgid));
}

static inline vfsuid_t make_vfsuid(struct user_namespace *mnt_userns,
				   struct user_namespace *fs_userns, kuid_t kuid)
{
	return VFSUIDT_INIT(kuid);
}

static inline vfsgid_t make_vfsgid(struct user_namespace *mnt_userns,
				   struct user_namespace *fs_userns, kgid_t kgid)
{
	return VFSGIDT_INIT(kgid);
}

static inline kuid_t from_vfsuid(struct user_namespace *mnt_userns,
				 struct user_namespace *fs_userns, vfsuid_t vfsuid)
{
	return vfsuid_into_kuid(vfsuid);
}

static inline kgid_t from_vfsgid(struct user_namespace *mnt_userns,
				 struct user_namespace *fs_userns, vfsgid_t vfsgid)
{
	return vfsgid_into_kgid(vfsgid);
}

static inline bool vfsuid_has_fsmapping(struct user_namespace *mnt_userns,
					struct user_namespace *fs_userns, vfsuid_t vfsuid)
{
	return vfsuid_valid(vfsuid);
}

static inline bool vfsgid_has_fsmapping(struct user_namespace *mnt_userns,
					struct user_namespace *fs_userns, vfsgid_t vfsgid)
{
	return vfsgid_valid(vfsgid);
}

static inline kuid_t mapped_kuid_fs(struct user_namespace *mnt_userns,
				    struct user_namespace *fs_userns, kuid_t kuid)
{
	return kuid;
}

static inline kgid_t mapped_kgid_fs(struct user_namespace *mnt_userns,
				    struct user_namespace *fs_userns, kgid_t kgid)
{
	return kgid;
}

static inline kuid_t mapped_kuid_user(struct user_namespace *mnt_userns,
				      struct user_namespace *fs_userns, kuid_t kuid)
{
	return kuid;
}

static inline kgid_t mapped_kgid_user(struct user_namespace *mnt_userns,
				      struct user_namespace *fs_userns, kgid_t kgid)
{
	return kgid;
}

/* The caller's fsuid/fsgid as the filesystem should store them. */
#define mapped_fsuid(mnt_userns, fs_userns)	current_fsuid()
#define mapped_fsgid(mnt_userns, fs_userns)	current_fsgid()

#endif /* _LINUX_MNT_IDMAPPING_H */
