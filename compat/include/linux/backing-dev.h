/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Backing devices: who writes an inode's dirty pages, and how far to read
 * ahead.  See <linux/backing-dev-defs.h> for the model; implemented in
 * compat/mm/backing-dev.c.
 *
 * Lifetime, as in the kernel: bdi_alloc() gives a bdi with one reference;
 * bdi_register() names it and starts its flusher; bdi_unregister() stops
 * the flusher (the owner has synced the device by then); bdi_put() frees
 * it with the last reference.  noop_backing_dev_info is the bdi of super
 * blocks without a device: it has no flusher and accounts nothing.
 */
#ifndef _LINUX_BACKING_DEV_H
#define _LINUX_BACKING_DEV_H

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/writeback.h>
#include <linux/backing-dev-defs.h>
#include <linux/slab.h>
#include <linux/stdarg.h>

extern struct backing_dev_info noop_backing_dev_info;

struct backing_dev_info *bdi_alloc(int node_id);
__printf(2, 3) int bdi_register(struct backing_dev_info *bdi, const char *fmt, ...);
__printf(2, 0) int bdi_register_va(struct backing_dev_info *bdi, const char *fmt,
				   va_list args);
void bdi_unregister(struct backing_dev_info *bdi);
void bdi_put(struct backing_dev_info *bdi);
const char *bdi_dev_name(struct backing_dev_info *bdi);
int bdi_set_min_ratio(struct backing_dev_info *bdi, unsigned int min_ratio);
int bdi_set_max_ratio(struct backing_dev_info *bdi, unsigned int max_ratio);

static inline struct backing_dev_info *bdi_get(struct backing_dev_info *bdi)
{
	atomic_inc(&bdi->refcnt);
	return bdi;
}

/*
 * The bdi of an inode: its device's for a block-device inode, else its
 * super block's (sb->s_bdi, the device's bdi for a block-device-backed
 * super block, noop_backing_dev_info otherwise).
 */
struct backing_dev_info *inode_to_bdi(struct inode *inode);

static inline struct bdi_writeback *inode_to_wb(const struct inode *inode)
{
	return &inode_to_bdi((struct inode *)inode)->wb;
}

static inline struct bdi_writeback *inode_to_wb_wbc(struct inode *inode,
						    struct writeback_control *wbc)
{
	return inode_to_wb(inode);
}

/* Whether pages of this mapping are ever written back (dirtying is tracked). */
static inline bool mapping_can_writeback(struct address_space *mapping)
{
	return inode_to_bdi(mapping->host)->capabilities & BDI_CAP_WRITEBACK;
}

static inline bool wb_has_dirty_io(struct bdi_writeback *wb)
{
	return test_bit(WB_has_dirty_io, &wb->state);
}

static inline bool bdi_has_dirty_io(struct backing_dev_info *bdi)
{
	return wb_has_dirty_io(&bdi->wb);
}

static inline bool writeback_in_progress(struct bdi_writeback *wb)
{
	return test_bit(WB_writeback_running, &wb->state);
}

static inline long wb_stat(struct bdi_writeback *wb, enum wb_stat_item item)
{
	return atomic_long_read(&wb->stat[item]);
}

static inline void inc_wb_stat(struct bdi_writeback *wb, enum wb_stat_item item)
{
	atomic_long_inc(&wb->stat[item]);
}

static inline void dec_wb_stat(struct bdi_writeback *wb, enum wb_stat_item item)
{
	atomic_long_dec(&wb->stat[item]);
}

/* One wb per bdi: the cgroup writeback helpers collapse to the bdi's wb. */
static inline bool inode_cgwb_enabled(struct inode *inode)
{
	return false;
}

static inline struct bdi_writeback *wb_get(struct bdi_writeback *wb)
{
	return wb;
}

static inline void wb_put(struct bdi_writeback *wb)
{
}

struct wb_lock_cookie {
	bool locked;
	unsigned long flags;
};

static inline struct bdi_writeback *
unlocked_inode_to_wb_begin(struct inode *inode, struct wb_lock_cookie *cookie)
{
	return inode_to_wb(inode);
}

static inline void unlocked_inode_to_wb_end(struct inode *inode,
					    struct wb_lock_cookie *cookie)
{
}

#endif /* _LINUX_BACKING_DEV_H */
