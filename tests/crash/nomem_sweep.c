/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nomem-sweep: ENOMEM from the Nth allocation of kernel code, for every N of
 * a range, over a small workload on each filesystem named (kfs_fault.h,
 * KFS_FAULT_NOMEM).  Each N runs in a child process forked before the kernel
 * side starts (the parent never starts it), which
 *   - starts the kernel side (kfs_init) with no rule in force,
 *   - makes the Nth allocation after that fail,
 *   - mounts a fresh copy of the image, runs the workload, unmounts,
 *   - runs the exit calls and counts what is still allocated.
 * Every run must end with success or an error from some step -- never a
 * signal, a kernel BUG or panic, a hang (the parent's timeout), a kernel
 * warning, or a leaked object, even when a step failed half way; and a
 * failed run must leave an image that the filesystem's fsck can repair.
 * The sweep ends when a run completes without the rule firing (N is past
 * the workload's last allocation).
 *
 *   nomem-sweep [--step S] [--max N] FS...   (minix, ext2, vfat)
 *
 * The default step covers each filesystem's allocations in about 60 runs;
 * --step 1 tries every N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kfs_api.h"
#include "kfs_fault.h"
#include "kfs_mem.h"

#define EXIT_NOT_FIRED	10	/* the workload ended before the Nth allocation */
#define EXIT_BAD	11	/* a warning or a leak */
#define RUN_TIMEOUT	120	/* seconds; a run is a few milliseconds */

static const char *mkfs_cmd(const char *fs)
{
	if (!strcmp(fs, "minix"))
		return "truncate -s 4M '%s' && mkfs.minix -2 '%s' >/dev/null";
	if (!strcmp(fs, "ext2"))
		return "truncate -s 4M '%s' && mkfs.ext2 -q -F -I 128 -b 1024 '%s' 2>/dev/null";
	if (!strcmp(fs, "vfat"))
		return "truncate -s 4M '%s' && mkfs.fat '%s' >/dev/null";
	return NULL;
}

static const char *repair_cmd(const char *fs)
{
	if (!strcmp(fs, "minix"))
		return "fsck.minix -af '%s' >/dev/null 2>&1; [ $? -le 3 ] && "
		       "fsck.minix -f '%s' >/dev/null 2>&1";
	if (!strcmp(fs, "ext2"))
		return "e2fsck -fy '%s' >/dev/null 2>&1; [ $? -le 3 ] && "
		       "e2fsck -fn '%s' >/dev/null 2>&1";
	return "fsck.fat -a -w '%s' >/dev/null 2>&1; [ $? -le 1 ] && "
	       "fsck.fat -n '%s' >/dev/null 2>&1";
}

static int sh(const char *fmt, const char *a, const char *b)
{
	char cmd[1024];
	int st;

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	st = system(cmd);
	return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

/* The workload: each step may fail (an error is fine); returns the first error. */
static int workload(struct kfs_mount *m)
{
	static char buf[10000];
	struct kfs_node *root = kfs_root(m), *d = NULL, *f = NULL;
	struct kfs_file *fh = NULL;
	int ret, first = 0;

#define STEP(call) do { ret = (call); if (ret < 0 && !first) first = ret; } while (0)
	memset(buf, 'k', sizeof(buf));
	STEP(kfs_mkdir(root, "dir", 0755, &d));
	if (d) {
		STEP(kfs_create(d, "file", 0644, O_RDWR, &f, &fh));
		if (fh) {
			STEP((int)kfs_write(fh, buf, sizeof(buf), 0));
			STEP((int)kfs_write(fh, buf, 100, 50000));
			STEP(kfs_fsync(fh, 0));
			STEP((int)kfs_read(fh, buf, sizeof(buf), 0));
			kfs_release(fh);
		}
		if (f)
			kfs_node_put(f);
		STEP(kfs_rename(d, "file", root, "moved", 0));
		STEP(kfs_symlink(root, "link", "moved", &f));
		if (!ret)
			kfs_node_put(f);
		STEP(kfs_unlink(root, "moved"));
		kfs_node_put(d);
		STEP(kfs_rmdir(root, "dir"));
	}
	kfs_node_put(root);
	STEP(kfs_sync(m, 1));
#undef STEP
	return first;
}

/* The child: one run with the Nth allocation failing. */
static int child(const char *fs, const char *img, long n)
{
	struct kfs_cred cred = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };
	struct kfs_mount_params p = { .fstype = fs, .source = img };
	struct kfs_fault_rule r = {
		.kind = KFS_FAULT_NOMEM, .fd = KFS_FAULT_ANY_FD, .skip = n - 1, .times = 1,
	};
	struct kfs_mount *m = NULL;
	int id, ret, status = 0;
	long leaks;

	kfs_thread_adopt("nomem-sweep");
	if (kfs_init())
		return 1;
	kfs_set_cred(&cred);
	id = kfs_fault_add(&r);
	ret = kfs_mount(&p, &m);
	if (!ret) {
		workload(m);
		ret = kfs_unmount(m);
		if (ret) {
			fprintf(stderr, "nomem-sweep: %s N=%ld: unmount: %s\n", fs, n,
				strerror(-ret));
			status = EXIT_BAD;
		}
	}
	if (kfs_fault_hits(id) == 0 && !status)
		status = EXIT_NOT_FIRED;
	kfs_fault_clear();
	kfs_exit();
	leaks = kfs_mem_leak_report(0);
	if (kfs_warn_count() || leaks) {
		kfs_mem_leak_report(1);
		fprintf(stderr, "nomem-sweep: %s N=%ld: %lu kernel warnings, %ld objects never "
			"freed\n", fs, n, kfs_warn_count(), leaks);
		status = EXIT_BAD;
	}
	kfs_thread_leave();
	return status;
}

/* Runs one N in a child; returns its exit status, or -1 for a crash or hang. */
static int run_one(const char *fs, const char *img, long n)
{
	pid_t pid;
	int st;
	time_t start = time(NULL);

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(child(fs, img, n));
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid)
			break;
		if (time(NULL) - start > RUN_TIMEOUT) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			fprintf(stderr, "nomem-sweep: %s N=%ld: no end after %d s\n", fs, n,
				RUN_TIMEOUT);
			return -1;
		}
		usleep(2000);
	}
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "nomem-sweep: %s N=%ld: killed by signal %d\n", fs, n,
			WTERMSIG(st));
		return -1;
	}
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/kfs-nomem.XXXXXX", tmpl[256], img[256];
	long step = 0, max = 100000;
	int i = 1, failures = 0;

	for (; i < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (i + 1 >= argc)
			goto usage;
		if (!strcmp(argv[i], "--step"))
			step = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--max"))
			max = atol(argv[i + 1]);
		else
			goto usage;
	}
	if (i >= argc)
		goto usage;
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	for (; i < argc; i++) {
		const char *fs = argv[i];
		long n, runs = 0, total, s = step;
		int st;

		if (!mkfs_cmd(fs)) {
			fprintf(stderr, "nomem-sweep: unknown filesystem %s (minix, ext2, vfat)\n", fs);
			return 2;
		}
		snprintf(tmpl, sizeof(tmpl), "%s/%s.template", dir, fs);
		snprintf(img, sizeof(img), "%s/%s.img", dir, fs);
		if (sh(mkfs_cmd(fs), tmpl, tmpl)) {
			fprintf(stderr, "nomem-sweep: mkfs %s failed\n", fs);
			return 1;
		}
		/* How many allocations the workload makes: the first N that never fires. */
		for (total = 64; total <= max; total *= 2) {
			sh("cp '%s' '%s'", tmpl, img);
			st = run_one(fs, img, total);
			if (st == EXIT_NOT_FIRED)
				break;
		}
		if (!s)
			s = total / 60 > 0 ? total / 60 : 1;
		for (n = 1; n <= total && n <= max; n += s, runs++) {
			sh("cp '%s' '%s'", tmpl, img);
			st = run_one(fs, img, n);
			if (st == EXIT_NOT_FIRED)
				break;
			if (st < 0 || st == EXIT_BAD || st == 112 || st == 113) {
				fprintf(stderr, "FAIL %s N=%ld (status %d)\n", fs, n, st);
				failures++;
				continue;
			}
			/* a run that failed half way leaves something fsck repairs */
			if (sh(repair_cmd(fs), img, img)) {
				fprintf(stderr, "FAIL %s N=%ld: fsck cannot repair the image\n", fs, n);
				failures++;
			}
		}
		printf("%s: about %ld allocations, %ld runs (every %ld), %s\n", fs, total, runs,
		       s, failures ? "FAILURES" : "all ended with success or an error");
	}
	sh("rm -rf '%s'%s", dir, "");
	return failures ? 1 : 0;
usage:
	fprintf(stderr, "usage: nomem-sweep [--step S] [--max N] FS...\n");
	return 2;
}
