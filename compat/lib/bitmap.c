/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The out-of-line bitmap operations of <linux/bitmap.h>.  (The kernel's
 * lib/bitmap.c also parses and prints bitmaps for sysfs and drags in the
 * memory-management and uaccess headers for that; kfs needs only these.)
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/slab.h>

/* Number of whole words, and the mask of the valid bits of a partial last one. */
#define FULL_WORDS(nbits)	((nbits) / BITS_PER_LONG)
#define TAIL_MASK(nbits)	BITMAP_LAST_WORD_MASK(nbits)

void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	unsigned int end = start + len;
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (len > 0) {
		unsigned int word_end = (start | (BITS_PER_LONG - 1)) + 1;

		if (end < word_end)
			mask &= BITMAP_LAST_WORD_MASK(end);
		*p++ |= mask;
		len -= word_end - start;
		start = word_end;
		mask = ~0UL;
	}
}

void __bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	unsigned int end = start + len;
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (len > 0) {
		unsigned int word_end = (start | (BITS_PER_LONG - 1)) + 1;

		if (end < word_end)
			mask &= BITMAP_LAST_WORD_MASK(end);
		*p++ &= ~mask;
		len -= word_end - start;
		start = word_end;
		mask = ~0UL;
	}
}

unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int i, weight = 0;

	for (i = 0; i < FULL_WORDS(nbits); i++)
		weight += hweight_long(bitmap[i]);
	if (nbits % BITS_PER_LONG)
		weight += hweight_long(bitmap[i] & TAIL_MASK(nbits));
	return weight;
}

bool __bitmap_equal(const unsigned long *b1, const unsigned long *b2, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < FULL_WORDS(nbits); i++) {
		if (b1[i] != b2[i])
			return false;
	}
	return !(nbits % BITS_PER_LONG) || !((b1[i] ^ b2[i]) & TAIL_MASK(nbits));
}

bool __bitmap_intersects(const unsigned long *b1, const unsigned long *b2,
			 unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < FULL_WORDS(nbits); i++) {
		if (b1[i] & b2[i])
			return true;
	}
	return (nbits % BITS_PER_LONG) && ((b1[i] & b2[i]) & TAIL_MASK(nbits));
}

bool __bitmap_subset(const unsigned long *b1, const unsigned long *b2, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < FULL_WORDS(nbits); i++) {
		if (b1[i] & ~b2[i])
			return false;
	}
	return !(nbits % BITS_PER_LONG) || !((b1[i] & ~b2[i]) & TAIL_MASK(nbits));
}

bool __bitmap_and(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		  unsigned int nbits)
{
	unsigned int i, words = BITS_TO_LONGS(nbits);
	unsigned long any = 0;

	for (i = 0; i < words; i++) {
		dst[i] = b1[i] & b2[i];
		any |= i + 1 == words && (nbits % BITS_PER_LONG) ?
			dst[i] & TAIL_MASK(nbits) : dst[i];
	}
	return any != 0;
}

void __bitmap_or(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		 unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = b1[i] | b2[i];
}

void __bitmap_xor(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		  unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = b1[i] ^ b2[i];
}

bool __bitmap_andnot(unsigned long *dst, const unsigned long *b1, const unsigned long *b2,
		     unsigned int nbits)
{
	unsigned int i, words = BITS_TO_LONGS(nbits);
	unsigned long any = 0;

	for (i = 0; i < words; i++) {
		dst[i] = b1[i] & ~b2[i];
		any |= i + 1 == words && (nbits % BITS_PER_LONG) ?
			dst[i] & TAIL_MASK(nbits) : dst[i];
	}
	return any != 0;
}

void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = ~src[i];
}

unsigned long bitmap_find_next_zero_area_off(unsigned long *map, unsigned long size,
					     unsigned long start, unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset)
{
	for (;;) {
		unsigned long index, end, busy;

		index = find_next_zero_bit(map, size, start);
		/* Round up so that index + align_offset is aligned. */
		index = ((index + align_offset + align_mask) & ~align_mask) - align_offset;
		end = index + nr;
		if (end > size)
			return end;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		start = busy + 1;
	}
}

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return bitmap_alloc(nbits, flags | __GFP_ZERO);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}

void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits)
{
	unsigned int i, halfwords = DIV_ROUND_UP(nbits, 32);

	for (i = 0; i < halfwords; i++) {
		if (i % 2)
			bitmap[i / 2] |= (unsigned long)buf[i] << 32;
		else
			bitmap[i / 2] = buf[i];
	}
	if (nbits % BITS_PER_LONG)
		bitmap[(halfwords - 1) / 2] &= BITMAP_LAST_WORD_MASK(nbits);
}

void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int i, halfwords = DIV_ROUND_UP(nbits, 32);

	for (i = 0; i < halfwords; i++)
		buf[i] = (u32)(i % 2 ? bitmap[i / 2] >> 32 : bitmap[i / 2]);
	if (nbits % 32)
		buf[halfwords - 1] &= (u32)(~0UL >> (32 - nbits % 32));
}
