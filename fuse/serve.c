/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon: starts the kernel side, mounts the filesystem in-process,
 * mounts it on the host through FUSE, serves, and at the end unmounts both
 * so ->put_super leaves the image as the kernel would.
 *
 * Runs after the fork: kfs_init may start threads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "kfs_fuse.h"
#include "kfs_mem.h"
#include "pressure.h"

struct kfs_server kfs_srv;

/* ------------------------------------------------------------- messages */

/*
 * Until the mount is up, messages are kept: a failure prints one line, the
 * filesystem's own last word (its fill_super message) when it said one.
 */
static char last_msg[512];
static bool capture = true, to_syslog, debug_log;

static void keep_line(const char *line, size_t len)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == ' '))
		len--;
	if (!len)
		return;
	if (len >= sizeof(last_msg))
		len = sizeof(last_msg) - 1;
	memcpy(last_msg, line, len);
	last_msg[len] = '\0';
}

/*
 * The block layer's line naming who holds the image (compat/block/bdev.c),
 * kept apart: the mount's own "cannot open" line follows it.
 */
static char busy_msg[512];

/*
 * The first error-level line of a failed mount: filesystems often say why
 * first (ext2_check_descriptors: "Block bitmap for group 0 not in group")
 * and only then that they give up ("group descriptors corrupted").
 */
static char first_err[512];

static void kernel_log(void *ctx, int level, const char *line, size_t len)
{
	(void)ctx;
	if (capture) {
		keep_line(line, len);
		if (level >= 0 && level <= LOG_ERR && !first_err[0])
			snprintf(first_err, sizeof(first_err), "%s", last_msg);
		if (memmem(line, len, " is in use by ", 14))
			snprintf(busy_msg, sizeof(busy_msg), "%s", last_msg);
		if (debug_log)
			fprintf(stderr, "%s: kernel: %.*s\n", kfs_progname, (int)len, line);
		return;
	}
	if (to_syslog)
		syslog(level >= 0 && level <= 7 ? level : LOG_NOTICE, "%.*s", (int)len, line);
	else
		fprintf(stderr, "%s: kernel: %.*s\n", kfs_progname, (int)len, line);
}

static void fuse_log_fn(enum fuse_log_level level, const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (capture && level <= FUSE_LOG_ERR) {
		/* libfuse prefixes "fuse: "; the line we print names kfs. */
		const char *p = buf;

		if (!strncmp(p, "fuse: ", 6))
			p += 6;
		keep_line(p, strlen(p));
	}
	if (debug_log || !capture) {
		if (to_syslog)
			syslog((int)level, "%s", buf);
		else
			fprintf(stderr, "%s", buf);
	}
}

/* ------------------------------------------------------------- fuse args */

/* Appends "key=value" to a libfuse option list, escaping ',' and '\'. */
static int add_kv(char **list, const char *key, const char *val)
{
	size_t old = *list ? strlen(*list) : 0, n = strlen(key) + 2 * strlen(val) + 3;
	char *s = realloc(*list, old + n), *p;

	if (!s)
		return -1;
	p = s + old;
	if (old)
		*p++ = ',';
	p += sprintf(p, "%s", key);
	for (; *val; val++) {
		if (*val == ',' || *val == '\\')
			*p++ = '\\';
		*p++ = *val;
	}
	*p = '\0';
	*list = s;
	return 0;
}

static struct fuse_session *new_session(struct kfs_opts *o, const char *type)
{
	char subtype[128], *opts = NULL;
	struct fuse_session *se = NULL;
	char *argv[5];
	int argc = 0;

	snprintf(subtype, sizeof(subtype), "kfs-%s", type);
	if (add_kv(&opts, "fsname=", o->fsname ? o->fsname : o->image_abs) ||
	    add_kv(&opts, "subtype=", o->subtype ? o->subtype : subtype) ||
	    add_kv(&opts, o->readonly ? "ro" : "rw", "") ||
	    (o->fuse_mount_opts && add_kv(&opts, o->fuse_mount_opts, "")) ||
	    /*
	     * Not root: the mount is fusermount3's anyway (mount(2) is
	     * refused); with auto_unmount libfuse goes to it at once, and its
	     * watchdog unmounts when the daemon dies, which a user could not
	     * do with umount -l.
	     */
	    (geteuid() != 0 && add_kv(&opts, "auto_unmount", ""))) {
		free(opts);
		return NULL;
	}
	argv[argc++] = (char *)kfs_progname;
	argv[argc++] = "-o";
	argv[argc++] = opts;
	if (o->debug)
		argv[argc++] = "-d";
	argv[argc] = NULL;
	{
		struct fuse_args args = FUSE_ARGS_INIT(argc, argv);

		se = fuse_session_new(&args, &kfs_ll_ops, sizeof(kfs_ll_ops), NULL);
		fuse_opt_free_args(&args);
	}
	free(opts);
	return se;
}

/* --------------------------------------------------------------- serving */

static void tell_parent(int fd, const char *msg)
{
	ssize_t n;

	if (fd < 0)
		return;
	do
		n = write(fd, msg, strlen(msg));
	while (n < 0 && errno == EINTR);
	close(fd);
}

static void detach_stdio(int fd)
{
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int run_loop(struct kfs_opts *o, struct fuse_session *se)
{
	struct fuse_loop_config *cfg;
	long ncpu;
	unsigned int threads;
	int ret;

	if (o->single)
		return fuse_session_loop(se);
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	threads = o->max_threads ? o->max_threads :
		  (unsigned int)(ncpu > 4 ? (ncpu > 32 ? 64 : 2 * ncpu) : 8);
	cfg = fuse_loop_cfg_create();
	if (!cfg)
		return -ENOMEM;
	fuse_loop_cfg_set_max_threads(cfg, threads);
	/* Workers stay: each is an adopted kernel task, not worth recreating. */
	fuse_loop_cfg_set_idle_threads(cfg, threads);
	fuse_loop_cfg_set_clone_fd(cfg, kfs_sandbox_clone_fd_ok());
	ret = fuse_session_loop_mt(se, cfg);
	fuse_loop_cfg_destroy(cfg);
	return ret;
}

/*
 * The host starts a FUSE mount's readahead at 128 KiB and the INIT reply can
 * only lower it (min with max_readahead), so streaming READs stay 128 KiB
 * however large max_readahead is.  As root, raise the mount's bdi before the
 * INIT reply comes (the session loop has not started yet).  Best effort: a
 * read-only /sys only costs speed.
 */
static void raise_readahead(const char *mnt)
{
	char dev[64], path[128];
	int fd;

	if (geteuid() != 0)
		return;
	kfs_fuse_mount_dev(mnt, dev, sizeof(dev));
	if (!dev[0])
		return;
	snprintf(path, sizeof(path), "/sys/class/bdi/%s/read_ahead_kb", dev);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1024", 4) != 4) {
		if (debug_log)
			fprintf(stderr, "%s: cannot raise readahead (%s): %s\n", kfs_progname,
				path, strerror(errno));
	}
	if (fd >= 0)
		close(fd);
}

/* Everything the kernel never gave back, then the in-process unmount. */
static int shut_down(struct kfs_mount *m)
{
	size_t files, nodes;
	int err;

	kfs_revoke_stop();
	files = kfs_open_release_all();
	nodes = kfs_nodes_release_all();

	if (debug_log && (files || nodes))
		fprintf(stderr, "%s: closed %zu open files, dropped %zu nodes at unmount\n",
			kfs_progname, files, nodes);
	err = kfs_unmount(m);
	if (err) {
		/*
		 * Refused (a reference kfs itself still holds: a bug): the
		 * super block stays, but what was written must not be lost
		 * with the process.
		 */
		int serr = kfs_sync(m, 1);

		if (to_syslog)
			syslog(LOG_ERR, "unmounting failed: %s (sync: %s)", strerror(-err),
			       serr ? strerror(-serr) : "done");
		else
			kfs_err("unmounting failed: %s (sync: %s)", strerror(-err),
				serr ? strerror(-serr) : "done");
	}
	return err;
}

static int serve(struct kfs_opts *o, int ready_fd)
{
	struct kfs_mount_params p = { 0 };
	struct kfs_cred cred = { 0 };
	struct kfs_mount *m = NULL;
	struct fuse_session *se;
	const char *type;
	int err, ret, null_fd = -1;

	debug_log = o->debug;
	kfs_set_log_handler(kernel_log, NULL);
	fuse_set_log_func(fuse_log_fn);

	/* kfs_init runs kernel code (initcalls): the thread must be a task first. */
	kfs_thread_adopt("kfs-main");
	err = kfs_init();
	if (err) {
		kfs_err("starting the kernel side failed: %s", strerror(-err));
		return 1;
	}
	cred.uid = (kfs_api_u32)geteuid();
	cred.gid = (kfs_api_u32)getegid();
	cred.umask = 022;
	cred.root_caps = geteuid() == 0;
	kfs_set_cred(&cred);

	type = kfs_resolve_type(o);
	if (!type)
		return 1;
	o->fstype = type;
	p.fstype = type;
	p.source = o->image_abs;
	p.data = o->fs_data;
	p.flags = o->readonly ? KFS_MOUNT_RDONLY : 0;
	p.cache_limit = o->cache_limit;
	p.pressure = kfs_pressure_name;	/* the memory cap drops names (pressure.c) */
	p.offset = o->offset > 0 ? o->offset : 0;
	p.size = o->size;
	last_msg[0] = first_err[0] = '\0';
	err = kfs_mount(&p, &m);
	if (err == -EBUSY && busy_msg[0]) {
		kfs_err("%s", busy_msg);
		return 1;
	}
	if (err) {
		/* -t named one type, the super block looks like another */
		bool other = o->nprobed && strcmp(o->probed[0], type);
		bool cause = first_err[0] && strcmp(first_err, last_msg);

		kfs_err("cannot mount %s as %s: %s%s%s%s%s%s%s", o->image, type,
			last_msg[0] ? last_msg : strerror(-err),
			cause ? " (after: " : "", cause ? first_err : "", cause ? ")" : "",
			other ? " (it looks like " : "", other ? o->probed[0] : "", other ? ")" : "");
		return 1;
	}
	kfs_srv.mnt = m;
	kfs_srv.opts = o;
	kfs_srv.readonly = kfs_is_readonly(m) != 0;
	kfs_srv.exportable = kfs_mount_exportable(m) != 0;
	kfs_srv.has_xattr = kfs_mount_has_xattr(m) != 0;
	err = kfs_nodes_init(kfs_root(m));
	if (err) {
		kfs_err("%s", strerror(-err));
		shut_down(m);
		return 1;
	}

	last_msg[0] = '\0';
	se = new_session(o, type);
	if (!se) {
		kfs_err("cannot start FUSE: %s", last_msg[0] ? last_msg : "bad FUSE options");
		shut_down(m);
		return 1;
	}
	kfs_srv.se = se;
	err = kfs_revoke_start();
	if (err) {
		kfs_err("cannot start a thread: %s", strerror(-err));
		fuse_session_destroy(se);
		shut_down(m);
		return 1;
	}
	if (fuse_set_signal_handlers(se) || fuse_session_mount(se, o->mnt_abs)) {
		kfs_err("cannot mount on %s: %s", o->mountpoint,
			last_msg[0] ? last_msg : "FUSE mount failed");
		fuse_session_destroy(se);
		shut_down(m);
		return 1;
	}
	raise_readahead(o->mnt_abs);

	/*
	 * Mounted: confined from here on (sandbox.c), then messages go to the
	 * log.  What the sandbox will refuse is opened before it: the log's
	 * socket (NDELAY), /dev/null for stdio.
	 */
	if (!o->foreground) {
		openlog(kfs_progname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
		null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	}
	if (kfs_sandbox_enter(o, !o->foreground)) {
		kfs_err("cannot confine the daemon: not serving");
		if (null_fd >= 0)
			close(null_fd);
		kfs_sandbox_unmount(se);
		fuse_remove_signal_handlers(se);
		shut_down(m);
		fuse_session_destroy(se);
		return 1;
	}
	if (!o->foreground) {
		to_syslog = true;
		detach_stdio(null_fd);
	}
	capture = false;
	tell_parent(ready_fd, "serving\n");

	ret = run_loop(o, se);
	/*
	 * The kernel may end the connection with ECONNABORTED instead of ENODEV
	 * when the FUSE super block goes away with requests in flight (a lazy
	 * umount under writers): the mount is gone either way, and whether
	 * anything was lost is decided by the in-process unmount below.
	 */
	if (ret == -ECONNABORTED)
		ret = 0;
	kfs_sandbox_unmount(se);	/* fuse_session_unmount, as far as allowed */
	fuse_remove_signal_handlers(se);
	err = shut_down(m);
	fuse_session_destroy(se);
	return (ret < 0 || err) ? 1 : 0;
}

/*
 * After the unmount: the kernel side's exit calls, then what is left of it.
 * Every kernel object must be gone by now and no kernel code may have
 * warned; either is a bug, reported in the log (the exit-time leak report
 * lists the objects) and in the exit status, so tests see it.
 */
int kfs_serve(struct kfs_opts *o, int ready_fd)
{
	int ret = serve(o, ready_fd);
	unsigned long warns;
	long leaks;

	kfs_exit();
	leaks = kfs_mem_leak_report(0);
	warns = kfs_warn_count();
	if (leaks > 0 || warns) {
		if (to_syslog)
			syslog(LOG_ERR, "kernel code: %lu warnings, %ld objects never freed",
			       warns, leaks);
		else
			kfs_err("kernel code: %lu warnings, %ld objects never freed", warns, leaks);
		ret = 1;
	}
	return ret;
}
