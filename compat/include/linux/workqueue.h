/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Workqueues (Documentation/core-api/workqueue.rst).
 *
 * A work item runs its function once per queueing, in process context (it
 * may sleep), on one of the workqueue's worker threads; queueing an item
 * that is still pending does nothing and returns false.  At most max_active
 * items of a workqueue run at once (1 for ordered workqueues, which also
 * run items in queueing order); an item never runs concurrently with
 * itself.  Workers are kthreads named "kworker/<wq>"; a workqueue starts
 * with one and gains more, up to max_active, when items wait while every
 * worker is busy (running or asleep in an item), so items that wait for
 * one another on the same workqueue cannot deadlock below max_active.
 * WQ_MEM_RECLAIM is therefore always satisfied; WQ_UNBOUND, WQ_HIGHPRI,
 * WQ_CPU_INTENSIVE and WQ_FREEZABLE are accepted and change nothing
 * observable here (kfs neither pins CPUs nor freezes).
 *
 * flush_work() waits for the last queueing of an item to finish,
 * flush_workqueue() for every item queued before it, cancel_*_sync() for
 * any running instance after removing a pending one.  Delayed work is
 * queued by a timer (timer.h) when its delay expires.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/timer.h>
#include <linux/linkage.h>
#include <linux/bitops.h>
#include <linux/lockdep.h>
#include <linux/threads.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/rcupdate.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
void delayed_work_timer_fn(struct timer_list *t);

/*
 * work->data: bit 0 pending (queued, or its delay timer armed), the rest
 * the workqueue it was last queued on (for flush and cancel).
 */
enum {
	WORK_STRUCT_PENDING_BIT	= 0,
	WORK_STRUCT_PENDING	= 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_FLAG_MASK	= 0xfUL,
	WORK_CPU_UNBOUND	= NR_CPUS,
	WORK_BUSY_PENDING	= 1 << 0,
	WORK_BUSY_RUNNING	= 1 << 1,
};

#define WORK_STRUCT_WQ_DATA_MASK	(~WORK_STRUCT_FLAG_MASK)

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	u64 kfs_seq;		/* queueing sequence on its workqueue */
};

#define WORK_DATA_INIT()		ATOMIC_LONG_INIT(0)
#define WORK_DATA_STATIC_INIT()		ATOMIC_LONG_INIT(0)

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

struct rcu_work {
	struct work_struct work;
	struct rcu_head rcu;
	struct workqueue_struct *wq;
};

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

static inline struct rcu_work *to_rcu_work(struct work_struct *work)
{
	return container_of(work, struct rcu_work, work);
}

#define __WORK_INITIALIZER(n, f)					\
	{ .data = WORK_DATA_STATIC_INIT(), .entry = { &(n).entry, &(n).entry }, \
	  .func = (f), .kfs_seq = 0 }

#define __DELAYED_WORK_INITIALIZER(n, f, tflags)			\
	{ .work = __WORK_INITIALIZER((n).work, (f)),			\
	  .timer = __TIMER_INITIALIZER(delayed_work_timer_fn, (tflags) | TIMER_IRQSAFE), \
	  .wq = NULL, .cpu = 0 }

#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

#define __INIT_WORK(_work, _func, _onstack)				\
	do {								\
		atomic_long_set(&(_work)->data, 0);			\
		INIT_LIST_HEAD(&(_work)->entry);			\
		(_work)->func = (_func);				\
		(_work)->kfs_seq = 0;					\
	} while (0)

#define INIT_WORK(_work, _func)		__INIT_WORK((_work), (_func), 0)
#define INIT_WORK_ONSTACK(_work, _func)	__INIT_WORK((_work), (_func), 1)
#define destroy_work_on_stack(work)	do { (void)(work); } while (0)
#define destroy_delayed_work_on_stack(work) do { (void)(work); } while (0)

#define __INIT_DELAYED_WORK(_work, _func, _tflags)			\
	do {								\
		INIT_WORK(&(_work)->work, (_func));			\
		__init_timer(&(_work)->timer, delayed_work_timer_fn,	\
			     (_tflags) | TIMER_IRQSAFE);		\
		(_work)->wq = NULL;					\
		(_work)->cpu = 0;					\
	} while (0)

#define INIT_DELAYED_WORK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func) __INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func) __INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)
#define INIT_RCU_WORK(_work, _func)	INIT_WORK(&(_work)->work, (_func))

#define work_data_bits(work)	((unsigned long *)(&(work)->data))
#define work_pending(work)	test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))
#define delayed_work_pending(w)	work_pending(&(w)->work)

enum {
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,

	__WQ_DRAINING		= 1 << 16,
	__WQ_ORDERED		= 1 << 17,
	__WQ_LEGACY		= 1 << 18,
	__WQ_ORDERED_EXPLICIT	= 1 << 19,

	WQ_MAX_ACTIVE		= 512,
	WQ_MAX_UNBOUND_PER_CPU	= 4,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};

#define WQ_UNBOUND_MAX_ACTIVE	WQ_MAX_ACTIVE

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

/* max_active 0 means WQ_DFL_ACTIVE.  NULL when out of memory. */
__printf(1, 4) struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
							int max_active, ...);

#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | __WQ_ORDERED_EXPLICIT | (flags), \
			1, ##args)
#define create_workqueue(name)						\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)				\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, \
			1, (name))
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq);
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active);

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *work, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay);
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork);

void __flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq)		__flush_workqueue(wq)
#define flush_scheduled_work()		__flush_workqueue(system_wq)
void drain_workqueue(struct workqueue_struct *wq);

bool flush_work(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
bool flush_rcu_work(struct rcu_work *rwork);

/* The item the calling worker is running, or NULL outside a worker. */
struct work_struct *current_work(void);
bool current_is_workqueue_rescuer(void);
bool workqueue_congested(int cpu, struct workqueue_struct *wq);
unsigned int work_busy(struct work_struct *work);

static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq,
				    struct delayed_work *dwork, unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

#endif /* _LINUX_WORKQUEUE_H */
