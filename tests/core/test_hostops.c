/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host-operations table (kfs_host.h) and fault injection through it
 * (kfs_fault.h): every operation on a scratch image file, then every kind of
 * injected fault, synchronous and through aio, and the KFS_FAULT parser.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kfs_fault.h"
#include "kfs_host.h"
#include "kfs_host_alloc.h"

#define IMG_SIZE (64 * 1024)
#define SEC 512

static char img_path[256];
static int fd;			/* through kfs_host */

/* Byte i of the image's initial contents. */
static unsigned char pat(long i)
{
	return (unsigned char)(i * 7 + 3);
}

static void raw_read(long off, void *buf, size_t len)
{
	int rfd = open(img_path, O_RDONLY);

	assert_true(rfd >= 0);
	assert_int_equal(pread(rfd, buf, len, off), (ssize_t)len);
	close(rfd);
}

/* Checks that [off, off+len) of the image still holds the initial pattern. */
static void expect_pristine(long off, long len)
{
	unsigned char *b = malloc(len);

	raw_read(off, b, len);
	for (long i = 0; i < len; i++)
		if (b[i] != pat(off + i))
			fail_msg("byte %ld changed", off + i);
	free(b);
}

static void expect_filled(long off, long len, unsigned char c)
{
	unsigned char *b = malloc(len);

	raw_read(off, b, len);
	for (long i = 0; i < len; i++)
		if (b[i] != c)
			fail_msg("byte %ld is %u, not %u", off + i, b[i], c);
	free(b);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	unsigned char *b = malloc(IMG_SIZE);
	int tfd;

	(void)state;
	snprintf(img_path, sizeof(img_path), "%s/kfs-hostops-XXXXXX", tmp ? tmp : "/tmp");
	tfd = mkstemp(img_path);
	assert_true(tfd >= 0);
	for (long i = 0; i < IMG_SIZE; i++)
		b[i] = pat(i);
	assert_int_equal(write(tfd, b, IMG_SIZE), IMG_SIZE);
	close(tfd);
	free(b);
	kfs_host = (struct kfs_host_ops *)&kfs_host_default_ops;
	kfs_fault_clear();
	fd = kfs_host->open(img_path, KFS_OPEN_RDWR);
	assert_true(fd >= 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kfs_fault_clear();
	kfs_fault_powerloss_record(0);
	kfs_fault_power_restore();
	kfs_host->close(fd);
	kfs_fault_uninstall();
	unlink(img_path);
	return 0;
}

static struct kfs_fault_rule rule(int kind, long start, long len)
{
	struct kfs_fault_rule r = {
		.kind = kind, .fd = KFS_FAULT_ANY_FD, .start = start, .len = len,
	};
	return r;
}

/* ---------------------------------------------------------- default table */

static void test_open_flags(void **state)
{
	int fl, rofd, dfd;

	(void)state;
	fl = fcntl(fd, F_GETFL);
	assert_int_equal(fl & O_ACCMODE, O_RDWR);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);

	rofd = kfs_host->open(img_path, KFS_OPEN_RDONLY);
	assert_true(rofd >= 0);
	assert_int_equal(fcntl(rofd, F_GETFL) & O_ACCMODE, O_RDONLY);
	assert_int_equal(kfs_host->pwrite(rofd, "x", 1, 0), -EBADF);
	assert_int_equal(kfs_host->close(rofd), 0);

	/* O_DIRECT is either granted or refused: never dropped silently. */
	dfd = kfs_host->open(img_path, KFS_OPEN_RDWR | KFS_OPEN_DIRECT);
	if (dfd >= 0) {
		assert_true(fcntl(dfd, F_GETFL) & O_DIRECT);
		kfs_host->close(dfd);
	} else {
		assert_int_equal(dfd, -EINVAL);
	}
	assert_int_equal(kfs_host->open("/nonexistent/kfs", KFS_OPEN_RDONLY), -ENOENT);
	assert_int_equal(kfs_host->open(img_path, 0x40000), -EINVAL);
}

static void test_rw_stat(void **state)
{
	struct kfs_host_stat st;
	char buf[SEC], big[3 * SEC];
	struct kfs_host_iovec iov[3] = {
		{ big, SEC }, { big + SEC, SEC }, { big + 2 * SEC, SEC },
	};

	(void)state;
	assert_int_equal(kfs_host->fstat(fd, &st), 0);
	assert_int_equal(st.size, IMG_SIZE);
	assert_int_equal(st.logical_block_size, 512);
	assert_int_equal(st.is_blockdev, 0);
	assert_true(S_ISREG(st.mode));

	assert_int_equal(kfs_host->pread(fd, buf, SEC, 3 * SEC), SEC);
	for (int i = 0; i < SEC; i++)
		assert_int_equal((unsigned char)buf[i], pat(3 * SEC + i));
	memset(buf, 0xab, SEC);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 5 * SEC), SEC);
	expect_filled(5 * SEC, SEC, 0xab);

	memset(big, 0xcd, sizeof(big));
	assert_int_equal(kfs_host->pwritev(fd, iov, 3, 8 * SEC), 3 * SEC);
	expect_filled(8 * SEC, 3 * SEC, 0xcd);
	memset(big, 0, sizeof(big));
	assert_int_equal(kfs_host->preadv(fd, iov, 3, 8 * SEC), 3 * SEC);
	for (int i = 0; i < 3 * SEC; i++)
		assert_int_equal((unsigned char)big[i], 0xcd);

	/* A read past the end is short, and said to be. */
	assert_int_equal(kfs_host->pread(fd, big, sizeof(big), IMG_SIZE - SEC), SEC);
	assert_int_equal(kfs_host->fsync(fd, 0), 0);
	assert_int_equal(kfs_host->fsync(fd, 1), 0);
	assert_int_equal(kfs_host->pread(-1, buf, 1, 0), -EBADF);
}

static void test_fallocate(void **state)
{
	struct kfs_host_stat st;

	(void)state;
	assert_int_equal(kfs_host->fallocate(fd, KFS_FALLOC_ZERO_RANGE, 4 * SEC, 2 * SEC), 0);
	expect_filled(4 * SEC, 2 * SEC, 0);
	expect_pristine(3 * SEC, SEC);
	expect_pristine(6 * SEC, SEC);

	/* Punching holes may be unsupported by the scratch file system. */
	if (kfs_host->fallocate(fd, KFS_FALLOC_PUNCH_HOLE, 16 * SEC, 8 * SEC) == 0)
		expect_filled(16 * SEC, 8 * SEC, 0);
	/* Neither grows the image. */
	assert_int_equal(kfs_host->fallocate(fd, KFS_FALLOC_ZERO_RANGE, IMG_SIZE - SEC,
					     4 * SEC), 0);
	assert_int_equal(kfs_host->fstat(fd, &st), 0);
	assert_int_equal(st.size, IMG_SIZE);
	assert_int_equal(kfs_host->fallocate(fd, 77, 0, SEC), -EINVAL);
}

static void test_lock(void **state)
{
	int fd2 = kfs_host->open(img_path, KFS_OPEN_RDONLY);
	int fd3 = kfs_host->open(img_path, KFS_OPEN_RDONLY);

	(void)state;
	assert_true(fd2 >= 0 && fd3 >= 0);
	assert_int_equal(kfs_host->lock(fd, 1), 0);
	assert_int_equal(kfs_host->lock(fd2, 0), -EWOULDBLOCK);
	assert_int_equal(kfs_host->lock(fd2, 1), -EWOULDBLOCK);
	kfs_host->close(fd);
	/* Closing the holder releases it; readers share. */
	assert_int_equal(kfs_host->lock(fd2, 0), 0);
	assert_int_equal(kfs_host->lock(fd3, 0), 0);
	fd = kfs_host->open(img_path, KFS_OPEN_RDWR);
	assert_int_equal(kfs_host->lock(fd, 1), -EWOULDBLOCK);
	kfs_host->close(fd2);
	kfs_host->close(fd3);
}

/* Submits iocbs and collects one event per iocb, in submission order. */
static void aio_run(void *ctx, int n, struct kfs_host_iocb *cbs, kfs_s64 *res)
{
	struct kfs_host_iocb *ptrs[8];
	struct kfs_host_ioevent ev[8];
	int got = 0;

	for (int i = 0; i < n; i++) {
		cbs[i].data = &res[i];
		ptrs[i] = &cbs[i];
		res[i] = 12345;
	}
	assert_int_equal(kfs_host->aio_submit(ctx, n, ptrs), n);
	while (got < n) {
		int r = kfs_host->aio_getevents(ctx, 1, 8, ev, -1);

		assert_true(r > 0);
		for (int i = 0; i < r; i++)
			*(kfs_s64 *)ev[i].data = ev[i].res;
		got += r;
	}
}

static void test_aio(void **state)
{
	void *ctx;
	char a[SEC], b[2 * SEC];
	struct kfs_host_iovec ra = { a, SEC }, wb = { b, 2 * SEC };
	struct kfs_host_iocb cbs[3] = {
		{ .fd = fd, .op = KFS_AIO_READ, .offset = 2 * SEC, .iov = &ra, .iovcnt = 1 },
		{ .fd = fd, .op = KFS_AIO_WRITE, .offset = 10 * SEC, .iov = &wb, .iovcnt = 1 },
		{ .fd = fd, .op = KFS_AIO_FDSYNC },
	};
	kfs_s64 res[3];
	struct kfs_host_ioevent ev[1];

	(void)state;
	memset(b, 0x5a, sizeof(b));
	assert_int_equal(kfs_host->aio_setup(64, &ctx), 0);
	aio_run(ctx, 3, cbs, res);
	assert_int_equal(res[0], SEC);
	assert_int_equal(res[1], 2 * SEC);
	assert_int_equal(res[2], 0);
	for (int i = 0; i < SEC; i++)
		assert_int_equal((unsigned char)a[i], pat(2 * SEC + i));
	expect_filled(10 * SEC, 2 * SEC, 0x5a);
	/* Nothing left: a zero timeout returns at once. */
	assert_int_equal(kfs_host->aio_getevents(ctx, 0, 1, ev, 0), 0);
	cbs[0].op = 9;
	assert_int_equal(kfs_host->aio_submit(ctx, 1, (struct kfs_host_iocb *[]){ &cbs[0] }),
			 -EINVAL);
	assert_int_equal(kfs_host->aio_destroy(ctx), 0);
}

/*
 * IOCB_CMD_FDSYNC refused: /dev/null has no fsync, so the host says EINVAL
 * and the table switches that context to synchronous fdatasync, whose
 * completion still arrives through aio_getevents.
 */
static void test_aio_fdsync_fallback(void **state)
{
	void *ctx;
	char b[SEC];
	struct kfs_host_iovec wb = { b, SEC };
	int nfd = open("/dev/null", O_RDWR);
	struct kfs_host_iocb bad = { .fd = nfd, .op = KFS_AIO_FDSYNC };
	struct kfs_host_iocb cbs[2] = {
		{ .fd = fd, .op = KFS_AIO_WRITE, .offset = 30 * SEC, .iov = &wb, .iovcnt = 1 },
		{ .fd = fd, .op = KFS_AIO_FDSYNC },
	};
	kfs_s64 res[2];

	(void)state;
	assert_true(nfd >= 0);
	memset(b, 0x6c, sizeof(b));
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	assert_int_equal(kfs_host->aio_submit(ctx, 1, (struct kfs_host_iocb *[]){ &bad }),
			 -EINVAL);
	aio_run(ctx, 2, cbs, res);
	assert_int_equal(res[0], SEC);
	assert_int_equal(res[1], 0);
	expect_filled(30 * SEC, SEC, 0x6c);
	assert_int_equal(kfs_host->aio_destroy(ctx), 0);
	close(nfd);
}

static void test_misc_ops(void **state)
{
	kfs_s64 s1, s2;
	long n1, n2;
	unsigned char r1[32] = { 0 }, r2[32] = { 0 };

	(void)state;
	kfs_host->clock_gettime(KFS_CLOCK_MONOTONIC, &s1, &n1);
	kfs_host->clock_gettime(KFS_CLOCK_MONOTONIC, &s2, &n2);
	assert_true(s2 > s1 || (s2 == s1 && n2 >= n1));
	assert_true(n1 >= 0 && n1 < 1000000000);
	kfs_host->clock_gettime(KFS_CLOCK_REALTIME, &s1, &n1);
	assert_true(s1 > 1600000000);
	assert_int_equal(kfs_host->getrandom(r1, sizeof(r1)), 0);
	assert_int_equal(kfs_host->getrandom(r2, sizeof(r2)), 0);
	assert_memory_not_equal(r1, r2, sizeof(r1));
}

/* ------------------------------------------------------- fault injection */

static void test_read_eio(void **state)
{
	char buf[4 * SEC];
	struct kfs_fault_rule r = rule(KFS_FAULT_READ_EIO, 4 * SEC, 2 * SEC);
	int id;

	(void)state;
	kfs_fault_install();
	assert_ptr_equal(kfs_host, &kfs_fault_ops);
	id = kfs_fault_add(&r);
	assert_true(id >= 0);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 3 * SEC), SEC);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 5 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 6 * SEC), SEC);
	/* Any overlap fails the whole read. */
	assert_int_equal(kfs_host->pread(fd, buf, 4 * SEC, 2 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, 1, 6 * SEC - 1), -EIO);
	/* Writes are not affected. */
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 4 * SEC), SEC);
	assert_int_equal(kfs_fault_hits(id), 4);

	/* Other descriptors only when the rule names them. */
	kfs_fault_clear();
	r.fd = fd + 100;
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), SEC);
	kfs_fault_clear();
	r.fd = fd;
	r.skip = 1;
	r.times = 2;
	id = kfs_fault_add(&r);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), SEC);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 4 * SEC), SEC);
	assert_int_equal(kfs_fault_hits(id), 2);
	kfs_fault_remove(id);
	assert_int_equal(kfs_fault_hits(99), -ENOENT);
}

static void test_read_eio_vectored_and_aio(void **state)
{
	void *ctx;
	char a[SEC], b[SEC];
	struct kfs_host_iovec va = { a, SEC }, vb = { b, SEC };
	struct kfs_host_iovec two[2] = { { a, SEC }, { b, SEC } };
	struct kfs_host_iocb cbs[2] = {
		{ .fd = fd, .op = KFS_AIO_READ, .offset = 7 * SEC, .iov = &va, .iovcnt = 1 },
		{ .fd = fd, .op = KFS_AIO_READ, .offset = 9 * SEC, .iov = &vb, .iovcnt = 1 },
	};
	kfs_s64 res[2];
	struct kfs_fault_rule r = rule(KFS_FAULT_READ_EIO, 9 * SEC, SEC);

	(void)state;
	kfs_fault_install();
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->preadv(fd, two, 2, 8 * SEC), -EIO);
	assert_int_equal(kfs_host->preadv(fd, two, 2, 7 * SEC), 2 * SEC);

	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 2, cbs, res);
	assert_int_equal(res[0], SEC);
	assert_int_equal(res[1], -EIO);
	kfs_host->aio_destroy(ctx);
}

static void test_write_eio(void **state)
{
	void *ctx;
	char buf[2 * SEC];
	struct kfs_host_iovec v = { buf, 2 * SEC };
	struct kfs_host_iocb cb = {
		.fd = fd, .op = KFS_AIO_WRITE, .offset = 20 * SEC, .iov = &v, .iovcnt = 1,
	};
	kfs_s64 res;
	struct kfs_fault_rule r = rule(KFS_FAULT_WRITE_EIO, 21 * SEC, SEC);

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	kfs_fault_install();
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->pwrite(fd, buf, 2 * SEC, 20 * SEC), -EIO);
	assert_int_equal(kfs_host->pwritev(fd, &v, 1, 20 * SEC), -EIO);
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, -EIO);
	kfs_host->aio_destroy(ctx);
	/* Nothing of the failed writes reached the image. */
	expect_pristine(20 * SEC, 2 * SEC);
	/* Reads of the range still work. */
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 21 * SEC), SEC);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 20 * SEC), SEC);
}

static void test_enospc(void **state)
{
	char buf[4 * SEC];
	struct kfs_fault_rule r = rule(KFS_FAULT_WRITE_ENOSPC, 0, 0);

	(void)state;
	memset(buf, 0x11, sizeof(buf));
	r.arg = 3 * SEC;
	kfs_fault_install();
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 0), SEC);
	/* The write that crosses the budget is cut at it... */
	assert_int_equal(kfs_host->pwrite(fd, buf, 4 * SEC, SEC), 2 * SEC);
	expect_filled(0, 3 * SEC, 0x11);
	expect_pristine(3 * SEC, 2 * SEC);
	/* ...and then the device is full. */
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 3 * SEC), -ENOSPC);
	assert_int_equal(kfs_host->pwrite(fd, buf, 1, 0), -ENOSPC);
	expect_pristine(3 * SEC, 2 * SEC);
}

static void test_short_write(void **state)
{
	void *ctx;
	char buf[8 * SEC];
	struct kfs_host_iovec v[2] = { { buf, 4 * SEC }, { buf + 4 * SEC, 4 * SEC } };
	struct kfs_host_iocb cb = {
		.fd = fd, .op = KFS_AIO_WRITE, .offset = 40 * SEC, .iov = v, .iovcnt = 2,
	};
	kfs_s64 res;
	struct kfs_fault_rule r = rule(KFS_FAULT_SHORT_WRITE, 4 * SEC, 64 * SEC);

	(void)state;
	memset(buf, 0x22, sizeof(buf));
	kfs_fault_install();
	kfs_fault_add(&r);
	/* Starting before the range: stops where it begins. */
	assert_int_equal(kfs_host->pwrite(fd, buf, 8 * SEC, 0), 4 * SEC);
	expect_filled(0, 4 * SEC, 0x22);
	expect_pristine(4 * SEC, 4 * SEC);
	/* Starting inside: half, on a sector boundary. */
	assert_int_equal(kfs_host->pwrite(fd, buf, 3 * SEC, 8 * SEC), SEC);
	expect_filled(8 * SEC, SEC, 0x22);
	expect_pristine(9 * SEC, 2 * SEC);
	/* A single sector is never split. */
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 12 * SEC), SEC);
	/* Vectored and aio writes are cut the same way. */
	assert_int_equal(kfs_host->pwritev(fd, v, 2, 16 * SEC), 4 * SEC);
	expect_filled(16 * SEC, 4 * SEC, 0x22);
	expect_pristine(20 * SEC, 4 * SEC);
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, 4 * SEC);
	expect_filled(40 * SEC, 4 * SEC, 0x22);
	expect_pristine(44 * SEC, 4 * SEC);
	kfs_host->aio_destroy(ctx);

	/* keep= */
	kfs_fault_clear();
	r.arg = 1024;
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->pwrite(fd, buf, 8 * SEC, 48 * SEC), 1024);
}

static void test_torn_write(void **state)
{
	void *ctx;
	char buf[8 * SEC];
	struct kfs_host_iovec v = { buf, 4 * SEC };
	struct kfs_host_iocb cb = {
		.fd = fd, .op = KFS_AIO_WRITE, .offset = 32 * SEC, .iov = &v, .iovcnt = 1,
	};
	kfs_s64 res;
	struct kfs_fault_rule r = rule(KFS_FAULT_TORN_WRITE, 0, 0);

	(void)state;
	memset(buf, 0x33, sizeof(buf));
	kfs_fault_install();
	kfs_fault_add(&r);
	/* Half reaches the image, and the caller is told it failed. */
	assert_int_equal(kfs_host->pwrite(fd, buf, 8 * SEC, 0), -EIO);
	expect_filled(0, 4 * SEC, 0x33);
	expect_pristine(4 * SEC, 4 * SEC);
	/* One sector: nothing reaches it. */
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 10 * SEC), -EIO);
	expect_pristine(10 * SEC, SEC);
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, -EIO);
	expect_filled(32 * SEC, 2 * SEC, 0x33);
	expect_pristine(34 * SEC, 2 * SEC);
	kfs_host->aio_destroy(ctx);

	kfs_fault_clear();
	r.arg = 3 * SEC;
	kfs_fault_add(&r);
	assert_int_equal(kfs_host->pwrite(fd, buf, 8 * SEC, 64 * SEC - 8 * SEC), -EIO);
	expect_filled(56 * SEC, 3 * SEC, 0x33);
	expect_pristine(59 * SEC, 5 * SEC);
}

static void test_fsync_eio(void **state)
{
	void *ctx;
	struct kfs_host_iocb cb = { .fd = fd, .op = KFS_AIO_FDSYNC };
	kfs_s64 res;
	char err[128];

	(void)state;
	kfs_fault_install();
	assert_int_equal(kfs_fault_parse("fsync-eio=3", err, sizeof(err)), 0);
	assert_int_equal(kfs_host->fsync(fd, 0), 0);
	assert_int_equal(kfs_host->fsync(fd, 1), 0);
	assert_int_equal(kfs_host->fsync(fd, 1), -EIO);
	assert_int_equal(kfs_host->fsync(fd, 0), 0);

	/* aio flushes count as fsyncs too. */
	kfs_fault_clear();
	assert_int_equal(kfs_fault_parse("fsync-eio=2", err, sizeof(err)), 0);
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, 0);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, -EIO);
	aio_run(ctx, 1, &cb, &res);
	assert_int_equal(res, 0);
	kfs_host->aio_destroy(ctx);
}

static void test_nomem(void **state)
{
	char err[128];
	void *p[6];

	(void)state;
	assert_int_equal(kfs_fault_parse("nomem=3", err, sizeof(err)), 0);
	for (int i = 0; i < 6; i++)
		p[i] = kfs_host_alloc(64, 0);
	assert_non_null(p[0]);
	assert_non_null(p[1]);
	assert_null(p[2]);
	assert_non_null(p[3]);
	/* Compat's own bookkeeping never fails by injection. */
	kfs_fault_clear();
	assert_int_equal(kfs_fault_parse("nomem=1:times=0", err, sizeof(err)), 0);
	p[2] = kfs_host_alloc_nofault(64, 64);
	assert_non_null(p[2]);
	assert_int_equal((uintptr_t)p[2] % 64, 0);
	assert_null(kfs_host_alloc(64, 0));
	assert_null(kfs_host_alloc(64, 0));
	assert_null(kfs_host_vmap(4096));
	kfs_fault_clear();

	/* A thread filter: allocations of other threads pass. */
	{
		struct kfs_fault_rule r = { .kind = KFS_FAULT_NOMEM, .fd = KFS_FAULT_ANY_FD };

		void *q;

		r.tid = gettid() + 1;
		assert_true(kfs_fault_add(&r) >= 0);
		q = kfs_host_alloc(8, 0);
		assert_non_null(q);
		kfs_host_free(q);
		r.tid = gettid();
		assert_true(kfs_fault_add(&r) >= 0);
		assert_null(kfs_host_alloc(8, 0));
		kfs_fault_clear();
	}
	for (int i = 0; i < 6; i++)
		kfs_host_free(p[i]);
}

static void test_parser(void **state)
{
	static const struct {
		const char *spec;
		const char *msg;	/* start of the expected message, NULL = ok */
	} cases[] = {
		{ "read-eio=2048+8,write-enospc-after=1M,fsync-eio=3,nomem=500", NULL },
		{ "rw-eio=*", NULL },
		{ "read-eio=@1M+4K:fd=3:skip=2:times=5", NULL },
		{ "short-write=10:keep=1K,torn-write=@0+512", NULL },
		{ "read-eio=0x10+0x2", NULL },
		{ "", "empty fault spec" },
		{ "bogus=1", "unknown fault" },
		{ "read-eio", "expected '='" },
		{ "read-eio=x", "expected a number" },
		{ "read-eio=5+0", "empty range" },
		{ "fsync-eio=0", "count starts at 1" },
		{ "read-eio=1:keep=5", "keep= applies" },
		{ "read-eio=1:color=red", "unknown modifier" },
		{ "nomem=5:tid=123", NULL },
		{ "read-eio=1:tid=5", "tid= applies to nomem only" },
		{ "nomem=3,", "trailing comma" },
		{ "nomem=3x", "unexpected text" },
		{ "write-enospc-after=99999999999999999999", "number out of range" },
		{ "write-enospc-after=99999999999999G", "size out of range" },
	};
	char err[160];

	(void)state;
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = kfs_fault_parse(cases[i].spec, err, sizeof(err));

		if (!cases[i].msg) {
			if (r)
				fail_msg("\"%s\" refused: %s", cases[i].spec, err);
		} else {
			assert_int_equal(r, -EINVAL);
			if (strncmp(err, cases[i].msg, strlen(cases[i].msg)))
				fail_msg("\"%s\": got \"%s\"", cases[i].spec, err);
		}
		kfs_fault_clear();
	}
	/* The message points at the offending rule. */
	kfs_fault_parse("nomem=1,read-eio=1+x", err, sizeof(err));
	assert_string_equal(err, "expected a number at \"x\"");
}

static void test_parser_effect(void **state)
{
	char buf[SEC], err[128];

	(void)state;
	kfs_fault_install();
	/* Sectors by default, bytes after '@'. */
	assert_int_equal(kfs_fault_parse("read-eio=4+2,write-eio=@10K+1K", err, sizeof(err)), 0);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 3 * SEC), SEC);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 5 * SEC), -EIO);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 6 * SEC), SEC);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 19 * SEC), SEC);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 20 * SEC), -EIO);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 21 * SEC), -EIO);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 22 * SEC), SEC);
	/* All or nothing: a bad spec adds no rule. */
	kfs_fault_clear();
	assert_int_equal(kfs_fault_parse("read-eio=*,bogus", err, sizeof(err)), -EINVAL);
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 0), SEC);
}

/* KFS_FAULT is read before main(): run this binary again with it set. */
static int run_self(const char *spec, const char *arg, char *out, size_t outlen)
{
	int pfd[2], status;
	pid_t pid;
	ssize_t n, got = 0;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		setenv("KFS_FAULT", spec, 1);
		execl("/proc/self/exe", "test_hostops", arg, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], out + got, outlen - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(pfd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_env(void **state)
{
	char out[512];

	(void)state;
	assert_int_equal(run_self("read-eio=8+x", "--env-child", out, sizeof(out)), 2);
	assert_string_equal(out, "kfs: KFS_FAULT: expected a number at \"x\"; "
			    "refusing to start\n");
	assert_int_equal(run_self("fsync-eio=2,nomem=2", "--env-child", out, sizeof(out)), 0);
	assert_string_equal(out, "kfs: fault injection active: KFS_FAULT=fsync-eio=2,nomem=2\n");
}

/* The child side of test_env: the rules from the environment are in force. */
static int env_child(void)
{
	char path[] = "/tmp/kfs-envchild-XXXXXX";
	int tfd = mkstemp(path), f;
	void *a, *b;

	if (tfd < 0)
		return 10;
	close(tfd);
	if (kfs_host != &kfs_fault_ops)
		return 11;
	f = kfs_host->open(path, KFS_OPEN_RDWR);
	unlink(path);
	if (f < 0 || kfs_host->fsync(f, 0) != 0 || kfs_host->fsync(f, 0) != -EIO)
		return 12;
	a = kfs_host_alloc(8, 0);	/* the constructor ran before any */
	b = kfs_host_alloc(8, 0);
	if (!a || b)
		return 13;
	kfs_host_free(a);
	return 0;
}

static void test_power_loss(void **state)
{
	char buf[4 * SEC];
	int fd2;

	(void)state;
	kfs_fault_install();
	kfs_fault_powerloss_record(1);
	memset(buf, 0xa1, sizeof(buf));
	assert_int_equal(kfs_host->pwrite(fd, buf, 2 * SEC, 0), 2 * SEC);
	assert_int_equal(kfs_fault_unsynced_writes(), 1);
	assert_int_equal(kfs_host->fsync(fd, 1), 0);
	assert_int_equal(kfs_fault_unsynced_writes(), 0);
	memset(buf, 0xb2, sizeof(buf));
	assert_int_equal(kfs_host->pwrite(fd, buf, 2 * SEC, 8 * SEC), 2 * SEC);
	memset(buf, 0xc3, sizeof(buf));
	assert_int_equal(kfs_host->pwrite(fd, buf, 4 * SEC, 16 * SEC), 4 * SEC);
	memset(buf, 0xd4, sizeof(buf));
	assert_int_equal(kfs_host->pwrite(fd, buf, 2 * SEC, 0), 2 * SEC);
	assert_int_equal(kfs_fault_unsynced_writes(), 3);

	/* Keep the first unsynced write, tear the second after 1.5 sectors. */
	assert_int_equal(kfs_fault_power_cut(1, 3 * SEC / 2), 0);
	expect_filled(0, 2 * SEC, 0xa1);		/* synced, then lost the rewrite */
	expect_filled(8 * SEC, 2 * SEC, 0xb2);		/* kept */
	expect_filled(16 * SEC, SEC, 0xc3);		/* torn: one sector made it */
	expect_pristine(17 * SEC, 3 * SEC);
	assert_int_equal(kfs_fault_unsynced_writes(), 0);

	/* The device is gone for descriptors open at the cut. */
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 0), -EIO);
	assert_int_equal(kfs_host->pwrite(fd, buf, SEC, 0), -EIO);
	assert_int_equal(kfs_host->fsync(fd, 0), -EIO);
	fd2 = kfs_host->open(img_path, KFS_OPEN_RDWR);
	assert_int_equal(kfs_host->pread(fd2, buf, SEC, 8 * SEC), SEC);
	assert_int_equal((unsigned char)buf[0], 0xb2);
	kfs_host->close(fd2);
	kfs_fault_power_restore();
	assert_int_equal(kfs_host->pread(fd, buf, SEC, 0), SEC);

	/* Drop everything unsynced, aio writes included. */
	{
		void *ctx;
		struct kfs_host_iovec v = { buf, 2 * SEC };
		struct kfs_host_iocb cb = {
			.fd = fd, .op = KFS_AIO_WRITE, .offset = 24 * SEC, .iov = &v, .iovcnt = 1,
		};
		struct kfs_host_iocb fs = { .fd = fd, .op = KFS_AIO_FDSYNC };
		kfs_s64 res;

		memset(buf, 0xe5, sizeof(buf));
		assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
		aio_run(ctx, 1, &cb, &res);
		assert_int_equal(res, 2 * SEC);
		aio_run(ctx, 1, &fs, &res);
		assert_int_equal(res, 0);
		assert_int_equal(kfs_fault_unsynced_writes(), 0);
		cb.offset = 28 * SEC;
		aio_run(ctx, 1, &cb, &res);
		assert_int_equal(kfs_fault_unsynced_writes(), 1);
		kfs_host->aio_destroy(ctx);
	}
	assert_int_equal(kfs_fault_power_cut(0, -1), 0);
	expect_filled(24 * SEC, 2 * SEC, 0xe5);
	expect_pristine(28 * SEC, 2 * SEC);
}

/*
 * The same faults on an O_DIRECT descriptor, which only takes aligned
 * buffers and ranges: what the fault layer substitutes (scratch reads, cut
 * writes, undo-log reads) must keep to that.  Skipped where the scratch file
 * system refuses O_DIRECT.
 */
static void test_direct(void **state)
{
	int dfd = kfs_host->open(img_path, KFS_OPEN_RDWR | KFS_OPEN_DIRECT);
	struct kfs_host_iovec v, rv;
	struct kfs_host_iocb cbs[3];
	kfs_s64 res[3];
	void *ctx, *buf = NULL;
	char err[64];

	(void)state;
	if (dfd == -EINVAL)
		skip();
	assert_true(dfd >= 0);
	assert_int_equal(posix_memalign(&buf, 4096, 16384), 0);
	memset(buf, 0x77, 16384);
	v.base = buf;
	v.len = 8192;
	rv.base = (char *)buf + 8192;	/* reads must not land in what is written */
	rv.len = 8192;
	kfs_fault_install();
	kfs_fault_powerloss_record(1);
	assert_int_equal(kfs_fault_parse("write-eio=0+16,torn-write=16+16,read-eio=32+16",
					 err, sizeof(err)), 0);
	memset(cbs, 0, sizeof(cbs));
	for (int i = 0; i < 3; i++) {
		cbs[i].fd = dfd;
		cbs[i].op = KFS_AIO_WRITE;
		cbs[i].offset = i * 8192;
		cbs[i].iov = &v;
		cbs[i].iovcnt = 1;
	}
	cbs[2].op = KFS_AIO_READ;
	cbs[2].iov = &rv;
	assert_int_equal(kfs_host->aio_setup(16, &ctx), 0);
	aio_run(ctx, 3, cbs, res);
	assert_int_equal(res[0], -EIO);
	assert_int_equal(res[1], -EIO);
	assert_int_equal(res[2], -EIO);
	kfs_host->aio_destroy(ctx);
	expect_pristine(0, 8192);
	expect_filled(8192, 4096, 0x77);
	expect_pristine(12288, 4096);
	assert_int_equal(kfs_host->pwrite(dfd, buf, 4096, 8192), -EIO);	/* torn */
	assert_int_equal(kfs_fault_unsynced_writes(), 2);
	assert_int_equal(kfs_fault_power_cut(0, -1), 0);
	expect_pristine(0, 48 * 1024);
	kfs_host->close(dfd);
	free(buf);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rw_stat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fallocate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aio_fdsync_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misc_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_eio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_eio_vectored_and_aio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_eio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enospc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fsync_eio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nomem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parser, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parser_effect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_power_loss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct, setup, teardown),
	};

	if (argc > 1 && !strcmp(argv[1], "--env-child"))
		return env_child();
	return cmocka_run_group_tests_name("hostops", tests, NULL, NULL);
}
