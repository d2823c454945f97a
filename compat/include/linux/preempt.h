/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The preemption counter.  kfs tasks are host threads the host preempts at
 * will, so nothing is ever "non-preemptible" in the scheduling sense; the
 * counter is kept anyway, per task, with the kernel's layout, because it is
 * what tells atomic context from process context: spinlocks, rwlocks, bit
 * spinlocks and preempt_disable() raise it, timer and RCU callbacks run as
 * softirqs, and might_sleep() complains whenever it is non-zero.
 *
 * Layout (low to high): preemption depth (8 bits), softirq (8 bits: one
 * SOFTIRQ_OFFSET while serving, SOFTIRQ_DISABLE_OFFSET per local_bh_disable),
 * hardirq (4 bits), NMI (4 bits).
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/irqflags.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

#define PREEMPT_DISABLED	0
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET
#define PREEMPT_LOCK_OFFSET	PREEMPT_OFFSET
#define SOFTIRQ_LOCK_OFFSET	(SOFTIRQ_DISABLE_OFFSET + PREEMPT_LOCK_OFFSET)
#define PREEMPT_NEED_RESCHED	0

/* The current task's counter (a task is one host thread). */
extern __thread int kfs_preempt_count;

static __always_inline int preempt_count(void)
{
	return kfs_preempt_count;
}

static __always_inline void __preempt_count_add(int val)
{
	kfs_preempt_count += val;
}

static __always_inline void __preempt_count_sub(int val)
{
	kfs_preempt_count -= val;
}

#define preempt_count_add(val)	__preempt_count_add(val)
#define preempt_count_sub(val)	__preempt_count_sub(val)
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_count_dec()	preempt_count_sub(1)

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))

#define in_nmi()		(preempt_count() & NMI_MASK)
#define in_hardirq()		(hardirq_count())
#define in_irq()		in_hardirq()
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_task()		(!(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)))

/* Any of spinlock held, preemption or bottom halves disabled, in a callback. */
#define in_atomic()		(preempt_count() != 0)
#define in_atomic_preempt_off()	(preempt_count() != PREEMPT_DISABLE_OFFSET)

#define preempt_disable()		do { preempt_count_inc(); barrier(); } while (0)
#define preempt_enable()		do { barrier(); preempt_count_dec(); } while (0)
#define preempt_enable_no_resched()	preempt_enable()
#define sched_preempt_enable_no_resched() preempt_enable()
#define preempt_disable_notrace()	preempt_disable()
#define preempt_enable_notrace()	preempt_enable()
#define preempt_enable_no_resched_notrace() preempt_enable()
#define preempt_check_resched()		do { } while (0)
#define preemptible()			(preempt_count() == 0 && !irqs_disabled())
#define should_resched(offset)		false
#define need_resched()			false

/* A task never moves between (fake) CPUs, so migration is always disabled. */
#define migrate_disable()		do { } while (0)
#define migrate_enable()		do { } while (0)

#endif /* __LINUX_PREEMPT_H */
