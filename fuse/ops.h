/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the operation files (ops_*.c): each FUSE request is a
 * short function that enters (kfs_req_enter), resolves its nodeid, calls one
 * kfs_api function, leaves (kfs_req_leave) and replies.
 */
#ifndef KFS_FUSE_OPS_H
#define KFS_FUSE_OPS_H

#include <errno.h>
#include <sys/stat.h>

#include <fuse_lowlevel.h>

#include "kfs_fuse.h"

/*
 * An open file or directory rides in fi->fh, wrapped so that files the
 * kernel never released (a connection torn down under open files) can be
 * closed before the unmount.
 */
struct kfs_open {
	struct kfs_open *prev, *next;
	struct kfs_file *file;
};

static inline struct kfs_file *fh_file(const struct fuse_file_info *fi)
{
	return ((struct kfs_open *)(uintptr_t)fi->fh)->file;
}

/* Wraps f into fi->fh; false (f released) when out of memory. */
bool kfs_open_track(struct fuse_file_info *fi, struct kfs_file *f);
/* Releases the file behind fi->fh and forgets it. */
void kfs_open_release(struct fuse_file_info *fi);

static inline void reply_err(fuse_req_t req, int err)
{
	fuse_reply_err(req, err < 0 ? -err : err);
}

void kfs_attr_to_stat(const struct kfs_attr *a, struct stat *st);

/*
 * Fills e for node n (reference consumed), a name the host may cache for
 * entry_timeout seconds (kfs_entry_timeout of its directory), and records
 * the kernel's lookup: 0 or -errno.  After a failed reply the caller undoes
 * the lookup with kfs_entry_undo.
 */
int kfs_fill_entry(struct kfs_node *n, double entry_timeout, struct fuse_entry_param *e);
void kfs_entry_undo(const struct fuse_entry_param *e);
/* Replies e (err == 0) or the error; a reply the kernel refused is undone. */
void kfs_reply_entry(fuse_req_t req, int err, struct fuse_entry_param *e);

/*
 * Search permission and cached names (revoke.c).  Without
 * default_permissions, names are cached only in directories everybody may
 * search; a chmod that ends that marks the directory: a thread of its own
 * invalidates its cached names, and LOOKUPs of the directory are answered
 * only after that.
 */
bool kfs_dir_open_to_all(struct kfs_node *dir);
/* The entry (or, negative, the negative-entry) timeout for names in dir. */
double kfs_entry_timeout(struct kfs_node *dir, bool negative);
/* A mark, taken before the change it is for (NULL: out of memory). */
struct revoke *kfs_revoke_prepare(void);
void kfs_revoke_discard(struct revoke *r);
/* Marks directory nodeid (r consumed): its cached names go. */
void kfs_revoke_mark(struct revoke *r, uint64_t nodeid);
/*
 * For a LOOKUP about to answer e: if e's node is a marked directory, the
 * reply is held (and sent by the revoker) and true returned.
 */
bool kfs_revoke_hold(fuse_req_t req, const struct fuse_entry_param *e);
/* Invalidates one name (after the reply that moved it there). */
void kfs_revoke_name(uint64_t parent, const char *name);

/* Ops, grouped by file. */
void kfs_op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name);
void kfs_op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup);
void kfs_op_forget_multi(fuse_req_t req, size_t count, struct fuse_forget_data *forgets);
void kfs_op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
		    struct fuse_file_info *fi);
void kfs_op_readlink(fuse_req_t req, fuse_ino_t ino);
void kfs_op_access(fuse_req_t req, fuse_ino_t ino, int mask);
void kfs_op_statfs(fuse_req_t req, fuse_ino_t ino);

void kfs_op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		  dev_t rdev);
void kfs_op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode);
void kfs_op_symlink(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name);
void kfs_op_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname);
void kfs_op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name);
void kfs_op_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name);
void kfs_op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		   fuse_ino_t newparent, const char *newname, unsigned int flags);

void kfs_op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		   struct fuse_file_info *fi);
void kfs_op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		 struct fuse_file_info *fi);
void kfs_op_write_buf(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off,
		      struct fuse_file_info *fi);
void kfs_op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi);
void kfs_op_fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t off, off_t len,
		      struct fuse_file_info *fi);
void kfs_op_lseek(fuse_req_t req, fuse_ino_t ino, off_t off, int whence,
		  struct fuse_file_info *fi);
void kfs_op_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg,
		  struct fuse_file_info *fi, unsigned int flags, const void *in_buf,
		  size_t in_bufsz, size_t out_bufsz);

void kfs_op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi);
void kfs_op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			struct fuse_file_info *fi);
void kfs_op_releasedir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void kfs_op_fsyncdir(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi);

void kfs_op_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value,
		     size_t size, int flags);
void kfs_op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size);
void kfs_op_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size);
void kfs_op_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name);

void kfs_op_init(void *userdata, struct fuse_conn_info *conn);

#endif /* KFS_FUSE_OPS_H */
