/* SPDX-License-Identifier: GPL-2.0-only */
/* Constants usable both in C and (historically) in assembly. */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#define __AC(X, Y)	(X##Y)
#define _AC(X, Y)	__AC(X, Y)
#define _AT(T, X)	((T)(X))

#define _UL(x)		(_AC(x, UL))
#define _ULL(x)		(_AC(x, ULL))
#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

#define _BITUL(x)	(_UL(1) << (x))
#define _BITULL(x)	(_ULL(1) << (x))

/* Round x up to a multiple of the power of two a (mask = a - 1). */
#define __ALIGN_KERNEL_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define __ALIGN_KERNEL(x, a)		__ALIGN_KERNEL_MASK(x, (__typeof__(x))(a) - 1)

/*
 * Whether x is an integer constant expression (not merely foldable): only
 * then is the multiplication by zero a null pointer constant, which makes
 * the conditional's type int * rather than void *.
 */
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

#define __KERNEL_DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#endif /* _LINUX_CONST_H */
