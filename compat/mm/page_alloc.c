// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page allocator (the role of mm/page_alloc.c; semantics of
 * Documentation/core-api/memory-allocation.rst).
 *
 * An order-n block is 2^n * PAGE_SIZE bytes of page-aligned host memory
 * (kfs_host_alloc, so allocation fault injection applies) described by 2^n
 * consecutive struct pages; page i's ->virtual is the block's start plus
 * i pages.  Page alignment is what lets the block layer hand page-cache
 * pages to O_DIRECT I/O on the image.
 *
 * A registry (an XArray keyed by page frame number, i.e. address >>
 * PAGE_SHIFT) maps every allocated page's data back to its descriptor for
 * virt_to_page() and free_pages().  Memory that does not come from this
 * allocator (kmalloc'ed buffers, caller memory for direct I/O) gets a
 * descriptor on first use by virt_to_page(), kept in the same registry: the
 * kernel's virt_to_page() works on any linear-map address and filesystems
 * rely on that (hfsplus, jbd2 build bios over kmalloc memory).  Such a
 * "foreign" descriptor is dropped when the page allocator takes over that
 * page of memory, which proves nothing live can still be using it.
 *
 * Reference counting is the kernel's: a block starts with one reference
 * on its first page; put_page()/folio_put() reaching zero frees the whole
 * block.  The kernel's __free_pages() of a non-compound block whose first
 * page is still referenced elsewhere frees the tail pages at once; kfs
 * keeps the block until the last reference goes.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <kfs/mm.h>
#include <kfs/slab.h>
#include <kfs_host_alloc.h>

#include "internal.h"

/* Orders 0..MAX_ORDER-1, as in the kernel (4 MiB blocks at most). */
#define MAX_ORDER	11

/* page->kfs_alloc_flags */
#define KFS_PAGE_BLOCK_HEAD	0x1	/* first page of an allocated block */
#define KFS_PAGE_FOREIGN	0x2	/* describes memory this allocator does not own */

static DEFINE_XARRAY_FLAGS(page_registry, XA_FLAGS_KFS_PERMANENT);
static atomic_long_t pages_in_use = ATOMIC_LONG_INIT(0);

static inline unsigned long addr_to_pfn(const void *addr)
{
	return (unsigned long)addr >> PAGE_SHIFT;
}

/* Foreign descriptors come from kfs_host_alloc_nofault (see foreign_page). */
static void foreign_free_rcu(struct rcu_head *head)
{
	kfs_host_free(container_of(head, struct page, rcu_head));
}

/* Puts a block's pages in the registry; on failure nothing stays registered. */
static int register_block(struct page *page, unsigned int nr, gfp_t gfp)
{
	unsigned long pfn = addr_to_pfn(page->virtual);
	unsigned int i;

	for (i = 0; i < nr; i++) {
		void *old = xa_store(&page_registry, pfn + i, page + i, gfp);

		if (xa_is_err(old)) {
			while (i--)
				xa_erase(&page_registry, pfn + i);
			return xa_err(old);
		}
		if (old) {
			struct page *prev = old;

			/*
			 * Only a foreign descriptor can be here: the memory
			 * it described has been freed and handed back to us.
			 */
			WARN_ON(!(prev->kfs_alloc_flags & KFS_PAGE_FOREIGN));
			call_rcu(&prev->rcu_head, foreign_free_rcu);
		}
	}
	return 0;
}

static void unregister_block(struct page *page, unsigned int nr)
{
	unsigned long pfn = addr_to_pfn(page->virtual);
	unsigned int i;

	for (i = 0; i < nr; i++)
		xa_erase(&page_registry, pfn + i);
}

static void free_data(void *data, unsigned int order)
{
	if (order)
		kfs_host_free(data);
	else
		kfs_host_page_free(data);
}

static struct page *alloc_block(gfp_t gfp, unsigned int order)
{
	unsigned int nr = 1U << order, i;
	struct page *pages;
	char *data;

	pages = kcalloc(nr, sizeof(*pages), gfp & GFP_RECLAIM_MASK);
	if (!pages)
		return NULL;
	/* Single pages (nearly all of them: the page cache's) from the pool. */
	data = order ? kfs_host_alloc((size_t)PAGE_SIZE << order, PAGE_SIZE) :
		       kfs_host_page_alloc();
	if (!data) {
		kfree(pages);
		return NULL;
	}
	if (gfp & __GFP_ZERO)
		memset(data, 0, (size_t)PAGE_SIZE << order);
	for (i = 0; i < nr; i++) {
		struct page *p = &pages[i];

		INIT_LIST_HEAD(&p->lru);
		p->virtual = data + (size_t)i * PAGE_SIZE;
		atomic_set(&p->_mapcount, -1);
		set_page_count(p, 0);
	}
	pages->kfs_order = order;
	pages->kfs_alloc_flags = KFS_PAGE_BLOCK_HEAD;
	if (register_block(pages, nr, gfp & GFP_RECLAIM_MASK)) {
		free_data(data, order);
		kfree(pages);
		return NULL;
	}
	set_page_count(pages, 1);
	atomic_long_add(nr, &pages_in_use);
	return pages;
}

static void free_block(struct page *page)
{
	unsigned int nr = 1U << page->kfs_order;

	unregister_block(page, nr);
	free_data(page->virtual, page->kfs_order);
	atomic_long_sub(nr, &pages_in_use);
	kfree(page);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;
	bool retried = false;

	might_alloc(gfp);
	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	for (;;) {
		page = alloc_block(gfp, order);
		if (page)
			return page;
		if (!gfpflags_allow_blocking(gfp))
			break;
		/* Give the shrinkers (the page cache's among them) a chance. */
		kfs_shrink_slab(current_gfp_context(gfp), 0);
		if (!(gfp & __GFP_NOFAIL) && retried)
			break;
		retried = true;
	}
	if (!(gfp & __GFP_NOWARN))
		pr_warn("kfs: page allocation of order %u failed (gfp %#x)\n", order,
			(unsigned int)gfp);
	return NULL;
}
EXPORT_SYMBOL(alloc_pages);

struct folio *folio_alloc(gfp_t gfp, unsigned int order)
{
	/* No large folios (see <linux/mm_types.h>). */
	if (WARN_ON_ONCE(order))
		return NULL;
	return page_folio(alloc_pages(gfp, 0));
}
EXPORT_SYMBOL(folio_alloc);

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}
EXPORT_SYMBOL(__get_free_pages);

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}
EXPORT_SYMBOL(get_zeroed_page);

/*
 * Frees a block whose last reference went: the descriptors, the data and
 * the registry entries.  Page-cache folios must have left their mapping
 * and the LRU by now.
 */
void __folio_put(struct folio *folio)
{
	struct page *page = &folio->page;

	if (page->kfs_alloc_flags & KFS_PAGE_FOREIGN) {
		/* Never freed by references: only when the memory is reused. */
		WARN_ONCE(1, "kfs: last reference to a foreign page descriptor dropped\n");
		set_page_count(page, 1);
		return;
	}
	if (WARN_ON_ONCE(!(page->kfs_alloc_flags & KFS_PAGE_BLOCK_HEAD))) {
		dump_page(page, "freeing a tail page");
		return;
	}
	VM_BUG_ON_FOLIO(folio_test_lru(folio), folio);
	VM_BUG_ON_FOLIO(folio->mapping != NULL &&
			!((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS), folio);
	VM_BUG_ON_FOLIO(folio_test_locked(folio), folio);
	VM_BUG_ON_FOLIO(folio_test_writeback(folio), folio);
	VM_BUG_ON_FOLIO(folio_test_private(folio), folio);
	free_block(page);
}
EXPORT_SYMBOL(__folio_put);

void __free_pages(struct page *page, unsigned int order)
{
	if (WARN_ON_ONCE(!(page->kfs_alloc_flags & KFS_PAGE_BLOCK_HEAD) ||
			 page->kfs_order != order)) {
		dump_page(page, "__free_pages: not the head of a block of that order");
		return;
	}
	if (put_page_testzero(page))
		free_block(page);
}
EXPORT_SYMBOL(__free_pages);

void free_pages(unsigned long addr, unsigned int order)
{
	struct page *page;

	if (!addr)
		return;
	page = xa_load(&page_registry, addr_to_pfn((void *)addr));
	if (WARN_ON_ONCE(!page || (page->kfs_alloc_flags & KFS_PAGE_FOREIGN) ||
			 page_address(page) != (void *)addr)) {
		pr_err("kfs: free_pages(%#lx) of memory not from __get_free_pages\n", addr);
		return;
	}
	__free_pages(page, order);
}
EXPORT_SYMBOL(free_pages);

/*
 * The kernel splits the block and frees the pages past size; kfs keeps the
 * whole power-of-two block until free_pages_exact().
 */
void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	if (WARN_ON_ONCE(gfp & __GFP_COMP))
		return NULL;
	return (void *)__get_free_pages(gfp, get_order(size));
}
EXPORT_SYMBOL(alloc_pages_exact);

void free_pages_exact(void *virt, size_t size)
{
	free_pages((unsigned long)virt, get_order(size));
}
EXPORT_SYMBOL(free_pages_exact);

/* Releases every page on a list linked through ->lru. */
void put_pages_list(struct list_head *pages)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru) {
		list_del_init(&page->lru);
		put_page(page);
	}
}
EXPORT_SYMBOL(put_pages_list);

/* A descriptor for memory this allocator does not own (see the top comment). */
static struct page *foreign_page(unsigned long pfn)
{
	struct page *page, *curr;

	page = kfs_host_alloc_nofault(sizeof(*page), 0);
	if (!page)
		return NULL;
	memset(page, 0, sizeof(*page));
	INIT_LIST_HEAD(&page->lru);
	page->virtual = (void *)(pfn << PAGE_SHIFT);
	page->kfs_alloc_flags = KFS_PAGE_FOREIGN;
	atomic_set(&page->_mapcount, -1);
	set_page_count(page, 1);

	curr = xa_cmpxchg(&page_registry, pfn, NULL, page, GFP_ATOMIC);
	if (curr) {
		/* Somebody was first, or the registry is out of memory. */
		kfs_host_free(page);
		return xa_is_err(curr) ? NULL : curr;
	}
	return page;
}

struct page *virt_to_page(const void *addr)
{
	unsigned long pfn = addr_to_pfn(addr);
	struct page *page;

	rcu_read_lock();
	page = xa_load(&page_registry, pfn);
	rcu_read_unlock();
	if (page)
		return page;
	page = foreign_page(pfn);
	if (!page)
		pr_err("kfs: no memory for a page descriptor of %px\n", addr);
	return page;
}
EXPORT_SYMBOL(virt_to_page);

struct page *kfs_page_for_address(void *addr)
{
	struct page *page = virt_to_page(addr);

	if (page)
		get_page(page);
	return page;
}

void dump_page(struct page *page, const char *reason)
{
	pr_emerg("page:%px refcount:%d mapcount:%d mapping:%px index:%#lx data:%px\n",
		 page, page_ref_count(page), atomic_read(&page->_mapcount) + 1,
		 page->mapping, page->index, page->virtual);
	pr_emerg("flags: %#lx private:%#lx order:%u kfs:%#x\n", page->flags,
		 page->private, page->kfs_order, page->kfs_alloc_flags);
	if (reason)
		pr_emerg("page dumped because: %s\n", reason);
}
EXPORT_SYMBOL(dump_page);

/* Pages currently allocated (page cache included), for leak checks. */
unsigned long kfs_pages_in_use(void)
{
	return atomic_long_read(&pages_in_use);
}
