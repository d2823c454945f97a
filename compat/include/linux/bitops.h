/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bit operations on unsigned long arrays (Documentation/atomic_bitops.txt):
 *  - set_bit/clear_bit/change_bit are atomic and unordered;
 *  - test_and_{set,clear,change}_bit are atomic and fully ordered;
 *  - test_and_set_bit_lock is an acquire, clear_bit_unlock a release;
 *  - the __ forms are plain read-modify-writes for callers that own the word.
 * Built on GCC atomic builtins; x86-64 is little-endian, so the *_le forms
 * (bit n of a byte array, as on-disk bitmaps are laid out) are the same bits.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/typecheck.h>
#include <linux/compiler.h>

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))

#define __kfs_bit_word(nr, addr)	((addr) + BIT_WORD(nr))

/* ------------------------------------------------------------- atomic ops */

static __always_inline void set_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(__kfs_bit_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__kfs_bit_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void change_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(__kfs_bit_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline bool test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(__kfs_bit_word(nr, addr), BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(__kfs_bit_word(nr, addr), ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_change_bit(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(__kfs_bit_word(nr, addr), BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

/* Bit locks: acquire on success, release on unlock. */
static __always_inline bool test_and_set_bit_lock(unsigned long nr,
						  volatile unsigned long *addr)
{
	return __atomic_fetch_or(__kfs_bit_word(nr, addr), BIT_MASK(nr),
				 __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}

static __always_inline void clear_bit_unlock(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__kfs_bit_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* Release-unlock by the only writer of the word: a plain store suffices. */
static __always_inline void __clear_bit_unlock(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long old = __atomic_load_n(__kfs_bit_word(nr, addr), __ATOMIC_RELAXED);

	__atomic_store_n(__kfs_bit_word(nr, addr), old & ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* Clears bit nr (< 7) with release and says whether bit 7 of the byte is set. */
static __always_inline bool clear_bit_unlock_is_negative_byte(unsigned long nr,
							      volatile unsigned long *addr)
{
	unsigned long old = __atomic_fetch_and(addr, ~BIT_MASK(nr), __ATOMIC_RELEASE);

	return old & BIT(7);
}

static __always_inline bool test_bit(unsigned long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(__kfs_bit_word(nr, addr), __ATOMIC_RELAXED) >>
		(nr % BITS_PER_LONG)) & 1UL;
}

static __always_inline bool test_bit_acquire(unsigned long nr,
					     const volatile unsigned long *addr)
{
	return (__atomic_load_n(__kfs_bit_word(nr, addr), __ATOMIC_ACQUIRE) >>
		(nr % BITS_PER_LONG)) & 1UL;
}

/* ---------------------------------------------------------- non-atomic ops */

static __always_inline void __set_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__kfs_bit_word(nr, addr) |= BIT_MASK(nr);
}

static __always_inline void __clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__kfs_bit_word(nr, addr) &= ~BIT_MASK(nr);
}

static __always_inline void __change_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__kfs_bit_word(nr, addr) ^= BIT_MASK(nr);
}

static __always_inline bool __test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long old = *__kfs_bit_word(nr, addr);

	*__kfs_bit_word(nr, addr) = old | BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static __always_inline bool __test_and_clear_bit(unsigned long nr,
						 volatile unsigned long *addr)
{
	unsigned long old = *__kfs_bit_word(nr, addr);

	*__kfs_bit_word(nr, addr) = old & ~BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static __always_inline bool __test_and_change_bit(unsigned long nr,
						  volatile unsigned long *addr)
{
	unsigned long old = *__kfs_bit_word(nr, addr);

	*__kfs_bit_word(nr, addr) = old ^ BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static __always_inline void assign_bit(unsigned long nr, volatile unsigned long *addr,
				       bool value)
{
	if (value)
		set_bit(nr, addr);
	else
		clear_bit(nr, addr);
}

static __always_inline void __assign_bit(unsigned long nr, volatile unsigned long *addr,
					 bool value)
{
	if (value)
		__set_bit(nr, addr);
	else
		__clear_bit(nr, addr);
}

/* ------------------------------------------------- little-endian bitmaps */

static inline int test_bit_le(int nr, const void *addr)
{
	return test_bit(nr, addr);
}

static inline void set_bit_le(int nr, void *addr)
{
	set_bit(nr, addr);
}

static inline void clear_bit_le(int nr, void *addr)
{
	clear_bit(nr, addr);
}

static inline void __set_bit_le(int nr, void *addr)
{
	__set_bit(nr, addr);
}

static inline void __clear_bit_le(int nr, void *addr)
{
	__clear_bit(nr, addr);
}

static inline int test_and_set_bit_le(int nr, void *addr)
{
	return test_and_set_bit(nr, addr);
}

static inline int test_and_clear_bit_le(int nr, void *addr)
{
	return test_and_clear_bit(nr, addr);
}

static inline int __test_and_set_bit_le(int nr, void *addr)
{
	return __test_and_set_bit(nr, addr);
}

static inline int __test_and_clear_bit_le(int nr, void *addr)
{
	return __test_and_clear_bit(nr, addr);
}

/*
 * ext2-style allocation bitmaps changed under a per-group lock by some and
 * atomically by others: the atomic bit operation suffices, the lock
 * argument is unused (as on every architecture with atomic bitops) (K).
 */
#define ext2_set_bit_atomic(lock, nr, addr)	test_and_set_bit_le(nr, addr)
#define ext2_clear_bit_atomic(lock, nr, addr)	test_and_clear_bit_le(nr, addr)

/* ----------------------------------------------------------- bit searches */

/* 1-based index of the least significant set bit; 0 for x == 0. */
static __always_inline int ffs(int x)
{
	return __builtin_ffs(x);
}

/* 1-based index of the most significant set bit; 0 for x == 0. */
static __always_inline int fls(unsigned int x)
{
	return x ? (int)(sizeof(x) * 8) - __builtin_clz(x) : 0;
}

/* 0-based index of the lowest set bit; word must not be 0. */
static __always_inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* 0-based index of the highest set bit; word must not be 0. */
static __always_inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

/* 0-based index of the lowest clear bit; word must not be ~0UL. */
#define ffz(x)	__ffs(~(x))

static __always_inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static __always_inline unsigned long __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

static __always_inline unsigned int fls_long(unsigned long l)
{
	return fls64(l);
}

/* Index of the n-th (0-based) set bit of word, or BITS_PER_LONG. */
static inline unsigned long fns(unsigned long word, unsigned int n)
{
	while (word) {
		unsigned long bit = __ffs(word);

		if (n-- == 0)
			return bit;
		word &= word - 1;
	}
	return BITS_PER_LONG;
}

/* Order of the power of two >= count (get_count_order(5) == 3); -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

/* ------------------------------------------------------------ popcounts */

unsigned int __sw_hweight8(unsigned int w);
unsigned int __sw_hweight16(unsigned int w);
unsigned int __sw_hweight32(unsigned int w);
unsigned long __sw_hweight64(__u64 w);

#define hweight8(w)	((unsigned int)__builtin_popcount((u8)(w)))
#define hweight16(w)	((unsigned int)__builtin_popcount((u16)(w)))
#define hweight32(w)	((unsigned int)__builtin_popcount((u32)(w)))
#define hweight64(w)	((unsigned int)__builtin_popcountll((u64)(w)))

static inline unsigned long hweight_long(unsigned long w)
{
	return __builtin_popcountl(w);
}

/* ------------------------------------------------------------ rotations */

static inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline u64 ror64(u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline u16 rol16(u16 word, unsigned int shift)
{
	return (u16)((word << (shift & 15)) | (word >> ((-shift) & 15)));
}

static inline u16 ror16(u16 word, unsigned int shift)
{
	return (u16)((word >> (shift & 15)) | (word << ((-shift) & 15)));
}

static inline u8 rol8(u8 word, unsigned int shift)
{
	return (u8)((word << (shift & 7)) | (word >> ((-shift) & 7)));
}

static inline u8 ror8(u8 word, unsigned int shift)
{
	return (u8)((word >> (shift & 7)) | (word << ((-shift) & 7)));
}

/* Sign-extends value whose sign bit is bit `index`. */
static __always_inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

static __always_inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = 63 - index;

	return (s64)(value << shift) >> shift;
}



#include <linux/find.h>

#endif /* _LINUX_BITOPS_H */
