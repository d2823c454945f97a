/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct page and struct folio.
 *
 * kfs model (see ../../notes in compat/mm/page_alloc.c):
 *  - a page is PAGE_SIZE bytes of page-aligned host memory plus this
 *    descriptor; the descriptor records the data address (->virtual), so
 *    page_address() and every kmap flavour are a field read;
 *  - there are no large folios: a folio is exactly one page and the two
 *    structures have the same layout, so page_folio() and &folio->page are
 *    casts (checked below with static asserts);
 *  - fields keep their kernel names and meanings (Documentation/mm/ and the
 *    comments of include/linux/mm_types.h describe them): flags holds the
 *    PG_* bits of <linux/page-flags.h>, mapping/index place a page-cache
 *    page in its file, private belongs to the mapping's owner (buffer heads),
 *    _refcount counts references, lru links the page on the page cache's
 *    eviction list.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <asm/page.h>

struct address_space;
struct mm_struct;
struct vm_area_struct;

struct page {
	unsigned long flags;		/* PG_* bits, atomic */
	union {
		/* Page cache: the eviction LRU (compat/mm/filemap.c). */
		struct list_head lru;
		struct {
			void *__filler;
			unsigned int mlock_count;
		};
		/* Free or being freed after a grace period. */
		struct rcu_head rcu_head;
	};
	struct address_space *mapping;	/* page cache owner, NULL if none */
	pgoff_t index;			/* offset in mapping, in pages */
	unsigned long private;		/* owner's data (buffer heads) */
	atomic_t _mapcount;		/* always -1: nothing is mmapped */
	atomic_t _refcount;
	void *virtual;			/* the data, always mapped */
	/* kfs allocation bookkeeping (compat/mm/page_alloc.c). */
	unsigned int kfs_order;		/* order of the block this page heads */
	unsigned int kfs_alloc_flags;
};

/*
 * A folio is a page that is never a tail page.  Its union with struct page
 * is what makes &folio->page and page_folio() plain casts.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
			};
			struct address_space *mapping;
			pgoff_t index;
			void *private;
			atomic_t _mapcount;
			atomic_t _refcount;
			void *virtual;
		};
		struct page page;
	};
};

#define KFS_FOLIO_MATCHES(pf, ff)					\
	static_assert(offsetof(struct page, pf) == offsetof(struct folio, ff), \
		      "struct folio and struct page disagree on " #ff)
KFS_FOLIO_MATCHES(flags, flags);
KFS_FOLIO_MATCHES(lru, lru);
KFS_FOLIO_MATCHES(mapping, mapping);
KFS_FOLIO_MATCHES(index, index);
KFS_FOLIO_MATCHES(private, private);
KFS_FOLIO_MATCHES(_mapcount, _mapcount);
KFS_FOLIO_MATCHES(_refcount, _refcount);
KFS_FOLIO_MATCHES(virtual, virtual);
#undef KFS_FOLIO_MATCHES
static_assert(sizeof(struct folio) == sizeof(struct page),
	      "a folio is exactly one page in kfs");

/* The folio a page belongs to: the page itself (no compound pages). */
#define page_folio(p)	(_Generic((p),					\
	const struct page *:	(const struct folio *)(p),		\
	struct page *:		(struct folio *)(p)))

/* Page n of a folio; only n == 0 exists. */
#define folio_page(folio, n)	(&(folio)->page + (n))

/* Return type of fault handlers (->fault, ->page_mkwrite). */
typedef unsigned int __bitwise vm_fault_t;

/* Readahead state of an open file lives in fs.h (struct file_ra_state). */

#endif /* _LINUX_MM_TYPES_H */
