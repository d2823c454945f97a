/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DO_ONCE(func, args...): calls func(args...) the first time the statement
 * runs, exactly once however many threads race there; the others wait until
 * the call has finished, so everyone sees its effects.  Evaluates to true in
 * the caller that made the call.  get_random_once(buf, n) fills buf with
 * random bytes once (e.g. a hash seed).  The slow path serialises on one
 * lock (compat/lib/once.c); a DO_ONCE inside a DO_ONCE function deadlocks,
 * as in the kernel.
 */
#ifndef _LINUX_ONCE_H
#define _LINUX_ONCE_H

#include <linux/compiler.h>
#include <linux/types.h>

/* True: the caller must run the function, then call __kfs_once_done(). */
bool __kfs_once_start(bool *done);
void __kfs_once_done(bool *done);

#define DO_ONCE(func, ...)						\
	({								\
		static bool ___kfs_done;				\
		bool ___kfs_ret = false;				\
		if (unlikely(!__atomic_load_n(&___kfs_done, __ATOMIC_ACQUIRE)) && \
		    __kfs_once_start(&___kfs_done)) {			\
			func(__VA_ARGS__);				\
			__kfs_once_done(&___kfs_done);			\
			___kfs_ret = true;				\
		}							\
		___kfs_ret;						\
	})

/* The kernel's variant for functions that sleep: the same here. */
#define DO_ONCE_SLEEPABLE(func, ...)	DO_ONCE(func, ##__VA_ARGS__)

void get_random_bytes(void *buf, size_t len);

#define get_random_once(buf, nbytes)					\
	DO_ONCE(get_random_bytes, (buf), (nbytes))
#define get_random_sleepable_once(buf, nbytes)				\
	DO_ONCE_SLEEPABLE(get_random_bytes, (buf), (nbytes))

#endif /* _LINUX_ONCE_H */
