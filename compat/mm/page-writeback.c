// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dirty and writeback state of page-cache folios, writer throttling, and
 * the page-level writeback loop (the role of mm/page-writeback.c).
 *
 * Contract: Documentation/filesystems/vfs.rst ("struct
 * address_space_operations": ->writepage, ->writepages, ->dirty_folio),
 * locking.rst, and the 6.1 kernel-doc of each function.
 *
 * Dirty accounting: a folio of a mapping whose bdi writes back
 * (BDI_CAP_WRITEBACK) counts in kfs_nr_dirty from the moment PG_dirty is
 * set through the mapping (__folio_mark_dirty) until it is cleaned for I/O
 * (folio_clear_dirty_for_io) or cancelled (truncation); a folio under
 * writeback counts in kfs_nr_writeback.  The xarray carries the matching
 * tags: PAGECACHE_TAG_DIRTY from dirtying until writeback starts,
 * PAGECACHE_TAG_WRITEBACK while it runs, PAGECACHE_TAG_TOWRITE for
 * data-integrity passes (tag_pages_for_writeback), so a WB_SYNC_ALL pass
 * writes exactly what was dirty when it started and cannot be starved by
 * new writes.
 *
 * Throttling: the thresholds are the kernel's ratios (dirty_background_ratio
 * 10%, vm_dirty_ratio 20%) applied to the page-cache budget, which plays the
 * role of dirtyable memory.  Over the background threshold the flushers are
 * kicked; over the hard one a writer sleeps until writeback brings the count
 * back down (or stops making progress, so a device that refuses writes
 * cannot hang writers forever).
 */
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>
#include <kfs/mm.h>

#include "internal.h"

atomic_long_t kfs_nr_dirty = ATOMIC_LONG_INIT(0);
atomic_long_t kfs_nr_writeback = ATOMIC_LONG_INIT(0);
atomic_long_t kfs_nr_cleaned = ATOMIC_LONG_INIT(0);

unsigned int dirty_writeback_interval = 5 * 100;	/* centiseconds */
EXPORT_SYMBOL_GPL(dirty_writeback_interval);
unsigned int dirty_expire_interval = 30 * 100;		/* centiseconds */
unsigned int dirtytime_expire_interval = 12 * 60 * 60;	/* seconds */
int dirty_background_ratio = 10;
int vm_dirty_ratio = 20;
int laptop_mode;
EXPORT_SYMBOL(laptop_mode);

static DECLARE_WAIT_QUEUE_HEAD(dirty_throttle_wait);

void kfs_dirty_thresholds(unsigned long *background, unsigned long *hard)
{
	unsigned long budget = kfs_pagecache_budget();

	*background = budget * READ_ONCE(dirty_background_ratio) / 100;
	*hard = budget * READ_ONCE(vm_dirty_ratio) / 100;
	if (*hard < 4)
		*hard = 4;
	if (*background >= *hard)
		*background = *hard / 2;
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	kfs_dirty_thresholds(pbackground, pdirty);
}
EXPORT_SYMBOL_GPL(global_dirty_limits);

static unsigned long nr_dirty_total(void)
{
	return atomic_long_read(&kfs_nr_dirty) + atomic_long_read(&kfs_nr_writeback);
}

bool wb_over_bg_thresh(struct bdi_writeback *wb)
{
	unsigned long bg, hard;

	kfs_dirty_thresholds(&bg, &hard);
	return atomic_long_read(&kfs_nr_dirty) > bg;
}

void kfs_dirty_progress(void)
{
	atomic_long_inc(&kfs_nr_cleaned);
	if (wq_has_sleeper(&dirty_throttle_wait))
		wake_up_all(&dirty_throttle_wait);
}

void writeback_set_ratelimit(void)
{
}

/*
 * Called after a writer dirtied pages of mapping.  Over the background
 * threshold the flushers start; over the hard threshold the writer waits
 * (killably) for writeback to make room.  BDP_ASYNC: -EAGAIN instead of
 * waiting.
 */
int balance_dirty_pages_ratelimited_flags(struct address_space *mapping, unsigned int flags)
{
	struct backing_dev_info *bdi = inode_to_bdi(mapping->host);
	unsigned long bg, hard;
	int stalls = 0;

	if (!(bdi->capabilities & BDI_CAP_WRITEBACK))
		return 0;
	kfs_dirty_thresholds(&bg, &hard);
	if (nr_dirty_total() <= bg)
		return 0;
	kfs_wb_start_background_all();
	if (nr_dirty_total() <= hard)
		return 0;
	if (flags & BDP_ASYNC)
		return -EAGAIN;
	/* The flusher itself must never wait for the flusher. */
	if (kfs_current_is_flusher() || (current->flags & PF_MEMALLOC))
		return 0;

	while (nr_dirty_total() > hard) {
		long cleaned = atomic_long_read(&kfs_nr_cleaned);

		kfs_wb_start_background_all();
		wait_event_killable_timeout(dirty_throttle_wait,
					    nr_dirty_total() <= hard ||
					    atomic_long_read(&kfs_nr_cleaned) != cleaned,
					    HZ / 10);
		if (fatal_signal_pending(current))
			break;
		/* No page cleaned and none in flight for a while: stop waiting. */
		if (atomic_long_read(&kfs_nr_cleaned) == cleaned &&
		    !atomic_long_read(&kfs_nr_writeback)) {
			if (++stalls >= 10)
				break;
		} else {
			stalls = 0;
		}
	}
	return 0;
}
EXPORT_SYMBOL(balance_dirty_pages_ratelimited_flags);

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	balance_dirty_pages_ratelimited_flags(mapping, 0);
}
EXPORT_SYMBOL(balance_dirty_pages_ratelimited);

/* ============================================================ dirtying */

static void folio_account_dirtied(struct folio *folio, struct address_space *mapping)
{
	struct inode *inode = mapping->host;

	if (mapping_can_writeback(mapping)) {
		struct bdi_writeback *wb = inode_to_wb(inode);

		atomic_long_inc(&kfs_nr_dirty);
		inc_wb_stat(wb, WB_RECLAIMABLE);
		inc_wb_stat(wb, WB_DIRTIED);
	}
}

void folio_account_cleaned(struct folio *folio, struct bdi_writeback *wb)
{
	atomic_long_dec(&kfs_nr_dirty);
	dec_wb_stat(wb, WB_RECLAIMABLE);
	kfs_dirty_progress();
}
EXPORT_SYMBOL(folio_account_cleaned);

/*
 * Accounts a folio whose PG_dirty the caller just set and tags it dirty in
 * the mapping -- unless truncation took it out of the mapping meanwhile.
 * warn: complain about a dirty folio that is not uptodate (only folios
 * without buffers must be wholly valid when dirtied).
 */
void __folio_mark_dirty(struct folio *folio, struct address_space *mapping, int warn)
{
	xa_lock(&mapping->i_pages);
	if (folio->mapping) {
		WARN_ON_ONCE(warn && !folio_test_uptodate(folio));
		folio_account_dirtied(folio, mapping);
		__xa_set_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	}
	xa_unlock(&mapping->i_pages);
}

/*
 * ->dirty_folio for mappings without buffers: sets PG_dirty, accounts and
 * tags the folio, and marks the inode I_DIRTY_PAGES so writeback finds it.
 */
bool filemap_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio_test_set_dirty(folio))
		return false;
	__folio_mark_dirty(folio, mapping, !folio_test_private(folio));
	if (mapping->host)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	return true;
}
EXPORT_SYMBOL(filemap_dirty_folio);

/* ->dirty_folio for mappings that never write back: just the bit. */
bool noop_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (!folio_test_dirty(folio))
		return !folio_test_set_dirty(folio);
	return false;
}
EXPORT_SYMBOL(noop_dirty_folio);

int __set_page_dirty_nobuffers(struct page *page)
{
	return filemap_dirty_folio(page_mapping(page), page_folio(page));
}
EXPORT_SYMBOL(__set_page_dirty_nobuffers);

/*
 * Marks a folio dirty through its mapping's ->dirty_folio (which for
 * buffer-backed mappings also dirties the buffers).  The caller keeps the
 * folio from being truncated away, usually by holding its lock.
 */
bool folio_mark_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	if (likely(mapping)) {
		/* A folio dirtied again is no longer headed for quick reclaim. */
		if (folio_test_reclaim(folio))
			folio_clear_reclaim(folio);
		return mapping->a_ops->dirty_folio(mapping, folio);
	}
	return noop_dirty_folio(mapping, folio);
}
EXPORT_SYMBOL(folio_mark_dirty);

bool set_page_dirty(struct page *page)
{
	return folio_mark_dirty(page_folio(page));
}
EXPORT_SYMBOL(set_page_dirty);

/* For callers that do not hold the page lock: takes it around the dirtying. */
int set_page_dirty_lock(struct page *page)
{
	int ret;

	lock_page(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}
EXPORT_SYMBOL(set_page_dirty_lock);

/*
 * ->writepage could not write the folio (busy, or the fs wants it later):
 * put it back to dirty.  Undoes the "dirtied" statistics the new dirtying
 * adds, since no new data was written.
 */
void folio_account_redirty(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	if (mapping && mapping_can_writeback(mapping)) {
		struct bdi_writeback *wb = inode_to_wb(mapping->host);

		dec_wb_stat(wb, WB_DIRTIED);
	}
}
EXPORT_SYMBOL(folio_account_redirty);

bool folio_redirty_for_writepage(struct writeback_control *wbc, struct folio *folio)
{
	bool ret;

	wbc->pages_skipped += folio_nr_pages(folio);
	ret = filemap_dirty_folio(folio->mapping, folio);
	folio_account_redirty(folio);
	return ret;
}
EXPORT_SYMBOL(folio_redirty_for_writepage);

bool redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	return folio_redirty_for_writepage(wbc, page_folio(page));
}
EXPORT_SYMBOL(redirty_page_for_writepage);

/* Truncation: the folio's data is discarded, it stops counting as dirty. */
void __folio_cancel_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	if (mapping && mapping_can_writeback(mapping)) {
		if (folio_test_clear_dirty(folio))
			folio_account_cleaned(folio, inode_to_wb(mapping->host));
	} else {
		folio_clear_dirty(folio);
	}
}
EXPORT_SYMBOL(__folio_cancel_dirty);

/*
 * Before ->writepage: clears PG_dirty of a locked folio so that a dirtying
 * during the write is noticed, and moves the folio out of the dirty count.
 * The DIRTY tag stays until writeback starts.  Returns whether it was dirty.
 */
bool folio_clear_dirty_for_io(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	if (mapping && mapping_can_writeback(mapping)) {
		if (folio_test_clear_dirty(folio)) {
			folio_account_cleaned(folio, inode_to_wb(mapping->host));
			return true;
		}
		return false;
	}
	return folio_test_clear_dirty(folio);
}
EXPORT_SYMBOL(folio_clear_dirty_for_io);

bool clear_page_dirty_for_io(struct page *page)
{
	return folio_clear_dirty_for_io(page_folio(page));
}
EXPORT_SYMBOL(clear_page_dirty_for_io);

/* ============================================================ writeback */

/*
 * Sets PG_writeback and moves the folio from the DIRTY (and, unless
 * keep_write, TOWRITE) tag to the WRITEBACK tag; the first folio under
 * writeback puts the inode on its super block's s_inodes_wb list, which
 * sync_inodes_sb() waits on.  Returns whether writeback was already set.
 */
bool __folio_start_writeback(struct folio *folio, bool keep_write)
{
	struct address_space *mapping = folio_mapping(folio);
	bool ret;

	if (mapping && mapping_use_writeback_tags(mapping)) {
		struct inode *inode = mapping->host;
		struct backing_dev_info *bdi = inode_to_bdi(inode);

		xa_lock(&mapping->i_pages);
		ret = folio_test_set_writeback(folio);
		if (!ret) {
			bool on_wblist = mapping_tagged(mapping, PAGECACHE_TAG_WRITEBACK);

			__xa_set_mark(&mapping->i_pages, folio->index, PAGECACHE_TAG_WRITEBACK);
			if (bdi->capabilities & BDI_CAP_WRITEBACK_ACCT)
				inc_wb_stat(inode_to_wb(inode), WB_WRITEBACK);
			if (inode && !on_wblist)
				sb_mark_inode_writeback(inode);
		}
		if (!folio_test_dirty(folio))
			__xa_clear_mark(&mapping->i_pages, folio->index, PAGECACHE_TAG_DIRTY);
		if (!keep_write)
			__xa_clear_mark(&mapping->i_pages, folio->index, PAGECACHE_TAG_TOWRITE);
		xa_unlock(&mapping->i_pages);
	} else {
		ret = folio_test_set_writeback(folio);
	}
	if (!ret)
		atomic_long_inc(&kfs_nr_writeback);
	return ret;
}
EXPORT_SYMBOL(__folio_start_writeback);

static bool __folio_end_writeback(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	bool ret;

	if (mapping && mapping_use_writeback_tags(mapping)) {
		struct inode *inode = mapping->host;
		struct backing_dev_info *bdi = inode_to_bdi(inode);

		xa_lock(&mapping->i_pages);
		ret = folio_test_clear_writeback(folio);
		if (ret) {
			__xa_clear_mark(&mapping->i_pages, folio->index, PAGECACHE_TAG_WRITEBACK);
			if (bdi->capabilities & BDI_CAP_WRITEBACK_ACCT) {
				struct bdi_writeback *wb = inode_to_wb(inode);

				dec_wb_stat(wb, WB_WRITEBACK);
				inc_wb_stat(wb, WB_WRITTEN);
			}
			if (inode && !mapping_tagged(mapping, PAGECACHE_TAG_WRITEBACK))
				sb_clear_inode_writeback(inode);
		}
		xa_unlock(&mapping->i_pages);
	} else {
		ret = folio_test_clear_writeback(folio);
	}
	if (ret)
		atomic_long_dec(&kfs_nr_writeback);
	return ret;
}

/*
 * The write of a folio finished (called from I/O completion): clears
 * PG_writeback and wakes whoever waits for it.
 */
void folio_end_writeback(struct folio *folio)
{
	if (folio_test_reclaim(folio))
		folio_clear_reclaim(folio);

	/* The waiters may drop the last reference: keep the folio until we are done. */
	folio_get(folio);
	if (!__folio_end_writeback(folio))
		BUG();
	smp_mb__after_atomic();
	wake_up_bit(&folio->flags, PG_writeback);
	kfs_dirty_progress();
	folio_put(folio);
}
EXPORT_SYMBOL(folio_end_writeback);

void end_page_writeback(struct page *page)
{
	folio_end_writeback(page_folio(page));
}
EXPORT_SYMBOL(end_page_writeback);

/*
 * Tags every DIRTY folio of [start, end] TOWRITE, so a data-integrity pass
 * writes what is dirty now and nothing dirtied after it began.
 */
void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	unsigned long index = start;
	unsigned int tagged = 0;
	void *entry;

	if (start > end)
		return;
	xa_lock(&mapping->i_pages);
	for (entry = xa_find(&mapping->i_pages, &index, end, PAGECACHE_TAG_DIRTY); entry;
	     entry = xa_find_after(&mapping->i_pages, &index, end, PAGECACHE_TAG_DIRTY)) {
		__xa_set_mark(&mapping->i_pages, index, PAGECACHE_TAG_TOWRITE);
		if (++tagged % 1024 == 0) {
			/* Let others at the mapping now and then. */
			xa_unlock(&mapping->i_pages);
			cond_resched();
			xa_lock(&mapping->i_pages);
		}
	}
	xa_unlock(&mapping->i_pages);
}
EXPORT_SYMBOL(tag_pages_for_writeback);

/*
 * Walks the dirty folios of the range wbc describes and hands each, locked
 * and cleaned for I/O, to writepage (which unlocks it).  WB_SYNC_NONE skips
 * folios under writeback and stops at the first error or when nr_to_write
 * runs out; WB_SYNC_ALL waits for writeback in progress, writes everything
 * tagged at the start and returns the first error.  range_cyclic resumes at
 * mapping->writeback_index and wraps.
 */
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data)
{
	struct folio_batch fbatch;
	pgoff_t index, end, done_index;
	bool range_whole = false;
	bool done = false;
	int ret = 0;
	xa_mark_t tag;

	folio_batch_init(&fbatch);
	if (wbc->range_cyclic) {
		index = READ_ONCE(mapping->writeback_index);
		end = (pgoff_t)-1;
	} else {
		index = wbc->range_start >> PAGE_SHIFT;
		end = wbc->range_end >> PAGE_SHIFT;
		if (wbc->range_start == 0 && wbc->range_end == LLONG_MAX)
			range_whole = true;
	}
	if (wbc->sync_mode == WB_SYNC_ALL || wbc->tagged_writepages) {
		tag_pages_for_writeback(mapping, index, end);
		tag = PAGECACHE_TAG_TOWRITE;
	} else {
		tag = PAGECACHE_TAG_DIRTY;
	}
	done_index = index;

	while (!done && index <= end) {
		unsigned int nr, i;

		nr = filemap_get_folios_tag(mapping, &index, end, tag, &fbatch);
		if (!nr)
			break;
		for (i = 0; i < nr; i++) {
			struct folio *folio = fbatch.folios[i];
			int error;

			done_index = folio->index;
			folio_lock(folio);
			/* Truncated, cleaned or being written by somebody else? */
			if (unlikely(folio->mapping != mapping) || !folio_test_dirty(folio))
				goto next_unlock;
			if (folio_test_writeback(folio)) {
				if (wbc->sync_mode == WB_SYNC_NONE)
					goto next_unlock;
				folio_wait_writeback(folio);
			}
			BUG_ON(folio_test_writeback(folio));
			if (!folio_clear_dirty_for_io(folio))
				goto next_unlock;

			error = writepage(&folio->page, wbc, data);
			if (unlikely(error)) {
				if (error == AOP_WRITEPAGE_ACTIVATE) {
					/* Kept dirty and locked on purpose. */
					folio_unlock(folio);
					error = 0;
				} else if (wbc->sync_mode != WB_SYNC_ALL) {
					ret = error;
					done_index = folio->index + folio_nr_pages(folio);
					done = true;
					break;
				}
				if (!ret)
					ret = error;
			}
			wbc->nr_to_write -= folio_nr_pages(folio);
			if (wbc->nr_to_write <= 0 && wbc->sync_mode == WB_SYNC_NONE) {
				done = true;
				break;
			}
			continue;
next_unlock:
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		cond_resched();
		if (!index)
			break;	/* the range ran up to ULONG_MAX */
	}

	/* A cyclic pass that got through everything starts at 0 next time. */
	if (wbc->range_cyclic && !done)
		done_index = 0;
	if (wbc->range_cyclic || (range_whole && wbc->nr_to_write > 0))
		WRITE_ONCE(mapping->writeback_index, done_index);
	return ret;
}
EXPORT_SYMBOL(write_cache_pages);

static int call_writepage(struct page *page, struct writeback_control *wbc, void *data)
{
	struct address_space *mapping = data;
	int ret = mapping->a_ops->writepage(page, wbc);

	mapping_set_error(mapping, ret);
	return ret;
}

/*
 * Writes a mapping through its ->writepage, one folio at a time: what
 * filesystems without ->writepages get (minix, ERRATA.md).
 */
int generic_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct blk_plug plug;
	int ret;

	if (!mapping->a_ops->writepage)
		return 0;
	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, call_writepage, mapping);
	blk_finish_plug(&plug);
	return ret;
}
EXPORT_SYMBOL(generic_writepages);

/*
 * Writes dirty folios of mapping as wbc says: ->writepages, else the
 * ->writepage loop.  A data-integrity pass retries after -ENOMEM.
 */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	int ret;

	if (wbc->nr_to_write <= 0)
		return 0;
	for (;;) {
		if (mapping->a_ops->writepages)
			ret = mapping->a_ops->writepages(mapping, wbc);
		else if (mapping->a_ops->writepage)
			ret = generic_writepages(mapping, wbc);
		else
			ret = 0;	/* nothing to write back (special files) */
		if (ret != -ENOMEM || wbc->sync_mode != WB_SYNC_ALL)
			break;
		/* Memory will come back once other writeback completes. */
		cond_resched();
		schedule_timeout_uninterruptible(HZ / 50);
	}
	return ret;
}
EXPORT_SYMBOL(do_writepages);

/*
 * Writes one locked folio and waits for it (WB_SYNC_ALL).  The folio is
 * unlocked on return.  Returns the write's error or the mapping's.
 */
int folio_write_one(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;
	int ret = 0;
	struct writeback_control wbc = {
		.sync_mode = WB_SYNC_ALL,
		.nr_to_write = folio_nr_pages(folio),
	};

	BUG_ON(!folio_test_locked(folio));
	folio_wait_writeback(folio);

	if (folio_clear_dirty_for_io(folio)) {
		folio_get(folio);
		ret = mapping->a_ops->writepage(&folio->page, &wbc);
		if (ret == 0)
			folio_wait_writeback(folio);
		folio_put(folio);
	} else {
		folio_unlock(folio);
	}
	if (!ret)
		ret = filemap_check_errors(mapping);
	return ret;
}
EXPORT_SYMBOL(folio_write_one);
