/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calendar time: broken-down time for filesystems that store it that way
 * (FAT, ISO 9660, UDF), and the system timezone.  sys_tz is what a kernel
 * has when nobody called settimeofday() with a timezone: UTC (so FAT
 * timestamps are UTC unless the tz=/time_offset= mount options say else).
 */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/cache.h>
#include <linux/math64.h>
#include <linux/time64.h>

struct timezone {
	int tz_minuteswest;	/* minutes west of Greenwich */
	int tz_dsttime;
};

extern struct timezone sys_tz;

struct tm {
	int tm_sec;		/* 0..59 (60 never produced) */
	int tm_min;		/* 0..59 */
	int tm_hour;		/* 0..23 */
	int tm_mday;		/* 1..31 */
	int tm_mon;		/* 0..11 */
	long tm_year;		/* years since 1900 */
	int tm_wday;		/* 0..6, Sunday = 0 */
	int tm_yday;		/* 0..365 */
};

/* totalsecs + offset seconds since the epoch, broken down (proleptic Gregorian). */
void time64_to_tm(time64_t totalsecs, int offset, struct tm *result);

/* Seconds since the epoch of a Gregorian date; mon 1..12, hour 24 is next midnight. */
time64_t mktime64(const unsigned int year, const unsigned int mon, const unsigned int day,
		  const unsigned int hour, const unsigned int min, const unsigned int sec);

#define time_after32(a, b)	((s32)((u32)(b) - (u32)(a)) < 0)
#define time_before32(b, a)	time_after32(a, b)
#define time_between32(t, l, h)	((u32)(h) - (u32)(l) >= (u32)(t) - (u32)(l))

#endif /* _LINUX_TIME_H */
