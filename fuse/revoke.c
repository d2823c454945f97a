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
 *    it with long timeouts must go.  They cannot go while the SETATTR is
 *    answered: the host holds the directory's i_rwsem for the whole
 *    request, and invalidating a name in it takes that lock.  So the
 *    directory is marked, and the names are invalidated (a) by the SETATTR
 *    worker right after its reply and (b) before the reply to the next
 *    LOOKUP of the directory itself, whichever comes first; the other waits
 *    for it.  The host marks a directory's own name stale after a mode
 *    change (fuse_setattr), so every path walk through it does make that
 *    LOOKUP first: walks are exact.  Only a walk that starts below the
 *    directory (a working directory or a descriptor inside it, or the
 *    mount's root, which has no name) relies on (a).
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

struct revoke {
	struct revoke *next;
	uint64_t nodeid;
	bool running;
};

static pthread_mutex_t revoke_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t revoke_done = PTHREAD_COND_INITIALIZER;
static struct revoke *revokes;
static int nrevokes;		/* read without the lock: the LOOKUP fast path */

bool kfs_revoke_mark(uint64_t nodeid)
{
	struct revoke *r = calloc(1, sizeof(*r));

	if (!r)
		return false;
	r->nodeid = nodeid;
	pthread_mutex_lock(&revoke_lock);
	r->next = revokes;
	revokes = r;
	__atomic_add_fetch(&nrevokes, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&revoke_lock);
	return true;
}

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
 * the daemon (kfs's own bookkeeping, not the caller's request): reading the
 * directory needs no permission of the caller's, and O_NOATIME keeps the
 * access time as it was.  Names the host has not cached answer ENOENT.
 */
void kfs_revoke_names(uint64_t nodeid)
{
	const struct kfs_cred root = { .root_caps = 1 };
	struct names nm = { 0 };
	struct kfs_file *f = NULL;
	struct kfs_node *dir;
	size_t off;

	dir = kfs_nodes_get(nodeid);
	if (!dir)
		return;
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

void kfs_revoke_run(uint64_t nodeid)
{
	struct revoke *r, **pp;

	if (!__atomic_load_n(&nrevokes, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&revoke_lock);
	for (;;) {
		for (r = revokes; r; r = r->next)
			if (r->nodeid == nodeid)
				break;
		if (!r)
			break;
		if (r->running) {
			/* Another worker is at it: the names must be gone before we answer. */
			pthread_cond_wait(&revoke_done, &revoke_lock);
			continue;
		}
		r->running = true;
		pthread_mutex_unlock(&revoke_lock);

		kfs_revoke_names(nodeid);

		pthread_mutex_lock(&revoke_lock);
		for (pp = &revokes; *pp != r; pp = &(*pp)->next)
			;
		*pp = r->next;
		__atomic_sub_fetch(&nrevokes, 1, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&revoke_done);
		free(r);
	}
	pthread_mutex_unlock(&revoke_lock);
}

void kfs_revoke_name(uint64_t parent, const char *name)
{
	fuse_lowlevel_notify_inval_entry(kfs_srv.se, parent, name, strlen(name));
}
