/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A task's filesystem context.  kfs resolves paths itself (kfs_walk), so a
 * task's fs_struct carries only what fs code reads: the umask, which
 * kfs_set_cred() sets for the FUSE caller.  Each task has its own.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/spinlock_types.h>

struct fs_struct {
	int users;
	spinlock_t lock;
	int umask;
};

int current_umask(void);

#endif /* _LINUX_FS_STRUCT_H */
