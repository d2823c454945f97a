/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory accounting of the kernel world, for the FUSE daemon, the tools and
 * the tests (implemented by compat/mm/slab.c).  Shared by both worlds:
 * compiler-builtin types only.
 *
 * Every object cache (kmem_cache_create) and every kmalloc size class counts
 * its live objects.  Built with debug_checks (CONFIG_KFS_LEAK_CHECK), each
 * live object is also recorded with the code address that allocated it, the
 * report lists the first few of them, and the report is printed at exit when
 * anything is still allocated (KFS_LEAK_REPORT=0 in the environment turns
 * that off); objects passed to kmemleak_not_leak() are left out of it.
 *
 * kfs_mem_shrink_all() runs kernel code: call it from a thread adopted with
 * kfs_thread_adopt().  The two others only read counters.
 */
#ifndef _KFS_MEM_H
#define _KFS_MEM_H

/*
 * Counts (and with print set, prints through printk, one line per cache and
 * a few lines per leaked object in debug builds) the objects still allocated
 * in every cache and kmalloc size class, and the live vmalloc areas.
 * Returns the total.
 */
long kfs_mem_leak_report(int print);

/*
 * Live objects of the cache named name ("kmalloc-64", "inode_cache", ...,
 * "vmalloc" for vmalloc areas); -2 (-ENOENT) when no such cache exists.
 */
long kfs_mem_live_objects(const char *name);

/*
 * Leaves every object alive now out of later leak reports: the global state
 * that initcalls allocate for the life of the process (kfs_init calls it).
 */
void kfs_mem_mark_boot_objects(void);

/* Runs every shrinker over everything it holds; returns objects freed. */
unsigned long kfs_mem_shrink_all(void);

#endif /* _KFS_MEM_H */
