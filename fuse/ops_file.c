/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Requests on open files: open, create, read, write, flush, release, fsync,
 * fallocate, lseek and the flag ioctls.
 */
#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops.h"

/*
 * The open flags kfs gets.  The kernel has dropped O_CREAT, O_EXCL and
 * O_NOCTTY already.  With the writeback cache the host kernel owns the
 * file size: it turns appends into writes at its own end of file (so
 * O_APPEND must not move them again here), and it reads pages around partial
 * writes through the writer's handle.
 */
static int open_flags(int flags)
{
	if (kfs_srv.opts->writeback_cache) {
		flags &= ~O_APPEND;
		if ((flags & O_ACCMODE) == O_WRONLY)
			flags |= KFS_OPEN_CACHE_READ;
	}
	return flags;
}

/* What the host kernel may keep for an open file: only kfs changes it. */
static void open_reply_flags(struct fuse_file_info *fi)
{
	fi->keep_cache = 1;
}

void kfs_op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct kfs_file *f = NULL;
	struct kfs_node *n;
	int err = -ESTALE;

	kfs_req_enter(req);
	if ((n = kfs_nodes_get(ino))) {
		err = kfs_open(n, open_flags(fi->flags), &f);
		kfs_node_put(n);
		if (!err && !kfs_open_track(fi, f))
			err = -ENOMEM;
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	open_reply_flags(fi);
	if (fuse_reply_open(req, fi)) {
		/* The opener is gone (interrupted): nobody will release this. */
		kfs_req_enter(req);
		kfs_open_release(fi);
		kfs_req_leave(req);
	}
}

void kfs_op_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		   struct fuse_file_info *fi)
{
	struct fuse_entry_param e;
	struct kfs_file *f = NULL;
	struct kfs_node *dir, *n = NULL;
	int err = -ESTALE;

	kfs_req_enter(req);
	if ((dir = kfs_nodes_get(parent))) {
		err = kfs_create(dir, name, mode, open_flags(fi->flags) | O_CREAT, &n, &f);
		if (!err) {
			err = kfs_fill_entry(n, kfs_entry_timeout(dir, false), &e);
			if (err)
				kfs_release(f);
			else if (!kfs_open_track(fi, f)) {
				kfs_entry_undo(&e);
				err = -ENOMEM;
			}
		}
		kfs_node_put(dir);
	}
	kfs_req_leave(req);
	if (err) {
		reply_err(req, err);
		return;
	}
	open_reply_flags(fi);
	if (fuse_reply_create(req, &e, fi)) {
		kfs_req_enter(req);
		kfs_entry_undo(&e);
		kfs_open_release(fi);
		kfs_req_leave(req);
	}
}

void kfs_op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		 struct fuse_file_info *fi)
{
	struct fuse_bufvec bv = FUSE_BUFVEC_INIT(0);
	kfs_api_ssize_t n;
	char *buf;

	(void)ino;
	kfs_req_enter(req);
	buf = kfs_thread_buf(size);
	n = buf ? kfs_read(fh_file(fi), buf, size, off) : -ENOMEM;
	/*
	 * read(2) may stop short of an error (filemap_read returns what it
	 * copied; the error comes with the next call), but the host takes a
	 * short READ reply for the end of the file -- and may even shrink its
	 * i_size to it.  So read on until the request is full, the file ends
	 * (0), or the error comes, which then answers the whole request.
	 * Not for O_DIRECT: the next offset would be unaligned (EINVAL), and
	 * the host takes a short direct READ as it comes.  A read that simply
	 * reached i_size (every file's last READ) is not retried.
	 */
	while (n > 0 && (size_t)n < size && !(fi->flags & O_DIRECT) &&
	       off + n < kfs_file_size(fh_file(fi))) {
		kfs_api_ssize_t more = kfs_read(fh_file(fi), buf + n, size - (size_t)n, off + n);

		if (more <= 0) {
			if (more < 0)
				n = more;
			break;
		}
		n += more;
	}
	kfs_req_leave(req);
	if (n < 0) {
		reply_err(req, (int)n);
		return;
	}
	bv.buf[0].mem = buf;
	bv.buf[0].size = (size_t)n;
	/*
	 * The buffer is reused, so its pages are never gifted (no SPLICE_MOVE);
	 * with splice negotiated libfuse vmsplices it and the pipe is drained
	 * before the reply returns.
	 */
	fuse_reply_data(req, &bv, kfs_srv.opts->splice ? 0 : FUSE_BUF_NO_SPLICE);
}

/* Memory alignment direct I/O asks for: the logical block size of any image. */
#define KFS_DIRECT_ALIGN	4096u

/*
 * Writes all of buf, or fails.  A WRITE from the host's page cache
 * (writeback cache: fi->writepage) has no caller to take a short count, and
 * the host kernel does not look at the count of such a reply: a short write
 * (the fs filled up part way) would silently drop the rest of the page.
 * Writing on gives the fs's own error (ENOSPC, EDQUOT, EFBIG, EIO) for the
 * rest, which the host records on the mapping and fsync/close report, as
 * they would for a kernel filesystem's failed writeback.  A write(2) that
 * reaches us directly keeps POSIX's short count.
 */
static kfs_api_ssize_t write_out(struct fuse_file_info *fi, const char *buf, size_t len,
				 off_t off)
{
	size_t done = 0;
	kfs_api_ssize_t n;

	do {
		n = kfs_write(fh_file(fi), buf + done, len - done, off + (off_t)done);
		if (n < 0)
			return done && !fi->writepage ? (kfs_api_ssize_t)done : n;
		done += (size_t)n;
	} while (fi->writepage && n > 0 && done < len);
	if (fi->writepage && done < len)
		return -EIO;	/* the fs wrote nothing and said nothing */
	return (kfs_api_ssize_t)done;
}

void kfs_op_write_buf(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off,
		      struct fuse_file_info *fi)
{
	size_t len = fuse_buf_size(bufv);
	kfs_api_ssize_t n;

	(void)ino;
	kfs_req_enter(req);
	if (bufv->count == 1 && !(bufv->buf[0].flags & FUSE_BUF_IS_FD) &&
	    !((fi->flags & O_DIRECT) &&
	      ((uintptr_t)bufv->buf[0].mem + bufv->off) & (KFS_DIRECT_ALIGN - 1))) {
		n = write_out(fi, (const char *)bufv->buf[0].mem + bufv->off, len, off);
	} else {
		/*
		 * Spliced from /dev/fuse into a pipe, or O_DIRECT data that sits
		 * after the request headers in libfuse's buffer: one copy into
		 * the page-aligned thread buffer.  The caller's own alignment
		 * never reaches us through FUSE, and direct I/O in the fs wants
		 * aligned memory (as blockdev_direct_IO does in the kernel).
		 */
		struct fuse_bufvec mem = FUSE_BUFVEC_INIT(len);
		char *buf = kfs_thread_buf(len);

		n = -ENOMEM;
		if (buf) {
			mem.buf[0].mem = buf;
			n = fuse_buf_copy(&mem, bufv, 0);
			if (n >= 0)
				n = write_out(fi, buf, (size_t)n, off);
		}
	}
	kfs_req_leave(req);
	if (n < 0)
		reply_err(req, (int)n);
	else
		fuse_reply_write(req, (size_t)n);
}

void kfs_op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	int err;

	(void)ino;
	/*
	 * No ->flush: close(2) would return 0 and do nothing else, so ENOSYS
	 * tells the host to stop sending FLUSH (one round trip per close);
	 * it still writes its dirty pages back before close returns.
	 */
	if (!kfs_file_has_flush(fh_file(fi))) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	kfs_req_enter(req);
	err = kfs_flush(fh_file(fi));
	kfs_req_leave(req);
	reply_err(req, err);
}

void kfs_op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	kfs_req_enter(req);
	kfs_open_release(fi);
	kfs_req_leave(req);
	/* close(2) has returned long ago: release errors reach nobody. */
	fuse_reply_err(req, 0);
}

void kfs_op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	int err;

	(void)ino;
	kfs_req_enter(req);
	err = kfs_fsync(fh_file(fi), datasync);
	kfs_req_leave(req);
	reply_err(req, err);
}

void kfs_op_fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t off, off_t len,
		      struct fuse_file_info *fi)
{
	int err;

	(void)ino;
	kfs_req_enter(req);
	err = kfs_fallocate(fh_file(fi), mode, off, len);
	kfs_req_leave(req);
	reply_err(req, err);
}

void kfs_op_lseek(fuse_req_t req, fuse_ino_t ino, off_t off, int whence,
		  struct fuse_file_info *fi)
{
	kfs_api_s64 pos;

	(void)ino;
	/*
	 * With the writeback cache the host kernel holds size and data the
	 * filesystem has not seen yet, and it sends LSEEK without writing them
	 * back: a hole search here would answer for a stale file.  ENOSYS makes
	 * the kernel use generic_file_llseek on its own, current view (all
	 * data up to the size -- what ext2 and minix answer in the kernel too).
	 */
	if (kfs_srv.opts->writeback_cache && !kfs_srv.readonly) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	kfs_req_enter(req);
	pos = kfs_lseek(fh_file(fi), off, whence);
	kfs_req_leave(req);
	if (pos < 0)
		reply_err(req, (int)pos);
	else
		fuse_reply_lseek(req, pos);
}

/*
 * FS_IOC_FSGETXATTR/FSSETXATTR through the flags, as the kernel's
 * fileattr_fill_flags does for filesystems that only have flags.
 */
static const struct {
	uint32_t flag, xflag;
} xflag_map[] = {
	{ FS_SYNC_FL, FS_XFLAG_SYNC },
	{ FS_IMMUTABLE_FL, FS_XFLAG_IMMUTABLE },
	{ FS_APPEND_FL, FS_XFLAG_APPEND },
	{ FS_NODUMP_FL, FS_XFLAG_NODUMP },
	{ FS_NOATIME_FL, FS_XFLAG_NOATIME },
};

static uint32_t flags_to_xflags(uint32_t flags)
{
	uint32_t x = 0;
	size_t i;

	for (i = 0; i < sizeof(xflag_map) / sizeof(xflag_map[0]); i++)
		if (flags & xflag_map[i].flag)
			x |= xflag_map[i].xflag;
	return x;
}

static int set_xflags(struct kfs_node *n, uint32_t xflags)
{
	kfs_api_u32 flags;
	size_t i;
	int err = kfs_get_flags(n, &flags);

	if (err)
		return err;
	for (i = 0; i < sizeof(xflag_map) / sizeof(xflag_map[0]); i++) {
		flags &= ~xflag_map[i].flag;
		if (xflags & xflag_map[i].xflag)
			flags |= xflag_map[i].flag;
		xflags &= ~xflag_map[i].xflag;
	}
	if (xflags)
		return -EOPNOTSUPP;
	return kfs_set_flags(n, flags);
}

/* The flag ioctls, on the node behind the open file (in kfs_req_enter). */
static int ioctl_flags(struct fuse_file_info *fi, unsigned int cmd, kfs_api_u32 *fl,
		       const struct fsxattr *fx)
{
	struct kfs_node *n = kfs_file_node(fh_file(fi));	/* new reference */
	int err;

	switch (cmd) {
	case FS_IOC_GETFLAGS:
	case FS_IOC_FSGETXATTR:
		err = kfs_get_flags(n, fl);
		break;
	case FS_IOC_SETFLAGS:
		err = kfs_set_flags(n, *fl);
		break;
	default:	/* FS_IOC_FSSETXATTR */
		err = set_xflags(n, fx->fsx_xflags);
		break;
	}
	kfs_node_put(n);
	return err;
}

void kfs_op_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg,
		  struct fuse_file_info *fi, unsigned int flags, const void *in_buf,
		  size_t in_bufsz, size_t out_bufsz)
{
	kfs_api_u32 fl = 0;
	struct fsxattr fx;
	uint64_t pid;
	int err;

	(void)arg;
	if (flags & FUSE_IOCTL_COMPAT) {
		fuse_reply_err(req, ENOTTY);
		return;
	}
	memset(&fx, 0, sizeof(fx));
	switch (cmd) {
	case KFS_IOC_DAEMON_PID:
		/* For kfs -u, which waits for this process to exit. */
		if (ino != FUSE_ROOT_ID || out_bufsz < sizeof(pid))
			break;
		pid = (uint64_t)getpid();
		fuse_reply_ioctl(req, 0, &pid, sizeof(pid));
		return;
	case FS_IOC_GETFLAGS:
		if (!out_bufsz)
			break;
		kfs_req_enter(req);
		err = ioctl_flags(fi, cmd, &fl, NULL);
		kfs_req_leave(req);
		if (err) {
			reply_err(req, err);
			return;
		}
		/* The kernel asks with an int; the ioctl's nominal size is a long. */
		if (out_bufsz >= sizeof(long)) {
			long l = fl;

			fuse_reply_ioctl(req, 0, &l, sizeof(l));
		} else {
			fuse_reply_ioctl(req, 0, &fl, sizeof(fl));
		}
		return;
	case FS_IOC_SETFLAGS:
		if (in_bufsz < sizeof(fl))
			break;
		memcpy(&fl, in_buf, sizeof(fl));
		kfs_req_enter(req);
		err = ioctl_flags(fi, cmd, &fl, NULL);
		kfs_req_leave(req);
		if (err)
			reply_err(req, err);
		else
			fuse_reply_ioctl(req, 0, NULL, 0);
		return;
	case FS_IOC_FSGETXATTR:
		if (out_bufsz < sizeof(fx))
			break;
		kfs_req_enter(req);
		err = ioctl_flags(fi, cmd, &fl, NULL);
		kfs_req_leave(req);
		if (err) {
			reply_err(req, err);
			return;
		}
		fx.fsx_xflags = flags_to_xflags(fl);
		fuse_reply_ioctl(req, 0, &fx, sizeof(fx));
		return;
	case FS_IOC_FSSETXATTR:
		if (in_bufsz < sizeof(fx))
			break;
		memcpy(&fx, in_buf, sizeof(fx));
		kfs_req_enter(req);
		err = ioctl_flags(fi, cmd, &fl, &fx);
		kfs_req_leave(req);
		if (err)
			reply_err(req, err);
		else
			fuse_reply_ioctl(req, 0, NULL, 0);
		return;
	}
	fuse_reply_err(req, ENOTTY);
}
