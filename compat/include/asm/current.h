/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `current`: the task_struct of the running task.  Every host thread that
 * runs kernel code is a task (kfs_thread_adopt(), kthreads), and its task
 * pointer lives in a thread-local variable.  A thread that calls into kernel
 * code without having been adopted is adopted on the spot, with a warning:
 * the entry points (FUSE workers, tools, tests) are expected to adopt first.
 */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

extern __thread struct task_struct *kfs_current_task;
struct task_struct *kfs_current_slow(void);

static __always_inline struct task_struct *get_current(void)
{
	struct task_struct *t = kfs_current_task;

	return likely(t) ? t : kfs_current_slow();
}

#define current get_current()

#endif /* _ASM_CURRENT_H */
