// SPDX-License-Identifier: GPL-2.0-only
/*
 * Readahead (the role of mm/readahead.c; Documentation/filesystems/vfs.rst,
 * ->readahead and ->read_folio).
 *
 * A readahead request is a run of new, locked folios already in the page
 * cache, handed to ->readahead (or, without one, to ->read_folio one by
 * one).  Each file keeps a window in struct file_ra_state:
 *   start, size   the folios of the last window
 *   async_size    how many at its end were read "ahead": the first of
 *                 them carries PG_readahead, and reaching it starts the
 *                 next window before the reader runs out
 * A read that misses the cache starts a window sized from the request
 * (sequential reads, or reads at the start of the file) or reads only
 * what was asked (random reads).  Each asynchronous step doubles the
 * window up to ra_pages (the bdi's 128 KiB by default).
 */
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/writeback.h>

#include "internal.h"

void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping)
{
	ra->ra_pages = inode_to_bdi(mapping->host)->ra_pages;
	ra->prev_pos = -1;
}
EXPORT_SYMBOL_GPL(file_ra_state_init);

/*
 * A file's readahead state is shared by every reader of the open file and
 * updated without a lock, as in the kernel: concurrent readers may lose
 * each other's updates, which costs a window, never correctness.  Every
 * access is a single READ_ONCE/WRITE_ONCE of one field (the windows below
 * are computed on a copy), so no field is ever torn.
 */
static void ra_load(const struct file_ra_state *ra, struct file_ra_state *st)
{
	st->start = READ_ONCE(ra->start);
	st->size = READ_ONCE(ra->size);
	st->async_size = READ_ONCE(ra->async_size);
	st->ra_pages = READ_ONCE(ra->ra_pages);
	st->prev_pos = READ_ONCE(ra->prev_pos);
}

static void ra_store(struct file_ra_state *ra, const struct file_ra_state *st)
{
	WRITE_ONCE(ra->start, st->start);
	WRITE_ONCE(ra->size, st->size);
	WRITE_ONCE(ra->async_size, st->async_size);
}

/*
 * Submits the folios gathered in ractl and resets it to continue after
 * them.  Folios ->readahead did not take are dropped from the cache (so a
 * later read retries them with ->read_folio), and the window shrinks
 * accordingly.
 */
static void read_pages(struct readahead_control *rac)
{
	const struct address_space_operations *aops = rac->mapping->a_ops;
	struct blk_plug plug;
	struct folio *folio;

	if (!readahead_count(rac))
		return;

	blk_start_plug(&plug);
	if (aops->readahead) {
		aops->readahead(rac);
		while ((folio = readahead_folio(rac)) != NULL) {
			unsigned long nr = folio_nr_pages(folio);

			folio_get(folio);
			if (rac->ra) {
				struct file_ra_state *ra = rac->ra;

				WRITE_ONCE(ra->size, READ_ONCE(ra->size) - nr);
				if (READ_ONCE(ra->async_size) >= nr) {
					WRITE_ONCE(ra->async_size, READ_ONCE(ra->async_size) - nr);
					filemap_remove_folio(folio);
				}
			}
			folio_unlock(folio);
			folio_put(folio);
		}
	} else {
		while ((folio = readahead_folio(rac)) != NULL)
			aops->read_folio(rac->file, folio);
	}
	blk_finish_plug(&plug);

	BUG_ON(readahead_count(rac));
}

/*
 * Reads nr_to_read folios from readahead_index(ractl) on, skipping those
 * already cached, without regard to the file size.  The folio
 * lookahead_size before the end gets PG_readahead.
 */
void page_cache_ra_unbounded(struct readahead_control *ractl, unsigned long nr_to_read,
			     unsigned long lookahead_size)
{
	struct address_space *mapping = ractl->mapping;
	unsigned long index = readahead_index(ractl);
	gfp_t gfp = readahead_gfp_mask(mapping);
	unsigned long i;
	unsigned int nofs;

	/*
	 * The filesystem may hold locks its own writeback needs (it may be
	 * reading its metadata): allocating here must not recurse into it.
	 */
	nofs = memalloc_nofs_save();
	filemap_invalidate_lock_shared(mapping);
	for (i = 0; i < nr_to_read; i++) {
		struct folio *folio = xa_load(&mapping->i_pages, index + i);

		if (folio && !xa_is_value(folio)) {
			/* Already cached: send the run so far, go on after it. */
			read_pages(ractl);
			ractl->_index++;
			i = ractl->_index + ractl->_nr_pages - index - 1;
			continue;
		}
		folio = filemap_alloc_folio(gfp, 0);
		if (!folio)
			break;
		if (filemap_add_folio(mapping, folio, index + i, gfp) < 0) {
			folio_put(folio);
			read_pages(ractl);
			ractl->_index++;
			i = ractl->_index + ractl->_nr_pages - index - 1;
			continue;
		}
		if (i == nr_to_read - lookahead_size)
			folio_set_readahead(folio);
		ractl->_nr_pages++;
	}
	read_pages(ractl);
	filemap_invalidate_unlock_shared(mapping);
	memalloc_nofs_restore(nofs);
}
EXPORT_SYMBOL_GPL(page_cache_ra_unbounded);

/* As page_cache_ra_unbounded, but never past the last folio of the file. */
static void do_page_cache_ra(struct readahead_control *ractl, unsigned long nr_to_read,
			     unsigned long lookahead_size)
{
	struct inode *inode = ractl->mapping->host;
	unsigned long index = readahead_index(ractl);
	loff_t isize = i_size_read(inode);
	pgoff_t end_index;

	if (isize == 0)
		return;
	end_index = (isize - 1) >> PAGE_SHIFT;
	if (index > end_index)
		return;
	if (nr_to_read > end_index - index + 1)
		nr_to_read = end_index - index + 1;
	if (lookahead_size > nr_to_read)
		lookahead_size = nr_to_read;
	page_cache_ra_unbounded(ractl, nr_to_read, lookahead_size);
}

/* Reads exactly what was asked, in chunks, no window logic. */
static void force_page_cache_ra(struct readahead_control *ractl, unsigned long nr_to_read)
{
	struct address_space *mapping = ractl->mapping;
	struct backing_dev_info *bdi = inode_to_bdi(mapping->host);
	unsigned long max_pages, index = readahead_index(ractl);

	if (unlikely(!mapping->a_ops->read_folio && !mapping->a_ops->readahead))
		return;
	max_pages = max_t(unsigned long, bdi->io_pages,
			  ractl->ra ? READ_ONCE(ractl->ra->ra_pages) : bdi->ra_pages);
	max_pages = clamp(max_pages, 1UL, max(1UL, kfs_pagecache_budget() / 4));
	nr_to_read = min_t(unsigned long, nr_to_read, max_pages);
	while (nr_to_read) {
		unsigned long chunk = min_t(unsigned long, nr_to_read,
					    (2UL * 1024 * 1024) / PAGE_SIZE);

		ractl->_index = index;
		do_page_cache_ra(ractl, chunk, 0);
		index += chunk;
		nr_to_read -= chunk;
	}
}

/* First window for a request of size folios: 4x small requests, up to max. */
static unsigned long init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long newsize = roundup_pow_of_two(size);

	if (newsize <= max / 32)
		newsize *= 4;
	else if (newsize <= max / 4)
		newsize *= 2;
	else
		newsize = max;
	return min(newsize, max);
}

/* Each step grows the window: 4x while small, then 2x, up to max. */
static unsigned long next_ra_size(struct file_ra_state *ra, unsigned long max)
{
	unsigned long cur = ra->size;

	if (cur < max / 16)
		return 4 * cur;
	if (cur <= max / 2)
		return 2 * cur;
	return max;
}

/*
 * The largest window for a request of req_count folios: the file's
 * ra_pages, or up to the device's io_pages for a larger request, and never
 * more than a quarter of the page-cache budget (a window is all locked,
 * unevictable folios until it is read).
 */
static unsigned long ra_max_pages(struct readahead_control *ractl, unsigned long req_count)
{
	struct backing_dev_info *bdi = inode_to_bdi(ractl->mapping->host);
	unsigned long max_pages = READ_ONCE(ractl->ra->ra_pages);

	if (req_count > max_pages && bdi->io_pages > max_pages)
		max_pages = min(req_count, bdi->io_pages);
	return clamp(max_pages, 1UL, max(1UL, kfs_pagecache_budget() / 4));
}

static void ra_submit(struct file_ra_state *ra, struct readahead_control *ractl)
{
	ractl->_index = ra->start;
	do_page_cache_ra(ractl, ra->size, ra->async_size);
}

/*
 * A read of req_count folios missed the cache at readahead_index(ractl).
 */
void page_cache_sync_ra(struct readahead_control *ractl, unsigned long req_count)
{
	struct file_ra_state *shared = ractl->ra, st, *ra = &st;
	pgoff_t index = readahead_index(ractl);
	unsigned long max_pages;
	pgoff_t prev_index;

	if (shared)
		ra_load(shared, &st);
	if (!shared || !ra->ra_pages ||
	    (ractl->file && (ractl->file->f_mode & FMODE_RANDOM))) {
		/* Readahead off, or random access declared: read just this. */
		force_page_cache_ra(ractl, req_count);
		return;
	}

	max_pages = ra_max_pages(ractl, req_count);
	prev_index = (unsigned long long)ra->prev_pos >> PAGE_SHIFT;

	if (index == 0 || (ra->prev_pos >= 0 && (index == prev_index ||
						   index == prev_index + 1)) ||
	    (ra->size && index == ra->start + ra->size)) {
		/* Start of file or sequential: open a fresh window. */
		ra->start = index;
		ra->size = init_ra_size(req_count, max_pages);
		ra->async_size = ra->size > req_count ? ra->size - req_count : ra->size;
		ra_store(shared, ra);
		ra_submit(ra, ractl);
		return;
	}

	/* A random read: read what was asked (a window's worth), keep no window. */
	do_page_cache_ra(ractl, min(req_count, max_pages), 0);
}
EXPORT_SYMBOL_GPL(page_cache_sync_ra);

/*
 * A read reached folio, which carries PG_readahead: the reader is
 * consuming the window, so read the next one now.
 */
void page_cache_async_ra(struct readahead_control *ractl, struct folio *folio,
			 unsigned long req_count)
{
	struct file_ra_state *shared = ractl->ra, st, *ra = &st;
	pgoff_t index = readahead_index(ractl);
	unsigned long max_pages;

	if (!shared)
		return;
	ra_load(shared, &st);
	if (!ra->ra_pages)
		return;
	/* Under writeback: it is being written, not read; leave the mark. */
	if (folio_test_writeback(folio))
		return;
	folio_clear_readahead(folio);

	max_pages = ra_max_pages(ractl, req_count);
	if (index == ra->start + ra->size - ra->async_size) {
		/* The mark we set: the next window follows this one. */
		ra->start += ra->size;
		ra->size = next_ra_size(ra, max_pages);
		ra->async_size = ra->size;
	} else {
		/*
		 * The window state belongs to another stream (or was lost):
		 * restart after the folios that are already cached.
		 */
		pgoff_t start = page_cache_next_miss(ractl->mapping, index + 1, max_pages);

		if (!start || start - index > max_pages)
			return;
		ra->start = start;
		ra->size = start - index + req_count;
		ra->size = min_t(unsigned long, next_ra_size(ra, max_pages), max_pages);
		ra->async_size = ra->size;
	}
	ra_store(shared, ra);
	ra_submit(ra, ractl);
}
EXPORT_SYMBOL_GPL(page_cache_async_ra);

/*
 * Grows a ->readahead request (for filesystems whose unit of I/O is larger
 * than what they were asked for) to cover [new_start, new_start + new_len),
 * as far as the folios there can be added.
 */
void readahead_expand(struct readahead_control *ractl, loff_t new_start, size_t new_len)
{
	struct address_space *mapping = ractl->mapping;
	struct file_ra_state *ra = ractl->ra;
	pgoff_t new_index = new_start / PAGE_SIZE, new_nr_pages;
	gfp_t gfp = readahead_gfp_mask(mapping);

	/* Downwards from the start. */
	while (ractl->_index > new_index) {
		unsigned long index = ractl->_index - 1;
		struct folio *folio = xa_load(&mapping->i_pages, index);

		if (folio && !xa_is_value(folio))
			return;
		folio = filemap_alloc_folio(gfp, 0);
		if (!folio)
			return;
		if (filemap_add_folio(mapping, folio, index, gfp) < 0) {
			folio_put(folio);
			return;
		}
		ractl->_nr_pages++;
		ractl->_index = folio->index;
	}

	/* Upwards from the end. */
	new_len += new_start - readahead_pos(ractl);
	new_nr_pages = DIV_ROUND_UP(new_len, PAGE_SIZE);
	while (ractl->_nr_pages < new_nr_pages) {
		unsigned long index = ractl->_index + ractl->_nr_pages;
		struct folio *folio = xa_load(&mapping->i_pages, index);

		if (folio && !xa_is_value(folio))
			return;
		folio = filemap_alloc_folio(gfp, 0);
		if (!folio)
			return;
		if (filemap_add_folio(mapping, folio, index, gfp) < 0) {
			folio_put(folio);
			return;
		}
		ractl->_nr_pages++;
		if (ra) {
			WRITE_ONCE(ra->size, READ_ONCE(ra->size) + 1);
			WRITE_ONCE(ra->async_size, READ_ONCE(ra->async_size) + 1);
		}
	}
}
EXPORT_SYMBOL(readahead_expand);
