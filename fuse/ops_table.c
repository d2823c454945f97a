/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one table of FUSE lowlevel operations, and what kfs asks of the
 * connection.  No filesystem is named here: every filesystem gets the same
 * table, and an operation it lacks answers what the kernel would answer
 * (kfs_api gives that errno), never ENOSYS.
 */
#include "ops.h"

/*
 * 1 MiB - 4 KiB: libfuse's request buffer is max_write plus a page for the
 * header, and it must fit the pipe (fs.pipe-max-size, 1 MiB by default) or
 * libfuse silently stops splicing (with -o splice requests are read into
 * that buffer, replies of READ data go through the pipe).
 */
#define KFS_MAX_WRITE	((1u << 20) - 4096)

static void want(struct fuse_conn_info *conn, unsigned int cap, bool on)
{
	if (on && (conn->capable & cap))
		conn->want |= cap;
	else
		conn->want &= ~cap;
}

void kfs_op_init(void *userdata, struct fuse_conn_info *conn)
{
	const struct kfs_opts *o = kfs_srv.opts;
	unsigned int gran;

	(void)userdata;
	want(conn, FUSE_CAP_ASYNC_READ, true);
	want(conn, FUSE_CAP_ATOMIC_O_TRUNC, true);
	want(conn, FUSE_CAP_PARALLEL_DIROPS, true);
	/* The VFS slice applies the umask itself, after default ACLs. */
	want(conn, FUSE_CAP_DONT_MASK, true);
	want(conn, FUSE_CAP_IOCTL_DIR, true);
	want(conn, FUSE_CAP_EXPORT_SUPPORT, kfs_srv.exportable);
	want(conn, FUSE_CAP_READDIRPLUS, o->readdirplus != 0);
	want(conn, FUSE_CAP_READDIRPLUS_AUTO, o->readdirplus == 2);
	want(conn, FUSE_CAP_WRITEBACK_CACHE, o->writeback_cache && !kfs_srv.readonly);
	/*
	 * Requests are read with read(2), not spliced: kfs copies WRITE data
	 * into memory either way (the fs writes it into its own page cache),
	 * so splicing a request into a pipe only adds a second system call per
	 * request.  Measured (tools/bench, ext2, medians of 5): the daemon's CPU
	 * time fell 34% on unpack and 41% on warm walks, walks took 23% less.
	 * Replies still splice (READ data of two pages or more).
	 */
	want(conn, FUSE_CAP_SPLICE_READ, false);
	want(conn, FUSE_CAP_SPLICE_WRITE, o->splice);
	want(conn, FUSE_CAP_SPLICE_MOVE, o->splice);
	/* Only kfs writes this filesystem: what the kernel caches stays true. */
	want(conn, FUSE_CAP_CACHE_SYMLINKS, true);
	want(conn, FUSE_CAP_AUTO_INVAL_DATA, false);
	/* The host kernel clears set-id bits itself and sends the mode change. */
	want(conn, FUSE_CAP_HANDLE_KILLPRIV, false);
	/* Locks stay in the host kernel (no getlk/setlk/flock here). */
	want(conn, FUSE_CAP_POSIX_LOCKS, false);
	want(conn, FUSE_CAP_FLOCK_LOCKS, false);
	/* ACLs would need default_permissions semantics in the kernel: not offered. */
	want(conn, FUSE_CAP_POSIX_ACL, false);

	conn->max_write = KFS_MAX_WRITE;
	conn->max_read = 0;
	conn->max_readahead = 1u << 20;
	conn->max_background = 64;
	conn->congestion_threshold = 48;
	gran = kfs_mount_time_gran(kfs_srv.mnt);
	conn->time_gran = gran ? gran : 1;
	kfs_srv.max_write = conn->max_write;
	kfs_srv.writeback = conn->want & FUSE_CAP_WRITEBACK_CACHE;
}

const struct fuse_lowlevel_ops kfs_ll_ops = {
	.init		= kfs_op_init,
	.lookup		= kfs_op_lookup,
	.forget		= kfs_op_forget,
	.forget_multi	= kfs_op_forget_multi,
	.getattr	= kfs_op_getattr,
	.setattr	= kfs_op_setattr,
	.readlink	= kfs_op_readlink,
	.mknod		= kfs_op_mknod,
	.mkdir		= kfs_op_mkdir,
	.unlink		= kfs_op_unlink,
	.rmdir		= kfs_op_rmdir,
	.symlink	= kfs_op_symlink,
	.rename		= kfs_op_rename,
	.link		= kfs_op_link,
	.open		= kfs_op_open,
	.read		= kfs_op_read,
	.write_buf	= kfs_op_write_buf,
	.flush		= kfs_op_flush,
	.release	= kfs_op_release,
	.fsync		= kfs_op_fsync,
	.opendir	= kfs_op_opendir,
	.readdir	= kfs_op_readdir,
	.readdirplus	= kfs_op_readdirplus,
	.releasedir	= kfs_op_releasedir,
	.fsyncdir	= kfs_op_fsyncdir,
	.statfs		= kfs_op_statfs,
	.setxattr	= kfs_op_setxattr,
	.getxattr	= kfs_op_getxattr,
	.listxattr	= kfs_op_listxattr,
	.removexattr	= kfs_op_removexattr,
	.access		= kfs_op_access,
	.create		= kfs_op_create,
	.ioctl		= kfs_op_ioctl,
	.fallocate	= kfs_op_fallocate,
	.lseek		= kfs_op_lseek,
};
