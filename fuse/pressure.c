/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The invalidation thread of the memory cap (see pressure.h).
 *
 * notify_inval_entry takes the host's i_rwsem of the parent directory,
 * which the host holds while a request on that directory is in flight, so
 * it is never sent from a request handler or from the kernel side's
 * reclaim thread: names are queued (a bounded queue; when it is full, a
 * name is dropped and offered again in a later round) and sent from this
 * thread, which nothing waits for.  A name the host no longer has, or one
 * it cannot drop (a working directory), costs one write.  The thread is
 * started before the daemon confines itself and then makes no system call
 * but futex waits and writes to /dev/fuse.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include <fuse_lowlevel.h>

#include "pressure.h"

#define QUEUE_LEN	256

struct inval {
	uint64_t parent;
	int len;
	char name[256];
};

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static struct inval queue[QUEUE_LEN];
static unsigned int q_head, q_count;
static bool q_stop, started;
static pthread_t thread;

void kfs_pressure_name(void *ctx, kfs_api_u64 parent_ino, int parent_is_root,
		       const char *name, int namelen)
{
	struct inval *iv;

	(void)ctx;
	if (namelen <= 0 || namelen >= (int)sizeof(iv->name))
		return;
	pthread_mutex_lock(&q_lock);
	if (!q_stop && q_count < QUEUE_LEN) {
		iv = &queue[(q_head + q_count++) % QUEUE_LEN];
		iv->parent = kfs_nodeid_of_ino(parent_ino, parent_is_root != 0);
		iv->len = namelen;
		memcpy(iv->name, name, (size_t)namelen);
		iv->name[namelen] = '\0';
		pthread_cond_signal(&q_cond);
	}
	pthread_mutex_unlock(&q_lock);
}

static void *invalidator(void *unused)
{
	struct inval iv;

	(void)unused;
	pthread_mutex_lock(&q_lock);
	for (;;) {
		struct fuse_session *se;

		while (!q_count && !q_stop)
			pthread_cond_wait(&q_cond, &q_lock);
		if (q_stop)
			break;
		iv = queue[q_head];
		q_head = (q_head + 1) % QUEUE_LEN;
		q_count--;
		pthread_mutex_unlock(&q_lock);
		se = __atomic_load_n(&kfs_srv.se, __ATOMIC_ACQUIRE);
		if (se)
			fuse_lowlevel_notify_inval_entry(se, iv.parent, iv.name, (size_t)iv.len);
		pthread_mutex_lock(&q_lock);
	}
	pthread_mutex_unlock(&q_lock);
	return NULL;
}

int kfs_pressure_start(void)
{
	sigset_t all, old;
	int err;

	if (started)
		return 0;
	q_stop = false;
	q_head = q_count = 0;
	/* Signals are the session loop's business. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	err = pthread_create(&thread, NULL, invalidator, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	started = true;
	return 0;
}

void kfs_pressure_stop(void)
{
	if (!started)
		return;
	pthread_mutex_lock(&q_lock);
	q_stop = true;
	q_count = 0;
	pthread_cond_signal(&q_cond);
	pthread_mutex_unlock(&q_lock);
	pthread_join(thread, NULL);
	started = false;
}
