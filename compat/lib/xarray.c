// SPDX-License-Identifier: GPL-2.0-only
/*
 * The XArray (Documentation/core-api/xarray.rst) as a radix tree of 64-slot
 * nodes.  See <linux/xarray.h> for the contract; the notes here are about
 * how kfs meets it.
 *
 * Shape.  xa_head is NULL (empty array) or a node.  A node with shift s
 * covers 2^(s + 6) consecutive indices; slot i covers 2^s of them and holds
 * NULL, a user entry (s == 0), XA_ZERO_ENTRY (s == 0) or a child node.
 * The root covers [0, 2^(shift + 6)); the tree grows a new root on top when
 * an index beyond that is stored and loses its root when only slot 0 of it
 * is left holding a node.
 *
 * Marks.  node->marks[m] has bit i set when the entry in slot i carries
 * mark m, or, for a child node, when some entry below it does.  The head's
 * summary lives in xa_flags (XA_FLAGS_MARK) so xa_marked() costs one load.
 *
 * Concurrency.  Writers hold xa_lock.  Readers hold only rcu_read_lock():
 * every slot, mark word and head pointer a reader may look at is written
 * with an atomic store (release for pointers, so a new node or a new entry
 * is fully visible before it is reachable), and nodes are freed after a
 * grace period.  Readers never follow parent pointers, so a concurrent
 * grow or shrink of the tree is harmless: they restart from the head.
 *
 * Allocation.  A store computes how many nodes it needs before changing
 * anything; if they cannot be had without sleeping it drops xa_lock,
 * allocates with the caller's gfp, retakes the lock and starts over
 * (the documented behaviour of the __xa_* calls).
 */
#include <linux/xarray.h>
#include <linux/bitops.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kmemleak.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define XA_CHUNK_SHIFT		6
#define XA_CHUNK_SIZE		(1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK		(XA_CHUNK_SIZE - 1)
/* Enough levels for any unsigned long index. */
#define XA_MAX_HEIGHT		DIV_ROUND_UP(BITS_PER_LONG, XA_CHUNK_SHIFT)

struct xa_node {
	unsigned char shift;		/* index bits below this node's slots */
	unsigned char offset;		/* slot in the parent */
	unsigned char count;		/* non-NULL slots */
	struct xa_node *parent;		/* writers only */
	struct xarray *array;
	union {
		struct rcu_head rcu;
		struct xa_node *next_spare;	/* while in a store's pool */
	};
	void *slots[XA_CHUNK_SIZE];
	unsigned long marks[XA_MAX_MARKS];
};

/* ------------------------------------------------------ encoding helpers */

static inline void *node_entry(struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

static inline bool entry_is_node(const void *entry)
{
	return xa_is_internal(entry) && (unsigned long)entry > 4096 && !xa_is_err(entry);
}

static inline struct xa_node *entry_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

static inline void *xa_error_entry(int err)
{
	return xa_mk_internal(err);
}

/* Atomic accessors: everything a lockless reader may load concurrently. */
static inline void *load_ptr(void *const *slot)
{
	return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

static inline void store_ptr(void **slot, void *v)
{
	__atomic_store_n(slot, v, __ATOMIC_RELEASE);
}

static inline unsigned long load_marks(const struct xa_node *node, unsigned int m)
{
	return __atomic_load_n(&node->marks[m], __ATOMIC_RELAXED);
}

static inline void store_marks(struct xa_node *node, unsigned int m, unsigned long v)
{
	__atomic_store_n(&node->marks[m], v, __ATOMIC_RELAXED);
}

static inline void set_head_mark(struct xarray *xa, xa_mark_t mark, bool on)
{
	gfp_t flags = xa->xa_flags;

	if (on)
		flags |= XA_FLAGS_MARK(mark);
	else
		flags &= ~XA_FLAGS_MARK(mark);
	__atomic_store_n(&xa->xa_flags, flags, __ATOMIC_RELAXED);
}

static inline bool is_mark(xa_mark_t mark)
{
	return (__force unsigned int)mark < XA_MAX_MARKS;
}

/* The highest index a node can reach, saturating at ULONG_MAX. */
static inline unsigned long node_span_last(const struct xa_node *node, unsigned long base)
{
	unsigned int bits = node->shift + XA_CHUNK_SHIFT;

	if (bits >= BITS_PER_LONG)
		return ULONG_MAX;
	return base + ((1UL << bits) - 1);
}

static inline unsigned long node_base(const struct xa_node *node, unsigned long index)
{
	unsigned int bits = node->shift + XA_CHUNK_SHIFT;

	if (bits >= BITS_PER_LONG)
		return 0;
	return index & ~((1UL << bits) - 1);
}

static inline unsigned int node_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

static inline bool root_covers(const struct xa_node *root, unsigned long index)
{
	return node_span_last(root, 0) >= index;
}

/* --------------------------------------------------------- node lifetime */

static void node_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct xa_node, rcu));
}

static void node_free(struct xa_node *node)
{
	call_rcu(&node->rcu, node_free_rcu);
}

struct xa_pool {
	struct xa_node *spare;
	unsigned int nr;
};

static void pool_free(struct xa_pool *pool)
{
	while (pool->spare) {
		struct xa_node *n = pool->spare;

		pool->spare = n->next_spare;
		kfree(n);
	}
	pool->nr = 0;
}

static struct xa_node *pool_take(struct xa_pool *pool, struct xarray *xa,
				 unsigned int shift)
{
	struct xa_node *node = pool->spare;

	pool->spare = node->next_spare;
	pool->nr--;
	memset(node, 0, sizeof(*node));
	node->shift = shift;
	node->array = xa;
	return node;
}

/*
 * Tops the pool up to need nodes.  First without sleeping and without
 * dropping the lock; then, if gfp allows, with the lock dropped.  Returns
 * true when the caller must start over (the lock was dropped, or nodes
 * were added), false when memory is exhausted.
 */
static struct xa_node *node_alloc(bool permanent, gfp_t gfp)
{
	struct xa_node *n = kmalloc(sizeof(*n), gfp);

	if (n && permanent)
		kmemleak_not_leak(n);
	return n;
}

static bool pool_fill(struct xarray *xa, struct xa_pool *pool, unsigned int need,
		      gfp_t gfp)
{
	/* The quick try may fail: it must not be __GFP_NOFAIL without reclaim. */
	gfp_t quick = (gfp & ~(__GFP_DIRECT_RECLAIM | __GFP_NOFAIL)) | __GFP_NOWARN;
	bool permanent = xa->xa_flags & XA_FLAGS_KFS_PERMANENT;	/* under xa_lock */

	while (pool->nr < need) {
		struct xa_node *n = node_alloc(permanent, quick);

		if (!n)
			break;
		n->next_spare = pool->spare;
		pool->spare = n;
		pool->nr++;
	}
	if (pool->nr >= need)
		return true;
	if (!gfpflags_allow_blocking(gfp))
		return false;

	spin_unlock(&xa->xa_lock);
	while (pool->nr < need) {
		struct xa_node *n = node_alloc(permanent, gfp);

		if (!n)
			break;
		n->next_spare = pool->spare;
		pool->spare = n;
		pool->nr++;
	}
	spin_lock(&xa->xa_lock);
	return pool->nr >= need;
}

/* --------------------------------------------------------------- lookups */

static inline struct xa_node *load_root(struct xarray *xa)
{
	void *head = load_ptr(&xa->xa_head);

	return entry_is_node(head) ? entry_to_node(head) : NULL;
}

/* The raw entry at index (XA_ZERO_ENTRY included), under RCU or the lock. */
static void *walk(struct xarray *xa, unsigned long index, struct xa_node **leafp)
{
	struct xa_node *node = load_root(xa);
	void *entry;

	if (leafp)
		*leafp = NULL;
	if (!node || !root_covers(node, index))
		return NULL;
	for (;;) {
		entry = load_ptr(&node->slots[node_offset(node, index)]);
		if (!entry_is_node(entry))
			break;
		node = entry_to_node(entry);
	}
	if (leafp)
		*leafp = node;
	return entry;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	void *entry;

	rcu_read_lock();
	entry = walk(xa, index, NULL);
	rcu_read_unlock();
	return xa_is_zero(entry) ? NULL : entry;
}
EXPORT_SYMBOL(xa_load);

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf;
	bool ret = false;
	void *entry;

	if (WARN_ON_ONCE(!is_mark(mark)))
		return false;
	rcu_read_lock();
	entry = walk(xa, index, &leaf);
	if (entry && leaf)
		ret = load_marks(leaf, (__force unsigned int)mark) &
		      (1UL << node_offset(leaf, index));
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL(xa_get_mark);

/*
 * Finds the first entry at index >= *indexp and <= max that is present (and
 * carries mark, when mark is a mark), skipping reserved entries.  Descends
 * from the root each time a subtree turns out to be exhausted, so it never
 * needs parent pointers and tolerates concurrent writers.
 */
static void *find_entry(struct xarray *xa, unsigned long *indexp, unsigned long max,
			xa_mark_t mark)
{
	unsigned long index = *indexp;
	bool marked = is_mark(mark);

	if (index > max)
		return NULL;
restart:
	{
		struct xa_node *node = load_root(xa);

		if (!node || !root_covers(node, index))
			return NULL;
		for (;;) {
			unsigned long base = node_base(node, index);
			unsigned int off = node_offset(node, index);
			unsigned long slot_base;
			void *entry;

			for (; off < XA_CHUNK_SIZE; off++) {
				if (marked) {
					unsigned long w = load_marks(node,
						(__force unsigned int)mark) >> off;

					if (!w) {
						off = XA_CHUNK_SIZE;
						break;
					}
					off += __builtin_ctzl(w);
				}
				slot_base = base + ((unsigned long)off << node->shift);
				if (slot_base > max)
					return NULL;
				entry = load_ptr(&node->slots[off]);
				if (entry && !xa_is_zero(entry))
					break;
			}
			if (off >= XA_CHUNK_SIZE) {
				/* Nothing left in this node: resume after it. */
				unsigned long last = node_span_last(node, base);

				if (last >= max)
					return NULL;
				index = last + 1;
				goto restart;
			}
			if (slot_base > index)
				index = slot_base;
			if (entry_is_node(entry)) {
				node = entry_to_node(entry);
				continue;
			}
			*indexp = index;
			return entry;
		}
	}
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter)
{
	void *entry;

	rcu_read_lock();
	entry = find_entry(xa, indexp, max, filter);
	rcu_read_unlock();
	return entry;
}
EXPORT_SYMBOL(xa_find);

void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter)
{
	unsigned long index = *indexp;
	void *entry;

	if (index == ULONG_MAX)
		return NULL;
	index++;
	rcu_read_lock();
	entry = find_entry(xa, &index, max, filter);
	rcu_read_unlock();
	if (entry)
		*indexp = index;
	return entry;
}
EXPORT_SYMBOL(xa_find_after);

unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start,
			unsigned long max, unsigned int n, xa_mark_t filter)
{
	unsigned long index = start;
	unsigned int i = 0;
	void *entry;

	if (!n)
		return 0;
	rcu_read_lock();
	entry = find_entry(xa, &index, max, filter);
	while (entry) {
		dst[i++] = entry;
		if (i == n || index >= max)
			break;
		index++;
		entry = find_entry(xa, &index, max, filter);
	}
	rcu_read_unlock();
	return i;
}
EXPORT_SYMBOL(xa_extract);

/* --------------------------------------------------------------- marks */

/* Sets mark on the slot at off in node and on every ancestor that lacks it. */
static void mark_up(struct xarray *xa, struct xa_node *node, unsigned int off,
		    unsigned int m)
{
	while (node) {
		unsigned long w = node->marks[m];

		if (w & (1UL << off))
			return;
		store_marks(node, m, w | (1UL << off));
		off = node->offset;
		node = node->parent;
	}
	set_head_mark(xa, (__force xa_mark_t)m, true);
}

/* Clears mark at off in node; ancestors lose it when no slot below has it. */
static void unmark_up(struct xarray *xa, struct xa_node *node, unsigned int off,
		      unsigned int m)
{
	while (node) {
		unsigned long w = node->marks[m];

		if (!(w & (1UL << off)))
			return;
		w &= ~(1UL << off);
		store_marks(node, m, w);
		if (w)
			return;
		off = node->offset;
		node = node->parent;
	}
	set_head_mark(xa, (__force xa_mark_t)m, false);
}

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf;
	void *entry;

	lockdep_assert_held(&xa->xa_lock);
	if (WARN_ON_ONCE(!is_mark(mark)))
		return;
	entry = walk(xa, index, &leaf);
	if (entry && leaf)
		mark_up(xa, leaf, node_offset(leaf, index), (__force unsigned int)mark);
}
EXPORT_SYMBOL(__xa_set_mark);

void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf;
	void *entry;

	lockdep_assert_held(&xa->xa_lock);
	if (WARN_ON_ONCE(!is_mark(mark)))
		return;
	entry = walk(xa, index, &leaf);
	if (entry && leaf)
		unmark_up(xa, leaf, node_offset(leaf, index), (__force unsigned int)mark);
}
EXPORT_SYMBOL(__xa_clear_mark);

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_set_mark(xa, index, mark);
	xa_unlock(xa);
}
EXPORT_SYMBOL(xa_set_mark);

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_clear_mark(xa, index, mark);
	xa_unlock(xa);
}
EXPORT_SYMBOL(xa_clear_mark);

/* ------------------------------------------------------------- updates */

/*
 * Removes empty nodes upwards from node and then lowers the tree while its
 * root keeps only a child node in slot 0.
 */
static void prune(struct xarray *xa, struct xa_node *node)
{
	while (node && node->count == 0) {
		struct xa_node *parent = node->parent;

		if (parent) {
			unsigned int m;

			store_ptr(&parent->slots[node->offset], NULL);
			parent->count--;
			for (m = 0; m < XA_MAX_MARKS; m++)
				unmark_up(xa, parent, node->offset, m);
		} else {
			unsigned int m;

			store_ptr(&xa->xa_head, NULL);
			for (m = 0; m < XA_MAX_MARKS; m++)
				set_head_mark(xa, (__force xa_mark_t)m, false);
		}
		node_free(node);
		node = parent;
	}

	for (;;) {
		struct xa_node *root = load_root(xa);
		void *first;

		if (!root || root->count != 1)
			return;
		first = root->slots[0];
		if (!entry_is_node(first))
			return;
		/*
		 * A reader still inside the old root finds the child in its
		 * slot 0, which covers every index the root could, so it is
		 * left there until the grace period ends.
		 */
		entry_to_node(first)->parent = NULL;
		entry_to_node(first)->offset = 0;
		store_ptr(&xa->xa_head, first);
		node_free(root);
	}
}

/*
 * How many nodes storing at index needs: one per level added on top plus
 * one per missing node on the path down.
 */
static unsigned int nodes_needed(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = load_root(xa);
	unsigned int need = 0, shift;

	if (!node) {
		shift = 0;
		need = 1;
		while (shift + XA_CHUNK_SHIFT < BITS_PER_LONG &&
		       (index >> (shift + XA_CHUNK_SHIFT)) != 0) {
			shift += XA_CHUNK_SHIFT;
			need++;
		}
		return need;
	}
	shift = node->shift;
	while (shift + XA_CHUNK_SHIFT < BITS_PER_LONG &&
	       (index >> (shift + XA_CHUNK_SHIFT)) != 0) {
		shift += XA_CHUNK_SHIFT;
		need++;
	}
	if (need)
		/*
		 * New levels on top, and index lies outside the old root's
		 * subtree: every level under the new top is new on its path.
		 */
		return need + shift / XA_CHUNK_SHIFT;
	while (node->shift) {
		void *entry = node->slots[node_offset(node, index)];

		if (!entry_is_node(entry))
			return need + node->shift / XA_CHUNK_SHIFT;
		node = entry_to_node(entry);
	}
	return need;
}

/*
 * Puts entry (non-NULL) at index, building missing nodes from the pool,
 * which the caller has filled with nodes_needed() nodes.  Returns the old
 * entry.
 */
static void *install(struct xarray *xa, unsigned long index, void *entry,
		     struct xa_pool *pool)
{
	struct xa_node *node = load_root(xa);
	unsigned int off;
	void *old;

	if (!node) {
		unsigned int shift = 0;

		while (shift + XA_CHUNK_SHIFT < BITS_PER_LONG &&
		       (index >> (shift + XA_CHUNK_SHIFT)) != 0)
			shift += XA_CHUNK_SHIFT;
		node = pool_take(pool, xa, shift);
		store_ptr(&xa->xa_head, node_entry(node));
	}
	while (!root_covers(node, index)) {
		struct xa_node *top = pool_take(pool, xa, node->shift + XA_CHUNK_SHIFT);
		unsigned int m;

		top->slots[0] = node_entry(node);
		top->count = 1;
		for (m = 0; m < XA_MAX_MARKS; m++)
			if (node->marks[m])
				top->marks[m] = 1;
		node->parent = top;
		node->offset = 0;
		store_ptr(&xa->xa_head, node_entry(top));
		node = top;
	}
	while (node->shift) {
		void **slot;
		struct xa_node *child;

		off = node_offset(node, index);
		slot = &node->slots[off];
		if (entry_is_node(*slot)) {
			node = entry_to_node(*slot);
			continue;
		}
		child = pool_take(pool, xa, node->shift - XA_CHUNK_SHIFT);
		child->parent = node;
		child->offset = off;
		store_ptr(slot, node_entry(child));
		node->count++;
		node = child;
	}
	off = node_offset(node, index);
	old = node->slots[off];
	store_ptr(&node->slots[off], entry);
	if (!old)
		node->count++;
	return old;
}

/* Erases index; returns what was there. */
static void *remove_entry(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf;
	unsigned int off, m;
	void *old = walk(xa, index, &leaf);

	if (!old)
		return NULL;
	off = node_offset(leaf, index);
	store_ptr(&leaf->slots[off], NULL);
	leaf->count--;
	for (m = 0; m < XA_MAX_MARKS; m++)
		unmark_up(xa, leaf, off, m);
	prune(xa, leaf);
	return old;
}

enum store_mode { STORE_ALWAYS, STORE_IF_OLD };

/*
 * The common store: with STORE_IF_OLD the entry is only replaced when it is
 * currently old.  Returns the entry that was at index, or an error entry.
 */
static void *store(struct xarray *xa, unsigned long index, void *old, void *entry,
		   enum store_mode mode, gfp_t gfp)
{
	struct xa_pool pool = { NULL, 0 };
	void *curr;

	lockdep_assert_held(&xa->xa_lock);
	for (;;) {
		unsigned int need;

		curr = walk(xa, index, NULL);
		if (mode == STORE_IF_OLD && curr != old)
			break;
		if (!entry) {
			remove_entry(xa, index);
			break;
		}
		need = nodes_needed(xa, index);
		if (pool.nr >= need) {
			install(xa, index, entry, &pool);
			break;
		}
		if (!pool_fill(xa, &pool, need, gfp)) {
			curr = xa_error_entry(-ENOMEM);
			break;
		}
	}
	pool_free(&pool);
	return curr;
}

static inline bool bad_entry(void *entry)
{
	return xa_is_internal(entry) && entry != XA_ZERO_ENTRY;
}

static inline bool tracks_free(const struct xarray *xa)
{
	return xa->xa_flags & XA_FLAGS_TRACK_FREE;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	if (WARN_ON_ONCE(bad_entry(entry)))
		return xa_error_entry(-EINVAL);
	/* In an allocating array a stored NULL keeps the index allocated. */
	if (!entry && tracks_free(xa))
		entry = XA_ZERO_ENTRY;
	curr = store(xa, index, NULL, entry, STORE_ALWAYS, gfp);
	return xa_is_zero(curr) ? NULL : curr;
}
EXPORT_SYMBOL(__xa_store);

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return curr;
}
EXPORT_SYMBOL(xa_store);

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	void *curr = store(xa, index, NULL, NULL, STORE_ALWAYS, 0);

	return xa_is_zero(curr) ? NULL : curr;
}
EXPORT_SYMBOL(__xa_erase);

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock(xa);
	entry = __xa_erase(xa, index);
	xa_unlock(xa);
	return entry;
}
EXPORT_SYMBOL(xa_erase);

void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry,
		   gfp_t gfp)
{
	if (WARN_ON_ONCE(bad_entry(entry)))
		return xa_error_entry(-EINVAL);
	return store(xa, index, old, entry, STORE_IF_OLD, gfp);
}
EXPORT_SYMBOL(__xa_cmpxchg);

int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	if (WARN_ON_ONCE(bad_entry(entry)))
		return -EINVAL;
	if (!entry)
		entry = XA_ZERO_ENTRY;
	curr = store(xa, index, NULL, entry, STORE_IF_OLD, gfp);
	if (xa_is_err(curr))
		return xa_err(curr);
	return curr ? -EBUSY : 0;
}
EXPORT_SYMBOL(__xa_insert);

/*
 * The lowest index in [min, max] whose slot is empty, or false.  Walks the
 * tree like find_entry(), looking for holes instead of entries; an index
 * beyond the root's reach is a hole too.
 */
static bool find_hole(struct xarray *xa, unsigned long min, unsigned long max,
		      unsigned long *out)
{
	unsigned long index = min;

	if (min > max)
		return false;
restart:
	{
		struct xa_node *node = load_root(xa);

		if (!node || !root_covers(node, index)) {
			*out = index;
			return true;
		}
		for (;;) {
			unsigned long base = node_base(node, index);
			unsigned int off = node_offset(node, index);
			unsigned long slot_base = index;
			void *entry = NULL;

			for (; off < XA_CHUNK_SIZE; off++) {
				slot_base = base + ((unsigned long)off << node->shift);
				if (slot_base > max)
					return false;
				entry = node->slots[off];
				if (!entry || entry_is_node(entry))
					break;
			}
			if (off >= XA_CHUNK_SIZE) {
				unsigned long last = node_span_last(node, base);

				if (last >= max)
					return false;
				index = last + 1;
				goto restart;
			}
			if (slot_base > index)
				index = slot_base;
			if (!entry) {
				*out = index;
				return true;
			}
			node = entry_to_node(entry);
		}
	}
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
	       gfp_t gfp)
{
	unsigned long min = limit.min, index;
	void *curr;

	lockdep_assert_held(&xa->xa_lock);
	if (WARN_ON_ONCE(bad_entry(entry)))
		return -EINVAL;
	if (WARN_ON_ONCE(!tracks_free(xa)))
		return -EINVAL;
	if (!entry)
		entry = XA_ZERO_ENTRY;
	if ((xa->xa_flags & XA_FLAGS_ZERO_BUSY) && min == 0)
		min = 1;
	for (;;) {
		if (!find_hole(xa, min, limit.max, &index))
			return -EBUSY;
		/* store() may drop the lock: insist the hole is still one. */
		curr = store(xa, index, NULL, entry, STORE_IF_OLD, gfp);
		if (xa_is_err(curr))
			return xa_err(curr);
		if (!curr)
			break;
	}
	*id = index;
	return 0;
}
EXPORT_SYMBOL(__xa_alloc);

int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
		      u32 *next, gfp_t gfp)
{
	u32 min = limit.min;
	int ret;

	limit.min = max(min, *next);
	ret = __xa_alloc(xa, id, entry, limit, gfp);
	if (ret == -EBUSY && limit.min > min) {
		limit.min = min;
		ret = __xa_alloc(xa, id, entry, limit, gfp);
		if (ret == 0) {
			xa->xa_flags |= XA_FLAGS_ALLOC_WRAPPED;
			ret = 1;
		}
	}
	if (ret >= 0) {
		*next = *id + 1;
		if (*next == 0)
			xa->xa_flags |= XA_FLAGS_ALLOC_WRAPPED;
	}
	return ret;
}
EXPORT_SYMBOL(__xa_alloc_cyclic);

static void destroy_node(struct xa_node *node)
{
	unsigned int i;

	for (i = 0; i < XA_CHUNK_SIZE; i++)
		if (entry_is_node(node->slots[i]))
			destroy_node(entry_to_node(node->slots[i]));
	node_free(node);
}

void xa_destroy(struct xarray *xa)
{
	struct xa_node *root;
	unsigned int m;

	xa_lock(xa);
	root = load_root(xa);
	store_ptr(&xa->xa_head, NULL);
	for (m = 0; m < XA_MAX_MARKS; m++)
		set_head_mark(xa, (__force xa_mark_t)m, false);
	if (root)
		destroy_node(root);
	xa_unlock(xa);
}
EXPORT_SYMBOL(xa_destroy);

/* ------------------------------------------------- advanced API subset */

void *xas_load(struct xa_state *xas)
{
	void *entry = walk(xas->xa, xas->xa_index, NULL);

	xas->xa_node = NULL;
	return xa_is_zero(entry) ? NULL : entry;
}
EXPORT_SYMBOL(xas_load);

static void *xas_find_common(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	unsigned long index = xas->xa_index;
	void *entry;

	/* A fresh state searches from its index, a used one after it. */
	if (xas->xa_node != XAS_RESTART) {
		if (xas->xa_node == XAS_BOUNDS || index == ULONG_MAX)
			return NULL;
		index++;
	}
	entry = find_entry(xas->xa, &index, max, mark);
	if (!entry) {
		xas->xa_node = XAS_BOUNDS;
		return NULL;
	}
	xas->xa_index = index;
	xas->xa_node = NULL;
	return entry;
}

void *xas_find(struct xa_state *xas, unsigned long max)
{
	return xas_find_common(xas, max, XA_PRESENT);
}
EXPORT_SYMBOL(xas_find);

void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	return xas_find_common(xas, max, mark);
}
EXPORT_SYMBOL(xas_find_marked);

/*
 * Nodes go back to the allocator through RCU callbacks: let the last ones
 * run before anybody counts what is still allocated at exit.
 */
static void __exit xarray_exit(void)
{
	rcu_barrier();
}
__exitcall(xarray_exit);
