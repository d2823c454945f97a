/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KUnit bridge between the worlds.  The kernel side (compat/lib/kunit)
 * knows the suites that kunit_test_suites() registered and runs one case at
 * a time; the host side (tests/kunit/runner.c) turns each case, and each
 * parameter of a parameterised case, into a cmocka test.  An assertion
 * failure ends the case by a longjmp, which lives in the host world
 * (compat/host/kunit_try.c) behind kfs_kunit_host_try/abort.
 * Compiler-builtin types only.
 */
#ifndef _KFS_KUNIT_H
#define _KFS_KUNIT_H

enum kfs_kunit_result {
	KFS_KUNIT_PASS = 0,
	KFS_KUNIT_FAIL = 1,
	KFS_KUNIT_SKIP = 2,
};

/* ---- kernel side ---- */
int kfs_kunit_suite_count(void);
const char *kfs_kunit_suite_name(int suite);
/* Runs the suite's suite_init (0 when it has none or it succeeded). */
int kfs_kunit_suite_init(int suite);
void kfs_kunit_suite_exit(int suite);
int kfs_kunit_case_count(int suite);
const char *kfs_kunit_case_name(int suite, int kcase);
/* 0 for a plain case, else how many parameters its generator yields. */
int kfs_kunit_param_count(int suite, int kcase);
/* The generator's description of parameter param, into buf. */
void kfs_kunit_param_desc(int suite, int kcase, int param, char *buf, __SIZE_TYPE__ size);
/*
 * Runs one case (with parameter param, or -1 for a plain case): init, the
 * case, exit, cleanup of its kunit allocations.  msg receives the failure
 * messages or the skip reason.
 */
enum kfs_kunit_result kfs_kunit_run_case(int suite, int kcase, int param,
					 char *msg, __SIZE_TYPE__ size);

/* ---- host side ---- */
/* Calls fn(arg); returns 0 when it returned, 1 when it called kfs_kunit_host_abort(). */
int kfs_kunit_host_try(void (*fn)(void *arg), void *arg);
/* Leaves the innermost kfs_kunit_host_try() of this thread. */
__attribute__((__noreturn__)) void kfs_kunit_host_abort(void);

#endif /* _KFS_KUNIT_H */
