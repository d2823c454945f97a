/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-shell commands other than get/put.  Each returns 0, or non-zero after
 * printing one line per failure; a command with several operands goes on
 * with the next one after a failure, as the coreutils do.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "kfs_opts.h"
#include "shell.h"

#define PATH_BUF	4096
#define XATTR_LIST_MAX_BYTES	65536
#define XATTR_VALUE_MAX_BYTES	65536

/* ------------------------------------------------------------------- ls */

struct ls_opts {
	int l, a, R, d;
};

struct ls_item {
	char *name;
	struct kfs_attr attr;
	char *target;			/* symlink target with -l */
	int have_attr;
};

static void format_time(kfs_api_s64 sec, char *buf, size_t size)
{
	time_t t = sec;
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, size, "%lld", (long long)sec);
}

static char *read_link(struct kfs_node *n, int *err)
{
	char *buf = malloc(PATH_BUF + 1);
	kfs_api_ssize_t len;

	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	len = kfs_readlink(n, buf, PATH_BUF);
	if (len < 0) {
		*err = len;
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/*
 * A name from the image: on a terminal, control characters are shown as '?'
 * (as ls -q does), so a hostile image cannot send escape sequences to it.
 */
static void print_name(const char *name, const char *end)
{
	static int tty = -1;
	const char *p;

	if (tty < 0)
		tty = isatty(STDOUT_FILENO);
	for (p = name; *p; p++)
		putchar(tty && ((unsigned char)*p < 0x20 || *p == 0x7F) ? '?' : *p);
	fputs(end, stdout);
}

static void ls_size_field(const struct kfs_attr *a, char *buf, size_t size)
{
	if (S_ISCHR(a->mode) || S_ISBLK(a->mode))
		snprintf(buf, size, "%u, %u", major(a->rdev), minor(a->rdev));
	else
		snprintf(buf, size, "%lld", (long long)a->size);
}

static void ls_print(struct ls_item *items, size_t n, const struct ls_opts *o)
{
	int wl = 1, wu = 1, wg = 1, ws = 1;
	char field[64], mode[12], when[32];
	size_t i;

	if (!o->l) {
		for (i = 0; i < n; i++)
			print_name(items[i].name, "\n");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct kfs_attr *a = &items[i].attr;
		int w;

		if (!items[i].have_attr)
			continue;
		w = snprintf(field, sizeof(field), "%u", a->nlink);
		wl = w > wl ? w : wl;
		w = snprintf(field, sizeof(field), "%u", a->uid);
		wu = w > wu ? w : wu;
		w = snprintf(field, sizeof(field), "%u", a->gid);
		wg = w > wg ? w : wg;
		ls_size_field(a, field, sizeof(field));
		w = strlen(field);
		ws = w > ws ? w : ws;
	}
	for (i = 0; i < n; i++) {
		const struct kfs_attr *a = &items[i].attr;

		if (!items[i].have_attr)
			continue;
		tool_mode_string(a->mode, mode);
		ls_size_field(a, field, sizeof(field));
		format_time(a->mtime_sec, when, sizeof(when));
		printf("%s %*u %*u %*u %*s %s ", mode, wl, a->nlink, wu, a->uid, wg, a->gid,
		       ws, field, when);
		print_name(items[i].name, items[i].target ? " -> " : "\n");
		if (items[i].target)
			print_name(items[i].target, "\n");
	}
}

static void ls_free(struct ls_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].name);
		free(items[i].target);
	}
	free(items);
}

/* Fills one item's attributes (and link target) with -l; prints failures. */
static int ls_stat(struct kfs_node *n, struct ls_item *it, const struct ls_opts *o,
		   const char *path)
{
	int err = kfs_getattr(n, &it->attr);

	if (err) {
		tool_cmd_err("ls", path, err);
		return 1;
	}
	it->have_attr = 1;
	if (o->l && S_ISLNK(it->attr.mode)) {
		it->target = read_link(n, &err);
		if (!it->target) {
			tool_cmd_err("ls", path, err);
			return 1;
		}
	}
	return 0;
}

static int ls_dir(struct shell *sh, struct kfs_node *dir, const char *path,
		  const struct ls_opts *o, int header, int *first)
{
	struct tool_dirent *ents;
	struct ls_item *items;
	size_t count, n = 0, i;
	char sub[PATH_BUF];
	int failed = 0, err;

	err = tool_readdir(dir, 0, &ents, &count);
	if (err) {
		tool_cmd_err("ls", path, err);
		return 1;
	}
	items = calloc(count + 2, sizeof(*items));
	if (!items) {
		tool_free_dirents(ents, count);
		tool_cmd_err("ls", path, -ENOMEM);
		return 1;
	}
	if (o->a) {
		items[n++].name = strdup(".");
		items[n++].name = strdup("..");
	}
	for (i = 0; i < count; i++) {
		if (!o->a && ents[i].name[0] == '.')
			continue;
		items[n].name = ents[i].name;
		ents[i].name = NULL;
		n++;
	}
	tool_free_dirents(ents, count);
	for (i = 0; i < n; i++) {
		struct kfs_node *child;

		if (!items[i].name) {
			failed = 1;
			continue;
		}
		if (!o->l && !o->R)
			continue;
		sh_join(sub, sizeof(sub), path, items[i].name);
		err = kfs_walk(sh->m, dir, items[i].name, 0, &child);
		if (err) {
			tool_cmd_err("ls", sub, err);
			failed = 1;
			continue;
		}
		failed |= ls_stat(child, &items[i], o, sub);
		kfs_node_put(child);
	}
	if (header) {
		printf("%s%s:\n", *first ? "" : "\n", path);
		*first = 0;
	}
	ls_print(items, n, o);
	for (i = 0; o->R && i < n && !shell_interrupted; i++) {
		struct kfs_node *child;

		if (!items[i].have_attr || !S_ISDIR(items[i].attr.mode) ||
		    !strcmp(items[i].name, ".") || !strcmp(items[i].name, ".."))
			continue;
		sh_join(sub, sizeof(sub), path, items[i].name);
		err = kfs_lookup(dir, items[i].name, &child);
		if (err) {
			tool_cmd_err("ls", sub, err);
			failed = 1;
			continue;
		}
		failed |= ls_dir(sh, child, sub, o, 1, first);
		kfs_node_put(child);
	}
	ls_free(items, n);
	return failed;
}

/* Pass 0 lists an operand that is not a directory, pass 1 one that is. */
static int ls_operand(struct shell *sh, const char *path, const struct ls_opts *o, int pass,
		      int header, int *first)
{
	struct ls_item it = { 0 };
	struct kfs_node *n;
	int err, failed = 0, is_dir;

	/* ls -l shows a symlink itself; plain ls lists the directory it names. */
	err = sh_walk(sh, path, !o->l && !o->d, &n);
	if (err) {
		if (pass == 0)
			tool_cmd_err("ls", path, err);
		return pass == 0;
	}
	err = kfs_getattr(n, &it.attr);
	is_dir = !err && S_ISDIR(it.attr.mode) && !o->d;
	if (pass == 0 && !is_dir) {
		it.name = (char *)path;
		failed = ls_stat(n, &it, o, path);
		if (!failed) {
			ls_print(&it, 1, o);
			*first = 0;
		}
		free(it.target);
	} else if (pass == 1 && is_dir) {
		failed = ls_dir(sh, n, path, o, header, first);
	}
	kfs_node_put(n);
	return failed;
}

static int cmd_ls(struct shell *sh, int argc, char **argv)
{
	struct ls_opts o = { 0 };
	int c, i, pass, failed = 0, first = 1, nargs;

	while ((c = sh_getopt(argc, argv, "laRd", "ls")) != -1) {
		switch (c) {
		case 'l':
			o.l = 1;
			break;
		case 'a':
			o.a = 1;
			break;
		case 'R':
			o.R = 1;
			break;
		case 'd':
			o.d = 1;
			break;
		default:
			return 1;
		}
	}
	nargs = argc - sh_optind;
	/* Operands that are not directories first, as ls does, then each directory. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < (nargs ? nargs : 1); i++)
			failed |= ls_operand(sh, nargs ? argv[sh_optind + i] : ".", &o, pass,
					     nargs > 1 || o.R, &first);
	return failed;
}

/* ----------------------------------------------------------------- stat */

static void print_time(const char *label, kfs_api_s64 sec, kfs_api_u32 nsec)
{
	time_t t = sec;
	struct tm tm;
	char date[64], zone[16];

	if (!localtime_r(&t, &tm)) {
		printf("%s: %lld.%09u\n", label, (long long)sec, nsec);
		return;
	}
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	printf("%s: %s.%09u %s\n", label, date, nsec, zone);
}

static int cmd_stat(struct shell *sh, int argc, char **argv)
{
	int c, i, failed = 0, deref = 0;

	while ((c = sh_getopt(argc, argv, "L", "stat")) != -1) {
		if (c != 'L')
			return 1;
		deref = 1;
	}
	if (sh_optind == argc) {
		tool_msg("stat: missing operand (usage: stat [-L] PATH...)");
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_node *n;
		struct kfs_attr a;
		char mode[12], *target = NULL;
		int err;

		err = sh_walk(sh, argv[i], deref, &n);
		if (!err)
			err = kfs_getattr(n, &a);
		else
			n = NULL;
		if (!err && S_ISLNK(a.mode))
			target = read_link(n, &err);
		if (n)
			kfs_node_put(n);
		if (err) {
			tool_cmd_err("stat", argv[i], err);
			failed = 1;
			continue;
		}
		tool_mode_string(a.mode, mode);
		printf("  File: %s%s%s\n", argv[i], target ? " -> " : "", target ? target : "");
		printf("  Size: %-15lld Blocks: %-10llu IO Block: %-6u %s\n", (long long)a.size,
		       (unsigned long long)a.blocks, a.blksize, tool_type_name(a.mode));
		printf("Device: %-14s Inode: %-11llu Links: %u", sh->fstype,
		       (unsigned long long)a.ino, a.nlink);
		if (S_ISCHR(a.mode) || S_ISBLK(a.mode))
			printf("     Device type: %u,%u", major(a.rdev), minor(a.rdev));
		putchar('\n');
		printf("Access: (%04o/%s)  Uid: (%5u)   Gid: (%5u)\n", a.mode & 07777, mode,
		       a.uid, a.gid);
		print_time("Access", a.atime_sec, a.atime_nsec);
		print_time("Modify", a.mtime_sec, a.mtime_nsec);
		print_time("Change", a.ctime_sec, a.ctime_nsec);
		if (a.btime_sec || a.btime_nsec)
			print_time(" Birth", a.btime_sec, a.btime_nsec);
		else
			printf(" Birth: -\n");
		if (a.generation)
			printf("Generation: %llu\n", (unsigned long long)a.generation);
		free(target);
	}
	return failed;
}

/* ------------------------------------------------------------------ cat */

static int cmd_cat(struct shell *sh, int argc, char **argv)
{
	const size_t bufsize = 1 << 20;
	char *buf = malloc(bufsize);
	int i, failed = 0;

	if (!buf) {
		tool_cmd_err("cat", NULL, -ENOMEM);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		struct kfs_node *n;
		struct kfs_file *f;
		long long off = 0;
		int err;

		err = sh_walk(sh, argv[i], 1, &n);
		if (err) {
			tool_cmd_err("cat", argv[i], err);
			failed = 1;
			continue;
		}
		err = kfs_open(n, O_RDONLY, &f);
		kfs_node_put(n);
		if (err) {
			tool_cmd_err("cat", argv[i], err);
			failed = 1;
			continue;
		}
		for (;;) {
			kfs_api_ssize_t r = kfs_read(f, buf, bufsize, off);

			if (r <= 0) {
				err = r;
				break;
			}
			if (fwrite(buf, 1, r, stdout) != (size_t)r) {
				err = -errno;
				break;
			}
			off += r;
			if (shell_interrupted) {
				err = -EINTR;
				break;
			}
		}
		kfs_release(f);
		fflush(stdout);
		if (err) {
			tool_cmd_err("cat", argv[i], err);
			failed = 1;
		}
	}
	free(buf);
	return failed;
}

/* ---------------------------------------------------------------- mkdir */

static int set_mode(struct kfs_node *n, unsigned int mode)
{
	struct kfs_setattr sa = { .valid = KFS_SET_MODE, .mode = mode & 07777 };

	return kfs_setattr(n, NULL, &sa, NULL);
}

/* One component of mkdir -p: the existing directory, or a new one. */
static int mkdir_step(struct kfs_mount *m, struct kfs_node *cur, const char *comp,
		      unsigned int mode, int has_mode, struct kfs_node **next)
{
	struct kfs_attr a;
	int err;

	err = kfs_walk(m, cur, comp, 1, next);
	if (err == -ENOENT) {
		err = kfs_mkdir(cur, comp, 0777, next);
		if (err)
			return err;
		err = has_mode ? set_mode(*next, mode) : 0;
	} else if (!err) {
		err = kfs_getattr(*next, &a);
		if (!err && !S_ISDIR(a.mode))
			err = -ENOTDIR;
	} else {
		return err;
	}
	if (err)
		kfs_node_put(*next);
	return err;
}

static int mkdir_parents(struct shell *sh, const char *path, unsigned int mode, int has_mode)
{
	char *copy = strdup(path), *comp, *save = NULL;
	struct kfs_node *cur, *next;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	if (path[0] == '/' || !sh->cwd) {
		cur = kfs_root(sh->m);
	} else {
		kfs_node_get(sh->cwd);
		cur = sh->cwd;
	}
	for (comp = strtok_r(copy, "/", &save); comp; comp = strtok_r(NULL, "/", &save)) {
		err = mkdir_step(sh->m, cur, comp, mode, has_mode, &next);
		kfs_node_put(cur);
		if (err) {
			cur = NULL;
			break;
		}
		cur = next;
	}
	if (cur)
		kfs_node_put(cur);
	free(copy);
	return err;
}

static int cmd_mkdir(struct shell *sh, int argc, char **argv)
{
	unsigned int mode = 0777;
	int c, i, parents = 0, has_mode = 0, failed = 0;

	while ((c = sh_getopt(argc, argv, "pm:", "mkdir")) != -1) {
		switch (c) {
		case 'p':
			parents = 1;
			break;
		case 'm':
			if (sh_parse_mode(sh_optarg, 0777, 1, &mode)) {
				tool_msg("mkdir: invalid mode '%s'", sh_optarg);
				return 1;
			}
			has_mode = 1;
			break;
		default:
			return 1;
		}
	}
	if (sh_optind == argc) {
		tool_msg("mkdir: missing operand (usage: mkdir [-p] [-m MODE] DIR...)");
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_node *dir, *n;
		char name[256];
		int err;

		if (parents) {
			err = mkdir_parents(sh, argv[i], mode, has_mode);
		} else {
			err = sh_parent(sh, argv[i], &dir, name);
			if (!err) {
				err = sh_name_ok(name) ? -EEXIST : kfs_mkdir(dir, name, 0777, &n);
				kfs_node_put(dir);
				if (!err && has_mode)
					err = set_mode(n, mode);
				if (!err)
					kfs_node_put(n);
			}
		}
		if (err) {
			tool_cmd_err("mkdir", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

/* ------------------------------------------------------------- rm, rmdir */

static int rm_tree(struct shell *sh, struct kfs_node *dir, const char *path)
{
	struct tool_dirent *ents;
	size_t count, i;
	char sub[PATH_BUF];
	int err, failed = 0;

	err = tool_readdir(dir, 0, &ents, &count);
	if (err) {
		tool_cmd_err("rm", path, err);
		return 1;
	}
	for (i = 0; i < count && !shell_interrupted; i++) {
		struct kfs_node *child;
		struct kfs_attr a;

		sh_join(sub, sizeof(sub), path, ents[i].name);
		err = kfs_lookup(dir, ents[i].name, &child);
		if (!err) {
			err = kfs_getattr(child, &a);
			if (!err && S_ISDIR(a.mode)) {
				failed |= rm_tree(sh, child, sub);
				kfs_node_put(child);
				err = kfs_rmdir(dir, ents[i].name);
			} else {
				kfs_node_put(child);
				if (!err)
					err = kfs_unlink(dir, ents[i].name);
			}
		}
		if (err) {
			tool_cmd_err("rm", sub, err);
			failed = 1;
		}
	}
	tool_free_dirents(ents, count);
	return failed || shell_interrupted;
}

static int cmd_rm(struct shell *sh, int argc, char **argv)
{
	int c, i, recursive = 0, force = 0, failed = 0;

	while ((c = sh_getopt(argc, argv, "rRf", "rm")) != -1) {
		switch (c) {
		case 'r':
		case 'R':
			recursive = 1;
			break;
		case 'f':
			force = 1;
			break;
		default:
			return 1;
		}
	}
	if (sh_optind == argc && !force) {
		tool_msg("rm: missing operand (usage: rm [-r] [-f] PATH...)");
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_node *dir, *n;
		struct kfs_attr a;
		char name[256];
		int err;

		err = sh_parent(sh, argv[i], &dir, name);
		if (err)
			goto report;
		err = sh_name_ok(name);
		if (!err)
			err = kfs_lookup(dir, name, &n);
		if (!err) {
			err = kfs_getattr(n, &a);
			if (!err && S_ISDIR(a.mode)) {
				if (!recursive) {
					err = -EISDIR;
				} else if (rm_tree(sh, n, argv[i])) {
					failed = 1;
				} else {
					err = kfs_rmdir(dir, name);
				}
			} else if (!err) {
				err = kfs_unlink(dir, name);
			}
			kfs_node_put(n);
		}
		kfs_node_put(dir);
report:
		if (err && !(force && err == -ENOENT)) {
			tool_cmd_err("rm", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

static int cmd_rmdir(struct shell *sh, int argc, char **argv)
{
	int i, failed = 0;

	if (argc < 2) {
		tool_msg("rmdir: missing operand (usage: rmdir DIR...)");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		struct kfs_node *dir;
		char name[256];
		int err = sh_parent(sh, argv[i], &dir, name);

		if (!err) {
			err = sh_name_ok(name);
			if (!err)
				err = kfs_rmdir(dir, name);
			kfs_node_put(dir);
		}
		if (err) {
			tool_cmd_err("rmdir", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

/* --------------------------------------------------------------- mv, ln */

/*
 * Where SRC goes for `mv SRC... DEST` and `ln TARGET LINK`: into DEST when it
 * is a directory (under SRC's last name), else DEST itself.
 */
static int dest_of(struct shell *sh, const char *src, const char *dest, int many,
		   struct kfs_node **dir, char *name)
{
	char base[256], path[PATH_BUF];

	if (sh_is_dir(sh, dest)) {
		sh_basename(src, base, sizeof(base));
		sh_join(path, sizeof(path), dest, base);
		return sh_parent(sh, path, dir, name);
	}
	if (many)
		return -ENOTDIR;
	return sh_parent(sh, dest, dir, name);
}

static int cmd_mv(struct shell *sh, int argc, char **argv)
{
	const char *dest = argv[argc - 1];
	int i, failed = 0;

	if (argc < 3) {
		tool_msg("mv: missing operand (usage: mv SRC... DEST)");
		return 1;
	}
	for (i = 1; i < argc - 1; i++) {
		struct kfs_node *odir = NULL, *ndir = NULL;
		char oname[256], nname[256];
		int err;

		err = sh_parent(sh, argv[i], &odir, oname);
		if (!err)
			err = sh_name_ok(oname);
		if (!err)
			err = dest_of(sh, argv[i], dest, argc > 3, &ndir, nname);
		if (err == -ENOTDIR && !ndir) {
			tool_cmd_err("mv", dest, err);
			if (odir)
				kfs_node_put(odir);
			return 1;
		}
		if (!err)
			err = sh_name_ok(nname);
		if (!err)
			err = kfs_rename(odir, oname, ndir, nname, 0);
		if (odir)
			kfs_node_put(odir);
		if (ndir)
			kfs_node_put(ndir);
		if (err) {
			tool_cmd_err("mv", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

static int cmd_ln(struct shell *sh, int argc, char **argv)
{
	struct kfs_node *dir, *n, *target;
	const char *dest;
	char name[256];
	int c, sym = 0, err;

	while ((c = sh_getopt(argc, argv, "s", "ln")) != -1) {
		if (c != 's')
			return 1;
		sym = 1;
	}
	if (argc - sh_optind < 1 || argc - sh_optind > 2) {
		tool_msg("ln: usage: ln [-s] TARGET [LINK]");
		return 1;
	}
	dest = argc - sh_optind == 2 ? argv[sh_optind + 1] : ".";
	err = dest_of(sh, argv[sh_optind], dest, 0, &dir, name);
	if (err) {
		tool_cmd_err("ln", dest, err);
		return 1;
	}
	err = sh_name_ok(name) ? -EEXIST : 0;
	if (!err && sym) {
		err = kfs_symlink(dir, name, argv[sh_optind], &n);
	} else if (!err) {
		err = sh_walk(sh, argv[sh_optind], 0, &target);
		if (err) {
			kfs_node_put(dir);
			tool_cmd_err("ln", argv[sh_optind], err);
			return 1;
		}
		err = kfs_link(target, dir, name, &n);
		kfs_node_put(target);
	}
	kfs_node_put(dir);
	if (err) {
		tool_cmd_err("ln", dest, err);
		return 1;
	}
	kfs_node_put(n);
	return 0;
}

/* ------------------------------------------------------- chmod, chown */

int sh_parse_mode(const char *s, unsigned int old, int is_dir, unsigned int *out)
{
	unsigned int mode = old & 07777;
	const char *p = s;

	if (*s >= '0' && *s <= '7') {
		char *end;
		unsigned long v = strtoul(s, &end, 8);

		if (*end || v > 07777)
			return -EINVAL;
		*out = v;
		return 0;
	}
	while (*p) {
		unsigned int who = 0;

		for (; *p && strchr("ugoa", *p); p++)
			who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
		if (!who)
			who = 07777;
		if (!*p || !strchr("+-=", *p))
			return -EINVAL;
		while (*p && strchr("+-=", *p)) {
			char op = *p++;
			unsigned int bits = 0;

			for (; *p && strchr("rwxXst", *p); p++) {
				switch (*p) {
				case 'r':
					bits |= 0444;
					break;
				case 'w':
					bits |= 0222;
					break;
				case 'x':
					bits |= 0111;
					break;
				case 'X':
					if (is_dir || (old & 0111))
						bits |= 0111;
					break;
				case 's':
					bits |= 06000;
					break;
				case 't':
					bits |= 01000;
					break;
				}
			}
			bits &= who;
			if (op == '+')
				mode |= bits;
			else if (op == '-')
				mode &= ~bits;
			else
				mode = (mode & ~(who & 0777)) | bits;
		}
		if (*p == ',')
			p++;
		else if (*p)
			return -EINVAL;
	}
	*out = mode;
	return 0;
}

static int cmd_chmod(struct shell *sh, int argc, char **argv)
{
	int i, failed = 0;

	if (argc < 3) {
		tool_msg("chmod: missing operand (usage: chmod MODE PATH...)");
		return 1;
	}
	for (i = 2; i < argc; i++) {
		struct kfs_node *n;
		struct kfs_attr a;
		unsigned int mode;
		int err = sh_walk(sh, argv[i], 1, &n);

		if (!err) {
			err = kfs_getattr(n, &a);
			if (!err && sh_parse_mode(argv[1], a.mode, S_ISDIR(a.mode), &mode)) {
				kfs_node_put(n);
				tool_msg("chmod: invalid mode '%s'", argv[1]);
				return 1;
			}
			if (!err)
				err = set_mode(n, mode);
			kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("chmod", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

static int parse_id(const char *s, int group, unsigned int *id)
{
	char *end;
	unsigned long v;

	if (!*s)
		return -EINVAL;
	v = strtoul(s, &end, 10);
	if (!*end && v <= 0xFFFFFFFEUL) {
		*id = v;
		return 0;
	}
	if (group) {
		struct group *g = getgrnam(s);

		if (!g)
			return -EINVAL;
		*id = g->gr_gid;
	} else {
		struct passwd *pw = getpwnam(s);

		if (!pw)
			return -EINVAL;
		*id = pw->pw_uid;
	}
	return 0;
}

static int cmd_chown(struct shell *sh, int argc, char **argv)
{
	struct kfs_setattr sa = { 0 };
	char *spec, *colon;
	int c, i, failed = 0, nofollow = 0;

	while ((c = sh_getopt(argc, argv, "h", "chown")) != -1) {
		if (c != 'h')
			return 1;
		nofollow = 1;
	}
	if (argc - sh_optind < 2) {
		tool_msg("chown: missing operand (usage: chown [-h] OWNER[:GROUP] PATH...)");
		return 1;
	}
	spec = argv[sh_optind];
	colon = strchr(spec, ':');
	if (colon)
		*colon = '\0';
	if (*spec) {
		if (parse_id(spec, 0, &sa.uid))
			goto bad;
		sa.valid |= KFS_SET_UID;
	}
	if (colon && colon[1]) {
		if (parse_id(colon + 1, 1, &sa.gid))
			goto bad;
		sa.valid |= KFS_SET_GID;
	}
	if (!sa.valid)
		goto bad;
	for (i = sh_optind + 1; i < argc; i++) {
		struct kfs_node *n;
		int err = sh_walk(sh, argv[i], !nofollow, &n);

		if (!err) {
			err = kfs_setattr(n, NULL, &sa, NULL);
			kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("chown", argv[i], err);
			failed = 1;
		}
	}
	return failed;
bad:
	if (colon)
		*colon = ':';
	tool_msg("chown: invalid owner '%s'", argv[sh_optind]);
	return 1;
}

/* --------------------------------------------------------- touch, truncate */

/* Creates an empty regular file (mode 0666 less the umask, as touch does). */
static int create_empty(struct shell *sh, const char *path, struct kfs_node **out)
{
	struct kfs_node *dir;
	struct kfs_file *f;
	char name[256];
	int err;

	err = sh_parent(sh, path, &dir, name);
	if (err)
		return err;
	err = sh_name_ok(name) ? -EISDIR : kfs_create(dir, name, 0666, O_WRONLY | O_CREAT, out, &f);
	kfs_node_put(dir);
	if (!err)
		kfs_release(f);
	return err;
}

static int cmd_touch(struct shell *sh, int argc, char **argv)
{
	int c, i, failed = 0, no_create = 0;

	while ((c = sh_getopt(argc, argv, "c", "touch")) != -1) {
		if (c != 'c')
			return 1;
		no_create = 1;
	}
	if (sh_optind == argc) {
		tool_msg("touch: missing operand (usage: touch [-c] PATH...)");
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct timespec now;
		struct kfs_setattr sa = {
			.valid = KFS_SET_ATIME | KFS_SET_MTIME | KFS_SET_ATIME_NOW |
				 KFS_SET_MTIME_NOW,
		};
		struct kfs_node *n;
		int err = sh_walk(sh, argv[i], 1, &n);

		if (err == -ENOENT && no_create)
			continue;
		if (err == -ENOENT) {
			err = create_empty(sh, argv[i], &n);
			if (!err)
				kfs_node_put(n);
		} else if (!err) {
			/* The same instant in both forms: "now" and its value. */
			clock_gettime(CLOCK_REALTIME, &now);
			sa.atime_sec = sa.mtime_sec = now.tv_sec;
			sa.atime_nsec = sa.mtime_nsec = now.tv_nsec;
			err = kfs_setattr(n, NULL, &sa, NULL);
			kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("touch", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

static int cmd_truncate(struct shell *sh, int argc, char **argv)
{
	unsigned long long size = 0;
	int c, i, failed = 0, have_size = 0, no_create = 0;

	while ((c = sh_getopt(argc, argv, "s:c", "truncate")) != -1) {
		switch (c) {
		case 's':
			if (kfs_parse_size(sh_optarg, &size) || size > (~0ULL >> 1)) {
				tool_msg("truncate: invalid size '%s'", sh_optarg);
				return 1;
			}
			have_size = 1;
			break;
		case 'c':
			no_create = 1;
			break;
		default:
			return 1;
		}
	}
	if (!have_size || sh_optind == argc) {
		tool_msg("truncate: usage: truncate [-c] -s SIZE PATH...");
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_setattr sa = { .valid = KFS_SET_SIZE, .size = size };
		struct kfs_node *n;
		int err = sh_walk(sh, argv[i], 1, &n);

		if (err == -ENOENT && no_create)
			continue;
		if (err == -ENOENT)
			err = create_empty(sh, argv[i], &n);
		if (!err) {
			err = kfs_setattr(n, NULL, &sa, NULL);
			kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("truncate", argv[i], err);
			failed = 1;
		}
	}
	return failed;
}

/* ------------------------------------------------------------- xattrs */

static int is_text(const unsigned char *v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((v[i] < 0x20 && v[i] != '\t' && v[i] != '\n') || v[i] == 0x7F)
			return i == len - 1 && v[i] == 0;
	return 1;
}

static void print_value(const unsigned char *v, size_t len, int hex)
{
	size_t i;

	if (!hex && is_text(v, len)) {
		putchar('"');
		for (i = 0; i < len && v[i]; i++) {
			if (v[i] == '"' || v[i] == '\\')
				putchar('\\');
			putchar(v[i]);
		}
		putchar('"');
		return;
	}
	printf("0x");
	for (i = 0; i < len; i++)
		printf("%02x", v[i]);
}

static int dump_xattr(struct kfs_node *n, const char *name, const char *path, int hex)
{
	unsigned char *val = malloc(XATTR_VALUE_MAX_BYTES);
	kfs_api_ssize_t len;

	if (!val)
		return -ENOMEM;
	len = kfs_getxattr(n, name, val, XATTR_VALUE_MAX_BYTES);
	if (len < 0) {
		free(val);
		tool_cmd_err("getfattr", path, len);
		return len;
	}
	printf("%s=", name);
	print_value(val, len, hex);
	putchar('\n');
	free(val);
	return 0;
}

static int cmd_getfattr(struct shell *sh, int argc, char **argv)
{
	const char *only = NULL;
	int c, i, dump = 0, hex = 0, failed = 0;
	char *list = malloc(XATTR_LIST_MAX_BYTES);

	if (!list)
		return 1;
	while ((c = sh_getopt(argc, argv, "dn:e:", "getfattr")) != -1) {
		switch (c) {
		case 'd':
			dump = 1;
			break;
		case 'n':
			only = sh_optarg;
			break;
		case 'e':
			if (strcmp(sh_optarg, "hex") && strcmp(sh_optarg, "text")) {
				tool_msg("getfattr: -e takes text or hex");
				free(list);
				return 1;
			}
			hex = !strcmp(sh_optarg, "hex");
			break;
		default:
			free(list);
			return 1;
		}
	}
	if (sh_optind == argc) {
		tool_msg("getfattr: usage: getfattr [-d] [-n NAME] [-e text|hex] PATH...");
		free(list);
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_node *n;
		kfs_api_ssize_t len;
		int err = sh_walk(sh, argv[i], 1, &n);

		if (err) {
			tool_cmd_err("getfattr", argv[i], err);
			failed = 1;
			continue;
		}
		printf("# file: %s\n", argv[i]);
		if (only) {
			failed |= dump_xattr(n, only, argv[i], hex) != 0;
		} else {
			len = kfs_listxattr(n, list, XATTR_LIST_MAX_BYTES);
			if (len < 0) {
				tool_cmd_err("getfattr", argv[i], len);
				failed = 1;
			}
			for (kfs_api_ssize_t off = 0; len > 0 && off < len;
			     off += strlen(list + off) + 1) {
				if (dump)
					failed |= dump_xattr(n, list + off, argv[i], hex) != 0;
				else
					printf("%s\n", list + off);
			}
		}
		putchar('\n');
		kfs_node_put(n);
	}
	free(list);
	return failed;
}

/* A setfattr value: "text", 0xHEX, or plain text. */
static int parse_value(const char *s, unsigned char **out, size_t *len)
{
	size_t n = strlen(s), i;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if ((n - 2) % 2)
			return -EINVAL;
		*out = malloc(n / 2 + 1);
		if (!*out)
			return -ENOMEM;
		for (i = 0; i < (n - 2) / 2; i++) {
			unsigned int b;

			if (sscanf(s + 2 + 2 * i, "%2x", &b) != 1) {
				free(*out);
				return -EINVAL;
			}
			(*out)[i] = b;
		}
		*len = (n - 2) / 2;
		return 0;
	}
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	*out = malloc(n + 1);
	if (!*out)
		return -ENOMEM;
	memcpy(*out, s, n);
	*len = n;
	return 0;
}

static int cmd_setfattr(struct shell *sh, int argc, char **argv)
{
	const char *name = NULL, *value = NULL, *remove = NULL;
	unsigned char *val = NULL;
	size_t len = 0;
	int c, i, failed = 0;

	while ((c = sh_getopt(argc, argv, "n:v:x:", "setfattr")) != -1) {
		switch (c) {
		case 'n':
			name = sh_optarg;
			break;
		case 'v':
			value = sh_optarg;
			break;
		case 'x':
			remove = sh_optarg;
			break;
		default:
			return 1;
		}
	}
	if ((!name == !remove) || sh_optind == argc) {
		tool_msg("setfattr: usage: setfattr -n NAME [-v VALUE] PATH... | setfattr -x NAME PATH...");
		return 1;
	}
	if (value && parse_value(value, &val, &len)) {
		tool_msg("setfattr: invalid value '%s'", value);
		return 1;
	}
	for (i = sh_optind; i < argc; i++) {
		struct kfs_node *n;
		int err = sh_walk(sh, argv[i], 1, &n);

		if (!err) {
			if (remove)
				err = kfs_removexattr(n, remove);
			else
				err = kfs_setxattr(n, name, val ? val : (unsigned char *)"", len, 0);
			kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("setfattr", argv[i], err);
			failed = 1;
		}
	}
	free(val);
	return failed;
}

/* ------------------------------------------------------------ df, sync */

static int cmd_df(struct shell *sh, int argc, char **argv)
{
	struct kfs_statfs st;
	unsigned long long unit, total, avail, used;
	int err;

	(void)argv;
	if (argc > 1) {
		tool_msg("df: takes no operands");
		return 1;
	}
	err = kfs_statfs(sh->m, &st);
	if (err) {
		tool_cmd_err("df", NULL, err);
		return 1;
	}
	unit = st.frsize ? st.frsize : st.bsize;
	total = st.blocks * unit / 1024;
	avail = st.bavail * unit / 1024;
	used = (st.blocks - st.bfree) * unit / 1024;
	printf("%-20s %-8s %12s %12s %12s %5s %10s %10s %10s\n", "Filesystem", "Type",
	       "1K-blocks", "Used", "Available", "Use%", "Inodes", "IUsed", "IFree");
	printf("%-20s %-8s %12llu %12llu %12llu %4llu%% %10llu %10llu %10llu\n", sh->image,
	       sh->fstype, total, used, avail,
	       used + avail ? (used * 100 + used + avail - 1) / (used + avail) : 0,
	       (unsigned long long)st.files, (unsigned long long)(st.files - st.ffree),
	       (unsigned long long)st.ffree);
	return 0;
}

static int cmd_sync(struct shell *sh, int argc, char **argv)
{
	int err;

	(void)argc;
	(void)argv;
	err = kfs_sync(sh->m, 1);
	if (err) {
		tool_cmd_err("sync", NULL, err);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------- cd, pwd, help, exit */

/* Folds "." and ".." out of an absolute path, in place. */
static void normalize(char *path)
{
	char *out = path, *p = path;

	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (p[0] == '.' && (p[1] == '/' || !p[1])) {
			p++;
		} else if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2])) {
			p += 2;
			while (out > path && *--out != '/')
				;
		} else {
			*out++ = '/';
			while (*p && *p != '/')
				*out++ = *p++;
		}
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

static int cmd_cd(struct shell *sh, int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	char newpath[PATH_BUF * 2];
	struct kfs_node *n;
	struct kfs_attr a;
	int err;

	if (argc > 2) {
		tool_msg("cd: too many operands");
		return 1;
	}
	err = sh_walk(sh, path, 1, &n);
	if (!err) {
		err = kfs_getattr(n, &a);
		if (!err && !S_ISDIR(a.mode))
			err = -ENOTDIR;
		if (!err)
			err = kfs_access(n, 1);
		if (err)
			kfs_node_put(n);
	}
	if (err) {
		tool_cmd_err("cd", path, err);
		return 1;
	}
	if (path[0] == '/')
		snprintf(newpath, sizeof(newpath), "%s", path);
	else
		snprintf(newpath, sizeof(newpath), "%s/%s", sh->cwd_path, path);
	normalize(newpath);
	if (strlen(newpath) >= sizeof(sh->cwd_path)) {
		kfs_node_put(n);
		tool_cmd_err("cd", path, -ENAMETOOLONG);
		return 1;
	}
	memcpy(sh->cwd_path, newpath, strlen(newpath) + 1);
	if (sh->cwd)
		kfs_node_put(sh->cwd);
	sh->cwd = n;
	return 0;
}

static int cmd_pwd(struct shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n", sh->cwd_path);
	return 0;
}

static int cmd_help(struct shell *sh, int argc, char **argv)
{
	int i, found = 0;

	(void)sh;
	for (i = 0; sh_cmds[i].name; i++) {
		if (argc > 1 && strcmp(argv[1], sh_cmds[i].name))
			continue;
		sh_print_cmd(stdout, &sh_cmds[i]);
		found = 1;
	}
	if (!found) {
		tool_msg("help: %s: no such command", argv[1]);
		return 1;
	}
	return 0;
}

static int cmd_exit(struct shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh->quit = 1;
	return 0;
}

const struct sh_cmd sh_cmds[] = {
	{ "ls", cmd_ls, 0, "ls [-l] [-a] [-R] [-d] [PATH...]",
	  "list directories (-l long, -a dot files, -R recursive)" },
	{ "stat", cmd_stat, 0, "stat [-L] PATH...", "show every attribute (-L: follow links)" },
	{ "cat", cmd_cat, 0, "cat PATH...", "write files to standard output" },
	{ "get", sh_cmd_get, 0, "get [-x] SRC... DEST", "copy from the image to the host" },
	{ "put", sh_cmd_put, 1, "put [-x] SRC... DEST", "copy from the host into the image" },
	{ "mkdir", cmd_mkdir, 1, "mkdir [-p] [-m MODE] DIR...", "make directories" },
	{ "rm", cmd_rm, 1, "rm [-r] [-f] PATH...", "remove (-r: directories and contents)" },
	{ "rmdir", cmd_rmdir, 1, "rmdir DIR...", "remove empty directories" },
	{ "mv", cmd_mv, 1, "mv SRC... DEST", "rename, or move into directory DEST" },
	{ "ln", cmd_ln, 1, "ln [-s] TARGET [LINK]", "make a hard (or -s symbolic) link" },
	{ "chmod", cmd_chmod, 1, "chmod MODE PATH...", "change mode (octal, or u+x,go-w)" },
	{ "chown", cmd_chown, 1, "chown [-h] OWNER[:GROUP] PATH...",
	  "change owner/group (numbers or host names)" },
	{ "touch", cmd_touch, 1, "touch [-c] PATH...", "set times to now, creating files" },
	{ "truncate", cmd_truncate, 1, "truncate [-c] -s SIZE PATH...", "set file sizes" },
	{ "getfattr", cmd_getfattr, 0, "getfattr [-d] [-n NAME] [-e text|hex] PATH...",
	  "list extended attributes (-d with values)" },
	{ "setfattr", cmd_setfattr, 1, "setfattr -n NAME [-v VALUE] | -x NAME PATH...",
	  "set (or -x remove) an extended attribute" },
	{ "df", cmd_df, 0, "df", "show space and inodes used and free" },
	{ "sync", cmd_sync, 0, "sync", "write everything cached to the image" },
	{ "cd", cmd_cd, 0, "cd [DIR]", "change the working directory" },
	{ "pwd", cmd_pwd, 0, "pwd", "print the working directory" },
	{ "help", cmd_help, 0, "help [COMMAND]", "describe the commands" },
	{ "exit", cmd_exit, 0, "exit", "leave (also: quit, end of input)" },
	{ "quit", cmd_exit, 0, "quit", "leave" },
	{ NULL, NULL, 0, NULL, NULL },
};
