/* SPDX-License-Identifier: GPL-2.0-only */
/* The tick rate (CONFIG_HZ, kfs/prelude.h) and the one userspace sees. */
#ifndef _LINUX_PARAM_H
#define _LINUX_PARAM_H

#define HZ		CONFIG_HZ
#define USER_HZ		100
#define CLOCKS_PER_SEC	(USER_HZ)
#define EXEC_PAGESIZE	4096
#define NOGROUP		(-1)
#define MAXHOSTNAMELEN	64

#endif /* _LINUX_PARAM_H */
