/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Suite 'vfs': fs/ext2 from the kernel tree, in-process through kfs_api.h,
 * on images made by mkfs.ext2 -I 128 and judged by e2fsprogs (e2fsck -fn,
 * debugfs):
 *  - FIEMAP (kfs_fiemap) gives exactly the blocks debugfs sees, and the
 *    extents the 6.1 kernel's FIEMAP gives (filefrag -v in User-Mode Linux);
 *  - O_DIRECT reads and writes (blockdev_direct_IO), checked by debugfs;
 *  - mount options, ->show_options, remount, statfs;
 *  - xattrs, POSIX ACLs (mode <-> ACL) and inode flags through the API;
 *  - errors=continue|remount-ro|panic on a damaged directory block: ext2's
 *    own message, then go on / turn read-only / end the process with the
 *    panic status (in a child).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kfs_api.h"
#include "kfs_host_debug.h"

static char tmpdir[] = "/dev/shm/kfs-ext2-test.XXXXXX";
static char log_buf[16384];
static size_t log_len;

static void log_handler(void *ctx, int level, const char *line, size_t len)
{
	(void)ctx;
	if (log_len + len + 2 < sizeof(log_buf)) {
		memcpy(log_buf + log_len, line, len);
		log_len += len;
		log_buf[log_len++] = '\n';
		log_buf[log_len] = 0;
	}
	fprintf(stderr, "[kernel %d] %.*s\n", level, (int)len, line);
}

static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Output of a shell command (first line), as a number. */
static long long run_num(const char *fmt, ...)
{
	char cmd[2048], line[256];
	va_list ap;
	FILE *p;
	long long v = -1;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (fgets(line, sizeof(line), p))
		v = strtoll(line, NULL, 0);
	pclose(p);
	return v;
}

static char *make_image(const char *name, int mb, const char *args)
{
	static char path[4][512];
	static int slot;
	char *p = path[slot++ % 4];

	snprintf(p, 512, "%s/%s", tmpdir, name);
	assert_int_equal(run("rm -f '%s' && truncate -s %dM '%s' && "
			     "mkfs.ext2 -q -F -I 128 %s '%s' >/dev/null 2>&1", p, mb, p, args, p), 0);
	return p;
}

static void fsck_clean(const char *img)
{
	assert_int_equal(run("e2fsck -fn '%s' >&2", img), 0);
}

static struct kfs_mount *do_mount(const char *img, const char *data, int flags)
{
	struct kfs_mount_params p = {
		.fstype = "ext2", .source = img, .data = data, .flags = flags,
	};
	struct kfs_mount *m = NULL;

	assert_int_equal(kfs_mount(&p, &m), 0);
	assert_non_null(m);
	return m;
}

static struct kfs_node *create_file(struct kfs_node *dir, const char *name, struct kfs_file **f)
{
	struct kfs_node *n = NULL;

	assert_int_equal(kfs_create(dir, name, 0644, O_RDWR, &n, f), 0);
	return n;
}

/* ----------------------------------------------------------------- fiemap */

/*
 * The 6.1 kernel's own FIEMAP on the same image: filefrag -v /f inside
 * User-Mode Linux (tests/uml/uml.py) lists the same extents, flags too.
 */
static void fiemap_like_uml(const char *img, const struct kfs_fiemap_extent *ext, int count,
			    unsigned int bs)
{
	char cmd[2048], line[512], flags[128];
	long long l0, l1, p0, p1, len;
	int i, n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "python3 '%s/tests/uml/uml.py' --print --disk-ro '%s' -- "
		 "sh -c 'mkdir -p /run/m && mount -o ro /dev/ubda /run/m && "
		 "filefrag -v /run/m/f; umount /run/m'", getenv("KFS_SRCDIR"), img);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		fprintf(stderr, "uml: %s", line);
		/* " 1:  64..  67:  3590..  3593:  4:  3649: merged", "expected" optional */
		flags[0] = 0;
		if (sscanf(line, " %d: %lld.. %lld: %lld.. %lld: %lld: %*[0-9]: %127s",
			   &i, &l0, &l1, &p0, &p1, &len, flags) < 7 &&
		    sscanf(line, " %d: %lld.. %lld: %lld.. %lld: %lld: %127s",
			   &i, &l0, &l1, &p0, &p1, &len, flags) < 6)
			continue;
		assert_int_equal(i, n);
		assert_true(n < count);
		assert_int_equal(l0 * bs, ext[n].logical);
		assert_int_equal(p0 * bs, ext[n].physical);
		assert_int_equal(len * bs, ext[n].length);
		assert_int_equal(!!strstr(flags, "last"), !!(ext[n].flags & 1));
		assert_int_equal(!!strstr(flags, "merged"), !!(ext[n].flags & 0x1000));
		n++;
	}
	assert_int_equal(pclose(p), 0);
	assert_int_equal(n, count);
}

static void test_fiemap(void **state)
{
	static const struct { long long off; int len; } writes[] = {
		{ 0, 4096 }, { 65536, 4096 }, { 300 * 1024, 1024 }, { 2 << 20, 20000 },
	};
	struct kfs_fiemap_extent ext[64];
	char buf[20000];
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	char *img = make_image("fiemap.img", 16, "-b 1024");
	int i, count, blocks = 0;
	long long lblk;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	m = do_mount(img, NULL, 0);
	root = kfs_root(m);
	n = create_file(root, "f", &f);
	for (i = 0; i < 4; i++)
		assert_int_equal(kfs_write(f, buf, writes[i].len, writes[i].off), writes[i].len);

	/* count only, then fetch; SYNC allocates nothing new in ext2 but flushes */
	count = kfs_fiemap(n, 0, ~0ULL, 1, NULL, 0);
	assert_true(count >= 4);
	assert_int_equal(kfs_fiemap(n, 0, ~0ULL, 1, ext, 64), count);
	assert_int_equal(kfs_fiemap(n, 0, ~0ULL, 0x80, ext, 64), -EBADR);
	assert_true(ext[count - 1].flags & 1);		/* FIEMAP_EXTENT_LAST */
	for (i = 0; i < count; i++) {
		assert_int_equal(ext[i].logical % 1024, 0);
		assert_int_equal(ext[i].length % 1024, 0);
		if (i)
			assert_true(ext[i].logical >= ext[i - 1].logical + ext[i - 1].length);
		blocks += ext[i].length / 1024;
	}
	/* 4 + 4 + 1 + 20 data blocks (20000 bytes round up to 20 KiB) */
	assert_int_equal(blocks, 4 + 4 + 1 + 20);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	fsck_clean(img);

	/* every block of every extent is where debugfs says it is */
	for (i = 0; i < count; i++) {
		for (lblk = 0; lblk < (long long)(ext[i].length / 1024); lblk++) {
			long long phys = run_num("debugfs -R 'bmap /f %lld' '%s' 2>/dev/null",
						 (long long)ext[i].logical / 1024 + lblk, img);

			assert_int_equal(phys, (long long)ext[i].physical / 1024 + lblk);
		}
	}
	/* and a hole reads as unmapped (block 10 lies between the first writes) */
	assert_int_equal(run_num("debugfs -R 'bmap /f 10' '%s' 2>/dev/null", img), 0);
	fiemap_like_uml(img, ext, count, 1024);
}

/* --------------------------------------------------------------- O_DIRECT */

/*
 * O_DIRECT (ext2_direct_IO -> blockdev_direct_IO) on 1 KiB blocks: aligned
 * reads and writes go to the device, also through cached data written
 * before; a write into a hole inside the file falls back to the page cache
 * (DIO_SKIP_HOLES); a write past the end extends the file; an offset or
 * buffer off the device's 512-byte sectors is EINVAL; a read stops at the
 * end of the file.  Afterwards the file holds exactly what the writes put
 * there (checked buffered, after a remount, and with debugfs) and e2fsck
 * is clean.
 */
static void test_direct_io(void **state)
{
	enum { SZ = 256 * 1024 };
	char *img = make_image("direct.img", 16, "-b 1024");
	static unsigned char want[SZ], got[SZ] __attribute__((aligned(4096)));
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f, *d;
	unsigned char *buf = NULL;
	struct kfs_attr a;
	char cmd[1024];
	FILE *p;
	size_t i;

	(void)state;
	assert_int_equal(posix_memalign((void **)&buf, 4096, SZ), 0);
	for (i = 0; i < SZ; i++)
		buf[i] = (unsigned char)(i * 7 + i / 4096);
	m = do_mount(img, NULL, 0);
	root = kfs_root(m);
	n = create_file(root, "f", &f);
	/* buffered data first: 0..8 KiB, and 100 KiB as the end (a hole between) */
	memset(want, 0, sizeof(want));
	memset(want, 'b', 8192);
	assert_int_equal(kfs_write(f, want, 8192, 0), 8192);
	want[100 * 1024 - 1] = 'e';
	assert_int_equal(kfs_write(f, want + 100 * 1024 - 1, 1, 100 * 1024 - 1), 1);
	assert_int_equal(kfs_open(n, O_RDWR | O_DIRECT, &d), 0);

	/* a direct read sees the cached, unwritten data */
	memset(got, 0xff, SZ);
	assert_int_equal(kfs_read(d, got, 4096, 4096), 4096);
	assert_memory_equal(got, want + 4096, 4096);
	/* misaligned offset, length or memory: EINVAL */
	assert_int_equal(kfs_read(d, got, 4096, 100), -EINVAL);
	assert_int_equal(kfs_read(d, buf + 1, 512, 0), -EINVAL);
	assert_int_equal(kfs_write(d, buf, 100, 0), -EINVAL);
	assert_int_equal(kfs_write(d, buf, 512, 700), -EINVAL);

	/* over allocated blocks, sector aligned inside a block */
	assert_int_equal(kfs_write(d, buf, 512, 512), 512);
	memcpy(want + 512, buf, 512);
	assert_int_equal(kfs_write(d, buf + 4096, 4096, 2048), 4096);
	memcpy(want + 2048, buf + 4096, 4096);
	/* into the hole inside the file (page-cache fallback), across the end */
	assert_int_equal(kfs_write(d, buf + 8192, 16384, 90 * 1024), 16384);
	memcpy(want + 90 * 1024, buf + 8192, 16384);
	/* past the end: new blocks, a partial last block */
	assert_int_equal(kfs_write(d, buf + 16384, 65536 + 1536, 150 * 1024), 65536 + 1536);
	memcpy(want + 150 * 1024, buf + 16384, 65536 + 1536);
	assert_int_equal(kfs_getattr(n, &a), 0);
	assert_int_equal(a.size, 150 * 1024 + 65536 + 1536);

	/* direct read of everything, the end cut at i_size; past it: 0 */
	memset(got, 0xff, SZ);
	assert_int_equal(kfs_read(d, got, SZ, 0), (ssize_t)a.size);
	assert_memory_equal(got, want, a.size);
	assert_int_equal(kfs_read(d, got, 4096, 1 << 20), 0);
	/* and the cached view agrees */
	memset(got, 0xff, SZ);
	assert_int_equal(kfs_read(f, got, SZ, 0), (ssize_t)a.size);
	assert_memory_equal(got, want, a.size);
	assert_int_equal(kfs_release(d), 0);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	fsck_clean(img);

	/* what the device holds, as debugfs reads it */
	snprintf(cmd, sizeof(cmd), "debugfs -R 'cat /f' '%s' 2>/dev/null", img);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fread(got, 1, SZ, p), a.size);
	pclose(p);
	assert_memory_equal(got, want, a.size);
	free(buf);
}

/* ------------------------------------------------------ options and statfs */

static void test_options(void **state)
{
	char *img = make_image("opts.img", 8, "-b 4096");
	struct kfs_mount_params bad = {
		.fstype = "ext2", .source = img, .data = "no_such_option",
	};
	struct kfs_mount *m = NULL;
	struct kfs_statfs st;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	char opts[512];

	(void)state;
	log_len = 0;
	assert_int_equal(kfs_mount(&bad, &m), -EINVAL);
	/* 6.1's parse_options refuses unknown options without a message */
	assert_null(m);

	m = do_mount(img, "errors=remount-ro,nouser_xattr,resuid=7", 0);
	assert_true(kfs_show_options(m, opts, sizeof(opts)) >= 0);
	assert_non_null(strstr(opts, "errors=remount-ro"));
	assert_non_null(strstr(opts, "nouser_xattr"));
	assert_non_null(strstr(opts, "resuid=7"));
	assert_int_equal(kfs_statfs(m, &st), 0);
	assert_int_equal(st.type, 0xEF53);
	assert_int_equal(st.bsize, 4096);
	assert_int_equal(st.namelen, 255);
	/* bsddf (the default): the metadata overhead is not counted */
	assert_true(st.blocks > 1900 && st.blocks < 2048);
	assert_true(st.bfree > 1900 && st.bfree <= st.blocks);

	/* user xattrs are off with nouser_xattr, back with user_xattr */
	root = kfs_root(m);
	n = create_file(root, "x", &f);
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_setxattr(n, "user.a", "1", 1, 0), -EOPNOTSUPP);
	assert_int_equal(kfs_remount(m, 0, "user_xattr"), 0);
	assert_int_equal(kfs_setxattr(n, "user.a", "1", 1, 0), 0);
	/* minixdf: every block of the filesystem counts */
	assert_int_equal(kfs_remount(m, 0, "minixdf"), 0);
	assert_int_equal(kfs_statfs(m, &st), 0);
	assert_int_equal(st.blocks, 2048);

	/* read-only and back */
	assert_int_equal(kfs_remount(m, KFS_MOUNT_RDONLY, NULL), 0);
	assert_true(kfs_is_readonly(m));
	assert_int_equal(kfs_setxattr(n, "user.b", "1", 1, 0), -EROFS);
	assert_int_equal(kfs_remount(m, 0, NULL), 0);
	assert_false(kfs_is_readonly(m));
	assert_int_equal(kfs_setxattr(n, "user.b", "2", 1, 0), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	fsck_clean(img);
}

/* --------------------------------------------- xattrs, ACLs, inode flags */

/* system.posix_acl_access value: u::rw-, u:1000:rwx, g::r--, m::r--, o::--- */
static size_t acl_value(unsigned char *v, int mask)
{
	static const int e[5][3] = {
		{ 0x01, 6, -1 }, { 0x02, 7, 1000 }, { 0x04, 4, -1 }, { 0x10, 0, -1 }, { 0x20, 0, -1 },
	};
	size_t o = 0;
	int i;

	v[o++] = 2, v[o++] = 0, v[o++] = 0, v[o++] = 0;
	for (i = 0; i < 5; i++) {
		int perm = e[i][0] == 0x10 ? mask : e[i][1];
		unsigned int id = (unsigned int)e[i][2];

		v[o++] = e[i][0], v[o++] = 0, v[o++] = perm, v[o++] = 0;
		v[o++] = id, v[o++] = id >> 8, v[o++] = id >> 16, v[o++] = id >> 24;
	}
	return o;
}

static void test_xattr_acl_flags(void **state)
{
	char *img = make_image("xattr.img", 8, "-b 1024");
	unsigned char val[64], got[64];
	char list[256];
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	struct kfs_attr a;
	kfs_api_u32 flags;
	size_t len;
	ssize_t r;

	(void)state;
	m = do_mount(img, NULL, 0);
	root = kfs_root(m);
	n = create_file(root, "f", &f);
	assert_int_equal(kfs_release(f), 0);

	assert_int_equal(kfs_setxattr(n, "user.one", "1", 1, 0), 0);
	assert_int_equal(kfs_setxattr(n, "user.one", "2", 1, 1), -EEXIST);
	assert_int_equal(kfs_setxattr(n, "user.two", "2", 1, 2), -ENODATA);
	assert_int_equal(kfs_setxattr(n, "trusted.t", "tt", 2, 0), 0);

	/* an ACL with a mask: the group bits of the mode become the mask */
	len = acl_value(val, 5);
	assert_int_equal(kfs_setxattr(n, "system.posix_acl_access", val, len, 0), 0);
	assert_int_equal(kfs_getattr(n, &a), 0);
	assert_int_equal(a.mode & 07777, 0650);
	r = kfs_getxattr(n, "system.posix_acl_access", got, sizeof(got));
	assert_int_equal(r, (ssize_t)len);
	assert_memory_equal(got, val, len);
	r = kfs_listxattr(n, list, sizeof(list));
	assert_true(r > 0);
	assert_non_null(memmem(list, r, "user.one", 9));
	assert_non_null(memmem(list, r, "trusted.t", 10));
	assert_non_null(memmem(list, r, "system.posix_acl_access", 24));

	/* chmod rewrites the mask entry */
	{
		struct kfs_setattr sa = { .valid = KFS_SET_MODE, .mode = 0600 };

		assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), 0);
	}
	acl_value(val, 0);
	assert_int_equal(kfs_getxattr(n, "system.posix_acl_access", got, sizeof(got)), (ssize_t)len);
	assert_memory_equal(got, val, len);

	/* a malformed ACL (no mask with a named user) is refused */
	val[4 + 3 * 8] = 0x20;	/* the mask entry becomes a second "other" */
	assert_int_equal(kfs_setxattr(n, "system.posix_acl_access", val, len, 0), -EINVAL);
	assert_int_equal(kfs_removexattr(n, "system.posix_acl_access"), 0);
	assert_int_equal(kfs_getxattr(n, "system.posix_acl_access", got, sizeof(got)), -ENODATA);

	/* inode flags: append-only refuses overwrites, immutable everything */
	assert_int_equal(kfs_get_flags(n, &flags), 0);
	assert_int_equal(flags & 0x30, 0);
	assert_int_equal(kfs_set_flags(n, flags | 0x20), 0);	/* FS_APPEND_FL */
	assert_int_equal(kfs_open(n, O_WRONLY, &f), -EPERM);
	assert_int_equal(kfs_set_flags(n, flags | 0x10), 0);	/* FS_IMMUTABLE_FL */
	assert_int_equal(kfs_setxattr(n, "user.three", "3", 1, 0), -EPERM);
	assert_int_equal(kfs_get_flags(n, &flags), 0);
	assert_int_equal(flags & 0x30, 0x10);
	assert_int_equal(kfs_set_flags(n, flags & ~0x10), 0);

	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	fsck_clean(img);
	assert_int_equal(run("debugfs -R 'ea_get /f user.one' '%s' 2>/dev/null | grep -qx 'user.one (1) = \"1\"'", img), 0);
}

/* ----------------------------------------------------------- errors= */

/* An image with /d holding a few files, whose directory block is zeroed. */
static char *damaged_image(const char *name)
{
	char *img = make_image(name, 8, "-b 1024");
	struct kfs_mount *m = do_mount(img, NULL, 0);
	struct kfs_node *root = kfs_root(m), *d = NULL, *n;
	struct kfs_file *f;
	long long blk;

	assert_int_equal(kfs_mkdir(root, "d", 0755, &d), 0);
	n = create_file(d, "a", &f);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	kfs_node_put(d);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	blk = run_num("debugfs -R 'bmap /d 0' '%s' 2>/dev/null", img);
	assert_true(blk > 0);
	assert_int_equal(run("dd if=/dev/zero of='%s' bs=1024 seek=%lld count=1 conv=notrunc "
			     "status=none", img, blk), 0);
	return img;
}

static int lookup_in_d(struct kfs_mount *m)
{
	struct kfs_node *root = kfs_root(m), *d = NULL, *n = NULL;
	int err = kfs_lookup(root, "d", &d);

	if (!err) {
		err = kfs_lookup(d, "a", &n);
		if (!err)
			kfs_node_put(n);
		kfs_node_put(d);
	}
	kfs_node_put(root);
	return err;
}

static void test_errors_behaviour(void **state)
{
	struct kfs_mount *m;
	char *img;
	pid_t pid;
	int st;

	(void)state;
	/* continue: the lookup fails, the mount stays writable */
	img = damaged_image("cont.img");
	m = do_mount(img, "errors=continue", 0);
	log_len = 0;
	assert_int_not_equal(lookup_in_d(m), 0);
	assert_non_null(strstr(log_buf, "EXT2-fs"));
	assert_non_null(strstr(log_buf, "ext2_check_page"));
	assert_false(kfs_is_readonly(m));
	assert_int_equal(kfs_unmount(m), 0);

	/* remount-ro: after the error every write is refused */
	img = damaged_image("ro.img");
	m = do_mount(img, "errors=remount-ro", 0);
	log_len = 0;
	assert_int_not_equal(lookup_in_d(m), 0);
	assert_non_null(strstr(log_buf, "remounting filesystem read-only"));
	assert_true(kfs_is_readonly(m));
	{
		struct kfs_node *root = kfs_root(m), *x = NULL;

		assert_int_equal(kfs_mkdir(root, "x", 0755, &x), -EROFS);
		kfs_node_put(root);
	}
	assert_int_equal(kfs_unmount(m), 0);

	/* panic: the process ends with the panic status, after the message */
	img = damaged_image("panic.img");
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		m = do_mount(img, "errors=panic", 0);
		lookup_in_d(m);
		_exit(0);	/* not reached */
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), KFS_EXIT_PANIC);
}

/* ------------------------------------------------------------------ main */

/* ------------------------------------------------------ sticky O_CREAT */

static void chown_node(struct kfs_node *n, unsigned int mode, unsigned int uid)
{
	struct kfs_setattr sa = { .valid = KFS_SET_MODE | KFS_SET_UID, .mode = mode, .uid = uid };

	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), 0);
}

/*
 * open(O_CREAT) of an existing name in a world-writable sticky directory
 * that neither the caller (root here) nor the directory's owner owns: a
 * socket or device node is refused with EACCES, a regular file opens (6.1's
 * may_create_in_sticky with protected_fifos/protected_regular at 0; checked
 * against UML by tests/ext2/differential.py --reference uml).
 */
static void test_create_in_sticky(void **state)
{
	char *img = make_image("sticky.img", 4, "-b 1024");
	struct kfs_mount *m = do_mount(img, NULL, 0);
	struct kfs_node *root = kfs_root(m), *d = NULL, *s = NULL, *r = NULL, *n = NULL;
	struct kfs_file *f = NULL;

	(void)state;
	assert_int_equal(kfs_mkdir(root, "t", 0777, &d), 0);
	chown_node(d, 01777, 1000);
	assert_int_equal(kfs_mknod(d, "sock", 0140666, 0, &s), 0);
	chown_node(s, 0140666, 1001);
	r = create_file(d, "reg", &f);
	assert_int_equal(kfs_release(f), 0);
	chown_node(r, 0100666, 1001);

	assert_int_equal(kfs_create(d, "sock", 0644, O_WRONLY, &n, &f), -EACCES);
	assert_int_equal(kfs_create(d, "reg", 0644, O_WRONLY, &n, &f), 0);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	/* the directory's owner may: chown it to the socket's owner */
	chown_node(d, 01777, 1001);
	assert_int_equal(kfs_create(d, "sock", 0644, O_WRONLY, &n, &f), -ENXIO);

	kfs_node_put(r);
	kfs_node_put(s);
	kfs_node_put(d);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	fsck_clean(img);
}

static int setup(void **state)
{
	struct kfs_cred c = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };

	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	kfs_set_log_handler(log_handler, NULL);
	kfs_thread_adopt("ext2-test");
	if (kfs_init())
		return -1;
	kfs_set_cred(&c);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kfs_exit();
	kfs_thread_leave();
	return run("rm -rf '%s'", tmpdir) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fiemap),
		cmocka_unit_test(test_direct_io),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_xattr_acl_flags),
		cmocka_unit_test(test_errors_behaviour),
		cmocka_unit_test(test_create_in_sticky),
	};

	return cmocka_run_group_tests_name("ext2-api", tests, setup, teardown);
}
