/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-check: reads a whole filesystem image with the kernel's own code and
 * reports what went wrong -- the errors the operations returned and what the
 * filesystem itself printed about the image (its printk error and warning
 * messages), tied to the paths and inodes being read at the time.
 *
 * It mounts read-only with the image opened read-only, so it cannot change
 * the image.  It checks what the filesystem code notices while reading
 * everything, plus a few facts every filesystem must agree with (entry types
 * match inode types, link counts match the entries found, no directory is
 * reachable twice); it is not a replacement for the filesystem's own fsck,
 * which knows the on-disk format (free maps, orphan inodes, ...).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kfs_tool.h"

#define READ_BUF		(1 << 20)
#define XATTR_LIST_BYTES	65536
#define XATTR_VALUE_BYTES	65536
#define MAX_DEPTH		1024
#define MAX_READ_ERRORS		64	/* failed reads per file before giving up on it */

enum problem_kind { P_ERROR, P_KERNEL, P_CONSISTENCY };

static const char *const kind_names[] = { "error", "kernel", "consistency" };

struct problem {
	enum problem_kind kind;
	char *path;
	unsigned long long ino;		/* 0: unknown */
	const char *op;			/* what was being done */
	int err;			/* negative errno, or 0 */
	int level;			/* printk level for kernel messages */
	char *text;
	unsigned int repeats;		/* the same message again at the same place */
};

struct message {
	int level;
	char *path;
	char *text;
};

/* What a non-directory inode's entries add up to. */
struct seen_ino {
	unsigned long long ino;
	unsigned int nlink, seen;
	char *first_path, *last_path;
};

struct check {
	const char *image;
	const char *fstype;
	struct kfs_mount *m;
	int json, verbose;

	/* The log handler may run on any thread of the kernel world. */
	pthread_mutex_t lock;
	char cur_path[8192];		/* "" when no path is being worked on */
	unsigned long long cur_ino;
	const char *cur_op;

	struct problem *problems;
	size_t nproblems, capproblems;
	struct message *messages;
	size_t nmessages, capmessages;

	struct seen_ino *inos;		/* open addressing on ino */
	size_t capinos, ninos;
	unsigned long long *dirs;	/* directories entered */
	size_t capdirs, ndirs;
	int walk_incomplete;

	unsigned long long ndirectories, nfiles, nsymlinks, nother, bytes, nxattrs, eio;
	char *buf, *xlist, *xval;
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		tool_msg("out of memory");
		exit(TOOL_EXIT_USAGE);
	}
	return q;
}

static char *xstrdup(const char *s)
{
	return s ? xrealloc(strdup(s), strlen(s) + 1) : NULL;
}

static void add_problem(struct check *c, enum problem_kind kind, const char *path,
			unsigned long long ino, const char *op, int err, int level,
			const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static void add_problem(struct check *c, enum problem_kind kind, const char *path,
			unsigned long long ino, const char *op, int err, int level,
			const char *fmt, ...)
{
	struct problem *p;
	va_list ap;
	char text[1024] = "";

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(text, sizeof(text), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_lock(&c->lock);
	if (err == -EIO)
		c->eio++;
	/* A message repeated for the same path (one per retried block) is counted, not listed. */
	if (c->nproblems) {
		p = &c->problems[c->nproblems - 1];
		if (p->kind == kind && p->err == err && !strcmp(p->text, text) &&
		    ((!p->path && !path) || (p->path && path && !strcmp(p->path, path)))) {
			p->repeats++;
			pthread_mutex_unlock(&c->lock);
			return;
		}
	}
	if (c->nproblems == c->capproblems) {
		c->capproblems = c->capproblems ? 2 * c->capproblems : 32;
		c->problems = xrealloc(c->problems, c->capproblems * sizeof(*c->problems));
	}
	p = &c->problems[c->nproblems++];
	p->kind = kind;
	p->path = xstrdup(path);
	p->ino = ino;
	p->op = op;
	p->err = err;
	p->level = level;
	p->text = xstrdup(text);
	p->repeats = 0;
	pthread_mutex_unlock(&c->lock);
}

static void op_error(struct check *c, const char *path, unsigned long long ino, const char *op,
		     int err)
{
	add_problem(c, P_ERROR, path, ino, op, err, 0, "%s: %s", op, strerror(-err));
}

/* The inode number a message names ("inode 17", "inode #17", "inode: 17"), or 0. */
static unsigned long long message_ino(const char *text)
{
	const char *p = text;

	while ((p = strstr(p, "inode"))) {
		const char *q = p + 5;
		int skipped = 0;

		while (*q && !isdigit((unsigned char)*q) && skipped < 4 &&
		       (*q == ' ' || *q == '#' || *q == ':' || *q == '=' || *q == 's'))
			q++, skipped++;
		if (isdigit((unsigned char)*q))
			return strtoull(q, NULL, 10);
		p += 5;
	}
	return 0;
}

/*
 * Everything the kernel code prints.  Errors, warnings and messages without
 * a level (printk() with no KERN_ prefix, as minix prints its complaints)
 * are problems; notices and info are kept for --json and -v.
 */
static void on_log(void *ctx, int level, const char *line, kfs_api_size_t len)
{
	struct check *c = ctx;
	char *text = xrealloc(NULL, len + 1);
	unsigned long long ino;
	const char *path, *op;
	struct message *m;

	memcpy(text, line, len);
	text[len] = '\0';
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	pthread_mutex_lock(&c->lock);
	path = c->cur_path[0] ? c->cur_path : NULL;
	ino = message_ino(text);
	if (!ino)
		ino = c->cur_ino;
	if (c->nmessages == c->capmessages) {
		c->capmessages = c->capmessages ? 2 * c->capmessages : 32;
		c->messages = xrealloc(c->messages, c->capmessages * sizeof(*c->messages));
	}
	m = &c->messages[c->nmessages++];
	m->level = level;
	m->path = xstrdup(path);
	m->text = text;
	path = m->path;
	op = c->cur_op;
	pthread_mutex_unlock(&c->lock);
	if (level < 0 || level <= 4)
		add_problem(c, P_KERNEL, path, ino, op, 0, level, "%s", text);
}

static void set_current(struct check *c, const char *path, unsigned long long ino,
			const char *op)
{
	pthread_mutex_lock(&c->lock);
	snprintf(c->cur_path, sizeof(c->cur_path), "%s", path ? path : "");
	c->cur_ino = ino;
	c->cur_op = op;
	pthread_mutex_unlock(&c->lock);
}

/* ------------------------------------------------------------ bookkeeping */

static size_t ino_slot(struct check *c, unsigned long long ino)
{
	size_t i = (ino * 0x9E3779B97F4A7C15ULL) & (c->capinos - 1);

	while (c->inos[i].first_path && c->inos[i].ino != ino)
		i = (i + 1) & (c->capinos - 1);
	return i;
}

/* Counts one more entry for a non-directory inode. */
static void saw_inode(struct check *c, unsigned long long ino, unsigned int nlink,
		      const char *path)
{
	size_t i;

	if (2 * (c->ninos + 1) > c->capinos) {
		struct seen_ino *old = c->inos;
		size_t oldcap = c->capinos;

		c->capinos = oldcap ? 2 * oldcap : 1024;
		c->inos = xrealloc(NULL, c->capinos * sizeof(*c->inos));
		memset(c->inos, 0, c->capinos * sizeof(*c->inos));
		for (i = 0; i < oldcap; i++)
			if (old[i].first_path)
				c->inos[ino_slot(c, old[i].ino)] = old[i];
		free(old);
	}
	i = ino_slot(c, ino);
	if (!c->inos[i].first_path) {
		c->inos[i].ino = ino;
		c->inos[i].nlink = nlink;
		c->inos[i].first_path = xstrdup(path);
		c->ninos++;
	} else {
		free(c->inos[i].last_path);
		c->inos[i].last_path = xstrdup(path);
	}
	c->inos[i].seen++;
}

/* Whether a directory was entered before; records it if not. */
static int dir_seen(struct check *c, unsigned long long ino)
{
	size_t i;

	for (i = 0; i < c->ndirs; i++)
		if (c->dirs[i] == ino)
			return 1;
	if (c->ndirs == c->capdirs) {
		c->capdirs = c->capdirs ? 2 * c->capdirs : 256;
		c->dirs = xrealloc(c->dirs, c->capdirs * sizeof(*c->dirs));
	}
	c->dirs[c->ndirs++] = ino;
	return 0;
}

/* ----------------------------------------------------------------- walk */

static void check_xattrs(struct check *c, struct kfs_node *n, const char *path,
			 unsigned long long ino)
{
	kfs_api_ssize_t len, off;

	set_current(c, path, ino, "listxattr");
	len = kfs_listxattr(n, c->xlist, XATTR_LIST_BYTES);
	if (len == -EOPNOTSUPP || len == -ENOTSUP)
		return;
	if (len < 0) {
		op_error(c, path, ino, "listxattr", len);
		return;
	}
	for (off = 0; off < len; off += strlen(c->xlist + off) + 1) {
		kfs_api_ssize_t v;

		set_current(c, path, ino, "getxattr");
		v = kfs_getxattr(n, c->xlist + off, c->xval, XATTR_VALUE_BYTES);
		c->nxattrs++;
		if (v < 0)
			add_problem(c, P_ERROR, path, ino, "getxattr", v, 0, "getxattr %s: %s",
				    c->xlist + off, strerror(-v));
	}
}

/*
 * Reads every byte.  After an error, reading goes on past the failed range
 * (a block, or the page cache page around it, whichever is larger), so that
 * every unreadable part of the file is found and counted.
 */
static void check_file(struct check *c, struct kfs_node *n, const struct kfs_attr *a,
		       const char *path)
{
	long long off = 0, first_bad = -1, bad_bytes = 0;
	long long step = a->blksize > 4096 ? a->blksize : 4096;
	unsigned int errors = 0;
	struct kfs_file *f;
	int err;

	set_current(c, path, a->ino, "open");
	err = kfs_open(n, O_RDONLY, &f);
	if (err) {
		op_error(c, path, a->ino, "open", err);
		return;
	}
	set_current(c, path, a->ino, "read");
	while (off < a->size) {
		kfs_api_ssize_t r = kfs_read(f, c->buf, READ_BUF, off);
		long long next;

		if (r > 0) {
			off += r;
			c->bytes += r;
			continue;
		}
		if (r == 0) {
			add_problem(c, P_CONSISTENCY, path, a->ino, "read", 0, 0,
				    "read: end of file at %lld of a %lld-byte file",
				    off, (long long)a->size);
			break;
		}
		if (!errors++)
			first_bad = off;
		if (r != -EIO || errors > MAX_READ_ERRORS) {
			op_error(c, path, a->ino, "read", r);
			break;
		}
		next = (off / step + 1) * step;
		bad_bytes += (next < a->size ? next : a->size) - off;
		off = next;
	}
	if (errors && errors <= MAX_READ_ERRORS)
		add_problem(c, P_ERROR, path, a->ino, "read", -EIO, 0,
			    "read: %s: %lld byte%s unreadable, the first at byte %lld",
			    strerror(EIO), bad_bytes, bad_bytes == 1 ? "" : "s", first_bad);
	kfs_release(f);
}

static void check_symlink(struct check *c, struct kfs_node *n, const struct kfs_attr *a,
			  const char *path)
{
	kfs_api_ssize_t len;

	set_current(c, path, a->ino, "readlink");
	len = kfs_readlink(n, c->buf, READ_BUF);
	if (len < 0)
		op_error(c, path, a->ino, "readlink", len);
	else if (len != a->size)
		add_problem(c, P_CONSISTENCY, path, a->ino, "readlink", 0, 0,
			    "readlink: target of %lld bytes, inode size %lld",
			    (long long)len, (long long)a->size);
}

static unsigned int mode_dtype(unsigned int mode)
{
	return (mode & S_IFMT) >> 12;	/* DT_* are the S_IFMT bits shifted down */
}

static void check_node(struct check *c, struct kfs_node *n, const struct kfs_attr *a,
		       const char *path, int depth);

static void check_dir(struct check *c, struct kfs_node *dir, const struct kfs_attr *a,
		      const char *path, int depth)
{
	struct tool_dirent *ents = NULL;
	size_t i, count = 0;
	int err, dots = 0;

	if (dir_seen(c, a->ino)) {
		add_problem(c, P_CONSISTENCY, path, a->ino, "walk", 0, 0,
			    "directory reached a second time (a loop or a directory hard link)");
		return;
	}
	if (depth > MAX_DEPTH) {
		add_problem(c, P_CONSISTENCY, path, a->ino, "walk", 0, 0,
			    "directories nested deeper than %d levels", MAX_DEPTH);
		c->walk_incomplete = 1;
		return;
	}
	c->ndirectories++;
	set_current(c, path, a->ino, "readdir");
	err = tool_readdir(dir, 1, &ents, &count);
	if (err) {
		op_error(c, path, a->ino, "readdir", err);
		c->walk_incomplete = 1;
	}
	for (i = 0; i < count; i++) {
		const struct tool_dirent *en = &ents[i];
		char sub[8192];
		struct kfs_node *child;
		struct kfs_attr ca;

		if (i && !strcmp(en->name, ents[i - 1].name))
			add_problem(c, P_CONSISTENCY, path, a->ino, "readdir", 0, 0,
				    "the name '%s' appears twice", en->name);
		if (!strcmp(en->name, ".") || !strcmp(en->name, "..")) {
			dots++;
			continue;
		}
		if (snprintf(sub, sizeof(sub), "%s%s%s", path, depth ? "/" : "", en->name) >=
		    (int)sizeof(sub)) {
			add_problem(c, P_CONSISTENCY, path, a->ino, "walk", -ENAMETOOLONG, 0,
				    "path too long below here");
			c->walk_incomplete = 1;
			continue;
		}
		if (!en->name[0] || strchr(en->name, '/')) {
			add_problem(c, P_CONSISTENCY, sub, en->ino, "readdir", 0, 0,
				    "invalid name in directory %s", path);
			continue;
		}
		set_current(c, sub, en->ino, "lookup");
		err = kfs_lookup(dir, en->name, &child);
		if (err) {
			op_error(c, sub, en->ino, "lookup", err);
			c->walk_incomplete = 1;
			continue;
		}
		set_current(c, sub, en->ino, "getattr");
		err = kfs_getattr(child, &ca);
		if (err) {
			op_error(c, sub, en->ino, "getattr", err);
			c->walk_incomplete = 1;
		} else {
			if (en->dtype != DT_UNKNOWN && en->dtype != mode_dtype(ca.mode))
				add_problem(c, P_CONSISTENCY, sub, ca.ino, "readdir", 0, 0,
					    "directory entry says type %u, the inode is a %s",
					    en->dtype, tool_type_name(ca.mode));
			check_node(c, child, &ca, sub, depth + 1);
		}
		kfs_node_put(child);
	}
	if (dots != 2 && dots != 0)
		add_problem(c, P_CONSISTENCY, path, a->ino, "readdir", 0, 0,
			    "%d of the entries '.' and '..'", dots);
	tool_free_dirents(ents, count);
}

static void check_node(struct check *c, struct kfs_node *n, const struct kfs_attr *a,
		       const char *path, int depth)
{
	switch (a->mode & S_IFMT) {
	case S_IFDIR:
		check_dir(c, n, a, path, depth);
		break;
	case S_IFREG:
		c->nfiles++;
		check_file(c, n, a, path);
		break;
	case S_IFLNK:
		c->nsymlinks++;
		check_symlink(c, n, a, path);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		c->nother++;
		break;
	default:
		add_problem(c, P_CONSISTENCY, path, a->ino, "getattr", 0, 0,
			    "invalid file type (mode %06o)", a->mode);
		break;
	}
	if (!S_ISDIR(a->mode))
		saw_inode(c, a->ino, a->nlink, path);
	check_xattrs(c, n, path, a->ino);
}

/* Link counts against the entries found, once every directory was read. */
static void check_links(struct check *c)
{
	size_t i;

	for (i = 0; i < c->capinos; i++) {
		const struct seen_ino *s = &c->inos[i];

		if (!s->first_path || s->seen == s->nlink)
			continue;
		if (s->seen < s->nlink && c->walk_incomplete)
			continue;
		/* Too many entries: the last one found is the suspect. */
		if (s->last_path && s->seen > s->nlink)
			add_problem(c, P_CONSISTENCY, s->last_path, s->ino, "links", 0, 0,
				    "link count %u, but %u directory entries found (also at %s)",
				    s->nlink, s->seen, s->first_path);
		else
			add_problem(c, P_CONSISTENCY, s->first_path, s->ino, "links", 0, 0,
				    "link count %u, but %u directory entr%s found", s->nlink,
				    s->seen, s->seen == 1 ? "y" : "ies");
	}
}

/* ----------------------------------------------------------------- report */

/* Length of the valid UTF-8 sequence at @s (1-4), or 0 if it is not one. */
static int utf8_len(const unsigned char *s)
{
	int n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

/*
 * Names come from a possibly hostile image: control characters and bytes
 * that are not UTF-8 are written as \xNN in text (nothing reaches the
 * terminal as an escape sequence) and as \u00NN in JSON (which must be UTF-8).
 */
static void put_escaped(FILE *f, const char *str, int json)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		int n = utf8_len(s);

		if (json && (*s == '"' || *s == '\\')) {
			fprintf(f, "\\%c", *s);
		} else if (n > 1) {
			fwrite(s, 1, n, f);
			s += n;
			continue;
		} else if (n == 1 && *s >= 0x20 && *s != 0x7F && (json || *s != '\\')) {
			fputc(*s, f);
		} else if (json) {
			fprintf(f, "\\u%04x", *s);
		} else {
			fprintf(f, "\\x%02x", *s);
		}
		s++;
	}
}

static void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	put_escaped(f, s, 1);
	fputc('"', f);
}

static const char *status_name(int status)
{
	return status == TOOL_EXIT_OK ? "clean" :
	       status == TOOL_EXIT_FAIL ? "problems" : "could not run";
}

static void report_json(struct check *c, int status)
{
	FILE *f = stdout;
	size_t i;

	fputs("{\n  \"image\": ", f);
	json_string(f, c->image);
	fputs(",\n  \"fstype\": ", f);
	json_string(f, c->fstype);
	fputs(",\n  \"status\": ", f);
	json_string(f, status_name(status));
	fprintf(f, ",\n  \"exit\": %d,\n", status);
	fprintf(f, "  \"counts\": { \"directories\": %llu, \"files\": %llu, \"symlinks\": %llu, "
		"\"other\": %llu, \"bytes_read\": %llu, \"xattrs\": %llu, \"eio\": %llu, "
		"\"problems\": %zu },\n", c->ndirectories, c->nfiles, c->nsymlinks, c->nother,
		c->bytes, c->nxattrs, c->eio, c->nproblems);
	fputs("  \"problems\": [", f);
	for (i = 0; i < c->nproblems; i++) {
		const struct problem *p = &c->problems[i];

		fprintf(f, "%s\n    { \"kind\": ", i ? "," : "");
		json_string(f, kind_names[p->kind]);
		fputs(", \"path\": ", f);
		json_string(f, p->path);
		if (p->ino)
			fprintf(f, ", \"inode\": %llu", p->ino);
		else
			fputs(", \"inode\": null", f);
		fputs(", \"op\": ", f);
		json_string(f, p->op);
		if (p->err) {
			fprintf(f, ", \"errno\": %d, \"error\": ", -p->err);
			json_string(f, strerror(-p->err));
		}
		if (p->kind == P_KERNEL)
			fprintf(f, ", \"level\": %d", p->level);
		fputs(", \"message\": ", f);
		json_string(f, p->text);
		fprintf(f, ", \"repeats\": %u }", p->repeats);
	}
	fputs(c->nproblems ? "\n  ],\n" : "],\n", f);
	fputs("  \"messages\": [", f);
	for (i = 0; i < c->nmessages; i++) {
		const struct message *m = &c->messages[i];

		fprintf(f, "%s\n    { \"level\": %d, \"path\": ", i ? "," : "", m->level);
		json_string(f, m->path);
		fputs(", \"text\": ", f);
		json_string(f, m->text);
		fputs(" }", f);
	}
	fputs(c->nmessages ? "\n  ]\n}\n" : "]\n}\n", f);
}

static void report_text(struct check *c, int status)
{
	size_t i, npaths = 0;
	const char *last = NULL;

	if (status == TOOL_EXIT_USAGE)
		return;		/* the messages went out before the error line */
	printf("%s: %s: %s, %llu director%s, %llu file%s, %llu symbolic link%s, %llu other; "
	       "%.1f MiB read\n", tool_name, c->image, c->fstype,
	       c->ndirectories, c->ndirectories == 1 ? "y" : "ies",
	       c->nfiles, c->nfiles == 1 ? "" : "s", c->nsymlinks, c->nsymlinks == 1 ? "" : "s",
	       c->nother, c->bytes / 1048576.0);
	for (i = 0; c->verbose && i < c->nmessages; i++) {
		printf("  message (level %d)%s", c->messages[i].level,
		       c->messages[i].path ? " at " : "");
		put_escaped(stdout, c->messages[i].path ? c->messages[i].path : "", 0);
		fputs(": ", stdout);
		put_escaped(stdout, c->messages[i].text, 0);
		putchar('\n');
	}
	for (i = 0; i < c->nproblems; i++) {
		const struct problem *p = &c->problems[i];

		printf("  %s: ", kind_names[p->kind]);
		put_escaped(stdout, p->path ? p->path : "(no path)", 0);
		if (p->ino)
			printf(" (inode %llu)", p->ino);
		fputs(": ", stdout);
		put_escaped(stdout, p->text, 0);
		if (p->repeats)
			printf(" (%u more time%s)", p->repeats, p->repeats == 1 ? "" : "s");
		putchar('\n');
	}
	if (!c->nproblems) {
		printf("%s: %s: clean\n", tool_name, c->image);
		return;
	}
	for (i = 0; i < c->nproblems; i++) {
		const char *path = c->problems[i].path;

		if (path && path[0] == '/' && (!last || strcmp(last, path))) {
			size_t j;

			for (j = 0; j < i; j++)
				if (c->problems[j].path && !strcmp(c->problems[j].path, path))
					break;
			if (j == i)
				npaths++;
			last = path;
		}
	}
	printf("%s: %s: %zu problem%s (%llu I/O error%s) at %zu path%s\n", tool_name, c->image,
	       c->nproblems, c->nproblems == 1 ? "" : "s", c->eio, c->eio == 1 ? "" : "s",
	       npaths, npaths == 1 ? "" : "s");
}

/* The filesystem's own messages about a failed mount, before the line saying it failed. */
static void print_mount_messages(void *ctx)
{
	struct check *c = ctx;
	size_t i;

	if (c->json)
		return;
	fflush(stdout);
	for (i = 0; i < c->nmessages; i++) {
		fprintf(stderr, "%s: kernel: ", tool_name);
		put_escaped(stderr, c->messages[i].text, 0);
		fputc('\n', stderr);
	}
}

static const char usage_text[] =
"Usage: kfs-check [-t TYPE] [-o OPTIONS] [--json] [-v] IMAGE\n"
"\n"
"Reads the whole filesystem in IMAGE with the Linux kernel's own filesystem\n"
"code, in this process, and reports what went wrong: every error an\n"
"operation returned (lookup, stat, open, read, readdir, readlink, xattrs),\n"
"every error or warning the filesystem code printed about the image, with\n"
"the path and inode it was reading at the time, and the number of I/O\n"
"errors.  It also checks that directory entries and inodes agree on types\n"
"and link counts and that no directory is reachable twice.\n"
"\n"
"IMAGE is opened read-only and mounted read-only: kfs-check never writes to\n"
"it.  It complements, and does not replace, the filesystem's own fsck.\n"
"\n"
"Options:\n"
"  -t TYPE      filesystem type; by default recognised from the image\n"
"  -o OPTIONS   mount options: the filesystem's own, and offset=BYTES,\n"
"               size=BYTES, part=N, cache=SIZE (rw is refused)\n"
"  --json       print the report as one JSON object on standard output\n"
"  -v           also list every message the kernel code printed\n"
"  -h, --help   show this text\n"
"  -V, --version  show the version and the built-in filesystem types\n"
"\n"
"Exit status: 0 clean, 1 problems found, 2 could not run (bad usage, an\n"
"image that cannot be opened, is not recognised or does not mount).\n";

static void check_free(struct check *c)
{
	size_t i;

	for (i = 0; i < c->nproblems; i++) {
		free(c->problems[i].path);
		free(c->problems[i].text);
	}
	for (i = 0; i < c->nmessages; i++) {
		free(c->messages[i].path);
		free(c->messages[i].text);
	}
	for (i = 0; i < c->capinos; i++) {
		free(c->inos[i].first_path);
		free(c->inos[i].last_path);
	}
	free(c->problems);
	free(c->messages);
	free(c->inos);
	free(c->dirs);
	free(c->buf);
	free(c->xlist);
	free(c->xval);
	pthread_mutex_destroy(&c->lock);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tool_mount_req req = { .never_write = 1, .before_mount_error = print_mount_messages };
	struct tool_mounted mnt;
	struct kfs_node *root;
	struct kfs_attr ra;
	struct check c;
	int opt, status, err;

	tool_name = "kfs-check";
	memset(&c, 0, sizeof(c));
	pthread_mutex_init(&c.lock, NULL);
	while ((opt = getopt_long(argc, argv, "t:o:vhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			req.fstype = optarg;
			break;
		case 'o':
			req.options = optarg;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return TOOL_EXIT_OK;
		case 'V':
			if (tool_start("kfs-check"))
				return TOOL_EXIT_USAGE;
			tool_print_version(stdout);
			return TOOL_EXIT_OK;
		default:
			fprintf(stderr, "Try 'kfs-check --help'.\n");
			return TOOL_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		tool_msg(optind >= argc ? "no image given (see: kfs-check --help)" :
			 "one image at a time (see: kfs-check --help)");
		return TOOL_EXIT_USAGE;
	}
	req.image = c.image = argv[optind];
	req.ctx = &c;
	c.buf = malloc(READ_BUF);
	c.xlist = malloc(XATTR_LIST_BYTES);
	c.xval = malloc(XATTR_VALUE_BYTES);
	if (!c.buf || !c.xlist || !c.xval) {
		tool_err(NULL, -ENOMEM);
		return TOOL_EXIT_USAGE;
	}

	if (tool_start("kfs-check"))
		return TOOL_EXIT_USAGE;
	kfs_set_log_handler(on_log, &c);
	set_current(&c, NULL, 0, "mount");
	status = tool_mount(&req, &mnt);
	if (status) {
		kfs_set_log_handler(NULL, NULL);
		if (c.json)
			report_json(&c, status);
		else
			report_text(&c, status);
		check_free(&c);
		kfs_exit();
		return status;
	}
	c.m = mnt.m;
	c.fstype = mnt.fstype;

	set_current(&c, "/", 0, "getattr");
	root = kfs_root(c.m);
	err = root ? kfs_getattr(root, &ra) : -EIO;
	if (err) {
		op_error(&c, "/", 0, "getattr", err);
	} else {
		check_node(&c, root, &ra, "/", 0);
		check_links(&c);
	}
	if (root)
		kfs_node_put(root);

	set_current(&c, NULL, 0, "unmount");
	err = kfs_unmount(c.m);
	if (err)
		op_error(&c, NULL, 0, "unmount", err);
	kfs_set_log_handler(NULL, NULL);

	status = c.nproblems ? TOOL_EXIT_FAIL : TOOL_EXIT_OK;
	if (c.json)
		report_json(&c, status);
	else
		report_text(&c, status);
	check_free(&c);
	/* Exit calls, as at module unload: the leak report then sees only real leaks. */
	kfs_exit();
	kfs_thread_leave();
	return status;
}
