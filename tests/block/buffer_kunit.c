// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of buffer heads (compat/fs/buffer.c) on a block device over a real
 * image: reading blocks, dirtying and writing them back, their life in the
 * device's page cache, reference counts, associated buffers, and the
 * address_space helpers a buffer-based filesystem uses for file data.
 */
#include <kunit/test.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/writeback.h>

#include <kfs_fault.h>

#include "block_host.h"
#include "block_test.h"

#define IMG_SIZE	(1 << 20)

struct buffer_case {
	struct bt_image img;
	struct super_block *sb;		/* a bare one, for sb_bread & co */
	struct super_block *tsb;	/* a real one, for test inodes */
	struct inode *inode;
	bool faults;
};

static int buffer_case_init(struct kunit *test)
{
	struct buffer_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	test->priv = c;
	return 0;
}

static void buffer_case_exit(struct kunit *test)
{
	struct buffer_case *c = test->priv;

	if (c->inode) {
		truncate_inode_pages(&c->inode->i_data, 0);
		iput(c->inode);
	}
	if (c->tsb) {
		down_write(&c->tsb->s_umount);
		deactivate_locked_super(c->tsb);
	}
	kfree(c->sb);
	bt_close(&c->img);
	/* Only with no disk thread left running (see block_kunit.c). */
	if (c->faults) {
		kfs_fault_clear();
		kfs_fault_uninstall();
	}
}

/* An image on disk, opened read-write, with 1 KiB device blocks. */
static struct block_device *open_1k(struct kunit *test)
{
	struct buffer_case *c = test->priv;

	KUNIT_ASSERT_EQ(test, bt_open(test, &c->img, BT_DISK_DIR, IMG_SIZE,
				      FMODE_READ | FMODE_WRITE), 0);
	KUNIT_ASSERT_EQ(test, set_blocksize(c->img.bdev, 1024), 0);
	return c->img.bdev;
}

static bool data_is_pattern(const void *p, u64 off, size_t len)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i] != bt_pattern(off + i))
			return false;
	return true;
}

static bool image_has(struct kunit *test, const char *path, u64 off,
		      const void *want, size_t len)
{
	void *buf = kunit_kmalloc(test, len, GFP_KERNEL);

	if (!buf || bt_pread(path, off, buf, len))
		return false;
	return !memcmp(buf, want, len);
}

/*
 * end_buffer_read_sync (as in the kernel) unlocks the buffer before it
 * drops the reference the read held, so right after a read returns, the
 * count may still include it for a moment.  A flush completes through the
 * same reaper after the earlier completions have run: once it returns,
 * every reference taken for earlier I/O is gone.
 */
static void settle(struct kunit *test, struct block_device *bdev)
{
	KUNIT_ASSERT_EQ(test, blkdev_issue_flush(bdev), 0);
}

/* sb_bread & co. return the image's blocks, one buffer per block. */
static void buffer_bread(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct buffer_head *bh, *again;

	bh = __bread(bdev, 5, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_EQ(test, bh->b_blocknr, (sector_t)5);
	KUNIT_EXPECT_EQ(test, bh->b_size, (size_t)1024);
	KUNIT_EXPECT_TRUE(test, bh->b_bdev == bdev);
	KUNIT_EXPECT_TRUE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_TRUE(test, buffer_mapped(bh));
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_FALSE(test, buffer_locked(bh));
	settle(test, bdev);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 1);
	KUNIT_EXPECT_EQ(test, bh_offset(bh), 1024UL);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bh->b_data, 5 * 1024, 1024));

	again = __bread(bdev, 5, 1024);
	KUNIT_EXPECT_TRUE(test, again == bh);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 2);
	brelse(again);
	brelse(bh);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 0);

	/* The last block, and past the end of the device. */
	bh = __bread(bdev, 1023, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bh->b_data, 1023 * 1024, 1024));
	brelse(bh);
	KUNIT_EXPECT_NULL(test, __bread(bdev, 1024, 1024));
	KUNIT_EXPECT_NULL(test, __getblk(bdev, 1024, 1024));
	/* Sizes the device cannot have. */
	KUNIT_EXPECT_NULL(test, __getblk(bdev, 1, 3000));
	KUNIT_EXPECT_NULL(test, __getblk(bdev, 1, 256));

	/* Through a super block, after sb_set_blocksize. */
	c->sb = kzalloc(sizeof(*c->sb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->sb);
	c->sb->s_bdev = bdev;
	KUNIT_EXPECT_EQ(test, sb_set_blocksize(c->sb, 2048), 2048);
	KUNIT_EXPECT_EQ(test, c->sb->s_blocksize, 2048UL);
	KUNIT_EXPECT_EQ(test, c->sb->s_blocksize_bits, (unsigned char)11);
	KUNIT_EXPECT_EQ(test, block_size(bdev), 2048U);
	bh = sb_bread(c->sb, 3);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bh->b_data, 3 * 2048, 2048));
	brelse(bh);
	KUNIT_EXPECT_EQ(test, sb_bdev_nr_blocks(c->sb), (u64)512);
	KUNIT_EXPECT_EQ(test, sb_min_blocksize(c->sb, 256), 512);
	KUNIT_EXPECT_EQ(test, sb_set_blocksize(c->sb, 3000), 0);
	KUNIT_EXPECT_EQ(test, set_blocksize(bdev, 8192), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_blocksize(bdev, 256), -EINVAL);
}

/* mark_buffer_dirty dirties page and inode; the write reaches the image. */
static void buffer_dirty_sync(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct buffer_head *bh, *bh2;

	bh = __bread(bdev, 5, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	memset(bh->b_data + 10, 0xee, 100);
	mark_buffer_dirty(bh);
	KUNIT_EXPECT_TRUE(test, buffer_dirty(bh));
	KUNIT_EXPECT_TRUE(test, PageDirty(bh->b_page));
	KUNIT_EXPECT_TRUE(test, bdev->bd_inode->i_state & I_DIRTY_PAGES);
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(bh), 0);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_TRUE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 5 * 1024, bh->b_data, 1024));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 4 * 1024, 1024));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 6 * 1024, 1024));
	/* A clean buffer: nothing to do. */
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(bh), 0);

	/* write_dirty_buffer starts the write; waiting finishes it. */
	memset(bh->b_data, 0x11, 16);
	mark_buffer_dirty(bh);
	write_dirty_buffer(bh, 0);
	wait_on_buffer(bh);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 5 * 1024, bh->b_data, 1024));

	/* Writeback of the device's page cache writes dirty buffers too. */
	bh2 = __bread(bdev, 700, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh2);
	memset(bh2->b_data, 0x42, 1024);
	mark_buffer_dirty(bh2);
	memset(bh->b_data, 0x43, 1024);
	mark_buffer_dirty(bh);
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh2));
	KUNIT_EXPECT_FALSE(test, PageDirty(bh2->b_page));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 700 * 1024, bh2->b_data, 1024));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 5 * 1024, bh->b_data, 1024));
	/* Only the dirty buffers of those pages were written. */
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 701 * 1024, 1024));
	brelse(bh2);
	brelse(bh);
}

/* A buffer is a piece of the device's page-cache page: one copy. */
static void buffer_coherence(struct kunit *test)
{
	struct block_device *bdev = open_1k(test);
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	struct buffer_head *bh, *head, *p, *other;
	struct folio *folio;
	bool in_ring = false;
	int n = 0;

	bh = __bread(bdev, 6, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	folio = filemap_get_folio(mapping, 1);	/* blocks 4..7 */
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_TRUE(test, bh->b_page == &folio->page);
	KUNIT_EXPECT_TRUE(test, bh->b_data == (char *)folio_address(folio) + 2048);
	head = folio_buffers(folio);
	KUNIT_ASSERT_NOT_NULL(test, head);
	p = head;
	do {
		KUNIT_EXPECT_EQ(test, p->b_blocknr, (sector_t)(4 + n));
		KUNIT_EXPECT_TRUE(test, buffer_mapped(p));
		if (p == bh)
			in_ring = true;
		n++;
		p = p->b_this_page;
	} while (p != head && n < 8);
	KUNIT_EXPECT_EQ(test, n, 4);
	KUNIT_EXPECT_TRUE(test, in_ring);

	/* Lookups of the block find that buffer. */
	other = __find_get_block(bdev, 6, 1024);
	KUNIT_EXPECT_TRUE(test, other == bh);
	brelse(other);
	/* Its neighbours exist (same page) but were not read. */
	other = __find_get_block(bdev, 4, 1024);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_FALSE(test, buffer_uptodate(other));
	brelse(other);
	KUNIT_EXPECT_NULL(test, __find_get_block(bdev, 40, 1024));

	/*
	 * Newer data in the buffer survives reading the page through the
	 * page cache: only the buffers that are not uptodate are read.
	 */
	memset(bh->b_data, 0x99, 1024);
	folio_put(folio);
	folio = read_mapping_folio(mapping, 1, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
	KUNIT_EXPECT_TRUE(test, folio_test_uptodate(folio));
	KUNIT_EXPECT_TRUE(test, data_is_pattern(folio_address(folio), 4 * 1024, 2048));
	KUNIT_EXPECT_EQ(test, ((unsigned char *)folio_address(folio))[2048], 0x99);
	KUNIT_EXPECT_EQ(test, ((unsigned char *)folio_address(folio))[3071], 0x99);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(folio_address(folio) + 3072, 7 * 1024, 1024));
	/* ... and a buffer taken afterwards from that page is uptodate. */
	other = __find_get_block(bdev, 7, 1024);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_TRUE(test, buffer_uptodate(other));
	brelse(other);
	folio_put(folio);
	brelse(bh);
}

/* brelse/bforget and what references keep alive. */
static void buffer_refcounts(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct buffer_head *bh;
	struct folio *folio;

	bh = __getblk(bdev, 9, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 1);
	KUNIT_EXPECT_FALSE(test, buffer_uptodate(bh));	/* getblk does not read */
	get_bh(bh);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 2);
	put_bh(bh);
	brelse(NULL);
	bforget(NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 1);

	/* bforget: the block's contents no longer matter, nothing written. */
	memset(bh->b_data, 0x77, 1024);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	bforget(bh);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 0);
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 9 * 1024, 1024));

	/* Buffers in use keep their page's buffers from being freed. */
	bh = __bread(bdev, 12, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	folio = page_folio(bh->b_page);
	folio_get(folio);
	folio_lock(folio);
	KUNIT_EXPECT_FALSE(test, try_to_free_buffers(folio));
	folio_unlock(folio);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	brelse(bh);
	folio_lock(folio);
	KUNIT_EXPECT_FALSE(test, try_to_free_buffers(folio));	/* dirty */
	folio_unlock(folio);
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	folio_lock(folio);
	KUNIT_EXPECT_TRUE(test, try_to_free_buffers(folio));
	KUNIT_EXPECT_NULL(test, folio_buffers(folio));
	folio_unlock(folio);
	folio_put(folio);
	/* The block is found again (fresh buffers, same data). */
	bh = __bread(bdev, 12, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bh->b_data, 12 * 1024, 1024));
	brelse(bh);
}

static void buffer_read_helpers(struct kunit *test)
{
	struct block_device *bdev = open_1k(test);
	struct buffer_head *bhs[4];
	int i;

	for (i = 0; i < 4; i++) {
		bhs[i] = __getblk(bdev, 100 + i * 10, 1024);
		KUNIT_ASSERT_NOT_NULL(test, bhs[i]);
	}
	bh_readahead_batch(2, bhs, REQ_RAHEAD);
	bh_read_batch(4, bhs);
	for (i = 0; i < 4; i++) {
		wait_on_buffer(bhs[i]);
		KUNIT_EXPECT_TRUE(test, buffer_uptodate(bhs[i]));
		KUNIT_EXPECT_TRUE(test, data_is_pattern(bhs[i]->b_data,
							(100 + i * 10) * 1024, 1024));
		brelse(bhs[i]);
	}

	bhs[0] = __getblk(bdev, 300, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bhs[0]);
	KUNIT_EXPECT_EQ(test, bh_read(bhs[0], 0), 0);	/* read now */
	KUNIT_EXPECT_EQ(test, bh_read(bhs[0], 0), 1);	/* was uptodate */
	KUNIT_EXPECT_EQ(test, bh_uptodate_or_lock(bhs[0]), 1);
	brelse(bhs[0]);

	__breadahead(bdev, 301, 1024);
	bhs[0] = __find_get_block(bdev, 301, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bhs[0]);
	wait_on_buffer(bhs[0]);
	KUNIT_EXPECT_TRUE(test, buffer_uptodate(bhs[0]));
	brelse(bhs[0]);

	bhs[0] = __getblk(bdev, 302, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bhs[0]);
	KUNIT_EXPECT_EQ(test, bh_uptodate_or_lock(bhs[0]), 0);
	KUNIT_EXPECT_TRUE(test, buffer_locked(bhs[0]));
	KUNIT_EXPECT_EQ(test, __bh_read(bhs[0], 0, true), 0);
	KUNIT_EXPECT_FALSE(test, buffer_locked(bhs[0]));
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bhs[0]->b_data, 302 * 1024, 1024));
	brelse(bhs[0]);
}

/* I/O errors: a failed read gives NULL, a failed write -EIO and a mark. */
static void buffer_io_errors(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct kfs_fault_rule rule = { .fd = KFS_FAULT_ANY_FD };
	struct block_device *bdev;
	struct buffer_head *bh;

	kfs_fault_install();
	c->faults = true;
	bdev = open_1k(test);
	rule.kind = KFS_FAULT_READ_EIO;
	rule.start = 20 * 1024;
	rule.len = 1024;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	KUNIT_EXPECT_NULL(test, __bread(bdev, 20, 1024));
	settle(test, bdev);
	bh = __find_get_block(bdev, 20, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_FALSE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_EQ(test, atomic_read(&bh->b_count), 1);
	brelse(bh);
	kfs_fault_clear();
	bh = __bread(bdev, 20, 1024);		/* the fault is gone */
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_TRUE(test, data_is_pattern(bh->b_data, 20 * 1024, 1024));

	rule.kind = KFS_FAULT_WRITE_EIO;
	KUNIT_ASSERT_GE(test, kfs_fault_add(&rule), 0);
	memset(bh->b_data, 1, 1024);
	mark_buffer_dirty(bh);
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(bh), -EIO);
	KUNIT_EXPECT_TRUE(test, buffer_write_io_error(bh));
	KUNIT_EXPECT_FALSE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 20 * 1024, 1024));
	kfs_fault_clear();
	/* Rewriting it clears the mark. */
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(bh), 0);
	KUNIT_EXPECT_FALSE(test, buffer_write_io_error(bh));
	brelse(bh);
}

/* clean_bdev_aliases: a device buffer of a reallocated block is cleaned. */
static void buffer_clean_aliases(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct buffer_head *bh;

	bh = __bread(bdev, 30, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	memset(bh->b_data, 0x55, 1024);
	mark_buffer_dirty(bh);
	clean_bdev_aliases(bdev, 28, 4);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	brelse(bh);
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, 30 * 1024, 1024));
}

/*
 * A stand-in filesystem on the test device, set up as mount_bdev would
 * (s_bdev, s_bdi of the disk), and an inode of it for associated buffers
 * and file data.
 */
static struct file_system_type test_fs_type = {
	.name = "kfs-block-test",
	.kill_sb = kill_anon_super,
};

static struct inode *test_inode(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct super_block *sb;

	sb = sget(&test_fs_type, NULL, set_anon_super, 0, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sb));
	c->tsb = sb;
	sb->s_bdev = c->img.bdev;
	sb->s_bdi = bdi_get(c->img.bdev->bd_disk->bdi);
	sb->s_blocksize = 1024;
	sb->s_blocksize_bits = 10;
	up_write(&sb->s_umount);

	c->inode = new_inode(sb);
	KUNIT_ASSERT_NOT_NULL(test, c->inode);
	c->inode->i_mode = S_IFREG | 0644;
	c->inode->i_blkbits = 10;
	return c->inode;
}

/* mark_buffer_dirty_inode + sync_mapping_buffers: an inode's metadata. */
static void buffer_associated(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct inode *inode = test_inode(test);
	char *old = kunit_kmalloc(test, 1024, GFP_KERNEL);
	struct buffer_head *bh;

	KUNIT_ASSERT_NOT_NULL(test, old);
	bh = __bread(bdev, 40, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	memset(bh->b_data, 0x24, 1024);
	mark_buffer_dirty_inode(bh, inode);
	KUNIT_EXPECT_TRUE(test, inode_has_buffers(inode));
	KUNIT_EXPECT_TRUE(test, inode->i_data.private_data == bdev->bd_inode->i_mapping);
	KUNIT_EXPECT_TRUE(test, bh->b_assoc_map == inode->i_mapping);
	KUNIT_EXPECT_EQ(test, sync_mapping_buffers(inode->i_mapping), 0);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_FALSE(test, inode_has_buffers(inode));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 40 * 1024, bh->b_data, 1024));

	/* Forgotten associations leave the buffer dirty for the device. */
	memset(bh->b_data, 0x25, 1024);
	mark_buffer_dirty_inode(bh, inode);
	KUNIT_EXPECT_EQ(test, remove_inode_buffers(inode), 0);	/* dirty: kept */
	invalidate_inode_buffers(inode);
	KUNIT_EXPECT_FALSE(test, inode_has_buffers(inode));
	KUNIT_EXPECT_NULL(test, bh->b_assoc_map);
	KUNIT_EXPECT_TRUE(test, buffer_dirty(bh));
	KUNIT_EXPECT_EQ(test, sync_mapping_buffers(inode->i_mapping), 0);
	memset(old, 0x24, 1024);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 40 * 1024, old, 1024));
	KUNIT_EXPECT_EQ(test, sync_blockdev(bdev), 0);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, 40 * 1024, bh->b_data, 1024));

	/* bforget drops the association too. */
	mark_buffer_dirty_inode(bh, inode);
	bforget(bh);
	KUNIT_EXPECT_FALSE(test, inode_has_buffers(inode));
}

/* ---------------------------------------------- a buffer-based "file" */

/* File block n lives at device block FILE_BASE + n; allocated on create. */
#define FILE_BASE	200
static struct block_device *file_bdev;
static unsigned long file_allocated;

static int test_get_block(struct inode *inode, sector_t iblock,
			  struct buffer_head *bh, int create)
{
	if (iblock >= BITS_PER_LONG)
		return -EFBIG;
	if (!test_bit(iblock, &file_allocated)) {
		if (!create)
			return 0;	/* a hole */
		set_bit(iblock, &file_allocated);
		set_buffer_new(bh);
	}
	bh->b_bdev = file_bdev;
	bh->b_blocknr = FILE_BASE + iblock;
	bh->b_size = 1024;
	set_buffer_mapped(bh);
	return 0;
}

static int test_read_folio(struct file *file, struct folio *folio)
{
	return block_read_full_folio(folio, test_get_block);
}

static int test_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, test_get_block, wbc);
}

static int test_write_begin(struct file *file, struct address_space *mapping,
			    loff_t pos, unsigned int len, struct page **pagep,
			    void **fsdata)
{
	return block_write_begin(mapping, pos, len, pagep, test_get_block);
}

static const struct address_space_operations test_aops = {
	.dirty_folio = block_dirty_folio,
	.invalidate_folio = block_invalidate_folio,
	.read_folio = test_read_folio,
	.writepage = test_writepage,
	.write_begin = test_write_begin,
	.write_end = generic_write_end,
	.is_partially_uptodate = block_is_partially_uptodate,
};

static int file_write(struct inode *inode, loff_t pos, const void *buf,
		      unsigned int len)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page;
	void *fsdata = NULL;
	int ret;

	ret = mapping->a_ops->write_begin(NULL, mapping, pos, len, &page, &fsdata);
	if (ret)
		return ret;
	memcpy(page_address(page) + (pos & (PAGE_SIZE - 1)), buf, len);
	return mapping->a_ops->write_end(NULL, mapping, pos, len, len, page, fsdata);
}

static void buffer_file_data(struct kunit *test)
{
	struct buffer_case *c = test->priv;
	struct block_device *bdev = open_1k(test);
	struct inode *inode = test_inode(test);
	struct address_space *mapping = inode->i_mapping;
	unsigned char *data = kunit_kmalloc(test, 4096, GFP_KERNEL);
	unsigned char *zero = kunit_kzalloc(test, 4096, GFP_KERNEL);
	struct folio *folio;

	KUNIT_ASSERT_NOT_NULL(test, data);
	KUNIT_ASSERT_NOT_NULL(test, zero);
	file_bdev = bdev;
	file_allocated = 0;
	mapping->a_ops = &test_aops;
	memset(data, 0xc3, 4096);

	/* A write into new blocks: the rest of those blocks reads zero. */
	KUNIT_EXPECT_EQ(test, file_write(inode, 100, data, 1500), 1500);
	KUNIT_EXPECT_EQ(test, i_size_read(inode), (loff_t)1600);
	KUNIT_EXPECT_EQ(test, file_allocated, 3UL);
	KUNIT_EXPECT_EQ(test, generic_block_bmap(mapping, 1, test_get_block),
			(sector_t)FILE_BASE + 1);

	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(mapping), 0);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024, zero, 100));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 100, data, 1500));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 1600, zero, 448));
	/* Block 2 of the file was never written. */
	KUNIT_EXPECT_TRUE(test, bt_is_pattern(c->img.path, (FILE_BASE + 2) * 1024, 1024));

	/* Read back through a cold cache. */
	truncate_inode_pages(mapping, 0);
	folio = read_mapping_folio(mapping, 0, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
	KUNIT_EXPECT_EQ(test, memcmp(folio_address(folio), zero, 100), 0);
	KUNIT_EXPECT_EQ(test, memcmp(folio_address(folio) + 100, data, 1500), 0);
	/* Past i_size and in holes: zeroes. */
	KUNIT_EXPECT_EQ(test, memcmp(folio_address(folio) + 1600, zero, 4096 - 1600), 0);
	KUNIT_EXPECT_TRUE(test, block_is_partially_uptodate(folio, 0, 100));
	folio_put(folio);

	/* A partial overwrite of an old block reads the rest of it first. */
	truncate_inode_pages(mapping, 0);
	memset(data, 0x3c, 10);
	KUNIT_EXPECT_EQ(test, file_write(inode, 1030, data, 10), 10);
	KUNIT_EXPECT_EQ(test, i_size_read(inode), (loff_t)1600);
	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(mapping), 0);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 1030, data, 10));
	memset(data, 0xc3, 10);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 1040, data, 560));

	/* block_truncate_page zeroes the tail of the block holding EOF. */
	KUNIT_EXPECT_EQ(test, block_truncate_page(mapping, 1500, test_get_block), 0);
	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(mapping), 0);
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 1500, zero, 548));
	KUNIT_EXPECT_TRUE(test, image_has(test, c->img.path, FILE_BASE * 1024 + 1400, data, 100));
	/* In a hole there is nothing to zero. */
	KUNIT_EXPECT_EQ(test, block_truncate_page(mapping, 5 * 1024 + 7, test_get_block), 0);
	KUNIT_EXPECT_EQ(test, file_allocated, 3UL);
}

static struct kunit_case buffer_cases[] = {
	KUNIT_CASE(buffer_bread),
	KUNIT_CASE(buffer_dirty_sync),
	KUNIT_CASE(buffer_coherence),
	KUNIT_CASE(buffer_refcounts),
	KUNIT_CASE(buffer_read_helpers),
	KUNIT_CASE(buffer_io_errors),
	KUNIT_CASE(buffer_clean_aliases),
	KUNIT_CASE(buffer_associated),
	KUNIT_CASE(buffer_file_data),
	{}
};

static struct kunit_suite buffer_suite = {
	.name = "buffer",
	.init = buffer_case_init,
	.exit = buffer_case_exit,
	.test_cases = buffer_cases,
};

kunit_test_suites(&buffer_suite);
