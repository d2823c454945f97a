// SPDX-License-Identifier: GPL-2.0-only
/*
 * Multi-page bio I/O for get_block_t filesystems (the role of fs/mpage.c;
 * contract in the kernel-doc of mpage_readahead, mpage_read_folio and
 * mpage_writepages).
 *
 * A folio whose blocks, as get_block maps them, are contiguous on one
 * device goes to disk as one bio segment, and consecutive folios whose
 * blocks follow each other share a bio.  Holes at the end of a folio are
 * zeroed (reads) or left out (writes at EOF).  Anything else -- a folio
 * that already has buffer heads in a state we cannot summarise, blocks out
 * of order, a mapped block after a hole, a get_block error -- is
 * "confused" and goes through the buffer-head path instead
 * (block_read_full_folio, block_write_full_page), which handles every
 * block on its own.
 *
 * Completion: a read bio marks each of its folios uptodate (or not) and
 * unlocks it; a write bio ends writeback on each folio and records an
 * error in the mapping.
 */
#include <linux/mpage.h>
#include <linux/backing-dev.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/writeback.h>

/* At most this many blocks per page: 512-byte blocks in a 4 KiB page. */
#define MAX_BUF_PER_PAGE	(PAGE_SIZE / 512)

static void mpage_read_end_io(struct bio *bio)
{
	int err = blk_status_to_errno(bio->bi_status);
	struct folio_iter fi;

	bio_for_each_folio_all(fi, bio) {
		if (!err) {
			folio_mark_uptodate(fi.folio);
		} else {
			folio_clear_uptodate(fi.folio);
			folio_set_error(fi.folio);
		}
		folio_unlock(fi.folio);
	}
	bio_put(bio);
}

static void mpage_write_end_io(struct bio *bio)
{
	int err = blk_status_to_errno(bio->bi_status);
	struct folio_iter fi;

	bio_for_each_folio_all(fi, bio) {
		if (err) {
			folio_set_error(fi.folio);
			mapping_set_error(fi.folio->mapping, err);
		}
		folio_end_writeback(fi.folio);
	}
	bio_put(bio);
}

/* Sends a bio (trimmed to the device's end) and returns NULL for the caller's pointer. */
static struct bio *mpage_submit(struct bio *bio)
{
	bio->bi_end_io = op_is_write(bio_op(bio)) ? mpage_write_end_io : mpage_read_end_io;
	guard_bio_eod(bio);
	submit_bio(bio);
	return NULL;
}

/* ---------------------------------------------------------------- reads */

struct mpage_read_state {
	struct bio *bio;
	struct folio *folio;
	unsigned int nr_pages;		/* folios left in this request */
	bool is_readahead;
	sector_t last_block_in_bio;	/* device block the bio ends with */
	struct buffer_head map_bh;	/* the last extent get_block gave */
	unsigned long first_logical_block;	/* file block map_bh starts at */
	get_block_t *get_block;
};

/*
 * The folio holds one block and get_block found its data already in the
 * buffer (some filesystems copy inline data there): the folio is done.
 * For anything finer the buffer-head path takes over.
 */
static bool single_block_uptodate(struct folio *folio, struct buffer_head *bh)
{
	struct inode *inode = folio->mapping->host;

	if (inode->i_blkbits == PAGE_SHIFT && !folio_buffers(folio) && buffer_uptodate(bh)) {
		folio_mark_uptodate(folio);
		return true;
	}
	return false;
}

/*
 * Maps the blocks of one locked folio and adds it to the bio being built,
 * or falls back to block_read_full_folio.  Returns the bio in progress.
 */
static struct bio *mpage_read_one(struct mpage_read_state *st)
{
	struct folio *folio = st->folio;
	struct inode *inode = folio->mapping->host;
	const unsigned int blkbits = inode->i_blkbits;
	const unsigned int blocks_per_page = PAGE_SIZE >> blkbits;
	const unsigned int blocksize = 1U << blkbits;
	struct buffer_head *map_bh = &st->map_bh;
	sector_t blocks[MAX_BUF_PER_PAGE];
	sector_t block_in_file, last_block, last_block_in_file;
	unsigned int page_block, first_hole = blocks_per_page;
	struct block_device *bdev = NULL;
	bool fully_mapped = true;
	blk_opf_t opf = REQ_OP_READ;
	gfp_t gfp;
	unsigned int relative;

	if (st->is_readahead) {
		opf |= REQ_RAHEAD;
		gfp = readahead_gfp_mask(folio->mapping);
	} else {
		gfp = mapping_gfp_constraint(folio->mapping, GFP_KERNEL);
	}

	if (folio_buffers(folio))
		goto confused;

	block_in_file = (sector_t)folio->index << (PAGE_SHIFT - blkbits);
	last_block = block_in_file + (sector_t)st->nr_pages * blocks_per_page;
	last_block_in_file = (i_size_read(inode) + blocksize - 1) >> blkbits;
	if (last_block > last_block_in_file)
		last_block = last_block_in_file;
	page_block = 0;

	/* Use what is left of the extent mapped for the previous folio. */
	if (buffer_mapped(map_bh) && block_in_file > st->first_logical_block &&
	    block_in_file < st->first_logical_block + (map_bh->b_size >> blkbits)) {
		unsigned int map_offset = block_in_file - st->first_logical_block;
		unsigned int last = (map_bh->b_size >> blkbits) - map_offset;

		for (relative = 0; ; relative++) {
			if (relative == last) {
				clear_buffer_mapped(map_bh);
				break;
			}
			if (page_block == blocks_per_page)
				break;
			blocks[page_block] = map_bh->b_blocknr + map_offset + relative;
			page_block++;
			block_in_file++;
		}
		bdev = map_bh->b_bdev;
	}

	/* Map the rest of the folio. */
	map_bh->b_page = &folio->page;
	while (page_block < blocks_per_page) {
		map_bh->b_state = 0;
		map_bh->b_size = 0;

		if (block_in_file < last_block) {
			map_bh->b_size = (last_block - block_in_file) << blkbits;
			if (st->get_block(inode, block_in_file, map_bh, 0))
				goto confused;
			st->first_logical_block = block_in_file;
		}

		if (!buffer_mapped(map_bh)) {
			fully_mapped = false;
			if (first_hole == blocks_per_page)
				first_hole = page_block;
			page_block++;
			block_in_file++;
			continue;
		}

		if (buffer_uptodate(map_bh)) {
			if (single_block_uptodate(folio, map_bh))
				goto done;
			goto confused;
		}

		/* A mapped block after a hole cannot be one bio segment. */
		if (first_hole != blocks_per_page)
			goto confused;
		/* Nor blocks that are not consecutive on disk. */
		if (page_block && blocks[page_block - 1] != map_bh->b_blocknr - 1)
			goto confused;

		for (relative = 0; ; relative++) {
			if (relative == (map_bh->b_size >> blkbits)) {
				clear_buffer_mapped(map_bh);
				break;
			}
			if (page_block == blocks_per_page)
				break;
			blocks[page_block] = map_bh->b_blocknr + relative;
			page_block++;
			block_in_file++;
		}
		bdev = map_bh->b_bdev;
	}

	if (first_hole != blocks_per_page) {
		folio_zero_segment(folio, first_hole << blkbits, PAGE_SIZE);
		if (first_hole == 0) {
			/* All hole: nothing to read. */
			folio_mark_uptodate(folio);
			folio_unlock(folio);
			goto out;
		}
	} else if (fully_mapped) {
		folio_set_mappedtodisk(folio);
	}

	/* Not contiguous with the bio so far: send that one first. */
	if (st->bio && (st->last_block_in_bio != blocks[0] - 1 ||
			st->bio->bi_bdev != bdev))
		st->bio = mpage_submit(st->bio);

alloc_new:
	if (!st->bio) {
		st->bio = bio_alloc(bdev, bio_max_segs(st->nr_pages), opf, gfp);
		if (!st->bio)
			goto confused;
		st->bio->bi_iter.bi_sector = blocks[0] << (blkbits - 9);
	}
	if (!bio_add_folio(st->bio, folio, first_hole << blkbits, 0)) {
		st->bio = mpage_submit(st->bio);
		goto alloc_new;
	}

	if (buffer_boundary(map_bh) || first_hole != blocks_per_page)
		st->bio = mpage_submit(st->bio);
	else
		st->last_block_in_bio = blocks[blocks_per_page - 1];
out:
	return st->bio;

confused:
	if (st->bio)
		st->bio = mpage_submit(st->bio);
	if (!folio_test_uptodate(folio))
		block_read_full_folio(folio, st->get_block);
	else
		folio_unlock(folio);
	goto out;
done:
	folio_unlock(folio);
	goto out;
}

/*
 * ->readahead: reads the request's folios in as few bios as their block
 * layout allows.  Each folio is unlocked when its read completes.
 */
void mpage_readahead(struct readahead_control *rac, get_block_t get_block)
{
	struct mpage_read_state st = {
		.get_block = get_block,
		.is_readahead = true,
	};
	struct folio *folio;

	while ((folio = readahead_folio(rac))) {
		st.folio = folio;
		st.nr_pages = readahead_count(rac);
		st.bio = mpage_read_one(&st);
	}
	if (st.bio)
		mpage_submit(st.bio);
}
EXPORT_SYMBOL(mpage_readahead);

/* ->read_folio: one folio, unlocked when the read completes.  Returns 0. */
int mpage_read_folio(struct folio *folio, get_block_t get_block)
{
	struct mpage_read_state st = {
		.folio = folio,
		.nr_pages = 1,
		.get_block = get_block,
	};

	st.bio = mpage_read_one(&st);
	if (st.bio)
		mpage_submit(st.bio);
	return 0;
}
EXPORT_SYMBOL(mpage_read_folio);

/* --------------------------------------------------------------- writes */

struct mpage_write_state {
	struct bio *bio;
	sector_t last_block_in_bio;
	get_block_t *get_block;
};

/* The buffers about to be written through the bio are no longer dirty. */
static void clean_folio_buffers(struct folio *folio, unsigned int first_unmapped)
{
	struct buffer_head *head = folio_buffers(folio), *bh;
	unsigned int i = 0;

	if (!head)
		return;
	bh = head;
	do {
		if (i++ >= first_unmapped)
			break;
		clear_buffer_dirty(bh);
		bh = bh->b_this_page;
	} while (bh != head);
}

/*
 * write_cache_pages callback: maps the locked, dirty-for-io folio to disk
 * (allocating blocks with get_block(create=1) when it has no buffers) and
 * adds it to the bio, or falls back to block_write_full_page.
 */
static int mpage_write_one(struct page *page, struct writeback_control *wbc, void *data)
{
	struct mpage_write_state *st = data;
	struct folio *folio = page_folio(page);
	struct address_space *mapping = folio->mapping;
	struct inode *inode = mapping->host;
	const unsigned int blkbits = inode->i_blkbits;
	const unsigned int blocks_per_page = PAGE_SIZE >> blkbits;
	loff_t i_size = i_size_read(inode);
	sector_t blocks[MAX_BUF_PER_PAGE];
	unsigned int page_block = 0, first_unmapped = blocks_per_page;
	sector_t boundary_block = 0;
	struct block_device *boundary_bdev = NULL;
	struct block_device *bdev = NULL;
	bool boundary = false;
	pgoff_t end_index;
	int ret = 0;

	if (folio_buffers(folio)) {
		struct buffer_head *head = folio_buffers(folio), *bh = head;

		/* Usable only if every mapped buffer is dirty, uptodate, in order. */
		do {
			BUG_ON(buffer_locked(bh));
			if (!buffer_mapped(bh)) {
				/* An unmapped dirty buffer needs block allocation. */
				if (buffer_dirty(bh))
					goto confused;
				if (first_unmapped == blocks_per_page)
					first_unmapped = page_block;
				continue;
			}
			if (first_unmapped != blocks_per_page)
				goto confused;	/* mapped after a hole */
			if (!buffer_dirty(bh) || !buffer_uptodate(bh))
				goto confused;
			if (page_block && bh->b_blocknr != blocks[page_block - 1] + 1)
				goto confused;
			blocks[page_block++] = bh->b_blocknr;
			boundary = buffer_boundary(bh);
			if (boundary) {
				boundary_block = bh->b_blocknr;
				boundary_bdev = bh->b_bdev;
			}
			bdev = bh->b_bdev;
		} while ((bh = bh->b_this_page) != head);

		if (first_unmapped)
			goto page_is_mapped;
		/* Buffers, none mapped (read over a hole): let buffer.c decide. */
		goto confused;
	} else {
		struct buffer_head map_bh;
		sector_t block_in_file, last_block;

		BUG_ON(!folio_test_uptodate(folio));
		block_in_file = (sector_t)folio->index << (PAGE_SHIFT - blkbits);
		/* Wholly beyond EOF: allocating blocks for it would leak them. */
		if (block_in_file >= (i_size + (1 << blkbits) - 1) >> blkbits)
			goto page_is_mapped;
		last_block = (i_size - 1) >> blkbits;
		map_bh.b_page = page;
		while (page_block < blocks_per_page) {
			map_bh.b_state = 0;
			map_bh.b_size = 1 << blkbits;
			if (st->get_block(inode, block_in_file, &map_bh, 1))
				goto confused;
			if (!buffer_mapped(&map_bh))
				goto confused;
			if (buffer_new(&map_bh))
				clean_bdev_bh_alias(&map_bh);
			if (buffer_boundary(&map_bh)) {
				boundary_block = map_bh.b_blocknr;
				boundary_bdev = map_bh.b_bdev;
			}
			if (page_block && map_bh.b_blocknr != blocks[page_block - 1] + 1)
				goto confused;
			blocks[page_block++] = map_bh.b_blocknr;
			boundary = buffer_boundary(&map_bh);
			bdev = map_bh.b_bdev;
			if (block_in_file == last_block)
				break;
			block_in_file++;
		}
		BUG_ON(page_block == 0);
		first_unmapped = page_block;
	}

page_is_mapped:
	end_index = i_size >> PAGE_SHIFT;
	if (folio->index >= end_index) {
		/*
		 * The folio straddles EOF: what lies past it must reach the
		 * disk as zeroes, whatever the folio holds there now.
		 */
		unsigned int offset = i_size & (PAGE_SIZE - 1);

		if (folio->index > end_index || !offset)
			goto confused;
		folio_zero_segment(folio, offset, PAGE_SIZE);
	}

	if (st->bio && (st->last_block_in_bio != blocks[0] - 1 ||
			st->bio->bi_bdev != bdev))
		st->bio = mpage_submit(st->bio);

alloc_new:
	if (!st->bio) {
		st->bio = bio_alloc(bdev, BIO_MAX_VECS, REQ_OP_WRITE | wbc_to_write_flags(wbc),
				    GFP_NOFS);
		st->bio->bi_iter.bi_sector = blocks[0] << (blkbits - 9);
		wbc_init_bio(wbc, st->bio);
	}
	/* Add before cleaning the buffers: the confused path needs them dirty. */
	if (!bio_add_folio(st->bio, folio, first_unmapped << blkbits, 0)) {
		st->bio = mpage_submit(st->bio);
		goto alloc_new;
	}
	clean_folio_buffers(folio, first_unmapped);

	BUG_ON(folio_test_writeback(folio));
	folio_start_writeback(folio);
	folio_unlock(folio);
	if (boundary || first_unmapped != blocks_per_page) {
		st->bio = mpage_submit(st->bio);
		if (boundary_block)
			write_boundary_block(boundary_bdev, boundary_block, 1 << blkbits);
	} else {
		st->last_block_in_bio = blocks[blocks_per_page - 1];
	}
	return 0;

confused:
	if (st->bio)
		st->bio = mpage_submit(st->bio);
	/* The caller holds a reference on the inode: the mapping stays. */
	ret = block_write_full_page(page, st->get_block, wbc);
	mapping_set_error(mapping, ret);
	return ret;
}

/*
 * ->writepages for get_block filesystems: writes the dirty folios that wbc
 * selects, in as few bios as their block layout allows.
 */
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t get_block)
{
	struct mpage_write_state st = { .get_block = get_block };
	struct blk_plug plug;
	int ret;

	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, mpage_write_one, &st);
	if (st.bio)
		mpage_submit(st.bio);
	blk_finish_plug(&plug);
	return ret;
}
EXPORT_SYMBOL(mpage_writepages);
