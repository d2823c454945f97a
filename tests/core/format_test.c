/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat's formatted output: vsnprintf with the kernel's %p extensions
 * (Documentation/core-api/printk-formats.rst), printk levels and the log
 * handler of kfs_api.h, ratelimiting, and seq_file output for ->show_options.
 * Written as KUnit cases, run under cmocka by tests/kunit/runner.c.
 */
#include <kunit/test.h>
#include <linux/blkdev.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "../../compat/api/kfs_api.h"

static char buf[256];

#define FMT(expect, fmt, ...) do {						\
		int __n = snprintf(buf, sizeof(buf), fmt, ##__VA_ARGS__);	\
		KUNIT_EXPECT_STREQ(test, buf, expect);				\
		KUNIT_EXPECT_EQ(test, __n, (int)strlen(expect));		\
	} while (0)

static void plain_conversions(struct kunit *test)
{
	FMT("42|-7|  42|42  |00042", "%d|%i|%4d|%-4d|%05d", 42, -7, 42, 42, 42);
	FMT("+5| 5|-5", "%+d|% d|%+d", 5, 5, -5);
	FMT("ff|FF|0xff|0XFF|017|0", "%x|%X|%#x|%#X|%#o|%x", 255, 255, 255, 255, 15, 0);
	FMT("18446744073709551615|-9223372036854775808", "%llu|%lld", ~0ULL, (long long)S64_MIN);
	FMT("4294967295|-1|65535|255|-1", "%u|%ld|%hu|%hhu|%hhd", ~0U, -1L, 0xffff, 0x1ff, 0xff);
	FMT("12|-3|7", "%zu|%zd|%td", (size_t)12, (ssize_t)-3, (ptrdiff_t)7);
	FMT("abc|  abc|abc  |ab|(null)", "%s|%5s|%-5s|%.2s|%s", "abc", "abc", "abc", "abc",
	    (char *)NULL);
	FMT("x|  y|%", "%c|%3c|%%", 'x', 'y');
	FMT("0007|   7", "%.4d|%4.1d", 7, 7);
	FMT("   -0042", "%8.4d", -42);
}

static void truncation(struct kunit *test)
{
	char small[6];

	/* The would-be length comes back; the buffer holds a NUL-terminated prefix. */
	KUNIT_EXPECT_EQ(test, snprintf(small, sizeof(small), "%s", "abcdefgh"), 8);
	KUNIT_EXPECT_STREQ(test, small, "abcde");
	KUNIT_EXPECT_EQ(test, scnprintf(small, sizeof(small), "%s", "abcdefgh"), 5);
	KUNIT_EXPECT_EQ(test, scnprintf(small, sizeof(small), "%d", 12), 2);
	KUNIT_EXPECT_EQ(test, scnprintf(small, 0, "%d", 12), 0);
	KUNIT_EXPECT_EQ(test, snprintf(NULL, 0, "%d-%s", 123, "xy"), 6);
	KUNIT_EXPECT_EQ(test, sprintf(buf, "%s/%u", "a", 1), 3);
	KUNIT_EXPECT_STREQ(test, buf, "a/1");
}

static void pointers(struct kunit *test)
{
	void *p = (void *)0x1234abcdUL;

	FMT("000000001234abcd", "%p", p);
	FMT("000000001234abcd", "%px", p);
	FMT("000000001234abcd", "%pK", p);
	/* Unknown extension letters are consumed and the pointer printed. */
	FMT("000000001234abcd!", "%pZ!", p);
}

static __printf(2, 3) int via_pV(char *out, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;
	int n;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	n = snprintf(out, sizeof(buf), "[%pV]", &vaf);
	va_end(args);
	return n;
}

static void nested_pV(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, via_pV(buf, "%s=%d", "x", 3), 5);
	KUNIT_EXPECT_STREQ(test, buf, "[x=3]");
}

static void hex_and_uuid(struct kunit *test)
{
	static const u8 bytes[] = { 0x01, 0xab, 0xff, 0x10 };
	static const u8 uuid[16] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
		0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
	};

	FMT("01", "%ph", bytes);
	FMT("01 ab ff 10", "%*ph", 4, bytes);
	FMT("01:ab:ff", "%*phC", 3, bytes);
	FMT("01-ab", "%*phD", 2, bytes);
	FMT("01abff10", "%*phN", 4, bytes);
	FMT("00112233-4455-6677-8899-aabbccddeeff", "%pU", uuid);
	FMT("00112233-4455-6677-8899-AABBCCDDEEFF", "%pUB", uuid);
	FMT("33221100-5544-7766-8899-aabbccddeeff", "%pUl", uuid);
	FMT("33221100-5544-7766-8899-AABBCCDDEEFF", "%pUL", uuid);
}

static void error_names_and_addresses(struct kunit *test)
{
	phys_addr_t pa = 0x1000;

	FMT("-ENOSPC", "%pe", ERR_PTR(-ENOSPC));
	FMT("-EUCLEAN", "%pe", ERR_PTR(-EUCLEAN));
	FMT("0x0000000000001000", "%pap", &pa);
	FMT("(null)", "%pd", (struct dentry *)NULL);
}

static void dentries_files_bdevs(struct kunit *test)
{
	struct dentry root = { .d_name = QSTR_INIT("/", 1) };
	struct dentry dir = { .d_name = QSTR_INIT("dir", 3) };
	struct dentry leaf = { .d_name = QSTR_INIT("file.txt", 8) };
	struct file file = { };
	struct gendisk loop = { .disk_name = "loop0" };
	struct gendisk sd = { .disk_name = "sda" };
	struct block_device part = { .bd_disk = &loop, .bd_partno = 2 };
	struct block_device part2 = { .bd_disk = &sd, .bd_partno = 1 };
	struct block_device whole = { .bd_disk = &sd };

	root.d_parent = &root;
	dir.d_parent = &root;
	leaf.d_parent = &dir;
	file.f_path.dentry = &leaf;

	FMT("file.txt", "%pd", &leaf);
	FMT("dir/file.txt", "%pd2", &leaf);
	FMT("/dir/file.txt", "%pd3", &leaf);
	FMT("/dir/file.txt", "%pd4", &leaf);
	FMT("/", "%pd", &root);
	FMT("/dir", "%pd2", &dir);
	FMT("dir/file.txt", "%pD2", &file);
	FMT("[  file.txt]", "[%10pd]", &leaf);
	FMT("loop0p2 sda1 sda", "%pg %pg %pg", &part, &part2, &whole);
}

/* ------------------------------------------------------------ printk */

#define MAX_LINES 16
static struct {
	int level[MAX_LINES];
	char text[MAX_LINES][128];
	int count;
} logged;

static void capture(void *ctx, int level, const char *line, size_t len)
{
	if (logged.count < MAX_LINES) {
		logged.level[logged.count] = level;
		snprintf(logged.text[logged.count], sizeof(logged.text[0]), "%.*s",
			 (int)len, line);
	}
	logged.count++;
}

static int printk_init(struct kunit *test)
{
	memset(&logged, 0, sizeof(logged));
	kfs_set_log_handler(capture, NULL);
	return 0;
}

static void printk_exit(struct kunit *test)
{
	kfs_set_log_handler(NULL, NULL);
}

static void printk_levels(struct kunit *test)
{
	pr_err("error %d\n", 1);
	pr_info("info\n");
	printk("no level\n");
	printk(KERN_DEFAULT "default\n");
	pr_debug("debug is compiled out without DEBUG\n");
	KUNIT_ASSERT_EQ(test, logged.count, 4);
	KUNIT_EXPECT_EQ(test, logged.level[0], 3);
	KUNIT_EXPECT_STREQ(test, logged.text[0], "error 1");
	KUNIT_EXPECT_EQ(test, logged.level[1], 6);
	KUNIT_EXPECT_EQ(test, logged.level[2], -1);
	KUNIT_EXPECT_STREQ(test, logged.text[2], "no level");
	KUNIT_EXPECT_EQ(test, logged.level[3], -1);
}

static void printk_lines(struct kunit *test)
{
	pr_warn("a");
	pr_cont("b");
	pr_cont("c\n");
	pr_notice("one\ntwo\n");
	pr_crit("unterminated");
	pr_alert("next\n");
	KUNIT_ASSERT_EQ(test, logged.count, 5);
	KUNIT_EXPECT_STREQ(test, logged.text[0], "abc");
	KUNIT_EXPECT_EQ(test, logged.level[0], 4);
	KUNIT_EXPECT_STREQ(test, logged.text[1], "one");
	KUNIT_EXPECT_STREQ(test, logged.text[2], "two");
	KUNIT_EXPECT_EQ(test, logged.level[2], 5);
	/* A new message flushes the unterminated one. */
	KUNIT_EXPECT_STREQ(test, logged.text[3], "unterminated");
	KUNIT_EXPECT_EQ(test, logged.level[3], 2);
	KUNIT_EXPECT_STREQ(test, logged.text[4], "next");
}

static void printk_once_and_ratelimit(struct kunit *test)
{
	int i;

	for (i = 0; i < 3; i++)
		pr_info_once("once %d\n", i);
	KUNIT_EXPECT_EQ(test, logged.count, 1);
	KUNIT_EXPECT_STREQ(test, logged.text[0], "once 0");

	/* DEFAULT_RATELIMIT_BURST per 5 s interval: a test never waits that long. */
	logged.count = 0;
	for (i = 0; i < 25; i++)
		pr_err_ratelimited("burst %d\n", i);
	KUNIT_EXPECT_EQ(test, logged.count, DEFAULT_RATELIMIT_BURST);
	KUNIT_EXPECT_STREQ(test, logged.text[9], "burst 9");
}

static void warn_counts(struct kunit *test)
{
	unsigned long before = kfs_warn_count();
	int hits = 0, i;

	KUNIT_EXPECT_TRUE(test, WARN_ON(1 + 1 == 2));
	KUNIT_EXPECT_FALSE(test, WARN_ON(0));
	logged.count = 0;
	for (i = 0; i < 3; i++)
		hits += WARN_ONCE(i >= 0, "warn once %d\n", i);
	KUNIT_EXPECT_EQ(test, hits, 3);
	KUNIT_EXPECT_EQ(test, kfs_warn_count() - before, 2UL);
	/* The handler saw the WARN's own message line. */
	for (i = 0; i < min(logged.count, MAX_LINES); i++) {
		if (!strcmp(logged.text[i], "warn once 0"))
			break;
	}
	KUNIT_EXPECT_LT(test, i, min(logged.count, MAX_LINES));
}

/* ------------------------------------------------------------ seq_file */

static void seq_output(struct kunit *test)
{
	char out[64];
	struct seq_file m = { .buf = out, .size = sizeof(out) };

	seq_puts(&m, "rw");
	seq_printf(&m, ",uid=%u", 1000);
	seq_show_option(&m, "name", "a,b c");
	seq_show_option(&m, "flag", NULL);
	seq_putc(&m, '!');
	KUNIT_EXPECT_FALSE(test, seq_has_overflowed(&m));
	KUNIT_EXPECT_EQ(test, m.count, strlen("rw,uid=1000,name=a\\054b\\040c,flag!"));
	out[m.count] = '\0';
	KUNIT_EXPECT_STREQ(test, out, "rw,uid=1000,name=a\\054b\\040c,flag!");
}

static void seq_overflow(struct kunit *test)
{
	char out[8];
	struct seq_file m = { .buf = out, .size = sizeof(out) };

	seq_puts(&m, "abc");
	KUNIT_EXPECT_FALSE(test, seq_has_overflowed(&m));
	seq_printf(&m, "%s", "defghijk");
	KUNIT_EXPECT_TRUE(test, seq_has_overflowed(&m));
	seq_puts(&m, "x");
	KUNIT_EXPECT_TRUE(test, seq_has_overflowed(&m));
}

static struct kunit_case format_cases[] = {
	KUNIT_CASE(plain_conversions),
	KUNIT_CASE(truncation),
	KUNIT_CASE(pointers),
	KUNIT_CASE(nested_pV),
	KUNIT_CASE(hex_and_uuid),
	KUNIT_CASE(error_names_and_addresses),
	KUNIT_CASE(dentries_files_bdevs),
	KUNIT_CASE(seq_output),
	KUNIT_CASE(seq_overflow),
	{}
};

static struct kunit_case printk_cases[] = {
	KUNIT_CASE(printk_levels),
	KUNIT_CASE(printk_lines),
	KUNIT_CASE(printk_once_and_ratelimit),
	KUNIT_CASE(warn_counts),
	{}
};

static struct kunit_suite format_suite = {
	.name = "kfs-format",
	.test_cases = format_cases,
};

static struct kunit_suite printk_suite = {
	.name = "kfs-printk",
	.init = printk_init,
	.exit = printk_exit,
	.test_cases = printk_cases,
};

kunit_test_suites(&format_suite, &printk_suite);
