/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Search permission and the names the host kernel caches.
 *
 * Without default_permissions the host kernel checks no permission itself:
 * the filesystem's own checks run in kfs, at the request.  But a path walk
 * over names the host has cached sends no request at all, so the search
 * (exec) permission of the directories on the way would go unchecked.
 * Hence:
 *
 *  - Names in a directory that everybody may search (x for user, group and
 *    other, and no access ACL that could say otherwise) are cached for the
 *    configured timeouts: no caller can be refused the lookup, so skipping
 *    it changes nothing.  Names in any other directory get timeout 0, so
 *    every walk through them is a LOOKUP that kfs checks as the caller.
 *
 *  - When a chmod takes search permission away from somebody (the
 *    directory was open to all and no longer is), the names cached under
 *    it with long timeouts must go.  Invalidating a name takes the host's
 *    i_rwsem of its directory, which the host holds during the SETATTR (and
 *    during any other request on the directory): no worker may wait for
 *    it, or a request it would serve could be what the lock holder waits
 *    for.  So the SETATTR marks the directory before it replies, and one
 *    thread of its own (the revoker) invalidates the names.  The host marks
 *    a directory's own name stale after a mode change (fuse_setattr), so
 *    every path walk through it next sends a LOOKUP of it; that reply is
 *    held back, without holding the worker, until the revoker is done.
 *    Walks are exact.  Only a walk that starts below the directory (a
 *    working directory or a descriptor inside it, or the mount's root,
 *    which has no name) may still see names for the moment the revoker
 *    needs.
 *
 *  - A rename into such a directory moves a name the host may cache for
 *    long; it is invalidated right after the reply (the host holds both
 *    parents' locks during the request), see kfs_revoke_name().
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* ------------------------------------------------------------ open to all */

static bool has_access_acl(struct kfs_node *dir)
{
	kfs_api_ssize_t n = kfs_getxattr(dir, "system.posix_acl_access", NULL, 0);

	/* No ACL, or no ACLs on this filesystem; anything else: assume one. */
	return !(n == -ENODATA || n == -EOPNOTSUPP);
}

bool kfs_dir_open_to_all(struct kfs_node *dir)
{
	struct kfs_attr a;

	if (kfs_srv.opts->default_permissions)
		return true;	/* the host checks every walk itself */
	if (kfs_getattr(dir, &a))
		return false;
	return (a.mode & 0111) == 0111 && !has_access_acl(dir);
}

double kfs_entry_timeout(struct kfs_node *dir, bool negative)
{
	if (!kfs_dir_open_to_all(dir))
		return 0;
	return negative ? kfs_srv.opts->negative_timeout : kfs_srv.opts->entry_timeout;
}

/* ------------------------------------------------- marked directories */

struct held_reply {
	struct held_reply *next;
	fuse_req_t req;
	struct fuse_entry_param e;
};

struct revoke {
	struct revoke *next;
	uint64_t nodeid;
	bool running;
	struct held_reply *held;	/* LOOKUPs of the directory, answered when done */
};

static pthread_mutex_t revoke_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t revoke_work = PTHREAD_COND_INITIALIZER;
static struct revoke *revokes;	/* newest first */
static int nrevokes;		/* read without the lock: the LOOKUP fast path */
static bool revoker_started, revoker_stop;	/* main thread / under the lock */
static pthread_t revoker;

struct names {
	char *buf;
	size_t len, cap;
};

static int collect(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		   unsigned int dtype, kfs_api_s64 next)
{
	struct names *nm = ctx;
	size_t need = (size_t)namelen + 1;

	(void)ino;
	(void)dtype;
	(void)next;
	if ((namelen == 1 && name[0] == '.') ||
	    (namelen == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	if (nm->len + need > nm->cap) {
		size_t cap = nm->cap ? 2 * nm->cap : 4096;
		char *b;

		while (cap < nm->len + need)
			cap *= 2;
		b = realloc(nm->buf, cap);
		if (!b)
			return 1;	/* what was collected still goes */
		nm->buf = b;
		nm->cap = cap;
	}
	memcpy(nm->buf + nm->len, name, (size_t)namelen);
	nm->buf[nm->len + (size_t)namelen] = '\0';
	nm->len += need;
	return 0;
}

/*
 * Invalidates every name of the directory in the host's cache.  Runs as
 * the daemon (kfs's own bookkeeping, not a caller's request): reading the
 * directory needs no permission of anybody's, and O_NOATIME keeps its access
 * time as it was.  Names the host has not cached answer ENOENT.
 */
static void revoke_names(uint64_t nodeid)
{
	const struct kfs_cred root = { .root_caps = 1 };
	struct names nm = { 0 };
	struct kfs_file *f = NULL;
	struct kfs_node *dir;
	size_t off;

	dir = kfs_nodes_get(nodeid);
	if (!dir)
		return;		/* forgotten: the host caches nothing under it */
	kfs_set_cred(&root);
	if (!kfs_open(dir, O_RDONLY | O_DIRECTORY | O_NOATIME, &f)) {
		kfs_readdir(f, 0, collect, &nm);
		kfs_release(f);
	}
	kfs_node_put(dir);
	for (off = 0; off < nm.len; off += strlen(nm.buf + off) + 1)
		fuse_lowlevel_notify_inval_entry(kfs_srv.se, nodeid, nm.buf + off,
						 strlen(nm.buf + off));
	free(nm.buf);
}

static void answer_held(struct held_reply *h)
{
	while (h) {
		struct held_reply *next = h->next;

		kfs_reply_entry(h->req, 0, &h->e);
		free(h);
		h = next;
	}
}

static void *revoker_main(void *unused)
{
	struct revoke *r, **pp;
	struct held_reply *held;

	(void)unused;
	kfs_thread_adopt("kfs-revoke");
	pthread_mutex_lock(&revoke_lock);
	for (;;) {
		/* The oldest waiting one: marks are served in order. */
		struct revoke *todo = NULL;

		for (r = revokes; r; r = r->next)
			if (!r->running)
				todo = r;
		if (!todo) {
			if (revoker_stop)
				break;
			pthread_cond_wait(&revoke_work, &revoke_lock);
			continue;
		}
		todo->running = true;
		pthread_mutex_unlock(&revoke_lock);

		revoke_names(todo->nodeid);

		pthread_mutex_lock(&revoke_lock);
		for (pp = &revokes; *pp != todo; pp = &(*pp)->next)
			;
		*pp = todo->next;
		__atomic_sub_fetch(&nrevokes, 1, __ATOMIC_RELEASE);
		held = todo->held;
		pthread_mutex_unlock(&revoke_lock);
		answer_held(held);
		free(todo);
		pthread_mutex_lock(&revoke_lock);
	}
	pthread_mutex_unlock(&revoke_lock);
	kfs_thread_leave();
	return NULL;
}

int kfs_revoke_start(void)
{
	int err = pthread_create(&revoker, NULL, revoker_main, NULL);

	revoker_started = !err;
	return -err;
}

struct revoke *kfs_revoke_prepare(void)
{
	return calloc(1, sizeof(struct revoke));
}

void kfs_revoke_discard(struct revoke *r)
{
	free(r);
}

void kfs_revoke_mark(struct revoke *r, uint64_t nodeid)
{
	r->nodeid = nodeid;
	pthread_mutex_lock(&revoke_lock);
	r->next = revokes;
	revokes = r;
	__atomic_add_fetch(&nrevokes, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&revoke_work);
	pthread_mutex_unlock(&revoke_lock);
}

bool kfs_revoke_hold(fuse_req_t req, const struct fuse_entry_param *e)
{
	struct held_reply *h;
	struct revoke *r;
	bool oom;

	if (!__atomic_load_n(&nrevokes, __ATOMIC_ACQUIRE))
		return false;
	h = malloc(sizeof(*h));
	pthread_mutex_lock(&revoke_lock);
	/* The newest mark of the directory: its names go last. */
	for (r = revokes; r; r = r->next)
		if (r->nodeid == e->ino)
			break;
	oom = r && !h;
	if (r && h) {
		h->req = req;
		h->e = *e;
		h->next = r->held;
		r->held = h;
		h = NULL;
	}
	pthread_mutex_unlock(&revoke_lock);
	free(h);
	if (oom) {
		/* No memory to hold the reply: give up the lookup, never the check. */
		kfs_entry_undo(e);
		fuse_reply_err(req, ENOMEM);
	}
	return r != NULL;
}

void kfs_revoke_stop(void)
{
	if (!revoker_started)
		return;
	pthread_mutex_lock(&revoke_lock);
	revoker_stop = true;
	pthread_cond_signal(&revoke_work);
	pthread_mutex_unlock(&revoke_lock);
	pthread_join(revoker, NULL);
	revoker_started = false;
}

void kfs_revoke_name(uint64_t parent, const char *name)
{
	fuse_lowlevel_notify_inval_entry(kfs_srv.se, parent, name, strlen(name));
}
