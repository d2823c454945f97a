/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEST DOUBLE of kfs_api.h: a host directory served as filesystem type
 * "hostdir", for testing the FUSE adapter (fuse/) on its own, without any
 * kernel code.  Linked only into tests/fuse's kfs-hostdir program, never
 * into kfs.  The "image" is a placeholder file; the tree lives in IMAGE.d.
 *
 * Nodes are O_PATH descriptors keyed by host inode number; calls map to the
 * *at() system calls.  It runs as the caller of the test (root) and ignores
 * the credentials it is given: permission semantics are not what it tests.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kfs_api.h"
#include "kfs_mem.h"

/* It opens host files by path while serving: kfs's sandbox stays off (fuse/sandbox.c). */
const _Bool kfs_api_serves_host_files = 1;

struct kfs_node {
	struct kfs_node *next;
	int refs;
	int fd;			/* O_PATH */
	unsigned long long ino;
	struct kfs_mount *m;
};

struct kfs_mount {
	struct kfs_node *root;
	int ro;
};

struct kfs_file {
	struct kfs_node *n;
	int fd;
};

struct kfs_task {
	int interrupted;
};

#define NB 4096
static struct kfs_node *tab[NB];
static pthread_mutex_t tab_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct kfs_task self_task;

int kfs_init(void) { return 0; }
void kfs_exit(void) { }
unsigned long kfs_warn_count(void) { return 0; }
/* Nodes still in the table: the adapter's leaks show in its exit status. */
long kfs_mem_leak_report(int print)
{
	long n = 0;

	for (int i = 0; i < NB; i++)
		for (struct kfs_node *p = tab[i]; p; p = p->next)
			n++;
	if (print && n)
		fprintf(stderr, "hostdir: %ld nodes never put\n", n);
	return n;
}
void kfs_thread_adopt(const char *name) { (void)name; }
void kfs_thread_leave(void) { }
void kfs_set_cred(const struct kfs_cred *cred) { (void)cred; }
struct kfs_task *kfs_task_self(void) { return &self_task; }
void kfs_task_interrupt(struct kfs_task *t) { __atomic_store_n(&t->interrupted, 1, __ATOMIC_SEQ_CST); }
void kfs_task_clear_interrupt(void) { self_task.interrupted = 0; }
const char *kfs_fstype_name(int i) { return i == 0 ? "hostdir" : NULL; }
void kfs_set_log_handler(kfs_log_fn fn, void *ctx) { (void)fn; (void)ctx; }

static char *pp(int fd, char *buf)
{
	sprintf(buf, "/proc/self/fd/%d", fd);
	return buf;
}

/* The node for the name at (dirfd, name), new reference. */
static int node_at(struct kfs_mount *m, int dirfd, const char *name, struct kfs_node **out)
{
	struct stat st;
	struct kfs_node *n;
	unsigned int b;
	int fd = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstatat(fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
		close(fd);
		return -errno;
	}
	b = (unsigned int)(st.st_ino % NB);
	pthread_mutex_lock(&tab_lock);
	for (n = tab[b]; n; n = n->next)
		if (n->ino == st.st_ino)
			break;
	if (n) {
		n->refs++;
		close(fd);
	} else {
		n = calloc(1, sizeof(*n));
		n->refs = 1;
		n->fd = fd;
		n->ino = st.st_ino;
		n->m = m;
		n->next = tab[b];
		tab[b] = n;
	}
	pthread_mutex_unlock(&tab_lock);
	*out = n;
	return 0;
}

void kfs_node_get(struct kfs_node *n)
{
	pthread_mutex_lock(&tab_lock);
	n->refs++;
	pthread_mutex_unlock(&tab_lock);
}

void kfs_node_put(struct kfs_node *n)
{
	struct kfs_node **pp_;

	pthread_mutex_lock(&tab_lock);
	if (--n->refs == 0) {
		for (pp_ = &tab[n->ino % NB]; *pp_ != n; pp_ = &(*pp_)->next)
			;
		*pp_ = n->next;
		close(n->fd);
		free(n);
	}
	pthread_mutex_unlock(&tab_lock);
}

kfs_api_u64 kfs_node_ino(struct kfs_node *n) { return n->ino; }
kfs_api_u64 kfs_node_generation(struct kfs_node *n) { (void)n; return 0; }
struct kfs_mount *kfs_node_mount(struct kfs_node *n) { return n->m; }

int kfs_mount(const struct kfs_mount_params *p, struct kfs_mount **out)
{
	char dir[4096];
	struct kfs_mount *m = calloc(1, sizeof(*m));
	int err;

	snprintf(dir, sizeof(dir), "%s.d", p->source);
	if (p->data && strstr(p->data, "fail")) {
		free(m);
		return -EINVAL;
	}
	err = node_at(m, AT_FDCWD, dir, &m->root);
	if (err) {
		free(m);
		return err;
	}
	m->ro = p->flags & KFS_MOUNT_RDONLY;
	*out = m;
	return 0;
}

int kfs_unmount(struct kfs_mount *m)
{
	int busy = 0;

	kfs_node_put(m->root);
	for (int i = 0; i < NB; i++)
		busy += tab[i] != NULL;
	free(m);
	if (busy)
		fprintf(stderr, "hostdir: %d busy nodes at unmount\n", busy);
	return busy ? -EBUSY : 0;
}

int kfs_sync(struct kfs_mount *m, int wait) { (void)m; (void)wait; sync(); return 0; }
int kfs_is_readonly(struct kfs_mount *m) { return m->ro; }
int kfs_mount_exportable(struct kfs_mount *m) { (void)m; return 0; }
int kfs_mount_has_xattr(struct kfs_mount *m) { (void)m; return 1; }
kfs_api_u32 kfs_mount_time_gran(struct kfs_mount *m) { (void)m; return 1; }
struct kfs_node *kfs_root(struct kfs_mount *m) { kfs_node_get(m->root); return m->root; }

int kfs_statfs(struct kfs_mount *m, struct kfs_statfs *s)
{
	struct statfs f;

	if (fstatfs(m->root->fd, &f))
		return -errno;
	memset(s, 0, sizeof(*s));
	s->bsize = (kfs_api_u64)f.f_bsize;
	s->frsize = (kfs_api_u64)f.f_frsize;
	s->blocks = f.f_blocks;
	s->bfree = f.f_bfree;
	s->bavail = f.f_bavail;
	s->files = f.f_files;
	s->ffree = f.f_ffree;
	s->namelen = (kfs_api_u64)f.f_namelen;
	return 0;
}

int kfs_getattr(struct kfs_node *n, struct kfs_attr *a)
{
	struct stat st;

	if (fstatat(n->fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -errno;
	memset(a, 0, sizeof(*a));
	a->ino = st.st_ino;
	a->mode = st.st_mode;
	a->nlink = (kfs_api_u32)st.st_nlink;
	a->uid = st.st_uid;
	a->gid = st.st_gid;
	a->rdev = st.st_rdev;
	a->size = st.st_size;
	a->blocks = (kfs_api_u64)st.st_blocks;
	a->blksize = (kfs_api_u32)st.st_blksize;
	a->atime_sec = st.st_atim.tv_sec;
	a->atime_nsec = (kfs_api_u32)st.st_atim.tv_nsec;
	a->mtime_sec = st.st_mtim.tv_sec;
	a->mtime_nsec = (kfs_api_u32)st.st_mtim.tv_nsec;
	a->ctime_sec = st.st_ctim.tv_sec;
	a->ctime_nsec = (kfs_api_u32)st.st_ctim.tv_nsec;
	return 0;
}

int kfs_setattr(struct kfs_node *n, struct kfs_file *file, const struct kfs_setattr *sa,
		struct kfs_attr *out)
{
	char p[64];
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };

	(void)file;
	if (n->m->ro)
		return -EROFS;
	if ((sa->valid & KFS_SET_MODE) && chmod(pp(n->fd, p), sa->mode & 07777))
		return -errno;
	if ((sa->valid & (KFS_SET_UID | KFS_SET_GID)) &&
	    fchownat(n->fd, "", sa->valid & KFS_SET_UID ? sa->uid : (kfs_api_u32)-1,
		     sa->valid & KFS_SET_GID ? sa->gid : (kfs_api_u32)-1,
		     AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -errno;
	if ((sa->valid & KFS_SET_SIZE) && truncate(pp(n->fd, p), sa->size))
		return -errno;
	if (sa->valid & KFS_SET_ATIME) {
		ts[0].tv_sec = sa->atime_sec;
		ts[0].tv_nsec = sa->valid & KFS_SET_ATIME_NOW ? UTIME_NOW : sa->atime_nsec;
	}
	if (sa->valid & KFS_SET_MTIME) {
		ts[1].tv_sec = sa->mtime_sec;
		ts[1].tv_nsec = sa->valid & KFS_SET_MTIME_NOW ? UTIME_NOW : sa->mtime_nsec;
	}
	if ((sa->valid & (KFS_SET_ATIME | KFS_SET_MTIME)) && utimensat(AT_FDCWD, pp(n->fd, p), ts, 0))
		return -errno;
	return kfs_getattr(n, out);
}

int kfs_access(struct kfs_node *n, int mask)
{
	char p[64];

	return access(pp(n->fd, p), mask ? mask : F_OK) ? -errno : 0;
}

int kfs_lookup(struct kfs_node *dir, const char *name, struct kfs_node **out)
{
	if (strlen(name) > 255)
		return -ENAMETOOLONG;
	return node_at(dir->m, dir->fd, name, out);
}

int kfs_walk(struct kfs_mount *m, struct kfs_node *start, const char *path, int follow,
	     struct kfs_node **out)
{
	(void)m; (void)start; (void)path; (void)follow; (void)out;
	return -EOPNOTSUPP;
}

int kfs_mknod(struct kfs_node *dir, const char *name, kfs_api_u32 mode, kfs_api_u64 rdev,
	      struct kfs_node **out)
{
	if (dir->m->ro)
		return -EROFS;
	if (mknodat(dir->fd, name, mode, rdev))
		return -errno;
	return node_at(dir->m, dir->fd, name, out);
}

int kfs_mkdir(struct kfs_node *dir, const char *name, kfs_api_u32 mode, struct kfs_node **out)
{
	if (dir->m->ro)
		return -EROFS;
	if (mkdirat(dir->fd, name, mode))
		return -errno;
	return node_at(dir->m, dir->fd, name, out);
}

int kfs_symlink(struct kfs_node *dir, const char *name, const char *target,
		struct kfs_node **out)
{
	if (dir->m->ro)
		return -EROFS;
	if (symlinkat(target, dir->fd, name))
		return -errno;
	return node_at(dir->m, dir->fd, name, out);
}

int kfs_link(struct kfs_node *n, struct kfs_node *newdir, const char *newname,
	     struct kfs_node **out)
{
	if (linkat(n->fd, "", newdir->fd, newname, AT_EMPTY_PATH))
		return -errno;
	return node_at(n->m, newdir->fd, newname, out);
}

int kfs_unlink(struct kfs_node *dir, const char *name)
{
	return unlinkat(dir->fd, name, 0) ? -errno : 0;
}

int kfs_rmdir(struct kfs_node *dir, const char *name)
{
	return unlinkat(dir->fd, name, AT_REMOVEDIR) ? -errno : 0;
}

int kfs_rename(struct kfs_node *olddir, const char *oldname, struct kfs_node *newdir,
	       const char *newname, unsigned int flags)
{
	return syscall(SYS_renameat2, olddir->fd, oldname, newdir->fd, newname, flags) ? -errno : 0;
}

kfs_api_ssize_t kfs_readlink(struct kfs_node *n, char *buf, kfs_api_size_t size)
{
	ssize_t r = readlinkat(n->fd, "", buf, size);

	return r < 0 ? -errno : r;
}

static int file_of(struct kfs_node *n, int fd, struct kfs_file **out)
{
	struct kfs_file *f = calloc(1, sizeof(*f));

	kfs_node_get(n);
	f->n = n;
	f->fd = fd;
	*out = f;
	return 0;
}

static int host_flags(int flags)
{
	if ((flags & KFS_OPEN_CACHE_READ) && (flags & O_ACCMODE) == O_WRONLY)
		flags = (flags & ~O_ACCMODE) | O_RDWR;
	return (flags & ~KFS_OPEN_CACHE_READ) | O_CLOEXEC;
}

int kfs_open(struct kfs_node *n, int flags, struct kfs_file **out)
{
	char p[64];
	int fd = open(pp(n->fd, p), host_flags(flags));

	if (fd < 0)
		return -errno;
	return file_of(n, fd, out);
}

int kfs_create(struct kfs_node *dir, const char *name, kfs_api_u32 mode, int flags,
	       struct kfs_node **node, struct kfs_file **file)
{
	int fd, err;

	if (dir->m->ro)
		return -EROFS;
	fd = openat(dir->fd, name, host_flags(flags) | O_CREAT, mode);
	if (fd < 0)
		return -errno;
	err = node_at(dir->m, dir->fd, name, node);
	if (err) {
		close(fd);
		return err;
	}
	return file_of(*node, fd, file);
}

int kfs_release(struct kfs_file *f)
{
	close(f->fd);
	kfs_node_put(f->n);
	free(f);
	return 0;
}

int kfs_flush(struct kfs_file *f) { (void)f; return 0; }
int kfs_file_has_flush(struct kfs_file *f) { (void)f; return 1; }
kfs_api_s64 kfs_file_size(struct kfs_file *f) { (void)f; return 0; }
/* A new reference, as the real kfs_file_node (dget of f_path.dentry). */
struct kfs_node *kfs_file_node(struct kfs_file *f)
{
	kfs_node_get(f->n);
	return f->n;
}

kfs_api_ssize_t kfs_read(struct kfs_file *f, void *buf, kfs_api_size_t size, kfs_api_s64 off)
{
	ssize_t r = pread(f->fd, buf, size, off);

	return r < 0 ? -errno : r;
}

kfs_api_ssize_t kfs_write(struct kfs_file *f, const void *buf, kfs_api_size_t size,
			  kfs_api_s64 off)
{
	ssize_t r = pwrite(f->fd, buf, size, off);

	return r < 0 ? -errno : r;
}

int kfs_fsync(struct kfs_file *f, int datasync)
{
	return (datasync ? fdatasync(f->fd) : fsync(f->fd)) ? -errno : 0;
}

int kfs_fallocate(struct kfs_file *f, int mode, kfs_api_s64 off, kfs_api_s64 len)
{
	return fallocate(f->fd, mode, off, len) ? -errno : 0;
}

kfs_api_s64 kfs_lseek(struct kfs_file *f, kfs_api_s64 off, int whence)
{
	off_t r = lseek(f->fd, off, whence);

	return r < 0 ? -errno : r;
}

int kfs_get_flags(struct kfs_node *n, kfs_api_u32 *flags)
{
	char p[64];
	int fd = open(pp(n->fd, p), O_RDONLY | O_NONBLOCK), v = 0, err = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, FS_IOC_GETFLAGS, &v))
		err = -errno;
	close(fd);
	*flags = (kfs_api_u32)v;
	return err;
}

int kfs_set_flags(struct kfs_node *n, kfs_api_u32 flags)
{
	char p[64];
	int fd = open(pp(n->fd, p), O_RDONLY | O_NONBLOCK), v = (int)flags, err = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, FS_IOC_SETFLAGS, &v))
		err = -errno;
	close(fd);
	return err;
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int kfs_readdir(struct kfs_file *dir, kfs_api_s64 pos, kfs_dirent_fn emit, void *ctx)
{
	char buf[8192];
	long n;

	if (lseek(dir->fd, pos, SEEK_SET) < 0)
		return -errno;
	for (;;) {
		n = syscall(SYS_getdents64, dir->fd, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		for (long o = 0; o < n;) {
			struct linux_dirent64 *d = (void *)(buf + o);

			if (emit(ctx, d->d_name, (int)strlen(d->d_name), d->d_ino, d->d_type,
				 d->d_off))
				return 0;
			o += d->d_reclen;
		}
	}
}

kfs_api_ssize_t kfs_getxattr(struct kfs_node *n, const char *name, void *buf,
			     kfs_api_size_t size)
{
	char p[64];
	ssize_t r = getxattr(pp(n->fd, p), name, buf, size);

	return r < 0 ? -errno : r;
}

kfs_api_ssize_t kfs_listxattr(struct kfs_node *n, char *buf, kfs_api_size_t size)
{
	char p[64];
	ssize_t r = listxattr(pp(n->fd, p), buf, size);

	return r < 0 ? -errno : r;
}

int kfs_setxattr(struct kfs_node *n, const char *name, const void *value,
		 kfs_api_size_t size, int flags)
{
	char p[64];

	return setxattr(pp(n->fd, p), name, value, size, flags) ? -errno : 0;
}

int kfs_removexattr(struct kfs_node *n, const char *name)
{
	char p[64];

	return removexattr(pp(n->fd, p), name) ? -errno : 0;
}
