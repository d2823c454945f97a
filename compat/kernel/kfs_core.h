/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Between the files of compat's scheduler side: task setup and the
 * subsystems kfs_core_start() brings up.
 */
#ifndef _KFS_KERNEL_CORE_H
#define _KFS_KERNEL_CORE_H

#include <linux/sched.h>

struct task_struct *kfs_task_alloc(const char *name, unsigned int flags);
void kfs_task_attach(struct task_struct *t);
void kfs_task_detach(void);

/* Sleeps per the task state for at most timeout_ns (< 0: no limit). */
int kfs_schedule_ns(s64 timeout_ns);

/* cred.c */
struct cred *kfs_cred_alloc_root(void);

/* Each returns 0 or a negative errno; called once, in this order. */
int kfs_timer_init(void);
int kfs_rcu_init(void);
int kfs_workqueue_init(void);

#endif /* _KFS_KERNEL_CORE_H */
