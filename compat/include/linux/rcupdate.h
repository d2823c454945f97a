/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-copy update (Documentation/RCU/whatisRCU.rst, checklist.rst) on
 * liburcu's default flavour (compat/host/rcu.c).
 *
 * Readers: rcu_read_lock()/rcu_read_unlock() nest, never block, and must not
 * sleep inside (might_sleep() complains).  Updaters publish with
 * rcu_assign_pointer() (a release store), readers fetch with
 * rcu_dereference() (an acquire load), and synchronize_rcu() returns once
 * every reader that was inside a critical section when it was called has
 * left.  call_rcu() callbacks run after a grace period, in order, on the
 * "kfs-rcu" kthread in softirq context (so they must not sleep either);
 * rcu_barrier() waits for every callback queued before it.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/build_bug.h>
#include <asm/barrier.h>
#include <asm/current.h>
#include <kfs_host_rcu.h>

/* Read-side nesting depth of the current task. */
extern __thread int kfs_rcu_depth;

static __always_inline void rcu_read_lock(void)
{
	/* liburcu needs the thread registered: adopting does it. */
	if (unlikely(!kfs_current_task))
		kfs_current_slow();
	kfs_rcu_depth++;
	kfs_hrcu_read_lock();
}

static __always_inline void rcu_read_unlock(void)
{
	kfs_hrcu_read_unlock();
	kfs_rcu_depth--;
}

static __always_inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	rcu_read_lock();
}

static __always_inline void rcu_read_unlock_bh(void)
{
	rcu_read_unlock();
	local_bh_enable();
}

static __always_inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	rcu_read_lock();
}

static __always_inline void rcu_read_unlock_sched(void)
{
	rcu_read_unlock();
	preempt_enable();
}

#define rcu_read_lock_sched_notrace()	rcu_read_lock_sched()
#define rcu_read_unlock_sched_notrace()	rcu_read_unlock_sched()

static inline int rcu_read_lock_held(void)
{
	return kfs_rcu_depth > 0;
}

static inline int rcu_read_lock_bh_held(void)
{
	return kfs_rcu_depth > 0 || in_softirq() || irqs_disabled();
}

static inline int rcu_read_lock_sched_held(void)
{
	return kfs_rcu_depth > 0 || preempt_count() != 0 || irqs_disabled();
}

static inline int rcu_read_lock_any_held(void)
{
	return rcu_read_lock_sched_held();
}

#define rcu_is_watching()		true
#define rcu_lockdep_current_cpu_online() 1
#define RCU_LOCKDEP_WARN(c, s)		do { } while (0 && (c))
#define rcu_sleep_check()		do { } while (0)
#define rcu_lock_acquire(map)		do { } while (0)
#define rcu_lock_release(map)		do { } while (0)

/* -------------------------------------------------------------- pointers */

#define RCU_INITIALIZER(v)		((typeof(*(v)) __force __rcu *)(v))
#define rcu_dereference_raw(p)		((typeof(p))__atomic_load_n(&(p), __ATOMIC_ACQUIRE))
#define rcu_dereference_raw_check(p)	rcu_dereference_raw(p)
#define rcu_dereference_check(p, c)	({ (void)(0 && (c)); rcu_dereference_raw(p); })
#define rcu_dereference_bh_check(p, c)	rcu_dereference_check(p, c)
#define rcu_dereference_sched_check(p, c) rcu_dereference_check(p, c)
#define rcu_dereference(p)		rcu_dereference_raw(p)
#define rcu_dereference_bh(p)		rcu_dereference_raw(p)
#define rcu_dereference_sched(p)	rcu_dereference_raw(p)
#define rcu_dereference_notrace(p)	rcu_dereference_raw(p)
#define rcu_dereference_bh_notrace(p)	rcu_dereference_raw(p)
/* The update side, holding what keeps the pointer from changing. */
#define rcu_dereference_protected(p, c)	({ (void)(0 && (c)); READ_ONCE(p); })
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_pointer_handoff(p)		(p)
#define unrcu_pointer(p)		(p)

#define rcu_assign_pointer(p, v)					\
	do {								\
		__atomic_store_n(&(p), (typeof(p))(v), __ATOMIC_RELEASE); \
	} while (0)

#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, (typeof(p))(v))

#define rcu_replace_pointer(rcu_ptr, ptr, c)				\
({									\
	typeof(ptr) __kfs_old = rcu_dereference_protected((rcu_ptr), (c)); \
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__kfs_old;							\
})

/* --------------------------------------------------------- grace periods */

void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);

#define call_rcu_hurry(head, func)	call_rcu(head, func)
#define synchronize_rcu_bh()		synchronize_rcu()
#define synchronize_sched()		synchronize_rcu()
#define call_rcu_sched(head, func)	call_rcu(head, func)
#define rcu_barrier_sched()		rcu_barrier()

/*
 * Grace-period cookies: a state taken now is "completed" once a full grace
 * period has elapsed after it.
 */
unsigned long get_state_synchronize_rcu(void);
bool poll_state_synchronize_rcu(unsigned long oldstate);
void cond_synchronize_rcu(unsigned long oldstate);

static inline void init_rcu_head(struct rcu_head *head) { }
static inline void destroy_rcu_head(struct rcu_head *head) { }
static inline void init_rcu_head_on_stack(struct rcu_head *head) { }
static inline void destroy_rcu_head_on_stack(struct rcu_head *head) { }

/*
 * kfree_rcu(ptr, field): kvfree(ptr) after a grace period; field is ptr's
 * rcu_head, whose offset rides in the callback slot (kvfree_call_rcu tells
 * an offset, always below 4096, from a function).  kfree_rcu(ptr) without a
 * head waits for the grace period itself, so it may sleep.
 */
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func);
void kvfree_rcu_mightsleep(void *ptr);

#define __kfs_kvfree_rcu2(ptr, rhf)					\
do {									\
	typeof(ptr) ___kfs_p = (ptr);					\
									\
	BUILD_BUG_ON(offsetof(typeof(*(ptr)), rhf) >= 4096);		\
	if (___kfs_p)							\
		kvfree_call_rcu(&((___kfs_p)->rhf), (rcu_callback_t)(unsigned long) \
				offsetof(typeof(*(ptr)), rhf));		\
} while (0)

#define __kfs_kvfree_rcu1(ptr)		kvfree_rcu_mightsleep(ptr)
#define __kfs_kvfree_rcu_pick(_1, _2, name, ...) name
#define kfree_rcu(...)	\
	__kfs_kvfree_rcu_pick(__VA_ARGS__, __kfs_kvfree_rcu2, __kfs_kvfree_rcu1)(__VA_ARGS__)
#define kvfree_rcu(...)	kfree_rcu(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr)	kvfree_rcu_mightsleep(ptr)

#endif /* __LINUX_RCUPDATE_H */
