// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory cap: what a mount's cache_limit bounds when it is given
 * (kfs_mem_set_cap).  The kernel has no counterpart; its role is played
 * here by a watermark check and one reclaim thread, in the way kswapd
 * serves the kernel's zone watermarks.
 *
 * What is measured is all host memory the kernel world holds
 * (kfs_host_mem_bytes: every kmalloc/kmem_cache object, every page, the
 * page descriptors and buffer heads), split in two:
 *  - the page cache, whose budget (filemap.c) shrinks to what the cap
 *    leaves after everything else, so adding a page evicts an old one
 *    synchronously, as before;
 *  - everything else ("objects": in-core inodes and dentries, buffer
 *    heads, the filesystems' own caches).  When objects pass 1/4 of the
 *    cap, the reclaim thread is woken.  It runs the object shrinkers (the
 *    per-sb dcache/icache ones, mbcache's, ...; not the page cache's, which
 *    keeps its own budget) until objects are under 3/16 of the cap, and if
 *    that is not enough -- inodes held through the in-process API, by the
 *    FUSE adapter for the host kernel's lookups -- hands the names of the
 *    oldest such inodes that nothing else uses to the pressure handler, so
 *    that the holder can let go of them (FUSE: the host drops the names,
 *    FORGETs come, and the next round frees the inodes).
 *
 * Without a cap (the default) none of this runs: the page cache keeps its
 * own budget only.
 */
#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <linux/wait.h>
#include <linux/writeback.h>
#include <kfs/mm.h>
#include <kfs/slab.h>
#include <kfs_host_alloc.h>

#include "internal.h"

static atomic_long_t cap_pages = ATOMIC_LONG_INIT(0);	/* 0: no cap */
static DECLARE_WAIT_QUEUE_HEAD(reclaim_wait);
static atomic_t reclaim_wanted = ATOMIC_INIT(0);
static DEFINE_MUTEX(reclaim_start_lock);
static struct task_struct *reclaim_task;

static kfs_mem_pressure_fn pressure_fn;
static void *pressure_ctx;

/* A rough size of one in-core inode with its dentry and bookkeeping. */
#define INODE_COST	1536

/*
 * Objects may take a quarter of the cap before reclaim starts, and it stops
 * at 3/16.  Lower would make the host look names up again and again; higher
 * costs resident memory beyond what is counted (the heap keeps what it
 * once held in fragments).
 */
static unsigned long high_mark(unsigned long cap)
{
	return cap / 4;
}

static unsigned long low_mark(unsigned long cap)
{
	return cap / 16 * 3;
}

unsigned long kfs_mem_cap_pages(void)
{
	return atomic_long_read(&cap_pages);
}

static unsigned long kfs_mem_pages(void)
{
	return (unsigned long)(kfs_host_mem_bytes() >> PAGE_SHIFT);
}

/* Pages of kernel memory that are not page-cache pages. */
unsigned long kfs_mem_object_pages(void)
{
	unsigned long all = kfs_mem_pages(), cache = kfs_pagecache_nr();

	return all > cache ? all - cache : 0;
}

/* Called where memory grows; cheap unless objects are over the watermark. */
void kfs_mem_check(void)
{
	unsigned long cap = kfs_mem_cap_pages();

	if (!cap || kfs_mem_object_pages() <= high_mark(cap))
		return;
	if (atomic_xchg(&reclaim_wanted, 1))
		return;
	wake_up(&reclaim_wait);
}

void kfs_mem_set_pressure_handler(kfs_mem_pressure_fn fn, void *ctx)
{
	WRITE_ONCE(pressure_ctx, ctx);
	smp_store_release(&pressure_fn, fn);
}

struct name_round {
	unsigned long want;
	unsigned long asked;
};

static void ask_holders(struct super_block *sb, void *arg)
{
	struct name_round *r = arg;
	kfs_mem_pressure_fn fn = smp_load_acquire(&pressure_fn);

	if (!fn || r->asked >= r->want)
		return;
	r->asked += kfs_inode_offer_pinned(sb, r->want - r->asked, fn, READ_ONCE(pressure_ctx));
}

/*
 * One round: object shrinkers until under the low watermark, then the
 * holders of pinned inodes.  Returns whether holders were asked.
 */
static bool reclaim_round(void)
{
	unsigned long cap = kfs_mem_cap_pages(), low = low_mark(cap), obj;
	struct name_round r = { 0 };
	int prio;

	for (prio = 2; prio >= 0; prio--) {
		obj = kfs_mem_object_pages();
		if (obj <= low)
			return false;
		kfs_shrink_objects(GFP_KERNEL, prio);
		/*
		 * Dirty inodes (an atime, a size) stay off the LRU until
		 * written: have the flushers write everything now, as
		 * reclaim in the kernel does, instead of after the expiry.
		 */
		if (prio == 2)
			wakeup_flusher_threads(WB_REASON_VMSCAN);
	}
	obj = kfs_mem_object_pages();
	if (obj <= low)
		return false;
	r.want = clamp((obj - low) * PAGE_SIZE / INODE_COST, 64UL, 4096UL);
	iterate_supers(ask_holders, &r);
	return r.asked != 0;
}

static int reclaim_thread(void *unused)
{
	while (!kthread_should_stop()) {
		unsigned long cap, before, after;
		bool asked;

		wait_event_idle_timeout(reclaim_wait,
					atomic_read(&reclaim_wanted) || kthread_should_stop(),
					HZ);
		if (kthread_should_stop())
			break;
		atomic_set(&reclaim_wanted, 0);
		cap = kfs_mem_cap_pages();
		before = kfs_mem_object_pages();
		if (!cap || before <= low_mark(cap))
			continue;
		asked = reclaim_round();
		/* What the shrinkers freed is scattered over the heap. */
		kfs_host_mem_trim();
		after = kfs_mem_object_pages();
		if (after <= low_mark(cap))
			continue;
		/*
		 * Still over: holders let go asynchronously (FORGETs come
		 * later), so look again soon after asking them or after
		 * progress; a round that could do nothing waits a second, so
		 * memory nobody can free costs no busy loop.
		 */
		schedule_timeout_idle(asked || after < before ? HZ / 20 : HZ);
	}
	return 0;
}

unsigned long long kfs_mem_set_cap(unsigned long long bytes)
{
	unsigned long old = atomic_long_xchg(&cap_pages, (unsigned long)(bytes >> PAGE_SHIFT));

	if (bytes) {
		mutex_lock(&reclaim_start_lock);
		if (!reclaim_task) {
			struct task_struct *t = kthread_run(reclaim_thread, NULL, "kfs-reclaim");

			if (IS_ERR(t))
				pr_warn("kfs: no reclaim thread (%ld): the memory cap covers the page cache only\n",
					PTR_ERR(t));
			else
				reclaim_task = t;
		}
		mutex_unlock(&reclaim_start_lock);
		kfs_mem_check();
	}
	return (unsigned long long)old << PAGE_SHIFT;
}

static void __exit pressure_exit(void)
{
	mutex_lock(&reclaim_start_lock);
	if (reclaim_task) {
		kthread_stop(reclaim_task);
		reclaim_task = NULL;
	}
	mutex_unlock(&reclaim_start_lock);
	atomic_long_set(&cap_pages, 0);
}
__exitcall(pressure_exit);
