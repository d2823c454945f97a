/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 32-bit compatibility entry points.  kfs is built without CONFIG_COMPAT:
 * every caller (the FUSE adapter, the tools, tests) hands the filesystem
 * native 64-bit requests, so no call ever arrives through a compat path.
 * As in a kernel without CONFIG_COMPAT, file_operations that name the
 * generic pointer-converting helper get NULL, i.e. no ->compat_ioctl.
 */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#include <linux/types.h>

#define compat_ptr_ioctl	NULL

static inline bool in_compat_syscall(void)
{
	return false;
}

#endif /* _LINUX_COMPAT_H */
