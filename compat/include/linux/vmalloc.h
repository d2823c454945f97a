/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc: large, virtually contiguous allocations.  In kfs each area is its
 * own host mapping with an inaccessible guard page after it, as kernel
 * vmalloc areas have, so running off the end faults at once.  Areas are whole
 * pages and start zeroed.  They may sleep to allocate (might_sleep); the
 * scope flags of memalloc_nofs_save()/memalloc_noio_save() apply, and
 * __GFP_NOFAIL retries until it succeeds.  A request larger than the host's
 * memory fails with a message (not a WARN), unless __GFP_NOWARN.
 * Implemented in compat/mm/vmalloc.c.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

void *vmalloc(unsigned long size) __alloc_size(1);
void *vzalloc(unsigned long size) __alloc_size(1);
void *vmalloc_node(unsigned long size, int node) __alloc_size(1);
void *vzalloc_node(unsigned long size, int node) __alloc_size(1);
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
void *__vmalloc_array(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
void *vmalloc_array(size_t n, size_t size) __alloc_size(1, 2);
void *__vcalloc(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
void *vcalloc(size_t n, size_t size) __alloc_size(1, 2);
void vfree(const void *addr);
void vfree_atomic(const void *addr);

/* True if x lies inside a live vmalloc area (any address, not only starts). */
bool is_vmalloc_addr(const void *x);

#endif /* _LINUX_VMALLOC_H */
