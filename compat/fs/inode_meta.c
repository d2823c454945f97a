// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inode metadata the VFS maintains for filesystems: ownership of new
 * inodes, timestamps (what "now" is for a filesystem, atime policy, the
 * times a write updates), the stripping of setuid/setgid before a write,
 * byte counts (i_blocks/i_bytes) and i_flags updates.  In the kernel these
 * live in fs/inode.c and fs/stat.c.
 */
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/iversion.h>
#include <linux/timekeeping.h>
#include <linux/wait_bit.h>
#include <linux/sched.h>
#include <kfs/vfs_internal.h>

/* ------------------------------------------------------------- ownership */

/*
 * Owner of a new inode: the caller's fsuid, and its fsgid -- unless the
 * parent directory is setgid (BSD group semantics): then the directory's
 * group, and a new subdirectory is setgid itself.
 */
void inode_init_owner(struct user_namespace *mnt_userns, struct inode *inode,
		      const struct inode *dir, umode_t mode)
{
	bool bsd_groups = dir && (dir->i_mode & S_ISGID);

	inode_fsuid_set(inode, mnt_userns);
	if (!bsd_groups) {
		inode_fsgid_set(inode, mnt_userns);
	} else {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	inode->i_mode = mode;
}
EXPORT_SYMBOL(inode_init_owner);

/* The owner of the inode, or a caller with CAP_FOWNER over it. */
bool inode_owner_or_capable(struct user_namespace *mnt_userns, const struct inode *inode)
{
	return vfsuid_eq_kuid(i_uid_into_vfsuid(mnt_userns, inode), current_fsuid()) ||
	       capable_wrt_inode_uidgid(mnt_userns, inode, CAP_FOWNER);
}
EXPORT_SYMBOL(inode_owner_or_capable);

/*
 * A new non-directory in a setgid directory keeps S_ISGID only if the
 * creator is in the directory's group (or has CAP_FSETID).  A setgid bit
 * without group execute (the mandatory-locking marker) is left alone.
 */
umode_t mode_strip_sgid(struct user_namespace *mnt_userns, const struct inode *dir,
			umode_t mode)
{
	bool exec_sgid = (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);

	if (!exec_sgid || S_ISDIR(mode) || !dir || !(dir->i_mode & S_ISGID))
		return mode;
	if (in_group_or_capable(mnt_userns, dir, i_gid_into_vfsgid(mnt_userns, dir)))
		return mode;
	return mode & ~S_ISGID;
}
EXPORT_SYMBOL(mode_strip_sgid);

/* ------------------------------------------------------------ timestamps */

/*
 * A time as the filesystem can store it: clamped to [s_time_min,
 * s_time_max] (a clamped time has no nanoseconds) and rounded down to a
 * multiple of s_time_gran nanoseconds.
 */
struct timespec64 timestamp_truncate(struct timespec64 t, struct inode *inode)
{
	const struct super_block *sb = inode->i_sb;
	u32 step = sb->s_time_gran;

	if (t.tv_sec <= sb->s_time_min || t.tv_sec >= sb->s_time_max) {
		t.tv_sec = clamp(t.tv_sec, sb->s_time_min, sb->s_time_max);
		t.tv_nsec = 0;
	}
	switch (step) {
	case 1:
		break;
	case NSEC_PER_SEC:
		t.tv_nsec = 0;
		break;
	default:
		if (step > 1 && step < NSEC_PER_SEC)
			t.tv_nsec = rounddown(t.tv_nsec, step);
		else
			WARN(1, "invalid file time granularity: %u", step);
	}
	return t;
}
EXPORT_SYMBOL(timestamp_truncate);

/* "Now" for inode's filesystem (the coarse clock, as the kernel uses). */
struct timespec64 current_time(struct inode *inode)
{
	struct timespec64 now;

	ktime_get_coarse_real_ts64(&now);
	return timestamp_truncate(now, inode);
}
EXPORT_SYMBOL(current_time);

struct timespec64 inode_set_ctime_current(struct inode *inode)
{
	return inode_set_ctime_to_ts(inode, current_time(inode));
}
EXPORT_SYMBOL(inode_set_ctime_current);

/*
 * The default ->update_time: store the times named in which (S_ATIME,
 * S_MTIME, S_CTIME), bump i_version if somebody looked at it (S_VERSION)
 * and dirty the inode: lazily (I_DIRTY_TIME) when the filesystem was
 * mounted lazytime and only times changed.
 */
int generic_update_time(struct inode *inode, struct timespec64 *time, int which)
{
	int dirt = 0;

	if (which & S_ATIME)
		inode->i_atime = *time;
	if (which & S_MTIME)
		inode->i_mtime = *time;
	if (which & S_CTIME)
		inode->i_ctime = *time;
	if (which & (S_ATIME | S_MTIME | S_CTIME))
		dirt = (inode->i_sb->s_flags & SB_LAZYTIME) ? I_DIRTY_TIME : I_DIRTY_SYNC;

	if ((which & S_VERSION) && inode_maybe_inc_iversion(inode, false))
		dirt |= I_DIRTY_SYNC;

	__mark_inode_dirty(inode, dirt);
	return 0;
}
EXPORT_SYMBOL(generic_update_time);

int inode_update_time(struct inode *inode, struct timespec64 *time, int which)
{
	int (*update)(struct inode *, struct timespec64 *, int) = inode->i_op->update_time;

	return (update ?: generic_update_time)(inode, time, which);
}
EXPORT_SYMBOL(inode_update_time);

/*
 * relatime (the default of mount(8)): atime moves only when it is not
 * newer than mtime or ctime, or is a day old.
 */
static bool relatime_wants_update(const struct inode *inode, const struct timespec64 *now)
{
	return timespec64_compare(&inode->i_atime, &inode->i_mtime) <= 0 ||
	       timespec64_compare(&inode->i_atime, &inode->i_ctime) <= 0 ||
	       now->tv_sec - inode->i_atime.tv_sec >= 24 * 60 * 60;
}

/* Should reading inode through path move its atime? */
bool atime_needs_update(const struct path *path, struct inode *inode)
{
	struct vfsmount *mnt = path->mnt;
	int mflags = mnt ? mnt->mnt_flags : MNT_RELATIME;
	bool dir = S_ISDIR(inode->i_mode);
	struct timespec64 now;

	if ((inode->i_flags & S_NOATIME) || IS_NOATIME(inode))
		return false;
	if (HAS_UNMAPPED_ID(mnt ? mnt_user_ns(mnt) : &init_user_ns, inode))
		return false;
	if (dir && ((inode->i_sb->s_flags & SB_NODIRATIME) || (mflags & MNT_NODIRATIME)))
		return false;
	if (mflags & MNT_NOATIME)
		return false;

	now = current_time(inode);
	if ((mflags & MNT_RELATIME) && !relatime_wants_update(inode, &now))
		return false;
	return !timespec64_equal(&inode->i_atime, &now);
}

void touch_atime(const struct path *path)
{
	struct inode *inode = d_inode(path->dentry);
	struct timespec64 now;

	if (!atime_needs_update(path, inode) || __mnt_is_readonly(path->mnt))
		return;
	now = current_time(inode);
	inode_update_time(inode, &now, S_ATIME);
}
EXPORT_SYMBOL(touch_atime);

/* --------------------------------------------------- before a file write */

/*
 * Strip setuid/setgid (and security capabilities, of which kfs has none)
 * before a write or truncate changes a file: through notify_change with
 * ATTR_FORCE, since the writer need not own it.  A NOWAIT writer gets
 * -EAGAIN when that would have to happen.
 */
static int strip_privs(struct file *file, bool nowait)
{
	struct inode *inode = file_inode(file);
	struct iattr strip;
	int kill, err = 0;

	if (!S_ISREG(inode->i_mode) || IS_NOSEC(inode))
		return 0;
	kill = setattr_should_drop_suidgid(file_mnt_user_ns(file), inode);
	if (kill) {
		if (nowait)
			return -EAGAIN;
		strip.ia_valid = kill | ATTR_FORCE;
		err = notify_change(file_mnt_user_ns(file), file_dentry(file), &strip, NULL);
	}
	if (!err)
		inode_has_no_xattr(inode);
	return err;
}

int file_remove_privs(struct file *file)
{
	return strip_privs(file, false);
}
EXPORT_SYMBOL(file_remove_privs);

/* S_MTIME/S_CTIME/S_VERSION: what a data change must update at "now". */
static int times_out_of_date(struct inode *inode, const struct timespec64 *now)
{
	int which = 0;

	if (IS_NOCMTIME(inode))
		return 0;
	if (!timespec64_equal(now, &inode->i_mtime))
		which |= S_MTIME;
	if (!timespec64_equal(now, &inode->i_ctime))
		which |= S_CTIME;
	if (IS_I_VERSION(inode) && inode_iversion_need_inc(inode))
		which |= S_VERSION;
	return which;
}

/* Set the out-of-date times, unless the mount is read-only. */
static int update_times_now(struct file *file, bool nowait)
{
	struct inode *inode = file_inode(file);
	struct timespec64 now = current_time(inode);
	int which = times_out_of_date(inode, &now);

	if (!which)
		return 0;
	if (nowait)
		return -EAGAIN;
	if (__mnt_is_readonly(file->f_path.mnt))
		return 0;
	return inode_update_time(inode, &now, which);
}

int file_update_time(struct file *file)
{
	return update_times_now(file, false);
}
EXPORT_SYMBOL(file_update_time);

/* Before a write (i_rwsem held): strip privileges, then the times. */
static int modified(struct file *file, bool nowait)
{
	int err = strip_privs(file, nowait);

	if (err || (file->f_mode & FMODE_NOCMTIME))
		return err;
	return update_times_now(file, nowait);
}

int file_modified(struct file *file)
{
	return modified(file, false);
}
EXPORT_SYMBOL(file_modified);

int kiocb_modified(struct kiocb *iocb)
{
	return modified(iocb->ki_filp, iocb->ki_flags & IOCB_NOWAIT);
}
EXPORT_SYMBOL_GPL(kiocb_modified);

/* Must writes to this inode be stable before they return? */
int inode_needs_sync(struct inode *inode)
{
	return IS_SYNC(inode) || (S_ISDIR(inode->i_mode) && IS_DIRSYNC(inode));
}
EXPORT_SYMBOL(inode_needs_sync);

/* ----------------------------------------------------------- direct I/O */

/* Sleep until no direct I/O is in flight on the inode (before truncating). */
void inode_dio_wait(struct inode *inode)
{
	wait_queue_head_t *q = bit_waitqueue(&inode->i_state, __I_DIO_WAKEUP);
	DEFINE_WAIT_BIT(w, &inode->i_state, __I_DIO_WAKEUP);

	while (atomic_read(&inode->i_dio_count)) {
		prepare_to_wait(q, &w.wq_entry, TASK_UNINTERRUPTIBLE);
		if (atomic_read(&inode->i_dio_count))
			schedule();
		finish_wait(q, &w.wq_entry);
	}
}
EXPORT_SYMBOL(inode_dio_wait);

/* ------------------------------------------------------------- i_flags */

/* Replace the bits of mask in i_flags by flags, safely against readers. */
void inode_set_flags(struct inode *inode, unsigned int flags, unsigned int mask)
{
	unsigned int seen = READ_ONCE(inode->i_flags);

	WARN_ON_ONCE(flags & ~mask);
	while (!__atomic_compare_exchange_n(&inode->i_flags, &seen, (seen & ~mask) | flags,
					    false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}
EXPORT_SYMBOL(inode_set_flags);

/* --------------------------------------------------------- byte counts */

/*
 * Space used is kept as 512-byte blocks (i_blocks, for st_blocks) plus a
 * remainder below 512 (i_bytes).  The double-underscore forms need
 * i_lock held.
 */
static void bytes_adjust(struct inode *inode, loff_t delta)
{
	loff_t total = ((loff_t)inode->i_blocks << 9) + inode->i_bytes + delta;

	inode->i_blocks = total >> 9;
	inode->i_bytes = total & 511;
}

void __inode_add_bytes(struct inode *inode, loff_t bytes)
{
	bytes_adjust(inode, bytes);
}
EXPORT_SYMBOL(__inode_add_bytes);

void __inode_sub_bytes(struct inode *inode, loff_t bytes)
{
	bytes_adjust(inode, -bytes);
}
EXPORT_SYMBOL(__inode_sub_bytes);

void inode_add_bytes(struct inode *inode, loff_t bytes)
{
	spin_lock(&inode->i_lock);
	bytes_adjust(inode, bytes);
	spin_unlock(&inode->i_lock);
}
EXPORT_SYMBOL(inode_add_bytes);

void inode_sub_bytes(struct inode *inode, loff_t bytes)
{
	spin_lock(&inode->i_lock);
	bytes_adjust(inode, -bytes);
	spin_unlock(&inode->i_lock);
}
EXPORT_SYMBOL(inode_sub_bytes);

loff_t inode_get_bytes(struct inode *inode)
{
	loff_t total;

	spin_lock(&inode->i_lock);
	total = __inode_get_bytes(inode);
	spin_unlock(&inode->i_lock);
	return total;
}
EXPORT_SYMBOL(inode_get_bytes);

void inode_set_bytes(struct inode *inode, loff_t bytes)
{
	inode->i_bytes = bytes & 511;
	inode->i_blocks = bytes >> 9;
}
EXPORT_SYMBOL(inode_set_bytes);
