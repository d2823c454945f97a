/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every request does before it calls into the kernel code: the worker
 * thread becomes a kernel task (once), runs with the caller's credentials
 * (fsuid, fsgid, supplementary groups, umask), and an INTERRUPT for the
 * request becomes a pending fatal signal on that task, so the filesystem's
 * killable and interruptible sleeps end as they would for a SIGKILL'ed
 * caller in the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fuse_lowlevel.h>

#include "kfs_fuse.h"

static __thread bool adopted;
static __thread gid_t *groups;
static __thread unsigned int groups_cap;
static __thread kfs_api_u32 *groups32;
static __thread char *iobuf;
static __thread size_t iobuf_len;

/*
 * What a worker keeps between requests is freed when libfuse ends the
 * thread (idle workers at the end of the session loop).
 */
static pthread_key_t worker_key;
static pthread_once_t worker_once = PTHREAD_ONCE_INIT;

static void worker_exit(void *unused)
{
	(void)unused;
	free(groups);
	free(groups32);
	free(iobuf);
	groups = NULL;
	groups32 = NULL;
	iobuf = NULL;
	groups_cap = 0;
	iobuf_len = 0;
}

static void worker_key_init(void)
{
	if (pthread_key_create(&worker_key, worker_exit))
		abort();
}

char *kfs_thread_buf(size_t len)
{
	if (len > iobuf_len) {
		void *p = NULL;

		if (posix_memalign(&p, 4096, len))
			return NULL;
		free(iobuf);
		iobuf = p;
		iobuf_len = len;
	}
	return iobuf;
}

static void on_interrupt(fuse_req_t req, void *data)
{
	(void)req;
	kfs_task_interrupt(data);
}

/*
 * fuse_req_getgroups, but through the /proc descriptor opened before the
 * sandbox (kfs_proc_fd): the "Groups:" line of /proc/TID/status.  Same
 * contract: the number of groups (the first size of them stored), or -errno.
 */
static int proc_groups(fuse_req_t req, int size, gid_t *list)
{
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	char path[64], buf[4096], *p, *end;
	ssize_t len = 0, r;
	int fd, n = 0;

	snprintf(path, sizeof(path), "%u/task/%u/status", (unsigned int)ctx->pid,
		 (unsigned int)ctx->pid);
	fd = openat(kfs_proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       ((r = read(fd, buf + len, sizeof(buf) - 1 - (size_t)len)) > 0 ||
		(r < 0 && errno == EINTR)))
		if (r > 0)
			len += r;
	close(fd);
	buf[len] = '\0';
	p = strstr(buf, "\nGroups:");
	if (!p)
		return -EIO;
	p += 8;
	for (;;) {
		unsigned long g;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			break;
		g = strtoul(p, &end, 10);
		if (n < size)
			list[n] = (gid_t)g;
		n++;
		p = end;
	}
	return n;
}

/* Supplementary groups from /proc (fuse_req_getgroups); none on failure. */
static int caller_groups(fuse_req_t req)
{
	int n;

	for (;;) {
		n = kfs_proc_fd >= 0 ? proc_groups(req, (int)groups_cap, groups) :
				       fuse_req_getgroups(req, (int)groups_cap, groups);
		if (n <= (int)groups_cap)
			break;
		free(groups);
		free(groups32);
		groups = malloc((size_t)n * sizeof(*groups));
		groups32 = malloc((size_t)n * sizeof(*groups32));
		if (!groups || !groups32) {
			free(groups);
			free(groups32);
			groups = NULL;
			groups32 = NULL;
			groups_cap = 0;
			return 0;
		}
		groups_cap = (unsigned int)n;
	}
	if (n < 0)
		return 0;
	for (int i = 0; i < n; i++)
		groups32[i] = groups[i];
	return n;
}

void kfs_req_enter(fuse_req_t req)
{
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	struct kfs_cred cred = {
		.uid = ctx->uid,
		.gid = ctx->gid,
		.umask = ctx->umask,
		.root_caps = ctx->uid == 0,
	};

	if (!adopted) {
		kfs_thread_adopt("kfs-worker");
		pthread_once(&worker_once, worker_key_init);
		pthread_setspecific(worker_key, &adopted);	/* non-NULL: the destructor runs */
		adopted = true;
	}
	/*
	 * Groups only matter to an unprivileged caller (root passes every
	 * check they take part in through its capabilities), and reading
	 * them costs a /proc read per request.
	 */
	if (ctx->uid != 0) {
		cred.ngroups = caller_groups(req);
		cred.groups = groups32;
	}
	kfs_set_cred(&cred);
	fuse_req_interrupt_func(req, on_interrupt, kfs_task_self());
}

void kfs_req_leave(fuse_req_t req)
{
	/* After this returns, on_interrupt cannot run for req any more. */
	fuse_req_interrupt_func(req, NULL, NULL);
	kfs_task_clear_interrupt();
}
