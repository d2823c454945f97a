/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks the KUnit bridge itself (kunit/test.h, compat/lib/kunit, the
 * runner): parameterised cases, init/exit and suite_init/suite_exit order,
 * test->priv, a failed ASSERT ending the case (exit still runs), skips, and
 * kunit allocations.  Built a second time with KFS_SELFTEST_FAIL, where one
 * case fails on purpose and the run must fail.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>

struct sq {
	int in, out;
};

static const struct sq squares[] = {
	{ 0, 0 }, { 3, 9 }, { -4, 16 }, { 12, 144 },
};

static void sq_desc(const struct sq *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d^2", p->in);
}

KUNIT_ARRAY_PARAM(squares, squares, sq_desc);

static int suite_inits, suite_exits, case_inits, case_exits;
static int params_seen;

static int selftest_suite_init(struct kunit_suite *suite)
{
	suite_inits++;
	return 0;
}

static void selftest_suite_exit(struct kunit_suite *suite)
{
	suite_exits++;
}

static int selftest_init(struct kunit *test)
{
	case_inits++;
	test->priv = kunit_kzalloc(test, 32, GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void selftest_exit(struct kunit *test)
{
	case_exits++;
}

static void param_square(struct kunit *test)
{
	const struct sq *p = test->param_value;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p->in * p->in, p->out);
	KUNIT_EXPECT_PTR_EQ(test, p, &squares[test->param_index]);
	params_seen++;
}

static void fixtures_ran(struct kunit *test)
{
	/* suite_init once before the first case; init before each case. */
	KUNIT_EXPECT_EQ(test, suite_inits, 1);
	KUNIT_EXPECT_EQ(test, suite_exits, 0);
	KUNIT_EXPECT_EQ(test, case_inits, case_exits + 1);
	KUNIT_EXPECT_EQ(test, params_seen, (int)ARRAY_SIZE(squares));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, test->priv);
	KUNIT_EXPECT_TRUE(test, memchr_inv(test->priv, 0, 32) == NULL);
}

static void allocations(struct kunit *test)
{
	u32 *a = kunit_kmalloc_array(test, 16, sizeof(u32), GFP_KERNEL);
	char *z = kunit_kcalloc(test, 8, 8, GFP_KERNEL);
	char *s;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, z);
	KUNIT_EXPECT_TRUE(test, memchr_inv(z, 0, 64) == NULL);
	s = kunit_kmalloc(test, 6, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	strscpy(s, "kunit", 6);
	KUNIT_EXPECT_STREQ(test, s, "kunit");
	KUNIT_EXPECT_STRNEQ(test, s, "kUnit");
	kunit_kfree(test, s);
	/* a and z are freed when the case ends (LeakSanitizer would say otherwise). */
}

static int reached_after_assert;

static void assert_ends_case(struct kunit *test)
{
#ifdef KFS_SELFTEST_FAIL
	KUNIT_ASSERT_EQ_MSG(test, 1 + 1, 3, "deliberate failure");
	reached_after_assert = 1;
#else
	KUNIT_ASSERT_EQ(test, 1 + 1, 2);
	KUNIT_EXPECT_LT(test, 1, 2);
	KUNIT_EXPECT_LE(test, 2, 2);
	KUNIT_EXPECT_GT(test, 3, 2);
	KUNIT_EXPECT_GE(test, 3, 3);
	KUNIT_EXPECT_NE(test, 3, 2);
	KUNIT_EXPECT_NULL(test, NULL);
	KUNIT_EXPECT_MEMEQ(test, "abc", "abc", 3);
#endif
}

static void nothing_after_failed_assert(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, reached_after_assert, 0);
}

static void skips_with_reason(struct kunit *test)
{
	kunit_skip(test, "skipping on purpose (%d)", 42);
	KUNIT_FAIL(test, "kunit_skip() must end the case");
}

static struct kunit_case selftest_cases[] = {
	KUNIT_CASE_PARAM(param_square, squares_gen_params),
	KUNIT_CASE(fixtures_ran),
	KUNIT_CASE(allocations),
	KUNIT_CASE(assert_ends_case),
	KUNIT_CASE(nothing_after_failed_assert),
	KUNIT_CASE(skips_with_reason),
	{}
};

static struct kunit_suite selftest_suite = {
	.name = "kfs-kunit-bridge",
	.suite_init = selftest_suite_init,
	.suite_exit = selftest_suite_exit,
	.init = selftest_init,
	.exit = selftest_exit,
	.test_cases = selftest_cases,
};

kunit_test_suites(&selftest_suite);
