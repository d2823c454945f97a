/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/common: the image prober, the -o splitter and the partition table
 * reader, host world only.  The prober is checked on images made by the
 * real mkfs programs (util-linux, e2fsprogs, dosfstools), so its offsets are
 * those of the formats as their own tools write them, and on hand-made
 * super blocks for formats whose makers are not installed.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kfs_opts.h"
#include "kfs_parts.h"
#include "kfs_probe.h"

static char tmpdir[] = "/tmp/kfs-test-common.XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Makes an image of @mb MiB with @mkfs ("%s" = the image path); returns an open fd. */
static int make_image(const char *name, int mb, const char *mkfs)
{
	char path[512], cmd[1024];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)mb << 20), 0);
	snprintf(cmd, sizeof(cmd), mkfs, path);
	strcat(cmd, " >/dev/null 2>&1");
	assert_int_equal(system(cmd), 0);
	return fd;
}

static void expect_types(int fd, long long off, const char *first, const char *second)
{
	const char *types[KFS_PROBE_MAX];
	int n = kfs_probe_fd(fd, off, types, KFS_PROBE_MAX);

	if (!first) {
		assert_int_equal(n, 0);
		return;
	}
	assert_true(n >= 1);
	assert_string_equal(types[0], first);
	if (second) {
		assert_true(n >= 2);
		assert_string_equal(types[1], second);
	}
}

static void test_probe_real_images(void **state)
{
	static const struct {
		const char *name, *mkfs, *first, *second;
		int mb;
	} cases[] = {
		{ "v1.minix", "mkfs.minix -1 %s", "minix", NULL, 4 },
		{ "v2.minix", "mkfs.minix -2 %s", "minix", NULL, 4 },
		{ "v3.minix", "mkfs.minix -3 %s", "minix", NULL, 4 },
		{ "plain.ext2", "mkfs.ext2 -q -F -I 128 %s", "ext2", "ext4", 8 },
		{ "journal.ext3", "mkfs.ext3 -q -F %s", "ext3", "ext4", 8 },
		{ "new.ext4", "mkfs.ext4 -q -F %s", "ext4", NULL, 8 },
		{ "f12.vfat", "mkfs.vfat -F 12 %s", "vfat", "msdos", 4 },
		{ "f16.vfat", "mkfs.vfat -F 16 %s", "vfat", "msdos", 16 },
		{ "f32.vfat", "mkfs.vfat -F 32 %s", "vfat", "msdos", 40 },
		{ "plain.bfs", "mkfs.bfs %s", "bfs", NULL, 4 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int fd = make_image(cases[i].name, cases[i].mb, cases[i].mkfs);

		print_message("probe %s\n", cases[i].name);
		expect_types(fd, 0, cases[i].first, cases[i].second);
		close(fd);
	}
}

static int have_all(const char *name)
{
	(void)name;
	return 1;
}

static int have_ext4_only(const char *name)
{
	return !strcmp(name, "ext4");
}

static int have_none(const char *name)
{
	(void)name;
	return 0;
}

static void test_probe_pick(void **state)
{
	int fd = make_image("pick.ext2", 8, "mkfs.ext2 -q -F -I 128 %s");

	(void)state;
	assert_string_equal(kfs_probe_pick(fd, 0, have_all), "ext2");
	assert_string_equal(kfs_probe_pick(fd, 0, have_ext4_only), "ext4");
	errno = 1;
	assert_null(kfs_probe_pick(fd, 0, have_none));
	assert_int_equal(errno, 0);
	close(fd);
}

/* Formats without a maker here: the magic at its documented place, nothing else. */
static void test_probe_handmade(void **state)
{
	static const struct {
		size_t off;
		const char *bytes;
		size_t len;
		const char *type;
	} cases[] = {
		{ 0, "hsqs", 4, "squashfs" },
		{ 0, "-rom1fs-", 8, "romfs" },
		{ 3, "EXFAT   ", 8, "exfat" },
		{ 0, "\x45\x3d\xcd\x28", 4, "cramfs" },
		{ 1024, "\xe2\xe1\xf5\xe0", 4, "erofs" },
		{ 1024, "H+", 2, "hfsplus" },
		{ 0x2000, "\x22\x11\x19\x68", 4, "qnx6" },
		{ 32769, "CD001", 5, "iso9660" },
		{ 8192 + 1372, "\x54\x19\x01\x00", 4, "ufs" },
	};
	unsigned char *buf = calloc(1, KFS_PROBE_BYTES);
	const char *types[KFS_PROBE_MAX];
	size_t i;

	(void)state;
	assert_non_null(buf);
	assert_int_equal(kfs_probe_buf(buf, KFS_PROBE_BYTES, types, KFS_PROBE_MAX), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 0, KFS_PROBE_BYTES);
		memcpy(buf + cases[i].off, cases[i].bytes, cases[i].len);
		assert_int_equal(kfs_probe_buf(buf, KFS_PROBE_BYTES, types, KFS_PROBE_MAX), 1);
		assert_string_equal(types[0], cases[i].type);
	}
	/* A buffer too short for the magic's place is not read past its end. */
	memset(buf, 0, KFS_PROBE_BYTES);
	memcpy(buf + 32769, "CD001", 5);
	assert_int_equal(kfs_probe_buf(buf, 32770, types, KFS_PROBE_MAX), 0);
	/* Only @max names are returned. */
	memset(buf, 0, KFS_PROBE_BYTES);
	buf[1024 + 56] = 0x53;
	buf[1024 + 57] = 0xEF;
	assert_int_equal(kfs_probe_buf(buf, KFS_PROBE_BYTES, types, 1), 1);
	assert_string_equal(types[0], "ext2");
	free(buf);
}

static void test_probe_offset_and_errors(void **state)
{
	char path[512];
	int fd = make_image("inner.minix", 2, "mkfs.minix -3 %s");
	int outer;
	char *buf = malloc(2 << 20);

	(void)state;
	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, 2 << 20, 0), 2 << 20);
	close(fd);
	/* The same filesystem 1 MiB into a bigger file. */
	snprintf(path, sizeof(path), "%s/outer.img", tmpdir);
	outer = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(outer >= 0);
	assert_int_equal(pwrite(outer, buf, 2 << 20, 1 << 20), 2 << 20);
	expect_types(outer, 1 << 20, "minix", NULL);
	expect_types(outer, 0, NULL, NULL);
	close(outer);
	free(buf);
	/* A read error is reported as such. */
	assert_int_equal(kfs_probe_fd(-1, 0, (const char *[KFS_PROBE_MAX]){ 0 }, KFS_PROBE_MAX),
			 -EBADF);
}

/* ------------------------------------------------------------------ opts */

struct extra_seen {
	int allow_other;
	char timeout[32];
};

static int extra_opt(void *ctx, const char *name, const char *value, char *err, size_t len)
{
	struct extra_seen *s = ctx;

	if (!strcmp(name, "allow_other")) {
		s->allow_other = 1;
		return 1;
	}
	if (!strcmp(name, "timeout")) {
		if (!value) {
			snprintf(err, len, "timeout needs a value");
			return -1;
		}
		snprintf(s->timeout, sizeof(s->timeout), "%s", value);
		return 1;
	}
	return 0;
}

static void test_opts_split(void **state)
{
	struct kfs_mount_opts mo;
	struct extra_seen seen = { 0 };
	char err[128];

	(void)state;
	assert_int_equal(kfs_opts_parse(NULL, &mo, NULL, NULL, err, sizeof(err)), 0);
	assert_string_equal(mo.fsdata, "");
	assert_int_equal(mo.rdonly, -1);
	assert_int_equal(mo.offset, -1);
	assert_int_equal(mo.size, -1);
	assert_int_equal(mo.part, 0);
	kfs_opts_free(&mo);

	assert_int_equal(kfs_opts_parse("errors=continue,ro,defaults,allow_other,offset=1M,"
					"uid=1000,nofail,x-systemd.automount,timeout=5,"
					"cache=64M,iocharset=utf8,rw,comment=foo,size=0x100",
					&mo, extra_opt, &seen, err, sizeof(err)), 0);
	assert_string_equal(mo.fsdata, "errors=continue,uid=1000,iocharset=utf8");
	assert_int_equal(mo.rdonly, 0);		/* the later rw wins */
	assert_int_equal(mo.offset, 1 << 20);
	assert_int_equal(mo.size, 0x100);
	assert_int_equal(mo.cache, 64ULL << 20);
	assert_int_equal(seen.allow_other, 1);
	assert_string_equal(seen.timeout, "5");
	kfs_opts_free(&mo);
}

static void test_opts_errors(void **state)
{
	static const struct {
		const char *opts, *needle;
	} bad[] = {
		{ "offset=", "offset" },
		{ "offset", "offset" },
		{ "offset=12Q", "offset" },
		{ "size=-1", "size" },
		{ "part=0", "part" },
		{ "part=x", "part" },
		{ "ro=1", "ro" },
		{ "cache=1Z", "cache" },
		{ "errors=continue,timeout", "timeout" },
	};
	struct extra_seen seen = { 0 };
	struct kfs_mount_opts mo;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(kfs_opts_parse(bad[i].opts, &mo, extra_opt, &seen, err,
						sizeof(err)), -1);
		assert_non_null(strstr(err, bad[i].needle));
		assert_null(mo.fsdata);
	}
}

static void test_parse_size(void **state)
{
	unsigned long long v;

	(void)state;
	assert_int_equal(kfs_parse_size("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(kfs_parse_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(kfs_parse_size("2k", &v), 0);
	assert_int_equal(v, 2048);
	assert_int_equal(kfs_parse_size("3MiB", &v), 0);
	assert_int_equal(v, 3ULL << 20);
	assert_int_equal(kfs_parse_size("1G", &v), 0);
	assert_int_equal(v, 1ULL << 30);
	assert_int_equal(kfs_parse_size("1TB", &v), 0);
	assert_int_equal(v, 1ULL << 40);
	assert_int_equal(kfs_parse_size("", &v), -1);
	assert_int_equal(kfs_parse_size("K", &v), -1);
	assert_int_equal(kfs_parse_size("1KX", &v), -1);
	assert_int_equal(kfs_parse_size("99999999999999999999", &v), -1);
	assert_int_equal(kfs_parse_size("100000000000T", &v), -1);
}

/* ---------------------------------------------------------------- parts */

static int sfdisk_image(const char *name, int mb, const char *script)
{
	char path[512], cmd[1024];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)mb << 20), 0);
	snprintf(cmd, sizeof(cmd), "printf '%s' | sfdisk -q '%s' >/dev/null 2>&1", script, path);
	assert_int_equal(system(cmd), 0);
	return fd;
}

static void test_parts_mbr(void **state)
{
	struct kfs_part parts[KFS_PARTS_MAX], p;
	int kind, fd, n;

	(void)state;
	/* Two primaries, an extended partition with two logical ones. */
	fd = sfdisk_image("mbr.img", 64, "label: dos\\n"
			  "start=2048, size=8192, type=83, bootable\\n"
			  "start=10240, size=4096, type=c\\n"
			  "start=14336, size=40960, type=5\\n"
			  "start=16384, size=8192, type=83\\n"
			  "start=26624, size=8192, type=b\\n");
	n = kfs_parts_read(fd, parts, KFS_PARTS_MAX, &kind);
	assert_int_equal(kind, KFS_PARTS_MBR);
	assert_int_equal(n, 5);
	assert_int_equal(parts[0].number, 1);
	assert_int_equal(parts[0].start, 2048LL * 512);
	assert_int_equal(parts[0].size, 8192LL * 512);
	assert_string_equal(parts[0].type, "0x83");
	assert_string_equal(parts[0].type_name, "Linux");
	assert_true(parts[0].bootable);
	assert_string_equal(parts[1].type, "0x0c");
	assert_false(parts[1].bootable);
	assert_string_equal(parts[2].type, "0x05");
	assert_int_equal(parts[3].number, 5);
	assert_int_equal(parts[3].start, 16384LL * 512);
	assert_int_equal(parts[3].size, 8192LL * 512);
	assert_int_equal(parts[4].number, 6);
	assert_int_equal(parts[4].start, 26624LL * 512);
	assert_string_equal(parts[4].type, "0x0b");
	assert_int_equal(kfs_parts_find(fd, 6, &p), 0);
	assert_int_equal(p.start, 26624LL * 512);
	assert_int_equal(kfs_parts_find(fd, 4, &p), -ENOENT);
	close(fd);
}

static void test_parts_gpt(void **state)
{
	struct kfs_part parts[KFS_PARTS_MAX];
	int kind, fd, n;

	(void)state;
	fd = sfdisk_image("gpt.img", 64, "label: gpt\\n"
			  "start=2048, size=16384, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, "
			  "name=\"linux data\"\\n"
			  "start=20480, size=8192, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\\n");
	n = kfs_parts_read(fd, parts, KFS_PARTS_MAX, &kind);
	assert_int_equal(kind, KFS_PARTS_GPT);
	assert_int_equal(n, 2);
	assert_int_equal(parts[0].number, 1);
	assert_int_equal(parts[0].start, 2048LL * 512);
	assert_int_equal(parts[0].size, 16384LL * 512);
	assert_string_equal(parts[0].type, "0FC63DAF-8483-4772-8E79-3D69D8477DE4");
	assert_string_equal(parts[0].name, "linux data");
	assert_string_equal(parts[0].type_name, "Linux filesystem");
	assert_int_equal(parts[1].number, 2);
	assert_int_equal(parts[1].start, 20480LL * 512);
	assert_string_equal(parts[1].type, "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");
	close(fd);
}

static void test_parts_none(void **state)
{
	struct kfs_part parts[4];
	int kind, fd;

	(void)state;
	/* A FAT boot sector ends in 0x55AA too, but is no partition table. */
	fd = make_image("plain.fat", 4, "mkfs.vfat %s");
	assert_int_equal(kfs_parts_read(fd, parts, 4, &kind), 0);
	assert_int_equal(kind, KFS_PARTS_NONE);
	close(fd);
	fd = make_image("plain2.minix", 1, "mkfs.minix %s");
	assert_int_equal(kfs_parts_read(fd, parts, 4, &kind), 0);
	assert_int_equal(kind, KFS_PARTS_NONE);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_real_images),
		cmocka_unit_test(test_probe_pick),
		cmocka_unit_test(test_probe_handmade),
		cmocka_unit_test(test_probe_offset_and_errors),
		cmocka_unit_test(test_opts_split),
		cmocka_unit_test(test_opts_errors),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_parts_mbr),
		cmocka_unit_test(test_parts_gpt),
		cmocka_unit_test(test_parts_none),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
