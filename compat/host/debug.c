/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host side of compat's diagnostics (kfs_host_debug.h): glibc backtraces and
 * dladdr symbol lookup, the console lock, and process exit for panic/BUG.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfs_host_debug.h"

#define MAX_FRAMES 64

int kfs_host_symbolize(const void *addr, char *buf, size_t size)
{
	Dl_info info;
	int n;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (!dladdr(addr, &info))
		return 0;
	if (info.dli_sname && info.dli_saddr) {
		n = snprintf(buf, size, "%s+0x%lx", info.dli_sname,
			     (unsigned long)((const char *)addr - (const char *)info.dli_saddr));
	} else if (info.dli_fname) {
		const char *base = strrchr(info.dli_fname, '/');

		n = snprintf(buf, size, "%s+0x%lx", base ? base + 1 : info.dli_fname,
			     (unsigned long)((const char *)addr - (const char *)info.dli_fbase));
	} else {
		return 0;
	}
	if (n < 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}

int kfs_host_backtrace(char *buf, size_t size, int skip)
{
	void *frames[MAX_FRAMES];
	size_t len = 0;
	int count, i;

	if (!size)
		return 0;
	buf[0] = '\0';
	count = backtrace(frames, MAX_FRAMES);
	/* Frame 0 is this function. */
	for (i = 1 + skip; i < count && len + 1 < size; i++) {
		char sym[256];
		int n;

		if (!kfs_host_symbolize(frames[i], sym, sizeof(sym)))
			strcpy(sym, "?");
		n = snprintf(buf + len, size - len, "  #%d %p %s\n", i - 1 - skip, frames[i], sym);
		if (n < 0)
			break;
		len += (size_t)n < size - len ? (size_t)n : size - len - 1;
	}
	return (int)len;
}

static pthread_mutex_t console_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

void kfs_host_console_lock(void)
{
	pthread_mutex_lock(&console_mutex);
}

void kfs_host_console_unlock(void)
{
	pthread_mutex_unlock(&console_mutex);
}

void kfs_host_die(int status)
{
	const char *abort_env = getenv("KFS_ABORT_ON_PANIC");

	fflush(NULL);
	if (abort_env && abort_env[0] == '1')
		abort();
	_exit(status);
}
