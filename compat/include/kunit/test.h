/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KUnit for kfs (Documentation/dev-tools/kunit/ describes the API): the
 * kernel tree's suites compile against this header unmodified and run under
 * cmocka through tests/kunit/runner.c, one cmocka test per case and per
 * parameter.  compat/lib/kunit/test.c keeps the registry and runs cases.
 *
 * EXPECT failures mark the case failed and go on; ASSERT failures and
 * kunit_skip() end the case at once (through kfs_kunit_host_abort).
 * kunit_kmalloc() & co. memory is freed when the case ends.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>

#define KUNIT_PARAM_DESC_SIZE	128
#define KUNIT_LOG_SIZE		2048
#define KUNIT_SUBTEST_INDENT	"    "
#define KUNIT_SUBSUBTEST_INDENT	"        "

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

struct kunit;

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	/*
	 * For parameterised cases: returns the parameter after prev (the
	 * first for NULL), or NULL after the last; may describe it in desc.
	 */
	const void *(*generate_params)(const void *prev, char *desc);

	/* Filled in by the runner. */
	enum kunit_status status;
	char *log;
};

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }
#define KUNIT_CASE_PARAM(test_name, gen_params) \
	{ .run_case = test_name, .name = #test_name, .generate_params = gen_params }

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;

	/* Filled in by the runner. */
	char status_comment[256];
	char *log;
	int suite_init_err;
};

/* The state of one running case; test->priv belongs to the suite. */
struct kunit {
	void *priv;

	/* Read-only for test code. */
	const char *name;
	char *log;
	const char *file;
	int line;
	const void *param_value;
	int param_index;

	/* Internal. */
	enum kunit_status status;
	char status_comment[256];
	struct list_head resources;	/* kunit allocations */
	char *messages;			/* failure text for the runner */
	size_t messages_len, messages_size;
};

/*
 * Registration: pointers to the suites in the ELF section kfs_kunit_suites
 * (the runner skips null slots that sanitizers may add as padding).
 */
#define kunit_test_suites(__suites...)					\
	static struct kunit_suite *__UNIQUE_ID(__kfs_kunit_suites)[]	\
		__used __section("kfs_kunit_suites") __aligned(sizeof(void *)) = { __suites }
#define kunit_test_suite(suite)			kunit_test_suites(&suite)
#define kunit_test_init_section_suites(__suites...) kunit_test_suites(__suites)
#define kunit_test_init_section_suite(suite)	kunit_test_suites(&suite)

/* ------------------------------------------------------------ logging */

#define kunit_log(lvl, test_or_suite, fmt, ...) \
	printk(lvl fmt, ##__VA_ARGS__)

#define kunit_printk(lvl, test, fmt, ...)				\
	kunit_log(lvl, test, KUNIT_SUBTEST_INDENT "# %s: " fmt,	\
		  (test)->name, ##__VA_ARGS__)

#define kunit_info(test, fmt, ...)	kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...)	kunit_printk(KERN_WARNING, test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)

/* ------------------------------------------------------------- memory */

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *ptr);

static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

/* ------------------------------------------------------ skip and fail */

__printf(2, 3) void kunit_mark_skipped_fmt(struct kunit *test, const char *fmt, ...);
__noreturn void kunit_abort(struct kunit *test);

#define kunit_mark_skipped(test, fmt, ...) \
	kunit_mark_skipped_fmt(test, fmt, ##__VA_ARGS__)

#define kunit_skip(test, fmt, ...)					\
	do {								\
		kunit_mark_skipped(test, fmt, ##__VA_ARGS__);		\
		kunit_abort(test);					\
	} while (0)

enum kunit_assert_type {
	KUNIT_ASSERTION,
	KUNIT_EXPECTATION,
};

/*
 * Each records a failure (what was expected, the values seen, and the
 * caller's optional message, printed and kept for the runner).  The macros
 * below then abort the case when it was an ASSERTION.
 */
__printf(5, 6) void kunit_fail_msg(struct kunit *test, enum kunit_assert_type type,
				   const char *file, int line, const char *fmt, ...);
__printf(7, 8) void kunit_fail_bool(struct kunit *test, enum kunit_assert_type type,
				    const char *file, int line, const char *cond,
				    bool expected, const char *fmt, ...);
__printf(10, 11) void kunit_fail_int(struct kunit *test, enum kunit_assert_type type,
				     const char *file, int line, const char *ltext,
				     const char *op, const char *rtext, long long l,
				     long long r, const char *fmt, ...);
__printf(10, 11) void kunit_fail_ptr(struct kunit *test, enum kunit_assert_type type,
				     const char *file, int line, const char *ltext,
				     const char *op, const char *rtext, const void *l,
				     const void *r, const char *fmt, ...);
__printf(10, 11) void kunit_fail_str(struct kunit *test, enum kunit_assert_type type,
				     const char *file, int line, const char *ltext,
				     const char *op, const char *rtext, const char *l,
				     const char *r, const char *fmt, ...);
__printf(11, 12) void kunit_fail_mem(struct kunit *test, enum kunit_assert_type type,
				     const char *file, int line, const char *ltext,
				     const char *op, const char *rtext, const void *l,
				     const void *r, size_t size, const char *fmt, ...);
__printf(7, 8) void kunit_fail_err_or_null(struct kunit *test, enum kunit_assert_type type,
					   const char *file, int line, const char *ptext,
					   const void *p, const char *fmt, ...);

#define __KUNIT_END(test, type)						\
	do {								\
		if ((type) == KUNIT_ASSERTION)				\
			kunit_abort(test);				\
	} while (0)

#define KUNIT_FAIL(test, fmt, ...)						\
	kunit_fail_msg(test, KUNIT_EXPECTATION, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define KUNIT_SUCCEED(test)	do { } while (0)

#define KUNIT_TRUE_MSG_ASSERTION(test, type, cond, expect_true, fmt, ...)	\
	do {									\
		bool __kfs_cond = (cond);					\
		if (__kfs_cond != (expect_true)) {				\
			kunit_fail_bool(test, type, __FILE__, __LINE__, #cond,	\
					expect_true, fmt, ##__VA_ARGS__);	\
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

/* Integer comparison: both sides evaluated once, shown as numbers. */
#define KUNIT_BINARY_INT_ASSERTION(test, type, left, op, right, fmt, ...)	\
	do {									\
		typeof(left) __kfs_left = (left);				\
		typeof(right) __kfs_right = (right);				\
		if (!(__kfs_left op __kfs_right)) {				\
			kunit_fail_int(test, type, __FILE__, __LINE__, #left, #op, \
				       #right, (long long)__kfs_left,		\
				       (long long)__kfs_right, fmt, ##__VA_ARGS__); \
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

#define KUNIT_BINARY_PTR_ASSERTION(test, type, left, op, right, fmt, ...)	\
	do {									\
		const void *__kfs_left = (left);				\
		const void *__kfs_right = (right);				\
		if (!(__kfs_left op __kfs_right)) {				\
			kunit_fail_ptr(test, type, __FILE__, __LINE__, #left, #op, \
				       #right, __kfs_left, __kfs_right,		\
				       fmt, ##__VA_ARGS__);			\
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

#define KUNIT_BINARY_STR_ASSERTION(test, type, left, op, right, fmt, ...)	\
	do {									\
		const char *__kfs_left = (left);				\
		const char *__kfs_right = (right);				\
		if (!(strcmp(__kfs_left, __kfs_right) op 0)) {			\
			kunit_fail_str(test, type, __FILE__, __LINE__, #left, #op, \
				       #right, __kfs_left, __kfs_right,		\
				       fmt, ##__VA_ARGS__);			\
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

#define KUNIT_MEM_ASSERTION(test, type, left, op, right, size, fmt, ...)	\
	do {									\
		const void *__kfs_left = (left);				\
		const void *__kfs_right = (right);				\
		const size_t __kfs_size = (size);				\
		if (!(memcmp(__kfs_left, __kfs_right, __kfs_size) op 0)) {	\
			kunit_fail_mem(test, type, __FILE__, __LINE__, #left, #op, \
				       #right, __kfs_left, __kfs_right,		\
				       __kfs_size, fmt, ##__VA_ARGS__);		\
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

#define KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, type, ptr, fmt, ...)	\
	do {									\
		const void *__kfs_ptr = (ptr);					\
		if (IS_ERR_OR_NULL(__kfs_ptr)) {				\
			kunit_fail_err_or_null(test, type, __FILE__, __LINE__,	\
					       #ptr, __kfs_ptr, fmt, ##__VA_ARGS__); \
			__KUNIT_END(test, type);				\
		}								\
	} while (0)

/* ------------------------------------------------------- expectations */

#define KUNIT_EXPECT_TRUE(test, cond)	KUNIT_EXPECT_TRUE_MSG(test, cond, NULL)
#define KUNIT_EXPECT_TRUE_MSG(test, cond, fmt, ...) \
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_EXPECTATION, cond, true, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE(test, cond)	KUNIT_EXPECT_FALSE_MSG(test, cond, NULL)
#define KUNIT_EXPECT_FALSE_MSG(test, cond, fmt, ...) \
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_EXPECTATION, cond, false, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_EQ(test, l, r)	KUNIT_EXPECT_EQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_EQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE(test, l, r)	KUNIT_EXPECT_NE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_NE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT(test, l, r)	KUNIT_EXPECT_LT_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_LT_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE(test, l, r)	KUNIT_EXPECT_LE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_LE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT(test, l, r)	KUNIT_EXPECT_GT_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_GT_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE(test, l, r)	KUNIT_EXPECT_GE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_GE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, l, >=, r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_EQ(test, l, r)	KUNIT_EXPECT_PTR_EQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_PTR_EQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE(test, l, r)	KUNIT_EXPECT_PTR_NE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_PTR_NE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(test, p)	KUNIT_EXPECT_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NULL_MSG(test, p, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL(test, p)	KUNIT_EXPECT_NOT_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NOT_NULL_MSG(test, p, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_EXPECTATION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(test, p) KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, p, fmt, ...) \
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, KUNIT_EXPECTATION, p, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_STREQ(test, l, r)	KUNIT_EXPECT_STREQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_STREQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ(test, l, r)	KUNIT_EXPECT_STRNEQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_STRNEQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_MEMEQ(test, l, r, size)	KUNIT_EXPECT_MEMEQ_MSG(test, l, r, size, NULL)
#define KUNIT_EXPECT_MEMEQ_MSG(test, l, r, size, fmt, ...) \
	KUNIT_MEM_ASSERTION(test, KUNIT_EXPECTATION, l, ==, r, size, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ(test, l, r, size)	KUNIT_EXPECT_MEMNEQ_MSG(test, l, r, size, NULL)
#define KUNIT_EXPECT_MEMNEQ_MSG(test, l, r, size, fmt, ...) \
	KUNIT_MEM_ASSERTION(test, KUNIT_EXPECTATION, l, !=, r, size, fmt, ##__VA_ARGS__)

/* --------------------------------------------------------- assertions */

#define KUNIT_ASSERT_FAILURE(test, fmt, ...)					\
	do {									\
		kunit_fail_msg(test, KUNIT_ASSERTION, __FILE__, __LINE__,	\
			       fmt, ##__VA_ARGS__);				\
		kunit_abort(test);						\
	} while (0)

#define KUNIT_ASSERT_TRUE(test, cond)	KUNIT_ASSERT_TRUE_MSG(test, cond, NULL)
#define KUNIT_ASSERT_TRUE_MSG(test, cond, fmt, ...) \
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_ASSERTION, cond, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE(test, cond)	KUNIT_ASSERT_FALSE_MSG(test, cond, NULL)
#define KUNIT_ASSERT_FALSE_MSG(test, cond, fmt, ...) \
	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_ASSERTION, cond, false, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_EQ(test, l, r)	KUNIT_ASSERT_EQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_EQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE(test, l, r)	KUNIT_ASSERT_NE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_NE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT(test, l, r)	KUNIT_ASSERT_LT_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_LT_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE(test, l, r)	KUNIT_ASSERT_LE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_LE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT(test, l, r)	KUNIT_ASSERT_GT_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_GT_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE(test, l, r)	KUNIT_ASSERT_GE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_GE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_ASSERTION, l, >=, r, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_PTR_EQ(test, l, r)	KUNIT_ASSERT_PTR_EQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_PTR_EQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE(test, l, r)	KUNIT_ASSERT_PTR_NE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_PTR_NE_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL(test, p)	KUNIT_ASSERT_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NULL_MSG(test, p, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL(test, p)	KUNIT_ASSERT_NOT_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NOT_NULL_MSG(test, p, fmt, ...) \
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p) KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, p, fmt, ...) \
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, KUNIT_ASSERTION, p, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_STREQ(test, l, r)	KUNIT_ASSERT_STREQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_STREQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ(test, l, r)	KUNIT_ASSERT_STRNEQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_STRNEQ_MSG(test, l, r, fmt, ...) \
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)

#define KUNIT_ASSERT_MEMEQ(test, l, r, size)	KUNIT_ASSERT_MEMEQ_MSG(test, l, r, size, NULL)
#define KUNIT_ASSERT_MEMEQ_MSG(test, l, r, size, fmt, ...) \
	KUNIT_MEM_ASSERTION(test, KUNIT_ASSERTION, l, ==, r, size, fmt, ##__VA_ARGS__)

/* ------------------------------------------------------ parameters */

/*
 * KUNIT_ARRAY_PARAM(name, array, get_desc): defines name##_gen_params,
 * which walks array; get_desc(elem, desc) (may be NULL) describes each.
 */
#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		typeof((array)[0]) *__kfs_next = prev ?				\
			((typeof(__kfs_next))prev) + 1 : (array);		\
		void (*__kfs_get_desc)(typeof(__kfs_next), char *) = get_desc;	\
										\
		if (__kfs_next - (array) >= (long)ARRAY_SIZE(array))		\
			return NULL;						\
		if (__kfs_get_desc)						\
			__kfs_get_desc(__kfs_next, desc);			\
		return __kfs_next;						\
	}

#endif /* _KUNIT_TEST_H */
