/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the concurrency tests (kernel world): run a function on a
 * kthread and collect its result; wait until a task is asleep.  Waiting is
 * always for a condition, never for an amount of time.
 */
#ifndef _KFS_TESTS_KTEST_THREADS_H
#define _KFS_TESTS_KTEST_THREADS_H

#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <kfs/sched.h>

struct kt {
	struct task_struct *task;
	int (*fn)(struct kt *kt);
	void *arg;
	long val;		/* free for the function (set before kt_start) */
	int ret;
	struct completion done;
};

static int kt_main(void *p)
{
	struct kt *kt = p;

	kt->ret = kt->fn(kt);
	complete(&kt->done);
	/* Stay until kthread_stop(), so the caller's task pointer stays valid. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return kt->ret;
}

static inline void kt_start(struct kt *kt, int (*fn)(struct kt *kt), void *arg)
{
	kt->fn = fn;
	kt->arg = arg;
	kt->ret = -1;
	init_completion(&kt->done);
	kt->task = kthread_run(kt_main, kt, "ktest");
	if (IS_ERR(kt->task))
		BUG();
}

/* Waits for the function to return and the thread to end; its result. */
static inline int kt_join(struct kt *kt)
{
	wait_for_completion(&kt->done);
	kthread_stop(kt->task);
	return kt->ret;
}

/* Until t is parked in the host (asleep in schedule()). */
static inline void kt_wait_sleeping(struct task_struct *t)
{
	while (!kfs_task_sleeping(t))
		yield();
}

/* Until *flag becomes non-zero. */
static inline void kt_wait_flag(int *flag)
{
	while (!smp_load_acquire(flag))
		yield();
}

#endif /* _KFS_TESTS_KTEST_THREADS_H */
