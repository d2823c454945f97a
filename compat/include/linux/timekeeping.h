/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The clocks (Documentation/core-api/timekeeping.rst), all read through the
 * host-operations table (kfs_host->clock_gettime), so a test can run kernel
 * code on a clock of its own.  kfs never suspends: boot time equals the
 * monotonic clock.  The _coarse forms return the time truncated to the last
 * tick (1/HZ s), as the kernel's tick-updated coarse clocks do; file
 * timestamps come from them (current_time()).
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/ktime.h>

ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_coarse(void);
ktime_t ktime_get_coarse_real(void);
ktime_t ktime_get_raw(void);
time64_t ktime_get_seconds(void);
time64_t ktime_get_real_seconds(void);
void ktime_get_ts64(struct timespec64 *ts);
void ktime_get_real_ts64(struct timespec64 *tv);
void ktime_get_coarse_ts64(struct timespec64 *ts);
void ktime_get_coarse_real_ts64(struct timespec64 *ts);
void ktime_get_raw_ts64(struct timespec64 *ts);

#define ktime_get_boottime()		ktime_get()
#define ktime_get_clocktai()		ktime_get_real()
#define ktime_get_coarse_boottime()	ktime_get_coarse()
#define ktime_get_boottime_ts64(ts)	ktime_get_ts64(ts)
#define ktime_get_coarse_boottime_ts64(ts) ktime_get_coarse_ts64(ts)
#define ktime_get_boottime_seconds()	ktime_get_seconds()

#define ktime_get_ns()			((u64)ktime_get())
#define ktime_get_real_ns()		((u64)ktime_get_real())
#define ktime_get_boottime_ns()		((u64)ktime_get())
#define ktime_get_raw_ns()		((u64)ktime_get_raw())
#define ktime_get_coarse_ns()		((u64)ktime_get_coarse())
#define ktime_get_coarse_real_ns()	((u64)ktime_get_coarse_real())

#define ktime_get_mono_fast_ns()	ktime_get_ns()
#define ktime_get_raw_fast_ns()		ktime_get_raw_ns()
#define ktime_get_boot_fast_ns()	ktime_get_ns()
#define ktime_get_real_fast_ns()	ktime_get_real_ns()

#endif /* _LINUX_TIMEKEEPING_H */
