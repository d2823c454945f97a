/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory tests (slab, vmalloc, shrinkers, mempool, GFP, random): the cmocka
 * side.  The checks run in the kernel world (slab_k.c); this file adopts the
 * thread, calls them, and checks what only the host can see: the printed
 * leak report and the process dying on a double free.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <fcntl.h>

#include "kfs_api.h"
#include "kfs_host_debug.h"
#include "kfs_mem.h"
#include "slab_k.h"

#if defined(__SANITIZE_THREAD__)
#define KFS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KFS_TSAN 1
#endif
#endif

#define KCASE(name)							\
	static void test_##name(void **state)				\
	{								\
		(void)state;						\
		assert_int_equal(kfs_ctest_##name(), 0);		\
	}

KCASE(ctor_once)
KCASE(kmalloc_sizes)
KCASE(kmalloc_limits)
KCASE(zeroing)
KCASE(krealloc)
KCASE(shrinker_on_failure)
KCASE(nofail)
KCASE(freelist_trim)
KCASE(gfp_scopes)
KCASE(vmalloc)
KCASE(kvmalloc)
KCASE(strings)
KCASE(mempool)
KCASE(mempool_wait)
KCASE(random)
KCASE(typesafe_rcu)
KCASE(not_leak)

static char logbuf[1 << 16];
static size_t loglen;

static void log_collect(void *ctx, int level, const char *line, size_t len)
{
	(void)ctx;
	(void)level;
	if (len && line[len - 1] == '\n')
		len--;
	if (loglen + len + 2 > sizeof(logbuf))
		return;
	memcpy(logbuf + loglen, line, len);
	loglen += len;
	logbuf[loglen++] = '\n';
	logbuf[loglen] = 0;
}

#ifdef KFS_LEAK_CHECK
static int count_lines_with(const char *text)
{
	int n = 0;

	for (const char *p = logbuf; (p = strstr(p, text)); p++)
		n++;
	return n;
}
#endif

static void test_leak_report(void **state)
{
	long n;

	(void)state;
	assert_int_equal(kfs_ctest_leak_setup(), 0);
	assert_int_equal(kfs_mem_live_objects("kfs_ctest_leaky"), 3);

	loglen = 0;
	logbuf[0] = 0;
	kfs_set_log_handler(log_collect, NULL);
	n = kfs_mem_leak_report(1);
	kfs_set_log_handler(NULL, NULL);
	assert_true(n >= 3);
	assert_non_null(strstr(logbuf, "kfs: leak: kfs_ctest_leaky: 3 objects still allocated\n"));
#ifdef KFS_LEAK_CHECK
	/* Debug builds name each object, its size and where it was allocated. */
	assert_int_equal(count_lines_with(" (48 bytes) allocated at "), 3);
#endif
	/* Counting only prints nothing. */
	loglen = 0;
	logbuf[0] = 0;
	kfs_set_log_handler(log_collect, NULL);
	assert_int_equal(kfs_mem_leak_report(0), n);
	kfs_set_log_handler(NULL, NULL);
	assert_int_equal(loglen, 0);

	assert_int_equal(kfs_ctest_leak_cleanup(), 0);
	assert_int_equal(kfs_mem_live_objects("kfs_ctest_leaky"), -2);
}

/* A double free is fatal, as under SLUB debugging: the process ends in BUG(). */
static void test_double_free(void **state)
{
	int status;
	pid_t pid;

	(void)state;
#ifdef KFS_TSAN
	skip();		/* TSan does not support running code after a threaded fork */
#endif
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0)
			dup2(devnull, 2);
		kfs_ctest_double_free();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), KFS_EXIT_BUG);
}

static int group_setup(void **state)
{
	(void)state;
	kfs_thread_adopt("test_slab");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	kfs_thread_leave();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctor_once),
		cmocka_unit_test(test_kmalloc_sizes),
		cmocka_unit_test(test_kmalloc_limits),
		cmocka_unit_test(test_zeroing),
		cmocka_unit_test(test_krealloc),
		cmocka_unit_test(test_shrinker_on_failure),
		cmocka_unit_test(test_nofail),
		cmocka_unit_test(test_freelist_trim),
		cmocka_unit_test(test_gfp_scopes),
		cmocka_unit_test(test_vmalloc),
		cmocka_unit_test(test_kvmalloc),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_mempool),
		cmocka_unit_test(test_mempool_wait),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_typesafe_rcu),
		cmocka_unit_test(test_not_leak),
		cmocka_unit_test(test_leak_report),
		cmocka_unit_test(test_double_free),
	};

	return cmocka_run_group_tests_name("slab", tests, group_setup, group_teardown);
}
