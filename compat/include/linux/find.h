/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Searching bitmaps.  Each search returns the index found, or `size` when
 * there is none.  Bitmaps that fit in one word with a constant size are
 * searched inline; the rest calls the kernel's lib/find_bit.c (compiled
 * unmodified from the tree), whose out-of-line names (_find_next_bit, ...)
 * are declared here.
 */
#ifndef __LINUX_FIND_H_
#define __LINUX_FIND_H_

#include <linux/bitops.h>

unsigned long _find_next_bit(const unsigned long *addr, unsigned long nbits,
			     unsigned long start);
unsigned long _find_next_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				 unsigned long nbits, unsigned long start);
unsigned long _find_next_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				    unsigned long nbits, unsigned long start);
unsigned long _find_next_zero_bit(const unsigned long *addr, unsigned long nbits,
				  unsigned long start);
unsigned long _find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long __find_nth_bit(const unsigned long *addr, unsigned long size, unsigned long n);
unsigned long __find_nth_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				 unsigned long size, unsigned long n);
unsigned long __find_nth_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				    unsigned long size, unsigned long n);
unsigned long _find_first_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				  unsigned long size);
unsigned long _find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long _find_last_bit(const unsigned long *addr, unsigned long size);

/* Set bits from `start` up in the word, for the single-word fast paths. */
#define __kfs_word_from(start)	(~0UL << ((start) & (BITS_PER_LONG - 1)))
#define __kfs_word_upto(nbits)	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))
#define small_const_nbits(nbits) \
	(__builtin_constant_p(nbits) && (nbits) <= BITS_PER_LONG && (nbits) > 0)

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	if (small_const_nbits(size)) {
		unsigned long val;

		if (unlikely(offset >= size))
			return size;
		val = *addr & __kfs_word_from(offset) & __kfs_word_upto(size);
		return val ? __ffs(val) : size;
	}
	return _find_next_bit(addr, size, offset);
}

static inline unsigned long find_next_and_bit(const unsigned long *addr1,
					      const unsigned long *addr2,
					      unsigned long size, unsigned long offset)
{
	if (small_const_nbits(size)) {
		unsigned long val;

		if (unlikely(offset >= size))
			return size;
		val = *addr1 & *addr2 & __kfs_word_from(offset) & __kfs_word_upto(size);
		return val ? __ffs(val) : size;
	}
	return _find_next_and_bit(addr1, addr2, size, offset);
}

static inline unsigned long find_next_andnot_bit(const unsigned long *addr1,
						 const unsigned long *addr2,
						 unsigned long size, unsigned long offset)
{
	if (small_const_nbits(size)) {
		unsigned long val;

		if (unlikely(offset >= size))
			return size;
		val = *addr1 & ~*addr2 & __kfs_word_from(offset) & __kfs_word_upto(size);
		return val ? __ffs(val) : size;
	}
	return _find_next_andnot_bit(addr1, addr2, size, offset);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	if (small_const_nbits(size)) {
		unsigned long val;

		if (unlikely(offset >= size))
			return size;
		val = *addr | ~__kfs_word_from(offset) | ~__kfs_word_upto(size);
		return val == ~0UL ? size : ffz(val);
	}
	return _find_next_zero_bit(addr, size, offset);
}

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	if (small_const_nbits(size)) {
		unsigned long val = *addr & __kfs_word_upto(size);

		return val ? __ffs(val) : size;
	}
	return _find_first_bit(addr, size);
}

/* Index of the n-th (0-based) set bit, or size. */
static inline unsigned long find_nth_bit(const unsigned long *addr, unsigned long size,
					 unsigned long n)
{
	if (n >= size)
		return size;
	if (small_const_nbits(size)) {
		unsigned long val = *addr & __kfs_word_upto(size);

		return val ? fns(val, n) : size;
	}
	return __find_nth_bit(addr, size, n);
}

static inline unsigned long find_first_and_bit(const unsigned long *addr1,
					       const unsigned long *addr2,
					       unsigned long size)
{
	if (small_const_nbits(size)) {
		unsigned long val = *addr1 & *addr2 & __kfs_word_upto(size);

		return val ? __ffs(val) : size;
	}
	return _find_first_and_bit(addr1, addr2, size);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	if (small_const_nbits(size)) {
		unsigned long val = *addr | ~__kfs_word_upto(size);

		return val == ~0UL ? size : ffz(val);
	}
	return _find_first_zero_bit(addr, size);
}

static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	if (small_const_nbits(size)) {
		unsigned long val = *addr & __kfs_word_upto(size);

		return val ? __fls(val) : size;
	}
	return _find_last_bit(addr, size);
}

unsigned long find_next_clump8(unsigned long *clump, const unsigned long *addr,
			       unsigned long size, unsigned long offset);

static inline unsigned long find_first_clump8(unsigned long *clump,
					      const unsigned long *addr,
					      unsigned long size)
{
	return find_next_clump8(clump, addr, size, 0);
}

/* Little-endian bitmaps are native bitmaps on this machine. */
static inline unsigned long find_next_zero_bit_le(const void *addr, unsigned long size,
						  unsigned long offset)
{
	return find_next_zero_bit(addr, size, offset);
}

static inline unsigned long find_next_bit_le(const void *addr, unsigned long size,
					     unsigned long offset)
{
	return find_next_bit(addr, size, offset);
}

static inline unsigned long find_first_zero_bit_le(const void *addr, unsigned long size)
{
	return find_first_zero_bit(addr, size);
}

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_set_bit_from(bit, addr, size) \
	for (; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = 0;							\
	     (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)

#define for_each_clear_bit_from(bit, addr, size) \
	for (; (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

/* Each run [b, e) of set bits. */
#define for_each_set_bitrange(b, e, addr, size)				\
	for ((b) = 0;							\
	     (b) = find_next_bit((addr), (size), b),			\
	     (e) = find_next_zero_bit((addr), (size), (b) + 1),		\
	     (b) < (size);						\
	     (b) = (e) + 1)

#define for_each_set_clump8(start, clump, bits, size) \
	for ((start) = find_first_clump8(&(clump), (bits), (size)); \
	     (start) < (size); \
	     (start) = find_next_clump8(&(clump), (bits), (size), (start) + 8))

#endif /* __LINUX_FIND_H_ */
