/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debug_locks: whether the lock checks are still running (lockdep.h turns
 * them off after the held-lock stack overflows).
 */
#ifndef __LINUX_DEBUG_LOCKING_H
#define __LINUX_DEBUG_LOCKING_H

#include <linux/compiler.h>
#include <linux/bug.h>

extern int debug_locks;
extern int debug_locks_silent;

static inline int debug_locks_off(void)
{
	int was = debug_locks;

	debug_locks = 0;
	return was;
}

#define DEBUG_LOCKS_WARN_ON(c)	({ int __kfs_r = !!(c); if (unlikely(__kfs_r && debug_locks)) WARN_ON(1); __kfs_r; })
#define debug_show_all_locks()		do { } while (0)
#define debug_show_held_locks(task)	do { (void)(task); } while (0)
#define debug_check_no_locks_freed(from, len)	do { } while (0)
#define debug_check_no_locks_held()	do { } while (0)

#endif /* __LINUX_DEBUG_LOCKING_H */
