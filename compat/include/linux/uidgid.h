/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel-internal user and group ids (Documentation/filesystems/
 * idmappings.rst).  kuid_t/kgid_t are distinct types so that on-disk or
 * userspace ids cannot be mixed up with them; make_kuid()/from_kuid()
 * translate through a user namespace.  kfs has one, init_user_ns, with the
 * identity mapping of every id but -1, which means "invalid" (unmapped).
 */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H

#include <linux/types.h>

/* kernel/sys.c's: what an id without a mapping shows as (65534). */
extern int overflowuid;
extern int overflowgid;

struct user_namespace;
extern struct user_namespace init_user_ns;

typedef struct {
	uid_t val;
} kuid_t;

typedef struct {
	gid_t val;
} kgid_t;

#define KUIDT_INIT(value)	(kuid_t){ value }
#define KGIDT_INIT(value)	(kgid_t){ value }

#define GLOBAL_ROOT_UID		KUIDT_INIT(0)
#define GLOBAL_ROOT_GID		KGIDT_INIT(0)
#define INVALID_UID		KUIDT_INIT(-1)
#define INVALID_GID		KGIDT_INIT(-1)

/*
 * __kuid_val(), uid_eq(), _gt, _gte, _lt, _lte, _valid and the gid ones:
 * plain comparisons of the numbers, which is all there is with a single
 * namespace.
 */
#define __KFS_ID_COMPARE(name, idtype, op)				\
static inline bool name(idtype a, idtype b)				\
{									\
	return a.val op b.val;						\
}

#define __KFS_ID_KIND(kind, idtype, rawtype)				\
static inline rawtype __k##kind##_val(idtype id)			\
{									\
	return id.val;							\
}									\
__KFS_ID_COMPARE(kind##_eq, idtype, ==)					\
__KFS_ID_COMPARE(kind##_gt, idtype, >)					\
__KFS_ID_COMPARE(kind##_gte, idtype, >=)				\
__KFS_ID_COMPARE(kind##_lt, idtype, <)					\
__KFS_ID_COMPARE(kind##_lte, idtype, <=)				\
static inline bool kind##_valid(idtype id)				\
{									\
	return id.val != (rawtype)-1;					\
}

__KFS_ID_KIND(uid, kuid_t, uid_t)
__KFS_ID_KIND(gid, kgid_t, gid_t)

/*
 * Translation through a namespace: make_kuid(), from_kuid(),
 * from_kuid_munged(), kuid_has_mapping() and the gid ones.  With only
 * init_user_ns every id maps to itself and (uid_t)-1 stays invalid; the
 * _munged forms never give -1 back: an unmapped id reads as the overflow
 * id.  Functions, not macros, so that the id types are still checked.
 */
#define __KFS_ID_MAPPING(kind, idtype, rawtype)				\
static inline idtype make_k##kind(struct user_namespace *ns, rawtype raw) \
{									\
	return (idtype){ raw };						\
}									\
static inline rawtype from_k##kind(struct user_namespace *ns, idtype id) \
{									\
	return id.val;							\
}									\
static inline bool k##kind##_has_mapping(struct user_namespace *ns, idtype id) \
{									\
	return from_k##kind(ns, id) != (rawtype)-1;			\
}									\
static inline rawtype from_k##kind##_munged(struct user_namespace *ns, idtype id) \
{									\
	return k##kind##_has_mapping(ns, id) ? from_k##kind(ns, id)	\
					     : (rawtype)overflow##kind;	\
}

__KFS_ID_MAPPING(uid, kuid_t, uid_t)
__KFS_ID_MAPPING(gid, kgid_t, gid_t)

#endif /* _LINUX_UIDGID_H */
