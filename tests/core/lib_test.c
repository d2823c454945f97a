/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat's core library where the kernel has no KUnit suite: string
 * helpers, kstrto*, bitmaps and bit searches, byte order and unaligned
 * access, math helpers, CRCs against their published check values, and the
 * order in which initcalls run.  KUnit cases run under cmocka.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/crc16.h>
#include <linux/crc32.h>
#include <linux/crc32c.h>
#include <linux/crc-itu-t.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "../../compat/api/kfs_api.h"

static void strings(struct kunit *test)
{
	char buf[8], s[32];
	static const char * const words[] = { "ro", "rw", NULL, "x" };

	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc", sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abcdefgh", sizeof(buf)), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "abcdefg");
	KUNIT_EXPECT_EQ(test, strscpy(buf, "x", 0), -E2BIG);
	memset(buf, 'z', sizeof(buf));
	KUNIT_EXPECT_EQ(test, strscpy_pad(buf, "ab", sizeof(buf)), 2);
	KUNIT_EXPECT_TRUE(test, memchr_inv(buf + 2, 0, sizeof(buf) - 2) == NULL);
	KUNIT_EXPECT_EQ(test, strlcpy(buf, "0123456789", sizeof(buf)), 10UL);
	KUNIT_EXPECT_STREQ(test, buf, "0123456");

	strscpy(s, "  \tpadded text \n", sizeof(s));
	KUNIT_EXPECT_STREQ(test, strim(s), "padded text");
	KUNIT_EXPECT_STREQ(test, skip_spaces("  x "), "x ");
	KUNIT_EXPECT_PTR_EQ(test, memscan(s, 'Q', 5), (void *)(s + 5));
	KUNIT_EXPECT_EQ(test, *(char *)memchr_inv("aaab", 'a', 4), 'b');
	KUNIT_EXPECT_NULL(test, memchr_inv("aaaa", 'a', 4));
	KUNIT_EXPECT_TRUE(test, sysfs_streq("on\n", "on"));
	KUNIT_EXPECT_FALSE(test, sysfs_streq("on", "off"));
	KUNIT_EXPECT_EQ(test, match_string(words, ARRAY_SIZE(words), "rw"), 1);
	KUNIT_EXPECT_EQ(test, match_string(words, ARRAY_SIZE(words), "x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, str_has_prefix("errors=remount-ro", "errors="), 7UL);
	KUNIT_EXPECT_STREQ(test, strnstr("hello world", "wor", 11), "world");
	KUNIT_EXPECT_NULL(test, strnstr("hello world", "wor", 8));
	KUNIT_EXPECT_TRUE(test, isdigit('7') && !isdigit('a') && isxdigit('F') && isspace('\t'));
	KUNIT_EXPECT_EQ(test, tolower('Q'), 'q');
}

static void numbers_from_strings(struct kunit *test)
{
	unsigned long long ull;
	unsigned int u;
	bool b;
	int i;
	char *end;
	u8 bin[3];

	KUNIT_EXPECT_EQ(test, kstrtouint("0x10", 0, &u), 0);
	KUNIT_EXPECT_EQ(test, u, 16U);
	KUNIT_EXPECT_EQ(test, kstrtoint("-12\n", 10, &i), 0);
	KUNIT_EXPECT_EQ(test, i, -12);
	KUNIT_EXPECT_EQ(test, kstrtoint("12x", 10, &i), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtouint("4294967296", 10, &u), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoull("0777", 0, &ull), 0);
	KUNIT_EXPECT_EQ(test, ull, 0777ULL);
	KUNIT_EXPECT_EQ(test, kstrtobool("on", &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("N", &b), 0);
	KUNIT_EXPECT_FALSE(test, b);
	KUNIT_EXPECT_EQ(test, simple_strtoul("123abc", &end, 10), 123UL);
	KUNIT_EXPECT_STREQ(test, end, "abc");
	KUNIT_EXPECT_EQ(test, simple_strtol("-0x1f", NULL, 0), -31L);
	KUNIT_EXPECT_EQ(test, memparse("4k", &end), 4096ULL);
	KUNIT_EXPECT_EQ(test, memparse("2M", NULL), 2ULL << 20);
	KUNIT_EXPECT_EQ(test, hex2bin(bin, "01fFa0", 3), 0);
	KUNIT_EXPECT_EQ(test, bin[1], 0xff);
	KUNIT_EXPECT_EQ(test, hex2bin(bin, "0g", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, hex_to_bin('c'), 12);
}

static void bits_and_bitmaps(struct kunit *test)
{
	DECLARE_BITMAP(map, 200);
	unsigned long word = 0;
	u8 disk[16] = { 0 };
	unsigned int bit, n = 0;

	bitmap_zero(map, 200);
	bitmap_set(map, 3, 70);
	KUNIT_EXPECT_EQ(test, bitmap_weight(map, 200), 70U);
	KUNIT_EXPECT_EQ(test, find_first_bit(map, 200), 3UL);
	KUNIT_EXPECT_EQ(test, find_next_zero_bit(map, 200, 3), 73UL);
	bitmap_clear(map, 10, 5);
	KUNIT_EXPECT_EQ(test, find_next_zero_bit(map, 200, 3), 10UL);
	KUNIT_EXPECT_EQ(test, find_next_bit(map, 200, 10), 15UL);
	KUNIT_EXPECT_EQ(test, find_last_bit(map, 200), 72UL);
	KUNIT_EXPECT_EQ(test, bitmap_find_next_zero_area(map, 200, 0, 5, 0), 10UL);
	/* Aligned to 8: 73 is busy-free but unaligned, 80 is the first fit. */
	KUNIT_EXPECT_EQ(test, bitmap_find_next_zero_area(map, 200, 0, 6, 7), 80UL);
	for_each_set_bit(bit, map, 20)
		n++;
	KUNIT_EXPECT_EQ(test, n, 7U + 5U);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(map, 3));
	KUNIT_EXPECT_FALSE(test, bitmap_full(map, 200));

	KUNIT_EXPECT_FALSE(test, test_and_set_bit(5, &word));
	KUNIT_EXPECT_TRUE(test, test_and_set_bit(5, &word));
	KUNIT_EXPECT_TRUE(test, test_and_clear_bit(5, &word));
	KUNIT_EXPECT_EQ(test, word, 0UL);
	__set_bit(63, &word);
	KUNIT_EXPECT_TRUE(test, test_bit(63, &word));
	change_bit(0, &word);
	KUNIT_EXPECT_EQ(test, word, BIT(63) | 1UL);

	/* On-disk little-endian bitmaps: bit n is bit n%8 of byte n/8. */
	KUNIT_EXPECT_EQ(test, __test_and_set_bit_le(9, disk), 0);
	KUNIT_EXPECT_EQ(test, disk[1], 0x02);
	KUNIT_EXPECT_TRUE(test, test_bit_le(9, disk));
	KUNIT_EXPECT_EQ(test, find_next_zero_bit_le(disk, 128, 9), 10UL);
	memset(disk, 0xff, 5);
	KUNIT_EXPECT_EQ(test, find_first_zero_bit_le(disk, 128), 40UL);

	KUNIT_EXPECT_EQ(test, ffs(0), 0);
	KUNIT_EXPECT_EQ(test, ffs(0x18), 4);
	KUNIT_EXPECT_EQ(test, fls(0), 0);
	KUNIT_EXPECT_EQ(test, fls(0x80000000U), 32);
	KUNIT_EXPECT_EQ(test, __ffs(0x100UL), 8UL);
	KUNIT_EXPECT_EQ(test, __fls(0x100UL), 8UL);
	KUNIT_EXPECT_EQ(test, ffz(0xffUL), 8UL);
	KUNIT_EXPECT_EQ(test, fls64(1ULL << 40), 41);
	KUNIT_EXPECT_EQ(test, hweight32(0xf0f0), 8U);
	KUNIT_EXPECT_EQ(test, hweight64(~0ULL), 64U);
	KUNIT_EXPECT_EQ(test, ilog2(1024), 10);
	KUNIT_EXPECT_EQ(test, ilog2((u64)word), 63);
	KUNIT_EXPECT_EQ(test, roundup_pow_of_two(1000), 1024UL);
	KUNIT_EXPECT_EQ(test, rounddown_pow_of_two(1000), 512UL);
	KUNIT_EXPECT_EQ(test, order_base_2(4097), 13);
	KUNIT_EXPECT_TRUE(test, is_power_of_2(4096) && !is_power_of_2(0));
	KUNIT_EXPECT_EQ(test, GENMASK(7, 4), 0xf0UL);
	KUNIT_EXPECT_EQ(test, GENMASK_ULL(63, 62), 0xc000000000000000ULL);
	KUNIT_EXPECT_EQ(test, rol32(0x80000001, 1), 3U);
	KUNIT_EXPECT_EQ(test, sign_extend32(0x80, 7), -128);
}

static void byte_order_and_math(struct kunit *test)
{
	u8 raw[8] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
	__le32 le = cpu_to_le32(0x11223344);
	u64 v = 1000000007ULL;
	u32 rem;

	KUNIT_EXPECT_EQ(test, get_unaligned_le32(raw + 1), 0x9a785634U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(raw + 3), 0x789aU);
	KUNIT_EXPECT_EQ(test, get_unaligned_be24(raw), 0x123456U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(raw), 0xf0debc9a78563412ULL);
	put_unaligned_be32(0xdeadbeef, raw + 3);
	KUNIT_EXPECT_EQ(test, raw[3], 0xde);
	KUNIT_EXPECT_EQ(test, raw[6], 0xef);
	le32_add_cpu(&le, 0x10);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(le), 0x11223354U);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(cpu_to_be16(0x1234)), 0x1234);
	KUNIT_EXPECT_EQ(test, swab32(0x11223344), 0x44332211U);
	KUNIT_EXPECT_EQ(test, swab16(0xabcd), 0xcdab);

	rem = do_div(v, 1000);
	KUNIT_EXPECT_EQ(test, v, 1000000ULL);
	KUNIT_EXPECT_EQ(test, rem, 7U);
	KUNIT_EXPECT_EQ(test, div_u64_rem(10, 4, &rem), 2ULL);
	KUNIT_EXPECT_EQ(test, rem, 2U);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_UP(10, 4), 3);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(10, 4), 3);
	KUNIT_EXPECT_EQ(test, DIV_ROUND_CLOSEST(-10, 4), -3);
	KUNIT_EXPECT_EQ(test, round_up(13, 8), 16);
	KUNIT_EXPECT_EQ(test, round_down(13, 8), 8);
	KUNIT_EXPECT_EQ(test, roundup(13, 5), 15);
	KUNIT_EXPECT_EQ(test, rounddown(13, 5), 10);
	KUNIT_EXPECT_EQ(test, ALIGN(4097, 4096), 8192);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(8192, 4096));
	KUNIT_EXPECT_EQ(test, min(3, 5), 3);
	KUNIT_EXPECT_EQ(test, max_t(u8, 300, 5), 44);
	KUNIT_EXPECT_EQ(test, clamp(17, 0, 10), 10);
	KUNIT_EXPECT_EQ(test, min_not_zero(0, 4), 4);
	KUNIT_EXPECT_EQ(test, abs(-5), 5);
	KUNIT_EXPECT_EQ(test, abs(-5LL), 5LL);
	KUNIT_EXPECT_EQ(test, upper_32_bits(0x123456789ULL), 1U);
	KUNIT_EXPECT_EQ(test, lower_32_bits(0x123456789ULL), 0x23456789U);
	KUNIT_EXPECT_EQ(test, int_sqrt(99), 9UL);
	KUNIT_EXPECT_EQ(test, int_sqrt(100), 10UL);
	KUNIT_EXPECT_EQ(test, int_pow(3, 5), 243ULL);
}

/* Check values of the catalogue of parametrised CRC algorithms ("123456789"). */
static void crcs(struct kunit *test)
{
	static const char check[] = "123456789";

	KUNIT_EXPECT_EQ(test, crc32_le(~0U, check, 9) ^ ~0U, 0xcbf43926U);	/* CRC-32 */
	KUNIT_EXPECT_EQ(test, crc32c(~0U, check, 9) ^ ~0U, 0xe3069283U);	/* CRC-32C */
	KUNIT_EXPECT_EQ(test, crc32_be(~0U, check, 9) ^ ~0U, 0xfc891918U);	/* CRC-32/BZIP2 */
	KUNIT_EXPECT_EQ(test, crc16(0, check, 9), 0xbb3d);			/* CRC-16/ARC */
	KUNIT_EXPECT_EQ(test, crc_itu_t(0, check, 9), 0x31c3);		/* CRC-16/XMODEM */
	/* Chaining: two halves give the whole. */
	KUNIT_EXPECT_EQ(test, crc32c(crc32c(~0U, check, 4), check + 4, 5), crc32c(~0U, check, 9));
}

struct item {
	int v;
	struct llist_node node;
};

static void lockless_lists(struct kunit *test)
{
	struct item items[4] = { { .v = 1 }, { .v = 2 }, { .v = 3 }, { .v = 4 } };
	LLIST_HEAD(head);
	struct llist_node *all;
	struct item *pos, *n;
	int i, sum = 0, order[4], k = 0;

	KUNIT_EXPECT_TRUE(test, llist_empty(&head));
	KUNIT_EXPECT_TRUE(test, llist_add(&items[0].node, &head));
	for (i = 1; i < 4; i++)
		KUNIT_EXPECT_FALSE(test, llist_add(&items[i].node, &head));
	KUNIT_EXPECT_PTR_EQ(test, llist_del_first(&head), &items[3].node);
	all = llist_del_all(&head);
	KUNIT_EXPECT_TRUE(test, llist_empty(&head));
	/* Newest first; reversed, insertion order. */
	all = llist_reverse_order(all);
	llist_for_each_entry_safe(pos, n, all, node) {
		order[k++] = pos->v;
		sum += pos->v;
	}
	KUNIT_ASSERT_EQ(test, k, 3);
	KUNIT_EXPECT_EQ(test, order[0], 1);
	KUNIT_EXPECT_EQ(test, order[2], 3);
	KUNIT_EXPECT_EQ(test, sum, 6);
	init_llist_node(&items[3].node);
	KUNIT_EXPECT_FALSE(test, llist_on_list(&items[3].node));
}

/* ---------------------------------------------------------- initcalls */

static const char *ran[16];
static int nran;

static void note(const char *what)
{
	if (nran < (int)ARRAY_SIZE(ran))
		ran[nran] = what;
	nran++;
}

static int __init late_one(void) { note("late"); return 0; }
static int __init device_one(void) { note("device"); return 0; }
static int __init device_two(void) { note("device2"); return 0; }
static int __init fs_one(void) { note("fs"); return 0; }
static int __init core_one(void) { note("core"); return 0; }
static int __init subsys_one(void) { note("subsys"); return 0; }

/*
 * Declared out of order on purpose: the level decides.  Within a level the
 * order is the link order of the object files; inside one file it is up to
 * the compiler (as in the kernel), so device/device2 may come either way.
 */
late_initcall(late_one);
module_init(device_one);
fs_initcall(fs_one);
core_initcall(core_one);
module_init(device_two);
subsys_initcall(subsys_one);

static void initcall_order(struct kunit *test)
{
	static const char * const expect[] = {
		"core", "subsys", "fs", "device", "device2", "late",
	};
	int i;

	/* The runner called kfs_init() before the first suite. */
	KUNIT_ASSERT_EQ(test, nran, (int)ARRAY_SIZE(expect));
	if (!strcmp(ran[3], "device2"))
		swap(ran[3], ran[4]);
	for (i = 0; i < nran; i++)
		KUNIT_EXPECT_STREQ(test, ran[i], expect[i]);
	/* Once only. */
	KUNIT_EXPECT_EQ(test, kfs_init(), 0);
	KUNIT_EXPECT_EQ(test, nran, (int)ARRAY_SIZE(expect));
}

static struct kunit_case lib_cases[] = {
	KUNIT_CASE(strings),
	KUNIT_CASE(numbers_from_strings),
	KUNIT_CASE(bits_and_bitmaps),
	KUNIT_CASE(byte_order_and_math),
	KUNIT_CASE(crcs),
	KUNIT_CASE(lockless_lists),
	KUNIT_CASE(initcall_order),
	{}
};

static struct kunit_suite lib_suite = {
	.name = "kfs-core-lib",
	.test_cases = lib_cases,
};

kunit_test_suite(lib_suite);
