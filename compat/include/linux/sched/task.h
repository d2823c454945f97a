/* SPDX-License-Identifier: GPL-2.0-only */
/* Task references: get_task_struct()/put_task_struct() are in <linux/sched.h>. */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>

#endif /* _LINUX_SCHED_TASK_H */
