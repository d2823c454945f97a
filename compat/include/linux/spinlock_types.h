/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinning lock types (Documentation/locking/locktypes.rst).
 *
 * arch_spinlock_t is the bare lock word: 0 free, 1 held, 2 held with
 * waiters parked in the host kernel (futex), so a contended spinner does not
 * burn a CPU forever when the holder's thread is preempted by the host.
 * raw_spinlock_t/spinlock_t add the owner (the holder's task), which is what
 * spin_is_locked(), assert_spin_locked() and lockdep_assert_held() read and
 * what catches a task re-taking a lock it holds.
 *
 * rwlock_t is a word too: bit 0 a writer holds it, bit 1 a writer waits
 * (which holds back new readers, as the kernel's queued rwlocks do in task
 * context), bit 2 someone sleeps on the word, readers counted from bit 3.
 *
 * Zero-filled memory is an unlocked lock of every type here.
 */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>

struct task_struct;

typedef struct {
	unsigned int val;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ 0 }

typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
	struct task_struct *owner;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)	\
	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED, .owner = NULL }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	\
	((raw_spinlock_t)__RAW_SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

#define ___SPIN_LOCK_INITIALIZER(lockname)	\
	{ .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) }
#define __SPIN_LOCK_INITIALIZER(lockname)	___SPIN_LOCK_INITIALIZER(lockname)
#define __SPIN_LOCK_UNLOCKED(lockname)	\
	((spinlock_t)___SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

typedef struct {
	unsigned int cnts;
	struct task_struct *owner;	/* the writer */
} rwlock_t;

#define KFS_RW_WRITER		1U
#define KFS_RW_WRITER_WAITING	2U
#define KFS_RW_SLEEPERS		4U
#define KFS_RW_READER		8U

#define __RW_LOCK_INITIALIZER(lockname)	{ .cnts = 0, .owner = NULL }
#define __RW_LOCK_UNLOCKED(lockname)	((rwlock_t)__RW_LOCK_INITIALIZER(lockname))
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* __LINUX_SPINLOCK_TYPES_H */
