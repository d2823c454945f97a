/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arithmetic with overflow detection (lib/overflow_kunit.c is its test).
 *  - check_{add,sub,mul}_overflow(a, b, d): *d = a op b (wrapped), and
 *    true when the exact result does not fit *d.  Since 6.1 the types of a,
 *    b and *d may differ: the compiler builtins compute the exact result.
 *  - check_shl_overflow(a, s, d): *d = a << s, true when bits (or the sign)
 *    are lost, s is too large, or a is negative.
 *  - size_{mul,add,sub}, array_size, struct_size...: size_t arithmetic that
 *    saturates at SIZE_MAX, so an allocation of the result fails instead of
 *    coming back too small.
 */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/const.h>

/* Largest and smallest value of a (signed or unsigned) integer type. */
#define __type_half_max(type)	((type)1 << (8 * sizeof(type) - 1 - is_signed_type(type)))
#define type_max(T)		((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_min(T)		((T)((T)-type_max(T) - (T)1))

/* "x < 0" without a warning when x is unsigned. */
#define is_non_negative(a)	((a) > 0 || (a) == 0)
#define is_negative(a)		(!(is_non_negative(a)))

static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

#define check_add_overflow(a, b, d)	\
	__must_check_overflow(__builtin_add_overflow(a, b, d))

#define check_sub_overflow(a, b, d)	\
	__must_check_overflow(__builtin_sub_overflow(a, b, d))

#define check_mul_overflow(a, b, d)	\
	__must_check_overflow(__builtin_mul_overflow(a, b, d))

/*
 * A shift count outside [0, bits of *d) is itself an overflow (and shifts
 * by 0 so that no undefined shift is evaluated).  Shifting the result back
 * must give a again, and neither a nor the result may be negative.
 */
#define check_shl_overflow(a, s, d) __must_check_overflow(({		\
	typeof(a) __kfs_sa = (a);					\
	typeof(s) __kfs_ss = (s);					\
	typeof(d) __kfs_sd = (d);					\
	unsigned int __kfs_sh = (is_non_negative(__kfs_ss) &&		\
				 __kfs_ss < 8 * sizeof(*__kfs_sd)) ?	\
				(unsigned int)__kfs_ss : 0;		\
	*__kfs_sd = (typeof(*__kfs_sd))((u64)__kfs_sa << __kfs_sh);	\
	__kfs_sh != __kfs_ss || is_negative(__kfs_sa) ||		\
		is_negative(*__kfs_sd) ||				\
		(*__kfs_sd >> __kfs_sh) != __kfs_sa;			\
}))

/* factor1 * factor2, or SIZE_MAX on overflow. */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

/* addend1 + addend2, or SIZE_MAX on overflow. */
static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

/* minuend - subtrahend, or SIZE_MAX on underflow or if either is SIZE_MAX. */
static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

/* Bytes of count elements of the flexible array member of *p. */
#define flex_array_size(p, member, count)				\
	__builtin_choose_expr(__is_constexpr(count),			\
		(count) * sizeof(*(p)->member) + __must_be_array((p)->member), \
		size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))

/* Bytes of *p followed by count elements of its flexible array member. */
#define struct_size(p, member, count)					\
	__builtin_choose_expr(__is_constexpr(count),			\
		sizeof(*(p)) + flex_array_size(p, member, count),	\
		size_add(sizeof(*(p)), flex_array_size(p, member, count)))

#endif /* __LINUX_OVERFLOW_H */
