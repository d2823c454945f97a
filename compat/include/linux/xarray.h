/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The XArray: an array of pointers indexed by unsigned long, with three
 * search marks per entry (Documentation/core-api/xarray.rst).
 *
 * kfs implements it as a radix tree of 64-slot nodes (compat/lib/xarray.c):
 *  - readers (xa_load, xa_find, xa_get_mark, xa_for_each*) walk the tree
 *    under rcu_read_lock() and never take the lock;
 *  - writers take xa_lock (a spinlock), or call the __xa_* variants with it
 *    held; node allocation may drop and retake the lock when the gfp flags
 *    allow sleeping, exactly as the documentation says of the __xa_* calls;
 *  - a node is freed through RCU, so a concurrent reader never sees freed
 *    memory.
 *
 * Entry encoding is the documented one: pointers are 4-byte aligned (bits
 * 1:0 == 00), value entries have bit 0 set (xa_mk_value), and internal
 * entries -- nodes, the reserved "zero" entry, retry entries and errors --
 * have bits 1:0 == 10.  Users may store pointers and values, never internal
 * entries.
 *
 * The advanced API (XA_STATE, xas_*) is provided only for the calls kfs's
 * filesystems use; the rest is left undeclared on purpose.
 */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

/* ------------------------------------------------------------ entries */

#define BITS_PER_XA_VALUE	(BITS_PER_LONG - 1)

/* Turns an integer into an entry; the integer may use BITS_PER_XA_VALUE bits. */
static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/* Tagged pointers: tag is 0..3, kept in the two low bits. */
static inline void *xa_tag_pointer(void *p, unsigned long tag)
{
	return (void *)((unsigned long)p | tag);
}

static inline void *xa_untag_pointer(void *entry)
{
	return (void *)((unsigned long)entry & ~3UL);
}

static inline unsigned int xa_pointer_tag(void *entry)
{
	return (unsigned long)entry & 3UL;
}

/* Internal entries: the array's own bookkeeping, never seen by users. */
static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

/* xa_reserve() stores this: the slot is busy but reads back as NULL. */
#define XA_ZERO_ENTRY		xa_mk_internal(257)

static inline bool xa_is_zero(const void *entry)
{
	return entry == XA_ZERO_ENTRY;
}

/*
 * Errors travel as internal entries holding -errno (values -4095..-1, so
 * above every node pointer's encoding).
 */
static inline bool xa_is_err(const void *entry)
{
	return xa_is_internal(entry) &&
	       (unsigned long)entry >= (unsigned long)xa_mk_internal(-MAX_ERRNO);
}

/* 0 when entry is not an error, else the negative errno it carries. */
static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}

/* ------------------------------------------------------------ limits */

struct xa_limit {
	u32 max;
	u32 min;
};

#define XA_LIMIT(_min, _max) (struct xa_limit) { .min = _min, .max = _max }
#define xa_limit_32b	XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b	XA_LIMIT(0, INT_MAX)
#define xa_limit_16b	XA_LIMIT(0, USHRT_MAX)

/* ------------------------------------------------------------- marks */

typedef unsigned __bitwise xa_mark_t;
#define XA_MARK_0		((__force xa_mark_t)0U)
#define XA_MARK_1		((__force xa_mark_t)1U)
#define XA_MARK_2		((__force xa_mark_t)2U)
#define XA_PRESENT		((__force xa_mark_t)8U)
#define XA_MARK_MAX		XA_MARK_2
#define XA_FREE_MARK		XA_MARK_0
#define XA_MAX_MARKS		3

/*
 * xa_flags: the lock class, allocation tracking, and the marks of the head
 * (a mark is set in xa_flags when any entry carries it).  The low bits are
 * kept clear of gfp_t so a gfp never aliases a flag here.
 */
enum xa_lock_type {
	XA_LOCK_IRQ = 1,
	XA_LOCK_BH = 2,
};

#define XA_FLAGS_LOCK_IRQ	((__force gfp_t)XA_LOCK_IRQ)
#define XA_FLAGS_LOCK_BH	((__force gfp_t)XA_LOCK_BH)
#define XA_FLAGS_TRACK_FREE	((__force gfp_t)4U)
#define XA_FLAGS_ZERO_BUSY	((__force gfp_t)8U)
#define XA_FLAGS_ALLOC_WRAPPED	((__force gfp_t)16U)
#define XA_FLAGS_ACCOUNT	((__force gfp_t)32U)
/*
 * kfs only: the array lives until the process exits (a global registry),
 * so the nodes still holding entries then are not leaks; the exit-time
 * leak report skips them (kmemleak_not_leak).
 */
#define XA_FLAGS_KFS_PERMANENT	((__force gfp_t)64U)
#define XA_FLAGS_MARK(mark)	((__force gfp_t)((1U << 28) << (__force unsigned)(mark)))
/*
 * Allocating arrays: kfs finds free indices by walking the tree, so unlike
 * the kernel it spends no mark on free tracking; XA_MARK_0 stays usable.
 */
#define XA_FLAGS_ALLOC		XA_FLAGS_TRACK_FREE
#define XA_FLAGS_ALLOC1		(XA_FLAGS_TRACK_FREE | XA_FLAGS_ZERO_BUSY)

struct xarray {
	spinlock_t xa_lock;
	gfp_t xa_flags;
	void __rcu *xa_head;
};

#define XARRAY_INIT(name, flags) {				\
	.xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock),		\
	.xa_flags = flags,					\
	.xa_head = NULL,					\
}

#define DEFINE_XARRAY_FLAGS(name, flags) \
	struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name) DEFINE_XARRAY_FLAGS(name, 0)
#define DEFINE_XARRAY_ALLOC(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
#define DEFINE_XARRAY_ALLOC1(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

/* ---------------------------------------------------- normal API (locks itself) */

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter);
unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start,
			unsigned long max, unsigned int n, xa_mark_t filter);
void xa_destroy(struct xarray *xa);

/* ----------------------------------------------- with xa_lock already held */

void *__xa_erase(struct xarray *xa, unsigned long index);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry,
		   gfp_t gfp);
int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
	       gfp_t gfp);
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
		      u32 *next, gfp_t gfp);
void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	xa->xa_head = NULL;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

/* Lockless readers: plain atomic loads, so race detectors see them as such. */
static inline bool xa_empty(const struct xarray *xa)
{
	return __atomic_load_n(&xa->xa_head, __ATOMIC_RELAXED) == NULL;
}

/* Whether any entry in the array carries mark. */
static inline bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return __atomic_load_n(&xa->xa_flags, __ATOMIC_RELAXED) & XA_FLAGS_MARK(mark);
}

/*
 * Iteration.  The loops look each entry up afresh (xa_find_after), so the
 * array may be modified, and entries may come and go, while iterating;
 * index holds the entry's index in the body.
 */
#define xa_for_each_range(xa, index, entry, start, last)		\
	for (index = start,						\
	     entry = xa_find(xa, &index, last, XA_PRESENT);		\
	     entry;							\
	     entry = xa_find_after(xa, &index, last, XA_PRESENT))

#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)

#define xa_for_each(xa, index, entry) \
	xa_for_each_start(xa, index, entry, 0)

#define xa_for_each_marked(xa, index, entry, filter)			\
	for (index = 0, entry = xa_find(xa, &index, ULONG_MAX, filter);	\
	     entry; entry = xa_find_after(xa, &index, ULONG_MAX, filter))

/* ------------------------------------------------------------ locking */

#define xa_trylock(xa)		spin_trylock(&(xa)->xa_lock)
#define xa_lock(xa)		spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa)		spin_unlock(&(xa)->xa_lock)
#define xa_lock_bh(xa)		spin_lock_bh(&(xa)->xa_lock)
#define xa_unlock_bh(xa)	spin_unlock_bh(&(xa)->xa_lock)
#define xa_lock_irq(xa)		spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa)	spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags) \
	spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags) \
	spin_unlock_irqrestore(&(xa)->xa_lock, flags)
#define xa_lock_nested(xa, subclass) \
	spin_lock_nested(&(xa)->xa_lock, subclass)
#define xa_lock_bh_nested(xa, subclass) \
	spin_lock_nested(&(xa)->xa_lock, subclass)
#define xa_lock_irq_nested(xa, subclass) \
	spin_lock_nested(&(xa)->xa_lock, subclass)

/* -------------------------------------------------- locked wrappers */

static inline void *xa_store_bh(struct xarray *xa, unsigned long index, void *entry,
				gfp_t gfp)
{
	void *curr;

	xa_lock_bh(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock_bh(xa);
	return curr;
}

static inline void *xa_store_irq(struct xarray *xa, unsigned long index, void *entry,
				 gfp_t gfp)
{
	void *curr;

	xa_lock_irq(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock_irq(xa);
	return curr;
}

static inline void *xa_erase_bh(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock_bh(xa);
	entry = __xa_erase(xa, index);
	xa_unlock_bh(xa);
	return entry;
}

static inline void *xa_erase_irq(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock_irq(xa);
	entry = __xa_erase(xa, index);
	xa_unlock_irq(xa);
	return entry;
}

/*
 * Stores entry at index only if the current entry is old.  Returns the
 * entry that was there (== old on success) or an xa_err() entry.
 */
static inline void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
			       void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock(xa);
	curr = __xa_cmpxchg(xa, index, old, entry, gfp);
	xa_unlock(xa);
	return curr;
}

static inline void *xa_cmpxchg_bh(struct xarray *xa, unsigned long index, void *old,
				  void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock_bh(xa);
	curr = __xa_cmpxchg(xa, index, old, entry, gfp);
	xa_unlock_bh(xa);
	return curr;
}

static inline void *xa_cmpxchg_irq(struct xarray *xa, unsigned long index, void *old,
				   void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock_irq(xa);
	curr = __xa_cmpxchg(xa, index, old, entry, gfp);
	xa_unlock_irq(xa);
	return curr;
}

/* 0, -EBUSY when index is occupied (reserved counts), -ENOMEM, -EINVAL. */
static inline int xa_insert(struct xarray *xa, unsigned long index, void *entry,
			    gfp_t gfp)
{
	int err;

	xa_lock(xa);
	err = __xa_insert(xa, index, entry, gfp);
	xa_unlock(xa);
	return err;
}

static inline int xa_insert_bh(struct xarray *xa, unsigned long index, void *entry,
			       gfp_t gfp)
{
	int err;

	xa_lock_bh(xa);
	err = __xa_insert(xa, index, entry, gfp);
	xa_unlock_bh(xa);
	return err;
}

static inline int xa_insert_irq(struct xarray *xa, unsigned long index, void *entry,
				gfp_t gfp)
{
	int err;

	xa_lock_irq(xa);
	err = __xa_insert(xa, index, entry, gfp);
	xa_unlock_irq(xa);
	return err;
}

/*
 * ID allocation in an XA_FLAGS_ALLOC array: finds the lowest free index in
 * limit, stores entry there and writes the index to *id.  -EBUSY when the
 * range is full.
 */
static inline __must_check int xa_alloc(struct xarray *xa, u32 *id, void *entry,
					struct xa_limit limit, gfp_t gfp)
{
	int err;

	xa_lock(xa);
	err = __xa_alloc(xa, id, entry, limit, gfp);
	xa_unlock(xa);
	return err;
}

static inline __must_check int xa_alloc_bh(struct xarray *xa, u32 *id, void *entry,
					   struct xa_limit limit, gfp_t gfp)
{
	int err;

	xa_lock_bh(xa);
	err = __xa_alloc(xa, id, entry, limit, gfp);
	xa_unlock_bh(xa);
	return err;
}

static inline __must_check int xa_alloc_irq(struct xarray *xa, u32 *id, void *entry,
					    struct xa_limit limit, gfp_t gfp)
{
	int err;

	xa_lock_irq(xa);
	err = __xa_alloc(xa, id, entry, limit, gfp);
	xa_unlock_irq(xa);
	return err;
}

/* As xa_alloc, searching from *next and wrapping; returns 1 after a wrap. */
static inline int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
				  struct xa_limit limit, u32 *next, gfp_t gfp)
{
	int err;

	xa_lock(xa);
	err = __xa_alloc_cyclic(xa, id, entry, limit, next, gfp);
	xa_unlock(xa);
	return err;
}

/* Reserves index (it reads back as NULL but xa_insert/xa_alloc skip it). */
static inline __must_check int xa_reserve(struct xarray *xa, unsigned long index,
					  gfp_t gfp)
{
	return xa_err(xa_cmpxchg(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

static inline __must_check int xa_reserve_bh(struct xarray *xa, unsigned long index,
					     gfp_t gfp)
{
	return xa_err(xa_cmpxchg_bh(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

static inline __must_check int xa_reserve_irq(struct xarray *xa, unsigned long index,
					      gfp_t gfp)
{
	return xa_err(xa_cmpxchg_irq(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

/* Gives back a reservation that was not used. */
static inline void xa_release(struct xarray *xa, unsigned long index)
{
	xa_cmpxchg(xa, index, XA_ZERO_ENTRY, NULL, 0);
}

/* --------------------------------------------------- advanced API (subset) */

/*
 * An xa_state names a position in the array for the xas_* calls.  kfs keeps
 * only what the lookups below need: the array, the index and the node the
 * last step stopped in (used to tell a retry from a fresh walk).
 */
struct xa_node;

struct xa_state {
	struct xarray *xa;
	unsigned long xa_index;
	unsigned char xa_shift;
	unsigned char xa_sibs;
	unsigned char xa_offset;
	unsigned char xa_pad;
	struct xa_node *xa_node;
	struct xa_node *xa_alloc;
	void *xa_update;
	void *xa_lru;
};

/* xa_node sentinels: restart the walk from the top, or the walk is over. */
#define XAS_BOUNDS	((struct xa_node *)1UL)
#define XAS_RESTART	((struct xa_node *)3UL)

#define __XA_STATE(array, index, shift, sibs) {		\
	.xa = array,					\
	.xa_index = index,				\
	.xa_shift = shift,				\
	.xa_sibs = sibs,				\
	.xa_offset = 0,					\
	.xa_pad = 0,					\
	.xa_node = XAS_RESTART,				\
	.xa_alloc = NULL,				\
	.xa_update = NULL,				\
	.xa_lru = NULL,					\
}

#define XA_STATE(name, array, index) \
	struct xa_state name = __XA_STATE(array, index, 0, 0)

#define xas_lock(xas)		xa_lock((xas)->xa)
#define xas_unlock(xas)		xa_unlock((xas)->xa)
#define xas_lock_irq(xas)	xa_lock_irq((xas)->xa)
#define xas_unlock_irq(xas)	xa_unlock_irq((xas)->xa)

/*
 * kfs never hands out retry entries (a walk under RCU sees a consistent
 * node); a reserved entry is still skipped, as the documentation says.
 */
static inline bool xas_retry(struct xa_state *xas, const void *entry)
{
	return xa_is_zero(entry);
}

static inline void xas_reset(struct xa_state *xas)
{
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set(struct xa_state *xas, unsigned long index)
{
	xas->xa_index = index;
	xas->xa_node = XAS_RESTART;
}

/* The entry at xas->xa_index (NULL for a reserved entry), under RCU or the lock. */
void *xas_load(struct xa_state *xas);
/*
 * The first present entry at or after xas->xa_index (after it once the
 * state has been used), up to max; updates xa_index.  NULL at the end.
 */
void *xas_find(struct xa_state *xas, unsigned long max);
void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark);

#define xas_for_each(xas, entry, max) \
	for (entry = xas_find(xas, max); entry; entry = xas_find(xas, max))

#define xas_for_each_marked(xas, entry, max, mark) \
	for (entry = xas_find_marked(xas, max, mark); entry; \
	     entry = xas_find_marked(xas, max, mark))

#endif /* _LINUX_XARRAY_H */
