/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register and on-disk bit fields described by a contiguous mask
 * (GENMASK(7, 4), BIT(3)...).
 *  - FIELD_PREP(mask, val): val shifted into the field; FIELD_GET(mask, reg)
 *    extracts it; FIELD_FIT says whether val fits; FIELD_MAX is its maximum.
 *    The mask must be a non-zero constant; constant values that do not fit
 *    are build errors.
 *  - {u8,u16,u32,u64,le16,le32,le64,be16,be32,be64}_{encode,get,replace}_bits
 *    and *p_replace_bits do the same on a value of that type and byte order.
 * lib/bitfield_kunit.c checks them.
 */
#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H

#include <linux/build_bug.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/byteorder.h>

/* Position of the lowest set bit of a mask. */
#define __bf_shf(x)	__builtin_ctzll(x)

#define __kfs_bf_check(mask, reg, val, name) ({					\
	BUILD_BUG_ON_MSG(!__builtin_constant_p(mask), name ": mask is not constant"); \
	BUILD_BUG_ON_MSG((mask) == 0, name ": mask is zero");			\
	BUILD_BUG_ON_MSG(__builtin_constant_p(val) ?				\
			 ~((mask) >> __bf_shf(mask)) & (val) : 0,		\
			 name ": value too large for the field");		\
	BUILD_BUG_ON_MSG((mask) > (typeof(reg))~0ull,				\
			 name ": type of reg too small for mask");		\
	BUILD_BUG_ON_MSG(((mask) + (1ULL << __bf_shf(mask))) &			\
			 (((mask) + (1ULL << __bf_shf(mask))) - 1),		\
			 name ": mask is not contiguous");			\
})

#define FIELD_MAX(mask) ({							\
	__kfs_bf_check(mask, 0ULL, 0ULL, "FIELD_MAX");				\
	(typeof(mask))((mask) >> __bf_shf(mask));				\
})

#define FIELD_FIT(mask, val) ({							\
	__kfs_bf_check(mask, 0ULL, 0ULL, "FIELD_FIT");				\
	!((((typeof(mask))(val)) << __bf_shf(mask)) & ~(mask));			\
})

#define FIELD_PREP(mask, val) ({						\
	__kfs_bf_check(mask, 0ULL, val, "FIELD_PREP");				\
	((typeof(mask))(val) << __bf_shf(mask)) & (mask);			\
})

#define FIELD_GET(mask, reg) ({							\
	__kfs_bf_check(mask, reg, 0U, "FIELD_GET");				\
	(typeof(mask))(((reg) & (mask)) >> __bf_shf(mask));			\
})

/* The lowest bit of a field, and the field shifted down to bit 0. */
static __always_inline u64 field_multiplier(u64 field)
{
	return field & -field;
}

static __always_inline u64 field_mask(u64 field)
{
	return field / field_multiplier(field);
}
#define field_max(field)	((typeof(field))field_mask(field))

#define __KFS_BITS_OPS(type, base, to_order, from_order)			\
static __always_inline __##type type##_encode_bits(base v, base field)		\
{										\
	return to_order((v & field_mask(field)) * field_multiplier(field));	\
}										\
static __always_inline __##type type##_replace_bits(__##type old, base val,	\
						    base field)		\
{										\
	return (old & ~to_order(field)) | type##_encode_bits(val, field);	\
}										\
static __always_inline void type##p_replace_bits(__##type *p, base val,	\
						 base field)		\
{										\
	*p = (*p & ~to_order(field)) | type##_encode_bits(val, field);		\
}										\
static __always_inline base type##_get_bits(__##type v, base field)		\
{										\
	return (from_order(v) & field) / field_multiplier(field);		\
}

#define __kfs_identity(x)	(x)

__KFS_BITS_OPS(u8, u8, __kfs_identity, __kfs_identity)
__KFS_BITS_OPS(u16, u16, __kfs_identity, __kfs_identity)
__KFS_BITS_OPS(u32, u32, __kfs_identity, __kfs_identity)
__KFS_BITS_OPS(u64, u64, __kfs_identity, __kfs_identity)
__KFS_BITS_OPS(le16, u16, cpu_to_le16, le16_to_cpu)
__KFS_BITS_OPS(le32, u32, cpu_to_le32, le32_to_cpu)
__KFS_BITS_OPS(le64, u64, cpu_to_le64, le64_to_cpu)
__KFS_BITS_OPS(be16, u16, cpu_to_be16, be16_to_cpu)
__KFS_BITS_OPS(be32, u32, cpu_to_be32, be32_to_cpu)
__KFS_BITS_OPS(be64, u64, cpu_to_be64, be64_to_cpu)

#endif /* _LINUX_BITFIELD_H */
