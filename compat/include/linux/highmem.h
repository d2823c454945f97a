/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Temporary kernel mappings of pages (Documentation/mm/highmem.rst) and
 * the byte helpers built on them.
 *
 * kfs has no highmem: every page's data is always addressable, so each
 * kmap flavour returns page_address() (plus the offset for the folio
 * forms) and each unmap does nothing to memory.  The atomic flavours keep
 * their documented rule -- no sleeping until the matching unmap -- by
 * disabling preemption, so debug builds catch a sleep inside them.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/string.h>

/* Cache maintenance after writing a page the CPU may see elsewhere: x86 needs none. */
static inline void flush_dcache_page(struct page *page)
{
}

static inline void flush_dcache_folio(struct folio *folio)
{
}

static inline void flush_kernel_vmap_range(void *vaddr, int size)
{
}

static inline void invalidate_kernel_vmap_range(void *vaddr, int size)
{
}

#define ARCH_IMPLEMENTS_FLUSH_DCACHE_PAGE 0

static inline unsigned int nr_free_highpages(void)
{
	return 0;
}

static inline unsigned long totalhigh_pages(void)
{
	return 0;
}

/* ------------------------------------------------------------- mappings */

static inline void *kmap(struct page *page)
{
	might_sleep();
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
}

static inline struct page *kmap_to_page(void *addr)
{
	return virt_to_page(addr);
}

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

static inline void *kmap_local_folio(struct folio *folio, size_t offset)
{
	return folio_address(folio) + offset;
}

static inline void *kmap_local_page_prot(struct page *page, unsigned long prot)
{
	return page_address(page);
}

/* kunmap_local takes the address, never the page (caught at build time). */
#define kunmap_local(addr)						\
	do {								\
		BUILD_BUG_ON(__same_type((addr), struct page *));	\
		(void)(addr);						\
	} while (0)

static inline void *kmap_atomic(struct page *page)
{
	preempt_disable();
	return page_address(page);
}

#define kmap_atomic_prot(page, prot)	kmap_atomic(page)
#define kmap_atomic_pfn(pfn)		kmap_atomic(pfn_to_page(pfn))

#define kunmap_atomic(addr)						\
	do {								\
		BUILD_BUG_ON(__same_type((addr), struct page *));	\
		(void)(addr);						\
		preempt_enable();					\
	} while (0)

/* -------------------------------------------------------- byte helpers */

static inline void clear_highpage(struct page *page)
{
	clear_page(page_address(page));
}

static inline void clear_user_highpage(struct page *page, unsigned long vaddr)
{
	clear_page(page_address(page));
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	copy_page(page_address(to), page_address(from));
}

static inline void copy_user_highpage(struct page *to, struct page *from,
				      unsigned long vaddr, struct vm_area_struct *vma)
{
	copy_page(page_address(to), page_address(from));
}

/* Every range below must stay inside its page; out of range is a bug. */
static inline void memcpy_page(struct page *dst_page, size_t dst_off,
			       struct page *src_page, size_t src_off, size_t len)
{
	VM_BUG_ON(dst_off + len > PAGE_SIZE || src_off + len > PAGE_SIZE);
	memcpy(page_address(dst_page) + dst_off, page_address(src_page) + src_off, len);
}

static inline void memmove_page(struct page *dst_page, size_t dst_off,
				struct page *src_page, size_t src_off, size_t len)
{
	VM_BUG_ON(dst_off + len > PAGE_SIZE || src_off + len > PAGE_SIZE);
	memmove(page_address(dst_page) + dst_off, page_address(src_page) + src_off, len);
}

static inline void memset_page(struct page *page, size_t offset, int val, size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memset(page_address(page) + offset, val, len);
}

static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memcpy(to, page_address(page) + offset, len);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const char *from,
				  size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memcpy(page_address(page) + offset, from, len);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memset(page_address(page) + offset, 0, len);
}

/* Zeroes [start1, end1) and [start2, end2) of a page; either may be empty. */
static inline void zero_user_segments(struct page *page, unsigned int start1,
				      unsigned int end1, unsigned int start2,
				      unsigned int end2)
{
	char *addr = page_address(page);

	BUG_ON(end1 > PAGE_SIZE || end2 > PAGE_SIZE);
	if (end1 > start1)
		memset(addr + start1, 0, end1 - start1);
	if (end2 > start2)
		memset(addr + start2, 0, end2 - start2);
}

static inline void zero_user_segment(struct page *page, unsigned int start,
				     unsigned int end)
{
	zero_user_segments(page, start, end, 0, 0);
}

static inline void zero_user(struct page *page, unsigned int start, unsigned int size)
{
	zero_user_segments(page, start, start + size, 0, 0);
}

static inline void folio_zero_segments(struct folio *folio, size_t start1, size_t xend1,
				       size_t start2, size_t xend2)
{
	zero_user_segments(&folio->page, start1, xend1, start2, xend2);
}

static inline void folio_zero_segment(struct folio *folio, size_t start, size_t xend)
{
	zero_user_segments(&folio->page, start, xend, 0, 0);
}

static inline void folio_zero_range(struct folio *folio, size_t start, size_t length)
{
	zero_user_segments(&folio->page, start, start + length, 0, 0);
}

#endif /* _LINUX_HIGHMEM_H */
