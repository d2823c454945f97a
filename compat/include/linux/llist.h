/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock-less NULL-terminated singly linked lists.  Any number of producers may
 * llist_add() concurrently; consumers either take the whole list at once
 * with llist_del_all() (any number of them), or remove the first entry with
 * llist_del_first() -- only one such consumer at a time, and not together
 * with llist_del_all() users, as the kernel-doc of lib/llist.c explains.
 * The out-of-line part is the kernel's lib/llist.c, compiled from the tree.
 */
#ifndef LLIST_H
#define LLIST_H

#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/atomic.h>

struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name)	{ .first = NULL }
#define LLIST_HEAD(name)	struct llist_head name = { .first = NULL }

static inline void init_llist_head(struct llist_head *list)
{
	WRITE_ONCE(list->first, NULL);
}

/* A node that is not in any list points to itself (see llist_on_list). */
static inline void init_llist_node(struct llist_node *node)
{
	WRITE_ONCE(node->next, node);
}

static inline bool llist_on_list(const struct llist_node *node)
{
	return READ_ONCE(node->next) != node;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

/*
 * The entry walks stop when the entry's member would sit at address 0,
 * i.e. the node pointer was NULL (container_of of NULL is not NULL).  The
 * test is done on integers: the compiler may assume that the address of a
 * member is never NULL.
 */
#define __kfs_llist_entry_valid(pos, member) \
	(((unsigned long)(pos) + offsetof(typeof(*(pos)), member)) != 0UL)
#define member_address_is_nonnull(ptr, member)	__kfs_llist_entry_valid(ptr, member)

#define llist_for_each(pos, node) \
	for (pos = (node); pos != NULL; pos = pos->next)

/* pos may be freed in the body: its successor is read first. */
#define llist_for_each_safe(pos, n, node) \
	for (pos = (node); pos != NULL && ((n = pos->next), 1); pos = n)

/*
 * The walks turn the final NULL node into an entry pointer too; that is
 * done in integer arithmetic, as pointer arithmetic on NULL is undefined
 * (and UBSan says so).
 */
#define __kfs_llist_entry(node, type, member) \
	((type *)((unsigned long)(node) - offsetof(type, member)))

#define llist_for_each_entry(pos, node, member)					\
	for (pos = __kfs_llist_entry(node, typeof(*pos), member);		\
	     __kfs_llist_entry_valid(pos, member);				\
	     pos = __kfs_llist_entry(pos->member.next, typeof(*pos), member))

#define llist_for_each_entry_safe(pos, n, node, member)				\
	for (pos = __kfs_llist_entry(node, typeof(*pos), member);		\
	     __kfs_llist_entry_valid(pos, member) &&				\
	     ((n = __kfs_llist_entry(pos->member.next, typeof(*n), member)), 1); \
	     pos = n)

static inline bool llist_empty(const struct llist_head *head)
{
	return !READ_ONCE(head->first);
}

static inline struct llist_node *llist_next(struct llist_node *node)
{
	return node->next;
}

/*
 * Pushes the chain new_first..new_last; returns whether the list was empty
 * before.  The kernel's lib/llist.c, compiled from the tree.
 */
bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
		     struct llist_head *head);

/* The same for a single-threaded owner of the list. */
static inline bool __llist_add_batch(struct llist_node *new_first,
				     struct llist_node *new_last,
				     struct llist_head *head)
{
	struct llist_node *old = head->first;

	new_last->next = old;
	head->first = new_first;
	return !old;
}

static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	return llist_add_batch(new, new, head);
}

static inline bool __llist_add(struct llist_node *new, struct llist_head *head)
{
	return __llist_add_batch(new, new, head);
}

/* Takes every entry (newest first); the list is empty afterwards. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQUIRE);
}

static inline struct llist_node *__llist_del_all(struct llist_head *head)
{
	struct llist_node *taken = head->first;

	head->first = NULL;
	return taken;
}

/* Removes and returns the newest entry, or NULL (one such consumer at a time). */
struct llist_node *llist_del_first(struct llist_head *head);

/* Reverses a chain taken with llist_del_all() into insertion order. */
struct llist_node *llist_reverse_order(struct llist_node *head);

#endif /* LLIST_H */
