/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fast hashing of integers and pointers into `bits` bits: multiply by a
 * constant close to 2^w/phi (Knuth's multiplicative hashing, TAOCP 6.4) and
 * keep the top bits, which depend on every input bit.  lib/test_hash.c
 * checks that the results stay within `bits` and cover all of them.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <asm/types.h>
#include <linux/compiler.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
#define GOLDEN_RATIO_PRIME GOLDEN_RATIO_64

#define hash_long(val, bits) hash_64(val, bits)

/* The generic forms are the only forms (no architecture override). */
static inline u32 __hash_32_generic(u32 val)
{
	return val * GOLDEN_RATIO_32;
}
#define __hash_32 __hash_32_generic

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

static __always_inline u32 hash_64_generic(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}
#define hash_64 hash_64_generic

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* 32 bits of a pointer for a hash table of its own choosing. */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	return (u32)(val ^ (val >> 32));
}

#endif /* _LINUX_HASH_H */
