/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-world helpers for the block tests (block_host.c), callable from the
 * kernel-world test suites: making and inspecting image files, and a
 * counting wrapper around kfs_host that records what reached the host.
 * Compiler-builtin types only (shared by both worlds).
 */
#ifndef _KFS_BLOCK_TEST_HOST_H
#define _KFS_BLOCK_TEST_HOST_H

typedef __INT64_TYPE__ bt_s64;
typedef __UINT64_TYPE__ bt_u64;
typedef __SIZE_TYPE__ bt_size_t;

/* The byte a fresh image holds at @off (images are made with this). */
static inline unsigned char bt_pattern(bt_u64 off)
{
	return (unsigned char)((off >> 9) * 7 + (off & 511) * 3 + 1);
}

/* Where images go: a tmpfs directory and a disk directory. */
#define BT_TMPFS_DIR	"/dev/shm"
#define BT_DISK_DIR	"/var/tmp"

/* 1 if @dir is on tmpfs. */
int bt_dir_is_tmpfs(const char *dir);
/* 1 if the host lets @path be opened with O_DIRECT. */
int bt_path_allows_direct(const char *path);

/*
 * Creates a new image of @size bytes filled with bt_pattern() in @dir;
 * its path goes to @path.  0 or -errno.
 */
int bt_make_image(const char *dir, bt_u64 size, char *path, bt_size_t pathlen);
void bt_unlink(const char *path);
int bt_pread(const char *path, bt_s64 off, void *buf, bt_size_t len);
int bt_pwrite(const char *path, bt_s64 off, const void *buf, bt_size_t len);
/* 1 if every byte of [off, off+len) is bt_pattern(). */
int bt_is_pattern(const char *path, bt_s64 off, bt_size_t len);
/* 1 if every byte of [off, off+len) is zero. */
int bt_is_zero(const char *path, bt_s64 off, bt_size_t len);
/* FNV-1a of the whole file, to show it did not change. */
bt_u64 bt_checksum(const char *path);

/*
 * The counting table: wraps the kfs_host in force when installed and counts
 * what passes through.  The op log holds one letter per host operation in
 * the order they were issued: 'R' read, 'W' write (aio iocb or pwrite/
 * pwritev), 'F' flush (fsync/fdatasync or aio fdsync), 'D' fallocate.
 */
struct bt_counts {
	long aio_submit_calls;	/* aio_submit() calls */
	long iocbs;		/* iocbs in them */
	long reads, writes, flushes, fallocs;
};
void bt_count_install(void);
/* While installed: opens asking for O_DIRECT fail with EINVAL, as tmpfs did. */
void bt_refuse_direct(int on);
void bt_count_uninstall(void);
void bt_count_reset(void);
void bt_count_get(struct bt_counts *c);
/* Copies the op log (NUL-terminated, truncated to size - 1). */
void bt_oplog(char *buf, bt_size_t size);

#endif /* _KFS_BLOCK_TEST_HOST_H */
