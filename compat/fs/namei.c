// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names and permissions: the role of the kernel's fs/namei.c.
 *
 *  - name hashing for the dcache (full_name_hash & co., stringhash.h);
 *  - permission checks: generic_permission / inode_permission (mode bits,
 *    POSIX ACLs through ->get_acl, capabilities), the sticky bit,
 *    may_create / may_delete / may_open as the kernel applies them before
 *    calling a filesystem;
 *  - the vfs_* operations (create, mkdir, mknod, symlink, link, unlink,
 *    rmdir, rename), which expect the caller to hold the locks listed in
 *    Documentation/filesystems/locking.rst and directory-locking.rst;
 *  - lookups of one component under a locked directory, lock_rename;
 *  - symlink bodies kept in the page cache (page_get_link, page_symlink).
 */
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include <linux/sched/mm.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/posix_acl.h>
#include <linux/security.h>
#include <linux/fsnotify.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <kfs/vfs_internal.h>

/* ---------------------------------------------------------- name hashing */

/* full_name_hash and hashlen_string themselves: compat/fs/namei_hash.c (A). */

/*
 * Hash a name for lookups under base, as the fs hashes its dentries
 * (->d_hash, e.g. case-folding on vfat) when it has its own hash.
 */
int kfs_hash_name(const struct dentry *base, struct qstr *name)
{
	name->hash = full_name_hash(base, name->name, name->len);
	if (base->d_flags & DCACHE_OP_HASH) {
		int err = base->d_op->d_hash(base, name);

		if (err < 0)
			return err;
	}
	return 0;
}

/* ---------------------------------------------------------- permissions */

static int check_acl(struct user_namespace *mnt_userns, struct inode *inode, int mask)
{
	struct posix_acl *acl;

	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;

	acl = get_acl(inode, ACL_TYPE_ACCESS);
	if (IS_ERR(acl))
		return PTR_ERR(acl);
	if (acl) {
		int error = posix_acl_permission(mnt_userns, inode, acl, mask);

		posix_acl_release(acl);
		return error;
	}
	return -EAGAIN;
}

/*
 * The mode-bit check: owner bits for the owner (ACLs do not apply to
 * the owner), the ACL when there is one, else group or other bits.
 */
static int acl_permission_check(struct user_namespace *mnt_userns, struct inode *inode,
				int mask)
{
	unsigned int mode = inode->i_mode;
	vfsuid_t vfsuid = i_uid_into_vfsuid(mnt_userns, inode);

	if (likely(vfsuid_eq_kuid(vfsuid, current_fsuid()))) {
		mask &= 7;
		mode >>= 6;
		return (mask & ~mode) ? -EACCES : 0;
	}

	if (IS_POSIXACL(inode) && (mode & S_IRWXG)) {
		int error = check_acl(mnt_userns, inode, mask);

		if (error != -EAGAIN)
			return error;
	}

	mask &= 7;
	/* The group class matters only where group and other bits differ. */
	if (mask & (mode ^ (mode >> 3))) {
		vfsgid_t vfsgid = i_gid_into_vfsgid(mnt_userns, inode);

		if (in_group_p(vfsgid_into_kgid(vfsgid)))
			mode >>= 3;
	}
	return (mask & ~mode) ? -EACCES : 0;
}

/*
 * Mode bits and ACLs, then the capabilities that override them:
 * CAP_DAC_READ_SEARCH for reading files and searching directories,
 * CAP_DAC_OVERRIDE for everything except executing a file nobody may
 * execute.
 */
int generic_permission(struct user_namespace *mnt_userns, struct inode *inode, int mask)
{
	int ret;

	ret = acl_permission_check(mnt_userns, inode, mask);
	if (ret != -EACCES)
		return ret;

	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE))
			if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_DAC_READ_SEARCH))
				return 0;
		if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_DAC_OVERRIDE))
			return 0;
		return -EACCES;
	}

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (mask == MAY_READ)
		if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_DAC_READ_SEARCH))
			return 0;
	if (!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO))
		if (capable_wrt_inode_uidgid(mnt_userns, inode, CAP_DAC_OVERRIDE))
			return 0;
	return -EACCES;
}
EXPORT_SYMBOL(generic_permission);

static int do_inode_permission(struct user_namespace *mnt_userns, struct inode *inode,
			       int mask)
{
	if (unlikely(!(inode->i_opflags & IOP_FASTPERM))) {
		if (likely(inode->i_op->permission))
			return inode->i_op->permission(mnt_userns, inode, mask);

		/* No ->permission: remember that, as the kernel does. */
		spin_lock(&inode->i_lock);
		inode->i_opflags |= IOP_FASTPERM;
		spin_unlock(&inode->i_lock);
	}
	return generic_permission(mnt_userns, inode, mask);
}

/* Writes to a read-only filesystem fail for the objects that live on it. */
static int sb_permission(struct super_block *sb, struct inode *inode, int mask)
{
	if (unlikely(mask & MAY_WRITE)) {
		umode_t mode = inode->i_mode;

		if (sb_rdonly(sb) && (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
			return -EROFS;
	}
	return 0;
}

int inode_permission(struct user_namespace *mnt_userns, struct inode *inode, int mask)
{
	int retval;

	retval = sb_permission(inode->i_sb, inode, mask);
	if (retval)
		return retval;

	if (unlikely(mask & MAY_WRITE)) {
		if (IS_IMMUTABLE(inode))
			return -EPERM;
		if (HAS_UNMAPPED_ID(mnt_userns, inode))
			return -EACCES;
	}

	retval = do_inode_permission(mnt_userns, inode, mask);
	if (retval)
		return retval;
	return security_inode_permission(inode, mask);
}
EXPORT_SYMBOL(inode_permission);

/* Searching a directory during a lookup. */
int kfs_may_lookup(struct inode *dir)
{
	return inode_permission(&init_user_ns, dir, MAY_EXEC);
}

/* In a sticky directory only the owner of the file or of the dir may remove it. */
int __check_sticky(struct user_namespace *mnt_userns, struct inode *dir, struct inode *inode)
{
	kuid_t fsuid = current_fsuid();

	if (vfsuid_eq_kuid(i_uid_into_vfsuid(mnt_userns, inode), fsuid))
		return 0;
	if (vfsuid_eq_kuid(i_uid_into_vfsuid(mnt_userns, dir), fsuid))
		return 0;
	return !capable_wrt_inode_uidgid(mnt_userns, inode, CAP_FOWNER);
}
EXPORT_SYMBOL(__check_sticky);

/*
 * May victim (a child of dir) be removed, or replaced by a rename?
 * (write+search on dir, not append-only, sticky bit, type matches).
 */
static int may_delete(struct user_namespace *mnt_userns, struct inode *dir,
		      struct dentry *victim, bool isdir)
{
	struct inode *inode = d_backing_inode(victim);
	int error;

	if (d_is_negative(victim))
		return -ENOENT;
	BUG_ON(!inode);
	BUG_ON(victim->d_parent->d_inode != dir);

	if (!vfsuid_valid(i_uid_into_vfsuid(mnt_userns, inode)) ||
	    !vfsgid_valid(i_gid_into_vfsgid(mnt_userns, inode)))
		return -EOVERFLOW;

	error = inode_permission(mnt_userns, dir, MAY_WRITE | MAY_EXEC);
	if (error)
		return error;
	if (IS_APPEND(dir))
		return -EPERM;

	if (check_sticky(mnt_userns, dir, inode) || IS_APPEND(inode) || IS_IMMUTABLE(inode) ||
	    IS_SWAPFILE(inode) || HAS_UNMAPPED_ID(mnt_userns, inode))
		return -EPERM;
	if (isdir) {
		if (!d_is_dir(victim))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (d_is_dir(victim)) {
		return -EISDIR;
	}
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (victim->d_flags & DCACHE_NFSFS_RENAMED)
		return -EBUSY;
	return 0;
}

/* May child (negative, under dir) be created? */
static int may_create(struct user_namespace *mnt_userns, struct inode *dir,
		      struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!fsuidgid_has_mapping(dir->i_sb, mnt_userns))
		return -EOVERFLOW;
	return inode_permission(mnt_userns, dir, MAY_WRITE | MAY_EXEC);
}

/* May the file at path be opened with acc_mode (MAY_*) and flag (O_*)? */
int may_open(struct user_namespace *mnt_userns, const struct path *path, int acc_mode,
	     int flag)
{
	struct dentry *dentry = path->dentry;
	struct inode *inode = dentry->d_inode;
	int error;

	if (!inode)
		return -ENOENT;

	switch (inode->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc_mode & MAY_WRITE)
			return -EISDIR;
		if (acc_mode & MAY_EXEC)
			return -EACCES;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (path->mnt && (path->mnt->mnt_flags & MNT_NODEV))
			return -EACCES;
		fallthrough;
	case S_IFIFO:
	case S_IFSOCK:
		if (acc_mode & MAY_EXEC)
			return -EACCES;
		flag &= ~O_TRUNC;
		break;
	case S_IFREG:
		if ((acc_mode & MAY_EXEC) && path->mnt && (path->mnt->mnt_flags & MNT_NOEXEC))
			return -EACCES;
		break;
	}

	error = inode_permission(mnt_userns, inode, MAY_OPEN | acc_mode);
	if (error)
		return error;

	/* An append-only file may only be opened for appending. */
	if (IS_APPEND(inode)) {
		if ((flag & O_ACCMODE) != O_RDONLY && !(flag & O_APPEND))
			return -EPERM;
		if (flag & O_TRUNC)
			return -EPERM;
	}

	if ((flag & O_NOATIME) && !inode_owner_or_capable(mnt_userns, inode))
		return -EPERM;
	return 0;
}

/*
 * The mode a new object gets: setgid stripped where the creator may not
 * keep it, then the umask -- unless the fs applies it itself together with
 * the default ACL (SB_POSIXACL) -- then the permission bits the operation
 * allows and the file type.
 */
static umode_t vfs_prepare_mode(struct user_namespace *mnt_userns, const struct inode *dir,
				umode_t mode, umode_t mask_perms, umode_t type)
{
	mode = mode_strip_sgid(mnt_userns, dir, mode);
	if (!IS_POSIXACL(dir))
		mode &= ~current_umask();

	mode &= (mask_perms & ~S_IFMT);
	mode |= (type & S_IFMT);
	return mode;
}

/* ------------------------------------------------------- vfs operations */

/* Caller holds dir's i_rwsem; dentry is a negative child of dir. */
int vfs_create(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry,
	       umode_t mode, bool want_excl)
{
	int error = may_create(mnt_userns, dir, dentry);

	if (error)
		return error;
	if (!dir->i_op->create)
		return -EACCES;
	mode = vfs_prepare_mode(mnt_userns, dir, mode, S_IALLUGO, S_IFREG);
	error = dir->i_op->create(mnt_userns, dir, dentry, mode, want_excl);
	if (!error)
		fsnotify_create(dir, dentry);
	return error;
}
EXPORT_SYMBOL(vfs_create);

int vfs_mkdir(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry,
	      umode_t mode)
{
	int error = may_create(mnt_userns, dir, dentry);
	unsigned int max_links = dir->i_sb->s_max_links;

	if (error)
		return error;
	if (!dir->i_op->mkdir)
		return -EPERM;

	mode = vfs_prepare_mode(mnt_userns, dir, mode, S_IRWXUGO | S_ISVTX, 0);
	if (max_links && dir->i_nlink >= max_links)
		return -EMLINK;

	error = dir->i_op->mkdir(mnt_userns, dir, dentry, mode);
	if (!error)
		fsnotify_mkdir(dir, dentry);
	return error;
}
EXPORT_SYMBOL(vfs_mkdir);

int vfs_mknod(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry,
	      umode_t mode, dev_t dev)
{
	bool is_whiteout = S_ISCHR(mode) && dev == WHITEOUT_DEV;
	int error = may_create(mnt_userns, dir, dentry);

	if (error)
		return error;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !is_whiteout && !capable(CAP_MKNOD))
		return -EPERM;
	if (!dir->i_op->mknod)
		return -EPERM;

	mode = vfs_prepare_mode(mnt_userns, dir, mode, mode, mode);
	error = dir->i_op->mknod(mnt_userns, dir, dentry, mode, dev);
	if (!error)
		fsnotify_create(dir, dentry);
	return error;
}
EXPORT_SYMBOL(vfs_mknod);

int vfs_symlink(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry,
		const char *oldname)
{
	int error = may_create(mnt_userns, dir, dentry);

	if (error)
		return error;
	if (!dir->i_op->symlink)
		return -EPERM;

	error = dir->i_op->symlink(mnt_userns, dir, dentry, oldname);
	if (!error)
		fsnotify_create(dir, dentry);
	return error;
}
EXPORT_SYMBOL(vfs_symlink);

/*
 * Caller holds dir's i_rwsem; this takes the source inode's (locking.rst:
 * link takes both).  No links to directories, unlinked inodes or across
 * super blocks.
 */
int vfs_link(struct dentry *old_dentry, struct user_namespace *mnt_userns, struct inode *dir,
	     struct dentry *new_dentry, struct inode **delegated_inode)
{
	struct inode *inode = old_dentry->d_inode;
	unsigned int max_links = dir->i_sb->s_max_links;
	int error;

	if (!inode)
		return -ENOENT;

	error = may_create(mnt_userns, dir, new_dentry);
	if (error)
		return error;

	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (IS_APPEND(inode) || IS_IMMUTABLE(inode))
		return -EPERM;
	if (HAS_UNMAPPED_ID(mnt_userns, inode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;

	inode_lock(inode);
	if (inode->i_nlink == 0 && !(inode->i_state & I_LINKABLE))
		error = -ENOENT;
	else if (max_links && inode->i_nlink >= max_links)
		error = -EMLINK;
	else
		error = dir->i_op->link(old_dentry, dir, new_dentry);

	if (!error && (inode->i_state & I_LINKABLE)) {
		spin_lock(&inode->i_lock);
		inode->i_state &= ~I_LINKABLE;
		spin_unlock(&inode->i_lock);
	}
	inode_unlock(inode);
	if (!error)
		fsnotify_link(dir, inode, new_dentry);
	return error;
}
EXPORT_SYMBOL(vfs_link);

/* Caller holds dir's i_rwsem (I_MUTEX_PARENT); this takes the victim's. */
int vfs_unlink(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry,
	       struct inode **delegated_inode)
{
	struct inode *target = dentry->d_inode;
	int error = may_delete(mnt_userns, dir, dentry, 0);

	if (error)
		return error;
	if (!dir->i_op->unlink)
		return -EPERM;

	inode_lock(target);
	if (IS_SWAPFILE(target))
		error = -EPERM;
	else
		error = dir->i_op->unlink(dir, dentry);
	if (!error)
		dont_mount(dentry);
	inode_unlock(target);

	if (!error) {
		fsnotify_unlink(dir, dentry);
		d_delete(dentry);
	}
	return error;
}
EXPORT_SYMBOL(vfs_unlink);

/*
 * Caller holds dir's i_rwsem; this takes the victim's.  A removed
 * directory is marked S_DEAD so nothing new is created in it.
 */
int vfs_rmdir(struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry)
{
	int error = may_delete(mnt_userns, dir, dentry, 1);

	if (error)
		return error;
	if (!dir->i_op->rmdir)
		return -EPERM;

	dget(dentry);
	inode_lock(dentry->d_inode);

	error = -EBUSY;
	if (dentry->d_inode->i_flags & S_KERNEL_FILE)
		goto out;
	error = dir->i_op->rmdir(dir, dentry);
	if (error)
		goto out;

	shrink_dcache_parent(dentry);
	dentry->d_inode->i_flags |= S_DEAD;
	dont_mount(dentry);
out:
	inode_unlock(dentry->d_inode);
	dput(dentry);
	if (!error) {
		fsnotify_rmdir(dir, dentry);
		d_delete(dentry);
	}
	return error;
}
EXPORT_SYMBOL(vfs_rmdir);

/*
 * Caller holds the parents as lock_rename() takes them; this takes the
 * children as 6.1.192's vfs_rename does (VFS-CONTRACT.md): a directory
 * source when its parent changes, a directory target when it is replaced
 * or exchanged across directories, non-directories always, after any
 * directories and in address order.
 */
int vfs_rename(struct renamedata *rd)
{
	struct inode *old_dir = rd->old_dir, *new_dir = rd->new_dir;
	struct dentry *old_dentry = rd->old_dentry;
	struct dentry *new_dentry = rd->new_dentry;
	unsigned int flags = rd->flags;
	bool is_dir = d_is_dir(old_dentry);
	struct inode *source = old_dentry->d_inode;
	struct inode *target = new_dentry->d_inode;
	bool new_is_dir = false;
	unsigned int max_links = new_dir->i_sb->s_max_links;
	struct name_snapshot old_name;
	bool lock_old_subdir, lock_new_subdir;
	int error;

	if (source == target)
		return 0;

	error = may_delete(rd->old_mnt_userns, old_dir, old_dentry, is_dir);
	if (error)
		return error;

	if (!target) {
		error = may_create(rd->new_mnt_userns, new_dir, new_dentry);
	} else {
		new_is_dir = d_is_dir(new_dentry);
		if (!(flags & RENAME_EXCHANGE))
			error = may_delete(rd->new_mnt_userns, new_dir, new_dentry, is_dir);
		else
			error = may_delete(rd->new_mnt_userns, new_dir, new_dentry, new_is_dir);
	}
	if (error)
		return error;

	if (!old_dir->i_op->rename)
		return -EPERM;

	/* A directory changing parent rewrites its "..": it must be writable. */
	if (new_dir != old_dir) {
		if (is_dir) {
			error = inode_permission(rd->old_mnt_userns, source, MAY_WRITE);
			if (error)
				return error;
		}
		if ((flags & RENAME_EXCHANGE) && new_is_dir) {
			error = inode_permission(rd->new_mnt_userns, target, MAY_WRITE);
			if (error)
				return error;
		}
	}

	take_dentry_name_snapshot(&old_name, old_dentry);
	dget(new_dentry);
	lock_old_subdir = new_dir != old_dir;
	lock_new_subdir = new_dir != old_dir || !(flags & RENAME_EXCHANGE);
	if (is_dir) {
		if (lock_old_subdir)
			inode_lock_nested(source, I_MUTEX_CHILD);
		if (target && (!new_is_dir || lock_new_subdir))
			inode_lock(target);
	} else if (new_is_dir) {
		if (lock_new_subdir)
			inode_lock_nested(target, I_MUTEX_CHILD);
		inode_lock(source);
	} else {
		lock_two_nondirectories(source, target);
	}

	error = -EPERM;
	if (IS_SWAPFILE(source) || (target && IS_SWAPFILE(target)))
		goto out;

	if (max_links && new_dir != old_dir) {
		error = -EMLINK;
		if (is_dir && !new_is_dir && new_dir->i_nlink >= max_links)
			goto out;
		if ((flags & RENAME_EXCHANGE) && !is_dir && new_is_dir &&
		    old_dir->i_nlink >= max_links)
			goto out;
	}

	error = old_dir->i_op->rename(rd->new_mnt_userns, old_dir, old_dentry, new_dir,
				      new_dentry, flags);
	if (error)
		goto out;

	if (!(flags & RENAME_EXCHANGE) && target) {
		if (is_dir) {
			shrink_dcache_parent(new_dentry);
			target->i_flags |= S_DEAD;
		}
		dont_mount(new_dentry);
	}
	if (!(old_dir->i_sb->s_type->fs_flags & FS_RENAME_DOES_D_MOVE)) {
		if (!(flags & RENAME_EXCHANGE))
			d_move(old_dentry, new_dentry);
		else
			d_exchange(old_dentry, new_dentry);
	}
out:
	if (!is_dir || lock_old_subdir)
		inode_unlock(source);
	if (target && (!new_is_dir || lock_new_subdir))
		inode_unlock(target);
	dput(new_dentry);
	if (!error)
		fsnotify_move(old_dir, new_dir, &old_name.name, is_dir,
			      !(flags & RENAME_EXCHANGE) ? target : NULL, old_dentry);
	release_dentry_name_snapshot(&old_name);
	return error;
}
EXPORT_SYMBOL(vfs_rename);

/* ------------------------------------------------------------ lock_rename */

/*
 * Lock the two parents of a rename (directory-locking.rst): one lock when
 * they are the same; otherwise the per-sb rename mutex, then the ancestor
 * first, or the first argument first when neither contains the other.
 * Returns the child of one parent that is an ancestor of the other (the
 * "trap" a rename must not touch), or NULL.
 */
struct dentry *lock_rename(struct dentry *p1, struct dentry *p2)
{
	struct dentry *p;

	if (p1 == p2) {
		inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
		return NULL;
	}

	mutex_lock(&p1->d_sb->s_vfs_rename_mutex);

	p = d_ancestor(p2, p1);
	if (p) {
		inode_lock_nested(p2->d_inode, I_MUTEX_PARENT);
		inode_lock_nested(p1->d_inode, I_MUTEX_CHILD);
		return p;
	}

	p = d_ancestor(p1, p2);
	if (p) {
		inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
		inode_lock_nested(p2->d_inode, I_MUTEX_CHILD);
		return p;
	}

	inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
	inode_lock_nested(p2->d_inode, I_MUTEX_PARENT2);
	return NULL;
}
EXPORT_SYMBOL(lock_rename);

void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(p1->d_inode);
	if (p1 != p2) {
		inode_unlock(p2->d_inode);
		mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
	}
}
EXPORT_SYMBOL(unlock_rename);

/* ---------------------------------------------------- single-name lookups */

/* A cached child, revalidated by the fs when it asks for that. */
static struct dentry *lookup_dcache(const struct qstr *name, struct dentry *dir,
				    unsigned int flags)
{
	struct dentry *dentry = d_lookup(dir, name);

	if (dentry && (dentry->d_flags & DCACHE_OP_REVALIDATE)) {
		int error = dentry->d_op->d_revalidate(dentry, flags);

		if (unlikely(error <= 0)) {
			if (!error)
				d_invalidate(dentry);
			dput(dentry);
			return ERR_PTR(error);
		}
	}
	return dentry;
}

/*
 * Lookup under an exclusively locked directory (creation, removal,
 * rename): no parallel lookups of this directory can be running.
 */
static struct dentry *lookup_one_qstr_excl(const struct qstr *name, struct dentry *base,
					   unsigned int flags)
{
	struct dentry *dentry = lookup_dcache(name, base, flags);
	struct dentry *old;
	struct inode *dir = base->d_inode;

	if (dentry)
		return dentry;

	if (unlikely(IS_DEADDIR(dir)))
		return ERR_PTR(-ENOENT);

	dentry = d_alloc(base, name);
	if (unlikely(!dentry))
		return ERR_PTR(-ENOMEM);

	old = dir->i_op->lookup(dir, dentry, flags);
	if (unlikely(old)) {
		dput(dentry);
		dentry = old;
	}
	return dentry;
}

/* The API's creation/removal/rename lookups (parent locked exclusively). */
struct dentry *kfs_lookup_excl(const struct qstr *name, struct dentry *base, unsigned int flags)
{
	return lookup_one_qstr_excl(name, base, flags);
}

/*
 * lookup_slow: parallel lookups under a shared i_rwsem meet in
 * d_alloc_parallel; a cached entry whose ->d_revalidate fails is dropped
 * and looked up again.
 */
static struct dentry *lookup_slow(const struct qstr *name, struct dentry *dir,
				  unsigned int flags)
{
	struct inode *inode = dir->d_inode;
	struct dentry *dentry, *old;
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);

	inode_lock_shared(inode);
again:
	dentry = d_alloc_parallel(dir, name, &wq);
	if (IS_ERR(dentry))
		goto out;
	if (unlikely(!d_in_lookup(dentry))) {
		int error = 0;

		if (dentry->d_flags & DCACHE_OP_REVALIDATE)
			error = dentry->d_op->d_revalidate(dentry, flags);
		if (unlikely(error <= 0)) {
			if (!error) {
				d_invalidate(dentry);
				dput(dentry);
				goto again;
			}
			dput(dentry);
			dentry = ERR_PTR(error);
		}
	} else {
		if (unlikely(IS_DEADDIR(inode)))
			old = ERR_PTR(-ENOENT);
		else
			old = inode->i_op->lookup(inode, dentry, flags);
		d_lookup_done(dentry);
		if (unlikely(old)) {
			dput(dentry);
			dentry = old;
		}
	}
out:
	inode_unlock_shared(inode);
	return dentry;
}

/*
 * One component under base (the in-process API's lookup): the dcache
 * first (revalidated), then the filesystem with base's i_rwsem shared.
 * name must be hashed (kfs_hash_name).  Returns a referenced dentry, maybe
 * negative.
 */
struct dentry *kfs_lookup_one(struct dentry *base, const struct qstr *name, unsigned int flags)
{
	struct dentry *dentry = lookup_dcache(name, base, flags);

	if (IS_ERR(dentry))
		return dentry;
	if (dentry)
		return dentry;
	return lookup_slow(name, base, flags);
}

static int lookup_one_common(const char *name, struct dentry *base, int len,
			     struct qstr *this)
{
	this->name = name;
	this->len = len;
	if (!len)
		return -EACCES;
	if (unlikely(name[0] == '.')) {
		if (len < 2 || (len == 2 && name[1] == '.'))
			return -EACCES;
	}
	while (len--) {
		unsigned int c = *(const unsigned char *)name++;

		if (c == '/' || c == '\0')
			return -EACCES;
	}
	if (kfs_hash_name(base, this) < 0)
		return -EINVAL;
	return inode_permission(&init_user_ns, base->d_inode, MAY_EXEC);
}

/* Callers hold base's i_rwsem (exportfs, some filesystems). */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr this;
	int err;

	WARN_ON_ONCE(!inode_is_locked(base->d_inode));
	err = lookup_one_common(name, base, len, &this);
	if (err)
		return ERR_PTR(err);
	return lookup_one_qstr_excl(&this, base, 0);
}
EXPORT_SYMBOL(lookup_one_len);

struct dentry *try_lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr this;
	int err;

	WARN_ON_ONCE(!inode_is_locked(base->d_inode));
	err = lookup_one_common(name, base, len, &this);
	if (err)
		return ERR_PTR(err);
	return lookup_dcache(&this, base, 0);
}
EXPORT_SYMBOL(try_lookup_one_len);

struct dentry *lookup_one(struct user_namespace *mnt_userns, const char *name,
			  struct dentry *base, int len)
{
	return lookup_one_len(name, base, len);
}
EXPORT_SYMBOL(lookup_one);

struct dentry *lookup_one_unlocked(struct user_namespace *mnt_userns, const char *name,
				  struct dentry *base, int len)
{
	struct qstr this;
	int err;

	err = lookup_one_common(name, base, len, &this);
	if (err)
		return ERR_PTR(err);
	return kfs_lookup_one(base, &this, 0);
}
EXPORT_SYMBOL(lookup_one_unlocked);

struct dentry *lookup_one_len_unlocked(const char *name, struct dentry *base, int len)
{
	return lookup_one_unlocked(&init_user_ns, name, base, len);
}
EXPORT_SYMBOL(lookup_one_len_unlocked);

struct dentry *lookup_one_positive_unlocked(struct user_namespace *mnt_userns,
					    const char *name, struct dentry *base, int len)
{
	struct dentry *ret = lookup_one_unlocked(mnt_userns, name, base, len);

	if (!IS_ERR(ret) && d_is_negative(ret)) {
		dput(ret);
		ret = ERR_PTR(-ENOENT);
	}
	return ret;
}
EXPORT_SYMBOL(lookup_one_positive_unlocked);

struct dentry *lookup_positive_unlocked(const char *name, struct dentry *base, int len)
{
	return lookup_one_positive_unlocked(&init_user_ns, name, base, len);
}
EXPORT_SYMBOL(lookup_positive_unlocked);

/* --------------------------------------------------------------- symlinks */

/* Copy a symlink body to the caller's buffer: at most buflen bytes, no NUL. */
int readlink_copy(char __user *buffer, int buflen, const char *link)
{
	int len = PTR_ERR(link);

	if (IS_ERR(link))
		goto out;

	len = strlen(link);
	if (len > (unsigned int)buflen)
		len = buflen;
	if (copy_to_user(buffer, link, len))
		len = -EFAULT;
out:
	return len;
}

/*
 * The body of a symlink, for readlink: ->readlink when the fs has its own,
 * else ->get_link with a delayed release.
 */
int vfs_readlink(struct dentry *dentry, char __user *buffer, int buflen)
{
	struct inode *inode = d_inode(dentry);
	DEFINE_DELAYED_CALL(done);
	const char *link;
	int res;

	if (unlikely(!(inode->i_opflags & IOP_DEFAULT_READLINK))) {
		if (unlikely(inode->i_op->readlink))
			return inode->i_op->readlink(dentry, buffer, buflen);

		if (!d_is_symlink(dentry))
			return -EINVAL;

		spin_lock(&inode->i_lock);
		inode->i_opflags |= IOP_DEFAULT_READLINK;
		spin_unlock(&inode->i_lock);
	}

	link = READ_ONCE(inode->i_link);
	if (!link) {
		link = inode->i_op->get_link(dentry, inode, &done);
		if (IS_ERR(link))
			return PTR_ERR(link);
	}
	res = readlink_copy(buffer, buflen, link);
	do_delayed_call(&done);
	return res;
}
EXPORT_SYMBOL(vfs_readlink);

const char *vfs_get_link(struct dentry *dentry, struct delayed_call *done)
{
	const char *res = ERR_PTR(-EINVAL);
	struct inode *inode = d_inode(dentry);

	if (d_is_symlink(dentry)) {
		res = READ_ONCE(inode->i_link);
		if (!res)
			res = inode->i_op->get_link(dentry, inode, done);
	}
	return res;
}
EXPORT_SYMBOL(vfs_get_link);

void page_put_link(void *arg)
{
	put_page(arg);
}
EXPORT_SYMBOL(page_put_link);

/*
 * A symlink body kept in page 0 of the inode's page cache, NUL-terminated
 * within i_size (nd_terminate_link).  The page stays referenced until the
 * caller runs the delayed call.
 */
static const char *page_get_link_common(struct inode *inode, struct delayed_call *callback)
{
	struct page *page;
	struct address_space *mapping = inode->i_mapping;
	char *kaddr;

	page = read_mapping_page(mapping, 0, NULL);
	if (IS_ERR(page))
		return (char *)page;
	set_delayed_call(callback, page_put_link, page);
	BUG_ON(mapping_gfp_mask(mapping) & __GFP_HIGHMEM);
	kaddr = page_address(page);
	nd_terminate_link(kaddr, inode->i_size, PAGE_SIZE - 1);
	return kaddr;
}

const char *page_get_link(struct dentry *dentry, struct inode *inode,
			  struct delayed_call *callback)
{
	/* dentry NULL: RCU walk; kfs never walks under RCU */
	if (!dentry)
		return ERR_PTR(-ECHILD);
	return page_get_link_common(inode, callback);
}
EXPORT_SYMBOL(page_get_link);

int page_readlink(struct dentry *dentry, char __user *buffer, int buflen)
{
	DEFINE_DELAYED_CALL(done);
	int res = readlink_copy(buffer, buflen, page_get_link(dentry, d_inode(dentry), &done));

	do_delayed_call(&done);
	return res;
}
EXPORT_SYMBOL(page_readlink);

/*
 * Store a symlink body (len includes the NUL) through the fs's own
 * write_begin/write_end, as any write to page 0 would go.
 */
int page_symlink(struct inode *inode, const char *symname, int len)
{
	struct address_space *mapping = inode->i_mapping;
	const struct address_space_operations *aops = mapping->a_ops;
	bool nofs = !mapping_gfp_constraint(mapping, __GFP_FS);
	struct page *page;
	void *fsdata = NULL;
	int err;
	unsigned int flags;

retry:
	if (nofs)
		flags = memalloc_nofs_save();
	err = aops->write_begin(NULL, mapping, 0, len - 1, &page, &fsdata);
	if (nofs)
		memalloc_nofs_restore(flags);
	if (err)
		goto fail;

	memcpy(page_address(page), symname, len - 1);

	err = aops->write_end(NULL, mapping, 0, len - 1, len - 1, page, fsdata);
	if (err < 0)
		goto fail;
	if (err < len - 1)
		goto retry;

	mark_inode_dirty(inode);
	return 0;
fail:
	return err;
}
EXPORT_SYMBOL(page_symlink);

const struct inode_operations page_symlink_inode_operations = {
	.get_link = page_get_link,
};
EXPORT_SYMBOL(page_symlink_inode_operations);

void kfree_link(void *p)
{
	kfree(p);
}
EXPORT_SYMBOL(kfree_link);

/* ------------------------------------------------------------------ paths */

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}
EXPORT_SYMBOL(path_get);

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}
EXPORT_SYMBOL(path_put);
