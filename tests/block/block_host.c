// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host-world side of the block tests: image files and the counting
 * kfs_host wrapper (see block_host.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kfs_host.h"
#include "block_host.h"

#define TMPFS_MAGIC_NR 0x01021994

int bt_dir_is_tmpfs(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) < 0)
		return 0;
	return sf.f_type == TMPFS_MAGIC_NR;
}

int bt_path_allows_direct(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int bt_make_image(const char *dir, bt_u64 size, char *path, bt_size_t pathlen)
{
	unsigned char buf[65536];
	bt_u64 off = 0;
	int fd;

	if ((size_t)snprintf(path, pathlen, "%s/kfs-block-test-XXXXXX", dir) >= pathlen)
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (off < size) {
		size_t n = size - off < sizeof(buf) ? size - off : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = bt_pattern(off + i);
		if (pwrite(fd, buf, n, off) != (ssize_t)n) {
			int err = errno ? -errno : -EIO;

			close(fd);
			unlink(path);
			return err;
		}
		off += n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		unlink(path);
		return -EIO;
	}
	return 0;
}

void bt_unlink(const char *path)
{
	unlink(path);
}

static int rw(const char *path, bt_s64 off, void *buf, bt_size_t len, int write)
{
	int fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = write ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off);
	if (r < 0)
		r = -errno;
	else if ((bt_size_t)r != len)
		r = -EIO;
	else
		r = 0;
	close(fd);
	return r;
}

int bt_pread(const char *path, bt_s64 off, void *buf, bt_size_t len)
{
	return rw(path, off, buf, len, 0);
}

int bt_pwrite(const char *path, bt_s64 off, const void *buf, bt_size_t len)
{
	return rw(path, off, (void *)buf, len, 1);
}

int bt_is_pattern(const char *path, bt_s64 off, bt_size_t len)
{
	unsigned char *buf = malloc(len);
	int ok = 1;

	if (!buf || bt_pread(path, off, buf, len)) {
		free(buf);
		return 0;
	}
	for (bt_size_t i = 0; i < len && ok; i++)
		ok = buf[i] == bt_pattern(off + i);
	free(buf);
	return ok;
}

int bt_is_zero(const char *path, bt_s64 off, bt_size_t len)
{
	unsigned char *buf = malloc(len);
	int ok = 1;

	if (!buf || bt_pread(path, off, buf, len)) {
		free(buf);
		return 0;
	}
	for (bt_size_t i = 0; i < len && ok; i++)
		ok = buf[i] == 0;
	free(buf);
	return ok;
}

bt_u64 bt_checksum(const char *path)
{
	bt_u64 h = 1469598103934665603ULL;
	unsigned char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
	close(fd);
	return h;
}

/* ------------------------------------------------------ counting table */

static struct kfs_host_ops *lower;
static struct kfs_host_ops counting;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct bt_counts counts;
static int refuse_direct;
static char oplog[4096];
static size_t oplog_len;

static void note(char op)
{
	pthread_mutex_lock(&log_lock);
	switch (op) {
	case 'R': counts.reads++; break;
	case 'W': counts.writes++; break;
	case 'F': counts.flushes++; break;
	case 'D': counts.fallocs++; break;
	}
	if (oplog_len < sizeof(oplog) - 1)
		oplog[oplog_len++] = op;
	pthread_mutex_unlock(&log_lock);
}

static int c_open(const char *path, int flags)
{
	if ((flags & KFS_OPEN_DIRECT) && __atomic_load_n(&refuse_direct, __ATOMIC_RELAXED))
		return -EINVAL;
	return lower->open(path, flags);
}

void bt_refuse_direct(int on)
{
	__atomic_store_n(&refuse_direct, on, __ATOMIC_RELAXED);
}

static kfs_ssize_t c_pread(int fd, void *buf, kfs_size_t len, kfs_s64 off)
{
	note('R');
	return lower->pread(fd, buf, len, off);
}

static kfs_ssize_t c_pwrite(int fd, const void *buf, kfs_size_t len, kfs_s64 off)
{
	note('W');
	return lower->pwrite(fd, buf, len, off);
}

static kfs_ssize_t c_preadv(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	note('R');
	return lower->preadv(fd, iov, cnt, off);
}

static kfs_ssize_t c_pwritev(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	note('W');
	return lower->pwritev(fd, iov, cnt, off);
}

static int c_fsync(int fd, int datasync)
{
	note('F');
	return lower->fsync(fd, datasync);
}

static int c_fallocate(int fd, int mode, kfs_s64 off, kfs_s64 len)
{
	note('D');
	return lower->fallocate(fd, mode, off, len);
}

static int c_aio_submit(void *ctx, long nr, struct kfs_host_iocb **iocbs)
{
	pthread_mutex_lock(&log_lock);
	counts.aio_submit_calls++;
	counts.iocbs += nr;
	pthread_mutex_unlock(&log_lock);
	for (long i = 0; i < nr; i++)
		note(iocbs[i]->op == KFS_AIO_READ ? 'R' :
		     iocbs[i]->op == KFS_AIO_WRITE ? 'W' : 'F');
	return lower->aio_submit(ctx, nr, iocbs);
}

void bt_count_install(void)
{
	lower = kfs_host;
	counting = *lower;
	counting.open = c_open;
	counting.pread = c_pread;
	counting.pwrite = c_pwrite;
	counting.preadv = c_preadv;
	counting.pwritev = c_pwritev;
	counting.fsync = c_fsync;
	counting.fallocate = c_fallocate;
	counting.aio_submit = c_aio_submit;
	bt_count_reset();
	__atomic_store_n(&kfs_host, &counting, __ATOMIC_RELEASE);
}

void bt_count_uninstall(void)
{
	bt_refuse_direct(0);
	__atomic_store_n(&kfs_host, lower, __ATOMIC_RELEASE);
}

void bt_count_reset(void)
{
	pthread_mutex_lock(&log_lock);
	memset(&counts, 0, sizeof(counts));
	oplog_len = 0;
	oplog[0] = 0;
	pthread_mutex_unlock(&log_lock);
}

void bt_count_get(struct bt_counts *c)
{
	pthread_mutex_lock(&log_lock);
	*c = counts;
	pthread_mutex_unlock(&log_lock);
}

void bt_oplog(char *buf, bt_size_t size)
{
	pthread_mutex_lock(&log_lock);
	if (size) {
		size_t n = oplog_len < size - 1 ? oplog_len : size - 1;

		memcpy(buf, oplog, n);
		buf[n] = 0;
	}
	pthread_mutex_unlock(&log_lock);
}
