/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jiffies: ticks of HZ per second since "boot".  kfs has no timer interrupt,
 * so `jiffies` is computed when read, from the monotonic clock of the
 * host-operations table; it starts at INITIAL_JIFFIES when kfs first reads
 * it, five minutes before the 32-bit wrap, as the kernel's does, so code
 * comparing jiffies without time_after() & co. breaks early, here as there.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/typecheck.h>
#include <linux/minmax.h>
#include <linux/param.h>
#include <linux/math64.h>
#include <linux/time64.h>

#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))

unsigned long kfs_jiffies(void);
u64 get_jiffies_64(void);

#define jiffies		kfs_jiffies()
#define jiffies_64	get_jiffies_64()

#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC	((USEC_PER_SEC + HZ / 2) / HZ)
#define USER_TICK_USEC	((1000000UL + USER_HZ / 2) / USER_HZ)

/* The largest timeout a sleeping function takes without overflowing. */
#define MAX_JIFFY_OFFSET	((LONG_MAX >> 1) - 1)

/* Wrap-safe comparisons: a after b, etc. */
#define time_after(a, b)						\
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&	\
	 ((long)((b) - (a)) < 0))
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)						\
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&	\
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

#define time_after64(a, b)						\
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((b) - (a)) < 0))
#define time_before64(a, b)	time_after64(b, a)
#define time_after_eq64(a, b)						\
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b)	time_after_eq64(b, a)
#define time_in_range64(a, b, c) (time_after_eq64(a, b) && time_before_eq64(a, c))

#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_before_jiffies64(a)	time_after64(get_jiffies_64(), a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)
#define time_is_after_jiffies64(a)	time_before64(get_jiffies_64(), a)
#define time_is_before_eq_jiffies(a)	time_after_eq(jiffies, a)
#define time_is_before_eq_jiffies64(a)	time_after_eq64(get_jiffies_64(), a)
#define time_is_after_eq_jiffies(a)	time_before_eq(jiffies, a)
#define time_is_after_eq_jiffies64(a)	time_before_eq64(get_jiffies_64(), a)

/* HZ divides 1000 (CONFIG_HZ 100, 250 or 1000): the conversions are exact. */
_Static_assert(MSEC_PER_SEC % HZ == 0, "HZ must divide 1000");

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * TICK_NSEC;
}

static inline s64 jiffies_delta_to_msecs(long delta)
{
	return jiffies_to_msecs(max(0L, delta));
}

u64 jiffies64_to_nsecs(u64 j);
u64 jiffies64_to_msecs(u64 j);

/* Rounded up; negative or huge inputs give MAX_JIFFY_OFFSET. */
unsigned long __msecs_to_jiffies(const unsigned int m);
unsigned long __usecs_to_jiffies(const unsigned int u);

static __always_inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return __msecs_to_jiffies(m);
}

static __always_inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return __usecs_to_jiffies(u);
}

unsigned long nsecs_to_jiffies(u64 n);
u64 nsecs_to_jiffies64(u64 n);

unsigned long timespec64_to_jiffies(const struct timespec64 *value);
void jiffies_to_timespec64(const unsigned long jiffies_value, struct timespec64 *value);

clock_t jiffies_to_clock_t(unsigned long x);
unsigned long clock_t_to_jiffies(unsigned long x);
u64 jiffies_64_to_clock_t(u64 x);
u64 nsec_to_clock_t(u64 x);

static inline clock_t jiffies_delta_to_clock_t(long delta)
{
	return jiffies_to_clock_t(max(0L, delta));
}

/*
 * Timeouts rounded to a whole second, so that timers that need not be
 * precise fire together (never earlier than asked, for the _up forms).
 */
unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);
unsigned long round_jiffies_up(unsigned long j);
unsigned long round_jiffies_up_relative(unsigned long j);
unsigned long __round_jiffies(unsigned long j, int cpu);
unsigned long __round_jiffies_relative(unsigned long j, int cpu);
unsigned long __round_jiffies_up(unsigned long j, int cpu);
unsigned long __round_jiffies_up_relative(unsigned long j, int cpu);

#endif /* _LINUX_JIFFIES_H */
