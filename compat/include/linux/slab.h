/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kmalloc and object caches (kmem_cache), as Documentation/core-api/
 * memory-allocation.rst and the kernel-doc of mm/slab_common.c describe them.
 * Implemented in compat/mm/slab.c on the host's malloc, one host block per
 * object, so AddressSanitizer sees every kmalloc object on its own.
 *
 * What callers may rely on:
 *  - kmalloc(0) returns ZERO_SIZE_PTR, which kfree() accepts; sizes above
 *    KMALLOC_MAX_SIZE fail (NULL, with a warning unless __GFP_NOWARN);
 *  - kmalloc objects are at least ARCH_KMALLOC_MINALIGN aligned, and a
 *    power-of-two size up to PAGE_SIZE is aligned to its size; ksize()
 *    gives the usable size of the object's size class;
 *  - a cache's constructor runs once, when an object is first created, not
 *    on every kmem_cache_alloc(): freed objects go back to the cache still
 *    constructed and are handed out again as they are;
 *  - SLAB_TYPESAFE_BY_RCU objects may be reused at once but their memory
 *    returns to the host only after an RCU grace period;
 *  - kmem_cache_destroy() of a cache with live objects warns and keeps the
 *    cache (the objects stay valid);
 *  - allocations that may sleep (gfpflags_allow_blocking) call might_sleep();
 *    on failure they run the shrinkers and retry once, __GFP_NOFAIL ones
 *    until they succeed.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/instruction_pointer.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <asm/page.h>

/* Cache flags (kmem_cache_create).  Debug and accounting ones are accepted. */
#define SLAB_CONSISTENCY_CHECKS	((__force slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE		((__force slab_flags_t)0x00000400U)
#define SLAB_POISON		((__force slab_flags_t)0x00000800U)
#define SLAB_KMALLOC		((__force slab_flags_t)0x00001000U)
#define SLAB_HWCACHE_ALIGN	((__force slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((__force slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((__force slab_flags_t)0x00008000U)
#define SLAB_STORE_USER		((__force slab_flags_t)0x00010000U)
#define SLAB_PANIC		((__force slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((__force slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD		((__force slab_flags_t)0x00100000U)
#define SLAB_TRACE		((__force slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((__force slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE	((__force slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB		((__force slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT		((__force slab_flags_t)0x04000000U)
#define SLAB_KASAN		((__force slab_flags_t)0x08000000U)
#define SLAB_NO_USER_FLAGS	((__force slab_flags_t)0x10000000U)
#define SLAB_SKIP_KFENCE	((__force slab_flags_t)0x20000000U)
#define SLAB_RECLAIM_ACCOUNT	((__force slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT

/* What kmalloc(0) returns: not NULL, but never to be dereferenced. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN	__alignof__(unsigned long long)
#define ARCH_DMA_MINALIGN	ARCH_KMALLOC_MINALIGN
#define __assume_kmalloc_alignment __assume_aligned(ARCH_KMALLOC_MINALIGN)
#define __assume_slab_alignment	__assume_aligned(ARCH_SLAB_MINALIGN)
#define __assume_page_alignment	__assume_aligned(PAGE_SIZE)

/*
 * Size classes: 8 bytes up to two pages are served from kmalloc caches
 * (plus the 96 and 192 byte classes); larger requests come straight from the
 * host, page aligned, up to KMALLOC_MAX_SIZE (what an order-10 page
 * allocation gives in a 6.1 x86-64 kernel).
 */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	22
#define KMALLOC_MIN_SIZE	(1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)

struct kmem_cache;
struct list_lru;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);

/* A cache for struct NAME, named after it and aligned as it is. */
#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)			\
	kmem_cache_create_usercopy(#__struct, sizeof(struct __struct),	\
			__alignof__(struct __struct), (__flags),		\
			offsetof(struct __struct, __field),			\
			sizeof_field(struct __struct, __field), NULL)

/*
 * Allocation entry points are out of line so that the leak report can name
 * the code that called them (_RET_IP_ inside them); the inline helpers below
 * only add flags.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __assume_slab_alignment __malloc;

/* The list_lru is a memcg placement hint in the kernel; there is no memcg. */
void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
	__assume_slab_alignment __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
	__assume_slab_alignment __malloc;

static __always_inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

void kmem_cache_free(struct kmem_cache *s, void *objp);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p);

/* kmalloc and friends. */
void *__kmalloc(size_t size, gfp_t flags) __alloc_size(1) __assume_kmalloc_alignment __malloc;
/* Allocates for the caller's caller: caller is whom the leak report names. */
void *__kmalloc_track_caller(size_t size, gfp_t flags, unsigned long caller)
	__alloc_size(1) __assume_kmalloc_alignment __malloc;
void *__kmalloc_node(size_t size, gfp_t flags, int node)
	__alloc_size(1) __assume_kmalloc_alignment __malloc;
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

static __always_inline __alloc_size(1) void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static __always_inline __alloc_size(1) void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags, node);
}

static __always_inline __alloc_size(1) void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO);
}

static __always_inline __alloc_size(1) void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags | __GFP_ZERO, node);
}

#define kmalloc_track_caller(size, flags)				\
	__kmalloc_track_caller(size, flags, _RET_IP_)
#define kmalloc_node_track_caller(size, flags, node)			\
	__kmalloc_track_caller(size, flags, _RET_IP_)

/* An array of n elements: NULL when n * size overflows. */
static __always_inline __alloc_size(1, 2) void *kmalloc_array(size_t n, size_t size,
							       gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

static __always_inline __alloc_size(1, 2) void *kmalloc_array_node(size_t n, size_t size,
								    gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc_node(bytes, flags, node);
}

static __always_inline __alloc_size(1, 2) void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static __always_inline __alloc_size(1, 2) void *kcalloc_node(size_t n, size_t size,
							      gfp_t flags, int node)
{
	return kmalloc_array_node(n, size, flags | __GFP_ZERO, node);
}

/*
 * Resizes p (NULL: allocates) keeping its contents; a size that fits the
 * object's size class keeps the object.  new_size 0 frees p and returns
 * ZERO_SIZE_PTR.  On failure p is left untouched and NULL is returned.
 * With __GFP_ZERO (on every call for the object, as the kernel asks) the
 * new bytes are zero.
 */
void * __must_check krealloc(const void *p, size_t new_size, gfp_t flags) __realloc_size(2);

static __always_inline void * __must_check __realloc_size(2, 3)
krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

static inline void kfree_bulk(size_t size, void **p)
{
	kmem_cache_free_bulk(NULL, size, p);
}

/*
 * kvmalloc: kmalloc when that is cheap, vmalloc otherwise (sizes above a
 * page try kmalloc without retrying or warning first).  kvfree() takes
 * either kind.  Sizes above INT_MAX fail, as in the kernel.
 */
void *kvmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
	__realloc_size(3);
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);

static __always_inline __alloc_size(1) void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, NUMA_NO_NODE);
}

static __always_inline __alloc_size(1) void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, node);
}

static __always_inline __alloc_size(1) void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, NUMA_NO_NODE);
}

static __always_inline __alloc_size(1, 2) void *kvmalloc_array(size_t n, size_t size,
								gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc_node(bytes, flags, NUMA_NO_NODE);
}

static __always_inline __alloc_size(1, 2) void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

#endif /* _LINUX_SLAB_H */
