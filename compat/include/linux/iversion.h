/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The inode change attribute (i_version).  Filesystems bump it on every
 * change that a cache (NFS, a directory iterator's f_version) must notice.
 * The counter lives in the upper 63 bits of inode->i_version; bit 0 says
 * whether anyone has read the value since the last increment, so an
 * increment can be skipped when nobody is looking
 * (inode_maybe_inc_iversion with force == false).
 */
#ifndef _LINUX_IVERSION_H
#define _LINUX_IVERSION_H

#include <linux/fs.h>

#define I_VERSION_QUERIED_SHIFT	1
#define I_VERSION_QUERIED	(1ULL << (I_VERSION_QUERIED_SHIFT - 1))
#define I_VERSION_INCREMENT	(1ULL << I_VERSION_QUERIED_SHIFT)

static inline void inode_set_iversion_raw(struct inode *inode, u64 val)
{
	atomic64_set(&inode->i_version, val);
}

static inline u64 inode_peek_iversion_raw(const struct inode *inode)
{
	return atomic64_read(&inode->i_version);
}

/* Raise the raw value to val if it is below (used by some fs on load). */
static inline void inode_set_max_iversion_raw(struct inode *inode, u64 val)
{
	u64 cur = inode_peek_iversion_raw(inode);

	while (cur < val) {
		u64 old = atomic64_cmpxchg(&inode->i_version, cur, val);

		if (old == cur)
			break;
		cur = old;
	}
}

static inline void inode_set_iversion(struct inode *inode, u64 val)
{
	inode_set_iversion_raw(inode, val << I_VERSION_QUERIED_SHIFT);
}

/* As above, but marked queried so the next change always bumps it. */
static inline void inode_set_iversion_queried(struct inode *inode, u64 val)
{
	inode_set_iversion_raw(inode, (val << I_VERSION_QUERIED_SHIFT) | I_VERSION_QUERIED);
}

/*
 * Increment if forced or if the value was queried since the last
 * increment; returns whether it was incremented.
 */
static inline bool inode_maybe_inc_iversion(struct inode *inode, bool force)
{
	u64 cur = atomic64_read(&inode->i_version);

	for (;;) {
		u64 old, new;

		if (!force && !(cur & I_VERSION_QUERIED))
			return false;
		new = (cur & ~I_VERSION_QUERIED) + I_VERSION_INCREMENT;
		old = atomic64_cmpxchg(&inode->i_version, cur, new);
		if (old == cur)
			return true;
		cur = old;
	}
}

static inline void inode_inc_iversion(struct inode *inode)
{
	inode_maybe_inc_iversion(inode, true);
}

static inline bool inode_iversion_need_inc(struct inode *inode)
{
	return inode_peek_iversion_raw(inode) & I_VERSION_QUERIED;
}

static inline void inode_inc_iversion_raw(struct inode *inode)
{
	atomic64_add(1, &inode->i_version);
}

static inline u64 inode_peek_iversion(const struct inode *inode)
{
	return inode_peek_iversion_raw(inode) >> I_VERSION_QUERIED_SHIFT;
}

/* Read the value for a cache: mark it queried so the next change bumps it. */
static inline u64 inode_query_iversion(struct inode *inode)
{
	u64 cur = atomic64_read(&inode->i_version);

	while (!(cur & I_VERSION_QUERIED)) {
		u64 old = atomic64_cmpxchg(&inode->i_version, cur, cur | I_VERSION_QUERIED);

		if (old == cur)
			break;
		cur = old;
	}
	return cur >> I_VERSION_QUERIED_SHIFT;
}

static inline bool inode_eq_iversion_raw(const struct inode *inode, u64 old)
{
	return inode_peek_iversion_raw(inode) == old;
}

static inline bool inode_eq_iversion(const struct inode *inode, u64 old)
{
	return inode_peek_iversion(inode) == old;
}

#endif /* _LINUX_IVERSION_H */
