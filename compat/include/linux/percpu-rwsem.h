/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-cpu reader-writer semaphores: an rw_semaphore whose readers the
 * kernel makes nearly free at the cost of very expensive writers (freezing
 * a filesystem).  kfs keeps the semantics -- readers share, a writer
 * excludes them and holds back new ones, either side may sleep -- on a
 * plain rw_semaphore.  percpu_rwsem_release()/_acquire() move the lockdep
 * ownership of a held lock, as freeze_super() and thaw_super() do.
 */
#ifndef _LINUX_PERCPU_RWSEM_H
#define _LINUX_PERCPU_RWSEM_H

#include <linux/rwsem.h>
#include <linux/lockdep.h>

struct percpu_rw_semaphore {
	struct rw_semaphore rw_sem;
};

#define __DEFINE_PERCPU_RWSEM(name, is_static)				\
	is_static struct percpu_rw_semaphore name = {			\
		.rw_sem = __RWSEM_INITIALIZER(name.rw_sem),		\
	}
#define DEFINE_PERCPU_RWSEM(name)		__DEFINE_PERCPU_RWSEM(name, /* not static */)
#define DEFINE_STATIC_PERCPU_RWSEM(name)	__DEFINE_PERCPU_RWSEM(name, static)

int __percpu_init_rwsem(struct percpu_rw_semaphore *sem, const char *name,
			struct lock_class_key *key);
void percpu_free_rwsem(struct percpu_rw_semaphore *sem);

#define percpu_init_rwsem(sem)						\
({									\
	static struct lock_class_key __key;				\
	__percpu_init_rwsem(sem, #sem, &__key);				\
})

static inline void percpu_down_read(struct percpu_rw_semaphore *sem)
{
	down_read(&sem->rw_sem);
}

static inline bool percpu_down_read_trylock(struct percpu_rw_semaphore *sem)
{
	return down_read_trylock(&sem->rw_sem);
}

static inline void percpu_up_read(struct percpu_rw_semaphore *sem)
{
	up_read(&sem->rw_sem);
}

static inline void percpu_down_write(struct percpu_rw_semaphore *sem)
{
	down_write(&sem->rw_sem);
}

static inline void percpu_up_write(struct percpu_rw_semaphore *sem)
{
	up_write(&sem->rw_sem);
}

static inline bool percpu_is_read_locked(struct percpu_rw_semaphore *sem)
{
	return READ_ONCE(sem->rw_sem.count) > 0;
}

static inline bool percpu_is_write_locked(struct percpu_rw_semaphore *sem)
{
	return READ_ONCE(sem->rw_sem.count) < 0;
}

#define percpu_rwsem_is_held(sem)	lockdep_is_held(sem)
#define percpu_rwsem_assert_held(sem)	lockdep_assert_held(sem)

/* The caller keeps the lock held but hands its ownership on (lockdep only). */
static inline void percpu_rwsem_release(struct percpu_rw_semaphore *sem, bool read,
					unsigned long ip)
{
	kfs_lockdep_release(&sem->rw_sem, 0);
}

static inline void percpu_rwsem_acquire(struct percpu_rw_semaphore *sem, bool read,
					unsigned long ip)
{
	kfs_lockdep_acquire(&sem->rw_sem, read);
}

#endif /* _LINUX_PERCPU_RWSEM_H */
