/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kmemleak annotations.  kfs has no kmemleak scanner, but it has a leak
 * report (compat/api/kfs_mem.h): objects marked here stay allocated on
 * purpose and are left out of it.  Implemented in compat/mm/slab.c.
 */
#ifndef _LINUX_KMEMLEAK_H
#define _LINUX_KMEMLEAK_H

/* ptr (from kmalloc or kmem_cache_alloc) is not a leak. */
void kmemleak_not_leak(const void *ptr);
/* Same: kmemleak would also stop scanning it, which has no meaning here. */
void kmemleak_ignore(const void *ptr);

#endif /* _LINUX_KMEMLEAK_H */
