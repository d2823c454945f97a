/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Suite 'vfs': the memory cap in-process, on ext2 (mkfs.ext2, e2fsck -fn):
 *  - a mount with cache_limit 4 MiB; 3,000 files created in one directory
 *    while the test keeps a node reference to each, as the FUSE adapter
 *    does for the host's lookups: the inodes cannot be freed, so the
 *    pressure handler must be asked to let go of them, with names that
 *    exist in that directory, never the one file kept open;
 *  - once the references go (the FORGETs), the reclaim thread frees the
 *    inodes: in-core ext2 inodes fall well under the 3,000 without any
 *    other call, and kernel-side memory ends within the cap;
 *  - the image unmounts and fscks clean.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "kfs_api.h"
#include "kfs_host_alloc.h"
#include "kfs_mem.h"

#define NFILES		3000
#define CAP		(4ull << 20)

static char tmpdir[] = "/dev/shm/kfs-memcap-test.XXXXXX";

static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* What the pressure handler was given (it runs on the reclaim thread). */
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nr_offered, nr_bad, nr_open_offered;
static kfs_api_u64 want_parent;
static char bad_name[300];

static void on_pressure(void *ctx, kfs_api_u64 parent_ino, int parent_is_root,
			const char *name, int namelen)
{
	unsigned int i;
	bool ok;

	(void)ctx;
	/* "d" itself, once its children are gone, is a fair name too. */
	if (parent_is_root && namelen == 1 && name[0] == 'd')
		return;
	ok = !parent_is_root && parent_ino == __atomic_load_n(&want_parent, __ATOMIC_ACQUIRE) &&
	     namelen == 5 && name[0] == 'f' && sscanf(name + 1, "%4u", &i) == 1 && i < NFILES;
	pthread_mutex_lock(&seen_lock);
	nr_offered++;
	if (!ok && !nr_bad++)
		snprintf(bad_name, sizeof(bad_name), "%.*s in %llu (root %d)", namelen, name,
			 (unsigned long long)parent_ino, parent_is_root);
	if (ok && i == 0)
		nr_open_offered++;
	pthread_mutex_unlock(&seen_lock);
}

static unsigned long offered(void)
{
	unsigned long n;

	pthread_mutex_lock(&seen_lock);
	n = nr_offered;
	pthread_mutex_unlock(&seen_lock);
	return n;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static void test_cap_reclaims_pinned_inodes(void **state)
{
	struct kfs_mount_params p = {
		.fstype = "ext2", .cache_limit = CAP, .pressure = on_pressure,
	};
	static struct kfs_node *nodes[NFILES];
	struct kfs_mount_cache mc;
	struct kfs_node *root, *dir;
	struct kfs_file *open_file = NULL;
	struct kfs_mount *m = NULL;
	char img[512], name[16];
	int i, waited;

	(void)state;
	snprintf(img, sizeof(img), "%s/img", tmpdir);
	assert_int_equal(run("truncate -s 64M '%s' && mkfs.ext2 -q -F -I 128 '%s' >/dev/null 2>&1",
			     img, img), 0);
	p.source = img;
	assert_int_equal(kfs_mount(&p, &m), 0);
	root = kfs_root(m);
	assert_int_equal(kfs_mkdir(root, "d", 0755, &dir), 0);
	__atomic_store_n(&want_parent, kfs_node_ino(dir), __ATOMIC_RELEASE);

	for (i = 0; i < NFILES; i++) {
		struct kfs_file *f;

		snprintf(name, sizeof(name), "f%04d", i);
		assert_int_equal(kfs_create(dir, name, 0644, O_RDWR, &nodes[i], &f), 0);
		if (i == 0)
			open_file = f;	/* an open file: never offered */
		else
			assert_int_equal(kfs_release(f), 0);
	}

	/* Every inode is pinned: only the holder can help. */
	for (waited = 0; !offered() && waited < 60000; waited += 10)
		sleep_ms(10);
	assert_true(offered() > 0);

	/* The holder lets go (FORGET), except of the open file. */
	for (i = 1; i < NFILES; i++)
		kfs_node_put(nodes[i]);
	for (waited = 0; waited < 60000; waited += 10) {
		kfs_mount_cache_counts(m, &mc);
		if (mc.inodes < NFILES / 4)
			break;
		sleep_ms(10);
	}
	kfs_mount_cache_counts(m, &mc);
	fprintf(stderr, "memcap: %lu names offered; %llu inodes in core after the release; "
		"kernel memory %llu KiB of a %llu KiB cap\n", offered(),
		(unsigned long long)mc.inodes, (unsigned long long)kfs_host_mem_bytes() >> 10,
		CAP >> 10);
	assert_true(mc.inodes < NFILES / 4);
	assert_true(kfs_host_mem_bytes() <= CAP);

	pthread_mutex_lock(&seen_lock);
	if (nr_bad)
		fprintf(stderr, "memcap: a name offered that the test never made: %s\n", bad_name);
	assert_int_equal(nr_bad, 0);
	assert_int_equal(nr_open_offered, 0);
	pthread_mutex_unlock(&seen_lock);

	assert_int_equal(kfs_release(open_file), 0);
	kfs_node_put(nodes[0]);
	kfs_node_put(dir);
	kfs_node_put(root);
	assert_int_equal(kfs_unmount(m), 0);
	assert_int_equal(run("e2fsck -fn '%s' >&2", img), 0);
	assert_int_equal(kfs_warn_count(), 0);
}

static int setup(void **state)
{
	struct kfs_cred c = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };

	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	kfs_thread_adopt("memcap-test");
	if (kfs_init())
		return -1;
	kfs_set_cred(&c);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kfs_exit();
	kfs_thread_leave();
	return run("rm -rf '%s'", tmpdir) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_reclaims_pinned_inodes),
	};

	return cmocka_run_group_tests_name("memcap-api", tests, setup, teardown);
}
