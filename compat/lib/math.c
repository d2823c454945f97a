/* SPDX-License-Identifier: GPL-2.0-only */
/* Integer helpers of <linux/math.h> and <linux/math64.h>. */
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/math64.h>

u64 int_pow(u64 base, unsigned int exp)
{
	u64 result = 1;

	while (exp) {
		if (exp & 1)
			result *= base;
		exp >>= 1;
		base *= base;
	}
	return result;
}

/* floor(sqrt(x)), by Newton's iteration from an over-estimate. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long r, next;

	if (x < 2)
		return x;
	r = 1UL << ((fls64(x) + 1) / 2);
	for (;;) {
		next = (r + x / r) / 2;
		if (next >= r)
			return r;
		r = next;
	}
}

u32 int_sqrt64(u64 x)
{
	return (u32)int_sqrt(x);
}

/* Division by repeated subtraction: for quotients known to be small. */
u32 iter_div_u64_rem(u64 dividend, u32 divisor, u64 *remainder)
{
	u32 quotient = 0;

	while (dividend >= divisor) {
		dividend -= divisor;
		quotient++;
	}
	*remainder = dividend;
	return quotient;
}
