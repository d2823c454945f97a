/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU-safe list and hlist operations (Documentation/RCU/listRCU.rst).
 * Updaters (serialised by their own lock) publish a new entry's links with
 * a release store once the entry is fully initialised; readers inside
 * rcu_read_lock() walk with acquire loads, and a deleted entry keeps its
 * forward link so a reader standing on it can go on.  The entry may be
 * freed only after a grace period.
 */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H

#include <linux/list.h>
#include <linux/rcupdate.h>

#define INIT_LIST_HEAD_RCU(list)					\
	do {								\
		WRITE_ONCE((list)->next, (list));			\
		WRITE_ONCE((list)->prev, (list));			\
	} while (0)

/* The next pointer, as a reader must fetch it. */
#define list_next_rcu(list)	(*((struct list_head __rcu **)(&(list)->next)))
#define list_tail_rcu(head)	(*((struct list_head __rcu **)(&(head)->prev)))

static inline void __list_add_rcu(struct list_head *entry, struct list_head *prev,
				  struct list_head *next)
{
	entry->next = next;
	entry->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), entry);
	next->prev = entry;
}

static inline void list_add_rcu(struct list_head *entry, struct list_head *head)
{
	__list_add_rcu(entry, head, head->next);
}

static inline void list_add_tail_rcu(struct list_head *entry, struct list_head *head)
{
	__list_add_rcu(entry, head->prev, head);
}

/* Unlinks entry but leaves entry->next for readers still on it. */
static inline void list_del_rcu(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->prev = LIST_POISON2;
}

static inline void list_del_init_rcu(struct list_head *entry)
{
	if (!list_empty(entry)) {
		__list_del_entry(entry);
		entry->prev = entry;
	}
}

static inline void list_replace_rcu(struct list_head *old, struct list_head *entry)
{
	entry->next = old->next;
	entry->prev = old->prev;
	rcu_assign_pointer(list_next_rcu(entry->prev), entry);
	entry->next->prev = entry;
	old->prev = LIST_POISON2;
}

/* ptr is the link itself (an lvalue), fetched with an acquire load. */
#define list_entry_rcu(ptr, type, member)	container_of(rcu_dereference_raw(ptr), type, member)

#define list_first_or_null_rcu(ptr, type, member)			\
({									\
	struct list_head *__kfs_head = (ptr);				\
	struct list_head *__kfs_next = rcu_dereference_raw(list_next_rcu(__kfs_head)); \
	likely(__kfs_head != __kfs_next) ?				\
		container_of(__kfs_next, type, member) : NULL;		\
})

#define list_next_or_null_rcu(head, ptr, type, member)			\
({									\
	struct list_head *__kfs_head = (head);				\
	struct list_head *__kfs_ptr = (ptr);				\
	struct list_head *__kfs_next = rcu_dereference_raw(list_next_rcu(__kfs_ptr)); \
	likely(__kfs_next != __kfs_head) ?				\
		container_of(__kfs_next, type, member) : NULL;		\
})

/* The optional trailing argument is a lockdep condition (not evaluated). */
#define list_for_each_entry_rcu(pos, head, member, cond...)		\
	for (pos = list_entry_rcu(list_next_rcu(head), \
				  typeof(*pos), member);		\
	     &pos->member != (head);					\
	     pos = list_entry_rcu(list_next_rcu(&pos->member), \
				  typeof(*pos), member))

#define list_for_each_entry_srcu(pos, head, member, cond)		\
	list_for_each_entry_rcu(pos, head, member)

#define list_for_each_entry_lockless(pos, head, member)		\
	list_for_each_entry_rcu(pos, head, member)

#define list_for_each_entry_continue_rcu(pos, head, member)		\
	for (pos = list_entry_rcu(list_next_rcu(&pos->member), \
				  typeof(*pos), member);		\
	     &pos->member != (head);					\
	     pos = list_entry_rcu(list_next_rcu(&pos->member), \
				  typeof(*pos), member))

#define list_for_each_entry_from_rcu(pos, head, member)		\
	for (; &(pos)->member != (head);				\
	     pos = list_entry_rcu(list_next_rcu(&pos->member), \
				  typeof(*(pos)), member))

#define list_for_each_rcu(pos, head)					\
	for (pos = rcu_dereference_raw(list_next_rcu(head));		\
	     pos != (head);						\
	     pos = rcu_dereference_raw(list_next_rcu(pos)))

/* ----------------------------------------------------------------- hlist */

#define hlist_first_rcu(head)	(*((struct hlist_node __rcu **)(&(head)->first)))
#define hlist_next_rcu(node)	(*((struct hlist_node __rcu **)(&(node)->next)))
#define hlist_pprev_rcu(node)	(*((struct hlist_node __rcu **)((node)->pprev)))

static inline void hlist_del_rcu(struct hlist_node *n)
{
	__hlist_del(n);
	WRITE_ONCE(n->pprev, LIST_POISON2);
}

static inline void hlist_del_init_rcu(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		WRITE_ONCE(n->pprev, NULL);
	}
}

static inline void hlist_replace_rcu(struct hlist_node *old, struct hlist_node *n)
{
	struct hlist_node *next = old->next;

	n->next = next;
	WRITE_ONCE(n->pprev, old->pprev);
	rcu_assign_pointer(*(struct hlist_node __rcu **)n->pprev, n);
	if (next)
		WRITE_ONCE(n->next->pprev, &n->next);
	WRITE_ONCE(old->pprev, LIST_POISON2);
}

static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	WRITE_ONCE(n->pprev, &h->first);
	rcu_assign_pointer(hlist_first_rcu(h), n);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
}

static inline void hlist_add_tail_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *i, *last = NULL;

	for (i = h->first; i; i = i->next)
		last = i;
	if (last) {
		n->next = last->next;
		WRITE_ONCE(n->pprev, &last->next);
		rcu_assign_pointer(hlist_next_rcu(last), n);
	} else {
		hlist_add_head_rcu(n, h);
	}
}

static inline void hlist_add_before_rcu(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	n->next = next;
	rcu_assign_pointer(hlist_pprev_rcu(n), n);
	WRITE_ONCE(next->pprev, &n->next);
}

static inline void hlist_add_behind_rcu(struct hlist_node *n, struct hlist_node *prev)
{
	n->next = prev->next;
	WRITE_ONCE(n->pprev, &prev->next);
	rcu_assign_pointer(hlist_next_rcu(prev), n);
	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

#define __hlist_for_each_rcu(pos, head)					\
	for (pos = rcu_dereference(hlist_first_rcu(head));		\
	     pos;							\
	     pos = rcu_dereference(hlist_next_rcu(pos)))

#define hlist_for_each_entry_rcu(pos, head, member, cond...)		\
	for (pos = hlist_entry_safe(rcu_dereference_raw(hlist_first_rcu(head)), \
				    typeof(*(pos)), member);		\
	     pos;							\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_srcu(pos, head, member, cond)		\
	hlist_for_each_entry_rcu(pos, head, member)
#define hlist_for_each_entry_rcu_notrace(pos, head, member)		\
	hlist_for_each_entry_rcu(pos, head, member)
#define hlist_for_each_entry_rcu_bh(pos, head, member)			\
	hlist_for_each_entry_rcu(pos, head, member)

#define hlist_for_each_entry_continue_rcu(pos, member)			\
	for (pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member);		\
	     pos;							\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_from_rcu(pos, member)			\
	for (; pos;							\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#endif /* _LINUX_RCULIST_H */
