/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The in-process API: what the FUSE adapter, the tools and the tests call to
 * run a kernel filesystem.  Each call is a thin layer over the VFS slice in
 * compat/fs that takes the locks the kernel VFS takes around the same
 * operation (Documentation/filesystems/locking.rst, directory-locking.rst,
 * ../shared/VFS-CONTRACT.md), checks permissions as the VFS does, and calls
 * the filesystem's own operations.
 *
 * Shared by both worlds, so it uses only compiler-builtin types.  Every call
 * that can fail returns 0 or a positive count on success and a negative errno
 * (Linux values) on failure.  Every call must be made from a thread that was
 * adopted with kfs_thread_adopt(), and runs with the credentials last given to
 * kfs_set_cred() on that thread.
 *
 * Objects:
 *  - struct kfs_mount: a mounted super block.
 *  - struct kfs_node: an in-core inode with a reference held by the caller.
 *    Hard links are one node.  Every call that returns a node returns a new
 *    reference, dropped with kfs_node_put() (iput at the end).
 *  - struct kfs_file: an open file (struct file), closed by kfs_release().
 */
#ifndef _KFS_API_H
#define _KFS_API_H

typedef __INT64_TYPE__ kfs_api_s64;
typedef __UINT64_TYPE__ kfs_api_u64;
typedef __UINT32_TYPE__ kfs_api_u32;
typedef __SIZE_TYPE__ kfs_api_size_t;
typedef __PTRDIFF_TYPE__ kfs_api_ssize_t;

struct kfs_mount;
struct kfs_node;
struct kfs_file;

/* ------------------------------------------------------------ process, threads */

/*
 * Runs every initcall (module_init of each built-in filesystem) once, level
 * by level (core, postcore, arch, subsys, fs, device/module_init, late).
 * Returns 0, or the first error an initcall returned (all of them still run,
 * as at kernel boot).  Later calls return the first call's result.
 */
int kfs_init(void);
/*
 * Runs the module_exit functions in reverse order, once, after kfs_init();
 * for leak checks at the end of a program.
 */
void kfs_exit(void);
/* How many WARN*()s kernel code has hit so far (tests expect 0). */
unsigned long kfs_warn_count(void);

/*
 * Makes the calling thread a kernel thread: gives it a task_struct (current)
 * and registers it with RCU.  Idempotent.  kfs_thread_leave() undoes it
 * before the thread exits.
 */
void kfs_thread_adopt(const char *name);
void kfs_thread_leave(void);

/* The credentials `current` runs with: what FUSE says about the caller. */
struct kfs_cred {
	kfs_api_u32 uid, gid;		/* become fsuid/fsgid, euid/egid */
	kfs_api_u32 umask;
	int ngroups;
	const kfs_api_u32 *groups;	/* supplementary groups */
	int root_caps;			/* uid 0 gets full capabilities when set */
};
void kfs_set_cred(const struct kfs_cred *cred);

/*
 * Interrupts (FUSE INTERRUPT): another thread marks the task a request runs
 * on as having a fatal signal pending, so fatal_signal_pending() is true and
 * killable/interruptible sleeps end (-EINTR) as a SIGKILL'ed caller's would.
 * The worker clears it when the request is done, before it serves another.
 */
struct kfs_task;
struct kfs_task *kfs_task_self(void);		/* the calling adopted thread's */
void kfs_task_interrupt(struct kfs_task *t);	/* from any thread */
void kfs_task_clear_interrupt(void);		/* on the calling thread */

/* Filesystem types built in, in initcall order; NULL after the last. */
const char *kfs_fstype_name(int index);

/*
 * Messages the kernel code prints (printk), for tools that report them.
 * The handler gets the log level (0..7, 'd' for KERN_DEFAULT = -1) and one
 * line without its level prefix.  NULL restores printing to stderr.
 */
typedef void (*kfs_log_fn)(void *ctx, int level, const char *line, kfs_api_size_t len);
void kfs_set_log_handler(kfs_log_fn fn, void *ctx);

/* --------------------------------------------------------------- mounting */

#define KFS_MOUNT_RDONLY	0x1	/* SB_RDONLY, and the image is opened read-only */

/*
 * Memory pressure: with a cache_limit, the limit caps all
 * kernel-side memory (kfs/mm.h, kfs_mem_set_cap), not only the page cache.
 * When unused inodes and dentries are not enough to stay under it, the
 * reclaim thread hands this handler the names of the oldest inodes that
 * only API references keep (not open, no cached children): name in the
 * directory with inode number parent_ino (or the root, parent_is_root).
 * The FUSE adapter asks the host kernel to drop those names, so FORGETs
 * come and its references go.  Called from the reclaim thread, no locks
 * held; must not block for long.
 */
typedef void (*kfs_pressure_fn)(void *ctx, kfs_api_u64 parent_ino, int parent_is_root,
				const char *name, int namelen);

struct kfs_mount_params {
	const char *fstype;		/* registered file_system_type name */
	const char *source;		/* image file or block device */
	const char *data;		/* the filesystem's own options, comma list, or NULL */
	int flags;			/* KFS_MOUNT_* */
	kfs_api_u64 cache_limit;	/* memory cap in bytes (see kfs_pressure_fn), 0 = default */
	kfs_api_s64 offset;		/* byte offset of the filesystem in source */
	kfs_api_s64 size;		/* bytes from offset, 0 = to the end */
	kfs_pressure_fn pressure;	/* NULL: none */
	void *pressure_ctx;
};

/*
 * Mounts: opens the source, calls the type's mount/get_tree (mount_bdev and
 * fill_super), and returns the mount.  On failure the filesystem's own message
 * has been printed and a negative errno is returned (-EINVAL for a wrong type
 * or corrupt super block, as the kernel does).
 */
int kfs_mount(const struct kfs_mount_params *p, struct kfs_mount **out);

/*
 * Unmounts as deactivate_super does: sync_filesystem, evict every inode,
 * ->put_super, close the device.  Every node reference must have been put;
 * if one is left, the mount stays and -EBUSY is returned, after a full sync.
 */
int kfs_unmount(struct kfs_mount *m);

/* Writes everything dirty to the image (syncfs). */
int kfs_sync(struct kfs_mount *m, int wait);

/* Remounts with new flags (KFS_MOUNT_RDONLY) and options (->reconfigure). */
int kfs_remount(struct kfs_mount *m, int flags, const char *data);

/* ->show_options output ("errors=continue,..."), NUL-terminated. */
int kfs_show_options(struct kfs_mount *m, char *buf, kfs_api_size_t size);

int kfs_is_readonly(struct kfs_mount *m);
/* sb->s_time_gran in nanoseconds (1 for ns timestamps, 1000000000 for seconds). */
kfs_api_u32 kfs_mount_time_gran(struct kfs_mount *m);
const char *kfs_mount_fstype(struct kfs_mount *m);
/* Whether the fs has export operations (s_export_op): FUSE export support. */
int kfs_mount_exportable(struct kfs_mount *m);
/*
 * Whether the fs has extended attributes at all (s_xattr handlers): without
 * them every *xattr call is EOPNOTSUPP, as the VFS answers for an inode
 * without IOP_XATTR.
 */
int kfs_mount_has_xattr(struct kfs_mount *m);

/*
 * The page cache, which every mount shares: its limit, what it holds
 * now, the most it held since the last reset, and what it had to evict to
 * stay under the limit.  Bytes.
 */
struct kfs_cache_info {
	kfs_api_u64 limit, used, high_water, dirty, writeback, evicted;
};
void kfs_cache_info(struct kfs_cache_info *ci);
void kfs_cache_reset_high_water(void);

/*
 * In-core objects of one mount: inodes in memory, and how many of them
 * and of the dentries are unused (cached, freed by the shrinkers, e.g.
 * kfs_mem_shrink_all() of kfs_mem.h).
 */
struct kfs_mount_cache {
	kfs_api_u64 inodes, unused_inodes, unused_dentries;
};
void kfs_mount_cache_counts(struct kfs_mount *m, struct kfs_mount_cache *mc);

struct kfs_statfs {
	kfs_api_u64 type, bsize, blocks, bfree, bavail, files, ffree, fsid, namelen, frsize, flags;
};
int kfs_statfs(struct kfs_mount *m, struct kfs_statfs *st);

/* ------------------------------------------------------------------- nodes */

struct kfs_node *kfs_root(struct kfs_mount *m);
void kfs_node_get(struct kfs_node *n);
void kfs_node_put(struct kfs_node *n);
kfs_api_u64 kfs_node_ino(struct kfs_node *n);
kfs_api_u64 kfs_node_generation(struct kfs_node *n);
struct kfs_mount *kfs_node_mount(struct kfs_node *n);
/* Finds an in-core node by inode number (ilookup), or NULL. */
struct kfs_node *kfs_node_find(struct kfs_mount *m, kfs_api_u64 ino);

struct kfs_attr {
	kfs_api_u64 ino;
	kfs_api_u32 mode, nlink, uid, gid;
	kfs_api_u64 rdev;		/* as makedev() gives */
	kfs_api_s64 size;
	kfs_api_u64 blocks;		/* 512-byte units */
	kfs_api_u32 blksize;
	kfs_api_s64 atime_sec, mtime_sec, ctime_sec, btime_sec;
	kfs_api_u32 atime_nsec, mtime_nsec, ctime_nsec, btime_nsec;
	kfs_api_u64 generation;
};

/* Which fields of kfs_setattr to apply (the ATTR_* of notify_change). */
#define KFS_SET_MODE		0x001
#define KFS_SET_UID		0x002
#define KFS_SET_GID		0x004
#define KFS_SET_SIZE		0x008
#define KFS_SET_ATIME		0x010
#define KFS_SET_MTIME		0x020
#define KFS_SET_ATIME_NOW	0x040
#define KFS_SET_MTIME_NOW	0x080
#define KFS_SET_CTIME		0x100

struct kfs_setattr {
	kfs_api_u32 valid;
	kfs_api_u32 mode, uid, gid;
	kfs_api_s64 size;
	kfs_api_s64 atime_sec, mtime_sec, ctime_sec;
	kfs_api_u32 atime_nsec, mtime_nsec, ctime_nsec;
};

int kfs_getattr(struct kfs_node *n, struct kfs_attr *attr);
/* file may be NULL; given, truncation goes through that open file. */
int kfs_setattr(struct kfs_node *n, struct kfs_file *file, const struct kfs_setattr *sa,
		struct kfs_attr *out);

/* Permission check as inode_permission (MAY_READ 4, MAY_WRITE 2, MAY_EXEC 1). */
int kfs_access(struct kfs_node *n, int mask);

/* ------------------------------------------------------------- namespace */

/* Looks name up in dir; -ENOENT when absent. */
int kfs_lookup(struct kfs_node *dir, const char *name, struct kfs_node **out);
/* Resolves an absolute or relative path from start (root when NULL). */
int kfs_walk(struct kfs_mount *m, struct kfs_node *start, const char *path,
	     int follow_last, struct kfs_node **out);

int kfs_mknod(struct kfs_node *dir, const char *name, kfs_api_u32 mode, kfs_api_u64 rdev,
	      struct kfs_node **out);
int kfs_mkdir(struct kfs_node *dir, const char *name, kfs_api_u32 mode, struct kfs_node **out);
int kfs_symlink(struct kfs_node *dir, const char *name, const char *target,
		struct kfs_node **out);
int kfs_link(struct kfs_node *n, struct kfs_node *newdir, const char *newname,
	     struct kfs_node **out);
int kfs_unlink(struct kfs_node *dir, const char *name);
int kfs_rmdir(struct kfs_node *dir, const char *name);

#define KFS_RENAME_NOREPLACE	1
#define KFS_RENAME_EXCHANGE	2
#define KFS_RENAME_WHITEOUT	4
int kfs_rename(struct kfs_node *olddir, const char *oldname, struct kfs_node *newdir,
	       const char *newname, unsigned int flags);

/* Copies the target into buf (not NUL-terminated); returns its length. */
kfs_api_ssize_t kfs_readlink(struct kfs_node *n, char *buf, kfs_api_size_t size);

/* ----------------------------------------------------------------- files */

/*
 * kfs_open/kfs_create flag beside the O_* bits: a write-only open may also be
 * read (FMODE_READ) without a read permission check.  The FUSE writeback
 * cache reads pages around partial writes through the writer's handle, as
 * the kernel's own page cache would.
 */
#define KFS_OPEN_CACHE_READ	0x40000000

/* flags are the open(2) O_* flags (Linux values). */
int kfs_open(struct kfs_node *n, int flags, struct kfs_file **out);
/* O_CREAT in one step (atomic_open/create): new or existing node, opened. */
int kfs_create(struct kfs_node *dir, const char *name, kfs_api_u32 mode, int flags,
	       struct kfs_node **node, struct kfs_file **file);
int kfs_release(struct kfs_file *f);
int kfs_flush(struct kfs_file *f);
/* Whether f's file_operations have ->flush (close(2) returns only its result). */
int kfs_file_has_flush(struct kfs_file *f);
/* i_size of f's inode now (i_size_read: no lock taken). */
kfs_api_s64 kfs_file_size(struct kfs_file *f);
/* The open file's node: a new reference (kfs_node_put it). */
struct kfs_node *kfs_file_node(struct kfs_file *f);

kfs_api_ssize_t kfs_read(struct kfs_file *f, void *buf, kfs_api_size_t size, kfs_api_s64 off);
kfs_api_ssize_t kfs_write(struct kfs_file *f, const void *buf, kfs_api_size_t size,
			  kfs_api_s64 off);
struct kfs_iovec {
	void *base;
	kfs_api_size_t len;
};
kfs_api_ssize_t kfs_readv(struct kfs_file *f, const struct kfs_iovec *iov, int cnt,
			  kfs_api_s64 off);
kfs_api_ssize_t kfs_writev(struct kfs_file *f, const struct kfs_iovec *iov, int cnt,
			   kfs_api_s64 off);
int kfs_fsync(struct kfs_file *f, int datasync);
int kfs_fallocate(struct kfs_file *f, int mode, kfs_api_s64 off, kfs_api_s64 len);
/* whence: 0 SET, 1 CUR, 2 END, 3 DATA, 4 HOLE; returns the new offset. */
kfs_api_s64 kfs_lseek(struct kfs_file *f, kfs_api_s64 off, int whence);
/* FS_IOC_GETFLAGS / FS_IOC_SETFLAGS. */
int kfs_get_flags(struct kfs_node *n, kfs_api_u32 *flags);
int kfs_set_flags(struct kfs_node *n, kfs_api_u32 flags);
/*
 * FS_IOC_FIEMAP (Documentation/filesystems/fiemap.rst): the
 * extents that map bytes [start, start + len) of n, at most max of them
 * stored in ext (max 0: only counted).  flags are FIEMAP_FLAG_* (1 SYNC:
 * write dirty pages first, 2 XATTR: the xattr block instead of the data);
 * each extent's flags are FIEMAP_EXTENT_* (0x1 LAST, 0x1000 MERGED, ...).  Returns
 * the number of extents found (>= 0), -EOPNOTSUPP when the filesystem has
 * no ->fiemap, -EBADR for flags it does not take.
 */
struct kfs_fiemap_extent {
	kfs_api_u64 logical;
	kfs_api_u64 physical;
	kfs_api_u64 length;
	kfs_api_u32 flags;
};
int kfs_fiemap(struct kfs_node *n, kfs_api_u64 start, kfs_api_u64 len, kfs_api_u32 flags,
	       struct kfs_fiemap_extent *ext, kfs_api_u32 max);

/* ------------------------------------------------------------ directories */

/*
 * Calls emit for each entry from position pos on (iterate_shared under the
 * directory's i_rwsem held shared).  next is the position after the entry.
 * emit returns non-zero to stop early (the entry it refused is not consumed).
 * Returns 0 or a negative errno.
 */
typedef int (*kfs_dirent_fn)(void *ctx, const char *name, int namelen,
			     kfs_api_u64 ino, unsigned int dtype, kfs_api_s64 next);
int kfs_readdir(struct kfs_file *dir, kfs_api_s64 pos, kfs_dirent_fn emit, void *ctx);

/* ----------------------------------------------------------------- xattrs */

kfs_api_ssize_t kfs_getxattr(struct kfs_node *n, const char *name, void *buf,
			     kfs_api_size_t size);
kfs_api_ssize_t kfs_listxattr(struct kfs_node *n, char *buf, kfs_api_size_t size);
/* flags: XATTR_CREATE 1, XATTR_REPLACE 2 */
int kfs_setxattr(struct kfs_node *n, const char *name, const void *value,
		 kfs_api_size_t size, int flags);
int kfs_removexattr(struct kfs_node *n, const char *name);

#endif /* _KFS_API_H */
