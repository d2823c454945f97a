/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types of the lock validator's annotations.  kfs has no lock-class graph:
 * a lock class key only has to exist (its address names a class), and a
 * lockdep_map only carries a name for messages.  What kfs does check, per
 * task, is which locks are held (lockdep.h), so lockdep_assert_held() and
 * friends answer truthfully.
 */
#ifndef __LINUX_LOCKDEP_TYPES_H
#define __LINUX_LOCKDEP_TYPES_H

#include <linux/types.h>

#define MAX_LOCKDEP_SUBCLASSES		8UL
#define SINGLE_DEPTH_NESTING		1

enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_FREE,
	LD_WAIT_SPIN,
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,
	LD_WAIT_MAX,
};

enum lockdep_lock_type {
	LD_LOCK_NORMAL = 0,
	LD_LOCK_PERCPU,
	LD_LOCK_MAX,
};

/* A class key: only its address matters (static or in a registered object). */
struct lock_class_key {
	char kfs_unused;
};

struct lock_class;

struct lockdep_map {
	const char *name;
	struct lock_class_key *key;
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key)	{ .name = (_name), .key = (void *)(_key) }

struct pin_cookie {
	unsigned int val;
};
#define NIL_COOKIE	(struct pin_cookie){ .val = 0U, }

#endif /* __LINUX_LOCKDEP_TYPES_H */
