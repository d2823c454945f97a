/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shrinker registry and direct reclaim's slab part (the role of the
 * shrinker half of mm/vmscan.c in 6.1).  <linux/shrinker.h> states the
 * contract.
 *
 * Reclaim takes the registry lock for reading with a trylock, as the kernel
 * does: a reclaimer never waits behind a (un)registration, and
 * unregister_shrinker() -- which takes it for writing -- returns only once no
 * scan of that shrinker is running.  The reclaiming task is marked
 * PF_MEMALLOC meanwhile, so allocations made by the shrinkers themselves do
 * not recurse into reclaim.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <kfs/slab.h>
#include <kfs_host_alloc.h>

#include "../api/kfs_mem.h"

#define SHRINK_BATCH	128

static struct kfs_host_rwlock shrinker_rwsem;
static LIST_HEAD(shrinker_list);
static int shrinker_next_id;

static int shrinker_setup(struct shrinker *shrinker, const char *fmt, va_list ap)
{
	shrinker->name = kvasprintf_const(GFP_KERNEL, fmt, ap);
	if (!shrinker->name)
		return -ENOMEM;
	shrinker->nr_deferred = 0;
	shrinker->nr_scans = 0;
	shrinker->flags |= SHRINKER_ALLOCATED;
	return 0;
}

int prealloc_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = shrinker_setup(shrinker, fmt, ap);
	va_end(ap);
	return ret;
}
EXPORT_SYMBOL(prealloc_shrinker);

void register_shrinker_prepared(struct shrinker *shrinker)
{
	kfs_host_rwlock_write(&shrinker_rwsem);
	shrinker->id = shrinker_next_id++;
	list_add_tail(&shrinker->list, &shrinker_list);
	shrinker->flags |= SHRINKER_REGISTERED;
	kfs_host_rwlock_unlock(&shrinker_rwsem);
}
EXPORT_SYMBOL(register_shrinker_prepared);

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = shrinker_setup(shrinker, fmt, ap);
	va_end(ap);
	if (ret)
		return ret;
	register_shrinker_prepared(shrinker);
	return 0;
}
EXPORT_SYMBOL(register_shrinker);

void free_prealloced_shrinker(struct shrinker *shrinker)
{
	kfree_const(shrinker->name);
	shrinker->name = NULL;
	shrinker->flags &= ~SHRINKER_ALLOCATED;
}
EXPORT_SYMBOL(free_prealloced_shrinker);

void unregister_shrinker(struct shrinker *shrinker)
{
	if (!(shrinker->flags & SHRINKER_REGISTERED))
		return;
	might_sleep();
	kfs_host_rwlock_write(&shrinker_rwsem);
	list_del(&shrinker->list);
	shrinker->flags &= ~SHRINKER_REGISTERED;
	kfs_host_rwlock_unlock(&shrinker_rwsem);
	free_prealloced_shrinker(shrinker);
}
EXPORT_SYMBOL(unregister_shrinker);

void synchronize_shrinkers(void)
{
	might_sleep();
	kfs_host_rwlock_write(&shrinker_rwsem);
	kfs_host_rwlock_unlock(&shrinker_rwsem);
}
EXPORT_SYMBOL(synchronize_shrinkers);

/* One shrinker: asks what it holds, then scans that share in batches. */
static unsigned long do_shrink(struct shrinker *shrinker, gfp_t gfp, int priority)
{
	struct shrink_control sc = { .gfp_mask = gfp, .nid = 0 };
	unsigned long batch = shrinker->batch > 0 ? shrinker->batch : SHRINK_BATCH;
	unsigned long freeable, todo, freed = 0;

	freeable = shrinker->count_objects(shrinker, &sc);
	if (!freeable || freeable == SHRINK_EMPTY)
		return 0;
	todo = priority > 0 ? freeable >> priority : freeable;
	while (todo) {
		unsigned long ret;

		sc.nr_to_scan = min(batch, todo);
		sc.nr_scanned = sc.nr_to_scan;
		ret = shrinker->scan_objects(shrinker, &sc);
		shrinker->nr_scans++;
		if (ret == SHRINK_STOP) {
			shrinker->nr_deferred += todo;
			break;
		}
		freed += ret;
		todo -= min(todo, sc.nr_scanned ? sc.nr_scanned : sc.nr_to_scan);
	}
	return freed;
}

static unsigned long shrink_all(gfp_t gfp, int priority, bool objects_only)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;
	unsigned int noreclaim;

	if (current->flags & PF_MEMALLOC)
		return 0;
	noreclaim = memalloc_noreclaim_save();
	freed += kfs_slab_trim(priority);
	if (kfs_host_rwlock_tryread(&shrinker_rwsem)) {
		list_for_each_entry(shrinker, &shrinker_list, list) {
			if (objects_only && (shrinker->flags & SHRINKER_NONSLAB))
				continue;
			freed += do_shrink(shrinker, gfp, priority);
		}
		kfs_host_rwlock_unlock(&shrinker_rwsem);
	}
	memalloc_noreclaim_restore(noreclaim);
	return freed;
}

unsigned long kfs_shrink_slab(gfp_t gfp, int priority)
{
	return shrink_all(gfp, priority, false);
}

unsigned long kfs_shrink_objects(gfp_t gfp, int priority)
{
	return shrink_all(gfp, priority, true);
}

unsigned long kfs_mem_shrink_all(void)
{
	return kfs_shrink_slab(GFP_KERNEL, 0);
}
