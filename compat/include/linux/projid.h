/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Project ids (quota by project), kept apart from uids and gids as the
 * kernel does.  One namespace, identity mapping: see <linux/uidgid.h>.
 */
#ifndef _LINUX_PROJID_H
#define _LINUX_PROJID_H

#include <linux/types.h>

struct user_namespace;
extern struct user_namespace init_user_ns;

typedef __kernel_uid32_t projid_t;

typedef struct {
	projid_t val;
} kprojid_t;

#define KPROJIDT_INIT(value)	(kprojid_t){ value }
#define INVALID_PROJID		KPROJIDT_INIT(-1)
#define OVERFLOW_PROJID		65534

static inline projid_t __kprojid_val(kprojid_t id)
{
	return id.val;
}

static inline bool projid_eq(kprojid_t a, kprojid_t b)
{
	return a.val == b.val;
}

static inline bool projid_lt(kprojid_t a, kprojid_t b)
{
	return a.val < b.val;
}

static inline bool projid_valid(kprojid_t id)
{
	return id.val != (projid_t)-1;
}

static inline kprojid_t make_kprojid(struct user_namespace *ns, projid_t raw)
{
	return (kprojid_t){ raw };
}

static inline projid_t from_kprojid(struct user_namespace *ns, kprojid_t id)
{
	return id.val;
}

static inline projid_t from_kprojid_munged(struct user_namespace *ns, kprojid_t id)
{
	return projid_valid(id) ? id.val : OVERFLOW_PROJID;
}

static inline bool kprojid_has_mapping(struct user_namespace *ns, kprojid_t id)
{
	return projid_valid(id);
}

#endif /* _LINUX_PROJID_H */
