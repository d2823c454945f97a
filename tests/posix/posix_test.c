/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * posix_test DIR: POSIX behaviour of the filesystem DIR lives on.
 *
 * Plain C, no kfs code: it runs against any directory, so the same checks
 * run on the host kernel's own filesystem (the reference) and through a kfs
 * mount.  Each expectation is what POSIX specifies or, where POSIX leaves a
 * choice, what Linux filesystems do (the host's ext2 agrees with it); checks
 * that depend on a feature some filesystems lack are left out.
 *
 * Works in a fresh subdirectory of DIR, removed at the end.  Permission
 * checks run in a child process with an unprivileged uid, gid and
 * supplementary group (root only; skipped otherwise).  Output: one line per
 * failed check, one line per test; exit status 0 when all passed.
 *
 * -S: DIR is on a filesystem others write to at the same time (the host's
 * /tmp): the free-space counts of statvfs are not compared.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TUID	4242	/* the unprivileged caller */
#define TGID	4242
#define TSUPG	4343	/* its supplementary group */
#define OTHERG	4444	/* a group it is not in */

static int failures, test_failures;
static bool verbose;
static bool shared_fs;	/* -S */
static char base[PATH_MAX];

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "  FAIL (line %d): ", line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	failures++;
	test_failures++;
}

#define CHECK(cond, ...) do { if (!(cond)) fail(__LINE__, __VA_ARGS__); } while (0)
/* call must succeed (>= 0). */
#define OK(call) ({ long _r = (long)(call); \
	if (_r < 0) \
		fail(__LINE__, "%s: %s", #call, strerror(errno)); \
	_r; })
/* call must fail with errno e. */
#define ERR(call, e) do { errno = 0; long _r = (long)(call); \
	if (_r >= 0) fail(__LINE__, "%s succeeded, expected %s", #call, strerrorname_np(e)); \
	else if (errno != (e)) fail(__LINE__, "%s: %s, expected %s", #call, \
				    strerrorname_np(errno), strerrorname_np(e)); } while (0)
#define EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
	if (_a != _b) fail(__LINE__, "%s == %lld, expected %s == %lld", #a, _a, #b, _b); } while (0)

static char *P(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A path under the test directory (a few rotating buffers). */
static char *P(const char *fmt, ...)
{
	static char bufs[8][PATH_MAX];
	static int i;
	char *b = bufs[i++ & 7];
	int n = snprintf(b, PATH_MAX, "%s/", base);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b + n, (size_t)(PATH_MAX - n), fmt, ap);
	va_end(ap);
	return b;
}

static void put_file(const char *path, const char *data, mode_t mode)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, mode);

	if (fd < 0) {
		fail(__LINE__, "create %s: %s", path, strerror(errno));
		return;
	}
	if (write(fd, data, strlen(data)) != (ssize_t)strlen(data))
		fail(__LINE__, "write %s: %s", path, strerror(errno));
	close(fd);
}

/* The whole file, NUL-terminated (static buffer), or NULL. */
static char *get_file(const char *path)
{
	static char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

static struct stat st_of(const char *path)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	if (lstat(path, &st))
		fail(__LINE__, "lstat %s: %s", path, strerror(errno));
	return st;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[PATH_MAX];

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	d = opendir(path);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rm_rf(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Sleeps until the wall clock has passed t by a whole second boundary. */
static void tick_past(time_t t)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	while (time(NULL) <= t + 1)
		nanosleep(&ts, NULL);
}

/* ---------------------------------------------------------------- tests */

static void t_create(void)
{
	struct stat st;
	int fd;

	fd = OK(open(P("c1"), O_CREAT | O_WRONLY, 0666));
	close(fd);
	st = st_of(P("c1"));
	CHECK(S_ISREG(st.st_mode), "c1 is not a regular file");
	EQ(st.st_mode & 07777, 0644);		/* umask 022 */
	EQ(st.st_size, 0);
	EQ(st.st_nlink, 1);
	EQ(st.st_uid, geteuid());
	fd = OK(open(P("c2"), O_CREAT | O_WRONLY, 0));
	close(fd);
	EQ(st_of(P("c2")).st_mode & 07777, 0);
	fd = OK(creat(P("c3"), 0755));
	EQ(write(fd, "hello", 5), 5);
	close(fd);
	CHECK(get_file(P("c3")) && !strcmp(get_file(P("c3")), "hello"), "c3 content");
	EQ(st_of(P("c3")).st_mode & 07777, 0755);
	/* O_CREAT on an existing file opens it, untouched. */
	fd = OK(open(P("c3"), O_CREAT | O_RDWR, 0600));
	close(fd);
	EQ(st_of(P("c3")).st_size, 5);
	EQ(st_of(P("c3")).st_mode & 07777, 0755);
}

static void t_open_flags(void)
{
	char buf[8], longname[300];
	int fd;

	put_file(P("of"), "data", 0644);
	OK(mkdir(P("od"), 0755));
	OK(symlink("of", P("ol")));
	fd = OK(open(P("of"), O_RDONLY));
	ERR(write(fd, "x", 1), EBADF);
	close(fd);
	fd = OK(open(P("of"), O_WRONLY));
	ERR(read(fd, buf, 1), EBADF);
	close(fd);
	ERR(open(P("nonexistent"), O_RDONLY), ENOENT);
	ERR(open(P("nonexistent/x"), O_CREAT | O_WRONLY, 0644), ENOENT);
	ERR(open(P("of/x"), O_CREAT | O_WRONLY, 0644), ENOTDIR);
	ERR(open(P("of"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	ERR(open(P("of/"), O_RDONLY), ENOTDIR);
	ERR(open(P("od"), O_WRONLY), EISDIR);
	ERR(open(P("od"), O_RDWR), EISDIR);
	ERR(open(P("od"), O_CREAT | O_RDONLY, 0644), EISDIR);
	ERR(open(P("ol"), O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = OK(open(P("ol"), O_RDONLY));
	EQ(read(fd, buf, 4), 4);
	close(fd);
	fd = OK(open(P("od"), O_RDONLY | O_DIRECTORY));
	close(fd);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ERR(open(P("%s", longname), O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	ERR(mkdir(P("%s", longname), 0755), ENAMETOOLONG);
}

static void t_append(void)
{
	int a, b, fd;

	put_file(P("ap"), "abc", 0644);
	fd = OK(open(P("ap"), O_WRONLY | O_APPEND));
	OK(lseek(fd, 0, SEEK_SET));
	EQ(write(fd, "def", 3), 3);
	EQ(lseek(fd, 0, SEEK_CUR), 6);
	close(fd);
	CHECK(!strcmp(get_file(P("ap")), "abcdef"), "append: got '%s'", get_file(P("ap")));
	a = OK(open(P("ap"), O_WRONLY | O_APPEND));
	b = OK(open(P("ap"), O_WRONLY | O_APPEND));
	EQ(write(a, "1", 1), 1);
	EQ(write(b, "2", 1), 1);
	EQ(write(a, "3", 1), 1);
	close(a);
	close(b);
	CHECK(!strcmp(get_file(P("ap")), "abcdef123"), "two appenders: got '%s'",
	      get_file(P("ap")));
	/* Linux: pwrite on an O_APPEND descriptor appends (pwrite(2), BUGS). */
	fd = OK(open(P("ap"), O_WRONLY | O_APPEND));
	EQ(pwrite(fd, "Z", 1, 0), 1);
	close(fd);
	CHECK(!strcmp(get_file(P("ap")), "abcdef123Z"), "pwrite+O_APPEND: got '%s'",
	      get_file(P("ap")));
}

static void t_trunc(void)
{
	char buf[6000];
	int fd, i;
	bool zero = true;

	put_file(P("tr"), "0123456789abcdefghij", 0644);
	fd = OK(open(P("tr"), O_WRONLY | O_TRUNC));
	close(fd);
	EQ(st_of(P("tr")).st_size, 0);
	put_file(P("tr"), "0123456789abcdefghij", 0644);
	OK(truncate(P("tr"), 10));
	CHECK(!strcmp(get_file(P("tr")), "0123456789"), "shrink: '%s'", get_file(P("tr")));
	OK(truncate(P("tr"), 5000));
	EQ(st_of(P("tr")).st_size, 5000);
	fd = OK(open(P("tr"), O_RDWR));
	EQ(read(fd, buf, sizeof(buf)), 5000);
	CHECK(!memcmp(buf, "0123456789", 10), "extend kept the head");
	for (i = 10; i < 5000; i++)
		zero &= buf[i] == 0;
	CHECK(zero, "extension reads as zeros");
	/* Shrink into a block, then grow: the cut-off tail must not come back. */
	OK(ftruncate(fd, 3));
	OK(ftruncate(fd, 20));
	EQ(pread(fd, buf, sizeof(buf), 0), 20);
	CHECK(!memcmp(buf, "012\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20), "tail zeroed after shrink+grow");
	close(fd);
}

static void t_excl(void)
{
	int fd;

	put_file(P("ex"), "x", 0644);
	ERR(open(P("ex"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	OK(symlink("ex-missing", P("exl")));
	ERR(open(P("exl"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	CHECK(!exists(P("ex-missing")), "O_EXCL followed a dangling symlink");
	fd = OK(open(P("ex2"), O_CREAT | O_EXCL | O_WRONLY, 0644));
	close(fd);
	OK(mkdir(P("exd"), 0755));
	ERR(open(P("exd"), O_CREAT | O_EXCL | O_RDONLY, 0644), EEXIST);
}

static int renameat2_(const char *a, const char *b, unsigned int flags)
{
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void t_rename(void)
{
	struct stat sa, sb, s1, s2;

	/* over an existing file: the target name now names the source inode */
	put_file(P("ra"), "AAA", 0644);
	put_file(P("rb"), "BBBBB", 0644);
	sa = st_of(P("ra"));
	OK(rename(P("ra"), P("rb")));
	CHECK(!exists(P("ra")), "source name still there");
	sb = st_of(P("rb"));
	EQ(sb.st_ino, sa.st_ino);
	CHECK(!strcmp(get_file(P("rb")), "AAA"), "target content '%s'", get_file(P("rb")));
	/* same file: nothing happens */
	OK(rename(P("rb"), P("rb")));
	CHECK(!strcmp(get_file(P("rb")), "AAA"), "rename to itself changed the file");
	/* two links of one inode: success, both stay (POSIX) */
	OK(link(P("rb"), P("rb2")));
	OK(rename(P("rb"), P("rb2")));
	CHECK(exists(P("rb")) && exists(P("rb2")), "rename between links removed one");
	EQ(st_of(P("rb")).st_nlink, 2);
	/* directories */
	OK(mkdir(P("rd1"), 0755));
	OK(mkdir(P("rd2"), 0755));
	put_file(P("rd1/f"), "f", 0644);
	s1 = st_of(P("rd1"));
	OK(rename(P("rd1"), P("rd2")));	/* over an empty directory */
	CHECK(!exists(P("rd1")), "old dir name still there");
	EQ(st_of(P("rd2")).st_ino, s1.st_ino);
	CHECK(exists(P("rd2/f")), "contents did not move");
	OK(mkdir(P("rd3"), 0755));
	ERR(rename(P("rd3"), P("rd2")), ENOTEMPTY);	/* over a non-empty one */
	OK(mkdir(P("rd2/sub"), 0755));
	ERR(rename(P("rd2"), P("rd2/sub/x")), EINVAL);	/* into its own subtree */
	ERR(rename(P("rd2"), P("rd2/sub")), EINVAL);
	put_file(P("rf"), "f", 0644);
	ERR(rename(P("rf"), P("rd3")), EISDIR);
	ERR(rename(P("rd3"), P("rf")), ENOTDIR);
	ERR(rename(P("missing"), P("rf2")), ENOENT);
	ERR(rename(P("rf"), P("missing/rf")), ENOENT);
	/* moving a directory moves its ".." link between the parents */
	OK(mkdir(P("rp1"), 0755));
	OK(mkdir(P("rp2"), 0755));
	OK(mkdir(P("rp1/c"), 0755));
	s1 = st_of(P("rp1"));
	s2 = st_of(P("rp2"));
	EQ(s1.st_nlink, 3);
	OK(rename(P("rp1/c"), P("rp2/c")));
	EQ(st_of(P("rp1")).st_nlink, 2);
	EQ(st_of(P("rp2")).st_nlink, 3);
	{
		struct stat dd = st_of(P("rp2/c/.."));

		EQ(dd.st_ino, s2.st_ino);
	}
	/* RENAME_NOREPLACE */
	put_file(P("rn1"), "1", 0644);
	put_file(P("rn2"), "2", 0644);
	ERR(renameat2_(P("rn1"), P("rn2"), RENAME_NOREPLACE), EEXIST);
	CHECK(!strcmp(get_file(P("rn2")), "2"), "NOREPLACE replaced");
	OK(renameat2_(P("rn1"), P("rn3"), RENAME_NOREPLACE));
	CHECK(!exists(P("rn1")) && exists(P("rn3")), "NOREPLACE rename to a new name");
	(void)sa;
}

static void t_links(void)
{
	struct stat st, d0;

	put_file(P("lk"), "link", 0644);
	EQ(st_of(P("lk")).st_nlink, 1);
	OK(link(P("lk"), P("lk2")));
	st = st_of(P("lk"));
	EQ(st.st_nlink, 2);
	EQ(st_of(P("lk2")).st_ino, st.st_ino);
	ERR(link(P("lk"), P("lk2")), EEXIST);
	OK(unlink(P("lk")));
	EQ(st_of(P("lk2")).st_nlink, 1);
	CHECK(!strcmp(get_file(P("lk2")), "link"), "content after unlinking a link");
	OK(mkdir(P("ld"), 0755));
	ERR(link(P("ld"), P("ld2")), EPERM);
	d0 = st_of(P("ld"));
	EQ(d0.st_nlink, 2);
	EQ(d0.st_mode & 07777, 0755);
	OK(mkdir(P("ld/s1"), 0777));
	EQ(st_of(P("ld/s1")).st_mode & 07777, 0755);	/* umask */
	OK(mkdir(P("ld/s2"), 0755));
	EQ(st_of(P("ld")).st_nlink, 4);
	ERR(mkdir(P("ld/s1"), 0755), EEXIST);
	put_file(P("ld/s1/f"), "f", 0644);
	ERR(rmdir(P("ld/s1")), ENOTEMPTY);
	ERR(rmdir(P("ld/s1/f")), ENOTDIR);
	ERR(unlink(P("ld/s1")), EISDIR);
	ERR(rmdir(P("ld/s2/.")), EINVAL);
	OK(rmdir(P("ld/s2")));
	EQ(st_of(P("ld")).st_nlink, 3);
	ERR(unlink(P("ld/missing")), ENOENT);
}

static void t_unlink_open(void)
{
	char buf[64];
	struct stat st;
	int fd, fd2;

	put_file(P("uo"), "still here", 0644);
	fd = OK(open(P("uo"), O_RDWR));
	fd2 = OK(open(P("uo"), O_RDONLY));
	OK(unlink(P("uo")));
	CHECK(!exists(P("uo")), "name survived unlink");
	OK(fstat(fd, &st));
	EQ(st.st_nlink, 0);
	memset(buf, 0, sizeof(buf));
	EQ(pread(fd, buf, sizeof(buf), 0), 10);
	CHECK(!strcmp(buf, "still here"), "data of the unlinked file: '%s'", buf);
	EQ(pwrite(fd, " and more", 9, 10), 9);
	memset(buf, 0, sizeof(buf));
	EQ(pread(fd2, buf, sizeof(buf), 0), 19);
	CHECK(!strcmp(buf, "still here and more"), "second descriptor reads '%s'", buf);
	close(fd);
	EQ(pread(fd2, buf, 5, 0), 5);
	close(fd2);
	/* A new file of the same name is a different, empty file. */
	put_file(P("uo"), "", 0644);
	EQ(st_of(P("uo")).st_size, 0);
}

static void t_symlink(void)
{
	char buf[512], target[201];
	ssize_t n;

	OK(symlink("some/where/else", P("sl")));
	n = OK(readlink(P("sl"), buf, sizeof(buf)));
	EQ(n, 15);
	CHECK(!memcmp(buf, "some/where/else", 15), "readlink");
	CHECK(S_ISLNK(st_of(P("sl")).st_mode), "not a symlink");
	EQ(st_of(P("sl")).st_size, 15);
	{
		struct stat st;

		ERR(stat(P("sl"), &st), ENOENT);
	}
	ERR(symlink("x", P("sl")), EEXIST);
	memset(target, 't', 200);
	target[200] = '\0';
	OK(symlink(target, P("sl2")));		/* beyond any inline ("fast") symlink */
	n = OK(readlink(P("sl2"), buf, sizeof(buf)));
	EQ(n, 200);
	CHECK(!memcmp(buf, target, 200), "long symlink target");
	put_file(P("slt"), "T", 0644);
	OK(symlink("slt", P("sl3")));
	CHECK(get_file(P("sl3")) && !strcmp(get_file(P("sl3")), "T"), "read through a symlink");
	ERR(readlink(P("slt"), buf, sizeof(buf)), EINVAL);
}

/* A byte of the pattern at file offset off. */
static unsigned char pat(uint64_t off, unsigned int seed)
{
	uint64_t x = (off + 1) * 0x9e3779b97f4a7c15ull ^ seed;

	return (unsigned char)(x >> 29);
}

static void fill(unsigned char *b, size_t len, uint64_t off, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		b[i] = pat(off + i, seed);
}

static bool matches(const unsigned char *b, size_t len, uint64_t off, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		if (b[i] != pat(off + i, seed))
			return false;
	return true;
}

static bool all_zero(const unsigned char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

static void t_sparse(void)
{
	static unsigned char buf[65536];
	const off_t far = 10 << 20;
	struct stat st;
	off_t d, h;
	int fd;

	fd = OK(open(P("sp"), O_CREAT | O_RDWR, 0644));
	EQ(pwrite(fd, "X", 1, far), 1);
	OK(fstat(fd, &st));
	EQ(st.st_size, far + 1);
	CHECK(st.st_blocks * 512 < (1 << 20), "sparse file allocated %lld blocks",
	      (long long)st.st_blocks);
	EQ(pread(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	CHECK(all_zero(buf, sizeof(buf)), "hole at 0 is not zero");
	EQ(pread(fd, buf, sizeof(buf), 5 << 20), (ssize_t)sizeof(buf));
	CHECK(all_zero(buf, sizeof(buf)), "hole at 5M is not zero");
	EQ(pread(fd, buf, 10, far - 4), 5);
	CHECK(all_zero(buf, 4) && buf[4] == 'X', "data at the end");
	/* Holes may be reported or not; the answers must be consistent. */
	d = lseek(fd, 0, SEEK_DATA);
	CHECK(d >= 0 && d <= far, "SEEK_DATA from 0: %lld", (long long)d);
	h = lseek(fd, 0, SEEK_HOLE);
	CHECK(h >= 0 && h <= far + 1, "SEEK_HOLE from 0: %lld", (long long)h);
	ERR(lseek(fd, far + 1, SEEK_DATA), ENXIO);
	EQ(lseek(fd, far, SEEK_HOLE), far + 1);
	close(fd);
}

/*
 * Writes that cross the direct/indirect/double/triple-indirect boundaries of
 * 1 KiB-block (minix) and 4 KiB-block (ext2) layouts.
 */
static void t_indirect(void)
{
	static const uint64_t offs[] = {
		0, 7 * 1024 - 100, 12 * 4096 - 100, (7 + 256) * 1024 - 100,
		(12 + 1024) * 4096ull - 100, (7 + 256 + 65536) * 1024ull - 100,
		70ull << 20,
	};
	static unsigned char buf[1 << 20], rb[1 << 20];
	const size_t chunk = 8192 + 7;
	size_t i;
	int fd;

	fd = OK(open(P("ind"), O_CREAT | O_RDWR, 0644));
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		fill(buf, chunk, offs[i], 1);
		EQ(pwrite(fd, buf, chunk, (off_t)offs[i]), (ssize_t)chunk);
	}
	OK(fsync(fd));
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		EQ(pread(fd, rb, chunk, (off_t)offs[i]), (ssize_t)chunk);
		CHECK(matches(rb, chunk, offs[i], 1), "chunk at %llu", (unsigned long long)offs[i]);
	}
	/* between chunks: holes */
	EQ(pread(fd, rb, 4096, 1 << 20), 4096);
	CHECK(all_zero(rb, 4096), "hole at 1M");
	EQ(pread(fd, rb, 4096, 40 << 20), 4096);
	CHECK(all_zero(rb, 4096), "hole at 40M");
	close(fd);

	/* A dense file across the first boundaries, written and read in pieces. */
	fd = OK(open(P("dense"), O_CREAT | O_RDWR | O_TRUNC, 0644));
	for (i = 0; i < 3; i++) {
		fill(buf, sizeof(buf), i * sizeof(buf), 2);
		EQ(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	}
	for (i = 0; i < 3; i++) {
		EQ(pread(fd, rb, sizeof(rb), (off_t)(i * sizeof(rb))), (ssize_t)sizeof(rb));
		CHECK(matches(rb, sizeof(rb), i * sizeof(rb), 2), "dense MiB %zu", i);
	}
	/* cut inside an indirect-mapped block, grow again: zeros after the cut */
	OK(ftruncate(fd, 300 * 1024 + 123));
	OK(ftruncate(fd, 2 << 20));
	EQ(pread(fd, rb, 300 * 1024 + 123, 0), 300 * 1024 + 123);
	CHECK(matches(rb, 300 * 1024 + 123, 0, 2), "head after the cut");
	EQ(pread(fd, rb, 100000, 300 * 1024 + 123), 100000);
	CHECK(all_zero(rb, 100000), "after the cut");
	close(fd);
	OK(unlink(P("ind")));
	OK(unlink(P("dense")));
}

static void t_big_io(void)
{
	static unsigned char buf[3 << 20], rb[3 << 20];
	int fd;

	fill(buf, sizeof(buf), 0, 3);
	fd = OK(open(P("big"), O_CREAT | O_RDWR | O_TRUNC, 0644));
	EQ(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	OK(fdatasync(fd));
	EQ(pread(fd, rb, sizeof(rb), 0), (ssize_t)sizeof(rb));
	CHECK(!memcmp(buf, rb, sizeof(buf)), "3 MiB round trip");
	EQ(pread(fd, rb, 10001, 1234567), 10001);
	CHECK(matches(rb, 10001, 1234567, 3), "unaligned read");
	fill(buf, 5000, 777777, 9);
	EQ(pwrite(fd, buf, 5000, 777777), 5000);
	EQ(pread(fd, rb, 5002, 777776), 5002);
	CHECK(rb[0] == pat(777776, 3) && matches(rb + 1, 5000, 777777, 9) &&
	      rb[5001] == pat(782777, 3), "unaligned overwrite");
	close(fd);
	OK(unlink(P("big")));
}

static void t_times(void)
{
	struct timespec ts[2] = { { 1000000000, 0 }, { 1100000000, 0 } };
	struct stat f0, d0, e0, f1, d1, e1, l0, l1;
	time_t t0;
	int fd;

	put_file(P("tm"), "t", 0644);
	OK(utimensat(AT_FDCWD, P("tm"), ts, 0));
	f0 = st_of(P("tm"));
	EQ(f0.st_atime, 1000000000);
	EQ(f0.st_mtime, 1100000000);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1200000000;
	OK(utimensat(AT_FDCWD, P("tm"), ts, 0));
	f0 = st_of(P("tm"));
	EQ(f0.st_atime, 1000000000);
	EQ(f0.st_mtime, 1200000000);

	OK(mkdir(P("td"), 0755));
	OK(mkdir(P("te"), 0755));
	put_file(P("td/a"), "a", 0644);
	put_file(P("td/b"), "b", 0644);
	put_file(P("td/c"), "c", 0644);
	put_file(P("td/l"), "l", 0644);
	d0 = st_of(P("td"));
	e0 = st_of(P("te"));
	f0 = st_of(P("td/a"));
	l0 = st_of(P("td/l"));
	tick_past(f0.st_ctime > d0.st_ctime ? f0.st_ctime : d0.st_ctime);
	t0 = time(NULL);

	/* write: mtime and ctime of the file */
	fd = OK(open(P("td/a"), O_WRONLY));
	EQ(write(fd, "more", 4), 4);
	close(fd);
	f1 = st_of(P("td/a"));
	CHECK(f1.st_mtime > f0.st_mtime && f1.st_mtime >= t0, "write did not update mtime");
	CHECK(f1.st_ctime > f0.st_ctime, "write did not update ctime");
	/* chmod: ctime only */
	f0 = st_of(P("td/b"));
	OK(chmod(P("td/b"), 0600));
	f1 = st_of(P("td/b"));
	CHECK(f1.st_ctime > f0.st_ctime, "chmod did not update ctime");
	EQ(f1.st_mtime, f0.st_mtime);
	/* link: ctime of the file, mtime of the directory */
	OK(link(P("td/l"), P("td/l2")));
	l1 = st_of(P("td/l"));
	CHECK(l1.st_ctime > l0.st_ctime, "link did not update the file's ctime");
	d1 = st_of(P("td"));
	CHECK(d1.st_mtime > d0.st_mtime && d1.st_ctime > d0.st_ctime,
	      "link did not update the directory's mtime/ctime");
	/* rename across directories: both directories */
	OK(rename(P("td/c"), P("te/c")));
	e1 = st_of(P("te"));
	CHECK(e1.st_mtime > e0.st_mtime && e1.st_ctime > e0.st_ctime,
	      "rename did not update the target directory's mtime/ctime");
	/* truncate: mtime and ctime */
	f0 = st_of(P("td/b"));
	OK(truncate(P("td/b"), 0));
	f1 = st_of(P("td/b"));
	CHECK(f1.st_mtime > f0.st_mtime || f0.st_mtime < t0, "truncate did not update mtime");
	/* UTIME_NOW */
	OK(utimensat(AT_FDCWD, P("tm"), NULL, 0));
	f1 = st_of(P("tm"));
	CHECK(f1.st_mtime >= t0 && f1.st_atime >= t0, "utimensat(NULL) did not set now");
	/* unlink: parent's mtime, the remaining link's ctime */
	e0 = st_of(P("te"));
	l0 = st_of(P("td/l2"));
	tick_past(e0.st_ctime > l0.st_ctime ? e0.st_ctime : l0.st_ctime);
	OK(unlink(P("td/l")));
	l1 = st_of(P("td/l2"));
	CHECK(l1.st_ctime > l0.st_ctime, "unlink did not update the other link's ctime");
	OK(unlink(P("te/c")));
	e1 = st_of(P("te"));
	CHECK(e1.st_mtime > e0.st_mtime, "unlink did not update the directory's mtime");
}

static void t_readdir_concurrent(void)
{
	enum { N = 150, PASSES = 15 };
	unsigned char seen[N];
	pid_t child;
	int pass, i;

	OK(mkdir(P("rc"), 0755));
	for (i = 0; i < N; i++)
		put_file(P("rc/s%03d", i), "s", 0644);
	child = fork();
	if (child == 0) {
		/* churn: names come and go while the parent lists */
		for (unsigned int k = 0;; k++) {
			char name[PATH_MAX + 32];
			int fd;

			snprintf(name, sizeof(name), "%s/rc/t%u", base, k % 64);
			fd = open(name, O_CREAT | O_WRONLY, 0644);
			if (fd >= 0)
				close(fd);
			snprintf(name, sizeof(name), "%s/rc/t%u", base, (k + 32) % 64);
			unlink(name);
		}
	}
	CHECK(child > 0, "fork: %s", strerror(errno));
	for (pass = 0; pass < PASSES && child > 0; pass++) {
		DIR *d = opendir(P("rc"));
		struct dirent *e;
		int dots = 0;

		if (!d) {
			fail(__LINE__, "opendir: %s", strerror(errno));
			break;
		}
		memset(seen, 0, sizeof(seen));
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
				dots++;
				continue;
			}
			if (e->d_name[0] == 's' && atoi(e->d_name + 1) < N)
				seen[atoi(e->d_name + 1)]++;
		}
		closedir(d);
		EQ(dots, 2);
		for (i = 0; i < N; i++)
			if (seen[i] != 1) {
				fail(__LINE__, "pass %d: s%03d seen %d times", pass, i, seen[i]);
				break;
			}
	}
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
}

static void t_special(void)
{
	struct stat st;

	OK(mkfifo(P("fifo"), 0644));
	st = st_of(P("fifo"));
	CHECK(S_ISFIFO(st.st_mode), "mkfifo made mode %o", st.st_mode);
	if (geteuid() == 0) {
		OK(mknod(P("chr"), S_IFCHR | 0600, makedev(1, 3)));
		st = st_of(P("chr"));
		CHECK(S_ISCHR(st.st_mode), "mknod made mode %o", st.st_mode);
		EQ(major(st.st_rdev), 1);
		EQ(minor(st.st_rdev), 3);
	}
}

static void t_sync_statfs(void)
{
	static char buf[1 << 20];
	struct statvfs v0, v1;
	int fd;

	OK(statvfs(base, &v0));
	CHECK(v0.f_bsize > 0 && v0.f_blocks > 0 && v0.f_bfree <= v0.f_blocks &&
	      v0.f_namemax > 0, "statvfs fields");
	fd = OK(open(P("sy"), O_CREAT | O_WRONLY, 0644));
	memset(buf, 'y', sizeof(buf));
	EQ(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	OK(fsync(fd));
	OK(fdatasync(fd));
	close(fd);
	fd = OK(open(base, O_RDONLY | O_DIRECTORY));
	OK(fsync(fd));
	close(fd);
	OK(statvfs(base, &v1));
	/* Others' writes and deletions move a shared filesystem's count too. */
	if (!shared_fs)
		CHECK(v1.f_bfree < v0.f_bfree, "1 MiB written, free blocks %llu -> %llu",
		      (unsigned long long)v0.f_bfree, (unsigned long long)v1.f_bfree);
	OK(unlink(P("sy")));
}

/* ------------------------------------------------------------ permissions */

static void perm_setup(void)
{
	OK(mkdir(P("pm"), 0777));
	OK(chmod(P("pm"), 0777));
	put_file(P("pm/private"), "secret", 0600);
	put_file(P("pm/grp"), "group", 0640);
	OK(chown(P("pm/grp"), 0, TSUPG));
	put_file(P("pm/othergrp"), "other", 0640);
	OK(chown(P("pm/othergrp"), 0, OTHERG));
	put_file(P("pm/shared"), "shared", 0666);
	OK(chmod(P("pm/shared"), 0666));
	OK(mkdir(P("pm/noexec"), 0777));
	put_file(P("pm/noexec/f"), "f", 0644);
	OK(chmod(P("pm/noexec"), 0666));
	OK(mkdir(P("pm/nowrite"), 0555));
	OK(mkdir(P("pm/sticky"), 0777));
	OK(chmod(P("pm/sticky"), 01777));
	put_file(P("pm/sticky/rootfile"), "r", 0666);
	OK(chmod(P("pm/sticky/rootfile"), 0666));
	OK(mkdir(P("pm/sgid"), 0777));
	OK(chown(P("pm/sgid"), 0, TSUPG));
	OK(chmod(P("pm/sgid"), 02777));
}

/* Runs as TUID/TGID with supplementary group TSUPG. */
static void perm_child(void)
{
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct stat st;
	int fd;

	ERR(open(P("pm/private"), O_RDONLY), EACCES);
	ERR(truncate(P("pm/private"), 0), EACCES);
	fd = OK(open(P("pm/grp"), O_RDONLY));		/* through the supplementary group */
	if (fd >= 0)
		close(fd);
	ERR(open(P("pm/grp"), O_WRONLY), EACCES);
	ERR(open(P("pm/othergrp"), O_RDONLY), EACCES);
	ERR(stat(P("pm/noexec/f"), &st), EACCES);	/* search permission */
	ERR(open(P("pm/nowrite/new"), O_CREAT | O_WRONLY, 0644), EACCES);
	ERR(mkdir(P("pm/nowrite/d"), 0755), EACCES);
	ERR(chmod(P("pm/private"), 0666), EPERM);
	ERR(chown(P("pm/shared"), TUID, TGID), EPERM);
	/* writable but not owned: "now" is allowed, explicit times are not */
	OK(utimensat(AT_FDCWD, P("pm/shared"), NULL, 0));
	ERR(utimensat(AT_FDCWD, P("pm/shared"), ts, 0), EPERM);
	/* ... and so are writing, fsync (which writes the times back) and truncating */
	fd = OK(open(P("pm/shared"), O_WRONLY));
	if (fd >= 0) {
		EQ(write(fd, "SH", 2), 2);
		OK(fsync(fd));
		OK(ftruncate(fd, 4));
		OK(fsync(fd));
		close(fd);
	}
	OK(truncate(P("pm/shared"), 3));
	EQ(st_of(P("pm/shared")).st_size, 3);
	EQ(st_of(P("pm/shared")).st_uid, 0);
	/* own files: owner and group from the caller */
	put_file(P("pm/mine"), "mine", 0644);
	st = st_of(P("pm/mine"));
	EQ(st.st_uid, TUID);
	EQ(st.st_gid, TGID);
	ERR(chown(P("pm/mine"), 0, -1), EPERM);
	OK(chown(P("pm/mine"), -1, TSUPG));		/* a group it is in */
	EQ(st_of(P("pm/mine")).st_gid, TSUPG);
	ERR(chown(P("pm/mine"), -1, OTHERG), EPERM);
	OK(chmod(P("pm/mine"), 0600));
	EQ(st_of(P("pm/mine")).st_mode & 07777, 0600);
	/* sticky directory: others' files stay */
	ERR(unlink(P("pm/sticky/rootfile")), EPERM);
	ERR(rename(P("pm/sticky/rootfile"), P("pm/sticky/x")), EPERM);
	put_file(P("pm/sticky/myfile"), "m", 0644);
	OK(unlink(P("pm/sticky/myfile")));
	/* setgid directory: group inherited, and the bit by subdirectories */
	put_file(P("pm/sgid/f"), "f", 0644);
	EQ(st_of(P("pm/sgid/f")).st_gid, TSUPG);
	OK(mkdir(P("pm/sgid/d"), 0755));
	st = st_of(P("pm/sgid/d"));
	EQ(st.st_gid, TSUPG);
	CHECK(st.st_mode & S_ISGID, "subdirectory of a setgid directory lacks S_ISGID");
	/* access(2) answers with the real ids */
	ERR(access(P("pm/private"), R_OK), EACCES);
	OK(access(P("pm/grp"), R_OK));
	ERR(access(P("pm/grp"), W_OK), EACCES);
}

static void t_permissions(void)
{
	gid_t g = TSUPG;
	pid_t pid;
	int st;

	if (geteuid() != 0) {
		printf("  (skipped: needs root to switch to uid %d)\n", TUID);
		return;
	}
	perm_setup();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (setgroups(1, &g) || setresgid(TGID, TGID, TGID) ||
		    setresuid(TUID, TUID, TUID)) {
			printf("  FAIL: cannot switch to uid %d: %s\n", TUID, strerror(errno));
			_exit(1);
		}
		test_failures = 0;
		perm_child();
		fflush(stdout);
		_exit(test_failures ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		fail(__LINE__, "unprivileged checks failed (see above)");
}

/* ------------------------------------------------------------------ main */

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "create", t_create },
	{ "open_flags", t_open_flags },
	{ "append", t_append },
	{ "truncate", t_trunc },
	{ "excl", t_excl },
	{ "rename", t_rename },
	{ "links", t_links },
	{ "unlink_open", t_unlink_open },
	{ "symlink", t_symlink },
	{ "sparse", t_sparse },
	{ "indirect", t_indirect },
	{ "big_io", t_big_io },
	{ "times", t_times },
	{ "readdir_concurrent", t_readdir_concurrent },
	{ "special", t_special },
	{ "sync_statfs", t_sync_statfs },
	{ "permissions", t_permissions },
};

int main(int argc, char **argv)
{
	const char *only = NULL;
	int c, passed = 0, ran = 0;
	size_t i;

	while ((c = getopt(argc, argv, "vSt:")) != -1) {
		if (c == 'v')
			verbose = true;
		else if (c == 'S')
			shared_fs = true;
		else if (c == 't')
			only = optarg;
		else
			goto usage;
	}
	if (optind + 1 != argc) {
usage:
		fprintf(stderr, "usage: posix_test [-v] [-S] [-t TEST] DIR\n");
		return 2;
	}
	umask(022);
	snprintf(base, sizeof(base), "%s/posix.XXXXXX", argv[optind]);
	if (!mkdtemp(base)) {
		fprintf(stderr, "posix_test: mkdtemp in %s: %s\n", argv[optind], strerror(errno));
		return 2;
	}
	chmod(base, 0777);	/* the unprivileged checks work inside */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (only && strcmp(only, tests[i].name))
			continue;
		test_failures = 0;
		tests[i].fn();
		ran++;
		if (!test_failures)
			passed++;
		if (test_failures || verbose)
			printf("%s %s\n", test_failures ? "FAIL" : "ok  ", tests[i].name);
	}
	rm_rf(base);
	printf("posix_test: %d/%d tests passed (%d failed checks) on %s\n", passed, ran,
	       failures, argv[optind]);
	return failures ? 1 : 0;
}
