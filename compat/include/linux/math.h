/* SPDX-License-Identifier: GPL-2.0-only */
/* Rounding and division helpers of the kernel's <linux/math.h>. */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

#include <linux/types.h>
#include <asm/div64.h>

/* For powers of two only. */
#define __round_mask(x, y)	((__typeof__(x))((y) - 1))
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y)	((x) & ~__round_mask(x, y))

/* For any positive divisor. */
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d) \
	({ unsigned long long __kfs_ll = (ll); do_div(__kfs_ll, d); __kfs_ll; })
#define DIV_ROUND_UP_ULL(ll, d) \
	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_UP_SECTOR_T(ll, d)	DIV_ROUND_UP_ULL(ll, d)

#define roundup(x, y) ({				\
	typeof(y) __kfs_ru_y = (y);			\
	(((x) + (__kfs_ru_y - 1)) / __kfs_ru_y) * __kfs_ru_y; })
#define rounddown(x, y) ({				\
	typeof(x) __kfs_rd_x = (x);			\
	__kfs_rd_x - (__kfs_rd_x % (y)); })

/* Division rounding to nearest; for signed values both signs work. */
#define DIV_ROUND_CLOSEST(x, divisor) ({				\
	typeof(x) __kfs_x = (x);					\
	typeof(divisor) __kfs_d = (divisor);				\
	(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 ||		\
	 (((__kfs_x) > 0) == ((__kfs_d) > 0))) ?			\
		(((__kfs_x) + ((__kfs_d) / 2)) / (__kfs_d)) :		\
		(((__kfs_x) - ((__kfs_d) / 2)) / (__kfs_d)); })
#define DIV_ROUND_CLOSEST_ULL(x, divisor) ({			\
	typeof(divisor) __kfs_d = (divisor);			\
	unsigned long long __kfs_v = (x) + (__kfs_d) / 2;	\
	do_div(__kfs_v, __kfs_d);				\
	__kfs_v; })

/* x * numer / denom without overflowing the intermediate product. */
#define mult_frac(x, numer, denom) ({				\
	typeof(x) __kfs_q = (x) / (denom);			\
	typeof(x) __kfs_r = (x) % (denom);			\
	(__kfs_q * (numer)) + ((__kfs_r * (numer)) / (denom)); })

#define sector_div(a, b)	do_div(a, b)

/*
 * abs(x): the absolute value in x's own type for long long and narrower
 * signed types (char and short are promoted as C promotes them).
 */
#define abs(x) _Generic((x),						\
	long long: __builtin_llabs((long long)(x)),			\
	long: __builtin_labs((long)(x)),				\
	unsigned long long: (x),					\
	unsigned long: (x),						\
	unsigned int: (x),						\
	default: __builtin_abs((int)(x)))

#define abs_diff(a, b) ({				\
	typeof(a) __kfs_a = (a);			\
	typeof(b) __kfs_b = (b);			\
	(void)(&__kfs_a == &__kfs_b);			\
	__kfs_a > __kfs_b ? (__kfs_a - __kfs_b) : (__kfs_b - __kfs_a); })

/* Maps a 32-bit hash value into [0, ep_ro) without a division. */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

u64 int_pow(u64 base, unsigned int exp);
unsigned long int_sqrt(unsigned long x);
u32 int_sqrt64(u64 x);

#endif /* _LINUX_MATH_H */
