/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt context.  No hard interrupts ever run in kfs; the context tests
 * (in_interrupt(), in_softirq(), in_task(), ...) live in <linux/preempt.h>.
 */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/preempt.h>
#include <linux/lockdep.h>

#define irq_enter()		preempt_count_add(HARDIRQ_OFFSET)
#define irq_exit()		preempt_count_sub(HARDIRQ_OFFSET)
#define __irq_enter()		irq_enter()
#define __irq_exit()		irq_exit()
#define synchronize_hardirq(irq)	do { (void)(irq); } while (0)

#endif /* LINUX_HARDIRQ_H */
