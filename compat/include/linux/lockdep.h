/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock validator annotations (Documentation/locking/lockdep-design.rst).
 *
 * kfs keeps, per task, the stack of locks it holds (with CONFIG_LOCKDEP, on
 * in debug builds): every spinlock, rwlock, mutex and rw_semaphore records
 * itself when taken and removes itself when released.  lockdep_is_held()
 * and the lockdep_assert_*() checks read that stack, so they are true
 * exactly when the *calling task* holds the lock, as in the kernel.  The
 * ordering graph (deadlock prediction) is not modelled: class keys,
 * subclasses and nesting annotations are accepted and ignored.
 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/lockdep_types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>

/* Cleared when the held-lock stack overflows: the checks then stop. */
extern int debug_locks;

#define KFS_MAX_LOCK_DEPTH	48

struct kfs_held_lock {
	const void *lock;
	int read;		/* 0 exclusive, 1 shared */
};

#ifdef CONFIG_LOCKDEP
extern __thread struct kfs_held_lock kfs_held_locks[KFS_MAX_LOCK_DEPTH];
extern __thread int kfs_held_depth;

void kfs_lockdep_overflow(const void *lock);
void kfs_lockdep_release_slow(const void *lock, int must_hold);
int kfs_lockdep_held(const void *lock, int read);

static __always_inline void kfs_lockdep_acquire(const void *lock, int read)
{
	int d = kfs_held_depth;

	if (likely(d < KFS_MAX_LOCK_DEPTH)) {
		kfs_held_locks[d].lock = lock;
		kfs_held_locks[d].read = read;
		kfs_held_depth = d + 1;
	} else {
		kfs_lockdep_overflow(lock);
	}
}

/*
 * must_hold: releasing a lock this task does not hold is a bug (mutexes and
 * spinlocks); rw_semaphores may legally be released by another task.
 */
static __always_inline void kfs_lockdep_release(const void *lock, int must_hold)
{
	int d = kfs_held_depth;

	if (likely(d && kfs_held_locks[d - 1].lock == lock))
		kfs_held_depth = d - 1;
	else
		kfs_lockdep_release_slow(lock, must_hold);
}

#define lockdep_depth(tsk)		(kfs_held_depth)
#define lockdep_is_held(lock)		kfs_lockdep_held((lock), -1)
#define lockdep_is_held_type(lock, r)	kfs_lockdep_held((lock), (r))

#define lockdep_assert(cond)		do { WARN_ON(debug_locks && !(cond)); } while (0)
#define lockdep_assert_once(cond)	do { WARN_ON_ONCE(debug_locks && !(cond)); } while (0)
#else
static __always_inline void kfs_lockdep_acquire(const void *lock, int read) { }
static __always_inline void kfs_lockdep_release(const void *lock, int must_hold) { }
#define lockdep_depth(tsk)		0
#define lockdep_is_held(lock)		({ (void)(lock); 1; })
#define lockdep_is_held_type(lock, r)	({ (void)(lock); (void)(r); 1; })
#define lockdep_assert(cond)		do { } while (0 && (cond))
#define lockdep_assert_once(cond)	do { } while (0 && (cond))
#endif

#define lockdep_assert_held(l)		lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_not_held(l)	lockdep_assert(!lockdep_is_held(l))
#define lockdep_assert_held_write(l)	lockdep_assert(lockdep_is_held_type(l, 0))
#define lockdep_assert_held_read(l)	lockdep_assert(lockdep_is_held_type(l, 1))
#define lockdep_assert_held_once(l)	lockdep_assert_once(lockdep_is_held(l))
#define lockdep_assert_none_held_once()	lockdep_assert_once(!lockdep_depth(current))

#define lockdep_assert_irqs_enabled()	lockdep_assert(!irqs_disabled())
#define lockdep_assert_irqs_disabled()	lockdep_assert(irqs_disabled())
#define lockdep_assert_in_irq()		lockdep_assert(in_hardirq())
#define lockdep_assert_in_softirq()	lockdep_assert(in_softirq())
#define lockdep_assert_preemption_enabled()	lockdep_assert(preempt_count() == 0)
#define lockdep_assert_preemption_disabled()	lockdep_assert(preempt_count() != 0)
#define lockdep_assert_RT_in_threaded_ctx()	do { } while (0)

/* Classes, names and nesting: accepted, not modelled. */
#define lockdep_set_class(lock, key)		do { (void)(lock); (void)(key); } while (0)
#define lockdep_set_class_and_name(lock, key, name) \
	do { (void)(lock); (void)(key); (void)(name); } while (0)
#define lockdep_set_class_and_subclass(lock, key, sub) \
	do { (void)(lock); (void)(key); (void)(sub); } while (0)
#define lockdep_set_subclass(lock, sub)		do { (void)(lock); (void)(sub); } while (0)
#define lockdep_set_novalidate_class(lock)	do { (void)(lock); } while (0)
#define lockdep_match_class(lock, key)		({ (void)(lock); (void)(key); 1; })
#define lockdep_register_key(key)		do { (void)(key); } while (0)
#define lockdep_unregister_key(key)		do { (void)(key); } while (0)
#define lockdep_init_map(map, n, key, sub)	\
	do { (map)->name = (n); (map)->key = (key); (void)(sub); } while (0)
#define lockdep_init_map_type(map, n, key, sub, inner, outer, type) \
	lockdep_init_map(map, n, key, sub)
#define lockdep_off()				do { } while (0)
#define lockdep_on()				do { } while (0)
#define lockdep_pin_lock(l)			({ (void)(l); NIL_COOKIE; })
#define lockdep_repin_lock(l, c)		do { (void)(l); (void)(c); } while (0)
#define lockdep_unpin_lock(l, c)		do { (void)(l); (void)(c); } while (0)

/* Annotations for pseudo-locks (lock_map_*): no real lock, nothing held. */
#define lock_acquire(map, sub, try, read, check, nest, ip)	do { (void)(map); } while (0)
#define lock_release(map, ip)			do { (void)(map); } while (0)
#define lock_acquire_exclusive(m, s, t, n, i)	do { (void)(m); } while (0)
#define lock_acquire_shared(m, s, t, n, i)	do { (void)(m); } while (0)
#define lock_map_acquire(m)			do { (void)(m); } while (0)
#define lock_map_acquire_read(m)		do { (void)(m); } while (0)
#define lock_map_acquire_tryread(m)		do { (void)(m); } while (0)
#define lock_map_release(m)			do { (void)(m); } while (0)
#define might_lock(lock)			do { (void)(lock); } while (0)
#define might_lock_read(lock)			do { (void)(lock); } while (0)
#define might_lock_nested(lock, sub)		do { (void)(lock); } while (0)

#define lockdep_recursing(tsk)			0
#define lockdep_sys_exit()			do { } while (0)
#define print_irqtrace_events(tsk)		do { } while (0)

#endif /* __LINUX_LOCKDEP_H */
