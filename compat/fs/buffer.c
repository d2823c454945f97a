// SPDX-License-Identifier: GPL-2.0-only
/*
 * Buffer heads: fs/buffer.c's role for kfs, written from the kernel-doc of
 * 6.1's fs/buffer.c, Documentation/filesystems/locking.rst (the
 * address_space_operations rules) and vfs.rst.
 *
 * Model.  A page (== folio in kfs) of a mapping may carry a ring of buffer
 * heads, one per block, linked through b_this_page; the page's private
 * pointer holds the first (attach_page_private, which also pins the page).
 * For the block device's own mapping (bd_inode, compat/block/bdev.c) the
 * ring is created by __getblk_gfp() and each buffer is mapped to "its"
 * block; for file pages get_block maps them.
 *
 * Locks, as in the kernel:
 *  - the page lock serialises creating and freeing a page's buffers and
 *    whole-page I/O on it;
 *  - mapping->private_lock of the page's mapping protects attaching and
 *    detaching rings (so lookups may walk a ring under it without the page
 *    lock) and the "associated buffers" lists: an inode's
 *    mapping->private_list of metadata buffers lives under the private_lock
 *    of the block device mapping those buffers belong to
 *    (mapping->private_data points at it);
 *  - BH_Lock is a sleeping bit lock for I/O on one buffer;
 *  - a page's first buffer's b_uptodate_lock serialises the completions of
 *    whole-page reads and writes.
 * A buffer with a reference (b_count), dirty or locked is never freed.
 *
 * kfs has no per-CPU LRU of recent lookups: every lookup goes to the page
 * cache, and invalidate_bh_lrus() has nothing to do.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/errseq.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/wait_bit.h>
#include <linux/writeback.h>

static struct kmem_cache *bh_cachep;

static inline unsigned int bh_size_bits(unsigned int size)
{
	return ilog2(size);
}

/* ------------------------------------------------------- allocation */

struct buffer_head *alloc_buffer_head(gfp_t gfp_flags)
{
	struct buffer_head *bh = kmem_cache_zalloc(bh_cachep, gfp_flags);

	if (bh) {
		INIT_LIST_HEAD(&bh->b_assoc_buffers);
		spin_lock_init(&bh->b_uptodate_lock);
	}
	return bh;
}
EXPORT_SYMBOL(alloc_buffer_head);

void free_buffer_head(struct buffer_head *bh)
{
	BUG_ON(!list_empty(&bh->b_assoc_buffers));
	kmem_cache_free(bh_cachep, bh);
}
EXPORT_SYMBOL(free_buffer_head);

void set_bh_page(struct buffer_head *bh, struct page *page,
		 unsigned long offset)
{
	BUG_ON(offset >= PAGE_SIZE);
	bh->b_page = page;
	/* No highmem: every page has an address. */
	bh->b_data = page_address(page) + offset;
}
EXPORT_SYMBOL(set_bh_page);

/*
 * Allocates the buffers for one page of @size-byte blocks, in page order,
 * as a NULL-terminated list (the caller closes the ring).  @retry: never
 * fail (__GFP_NOFAIL).  NULL if memory ran out.
 */
struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size,
				       bool retry)
{
	gfp_t gfp = GFP_NOFS | __GFP_ACCOUNT | (retry ? __GFP_NOFAIL : 0);
	struct buffer_head *head = NULL;
	unsigned long nr = PAGE_SIZE / size;

	/* From the last block down, so each new one becomes the head. */
	while (nr--) {
		struct buffer_head *bh = alloc_buffer_head(gfp);

		if (!bh)
			goto fail;
		bh->b_this_page = head;
		bh->b_blocknr = -1;
		bh->b_size = size;
		set_bh_page(bh, page, nr * size);
		head = bh;
	}
	return head;
fail:
	while (head) {
		struct buffer_head *next = head->b_this_page;

		free_buffer_head(head);
		head = next;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(alloc_page_buffers);

/* Turns alloc_page_buffers()' list into a ring; returns its last buffer. */
static struct buffer_head *close_ring(struct buffer_head *head)
{
	struct buffer_head *tail = head;

	while (tail->b_this_page)
		tail = tail->b_this_page;
	tail->b_this_page = head;
	return tail;
}

/*
 * Gives a locked page a ring of unmapped buffers with @b_state set, taking
 * the page's uptodate and dirty state over into each of them.
 */
void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state)
{
	struct buffer_head *head, *bh;
	struct address_space *mapping = page->mapping;

	head = alloc_page_buffers(page, blocksize, true);
	for (bh = head; bh; bh = bh->b_this_page)
		bh->b_state |= b_state;
	close_ring(head);

	spin_lock(&mapping->private_lock);
	if (PageUptodate(page) || PageDirty(page)) {
		bh = head;
		do {
			if (PageDirty(page))
				set_buffer_dirty(bh);
			if (PageUptodate(page))
				set_buffer_uptodate(bh);
			bh = bh->b_this_page;
		} while (bh != head);
	}
	attach_page_private(page, head);
	spin_unlock(&mapping->private_lock);
}
EXPORT_SYMBOL(create_empty_buffers);

void folio_create_empty_buffers(struct folio *folio, unsigned long blocksize,
				unsigned long b_state)
{
	create_empty_buffers(&folio->page, blocksize, b_state);
}
EXPORT_SYMBOL(folio_create_empty_buffers);

/* The buffers of a locked file page, created in the inode's block size. */
static struct buffer_head *create_page_buffers(struct page *page,
					       struct inode *inode,
					       unsigned int b_state)
{
	BUG_ON(!PageLocked(page));
	if (!page_has_buffers(page))
		create_empty_buffers(page, 1 << READ_ONCE(inode->i_blkbits),
				     b_state);
	return page_buffers(page);
}

/* ------------------------------------------------------------ locking */

void __lock_buffer(struct buffer_head *bh)
{
	/* Whoever holds it may be waiting for I/O in our plug. */
	blk_flush_plug(current->plug, true);
	wait_on_bit_lock_io(&bh->b_state, BH_Lock, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(__lock_buffer);

void unlock_buffer(struct buffer_head *bh)
{
	clear_bit_unlock(BH_Lock, &bh->b_state);
	smp_mb__after_atomic();
	wake_up_bit(&bh->b_state, BH_Lock);
}
EXPORT_SYMBOL(unlock_buffer);

/* Sleeps until the buffer is unlocked (its I/O finished). */
void __wait_on_buffer(struct buffer_head *bh)
{
	blk_flush_plug(current->plug, true);
	wait_on_bit_io(&bh->b_state, BH_Lock, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(__wait_on_buffer);

/*
 * Returns 1 if the buffer is uptodate (unlocked); otherwise returns 0 with
 * the buffer locked, for the caller to read it.
 */
int bh_uptodate_or_lock(struct buffer_head *bh)
{
	if (!buffer_uptodate(bh)) {
		lock_buffer(bh);
		if (!buffer_uptodate(bh))
			return 0;
		unlock_buffer(bh);
	}
	return 1;
}
EXPORT_SYMBOL(bh_uptodate_or_lock);

/* ------------------------------------------------------- completions */

static void buffer_io_error(struct buffer_head *bh, const char *why)
{
	if (test_bit(BH_Quiet, &bh->b_state))
		return;
	printk_ratelimited(KERN_ERR "Buffer I/O error on dev %s, logical block %llu%s\n",
			   bh->b_bdev ? kfs_bdev_name(bh->b_bdev) : "?",
			   (unsigned long long)bh->b_blocknr, why);
}

static void end_buffer_read_notouch(struct buffer_head *bh, int uptodate)
{
	if (uptodate)
		set_buffer_uptodate(bh);
	else
		clear_buffer_uptodate(bh);
	unlock_buffer(bh);
}

/* End of a single-buffer read started with a reference held for it. */
void end_buffer_read_sync(struct buffer_head *bh, int uptodate)
{
	end_buffer_read_notouch(bh, uptodate);
	put_bh(bh);
}
EXPORT_SYMBOL(end_buffer_read_sync);

void end_buffer_write_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		buffer_io_error(bh, ", lost sync page write");
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	put_bh(bh);
}
EXPORT_SYMBOL(end_buffer_write_sync);

/*
 * One buffer of a whole-page read finished.  The last one to finish
 * (none left with BH_Async_Read) marks the page uptodate if every buffer
 * is, and unlocks the page.
 */
static void end_buffer_async_read(struct buffer_head *bh, int uptodate)
{
	struct page *page = bh->b_page;
	struct buffer_head *first, *tmp;
	bool all_uptodate = true;
	unsigned long flags;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		clear_buffer_uptodate(bh);
		buffer_io_error(bh, ", async page read");
		SetPageError(page);
	}

	first = page_buffers(page);
	spin_lock_irqsave(&first->b_uptodate_lock, flags);
	clear_buffer_async_read(bh);
	unlock_buffer(bh);
	tmp = bh;
	do {
		if (!buffer_uptodate(tmp))
			all_uptodate = false;
		if (buffer_async_read(tmp)) {
			/* Another buffer of the page is still being read. */
			BUG_ON(!buffer_locked(tmp));
			spin_unlock_irqrestore(&first->b_uptodate_lock, flags);
			return;
		}
		tmp = tmp->b_this_page;
	} while (tmp != bh);
	spin_unlock_irqrestore(&first->b_uptodate_lock, flags);

	if (all_uptodate)
		SetPageUptodate(page);
	unlock_page(page);
}

static void mark_buffer_async_read(struct buffer_head *bh)
{
	bh->b_end_io = end_buffer_async_read;
	set_buffer_async_read(bh);
}

/*
 * One buffer of a whole-page write finished; the last one ends the page's
 * writeback.
 */
void end_buffer_async_write(struct buffer_head *bh, int uptodate)
{
	struct page *page = bh->b_page;
	struct buffer_head *first, *tmp;
	unsigned long flags;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		buffer_io_error(bh, ", lost async page write");
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
		SetPageError(page);
	}

	first = page_buffers(page);
	spin_lock_irqsave(&first->b_uptodate_lock, flags);
	clear_buffer_async_write(bh);
	unlock_buffer(bh);
	for (tmp = bh->b_this_page; tmp != bh; tmp = tmp->b_this_page) {
		if (buffer_async_write(tmp)) {
			BUG_ON(!buffer_locked(tmp));
			spin_unlock_irqrestore(&first->b_uptodate_lock, flags);
			return;
		}
	}
	spin_unlock_irqrestore(&first->b_uptodate_lock, flags);
	end_page_writeback(page);
}
EXPORT_SYMBOL(end_buffer_async_write);

static void mark_buffer_async_write_endio(struct buffer_head *bh,
					  bh_end_io_t *handler)
{
	bh->b_end_io = handler;
	set_buffer_async_write(bh);
}

void mark_buffer_async_write(struct buffer_head *bh)
{
	mark_buffer_async_write_endio(bh, end_buffer_async_write);
}
EXPORT_SYMBOL(mark_buffer_async_write);

/* ------------------------------------------------------------ submission */

static void end_bio_bh_io_sync(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private;

	if (unlikely(bio_flagged(bio, BIO_QUIET)))
		set_bit(BH_Quiet, &bh->b_state);
	bh->b_end_io(bh, !bio->bi_status);
	bio_put(bio);
}

/*
 * One bio for one locked, mapped buffer; b_end_io runs when it is done.
 * @wbc is accepted for the kernel's signature; kfs has no cgroup writeback.
 */
static void submit_bh_wbc(blk_opf_t opf, struct buffer_head *bh,
			  struct writeback_control *wbc)
{
	struct bio *bio;

	BUG_ON(!buffer_locked(bh));
	BUG_ON(!buffer_mapped(bh));
	BUG_ON(!bh->b_end_io);
	BUG_ON(buffer_delay(bh));
	BUG_ON(buffer_unwritten(bh));

	/* Writing the buffer again forgets that an earlier write failed. */
	if (test_set_buffer_req(bh) && (opf & REQ_OP_MASK) == REQ_OP_WRITE)
		clear_buffer_write_io_error(bh);
	if (buffer_meta(bh))
		opf |= REQ_META;
	if (buffer_prio(bh))
		opf |= REQ_PRIO;

	bio = bio_alloc(bh->b_bdev, 1, opf, GFP_NOIO);
	bio->bi_iter.bi_sector = bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT);
	__bio_add_page(bio, bh->b_page, bh->b_size, bh_offset(bh));
	bio->bi_end_io = end_bio_bh_io_sync;
	bio->bi_private = bh;
	/* The last block of an odd-sized device is only partly there. */
	guard_bio_eod(bio);
	submit_bio(bio);
}

void submit_bh(blk_opf_t opf, struct buffer_head *bh)
{
	submit_bh_wbc(opf, bh, NULL);
}
EXPORT_SYMBOL(submit_bh);

/*
 * Reads a locked buffer; with @wait, sleeps until done and returns -EIO
 * if it did not become uptodate.
 */
int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait)
{
	BUG_ON(!buffer_locked(bh));
	get_bh(bh);
	bh->b_end_io = end_buffer_read_sync;
	submit_bh(REQ_OP_READ | op_flags, bh);
	if (wait) {
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			return -EIO;
	}
	return 0;
}
EXPORT_SYMBOL(__bh_read);

/*
 * Starts reads of the buffers that are not uptodate.  @force_lock: wait
 * for each buffer's lock; otherwise skip buffers someone holds.
 */
void __bh_read_batch(int nr, struct buffer_head *bhs[], blk_opf_t op_flags,
		     bool force_lock)
{
	int i;

	for (i = 0; i < nr; i++) {
		struct buffer_head *bh = bhs[i];

		if (buffer_uptodate(bh))
			continue;
		if (force_lock)
			lock_buffer(bh);
		else if (!trylock_buffer(bh))
			continue;
		if (buffer_uptodate(bh)) {
			unlock_buffer(bh);
			continue;
		}
		bh->b_end_io = end_buffer_read_sync;
		get_bh(bh);
		submit_bh(REQ_OP_READ | op_flags, bh);
	}
}
EXPORT_SYMBOL(__bh_read_batch);

/* Starts writing the buffer if it is dirty; does not wait. */
void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags)
{
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return;
	}
	bh->b_end_io = end_buffer_write_sync;
	get_bh(bh);
	submit_bh(REQ_OP_WRITE | op_flags, bh);
}
EXPORT_SYMBOL(write_dirty_buffer);

/*
 * Writes the buffer if it is dirty and waits: 0, or -EIO if the write
 * failed (or the buffer lost its mapping).  A clean buffer gives 0.
 */
int __sync_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags)
{
	WARN_ON(atomic_read(&bh->b_count) < 1);
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return 0;
	}
	if (!buffer_mapped(bh)) {
		unlock_buffer(bh);
		return -EIO;
	}
	get_bh(bh);
	bh->b_end_io = end_buffer_write_sync;
	submit_bh(REQ_OP_WRITE | op_flags, bh);
	wait_on_buffer(bh);
	return buffer_uptodate(bh) ? 0 : -EIO;
}
EXPORT_SYMBOL(__sync_dirty_buffer);

int sync_dirty_buffer(struct buffer_head *bh)
{
	return __sync_dirty_buffer(bh, REQ_SYNC);
}
EXPORT_SYMBOL(sync_dirty_buffer);

/*
 * A filesystem reached a BH_Boundary block: the next block on the device
 * is probably metadata waiting to be written, so start it now.
 */
void write_boundary_block(struct block_device *bdev, sector_t bblock,
			  unsigned int blocksize)
{
	struct buffer_head *bh = __find_get_block(bdev, bblock + 1, blocksize);

	if (bh) {
		if (buffer_dirty(bh))
			write_dirty_buffer(bh, 0);
		put_bh(bh);
	}
}

/* -------------------------------------------- the device's buffer cache */

/* No LRU of buffer lookups is kept (see the top of this file). */
void invalidate_bh_lrus(void)
{
}
EXPORT_SYMBOL_GPL(invalidate_bh_lrus);

void invalidate_bh_lrus_cpu(void)
{
}

bool has_bh_in_lru(int cpu, void *dummy)
{
	return false;
}

void touch_buffer(struct buffer_head *bh)
{
	folio_mark_accessed(page_folio(bh->b_page));
}
EXPORT_SYMBOL(touch_buffer);

/*
 * Finds @block (in @size units) of @bdev in the device's page cache.
 * The ring is walked under private_lock, which keeps it from being freed.
 */
static struct buffer_head *find_cached_block(struct block_device *bdev,
					     sector_t block, unsigned int size)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	unsigned int sizebits = PAGE_SHIFT - bh_size_bits(size);
	struct buffer_head *found = NULL, *head, *bh;
	static DEFINE_RATELIMIT_STATE(mismatch_rs, HZ, 1);
	bool other_size = false;
	struct folio *folio;

	folio = __filemap_get_folio(mapping, block >> sizebits, FGP_ACCESSED, 0);
	if (!folio)
		return NULL;

	spin_lock(&mapping->private_lock);
	head = folio_buffers(folio);
	if (!head)
		goto out;
	bh = head;
	do {
		if (bh->b_size != size)
			other_size = true;
		else if (buffer_mapped(bh) && bh->b_blocknr == block) {
			get_bh(bh);
			found = bh;
			break;
		}
		bh = bh->b_this_page;
	} while (bh != head);
	/*
	 * Buffers of another size: someone uses the device with two block
	 * sizes at once, which only works while one of them is unused.
	 */
	if (!found && other_size && __ratelimit(&mismatch_rs))
		pr_err("%s: block %llu of size %u wanted while the page holds %zu-byte buffers\n",
		       kfs_bdev_name(bdev), (unsigned long long)block, size,
		       head->b_size);
out:
	spin_unlock(&mapping->private_lock);
	folio_put(folio);
	return found;
}

struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned int size)
{
	return find_cached_block(bdev, block, size);
}
EXPORT_SYMBOL(__find_get_block);

/* Blocks of @size the device has (those past it are not mapped). */
static sector_t bdev_max_block(struct block_device *bdev, unsigned int size)
{
	loff_t bytes = i_size_read(bdev->bd_inode);

	return bytes ? bytes >> bh_size_bits(size) : ~(sector_t)0;
}

/*
 * Maps the not yet mapped buffers of a device page to consecutive blocks
 * from @block, all inside the device.  Returns the device's block count.
 */
static sector_t map_device_buffers(struct folio *folio,
				   struct block_device *bdev, sector_t block,
				   unsigned int size)
{
	struct buffer_head *head = folio_buffers(folio), *bh = head;
	sector_t end_block = bdev_max_block(bdev, size);
	bool uptodate = folio_test_uptodate(folio);

	do {
		if (!buffer_mapped(bh)) {
			bh->b_end_io = NULL;
			bh->b_private = NULL;
			bh->b_bdev = bdev;
			bh->b_blocknr = block;
			if (uptodate)
				set_buffer_uptodate(bh);
			if (block < end_block)
				set_buffer_mapped(bh);
		}
		block++;
		bh = bh->b_this_page;
	} while (bh != head);
	return end_block;
}

/*
 * Makes sure the device page holding @block exists with buffers of @size.
 * Returns 1 when @block can now be found, 0 when the page's buffers of
 * another size are busy (try again), -ENXIO when @block lies past the end
 * of the device.
 */
static int grow_device_page(struct block_device *bdev, sector_t block,
			    unsigned int size, gfp_t gfp)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	unsigned int sizebits = PAGE_SHIFT - bh_size_bits(size);
	pgoff_t index = block >> sizebits;
	sector_t first = (sector_t)index << sizebits;
	struct buffer_head *head;
	struct folio *folio;
	sector_t end_block;
	int ret = 0;

	/* The device cache may not recurse into filesystems, and insists. */
	gfp = mapping_gfp_constraint(mapping, ~__GFP_FS) | gfp | __GFP_NOFAIL;
	folio = __filemap_get_folio(mapping, index,
				    FGP_LOCK | FGP_ACCESSED | FGP_CREAT, gfp);

	head = folio_buffers(folio);
	if (head && head->b_size == size) {
		end_block = map_device_buffers(folio, bdev, first, size);
		goto done;
	}
	if (head && !try_to_free_buffers(folio))
		goto out;

	head = alloc_page_buffers(&folio->page, size, true);
	spin_lock(&mapping->private_lock);
	close_ring(head);
	folio_attach_private(folio, head);
	end_block = map_device_buffers(folio, bdev, first, size);
	spin_unlock(&mapping->private_lock);
done:
	ret = block < end_block ? 1 : -ENXIO;
out:
	folio_unlock(folio);
	folio_put(folio);
	return ret;
}

static struct buffer_head *getblk_slow(struct block_device *bdev,
				       sector_t block, unsigned int size,
				       gfp_t gfp)
{
	if (unlikely((size & (bdev_logical_block_size(bdev) - 1)) ||
		     blk_validate_block_size(size))) {
		pr_err("getblk(): invalid block size %u requested\n", size);
		pr_err("logical block size: %u\n", bdev_logical_block_size(bdev));
		dump_stack();
		return NULL;
	}

	for (;;) {
		struct buffer_head *bh = find_cached_block(bdev, block, size);
		int ret;

		if (bh)
			return bh;
		ret = grow_device_page(bdev, block, size, gfp);
		if (ret < 0)
			return NULL;
	}
}

/*
 * The buffer of @block of @bdev, created (not read) if absent, with a
 * reference for the caller.  NULL only for a bad size or a block past the
 * end of the device.
 */
struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block,
				 unsigned int size, gfp_t gfp)
{
	struct buffer_head *bh = find_cached_block(bdev, block, size);

	might_sleep();
	if (!bh)
		bh = getblk_slow(bdev, block, size, gfp);
	return bh;
}
EXPORT_SYMBOL(__getblk_gfp);

/* Starts reading @block unless it is cached; does not wait. */
void __breadahead(struct block_device *bdev, sector_t block, unsigned int size)
{
	struct buffer_head *bh = __getblk(bdev, block, size);

	if (likely(bh)) {
		bh_readahead(bh, REQ_RAHEAD);
		brelse(bh);
	}
}
EXPORT_SYMBOL(__breadahead);

/*
 * Reads @block of @bdev and returns its buffer with a reference, or NULL
 * if it cannot be read.
 */
struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block,
				unsigned int size, gfp_t gfp)
{
	struct buffer_head *bh = __getblk_gfp(bdev, block, size, gfp);

	if (!bh || buffer_uptodate(bh))
		return bh;

	lock_buffer(bh);
	if (buffer_uptodate(bh)) {
		unlock_buffer(bh);
		return bh;
	}
	get_bh(bh);
	bh->b_end_io = end_buffer_read_sync;
	submit_bh(REQ_OP_READ, bh);
	wait_on_buffer(bh);
	if (buffer_uptodate(bh))
		return bh;
	brelse(bh);
	return NULL;
}
EXPORT_SYMBOL(__bread_gfp);

void __brelse(struct buffer_head *bh)
{
	if (atomic_read(&bh->b_count)) {
		put_bh(bh);
		return;
	}
	WARN(1, KERN_ERR "VFS: brelse: Trying to free free buffer\n");
}
EXPORT_SYMBOL(__brelse);

static void __remove_assoc_queue(struct buffer_head *bh)
{
	list_del_init(&bh->b_assoc_buffers);
	WARN_ON(!bh->b_assoc_map);
	WRITE_ONCE(bh->b_assoc_map, NULL);
}

/*
 * Releases a buffer whose contents no longer matter (a freed block): it
 * is made clean and dropped from any inode's associated list.
 */
void __bforget(struct buffer_head *bh)
{
	clear_buffer_dirty(bh);
	if (READ_ONCE(bh->b_assoc_map)) {
		struct address_space *buffer_mapping = bh->b_page->mapping;

		spin_lock(&buffer_mapping->private_lock);
		list_del_init(&bh->b_assoc_buffers);
		WRITE_ONCE(bh->b_assoc_map, NULL);
		spin_unlock(&buffer_mapping->private_lock);
	}
	__brelse(bh);
}
EXPORT_SYMBOL(__bforget);

/* --------------------------------------------------------------- dirtying */

/*
 * Marks the buffer dirty, and with it its page and the page's inode, so
 * that writeback finds it.  The buffer must be uptodate.
 */
void mark_buffer_dirty(struct buffer_head *bh)
{
	WARN_ON_ONCE(!buffer_uptodate(bh));

	/*
	 * Already dirty: the page and inode were dirtied then.  The barrier
	 * orders the caller's changes to the data before the re-check, so a
	 * writer that just cleaned the buffer is seen and we dirty it again.
	 */
	if (buffer_dirty(bh)) {
		smp_mb();
		if (buffer_dirty(bh))
			return;
	}

	if (!test_set_buffer_dirty(bh)) {
		struct folio *folio = page_folio(bh->b_page);
		struct address_space *mapping = NULL;

		if (!folio_test_set_dirty(folio)) {
			mapping = folio->mapping;
			if (mapping)
				__folio_mark_dirty(folio, mapping, 0);
		}
		if (mapping)
			__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	}
}
EXPORT_SYMBOL(mark_buffer_dirty);

/*
 * A write of the buffer failed: remember it in the buffer, its mappings
 * and the filesystem's writeback error sequence (syncfs reports it).
 */
void mark_buffer_write_io_error(struct buffer_head *bh)
{
	struct super_block *sb;

	set_buffer_write_io_error(bh);
	if (bh->b_page && bh->b_page->mapping)
		mapping_set_error(bh->b_page->mapping, -EIO);
	if (READ_ONCE(bh->b_assoc_map))
		mapping_set_error(bh->b_assoc_map, -EIO);
	rcu_read_lock();
	sb = bh->b_bdev ? READ_ONCE(bh->b_bdev->bd_super) : NULL;
	if (sb)
		errseq_set(&sb->s_wb_err, -EIO);
	rcu_read_unlock();
}
EXPORT_SYMBOL(mark_buffer_write_io_error);

/*
 * ->dirty_folio for buffer-backed mappings: dirties every buffer of the
 * folio, then the folio and its inode.  Returns whether the folio was
 * newly dirtied.
 */
bool block_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	struct buffer_head *head;
	bool newly_dirty;

	spin_lock(&mapping->private_lock);
	head = folio_buffers(folio);
	if (head) {
		struct buffer_head *bh = head;

		do {
			set_buffer_dirty(bh);
			bh = bh->b_this_page;
		} while (bh != head);
	}
	newly_dirty = !folio_test_set_dirty(folio);
	spin_unlock(&mapping->private_lock);

	if (newly_dirty) {
		__folio_mark_dirty(folio, mapping, 1);
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	}
	return newly_dirty;
}
EXPORT_SYMBOL(block_dirty_folio);

/* ---------------------------------------------- buffers of an inode */

int inode_has_buffers(struct inode *inode)
{
	return !list_empty(&inode->i_data.private_list);
}

/*
 * Dirties a metadata buffer and associates it with @inode, so that
 * fsync of the inode (sync_mapping_buffers) writes it.
 */
void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;
	struct address_space *buffer_mapping = bh->b_page->mapping;
	struct address_space *owner;

	mark_buffer_dirty(bh);
	owner = READ_ONCE(mapping->private_data);
	if (!owner)
		WRITE_ONCE(mapping->private_data, buffer_mapping);
	else
		BUG_ON(owner != buffer_mapping);
	if (!READ_ONCE(bh->b_assoc_map)) {
		spin_lock(&buffer_mapping->private_lock);
		list_move_tail(&bh->b_assoc_buffers, &mapping->private_list);
		WRITE_ONCE(bh->b_assoc_map, mapping);
		spin_unlock(&buffer_mapping->private_lock);
	}
}
EXPORT_SYMBOL(mark_buffer_dirty_inode);

/*
 * Writes every dirty buffer on @list (an inode's associated buffers,
 * under @lock) and waits for them and for those already being written.
 * Buffers dirtied again meanwhile stay on the list.  -EIO if any failed.
 */
static int fsync_buffers_list(spinlock_t *lock, struct list_head *list)
{
	struct buffer_head *bh;
	struct blk_plug plug;
	LIST_HEAD(pending);
	int err = 0;

	/* Pass 1: empty the list, starting writes of the dirty buffers. */
	blk_start_plug(&plug);
	spin_lock(lock);
	while (!list_empty(list)) {
		struct address_space *owner;

		bh = list_first_entry(list, struct buffer_head, b_assoc_buffers);
		owner = bh->b_assoc_map;
		__remove_assoc_queue(bh);
		/* See the dirty bit of a buffer dirtied before it was listed. */
		smp_mb();
		if (!buffer_dirty(bh) && !buffer_locked(bh))
			continue;
		/*
		 * Keep b_assoc_map while it waits on @pending, so that freeing
		 * the buffer meanwhile unlinks it from there (same lock).
		 */
		list_add(&bh->b_assoc_buffers, &pending);
		WRITE_ONCE(bh->b_assoc_map, owner);
		if (buffer_dirty(bh)) {
			get_bh(bh);
			spin_unlock(lock);
			write_dirty_buffer(bh, REQ_SYNC);
			brelse(bh);
			spin_lock(lock);
		}
	}
	spin_unlock(lock);
	blk_finish_plug(&plug);

	/* Pass 2: wait for each; one dirtied again goes back on the list. */
	spin_lock(lock);
	while (!list_empty(&pending)) {
		struct address_space *owner;

		bh = list_last_entry(&pending, struct buffer_head, b_assoc_buffers);
		get_bh(bh);
		owner = bh->b_assoc_map;
		__remove_assoc_queue(bh);
		smp_mb();
		if (buffer_dirty(bh)) {
			list_add(&bh->b_assoc_buffers, &owner->private_list);
			WRITE_ONCE(bh->b_assoc_map, owner);
		}
		spin_unlock(lock);
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			err = -EIO;
		brelse(bh);
		spin_lock(lock);
	}

	/* Pass 3: those back on the list and under I/O by someone else. */
restart:
	list_for_each_entry_reverse(bh, list, b_assoc_buffers) {
		if (buffer_locked(bh)) {
			get_bh(bh);
			spin_unlock(lock);
			wait_on_buffer(bh);
			if (!buffer_uptodate(bh))
				err = -EIO;
			brelse(bh);
			spin_lock(lock);
			goto restart;
		}
	}
	spin_unlock(lock);
	return err;
}

/*
 * Writes and waits for the buffers associated with the mapping's inode
 * (mark_buffer_dirty_inode): what fsync of a buffer-based inode needs
 * besides its data pages.  0 or -EIO.
 */
int sync_mapping_buffers(struct address_space *mapping)
{
	struct address_space *buffer_mapping = READ_ONCE(mapping->private_data);

	if (!buffer_mapping || list_empty(&mapping->private_list))
		return 0;
	return fsync_buffers_list(&buffer_mapping->private_lock,
				  &mapping->private_list);
}
EXPORT_SYMBOL(sync_mapping_buffers);

/* Forgets the inode's associated buffers (the inode is going away). */
void invalidate_inode_buffers(struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;
	struct address_space *buffer_mapping;

	if (!inode_has_buffers(inode))
		return;
	buffer_mapping = READ_ONCE(mapping->private_data);
	spin_lock(&buffer_mapping->private_lock);
	while (!list_empty(&mapping->private_list))
		__remove_assoc_queue(list_first_entry(&mapping->private_list,
						      struct buffer_head,
						      b_assoc_buffers));
	spin_unlock(&buffer_mapping->private_lock);
}
EXPORT_SYMBOL(invalidate_inode_buffers);

/*
 * Like invalidate_inode_buffers() but stops at a dirty buffer: returns 1
 * if none is left associated, 0 otherwise.
 */
int remove_inode_buffers(struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;
	struct address_space *buffer_mapping;
	int ret = 1;

	if (!inode_has_buffers(inode))
		return 1;
	buffer_mapping = READ_ONCE(mapping->private_data);
	spin_lock(&buffer_mapping->private_lock);
	while (!list_empty(&mapping->private_list)) {
		struct buffer_head *bh = list_first_entry(&mapping->private_list,
							  struct buffer_head,
							  b_assoc_buffers);

		if (buffer_dirty(bh)) {
			ret = 0;
			break;
		}
		__remove_assoc_queue(bh);
	}
	spin_unlock(&buffer_mapping->private_lock);
	return ret;
}

/*
 * For reclaim: whether a locked folio's buffers hold dirty data or are
 * under I/O, which its page flags alone may not show.
 */
void buffer_check_dirty_writeback(struct folio *folio, bool *dirty,
				  bool *writeback)
{
	struct buffer_head *head, *bh;

	*dirty = false;
	*writeback = false;
	BUG_ON(!folio_test_locked(folio));
	head = folio_buffers(folio);
	if (!head)
		return;
	if (folio_test_writeback(folio))
		*writeback = true;
	bh = head;
	do {
		if (buffer_locked(bh))
			*writeback = true;
		if (buffer_dirty(bh))
			*dirty = true;
		bh = bh->b_this_page;
	} while (bh != head);
}
EXPORT_SYMBOL(buffer_check_dirty_writeback);

/* ---------------------------------------------------------------- freeing */

static inline bool buffer_busy(struct buffer_head *bh)
{
	return atomic_read(&bh->b_count) ||
	       (READ_ONCE(bh->b_state) & ((1UL << BH_Dirty) | (1UL << BH_Lock)));
}

/* Detaches the ring if no buffer is busy; under private_lock. */
static bool drop_buffers(struct folio *folio, struct buffer_head **to_free)
{
	struct buffer_head *head = folio_buffers(folio), *bh = head;

	do {
		if (buffer_busy(bh))
			return false;
		bh = bh->b_this_page;
	} while (bh != head);

	do {
		if (bh->b_assoc_map)
			__remove_assoc_queue(bh);
		bh = bh->b_this_page;
	} while (bh != head);
	*to_free = head;
	folio_detach_private(folio);
	return true;
}

/*
 * Frees the buffers of a locked folio if none is referenced, dirty, locked
 * or under writeback (the folio can then be evicted).  Returns whether it
 * did.
 */
bool try_to_free_buffers(struct folio *folio)
{
	struct address_space *const mapping = folio->mapping;
	struct buffer_head *to_free = NULL;
	bool ret;

	BUG_ON(!folio_test_locked(folio));
	if (folio_test_writeback(folio))
		return false;

	if (!mapping) {
		ret = drop_buffers(folio, &to_free);
	} else {
		spin_lock(&mapping->private_lock);
		ret = drop_buffers(folio, &to_free);
		/*
		 * Clean buffers on a dirty folio: the filesystem wrote them
		 * itself (write_dirty_buffer).  The folio is clean then.
		 */
		if (ret)
			folio_cancel_dirty(folio);
		spin_unlock(&mapping->private_lock);
	}

	if (to_free) {
		struct buffer_head *bh = to_free;

		do {
			struct buffer_head *next = bh->b_this_page;

			free_buffer_head(bh);
			bh = next;
		} while (bh != to_free);
	}
	return ret;
}
EXPORT_SYMBOL(try_to_free_buffers);

/* The block behind @bh is gone: forget its contents and mapping. */
static void discard_buffer(struct buffer_head *bh)
{
	lock_buffer(bh);
	clear_buffer_dirty(bh);
	bh->b_bdev = NULL;
	clear_buffer_mapped(bh);
	clear_buffer_req(bh);
	clear_buffer_new(bh);
	clear_buffer_delay(bh);
	clear_buffer_unwritten(bh);
	unlock_buffer(bh);
}

/*
 * ->invalidate_folio for buffer-backed mappings: the buffers lying wholly
 * from @offset to @offset + @length are discarded (truncate, punch hole);
 * when the whole folio goes, the buffers are released too if possible.
 */
void block_invalidate_folio(struct folio *folio, size_t offset, size_t length)
{
	size_t stop = offset + length, pos = 0;
	struct buffer_head *head, *bh;

	BUG_ON(!folio_test_locked(folio));
	BUG_ON(stop > folio_size(folio) || stop < length);

	head = folio_buffers(folio);
	if (!head)
		return;
	bh = head;
	do {
		struct buffer_head *next = bh->b_this_page;
		size_t end = pos + bh->b_size;

		/* Past the range: leave the rest alone. */
		if (end > stop)
			return;
		if (offset <= pos)
			discard_buffer(bh);
		pos = end;
		bh = next;
	} while (bh != head);

	if (length == folio_size(folio))
		filemap_release_folio(folio, 0);
}
EXPORT_SYMBOL(block_invalidate_folio);

/*
 * Blocks [@block, @block + @len) of @bdev were just allocated to a file:
 * any device-cache buffer of them holds stale metadata that must never be
 * written over the file's data.  Clean them and wait for their I/O.
 */
void clean_bdev_aliases(struct block_device *bdev, sector_t block,
			sector_t len)
{
	struct inode *bd_inode = bdev->bd_inode;
	struct address_space *mapping = bd_inode->i_mapping;
	unsigned int shift = PAGE_SHIFT - bd_inode->i_blkbits;
	pgoff_t index = block >> shift;
	pgoff_t end = (block + len - 1) >> shift;
	struct folio_batch fbatch;

	if (!len)
		return;
	folio_batch_init(&fbatch);
	while (filemap_get_folios(mapping, &index, end, &fbatch)) {
		unsigned int i, count = folio_batch_count(&fbatch);

		for (i = 0; i < count; i++) {
			struct folio *folio = fbatch.folios[i];
			struct buffer_head *head, *bh;

			if (!folio_buffers(folio))
				continue;
			/* The folio lock keeps its buffers from being freed. */
			folio_lock(folio);
			head = folio_buffers(folio);
			if (head) {
				bh = head;
				do {
					if (buffer_mapped(bh) && bh->b_blocknr >= block) {
						if (bh->b_blocknr >= block + len)
							break;
						clear_buffer_dirty(bh);
						wait_on_buffer(bh);
						clear_buffer_req(bh);
					}
					bh = bh->b_this_page;
				} while (bh != head);
			}
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		cond_resched();
		/* index wrapped or passed end: done. */
		if (index > end || !index)
			break;
	}
}
EXPORT_SYMBOL(clean_bdev_aliases);

/* mpage wrote a whole page by bio: its buffers are clean now. */
void clean_page_buffers(struct page *page)
{
	struct buffer_head *head, *bh;

	if (!page_has_buffers(page))
		return;
	head = bh = page_buffers(page);
	do {
		clear_buffer_dirty(bh);
		bh = bh->b_this_page;
	} while (bh != head);
}

/* ------------------------------------------- address_space operations */

/*
 * Reads a locked folio block by block: maps each block with @get_block,
 * zeroes holes and blocks past i_size, reads the rest, and unlocks the
 * folio when done (marking it uptodate if every block is).
 */
int block_read_full_folio(struct folio *folio, get_block_t *get_block)
{
	struct inode *inode = folio->mapping->host;
	struct buffer_head *bh, *head, *arr[MAX_BUF_PER_PAGE];
	unsigned int blocksize, bbits, i = 0;
	sector_t iblock, lblock;
	bool fully_mapped = true, failed = false;
	int nr = 0;

	head = create_page_buffers(&folio->page, inode, 0);
	blocksize = head->b_size;
	bbits = bh_size_bits(blocksize);
	iblock = (sector_t)folio->index << (PAGE_SHIFT - bbits);
	lblock = (i_size_read(inode) + blocksize - 1) >> bbits;

	bh = head;
	do {
		if (buffer_uptodate(bh))
			continue;
		if (!buffer_mapped(bh)) {
			int err = 0;

			fully_mapped = false;
			if (iblock < lblock) {
				WARN_ON(bh->b_size != blocksize);
				err = get_block(inode, iblock, bh, 0);
				if (err) {
					folio_set_error(folio);
					failed = true;
				}
			}
			if (!buffer_mapped(bh)) {
				/* A hole, or past EOF: reads as zeroes. */
				folio_zero_range(folio, i * blocksize, blocksize);
				if (!err)
					set_buffer_uptodate(bh);
				continue;
			}
			/* get_block may have filled it already. */
			if (buffer_uptodate(bh))
				continue;
		}
		arr[nr++] = bh;
	} while (i++, iblock++, (bh = bh->b_this_page) != head);

	if (fully_mapped)
		folio_set_mappedtodisk(folio);

	if (!nr) {
		if (!failed)
			folio_mark_uptodate(folio);
		folio_unlock(folio);
		return 0;
	}

	/* Lock them all first, so no completion unlocks the folio early. */
	for (i = 0; i < nr; i++) {
		lock_buffer(arr[i]);
		mark_buffer_async_read(arr[i]);
	}
	/*
	 * Someone reading the same blocks through the device may have made
	 * a buffer uptodate while we waited for its lock.
	 */
	for (i = 0; i < nr; i++) {
		bh = arr[i];
		if (buffer_uptodate(bh))
			end_buffer_async_read(bh, 1);
		else
			submit_bh(REQ_OP_READ, bh);
	}
	return 0;
}
EXPORT_SYMBOL(block_read_full_folio);

/*
 * Pass 1 of a page write: give each dirty buffer inside i_size a disk
 * block (get_block with create), and clean the ones past i_size -- the
 * page straddles EOF while a truncate runs.  Returns get_block's error.
 */
static int map_dirty_buffers(struct inode *inode, struct buffer_head *head,
			     sector_t block, get_block_t *get_block)
{
	unsigned int bbits = bh_size_bits(head->b_size);
	sector_t eof_block = (i_size_read(inode) - 1) >> bbits;
	struct buffer_head *bh = head;
	int err;

	for (;;) {
		bool unmapped = !buffer_mapped(bh) || buffer_delay(bh);

		if (block > eof_block) {
			clear_buffer_dirty(bh);
			set_buffer_uptodate(bh);
		} else if (unmapped && buffer_dirty(bh)) {
			WARN_ON(bh->b_size != head->b_size);
			err = get_block(inode, block, bh, 1);
			if (err)
				return err;
			clear_buffer_delay(bh);
			if (buffer_new(bh)) {
				/* A device buffer of that block is stale now. */
				clear_buffer_new(bh);
				clean_bdev_bh_alias(bh);
			}
		}
		bh = bh->b_this_page;
		if (bh == head)
			return 0;
		block++;
	}
}

/*
 * Pass 2: lock the mapped buffers and mark the dirty ones for an async
 * write (cleaning them).  Background writeback (WB_SYNC_NONE) does not wait
 * for a busy buffer: the page is redirtied for a later round instead.
 */
static void lock_dirty_buffers(struct page *page, struct buffer_head *head,
			       struct writeback_control *wbc,
			       bh_end_io_t *handler)
{
	struct buffer_head *bh = head;

	do {
		if (!buffer_mapped(bh))
			continue;
		if (wbc->sync_mode == WB_SYNC_NONE) {
			if (!trylock_buffer(bh)) {
				redirty_page_for_writepage(wbc, page);
				continue;
			}
		} else {
			lock_buffer(bh);
		}
		if (!test_clear_buffer_dirty(bh)) {
			unlock_buffer(bh);
			continue;
		}
		mark_buffer_async_write_endio(bh, handler);
	} while ((bh = bh->b_this_page) != head);
}

/*
 * Pass 3: puts the page under writeback, submits the marked buffers and
 * unlocks the page.  Returns how many writes were started.
 */
static int submit_page_writes(struct page *page, struct buffer_head *head,
			      struct writeback_control *wbc, bool clean)
{
	blk_opf_t opf = REQ_OP_WRITE | wbc_to_write_flags(wbc);
	struct buffer_head *bh = head, *next;
	int started = 0;

	/* From here PG_writeback protects the page and its buffers. */
	BUG_ON(PageWriteback(page));
	set_page_writeback(page);
	do {
		/* A completion may free nothing, but read the ring first. */
		next = bh->b_this_page;
		if (buffer_async_write(bh)) {
			if (clean)
				clear_buffer_dirty(bh);
			submit_bh_wbc(opf, bh, wbc);
			started++;
		}
		bh = next;
	} while (bh != head);
	unlock_page(page);
	return started;
}

/*
 * Writes out a locked page's dirty buffers (->writepage of buffer-based
 * filesystems), mapping delayed or unmapped dirty buffers with
 * @get_block first.  The page is unlocked, and under writeback until the
 * last buffer's @handler runs, when this returns.  Buffers may be dirtied
 * concurrently (block_dirty_folio): one dirtied after it was looked at
 * keeps the page dirty for the next round.
 */
int __block_write_full_page(struct inode *inode, struct page *page,
			    get_block_t *get_block,
			    struct writeback_control *wbc,
			    bh_end_io_t *handler)
{
	struct buffer_head *head, *bh;
	sector_t first;
	int started, err;

	head = create_page_buffers(page, inode,
				   (1 << BH_Dirty) | (1 << BH_Uptodate));
	first = (sector_t)page->index << (PAGE_SHIFT - bh_size_bits(head->b_size));

	err = map_dirty_buffers(inode, head, first, get_block);
	if (!err) {
		lock_dirty_buffers(page, head, wbc, handler);
		started = submit_page_writes(page, head, wbc, false);
	} else {
		/*
		 * get_block failed (ENOSPC...).  Blocks mapped so far may be
		 * newly allocated: write those, so no stale disk contents
		 * become file data, and drop the dirty state of the rest.
		 */
		bh = head;
		do {
			if (buffer_mapped(bh) && buffer_dirty(bh) &&
			    !buffer_delay(bh)) {
				lock_buffer(bh);
				mark_buffer_async_write_endio(bh, handler);
			} else {
				clear_buffer_dirty(bh);
			}
			bh = bh->b_this_page;
		} while (bh != head);
		SetPageError(page);
		mapping_set_error(page->mapping, err);
		started = submit_page_writes(page, head, wbc, true);
	}

	/*
	 * A dirty page whose buffers were all clean (the filesystem wrote
	 * them by hand, write_dirty_buffer): no I/O, end the writeback here.
	 */
	if (!started)
		end_page_writeback(page);
	return err;
}
EXPORT_SYMBOL(__block_write_full_page);

/*
 * ->writepage for buffer-based filesystems: handles the page that
 * straddles i_size (its tail is zeroed) and pages wholly past it (a
 * truncate raced with writeback: nothing to write).
 */
int block_write_full_page(struct page *page, get_block_t *get_block,
			  struct writeback_control *wbc)
{
	struct inode *const inode = page->mapping->host;
	loff_t i_size = i_size_read(inode);
	pgoff_t end_index = i_size >> PAGE_SHIFT;
	unsigned int tail = i_size & (PAGE_SIZE - 1);

	if (page->index < end_index)
		return __block_write_full_page(inode, page, get_block, wbc,
					       end_buffer_async_write);
	if (page->index > end_index || !tail) {
		unlock_page(page);
		return 0;
	}
	/* Bytes past EOF must read as zero on disk too. */
	zero_user_segment(page, tail, PAGE_SIZE);
	return __block_write_full_page(inode, page, get_block, wbc,
				       end_buffer_async_write);
}
EXPORT_SYMBOL(block_write_full_page);

/*
 * For the buffers that get_block marked new inside [@from, @to): a failed
 * or short write must not leave their old disk contents visible, so zero
 * them (unless the page is uptodate) and dirty them.
 */
void page_zero_new_buffers(struct page *page, unsigned int from,
			   unsigned int to)
{
	unsigned int block_start = 0, block_end;
	struct buffer_head *head, *bh;

	if (!page_has_buffers(page))
		return;
	bh = head = page_buffers(page);
	do {
		block_end = block_start + bh->b_size;
		if (buffer_new(bh) && block_end > from && block_start < to) {
			if (!PageUptodate(page)) {
				unsigned int start = max(from, block_start);
				unsigned int stop = min(to, block_end);

				zero_user(page, start, stop - start);
				set_buffer_uptodate(bh);
			}
			clear_buffer_new(bh);
			mark_buffer_dirty(bh);
		}
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
}
EXPORT_SYMBOL(page_zero_new_buffers);

/*
 * Prepares the blocks of a locked folio that a write of @len bytes at
 * @pos touches: maps (allocating) them, reads the ones the write covers
 * only partly, zeroes the uncovered parts of new ones.
 */
static int block_write_begin_folio(struct folio *folio, loff_t pos,
				   unsigned int len, get_block_t *get_block)
{
	unsigned int from = pos & (PAGE_SIZE - 1), to = from + len;
	struct inode *inode = folio->mapping->host;
	struct buffer_head *bh, *head, *reads[2];
	unsigned int blocksize, bbits, block_start, block_end;
	int nr_reads = 0, err = 0;
	sector_t block;

	BUG_ON(!folio_test_locked(folio));
	BUG_ON(from > PAGE_SIZE || to > PAGE_SIZE || from > to);

	head = create_page_buffers(&folio->page, inode, 0);
	blocksize = head->b_size;
	bbits = bh_size_bits(blocksize);
	block = (sector_t)folio->index << (PAGE_SHIFT - bbits);

	for (bh = head, block_start = 0; bh != head || !block_start;
	     block++, block_start = block_end, bh = bh->b_this_page) {
		block_end = block_start + blocksize;
		if (block_end <= from || block_start >= to) {
			/* Not written to. */
			if (folio_test_uptodate(folio) && !buffer_uptodate(bh))
				set_buffer_uptodate(bh);
			continue;
		}
		if (buffer_new(bh))
			clear_buffer_new(bh);
		if (!buffer_mapped(bh)) {
			WARN_ON(bh->b_size != blocksize);
			err = get_block(inode, block, bh, 1);
			if (err)
				break;
			if (buffer_new(bh)) {
				clean_bdev_bh_alias(bh);
				if (folio_test_uptodate(folio)) {
					clear_buffer_new(bh);
					set_buffer_uptodate(bh);
					mark_buffer_dirty(bh);
					continue;
				}
				/* A new block: what the write leaves is zero. */
				if (block_end > to || block_start < from)
					folio_zero_segments(folio, to, block_end,
							    block_start, from);
				continue;
			}
		}
		if (folio_test_uptodate(folio)) {
			if (!buffer_uptodate(bh))
				set_buffer_uptodate(bh);
			continue;
		}
		/* Partly overwritten old block: read the rest of it first. */
		if (!buffer_uptodate(bh) && !buffer_delay(bh) &&
		    !buffer_unwritten(bh) &&
		    (block_start < from || block_end > to)) {
			bh_read_nowait(bh, 0);
			reads[nr_reads++] = bh;
		}
	}

	while (nr_reads) {
		bh = reads[--nr_reads];
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			err = -EIO;
	}
	if (unlikely(err))
		page_zero_new_buffers(&folio->page, from, to);
	return err;
}

int __block_write_begin(struct page *page, loff_t pos, unsigned int len,
			get_block_t *get_block)
{
	return block_write_begin_folio(page_folio(page), pos, len, get_block);
}
EXPORT_SYMBOL(__block_write_begin);

/*
 * ->write_begin for buffer-based filesystems: the locked page for @pos,
 * prepared for a write of @len bytes.
 */
int block_write_begin(struct address_space *mapping, loff_t pos,
		      unsigned int len, struct page **pagep,
		      get_block_t *get_block)
{
	struct page *page;
	int status;

	page = grab_cache_page_write_begin(mapping, pos >> PAGE_SHIFT);
	if (!page)
		return -ENOMEM;
	status = __block_write_begin(page, pos, len, get_block);
	if (unlikely(status)) {
		unlock_page(page);
		put_page(page);
		page = NULL;
	}
	*pagep = page;
	return status;
}
EXPORT_SYMBOL(block_write_begin);

/*
 * The bytes [@from, @to) of the page were written: their buffers are
 * uptodate and dirty.  The page becomes uptodate if all buffers are.
 */
static void commit_page_range(struct page *page, unsigned int from,
			      unsigned int to)
{
	struct buffer_head *head, *bh;
	unsigned int block_start = 0, block_end;
	bool partial = false;

	bh = head = page_buffers(page);
	do {
		block_end = block_start + bh->b_size;
		if (block_end <= from || block_start >= to) {
			if (!buffer_uptodate(bh))
				partial = true;
		} else {
			set_buffer_uptodate(bh);
			mark_buffer_dirty(bh);
		}
		if (buffer_new(bh))
			clear_buffer_new(bh);
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);

	if (!partial)
		SetPageUptodate(page);
}

int block_commit_write(struct page *page, unsigned int from, unsigned int to)
{
	commit_page_range(page, from, to);
	return 0;
}
EXPORT_SYMBOL(block_commit_write);

/*
 * ->write_end core: commits @copied of the @len bytes at @pos.  A short
 * copy into a page that is not uptodate counts as nothing copied, since
 * its partly written buffer could not be told apart from stale data.
 */
int block_write_end(struct file *file, struct address_space *mapping,
		    loff_t pos, unsigned int len, unsigned int copied,
		    struct page *page, void *fsdata)
{
	unsigned int start = pos & (PAGE_SIZE - 1);

	if (unlikely(copied < len)) {
		if (!PageUptodate(page))
			copied = 0;
		page_zero_new_buffers(page, start + copied, start + len);
	}
	flush_dcache_page(page);
	commit_page_range(page, start, start + copied);
	return copied;
}
EXPORT_SYMBOL(block_write_end);

/*
 * ->write_end for buffer-based filesystems: block_write_end, then i_size
 * grows to cover the write (still under the page lock, so writeback never
 * zeroes what was just written) and the inode is marked dirty (after the
 * page lock is dropped).
 */
int generic_write_end(struct file *file, struct address_space *mapping,
		      loff_t pos, unsigned int len, unsigned int copied,
		      struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;
	loff_t old_size = inode->i_size;
	bool grew = false;

	copied = block_write_end(file, mapping, pos, len, copied, page, fsdata);
	/* i_rwsem is held: i_size cannot change under us. */
	if (pos + copied > inode->i_size) {
		i_size_write(inode, pos + copied);
		grew = true;
	}
	unlock_page(page);
	put_page(page);

	if (old_size < pos)
		pagecache_isize_extended(inode, old_size, pos);
	if (grew)
		mark_inode_dirty(inode);
	return copied;
}
EXPORT_SYMBOL(generic_write_end);

/*
 * Zero-fills the file from *@bytes (its initialized size) up to @pos
 * through ->write_begin/->write_end, for filesystems that cannot have
 * holes (FAT).  *@bytes advances as it goes, rounded up to a block.
 */
static int cont_expand_zero(struct file *file, struct address_space *mapping,
			    loff_t pos, loff_t *bytes)
{
	const struct address_space_operations *aops = mapping->a_ops;
	struct inode *inode = mapping->host;
	unsigned int blocksize = i_blocksize(inode);
	pgoff_t index = pos >> PAGE_SHIFT;
	unsigned int offset = pos & (PAGE_SIZE - 1);
	unsigned int zerofrom, len;
	struct page *page;
	void *fsdata = NULL;
	loff_t curpos;
	pgoff_t curidx;
	int err = 0;

	/* Whole pages between the initialized size and the page of pos. */
	while (index > (curidx = (curpos = *bytes) >> PAGE_SHIFT)) {
		zerofrom = curpos & (PAGE_SIZE - 1);
		if (zerofrom & (blocksize - 1)) {
			*bytes |= (blocksize - 1);
			(*bytes)++;
		}
		len = PAGE_SIZE - zerofrom;

		err = aops->write_begin(file, mapping, curpos, len, &page, &fsdata);
		if (err)
			return err;
		zero_user(page, zerofrom, len);
		err = aops->write_end(file, mapping, curpos, len, len, page, fsdata);
		if (err < 0)
			return err;
		BUG_ON(err != len);
		err = 0;

		balance_dirty_pages_ratelimited(mapping);
		if (fatal_signal_pending(current))
			return -EINTR;
	}

	/* The page of pos itself, up to pos, if it starts before it. */
	if (index == curidx) {
		zerofrom = curpos & (PAGE_SIZE - 1);
		if (offset <= zerofrom)
			return 0;
		if (zerofrom & (blocksize - 1)) {
			*bytes |= (blocksize - 1);
			(*bytes)++;
		}
		len = offset - zerofrom;

		err = aops->write_begin(file, mapping, curpos, len, &page, &fsdata);
		if (err)
			return err;
		zero_user(page, zerofrom, len);
		err = aops->write_end(file, mapping, curpos, len, len, page, fsdata);
		if (err < 0)
			return err;
		BUG_ON(err != len);
		err = 0;
	}
	return err;
}

/*
 * ->write_begin for filesystems without holes: everything between the
 * initialized size *@bytes and @pos is zero-filled first.
 */
int cont_write_begin(struct file *file, struct address_space *mapping,
		     loff_t pos, unsigned int len, struct page **pagep,
		     void **fsdata, get_block_t *get_block, loff_t *bytes)
{
	struct inode *inode = mapping->host;
	unsigned int blocksize = i_blocksize(inode);
	unsigned int zerofrom;
	int err;

	err = cont_expand_zero(file, mapping, pos, bytes);
	if (err)
		return err;

	zerofrom = *bytes & (PAGE_SIZE - 1);
	if (pos + len > *bytes && zerofrom & (blocksize - 1)) {
		*bytes |= (blocksize - 1);
		(*bytes)++;
	}
	return block_write_begin(mapping, pos, len, pagep, get_block);
}
EXPORT_SYMBOL(cont_write_begin);

/*
 * Grows the file to @size with a zero-length write at @size: the
 * filesystem's write_begin/write_end do the zero-filling and set i_size.
 */
int generic_cont_expand_simple(struct inode *inode, loff_t size)
{
	struct address_space *mapping = inode->i_mapping;
	const struct address_space_operations *aops = mapping->a_ops;
	struct page *page;
	void *fsdata = NULL;
	int err;

	err = inode_newsize_ok(inode, size);
	if (err)
		return err;
	err = aops->write_begin(NULL, mapping, size, 0, &page, &fsdata);
	if (err)
		return err;
	err = aops->write_end(NULL, mapping, size, 0, 0, page, fsdata);
	BUG_ON(err > 0);
	return err;
}
EXPORT_SYMBOL(generic_cont_expand_simple);

/*
 * Zeroes the part of the block at @from that lies past @from (truncate to
 * a size inside a block), reading the block first if needed.
 */
int block_truncate_page(struct address_space *mapping, loff_t from,
			get_block_t *get_block)
{
	pgoff_t index = from >> PAGE_SHIFT;
	unsigned int offset = from & (PAGE_SIZE - 1);
	struct inode *inode = mapping->host;
	unsigned int blocksize = i_blocksize(inode);
	unsigned int length, pos;
	struct buffer_head *bh;
	struct page *page;
	sector_t iblock;
	int err = 0;

	length = offset & (blocksize - 1);
	/* On a block boundary: nothing to zero. */
	if (!length)
		return 0;
	length = blocksize - length;
	iblock = (sector_t)index << (PAGE_SHIFT - inode->i_blkbits);

	page = grab_cache_page(mapping, index);
	if (!page)
		return -ENOMEM;
	if (!page_has_buffers(page))
		create_empty_buffers(page, blocksize, 0);

	/* The buffer holding offset. */
	bh = page_buffers(page);
	for (pos = blocksize; offset >= pos; pos += blocksize) {
		bh = bh->b_this_page;
		iblock++;
	}

	if (!buffer_mapped(bh)) {
		WARN_ON(bh->b_size != blocksize);
		err = get_block(inode, iblock, bh, 0);
		/* Still unmapped: a hole, nothing to zero. */
		if (err || !buffer_mapped(bh))
			goto unlock;
	}
	if (PageUptodate(page))
		set_buffer_uptodate(bh);
	if (!buffer_uptodate(bh) && !buffer_delay(bh) && !buffer_unwritten(bh)) {
		err = bh_read(bh, 0);
		if (err < 0)
			goto unlock;
	}
	zero_user(page, offset, length);
	mark_buffer_dirty(bh);
	err = 0;
unlock:
	unlock_page(page);
	put_page(page);
	return err;
}
EXPORT_SYMBOL(block_truncate_page);

/* ->bmap for buffer-based filesystems: the disk block of file block @block. */
sector_t generic_block_bmap(struct address_space *mapping, sector_t block,
			    get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	struct buffer_head tmp = {
		.b_size = i_blocksize(inode),
	};

	get_block(inode, block, &tmp, 0);
	return tmp.b_blocknr;
}
EXPORT_SYMBOL(generic_block_bmap);

/*
 * ->is_partially_uptodate: whether the buffers covering [@from, @from +
 * @count) of the folio are all uptodate, so a read can be served without
 * reading the whole folio.
 */
bool block_is_partially_uptodate(struct folio *folio, size_t from,
				 size_t count)
{
	struct buffer_head *head = folio_buffers(folio), *bh;
	size_t block_start = 0, block_end, to;
	unsigned int blocksize;

	if (!head)
		return false;
	blocksize = head->b_size;
	to = from + min_t(size_t, folio_size(folio) - from, count);
	/* Spanning the whole folio: the folio flag answers that. */
	if (from < blocksize && to > folio_size(folio) - blocksize)
		return false;

	bh = head;
	do {
		block_end = block_start + blocksize;
		if (block_end > from && block_start < to) {
			if (!buffer_uptodate(bh))
				return false;
			if (block_end >= to)
				break;
		}
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
	return true;
}
EXPORT_SYMBOL(block_is_partially_uptodate);

/* ------------------------------------------------------------------ init */

void __init buffer_init(void)
{
	bh_cachep = kmem_cache_create("buffer_head", sizeof(struct buffer_head),
				      0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC |
				      SLAB_MEM_SPREAD, NULL);
}

static int __init kfs_buffer_init(void)
{
	buffer_init();
	return bh_cachep ? 0 : -ENOMEM;
}
fs_initcall(kfs_buffer_init);

static void __exit kfs_buffer_exit(void)
{
	kmem_cache_destroy(bh_cachep);
	bh_cachep = NULL;
}
__exitcall(kfs_buffer_exit);
