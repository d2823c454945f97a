// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct iov_iter (see <linux/uio.h> for the model).
 *
 * Every operation is built on one walker, iter_walk(), that visits the next
 * bytes of an iterator as a series of contiguous memory pieces and then
 * moves the cursor past what was consumed.  ITER_IOVEC and ITER_KVEC share
 * a layout (static_assert below) and are walked alike; an ITER_BVEC piece
 * is page_address(bv_page) + bv_offset, contiguous for bv_len bytes (pages
 * of one allocation are contiguous in kfs).  The cursor conventions are the
 * kernel's: after consuming a segment exactly, the iterator points at the
 * start of the next one, and the segments already passed stay reachable
 * behind the pointer so iov_iter_revert() can walk back.
 */
#include <linux/uio.h>
#include <linux/bvec.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kfs/mm.h>

static_assert(sizeof(struct kvec) == sizeof(struct iovec) &&
	      offsetof(struct kvec, iov_base) == offsetof(struct iovec, iov_base) &&
	      offsetof(struct kvec, iov_len) == offsetof(struct iovec, iov_len),
	      "kvec and iovec must share a layout");

/*
 * A step gets a piece of the iterator's memory, its length and how many
 * bytes of the operation came before it; it returns how much of the piece
 * it consumed (less than len stops the walk).
 */
typedef size_t (*iter_step_fn)(void *base, size_t len, size_t done, void *priv);

static inline void *bvec_base(const struct bio_vec *bv)
{
	return page_address(bv->bv_page) + bv->bv_offset;
}

/* Segment i of an IOVEC/KVEC/BVEC iterator: its memory and length. */
static inline void seg_get(const struct iov_iter *i, const void *seg, void **base,
			   size_t *len)
{
	if (iov_iter_is_bvec(i)) {
		const struct bio_vec *bv = seg;

		*base = bvec_base(bv);
		*len = bv->bv_len;
	} else {
		const struct kvec *kv = seg;

		*base = kv->iov_base;
		*len = kv->iov_len;
	}
}

static inline size_t seg_size(const struct iov_iter *i)
{
	return iov_iter_is_bvec(i) ? sizeof(struct bio_vec) : sizeof(struct kvec);
}

static inline const void *seg_cur(const struct iov_iter *i)
{
	return iov_iter_is_bvec(i) ? (const void *)i->bvec : (const void *)i->kvec;
}

static inline void seg_set(struct iov_iter *i, const void *seg)
{
	if (iov_iter_is_bvec(i))
		i->bvec = seg;
	else
		i->kvec = seg;
}

/*
 * Walks up to bytes of i (never past count), handing pieces to step (NULL:
 * just skip them), and advances i by what was consumed.  Returns that.
 */
static size_t iter_walk(struct iov_iter *i, size_t bytes, iter_step_fn step, void *priv)
{
	size_t done = 0;

	if (bytes > i->count)
		bytes = i->count;
	if (!bytes)
		return 0;

	switch (iov_iter_type(i)) {
	case ITER_UBUF: {
		size_t n = step ? step(i->ubuf + i->iov_offset, bytes, 0, priv) : bytes;

		i->iov_offset += n;
		i->count -= n;
		return n;
	}
	case ITER_DISCARD:
		/* A sink: data sent to it vanishes, nothing comes out of it. */
		i->count -= bytes;
		return bytes;
	case ITER_IOVEC:
	case ITER_KVEC:
	case ITER_BVEC: {
		const char *seg = seg_cur(i);
		size_t skip = i->iov_offset;

		while (bytes && i->nr_segs) {
			void *base;
			size_t len, n, got;

			seg_get(i, seg, &base, &len);
			if (skip >= len) {
				seg += seg_size(i);
				i->nr_segs--;
				skip = 0;
				continue;
			}
			n = min(bytes, len - skip);
			got = step ? step(base + skip, n, done, priv) : n;
			skip += got;
			done += got;
			bytes -= got;
			i->count -= got;
			if (skip == len) {
				seg += seg_size(i);
				i->nr_segs--;
				skip = 0;
			}
			if (got < n)
				break;
		}
		seg_set(i, seg);
		i->iov_offset = skip;
		return done;
	}
	default:
		WARN_ONCE(1, "iov_iter type %d is not supported by kfs\n", iov_iter_type(i));
		return 0;
	}
}

/* --------------------------------------------------------- constructors */

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	*i = (struct iov_iter) {
		.iter_type = ITER_IOVEC,
		.user_backed = true,
		.data_source = direction,
		.iov = iov,
		.nr_segs = nr_segs,
		.iov_offset = 0,
		.count = count,
	};
}
EXPORT_SYMBOL(iov_iter_init);

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	*i = (struct iov_iter) {
		.iter_type = ITER_KVEC,
		.data_source = direction,
		.kvec = kvec,
		.nr_segs = nr_segs,
		.iov_offset = 0,
		.count = count,
	};
}
EXPORT_SYMBOL(iov_iter_kvec);

void iov_iter_bvec(struct iov_iter *i, unsigned int direction, const struct bio_vec *bvec,
		   unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	*i = (struct iov_iter) {
		.iter_type = ITER_BVEC,
		.data_source = direction,
		.bvec = bvec,
		.nr_segs = nr_segs,
		.iov_offset = 0,
		.count = count,
	};
}
EXPORT_SYMBOL(iov_iter_bvec);

void iov_iter_discard(struct iov_iter *i, unsigned int direction, size_t count)
{
	BUG_ON(direction != READ);
	*i = (struct iov_iter) {
		.iter_type = ITER_DISCARD,
		.data_source = false,
		.count = count,
		.iov_offset = 0,
	};
}
EXPORT_SYMBOL(iov_iter_discard);

int import_single_range(int rw, void __user *buf, size_t len, struct iovec *iov,
			struct iov_iter *i)
{
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	iov->iov_base = buf;
	iov->iov_len = len;
	iov_iter_init(i, rw, iov, 1, len);
	return 0;
}
EXPORT_SYMBOL(import_single_range);

/* --------------------------------------------------------------- copies */

static size_t step_copy_out(void *base, size_t len, size_t done, void *priv)
{
	memcpy(base, (const char *)priv + done, len);
	return len;
}

static size_t step_copy_in(void *base, size_t len, size_t done, void *priv)
{
	memcpy((char *)priv + done, base, len);
	return len;
}

static size_t step_zero(void *base, size_t len, size_t done, void *priv)
{
	memset(base, 0, len);
	return len;
}

/* Copies into the iterator's memory (the iterator is the destination). */
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return iter_walk(i, bytes, step_copy_out, (void *)addr);
}
EXPORT_SYMBOL(_copy_to_iter);

/* Copies out of the iterator's memory (the iterator is the source). */
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(!i->data_source))
		return 0;
	if (WARN_ON_ONCE(iov_iter_is_discard(i)))
		return 0;
	return iter_walk(i, bytes, step_copy_in, addr);
}
EXPORT_SYMBOL(_copy_from_iter);

/*
 * A page copy must stay inside the allocation the page belongs to; page
 * cache pages are single pages.
 */
static bool page_copy_sane(struct page *page, size_t offset, size_t n)
{
	size_t limit = PAGE_SIZE << page->kfs_order;

	if (likely(offset <= limit && n <= limit - offset))
		return true;
	WARN_ONCE(1, "page copy [%zu, +%zu) beyond its page\n", offset, n);
	return false;
}

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i)
{
	if (!page_copy_sane(page, offset, bytes))
		return 0;
	return _copy_to_iter(page_address(page) + offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_to_iter);

size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			   struct iov_iter *i)
{
	if (!page_copy_sane(page, offset, bytes))
		return 0;
	return _copy_from_iter(page_address(page) + offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_from_iter);

/*
 * The kernel's "atomic" variant may not fault, since the caller holds a
 * locked page-cache page; in kfs nothing faults, so it is the same copy
 * (and, as in 6.1, it advances the iterator).
 */
size_t copy_page_from_iter_atomic(struct page *page, unsigned int offset, size_t bytes,
				  struct iov_iter *i)
{
	return copy_page_from_iter(page, offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_from_iter_atomic);

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return iter_walk(i, bytes, step_zero, NULL);
}
EXPORT_SYMBOL(iov_iter_zero);

/* ------------------------------------------------------------- movement */

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	iter_walk(i, bytes, NULL, NULL);
}
EXPORT_SYMBOL(iov_iter_advance);

void iov_iter_revert(struct iov_iter *i, size_t unroll)
{
	const char *seg;

	if (!unroll)
		return;
	if (WARN_ON(unroll > MAX_RW_COUNT))
		return;
	i->count += unroll;
	switch (iov_iter_type(i)) {
	case ITER_DISCARD:
		return;
	case ITER_UBUF:
		i->iov_offset -= unroll;
		return;
	case ITER_IOVEC:
	case ITER_KVEC:
	case ITER_BVEC:
		break;
	default:
		WARN_ONCE(1, "iov_iter type %d is not supported by kfs\n", iov_iter_type(i));
		return;
	}
	if (unroll <= i->iov_offset) {
		i->iov_offset -= unroll;
		return;
	}
	unroll -= i->iov_offset;
	seg = seg_cur(i);
	/* The segments passed are still there, behind the cursor. */
	for (;;) {
		void *base;
		size_t len;

		seg -= seg_size(i);
		i->nr_segs++;
		seg_get(i, seg, &base, &len);
		if (unroll <= len) {
			seg_set(i, seg);
			i->iov_offset = len - unroll;
			return;
		}
		unroll -= len;
	}
}
EXPORT_SYMBOL(iov_iter_revert);

void iov_iter_restore(struct iov_iter *i, struct iov_iter_state *state)
{
	if (WARN_ON_ONCE(!iov_iter_is_bvec(i) && !iter_is_iovec(i) &&
			 !iter_is_ubuf(i) && !iov_iter_is_kvec(i)))
		return;
	i->iov_offset = state->iov_offset;
	i->count = state->count;
	if (iter_is_ubuf(i))
		return;
	seg_set(i, (const char *)seg_cur(i) -
		   (state->nr_segs - i->nr_segs) * seg_size(i));
	i->nr_segs = state->nr_segs;
}
EXPORT_SYMBOL(iov_iter_restore);

/* All memory is present: nothing is ever left un-faulted. */
size_t fault_in_iov_iter_readable(const struct iov_iter *i, size_t bytes)
{
	return 0;
}
EXPORT_SYMBOL(fault_in_iov_iter_readable);

size_t fault_in_iov_iter_writeable(const struct iov_iter *i, size_t bytes)
{
	return 0;
}
EXPORT_SYMBOL(fault_in_iov_iter_writeable);

size_t iov_iter_single_seg_count(const struct iov_iter *i)
{
	void *base;
	size_t len;

	if (i->nr_segs > 1 && (iter_is_iovec(i) || iov_iter_is_kvec(i) ||
			       iov_iter_is_bvec(i))) {
		seg_get(i, seg_cur(i), &base, &len);
		return min(i->count, len - i->iov_offset);
	}
	return i->count;
}
EXPORT_SYMBOL(iov_iter_single_seg_count);

/*
 * Calls fn(base, len, priv) for each remaining piece of the iterator,
 * without moving it; stops when fn returns false.
 */
static void iter_for_each_piece(const struct iov_iter *i,
				bool (*fn)(unsigned long base, size_t len, void *priv),
				void *priv)
{
	size_t left = i->count;

	if (!left)
		return;
	if (iter_is_ubuf(i)) {
		fn((unsigned long)i->ubuf + i->iov_offset, left, priv);
		return;
	}
	if (iter_is_iovec(i) || iov_iter_is_kvec(i) || iov_iter_is_bvec(i)) {
		const char *seg = seg_cur(i);
		size_t skip = i->iov_offset;
		unsigned long n;

		for (n = 0; n < i->nr_segs && left; n++, seg += seg_size(i), skip = 0) {
			void *base;
			size_t len;

			seg_get(i, seg, &base, &len);
			if (len <= skip)
				continue;
			len = min(len - skip, left);
			left -= len;
			if (!fn((unsigned long)base + skip, len, priv))
				return;
		}
	}
}

static bool or_alignment(unsigned long base, size_t len, void *priv)
{
	*(unsigned long *)priv |= base | len;
	return true;
}

unsigned long iov_iter_alignment(const struct iov_iter *i)
{
	unsigned long res = 0;

	if (iov_iter_is_discard(i))
		return i->count;
	iter_for_each_piece(i, or_alignment, &res);
	return res;
}
EXPORT_SYMBOL(iov_iter_alignment);

struct gap_state {
	unsigned long res;
	unsigned long prev_end;
	bool first;
};

static bool or_gap(unsigned long base, size_t len, void *priv)
{
	struct gap_state *g = priv;

	if (!g->first)
		g->res |= g->prev_end | base;
	g->first = false;
	g->prev_end = base + len;
	return true;
}

/* Misalignment of the boundaries between segments (not of the ends). */
unsigned long iov_iter_gap_alignment(const struct iov_iter *i)
{
	struct gap_state g = { 0, 0, true };

	if (WARN_ON(!iter_is_iovec(i) && !iov_iter_is_kvec(i)))
		return ~0UL;
	iter_for_each_piece(i, or_gap, &g);
	return g.res;
}
EXPORT_SYMBOL(iov_iter_gap_alignment);

bool iov_iter_is_aligned(const struct iov_iter *i, unsigned int addr_mask,
			 unsigned int len_mask)
{
	unsigned long addr_bits = 0, len_bits = 0;
	const char *seg;
	size_t left = i->count, skip = i->iov_offset;
	unsigned long n;

	if (iter_is_ubuf(i))
		return !(((unsigned long)i->ubuf + skip) & addr_mask) && !(left & len_mask);
	if (!(iter_is_iovec(i) || iov_iter_is_kvec(i) || iov_iter_is_bvec(i)))
		return !(left & len_mask);
	seg = seg_cur(i);
	for (n = 0; n < i->nr_segs && left; n++, seg += seg_size(i), skip = 0) {
		void *base;
		size_t len;

		seg_get(i, seg, &base, &len);
		if (len <= skip)
			continue;
		len = min(len - skip, left);
		left -= len;
		addr_bits |= (unsigned long)base + skip;
		len_bits |= len;
	}
	return !(addr_bits & addr_mask) && !(len_bits & len_mask);
}
EXPORT_SYMBOL(iov_iter_is_aligned);

struct npages_state {
	long pages;
	long max;
};

static bool count_pages(unsigned long base, size_t len, void *priv)
{
	struct npages_state *s = priv;

	s->pages += DIV_ROUND_UP(offset_in_page(base) + len, PAGE_SIZE);
	return s->pages < s->max;
}

int iov_iter_npages(const struct iov_iter *i, int maxpages)
{
	struct npages_state s = { 0, maxpages };

	if (!i->count || iov_iter_is_discard(i))
		return 0;
	iter_for_each_piece(i, count_pages, &s);
	return min_t(long, s.pages, maxpages);
}
EXPORT_SYMBOL(iov_iter_npages);

/* ------------------------------------------------------------ get_pages */

static ssize_t get_pages(struct iov_iter *i, struct page ***pagesp, bool alloc,
			 size_t maxsize, unsigned int maxpages, size_t *start)
{
	struct page **pages;
	unsigned long addr, first;
	size_t len, skip = i->iov_offset, off;
	unsigned int n, k;

	if (maxsize > i->count)
		maxsize = i->count;
	if (!maxsize)
		return 0;
	if (maxsize > MAX_RW_COUNT)
		maxsize = MAX_RW_COUNT;

	/* The first non-empty piece only, as in the kernel. */
	if (iter_is_ubuf(i)) {
		addr = (unsigned long)i->ubuf + skip;
		len = maxsize;
	} else if (iter_is_iovec(i) || iov_iter_is_kvec(i) || iov_iter_is_bvec(i)) {
		const char *seg = seg_cur(i);
		unsigned long segs = i->nr_segs;
		void *base;

		for (;;) {
			if (!segs)
				return 0;
			seg_get(i, seg, &base, &len);
			if (len > skip)
				break;
			seg += seg_size(i);
			segs--;
			skip = 0;
		}
		addr = (unsigned long)base + skip;
		len = min(len - skip, maxsize);
	} else {
		WARN_ONCE(1, "iov_iter_get_pages on type %d\n", iov_iter_type(i));
		return -EFAULT;
	}

	off = offset_in_page(addr);
	first = addr - off;
	n = DIV_ROUND_UP(off + len, PAGE_SIZE);
	if (!alloc && n > maxpages)
		n = maxpages;
	if (!n)
		return 0;
	if (off + len > (size_t)n * PAGE_SIZE)
		len = (size_t)n * PAGE_SIZE - off;

	if (alloc) {
		pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return -ENOMEM;
		*pagesp = pages;
	} else {
		pages = *pagesp;
	}
	for (k = 0; k < n; k++) {
		pages[k] = kfs_page_for_address((void *)(first + (unsigned long)k * PAGE_SIZE));
		if (!pages[k]) {
			while (k--)
				put_page(pages[k]);
			if (alloc) {
				kvfree(pages);
				*pagesp = NULL;
			}
			return -ENOMEM;
		}
	}
	*start = off;
	iov_iter_advance(i, len);
	return len;
}

ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned int maxpages, size_t *start)
{
	if (!maxpages)
		return 0;
	return get_pages(i, &pages, false, maxsize, maxpages, start);
}
EXPORT_SYMBOL(iov_iter_get_pages2);

ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages,
				  size_t maxsize, size_t *start)
{
	ssize_t len;

	*pages = NULL;
	len = get_pages(i, pages, true, maxsize, UINT_MAX, start);
	if (len <= 0) {
		kvfree(*pages);
		*pages = NULL;
	}
	return len;
}
EXPORT_SYMBOL(iov_iter_get_pages_alloc2);
