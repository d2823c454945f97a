/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-block-group spinlocks for filesystems with many block groups (ext2
 * and friends): instead of one lock per group, a fixed array of locks is
 * shared among the groups by hashing the group number, so the memory cost
 * is bounded and unrelated groups rarely contend.
 */
#ifndef _LINUX_BLOCKGROUP_LOCK_H
#define _LINUX_BLOCKGROUP_LOCK_H

#include <linux/cache.h>
#include <linux/spinlock.h>
#include <linux/log2.h>

/* A power of two: four locks per CPU, for up to 32 CPUs. */
#define NR_BG_LOCKS	(4 << ilog2(CONFIG_NR_CPUS < 32 ? CONFIG_NR_CPUS : 32))

struct bgl_lock {
	spinlock_t lock;
} ____cacheline_aligned_in_smp;

struct blockgroup_lock {
	struct bgl_lock locks[NR_BG_LOCKS];
};

static inline void bgl_lock_init(struct blockgroup_lock *bgl)
{
	unsigned int i;

	for (i = 0; i < NR_BG_LOCKS; i++)
		spin_lock_init(&bgl->locks[i].lock);
}

/* The lock that guards the metadata of block group @group. */
static inline spinlock_t *bgl_lock_ptr(struct blockgroup_lock *bgl, unsigned int group)
{
	return &bgl->locks[group & (NR_BG_LOCKS - 1)].lock;
}

#endif /* _LINUX_BLOCKGROUP_LOCK_H */
