/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slow paths of the spinning locks, and the sleeping locks: mutexes
 * (Documentation/locking/mutex-design.rst), reader-writer semaphores and
 * the helpers that combine a counter with a lock.
 *
 * Spinning locks park contended waiters on the lock word (futex) after a
 * short spin.  Sleeping locks keep their state under an internal spinning
 * word and queue waiters in arrival order; a release hands the lock to the
 * waiter(s) at the head of the queue and wakes them, so a woken waiter
 * already owns what it waited for.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/percpu-rwsem.h>
#include <linux/bit_spinlock.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/processor.h>
#include <kfs_host_thread.h>

#define KFS_SPINS	128

/* ---------------------------------------------------------- lock words */

void kfs_arch_spin_lock_slow(arch_spinlock_t *lock)
{
	int i;

	for (i = 0; i < KFS_SPINS; i++) {
		if (!__atomic_load_n(&lock->val, __ATOMIC_RELAXED) && arch_spin_trylock(lock))
			return;
		cpu_relax();
	}
	/* 2: held, and someone (we) may sleep on it; the holder will wake us. */
	while (__atomic_exchange_n(&lock->val, 2, __ATOMIC_ACQUIRE) != 0)
		kfs_hfutex_wait(&lock->val, 2, -1);
}

void kfs_arch_spin_wake(arch_spinlock_t *lock)
{
	kfs_hfutex_wake(&lock->val, 1);
}

void kfs_spin_lock_contended(raw_spinlock_t *lock)
{
	if (unlikely(kfs_spin_owner(lock) == current)) {
		pr_emerg("BUG: spinlock recursion on CPU#%d, %s/%d, lock %px (%ps)\n",
			 current->cpu, current->comm, current->pid, lock, lock);
		BUG();
	}
	kfs_arch_spin_lock_slow(&lock->raw_lock);
}

void kfs_spin_bad_unlock(raw_spinlock_t *lock)
{
	struct task_struct *owner = kfs_spin_owner(lock);

	WARN(1, "BUG: spinlock %s, %s/%d, lock %px (%ps), owner %s/%d\n",
	     raw_spin_is_locked(lock) ? "wrong owner" : "already unlocked",
	     current->comm, current->pid, lock, lock,
	     owner ? owner->comm : "none", owner ? owner->pid : -1);
}

/* Waits until the word is no longer `busy`-blocked; may park on it. */
static void kfs_rwlock_wait(rwlock_t *lock, unsigned int busy)
{
	unsigned int v;
	int i;

	for (i = 0; i < KFS_SPINS; i++) {
		if (!(__atomic_load_n(&lock->cnts, __ATOMIC_RELAXED) & busy))
			return;
		cpu_relax();
	}
	v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);
	while (v & busy) {
		if (!(v & KFS_RW_SLEEPERS) &&
		    !__atomic_compare_exchange_n(&lock->cnts, &v, v | KFS_RW_SLEEPERS, 0,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			continue;
		kfs_hfutex_wait(&lock->cnts, v | KFS_RW_SLEEPERS, -1);
		v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);
	}
}

void kfs_read_lock_slow(rwlock_t *lock)
{
	while (!arch_read_trylock(lock))
		kfs_rwlock_wait(lock, KFS_RW_WRITER | KFS_RW_WRITER_WAITING);
}

void kfs_write_lock_slow(rwlock_t *lock)
{
	unsigned int v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);

	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == current)) {
		pr_emerg("BUG: rwlock recursion, %s/%d, lock %px (%ps)\n",
			 current->comm, current->pid, lock, lock);
		BUG();
	}
	for (;;) {
		if (!(v & ~(KFS_RW_SLEEPERS | KFS_RW_WRITER_WAITING))) {
			/* Free: take it, clearing our "waiting" mark. */
			if (__atomic_compare_exchange_n(&lock->cnts, &v,
							(v & KFS_RW_SLEEPERS) | KFS_RW_WRITER,
							0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
			continue;
		}
		/* Hold back new readers while we wait. */
		if (!(v & KFS_RW_WRITER_WAITING) &&
		    !__atomic_compare_exchange_n(&lock->cnts, &v, v | KFS_RW_WRITER_WAITING, 0,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			continue;
		kfs_rwlock_wait(lock, ~(KFS_RW_SLEEPERS | KFS_RW_WRITER_WAITING));
		v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);
	}
}

void kfs_rwlock_wake(rwlock_t *lock)
{
	if (__atomic_fetch_and(&lock->cnts, ~KFS_RW_SLEEPERS, __ATOMIC_RELAXED) & KFS_RW_SLEEPERS)
		kfs_hfutex_wake(&lock->cnts, -1);
}

void kfs_bit_spin_wait(int bitnum, unsigned long *addr)
{
	int i = 0;

	while (test_bit(bitnum, addr)) {
		if (++i < KFS_SPINS)
			cpu_relax();
		else
			kfs_hthread_yield();
	}
}

int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock)
{
	/* Not the last reference: no lock needed. */
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock(lock);
	return 0;
}

int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock, unsigned long *flags)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock_irqsave(lock, *flags);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock_irqrestore(lock, *flags);
	return 0;
}

int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	raw_spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	raw_spin_unlock(lock);
	return 0;
}

/* ------------------------------------------------------------ waiters */

struct kfs_lock_waiter {
	struct list_head list;
	struct task_struct *task;
	int granted;		/* set (release) by whoever hands us the lock */
	int shared;		/* an rwsem reader */
};

/* Called with the wait word held: hands w the lock and wakes it. */
static void kfs_grant(struct kfs_lock_waiter *w)
{
	struct task_struct *task = w->task;

	list_del(&w->list);
	/* w lives on the waiter's stack: once granted it may be gone. */
	get_task_struct(task);
	__atomic_store_n(&w->granted, 1, __ATOMIC_RELEASE);
	wake_up_process(task);
	put_task_struct(task);
}

/*
 * Sleeps until granted.  Returns 0, or -EINTR when a signal came first
 * (then the waiter is off the queue and owns nothing).  *wait is the lock's
 * wait word, held on entry and on return.
 */
static int kfs_wait_granted(arch_spinlock_t *wait, struct kfs_lock_waiter *w,
			    unsigned int state)
{
	for (;;) {
		set_current_state(state);
		arch_spin_unlock(wait);
		if (!__atomic_load_n(&w->granted, __ATOMIC_ACQUIRE)) {
			if (!signal_pending_state(state, current))
				schedule();
		}
		arch_spin_lock(wait);
		if (__atomic_load_n(&w->granted, __ATOMIC_ACQUIRE)) {
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		if (signal_pending_state(state, current)) {
			list_del(&w->list);
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
	}
}

/* --------------------------------------------------------------- mutex */

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->owner = NULL;
	lock->wait_lock.val = 0;
	INIT_LIST_HEAD(&lock->wait_list);
}

static int kfs_mutex_lock_common(struct mutex *lock, unsigned int state)
{
	struct task_struct *self = current;
	struct kfs_lock_waiter w;
	int ret = 0;

	might_sleep();
	arch_spin_lock(&lock->wait_lock);
	if (!lock->owner && list_empty(&lock->wait_list)) {
		__atomic_store_n(&lock->owner, self, __ATOMIC_RELAXED);
		arch_spin_unlock(&lock->wait_lock);
		kfs_lockdep_acquire(lock, 0);
		return 0;
	}
	if (unlikely(lock->owner == self)) {
		arch_spin_unlock(&lock->wait_lock);
		pr_emerg("BUG: mutex recursion, %s/%d, lock %px (%ps)\n",
			 self->comm, self->pid, lock, lock);
		BUG();
	}
	w.task = self;
	w.granted = 0;
	w.shared = 0;
	list_add_tail(&w.list, &lock->wait_list);
	ret = kfs_wait_granted(&lock->wait_lock, &w, state);
	arch_spin_unlock(&lock->wait_lock);
	if (!ret)
		kfs_lockdep_acquire(lock, 0);
	return ret;
}

void mutex_lock(struct mutex *lock)
{
	kfs_mutex_lock_common(lock, TASK_UNINTERRUPTIBLE);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	return kfs_mutex_lock_common(lock, TASK_INTERRUPTIBLE);
}

int mutex_lock_killable(struct mutex *lock)
{
	return kfs_mutex_lock_common(lock, TASK_KILLABLE);
}

void mutex_lock_io(struct mutex *lock)
{
	int token = io_schedule_prepare();

	mutex_lock(lock);
	io_schedule_finish(token);
}

int mutex_trylock(struct mutex *lock)
{
	int got = 0;

	arch_spin_lock(&lock->wait_lock);
	if (!lock->owner && list_empty(&lock->wait_list)) {
		__atomic_store_n(&lock->owner, current, __ATOMIC_RELAXED);
		got = 1;
	}
	arch_spin_unlock(&lock->wait_lock);
	if (got)
		kfs_lockdep_acquire(lock, 0);
	return got;
}

void mutex_unlock(struct mutex *lock)
{
	struct kfs_lock_waiter *w;

	WARN(lock->owner != current, "mutex_unlock of %px (%ps) by %s/%d, owner %s\n",
	     lock, lock, current->comm, current->pid,
	     lock->owner ? lock->owner->comm : "none");
	kfs_lockdep_release(lock, 1);
	arch_spin_lock(&lock->wait_lock);
	if (list_empty(&lock->wait_list)) {
		__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELAXED);
	} else {
		w = list_first_entry(&lock->wait_list, struct kfs_lock_waiter, list);
		__atomic_store_n(&lock->owner, w->task, __ATOMIC_RELAXED);
		kfs_grant(w);
	}
	arch_spin_unlock(&lock->wait_lock);
}

void mutex_destroy(struct mutex *lock)
{
	WARN(mutex_is_locked(lock), "mutex %px (%ps) destroyed while held\n", lock, lock);
}

int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	if (atomic_add_unless(cnt, -1, 1))
		return 0;
	mutex_lock(lock);
	if (!atomic_dec_and_test(cnt)) {
		mutex_unlock(lock);
		return 0;
	}
	return 1;
}

/* --------------------------------------------------------------- rwsem */

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	sem->count = 0;
	sem->owner = NULL;
	sem->wait_lock.val = 0;
	INIT_LIST_HEAD(&sem->wait_list);
}

static void kfs_rwsem_set_count(struct rw_semaphore *sem, long count)
{
	__atomic_store_n(&sem->count, count, __ATOMIC_RELAXED);
}

/* With the wait word held: lets in whoever the released state allows. */
static void kfs_rwsem_grant(struct rw_semaphore *sem)
{
	struct kfs_lock_waiter *w;

	while (!list_empty(&sem->wait_list)) {
		w = list_first_entry(&sem->wait_list, struct kfs_lock_waiter, list);
		if (w->shared) {
			if (sem->count < 0)
				return;
			kfs_rwsem_set_count(sem, sem->count + 1);
		} else {
			if (sem->count != 0)
				return;
			kfs_rwsem_set_count(sem, -1);
			__atomic_store_n(&sem->owner, w->task, __ATOMIC_RELAXED);
			kfs_grant(w);
			return;
		}
		kfs_grant(w);
	}
}

static int kfs_down_common(struct rw_semaphore *sem, int shared, unsigned int state)
{
	struct task_struct *self = current;
	struct kfs_lock_waiter w;
	int ret;

	might_sleep();
	arch_spin_lock(&sem->wait_lock);
	/* Queued waiters go first: a waiting writer holds back new readers. */
	if (list_empty(&sem->wait_list) && (shared ? sem->count >= 0 : sem->count == 0)) {
		if (shared) {
			kfs_rwsem_set_count(sem, sem->count + 1);
		} else {
			kfs_rwsem_set_count(sem, -1);
			__atomic_store_n(&sem->owner, self, __ATOMIC_RELAXED);
		}
		arch_spin_unlock(&sem->wait_lock);
		return 0;
	}
	if (unlikely(!shared && sem->owner == self)) {
		arch_spin_unlock(&sem->wait_lock);
		pr_emerg("BUG: rwsem write recursion, %s/%d, lock %px (%ps)\n",
			 self->comm, self->pid, sem, sem);
		BUG();
	}
	w.task = self;
	w.granted = 0;
	w.shared = shared;
	list_add_tail(&w.list, &sem->wait_list);
	ret = kfs_wait_granted(&sem->wait_lock, &w, state);
	/* Leaving the head of the queue may let those behind in. */
	if (ret)
		kfs_rwsem_grant(sem);
	arch_spin_unlock(&sem->wait_lock);
	return ret;
}

void down_read(struct rw_semaphore *sem)
{
	kfs_down_common(sem, 1, TASK_UNINTERRUPTIBLE);
	kfs_lockdep_acquire(sem, 1);
}

int down_read_interruptible(struct rw_semaphore *sem)
{
	int ret = kfs_down_common(sem, 1, TASK_INTERRUPTIBLE);

	if (!ret)
		kfs_lockdep_acquire(sem, 1);
	return ret;
}

int down_read_killable(struct rw_semaphore *sem)
{
	int ret = kfs_down_common(sem, 1, TASK_KILLABLE);

	if (!ret)
		kfs_lockdep_acquire(sem, 1);
	return ret;
}

void down_read_non_owner(struct rw_semaphore *sem)
{
	kfs_down_common(sem, 1, TASK_UNINTERRUPTIBLE);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	int got = 0;

	arch_spin_lock(&sem->wait_lock);
	if (list_empty(&sem->wait_list) && sem->count >= 0) {
		kfs_rwsem_set_count(sem, sem->count + 1);
		got = 1;
	}
	arch_spin_unlock(&sem->wait_lock);
	if (got)
		kfs_lockdep_acquire(sem, 1);
	return got;
}

static void kfs_up_read(struct rw_semaphore *sem)
{
	arch_spin_lock(&sem->wait_lock);
	if (WARN(sem->count <= 0, "up_read of %px (%ps) not held for read\n", sem, sem)) {
		arch_spin_unlock(&sem->wait_lock);
		return;
	}
	kfs_rwsem_set_count(sem, sem->count - 1);
	if (!sem->count)
		kfs_rwsem_grant(sem);
	arch_spin_unlock(&sem->wait_lock);
}

void up_read(struct rw_semaphore *sem)
{
	kfs_lockdep_release(sem, 0);
	kfs_up_read(sem);
}

void up_read_non_owner(struct rw_semaphore *sem)
{
	kfs_up_read(sem);
}

void down_write(struct rw_semaphore *sem)
{
	kfs_down_common(sem, 0, TASK_UNINTERRUPTIBLE);
	kfs_lockdep_acquire(sem, 0);
}

int down_write_killable(struct rw_semaphore *sem)
{
	int ret = kfs_down_common(sem, 0, TASK_KILLABLE);

	if (!ret)
		kfs_lockdep_acquire(sem, 0);
	return ret;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	int got = 0;

	arch_spin_lock(&sem->wait_lock);
	if (list_empty(&sem->wait_list) && sem->count == 0) {
		kfs_rwsem_set_count(sem, -1);
		__atomic_store_n(&sem->owner, current, __ATOMIC_RELAXED);
		got = 1;
	}
	arch_spin_unlock(&sem->wait_lock);
	if (got)
		kfs_lockdep_acquire(sem, 0);
	return got;
}

void up_write(struct rw_semaphore *sem)
{
	kfs_lockdep_release(sem, 0);
	arch_spin_lock(&sem->wait_lock);
	if (WARN(sem->count != -1, "up_write of %px (%ps) not held for write\n", sem, sem)) {
		arch_spin_unlock(&sem->wait_lock);
		return;
	}
	__atomic_store_n(&sem->owner, NULL, __ATOMIC_RELAXED);
	kfs_rwsem_set_count(sem, 0);
	kfs_rwsem_grant(sem);
	arch_spin_unlock(&sem->wait_lock);
}

void downgrade_write(struct rw_semaphore *sem)
{
	kfs_lockdep_release(sem, 0);
	arch_spin_lock(&sem->wait_lock);
	WARN(sem->count != -1, "downgrade_write of %px (%ps) not held for write\n", sem, sem);
	__atomic_store_n(&sem->owner, NULL, __ATOMIC_RELAXED);
	kfs_rwsem_set_count(sem, 1);
	kfs_rwsem_grant(sem);
	arch_spin_unlock(&sem->wait_lock);
	kfs_lockdep_acquire(sem, 1);
}

int __percpu_init_rwsem(struct percpu_rw_semaphore *sem, const char *name,
			struct lock_class_key *key)
{
	__init_rwsem(&sem->rw_sem, name, key);
	return 0;
}

void percpu_free_rwsem(struct percpu_rw_semaphore *sem)
{
	WARN(rwsem_is_locked(&sem->rw_sem), "percpu_free_rwsem of a held %px\n", sem);
}
