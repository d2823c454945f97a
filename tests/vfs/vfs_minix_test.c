/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Suite 'vfs': fs/minix from the kernel tree, driven in-process through
 * kfs_api.h, judged by fsck.minix and by a second mount.
 *
 * Images are made by mkfs.minix (-1, -2, -3) on tmpfs.  Each tree test
 * builds a random but reproducible tree (nested directories, empty and
 * large files, symlinks, hard links, cross-directory renames, deletions,
 * chown/chmod/utimes) while keeping a model of what it wrote, records
 * every attribute, unmounts, runs `fsck.minix -f`, mounts again and
 * compares every name, byte, mode, size, link count and timestamp with the
 * model (minix v1 stores one timestamp: there atime and ctime come back
 * equal to mtime, see ERRATA.md).
 */
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
#include "kfs_mem.h"

#define MAXNAME 64
#define MAXPATH 1024

static char tmpdir[] = "/dev/shm/kfs-vfs-test.XXXXXX";

/* ------------------------------------------------------------- logging */

/* Messages the kernel code prints, kept so tests can check them. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[16384];
static size_t log_len;
static int log_lines;

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
	log_lines++;
	pthread_mutex_unlock(&log_lock);
	fprintf(stderr, "[kernel %d] %.*s\n", level, (int)len, line);
}

static void log_reset(void)
{
	pthread_mutex_lock(&log_lock);
	log_len = 0;
	log_buf[0] = 0;
	log_lines = 0;
	pthread_mutex_unlock(&log_lock);
}

/* ------------------------------------------------------------- helpers */

static void set_root_cred(void)
{
	struct kfs_cred c = { .uid = 0, .gid = 0, .umask = 0, .root_caps = 1 };

	kfs_set_cred(&c);
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

/* mkfs.minix with args on a fresh image of mb MiB; returns its path. */
static char *make_image(const char *name, int mb, const char *args)
{
	static char path[4][512];
	static int slot;
	char *p = path[slot++ % 4];
	int fd;

	snprintf(p, 512, "%s/%s", tmpdir, name);
	fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)mb << 20), 0);
	close(fd);
	assert_int_equal(run("mkfs.minix %s '%s' >/dev/null 2>&1", args, p), 0);
	return p;
}

static int fsck_image(const char *path)
{
	return run("fsck.minix -f '%s' >&2", path);
}

static struct kfs_mount *do_mount(const char *image, int flags, unsigned long long cache)
{
	struct kfs_mount_params p = {
		.fstype = "minix",
		.source = image,
		.flags = flags,
		.cache_limit = cache,
	};
	struct kfs_mount *m = NULL;

	assert_int_equal(kfs_mount(&p, &m), 0);
	assert_non_null(m);
	return m;
}

/* A reproducible byte stream: content of a file is a function of its seed. */
static inline uint8_t content_byte(uint32_t seed, uint64_t off)
{
	uint64_t x = (off / 8) * 0x9e3779b97f4a7c15ULL + seed * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 31;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 29;
	return (uint8_t)(x >> ((off % 8) * 8));
}

static void fill_content(uint32_t seed, uint64_t off, uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = content_byte(seed, off + i);
}

static uint32_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* Write size bytes of seed's content in random-sized pieces. */
static void write_content(struct kfs_file *f, uint32_t seed, uint64_t size)
{
	static uint8_t buf[70000];
	uint64_t off = 0;

	while (off < size) {
		size_t len = 1 + rnd_below(65536);

		if (len > size - off)
			len = size - off;
		fill_content(seed, off, buf, len);
		assert_int_equal(kfs_write(f, buf, len, off), (long)len);
		off += len;
	}
}

static void check_content(struct kfs_file *f, uint32_t seed, uint64_t size)
{
	static uint8_t buf[65536], want[65536];
	uint64_t off = 0;

	for (;;) {
		long n = kfs_read(f, buf, sizeof(buf), off);

		assert_true(n >= 0);
		if (n == 0)
			break;
		fill_content(seed, off, want, n);
		if (memcmp(buf, want, n)) {
			fail_msg("content differs at %llu (seed %u)", (unsigned long long)off, seed);
		}
		off += n;
	}
	assert_int_equal(off, size);
}

/* --------------------------------------------------------------- model */

enum { M_DIR, M_REG, M_LNK, M_NOD };

struct mfile {		/* what a regular file holds; shared by hard links */
	uint32_t seed;
	uint64_t size;
	int nlink;
};

struct mnode {
	char name[MAXNAME];
	int type;
	struct mnode *parent;
	struct mnode *child, *next;	/* children, siblings */
	struct mfile *file;		/* M_REG */
	char *target;			/* M_LNK */
	struct kfs_node *node;		/* M_DIR while the tree is being built */
	struct kfs_attr attr;		/* recorded before unmount */
	int gone;
};

struct model {
	struct mnode root;
	struct mnode **dirs, **all;
	int ndirs, nall, cap;
	int namelen;		/* longest name the format takes */
	int version;		/* minix 1, 2, 3 */
	int counter;
	struct mfile *files[20000];
	int nfiles;
};

/* Put n into parent's list of children (the tree only). */
static void model_link(struct mnode *parent, struct mnode *n)
{
	n->parent = parent;
	n->next = parent->child;
	parent->child = n;
}

/* Remember n (and its file) for iteration and freeing. */
static void model_register(struct model *mo, struct mnode *n)
{
	if (mo->nall == mo->cap) {
		mo->cap = mo->cap ? mo->cap * 2 : 1024;
		mo->all = realloc(mo->all, mo->cap * sizeof(*mo->all));
		mo->dirs = realloc(mo->dirs, mo->cap * sizeof(*mo->dirs));
		assert_non_null(mo->all);
		assert_non_null(mo->dirs);
	}
	mo->all[mo->nall++] = n;
	if (n->type == M_DIR)
		mo->dirs[mo->ndirs++] = n;
}

static void model_add(struct model *mo, struct mnode *parent, struct mnode *n)
{
	model_link(parent, n);
	model_register(mo, n);
}

static void model_unlink(struct mnode *n)
{
	struct mnode **pp = &n->parent->child;

	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
	n->next = NULL;
}

static struct mnode *new_mnode(struct model *mo, int type, char prefix)
{
	struct mnode *n = calloc(1, sizeof(*n));

	assert_non_null(n);
	n->type = type;
	snprintf(n->name, sizeof(n->name), "%c%d", prefix, mo->counter++);
	return n;
}

static int depth_of(struct mnode *n)
{
	int d = 0;

	while (n->parent) {
		d++;
		n = n->parent;
	}
	return d;
}

static struct mnode *random_dir(struct model *mo, int max_depth)
{
	for (;;) {
		struct mnode *d = mo->dirs[rnd_below(mo->ndirs)];

		if (!d->gone && depth_of(d) < max_depth)
			return d;
	}
}

static struct mnode *random_entry(struct model *mo, int type)
{
	int tries;

	for (tries = 0; tries < 100000; tries++) {
		struct mnode *n = mo->all[rnd_below(mo->nall)];

		if (!n->gone && n->type == type && n->parent)
			return n;
	}
	return NULL;
}

static bool is_ancestor(struct mnode *a, struct mnode *b)
{
	for (; b; b = b->parent)
		if (a == b)
			return true;
	return false;
}

/* --------------------------------------------------------------- build */

static struct kfs_node *lookup_in(struct mnode *dir, const char *name)
{
	struct kfs_node *n = NULL;

	assert_int_equal(kfs_lookup(dir->node, name, &n), 0);
	return n;
}

static void build_tree(struct model *mo, struct kfs_mount *m, int nfiles)
{
	struct mnode *n, *d;
	int i;

	mo->root.type = M_DIR;
	mo->root.node = kfs_root(m);
	model_register(mo, &mo->root);

	/* directories, nested up to 5 levels */
	for (i = 0; i < 120; i++) {
		d = random_dir(mo, 5);
		n = new_mnode(mo, M_DIR, 'd');
		assert_int_equal(kfs_mkdir(d->node, n->name, 0755, &n->node), 0);
		model_add(mo, d, n);
	}

	/* files: many small, some empty, a few spanning the double indirect blocks */
	for (i = 0; i < nfiles; i++) {
		struct kfs_node *fn;
		struct kfs_file *f;
		uint32_t r = rnd_below(1000);
		uint64_t size;

		d = random_dir(mo, 6);
		n = new_mnode(mo, M_REG, 'f');
		n->file = calloc(1, sizeof(*n->file));
		assert_non_null(n->file);
		mo->files[mo->nfiles++] = n->file;
		n->file->seed = rnd();
		n->file->nlink = 1;
		if (r < 100)
			size = 0;
		else if (r < 850)
			size = 1 + rnd_below(6000);
		else if (r < 997)
			size = 6000 + rnd_below(34000);
		else
			size = 1200000 + rnd_below(300000);	/* into the double indirect blocks */
		n->file->size = size;
		assert_int_equal(kfs_create(d->node, n->name, 0600 | (rnd_below(2) ? 044 : 0),
					    O_RDWR | O_EXCL, &fn, &f), 0);
		write_content(f, n->file->seed, size);
		assert_int_equal(kfs_release(f), 0);
		kfs_node_put(fn);
		model_add(mo, d, n);
	}

	/*
	 * Let writeback clean everything once (then the rest of the build
	 * re-dirties pages and inodes that writeback already saw).
	 */
	assert_int_equal(kfs_sync(m, 0), 0);
	assert_int_equal(kfs_sync(m, 1), 0);

	/* symlinks, some long */
	for (i = 0; i < 80; i++) {
		struct kfs_node *sn;
		char target[400];
		int len = 1 + rnd_below(i % 4 == 0 ? 300 : 40);
		int j;

		for (j = 0; j < len; j++)
			target[j] = "abcdefgh/.._-0123456789"[rnd_below(23)];
		target[len] = 0;
		d = random_dir(mo, 6);
		n = new_mnode(mo, M_LNK, 's');
		n->target = strdup(target);
		assert_int_equal(kfs_symlink(d->node, n->name, target, &sn), 0);
		kfs_node_put(sn);
		model_add(mo, d, n);
	}

	/* hard links to existing files */
	for (i = 0; i < 100; i++) {
		struct mnode *src = random_entry(mo, M_REG);
		struct kfs_node *sn, *ln;

		d = random_dir(mo, 6);
		n = new_mnode(mo, M_REG, 'h');
		n->file = src->file;
		sn = lookup_in(src->parent, src->name);
		assert_int_equal(kfs_link(sn, d->node, n->name, &ln), 0);
		assert_ptr_equal(ln, sn);
		kfs_node_put(ln);
		kfs_node_put(sn);
		src->file->nlink++;
		model_add(mo, d, n);
	}

	/* renames of files and symlinks across directories, some replacing a file */
	for (i = 0; i < 200; i++) {
		struct mnode *src = random_entry(mo, rnd_below(5) ? M_REG : M_LNK);
		struct mnode *victim = (i % 10 == 0) ? random_entry(mo, M_REG) : NULL;
		struct mnode *src_dir = src->parent;
		char newname[MAXNAME];

		if (victim == src || (victim && victim->file == src->file))
			victim = NULL;
		d = victim ? victim->parent : random_dir(mo, 6);
		if (victim)
			snprintf(newname, sizeof(newname), "%s", victim->name);
		else
			snprintf(newname, sizeof(newname), "r%d", mo->counter++);
		assert_int_equal(kfs_rename(src_dir->node, src->name, d->node, newname, 0), 0);
		if (victim) {
			victim->gone = 1;
			victim->file->nlink--;
			model_unlink(victim);
		}
		model_unlink(src);
		snprintf(src->name, sizeof(src->name), "%s", newname);
		model_link(d, src);
	}

	/* renames of whole directories into other directories */
	for (i = 0; i < 20; i++) {
		struct mnode *src = mo->dirs[1 + rnd_below(mo->ndirs - 1)];
		char newname[MAXNAME];

		if (src->gone)
			continue;
		d = random_dir(mo, 4);
		if (is_ancestor(src, d))
			continue;
		snprintf(newname, sizeof(newname), "m%d", mo->counter++);
		assert_int_equal(kfs_rename(src->parent->node, src->name, d->node, newname, 0), 0);
		model_unlink(src);
		snprintf(src->name, sizeof(src->name), "%s", newname);
		model_link(d, src);
	}

	assert_int_equal(kfs_sync(m, 1), 0);

	/* deletions: files (and links) and empty directories */
	for (i = 0; i < 300; i++) {
		struct mnode *v = random_entry(mo, rnd_below(6) ? M_REG : M_LNK);

		assert_int_equal(kfs_unlink(v->parent->node, v->name), 0);
		v->gone = 1;
		if (v->file)
			v->file->nlink--;
		model_unlink(v);
	}
	for (i = 0; i < 30; i++) {
		n = new_mnode(mo, M_DIR, 'e');
		d = random_dir(mo, 6);
		assert_int_equal(kfs_mkdir(d->node, n->name, 0700, &n->node), 0);
		model_add(mo, d, n);
		if (i % 2) {
			kfs_node_put(n->node);
			n->node = NULL;
			assert_int_equal(kfs_rmdir(d->node, n->name), 0);
			n->gone = 1;
			model_unlink(n);
		}
	}

	/* ownership, modes and times the caller sets */
	for (i = 0; i < 60; i++) {
		struct mnode *v = random_entry(mo, i % 3 ? M_REG : M_DIR);
		struct kfs_setattr sa = { 0 };
		struct kfs_node *vn;

		if (!v)
			continue;
		vn = v->type == M_DIR ? v->node : lookup_in(v->parent, v->name);
		switch (i % 3) {
		case 0:
			sa.valid = KFS_SET_UID | KFS_SET_GID;
			sa.uid = 1000 + i;
			sa.gid = 100 + i;
			break;
		case 1:
			sa.valid = KFS_SET_MODE;
			sa.mode = 0640 | (i & 1 ? 04000 : 0) | (i & 2 ? 01000 : 0);
			break;
		default:
			sa.valid = KFS_SET_MTIME | KFS_SET_ATIME;
			sa.mtime_sec = 1000000000 + i * 12345;
			sa.atime_sec = 1100000000 + i * 777;
			break;
		}
		assert_int_equal(kfs_setattr(vn, NULL, &sa, NULL), 0);
		if (v->type != M_DIR)
			kfs_node_put(vn);
	}
}

/* Record what getattr says for every live entry (lookups only: no atime change). */
static void record_attrs(struct mnode *dir, struct kfs_node *dnode)
{
	struct mnode *c;

	assert_int_equal(kfs_getattr(dnode, &dir->attr), 0);
	for (c = dir->child; c; c = c->next) {
		struct kfs_node *cn;

		assert_int_equal(kfs_lookup(dnode, c->name, &cn), 0);
		if (c->type == M_DIR)
			record_attrs(c, cn);
		else
			assert_int_equal(kfs_getattr(cn, &c->attr), 0);
		kfs_node_put(cn);
	}
}

static void put_dir_nodes(struct model *mo)
{
	int i;

	for (i = 0; i < mo->ndirs; i++) {
		if (mo->dirs[i]->node) {
			kfs_node_put(mo->dirs[i]->node);
			mo->dirs[i]->node = NULL;
		}
	}
}

/* -------------------------------------------------------------- verify */

struct seen {
	char names[4096][MAXNAME];
	uint64_t inos[4096];
	int n;
};

static int collect(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		   unsigned int dtype, kfs_api_s64 next)
{
	struct seen *s = ctx;

	(void)dtype;
	(void)next;
	assert_true(s->n < 4096);
	assert_true(namelen < MAXNAME);
	memcpy(s->names[s->n], name, namelen);
	s->names[s->n][namelen] = 0;
	s->inos[s->n] = ino;
	s->n++;
	return 0;
}

static void compare_attr(struct model *mo, struct mnode *n, const struct kfs_attr *now)
{
	const struct kfs_attr *was = &n->attr;

	assert_int_equal(now->ino, was->ino);
	assert_int_equal(now->mode, was->mode);
	assert_int_equal(now->nlink, was->nlink);
	assert_int_equal(now->uid, was->uid);
	assert_int_equal(now->gid, was->gid);
	assert_int_equal(now->size, was->size);
	assert_int_equal(now->mtime_sec, was->mtime_sec);
	assert_int_equal(now->mtime_nsec, 0);
	if (mo->version == 1) {
		/* one timestamp on disk: all three come back as mtime */
		assert_int_equal(now->atime_sec, was->mtime_sec);
		assert_int_equal(now->ctime_sec, was->mtime_sec);
	} else {
		assert_int_equal(now->atime_sec, was->atime_sec);
		assert_int_equal(now->ctime_sec, was->ctime_sec);
	}
	if (n->type == M_REG) {
		assert_int_equal(now->size, n->file->size);
		assert_int_equal(now->nlink, n->file->nlink);
	}
}

/* First pass: attributes only, before anything reads (atime). */
static void verify_attrs(struct model *mo, struct mnode *dir, struct kfs_node *dnode)
{
	struct kfs_attr a;
	struct mnode *c;

	assert_int_equal(kfs_getattr(dnode, &a), 0);
	compare_attr(mo, dir, &a);
	for (c = dir->child; c; c = c->next) {
		struct kfs_node *cn;

		assert_int_equal(kfs_lookup(dnode, c->name, &cn), 0);
		if (c->type == M_DIR) {
			verify_attrs(mo, c, cn);
		} else {
			assert_int_equal(kfs_getattr(cn, &a), 0);
			compare_attr(mo, c, &a);
		}
		kfs_node_put(cn);
	}
}

/* Second pass: names (readdir), contents, link targets. */
static void verify_data(struct model *mo, struct mnode *dir, struct kfs_node *dnode)
{
	struct seen *s = calloc(1, sizeof(*s));
	struct kfs_file *df;
	struct mnode *c;
	int expect = 2, i;

	assert_non_null(s);
	assert_int_equal(kfs_open(dnode, O_RDONLY | O_DIRECTORY, &df), 0);
	assert_int_equal(kfs_readdir(df, 0, collect, s), 0);
	assert_int_equal(kfs_release(df), 0);

	for (c = dir->child; c; c = c->next)
		expect++;
	assert_int_equal(s->n, expect);
	for (i = 0; i < s->n; i++) {
		if (!strcmp(s->names[i], ".") || !strcmp(s->names[i], ".."))
			continue;
		for (c = dir->child; c; c = c->next)
			if (!strcmp(c->name, s->names[i]))
				break;
		if (!c)
			fail_msg("unexpected name '%s' in directory", s->names[i]);
		assert_int_equal(s->inos[i], c->attr.ino);
	}
	free(s);

	for (c = dir->child; c; c = c->next) {
		struct kfs_node *cn;

		assert_int_equal(kfs_lookup(dnode, c->name, &cn), 0);
		if (c->type == M_DIR) {
			verify_data(mo, c, cn);
		} else if (c->type == M_REG) {
			struct kfs_file *f;

			assert_int_equal(kfs_open(cn, O_RDONLY, &f), 0);
			check_content(f, c->file->seed, c->file->size);
			assert_int_equal(kfs_release(f), 0);
		} else if (c->type == M_LNK) {
			char buf[1024];
			long len = kfs_readlink(cn, buf, sizeof(buf));

			assert_int_equal(len, (long)strlen(c->target));
			assert_memory_equal(buf, c->target, len);
		}
		kfs_node_put(cn);
	}
}

static void free_model(struct model *mo)
{
	int i;

	for (i = 0; i < mo->nall; i++) {
		struct mnode *n = mo->all[i];

		if (n == &mo->root)
			continue;
		free(n->target);
		free(n);
	}
	for (i = 0; i < mo->nfiles; i++)
		free(mo->files[i]);
	free(mo->all);
	free(mo->dirs);
}

/* ---------------------------------------------------------- tree tests */

static void tree_test(int version, const char *mkfs_args, int namelen, int mb, int nfiles,
		      uint32_t seed)
{
	struct model *mo = calloc(1, sizeof(*mo));
	struct kfs_mount *m;
	struct kfs_node *root;
	char name[32];
	char *image;

	assert_non_null(mo);
	mo->namelen = namelen;
	mo->version = version;
	snprintf(name, sizeof(name), "tree-v%d.img", version);
	image = make_image(name, mb, mkfs_args);
	rng_state = seed;

	m = do_mount(image, 0, 0);
	build_tree(mo, m, nfiles);
	record_attrs(&mo->root, mo->root.node);
	put_dir_nodes(mo);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(fsck_image(image), 0);

	m = do_mount(image, 0, 0);
	root = kfs_root(m);
	verify_attrs(mo, &mo->root, root);
	verify_data(mo, &mo->root, root);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(fsck_image(image), 0);

	free_model(mo);
	free(mo);
	unlink(image);
}

static void test_tree_v1(void **state)
{
	(void)state;
	tree_test(1, "-1 -i 8000", 14, 60, 3000, 0x1234567);
}

static void test_tree_v2(void **state)
{
	(void)state;
	tree_test(2, "-2 -n 30 -i 8000", 30, 96, 3000, 0x2345678);
}

static void test_tree_v3(void **state)
{
	(void)state;
	tree_test(3, "-3 -i 8000", 60, 96, 3000, 0x3456789);
}

/* ------------------------------------------------ the page-cache limit */

static void test_read_beyond_cache_limit(void **state)
{
	const unsigned long long limit = 4ULL << 20;
	const uint64_t size = 24ULL << 20;
	struct kfs_cache_info ci;
	struct kfs_mount *m;
	struct kfs_node *root, *fn;
	struct kfs_file *f;
	char *image;

	(void)state;
	image = make_image("cache.img", 64, "-2");
	rng_state = 42;

	m = do_mount(image, 0, limit);
	root = kfs_root(m);
	assert_int_equal(kfs_create(root, "big", 0644, O_WRONLY, &fn, &f), 0);
	write_content(f, 4242, size);
	assert_int_equal(kfs_fsync(f, 0), 0);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(fn);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(fsck_image(image), 0);

	m = do_mount(image, KFS_MOUNT_RDONLY, limit);
	kfs_cache_reset_high_water();
	root = kfs_root(m);
	assert_int_equal(kfs_lookup(root, "big", &fn), 0);
	assert_int_equal(kfs_open(fn, O_RDONLY, &f), 0);
	check_content(f, 4242, size);
	assert_int_equal(kfs_release(f), 0);
	kfs_cache_info(&ci);
	assert_int_equal(ci.limit, limit);
	assert_true(ci.high_water <= ci.limit);
	assert_true(ci.evicted > 0);
	kfs_node_put(fn);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	unlink(image);
}

/* --------------------------------------------------------- concurrency */

struct worker {
	pthread_t thread;
	struct kfs_node *dir;
	int id;
	int count;
	uint64_t size;
};

static void *writer_thread(void *arg)
{
	struct worker *w = arg;
	struct kfs_node *fn;
	struct kfs_file *f;
	char name[32];
	static uint8_t bufs[2][8192];
	uint8_t *buf = bufs[w->id];
	uint64_t off;

	kfs_thread_adopt("writer");
	set_root_cred();
	snprintf(name, sizeof(name), "big%d", w->id);
	if (kfs_create(w->dir, name, 0644, O_RDWR, &fn, &f))
		abort();
	for (off = 0; off < w->size; off += sizeof(bufs[0])) {
		fill_content(100 + w->id, off, buf, sizeof(bufs[0]));
		if (kfs_write(f, buf, sizeof(bufs[0]), off) != sizeof(bufs[0]))
			abort();
	}
	kfs_release(f);
	kfs_node_put(fn);
	kfs_thread_leave();
	return NULL;
}

static void *creator_thread(void *arg)
{
	struct worker *w = arg;
	int i;

	kfs_thread_adopt("creator");
	set_root_cred();
	for (i = 0; i < w->count; i++) {
		struct kfs_node *fn;
		struct kfs_file *f;
		char name[32];
		uint8_t buf[300];

		snprintf(name, sizeof(name), "c%d_%d", w->id, i);
		if (kfs_create(w->dir, name, 0644, O_RDWR | O_EXCL, &fn, &f))
			abort();
		fill_content(w->id * 100000 + i, 0, buf, sizeof(buf));
		if (kfs_write(f, buf, sizeof(buf), 0) != sizeof(buf))
			abort();
		kfs_release(f);
		kfs_node_put(fn);
	}
	kfs_thread_leave();
	return NULL;
}

/*
 * Looks names up while the creators make them: lookups that miss leave
 * negative dentries the creators then fill, and two lookup threads on the
 * same names meet in d_alloc_parallel.
 */
static void *lookup_thread(void *arg)
{
	struct worker *w = arg;
	int round, i, found = 0;

	kfs_thread_adopt("lookup");
	set_root_cred();
	for (round = 0; round < 20; round++) {
		for (i = 0; i < 700; i += 7) {
			struct kfs_node *fn;
			char name[32];
			int err;

			snprintf(name, sizeof(name), "c%d_%d", 2 + (i + round) % 2, i);
			err = kfs_lookup(w->dir, name, &fn);
			if (err == 0) {
				found++;
				kfs_node_put(fn);
			} else if (err != -ENOENT) {
				abort();
			}
		}
	}
	w->count = found;
	kfs_thread_leave();
	return NULL;
}

static void test_concurrent(void **state)
{
	struct worker w[6];
	struct kfs_mount *m;
	struct kfs_node *root, *d1, *d2, *shared;
	struct seen *s;
	struct kfs_file *df;
	char *image;
	int i;

	(void)state;
	image = make_image("conc.img", 64, "-3 -i 4000");
	m = do_mount(image, 0, 0);
	root = kfs_root(m);
	assert_int_equal(kfs_mkdir(root, "w1", 0755, &d1), 0);
	assert_int_equal(kfs_mkdir(root, "w2", 0755, &d2), 0);
	assert_int_equal(kfs_mkdir(root, "shared", 0755, &shared), 0);

	w[0] = (struct worker){ .dir = d1, .id = 0, .size = 6 << 20 };
	w[1] = (struct worker){ .dir = d2, .id = 1, .size = 5 << 20 };
	w[2] = (struct worker){ .dir = shared, .id = 2, .count = 700 };
	w[3] = (struct worker){ .dir = shared, .id = 3, .count = 700 };
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&w[i].thread, NULL, writer_thread, &w[i]), 0);
	w[4] = (struct worker){ .dir = shared, .id = 4 };
	w[5] = (struct worker){ .dir = shared, .id = 5 };
	for (i = 2; i < 4; i++)
		assert_int_equal(pthread_create(&w[i].thread, NULL, creator_thread, &w[i]), 0);
	for (i = 4; i < 6; i++)
		assert_int_equal(pthread_create(&w[i].thread, NULL, lookup_thread, &w[i]), 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(pthread_join(w[i].thread, NULL), 0);
	kfs_node_put(d1);
	kfs_node_put(d2);
	kfs_node_put(shared);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(fsck_image(image), 0);

	/* everything there, every byte right */
	m = do_mount(image, KFS_MOUNT_RDONLY, 0);
	for (i = 0; i < 2; i++) {
		struct kfs_node *fn;
		struct kfs_file *f;
		char path[32];

		snprintf(path, sizeof(path), "/w%d/big%d", i + 1, i);
		assert_int_equal(kfs_walk(m, NULL, path, 1, &fn), 0);
		assert_int_equal(kfs_open(fn, O_RDONLY, &f), 0);
		check_content(f, 100 + i, w[i].size);
		kfs_release(f);
		kfs_node_put(fn);
	}
	assert_int_equal(kfs_walk(m, NULL, "shared", 1, &shared), 0);
	s = calloc(1, sizeof(*s) * 1);
	assert_non_null(s);
	/* 1400 names + dots fit in struct seen's 4096 */
	assert_int_equal(kfs_open(shared, O_RDONLY, &df), 0);
	assert_int_equal(kfs_readdir(df, 0, collect, s), 0);
	kfs_release(df);
	assert_int_equal(s->n, 2 + 1400);
	for (i = 2; i < 4; i++) {
		int j;

		for (j = 0; j < 700; j++) {
			struct kfs_node *fn;
			struct kfs_file *f;
			char name[32];

			snprintf(name, sizeof(name), "c%d_%d", i, j);
			assert_int_equal(kfs_lookup(shared, name, &fn), 0);
			assert_int_equal(kfs_open(fn, O_RDONLY, &f), 0);
			check_content(f, i * 100000 + j, 300);
			kfs_release(f);
			kfs_node_put(fn);
		}
	}
	free(s);
	kfs_node_put(shared);
	assert_int_equal(kfs_unmount(m), 0);
	unlink(image);
}

/* ------------------------------------------------------- mount failures */

static void expect_mount_failure(const char *image, int want_err, const char *want_text)
{
	struct kfs_mount_params p = { .fstype = "minix", .source = image };
	struct kfs_mount *m = (struct kfs_mount *)1;
	int err;

	log_reset();
	err = kfs_mount(&p, &m);
	assert_int_equal(err, want_err);
	assert_null(m);
	pthread_mutex_lock(&log_lock);
	if (log_lines != 1 || !strstr(log_buf, want_text))
		fail_msg("expected one line with '%s', got %d: %s", want_text, log_lines, log_buf);
	pthread_mutex_unlock(&log_lock);
}

static void test_bad_images(void **state)
{
	char path[512];
	char *image;

	(void)state;
	/* truncated: the super block is there, its bitmaps are not */
	image = make_image("trunc.img", 16, "-2");
	assert_int_equal(truncate(image, 2048), 0);
	expect_mount_failure(image, -EINVAL, "MINIX-fs");

	/* another filesystem */
	snprintf(path, sizeof(path), "%s/other.img", tmpdir);
	assert_int_equal(run("truncate -s 8M '%s' && mkfs.ext2 -q -F '%s' >/dev/null 2>&1",
			     path, path), 0);
	expect_mount_failure(path, -EINVAL, "Can't find a Minix filesystem");

	/* nothing there */
	snprintf(path, sizeof(path), "%s/does-not-exist.img", tmpdir);
	expect_mount_failure(path, -ENOENT, "does-not-exist.img");
	log_reset();
}

/* --------------------------------------------------------- read-only */

static int nop_emit(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		    unsigned int dtype, kfs_api_s64 next)
{
	(*(int *)ctx)++;
	return 0;
}

static void read_all(struct kfs_node *dir)
{
	struct kfs_file *df;
	struct seen *s = calloc(1, sizeof(*s));
	int i;

	assert_non_null(s);
	assert_int_equal(kfs_open(dir, O_RDONLY, &df), 0);
	assert_int_equal(kfs_readdir(df, 0, collect, s), 0);
	kfs_release(df);
	for (i = 0; i < s->n; i++) {
		struct kfs_node *cn;
		struct kfs_attr a;

		if (!strcmp(s->names[i], ".") || !strcmp(s->names[i], ".."))
			continue;
		assert_int_equal(kfs_lookup(dir, s->names[i], &cn), 0);
		assert_int_equal(kfs_getattr(cn, &a), 0);
		if (S_ISDIR(a.mode)) {
			read_all(cn);
		} else if (S_ISREG(a.mode)) {
			struct kfs_file *f;
			static char buf[65536];
			long off = 0, n;

			assert_int_equal(kfs_open(cn, O_RDONLY, &f), 0);
			while ((n = kfs_read(f, buf, sizeof(buf), off)) > 0)
				off += n;
			assert_int_equal(n, 0);
			assert_int_equal(off, a.size);
			kfs_release(f);
		}
		kfs_node_put(cn);
	}
	free(s);
}

static void test_readonly_untouched(void **state)
{
	char copy[600];
	struct kfs_mount *m;
	struct kfs_node *root, *n;
	struct kfs_file *f;
	struct kfs_setattr sa = { .valid = KFS_SET_MODE, .mode = 0777 };
	char *image;
	int count = 0;

	(void)state;
	image = make_image("ro.img", 16, "-1");
	rng_state = 7;
	/* something to read */
	m = do_mount(image, 0, 0);
	root = kfs_root(m);
	assert_int_equal(kfs_mkdir(root, "dir", 0755, &n), 0);
	{
		struct kfs_node *fn;

		assert_int_equal(kfs_create(n, "file", 0644, O_WRONLY, &fn, &f), 0);
		write_content(f, 99, 100000);
		kfs_release(f);
		kfs_node_put(fn);
	}
	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);

	snprintf(copy, sizeof(copy), "%s.copy", image);
	assert_int_equal(run("cp '%s' '%s'", image, copy), 0);

	m = do_mount(image, KFS_MOUNT_RDONLY, 0);
	assert_int_equal(kfs_is_readonly(m), 1);
	root = kfs_root(m);
	read_all(root);
	assert_int_equal(kfs_lookup(root, "dir", &n), 0);
	assert_int_equal(kfs_mkdir(n, "new", 0755, &(struct kfs_node *){ NULL }), -EROFS);
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), -EROFS);
	assert_int_equal(kfs_unlink(n, "file"), -EROFS);
	{
		struct kfs_node *fn;

		assert_int_equal(kfs_lookup(n, "file", &fn), 0);
		assert_int_equal(kfs_open(fn, O_RDWR, &f), -EROFS);
		kfs_node_put(fn);
	}
	{
		struct kfs_file *df;

		assert_int_equal(kfs_open(n, O_RDONLY, &df), 0);
		assert_int_equal(kfs_readdir(df, 0, nop_emit, &count), 0);
		assert_int_equal(count, 3);
		kfs_release(df);
	}
	assert_int_equal(kfs_sync(m, 1), 0);
	kfs_node_put(n);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);

	assert_int_equal(run("cmp -s '%s' '%s'", image, copy), 0);
	unlink(copy);
	unlink(image);
}

/* ------------------------------------------------------ API semantics */

static void set_cred(unsigned int uid, unsigned int gid, unsigned int umask,
		     int ngroups, const unsigned int *groups)
{
	struct kfs_cred c = {
		.uid = uid, .gid = gid, .umask = umask,
		.ngroups = ngroups, .groups = groups, .root_caps = 1,
	};

	kfs_set_cred(&c);
}

static struct kfs_node *mk_file(struct kfs_node *dir, const char *name, unsigned int mode,
				const char *data)
{
	struct kfs_node *n;
	struct kfs_file *f;

	assert_int_equal(kfs_create(dir, name, mode, O_WRONLY | O_EXCL, &n, &f), 0);
	if (data)
		assert_int_equal(kfs_write(f, data, strlen(data), 0), (long)strlen(data));
	assert_int_equal(kfs_release(f), 0);
	return n;
}

static void attr_of(struct kfs_node *n, struct kfs_attr *a)
{
	assert_int_equal(kfs_getattr(n, a), 0);
}

struct refuse_ctx {
	int emitted, limit;
	long long next;
	char names[64][MAXNAME];
};

static int refuse_after(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
			unsigned int dtype, kfs_api_s64 next)
{
	struct refuse_ctx *r = ctx;

	if (r->emitted == r->limit)
		return 1;
	assert_true(r->emitted < 64);
	memcpy(r->names[r->emitted], name, namelen);
	r->names[r->emitted][namelen] = 0;
	r->emitted++;
	r->next = next;
	return 0;
}

static void test_api_semantics(void **state)
{
	char longname[80], buf[64];
	struct kfs_mount *m;
	struct kfs_node *root, *d, *sub, *f1, *f2, *n, *pub, *sticky, *sgid;
	struct kfs_file *f;
	struct kfs_attr a, b;
	struct kfs_setattr sa;
	struct kfs_statfs st;
	struct kfs_mount_cache mc;
	struct refuse_ctx *rc;
	unsigned int grp50 = 50;
	char *image;
	int i;

	(void)state;
	image = make_image("api.img", 16, "-3");
	m = do_mount(image, 0, 0);
	root = kfs_root(m);

	/* lookups */
	assert_int_equal(kfs_lookup(root, "nothing", &n), -ENOENT);
	assert_null(n);
	assert_int_equal(kfs_mkdir(root, "d", 0755, &d), 0);
	f1 = mk_file(d, "f1", 0644, "hello");
	assert_int_equal(kfs_lookup(f1, "x", &n), -ENOTDIR);
	memset(longname, 'a', 61);
	longname[61] = 0;
	assert_int_equal(kfs_lookup(d, longname, &n), -ENAMETOOLONG);
	assert_int_equal(kfs_lookup(d, ".", &n), 0);
	assert_ptr_equal(n, d);
	kfs_node_put(n);
	assert_int_equal(kfs_lookup(d, "..", &n), 0);
	assert_ptr_equal(n, root);
	kfs_node_put(n);
	assert_int_equal(kfs_lookup(root, "..", &n), 0);
	assert_ptr_equal(n, root);
	kfs_node_put(n);

	/* creation conflicts */
	assert_int_equal(kfs_mkdir(root, "d", 0755, &n), -EEXIST);
	assert_int_equal(kfs_create(d, "f1", 0644, O_RDWR | O_EXCL, &n, &f), -EEXIST);
	assert_int_equal(kfs_create(d, "f1", 0644, O_RDWR, &n, &f), 0);
	assert_ptr_equal(n, f1);
	assert_int_equal(kfs_read(f, buf, sizeof(buf), 0), 5);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);

	/* removal errors */
	assert_int_equal(kfs_rmdir(root, "d"), -ENOTEMPTY);
	assert_int_equal(kfs_rmdir(d, "f1"), -ENOTDIR);
	assert_int_equal(kfs_unlink(root, "d"), -EISDIR);
	assert_int_equal(kfs_rmdir(d, "."), -EINVAL);
	assert_int_equal(kfs_rmdir(d, ".."), -ENOTEMPTY);
	assert_int_equal(kfs_unlink(d, "nothing"), -ENOENT);

	/* hard links */
	assert_int_equal(kfs_link(d, root, "dlink", &n), -EPERM);
	assert_int_equal(kfs_link(f1, root, "f1link", &n), 0);
	assert_ptr_equal(n, f1);
	kfs_node_put(n);
	attr_of(f1, &a);
	assert_int_equal(a.nlink, 2);
	assert_int_equal(kfs_link(f1, root, "f1link", &n), -EEXIST);

	/* renames */
	assert_int_equal(kfs_mkdir(d, "sub", 0755, &sub), 0);
	assert_int_equal(kfs_rename(root, "d", sub, "d2", 0), -EINVAL);
	assert_int_equal(kfs_mkdir(sub, "full", 0755, &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_mkdir(root, "e", 0755, &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_rename(root, "e", d, "sub", 0), -ENOTEMPTY);
	assert_int_equal(kfs_rename(d, "f1", d, "sub", 0), -EISDIR);
	assert_int_equal(kfs_rename(root, "e", d, "f1", 0), -ENOTDIR);
	assert_int_equal(kfs_rename(root, "f1link", d, "f1", KFS_RENAME_NOREPLACE), -EEXIST);
	assert_int_equal(kfs_rename(root, "f1link", d, "f1", 0), 0);	/* same inode: no-op */
	assert_int_equal(kfs_lookup(root, "f1link", &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_rename(root, "f1link", d, "f2", KFS_RENAME_EXCHANGE), -ENOENT);
	assert_int_equal(kfs_rename(root, "e", d, "f1", KFS_RENAME_EXCHANGE), -EINVAL);
	assert_int_equal(kfs_rename(root, "f1link", d, "f2", 0), 0);
	assert_int_equal(kfs_lookup(root, "f1link", &n), -ENOENT);
	assert_int_equal(kfs_lookup(d, "f2", &f2), 0);
	assert_ptr_equal(f2, f1);
	kfs_node_put(f2);
	assert_int_equal(kfs_rename(root, "e", sub, "e", 0), 0);	/* dir across dirs */
	attr_of(sub, &a);
	assert_int_equal(a.nlink, 4);

	/* permissions, ownership and modes as an ordinary user */
	assert_int_equal(kfs_mkdir(root, "pub", 0777, &pub), 0);
	assert_int_equal(kfs_mkdir(root, "sticky", 01777, &sticky), 0);
	assert_int_equal(kfs_mkdir(root, "sgid", 02775, &sgid), 0);
	attr_of(sgid, &a);
	assert_int_equal(a.mode, 040775);	/* mkdir(2) ignores S_ISGID in the mode */
	sa = (struct kfs_setattr){ .valid = KFS_SET_GID | KFS_SET_MODE, .gid = 50, .mode = 02775 };
	assert_int_equal(kfs_setattr(sgid, NULL, &sa, NULL), 0);
	set_cred(2000, 2000, 022, 0, NULL);
	n = mk_file(sticky, "theirs", 0666, "x");
	attr_of(n, &a);
	assert_int_equal(a.mode, 0100644);	/* umask applied */
	assert_int_equal(a.uid, 2000);
	assert_int_equal(a.gid, 2000);
	kfs_node_put(n);
	set_cred(1000, 1000, 022, 1, &grp50);
	assert_int_equal(kfs_create(root, "nope", 0644, O_WRONLY, &n, &f), -EACCES);
	assert_int_equal(kfs_unlink(sticky, "theirs"), -EPERM);
	n = mk_file(pub, "mine", 0644, NULL);
	assert_int_equal(kfs_lookup(sticky, "theirs", &f2), 0);
	sa = (struct kfs_setattr){ .valid = KFS_SET_MODE, .mode = 0777 };
	assert_int_equal(kfs_setattr(f2, NULL, &sa, NULL), -EPERM);
	sa = (struct kfs_setattr){ .valid = KFS_SET_UID, .uid = 1000 };
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), 0);	/* to oneself: allowed */
	sa.uid = 3000;
	assert_int_equal(kfs_setattr(n, NULL, &sa, NULL), -EPERM);
	sa = (struct kfs_setattr){ .valid = KFS_SET_MTIME, .mtime_sec = 5 };
	assert_int_equal(kfs_setattr(f2, NULL, &sa, NULL), -EPERM);
	assert_int_equal(kfs_access(f2, 2), -EACCES);
	assert_int_equal(kfs_access(f2, 4), 0);
	kfs_node_put(f2);
	kfs_node_put(n);
	n = mk_file(sgid, "g", 0755, NULL);
	attr_of(n, &a);
	assert_int_equal(a.gid, 50);
	kfs_node_put(n);
	assert_int_equal(kfs_mkdir(sgid, "gd", 0755, &n), 0);
	attr_of(n, &a);
	assert_int_equal(a.gid, 50);
	assert_int_equal(a.mode & 02000, 02000);
	kfs_node_put(n);
	set_root_cred();

	/* open flags */
	n = mk_file(d, "o", 0644, "0123456789");
	assert_int_equal(kfs_open(n, O_WRONLY | O_APPEND, &f), 0);
	assert_int_equal(kfs_write(f, "ab", 2, 0), 2);	/* appended, not at 0 */
	assert_int_equal(kfs_read(f, buf, 4, 0), -EBADF);
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_open(n, O_WRONLY | KFS_OPEN_CACHE_READ, &f), 0);
	assert_int_equal(kfs_read(f, buf, sizeof(buf), 0), 12);
	assert_memory_equal(buf, "0123456789ab", 12);
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
	assert_int_equal(kfs_write(f, "x", 1, 0), -EBADF);
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_open(n, O_RDWR | O_TRUNC, &f), 0);
	attr_of(n, &a);
	assert_int_equal(a.size, 0);
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_open(d, O_WRONLY, &f), -EISDIR);
	assert_int_equal(kfs_open(n, O_RDONLY | O_DIRECTORY, &f), -ENOTDIR);

	/* truncate up and down through setattr */
	sa = (struct kfs_setattr){ .valid = KFS_SET_SIZE, .size = 5000 };
	assert_int_equal(kfs_setattr(n, NULL, &sa, &a), 0);
	assert_int_equal(a.size, 5000);
	assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
	assert_int_equal(kfs_read(f, buf, sizeof(buf), 4000), sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(kfs_read(f, buf, sizeof(buf), 4990), 10);
	sa.size = 3;
	assert_int_equal(kfs_setattr(n, f, &sa, NULL), -EINVAL);	/* read-only file */
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(kfs_setattr(n, NULL, &sa, &a), 0);
	assert_int_equal(a.size, 3);
	kfs_node_put(n);

	/* an open file that loses its last name stays readable */
	n = mk_file(d, "orphan", 0644, "still here");
	assert_int_equal(kfs_open(n, O_RDONLY, &f), 0);
	assert_int_equal(kfs_unlink(d, "orphan"), 0);
	attr_of(n, &a);
	assert_int_equal(a.nlink, 0);
	assert_int_equal(kfs_read(f, buf, sizeof(buf), 0), 10);
	assert_memory_equal(buf, "still here", 10);
	assert_int_equal(kfs_unmount(m), -EBUSY);
	assert_int_equal(kfs_release(f), 0);
	kfs_node_put(n);

	/* readdir that stops and resumes at the position it was given */
	for (i = 0; i < 20; i++) {
		char name[16];

		snprintf(name, sizeof(name), "r%02d", i);
		kfs_node_put(mk_file(pub, name, 0644, NULL));
	}
	rc = calloc(1, sizeof(*rc));
	assert_non_null(rc);
	assert_int_equal(kfs_open(pub, O_RDONLY, &f), 0);
	rc->limit = 5;
	assert_int_equal(kfs_readdir(f, 0, refuse_after, rc), 0);
	assert_int_equal(rc->emitted, 5);
	while (rc->emitted < 64) {
		int before = rc->emitted;

		rc->limit = rc->emitted + 5;
		assert_int_equal(kfs_readdir(f, rc->next, refuse_after, rc), 0);
		if (rc->emitted == before)
			break;
	}
	assert_int_equal(kfs_release(f), 0);
	assert_int_equal(rc->emitted, 2 + 1 + 20);	/* dots, "mine", r00..r19 */
	for (i = 0; i < rc->emitted; i++) {
		int j;

		for (j = i + 1; j < rc->emitted; j++)
			assert_string_not_equal(rc->names[i], rc->names[j]);
	}
	free(rc);

	/* symlinks and walks */
	assert_int_equal(kfs_symlink(root, "abs", "/d/sub", &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_symlink(sub, "up", "../f2", &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_symlink(root, "loop", "loop", &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_walk(m, NULL, "abs/up", 1, &n), 0);
	assert_ptr_equal(n, f1);
	kfs_node_put(n);
	assert_int_equal(kfs_walk(m, NULL, "/abs/e/../up", 0, &n), 0);
	attr_of(n, &a);
	assert_true(S_ISLNK(a.mode));
	assert_int_equal(kfs_readlink(n, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "../f2", 5);
	assert_int_equal(kfs_readlink(root, buf, sizeof(buf)), -EINVAL);
	kfs_node_put(n);
	assert_int_equal(kfs_walk(m, sub, "../../d/./sub/", 1, &n), 0);
	assert_ptr_equal(n, sub);
	kfs_node_put(n);
	assert_int_equal(kfs_walk(m, NULL, "loop", 1, &n), -ELOOP);
	assert_int_equal(kfs_walk(m, NULL, "d/f2/x", 1, &n), -ENOTDIR);
	assert_int_equal(kfs_walk(m, NULL, "d/none/x", 1, &n), -ENOENT);

	/* statfs, options */
	assert_int_equal(kfs_statfs(m, &st), 0);
	assert_int_equal(st.namelen, 60);
	assert_int_equal(st.type, 0x4d5a);	/* MINIX3_SUPER_MAGIC */
	assert_true(st.bfree > 0 && st.bfree < st.blocks);
	assert_int_equal(kfs_show_options(m, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(kfs_mount_time_gran(m), 1000000000);

	/* read-only remount refuses writers, read-write brings them back */
	assert_int_equal(kfs_remount(m, KFS_MOUNT_RDONLY, NULL), 0);
	assert_int_equal(kfs_is_readonly(m), 1);
	assert_int_equal(kfs_mkdir(root, "ro", 0755, &n), -EROFS);
	assert_int_equal(kfs_remount(m, 0, NULL), 0);
	assert_int_equal(kfs_mkdir(root, "rw", 0755, &n), 0);
	kfs_node_put(n);

	/* unused dentries and inodes go when the shrinkers run */
	kfs_node_put(d);
	kfs_node_put(sub);
	kfs_node_put(f1);
	kfs_node_put(pub);
	kfs_node_put(sticky);
	kfs_node_put(sgid);
	kfs_mount_cache_counts(m, &mc);
	assert_true(mc.inodes > 10);
	/* the remount dropped unused dentries: their inodes wait on the LRU */
	assert_true(mc.unused_dentries + mc.unused_inodes > 10);
	/* dirty inodes are not reclaimable: write them first */
	assert_int_equal(kfs_sync(m, 1), 0);
	/*
	 * Each pass frees what is unused now; a directory becomes unused once
	 * its children are gone, and recently used objects get a second
	 * chance, so a few passes empty the caches.
	 */
	for (i = 0; i < 16; i++)
		kfs_mem_shrink_all();
	kfs_mount_cache_counts(m, &mc);
	assert_int_equal(mc.inodes, 1);	/* the root, pinned by the super block */
	assert_int_equal(mc.unused_dentries, 0);
	assert_int_equal(mc.unused_inodes, 0);
	/* and everything reads back from the image */
	assert_int_equal(kfs_walk(m, NULL, "d/sub/e", 1, &n), 0);
	kfs_node_put(n);
	assert_int_equal(kfs_walk(m, root, "d/f2", 1, &n), 0);
	attr_of(n, &b);
	assert_int_equal(b.nlink, 2);	/* d/f1 and d/f2 */
	assert_int_equal(b.size, 5);
	kfs_node_put(n);

	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(fsck_image(image), 0);
	unlink(image);
}

/* ----------------------------------------------------------------- main */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	kfs_set_log_handler(log_handler, NULL);
	kfs_thread_adopt("vfs-test");
	if (kfs_init())
		return -1;
	set_root_cred();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	/* module_exit of every fs: waits for RCU-freed inodes, destroys caches */
	kfs_exit();
	kfs_thread_leave();
	return run("rm -rf '%s'", tmpdir) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_images),
		cmocka_unit_test(test_readonly_untouched),
		cmocka_unit_test(test_api_semantics),
		cmocka_unit_test(test_tree_v1),
		cmocka_unit_test(test_tree_v2),
		cmocka_unit_test(test_tree_v3),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_read_beyond_cache_limit),
	};

	return cmocka_run_group_tests_name("vfs-minix", tests, setup, teardown);
}
