// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writeback of dirty inodes (the role of fs/fs-writeback.c).
 *
 * Contract: Documentation/filesystems/vfs.rst (->dirty_inode,
 * ->write_inode, "struct address_space_operations"), locking.rst
 * (->write_inode runs without i_rwsem; the inode is pinned by I_SYNC), and
 * the 6.1 kernel-doc of __mark_inode_dirty, write_inode_now,
 * sync_inode_metadata, writeback_inodes_sb and sync_inodes_sb.
 *
 * Dirty inodes sit on their bdi's writeback lists (b_dirty, oldest at the
 * tail; b_io while a pass works on them; b_more_io when their turn ended
 * with work left; b_dirty_time for lazytime-only dirt), see
 * <linux/backing-dev-defs.h>.  Writing an inode sets I_SYNC in i_state:
 * a second writer waits for it (data integrity) or skips the inode, and
 * eviction waits for it, which is what keeps an inode alive while it is
 * written without holding a reference.
 *
 * Passes over the lists run one at a time per bdi (wb->pass_mutex): the
 * bdi's flusher thread does the periodic pass (inodes dirty longer than
 * dirty_expire_interval, every dirty_writeback_interval), the background
 * pass (the page cache is over its background dirty threshold) and
 * "write everything" requests; writeback_inodes_sb and sync_inodes_sb
 * run their pass in the caller's thread (the kernel queues them to the
 * flusher and waits, which comes to the same).  A pass works on a super
 * block's inodes only with its s_umount held for read: the caller's, or
 * the flusher's down_read_trylock (as the kernel's trylock_super), so an
 * unmount in progress is never entered.
 *
 * Lock order: wb->pass_mutex -> sb->s_umount -> wb->list_lock ->
 * inode->i_lock; sb->s_inode_wblist_lock nests inside the mapping's
 * xa_lock (folio_start_writeback).
 */
#include <linux/fs.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <linux/writeback.h>
#include <kfs/mm.h>

#include "../mm/internal.h"

/* What one pass over a bdi's lists is to do (the kernel's wb_writeback_work). */
struct wb_work {
	long nr_pages;			/* budget, pages */
	struct super_block *sb;		/* only this sb's inodes, or all */
	enum writeback_sync_modes sync_mode;
	unsigned int tagged_writepages:1;
	unsigned int for_kupdate:1;
	unsigned int range_cyclic:1;
	unsigned int for_background:1;
	unsigned int for_sync:1;
	enum wb_reason reason;
};

/* Pages a WB_SYNC_NONE pass writes of one inode before moving on (4 MiB). */
#define MIN_WRITEBACK_PAGES	(4096UL >> (PAGE_SHIFT - 10))

/* Whether the running thread is a flusher (it must not throttle itself). */
static __thread bool current_is_flusher;

bool kfs_current_is_flusher(void)
{
	return current_is_flusher;
}

static inline struct inode *wb_inode(struct list_head *head)
{
	return list_entry(head, struct inode, i_io_list);
}

/* ---------------------------------------------------------- list upkeep */

/* The lists just got their first inode: true when the flusher should know. */
static bool wb_io_lists_populated(struct bdi_writeback *wb)
{
	if (wb_has_dirty_io(wb))
		return false;
	set_bit(WB_has_dirty_io, &wb->state);
	return true;
}

static void wb_io_lists_depopulated(struct bdi_writeback *wb)
{
	if (wb_has_dirty_io(wb) && list_empty(&wb->b_dirty) &&
	    list_empty(&wb->b_io) && list_empty(&wb->b_more_io))
		clear_bit(WB_has_dirty_io, &wb->state);
}

/* Moves an inode to a list of wb; both locks held.  True: wake the flusher. */
static bool inode_io_list_move_locked(struct inode *inode, struct bdi_writeback *wb,
				      struct list_head *head)
{
	lockdep_assert_held(&wb->list_lock);
	lockdep_assert_held(&inode->i_lock);

	list_move(&inode->i_io_list, head);
	/* Lazytime-only inodes do not count as dirty I/O until they expire. */
	if (head != &wb->b_dirty_time)
		return wb_io_lists_populated(wb);
	wb_io_lists_depopulated(wb);
	return false;
}

/* Off the writeback lists (clean, or being evicted). */
static void inode_io_list_remove_locked(struct inode *inode, struct bdi_writeback *wb)
{
	inode->i_state &= ~I_SYNC_QUEUED;
	list_del_init(&inode->i_io_list);
	wb_io_lists_depopulated(wb);
}

/*
 * Back to b_dirty, keeping the list sorted by dirtied_when: an inode older
 * than the newest one gets "now" as its dirtying time.
 */
static void redirty_tail_locked(struct inode *inode, struct bdi_writeback *wb)
{
	lockdep_assert_held(&inode->i_lock);
	if (!list_empty(&wb->b_dirty)) {
		struct inode *newest = wb_inode(wb->b_dirty.next);

		if (time_before(inode->dirtied_when, newest->dirtied_when))
			inode->dirtied_when = jiffies;
	}
	inode_io_list_move_locked(inode, wb, &wb->b_dirty);
	inode->i_state &= ~I_SYNC_QUEUED;
}

static void redirty_tail(struct inode *inode, struct bdi_writeback *wb)
{
	spin_lock(&inode->i_lock);
	redirty_tail_locked(inode, wb);
	spin_unlock(&inode->i_lock);
}

static void requeue_io(struct inode *inode, struct bdi_writeback *wb)
{
	inode_io_list_move_locked(inode, wb, &wb->b_more_io);
}

void inode_io_list_del(struct inode *inode)
{
	struct bdi_writeback *wb = inode_to_wb(inode);

	spin_lock(&wb->list_lock);
	spin_lock(&inode->i_lock);
	inode->i_state &= ~I_SYNC_QUEUED;
	inode_io_list_remove_locked(inode, wb);
	spin_unlock(&inode->i_lock);
	spin_unlock(&wb->list_lock);
}
EXPORT_SYMBOL(inode_io_list_del);

/* Inodes with folios under writeback, which sync_inodes_sb waits for. */
void sb_mark_inode_writeback(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	unsigned long flags;

	spin_lock_irqsave(&sb->s_inode_wblist_lock, flags);
	if (list_empty(&inode->i_wb_list))
		list_add_tail(&inode->i_wb_list, &sb->s_inodes_wb);
	spin_unlock_irqrestore(&sb->s_inode_wblist_lock, flags);
}

void sb_clear_inode_writeback(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	unsigned long flags;

	spin_lock_irqsave(&sb->s_inode_wblist_lock, flags);
	if (!list_empty(&inode->i_wb_list))
		list_del_init(&inode->i_wb_list);
	spin_unlock_irqrestore(&sb->s_inode_wblist_lock, flags);
}

/* ----------------------------------------------------------- the flusher */

static void wb_kick(struct bdi_writeback *wb)
{
	atomic_long_inc(&wb->flush_requests);
	wake_up(&wb->flusher_wait);
}

void kfs_wb_start_background(struct bdi_writeback *wb)
{
	bool kick;

	if (!(wb->bdi->capabilities & BDI_CAP_WRITEBACK) ||
	    !test_bit(WB_registered, &wb->state))
		return;
	spin_lock(&wb->list_lock);
	kick = !wb->bg_requested;
	wb->bg_requested = true;
	spin_unlock(&wb->list_lock);
	if (kick)
		wb_kick(wb);
}

static void start_background_fn(struct backing_dev_info *bdi, void *arg)
{
	kfs_wb_start_background(&bdi->wb);
}

void kfs_wb_start_background_all(void)
{
	kfs_for_each_bdi(start_background_fn, NULL);
}

static void wb_start_all(struct bdi_writeback *wb, enum wb_reason reason)
{
	if (!(wb->bdi->capabilities & BDI_CAP_WRITEBACK) ||
	    !test_bit(WB_registered, &wb->state))
		return;
	spin_lock(&wb->list_lock);
	wb->start_all_reason = reason;
	set_bit(WB_start_all, &wb->state);
	spin_unlock(&wb->list_lock);
	wb_kick(wb);
}

static void start_all_fn(struct backing_dev_info *bdi, void *arg)
{
	wb_start_all(&bdi->wb, *(enum wb_reason *)arg);
}

/* Asks every flusher to write all that is dirty now (without waiting). */
void wakeup_flusher_threads(enum wb_reason reason)
{
	kfs_for_each_bdi(start_all_fn, &reason);
}

void wakeup_flusher_threads_bdi(struct backing_dev_info *bdi, enum wb_reason reason)
{
	wb_start_all(&bdi->wb, reason);
}

static void kick_fn(struct backing_dev_info *bdi, void *arg)
{
	wb_kick(&bdi->wb);
}

void kfs_writeback_set_intervals(unsigned int expire_cs, unsigned int interval_cs)
{
	if (expire_cs)
		WRITE_ONCE(dirty_expire_interval, expire_cs);
	if (interval_cs)
		WRITE_ONCE(dirty_writeback_interval, interval_cs);
	/* Let the flushers re-arm their timers. */
	kfs_for_each_bdi(kick_fn, NULL);
}

/* ------------------------------------------------------- I_SYNC waiting */

/*
 * Sleeps until I_SYNC is clear.  Called and returns with i_lock held;
 * i_state is only ever read under i_lock.
 */
static void __inode_wait_for_writeback(struct inode *inode)
{
	wait_queue_head_t *wqh = bit_waitqueue(&inode->i_state, __I_SYNC);
	DEFINE_WAIT(wait);

	while (inode->i_state & I_SYNC) {
		prepare_to_wait(wqh, &wait, TASK_UNINTERRUPTIBLE);
		spin_unlock(&inode->i_lock);
		schedule();
		finish_wait(wqh, &wait);
		spin_lock(&inode->i_lock);
	}
}

void inode_wait_for_writeback(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	__inode_wait_for_writeback(inode);
	spin_unlock(&inode->i_lock);
}
EXPORT_SYMBOL(inode_wait_for_writeback);

/*
 * Waits once for the writer of an inode to finish, without touching the
 * inode afterwards (it may be freed as soon as I_SYNC goes).  Entered with
 * i_lock held, returns without it.
 */
static void inode_sleep_on_writeback(struct inode *inode)
{
	wait_queue_head_t *wqh = bit_waitqueue(&inode->i_state, __I_SYNC);
	DEFINE_WAIT(wait);
	bool sleep;

	prepare_to_wait(wqh, &wait, TASK_UNINTERRUPTIBLE);
	sleep = inode->i_state & I_SYNC;
	spin_unlock(&inode->i_lock);
	if (sleep)
		schedule();
	finish_wait(wqh, &wait);
}

/*
 * I_SYNC done: an unused inode that is clean now may be reclaimed (the
 * inode LRU), then wake the waiters.  i_lock held.
 */
static void inode_sync_complete(struct inode *inode)
{
	inode->i_state &= ~I_SYNC;
	inode_add_lru(inode);
	smp_mb();
	wake_up_bit(&inode->i_state, __I_SYNC);
}

/* ------------------------------------------------------ writing an inode */

static int write_inode(struct inode *inode, struct writeback_control *wbc)
{
	if (inode->i_sb->s_op->write_inode && !is_bad_inode(inode))
		return inode->i_sb->s_op->write_inode(inode, wbc);
	return 0;
}

/*
 * Writes an inode's pages and, if its metadata is dirty, the inode itself.
 * The caller set I_SYNC.  Dirty flags are cleared before the write, so a
 * dirtying during it is not lost.
 */
static int __writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct address_space *mapping = inode->i_mapping;
	bool time_due;
	unsigned int dirty;
	int ret;

	ret = do_writepages(mapping, wbc);

	/*
	 * A data-integrity write of one inode waits for its pages here;
	 * sync_inodes_sb waits for all of them at once afterwards.
	 */
	if (wbc->sync_mode == WB_SYNC_ALL && !wbc->for_sync) {
		int err = filemap_fdatawait(mapping);

		if (ret == 0)
			ret = err;
	}

	/* Lazytime timestamps that are due become ordinary inode dirt. */
	spin_lock(&inode->i_lock);
	time_due = (inode->i_state & I_DIRTY_TIME) &&
		   (wbc->sync_mode == WB_SYNC_ALL ||
		    time_after(jiffies, inode->dirtied_time_when +
				       dirtytime_expire_interval * HZ));
	spin_unlock(&inode->i_lock);
	if (time_due)
		mark_inode_dirty_sync(inode);

	spin_lock(&inode->i_lock);
	dirty = inode->i_state & I_DIRTY;
	inode->i_state &= ~dirty;
	/*
	 * Pairs with the barrier in __mark_inode_dirty: either we see the
	 * DIRTY tag of a folio dirtied meanwhile, or it sees I_DIRTY_PAGES
	 * clear and sets it again.
	 */
	smp_mb();
	if (mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		inode->i_state |= I_DIRTY_PAGES;
	spin_unlock(&inode->i_lock);

	/* Only I_DIRTY_PAGES: the inode itself needs no write. */
	if (dirty & ~I_DIRTY_PAGES) {
		int err = write_inode(inode, wbc);

		if (ret == 0)
			ret = err;
	}
	return ret;
}

/*
 * Writes one inode outside any pass (write_inode_now, sync_inode_metadata).
 * The caller holds a reference.  A WB_SYNC_NONE write skips an inode
 * someone else is writing; WB_SYNC_ALL waits for them first.
 */
static int writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct bdi_writeback *wb;
	int ret = 0;

	spin_lock(&inode->i_lock);
	if (!atomic_read(&inode->i_count))
		WARN_ON(!(inode->i_state & (I_WILL_FREE | I_FREEING)));
	else
		WARN_ON(inode->i_state & I_WILL_FREE);

	if (inode->i_state & I_SYNC) {
		if (wbc->sync_mode != WB_SYNC_ALL)
			goto out;
		__inode_wait_for_writeback(inode);
	}
	WARN_ON(inode->i_state & I_SYNC);
	/*
	 * Clean, and (for WB_SYNC_ALL) nothing in flight to wait for:
	 * nothing to do.
	 */
	if (!(inode->i_state & I_DIRTY_ALL) &&
	    (wbc->sync_mode != WB_SYNC_ALL ||
	     !mapping_tagged(inode->i_mapping, PAGECACHE_TAG_WRITEBACK)))
		goto out;
	inode->i_state |= I_SYNC;
	spin_unlock(&inode->i_lock);

	ret = __writeback_single_inode(inode, wbc);

	wb = inode_to_wb(inode);
	spin_lock(&wb->list_lock);
	spin_lock(&inode->i_lock);
	/* Requeue as its state says, unless a pass has queued it meanwhile. */
	if (!(inode->i_state & I_FREEING)) {
		if (!(inode->i_state & I_DIRTY_ALL))
			inode_io_list_remove_locked(inode, wb);
		else if (!(inode->i_state & I_SYNC_QUEUED)) {
			if (inode->i_state & I_DIRTY)
				redirty_tail_locked(inode, wb);
			else if (inode->i_state & I_DIRTY_TIME) {
				inode->dirtied_when = jiffies;
				inode_io_list_move_locked(inode, wb, &wb->b_dirty_time);
			}
		}
	}
	spin_unlock(&wb->list_lock);
	inode_sync_complete(inode);
out:
	spin_unlock(&inode->i_lock);
	return ret;
}

/*
 * Writes an inode and its pages now (sync: and waits for them).  The
 * caller holds a reference and no page of the inode locked.
 */
int write_inode_now(struct inode *inode, int sync)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX,
		.sync_mode = sync ? WB_SYNC_ALL : WB_SYNC_NONE,
		.range_start = 0,
		.range_end = LLONG_MAX,
	};

	if (!mapping_can_writeback(inode->i_mapping))
		wbc.nr_to_write = 0;
	might_sleep();
	return writeback_single_inode(inode, &wbc);
}
EXPORT_SYMBOL(write_inode_now);

/* Writes only the inode's metadata (->write_inode); wait: synchronously. */
int sync_inode_metadata(struct inode *inode, int wait)
{
	struct writeback_control wbc = {
		.sync_mode = wait ? WB_SYNC_ALL : WB_SYNC_NONE,
		.nr_to_write = 0,	/* metadata only */
	};

	return writeback_single_inode(inode, &wbc);
}
EXPORT_SYMBOL(sync_inode_metadata);

/* ------------------------------------------------------------ passes */

/*
 * Moves the inodes of delaying_queue dirtied no later than dirtied_before
 * (oldest first, from its tail) to dispatch_queue, marking them
 * I_SYNC_QUEUED.
 */
static int move_expired_inodes(struct list_head *delaying_queue,
			       struct list_head *dispatch_queue,
			       unsigned long dirtied_before)
{
	LIST_HEAD(tmp);
	int moved = 0;

	while (!list_empty(delaying_queue)) {
		struct inode *inode = wb_inode(delaying_queue->prev);

		if (time_after(inode->dirtied_when, dirtied_before))
			break;
		list_move(&inode->i_io_list, &tmp);
		moved++;
		spin_lock(&inode->i_lock);
		inode->i_state |= I_SYNC_QUEUED;
		spin_unlock(&inode->i_lock);
	}
	list_splice(&tmp, dispatch_queue);
	return moved;
}

/* Fills b_io for a pass: what b_more_io held, then the expired dirty inodes. */
static void queue_io(struct bdi_writeback *wb, struct wb_work *work,
		     unsigned long dirtied_before)
{
	unsigned long time_expire;

	lockdep_assert_held(&wb->list_lock);
	list_splice_init(&wb->b_more_io, &wb->b_io);
	move_expired_inodes(&wb->b_dirty, &wb->b_io, dirtied_before);
	/* Lazytime inodes go along when their timestamps are due (or for sync). */
	time_expire = work->for_sync ? jiffies :
		      jiffies - dirtytime_expire_interval * HZ;
	move_expired_inodes(&wb->b_dirty_time, &wb->b_io, time_expire);
	if (!list_empty(&wb->b_io))
		wb_io_lists_populated(wb);
	wb_io_lists_depopulated(wb);
}

/* Where an inode goes after its turn in a pass.  Both locks held. */
static void requeue_inode(struct inode *inode, struct bdi_writeback *wb,
			  struct writeback_control *wbc)
{
	if (inode->i_state & I_FREEING)
		return;

	/* Integrity passes must not see the same inode again and again. */
	if ((inode->i_state & I_DIRTY) &&
	    (wbc->sync_mode == WB_SYNC_ALL || wbc->tagged_writepages))
		inode->dirtied_when = jiffies;

	if (wbc->pages_skipped) {
		/* The fs could not write some pages now: try later. */
		if (inode->i_state & I_DIRTY_ALL)
			redirty_tail_locked(inode, wb);
		else
			inode_io_list_remove_locked(inode, wb);
		return;
	}

	if (mapping_tagged(inode->i_mapping, PAGECACHE_TAG_DIRTY)) {
		if (wbc->nr_to_write <= 0)
			requeue_io(inode, wb);		/* its slice ran out */
		else
			redirty_tail_locked(inode, wb);	/* dirtied again meanwhile */
	} else if (inode->i_state & I_DIRTY) {
		redirty_tail_locked(inode, wb);
	} else if (inode->i_state & I_DIRTY_TIME) {
		inode->dirtied_when = jiffies;
		inode_io_list_move_locked(inode, wb, &wb->b_dirty_time);
		inode->i_state &= ~I_SYNC_QUEUED;
	} else {
		inode_io_list_remove_locked(inode, wb);
	}
}

static long writeback_chunk_size(struct wb_work *work)
{
	if (work->sync_mode == WB_SYNC_ALL || work->tagged_writepages)
		return LONG_MAX;
	return max_t(long, min_t(long, work->nr_pages, MIN_WRITEBACK_PAGES), 1);
}

/* Background and periodic passes give way to a sync waiting for the wb. */
static bool pass_should_yield(struct bdi_writeback *wb, struct wb_work *work)
{
	if (READ_ONCE(wb->stopping))
		return true;
	return (work->for_background || work->for_kupdate) &&
	       atomic_read(&wb->sync_waiters);
}

/*
 * Writes the inodes of sb found on b_io (others go back to b_dirty when
 * the pass is for sb alone; otherwise the pass stops at them).  list_lock
 * held; dropped while writing.  Returns how many inodes or pages got
 * written, for progress.
 */
static long writeback_sb_inodes(struct super_block *sb, struct bdi_writeback *wb,
				struct wb_work *work)
{
	unsigned long start_time = jiffies;
	long wrote = 0;

	while (!list_empty(&wb->b_io)) {
		struct inode *inode = wb_inode(wb->b_io.prev);
		struct writeback_control wbc = {
			.sync_mode = work->sync_mode,
			.tagged_writepages = work->tagged_writepages,
			.for_kupdate = work->for_kupdate,
			.for_background = work->for_background,
			.for_sync = work->for_sync,
			.range_cyclic = work->range_cyclic,
			.range_start = 0,
			.range_end = LLONG_MAX,
		};
		long write_chunk;

		if (inode->i_sb != sb) {
			if (work->sb) {
				redirty_tail(inode, wb);
				continue;
			}
			break;	/* another sb: the caller moves on to it */
		}

		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE)) {
			redirty_tail_locked(inode, wb);
			spin_unlock(&inode->i_lock);
			continue;
		}
		if ((inode->i_state & I_SYNC) && wbc.sync_mode != WB_SYNC_ALL) {
			/* Somebody else writes it: come back later. */
			spin_unlock(&inode->i_lock);
			requeue_io(inode, wb);
			continue;
		}
		spin_unlock(&wb->list_lock);

		if (inode->i_state & I_SYNC) {
			/* Integrity: wait for the other writer, then retry it. */
			inode_sleep_on_writeback(inode);
			spin_lock(&wb->list_lock);
			continue;
		}
		inode->i_state |= I_SYNC;
		spin_unlock(&inode->i_lock);

		write_chunk = writeback_chunk_size(work);
		wbc.nr_to_write = write_chunk;
		wbc.pages_skipped = 0;

		__writeback_single_inode(inode, &wbc);

		work->nr_pages -= write_chunk - wbc.nr_to_write;
		wrote += write_chunk - wbc.nr_to_write;
		cond_resched();

		spin_lock(&wb->list_lock);
		spin_lock(&inode->i_lock);
		if (!(inode->i_state & I_DIRTY_ALL))
			wrote++;
		requeue_inode(inode, wb, &wbc);
		inode_sync_complete(inode);
		spin_unlock(&inode->i_lock);

		/* Keep turns short so other super blocks and syncs get theirs. */
		if (wrote) {
			if (time_is_before_jiffies(start_time + HZ / 10UL))
				break;
			if (work->nr_pages <= 0)
				break;
		}
		if (pass_should_yield(wb, work))
			break;
	}
	return wrote;
}

/*
 * Takes sb's s_umount for a pass that was not given it (the kernel's
 * trylock_super): never waits, refuses a super block being set up or torn
 * down.  The block-device pseudo super block is never unmounted.
 */
static bool trylock_super(struct super_block *sb)
{
	if (sb_is_blkdev_sb(sb))
		return true;
	if (down_read_trylock(&sb->s_umount)) {
		if (sb->s_root && (sb->s_flags & SB_BORN))
			return true;
		up_read(&sb->s_umount);
	}
	return false;
}

static void unlock_super(struct super_block *sb)
{
	if (!sb_is_blkdev_sb(sb))
		up_read(&sb->s_umount);
}

/* A pass over every sb on b_io.  list_lock held. */
static long writeback_inodes_wb(struct bdi_writeback *wb, struct wb_work *work)
{
	unsigned long start_time = jiffies;
	long wrote = 0;

	while (!list_empty(&wb->b_io)) {
		struct inode *inode = wb_inode(wb->b_io.prev);
		struct super_block *sb = inode->i_sb;

		if (!trylock_super(sb)) {
			/*
			 * Being mounted or unmounted: not now.  b_dirty, not
			 * b_more_io, so we do not spin on it.
			 */
			redirty_tail(inode, wb);
			continue;
		}
		wrote += writeback_sb_inodes(sb, wb, work);
		unlock_super(sb);

		if (wrote) {
			if (time_is_before_jiffies(start_time + HZ / 10UL))
				break;
			if (work->nr_pages <= 0)
				break;
		}
		if (pass_should_yield(wb, work))
			break;
	}
	return wrote;
}

/*
 * One pass: repeatedly fills b_io and writes it until the budget is spent,
 * the background threshold is met, or nothing more can be done.
 * pass_mutex held.  Returns the pages written.
 */
static long wb_writeback(struct bdi_writeback *wb, struct wb_work *work)
{
	unsigned long dirtied_before = jiffies;
	long nr_pages = work->nr_pages;
	struct blk_plug plug;

	lockdep_assert_held(&wb->pass_mutex);
	blk_start_plug(&plug);
	spin_lock(&wb->list_lock);
	for (;;) {
		long progress;

		if (work->nr_pages <= 0)
			break;
		if (pass_should_yield(wb, work))
			break;
		if (work->for_background && !wb_over_bg_thresh(wb))
			break;

		if (work->for_kupdate)
			dirtied_before = jiffies -
				msecs_to_jiffies(READ_ONCE(dirty_expire_interval) * 10);
		else if (work->for_background)
			dirtied_before = jiffies;

		if (list_empty(&wb->b_io))
			queue_io(wb, work, dirtied_before);
		if (work->sb)
			progress = writeback_sb_inodes(work->sb, wb, work);
		else
			progress = writeback_inodes_wb(wb, work);

		if (progress)
			continue;
		if (list_empty(&wb->b_more_io))
			break;
		/*
		 * Nothing written, but inodes wait in b_more_io: some writer
		 * holds them.  Wait for one, then try again.
		 */
		{
			struct inode *inode = wb_inode(wb->b_more_io.prev);

			spin_lock(&inode->i_lock);
			spin_unlock(&wb->list_lock);
			inode_sleep_on_writeback(inode);
			spin_lock(&wb->list_lock);
		}
	}
	spin_unlock(&wb->list_lock);
	blk_finish_plug(&plug);
	return nr_pages - work->nr_pages;
}

/* A pass run by a caller (sync): waits for the flusher's pass to yield. */
static void wb_run_pass(struct bdi_writeback *wb, struct wb_work *work)
{
	atomic_inc(&wb->sync_waiters);
	mutex_lock(&wb->pass_mutex);
	atomic_dec(&wb->sync_waiters);
	wb_writeback(wb, work);
	mutex_unlock(&wb->pass_mutex);
}

/* What the flusher does when woken or when its period is up. */
static void wb_do_writeback(struct bdi_writeback *wb)
{
	unsigned long interval = msecs_to_jiffies(READ_ONCE(dirty_writeback_interval) * 10);
	bool start_all, background;
	enum wb_reason reason;

	mutex_lock(&wb->pass_mutex);
	set_bit(WB_writeback_running, &wb->state);

	spin_lock(&wb->list_lock);
	start_all = test_and_clear_bit(WB_start_all, &wb->state);
	reason = wb->start_all_reason;
	background = wb->bg_requested;
	wb->bg_requested = false;
	spin_unlock(&wb->list_lock);

	if (start_all) {
		struct wb_work work = {
			.nr_pages = atomic_long_read(&kfs_nr_dirty) + MIN_WRITEBACK_PAGES,
			.sync_mode = WB_SYNC_NONE,
			.range_cyclic = 1,
			.reason = reason,
		};

		wb_writeback(wb, &work);
	}
	if (background || wb_over_bg_thresh(wb)) {
		struct wb_work work = {
			.nr_pages = LONG_MAX,
			.sync_mode = WB_SYNC_NONE,
			.for_background = 1,
			.range_cyclic = 1,
			.reason = WB_REASON_BACKGROUND,
		};

		wb_writeback(wb, &work);
	}
	if (interval && time_after_eq(jiffies, wb->last_old_flush + interval)) {
		struct wb_work work = {
			.nr_pages = LONG_MAX,
			.sync_mode = WB_SYNC_NONE,
			.for_kupdate = 1,
			.range_cyclic = 1,
			.reason = WB_REASON_PERIODIC,
		};

		wb->last_old_flush = jiffies;
		wb_writeback(wb, &work);
	}

	clear_bit(WB_writeback_running, &wb->state);
	mutex_unlock(&wb->pass_mutex);
}

static int wb_flusher_fn(void *data)
{
	struct bdi_writeback *wb = data;
	/*
	 * Requests may have come between kthread_run and now: start with a
	 * pass, then sleep until the next one.
	 */
	long seen = atomic_long_read(&wb->flush_requests) - 1;

	current_is_flusher = true;
	while (!kthread_should_stop() && !READ_ONCE(wb->stopping)) {
		unsigned long interval =
			msecs_to_jiffies(READ_ONCE(dirty_writeback_interval) * 10);
		long timeout = MAX_SCHEDULE_TIMEOUT;

		if (interval && wb_has_dirty_io(wb)) {
			long left = (long)(wb->last_old_flush + interval - jiffies);

			timeout = left > 0 ? left : 0;
		}
		if (timeout)
			wait_event_interruptible_timeout(wb->flusher_wait,
				kthread_should_stop() || READ_ONCE(wb->stopping) ||
				atomic_long_read(&wb->flush_requests) != seen,
				timeout);
		if (kthread_should_stop() || READ_ONCE(wb->stopping))
			break;
		seen = atomic_long_read(&wb->flush_requests);
		wb_do_writeback(wb);
	}
	current_is_flusher = false;
	return 0;
}

int kfs_wb_start_flusher(struct bdi_writeback *wb)
{
	struct task_struct *task;

	WRITE_ONCE(wb->stopping, false);
	wb->last_old_flush = jiffies;
	task = kthread_run(wb_flusher_fn, wb, "kfs-wb-%s", bdi_dev_name(wb->bdi));
	if (IS_ERR(task))
		return PTR_ERR(task);
	wb->flusher = task;
	return 0;
}

void kfs_wb_stop_flusher(struct bdi_writeback *wb)
{
	if (!wb->flusher)
		return;
	WRITE_ONCE(wb->stopping, true);
	wake_up(&wb->flusher_wait);
	kthread_stop(wb->flusher);
	wb->flusher = NULL;
}

/* ------------------------------------------------------ marking dirty */

/*
 * Records that an inode (I_DIRTY_SYNC/I_DIRTY_DATASYNC: its metadata;
 * I_DIRTY_PAGES: its pages; I_DIRTY_TIME: lazytime timestamps) needs
 * writing.  Metadata dirt is reported to the fs through ->dirty_inode
 * first.  The first dirtying puts the inode on its bdi's b_dirty list with
 * dirtied_when = now; an inode being written (I_SYNC_QUEUED) is requeued
 * by its writer instead.  Unhashed inodes (other than block devices) and
 * inodes being freed are not queued: nothing would write them.
 */
void __mark_inode_dirty(struct inode *inode, int flags)
{
	struct super_block *sb = inode->i_sb;
	struct bdi_writeback *wb = NULL;
	int dirtytime = 0;

	if (flags & I_DIRTY_INODE) {
		/* Timestamps dirtied lazily become part of the inode's dirt. */
		spin_lock(&inode->i_lock);
		if (inode->i_state & I_DIRTY_TIME) {
			inode->i_state &= ~I_DIRTY_TIME;
			flags |= I_DIRTY_TIME;
		}
		spin_unlock(&inode->i_lock);

		if (sb->s_op->dirty_inode)
			sb->s_op->dirty_inode(inode, flags & (I_DIRTY_INODE | I_DIRTY_TIME));
		flags &= ~I_DIRTY_TIME;
	} else {
		dirtytime = flags & I_DIRTY_TIME;
		WARN_ON_ONCE(dirtytime && flags != I_DIRTY_TIME);
	}

	/* Pairs with __writeback_single_inode's barrier (see there). */
	smp_mb();

	spin_lock(&inode->i_lock);
	if ((inode->i_state & flags) != flags) {
		const int was_dirty = inode->i_state & I_DIRTY;

		inode->i_state |= flags;

		if (!was_dirty) {
			/* Lock order is list_lock -> i_lock. */
			wb = inode_to_wb(inode);
			spin_unlock(&inode->i_lock);
			spin_lock(&wb->list_lock);
			spin_lock(&inode->i_lock);
		}

		/* Being written: the writer requeues it by its new state. */
		if (inode->i_state & I_SYNC_QUEUED)
			goto out_unlock;
		if (!S_ISBLK(inode->i_mode) && inode_unhashed(inode))
			goto out_unlock;
		if (inode->i_state & I_FREEING)
			goto out_unlock;

		if (!was_dirty) {
			struct list_head *dirty_list;
			bool wakeup;

			inode->dirtied_when = jiffies;
			if (dirtytime)
				inode->dirtied_time_when = jiffies;
			if (inode->i_state & I_DIRTY)
				dirty_list = &wb->b_dirty;
			else
				dirty_list = &wb->b_dirty_time;

			wakeup = inode_io_list_move_locked(inode, wb, dirty_list);
			spin_unlock(&wb->list_lock);
			spin_unlock(&inode->i_lock);
			/* First dirty inode: the flusher arms its periodic pass. */
			if (wakeup && (wb->bdi->capabilities & BDI_CAP_WRITEBACK) &&
			    test_bit(WB_registered, &wb->state))
				wb_kick(wb);
			return;
		}
	}
out_unlock:
	if (wb)
		spin_unlock(&wb->list_lock);
	spin_unlock(&inode->i_lock);
}
EXPORT_SYMBOL(__mark_inode_dirty);

/* ------------------------------------------------------ super blocks */

/*
 * Waits for the writeback in flight on sb's inodes (those on s_inodes_wb
 * with folios under writeback), keeping errors for fsync to report.
 */
static void wait_sb_inodes(struct super_block *sb)
{
	LIST_HEAD(sync_list);

	WARN_ON(!rwsem_is_locked(&sb->s_umount));
	mutex_lock(&sb->s_sync_lock);

	spin_lock_irq(&sb->s_inode_wblist_lock);
	list_splice_init(&sb->s_inodes_wb, &sync_list);
	while (!list_empty(&sync_list)) {
		struct inode *inode = list_first_entry(&sync_list, struct inode, i_wb_list);
		struct address_space *mapping = inode->i_mapping;

		/* Back on the sb list: writeback completion takes it off. */
		list_move_tail(&inode->i_wb_list, &sb->s_inodes_wb);
		if (!mapping_tagged(mapping, PAGECACHE_TAG_WRITEBACK))
			continue;
		spin_unlock_irq(&sb->s_inode_wblist_lock);

		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_FREEING | I_WILL_FREE | I_NEW)) {
			spin_unlock(&inode->i_lock);
			spin_lock_irq(&sb->s_inode_wblist_lock);
			continue;
		}
		__iget(inode);
		spin_unlock(&inode->i_lock);

		filemap_fdatawait_keep_errors(mapping);
		cond_resched();
		iput(inode);

		spin_lock_irq(&sb->s_inode_wblist_lock);
	}
	spin_unlock_irq(&sb->s_inode_wblist_lock);
	mutex_unlock(&sb->s_sync_lock);
}

static void writeback_sb_pass(struct super_block *sb, long nr, enum wb_reason reason,
			      bool skip_if_busy)
{
	struct backing_dev_info *bdi = sb->s_bdi;
	struct wb_work work = {
		.sb = sb,
		.sync_mode = WB_SYNC_NONE,
		.tagged_writepages = 1,
		.nr_pages = nr,
		.reason = reason,
	};

	if (!bdi_has_dirty_io(bdi) || bdi == &noop_backing_dev_info)
		return;
	WARN_ON(!rwsem_is_locked(&sb->s_umount));
	if (skip_if_busy) {
		if (!mutex_trylock(&bdi->wb.pass_mutex))
			return;
		wb_writeback(&bdi->wb, &work);
		mutex_unlock(&bdi->wb.pass_mutex);
		return;
	}
	wb_run_pass(&bdi->wb, &work);
}

/*
 * Starts writeback of sb's dirty inodes, up to nr pages, without waiting
 * for the I/O.  The caller holds s_umount.
 */
void writeback_inodes_sb_nr(struct super_block *sb, unsigned long nr, enum wb_reason reason)
{
	writeback_sb_pass(sb, nr > LONG_MAX ? LONG_MAX : (long)nr, reason, false);
}
EXPORT_SYMBOL(writeback_inodes_sb_nr);

void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason)
{
	writeback_sb_pass(sb, LONG_MAX, reason, false);
}
EXPORT_SYMBOL(writeback_inodes_sb);

/* As writeback_inodes_sb, unless sb is being unmounted or writeback is busy. */
void try_to_writeback_inodes_sb(struct super_block *sb, enum wb_reason reason)
{
	if (!down_read_trylock(&sb->s_umount))
		return;
	writeback_sb_pass(sb, LONG_MAX, reason, true);
	up_read(&sb->s_umount);
}
EXPORT_SYMBOL(try_to_writeback_inodes_sb);

/*
 * Writes every dirty inode of sb and waits for all of their I/O (the
 * data-integrity half of sync(2)).  The caller holds s_umount.
 */
void sync_inodes_sb(struct super_block *sb)
{
	struct backing_dev_info *bdi = sb->s_bdi;
	struct wb_work work = {
		.sb = sb,
		.sync_mode = WB_SYNC_ALL,
		.nr_pages = LONG_MAX,
		.range_cyclic = 0,
		.reason = WB_REASON_SYNC,
		.for_sync = 1,
	};

	/* Nothing is ever written back on the noop bdi (as in the kernel). */
	if (bdi == &noop_backing_dev_info)
		return;
	WARN_ON(!rwsem_is_locked(&sb->s_umount));
	wb_run_pass(&bdi->wb, &work);
	wait_sb_inodes(sb);
}
EXPORT_SYMBOL(sync_inodes_sb);

void kfs_writeback_sb_shutdown(struct super_block *sb)
{
	struct bdi_writeback *wb = &sb->s_bdi->wb;
	struct list_head *lists[] = { &wb->b_dirty, &wb->b_io, &wb->b_more_io,
				      &wb->b_dirty_time };
	unsigned int i;

	/* A pass in flight finishes first (it cannot be inside sb: we hold s_umount). */
	mutex_lock(&wb->pass_mutex);
	spin_lock(&wb->list_lock);
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		struct inode *inode, *next;

		list_for_each_entry_safe(inode, next, lists[i], i_io_list) {
			if (inode->i_sb != sb)
				continue;
			/*
			 * sync_filesystem() writes nothing on a read-only sb
			 * (errors=remount-ro may have made it so): its dirty
			 * inodes are dropped, as in the kernel.
			 */
			WARN_ONCE(!sb_rdonly(sb), "kfs: inode %lu of %s still dirty at unmount\n",
				  inode->i_ino, sb->s_id);
			spin_lock(&inode->i_lock);
			inode->i_state &= ~I_SYNC_QUEUED;
			list_del_init(&inode->i_io_list);
			spin_unlock(&inode->i_lock);
		}
	}
	wb_io_lists_depopulated(wb);
	spin_unlock(&wb->list_lock);
	mutex_unlock(&wb->pass_mutex);
}
