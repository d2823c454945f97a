/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assertions of the memory-management code.  The kernel compiles them in
 * only with CONFIG_DEBUG_VM; kfs always does, because a broken page-cache
 * invariant here is a bug in compat/ that the tests should catch.
 */
#ifndef _LINUX_MMDEBUG_H
#define _LINUX_MMDEBUG_H

#include <linux/bug.h>
#include <linux/stringify.h>

struct page;
struct folio;

/* Prints what a page descriptor holds (compat/mm/page_alloc.c). */
void dump_page(struct page *page, const char *reason);

#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)	(void)WARN_ON_ONCE(cond)
#define VM_WARN_ONCE(cond, format...) (void)WARN_ONCE(cond, format)
#define VM_WARN(cond, format...) (void)WARN(cond, format)

#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" __stringify(cond) ")"); \
			BUG();						\
		}							\
	} while (0)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON_PAGE(cond, &(folio)->page)
#define VM_WARN_ON_ONCE_PAGE(cond, page)				\
	({								\
		static bool __kfs_warned;				\
		int __kfs_ret = !!(cond);				\
		if (unlikely(__kfs_ret && !__kfs_warned)) {		\
			dump_page(page, "VM_WARN_ON_ONCE_PAGE(" __stringify(cond) ")"); \
			__kfs_warned = true;				\
			WARN_ON(1);					\
		}							\
		unlikely(__kfs_ret);					\
	})
#define VM_WARN_ON_FOLIO(cond, folio)					\
	({								\
		int __kfs_ret = !!(cond);				\
		if (unlikely(__kfs_ret)) {				\
			dump_page(&(folio)->page, "VM_WARN_ON_FOLIO(" __stringify(cond) ")"); \
			WARN_ON(1);					\
		}							\
		unlikely(__kfs_ret);					\
	})
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) VM_WARN_ON_ONCE_PAGE(cond, &(folio)->page)
#define VM_BUG_ON_VMA(cond, vma)	BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		BUG_ON(cond)
#define VIRTUAL_BUG_ON(cond)		do { } while (0)

#endif /* _LINUX_MMDEBUG_H */
