/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building, walking, submitting and completing bios (Documentation/block/
 * biovecs.rst for the iteration model; the kernel-doc of block/bio.c and
 * block/blk-core.c for the functions).  Implemented in compat/block/bio.c
 * (allocation, pages, completion, chaining) and compat/block/blk-core.c
 * (submission, plugging, the host I/O engine).
 */
#ifndef __LINUX_BIO_H
#define __LINUX_BIO_H

#include <linux/kernel.h>
#include <linux/mempool.h>
#include <linux/blk_types.h>
#include <linux/mm.h>

/* The most segments one bio may hold, and those kept inside the bio. */
#define BIO_MAX_VECS		256U
#define BIO_INLINE_VECS		4

static inline unsigned int bio_max_segs(unsigned int nr_segs)
{
	return min(nr_segs, BIO_MAX_VECS);
}

#define bio_prio(bio)			(bio)->bi_ioprio
#define bio_set_prio(bio, prio)		((bio)->bi_ioprio = prio)

/* The segment at an iterator position, and its parts. */
#define bio_iter_iovec(bio, iter)	bvec_iter_bvec((bio)->bi_io_vec, (iter))
#define bio_iter_page(bio, iter)	bvec_iter_page((bio)->bi_io_vec, (iter))
#define bio_iter_len(bio, iter)		bvec_iter_len((bio)->bi_io_vec, (iter))
#define bio_iter_offset(bio, iter)	bvec_iter_offset((bio)->bi_io_vec, (iter))

#define bio_page(bio)		bio_iter_page((bio), (bio)->bi_iter)
#define bio_offset(bio)		bio_iter_offset((bio), (bio)->bi_iter)
#define bio_iovec(bio)		bio_iter_iovec((bio), (bio)->bi_iter)

#define bvec_iter_sectors(iter)		((iter).bi_size >> SECTOR_SHIFT)
#define bvec_iter_end_sector(iter)	((iter).bi_sector + bvec_iter_sectors((iter)))

#define bio_sectors(bio)	bvec_iter_sectors((bio)->bi_iter)
#define bio_end_sector(bio)	bvec_iter_end_sector((bio)->bi_iter)

/* READ or WRITE, for code that still speaks in data directions. */
#define bio_data_dir(bio)	(op_is_write(bio_op(bio)) ? WRITE : READ)

/* Whether the bio moves data through its bvecs (discards do not). */
static inline bool bio_has_data(struct bio *bio)
{
	if (!bio || !bio->bi_iter.bi_size)
		return false;
	switch (bio_op(bio)) {
	case REQ_OP_DISCARD:
	case REQ_OP_SECURE_ERASE:
	case REQ_OP_WRITE_ZEROES:
		return false;
	default:
		return true;
	}
}

/*
 * Operations that carry only a length in bi_size (no memory): their
 * iterator moves without walking bvecs.
 */
static inline bool bio_no_advance_iter(const struct bio *bio)
{
	switch (bio_op(bio)) {
	case REQ_OP_DISCARD:
	case REQ_OP_SECURE_ERASE:
	case REQ_OP_WRITE_ZEROES:
		return true;
	default:
		return false;
	}
}

/* Address of the first byte still to transfer (pages are always mapped). */
static inline void *bio_data(struct bio *bio)
{
	return bio_has_data(bio) ? bvec_virt(&bio_iovec(bio)) : NULL;
}

/* Every segment the bio holds, ignoring bi_iter: for its owner only. */
static inline bool bio_next_segment(const struct bio *bio,
				    struct bvec_iter_all *iter)
{
	bool more = iter->idx < bio->bi_vcnt;

	if (more)
		bvec_advance(bio->bi_io_vec + iter->idx, iter);
	return more;
}

#define bio_for_each_segment_all(bvl, bio, iter)			\
	for ((bvl) = bvec_init_iter_all(&(iter));			\
	     bio_next_segment((bio), &(iter)); )

/* Moves @iter over @bytes of @bio's data (and its sector with it). */
static inline void bio_advance_iter(const struct bio *bio,
				    struct bvec_iter *iter, unsigned int bytes)
{
	bool walk = !bio_no_advance_iter(bio);

	iter->bi_sector += bytes >> SECTOR_SHIFT;
	if (walk)
		bvec_iter_advance(bio->bi_io_vec, iter, bytes);
	else
		iter->bi_size -= bytes;
}

/* The same, for @bytes that do not leave the current segment. */
static inline void bio_advance_iter_single(const struct bio *bio,
					   struct bvec_iter *iter,
					   unsigned int bytes)
{
	bool walk = !bio_no_advance_iter(bio);

	iter->bi_sector += bytes >> SECTOR_SHIFT;
	if (walk)
		bvec_iter_advance_single(bio->bi_io_vec, iter, bytes);
	else
		iter->bi_size -= bytes;
}

void __bio_advance(struct bio *bio, unsigned int bytes);

/* Marks @nbytes at the front of the bio as done (partial completion). */
static inline void bio_advance(struct bio *bio, unsigned int nbytes)
{
	/* All of it: nothing left to walk, whatever the segments say. */
	if (nbytes && nbytes == bio->bi_iter.bi_size)
		bio->bi_iter.bi_size = 0;
	else if (nbytes)
		__bio_advance(bio, nbytes);
}

/*
 * Loads the segment at @iter into @bv; false once nothing is left.  The
 * single-page and multi-page forms are the same here (<linux/bvec.h>).
 */
static inline bool bio_iter_load(const struct bio *bio,
				 const struct bvec_iter *iter,
				 struct bio_vec *bv)
{
	if (!iter->bi_size)
		return false;
	*bv = bvec_iter_bvec(bio->bi_io_vec, *iter);
	return true;
}

/* The segments of what is left to do, walked with a copy of an iterator. */
#define __bio_for_each_segment(bvl, bio, iter, start)			\
	for ((iter) = (start); bio_iter_load((bio), &(iter), &(bvl));	\
	     bio_advance_iter_single((bio), &(iter), (bvl).bv_len))

#define bio_for_each_segment(bvl, bio, iter)				\
	__bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)

#define __bio_for_each_bvec(bvl, bio, iter, start)			\
	__bio_for_each_segment(bvl, bio, iter, start)

#define bio_for_each_bvec(bvl, bio, iter)				\
	__bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)

/* Every bvec of the table by index, for the bio's owner. */
#define bio_for_each_bvec_all(bvl, bio, i)				\
	for ((i) = 0; (i) < (bio)->bi_vcnt &&				\
		      (((bvl) = (bio)->bi_io_vec + (i)), 1); (i)++)

#define bio_iter_last(bvec, iter)	((iter).bi_size == (bvec).bv_len)

static inline unsigned int bio_segments(struct bio *bio)
{
	struct bvec_iter iter;
	struct bio_vec bv;
	unsigned int n = 0;

	if (bio_op(bio) == REQ_OP_DISCARD || bio_op(bio) == REQ_OP_SECURE_ERASE ||
	    bio_op(bio) == REQ_OP_WRITE_ZEROES)
		return 0;
	bio_for_each_segment(bv, bio, iter)
		n++;
	return n;
}

/*
 * References: a bio starts with one; bio_get() adds one (and marks the bio
 * so that bio_put() counts), bio_put() frees it when the last goes.
 */
/* bi_flags bits (BIO_*); not atomic: the bio's owner changes them. */
#define bio_flagged(bio, bit)		(((bio)->bi_flags >> (bit)) & 1)
#define bio_set_flag(bio, bit)		((bio)->bi_flags |= (unsigned short)(1U << (bit)))
#define bio_clear_flag(bio, bit)	((bio)->bi_flags &= (unsigned short)~(1U << (bit)))

static inline void bio_get(struct bio *bio)
{
	bio_set_flag(bio, BIO_REFFED);
	smp_mb__before_atomic();
	atomic_inc(&bio->__bi_cnt);
}

/* Starts the count at @count (more than one makes bio_put count). */
static inline void bio_cnt_set(struct bio *bio, unsigned int count)
{
	if (count > 1) {
		bio_set_flag(bio, BIO_REFFED);
		smp_mb();
	}
	atomic_set(&bio->__bi_cnt, count);
}

/* The bvec table of a bio that owns it (a clone does not). */
static inline struct bio_vec *bio_first_bvec_all(struct bio *bio)
{
	WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED));
	return bio->bi_io_vec;
}

static inline struct page *bio_first_page_all(struct bio *bio)
{
	return bio_first_bvec_all(bio)[0].bv_page;
}

static inline struct bio_vec *bio_last_bvec_all(struct bio *bio)
{
	return bio_first_bvec_all(bio) + bio->bi_vcnt - 1;
}

/*
 * Walking the folios of a bio.  A folio is one page in kfs and a segment
 * never crosses a page, so every segment is exactly one step.
 */
struct folio_iter {
	struct folio *folio;	/* NULL once past the last segment */
	size_t offset;		/* byte offset in folio */
	size_t length;		/* bytes of this step */
	/* private: */
	struct folio *_next;
	size_t _seg_count;
	int _i;
};

static inline void bio_first_folio(struct folio_iter *fi, struct bio *bio,
				   int i)
{
	struct bio_vec *bv;

	if (unlikely(i >= bio->bi_vcnt)) {
		fi->folio = NULL;
		return;
	}
	bv = &bio->bi_io_vec[i];
	fi->folio = page_folio(bv->bv_page);
	fi->offset = bv->bv_offset;
	fi->length = bv->bv_len;
	fi->_seg_count = bv->bv_len;
	fi->_next = NULL;
	fi->_i = i;
}

static inline void bio_next_folio(struct folio_iter *fi, struct bio *bio)
{
	bio_first_folio(fi, bio, fi->_i + 1);
}

#define bio_for_each_folio_all(fi, bio)					\
	for (bio_first_folio(&(fi), (bio), 0); (fi).folio;		\
	     bio_next_folio(&(fi), (bio)))

/* No data integrity payloads in kfs. */
static inline void *bio_integrity(struct bio *bio)
{
	return NULL;
}

static inline bool bio_integrity_prep(struct bio *bio)
{
	return true;
}

/*
 * Allocation pools.  A bio_set hands out bios with front_pad bytes of the
 * caller's own structure in front of them; allocations that may sleep
 * (__GFP_DIRECT_RECLAIM) never fail, as the pool guarantees progress.
 */
struct bio_set {
	mempool_t bio_pool;	/* front_pad + bio + BIO_INLINE_VECS bvecs */
	mempool_t bvec_pool;	/* BIO_MAX_VECS bvec tables */
	unsigned int front_pad;
	unsigned int flags;	/* BIOSET_* */
	bool initialized;
};

/* bioset_init() flags. */
#define BIOSET_NEED_BVECS	0x1	/* bios with more than inline vecs */
#define BIOSET_NEED_RESCUER	0x2	/* accepted; no rescuer is needed */
#define BIOSET_PERCPU_CACHE	0x4	/* accepted; no per-cpu cache */

int bioset_init(struct bio_set *bs, unsigned int pool_size,
		unsigned int front_pad, int flags);
void bioset_exit(struct bio_set *bs);

static inline bool bioset_initialized(struct bio_set *bs)
{
	return bs->initialized;
}

struct bio *bio_alloc_bioset(struct block_device *bdev, unsigned short nr_vecs,
			     blk_opf_t opf, gfp_t gfp_mask, struct bio_set *bs);
/* A bio from kmalloc: bio_init() it, and bio_uninit() + kfree() it. */
struct bio *bio_kmalloc(unsigned short nr_vecs, gfp_t gfp_mask);
void bio_put(struct bio *bio);

/* The pool filesystems allocate from. */
extern struct bio_set fs_bio_set;

/* A bio from fs_bio_set: cannot fail if @gfp_mask may sleep. */
#define bio_alloc(bdev, nr_vecs, opf, gfp_mask)				\
	bio_alloc_bioset((bdev), (nr_vecs), (opf), (gfp_mask), &fs_bio_set)

void submit_bio(struct bio *bio);
void submit_bio_noacct(struct bio *bio);
int submit_bio_wait(struct bio *bio);

void bio_endio(struct bio *bio);

/* Ends the bio with an I/O error. */
static inline void bio_io_error(struct bio *bio)
{
	WRITE_ONCE(bio->bi_status, BLK_STS_IOERR);
	bio_endio(bio);
}

/* Ends a REQ_NOWAIT bio that would have had to wait (quietly). */
static inline void bio_wouldblock_error(struct bio *bio)
{
	bio_set_flag(bio, BIO_QUIET);
	WRITE_ONCE(bio->bi_status, BLK_STS_AGAIN);
	bio_endio(bio);
}

void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf);
void bio_uninit(struct bio *bio);
void bio_reset(struct bio *bio, struct block_device *bdev, blk_opf_t opf);
void bio_chain(struct bio *bio, struct bio *parent);

int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		 unsigned int off);
bool bio_add_folio(struct bio *bio, struct folio *folio, size_t len,
		   size_t off);
void __bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		    unsigned int off);

void bio_free_pages(struct bio *bio);
void guard_bio_eod(struct bio *bio);
void zero_fill_bio(struct bio *bio);
void bio_truncate(struct bio *bio, unsigned int new_size);

/* Allocates the next bio of a series, chaining @bio (if any) to it. */
struct bio *blk_next_bio(struct bio *bio, struct block_device *bdev,
			 unsigned int nr_pages, blk_opf_t opf, gfp_t gfp);

#define bio_dev(bio) \
	disk_devt((bio)->bi_bdev->bd_disk)

static inline void bio_associate_blkg(struct bio *bio)
{
}

static inline void bio_clone_blkg_association(struct bio *dst, struct bio *src)
{
}

/* Points the bio at another device (it is then not remapped yet). */
static inline void bio_set_dev(struct bio *bio, struct block_device *bdev)
{
	bio_clear_flag(bio, BIO_REMAPPED);
	WRITE_ONCE(bio->bi_bdev, bdev);
}

/*
 * A singly linked FIFO of bios through bi_next, with a tail pointer so
 * that appending is O(1).  Empty: head == tail == NULL.
 */
struct bio_list {
	struct bio *head;
	struct bio *tail;
};

#define BIO_EMPTY_LIST	{ NULL, NULL }

#define bio_list_for_each(bio, bl)					\
	for ((bio) = (bl)->head; (bio) != NULL; (bio) = (bio)->bi_next)

static inline int bio_list_empty(const struct bio_list *bl)
{
	return !bl->head;
}

static inline void bio_list_init(struct bio_list *bl)
{
	*bl = (struct bio_list)BIO_EMPTY_LIST;
}

static inline unsigned int bio_list_size(const struct bio_list *bl)
{
	const struct bio *b;
	unsigned int n;

	for (n = 0, b = bl->head; b; b = b->bi_next)
		n++;
	return n;
}

/* Puts the chain @first..@last at the end of @bl. */
static inline void __bio_list_append(struct bio_list *bl, struct bio *first,
				     struct bio *last)
{
	struct bio **link = bl->tail ? &bl->tail->bi_next : &bl->head;

	*link = first;
	bl->tail = last;
}

static inline void bio_list_add(struct bio_list *bl, struct bio *bio)
{
	bio->bi_next = NULL;
	__bio_list_append(bl, bio, bio);
}

static inline void bio_list_add_head(struct bio_list *bl, struct bio *bio)
{
	struct bio *old = bl->head;

	bl->head = bio;
	bio->bi_next = old;
	if (!old)
		bl->tail = bio;
}

/* Appends all of @bl2 to @bl (@bl2 still lists them: reinit it). */
static inline void bio_list_merge(struct bio_list *bl, struct bio_list *bl2)
{
	if (bl2->head)
		__bio_list_append(bl, bl2->head, bl2->tail);
}

/* Puts all of @bl2 in front of @bl (@bl2 still lists them). */
static inline void bio_list_merge_head(struct bio_list *bl,
				       struct bio_list *bl2)
{
	if (!bl2->head)
		return;
	bl2->tail->bi_next = bl->head;
	if (!bl->tail)
		bl->tail = bl2->tail;
	bl->head = bl2->head;
}

static inline struct bio *bio_list_peek(struct bio_list *bl)
{
	return bl->head;
}

static inline struct bio *bio_list_pop(struct bio_list *bl)
{
	struct bio *first = bl->head;

	if (!first)
		return NULL;
	bl->head = first->bi_next;
	if (bl->tail == first)
		bl->tail = NULL;
	first->bi_next = NULL;
	return first;
}

/* Takes the whole chain, leaving @bl empty. */
static inline struct bio *bio_list_get(struct bio_list *bl)
{
	struct bio *chain = bl->head;

	bio_list_init(bl);
	return chain;
}

/*
 * One more completion must happen before bi_end_io runs: used by
 * bio_chain() for each child.
 */
static inline void bio_inc_remaining(struct bio *bio)
{
	bio_set_flag(bio, BIO_CHAIN);
	smp_mb__before_atomic();
	atomic_inc(&bio->__bi_remaining);
}

#endif /* __LINUX_BIO_H */
