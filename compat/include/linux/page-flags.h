/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page and folio state bits and their accessors.
 *
 * The bits and their meanings are the kernel's (see the comment block at
 * the top of include/linux/page-flags.h): PG_locked serialises I/O and
 * truncation of a page-cache page, PG_uptodate says the data is valid,
 * PG_dirty that it must be written, PG_writeback that a write is in
 * flight, PG_private that ->private holds the owner's data (buffer heads),
 * PG_checked and PG_mappedtodisk belong to filesystems, PG_readahead marks
 * the page whose access triggers the next asynchronous readahead.
 *
 * Every accessor comes in a folio form (folio_test_dirty) and a page form
 * (PageDirty); since a folio is one page, both act on the same word.
 * Plain set/clear are atomic bit operations; the __ forms are non-atomic
 * and only for pages nobody else can see yet.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <asm/barrier.h>

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_arch_2,
	__NR_PAGEFLAGS,

	/* Aliases, as in the kernel: one bit, meanings by context. */
	PG_readahead = PG_reclaim,
	PG_checked = PG_owner_priv_1,
	PG_swapcache = PG_owner_priv_1,
	PG_fscache = PG_private_2,
	PG_pinned = PG_owner_priv_1,
	PG_foreign = PG_owner_priv_1,
	PG_isolated = PG_reclaim,
	PG_anon_exclusive = PG_mappedtodisk,
};

#define NR_PAGEFLAGS	__NR_PAGEFLAGS

static __always_inline unsigned long *folio_flags(struct folio *folio, unsigned int n)
{
	return &folio->flags;
}

/* --------------------------------------------------- accessor generators */

#define KFS_FOLIO_SET(name, bit)					\
static __always_inline void folio_set_##name(struct folio *folio)	\
{ set_bit(bit, &folio->flags); }

#define KFS_FOLIO_CLEAR(name, bit)					\
static __always_inline void folio_clear_##name(struct folio *folio)	\
{ clear_bit(bit, &folio->flags); }

#define KFS_FOLIO_NA_SET(name, bit)					\
static __always_inline void __folio_set_##name(struct folio *folio)	\
{ __set_bit(bit, &folio->flags); }

#define KFS_FOLIO_NA_CLEAR(name, bit)					\
static __always_inline void __folio_clear_##name(struct folio *folio)	\
{ __clear_bit(bit, &folio->flags); }

#define KFS_FOLIO_TESTSET(name, bit)					\
static __always_inline bool folio_test_set_##name(struct folio *folio)	\
{ return test_and_set_bit(bit, &folio->flags); }

#define KFS_FOLIO_TESTCLEAR(name, bit)					\
static __always_inline bool folio_test_clear_##name(struct folio *folio) \
{ return test_and_clear_bit(bit, &folio->flags); }

/* Page forms, spelled as the kernel spells them. */
#define KFS_PAGE_TEST(uname, bit)					\
static __always_inline int Page##uname(const struct page *page)		\
{ return test_bit(bit, &page->flags); }
#define KFS_PAGE_SET(uname, bit)					\
static __always_inline void SetPage##uname(struct page *page)		\
{ set_bit(bit, &page->flags); }
#define KFS_PAGE_CLEAR(uname, bit)					\
static __always_inline void ClearPage##uname(struct page *page)		\
{ clear_bit(bit, &page->flags); }
#define KFS_PAGE_NA_SET(uname, bit)					\
static __always_inline void __SetPage##uname(struct page *page)		\
{ __set_bit(bit, &page->flags); }
#define KFS_PAGE_NA_CLEAR(uname, bit)					\
static __always_inline void __ClearPage##uname(struct page *page)	\
{ __clear_bit(bit, &page->flags); }
#define KFS_PAGE_TESTSET(uname, bit)					\
static __always_inline int TestSetPage##uname(struct page *page)	\
{ return test_and_set_bit(bit, &page->flags); }
#define KFS_PAGE_TESTCLEAR(uname, bit)					\
static __always_inline int TestClearPage##uname(struct page *page)	\
{ return test_and_clear_bit(bit, &page->flags); }

#define KFS_FOLIO_TEST_ONLY(lname, bit)					\
static __always_inline bool folio_test_##lname(const struct folio *folio) \
{ return test_bit(bit, &folio->flags); }

/* test + atomic set/clear, in both forms */
#define KFS_FLAG(uname, lname, bit)					\
	KFS_FOLIO_TEST_ONLY(lname, bit)					\
	KFS_FOLIO_SET(lname, bit) KFS_FOLIO_CLEAR(lname, bit)		\
	KFS_PAGE_TEST(uname, bit)					\
	KFS_PAGE_SET(uname, bit) KFS_PAGE_CLEAR(uname, bit)
/* non-atomic set/clear */
#define KFS_FLAG_NA(uname, lname, bit)					\
	KFS_FOLIO_NA_SET(lname, bit) KFS_FOLIO_NA_CLEAR(lname, bit)	\
	KFS_PAGE_NA_SET(uname, bit) KFS_PAGE_NA_CLEAR(uname, bit)
/* test-and-set / test-and-clear */
#define KFS_FLAG_TS(uname, lname, bit)					\
	KFS_FOLIO_TESTSET(lname, bit) KFS_PAGE_TESTSET(uname, bit)
#define KFS_FLAG_TC(uname, lname, bit)					\
	KFS_FOLIO_TESTCLEAR(lname, bit) KFS_PAGE_TESTCLEAR(uname, bit)

/* A flag kfs never sets (no highmem, no swap, no hugetlb...). */
#define KFS_FLAG_FALSE(uname, lname)					\
static __always_inline bool folio_test_##lname(const struct folio *folio) \
{ return false; }							\
static __always_inline int Page##uname(const struct page *page)		\
{ return 0; }

/* ------------------------------------------------------------ the flags */

/* PG_locked: only folio_lock()/folio_unlock() (pagemap.h) change it. */
KFS_FOLIO_TEST_ONLY(locked, PG_locked)
KFS_PAGE_TEST(Locked, PG_locked)
KFS_FLAG_NA(Locked, locked, PG_locked)

KFS_FLAG(Waiters, waiters, PG_waiters)
KFS_FLAG(Error, error, PG_error) KFS_FLAG_TC(Error, error, PG_error)
KFS_FLAG(Referenced, referenced, PG_referenced)
	KFS_FLAG_TC(Referenced, referenced, PG_referenced)
	KFS_FOLIO_NA_SET(referenced, PG_referenced)
	KFS_PAGE_NA_SET(Referenced, PG_referenced)
KFS_FLAG(Dirty, dirty, PG_dirty) KFS_FLAG_TS(Dirty, dirty, PG_dirty)
	KFS_FLAG_TC(Dirty, dirty, PG_dirty)
	KFS_FOLIO_NA_CLEAR(dirty, PG_dirty) KFS_PAGE_NA_CLEAR(Dirty, PG_dirty)
KFS_FLAG(LRU, lru, PG_lru) KFS_FLAG_TC(LRU, lru, PG_lru)
	KFS_FOLIO_NA_CLEAR(lru, PG_lru) KFS_PAGE_NA_CLEAR(LRU, PG_lru)
KFS_FLAG(Active, active, PG_active) KFS_FLAG_TC(Active, active, PG_active)
	KFS_FOLIO_NA_CLEAR(active, PG_active) KFS_PAGE_NA_CLEAR(Active, PG_active)
KFS_FLAG(Workingset, workingset, PG_workingset)
	KFS_FLAG_TC(Workingset, workingset, PG_workingset)
KFS_FOLIO_TEST_ONLY(slab, PG_slab) KFS_PAGE_TEST(Slab, PG_slab)
	KFS_FLAG_NA(Slab, slab, PG_slab)
KFS_FLAG(Checked, checked, PG_checked)
KFS_FLAG(Pinned, pinned, PG_pinned)
KFS_FLAG(Foreign, foreign, PG_foreign)
KFS_FLAG(Reserved, reserved, PG_reserved) KFS_FLAG_NA(Reserved, reserved, PG_reserved)
KFS_FLAG(SwapBacked, swapbacked, PG_swapbacked)
	KFS_FLAG_NA(SwapBacked, swapbacked, PG_swapbacked)
KFS_FLAG(Private, private, PG_private)
KFS_FLAG(Private2, private_2, PG_private_2) KFS_FLAG_TS(Private2, private_2, PG_private_2)
	KFS_FLAG_TC(Private2, private_2, PG_private_2)
KFS_FLAG(OwnerPriv1, owner_priv_1, PG_owner_priv_1)
	KFS_FLAG_TC(OwnerPriv1, owner_priv_1, PG_owner_priv_1)
/* PG_writeback: set and cleared through folio_start/end_writeback. */
KFS_FOLIO_TEST_ONLY(writeback, PG_writeback) KFS_PAGE_TEST(Writeback, PG_writeback)
	KFS_FLAG_TS(Writeback, writeback, PG_writeback)
	KFS_FLAG_TC(Writeback, writeback, PG_writeback)
KFS_FLAG(MappedToDisk, mappedtodisk, PG_mappedtodisk)
KFS_FLAG(Reclaim, reclaim, PG_reclaim) KFS_FLAG_TC(Reclaim, reclaim, PG_reclaim)
KFS_FLAG(Readahead, readahead, PG_readahead)
	KFS_FLAG_TC(Readahead, readahead, PG_readahead)
KFS_FLAG(Unevictable, unevictable, PG_unevictable)
	KFS_FLAG_TC(Unevictable, unevictable, PG_unevictable)
	KFS_FOLIO_NA_CLEAR(unevictable, PG_unevictable)
	KFS_PAGE_NA_CLEAR(Unevictable, PG_unevictable)
KFS_FLAG(Mlocked, mlocked, PG_mlocked) KFS_FLAG_TC(Mlocked, mlocked, PG_mlocked)
	KFS_FLAG_TS(Mlocked, mlocked, PG_mlocked)

/* Private2 is also known as the fscache bit. */
#define folio_test_fscache(folio)	folio_test_private_2(folio)
#define folio_set_fscache(folio)	folio_set_private_2(folio)
#define folio_clear_fscache(folio)	folio_clear_private_2(folio)
#define PageFsCache(page)		PagePrivate2(page)
#define SetPageFsCache(page)		SetPagePrivate2(page)
#define ClearPageFsCache(page)		ClearPagePrivate2(page)

KFS_FLAG_FALSE(HighMem, highmem)
KFS_FLAG_FALSE(SwapCache, swapcache)
KFS_FLAG_FALSE(HWPoison, hwpoison)
KFS_FLAG_FALSE(Ksm, ksm)
KFS_FLAG_FALSE(Huge, hugetlb)
KFS_FLAG_FALSE(HeadHuge, headhuge)
KFS_FLAG_FALSE(TransHuge, transhuge)
KFS_FLAG_FALSE(TransTail, transtail)
KFS_FLAG_FALSE(DoubleMap, double_map)
KFS_FLAG_FALSE(Anon, anon)
KFS_FLAG_FALSE(Isolated, isolated)
KFS_FLAG_FALSE(Idle, idle)
KFS_FLAG_FALSE(Young, young)

#define HWPoisonHandlable(page)	0

/* No compound pages: every page is its own head, no page is a tail. */
static __always_inline int PageTail(const struct page *page) { return 0; }
static __always_inline int PageHead(const struct page *page) { return 0; }
static __always_inline int PageCompound(const struct page *page) { return 0; }
static __always_inline bool folio_test_head(const struct folio *folio) { return false; }
static __always_inline bool folio_test_large(const struct folio *folio) { return false; }
#define compound_head(page)	((typeof(page))(page))

/*
 * PG_uptodate orders the page's data: the writer fills the page, then sets
 * the bit with a write barrier before it; a reader that sees the bit set
 * issues a read barrier after, so it sees the data (kernel semantics).
 */
static __always_inline bool folio_test_uptodate(const struct folio *folio)
{
	bool ret = test_bit(PG_uptodate, &folio->flags);

	if (ret)
		smp_rmb();
	return ret;
}

static __always_inline int PageUptodate(const struct page *page)
{
	return folio_test_uptodate(page_folio(page));
}

static __always_inline void __folio_mark_uptodate(struct folio *folio)
{
	smp_wmb();
	__set_bit(PG_uptodate, &folio->flags);
}

static __always_inline void folio_mark_uptodate(struct folio *folio)
{
	smp_wmb();
	set_bit(PG_uptodate, &folio->flags);
}

static __always_inline void __SetPageUptodate(struct page *page)
{
	__folio_mark_uptodate(page_folio(page));
}

static __always_inline void SetPageUptodate(struct page *page)
{
	folio_mark_uptodate(page_folio(page));
}

KFS_FOLIO_CLEAR(uptodate, PG_uptodate)
KFS_PAGE_CLEAR(Uptodate, PG_uptodate)

/* Private data of either kind (buffer heads, or fscache's PG_private_2). */
static __always_inline bool folio_has_private(const struct folio *folio)
{
	return folio->flags & ((1UL << PG_private) | (1UL << PG_private_2));
}

static __always_inline int page_has_private(const struct page *page)
{
	return folio_has_private(page_folio(page));
}

/* The low bits of ->mapping say what kind of mapping it is; kfs has only files. */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static __always_inline bool PageMappingFlags(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) != 0;
}

static __always_inline bool folio_mapping_flags(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS) != 0;
}

/* Page types (the kernel's _mapcount encoding for buddy/slab pages): none. */
#define PageBuddy(page)		0
#define PageTable(page)		0
#define PageGuard(page)		0
#define PageOffline(page)	0

#undef KFS_FOLIO_TEST_ONLY
#undef KFS_FOLIO_SET
#undef KFS_FOLIO_CLEAR
#undef KFS_FOLIO_NA_SET
#undef KFS_FOLIO_NA_CLEAR
#undef KFS_FOLIO_TESTSET
#undef KFS_FOLIO_TESTCLEAR
#undef KFS_PAGE_TEST
#undef KFS_PAGE_SET
#undef KFS_PAGE_CLEAR
#undef KFS_PAGE_NA_SET
#undef KFS_PAGE_NA_CLEAR
#undef KFS_PAGE_TESTSET
#undef KFS_PAGE_TESTCLEAR
#undef KFS_FLAG
#undef KFS_FLAG_NA
#undef KFS_FLAG_TS
#undef KFS_FLAG_TC
#undef KFS_FLAG_FALSE

#endif /* _LINUX_PAGE_FLAGS_H */
