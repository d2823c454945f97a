/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct backing_dev_info and struct bdi_writeback: what a device that
 * holds dirty page-cache data looks like to writeback.
 *
 * As in the kernel, every disk has one bdi (D allocates it with the disk;
 * a super block on a block device shares the disk's bdi, sb->s_bdi), and a
 * bdi has one bdi_writeback whose lists hold the dirty inodes of every
 * super block on it (and the block device's own inode):
 *   b_dirty       dirtied inodes, oldest first (i_io_list)
 *   b_io          inodes picked for the writeback pass in progress
 *   b_more_io     inodes that still had work after their turn
 *   b_dirty_time  inodes whose only dirt is a lazytime timestamp
 * all under list_lock.  Instead of the kernel's per-bdi delayed work on the
 * bdi_wq workqueue, kfs runs one flusher kthread per registered bdi
 * (compat/fs/fs-writeback.c), woken by dirtying, by the page cache's dirty
 * threshold and by its own timer (dirty_writeback_interval).  No cgroup
 * writeback: one wb per bdi.
 */
#ifndef _LINUX_BACKING_DEV_DEFS_H
#define _LINUX_BACKING_DEV_DEFS_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

struct device;
struct task_struct;

/* Bits of bdi_writeback.state. */
enum wb_state {
	WB_registered,		/* bdi_register() done, flusher may run */
	WB_writeback_running,	/* the flusher is writing */
	WB_has_dirty_io,	/* some list holds a dirty inode */
	WB_start_all,		/* somebody asked for everything to be written */
};

/* Per-wb page counters (pages): dirty, under writeback, dirtied, written. */
enum wb_stat_item {
	WB_RECLAIMABLE,
	WB_WRITEBACK,
	WB_DIRTIED,
	WB_WRITTEN,
	NR_WB_STAT_ITEMS
};

/* Why writeback was started, for the record (the kernel's tracepoint values). */
enum wb_reason {
	WB_REASON_BACKGROUND,
	WB_REASON_VMSCAN,
	WB_REASON_SYNC,
	WB_REASON_PERIODIC,
	WB_REASON_LAPTOP_TIMER,
	WB_REASON_FS_FREE_SPACE,
	WB_REASON_FORKER_THREAD,
	WB_REASON_FOREIGN_FLUSH,
	WB_REASON_MAX,
};

struct bdi_writeback {
	struct backing_dev_info *bdi;

	unsigned long state;		/* WB_* bits */
	unsigned long last_old_flush;	/* jiffies of the last periodic pass */

	struct list_head b_dirty;
	struct list_head b_io;
	struct list_head b_more_io;
	struct list_head b_dirty_time;
	spinlock_t list_lock;

	atomic_long_t stat[NR_WB_STAT_ITEMS];

	/*
	 * kfs: the flusher thread and what it is asked to do.  Requests set
	 * their flag under list_lock, bump flush_requests and wake the
	 * flusher.  pass_mutex lets one writeback pass at a time work the
	 * b_io list (the flusher's, or a sync run in the caller's thread);
	 * sync_waiters makes long background passes yield to a sync.
	 */
	struct task_struct *flusher;
	wait_queue_head_t flusher_wait;
	atomic_long_t flush_requests;
	bool bg_requested;		/* write until under the background threshold */
	bool stopping;			/* bdi_unregister: finish and exit */
	enum wb_reason start_all_reason;
	struct mutex pass_mutex;
	atomic_t sync_waiters;
};

/* bdi->capabilities */
#define BDI_CAP_WRITEBACK		(1 << 0)	/* dirty pages get written */
#define BDI_CAP_WRITEBACK_ACCT		(1 << 1)	/* dirty pages are counted */
#define BDI_CAP_STRICTLIMIT		(1 << 2)

struct backing_dev_info {
	u64 id;
	struct list_head bdi_list;	/* all registered bdis (bdi_list_lock) */
	unsigned long ra_pages;		/* readahead window, pages */
	unsigned long io_pages;		/* largest useful read, pages */

	atomic_t refcnt;		/* bdi_get/bdi_put */
	unsigned int capabilities;	/* BDI_CAP_* */
	unsigned int min_ratio;
	unsigned int max_ratio, max_prop_frac;

	struct bdi_writeback wb;
	wait_queue_head_t wb_waitq;

	struct device *dev;
	char dev_name[64];
	struct device *owner;
};

#endif /* _LINUX_BACKING_DEV_DEFS_H */
