/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/block internals: the "disk" behind every block device (one opened
 * image) and the engine that carries bios to the host.
 *
 * A kfs_disk owns the image's host descriptors, an aio context and the
 * completion thread ("reaper") that turns host completions into bio_endio()
 * calls.  bdev.c opens and closes disks and keeps the registry by path;
 * blk-core.c submits, plugs, merges and completes; bio.c and blk-lib.c build
 * bios.  Nothing here is visible to filesystems.
 */
#ifndef _KFS_BLOCK_BLK_H
#define _KFS_BLOCK_BLK_H

#include <linux/blkdev.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <kfs_host.h>

/* aio ring size per disk, and iocbs handed to the host in one call. */
#define KFS_AIO_DEPTH		256
#define KFS_BATCH_MAX		64
/* Largest request built by merging bios (bytes) and its iovec count. */
#define KFS_MAX_REQ_SECTORS	2048
#define KFS_MAX_REQ_SEGS	1024

/* The loop devices' major number: what an image "is" to a kernel. */
#define KFS_BDEV_MAJOR		7

struct kfs_disk {
	struct gendisk disk;
	struct request_queue queue;

	struct list_head registry;	/* on bdev.c's list, under its mutex */
	char *path;			/* as given to the open */
	loff_t base;			/* byte offset of the window in the image */
	loff_t window;			/* its length in bytes as opened */

	/* Host side. */
	int fd;				/* the image; O_DIRECT when direct */
	int fd_buffered;		/* what O_DIRECT cannot do; == fd if !direct */
	bool direct;
	bool writable;			/* opened O_RDWR */
	unsigned int dio_align;		/* O_DIRECT alignment of offset/len/memory */

	/* Engine. */
	void *aio_ctx;			/* NULL: every I/O runs synchronously */
	struct task_struct *reaper;
	spinlock_t lock;
	unsigned int reserved;		/* ring slots taken, under lock */
	atomic_t in_ring;		/* submitted to the host, not reaped */
	atomic_t nr_ios;		/* requests not yet completed */
	wait_queue_head_t reaper_wait;	/* reaper sleeps here */
	wait_queue_head_t idle_wait;	/* nr_ios reached 0 */
};

static inline struct kfs_disk *bdev_kfs_disk(struct block_device *bdev)
{
	return bdev->bd_disk->private_data;
}

/* blk-core.c */
int kfs_disk_engine_start(struct kfs_disk *kd);
void kfs_disk_engine_stop(struct kfs_disk *kd);
void kfs_disk_drain(struct kfs_disk *kd);
/* Flushes the host's caches for the disk now (fdatasync); 0 or -errno. */
int kfs_disk_host_flush(struct kfs_disk *kd);

/* bio.c, blk-lib.c */
int kfs_bio_init(void);
int kfs_blk_lib_init(void);
void kfs_blk_lib_exit(void);

#endif /* _KFS_BLOCK_BLK_H */
