/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small fixed-size batches of page or folio references (struct pagevec,
 * struct folio_batch), filled by the page-cache lookups and released in one
 * go.  Each entry holds a reference; releasing drops them all.
 */
#ifndef _LINUX_PAGEVEC_H
#define _LINUX_PAGEVEC_H

#include <linux/types.h>
#include <linux/xarray.h>

/* 15 pointers make the structure 128 bytes, as in the kernel. */
#define PAGEVEC_SIZE	15

struct page;
struct folio;
struct address_space;

struct pagevec {
	unsigned char nr;
	bool percpu_pvec_drained;
	struct page *pages[PAGEVEC_SIZE];
};

struct folio_batch {
	unsigned char nr;
	bool percpu_pvec_drained;
	struct folio *folios[PAGEVEC_SIZE];
};

static_assert(sizeof(struct pagevec) == sizeof(struct folio_batch),
	      "a pagevec and a folio_batch are interchangeable");
static_assert(offsetof(struct pagevec, pages) == offsetof(struct folio_batch, folios),
	      "a pagevec and a folio_batch are interchangeable");

void __pagevec_release(struct pagevec *pvec);
unsigned pagevec_lookup_range_tag(struct pagevec *pvec, struct address_space *mapping,
				  pgoff_t *index, pgoff_t end, xa_mark_t tag);

static inline void pagevec_init(struct pagevec *pvec)
{
	pvec->nr = 0;
	pvec->percpu_pvec_drained = false;
}

static inline void pagevec_reinit(struct pagevec *pvec)
{
	pvec->nr = 0;
}

static inline unsigned pagevec_count(struct pagevec *pvec)
{
	return pvec->nr;
}

static inline unsigned pagevec_space(struct pagevec *pvec)
{
	return PAGEVEC_SIZE - pvec->nr;
}

/* Adds a page; returns the room left (0: the caller must release first). */
static inline unsigned pagevec_add(struct pagevec *pvec, struct page *page)
{
	pvec->pages[pvec->nr++] = page;
	return pagevec_space(pvec);
}

static inline void pagevec_release(struct pagevec *pvec)
{
	if (pagevec_count(pvec))
		__pagevec_release(pvec);
}

static inline void folio_batch_init(struct folio_batch *fbatch)
{
	fbatch->nr = 0;
	fbatch->percpu_pvec_drained = false;
}

static inline void folio_batch_reinit(struct folio_batch *fbatch)
{
	fbatch->nr = 0;
}

static inline unsigned int folio_batch_count(struct folio_batch *fbatch)
{
	return fbatch->nr;
}

static inline unsigned int fbatch_space(struct folio_batch *fbatch)
{
	return PAGEVEC_SIZE - fbatch->nr;
}

static inline unsigned folio_batch_add(struct folio_batch *fbatch, struct folio *folio)
{
	fbatch->folios[fbatch->nr++] = folio;
	return fbatch_space(fbatch);
}

static inline void folio_batch_release(struct folio_batch *fbatch)
{
	pagevec_release((struct pagevec *)fbatch);
}

/* The page cache holds no value entries in kfs: nothing to remove. */
static inline void folio_batch_remove_exceptionals(struct folio_batch *fbatch)
{
}

static inline void pagevec_remove_exceptionals(struct pagevec *pvec)
{
}

#endif /* _LINUX_PAGEVEC_H */
