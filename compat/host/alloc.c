/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host memory for compat/mm (kfs_host_alloc.h): malloc for slab objects, page
 * mappings with guard pages for vmalloc, and the few host facts the
 * allocators need.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <link.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kfs_fault.h"
#include "kfs_host_alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define KFS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KFS_ASAN 1
#endif
#endif
#ifdef KFS_ASAN
#include <sanitizer/asan_interface.h>
#endif

static_assert(sizeof(pthread_mutex_t) <= sizeof(struct kfs_host_mutex), "mutex storage");
static_assert(_Alignof(pthread_mutex_t) <= _Alignof(struct kfs_host_mutex), "mutex align");
static_assert(sizeof(pthread_rwlock_t) <= sizeof(struct kfs_host_rwlock), "rwlock storage");
static_assert(_Alignof(pthread_rwlock_t) <= _Alignof(struct kfs_host_rwlock), "rwlock align");

/* ------------------------------------------------------------------ malloc */

/*
 * Bytes of host memory the kernel world holds now: usable sizes of the
 * blocks handed out here plus the pages of the page pool in use.  What the
 * memory cap (compat/mm/pressure.c) measures.
 */
static long host_bytes;

static void count_bytes(long delta)
{
	__atomic_add_fetch(&host_bytes, delta, __ATOMIC_RELAXED);
}

kfs_halloc_u64 kfs_host_mem_bytes(void)
{
	long n = __atomic_load_n(&host_bytes, __ATOMIC_RELAXED);

	return n > 0 ? (kfs_halloc_u64)n : 0;
}

/*
 * malloc tuning for a process whose memory is meant to be bounded.  One
 * arena: glibc's default of an arena per thread (up to 8 per core) keeps
 * the freed memory of each worker apart, so a bounded working set costs
 * several times its size (the per-thread caches still spare most
 * allocations the arena lock).  A fixed mmap threshold keeps the 1 MiB
 * request buffers out of the heap (a dynamic one grows past them after the
 * first free) and returns them when freed.  Sanitizer runtimes bring their
 * own allocator.
 */
#ifndef KFS_ASAN
__attribute__((constructor)) static void tune_malloc(void)
{
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	mallopt(M_TRIM_THRESHOLD, 1 << 20);
}
#endif

void kfs_host_mem_trim(void)
{
#ifndef KFS_ASAN
	malloc_trim(0);
#endif
}

void *kfs_host_alloc_nofault(kfs_halloc_size_t size, kfs_halloc_size_t align)
{
	void *p;

	if (align <= 16) {
		p = malloc(size ? size : 1);
	} else if (posix_memalign(&p, align, size ? size : 1)) {
		return NULL;
	}
	if (p)
		count_bytes((long)malloc_usable_size(p));
	return p;
}

void *kfs_host_alloc(kfs_halloc_size_t size, kfs_halloc_size_t align)
{
	if (kfs_fault_alloc_should_fail())
		return NULL;
	return kfs_host_alloc_nofault(size, align);
}

void kfs_host_free(void *p)
{
	if (p)
		count_bytes(-(long)malloc_usable_size(p));
	free(p);
}

kfs_halloc_size_t kfs_host_usable_size(const void *p)
{
	return malloc_usable_size((void *)p);
}

/* ------------------------------------------------------------------- vmap */

struct vmap_area {
	unsigned long start;
	size_t size;		/* without the guard page */
};

static pthread_rwlock_t vmap_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct vmap_area *vmap_areas;	/* sorted by start */
static size_t nr_vmap, vmap_cap;

static size_t page_size(void)
{
	static size_t ps;

	if (!__atomic_load_n(&ps, __ATOMIC_RELAXED))
		__atomic_store_n(&ps, (size_t)sysconf(_SC_PAGESIZE), __ATOMIC_RELAXED);
	return __atomic_load_n(&ps, __ATOMIC_RELAXED);
}

/* Index of the first area whose start is > addr. */
static size_t vmap_upper(unsigned long addr)
{
	size_t lo = 0, hi = nr_vmap;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (vmap_areas[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void *kfs_host_vmap(kfs_halloc_size_t size)
{
	size_t ps = page_size();
	size_t len;
	void *p;
	size_t i;

	if (!size || size > ~(size_t)0 - 2 * ps)
		return NULL;
	if (kfs_fault_alloc_should_fail())
		return NULL;
	len = (size + ps - 1) & ~(ps - 1);
	p = mmap(NULL, len + ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mprotect((char *)p + len, ps, PROT_NONE) < 0) {
		munmap(p, len + ps);
		return NULL;
	}

	pthread_rwlock_wrlock(&vmap_lock);
	if (nr_vmap == vmap_cap) {
		size_t cap = vmap_cap ? vmap_cap * 2 : 64;
		struct vmap_area *n = realloc(vmap_areas, cap * sizeof(*n));

		if (!n) {
			pthread_rwlock_unlock(&vmap_lock);
			munmap(p, len + ps);
			return NULL;
		}
		vmap_areas = n;
		vmap_cap = cap;
	}
	i = vmap_upper((unsigned long)p);
	memmove(&vmap_areas[i + 1], &vmap_areas[i], (nr_vmap - i) * sizeof(*vmap_areas));
	vmap_areas[i].start = (unsigned long)p;
	vmap_areas[i].size = len;
	nr_vmap++;
	pthread_rwlock_unlock(&vmap_lock);
	return p;
}

kfs_halloc_size_t kfs_host_vunmap(const void *start)
{
	size_t i, len = 0;

	pthread_rwlock_wrlock(&vmap_lock);
	i = vmap_upper((unsigned long)start);
	if (i > 0 && vmap_areas[i - 1].start == (unsigned long)start) {
		len = vmap_areas[i - 1].size;
		memmove(&vmap_areas[i - 1], &vmap_areas[i], (nr_vmap - i) * sizeof(*vmap_areas));
		nr_vmap--;
	}
	pthread_rwlock_unlock(&vmap_lock);
	if (len)
		munmap((void *)start, len + page_size());
	return len;
}

int kfs_host_vmap_lookup(const void *addr, void **start, kfs_halloc_size_t *size)
{
	unsigned long a = (unsigned long)addr;
	int found = 0;
	size_t i;

	pthread_rwlock_rdlock(&vmap_lock);
	i = vmap_upper(a);
	if (i > 0 && a - vmap_areas[i - 1].start < vmap_areas[i - 1].size) {
		found = 1;
		if (start)
			*start = (void *)vmap_areas[i - 1].start;
		if (size)
			*size = vmap_areas[i - 1].size;
	}
	pthread_rwlock_unlock(&vmap_lock);
	return found;
}

kfs_halloc_u64 kfs_host_total_ram(void)
{
	long pages = sysconf(_SC_PHYS_PAGES);

	return pages > 0 ? (kfs_halloc_u64)pages * page_size() : 0;
}

/* -------------------------------------------------------------- page pool */

/*
 * Single pages for the page allocator.  Page-aligned malloc blocks cost
 * more than a page each and, churned by a bounded page cache, fragment the
 * heap until it holds several times the pages in use.  The pool carves
 * pages out of 1 MiB mappings and keeps freed ones on a stack for reuse;
 * beyond a small reserve, a freed page is handed back to the host
 * (MADV_DONTNEED: it stops being resident, the mapping stays) and kept on a
 * second stack.  So the resident pages are those in use plus the reserve.
 * Mappings are never unmapped.  Under AddressSanitizer pages come from
 * malloc, which it checks.
 */
#define POOL_CHUNK	(1u << 20)
#define POOL_RESERVE	64	/* resident free pages kept for reuse */

#ifndef KFS_ASAN
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void **pool_hot, **pool_cold;	/* free pages: resident, given back */
static size_t nr_hot, nr_cold, pool_cap;
static char *pool_next, *pool_end;	/* unused rest of the newest chunk */
static size_t pool_carved;

/* Room on both stacks for every page the pool has carved (under pool_lock). */
static int pool_grow(size_t carved)
{
	size_t cap = pool_cap ? pool_cap : 1024;
	void **hot, **cold;

	while (cap < carved)
		cap *= 2;
	if (cap == pool_cap)
		return 0;
	hot = realloc(pool_hot, cap * sizeof(*hot));
	if (!hot)
		return -1;
	pool_hot = hot;
	cold = realloc(pool_cold, cap * sizeof(*cold));
	if (!cold)
		return -1;
	pool_cold = cold;
	pool_cap = cap;
	return 0;
}

static void *pool_take(void)
{
	size_t ps = page_size();
	void *p = NULL;

	pthread_mutex_lock(&pool_lock);
	if (nr_hot) {
		p = pool_hot[--nr_hot];
	} else if (nr_cold) {
		p = pool_cold[--nr_cold];
	} else {
		if (pool_next == pool_end) {
			void *c = mmap(NULL, POOL_CHUNK, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (c == MAP_FAILED)
				goto out;
			pool_next = c;
			pool_end = pool_next + POOL_CHUNK;
		}
		if (pool_grow(pool_carved + POOL_CHUNK / ps))
			goto out;
		p = pool_next;
		pool_next += ps;
		pool_carved++;
	}
out:
	pthread_mutex_unlock(&pool_lock);
	return p;
}

static void pool_give(void *p)
{
	pthread_mutex_lock(&pool_lock);
	if (nr_hot < POOL_RESERVE) {
		pool_hot[nr_hot++] = p;
	} else {
		/* Under the lock: once on the stack, the page may be taken. */
		madvise(p, page_size(), MADV_DONTNEED);
		pool_cold[nr_cold++] = p;
	}
	pthread_mutex_unlock(&pool_lock);
}
#endif

void *kfs_host_page_alloc(void)
{
	void *p;

	if (kfs_fault_alloc_should_fail())
		return NULL;
#ifdef KFS_ASAN
	if (posix_memalign(&p, page_size(), page_size()))
		return NULL;
#else
	p = pool_take();
	if (!p)
		return NULL;
#endif
	count_bytes((long)page_size());
	return p;
}

void kfs_host_page_free(void *p)
{
	count_bytes(-(long)page_size());
#ifdef KFS_ASAN
	free(p);
#else
	pool_give(p);
#endif
}

/* ---------------------------------------------------------------- rodata */

struct ro_range {
	unsigned long start, end;
};

static struct ro_range *ro_ranges;
static size_t nr_ro;
static pthread_once_t ro_once = PTHREAD_ONCE_INIT;

static int collect_ro(struct dl_phdr_info *info, size_t sz, void *data)
{
	(void)sz;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		struct ro_range *n;

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) || !(ph->p_flags & PF_R))
			continue;
		n = realloc(ro_ranges, (nr_ro + 1) * sizeof(*n));
		if (!n)
			return 1;
		ro_ranges = n;
		ro_ranges[nr_ro].start = info->dlpi_addr + ph->p_vaddr;
		ro_ranges[nr_ro].end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
		nr_ro++;
	}
	return 0;
}

static void find_ro(void)
{
	dl_iterate_phdr(collect_ro, NULL);
}

int kfs_host_is_rodata(const void *p)
{
	unsigned long a = (unsigned long)p;

	pthread_once(&ro_once, find_ro);
	for (size_t i = 0; i < nr_ro; i++)
		if (a >= ro_ranges[i].start && a < ro_ranges[i].end)
			return 1;
	return 0;
}

/* ------------------------------------------------------------- sanitizers */

void kfs_host_poison(const void *p, kfs_halloc_size_t n)
{
#ifdef KFS_ASAN
	__asan_poison_memory_region(p, n);
#else
	(void)p;
	(void)n;
#endif
}

void kfs_host_unpoison(const void *p, kfs_halloc_size_t n)
{
#ifdef KFS_ASAN
	__asan_unpoison_memory_region(p, n);
#else
	(void)p;
	(void)n;
#endif
}

/* ------------------------------------------------------------------ locks */

/* Zero-filled storage must be an unlocked lock (see the header). */
__attribute__((constructor)) static void check_lock_init(void)
{
	static const pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	static const pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
	static const unsigned char zero[sizeof(struct kfs_host_rwlock)];

	if (memcmp(&m, zero, sizeof(m)) || memcmp(&l, zero, sizeof(l)))
		abort();
}

void kfs_host_mutex_lock(struct kfs_host_mutex *m)
{
	pthread_mutex_lock((pthread_mutex_t *)m->opaque);
}

void kfs_host_mutex_unlock(struct kfs_host_mutex *m)
{
	pthread_mutex_unlock((pthread_mutex_t *)m->opaque);
}

void kfs_host_rwlock_read(struct kfs_host_rwlock *l)
{
	pthread_rwlock_rdlock((pthread_rwlock_t *)l->opaque);
}

int kfs_host_rwlock_tryread(struct kfs_host_rwlock *l)
{
	return pthread_rwlock_tryrdlock((pthread_rwlock_t *)l->opaque) == 0;
}

void kfs_host_rwlock_write(struct kfs_host_rwlock *l)
{
	pthread_rwlock_wrlock((pthread_rwlock_t *)l->opaque);
}

void kfs_host_rwlock_unlock(struct kfs_host_rwlock *l)
{
	pthread_rwlock_unlock((pthread_rwlock_t *)l->opaque);
}

/* ------------------------------------------------------------------- misc */

int kfs_host_atexit(void (*fn)(void))
{
	return atexit(fn) ? -ENOMEM : 0;
}

int kfs_host_env_bool(const char *name, int def)
{
	const char *v = getenv(name);

	if (!v)
		return def;
	if (!strcmp(v, "1") || !strcasecmp(v, "y") || !strcasecmp(v, "yes") ||
	    !strcasecmp(v, "on"))
		return 1;
	if (!strcmp(v, "0") || !strcasecmp(v, "n") || !strcasecmp(v, "no") ||
	    !strcasecmp(v, "off"))
		return 0;
	return def;
}

void kfs_host_alloc_backoff(void)
{
	struct timespec ts = { 0, 1000000 };	/* 1 ms: let reclaim elsewhere progress */

	sched_yield();
	nanosleep(&ts, NULL);
}
