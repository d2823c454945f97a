/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashrun: runs a workload on an image in-process (kfs_api.h) and cuts the
 * power in the middle of it through the host-operations table (kfs_fault.h),
 * for crash.py.  crash.py writes the workload (one operation a line, see
 * run_op), runs fsck on the image afterwards and checks the files it knows
 * were fsync'ed through a fresh kfs mount.
 *
 *   crashrun TYPE IMAGE OPSFILE [--cut-fsync N | --cut-after K]
 *            [--writes W] [--tear BYTES]
 *   crashrun TYPE IMAGE --verify MANIFEST
 *
 *  --cut-fsync N   the Nth flush of the image (fsync, fdatasync, aio fdsync)
 *                  never happens: the power fails there (powercut rule);
 *  --cut-after K   the power fails after operation K (kfs_fault_power_cut);
 *  --writes W      of the writes no flush covered, the first W survive ...
 *  --tear BYTES    ... and the next keeps only its first BYTES (512 units).
 *
 * Without a cut every operation runs, the mount is unmounted and the output
 * says how many flushes there were, the unmount's included ("fsyncs N"), so
 * the caller can choose cut points.  With one, the output says how many
 * operations completed before the power failed ("completed J"); the mount is
 * torn down with the device gone (every host I/O fails: the error paths of
 * the filesystem and of compat run, nothing reaches the image) and must come
 * down without a crash, a hang, a kernel warning or a leaked object.
 *
 * Exit: 0 done; 1 an operation failed without a cut, or the teardown went
 * wrong; 2 bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfs_api.h"
#include "kfs_fault.h"
#include "kfs_mem.h"

struct op {
	char verb[16];
	char a[256], b[256];
	long long n1, n2, n3;
};

static int split(const char *path, char *parent, size_t size, const char **name)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		snprintf(parent, size, ".");
		*name = path;
	} else {
		snprintf(parent, size, "%.*s", (int)(slash - path), path);
		*name = slash + 1;
	}
	return 0;
}

static int walk(struct kfs_mount *m, const char *path, struct kfs_node **out)
{
	if (!strcmp(path, ".") || !*path) {
		*out = kfs_root(m);
		return 0;
	}
	return kfs_walk(m, NULL, path, 0, out);
}

/* The byte at position i of a write made with this seed (crash.py: pattern). */
static unsigned char pattern(long long seed, long long i)
{
	return (unsigned char)((seed * 131 + i * 7 + (i >> 9) * 13) & 0xff);
}

static int do_write(struct kfs_mount *m, const struct op *o)
{
	char parent[256];
	const char *name;
	struct kfs_node *dir, *n = NULL;
	struct kfs_file *f = NULL;
	unsigned char *buf;
	long long len = o->n2;
	int ret;

	split(o->a, parent, sizeof(parent), &name);
	ret = walk(m, parent, &dir);
	if (ret)
		return ret;
	ret = kfs_create(dir, name, 0644, O_RDWR, &n, &f);
	kfs_node_put(dir);
	if (ret)
		return ret;
	buf = malloc(len ? len : 1);
	for (long long i = 0; i < len; i++)
		buf[i] = pattern(o->n3, i);
	ret = 0;
	if (len) {
		long long w = kfs_write(f, buf, len, o->n1);

		ret = w < 0 ? (int)w : w == len ? 0 : -EIO;
	}
	free(buf);
	kfs_release(f);
	kfs_node_put(n);
	return ret;
}

static int fsync_path(struct kfs_mount *m, const char *path, int dir)
{
	struct kfs_node *n;
	struct kfs_file *f;
	int ret = walk(m, path, &n);

	if (ret)
		return ret;
	ret = kfs_open(n, dir ? O_RDONLY | O_DIRECTORY : O_RDWR, &f);
	kfs_node_put(n);
	if (ret)
		return ret;
	ret = kfs_fsync(f, 0);
	kfs_release(f);
	return ret;
}

/*
 * fsync of a file, then of every directory above it up to the root, then of
 * the directories it was renamed out of since its last fsync: what POSIX
 * asks for a name, and the removal of an old one, to be durable too (minix
 * and ext2 keep names in the directory's own pages, which the file's fsync
 * does not write; vfat may keep long-name slots in another block than the
 * short entry, and an old entry left behind would share the file's
 * clusters, which fsck.fat resolves by truncating one of the two).
 */
static int do_fsync(struct kfs_mount *m, const struct op *o)
{
	char path[256], *slash, *dir, *save = NULL;
	int ret = fsync_path(m, o->a, 0);

	snprintf(path, sizeof(path), "%s", o->a);
	while (!ret) {
		slash = strrchr(path, '/');
		if (!slash) {
			ret = fsync_path(m, ".", 1);
			break;
		}
		*slash = 0;
		ret = fsync_path(m, path, 1);
	}
	/* the directories it was renamed out of, comma-separated (crash.py) */
	snprintf(path, sizeof(path), "%s", o->b);
	for (dir = strtok_r(path, ",", &save); dir && !ret; dir = strtok_r(NULL, ",", &save))
		ret = fsync_path(m, dir, 1);
	return ret;
}

static int two_dirs(struct kfs_mount *m, const struct op *o, int rename)
{
	char pa[256], pb[256];
	const char *na, *nb;
	struct kfs_node *da, *db;
	int ret;

	split(o->a, pa, sizeof(pa), &na);
	ret = walk(m, pa, &da);
	if (ret)
		return ret;
	if (!rename) {
		ret = kfs_unlink(da, na);
		kfs_node_put(da);
		return ret;
	}
	split(o->b, pb, sizeof(pb), &nb);
	ret = walk(m, pb, &db);
	if (!ret) {
		ret = kfs_rename(da, na, db, nb, 0);
		kfs_node_put(db);
	}
	kfs_node_put(da);
	return ret;
}

static int run_op(struct kfs_mount *m, const struct op *o)
{
	char parent[256];
	const char *name;
	struct kfs_node *dir, *n = NULL;
	int ret;

	if (!strcmp(o->verb, "write"))		/* write PATH OFFSET LEN SEED */
		return do_write(m, o);
	if (!strcmp(o->verb, "fsync"))		/* fsync PATH [OLDDIR,...] */
		return do_fsync(m, o);
	if (!strcmp(o->verb, "rename"))		/* rename OLD NEW */
		return two_dirs(m, o, 1);
	if (!strcmp(o->verb, "unlink"))		/* unlink PATH */
		return two_dirs(m, o, 0);
	if (!strcmp(o->verb, "sync"))		/* sync */
		return kfs_sync(m, 1);
	if (!strcmp(o->verb, "mkdir")) {	/* mkdir PATH */
		split(o->a, parent, sizeof(parent), &name);
		ret = walk(m, parent, &dir);
		if (ret)
			return ret;
		ret = kfs_mkdir(dir, name, 0755, &n);
		kfs_node_put(dir);
		if (!ret)
			kfs_node_put(n);
		return ret;
	}
	if (!strcmp(o->verb, "trunc")) {	/* trunc PATH SIZE */
		struct kfs_setattr sa = { .valid = KFS_SET_SIZE, .size = o->n1 };

		ret = walk(m, o->a, &n);
		if (ret)
			return ret;
		ret = kfs_setattr(n, NULL, &sa, NULL);
		kfs_node_put(n);
		return ret;
	}
	return -EINVAL;
}

/*
 * --verify: the image mounts, every file the manifest names ("PATH HOSTFILE"
 * a line) has exactly the contents of HOSTFILE, every file of the tree
 * reads without an error (but those named "! PATH", which may give EIO, and
 * anything below "! DIR/", a directory fsck left damaged),
 * a new file can be written, the unmount is clean.
 */
static int read_all(struct kfs_mount *m, const char *path, unsigned char **data, long long *len)
{
	struct kfs_node *n;
	struct kfs_file *f;
	struct kfs_attr at;
	long long got = 0;
	int ret = walk(m, path, &n);

	if (ret)
		return ret;
	ret = kfs_getattr(n, &at);
	if (!ret)
		ret = kfs_open(n, O_RDONLY, &f);
	kfs_node_put(n);
	if (ret)
		return ret;
	*data = malloc(at.size + 1);
	while (got < at.size) {
		long long r = kfs_read(f, *data + got, at.size - got, got);

		if (r <= 0) {
			ret = r < 0 ? (int)r : -EIO;
			break;
		}
		got += r;
	}
	kfs_release(f);
	*len = got;
	if (ret)
		free(*data);
	return ret;
}

/* Names of one directory, collected first: no lookup under readdir's lock. */
struct names {
	char (*name)[256];
	unsigned int *dtype;
	int n;
};

static int collect(void *ctx, const char *name, int namelen, kfs_api_u64 ino,
		   unsigned int dtype, kfs_api_s64 next)
{
	struct names *l = ctx;

	(void)ino;
	(void)next;
	if ((namelen == 1 && name[0] == '.') || (namelen == 2 && !memcmp(name, "..", 2)))
		return 0;
	l->name = realloc(l->name, (l->n + 1) * sizeof(*l->name));
	l->dtype = realloc(l->dtype, (l->n + 1) * sizeof(*l->dtype));
	snprintf(l->name[l->n], sizeof(l->name[0]), "%.*s", namelen, name);
	l->dtype[l->n++] = dtype;
	return 0;
}

/* What the manifest says may fail to read ("! PATH", "! DIR/"). */
static char (*may_fail)[256];
static int nr_may_fail;

static int allowed_failure(const char *path, int err)
{
	if (!strncmp(path, "./", 2))
		path += 2;
	for (int i = 0; i < nr_may_fail; i++) {
		size_t n = strlen(may_fail[i]);

		/* "DIR/": anything below a directory fsck left damaged */
		if (n && may_fail[i][n - 1] == '/' &&
		    (!strncmp(path, may_fail[i], n) ||
		     (!strncmp(path, may_fail[i], n - 1) && !path[n - 1])))
			return 1;
		if (err == -EIO && !strcmp(may_fail[i], path))
			return 1;
	}
	return 0;
}

/* Reads every file below dir; counts what fails. */
static void read_tree(struct kfs_mount *m, const char *dir, int *errors)
{
	struct names l = { 0 };
	struct kfs_node *n;
	struct kfs_file *f;
	int ret = walk(m, dir, &n);

	if (!ret) {
		ret = kfs_open(n, O_RDONLY | O_DIRECTORY, &f);
		kfs_node_put(n);
	}
	if (!ret) {
		ret = kfs_readdir(f, 0, collect, &l);
		kfs_release(f);
	}
	if (ret && allowed_failure(dir, ret)) {
		printf("unlistable as fsck said: %s\n", dir);
	} else if (ret) {
		fprintf(stderr, "crashrun: listing %s: %s\n", dir, strerror(-ret));
		(*errors)++;
	}
	for (int i = 0; i < l.n; i++) {
		char path[512];
		unsigned char *data;
		long long len;

		snprintf(path, sizeof(path), "%s/%s", dir, l.name[i]);
		if (l.dtype[i] == 4) {
			read_tree(m, path, errors);
		} else if (l.dtype[i] == 8) {
			ret = read_all(m, path, &data, &len);
			if (ret && allowed_failure(path, ret)) {
				printf("unreadable as fsck said: %s\n", path);
			} else if (ret) {
				fprintf(stderr, "crashrun: reading %s: %s\n", path, strerror(-ret));
				(*errors)++;
			} else {
				free(data);
			}
		}
	}
	free(l.name);
	free(l.dtype);
}

static int verify(struct kfs_mount *m, const char *manifest)
{
	char line[1200], path[512], host[600];
	int errors = 0, checked = 0;
	FILE *mf = fopen(manifest, "r");
	struct op o = { .verb = "write", .a = "after-crash", .n2 = 5000, .n3 = 7 };

	if (!mf) {
		perror(manifest);
		return 1;
	}
	while (fgets(line, sizeof(line), mf)) {
		unsigned char *data, *want;
		long long len, wlen;
		FILE *hf;
		int ret;

		if (sscanf(line, "%511s %599s", path, host) != 2)
			continue;
		if (!strcmp(path, "!")) {
			may_fail = realloc(may_fail, (nr_may_fail + 1) * sizeof(*may_fail));
			snprintf(may_fail[nr_may_fail++], sizeof(*may_fail), "%.255s", host);
			continue;
		}
		hf = fopen(host, "rb");
		if (!hf) {
			perror(host);
			return 1;
		}
		fseek(hf, 0, SEEK_END);
		wlen = ftell(hf);
		rewind(hf);
		want = malloc(wlen + 1);
		if (fread(want, 1, wlen, hf) != (size_t)wlen)
			wlen = -1;
		fclose(hf);
		ret = read_all(m, path, &data, &len);
		if (ret) {
			fprintf(stderr, "crashrun: fsync'ed %s: %s\n", path, strerror(-ret));
			errors++;
		} else {
			if (len != wlen || memcmp(data, want, len)) {
				fprintf(stderr, "crashrun: fsync'ed %s: %lld bytes, expected %lld%s\n",
					path, len, wlen, len == wlen ? ", contents differ" : "");
				errors++;
			}
			free(data);
		}
		free(want);
		checked++;
	}
	fclose(mf);
	read_tree(m, ".", &errors);
	if (do_write(m, &o)) {
		fprintf(stderr, "crashrun: cannot write a new file after the crash\n");
		errors++;
	}
	printf("verified %d fsync'ed files, %d problems\n", checked, errors);
	return errors ? 1 : 0;
}

static int parse_op(const char *line, struct op *o)
{
	memset(o, 0, sizeof(*o));
	if (sscanf(line, "%15s", o->verb) != 1)
		return -1;
	if (!strcmp(o->verb, "write"))
		return sscanf(line, "%*s %255s %lld %lld %lld", o->a, &o->n1, &o->n2, &o->n3) == 4
			? 0 : -1;
	if (!strcmp(o->verb, "trunc"))
		return sscanf(line, "%*s %255s %lld", o->a, &o->n1) == 2 ? 0 : -1;
	if (!strcmp(o->verb, "rename"))
		return sscanf(line, "%*s %255s %255s", o->a, o->b) == 2 ? 0 : -1;
	if (!strcmp(o->verb, "fsync"))		/* fsync PATH [DIR,DIR...] */
		return sscanf(line, "%*s %255s %255s", o->a, o->b) >= 1 ? 0 : -1;
	if (!strcmp(o->verb, "sync"))
		return 0;
	return sscanf(line, "%*s %255s", o->a) == 1 ? 0 : -1;
}

/*
 * The kernel side's exit calls; then nothing of it may be left, and no
 * warning seen -- except after a cut: minix_put_super marks its super block
 * buffer dirty although the write of it failed (uptodate cleared), which
 * warns in mark_buffer_dirty exactly as in the kernel on a dead disk.
 */
static int finish(int status, int cut, const char *fstype)
{
	int warn_ok = cut && !strcmp(fstype, "minix");
	long leaks;

	kfs_exit();
	leaks = kfs_mem_leak_report(0);
	if (warn_ok && kfs_warn_count())
		printf("warnings after the cut %lu\n", kfs_warn_count());
	if ((kfs_warn_count() && !warn_ok) || leaks) {
		kfs_mem_leak_report(1);
		fprintf(stderr, "crashrun: %lu kernel warnings, %ld objects never freed\n",
			kfs_warn_count(), leaks);
		status = 1;
	}
	kfs_thread_leave();
	return status;
}

static int usage(void)
{
	fprintf(stderr, "usage: crashrun TYPE IMAGE OPSFILE [--cut-fsync N | --cut-after K] "
		"[--writes W] [--tear BYTES]\n       crashrun TYPE IMAGE --verify MANIFEST\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct kfs_cred cred = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };
	struct kfs_mount_params p = { 0 };
	struct kfs_mount *m = NULL;
	long cut_fsync = 0, cut_after = -1, writes = 0, tear = 0, done = 0;
	struct op *ops = NULL;
	long nops = 0;
	char line[1024];
	FILE *f;
	const char *verify_manifest = NULL;
	int ret, cut = 0;

	if (argc < 4)
		return usage();
	if (!strcmp(argv[3], "--verify")) {
		if (argc != 5)
			return usage();
		verify_manifest = argv[4];
		argc = 3;
	}
	for (int i = 4; i < argc; i++) {
		if (i + 1 >= argc)
			return usage();
		if (!strcmp(argv[i], "--cut-fsync"))
			cut_fsync = atol(argv[++i]);
		else if (!strcmp(argv[i], "--cut-after"))
			cut_after = atol(argv[++i]);
		else if (!strcmp(argv[i], "--writes"))
			writes = atol(argv[++i]);
		else if (!strcmp(argv[i], "--tear"))
			tear = atol(argv[++i]);
		else
			return usage();
	}
	f = verify_manifest ? NULL : fopen(argv[3], "r");
	if (!f && !verify_manifest) {
		perror(argv[3]);
		return 2;
	}
	while (f && fgets(line, sizeof(line), f)) {
		ops = realloc(ops, (nops + 1) * sizeof(*ops));
		if (!ops || parse_op(line, &ops[nops])) {
			fprintf(stderr, "crashrun: bad operation: %s", line);
			return 2;
		}
		nops++;
	}
	if (f)
		fclose(f);

	kfs_thread_adopt("crashrun");
	if (kfs_init())
		return 1;
	kfs_set_cred(&cred);
	if (!verify_manifest) {
		kfs_fault_install();
		if (cut_fsync > 0) {
			struct kfs_fault_rule r = {
				.kind = KFS_FAULT_POWER_CUT, .fd = KFS_FAULT_ANY_FD,
				.skip = cut_fsync - 1, .times = 1, .arg = writes, .tear = tear,
			};

			if (kfs_fault_add(&r) < 0)
				return 2;
		} else {
			kfs_fault_powerloss_record(1);
		}
	}

	p.fstype = argv[1];
	p.source = argv[2];
	ret = kfs_mount(&p, &m);
	if (ret) {
		fprintf(stderr, "crashrun: mount: %s\n", strerror(-ret));
		return 1;
	}
	if (verify_manifest) {
		int bad = verify(m, verify_manifest);

		ret = kfs_unmount(m);
		if (ret) {
			fprintf(stderr, "crashrun: unmount: %s\n", strerror(-ret));
			bad = 1;
		}
		return finish(bad, 0, argv[1]);
	}
	for (long i = 0; i < nops; i++) {
		if (i == cut_after) {
			long n = kfs_fault_unsynced_writes();

			fprintf(stderr, "crashrun: power cut after op %ld: %ld unsynced writes\n",
				i, n);
			if (kfs_fault_power_cut(writes, tear))
				return 1;
		}
		if (kfs_fault_power_is_cut()) {
			cut = 1;
			break;
		}
		ret = run_op(m, &ops[i]);
		if (kfs_fault_power_is_cut()) {
			cut = 1;
			break;
		}
		if (ret) {
			fprintf(stderr, "crashrun: op %ld (%s %s): %s\n", i + 1, ops[i].verb,
				ops[i].a, strerror(-ret));
			return 1;
		}
		done = i + 1;
	}
	if (!cut && cut_after == nops) {
		if (kfs_fault_power_cut(writes, tear))
			return 1;
		cut = 1;
	}
	/*
	 * After a cut the unmount meets a dead device: errors, never a crash.
	 * The cut may also fall on one of the unmount's own flushes.
	 */
	ret = kfs_unmount(m);
	if (!cut && kfs_fault_power_is_cut())
		cut = 1;
	if (ret && !cut) {
		fprintf(stderr, "crashrun: unmount: %s\n", strerror(-ret));
		return 1;
	}
	if (cut)
		printf("completed %ld\n", done);
	else
		printf("fsyncs %ld\n", kfs_fault_fsync_count());
	fflush(stdout);
	free(ops);
	return finish(0, cut, argv[1]);
}
