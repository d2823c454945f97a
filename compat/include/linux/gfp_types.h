/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GFP ("get free pages") flags: how an allocation may behave when memory is
 * short (Documentation/core-api/memory-allocation.rst).  In kfs they keep the
 * meaning fs code relies on:
 *  - whether the allocator may sleep (__GFP_DIRECT_RECLAIM): allocations that
 *    may sleep run might_sleep() and, on failure, the registered shrinkers
 *    before they give up; the others (GFP_ATOMIC, GFP_NOWAIT) never sleep;
 *  - whether reclaim may recurse into the file system or issue I/O
 *    (__GFP_FS, __GFP_IO): passed to shrinkers in shrink_control.gfp_mask,
 *    and narrowed by memalloc_nofs_save()/memalloc_noio_save() scopes;
 *  - __GFP_ZERO zeroes, __GFP_NOFAIL never returns NULL, __GFP_NOWARN keeps
 *    a failure quiet, __GFP_NORETRY/__GFP_RETRY_MAYFAIL give up early.
 * The zone, placement and accounting modifiers are accepted and ignored:
 * there is one kind of memory here.
 */
#ifndef _LINUX_GFP_TYPES_H
#define _LINUX_GFP_TYPES_H

#include <linux/types.h>

/* Bit numbers.  Only their distinctness matters to callers. */
enum {
	__GFP_BIT_DMA,
	__GFP_BIT_HIGHMEM,
	__GFP_BIT_DMA32,
	__GFP_BIT_MOVABLE,
	__GFP_BIT_RECLAIMABLE,
	__GFP_BIT_HIGH,
	__GFP_BIT_IO,
	__GFP_BIT_FS,
	__GFP_BIT_ZERO,
	__GFP_BIT_ATOMIC,
	__GFP_BIT_DIRECT_RECLAIM,
	__GFP_BIT_KSWAPD_RECLAIM,
	__GFP_BIT_WRITE,
	__GFP_BIT_NOWARN,
	__GFP_BIT_RETRY_MAYFAIL,
	__GFP_BIT_NOFAIL,
	__GFP_BIT_NORETRY,
	__GFP_BIT_MEMALLOC,
	__GFP_BIT_COMP,
	__GFP_BIT_NOMEMALLOC,
	__GFP_BIT_HARDWALL,
	__GFP_BIT_THISNODE,
	__GFP_BIT_ACCOUNT,
	__GFP_BIT_ZEROTAGS,
	__GFP_BIT_SKIP_ZERO,
	__GFP_BIT_SKIP_KASAN_UNPOISON,
	__GFP_BIT_SKIP_KASAN_POISON,
	__GFP_BIT_NOLOCKDEP,
	__GFP_BITS_SHIFT
};

#define __GFP_FLAG(name)	((__force gfp_t)(1U << __GFP_BIT_##name))

/* Zone modifiers: accepted, meaningless here. */
#define __GFP_DMA		__GFP_FLAG(DMA)
#define __GFP_HIGHMEM		__GFP_FLAG(HIGHMEM)
#define __GFP_DMA32		__GFP_FLAG(DMA32)
#define __GFP_MOVABLE		__GFP_FLAG(MOVABLE)
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Placement and accounting hints: accepted, ignored. */
#define __GFP_RECLAIMABLE	__GFP_FLAG(RECLAIMABLE)
#define __GFP_WRITE		__GFP_FLAG(WRITE)
#define __GFP_HARDWALL		__GFP_FLAG(HARDWALL)
#define __GFP_THISNODE		__GFP_FLAG(THISNODE)
#define __GFP_ACCOUNT		__GFP_FLAG(ACCOUNT)

/* Access to reserves. */
#define __GFP_ATOMIC		__GFP_FLAG(ATOMIC)
#define __GFP_HIGH		__GFP_FLAG(HIGH)
#define __GFP_MEMALLOC		__GFP_FLAG(MEMALLOC)
#define __GFP_NOMEMALLOC	__GFP_FLAG(NOMEMALLOC)

/* Reclaim: what the allocator may do to find memory. */
#define __GFP_IO		__GFP_FLAG(IO)
#define __GFP_FS		__GFP_FLAG(FS)
#define __GFP_DIRECT_RECLAIM	__GFP_FLAG(DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	__GFP_FLAG(KSWAPD_RECLAIM)
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_RETRY_MAYFAIL	__GFP_FLAG(RETRY_MAYFAIL)
#define __GFP_NOFAIL		__GFP_FLAG(NOFAIL)
#define __GFP_NORETRY		__GFP_FLAG(NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN		__GFP_FLAG(NOWARN)
#define __GFP_COMP		__GFP_FLAG(COMP)
#define __GFP_ZERO		__GFP_FLAG(ZERO)
#define __GFP_ZEROTAGS		__GFP_FLAG(ZEROTAGS)
#define __GFP_SKIP_ZERO		__GFP_FLAG(SKIP_ZERO)
#define __GFP_SKIP_KASAN_UNPOISON __GFP_FLAG(SKIP_KASAN_UNPOISON)
#define __GFP_SKIP_KASAN_POISON	__GFP_FLAG(SKIP_KASAN_POISON)
#define __GFP_NOLOCKDEP		__GFP_FLAG(NOLOCKDEP)

#define __GFP_BITS_MASK		((__force gfp_t)((1U << __GFP_BITS_SHIFT) - 1))

/* The combinations callers use. */
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
				  __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE		(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

#endif /* _LINUX_GFP_TYPES_H */
