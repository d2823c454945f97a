/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler clocks: nanoseconds of the monotonic clock (kfs_host). */
#ifndef _LINUX_SCHED_CLOCK_H
#define _LINUX_SCHED_CLOCK_H

#include <linux/ktime.h>

static inline u64 sched_clock(void)
{
	return ktime_get_ns();
}

static inline u64 local_clock(void)
{
	return ktime_get_ns();
}

static inline u64 running_clock(void)
{
	return ktime_get_ns();
}

#endif /* _LINUX_SCHED_CLOCK_H */
