/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bitmaps: arrays of unsigned long holding nbits bits (DECLARE_BITMAP).
 * Bits past nbits in the last word are "don't care" on input and are not
 * relied upon.  Inline forms handle bitmaps of one word with a constant
 * size; the rest is compat/lib/bitmap.c.
 */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/find.h>
#include <linux/limits.h>
#include <linux/string.h>

/* Mask of the bits at and above start in its word / of the valid bits of the last word. */
#define BITMAP_FIRST_WORD_MASK(start)	(~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits)	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

#define bitmap_size(nbits)	(BITS_TO_LONGS(nbits) * sizeof(unsigned long))

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags);
unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags);
void bitmap_free(const unsigned long *bitmap);

void __bitmap_set(unsigned long *map, unsigned int start, int len);
void __bitmap_clear(unsigned long *map, unsigned int start, int len);
unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits);
bool __bitmap_equal(const unsigned long *b1, const unsigned long *b2, unsigned int nbits);
bool __bitmap_intersects(const unsigned long *b1, const unsigned long *b2,
			 unsigned int nbits);
bool __bitmap_subset(const unsigned long *b1, const unsigned long *b2, unsigned int nbits);
bool __bitmap_and(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		  unsigned int nbits);
void __bitmap_or(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		 unsigned int nbits);
void __bitmap_xor(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		  unsigned int nbits);
bool __bitmap_andnot(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		     unsigned int nbits);
void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits);

/*
 * First index >= start of a run of nr clear bits, within size, whose
 * (index + align_offset) is a multiple of align_mask + 1; > size if none.
 */
unsigned long bitmap_find_next_zero_area_off(unsigned long *map, unsigned long size,
					     unsigned long start, unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset);

static inline unsigned long bitmap_find_next_zero_area(unsigned long *map,
						       unsigned long size,
						       unsigned long start,
						       unsigned int nr,
						       unsigned long align_mask)
{
	return bitmap_find_next_zero_area_off(map, size, start, nr, align_mask, 0);
}

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, bitmap_size(nbits));
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, bitmap_size(nbits));
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src,
			       unsigned int nbits)
{
	memcpy(dst, src, bitmap_size(nbits));
}

/* Copies and clears the bits past nbits in the last word. */
static inline void bitmap_copy_clear_tail(unsigned long *dst, const unsigned long *src,
					  unsigned int nbits)
{
	bitmap_copy(dst, src, nbits);
	if (nbits % BITS_PER_LONG)
		dst[nbits / BITS_PER_LONG] &= BITMAP_LAST_WORD_MASK(nbits);
}

static inline bool bitmap_and(unsigned long *dst, const unsigned long *b1,
			      const unsigned long *b2, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return (*dst = *b1 & *b2 & BITMAP_LAST_WORD_MASK(nbits)) != 0;
	return __bitmap_and(dst, b1, b2, nbits);
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *b1,
			     const unsigned long *b2, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		*dst = *b1 | *b2;
	else
		__bitmap_or(dst, b1, b2, nbits);
}

static inline void bitmap_xor(unsigned long *dst, const unsigned long *b1,
			      const unsigned long *b2, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		*dst = *b1 ^ *b2;
	else
		__bitmap_xor(dst, b1, b2, nbits);
}

static inline bool bitmap_andnot(unsigned long *dst, const unsigned long *b1,
				 const unsigned long *b2, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return (*dst = *b1 & ~(*b2) & BITMAP_LAST_WORD_MASK(nbits)) != 0;
	return __bitmap_andnot(dst, b1, b2, nbits);
}

static inline void bitmap_complement(unsigned long *dst, const unsigned long *src,
				     unsigned int nbits)
{
	if (small_const_nbits(nbits))
		*dst = ~(*src);
	else
		__bitmap_complement(dst, src, nbits);
}

static inline bool bitmap_equal(const unsigned long *b1, const unsigned long *b2,
				unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return !((*b1 ^ *b2) & BITMAP_LAST_WORD_MASK(nbits));
	return __bitmap_equal(b1, b2, nbits);
}

static inline bool bitmap_intersects(const unsigned long *b1, const unsigned long *b2,
				     unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return ((*b1 & *b2) & BITMAP_LAST_WORD_MASK(nbits)) != 0;
	return __bitmap_intersects(b1, b2, nbits);
}

static inline bool bitmap_subset(const unsigned long *b1, const unsigned long *b2,
				 unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return !((*b1 & ~(*b2)) & BITMAP_LAST_WORD_MASK(nbits));
	return __bitmap_subset(b1, b2, nbits);
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) == nbits;
}

static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return hweight_long(*src & BITMAP_LAST_WORD_MASK(nbits));
	return __bitmap_weight(src, nbits);
}

static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	if (nbits == 1)
		__set_bit(start, map);
	else
		__bitmap_set(map, start, nbits);
}

static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	if (nbits == 1)
		__clear_bit(start, map);
	else
		__bitmap_clear(map, start, nbits);
}

/* The 8 bits at start (a multiple of 8). */
static inline unsigned long bitmap_get_value8(const unsigned long *map, unsigned long start)
{
	const size_t index = BIT_WORD(start);
	const unsigned long offset = start % BITS_PER_LONG;

	return (map[index] >> offset) & 0xFF;
}

static inline void bitmap_set_value8(unsigned long *map, unsigned long value,
				     unsigned long start)
{
	const size_t index = BIT_WORD(start);
	const unsigned long offset = start % BITS_PER_LONG;

	map[index] &= ~(0xFFUL << offset);
	map[index] |= value << offset;
}

/* Fills a bitmap from / into an array of u32 (for on-disk or ABI layouts). */
void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits);
void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits);

#endif /* __LINUX_BITMAP_H */
