/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-only hooks of the page cache and writeback (kernel world).  The
 * kernel has no counterpart for these: they are how the rest of compat/
 * (the VFS slice, the in-process API) and the tests configure and observe
 * the bounded page cache.  See compat/mm/filemap.c and
 * compat/fs/fs-writeback.c.
 */
#ifndef _KFS_MM_H
#define _KFS_MM_H

#include <linux/types.h>

struct page;
struct super_block;

/* Default page-cache budget when a mount does not give one. */
#define KFS_PAGECACHE_DEFAULT_LIMIT	(256ULL << 20)

/*
 * Sets the global page-cache budget in bytes (0 restores the default; at
 * least 16 pages) and returns the previous one.  One budget for the whole
 * process: the last mount that sets one wins.  The budget covers every
 * page in every mapping (files and block devices).  When it is exceeded,
 * clean unused pages are evicted (least recently used first); dirty pages
 * are never evicted but written back: the flushers start when dirty pages
 * pass dirty_background_ratio (10%) of the budget and writers are throttled
 * past vm_dirty_ratio (20%).  kfs_mount calls this with
 * kfs_mount_params.cache_limit.
 */
unsigned long long kfs_pagecache_set_limit(unsigned long long bytes);

struct kfs_pagecache_stats {
	unsigned long limit;		/* budget, pages */
	unsigned long pages;		/* pages in the page cache now */
	unsigned long high_water;	/* most pages ever at once (resettable) */
	unsigned long dirty;		/* dirty pages */
	unsigned long writeback;	/* pages under writeback */
	unsigned long evicted;		/* pages evicted to stay in budget */
	unsigned long over_limit;	/* insertions that found nothing to evict */
};

void kfs_pagecache_stats(struct kfs_pagecache_stats *st);
void kfs_pagecache_reset_high_water(void);

/*
 * Evicts clean, unused pages until at most target pages remain (or nothing
 * evictable is left); returns how many were evicted.  For tests and the
 * shrinker.
 */
unsigned long kfs_pagecache_shrink(unsigned long target);

/*
 * The memory cap (compat/mm/pressure.c): bounds all kernel-world memory
 * (objects and pages) to bytes, 0 = no cap (the default), and returns the
 * previous cap.  The page cache then gets what the cap leaves after the
 * other objects, and a reclaim thread (started on the first call) shrinks
 * unused dentries, inodes and the filesystems' caches when they pass 1/4
 * of the cap, then asks the pressure handler to let go of pinned inodes.
 * kfs_mount calls this with kfs_mount_params.cache_limit when one is given.
 */
unsigned long long kfs_mem_set_cap(unsigned long long bytes);

/*
 * The pressure handler: gets the name (in its parent directory, given by
 * inode number, or as the root when parent_is_root) of an in-core inode
 * that only an API reference keeps (not open, no cached children), oldest
 * first.  Called from the reclaim thread without locks held; must not
 * block for long.  Same types as kfs_pressure_fn of kfs_api.h.
 */
typedef void (*kfs_mem_pressure_fn)(void *ctx, __UINT64_TYPE__ parent_ino, int parent_is_root,
				    const char *name, int namelen);
void kfs_mem_set_pressure_handler(kfs_mem_pressure_fn fn, void *ctx);

/*
 * compat/fs/inode.c: offers to fn up to nr names of sb's inodes that only
 * an API reference (i_kfs_refs) keeps, round robin from the oldest.
 * Returns how many were offered.
 */
unsigned long kfs_inode_offer_pinned(struct super_block *sb, unsigned long nr,
				     kfs_mem_pressure_fn fn, void *ctx);

/*
 * Writeback timing, in centiseconds (the units of /proc/sys/vm):
 * how old dirty data must be before the flusher writes it on its own, and
 * how often the flusher looks.  0 leaves a value unchanged.
 */
void kfs_writeback_set_intervals(unsigned int expire_cs, unsigned int interval_cs);

/*
 * Called by generic_shutdown_super() after evict_inodes() and before
 * ->put_super, with s_umount held for write: waits until no writeback of
 * sb's inodes is in flight and makes sure none of them is left on a
 * writeback list (WARNs if one is), so the flusher never touches sb again.
 */
void kfs_writeback_sb_shutdown(struct super_block *sb);

/*
 * A page descriptor for the page of memory holding addr: the page itself
 * (with a new reference) when the memory came from the page allocator,
 * else a descriptor made for it, freed by the matching put_page().  Lets
 * direct I/O build bios over memory that never had a struct page.  NULL
 * when no descriptor can be allocated.
 */
struct page *kfs_page_for_address(void *addr);

#endif /* _KFS_MM_H */
