/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Block devices as filesystems see them: opening and closing them, their
 * geometry and limits, plugging, cache flushes, discard and zeroing.
 *
 * kfs has no drivers, no request queues and no partitions tables of its own:
 * a "disk" is one image file or host block device opened through kfs_host,
 * and a block_device is a window of it (the whole of it, or a byte range
 * given to kfs_bdev_open() for a partition).  The structures keep the field
 * names filesystems touch; everything else the kernel keeps there is absent.
 * Implemented in compat/block/ (bdev.c, blk-core.c, blk-lib.c).
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/blk_types.h>
#include <linux/bio.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/wait.h>

struct backing_dev_info;

#define DISK_NAME_LEN		32
/* Largest string %pg produces for a block device. */
#define BDEVNAME_SIZE		32

/* What the "device" can do, as the block layer's queue limits say it. */
struct queue_limits {
	unsigned int logical_block_size;	/* smallest addressable unit */
	unsigned int physical_block_size;	/* smallest atomic write */
	unsigned int io_min;
	unsigned int io_opt;
	unsigned int max_sectors;
	unsigned int max_hw_sectors;
	unsigned int max_discard_sectors;	/* 0: no discard */
	unsigned int max_hw_discard_sectors;
	unsigned int max_write_zeroes_sectors;	/* 0: no write-zeroes */
	unsigned int discard_granularity;
	unsigned int discard_alignment;
	unsigned int dma_alignment;		/* mask */
	unsigned short max_segments;
};

/* Bits of request_queue->queue_flags that bdev_* helpers report. */
#define QUEUE_FLAG_NOMERGES	3
#define QUEUE_FLAG_NONROT	6
#define QUEUE_FLAG_IO_STAT	7
#define QUEUE_FLAG_STABLE_WRITES 15
#define QUEUE_FLAG_WC		17
#define QUEUE_FLAG_FUA		18
#define QUEUE_FLAG_NOWAIT	29

struct request_queue {
	struct queue_limits limits;
	unsigned long queue_flags;
	struct gendisk *disk;
};

#define blk_queue_nonrot(q)	test_bit(QUEUE_FLAG_NONROT, &(q)->queue_flags)
#define blk_queue_nomerges(q)	test_bit(QUEUE_FLAG_NOMERGES, &(q)->queue_flags)
#define blk_queue_stable_writes(q) \
	test_bit(QUEUE_FLAG_STABLE_WRITES, &(q)->queue_flags)

/*
 * A whole image.  private_data belongs to compat/block (the I/O engine);
 * bdi is the disk's backing_dev_info (its writeback thread).
 */
struct gendisk {
	int major;
	int first_minor;
	int minors;
	char disk_name[DISK_NAME_LEN];
	struct block_device *part0;
	struct request_queue *queue;
	void *private_data;
	unsigned long state;
#define GD_NEED_PART_SCAN	0
#define GD_READ_ONLY		1
#define GD_DEAD			2
	struct backing_dev_info *bdi;
	struct cdrom_device_info *cdi;
};

/* No CD-ROM layer in kfs. */
#define disk_to_cdi(disk)	NULL

static inline dev_t disk_devt(struct gendisk *disk)
{
	return MKDEV(disk->major, disk->first_minor);
}

static inline bool disk_live(struct gendisk *disk)
{
	return !test_bit(GD_DEAD, &disk->state);
}

static inline int get_disk_ro(struct gendisk *disk)
{
	return test_bit(GD_READ_ONLY, &disk->state);
}

static inline int bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_read_only || get_disk_ro(bdev->bd_disk);
}

static inline bool bdev_is_partition(struct block_device *bdev)
{
	return bdev->bd_partno;
}

static inline sector_t get_start_sect(struct block_device *bdev)
{
	return bdev->bd_start_sect;
}

static inline sector_t bdev_nr_sectors(struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

static inline loff_t bdev_nr_bytes(struct block_device *bdev)
{
	return (loff_t)bdev_nr_sectors(bdev) << SECTOR_SHIFT;
}

static inline sector_t get_capacity(struct gendisk *disk)
{
	return bdev_nr_sectors(disk->part0);
}

/* Device size in filesystem blocks. */
static inline u64 sb_bdev_nr_blocks(struct super_block *sb)
{
	return bdev_nr_sectors(sb->s_bdev) >>
		(sb->s_blocksize_bits - SECTOR_SHIFT);
}

static inline struct request_queue *bdev_get_queue(struct block_device *bdev)
{
	return bdev->bd_queue;
}

static inline unsigned int queue_logical_block_size(const struct request_queue *q)
{
	return q->limits.logical_block_size ? q->limits.logical_block_size : 512;
}

static inline unsigned int queue_physical_block_size(const struct request_queue *q)
{
	return q->limits.physical_block_size;
}

static inline unsigned int queue_io_min(const struct request_queue *q)
{
	return q->limits.io_min;
}

static inline unsigned int queue_io_opt(const struct request_queue *q)
{
	return q->limits.io_opt;
}

static inline unsigned int queue_max_sectors(const struct request_queue *q)
{
	return q->limits.max_sectors;
}

static inline unsigned int queue_max_hw_sectors(const struct request_queue *q)
{
	return q->limits.max_hw_sectors;
}

static inline unsigned short queue_max_segments(const struct request_queue *q)
{
	return q->limits.max_segments;
}

static inline int queue_dma_alignment(const struct request_queue *q)
{
	return q->limits.dma_alignment;
}

static inline unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return queue_logical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_physical_block_size(struct block_device *bdev)
{
	return queue_physical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_io_min(struct block_device *bdev)
{
	return queue_io_min(bdev_get_queue(bdev));
}

static inline int bdev_io_opt(struct block_device *bdev)
{
	return queue_io_opt(bdev_get_queue(bdev));
}

static inline unsigned int bdev_max_segments(struct block_device *bdev)
{
	return queue_max_segments(bdev_get_queue(bdev));
}

static inline unsigned int bdev_max_discard_sectors(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.max_discard_sectors;
}

static inline unsigned int bdev_discard_granularity(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.discard_granularity;
}

static inline unsigned int bdev_discard_alignment(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.discard_alignment;
}

static inline unsigned int bdev_write_zeroes_sectors(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.max_write_zeroes_sectors;
}

static inline bool bdev_nonrot(struct block_device *bdev)
{
	return blk_queue_nonrot(bdev_get_queue(bdev));
}

static inline bool bdev_stable_writes(struct block_device *bdev)
{
	return blk_queue_stable_writes(bdev_get_queue(bdev));
}

static inline bool bdev_write_cache(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_WC, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_fua(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_FUA, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_nowait(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_NOWAIT, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_is_zoned(struct block_device *bdev)
{
	return false;
}

static inline sector_t bdev_zone_sectors(struct block_device *bdev)
{
	return 0;
}

static inline unsigned int bdev_dma_alignment(struct block_device *bdev)
{
	return queue_dma_alignment(bdev_get_queue(bdev));
}

static inline unsigned int blksize_bits(unsigned int size)
{
	unsigned int bits = 8;

	do {
		bits++;
		size >>= 1;
	} while (size > 256);
	return bits;
}

/* The block size the device's page cache is currently divided into. */
static inline unsigned int block_size(struct block_device *bdev)
{
	return 1 << bdev->bd_inode->i_blkbits;
}

/* Valid block sizes: a power of two from 512 to PAGE_SIZE. */
static inline int blk_validate_block_size(unsigned long bsize)
{
	if (bsize < 512 || bsize > PAGE_SIZE || !is_power_of_2(bsize))
		return -EINVAL;
	return 0;
}

/*
 * Plugging (Documentation/block/ "stack plugging" in blk-core.c's
 * kernel-doc): between blk_start_plug() and blk_finish_plug() the bios a
 * task submits are held in its plug and reach the host as one batch,
 * contiguous ones merged.  The plug is also flushed whenever the task is
 * about to sleep (blk_flush_plug), so a task never waits on I/O that sits in
 * its own plug.
 */
struct blk_plug {
	struct bio_list bios;		/* held, in submission order */
	unsigned short rq_count;
	unsigned short nr_ios;
	bool multiple_queues;
	bool has_elevator;
	bool nowait;
	struct list_head cb_list;
	/* kfs: size of the request the last held bio belongs to. */
	unsigned int kfs_req_segs;
	unsigned int kfs_req_sectors;
};

/* Plugs flush themselves once this many bios are held. */
#define BLK_MAX_REQUEST_COUNT	32

void blk_start_plug(struct blk_plug *plug);
void blk_start_plug_nr_ios(struct blk_plug *plug, unsigned short nr_ios);
void blk_finish_plug(struct blk_plug *plug);
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule);

static inline void blk_flush_plug(struct blk_plug *plug, bool async)
{
	if (plug)
		__blk_flush_plug(plug, async);
}

/* Completion status <-> errno. */
int blk_status_to_errno(blk_status_t status);
blk_status_t errno_to_blk_status(int errno);
const char *blk_op_str(enum req_op op);

/* Cache flush, discard and zeroing (compat/block/blk-lib.c). */
int blkdev_issue_flush(struct block_device *bdev);
int blkdev_issue_discard(struct block_device *bdev, sector_t sector,
			 sector_t nr_sects, gfp_t gfp_mask);
int __blkdev_issue_discard(struct block_device *bdev, sector_t sector,
			   sector_t nr_sects, gfp_t gfp_mask,
			   struct bio **biop);

#define BLKDEV_ZERO_NOUNMAP	(1 << 0)  /* keep the blocks provisioned */
#define BLKDEV_ZERO_NOFALLBACK	(1 << 1)  /* only the device's own zeroing */

int __blkdev_issue_zeroout(struct block_device *bdev, sector_t sector,
			   sector_t nr_sects, gfp_t gfp_mask, struct bio **biop,
			   unsigned int flags);
int blkdev_issue_zeroout(struct block_device *bdev, sector_t sector,
			 sector_t nr_sects, gfp_t gfp_mask, unsigned int flags);

static inline int sb_issue_discard(struct super_block *sb, sector_t block,
				   sector_t nr_blocks, gfp_t gfp_mask,
				   unsigned long flags)
{
	unsigned int shift = sb->s_blocksize_bits - SECTOR_SHIFT;

	return blkdev_issue_discard(sb->s_bdev, block << shift,
				    nr_blocks << shift, gfp_mask);
}

static inline int sb_issue_zeroout(struct super_block *sb, sector_t block,
				   sector_t nr_blocks, gfp_t gfp_mask)
{
	unsigned int shift = sb->s_blocksize_bits - SECTOR_SHIFT;

	return blkdev_issue_zeroout(sb->s_bdev, block << shift,
				    nr_blocks << shift, gfp_mask, 0);
}

/* Opening and closing (compat/block/bdev.c). */
struct block_device *blkdev_get_by_path(const char *path, fmode_t mode,
					void *holder);
struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder);
void blkdev_put(struct block_device *bdev, fmode_t mode);

/*
 * kfs: opens @path (an image file or a host block device) as a block device
 * covering @size bytes from byte @offset (@size 0: up to the end), and
 * registers it under @path, so that a later blkdev_get_by_path(@path, ...)
 * -- mount_bdev's -- returns this device with one more reference.  @mode and
 * @holder as for blkdev_get_by_path.  @offset must be a multiple of 512.
 * Errors: -ENOENT/-EACCES/... from the host, -ENOTBLK for something that is
 * neither a regular file nor a block device, -EINVAL for a window outside the
 * image, -EBUSY when the path is open with another window, when another
 * holder has it exclusively, or when another process holds the image.
 */
struct block_device *kfs_bdev_open(const char *path, fmode_t mode, loff_t offset,
				   loff_t size, void *holder);

/* The block device of a bdev inode (bd_inode). */
struct block_device *I_BDEV(struct inode *inode);

int set_blocksize(struct block_device *bdev, int size);
void invalidate_bdev(struct block_device *bdev);
int sync_blockdev(struct block_device *bdev);
int sync_blockdev_range(struct block_device *bdev, loff_t lstart, loff_t lend);
int sync_blockdev_nowait(struct block_device *bdev);

/* The name %pg prints for @bdev (its disk's name, stable while open). */
const char *kfs_bdev_name(const struct block_device *bdev);

#endif /* _LINUX_BLKDEV_H */
