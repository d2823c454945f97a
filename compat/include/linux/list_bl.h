/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlist with a lock in bit 0 of the head pointer ("bit-locked" lists): a
 * hash table of them needs no separate lock array.  Nodes are at least
 * 2-byte aligned, so bit 0 of a real pointer is always clear; every access
 * to the head word goes through READ_ONCE/WRITE_ONCE, because lockers spin
 * on that same word while the holder changes it.
 */
#ifndef _LINUX_LIST_BL_H
#define _LINUX_LIST_BL_H

#include <linux/list.h>
#include <linux/bit_spinlock.h>

#define LIST_BL_LOCKMASK	1UL

struct hlist_bl_head {
	struct hlist_bl_node *first;
};

struct hlist_bl_node {
	struct hlist_bl_node *next, **pprev;
};

#define INIT_HLIST_BL_HEAD(ptr)		((ptr)->first = NULL)

static inline void INIT_HLIST_BL_NODE(struct hlist_bl_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

#define hlist_bl_entry(ptr, type, member)	container_of(ptr, type, member)

static inline bool hlist_bl_unhashed(const struct hlist_bl_node *h)
{
	return !READ_ONCE(h->pprev);
}

static inline struct hlist_bl_node *hlist_bl_first(struct hlist_bl_head *h)
{
	return (struct hlist_bl_node *)((unsigned long)READ_ONCE(h->first) & ~LIST_BL_LOCKMASK);
}

/* The caller holds the lock bit: keep it set. */
static inline void hlist_bl_set_first(struct hlist_bl_head *h, struct hlist_bl_node *n)
{
	WARN_ON_ONCE((unsigned long)n & LIST_BL_LOCKMASK);
	WARN_ON_ONCE(((unsigned long)READ_ONCE(h->first) & LIST_BL_LOCKMASK) !=
		     LIST_BL_LOCKMASK);
	WRITE_ONCE(h->first, (struct hlist_bl_node *)((unsigned long)n | LIST_BL_LOCKMASK));
}

static inline bool hlist_bl_empty(const struct hlist_bl_head *h)
{
	return !((unsigned long)READ_ONCE(h->first) & ~LIST_BL_LOCKMASK);
}

static inline void hlist_bl_add_head(struct hlist_bl_node *n, struct hlist_bl_head *h)
{
	struct hlist_bl_node *first = hlist_bl_first(h);

	n->next = first;
	if (first)
		first->pprev = &n->next;
	n->pprev = &h->first;
	hlist_bl_set_first(h, n);
}

static inline void hlist_bl_add_before(struct hlist_bl_node *n, struct hlist_bl_node *next)
{
	struct hlist_bl_node **pprev = next->pprev;

	n->pprev = pprev;
	n->next = next;
	next->pprev = &n->next;
	/* pprev may be the head word: keep its lock bit. */
	WRITE_ONCE(*pprev, (struct hlist_bl_node *)((unsigned long)n |
		   ((unsigned long)READ_ONCE(*pprev) & LIST_BL_LOCKMASK)));
}

static inline void hlist_bl_add_behind(struct hlist_bl_node *n, struct hlist_bl_node *prev)
{
	n->next = prev->next;
	n->pprev = &prev->next;
	prev->next = n;
	if (n->next)
		n->next->pprev = &n->next;
}

static inline void __hlist_bl_del(struct hlist_bl_node *n)
{
	struct hlist_bl_node *next = n->next;
	struct hlist_bl_node **pprev = n->pprev;

	WARN_ON_ONCE((unsigned long)n & LIST_BL_LOCKMASK);
	/* pprev may be the head word: keep its lock bit. */
	WRITE_ONCE(*pprev, (struct hlist_bl_node *)((unsigned long)next |
		   ((unsigned long)READ_ONCE(*pprev) & LIST_BL_LOCKMASK)));
	if (next)
		next->pprev = pprev;
}

static inline void hlist_bl_del(struct hlist_bl_node *n)
{
	__hlist_bl_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

static inline void hlist_bl_del_init(struct hlist_bl_node *n)
{
	if (!hlist_bl_unhashed(n)) {
		__hlist_bl_del(n);
		INIT_HLIST_BL_NODE(n);
	}
}

static inline void hlist_bl_lock(struct hlist_bl_head *b)
{
	bit_spin_lock(0, (unsigned long *)b);
}

static inline void hlist_bl_unlock(struct hlist_bl_head *b)
{
	__bit_spin_unlock(0, (unsigned long *)b);
}

static inline bool hlist_bl_is_locked(struct hlist_bl_head *b)
{
	return bit_spin_is_locked(0, (unsigned long *)b);
}

#define hlist_bl_for_each_entry(tpos, pos, head, member)		\
	for (pos = hlist_bl_first(head);				\
	     pos && ({ tpos = hlist_bl_entry(pos, typeof(*tpos), member); 1; }); \
	     pos = pos->next)

#define hlist_bl_for_each_entry_safe(tpos, pos, n, head, member)	\
	for (pos = hlist_bl_first(head);				\
	     pos && ({ n = pos->next; 1; }) &&				\
	     ({ tpos = hlist_bl_entry(pos, typeof(*tpos), member); 1; }); \
	     pos = n)

#endif /* _LINUX_LIST_BL_H */
