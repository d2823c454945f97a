/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-only hooks of the scheduler side of compat (compat/kernel/sched.c),
 * for compat code and tests; kernel code never sees these.
 */
#ifndef _KFS_SCHED_H
#define _KFS_SCHED_H

#include <linux/types.h>

struct task_struct;

/* How many times might_sleep() or schedule() found an atomic context. */
unsigned long kfs_might_sleep_count(void);

/* The task's state word, waited on by the host thread (for tests). */
bool kfs_task_sleeping(struct task_struct *p);

/* Starts the timer, RCU and workqueue threads once (kfs_thread_adopt does). */
void kfs_core_start(void);

#endif /* _KFS_SCHED_H */
