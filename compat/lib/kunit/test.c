/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel side of the KUnit bridge (kfs_kunit.h): the registry of the
 * suites that kunit_test_suites() placed in the kfs_kunit_suites section,
 * running one case with its suite's init/exit, recording failures, skips
 * and case-scoped allocations.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kfs_kunit.h>

extern struct kunit_suite *__start_kfs_kunit_suites[] __weak;
extern struct kunit_suite *__stop_kfs_kunit_suites[] __weak;

/* The n-th registered suite, skipping empty (padding) slots. */
static struct kunit_suite *suite_at(int n)
{
	struct kunit_suite **p;

	if (!__start_kfs_kunit_suites)
		return NULL;
	for (p = __start_kfs_kunit_suites; p < __stop_kfs_kunit_suites; p++) {
		if (*p && n-- == 0)
			return *p;
	}
	return NULL;
}

int kfs_kunit_suite_count(void)
{
	int n = 0;

	while (suite_at(n))
		n++;
	return n;
}

const char *kfs_kunit_suite_name(int suite)
{
	return suite_at(suite)->name;
}

int kfs_kunit_suite_init(int suite)
{
	struct kunit_suite *s = suite_at(suite);

	s->suite_init_err = s->suite_init ? s->suite_init(s) : 0;
	if (s->suite_init_err)
		pr_err("    # %s: suite_init failed: %d\n", s->name, s->suite_init_err);
	return s->suite_init_err;
}

void kfs_kunit_suite_exit(int suite)
{
	struct kunit_suite *s = suite_at(suite);

	if (s->suite_exit && !s->suite_init_err)
		s->suite_exit(s);
}

int kfs_kunit_case_count(int suite)
{
	struct kunit_case *c = suite_at(suite)->test_cases;
	int n = 0;

	while (c[n].run_case)
		n++;
	return n;
}

const char *kfs_kunit_case_name(int suite, int kcase)
{
	return suite_at(suite)->test_cases[kcase].name;
}

/* Walks the generator to parameter `param`; its description into desc. */
static const void *nth_param(struct kunit_case *c, int param, char *desc)
{
	const void *value = NULL;
	int i;

	for (i = 0; i <= param; i++) {
		memset(desc, 0, KUNIT_PARAM_DESC_SIZE);
		value = c->generate_params(value, desc);
		if (!value)
			return NULL;
	}
	return value;
}

int kfs_kunit_param_count(int suite, int kcase)
{
	struct kunit_case *c = &suite_at(suite)->test_cases[kcase];
	char desc[KUNIT_PARAM_DESC_SIZE];
	const void *value = NULL;
	int n = 0;

	if (!c->generate_params)
		return 0;
	for (;;) {
		memset(desc, 0, sizeof(desc));
		value = c->generate_params(value, desc);
		if (!value)
			return n;
		n++;
	}
}

void kfs_kunit_param_desc(int suite, int kcase, int param, char *buf, size_t size)
{
	struct kunit_case *c = &suite_at(suite)->test_cases[kcase];
	char desc[KUNIT_PARAM_DESC_SIZE];

	if (!nth_param(c, param, desc) || !desc[0])
		snprintf(buf, size, "param-%d", param);
	else
		snprintf(buf, size, "%s", desc);
}

/* ------------------------------------------------------------- failures */

/* Appends to the text the runner reports for this case. */
static __printf(2, 0) void add_message(struct kunit *test, const char *fmt, va_list args)
{
	size_t room;
	int n;

	if (!test->messages)
		return;
	room = test->messages_size - test->messages_len;
	if (room <= 1)
		return;
	n = vscnprintf(test->messages + test->messages_len, room, fmt, args);
	test->messages_len += n;
}

static __printf(2, 3) void add_line(struct kunit *test, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	add_message(test, fmt, args);
	va_end(args);
}

/* Header line, the description, then the caller's own message. */
static void report(struct kunit *test, enum kunit_assert_type type, const char *file,
		   int line, const char *what, const char *fmt, va_list args)
{
	test->status = KUNIT_FAILURE;
	add_line(test, "%s FAILED at %s:%d\n",
		 type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", file, line);
	if (what && what[0])
		add_line(test, "%s\n", what);
	if (fmt) {
		add_message(test, fmt, args);
		if (fmt[0] && fmt[strlen(fmt) - 1] != '\n')
			add_line(test, "\n");
	}
	pr_err(KUNIT_SUBTEST_INDENT "# %s: %s FAILED at %s:%d\n", test->name,
	       type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", file, line);
	if (what && what[0])
		pr_err(KUNIT_SUBTEST_INDENT "%s\n", what);
}

#define REPORT(test, type, file, line, what, fmt)	\
	do {						\
		va_list __args;				\
							\
		va_start(__args, fmt);			\
		report(test, type, file, line, what, fmt, __args); \
		va_end(__args);				\
	} while (0)

void kunit_fail_msg(struct kunit *test, enum kunit_assert_type type, const char *file,
		    int line, const char *fmt, ...)
{
	REPORT(test, type, file, line, "", fmt);
}

void kunit_fail_bool(struct kunit *test, enum kunit_assert_type type, const char *file,
		     int line, const char *cond, bool expected, const char *fmt, ...)
{
	char what[512];

	scnprintf(what, sizeof(what), "Expected %s to be %s, but is %s", cond,
		  expected ? "true" : "false", expected ? "false" : "true");
	REPORT(test, type, file, line, what, fmt);
}

void kunit_fail_int(struct kunit *test, enum kunit_assert_type type, const char *file,
		    int line, const char *ltext, const char *op, const char *rtext,
		    long long l, long long r, const char *fmt, ...)
{
	char what[1024];

	scnprintf(what, sizeof(what),
		  "Expected %s %s %s, but\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %lld (0x%llx)\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %lld (0x%llx)",
		  ltext, op, rtext, ltext, l, (unsigned long long)l,
		  rtext, r, (unsigned long long)r);
	REPORT(test, type, file, line, what, fmt);
}

void kunit_fail_ptr(struct kunit *test, enum kunit_assert_type type, const char *file,
		    int line, const char *ltext, const char *op, const char *rtext,
		    const void *l, const void *r, const char *fmt, ...)
{
	char what[1024];

	scnprintf(what, sizeof(what),
		  "Expected %s %s %s, but\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %px\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %px",
		  ltext, op, rtext, ltext, l, rtext, r);
	REPORT(test, type, file, line, what, fmt);
}

void kunit_fail_str(struct kunit *test, enum kunit_assert_type type, const char *file,
		    int line, const char *ltext, const char *op, const char *rtext,
		    const char *l, const char *r, const char *fmt, ...)
{
	char what[1024];

	scnprintf(what, sizeof(what),
		  "Expected %s %s %s, but\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"",
		  ltext, op, rtext, ltext, l, rtext, r);
	REPORT(test, type, file, line, what, fmt);
}

void kunit_fail_mem(struct kunit *test, enum kunit_assert_type type, const char *file,
		    int line, const char *ltext, const char *op, const char *rtext,
		    const void *l, const void *r, size_t size, const char *fmt, ...)
{
	int shown = (int)min_t(size_t, size, 64);
	char what[1024];

	scnprintf(what, sizeof(what),
		  "Expected %s %s %s (%zu bytes), but\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %*ph\n"
		  KUNIT_SUBSUBTEST_INDENT "%s == %*ph",
		  ltext, op, rtext, size, ltext, shown, l, rtext, shown, r);
	REPORT(test, type, file, line, what, fmt);
}

void kunit_fail_err_or_null(struct kunit *test, enum kunit_assert_type type,
			    const char *file, int line, const char *ptext, const void *p,
			    const char *fmt, ...)
{
	char what[512];

	if (!p)
		scnprintf(what, sizeof(what), "Expected %s is not null, but is", ptext);
	else
		scnprintf(what, sizeof(what), "Expected %s is not error, but is: %ld",
			  ptext, PTR_ERR(p));
	REPORT(test, type, file, line, what, fmt);
}

void kunit_mark_skipped_fmt(struct kunit *test, const char *fmt, ...)
{
	va_list args;

	if (test->status == KUNIT_SUCCESS)
		test->status = KUNIT_SKIPPED;
	va_start(args, fmt);
	vscnprintf(test->status_comment, sizeof(test->status_comment), fmt, args);
	va_end(args);
}

void kunit_abort(struct kunit *test)
{
	kfs_kunit_host_abort();
}

/* ------------------------------------------------------------- memory */

struct kunit_alloc {
	struct list_head node;
	void *ptr;
};

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	struct kunit_alloc *a = kmalloc(sizeof(*a), gfp & ~__GFP_ZERO);

	if (!a)
		return NULL;
	a->ptr = kmalloc_array(n, size, gfp);
	if (!a->ptr) {
		kfree(a);
		return NULL;
	}
	list_add(&a->node, &test->resources);
	return a->ptr;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	struct kunit_alloc *a;

	if (!ptr)
		return;
	list_for_each_entry(a, &test->resources, node) {
		if (a->ptr == ptr) {
			list_del(&a->node);
			kfree(a->ptr);
			kfree(a);
			return;
		}
	}
	KUNIT_FAIL(test, "kunit_kfree(%px): not allocated by this test", ptr);
}

static void free_resources(struct kunit *test)
{
	struct kunit_alloc *a, *next;

	list_for_each_entry_safe(a, next, &test->resources, node) {
		list_del(&a->node);
		kfree(a->ptr);
		kfree(a);
	}
}

/* ------------------------------------------------------------- running */

struct case_run {
	struct kunit_suite *suite;
	struct kunit_case *kcase;
	struct kunit *test;
};

static void call_case(void *arg)
{
	struct case_run *run = arg;

	run->kcase->run_case(run->test);
}

static void call_exit(void *arg)
{
	struct case_run *run = arg;

	run->suite->exit(run->test);
}

enum kfs_kunit_result kfs_kunit_run_case(int suite, int kcase, int param, char *msg,
					 size_t size)
{
	struct kunit_suite *s = suite_at(suite);
	struct kunit_case *c = &s->test_cases[kcase];
	char desc[KUNIT_PARAM_DESC_SIZE];
	struct kunit test = {
		.name = c->name,
		.status = KUNIT_SUCCESS,
		.param_index = param < 0 ? 0 : param,
		.messages = msg,
		.messages_size = size,
	};
	struct case_run run = { .suite = s, .kcase = c, .test = &test };

	if (size)
		msg[0] = '\0';
	INIT_LIST_HEAD(&test.resources);

	if (s->suite_init_err) {
		add_line(&test, "suite_init failed: %d\n", s->suite_init_err);
		return KFS_KUNIT_FAIL;
	}
	if (param >= 0) {
		test.param_value = nth_param(c, param, desc);
		if (!test.param_value) {
			add_line(&test, "parameter %d does not exist\n", param);
			return KFS_KUNIT_FAIL;
		}
	}

	if (s->init) {
		int err = s->init(&test);

		if (err) {
			add_line(&test, "init failed: %d\n", err);
			free_resources(&test);
			return KFS_KUNIT_FAIL;
		}
	}
	kfs_kunit_host_try(call_case, &run);
	/* The kernel runs ->exit even after a failed assertion. */
	if (s->exit)
		kfs_kunit_host_try(call_exit, &run);
	free_resources(&test);
	c->status = test.status;

	switch (test.status) {
	case KUNIT_FAILURE:
		return KFS_KUNIT_FAIL;
	case KUNIT_SKIPPED:
		if (size)
			snprintf(msg, size, "%s", test.status_comment);
		return KFS_KUNIT_SKIP;
	default:
		return KFS_KUNIT_PASS;
	}
}
