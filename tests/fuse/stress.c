/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stress: concurrent workload and checker for a mounted filesystem.
 *
 *   stress work DIR NPROC OPS SEED    NPROC processes, OPS operations each:
 *                                     create, rewrite, rename (within and across
 *                                     directories, over existing names), link,
 *                                     unlink, mkdir/rmdir, read-verify, in a
 *                                     shared directory and one of their own
 *   stress verify DIR                 every regular file under DIR holds the
 *                                     content its header describes
 *   stress fsynced DIR LOG NPROC      until killed: create, write, fsync the
 *                                     file and its directory, then append its
 *                                     path to LOG (a file outside DIR)
 *   stress check-log DIR LOG          every path in LOG exists with its content
 *
 * Files describe themselves: a 64-byte header (length, seed) and a body that
 * is a function of seed and offset, so a checker needs no record of which
 * operations happened.  Exit status: 0 all good, 1 a check failed, 2 usage.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define HDR	64
#define MAGIC	"KFSSTRESS"

static unsigned char body(uint64_t off, uint32_t seed)
{
	uint64_t x = (off + 0x51) * 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed << 17);

	x ^= x >> 31;
	return (unsigned char)x;
}

/* xorshift: each worker's own deterministic choices */
static uint32_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)(*s >> 11);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes a complete self-describing file of len body bytes through fd. */
static int fill_file(int fd, uint64_t len, uint32_t seed, uint64_t *rs)
{
	static unsigned char buf[1 << 17];
	char hdr[HDR];
	uint64_t off = 0;

	memset(hdr, ' ', sizeof(hdr));
	snprintf(hdr, sizeof(hdr), "%s len=%llu seed=%u", MAGIC, (unsigned long long)len, seed);
	hdr[HDR - 1] = '\n';
	if (write_all(fd, hdr, HDR))
		return -1;
	while (off < len) {
		/* uneven pieces, so writes straddle block boundaries */
		size_t n = 1 + rnd(rs) % sizeof(buf);

		if (n > len - off)
			n = (size_t)(len - off);
		for (size_t i = 0; i < n; i++)
			buf[i] = body(off + i, seed);
		if (write_all(fd, buf, n))
			return -1;
		off += n;
	}
	return 0;
}

/* 0 good, -1 bad (reason in why). */
static int check_file(int dirfd, const char *path, char *why, size_t whylen)
{
	static unsigned char buf[1 << 17];
	unsigned long long len;
	unsigned int seed;
	char hdr[HDR + 1];
	uint64_t off = 0;
	struct stat st;
	int fd = openat(dirfd, path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		snprintf(why, whylen, "open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || read(fd, hdr, HDR) != HDR) {
		snprintf(why, whylen, "short header (size %lld)", (long long)st.st_size);
		close(fd);
		return -1;
	}
	hdr[HDR] = '\0';
	if (sscanf(hdr, MAGIC " len=%llu seed=%u", &len, &seed) != 2) {
		snprintf(why, whylen, "bad header");
		close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size != HDR + len) {
		snprintf(why, whylen, "size %lld, header says %llu", (long long)st.st_size,
			 HDR + len);
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != body(off + (uint64_t)i, seed)) {
				snprintf(why, whylen, "byte %llu differs",
					 (unsigned long long)(off + (uint64_t)i));
				close(fd);
				return -1;
			}
		off += (uint64_t)n;
	}
	close(fd);
	if (n < 0 || off != len) {
		snprintf(why, whylen, "read %llu of %llu body bytes", (unsigned long long)off,
			 len);
		return -1;
	}
	return 0;
}

static uint64_t pick_len(uint64_t *rs)
{
	switch (rnd(rs) % 8) {
	case 0:
		return 0;
	case 1:
		return 300 * 1024 + rnd(rs) % (800 * 1024);	/* indirect blocks */
	default:
		return rnd(rs) % 20000;
	}
}

/* ---------------------------------------------------------------- work */

static int worker(const char *dir, int id, int ops, uint32_t seed)
{
	uint64_t rs = 0x1234567ull * (uint64_t)(id + 1) ^ seed;
	char own[PATH_MAX], a[PATH_MAX + 64], b[PATH_MAX + 64];
	int errors = 0;

	snprintf(own, sizeof(own), "%s/own%d", dir, id);
	if (mkdir(own, 0755) && errno != EEXIST)
		return 1;
	for (int k = 0; k < ops; k++) {
		uint32_t op = rnd(&rs) % 100, fseed = rnd(&rs);
		/* names: a small space per worker, so operations hit existing names */
		const char *where = rnd(&rs) % 2 ? own : dir;
		const char *where2 = rnd(&rs) % 2 ? own : dir;
		char why[128];
		int fd;

		snprintf(a, sizeof(a), "%s/w%d-%u", where, id, rnd(&rs) % 24);
		snprintf(b, sizeof(b), "%s/w%d-%u", where2, rnd(&rs) % 3 ? id : (id + 1) % 8,
			 rnd(&rs) % 24);
		if (op < 30) {			/* create or rewrite (O_TRUNC) */
			char tmp[PATH_MAX + 80];

			/* write under a private name, then rename into place */
			snprintf(tmp, sizeof(tmp), "%s/.tmp-%d", own, id);
			fd = open(tmp, O_CREAT | O_TRUNC | O_WRONLY, 0644);
			if (fd < 0 || fill_file(fd, pick_len(&rs), fseed, &rs)) {
				fprintf(stderr, "worker %d: write %s: %s\n", id, tmp, strerror(errno));
				errors++;
			}
			if (fd >= 0)
				close(fd);
			if (rename(tmp, a) && errno != ENOENT) {
				fprintf(stderr, "worker %d: rename %s: %s\n", id, a, strerror(errno));
				errors++;
			}
		} else if (op < 45) {		/* rename, maybe over another file */
			if (rename(a, b) && errno != ENOENT) {
				fprintf(stderr, "worker %d: rename %s %s: %s\n", id, a, b,
					strerror(errno));
				errors++;
			}
		} else if (op < 55) {		/* link */
			if (link(a, b) && errno != ENOENT && errno != EEXIST) {
				fprintf(stderr, "worker %d: link: %s\n", id, strerror(errno));
				errors++;
			}
		} else if (op < 70) {		/* unlink */
			if (unlink(a) && errno != ENOENT) {
				fprintf(stderr, "worker %d: unlink: %s\n", id, strerror(errno));
				errors++;
			}
		} else if (op < 78) {		/* directory churn */
			snprintf(a, sizeof(a), "%s/d%d-%u", where, id, rnd(&rs) % 4);
			if (mkdir(a, 0755) && errno != EEXIST) {
				fprintf(stderr, "worker %d: mkdir: %s\n", id, strerror(errno));
				errors++;
			}
			snprintf(b, sizeof(b), "%s/d%d-%u", where, id, rnd(&rs) % 4);
			if (rmdir(b) && errno != ENOENT && errno != ENOTEMPTY) {
				fprintf(stderr, "worker %d: rmdir: %s\n", id, strerror(errno));
				errors++;
			}
		} else if (op < 95) {		/* read and check a file (it may vanish) */
			int r = check_file(AT_FDCWD, a, why, sizeof(why));

			if (r && access(a, F_OK) == 0 && strncmp(why, "open", 4)) {
				/* replaced under us is fine; check again once */
				if (check_file(AT_FDCWD, a, why, sizeof(why)) &&
				    access(a, F_OK) == 0 && strncmp(why, "open", 4)) {
					fprintf(stderr, "worker %d: %s: %s\n", id, a, why);
					errors++;
				}
			}
		} else {			/* list the shared directory */
			DIR *d = opendir(dir);

			if (!d) {
				errors++;
				continue;
			}
			while (readdir(d))
				;
			closedir(d);
		}
	}
	return errors ? 1 : 0;
}

static int run_parallel(int nproc, int (*fn)(const char *, int, int, uint32_t),
			const char *dir, int ops, uint32_t seed)
{
	int bad = 0, st;

	for (int i = 0; i < nproc; i++) {
		pid_t p = fork();

		if (p == 0)
			_exit(fn(dir, i, ops, seed));
		if (p < 0)
			return 1;
	}
	while (wait(&st) > 0)
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	return bad ? 1 : 0;
}

/* -------------------------------------------------------------- verify */

static int walk(int dirfd, const char *rel, unsigned long *files)
{
	DIR *d;
	struct dirent *e;
	int bad = 0;

	d = fdopendir(dup(dirfd));
	if (!d)
		return 1;
	while ((e = readdir(d))) {
		struct stat st;
		char why[128];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			printf("%s/%s: stat: %s\n", rel, e->d_name, strerror(errno));
			bad++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			char sub[PATH_MAX];
			int fd = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY);

			snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name);
			if (fd < 0) {
				bad++;
				continue;
			}
			bad += walk(fd, sub, files);
			close(fd);
		} else if (S_ISREG(st.st_mode)) {
			(*files)++;
			if (check_file(dirfd, e->d_name, why, sizeof(why))) {
				printf("%s/%s: %s\n", rel, e->d_name, why);
				bad++;
			}
		}
	}
	closedir(d);
	return bad;
}

static int verify(const char *dir)
{
	unsigned long files = 0;
	int fd = open(dir, O_RDONLY | O_DIRECTORY), bad;

	if (fd < 0) {
		perror(dir);
		return 1;
	}
	bad = walk(fd, ".", &files);
	close(fd);
	printf("stress verify: %lu files, %d bad\n", files, bad);
	return bad ? 1 : 0;
}

/* ------------------------------------------------------------- fsynced */

static const char *log_path;

static int fsync_worker(const char *dir, int id, int ops, uint32_t seed)
{
	uint64_t rs = 0xabcdefull * (uint64_t)(id + 1) ^ seed;
	char name[64], line[PATH_MAX];
	int dfd, logfd;

	(void)ops;
	snprintf(line, sizeof(line), "%s/f%d", dir, id);
	if (mkdir(line, 0755) && errno != EEXIST)
		return 1;
	/* Relative to descriptors from here on: a lazy unmount must not redirect us. */
	dfd = open(line, O_RDONLY | O_DIRECTORY);
	logfd = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (dfd < 0 || logfd < 0)
		return 1;
	for (unsigned int k = 0;; k++) {
		int fd;

		snprintf(name, sizeof(name), "n%u", k);
		fd = openat(dfd, name, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			return 1;
		if (fill_file(fd, rnd(&rs) % 200000, rnd(&rs), &rs) || fsync(fd) || fsync(dfd))
			return 1;
		close(fd);
		snprintf(line, sizeof(line), "f%d/%s\n", id, name);
		if (write_all(logfd, line, strlen(line)))
			return 1;
	}
}

static int check_log(const char *dir, const char *logp)
{
	FILE *f = fopen(logp, "r");
	char line[PATH_MAX], why[128];
	int dfd = open(dir, O_RDONLY | O_DIRECTORY), bad = 0;
	unsigned long n = 0;

	if (!f || dfd < 0) {
		perror("check-log");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		n++;
		if (check_file(dfd, line, why, sizeof(why))) {
			printf("%s: %s\n", line, why);
			bad++;
		}
	}
	fclose(f);
	close(dfd);
	printf("stress check-log: %lu fsync'ed files, %d bad\n", n, bad);
	return bad || !n ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "work"))
		return run_parallel(atoi(argv[3]), worker, argv[2], atoi(argv[4]),
				    (uint32_t)strtoul(argv[5], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "fsynced")) {
		log_path = argv[3];
		return run_parallel(atoi(argv[4]), fsync_worker, argv[2], 0, (uint32_t)getpid());
	}
	if (argc == 4 && !strcmp(argv[1], "check-log"))
		return check_log(argv[2], argv[3]);
	fprintf(stderr, "usage: stress work DIR NPROC OPS SEED | verify DIR |\n"
			"       fsynced DIR LOG NPROC | check-log DIR LOG\n");
	return 2;
}
