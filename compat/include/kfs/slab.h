/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-only hooks of the slab layer (compat/mm/slab.c, shrinker.c), for the
 * rest of compat and for tests.  Nothing in the kernel tree calls these.
 */
#ifndef _KFS_SLAB_H
#define _KFS_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

struct kmem_cache;

/*
 * Runs every registered shrinker (and trims the free lists of object caches)
 * as direct reclaim would: each shrinker is asked to scan (freeable >>
 * priority) of its objects, 0 = all of them, with gfp as its context.
 * Returns the number of objects freed.  May sleep.  Does nothing, returning
 * 0, when the calling task is already reclaiming (PF_MEMALLOC).
 */
unsigned long kfs_shrink_slab(gfp_t gfp, int priority);

/*
 * The same, leaving out the shrinkers of memory that is not slab objects
 * (SHRINKER_NONSLAB: the page cache's, which keeps its own budget): what
 * the memory cap's reclaim thread runs (compat/mm/pressure.c).
 */
unsigned long kfs_shrink_objects(gfp_t gfp, int priority);

/* Frees the objects kept constructed on cache free lists; returns how many. */
unsigned long kfs_slab_trim(int priority);

struct kfs_slab_stats {
	unsigned long live;		/* allocated, not yet freed */
	unsigned long free;		/* kept constructed on the free list */
	unsigned long created;		/* objects made from host memory so far */
	unsigned long ctor_calls;	/* constructor calls so far */
};
void kfs_slab_get_stats(struct kmem_cache *s, struct kfs_slab_stats *st);
/* The kmalloc size-class cache a request of size bytes is served from. */
struct kmem_cache *kfs_kmalloc_cache(size_t size);
const char *kfs_slab_name(struct kmem_cache *s);

/* Live vmalloc areas (counted in the leak report as the "vmalloc" line). */
unsigned long kfs_vmalloc_live(void);

#endif /* _KFS_SLAB_H */
