/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The current CPU: the fake CPU number fixed for the current task (see
 * <linux/cpumask.h>).  get_cpu() also disables preemption, as in the kernel,
 * which marks the task atomic until put_cpu().
 */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/preempt.h>
#include <linux/cpumask.h>
#include <asm/current.h>

unsigned int kfs_task_cpu(void);

#define raw_smp_processor_id()	((int)kfs_task_cpu())
#define smp_processor_id()	raw_smp_processor_id()
#define __smp_processor_id()	raw_smp_processor_id()
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

#endif /* __LINUX_SMP_H */
