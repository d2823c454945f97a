/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Integer base-2 logarithms and power-of-two rounding.  The macro forms
 * (ilog2, roundup_pow_of_two, order_base_2) fold to constants for constant
 * arguments, so they may size arrays.
 */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>
#include <linux/bitops.h>

static inline __attribute_const__ int __ilog2_u32(u32 n)
{
	return fls(n) - 1;
}

static inline __attribute_const__ int __ilog2_u64(u64 n)
{
	return fls64(n) - 1;
}

static inline __attribute_const__ bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline __attribute_const__ unsigned long __roundup_pow_of_two(unsigned long n)
{
	return 1UL << fls_long(n - 1);
}

static inline __attribute_const__ unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

/* floor(log2(n)); n must not be 0 (a constant 0 gives -1). */
#define const_ilog2(n)							\
	((n) < 2 ? ((n) < 1 ? -1 : 0) :					\
	 63 - __builtin_clzll((unsigned long long)(n)))

#define ilog2(n)							\
	(__builtin_constant_p(n) ? const_ilog2(n) :			\
	 (sizeof(n) <= 4) ? __ilog2_u32(n) : __ilog2_u64(n))

/* Smallest power of two >= n (n > 0). */
#define roundup_pow_of_two(n)						\
	(__builtin_constant_p(n) ?					\
		((n) == 1 ? 1 : (1UL << (ilog2((n) - 1) + 1))) :	\
		__roundup_pow_of_two(n))

/* Largest power of two <= n (n > 0). */
#define rounddown_pow_of_two(n)						\
	(__builtin_constant_p(n) ? (1UL << ilog2(n)) : __rounddown_pow_of_two(n))

static inline __attribute_const__ int __order_base_2(unsigned long n)
{
	return n > 1 ? ilog2(n - 1) + 1 : 0;
}

/* ceil(log2(n)), with order_base_2(0) == 0. */
#define order_base_2(n)							\
	(__builtin_constant_p(n) ?					\
		(((n) == 0 || (n) == 1) ? 0 : ilog2((n) - 1) + 1) :	\
		__order_base_2(n))

static inline __attribute_const__ int __bits_per(unsigned long n)
{
	if (n < 2)
		return 1;
	if (is_power_of_2(n))
		return order_base_2(n) + 1;
	return order_base_2(n);
}

/* Bits needed to hold n. */
#define bits_per(n)							\
	(__builtin_constant_p(n) ?					\
		(((n) == 0 || (n) == 1) ? 1 : ilog2(n) + 1) :		\
		__bits_per(n))

#endif /* _LINUX_LOG2_H */
