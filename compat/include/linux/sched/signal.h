/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signals as fs code sees them: whether the current task should stop what it
 * is waiting for.  The only signal a kfs task ever gets is the fatal one
 * kfs_task_interrupt() posts when FUSE interrupts the request the task is
 * serving; it stays pending until the worker clears it after the request.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/resource.h>

struct signal_struct {
	struct rlimit rlim[RLIM_NLIMITS];
};

static inline int __fatal_signal_pending(struct task_struct *p)
{
	return __atomic_load_n(&p->kfs_signal, __ATOMIC_ACQUIRE) != 0;
}

static inline int signal_pending(struct task_struct *p)
{
	return __fatal_signal_pending(p);
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return __fatal_signal_pending(p);
}

/* Whether a sleep in state should end because of a pending signal. */
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

static inline unsigned long task_rlimit(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task->signal->rlim[limit].rlim_cur);
}

static inline unsigned long task_rlimit_max(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task->signal->rlim[limit].rlim_max);
}

static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}

static inline unsigned long rlimit_max(unsigned int limit)
{
	return task_rlimit_max(current, limit);
}

#define restart_syscall()	(-ERESTARTNOINTR)

#endif /* _LINUX_SCHED_SIGNAL_H */
