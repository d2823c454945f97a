/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic_t, atomic64_t and atomic_long_t (Documentation/atomic_t.txt) on
 * GCC __atomic builtins.  The ordering rules are the kernel's:
 *  - atomic_read/atomic_set and the RMW operations that return nothing
 *    (atomic_inc, atomic_and, ...) are unordered (relaxed);
 *  - operations that return a value are fully ordered, unless suffixed
 *    _relaxed, _acquire or _release;
 *  - a failed cmpxchg/try_cmpxchg orders nothing but its load.
 * atomic_t and atomic64_t themselves are in <linux/types.h>.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/cmpxchg.h>

typedef atomic64_t atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

#define __KFS_FAIL_ORDER_SEQ_CST	__ATOMIC_SEQ_CST
#define __KFS_FAIL_ORDER_ACQUIRE	__ATOMIC_ACQUIRE
#define __KFS_FAIL_ORDER_RELEASE	__ATOMIC_RELAXED
#define __KFS_FAIL_ORDER_RELAXED	__ATOMIC_RELAXED

/*
 * The operations that come in four orderings.  pfx: atomic, atomic64 or
 * atomic_long; at: its type; t: the value type callers see; sfx/mo: the
 * name suffix and memory order; fmo: the order of a failed compare.
 */
#define __KFS_ATOMIC_ORDERED_OPS(pfx, at, t, sfx, mo, fmo)		\
static __always_inline t pfx##_add_return##sfx(t i, at *v)		\
{ return __atomic_add_fetch(&v->counter, i, mo); }			\
static __always_inline t pfx##_sub_return##sfx(t i, at *v)		\
{ return __atomic_sub_fetch(&v->counter, i, mo); }			\
static __always_inline t pfx##_inc_return##sfx(at *v)			\
{ return __atomic_add_fetch(&v->counter, 1, mo); }			\
static __always_inline t pfx##_dec_return##sfx(at *v)			\
{ return __atomic_sub_fetch(&v->counter, 1, mo); }			\
static __always_inline t pfx##_fetch_add##sfx(t i, at *v)		\
{ return __atomic_fetch_add(&v->counter, i, mo); }			\
static __always_inline t pfx##_fetch_sub##sfx(t i, at *v)		\
{ return __atomic_fetch_sub(&v->counter, i, mo); }			\
static __always_inline t pfx##_fetch_inc##sfx(at *v)			\
{ return __atomic_fetch_add(&v->counter, 1, mo); }			\
static __always_inline t pfx##_fetch_dec##sfx(at *v)			\
{ return __atomic_fetch_sub(&v->counter, 1, mo); }			\
static __always_inline t pfx##_fetch_and##sfx(t i, at *v)		\
{ return __atomic_fetch_and(&v->counter, i, mo); }			\
static __always_inline t pfx##_fetch_or##sfx(t i, at *v)		\
{ return __atomic_fetch_or(&v->counter, i, mo); }			\
static __always_inline t pfx##_fetch_xor##sfx(t i, at *v)		\
{ return __atomic_fetch_xor(&v->counter, i, mo); }			\
static __always_inline t pfx##_fetch_andnot##sfx(t i, at *v)		\
{ return __atomic_fetch_and(&v->counter, ~i, mo); }			\
static __always_inline t pfx##_xchg##sfx(at *v, t n)			\
{ return __atomic_exchange_n(&v->counter, n, mo); }			\
static __always_inline t pfx##_cmpxchg##sfx(at *v, t o, t n)		\
{									\
	__typeof__(v->counter) __o = o;					\
	__atomic_compare_exchange_n(&v->counter, &__o, n, 0, mo, fmo);	\
	return __o;							\
}									\
static __always_inline bool pfx##_try_cmpxchg##sfx(at *v, t *o, t n)	\
{									\
	__typeof__(v->counter) __o = *o;				\
	bool __ok = __atomic_compare_exchange_n(&v->counter, &__o, n, 0, \
						 mo, fmo);		\
	*o = __o;							\
	return __ok;							\
}

#define __KFS_ATOMIC_OPS(pfx, at, t)					\
static __always_inline t pfx##_read(const at *v)			\
{ return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }		\
static __always_inline t pfx##_read_acquire(const at *v)		\
{ return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); }		\
static __always_inline void pfx##_set(at *v, t i)			\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_set_release(at *v, t i)		\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); }		\
static __always_inline void pfx##_add(t i, at *v)			\
{ __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_sub(t i, at *v)			\
{ __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_inc(at *v)				\
{ __atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_dec(at *v)				\
{ __atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_and(t i, at *v)			\
{ __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_or(t i, at *v)			\
{ __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_xor(t i, at *v)			\
{ __atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED); }		\
static __always_inline void pfx##_andnot(t i, at *v)			\
{ __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED); }		\
__KFS_ATOMIC_ORDERED_OPS(pfx, at, t, , __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) \
__KFS_ATOMIC_ORDERED_OPS(pfx, at, t, _relaxed, __ATOMIC_RELAXED, __ATOMIC_RELAXED) \
__KFS_ATOMIC_ORDERED_OPS(pfx, at, t, _acquire, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE) \
__KFS_ATOMIC_ORDERED_OPS(pfx, at, t, _release, __ATOMIC_RELEASE, __ATOMIC_RELAXED) \
static __always_inline bool pfx##_sub_and_test(t i, at *v)		\
{ return pfx##_sub_return(i, v) == 0; }				\
static __always_inline bool pfx##_dec_and_test(at *v)			\
{ return pfx##_dec_return(v) == 0; }					\
static __always_inline bool pfx##_inc_and_test(at *v)			\
{ return pfx##_inc_return(v) == 0; }					\
static __always_inline bool pfx##_add_negative(t i, at *v)		\
{ return pfx##_add_return(i, v) < 0; }					\
/* Adds a unless the value is u; returns the value found. */		\
static __always_inline t pfx##_fetch_add_unless(at *v, t a, t u)	\
{									\
	t __c = pfx##_read(v);						\
	do {								\
		if (unlikely(__c == u))					\
			break;						\
	} while (!pfx##_try_cmpxchg(v, &__c, __c + a));			\
	return __c;							\
}									\
static __always_inline bool pfx##_add_unless(at *v, t a, t u)		\
{ return pfx##_fetch_add_unless(v, a, u) != u; }			\
static __always_inline bool pfx##_inc_not_zero(at *v)			\
{ return pfx##_add_unless(v, 1, 0); }					\
static __always_inline bool pfx##_inc_unless_negative(at *v)		\
{									\
	t __c = pfx##_read(v);						\
	do {								\
		if (unlikely(__c < 0))					\
			return false;					\
	} while (!pfx##_try_cmpxchg(v, &__c, __c + 1));			\
	return true;							\
}									\
static __always_inline bool pfx##_dec_unless_positive(at *v)		\
{									\
	t __c = pfx##_read(v);						\
	do {								\
		if (unlikely(__c > 0))					\
			return false;					\
	} while (!pfx##_try_cmpxchg(v, &__c, __c - 1));			\
	return true;							\
}									\
/* Decrements unless that would go negative; returns old value - 1. */	\
static __always_inline t pfx##_dec_if_positive(at *v)			\
{									\
	t __c = pfx##_read(v);						\
	t __d;								\
	do {								\
		__d = __c - 1;						\
		if (unlikely(__d < 0))					\
			break;						\
	} while (!pfx##_try_cmpxchg(v, &__c, __d));			\
	return __d;							\
}

__KFS_ATOMIC_OPS(atomic, atomic_t, int)
__KFS_ATOMIC_OPS(atomic64, atomic64_t, s64)
__KFS_ATOMIC_OPS(atomic_long, atomic_long_t, long)

/* Spin until cond (over VAL, the current value) holds. */
#define atomic_cond_read_relaxed(v, c)	smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_cond_read_acquire(v, c)	smp_cond_load_acquire(&(v)->counter, (c))
#define atomic64_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic64_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic_long_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_long_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))

#endif /* _LINUX_ATOMIC_H */
