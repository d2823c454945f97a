/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by kfs-shell and kfs-check: kernel-world start-up on the calling
 * thread, mounting an image, messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kfs_opts.h"
#include "kfs_parts.h"
#include "kfs_probe.h"
#include "kfs_tool.h"
#include "kfs_version.h"

const char *tool_name = "kfs";

/*
 * Messages name paths read from the image, which may be hostile: control
 * characters are shown as '?', so none reaches the terminal as an escape.
 */
void tool_msg(const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7F)
			buf[i] = '?';
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", tool_name, buf);
}

void tool_err(const char *what, int err)
{
	if (what)
		tool_msg("%s: %s", what, strerror(-err));
	else
		tool_msg("%s", strerror(-err));
}

void tool_cmd_err(const char *cmd, const char *path, int err)
{
	if (path)
		tool_msg("%s: %s: %s", cmd, path, strerror(-err));
	else
		tool_msg("%s: %s", cmd, strerror(-err));
}

/*
 * The API runs every call with the credentials of the adopted thread: give
 * it ours, so that files are created with our owner, our umask applies and
 * permission checks are the ones the kernel would make for us.
 */
int tool_start(const char *thread_name)
{
	struct kfs_cred cred = { 0 };
	kfs_api_u32 *groups = NULL;
	gid_t *gids = NULL;
	mode_t mask;
	int n, i, err;

	kfs_thread_adopt(thread_name);
	err = kfs_init();
	if (err < 0) {
		tool_err("starting the kernel code", err);
		return err;
	}
	n = getgroups(0, NULL);
	if (n > 0) {
		gids = calloc(n, sizeof(*gids));
		groups = calloc(n, sizeof(*groups));
		if (!gids || !groups) {
			free(gids);
			free(groups);
			return -ENOMEM;
		}
		n = getgroups(n, gids);
		for (i = 0; i < n; i++)
			groups[i] = gids[i];
	}
	mask = umask(0);
	umask(mask);
	cred.uid = geteuid();
	cred.gid = getegid();
	cred.umask = mask;
	cred.ngroups = n > 0 ? n : 0;
	cred.groups = groups;
	cred.root_caps = cred.uid == 0;
	kfs_set_cred(&cred);
	free(gids);
	free(groups);
	return 0;
}

int tool_have_fstype(const char *name)
{
	const char *t;
	int i;

	for (i = 0; (t = kfs_fstype_name(i)); i++)
		if (!strcmp(t, name))
			return 1;
	return 0;
}

void tool_fstype_list(char *buf, size_t size)
{
	const char *t;
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; (t = kfs_fstype_name(i)) && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? " " : "", t);
}

/* Where the filesystem starts and how long it is: offset=/size=, or part=N. */
static int locate(const struct tool_mount_req *req, int fd, const struct kfs_mount_opts *mo,
		  long long *offset, long long *size)
{
	struct kfs_part part;
	int err;

	*offset = mo->offset < 0 ? 0 : mo->offset;
	*size = mo->size < 0 ? 0 : mo->size;
	if (!mo->part)
		return 0;
	if (mo->offset >= 0) {
		tool_msg("-o part= and offset= exclude each other");
		return -EINVAL;
	}
	err = kfs_parts_find(fd, mo->part, &part);
	if (err == -ENOENT) {
		tool_msg("%s: no partition %d", req->image, mo->part);
		return err;
	}
	if (err) {
		tool_msg("%s: reading the partition table: %s", req->image, strerror(-err));
		return err;
	}
	*offset = part.start;
	if (!*size || *size > part.size)
		*size = part.size;
	return 0;
}

/* The -t type, or the one the image's magic names; prints why not. */
static const char *choose_fstype(const struct tool_mount_req *req, int fd, long long offset)
{
	const char *types[KFS_PROBE_MAX];
	char list[256];
	int n;

	tool_fstype_list(list, sizeof(list));
	if (req->fstype) {
		if (tool_have_fstype(req->fstype))
			return req->fstype;
		tool_msg("-t %s: unknown filesystem type (built in: %s)", req->fstype, list);
		return NULL;
	}
	n = kfs_probe_fd(fd, offset, types, KFS_PROBE_MAX);
	if (n < 0) {
		tool_msg("%s: %s", req->image, strerror(-n));
		return NULL;
	}
	if (n == 0) {
		tool_msg("%s: no filesystem recognised (give -t TYPE; built in: %s)",
			 req->image, list);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		if (tool_have_fstype(types[i]))
			return types[i];
	tool_msg("%s: looks like %s, which this kfs does not include (built in: %s)",
		 req->image, types[0], list);
	return NULL;
}

int tool_mount(const struct tool_mount_req *req, struct tool_mounted *out)
{
	struct kfs_mount_params p = { 0 };
	struct kfs_mount_opts mo;
	struct stat st;
	char err[256];
	int fd, r;

	memset(out, 0, sizeof(*out));
	if (kfs_opts_parse(req->options, &mo, NULL, NULL, err, sizeof(err))) {
		tool_msg("-o: %s", err);
		return TOOL_EXIT_USAGE;
	}
	if (req->never_write && mo.rdonly == 0) {
		tool_msg("-o rw: %s never writes to the image", tool_name);
		kfs_opts_free(&mo);
		return TOOL_EXIT_USAGE;
	}
	out->writable = mo.rdonly < 0 ? req->writable : !mo.rdonly;
	fd = open(req->image, (out->writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		tool_err(req->image, -errno);
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		tool_msg("%s: not an image file or block device", req->image);
		goto fail;
	}
	if (locate(req, fd, &mo, &out->offset, &out->size))
		goto fail;
	out->fstype = choose_fstype(req, fd, out->offset);
	if (!out->fstype)
		goto fail;
	close(fd);
	fd = -1;

	p.fstype = out->fstype;
	p.source = req->image;
	p.data = mo.fsdata[0] ? mo.fsdata : NULL;
	p.flags = out->writable ? 0 : KFS_MOUNT_RDONLY;
	p.cache_limit = mo.cache;
	p.offset = out->offset;
	p.size = out->size;
	r = kfs_mount(&p, &out->m);
	if (r < 0) {
		if (req->before_mount_error)
			req->before_mount_error(req->ctx);
		tool_msg("%s: cannot mount as %s: %s", req->image, out->fstype, strerror(-r));
		goto fail;
	}
	kfs_opts_free(&mo);
	return TOOL_EXIT_OK;
fail:
	if (fd >= 0)
		close(fd);
	kfs_opts_free(&mo);
	out->m = NULL;
	return TOOL_EXIT_USAGE;
}

struct tool_dir_collect {
	struct tool_dirent *ents;
	size_t count, cap;
	int with_dots;
	int err;
};

static int tool_collect_entry(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
			 unsigned int dtype, kfs_api_s64 next)
{
	struct tool_dir_collect *c = ctx;

	(void)next;
	if (!c->with_dots && ((namelen == 1 && name[0] == '.') ||
			      (namelen == 2 && name[0] == '.' && name[1] == '.')))
		return 0;
	if (c->count == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct tool_dirent *e = realloc(c->ents, cap * sizeof(*e));

		if (!e) {
			c->err = -ENOMEM;
			return 1;
		}
		c->ents = e;
		c->cap = cap;
	}
	c->ents[c->count].name = strndup(name, namelen);
	if (!c->ents[c->count].name) {
		c->err = -ENOMEM;
		return 1;
	}
	c->ents[c->count].ino = ino;
	c->ents[c->count].dtype = dtype;
	c->count++;
	return 0;
}

static int tool_cmp_dirent(const void *a, const void *b)
{
	return strcmp(((const struct tool_dirent *)a)->name, ((const struct tool_dirent *)b)->name);
}

int tool_readdir(struct kfs_node *dir, int with_dots, struct tool_dirent **ents, size_t *count)
{
	struct tool_dir_collect c = { .with_dots = with_dots };
	struct kfs_file *f;
	int err;

	err = kfs_open(dir, O_RDONLY | O_DIRECTORY, &f);
	if (err)
		return err;
	err = kfs_readdir(f, 0, tool_collect_entry, &c);
	kfs_release(f);
	if (!err)
		err = c.err;
	if (err) {
		tool_free_dirents(c.ents, c.count);
		return err;
	}
	if (c.count)
		qsort(c.ents, c.count, sizeof(*c.ents), tool_cmp_dirent);
	*ents = c.ents;
	*count = c.count;
	return 0;
}

void tool_free_dirents(struct tool_dirent *ents, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(ents[i].name);
	free(ents);
}

char tool_type_char(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return 'd';
	case S_IFLNK:
		return 'l';
	case S_IFCHR:
		return 'c';
	case S_IFBLK:
		return 'b';
	case S_IFIFO:
		return 'p';
	case S_IFSOCK:
		return 's';
	case S_IFREG:
		return '-';
	}
	return '?';
}

const char *tool_type_name(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symbolic link";
	case S_IFCHR:
		return "character special file";
	case S_IFBLK:
		return "block special file";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	case S_IFREG:
		return "regular file";
	}
	return "unknown type";
}

void tool_mode_string(unsigned int mode, char *buf)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	buf[0] = tool_type_char(mode);
	for (i = 0; i < 9; i++)
		buf[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		buf[3] = mode & S_IXUSR ? 's' : 'S';
	if (mode & S_ISGID)
		buf[6] = mode & S_IXGRP ? 's' : 'S';
	if (mode & S_ISVTX)
		buf[9] = mode & S_IXOTH ? 't' : 'T';
	buf[10] = '\0';
}

void tool_print_version(FILE *f)
{
	char list[256];

	tool_fstype_list(list, sizeof(list));
	fprintf(f, "%s %s (kfs), filesystems from Linux %s: %s\n", tool_name, KFS_VERSION,
		KFS_KERNEL_VERSION, list);
}
