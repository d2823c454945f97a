/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writeback of dirty inodes and pages.
 *
 * struct writeback_control is the request a filesystem's ->writepage,
 * ->writepages and ->write_inode receive (Documentation/filesystems/vfs.rst,
 * "struct address_space_operations" and "struct super_operations"):
 *   nr_to_write   pages still wanted; decremented for each page written
 *   range_start/range_end (inclusive) byte range, or range_cyclic
 *   sync_mode     WB_SYNC_NONE: write what is convenient, skip busy pages;
 *                 WB_SYNC_ALL: write every dirty page and wait for pages
 *                 already under writeback first (data-integrity sync)
 *   for_kupdate/for_background/for_reclaim/for_sync: who asked.
 * The implementations are compat/mm/page-writeback.c (page level) and
 * compat/fs/fs-writeback.c (inode level, flusher threads).
 */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

#include <linux/sched.h>
#include <linux/workqueue.h>
#include <linux/fs.h>
#include <linux/backing-dev-defs.h>
#include <linux/blk_types.h>

struct bio;

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* don't wait on anything */
	WB_SYNC_ALL,	/* wait on every mapping */
};

struct writeback_control {
	long nr_to_write;
	long pages_skipped;

	loff_t range_start;
	loff_t range_end;

	enum writeback_sync_modes sync_mode;

	unsigned for_kupdate:1;
	unsigned for_background:1;
	unsigned tagged_writepages:1;
	unsigned for_reclaim:1;
	unsigned range_cyclic:1;
	unsigned for_sync:1;
	unsigned unpinned_fscache_wb:1;
	unsigned no_cgroup_owner:1;
	unsigned punt_to_cgroup:1;

	struct swap_iocb **swap_plug;
};

/* The request flags a bio written on behalf of wbc should carry. */
static inline blk_opf_t wbc_to_write_flags(struct writeback_control *wbc)
{
	blk_opf_t flags = 0;

	if (wbc->sync_mode == WB_SYNC_ALL)
		flags |= REQ_SYNC;
	else if (wbc->for_kupdate || wbc->for_background)
		flags |= REQ_BACKGROUND;
	return flags;
}

/* No cgroup writeback in kfs: the attach/account hooks have nothing to do. */
static inline void inode_attach_wb(struct inode *inode, struct page *page)
{
}

static inline void inode_detach_wb(struct inode *inode)
{
}

static inline void wbc_attach_fdatawrite_inode(struct writeback_control *wbc,
					       struct inode *inode)
{
}

static inline void wbc_detach_inode(struct writeback_control *wbc)
{
}

static inline void wbc_init_bio(struct writeback_control *wbc, struct bio *bio)
{
}

static inline void wbc_account_cgroup_owner(struct writeback_control *wbc,
					    struct page *page, size_t bytes)
{
}

static inline void cgroup_writeback_umount(void)
{
}

/* ---------------------------------------------- inodes (fs-writeback.c) */

void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason);
void writeback_inodes_sb_nr(struct super_block *sb, unsigned long nr,
			    enum wb_reason reason);
void try_to_writeback_inodes_sb(struct super_block *sb, enum wb_reason reason);
void sync_inodes_sb(struct super_block *sb);
void wakeup_flusher_threads(enum wb_reason reason);
void wakeup_flusher_threads_bdi(struct backing_dev_info *bdi, enum wb_reason reason);
void inode_wait_for_writeback(struct inode *inode);
void inode_io_list_del(struct inode *inode);
void sb_mark_inode_writeback(struct inode *inode);
void sb_clear_inode_writeback(struct inode *inode);

/* Sleeps until the inode is no longer I_NEW (being read in by iget). */
static inline void wait_on_inode(struct inode *inode)
{
	might_sleep();
	wait_on_bit(&inode->i_state, __I_NEW, TASK_UNINTERRUPTIBLE);
}

/* --------------------------------------------- pages (page-writeback.c) */

/* Tunables, as /proc/sys/vm names them; intervals in centiseconds. */
extern unsigned int dirty_writeback_interval;
extern unsigned int dirty_expire_interval;
extern unsigned int dirtytime_expire_interval;
extern int dirty_background_ratio;
extern int vm_dirty_ratio;
extern int laptop_mode;

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty);
bool wb_over_bg_thresh(struct bdi_writeback *wb);

/*
 * Called by writers after dirtying pages: may sleep until writeback has
 * brought the cache's dirty pages back under the dirty threshold.
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
int balance_dirty_pages_ratelimited_flags(struct address_space *mapping,
					  unsigned int flags);
#define BDP_ASYNC 0x0001

typedef int (*writepage_t)(struct page *page, struct writeback_control *wbc, void *data);

int generic_writepages(struct address_space *mapping, struct writeback_control *wbc);
void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end);
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data);
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
void writeback_set_ratelimit(void);

bool filemap_dirty_folio(struct address_space *mapping, struct folio *folio);
void folio_account_redirty(struct folio *folio);

static inline void account_page_redirty(struct page *page)
{
	folio_account_redirty(page_folio(page));
}

bool folio_redirty_for_writepage(struct writeback_control *wbc, struct folio *folio);
bool redirty_page_for_writepage(struct writeback_control *wbc, struct page *page);

#endif /* _LINUX_WRITEBACK_H */
