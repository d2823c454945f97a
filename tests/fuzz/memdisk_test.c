/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Suite 'block': the memory images of kfs_host_mem.h that the fuzz targets
 * mount -- what a host file would do for open/pread/pwrite/fstat/lock/aio,
 * the fixed size of a device, and pass-through of real paths.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kfs_host.h"
#include "kfs_host_mem.h"

static void test_rw_and_bounds(void **state)
{
	unsigned char img[4096], buf[1024];
	struct kfs_host_stat st;
	int fd, ro;

	(void)state;
	for (unsigned int i = 0; i < sizeof(img); i++)
		img[i] = i * 7;
	assert_int_equal(kfs_memdisk_register("m1", img, sizeof(img)), 0);
	assert_int_equal(kfs_memdisk_register("m1", img, 1), -EEXIST);
	/* The image is a copy: the caller's bytes may change afterwards. */
	memset(img, 0, sizeof(img));

	fd = kfs_host->open("m1", KFS_OPEN_RDWR | KFS_OPEN_DIRECT | KFS_OPEN_EXCL);
	assert_true(fd >= 0);
	assert_int_equal(kfs_host->fstat(fd, &st), 0);
	assert_int_equal(st.size, 4096);
	assert_int_equal(st.logical_block_size, 512);
	assert_int_equal(kfs_host->pread(fd, buf, 16, 100), 16);
	assert_int_equal(buf[0], (unsigned char)(100 * 7));
	/* Short at the end, nothing past it; writes past it: no space. */
	assert_int_equal(kfs_host->pread(fd, buf, 1024, 4000), 96);
	assert_int_equal(kfs_host->pread(fd, buf, 1024, 4096), 0);
	memset(buf, 0xab, sizeof(buf));
	assert_int_equal(kfs_host->pwrite(fd, buf, 1024, 3584), 512);
	assert_int_equal(kfs_host->pwrite(fd, buf, 10, 4096), -ENOSPC);
	assert_int_equal(kfs_memdisk_peek("m1", img, 2, 4094), 2);
	assert_int_equal(img[0], 0xab);
	assert_int_equal(kfs_host->fallocate(fd, KFS_FALLOC_ZERO_RANGE, 4000, 1000), 0);
	assert_int_equal(kfs_memdisk_peek("m1", img, 1, 4095), 1);
	assert_int_equal(img[0], 0);

	/* flock: one writer, or any number of readers. */
	ro = kfs_host->open("m1", KFS_OPEN_RDONLY);
	assert_true(ro >= 0);
	assert_int_equal(kfs_host->pwrite(ro, buf, 1, 0), -EBADF);
	assert_int_equal(kfs_host->lock(fd, 1), 0);
	assert_int_equal(kfs_host->lock(ro, 0), -EWOULDBLOCK);
	assert_int_equal(kfs_memdisk_open_count(), 2);
	assert_int_equal(kfs_memdisk_unregister("m1"), -EBUSY);
	assert_int_equal(kfs_host->close(fd), 0);
	assert_int_equal(kfs_host->lock(ro, 0), 0);
	assert_int_equal(kfs_host->close(ro), 0);
	assert_int_equal(kfs_memdisk_unregister("m1"), 0);
	assert_int_equal(kfs_memdisk_unregister("m1"), -ENOENT);
}

static void test_aio(void **state)
{
	static char zeroes[8192];
	char data[2048] = "hello", out[2048];
	struct kfs_host_iovec wv = { data, sizeof(data) }, rv = { out, sizeof(out) };
	struct kfs_host_iocb w = { .op = KFS_AIO_WRITE, .offset = 1024, .iov = &wv, .iovcnt = 1 };
	struct kfs_host_iocb r = { .op = KFS_AIO_READ, .offset = 1024, .iov = &rv, .iovcnt = 1 };
	struct kfs_host_iocb s = { .op = KFS_AIO_FDSYNC };
	struct kfs_host_iocb *batch[3] = { &w, &r, &s };
	struct kfs_host_ioevent ev[4];
	void *ctx;
	int fd;

	(void)state;
	assert_int_equal(kfs_memdisk_register("m2", NULL, 0), 0);
	assert_int_equal(kfs_memdisk_unregister("m2"), 0);
	assert_int_equal(kfs_memdisk_register("m2", zeroes, sizeof(zeroes)), 0);
	fd = kfs_host->open("m2", KFS_OPEN_RDWR);
	w.fd = r.fd = s.fd = fd;
	w.data = &w;
	r.data = &r;
	s.data = &s;
	assert_int_equal(kfs_host->aio_setup(2, &ctx), 0);
	/* Two slots: the third is refused until completions are reaped. */
	assert_int_equal(kfs_host->aio_submit(ctx, 3, batch), 2);
	assert_int_equal(kfs_host->aio_getevents(ctx, 2, 4, ev, -1), 2);
	assert_ptr_equal(ev[0].data, &w);
	assert_int_equal(ev[0].res, 2048);
	assert_ptr_equal(ev[1].data, &r);
	assert_int_equal(ev[1].res, 2048);
	assert_string_equal(out, "hello");
	assert_int_equal(kfs_host->aio_submit(ctx, 1, &batch[2]), 1);
	assert_int_equal(kfs_host->aio_getevents(ctx, 1, 4, ev, 0), 1);
	assert_int_equal(ev[0].res, 0);
	/* Nothing pending: a timed wait returns empty-handed. */
	assert_int_equal(kfs_host->aio_getevents(ctx, 1, 4, ev, 1000000), 0);
	assert_int_equal(kfs_host->aio_destroy(ctx), 0);
	assert_int_equal(kfs_host->close(fd), 0);
	assert_int_equal(kfs_memdisk_unregister("m2"), 0);
}

static void test_passthrough(void **state)
{
	char path[] = "/tmp/kfs-memdisk-test.XXXXXX", buf[4];
	int hfd = mkstemp(path), fd;

	(void)state;
	assert_true(hfd >= 0);
	assert_int_equal(write(hfd, "real", 4), 4);
	close(hfd);
	fd = kfs_host->open(path, KFS_OPEN_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(kfs_host->pread(fd, buf, 4, 0), 4);
	assert_memory_equal(buf, "real", 4);
	assert_int_equal(kfs_host->close(fd), 0);
	assert_int_equal(kfs_host->open("/nonexistent/kfs", KFS_OPEN_RDONLY), -ENOENT);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rw_and_bounds),
		cmocka_unit_test(test_aio),
		cmocka_unit_test(test_passthrough),
	};

	kfs_memdisk_install();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
