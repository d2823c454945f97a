/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU local locks (Documentation/locking/locktypes.rst).  A kernel
 * without PREEMPT_RT protects per-cpu data by disabling preemption; kfs
 * cannot keep other tasks off a fake CPU that way, so it does what
 * PREEMPT_RT does: a local lock is a real spinlock in each CPU's copy, and
 * local_lock() takes the current task's copy.
 */
#ifndef _LINUX_LOCAL_LOCK_H
#define _LINUX_LOCAL_LOCK_H

#include <linux/percpu.h>
#include <linux/spinlock.h>

typedef struct {
	spinlock_t lock;
} local_lock_t;

#define INIT_LOCAL_LOCK(lockname)	{ .lock = __SPIN_LOCK_UNLOCKED(lockname.lock) }

#define local_lock_init(l)		spin_lock_init(&(l)->lock)
#define local_lock(l)			spin_lock(&this_cpu_ptr(l)->lock)
#define local_unlock(l)			spin_unlock(&this_cpu_ptr(l)->lock)
#define local_lock_irq(l)		spin_lock_irq(&this_cpu_ptr(l)->lock)
#define local_unlock_irq(l)		spin_unlock_irq(&this_cpu_ptr(l)->lock)
#define local_lock_irqsave(l, flags)	spin_lock_irqsave(&this_cpu_ptr(l)->lock, flags)
#define local_unlock_irqrestore(l, flags) spin_unlock_irqrestore(&this_cpu_ptr(l)->lock, flags)

#endif /* _LINUX_LOCAL_LOCK_H */
