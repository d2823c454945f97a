/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GFP flags (<linux/gfp_types.h>) and the questions the allocators ask about
 * them; the page allocator's entry points follow from <kfs/page_alloc.h>, as
 * the kernel declares them here too.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/numa.h>
#include <linux/types.h>

/*
 * True when the allocation may sleep: it may wait for reclaim (run the
 * shrinkers) and is checked with might_sleep().  GFP_ATOMIC and GFP_NOWAIT
 * may not.
 */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/* Reclaim for this allocation may neither enter the fs nor start I/O. */
static inline bool gfp_has_io_fs(gfp_t gfp)
{
	return (gfp & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS);
}

/* Memory compaction needs __GFP_IO; there is none here, but callers ask. */
static inline bool gfp_compaction_allowed(gfp_t gfp_mask)
{
	return !!(gfp_mask & __GFP_IO);
}

#include <kfs/page_alloc.h>

#endif /* _LINUX_GFP_H */
