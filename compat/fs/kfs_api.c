// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-process API (compat/api/kfs_api.h), kernel side.
 *
 * Each call does what the corresponding system call does in the kernel,
 * minus the path walk: take the locks the VFS takes around the filesystem
 * operation (Documentation/filesystems/locking.rst, directory-locking.rst,
 * ../shared/VFS-CONTRACT.md), make the VFS's permission checks for the
 * credentials of the calling thread (kfs_set_cred), and call the fs through
 * the vfs_* helpers.  The caller's thread must be adopted.
 *
 * Objects:
 *  - struct kfs_mount wraps the vfsmount of one mounted super block.
 *  - struct kfs_node *is* the struct inode.  Operations are name-based
 *    under a parent node, so every node the API hands out has a dentry:
 *    the first API reference pins one alias (inode->i_kfs_alias, one dget),
 *    later references only count (i_kfs_refs, under i_lock).  A directory
 *    has a single alias; a hard-linked file may be reached through any of
 *    its names, the pinned alias is whichever came first.
 *  - struct kfs_file *is* the struct file.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/blkdev.h>
#include <linux/writeback.h>
#include <linux/statfs.h>
#include <linux/xattr.h>
#include <linux/fileattr.h>
#include <linux/fiemap.h>
#include <linux/seq_file.h>
#include <linux/uio.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/init.h>
#include <kfs/mm.h>
#include <kfs/vfs_internal.h>
#include "../api/kfs_api.h"

struct kfs_mount {
	struct vfsmount mnt;
	atomic_t nodes;		/* API node references */
	atomic_t files;		/* open kfs_files */
};

static inline struct inode *I(struct kfs_node *n)
{
	return (struct inode *)n;
}

static inline struct kfs_node *N(struct inode *inode)
{
	return (struct kfs_node *)inode;
}

static inline struct file *F(struct kfs_file *f)
{
	return (struct file *)f;
}

static inline struct kfs_mount *inode_mount(struct inode *inode)
{
	return container_of(inode->i_sb->s_kfs_mnt, struct kfs_mount, mnt);
}

/* The dentry an API reference pinned (stable while the caller holds one). */
static inline struct dentry *node_dentry(struct kfs_node *n)
{
	return I(n)->i_kfs_alias;
}

static inline struct vfsmount *node_mnt(struct kfs_node *n)
{
	return I(n)->i_sb->s_kfs_mnt;
}

/* ------------------------------------------------------------- nodes */

/*
 * A new API reference to dentry's inode, consuming the caller's dentry
 * reference: it becomes the pin, or is dropped when the inode is already
 * pinned through another alias.
 */
static struct kfs_node *node_from_dentry(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	bool keep;

	spin_lock(&inode->i_lock);
	keep = inode->i_kfs_refs++ == 0;
	if (keep)
		inode->i_kfs_alias = dentry;
	spin_unlock(&inode->i_lock);
	if (!keep)
		dput(dentry);
	atomic_inc(&inode_mount(inode)->nodes);
	return N(inode);
}

void kfs_node_get(struct kfs_node *n)
{
	struct inode *inode = I(n);

	spin_lock(&inode->i_lock);
	WARN_ON(!inode->i_kfs_refs);
	inode->i_kfs_refs++;
	spin_unlock(&inode->i_lock);
	atomic_inc(&inode_mount(inode)->nodes);
}

void kfs_node_put(struct kfs_node *n)
{
	struct inode *inode = I(n);
	struct kfs_mount *m;
	struct dentry *pin = NULL;

	if (!n)
		return;
	m = inode_mount(inode);
	spin_lock(&inode->i_lock);
	WARN_ON(!inode->i_kfs_refs);
	if (--inode->i_kfs_refs == 0) {
		pin = inode->i_kfs_alias;
		inode->i_kfs_alias = NULL;
	}
	spin_unlock(&inode->i_lock);
	/* the last pin's dput may drop the inode: m must be read before */
	atomic_dec(&m->nodes);
	dput(pin);
}

kfs_api_u64 kfs_node_ino(struct kfs_node *n)
{
	return I(n)->i_ino;
}

kfs_api_u64 kfs_node_generation(struct kfs_node *n)
{
	return I(n)->i_generation;
}

struct kfs_mount *kfs_node_mount(struct kfs_node *n)
{
	return inode_mount(I(n));
}

struct kfs_node *kfs_root(struct kfs_mount *m)
{
	return node_from_dentry(dget(m->mnt.mnt_root));
}

/*
 * An in-core inode by number.  An inode no dentry names any more (all its
 * aliases were freed) gets a disconnected one (d_obtain_alias).
 */
struct kfs_node *kfs_node_find(struct kfs_mount *m, kfs_api_u64 ino)
{
	struct inode *inode;
	struct dentry *dentry;

	inode = ilookup(m->mnt.mnt_sb, ino);
	if (!inode)
		return NULL;
	if (is_bad_inode(inode)) {
		iput(inode);
		return NULL;
	}
	dentry = d_find_alias(inode);
	if (dentry) {
		iput(inode);
	} else {
		dentry = d_obtain_alias(inode);
		if (IS_ERR(dentry))
			return NULL;
	}
	return node_from_dentry(dentry);
}

/* ----------------------------------------------------------- mounting */

static const char *kfs_errname(int err)
{
	switch (-err) {
	case ENOENT:
		return "No such file or directory";
	case EACCES:
		return "Permission denied";
	case EBUSY:
		return "Device or resource busy";
	case EROFS:
		return "Read-only file system";
	case ENODEV:
		return "No such device";
	case EINVAL:
		return "Invalid argument";
	case ENOMEM:
		return "Cannot allocate memory";
	case EIO:
		return "Input/output error";
	default:
		return "error";
	}
}

int kfs_mount(const struct kfs_mount_params *p, struct kfs_mount **out)
{
	bool rdonly = p->flags & KFS_MOUNT_RDONLY;
	struct file_system_type *type;
	struct block_device *bdev = NULL;
	fmode_t mode = FMODE_READ | (rdonly ? 0 : FMODE_WRITE);
	struct fs_context *fc;
	struct super_block *sb;
	struct kfs_mount *m;
	int err;

	*out = NULL;
	if (!p->fstype || !p->source)
		return -EINVAL;
	if (p->flags & ~KFS_MOUNT_RDONLY)
		return -EINVAL;

	type = get_fs_type(p->fstype);
	if (!type) {
		pr_err("kfs: unknown filesystem type '%s'\n", p->fstype);
		return -ENODEV;
	}

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m) {
		err = -ENOMEM;
		goto out_type;
	}

	if (p->cache_limit)
		kfs_pagecache_set_limit(p->cache_limit);
	/* The same limit caps all kernel-side memory (kfs/mm.h). */
	if (p->cache_limit)
		kfs_mem_set_cap(p->cache_limit);
	if (p->pressure)
		kfs_mem_set_pressure_handler(p->pressure, p->pressure_ctx);

	if (type->fs_flags & FS_REQUIRES_DEV) {
		/* The window over the image; mount_bdev finds it by path. */
		bdev = kfs_bdev_open(p->source, mode, p->offset, p->size, NULL);
		if (IS_ERR(bdev)) {
			err = PTR_ERR(bdev);
			bdev = NULL;
			pr_err("kfs: cannot open %s: %s\n", p->source, kfs_errname(err));
			goto out_free;
		}
	}

	fc = fs_context_for_mount(type, rdonly ? SB_RDONLY : 0);
	if (IS_ERR(fc)) {
		err = PTR_ERR(fc);
		goto out_bdev;
	}
	err = vfs_parse_fs_string(fc, "source", p->source, strlen(p->source));
	if (!err && p->data && *p->data) {
		char *data = kstrdup(p->data, GFP_KERNEL);

		if (!data) {
			err = -ENOMEM;
		} else {
			if (fc->ops->parse_monolithic)
				err = fc->ops->parse_monolithic(fc, data);
			else
				err = generic_parse_monolithic(fc, data);
			kfree(data);
		}
	}
	if (!err)
		err = vfs_get_tree(fc);
	if (err)
		goto out_fc;

	sb = fc->root->d_sb;
	if (sb->s_kfs_mnt) {
		/* the same device is already mounted by this process */
		pr_err("kfs: %s is already mounted\n", p->source);
		up_write(&sb->s_umount);
		err = -EBUSY;
		goto out_fc;
	}

	/* The mount takes over the root and the active reference of fc. */
	m->mnt.mnt_root = fc->root;
	m->mnt.mnt_sb = sb;
	m->mnt.mnt_flags = MNT_RELATIME;
	m->mnt.mnt_userns = &init_user_ns;
	fc->root = NULL;
	sb->s_kfs_mnt = &m->mnt;
	up_write(&sb->s_umount);
	put_fs_context(fc);
	if (bdev)
		blkdev_put(bdev, mode);
	*out = m;
	return 0;

out_fc:
	put_fs_context(fc);
out_bdev:
	if (bdev)
		blkdev_put(bdev, mode);
out_free:
	kfree(m);
out_type:
	put_filesystem(type);
	return err;
}

int kfs_unmount(struct kfs_mount *m)
{
	struct super_block *sb = m->mnt.mnt_sb;
	int nodes = atomic_read(&m->nodes), files = atomic_read(&m->files);

	if (nodes || files) {
		/*
		 * Refused, like umount(2) of a busy mount -- but what was
		 * acknowledged must reach the image even so: the caller may
		 * be about to exit.
		 */
		int err = kfs_sync(m, 1);

		pr_err("kfs: unmount of %s refused: %d node references, %d open files (sync: %d)\n",
		       sb->s_id, nodes, files, err);
		return -EBUSY;
	}
	down_write(&sb->s_umount);
	sb->s_kfs_mnt = NULL;
	up_write(&sb->s_umount);
	dput(m->mnt.mnt_root);
	deactivate_super(sb);
	kfree(m);
	return 0;
}

int kfs_sync(struct kfs_mount *m, int wait)
{
	struct super_block *sb = m->mnt.mnt_sb;
	int ret = 0;

	down_read(&sb->s_umount);
	if (wait) {
		ret = sync_filesystem(sb);
	} else if (!sb_rdonly(sb)) {
		writeback_inodes_sb(sb, WB_REASON_SYNC);
		if (sb->s_op->sync_fs)
			ret = sb->s_op->sync_fs(sb, 0);
		if (!ret)
			ret = sync_blockdev_nowait(sb->s_bdev);
	}
	up_read(&sb->s_umount);
	return ret;
}

int kfs_remount(struct kfs_mount *m, int flags, const char *data)
{
	struct super_block *sb = m->mnt.mnt_sb;
	struct fs_context *fc;
	int err;

	if (flags & ~KFS_MOUNT_RDONLY)
		return -EINVAL;

	fc = fs_context_for_reconfigure(m->mnt.mnt_root,
					(flags & KFS_MOUNT_RDONLY) ? SB_RDONLY : 0, SB_RDONLY);
	if (IS_ERR(fc))
		return PTR_ERR(fc);

	err = 0;
	if (data && *data) {
		char *copy = kstrdup(data, GFP_KERNEL);

		if (!copy) {
			err = -ENOMEM;
		} else {
			if (fc->ops->parse_monolithic)
				err = fc->ops->parse_monolithic(fc, copy);
			else
				err = generic_parse_monolithic(fc, copy);
			kfree(copy);
		}
	}
	if (!err) {
		down_write(&sb->s_umount);
		err = reconfigure_super(fc);
		up_write(&sb->s_umount);
	}
	put_fs_context(fc);
	return err;
}

/* The fs's options as ->show_options prints them, without the leading ','. */
int kfs_show_options(struct kfs_mount *m, char *buf, kfs_api_size_t size)
{
	struct super_block *sb = m->mnt.mnt_sb;
	struct seq_file seq = { .buf = buf, .size = size };
	int err = 0;

	if (!size)
		return -EINVAL;
	buf[0] = 0;
	if (sb->s_op->show_options)
		err = sb->s_op->show_options(&seq, m->mnt.mnt_root);
	if (err)
		return err;
	if (seq.count >= size)
		return -ENAMETOOLONG;
	buf[seq.count] = 0;
	if (buf[0] == ',')
		memmove(buf, buf + 1, seq.count);
	return 0;
}

int kfs_is_readonly(struct kfs_mount *m)
{
	return sb_rdonly(m->mnt.mnt_sb);
}

const char *kfs_mount_fstype(struct kfs_mount *m)
{
	return m->mnt.mnt_sb->s_type->name;
}

int kfs_mount_exportable(struct kfs_mount *m)
{
	return m->mnt.mnt_sb->s_export_op != NULL;
}

int kfs_mount_has_xattr(struct kfs_mount *m)
{
	return m->mnt.mnt_sb->s_xattr != NULL;
}

kfs_api_u32 kfs_mount_time_gran(struct kfs_mount *m)
{
	return m->mnt.mnt_sb->s_time_gran;
}

void kfs_cache_info(struct kfs_cache_info *ci)
{
	struct kfs_pagecache_stats st;

	kfs_pagecache_stats(&st);
	ci->limit = (u64)st.limit << PAGE_SHIFT;
	ci->used = (u64)st.pages << PAGE_SHIFT;
	ci->high_water = (u64)st.high_water << PAGE_SHIFT;
	ci->dirty = (u64)st.dirty << PAGE_SHIFT;
	ci->writeback = (u64)st.writeback << PAGE_SHIFT;
	ci->evicted = (u64)st.evicted << PAGE_SHIFT;
}

void kfs_cache_reset_high_water(void)
{
	kfs_pagecache_reset_high_water();
}

void kfs_mount_cache_counts(struct kfs_mount *m, struct kfs_mount_cache *mc)
{
	struct super_block *sb = m->mnt.mnt_sb;
	struct inode *inode;
	u64 n = 0;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		n++;
	spin_unlock(&sb->s_inode_list_lock);
	mc->inodes = n;
	mc->unused_inodes = READ_ONCE(sb->s_nr_inodes_unused);
	mc->unused_dentries = READ_ONCE(sb->s_nr_dentry_unused);
}

int kfs_statfs(struct kfs_mount *m, struct kfs_statfs *st)
{
	struct path path = { .mnt = &m->mnt, .dentry = m->mnt.mnt_root };
	struct kstatfs ks;
	int err;

	err = vfs_statfs(&path, &ks);
	if (err)
		return err;
	st->type = ks.f_type;
	st->bsize = ks.f_bsize;
	st->blocks = ks.f_blocks;
	st->bfree = ks.f_bfree;
	st->bavail = ks.f_bavail;
	st->files = ks.f_files;
	st->ffree = ks.f_ffree;
	st->fsid = (u32)ks.f_fsid.val[0] | ((u64)(u32)ks.f_fsid.val[1] << 32);
	st->namelen = ks.f_namelen;
	st->frsize = ks.f_frsize;
	st->flags = ks.f_flags;
	return 0;
}

/* ---------------------------------------------------------- attributes */

/* dev_t as glibc's makedev() lays it out (user-visible st_rdev). */
static u64 user_dev(dev_t dev)
{
	u64 major = MAJOR(dev), minor = MINOR(dev);

	return ((major & 0xfffff000ULL) << 32) | ((major & 0xfffULL) << 8) |
	       ((minor & 0xffffff00ULL) << 12) | (minor & 0xffULL);
}

/* The reverse; -EINVAL for numbers the kernel's dev_t cannot hold. */
static int kernel_dev(u64 udev, dev_t *out)
{
	u64 major = ((udev >> 32) & 0xfffff000ULL) | ((udev >> 8) & 0xfffULL);
	u64 minor = ((udev >> 12) & 0xffffff00ULL) | (udev & 0xffULL);

	if (major >= (1U << (32 - MINORBITS)) || minor > MINORMASK)
		return -EINVAL;
	*out = MKDEV((unsigned int)major, (unsigned int)minor);
	return 0;
}

static int node_getattr(struct kfs_node *n, struct kfs_attr *attr)
{
	struct path path = { .mnt = node_mnt(n), .dentry = node_dentry(n) };
	struct kstat stat;
	int err;

	err = vfs_getattr(&path, &stat, STATX_BASIC_STATS | STATX_BTIME, AT_STATX_SYNC_AS_STAT);
	if (err)
		return err;
	memset(attr, 0, sizeof(*attr));
	attr->ino = stat.ino;
	attr->mode = stat.mode;
	attr->nlink = stat.nlink;
	attr->uid = from_kuid(&init_user_ns, stat.uid);
	attr->gid = from_kgid(&init_user_ns, stat.gid);
	attr->rdev = user_dev(stat.rdev);
	attr->size = stat.size;
	attr->blocks = stat.blocks;
	attr->blksize = stat.blksize;
	attr->atime_sec = stat.atime.tv_sec;
	attr->atime_nsec = stat.atime.tv_nsec;
	attr->mtime_sec = stat.mtime.tv_sec;
	attr->mtime_nsec = stat.mtime.tv_nsec;
	attr->ctime_sec = stat.ctime.tv_sec;
	attr->ctime_nsec = stat.ctime.tv_nsec;
	if (stat.result_mask & STATX_BTIME) {
		attr->btime_sec = stat.btime.tv_sec;
		attr->btime_nsec = stat.btime.tv_nsec;
	}
	attr->generation = I(n)->i_generation;
	return 0;
}

int kfs_getattr(struct kfs_node *n, struct kfs_attr *attr)
{
	return node_getattr(n, attr);
}

/*
 * Truncation as truncate(2) (no file) or ftruncate(2) (through file):
 * write permission or a writable file, not append-only, write access
 * available, then do_truncate (which strips setuid/setgid and locks).
 */
static int node_truncate(struct kfs_node *n, struct file *file, loff_t size)
{
	struct inode *inode = I(n);
	struct dentry *dentry = node_dentry(n);
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (size < 0)
		return -EINVAL;

	if (file) {
		if (!(file->f_mode & FMODE_WRITE))
			return -EINVAL;
		if (IS_APPEND(inode))
			return -EPERM;
		err = mnt_want_write(node_mnt(n));
		if (err)
			return err;
		file_start_write(file);
		err = do_truncate(&init_user_ns, file->f_path.dentry, size,
				  ATTR_MTIME | ATTR_CTIME, file);
		file_end_write(file);
		mnt_drop_write(node_mnt(n));
		return err;
	}
	{
		struct path path = { .mnt = node_mnt(n), .dentry = dentry };

		return vfs_truncate(&path, size);
	}
}

int kfs_setattr(struct kfs_node *n, struct kfs_file *kf, const struct kfs_setattr *sa,
		struct kfs_attr *out)
{
	struct inode *inode = I(n);
	struct dentry *dentry = node_dentry(n);
	struct file *file = kf ? F(kf) : NULL;
	struct iattr ia = {};
	bool times = sa->valid & (KFS_SET_ATIME | KFS_SET_MTIME);
	bool explicit_time = false;
	int err;

	if (sa->valid & ~(KFS_SET_MODE | KFS_SET_UID | KFS_SET_GID | KFS_SET_SIZE |
			  KFS_SET_ATIME | KFS_SET_MTIME | KFS_SET_ATIME_NOW |
			  KFS_SET_MTIME_NOW | KFS_SET_CTIME))
		return -EINVAL;

	if (sa->valid & KFS_SET_SIZE) {
		err = node_truncate(n, file, sa->size);
		if (err)
			return err;
	}

	if (sa->valid & KFS_SET_MODE) {
		ia.ia_valid |= ATTR_MODE | ATTR_CTIME;
		ia.ia_mode = (sa->mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	}
	if (sa->valid & (KFS_SET_UID | KFS_SET_GID)) {
		ia.ia_valid |= ATTR_CTIME;
		if (sa->valid & KFS_SET_UID) {
			ia.ia_vfsuid = VFSUIDT_INIT(make_kuid(&init_user_ns, sa->uid));
			if (!vfsuid_valid(ia.ia_vfsuid))
				return -EINVAL;
			ia.ia_valid |= ATTR_UID;
		}
		if (sa->valid & KFS_SET_GID) {
			ia.ia_vfsgid = VFSGIDT_INIT(make_kgid(&init_user_ns, sa->gid));
			if (!vfsgid_valid(ia.ia_vfsgid))
				return -EINVAL;
			ia.ia_valid |= ATTR_GID;
		}
		/*
		 * chown strips setuid (and setgid where it must), unless the
		 * caller sets the mode in the same request: then that mode
		 * already says what is left.
		 */
		if (!S_ISDIR(inode->i_mode) && !(ia.ia_valid & ATTR_MODE))
			ia.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_PRIV |
				       setattr_should_drop_sgid(&init_user_ns, inode);
	}
	if (times) {
		ia.ia_valid |= ATTR_CTIME;
		if (sa->valid & KFS_SET_ATIME) {
			ia.ia_valid |= ATTR_ATIME;
			if (!(sa->valid & KFS_SET_ATIME_NOW)) {
				ia.ia_valid |= ATTR_ATIME_SET;
				ia.ia_atime.tv_sec = sa->atime_sec;
				ia.ia_atime.tv_nsec = sa->atime_nsec;
				explicit_time = true;
			}
		}
		if (sa->valid & KFS_SET_MTIME) {
			ia.ia_valid |= ATTR_MTIME;
			if (!(sa->valid & KFS_SET_MTIME_NOW)) {
				ia.ia_valid |= ATTR_MTIME_SET;
				ia.ia_mtime.tv_sec = sa->mtime_sec;
				ia.ia_mtime.tv_nsec = sa->mtime_nsec;
				explicit_time = true;
			}
		}
		/* as utimensat: given times are the owner's, "now" needs write access */
		ia.ia_valid |= explicit_time ? ATTR_TIMES_SET : ATTR_TOUCH;
	}
	if (file && (ia.ia_valid & ~ATTR_CTIME)) {
		ia.ia_file = file;
		ia.ia_valid |= ATTR_FILE;
	}

	if ((ia.ia_valid & ~(ATTR_FILE | ATTR_CTIME)) || (sa->valid & KFS_SET_CTIME)) {
		err = mnt_want_write(node_mnt(n));
		if (err)
			return err;
		inode_lock(inode);
		if (ia.ia_valid & ~(ATTR_FILE | ATTR_CTIME))
			err = notify_change(&init_user_ns, dentry, &ia, NULL);
		if (!err && (sa->valid & KFS_SET_CTIME)) {
			/*
			 * An explicit ctime (FUSE's writeback cache flushing
			 * what the host kernel computed): no syscall can do
			 * this, so it is set directly, as the owner only.
			 */
			struct timespec64 ct = { sa->ctime_sec, sa->ctime_nsec };

			if (!inode_owner_or_capable(&init_user_ns, inode)) {
				err = -EPERM;
			} else {
				inode->i_ctime = timestamp_truncate(ct, inode);
				mark_inode_dirty_sync(inode);
			}
		}
		inode_unlock(inode);
		mnt_drop_write(node_mnt(n));
		if (err)
			return err;
	}

	if (out)
		return node_getattr(n, out);
	return 0;
}

int kfs_access(struct kfs_node *n, int mask)
{
	return inode_permission(&init_user_ns, I(n), mask & (MAY_READ | MAY_WRITE | MAY_EXEC));
}

/* ----------------------------------------------------------- namespace */

/* A single path component: not empty, no '/', no NUL inside. */
static int check_name(const char *name, struct qstr *q)
{
	size_t len;

	if (!name)
		return -EINVAL;
	len = strlen(name);
	if (!len)
		return -ENOENT;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (memchr(name, '/', len))
		return -EINVAL;
	q->name = (const unsigned char *)name;
	q->len = len;
	q->hash = 0;
	return 0;
}

static bool is_dot(const struct qstr *q)
{
	return q->len == 1 && q->name[0] == '.';
}

static bool is_dotdot(const struct qstr *q)
{
	return q->len == 2 && q->name[0] == '.' && q->name[1] == '.';
}

/* Lookup under a directory whose i_rwsem the caller holds exclusively. */
static struct dentry *lookup_locked(struct dentry *dir, struct qstr *q, unsigned int flags)
{
	int err = kfs_hash_name(dir, q);

	if (err)
		return ERR_PTR(err);
	return kfs_lookup_excl(q, dir, flags);
}

/* One step of a walk: dget'ed child of dir (maybe negative) or ERR_PTR. */
static struct dentry *walk_one(struct dentry *root, struct dentry *dir, struct qstr *q)
{
	struct inode *inode = d_inode(dir);
	int err;

	if (!d_can_lookup(dir))
		return ERR_PTR(-ENOTDIR);
	err = kfs_may_lookup(inode);
	if (err)
		return ERR_PTR(err);
	if (is_dot(q))
		return dget(dir);
	if (is_dotdot(q)) {
		if (dir == root || IS_ROOT(dir))
			return dget(dir);
		return dget_parent(dir);
	}
	err = kfs_hash_name(dir, q);
	if (err)
		return ERR_PTR(err);
	return kfs_lookup_one(dir, q, 0);
}

int kfs_lookup(struct kfs_node *dir, const char *name, struct kfs_node **out)
{
	struct dentry *parent = node_dentry(dir);
	struct dentry *dentry;
	struct qstr q;
	int err;

	*out = NULL;
	err = check_name(name, &q);
	if (err)
		return err;
	dentry = walk_one(node_mnt(dir)->mnt_root, parent, &q);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (d_is_negative(dentry)) {
		dput(dentry);
		return -ENOENT;
	}
	*out = node_from_dentry(dentry);
	return 0;
}

/*
 * Resolve a path from start (or the root), following symlinks in the
 * middle and, with follow_last, at the end.  ".." stops at the root.
 */
int kfs_walk(struct kfs_mount *m, struct kfs_node *start, const char *path, int follow_last,
	     struct kfs_node **out)
{
	struct dentry *root = m->mnt.mnt_root;
	struct dentry *cur;
	char *buf, *rest;
	int links = 0;
	int err = 0;

	*out = NULL;
	if (!path)
		return -EINVAL;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	strcpy(buf, path);
	rest = buf;

	cur = dget((start && *path != '/') ? node_dentry(start) : root);
	for (;;) {
		struct dentry *next;
		struct qstr q;
		char *comp;
		bool last;

		while (*rest == '/')
			rest++;
		if (!*rest)
			break;
		comp = rest;
		while (*rest && *rest != '/')
			rest++;
		q.name = (const unsigned char *)comp;
		q.len = rest - comp;
		q.hash = 0;
		if (q.len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		last = true;
		{
			char *p = rest;

			while (*p == '/')
				p++;
			if (*p)
				last = false;
		}

		next = walk_one(root, cur, &q);
		if (IS_ERR(next)) {
			err = PTR_ERR(next);
			break;
		}
		if (d_is_negative(next)) {
			dput(next);
			err = -ENOENT;
			break;
		}
		if (d_is_symlink(next) && (!last || follow_last || *rest == '/')) {
			DEFINE_DELAYED_CALL(done);
			const char *target;
			size_t tlen, rlen = strlen(rest);

			if (++links > MAXSYMLINKS) {
				dput(next);
				err = -ELOOP;
				break;
			}
			target = vfs_get_link(next, &done);
			if (IS_ERR(target)) {
				dput(next);
				err = PTR_ERR(target);
				break;
			}
			tlen = strlen(target);
			if (tlen + rlen + 2 > 2 * PATH_MAX) {
				do_delayed_call(&done);
				dput(next);
				err = -ENAMETOOLONG;
				break;
			}
			/* continue with target + rest of the path */
			memmove(buf + tlen + 1, rest, rlen + 1);
			memcpy(buf, target, tlen);
			buf[tlen] = '/';
			do_delayed_call(&done);
			dput(next);
			rest = buf;
			if (*rest == '/') {
				dput(cur);
				cur = dget(root);
			}
			continue;
		}
		dput(cur);
		cur = next;
	}
	kfree(buf);
	if (err) {
		dput(cur);
		return err;
	}
	*out = node_from_dentry(cur);
	return 0;
}

/*
 * The skeleton of mknod/mkdir/symlink/create: the parent locked
 * exclusively (I_MUTEX_PARENT), the new name looked up, the operation
 * called, and on success a node for what it made.
 */
struct create_args {
	int (*op)(struct inode *dir, struct dentry *dentry, struct create_args *a);
	umode_t mode;
	dev_t rdev;
	const char *target;
	bool excl;
};

/*
 * The roles of filename_create() and done_path_create(): write access to
 * the mount, the parent locked exclusively (I_MUTEX_PARENT), and a negative
 * dentry for the new name (-EEXIST if it exists).  create_end() undoes it.
 */
static struct dentry *create_begin(struct dentry *parent, struct vfsmount *mnt,
				   struct qstr *q)
{
	struct inode *dir_inode = d_inode(parent);
	struct dentry *dentry;
	int err;

	err = mnt_want_write(mnt);
	if (err)
		return ERR_PTR(err);
	inode_lock_nested(dir_inode, I_MUTEX_PARENT);
	dentry = lookup_locked(parent, q, LOOKUP_CREATE | LOOKUP_EXCL);
	if (!IS_ERR(dentry) && d_is_positive(dentry)) {
		dput(dentry);
		dentry = ERR_PTR(-EEXIST);
	}
	if (IS_ERR(dentry)) {
		inode_unlock(dir_inode);
		mnt_drop_write(mnt);
	}
	return dentry;
}

static void create_end(struct dentry *parent, struct dentry *dentry,
		       struct vfsmount *mnt)
{
	dput(dentry);
	inode_unlock(d_inode(parent));
	mnt_drop_write(mnt);
}

static int do_create(struct kfs_node *dir, const char *name, struct create_args *a,
		     struct kfs_node **out)
{
	struct dentry *parent = node_dentry(dir);
	struct inode *dir_inode = I(dir);
	struct vfsmount *mnt = node_mnt(dir);
	struct dentry *dentry;
	struct qstr q;
	int err;

	if (out)
		*out = NULL;
	err = check_name(name, &q);
	if (err)
		return err;
	if (is_dot(&q) || is_dotdot(&q))
		return -EEXIST;
	if (!d_can_lookup(parent))
		return -ENOTDIR;

	dentry = create_begin(parent, mnt, &q);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = a->op(dir_inode, dentry, a);
	if (!err && out) {
		if (d_really_is_positive(dentry)) {
			*out = node_from_dentry(dget(dentry));
		} else {
			/* the fs left the dentry unhashed: look the name up */
			struct dentry *found = lookup_locked(parent, &q, 0);

			if (IS_ERR(found)) {
				err = PTR_ERR(found);
			} else if (d_is_negative(found)) {
				dput(found);
				err = -ENOENT;
			} else {
				*out = node_from_dentry(found);
			}
		}
	}
	create_end(parent, dentry, mnt);
	return err;
}

static int op_create(struct inode *dir, struct dentry *dentry, struct create_args *a)
{
	return vfs_create(&init_user_ns, dir, dentry, a->mode, a->excl);
}

static int op_mknod(struct inode *dir, struct dentry *dentry, struct create_args *a)
{
	return vfs_mknod(&init_user_ns, dir, dentry, a->mode, a->rdev);
}

static int op_mkdir(struct inode *dir, struct dentry *dentry, struct create_args *a)
{
	return vfs_mkdir(&init_user_ns, dir, dentry, a->mode);
}

static int op_symlink(struct inode *dir, struct dentry *dentry, struct create_args *a)
{
	return vfs_symlink(&init_user_ns, dir, dentry, a->target);
}

int kfs_mknod(struct kfs_node *dir, const char *name, kfs_api_u32 mode, kfs_api_u64 rdev,
	      struct kfs_node **out)
{
	struct create_args a = { .mode = mode & (S_IFMT | S_IALLUGO) };
	int err;

	*out = NULL;
	/* may_mknod: regular files are created, directories are mkdir's job */
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		a.op = op_create;
		a.mode |= S_IFREG;
		a.excl = true;
		break;
	case S_IFCHR:
	case S_IFBLK:
		err = kernel_dev(rdev, &a.rdev);
		if (err)
			return err;
		fallthrough;
	case S_IFIFO:
	case S_IFSOCK:
		a.op = op_mknod;
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	return do_create(dir, name, &a, out);
}

int kfs_mkdir(struct kfs_node *dir, const char *name, kfs_api_u32 mode, struct kfs_node **out)
{
	struct create_args a = { .op = op_mkdir, .mode = mode & (S_IRWXUGO | S_ISVTX) };

	return do_create(dir, name, &a, out);
}

int kfs_symlink(struct kfs_node *dir, const char *name, const char *target,
		struct kfs_node **out)
{
	struct create_args a = { .op = op_symlink, .target = target };

	*out = NULL;
	if (!target)
		return -EINVAL;
	if (!*target)
		return -ENOENT;
	if (strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	return do_create(dir, name, &a, out);
}

int kfs_link(struct kfs_node *n, struct kfs_node *newdir, const char *newname,
	     struct kfs_node **out)
{
	struct dentry *old_dentry = node_dentry(n);
	struct dentry *parent = node_dentry(newdir);
	struct inode *dir_inode = I(newdir);
	struct vfsmount *mnt = node_mnt(newdir);
	struct dentry *new_dentry;
	struct qstr q;
	int err;

	*out = NULL;
	err = check_name(newname, &q);
	if (err)
		return err;
	if (is_dot(&q) || is_dotdot(&q))
		return -EEXIST;
	if (node_mnt(n) != mnt)
		return -EXDEV;
	if (!d_can_lookup(parent))
		return -ENOTDIR;
	if (S_ISDIR(I(n)->i_mode))
		return -EPERM;

	new_dentry = create_begin(parent, mnt, &q);
	if (IS_ERR(new_dentry))
		return PTR_ERR(new_dentry);
	err = vfs_link(old_dentry, &init_user_ns, dir_inode, new_dentry, NULL);
	if (!err) {
		kfs_node_get(n);
		*out = n;
	}
	create_end(parent, new_dentry, mnt);
	return err;
}

int kfs_unlink(struct kfs_node *dir, const char *name)
{
	struct dentry *parent = node_dentry(dir);
	struct inode *dir_inode = I(dir);
	struct vfsmount *mnt = node_mnt(dir);
	struct inode *victim = NULL;
	struct dentry *dentry;
	struct qstr q;
	int err;

	err = check_name(name, &q);
	if (err)
		return err;
	if (is_dot(&q) || is_dotdot(&q))
		return -EISDIR;
	if (!d_can_lookup(parent))
		return -ENOTDIR;

	err = mnt_want_write(mnt);
	if (err)
		return err;
	inode_lock_nested(dir_inode, I_MUTEX_PARENT);
	dentry = lookup_locked(parent, &q, 0);
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto out_unlock;
	}
	if (d_is_negative(dentry)) {
		err = -ENOENT;
		goto out_dput;
	}
	/* the final iput (freeing an unlinked inode) must not run under dir's lock */
	victim = d_inode(dentry);
	ihold(victim);
	err = vfs_unlink(&init_user_ns, dir_inode, dentry, NULL);
out_dput:
	dput(dentry);
out_unlock:
	inode_unlock(dir_inode);
	iput(victim);
	mnt_drop_write(mnt);
	return err;
}

int kfs_rmdir(struct kfs_node *dir, const char *name)
{
	struct dentry *parent = node_dentry(dir);
	struct inode *dir_inode = I(dir);
	struct vfsmount *mnt = node_mnt(dir);
	struct dentry *dentry;
	struct qstr q;
	int err;

	err = check_name(name, &q);
	if (err)
		return err;
	if (is_dot(&q))
		return -EINVAL;
	if (is_dotdot(&q))
		return -ENOTEMPTY;
	if (!d_can_lookup(parent))
		return -ENOTDIR;

	err = mnt_want_write(mnt);
	if (err)
		return err;
	inode_lock_nested(dir_inode, I_MUTEX_PARENT);
	dentry = lookup_locked(parent, &q, 0);
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto out_unlock;
	}
	if (d_is_negative(dentry))
		err = -ENOENT;
	else
		err = vfs_rmdir(&init_user_ns, dir_inode, dentry);
	dput(dentry);
out_unlock:
	inode_unlock(dir_inode);
	mnt_drop_write(mnt);
	return err;
}

int kfs_rename(struct kfs_node *olddir, const char *oldname, struct kfs_node *newdir,
	       const char *newname, unsigned int flags)
{
	struct dentry *old_parent = node_dentry(olddir);
	struct dentry *new_parent = node_dentry(newdir);
	struct vfsmount *mnt = node_mnt(olddir);
	struct dentry *old_dentry, *new_dentry, *trap;
	struct renamedata rd = {};
	struct qstr oq, nq;
	unsigned int lookup_flags = LOOKUP_RENAME_TARGET;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	err = check_name(oldname, &oq);
	if (err)
		return err;
	err = check_name(newname, &nq);
	if (err)
		return err;
	if (is_dot(&oq) || is_dotdot(&oq))
		return -EBUSY;
	if (is_dot(&nq) || is_dotdot(&nq))
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	if (node_mnt(newdir) != mnt)
		return -EXDEV;
	if (!d_can_lookup(old_parent) || !d_can_lookup(new_parent))
		return -ENOTDIR;
	if (flags & RENAME_EXCHANGE)
		lookup_flags = 0;
	if (flags & RENAME_NOREPLACE)
		lookup_flags |= LOOKUP_EXCL;

	err = mnt_want_write(mnt);
	if (err)
		return err;

	trap = lock_rename(new_parent, old_parent);

	old_dentry = lookup_locked(old_parent, &oq, 0);
	if (IS_ERR(old_dentry)) {
		err = PTR_ERR(old_dentry);
		goto out_unlock;
	}
	err = -ENOENT;
	if (d_is_negative(old_dentry))
		goto out_old;

	new_dentry = lookup_locked(new_parent, &nq, lookup_flags);
	if (IS_ERR(new_dentry)) {
		err = PTR_ERR(new_dentry);
		goto out_old;
	}
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && d_is_positive(new_dentry))
		goto out_new;
	if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
		if (d_is_negative(new_dentry))
			goto out_new;
	}
	/* the source must not be an ancestor of the target... */
	err = -EINVAL;
	if (old_dentry == trap)
		goto out_new;
	/* ...nor the target one of the source */
	if (!(flags & RENAME_EXCHANGE))
		err = -ENOTEMPTY;
	if (new_dentry == trap)
		goto out_new;

	rd.old_mnt_userns = &init_user_ns;
	rd.old_dir = d_inode(old_parent);
	rd.old_dentry = old_dentry;
	rd.new_mnt_userns = &init_user_ns;
	rd.new_dir = d_inode(new_parent);
	rd.new_dentry = new_dentry;
	rd.flags = flags;
	err = vfs_rename(&rd);
out_new:
	dput(new_dentry);
out_old:
	dput(old_dentry);
out_unlock:
	unlock_rename(new_parent, old_parent);
	mnt_drop_write(mnt);
	return err;
}

kfs_api_ssize_t kfs_readlink(struct kfs_node *n, char *buf, kfs_api_size_t size)
{
	struct dentry *dentry = node_dentry(n);
	struct path path = { .mnt = node_mnt(n), .dentry = dentry };
	int ret;

	if (size > INT_MAX)
		size = INT_MAX;
	if (!d_is_symlink(dentry))
		return -EINVAL;
	ret = vfs_readlink(dentry, (char __user *)buf, size);
	if (ret >= 0)
		touch_atime(&path);
	return ret;
}

/* --------------------------------------------------------------- files */

static int file_acc_mode(int flags)
{
	int acc_mode = ACC_MODE(flags);

	if (flags & O_TRUNC)
		acc_mode |= MAY_WRITE;
	if (flags & O_APPEND)
		acc_mode |= MAY_APPEND;
	return acc_mode;
}

/* The valid O_* bits of an open, the API's own flag taken out. */
static int open_flags(int flags, fmode_t *extra)
{
	*extra = 0;
	if (flags & KFS_OPEN_CACHE_READ) {
		flags &= ~KFS_OPEN_CACHE_READ;
		if ((flags & O_ACCMODE) == O_WRONLY)
			*extra = FMODE_READ;
	}
	flags &= VALID_OPEN_FLAGS & ~(O_CLOEXEC | O_NOCTTY);
	if (flags & __O_SYNC)
		flags |= O_DSYNC;
	return flags | O_LARGEFILE;
}

/* Open the node's dentry: may_open, then do_dentry_open, then O_TRUNC. */
static int open_node(struct kfs_node *n, int flags, fmode_t extra, bool created,
		     struct kfs_file **out)
{
	struct path path = { .mnt = node_mnt(n), .dentry = node_dentry(n) };
	struct inode *inode = I(n);
	struct file *f;
	int acc_mode = created ? 0 : file_acc_mode(flags);
	bool truncate = !created && (flags & O_TRUNC) && S_ISREG(inode->i_mode);
	int err;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if ((flags & O_ACCMODE) == 3)
		return -EINVAL;

	if (truncate) {
		err = mnt_want_write(path.mnt);
		if (err)
			return err;
	}
	err = may_open(&init_user_ns, &path, acc_mode, flags);
	if (err)
		goto out;

	f = kfs_dentry_open(&path, flags, extra, current_cred());
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out;
	}
	if (truncate) {
		err = do_truncate(&init_user_ns, path.dentry, 0, ATTR_MTIME | ATTR_CTIME | ATTR_OPEN,
				  f);
		if (err) {
			fput(f);
			goto out;
		}
	}
	if (created)
		f->f_mode |= FMODE_CREATED;
	atomic_inc(&inode_mount(inode)->files);
	*out = (struct kfs_file *)f;
out:
	if (truncate)
		mnt_drop_write(path.mnt);
	return err;
}

int kfs_open(struct kfs_node *n, int flags, struct kfs_file **out)
{
	fmode_t extra;

	*out = NULL;
	flags = open_flags(flags, &extra);
	if (flags & O_TMPFILE & ~O_DIRECTORY)
		return -EOPNOTSUPP;
	return open_node(n, flags & ~(O_CREAT | O_EXCL), extra, false, out);
}

/*
 * O_CREAT on a name that exists, in a sticky directory (the role of
 * may_create_in_sticky, Documentation/admin-guide/sysctl/fs.rst
 * protected_fifos/protected_regular, here at their kernel defaults of 0):
 * fifos and regular files open as usual; any other file that neither the
 * caller nor the directory's owner owns is refused in a world-writable
 * sticky directory, even for root.
 */
static int may_create_in_sticky(umode_t dir_mode, kuid_t dir_uid, struct inode *inode)
{
	if (S_ISFIFO(inode->i_mode) || S_ISREG(inode->i_mode) || !(dir_mode & S_ISVTX) ||
	    uid_eq(inode->i_uid, dir_uid) || uid_eq(current_fsuid(), inode->i_uid))
		return 0;
	return (dir_mode & 0002) ? -EACCES : 0;
}

/*
 * open(O_CREAT): the parent is locked exclusively while the name is
 * looked up and, if absent, created (lookup_open); the open itself runs
 * after the parent is unlocked.  A file this call created is opened
 * without a permission check and not truncated, as in the kernel.
 */
int kfs_create(struct kfs_node *dir, const char *name, kfs_api_u32 mode, int flags,
	       struct kfs_node **node, struct kfs_file **file)
{
	struct dentry *parent = node_dentry(dir);
	struct inode *dir_inode = I(dir);
	struct vfsmount *mnt = node_mnt(dir);
	struct dentry *dentry;
	struct kfs_node *n = NULL;
	bool created = false;
	fmode_t extra;
	struct qstr q;
	int err, want_write;

	*node = NULL;
	*file = NULL;
	flags = open_flags(flags, &extra) | O_CREAT;
	err = check_name(name, &q);
	if (err)
		return err;
	if (!d_can_lookup(parent))
		return -ENOTDIR;
	if (is_dot(&q) || is_dotdot(&q))
		return -EISDIR;
	err = kfs_may_lookup(dir_inode);
	if (err)
		return err;

	/* no write access yet: still fine for opening an existing file */
	want_write = mnt_want_write(mnt);

	inode_lock_nested(dir_inode, I_MUTEX_PARENT);
	dentry = lookup_locked(parent, &q, LOOKUP_OPEN | LOOKUP_CREATE |
				       ((flags & O_EXCL) ? LOOKUP_EXCL : 0));
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto out_unlock;
	}
	if (d_is_positive(dentry)) {
		err = -EEXIST;
		if (flags & O_EXCL)
			goto out_dput;
		err = -EISDIR;
		if (d_is_dir(dentry))
			goto out_dput;
		err = 0;
	} else {
		err = want_write;
		if (err)
			goto out_dput;
		err = vfs_create(&init_user_ns, dir_inode, dentry,
				 (mode & S_IALLUGO) | S_IFREG, flags & O_EXCL);
		if (err)
			goto out_dput;
		created = true;
	}
	if (d_really_is_positive(dentry))
		n = node_from_dentry(dget(dentry));
	else
		err = -ENOENT;
out_dput:
	dput(dentry);
out_unlock:
	inode_unlock(dir_inode);
	if (!want_write)
		mnt_drop_write(mnt);
	if (err)
		return err;

	if (!created && d_is_symlink(node_dentry(n))) {
		/* O_CREAT does not follow a final symlink here (no path walk) */
		kfs_node_put(n);
		return -ELOOP;
	}
	if (!created) {
		err = may_create_in_sticky(dir_inode->i_mode, dir_inode->i_uid, I(n));
		if (err) {
			kfs_node_put(n);
			return err;
		}
	}
	err = open_node(n, flags & ~(O_CREAT | O_EXCL), extra, created, file);
	if (err) {
		kfs_node_put(n);
		return err;
	}
	*node = n;
	return 0;
}

int kfs_release(struct kfs_file *kf)
{
	struct file *f = F(kf);
	struct kfs_mount *m = inode_mount(f->f_inode);

	fput(f);
	atomic_dec(&m->files);
	return 0;
}

kfs_api_s64 kfs_file_size(struct kfs_file *kf)
{
	return i_size_read(file_inode(F(kf)));
}

int kfs_file_has_flush(struct kfs_file *kf)
{
	return F(kf)->f_op->flush != NULL;
}

int kfs_flush(struct kfs_file *kf)
{
	struct file *f = F(kf);

	if (f->f_op->flush)
		return f->f_op->flush(f, NULL);
	return 0;
}

struct kfs_node *kfs_file_node(struct kfs_file *kf)
{
	return node_from_dentry(dget(F(kf)->f_path.dentry));
}

static kfs_api_ssize_t file_read(struct file *f, struct kvec *kv, int cnt, loff_t off)
{
	struct iov_iter iter;
	struct kiocb kiocb;
	size_t total = 0;
	int i;

	for (i = 0; i < cnt; i++)
		total += kv[i].iov_len;
	if (!f->f_op->read_iter) {
		/* directories: ->read is generic_read_dir (EISDIR) */
		if (f->f_op->read && cnt == 1) {
			loff_t pos = off;

			return f->f_op->read(f, (char __user *)kv[0].iov_base, kv[0].iov_len, &pos);
		}
		return -EINVAL;
	}
	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = off;
	iov_iter_kvec(&iter, READ, kv, cnt, total);
	return vfs_iocb_iter_read(f, &kiocb, &iter);
}

static kfs_api_ssize_t file_write(struct file *f, struct kvec *kv, int cnt, loff_t off)
{
	struct iov_iter iter;
	struct kiocb kiocb;
	size_t total = 0;
	int i;

	for (i = 0; i < cnt; i++)
		total += kv[i].iov_len;
	if (S_ISDIR(file_inode(f)->i_mode))
		return -EISDIR;
	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = off;
	iov_iter_kvec(&iter, WRITE, kv, cnt, total);
	return vfs_iocb_iter_write(f, &kiocb, &iter);
}

kfs_api_ssize_t kfs_read(struct kfs_file *f, void *buf, kfs_api_size_t size, kfs_api_s64 off)
{
	struct kvec kv = { .iov_base = buf, .iov_len = min_t(size_t, size, MAX_RW_COUNT) };

	return file_read(F(f), &kv, 1, off);
}

kfs_api_ssize_t kfs_write(struct kfs_file *f, const void *buf, kfs_api_size_t size,
			  kfs_api_s64 off)
{
	struct kvec kv = { .iov_base = (void *)buf, .iov_len = min_t(size_t, size, MAX_RW_COUNT) };

	return file_write(F(f), &kv, 1, off);
}

/* struct kfs_iovec and struct kvec have the same layout (pointer, length). */
static struct kvec *to_kvec(const struct kfs_iovec *iov, int cnt)
{
	BUILD_BUG_ON(sizeof(struct kfs_iovec) != sizeof(struct kvec));
	BUILD_BUG_ON(offsetof(struct kfs_iovec, len) != offsetof(struct kvec, iov_len));
	return (struct kvec *)iov;
}

kfs_api_ssize_t kfs_readv(struct kfs_file *f, const struct kfs_iovec *iov, int cnt,
			  kfs_api_s64 off)
{
	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	return file_read(F(f), to_kvec(iov, cnt), cnt, off);
}

kfs_api_ssize_t kfs_writev(struct kfs_file *f, const struct kfs_iovec *iov, int cnt,
			   kfs_api_s64 off)
{
	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	return file_write(F(f), to_kvec(iov, cnt), cnt, off);
}

int kfs_fsync(struct kfs_file *f, int datasync)
{
	return vfs_fsync(F(f), datasync);
}

int kfs_fallocate(struct kfs_file *f, int mode, kfs_api_s64 off, kfs_api_s64 len)
{
	return vfs_fallocate(F(f), mode, off, len);
}

kfs_api_s64 kfs_lseek(struct kfs_file *kf, kfs_api_s64 off, int whence)
{
	struct file *f = F(kf);
	loff_t ret;

	if (whence < SEEK_SET || whence > SEEK_MAX)
		return -EINVAL;
	mutex_lock(&f->f_pos_lock);
	ret = vfs_llseek(f, off, whence);
	mutex_unlock(&f->f_pos_lock);
	return ret;
}

int kfs_get_flags(struct kfs_node *n, kfs_api_u32 *flags)
{
	struct fileattr fa = {};
	int err;

	err = vfs_fileattr_get(node_dentry(n), &fa);
	if (err == -ENOIOCTLCMD)
		return -ENOTTY;
	if (!err)
		*flags = fa.flags;
	return err;
}

int kfs_set_flags(struct kfs_node *n, kfs_api_u32 flags)
{
	struct fileattr fa;
	int err;

	err = mnt_want_write(node_mnt(n));
	if (err)
		return err;
	fileattr_fill_flags(&fa, flags);
	err = vfs_fileattr_set(&init_user_ns, node_dentry(n), &fa);
	mnt_drop_write(node_mnt(n));
	if (err == -ENOIOCTLCMD)
		return -ENOTTY;
	return err;
}

/* FS_IOC_FIEMAP, as ioctl_fiemap does it, into a kernel-side array. */
int kfs_fiemap(struct kfs_node *n, kfs_api_u64 start, kfs_api_u64 len, kfs_api_u32 flags,
	       struct kfs_fiemap_extent *ext, kfs_api_u32 max)
{
	struct inode *inode = I(n);
	struct fiemap_extent *buf = NULL;
	struct fiemap_extent_info fi = { .fi_flags = flags, .fi_extents_max = max };
	unsigned int i;
	int err;

	if (!inode->i_op->fiemap)
		return -EOPNOTSUPP;
	if (max > UINT_MAX / sizeof(*buf))
		return -EINVAL;
	if (max) {
		buf = kvmalloc_array(max, sizeof(*buf), GFP_KERNEL | __GFP_ZERO);
		if (!buf)
			return -ENOMEM;
		fi.fi_extents_start = buf;
	}
	err = inode->i_op->fiemap(inode, &fi, start, len);
	if (!err) {
		for (i = 0; i < fi.fi_extents_mapped && i < max; i++) {
			ext[i].logical = buf[i].fe_logical;
			ext[i].physical = buf[i].fe_physical;
			ext[i].length = buf[i].fe_length;
			ext[i].flags = buf[i].fe_flags;
		}
		err = fi.fi_extents_mapped;
	}
	kvfree(buf);
	return err;
}

/* --------------------------------------------------------- directories */

/*
 * The fs emits an entry before it knows where the next one starts, but the
 * caller wants each entry with the position after it.  So each entry is
 * held back until the next one (or the end) reveals that position.
 */
struct api_dir_context {
	struct dir_context ctx;
	kfs_dirent_fn emit;
	void *uctx;
	bool pending;
	bool stopped;
	loff_t resume;		/* where to continue after a refusal */
	loff_t p_pos;
	u64 p_ino;
	unsigned int p_type;
	int p_len;
	char *p_name;
	char p_inline[256];
	char *p_alloc;
	size_t p_alloc_size;
	int error;
};

static bool api_emit_pending(struct api_dir_context *c, loff_t next)
{
	if (!c->pending)
		return true;
	c->pending = false;
	if (c->emit(c->uctx, c->p_name, c->p_len, c->p_ino, c->p_type, next)) {
		c->stopped = true;
		c->resume = c->p_pos;
		return false;
	}
	return true;
}

static bool api_filldir(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
			u64 ino, unsigned int d_type)
{
	struct api_dir_context *c = container_of(ctx, struct api_dir_context, ctx);

	if (!api_emit_pending(c, offset))
		return false;

	if (namlen < (int)sizeof(c->p_inline)) {
		c->p_name = c->p_inline;
	} else {
		if (c->p_alloc_size <= namlen) {
			kfree(c->p_alloc);
			c->p_alloc_size = namlen + 1;
			c->p_alloc = kmalloc(c->p_alloc_size, GFP_KERNEL);
			if (!c->p_alloc) {
				c->p_alloc_size = 0;
				c->error = -ENOMEM;
				c->stopped = true;
				c->resume = offset;
				return false;
			}
		}
		c->p_name = c->p_alloc;
	}
	memcpy(c->p_name, name, namlen);
	c->p_name[namlen] = 0;
	c->p_len = namlen;
	c->p_pos = offset;
	c->p_ino = ino;
	c->p_type = d_type;
	c->pending = true;
	return true;
}

int kfs_readdir(struct kfs_file *kf, kfs_api_s64 pos, kfs_dirent_fn emit, void *uctx)
{
	struct file *f = F(kf);
	struct api_dir_context c = {
		.ctx.actor = api_filldir,
		.emit = emit,
		.uctx = uctx,
	};
	int err;

	mutex_lock(&f->f_pos_lock);
	if (pos != f->f_pos) {
		/* a seek: the fs's iterator state (f_version) is stale */
		f->f_pos = pos;
		f->f_version = 0;
	}
	err = iterate_dir(f, &c.ctx);
	if (!err && !c.stopped)
		api_emit_pending(&c, f->f_pos);
	if (c.stopped)
		f->f_pos = c.resume;
	mutex_unlock(&f->f_pos_lock);
	kfree(c.p_alloc);
	if (c.error)
		return c.error;
	return err;
}

/* -------------------------------------------------------------- xattrs */

/* The name rules of the xattr syscalls (ERANGE for empty or too long). */
static int check_xattr_name(const char *name)
{
	size_t len;

	if (!name)
		return -EINVAL;
	len = strlen(name);
	if (len == 0 || len > XATTR_NAME_MAX)
		return -ERANGE;
	return 0;
}

kfs_api_ssize_t kfs_getxattr(struct kfs_node *n, const char *name, void *buf,
			     kfs_api_size_t size)
{
	ssize_t ret;
	int err;

	err = check_xattr_name(name);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		size = XATTR_SIZE_MAX;
	ret = vfs_getxattr(&init_user_ns, node_dentry(n), name, size ? buf : NULL, size);
	if (ret == -ERANGE && size >= XATTR_SIZE_MAX)
		ret = -E2BIG;
	return ret;
}

kfs_api_ssize_t kfs_listxattr(struct kfs_node *n, char *buf, kfs_api_size_t size)
{
	ssize_t ret;

	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	ret = vfs_listxattr(node_dentry(n), size ? buf : NULL, size);
	if (ret == -ERANGE && size >= XATTR_LIST_MAX)
		ret = -E2BIG;
	return ret;
}

int kfs_setxattr(struct kfs_node *n, const char *name, const void *value,
		 kfs_api_size_t size, int flags)
{
	int err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = check_xattr_name(name);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	err = mnt_want_write(node_mnt(n));
	if (err)
		return err;
	err = vfs_setxattr(&init_user_ns, node_dentry(n), name, value, size, flags);
	mnt_drop_write(node_mnt(n));
	return err;
}

int kfs_removexattr(struct kfs_node *n, const char *name)
{
	int err;

	err = check_xattr_name(name);
	if (err)
		return err;
	err = mnt_want_write(node_mnt(n));
	if (err)
		return err;
	err = vfs_removexattr(&init_user_ns, node_dentry(n), name);
	mnt_drop_write(node_mnt(n));
	return err;
}

/* ---------------------------------------------------------------- init */

/* The VFS caches, before any filesystem registers (module_init level). */
static int __init kfs_vfs_caches_init(void)
{
	int err;

	err = kfs_dcache_init();
	if (!err)
		err = kfs_inode_cache_init();
	if (!err)
		err = kfs_files_init();
	return err;
}
fs_initcall(kfs_vfs_caches_init);
