/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFS objects and the contract between the VFS and a filesystem:
 * struct inode, super_block, file, address_space and their operation
 * tables, as Documentation/filesystems/vfs.rst describes them, with the
 * locking of Documentation/filesystems/locking.rst.  Field and function
 * names are the kernel's (6.1), because filesystems compiled unmodified
 * from the kernel tree use them.  What is implemented where:
 *  - inodes, the inode cache and times: compat/fs/inode.c
 *  - dentries: compat/fs/dcache.c (linux/dcache.h)
 *  - super blocks and mounting: compat/fs/super.c, filesystems.c
 *  - permission checks, names, symlinks: compat/fs/namei.c
 *  - attributes: attr.c, stat.c; open files: open.c, read_write.c,
 *    readdir.c; helpers for small filesystems: libfs.c; xattrs: xattr.c
 *  - the page cache and writeback (struct address_space internals,
 *    __mark_inode_dirty, generic_file_read_iter...): compat/mm and
 *    compat/fs/fs-writeback.c.
 * kfs has a single user namespace, no idmapped mounts, no file locks
 * beyond what CONFIG_FILE_LOCKING fs code needs to compile, no mmap and no
 * freezing; the helpers for those say so where they are declared.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/linkage.h>
#include <linux/wait_bit.h>
#include <linux/kdev_t.h>
#include <linux/dcache.h>
#include <linux/path.h>
#include <linux/stat.h>
#include <linux/cache.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/xarray.h>
#include <linux/init.h>
#include <linux/bug.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/mm_types.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/atomic.h>
#include <linux/shrinker.h>
#include <linux/migrate_mode.h>
#include <linux/uidgid.h>
#include <linux/lockdep.h>
#include <linux/percpu-rwsem.h>
#include <linux/workqueue.h>
#include <linux/delayed_call.h>
#include <linux/uuid.h>
#include <linux/errseq.h>
#include <linux/fs_types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/mount.h>
#include <linux/cred.h>
#include <linux/mnt_idmapping.h>
#include <linux/slab.h>
#include <linux/time64.h>
#include <linux/err.h>
#include <linux/ioctl.h>
#include <asm/byteorder.h>

struct task_struct;
struct audit_names;
struct kstat;
struct backing_dev_info;
struct bdi_writeback;
struct bio;
struct export_operations;
struct fiemap_extent_info;
struct iovec;
struct kiocb;
struct pipe_inode_info;
struct poll_table_struct;
struct kstatfs;
struct vm_area_struct;
struct vfsmount;
struct cred;
struct swap_info_struct;
struct seq_file;
struct workqueue_struct;
struct iov_iter;
struct fs_context;
struct fs_parameter_spec;
struct fileattr;
struct iomap_ops;
struct posix_acl;
struct xattr_handler;
struct block_device;
struct mtd_info;
struct cdev;
struct file_lock;
struct file_lock_context;
struct io_comp_batch;
struct io_uring_cmd;
struct wait_page_queue;
struct writeback_control;
struct readahead_control;
struct dquot_operations;
struct quotactl_ops;
struct module;
struct buffer_head;
struct page;
struct folio;

/* ----------------------------------------------------------- user ABI */

/* Default block size of the old block-device API (BLOCK_SIZE of fs.h). */
#define BLOCK_SIZE_BITS	10
#define BLOCK_SIZE	(1 << BLOCK_SIZE_BITS)

#define INR_OPEN_CUR	1024
#define INR_OPEN_MAX	4096
#define NR_FILE		8192

/* lseek whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* renameat2 flags */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* Inode flags of FS_IOC_GETFLAGS/SETFLAGS (the "lsattr" flags). */
#define FS_SECRM_FL		0x00000001
#define FS_UNRM_FL		0x00000002
#define FS_COMPR_FL		0x00000004
#define FS_SYNC_FL		0x00000008
#define FS_IMMUTABLE_FL		0x00000010
#define FS_APPEND_FL		0x00000020
#define FS_NODUMP_FL		0x00000040
#define FS_NOATIME_FL		0x00000080
#define FS_DIRTY_FL		0x00000100
#define FS_COMPRBLK_FL		0x00000200
#define FS_NOCOMP_FL		0x00000400
#define FS_ENCRYPT_FL		0x00000800
#define FS_BTREE_FL		0x00001000
#define FS_INDEX_FL		0x00001000
#define FS_IMAGIC_FL		0x00002000
#define FS_JOURNAL_DATA_FL	0x00004000
#define FS_NOTAIL_FL		0x00008000
#define FS_DIRSYNC_FL		0x00010000
#define FS_TOPDIR_FL		0x00020000
#define FS_HUGE_FILE_FL		0x00040000
#define FS_EXTENT_FL		0x00080000
#define FS_VERITY_FL		0x00100000
#define FS_EA_INODE_FL		0x00200000
#define FS_EOFBLOCKS_FL		0x00400000
#define FS_NOCOW_FL		0x00800000
#define FS_DAX_FL		0x02000000
#define FS_INLINE_DATA_FL	0x10000000
#define FS_PROJINHERIT_FL	0x20000000
#define FS_CASEFOLD_FL		0x40000000
#define FS_RESERVED_FL		0x80000000
#define FS_FL_USER_VISIBLE	0x0003DFFF
#define FS_FL_USER_MODIFIABLE	0x000380FF

/* The "xflags" of FS_IOC_FSGETXATTR (struct fsxattr). */
#define FS_XFLAG_REALTIME	0x00000001
#define FS_XFLAG_PREALLOC	0x00000002
#define FS_XFLAG_IMMUTABLE	0x00000008
#define FS_XFLAG_APPEND		0x00000010
#define FS_XFLAG_SYNC		0x00000020
#define FS_XFLAG_NOATIME	0x00000040
#define FS_XFLAG_NODUMP		0x00000080
#define FS_XFLAG_RTINHERIT	0x00000100
#define FS_XFLAG_PROJINHERIT	0x00000200
#define FS_XFLAG_NOSYMLINKS	0x00000400
#define FS_XFLAG_EXTSIZE	0x00000800
#define FS_XFLAG_EXTSZINHERIT	0x00001000
#define FS_XFLAG_NODEFRAG	0x00002000
#define FS_XFLAG_FILESTREAM	0x00004000
#define FS_XFLAG_DAX		0x00008000
#define FS_XFLAG_COWEXTSIZE	0x00010000
#define FS_XFLAG_HASATTR	0x80000000

struct fsxattr {
	__u32 fsx_xflags;
	__u32 fsx_extsize;
	__u32 fsx_nextents;
	__u32 fsx_projid;
	__u32 fsx_cowextsize;
	unsigned char fsx_pad[8];
};

#define FSLABEL_MAX 256

#define FS_IOC_GETFLAGS		_IOR('f', 1, long)
#define FS_IOC_SETFLAGS		_IOW('f', 2, long)
#define FS_IOC_GETVERSION	_IOR('v', 1, long)
#define FS_IOC_SETVERSION	_IOW('v', 2, long)
#define FS_IOC_FIEMAP		_IOWR('f', 11, struct fiemap)
#define FS_IOC32_GETFLAGS	_IOR('f', 1, int)
#define FS_IOC32_SETFLAGS	_IOW('f', 2, int)
#define FS_IOC32_GETVERSION	_IOR('v', 1, int)
#define FS_IOC32_SETVERSION	_IOW('v', 2, int)
#define FS_IOC_FSGETXATTR	_IOR('X', 31, struct fsxattr)
#define FS_IOC_FSSETXATTR	_IOW('X', 32, struct fsxattr)
#define FS_IOC_GETFSLABEL	_IOR(0x94, 49, char[FSLABEL_MAX])
#define FS_IOC_SETFSLABEL	_IOW(0x94, 50, char[FSLABEL_MAX])
#define FITRIM			_IOWR('X', 121, struct fstrim_range)
#define FIBMAP			_IO(0x00, 1)
#define FIGETBSZ		_IO(0x00, 2)
#define BLKGETSIZE64		_IOR(0x12, 114, size_t)

struct fstrim_range {
	__u64 start;
	__u64 len;
	__u64 minlen;
};

/* Flags of preadv2/pwritev2 (RWF_*), carried into kiocb->ki_flags. */
typedef int __bitwise __kernel_rwf_t;
typedef __kernel_rwf_t rwf_t;
#define RWF_HIPRI	((__force __kernel_rwf_t)0x00000001)
#define RWF_DSYNC	((__force __kernel_rwf_t)0x00000002)
#define RWF_SYNC	((__force __kernel_rwf_t)0x00000004)
#define RWF_NOWAIT	((__force __kernel_rwf_t)0x00000008)
#define RWF_APPEND	((__force __kernel_rwf_t)0x00000010)
#define RWF_SUPPORTED	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

/* The mount(2) flags (MS_*), which equal the SB_* flags below. */
#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_SYNCHRONOUS	16
#define MS_REMOUNT	32
#define MS_MANDLOCK	64
#define MS_DIRSYNC	128
#define MS_NOSYMFOLLOW	256
#define MS_NOATIME	1024
#define MS_NODIRATIME	2048
#define MS_BIND		4096
#define MS_SILENT	32768
#define MS_POSIXACL	(1 << 16)
#define MS_I_VERSION	(1 << 23)
#define MS_LAZYTIME	(1 << 25)
#define MS_RMT_MASK	(MS_RDONLY | MS_SYNCHRONOUS | MS_MANDLOCK | MS_I_VERSION | MS_LAZYTIME)

/* --------------------------------------------------- permission masks */

#define MAY_EXEC		0x00000001
#define MAY_WRITE		0x00000002
#define MAY_READ		0x00000004
#define MAY_APPEND		0x00000008
#define MAY_ACCESS		0x00000010
#define MAY_OPEN		0x00000020
#define MAY_CHDIR		0x00000040
#define MAY_NOT_BLOCK		0x00000080	/* called from RCU walk: never in kfs */

/* f_mode: how a file was opened and what it can do (FMODE_*). */
#define FMODE_READ		((__force fmode_t)0x1)
#define FMODE_WRITE		((__force fmode_t)0x2)
#define FMODE_LSEEK		((__force fmode_t)0x4)
#define FMODE_PREAD		((__force fmode_t)0x8)
#define FMODE_PWRITE		((__force fmode_t)0x10)
#define FMODE_EXEC		((__force fmode_t)0x20)
#define FMODE_NDELAY		((__force fmode_t)0x40)
#define FMODE_EXCL		((__force fmode_t)0x80)
#define FMODE_WRITE_IOCTL	((__force fmode_t)0x100)
#define FMODE_32BITHASH		((__force fmode_t)0x200)
#define FMODE_64BITHASH		((__force fmode_t)0x400)
#define FMODE_NOCMTIME		((__force fmode_t)0x800)
#define FMODE_RANDOM		((__force fmode_t)0x1000)
#define FMODE_UNSIGNED_OFFSET	((__force fmode_t)0x2000)
#define FMODE_PATH		((__force fmode_t)0x4000)
#define FMODE_ATOMIC_POS	((__force fmode_t)0x8000)
#define FMODE_WRITER		((__force fmode_t)0x10000)
#define FMODE_CAN_READ		((__force fmode_t)0x20000)
#define FMODE_CAN_WRITE		((__force fmode_t)0x40000)
#define FMODE_OPENED		((__force fmode_t)0x80000)
#define FMODE_CREATED		((__force fmode_t)0x100000)
#define FMODE_STREAM		((__force fmode_t)0x200000)
#define FMODE_CAN_ODIRECT	((__force fmode_t)0x400000)
#define FMODE_NONOTIFY		((__force fmode_t)0x4000000)
#define FMODE_NOWAIT		((__force fmode_t)0x8000000)
#define FMODE_NEED_UNMOUNT	((__force fmode_t)0x10000000)
#define FMODE_NOACCOUNT		((__force fmode_t)0x20000000)
#define FMODE_BUF_RASYNC	((__force fmode_t)0x40000000)
#define FMODE_BUF_WASYNC	((__force fmode_t)0x80000000)

#define __FMODE_EXEC		((__force int)FMODE_EXEC)
#define __FMODE_NONOTIFY	((__force int)FMODE_NONOTIFY)

/* The MAY_* access an open(2) access mode asks for, and its FMODE_*. */
#define ACC_MODE(x)	("\004\002\006\006"[(x) & O_ACCMODE])
#define OPEN_FMODE(flag)						\
	((__force fmode_t)((((flag) + 1) & O_ACCMODE) | ((flag) & __FMODE_NONOTIFY)))

/* --------------------------------------------------------- attributes */

/* iattr.ia_valid: which fields notify_change()/->setattr must apply. */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
#define ATTR_ATIME_SET	(1 << 7)	/* ia_atime given, not "now" */
#define ATTR_MTIME_SET	(1 << 8)
#define ATTR_FORCE	(1 << 9)	/* skip the permission checks */
#define ATTR_KILL_SUID	(1 << 11)
#define ATTR_KILL_SGID	(1 << 12)
#define ATTR_FILE	(1 << 13)	/* ia_file is valid */
#define ATTR_KILL_PRIV	(1 << 14)
#define ATTR_OPEN	(1 << 15)	/* truncation from open(O_TRUNC) */
#define ATTR_TIMES_SET	(1 << 16)
#define ATTR_TOUCH	(1 << 17)

#define WHITEOUT_MODE 0
#define WHITEOUT_DEV 0

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	/* ia_uid and ia_vfsuid always hold the same value (no idmapping). */
	union {
		kuid_t ia_uid;
		vfsuid_t ia_vfsuid;
	};
	union {
		kgid_t ia_gid;
		vfsgid_t ia_vfsgid;
	};
	loff_t ia_size;
	struct timespec64 ia_atime;
	struct timespec64 ia_mtime;
	struct timespec64 ia_ctime;
	struct file *ia_file;	/* test ATTR_FILE, not this pointer */
};

/* ------------------------------------------------------------ file I/O */

typedef int(get_block_t)(struct inode *inode, sector_t iblock,
			 struct buffer_head *bh_result, int create);
typedef int(dio_iodone_t)(struct kiocb *iocb, loff_t offset, ssize_t bytes, void *private);

enum positive_aop_returns {
	AOP_WRITEPAGE_ACTIVATE = 0x80000,
	AOP_TRUNCATED_PAGE = 0x80001,
};

enum rw_hint {
	WRITE_LIFE_NOT_SET = 0,
	WRITE_LIFE_NONE = 1,
	WRITE_LIFE_SHORT = 2,
	WRITE_LIFE_MEDIUM = 3,
	WRITE_LIFE_LONG = 4,
	WRITE_LIFE_EXTREME = 5,
};

/* kiocb->ki_flags; the low bits are the RWF_* flags of the request. */
#define IOCB_HIPRI		((__force int)RWF_HIPRI)
#define IOCB_DSYNC		((__force int)RWF_DSYNC)
#define IOCB_SYNC		((__force int)RWF_SYNC)
#define IOCB_NOWAIT		((__force int)RWF_NOWAIT)
#define IOCB_APPEND		((__force int)RWF_APPEND)
#define IOCB_EVENTFD		(1 << 16)
#define IOCB_DIRECT		(1 << 17)
#define IOCB_WRITE		(1 << 18)
#define IOCB_WAITQ		(1 << 19)
#define IOCB_NOIO		(1 << 20)
#define IOCB_ALLOC_CACHE	(1 << 21)
#define IOCB_AIO_RW		(1 << 23)

/* One read or write request on an open file. */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);	/* NULL: synchronous */
	void *private;
	int ki_flags;
	u16 ki_ioprio;
	struct wait_page_queue *ki_waitq;
};

static inline bool is_sync_kiocb(struct kiocb *kiocb)
{
	return kiocb->ki_complete == NULL;
}

/* -------------------------------------------------------- address space */

struct address_space_operations {
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*read_folio)(struct file *, struct folio *);
	int (*writepages)(struct address_space *, struct writeback_control *);
	bool (*dirty_folio)(struct address_space *, struct folio *);
	void (*readahead)(struct readahead_control *);
	int (*write_begin)(struct file *, struct address_space *mapping, loff_t pos,
			   unsigned len, struct page **pagep, void **fsdata);
	int (*write_end)(struct file *, struct address_space *mapping, loff_t pos,
			 unsigned len, unsigned copied, struct page *page, void *fsdata);
	sector_t (*bmap)(struct address_space *, sector_t);
	void (*invalidate_folio)(struct folio *, size_t offset, size_t len);
	bool (*release_folio)(struct folio *, gfp_t);
	void (*free_folio)(struct folio *folio);
	ssize_t (*direct_IO)(struct kiocb *, struct iov_iter *iter);
	int (*migrate_folio)(struct address_space *, struct folio *dst,
			     struct folio *src, enum migrate_mode);
	int (*launder_folio)(struct folio *);
	bool (*is_partially_uptodate)(struct folio *, size_t from, size_t count);
	void (*is_dirty_writeback)(struct folio *, bool *dirty, bool *wb);
	int (*error_remove_page)(struct address_space *, struct page *);
	int (*swap_activate)(struct swap_info_struct *sis, struct file *file, sector_t *span);
	void (*swap_deactivate)(struct file *file);
	int (*swap_rw)(struct kiocb *iocb, struct iov_iter *iter);
};

extern const struct address_space_operations empty_aops;

/*
 * The page cache of one inode (or of a block device).  Internals belong to
 * compat/mm (E); the fields filesystems touch keep their kernel names.
 */
struct address_space {
	struct inode *host;
	struct xarray i_pages;
	struct rw_semaphore invalidate_lock;
	gfp_t gfp_mask;
	atomic_t i_mmap_writable;
	struct rw_semaphore i_mmap_rwsem;
	unsigned long nrpages;
	pgoff_t writeback_index;
	const struct address_space_operations *a_ops;
	unsigned long flags;		/* AS_* of pagemap.h */
	errseq_t wb_err;
	spinlock_t private_lock;	/* for buffer heads (mark_buffer_dirty_inode) */
	struct list_head private_list;	/* buffers to sync with the inode */
	void *private_data;
} __attribute__((aligned(sizeof(long))));

#define PAGECACHE_TAG_DIRTY	XA_MARK_0
#define PAGECACHE_TAG_WRITEBACK	XA_MARK_1
#define PAGECACHE_TAG_TOWRITE	XA_MARK_2

static inline bool mapping_tagged(struct address_space *mapping, xa_mark_t tag)
{
	return xa_marked(&mapping->i_pages, tag);
}

static inline void i_mmap_lock_write(struct address_space *mapping)
{
	down_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_write(struct address_space *mapping)
{
	up_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_lock_read(struct address_space *mapping)
{
	down_read(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_read(struct address_space *mapping)
{
	up_read(&mapping->i_mmap_rwsem);
}

/* kfs has no mmap: nothing is ever mapped into an address space. */
static inline int mapping_mapped(struct address_space *mapping)
{
	return 0;
}

static inline int mapping_writably_mapped(struct address_space *mapping)
{
	return atomic_read(&mapping->i_mmap_writable) > 0;
}

static inline void filemap_invalidate_lock(struct address_space *mapping)
{
	down_write(&mapping->invalidate_lock);
}

static inline void filemap_invalidate_unlock(struct address_space *mapping)
{
	up_write(&mapping->invalidate_lock);
}

static inline void filemap_invalidate_lock_shared(struct address_space *mapping)
{
	down_read(&mapping->invalidate_lock);
}

static inline int filemap_invalidate_trylock_shared(struct address_space *mapping)
{
	return down_read_trylock(&mapping->invalidate_lock);
}

static inline void filemap_invalidate_unlock_shared(struct address_space *mapping)
{
	up_read(&mapping->invalidate_lock);
}

void filemap_invalidate_lock_two(struct address_space *mapping1,
				 struct address_space *mapping2);
void filemap_invalidate_unlock_two(struct address_space *mapping1,
				   struct address_space *mapping2);

/* ---------------------------------------------------------------- inode */

#define ACL_NOT_CACHED ((void *)(-1))
#define ACL_DONT_CACHE ((void *)(-3))

static inline struct posix_acl *uncached_acl_sentinel(struct task_struct *task)
{
	return (void *)task + 1;
}

static inline bool is_uncached_acl(struct posix_acl *acl)
{
	return (long)acl & 1;
}

/* i_opflags: facts about i_op cached by the VFS. */
#define IOP_FASTPERM		0x0001
#define IOP_LOOKUP		0x0002
#define IOP_NOFOLLOW		0x0004
#define IOP_XATTR		0x0008
#define IOP_DEFAULT_READLINK	0x0010

struct inode {
	umode_t i_mode;
	unsigned short i_opflags;
	kuid_t i_uid;
	kgid_t i_gid;
	unsigned int i_flags;		/* S_* below */

	struct posix_acl *i_acl;	/* ACL_NOT_CACHED until first asked */
	struct posix_acl *i_default_acl;

	const struct inode_operations *i_op;
	struct super_block *i_sb;
	struct address_space *i_mapping;	/* normally &i_data */

	unsigned long i_ino;
	/* Filesystems read i_nlink and change it with set_nlink & co. */
	union {
		const unsigned int i_nlink;
		unsigned int __i_nlink;
	};
	dev_t i_rdev;
	loff_t i_size;
	struct timespec64 i_atime;
	struct timespec64 i_mtime;
	struct timespec64 i_ctime;
	spinlock_t i_lock;		/* i_state, i_blocks, i_bytes */
	unsigned short i_bytes;
	u8 i_blkbits;
	u8 i_write_hint;
	blkcnt_t i_blocks;

	unsigned long i_state;		/* I_* below, under i_lock */
	struct rw_semaphore i_rwsem;

	unsigned long dirtied_when;	/* jiffies of first dirtying */
	unsigned long dirtied_time_when;

	struct hlist_node i_hash;	/* inode hash (iget) */
	struct list_head i_io_list;	/* writeback: dirty/io lists */
	struct list_head i_lru;		/* unused-inode LRU */
	struct list_head i_sb_list;	/* sb->s_inodes */
	struct list_head i_wb_list;	/* writeback: being written */
	union {
		struct hlist_head i_dentry;	/* aliases, under i_lock */
		struct rcu_head i_rcu;
	};
	atomic64_t i_version;
	atomic64_t i_sequence;
	atomic_t i_count;
	atomic_t i_dio_count;
	atomic_t i_writecount;
	atomic_t i_readcount;
	union {
		const struct file_operations *i_fop;
		void (*free_inode)(struct inode *);
	};
	struct file_lock_context *i_flctx;
	struct address_space i_data;
	struct list_head i_devices;
	union {
		struct pipe_inode_info *i_pipe;
		struct cdev *i_cdev;
		char *i_link;
		unsigned i_dir_seq;
	};
	__u32 i_generation;
	void *i_private;

	/*
	 * kfs: not a kernel field.  The in-process API pins one dentry alias
	 * per inode while API callers hold references to it (kfs_node), so
	 * name-based calls always find a dentry to start from.  Under i_lock.
	 */
	struct dentry *i_kfs_alias;
	unsigned int i_kfs_refs;
};

struct timespec64 timestamp_truncate(struct timespec64 t, struct inode *inode);

static inline unsigned int i_blocksize(const struct inode *node)
{
	return 1 << node->i_blkbits;
}

static inline int inode_unhashed(struct inode *inode)
{
	return hlist_unhashed(&inode->i_hash);
}

/*
 * Inodes that are never looked up by number (pseudo inodes) still need to
 * look hashed for __mark_inode_dirty: they sit on no chain, hlist_del works.
 */
static inline void inode_fake_hash(struct inode *inode)
{
	hlist_add_fake(&inode->i_hash);
}

/* Lockdep subclasses of i_rwsem, in their locking order. */
enum inode_i_mutex_lock_class {
	I_MUTEX_NORMAL,
	I_MUTEX_PARENT,
	I_MUTEX_CHILD,
	I_MUTEX_XATTR,
	I_MUTEX_NONDIR2,
	I_MUTEX_PARENT2,
};

static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}

static inline void inode_lock_shared(struct inode *inode)
{
	down_read(&inode->i_rwsem);
}

static inline void inode_unlock_shared(struct inode *inode)
{
	up_read(&inode->i_rwsem);
}

static inline int inode_trylock(struct inode *inode)
{
	return down_write_trylock(&inode->i_rwsem);
}

static inline int inode_trylock_shared(struct inode *inode)
{
	return down_read_trylock(&inode->i_rwsem);
}

static inline int inode_is_locked(struct inode *inode)
{
	return rwsem_is_locked(&inode->i_rwsem);
}

static inline void inode_lock_nested(struct inode *inode, unsigned subclass)
{
	down_write_nested(&inode->i_rwsem, subclass);
}

static inline void inode_lock_shared_nested(struct inode *inode, unsigned subclass)
{
	down_read_nested(&inode->i_rwsem, subclass);
}

void lock_two_nondirectories(struct inode *, struct inode *);
void unlock_two_nondirectories(struct inode *, struct inode *);

/* 64-bit: a loff_t is read and written in one go, no seqcount needed. */
static inline loff_t i_size_read(const struct inode *inode)
{
	return READ_ONCE(inode->i_size);
}

static inline void i_size_write(struct inode *inode, loff_t i_size)
{
	WRITE_ONCE(inode->i_size, i_size);
}

static inline unsigned iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

/* Timestamps: "now" at the granularity and within the range of the fs. */
struct timespec64 current_time(struct inode *inode);
struct timespec64 inode_set_ctime_current(struct inode *inode);

static inline struct timespec64 inode_get_ctime(const struct inode *inode)
{
	return inode->i_ctime;
}

static inline struct timespec64 inode_set_ctime_to_ts(struct inode *inode, struct timespec64 ts)
{
	inode->i_ctime = ts;
	return ts;
}

static inline struct timespec64 inode_set_ctime(struct inode *inode, time64_t sec, long nsec)
{
	struct timespec64 ts = { .tv_sec = sec, .tv_nsec = nsec };

	return inode_set_ctime_to_ts(inode, ts);
}

/* i_flags: per-inode behaviour (S_*). */
#define S_SYNC		(1 << 0)
#define S_NOATIME	(1 << 1)
#define S_APPEND	(1 << 2)
#define S_IMMUTABLE	(1 << 3)
#define S_DEAD		(1 << 4)	/* removed directory still in use */
#define S_NOQUOTA	(1 << 5)
#define S_DIRSYNC	(1 << 6)
#define S_NOCMTIME	(1 << 7)
#define S_SWAPFILE	(1 << 8)
#define S_PRIVATE	(1 << 9)
#define S_IMA		(1 << 10)
#define S_AUTOMOUNT	(1 << 11)
#define S_NOSEC		(1 << 12)	/* no suid bits or security xattrs to drop */
#define S_DAX		0		/* no DAX: the flag never sets */
#define S_ENCRYPTED	(1 << 14)
#define S_CASEFOLD	(1 << 15)
#define S_VERITY	(1 << 16)
#define S_KERNEL_FILE	(1 << 17)

/* i_state (under i_lock). */
#define I_DIRTY_SYNC		(1 << 0)
#define I_DIRTY_DATASYNC	(1 << 1)
#define I_DIRTY_PAGES		(1 << 2)
#define __I_NEW			3
#define I_NEW			(1 << __I_NEW)	/* being set up: waiters sleep on this bit */
#define I_WILL_FREE		(1 << 4)
#define I_FREEING		(1 << 5)
#define I_CLEAR			(1 << 6)
#define __I_SYNC		7
#define I_SYNC			(1 << __I_SYNC)
#define I_REFERENCED		(1 << 8)
#define __I_DIO_WAKEUP		9
#define I_DIO_WAKEUP		(1 << __I_DIO_WAKEUP)
#define I_LINKABLE		(1 << 10)
#define I_DIRTY_TIME		(1 << 11)
#define I_WB_SWITCH		(1 << 13)
#define I_OVL_INUSE		(1 << 14)
#define I_CREATING		(1 << 15)
#define I_DONTCACHE		(1 << 16)
#define I_SYNC_QUEUED		(1 << 17)
#define I_PINNING_FSCACHE_WB	(1 << 18)
#define __I_LRU_ISOLATING	19
#define I_LRU_ISOLATING		(1 << __I_LRU_ISOLATING)

#define I_DIRTY_INODE	(I_DIRTY_SYNC | I_DIRTY_DATASYNC)
#define I_DIRTY		(I_DIRTY_INODE | I_DIRTY_PAGES)
#define I_DIRTY_ALL	(I_DIRTY | I_DIRTY_TIME)

void __mark_inode_dirty(struct inode *, int);

static inline void mark_inode_dirty(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY);
}

static inline void mark_inode_dirty_sync(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY_SYNC);
}

static inline bool inode_is_dirtytime_only(struct inode *inode)
{
	return (inode->i_state & (I_DIRTY_TIME | I_NEW | I_FREEING | I_WILL_FREE)) ==
	       I_DIRTY_TIME;
}

void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
void set_nlink(struct inode *inode, unsigned int nlink);

static inline void inode_inc_link_count(struct inode *inode)
{
	inc_nlink(inode);
	mark_inode_dirty(inode);
}

static inline void inode_dec_link_count(struct inode *inode)
{
	drop_nlink(inode);
	mark_inode_dirty(inode);
}

enum file_time_flags {
	S_ATIME = 1,
	S_MTIME = 2,
	S_CTIME = 4,
	S_VERSION = 8,
};

/* ----------------------------------------------------------------- file */

struct file_ra_state {
	pgoff_t start;
	unsigned int size;
	unsigned int async_size;
	unsigned int ra_pages;
	unsigned int mmap_miss;
	loff_t prev_pos;
};

static inline int ra_has_index(struct file_ra_state *ra, pgoff_t index)
{
	return index >= ra->start && index < ra->start + ra->size;
}

struct file {
	union {
		struct llist_node f_llist;
		struct rcu_head f_rcuhead;
		unsigned int f_iocb_flags;
	};
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	spinlock_t f_lock;
	atomic_long_t f_count;
	unsigned int f_flags;		/* O_* as opened */
	fmode_t f_mode;
	struct mutex f_pos_lock;
	loff_t f_pos;
	const struct cred *f_cred;	/* opener's credentials */
	struct file_ra_state f_ra;
	u64 f_version;			/* for directory iterators */
	void *private_data;
	struct address_space *f_mapping;
	errseq_t f_wb_err;
	errseq_t f_sb_err;
} __attribute__((aligned(4)));

static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

#define file_count(x) atomic_long_read(&(x)->f_count)

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline struct dentry *file_dentry(const struct file *file)
{
	return d_real(file->f_path.dentry, file_inode(file));
}

#define MAX_NON_LFS		((1UL << 31) - 1)
#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)

#define INT_LIMIT(x)		(~((x)1 << (sizeof(x) * 8 - 1)))
#define OFFSET_MAX		INT_LIMIT(loff_t)
#define OFFT_OFFSET_MAX		INT_LIMIT(off_t)

typedef void *fl_owner_t;

/* No byte-range or flock locks are kept: nothing breaks leases. */
static inline int break_lease(struct inode *inode, unsigned int mode)
{
	return 0;
}

static inline int break_deleg(struct inode *inode, unsigned int mode)
{
	return 0;
}

static inline int try_break_deleg(struct inode *inode, struct inode **delegated_inode)
{
	return 0;
}

static inline int break_layout(struct inode *inode, bool wait)
{
	return 0;
}

static inline void locks_remove_file(struct file *filp)
{
}

static inline int locks_verify_truncate(struct inode *inode, struct file *f, loff_t size)
{
	return 0;
}

/* --------------------------------------------------------- super block */

#define SB_RDONLY	BIT(0)
#define SB_NOSUID	BIT(1)
#define SB_NODEV	BIT(2)
#define SB_NOEXEC	BIT(3)
#define SB_SYNCHRONOUS	BIT(4)
#define SB_MANDLOCK	BIT(6)
#define SB_DIRSYNC	BIT(7)
#define SB_NOATIME	BIT(10)
#define SB_NODIRATIME	BIT(11)
#define SB_SILENT	BIT(15)
#define SB_POSIXACL	BIT(16)	/* the fs applies the umask (ACLs) */
#define SB_INLINECRYPT	BIT(17)
#define SB_KERNMOUNT	BIT(22)
#define SB_I_VERSION	BIT(23)
#define SB_LAZYTIME	BIT(25)
#define SB_SUBMOUNT	BIT(26)
#define SB_FORCE	BIT(27)
#define SB_NOSEC	BIT(28)
#define SB_BORN		BIT(29)
#define SB_ACTIVE	BIT(30)
#define SB_NOUSER	BIT(31)

#define SB_ENC_STRICT_MODE_FL	(1 << 0)

#define MNT_FORCE	0x00000001
#define MNT_DETACH	0x00000002
#define MNT_EXPIRE	0x00000004
#define UMOUNT_NOFOLLOW	0x00000008
#define UMOUNT_UNUSED	0x80000000

/* s_iflags */
#define SB_I_CGROUPWB			0x00000001
#define SB_I_NOEXEC			0x00000002
#define SB_I_NODEV			0x00000004
#define SB_I_STABLE_WRITES		0x00000008
#define SB_I_USERNS_VISIBLE		0x00000010
#define SB_I_IMA_UNVERIFIABLE_SIGNATURE	0x00000020
#define SB_I_UNTRUSTED_MOUNTER		0x00000040
#define SB_I_SKIP_SYNC			0x00000100
#define SB_I_PERSB_BDI			0x00000200
#define SB_I_TS_EXPIRY_WARNED		0x00000400
#define SB_I_RETIRED			0x00000800

enum {
	SB_UNFROZEN = 0,
	SB_FREEZE_WRITE = 1,
	SB_FREEZE_PAGEFAULT = 2,
	SB_FREEZE_FS = 3,
	SB_FREEZE_COMPLETE = 4,
};

#define SB_FREEZE_LEVELS (SB_FREEZE_COMPLETE - 1)

/*
 * Freeze protection.  kfs never freezes a super block, but write paths
 * still take these (sb_start_write) so that code reads as in the kernel
 * and lockdep sees the same order.
 */
struct sb_writers {
	int frozen;
	wait_queue_head_t wait_unfrozen;
	struct percpu_rw_semaphore rw_sem[SB_FREEZE_LEVELS];
};

/* What quota code would keep per super block; no quota support (quotaops.h). */
struct quota_info {
	unsigned int flags;
};

struct super_block {
	struct list_head s_list;	/* all super blocks */
	dev_t s_dev;
	unsigned char s_blocksize_bits;
	unsigned long s_blocksize;
	loff_t s_maxbytes;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	const struct dquot_operations *dq_op;
	const struct quotactl_ops *s_qcop;
	const struct export_operations *s_export_op;
	unsigned long s_flags;		/* SB_* */
	unsigned long s_iflags;		/* SB_I_* */
	unsigned long s_magic;
	struct dentry *s_root;
	struct rw_semaphore s_umount;
	int s_count;			/* passive references, under sb_lock */
	atomic_t s_active;		/* active references (mounts) */
	const struct xattr_handler **s_xattr;
	struct list_head s_mounts;
	struct block_device *s_bdev;
	struct backing_dev_info *s_bdi;
	struct mtd_info *s_mtd;
	struct hlist_node s_instances;	/* in s_type->fs_supers */
	unsigned int s_quota_types;
	struct quota_info s_dquot;
	struct sb_writers s_writers;
	void *s_fs_info;
	u32 s_time_gran;		/* timestamp granularity, ns */
	time64_t s_time_min;		/* timestamp range the fs can store */
	time64_t s_time_max;
	char s_id[32];			/* device name, for messages */
	uuid_t s_uuid;
	unsigned int s_max_links;
	fmode_t s_mode;			/* how the device was opened */
	struct mutex s_vfs_rename_mutex;	/* cross-directory renames */
	const char *s_subtype;
	const struct dentry_operations *s_d_op;	/* default for new dentries */
	struct shrinker s_shrink;	/* frees unused dentries and inodes */
	atomic_long_t s_remove_count;
	atomic_long_t s_fsnotify_connectors;
	int s_readonly_remount;
	errseq_t s_wb_err;
	struct workqueue_struct *s_dio_done_wq;
	struct user_namespace *s_user_ns;
	struct mutex s_sync_lock;
	int s_stack_depth;

	/* All inodes of this sb (i_sb_list), under s_inode_list_lock. */
	spinlock_t s_inode_list_lock;
	struct list_head s_inodes;
	/* Inodes under writeback (i_wb_list), for sync; used by fs-writeback. */
	spinlock_t s_inode_wblist_lock;
	struct list_head s_inodes_wb;

	/*
	 * Unused dentries and inodes, oldest first (the kernel's list_lru
	 * s_dentry_lru and s_inode_lru).  The dentry LRU is under the dcache's
	 * own lock (compat/fs/dcache.c), the inode LRU under s_inode_lru_lock.
	 */
	struct list_head s_dentry_lru;
	long s_nr_dentry_unused;
	spinlock_t s_inode_lru_lock;
	struct list_head s_inode_lru;
	long s_nr_inodes_unused;

	/* kfs: the mount that owns this sb (one mount per super block). */
	struct vfsmount *s_kfs_mnt;
};

/* Owner ids: there is one user namespace, init_user_ns. */
static inline struct user_namespace *i_user_ns(const struct inode *inode)
{
	return inode->i_sb->s_user_ns;
}

static inline uid_t i_uid_read(const struct inode *inode)
{
	return from_kuid(i_user_ns(inode), inode->i_uid);
}

static inline gid_t i_gid_read(const struct inode *inode)
{
	return from_kgid(i_user_ns(inode), inode->i_gid);
}

static inline void i_uid_write(struct inode *inode, uid_t uid)
{
	inode->i_uid = make_kuid(i_user_ns(inode), uid);
}

static inline void i_gid_write(struct inode *inode, gid_t gid)
{
	inode->i_gid = make_kgid(i_user_ns(inode), gid);
}

static inline kuid_t i_uid_into_mnt(struct user_namespace *mnt_userns, const struct inode *inode)
{
	return AS_KUIDT(make_vfsuid(mnt_userns, i_user_ns(inode), inode->i_uid));
}

static inline kgid_t i_gid_into_mnt(struct user_namespace *mnt_userns, const struct inode *inode)
{
	return AS_KGIDT(make_vfsgid(mnt_userns, i_user_ns(inode), inode->i_gid));
}

static inline vfsuid_t i_uid_into_vfsuid(struct user_namespace *mnt_userns,
					 const struct inode *inode)
{
	return make_vfsuid(mnt_userns, i_user_ns(inode), inode->i_uid);
}

static inline vfsgid_t i_gid_into_vfsgid(struct user_namespace *mnt_userns,
					 const struct inode *inode)
{
	return make_vfsgid(mnt_userns, i_user_ns(inode), inode->i_gid);
}

static inline bool i_uid_needs_update(struct user_namespace *mnt_userns,
				      const struct iattr *attr, const struct inode *inode)
{
	return (attr->ia_valid & ATTR_UID) &&
	       !vfsuid_eq(attr->ia_vfsuid, i_uid_into_vfsuid(mnt_userns, inode));
}

static inline bool i_gid_needs_update(struct user_namespace *mnt_userns,
				      const struct iattr *attr, const struct inode *inode)
{
	return (attr->ia_valid & ATTR_GID) &&
	       !vfsgid_eq(attr->ia_vfsgid, i_gid_into_vfsgid(mnt_userns, inode));
}

static inline void i_uid_update(struct user_namespace *mnt_userns,
				const struct iattr *attr, struct inode *inode)
{
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = from_vfsuid(mnt_userns, i_user_ns(inode), attr->ia_vfsuid);
}

static inline void i_gid_update(struct user_namespace *mnt_userns,
				const struct iattr *attr, struct inode *inode)
{
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = from_vfsgid(mnt_userns, i_user_ns(inode), attr->ia_vfsgid);
}

static inline void inode_fsuid_set(struct inode *inode, struct user_namespace *mnt_userns)
{
	inode->i_uid = mapped_fsuid(mnt_userns, i_user_ns(inode));
}

static inline void inode_fsgid_set(struct inode *inode, struct user_namespace *mnt_userns)
{
	inode->i_gid = mapped_fsgid(mnt_userns, i_user_ns(inode));
}

static inline bool fsuidgid_has_mapping(struct super_block *sb,
					struct user_namespace *mnt_userns)
{
	return uid_valid(current_fsuid()) && gid_valid(current_fsgid());
}

static inline bool sb_rdonly(const struct super_block *sb)
{
	return sb->s_flags & SB_RDONLY;
}

#define __IS_FLG(inode, flg)	((inode)->i_sb->s_flags & (flg))
#define IS_RDONLY(inode)	sb_rdonly((inode)->i_sb)
#define IS_SYNC(inode)		(__IS_FLG(inode, SB_SYNCHRONOUS) || ((inode)->i_flags & S_SYNC))
#define IS_DIRSYNC(inode)	(__IS_FLG(inode, SB_SYNCHRONOUS | SB_DIRSYNC) || \
				 ((inode)->i_flags & (S_SYNC | S_DIRSYNC)))
#define IS_MANDLOCK(inode)	__IS_FLG(inode, SB_MANDLOCK)
#define IS_NOATIME(inode)	__IS_FLG(inode, SB_RDONLY | SB_NOATIME)
#define IS_I_VERSION(inode)	__IS_FLG(inode, SB_I_VERSION)
#define IS_NOQUOTA(inode)	((inode)->i_flags & S_NOQUOTA)
#define IS_APPEND(inode)	((inode)->i_flags & S_APPEND)
#define IS_IMMUTABLE(inode)	((inode)->i_flags & S_IMMUTABLE)
#define IS_POSIXACL(inode)	__IS_FLG(inode, SB_POSIXACL)
#define IS_DEADDIR(inode)	((inode)->i_flags & S_DEAD)
#define IS_NOCMTIME(inode)	((inode)->i_flags & S_NOCMTIME)
#define IS_SWAPFILE(inode)	((inode)->i_flags & S_SWAPFILE)
#define IS_PRIVATE(inode)	((inode)->i_flags & S_PRIVATE)
#define IS_IMA(inode)		((inode)->i_flags & S_IMA)
#define IS_AUTOMOUNT(inode)	((inode)->i_flags & S_AUTOMOUNT)
#define IS_NOSEC(inode)		((inode)->i_flags & S_NOSEC)
#define IS_DAX(inode)		((inode)->i_flags & S_DAX)
#define IS_ENCRYPTED(inode)	((inode)->i_flags & S_ENCRYPTED)
#define IS_CASEFOLDED(inode)	((inode)->i_flags & S_CASEFOLD)
#define IS_VERITY(inode)	((inode)->i_flags & S_VERITY)
#define IS_WHITEOUT(inode)	(S_ISCHR((inode)->i_mode) && (inode)->i_rdev == WHITEOUT_DEV)

static inline bool HAS_UNMAPPED_ID(struct user_namespace *mnt_userns, struct inode *inode)
{
	return !vfsuid_valid(i_uid_into_vfsuid(mnt_userns, inode)) ||
	       !vfsgid_valid(i_gid_into_vfsgid(mnt_userns, inode));
}

static inline void __sb_end_write(struct super_block *sb, int level)
{
	percpu_up_read(sb->s_writers.rw_sem + level - 1);
}

static inline void __sb_start_write(struct super_block *sb, int level)
{
	percpu_down_read(sb->s_writers.rw_sem + level - 1);
}

static inline bool __sb_start_write_trylock(struct super_block *sb, int level)
{
	return percpu_down_read_trylock(sb->s_writers.rw_sem + level - 1);
}

static inline void sb_end_write(struct super_block *sb)
{
	__sb_end_write(sb, SB_FREEZE_WRITE);
}

static inline void sb_end_pagefault(struct super_block *sb)
{
	__sb_end_write(sb, SB_FREEZE_PAGEFAULT);
}

static inline void sb_end_intwrite(struct super_block *sb)
{
	__sb_end_write(sb, SB_FREEZE_FS);
}

static inline void sb_start_write(struct super_block *sb)
{
	__sb_start_write(sb, SB_FREEZE_WRITE);
}

static inline bool sb_start_write_trylock(struct super_block *sb)
{
	return __sb_start_write_trylock(sb, SB_FREEZE_WRITE);
}

static inline void sb_start_pagefault(struct super_block *sb)
{
	__sb_start_write(sb, SB_FREEZE_PAGEFAULT);
}

static inline void sb_start_intwrite(struct super_block *sb)
{
	__sb_start_write(sb, SB_FREEZE_FS);
}

static inline bool sb_start_intwrite_trylock(struct super_block *sb)
{
	return __sb_start_write_trylock(sb, SB_FREEZE_FS);
}

static inline void file_start_write(struct file *file)
{
	if (!S_ISREG(file_inode(file)->i_mode))
		return;
	sb_start_write(file_inode(file)->i_sb);
}

static inline void file_end_write(struct file *file)
{
	if (!S_ISREG(file_inode(file)->i_mode))
		return;
	__sb_end_write(file_inode(file)->i_sb, SB_FREEZE_WRITE);
}

/* ---------------------------------------------------- operation tables */

struct dir_context;
typedef bool (*filldir_t)(struct dir_context *, const char *, int, loff_t, u64, unsigned);

/* A readdir in progress: ->iterate_shared calls actor (via dir_emit). */
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

#define REMAP_FILE_DEDUP	(1 << 0)
#define REMAP_FILE_CAN_SHORTEN	(1 << 1)
#define REMAP_FILE_ADVISORY	(REMAP_FILE_CAN_SHORTEN)
#define COPY_FILE_SPLICE	(1 << 0)

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate)(struct file *, struct dir_context *);
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	unsigned long mmap_supported_flags;
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*lock)(struct file *, int, struct file_lock *);
	ssize_t (*sendpage)(struct file *, struct page *, int, size_t, loff_t *, int);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long,
					   unsigned long, unsigned long);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	ssize_t (*splice_write)(struct pipe_inode_info *, struct file *, loff_t *, size_t,
				unsigned int);
	ssize_t (*splice_read)(struct file *, loff_t *, struct pipe_inode_info *, size_t,
			       unsigned int);
	void (*splice_eof)(struct file *file);
	int (*setlease)(struct file *, long, struct file_lock **, void **);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	ssize_t (*copy_file_range)(struct file *, loff_t, struct file *, loff_t, size_t,
				   unsigned int);
	loff_t (*remap_file_range)(struct file *file_in, loff_t pos_in, struct file *file_out,
				   loff_t pos_out, loff_t len, unsigned int remap_flags);
	int (*fadvise)(struct file *, loff_t, loff_t, int);
	int (*uring_cmd)(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
	int (*uring_cmd_iopoll)(struct io_uring_cmd *, struct io_comp_batch *,
				unsigned int poll_flags);
};

struct inode_operations {
	struct dentry *(*lookup)(struct inode *, struct dentry *, unsigned int);
	const char *(*get_link)(struct dentry *, struct inode *, struct delayed_call *);
	int (*permission)(struct user_namespace *, struct inode *, int);
	struct posix_acl *(*get_acl)(struct inode *, int, bool);
	int (*readlink)(struct dentry *, char __user *, int);
	int (*create)(struct user_namespace *, struct inode *, struct dentry *, umode_t, bool);
	int (*link)(struct dentry *, struct inode *, struct dentry *);
	int (*unlink)(struct inode *, struct dentry *);
	int (*symlink)(struct user_namespace *, struct inode *, struct dentry *, const char *);
	int (*mkdir)(struct user_namespace *, struct inode *, struct dentry *, umode_t);
	int (*rmdir)(struct inode *, struct dentry *);
	int (*mknod)(struct user_namespace *, struct inode *, struct dentry *, umode_t, dev_t);
	int (*rename)(struct user_namespace *, struct inode *, struct dentry *,
		      struct inode *, struct dentry *, unsigned int);
	int (*setattr)(struct user_namespace *, struct dentry *, struct iattr *);
	int (*getattr)(struct user_namespace *, const struct path *, struct kstat *, u32,
		       unsigned int);
	ssize_t (*listxattr)(struct dentry *, char *, size_t);
	int (*fiemap)(struct inode *, struct fiemap_extent_info *, u64 start, u64 len);
	int (*update_time)(struct inode *, struct timespec64 *, int);
	int (*atomic_open)(struct inode *, struct dentry *, struct file *, unsigned open_flag,
			   umode_t create_mode);
	int (*tmpfile)(struct user_namespace *, struct inode *, struct file *, umode_t);
	int (*set_acl)(struct user_namespace *, struct inode *, struct posix_acl *, int);
	int (*fileattr_set)(struct user_namespace *mnt_userns, struct dentry *dentry,
			    struct fileattr *fa);
	int (*fileattr_get)(struct dentry *dentry, struct fileattr *fa);
} ____cacheline_aligned;

static inline ssize_t call_read_iter(struct file *file, struct kiocb *kio, struct iov_iter *iter)
{
	return file->f_op->read_iter(kio, iter);
}

static inline ssize_t call_write_iter(struct file *file, struct kiocb *kio,
				      struct iov_iter *iter)
{
	return file->f_op->write_iter(kio, iter);
}

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *);
	void (*free_inode)(struct inode *);
	void (*dirty_inode)(struct inode *, int flags);
	int (*write_inode)(struct inode *, struct writeback_control *wbc);
	int (*drop_inode)(struct inode *);
	void (*evict_inode)(struct inode *);
	void (*put_super)(struct super_block *);
	int (*sync_fs)(struct super_block *sb, int wait);
	int (*freeze_super)(struct super_block *);
	int (*freeze_fs)(struct super_block *);
	int (*thaw_super)(struct super_block *);
	int (*unfreeze_fs)(struct super_block *);
	int (*statfs)(struct dentry *, struct kstatfs *);
	int (*remount_fs)(struct super_block *, int *, char *);
	void (*umount_begin)(struct super_block *);
	int (*show_options)(struct seq_file *, struct dentry *);
	int (*show_devname)(struct seq_file *, struct dentry *);
	int (*show_path)(struct seq_file *, struct dentry *);
	int (*show_stats)(struct seq_file *, struct dentry *);
	long (*nr_cached_objects)(struct super_block *, struct shrink_control *);
	long (*free_cached_objects)(struct super_block *, struct shrink_control *);
};

struct file_system_type {
	const char *name;
	int fs_flags;
#define FS_REQUIRES_DEV		1
#define FS_BINARY_MOUNTDATA	2
#define FS_HAS_SUBTYPE		4
#define FS_USERNS_MOUNT		8
#define FS_DISALLOW_NOTIFY_PERM	16
#define FS_ALLOW_IDMAP		32
#define FS_RENAME_DOES_D_MOVE	32768	/* the fs calls d_move() itself */
	int (*init_fs_context)(struct fs_context *);
	const struct fs_parameter_spec *parameters;
	struct dentry *(*mount)(struct file_system_type *, int, const char *, void *);
	void (*kill_sb)(struct super_block *);
	struct module *owner;
	struct file_system_type *next;
	struct hlist_head fs_supers;
	struct lock_class_key s_lock_key;
	struct lock_class_key s_umount_key;
	struct lock_class_key s_vfs_rename_key;
	struct lock_class_key s_writers_key[SB_FREEZE_LEVELS];
	struct lock_class_key i_lock_key;
	struct lock_class_key i_mutex_key;
	struct lock_class_key invalidate_lock_key;
	struct lock_class_key i_mutex_dir_key;
};

#define MODULE_ALIAS_FS(NAME) MODULE_ALIAS("fs-" NAME)

/* ------------------------------------------------- super blocks (super.c) */

struct dentry *mount_bdev(struct file_system_type *fs_type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int));
struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *, void *, int));
struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int));
void generic_shutdown_super(struct super_block *sb);
void kill_block_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);
void kill_litter_super(struct super_block *sb);
void deactivate_super(struct super_block *sb);
void deactivate_locked_super(struct super_block *sb);
int set_anon_super(struct super_block *s, void *data);
int set_anon_super_fc(struct super_block *s, struct fs_context *fc);
int get_anon_bdev(dev_t *);
void free_anon_bdev(dev_t);
struct super_block *sget_fc(struct fs_context *fc,
			    int (*test)(struct super_block *, struct fs_context *),
			    int (*set)(struct super_block *, struct fs_context *));
struct super_block *sget(struct file_system_type *type,
			 int (*test)(struct super_block *, void *),
			 int (*set)(struct super_block *, void *), int flags, void *data);
void drop_super(struct super_block *sb);
void drop_super_exclusive(struct super_block *sb);
void iterate_supers(void (*)(struct super_block *, void *), void *);
void iterate_supers_type(struct file_system_type *, void (*)(struct super_block *, void *),
			 void *);
int sync_filesystem(struct super_block *);
int super_setup_bdi(struct super_block *sb);
__printf(2, 3) int super_setup_bdi_name(struct super_block *sb, char *fmt, ...);
int freeze_super(struct super_block *super);
int thaw_super(struct super_block *super);

#define fops_get(fops) (((fops) && try_module_get((fops)->owner) ? (fops) : NULL))
#define fops_put(fops)                          \
	do {                                    \
		if (fops)                       \
			module_put((fops)->owner); \
	} while (0)
#define replace_fops(f, fops)                           \
	do {                                            \
		struct file *__file = (f);              \
		fops_put(__file->f_op);                 \
		BUG_ON(!(__file->f_op = (fops)));       \
	} while (0)

/* filesystems.c */
int register_filesystem(struct file_system_type *);
int unregister_filesystem(struct file_system_type *);
struct file_system_type *get_filesystem(struct file_system_type *fs);
void put_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);

int vfs_statfs(const struct path *, struct kstatfs *);
int current_umask(void);

/* --------------------------------------------------------- inodes (inode.c) */

void ihold(struct inode *inode);
void iput(struct inode *);
int generic_update_time(struct inode *, struct timespec64 *, int);
bool atime_needs_update(const struct path *, struct inode *);
void touch_atime(const struct path *);
int inode_update_time(struct inode *inode, struct timespec64 *time, int flags);

static inline void file_accessed(struct file *file)
{
	if (!(file->f_flags & O_NOATIME))
		touch_atime(&file->f_path);
}

int file_modified(struct file *file);
int kiocb_modified(struct kiocb *iocb);
int file_update_time(struct file *file);
int file_remove_privs(struct file *);
int sync_inode_metadata(struct inode *inode, int wait);
int write_inode_now(struct inode *, int sync);

int inode_init_always(struct super_block *, struct inode *);
void inode_init_once(struct inode *);
void address_space_init_once(struct address_space *mapping);
struct inode *igrab(struct inode *);
ino_t iunique(struct super_block *, ino_t);
int inode_needs_sync(struct inode *inode);
int generic_delete_inode(struct inode *inode);

/* ->drop_inode default: drop unlinked or unhashed inodes at last iput. */
static inline int generic_drop_inode(struct inode *inode)
{
	return !inode->i_nlink || inode_unhashed(inode);
}

void d_mark_dontcache(struct inode *inode);
struct inode *ilookup5_nowait(struct super_block *sb, unsigned long hashval,
			      int (*test)(struct inode *, void *), void *data);
struct inode *ilookup5(struct super_block *sb, unsigned long hashval,
		       int (*test)(struct inode *, void *), void *data);
struct inode *ilookup(struct super_block *sb, unsigned long ino);
struct inode *inode_insert5(struct inode *inode, unsigned long hashval,
			    int (*test)(struct inode *, void *),
			    int (*set)(struct inode *, void *), void *data);
struct inode *iget5_locked(struct super_block *, unsigned long,
			   int (*test)(struct inode *, void *),
			   int (*set)(struct inode *, void *), void *);
struct inode *iget_locked(struct super_block *, unsigned long);
struct inode *find_inode_nowait(struct super_block *, unsigned long,
				int (*match)(struct inode *, unsigned long, void *), void *data);
struct inode *find_inode_rcu(struct super_block *, unsigned long,
			     int (*)(struct inode *, void *), void *);
struct inode *find_inode_by_ino_rcu(struct super_block *, unsigned long);
int insert_inode_locked4(struct inode *, unsigned long,
			 int (*test)(struct inode *, void *), void *);
int insert_inode_locked(struct inode *);
static inline void lockdep_annotate_inode_mutex_key(struct inode *inode)
{
}
void unlock_new_inode(struct inode *);
void discard_new_inode(struct inode *);
unsigned int get_next_ino(void);
void evict_inodes(struct super_block *sb);

static inline bool is_zero_ino(ino_t ino)
{
	return (u32)ino == 0;
}

void __iget(struct inode *inode);
void iget_failed(struct inode *);
void clear_inode(struct inode *);
void __destroy_inode(struct inode *);
struct inode *new_inode_pseudo(struct super_block *sb);
struct inode *new_inode(struct super_block *sb);
void free_inode_nonrcu(struct inode *inode);
int setattr_should_drop_suidgid(struct user_namespace *, struct inode *);
int setattr_should_drop_sgid(struct user_namespace *mnt_userns, const struct inode *inode);

/*
 * Allocates the fs's in-core inode from its cache.  The kernel also puts
 * the object on the sb's list_lru for memcg accounting; there are no
 * memory cgroups here, so a plain cache allocation is the same thing.
 */
static inline void *alloc_inode_sb(struct super_block *sb, struct kmem_cache *cache, gfp_t gfp)
{
	return kmem_cache_alloc(cache, gfp);
}

void __insert_inode_hash(struct inode *, unsigned long hashval);

static inline void insert_inode_hash(struct inode *inode)
{
	__insert_inode_hash(inode, inode->i_ino);
}

void __remove_inode_hash(struct inode *);

static inline void remove_inode_hash(struct inode *inode)
{
	if (!inode_unhashed(inode) && !hlist_fake(&inode->i_hash))
		__remove_inode_hash(inode);
}

void inode_sb_list_add(struct inode *inode);
void inode_add_lru(struct inode *inode);
bool inode_owner_or_capable(struct user_namespace *mnt_userns, const struct inode *inode);
void inode_init_owner(struct user_namespace *mnt_userns, struct inode *inode,
		      const struct inode *dir, umode_t mode);
umode_t mode_strip_sgid(struct user_namespace *mnt_userns, const struct inode *dir,
			umode_t mode);
void init_special_inode(struct inode *, umode_t, dev_t);
void make_bad_inode(struct inode *);
bool is_bad_inode(struct inode *);
void inode_nohighmem(struct inode *inode);
void inode_set_flags(struct inode *inode, unsigned int flags, unsigned int mask);
void inode_dio_wait(struct inode *inode);

static inline void inode_dio_begin(struct inode *inode)
{
	atomic_inc(&inode->i_dio_count);
}

static inline void inode_dio_end(struct inode *inode)
{
	if (atomic_dec_and_test(&inode->i_dio_count))
		wake_up_bit(&inode->i_state, __I_DIO_WAKEUP);
}

void __inode_add_bytes(struct inode *inode, loff_t bytes);
void inode_add_bytes(struct inode *inode, loff_t bytes);
void __inode_sub_bytes(struct inode *inode, loff_t bytes);
void inode_sub_bytes(struct inode *inode, loff_t bytes);

static inline loff_t __inode_get_bytes(struct inode *inode)
{
	return (((loff_t)inode->i_blocks) << 9) + inode->i_bytes;
}

loff_t inode_get_bytes(struct inode *inode);
void inode_set_bytes(struct inode *inode, loff_t bytes);

static inline int get_write_access(struct inode *inode)
{
	return atomic_inc_unless_negative(&inode->i_writecount) ? 0 : -ETXTBSY;
}

static inline int deny_write_access(struct file *file)
{
	struct inode *inode = file_inode(file);

	return atomic_dec_unless_positive(&inode->i_writecount) ? 0 : -ETXTBSY;
}

static inline void put_write_access(struct inode *inode)
{
	atomic_dec(&inode->i_writecount);
}

static inline void allow_write_access(struct file *file)
{
	if (file)
		atomic_inc(&file_inode(file)->i_writecount);
}

static inline bool inode_is_open_for_write(const struct inode *inode)
{
	return atomic_read(&inode->i_writecount) > 0;
}

static inline void i_readcount_dec(struct inode *inode)
{
	BUG_ON(!atomic_read(&inode->i_readcount));
	atomic_dec(&inode->i_readcount);
}

static inline void i_readcount_inc(struct inode *inode)
{
	atomic_inc(&inode->i_readcount);
}

/* ------------------------------------------------ namespace ops (namei.c) */

int vfs_create(struct user_namespace *, struct inode *, struct dentry *, umode_t, bool);
int vfs_mkdir(struct user_namespace *, struct inode *, struct dentry *, umode_t);
int vfs_mknod(struct user_namespace *, struct inode *, struct dentry *, umode_t, dev_t);
int vfs_symlink(struct user_namespace *, struct inode *, struct dentry *, const char *);
int vfs_link(struct dentry *, struct user_namespace *, struct inode *, struct dentry *,
	     struct inode **);
int vfs_rmdir(struct user_namespace *, struct inode *, struct dentry *);
int vfs_unlink(struct user_namespace *, struct inode *, struct dentry *, struct inode **);

struct renamedata {
	struct user_namespace *old_mnt_userns;
	struct inode *old_dir;
	struct dentry *old_dentry;
	struct user_namespace *new_mnt_userns;
	struct inode *new_dir;
	struct dentry *new_dentry;
	struct inode **delegated_inode;
	unsigned int flags;
};

int vfs_rename(struct renamedata *);

static inline int vfs_whiteout(struct user_namespace *mnt_userns, struct inode *dir,
			       struct dentry *dentry)
{
	return vfs_mknod(mnt_userns, dir, dentry, S_IFCHR | WHITEOUT_MODE, WHITEOUT_DEV);
}

int notify_change(struct user_namespace *, struct dentry *, struct iattr *, struct inode **);
int inode_permission(struct user_namespace *, struct inode *, int);
int generic_permission(struct user_namespace *, struct inode *, int);
int __check_sticky(struct user_namespace *mnt_userns, struct inode *dir, struct inode *inode);

static inline bool execute_ok(struct inode *inode)
{
	return (inode->i_mode & S_IXUGO) || S_ISDIR(inode->i_mode);
}

static inline bool inode_wrong_type(const struct inode *inode, umode_t mode)
{
	return (inode->i_mode ^ mode) & S_IFMT;
}

static inline struct user_namespace *file_mnt_user_ns(struct file *file)
{
	return mnt_user_ns(file->f_path.mnt);
}

static inline bool is_idmapped_mnt(const struct vfsmount *mnt)
{
	return false;
}

static inline int file_permission(struct file *file, int mask)
{
	return inode_permission(file_mnt_user_ns(file), file_inode(file), mask);
}

static inline bool file_owner_or_capable(struct file *file)
{
	return inode_owner_or_capable(file_mnt_user_ns(file), file_inode(file));
}

int readlink_copy(char __user *, int, const char *);
int page_readlink(struct dentry *, char __user *, int);
const char *page_get_link(struct dentry *, struct inode *, struct delayed_call *);
void page_put_link(void *);
int page_symlink(struct inode *inode, const char *symname, int len);
extern const struct inode_operations page_symlink_inode_operations;
void kfree_link(void *);
const char *vfs_get_link(struct dentry *, struct delayed_call *);
int vfs_readlink(struct dentry *, char __user *, int);
const char *simple_get_link(struct dentry *, struct inode *, struct delayed_call *);
extern const struct inode_operations simple_symlink_inode_operations;

bool is_subdir(struct dentry *, struct dentry *);

static inline bool is_dot_dotdot(const char *name, size_t len)
{
	return len && unlikely(name[0] == '.') && (len == 1 || (len == 2 && name[1] == '.'));
}

/* ------------------------------------------- open files (open.c, file.c) */

int finish_open(struct file *file, struct dentry *dentry,
		int (*open)(struct inode *, struct file *));
int finish_no_open(struct file *file, struct dentry *dentry);

static inline int finish_open_simple(struct file *file, int error)
{
	if (error)
		return error;
	return finish_open(file, file->f_path.dentry, NULL);
}

struct file *dentry_open(const struct path *, int, const struct cred *);
int filp_close(struct file *, fl_owner_t id);
void fput(struct file *);
int vfs_truncate(const struct path *, loff_t);
int do_truncate(struct user_namespace *, struct dentry *, loff_t start,
		unsigned int time_attrs, struct file *filp);
int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len);
int generic_file_open(struct inode *inode, struct file *filp);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);

/* ------------------------------------------- reading and writing files */

ssize_t vfs_read(struct file *, char __user *, size_t, loff_t *);
ssize_t vfs_write(struct file *, const char __user *, size_t, loff_t *);
ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *ppos, rwf_t flags);
ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *ppos, rwf_t flags);
ssize_t vfs_iocb_iter_read(struct file *file, struct kiocb *iocb, struct iov_iter *iter);
ssize_t vfs_iocb_iter_write(struct file *file, struct kiocb *iocb, struct iov_iter *iter);
ssize_t kernel_read(struct file *, void *, size_t, loff_t *);
ssize_t kernel_write(struct file *, const void *, size_t, loff_t *);
ssize_t __kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t __kernel_write(struct file *, const void *, size_t, loff_t *);

int sb_set_blocksize(struct super_block *, int);
int sb_min_blocksize(struct super_block *, int);

/* mm/filemap.c role (compat/mm). */
int generic_file_mmap(struct file *, struct vm_area_struct *);
int generic_file_readonly_mmap(struct file *, struct vm_area_struct *);
ssize_t filemap_read(struct kiocb *iocb, struct iov_iter *to, ssize_t already_read);
ssize_t generic_file_read_iter(struct kiocb *, struct iov_iter *);
ssize_t __generic_file_write_iter(struct kiocb *, struct iov_iter *);
ssize_t generic_file_write_iter(struct kiocb *, struct iov_iter *);
ssize_t generic_file_direct_write(struct kiocb *, struct iov_iter *);
ssize_t generic_perform_write(struct kiocb *, struct iov_iter *);
void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping);
int file_fdatawait_range(struct file *file, loff_t lstart, loff_t lend);
int file_check_and_advance_wb_err(struct file *file);
int file_write_and_wait_range(struct file *file, loff_t start, loff_t end);

static inline int file_write_and_wait(struct file *file)
{
	return file_write_and_wait_range(file, 0, LLONG_MAX);
}

/* read_write.c */
ssize_t generic_write_checks(struct kiocb *, struct iov_iter *);
int generic_write_checks_count(struct kiocb *iocb, loff_t *count);
int generic_write_check_limits(struct file *file, loff_t pos, loff_t *count);
int generic_file_rw_checks(struct file *file_in, struct file *file_out);
int rw_verify_area(int, struct file *, const loff_t *, size_t);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
#define no_llseek NULL
loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
loff_t no_seek_end_llseek_size(struct file *, loff_t, int, loff_t);
loff_t no_seek_end_llseek(struct file *, loff_t, int);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
ssize_t generic_copy_file_range(struct file *file_in, loff_t pos_in, struct file *file_out,
				loff_t pos_out, size_t len, unsigned int flags);

/* splice.c: kfs never splices through a filesystem (see splice.c). */
ssize_t generic_file_splice_read(struct file *, loff_t *, struct pipe_inode_info *, size_t,
				 unsigned int);
ssize_t iter_file_splice_write(struct pipe_inode_info *, struct file *, loff_t *, size_t,
			       unsigned int);

int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);

static inline bool iocb_is_dsync(const struct kiocb *iocb)
{
	return (iocb->ki_flags & IOCB_DSYNC) || IS_SYNC(iocb->ki_filp->f_mapping->host);
}

/* After a write to an O_SYNC/O_DSYNC file or S_SYNC inode: make it stable. */
static inline ssize_t generic_write_sync(struct kiocb *iocb, ssize_t count)
{
	if (iocb_is_dsync(iocb)) {
		int ret = vfs_fsync_range(iocb->ki_filp, iocb->ki_pos - count,
					  iocb->ki_pos - 1,
					  (iocb->ki_flags & IOCB_SYNC) ? 0 : 1);
		if (ret)
			return ret;
	}
	return count;
}

static inline int iocb_flags(struct file *file)
{
	int res = 0;

	if (file->f_flags & O_APPEND)
		res |= IOCB_APPEND;
	if (file->f_flags & O_DIRECT)
		res |= IOCB_DIRECT;
	if (file->f_flags & O_DSYNC)
		res |= IOCB_DSYNC;
	if (file->f_flags & __O_SYNC)
		res |= IOCB_SYNC;
	return res;
}

static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	*kiocb = (struct kiocb) {
		.ki_filp = filp,
		.ki_flags = iocb_flags(filp),
		.ki_ioprio = 0,
	};
}

static inline void kiocb_clone(struct kiocb *kiocb, struct kiocb *kiocb_src, struct file *filp)
{
	*kiocb = (struct kiocb) {
		.ki_filp = filp,
		.ki_flags = kiocb_src->ki_flags,
		.ki_ioprio = kiocb_src->ki_ioprio,
		.ki_pos = kiocb_src->ki_pos,
	};
}

static inline int kiocb_set_rw_flags(struct kiocb *ki, rwf_t flags)
{
	int kiocb_flags = 0;

	if (!flags)
		return 0;
	if (unlikely(flags & ~RWF_SUPPORTED))
		return -EOPNOTSUPP;
	if (flags & RWF_NOWAIT) {
		if (!(ki->ki_filp->f_mode & FMODE_NOWAIT))
			return -EOPNOTSUPP;
		kiocb_flags |= IOCB_NOIO;
	}
	kiocb_flags |= (__force int)(flags & RWF_SUPPORTED);
	if (flags & RWF_SYNC)
		kiocb_flags |= IOCB_DSYNC;
	ki->ki_flags |= kiocb_flags;
	return 0;
}

#define MAX_RW_COUNT (INT_MAX & PAGE_MASK)

/* fs/buffer.c (D): direct I/O over get_block is not provided; see buffer.c. */
typedef void(dio_submit_t)(struct bio *bio, struct inode *inode, loff_t file_offset);
enum {
	DIO_LOCKING = 0x01,
	DIO_SKIP_HOLES = 0x02,
};
ssize_t __blockdev_direct_IO(struct kiocb *iocb, struct inode *inode,
			     struct block_device *bdev, struct iov_iter *iter,
			     get_block_t get_block, dio_iodone_t end_io,
			     dio_submit_t submit_io, int flags);

static inline ssize_t blockdev_direct_IO(struct kiocb *iocb, struct inode *inode,
					 struct iov_iter *iter, get_block_t get_block)
{
	return __blockdev_direct_IO(iocb, inode, inode->i_sb->s_bdev, iter, get_block,
				    NULL, NULL, DIO_LOCKING | DIO_SKIP_HOLES);
}

int bmap(struct inode *inode, sector_t *block);

/* ------------------------------------------- attributes (attr.c, stat.c) */

int may_setattr(struct user_namespace *mnt_userns, struct inode *inode, unsigned int ia_valid);
int setattr_prepare(struct user_namespace *, struct dentry *, struct iattr *);
int inode_newsize_ok(const struct inode *, loff_t offset);
void setattr_copy(struct user_namespace *, struct inode *inode, const struct iattr *attr);
void generic_fillattr(struct user_namespace *, struct inode *, struct kstat *);
void generic_fill_statx_attr(struct inode *inode, struct kstat *stat);
int vfs_getattr_nosec(const struct path *, struct kstat *, u32, unsigned int);
int vfs_getattr(const struct path *, struct kstat *, u32, unsigned int);

/* ------------------------------------------------------- readdir.c */

int iterate_dir(struct file *, struct dir_context *);

/* ------------------------------------------- helpers for filesystems (libfs.c) */

int dcache_dir_open(struct inode *, struct file *);
int dcache_dir_close(struct inode *, struct file *);
loff_t dcache_dir_lseek(struct file *, loff_t, int);
int dcache_readdir(struct file *, struct dir_context *);
int simple_setattr(struct user_namespace *, struct dentry *, struct iattr *);
int simple_getattr(struct user_namespace *, const struct path *, struct kstat *, u32,
		   unsigned int);
int simple_statfs(struct dentry *, struct kstatfs *);
int simple_open(struct inode *inode, struct file *file);
int simple_link(struct dentry *, struct inode *, struct dentry *);
int simple_unlink(struct inode *, struct dentry *);
int simple_rmdir(struct inode *, struct dentry *);
void simple_rename_timestamp(struct inode *old_dir, struct dentry *old_dentry,
			     struct inode *new_dir, struct dentry *new_dentry);
int simple_rename_exchange(struct inode *old_dir, struct dentry *old_dentry,
			   struct inode *new_dir, struct dentry *new_dentry);
int simple_rename(struct user_namespace *, struct inode *, struct dentry *, struct inode *,
		  struct dentry *, unsigned int);
int noop_fsync(struct file *, loff_t, loff_t, int);
ssize_t noop_direct_IO(struct kiocb *iocb, struct iov_iter *iter);
int simple_empty(struct dentry *);
int always_delete_dentry(const struct dentry *);
extern const struct dentry_operations simple_dentry_operations;
struct dentry *simple_lookup(struct inode *, struct dentry *, unsigned int flags);
ssize_t generic_read_dir(struct file *, char __user *, size_t, loff_t *);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_dir_inode_operations;
void make_empty_dir_inode(struct inode *inode);
bool is_empty_dir_inode(struct inode *inode);
struct dentry *d_alloc_name(struct dentry *, const char *);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);
int __generic_file_fsync(struct file *, loff_t, loff_t, int);
int generic_file_fsync(struct file *, loff_t, loff_t, int);
int generic_check_addressable(unsigned, u64);
void generic_set_encrypted_ci_d_ops(struct dentry *dentry);
extern const struct file_operations generic_ro_fops;

static inline ino_t parent_ino(struct dentry *dentry)
{
	ino_t res;

	spin_lock(&dentry->d_lock);
	res = dentry->d_parent->d_inode->i_ino;
	spin_unlock(&dentry->d_lock);
	return res;
}

#define special_file(m) (S_ISCHR(m) || S_ISBLK(m) || S_ISFIFO(m) || S_ISSOCK(m))

/* Special files: opening device nodes and fifos is not served by kfs. */
extern const struct file_operations def_blk_fops;
extern const struct file_operations def_chr_fops;

static inline bool is_sxid(umode_t mode)
{
	return mode & (S_ISUID | S_ISGID);
}

static inline int check_sticky(struct user_namespace *mnt_userns, struct inode *dir,
			       struct inode *inode)
{
	if (!(dir->i_mode & S_ISVTX))
		return 0;
	return __check_sticky(mnt_userns, dir, inode);
}

static inline void inode_has_no_xattr(struct inode *inode)
{
	if (!is_sxid(inode->i_mode) && (inode->i_sb->s_flags & SB_NOSEC))
		inode->i_flags |= S_NOSEC;
}

static inline bool is_root_inode(struct inode *inode)
{
	return inode == inode->i_sb->s_root->d_inode;
}

/* Readdir helpers (Documentation/filesystems/vfs.rst, iterate_shared). */
static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

static inline bool dir_emit_dot(struct file *file, struct dir_context *ctx)
{
	return ctx->actor(ctx, ".", 1, ctx->pos, file->f_path.dentry->d_inode->i_ino, DT_DIR);
}

static inline bool dir_emit_dotdot(struct file *file, struct dir_context *ctx)
{
	return ctx->actor(ctx, "..", 2, ctx->pos, parent_ino(file->f_path.dentry), DT_DIR);
}

static inline bool dir_emit_dots(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!dir_emit_dot(file, ctx))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit_dotdot(file, ctx))
			return false;
		ctx->pos = 2;
	}
	return true;
}

static inline bool dir_relax(struct inode *inode)
{
	inode_unlock(inode);
	inode_lock(inode);
	return !IS_DEADDIR(inode);
}

static inline bool dir_relax_shared(struct inode *inode)
{
	inode_unlock_shared(inode);
	inode_lock_shared(inode);
	return !IS_DEADDIR(inode);
}

/* Names handed to getname(): not used by kfs, declared for fs headers. */
struct filename {
	const char *name;
	const __user char *uptr;
	atomic_t refcnt;
	struct audit_names *aname;
	const char iname[];
};

extern struct kmem_cache *names_cachep;
#define __getname()		kmalloc(PATH_MAX, GFP_KERNEL)
#define __putname(name)		kfree((void *)(name))

static inline bool vma_is_dax(const struct vm_area_struct *vma)
{
	return false;
}

/* The pseudo super block of block-device inodes (compat/block, bdev.c). */
extern struct super_block *blockdev_superblock;

static inline bool sb_is_blkdev_sb(struct super_block *sb)
{
	return sb == blockdev_superblock;
}

#endif /* _LINUX_FS_H */
