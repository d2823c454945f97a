/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What filesystems use of the kernel's swap.h: the page-cache LRU hooks
 * (mark_page_accessed and friends) and the reclaim bookkeeping.  kfs has no
 * swap: the swap-cache predicates are constant.
 *
 * Accessing a folio sets PG_referenced, accessing it again makes it active;
 * the page cache's eviction (compat/mm/filemap.c) gives an active folio a
 * second trip round its LRU instead of evicting it, so data used more than
 * once stays cached while data read once streams through.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/spinlock.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/atomic.h>
#include <linux/page-flags.h>
#include <asm/page.h>

void folio_mark_accessed(struct folio *folio);
void mark_page_accessed(struct page *page);

/* New page-cache folios join the LRU in filemap_add_folio(); nothing to add. */
static inline void folio_add_lru(struct folio *folio)
{
}

static inline void lru_cache_add(struct page *page)
{
}

/* Per-CPU LRU batches do not exist in kfs. */
static inline void lru_add_drain(void)
{
}

static inline void lru_add_drain_all(void)
{
}

static inline int lru_add_drain_all_and_wait(void)
{
	return 0;
}

static inline void folio_deactivate(struct folio *folio)
{
	folio_clear_active(folio);
	folio_clear_referenced(folio);
}

static inline void deactivate_page(struct page *page)
{
	folio_deactivate(page_folio(page));
}

static inline void mark_page_lazyfree(struct page *page)
{
}

/* Pages freed by a shrinker, reported back to reclaim (current->reclaim_state). */
struct reclaim_state {
	unsigned long reclaimed_slab;
};

static inline bool folio_test_swapcache_any(struct folio *folio)
{
	return false;
}

static inline int page_swapcount(struct page *page)
{
	return 0;
}

static inline long total_swap_pages_get(void)
{
	return 0;
}

#define total_swap_pages	0L
#define nr_swap_pages_get()	0L

#endif /* _LINUX_SWAP_H */
