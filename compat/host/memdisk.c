/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory images (kfs_host_mem.h): named buffers served through the
 * host-operations table, for fuzzers and tests that have the image's bytes
 * in hand.  Test machinery, so one mutex guards everything; the fuzzer runs
 * one mount at a time anyway.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kfs_host.h"
#include "kfs_host_mem.h"

/*
 * Descriptors of memory images start here, far above anything open() gives
 * a process (RLIMIT_NOFILE), so they never collide with the host's.
 */
#define MEMDISK_FD_BASE		0x40000000
#define MEMDISK_MAX_FDS		256

struct memdisk {
	struct memdisk *next;
	char *name;
	unsigned char *data;
	kfs_u64 size;
	int opened;			/* descriptors open on it */
};

struct memfd {
	struct memdisk *disk;		/* NULL: slot free */
	int writable;
	int lock;			/* 0 none, 1 shared, 2 exclusive */
};

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct memdisk *disks;
static struct memfd fds[MEMDISK_MAX_FDS];
static const struct kfs_host_ops *next_ops = &kfs_host_default_ops;

/* ------------------------------------------------------------- registry */

static struct memdisk *find_disk(const char *name)
{
	struct memdisk *d;

	for (d = disks; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

int kfs_memdisk_register(const char *name, const void *data, kfs_size_t size)
{
	struct memdisk *d;

	if (!name || !*name || (size && !data))
		return -EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->name = strdup(name);
	/* At least one byte, so that an empty image is still a valid pointer. */
	d->data = malloc(size ? size : 1);
	if (!d->name || !d->data) {
		free(d->name);
		free(d->data);
		free(d);
		return -ENOMEM;
	}
	if (size)
		memcpy(d->data, data, size);
	d->size = size;
	pthread_mutex_lock(&mem_lock);
	if (find_disk(name)) {
		pthread_mutex_unlock(&mem_lock);
		free(d->name);
		free(d->data);
		free(d);
		return -EEXIST;
	}
	d->next = disks;
	disks = d;
	pthread_mutex_unlock(&mem_lock);
	return 0;
}

int kfs_memdisk_unregister(const char *name)
{
	struct memdisk **pp, *d;

	pthread_mutex_lock(&mem_lock);
	for (pp = &disks; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->name, name))
			break;
	d = *pp;
	if (!d) {
		pthread_mutex_unlock(&mem_lock);
		return -ENOENT;
	}
	if (d->opened) {
		pthread_mutex_unlock(&mem_lock);
		return -EBUSY;
	}
	*pp = d->next;
	pthread_mutex_unlock(&mem_lock);
	free(d->name);
	free(d->data);
	free(d);
	return 0;
}

kfs_ssize_t kfs_memdisk_peek(const char *name, void *buf, kfs_size_t size, kfs_s64 off)
{
	struct memdisk *d;
	kfs_ssize_t n = 0;

	pthread_mutex_lock(&mem_lock);
	d = find_disk(name);
	if (!d) {
		pthread_mutex_unlock(&mem_lock);
		return -ENOENT;
	}
	if (off >= 0 && (kfs_u64)off < d->size) {
		n = d->size - off < size ? d->size - off : size;
		memcpy(buf, d->data + off, n);
	}
	pthread_mutex_unlock(&mem_lock);
	return n;
}

int kfs_memdisk_open_count(void)
{
	int n = 0;

	pthread_mutex_lock(&mem_lock);
	for (int i = 0; i < MEMDISK_MAX_FDS; i++)
		n += fds[i].disk != NULL;
	pthread_mutex_unlock(&mem_lock);
	return n;
}

/* The slot of one of our descriptors, or NULL (called with mem_lock held). */
static struct memfd *memfd_get(int fd)
{
	if (fd < MEMDISK_FD_BASE || fd >= MEMDISK_FD_BASE + MEMDISK_MAX_FDS)
		return NULL;
	fd -= MEMDISK_FD_BASE;
	return fds[fd].disk ? &fds[fd] : NULL;
}

static int is_memfd(int fd)
{
	return fd >= MEMDISK_FD_BASE && fd < MEMDISK_FD_BASE + MEMDISK_MAX_FDS;
}

/* ------------------------------------------------------- data transfers */

/*
 * Copies between the image behind fd and one iovec array; the direction
 * is set by write.  Returns bytes moved or a negative errno.
 */
static kfs_ssize_t mem_rw(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off,
			  int write)
{
	struct memfd *f;
	kfs_u64 pos;
	kfs_ssize_t done = 0;

	if (off < 0 || cnt < 0)
		return -EINVAL;
	pthread_mutex_lock(&mem_lock);
	f = memfd_get(fd);
	if (!f) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	if (write && !f->writable) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	pos = off;
	for (int i = 0; i < cnt && pos < f->disk->size; i++) {
		kfs_u64 n = iov[i].len;

		if (n > f->disk->size - pos)
			n = f->disk->size - pos;
		if (write)
			memcpy(f->disk->data + pos, iov[i].base, n);
		else
			memcpy(iov[i].base, f->disk->data + pos, n);
		pos += n;
		done += n;
	}
	pthread_mutex_unlock(&mem_lock);
	/* A write that starts at or past the end: the device is full. */
	if (write && !done) {
		for (int i = 0; i < cnt; i++)
			if (iov[i].len)
				return -ENOSPC;
	}
	return done;
}

/* ------------------------------------------------------ the wrapped table */

static int mem_open(const char *path, int flags)
{
	struct memdisk *d;
	int i;

	pthread_mutex_lock(&mem_lock);
	d = find_disk(path);
	if (!d) {
		pthread_mutex_unlock(&mem_lock);
		return next_ops->open(path, flags);
	}
	if (flags & ~(KFS_OPEN_RDWR | KFS_OPEN_DIRECT | KFS_OPEN_EXCL)) {
		pthread_mutex_unlock(&mem_lock);
		return -EINVAL;
	}
	for (i = 0; i < MEMDISK_MAX_FDS; i++)
		if (!fds[i].disk)
			break;
	if (i == MEMDISK_MAX_FDS) {
		pthread_mutex_unlock(&mem_lock);
		return -EMFILE;
	}
	fds[i].disk = d;
	fds[i].writable = !!(flags & KFS_OPEN_RDWR);
	fds[i].lock = 0;
	d->opened++;
	pthread_mutex_unlock(&mem_lock);
	return MEMDISK_FD_BASE + i;
}

static int mem_close(int fd)
{
	struct memfd *f;

	if (!is_memfd(fd))
		return next_ops->close(fd);
	pthread_mutex_lock(&mem_lock);
	f = memfd_get(fd);
	if (!f) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	f->disk->opened--;
	memset(f, 0, sizeof(*f));
	pthread_mutex_unlock(&mem_lock);
	return 0;
}

static kfs_ssize_t mem_pread(int fd, void *buf, kfs_size_t len, kfs_s64 off)
{
	struct kfs_host_iovec one = { buf, len };

	if (!is_memfd(fd))
		return next_ops->pread(fd, buf, len, off);
	return mem_rw(fd, &one, 1, off, 0);
}

static kfs_ssize_t mem_pwrite(int fd, const void *buf, kfs_size_t len, kfs_s64 off)
{
	struct kfs_host_iovec one = { (void *)buf, len };

	if (!is_memfd(fd))
		return next_ops->pwrite(fd, buf, len, off);
	return mem_rw(fd, &one, 1, off, 1);
}

static kfs_ssize_t mem_preadv(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	if (!is_memfd(fd))
		return next_ops->preadv(fd, iov, cnt, off);
	return mem_rw(fd, iov, cnt, off, 0);
}

static kfs_ssize_t mem_pwritev(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	if (!is_memfd(fd))
		return next_ops->pwritev(fd, iov, cnt, off);
	return mem_rw(fd, iov, cnt, off, 1);
}

/* 0 when fd is an open memory descriptor, else -EBADF. */
static int mem_check_fd(int fd)
{
	int ok;

	pthread_mutex_lock(&mem_lock);
	ok = memfd_get(fd) != NULL;
	pthread_mutex_unlock(&mem_lock);
	return ok ? 0 : -EBADF;
}

static int mem_fsync(int fd, int datasync)
{
	if (!is_memfd(fd))
		return next_ops->fsync(fd, datasync);
	/* Memory is as durable as this image ever gets. */
	return mem_check_fd(fd);
}

static int mem_fstat(int fd, struct kfs_host_stat *st)
{
	struct memfd *f;

	if (!is_memfd(fd))
		return next_ops->fstat(fd, st);
	pthread_mutex_lock(&mem_lock);
	f = memfd_get(fd);
	if (!f) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	memset(st, 0, sizeof(*st));
	st->size = f->disk->size;
	st->logical_block_size = 512;
	st->is_blockdev = 0;
	st->mode = S_IFREG | 0600;
	pthread_mutex_unlock(&mem_lock);
	return 0;
}

static int mem_fallocate(int fd, int mode, kfs_s64 off, kfs_s64 len)
{
	struct memfd *f;

	if (!is_memfd(fd))
		return next_ops->fallocate(fd, mode, off, len);
	if (off < 0 || len <= 0 ||
	    (mode != KFS_FALLOC_PUNCH_HOLE && mode != KFS_FALLOC_ZERO_RANGE))
		return -EINVAL;
	pthread_mutex_lock(&mem_lock);
	f = memfd_get(fd);
	if (!f || !f->writable) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	/* Both read back as zeroes afterwards; the size never changes. */
	if ((kfs_u64)off < f->disk->size) {
		kfs_u64 n = f->disk->size - off;

		if ((kfs_u64)len < n)
			n = len;
		memset(f->disk->data + off, 0, n);
	}
	pthread_mutex_unlock(&mem_lock);
	return 0;
}

/* flock(LOCK_NB): conflicts come from other descriptors of the same image. */
static int mem_lock_fd(int fd, int exclusive)
{
	struct memfd *f;
	int ret = 0;

	if (!is_memfd(fd))
		return next_ops->lock(fd, exclusive);
	pthread_mutex_lock(&mem_lock);
	f = memfd_get(fd);
	if (!f) {
		pthread_mutex_unlock(&mem_lock);
		return -EBADF;
	}
	for (int i = 0; i < MEMDISK_MAX_FDS; i++) {
		if (&fds[i] == f || fds[i].disk != f->disk || !fds[i].lock)
			continue;
		if (exclusive || fds[i].lock == 2)
			ret = -EWOULDBLOCK;
	}
	if (!ret)
		f->lock = exclusive ? 2 : 1;
	pthread_mutex_unlock(&mem_lock);
	return ret;
}

/* ------------------------------------------------------------------- aio */

/*
 * Every iocb is done at submission; its completion waits in `done` until
 * aio_getevents takes it.  At most nr_events completions wait at a time,
 * as in a host ring: a fuller submission is cut short (-EAGAIN when
 * nothing fits), which the block layer handles by doing the rest itself.
 */
struct mem_aio_ctx {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct kfs_host_ioevent *done;
	unsigned int cap, head, count;
	unsigned int busy;		/* slots taken by operations under way */
};

static int mem_aio_setup(unsigned int nr_events, void **ctxp)
{
	struct mem_aio_ctx *c;
	pthread_condattr_t ca;

	if (!nr_events)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->done = calloc(nr_events, sizeof(*c->done));
	if (!c->done) {
		free(c);
		return -ENOMEM;
	}
	c->cap = nr_events;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cond, &ca);
	pthread_condattr_destroy(&ca);
	*ctxp = c;
	return 0;
}

static int mem_aio_destroy(void *ctx)
{
	struct mem_aio_ctx *c = ctx;

	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	free(c->done);
	free(c);
	return 0;
}

static kfs_s64 mem_iocb_do(struct kfs_host_iocb *k)
{
	switch (k->op) {
	case KFS_AIO_READ:
		return mem_preadv(k->fd, k->iov, k->iovcnt, k->offset);
	case KFS_AIO_WRITE:
		return mem_pwritev(k->fd, k->iov, k->iovcnt, k->offset);
	default:
		return mem_fsync(k->fd, 1);
	}
}

static int mem_aio_submit(void *ctx, long nr, struct kfs_host_iocb **iocbs)
{
	struct mem_aio_ctx *c = ctx;
	long i;

	for (i = 0; i < nr; i++)
		if (iocbs[i]->op < KFS_AIO_READ || iocbs[i]->op > KFS_AIO_FDSYNC)
			return -EINVAL;
	for (i = 0; i < nr; i++) {
		struct kfs_host_ioevent ev;
		int full;

		/* A slot is taken before the operation, so the ring never overflows. */
		pthread_mutex_lock(&c->lock);
		full = c->count + c->busy == c->cap;
		if (!full)
			c->busy++;
		pthread_mutex_unlock(&c->lock);
		if (full)
			break;
		ev.data = iocbs[i]->data;
		ev.res = mem_iocb_do(iocbs[i]);
		pthread_mutex_lock(&c->lock);
		c->busy--;
		c->done[(c->head + c->count) % c->cap] = ev;
		c->count++;
		pthread_cond_broadcast(&c->cond);
		pthread_mutex_unlock(&c->lock);
	}
	return i ? i : -EAGAIN;
}

static int mem_aio_getevents(void *ctx, long min_nr, long nr,
			     struct kfs_host_ioevent *events, kfs_s64 timeout_ns)
{
	struct mem_aio_ctx *c = ctx;
	struct timespec until;
	long n = 0;

	if (min_nr > nr)
		min_nr = nr;
	if (timeout_ns >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += timeout_ns / 1000000000;
		until.tv_nsec += timeout_ns % 1000000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
	}
	pthread_mutex_lock(&c->lock);
	while (c->count < (unsigned long)min_nr) {
		if (timeout_ns < 0)
			pthread_cond_wait(&c->cond, &c->lock);
		else if (pthread_cond_timedwait(&c->cond, &c->lock, &until) == ETIMEDOUT)
			break;
	}
	while (n < nr && c->count) {
		events[n++] = c->done[c->head];
		c->head = (c->head + 1) % c->cap;
		c->count--;
	}
	pthread_mutex_unlock(&c->lock);
	return n;
}

/* Time, entropy and the console are the wrapped table's. */
static void mem_clock_gettime(int clock, kfs_s64 *sec, long *nsec)
{
	next_ops->clock_gettime(clock, sec, nsec);
}

static int mem_getrandom(void *buf, kfs_size_t len)
{
	return next_ops->getrandom(buf, len);
}

static void mem_console_write(const char *msg, kfs_size_t len)
{
	next_ops->console_write(msg, len);
}

const struct kfs_host_ops kfs_memdisk_ops = {
	.open = mem_open,
	.close = mem_close,
	.pread = mem_pread,
	.pwrite = mem_pwrite,
	.preadv = mem_preadv,
	.pwritev = mem_pwritev,
	.fsync = mem_fsync,
	.fstat = mem_fstat,
	.fallocate = mem_fallocate,
	.lock = mem_lock_fd,
	.aio_setup = mem_aio_setup,
	.aio_destroy = mem_aio_destroy,
	.aio_submit = mem_aio_submit,
	.aio_getevents = mem_aio_getevents,
	.clock_gettime = mem_clock_gettime,
	.getrandom = mem_getrandom,
	.console_write = mem_console_write,
};

void kfs_memdisk_install(void)
{
	if (kfs_host == &kfs_memdisk_ops)
		return;
	next_ops = kfs_host;
	kfs_host = (struct kfs_host_ops *)&kfs_memdisk_ops;
}

void kfs_memdisk_uninstall(void)
{
	if (kfs_host != &kfs_memdisk_ops)
		return;
	kfs_host = (struct kfs_host_ops *)next_ops;
	next_ops = &kfs_host_default_ops;
}
