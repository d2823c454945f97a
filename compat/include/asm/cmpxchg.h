/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xchg()/cmpxchg()/try_cmpxchg() on plain variables of native word size
 * (Documentation/atomic_t.txt: the unsuffixed forms are fully ordered,
 * _relaxed/_acquire/_release order as named).  GCC __atomic builtins.
 */
#ifndef _ASM_CMPXCHG_H
#define _ASM_CMPXCHG_H

#include <linux/compiler.h>

#define __kfs_xchg(ptr, x, mo)						\
	__atomic_exchange_n((ptr), (__typeof__(*(ptr)))(x), mo)

/* cmpxchg returns the value found; it stored new iff that equals old. */
#define __kfs_cmpxchg(ptr, old, new, mo, fmo)				\
({									\
	__typeof__(*(ptr)) __kfs_old = (old);				\
	__atomic_compare_exchange_n((ptr), &__kfs_old,			\
				    (__typeof__(*(ptr)))(new), 0, mo, fmo); \
	__kfs_old;							\
})

/* try_cmpxchg returns whether it stored; on failure *oldp is updated. */
#define __kfs_try_cmpxchg(ptr, oldp, new, mo, fmo)			\
	__atomic_compare_exchange_n((ptr), (oldp),			\
				    (__typeof__(*(ptr)))(new), 0, mo, fmo)

#define xchg(ptr, x)		__kfs_xchg(ptr, x, __ATOMIC_SEQ_CST)
#define xchg_relaxed(ptr, x)	__kfs_xchg(ptr, x, __ATOMIC_RELAXED)
#define xchg_acquire(ptr, x)	__kfs_xchg(ptr, x, __ATOMIC_ACQUIRE)
#define xchg_release(ptr, x)	__kfs_xchg(ptr, x, __ATOMIC_RELEASE)

#define cmpxchg(ptr, o, n)	__kfs_cmpxchg(ptr, o, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define cmpxchg_relaxed(ptr, o, n) __kfs_cmpxchg(ptr, o, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define cmpxchg_acquire(ptr, o, n) __kfs_cmpxchg(ptr, o, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n) __kfs_cmpxchg(ptr, o, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define cmpxchg64(ptr, o, n)	cmpxchg(ptr, o, n)
#define cmpxchg64_relaxed(ptr, o, n) cmpxchg_relaxed(ptr, o, n)
#define cmpxchg_local(ptr, o, n) cmpxchg(ptr, o, n)
#define cmpxchg64_local(ptr, o, n) cmpxchg(ptr, o, n)
#define sync_cmpxchg(ptr, o, n)	cmpxchg(ptr, o, n)

#define try_cmpxchg(ptr, op, n) \
	__kfs_try_cmpxchg(ptr, op, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define try_cmpxchg_relaxed(ptr, op, n) \
	__kfs_try_cmpxchg(ptr, op, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define try_cmpxchg_acquire(ptr, op, n) \
	__kfs_try_cmpxchg(ptr, op, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(ptr, op, n) \
	__kfs_try_cmpxchg(ptr, op, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define try_cmpxchg64(ptr, op, n)	try_cmpxchg(ptr, op, n)

#endif /* _ASM_CMPXCHG_H */
