/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host side of threads and sleeping (kfs_host_thread.h): pthreads for the
 * threads themselves, the futex syscall for sleeping and waking.  The kernel
 * world's scheduler puts a task to sleep by waiting on its state word, and
 * its locks park contended waiters on their lock word, as the kernel's own
 * futex-free primitives would spin or schedule.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kfs_host_thread.h"

struct kfs_hthread {
	pthread_t thread;
	void (*fn)(void *arg);
	void *arg;
	char name[16];
};

static void *kfs_hthread_start(void *p)
{
	struct kfs_hthread *t = p;

	pthread_setname_np(pthread_self(), t->name);
	t->fn(t->arg);
	return NULL;
}

int kfs_hthread_create(struct kfs_hthread **out, void (*fn)(void *arg), void *arg,
		       const char *name)
{
	struct kfs_hthread *t = calloc(1, sizeof(*t));
	int err;

	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	snprintf(t->name, sizeof(t->name), "%s", name ? name : "kfs");
	err = pthread_create(&t->thread, NULL, kfs_hthread_start, t);
	if (err) {
		free(t);
		return -err;
	}
	*out = t;
	return 0;
}

void kfs_hthread_join(struct kfs_hthread *t)
{
	int err = pthread_join(t->thread, NULL);

	if (err) {
		fprintf(stderr, "kfs: pthread_join: %s\n", strerror(err));
		abort();
	}
	free(t);
}

void kfs_hthread_exit(void)
{
	pthread_exit(NULL);
}

void kfs_hthread_setname(const char *name)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%s", name);
	pthread_setname_np(pthread_self(), buf);
}

int kfs_hthread_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

int kfs_hthread_getpid(void)
{
	return (int)getpid();
}

int kfs_hthread_ncpus(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		n = CPU_COUNT(&set);
		if (n > 0)
			return n;
	}
	n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

void kfs_hthread_yield(void)
{
	sched_yield();
}

/* ------------------------------------------------------------ exit hook */

static pthread_key_t kfs_exit_key;
static pthread_once_t kfs_exit_once = PTHREAD_ONCE_INIT;
static void (*kfs_exit_fn)(void *arg);

static void kfs_exit_destructor(void *arg)
{
	/* Pairs with the release store in kfs_hthread_exit_hook(). */
	void (*fn)(void *arg) = __atomic_load_n(&kfs_exit_fn, __ATOMIC_ACQUIRE);

	if (fn)
		fn(arg);
}

static void kfs_exit_key_init(void)
{
	if (pthread_key_create(&kfs_exit_key, kfs_exit_destructor)) {
		fprintf(stderr, "kfs: pthread_key_create failed\n");
		abort();
	}
}

void kfs_hthread_exit_hook(void (*fn)(void *arg))
{
	pthread_once(&kfs_exit_once, kfs_exit_key_init);
	__atomic_store_n(&kfs_exit_fn, fn, __ATOMIC_RELEASE);
}

void kfs_hthread_arm_exit(void *arg)
{
	pthread_once(&kfs_exit_once, kfs_exit_key_init);
	pthread_setspecific(kfs_exit_key, arg);
}

/* ---------------------------------------------------------------- futex */

int kfs_hfutex_wait(unsigned int *addr, unsigned int val, kfs_hthread_s64 timeout_ns)
{
	struct timespec ts, *tsp = NULL;
	long r;

	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	/* A relative timeout on CLOCK_MONOTONIC (FUTEX_WAIT's definition). */
	r = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
	if (r < 0 && errno == ETIMEDOUT)
		return -ETIMEDOUT;
	return 0;
}

void kfs_hfutex_wake(unsigned int *addr, int nr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, nr < 0 ? INT_MAX : nr, NULL, NULL, 0);
}
