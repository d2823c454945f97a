// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changing attributes: the role of the kernel's fs/attr.c.
 *
 * notify_change() is what the VFS calls for chmod, chown, utimes and
 * truncate, with the inode's i_rwsem held (locking.rst: setattr is
 * exclusive).  It settles the times and the setuid/setgid stripping, then
 * calls ->setattr; filesystems check the request with setattr_prepare()
 * and apply it with setattr_copy() (vfs.rst, setattr).
 *
 * The rules, from chmod(2), chown(2), utimensat(2) and truncate(2):
 *  - only the owner (or CAP_FOWNER) changes the mode or sets explicit
 *    times; anyone allowed to write may set the times to "now";
 *  - only CAP_CHOWN changes the owner; the owner may give the file any
 *    group it is a member of;
 *  - a file keeps S_ISGID only if its group is one of the caller's (or
 *    the caller has CAP_FSETID);
 *  - immutable and append-only files keep mode, owner and times.
 */
#include <linux/fs.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fsnotify.h>
#include <linux/security.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <kfs/vfs_internal.h>

bool in_group_or_capable(struct user_namespace *mnt_userns, const struct inode *inode,
			 vfsgid_t vfsgid)
{
	return in_group_p(vfsgid_into_kgid(vfsgid)) ||
	       capable_wrt_inode_uidgid(mnt_userns, inode, CAP_FSETID);
}

/* Is the caller the owner of inode? */
static bool caller_owns(struct user_namespace *mnt_userns, const struct inode *inode)
{
	return vfsuid_eq_kuid(i_uid_into_vfsuid(mnt_userns, inode), current_fsuid());
}

/*
 * Must a change to the file drop S_ISGID?  A group-executable setgid file
 * always loses it; otherwise (setgid without group exec marks mandatory
 * locking) only when the caller could not have set it.
 */
int setattr_should_drop_sgid(struct user_namespace *mnt_userns, const struct inode *inode)
{
	umode_t mode = inode->i_mode;
	bool keep;

	if (!(mode & S_ISGID))
		return 0;
	keep = !(mode & S_IXGRP) &&
	       in_group_or_capable(mnt_userns, inode, i_gid_into_vfsgid(mnt_userns, inode));
	return keep ? 0 : ATTR_KILL_SGID;
}
EXPORT_SYMBOL(setattr_should_drop_sgid);

/*
 * The ATTR_KILL_* a write or truncate by the caller must apply: only for
 * regular files, and not for callers with CAP_FSETID.
 */
int setattr_should_drop_suidgid(struct user_namespace *mnt_userns, struct inode *inode)
{
	int kill = setattr_should_drop_sgid(mnt_userns, inode);

	if (inode->i_mode & S_ISUID)
		kill |= ATTR_KILL_SUID;
	if (!kill || !S_ISREG(inode->i_mode) || capable(CAP_FSETID))
		return 0;
	return kill;
}
EXPORT_SYMBOL(setattr_should_drop_suidgid);

/*
 * A new owner: the owner may "change" it to itself, CAP_CHOWN anything;
 * a file whose owner has no mapping may be claimed with CAP_CHOWN.
 */
static bool may_chown(struct user_namespace *mnt_userns, const struct inode *inode,
		      vfsuid_t want)
{
	vfsuid_t now = i_uid_into_vfsuid(mnt_userns, inode);

	if (caller_owns(mnt_userns, inode) && vfsuid_eq(want, now))
		return true;
	if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_CHOWN))
		return true;
	return !vfsuid_valid(now) && capable(CAP_CHOWN);
}

/* A new group: the owner may pick its current group or one of its own. */
static bool may_chgrp(struct user_namespace *mnt_userns, const struct inode *inode,
		      vfsgid_t want)
{
	vfsgid_t now = i_gid_into_vfsgid(mnt_userns, inode);

	if (caller_owns(mnt_userns, inode) &&
	    (vfsgid_eq(want, now) || in_group_p(vfsgid_into_kgid(want))))
		return true;
	if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_CHOWN))
		return true;
	return !vfsgid_valid(now) && capable(CAP_CHOWN);
}

/*
 * ->setattr calls this first: may the caller make the change in attr?
 * (ATTR_FORCE: the VFS itself strips privileges; no ownership checks.)  A
 * mode change by a caller outside the resulting group quietly loses
 * S_ISGID.  Size changes are checked against the limits.
 */
int setattr_prepare(struct user_namespace *mnt_userns, struct dentry *dentry,
		    struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	unsigned int what = attr->ia_valid;
	int err = 0;

	if (what & ATTR_SIZE) {
		err = inode_newsize_ok(inode, attr->ia_size);
		if (err)
			return err;
	}

	if (!(what & ATTR_FORCE)) {
		bool owner_ok = inode_owner_or_capable(mnt_userns, inode);

		if ((what & ATTR_UID) && !may_chown(mnt_userns, inode, attr->ia_vfsuid))
			return -EPERM;
		if ((what & ATTR_GID) && !may_chgrp(mnt_userns, inode, attr->ia_vfsgid))
			return -EPERM;
		if ((what & (ATTR_MODE | ATTR_MTIME_SET | ATTR_ATIME_SET | ATTR_TIMES_SET)) &&
		    !owner_ok)
			return -EPERM;
		if (what & ATTR_MODE) {
			vfsgid_t group = (what & ATTR_GID) ? attr->ia_vfsgid
							   : i_gid_into_vfsgid(mnt_userns, inode);

			if (!in_group_or_capable(mnt_userns, inode, group))
				attr->ia_mode &= ~S_ISGID;
		}
	}

	if (what & ATTR_KILL_PRIV)
		err = security_inode_killpriv(mnt_userns, dentry);
	return err;
}
EXPORT_SYMBOL(setattr_prepare);

/*
 * May the file become offset bytes long?  Growing is limited by the
 * caller's RLIMIT_FSIZE and s_maxbytes (EFBIG; there is no SIGXFSZ to
 * send: the caller is not a process of ours); a swapfile never shrinks.
 */
int inode_newsize_ok(const struct inode *inode, loff_t offset)
{
	unsigned long rlim;

	if (offset < 0)
		return -EINVAL;
	if (offset <= inode->i_size)
		return IS_SWAPFILE(inode) ? -ETXTBSY : 0;

	rlim = rlimit(RLIMIT_FSIZE);
	if ((rlim != RLIM_INFINITY && offset > (loff_t)rlim) ||
	    offset > inode->i_sb->s_maxbytes)
		return -EFBIG;
	return 0;
}
EXPORT_SYMBOL(inode_newsize_ok);

/*
 * Apply a checked change to the in-core inode (everything but the size,
 * which the filesystem truncates itself); the caller marks it dirty.
 */
void setattr_copy(struct user_namespace *mnt_userns, struct inode *inode,
		  const struct iattr *attr)
{
	unsigned int what = attr->ia_valid;

	i_uid_update(mnt_userns, attr, inode);
	i_gid_update(mnt_userns, attr, inode);
	if (what & ATTR_MODE) {
		bool keep_sgid = in_group_or_capable(mnt_userns, inode,
						     i_gid_into_vfsgid(mnt_userns, inode));

		inode->i_mode = keep_sgid ? attr->ia_mode : (attr->ia_mode & ~S_ISGID);
	}
	if (what & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (what & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (what & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
}
EXPORT_SYMBOL(setattr_copy);

/*
 * Immutable and append-only inodes keep their mode, owner and explicit
 * times; "touching" (times set to now) needs write access unless owner.
 */
int may_setattr(struct user_namespace *mnt_userns, struct inode *inode, unsigned int ia_valid)
{
	bool frozen = IS_IMMUTABLE(inode) || IS_APPEND(inode);

	if ((ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_TIMES_SET)) && frozen)
		return -EPERM;
	if (!(ia_valid & ATTR_TOUCH))
		return 0;
	if (IS_IMMUTABLE(inode))
		return -EPERM;
	if (inode_owner_or_capable(mnt_userns, inode))
		return 0;
	return inode_permission(mnt_userns, inode, MAY_WRITE);
}
EXPORT_SYMBOL(may_setattr);

/*
 * Fill in the times of a change: ctime is now; atime and mtime are now
 * unless given (then truncated to what the filesystem stores).
 */
static void settle_times(struct inode *inode, struct iattr *attr)
{
	struct timespec64 now = current_time(inode);

	attr->ia_ctime = now;
	attr->ia_atime = (attr->ia_valid & ATTR_ATIME_SET) ?
		timestamp_truncate(attr->ia_atime, inode) : now;
	attr->ia_mtime = (attr->ia_valid & ATTR_MTIME_SET) ?
		timestamp_truncate(attr->ia_mtime, inode) : now;
}

/*
 * Turn ATTR_KILL_SUID/SGID into the mode change they mean for this inode
 * (nothing when the bit is not set).  Never combined with ATTR_MODE.
 */
static void kill_bits_to_mode(struct inode *inode, struct iattr *attr)
{
	umode_t strip = 0;

	BUG_ON((attr->ia_valid & (ATTR_KILL_SUID | ATTR_KILL_SGID)) &&
	       (attr->ia_valid & ATTR_MODE));
	if (attr->ia_valid & ATTR_KILL_SUID)
		strip |= S_ISUID;
	if (attr->ia_valid & ATTR_KILL_SGID)
		strip |= S_ISGID;
	strip &= inode->i_mode;
	if (strip) {
		attr->ia_mode = inode->i_mode & ~strip;
		attr->ia_valid |= ATTR_MODE;
	}
}

/*
 * Change attributes of dentry's inode (i_rwsem held) and call ->setattr,
 * or simple_setattr for a filesystem that has none.
 */
int notify_change(struct user_namespace *mnt_userns, struct dentry *dentry,
		  struct iattr *attr, struct inode **delegated_inode)
{
	struct inode *inode = dentry->d_inode;
	struct user_namespace *fs_userns = inode->i_sb->s_user_ns;
	unsigned int asked;
	int err;

	WARN_ON_ONCE(!inode_is_locked(inode));

	err = may_setattr(mnt_userns, inode, attr->ia_valid);
	if (err)
		return err;
	if (attr->ia_valid & ATTR_MODE) {
		if (S_ISLNK(inode->i_mode))
			return -EOPNOTSUPP;	/* symlinks have no mode of their own */
		if (is_sxid(attr->ia_mode))
			inode->i_flags &= ~S_NOSEC;
	}

	settle_times(inode, attr);

	if (attr->ia_valid & ATTR_KILL_PRIV) {
		err = security_inode_need_killpriv(dentry);
		if (err < 0)
			return err;
		if (!err)
			attr->ia_valid &= ~ATTR_KILL_PRIV;
	}

	/* what the caller asked for, before the kill bits become a mode change */
	asked = attr->ia_valid;
	kill_bits_to_mode(inode, attr);
	if (!(attr->ia_valid & ~(ATTR_KILL_SUID | ATTR_KILL_SGID)))
		return 0;

	/* ids that could not be written back faithfully */
	if (asked & ATTR_UID) {
		if (!vfsuid_has_fsmapping(mnt_userns, fs_userns, attr->ia_vfsuid))
			return -EOVERFLOW;
	} else if (!vfsuid_valid(i_uid_into_vfsuid(mnt_userns, inode))) {
		return -EOVERFLOW;
	}
	if (asked & ATTR_GID) {
		if (!vfsgid_has_fsmapping(mnt_userns, fs_userns, attr->ia_vfsgid))
			return -EOVERFLOW;
	} else if (!vfsgid_valid(i_gid_into_vfsgid(mnt_userns, inode))) {
		return -EOVERFLOW;
	}

	err = security_inode_setattr(mnt_userns, dentry, attr);
	if (err)
		return err;

	err = inode->i_op->setattr ? inode->i_op->setattr(mnt_userns, dentry, attr)
				   : simple_setattr(mnt_userns, dentry, attr);
	if (!err)
		fsnotify_change(dentry, attr->ia_valid);
	return err;
}
EXPORT_SYMBOL(notify_change);
