/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page geometry of the machine kfs emulates (x86-64: 4 KiB pages) and the
 * whole-page helpers the architecture provides.  In kfs every page is
 * always mapped: its data address is kept in struct page (see
 * <linux/mm_types.h>), so there is no linear map and no __pa()/__va().
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/const.h>
#include <linux/types.h>

#define PAGE_SHIFT		CONFIG_PAGE_SHIFT
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

/* No huge pages: the PMD size exists only for code that names it. */
#define PMD_SHIFT		21
#define PMD_SIZE		(_AC(1, UL) << PMD_SHIFT)
#define HPAGE_SHIFT		PMD_SHIFT
#define HPAGE_SIZE		(_AC(1, UL) << HPAGE_SHIFT)

#ifndef __ASSEMBLY__

struct page;

static inline void clear_page(void *page)
{
	__builtin_memset(page, 0, PAGE_SIZE);
}

static inline void copy_page(void *to, void *from)
{
	__builtin_memcpy(to, from, PAGE_SIZE);
}

static inline void clear_user_page(void *addr, unsigned long vaddr, struct page *pg)
{
	clear_page(addr);
}

static inline void copy_user_page(void *to, void *from, unsigned long vaddr,
				  struct page *topage)
{
	copy_page(to, from);
}

/* The allocation order (log2 of pages) that holds size bytes; size > 0. */
static inline __attribute_const__ int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	size = (size - 1) >> PAGE_SHIFT;
	return (int)(sizeof(long) * 8) - __builtin_clzl(size);
}

#endif /* __ASSEMBLY__ */
#endif /* _ASM_PAGE_H */
