/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt flags.  There are no interrupts in kfs, but code still disables
 * them around critical sections (spin_lock_irqsave & co), and sleeping with
 * "interrupts off" is a bug might_sleep() must report.  So each task keeps
 * the state a CPU would: a flag, saved and restored exactly as the kernel's
 * local_irq_save()/local_irq_restore() do.
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <linux/compiler.h>
#include <linux/typecheck.h>

/* Non-zero while the current task has "interrupts" disabled. */
extern __thread unsigned long kfs_irqs_off;

#define raw_local_irq_disable()		do { kfs_irqs_off = 1; barrier(); } while (0)
#define raw_local_irq_enable()		do { barrier(); kfs_irqs_off = 0; } while (0)
#define raw_local_save_flags(flags)					\
	do { typecheck(unsigned long, flags); flags = kfs_irqs_off; } while (0)
#define raw_local_irq_save(flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = kfs_irqs_off;					\
		kfs_irqs_off = 1;					\
		barrier();						\
	} while (0)
#define raw_local_irq_restore(flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		barrier();						\
		kfs_irqs_off = (flags);					\
	} while (0)
#define raw_irqs_disabled_flags(flags)	((flags) != 0)
#define raw_irqs_disabled()		(kfs_irqs_off != 0)

#define local_irq_disable()		raw_local_irq_disable()
#define local_irq_enable()		raw_local_irq_enable()
#define local_irq_save(flags)		raw_local_irq_save(flags)
#define local_irq_restore(flags)	raw_local_irq_restore(flags)
#define local_save_flags(flags)		raw_local_save_flags(flags)
#define irqs_disabled()			raw_irqs_disabled()
#define irqs_disabled_flags(flags)	raw_irqs_disabled_flags(flags)
#define safe_halt()			do { } while (0)

#define lockdep_softirqs_on(ip)		do { } while (0)
#define lockdep_softirqs_off(ip)	do { } while (0)
#define lockdep_hardirqs_on(ip)		do { } while (0)
#define lockdep_hardirqs_off(ip)	do { } while (0)
#define trace_hardirqs_on()		do { } while (0)
#define trace_hardirqs_off()		do { } while (0)

#endif /* _LINUX_IRQFLAGS_H */
