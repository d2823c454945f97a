/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wait queues (Documentation/driver-api/basics.rst, "Wait queues and Wake
 * events", and the kernel-doc of wait_event()).
 *
 * A wait queue head is a spinlock and a list of entries; an entry names a
 * task and a wake function.  Waiting is always the same dance: get on the
 * queue and set the task state (prepare_to_wait*), test the condition, and
 * sleep with schedule() unless it holds; a waker changes the condition, then
 * calls wake_up*(), which runs the wake functions (waking tasks) of the
 * entries, all non-exclusive ones and the first nr exclusive ones.  A
 * wake-up between the test and schedule() is not lost: it sets the task
 * back to TASK_RUNNING, and schedule() then returns at once.
 *
 * Return values of the wait_event family, as documented there: timed forms
 * give 0 if the condition was still false when the timeout elapsed, else
 * the jiffies left (at least 1); interruptible/killable forms give
 * -ERESTARTSYS when a signal arrives first (kfs: the FUSE request was
 * interrupted).
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <asm/current.h>

typedef struct wait_queue_entry wait_queue_entry_t;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02
#define WQ_FLAG_BOOKMARK	0x04
#define WQ_FLAG_CUSTOM		0x08
#define WQ_FLAG_DONE		0x10
#define WQ_FLAG_PRIORITY	0x20

struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAITQUEUE_INITIALIZER(name, tsk)				\
	{ .private = (tsk), .func = default_wake_function, .entry = { NULL, NULL } }

#define DECLARE_WAITQUEUE(name, tsk)					\
	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)				\
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }

#define DECLARE_WAIT_QUEUE_HEAD(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)	DECLARE_WAIT_QUEUE_HEAD(name)

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);

#define init_waitqueue_head(wq_head)					\
	do {								\
		static struct lock_class_key __key;			\
		__init_waitqueue_head((wq_head), #wq_head, &__key);	\
	} while (0)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry,
					struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/*
 * Whether anyone waits.  Lockless, so the caller needs a barrier between
 * changing the condition and this test (wq_has_sleeper() has it).
 */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_single_sleeper(struct wait_queue_head *wq_head)
{
	return list_is_singular(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	smp_mb();
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry);
void add_wait_queue_priority(struct wait_queue_head *wq_head,
			     struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/* With wq_head->lock held. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head,
				    struct wait_queue_entry *wq_entry)
{
	list_add(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq_head,
					      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
}

static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_entry_tail_exclusive(struct wait_queue_head *wq_head,
							 struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue_entry_tail(wq_head, wq_entry);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	list_del(&wq_entry->entry);
}

/* --------------------------------------------------------------- waking */

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync((x), TASK_INTERRUPTIBLE)
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_locked_poll(x, m)	__wake_up_locked_key((x), TASK_NORMAL, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) \
	__wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_sync_poll(x, m) \
	__wake_up_sync_key((x), TASK_INTERRUPTIBLE, (void *)(unsigned long)(m))

/* ------------------------------------------------------- waiting by hand */

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
/* As prepare_to_wait(), but -ERESTARTSYS (and off the queue) if a signal ends the wait. */
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key);
/* With wq->lock held (wait_event_interruptible_locked). */
int do_wait_intr(wait_queue_head_t *wq, wait_queue_entry_t *wait);
int do_wait_intr_irq(wait_queue_head_t *wq, wait_queue_entry_t *wait);

#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current,					\
		.func = function,					\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}

#define DEFINE_WAIT(name)	DEFINE_WAIT_FUNC(name, autoremove_wake_function)

#define init_wait(wait)							\
	do {								\
		(wait)->private = current;				\
		(wait)->func = autoremove_wake_function;		\
		INIT_LIST_HEAD(&(wait)->entry);				\
		(wait)->flags = 0;					\
	} while (0)

/* ------------------------------------------------------------ wait_event */

/*
 * The one loop behind every wait_event form.  Sleeps in state on wq until
 * cond holds.  tmo is a budget in jiffies (MAX_SCHEDULE_TIMEOUT: none),
 * spent by `sleep` (an expression of __kfs_left returning what is left);
 * `before`/`after` run around each sleep (dropping and retaking a lock).
 * Gives the jiffies left (at least 1) once cond holds, 0 when the budget is
 * spent with cond still false, -ERESTARTSYS when a signal ends the wait.
 * cond is always evaluated with the task on the queue and its state set.
 */
#define __kfs_wait_loop(wqh, we, cond, state, tmo, before, sleep, after) \
({									\
	long __kfs_left = (tmo);					\
	long __kfs_res;							\
									\
	for (;;) {							\
		long __kfs_sig = prepare_to_wait_event((wqh), (we), (state)); \
									\
		if (cond) {						\
			__kfs_res = __kfs_left ? __kfs_left : 1;	\
			break;						\
		}							\
		if (!__kfs_left) {					\
			__kfs_res = 0;					\
			break;						\
		}							\
		if (__kfs_sig) {					\
			__kfs_res = __kfs_sig;				\
			break;						\
		}							\
		before;							\
		__kfs_left = (sleep);					\
		after;							\
	}								\
	finish_wait((wqh), (we));					\
	__kfs_res;							\
})

#define __kfs_wait_event(wq, cond, state, excl, tmo, before, sleep, after) \
({									\
	struct wait_queue_entry __kfs_we;				\
									\
	init_wait_entry(&__kfs_we, (excl) ? WQ_FLAG_EXCLUSIVE : 0);	\
	__kfs_wait_loop(&(wq), &__kfs_we, cond, state, tmo, before, sleep, after); \
})

#define __kfs_sched(left)	schedule_timeout(left)
#define __kfs_io_sched(left)	io_schedule_timeout(left)

/* Forms without a timeout: 0, or -ERESTARTSYS. */
#define __kfs_wait_event_state(wq, cond, state, excl, before, sleep, after) \
({									\
	long __kfs_r = 0;						\
	if (!(cond)) {							\
		__kfs_r = __kfs_wait_event(wq, cond, state, excl,	\
					   MAX_SCHEDULE_TIMEOUT,	\
					   before, sleep, after);	\
		if (__kfs_r > 0)					\
			__kfs_r = 0;					\
	}								\
	(int)__kfs_r;							\
})

/* Forms with a timeout: left (>= 1), 0, or -ERESTARTSYS. */
#define __kfs_wait_event_tmo(wq, cond, state, excl, tmo, before, sleep, after) \
({									\
	long __kfs_t = (tmo);						\
	if (cond)							\
		__kfs_t = __kfs_t ? __kfs_t : 1;			\
	else								\
		__kfs_t = __kfs_wait_event(wq, cond, state, excl, __kfs_t, \
					   before, sleep, after);	\
	__kfs_t;							\
})

#define wait_event(wq, cond)						\
	do {								\
		might_sleep();						\
		(void)__kfs_wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE, 0, , \
					     __kfs_sched(__kfs_left), ); \
	} while (0)

#define io_wait_event(wq, cond)						\
	do {								\
		might_sleep();						\
		(void)__kfs_wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE, 0, , \
					     __kfs_io_sched(__kfs_left), ); \
	} while (0)

#define wait_event_state(wq, cond, state)				\
({									\
	might_sleep();							\
	__kfs_wait_event_state(wq, cond, state, 0, , __kfs_sched(__kfs_left), ); \
})

#define wait_event_interruptible(wq, cond)				\
	wait_event_state(wq, cond, TASK_INTERRUPTIBLE)
#define wait_event_killable(wq, cond)					\
	wait_event_state(wq, cond, TASK_KILLABLE)
#define wait_event_freezable(wq, cond)					\
	wait_event_state(wq, cond, TASK_INTERRUPTIBLE | TASK_FREEZABLE)

#define wait_event_idle(wq, cond)					\
	do {								\
		might_sleep();						\
		(void)__kfs_wait_event_state(wq, cond, TASK_IDLE, 0, ,	\
					     __kfs_sched(__kfs_left), ); \
	} while (0)

#define wait_event_idle_exclusive(wq, cond)				\
	do {								\
		might_sleep();						\
		(void)__kfs_wait_event_state(wq, cond, TASK_IDLE, 1, ,	\
					     __kfs_sched(__kfs_left), ); \
	} while (0)

#define wait_event_interruptible_exclusive(wq, cond)			\
({									\
	might_sleep();							\
	__kfs_wait_event_state(wq, cond, TASK_INTERRUPTIBLE, 1, ,	\
			       __kfs_sched(__kfs_left), );		\
})

#define wait_event_killable_exclusive(wq, cond)				\
({									\
	might_sleep();							\
	__kfs_wait_event_state(wq, cond, TASK_KILLABLE, 1, ,		\
			       __kfs_sched(__kfs_left), );		\
})

#define wait_event_freezable_exclusive(wq, cond)			\
({									\
	might_sleep();							\
	__kfs_wait_event_state(wq, cond, TASK_INTERRUPTIBLE | TASK_FREEZABLE, 1, , \
			       __kfs_sched(__kfs_left), );		\
})

#define wait_event_timeout(wq, cond, timeout)				\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_UNINTERRUPTIBLE, 0, timeout, , \
			     __kfs_sched(__kfs_left), );		\
})

#define wait_event_interruptible_timeout(wq, cond, timeout)		\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_INTERRUPTIBLE, 0, timeout, , \
			     __kfs_sched(__kfs_left), );		\
})

#define wait_event_killable_timeout(wq, cond, timeout)			\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_KILLABLE, 0, timeout, ,	\
			     __kfs_sched(__kfs_left), );		\
})

#define wait_event_freezable_timeout(wq, cond, timeout)			\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_INTERRUPTIBLE | TASK_FREEZABLE, 0, \
			     timeout, , __kfs_sched(__kfs_left), );	\
})

#define wait_event_idle_timeout(wq, cond, timeout)			\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_IDLE, 0, timeout, ,	\
			     __kfs_sched(__kfs_left), );		\
})

#define wait_event_idle_exclusive_timeout(wq, cond, timeout)		\
({									\
	might_sleep();							\
	__kfs_wait_event_tmo(wq, cond, TASK_IDLE, 1, timeout, ,	\
			     __kfs_sched(__kfs_left), );		\
})

/* cmd1 runs before each sleep, cmd2 after it. */
#define wait_event_cmd(wq, cond, cmd1, cmd2)				\
	do {								\
		(void)__kfs_wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE, 0, \
					     cmd1, __kfs_sched(__kfs_left), cmd2); \
	} while (0)

#define wait_event_exclusive_cmd(wq, cond, cmd1, cmd2)			\
	do {								\
		(void)__kfs_wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE, 1, \
					     cmd1, __kfs_sched(__kfs_left), cmd2); \
	} while (0)

/* Called and returning with lock (a spinlock_t) held, interrupts off. */
#define wait_event_lock_irq_cmd(wq, cond, lock, cmd)			\
	do {								\
		(void)__kfs_wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE, 0, \
					     { spin_unlock_irq(&(lock)); cmd; }, \
					     __kfs_sched(__kfs_left),	\
					     spin_lock_irq(&(lock)));	\
	} while (0)

#define wait_event_lock_irq(wq, cond, lock)				\
	wait_event_lock_irq_cmd(wq, cond, lock, )

#define wait_event_interruptible_lock_irq_cmd(wq, cond, lock, cmd)	\
	__kfs_wait_event_state(wq, cond, TASK_INTERRUPTIBLE, 0,	\
			       { spin_unlock_irq(&(lock)); cmd; },	\
			       __kfs_sched(__kfs_left), spin_lock_irq(&(lock)))

#define wait_event_interruptible_lock_irq(wq, cond, lock)		\
	wait_event_interruptible_lock_irq_cmd(wq, cond, lock, )

#define wait_event_lock_irq_timeout(wq, cond, lock, timeout)		\
	__kfs_wait_event_tmo(wq, cond, TASK_UNINTERRUPTIBLE, 0, timeout, \
			     spin_unlock_irq(&(lock)), __kfs_sched(__kfs_left), \
			     spin_lock_irq(&(lock)))

#define wait_event_interruptible_lock_irq_timeout(wq, cond, lock, timeout) \
	__kfs_wait_event_tmo(wq, cond, TASK_INTERRUPTIBLE, 0, timeout,	\
			     spin_unlock_irq(&(lock)), __kfs_sched(__kfs_left), \
			     spin_lock_irq(&(lock)))

/* Called and returning with wq.lock held. */
#define __kfs_wait_event_locked(wq, cond, excl, fn)			\
({									\
	int __kfs_ret = 0;						\
	DEFINE_WAIT(__kfs_wait);					\
	if (excl)							\
		__kfs_wait.flags |= WQ_FLAG_EXCLUSIVE;			\
	do {								\
		__kfs_ret = fn(&(wq), &__kfs_wait);			\
		if (__kfs_ret)						\
			break;						\
	} while (!(cond));						\
	__remove_wait_queue(&(wq), &__kfs_wait);			\
	__set_current_state(TASK_RUNNING);				\
	__kfs_ret;							\
})

#define wait_event_interruptible_locked(wq, cond)			\
	((cond) ? 0 : __kfs_wait_event_locked(wq, cond, 0, do_wait_intr))
#define wait_event_interruptible_locked_irq(wq, cond)			\
	((cond) ? 0 : __kfs_wait_event_locked(wq, cond, 0, do_wait_intr_irq))
#define wait_event_interruptible_exclusive_locked(wq, cond)		\
	((cond) ? 0 : __kfs_wait_event_locked(wq, cond, 1, do_wait_intr))
#define wait_event_interruptible_exclusive_locked_irq(wq, cond)	\
	((cond) ? 0 : __kfs_wait_event_locked(wq, cond, 1, do_wait_intr_irq))

#endif /* _LINUX_WAIT_H */
