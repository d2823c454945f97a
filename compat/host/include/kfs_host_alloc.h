/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host memory for the kernel world's allocators (compat/mm: kmalloc,
 * kmem_cache, vmalloc, mempool).  The kernel world never includes libc, so
 * everything it needs from malloc, mmap and the sanitizers comes through
 * these calls.  Every allocation made here consults the fault-injection
 * allocation counter (kfs_fault.h, "nomem=N"), so a test can make the Nth
 * kmalloc fail.
 *
 * Shared by both worlds: compiler-builtin types only.
 */
#ifndef _KFS_HOST_ALLOC_H
#define _KFS_HOST_ALLOC_H

typedef __SIZE_TYPE__ kfs_halloc_size_t;
typedef __UINT64_TYPE__ kfs_halloc_u64;

/*
 * size bytes aligned to align (a power of two; 0 means the host's default),
 * or NULL when the host has no memory or fault injection says so.  The block
 * may be larger than asked: kfs_host_usable_size() says how large.
 */
void *kfs_host_alloc(kfs_halloc_size_t size, kfs_halloc_size_t align);
/* The same without consulting fault injection: compat's own bookkeeping. */
void *kfs_host_alloc_nofault(kfs_halloc_size_t size, kfs_halloc_size_t align);
void kfs_host_free(void *p);
/* Usable bytes of a block from kfs_host_alloc*(): stable for its lifetime. */
kfs_halloc_size_t kfs_host_usable_size(const void *p);

/*
 * One page (page-aligned, PAGE_SIZE bytes, contents undefined) for the page
 * allocator, from a pool that keeps the resident memory close to the pages
 * in use; NULL on failure or injected failure.  Freed with
 * kfs_host_page_free() only.
 */
void *kfs_host_page_alloc(void);
void kfs_host_page_free(void *p);

/*
 * Host memory the kernel world holds now, in bytes: every block from
 * kfs_host_alloc*() not yet freed (usable size) and every pool page in use.
 * vmalloc areas are not included.
 */
kfs_halloc_u64 kfs_host_mem_bytes(void);

/*
 * Gives the free memory inside the host's heap back to the host (it stays
 * mapped but stops being resident): after reclaim has freed objects.
 */
void kfs_host_mem_trim(void);

/*
 * Page mappings for vmalloc: size is rounded up to whole pages, an
 * inaccessible guard page follows the area (as the kernel's vmalloc areas
 * have), and the area is registered so any address can be looked up.  The
 * memory is zero-filled.
 */
void *kfs_host_vmap(kfs_halloc_size_t size);
/* Unmaps an area returned by kfs_host_vmap(); returns its size, 0 if none. */
kfs_halloc_size_t kfs_host_vunmap(const void *start);
/*
 * Non-zero if addr lies inside a live vmap area; its start and size are
 * stored when the pointers are not NULL.
 */
int kfs_host_vmap_lookup(const void *addr, void **start, kfs_halloc_size_t *size);

/* Physical memory of the machine in bytes (vmalloc refuses more). */
kfs_halloc_u64 kfs_host_total_ram(void);

/* Non-zero if p points into a read-only segment of a loaded object. */
int kfs_host_is_rodata(const void *p);

/*
 * AddressSanitizer poisoning (no-ops without ASan): free objects kept on a
 * cache's free list and the slack after an object are poisoned, so kernel
 * code touching them is caught as it would be under KASAN.
 */
void kfs_host_poison(const void *p, kfs_halloc_size_t n);
void kfs_host_unpoison(const void *p, kfs_halloc_size_t n);

/*
 * A plain mutex and reader-writer lock for the allocators' own lists.  They
 * must not depend on the kernel world's locks, which themselves allocate
 * (lockdep, wait queues).  Zero-filled storage is an unlocked lock, so static
 * ones need no initialisation.
 */
struct kfs_host_mutex {
	__attribute__((aligned(8))) unsigned char opaque[40];
};
struct kfs_host_rwlock {
	__attribute__((aligned(8))) unsigned char opaque[56];
};
void kfs_host_mutex_lock(struct kfs_host_mutex *m);
void kfs_host_mutex_unlock(struct kfs_host_mutex *m);
void kfs_host_rwlock_read(struct kfs_host_rwlock *l);
int kfs_host_rwlock_tryread(struct kfs_host_rwlock *l);	/* non-zero: taken */
void kfs_host_rwlock_write(struct kfs_host_rwlock *l);
void kfs_host_rwlock_unlock(struct kfs_host_rwlock *l);

/* Runs fn at process exit (atexit). */
int kfs_host_atexit(void (*fn)(void));
/*
 * The value of an environment variable as a boolean: 1 for 1/y/yes/on,
 * 0 for 0/n/no/off, def when unset or anything else.
 */
int kfs_host_env_bool(const char *name, int def);
/* Waits a little before an allocation is retried (__GFP_NOFAIL). */
void kfs_host_alloc_backoff(void);

#endif /* _KFS_HOST_ALLOC_H */
