/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte order conversions for a little-endian CPU: the le forms are identity
 * conversions that only change the (sparse-only) type, the be forms swap.
 * cpu_to_le32 & co., their pointer (p) and in-place (s) forms, and the
 * add-to-a-little-endian-field helpers fs code uses on on-disk structures.
 */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

#include <linux/types.h>
#include <linux/swab.h>

#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#ifndef __LITTLE_ENDIAN_BITFIELD
#define __LITTLE_ENDIAN_BITFIELD
#endif

#define __constant_htonl(x)	((__force __be32)___constant_swab32(x))
#define __constant_ntohl(x)	___constant_swab32((__force __be32)(x))
#define __constant_htons(x)	((__force __be16)___constant_swab16(x))
#define __constant_ntohs(x)	___constant_swab16((__force __be16)(x))
#define __constant_cpu_to_le64(x)	((__force __le64)(__u64)(x))
#define __constant_le64_to_cpu(x)	((__force __u64)(__le64)(x))
#define __constant_cpu_to_le32(x)	((__force __le32)(__u32)(x))
#define __constant_le32_to_cpu(x)	((__force __u32)(__le32)(x))
#define __constant_cpu_to_le16(x)	((__force __le16)(__u16)(x))
#define __constant_le16_to_cpu(x)	((__force __u16)(__le16)(x))
#define __constant_cpu_to_be64(x)	((__force __be64)___constant_swab64(x))
#define __constant_be64_to_cpu(x)	___constant_swab64((__force __u64)(__be64)(x))
#define __constant_cpu_to_be32(x)	((__force __be32)___constant_swab32(x))
#define __constant_be32_to_cpu(x)	___constant_swab32((__force __u32)(__be32)(x))
#define __constant_cpu_to_be16(x)	((__force __be16)___constant_swab16(x))
#define __constant_be16_to_cpu(x)	___constant_swab16((__force __u16)(__be16)(x))

#define __cpu_to_le64(x)	((__force __le64)(__u64)(x))
#define __le64_to_cpu(x)	((__force __u64)(__le64)(x))
#define __cpu_to_le32(x)	((__force __le32)(__u32)(x))
#define __le32_to_cpu(x)	((__force __u32)(__le32)(x))
#define __cpu_to_le16(x)	((__force __le16)(__u16)(x))
#define __le16_to_cpu(x)	((__force __u16)(__le16)(x))
#define __cpu_to_be64(x)	((__force __be64)__swab64((x)))
#define __be64_to_cpu(x)	__swab64((__force __u64)(__be64)(x))
#define __cpu_to_be32(x)	((__force __be32)__swab32((x)))
#define __be32_to_cpu(x)	__swab32((__force __u32)(__be32)(x))
#define __cpu_to_be16(x)	((__force __be16)__swab16((x)))
#define __be16_to_cpu(x)	__swab16((__force __u16)(__be16)(x))

#define cpu_to_le64	__cpu_to_le64
#define le64_to_cpu	__le64_to_cpu
#define cpu_to_le32	__cpu_to_le32
#define le32_to_cpu	__le32_to_cpu
#define cpu_to_le16	__cpu_to_le16
#define le16_to_cpu	__le16_to_cpu
#define cpu_to_be64	__cpu_to_be64
#define be64_to_cpu	__be64_to_cpu
#define cpu_to_be32	__cpu_to_be32
#define be32_to_cpu	__be32_to_cpu
#define cpu_to_be16	__cpu_to_be16
#define be16_to_cpu	__be16_to_cpu

#define htonl(x)	___constant_swab32(x)
#define ntohl(x)	___constant_swab32(x)
#define htons(x)	___constant_swab16(x)
#define ntohs(x)	___constant_swab16(x)

/* Pointer forms (read through p) and in-place forms (convert *p). */
#define __KFS_BYTEORDER_P(to_cpu, from_cpu, cputype, etype)		\
	static __always_inline cputype to_cpu##p(const etype *p)	\
	{								\
		return to_cpu(*p);					\
	}								\
	static __always_inline etype from_cpu##p(const cputype *p)	\
	{								\
		return from_cpu(*p);					\
	}								\
	static __always_inline void to_cpu##s(etype *p)			\
	{								\
		*(cputype *)p = to_cpu(*p);				\
	}								\
	static __always_inline void from_cpu##s(cputype *p)		\
	{								\
		*(etype *)p = from_cpu(*p);				\
	}

__KFS_BYTEORDER_P(__le64_to_cpu, __cpu_to_le64, __u64, __le64)
__KFS_BYTEORDER_P(__le32_to_cpu, __cpu_to_le32, __u32, __le32)
__KFS_BYTEORDER_P(__le16_to_cpu, __cpu_to_le16, __u16, __le16)
__KFS_BYTEORDER_P(__be64_to_cpu, __cpu_to_be64, __u64, __be64)
__KFS_BYTEORDER_P(__be32_to_cpu, __cpu_to_be32, __u32, __be32)
__KFS_BYTEORDER_P(__be16_to_cpu, __cpu_to_be16, __u16, __be16)

#define cpu_to_le64p	__cpu_to_le64p
#define le64_to_cpup	__le64_to_cpup
#define cpu_to_le32p	__cpu_to_le32p
#define le32_to_cpup	__le32_to_cpup
#define cpu_to_le16p	__cpu_to_le16p
#define le16_to_cpup	__le16_to_cpup
#define cpu_to_be64p	__cpu_to_be64p
#define be64_to_cpup	__be64_to_cpup
#define cpu_to_be32p	__cpu_to_be32p
#define be32_to_cpup	__be32_to_cpup
#define cpu_to_be16p	__cpu_to_be16p
#define be16_to_cpup	__be16_to_cpup
#define cpu_to_le64s	__cpu_to_le64s
#define le64_to_cpus	__le64_to_cpus
#define cpu_to_le32s	__cpu_to_le32s
#define le32_to_cpus	__le32_to_cpus
#define cpu_to_le16s	__cpu_to_le16s
#define le16_to_cpus	__le16_to_cpus
#define cpu_to_be64s	__cpu_to_be64s
#define be64_to_cpus	__be64_to_cpus
#define cpu_to_be32s	__cpu_to_be32s
#define be32_to_cpus	__be32_to_cpus
#define cpu_to_be16s	__cpu_to_be16s
#define be16_to_cpus	__be16_to_cpus

/* *var += val, for a field kept in the given byte order. */
#define __KFS_ADD_CPU(bits, order)					\
	static inline void order##bits##_add_cpu(__##order##bits *var, u##bits val) \
	{								\
		*var = cpu_to_##order##bits(order##bits##_to_cpu(*var) + val); \
	}

__KFS_ADD_CPU(16, le)
__KFS_ADD_CPU(32, le)
__KFS_ADD_CPU(64, le)
__KFS_ADD_CPU(16, be)
__KFS_ADD_CPU(32, be)
__KFS_ADD_CPU(64, be)

static inline void cpu_to_be32_array(__be32 *dst, const u32 *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = cpu_to_be32(src[i]);
}

static inline void be32_to_cpu_array(u32 *dst, const __be32 *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = be32_to_cpu(src[i]);
}

static inline void le32_to_cpu_array(u32 *buf, unsigned int words)
{
	while (words--) {
		__le32_to_cpus(buf);
		buf++;
	}
}

static inline void cpu_to_le32_array(u32 *buf, unsigned int words)
{
	while (words--) {
		__cpu_to_le32s(buf);
		buf++;
	}
}

#endif /* _ASM_X86_BYTEORDER_H */
