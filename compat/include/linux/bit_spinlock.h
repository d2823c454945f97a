/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A spinlock in one bit of a word (the word's other bits stay usable, as in
 * list_bl heads and buffer-head state).  Taking it enters atomic context like
 * any spinlock.  There is no owner to record: the kernel has none either.
 * A waiter spins, then yields the CPU to the host between looks, because the
 * holder may be a host thread the host has preempted.
 */
#ifndef __LINUX_BIT_SPINLOCK_H
#define __LINUX_BIT_SPINLOCK_H

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/bitops.h>

void kfs_bit_spin_wait(int bitnum, unsigned long *addr);

static __always_inline void bit_spin_lock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	while (unlikely(test_and_set_bit_lock(bitnum, addr))) {
		preempt_enable();
		kfs_bit_spin_wait(bitnum, addr);
		preempt_disable();
	}
}

static __always_inline int bit_spin_trylock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	if (unlikely(test_and_set_bit_lock(bitnum, addr))) {
		preempt_enable();
		return 0;
	}
	return 1;
}

static __always_inline void bit_spin_unlock(int bitnum, unsigned long *addr)
{
	WARN_ON_ONCE(!test_bit(bitnum, addr));
	clear_bit_unlock(bitnum, addr);
	preempt_enable();
}

/* Only when no other bit of the word can change meanwhile. */
static __always_inline void __bit_spin_unlock(int bitnum, unsigned long *addr)
{
	WARN_ON_ONCE(!test_bit(bitnum, addr));
	__clear_bit_unlock(bitnum, addr);
	preempt_enable();
}

static __always_inline int bit_spin_is_locked(int bitnum, unsigned long *addr)
{
	return test_bit(bitnum, addr);
}

#endif /* __LINUX_BIT_SPINLOCK_H */
