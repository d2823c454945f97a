/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DO_ONCE_LITE(fn, args...): calls fn(args...) the first time this spot is
 * reached.  The flag is claimed with an atomic exchange, so exactly one of
 * several racing threads makes the call.
 */
#ifndef _LINUX_ONCE_LITE_H
#define _LINUX_ONCE_LITE_H

#include <linux/types.h>

#define __KFS_ONCE_CLAIM(flag)						\
	(!__atomic_load_n(&(flag), __ATOMIC_RELAXED) &&			\
	 !__atomic_exchange_n(&(flag), 1, __ATOMIC_RELAXED))

#define DO_ONCE_LITE(func, ...)						\
	DO_ONCE_LITE_IF(true, func, ##__VA_ARGS__)

#define DO_ONCE_LITE_IF(condition, func, ...)				\
	({								\
		static bool __kfs_once_done;				\
		bool __kfs_once_cond = !!(condition);			\
									\
		if (unlikely(__kfs_once_cond) &&			\
		    __KFS_ONCE_CLAIM(__kfs_once_done))			\
			func(__VA_ARGS__);				\
		unlikely(__kfs_once_cond);				\
	})

#endif /* _LINUX_ONCE_LITE_H */
