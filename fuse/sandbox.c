/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sandbox: what a hostile image can reach once the daemon serves.
 *
 * By the time kfs_sandbox_enter runs, the image is open, the filesystem is
 * mounted in-process and the FUSE mount is up.  From then on the daemon
 * needs no new files, no privileges and only the system calls of serving, so
 * it gives up everything else, in this order:
 *  - an unmount helper is forked first, unconfined and still privileged: a
 *    confined daemon can neither umount2() (no root) nor exec the setuid
 *    fusermount3 (no_new_privs), yet SIGTERM must unmount.  The helper
 *    holds no descriptor but its pipes and does one thing when asked:
 *    unmount the mount point if the mount there is still ours;
 *  - a root daemon becomes -o user=NAME (default nobody): no supplementary
 *    groups, the user's gid and uid on every thread (glibc applies set*id
 *    to all threads), no capabilities, an empty bounding set;
 *  - no_new_privs;
 *  - Landlock, where the host kernel has it: no file may be opened except
 *    /proc (callers' groups, read only) and /dev/fuse (libfuse's cloned
 *    descriptors).  Landlock confines the calling thread and the threads it
 *    starts (libfuse's workers, which run every request); the kernel-side
 *    threads started earlier (workqueues, the flusher) are confined by
 *    seccomp and the uid change only;
 *  - a seccomp allow-list, synchronised to every thread.  Any other call
 *    raises SIGSYS: one line naming the call goes to the log and the daemon
 *    ends (never an EPERM the filesystem code would retry or misreport).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "kfs_fuse.h"

/* The sanitizers' runtimes need more of the host to report an error. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KFS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(undefined_behavior_sanitizer)
#define KFS_SANITIZER 1
#endif
#endif
#ifndef KFS_SANITIZER
#define KFS_SANITIZER 0
#endif

int kfs_proc_fd = -1;
/* Weak and undefined (address NULL) unless the kfs_api implementation defines it. */
extern const bool kfs_api_serves_host_files __attribute__((weak));

bool kfs_sandbox_possible(void)
{
	return !&kfs_api_serves_host_files || !kfs_api_serves_host_files;
}

static bool active;
static bool log_to_syslog;

/* ------------------------------------------------------- unmount helper */

static pid_t helper_pid = -1;
static int helper_cmd = -1, helper_ack = -1;	/* the daemon's ends */

/*
 * The "major:minor" of the FUSE mount on mnt in /proc/self/mountinfo (the
 * topmost one), or "" when mnt is no FUSE mount.  Reading mountinfo, unlike
 * stat(), never sends a request to a FUSE server (which may be us).
 */
void kfs_fuse_mount_dev(const char *mnt, char *dev, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[8192];

	dev[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok[5], *p, *fstype;
		int i;

		tok[0] = strtok_r(line, " ", &save);
		for (i = 1; i < 5 && tok[i - 1]; i++)
			tok[i] = strtok_r(NULL, " ", &save);
		if (i < 5 || !tok[4])
			continue;
		/* optional fields end at "-"; the fs type follows */
		while ((p = strtok_r(NULL, " ", &save)) && strcmp(p, "-"))
			;
		fstype = p ? strtok_r(NULL, " ", &save) : NULL;
		if (!fstype || strncmp(fstype, "fuse", 4))
			continue;
		/* mountinfo escapes spaces as \040: mnt_abs is compared likewise */
		{
			char esc[4096], *d = esc;
			const char *s;

			for (s = mnt; *s && d < esc + sizeof(esc) - 5; s++) {
				if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
					d += sprintf(d, "\\%03o", (unsigned char)*s);
				else
					*d++ = *s;
			}
			*d = '\0';
			if (strcmp(tok[4], esc))
				continue;
		}
		snprintf(dev, len, "%s", tok[2]);
	}
	fclose(f);
}

static int run_fusermount_u(const char *mnt)
{
	pid_t c = fork();
	int st;

	if (c < 0)
		return -1;
	if (c == 0) {
		execlp("fusermount3", "fusermount3", "-u", "-q", "-z", "--", mnt, (char *)NULL);
		_exit(127);
	}
	while (waitpid(c, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* Sanitizer builds: the log_path= of the sanitizers' options, or "". */
static void sanitizer_log_path(char *path, size_t len)
{
	static const char *const vars[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS" };
	const char *p = NULL;

	path[0] = '\0';
	for (size_t i = 0; i < 3 && !p; i++) {
		const char *opts = getenv(vars[i]);

		p = opts ? strstr(opts, "log_path=") : NULL;
	}
	if (p) {
		p += 9;
		snprintf(path, len, "%.*s", (int)strcspn(p, ":"), p);
	}
}

/*
 * Sanitizer builds: the daemon's reports come down a pipe (log = its read
 * end, else -1) and are written to log_path.PID, which the confined daemon
 * could not create (another uid, Landlock).  The file appears only when
 * there is a report, as it would without the sandbox.
 */
static char san_log_path[4096];

static void copy_report(int log, int *out, pid_t daemon)
{
	char buf[4096], path[4200];
	ssize_t n = read(log, buf, sizeof(buf));

	if (n <= 0)
		return;
	if (*out < 0) {
		snprintf(path, sizeof(path), "%s.%d", san_log_path, (int)daemon);
		*out = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	}
	if (*out >= 0)
		(void)!write(*out, buf, (size_t)n);
}

static void unmount_if_ours(const char *mnt, const char *dev)
{
	char now[64];

	kfs_fuse_mount_dev(mnt, now, sizeof(now));
	if (now[0] && !strcmp(now, dev)) {
		if (geteuid() == 0)
			(void)!umount2(mnt, MNT_DETACH | UMOUNT_NOFOLLOW);
		else
			run_fusermount_u(mnt);
	}
}

static void helper_main(const char *mnt, const char *dev, int cmd, int ack, int log,
			pid_t daemon)
{
	struct pollfd p[2] = { { .fd = cmd, .events = POLLIN }, { .fd = log, .events = POLLIN } };
	int out = -1;
	char c;

	/* ^C in a terminal reaches the whole group: the daemon decides. */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents) {
			if (p[1].revents & POLLIN)
				copy_report(log, &out, daemon);
			else
				p[1].fd = -1;	/* the daemon has exited */
		}
		if (!p[0].revents)
			continue;
		/* EOF: the daemon died (SIGKILL, SIGSYS); leave the mount as it is. */
		if (read(cmd, &c, 1) == 1) {
			unmount_if_ours(mnt, dev);
			c = 'd';
			(void)!write(ack, &c, 1);
		}
		p[0].fd = -1;
	}
	_exit(0);
}

extern void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

static int start_helper(const char *mnt)
{
	int cmd[2], ack[2], log[2] = { -1, -1 };
	pid_t pid, daemon = getpid();
	char dev[64];

	kfs_fuse_mount_dev(mnt, dev, sizeof(dev));
	if (!dev[0]) {
		kfs_err("sandbox: no FUSE mount on %s in /proc/self/mountinfo", mnt);
		return -1;
	}
	if (pipe2(cmd, O_CLOEXEC))
		return -1;
	if (pipe2(ack, O_CLOEXEC)) {
		close(cmd[0]);
		close(cmd[1]);
		return -1;
	}
	if (KFS_SANITIZER && __sanitizer_set_report_fd) {
		sanitizer_log_path(san_log_path, sizeof(san_log_path));
		if (san_log_path[0] && pipe2(log, O_CLOEXEC)) {
			log[0] = log[1] = -1;
			san_log_path[0] = '\0';
		}
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(cmd[0]);
		close(cmd[1]);
		close(ack[0]);
		close(ack[1]);
		return -1;
	}
	if (pid == 0) {
		/*
		 * Only the two pipe ends and stdio stay: the image descriptor
		 * (its lock) and /dev/fuse (the connection) must die with the
		 * daemon, not live on here.
		 */
		int null_fd = open("/dev/null", O_RDWR);

		/*
		 * Nor stdio: a caller reading the daemon's output to its end
		 * (a pipe) would wait for the helper too.
		 */
		if (dup2(cmd[0], 3) < 0 || dup2(ack[1], 4) < 0 || null_fd < 0 ||
		    (log[0] >= 0 && dup2(log[0], 5) < 0))
			_exit(1);
		dup2(null_fd, 0);
		dup2(null_fd, 1);
		dup2(null_fd, 2);
		syscall(SYS_close_range, log[0] >= 0 ? 6U : 5U, ~0U, 0U);
		helper_main(mnt, dev, 3, 4, log[0] >= 0 ? 5 : -1, daemon);
	}
	close(cmd[0]);
	close(ack[1]);
	if (log[0] >= 0) {
		close(log[0]);
		__sanitizer_set_report_fd((void *)(intptr_t)log[1]);
	}
	helper_cmd = cmd[1];
	helper_ack = ack[0];
	helper_pid = pid;
	return 0;
}

void kfs_sandbox_unmount(struct fuse_session *se)
{
	struct pollfd p = { .fd = fuse_session_fd(se), .events = 0 };
	char c = 'u';
	ssize_t n;

	if (helper_pid < 0) {
		fuse_session_unmount(se);
		return;
	}
	if (write(helper_cmd, &c, 1) == 1) {
		do
			n = read(helper_ack, &c, 1);
		while (n < 0 && errno == EINTR);
	}
	close(helper_cmd);
	close(helper_ack);
	/*
	 * Reaped unless it still copies sanitizer reports: then it ends
	 * after us (at the pipe's end), and init reaps it.
	 */
	if (!san_log_path[0])
		while (waitpid(helper_pid, NULL, 0) < 0 && errno == EINTR)
			;
	helper_pid = -1;
	if (!active) {
		/* confinement failed half way: libfuse's path, as far as it goes */
		fuse_session_unmount(se);
		return;
	}
	/*
	 * libfuse's unmount returns at once when the connection is gone
	 * (POLLERR): then it only closes the descriptor.  Otherwise (a lazily
	 * unmounted super block kept alive by open files) it would try
	 * umount2 and fusermount3; fuse_session_destroy closes the
	 * descriptor instead, which ends the connection.
	 */
	if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR))
		fuse_session_unmount(se);
}

/* ------------------------------------------------------ the SIGSYS line */

/* Names by number, resolved before the filter loads (no malloc in the handler). */
#define MAX_SYSCALL 512
static char *syscall_names[MAX_SYSCALL];

static void resolve_names(void)
{
	for (int i = 0; i < MAX_SYSCALL; i++)
		syscall_names[i] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, i);
}

static size_t put_str(char *buf, size_t at, size_t len, const char *s)
{
	while (*s && at + 1 < len)
		buf[at++] = *s++;
	buf[at] = '\0';
	return at;
}

static size_t put_num(char *buf, size_t at, size_t len, long v)
{
	char tmp[24];
	int i = 0;

	if (v < 0) {
		at = put_str(buf, at, len, "-");
		v = -v;
	}
	do
		tmp[i++] = (char)('0' + v % 10);
	while ((v /= 10) && i < 23);
	while (i && at + 1 < len)
		buf[at++] = tmp[--i];
	buf[at] = '\0';
	return at;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	int nr = si->si_syscall;
	char line[256];
	size_t at = 0;

	(void)uc;
	if (!log_to_syslog) {
		at = put_str(line, at, sizeof(line), kfs_progname);
		at = put_str(line, at, sizeof(line), ": ");
	}
	at = put_str(line, at, sizeof(line), "sandbox: system call ");
	if (nr >= 0 && nr < MAX_SYSCALL && syscall_names[nr])
		at = put_str(line, at, sizeof(line), syscall_names[nr]);
	else
		at = put_str(line, at, sizeof(line), "?");
	at = put_str(line, at, sizeof(line), " (");
	at = put_num(line, at, sizeof(line), nr);
	at = put_str(line, at, sizeof(line),
		     ") is not allowed: the daemon stops (a bug, or an attack; see -o nosandbox)");
	if (log_to_syslog) {
		syslog(LOG_CRIT, "%s", line);
	} else {
		at = put_str(line, at, sizeof(line), "\n");
		(void)!write(2, line, at);
	}
	/* Die of SIGSYS, which the parent and the shell report as such. */
	signal(sig, SIG_DFL);
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

/* ----------------------------------------------------------- privileges */

static int drop_user(const struct kfs_opts *o)
{
	if (geteuid() != 0)
		return 0;
	/* The bounding set first: dropping it needs CAP_SETPCAP. */
	for (int cap = 0; cap < 64; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) && errno == EINVAL)
			break;
	if (setgroups(0, NULL) || setresgid(o->run_gid, o->run_gid, o->run_gid) ||
	    setresuid(o->run_uid, o->run_uid, o->run_uid)) {
		kfs_err("sandbox: becoming uid %u gid %u: %s", (unsigned int)o->run_uid,
			(unsigned int)o->run_gid, strerror(errno));
		return -1;
	}
	/* From uid 0 to another uid, the kernel clears every capability set. */
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (setuid(0) == 0) {
		kfs_err("sandbox: still able to become root after the uid change");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------- Landlock */

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

/* The uapi structures, declared here for headers older than the host. */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;	/* ABI 4 */
	uint64_t scoped;		/* ABI 6 */
};

struct ll_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

#define LL_RULE_PATH_BENEATH	1
#define LL_FS_WRITE_FILE	(1ULL << 1)
#define LL_FS_READ_FILE		(1ULL << 2)
#define LL_FS_READ_DIR		(1ULL << 3)
#define LL_FS_IOCTL_DEV		(1ULL << 15)
#define LL_NET_ALL		3ULL	/* bind_tcp, connect_tcp */
#define LL_SCOPE_ABSTRACT_UNIX	1ULL
#define LL_SCOPE_SIGNAL		2ULL

static int ll_allow(int ruleset, const char *path, uint64_t access, uint64_t handled)
{
	struct ll_path_beneath pb;
	int fd = open(path, O_PATH | O_CLOEXEC), r;

	if (fd < 0)
		return 0;	/* nothing there: nothing to allow */
	pb.allowed_access = access & handled;
	pb.parent_fd = fd;
	r = (int)syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &pb, 0);
	close(fd);
	return r;
}

static int landlock(void)
{
	struct ll_ruleset_attr attr = { 0 };
	size_t attr_size;
	uint64_t handled;
	int abi, rs, err = 0;

	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, 1U /* VERSION */);
	if (abi < 1)
		return 1;	/* not in this kernel, or disabled */
	handled = (1ULL << 13) - 1;		/* ABI 1: bits 0..12 */
	if (abi >= 2)
		handled |= 1ULL << 13;		/* REFER */
	if (abi >= 3)
		handled |= 1ULL << 14;		/* TRUNCATE */
	if (abi >= 5)
		handled |= LL_FS_IOCTL_DEV;
	attr.handled_access_fs = handled;
	attr_size = sizeof(attr.handled_access_fs);
	if (abi >= 4) {
		attr.handled_access_net = LL_NET_ALL;
		attr_size = offsetof(struct ll_ruleset_attr, scoped);
	}
	if (abi >= 6) {
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
		attr_size = sizeof(attr);
	}
	rs = (int)syscall(SYS_landlock_create_ruleset, &attr, attr_size, 0);
	if (rs < 0) {
		kfs_err("sandbox: Landlock ruleset: %s", strerror(errno));
		return -1;
	}
	/* Callers' supplementary groups: /proc/TID/status, read only. */
	err |= ll_allow(rs, "/proc", LL_FS_READ_FILE | LL_FS_READ_DIR, handled);
	/* libfuse's workers clone the session's /dev/fuse descriptor. */
	err |= ll_allow(rs, "/dev/fuse", LL_FS_READ_FILE | LL_FS_WRITE_FILE | LL_FS_IOCTL_DEV,
			handled);
	if (KFS_SANITIZER) {
		/*
		 * Reports read the program (symbols) and /proc/self/maps;
		 * they are written through the helper (start_helper).
		 */
		err |= ll_allow(rs, "/", LL_FS_READ_FILE | LL_FS_READ_DIR, handled);
	}
	if (!err)
		err = (int)syscall(SYS_landlock_restrict_self, rs, 0);
	if (err)
		kfs_err("sandbox: Landlock rules: %s", strerror(errno));
	close(rs);
	return err ? -1 : 0;
}

/* --------------------------------------------------------------- seccomp */

/* What serving needs, whatever the arguments. */
static const char *const allowed[] = {
	/* the image, /dev/fuse, /proc, libfuse's splice pipes */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev",
	"preadv2", "pwritev2", "lseek", "close", "fstat", "newfstatat", "statx",
	"fstatfs", "fsync", "fdatasync", "fallocate", "sync_file_range", "ioctl",
	"fcntl", "dup", "dup2", "dup3", "openat", "splice", "vmsplice", "tee", "pipe2",
	"poll", "ppoll",
	/* compat's libaio block engine */
	"io_setup", "io_destroy", "io_submit", "io_getevents", "io_pgetevents", "io_cancel",
	/* memory */
	"mmap", "munmap", "mprotect", "madvise", "mremap", "brk", "membarrier",
	/* threads, sleeping, time */
	"futex", "set_robust_list", "get_robust_list", "rseq", "sched_yield",
	"sched_getaffinity", "getcpu", "nanosleep", "clock_nanosleep", "clock_gettime",
	"clock_getres", "gettimeofday", "time", "getrandom", "restart_syscall",
	"gettid", "getpid", "getuid", "geteuid", "getgid", "getegid",
	/* sysconf(_SC_PHYS_PAGES) (vmalloc's size check), and harmless reads */
	"sysinfo", "uname", "getrusage",
	/* signals (libfuse's exit handlers, interrupts), and the end */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "exit",
	"exit_group", "wait4",	/* the unmount helper */
	/* syslog on the descriptor openlog(LOG_NDELAY) connected */
	"sendto", "sendmsg", "connect",
	NULL,
};

/* The sanitizers' reports, symbolisation and thread bookkeeping. */
static const char *const allowed_sanitizer[] = {
	"getdents64", "readlink", "readlinkat", "prctl", "prlimit64", "getrlimit",
	"sched_getparam", "sched_getscheduler", "uname", "open", "stat", "lstat",
	"access", "faccessat", "faccessat2", "mkdir", "unlink", "kill", "tgkill",
	"getppid", "setrlimit", "pipe",
	NULL,
};

static int add_rule(scmp_filter_ctx ctx, const char *name, unsigned int nargs,
		    const struct scmp_arg_cmp *cmp)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0;	/* not on this architecture */
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, nargs, cmp);
}

static int seccomp_filter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	const char *bad = NULL;
	int err = 0;

	if (!ctx) {
		kfs_err("sandbox: seccomp_init failed");
		return -1;
	}
	for (int i = 0; allowed[i] && !err; i++)
		if ((err = add_rule(ctx, allowed[i], 0, NULL)))
			bad = allowed[i];
	for (int i = 0; KFS_SANITIZER && allowed_sanitizer[i] && !err; i++)
		if ((err = add_rule(ctx, allowed_sanitizer[i], 0, NULL)))
			bad = allowed_sanitizer[i];
	if (!err) {
		/* Threads only: a new process could exec nothing, but need not exist. */
		struct scmp_arg_cmp thread = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD,
						     CLONE_THREAD);
		/* glibc falls back from clone3 (flags out of a filter's reach) to clone. */
		err = add_rule(ctx, "clone", 1, &thread);
		bad = "clone";
		if (!err)
			err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
					       SCMP_SYS(clone3), 0);
	}
	if (!err && !KFS_SANITIZER) {
		/* Signals to ourselves only (abort, the SIGSYS line's end). */
		struct scmp_arg_cmp self = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid());
		struct scmp_arg_cmp name[] = { SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME) };
		struct scmp_arg_cmp getname[] = { SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME) };

		/* getrlimit: prlimit64 on ourselves, reading only */
		struct scmp_arg_cmp getrlimit[] = { SCMP_A0(SCMP_CMP_EQ, 0),
						    SCMP_A2(SCMP_CMP_EQ, 0) };

		err = add_rule(ctx, "tgkill", 1, &self);
		if (!err)
			err = add_rule(ctx, "prlimit64", 2, getrlimit);
		if (!err)
			err = add_rule(ctx, "prctl", 1, name);
		if (!err)
			err = add_rule(ctx, "prctl", 1, getname);
		bad = "tgkill/prlimit64/prctl";
	}
	if (!err) {
		/* syslog's reconnect: local sockets only */
		struct scmp_arg_cmp local = SCMP_A0(SCMP_CMP_EQ, AF_UNIX);

		err = add_rule(ctx, "socket", 1, &local);
		bad = "socket";
	}
	if (err) {
		kfs_err("sandbox: seccomp rule for %s: %s", bad, strerror(-err));
		seccomp_release(ctx);
		return -1;
	}
	err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (!err)
		err = seccomp_load(ctx);
	seccomp_release(ctx);
	if (err) {
		kfs_err("sandbox: loading the seccomp filter: %s", strerror(-err));
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------------- entry */

bool kfs_sandboxed(void)
{
	return active;
}

static bool clone_fd_ok = true;

bool kfs_sandbox_clone_fd_ok(void)
{
	return clone_fd_ok;
}

/*
 * libfuse's clone_fd opens /dev/fuse in every worker: as the new user that
 * may be refused (mode 0600 in containers), and libfuse would say so for
 * each worker.  Tried once here, confined, so the loop knows beforehand.
 */
static void probe_clone_fd(void)
{
	int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);

	clone_fd_ok = fd >= 0;
	if (fd >= 0)
		close(fd);
}

int kfs_sandbox_enter(const struct kfs_opts *o, bool to_syslog)
{
	struct sigaction sa = { 0 };
	int ll;

	log_to_syslog = to_syslog;
	if (o->nosandbox || !kfs_sandbox_possible())
		return 0;	/* libfuse's own unmount path works unconfined */
	if (start_helper(o->mnt_abs)) {
		kfs_err("sandbox: cannot start the unmount helper: %s", strerror(errno));
		return -1;
	}

	kfs_proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (kfs_proc_fd < 0) {
		kfs_err("sandbox: /proc: %s", strerror(errno));
		return -1;
	}
	resolve_names();
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL))
		return -1;

	/*
	 * glibc loads libgcc_s on the first pthread_cancel (libfuse's loop
	 * cancels its workers at the end): loaded now, it is found by name
	 * then instead of opened.
	 */
	if (!dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE))
		kfs_err("sandbox: warning: %s", dlerror());
	if (drop_user(o))
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		kfs_err("sandbox: no_new_privs: %s", strerror(errno));
		return -1;
	}
	ll = landlock();
	if (ll < 0)
		return -1;
	if (seccomp_filter())
		return -1;
	active = true;
	probe_clone_fd();
	if (o->debug)
		fprintf(stderr, "%s: sandbox: uid %u, no_new_privs, %s, seccomp\n", kfs_progname,
			(unsigned int)geteuid(), ll == 0 ? "Landlock" : "no Landlock (host kernel)");

	/* Test hook (t-sandbox.sh): a call outside the list must end the daemon. */
	if (getenv("KFS_SANDBOX_SELFTEST"))
		syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
	return 0;
}
