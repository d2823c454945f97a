/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinkers: caches that can give memory back when the allocator is short.
 * The 6.1 interface (register_shrinker() takes a printf-style name).
 *
 * count_objects returns how many objects could be freed (0 or SHRINK_EMPTY:
 * nothing to do); scan_objects tries to free up to sc->nr_to_scan of them
 * and returns how many it freed, or SHRINK_STOP when it cannot make progress
 * in this context (for example a file system cache called without __GFP_FS
 * in sc->gfp_mask).  Scans are handed out in batches of `batch` objects
 * (0: 128).  Shrinkers run when an allocation that may sleep fails, and when
 * the page cache is over its limit; kfs_shrink_slab() in <kfs/slab.h> runs
 * them.  unregister_shrinker() waits for running scans of that shrinker.
 * Implemented in compat/mm/shrinker.c.
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

struct mem_cgroup;

struct shrink_control {
	gfp_t gfp_mask;			/* the failed allocation's context */
	int nid;			/* always 0: one node */
	unsigned long nr_to_scan;	/* objects to scan in this call */
	unsigned long nr_scanned;	/* scanned, if the shrinker says */
	struct mem_cgroup *memcg;	/* always NULL: no memory cgroups */
};

#define SHRINK_STOP	(~0UL)
#define SHRINK_EMPTY	(~0UL - 1)

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *sc);
	long batch;			/* objects per scan call, 0 = default */
	int seeks;			/* cost to recreate an object (DEFAULT_SEEKS) */
	unsigned int flags;		/* SHRINKER_* */
	struct list_head list;		/* in the registry, while registered */
	const char *name;		/* from the printf-style format */
	int id;
	long nr_deferred;		/* work deferred from calls that said STOP */
	unsigned long nr_scans;		/* scan_objects calls so far */
};

#define DEFAULT_SEEKS	2

#define SHRINKER_REGISTERED	(1 << 0)
#define SHRINKER_ALLOCATED	(1 << 1)
#define SHRINKER_NUMA_AWARE	(1 << 2)
#define SHRINKER_MEMCG_AWARE	(1 << 3)
#define SHRINKER_NONSLAB	(1 << 4)

int prealloc_shrinker(struct shrinker *shrinker, const char *fmt, ...) __printf(2, 3);
void register_shrinker_prepared(struct shrinker *shrinker);
int register_shrinker(struct shrinker *shrinker, const char *fmt, ...) __printf(2, 3);
void unregister_shrinker(struct shrinker *shrinker);
void free_prealloced_shrinker(struct shrinker *shrinker);
/* Waits until every shrinker call that has started has returned. */
void synchronize_shrinkers(void);

#endif /* _LINUX_SHRINKER_H */
