/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Timers (Documentation/timers/, the kernel-doc of mod_timer and
 * del_timer_sync).  A pending timer runs its function once jiffies reaches
 * `expires`.  kfs runs all timer functions on one thread, "kfs-timer", one
 * at a time in expiry order (ties in the order they were armed), in softirq
 * context: they must not sleep, and might_sleep() says so if they try.
 * del_timer_sync() also waits for a running function to return, so it must
 * not be called with a lock the function takes, nor from the function.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/stddef.h>
#include <linux/stringify.h>
#include <linux/lockdep_types.h>

struct timer_list {
	struct hlist_node entry;	/* on the pending list while pending */
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
	u64 kfs_seq;			/* arming order, for equal expiries */
};

#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags)				\
	{ .entry = { NULL, NULL }, .expires = 0, .function = (_function), \
	  .flags = (_flags), .kfs_seq = 0 }

#define DEFINE_TIMER(_name, _function)					\
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key);

#define __init_timer(_timer, _fn, _flags)				\
	init_timer_key((_timer), (_fn), (_flags), #_timer, NULL)
#define __init_timer_on_stack(_timer, _fn, _flags)			\
	__init_timer(_timer, _fn, _flags)

#define timer_setup(timer, callback, flags)				\
	__init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags)			\
	__init_timer_on_stack((timer), (callback), (flags))

static inline void destroy_timer_on_stack(struct timer_list *timer) { }

#define from_timer(var, callback_timer, timer_fieldname)		\
	container_of(callback_timer, typeof(*var), timer_fieldname)

/* Whether the timer is armed (not yet run nor deleted). */
static inline int timer_pending(const struct timer_list *timer)
{
	return !hlist_unhashed_lockless(&timer->entry);
}

void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
/* Both return whether the timer was pending before. */
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
/* Moves expires earlier only. */
int timer_reduce(struct timer_list *timer, unsigned long expires);
/* Whether it was pending (its function will not run for that arming). */
int timer_delete(struct timer_list *timer);
/* -1 if the function is running right now, else as timer_delete(). */
int try_to_del_timer_sync(struct timer_list *timer);
/* timer_delete(), then waits for a running function to return. */
int timer_delete_sync(struct timer_list *timer);

static inline int del_timer(struct timer_list *timer)
{
	return timer_delete(timer);
}

static inline int del_timer_sync(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}

#define del_singleshot_timer_sync(t)	del_timer_sync(t)

#endif /* _LINUX_TIMER_H */
