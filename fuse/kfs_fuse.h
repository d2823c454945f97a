/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kfs programs: one FUSE lowlevel adapter for every filesystem built in.
 *
 * Host world: libc, libfuse3 and the plain-C in-process API (kfs_api.h).
 * Never includes a compat/include header.
 */
#ifndef KFS_FUSE_H
#define KFS_FUSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/types.h>

#include <fuse_lowlevel.h>

#include "kfs_api.h"

/* ------------------------------------------------------------ command line */

/* Everything the command line and the -o list decide. */
struct kfs_opts {
	const char *prog;		/* argv[0]'s base name, for messages */
	const char *fixed_type;		/* set when run as kfs-TYPE */
	const char *fstype;		/* -t, or the prober's choice */
	const char *probed[4];		/* the prober's candidates, best first */
	int nprobed;
	const char *image;		/* as given */
	char *image_abs;		/* absolute path: the default fsname */
	const char *mountpoint;		/* as given */
	char *mnt_abs;			/* absolute path */

	bool foreground, single, debug;
	bool readonly;
	bool default_permissions;
	bool nosandbox;
	char *user;			/* -o user=NAME: who a root daemon becomes */
	uid_t run_uid;			/* user's uid and gid (main.c resolves them) */
	gid_t run_gid;
	bool writeback_cache;		/* FUSE writeback cache (default on) */
	bool splice;			/* splice read/write/move (default on) */
	int readdirplus;		/* 0 no, 1 yes, 2 auto (default) */
	unsigned int max_threads;	/* session loop workers, 0 = libfuse default */

	uint64_t cache_limit;		/* -o cache=SIZE, 0 = default */
	int part;			/* -o part=N, 0 = none */
	int64_t offset;			/* -o offset=BYTES, -1 = none */
	int64_t size;			/* bytes from offset, 0 = to the end */

	double entry_timeout, attr_timeout, negative_timeout;

	char *fsname, *subtype;		/* NULL: image_abs, "kfs-TYPE" */
	char *fs_data;			/* the filesystem's own options */
	char *fuse_mount_opts;		/* handed to libfuse (allow_other, nodev, ...) */
};

/* Splits one -o list into o.  Prints one line and returns -1 on error. */
int kfs_parse_mount_opts(struct kfs_opts *o, const char *list);

void kfs_print_help(const char *prog, bool fixed);

/* Prints "PROG: ..." as one line on stderr. */
void kfs_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern const char *kfs_progname;

/* ------------------------------------------------------- image inspection */

/*
 * Recognising images, partition tables: tools/common (kfs_probe.h,
 * kfs_parts.h), shared with the tools.  The first built-in type among the
 * prober's candidates (needs kfs_init: runs in the daemon) or NULL, after
 * printing why not.
 */
const char *kfs_resolve_type(struct kfs_opts *o);

/* ---------------------------------------------------------------- serving */

struct kfs_server {
	struct kfs_mount *mnt;
	struct fuse_session *se;
	const struct kfs_opts *opts;
	unsigned int max_write;
	bool exportable;
	bool has_xattr;		/* the fs has xattr handlers (else ENOSYS) */
	bool readonly;
	bool writeback;		/* FUSE writeback cache negotiated */
};
extern struct kfs_server kfs_srv;

extern const struct fuse_lowlevel_ops kfs_ll_ops;

/*
 * Mounts and serves until unmounted.  ready_fd (-1 in the foreground) gets
 * "serving\n" once the mount is up; any failure before that is printed as
 * one line.  Returns the process exit status.
 */
int kfs_serve(struct kfs_opts *o, int ready_fd);

/*
 * The thread that invalidates names the host caches in a directory whose
 * search permission a chmod narrowed (revoke.c): started before serving
 * (0 or -errno), stopped after the session loop, once what is marked is done.
 */
int kfs_revoke_start(void);
void kfs_revoke_stop(void);

/*
 * The "major:minor" of the FUSE mount on mnt, from /proc/self/mountinfo (""
 * if none): unlike stat(), reading it never sends a request to ourselves.
 */
void kfs_fuse_mount_dev(const char *mnt, char *dev, size_t len);

/* kfs -u MOUNTPOINT: unmounts and waits until the daemon has exited. */
int kfs_unmount_wait(const char *mountpoint);

/* Private ioctl on the root directory: the daemon's pid (for kfs -u). */
#define KFS_IOC_DAEMON_PID	_IOR('K', 0x51, uint64_t)

/* ---------------------------------------------------------------- sandbox */

/*
 * sandbox.c: called once the filesystem and the FUSE session are mounted
 * and before the first request: starts the unconfined unmount helper, then
 * (unless -o nosandbox) drops to o->run_uid/run_gid when root, sets
 * no_new_privs, applies Landlock and the seccomp allow-list.  0, or -1 after
 * printing one line (the daemon must not serve then).
 */
int kfs_sandbox_enter(const struct kfs_opts *o, bool to_syslog);
/* Whether the seccomp filter is in force. */
bool kfs_sandboxed(void);
/* Whether workers may open /dev/fuse for libfuse's clone_fd (as the new user). */
bool kfs_sandbox_clone_fd_ok(void);
/*
 * After the session loop: unmounts the FUSE mount if it is still there
 * (through the helper: a confined daemon may not), then fuse_session_unmount
 * when that is harmless.  Replaces fuse_session_unmount in serve.c.
 */
void kfs_sandbox_unmount(struct fuse_session *se);
/* /proc opened before confinement (openat base for callers' groups), or -1. */
extern int kfs_proc_fd;
/*
 * False when the kfs_api implementation works on host files by path while
 * serving (the test double kfs-hostdir defines kfs_api_serves_host_files as
 * true): the sandbox then stays off.
 */
bool kfs_sandbox_possible(void);

/* ------------------------------------------------------ nodeids and nodes */

/*
 * The nodeid table.  A nodeid is never a pointer: it is derived from the
 * inode number (root is FUSE_ROOT_ID) and looked up here.  The table holds
 * one kfs_node reference per nodeid the kernel knows, with the kernel's
 * lookup count; the reference is dropped when FORGET brings the count to 0.
 */
int kfs_nodes_init(struct kfs_node *root);
/*
 * Records one kernel lookup of node (which the caller holds a reference to;
 * the reference is consumed).  Returns the nodeid, or 0 with -errno in *err.
 */
uint64_t kfs_nodes_remember(struct kfs_node *node, int *err);
/* A new reference to the node behind nodeid, or NULL (stale nodeid). */
struct kfs_node *kfs_nodes_get(uint64_t nodeid);
/* Drops nlookup kernel lookups of nodeid. */
void kfs_nodes_forget(uint64_t nodeid, uint64_t nlookup);
/* At unmount: drops every reference the kernel never forgot; returns how many. */
size_t kfs_nodes_release_all(void);
/* At unmount: closes every file the kernel never released; returns how many. */
size_t kfs_open_release_all(void);
/* The nodeid a node has or would have. */
uint64_t kfs_nodeid_of(struct kfs_node *node);

/* --------------------------------------------------------------- requests */

struct fuse_req;
/* Adopts the worker thread and gives it the caller's credentials. */
void kfs_req_enter(struct fuse_req *req);
/* Ends what kfs_req_enter started (interrupt hook); call before replying. */
void kfs_req_leave(struct fuse_req *req);
/*
 * The worker's I/O buffer (page aligned, at least len bytes, reused by the
 * next request on the thread, freed when the thread ends); NULL: no memory.
 */
char *kfs_thread_buf(size_t len);

#endif /* KFS_FUSE_H */
