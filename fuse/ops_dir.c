/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Directories: opendir, readdir, readdirplus, releasedir, fsyncdir.
 *
 * The FUSE offset of an entry is the directory position after it (the
 * ctx->pos the filesystem's iterate_shared left), so a readdir that resumes
 * at that offset continues exactly where the filesystem would.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

void kfs_op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct kfs_file *f = NULL;
	struct kfs_node *n;
	int err = -ESTALE;

	kfs_req_enter(req);
	if ((n = kfs_nodes_get(ino))) {
		err = kfs_open(n, O_RDONLY | O_DIRECTORY, &f);
		kfs_node_put(n);
		if (!err && !kfs_open_track(fi, f))
			err = -ENOMEM;
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	/* Only kfs changes the directory; the kernel drops its copy when it does. */
	fi->keep_cache = 1;
	fi->cache_readdir = 1;
	if (fuse_reply_open(req, fi)) {
		kfs_req_enter(req);
		kfs_open_release(fi);
		kfs_req_leave(req);
	}
}

/*
 * readdirplus looks every entry up, but not from inside kfs_readdir: the
 * filesystem's iterate_shared runs under the directory's i_rwsem, and a
 * lookup takes it again.  Entries are collected first (exactly as many as
 * fit), then looked up and packed.
 */
struct plus_ent {
	kfs_api_u64 ino;
	kfs_api_s64 next;
	unsigned int dtype;
	int namelen;
	char name[];
};

struct dir_fill {
	fuse_req_t req;
	char *buf;
	size_t size, used;
	bool plus;
	int err;
	struct plus_ent **ents;
	size_t nents, capents;
};

static bool is_dot_or_dotdot(const char *name, int len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static int fill_plain(struct dir_fill *d, const char *name, kfs_api_u64 ino,
		      unsigned int dtype, kfs_api_s64 next)
{
	struct stat st;
	size_t len;

	memset(&st, 0, sizeof(st));
	st.st_ino = ino;
	st.st_mode = dtype << 12;
	len = fuse_add_direntry(d->req, d->buf + d->used, d->size - d->used, name, &st, next);
	if (len > d->size - d->used)
		return 1;	/* full: the entry stays for the next request */
	d->used += len;
	return 0;
}

static int collect_plus(struct dir_fill *d, const char *name, int namelen, kfs_api_u64 ino,
			unsigned int dtype, kfs_api_s64 next)
{
	size_t len = fuse_add_direntry_plus(d->req, NULL, 0, name, NULL, 0);
	struct plus_ent *pe;

	if (len > d->size - d->used)
		return 1;
	if (d->nents == d->capents) {
		size_t cap = d->capents ? 2 * d->capents : 64;
		struct plus_ent **ents = realloc(d->ents, cap * sizeof(*ents));

		if (!ents) {
			d->err = -ENOMEM;
			return 1;
		}
		d->ents = ents;
		d->capents = cap;
	}
	pe = malloc(sizeof(*pe) + (size_t)namelen + 1);
	if (!pe) {
		d->err = -ENOMEM;
		return 1;
	}
	pe->ino = ino;
	pe->next = next;
	pe->dtype = dtype;
	pe->namelen = namelen;
	memcpy(pe->name, name, (size_t)namelen + 1);
	d->ents[d->nents++] = pe;
	d->used += len;		/* reserved; packed for real after the lookups */
	return 0;
}

static int dir_emit(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		    unsigned int dtype, kfs_api_s64 next)
{
	struct dir_fill *d = ctx;
	char nbuf[1024];

	/* Names arrive counted; libfuse wants them NUL-terminated. */
	if (namelen <= 0 || (size_t)namelen >= sizeof(nbuf))
		return 0;
	memcpy(nbuf, name, (size_t)namelen);
	nbuf[namelen] = '\0';
	return d->plus ? collect_plus(d, nbuf, namelen, ino, dtype, next)
		       : fill_plain(d, nbuf, ino, dtype, next);
}

/* Looks the collected entries up and packs them; the nodeids go to ids. */
static void pack_plus(struct dir_fill *d, struct kfs_node *dir, uint64_t *ids, size_t *nids)
{
	double timeout = kfs_entry_timeout(dir, false);
	size_t i;

	d->used = 0;
	for (i = 0; i < d->nents; i++) {
		struct plus_ent *pe = d->ents[i];
		struct fuse_entry_param e;
		struct kfs_node *n;
		int err = -ENOENT;

		memset(&e, 0, sizeof(e));
		/* No lookup count for "." and "..": the kernel takes none. */
		if (!is_dot_or_dotdot(pe->name, pe->namelen)) {
			err = kfs_lookup(dir, pe->name, &n);
			if (!err)
				err = kfs_fill_entry(n, timeout, &e);
		}
		if (err) {
			/* "." or "..", or gone since: an entry without attributes. */
			memset(&e, 0, sizeof(e));
			e.attr.st_ino = pe->ino;
			e.attr.st_mode = pe->dtype << 12;
		} else {
			ids[(*nids)++] = e.ino;
		}
		d->used += fuse_add_direntry_plus(d->req, d->buf + d->used, d->size - d->used,
						  pe->name, &e, pe->next);
	}
}

static void do_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		       struct fuse_file_info *fi, bool plus)
{
	struct dir_fill d = {
		.req = req,
		.size = size,
		.plus = plus,
	};
	uint64_t *ids = NULL;
	size_t i, nids = 0;
	int err;

	(void)ino;
	d.buf = malloc(size);
	if (!d.buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	kfs_req_enter(req);
	err = kfs_readdir(fh_file(fi), off, dir_emit, &d);
	if (!err)
		err = d.err;
	if (d.nents || d.used)
		err = 0;	/* what was read is returned; the error comes next time */
	if (!err && plus && d.nents) {
		struct kfs_node *dir = kfs_file_node(fh_file(fi));

		ids = malloc(d.nents * sizeof(*ids));
		if (ids)
			pack_plus(&d, dir, ids, &nids);
		else
			err = -ENOMEM;
		kfs_node_put(dir);
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
	} else if (fuse_reply_buf(req, d.buf, d.used) && nids) {
		/* The kernel did not take this reply: it counted none of it. */
		kfs_req_enter(req);
		for (i = 0; i < nids; i++)
			kfs_nodes_forget(ids[i], 1);
		kfs_req_leave(req);
	}
	for (i = 0; i < d.nents; i++)
		free(d.ents[i]);
	free(d.ents);
	free(ids);
	free(d.buf);
}

void kfs_op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	do_readdir(req, ino, size, off, fi, false);
}

void kfs_op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			struct fuse_file_info *fi)
{
	do_readdir(req, ino, size, off, fi, true);
}

void kfs_op_releasedir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	kfs_req_enter(req);
	kfs_open_release(fi);
	kfs_req_leave(req);
	fuse_reply_err(req, 0);
}

void kfs_op_fsyncdir(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	int err;

	(void)ino;
	kfs_req_enter(req);
	err = kfs_fsync(fh_file(fi), datasync);
	kfs_req_leave(req);
	reply_err(req, err);
}
