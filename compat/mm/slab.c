/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kmalloc and kmem_cache on the host's malloc (the roles of mm/slab_common.c
 * and mm/slub.c).  <linux/slab.h> states the contract; this is how it is met.
 *
 * One host block per object.  The object starts the block; a small tail
 * sits at the end of the block's usable area, found from the object address
 * alone (kfs_host_usable_size), and says which cache the object belongs to,
 * how many bytes were asked for, and whether the object is live or free.
 * Under AddressSanitizer the bytes between the requested size and the tail,
 * the tail itself, and objects resting on a cache's free list are poisoned,
 * so kernel code overrunning a kmalloc buffer or touching a freed object is
 * stopped where it happens.  Without ASan a damaged tail is caught when the
 * object is freed.
 *
 * Caches with a constructor (and SLAB_TYPESAFE_BY_RCU caches) keep freed
 * objects on a free list and hand them out again without constructing them
 * anew: the kernel's promise is that the constructor runs when an object is
 * first created, and file systems rely on it (inode_init_once in their
 * ctor).  Free lists are bounded and trimmed by kfs_shrink_slab(); objects of
 * a SLAB_TYPESAFE_BY_RCU cache go back to the host only after a grace period.
 * Other caches give objects straight back to the host, which lets ASan's
 * quarantine catch use after free.
 *
 * Allocation failure: an allocation that may sleep runs the shrinkers and
 * tries again before it fails; __GFP_NOFAIL keeps trying.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kfs/slab.h>
#include <kfs_host_alloc.h>

#include "../api/kfs_mem.h"
#include "internal.h"

#define TAIL_LIVE	0x5ab11fe5U
#define TAIL_FREE	0xf7ee0b1eU

/* Larger than this, __GFP_NOFAIL is a bad idea (the kernel's costly order). */
#define NOFAIL_SANE_SIZE	(PAGE_SIZE << 3)

struct leak_rec;

struct slab_tail {
	struct kmem_cache *owner;
	u32 magic;		/* TAIL_LIVE or TAIL_FREE, mixed with the address */
	u32 size;		/* bytes asked for (kmalloc), object size (caches) */
	void *link;		/* free: next free object; live: its leak record */
};

/*
 * Leak records (CONFIG_KFS_LEAK_CHECK): one per live object, on its cache's
 * list.  The object address is stored inverted so that LeakSanitizer does not
 * take the record for a reference: a kmalloc'ed object nobody points to is
 * still reported by LSan as well as by our own report.
 */
struct leak_rec {
	struct leak_rec *next, *prev;
	unsigned long hidden;	/* ~(unsigned long)object */
	unsigned long caller;
	unsigned int size;
	bool not_leak;
};

struct kmem_cache {
	const char *name;
	unsigned int object_size;	/* as asked */
	unsigned int size;		/* usable per object (ksize) */
	unsigned int align;
	slab_flags_t flags;
	void (*ctor)(void *);
	unsigned int useroffset, usersize;
	bool is_kmalloc;		/* a kmalloc size class or the large one */
	bool recycle;			/* keeps freed objects constructed */
	bool destroyed_busy;		/* destroyed with objects left: kept */

	struct kfs_host_mutex lock;	/* free list and leak records */
	void *free_list;
	unsigned long nr_free, max_free;
	struct leak_rec recs;		/* list head (debug builds) */

	long live;			/* atomic */
	unsigned long created;		/* atomic */
	unsigned long ctor_calls;	/* atomic */
	struct list_head list;		/* all created caches, under caches_lock */
};

static struct kfs_host_mutex caches_lock;
static LIST_HEAD(caches);

/* --------------------------------------------------------- kmalloc classes */

#define KMALLOC_CLASSES	13

#define KMALLOC_CLASS(n, sz, al) {					\
	.name = n, .object_size = sz, .size = sz, .align = al,		\
	.flags = SLAB_KMALLOC, .is_kmalloc = true,			\
}

/*
 * The classes of a 6.1 SLUB kernel with 4 KiB pages.  Power-of-two classes
 * are aligned to their size (memory-allocation.rst promises it); 96 and 192
 * get the alignment their slab layout would give them.
 */
static struct kmem_cache kmalloc_caches[KMALLOC_CLASSES] = {
	KMALLOC_CLASS("kmalloc-8", 8, 8),
	KMALLOC_CLASS("kmalloc-16", 16, 16),
	KMALLOC_CLASS("kmalloc-32", 32, 32),
	KMALLOC_CLASS("kmalloc-64", 64, 64),
	KMALLOC_CLASS("kmalloc-96", 96, 32),
	KMALLOC_CLASS("kmalloc-128", 128, 128),
	KMALLOC_CLASS("kmalloc-192", 192, 64),
	KMALLOC_CLASS("kmalloc-256", 256, 256),
	KMALLOC_CLASS("kmalloc-512", 512, 512),
	KMALLOC_CLASS("kmalloc-1k", 1024, 1024),
	KMALLOC_CLASS("kmalloc-2k", 2048, 2048),
	KMALLOC_CLASS("kmalloc-4k", 4096, 4096),
	KMALLOC_CLASS("kmalloc-8k", 8192, PAGE_SIZE),
};

/* Larger kmalloc requests: page aligned, usable size rounded to pages. */
static struct kmem_cache kmalloc_large = {
	.name = "kmalloc-large", .align = PAGE_SIZE, .flags = SLAB_KMALLOC,
	.is_kmalloc = true,
};

static struct kmem_cache *kmalloc_class(size_t size)
{
	unsigned int i;

	if (size <= 8)
		return &kmalloc_caches[0];
	if (size > 64 && size <= 96)
		return &kmalloc_caches[4];
	if (size > 128 && size <= 192)
		return &kmalloc_caches[6];
	for (i = 0; i < KMALLOC_CLASSES; i++)
		if (size <= kmalloc_caches[i].size)
			return &kmalloc_caches[i];
	return &kmalloc_large;
}

struct kmem_cache *kfs_kmalloc_cache(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return size ? &kmalloc_large : NULL;
	return kmalloc_class(size);
}

const char *kfs_slab_name(struct kmem_cache *s)
{
	return s->name;
}

/* ------------------------------------------------------------------ tails */

static u32 tail_magic(const void *obj, u32 state)
{
	unsigned long a = (unsigned long)obj;

	return state ^ (u32)(a >> 3) ^ (u32)(a >> 35);
}

/* The tail of obj, made accessible; tail_seal() poisons it again. */
static struct slab_tail *tail_open(const void *obj)
{
	size_t usable = kfs_host_usable_size(obj);
	struct slab_tail *t = (void *)((char *)obj + usable - sizeof(*t));

	kfs_host_unpoison(t, sizeof(*t));
	return t;
}

static void tail_seal(struct slab_tail *t)
{
	kfs_host_poison(t, sizeof(*t));
}

/* The usable bytes in front of the tail. */
static size_t tail_room(const void *obj, const struct slab_tail *t)
{
	return (const char *)t - (const char *)obj;
}

/*
 * The tail of an object someone hands back to us, checked: a tail that does
 * not say "live" means a double free, a pointer we never handed out, or an
 * overrun that wrote over the tail.  All are fatal, as they are under SLUB
 * debugging.
 */
static struct slab_tail *tail_check(const void *obj, const char *what)
{
	struct slab_tail *t = tail_open(obj);

	if (likely(t->magic == tail_magic(obj, TAIL_LIVE)))
		return t;
	if (t->magic == tail_magic(obj, TAIL_FREE))
		pr_crit("slab: %s(%px): double free of an object of %s\n", what, obj,
			t->owner ? t->owner->name : "?");
	else
		pr_crit("slab: %s(%px): not a live slab object, or its end was overwritten "
			"(buffer overrun?)\n", what, obj);
	BUG();
}

/* ---------------------------------------------------------- leak records */

#ifdef CONFIG_KFS_LEAK_CHECK
static inline void recs_init(struct kmem_cache *s)
{
	s->recs.next = s->recs.prev = &s->recs;
}

/* Records a new live object; called before it is published. */
static void leak_track(struct kmem_cache *s, void *obj, struct slab_tail *t,
		       unsigned int size, unsigned long caller)
{
	struct leak_rec *r = kfs_host_alloc_nofault(sizeof(*r), 0);

	t->link = r;
	if (!r)
		return;		/* untracked, but still counted */
	r->hidden = ~(unsigned long)obj;
	r->caller = caller;
	r->size = size;
	r->not_leak = false;
	kfs_host_mutex_lock(&s->lock);
	if (!s->recs.next)
		recs_init(s);
	r->next = &s->recs;
	r->prev = s->recs.prev;
	s->recs.prev->next = r;
	s->recs.prev = r;
	kfs_host_mutex_unlock(&s->lock);
}

static void leak_untrack(struct kmem_cache *s, struct slab_tail *t)
{
	struct leak_rec *r = t->link;

	t->link = NULL;
	if (!r)
		return;
	kfs_host_mutex_lock(&s->lock);
	r->prev->next = r->next;
	r->next->prev = r->prev;
	kfs_host_mutex_unlock(&s->lock);
	kfs_host_free(r);
}

static void leak_set_size(struct slab_tail *t, unsigned int size)
{
	struct leak_rec *r = t->link;

	if (r) {
		kfs_host_mutex_lock(&t->owner->lock);
		r->size = size;
		kfs_host_mutex_unlock(&t->owner->lock);
	}
}
#else
static inline void leak_track(struct kmem_cache *s, void *obj, struct slab_tail *t,
			      unsigned int size, unsigned long caller)
{
	t->link = NULL;
}

static inline void leak_untrack(struct kmem_cache *s, struct slab_tail *t) { }
static inline void leak_set_size(struct slab_tail *t, unsigned int size) { }
#endif

/*
 * kmemleak_not_leak(): the object stays allocated on purpose (a global that
 * lives until exit); the leak report leaves it out.
 */
void kmemleak_not_leak(const void *ptr)
{
	struct slab_tail *t;
	struct kmem_cache *s;

	if (ZERO_OR_NULL_PTR(ptr) || is_vmalloc_addr(ptr))
		return;
	t = tail_check(ptr, "kmemleak_not_leak");
	s = t->owner;
#ifdef CONFIG_KFS_LEAK_CHECK
	if (t->link) {
		kfs_host_mutex_lock(&s->lock);
		((struct leak_rec *)t->link)->not_leak = true;
		kfs_host_mutex_unlock(&s->lock);
	}
#endif
	tail_seal(t);
}

void kmemleak_ignore(const void *ptr)
{
	kmemleak_not_leak(ptr);
}

/* -------------------------------------------------------- host memory */

static bool alloc_warn_ok(void)
{
	static DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 10);

	return __ratelimit(&rs);
}

/*
 * The allocation failed once.  Direct reclaim: run the shrinkers and retry,
 * forever for __GFP_NOFAIL.  Tasks already reclaiming (PF_MEMALLOC) and
 * allocations that may not sleep get no reclaim.
 */
static noinline void *host_alloc_slow(size_t bytes, size_t align, gfp_t gfp, const char *what)
{
	bool can_reclaim = gfpflags_allow_blocking(gfp) && !(current->flags & PF_MEMALLOC);
	bool nofail = gfp & __GFP_NOFAIL;
	unsigned long tries = 0;
	void *p;

	if (nofail) {
		WARN_ONCE(!gfpflags_allow_blocking(gfp),
			  "slab: __GFP_NOFAIL without __GFP_DIRECT_RECLAIM (%s)\n", what);
		WARN_ONCE(bytes > NOFAIL_SANE_SIZE,
			  "slab: __GFP_NOFAIL for %zu bytes (%s)\n", bytes, what);
	}
	for (;;) {
		if (can_reclaim) {
			kfs_shrink_slab(current_gfp_context(gfp), 0);
			p = kfs_host_alloc(bytes, align);
			if (p)
				return p;
		}
		if (!nofail)
			break;
		kfs_host_alloc_backoff();
		p = kfs_host_alloc(bytes, align);
		if (p)
			return p;
		if (++tries % 1000 == 0)
			pr_warn("slab: __GFP_NOFAIL allocation of %zu bytes (%s) still failing after %lu tries\n",
				bytes, what, tries);
	}
	if (!(gfp & __GFP_NOWARN) && alloc_warn_ok()) {
		pr_warn("%s: page allocation failure: %zu bytes, mode:%#x\n",
			current->comm, bytes, (__force unsigned int)gfp);
		pr_warn("slab: cache %s out of memory\n", what);
		dump_stack();
	}
	return NULL;
}

/*
 * A new object of cache s with `room` usable bytes: the host block, its
 * tail, accounting.  size is what the caller asked for (the tail records
 * it; the bytes after it are poisoned).
 */
static void *obj_new(struct kmem_cache *s, size_t room, size_t size, size_t align,
		     gfp_t gfp, unsigned long caller)
{
	size_t bytes = ALIGN(room, sizeof(long)) + sizeof(struct slab_tail);
	struct slab_tail *t;
	void *obj;

	obj = kfs_host_alloc(bytes, align);
	if (unlikely(!obj)) {
		obj = host_alloc_slow(bytes, align, gfp, s->name);
		if (!obj)
			return NULL;
	}
	t = tail_open(obj);
	t->owner = s;
	t->magic = tail_magic(obj, TAIL_LIVE);
	t->size = size;
	leak_track(s, obj, t, size, caller);
	/* The slack after the object, up to the tail. */
	kfs_host_poison((char *)obj + size, tail_room(obj, t) - size);
	tail_seal(t);
	__atomic_add_fetch(&s->live, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&s->created, 1, __ATOMIC_RELAXED);
	kfs_mem_check();	/* objects over the memory cap's mark wake reclaim */
	return obj;
}

/* Gives a (non-recycled) object's block back to the host. */
static void obj_release(struct kmem_cache *s, void *obj)
{
	__atomic_sub_fetch(&s->live, 1, __ATOMIC_RELAXED);
	kfs_host_free(obj);
}

/* ------------------------------------------------------------------ kmalloc */

/* kmalloc's view of the gfp flags: what slab cannot serve is fixed up loudly. */
static gfp_t kmalloc_fix_flags(gfp_t flags)
{
	gfp_t bad = __GFP_HIGHMEM | __GFP_DMA32 | ~__GFP_BITS_MASK;

	if (unlikely(flags & bad)) {
		pr_warn("slab: unexpected gfp %#x, fixing up to %#x\n",
			(__force unsigned int)flags, (__force unsigned int)(flags & ~bad));
		dump_stack();
		flags &= ~bad;
	}
	return flags;
}

void *__kmalloc_track_caller(size_t size, gfp_t flags, unsigned long caller)
{
	struct kmem_cache *s;
	size_t room;
	void *obj;

	/*
	 * (J) Small kmallocs come from kmalloc caches: like cache_alloc, SLUB
	 * checks zone modifiers only for a fresh slab page or a large kmalloc.
	 * mempool_kmalloc pools (bio sets) get mpage's readahead gfp here.
	 */
	if (size <= 2 * PAGE_SIZE)
		flags &= ~(__GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE);
	flags = kmalloc_fix_flags(flags);
	might_alloc(flags);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		/* What an allocation above the page allocator's top order does. */
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	s = kmalloc_class(size);
	room = s == &kmalloc_large ? ALIGN(size, PAGE_SIZE) : s->size;
	obj = obj_new(s, room, size, s->align, flags, caller);
	if (obj && (flags & __GFP_ZERO))
		memset(obj, 0, size);
	return obj;
}
EXPORT_SYMBOL(__kmalloc_track_caller);

/* Out of line so that _RET_IP_ is the code that called kmalloc(). */
void *__kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc_track_caller(size, flags, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc);

void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_track_caller(size, flags, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc_node);

static void cache_free(struct kmem_cache *s, void *obj, struct slab_tail *t);

void kfree(const void *objp)
{
	struct slab_tail *t;
	struct kmem_cache *s;
	void *obj = (void *)objp;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	t = tail_check(obj, "kfree");
	s = t->owner;
	if (!s->is_kmalloc) {
		/* kfree() of a cache object is allowed (SLUB). */
		cache_free(s, obj, t);
		return;
	}
	leak_untrack(s, t);
	t->magic = tail_magic(obj, TAIL_FREE);
	obj_release(s, obj);
}
EXPORT_SYMBOL(kfree);

/* The usable size of an object, and makes all of it accessible. */
size_t ksize(const void *objp)
{
	struct slab_tail *t;
	size_t n;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	t = tail_check(objp, "ksize");
	if (t->owner == &kmalloc_large)
		n = ALIGN(t->size, PAGE_SIZE);
	else
		n = t->owner->size;
	tail_seal(t);
	kfs_host_unpoison(objp, n);
	return n;
}
EXPORT_SYMBOL(ksize);

size_t kmalloc_size_roundup(size_t size)
{
	if (!size)
		return 0;
	if (size > KMALLOC_MAX_SIZE)
		return size;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return ALIGN(size, PAGE_SIZE);
	return kmalloc_class(size)->size;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

void kfree_sensitive(const void *p)
{
	size_t n = ksize(p);

	if (n)
		memzero_explicit((void *)p, n);
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

static void *do_krealloc(const void *p, size_t new_size, gfp_t flags, unsigned long caller)
{
	struct slab_tail *t;
	size_t ks, old;
	void *n;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return __kmalloc_track_caller(new_size, flags, caller);

	t = tail_check(p, "krealloc");
	old = t->size;
	ks = t->owner == &kmalloc_large ? ALIGN(old, PAGE_SIZE) : t->owner->size;
	if (t->owner->is_kmalloc && new_size <= ks) {
		/* Fits the object's size class: stays where it is. */
		t->size = new_size;
		leak_set_size(t, new_size);
		if (new_size > old) {
			kfs_host_unpoison((char *)p + old, new_size - old);
			if (flags & __GFP_ZERO)
				memset((char *)p + old, 0, new_size - old);
		} else {
			kfs_host_poison((char *)p + new_size, old - new_size);
		}
		tail_seal(t);
		return (void *)p;
	}
	tail_seal(t);

	n = __kmalloc_track_caller(new_size, flags, caller);
	if (!n)
		return NULL;
	memcpy(n, p, min(old, new_size));
	kfree(p);
	return n;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	return do_krealloc(p, new_size, flags, _RET_IP_);
}
EXPORT_SYMBOL(krealloc);

/* ---------------------------------------------------------- object caches */

/*
 * The alignment objects of a cache get: at least ARCH_SLAB_MINALIGN, what
 * the creator asked for, and with SLAB_HWCACHE_ALIGN a cache line -- halved
 * while the object fits twice in it, as the kernel does, so small objects
 * are not padded to a full line.
 */
static unsigned int cache_align(slab_flags_t flags, unsigned int align, unsigned int size)
{
	unsigned int a = ARCH_SLAB_MINALIGN;

	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int line = 64;

		while (size <= line / 2 && line > a)
			line /= 2;
		a = max(a, line);
	}
	if (align > a)
		a = align;
	return a;
}

struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	const char *why = "out of memory";
	char *cname;

	might_sleep();
	if (!name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1)) ||
	    align > PAGE_SIZE) {
		why = "invalid arguments";
		goto fail;
	}
	if (WARN_ON(useroffset > size || usersize > size - useroffset))
		useroffset = usersize = 0;
	s = kfs_host_alloc(sizeof(*s), 0);
	cname = s ? kfs_host_alloc(strlen(name) + 1, 0) : NULL;
	if (!cname) {
		if (s)
			kfs_host_free(s);
		s = NULL;
		goto fail;
	}
	memset(s, 0, sizeof(*s));
	strcpy(cname, name);
	s->name = cname;
	s->object_size = size;
	s->align = cache_align(flags, align, size);
	s->size = ALIGN(size, s->align);
	s->flags = flags;
	s->ctor = ctor;
	s->useroffset = useroffset;
	s->usersize = usersize;
	s->recycle = ctor || (flags & SLAB_TYPESAFE_BY_RCU);
	/* Keep up to 256 KiB (at least 16 objects) constructed per cache. */
	s->max_free = max(16UL, (256UL << 10) / s->size);
#ifdef CONFIG_KFS_LEAK_CHECK
	recs_init(s);
#endif
	kfs_host_mutex_lock(&caches_lock);
	list_add_tail(&s->list, &caches);
	kfs_host_mutex_unlock(&caches_lock);
	return s;

fail:
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: failed to create slab '%s' (%s)\n",
		      name ? name : "(null)", why);
	pr_warn("kmem_cache_create(%s) failed: %s\n", name ? name : "(null)", why);
	dump_stack();
	return NULL;
}
EXPORT_SYMBOL(kmem_cache_create_usercopy);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	return kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
}
EXPORT_SYMBOL(kmem_cache_create);

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
EXPORT_SYMBOL(kmem_cache_size);

/* Takes an object off s's free list, or NULL. */
static void *freelist_pop(struct kmem_cache *s)
{
	struct slab_tail *t;
	void *obj;

	if (!READ_ONCE(s->free_list))
		return NULL;
	kfs_host_mutex_lock(&s->lock);
	obj = s->free_list;
	if (obj) {
		t = tail_open(obj);
		WRITE_ONCE(s->free_list, t->link);
		WRITE_ONCE(s->nr_free, s->nr_free - 1);
		t->magic = tail_magic(obj, TAIL_LIVE);
		t->link = NULL;
		tail_seal(t);
	}
	kfs_host_mutex_unlock(&s->lock);
	return obj;
}

static void *cache_alloc(struct kmem_cache *s, gfp_t flags, unsigned long caller)
{
	struct slab_tail *t;
	void *obj;

	/*
	 * SLUB only complains about zone modifiers when it must get a fresh
	 * slab page (new_slab); objects of an existing slab are served
	 * whatever they say.  Paths such as mpage readahead legitimately hand
	 * readahead_gfp_mask() (GFP_HIGHUSER_MOVABLE...) to mempool_alloc ->
	 * kmem_cache_alloc, so drop the modifiers quietly here.
	 */
	flags &= ~(__GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE);
	flags = kmalloc_fix_flags(flags);
	might_alloc(flags);
	if (s->recycle) {
		obj = freelist_pop(s);
		if (obj) {
			kfs_host_unpoison(obj, s->object_size);
			__atomic_add_fetch(&s->live, 1, __ATOMIC_RELAXED);
			t = tail_open(obj);
			leak_track(s, obj, t, s->object_size, caller);
			tail_seal(t);
			goto got;
		}
	}
	obj = obj_new(s, s->size, s->object_size, s->align, flags, caller);
	if (!obj)
		return NULL;
	if (s->ctor) {
		s->ctor(obj);
		__atomic_add_fetch(&s->ctor_calls, 1, __ATOMIC_RELAXED);
	}
got:
	if (flags & __GFP_ZERO) {
		WARN_ONCE(s->ctor, "slab: __GFP_ZERO on cache %s, which has a constructor\n",
			  s->name);
		memset(obj, 0, s->object_size);
	}
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc);

void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_lru);

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_node);

/*
 * Gives the objects of a detached free list back to the host.  The ones of a
 * SLAB_TYPESAFE_BY_RCU cache go after a grace period, through a batch record
 * (compat bookkeeping, never failed by injection; if even that fails, the
 * objects wait on the list for another trim).
 */
struct rcu_batch {
	struct rcu_head rcu;
	struct kmem_cache *s;
	void *list;
};

static void free_chain(void *obj)
{
	while (obj) {
		struct slab_tail *t = tail_open(obj);
		void *next = t->link;

		kfs_host_free(obj);
		obj = next;
	}
}

static void rcu_batch_free(struct rcu_head *head)
{
	struct rcu_batch *b = container_of(head, struct rcu_batch, rcu);

	free_chain(b->list);
	kfs_host_free(b);
}

/* Trims s's free list to keep objects; returns how many were released. */
static unsigned long freelist_trim(struct kmem_cache *s, unsigned long keep)
{
	struct rcu_batch *b = NULL;
	unsigned long n = 0;
	void *chain = NULL, **tailp = &chain;

	if (s->flags & SLAB_TYPESAFE_BY_RCU) {
		b = kfs_host_alloc_nofault(sizeof(*b), 0);
		if (!b)
			return 0;
	}
	kfs_host_mutex_lock(&s->lock);
	while (s->nr_free > keep) {
		void *obj = s->free_list;
		struct slab_tail *t = tail_open(obj);

		WRITE_ONCE(s->free_list, t->link);
		WRITE_ONCE(s->nr_free, s->nr_free - 1);
		t->link = NULL;
		*tailp = obj;
		tailp = &t->link;
		n++;
	}
	kfs_host_mutex_unlock(&s->lock);
	if (!n) {
		if (b)
			kfs_host_free(b);
		return 0;
	}
	if (b) {
		b->s = s;
		b->list = chain;
		call_rcu(&b->rcu, rcu_batch_free);
	} else {
		free_chain(chain);
	}
	return n;
}

static void cache_free(struct kmem_cache *s, void *obj, struct slab_tail *t)
{
	leak_untrack(s, t);
	t->magic = tail_magic(obj, TAIL_FREE);
	__atomic_sub_fetch(&s->live, 1, __ATOMIC_RELAXED);
	if (!s->recycle) {
		kfs_host_free(obj);
		return;
	}
	/* Poisoned before it is published on the list, while still ours. */
	tail_seal(t);
	kfs_host_poison(obj, s->object_size);
	kfs_host_mutex_lock(&s->lock);
	t = tail_open(obj);
	t->link = s->free_list;
	WRITE_ONCE(s->free_list, obj);
	WRITE_ONCE(s->nr_free, s->nr_free + 1);
	tail_seal(t);
	kfs_host_mutex_unlock(&s->lock);
	if (unlikely(READ_ONCE(s->nr_free) > s->max_free))
		freelist_trim(s, s->max_free / 2);
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	struct slab_tail *t;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	t = tail_check(objp, "kmem_cache_free");
	if (WARN_ONCE(t->owner != s, "slab: kmem_cache_free(%s): object belongs to %s\n",
		      s ? s->name : "(null)", t->owner->name))
		s = t->owner;
	if (s->is_kmalloc) {
		tail_seal(t);
		kfree(objp);
		return;
	}
	cache_free(s, objp, t);
}
EXPORT_SYMBOL(kmem_cache_free);

void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	for (size_t i = 0; i < size; i++) {
		if (s)
			kmem_cache_free(s, p[i]);
		else
			kfree(p[i]);
	}
}
EXPORT_SYMBOL(kmem_cache_free_bulk);

/* All or nothing: returns size, or 0 with nothing allocated. */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p)
{
	size_t i;

	for (i = 0; i < size; i++) {
		p[i] = cache_alloc(s, flags, _RET_IP_);
		if (!p[i]) {
			kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return size;
}
EXPORT_SYMBOL(kmem_cache_alloc_bulk);

int kmem_cache_shrink(struct kmem_cache *s)
{
	freelist_trim(s, 0);
	return 0;
}
EXPORT_SYMBOL(kmem_cache_shrink);

void kmem_cache_destroy(struct kmem_cache *s)
{
	long live;

	if (!s)
		return;
	might_sleep();
	/* Let pending kfree_rcu()/call_rcu() frees of its objects finish. */
	if (s->flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();

	kfs_host_mutex_lock(&caches_lock);
	live = __atomic_load_n(&s->live, __ATOMIC_RELAXED);
	if (live) {
		s->destroyed_busy = true;
		kfs_host_mutex_unlock(&caches_lock);
		WARN(1, "kmem_cache_destroy %s: Slab cache still has objects (%ld) when called from %pS\n",
		     s->name, live, (void *)_RET_IP_);
		kmem_cache_shrink(s);
		return;
	}
	list_del(&s->list);
	kfs_host_mutex_unlock(&caches_lock);

	if (s->flags & SLAB_TYPESAFE_BY_RCU) {
		/* Readers may still look at objects freed before the barrier. */
		synchronize_rcu();
		free_chain(s->free_list);
		rcu_barrier();		/* batches queued by earlier trims */
	} else {
		free_chain(s->free_list);
	}
	kfs_host_free((void *)s->name);
	kfs_host_free(s);
}
EXPORT_SYMBOL(kmem_cache_destroy);

unsigned long kfs_slab_trim(int priority)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	kfs_host_mutex_lock(&caches_lock);
	list_for_each_entry(s, &caches, list) {
		unsigned long nr = READ_ONCE(s->nr_free);

		if (s->recycle && nr)
			n += freelist_trim(s, nr - (nr >> priority));
	}
	kfs_host_mutex_unlock(&caches_lock);
	return n;
}

void kfs_slab_get_stats(struct kmem_cache *s, struct kfs_slab_stats *st)
{
	st->live = __atomic_load_n(&s->live, __ATOMIC_RELAXED);
	st->created = __atomic_load_n(&s->created, __ATOMIC_RELAXED);
	st->ctor_calls = __atomic_load_n(&s->ctor_calls, __ATOMIC_RELAXED);
	kfs_host_mutex_lock(&s->lock);
	st->free = s->nr_free;
	kfs_host_mutex_unlock(&s->lock);
}

/* ------------------------------------------------------------ leak report */

/* Live objects of s that count as leaks. */
static long cache_leaks(struct kmem_cache *s, bool print)
{
	long live = __atomic_load_n(&s->live, __ATOMIC_RELAXED);
#ifdef CONFIG_KFS_LEAK_CHECK
	struct leak_rec *r;
	long ignored = 0, shown = 0;

	kfs_host_mutex_lock(&s->lock);
	if (s->recs.next) {
		for (r = s->recs.next; r != &s->recs; r = r->next)
			if (r->not_leak)
				ignored++;
	}
	live -= ignored;
	if (print && live > 0) {
		pr_warn("kfs: leak: %s: %ld object%s still allocated\n", s->name, live,
			live == 1 ? "" : "s");
		for (r = s->recs.next; r && r != &s->recs && shown < 4; r = r->next) {
			if (r->not_leak)
				continue;
			pr_warn("kfs: leak:   %px (%u bytes) allocated at %pS\n",
				(void *)~r->hidden, r->size, (void *)r->caller);
			shown++;
		}
	}
	kfs_host_mutex_unlock(&s->lock);
#else
	if (print && live > 0)
		pr_warn("kfs: leak: %s: %ld object%s still allocated\n", s->name, live,
			live == 1 ? "" : "s");
#endif
	return live > 0 ? live : 0;
}

#ifdef CONFIG_KFS_LEAK_CHECK
static void cache_mark_not_leak(struct kmem_cache *s)
{
	struct leak_rec *r;

	kfs_host_mutex_lock(&s->lock);
	if (s->recs.next)
		for (r = s->recs.next; r != &s->recs; r = r->next)
			r->not_leak = true;
	kfs_host_mutex_unlock(&s->lock);
}
#endif

/*
 * Built-in kernel code allocates its global state in its initcalls and never
 * frees it: built-in code is never unloaded.  kmemleak does not report such
 * objects because static data points at them.  We cannot scan for those
 * pointers, so kfs_init() calls this once the initcalls are done and every
 * object alive at that moment is treated as referenced from static data.
 */
void kfs_mem_mark_boot_objects(void)
{
#ifdef CONFIG_KFS_LEAK_CHECK
	struct kmem_cache *s;
	unsigned int i;

	kfs_host_mutex_lock(&caches_lock);
	list_for_each_entry(s, &caches, list)
		cache_mark_not_leak(s);
	kfs_host_mutex_unlock(&caches_lock);
	for (i = 0; i < KMALLOC_CLASSES; i++)
		cache_mark_not_leak(&kmalloc_caches[i]);
	cache_mark_not_leak(&kmalloc_large);
#endif
}

long kfs_mem_leak_report(int print)
{
	struct kmem_cache *s;
	long total = 0, v;
	unsigned int i;

	kfs_host_mutex_lock(&caches_lock);
	list_for_each_entry(s, &caches, list)
		total += cache_leaks(s, print);
	kfs_host_mutex_unlock(&caches_lock);
	for (i = 0; i < KMALLOC_CLASSES; i++)
		total += cache_leaks(&kmalloc_caches[i], print);
	total += cache_leaks(&kmalloc_large, print);
	v = kfs_vmalloc_live();
	if (print && v)
		pr_warn("kfs: leak: vmalloc: %ld area%s still allocated\n", v, v == 1 ? "" : "s");
	total += v;
	if (print && total)
		pr_warn("kfs: leak: %ld allocation%s outstanding in total\n", total,
			total == 1 ? "" : "s");
	return total;
}

long kfs_mem_live_objects(const char *name)
{
	struct kmem_cache *s;
	long n = 0;
	bool found = false;
	unsigned int i;

	if (!strcmp(name, "vmalloc"))
		return kfs_vmalloc_live();
	kfs_host_mutex_lock(&caches_lock);
	list_for_each_entry(s, &caches, list) {
		if (!strcmp(s->name, name)) {
			n += cache_leaks(s, false);
			found = true;
		}
	}
	kfs_host_mutex_unlock(&caches_lock);
	for (i = 0; i < KMALLOC_CLASSES; i++) {
		if (!strcmp(kmalloc_caches[i].name, name)) {
			n += cache_leaks(&kmalloc_caches[i], false);
			found = true;
		}
	}
	if (!strcmp(kmalloc_large.name, name)) {
		n += cache_leaks(&kmalloc_large, false);
		found = true;
	}
	return found ? n : -ENOENT;
}

#ifdef CONFIG_KFS_LEAK_CHECK
static void leak_report_at_exit(void)
{
	kfs_mem_leak_report(1);
}

/* Our own code, not kernel code: a constructor is the simplest hook. */
__attribute__((constructor)) static void leak_report_setup(void)
{
	if (kfs_host_env_bool("KFS_LEAK_REPORT", 1))
		kfs_host_atexit(leak_report_at_exit);
}
#endif
