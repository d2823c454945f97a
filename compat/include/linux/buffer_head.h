/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Buffer heads: a block-sized piece of a page-cache page with its state and
 * its disk mapping.  Filesystems use them for metadata (sb_bread() and
 * friends read blocks through the block device's own page cache, so the
 * same block is one buffer wherever it is looked up) and as the per-block
 * state of file pages (block_read_full_folio, block_write_begin, ...).
 *
 * The buffers of a page form a ring through b_this_page; the page's private
 * pointer holds the first one.  Implemented in compat/fs/buffer.c, which
 * plays fs/buffer.c's role; the semantics are those its kernel-doc and
 * Documentation/filesystems/locking.rst describe for Linux 6.1.
 *
 * kfs keeps no per-CPU LRU of recently used buffers: lookups go straight to
 * the page cache, and invalidate_bh_lrus() has nothing to drop.
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/blk_types.h>
#include <linux/fs.h>
#include <linux/linkage.h>
#include <linux/pagemap.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/bitops.h>

/* Bits of b_state. */
enum bh_state_bits {
	BH_Uptodate,	/* b_data holds what the disk holds (or newer) */
	BH_Dirty,	/* b_data must be written back */
	BH_Lock,	/* I/O or exclusive use in progress */
	BH_Req,		/* has been submitted for I/O at least once */

	BH_Mapped,	/* b_bdev/b_blocknr are valid */
	BH_New,		/* get_block just allocated the disk block */
	BH_Async_Read,	/* part of a whole-page read (end_buffer_async_read) */
	BH_Async_Write,	/* part of a whole-page write (end_buffer_async_write) */
	BH_Delay,	/* no disk block allocated yet (delayed allocation) */
	BH_Boundary,	/* the next block is not contiguous on disk */
	BH_Write_EIO,	/* the last write failed */
	BH_Unwritten,	/* allocated on disk, contents not written yet */
	BH_Quiet,	/* do not report I/O errors */
	BH_Meta,	/* metadata: submit with REQ_META */
	BH_Prio,	/* submit with REQ_PRIO */
	BH_Defer_Completion,

	BH_PrivateStart,/* first bit filesystems may use for their own state */
};

/* A page holds at most this many buffers (512-byte blocks). */
#define MAX_BUF_PER_PAGE (PAGE_SIZE / 512)

struct page;
struct buffer_head;
struct address_space;
typedef void (bh_end_io_t)(struct buffer_head *bh, int uptodate);

struct buffer_head {
	unsigned long b_state;		/* BH_* bits */
	struct buffer_head *b_this_page;/* next buffer of the page (a ring) */
	struct page *b_page;		/* the page b_data lies in */

	sector_t b_blocknr;		/* disk block, in b_size units */
	size_t b_size;			/* block size in bytes */
	char *b_data;			/* the block's bytes in b_page */

	struct block_device *b_bdev;
	bh_end_io_t *b_end_io;		/* called when I/O completes */
	void *b_private;		/* for b_end_io */
	struct list_head b_assoc_buffers; /* on an inode's private_list */
	struct address_space *b_assoc_map; /* whose private_list that is */
	atomic_t b_count;		/* users holding a reference */
	spinlock_t b_uptodate_lock;	/* in the page's first buffer: serialises
					 * completion of whole-page I/O */
};

/*
 * Accessors for the state bits.  set_buffer_X() tests first, so setting an
 * already set bit does not dirty the cache line.
 */
#define BUFFER_FNS(bit, name)						\
static __always_inline void set_buffer_##name(struct buffer_head *bh)	\
{									\
	if (!test_bit(BH_##bit, &bh->b_state))				\
		set_bit(BH_##bit, &bh->b_state);			\
}									\
static __always_inline void clear_buffer_##name(struct buffer_head *bh)	\
{									\
	clear_bit(BH_##bit, &bh->b_state);				\
}									\
static __always_inline int buffer_##name(const struct buffer_head *bh)	\
{									\
	return test_bit(BH_##bit, &bh->b_state);			\
}

/* Atomic test-and-modify forms: return the old value of the bit. */
#define TAS_BUFFER_FNS(bit, name)					\
static __always_inline int test_set_buffer_##name(struct buffer_head *bh) \
{									\
	return test_and_set_bit(BH_##bit, &bh->b_state);		\
}									\
static __always_inline int test_clear_buffer_##name(struct buffer_head *bh) \
{									\
	return test_and_clear_bit(BH_##bit, &bh->b_state);		\
}

BUFFER_FNS(Dirty, dirty)
TAS_BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
BUFFER_FNS(Req, req)
TAS_BUFFER_FNS(Req, req)
BUFFER_FNS(Mapped, mapped)
BUFFER_FNS(New, new)
BUFFER_FNS(Async_Read, async_read)
BUFFER_FNS(Async_Write, async_write)
BUFFER_FNS(Delay, delay)
BUFFER_FNS(Boundary, boundary)
BUFFER_FNS(Write_EIO, write_io_error)
BUFFER_FNS(Unwritten, unwritten)
BUFFER_FNS(Meta, meta)
BUFFER_FNS(Prio, prio)
BUFFER_FNS(Defer_Completion, defer_completion)

/*
 * Uptodate is read without locks by code that then reads b_data, so the
 * bit is published with release semantics and tested with acquire (the
 * pairing folio_mark_uptodate/folio_test_uptodate use for pages).
 */
static __always_inline void set_buffer_uptodate(struct buffer_head *bh)
{
	if (test_bit(BH_Uptodate, &bh->b_state))
		return;
	smp_mb__before_atomic();
	set_bit(BH_Uptodate, &bh->b_state);
}

static __always_inline void clear_buffer_uptodate(struct buffer_head *bh)
{
	clear_bit(BH_Uptodate, &bh->b_state);
}

static __always_inline int buffer_uptodate(const struct buffer_head *bh)
{
	return test_bit_acquire(BH_Uptodate, &bh->b_state);
}

/* Byte offset of the buffer's data in its page. */
#define bh_offset(bh)		((unsigned long)(bh)->b_data & ~PAGE_MASK)

/* The first buffer of a page that is known to have buffers. */
#define page_buffers(page)					\
	({							\
		BUG_ON(!PagePrivate(page));			\
		((struct buffer_head *)page_private(page));	\
	})
#define page_has_buffers(page)	PagePrivate(page)
#define folio_buffers(folio)	((struct buffer_head *)folio_get_private(folio))

void buffer_check_dirty_writeback(struct folio *folio, bool *dirty,
				  bool *writeback);

/* Buffer state changes with side effects on the page/inode. */
void mark_buffer_dirty(struct buffer_head *bh);
void mark_buffer_write_io_error(struct buffer_head *bh);
void touch_buffer(struct buffer_head *bh);
void set_bh_page(struct buffer_head *bh, struct page *page,
		 unsigned long offset);
bool try_to_free_buffers(struct folio *folio);
struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size,
				       bool retry);
void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state);
void folio_create_empty_buffers(struct folio *folio, unsigned long blocksize,
				unsigned long b_state);
void end_buffer_read_sync(struct buffer_head *bh, int uptodate);
void end_buffer_write_sync(struct buffer_head *bh, int uptodate);
void end_buffer_async_write(struct buffer_head *bh, int uptodate);

/*
 * Buffers "associated" with an inode: metadata blocks (indirect blocks,
 * directory blocks) that fsync of that inode must write.  They hang on the
 * inode's mapping->private_list, under the block device mapping's
 * private_lock.
 */
void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode);
int inode_has_buffers(struct inode *inode);
void invalidate_inode_buffers(struct inode *inode);
int remove_inode_buffers(struct inode *inode);
int sync_mapping_buffers(struct address_space *mapping);
void clean_bdev_aliases(struct block_device *bdev, sector_t block,
			sector_t len);

/* A newly allocated block must not be overwritten by a stale bdev buffer. */
static inline void clean_bdev_bh_alias(struct buffer_head *bh)
{
	clean_bdev_aliases(bh->b_bdev, bh->b_blocknr, 1);
}

void mark_buffer_async_write(struct buffer_head *bh);
void __wait_on_buffer(struct buffer_head *bh);
struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned int size);
struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block,
				 unsigned int size, gfp_t gfp);
void __brelse(struct buffer_head *bh);
void __bforget(struct buffer_head *bh);
void __breadahead(struct block_device *bdev, sector_t block, unsigned int size);
struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block,
				unsigned int size, gfp_t gfp);
void invalidate_bh_lrus(void);
void invalidate_bh_lrus_cpu(void);
bool has_bh_in_lru(int cpu, void *dummy);
struct buffer_head *alloc_buffer_head(gfp_t gfp_flags);
void free_buffer_head(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void __lock_buffer(struct buffer_head *bh);
int sync_dirty_buffer(struct buffer_head *bh);
int __sync_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags);
void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags);
void submit_bh(blk_opf_t opf, struct buffer_head *bh);
void write_boundary_block(struct block_device *bdev, sector_t bblock,
			  unsigned int blocksize);
int bh_uptodate_or_lock(struct buffer_head *bh);
int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait);
void __bh_read_batch(int nr, struct buffer_head *bhs[], blk_opf_t op_flags,
		     bool force_lock);

/* kfs never limits the number of buffer heads. */
#define buffer_heads_over_limit 0

/*
 * address_space_operations helpers for filesystems whose file pages are
 * made of buffers, each mapped to disk by the filesystem's get_block.
 */
void block_invalidate_folio(struct folio *folio, size_t offset, size_t length);
int block_write_full_page(struct page *page, get_block_t *get_block,
			  struct writeback_control *wbc);
int __block_write_full_page(struct inode *inode, struct page *page,
			    get_block_t *get_block,
			    struct writeback_control *wbc,
			    bh_end_io_t *handler);
int block_read_full_folio(struct folio *folio, get_block_t *get_block);
bool block_is_partially_uptodate(struct folio *folio, size_t from,
				 size_t count);
int block_write_begin(struct address_space *mapping, loff_t pos,
		      unsigned int len, struct page **pagep,
		      get_block_t *get_block);
int __block_write_begin(struct page *page, loff_t pos, unsigned int len,
			get_block_t *get_block);
int block_write_end(struct file *file, struct address_space *mapping,
		    loff_t pos, unsigned int len, unsigned int copied,
		    struct page *page, void *fsdata);
int generic_write_end(struct file *file, struct address_space *mapping,
		      loff_t pos, unsigned int len, unsigned int copied,
		      struct page *page, void *fsdata);
void page_zero_new_buffers(struct page *page, unsigned int from,
			   unsigned int to);
void clean_page_buffers(struct page *page);
int cont_write_begin(struct file *file, struct address_space *mapping,
		     loff_t pos, unsigned int len, struct page **pagep,
		     void **fsdata, get_block_t *get_block, loff_t *bytes);
int generic_cont_expand_simple(struct inode *inode, loff_t size);
int block_commit_write(struct page *page, unsigned int from, unsigned int to);
sector_t generic_block_bmap(struct address_space *mapping, sector_t block,
			    get_block_t *get_block);
int block_truncate_page(struct address_space *mapping, loff_t from,
			get_block_t *get_block);
bool block_dirty_folio(struct address_space *mapping, struct folio *folio);

/* No page migration in kfs (CONFIG_MIGRATION is off). */
#define buffer_migrate_folio NULL
#define buffer_migrate_folio_norefs NULL

void buffer_init(void);

/* References.  A buffer with b_count > 0 is never freed. */
static inline void get_bh(struct buffer_head *bh)
{
	atomic_inc(&bh->b_count);
}

static inline void put_bh(struct buffer_head *bh)
{
	smp_mb__before_atomic();
	atomic_dec(&bh->b_count);
}

static inline void brelse(struct buffer_head *bh)
{
	if (bh)
		__brelse(bh);
}

static inline void bforget(struct buffer_head *bh)
{
	if (bh)
		__bforget(bh);
}

/* Locking a buffer: BH_Lock as a sleeping bit lock. */
static inline void wait_on_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (buffer_locked(bh))
		__wait_on_buffer(bh);
}

static inline int trylock_buffer(struct buffer_head *bh)
{
	return likely(!test_and_set_bit_lock(BH_Lock, &bh->b_state));
}

static inline void lock_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (!trylock_buffer(bh))
		__lock_buffer(bh);
}

/* Block lookups on a filesystem's device, in its block size. */
static inline struct buffer_head *sb_bread(struct super_block *sb,
					   sector_t block)
{
	return __bread_gfp(sb->s_bdev, block, sb->s_blocksize, __GFP_MOVABLE);
}

static inline struct buffer_head *sb_bread_unmovable(struct super_block *sb,
						     sector_t block)
{
	return __bread_gfp(sb->s_bdev, block, sb->s_blocksize, 0);
}

static inline void sb_breadahead(struct super_block *sb, sector_t block)
{
	__breadahead(sb->s_bdev, block, sb->s_blocksize);
}

static inline struct buffer_head *sb_getblk(struct super_block *sb,
					    sector_t block)
{
	return __getblk_gfp(sb->s_bdev, block, sb->s_blocksize, __GFP_MOVABLE);
}

static inline struct buffer_head *sb_getblk_gfp(struct super_block *sb,
						sector_t block, gfp_t gfp)
{
	return __getblk_gfp(sb->s_bdev, block, sb->s_blocksize, gfp);
}

static inline struct buffer_head *sb_find_get_block(struct super_block *sb,
						    sector_t block)
{
	return __find_get_block(sb->s_bdev, block, sb->s_blocksize);
}

/* What a get_block does for a block it found: map bh to it. */
static inline void map_bh(struct buffer_head *bh, struct super_block *sb,
			  sector_t block)
{
	set_buffer_mapped(bh);
	bh->b_bdev = sb->s_bdev;
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
}

static inline struct buffer_head *getblk_unmovable(struct block_device *bdev,
						   sector_t block,
						   unsigned int size)
{
	return __getblk_gfp(bdev, block, size, 0);
}

static inline struct buffer_head *__getblk(struct block_device *bdev,
					   sector_t block, unsigned int size)
{
	return __getblk_gfp(bdev, block, size, __GFP_MOVABLE);
}

/* Reads @block of @bdev; NULL if it cannot be read. */
static inline struct buffer_head *__bread(struct block_device *bdev,
					  sector_t block, unsigned int size)
{
	return __bread_gfp(bdev, block, size, __GFP_MOVABLE);
}

/* Starts reading bh unless it is uptodate or someone holds it locked. */
static inline void bh_readahead(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (buffer_uptodate(bh) || !trylock_buffer(bh))
		return;
	if (buffer_uptodate(bh))
		unlock_buffer(bh);
	else
		__bh_read(bh, op_flags, false);
}

/* Starts reading bh unless it is uptodate; does not wait. */
static inline void bh_read_nowait(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (!bh_uptodate_or_lock(bh))
		__bh_read(bh, op_flags, false);
}

/* Reads bh and waits: 1 if it was uptodate, 0 if read now, -EIO. */
static inline int bh_read(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (bh_uptodate_or_lock(bh))
		return 1;
	return __bh_read(bh, op_flags, true);
}

static inline void bh_read_batch(int nr, struct buffer_head *bhs[])
{
	__bh_read_batch(nr, bhs, 0, true);
}

static inline void bh_readahead_batch(int nr, struct buffer_head *bhs[],
				      blk_opf_t op_flags)
{
	__bh_read_batch(nr, bhs, op_flags, false);
}

#endif /* _LINUX_BUFFER_HEAD_H */
