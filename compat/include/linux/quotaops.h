/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Quota hooks as a kernel built without CONFIG_QUOTA provides them: no
 * limits are enforced, and the space charging helpers only keep
 * i_blocks/i_bytes up to date (inode_add_bytes/inode_sub_bytes), which is
 * what filesystems rely on for st_blocks.
 */
#ifndef _LINUX_QUOTAOPS_
#define _LINUX_QUOTAOPS_

#include <linux/fs.h>
#include <linux/quota.h>

#define DQUOT_SPACE_WARN	0x1
#define DQUOT_SPACE_RESERVE	0x2	/* reservation only: do not touch i_blocks */
#define DQUOT_SPACE_NOFAIL	0x4

static inline struct quota_info *sb_dqopt(struct super_block *sb)
{
	return &sb->s_dquot;
}

/* Does this setattr change what quota accounts for?  Caller holds i_rwsem. */
static inline bool is_quota_modification(struct user_namespace *mnt_userns,
					 struct inode *inode, struct iattr *ia)
{
	return (ia->ia_valid & ATTR_SIZE) || i_uid_needs_update(mnt_userns, ia, inode) ||
	       i_gid_needs_update(mnt_userns, ia, inode);
}

#define quota_error(sb, fmt, args...)	do { } while (0)

static inline int sb_has_quota_usage_enabled(struct super_block *sb, int type) { return 0; }
static inline int sb_has_quota_limits_enabled(struct super_block *sb, int type) { return 0; }
static inline int sb_has_quota_suspended(struct super_block *sb, int type) { return 0; }
static inline int sb_any_quota_suspended(struct super_block *sb) { return 0; }
static inline int sb_has_quota_loaded(struct super_block *sb, int type) { return 0; }
static inline int sb_any_quota_loaded(struct super_block *sb) { return 0; }
static inline int sb_has_quota_active(struct super_block *sb, int type) { return 0; }

static inline int dquot_initialize(struct inode *inode) { return 0; }
static inline bool dquot_initialize_needed(struct inode *inode) { return false; }
static inline void dquot_drop(struct inode *inode) { }
static inline int dquot_alloc_inode(struct inode *inode) { return 0; }
static inline void dquot_free_inode(struct inode *inode) { }

static inline int dquot_transfer(struct user_namespace *mnt_userns, struct inode *inode,
				 struct iattr *iattr)
{
	return 0;
}

static inline int __dquot_alloc_space(struct inode *inode, qsize_t number, int flags)
{
	if (!(flags & DQUOT_SPACE_RESERVE))
		inode_add_bytes(inode, number);
	return 0;
}

static inline void __dquot_free_space(struct inode *inode, qsize_t number, int flags)
{
	if (!(flags & DQUOT_SPACE_RESERVE))
		inode_sub_bytes(inode, number);
}

static inline int dquot_claim_space_nodirty(struct inode *inode, qsize_t number)
{
	inode_add_bytes(inode, number);
	return 0;
}

static inline int dquot_reclaim_space_nodirty(struct inode *inode, qsize_t number)
{
	inode_sub_bytes(inode, number);
	return 0;
}

static inline int dquot_disable(struct super_block *sb, int type, unsigned int flags) { return 0; }
static inline int dquot_suspend(struct super_block *sb, int type) { return 0; }
static inline int dquot_resume(struct super_block *sb, int type) { return 0; }
static inline int dquot_writeback_dquots(struct super_block *sb, int type) { return 0; }
#define dquot_file_open generic_file_open

/* The block/space helpers built on the two primitives above. */
static inline int dquot_alloc_space_nodirty(struct inode *inode, qsize_t nr)
{
	return __dquot_alloc_space(inode, nr, DQUOT_SPACE_WARN);
}

static inline void dquot_alloc_space_nofail(struct inode *inode, qsize_t nr)
{
	__dquot_alloc_space(inode, nr, DQUOT_SPACE_WARN | DQUOT_SPACE_NOFAIL);
	mark_inode_dirty_sync(inode);
}

static inline int dquot_alloc_space(struct inode *inode, qsize_t nr)
{
	int ret = dquot_alloc_space_nodirty(inode, nr);

	if (!ret)
		mark_inode_dirty(inode);
	return ret;
}

static inline int dquot_alloc_block_nodirty(struct inode *inode, qsize_t nr)
{
	return dquot_alloc_space_nodirty(inode, nr << inode->i_blkbits);
}

static inline void dquot_alloc_block_nofail(struct inode *inode, qsize_t nr)
{
	dquot_alloc_space_nofail(inode, nr << inode->i_blkbits);
}

static inline int dquot_alloc_block(struct inode *inode, qsize_t nr)
{
	return dquot_alloc_space(inode, nr << inode->i_blkbits);
}

static inline int dquot_prealloc_block_nodirty(struct inode *inode, qsize_t nr)
{
	return __dquot_alloc_space(inode, nr << inode->i_blkbits, 0);
}

static inline int dquot_prealloc_block(struct inode *inode, qsize_t nr)
{
	int ret = dquot_prealloc_block_nodirty(inode, nr);

	if (!ret)
		mark_inode_dirty_sync(inode);
	return ret;
}

static inline int dquot_reserve_block(struct inode *inode, qsize_t nr)
{
	return __dquot_alloc_space(inode, nr << inode->i_blkbits,
				   DQUOT_SPACE_WARN | DQUOT_SPACE_RESERVE);
}

static inline int dquot_claim_block(struct inode *inode, qsize_t nr)
{
	int ret = dquot_claim_space_nodirty(inode, nr << inode->i_blkbits);

	if (!ret)
		mark_inode_dirty_sync(inode);
	return ret;
}

static inline void dquot_reclaim_block(struct inode *inode, qsize_t nr)
{
	dquot_reclaim_space_nodirty(inode, nr << inode->i_blkbits);
	mark_inode_dirty_sync(inode);
}

static inline void dquot_free_space_nodirty(struct inode *inode, qsize_t nr)
{
	__dquot_free_space(inode, nr, 0);
}

static inline void dquot_free_space(struct inode *inode, qsize_t nr)
{
	dquot_free_space_nodirty(inode, nr);
	mark_inode_dirty_sync(inode);
}

static inline void dquot_free_block_nodirty(struct inode *inode, qsize_t nr)
{
	dquot_free_space_nodirty(inode, nr << inode->i_blkbits);
}

static inline void dquot_free_block(struct inode *inode, qsize_t nr)
{
	dquot_free_space(inode, nr << inode->i_blkbits);
}

static inline void dquot_release_reservation_block(struct inode *inode, qsize_t nr)
{
	__dquot_free_space(inode, nr << inode->i_blkbits, DQUOT_SPACE_RESERVE);
}

#endif /* _LINUX_QUOTAOPS_ */
