/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct iov_iter: a cursor over the memory of one read or write request,
 * whatever its shape (Documentation/filesystems/vfs.rst, ->read_iter and
 * ->write_iter; the kernel-doc of lib/iov_iter.c).
 *
 *   ITER_UBUF    one "user" buffer            (ubuf)
 *   ITER_IOVEC   an array of "user" buffers   (iov, nr_segs)
 *   ITER_KVEC    an array of kernel buffers   (kvec, nr_segs)
 *   ITER_BVEC    an array of page pieces      (bvec, nr_segs)
 *   ITER_DISCARD a sink: reads into it are dropped
 * kfs runs in one address space, so "user" memory is plain memory: the
 * copies are memcpy and the fault-in helpers have nothing to fault.
 * ITER_PIPE and ITER_XARRAY exist as names only; kfs never builds them and
 * the copy functions WARN on them.
 *
 * data_source says which way data flows: WRITE (the iterator is the source,
 * copy_from_iter) or READ (the destination, copy_to_iter).  count is what
 * is left; iov_offset is how far into the current segment we are.  Every
 * copy advances the iterator by what it copied; iov_iter_revert() walks
 * back.  Implemented in compat/lib/iov_iter.c.
 */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <uapi/linux/uio.h>

struct page;
struct pipe_inode_info;
struct bio_vec;
struct xarray;

/* Data direction of an iterator (the kernel's READ/WRITE values). */
#ifndef READ
#define READ	0
#define WRITE	1
#endif

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

struct iov_iter_state {
	size_t iov_offset;
	size_t count;
	unsigned long nr_segs;
};

struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	union {
		size_t iov_offset;
		int last_offset;
	};
	size_t count;
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		const struct bio_vec *bvec;
		struct xarray *xarray;
		struct pipe_inode_info *pipe;
		void __user *ubuf;
	};
	union {
		unsigned long nr_segs;
		struct {
			unsigned int head;
			unsigned int start_head;
		};
		loff_t xarray_start;
	};
};

static inline enum iter_type iov_iter_type(const struct iov_iter *i)
{
	return i->iter_type;
}

static inline void iov_iter_save_state(struct iov_iter *iter, struct iov_iter_state *state)
{
	state->iov_offset = iter->iov_offset;
	state->count = iter->count;
	state->nr_segs = iter->nr_segs;
}

static inline bool iter_is_ubuf(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_UBUF;
}

static inline bool iter_is_iovec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_IOVEC;
}

static inline bool iov_iter_is_kvec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_KVEC;
}

static inline bool iov_iter_is_bvec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_BVEC;
}

static inline bool iov_iter_is_pipe(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_PIPE;
}

static inline bool iov_iter_is_discard(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_DISCARD;
}

static inline bool iov_iter_is_xarray(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_XARRAY;
}

static inline unsigned char iov_iter_rw(const struct iov_iter *i)
{
	return i->data_source ? WRITE : READ;
}

static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->user_backed;
}

/* Total bytes of an iovec array (all segments, whatever count says). */
static inline size_t iov_length(const struct iovec *iov, unsigned long nr_segs)
{
	size_t ret = 0;
	unsigned long seg;

	for (seg = 0; seg < nr_segs; seg++)
		ret += iov[seg].iov_len;
	return ret;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Caps what is left at count (the length of the request as checked). */
static inline void iov_iter_truncate(struct iov_iter *i, u64 count)
{
	if (i->count > count)
		i->count = count;
}

/* Undoes iov_iter_truncate: count must not exceed what the segments hold. */
static inline void iov_iter_reexpand(struct iov_iter *i, size_t count)
{
	i->count = count;
}

/* The current segment of an ITER_IOVEC, from the cursor on. */
static inline struct iovec iov_iter_iovec(const struct iov_iter *iter)
{
	return (struct iovec) {
		.iov_base = iter->iov->iov_base + iter->iov_offset,
		.iov_len = min(iter->count, iter->iov->iov_len - iter->iov_offset),
	};
}

/* Size checks of hardened usercopy: the copies here are always in bounds. */
static __always_inline bool check_copy_size(const void *addr, size_t bytes, bool is_source)
{
	return true;
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_bvec(struct iov_iter *i, unsigned int direction, const struct bio_vec *bvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_discard(struct iov_iter *i, unsigned int direction, size_t count);

static inline void iov_iter_ubuf(struct iov_iter *i, unsigned int direction,
				 void __user *buf, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	*i = (struct iov_iter) {
		.iter_type = ITER_UBUF,
		.user_backed = true,
		.data_source = direction,
		.ubuf = buf,
		.count = count,
	};
}

size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i);
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			   struct iov_iter *i);
size_t copy_page_from_iter_atomic(struct page *page, unsigned int offset, size_t bytes,
				  struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);
void iov_iter_restore(struct iov_iter *i, struct iov_iter_state *state);
size_t fault_in_iov_iter_readable(const struct iov_iter *i, size_t bytes);
size_t fault_in_iov_iter_writeable(const struct iov_iter *i, size_t bytes);
size_t iov_iter_single_seg_count(const struct iov_iter *i);
unsigned long iov_iter_alignment(const struct iov_iter *i);
unsigned long iov_iter_gap_alignment(const struct iov_iter *i);
bool iov_iter_is_aligned(const struct iov_iter *i, unsigned int addr_mask,
			 unsigned int len_mask);
int iov_iter_npages(const struct iov_iter *i, int maxpages);

/*
 * References to the pages behind the next bytes of the iterator (the first
 * segment only, as in the kernel), advancing it past them.  Memory that
 * is not from the page allocator gets a descriptor made for the occasion
 * (compat/mm/page_alloc.c), released by put_page() like any other.
 */
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned int maxpages, size_t *start);
ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages,
				  size_t maxsize, size_t *start);

int import_single_range(int type, void __user *buf, size_t len, struct iovec *iov,
			struct iov_iter *i);

static __always_inline size_t copy_to_iter(const void *addr, size_t bytes,
					   struct iov_iter *i)
{
	return _copy_to_iter(addr, bytes, i);
}

static __always_inline size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_from_iter(addr, bytes, i);
}

/* All or nothing: on a short copy the iterator is left where it was. */
static __always_inline bool copy_from_iter_full(void *addr, size_t bytes,
						struct iov_iter *i)
{
	size_t copied = copy_from_iter(addr, bytes, i);

	if (likely(copied == bytes))
		return true;
	iov_iter_revert(i, copied);
	return false;
}

/* No cache-bypassing stores in kfs: the _nocache copies are plain copies. */
static __always_inline size_t copy_from_iter_nocache(void *addr, size_t bytes,
						     struct iov_iter *i)
{
	return _copy_from_iter(addr, bytes, i);
}

static __always_inline bool copy_from_iter_full_nocache(void *addr, size_t bytes,
							struct iov_iter *i)
{
	return copy_from_iter_full(addr, bytes, i);
}

/* No machine-check recovery either: copy_mc is a plain copy. */
static inline size_t copy_mc_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_to_iter(addr, bytes, i);
}

static inline size_t copy_folio_to_iter(struct folio *folio, size_t offset, size_t bytes,
					struct iov_iter *i)
{
	return copy_page_to_iter(&folio->page, offset, bytes, i);
}

#endif /* __LINUX_UIO_H */
