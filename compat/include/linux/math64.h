/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 64-bit division and multiplication helpers.  On a 64-bit machine every
 * one of them is plain C arithmetic; they exist so that code written for
 * 32-bit machines too reads the same.
 */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>
#include <linux/math.h>
#include <asm/div64.h>

#define div64_long(x, y)	div64_s64((x), (y))
#define div64_ul(x, y)		div64_u64((x), (y))

/* Quotient, with the remainder in *remainder. */
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = (u32)(dividend % divisor);
	return dividend / divisor;
}

static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
	*remainder = (s32)(dividend % divisor);
	return dividend / divisor;
}

static inline u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

static inline s64 div64_s64(s64 dividend, s64 divisor)
{
	return dividend / divisor;
}

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

u32 iter_div_u64_rem(u64 dividend, u32 divisor, u64 *remainder);

static inline u64 mul_u32_u32(u32 a, u32 b)
{
	return (u64)a * b;
}

/* (a * mul) >> shift with a 128-bit intermediate. */
static inline u64 mul_u64_u32_shr(u64 a, u32 mul, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * mul) >> shift);
}

static inline u64 mul_u64_u64_shr(u64 a, u64 mul, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * mul) >> shift);
}

/* a * b / c with a 128-bit intermediate. */
static inline u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	return (u64)(((unsigned __int128)a * b) / c);
}

static inline u64 mul_u64_u32_div(u64 a, u32 mul, u32 divisor)
{
	return (u64)(((unsigned __int128)a * mul) / divisor);
}

#define DIV64_U64_ROUND_UP(ll, d) \
	({ u64 __kfs_d = (d); div64_u64((ll) + __kfs_d - 1, __kfs_d); })
#define DIV64_U64_ROUND_CLOSEST(dividend, divisor) \
	({ u64 __kfs_d = (divisor); div64_u64((dividend) + (__kfs_d / 2), __kfs_d); })
#define DIV_U64_ROUND_CLOSEST(dividend, divisor) \
	({ u32 __kfs_d = (divisor); div_u64((u64)(dividend) + (__kfs_d / 2), __kfs_d); })
#define DIV_S64_ROUND_CLOSEST(dividend, divisor) ({			\
	s64 __kfs_x = (dividend);					\
	s32 __kfs_d = (divisor);					\
	((__kfs_x > 0) == (__kfs_d > 0)) ?				\
		div_s64(__kfs_x + (__kfs_d / 2), __kfs_d) :		\
		div_s64(__kfs_x - (__kfs_d / 2), __kfs_d);		\
})

#endif /* _LINUX_MATH64_H */
