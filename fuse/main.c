/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs and kfs-TYPE: the command line, the checks that need no kernel code,
 * and the fork.  Everything that may start a thread (kfs_init, the mount,
 * libfuse's session) runs in the child, after the fork; the parent waits on a
 * pipe for "serving" or for the child's end.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kfs_fuse.h"
#include "kfs_parts.h"
#include "kfs_probe.h"
#include "kfs_version.h"

static int list_types(void)
{
	const char *t;
	int err;

	kfs_thread_adopt("kfs");	/* before any kernel code (initcalls) */
	err = kfs_init();
	if (err) {
		kfs_err("starting the kernel side failed: %s", strerror(-err));
		return 1;
	}
	for (int i = 0; (t = kfs_fstype_name(i)); i++)
		printf("%s\n", t);
	kfs_exit();
	return 0;
}

static int version(void)
{
	printf("kfs %s\nLinux %s filesystems\nlibfuse %s\n", KFS_VERSION, KFS_KERNEL_VERSION,
	       fuse_pkgversion());
	return 0;
}

/* Unescapes the \040-style octal escapes of /proc/self/mountinfo. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Whether path is already a mount point (something would be covered). */
static bool is_mount_point(const char *path)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[8192];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok = strtok_r(line, " ", &save);

		for (int i = 0; tok && i < 4; i++)
			tok = strtok_r(NULL, " ", &save);
		if (!tok)
			continue;
		unescape(tok);
		found = !strcmp(tok, path);
	}
	fclose(f);
	return found;
}

/* Checks the mount point; one line and false when it cannot be used. */
static bool check_mountpoint(struct kfs_opts *o)
{
	struct stat st;

	if (stat(o->mountpoint, &st)) {
		kfs_err("%s: %s", o->mountpoint, strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		kfs_err("%s: not a directory", o->mountpoint);
		return false;
	}
	o->mnt_abs = realpath(o->mountpoint, NULL);
	if (!o->mnt_abs) {
		kfs_err("%s: %s", o->mountpoint, strerror(errno));
		return false;
	}
	if (is_mount_point(o->mnt_abs)) {
		kfs_err("%s: busy: already a mount point", o->mountpoint);
		return false;
	}
	return true;
}

/* Opens the image, applies part=/offset=, probes.  One line on failure. */
static bool check_image(struct kfs_opts *o)
{
	static struct kfs_part parts[KFS_PARTS_MAX];
	struct kfs_part part;
	struct stat st;
	int fd, n, kind;

	fd = open(o->image, (o->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0 && !o->readonly && (errno == EACCES || errno == EROFS)) {
		kfs_err("%s: %s (mount it with -o ro)", o->image, strerror(errno));
		return false;
	}
	if (fd < 0) {
		kfs_err("%s: %s", o->image, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
		kfs_err("%s: not a regular file or block device", o->image);
		goto bad;
	}
	if (o->part && o->offset >= 0) {
		kfs_err("options 'part' and 'offset' exclude each other");
		goto bad;
	}
	if (o->part) {
		n = kfs_parts_find(fd, o->part, &part);
		if (n == -ENOENT) {
			kfs_err("%s: no partition %d (see %s --list-parts %s)", o->image, o->part,
				kfs_progname, o->image);
			goto bad;
		}
		if (n < 0) {
			kfs_err("%s: reading the partition table: %s", o->image, strerror(-n));
			goto bad;
		}
		o->offset = part.start;
		if (o->size <= 0 || o->size > part.size)
			o->size = part.size;
	}
	n = kfs_probe_fd(fd, o->offset > 0 ? o->offset : 0, o->probed, 4);
	o->nprobed = n > 0 ? n : 0;
	if (!o->nprobed && !o->fstype && !o->part && o->offset < 0 &&
	    kfs_parts_read(fd, parts, KFS_PARTS_MAX, &kind) >= 0 && kind != KFS_PARTS_NONE) {
		kfs_err("%s: holds a partition table; choose a partition with -o part=N (see %s --list-parts %s)",
			o->image, kfs_progname, o->image);
		goto bad;
	}
	close(fd);
	o->image_abs = realpath(o->image, NULL);
	if (!o->image_abs) {
		kfs_err("%s: %s", o->image, strerror(errno));
		return false;
	}
	return true;
bad:
	close(fd);
	return false;
}

/* Who a root daemon becomes in the sandbox; one line and false on error. */
static bool check_sandbox_user(struct kfs_opts *o)
{
	const char *name = o->user ? o->user : "nobody";
	struct passwd *pw;

	if (o->nosandbox) {
		if (o->user) {
			kfs_err("option 'user=%s' needs the sandbox (drop 'nosandbox')", o->user);
			return false;
		}
		kfs_err("warning: -o nosandbox: the daemon serves unconfined, %s",
			geteuid() == 0 ? "as root with every system call" : "with every system call");
		return true;
	}
	if (!kfs_sandbox_possible())
		return true;
	if (geteuid() != 0) {
		if (o->user) {
			kfs_err("option 'user=%s': only a daemon started as root changes user",
				o->user);
			return false;
		}
		return true;
	}
	errno = 0;
	pw = getpwnam(name);
	if (!pw) {
		kfs_err("option 'user=%s': %s", name, errno ? strerror(errno) : "no such user");
		return false;
	}
	if (pw->pw_uid == 0) {
		kfs_err("option 'user=%s': the sandbox needs a user other than root", name);
		return false;
	}
	o->run_uid = pw->pw_uid;
	o->run_gid = pw->pw_gid;
	return true;
}

/*
 * A user's allow_other or allow_root needs user_allow_other in fuse.conf;
 * said here in one line, before fusermount3 says it in its own words.
 */
static bool check_user_mount_opts(const struct kfs_opts *o)
{
	const char *opts = o->fuse_mount_opts, *bad = NULL;
	char line[256];
	bool allowed = false;
	FILE *f;

	if (geteuid() == 0 || !opts)
		return true;
	for (const char *p = opts; *p; p += strcspn(p, ","), p += *p == ',') {
		size_t n = strcspn(p, ",");

		if ((n == 11 && !strncmp(p, "allow_other", 11)) ||
		    (n == 10 && !strncmp(p, "allow_root", 10)))
			bad = !strncmp(p, "allow_other", 11) ? "allow_other" : "allow_root";
	}
	if (!bad)
		return true;
	f = fopen("/etc/fuse.conf", "re");
	while (f && !allowed && fgets(line, sizeof(line), f))
		allowed = !strncmp(line, "user_allow_other", 16) &&
			  (line[16] == '\n' || line[16] == ' ' || line[16] == '\t' || !line[16]);
	if (f)
		fclose(f);
	if (!allowed)
		kfs_err("option '%s': only root may use it unless /etc/fuse.conf has user_allow_other",
			bad);
	return allowed;
}

static int list_parts(const char *image)
{
	int fd = open(image, O_RDONLY | O_CLOEXEC), n;

	if (fd < 0) {
		kfs_err("%s: %s", image, strerror(errno));
		return 1;
	}
	printf("%s: ", image);
	n = kfs_parts_print(stdout, fd);
	close(fd);
	if (n < 0) {
		fflush(stdout);
		kfs_err("%s: %s", image, strerror(-n));
		return 1;
	}
	return 0;
}

/* The parent's side of the fork: wait for "serving" or the child's end. */
static int wait_ready(pid_t child, int rfd)
{
	char buf[64];
	size_t got = 0;
	ssize_t n;
	int st;

	while (got < sizeof(buf) - 1) {
		n = read(rfd, buf + got, sizeof(buf) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	if (!strncmp(buf, "serving\n", 8))
		return 0;
	/* The child printed why, unless it died without a word. */
	while (waitpid(child, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(st))
		kfs_err("the daemon died (%s) before serving", strsignal(WTERMSIG(st)));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		kfs_err("the daemon exited before serving");
	return 1;
}

static void opts_free(struct kfs_opts *o)
{
	free(o->image_abs);
	free(o->mnt_abs);
	free(o->fsname);
	free(o->subtype);
	free(o->fs_data);
	free(o->fuse_mount_opts);
	free(o->user);
}

static int mount_and_serve(struct kfs_opts *o)
{
	int ret;

	int pfd[2];
	pid_t pid;

	if (o->foreground)
		return kfs_serve(o, -1);	/* opts_free by the caller */
	if (pipe2(pfd, O_CLOEXEC)) {
		kfs_err("pipe: %s", strerror(errno));
		return 1;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		kfs_err("fork: %s", strerror(errno));
		return 1;
	}
	if (pid > 0) {
		close(pfd[1]);
		return wait_ready(pid, pfd[0]);
	}
	close(pfd[0]);
	setsid();
	/* Paths are absolute by now: keep no directory busy. */
	(void)!chdir("/");
	ret = kfs_serve(o, pfd[1]);
	opts_free(o);
	/*
	 * A sandboxed process may not run LeakSanitizer's exit-time check
	 * (ptrace): the in-process leak report (kfs_serve) has run instead.
	 */
	if (kfs_sandboxed()) {
		fflush(NULL);
		_exit(ret);
	}
	exit(ret);
}

static void usage(bool fixed)
{
	fprintf(stderr, "usage: %s %sIMAGE MOUNTPOINT   (%s --help for more)\n", kfs_progname,
		fixed ? "[-o OPTIONS] " : "[-t TYPE] [-o OPTIONS] ", kfs_progname);
}

enum { OPT_LIST = 256, OPT_LIST_PARTS, OPT_VERSION, OPT_HELP };

static const struct option long_opts[] = {
	{ "list", no_argument, NULL, OPT_LIST },
	{ "list-parts", required_argument, NULL, OPT_LIST_PARTS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "type", required_argument, NULL, 't' },
	{ "foreground", no_argument, NULL, 'f' },
	{ "unmount", no_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct kfs_opts o = {
		.offset = -1,
		.writeback_cache = true,
		.splice = true,
		.readdirplus = 2,
		.entry_timeout = 86400,
		.attr_timeout = 86400,
		.negative_timeout = 86400,
	};
	const char *base = strrchr(argv[0], '/');
	bool unmount = false;
	int c;

	base = base ? base + 1 : argv[0];
	kfs_progname = base;
	o.prog = base;
	/* kfs-TYPE: the type is fixed by the name, for mount.fuse3 and fstab. */
	if (!strncmp(base, "kfs-", 4) && base[4])
		o.fstype = o.fixed_type = base + 4;

	while ((c = getopt_long(argc, argv, "t:o:fsdhuV", long_opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (o.fixed_type && strcmp(optarg, o.fixed_type)) {
				kfs_err("-t %s: this program serves only %s", optarg, o.fixed_type);
				return 2;
			}
			o.fstype = optarg;
			break;
		case 'o':
			if (kfs_parse_mount_opts(&o, optarg)) {
				opts_free(&o);
				return 1;
			}
			break;
		case 'f':
			o.foreground = true;
			break;
		case 's':
			o.single = true;
			break;
		case 'd':
			o.debug = o.foreground = true;
			break;
		case 'u':
			unmount = true;
			break;
		case OPT_LIST:
			return list_types();
		case OPT_LIST_PARTS:
			return list_parts(optarg);
		case 'V':
		case OPT_VERSION:
			return version();
		case 'h':
		case OPT_HELP:
			kfs_print_help(base, o.fixed_type != NULL);
			return 0;
		default:
			usage(o.fixed_type != NULL);
			return 2;
		}
	}
	if (unmount) {
		if (optind + 1 != argc) {
			fprintf(stderr, "usage: %s -u MOUNTPOINT\n", base);
			return 2;
		}
		return kfs_unmount_wait(argv[optind]);
	}
	if (optind + 2 != argc) {
		usage(o.fixed_type != NULL);
		return 2;
	}
	o.image = argv[optind];
	o.mountpoint = argv[optind + 1];
	c = check_sandbox_user(&o) && check_user_mount_opts(&o) && check_image(&o) &&
		    check_mountpoint(&o) ?
		    mount_and_serve(&o) : 1;
	opts_free(&o);
	if (kfs_sandboxed()) {	/* -f: as in mount_and_serve */
		fflush(NULL);
		_exit(c);
	}
	return c;
}
