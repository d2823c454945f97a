/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * min()/max()/clamp() and friends.  Like the kernel's, the plain forms
 * insist that both sides have the same type (a comparison of distinct
 * pointer types warns otherwise: use min_t/max_t to say which type you
 * mean), evaluate each argument once, and stay integer constant
 * expressions when all arguments are constants (array sizes use them).
 */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/compiler.h>
#include <linux/const.h>

/* 1, warning when x and y differ in type. */
#define __kfs_typecheck(x, y) \
	(!!(sizeof((typeof(x) *)1 == (typeof(y) *)1)))

#define __kfs_both_const(x, y) (__is_constexpr(x) && __is_constexpr(y))

#define __cmp(x, y, op)	((x) op (y) ? (x) : (y))

#define __cmp_once(x, y, op, ux, uy) ({				\
	typeof(x) ux = (x);					\
	typeof(y) uy = (y);					\
	__cmp(ux, uy, op); })

#define __careful_cmp(x, y, op)					\
	__builtin_choose_expr(__kfs_typecheck(x, y) && __kfs_both_const(x, y), \
		__cmp(x, y, op),				\
		__cmp_once(x, y, op, __UNIQUE_ID(__x), __UNIQUE_ID(__y)))

#define min(x, y)	__careful_cmp(x, y, <)
#define max(x, y)	__careful_cmp(x, y, >)
#define min3(x, y, z)	min((typeof(x))min(x, y), z)
#define max3(x, y, z)	max((typeof(x))max(x, y), z)

#define min_t(type, x, y)	__careful_cmp((type)(x), (type)(y), <)
#define max_t(type, x, y)	__careful_cmp((type)(x), (type)(y), >)

/* The smaller of x and y that is not zero (zero when both are). */
#define min_not_zero(x, y) ({					\
	typeof(x) __kfs_mnz_x = (x);				\
	typeof(y) __kfs_mnz_y = (y);				\
	__kfs_mnz_x == 0 ? __kfs_mnz_y :			\
		((__kfs_mnz_y == 0) ? __kfs_mnz_x : min(__kfs_mnz_x, __kfs_mnz_y)); })

#define clamp(val, lo, hi)		min((typeof(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi)	min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi)		clamp_t(typeof(val), val, lo, hi)

/* Exchange two lvalues of the same type. */
#define swap(a, b) \
	do { typeof(a) __kfs_swap_tmp = (a); (a) = (b); (b) = __kfs_swap_tmp; } while (0)

/*
 * Is start <= val < start + len?  Computed as one unsigned comparison,
 * (val - start) < len, in 32 bits when all three fit, else in 64 bits; so
 * when start + len wraps the answer follows modular arithmetic (K).
 */
#define __kfs_in_range_bits(val, start, len, type) \
	((type)((type)(val) - (type)(start)) < (type)(len))
#define in_range(val, start, len)					\
	((sizeof(start) | sizeof(len) | sizeof(val)) <= 4 ?		\
		__kfs_in_range_bits(val, start, len, unsigned int) :	\
		__kfs_in_range_bits(val, start, len, unsigned long long))

#endif /* _LINUX_MINMAX_H */
