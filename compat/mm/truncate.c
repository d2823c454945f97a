// SPDX-License-Identifier: GPL-2.0-only
/*
 * Truncation and invalidation of the page cache (the role of
 * mm/truncate.c): dropping the folios of a byte range, zeroing the parts
 * of the folios that straddle its ends, and telling the filesystem through
 * ->invalidate_folio so it can drop its buffers for that part
 * (Documentation/filesystems/vfs.rst, ->invalidate_folio;
 * locking.rst: truncation holds the folio lock).
 *
 * Truncation discards data, dirty or not: it waits for writeback in
 * flight but never starts any.  Invalidation (invalidate_mapping_pages,
 * invalidate_inode_pages2) only drops what it may: clean folios, and for
 * the "2" variant dirty ones the filesystem can launder first.
 */
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pagevec.h>
#include <linux/sched.h>

#include "internal.h"

/*
 * Tells the filesystem that [offset, offset + length) of the folio is
 * going away (its buffers there can go; all of them when it is the whole
 * folio).  The folio is locked.
 */
void folio_invalidate(struct folio *folio, size_t offset, size_t length)
{
	const struct address_space_operations *aops = folio->mapping->a_ops;

	if (aops->invalidate_folio)
		aops->invalidate_folio(folio, offset, length);
}
EXPORT_SYMBOL_GPL(folio_invalidate);

/* Before a locked folio leaves the cache by truncation. */
static void truncate_cleanup_folio(struct folio *folio)
{
	if (folio_has_private(folio))
		folio_invalidate(folio, 0, folio_size(folio));
	folio_cancel_dirty(folio);
	folio_clear_mappedtodisk(folio);
}

static int truncate_inode_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio->mapping != mapping)
		return -EIO;
	truncate_cleanup_folio(folio);
	filemap_remove_folio(folio);
	return 0;
}

/*
 * The part of a locked folio inside [start, end] (bytes, end inclusive,
 * -1 for "to the end") is going away: zero it and invalidate it; the whole
 * folio leaves the cache if the range covers it.
 */
static void truncate_partial_folio(struct folio *folio, loff_t start, loff_t end)
{
	loff_t pos = folio_pos(folio);
	size_t offset = pos < start ? start - pos : 0;
	size_t length = folio_size(folio);

	if (pos + length <= (u64)end)
		length -= offset;
	else
		length = end + 1 - pos - offset;

	folio_wait_writeback(folio);
	if (length == folio_size(folio)) {
		truncate_inode_folio(folio->mapping, folio);
		return;
	}
	folio_zero_range(folio, offset, length);
	if (folio_has_private(folio))
		folio_invalidate(folio, offset, length);
}

/* Locks the folio at index if it is (still) in mapping; NULL if not. */
static struct folio *lock_folio_at(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio = filemap_lock_folio(mapping, index);

	return folio;
}

/*
 * Drops the page cache of [lstart, lend] (bytes; lend inclusive, -1 for
 * the end of the file).  Folios wholly inside go; the folios holding lstart
 * and lend, when the range only partly covers them, have that part zeroed
 * and invalidated.  Waits for writeback of the folios it touches.  The
 * caller keeps new folios from appearing in the range (i_rwsem, and
 * invalidate_lock for filesystems that use it).
 */
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	pgoff_t start, last;
	struct folio_batch fbatch;
	bool whole = true;

	if (mapping_empty(mapping))
		return;

	/* Whole folios: [start, last]. */
	start = (lstart + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (lend == -1) {
		last = (pgoff_t)-1;
	} else if (((lend + 1) >> PAGE_SHIFT) == 0) {
		whole = false;
		last = 0;
	} else {
		last = ((lend + 1) >> PAGE_SHIFT) - 1;
	}
	if (start > last)
		whole = false;

	/* The partly covered folios at either end. */
	if (lstart & (PAGE_SIZE - 1)) {
		struct folio *folio = lock_folio_at(mapping, lstart >> PAGE_SHIFT);

		if (folio) {
			truncate_partial_folio(folio, lstart, lend);
			folio_unlock(folio);
			folio_put(folio);
		}
	}
	if (lend != -1 && ((lend + 1) & (PAGE_SIZE - 1)) &&
	    (lend >> PAGE_SHIFT) != (lstart >> PAGE_SHIFT)) {
		struct folio *folio = lock_folio_at(mapping, lend >> PAGE_SHIFT);

		if (folio) {
			truncate_partial_folio(folio, lstart, lend);
			folio_unlock(folio);
			folio_put(folio);
		}
	}

	if (!whole)
		return;
	folio_batch_init(&fbatch);
	/* Repeat until a pass finds nothing: folios may be added behind us. */
	for (;;) {
		pgoff_t index = start;
		unsigned int nr, i, found = 0;

		while (index <= last) {
			nr = filemap_get_folios(mapping, &index, last, &fbatch);
			if (!nr)
				break;
			found += nr;
			for (i = 0; i < nr; i++) {
				struct folio *folio = fbatch.folios[i];

				folio_lock(folio);
				if (folio->mapping == mapping) {
					folio_wait_writeback(folio);
					truncate_inode_folio(mapping, folio);
				}
				folio_unlock(folio);
			}
			folio_batch_release(&fbatch);
			cond_resched();
			if (!index)
				break;
		}
		if (!found)
			break;
	}
}
EXPORT_SYMBOL(truncate_inode_pages_range);

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	truncate_inode_pages_range(mapping, lstart, (loff_t)-1);
}
EXPORT_SYMBOL(truncate_inode_pages);

/*
 * Called by ->evict_inode: the inode is going away, drop all its folios.
 * The xa_lock is cycled even for an empty mapping, so an eviction that
 * removed the last folio has left the lock before the inode is freed.
 */
void truncate_inode_pages_final(struct address_space *mapping)
{
	mapping_set_exiting(mapping);
	xa_lock(&mapping->i_pages);
	xa_unlock(&mapping->i_pages);
	truncate_inode_pages(mapping, 0);
}
EXPORT_SYMBOL(truncate_inode_pages_final);

/* After i_size shrank to newsize: drop the cache beyond it. */
void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = round_up(newsize, PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin, 0, 1);
	truncate_inode_pages(mapping, newsize);
}
EXPORT_SYMBOL(truncate_pagecache);

/*
 * The usual ->setattr step for a size change: i_size first (so nothing
 * new is read in past it), then the cache.  Called with i_rwsem held.
 */
void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	i_size_write(inode, newsize);
	if (newsize > oldsize)
		pagecache_isize_extended(inode, oldsize, newsize);
	truncate_pagecache(inode, newsize);
}
EXPORT_SYMBOL(truncate_setsize);

/*
 * The size grew from `from` to `to`.  The kernel write-protects the folio
 * straddling the old EOF when it is mapped, so that a store through the
 * mapping into the newly valid part calls ->page_mkwrite to allocate
 * blocks.  Nothing is ever mapped in kfs, and writes always go through
 * ->write_begin, so there is nothing to do.
 */
void pagecache_isize_extended(struct inode *inode, loff_t from, loff_t to)
{
	WARN_ON(to > inode->i_size);
}
EXPORT_SYMBOL(pagecache_isize_extended);

/* Hole punching: drop the cache of [lstart, lend] (inclusive). */
void truncate_pagecache_range(struct inode *inode, loff_t lstart, loff_t lend)
{
	struct address_space *mapping = inode->i_mapping;

	unmap_mapping_range(mapping, round_up(lstart, PAGE_SIZE),
			    1 + lend - round_up(lstart, PAGE_SIZE), 0);
	truncate_inode_pages_range(mapping, lstart, lend);
}
EXPORT_SYMBOL(truncate_pagecache_range);

/*
 * Drops the clean, unlocked, unused folios of [start, end] (indices,
 * inclusive); keeps dirty, locked, under-writeback and busy ones.
 * Returns how many were dropped.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start,
				       pgoff_t end)
{
	struct folio_batch fbatch;
	unsigned long count = 0;
	pgoff_t index = start;
	unsigned int nr, i;

	folio_batch_init(&fbatch);
	while (index <= end) {
		nr = filemap_get_folios(mapping, &index, end, &fbatch);
		if (!nr)
			break;
		for (i = 0; i < nr; i++) {
			struct folio *folio = fbatch.folios[i];

			if (!folio_trylock(folio))
				continue;
			if (folio->mapping == mapping &&
			    kfs_evict_locked_folio(mapping, folio, 0))
				count++;
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		cond_resched();
		if (!index)
			break;
	}
	return count;
}
EXPORT_SYMBOL(invalidate_mapping_pages);

/* Removes a locked folio unless it is dirty; others may still hold references. */
static bool invalidate_complete_folio2(struct address_space *mapping, struct folio *folio)
{
	if (folio->mapping != mapping)
		return false;
	if (folio_has_private(folio) && !filemap_release_folio(folio, GFP_KERNEL))
		return false;
	if (folio_test_dirty(folio))
		return false;
	BUG_ON(folio_has_private(folio));
	filemap_remove_folio(folio);
	return true;
}

static int launder_folio(struct address_space *mapping, struct folio *folio)
{
	if (!folio_test_dirty(folio))
		return 0;
	if (folio->mapping != mapping || !mapping->a_ops->launder_folio)
		return 0;
	return mapping->a_ops->launder_folio(folio);
}

/*
 * Drops every folio of [start, end] (indices, inclusive), writing dirty
 * ones through ->launder_folio first.  Returns -EBUSY if some folio could
 * not be dropped (dirty without ->launder_folio, buffers in use), else the
 * first laundering error, else 0.  Used around direct I/O.
 */
int invalidate_inode_pages2_range(struct address_space *mapping, pgoff_t start,
				  pgoff_t end)
{
	struct folio_batch fbatch;
	pgoff_t index = start;
	unsigned int nr, i;
	int ret = 0;

	if (mapping_empty(mapping))
		return 0;
	folio_batch_init(&fbatch);
	while (index <= end) {
		nr = filemap_get_folios(mapping, &index, end, &fbatch);
		if (!nr)
			break;
		for (i = 0; i < nr; i++) {
			struct folio *folio = fbatch.folios[i];
			int ret2;

			folio_lock(folio);
			if (folio->mapping != mapping) {
				folio_unlock(folio);
				continue;
			}
			folio_wait_writeback(folio);
			ret2 = launder_folio(mapping, folio);
			if (ret2 == 0 && !invalidate_complete_folio2(mapping, folio))
				ret2 = -EBUSY;
			if (ret2 < 0)
				ret = ret2;
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		cond_resched();
		if (!index)
			break;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(invalidate_inode_pages2_range);

int invalidate_inode_pages2(struct address_space *mapping)
{
	return invalidate_inode_pages2_range(mapping, 0, -1);
}
EXPORT_SYMBOL_GPL(invalidate_inode_pages2);

/* Memory failure handling (->error_remove_page): drop the page. */
int generic_error_remove_page(struct address_space *mapping, struct page *page)
{
	if (!mapping)
		return -EINVAL;
	if (!S_ISREG(mapping->host->i_mode))
		return -EIO;
	return truncate_inode_folio(mapping, page_folio(page));
}
EXPORT_SYMBOL(generic_error_remove_page);
