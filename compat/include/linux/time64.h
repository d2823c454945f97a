/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 64-bit time: time64_t seconds and struct timespec64 (seconds plus
 * nanoseconds, normalised to 0 <= tv_nsec < NSEC_PER_SEC).
 */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H

#include <linux/types.h>
#include <linux/math64.h>

typedef __s64 time64_t;
typedef __u64 timeu64_t;

#define MSEC_PER_SEC	1000L
#define USEC_PER_MSEC	1000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define PSEC_PER_SEC	1000000000000LL
#define FSEC_PER_SEC	1000000000000000LL

struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

struct itimerspec64 {
	struct timespec64 it_interval;
	struct timespec64 it_value;
};

#define TIME64_MAX	((s64)~((u64)1 << 63))
#define TIME64_MIN	(-TIME64_MAX - 1)
#define KTIME_MAX	((s64)~((u64)1 << 63))
#define KTIME_MIN	(-KTIME_MAX - 1)
#define KTIME_SEC_MAX	(KTIME_MAX / NSEC_PER_SEC)
#define KTIME_SEC_MIN	(KTIME_MIN / NSEC_PER_SEC)
#define TIME_UPTIME_SEC_MAX	(30LL * 365 * 24 * 3600)
#define TIME_SETTOD_SEC_MAX	(KTIME_SEC_MAX - TIME_UPTIME_SEC_MAX)

/* Brings nsec into [0, NSEC_PER_SEC), carrying into sec. */
void set_normalized_timespec64(struct timespec64 *ts, time64_t sec, s64 nsec);
struct timespec64 ns_to_timespec64(s64 nsec);
/* lhs + rhs, saturated at TIME64_MAX seconds. */
struct timespec64 timespec64_add_safe(const struct timespec64 lhs, const struct timespec64 rhs);

#define timespec64_equal(a, b)						\
	((a)->tv_sec == (b)->tv_sec && (a)->tv_nsec == (b)->tv_nsec)

/* Negative, zero or positive as a is before, equal to or after b. */
#define timespec64_compare(a, b)					\
	((a)->tv_sec != (b)->tv_sec ? ((a)->tv_sec < (b)->tv_sec ? -1 : 1) \
				    : (int)((a)->tv_nsec - (b)->tv_nsec))

static inline struct timespec64 __kfs_ts64_combine(time64_t sec, s64 nsec)
{
	struct timespec64 out;

	set_normalized_timespec64(&out, sec, nsec);
	return out;
}

#define timespec64_add(a, b)						\
	__kfs_ts64_combine((a).tv_sec + (b).tv_sec, (s64)(a).tv_nsec + (b).tv_nsec)
#define timespec64_sub(a, b)						\
	__kfs_ts64_combine((a).tv_sec - (b).tv_sec, (s64)(a).tv_nsec - (b).tv_nsec)

/* Non-negative seconds and nanoseconds below one second. */
#define timespec64_valid(ts)						\
	((ts)->tv_sec >= 0 && (unsigned long)(ts)->tv_nsec < NSEC_PER_SEC)
/* ...and representable in a ktime_t. */
#define timespec64_valid_strict(ts)					\
	(timespec64_valid(ts) && (unsigned long long)(ts)->tv_sec < KTIME_SEC_MAX)
/* ...and far enough from the end for a clock to be set to it. */
#define timespec64_valid_settod(ts)					\
	(timespec64_valid(ts) && (unsigned long long)(ts)->tv_sec < TIME_SETTOD_SEC_MAX)

/* Nanoseconds, saturated at KTIME_MAX/KTIME_MIN. */
#define timespec64_to_ns(ts)						\
	((ts)->tv_sec >= KTIME_SEC_MAX ? KTIME_MAX :			\
	 (ts)->tv_sec <= KTIME_SEC_MIN ? KTIME_MIN :			\
	 (s64)(ts)->tv_sec * NSEC_PER_SEC + (ts)->tv_nsec)

#define timespec64_add_ns(ts, ns)					\
	(*(ts) = __kfs_ts64_combine((ts)->tv_sec, (s64)((u64)(ts)->tv_nsec + (ns))))

#endif /* _LINUX_TIME64_H */
