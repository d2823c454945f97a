/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The default host-operations table (kfs_host.h): every system call compat/
 * makes on an image, a clock or the console, done the plain way on Linux.
 *
 * Conventions shared by every operation here:
 *  - failures come back as a negative errno, never through errno itself;
 *  - an interrupted call (EINTR) is retried, so callers never see -EINTR;
 *  - a short transfer is returned as it is: deciding to retry the rest is the
 *    caller's business (the block layer does, see compat/block);
 *  - nothing falls back silently: O_DIRECT refused by the host (tmpfs says
 *    EINVAL) is reported, and the block layer decides to reopen buffered.
 *    The two fallbacks below are the documented exceptions: zeroing a range
 *    by writing zeroes when the file system has no FALLOC_FL_ZERO_RANGE, and a
 *    synchronous fdatasync when the host kernel refuses IOCB_CMD_FDSYNC.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <libaio.h>
#include <limits.h>
#include <stdio.h>
#include <linux/fs.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "kfs_host.h"

/* kfs_host_iovec is handed to the kernel as a struct iovec unchanged. */
static_assert(sizeof(struct kfs_host_iovec) == sizeof(struct iovec), "iovec size");
static_assert(offsetof(struct kfs_host_iovec, base) == offsetof(struct iovec, iov_base),
	      "iovec base");
static_assert(offsetof(struct kfs_host_iovec, len) == offsetof(struct iovec, iov_len),
	      "iovec len");

/* libaio's iocb lives inside kfs_host_iocb.host_private. */
static_assert(sizeof(struct iocb) <= sizeof(((struct kfs_host_iocb *)0)->host_private),
	      "struct iocb does not fit in kfs_host_iocb.host_private");
static_assert(offsetof(struct kfs_host_iocb, host_private) % _Alignof(struct iocb) == 0,
	      "kfs_host_iocb.host_private is not aligned for struct iocb");

/*
 * io_submit happens before the io_getevents that returns its completion,
 * but ThreadSanitizer cannot see through the host kernel: say so, per iocb,
 * or every access the completing thread makes to what the submitter wrote
 * is reported as a race.
 */
#if defined(__SANITIZE_THREAD__)
#define HOST_AIO_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HOST_AIO_TSAN 1
#endif
#endif
#ifdef HOST_AIO_TSAN
#include <sanitizer/tsan_interface.h>
#define aio_handoff_release(k)	__tsan_release(k)
#define aio_handoff_acquire(k)	__tsan_acquire(k)
#else
#define aio_handoff_release(k)	do { } while (0)
#define aio_handoff_acquire(k)	do { } while (0)
#endif

/* Events fetched from the host per aio_getevents call (a stack array). */
#define HOST_AIO_BATCH 128

static int neg_errno(void)
{
	return errno ? -errno : -EIO;
}

static int host_open(const char *path, int flags)
{
	int oflags = O_CLOEXEC;
	int fd;

	if (flags & ~(KFS_OPEN_RDWR | KFS_OPEN_DIRECT | KFS_OPEN_EXCL))
		return -EINVAL;
	oflags |= (flags & KFS_OPEN_RDWR) ? O_RDWR : O_RDONLY;
	if (flags & KFS_OPEN_DIRECT)
		oflags |= O_DIRECT;
	if (flags & KFS_OPEN_EXCL)
		oflags |= O_EXCL;
	do {
		fd = open(path, oflags);
	} while (fd < 0 && errno == EINTR);
	return fd < 0 ? neg_errno() : fd;
}

static int host_close(int fd)
{
	/*
	 * Linux releases the descriptor even when close() reports EINTR, so
	 * retrying could close a descriptor another thread just opened.
	 */
	if (close(fd) < 0 && errno != EINTR)
		return neg_errno();
	return 0;
}

static kfs_ssize_t host_pread(int fd, void *buf, kfs_size_t len, kfs_s64 off)
{
	ssize_t r;

	do {
		r = pread(fd, buf, len, off);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : r;
}

static kfs_ssize_t host_pwrite(int fd, const void *buf, kfs_size_t len, kfs_s64 off)
{
	ssize_t r;

	do {
		r = pwrite(fd, buf, len, off);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : r;
}

static kfs_ssize_t host_preadv(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	ssize_t r;

	do {
		r = preadv(fd, (const struct iovec *)iov, cnt, off);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : r;
}

static kfs_ssize_t host_pwritev(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	ssize_t r;

	do {
		r = pwritev(fd, (const struct iovec *)iov, cnt, off);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : r;
}

static int host_fsync(int fd, int datasync)
{
	int r;

	do {
		r = datasync ? fdatasync(fd) : fsync(fd);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : 0;
}

static int host_fstat(int fd, struct kfs_host_stat *st)
{
	struct stat sb;

	if (fstat(fd, &sb) < 0)
		return neg_errno();
	memset(st, 0, sizeof(*st));
	st->mode = sb.st_mode;
	if (S_ISBLK(sb.st_mode)) {
		unsigned long long bytes;
		int lbs;

		if (ioctl(fd, BLKGETSIZE64, &bytes) < 0 || ioctl(fd, BLKSSZGET, &lbs) < 0)
			return neg_errno();
		st->size = bytes;
		st->logical_block_size = lbs;
		st->is_blockdev = 1;
	} else {
		st->size = sb.st_size;
		/* A file image behaves like a disk with 512-byte sectors. */
		st->logical_block_size = 512;
	}
	return 0;
}

/*
 * Zeroes [off, off+len) of a regular file by writing zeroes, for file
 * systems without FALLOC_FL_ZERO_RANGE.  Like ZERO_RANGE|KEEP_SIZE it never
 * grows the file: what lies past the end already reads as zeroes.  The buffer
 * is page aligned so that O_DIRECT descriptors accept it (the block layer
 * only asks for sector-aligned ranges).
 */
static int zero_by_writing(int fd, kfs_s64 off, kfs_s64 len)
{
	const size_t chunk = 64 * 1024;
	struct stat sb;
	void *zero;
	int ret = 0;

	if (fstat(fd, &sb) < 0)
		return neg_errno();
	if (off >= sb.st_size)
		return 0;
	if (len > sb.st_size - off)
		len = sb.st_size - off;
	if (posix_memalign(&zero, 4096, chunk))
		return -ENOMEM;
	memset(zero, 0, chunk);
	while (len > 0) {
		size_t n = len < (kfs_s64)chunk ? (size_t)len : chunk;
		kfs_ssize_t w = host_pwrite(fd, zero, n, off);

		if (w < 0) {
			ret = w;
			break;
		}
		if (w == 0) {
			ret = -EIO;
			break;
		}
		off += w;
		len -= w;
	}
	free(zero);
	return ret;
}

static int host_fallocate(int fd, int mode, kfs_s64 off, kfs_s64 len)
{
	struct stat sb;
	int r;

	if (off < 0 || len <= 0)
		return -EINVAL;
	if (fstat(fd, &sb) < 0)
		return neg_errno();

	if (S_ISBLK(sb.st_mode)) {
		unsigned long long range[2] = { off, len };
		unsigned long req;

		if (mode == KFS_FALLOC_PUNCH_HOLE)
			req = BLKDISCARD;
		else if (mode == KFS_FALLOC_ZERO_RANGE)
			req = BLKZEROOUT;
		else
			return -EINVAL;
		do {
			r = ioctl(fd, req, range);
		} while (r < 0 && errno == EINTR);
		return r < 0 ? neg_errno() : 0;
	}

	if (mode == KFS_FALLOC_PUNCH_HOLE) {
		do {
			r = fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len);
		} while (r < 0 && errno == EINTR);
		return r < 0 ? neg_errno() : 0;
	}
	if (mode != KFS_FALLOC_ZERO_RANGE)
		return -EINVAL;
	do {
		r = fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, off, len);
	} while (r < 0 && errno == EINTR);
	if (r == 0)
		return 0;
	if (errno == EOPNOTSUPP || errno == ENOSYS)
		return zero_by_writing(fd, off, len);
	return neg_errno();
}

static int host_lock(int fd, int exclusive)
{
	int r;

	do {
		r = flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? neg_errno() : 0;
}

/*
 * flock() names no owner; /proc/locks does: "N: FLOCK ADVISORY WRITE PID
 * MAJ:MIN:INO ...", with the pid of the process that took the lock (the
 * daemon: kfs locks after its fork).  Lines with "->" are waiters.
 */
static int lock_owner_pid(int fd)
{
	struct stat st;
	char line[256], want[64];
	FILE *f;
	int pid = 0;

	if (fstat(fd, &st))
		return neg_errno();
	snprintf(want, sizeof(want), "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
		 (unsigned long long)st.st_ino);
	f = fopen("/proc/locks", "re");
	if (!f)
		return neg_errno();
	while (!pid && fgets(line, sizeof(line), f)) {
		char kind[16], id[64];
		int p;

		if (strstr(line, "->") ||
		    sscanf(line, "%*s %15s %*s %*s %d %63s", kind, &p, id) != 3)
			continue;
		if (strcmp(kind, "FLOCK") || strcmp(id, want) || p == getpid())
			continue;
		pid = p;
	}
	fclose(f);
	return pid > 0 ? pid : -ENOENT;
}

/* Undoes /proc/self/mountinfo's octal escapes (\040 for a space). */
static void unescape_octal(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* A FUSE mount whose source is the image's path (kfs's default fsname). */
static void image_mountpoint(int fd, char *out, size_t len)
{
	char link[64], path[PATH_MAX], line[8192];
	ssize_t n;
	FILE *f;

	out[0] = '\0';
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return;
	path[n] = '\0';
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok, *mnt = NULL, *type, *src;
		int i;

		tok = strtok_r(line, " ", &save);
		for (i = 1; tok && i <= 4; i++) {
			tok = strtok_r(NULL, " ", &save);
			if (i == 4)
				mnt = tok;
		}
		while (tok && strcmp(tok, "-"))
			tok = strtok_r(NULL, " ", &save);
		type = tok ? strtok_r(NULL, " ", &save) : NULL;
		src = type ? strtok_r(NULL, " ", &save) : NULL;
		if (!mnt || !src || strncmp(type, "fuse", 4))
			continue;
		unescape_octal(src);
		if (strcmp(src, path))
			continue;
		unescape_octal(mnt);
		snprintf(out, len, "%s", mnt);
	}
	fclose(f);
}

static int host_lock_holder(int fd, struct kfs_host_lock_holder *h)
{
	char path[64];
	FILE *f;
	int pid = lock_owner_pid(fd);

	memset(h, 0, sizeof(*h));
	if (pid < 0)
		return pid;
	h->pid = pid;
	/* argv[0]'s base name: comm is the main thread's name (kfs-main). */
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	f = fopen(path, "re");
	if (f) {
		char arg0[PATH_MAX];
		size_t n = fread(arg0, 1, sizeof(arg0) - 1, f);
		const char *base;

		arg0[n] = '\0';
		base = strrchr(arg0, '/');
		base = base ? base + 1 : arg0;
		n = strnlen(base, sizeof(h->prog) - 1);
		memcpy(h->prog, base, n);
		h->prog[n] = '\0';
		fclose(f);
	}
	image_mountpoint(fd, h->mountpoint, sizeof(h->mountpoint));
	return 0;
}

/* --------------------------------------------------------------------- aio */

/*
 * The context handed out by aio_setup.  null_fd is /dev/null, opened when the
 * context is created (before any sandbox closes the file system to us): when
 * the host refuses IOCB_CMD_FDSYNC, the fdatasync is done synchronously at
 * submission and a zero-length read of /dev/null stands in for it in the ring,
 * so that its completion (res 0, the fdsync's success) still arrives through
 * io_getevents and wakes whoever waits there.
 */
struct host_aio_ctx {
	io_context_t ctx;
	int null_fd;
	int no_fdsync;		/* the host refused IOCB_CMD_FDSYNC once */
	char dummy;
};

static int host_aio_setup(unsigned int nr_events, void **ctxp)
{
	struct host_aio_ctx *c = calloc(1, sizeof(*c));
	int r;

	if (!c)
		return -ENOMEM;
	c->null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (c->null_fd < 0) {
		r = neg_errno();
		free(c);
		return r;
	}
	r = io_setup(nr_events, &c->ctx);
	if (r < 0) {
		close(c->null_fd);
		free(c);
		return r;
	}
	*ctxp = c;
	return 0;
}

static int host_aio_destroy(void *ctx)
{
	struct host_aio_ctx *c = ctx;
	int r = io_destroy(c->ctx);

	close(c->null_fd);
	free(c);
	return r < 0 ? r : 0;
}

static void prep_iocb(struct host_aio_ctx *c, struct kfs_host_iocb *k)
{
	struct iocb *h = (struct iocb *)k->host_private;

	switch (k->op) {
	case KFS_AIO_READ:
		io_prep_preadv(h, k->fd, (const struct iovec *)k->iov, k->iovcnt, k->offset);
		break;
	case KFS_AIO_WRITE:
		io_prep_pwritev(h, k->fd, (const struct iovec *)k->iov, k->iovcnt, k->offset);
		break;
	case KFS_AIO_FDSYNC:
		io_prep_fdsync(h, k->fd);
		break;
	}
	h->data = k;
}

/* The fallback for a refused IOCB_CMD_FDSYNC; see struct host_aio_ctx. */
static int fdsync_fallback(struct host_aio_ctx *c, struct kfs_host_iocb *k)
{
	struct iocb *h = (struct iocb *)k->host_private;
	int r = host_fsync(k->fd, 1);

	if (r < 0)
		return r;
	io_prep_pread(h, c->null_fd, &c->dummy, 0, 0);
	h->data = k;
	return 0;
}

static int host_aio_submit(void *ctx, long nr, struct kfs_host_iocb **iocbs)
{
	struct host_aio_ctx *c = ctx;
	struct iocb *batch[HOST_AIO_BATCH];
	long done = 0;

	for (long i = 0; i < nr; i++)
		if (iocbs[i]->op < KFS_AIO_READ || iocbs[i]->op > KFS_AIO_FDSYNC)
			return -EINVAL;

	while (done < nr) {
		long n = nr - done < HOST_AIO_BATCH ? nr - done : HOST_AIO_BATCH;
		int r;

		for (long i = 0; i < n; i++) {
			struct kfs_host_iocb *k = iocbs[done + i];

			if (k->op == KFS_AIO_FDSYNC &&
			    __atomic_load_n(&c->no_fdsync, __ATOMIC_RELAXED)) {
				r = fdsync_fallback(c, k);
				if (r < 0) {
					if (i > 0) {
						n = i;
						break;
					}
					return done ? done : r;
				}
			} else {
				prep_iocb(c, k);
			}
			batch[i] = (struct iocb *)k->host_private;
			aio_handoff_release(k);
		}
		do {
			r = io_submit(c->ctx, n, batch);
		} while (r == -EINTR);
		if (r == -EINVAL && iocbs[done]->op == KFS_AIO_FDSYNC) {
			/* The host kernel has no IOCB_CMD_FDSYNC for this file. */
			__atomic_store_n(&c->no_fdsync, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (r < 0)
			return done ? done : r;
		done += r;
		if (r < n)
			break;
	}
	return done;
}

static int host_aio_getevents(void *ctx, long min_nr, long nr,
			      struct kfs_host_ioevent *events, kfs_s64 timeout_ns)
{
	struct host_aio_ctx *c = ctx;
	struct io_event ev[HOST_AIO_BATCH];
	struct timespec ts, *tsp = NULL;
	int r;

	if (nr > HOST_AIO_BATCH)
		nr = HOST_AIO_BATCH;
	if (min_nr > nr)
		min_nr = nr;
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	do {
		r = io_getevents(c->ctx, min_nr, nr, ev, tsp);
	} while (r == -EINTR);
	if (r < 0)
		return r;
	for (int i = 0; i < r; i++) {
		struct kfs_host_iocb *k = ev[i].data;

		aio_handoff_acquire(k);
		events[i].data = k->data;
		/* res is unsigned in the ABI; failures are -errno in it. */
		events[i].res = (long)ev[i].res;
	}
	return r;
}

/* ------------------------------------------------- time, entropy, console */

static void host_clock_gettime(int clock, kfs_s64 *sec, long *nsec)
{
	struct timespec ts;

	clock_gettime(clock == KFS_CLOCK_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}

static int host_getrandom(void *buf, kfs_size_t len)
{
	char *p = buf;

	while (len > 0) {
		ssize_t r = getrandom(p, len, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return neg_errno();
		}
		p += r;
		len -= r;
	}
	return 0;
}

/*
 * One write() per message where the host allows it, so that lines printed by
 * concurrent threads do not interleave.
 */
static void host_console_write(const char *msg, kfs_size_t len)
{
	while (len > 0) {
		ssize_t r = write(STDERR_FILENO, msg, len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		msg += r;
		len -= r;
	}
}

const struct kfs_host_ops kfs_host_default_ops = {
	.open = host_open,
	.close = host_close,
	.pread = host_pread,
	.pwrite = host_pwrite,
	.preadv = host_preadv,
	.pwritev = host_pwritev,
	.fsync = host_fsync,
	.fstat = host_fstat,
	.fallocate = host_fallocate,
	.lock = host_lock,
	.lock_holder = host_lock_holder,
	.aio_setup = host_aio_setup,
	.aio_destroy = host_aio_destroy,
	.aio_submit = host_aio_submit,
	.aio_getevents = host_aio_getevents,
	.clock_gettime = host_clock_gettime,
	.getrandom = host_getrandom,
	.console_write = host_console_write,
};

struct kfs_host_ops *kfs_host = (struct kfs_host_ops *)&kfs_host_default_ops;
