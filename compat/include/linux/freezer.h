/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The freezer (Documentation/power/freezing-of-tasks.rst) stops tasks for
 * suspend.  kfs never suspends, so nothing is ever frozen: the checks say
 * so and the freezing points return at once.  set_freezable() still marks
 * the task as a freezable kernel thread, as documented.
 */
#ifndef FREEZER_H_INCLUDED
#define FREEZER_H_INCLUDED

#include <linux/sched.h>
#include <linux/wait.h>

static inline bool frozen(struct task_struct *p)
{
	return false;
}

static inline bool freezing(struct task_struct *p)
{
	return false;
}

static inline bool try_to_freeze(void)
{
	might_sleep();
	return false;
}

static inline void set_freezable(void)
{
	current->flags &= ~PF_NOFREEZE;
}

static inline bool freezer_should_skip(struct task_struct *p)
{
	return true;
}

#define freezer_do_not_count()		do { } while (0)
#define freezer_count()			do { } while (0)
#define freezable_schedule()		schedule()
#define freezable_schedule_timeout(t)	schedule_timeout(t)
#define freezable_schedule_timeout_interruptible(t) schedule_timeout_interruptible(t)
#define freezable_schedule_timeout_killable(t) schedule_timeout_killable(t)

#endif /* FREEZER_H_INCLUDED */
