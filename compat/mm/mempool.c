/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory pools (<linux/mempool.h> states the contract; the role of
 * mm/mempool.c).  The reserve is an array used as a stack under pool->lock;
 * waiters for a returned element sleep on pool->wait.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mempool.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	BUG_ON(pool->curr_nr <= 0);
	return pool->elements[--pool->curr_nr];
}

void mempool_exit(mempool_t *pool)
{
	while (pool->curr_nr)
		pool->free(remove_element(pool), pool->pool_data);
	kfree(pool->elements);
	pool->elements = NULL;
}
EXPORT_SYMBOL(mempool_exit);

void mempool_destroy(mempool_t *pool)
{
	if (unlikely(!pool))
		return;
	mempool_exit(pool);
	kfree(pool);
}
EXPORT_SYMBOL(mempool_destroy);

int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data, gfp_t gfp_mask, int node_id)
{
	spin_lock_init(&pool->lock);
	pool->min_nr = min_nr;
	pool->curr_nr = 0;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	init_waitqueue_head(&pool->wait);

	pool->elements = kmalloc_array(min_nr > 0 ? min_nr : 1, sizeof(void *), gfp_mask);
	if (!pool->elements)
		return -ENOMEM;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(gfp_mask, pool->pool_data);

		if (unlikely(!element)) {
			mempool_exit(pool);
			return -ENOMEM;
		}
		add_element(pool, element);
	}
	return 0;
}
EXPORT_SYMBOL(mempool_init_node);

int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		 mempool_free_t *free_fn, void *pool_data)
{
	return mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL,
				 NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_init);

mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			       void *pool_data, gfp_t gfp_mask, int node_id)
{
	mempool_t *pool = kzalloc(sizeof(*pool), gfp_mask);

	if (!pool)
		return NULL;
	if (mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, gfp_mask, node_id)) {
		kfree(pool);
		return NULL;
	}
	return pool;
}
EXPORT_SYMBOL(mempool_create_node);

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL,
				   NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_create);

/*
 * Changes the reserve size.  Growing allocates the new elements with
 * GFP_KERNEL (it may sleep); shrinking gives the surplus back.
 */
int mempool_resize(mempool_t *pool, int new_min_nr)
{
	void **new_elements;
	unsigned long flags;
	void *element;

	BUG_ON(new_min_nr <= 0);
	might_sleep();

	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (new_min_nr < pool->curr_nr) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kmalloc_array(new_min_nr, sizeof(*new_elements), GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;

	spin_lock_irqsave(&pool->lock, flags);
	if (unlikely(new_min_nr <= pool->min_nr)) {
		/* Someone resized it meanwhile: retry from the start. */
		spin_unlock_irqrestore(&pool->lock, flags);
		kfree(new_elements);
		return mempool_resize(pool, new_min_nr);
	}
	memcpy(new_elements, pool->elements, pool->curr_nr * sizeof(*new_elements));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;

	while (pool->curr_nr < pool->min_nr) {
		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return 0;	/* the reserve fills up through mempool_free() */
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
		} else {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			return 0;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}
EXPORT_SYMBOL(mempool_resize);

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	void *element;
	unsigned long flags;
	gfp_t gfp_temp;

	WARN_ON_ONCE(gfp_mask & __GFP_ZERO);
	might_alloc(gfp_mask);

	/* The pool is the fallback: the allocator must not dip into reserves. */
	gfp_mask |= __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	/* First without reclaim or I/O, so the reserve is used before waiting. */
	gfp_temp = gfp_mask & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);

	for (;;) {
		element = pool->alloc(gfp_temp, pool->pool_data);
		if (likely(element))
			return element;

		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr)) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			/* Pairs with the barrier in mempool_free(). */
			smp_wmb();
			return element;
		}
		spin_unlock_irqrestore(&pool->lock, flags);

		if (gfp_temp != gfp_mask) {
			/* The reserve is empty: now let the allocator reclaim. */
			gfp_temp = gfp_mask;
			continue;
		}
		if (!(gfp_mask & __GFP_DIRECT_RECLAIM))
			return NULL;

		/*
		 * Wait for an element to come back; after a while try the
		 * allocator again anyway, memory may have been freed elsewhere.
		 */
		wait_event_timeout(pool->wait, READ_ONCE(pool->curr_nr) > 0, 5 * HZ);
	}
}
EXPORT_SYMBOL(mempool_alloc);

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (unlikely(!element))
		return;

	/* Pairs with the barrier in mempool_alloc(): see curr_nr fresh. */
	smp_rmb();
	if (unlikely(READ_ONCE(pool->curr_nr) < pool->min_nr)) {
		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr < pool->min_nr)) {
			add_element(pool, element);
			spin_unlock_irqrestore(&pool->lock, flags);
			wake_up(&pool->wait);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	pool->free(element, pool->pool_data);
}
EXPORT_SYMBOL(mempool_free);

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_alloc_slab);

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}
EXPORT_SYMBOL(mempool_free_slab);

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_kmalloc);

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}
EXPORT_SYMBOL(mempool_kfree);

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_alloc_pages);

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_free_pages);
