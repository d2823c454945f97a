/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host operations table: every system call that compat/ makes on the
 * host goes through kfs_host, so tests can inject faults (EIO, ENOSPC, short
 * or torn writes, failing barriers) and fuzzers can run against an image in
 * memory instead of a device.
 *
 * This header is shared by both worlds (kernel-world compat code and
 * host-world code), so it uses only compiler-builtin types: no libc, no
 * kernel headers.  Every operation returns a negative errno on failure.
 */
#ifndef _KFS_HOST_H
#define _KFS_HOST_H

typedef __INT64_TYPE__ kfs_s64;
typedef __UINT64_TYPE__ kfs_u64;
typedef __UINT32_TYPE__ kfs_u32;
typedef __SIZE_TYPE__ kfs_size_t;
typedef __PTRDIFF_TYPE__ kfs_ssize_t;

/* Flags for kfs_host_ops.open: a small neutral set, mapped to O_* by host. */
#define KFS_OPEN_RDONLY		0x0
#define KFS_OPEN_RDWR		0x2
#define KFS_OPEN_DIRECT		0x100	/* O_DIRECT: bypass the host page cache */
#define KFS_OPEN_EXCL		0x200	/* O_EXCL: exclusive open of a block device */

/* What the block layer needs to know about an opened image. */
struct kfs_host_stat {
	kfs_u64 size;			/* bytes */
	kfs_u32 logical_block_size;	/* 512 for files, BLKSSZGET for devices */
	kfs_u32 is_blockdev;
	kfs_u32 mode;			/* st_mode */
};

/* fallocate modes the block layer uses (discard and zeroout). */
#define KFS_FALLOC_PUNCH_HOLE	1	/* FALLOC_FL_PUNCH_HOLE|KEEP_SIZE, or BLKDISCARD */
#define KFS_FALLOC_ZERO_RANGE	2	/* FALLOC_FL_ZERO_RANGE, or BLKZEROOUT */

/* Asynchronous I/O (libaio underneath). */
struct kfs_host_iovec {
	void *base;
	kfs_size_t len;
};

#define KFS_AIO_READ	0
#define KFS_AIO_WRITE	1
#define KFS_AIO_FDSYNC	2

struct kfs_host_iocb {
	int fd;
	int op;				/* KFS_AIO_* */
	kfs_s64 offset;
	struct kfs_host_iovec *iov;
	int iovcnt;
	void *data;			/* handed back in the completion */
	char host_private[64];		/* room for the host's own iocb */
};

struct kfs_host_ioevent {
	void *data;
	kfs_s64 res;			/* bytes transferred, or -errno */
};

/*
 * Who holds the lock kfs_host_ops.lock was refused (lock_holder): for the
 * one-line "IMAGE is in use by PROG (pid N) mounted on DIR".
 */
struct kfs_host_lock_holder {
	int pid;			/* 0: unknown */
	char prog[32];			/* its program name, or "" */
	char mountpoint[256];		/* a FUSE mount of the image (its fsname), or "" */
};

/* Clocks for kfs_host_ops.clock_gettime. */
#define KFS_CLOCK_REALTIME	0
#define KFS_CLOCK_MONOTONIC	1

struct kfs_host_ops {
	/* Files and devices. */
	int (*open)(const char *path, int flags);
	int (*close)(int fd);
	kfs_ssize_t (*pread)(int fd, void *buf, kfs_size_t len, kfs_s64 off);
	kfs_ssize_t (*pwrite)(int fd, const void *buf, kfs_size_t len, kfs_s64 off);
	kfs_ssize_t (*preadv)(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off);
	kfs_ssize_t (*pwritev)(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off);
	int (*fsync)(int fd, int datasync);
	int (*fstat)(int fd, struct kfs_host_stat *st);
	int (*fallocate)(int fd, int mode, kfs_s64 off, kfs_s64 len);
	int (*lock)(int fd, int exclusive);	/* non-blocking whole-file lock */
	/* After lock failed: another process's lock on fd's file (0 or -errno). */
	int (*lock_holder)(int fd, struct kfs_host_lock_holder *h);

	/* Asynchronous I/O. */
	int (*aio_setup)(unsigned int nr_events, void **ctx);
	int (*aio_destroy)(void *ctx);
	int (*aio_submit)(void *ctx, long nr, struct kfs_host_iocb **iocbs);
	/* Wait for min..nr completions; timeout_ns < 0 waits forever. */
	int (*aio_getevents)(void *ctx, long min_nr, long nr,
			     struct kfs_host_ioevent *events, kfs_s64 timeout_ns);

	/* Time, randomness and the console. */
	void (*clock_gettime)(int clock, kfs_s64 *sec, long *nsec);
	int (*getrandom)(void *buf, kfs_size_t len);
	void (*console_write)(const char *msg, kfs_size_t len);
};

/* The table in force.  Tests swap in their own and restore the default. */
extern struct kfs_host_ops *kfs_host;
extern const struct kfs_host_ops kfs_host_default_ops;

#endif /* _KFS_HOST_H */
