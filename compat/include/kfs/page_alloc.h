/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page allocator's entry points, which the kernel declares in
 * <linux/gfp.h>; <linux/gfp.h> includes this file so that code including
 * only gfp.h sees them.  Implemented in compat/mm/page_alloc.c.
 *
 * Semantics are the kernel's (Documentation/core-api/memory-allocation.rst):
 * order-n allocations are 2^n contiguous, page-aligned pages; __GFP_ZERO
 * zeroes them; failure returns NULL (0) unless __GFP_NOFAIL.  Pages from
 * alloc_pages() are freed with __free_pages() of the same order, addresses
 * from __get_free_pages() with free_pages().
 */
#ifndef _KFS_PAGE_ALLOC_H
#define _KFS_PAGE_ALLOC_H

#include <linux/types.h>

struct page;
struct folio;

struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct folio *folio_alloc(gfp_t gfp, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);

#define alloc_page(gfp)			alloc_pages(gfp, 0)
#define alloc_pages_node(nid, gfp, order) alloc_pages(gfp, order)
#define __alloc_pages_node(nid, gfp, order) alloc_pages(gfp, order)
#define alloc_pages_exact_nid(nid, size, gfp) alloc_pages_exact(size, gfp)
#define __get_free_page(gfp)		__get_free_pages((gfp), 0)
#define __get_dma_pages(gfp, order)	__get_free_pages((gfp), (order))
#define __free_page(page)		__free_pages((page), 0)
#define free_page(addr)			free_pages((addr), 0)

#endif /* _KFS_PAGE_ALLOC_H */
