/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_VFS_H
#define _LINUX_VFS_H

#include <linux/statfs.h>

#endif /* _LINUX_VFS_H */
