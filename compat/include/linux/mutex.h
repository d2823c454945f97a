/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sleeping mutual exclusion (Documentation/locking/mutex-design.rst).
 *
 * The semantics are the kernel's: one owner, which alone may unlock; no
 * recursion; may sleep, so not for atomic context; mutex_is_locked() tells
 * whether anyone holds it and lockdep_assert_held() whether the caller does.
 * Contended lockers queue in FIFO order and sleep in schedule(); unlock
 * hands the mutex directly to the first waiter.  The _interruptible and
 * _killable forms give up with -EINTR when the task gets a signal (kfs:
 * an interrupted FUSE request).
 */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <asm/current.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/debug_locks.h>

struct mutex {
	struct task_struct *owner;	/* NULL when free */
	arch_spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(lockname)					\
	{ .owner = NULL, .wait_lock = __ARCH_SPIN_LOCK_UNLOCKED,	\
	  .wait_list = { &(lockname).wait_list, &(lockname).wait_list } }

#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);

#define mutex_init(mutex)						\
	do {								\
		static struct lock_class_key __key;			\
		__mutex_init((mutex), #mutex, &__key);			\
	} while (0)

void mutex_lock(struct mutex *lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
/* Reports a mutex destroyed while held (the memory may then be reused). */
void mutex_destroy(struct mutex *lock);

/* Whether anyone holds the mutex. */
static inline bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != NULL;
}

/* Nesting annotations: lockdep subclasses are not modelled. */
#define mutex_lock_nested(lock, subclass)	mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_nest_lock(lock, nest_lock)	do { (void)(nest_lock); mutex_lock(lock); } while (0)
#define mutex_lock_io_nested(lock, subclass)	mutex_lock_io(lock)

/* Decrements cnt; when that reaches zero returns 1 with lock held. */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

#endif /* __LINUX_MUTEX_H */
