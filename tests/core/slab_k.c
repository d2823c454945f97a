/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory tests, kernel-world half: kmalloc, kmem_cache, vmalloc, shrinkers,
 * mempools, GFP scopes and random numbers, exercised through the kernel API
 * exactly as file systems use it.  Allocation failures are injected through
 * kfs_fault (nomem rules limited to the calling thread, so nothing else in
 * the process can take the failure).
 */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/kthread.h>
#include <linux/mempool.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kfs/slab.h>
#include <kfs_fault.h>
#include <kfs_host_thread.h>

#include "../../compat/api/kfs_api.h"
#include "../../compat/api/kfs_mem.h"
#include "slab_k.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		pr_err("ctest: %s:%d: check failed: %s\n", __func__, __LINE__, #cond); \
		return __LINE__;					\
	}								\
} while (0)

/* Sizes the compiler must not see as constants (it warns about huge ones). */
static size_t opaque(size_t v)
{
	__asm__("" : "+r"(v));
	return v;
}

/* A pointer whose object size the compiler must not assume (ksize tests). */
static void *opaque_ptr(void *p)
{
	__asm__("" : "+r"(p));
	return p;
}

/* Makes the next `times` allocations of this thread fail (0: all of them). */
static int fail_allocs(unsigned long times)
{
	struct kfs_fault_rule r = {
		.kind = KFS_FAULT_NOMEM, .fd = KFS_FAULT_ANY_FD, .times = times,
		.tid = kfs_hthread_gettid(),
	};

	return kfs_fault_add(&r);
}

/* ------------------------------------------------------------ constructors */

struct tobj {
	unsigned long magic;
	int uses;
	char pad[44];
};

static int tobj_ctors;

static void tobj_ctor(void *p)
{
	struct tobj *o = p;

	o->magic = 0xc0ffee;
	o->uses = 0;
	tobj_ctors++;
}

int kfs_ctest_ctor_once(void)
{
	struct kmem_cache *c;
	struct tobj *a[4], *b[4];
	struct kfs_slab_stats st;
	int i, j, sum = 0;

	tobj_ctors = 0;
	c = kmem_cache_create("kfs_ctest_ctor", sizeof(struct tobj), 0,
			      SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT | SLAB_MEM_SPREAD |
			      SLAB_ACCOUNT, tobj_ctor);
	CHECK(c);
	CHECK(kmem_cache_size(c) == sizeof(struct tobj));
	for (i = 0; i < 4; i++) {
		a[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(a[i]);
		CHECK(a[i]->magic == 0xc0ffee && a[i]->uses == 0);
		/* 56 bytes, SLAB_HWCACHE_ALIGN: a whole 64-byte line each. */
		CHECK(((unsigned long)a[i] & 63) == 0);
		a[i]->uses = i + 1;
	}
	CHECK(tobj_ctors == 4);
	for (i = 0; i < 4; i++)
		kmem_cache_free(c, a[i]);
	kfs_slab_get_stats(c, &st);
	CHECK(st.live == 0 && st.free == 4 && st.created == 4 && st.ctor_calls == 4);

	/* The same objects come back as they were left, not constructed anew. */
	for (i = 0; i < 4; i++) {
		b[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(b[i] && b[i]->magic == 0xc0ffee);
		for (j = 0; j < 4; j++)
			if (b[i] == a[j])
				break;
		CHECK(j < 4);
		sum += b[i]->uses;
	}
	CHECK(sum == 1 + 2 + 3 + 4);
	CHECK(tobj_ctors == 4);
	kfs_slab_get_stats(c, &st);
	CHECK(st.live == 4 && st.free == 0 && st.created == 4);

	/* Shrinking gives them back to the host: new objects are constructed. */
	for (i = 0; i < 4; i++)
		kmem_cache_free(c, b[i]);
	CHECK(kmem_cache_shrink(c) == 0);
	kfs_slab_get_stats(c, &st);
	CHECK(st.free == 0);
	b[0] = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(b[0] && b[0]->uses == 0 && tobj_ctors == 5);
	/* kfree() takes cache objects too. */
	kfree(b[0]);
	kfs_slab_get_stats(c, &st);
	CHECK(st.live == 0 && st.free == 1);
	kmem_cache_destroy(c);
	return 0;
}

/* --------------------------------------------------------------- kmalloc */

int kfs_ctest_kmalloc_sizes(void)
{
	static const struct {
		size_t ask, ksize;
	} sizes[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 13, 16 }, { 33, 64 }, { 65, 96 },
		{ 96, 96 }, { 97, 128 }, { 129, 192 }, { 193, 256 }, { 257, 512 },
		{ 1025, 2048 }, { 4097, 8192 }, { 8192, 8192 }, { 8193, 12288 },
		{ 100000, 102400 },
	};
	struct kmem_cache *c;
	unsigned int i;
	size_t n;
	void *p;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = opaque_ptr(kmalloc(sizes[i].ask, GFP_KERNEL));
		CHECK(p);
		CHECK(ksize(p) == sizes[i].ksize);
		CHECK(kmalloc_size_roundup(sizes[i].ask) == sizes[i].ksize);
		/* After ksize() the whole size class may be used. */
		memset(p, 0x5a, ksize(p));
		kfree(p);
	}
	CHECK(!strcmp(kfs_slab_name(kfs_kmalloc_cache(100)), "kmalloc-128"));
	CHECK(!strcmp(kfs_slab_name(kfs_kmalloc_cache(150)), "kmalloc-192"));

	/* Power-of-two sizes are aligned to their size, up to a page. */
	for (n = 8; n <= 2 * PAGE_SIZE; n *= 2) {
		p = kmalloc(n, GFP_KERNEL);
		CHECK(p);
		CHECK(((unsigned long)p & (min_t(size_t, n, PAGE_SIZE) - 1)) == 0);
		kfree(p);
	}
	p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	CHECK(p && ((unsigned long)p & (PAGE_SIZE - 1)) == 0);
	kfree(p);

	/* Cache alignment: asked for, and SLAB_HWCACHE_ALIGN halved for small objects. */
	c = kmem_cache_create("kfs_ctest_align", 40, 256, 0, NULL);
	CHECK(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(p && ((unsigned long)p & 255) == 0);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	c = kmem_cache_create("kfs_ctest_small", 24, 0, SLAB_HWCACHE_ALIGN, NULL);
	CHECK(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(p && ((unsigned long)p & 31) == 0);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	return 0;
}

int kfs_ctest_kmalloc_limits(void)
{
	unsigned long warns = kfs_warn_count();
	void *p;

	/* Zero bytes: a special pointer that kfree and ksize accept. */
	p = kmalloc(0, GFP_KERNEL);
	CHECK(p == ZERO_SIZE_PTR);
	CHECK(ZERO_OR_NULL_PTR(p));
	CHECK(ksize(p) == 0);
	kfree(p);
	kfree(NULL);
	CHECK(kzalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	CHECK(kcalloc(0, 8, GFP_KERNEL) == ZERO_SIZE_PTR);

	/* Too large: NULL, quietly with __GFP_NOWARN. */
	CHECK(kmalloc(opaque(SIZE_MAX), GFP_KERNEL | __GFP_NOWARN) == NULL);
	CHECK(kmalloc(opaque(KMALLOC_MAX_SIZE + 1), GFP_KERNEL | __GFP_NOWARN) == NULL);
	CHECK(kfs_warn_count() == warns);
	CHECK(kmalloc(opaque(SIZE_MAX), GFP_KERNEL) == NULL);
	CHECK(kfs_warn_count() == warns + 1);

	/* The largest size still works. */
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	CHECK(p);
	CHECK(ksize(p) == KMALLOC_MAX_SIZE);
	kfree(p);

	/* Array sizes that overflow. */
	CHECK(kmalloc_array(opaque(SIZE_MAX / 2), 4, GFP_KERNEL) == NULL);
	CHECK(kcalloc(opaque(SIZE_MAX / 4 + 1), 8, GFP_KERNEL) == NULL);
	CHECK(kvmalloc_array(opaque(SIZE_MAX / 2), 3, GFP_KERNEL) == NULL);
	CHECK(kvcalloc(opaque(SIZE_MAX / 2), 3, GFP_KERNEL) == NULL);
	CHECK(kfs_warn_count() == warns + 1);
	return 0;
}

int kfs_ctest_zeroing(void)
{
	struct kmem_cache *c;
	unsigned char *p;
	unsigned int i, round;

	for (round = 0; round < 3; round++) {
		p = kmalloc(200, GFP_KERNEL);
		CHECK(p);
		memset(p, 0xff, 200);
		kfree(p);
		p = kzalloc(200, GFP_KERNEL);
		CHECK(p);
		for (i = 0; i < 200; i++)
			CHECK(p[i] == 0);
		kfree(p);
		p = kcalloc(10, 30, GFP_NOFS);
		CHECK(p);
		for (i = 0; i < 300; i++)
			CHECK(p[i] == 0);
		kfree(p);
	}

	/* A cache without constructor, objects recycled or not: zalloc zeroes. */
	c = kmem_cache_create("kfs_ctest_zero", 100, 0, 0, NULL);
	CHECK(c);
	for (round = 0; round < 3; round++) {
		p = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(p);
		memset(p, 0xee, 100);
		kmem_cache_free(c, p);
		p = kmem_cache_zalloc(c, GFP_KERNEL);
		CHECK(p);
		for (i = 0; i < 100; i++)
			CHECK(p[i] == 0);
		kmem_cache_free(c, p);
	}
	kmem_cache_destroy(c);
	return 0;
}

int kfs_ctest_krealloc(void)
{
	char *p, *q;
	int id, i;

	p = kmalloc(10, GFP_KERNEL);
	CHECK(p);
	strcpy(p, "abcdefghi");
	/* Within the size class: the same object. */
	q = krealloc(p, 16, GFP_KERNEL);
	CHECK(q == p);
	q[15] = 'z';
	/* Beyond it: moved, contents kept. */
	q = krealloc(p, 100, GFP_KERNEL);
	CHECK(q && !strcmp(q, "abcdefghi") && q[15] == 'z');
	CHECK(ksize(q) == 128);
	/* Smaller: stays. */
	p = krealloc(q, 50, GFP_KERNEL);
	CHECK(p == q && !strcmp(p, "abcdefghi"));
	/* To zero: freed, ZERO_SIZE_PTR back. */
	CHECK(krealloc(p, 0, GFP_KERNEL) == ZERO_SIZE_PTR);

	/* From nothing. */
	p = krealloc(NULL, 5, GFP_KERNEL);
	CHECK(p && !ZERO_OR_NULL_PTR(p));
	kfree(p);
	p = krealloc(ZERO_SIZE_PTR, 5, GFP_KERNEL);
	CHECK(p && !ZERO_OR_NULL_PTR(p));

	/* Failure leaves the old object untouched. */
	strcpy(p, "keep");
	id = fail_allocs(0);
	CHECK(id >= 0);
	q = krealloc(p, 4096, GFP_NOWAIT | __GFP_NOWARN);
	kfs_fault_remove(id);
	CHECK(q == NULL);
	CHECK(!strcmp(p, "keep"));
	CHECK(krealloc_array(p, opaque(SIZE_MAX / 2), 4, GFP_KERNEL) == NULL);
	CHECK(!strcmp(p, "keep"));
	q = krealloc_array(p, 3, 100, GFP_KERNEL);
	CHECK(q && !strcmp(q, "keep") && ksize(q) >= 300);
	kfree(q);

	/* __GFP_ZERO all along: growth is zeroed too. */
	p = kzalloc(10, GFP_KERNEL);
	CHECK(p);
	memset(p, 1, 10);
	q = krealloc(p, 16, GFP_KERNEL | __GFP_ZERO);
	CHECK(q == p);
	for (i = 10; i < 16; i++)
		CHECK(q[i] == 0);
	q = krealloc(q, 1000, GFP_KERNEL | __GFP_ZERO);
	CHECK(q);
	for (i = 0; i < 10; i++)
		CHECK(q[i] == 1);
	for (i = 16; i < 1000; i++)
		CHECK(q[i] == 0);
	kfree_sensitive(q);
	kfree_sensitive(NULL);
	return 0;
}

/* -------------------------------------------------------------- shrinkers */

struct test_shrinker {
	struct shrinker shrinker;
	void *held[16];
	int nr_held;
	int counts, scans;
	gfp_t last_gfp;
	unsigned long last_nr;
};

static struct test_shrinker ts;

static unsigned long ts_count(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *t = container_of(s, struct test_shrinker, shrinker);

	t->counts++;
	t->last_gfp = sc->gfp_mask;
	return t->nr_held;
}

static unsigned long ts_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *t = container_of(s, struct test_shrinker, shrinker);
	unsigned long freed = 0;

	t->scans++;
	t->last_gfp = sc->gfp_mask;
	t->last_nr = sc->nr_to_scan;
	while (t->nr_held && freed < sc->nr_to_scan) {
		kfree(t->held[--t->nr_held]);
		freed++;
	}
	return freed;
}

static int ts_fill(int n)
{
	while (ts.nr_held < n) {
		ts.held[ts.nr_held] = kmalloc(64, GFP_KERNEL);
		if (!ts.held[ts.nr_held])
			return -ENOMEM;
		ts.nr_held++;
	}
	return 0;
}

static void ts_reset_counts(void)
{
	ts.counts = ts.scans = 0;
	ts.last_gfp = 0;
	ts.last_nr = 0;
}

int kfs_ctest_shrinker_on_failure(void)
{
	unsigned int nofs;
	void *p;
	int id;

	memset(&ts, 0, sizeof(ts));
	ts.shrinker.count_objects = ts_count;
	ts.shrinker.scan_objects = ts_scan;
	ts.shrinker.seeks = DEFAULT_SEEKS;
	CHECK(register_shrinker(&ts.shrinker, "kfs-ctest-%d", 7) == 0);
	CHECK(ts.shrinker.name && !strcmp(ts.shrinker.name, "kfs-ctest-7"));

	/* A failing GFP_KERNEL allocation reclaims, then succeeds. */
	CHECK(ts_fill(10) == 0);
	ts_reset_counts();
	id = fail_allocs(1);
	p = kmalloc(64, GFP_KERNEL);
	CHECK(kfs_fault_hits(id) == 1);
	kfs_fault_remove(id);
	CHECK(p);
	kfree(p);
	CHECK(ts.counts == 1 && ts.scans == 1);
	CHECK(ts.last_nr == 10 && ts.nr_held == 0);
	CHECK((ts.last_gfp & (__GFP_FS | __GFP_IO)) == (__GFP_FS | __GFP_IO));

	/* GFP_NOFS: reclaim is told not to enter the file system. */
	CHECK(ts_fill(4) == 0);
	ts_reset_counts();
	id = fail_allocs(1);
	p = kmalloc(32, GFP_NOFS);
	kfs_fault_remove(id);
	CHECK(p);
	kfree(p);
	CHECK(ts.scans == 1);
	CHECK(!(ts.last_gfp & __GFP_FS) && (ts.last_gfp & __GFP_IO));

	/* A memalloc_nofs_save() scope does the same to GFP_KERNEL. */
	CHECK(ts_fill(4) == 0);
	ts_reset_counts();
	nofs = memalloc_nofs_save();
	id = fail_allocs(1);
	p = kmalloc(32, GFP_KERNEL);
	kfs_fault_remove(id);
	memalloc_nofs_restore(nofs);
	CHECK(p);
	kfree(p);
	CHECK(ts.scans == 1 && !(ts.last_gfp & __GFP_FS));

	/* Allocations that may not sleep do not reclaim: they fail. */
	CHECK(ts_fill(4) == 0);
	ts_reset_counts();
	id = fail_allocs(1);
	p = kmalloc(32, GFP_NOWAIT | __GFP_NOWARN);
	kfs_fault_remove(id);
	CHECK(!p);
	CHECK(ts.counts == 0 && ts.scans == 0 && ts.nr_held == 4);
	id = fail_allocs(1);
	p = kmalloc(32, GFP_ATOMIC | __GFP_NOWARN);
	kfs_fault_remove(id);
	CHECK(!p && ts.counts == 0);

	/* Still failing after reclaim: NULL (the failure is reported). */
	id = fail_allocs(2);
	p = kmalloc(32, GFP_KERNEL | __GFP_NOWARN);
	kfs_fault_remove(id);
	CHECK(!p && ts.scans == 1 && ts.nr_held == 0);

	/* Priorities scan a share; kfs_shrink_slab reports what was freed. */
	CHECK(ts_fill(16) == 0);
	ts_reset_counts();
	CHECK(kfs_shrink_slab(GFP_KERNEL, 2) >= 4);
	CHECK(ts.last_nr == 4 && ts.nr_held == 12);
	CHECK(kfs_mem_shrink_all() >= 12 && ts.nr_held == 0);

	/* Gone from the registry once unregistered. */
	unregister_shrinker(&ts.shrinker);
	CHECK(ts.shrinker.name == NULL);
	CHECK(ts_fill(4) == 0);
	ts_reset_counts();
	kfs_shrink_slab(GFP_KERNEL, 0);
	CHECK(ts.counts == 0 && ts.nr_held == 4);
	while (ts.nr_held)
		kfree(ts.held[--ts.nr_held]);
	synchronize_shrinkers();
	return 0;
}

int kfs_ctest_nofail(void)
{
	void *p;
	int id;

	/* Keeps trying until the host gives memory (here: the 6th try). */
	id = fail_allocs(5);
	p = kmalloc(128, GFP_KERNEL | __GFP_NOFAIL);
	CHECK(kfs_fault_hits(id) == 5);
	kfs_fault_remove(id);
	CHECK(p);
	kfree(p);

	id = fail_allocs(3);
	p = kzalloc(4000, GFP_NOFS | __GFP_NOFAIL);
	CHECK(kfs_fault_hits(id) == 3);
	kfs_fault_remove(id);
	CHECK(p && ((char *)p)[3999] == 0);
	kfree(p);

	/* The same for vmalloc. */
	id = fail_allocs(2);
	p = __vmalloc(3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOFAIL);
	CHECK(kfs_fault_hits(id) == 2);
	kfs_fault_remove(id);
	CHECK(p && is_vmalloc_addr(p));
	vfree(p);
	return 0;
}

int kfs_ctest_freelist_trim(void)
{
	struct kfs_slab_stats st;
	struct kmem_cache *c;
	struct tobj *a[4];
	void *p;
	int i, id;

	tobj_ctors = 0;
	c = kmem_cache_create("kfs_ctest_trim", sizeof(struct tobj), 0, 0, tobj_ctor);
	CHECK(c);
	for (i = 0; i < 4; i++)
		CHECK((a[i] = kmem_cache_alloc(c, GFP_KERNEL)));
	for (i = 0; i < 4; i++)
		kmem_cache_free(c, a[i]);
	kfs_slab_get_stats(c, &st);
	CHECK(st.free == 4);
	/* An allocation failure reclaims the constructed free objects too. */
	id = fail_allocs(1);
	p = kmalloc(16, GFP_KERNEL);
	kfs_fault_remove(id);
	CHECK(p);
	kfree(p);
	kfs_slab_get_stats(c, &st);
	CHECK(st.free == 0 && st.live == 0);
	a[0] = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a[0] && tobj_ctors == 5);
	kmem_cache_free(c, a[0]);

	/* A failing cache allocation returns NULL, and the ctor does not run. */
	kmem_cache_shrink(c);
	id = fail_allocs(0);
	a[0] = kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN);
	kfs_fault_remove(id);
	CHECK(!a[0] && tobj_ctors == 5);
	kmem_cache_destroy(c);
	return 0;
}

int kfs_ctest_gfp_scopes(void)
{
	unsigned int before = current->flags, nofs, noio, norec;

	CHECK(gfpflags_allow_blocking(GFP_KERNEL));
	CHECK(gfpflags_allow_blocking(GFP_NOFS));
	CHECK(gfpflags_allow_blocking(GFP_NOIO));
	CHECK(!gfpflags_allow_blocking(GFP_ATOMIC));
	CHECK(!gfpflags_allow_blocking(GFP_NOWAIT));

	CHECK(current_gfp_context(GFP_KERNEL) == GFP_KERNEL);
	nofs = memalloc_nofs_save();
	CHECK(current->flags & PF_MEMALLOC_NOFS);
	CHECK(current_gfp_context(GFP_KERNEL) == GFP_NOFS);
	noio = memalloc_noio_save();
	CHECK(current_gfp_context(GFP_KERNEL) == GFP_NOIO);
	CHECK(current_gfp_context(GFP_KERNEL | __GFP_ZERO) == (GFP_NOIO | __GFP_ZERO));
	/* Nested saves return the state to go back to. */
	CHECK(memalloc_nofs_save() == PF_MEMALLOC_NOFS);
	memalloc_nofs_restore(PF_MEMALLOC_NOFS);
	memalloc_noio_restore(noio);
	CHECK(current_gfp_context(GFP_KERNEL) == GFP_NOFS);
	memalloc_nofs_restore(nofs);
	CHECK(current_gfp_context(GFP_KERNEL) == GFP_KERNEL);
	CHECK(current->flags == before);

	/* A reclaiming task does not reclaim again. */
	norec = memalloc_noreclaim_save();
	CHECK(kfs_shrink_slab(GFP_KERNEL, 0) == 0);
	memalloc_noreclaim_restore(norec);
	CHECK(current->flags == before);
	return 0;
}

/* ---------------------------------------------------------------- vmalloc */

int kfs_ctest_vmalloc(void)
{
	unsigned long live = kfs_vmalloc_live(), warns = kfs_warn_count();
	unsigned char *p, *k;
	int stack_var, i;

	p = vmalloc(10000);
	CHECK(p);
	CHECK(((unsigned long)p & (PAGE_SIZE - 1)) == 0);
	CHECK(kfs_vmalloc_live() == live + 1);
	CHECK(kfs_mem_live_objects("vmalloc") == (long)live + 1);
	CHECK(is_vmalloc_addr(p) && is_vmalloc_addr(p + 9999));
	CHECK(is_vmalloc_addr(p + 3 * PAGE_SIZE - 1));	/* the last page */
	CHECK(!is_vmalloc_addr(p + 3 * PAGE_SIZE));	/* the guard page */
	CHECK(!is_vmalloc_addr(&stack_var));
	k = kmalloc(10, GFP_KERNEL);
	CHECK(k && !is_vmalloc_addr(k));
	kfree(k);
	memset(p, 1, 10000);
	vfree(p);
	CHECK(!is_vmalloc_addr(p));
	CHECK(kfs_vmalloc_live() == live);
	vfree(NULL);

	p = vzalloc(5000);
	CHECK(p);
	for (i = 0; i < 5000; i++)
		CHECK(p[i] == 0);
	vfree(p);
	p = vcalloc(3, 1000);
	CHECK(p && p[2999] == 0);
	vfree(p);
	p = vmalloc_array(4, 4096);
	CHECK(p);
	p[4 * 4096 - 1] = 1;
	vfree(p);
	CHECK(vmalloc_array(opaque(SIZE_MAX / 2), 4) == NULL);
	CHECK(__vmalloc(opaque(SIZE_MAX / 2), GFP_KERNEL | __GFP_NOWARN) == NULL);
	/* Larger than the machine: a message, not a WARN. */
	CHECK(vmalloc(opaque(SIZE_MAX / 2)) == NULL);
	CHECK(kfs_warn_count() == warns);
	CHECK(kfs_vmalloc_live() == live);
	return 0;
}

int kfs_ctest_kvmalloc(void)
{
	unsigned char *p;
	int id, i;

	p = kvmalloc(100, GFP_KERNEL);
	CHECK(p && !is_vmalloc_addr(p));
	kvfree(p);
	/* Past what kmalloc can do: vmalloc. */
	p = kvmalloc(KMALLOC_MAX_SIZE * 2, GFP_KERNEL);
	CHECK(p && is_vmalloc_addr(p));
	p[KMALLOC_MAX_SIZE * 2 - 1] = 7;
	kvfree(p);
	p = kvzalloc(3 * PAGE_SIZE, GFP_KERNEL);
	CHECK(p);
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		CHECK(p[i] == 0);
	kvfree(p);
	kvfree(NULL);
	CHECK(kvmalloc(opaque(SIZE_MAX), GFP_KERNEL | __GFP_NOWARN) == NULL);

	/*
	 * kmalloc failing, even after one round of reclaim: larger requests
	 * fall back to vmalloc...
	 */
	id = fail_allocs(2);
	p = kvmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	kfs_fault_remove(id);
	CHECK(p && is_vmalloc_addr(p));
	kvfree(p);
	/* ...unless the caller may not sleep. */
	id = fail_allocs(1);
	p = kvmalloc(2 * PAGE_SIZE, GFP_NOWAIT);
	kfs_fault_remove(id);
	CHECK(p == NULL);

	/* kvrealloc keeps contents, whichever kind each side is. */
	p = kvmalloc(64, GFP_KERNEL);
	CHECK(p);
	memset(p, 9, 64);
	p = kvrealloc(p, 64, KMALLOC_MAX_SIZE + 1, GFP_KERNEL);
	CHECK(p && is_vmalloc_addr(p) && p[0] == 9 && p[63] == 9);
	CHECK(kvrealloc(p, KMALLOC_MAX_SIZE + 1, 10, GFP_KERNEL) == p);
	kvfree_sensitive(p, KMALLOC_MAX_SIZE + 1);
	return 0;
}

/* ---------------------------------------------------------------- strings */

int kfs_ctest_strings(void)
{
	static const char literal[] = "a read-only string";
	const char *c;
	char *s, **argv;
	int argc = -1;

	c = kstrdup_const(literal, GFP_KERNEL);
	CHECK(c == literal);
	kfree_const(c);
	c = kstrdup_const("another literal", GFP_KERNEL);
	CHECK(c && !strcmp(c, "another literal"));
	kfree_const(c);

	s = kstrdup("heap copy", GFP_KERNEL);
	CHECK(s && !strcmp(s, "heap copy"));
	c = kstrdup_const(s, GFP_KERNEL);
	CHECK(c && c != s && !strcmp(c, s));
	kfree_const(c);
	kfree(s);
	CHECK(kstrdup(NULL, GFP_KERNEL) == NULL);

	s = kstrndup("abcdef", 3, GFP_KERNEL);
	CHECK(s && !strcmp(s, "abc"));
	kfree(s);
	s = kmemdup_nul("abcdef", 4, GFP_KERNEL);
	CHECK(s && !strcmp(s, "abcd"));
	kfree(s);
	s = kmemdup("xyz", 4, GFP_KERNEL);
	CHECK(s && !strcmp(s, "xyz"));
	kfree(s);
	s = memdup_user_nul("user", 2);
	CHECK(!IS_ERR(s) && !strcmp(s, "us"));
	kfree(s);

	argv = argv_split(GFP_KERNEL, "  one two\tthree  ", &argc);
	CHECK(argv && argc == 3);
	CHECK(!strcmp(argv[0], "one") && !strcmp(argv[1], "two") && !strcmp(argv[2], "three"));
	CHECK(argv[3] == NULL);
	argv_free(argv);
	argv = argv_split(GFP_KERNEL, "   ", &argc);
	CHECK(argv && argc == 0 && argv[0] == NULL);
	argv_free(argv);
	return 0;
}

/* --------------------------------------------------------------- mempools */

int kfs_ctest_mempool(void)
{
	struct kmem_cache *c;
	mempool_t *pool, spool;
	void *e1, *e2, *e3;
	int id;

	pool = mempool_create_kmalloc_pool(2, 128);
	CHECK(pool && pool->curr_nr == 2 && mempool_is_saturated(pool));

	/* With memory: the allocator serves, the reserve stays. */
	e1 = mempool_alloc(pool, GFP_NOIO);
	CHECK(e1 && pool->curr_nr == 2);
	mempool_free(e1, pool);
	CHECK(pool->curr_nr == 2);

	/* Without: the reserve, then NULL for those that cannot wait. */
	id = fail_allocs(0);
	e1 = mempool_alloc(pool, GFP_NOWAIT);
	e2 = mempool_alloc(pool, GFP_ATOMIC);
	e3 = mempool_alloc(pool, GFP_NOWAIT);
	CHECK(e1 && e2 && !e3 && pool->curr_nr == 0);
	CHECK(!mempool_is_saturated(pool));
	/* A freed element refills the reserve first. */
	mempool_free(e1, pool);
	CHECK(pool->curr_nr == 1);
	e3 = mempool_alloc(pool, GFP_NOWAIT);
	CHECK(e3 == e1);
	kfs_fault_remove(id);
	mempool_free(e2, pool);
	mempool_free(e3, pool);
	CHECK(pool->curr_nr == 2);

	CHECK(mempool_resize(pool, 4) == 0 && pool->curr_nr == 4 && pool->min_nr == 4);
	CHECK(mempool_resize(pool, 1) == 0 && pool->curr_nr == 1 && pool->min_nr == 1);
	mempool_destroy(pool);
	mempool_destroy(NULL);

	/* Pools over a cache, embedded. */
	c = kmem_cache_create("kfs_ctest_pool", 48, 0, 0, NULL);
	CHECK(c);
	CHECK(mempool_init_slab_pool(&spool, 3, c) == 0);
	CHECK(mempool_initialized(&spool) && spool.curr_nr == 3);
	e1 = mempool_alloc(&spool, GFP_KERNEL);
	CHECK(e1);
	mempool_free(e1, &spool);
	mempool_exit(&spool);
	CHECK(!mempool_initialized(&spool));
	CHECK(kfs_mem_live_objects("kfs_ctest_pool") == 0);
	kmem_cache_destroy(c);

	/* A pool that cannot be filled is not created. */
	id = fail_allocs(3);
	CHECK(mempool_create_kmalloc_pool(2, 64) == NULL);
	kfs_fault_remove(id);
	return 0;
}

struct pool_giver {
	mempool_t *pool;
	void *element;
};

static int pool_give(void *data)
{
	struct pool_giver *g = data;

	mempool_free(g->element, g->pool);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

int kfs_ctest_mempool_wait(void)
{
	struct pool_giver g;
	struct task_struct *t;
	mempool_t *pool;
	void *e1, *e2, *e3;
	int id;

	pool = mempool_create_kmalloc_pool(2, 256);
	CHECK(pool);
	id = fail_allocs(0);
	e1 = mempool_alloc(pool, GFP_KERNEL);
	e2 = mempool_alloc(pool, GFP_KERNEL);
	CHECK(e1 && e2 && pool->curr_nr == 0);
	/*
	 * The reserve is empty and the allocator keeps failing: GFP_KERNEL
	 * waits until another task gives an element back -- whether the
	 * free happens before or after the wait starts, e2 is what comes back.
	 */
	g.pool = pool;
	g.element = e2;
	kfs_fault_remove(id);		/* creating the thread allocates */
	t = kthread_run(pool_give, &g, "kfs-ctest-pool");
	CHECK(!IS_ERR(t));
	id = fail_allocs(0);
	e3 = mempool_alloc(pool, GFP_KERNEL);
	kthread_stop(t);
	kfs_fault_remove(id);
	CHECK(e3 == e2);
	mempool_free(e1, pool);
	mempool_free(e3, pool);
	mempool_destroy(pool);
	return 0;
}

/* ----------------------------------------------------------------- random */

static u32 once_seed;
static int once_calls;

static void once_fn(int add)
{
	once_calls += add;
}

static bool once_site(void)
{
	return DO_ONCE(once_fn, 1);
}

static void seed_once(void)
{
	get_random_once(&once_seed, sizeof(once_seed));
}

int kfs_ctest_random(void)
{
	struct rnd_state a, b;
	unsigned int seen = 0, i;
	u32 v1[8], v2[8], saved;
	u8 bytes[37];

	CHECK(get_random_u32_below(1) == 0);
	CHECK(get_random_u32_below(0) == 0);
	for (i = 0; i < 2000; i++) {
		u32 v = get_random_u32_below(7);

		CHECK(v < 7);
		seen |= 1U << v;
		CHECK(prandom_u32_max(3) < 3);
		CHECK(get_random_u32_inclusive(10, 12) >= 10);
		CHECK(get_random_u32_inclusive(10, 12) <= 12);
		CHECK(get_random_u32_above(U32_MAX - 1) == U32_MAX);
	}
	CHECK(seen == 0x7f);
	CHECK(get_random_u32_inclusive(5, 5) == 5);
	/* 2^-64 odds of a false failure per pair. */
	CHECK(get_random_u64() != get_random_u64() || get_random_u64() != get_random_u64());
	get_random_bytes(bytes, sizeof(bytes));
	get_random_bytes(NULL, 0);
	(void)get_random_u8();
	(void)get_random_u16();
	(void)get_random_long();
	CHECK(wait_for_random_bytes() == 0);

	/* Same seed, same stream; another seed, another stream. */
	prandom_seed_state(&a, 42);
	prandom_seed_state(&b, 42);
	for (i = 0; i < 8; i++) {
		v1[i] = prandom_u32_state(&a);
		v2[i] = prandom_u32_state(&b);
		CHECK(v1[i] == v2[i]);
	}
	prandom_seed_state(&b, 43);
	for (i = 0; i < 8; i++)
		v2[i] = prandom_u32_state(&b);
	CHECK(memcmp(v1, v2, sizeof(v1)) != 0);
	prandom_seed_state(&a, 0);
	CHECK(prandom_u32_state(&a) != prandom_u32_state(&a) ||
	      prandom_u32_state(&a) != prandom_u32_state(&a));
	prandom_bytes_state(&a, bytes, sizeof(bytes));

	/* DO_ONCE: the first pass calls, later ones do not. */
	once_calls = 0;
	CHECK(once_site());
	CHECK(!once_site() && !once_site());
	CHECK(once_calls == 1);
	seed_once();
	saved = once_seed;
	seed_once();
	CHECK(once_seed == saved);
	return 0;
}

/* ------------------------------------------------------- typesafe by RCU */

int kfs_ctest_typesafe_rcu(void)
{
	struct kfs_slab_stats st;
	struct kmem_cache *c;
	void *a, *b, *objs[40];
	int i;

	c = kmem_cache_create("kfs_ctest_rcu", 200, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	CHECK(c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a);
	kmem_cache_free(c, a);
	/* The memory may be reused at once, for the same type. */
	b = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(b == a);
	kmem_cache_free(c, b);
	for (i = 0; i < 40; i++)
		CHECK((objs[i] = kmem_cache_alloc(c, GFP_KERNEL)));
	for (i = 0; i < 40; i++)
		kmem_cache_free(c, objs[i]);
	kfs_slab_get_stats(c, &st);
	CHECK(st.free == 40 && st.live == 0);
	/* Back to the host only after a grace period. */
	kmem_cache_shrink(c);
	kfs_slab_get_stats(c, &st);
	CHECK(st.free == 0);
	rcu_barrier();
	a = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a);
	kmem_cache_free(c, a);
	kmem_cache_destroy(c);
	return 0;
}

/* ------------------------------------------------------------ leak report */

static struct kmem_cache *leaky;
static void *leaked[3];

int kfs_ctest_leak_setup(void)
{
	int i;

	leaky = kmem_cache_create("kfs_ctest_leaky", 48, 0, 0, NULL);
	CHECK(leaky);
	for (i = 0; i < 3; i++)
		CHECK((leaked[i] = kmem_cache_alloc(leaky, GFP_KERNEL)));
	CHECK(kfs_mem_live_objects("kfs_ctest_leaky") == 3);
	return 0;
}

int kfs_ctest_leak_cleanup(void)
{
	unsigned long warns = kfs_warn_count();
	int i;

	/* Destroying a busy cache warns and keeps it: its objects stay usable. */
	kmem_cache_destroy(leaky);
	CHECK(kfs_warn_count() == warns + 1);
	CHECK(kfs_mem_live_objects("kfs_ctest_leaky") == 3);
	memset(leaked[0], 0, 48);
	for (i = 0; i < 3; i++)
		kmem_cache_free(leaky, leaked[i]);
	CHECK(kfs_mem_live_objects("kfs_ctest_leaky") == 0);
	kmem_cache_destroy(leaky);
	CHECK(kfs_warn_count() == warns + 1);
	CHECK(kfs_mem_live_objects("kfs_ctest_leaky") == -ENOENT);
	CHECK(kfs_mem_live_objects("no such cache") == -ENOENT);
	return 0;
}

int kfs_ctest_not_leak(void)
{
#ifdef CONFIG_KFS_LEAK_CHECK
	long before = kfs_mem_live_objects("kmalloc-2k");
	void *p = kmalloc(2000, GFP_KERNEL);

	CHECK(p);
	CHECK(kfs_mem_live_objects("kmalloc-2k") == before + 1);
	kmemleak_not_leak(p);
	CHECK(kfs_mem_live_objects("kmalloc-2k") == before);
	kfree(p);
	CHECK(kfs_mem_live_objects("kmalloc-2k") == before);
#endif
	return 0;
}

void kfs_ctest_double_free(void)
{
	struct kmem_cache *c = kmem_cache_create("kfs_ctest_df", sizeof(struct tobj), 0, 0,
						 tobj_ctor);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
}
