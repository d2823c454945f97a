// SPDX-License-Identifier: GPL-2.0-only
/*
 * Submitting bios, plugging, and the engine that carries them to the host.
 *
 * The contract (kernel-doc of submit_bio, bio_endio and blk_start_plug in
 * 6.1's block/blk-core.c and block/bio.c):
 *  - submit_bio() hands a bio over; bi_end_io runs exactly once, later,
 *    with bi_status telling how it went.  Completion may happen before
 *    submit_bio() returns (an invalid bio fails at once).
 *  - REQ_PREFLUSH: writes completed before this bio was submitted are
 *    durable before its data is written.  REQ_FUA: its data is durable when
 *    it completes.  REQ_OP_DISCARD / REQ_OP_WRITE_ZEROES act on a range.
 *  - Between blk_start_plug() and blk_finish_plug() a task's bios are held
 *    and leave together; the plug is flushed too when the task sleeps.
 *
 * How kfs keeps it: every bio (or run of contiguous bios merged from a plug)
 * becomes one request (struct kfs_io) that goes through up to three host
 * operations -- fdatasync for PREFLUSH, the data transfer, fdatasync for
 * FUA -- each submitted through kfs_host's aio interface and completed by
 * the disk's reaper thread, which then runs bio_endio().  Transfers O_DIRECT
 * cannot do (misaligned memory, offsets or lengths, or EINVAL from the host)
 * go through the image's buffered descriptor instead; a short transfer is
 * resubmitted for the rest; a failure ends every bio of the request with the
 * status errno_to_blk_status() gives.  Discard and write-zeroes are
 * kfs_host->fallocate calls.  A disk without aio (aio_setup refused) does
 * the same steps synchronously in the submitting thread.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/kthread.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "blk.h"

/* ------------------------------------------------------------ statuses */

/*
 * The errno each status stands for, and its name; errno_to_blk_status()
 * searches the same table, so the first status listed for an errno wins.
 */
static const struct {
	int errno;
	const char *name;
} blk_status_table[] = {
	[BLK_STS_OK]			= { 0,			"" },
	[BLK_STS_NOTSUPP]		= { -EOPNOTSUPP,	"operation not supported" },
	[BLK_STS_TIMEOUT]		= { -ETIMEDOUT,		"timeout" },
	[BLK_STS_NOSPC]			= { -ENOSPC,		"critical space allocation" },
	[BLK_STS_TRANSPORT]		= { -ENOLINK,		"recoverable transport" },
	[BLK_STS_TARGET]		= { -EREMOTEIO,		"critical target" },
	[BLK_STS_NEXUS]			= { -EBADE,		"critical nexus" },
	[BLK_STS_MEDIUM]		= { -ENODATA,		"critical medium" },
	[BLK_STS_PROTECTION]		= { -EILSEQ,		"protection" },
	[BLK_STS_RESOURCE]		= { -ENOMEM,		"kernel resource" },
	[BLK_STS_DEV_RESOURCE]		= { -EBUSY,		"device resource" },
	[BLK_STS_AGAIN]			= { -EAGAIN,		"nonblocking retry" },
	[BLK_STS_OFFLINE]		= { -ENODEV,		"device offline" },
	[BLK_STS_DM_REQUEUE]		= { -EREMCHG,		"dm internal retry" },
	[BLK_STS_ZONE_OPEN_RESOURCE]	= { -ETOOMANYREFS,	"open zones exceeded" },
	[BLK_STS_ZONE_ACTIVE_RESOURCE]	= { -EOVERFLOW,		"active zones exceeded" },
	[BLK_STS_IOERR]			= { -EIO,		"I/O" },
};

blk_status_t errno_to_blk_status(int errno)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(blk_status_table); i++)
		if (blk_status_table[i].name && blk_status_table[i].errno == errno)
			return (__force blk_status_t)i;
	return BLK_STS_IOERR;
}
EXPORT_SYMBOL_GPL(errno_to_blk_status);

int blk_status_to_errno(blk_status_t status)
{
	unsigned int idx = (__force unsigned int)status;

	if (WARN_ON_ONCE(idx >= ARRAY_SIZE(blk_status_table) ||
			 !blk_status_table[idx].name))
		return -EIO;
	return blk_status_table[idx].errno;
}
EXPORT_SYMBOL_GPL(blk_status_to_errno);

static const char *blk_status_name(blk_status_t status)
{
	unsigned int idx = (__force unsigned int)status;

	if (idx >= ARRAY_SIZE(blk_status_table) || !blk_status_table[idx].name)
		return "<unknown>";
	return blk_status_table[idx].name;
}

const char *blk_op_str(enum req_op op)
{
	switch (op) {
	case REQ_OP_READ:		return "READ";
	case REQ_OP_WRITE:		return "WRITE";
	case REQ_OP_FLUSH:		return "FLUSH";
	case REQ_OP_DISCARD:		return "DISCARD";
	case REQ_OP_SECURE_ERASE:	return "SECURE_ERASE";
	case REQ_OP_ZONE_APPEND:	return "ZONE_APPEND";
	case REQ_OP_WRITE_ZEROES:	return "WRITE_ZEROES";
	case REQ_OP_ZONE_OPEN:		return "ZONE_OPEN";
	case REQ_OP_ZONE_CLOSE:		return "ZONE_CLOSE";
	case REQ_OP_ZONE_FINISH:	return "ZONE_FINISH";
	case REQ_OP_ZONE_RESET:		return "ZONE_RESET";
	case REQ_OP_ZONE_RESET_ALL:	return "ZONE_RESET_ALL";
	case REQ_OP_DRV_IN:		return "DRV_IN";
	case REQ_OP_DRV_OUT:		return "DRV_OUT";
	default:			return "UNKNOWN";
	}
}
EXPORT_SYMBOL_GPL(blk_op_str);

/* ------------------------------------------------------------ requests */

enum kfs_io_stage {
	KFS_IO_PREFLUSH,	/* fdatasync before the data (REQ_PREFLUSH) */
	KFS_IO_DATA,		/* the transfer, discard or zeroing */
	KFS_IO_POSTFLUSH,	/* fdatasync after the data (REQ_FUA) */
	KFS_IO_DONE,
};

/*
 * One request: a bio, or several contiguous bios of the same operation
 * merged into a single host transfer.  iov[] holds the memory still to be
 * transferred from iov_idx on (the first entry trimmed after a short
 * transfer); pos/len say where it goes on the host.
 */
struct kfs_io {
	struct kfs_disk *kd;
	struct bio *bios;		/* through bi_next, in device order */
	struct bio *last;
	blk_opf_t opf;
	enum kfs_io_stage stage;
	blk_status_t status;
	bool in_flush;			/* the host op in flight is an fdatasync */
	bool buffered;			/* O_DIRECT refused: use fd_buffered */
	loff_t pos;
	size_t len;
	int iov_idx;
	int iovcnt;
	/*
	 * Written with release before the iocb goes to the host and read with
	 * acquire when its completion is reaped: orders everything the
	 * submitter wrote before the reaper's reads for the memory model (the
	 * host kernel's own ordering is invisible to ThreadSanitizer).
	 */
	int handoff;
	struct kfs_host_iocb iocb;
	struct kfs_host_iovec iov[];
};

/* iocbs collected to go to the host in one aio_submit call. */
struct kfs_batch {
	struct kfs_disk *kd;
	int n;
	struct kfs_host_iocb *iocbs[KFS_BATCH_MAX];
};

static void kfs_io_advance(struct kfs_io *io, struct kfs_batch *b);

static DEFINE_RATELIMIT_STATE(kfs_io_err_rs, 5 * HZ, 10);

static void kfs_io_report(struct kfs_io *io)
{
	struct bio *bio = io->bios;

	if (bio_flagged(bio, BIO_QUIET) || (io->opf & REQ_RAHEAD))
		return;
	if (__ratelimit(&kfs_io_err_rs))
		pr_err("%s error, dev %s, sector %llu op 0x%x:(%s) flags 0x%x\n",
		       blk_status_name(io->status), io->kd->disk.disk_name,
		       (unsigned long long)bio->bi_iter.bi_sector,
		       io->opf & REQ_OP_MASK, blk_op_str(io->opf & REQ_OP_MASK),
		       io->opf & ~REQ_OP_MASK);
}

/* Ends every bio of the request and frees it. */
static void kfs_io_complete(struct kfs_io *io)
{
	struct kfs_disk *kd = io->kd;
	struct bio *bio = io->bios;

	if (io->status)
		kfs_io_report(io);
	while (bio) {
		struct bio *next = bio->bi_next;

		bio->bi_next = NULL;
		if (io->status)
			bio->bi_status = io->status;
		/* As a driver does: the whole bio has been dealt with. */
		bio_advance(bio, bio->bi_iter.bi_size);
		bio_endio(bio);
		bio = next;
	}
	kfree(io);

	/* Under the lock, so that engine_stop cannot free kd under wake_up. */
	spin_lock(&kd->lock);
	if (atomic_dec_and_test(&kd->nr_ios))
		wake_up_all(&kd->idle_wait);
	spin_unlock(&kd->lock);
}

static void kfs_io_fail(struct kfs_io *io, long err)
{
	if (!io->status)
		io->status = errno_to_blk_status(err);
}

/* ------------------------------------------------------- host submission */

/* Hands the batch to the host; what it does not take runs synchronously. */
static void kfs_batch_submit(struct kfs_batch *b);

static void kfs_batch_add(struct kfs_batch *b, struct kfs_io *io)
{
	if ((b->kd && b->kd != io->kd) || b->n == KFS_BATCH_MAX)
		kfs_batch_submit(b);
	b->kd = io->kd;
	smp_store_release(&io->handoff, 1);
	b->iocbs[b->n++] = &io->iocb;
}

static void kfs_io_queue(struct kfs_io *io, struct kfs_batch *b, int fd, int op)
{
	io->iocb.fd = fd;
	io->iocb.op = op;
	io->iocb.offset = io->pos;
	io->iocb.iov = &io->iov[io->iov_idx];
	io->iocb.iovcnt = io->iovcnt - io->iov_idx;
	io->iocb.data = io;
	kfs_batch_add(b, io);
}

/* Whether O_DIRECT can do what is left of the transfer as it stands. */
static bool kfs_io_direct_ok(struct kfs_io *io)
{
	unsigned long mask = io->kd->dio_align - 1;
	int i;

	if (!io->kd->direct || io->buffered)
		return false;
	if (((unsigned long)io->pos | io->len) & mask)
		return false;
	for (i = io->iov_idx; i < io->iovcnt; i++)
		if (((unsigned long)io->iov[i].base | io->iov[i].len) & mask)
			return false;
	return true;
}

static int kfs_io_fd(struct kfs_io *io)
{
	return kfs_io_direct_ok(io) ? io->kd->fd : io->kd->fd_buffered;
}

static long kfs_io_sync_rw(struct kfs_io *io, int fd)
{
	const struct kfs_host_iovec *iov = &io->iov[io->iov_idx];
	int cnt = io->iovcnt - io->iov_idx;

	if (op_is_write(io->opf))
		return kfs_host->pwritev(fd, iov, cnt, io->pos);
	return kfs_host->preadv(fd, iov, cnt, io->pos);
}

/*
 * Accounts the result of a transfer of what was left.  -EINVAL from an
 * O_DIRECT descriptor means the host wants other alignment: retry buffered.
 */
static void kfs_io_data_result(struct kfs_io *io, int fd, long res)
{
	struct kfs_disk *kd = io->kd;

	if (res < 0) {
		if (res == -EINVAL && kd->direct && fd == kd->fd && !io->buffered) {
			io->buffered = true;
			return;
		}
		kfs_io_fail(io, res);
		return;
	}
	if (res == 0 || (size_t)res > io->len) {
		/* Past the end of the host file, or a confused host. */
		kfs_io_fail(io, -EIO);
		return;
	}
	io->pos += res;
	io->len -= res;
	while (res) {
		struct kfs_host_iovec *v = &io->iov[io->iov_idx];

		if ((size_t)res >= v->len) {
			res -= v->len;
			io->iov_idx++;
		} else {
			v->base = (char *)v->base + res;
			v->len -= res;
			res = 0;
		}
	}
}

/* Flush of the host's caches for this file; true when left to the host. */
static bool kfs_io_flush(struct kfs_io *io, struct kfs_batch *b)
{
	struct kfs_disk *kd = io->kd;
	int ret;

	/* Nothing was ever written through a read-only disk. */
	if (!kd->writable)
		return false;
	if (kd->aio_ctx) {
		io->in_flush = true;
		io->iocb.fd = kd->fd;
		io->iocb.op = KFS_AIO_FDSYNC;
		io->iocb.offset = 0;
		io->iocb.iov = NULL;
		io->iocb.iovcnt = 0;
		io->iocb.data = io;
		kfs_batch_add(b, io);
		return true;
	}
	ret = kfs_host->fsync(kd->fd, 1);
	if (ret < 0)
		kfs_io_fail(io, ret);
	return false;
}

/* The data stage; true when a transfer was left to the host. */
static bool kfs_io_data(struct kfs_io *io, struct kfs_batch *b)
{
	struct kfs_disk *kd = io->kd;
	enum req_op op = io->opf & REQ_OP_MASK;
	int ret;

	if (!io->len)
		return false;
	if (op_is_write(io->opf) && !kd->writable) {
		kfs_io_fail(io, -EIO);
		return false;
	}

	switch (op) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		if (kd->aio_ctx) {
			kfs_io_queue(io, b, kfs_io_fd(io),
				     op == REQ_OP_WRITE ? KFS_AIO_WRITE : KFS_AIO_READ);
			return true;
		}
		while (io->len && !io->status) {
			int fd = kfs_io_fd(io);

			kfs_io_data_result(io, fd, kfs_io_sync_rw(io, fd));
		}
		return false;
	case REQ_OP_DISCARD:
		ret = kfs_host->fallocate(kd->fd_buffered, KFS_FALLOC_PUNCH_HOLE,
					  io->pos, io->len);
		break;
	case REQ_OP_WRITE_ZEROES:
		ret = kfs_host->fallocate(kd->fd_buffered, KFS_FALLOC_ZERO_RANGE,
					  io->pos, io->len);
		break;
	default:
		ret = -EOPNOTSUPP;
		break;
	}
	if (ret < 0)
		kfs_io_fail(io, ret);
	io->len = 0;
	return false;
}

/*
 * Runs the request's stages in order until one is left waiting for the
 * host, or the request is finished (then it is completed here).
 */
static void kfs_io_advance(struct kfs_io *io, struct kfs_batch *b)
{
	while (!io->status && io->stage != KFS_IO_DONE) {
		switch (io->stage) {
		case KFS_IO_PREFLUSH:
			io->stage = KFS_IO_DATA;
			if ((io->opf & REQ_PREFLUSH) && kfs_io_flush(io, b))
				return;
			break;
		case KFS_IO_DATA:
			if (kfs_io_data(io, b))
				return;
			io->stage = KFS_IO_POSTFLUSH;
			break;
		case KFS_IO_POSTFLUSH:
			io->stage = KFS_IO_DONE;
			if ((io->opf & REQ_FUA) && op_is_write(io->opf) &&
			    kfs_io_flush(io, b))
				return;
			break;
		case KFS_IO_DONE:
			break;
		}
	}
	kfs_io_complete(io);
}

/* A host operation of the request finished with @res. */
static void kfs_io_event(struct kfs_io *io, long res, struct kfs_batch *b)
{
	if (io->in_flush) {
		io->in_flush = false;
		if (res < 0)
			kfs_io_fail(io, res);
	} else {
		kfs_io_data_result(io, io->iocb.fd, res);
	}
	kfs_io_advance(io, b);
}

/* Does the iocb's operation in this thread, as the host would have. */
static long kfs_iocb_sync(struct kfs_io *io)
{
	if (io->in_flush)
		return kfs_host->fsync(io->iocb.fd, 1);
	return kfs_io_sync_rw(io, io->iocb.fd);
}

static void kfs_batch_submit(struct kfs_batch *b)
{
	struct kfs_disk *kd = b->kd;
	struct kfs_batch again = { };
	int n = b->n, taken, done = 0, i;

	if (!n)
		return;
	b->n = 0;

	/* Keep within the ring; the rest runs synchronously below. */
	spin_lock(&kd->lock);
	taken = min_t(int, n, KFS_AIO_DEPTH - kd->reserved);
	kd->reserved += taken;
	spin_unlock(&kd->lock);

	if (taken > 0) {
		int r = kfs_host->aio_submit(kd->aio_ctx, taken, b->iocbs);

		done = r > 0 ? r : 0;
		if (done) {
			/* Release: pairs with the reaper's acquire of in_ring. */
			atomic_add_return_release(done, &kd->in_ring);
			wake_up(&kd->reaper_wait);
		}
		if (done < taken) {
			spin_lock(&kd->lock);
			kd->reserved -= taken - done;
			spin_unlock(&kd->lock);
		}
	}

	/*
	 * The host refused these (ring full, or an error for this iocb such
	 * as O_DIRECT's EINVAL): do them here.  What they lead to next goes
	 * through a fresh batch.
	 */
	for (i = done; i < n; i++) {
		struct kfs_io *io = b->iocbs[i]->data;

		kfs_io_event(io, kfs_iocb_sync(io), &again);
	}
	kfs_batch_submit(&again);
}

/* The completion thread of a disk: reaps host events, ends requests. */
static int kfs_reaper(void *data)
{
	struct kfs_disk *kd = data;
	struct kfs_host_ioevent ev[KFS_BATCH_MAX];

	for (;;) {
		struct kfs_batch b = { };
		int n, i;

		wait_event(kd->reaper_wait,
			   atomic_read_acquire(&kd->in_ring) > 0 ||
			   kthread_should_stop());
		if (atomic_read_acquire(&kd->in_ring) <= 0) {
			if (kthread_should_stop())
				break;
			continue;
		}
		n = kfs_host->aio_getevents(kd->aio_ctx, 1, KFS_BATCH_MAX, ev, -1);
		if (n <= 0) {
			WARN_ONCE(n < 0, "kfs: aio_getevents on %s failed: %d\n",
				  kd->disk.disk_name, n);
			continue;
		}
		atomic_sub(n, &kd->in_ring);
		spin_lock(&kd->lock);
		kd->reserved -= n;
		spin_unlock(&kd->lock);

		for (i = 0; i < n; i++) {
			struct kfs_io *io = ev[i].data;

			if (smp_load_acquire(&io->handoff) != 1)
				WARN_ONCE(1, "kfs: stray aio completion\n");
			kfs_io_event(io, ev[i].res, &b);
		}
		kfs_batch_submit(&b);
	}
	return 0;
}

int kfs_disk_engine_start(struct kfs_disk *kd)
{
	int ret;

	spin_lock_init(&kd->lock);
	init_waitqueue_head(&kd->reaper_wait);
	init_waitqueue_head(&kd->idle_wait);
	atomic_set(&kd->in_ring, 0);
	atomic_set(&kd->nr_ios, 0);
	kd->reserved = 0;

	ret = kfs_host->aio_setup(KFS_AIO_DEPTH, &kd->aio_ctx);
	if (ret < 0) {
		pr_warn("%s: no asynchronous I/O from the host (%d), doing I/O synchronously\n",
			kd->disk.disk_name, ret);
		kd->aio_ctx = NULL;
		return 0;
	}
	kd->reaper = kthread_run(kfs_reaper, kd, "kfs-io/%d", kd->disk.first_minor);
	if (IS_ERR(kd->reaper)) {
		ret = PTR_ERR(kd->reaper);
		kd->reaper = NULL;
		kfs_host->aio_destroy(kd->aio_ctx);
		kd->aio_ctx = NULL;
		return ret;
	}
	return 0;
}

/*
 * Waits until every request of the disk has completed entirely: not only
 * are its buffers unlocked, its bi_end_io has returned (end_buffer_read_sync
 * drops the read's buffer reference after unlocking it).
 */
void kfs_disk_drain(struct kfs_disk *kd)
{
	wait_event(kd->idle_wait, atomic_read(&kd->nr_ios) == 0);
	/* The last completer may still be inside wake_up_all(). */
	spin_lock(&kd->lock);
	spin_unlock(&kd->lock);
}

/* Waits for every request to finish, then stops the reaper. */
void kfs_disk_engine_stop(struct kfs_disk *kd)
{
	kfs_disk_drain(kd);

	if (kd->reaper) {
		kthread_stop(kd->reaper);
		kd->reaper = NULL;
	}
	if (kd->aio_ctx) {
		kfs_host->aio_destroy(kd->aio_ctx);
		kd->aio_ctx = NULL;
	}
}

int kfs_disk_host_flush(struct kfs_disk *kd)
{
	if (!kd->writable)
		return 0;
	return kfs_host->fsync(kd->fd, 1);
}

/* ----------------------------------------------------- building requests */

static struct kfs_io *kfs_io_alloc(struct kfs_disk *kd, unsigned int nsegs)
{
	/* Like a request tag: waits for memory rather than failing I/O. */
	struct kfs_io *io = kzalloc(struct_size(io, iov, nsegs),
				    GFP_NOIO | __GFP_NOFAIL);

	io->kd = kd;
	io->stage = KFS_IO_PREFLUSH;
	atomic_inc(&kd->nr_ios);
	return io;
}

/* Appends the memory of @bio to the request, joining adjacent pieces. */
static void kfs_io_add_bio(struct kfs_io *io, struct bio *bio)
{
	struct bvec_iter iter;
	struct bio_vec bv;

	if (io->last)
		io->last->bi_next = bio;
	else
		io->bios = bio;
	io->last = bio;
	bio->bi_next = NULL;
	io->len += bio->bi_iter.bi_size;

	if (!bio_has_data(bio))
		return;
	bio_for_each_segment(bv, bio, iter) {
		void *base = page_address(bv.bv_page) + bv.bv_offset;
		struct kfs_host_iovec *prev = io->iovcnt ? &io->iov[io->iovcnt - 1] : NULL;

		if (prev && (char *)prev->base + prev->len == base) {
			prev->len += bv.bv_len;
			continue;
		}
		io->iov[io->iovcnt].base = base;
		io->iov[io->iovcnt].len = bv.bv_len;
		io->iovcnt++;
	}
}

static unsigned int kfs_bio_nsegs(struct bio *bio)
{
	return bio_has_data(bio) ? bio_segments(bio) : 0;
}

/*
 * Whether @next can join a request that ends with @prev and has @segs
 * segments and @sectors sectors so far.
 */
static bool kfs_bio_mergeable(struct bio *prev, struct bio *next,
			      unsigned int segs, unsigned int sectors)
{
	enum req_op op = bio_op(prev);

	if (prev->bi_bdev != next->bi_bdev || op != bio_op(next))
		return false;
	if (op != REQ_OP_READ && op != REQ_OP_WRITE)
		return false;
	if ((prev->bi_opf | next->bi_opf) & REQ_NOMERGE_FLAGS)
		return false;
	if (bio_end_sector(prev) != next->bi_iter.bi_sector)
		return false;
	if (segs + kfs_bio_nsegs(next) > KFS_MAX_REQ_SEGS)
		return false;
	return sectors + bio_sectors(next) <= KFS_MAX_REQ_SECTORS;
}

/*
 * Turns a list of bios (through bi_next) into requests, merging runs of
 * contiguous ones, and starts them; the host gets their iocbs in as few
 * aio_submit calls as the batch size allows (one per disk normally).
 */
static void kfs_dispatch(struct bio *bio)
{
	struct kfs_batch b = { };

	while (bio) {
		struct bio *last = bio, *next;
		unsigned int segs = kfs_bio_nsegs(bio);
		unsigned int sectors = bio_sectors(bio);
		struct kfs_disk *kd = bdev_kfs_disk(bio->bi_bdev);
		struct kfs_io *io;

		while (last->bi_next &&
		       kfs_bio_mergeable(last, last->bi_next, segs, sectors)) {
			last = last->bi_next;
			segs += kfs_bio_nsegs(last);
			sectors += bio_sectors(last);
		}
		next = last->bi_next;
		last->bi_next = NULL;

		io = kfs_io_alloc(kd, segs);
		io->opf = bio->bi_opf;
		/* The window is the whole disk for us: no partition remap. */
		io->pos = kd->base + ((loff_t)bio->bi_iter.bi_sector << SECTOR_SHIFT);
		if (bio_op(bio) == REQ_OP_FLUSH)
			io->opf |= REQ_PREFLUSH;
		while (bio) {
			struct bio *n = bio->bi_next;

			kfs_io_add_bio(io, bio);
			bio = n;
		}
		kfs_io_advance(io, &b);
		bio = next;
	}
	kfs_batch_submit(&b);
}

/* ------------------------------------------------------------ submission */

static DEFINE_RATELIMIT_STATE(kfs_ro_rs, 5 * HZ, 10);

static bool bio_check_eod(struct bio *bio)
{
	sector_t maxsector = bdev_nr_sectors(bio->bi_bdev);
	unsigned int nr_sectors = bio_sectors(bio);

	if (nr_sectors &&
	    (nr_sectors > maxsector ||
	     bio->bi_iter.bi_sector > maxsector - nr_sectors)) {
		pr_info_ratelimited("%s: attempt to access beyond end of device\n"
				    "%s: rw=%d, sector=%llu, nr_sectors = %u limit=%llu\n",
				    bio->bi_bdev->bd_disk->disk_name,
				    bio->bi_bdev->bd_disk->disk_name, bio->bi_opf,
				    (unsigned long long)bio->bi_iter.bi_sector,
				    nr_sectors, (unsigned long long)maxsector);
		return false;
	}
	return true;
}

/*
 * Submits without accounting: checks the bio, then holds it in the task's
 * plug or starts it now.
 */
void submit_bio_noacct(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	struct blk_plug *plug;
	enum req_op op;

	might_sleep();
	if (WARN_ON_ONCE(!bdev)) {
		bio_io_error(bio);
		return;
	}
	op = bio_op(bio);

	if (op_is_write(bio->bi_opf) && bdev_read_only(bdev)) {
		/* An empty flush writes nothing: it may pass. */
		if (!(op_is_flush(bio->bi_opf) && !bio_sectors(bio))) {
			if (__ratelimit(&kfs_ro_rs))
				pr_warn("Trying to write to read-only block-device %s (refused)\n",
					bdev->bd_disk->disk_name);
			bio_io_error(bio);
			return;
		}
	}
	if (!bio_check_eod(bio)) {
		bio_io_error(bio);
		return;
	}

	switch (op) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
	case REQ_OP_FLUSH:
		break;
	case REQ_OP_DISCARD:
		if (!bdev_max_discard_sectors(bdev))
			goto not_supported;
		break;
	case REQ_OP_WRITE_ZEROES:
		if (!bdev_write_zeroes_sectors(bdev))
			goto not_supported;
		break;
	default:
		goto not_supported;
	}

	plug = current->plug;
	if (plug && (op == REQ_OP_READ || op == REQ_OP_WRITE) &&
	    !(bio->bi_opf & (REQ_PREFLUSH | REQ_FUA)) && bio->bi_iter.bi_size) {
		struct bio *tail = plug->bios.tail;

		if (tail && kfs_bio_mergeable(tail, bio, plug->kfs_req_segs,
					      plug->kfs_req_sectors)) {
			plug->kfs_req_segs += kfs_bio_nsegs(bio);
			plug->kfs_req_sectors += bio_sectors(bio);
		} else {
			/* A new request; a full plug goes out first. */
			if (plug->rq_count >= BLK_MAX_REQUEST_COUNT)
				__blk_flush_plug(plug, false);
			plug->rq_count++;
			plug->kfs_req_segs = kfs_bio_nsegs(bio);
			plug->kfs_req_sectors = bio_sectors(bio);
		}
		bio_list_add(&plug->bios, bio);
		return;
	}

	bio->bi_next = NULL;
	kfs_dispatch(bio);
	return;

not_supported:
	bio->bi_status = BLK_STS_NOTSUPP;
	bio_endio(bio);
}
EXPORT_SYMBOL(submit_bio_noacct);

void submit_bio(struct bio *bio)
{
	submit_bio_noacct(bio);
}
EXPORT_SYMBOL(submit_bio);

/* --------------------------------------------------------------- plugging */

void blk_start_plug_nr_ios(struct blk_plug *plug, unsigned short nr_ios)
{
	struct task_struct *tsk = current;

	/* Only the outermost plug collects; nested ones are no-ops. */
	if (tsk->plug)
		return;
	bio_list_init(&plug->bios);
	plug->rq_count = 0;
	plug->nr_ios = nr_ios ? nr_ios : 1;
	plug->multiple_queues = false;
	plug->has_elevator = false;
	plug->nowait = false;
	plug->kfs_req_segs = 0;
	plug->kfs_req_sectors = 0;
	INIT_LIST_HEAD(&plug->cb_list);
	tsk->plug = plug;
}
EXPORT_SYMBOL(blk_start_plug_nr_ios);

void blk_start_plug(struct blk_plug *plug)
{
	blk_start_plug_nr_ios(plug, 1);
}
EXPORT_SYMBOL(blk_start_plug);

/*
 * Sends everything the plug holds.  The list is taken off the plug first,
 * so a flush that recurses (dispatch sleeping on a lock) finds it empty.
 */
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule)
{
	struct bio *bios = bio_list_get(&plug->bios);

	plug->rq_count = 0;
	plug->kfs_req_segs = 0;
	plug->kfs_req_sectors = 0;
	if (bios)
		kfs_dispatch(bios);
}
EXPORT_SYMBOL(__blk_flush_plug);

void blk_finish_plug(struct blk_plug *plug)
{
	if (plug == current->plug) {
		__blk_flush_plug(plug, false);
		current->plug = NULL;
	}
}
EXPORT_SYMBOL(blk_finish_plug);
