/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-floor: a FUSE lowlevel server that does no work, the floor of the
 * benchmarks.  Names, modes and sizes live in memory; reads return zeros;
 * writes only extend sizes (the data is copied out of the request once, as
 * any server that keeps data must).  It negotiates exactly what kfs does
 * (fuse/ops_table.c kfs_op_init, fuse/serve.c run_loop, the timeouts of
 * fuse/main.c), so what kfs spends above it is kfs's own work.
 *
 *   kfs-floor [-f] [-s] [-d] [-o noopen] MOUNTPOINT
 *
 * -o noopen answers OPEN and OPENDIR with ENOSYS: the kernel then sends no
 * OPEN, RELEASE or FLUSH at all (the "tuned floor" of issue 11).
 */
#define FUSE_USE_VERSION 312
#define _GNU_SOURCE
#include <errno.h>
#include <fuse_lowlevel.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_WRITE	((1u << 20) - 4096)	/* as kfs: fits the 1 MiB pipe */
#define TIMEOUT		86400.0			/* kfs's default timeouts */
#define NBUCKETS	(1u << 17)

struct node {
	fuse_ino_t ino;
	struct stat st;
	/* directory: children in creation order; removed ones are NULL */
	struct dirent_f **kids;
	size_t nkids, capkids;
};

struct dirent_f {
	struct dirent_f *hnext;		/* hash chain */
	fuse_ino_t parent;
	struct node *node;
	size_t slot;			/* index in the parent's kids */
	char name[];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct node **nodes;
static size_t nnodes, capnodes;
static struct dirent_f *buckets[NBUCKETS];
static bool noopen;
static __thread char *tbuf;

static unsigned int hash(fuse_ino_t parent, const char *name)
{
	unsigned int h = 2166136261u ^ (unsigned int)parent;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h & (NBUCKETS - 1);
}

static struct node *new_node(mode_t mode, const struct fuse_ctx *ctx)
{
	struct node *n = calloc(1, sizeof(*n));
	struct timespec now;

	if (!n)
		return NULL;
	if (nnodes == capnodes) {
		size_t cap = capnodes ? 2 * capnodes : 1024;
		struct node **p = realloc(nodes, cap * sizeof(*p));

		if (!p) {
			free(n);
			return NULL;
		}
		nodes = p;
		capnodes = cap;
	}
	if (nnodes == 0)
		nodes[nnodes++] = NULL;		/* nodeid 0 is not a node */
	n->ino = nnodes;
	nodes[nnodes++] = n;
	clock_gettime(CLOCK_REALTIME, &now);
	n->st.st_ino = n->ino;
	n->st.st_mode = mode;
	n->st.st_nlink = S_ISDIR(mode) ? 2 : 1;
	n->st.st_uid = ctx ? ctx->uid : 0;
	n->st.st_gid = ctx ? ctx->gid : 0;
	n->st.st_blksize = 4096;
	n->st.st_atim = n->st.st_mtim = n->st.st_ctim = now;
	return n;
}

static struct node *get(fuse_ino_t ino)
{
	return ino < nnodes ? nodes[ino] : NULL;
}

static struct dirent_f **find(fuse_ino_t parent, const char *name)
{
	struct dirent_f **p = &buckets[hash(parent, name)];

	for (; *p; p = &(*p)->hnext)
		if ((*p)->parent == parent && !strcmp((*p)->name, name))
			return p;
	return p;
}

static int link_name(struct node *dir, const char *name, struct node *n)
{
	struct dirent_f **p = find(dir->ino, name), *d;

	if (*p)
		return EEXIST;
	if (dir->nkids == dir->capkids) {
		size_t cap = dir->capkids ? 2 * dir->capkids : 16;
		struct dirent_f **k = realloc(dir->kids, cap * sizeof(*k));

		if (!k)
			return ENOMEM;
		dir->kids = k;
		dir->capkids = cap;
	}
	d = malloc(sizeof(*d) + strlen(name) + 1);
	if (!d)
		return ENOMEM;
	strcpy(d->name, name);
	d->parent = dir->ino;
	d->node = n;
	d->slot = dir->nkids;
	d->hnext = NULL;
	*p = d;
	dir->kids[dir->nkids++] = d;
	return 0;
}

static void unlink_entry(struct dirent_f **p)
{
	struct dirent_f *d = *p;

	*p = d->hnext;
	nodes[d->parent]->kids[d->slot] = NULL;
	free(d);
}

static void fill_entry(struct node *n, struct fuse_entry_param *e)
{
	memset(e, 0, sizeof(*e));
	e->ino = n->ino;
	e->attr = n->st;
	e->attr_timeout = TIMEOUT;
	e->entry_timeout = TIMEOUT;
}

static void op_init(void *userdata, struct fuse_conn_info *conn)
{
	unsigned int on = FUSE_CAP_ASYNC_READ | FUSE_CAP_ATOMIC_O_TRUNC |
			  FUSE_CAP_PARALLEL_DIROPS | FUSE_CAP_DONT_MASK |
			  FUSE_CAP_IOCTL_DIR | FUSE_CAP_EXPORT_SUPPORT |
			  FUSE_CAP_READDIRPLUS | FUSE_CAP_READDIRPLUS_AUTO |
			  FUSE_CAP_WRITEBACK_CACHE |
			  FUSE_CAP_SPLICE_WRITE | FUSE_CAP_SPLICE_MOVE |
			  FUSE_CAP_CACHE_SYMLINKS;
	/* as kfs: requests are read, not spliced (fuse/ops_table.c says why) */
	unsigned int off = FUSE_CAP_SPLICE_READ | FUSE_CAP_AUTO_INVAL_DATA | FUSE_CAP_HANDLE_KILLPRIV |
			   FUSE_CAP_POSIX_LOCKS | FUSE_CAP_FLOCK_LOCKS | FUSE_CAP_POSIX_ACL;

	(void)userdata;
	conn->want |= on & conn->capable;
	conn->want &= ~off;
	conn->max_write = MAX_WRITE;
	conn->max_read = 0;
	conn->max_readahead = 1u << 20;
	conn->max_background = 64;
	conn->congestion_threshold = 48;
	conn->time_gran = 1;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fuse_entry_param e;
	struct dirent_f **p;
	struct node *n = NULL;

	pthread_mutex_lock(&lock);
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		n = get(parent);		/* export support: "." only */
	else if (*(p = find(parent, name)))
		n = (*p)->node;
	if (n)
		fill_entry(n, &e);
	pthread_mutex_unlock(&lock);
	if (!n) {
		memset(&e, 0, sizeof(e));
		e.entry_timeout = TIMEOUT;	/* a cached negative entry, as kfs */
		fuse_reply_entry(req, &e);
		return;
	}
	fuse_reply_entry(req, &e);
}

static void op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	(void)ino;
	(void)nlookup;
	fuse_reply_none(req);
}

static void op_forget_multi(fuse_req_t req, size_t count, struct fuse_forget_data *f)
{
	(void)count;
	(void)f;
	fuse_reply_none(req);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct node *n;
	struct stat st;

	(void)fi;
	pthread_mutex_lock(&lock);
	n = get(ino);
	if (n)
		st = n->st;
	pthread_mutex_unlock(&lock);
	if (!n)
		fuse_reply_err(req, ENOENT);
	else
		fuse_reply_attr(req, &st, TIMEOUT);
}

static void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
		       struct fuse_file_info *fi)
{
	struct timespec now;
	struct node *n;
	struct stat st;

	(void)fi;
	clock_gettime(CLOCK_REALTIME, &now);
	pthread_mutex_lock(&lock);
	n = get(ino);
	if (n) {
		if (to_set & FUSE_SET_ATTR_MODE)
			n->st.st_mode = (n->st.st_mode & S_IFMT) | (attr->st_mode & 07777);
		if (to_set & FUSE_SET_ATTR_UID)
			n->st.st_uid = attr->st_uid;
		if (to_set & FUSE_SET_ATTR_GID)
			n->st.st_gid = attr->st_gid;
		if (to_set & FUSE_SET_ATTR_SIZE)
			n->st.st_size = attr->st_size;
		if (to_set & FUSE_SET_ATTR_ATIME)
			n->st.st_atim = attr->st_atim;
		if (to_set & FUSE_SET_ATTR_ATIME_NOW)
			n->st.st_atim = now;
		if (to_set & FUSE_SET_ATTR_MTIME)
			n->st.st_mtim = attr->st_mtim;
		if (to_set & FUSE_SET_ATTR_MTIME_NOW)
			n->st.st_mtim = now;
		n->st.st_ctim = now;
		st = n->st;
	}
	pthread_mutex_unlock(&lock);
	if (!n)
		fuse_reply_err(req, ENOENT);
	else
		fuse_reply_attr(req, &st, TIMEOUT);
}

static void make(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		 struct fuse_file_info *fi)
{
	struct fuse_entry_param e;
	struct node *dir, *n = NULL;
	int err = ENOENT;

	pthread_mutex_lock(&lock);
	dir = get(parent);
	if (dir && (n = new_node(mode, fuse_req_ctx(req)))) {
		err = link_name(dir, name, n);
		if (!err) {
			if (S_ISDIR(mode))
				dir->st.st_nlink++;
			fill_entry(n, &e);
		}
	} else if (dir) {
		err = ENOMEM;
	}
	pthread_mutex_unlock(&lock);
	if (err)
		fuse_reply_err(req, err);
	else if (fi)
		fuse_reply_create(req, &e, fi);
	else
		fuse_reply_entry(req, &e);
}

static void op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		     dev_t rdev)
{
	(void)rdev;
	make(req, parent, name, mode, NULL);
}

static void op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
	make(req, parent, name, mode | S_IFDIR, NULL);
}

static void op_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		      struct fuse_file_info *fi)
{
	fi->keep_cache = 1;
	make(req, parent, name, mode, fi);
}

static bool dir_empty(struct node *n)
{
	size_t i;

	for (i = 0; i < n->nkids; i++)
		if (n->kids[i])
			return false;
	return true;
}

static void remove_name(fuse_req_t req, fuse_ino_t parent, const char *name, bool isdir)
{
	struct dirent_f **p;
	int err = ENOENT;

	pthread_mutex_lock(&lock);
	p = find(parent, name);
	if (*p) {
		struct node *n = (*p)->node;

		if (isdir != S_ISDIR(n->st.st_mode))
			err = isdir ? ENOTDIR : EISDIR;
		else if (isdir && !dir_empty(n))
			err = ENOTEMPTY;
		else {
			if (isdir)
				nodes[parent]->st.st_nlink--;
			n->st.st_nlink--;
			unlink_entry(p);
			err = 0;
		}
	}
	pthread_mutex_unlock(&lock);
	fuse_reply_err(req, err);
}

static void op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_name(req, parent, name, false);
}

static void op_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_name(req, parent, name, true);
}

static void op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		      fuse_ino_t newparent, const char *newname, unsigned int flags)
{
	struct dirent_f **p, **q;
	struct node *n;
	int err = ENOENT;

	if (flags) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	pthread_mutex_lock(&lock);
	p = find(parent, name);
	if (*p && get(newparent)) {
		n = (*p)->node;
		unlink_entry(p);
		q = find(newparent, newname);
		if (*q)
			unlink_entry(q);
		err = link_name(nodes[newparent], newname, n);
	}
	pthread_mutex_unlock(&lock);
	fuse_reply_err(req, err);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	if (noopen) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	fi->keep_cache = 1;
	fuse_reply_open(req, fi);
}

static void op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	if (noopen) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	fi->keep_cache = 1;
	fi->cache_readdir = 1;
	fuse_reply_open(req, fi);
}

static void op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	(void)fi;
	fuse_reply_err(req, 0);
}

static void op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	(void)fi;
	fuse_reply_err(req, 0);
}

static void op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	(void)ino;
	(void)datasync;
	(void)fi;
	fuse_reply_err(req, 0);
}

static char *thread_buf(void)
{
	if (!tbuf)
		tbuf = calloc(1, MAX_WRITE + 4096);
	return tbuf;
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	struct fuse_bufvec bv = FUSE_BUFVEC_INIT(0);
	struct node *n;
	off_t fsize = 0;
	char *buf = thread_buf();

	(void)fi;
	pthread_mutex_lock(&lock);
	n = get(ino);
	if (n)
		fsize = n->st.st_size;
	pthread_mutex_unlock(&lock);
	if (!buf || size > MAX_WRITE + 4096) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if (off >= fsize)
		size = 0;
	else if ((off_t)size > fsize - off)
		size = (size_t)(fsize - off);
	bv.buf[0].mem = buf;		/* always zeros: writes never land here */
	bv.buf[0].size = size;
	fuse_reply_data(req, &bv, 0);
}

static void op_write_buf(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off,
			 struct fuse_file_info *fi)
{
	static __thread char *wbuf;
	size_t len = fuse_buf_size(bufv);
	struct fuse_bufvec mem = FUSE_BUFVEC_INIT(len);
	struct node *n;
	ssize_t got;

	(void)fi;
	if (!wbuf)
		wbuf = malloc(MAX_WRITE + 4096);
	if (!wbuf || len > MAX_WRITE + 4096) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	/* The one copy every server that keeps data makes. */
	mem.buf[0].mem = wbuf;
	got = fuse_buf_copy(&mem, bufv, 0);
	if (got < 0) {
		fuse_reply_err(req, (int)-got);
		return;
	}
	pthread_mutex_lock(&lock);
	n = get(ino);
	if (n && off + got > n->st.st_size)
		n->st.st_size = off + got;
	pthread_mutex_unlock(&lock);
	fuse_reply_write(req, (size_t)got);
}

static void reply_dir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, bool plus)
{
	char *buf = malloc(size), *p;
	size_t used = 0, len;
	struct node *dir;

	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	pthread_mutex_lock(&lock);
	dir = get(ino);
	if (!dir) {
		pthread_mutex_unlock(&lock);
		free(buf);
		fuse_reply_err(req, ENOENT);
		return;
	}
	/* offsets: 1 ".", 2 "..", 3 + i the i-th child */
	for (; (size_t)off < dir->nkids + 2; off++) {
		struct fuse_entry_param e;
		const char *name;
		struct node *n;

		if (off == 0 || off == 1) {
			name = off ? ".." : ".";
			n = dir;
		} else {
			struct dirent_f *d = dir->kids[off - 2];

			if (!d)
				continue;
			name = d->name;
			n = d->node;
		}
		p = buf + used;
		if (plus) {
			if (off < 2) {
				memset(&e, 0, sizeof(e));
				e.attr.st_ino = n->ino;
				e.attr.st_mode = S_IFDIR;
			} else {
				fill_entry(n, &e);
			}
			len = fuse_add_direntry_plus(req, p, size - used, name, &e, off + 1);
		} else {
			len = fuse_add_direntry(req, p, size - used, name, &n->st, off + 1);
		}
		if (len > size - used)
			break;
		used += len;
	}
	pthread_mutex_unlock(&lock);
	fuse_reply_buf(req, buf, used);
	free(buf);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		       struct fuse_file_info *fi)
{
	(void)fi;
	reply_dir(req, ino, size, off, false);
}

static void op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			   struct fuse_file_info *fi)
{
	(void)fi;
	reply_dir(req, ino, size, off, true);
}

static void op_releasedir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	op_release(req, ino, fi);
}

static void op_fsyncdir(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	op_fsync(req, ino, datasync, fi);
}

static void op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct statvfs sv;

	(void)ino;
	memset(&sv, 0, sizeof(sv));
	sv.f_bsize = sv.f_frsize = 4096;
	sv.f_blocks = sv.f_bfree = sv.f_bavail = 1u << 24;
	sv.f_files = sv.f_ffree = 1u << 24;
	sv.f_namemax = 255;
	fuse_reply_statfs(req, &sv);
}

static const struct fuse_lowlevel_ops ops = {
	.init = op_init, .lookup = op_lookup, .forget = op_forget,
	.forget_multi = op_forget_multi, .getattr = op_getattr, .setattr = op_setattr,
	.mknod = op_mknod, .mkdir = op_mkdir, .unlink = op_unlink, .rmdir = op_rmdir,
	.rename = op_rename, .open = op_open, .read = op_read, .write_buf = op_write_buf,
	.flush = op_flush, .release = op_release, .fsync = op_fsync,
	.opendir = op_opendir, .readdir = op_readdir, .readdirplus = op_readdirplus,
	.releasedir = op_releasedir, .fsyncdir = op_fsyncdir, .statfs = op_statfs,
	.create = op_create,
};

static int usage(void)
{
	fprintf(stderr, "usage: kfs-floor [-f] [-s] [-d] [-o noopen] MOUNTPOINT\n");
	return 2;
}

int main(int argc, char **argv)
{
	char *fargv[] = { argv[0], "-o", "fsname=kfs-floor,subtype=kfs-floor", NULL, NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, fargv);
	bool foreground = false, single = false;
	const char *mnt = NULL;
	struct fuse_session *se;
	struct fuse_loop_config *cfg;
	long ncpu;
	unsigned int threads;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f"))
			foreground = true;
		else if (!strcmp(argv[i], "-s"))
			single = true;
		else if (!strcmp(argv[i], "-d"))	/* FUSE traffic on stderr */
			fargv[args.argc++] = "-d", foreground = true;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc && !strcmp(argv[i + 1], "noopen"))
			noopen = true, i++;
		else if (argv[i][0] != '-' && !mnt)
			mnt = argv[i];
		else
			return usage();
	}
	if (!mnt)
		return usage();
	pthread_mutex_lock(&lock);
	if (!new_node(S_IFDIR | 0755, NULL)) {
		fprintf(stderr, "kfs-floor: out of memory\n");
		return 1;
	}
	pthread_mutex_unlock(&lock);
	se = fuse_session_new(&args, &ops, sizeof(ops), NULL);
	if (!se)
		return 1;
	if (fuse_set_signal_handlers(se) || fuse_session_mount(se, mnt)) {
		fprintf(stderr, "kfs-floor: cannot mount on %s\n", mnt);
		fuse_session_destroy(se);
		return 1;
	}
	if (fuse_daemonize(foreground))
		return 1;
	if (single) {
		ret = fuse_session_loop(se);
	} else {
		/* as fuse/serve.c run_loop */
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = (unsigned int)(ncpu > 4 ? (ncpu > 32 ? 64 : 2 * ncpu) : 8);
		cfg = fuse_loop_cfg_create();
		if (!cfg)
			return 1;
		fuse_loop_cfg_set_max_threads(cfg, threads);
		fuse_loop_cfg_set_idle_threads(cfg, threads);
		fuse_loop_cfg_set_clone_fd(cfg, 1);
		ret = fuse_session_loop_mt(se, cfg);
		fuse_loop_cfg_destroy(cfg);
	}
	fuse_session_unmount(se);
	fuse_remove_signal_handlers(se);
	fuse_session_destroy(se);
	return ret < 0 ? 1 : 0;
}
