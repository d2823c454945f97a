// SPDX-License-Identifier: GPL-2.0-only
/*
 * Backing devices (the role of mm/backing-dev.c): allocation, registration
 * (which starts the bdi's flusher thread, compat/fs/fs-writeback.c) and
 * lookup of an inode's bdi.  See <linux/backing-dev.h>.
 */
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/writeback.h>

#include "internal.h"

/* Super blocks without a device; never written back by a thread. */
struct backing_dev_info noop_backing_dev_info;
EXPORT_SYMBOL_GPL(noop_backing_dev_info);

static DEFINE_SPINLOCK(bdi_lock);	/* bdi_list, bdi_id_cursor */
static LIST_HEAD(bdi_list);
static u64 bdi_id_cursor;

static void wb_init(struct bdi_writeback *wb, struct backing_dev_info *bdi)
{
	int i;

	memset(wb, 0, sizeof(*wb));
	wb->bdi = bdi;
	wb->last_old_flush = jiffies;
	INIT_LIST_HEAD(&wb->b_dirty);
	INIT_LIST_HEAD(&wb->b_io);
	INIT_LIST_HEAD(&wb->b_more_io);
	INIT_LIST_HEAD(&wb->b_dirty_time);
	spin_lock_init(&wb->list_lock);
	for (i = 0; i < NR_WB_STAT_ITEMS; i++)
		atomic_long_set(&wb->stat[i], 0);
	init_waitqueue_head(&wb->flusher_wait);
	atomic_long_set(&wb->flush_requests, 0);
	mutex_init(&wb->pass_mutex);
	atomic_set(&wb->sync_waiters, 0);
}

static void bdi_init(struct backing_dev_info *bdi)
{
	INIT_LIST_HEAD(&bdi->bdi_list);
	atomic_set(&bdi->refcnt, 1);
	bdi->min_ratio = 0;
	bdi->max_ratio = 100;
	bdi->max_prop_frac = 1000;
	init_waitqueue_head(&bdi->wb_waitq);
	wb_init(&bdi->wb, bdi);
}

static int __init noop_bdi_init(void)
{
	bdi_init(&noop_backing_dev_info);
	noop_backing_dev_info.capabilities = 0;
	noop_backing_dev_info.ra_pages = VM_READAHEAD_PAGES;
	noop_backing_dev_info.io_pages = VM_READAHEAD_PAGES;
	strscpy(noop_backing_dev_info.dev_name, "noop", sizeof(noop_backing_dev_info.dev_name));
	return 0;
}
early_initcall(noop_bdi_init);

struct backing_dev_info *bdi_alloc(int node_id)
{
	struct backing_dev_info *bdi = kzalloc(sizeof(*bdi), GFP_KERNEL);

	if (!bdi)
		return NULL;
	bdi_init(bdi);
	bdi->capabilities = BDI_CAP_WRITEBACK | BDI_CAP_WRITEBACK_ACCT;
	bdi->ra_pages = VM_READAHEAD_PAGES;
	bdi->io_pages = VM_READAHEAD_PAGES;
	return bdi;
}
EXPORT_SYMBOL(bdi_alloc);

int bdi_register_va(struct backing_dev_info *bdi, const char *fmt, va_list args)
{
	int err;

	if (test_bit(WB_registered, &bdi->wb.state))
		return 0;
	vsnprintf(bdi->dev_name, sizeof(bdi->dev_name), fmt, args);

	spin_lock(&bdi_lock);
	bdi->id = ++bdi_id_cursor;
	list_add_tail(&bdi->bdi_list, &bdi_list);
	spin_unlock(&bdi_lock);

	set_bit(WB_registered, &bdi->wb.state);
	err = kfs_wb_start_flusher(&bdi->wb);
	if (err) {
		clear_bit(WB_registered, &bdi->wb.state);
		spin_lock(&bdi_lock);
		list_del_init(&bdi->bdi_list);
		spin_unlock(&bdi_lock);
	}
	return err;
}
EXPORT_SYMBOL(bdi_register_va);

int bdi_register(struct backing_dev_info *bdi, const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = bdi_register_va(bdi, fmt, args);
	va_end(args);
	return ret;
}
EXPORT_SYMBOL(bdi_register);

/*
 * Stops the bdi's flusher (it finishes the pass it is in).  Dirty data the
 * owner did not sync stays dirty: unregistering writes nothing.
 */
void bdi_unregister(struct backing_dev_info *bdi)
{
	if (!test_and_clear_bit(WB_registered, &bdi->wb.state))
		return;
	spin_lock(&bdi_lock);
	list_del_init(&bdi->bdi_list);
	spin_unlock(&bdi_lock);
	kfs_wb_stop_flusher(&bdi->wb);
}
EXPORT_SYMBOL(bdi_unregister);

void bdi_put(struct backing_dev_info *bdi)
{
	if (bdi == &noop_backing_dev_info)
		return;
	if (atomic_dec_and_test(&bdi->refcnt)) {
		bdi_unregister(bdi);
		WARN_ON(!list_empty(&bdi->wb.b_io) || !list_empty(&bdi->wb.b_more_io));
		kfree(bdi);
	}
}
EXPORT_SYMBOL(bdi_put);

const char *bdi_dev_name(struct backing_dev_info *bdi)
{
	if (!bdi->dev_name[0])
		return "(unknown)";
	return bdi->dev_name;
}
EXPORT_SYMBOL_GPL(bdi_dev_name);

int bdi_set_min_ratio(struct backing_dev_info *bdi, unsigned int min_ratio)
{
	if (min_ratio > 100 || min_ratio > bdi->max_ratio)
		return -EINVAL;
	bdi->min_ratio = min_ratio;
	return 0;
}

int bdi_set_max_ratio(struct backing_dev_info *bdi, unsigned int max_ratio)
{
	if (max_ratio > 100 || max_ratio < bdi->min_ratio)
		return -EINVAL;
	bdi->max_ratio = max_ratio;
	return 0;
}
EXPORT_SYMBOL(bdi_set_max_ratio);

struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	struct super_block *sb;

	if (!inode)
		return &noop_backing_dev_info;
	sb = inode->i_sb;
	if (sb_is_blkdev_sb(sb))
		return I_BDEV(inode)->bd_disk->bdi;
	return sb->s_bdi;
}
EXPORT_SYMBOL(inode_to_bdi);

/* Calls fn for every registered bdi, under bdi_lock (fn must not sleep). */
void kfs_for_each_bdi(void (*fn)(struct backing_dev_info *bdi, void *arg), void *arg)
{
	struct backing_dev_info *bdi;

	spin_lock(&bdi_lock);
	list_for_each_entry(bdi, &bdi_list, bdi_list)
		fn(bdi, arg);
	spin_unlock(&bdi_lock);
}
