/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fuzz target: one input is a filesystem image.  It is served from
 * memory (kfs_host_mem.h), mounted read-write in-process through kfs_api.h
 * with the filesystem KFS_FUZZ_FS (one executable per filesystem type,
 * tests/fuzz/meson.build), walked, every file read, changed a little
 * (create, write, mkdir, rename, link, symlink, setxattr, truncate, unlink,
 * rmdir; also on what the image already holds), synced and unmounted.
 *
 * Work per input is bounded (entries, depth, bytes read), so one input stays
 * fast.  The kernel world is started once per process; between inputs only
 * the mount comes and goes, and what it leaves behind is a bug:
 *  - kernel objects still allocated after the unmount (kfs_mem.h counts
 *    them, after the frees left to RCU have had time to run): an input
 *    whose run leaves more objects than it found is run a second time, and
 *    a second growth is reported as a leak (the first run may have set up
 *    something that lives for the process, such as a workqueue);
 *  - a descriptor of the image left open;
 *  - a WARN() (unless KFS_FUZZ_WARN=ignore).
 * These end the process with abort(), like a crash, so libFuzzer keeps the
 * input.  BUG() and panic() in kernel code abort too (KFS_ABORT_ON_PANIC).
 *
 * Kernel messages are dropped, except the last few, which are printed when
 * the input fails; KFS_FUZZ_VERBOSE=1 prints them all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfs_api.h"
#include "kfs_host_mem.h"
#include "kfs_mem.h"

#ifndef KFS_FUZZ_FS
#error "KFS_FUZZ_FS names the filesystem type this target mounts"
#endif

#define IMAGE_NAME	"fuzz-image"
#define MAX_IMAGE	(8 << 20)	/* larger inputs are skipped */
#define MAX_ENTRIES	256		/* directory entries looked at, per input */
#define MAX_DIR_ENTRIES	64		/* per directory */
#define MAX_DEPTH	6
#define MAX_READ_TOTAL	(256 << 10)	/* file bytes read, per input */
#define MAX_READ_FILE	(64 << 10)	/* per file */
/*
 * Directories larger than this are left alone: minix (and others) read
 * every page of a directory for each readdir, lookup and create, even pages
 * that fail, so a corrupt i_size of 4 GiB costs a million page reads per
 * call -- in the kernel as here.  Such inputs are kept in kernel-bugs/;
 * KFS_FUZZ_BIG_DIRS=1 lifts the limit to replay them.
 */
#define MAX_DIR_SIZE	(1 << 20)
#define CHUNK		16384

/* ------------------------------------------------------------- messages */

#define LOG_LINES	64
#define LOG_LINE_MAX	240

static char log_ring[LOG_LINES][LOG_LINE_MAX];
static unsigned int log_next;
static int verbose;
static int big_dirs;

static void log_handler(void *ctx, int level, const char *line, kfs_api_size_t len)
{
	(void)ctx;
	/* BUG and panic reports (crit and worse) always reach stderr. */
	if (verbose || (level >= 0 && level <= 2)) {
		fprintf(stderr, "[kernel %d] %.*s\n", level, (int)len, line);
		return;
	}
	snprintf(log_ring[log_next % LOG_LINES], LOG_LINE_MAX, "[kernel %d] %.*s",
		 level, (int)len, line);
	log_next++;
}

static void dump_log(void)
{
	unsigned int i = log_next > LOG_LINES ? log_next - LOG_LINES : 0;

	fprintf(stderr, "fuzz: the last kernel messages:\n");
	for (; i < log_next; i++)
		fprintf(stderr, "%s\n", log_ring[i % LOG_LINES]);
}

static void __attribute__((noreturn)) fail(const char *what)
{
	dump_log();
	fprintf(stderr, "fuzz: %s: %s\n", KFS_FUZZ_FS, what);
	abort();
}

/* ---------------------------------------------------------------- the walk */

struct budget {
	int entries;
	long read;
};

/* What the walk found that the changes afterwards work on. */
struct finds {
	struct kfs_node *file_dir;	/* parent of file, and its name */
	char file_name[256];
	struct kfs_node *file;
	struct kfs_node *sub_dir;	/* parent of subdir, and its name */
	char subdir_name[256];
};

struct dirbuf {
	int n;
	char names[MAX_DIR_ENTRIES][256];
};

static int collect(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		   unsigned int dtype, kfs_api_s64 next)
{
	struct dirbuf *d = ctx;

	(void)ino;
	(void)dtype;
	(void)next;
	if (d->n == MAX_DIR_ENTRIES)
		return 1;
	if (namelen <= 0 || namelen > 255)
		return 0;
	memcpy(d->names[d->n], name, namelen);
	d->names[d->n][namelen] = 0;
	d->n++;
	return 0;
}

static void read_file(struct kfs_node *n, struct budget *b)
{
	static char buf[CHUNK];
	struct kfs_file *f;
	long off = 0;

	if (kfs_open(n, O_RDONLY, &f))
		return;
	while (off < MAX_READ_FILE && b->read < MAX_READ_TOTAL) {
		kfs_api_ssize_t r = kfs_read(f, buf, sizeof(buf), off);

		if (r <= 0)
			break;
		off += r;
		b->read += r;
	}
	kfs_lseek(f, 0, 2);
	kfs_release(f);
}

static void read_xattrs(struct kfs_node *n)
{
	char list[1024], val[512];
	kfs_api_ssize_t len = kfs_listxattr(n, list, sizeof(list));

	for (kfs_api_ssize_t i = 0; len > 0 && i < len; i += strlen(list + i) + 1) {
		list[sizeof(list) - 1] = 0;
		kfs_getxattr(n, list + i, val, sizeof(val));
	}
}

static int dir_small(struct kfs_node *dir)
{
	struct kfs_attr a;

	if (big_dirs)
		return 1;
	return kfs_getattr(dir, &a) == 0 && a.size >= 0 && a.size <= MAX_DIR_SIZE;
}

static void walk(struct kfs_node *dir, int depth, struct budget *b, struct finds *fd)
{
	struct dirbuf *d;
	struct kfs_file *df;
	int i;

	if (depth > MAX_DEPTH || b->entries >= MAX_ENTRIES || !dir_small(dir))
		return;
	if (kfs_open(dir, O_RDONLY | O_DIRECTORY, &df))
		return;
	d = calloc(1, sizeof(*d));
	if (!d) {
		kfs_release(df);
		return;
	}
	kfs_readdir(df, 0, collect, d);
	kfs_release(df);

	for (i = 0; i < d->n && b->entries < MAX_ENTRIES; i++) {
		struct kfs_node *n;
		struct kfs_attr a;
		char link[256];

		b->entries++;
		if (!strcmp(d->names[i], ".") || !strcmp(d->names[i], ".."))
			continue;
		if (kfs_lookup(dir, d->names[i], &n))
			continue;
		if (kfs_getattr(n, &a)) {
			kfs_node_put(n);
			continue;
		}
		read_xattrs(n);
		switch (a.mode & 0170000) {
		case 0100000:
			read_file(n, b);
			if (!fd->file) {
				kfs_node_get(dir);
				fd->file_dir = dir;
				kfs_node_get(n);
				fd->file = n;
				strcpy(fd->file_name, d->names[i]);
			}
			break;
		case 0040000:
			if (!fd->sub_dir && dir_small(n)) {
				kfs_node_get(dir);
				fd->sub_dir = dir;
				strcpy(fd->subdir_name, d->names[i]);
			}
			walk(n, depth + 1, b, fd);
			break;
		case 0120000:
			kfs_readlink(n, link, sizeof(link));
			break;
		}
		kfs_node_put(n);
	}
	free(d);
}

/* ------------------------------------------------------------- the changes */

static void write_pattern(struct kfs_file *f, long off, int len)
{
	static char buf[8192];

	if (len > (int)sizeof(buf))
		len = sizeof(buf);
	memset(buf, 'k' + (off & 7), len);
	kfs_write(f, buf, len, off);
}

static void truncate_to(struct kfs_node *n, struct kfs_file *f, long size)
{
	struct kfs_setattr sa = { .valid = KFS_SET_SIZE, .size = size };
	struct kfs_attr out;

	kfs_setattr(n, f, &sa, &out);
}

/* New names of our own, in a new directory. */
static void change_new(struct kfs_mount *m, struct kfs_node *root)
{
	struct kfs_node *n = NULL, *d = NULL, *x = NULL;
	struct kfs_file *f = NULL;
	char buf[4096];

	if (kfs_create(root, "fz_file", 0644, O_RDWR, &n, &f) == 0) {
		write_pattern(f, 0, 5000);
		write_pattern(f, 70000, 3000);
		kfs_read(f, buf, sizeof(buf), 2000);
		kfs_fsync(f, 0);
		truncate_to(n, f, 3000);
		kfs_release(f);
		kfs_setxattr(n, "user.fz", "value", 5, 0);
	}
	if (kfs_mkdir(root, "fz_dir", 0755, &d) == 0) {
		kfs_rename(root, "fz_file", d, "fz_moved", 0);
		if (kfs_symlink(d, "fz_link", "fz_moved", &x) == 0)
			kfs_node_put(x);
		if (n && kfs_link(n, root, "fz_hard", &x) == 0) {
			kfs_node_put(x);
			kfs_unlink(root, "fz_hard");
		}
		kfs_unlink(d, "fz_link");
		kfs_unlink(d, "fz_moved");
		kfs_node_put(d);
		kfs_rmdir(root, "fz_dir");
	}
	if (n)
		kfs_node_put(n);
	kfs_sync(m, 1);
}

/* What the image already held: the first file and directory the walk met. */
static void change_found(struct finds *fd)
{
	struct kfs_file *f;
	struct kfs_attr a;

	if (fd->file && kfs_open(fd->file, O_RDWR, &f) == 0) {
		if (kfs_getattr(fd->file, &a) == 0 && a.size >= 0) {
			long size = a.size > (1 << 20) ? (1 << 20) : (long)a.size;

			write_pattern(f, size / 2, 700);
			truncate_to(fd->file, f, size / 3);
		}
		kfs_release(f);
		kfs_setxattr(fd->file, "user.fz", "v", 1, 0);
	}
	if (fd->file_dir) {
		if (kfs_rename(fd->file_dir, fd->file_name, fd->file_dir, "fz_renamed", 0) == 0)
			kfs_unlink(fd->file_dir, "fz_renamed");
	}
	if (fd->sub_dir)
		kfs_rmdir(fd->sub_dir, fd->subdir_name);
}

static void finds_put(struct finds *fd)
{
	if (fd->file)
		kfs_node_put(fd->file);
	if (fd->file_dir)
		kfs_node_put(fd->file_dir);
	if (fd->sub_dir)
		kfs_node_put(fd->sub_dir);
}

/* --------------------------------------------------------------- one input */

static const char *mount_options(void)
{
	/* The image must not be able to ask for errors=panic. */
	if (!strcmp(KFS_FUZZ_FS, "ext2"))
		return "errors=remount-ro";
	return NULL;
}

static void run_input(const uint8_t *data, size_t size)
{
	struct kfs_mount_params p = {
		.fstype = KFS_FUZZ_FS,
		.source = IMAGE_NAME,
		.data = mount_options(),
	};
	struct kfs_mount *m = NULL;
	struct kfs_node *root;
	struct budget b = { 0 };
	struct finds fd = { 0 };
	struct kfs_statfs st;
	int err;

	err = kfs_memdisk_register(IMAGE_NAME, data, size);
	if (err)
		fail("cannot register the memory image");
	err = kfs_mount(&p, &m);
	if (verbose)
		fprintf(stderr, "fuzz: mount: %d\n", err);
	if (err == 0) {
		kfs_statfs(m, &st);
		root = kfs_root(m);
		if (root && dir_small(root)) {
			walk(root, 0, &b, &fd);
			change_found(&fd);
			finds_put(&fd);
			change_new(m, root);
		}
		if (root)
			kfs_node_put(root);
		if (verbose)
			fprintf(stderr, "fuzz: %d entries, %ld bytes read\n", b.entries, b.read);
		if (kfs_unmount(m))
			fail("unmount failed");
	}
	if (kfs_memdisk_open_count())
		fail("the image is still open after the unmount");
	if (kfs_memdisk_unregister(IMAGE_NAME))
		fail("cannot unregister the memory image");
}

static int warn_fatal = 1;

/*
 * Live kernel objects once the frees an unmount leaves to RCU (inodes,
 * dentries) have run: waits up to ~100 ms for the count to fall to target.
 */
static long settled_count(long target)
{
	long n = kfs_mem_leak_report(0);

	for (int i = 0; n > target && i < 200; i++) {
		usleep(500);
		n = kfs_mem_leak_report(0);
	}
	return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct kfs_cred root = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };
	const char *v;
	int err;

	(void)argc;
	(void)argv;
	verbose = (v = getenv("KFS_FUZZ_VERBOSE")) && *v == '1';
	warn_fatal = !((v = getenv("KFS_FUZZ_WARN")) && !strcmp(v, "ignore"));
	big_dirs = (v = getenv("KFS_FUZZ_BIG_DIRS")) && *v == '1';
	/* BUG() and panic() end in abort(), which libFuzzer reports with the input. */
	setenv("KFS_ABORT_ON_PANIC", "1", 0);
	/* A fuzzer process leaks nothing worth a report at exit: it checks per input. */
	setenv("KFS_LEAK_REPORT", "0", 0);
	kfs_set_log_handler(log_handler, NULL);
	kfs_thread_adopt("fuzz");
	err = kfs_init();
	if (err) {
		fprintf(stderr, "fuzz: kfs_init: %d\n", err);
		exit(1);
	}
	kfs_set_cred(&root);
	kfs_memdisk_install();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long warns = kfs_warn_count();
	long before, after;

	if (size < 512 || size > MAX_IMAGE)
		return 0;
	log_next = 0;
	before = kfs_mem_leak_report(0);
	run_input(data, size);
	after = settled_count(before);
	if (after > before) {
		/* Once more: the first run may have set up lasting state. */
		before = after;
		run_input(data, size);
		after = settled_count(before);
		if (after > before) {
			verbose = 1;
			kfs_mem_leak_report(1);
			fprintf(stderr, "fuzz: %ld kernel objects more after the unmount\n",
				after - before);
			fail("kernel objects leaked by one mount");
		}
	}
	if (warn_fatal && kfs_warn_count() != warns)
		fail("WARN() hit (KFS_FUZZ_WARN=ignore to go on)");
	return 0;
}
