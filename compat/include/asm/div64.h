/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_DIV64_H
#define _ASM_DIV64_H

#include <linux/types.h>

/*
 * do_div(n, base): divides the 64-bit lvalue n by the 32-bit base in place
 * and evaluates to the remainder.
 */
#define do_div(n, base) ({					\
	u32 __kfs_base = (base);				\
	u32 __kfs_rem;						\
	_Static_assert(sizeof(n) == 8, "do_div() needs a 64-bit dividend"); \
	__kfs_rem = (u32)((u64)(n) % __kfs_base);		\
	(n) = (u64)(n) / __kfs_base;				\
	__kfs_rem; })

#endif /* _ASM_DIV64_H */
