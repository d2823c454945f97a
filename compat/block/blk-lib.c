// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole-range operations on a block device: cache flush, discard and
 * zeroing (6.1's block/blk-flush.c and block/blk-lib.c roles, as their
 * kernel-doc describes them).  Each builds bios and waits for them; the
 * engine (blk-core.c) turns them into fdatasync and fallocate on the image.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "blk.h"

/* The source of zero-writes: one zeroed page, never written to. */
static struct page *blk_zero_page;

int kfs_blk_lib_init(void)
{
	blk_zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	return blk_zero_page ? 0 : -ENOMEM;
}

void kfs_blk_lib_exit(void)
{
	if (blk_zero_page)
		__free_page(blk_zero_page);
	blk_zero_page = NULL;
}

/*
 * Makes every write that completed before the call durable: an empty
 * REQ_PREFLUSH write.  A read-only device has nothing to flush.
 */
int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio bio;

	bio_init(&bio, bdev, NULL, 0, REQ_OP_WRITE | REQ_PREFLUSH);
	return submit_bio_wait(&bio);
}
EXPORT_SYMBOL(blkdev_issue_flush);

/* Sectors one discard or write-zeroes bio may cover: bi_size is 32-bit. */
static sector_t bio_range_limit(struct block_device *bdev)
{
	sector_t lbs_sectors = bdev_logical_block_size(bdev) >> SECTOR_SHIFT;

	return round_down((sector_t)(UINT_MAX >> SECTOR_SHIFT), lbs_sectors);
}

static bool range_misaligned(struct block_device *bdev, sector_t sector,
			     sector_t nr_sects)
{
	sector_t mask = (bdev_logical_block_size(bdev) >> SECTOR_SHIFT) - 1;

	return (sector | nr_sects) & mask;
}

int __blkdev_issue_discard(struct block_device *bdev, sector_t sector,
			   sector_t nr_sects, gfp_t gfp_mask, struct bio **biop)
{
	struct bio *bio = *biop;
	sector_t limit;

	if (bdev_read_only(bdev))
		return -EPERM;
	if (!bdev_max_discard_sectors(bdev))
		return -EOPNOTSUPP;
	if (range_misaligned(bdev, sector, nr_sects))
		return -EINVAL;

	limit = min_t(sector_t, bio_range_limit(bdev),
		      bdev_max_discard_sectors(bdev));
	while (nr_sects) {
		sector_t n = min(nr_sects, limit);

		bio = blk_next_bio(bio, bdev, 0, REQ_OP_DISCARD, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		bio->bi_iter.bi_size = n << SECTOR_SHIFT;
		sector += n;
		nr_sects -= n;
		cond_resched();
	}
	*biop = bio;
	return 0;
}
EXPORT_SYMBOL(__blkdev_issue_discard);

/*
 * Tells the device the range's contents are no longer needed.  Advisory: a
 * device that turns the request down (-EOPNOTSUPP at completion) is not an
 * error, as in the kernel.
 */
int blkdev_issue_discard(struct block_device *bdev, sector_t sector,
			 sector_t nr_sects, gfp_t gfp_mask)
{
	struct bio *bio = NULL;
	struct blk_plug plug;
	int ret;

	blk_start_plug(&plug);
	ret = __blkdev_issue_discard(bdev, sector, nr_sects, gfp_mask, &bio);
	if (!ret && bio) {
		ret = submit_bio_wait(bio);
		if (ret == -EOPNOTSUPP)
			ret = 0;
		bio_put(bio);
	}
	blk_finish_plug(&plug);
	return ret;
}
EXPORT_SYMBOL(blkdev_issue_discard);

/* The device zeroes the range itself (REQ_OP_WRITE_ZEROES). */
static int issue_write_zeroes(struct block_device *bdev, sector_t sector,
			      sector_t nr_sects, gfp_t gfp_mask,
			      struct bio **biop, unsigned int flags)
{
	struct bio *bio = *biop;
	sector_t limit = min_t(sector_t, bio_range_limit(bdev),
			       bdev_write_zeroes_sectors(bdev));

	if (bdev_read_only(bdev))
		return -EPERM;
	if (!bdev_write_zeroes_sectors(bdev))
		return -EOPNOTSUPP;

	while (nr_sects) {
		sector_t n = min(nr_sects, limit);

		bio = blk_next_bio(bio, bdev, 0, REQ_OP_WRITE_ZEROES, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		if (flags & BLKDEV_ZERO_NOUNMAP)
			bio->bi_opf |= REQ_NOUNMAP;
		bio->bi_iter.bi_size = n << SECTOR_SHIFT;
		sector += n;
		nr_sects -= n;
		cond_resched();
	}
	*biop = bio;
	return 0;
}

/* The fallback: ordinary writes of the zero page. */
static int issue_zero_pages(struct block_device *bdev, sector_t sector,
			    sector_t nr_sects, gfp_t gfp_mask, struct bio **biop)
{
	struct bio *bio = *biop;

	if (bdev_read_only(bdev))
		return -EPERM;

	while (nr_sects) {
		sector_t pages = (nr_sects + PAGE_SECTORS - 1) >> PAGE_SECTORS_SHIFT;

		bio = blk_next_bio(bio, bdev, min_t(sector_t, pages, BIO_MAX_VECS),
				   REQ_OP_WRITE, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		while (nr_sects) {
			unsigned int sz = min_t(sector_t, PAGE_SIZE,
						nr_sects << SECTOR_SHIFT);
			unsigned int added = bio_add_page(bio, blk_zero_page, sz, 0);

			nr_sects -= added >> SECTOR_SHIFT;
			sector += added >> SECTOR_SHIFT;
			if (added < sz)
				break;
		}
		cond_resched();
	}
	*biop = bio;
	return 0;
}

int __blkdev_issue_zeroout(struct block_device *bdev, sector_t sector,
			   sector_t nr_sects, gfp_t gfp_mask, struct bio **biop,
			   unsigned int flags)
{
	int ret;

	if (range_misaligned(bdev, sector, nr_sects))
		return -EINVAL;
	ret = issue_write_zeroes(bdev, sector, nr_sects, gfp_mask, biop, flags);
	if (ret != -EOPNOTSUPP || (flags & BLKDEV_ZERO_NOFALLBACK))
		return ret;
	return issue_zero_pages(bdev, sector, nr_sects, gfp_mask, biop);
}
EXPORT_SYMBOL(__blkdev_issue_zeroout);

/*
 * Makes the range read back as zeroes: the device's own zeroing when it
 * has it, ordinary writes of zeroes otherwise (unless
 * BLKDEV_ZERO_NOFALLBACK, which then reports -EOPNOTSUPP).
 */
int blkdev_issue_zeroout(struct block_device *bdev, sector_t sector,
			 sector_t nr_sects, gfp_t gfp_mask, unsigned int flags)
{
	bool device_zeroes = bdev_write_zeroes_sectors(bdev) != 0;
	struct blk_plug plug;
	struct bio *bio;
	int ret;

	if (range_misaligned(bdev, sector, nr_sects))
		return -EINVAL;
again:
	bio = NULL;
	blk_start_plug(&plug);
	if (device_zeroes)
		ret = issue_write_zeroes(bdev, sector, nr_sects, gfp_mask, &bio,
					 flags);
	else if (!(flags & BLKDEV_ZERO_NOFALLBACK))
		ret = issue_zero_pages(bdev, sector, nr_sects, gfp_mask, &bio);
	else
		ret = -EOPNOTSUPP;
	if (!ret && bio) {
		ret = submit_bio_wait(bio);
		bio_put(bio);
	}
	blk_finish_plug(&plug);

	/* The device's zeroing failed: fall back to writing, if allowed. */
	if (ret && device_zeroes && ret != -EPERM) {
		if (!(flags & BLKDEV_ZERO_NOFALLBACK)) {
			device_zeroes = false;
			goto again;
		}
		if (!bdev_write_zeroes_sectors(bdev))
			ret = -EOPNOTSUPP;
	}
	return ret;
}
EXPORT_SYMBOL(blkdev_issue_zeroout);
