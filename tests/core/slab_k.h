/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel-world half of the memory tests (slab_k.c), called by the cmocka
 * runner test_slab.c.  Each returns 0 when every check passed, or the source
 * line of the first check that failed (after printing it through printk).
 * Shared by both worlds: builtin types only.
 */
#ifndef _KFS_TEST_SLAB_K_H
#define _KFS_TEST_SLAB_K_H

int kfs_ctest_ctor_once(void);
int kfs_ctest_kmalloc_sizes(void);
int kfs_ctest_kmalloc_limits(void);
int kfs_ctest_zeroing(void);
int kfs_ctest_krealloc(void);
int kfs_ctest_shrinker_on_failure(void);
int kfs_ctest_nofail(void);
int kfs_ctest_freelist_trim(void);
int kfs_ctest_gfp_scopes(void);
int kfs_ctest_vmalloc(void);
int kfs_ctest_kvmalloc(void);
int kfs_ctest_strings(void);
int kfs_ctest_mempool(void);
int kfs_ctest_mempool_wait(void);
int kfs_ctest_random(void);
int kfs_ctest_typesafe_rcu(void);
int kfs_ctest_not_leak(void);

/* Leak report: creates cache "kfs_ctest_leaky" holding 3 live objects. */
int kfs_ctest_leak_setup(void);
/* Destroys it while busy (must WARN and keep it), frees, destroys again. */
int kfs_ctest_leak_cleanup(void);

/* Frees an object of a cache with a constructor twice: must BUG(). */
void kfs_ctest_double_free(void);

#endif /* _KFS_TEST_SLAB_K_H */
