/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic() and BUG() end the process with their own exit status after
 * printing the kernel's messages (checked from outside by expect_exit.py).
 * Built twice: with KFS_TEST_BUG the case hits BUG_ON instead of panic.
 */
#include <kunit/test.h>
#include <linux/bug.h>
#include <linux/kernel.h>

static void dies(struct kunit *test)
{
	int volatile broken = 1;

#ifdef KFS_TEST_BUG
	BUG_ON(broken);
#else
	if (broken)
		panic("test panic %d", 42);
#endif
	KUNIT_FAIL(test, "still running after %s", "panic/BUG");
}

static struct kunit_case panic_cases[] = {
	KUNIT_CASE(dies),
	{}
};

static struct kunit_suite panic_suite = {
	.name = "kfs-panic",
	.test_cases = panic_cases,
};

kunit_test_suite(panic_suite);
