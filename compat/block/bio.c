// SPDX-License-Identifier: GPL-2.0-only
/*
 * bio allocation, pages, chaining and completion, after the kernel-doc of
 * 6.1's block/bio.c and Documentation/block/biovecs.rst.
 *
 * Allocation: bios come from a bio_set, two mempools -- one of bios with
 * BIO_INLINE_VECS segments inside (and the set's front_pad in front), one of
 * BIO_MAX_VECS segment tables for bigger bios.  An allocation allowed to
 * sleep waits on the pool and so never fails, as the kernel documents for
 * bio_alloc_bioset; GFP_NOWAIT/GFP_ATOMIC ones may fail.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/mempool.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uio.h>

#include "blk.h"

/* Bios a set keeps in reserve; enough for forward progress of one I/O. */
#define BIO_POOL_SIZE	2

struct bio_set fs_bio_set;
EXPORT_SYMBOL(fs_bio_set);

static unsigned int bio_set_bio_size(struct bio_set *bs)
{
	return bs->front_pad + sizeof(struct bio) +
		BIO_INLINE_VECS * sizeof(struct bio_vec);
}

int bioset_init(struct bio_set *bs, unsigned int pool_size,
		unsigned int front_pad, int flags)
{
	int ret;

	memset(bs, 0, sizeof(*bs));
	bs->front_pad = front_pad;
	bs->flags = flags;
	ret = mempool_init_kmalloc_pool(&bs->bio_pool, pool_size,
					bio_set_bio_size(bs));
	if (ret)
		return ret;
	if (flags & BIOSET_NEED_BVECS) {
		ret = mempool_init_kmalloc_pool(&bs->bvec_pool, pool_size,
						BIO_MAX_VECS * sizeof(struct bio_vec));
		if (ret) {
			mempool_exit(&bs->bio_pool);
			return ret;
		}
	}
	bs->initialized = true;
	return 0;
}
EXPORT_SYMBOL(bioset_init);

void bioset_exit(struct bio_set *bs)
{
	if (!bs->initialized)
		return;
	if (bs->flags & BIOSET_NEED_BVECS)
		mempool_exit(&bs->bvec_pool);
	mempool_exit(&bs->bio_pool);
	bs->initialized = false;
}
EXPORT_SYMBOL(bioset_exit);

void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf)
{
	bio->bi_next = NULL;
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_flags = 0;
	bio->bi_ioprio = 0;
	bio->bi_status = BLK_STS_OK;
	atomic_set(&bio->__bi_remaining, 1);
	memset(&bio->bi_iter, 0, sizeof(bio->bi_iter));
	bio->bi_cookie = BLK_QC_T_NONE;
	bio->bi_end_io = NULL;
	bio->bi_private = NULL;
	bio->bi_vcnt = 0;
	bio->bi_max_vecs = max_vecs;
	atomic_set(&bio->__bi_cnt, 1);
	bio->bi_io_vec = table;
	bio->bi_pool = NULL;
}
EXPORT_SYMBOL(bio_init);

/* Nothing is attached to a bio in kfs (no cgroup, integrity, crypto). */
void bio_uninit(struct bio *bio)
{
}
EXPORT_SYMBOL(bio_uninit);

/* Makes a used bio fresh again, keeping its memory and references. */
void bio_reset(struct bio *bio, struct block_device *bdev, blk_opf_t opf)
{
	bio_uninit(bio);
	memset(bio, 0, BIO_RESET_BYTES);
	atomic_set(&bio->__bi_remaining, 1);
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
}
EXPORT_SYMBOL(bio_reset);

struct bio *bio_alloc_bioset(struct block_device *bdev, unsigned short nr_vecs,
			     blk_opf_t opf, gfp_t gfp_mask, struct bio_set *bs)
{
	struct bio_vec *table;
	unsigned short max;
	struct bio *bio;
	void *p;

	if (WARN_ON_ONCE(!bs || !bs->initialized))
		return NULL;
	if (nr_vecs > BIO_MAX_VECS)
		return NULL;
	if (WARN_ON_ONCE(nr_vecs > BIO_INLINE_VECS &&
			 !(bs->flags & BIOSET_NEED_BVECS)))
		return NULL;

	p = mempool_alloc(&bs->bio_pool, gfp_mask);
	if (!p)
		return NULL;
	bio = p + bs->front_pad;
	if (nr_vecs > BIO_INLINE_VECS) {
		table = mempool_alloc(&bs->bvec_pool, gfp_mask);
		if (!table) {
			mempool_free(p, &bs->bio_pool);
			return NULL;
		}
		max = BIO_MAX_VECS;
	} else {
		table = bio->bi_inline_vecs;
		max = BIO_INLINE_VECS;
	}
	bio_init(bio, bdev, table, max, opf);
	bio->bi_pool = bs;
	return bio;
}
EXPORT_SYMBOL(bio_alloc_bioset);

struct bio *bio_kmalloc(unsigned short nr_vecs, gfp_t gfp_mask)
{
	struct bio *bio;

	if (nr_vecs > UIO_MAXIOV)
		return NULL;
	bio = kmalloc(struct_size(bio, bi_inline_vecs, nr_vecs), gfp_mask);
	return bio;
}
EXPORT_SYMBOL(bio_kmalloc);

static void bio_free(struct bio *bio)
{
	struct bio_set *bs = bio->bi_pool;
	void *p = bio;

	/* bio_kmalloc'ed and on-stack bios are their owner's to free. */
	if (WARN_ON_ONCE(!bs))
		return;
	bio_uninit(bio);
	if (bio->bi_io_vec != bio->bi_inline_vecs)
		mempool_free(bio->bi_io_vec, &bs->bvec_pool);
	mempool_free(p - bs->front_pad, &bs->bio_pool);
}

void bio_put(struct bio *bio)
{
	if (bio_flagged(bio, BIO_REFFED)) {
		BUG_ON(!atomic_read(&bio->__bi_cnt));
		if (!atomic_dec_and_test(&bio->__bi_cnt))
			return;
	}
	bio_free(bio);
}
EXPORT_SYMBOL(bio_put);

/* ----------------------------------------------------------------- pages */

void __bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		    unsigned int off)
{
	struct bio_vec *bv;

	WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED));
	WARN_ON_ONCE(bio->bi_vcnt >= bio->bi_max_vecs);
	bv = &bio->bi_io_vec[bio->bi_vcnt];
	bvec_set_page(bv, page, len, off);
	bio->bi_iter.bi_size += len;
	bio->bi_vcnt++;
}
EXPORT_SYMBOL_GPL(__bio_add_page);

/*
 * Adds @len bytes at @off of @page; returns @len, or 0 when the bio is
 * full.  A piece that continues the last segment in the same page extends
 * it instead of taking a new one.
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		 unsigned int off)
{
	if (WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED)))
		return 0;
	/* kfs segments stay inside one page (see <linux/bvec.h>). */
	if (WARN_ON_ONCE(off >= PAGE_SIZE || len > PAGE_SIZE - off))
		return 0;
	if (bio->bi_iter.bi_size > UINT_MAX - len)
		return 0;

	if (bio->bi_vcnt > 0) {
		struct bio_vec *last = &bio->bi_io_vec[bio->bi_vcnt - 1];

		if (last->bv_page == page &&
		    last->bv_offset + last->bv_len == off) {
			last->bv_len += len;
			bio->bi_iter.bi_size += len;
			return len;
		}
	}
	if (bio->bi_vcnt >= bio->bi_max_vecs)
		return 0;
	__bio_add_page(bio, page, len, off);
	return len;
}
EXPORT_SYMBOL(bio_add_page);

bool bio_add_folio(struct bio *bio, struct folio *folio, size_t len,
		   size_t off)
{
	if (len > UINT_MAX || off > UINT_MAX)
		return false;
	return bio_add_page(bio, &folio->page, len, off) > 0;
}
EXPORT_SYMBOL(bio_add_folio);

void __bio_advance(struct bio *bio, unsigned int bytes)
{
	bio_advance_iter(bio, &bio->bi_iter, bytes);
}
EXPORT_SYMBOL(__bio_advance);

void bio_free_pages(struct bio *bio)
{
	struct bvec_iter_all iter_all;
	struct bio_vec *bv;

	bio_for_each_segment_all(bv, bio, iter_all)
		__free_page(bv->bv_page);
}
EXPORT_SYMBOL(bio_free_pages);

void zero_fill_bio(struct bio *bio)
{
	struct bvec_iter iter;
	struct bio_vec bv;

	bio_for_each_segment(bv, bio, iter)
		memzero_bvec(&bv);
}
EXPORT_SYMBOL(zero_fill_bio);

/*
 * Shortens the bio to @new_size bytes.  For a read, the memory past the
 * new end is zeroed, since nothing will be read into it; the bvec table
 * itself is left alone for the owner's completion handler to walk.
 */
void bio_truncate(struct bio *bio, unsigned int new_size)
{
	unsigned int done = 0;
	struct bvec_iter iter;
	struct bio_vec bv;

	if (new_size >= bio->bi_iter.bi_size)
		return;
	if (bio_op(bio) == REQ_OP_READ) {
		bio_for_each_segment(bv, bio, iter) {
			if (done + bv.bv_len > new_size) {
				unsigned int keep = new_size > done ? new_size - done : 0;

				zero_user(bv.bv_page, bv.bv_offset + keep,
					  bv.bv_len - keep);
			}
			done += bv.bv_len;
		}
	}
	bio->bi_iter.bi_size = new_size;
}

/*
 * A bio for the last block of a device whose size is not a multiple of the
 * block size reaches past the end: cut it at the end (buffer heads of the
 * last, partial block are the usual case).
 */
void guard_bio_eod(struct bio *bio)
{
	sector_t maxsector = bdev_nr_sectors(bio->bi_bdev);

	if (!maxsector)
		return;
	/* Starting at or past the end: submission will fail it. */
	if (unlikely(bio->bi_iter.bi_sector >= maxsector))
		return;
	maxsector -= bio->bi_iter.bi_sector;
	if (likely(bio_sectors(bio) <= maxsector))
		return;
	bio_truncate(bio, maxsector << SECTOR_SHIFT);
}

/* ------------------------------------------------------------ completion */

/*
 * A chained bio counts its outstanding children in __bi_remaining; only
 * the last completion gets through.
 */
static bool bio_remaining_done(struct bio *bio)
{
	if (!bio_flagged(bio, BIO_CHAIN))
		return true;
	BUG_ON(atomic_read(&bio->__bi_remaining) <= 0);
	if (atomic_dec_and_test(&bio->__bi_remaining)) {
		bio_clear_flag(bio, BIO_CHAIN);
		return true;
	}
	return false;
}

/* Passes a child's failure to its parent, frees the child, returns parent. */
static struct bio *bio_chain_finish(struct bio *bio)
{
	struct bio *parent = bio->bi_private;

	if (bio->bi_status)
		cmpxchg(&parent->bi_status, BLK_STS_OK, bio->bi_status);
	bio_put(bio);
	return parent;
}

static void bio_chain_endio(struct bio *bio)
{
	bio_endio(bio_chain_finish(bio));
}

/*
 * Ends @bio: runs bi_end_io once every chained child has ended too.
 * Iterative over chains so that long chains do not recurse.
 */
void bio_endio(struct bio *bio)
{
	for (;;) {
		if (!bio_remaining_done(bio))
			return;
		if (bio->bi_end_io != bio_chain_endio)
			break;
		bio = bio_chain_finish(bio);
	}
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}
EXPORT_SYMBOL(bio_endio);

/*
 * Makes @parent's completion wait for @bio's.  @bio must not have an
 * end_io or private data of its own: the chain uses both.
 */
void bio_chain(struct bio *bio, struct bio *parent)
{
	BUG_ON(bio->bi_private || bio->bi_end_io);
	bio->bi_private = parent;
	bio->bi_end_io = bio_chain_endio;
	bio_inc_remaining(parent);
}
EXPORT_SYMBOL(bio_chain);

struct bio *blk_next_bio(struct bio *bio, struct block_device *bdev,
			 unsigned int nr_pages, blk_opf_t opf, gfp_t gfp)
{
	struct bio *new = bio_alloc(bdev, nr_pages, opf, gfp);

	if (bio) {
		bio_chain(bio, new);
		submit_bio(bio);
	}
	return new;
}
EXPORT_SYMBOL_GPL(blk_next_bio);

static void submit_bio_wait_endio(struct bio *bio)
{
	complete(bio->bi_private);
}

/*
 * Submits @bio and sleeps until it completes; returns its status as an
 * errno.  The bio's end_io and private data are taken over.
 */
int submit_bio_wait(struct bio *bio)
{
	DECLARE_COMPLETION_ONSTACK(done);

	bio->bi_private = &done;
	bio->bi_end_io = submit_bio_wait_endio;
	bio->bi_opf |= REQ_SYNC;
	submit_bio(bio);
	/* What waits must not sit in our own plug. */
	blk_flush_plug(current->plug, true);
	wait_for_completion_io(&done);
	return blk_status_to_errno(bio->bi_status);
}
EXPORT_SYMBOL(submit_bio_wait);

int kfs_bio_init(void)
{
	return bioset_init(&fs_bio_set, BIO_POOL_SIZE, 0, BIOSET_NEED_BVECS);
}
