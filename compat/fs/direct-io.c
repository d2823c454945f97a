/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * O_DIRECT for filesystems that map blocks with a get_block_t
 * (blockdev_direct_IO in fat, ext2, ...), the role of the kernel's
 * fs/direct-io.c.  Written by J from the contract in vfs.rst (direct_IO)
 * and the kernel-doc of __blockdev_direct_IO:
 *
 *  - the file position and every user segment must be aligned to the
 *    device's logical block size, else -EINVAL;
 *  - a read stops at i_size; holes read as zeroes;
 *  - DIO_LOCKING: a read holds i_rwsem while it flushes the cached range
 *    and maps blocks (the caller of a write already holds it);
 *  - DIO_SKIP_HOLES: no block is allocated inside i_size; a write that
 *    meets a hole there stops, returning what it did, and the caller
 *    finishes the rest through the page cache (as -ENOTBLK does in the
 *    kernel);
 *  - ->end_io(iocb, offset, bytes, NULL) runs after the transfer;
 *  - i_size is not changed here (generic_file_direct_write does that).
 *
 * The data moves synchronously through a bounce page per bio (callers'
 * buffers are not page-allocator pages).  Asynchronous completion is not
 * offered: every kiocb completes before this returns.  Filesystems that
 * submit their own bios (submit_io) are not supported yet: WARN, -EOPNOTSUPP.
 */
#include <linux/fs.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/uio.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/bug.h>
#include <linux/export.h>

struct dio_state {
	struct inode *inode;
	struct block_device *bdev;
	struct iov_iter *iter;
	get_block_t *get_block;
	int flags;
	bool write;
	loff_t pos;		/* next file byte to transfer */
	loff_t end;		/* one past the last byte */
	struct page *bounce;
};

/* One synchronous bio of len bytes of the bounce page at device byte dev_off. */
static int dio_bio(struct dio_state *d, u64 dev_off, unsigned int len)
{
	struct bio *bio;
	int err;

	bio = bio_alloc(d->bdev, 1, d->write ? REQ_OP_WRITE | REQ_SYNC : REQ_OP_READ,
			GFP_NOFS);
	bio->bi_iter.bi_sector = dev_off >> SECTOR_SHIFT;
	__bio_add_page(bio, d->bounce, len, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/*
 * Move len bytes (at most a page; sector aligned except a read's end at
 * EOF, which still reads whole sectors) between the iter and the device.
 */
static int dio_transfer(struct dio_state *d, u64 dev_off, unsigned int len)
{
	void *buf = page_address(d->bounce);
	int err;

	if (d->write && copy_from_iter(buf, len, d->iter) != len)
		return -EFAULT;
	err = dio_bio(d, dev_off, round_up(len, SECTOR_SIZE));
	if (err)
		return err;
	if (!d->write && copy_to_iter(buf, len, d->iter) != len)
		return -EFAULT;
	return 0;
}

/*
 * A write covering only part of a block that get_block just allocated: the
 * whole block is written, zero padded, so no stale device data shows.
 */
static int dio_write_new_block(struct dio_state *d, u64 blk_dev_off, unsigned int blocksize,
			       unsigned int in_blk, unsigned int len)
{
	void *buf = page_address(d->bounce);

	memset(buf, 0, blocksize);
	if (copy_from_iter(buf + in_blk, len, d->iter) != len)
		return -EFAULT;
	return dio_bio(d, blk_dev_off, blocksize);
}

/*
 * Map the blocks at d->pos and move as much as one mapping covers.
 * Returns bytes moved, 0 when a write met a hole it may not fill, or -errno.
 */
static ssize_t dio_step(struct dio_state *d)
{
	unsigned int blkbits = d->inode->i_blkbits;
	unsigned int blocksize = 1U << blkbits;
	sector_t iblock = d->pos >> blkbits;
	unsigned int in_blk = d->pos & (blocksize - 1);
	loff_t want = d->end - d->pos;
	struct buffer_head map = {};
	bool create = d->write;
	loff_t covered, moved = 0;
	u64 dev_off;
	int err;

	if ((d->flags & DIO_SKIP_HOLES) && d->write) {
		loff_t isize = i_size_read(d->inode);

		/* Blocks inside the file are never allocated here. */
		if (isize && iblock <= ((isize - 1) >> blkbits))
			create = false;
	}
	map.b_size = round_up(in_blk + want, blocksize);
	err = d->get_block(d->inode, iblock, &map, create);
	if (err)
		return err;

	if (!buffer_mapped(&map)) {
		if (d->write)
			return 0;	/* a hole: the caller falls back to buffered I/O */
		/* A hole reads as zeroes, one block at a time. */
		covered = min_t(loff_t, want, blocksize - in_blk);
		if (iov_iter_zero(covered, d->iter) != covered)
			return -EFAULT;
		return covered;
	}

	/* get_block may map several contiguous blocks (b_size), at least one. */
	covered = min_t(loff_t, want, (loff_t)max_t(size_t, map.b_size, blocksize) - in_blk);
	dev_off = ((u64)map.b_blocknr << blkbits) + in_blk;
	if (buffer_new(&map)) {
		/* Stale cached copies of reused blocks must not be written back. */
		clean_bdev_aliases(d->bdev, map.b_blocknr,
				   DIV_ROUND_UP(in_blk + covered, blocksize));
	}

	while (moved < covered) {
		unsigned int off_in_blk = (in_blk + moved) & (blocksize - 1);
		unsigned int len = min_t(loff_t, covered - moved, PAGE_SIZE);
		bool fresh = d->write && buffer_new(&map) && blocksize <= PAGE_SIZE;

		if (fresh && (off_in_blk || len < blocksize)) {
			/* Partial write of a new block: one block, zero padded. */
			len = min_t(unsigned int, len, blocksize - off_in_blk);
			err = dio_write_new_block(d, dev_off + moved - off_in_blk,
						  blocksize, off_in_blk, len);
		} else {
			/* New blocks are written whole; a tail goes round again. */
			if (fresh)
				len = round_down(len, blocksize);
			err = dio_transfer(d, dev_off + moved, len);
		}
		if (err)
			return moved ? moved : err;
		moved += len;
	}
	return moved;
}

ssize_t __blockdev_direct_IO(struct kiocb *iocb, struct inode *inode,
			     struct block_device *bdev, struct iov_iter *iter,
			     get_block_t get_block, dio_iodone_t end_io,
			     dio_submit_t submit_io, int flags)
{
	unsigned int align = bdev_logical_block_size(bdev) - 1;
	struct dio_state d = {
		.inode = inode, .bdev = bdev, .iter = iter, .get_block = get_block,
		.flags = flags, .write = iov_iter_rw(iter) == WRITE,
		.pos = iocb->ki_pos,
	};
	bool locked = false;
	ssize_t done = 0, ret = 0;

	if (submit_io) {
		WARN_ONCE(1, "kfs: __blockdev_direct_IO with submit_io is not implemented\n");
		return -EOPNOTSUPP;
	}
	if ((d.pos | iov_iter_alignment(iter)) & align)
		return -EINVAL;
	d.end = d.pos + iov_iter_count(iter);
	if (d.end == d.pos)
		return 0;

	if ((flags & DIO_LOCKING) && !d.write) {
		inode_lock(inode);
		locked = true;
		ret = filemap_write_and_wait_range(inode->i_mapping, d.pos, d.end - 1);
		if (ret)
			goto out;
	}
	if (!d.write) {
		loff_t isize = i_size_read(inode);

		if (d.pos >= isize)
			goto out;
		d.end = min(d.end, isize);
	}

	d.bounce = alloc_page(GFP_KERNEL);
	if (!d.bounce) {
		ret = -ENOMEM;
		goto out;
	}
	while (d.pos < d.end) {
		ssize_t n = dio_step(&d);

		if (n <= 0) {
			ret = n;
			break;
		}
		d.pos += n;
		done += n;
	}
	__free_page(d.bounce);
out:
	if (locked)
		inode_unlock(inode);
	if (done <= 0)
		return ret;
	if (end_io) {
		int err = end_io(iocb, iocb->ki_pos, done, NULL);

		if (err)
			return err;
	}
	return done;
}
EXPORT_SYMBOL(__blockdev_direct_IO);
