/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Suite 'vfs': fs/fat (vfat and msdos) from the kernel tree, driven
 * in-process through kfs_api.h, judged by tools nobody here wrote:
 * mkfs.fat makes the images, `fsck.fat -n` checks them after unmount and
 * mtools (`mcopy -s`) extracts and injects trees that are compared byte
 * for byte and name for name with a host mirror.
 *
 * ERRATA.md: vfat is case-insensitive (names differing only in case are one
 * file, as in the kernel); mtools mangles names outside the BMP, so emoji
 * names are checked through kfs after a remount plus fsck.fat only;
 * small FAT32 volumes need MTOOLS_SKIP_CHECK=1.
 */
#define _GNU_SOURCE	/* O_DIRECT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

static char tmpdir[] = "/dev/shm/kfs-fat-test.XXXXXX";

/* ------------------------------------------------------------- logging */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[65536];
static size_t log_len;

static void log_handler(void *ctx, int level, const char *line, size_t len)
{
	(void)ctx;
	pthread_mutex_lock(&log_lock);
	if (log_len + len + 2 < sizeof(log_buf)) {
		memcpy(log_buf + log_len, line, len);
		log_len += len;
		log_buf[log_len++] = '\n';
		log_buf[log_len] = 0;
	}
	pthread_mutex_unlock(&log_lock);
	fprintf(stderr, "[kernel %d] %.*s\n", level, (int)len, line);
}

static void log_reset(void)
{
	pthread_mutex_lock(&log_lock);
	log_len = 0;
	log_buf[0] = 0;
	pthread_mutex_unlock(&log_lock);
}

static bool log_has(const char *what)
{
	bool r;

	pthread_mutex_lock(&log_lock);
	r = strstr(log_buf, what) != NULL;
	pthread_mutex_unlock(&log_lock);
	return r;
}

/* ------------------------------------------------------------- helpers */

static int run(const char *fmt, ...)
{
	char cmd[4096];
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

static char *tpath(const char *name)
{
	static char path[8][1024];
	static int slot;
	char *p = path[slot++ % 8];

	snprintf(p, 1024, "%s/%s", tmpdir, name);
	return p;
}

/* A fresh image of kib KiB made by mkfs.fat with args. */
static char *make_fat(const char *name, long kib, const char *args)
{
	char *p = tpath(name);

	assert_int_equal(run("rm -f '%s' && truncate -s %ldK '%s' && mkfs.fat %s '%s' >/dev/null",
			     p, kib, p, args, p), 0);
	return p;
}

static void fsck_clean(const char *img)
{
	assert_int_equal(run("fsck.fat -n '%s' >&2", img), 0);
}

static struct kfs_mount *mount_fat_flags(const char *type, const char *img, const char *opts,
					 int flags)
{
	struct kfs_mount_params p = { .fstype = type, .source = img, .data = opts,
				      .flags = flags };
	struct kfs_mount *m = NULL;

	assert_int_equal(kfs_mount(&p, &m), 0);
	assert_non_null(m);
	return m;
}

static struct kfs_mount *mount_fat(const char *type, const char *img, const char *opts)
{
	return mount_fat_flags(type, img, opts, 0);
}

static void umount_ok(struct kfs_mount *m)
{
	assert_int_equal(kfs_unmount(m), 0);
}

static uint8_t content_byte(uint32_t seed, uint64_t off)
{
	uint64_t x = (off / 8) * 0x9e3779b97f4a7c15ULL + (seed + 1) * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 31;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 29;
	return (uint8_t)(x >> ((off % 8) * 8));
}

/* Creates (or, case-insensitively, reopens) dir/name and writes size bytes. */
static int kfs_put_file(struct kfs_node *dir, const char *name, uint64_t size, uint32_t seed)
{
	static uint8_t buf[65536];
	struct kfs_node *n;
	struct kfs_file *f;
	uint64_t off = 0;
	int err;

	err = kfs_create(dir, name, 0644, O_WRONLY | O_CREAT | O_TRUNC, &n, &f);
	if (err)
		return err;
	while (off < size) {
		size_t len = size - off < sizeof(buf) ? size - off : sizeof(buf);
		ssize_t w;
		size_t i;

		for (i = 0; i < len; i++)
			buf[i] = content_byte(seed, off + i);
		w = kfs_write(f, buf, len, off);
		if (w < 0) {
			err = (int)w;
			break;
		}
		assert_true(w > 0);
		off += w;
	}
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	return err;
}

static void host_put_file(const char *path, uint64_t size, uint32_t seed)
{
	FILE *f = fopen(path, "wb");
	uint64_t i;

	assert_non_null(f);
	for (i = 0; i < size; i++)
		fputc(content_byte(seed, i), f);
	assert_int_equal(fclose(f), 0);
}

/* One file in kfs and in the host mirror. */
static void both_file(struct kfs_node *dir, const char *hostdir, const char *name,
		      uint64_t size, uint32_t seed)
{
	char hp[2048];

	assert_int_equal(kfs_put_file(dir, name, size, seed), 0);
	snprintf(hp, sizeof(hp), "%s/%s", hostdir, name);
	host_put_file(hp, size, seed);
}

static struct kfs_node *both_mkdir(struct kfs_node *dir, const char *hostdir, const char *name,
				   char *hostsub, size_t hostsub_len)
{
	struct kfs_node *n;

	assert_int_equal(kfs_mkdir(dir, name, 0755, &n), 0);
	snprintf(hostsub, hostsub_len, "%s/%s", hostdir, name);
	assert_int_equal(mkdir(hostsub, 0755), 0);
	return n;
}

/* ------------------------------------------- kfs tree vs. host directory */

struct names {
	char name[512][256];
	int n;
};

static int collect(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		   unsigned int dtype, kfs_api_s64 next)
{
	struct names *s = ctx;

	(void)ino;
	(void)dtype;
	(void)next;
	if ((namelen == 1 && name[0] == '.') || (namelen == 2 && !memcmp(name, "..", 2)))
		return 0;
	assert_true(s->n < 512);
	assert_true(namelen < 256);
	memcpy(s->name[s->n], name, namelen);
	s->name[s->n][namelen] = 0;
	s->n++;
	return 0;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void compare_file(struct kfs_node *n, const char *hp)
{
	static uint8_t kb[65536], hb[65536];
	struct kfs_file *f;
	FILE *h = fopen(hp, "rb");
	int64_t off = 0;

	assert_non_null(h);
	assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
	for (;;) {
		ssize_t r = kfs_read(f, kb, sizeof(kb), off);
		size_t hr = fread(hb, 1, sizeof(hb), h);

		assert_true(r >= 0);
		assert_int_equal((size_t)r, hr);
		if (memcmp(kb, hb, hr))
			fail_msg("content differs in %s near offset %lld", hp, (long long)off);
		if (!r)
			break;
		off += r;
	}
	assert_int_equal(kfs_release(f), 0);
	fclose(h);
}

/* Every name, type and byte under kfs dir equals the host directory. */
static void compare_tree(struct kfs_node *dir, const char *hostdir)
{
	struct names *k = calloc(1, sizeof(*k)), *h = calloc(1, sizeof(*h));
	struct kfs_file *df;
	struct dirent *de;
	DIR *d;
	int i;

	assert_non_null(k);
	assert_non_null(h);
	assert_int_equal(kfs_open(dir, O_RDONLY | O_DIRECTORY, &df), 0);
	assert_int_equal(kfs_readdir(df, 0, collect, k), 0);
	assert_int_equal(kfs_release(df), 0);
	d = opendir(hostdir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		assert_true(h->n < 512);
		snprintf(h->name[h->n++], 256, "%s", de->d_name);
	}
	closedir(d);
	qsort(k->name, k->n, 256, cmpstr);
	qsort(h->name, h->n, 256, cmpstr);
	if (k->n != h->n)
		fail_msg("%s: %d names through kfs, %d on the host", hostdir, k->n, h->n);
	for (i = 0; i < k->n; i++) {
		char hp[2048];
		struct kfs_node *c;
		struct kfs_attr a;
		struct stat st;

		if (strcmp(k->name[i], h->name[i]))
			fail_msg("%s: name '%s' through kfs, '%s' on the host", hostdir,
				 k->name[i], h->name[i]);
		snprintf(hp, sizeof(hp), "%s/%s", hostdir, h->name[i]);
		assert_int_equal(lstat(hp, &st), 0);
		assert_int_equal(kfs_lookup(dir, k->name[i], &c), 0);
		assert_int_equal(kfs_getattr(c, &a), 0);
		assert_int_equal(S_ISDIR(a.mode), S_ISDIR(st.st_mode));
		if (S_ISDIR(st.st_mode)) {
			compare_tree(c, hp);
		} else {
			assert_int_equal(a.size, st.st_size);
			compare_file(c, hp);
		}
		kfs_node_put(c);
	}
	free(k);
	free(h);
}

/* ------------------------------------------------------ the tree tests */

static const uint64_t sizes[] = {
	0, 1, 511, 512, 513, 4095, 4096, 4097, 65536, 65537, (1 << 20) + 7, 3 << 20,
};

static const char *const intl_names[] = {
	"Ελληνικά αρχεία.txt",
	"Кириллица и пробелы",
	"日本語のファイル名.txt",
	"中文文件名.dat",
	"한국어.bin",
	"Ünïcödé mixed ß.TXT",
};

/* Writes the test tree into kfs root and the host mirror hroot. */
static void write_tree(struct kfs_node *root, const char *hroot)
{
	char hsub[2048], hsub2[2048], name[256];
	struct kfs_node *sub, *deep, *n;
	struct kfs_file *f;
	unsigned int i;

	both_file(root, hroot, "Long File Name With Spaces And More Than Eight.characters.text",
		  1000, 1);
	both_file(root, hroot, "a", 3, 2);
	/* Names that differ only in case: one file (vfat is case-insensitive). */
	both_file(root, hroot, "README.txt", 10, 3);
	assert_int_equal(kfs_put_file(root, "readme.TXT", 20, 4), 0);
	host_put_file(tpath("host/README.txt"), 20, 4);
	assert_int_equal(kfs_create(root, "ReadMe.Txt", 0644, O_WRONLY | O_CREAT | O_EXCL, &n, &f),
			 -EEXIST);
	assert_int_equal(kfs_lookup(root, "rEaDmE.tXt", &n), 0);
	kfs_node_put(n);

	for (i = 0; i < sizeof(intl_names) / sizeof(intl_names[0]); i++)
		both_file(root, hroot, intl_names[i], 100 + i, 10 + i);
	sub = both_mkdir(root, hroot, "Каталог 目录 κατάλογος", hsub, sizeof(hsub));
	both_file(sub, hsub, "файл.txt", 77, 20);
	kfs_node_put(sub);

	sub = both_mkdir(root, hroot, "sizes", hsub, sizeof(hsub));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "size_%llu.bin", (unsigned long long)sizes[i]);
		both_file(sub, hsub, name, sizes[i], 100 + i);
	}
	kfs_node_put(sub);

	/* A directory that grows over several clusters (LFN slots). */
	sub = both_mkdir(root, hroot, "many", hsub, sizeof(hsub));
	for (i = 0; i < 150; i++) {
		snprintf(name, sizeof(name), "file number %03u with a long name.data", i);
		both_file(sub, hsub, name, i, 200 + i);
	}
	kfs_node_put(sub);

	/* Deep nesting. */
	sub = both_mkdir(root, hroot, "deep", hsub, sizeof(hsub));
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "level %u directory", i);
		deep = both_mkdir(sub, hsub, name, hsub2, sizeof(hsub2));
		kfs_node_put(sub);
		sub = deep;
		strcpy(hsub, hsub2);
	}
	both_file(sub, hsub, "leaf.txt", 12345, 999);
	kfs_node_put(sub);
	/* An empty directory. */
	sub = both_mkdir(root, hroot, "empty dir", hsub, sizeof(hsub));
	kfs_node_put(sub);
}

static void tree_test(const char *mkfs_args, long kib)
{
	char *img = make_fat("tree.img", kib, mkfs_args);
	char *host = tpath("host"), *out = tpath("out");
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	char buf[64];

	assert_int_equal(run("rm -rf '%s' '%s' && mkdir -p '%s' '%s'", host, out, host, out), 0);
	m = mount_fat("vfat", img, "utf8");
	root = kfs_root(m);
	write_tree(root, host);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);

	/* mtools extracts exactly the tree we wrote. */
	assert_int_equal(run("LC_ALL=C.UTF-8 mcopy -s -n -i '%s' ::/ '%s'", img, out), 0);
	assert_int_equal(run("diff -r '%s' '%s' >&2", host, out), 0);

	/* A second mount reads it back as written. */
	m = mount_fat("vfat", img, "utf8");
	root = kfs_root(m);
	compare_tree(root, host);

	/* Emoji (outside the BMP: surrogate pairs on disk), kfs-only check. */
	assert_int_equal(kfs_put_file(root, "emoji 😀🎉 file.txt", 5000, 4242), 0);
	assert_int_equal(kfs_mkdir(root, "rocket 🚀 dir", 0755, &n), 0);
	assert_int_equal(kfs_put_file(n, "𝄞 music.bin", 70000, 4343), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);

	m = mount_fat("vfat", img, "utf8");
	root = kfs_root(m);
	host_put_file(tpath("host/emoji 😀🎉 file.txt"), 5000, 4242);
	assert_int_equal(mkdir(tpath("host/rocket 🚀 dir"), 0755), 0);
	host_put_file(tpath("host/rocket 🚀 dir/𝄞 music.bin"), 70000, 4343);
	compare_tree(root, host);
	/* and a lookup by another case still works for the BMP part */
	assert_int_equal(kfs_walk(m, NULL, "/ROCKET 🚀 DIR/𝄞 MUSIC.BIN", 1, &n), 0);
	assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
	assert_int_equal(kfs_read(f, buf, 1, 0), 1);
	assert_int_equal((uint8_t)buf[0], content_byte(4343, 0));
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);
}

static void test_tree_fat12(void **state)
{
	(void)state;
	tree_test("-F 12", 16 * 1024);
}

static void test_tree_fat16(void **state)
{
	(void)state;
	tree_test("-F 16", 64 * 1024);
}

static void test_tree_fat32(void **state)
{
	(void)state;
	tree_test("-F 32 -s 1", 64 * 1024);
}

/* A tree put on the image by mcopy reads back through kfs byte for byte. */
static void test_mcopy_in(void **state)
{
	char *img = make_fat("mcopy.img", 32 * 1024, "-F 16");
	char *host = tpath("mhost");
	char hsub[2048], name[256];
	struct kfs_mount *m;
	struct kfs_node *root;
	unsigned int i;

	(void)state;
	assert_int_equal(run("rm -rf '%s' && mkdir -p '%s/sub/Ünïcödé dir/deeper' '%s/empty'",
			     host, host, host), 0);
	for (i = 0; i < sizeof(intl_names) / sizeof(intl_names[0]); i++) {
		snprintf(hsub, sizeof(hsub), "%s/%s", host, intl_names[i]);
		host_put_file(hsub, 1000 * i, 50 + i);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(hsub, sizeof(hsub), "%s/sub/Ünïcödé dir/deeper/s%llu", host,
			 (unsigned long long)sizes[i]);
		host_put_file(hsub, sizes[i], 60 + i);
	}
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "%s/sub/A Long Name Number %u.text", host, i);
		host_put_file(name, i * 37, 300 + i);
	}
	host_put_file(tpath("mhost/UPPER.TXT"), 5, 7);
	host_put_file(tpath("mhost/lower.txt"), 6, 8);
	assert_int_equal(run("cd '%s' && LC_ALL=C.UTF-8 mcopy -s -i '%s' * ::/", host, img), 0);
	fsck_clean(img);

	m = mount_fat_flags("vfat", img, "utf8", KFS_MOUNT_RDONLY);
	root = kfs_root(m);
	compare_tree(root, host);
	kfs_node_put(root);
	umount_ok(m);
}

/* Cluster sizes from 512 B to 64 KiB, and 4 KiB logical sectors. */
static void test_cluster_sizes(void **state)
{
	static const char *const args[] = {
		"-F 12 -s 1", "-F 12 -s 2", "-F 12 -s 4", "-F 16 -s 8", "-F 16 -s 16",
		"-F 12 -s 32", "-F 12 -s 64", "-F 12 -s 128", "-F 16 -S 4096 -s 1",
		"-F 12 -S 4096 -s 16", "-F 32 -s 2",
	};
	static const long kib[] = {
		2048, 4096, 8192, 32768, 65536, 32768, 65536, 131072, 65536, 65536, 81920,
	};
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		char *img = make_fat("clu.img", kib[i], args[i]);
		char *host = tpath("chost"), *out = tpath("cout");
		struct kfs_mount *m;
		struct kfs_node *root, *sub;
		char hsub[2048], name[64];

		fprintf(stderr, "cluster test: mkfs.fat %s\n", args[i]);
		assert_int_equal(run("rm -rf '%s' '%s' && mkdir -p '%s' '%s'", host, out, host, out),
				 0);
		m = mount_fat("vfat", img, "utf8");
		root = kfs_root(m);
		sub = both_mkdir(root, host, "directory with a long name", hsub, sizeof(hsub));
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]) - 1; j++) {
			snprintf(name, sizeof(name), "file %u of size %llu", j,
				 (unsigned long long)sizes[j]);
			both_file(j % 2 ? sub : root, j % 2 ? hsub : host, name, sizes[j], i * 50 + j);
		}
		for (j = 0; j < 40; j++) {
			snprintf(name, sizeof(name), "entry %u", j);
			both_file(sub, hsub, name, j, j);
		}
		kfs_node_put(sub);
		kfs_node_put(root);
		umount_ok(m);
		fsck_clean(img);
		assert_int_equal(run("LC_ALL=C.UTF-8 mcopy -s -n -i '%s' ::/ '%s'", img, out), 0);
		assert_int_equal(run("diff -r '%s' '%s' >&2", host, out), 0);
	}
}

/* A full volume returns ENOSPC and stays consistent. */
static void test_enospc(void **state)
{
	char *img = make_fat("full.img", 1024, "-F 12");
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_statfs st0, st;
	struct kfs_attr a;
	uint64_t written = 0;
	char name[64];
	int err = 0, i;

	(void)state;
	m = mount_fat("vfat", img, NULL);
	assert_int_equal(kfs_statfs(m, &st0), 0);
	root = kfs_root(m);
	/* One big file until the volume is full. */
	{
		static uint8_t buf[8192];
		struct kfs_file *f;

		assert_int_equal(kfs_create(root, "big", 0644, O_WRONLY | O_CREAT, &n, &f), 0);
		for (;;) {
			ssize_t w;
			size_t k;

			for (k = 0; k < sizeof(buf); k++)
				buf[k] = content_byte(77, written + k);
			w = kfs_write(f, buf, sizeof(buf), written);
			if (w < 0) {
				err = (int)w;
				break;
			}
			written += w;
			assert_true(written < (2u << 20));
		}
		assert_int_equal(err, -ENOSPC);
		assert_int_equal(kfs_release(f), 0);
		assert_int_equal(kfs_getattr(n, &a), 0);
		assert_int_equal(a.size, written);
		kfs_node_put(n);
	}
	assert_true(written > 900 * 1024);
	assert_int_equal(kfs_statfs(m, &st), 0);
	assert_int_equal(st.bfree, 0);
	/* More files: empty ones still fit in the root directory, data does not. */
	assert_int_equal(kfs_put_file(root, "one more", 1, 1), -ENOSPC);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "empty %d", i);
		assert_int_equal(kfs_put_file(root, name, 0, 0), 0);
	}
	assert_int_equal(kfs_mkdir(root, "no room for a directory", 0755, &n), -ENOSPC);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);

	/* The data written before ENOSPC is there; deleting frees the space. */
	m = mount_fat("vfat", img, NULL);
	root = kfs_root(m);
	assert_int_equal(kfs_lookup(root, "big", &n), 0);
	assert_int_equal(kfs_getattr(n, &a), 0);
	assert_int_equal(a.size, written);
	{
		static uint8_t buf[8192];
		struct kfs_file *f;
		uint64_t off;
		size_t k;

		assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
		for (off = 0; off < written; off += sizeof(buf)) {
			size_t want = written - off < sizeof(buf) ? written - off : sizeof(buf);

			assert_int_equal(kfs_read(f, buf, sizeof(buf), off), want);
			for (k = 0; k < want; k++)
				if (buf[k] != content_byte(77, off + k))
					fail_msg("big: byte %llu", (unsigned long long)(off + k));
		}
		assert_int_equal(kfs_release(f), 0);
	}
	kfs_node_put(n);
	assert_int_equal(kfs_unlink(root, "big"), 0);
	assert_int_equal(kfs_statfs(m, &st), 0);
	assert_int_equal(st.bfree, st0.bfree);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);
}

/* ------------------------------------------------------- mount options */

static void attr_of(struct kfs_mount *m, const char *path, struct kfs_attr *a)
{
	struct kfs_node *n;

	assert_int_equal(kfs_walk(m, NULL, path, 1, &n), 0);
	assert_int_equal(kfs_getattr(n, a), 0);
	kfs_node_put(n);
}

static bool has_name(struct kfs_mount *m, const char *dir, const char *name)
{
	struct names *s = calloc(1, sizeof(*s));
	struct kfs_node *d;
	struct kfs_file *df;
	bool found = false;
	int i;

	assert_int_equal(kfs_walk(m, NULL, dir, 1, &d), 0);
	assert_int_equal(kfs_open(d, O_RDONLY | O_DIRECTORY, &df), 0);
	assert_int_equal(kfs_readdir(df, 0, collect, s), 0);
	assert_int_equal(kfs_release(df), 0);
	kfs_node_put(d);
	for (i = 0; i < s->n; i++)
		found |= !strcmp(s->name[i], name);
	free(s);
	return found;
}

static void options_contain(struct kfs_mount *m, const char *const *want)
{
	char buf[1024];

	assert_true(kfs_show_options(m, buf, sizeof(buf)) >= 0);
	for (; *want; want++)
		if (!strstr(buf, *want))
			fail_msg("show_options '%s' lacks '%s'", buf, *want);
}

static void test_options(void **state)
{
	char *img = make_fat("opts.img", 8192, "-F 16 -s 1");
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_attr a;
	struct kfs_setattr sa = { 0 };
	struct kfs_mount_params bad = { .fstype = "vfat", .source = img, .data = "bogus=1" };

	(void)state;
	/* Files to look at, made by mtools: a plain short name and two programs. */
	assert_int_equal(run("printf x > '%s' && LC_ALL=C.UTF-8 mcopy -i '%s' '%s' ::/ABC.TXT && "
			     "mcopy -i '%s' '%s' ::/PROG.EXE && mcopy -i '%s' '%s' ::/run.bat && "
			     "mmd -i '%s' ::/SUBDIR",
			     tpath("x"), img, tpath("x"), img, tpath("x"), img, tpath("x"), img), 0);

	/* An unknown option is refused with fat's own message. */
	log_reset();
	m = NULL;
	assert_int_equal(kfs_mount(&bad, &m), -EINVAL);
	assert_true(log_has("FAT-fs"));

	/* uid=, gid=, umask= */
	m = mount_fat("vfat", img, "uid=1234,gid=5678,umask=027");
	attr_of(m, "/", &a);
	assert_int_equal(a.uid, 1234);
	assert_int_equal(a.gid, 5678);
	assert_int_equal(a.mode, 040750);
	attr_of(m, "/ABC.TXT", &a);
	assert_int_equal(a.mode, 0100750);
	assert_int_equal(a.uid, 1234);
	umount_ok(m);

	/* dmask=, fmask=, showexec */
	m = mount_fat("vfat", img, "dmask=077,fmask=022,showexec");
	attr_of(m, "/SUBDIR", &a);
	assert_int_equal(a.mode, 040700);
	attr_of(m, "/ABC.TXT", &a);
	assert_int_equal(a.mode, 0100644);
	attr_of(m, "/PROG.EXE", &a);
	assert_int_equal(a.mode, 0100755);
	attr_of(m, "/run.bat", &a);
	assert_int_equal(a.mode, 0100755);
	umount_ok(m);

	/* shortname=: how a short-name-only entry is displayed... */
	m = mount_fat("vfat", img, "shortname=lower");
	assert_true(has_name(m, "/", "abc.txt"));
	assert_false(has_name(m, "/", "ABC.TXT"));
	umount_ok(m);
	m = mount_fat("vfat", img, "shortname=win95");
	assert_true(has_name(m, "/", "ABC.TXT"));
	umount_ok(m);
	m = mount_fat("vfat", img, "shortname=mixed");
	assert_true(has_name(m, "/", "ABC.TXT"));
	/* ...and whether a lower-case name gets a long-name entry: mixed stores one */
	root = kfs_root(m);
	assert_int_equal(kfs_put_file(root, "mixed.txt", 1, 1), 0);
	kfs_node_put(root);
	umount_ok(m);
	m = mount_fat("vfat", img, "shortname=winnt");
	root = kfs_root(m);
	/* winnt: an all-lower-case 8.3 name is stored as a short name only */
	assert_int_equal(kfs_put_file(root, "winnt.txt", 1, 1), 0);
	kfs_node_put(root);
	umount_ok(m);
	m = mount_fat("vfat", img, "shortname=win95");
	assert_true(has_name(m, "/", "mixed.txt"));	/* its long name */
	assert_true(has_name(m, "/", "WINNT.TXT"));	/* no long name: upper-cased */
	umount_ok(m);
	fsck_clean(img);

	/* iocharset=, utf8, codepage= */
	m = mount_fat("vfat", img, "utf8");
	root = kfs_root(m);
	assert_int_equal(kfs_put_file(root, "café.txt", 1, 1), 0);
	kfs_node_put(root);
	umount_ok(m);
	m = mount_fat("vfat", img, "iocharset=iso8859-1");
	assert_true(has_name(m, "/", "caf\xe9.txt"));
	umount_ok(m);
	m = mount_fat("vfat", img, "iocharset=utf8");
	assert_true(has_name(m, "/", "café.txt"));
	umount_ok(m);
	m = mount_fat("vfat", img, "codepage=850,iocharset=iso8859-15");
	assert_true(has_name(m, "/", "caf\xe9.txt"));
	options_contain(m, (const char *const[]){ "codepage=850", "iocharset=iso8859-15",
						  NULL });
	umount_ok(m);

	/* tz=UTC and time_offset=: FAT keeps local time; the offset shifts it */
	m = mount_fat("vfat", img, "tz=UTC");
	assert_int_equal(kfs_walk(m, NULL, "/ABC.TXT", 1, &n), 0);
	sa.valid = KFS_SET_MTIME;
	sa.mtime_sec = 1700000000;	/* even: FAT mtime has 2 s resolution */
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), 0);
	kfs_node_put(n);
	options_contain(m, (const char *const[]){ "tz=UTC", NULL });
	umount_ok(m);
	m = mount_fat("vfat", img, "time_offset=60");
	attr_of(m, "/ABC.TXT", &a);
	assert_int_equal(a.mtime_sec, 1700000000 - 3600);
	umount_ok(m);
	m = mount_fat("vfat", img, "tz=UTC");
	attr_of(m, "/ABC.TXT", &a);
	assert_int_equal(a.mtime_sec, 1700000000);
	umount_ok(m);

	/* flush, errors=, discard, quiet: accepted and reported */
	m = mount_fat("vfat", img, "flush,errors=remount-ro,discard,quiet");
	options_contain(m, (const char *const[]){ "flush", "errors=remount-ro", "discard",
						  "quiet", NULL });
	/* quiet: a chown FAT cannot store succeeds silently instead of -EPERM */
	assert_int_equal(kfs_walk(m, NULL, "/ABC.TXT", 1, &n), 0);
	{
		/* FS_IOC_GETFLAGS: fat has no fileattr_get; its ioctl says ENOTTY */
		kfs_api_u32 fl;

		assert_int_equal(kfs_get_flags(n, &fl), -ENOTTY);
	}
	sa.valid = KFS_SET_UID;
	sa.uid = 4321;
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), 0);
	kfs_node_put(n);
	root = kfs_root(m);
	assert_int_equal(kfs_put_file(root, "flushed.txt", 100000, 5), 0);
	kfs_node_put(root);
	umount_ok(m);
	m = mount_fat("vfat", img, "errors=continue");
	assert_int_equal(kfs_walk(m, NULL, "/ABC.TXT", 1, &n), 0);
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), -EPERM);
	kfs_node_put(n);
	umount_ok(m);
	fsck_clean(img);
}

/* msdos: 8.3 names, case-insensitive, checked by fsck.fat and mtools. */
static void test_msdos(void **state)
{
	char *img = make_fat("msdos.img", 4096, "-F 12");
	char *out = tpath("mout");
	struct kfs_mount *m;
	struct kfs_node *root, *n;

	(void)state;
	m = mount_fat("msdos", img, NULL);
	root = kfs_root(m);
	assert_int_equal(kfs_put_file(root, "hello.txt", 3000, 9), 0);
	assert_int_equal(kfs_mkdir(root, "subdir", 0755, &n), 0);
	assert_int_equal(kfs_put_file(n, "data.bin", 70000, 10), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_lookup(root, "HELLO.TXT", &n), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	assert_true(has_name(m, "/", "hello.txt"));
	umount_ok(m);
	fsck_clean(img);
	assert_int_equal(run("rm -rf '%s' && mkdir '%s' && mcopy -s -n -i '%s' ::/ '%s' && "
			     "test -f '%s/HELLO.TXT' && test -f '%s/SUBDIR/DATA.BIN'",
			     out, out, img, out, out, out), 0);
	/* the same image through vfat */
	m = mount_fat("vfat", img, NULL);
	attr_of(m, "/subdir/data.bin", &(struct kfs_attr){ 0 });
	umount_ok(m);
}

/*
 * vfat's dentry operations through the VFS slice's dcache (ERRATA: s_d_op
 * d_hash/d_compare/d_revalidate): lookups ignore case, a cached negative
 * dentry does not decide the case of a name created later, and a rename
 * that only changes case is the kernel's no-op.
 */
static void test_case_dcache(void **state)
{
	char *img = make_fat("case.img", 4096, "-F 12");
	struct kfs_mount *m;
	struct kfs_node *root, *n, *n2;
	struct kfs_attr a, b;

	(void)state;
	m = mount_fat("vfat", img, "utf8");
	root = kfs_root(m);
	assert_int_equal(kfs_lookup(root, "NewFile.txt", &n), -ENOENT);
	assert_int_equal(kfs_lookup(root, "NEWFILE.TXT", &n), -ENOENT);
	assert_int_equal(kfs_put_file(root, "newfile.TXT", 10, 1), 0);
	assert_true(has_name(m, "/", "newfile.TXT"));
	assert_false(has_name(m, "/", "NewFile.txt"));
	assert_int_equal(kfs_lookup(root, "NewFile.txt", &n), 0);
	assert_int_equal(kfs_lookup(root, "NEWFILE.TXT", &n2), 0);
	assert_int_equal(kfs_getattr(n, &a), 0);
	assert_int_equal(kfs_getattr(n2, &b), 0);
	assert_int_equal(a.ino, b.ino);
	kfs_node_put(n);
	kfs_node_put(n2);
	/*
	 * A case-only rename: the target name finds the same dentry, so, as
	 * in the kernel's do_renameat2 (old_dentry == new_dentry), it succeeds
	 * and changes nothing.
	 */
	assert_int_equal(kfs_rename(root, "newfile.TXT", root, "NewFile.Txt", 0), 0);
	assert_true(has_name(m, "/", "newfile.TXT"));
	assert_false(has_name(m, "/", "NewFile.Txt"));
	/* unlink by another case; the name is gone in every case */
	assert_int_equal(kfs_unlink(root, "NEWFILE.txt"), 0);
	assert_int_equal(kfs_lookup(root, "newfile.txt", &n), -ENOENT);
	assert_int_equal(kfs_lookup(root, "NewFile.Txt", &n), -ENOENT);
	/* a directory made in one case is found and removed in another */
	assert_int_equal(kfs_mkdir(root, "MixedDir", 0755, &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_mkdir(root, "mixeddir", 0755, &n), -EEXIST);
	assert_int_equal(kfs_put_file(root, "MIXEDDIR", 1, 1), -EISDIR);
	assert_int_equal(kfs_rmdir(root, "MIXEDDIR"), 0);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);
}

/*
 * O_DIRECT through fat's ->direct_IO (blockdev_direct_IO, compat's
 * __blockdev_direct_IO): aligned reads and overwrites go to the image,
 * misaligned ones are refused, reads stop at EOF, a write that extends the
 * file falls back to the page cache (fat_direct_IO returns 0 for it).
 */
static void test_direct_io(void **state)
{
	char *img = make_fat("dio.img", 16384, "-F 16 -s 2");
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	uint8_t *buf = NULL;
	size_t i;

	(void)state;
	assert_int_equal(posix_memalign((void **)&buf, 4096, 3 << 16), 0);
	m = mount_fat("vfat", img, NULL);
	root = kfs_root(m);
	assert_int_equal(kfs_put_file(root, "direct.bin", 100000, 31), 0);
	assert_int_equal(kfs_lookup(root, "direct.bin", &n), 0);
	assert_int_equal(kfs_open(n, O_RDWR | O_DIRECT, &f), 0);
	/* aligned read of the whole file: short at EOF */
	assert_int_equal(kfs_read(f, buf, 3 << 16, 0), 100000);
	for (i = 0; i < 100000; i++)
		if (buf[i] != content_byte(31, i))
			fail_msg("direct read: byte %zu", i);
	/* misaligned offset or buffer: -EINVAL */
	assert_int_equal(kfs_read(f, buf, 512, 100), -EINVAL);
	assert_int_equal(kfs_read(f, buf + 1, 512, 0), -EINVAL);
	/* overwrite 8 KiB in place at a sector boundary */
	memset(buf, 0xab, 8192);
	assert_int_equal(kfs_write(f, buf, 8192, 4096 + 512), 8192);
	/* extend past EOF: goes through the page cache, still succeeds */
	memset(buf, 0xcd, 4096);
	assert_int_equal(kfs_write(f, buf, 4096, 102400), 4096);
	assert_int_equal(kfs_read(f, buf, 512, 204800), 0);	/* past EOF */
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	umount_ok(m);
	fsck_clean(img);

	/* what mtools sees */
	assert_int_equal(run("mcopy -n -i '%s' ::/direct.bin '%s'", img, tpath("direct.out")), 0);
	{
		FILE *h = fopen(tpath("direct.out"), "rb");
		size_t len;

		assert_non_null(h);
		len = fread(buf, 1, 3 << 16, h);
		fclose(h);
		assert_int_equal(len, 102400 + 4096);
		for (i = 0; i < len; i++) {
			uint8_t want = content_byte(31, i);

			if (i >= 4096 + 512 && i < 4096 + 512 + 8192)
				want = 0xab;
			else if (i >= 100000 && i < 102400)
				want = 0;
			else if (i >= 102400)
				want = 0xcd;
			if (buf[i] != want)
				fail_msg("image: byte %zu is %#x, want %#x", i, buf[i], want);
		}
	}
	free(buf);
}

/* ------------------------------------------------------ damaged images */

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

/* A FAT16 image with one file FILE.BIN of n clusters; returns its layout. */
struct fat16 {
	long fat_off, data_off, cluster;
	unsigned int first;
};

static void fat16_layout(const char *img, struct fat16 *l)
{
	uint8_t bs[512], de[32];
	long root_off;
	int fd = open(img, O_RDONLY);
	unsigned int bps, spc, rsv, nfats, rootents, fatsz;

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, bs, 512, 0), 512);
	bps = le16(bs + 11);
	spc = bs[13];
	rsv = le16(bs + 14);
	nfats = bs[16];
	rootents = le16(bs + 17);
	fatsz = le16(bs + 22);
	l->fat_off = (long)rsv * bps;
	root_off = l->fat_off + (long)nfats * fatsz * bps;
	l->data_off = root_off + rootents * 32;
	l->cluster = (long)spc * bps;
	/* the first root entry is FILE.BIN (written first, short name only) */
	assert_int_equal(pread(fd, de, 32, root_off), 32);
	assert_memory_equal(de, "FILE    BIN", 11);
	l->first = le16(de + 26);
	close(fd);
}

static void fat16_set(const char *img, const struct fat16 *l, unsigned int clus, uint16_t val)
{
	uint8_t v[2] = { val & 0xff, val >> 8 };
	int fd = open(img, O_WRONLY);

	/* Only the first FAT: the one the kernel reads. */
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, v, 2, l->fat_off + clus * 2), 2);
	close(fd);
}

static ssize_t read_all(struct kfs_mount *m, const char *path)
{
	static uint8_t buf[65536];
	struct kfs_node *n;
	struct kfs_file *f;
	ssize_t r, total = 0;
	int err;

	err = kfs_walk(m, NULL, path, 1, &n);
	if (err)
		return err;
	err = kfs_open(n, O_RDONLY, &f);
	kfs_node_put(n);
	if (err)
		return err;
	while ((r = kfs_read(f, buf, sizeof(buf), total)) > 0)
		total += r;
	kfs_release(f);
	return r < 0 ? r : total;
}

static void test_damaged(void **state)
{
	struct kfs_mount_params p = { .fstype = "vfat" };
	struct kfs_mount *m = NULL;
	struct fat16 l;
	char *img;

	(void)state;
	/* A bad BPB (0 bytes per sector): fat's message, -EINVAL. */
	img = make_fat("bad.img", 8192, "-F 16 -s 1");
	assert_int_equal(run("printf '\\000\\000' | dd of='%s' bs=1 seek=11 conv=notrunc "
			     "2>/dev/null", img), 0);
	p.source = img;
	log_reset();
	assert_int_equal(kfs_mount(&p, &m), -EINVAL);
	assert_true(log_has("FAT-fs"));

	/* A loop in a cluster chain: the read ends with an error, no hang. */
	img = make_fat("loop.img", 8192, "-F 16 -s 1");
	host_put_file(tpath("f"), 5 * 512, 1);
	assert_int_equal(run("mcopy -i '%s' '%s' ::/FILE.BIN", img, tpath("f")), 0);
	fat16_layout(img, &l);
	/* last cluster points back to the first */
	fat16_set(img, &l, l.first + 4, l.first);
	log_reset();
	m = mount_fat("vfat", img, "errors=continue");
	assert_int_equal(read_all(m, "/FILE.BIN"), 5 * 512);	/* i_size bounds the read */
	/* growing the file walks the chain to its end: fat notices the loop */
	{
		struct kfs_node *n;
		struct kfs_file *f;
		ssize_t w;

		assert_int_equal(kfs_walk(m, NULL, "/FILE.BIN", 1, &n), 0);
		assert_int_equal(kfs_open(n, O_WRONLY, &f), 0);
		w = kfs_write(f, "more", 4, 5 * 512 + 4096 * 4);
		assert_true(w < 0);
		kfs_release(f);
		kfs_node_put(n);
	}
	assert_true(log_has("FAT-fs"));
	umount_ok(m);

	/* Cross-linked chains: two files share clusters; deleting both frees once. */
	img = make_fat("cross.img", 8192, "-F 16 -s 1");
	assert_int_equal(run("mcopy -i '%s' '%s' ::/FILE.BIN && mcopy -i '%s' '%s' ::/OTHER.BIN",
			     img, tpath("f"), img, tpath("f")), 0);
	fat16_layout(img, &l);
	/* FILE.BIN's second cluster now leads into OTHER.BIN's chain */
	fat16_set(img, &l, l.first + 1, l.first + 5 + 2);
	log_reset();
	m = mount_fat("vfat", img, "errors=continue");
	assert_true(read_all(m, "/FILE.BIN") == 5 * 512);
	assert_true(read_all(m, "/OTHER.BIN") == 5 * 512);
	{
		struct kfs_node *root = kfs_root(m);

		kfs_unlink(root, "FILE.BIN");
		kfs_unlink(root, "OTHER.BIN");
		kfs_node_put(root);
	}
	umount_ok(m);
}

/* ------------------------------------------------------------- main */

static int setup(void **state)
{
	struct kfs_cred c = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };

	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	setenv("MTOOLS_NO_VFAT", "0", 1);
	kfs_set_log_handler(log_handler, NULL);
	kfs_thread_adopt("fat-test");
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
		cmocka_unit_test(test_tree_fat12),
		cmocka_unit_test(test_tree_fat16),
		cmocka_unit_test(test_tree_fat32),
		cmocka_unit_test(test_mcopy_in),
		cmocka_unit_test(test_cluster_sizes),
		cmocka_unit_test(test_enospc),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_msdos),
		cmocka_unit_test(test_case_dcache),
		cmocka_unit_test(test_direct_io),
		cmocka_unit_test(test_damaged),
	};

	return cmocka_run_group_tests_name("vfs-fat", tests, setup, teardown);
}
