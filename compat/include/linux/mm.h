/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pages as memory: addresses, references, sizes, dirtying, truncation of
 * the page cache, and the (absent) user mappings.
 *
 * kfs has no page tables and no mmap: FUSE never hands a mapping to the
 * filesystem (the host kernel keeps its own page cache and calls read and
 * write).  So nothing is ever mapped: page_mapped() is false, unmapping is
 * a no-op, and the fault handlers refuse loudly.  Everything else has the
 * kernel's semantics; see <linux/mm_types.h> for the page model.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/align.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <asm/page.h>

struct address_space;
struct file;
struct inode;
struct writeback_control;

/* ------------------------------------------------------------ addresses */

#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr)	ALIGN_DOWN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define offset_in_thp(page, p)	offset_in_page(p)

static inline void *page_address(const struct page *page)
{
	return page->virtual;
}
#define lowmem_page_address(page)	page_address(page)
#define page_to_virt(page)		page_address(page)

static inline void *folio_address(const struct folio *folio)
{
	return folio->virtual;
}

/*
 * The page that holds addr.  Only memory from the page allocator has a
 * struct page in kfs (kmalloc memory does not): anything else WARNs and
 * gives NULL.
 */
struct page *virt_to_page(const void *addr);
#define virt_to_folio(addr)	page_folio(virt_to_page(addr))
#define virt_to_head_page(addr)	virt_to_page(addr)

/* Page frame numbers: the data address in page units, as on a linear map. */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)page->virtual >> PAGE_SHIFT;
}
#define pfn_to_page(pfn)	virt_to_page((void *)((unsigned long)(pfn) << PAGE_SHIFT))
#define folio_pfn(folio)	page_to_pfn(&(folio)->page)

/* Pages of one allocation are consecutive descriptors. */
#define nth_page(page, n)	((page) + (n))

#define page_private(page)		((page)->private)

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline void *folio_get_private(struct folio *folio)
{
	return folio->private;
}

/* ------------------------------------------------------ sizes (no THP) */

static inline long folio_nr_pages(const struct folio *folio)
{
	return 1;
}

static inline unsigned int folio_order(const struct folio *folio)
{
	return 0;
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE;
}

static inline unsigned int folio_shift(const struct folio *folio)
{
	return PAGE_SHIFT;
}

static inline struct folio *folio_next(struct folio *folio)
{
	return (struct folio *)folio_page(folio, 1);
}

static inline unsigned int compound_order(const struct page *page)
{
	return 0;
}

static inline unsigned long compound_nr(const struct page *page)
{
	return 1;
}

static inline unsigned long page_size(const struct page *page)
{
	return PAGE_SIZE;
}

static inline unsigned int page_shift(const struct page *page)
{
	return PAGE_SHIFT;
}

static inline int thp_nr_pages(const struct page *page)
{
	return 1;
}

static inline unsigned long thp_size(const struct page *page)
{
	return PAGE_SIZE;
}

/* No transparent huge pages: ->get_unmapped_area falls back to the default (K). */
#define thp_get_unmapped_area	NULL

#define offset_in_folio(folio, p)	((unsigned long)(p) & (folio_size(folio) - 1))

/* ----------------------------------------------------------- references */

/* Called when the last reference to a folio goes (compat/mm/page_alloc.c). */
void __folio_put(struct folio *folio);

static inline void folio_get(struct folio *folio)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) <= 0, folio);
	folio_ref_inc(folio);
}

static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

static inline bool try_get_page(struct page *page)
{
	if (WARN_ON_ONCE(page_ref_count(page) <= 0))
		return false;
	page_ref_inc(page);
	return true;
}

static inline int folio_put_testzero(struct folio *folio)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) == 0, folio);
	return folio_ref_dec_and_test(folio);
}

static inline int put_page_testzero(struct page *page)
{
	return folio_put_testzero(page_folio(page));
}

static inline void folio_put(struct folio *folio)
{
	if (folio_put_testzero(folio))
		__folio_put(folio);
}

static inline void folio_put_refs(struct folio *folio, int refs)
{
	if (folio_ref_sub_and_test(folio, refs))
		__folio_put(folio);
}

static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

void put_pages_list(struct list_head *pages);

/* Nothing is mapped into user space in kfs. */
static inline int page_mapcount(struct page *page)
{
	return 0;
}

static inline int folio_mapcount(struct folio *folio)
{
	return 0;
}

static inline int total_mapcount(struct page *page)
{
	return 0;
}

static inline bool page_mapped(struct page *page)
{
	return false;
}

static inline bool folio_mapped(struct folio *folio)
{
	return false;
}

static inline bool folio_maybe_dma_pinned(struct folio *folio)
{
	return false;
}

/* ------------------------------------------------------------- mapping */

/* The page-cache mapping a folio belongs to, NULL for other pages. */
static inline struct address_space *folio_mapping(struct folio *folio)
{
	struct address_space *mapping = READ_ONCE(folio->mapping);

	if ((unsigned long)mapping & PAGE_MAPPING_FLAGS)
		return NULL;
	return mapping;
}

static inline struct address_space *page_mapping(struct page *page)
{
	return folio_mapping(page_folio(page));
}

static inline struct address_space *page_mapping_file(struct page *page)
{
	return page_mapping(page);
}

static inline pgoff_t page_index(struct page *page)
{
	return page->index;
}

static inline pgoff_t folio_index(struct folio *folio)
{
	return folio->index;
}

/* ------------------------------------------------------------ dirtying */

bool folio_mark_dirty(struct folio *folio);
bool set_page_dirty(struct page *page);
int set_page_dirty_lock(struct page *page);
bool folio_clear_dirty_for_io(struct folio *folio);
bool clear_page_dirty_for_io(struct page *page);

/* --------------------------------------------------- truncation (truncate.c) */

void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
void truncate_inode_pages_final(struct address_space *mapping);

void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
void truncate_inode_pages_final(struct address_space *mapping);
void truncate_pagecache(struct inode *inode, loff_t new);
void truncate_setsize(struct inode *inode, loff_t newsize);
void pagecache_isize_extended(struct inode *inode, loff_t from, loff_t to);
void truncate_pagecache_range(struct inode *inode, loff_t offset, loff_t end);
int generic_error_remove_page(struct address_space *mapping, struct page *page);

/*
 * Unmapping page-cache pages from user space: nothing is ever mapped in
 * kfs (no mmap reaches a filesystem), so there is nothing to do.
 */
static inline void unmap_mapping_range(struct address_space *mapping,
				       loff_t const holebegin, loff_t const holelen,
				       int even_cows)
{
}

static inline void unmap_mapping_pages(struct address_space *mapping, pgoff_t start,
				       pgoff_t nr, bool even_cows)
{
}

static inline void unmap_mapping_folio(struct folio *folio)
{
}

static inline int folio_mkclean(struct folio *folio)
{
	return 0;
}

static inline int page_mkclean(struct page *page)
{
	return 0;
}

/* ---------------------------------------------------------- user mappings */

/*
 * The shapes filesystems name in their vm_operations tables.  No vma is
 * ever created in kfs; generic_file_mmap() refuses with -ENODEV.
 */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_HUGEPAGE	0x20000000UL
#define VM_MIXEDMAP	0x10000000UL

typedef unsigned long vm_flags_t;

struct vm_operations_struct;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	vm_flags_t vm_flags;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};

enum fault_flag {
	FAULT_FLAG_WRITE = 1 << 0,
	FAULT_FLAG_MKWRITE = 1 << 1,
	FAULT_FLAG_ALLOW_RETRY = 1 << 2,
	FAULT_FLAG_RETRY_NOWAIT = 1 << 3,
	FAULT_FLAG_KILLABLE = 1 << 4,
	FAULT_FLAG_TRIED = 1 << 5,
	FAULT_FLAG_USER = 1 << 6,
	FAULT_FLAG_REMOTE = 1 << 7,
	FAULT_FLAG_INSTRUCTION = 1 << 8,
	FAULT_FLAG_INTERRUPTIBLE = 1 << 9,
};

struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	pgoff_t pgoff;
	unsigned long address;
	enum fault_flag flags;
	struct page *cow_page;
	struct page *page;
};

enum vm_fault_reason {
	VM_FAULT_OOM = (__force vm_fault_t)0x000001,
	VM_FAULT_SIGBUS = (__force vm_fault_t)0x000002,
	VM_FAULT_MAJOR = (__force vm_fault_t)0x000004,
	VM_FAULT_HWPOISON = (__force vm_fault_t)0x000010,
	VM_FAULT_HWPOISON_LARGE = (__force vm_fault_t)0x000020,
	VM_FAULT_SIGSEGV = (__force vm_fault_t)0x000040,
	VM_FAULT_NOPAGE = (__force vm_fault_t)0x000100,
	VM_FAULT_LOCKED = (__force vm_fault_t)0x000200,
	VM_FAULT_RETRY = (__force vm_fault_t)0x000400,
	VM_FAULT_FALLBACK = (__force vm_fault_t)0x000800,
	VM_FAULT_DONE_COW = (__force vm_fault_t)0x001000,
	VM_FAULT_NEEDDSYNC = (__force vm_fault_t)0x002000,
};

#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, unsigned int order);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
};

static inline vm_fault_t vmf_error(int err)
{
	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	return VM_FAULT_SIGBUS;
}

/* The generic fault handlers: never reached in kfs, they WARN and refuse. */
vm_fault_t filemap_fault(struct vm_fault *vmf);
vm_fault_t filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
vm_fault_t filemap_page_mkwrite(struct vm_fault *vmf);

/* ---------------------------------------------------------------- misc */

/* Default readahead window of a bdi: 128 KiB. */
#define VM_READAHEAD_PAGES	((128 * 1024) / PAGE_SIZE)

/*
 * The memory the page cache may use, in pages (its limit, kfs/mm.h): what
 * filesystems that size tables by "RAM" should scale to.
 */
unsigned long totalram_pages(void);

static inline bool want_init_on_free(void)
{
	return false;
}

static inline bool want_init_on_alloc(gfp_t flags)
{
	return false;
}

#endif /* _LINUX_MM_H */
