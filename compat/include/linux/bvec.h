/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segments of memory for block I/O (struct bio_vec) and a cursor over an
 * array of them (struct bvec_iter), as described in
 * Documentation/block/biovecs.rst.
 *
 * kfs model: pages are separate allocations (struct page is not an entry of
 * a global mem_map), so a segment never crosses a page boundary:
 * bv_offset + bv_len <= PAGE_SIZE always holds (bio_add_page enforces it).
 * The kernel's "multi-page" bvec helpers (mp_bvec_*) and the single-page
 * ones therefore describe the same segment here; both families exist so
 * that callers written for either compile unchanged.
 */
#ifndef _LINUX_BVEC_H
#define _LINUX_BVEC_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/minmax.h>

struct page;

/* One contiguous piece of a page taking part in an I/O. */
struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

static inline void bvec_set_page(struct bio_vec *bv, struct page *page,
				 unsigned int len, unsigned int offset)
{
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = offset;
}

/*
 * Where an iteration over a bio_vec array stands: the device sector reached,
 * the bytes left, the current segment and how much of it is consumed.
 */
struct bvec_iter {
	sector_t bi_sector;
	unsigned int bi_size;
	unsigned int bi_idx;
	unsigned int bi_bvec_done;
} __packed;

/* State for walking every segment of a bio regardless of bi_iter. */
struct bvec_iter_all {
	struct bio_vec bv;
	int idx;
	unsigned int done;
};

/* The segment the iterator is in, and the remaining piece of it. */
#define __bvec_iter_bvec(bvec, iter)	(&(bvec)[(iter).bi_idx])

#define mp_bvec_iter_page(bvec, iter)	(__bvec_iter_bvec((bvec), (iter))->bv_page)
#define mp_bvec_iter_len(bvec, iter)					\
	min_t(unsigned int, (iter).bi_size,				\
	      __bvec_iter_bvec((bvec), (iter))->bv_len - (iter).bi_bvec_done)
#define mp_bvec_iter_offset(bvec, iter)					\
	(__bvec_iter_bvec((bvec), (iter))->bv_offset + (iter).bi_bvec_done)
#define mp_bvec_iter_page_idx(bvec, iter)	0
#define mp_bvec_iter_bvec(bvec, iter)					\
((struct bio_vec) {							\
	.bv_page = mp_bvec_iter_page((bvec), (iter)),			\
	.bv_len = mp_bvec_iter_len((bvec), (iter)),			\
	.bv_offset = mp_bvec_iter_offset((bvec), (iter)),		\
})

/* Single-page views: identical, since no segment spans two pages here. */
#define bvec_iter_page(bvec, iter)	mp_bvec_iter_page((bvec), (iter))
#define bvec_iter_len(bvec, iter)	mp_bvec_iter_len((bvec), (iter))
#define bvec_iter_offset(bvec, iter)	mp_bvec_iter_offset((bvec), (iter))
#define bvec_iter_bvec(bvec, iter)	mp_bvec_iter_bvec((bvec), (iter))

/*
 * Moves the iterator forward by @bytes.  Returns false (with a warning)
 * when asked to go past the end, leaving the iterator exhausted.
 */
static inline bool bvec_iter_advance(const struct bio_vec *bv,
				     struct bvec_iter *iter, unsigned int bytes)
{
	unsigned int idx = iter->bi_idx;
	unsigned int done;

	if (WARN_ONCE(bytes > iter->bi_size,
		      "attempted to advance past the end of a bvec array\n")) {
		iter->bi_size = 0;
		return false;
	}
	iter->bi_size -= bytes;
	done = iter->bi_bvec_done + bytes;
	/* Whole segments consumed move the index; the rest stays as done. */
	while (done && done >= bv[idx].bv_len) {
		done -= bv[idx].bv_len;
		idx++;
	}
	iter->bi_idx = idx;
	iter->bi_bvec_done = done;
	return true;
}

/* Advance within the current segment only (@bytes does not cross it). */
static inline void bvec_iter_advance_single(const struct bio_vec *bv,
					    struct bvec_iter *iter,
					    unsigned int bytes)
{
	unsigned int done = iter->bi_bvec_done + bytes;

	if (done == bv[iter->bi_idx].bv_len) {
		iter->bi_idx++;
		done = 0;
	}
	iter->bi_bvec_done = done;
	iter->bi_size -= bytes;
}

#define for_each_bvec(bvl, bio_vec, iter, start)			\
	for ((iter) = (start);						\
	     (iter).bi_size &&						\
		((bvl = bvec_iter_bvec((bio_vec), (iter))), 1);		\
	     bvec_iter_advance_single((bio_vec), &(iter), (bvl).bv_len))

/* An iterator spanning "everything", for walking a bare bvec array. */
#define BVEC_ITER_ALL_INIT (struct bvec_iter)				\
{									\
	.bi_sector = 0,							\
	.bi_size = UINT_MAX,						\
	.bi_idx = 0,							\
	.bi_bvec_done = 0,						\
}

static inline struct bio_vec *bvec_init_iter_all(struct bvec_iter_all *iter_all)
{
	iter_all->done = 0;
	iter_all->idx = 0;
	return &iter_all->bv;
}

/*
 * Fills iter_all->bv with the next single-page piece of @bvec and steps
 * past it.  Segments never span pages here, so each segment is one piece.
 */
static inline void bvec_advance(const struct bio_vec *bvec,
				struct bvec_iter_all *iter_all)
{
	struct bio_vec *bv = &iter_all->bv;
	unsigned int off = bvec->bv_offset + iter_all->done;

	bv->bv_page = bvec->bv_page;
	bv->bv_offset = off;
	bv->bv_len = bvec->bv_len - iter_all->done;
	iter_all->done = 0;
	iter_all->idx++;
}

/*
 * Data access.  Pages are always mapped in kfs.  These are macros so that
 * this header need not pull in <linux/highmem.h> (which reaches fs.h and
 * back here); every user of them has the page helpers in scope.
 */
#define bvec_virt(bvec)		(page_address((bvec)->bv_page) + (bvec)->bv_offset)
#define bvec_kmap_local(bvec)	(kmap_local_page((bvec)->bv_page) + (bvec)->bv_offset)
#define memcpy_from_bvec(to, bvec)					\
	memcpy_from_page((to), (bvec)->bv_page, (bvec)->bv_offset, (bvec)->bv_len)
#define memcpy_to_bvec(bvec, from)					\
	memcpy_to_page((bvec)->bv_page, (bvec)->bv_offset, (from), (bvec)->bv_len)
#define memzero_bvec(bvec)						\
	memzero_page((bvec)->bv_page, (bvec)->bv_offset, (bvec)->bv_len)

#endif /* _LINUX_BVEC_H */
