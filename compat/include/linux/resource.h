/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Resource limits.  kfs tasks carry the kernel's table (rlimit() reads the
 * current task's), all unlimited: the FUSE caller's own limits, such as
 * RLIMIT_FSIZE, are enforced by the host kernel before a request arrives.
 * The RLIMIT_ numbers are the Linux ABI's.
 */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

#include <linux/types.h>

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16
#define RLIM_INFINITY		(~0UL)

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

#endif /* _LINUX_RESOURCE_H */
