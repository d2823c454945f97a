/* SPDX-License-Identifier: GPL-2.0-only */
/* Limits on CPUs and processes. */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

#define NR_CPUS		CONFIG_NR_CPUS
#define PID_MAX_DEFAULT	0x8000
#define PID_MAX_LIMIT	(4 * 1024 * 1024)

#endif /* _LINUX_THREADS_H */
