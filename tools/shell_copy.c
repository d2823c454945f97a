/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-shell get and put: recursive copies between the image and the host
 * that keep what `cp -a` keeps -- contents (holes stay holes), modes,
 * access and modification times, symbolic links, hard links (one inode
 * copied once, then linked), device nodes, FIFOs and sockets, owners when
 * run as root, and extended attributes with -x.
 *
 * The image may be untrusted: names read from it are checked before they
 * become host paths (no '/', no "." or ".."), nothing is created through an
 * existing host symlink (non-directories in the way are unlinked first,
 * files are opened O_EXCL|O_NOFOLLOW), and a directory met twice is copied
 * once.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "shell.h"

#define COPY_BUF	(1 << 20)
#define HOLE_BLOCK	4096
#define XATTR_LIST_BYTES	65536
#define XATTR_VALUE_BYTES	65536

/* ---------------------------------------------------- hard links and loops */

/* An open-addressing map from one inode's identity to what it became. */
struct link_ent {
	unsigned long long dev, ino;
	void *val;
	int used;
};

struct link_map {
	struct link_ent *tab;
	size_t cap, count;
};

static size_t link_slot(const struct link_map *lm, unsigned long long dev,
			unsigned long long ino)
{
	unsigned long long h = (ino * 0x9E3779B97F4A7C15ULL) ^ (dev * 0xC2B2AE3D27D4EB4FULL);
	size_t i = h & (lm->cap - 1);

	while (lm->tab[i].used && (lm->tab[i].dev != dev || lm->tab[i].ino != ino))
		i = (i + 1) & (lm->cap - 1);
	return i;
}

static void *link_find(const struct link_map *lm, unsigned long long dev, unsigned long long ino)
{
	size_t i;

	if (!lm->cap)
		return NULL;
	i = link_slot(lm, dev, ino);
	return lm->tab[i].used ? lm->tab[i].val : NULL;
}

static int link_add(struct link_map *lm, unsigned long long dev, unsigned long long ino,
		    void *val)
{
	size_t i;

	if (2 * (lm->count + 1) > lm->cap) {
		struct link_map bigger = { .cap = lm->cap ? 2 * lm->cap : 64 };

		bigger.tab = calloc(bigger.cap, sizeof(*bigger.tab));
		if (!bigger.tab)
			return -ENOMEM;
		for (i = 0; i < lm->cap; i++)
			if (lm->tab[i].used)
				bigger.tab[link_slot(&bigger, lm->tab[i].dev, lm->tab[i].ino)] =
					lm->tab[i];
		bigger.count = lm->count;
		free(lm->tab);
		*lm = bigger;
	}
	i = link_slot(lm, dev, ino);
	lm->tab[i] = (struct link_ent){ .dev = dev, .ino = ino, .val = val, .used = 1 };
	lm->count++;
	return 0;
}

static void link_free(struct link_map *lm, void (*free_val)(void *))
{
	size_t i;

	for (i = 0; i < lm->cap; i++)
		if (lm->tab[i].used && free_val)
			free_val(lm->tab[i].val);
	free(lm->tab);
	memset(lm, 0, sizeof(*lm));
}

struct copy_ctx {
	struct shell *sh;
	const char *cmd;		/* "get" or "put" */
	int xattrs;
	struct link_map links;		/* non-directories with several links */
	struct link_map dirs;		/* directories entered (get: loops in a bad image) */
	char *buf;
	char *xlist, *xval;
	int failed;
};

static int is_zero(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static int interrupted(struct copy_ctx *c, const char *path)
{
	if (!shell_interrupted)
		return 0;
	tool_cmd_err(c->cmd, path, -EINTR);
	c->failed = 1;
	return 1;
}

/* ------------------------------------------------------------------- get */

/* Makes room for a new host entry: unlink a non-directory in the way. */
static int host_clear(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (S_ISDIR(st.st_mode))
		return -EEXIST;
	if (unlink(path))
		return -errno;
	return 0;
}

static void get_xattrs(struct copy_ctx *c, struct kfs_node *n, const char *img,
		       const char *host)
{
	kfs_api_ssize_t len = kfs_listxattr(n, c->xlist, XATTR_LIST_BYTES), off;

	if (len == -EOPNOTSUPP || len == -ENOTSUP)
		return;
	if (len < 0) {
		tool_cmd_err(c->cmd, img, len);
		c->failed = 1;
		return;
	}
	for (off = 0; off < len; off += strlen(c->xlist + off) + 1) {
		const char *name = c->xlist + off;
		kfs_api_ssize_t vlen = kfs_getxattr(n, name, c->xval, XATTR_VALUE_BYTES);

		if (vlen < 0) {
			tool_msg("%s: %s: %s: %s", c->cmd, img, name, strerror(-vlen));
			c->failed = 1;
		} else if (lsetxattr(host, name, c->xval, vlen, 0)) {
			tool_msg("%s: %s: %s: %s", c->cmd, host, name, strerror(errno));
			c->failed = 1;
		}
	}
}

/* Owner (as root), mode and times of the host copy, in an order that keeps setuid bits. */
static void get_meta(struct copy_ctx *c, struct kfs_node *n, const struct kfs_attr *a,
		     const char *img, const char *host)
{
	struct timespec ts[2] = {
		{ .tv_sec = a->atime_sec, .tv_nsec = a->atime_nsec },
		{ .tv_sec = a->mtime_sec, .tv_nsec = a->mtime_nsec },
	};
	int is_link = S_ISLNK(a->mode);

	if (c->xattrs)
		get_xattrs(c, n, img, host);
	if (c->sh->is_root && lchown(host, a->uid, a->gid)) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
	}
	if (!is_link && chmod(host, a->mode & 07777)) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
	}
	if (utimensat(AT_FDCWD, host, ts, AT_SYMLINK_NOFOLLOW)) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
	}
}

static int get_data(struct copy_ctx *c, struct kfs_node *n, const char *img, const char *host)
{
	struct kfs_file *f;
	long long off = 0;
	int fd, err;

	err = kfs_open(n, O_RDONLY, &f);
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		return err;
	}
	fd = open(host, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = -errno;
		tool_cmd_err(c->cmd, host, err);
		kfs_release(f);
		return err;
	}
	for (;;) {
		kfs_api_ssize_t r = kfs_read(f, c->buf, COPY_BUF, off), done;

		if (r < 0) {
			tool_cmd_err(c->cmd, img, r);
			err = r;
			break;
		}
		if (r == 0)
			break;
		/* Blocks of zeros become holes, as in cp --sparse=auto. */
		for (done = 0; done < r; ) {
			size_t len = r - done < HOLE_BLOCK ? r - done : HOLE_BLOCK;
			ssize_t w;

			if (is_zero(c->buf + done, len)) {
				done += len;
				continue;
			}
			w = pwrite(fd, c->buf + done, len, off + done);
			if (w <= 0) {
				err = w < 0 ? -errno : -EIO;
				break;
			}
			done += w;
		}
		if (err) {
			tool_cmd_err(c->cmd, host, err);
			break;
		}
		off += r;
		sh_progress_add(c->sh, r, 0);
		if (interrupted(c, img)) {
			err = -EINTR;
			break;
		}
	}
	kfs_release(f);
	if (!err && ftruncate(fd, off)) {
		err = -errno;
		tool_cmd_err(c->cmd, host, err);
	}
	if (close(fd) && !err) {
		err = -errno;
		tool_cmd_err(c->cmd, host, err);
	}
	return err;
}

static int valid_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

static void get_node(struct copy_ctx *c, struct kfs_node *n, const struct kfs_attr *a,
		     const char *img, const char *host);

static void get_dir(struct copy_ctx *c, struct kfs_node *n, const struct kfs_attr *a,
		    const char *img, const char *host)
{
	struct tool_dirent *ents;
	size_t count, i;
	struct stat st;
	int err;

	if (link_find(&c->dirs, 0, a->ino)) {
		tool_msg("%s: %s: directory already copied (a loop in the image?), skipped",
			 c->cmd, img);
		c->failed = 1;
		return;
	}
	if (link_add(&c->dirs, 0, a->ino, (void *)1)) {
		tool_cmd_err(c->cmd, img, -ENOMEM);
		c->failed = 1;
		return;
	}
	if (lstat(host, &st) == 0 && !S_ISDIR(st.st_mode) && unlink(host)) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
		return;
	}
	if (mkdir(host, 0700) && errno != EEXIST) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
		return;
	}
	err = tool_readdir(n, 0, &ents, &count);
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		c->failed = 1;
		return;
	}
	for (i = 0; i < count && !interrupted(c, img); i++) {
		char cimg[8192], chost[8192];
		struct kfs_node *child;
		struct kfs_attr ca;

		sh_join(cimg, sizeof(cimg), img, ents[i].name);
		if (!valid_name(ents[i].name)) {
			tool_msg("%s: %s: unsafe name in directory, skipped", c->cmd, cimg);
			c->failed = 1;
			continue;
		}
		if ((size_t)snprintf(chost, sizeof(chost), "%s/%s", host, ents[i].name) >=
		    sizeof(chost)) {
			tool_cmd_err(c->cmd, cimg, -ENAMETOOLONG);
			c->failed = 1;
			continue;
		}
		err = kfs_lookup(n, ents[i].name, &child);
		if (!err) {
			err = kfs_getattr(child, &ca);
			if (!err)
				get_node(c, child, &ca, cimg, chost);
			kfs_node_put(child);
		}
		if (err) {
			tool_cmd_err(c->cmd, cimg, err);
			c->failed = 1;
		}
	}
	tool_free_dirents(ents, count);
	get_meta(c, n, a, img, host);
}

static void get_node(struct copy_ctx *c, struct kfs_node *n, const struct kfs_attr *a,
		     const char *img, const char *host)
{
	const char *first;
	char *target;
	kfs_api_ssize_t len;
	int err;

	if (S_ISDIR(a->mode)) {
		get_dir(c, n, a, img, host);
		return;
	}
	err = host_clear(host);
	if (err) {
		tool_cmd_err(c->cmd, host, err);
		c->failed = 1;
		return;
	}
	first = a->nlink > 1 ? link_find(&c->links, 1, a->ino) : NULL;
	if (first) {
		if (link(first, host)) {
			tool_cmd_err(c->cmd, host, -errno);
			c->failed = 1;
		}
		return;
	}
	switch (a->mode & S_IFMT) {
	case S_IFREG:
		err = get_data(c, n, img, host);
		sh_progress_add(c->sh, 0, 1);
		if (err) {
			c->failed = 1;
			return;
		}
		break;
	case S_IFLNK:
		target = c->buf;
		len = kfs_readlink(n, target, COPY_BUF - 1);
		if (len < 0) {
			tool_cmd_err(c->cmd, img, len);
			c->failed = 1;
			return;
		}
		target[len] = '\0';
		if (symlink(target, host)) {
			tool_cmd_err(c->cmd, host, -errno);
			c->failed = 1;
			return;
		}
		break;
	default:
		if (mknod(host, a->mode & (S_IFMT | 07777), a->rdev)) {
			tool_cmd_err(c->cmd, host, -errno);
			c->failed = 1;
			return;
		}
		break;
	}
	get_meta(c, n, a, img, host);
	if (a->nlink > 1) {
		char *copy = strdup(host);

		if (!copy || link_add(&c->links, 1, a->ino, copy)) {
			free(copy);
			tool_cmd_err(c->cmd, img, -ENOMEM);
			c->failed = 1;
		}
	}
}

static int copy_ctx_init(struct copy_ctx *c, struct shell *sh, const char *cmd)
{
	memset(c, 0, sizeof(*c));
	c->sh = sh;
	c->cmd = cmd;
	c->buf = malloc(COPY_BUF);
	c->xlist = malloc(XATTR_LIST_BYTES);
	c->xval = malloc(XATTR_VALUE_BYTES);
	if (!c->buf || !c->xlist || !c->xval) {
		free(c->buf);
		free(c->xlist);
		free(c->xval);
		tool_cmd_err(cmd, NULL, -ENOMEM);
		return -ENOMEM;
	}
	return 0;
}

static void copy_ctx_free(struct copy_ctx *c, void (*free_link)(void *))
{
	link_free(&c->links, free_link);
	link_free(&c->dirs, NULL);
	free(c->buf);
	free(c->xlist);
	free(c->xval);
}

static int parse_copy_opts(struct copy_ctx *c, int argc, char **argv)
{
	int opt;

	while ((opt = sh_getopt(argc, argv, "x", c->cmd)) != -1) {
		if (opt != 'x')
			return -EINVAL;
		c->xattrs = 1;
	}
	if (argc - sh_optind < 2) {
		tool_msg("%s: missing operand (usage: %s [-x] SRC... DEST)", c->cmd, c->cmd);
		return -EINVAL;
	}
	return 0;
}

int sh_cmd_get(struct shell *sh, int argc, char **argv)
{
	const char *dest = argv[argc - 1];
	struct copy_ctx c;
	struct stat st;
	int i, dest_is_dir, nsrc;

	if (copy_ctx_init(&c, sh, "get"))
		return 1;
	if (parse_copy_opts(&c, argc, argv)) {
		copy_ctx_free(&c, free);
		return 1;
	}
	nsrc = argc - 1 - sh_optind;
	dest_is_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
	if (nsrc > 1 && !dest_is_dir) {
		tool_cmd_err("get", dest, -ENOTDIR);
		copy_ctx_free(&c, free);
		return 1;
	}
	sh_progress_start(sh, "get");
	for (i = sh_optind; i < argc - 1 && !shell_interrupted; i++) {
		char base[256], host[8192];
		struct kfs_node *n;
		struct kfs_attr a;
		int err;

		err = sh_walk(sh, argv[i], 0, &n);
		if (!err) {
			err = kfs_getattr(n, &a);
			if (err)
				kfs_node_put(n);
		}
		if (err) {
			tool_cmd_err("get", argv[i], err);
			c.failed = 1;
			continue;
		}
		sh_basename(argv[i], base, sizeof(base));
		if (dest_is_dir && valid_name(base))
			snprintf(host, sizeof(host), "%s/%s", dest, base);
		else
			snprintf(host, sizeof(host), "%s", dest);
		get_node(&c, n, &a, argv[i], host);
		kfs_node_put(n);
	}
	sh_progress_end(sh);
	copy_ctx_free(&c, free);
	return c.failed;
}

/* ------------------------------------------------------------------- put */

static void put_xattrs(struct copy_ctx *c, struct kfs_node *n, const char *host,
		       const char *img)
{
	ssize_t len = llistxattr(host, c->xlist, XATTR_LIST_BYTES), off;

	if (len < 0 && (errno == ENOTSUP || errno == ENOSYS))
		return;
	if (len < 0) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
		return;
	}
	for (off = 0; off < len; off += strlen(c->xlist + off) + 1) {
		const char *name = c->xlist + off;
		ssize_t vlen = lgetxattr(host, name, c->xval, XATTR_VALUE_BYTES);
		int err;

		if (vlen < 0) {
			tool_msg("%s: %s: %s: %s", c->cmd, host, name, strerror(errno));
			c->failed = 1;
			continue;
		}
		err = kfs_setxattr(n, name, c->xval, vlen, 0);
		if (err) {
			tool_msg("%s: %s: %s: %s", c->cmd, img, name, strerror(-err));
			c->failed = 1;
		}
	}
}

/*
 * Owner first (as root; a chown clears setuid bits), then mode and times:
 * the times last, after everything that changes them.
 */
static void put_meta(struct copy_ctx *c, struct kfs_node *n, const struct stat *st,
		     const char *host, const char *img)
{
	struct kfs_setattr own = {
		.valid = KFS_SET_UID | KFS_SET_GID, .uid = st->st_uid, .gid = st->st_gid,
	};
	struct kfs_setattr sa = {
		.valid = KFS_SET_ATIME | KFS_SET_MTIME,
		.atime_sec = st->st_atim.tv_sec, .atime_nsec = st->st_atim.tv_nsec,
		.mtime_sec = st->st_mtim.tv_sec, .mtime_nsec = st->st_mtim.tv_nsec,
	};
	int err;

	if (c->xattrs)
		put_xattrs(c, n, host, img);
	if (c->sh->is_root) {
		err = kfs_setattr(n, NULL, &own, NULL);
		if (err) {
			tool_cmd_err(c->cmd, img, err);
			c->failed = 1;
		}
	}
	if (!S_ISLNK(st->st_mode)) {
		sa.valid |= KFS_SET_MODE;
		sa.mode = st->st_mode & 07777;
	}
	err = kfs_setattr(n, NULL, &sa, NULL);
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		c->failed = 1;
	}
}

/* Makes room for a new image entry: unlink a non-directory in the way. */
static int image_clear(struct kfs_node *dir, const char *name)
{
	struct kfs_node *old;
	struct kfs_attr a;
	int err = kfs_lookup(dir, name, &old);

	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	err = kfs_getattr(old, &a);
	kfs_node_put(old);
	if (err)
		return err;
	if (S_ISDIR(a.mode))
		return -EEXIST;
	return kfs_unlink(dir, name);
}

static int put_data(struct copy_ctx *c, struct kfs_node *dir, const char *name,
		    const char *host, const char *img, struct kfs_node **out)
{
	long long off = 0, end = 0;
	struct kfs_file *f;
	int fd, err;

	fd = open(host, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		tool_cmd_err(c->cmd, host, err);
		return err;
	}
	err = kfs_create(dir, name, 0600, O_WRONLY | O_CREAT | O_EXCL, out, &f);
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		close(fd);
		return err;
	}
	for (;;) {
		ssize_t r = read(fd, c->buf, COPY_BUF), done;

		if (r < 0 && errno == EINTR && !shell_interrupted)
			continue;
		if (r < 0) {
			err = -errno;
			tool_cmd_err(c->cmd, host, err);
			break;
		}
		if (r == 0)
			break;
		for (done = 0; done < r; ) {
			size_t len = r - done < HOLE_BLOCK ? r - done : HOLE_BLOCK;
			kfs_api_ssize_t w;

			if (is_zero(c->buf + done, len)) {
				done += len;
				continue;
			}
			w = kfs_write(f, c->buf + done, len, off + done);
			if (w <= 0) {
				err = w < 0 ? w : -EIO;
				break;
			}
			done += w;
			end = off + done;
		}
		if (err) {
			tool_cmd_err(c->cmd, img, err);
			break;
		}
		off += r;
		sh_progress_add(c->sh, r, 0);
		if (interrupted(c, host)) {
			err = -EINTR;
			break;
		}
	}
	/* Trailing zeros were skipped: the size says where the file ends. */
	if (!err && end < off) {
		struct kfs_setattr sa = { .valid = KFS_SET_SIZE, .size = off };

		err = kfs_setattr(*out, f, &sa, NULL);
		if (err)
			tool_cmd_err(c->cmd, img, err);
	}
	close(fd);
	kfs_release(f);
	if (err)
		kfs_node_put(*out);
	return err;
}

static void put_node(struct copy_ctx *c, const char *host, const struct stat *st,
		     struct kfs_node *dir, const char *name, const char *img);

static void put_dir(struct copy_ctx *c, const char *host, const struct stat *st,
		    struct kfs_node *dir, const char *name, const char *img)
{
	struct kfs_node *n;
	struct kfs_attr a;
	struct dirent *de;
	DIR *d;
	int err;

	err = kfs_lookup(dir, name, &n);
	if (!err) {
		err = kfs_getattr(n, &a);
		if (!err && !S_ISDIR(a.mode))
			err = -EEXIST;
		if (err)
			kfs_node_put(n);
	} else if (err == -ENOENT) {
		err = kfs_mkdir(dir, name, 0700, &n);
	}
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		c->failed = 1;
		return;
	}
	d = opendir(host);
	if (!d) {
		tool_cmd_err(c->cmd, host, -errno);
		c->failed = 1;
		kfs_node_put(n);
		return;
	}
	while (!interrupted(c, host)) {
		char chost[8192], cimg[8192];
		struct stat cst;

		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno) {
				tool_cmd_err(c->cmd, host, -errno);
				c->failed = 1;
			}
			break;
		}
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(chost, sizeof(chost), "%s/%s", host, de->d_name);
		sh_join(cimg, sizeof(cimg), img, de->d_name);
		if (lstat(chost, &cst)) {
			tool_cmd_err(c->cmd, chost, -errno);
			c->failed = 1;
			continue;
		}
		put_node(c, chost, &cst, n, de->d_name, cimg);
	}
	closedir(d);
	put_meta(c, n, st, host, img);
	kfs_node_put(n);
}

static void put_node(struct copy_ctx *c, const char *host, const struct stat *st,
		     struct kfs_node *dir, const char *name, const char *img)
{
	struct kfs_node *n, *first;
	int err;

	if (S_ISDIR(st->st_mode)) {
		put_dir(c, host, st, dir, name, img);
		return;
	}
	err = image_clear(dir, name);
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		c->failed = 1;
		return;
	}
	first = st->st_nlink > 1 ? link_find(&c->links, st->st_dev, st->st_ino) : NULL;
	if (first) {
		err = kfs_link(first, dir, name, &n);
		if (err) {
			tool_cmd_err(c->cmd, img, err);
			c->failed = 1;
		} else {
			kfs_node_put(n);
		}
		return;
	}
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		err = put_data(c, dir, name, host, img, &n);
		sh_progress_add(c->sh, 0, 1);
		if (err) {
			c->failed = 1;
			return;
		}
		break;
	case S_IFLNK: {
		ssize_t len = readlink(host, c->buf, COPY_BUF - 1);

		if (len < 0) {
			tool_cmd_err(c->cmd, host, -errno);
			c->failed = 1;
			return;
		}
		c->buf[len] = '\0';
		err = kfs_symlink(dir, name, c->buf, &n);
		break;
	}
	default:
		err = kfs_mknod(dir, name, st->st_mode & (S_IFMT | 07777), st->st_rdev, &n);
		break;
	}
	if (err) {
		tool_cmd_err(c->cmd, img, err);
		c->failed = 1;
		return;
	}
	put_meta(c, n, st, host, img);
	if (st->st_nlink > 1 && !link_add(&c->links, st->st_dev, st->st_ino, n))
		return;		/* the map keeps the reference */
	kfs_node_put(n);
}

static void put_link_ref(void *node)
{
	kfs_node_put(node);
}

int sh_cmd_put(struct shell *sh, int argc, char **argv)
{
	const char *dest = argv[argc - 1];
	struct copy_ctx c;
	int i, dest_is_dir, nsrc;

	if (copy_ctx_init(&c, sh, "put"))
		return 1;
	if (parse_copy_opts(&c, argc, argv)) {
		copy_ctx_free(&c, put_link_ref);
		return 1;
	}
	nsrc = argc - 1 - sh_optind;
	dest_is_dir = sh_is_dir(sh, dest);
	if (nsrc > 1 && !dest_is_dir) {
		tool_cmd_err("put", dest, -ENOTDIR);
		copy_ctx_free(&c, put_link_ref);
		return 1;
	}
	sh_progress_start(sh, "put");
	for (i = sh_optind; i < argc - 1 && !shell_interrupted; i++) {
		char base[256], img[8192], name[256];
		struct kfs_node *dir;
		struct stat st;
		int err;

		if (lstat(argv[i], &st)) {
			tool_cmd_err("put", argv[i], -errno);
			c.failed = 1;
			continue;
		}
		sh_basename(argv[i], base, sizeof(base));
		if (dest_is_dir && valid_name(base))
			sh_join(img, sizeof(img), dest, base);
		else
			snprintf(img, sizeof(img), "%s", dest);
		err = sh_parent(sh, img, &dir, name);
		if (!err && sh_name_ok(name)) {
			kfs_node_put(dir);
			err = -EEXIST;
		}
		if (err) {
			tool_cmd_err("put", img, err);
			c.failed = 1;
			continue;
		}
		put_node(&c, argv[i], &st, dir, name, img);
		kfs_node_put(dir);
	}
	sh_progress_end(sh);
	copy_ctx_free(&c, put_link_ref);
	return c.failed;
}
