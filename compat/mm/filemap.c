// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page cache (the role of mm/filemap.c and the LRU part of mm/swap.c
 * and mm/vmscan.c): finding, adding and removing folios, locking and
 * waiting on them, buffered reads and writes, and the writeback entry
 * points that filesystems call (filemap_fdatawrite & co).
 *
 * Contract: Documentation/filesystems/vfs.rst ("The Address Space
 * Object", "struct address_space_operations"), locking.rst
 * ("address_space_operations"), and the kernel-doc of the 6.1 functions.
 *
 * kfs design:
 *  - Lookups take their folio reference under the mapping's xa_lock
 *    (mapping->i_pages); every removal from a mapping happens under the same
 *    lock, and the eviction below "freezes" the reference count (exactly
 *    2 -> 0) under it.  So a lookup can never take a reference on a folio that
 *    is being freed, and folio descriptors can be freed at once (the kernel
 *    instead relies on struct pages never going away).
 *  - The cache is bounded: every folio in any mapping counts against one
 *    global budget (kfs/mm.h).  All page-cache folios are on one LRU list
 *    (lru_lock, folio->lru, PG_lru).  Adding a folio over the budget first
 *    evicts clean, unlocked, unused folios from the cold end; a folio used
 *    more than once (PG_active, see folio_mark_accessed) gets another round
 *    instead.  Dirty folios are never evicted: the flusher is woken to clean
 *    them and writers are throttled (balance_dirty_pages_ratelimited) so
 *    that dirty data stays a fraction of the budget.  A shrinker offers the
 *    same eviction to kmalloc when host memory runs short.  Under a memory
 *    cap (pressure.c) the budget is what the cap leaves after every other
 *    kernel object (kfs_pagecache_budget).
 *
 * Lock order: folio lock -> mapping->private_lock (buffer heads) ->
 * mapping->i_pages xa_lock -> sb->s_inode_wblist_lock; lru_lock is taken
 * alone (never together with an xa_lock).
 */
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/pagevec.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/shrinker.h>
#include <linux/swap.h>
#include <linux/uio.h>
#include <linux/writeback.h>
#include <kfs/mm.h>

#include "internal.h"

/* ======================================================= the bounded cache */

static DEFINE_SPINLOCK(lru_lock);
static LIST_HEAD(lru_list);		/* head: recently added or visited */
static atomic_long_t nr_pagecache = ATOMIC_LONG_INIT(0);
static atomic_long_t cache_limit = ATOMIC_LONG_INIT(KFS_PAGECACHE_DEFAULT_LIMIT >> PAGE_SHIFT);
static atomic_long_t high_water = ATOMIC_LONG_INIT(0);
static atomic_long_t nr_evicted = ATOMIC_LONG_INIT(0);
static atomic_long_t nr_over_limit = ATOMIC_LONG_INIT(0);

unsigned long kfs_pagecache_limit_pages(void)
{
	return atomic_long_read(&cache_limit);
}

unsigned long kfs_pagecache_nr(void)
{
	return atomic_long_read(&nr_pagecache);
}

/*
 * The budget in force: the configured one or, under a memory cap
 * (pressure.c), what the cap leaves after every other kernel object,
 * whichever is less; never under the 16-page floor.
 */
unsigned long kfs_pagecache_budget(void)
{
	unsigned long limit = kfs_pagecache_limit_pages();
	unsigned long cap = kfs_mem_cap_pages(), obj, room;

	if (!cap)
		return limit;
	obj = kfs_mem_object_pages();
	room = cap > obj ? cap - obj : 0;
	return min(limit, max(room, 16UL));
}

unsigned long totalram_pages(void)
{
	return kfs_pagecache_limit_pages();
}
EXPORT_SYMBOL(totalram_pages);

unsigned long long kfs_pagecache_set_limit(unsigned long long bytes)
{
	unsigned long pages = bytes ? bytes >> PAGE_SHIFT : KFS_PAGECACHE_DEFAULT_LIMIT >> PAGE_SHIFT;
	unsigned long old;

	/*
	 * A floor of 16 pages: a readahead window and the folios a reader
	 * and a writer hold must fit, or every insertion goes over.
	 */
	if (pages < 16)
		pages = 16;
	old = atomic_long_xchg(&cache_limit, pages);
	if (atomic_long_read(&nr_pagecache) > pages)
		kfs_pagecache_shrink(pages);
	return (unsigned long long)old << PAGE_SHIFT;
}

void kfs_pagecache_stats(struct kfs_pagecache_stats *st)
{
	st->limit = kfs_pagecache_limit_pages();
	st->pages = atomic_long_read(&nr_pagecache);
	st->high_water = atomic_long_read(&high_water);
	st->dirty = atomic_long_read(&kfs_nr_dirty);
	st->writeback = atomic_long_read(&kfs_nr_writeback);
	st->evicted = atomic_long_read(&nr_evicted);
	st->over_limit = atomic_long_read(&nr_over_limit);
}

void kfs_pagecache_reset_high_water(void)
{
	atomic_long_set(&high_water, atomic_long_read(&nr_pagecache));
}

static void note_high_water(long n)
{
	long hw = atomic_long_read(&high_water);

	while (n > hw) {
		long seen = atomic_long_cmpxchg(&high_water, hw, n);

		if (seen == hw)
			break;
		hw = seen;
	}
}

static void lru_add(struct folio *folio)
{
	spin_lock(&lru_lock);
	VM_BUG_ON_FOLIO(folio_test_lru(folio), folio);
	list_add(&folio->lru, &lru_list);
	folio_set_lru(folio);
	spin_unlock(&lru_lock);
}

static void lru_del(struct folio *folio)
{
	spin_lock(&lru_lock);
	if (folio_test_clear_lru(folio))
		list_del_init(&folio->lru);
	spin_unlock(&lru_lock);
}

bool filemap_release_folio(struct folio *folio, gfp_t gfp)
{
	struct address_space *const mapping = folio->mapping;

	BUG_ON(!folio_test_locked(folio));
	if (folio_test_writeback(folio))
		return false;
	if (mapping && mapping->a_ops->release_folio)
		return mapping->a_ops->release_folio(folio, gfp);
	return try_to_free_buffers(folio);
}
EXPORT_SYMBOL(filemap_release_folio);

int try_to_release_page(struct page *page, gfp_t gfp)
{
	return filemap_release_folio(page_folio(page), gfp);
}
EXPORT_SYMBOL(try_to_release_page);

/*
 * Takes a locked, clean folio out of its mapping if nobody but the page
 * cache and the caller holds a reference (the count is frozen at zero
 * meanwhile, so no lookup can revive it).  The caller still holds its
 * reference and the lock, and drops both; the last put frees the folio.
 */
bool kfs_remove_mapping(struct address_space *mapping, struct folio *folio)
{
	void (*free_folio)(struct folio *folio);

	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	/* Read before the folio leaves: after that the mapping may be freed. */
	free_folio = mapping->a_ops->free_folio;
	xa_lock(&mapping->i_pages);
	if (!folio_ref_freeze(folio, 2)) {
		xa_unlock(&mapping->i_pages);
		return false;
	}
	if (unlikely(folio_test_dirty(folio))) {
		/* Dirtied without the folio lock (through a buffer) meanwhile. */
		folio_ref_unfreeze(folio, 2);
		xa_unlock(&mapping->i_pages);
		return false;
	}
	WARN_ON_ONCE(__xa_erase(&mapping->i_pages, folio->index) != folio);
	WRITE_ONCE(mapping->nrpages, mapping->nrpages - 1);
	WRITE_ONCE(folio->mapping, NULL);
	xa_unlock(&mapping->i_pages);

	atomic_long_dec(&nr_pagecache);
	lru_del(folio);
	if (free_folio)
		free_folio(folio);
	folio_ref_unfreeze(folio, 1);
	return true;
}

/*
 * Whether a locked folio can leave the cache now: clean, not under
 * writeback, used by nobody but the cache and the caller, and its private
 * data (buffers) releasable.  If so it is removed (kfs_remove_mapping).
 */
bool kfs_evict_locked_folio(struct address_space *mapping, struct folio *folio, gfp_t gfp)
{
	if (folio_test_dirty(folio) || folio_test_writeback(folio))
		return false;
	if (folio_ref_count(folio) > 2 + !!folio_test_private(folio))
		return false;
	if (folio_has_private(folio) && !filemap_release_folio(folio, gfp))
		return false;
	return kfs_remove_mapping(mapping, folio);
}

/* Evicts one folio the LRU scan picked; consumes the caller's reference. */
static bool evict_folio(struct folio *folio, gfp_t gfp)
{
	struct address_space *mapping;
	bool ret = false;

	if (!folio_trylock(folio))
		goto put;
	mapping = folio->mapping;
	if (mapping && !mapping_unevictable(mapping))
		ret = kfs_evict_locked_folio(mapping, folio, gfp);
	folio_unlock(folio);
put:
	folio_put(folio);
	return ret;
}

/*
 * Scans the LRU from its cold end and evicts up to want folios.  Each
 * folio looked at moves to the hot end, so concurrent scans spread out and
 * an active folio (demoted on the way) gets its second chance.  Two passes
 * over the list at most.
 */
static unsigned long pagecache_evict(unsigned long want, gfp_t gfp)
{
	unsigned long done = 0, scanned = 0;
	unsigned long budget = 2 * atomic_long_read(&nr_pagecache) + want + 16;

	while (done < want && scanned < budget) {
		struct folio *folio;
		bool busy;

		spin_lock(&lru_lock);
		if (list_empty(&lru_list)) {
			spin_unlock(&lru_lock);
			break;
		}
		folio = list_last_entry(&lru_list, struct folio, lru);
		scanned++;
		list_move(&folio->lru, &lru_list);
		busy = folio_test_clear_active(folio) || folio_test_dirty(folio) ||
		       folio_test_writeback(folio) || folio_test_locked(folio) ||
		       folio_ref_count(folio) > 1 + !!folio_test_private(folio);
		if (busy || !folio_try_get(folio)) {
			spin_unlock(&lru_lock);
			continue;
		}
		spin_unlock(&lru_lock);
		if (evict_folio(folio, gfp))
			done++;
	}
	if (done)
		atomic_long_add(done, &nr_evicted);
	return done;
}

unsigned long kfs_pagecache_shrink(unsigned long target)
{
	unsigned long nr = atomic_long_read(&nr_pagecache);
	unsigned int noreclaim;
	unsigned long done;

	if (nr <= target)
		return 0;
	noreclaim = memalloc_noreclaim_save();
	done = pagecache_evict(nr - target, GFP_KERNEL);
	memalloc_noreclaim_restore(noreclaim);
	return done;
}

/*
 * Makes room for one more folio under the budget.  Only callers that may
 * block evict (eviction takes other mappings' locks and may call into
 * their filesystems' ->release_folio); the rest, and a cache with nothing
 * evictable, go over the budget and count it.
 */
static void pagecache_make_room(gfp_t gfp)
{
	unsigned long limit = kfs_pagecache_budget();
	unsigned long nr = atomic_long_read(&nr_pagecache);
	unsigned long slack;
	unsigned int noreclaim;

	kfs_mem_check();
	if (nr < limit)
		return;
	if (gfpflags_allow_blocking(gfp) && !(current->flags & PF_MEMALLOC)) {
		/* A few extra, so the next insertions need not each scan. */
		slack = min(32UL, limit / 32);
		noreclaim = memalloc_noreclaim_save();
		pagecache_evict(nr + 1 - limit + slack, current_gfp_context(gfp));
		memalloc_noreclaim_restore(noreclaim);
		if (atomic_long_read(&nr_pagecache) < limit)
			return;
	}
	atomic_long_inc(&nr_over_limit);
	if (atomic_long_read(&kfs_nr_dirty))
		kfs_wb_start_background_all();
}

static unsigned long pagecache_shrink_count(struct shrinker *shrink,
					    struct shrink_control *sc)
{
	return atomic_long_read(&nr_pagecache);
}

static unsigned long pagecache_shrink_scan(struct shrinker *shrink,
					   struct shrink_control *sc)
{
	unsigned long freed = pagecache_evict(sc->nr_to_scan, sc->gfp_mask);

	return freed ? freed : SHRINK_STOP;
}

static struct shrinker pagecache_shrinker = {
	.count_objects = pagecache_shrink_count,
	.scan_objects = pagecache_shrink_scan,
	.seeks = DEFAULT_SEEKS,
	.flags = SHRINKER_NONSLAB,	/* pages, on their own budget */
};

static int __init pagecache_init(void)
{
	return register_shrinker(&pagecache_shrinker, "kfs-pagecache");
}
core_initcall(pagecache_init);

/* ===================================================== LRU hints (swap.c) */

/*
 * A folio was used.  As in the kernel, the first use sets PG_referenced and
 * a second one, while it is still set, makes the folio active (and clears
 * PG_referenced again).  Eviction takes inactive folios in LRU order and
 * gives an active one another round instead (demoting it), so data read
 * once streams through the cache while data used again stays.
 */
void folio_mark_accessed(struct folio *folio)
{
	if (!folio_test_referenced(folio)) {
		folio_set_referenced(folio);
	} else if (!folio_test_active(folio)) {
		folio_set_active(folio);
		folio_clear_referenced(folio);
	}
}
EXPORT_SYMBOL(folio_mark_accessed);

void mark_page_accessed(struct page *page)
{
	folio_mark_accessed(page_folio(page));
}
EXPORT_SYMBOL(mark_page_accessed);

/* ================================================= adding and removing */

struct folio *filemap_alloc_folio(gfp_t gfp, unsigned int order)
{
	/* No large folios: a request for one gets a single page. */
	return folio_alloc(gfp, 0);
}
EXPORT_SYMBOL(filemap_alloc_folio);

/* The gfp an XArray node allocation on behalf of a folio insertion may use. */
static inline gfp_t xa_node_gfp(gfp_t gfp)
{
	return current_gfp_context(gfp) & GFP_RECLAIM_MASK;
}

/*
 * Inserts a new (unlocked, caller-referenced) folio at index.  On success
 * the folio is locked, holds an extra reference for the cache and is on the
 * LRU; -EEXIST if another folio is there already, -ENOMEM.
 */
int filemap_add_folio(struct address_space *mapping, struct folio *folio, pgoff_t index,
		      gfp_t gfp)
{
	int err;

	VM_BUG_ON_FOLIO(folio_test_lru(folio), folio);
	__folio_set_locked(folio);
	pagecache_make_room(gfp);

	folio_ref_inc(folio);
	WRITE_ONCE(folio->mapping, mapping);
	folio->index = index;
	xa_lock(&mapping->i_pages);
	err = __xa_insert(&mapping->i_pages, index, folio, xa_node_gfp(gfp));
	if (!err)
		WRITE_ONCE(mapping->nrpages, mapping->nrpages + 1);
	xa_unlock(&mapping->i_pages);
	if (err) {
		WRITE_ONCE(folio->mapping, NULL);
		folio_ref_dec(folio);
		__folio_clear_locked(folio);
		return err == -EBUSY ? -EEXIST : err;
	}
	note_high_water(atomic_long_inc_return(&nr_pagecache));
	lru_add(folio);
	return 0;
}
EXPORT_SYMBOL_GPL(filemap_add_folio);

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, pgoff_t index,
			  gfp_t gfp)
{
	return filemap_add_folio(mapping, page_folio(page), index, gfp);
}
EXPORT_SYMBOL(add_to_page_cache_lru);

/*
 * Takes a locked folio out of its mapping under xa_lock.  A dirty folio
 * that leaves the cache stops counting as dirty (truncation discards it).
 * The cache's reference is left for the caller to drop.
 */
static void page_cache_delete(struct address_space *mapping, struct folio *folio)
{
	folio_cancel_dirty(folio);
	xa_lock(&mapping->i_pages);
	WARN_ON_ONCE(__xa_erase(&mapping->i_pages, folio->index) != folio);
	WRITE_ONCE(mapping->nrpages, mapping->nrpages - 1);
	WRITE_ONCE(folio->mapping, NULL);
	xa_unlock(&mapping->i_pages);
	atomic_long_dec(&nr_pagecache);
	lru_del(folio);
}

void __filemap_remove_folio(struct folio *folio, void *shadow)
{
	page_cache_delete(folio->mapping, folio);
}

/* Removes a locked folio from the page cache and drops the cache's reference. */
void filemap_remove_folio(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;
	void (*free_folio)(struct folio *folio);

	BUG_ON(!folio_test_locked(folio));
	free_folio = mapping->a_ops->free_folio;
	page_cache_delete(mapping, folio);
	if (free_folio)
		free_folio(folio);
	folio_put(folio);
}

void delete_from_page_cache(struct page *page)
{
	filemap_remove_folio(page_folio(page));
}
EXPORT_SYMBOL(delete_from_page_cache);

/* Page migration and replacement do not exist in kfs. */
void replace_page_cache_page(struct page *old, struct page *new)
{
	WARN(1, "kfs: replace_page_cache_page is not supported\n");
}
EXPORT_SYMBOL(replace_page_cache_page);

int filemap_migrate_folio(struct address_space *mapping, struct folio *dst,
			  struct folio *src, enum migrate_mode mode)
{
	WARN(1, "kfs: folio migration is not supported\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(filemap_migrate_folio);

/* ============================================================= lookups */

/* The folio at index with a new reference, or NULL. */
static struct folio *folio_lookup(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio;

	xa_lock(&mapping->i_pages);
	folio = xa_load(&mapping->i_pages, index);
	if (folio && (xa_is_value(folio) || !folio_try_get(folio)))
		folio = NULL;
	xa_unlock(&mapping->i_pages);
	return folio;
}

struct folio *__filemap_get_folio(struct address_space *mapping, pgoff_t index,
				  int fgp_flags, gfp_t gfp)
{
	struct folio *folio;
	int err;

repeat:
	folio = folio_lookup(mapping, index);
	if (folio) {
		if (fgp_flags & FGP_LOCK) {
			if (fgp_flags & FGP_NOWAIT) {
				if (!folio_trylock(folio)) {
					folio_put(folio);
					return NULL;
				}
			} else {
				folio_lock(folio);
			}
			/* Truncated while we waited for the lock? */
			if (unlikely(folio->mapping != mapping)) {
				folio_unlock(folio);
				folio_put(folio);
				goto repeat;
			}
			VM_BUG_ON_FOLIO(folio->index != index, folio);
		}
		if (fgp_flags & FGP_ACCESSED)
			folio_mark_accessed(folio);
		if (fgp_flags & FGP_STABLE)
			folio_wait_stable(folio);
		return folio;
	}
	if (!(fgp_flags & FGP_CREAT))
		return NULL;

	if ((fgp_flags & FGP_WRITE) && mapping_can_writeback(mapping))
		gfp |= __GFP_WRITE;
	if (fgp_flags & FGP_NOFS)
		gfp &= ~__GFP_FS;
	if (fgp_flags & FGP_NOWAIT) {
		gfp &= ~GFP_KERNEL;
		gfp |= GFP_NOWAIT | __GFP_NOWARN;
	}
	/* A created folio comes back locked unless it is for mmap. */
	if (WARN_ON_ONCE(!(fgp_flags & (FGP_LOCK | FGP_FOR_MMAP))))
		fgp_flags |= FGP_LOCK;

	folio = filemap_alloc_folio(gfp, 0);
	if (!folio)
		return NULL;
	if (fgp_flags & FGP_ACCESSED)
		__folio_set_referenced(folio);
	err = filemap_add_folio(mapping, folio, index, gfp);
	if (unlikely(err)) {
		folio_put(folio);
		if (err == -EEXIST)
			goto repeat;
		return NULL;
	}
	if (fgp_flags & FGP_FOR_MMAP)
		folio_unlock(folio);
	return folio;
}
EXPORT_SYMBOL(__filemap_get_folio);

struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index,
				int fgp_flags, gfp_t gfp)
{
	struct folio *folio = __filemap_get_folio(mapping, index, fgp_flags, gfp);

	return folio ? folio_file_page(folio, index) : NULL;
}
EXPORT_SYMBOL(pagecache_get_page);

struct page *grab_cache_page_write_begin(struct address_space *mapping, pgoff_t index)
{
	return pagecache_get_page(mapping, index,
				  FGP_LOCK | FGP_WRITE | FGP_CREAT | FGP_STABLE,
				  mapping_gfp_mask(mapping));
}
EXPORT_SYMBOL(grab_cache_page_write_begin);

/*
 * Collects referenced folios present in [*start, end] (carrying tag, when
 * tag is a mark; contiguous from *start when contig) into out[0..max).
 * *start moves past the last folio taken, or past end when the range ran
 * out (contig: stays after the last folio taken at a gap).
 */
static unsigned int gather_folios(struct address_space *mapping, pgoff_t *start,
				  pgoff_t end, xa_mark_t tag, bool contig,
				  struct folio **out, unsigned int max)
{
	unsigned long index = *start;
	unsigned int n = 0;
	struct folio *folio;

	if (!max || *start > end)
		return 0;
	xa_lock(&mapping->i_pages);
	for (folio = xa_find(&mapping->i_pages, &index, end, tag); folio;
	     folio = xa_find_after(&mapping->i_pages, &index, end, tag)) {
		if (contig && index != *start + n)
			break;
		if (xa_is_value(folio) || !folio_try_get(folio))
			continue;
		out[n++] = folio;
		if (n == max) {
			*start = index + 1;
			goto out;
		}
	}
	if (contig && folio) {
		if (n)
			*start = out[n - 1]->index + 1;
	} else {
		*start = end == (pgoff_t)-1 ? (pgoff_t)-1 : end + 1;
	}
out:
	xa_unlock(&mapping->i_pages);
	return n;
}

unsigned filemap_get_folios(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			    struct folio_batch *fbatch)
{
	unsigned int n = gather_folios(mapping, start, end, XA_PRESENT, false,
				       &fbatch->folios[fbatch->nr], fbatch_space(fbatch));

	fbatch->nr += n;
	return folio_batch_count(fbatch);
}
EXPORT_SYMBOL(filemap_get_folios);

unsigned filemap_get_folios_contig(struct address_space *mapping, pgoff_t *start,
				   pgoff_t end, struct folio_batch *fbatch)
{
	unsigned int n = gather_folios(mapping, start, end, XA_PRESENT, true,
				       &fbatch->folios[fbatch->nr], fbatch_space(fbatch));

	fbatch->nr += n;
	return folio_batch_count(fbatch);
}
EXPORT_SYMBOL(filemap_get_folios_contig);

unsigned filemap_get_folios_tag(struct address_space *mapping, pgoff_t *start,
				pgoff_t end, xa_mark_t tag, struct folio_batch *fbatch)
{
	unsigned int n = gather_folios(mapping, start, end, tag, false,
				       &fbatch->folios[fbatch->nr], fbatch_space(fbatch));

	fbatch->nr += n;
	return folio_batch_count(fbatch);
}
EXPORT_SYMBOL(filemap_get_folios_tag);

unsigned find_get_pages_range_tag(struct address_space *mapping, pgoff_t *index,
				  pgoff_t end, xa_mark_t tag, unsigned int nr_pages,
				  struct page **pages)
{
	/* A folio is its page: the page array can hold the folio pointers. */
	return gather_folios(mapping, index, end, tag, false, (struct folio **)pages,
			     nr_pages);
}
EXPORT_SYMBOL(find_get_pages_range_tag);

unsigned pagevec_lookup_range_tag(struct pagevec *pvec, struct address_space *mapping,
				  pgoff_t *index, pgoff_t end, xa_mark_t tag)
{
	pvec->nr = find_get_pages_range_tag(mapping, index, end, tag, PAGEVEC_SIZE,
					    pvec->pages);
	return pagevec_count(pvec);
}
EXPORT_SYMBOL(pagevec_lookup_range_tag);

void __pagevec_release(struct pagevec *pvec)
{
	unsigned int i;

	for (i = 0; i < pagevec_count(pvec); i++)
		put_page(pvec->pages[i]);
	pagevec_reinit(pvec);
}
EXPORT_SYMBOL(__pagevec_release);

/* The first index in [index, index + max_scan) with no folio (or past the range). */
pgoff_t page_cache_next_miss(struct address_space *mapping, pgoff_t index,
			     unsigned long max_scan)
{
	while (max_scan--) {
		if (!xa_load(&mapping->i_pages, index))
			break;
		index++;
		if (index == 0)
			break;
	}
	return index;
}
EXPORT_SYMBOL(page_cache_next_miss);

pgoff_t page_cache_prev_miss(struct address_space *mapping, pgoff_t index,
			     unsigned long max_scan)
{
	while (max_scan--) {
		if (!xa_load(&mapping->i_pages, index))
			break;
		index--;
		if (index == ULONG_MAX)
			break;
	}
	return index;
}
EXPORT_SYMBOL(page_cache_prev_miss);

bool filemap_range_has_page(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte)
{
	unsigned long index = start_byte >> PAGE_SHIFT;
	void *entry;

	if (end_byte < start_byte)
		return false;
	entry = xa_find(&mapping->i_pages, &index, end_byte >> PAGE_SHIFT, XA_PRESENT);
	return entry && !xa_is_value(entry);
}
EXPORT_SYMBOL(filemap_range_has_page);

/* Whether any folio of the range is dirty, locked or under writeback. */
bool filemap_range_has_writeback(struct address_space *mapping, loff_t start_byte,
				 loff_t end_byte)
{
	pgoff_t index = start_byte >> PAGE_SHIFT;
	pgoff_t end = end_byte >> PAGE_SHIFT;
	struct folio *batch[PAGEVEC_SIZE];
	bool found = false;
	unsigned int n, i;

	if (end_byte < start_byte)
		return false;
	do {
		n = gather_folios(mapping, &index, end, XA_PRESENT, false, batch,
				  ARRAY_SIZE(batch));
		for (i = 0; i < n; i++) {
			if (folio_test_dirty(batch[i]) || folio_test_locked(batch[i]) ||
			    folio_test_writeback(batch[i]))
				found = true;
			folio_put(batch[i]);
		}
	} while (n && !found && index <= end && index);
	return found;
}
EXPORT_SYMBOL_GPL(filemap_range_has_writeback);

/* ============================================================ waiting */

void __folio_lock(struct folio *folio)
{
	wait_on_bit_lock(&folio->flags, PG_locked, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(__folio_lock);

int __folio_lock_killable(struct folio *folio)
{
	return wait_on_bit_lock(&folio->flags, PG_locked, TASK_KILLABLE) ? -EINTR : 0;
}
EXPORT_SYMBOL_GPL(__folio_lock_killable);

void folio_unlock(struct folio *folio)
{
	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	clear_bit_unlock(PG_locked, &folio->flags);
	smp_mb__after_atomic();
	wake_up_bit(&folio->flags, PG_locked);
}
EXPORT_SYMBOL(folio_unlock);

void unlock_page(struct page *page)
{
	folio_unlock(page_folio(page));
}
EXPORT_SYMBOL(unlock_page);

void folio_wait_bit(struct folio *folio, int bit_nr)
{
	wait_on_bit(&folio->flags, bit_nr, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(folio_wait_bit);

int folio_wait_bit_killable(struct folio *folio, int bit_nr)
{
	return wait_on_bit(&folio->flags, bit_nr, TASK_KILLABLE) ? -EINTR : 0;
}
EXPORT_SYMBOL(folio_wait_bit_killable);

/* Waits until no writeback is in flight on the folio (any lock state). */
void folio_wait_writeback(struct folio *folio)
{
	while (folio_test_writeback(folio))
		folio_wait_bit(folio, PG_writeback);
}
EXPORT_SYMBOL_GPL(folio_wait_writeback);

int folio_wait_writeback_killable(struct folio *folio)
{
	while (folio_test_writeback(folio)) {
		if (folio_wait_bit_killable(folio, PG_writeback))
			return -EINTR;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(folio_wait_writeback_killable);

void wait_on_page_writeback(struct page *page)
{
	folio_wait_writeback(page_folio(page));
}
EXPORT_SYMBOL_GPL(wait_on_page_writeback);

/* Stable pages: writers wait for writeback when the device needs it. */
void folio_wait_stable(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	if (mapping && mapping_stable_writes(mapping))
		folio_wait_writeback(folio);
}
EXPORT_SYMBOL_GPL(folio_wait_stable);

void wait_for_stable_page(struct page *page)
{
	folio_wait_stable(page_folio(page));
}
EXPORT_SYMBOL_GPL(wait_for_stable_page);

/* PG_private_2 (fscache) is never set in kfs. */
void folio_end_private_2(struct folio *folio)
{
	VM_BUG_ON_FOLIO(!folio_test_private_2(folio), folio);
	clear_bit_unlock(PG_private_2, &folio->flags);
	smp_mb__after_atomic();
	wake_up_bit(&folio->flags, PG_private_2);
	folio_put(folio);
}
EXPORT_SYMBOL(folio_end_private_2);

void folio_wait_private_2(struct folio *folio)
{
	while (folio_test_private_2(folio))
		folio_wait_bit(folio, PG_private_2);
}
EXPORT_SYMBOL(folio_wait_private_2);

int folio_wait_private_2_killable(struct folio *folio)
{
	while (folio_test_private_2(folio)) {
		if (folio_wait_bit_killable(folio, PG_private_2))
			return -EINTR;
	}
	return 0;
}
EXPORT_SYMBOL(folio_wait_private_2_killable);

/* Ends the I/O of a page read or written through a simple bio path. */
void page_endio(struct page *page, bool is_write, int err)
{
	struct folio *folio = page_folio(page);

	if (!is_write) {
		if (!err)
			folio_mark_uptodate(folio);
		else {
			folio_clear_uptodate(folio);
			folio_set_error(folio);
		}
		folio_unlock(folio);
	} else {
		if (err) {
			struct address_space *mapping;

			folio_set_error(folio);
			mapping = folio_mapping(folio);
			if (mapping)
				mapping_set_error(mapping, err);
		}
		folio_end_writeback(folio);
	}
}
EXPORT_SYMBOL_GPL(page_endio);

/* ======================================================== reading folios */

/*
 * Reads a locked folio in with filler (which unlocks it when the I/O
 * completes) and waits: 0 when it became uptodate, AOP_TRUNCATED_PAGE from
 * the filler, -EINTR for a fatal signal, -EIO otherwise.
 */
int kfs_filemap_read_folio(struct file *file, filler_t filler, struct folio *folio)
{
	int error;

	folio_clear_error(folio);
	error = filler(file, folio);
	if (error)
		return error;
	error = folio_wait_locked_killable(folio);
	if (error)
		return error;
	if (folio_test_uptodate(folio))
		return 0;
	/* Reads fail: read ahead less (shared, unlocked: see readahead.c). */
	if (file)
		WRITE_ONCE(file->f_ra.ra_pages, READ_ONCE(file->f_ra.ra_pages) / 4);
	return -EIO;
}

static struct folio *do_read_cache_folio(struct address_space *mapping, pgoff_t index,
					 filler_t filler, struct file *file, gfp_t gfp)
{
	struct folio *folio;
	int err;

	if (!filler)
		filler = mapping->a_ops->read_folio;
repeat:
	folio = filemap_get_folio(mapping, index);
	if (!folio) {
		folio = filemap_alloc_folio(gfp, 0);
		if (!folio)
			return ERR_PTR(-ENOMEM);
		err = filemap_add_folio(mapping, folio, index, gfp);
		if (unlikely(err)) {
			folio_put(folio);
			if (err == -EEXIST)
				goto repeat;
			return ERR_PTR(err);
		}
		goto fill;
	}
	if (folio_test_uptodate(folio))
		goto out;
	if (!folio_trylock(folio)) {
		folio_wait_locked(folio);
		folio_put(folio);
		goto repeat;
	}
	if (!folio->mapping) {
		/* Truncated while we looked. */
		folio_unlock(folio);
		folio_put(folio);
		goto repeat;
	}
	if (folio_test_uptodate(folio)) {
		/* Somebody filled it just now. */
		folio_unlock(folio);
		goto out;
	}
fill:
	err = kfs_filemap_read_folio(file, filler, folio);
	if (err) {
		folio_put(folio);
		if (err == AOP_TRUNCATED_PAGE)
			goto repeat;
		return ERR_PTR(err);
	}
out:
	folio_mark_accessed(folio);
	return folio;
}

struct folio *read_cache_folio(struct address_space *mapping, pgoff_t index,
			       filler_t *filler, struct file *file)
{
	return do_read_cache_folio(mapping, index, filler, file, mapping_gfp_mask(mapping));
}
EXPORT_SYMBOL(read_cache_folio);

struct folio *mapping_read_folio_gfp(struct address_space *mapping, pgoff_t index,
				     gfp_t gfp)
{
	return do_read_cache_folio(mapping, index, NULL, NULL, gfp);
}
EXPORT_SYMBOL(mapping_read_folio_gfp);

static struct page *folio_to_page_or_err(struct folio *folio, pgoff_t index)
{
	if (IS_ERR(folio))
		return ERR_CAST(folio);
	return folio_file_page(folio, index);
}

struct page *read_cache_page(struct address_space *mapping, pgoff_t index,
			     filler_t *filler, struct file *file)
{
	return folio_to_page_or_err(do_read_cache_folio(mapping, index, filler, file,
							mapping_gfp_mask(mapping)), index);
}
EXPORT_SYMBOL(read_cache_page);

struct page *read_cache_page_gfp(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	return folio_to_page_or_err(do_read_cache_folio(mapping, index, NULL, NULL, gfp),
				    index);
}
EXPORT_SYMBOL(read_cache_page_gfp);

/* ======================================================= buffered read */

/*
 * Referenced folios from index on, contiguous, up to max: the batch stops
 * after a folio that is not uptodate or that carries the readahead mark,
 * so the caller deals with it before going further.
 */
static void read_batch(struct address_space *mapping, pgoff_t index, pgoff_t max,
		       struct folio_batch *fbatch)
{
	unsigned long i = index;
	struct folio *folio;

	xa_lock(&mapping->i_pages);
	for (; i <= max && fbatch_space(fbatch); i++) {
		folio = xa_load(&mapping->i_pages, i);
		if (!folio || xa_is_value(folio) || !folio_try_get(folio))
			break;
		folio_batch_add(fbatch, folio);
		if (!folio_test_uptodate(folio) || folio_test_readahead(folio))
			break;
	}
	xa_unlock(&mapping->i_pages);
}

/* Whether the part of the folio this read needs is valid already. */
static bool range_uptodate(struct address_space *mapping, loff_t pos,
			   struct iov_iter *iter, struct folio *folio)
{
	size_t from, count;

	if (folio_test_uptodate(folio))
		return true;
	if (!mapping->a_ops->is_partially_uptodate)
		return false;
	if (mapping->host->i_blkbits >= folio_shift(folio))
		return false;
	count = iov_iter_count(iter);
	if (folio_pos(folio) > pos) {
		count -= folio_pos(folio) - pos;
		from = 0;
	} else {
		from = pos - folio_pos(folio);
	}
	return mapping->a_ops->is_partially_uptodate(folio, from, count);
}

/*
 * Brings a referenced, not-uptodate folio up to date for a read at
 * iocb->ki_pos.  Returns 0, an error, or AOP_TRUNCATED_PAGE (the folio left
 * the cache; its reference has been dropped and the caller looks again).
 */
static int update_folio(struct kiocb *iocb, struct address_space *mapping,
			struct iov_iter *iter, struct folio *folio)
{
	int error;

	if (iocb->ki_flags & IOCB_NOWAIT) {
		if (!filemap_invalidate_trylock_shared(mapping))
			return -EAGAIN;
	} else {
		filemap_invalidate_lock_shared(mapping);
	}

	if (!folio_trylock(folio)) {
		error = -EAGAIN;
		if (iocb->ki_flags & (IOCB_NOWAIT | IOCB_NOIO))
			goto unlock_mapping;
		/* Somebody is reading it in (or truncating): wait, then look again. */
		filemap_invalidate_unlock_shared(mapping);
		folio_wait_locked(folio);
		folio_put(folio);
		return AOP_TRUNCATED_PAGE;
	}
	if (!folio->mapping) {
		folio_unlock(folio);
		filemap_invalidate_unlock_shared(mapping);
		folio_put(folio);
		return AOP_TRUNCATED_PAGE;
	}
	error = 0;
	if (range_uptodate(mapping, iocb->ki_pos, iter, folio))
		goto unlock;
	error = -EAGAIN;
	if (iocb->ki_flags & (IOCB_NOIO | IOCB_NOWAIT | IOCB_WAITQ))
		goto unlock;
	error = kfs_filemap_read_folio(iocb->ki_filp, mapping->a_ops->read_folio, folio);
	goto unlock_mapping;
unlock:
	folio_unlock(folio);
unlock_mapping:
	filemap_invalidate_unlock_shared(mapping);
	if (error == AOP_TRUNCATED_PAGE)
		folio_put(folio);
	return error;
}

/* Nothing cached at index: create the folio and read it synchronously. */
static int create_folio(struct file *file, struct address_space *mapping, pgoff_t index,
			struct folio_batch *fbatch)
{
	struct folio *folio;
	int error;

	folio = filemap_alloc_folio(mapping_gfp_mask(mapping), 0);
	if (!folio)
		return -ENOMEM;
	/* Holding invalidate_lock keeps hole punching from racing the read. */
	filemap_invalidate_lock_shared(mapping);
	error = filemap_add_folio(mapping, folio, index,
				  mapping_gfp_constraint(mapping, GFP_KERNEL));
	if (error == -EEXIST)
		error = AOP_TRUNCATED_PAGE;
	if (error)
		goto out;
	error = kfs_filemap_read_folio(file, mapping->a_ops->read_folio, folio);
	if (error)
		goto out;
	filemap_invalidate_unlock_shared(mapping);
	folio_batch_add(fbatch, folio);
	return 0;
out:
	filemap_invalidate_unlock_shared(mapping);
	folio_put(folio);
	return error;
}

/*
 * Fills fbatch with referenced folios for the next part of the read,
 * reading ahead or in as needed.  At least one folio on success.
 */
static int get_read_folios(struct kiocb *iocb, struct iov_iter *iter,
			   struct folio_batch *fbatch)
{
	struct file *filp = iocb->ki_filp;
	struct address_space *mapping = filp->f_mapping;
	struct file_ra_state *ra = &filp->f_ra;
	pgoff_t index = iocb->ki_pos >> PAGE_SHIFT;
	pgoff_t last_index = DIV_ROUND_UP(iocb->ki_pos + iov_iter_count(iter), PAGE_SIZE);
	struct folio *folio;
	int err = 0;

retry:
	if (fatal_signal_pending(current))
		return -EINTR;
	read_batch(mapping, index, last_index - 1, fbatch);
	if (!folio_batch_count(fbatch)) {
		if (iocb->ki_flags & IOCB_NOIO)
			return -EAGAIN;
		page_cache_sync_readahead(mapping, ra, filp, index, last_index - index);
		read_batch(mapping, index, last_index - 1, fbatch);
	}
	if (!folio_batch_count(fbatch)) {
		if (iocb->ki_flags & (IOCB_NOWAIT | IOCB_WAITQ))
			return -EAGAIN;
		err = create_folio(filp, mapping, index, fbatch);
		if (err == AOP_TRUNCATED_PAGE)
			goto retry;
		return err;
	}

	folio = fbatch->folios[folio_batch_count(fbatch) - 1];
	if (folio_test_readahead(folio)) {
		if (iocb->ki_flags & IOCB_NOIO) {
			err = -EAGAIN;
			goto drop;
		}
		page_cache_async_readahead(mapping, ra, filp, folio, folio->index,
					   last_index - folio->index);
	}
	if (!folio_test_uptodate(folio)) {
		err = update_folio(iocb, mapping, iter, folio);
		if (err)
			goto drop;
	}
	return 0;
drop:
	/* The last folio is not usable; the ones before it are. */
	if (err < 0)
		folio_put(folio);
	if (likely(--fbatch->nr))
		return 0;
	if (err == AOP_TRUNCATED_PAGE)
		goto retry;
	return err;
}

static inline bool same_folio(loff_t pos1, loff_t pos2, struct folio *folio)
{
	return (pos1 >> PAGE_SHIFT) == (pos2 >> PAGE_SHIFT);
}

/*
 * Buffered read from iocb->ki_pos into iter, through the page cache.
 * Returns the bytes read (plus already_read), or an error if nothing was.
 */
ssize_t filemap_read(struct kiocb *iocb, struct iov_iter *iter, ssize_t already_read)
{
	struct file *filp = iocb->ki_filp;
	struct file_ra_state *ra = &filp->f_ra;
	struct address_space *mapping = filp->f_mapping;
	struct inode *inode = mapping->host;
	struct folio_batch fbatch;
	int i, error = 0;
	bool writably_mapped;
	loff_t isize = 0, end_offset;

	if (unlikely(iocb->ki_pos >= inode->i_sb->s_maxbytes))
		return 0;
	if (unlikely(!iov_iter_count(iter)))
		return 0;
	iov_iter_truncate(iter, inode->i_sb->s_maxbytes);
	folio_batch_init(&fbatch);

	do {
		cond_resched();
		/* An async (IOCB_WAITQ) read returns what it has rather than wait. */
		if ((iocb->ki_flags & IOCB_WAITQ) && already_read)
			break;
		error = get_read_folios(iocb, iter, &fbatch);
		if (error < 0)
			break;

		/*
		 * i_size must be read after the folios are uptodate: a racing
		 * truncate + extend could otherwise expose stale data.
		 */
		isize = i_size_read(inode);
		if (unlikely(iocb->ki_pos >= isize))
			goto put_folios;
		end_offset = min_t(loff_t, isize, iocb->ki_pos + iov_iter_count(iter));

		writably_mapped = mapping_writably_mapped(mapping);
		/* Reading on in the folio of the previous read is not a new access. */
		if (!same_folio(iocb->ki_pos, READ_ONCE(ra->prev_pos) - 1, fbatch.folios[0]))
			folio_mark_accessed(fbatch.folios[0]);

		for (i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];
			size_t fsize = folio_size(folio);
			size_t offset = iocb->ki_pos & (fsize - 1);
			size_t bytes = min_t(loff_t, end_offset - iocb->ki_pos, fsize - offset);
			size_t copied;

			if (end_offset < folio_pos(folio))
				break;
			if (i > 0)
				folio_mark_accessed(folio);
			if (writably_mapped)
				flush_dcache_folio(folio);

			copied = copy_folio_to_iter(folio, offset, bytes, iter);
			already_read += copied;
			iocb->ki_pos += copied;
			WRITE_ONCE(ra->prev_pos, iocb->ki_pos);
			if (copied < bytes) {
				error = -EFAULT;
				break;
			}
		}
put_folios:
		for (i = 0; i < folio_batch_count(&fbatch); i++)
			folio_put(fbatch.folios[i]);
		folio_batch_init(&fbatch);
	} while (iov_iter_count(iter) && iocb->ki_pos < isize && !error);

	file_accessed(filp);
	return already_read ? already_read : error;
}
EXPORT_SYMBOL_GPL(filemap_read);

/*
 * ->read_iter of most filesystems.  O_DIRECT goes to ->direct_IO after
 * writing back the cached range; what it leaves unread (a short direct
 * read not at EOF) is read through the cache.  Takes no lock: the VFS
 * holds none around ->read_iter (../shared/VFS-CONTRACT.md).
 */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	size_t count = iov_iter_count(iter);
	ssize_t retval = 0;

	if (!count)
		return 0;

	if ((iocb->ki_flags & IOCB_DIRECT) && iocb->ki_filp->f_mapping->a_ops->direct_IO) {
		struct file *file = iocb->ki_filp;
		struct address_space *mapping = file->f_mapping;
		struct inode *inode = mapping->host;

		if (iocb->ki_flags & IOCB_NOWAIT) {
			if (filemap_range_needs_writeback(mapping, iocb->ki_pos,
							  iocb->ki_pos + count - 1))
				return -EAGAIN;
		} else {
			retval = filemap_write_and_wait_range(mapping, iocb->ki_pos,
							      iocb->ki_pos + count - 1);
			if (retval < 0)
				return retval;
		}
		file_accessed(file);

		retval = mapping->a_ops->direct_IO(iocb, iter);
		if (retval >= 0) {
			iocb->ki_pos += retval;
			count -= retval;
		}
		if (retval != -EIOCBQUEUED)
			iov_iter_revert(iter, count - iov_iter_count(iter));
		if (retval < 0 || !count || IS_DAX(inode))
			return retval;
		if (iocb->ki_pos >= i_size_read(inode))
			return retval;
	}
	return filemap_read(iocb, iter, retval);
}
EXPORT_SYMBOL(generic_file_read_iter);

/* ====================================================== buffered write */

/*
 * Copies iter into the page cache through ->write_begin/->write_end, one
 * page at a time, throttling on dirty pages after each.  Advances
 * iocb->ki_pos; returns the bytes written or, if none, the error.
 */
ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *i)
{
	struct file *file = iocb->ki_filp;
	struct address_space *mapping = file->f_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	loff_t pos = iocb->ki_pos;
	ssize_t written = 0;
	long status = 0;

	do {
		unsigned long offset = pos & (PAGE_SIZE - 1);
		unsigned long bytes = min_t(unsigned long, PAGE_SIZE - offset,
					    iov_iter_count(i));
		struct page *page;
		void *fsdata = NULL;
		size_t copied;

again:
		/*
		 * The kernel faults the source in first so that copying from
		 * a page of the same file cannot deadlock; kfs memory is all
		 * present, but the check is kept for its -EFAULT.
		 */
		if (unlikely(fault_in_iov_iter_readable(i, bytes) == bytes)) {
			status = -EFAULT;
			break;
		}
		if (fatal_signal_pending(current)) {
			status = -EINTR;
			break;
		}

		status = a_ops->write_begin(file, mapping, pos, bytes, &page, &fsdata);
		if (unlikely(status < 0))
			break;
		if (mapping_writably_mapped(mapping))
			flush_dcache_page(page);

		copied = copy_page_from_iter_atomic(page, offset, bytes, i);
		flush_dcache_page(page);

		status = a_ops->write_end(file, mapping, pos, bytes, copied, page, fsdata);
		if (unlikely(status != copied)) {
			/* Give back what ->write_end did not take. */
			iov_iter_revert(i, copied - max(status, 0L));
			if (unlikely(status < 0))
				break;
		}
		cond_resched();

		if (unlikely(status == 0)) {
			/* A short copy was refused whole: retry with what did copy. */
			if (copied)
				bytes = copied;
			goto again;
		}
		pos += status;
		written += status;

		balance_dirty_pages_ratelimited(mapping);
	} while (iov_iter_count(i));

	if (!written)
		return status;
	iocb->ki_pos += written;
	return written;
}
EXPORT_SYMBOL(generic_perform_write);

/*
 * O_DIRECT write: write back and drop the cached range, let ->direct_IO do
 * the I/O, and drop what may have been read in meanwhile.  Returns the bytes
 * written, 0 when the cache could not be invalidated (the caller falls back
 * to a buffered write), or an error.
 */
ssize_t generic_file_direct_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	loff_t pos = iocb->ki_pos;
	size_t write_len = iov_iter_count(from);
	pgoff_t end = (pos + write_len - 1) >> PAGE_SHIFT;
	ssize_t written;

	if (iocb->ki_flags & IOCB_NOWAIT) {
		if (filemap_range_has_page(mapping, pos, pos + write_len - 1))
			return -EAGAIN;
	} else {
		written = filemap_write_and_wait_range(mapping, pos, pos + write_len - 1);
		if (written)
			return written;
	}

	written = invalidate_inode_pages2_range(mapping, pos >> PAGE_SHIFT, end);
	if (written) {
		if (written == -EBUSY)
			return 0;
		return written;
	}

	written = mapping->a_ops->direct_IO(iocb, from);
	if (written > 0 && READ_ONCE(mapping->nrpages) &&
	    invalidate_inode_pages2_range(mapping, pos >> PAGE_SHIFT, end))
		pr_crit_ratelimited("kfs: page cache invalidation failed after a direct write to %s: data may be stale\n",
				    file->f_path.dentry->d_name.name);

	if (written > 0) {
		pos += written;
		write_len -= written;
		if (pos > i_size_read(inode) && !S_ISBLK(inode->i_mode)) {
			i_size_write(inode, pos);
			mark_inode_dirty(inode);
		}
		iocb->ki_pos = pos;
	}
	if (written != -EIOCBQUEUED)
		iov_iter_revert(from, write_len - iov_iter_count(from));
	return written;
}
EXPORT_SYMBOL(generic_file_direct_write);

/*
 * The part of a direct write that ->direct_IO did not do went through the
 * cache (buffered is its result): write it out and drop it so the file
 * still behaves as O_DIRECT.  Returns the bytes written by both.
 */
static ssize_t direct_then_buffered(struct kiocb *iocb, ssize_t direct, ssize_t buffered)
{
	struct address_space *mapping = iocb->ki_filp->f_mapping;
	loff_t pos = iocb->ki_pos - buffered;
	loff_t end = iocb->ki_pos - 1;
	int err;

	if (buffered < 0)
		return direct ? direct : buffered;
	err = filemap_write_and_wait_range(mapping, pos, end);
	if (err < 0) {
		/* We cannot tell how much reached the disk: report the direct part. */
		iocb->ki_pos -= buffered;
		return direct ? direct : err;
	}
	invalidate_mapping_pages(mapping, pos >> PAGE_SHIFT, end >> PAGE_SHIFT);
	return direct + buffered;
}

/*
 * Writes with i_rwsem held by the caller: strips privileges, updates the
 * times, then does the direct or buffered write.  Does not sync O_SYNC
 * writes (the caller does, outside i_rwsem).
 */
ssize_t __generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	ssize_t ret;

	current->backing_dev_info = inode_to_bdi(inode);
	ret = file_remove_privs(file);
	if (ret)
		goto out;
	ret = file_update_time(file);
	if (ret)
		goto out;

	if ((iocb->ki_flags & IOCB_DIRECT) && mapping->a_ops->direct_IO) {
		ret = generic_file_direct_write(iocb, from);
		if (ret < 0 || !iov_iter_count(from) || IS_DAX(inode))
			goto out;
		ret = direct_then_buffered(iocb, ret, generic_perform_write(iocb, from));
		goto out;
	}
	ret = generic_perform_write(iocb, from);
out:
	current->backing_dev_info = NULL;
	return ret;
}
EXPORT_SYMBOL(__generic_file_write_iter);

/*
 * ->write_iter of most filesystems: takes i_rwsem itself, as the kernel's
 * does (the VFS holds nothing around ->write_iter), checks the write, and
 * syncs afterwards for O_SYNC/O_DSYNC/IOCB_DSYNC.
 */
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = iocb->ki_filp->f_mapping->host;
	ssize_t ret;

	inode_lock(inode);
	ret = generic_write_checks(iocb, from);
	if (ret > 0)
		ret = __generic_file_write_iter(iocb, from);
	inode_unlock(inode);

	if (ret > 0)
		ret = generic_write_sync(iocb, ret);
	return ret;
}
EXPORT_SYMBOL(generic_file_write_iter);

/* ========================================== writing back, waiting, errors */

int filemap_fdatawrite_wbc(struct address_space *mapping, struct writeback_control *wbc)
{
	if (!mapping_can_writeback(mapping) || !mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		return 0;
	wbc_attach_fdatawrite_inode(wbc, mapping->host);
	return do_writepages(mapping, wbc);
}
EXPORT_SYMBOL(filemap_fdatawrite_wbc);

int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       int sync_mode)
{
	struct writeback_control wbc = {
		.sync_mode = sync_mode,
		.nr_to_write = LONG_MAX,
		.range_start = start,
		.range_end = end,
	};

	return filemap_fdatawrite_wbc(mapping, &wbc);
}
EXPORT_SYMBOL(__filemap_fdatawrite_range);

int filemap_fdatawrite(struct address_space *mapping)
{
	return __filemap_fdatawrite_range(mapping, 0, LLONG_MAX, WB_SYNC_ALL);
}
EXPORT_SYMBOL(filemap_fdatawrite);

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	return __filemap_fdatawrite_range(mapping, start, end, WB_SYNC_ALL);
}
EXPORT_SYMBOL(filemap_fdatawrite_range);

/* Starts writeback without waiting for it (WB_SYNC_NONE). */
int filemap_flush(struct address_space *mapping)
{
	return __filemap_fdatawrite_range(mapping, 0, LLONG_MAX, WB_SYNC_NONE);
}
EXPORT_SYMBOL(filemap_flush);

/* Waits for every folio of the range that is under writeback now. */
static void fdatawait_range(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte)
{
	pgoff_t index = start_byte >> PAGE_SHIFT;
	pgoff_t end = end_byte >> PAGE_SHIFT;
	struct folio_batch fbatch;
	unsigned int nr, i;

	if (end_byte < start_byte)
		return;
	folio_batch_init(&fbatch);
	while (index <= end) {
		nr = filemap_get_folios_tag(mapping, &index, end, PAGECACHE_TAG_WRITEBACK,
					    &fbatch);
		if (!nr)
			break;
		for (i = 0; i < nr; i++) {
			folio_wait_writeback(fbatch.folios[i]);
			folio_clear_error(fbatch.folios[i]);
		}
		folio_batch_release(&fbatch);
		cond_resched();
		if (!index)
			break;	/* wrapped past ULONG_MAX */
	}
}

int filemap_check_errors(struct address_space *mapping)
{
	int ret = 0;

	/* Check before test_and_clear: the usual case is no error at all. */
	if (test_bit(AS_ENOSPC, &mapping->flags) &&
	    test_and_clear_bit(AS_ENOSPC, &mapping->flags))
		ret = -ENOSPC;
	if (test_bit(AS_EIO, &mapping->flags) &&
	    test_and_clear_bit(AS_EIO, &mapping->flags))
		ret = -EIO;
	return ret;
}
EXPORT_SYMBOL(filemap_check_errors);

static int filemap_check_and_keep_errors(struct address_space *mapping)
{
	if (test_bit(AS_EIO, &mapping->flags))
		return -EIO;
	if (test_bit(AS_ENOSPC, &mapping->flags))
		return -ENOSPC;
	return 0;
}

int filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte)
{
	fdatawait_range(mapping, start_byte, end_byte);
	return filemap_check_errors(mapping);
}
EXPORT_SYMBOL(filemap_fdatawait_range);

int filemap_fdatawait_range_keep_errors(struct address_space *mapping, loff_t start_byte,
					loff_t end_byte)
{
	fdatawait_range(mapping, start_byte, end_byte);
	return filemap_check_and_keep_errors(mapping);
}
EXPORT_SYMBOL(filemap_fdatawait_range_keep_errors);

int filemap_fdatawait_keep_errors(struct address_space *mapping)
{
	fdatawait_range(mapping, 0, LLONG_MAX);
	return filemap_check_and_keep_errors(mapping);
}
EXPORT_SYMBOL(filemap_fdatawait_keep_errors);

int file_fdatawait_range(struct file *file, loff_t start_byte, loff_t end_byte)
{
	fdatawait_range(file->f_mapping, start_byte, end_byte);
	return file_check_and_advance_wb_err(file);
}
EXPORT_SYMBOL(file_fdatawait_range);

static bool mapping_needs_writeback(struct address_space *mapping)
{
	return READ_ONCE(mapping->nrpages);
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	int err = 0, err2;

	if (lend < lstart)
		return 0;
	if (mapping_needs_writeback(mapping)) {
		err = __filemap_fdatawrite_range(mapping, lstart, lend, WB_SYNC_ALL);
		/* After -EIO the device is gone: waiting would only hang. */
		if (err != -EIO)
			fdatawait_range(mapping, lstart, lend);
	}
	err2 = filemap_check_errors(mapping);
	if (!err)
		err = err2;
	return err;
}
EXPORT_SYMBOL(filemap_write_and_wait_range);

/* For fsync: the errors are reported once per open file (errseq). */
int file_write_and_wait_range(struct file *file, loff_t lstart, loff_t lend)
{
	struct address_space *mapping = file->f_mapping;
	int err = 0, err2;

	if (lend < lstart)
		return 0;
	if (mapping_needs_writeback(mapping)) {
		err = __filemap_fdatawrite_range(mapping, lstart, lend, WB_SYNC_ALL);
		if (err != -EIO)
			fdatawait_range(mapping, lstart, lend);
	}
	err2 = file_check_and_advance_wb_err(file);
	if (!err)
		err = err2;
	return err;
}
EXPORT_SYMBOL(file_write_and_wait_range);

void __filemap_set_wb_err(struct address_space *mapping, int err)
{
	errseq_set(&mapping->wb_err, err);
}
EXPORT_SYMBOL(__filemap_set_wb_err);

/*
 * Reports a writeback error this open file has not seen yet, and moves
 * the file's cursor past it; clears the legacy AS_E* bits, whose errors
 * the errseq now carries.
 */
int file_check_and_advance_wb_err(struct file *file)
{
	struct address_space *mapping = file->f_mapping;
	errseq_t old = READ_ONCE(file->f_wb_err);
	int err = 0;

	if (errseq_check(&mapping->wb_err, old)) {
		spin_lock(&file->f_lock);
		err = errseq_check_and_advance(&mapping->wb_err, &file->f_wb_err);
		spin_unlock(&file->f_lock);
	}
	clear_bit(AS_EIO, &mapping->flags);
	clear_bit(AS_ENOSPC, &mapping->flags);
	return err;
}
EXPORT_SYMBOL(file_check_and_advance_wb_err);

/* Two mappings' invalidate_locks, in address order (no deadlock between pairs). */
void filemap_invalidate_lock_two(struct address_space *mapping1,
				 struct address_space *mapping2)
{
	if (mapping1 > mapping2)
		swap(mapping1, mapping2);
	if (mapping1)
		down_write(&mapping1->invalidate_lock);
	if (mapping2 && mapping1 != mapping2)
		down_write_nested(&mapping2->invalidate_lock, 1);
}
EXPORT_SYMBOL(filemap_invalidate_lock_two);

void filemap_invalidate_unlock_two(struct address_space *mapping1,
				   struct address_space *mapping2)
{
	if (mapping1)
		up_write(&mapping1->invalidate_lock);
	if (mapping2 && mapping1 != mapping2)
		up_write(&mapping2->invalidate_lock);
}
EXPORT_SYMBOL(filemap_invalidate_unlock_two);

/* ================================================================ mmap */

/*
 * FUSE never passes a mapping to the filesystem: the host kernel maps its
 * own page cache and calls read/write.  So no vma ever reaches kfs.
 */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	WARN_ONCE(1, "kfs: mmap is not supported (nothing maps filesystem pages)\n");
	return -ENODEV;
}
EXPORT_SYMBOL(generic_file_mmap);

int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma)
{
	return generic_file_mmap(file, vma);
}
EXPORT_SYMBOL(generic_file_readonly_mmap);

vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	WARN_ONCE(1, "kfs: page fault on a file mapping, which cannot exist\n");
	return VM_FAULT_SIGBUS;
}
EXPORT_SYMBOL(filemap_fault);

vm_fault_t filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff)
{
	WARN_ONCE(1, "kfs: page fault on a file mapping, which cannot exist\n");
	return VM_FAULT_SIGBUS;
}
EXPORT_SYMBOL(filemap_map_pages);

vm_fault_t filemap_page_mkwrite(struct vm_fault *vmf)
{
	WARN_ONCE(1, "kfs: page fault on a file mapping, which cannot exist\n");
	return VM_FAULT_SIGBUS;
}
EXPORT_SYMBOL(filemap_page_mkwrite);
