/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A ratelimit_state lets `burst` events through per `interval` jiffies.
 * The kernel guards it with a raw spinlock taken by trylock only (a caller
 * that finds it busy is simply suppressed); kfs does the same with an atomic
 * flag, so this header needs nothing from the lock implementation.
 */
#ifndef _LINUX_RATELIMIT_TYPES_H
#define _LINUX_RATELIMIT_TYPES_H

#include <linux/bits.h>
#include <linux/param.h>

#define DEFAULT_RATELIMIT_INTERVAL	(5 * HZ)
#define DEFAULT_RATELIMIT_BURST		10

/* flags: report the suppressed count only when the state is released. */
#define RATELIMIT_MSG_ON_RELEASE	BIT(0)

struct ratelimit_state {
	int		lock;		/* 1 while an updater owns the state */
	int		interval;
	int		burst;
	int		printed;
	int		missed;
	unsigned long	begin;
	unsigned long	flags;
};

#define RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, flags_init) { \
		.lock		= 0,					\
		.interval	= (interval_init),			\
		.burst		= (burst_init),				\
		.flags		= (flags_init),				\
	}

#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) \
	RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, 0)

#define RATELIMIT_STATE_INIT_DISABLED \
	RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)		\
	struct ratelimit_state name =					\
		RATELIMIT_STATE_INIT(name, interval_init, burst_init)

/* Returns nonzero when the caller may go ahead (print). */
int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state)	___ratelimit(state, __func__)

#endif /* _LINUX_RATELIMIT_TYPES_H */
