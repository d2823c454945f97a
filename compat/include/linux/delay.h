/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Delays (Documentation/timers/timers-howto.rst).  The sleeping forms put
 * the task to sleep (and may only be called where sleeping is allowed);
 * udelay/ndelay/mdelay busy-wait on the clock and may be called anywhere.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/math.h>
#include <linux/sched.h>

void msleep(unsigned int msecs);
/* Returns the milliseconds left when a signal ended the sleep early. */
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

void ndelay(unsigned long nsecs);

static inline void udelay(unsigned long usecs)
{
	ndelay(usecs * 1000);
}

static inline void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

/* Picks the right primitive for a delay of usecs in sleepable context. */
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

#endif /* _LINUX_DELAY_H */
