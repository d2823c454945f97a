/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the page cache's files (compat/mm/filemap.c, page-writeback.c,
 * readahead.c, truncate.c, page_alloc.c, backing-dev.c and
 * compat/fs/fs-writeback.c, mpage.c) share and nobody else sees.
 */
#ifndef _KFS_MM_INTERNAL_H
#define _KFS_MM_INTERNAL_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/backing-dev-defs.h>
#include <linux/gfp.h>

/*
 * The gfp bits that say how hard to try, as opposed to what kind of memory
 * to give: what an allocation of bookkeeping (page descriptors, XArray
 * nodes) made on behalf of a page allocation may pass on.  A page cache's
 * __GFP_HIGHMEM/__GFP_MOVABLE mean nothing to kmalloc.
 */
#define GFP_RECLAIM_MASK (__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | \
			  __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | \
			  __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC | \
			  __GFP_ATOMIC)

struct address_space;
struct folio;
struct file;
struct super_block;

/* page_alloc.c */
unsigned long kfs_pages_in_use(void);

/* filemap.c: the bounded cache */
unsigned long kfs_pagecache_limit_pages(void);
unsigned long kfs_pagecache_nr(void);
/* The budget in force now (the limit, or less under a memory cap). */
unsigned long kfs_pagecache_budget(void);

/* pressure.c: the memory cap (0 pages: none) */
unsigned long kfs_mem_cap_pages(void);
/* Pages of kernel memory outside the page cache (objects). */
unsigned long kfs_mem_object_pages(void);
/* Wakes the reclaim thread when objects are over the cap's watermark. */
void kfs_mem_check(void);
bool kfs_remove_mapping(struct address_space *mapping, struct folio *folio);
bool kfs_evict_locked_folio(struct address_space *mapping, struct folio *folio, gfp_t gfp);
/* Reads a folio in with filler and waits for it: 0, or -errno. */
int kfs_filemap_read_folio(struct file *file,
			   int (*filler)(struct file *, struct folio *),
			   struct folio *folio);

/* page-writeback.c: global page counts (pages, whole cache) */
extern atomic_long_t kfs_nr_dirty;
extern atomic_long_t kfs_nr_writeback;
/* Bumped whenever a dirty page is cleaned or a writeback ends: progress. */
extern atomic_long_t kfs_nr_cleaned;
/* Dirty thresholds in pages: background writeback, and writer throttling. */
void kfs_dirty_thresholds(unsigned long *background, unsigned long *hard);
/* Wakes writers sleeping in balance_dirty_pages(). */
void kfs_dirty_progress(void);

/* fs-writeback.c: the flusher threads */
/* Asks wb's flusher to write in the background until under the threshold. */
void kfs_wb_start_background(struct bdi_writeback *wb);
/* Same for every bdi (the cache is global). */
void kfs_wb_start_background_all(void);
int kfs_wb_start_flusher(struct bdi_writeback *wb);
void kfs_wb_stop_flusher(struct bdi_writeback *wb);
bool kfs_current_is_flusher(void);

/* backing-dev.c */
void kfs_for_each_bdi(void (*fn)(struct backing_dev_info *bdi, void *arg), void *arg);

#endif /* _KFS_MM_INTERNAL_H */
