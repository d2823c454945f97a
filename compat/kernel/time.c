/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time: jiffies and the clocks (read through the host-operations table),
 * the conversions of <linux/jiffies.h> and <linux/time64.h>, calendar
 * arithmetic (kernel/time/timeconv.c's and time.c's roles), and delays.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/time.h>
#include <linux/delay.h>
#include <linux/sched/signal.h>
#include <asm/processor.h>
#include <kfs_host.h>
#include "kfs_core.h"

struct timezone sys_tz;

static s64 kfs_clock_ns(int clock)
{
	kfs_s64 sec;
	long nsec;

	kfs_host->clock_gettime(clock, &sec, &nsec);
	return sec * NSEC_PER_SEC + nsec;
}

/*
 * Ticks of the monotonic clock since its origin, offset so the count
 * starts at INITIAL_JIFFIES: cheap to compute, and the same answer for a
 * test clock as for the host's.
 */
u64 get_jiffies_64(void)
{
	return (u64)INITIAL_JIFFIES + (u64)kfs_clock_ns(KFS_CLOCK_MONOTONIC) / TICK_NSEC;
}

unsigned long kfs_jiffies(void)
{
	return (unsigned long)get_jiffies_64();
}

ktime_t ktime_get(void)
{
	return kfs_clock_ns(KFS_CLOCK_MONOTONIC);
}

ktime_t ktime_get_raw(void)
{
	return kfs_clock_ns(KFS_CLOCK_MONOTONIC);
}

ktime_t ktime_get_real(void)
{
	return kfs_clock_ns(KFS_CLOCK_REALTIME);
}

/* The coarse clocks move once per tick, as the kernel's do. */
static s64 kfs_coarse(s64 ns)
{
	s64 rem = ns % (s64)TICK_NSEC;

	return rem < 0 ? ns - rem - (s64)TICK_NSEC : ns - rem;
}

ktime_t ktime_get_coarse(void)
{
	return kfs_coarse(kfs_clock_ns(KFS_CLOCK_MONOTONIC));
}

ktime_t ktime_get_coarse_real(void)
{
	return kfs_coarse(kfs_clock_ns(KFS_CLOCK_REALTIME));
}

time64_t ktime_get_seconds(void)
{
	return div_s64(ktime_get(), NSEC_PER_SEC);
}

time64_t ktime_get_real_seconds(void)
{
	kfs_s64 sec;
	long nsec;

	kfs_host->clock_gettime(KFS_CLOCK_REALTIME, &sec, &nsec);
	return sec;
}

void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}

void ktime_get_raw_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_raw());
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	kfs_s64 sec;
	long nsec;

	kfs_host->clock_gettime(KFS_CLOCK_REALTIME, &sec, &nsec);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
}

void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_coarse());
}

void ktime_get_coarse_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_coarse_real());
}

/* ------------------------------------------------------------ timespec64 */

void set_normalized_timespec64(struct timespec64 *ts, time64_t sec, s64 nsec)
{
	s32 rem;

	sec += div_s64_rem(nsec, NSEC_PER_SEC, &rem);
	if (rem < 0) {
		sec--;
		rem += NSEC_PER_SEC;
	}
	ts->tv_sec = sec;
	ts->tv_nsec = rem;
}

struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { 0, 0 };

	if (nsec)
		set_normalized_timespec64(&ts, 0, nsec);
	return ts;
}

struct timespec64 timespec64_add_safe(const struct timespec64 lhs, const struct timespec64 rhs)
{
	struct timespec64 res;
	time64_t sec;

	if (__builtin_add_overflow(lhs.tv_sec, rhs.tv_sec, &sec)) {
		res.tv_sec = TIME64_MAX;
		res.tv_nsec = 0;
		return res;
	}
	set_normalized_timespec64(&res, sec, (s64)lhs.tv_nsec + rhs.tv_nsec);
	if (res.tv_sec < sec) {
		res.tv_sec = TIME64_MAX;
		res.tv_nsec = 0;
	}
	return res;
}

/* ---------------------------------------------------------------- jiffies */

unsigned long __msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)m, MSEC_PER_SEC / HZ);
}

unsigned long __usecs_to_jiffies(const unsigned int u)
{
	if (u > jiffies_to_usecs(MAX_JIFFY_OFFSET))
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)u, USEC_PER_SEC / HZ);
}

u64 nsecs_to_jiffies64(u64 n)
{
	return div_u64(n, NSEC_PER_SEC / HZ);
}

unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

unsigned long timespec64_to_jiffies(const struct timespec64 *value)
{
	u64 sec = value->tv_sec;
	u64 j;

	if (value->tv_sec < 0)
		return 0;
	if (sec >= (u64)(MAX_JIFFY_OFFSET / HZ))
		return MAX_JIFFY_OFFSET;
	j = sec * HZ + DIV_ROUND_UP((u64)value->tv_nsec, TICK_NSEC);
	return j > MAX_JIFFY_OFFSET ? MAX_JIFFY_OFFSET : j;
}

void jiffies_to_timespec64(const unsigned long jiffies_value, struct timespec64 *value)
{
	value->tv_sec = jiffies_value / HZ;
	value->tv_nsec = (jiffies_value % HZ) * TICK_NSEC;
}

clock_t jiffies_to_clock_t(unsigned long x)
{
	return div_u64((u64)x * TICK_NSEC, NSEC_PER_SEC / USER_HZ);
}

unsigned long clock_t_to_jiffies(unsigned long x)
{
	if (x >= ~0UL / HZ)
		return ~0UL;
	return div_u64((u64)x * HZ, USER_HZ);
}

u64 jiffies_64_to_clock_t(u64 x)
{
	return div_u64(x * TICK_NSEC, NSEC_PER_SEC / USER_HZ);
}

u64 nsec_to_clock_t(u64 x)
{
	return div_u64(x, NSEC_PER_SEC / USER_HZ);
}

/*
 * Rounds an absolute time in jiffies to a whole second: down when less
 * than a quarter second past one (unless force_up), else up.  A result in
 * the past gives j back unchanged.
 */
static unsigned long kfs_round_jiffies(unsigned long j, bool force_up)
{
	unsigned long rem = j % HZ;
	unsigned long r = j;

	if (rem) {
		if (rem < HZ / 4 && !force_up)
			r = j - rem;
		else
			r = j - rem + HZ;
	}
	return time_is_after_jiffies(r) ? r : j;
}

unsigned long __round_jiffies(unsigned long j, int cpu)
{
	return kfs_round_jiffies(j, false);
}

unsigned long __round_jiffies_relative(unsigned long j, int cpu)
{
	unsigned long now = jiffies;

	return kfs_round_jiffies(j + now, false) - now;
}

unsigned long round_jiffies(unsigned long j)
{
	return kfs_round_jiffies(j, false);
}

unsigned long round_jiffies_relative(unsigned long j)
{
	return __round_jiffies_relative(j, 0);
}

unsigned long __round_jiffies_up(unsigned long j, int cpu)
{
	return kfs_round_jiffies(j, true);
}

unsigned long __round_jiffies_up_relative(unsigned long j, int cpu)
{
	unsigned long now = jiffies;

	return kfs_round_jiffies(j + now, true) - now;
}

unsigned long round_jiffies_up(unsigned long j)
{
	return kfs_round_jiffies(j, true);
}

unsigned long round_jiffies_up_relative(unsigned long j)
{
	return __round_jiffies_up_relative(j, 0);
}

/* --------------------------------------------------------------- calendar */

/*
 * Days since 1970-01-01 of a proleptic Gregorian date, and back.  Years are
 * counted from March, so the leap day ends a year, and the 400-year cycle
 * (146097 days) makes the arithmetic exact for any year.
 */
static s64 kfs_days_from_civil(s64 y, unsigned int m, unsigned int d)
{
	s64 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;					/* 0..399 */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* 0..146096 */
	return era * 146097 + doe - 719468;
}

static void kfs_civil_from_days(s64 z, s64 *year, int *mon, int *day)
{
	s64 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = doy - (153 * mp + 2) / 5 + 1;
	*mon = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (*mon <= 2);
}

time64_t mktime64(const unsigned int year, const unsigned int mon, const unsigned int day,
		  const unsigned int hour, const unsigned int min, const unsigned int sec)
{
	s64 days = kfs_days_from_civil(year, mon, day);

	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

static bool kfs_leap(s64 year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

void time64_to_tm(time64_t totalsecs, int offset, struct tm *result)
{
	static const unsigned short before_month[2][12] = {
		{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
		{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 },
	};
	s64 t = totalsecs + offset;
	s64 days = t / 86400;
	s64 rem = t % 86400;
	s64 year;
	int mon, mday;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	result->tm_hour = rem / 3600;
	rem %= 3600;
	result->tm_min = rem / 60;
	result->tm_sec = rem % 60;
	/* 1970-01-01 was a Thursday. */
	result->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
	kfs_civil_from_days(days, &year, &mon, &mday);
	result->tm_year = year - 1900;
	result->tm_mon = mon - 1;
	result->tm_mday = mday;
	result->tm_yday = before_month[kfs_leap(year)][mon - 1] + mday - 1;
}

/* ---------------------------------------------------------------- delays */

void msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs(timeout);
}

void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
	u64 deadline = ktime_get_ns() + min * NSEC_PER_USEC;
	u64 now;

	might_sleep();
	/* At least min; a wake-up only shortens one round. */
	while ((now = ktime_get_ns()) < deadline) {
		set_current_state(state);
		kfs_schedule_ns(deadline - now);
		if ((state & TASK_INTERRUPTIBLE) && signal_pending(current))
			break;
	}
	__set_current_state(TASK_RUNNING);
}

void ndelay(unsigned long nsecs)
{
	u64 deadline = ktime_get_ns() + nsecs;

	while (ktime_get_ns() < deadline)
		cpu_relax();
}
