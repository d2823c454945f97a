/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reader-writer semaphores (Documentation/locking/locktypes.rst).
 *
 * Many readers or one writer; both may sleep.  As in the kernel, a waiting
 * writer holds back readers that arrive after it (no writer starvation) and
 * waiters are served in arrival order, consecutive readers together.  Any
 * task may release: up_read()/up_write() need not run on the acquiring task
 * (down_read_non_owner() documents the reader case), so the state lives in
 * the semaphore itself, guarded by a spinning word, and waiters sleep in
 * schedule() until a release hands them the lock.  rwsem_is_locked() says
 * whether anyone holds it, lockdep_assert_held*() whether the caller does.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <asm/current.h>

struct rw_semaphore {
	long count;			/* readers holding it; -1: a writer */
	struct task_struct *owner;	/* the writer */
	arch_spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __RWSEM_INITIALIZER(name)					\
	{ .count = 0, .owner = NULL, .wait_lock = __ARCH_SPIN_LOCK_UNLOCKED, \
	  .wait_list = { &(name).wait_list, &(name).wait_list } }

#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);

#define init_rwsem(sem)							\
	do {								\
		static struct lock_class_key __key;			\
		__init_rwsem((sem), #sem, &__key);			\
	} while (0)

/* Whether anyone holds it, for read or write. */
static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}

static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return !list_empty(&sem->wait_list);
}

void down_read(struct rw_semaphore *sem);
int __must_check down_read_interruptible(struct rw_semaphore *sem);
int __must_check down_read_killable(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);

void down_write(struct rw_semaphore *sem);
int __must_check down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

/* Turns the caller's write lock into a read lock without letting a writer in. */
void downgrade_write(struct rw_semaphore *sem);

/* Read locks released by another task than the one that took them. */
void down_read_non_owner(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);

#define down_read_nested(sem, subclass)		down_read(sem)
#define down_read_killable_nested(sem, subclass) down_read_killable(sem)
#define down_write_nested(sem, subclass)	down_write(sem)
#define down_write_killable_nested(sem, subclass) down_write_killable(sem)
#define down_write_nest_lock(sem, nest_lock)	do { (void)(nest_lock); down_write(sem); } while (0)

#define rwsem_assert_held(sem)		lockdep_assert_held(sem)
#define rwsem_assert_held_write(sem)	lockdep_assert_held_write(sem)

#endif /* _LINUX_RWSEM_H */
