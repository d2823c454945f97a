/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocation scopes kept in current->flags
 * (Documentation/core-api/gfp_mask-from-fs-io.rst): inside
 * memalloc_nofs_save()..memalloc_nofs_restore() every allocation behaves as
 * if __GFP_FS were cleared, inside the noio scope as if __GFP_IO and __GFP_FS
 * were; memalloc_noreclaim_save() marks the task as reclaiming (PF_MEMALLOC),
 * so its own allocations do not recurse into the shrinkers.  Scopes nest: each
 * save returns the previous state for its restore.
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/sched.h>

/* The gfp mask an allocation really gets in the current task's scopes. */
static inline gfp_t current_gfp_context(gfp_t flags)
{
	unsigned int pflags = READ_ONCE(current->flags);

	if (unlikely(pflags & PF_MEMALLOC_NOIO))
		flags &= ~(__GFP_IO | __GFP_FS);
	else if (unlikely(pflags & PF_MEMALLOC_NOFS))
		flags &= ~__GFP_FS;
	return flags;
}

/* Announces an allocation with these flags: checks that it may sleep. */
static inline void might_alloc(gfp_t gfp_mask)
{
	might_sleep_if(gfpflags_allow_blocking(gfp_mask));
}

static inline unsigned int __memalloc_scope_enter(unsigned int flag)
{
	unsigned int old = current->flags & flag;

	current->flags |= flag;
	return old;
}

static inline void __memalloc_scope_leave(unsigned int flag, unsigned int old)
{
	current->flags = (current->flags & ~flag) | old;
}

static inline unsigned int memalloc_noio_save(void)
{
	return __memalloc_scope_enter(PF_MEMALLOC_NOIO);
}

static inline void memalloc_noio_restore(unsigned int flags)
{
	__memalloc_scope_leave(PF_MEMALLOC_NOIO, flags);
}

static inline unsigned int memalloc_nofs_save(void)
{
	return __memalloc_scope_enter(PF_MEMALLOC_NOFS);
}

static inline void memalloc_nofs_restore(unsigned int flags)
{
	__memalloc_scope_leave(PF_MEMALLOC_NOFS, flags);
}

static inline unsigned int memalloc_noreclaim_save(void)
{
	return __memalloc_scope_enter(PF_MEMALLOC);
}

static inline void memalloc_noreclaim_restore(unsigned int flags)
{
	__memalloc_scope_leave(PF_MEMALLOC, flags);
}

#endif /* _LINUX_SCHED_MM_H */
