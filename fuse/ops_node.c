/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Requests on nodes and names: lookup, forget, getattr, setattr, readlink,
 * access, statfs, and the namespace changes (mknod, mkdir, symlink, link,
 * unlink, rmdir, rename).  The VFS locks and permission checks each needs
 * are taken inside the kfs_api call (VFS-CONTRACT.md).
 */
#include <string.h>
#include <sys/statvfs.h>

#include "ops.h"

void kfs_attr_to_stat(const struct kfs_attr *a, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = a->ino;
	st->st_mode = a->mode;
	st->st_nlink = a->nlink;
	st->st_uid = a->uid;
	st->st_gid = a->gid;
	st->st_rdev = a->rdev;
	st->st_size = a->size;
	st->st_blocks = (blkcnt_t)a->blocks;
	st->st_blksize = a->blksize;
	st->st_atim.tv_sec = a->atime_sec;
	st->st_atim.tv_nsec = a->atime_nsec;
	st->st_mtim.tv_sec = a->mtime_sec;
	st->st_mtim.tv_nsec = a->mtime_nsec;
	st->st_ctim.tv_sec = a->ctime_sec;
	st->st_ctim.tv_nsec = a->ctime_nsec;
}

int kfs_fill_entry(struct kfs_node *n, double entry_timeout, struct fuse_entry_param *e)
{
	struct kfs_attr a;
	int err;

	memset(e, 0, sizeof(*e));
	err = kfs_getattr(n, &a);
	if (err) {
		kfs_node_put(n);
		return err;
	}
	kfs_attr_to_stat(&a, &e->attr);
	e->generation = a.generation;
	e->attr_timeout = kfs_srv.opts->attr_timeout;
	e->entry_timeout = entry_timeout;
	e->ino = kfs_nodes_remember(n, &err);
	return e->ino ? 0 : err;
}

void kfs_entry_undo(const struct fuse_entry_param *e)
{
	if (e->ino)
		kfs_nodes_forget(e->ino, 1);
}

void kfs_reply_entry(fuse_req_t req, int err, struct fuse_entry_param *e)
{
	if (err) {
		reply_err(req, err);
		return;
	}
	/* An interrupted request's reply is refused: the kernel never counted it. */
	if (fuse_reply_entry(req, e))
		kfs_entry_undo(e);
}

/* Resolves a nodeid under kfs_req_enter; NULL means a stale nodeid. */
#define NODE_OR_STALE(n, ino) ((n) = kfs_nodes_get(ino))

void kfs_op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fuse_entry_param e;
	struct kfs_node *dir, *n = NULL;
	double neg = 0;
	int err = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(dir, parent)) {
		err = kfs_lookup(dir, name, &n);
		if (!err)
			err = kfs_fill_entry(n, kfs_entry_timeout(dir, false), &e);
		else if (err == -ENOENT)
			neg = kfs_entry_timeout(dir, true);
		kfs_node_put(dir);
	}
	kfs_req_leave(req);
	/*
	 * A directory whose search permission was just narrowed: the names
	 * the host caches in it go before this walk through it goes on.
	 */
	if (!err && kfs_revoke_hold(req, &e))
		return;
	if (err == -ENOENT && neg > 0) {
		/* Cache the miss: only kfs changes this filesystem. */
		memset(&e, 0, sizeof(e));
		e.entry_timeout = neg;
		fuse_reply_entry(req, &e);
		return;
	}
	kfs_reply_entry(req, err, &e);
}

void kfs_op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	kfs_req_enter(req);
	kfs_nodes_forget(ino, nlookup);
	kfs_req_leave(req);
	fuse_reply_none(req);
}

void kfs_op_forget_multi(fuse_req_t req, size_t count, struct fuse_forget_data *forgets)
{
	size_t i;

	kfs_req_enter(req);
	for (i = 0; i < count; i++)
		kfs_nodes_forget(forgets[i].ino, forgets[i].nlookup);
	kfs_req_leave(req);
	fuse_reply_none(req);
}

void kfs_op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct kfs_attr a;
	struct kfs_node *n;
	struct stat st;
	int err = -ESTALE;

	kfs_req_enter(req);
	/* kfs_file_node gives a new reference, like kfs_nodes_get. */
	n = fi ? kfs_file_node(fh_file(fi)) : kfs_nodes_get(ino);
	if (n) {
		err = kfs_getattr(n, &a);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	kfs_attr_to_stat(&a, &st);
	fuse_reply_attr(req, &st, kfs_srv.opts->attr_timeout);
}

/* FUSE_SET_ATTR_* to the notify_change fields of kfs_setattr. */
static void setattr_from_fuse(struct kfs_setattr *sa, const struct stat *attr, int to_set)
{
	memset(sa, 0, sizeof(*sa));
	if (to_set & FUSE_SET_ATTR_MODE) {
		sa->valid |= KFS_SET_MODE;
		sa->mode = attr->st_mode;
	}
	if (to_set & FUSE_SET_ATTR_UID) {
		sa->valid |= KFS_SET_UID;
		sa->uid = attr->st_uid;
	}
	if (to_set & FUSE_SET_ATTR_GID) {
		sa->valid |= KFS_SET_GID;
		sa->gid = attr->st_gid;
	}
	if (to_set & FUSE_SET_ATTR_SIZE) {
		sa->valid |= KFS_SET_SIZE;
		sa->size = attr->st_size;
	}
	if (to_set & FUSE_SET_ATTR_ATIME_NOW) {
		sa->valid |= KFS_SET_ATIME | KFS_SET_ATIME_NOW;
	} else if (to_set & FUSE_SET_ATTR_ATIME) {
		sa->valid |= KFS_SET_ATIME;
		sa->atime_sec = attr->st_atim.tv_sec;
		sa->atime_nsec = (kfs_api_u32)attr->st_atim.tv_nsec;
	}
	if (to_set & FUSE_SET_ATTR_MTIME_NOW) {
		sa->valid |= KFS_SET_MTIME | KFS_SET_MTIME_NOW;
	} else if (to_set & FUSE_SET_ATTR_MTIME) {
		sa->valid |= KFS_SET_MTIME;
		sa->mtime_sec = attr->st_mtim.tv_sec;
		sa->mtime_nsec = (kfs_api_u32)attr->st_mtim.tv_nsec;
	}
	if (to_set & FUSE_SET_ATTR_CTIME) {
		sa->valid |= KFS_SET_CTIME;
		sa->ctime_sec = attr->st_ctim.tv_sec;
		sa->ctime_nsec = (kfs_api_u32)attr->st_ctim.tv_nsec;
	}
}

/*
 * With the writeback cache the host keeps a regular file's mtime and ctime
 * itself (fuse_do_setattr's trust_local_cmtime) and sends them as plain
 * values: "now" arrives as MTIME without MTIME_NOW, plus CTIME, both the
 * host's current time -- for touch (utimensat with NULL or UTIME_NOW
 * twice), for the times a truncate sets, and for the times writes left
 * (fuse_flush_times).  Given as explicit times they would take ownership
 * (ATTR_TIMES_SET), which none of those needs in the kernel.  An mtime
 * equal to the request's ctime is such a "now" (an explicit mtime from the
 * caller never is -- barring one that names the host's current tick to the
 * nanosecond): it becomes MTIME_NOW, so the kernel code applies the
 * permission rules of a touch and the times of its own clock.  With a size
 * change the truncate sets both times itself.
 *
 * Left as the protocol forces it: utimensat(UTIME_OMIT, UTIME_NOW) arrives
 * exactly as a flush of mtime does, and is taken as a touch (the kernel
 * would ask for ownership); without the writeback cache UTIME_NOW for atime
 * alone looks like a touch too.
 */
static void setattr_host_now(struct kfs_setattr *sa)
{
	if ((sa->valid & (KFS_SET_MTIME | KFS_SET_MTIME_NOW | KFS_SET_CTIME)) !=
	    (KFS_SET_MTIME | KFS_SET_CTIME) ||
	    sa->mtime_sec != sa->ctime_sec || sa->mtime_nsec != sa->ctime_nsec)
		return;
	sa->valid &= ~KFS_SET_CTIME;
	if (sa->valid & KFS_SET_SIZE)
		sa->valid &= ~KFS_SET_MTIME;
	else
		sa->valid |= KFS_SET_MTIME_NOW;
}

void kfs_op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
		    struct fuse_file_info *fi)
{
	struct kfs_setattr sa;
	struct kfs_attr a;
	struct kfs_node *n;
	struct revoke *mark = NULL;
	struct stat st;
	int err = -ESTALE;

	setattr_from_fuse(&sa, attr, to_set);
	kfs_req_enter(req);
	/* kfs_file_node gives a new reference, like kfs_nodes_get. */
	n = fi ? kfs_file_node(fh_file(fi)) : kfs_nodes_get(ino);
	if (n) {
		bool was_open = false;

		err = kfs_getattr(n, &a);
		if (!err && S_ISREG(a.mode) && kfs_srv.writeback)
			setattr_host_now(&sa);
		if (!err && S_ISDIR(a.mode) && (sa.valid & KFS_SET_MODE))
			was_open = kfs_dir_open_to_all(n);
		/* The mark is taken first: a chmod is not done without it. */
		if (was_open && !(mark = kfs_revoke_prepare()))
			err = -ENOMEM;
		if (!err)
			err = kfs_setattr(n, fi ? fh_file(fi) : NULL, &sa, &a);
		/*
		 * Marked before the reply, so the next LOOKUP of the directory
		 * waits for its names to go.
		 */
		if (!err && was_open && !kfs_dir_open_to_all(n)) {
			kfs_revoke_mark(mark, ino);
			mark = NULL;
		}
		kfs_revoke_discard(mark);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	kfs_attr_to_stat(&a, &st);
	fuse_reply_attr(req, &st, kfs_srv.opts->attr_timeout);
}

void kfs_op_readlink(fuse_req_t req, fuse_ino_t ino)
{
	char buf[4097];
	struct kfs_node *n;
	kfs_api_ssize_t len = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(n, ino)) {
		len = kfs_readlink(n, buf, sizeof(buf) - 1);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	if (len < 0) {
		reply_err(req, (int)len);
		return;
	}
	buf[len] = '\0';
	fuse_reply_readlink(req, buf);
}

void kfs_op_access(fuse_req_t req, fuse_ino_t ino, int mask)
{
	struct kfs_node *n;
	int err = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(n, ino)) {
		err = kfs_access(n, mask & 7);
		kfs_node_put(n);
	}
	kfs_req_leave(req);
	reply_err(req, err);
}

void kfs_op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct kfs_statfs s;
	struct statvfs v;
	int err;

	(void)ino;
	kfs_req_enter(req);
	err = kfs_statfs(kfs_srv.mnt, &s);
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.f_bsize = s.bsize;
	v.f_frsize = s.frsize ? s.frsize : s.bsize;
	v.f_blocks = s.blocks;
	v.f_bfree = s.bfree;
	v.f_bavail = s.bavail;
	v.f_files = s.files;
	v.f_ffree = s.ffree;
	v.f_favail = s.ffree;
	v.f_fsid = s.fsid;
	v.f_namemax = s.namelen;
	fuse_reply_statfs(req, &v);
}

/* ------------------------------------------------------------- namespace */

/* The four "make a name" requests differ only in the kfs_api call. */
enum make_kind { MAKE_NOD, MAKE_DIR, MAKE_SYMLINK, MAKE_LINK };

static void make_entry(fuse_req_t req, enum make_kind kind, fuse_ino_t parent,
		       const char *name, mode_t mode, dev_t rdev, const char *target,
		       fuse_ino_t src)
{
	struct fuse_entry_param e;
	struct kfs_node *dir, *n = NULL, *old;
	int err = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(dir, parent)) {
		switch (kind) {
		case MAKE_NOD:
			err = kfs_mknod(dir, name, mode, rdev, &n);
			break;
		case MAKE_DIR:
			err = kfs_mkdir(dir, name, mode, &n);
			break;
		case MAKE_SYMLINK:
			err = kfs_symlink(dir, name, target, &n);
			break;
		case MAKE_LINK:
			err = -ESTALE;
			if (NODE_OR_STALE(old, src)) {
				err = kfs_link(old, dir, name, &n);
				kfs_node_put(old);
			}
			break;
		}
		if (!err)
			err = kfs_fill_entry(n, kfs_entry_timeout(dir, false), &e);
		kfs_node_put(dir);
	}
	kfs_req_leave(req);
	kfs_reply_entry(req, err, &e);
}

void kfs_op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		  dev_t rdev)
{
	make_entry(req, MAKE_NOD, parent, name, mode, rdev, NULL, 0);
}

void kfs_op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
	make_entry(req, MAKE_DIR, parent, name, mode | S_IFDIR, 0, NULL, 0);
}

void kfs_op_symlink(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name)
{
	make_entry(req, MAKE_SYMLINK, parent, name, 0, 0, link, 0);
}

void kfs_op_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname)
{
	make_entry(req, MAKE_LINK, newparent, newname, 0, 0, NULL, ino);
}

static void remove_name(fuse_req_t req, fuse_ino_t parent, const char *name, bool dir)
{
	struct kfs_node *d;
	int err = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(d, parent)) {
		err = dir ? kfs_rmdir(d, name) : kfs_unlink(d, name);
		kfs_node_put(d);
	}
	kfs_req_leave(req);
	reply_err(req, err);
}

void kfs_op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_name(req, parent, name, false);
}

void kfs_op_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_name(req, parent, name, true);
}

void kfs_op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		   fuse_ino_t newparent, const char *newname, unsigned int flags)
{
	struct kfs_node *od, *nd;
	bool inval_new = false, inval_old = false;
	int err = -ESTALE;

	kfs_req_enter(req);
	if (NODE_OR_STALE(od, parent)) {
		if (NODE_OR_STALE(nd, newparent)) {
			/* RENAME_* share their values with KFS_RENAME_*. */
			err = kfs_rename(od, name, nd, newname, flags);
			/*
			 * The host moves its cached name, timeout and all: into
			 * a directory not open to all, it must not stay.
			 */
			if (!err) {
				inval_new = !kfs_dir_open_to_all(nd);
				inval_old = (flags & KFS_RENAME_EXCHANGE) && !kfs_dir_open_to_all(od);
			}
			kfs_node_put(nd);
		}
		kfs_node_put(od);
	}
	kfs_req_leave(req);
	reply_err(req, err);
	/* Only now: the host holds both directories' locks until the reply. */
	if (inval_new)
		kfs_revoke_name(newparent, newname);
	if (inval_old)
		kfs_revoke_name(parent, name);
}
