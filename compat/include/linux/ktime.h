/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ktime_t: a signed 64-bit count of nanoseconds, and its arithmetic.  The
 * clocks that produce it are in <linux/timekeeping.h>.
 */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/time64.h>
#include <linux/jiffies.h>
#include <linux/math64.h>

typedef s64 ktime_t;

/* Seconds and nanoseconds to ktime_t, saturating at KTIME_MAX. */
static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	return secs < KTIME_SEC_MAX ? secs * NSEC_PER_SEC + (s64)nsecs : KTIME_MAX;
}

/* Arithmetic and conversions: ktime_t is just nanoseconds. */
#define ktime_add(a, b)			((a) + (b))
#define ktime_sub(a, b)			((a) - (b))
#define ktime_add_unsafe(a, b)		((u64)(a) + (b))
#define ktime_add_ns(kt, ns)		((kt) + (ns))
#define ktime_sub_ns(kt, ns)		((kt) - (ns))
#define ktime_add_us(kt, us)		ktime_add_ns(kt, (u64)(us) * NSEC_PER_USEC)
#define ktime_add_ms(kt, ms)		ktime_add_ns(kt, (u64)(ms) * NSEC_PER_MSEC)
#define ktime_sub_us(kt, us)		ktime_sub_ns(kt, (u64)(us) * NSEC_PER_USEC)
#define ktime_sub_ms(kt, ms)		ktime_sub_ns(kt, (u64)(ms) * NSEC_PER_MSEC)
#define ktime_to_ns(kt)			((s64)(kt))
#define ktime_divns(kt, div)		((s64)(kt) / (s64)(div))
#define ktime_to_us(kt)			ktime_divns(kt, NSEC_PER_USEC)
#define ktime_to_ms(kt)			ktime_divns(kt, NSEC_PER_MSEC)
#define ktime_us_delta(later, earlier)	ktime_to_us((later) - (earlier))
#define ktime_ms_delta(later, earlier)	ktime_to_ms((later) - (earlier))
#define ns_to_ktime(ns)			((ktime_t)(ns))
#define us_to_ktime(us)			((ktime_t)(us) * NSEC_PER_USEC)
#define ms_to_ktime(ms)			((ktime_t)(ms) * NSEC_PER_MSEC)
#define timespec64_to_ktime(ts)		ktime_set((ts).tv_sec, (ts).tv_nsec)
#define ktime_to_timespec64(kt)		ns_to_timespec64(kt)

/* -1, 0 or 1. */
#define ktime_compare(a, b)		(((a) > (b)) - ((a) < (b)))
#define ktime_after(a, b)		((a) > (b))
#define ktime_before(a, b)		((a) < (b))

/* Converts a non-zero kt and says whether it did. */
static inline __must_check bool ktime_to_timespec64_cond(const ktime_t kt,
							 struct timespec64 *ts)
{
	if (!kt)
		return false;
	*ts = ns_to_timespec64(kt);
	return true;
}

#include <linux/timekeeping.h>

#endif /* _LINUX_KTIME_H */
