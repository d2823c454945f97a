/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs the KUnit suites linked into this program under cmocka: one cmocka
 * group per suite, one test per case, and one per parameter of a
 * parameterised case ("case/description").  Failed cases fail with the
 * KUnit messages; skipped ones are reported skipped with their reason.
 * Prints "KUnit: N cases, P passed, F failed, S skipped" per suite and
 * exits non-zero when a case failed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kfs_api.h"
#include "kfs_kunit.h"

struct case_ref {
	int suite, kcase, param;
	char name[256];
};

struct tally {
	int cases, passed, failed, skipped;
};

static struct tally *current_tally;

static void run_one(void **state)
{
	struct case_ref *ref = *state;
	char msg[8192];
	enum kfs_kunit_result r;

	current_tally->cases++;
	r = kfs_kunit_run_case(ref->suite, ref->kcase, ref->param, msg, sizeof(msg));
	switch (r) {
	case KFS_KUNIT_PASS:
		current_tally->passed++;
		return;
	case KFS_KUNIT_SKIP:
		current_tally->skipped++;
		print_message("KUnit: %s skipped: %s\n", ref->name, msg[0] ? msg : "(no reason)");
		skip();
		return;
	default:
		current_tally->failed++;
		fail_msg("%s", msg);
	}
}

static int run_suite(int suite)
{
	int ncases = kfs_kunit_case_count(suite);
	struct CMUnitTest *tests = NULL;
	struct case_ref *refs = NULL;
	struct tally tally = { 0 };
	size_t n = 0, cap = 0;
	int c, p, failed;

	for (c = 0; c < ncases; c++) {
		int nparams = kfs_kunit_param_count(suite, c);
		int first = nparams ? 0 : -1;
		int last = nparams ? nparams - 1 : -1;

		for (p = first; p <= last; p++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				refs = realloc(refs, cap * sizeof(*refs));
				if (!refs)
					abort();
			}
			refs[n].suite = suite;
			refs[n].kcase = c;
			refs[n].param = p;
			if (p < 0) {
				snprintf(refs[n].name, sizeof(refs[n].name), "%s",
					 kfs_kunit_case_name(suite, c));
			} else {
				char desc[160];

				kfs_kunit_param_desc(suite, c, p, desc, sizeof(desc));
				snprintf(refs[n].name, sizeof(refs[n].name), "%s/%s",
					 kfs_kunit_case_name(suite, c), desc);
			}
			n++;
		}
	}

	tests = calloc(n ? n : 1, sizeof(*tests));
	if (!tests)
		abort();
	for (size_t i = 0; i < n; i++) {
		tests[i].name = refs[i].name;
		tests[i].test_func = run_one;
		tests[i].initial_state = &refs[i];
	}

	/* suite_init/suite_exit run around the group, in main(). */
	current_tally = &tally;
	failed = _cmocka_run_group_tests(kfs_kunit_suite_name(suite), tests, n, NULL, NULL);
	printf("KUnit: %s: %d cases, %d passed, %d failed, %d skipped\n",
	       kfs_kunit_suite_name(suite), tally.cases, tally.passed, tally.failed,
	       tally.skipped);
	free(tests);
	free(refs);
	return failed || tally.failed;
}

int main(void)
{
	int nsuites, s, bad = 0;

	kfs_thread_adopt("kunit");
	if (kfs_init()) {
		fprintf(stderr, "kunit: kfs_init failed\n");
		return 1;
	}
	nsuites = kfs_kunit_suite_count();
	if (nsuites == 0) {
		fprintf(stderr, "kunit: no KUnit suite linked in\n");
		return 1;
	}
	for (s = 0; s < nsuites; s++) {
		if (kfs_kunit_suite_init(s)) {
			printf("KUnit: %s: suite_init failed, all its cases fail\n",
			       kfs_kunit_suite_name(s));
		}
		bad |= run_suite(s);
		kfs_kunit_suite_exit(s);
	}
	kfs_exit();
	kfs_thread_leave();
	return bad ? 1 : 0;
}
