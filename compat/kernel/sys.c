/* SPDX-License-Identifier: GPL-2.0-only */
/* The overflow ids of <linux/highuid.h> (sysctls in the kernel; defaults here). */
#include <linux/highuid.h>

int overflowuid = DEFAULT_OVERFLOWUID;
int overflowgid = DEFAULT_OVERFLOWGID;
int fs_overflowuid = DEFAULT_FS_OVERFLOWUID;
int fs_overflowgid = DEFAULT_FS_OVERFLOWGID;
