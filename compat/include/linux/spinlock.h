/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks and reader-writer spinlocks (Documentation/locking/spinlocks.rst,
 * locktypes.rst).
 *
 * Taking one puts the task in atomic context (preempt_count(), so that
 * might_sleep() complains while it is held), records it as held (lockdep.h)
 * and, for spinlocks and write-held rwlocks, sets the owner.  The lock words
 * are C11 atomics with acquire/release ordering, which is also what lets
 * ThreadSanitizer see the happens-before edges.  Contended lockers spin a
 * little, then park on the lock word in the host kernel (futex), because the
 * holder is a host thread that the host may preempt at any point.
 *
 * The _irq/_irqsave variants also mark "interrupts" off (irqflags.h), and the
 * _bh variants disable bottom halves, exactly as seen from the task.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/typecheck.h>
#include <linux/preempt.h>
#include <linux/linkage.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/stringify.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <asm/barrier.h>
#include <asm/current.h>

/* ------------------------------------------------------- the bare word */

void kfs_arch_spin_lock_slow(arch_spinlock_t *lock);
void kfs_arch_spin_wake(arch_spinlock_t *lock);

static __always_inline int arch_spin_trylock(arch_spinlock_t *lock)
{
	unsigned int unlocked = 0;

	return __atomic_compare_exchange_n(&lock->val, &unlocked, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static __always_inline void arch_spin_lock(arch_spinlock_t *lock)
{
	if (unlikely(!arch_spin_trylock(lock)))
		kfs_arch_spin_lock_slow(lock);
}

static __always_inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	/* 2: someone may be parked on the word. */
	if (unlikely(__atomic_exchange_n(&lock->val, 0, __ATOMIC_RELEASE) == 2))
		kfs_arch_spin_wake(lock);
}

static __always_inline int arch_spin_is_locked(arch_spinlock_t *lock)
{
	return __atomic_load_n(&lock->val, __ATOMIC_RELAXED) != 0;
}

static __always_inline int arch_spin_is_contended(arch_spinlock_t *lock)
{
	return __atomic_load_n(&lock->val, __ATOMIC_RELAXED) == 2;
}

/* ---------------------------------------------------------- raw spinlock */

/* Out of line: a task re-taking its own lock, or releasing one it lacks. */
void kfs_spin_lock_contended(raw_spinlock_t *lock);
void kfs_spin_bad_unlock(raw_spinlock_t *lock);

static __always_inline struct task_struct *kfs_spin_owner(raw_spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
}

static __always_inline void kfs_raw_spin_acquired(raw_spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, current, __ATOMIC_RELAXED);
	kfs_lockdep_acquire(lock, 0);
}

static __always_inline void kfs_raw_spin_releasing(raw_spinlock_t *lock)
{
	if (unlikely(kfs_spin_owner(lock) != current))
		kfs_spin_bad_unlock(lock);
	kfs_lockdep_release(lock, 1);
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELAXED);
}

static __always_inline void raw_spin_lock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (unlikely(!arch_spin_trylock(&lock->raw_lock)))
		kfs_spin_lock_contended(lock);
	kfs_raw_spin_acquired(lock);
}

static __always_inline int raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(&lock->raw_lock)) {
		kfs_raw_spin_acquired(lock);
		return 1;
	}
	preempt_enable();
	return 0;
}

static __always_inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	kfs_raw_spin_releasing(lock);
	arch_spin_unlock(&lock->raw_lock);
	preempt_enable();
}

static __always_inline void raw_spin_lock_irq(raw_spinlock_t *lock)
{
	local_irq_disable();
	raw_spin_lock(lock);
}

static __always_inline void raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	raw_spin_unlock(lock);
	local_irq_enable();
}

static __always_inline void raw_spin_lock_bh(raw_spinlock_t *lock)
{
	local_bh_disable();
	raw_spin_lock(lock);
}

static __always_inline void raw_spin_unlock_bh(raw_spinlock_t *lock)
{
	raw_spin_unlock(lock);
	local_bh_enable();
}

#define raw_spin_lock_irqsave(lock, flags)				\
	do {								\
		local_irq_save(flags);					\
		raw_spin_lock(lock);					\
	} while (0)

#define raw_spin_unlock_irqrestore(lock, flags)				\
	do {								\
		raw_spin_unlock(lock);					\
		local_irq_restore(flags);				\
	} while (0)

#define raw_spin_trylock_irqsave(lock, flags)				\
({									\
	int __kfs_got;							\
	local_irq_save(flags);						\
	__kfs_got = raw_spin_trylock(lock);				\
	if (!__kfs_got)							\
		local_irq_restore(flags);				\
	__kfs_got;							\
})

#define raw_spin_trylock_irq(lock)					\
({									\
	int __kfs_got;							\
	local_irq_disable();						\
	__kfs_got = raw_spin_trylock(lock);				\
	if (!__kfs_got)							\
		local_irq_enable();					\
	__kfs_got;							\
})

#define raw_spin_trylock_bh(lock)					\
({									\
	int __kfs_got;							\
	local_bh_disable();						\
	__kfs_got = raw_spin_trylock(lock);				\
	if (!__kfs_got)							\
		local_bh_enable();					\
	__kfs_got;							\
})

#define raw_spin_lock_init(lock)	do { *(lock) = __RAW_SPIN_LOCK_UNLOCKED(lock); } while (0)
#define raw_spin_is_locked(lock)	arch_spin_is_locked(&(lock)->raw_lock)
#define raw_spin_is_contended(lock)	arch_spin_is_contended(&(lock)->raw_lock)
#define raw_spin_lock_nested(lock, subclass)	raw_spin_lock(lock)
#define raw_spin_lock_irqsave_nested(lock, flags, subclass) \
	raw_spin_lock_irqsave(lock, flags)
#define raw_spin_lock_nest_lock(lock, nest_lock)	raw_spin_lock(lock)
#define assert_raw_spin_locked(lock)	BUG_ON(!raw_spin_is_locked(lock))

/* -------------------------------------------------------------- spinlock */

static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}

#define spin_lock_init(lock)		do { *(lock) = __SPIN_LOCK_UNLOCKED(lock); } while (0)

static __always_inline void spin_lock(spinlock_t *lock)
{
	raw_spin_lock(&lock->rlock);
}

static __always_inline void spin_lock_bh(spinlock_t *lock)
{
	raw_spin_lock_bh(&lock->rlock);
}

static __always_inline int spin_trylock(spinlock_t *lock)
{
	return raw_spin_trylock(&lock->rlock);
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	raw_spin_lock_irq(&lock->rlock);
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	raw_spin_unlock(&lock->rlock);
}

static __always_inline void spin_unlock_bh(spinlock_t *lock)
{
	raw_spin_unlock_bh(&lock->rlock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	raw_spin_unlock_irq(&lock->rlock);
}

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

static __always_inline int spin_trylock_bh(spinlock_t *lock)
{
	return raw_spin_trylock_bh(&lock->rlock);
}

static __always_inline int spin_trylock_irq(spinlock_t *lock)
{
	return raw_spin_trylock_irq(&lock->rlock);
}

static __always_inline int spin_is_locked(spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->rlock);
}

static __always_inline int spin_is_contended(spinlock_t *lock)
{
	return raw_spin_is_contended(&lock->rlock);
}

#define spin_lock_irqsave(lock, flags)	raw_spin_lock_irqsave(spinlock_check(lock), flags)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	raw_spin_lock_irqsave(spinlock_check(lock), flags)
#define spin_trylock_irqsave(lock, flags) \
	raw_spin_trylock_irqsave(spinlock_check(lock), flags)
#define spin_lock_nested(lock, subclass)	spin_lock(lock)
#define spin_lock_nest_lock(lock, nest_lock)	do { (void)(nest_lock); spin_lock(lock); } while (0)
#define spin_lock_bh_nested(lock, subclass)	spin_lock_bh(lock)
#define assert_spin_locked(lock)	assert_raw_spin_locked(&(lock)->rlock)

/* Whether a long holder should drop the lock for waiters: never forced. */
#define spin_needbreak(lock)		({ (void)(lock); 0; })

/* Decrements and, when that reaches zero, returns 1 with lock held. */
int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock);
int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock, unsigned long *flags);
int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock);
#define atomic_dec_and_lock(atomic, lock)	_atomic_dec_and_lock(atomic, lock)
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	_atomic_dec_and_lock_irqsave(atomic, lock, &(flags))
#define atomic_dec_and_raw_lock(atomic, lock)	_atomic_dec_and_raw_lock(atomic, lock)

/* ---------------------------------------------------------------- rwlock */

void kfs_read_lock_slow(rwlock_t *lock);
void kfs_write_lock_slow(rwlock_t *lock);
void kfs_rwlock_wake(rwlock_t *lock);

static __always_inline int arch_read_trylock(rwlock_t *lock)
{
	unsigned int v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);

	while (!(v & (KFS_RW_WRITER | KFS_RW_WRITER_WAITING))) {
		if (__atomic_compare_exchange_n(&lock->cnts, &v, v + KFS_RW_READER, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 1;
	}
	return 0;
}

static __always_inline int arch_write_trylock(rwlock_t *lock)
{
	unsigned int v = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);

	while (!(v & ~KFS_RW_SLEEPERS)) {
		if (__atomic_compare_exchange_n(&lock->cnts, &v, v | KFS_RW_WRITER, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 1;
	}
	return 0;
}

static __always_inline void arch_read_unlock(rwlock_t *lock)
{
	unsigned int v = __atomic_sub_fetch(&lock->cnts, KFS_RW_READER, __ATOMIC_RELEASE);

	/* The last reader out lets a sleeping writer in. */
	if (unlikely((v & KFS_RW_SLEEPERS) && v < KFS_RW_READER))
		kfs_rwlock_wake(lock);
}

static __always_inline void arch_write_unlock(rwlock_t *lock)
{
	unsigned int v = __atomic_fetch_and(&lock->cnts, ~KFS_RW_WRITER, __ATOMIC_RELEASE);

	if (unlikely(v & KFS_RW_SLEEPERS))
		kfs_rwlock_wake(lock);
}

static __always_inline void read_lock(rwlock_t *lock)
{
	preempt_disable();
	if (unlikely(!arch_read_trylock(lock)))
		kfs_read_lock_slow(lock);
	kfs_lockdep_acquire(lock, 1);
}

static __always_inline int read_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (arch_read_trylock(lock)) {
		kfs_lockdep_acquire(lock, 1);
		return 1;
	}
	preempt_enable();
	return 0;
}

static __always_inline void read_unlock(rwlock_t *lock)
{
	kfs_lockdep_release(lock, 1);
	arch_read_unlock(lock);
	preempt_enable();
}

static __always_inline void write_lock(rwlock_t *lock)
{
	preempt_disable();
	if (unlikely(!arch_write_trylock(lock)))
		kfs_write_lock_slow(lock);
	__atomic_store_n(&lock->owner, current, __ATOMIC_RELAXED);
	kfs_lockdep_acquire(lock, 0);
}

static __always_inline int write_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (arch_write_trylock(lock)) {
		__atomic_store_n(&lock->owner, current, __ATOMIC_RELAXED);
		kfs_lockdep_acquire(lock, 0);
		return 1;
	}
	preempt_enable();
	return 0;
}

static __always_inline void write_unlock(rwlock_t *lock)
{
	kfs_lockdep_release(lock, 1);
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELAXED);
	arch_write_unlock(lock);
	preempt_enable();
}

static __always_inline void read_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	read_lock(lock);
}

static __always_inline void read_unlock_irq(rwlock_t *lock)
{
	read_unlock(lock);
	local_irq_enable();
}

static __always_inline void write_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	write_lock(lock);
}

static __always_inline void write_unlock_irq(rwlock_t *lock)
{
	write_unlock(lock);
	local_irq_enable();
}

static __always_inline void read_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	read_lock(lock);
}

static __always_inline void read_unlock_bh(rwlock_t *lock)
{
	read_unlock(lock);
	local_bh_enable();
}

static __always_inline void write_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	write_lock(lock);
}

static __always_inline void write_unlock_bh(rwlock_t *lock)
{
	write_unlock(lock);
	local_bh_enable();
}

#define read_lock_irqsave(lock, flags)					\
	do { local_irq_save(flags); read_lock(lock); } while (0)
#define read_unlock_irqrestore(lock, flags)				\
	do { read_unlock(lock); local_irq_restore(flags); } while (0)
#define write_lock_irqsave(lock, flags)					\
	do { local_irq_save(flags); write_lock(lock); } while (0)
#define write_unlock_irqrestore(lock, flags)				\
	do { write_unlock(lock); local_irq_restore(flags); } while (0)
#define write_trylock_irqsave(lock, flags)				\
({									\
	int __kfs_got;							\
	local_irq_save(flags);						\
	__kfs_got = write_trylock(lock);				\
	if (!__kfs_got)							\
		local_irq_restore(flags);				\
	__kfs_got;							\
})

#define rwlock_init(lock)	do { *(lock) = __RW_LOCK_UNLOCKED(lock); } while (0)
#define write_lock_nested(lock, subclass)	write_lock(lock)
#define rwlock_is_contended(lock) \
	((__atomic_load_n(&(lock)->cnts, __ATOMIC_RELAXED) & KFS_RW_WRITER_WAITING) != 0)
#define rwlock_needbreak(lock)	({ (void)(lock); 0; })

#endif /* __LINUX_SPINLOCK_H */
