/* SPDX-License-Identifier: GPL-2.0-only */
/* Byte swapping, on the compiler's bswap builtins. */
#ifndef _LINUX_SWAB_H
#define _LINUX_SWAB_H

#include <linux/types.h>
#include <linux/compiler.h>

#define ___constant_swab16(x)	((__u16)__builtin_bswap16((__u16)(x)))
#define ___constant_swab32(x)	((__u32)__builtin_bswap32((__u32)(x)))
#define ___constant_swab64(x)	((__u64)__builtin_bswap64((__u64)(x)))

/* Swap the 16-bit halves, and the bytes within each half. */
#define ___constant_swahw32(x) \
	((__u32)((((__u32)(x)) << 16) | (((__u32)(x)) >> 16)))
#define ___constant_swahb32(x) \
	((__u32)((((__u32)(x) & 0x00ff00ffUL) << 8) | (((__u32)(x) & 0xff00ff00UL) >> 8)))

#define __swab16(x)	___constant_swab16(x)
#define __swab32(x)	___constant_swab32(x)
#define __swab64(x)	___constant_swab64(x)
#define __swahw32(x)	___constant_swahw32(x)
#define __swahb32(x)	___constant_swahb32(x)

static __always_inline unsigned long __swab(const unsigned long y)
{
	return __builtin_bswap64(y);
}

static __always_inline __u16 __swab16p(const __u16 *p)
{
	return __swab16(*p);
}

static __always_inline __u32 __swab32p(const __u32 *p)
{
	return __swab32(*p);
}

static __always_inline __u64 __swab64p(const __u64 *p)
{
	return __swab64(*p);
}

static __always_inline __u32 __swahw32p(const __u32 *p)
{
	return __swahw32(*p);
}

static __always_inline __u32 __swahb32p(const __u32 *p)
{
	return __swahb32(*p);
}

static __always_inline void __swab16s(__u16 *p)
{
	*p = __swab16p(p);
}

static __always_inline void __swab32s(__u32 *p)
{
	*p = __swab32p(p);
}

static __always_inline void __swab64s(__u64 *p)
{
	*p = __swab64p(p);
}

static __always_inline void __swahw32s(__u32 *p)
{
	*p = __swahw32p(p);
}

static __always_inline void __swahb32s(__u32 *p)
{
	*p = __swahb32p(p);
}

#define swab16		__swab16
#define swab32		__swab32
#define swab64		__swab64
#define swab		__swab
#define swahw32		__swahw32
#define swahb32		__swahb32
#define swab16p		__swab16p
#define swab32p		__swab32p
#define swab64p		__swab64p
#define swahw32p	__swahw32p
#define swahb32p	__swahb32p
#define swab16s		__swab16s
#define swab32s		__swab32s
#define swab64s		__swab64s
#define swahw32s	__swahw32s
#define swahb32s	__swahb32s

/* Swaps every 16-bit word of an array in place. */
static inline void swab16_array(u16 *buf, unsigned int words)
{
	while (words--) {
		swab16s(buf);
		buf++;
	}
}

static inline void swab32_array(u32 *buf, unsigned int words)
{
	while (words--) {
		swab32s(buf);
		buf++;
	}
}

static inline void swab64_array(u64 *buf, unsigned int words)
{
	while (words--) {
		swab64s(buf);
		buf++;
	}
}

#endif /* _LINUX_SWAB_H */
