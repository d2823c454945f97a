// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the block layer (compat/block) against real image files: bios
 * on tmpfs (buffered) and on a disk directory (O_DIRECT), plugging,
 * flushes, error mapping, read-only devices, exclusive holders, windows,
 * discard and zeroing.  KUnit cases, run under cmocka by the KUnit runner.
 * Every expectation is an exact outcome; nothing depends on timing.
 */
#include <kunit/test.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kfs_fault.h>
#include <kfs_host.h>

#include "../../compat/block/blk.h"
#include "block_host.h"
#include "block_test.h"

/* ------------------------------------------------------------ fixtures */

int bt_open(struct kunit *test, struct bt_image *img, const char *dir,
	    bt_u64 size, fmode_t mode)
{
	int ret;

	memset(img, 0, sizeof(*img));
	ret = bt_make_image(dir, size, img->path, sizeof(img->path));
	if (ret)
		return ret;
	img->mode = mode;
	img->bdev = kfs_bdev_open(img->path, mode, 0, 0, NULL);
	if (IS_ERR(img->bdev)) {
		ret = PTR_ERR(img->bdev);
		img->bdev = NULL;
		bt_unlink(img->path);
		img->path[0] = 0;
		return ret;
	}
	return 0;
}

void bt_close(struct bt_image *img)
{
	if (img->bdev)
		blkdev_put(img->bdev, img->mode);
	img->bdev = NULL;
	if (img->path[0])
		bt_unlink(img->path);
	img->path[0] = 0;
}

/* One bio of one page segment, submitted and waited for; returns errno. */
int bt_bio(struct block_device *bdev, blk_opf_t opf, sector_t sector,
	   struct page *page, unsigned int len, unsigned int off)
{
	struct bio *bio = bio_alloc(bdev, 1, opf, GFP_KERNEL);
	int ret;

	bio->bi_iter.bi_sector = sector;
	if (len && bio_add_page(bio, page, len, off) != len) {
		bio_put(bio);
		return -E2BIG;
	}
	ret = submit_bio_wait(bio);
	bio_put(bio);
	return ret;
}

static void fill(void *p, unsigned char seed, size_t len)
{
	unsigned char *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		c[i] = seed + i * 13;
}

static bool is_fill(const void *p, unsigned char seed, size_t len)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i] != (unsigned char)(seed + i * 13))
			return false;
	return true;
}

static bool is_pattern_at(const void *p, u64 off, size_t len)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i] != bt_pattern(off + i))
			return false;
	return true;
}

/* State each case may leave for the exit hook to clean up. */
struct block_case {
	struct bt_image img, img2;
	struct page *page, *page2;
	bool counting;
	bool faults;
};

static int block_case_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct block_case), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void block_case_exit(struct kunit *test)
{
	struct block_case *c = test->priv;

	/*
	 * Close first: host tables are swapped only while no disk thread runs
	 * (the swap itself is not synchronised with readers of kfs_host).
	 */
	bt_close(&c->img);
	bt_close(&c->img2);
	if (c->counting)
		bt_count_uninstall();
	if (c->faults) {
		kfs_fault_clear();
		kfs_fault_uninstall();
	}
	if (c->page)
		__free_page(c->page);
	if (c->page2)
		__free_page(c->page2);
}

static struct page *case_page(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page **slot = c->page ? &c->page2 : &c->page;

	*slot = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *slot);
	return *slot;
}

/* ------------------------------------------------------------- the cases */

/* Write, read back, both ways round, through one device. */
static void rw_roundtrip(struct kunit *test, const char *dir, bool want_direct)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct kfs_disk *kd;
	void *data = page_address(page);

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, dir, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	kd = bdev_kfs_disk(c->img.bdev);
	KUNIT_EXPECT_EQ(test, kd->direct, want_direct);
	KUNIT_EXPECT_EQ(test, bdev_nr_sectors(c->img.bdev), (sector_t)2048);
	KUNIT_EXPECT_EQ(test, bdev_nr_bytes(c->img.bdev), (loff_t)(1 << 20));
	KUNIT_EXPECT_EQ(test, bdev_logical_block_size(c->img.bdev), 512U);
	KUNIT_EXPECT_EQ(test, i_size_read(c->img.bdev->bd_inode), (loff_t)(1 << 20));

	/* A read gets the image's bytes. */
	KUNIT_ASSERT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 24, page, PAGE_SIZE, 0), 0);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(data, 24 * 512, PAGE_SIZE));

	/* A write reaches the image, and nothing around it changes. */
	fill(data, 0x5a, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 40, page, PAGE_SIZE, 0), 0);
	memset(data, 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_pread(c->img.path, 40 * 512, data, PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(data, 0x5a, PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 39 * 512, 512));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 48 * 512, 512));

	/* A change on the host is what the next read sees. */
	fill(data, 0x33, 1024);
	KUNIT_ASSERT_EQ(test, bt_pwrite(c->img.path, 100 * 512, data, 1024), 0);
	memset(data, 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 100, page, 1024, 0), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(data, 0x33, 1024));

	/*
	 * Memory O_DIRECT cannot take (a segment at an odd offset): the
	 * buffered path does it, with the same result.
	 */
	fill(data + 100, 0x77, 512);
	KUNIT_ASSERT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 200, page, 512, 100), 0);
	KUNIT_EXPECT_EQ(test, bt_pread(c->img.path, 200 * 512, data + 1024, 512), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(data + 1024, 0x77, 512));
	memset(data, 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 200, page, 512, 300), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(data + 300, 0x77, 512));
}

/* Whatever the host allows in @dir: O_DIRECT, or the buffered fallback. */
static void block_rw_direct_if_allowed(struct kunit *test, const char *dir)
{
	char probe[256];
	bool direct;

	KUNIT_ASSERT_EQ(test, bt_make_image(dir, 4096, probe, sizeof(probe)), 0);
	direct = bt_path_allows_direct(probe);
	bt_unlink(probe);
	if (!direct)
		kunit_info(test, "%s refuses O_DIRECT: buffered fallback tested", dir);
	rw_roundtrip(test, dir, direct);
}

static void block_rw_tmpfs(struct kunit *test)
{
	if (!bt_dir_is_tmpfs(BT_TMPFS_DIR))
		kunit_skip(test, BT_TMPFS_DIR " is not tmpfs here");
	/* tmpfs takes O_DIRECT since Linux 6.6; older ones refuse it. */
	block_rw_direct_if_allowed(test, BT_TMPFS_DIR);
}

static void block_rw_disk(struct kunit *test)
{
	block_rw_direct_if_allowed(test, BT_DISK_DIR);
}

/* A host that refuses O_DIRECT (EINVAL at open): buffered, same results. */
static void block_rw_no_direct(struct kunit *test)
{
	struct block_case *c = test->priv;

	bt_count_install();
	bt_refuse_direct(1);
	c->counting = true;
	rw_roundtrip(test, BT_DISK_DIR, false);
}

/* Bios that span many pages, and a page-sized buffer split in segments. */
static void block_multi_segment(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *p1 = case_page(test), *p2 = case_page(test);
	struct bio *bio;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	fill(page_address(p1), 1, PAGE_SIZE);
	fill(page_address(p2), 2, PAGE_SIZE);
	bio = bio_alloc(c->img.bdev, 2, REQ_OP_WRITE, GFP_KERNEL);
	bio->bi_iter.bi_sector = 64;
	KUNIT_EXPECT_EQ(test, bio_add_page(bio, p1, 2048, 0), 2048);
	/* Continues the same page: extends the first segment. */
	KUNIT_EXPECT_EQ(test, bio_add_page(bio, p1, 2048, 2048), 2048);
	KUNIT_EXPECT_EQ(test, bio_add_page(bio, p2, PAGE_SIZE, 0), (int)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, bio->bi_vcnt, (unsigned short)2);
	KUNIT_EXPECT_EQ(test, bio->bi_iter.bi_size, 2U * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, bio_segments(bio), 2U);
	KUNIT_EXPECT_EQ(test, submit_bio_wait(bio), 0);
	/* A completed bio has been advanced over all of its data. */
	KUNIT_EXPECT_EQ(test, bio->bi_iter.bi_size, 0U);
	bio_put(bio);

	memset(page_address(p1), 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_pread(c->img.path, 64 * 512, page_address(p1), PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(page_address(p1), 1, PAGE_SIZE));
	KUNIT_ASSERT_EQ(test, bt_pread(c->img.path, 72 * 512, page_address(p1), PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(page_address(p1), 2, PAGE_SIZE));
}

struct bt_batch {
	atomic_t left;
	atomic_t errors;
	struct completion done;
};

static void bt_batch_endio(struct bio *bio)
{
	struct bt_batch *b = bio->bi_private;

	if (bio->bi_status)
		atomic_inc(&b->errors);
	bio_put(bio);
	if (atomic_dec_and_test(&b->left))
		complete(&b->done);
}

static void submit_one(struct block_device *bdev, struct bt_batch *b,
		       blk_opf_t opf, sector_t sector, struct page *page,
		       unsigned int len, unsigned int off)
{
	struct bio *bio = bio_alloc(bdev, 1, opf, GFP_KERNEL);

	bio->bi_iter.bi_sector = sector;
	bio_add_page(bio, page, len, off);
	bio->bi_end_io = bt_batch_endio;
	bio->bi_private = b;
	submit_bio(bio);
}

/* Bios submitted under a plug go to the host together, merged if contiguous. */
static void block_plug_batches(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct bt_counts n;
	struct blk_plug plug;
	struct bt_batch b;
	int i;

	bt_count_install();
	c->counting = true;
	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	if (!bdev_kfs_disk(c->img.bdev)->aio_ctx)
		kunit_skip(test, "the host gave no aio context");
	bt_count_reset();

	/* Eight reads far apart: one aio_submit call with eight iocbs. */
	atomic_set(&b.left, 8);
	atomic_set(&b.errors, 0);
	init_completion(&b.done);
	blk_start_plug(&plug);
	for (i = 0; i < 8; i++)
		submit_one(c->img.bdev, &b, REQ_OP_READ, i * 64, page, 512, i * 512);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 0L);	/* all held */
	blk_finish_plug(&plug);
	wait_for_completion(&b.done);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.errors), 0);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 1L);
	KUNIT_EXPECT_EQ(test, n.iocbs, 8L);
	KUNIT_EXPECT_EQ(test, n.reads, 8L);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page) + i * 512,
						      i * 64 * 512, 512));

	/* Eight contiguous 512-byte writes: merged into one iocb. */
	bt_count_reset();
	fill(page_address(page), 9, PAGE_SIZE);
	atomic_set(&b.left, 8);
	reinit_completion(&b.done);
	blk_start_plug(&plug);
	for (i = 0; i < 8; i++)
		submit_one(c->img.bdev, &b, REQ_OP_WRITE, 1000 + i, page, 512, i * 512);
	blk_finish_plug(&plug);
	wait_for_completion(&b.done);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.errors), 0);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 1L);
	KUNIT_EXPECT_EQ(test, n.iocbs, 1L);
	KUNIT_EXPECT_EQ(test, n.writes, 1L);
	memset(page_address(page), 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, bt_pread(c->img.path, 1000 * 512, page_address(page), PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(page_address(page), 9, PAGE_SIZE));

	/* Without a plug every bio goes on its own. */
	bt_count_reset();
	atomic_set(&b.left, 3);
	reinit_completion(&b.done);
	for (i = 0; i < 3; i++)
		submit_one(c->img.bdev, &b, REQ_OP_READ, i * 8, page, 512, i * 512);
	wait_for_completion(&b.done);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 3L);
	KUNIT_EXPECT_EQ(test, n.iocbs, 3L);

	/* Nested plugs: only the outermost one sends. */
	bt_count_reset();
	atomic_set(&b.left, 2);
	reinit_completion(&b.done);
	blk_start_plug(&plug);
	{
		struct blk_plug inner;

		blk_start_plug(&inner);
		submit_one(c->img.bdev, &b, REQ_OP_READ, 0, page, 512, 0);
		blk_finish_plug(&inner);
		bt_count_get(&n);
		KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 0L);
		submit_one(c->img.bdev, &b, REQ_OP_READ, 100, page, 512, 512);
	}
	blk_finish_plug(&plug);
	wait_for_completion(&b.done);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.aio_submit_calls, 1L);
	KUNIT_EXPECT_EQ(test, n.iocbs, 2L);
}

/* Waiting for a bio sitting in one's own plug flushes the plug. */
static void block_plug_flushed_by_wait(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct blk_plug plug;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	blk_start_plug(&plug);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 8, page, 512, 0), 0);
	blk_finish_plug(&plug);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page), 8 * 512, 512));
}

/* REQ_PREFLUSH flushes before the data, REQ_FUA after it. */
static void block_flush_ordering(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct bt_counts n;
	char log[64];

	bt_count_install();
	c->counting = true;
	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	bt_count_reset();
	fill(page_address(page), 4, PAGE_SIZE);

	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE | REQ_PREFLUSH, 0,
				     page, 512, 0), 0);
	bt_oplog(log, sizeof(log));
	KUNIT_EXPECT_STREQ(test, log, "FW");

	bt_count_reset();
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE | REQ_FUA, 8,
				     page, 512, 0), 0);
	bt_oplog(log, sizeof(log));
	KUNIT_EXPECT_STREQ(test, log, "WF");

	bt_count_reset();
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev,
				     REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA, 16,
				     page, 512, 0), 0);
	bt_oplog(log, sizeof(log));
	KUNIT_EXPECT_STREQ(test, log, "FWF");

	/* A plain write flushes nothing; an empty flush only flushes. */
	bt_count_reset();
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 24, page, 512, 0), 0);
	KUNIT_EXPECT_EQ(test, blkdev_issue_flush(c->img.bdev), 0);
	bt_oplog(log, sizeof(log));
	KUNIT_EXPECT_STREQ(test, log, "WF");
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.flushes, 1L);

	/* FUA on a read means nothing. */
	bt_count_reset();
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ | REQ_FUA, 24, page, 512, 0), 0);
	bt_oplog(log, sizeof(log));
	KUNIT_EXPECT_STREQ(test, log, "R");
}

static void block_status_mapping(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_OK), 0);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_IOERR), -EIO);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_NOSPC), -ENOSPC);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_NOTSUPP), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_RESOURCE), -ENOMEM);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_AGAIN), -EAGAIN);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_MEDIUM), -ENODATA);
	KUNIT_EXPECT_EQ(test, blk_status_to_errno(BLK_STS_TIMEOUT), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(0), BLK_STS_OK);
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(-EIO), BLK_STS_IOERR);
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(-ENOSPC), BLK_STS_NOSPC);
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(-EOPNOTSUPP), BLK_STS_NOTSUPP);
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(-ENOMEM), BLK_STS_RESOURCE);
	/* Anything without a status of its own is an I/O error. */
	KUNIT_EXPECT_EQ(test, errno_to_blk_status(-EPERM), BLK_STS_IOERR);
	KUNIT_EXPECT_STREQ(test, blk_op_str(REQ_OP_WRITE_ZEROES), "WRITE_ZEROES");
}

/* Host failures reach bi_status as the status their errno maps to. */
static void block_host_errors(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct kfs_fault_rule rule = { .fd = KFS_FAULT_ANY_FD };
	int id;

	kfs_fault_install();
	c->faults = true;
	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);

	/* EIO on reads of sectors 16..23. */
	rule.kind = KFS_FAULT_READ_EIO;
	rule.start = 16 * 512;
	rule.len = 8 * 512;
	id = kfs_fault_add(&rule);
	KUNIT_ASSERT_GE(test, id, 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 16, page, 512, 0), -EIO);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 24, page, 512, 0), 0);
	KUNIT_EXPECT_EQ(test, kfs_fault_hits(id), 1L);
	kfs_fault_clear();

	/* ENOSPC from the host: BLK_STS_NOSPC, -ENOSPC to the waiter. */
	rule.kind = KFS_FAULT_WRITE_ENOSPC;
	rule.start = 0;
	rule.len = 0;
	rule.arg = 0;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	fill(page_address(page), 6, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 32, page, 512, 0), -ENOSPC);
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 32 * 512, 512));
	kfs_fault_clear();

	/* A failing flush fails the REQ_PREFLUSH write before any data moves. */
	rule.kind = KFS_FAULT_FSYNC_EIO;
	rule.times = 1;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE | REQ_PREFLUSH, 40,
				     page, 512, 0), -EIO);
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 40 * 512, 512));
	kfs_fault_clear();

	/* A short write is finished by resubmitting the rest. */
	rule.kind = KFS_FAULT_SHORT_WRITE;
	rule.times = 1;
	rule.start = 48 * 512;
	rule.len = 512;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 48, page, PAGE_SIZE, 0), 0);
	KUNIT_EXPECT_EQ(test, bt_pread(c->img.path, 48 * 512, page_address(page), PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(page_address(page), 6, PAGE_SIZE));
	kfs_fault_clear();

	/* A torn write: EIO, whatever reached the image. */
	rule.kind = KFS_FAULT_TORN_WRITE;
	rule.times = 1;
	rule.start = 64 * 512;
	rule.len = 512;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 64, page, PAGE_SIZE, 0), -EIO);
}

/* Outside the device, or unsupported: the bio fails at once. */
static void block_bad_bios(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct bio *bio;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 64 * 1024,
				      FMODE_READ | FMODE_WRITE), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 128, page, 512, 0), -EIO);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 127, page, 1024, 0), -EIO);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 127, page, 512, 0), 0);

	bio = bio_alloc(c->img.bdev, 0, REQ_OP_ZONE_RESET, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, submit_bio_wait(bio), -EOPNOTSUPP);
	bio_put(bio);

	/* guard_bio_eod cuts a bio at the end of the device, zeroing the rest. */
	memset(page_address(page), 0xff, PAGE_SIZE);
	bio = bio_alloc(c->img.bdev, 1, REQ_OP_READ, GFP_KERNEL);
	bio->bi_iter.bi_sector = 126;
	bio_add_page(bio, page, 2048, 0);
	guard_bio_eod(bio);
	KUNIT_EXPECT_EQ(test, bio->bi_iter.bi_size, 1024U);
	KUNIT_EXPECT_EQ(test, submit_bio_wait(bio), 0);
	bio_put(bio);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page), 126 * 512, 1024));
	KUNIT_EXPECT_EQ(test, ((unsigned char *)page_address(page))[1024], 0);
	KUNIT_EXPECT_EQ(test, ((unsigned char *)page_address(page))[2047], 0);
	KUNIT_EXPECT_EQ(test, ((unsigned char *)page_address(page))[2048], 0xff);
}

/* A device opened without FMODE_WRITE never writes its image. */
static void block_read_only(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct block_device *bdev;
	bt_u64 sum;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20, FMODE_READ), 0);
	sum = bt_checksum(c->img.path);
	KUNIT_EXPECT_TRUE(test, bdev_read_only(c->img.bdev));

	fill(page_address(page), 8, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE, 0, page, PAGE_SIZE, 0), -EIO);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_WRITE | REQ_FUA, 8, page, 512, 0), -EIO);
	KUNIT_EXPECT_EQ(test, blkdev_issue_zeroout(c->img.bdev, 0, 8, GFP_KERNEL, 0), -EPERM);
	KUNIT_EXPECT_EQ(test, blkdev_issue_discard(c->img.bdev, 0, 8, GFP_KERNEL), -EPERM);
	/* Nothing to flush: succeeds without touching anything. */
	KUNIT_EXPECT_EQ(test, blkdev_issue_flush(c->img.bdev), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(c->img.bdev, REQ_OP_READ, 0, page, PAGE_SIZE, 0), 0);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page), 0, PAGE_SIZE));

	/* It cannot be reopened for writing while open read-only. */
	bdev = blkdev_get_by_path(c->img.path, FMODE_READ | FMODE_WRITE, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(bdev), -EROFS);
	bdev = blkdev_get_by_path(c->img.path, FMODE_READ, NULL);
	KUNIT_EXPECT_TRUE(test, bdev == c->img.bdev);
	if (!IS_ERR(bdev))
		blkdev_put(bdev, FMODE_READ);

	/* Closing writes nothing either. */
	blkdev_put(c->img.bdev, FMODE_READ);
	c->img.bdev = NULL;
	KUNIT_EXPECT_EQ(test, bt_checksum(c->img.path), sum);
}

/* Syncing and resizing blocks of a read-only device write nothing. */
static void block_read_only_close(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct block_device *bdev;
	bt_u64 sum;

	KUNIT_ASSERT_EQ(test, bt_make_image(BT_DISK_DIR, 1 << 20, c->img.path,
					    sizeof(c->img.path)), 0);
	sum = bt_checksum(c->img.path);
	bdev = blkdev_get_by_path(c->img.path, FMODE_READ, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bdev));
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	KUNIT_EXPECT_EQ(test, set_blocksize(bdev, 1024), 0);
	blkdev_put(bdev, FMODE_READ);
	KUNIT_EXPECT_EQ(test, bt_checksum(c->img.path), sum);
}

/* FMODE_EXCL: one holder at a time; the same holder may claim again. */
static void block_exclusive(struct kunit *test)
{
	struct block_case *c = test->priv;
	const fmode_t m = FMODE_READ | FMODE_WRITE | FMODE_EXCL;
	int h1, h2;
	struct block_device *a, *b, *d;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	a = blkdev_get_by_path(c->img.path, m, &h1);
	KUNIT_ASSERT_TRUE(test, a == c->img.bdev);
	KUNIT_EXPECT_TRUE(test, a->bd_holder == &h1);
	b = blkdev_get_by_path(c->img.path, m, &h1);
	KUNIT_EXPECT_TRUE(test, b == a);
	KUNIT_EXPECT_EQ(test, a->bd_holders, 2);
	d = blkdev_get_by_path(c->img.path, m, &h2);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(d), -EBUSY);
	d = blkdev_get_by_dev(a->bd_dev, m, &h2);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(d), -EBUSY);
	/* Non-exclusive opens are not affected by a claim. */
	d = blkdev_get_by_path(c->img.path, FMODE_READ, NULL);
	KUNIT_EXPECT_TRUE(test, d == a);
	if (!IS_ERR(d))
		blkdev_put(d, FMODE_READ);

	blkdev_put(a, m);
	KUNIT_EXPECT_TRUE(test, a->bd_holder == &h1);
	blkdev_put(b, m);
	KUNIT_EXPECT_TRUE(test, a->bd_holder == NULL);
	d = blkdev_get_by_path(c->img.path, m, &h2);
	KUNIT_EXPECT_TRUE(test, d == a);
	if (!IS_ERR(d))
		blkdev_put(d, m);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->bd_openers), 1);
}

/* A second opener of the image that is not us (another path string, or
 * another process) is refused while it is open for writing. */
static void block_host_lock(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct block_device *other;
	char alias[300];

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	snprintf(alias, sizeof(alias), "%s/.%s", BT_TMPFS_DIR,
		 c->img.path + strlen(BT_TMPFS_DIR));
	other = blkdev_get_by_path(alias, FMODE_READ, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(other), -EBUSY);
	other = blkdev_get_by_path(alias, FMODE_READ | FMODE_WRITE, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(other), -EBUSY);

	/* Readers share. */
	bt_close(&c->img);
	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 1 << 20, FMODE_READ), 0);
	snprintf(alias, sizeof(alias), "%s/.%s", BT_TMPFS_DIR,
		 c->img.path + strlen(BT_TMPFS_DIR));
	other = blkdev_get_by_path(alias, FMODE_READ, NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(other));
	if (!IS_ERR(other)) {
		KUNIT_EXPECT_TRUE(test, other != c->img.bdev);
		blkdev_put(other, FMODE_READ);
	}
}

static void block_open_errors(struct kunit *test)
{
	struct block_device *bdev;

	bdev = blkdev_get_by_path("/nonexistent/kfs-image", FMODE_READ, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(bdev), -ENOENT);
	bdev = blkdev_get_by_path(BT_DISK_DIR, FMODE_READ, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(bdev), -ENOTBLK);
	bdev = blkdev_get_by_dev(MKDEV(KFS_BDEV_MAJOR, 999999), FMODE_READ, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(bdev), -ENXIO);
}

/* A window of the image at an offset, as a partition. */
static void block_window(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct block_device *bdev, *again;

	KUNIT_ASSERT_EQ(test, bt_make_image(BT_DISK_DIR, 1 << 20, c->img.path,
					    sizeof(c->img.path)), 0);
	bdev = kfs_bdev_open(c->img.path, FMODE_READ | FMODE_WRITE, 8192, 65536, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bdev));
	c->img.bdev = bdev;
	c->img.mode = FMODE_READ | FMODE_WRITE;
	KUNIT_EXPECT_EQ(test, bdev_nr_sectors(bdev), (sector_t)128);
	KUNIT_EXPECT_EQ(test, bt_bio(bdev, REQ_OP_READ, 0, page, PAGE_SIZE, 0), 0);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page), 8192, PAGE_SIZE));
	fill(page_address(page), 3, 512);
	KUNIT_EXPECT_EQ(test, bt_bio(bdev, REQ_OP_WRITE, 127, page, 512, 0), 0);
	KUNIT_EXPECT_EQ(test, bt_bio(bdev, REQ_OP_WRITE, 128, page, 512, 0), -EIO);
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 8192 + 65536, 512));
	KUNIT_EXPECT_EQ(test, bt_pread(c->img.path, 8192 + 127 * 512, page_address(page) + 2048, 512), 0);
	KUNIT_EXPECT_TRUE(test, is_fill(page_address(page) + 2048, 3, 512));

	/* The path finds this window; another window of it is a conflict. */
	again = blkdev_get_by_path(c->img.path, FMODE_READ, NULL);
	KUNIT_EXPECT_TRUE(test, again == bdev);
	if (!IS_ERR(again))
		blkdev_put(again, FMODE_READ);
	again = kfs_bdev_open(c->img.path, FMODE_READ, 0, 65536, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(again), -EBUSY);
	/* Windows outside the image, or not sector aligned. */
	again = kfs_bdev_open("/dev/null/x", FMODE_READ, 0, 0, NULL);
	KUNIT_EXPECT_TRUE(test, IS_ERR(again));
	bt_close(&c->img);
	KUNIT_ASSERT_EQ(test, bt_make_image(BT_DISK_DIR, 1 << 20, c->img.path,
					    sizeof(c->img.path)), 0);
	again = kfs_bdev_open(c->img.path, FMODE_READ, 1 << 20, 512, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(again), -EINVAL);
	again = kfs_bdev_open(c->img.path, FMODE_READ, 100, 0, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(again), -EINVAL);
}

static void block_discard_zeroout(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct bt_counts n;

	bt_count_install();
	c->counting = true;
	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, 1 << 20,
				      FMODE_READ | FMODE_WRITE), 0);
	KUNIT_EXPECT_GT(test, bdev_max_discard_sectors(c->img.bdev), 0U);
	KUNIT_EXPECT_EQ(test, blkdev_issue_zeroout(c->img.bdev, 16, 16, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_TRUE(test, bt_is_zero(c->img.path, 16 * 512, 16 * 512));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 15 * 512, 512));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 32 * 512, 512));

	bt_count_reset();
	KUNIT_EXPECT_EQ(test, blkdev_issue_discard(c->img.bdev, 256, 256, GFP_KERNEL), 0);
	bt_count_get(&n);
	KUNIT_EXPECT_EQ(test, n.fallocs, 1L);
	/* On an image a discarded range reads back as zeroes (a hole). */
	KUNIT_EXPECT_TRUE(test, bt_is_zero(c->img.path, 256 * 512, 256 * 512));

	/* Zeroing without the device's help writes zero pages. */
	bt_count_reset();
	KUNIT_EXPECT_EQ(test, blkdev_issue_zeroout(c->img.bdev, 600, 24, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_TRUE(test, bt_is_zero(c->img.path, 600 * 512, 24 * 512));
	KUNIT_EXPECT_EQ(test, blkdev_issue_zeroout(c->img.bdev, 3, 1, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_TRUE(test, bt_is_zero(c->img.path, 3 * 512, 512));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 2 * 512, 512));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 4 * 512, 512));
}

struct chain_state {
	int calls;
	blk_status_t status;
	struct completion done;
};

static void chain_parent_endio(struct bio *bio)
{
	struct chain_state *s = bio->bi_private;

	s->calls++;
	s->status = bio->bi_status;
	complete(&s->done);
}

/* bio_chain: the parent ends once, after every child; errors propagate. */
static void block_chain(struct kunit *test)
{
	struct block_case *c = test->priv;
	struct page *page = case_page(test);
	struct chain_state s = { };
	struct bio *parent, *child;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_TMPFS_DIR, 64 * 1024,
				      FMODE_READ | FMODE_WRITE), 0);
	init_completion(&s.done);
	parent = bio_alloc(c->img.bdev, 1, REQ_OP_READ, GFP_KERNEL);
	parent->bi_iter.bi_sector = 0;
	bio_add_page(parent, page, 512, 0);
	parent->bi_end_io = chain_parent_endio;
	parent->bi_private = &s;

	child = bio_alloc(c->img.bdev, 1, REQ_OP_READ, GFP_KERNEL);
	child->bi_iter.bi_sector = 1;
	bio_add_page(child, page, 512, 512);
	bio_chain(child, parent);
	submit_bio(child);
	/* This one is past the end: it fails, and so must the parent. */
	child = bio_alloc(c->img.bdev, 1, REQ_OP_READ, GFP_KERNEL);
	child->bi_iter.bi_sector = 1000;
	bio_add_page(child, page, 512, 1024);
	bio_chain(child, parent);
	submit_bio(child);

	submit_bio(parent);
	wait_for_completion(&s.done);
	KUNIT_EXPECT_EQ(test, s.calls, 1);
	KUNIT_EXPECT_EQ(test, s.status, BLK_STS_IOERR);
	bio_put(parent);
	KUNIT_EXPECT_TRUE(test, is_pattern_at(page_address(page), 0, 1024));
}

/* bio_sets: front padding belongs to the caller; vec pools hold 256. */
static void block_bioset(struct kunit *test)
{
	struct bio_set bs;
	struct bio *bio;
	char *pad;

	KUNIT_ASSERT_EQ(test, bioset_init(&bs, 4, 64, BIOSET_NEED_BVECS), 0);
	KUNIT_EXPECT_TRUE(test, bioset_initialized(&bs));
	bio = bio_alloc_bioset(NULL, BIO_MAX_VECS, REQ_OP_READ, GFP_KERNEL, &bs);
	KUNIT_ASSERT_NOT_NULL(test, bio);
	KUNIT_EXPECT_EQ(test, bio->bi_max_vecs, (unsigned short)BIO_MAX_VECS);
	pad = (char *)bio - 64;
	memset(pad, 0xab, 64);		/* ours to use */
	KUNIT_EXPECT_TRUE(test, bio->bi_pool == &bs);
	bio_get(bio);
	bio_put(bio);			/* still one reference */
	KUNIT_EXPECT_EQ(test, atomic_read(&bio->__bi_cnt), 1);
	bio_put(bio);
	KUNIT_EXPECT_NULL(test, bio_alloc_bioset(NULL, BIO_MAX_VECS + 1, REQ_OP_READ,
						 GFP_KERNEL, &bs));
	bioset_exit(&bs);
	KUNIT_EXPECT_FALSE(test, bioset_initialized(&bs));
}

static struct kunit_case block_cases[] = {
	KUNIT_CASE(block_rw_tmpfs),
	KUNIT_CASE(block_rw_disk),
	KUNIT_CASE(block_rw_no_direct),
	KUNIT_CASE(block_multi_segment),
	KUNIT_CASE(block_plug_batches),
	KUNIT_CASE(block_plug_flushed_by_wait),
	KUNIT_CASE(block_flush_ordering),
	KUNIT_CASE(block_status_mapping),
	KUNIT_CASE(block_host_errors),
	KUNIT_CASE(block_bad_bios),
	KUNIT_CASE(block_read_only),
	KUNIT_CASE(block_read_only_close),
	KUNIT_CASE(block_exclusive),
	KUNIT_CASE(block_host_lock),
	KUNIT_CASE(block_open_errors),
	KUNIT_CASE(block_window),
	KUNIT_CASE(block_discard_zeroout),
	KUNIT_CASE(block_chain),
	KUNIT_CASE(block_bioset),
	{}
};

static struct kunit_suite block_suite = {
	.name = "block",
	.init = block_case_init,
	.exit = block_case_exit,
	.test_cases = block_cases,
};

kunit_test_suites(&block_suite);
