/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp/longjmp for the KUnit bridge (kfs_kunit.h): a failed KUNIT_ASSERT
 * leaves the test case, as the kernel's kunit_try_catch ends the test's
 * kthread.  Each thread has its own innermost catch point.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "kfs_kunit.h"

static __thread jmp_buf *catch_point;

int kfs_kunit_host_try(void (*fn)(void *arg), void *arg)
{
	jmp_buf here;
	jmp_buf *outer = catch_point;

	if (setjmp(here)) {
		catch_point = outer;
		return 1;
	}
	catch_point = &here;
	fn(arg);
	catch_point = outer;
	return 0;
}

void kfs_kunit_host_abort(void)
{
	if (!catch_point) {
		fprintf(stderr, "kfs: KUnit assertion failed outside a test case\n");
		abort();
	}
	longjmp(*catch_point, 1);
}
