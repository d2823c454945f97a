// SPDX-License-Identifier: GPL-2.0-only
/*
 * Block devices over images: opening and closing them, exclusive holders,
 * block sizes, and the device page cache (block/bdev.c and block/fops.c's
 * role in 6.1).
 *
 * Every opened image is a kfs_disk (blk.h) with exactly one block_device,
 * kept in a registry by the path it was opened with: blkdev_get_by_path()
 * on an open path returns the same device with one more opener, which is how
 * kfs_mount's window (kfs_bdev_open) reaches mount_bdev.  The last
 * blkdev_put() writes back and drops the device's page cache, flushes the
 * host and closes the image.
 *
 * The device's page cache is the mapping of its bd_inode, an inode of the
 * internal "bdev" pseudo filesystem (blockdev_superblock) that embeds the
 * block_device as 6.1 does (I_BDEV()).  Buffer heads from sb_bread() live in
 * it, so a metadata block has one copy whoever looks it up.
 *
 * Images are opened O_DIRECT where the host allows it (not on tmpfs), with a
 * second, buffered descriptor for transfers O_DIRECT cannot do.  Writers
 * hold an exclusive kfs_host->lock on the image and readers a shared one, so
 * a second process cannot write an image in use (or use one being written).
 */
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/magic.h>
#include <linux/module.h>
#include <linux/mpage.h>
#include <linux/mutex.h>
#include <linux/pagemap.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/writeback.h>

#include "blk.h"

struct bdev_inode {
	struct block_device bdev;
	struct inode vfs_inode;
};

static inline struct bdev_inode *BDEV_I(struct inode *inode)
{
	return container_of(inode, struct bdev_inode, vfs_inode);
}

struct block_device *I_BDEV(struct inode *inode)
{
	return &BDEV_I(inode)->bdev;
}
EXPORT_SYMBOL(I_BDEV);

struct super_block *blockdev_superblock __read_mostly;
EXPORT_SYMBOL_GPL(blockdev_superblock);

static struct kmem_cache *bdev_cachep;

/*
 * bdev_lock serialises the registry and every open and close, including
 * the teardown of a disk, so a path being closed is never opened twice at
 * once (which the host lock would refuse).
 */
static DEFINE_MUTEX(bdev_lock);
static LIST_HEAD(bdev_disks);
static int bdev_next_minor;

const char *kfs_bdev_name(const struct block_device *bdev)
{
	return bdev->bd_disk->disk_name;
}
EXPORT_SYMBOL(kfs_bdev_name);

/* ------------------------------------------------------- the pseudo fs */

static struct inode *bdev_alloc_inode(struct super_block *sb)
{
	struct bdev_inode *ei = kmem_cache_alloc(bdev_cachep, GFP_KERNEL);

	if (!ei)
		return NULL;
	memset(&ei->bdev, 0, sizeof(ei->bdev));
	return &ei->vfs_inode;
}

static void bdev_free_inode(struct inode *inode)
{
	kmem_cache_free(bdev_cachep, BDEV_I(inode));
}

static void bdev_inode_init_once(void *data)
{
	struct bdev_inode *ei = data;

	inode_init_once(&ei->vfs_inode);
}

static void bdev_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	invalidate_inode_buffers(inode);
	clear_inode(inode);
}

static const struct super_operations bdev_sops = {
	.statfs = simple_statfs,
	.alloc_inode = bdev_alloc_inode,
	.free_inode = bdev_free_inode,
	.drop_inode = generic_delete_inode,
	.evict_inode = bdev_evict_inode,
};

/* Never registered: reachable only through blockdev_superblock. */
static struct file_system_type bdev_fs_type = {
	.name = "bdev",
	.kill_sb = kill_anon_super,
};

/* Creates blockdev_superblock on first use (under bdev_lock). */
static int bdev_pseudo_sb(void)
{
	struct super_block *sb;
	struct inode *root;

	if (blockdev_superblock)
		return 0;
	sb = sget(&bdev_fs_type, NULL, set_anon_super, SB_KERNMOUNT | SB_NOUSER,
		  NULL);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	sb->s_op = &bdev_sops;
	sb->s_magic = BDEVFS_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_time_gran = 1;

	/* A root, as init_pseudo gives one: writeback wants sb->s_root set. */
	root = new_inode(sb);
	if (!root)
		goto fail;
	root->i_ino = 1;
	root->i_mode = S_IFDIR | 0755;
	root->i_atime = root->i_mtime = root->i_ctime = current_time(root);
	set_nlink(root, 2);
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		goto fail;
	sb->s_flags |= SB_ACTIVE | SB_BORN;
	up_write(&sb->s_umount);
	blockdev_superblock = sb;
	return 0;
fail:
	deactivate_locked_super(sb);
	return -ENOMEM;
}

/* ------------------------------------------------- the device page cache */

/* Device blocks map one to one onto the device. */
static int blkdev_get_block(struct inode *inode, sector_t iblock,
			    struct buffer_head *bh, int create)
{
	bh->b_bdev = I_BDEV(inode);
	bh->b_blocknr = iblock;
	set_buffer_mapped(bh);
	return 0;
}

static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, blkdev_get_block, wbc);
}

static int blkdev_read_folio(struct file *file, struct folio *folio)
{
	return block_read_full_folio(folio, blkdev_get_block);
}

static void blkdev_readahead(struct readahead_control *rac)
{
	mpage_readahead(rac, blkdev_get_block);
}

static const struct address_space_operations def_blk_aops = {
	.dirty_folio = block_dirty_folio,
	.invalidate_folio = block_invalidate_folio,
	.read_folio = blkdev_read_folio,
	.readahead = blkdev_readahead,
	.writepage = blkdev_writepage,
};

/*
 * The first block size of a device: the largest power of two up to a page
 * that divides its size, so that no buffer straddles the end.
 */
static void set_init_blocksize(struct block_device *bdev)
{
	unsigned int bsize = bdev_logical_block_size(bdev);
	loff_t size = i_size_read(bdev->bd_inode);

	while (bsize < PAGE_SIZE) {
		if (size & bsize)
			break;
		bsize <<= 1;
	}
	bdev->bd_inode->i_blkbits = blksize_bits(bsize);
}

/*
 * Drops the whole page cache of the device (dirty data is lost).  I/O
 * still completing holds buffer references that would keep their pages'
 * buffers from being freed: let it finish first.
 */
static void kill_bdev(struct block_device *bdev)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;

	if (!mapping->nrpages)
		return;
	kfs_disk_drain(bdev_kfs_disk(bdev));
	invalidate_bh_lrus();
	truncate_inode_pages(mapping, 0);
}

static int __sync_blockdev(struct block_device *bdev, bool wait)
{
	if (!bdev)
		return 0;
	if (!wait)
		return filemap_flush(bdev->bd_inode->i_mapping);
	return filemap_write_and_wait(bdev->bd_inode->i_mapping);
}

/*
 * Writes back the device's dirty pages and waits for them.  kfs also
 * flushes the host's caches afterwards: nothing else makes an image
 * durable for filesystems (minix, ext2) that never issue a flush of their
 * own, and sync_filesystem() ends with this call.
 */
int sync_blockdev(struct block_device *bdev)
{
	int ret, err;

	if (!bdev)
		return 0;
	ret = __sync_blockdev(bdev, true);
	err = blkdev_issue_flush(bdev);
	return ret ? ret : err;
}
EXPORT_SYMBOL(sync_blockdev);

int sync_blockdev_nowait(struct block_device *bdev)
{
	return __sync_blockdev(bdev, false);
}
EXPORT_SYMBOL(sync_blockdev_nowait);

int sync_blockdev_range(struct block_device *bdev, loff_t lstart, loff_t lend)
{
	return filemap_write_and_wait_range(bdev->bd_inode->i_mapping,
					    lstart, lend);
}
EXPORT_SYMBOL(sync_blockdev_range);

/* Drops clean, unused pages of the device's cache (after a change below). */
void invalidate_bdev(struct block_device *bdev)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;

	if (mapping->nrpages) {
		invalidate_bh_lrus();
		invalidate_mapping_pages(mapping, 0, -1);
	}
}
EXPORT_SYMBOL(invalidate_bdev);

int set_blocksize(struct block_device *bdev, int size)
{
	if (blk_validate_block_size(size))
		return -EINVAL;
	if (size < bdev_logical_block_size(bdev))
		return -EINVAL;

	/*
	 * Buffers of the old size must go: write them out, then drop the
	 * cache so that every page gets buffers of the new size.
	 */
	if (bdev->bd_inode->i_blkbits != blksize_bits(size)) {
		__sync_blockdev(bdev, true);
		bdev->bd_inode->i_blkbits = blksize_bits(size);
		kill_bdev(bdev);
	}
	return 0;
}
EXPORT_SYMBOL(set_blocksize);

int sb_set_blocksize(struct super_block *sb, int size)
{
	if (set_blocksize(sb->s_bdev, size))
		return 0;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = blksize_bits(size);
	return sb->s_blocksize;
}
EXPORT_SYMBOL(sb_set_blocksize);

int sb_min_blocksize(struct super_block *sb, int size)
{
	int minsize = bdev_logical_block_size(sb->s_bdev);

	if (size < minsize)
		size = minsize;
	return sb_set_blocksize(sb, size);
}
EXPORT_SYMBOL(sb_min_blocksize);

/* ------------------------------------------------------ opening images */

static const char *kfs_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* Opens the image O_DIRECT if the host allows, plus a buffered fd. */
static int kfs_open_image(struct kfs_disk *kd, const char *path)
{
	int flags = kd->writable ? KFS_OPEN_RDWR : KFS_OPEN_RDONLY;
	/* O_EXCL keeps a host block device from being mounted meanwhile. */
	int excl = kd->writable ? KFS_OPEN_EXCL : 0;
	int fd;

	fd = kfs_host->open(path, flags | excl | KFS_OPEN_DIRECT);
	if (fd == -EINVAL) {
		/* tmpfs and the like refuse O_DIRECT. */
		fd = kfs_host->open(path, flags | excl);
		if (fd < 0)
			return fd;
		kd->fd = kd->fd_buffered = fd;
		kd->direct = false;
		return 0;
	}
	if (fd < 0)
		return fd;
	kd->fd = fd;
	kd->direct = true;
	fd = kfs_host->open(path, flags);
	if (fd < 0) {
		kfs_host->close(kd->fd);
		return fd;
	}
	kd->fd_buffered = fd;
	return 0;
}

static void kfs_close_image(struct kfs_disk *kd)
{
	if (kd->fd_buffered != kd->fd)
		kfs_host->close(kd->fd_buffered);
	kfs_host->close(kd->fd);
}

static void kfs_disk_set_limits(struct kfs_disk *kd, unsigned int lbs)
{
	struct queue_limits *lim = &kd->queue.limits;

	lim->logical_block_size = lbs;
	lim->physical_block_size = lbs;
	lim->io_min = lbs;
	lim->io_opt = 0;
	lim->max_sectors = KFS_MAX_REQ_SECTORS;
	lim->max_hw_sectors = KFS_MAX_REQ_SECTORS;
	lim->max_segments = BIO_MAX_VECS;
	/* Discard and zeroing are fallocate calls on the image. */
	lim->max_discard_sectors = UINT_MAX >> SECTOR_SHIFT;
	lim->max_hw_discard_sectors = UINT_MAX >> SECTOR_SHIFT;
	lim->max_write_zeroes_sectors = UINT_MAX >> SECTOR_SHIFT;
	lim->discard_granularity = lbs;
	lim->discard_alignment = 0;
	lim->dma_alignment = 511;
	/* A volatile cache (the host's) that fdatasync flushes. */
	__set_bit(QUEUE_FLAG_WC, &kd->queue.queue_flags);
	__set_bit(QUEUE_FLAG_FUA, &kd->queue.queue_flags);
	__set_bit(QUEUE_FLAG_NOWAIT, &kd->queue.queue_flags);
	kd->queue.disk = &kd->disk;
}

/* Makes the block_device (and its inode) of a disk. */
static int kfs_disk_add_bdev(struct kfs_disk *kd, sector_t nr_sectors)
{
	struct block_device *bdev;
	struct inode *inode;
	dev_t dev = MKDEV(kd->disk.major, kd->disk.first_minor);

	inode = new_inode(blockdev_superblock);
	if (!inode)
		return -ENOMEM;
	bdev = I_BDEV(inode);
	bdev->bd_dev = dev;
	bdev->bd_inode = inode;
	bdev->bd_disk = &kd->disk;
	bdev->bd_queue = &kd->queue;
	bdev->bd_partno = 0;
	bdev->bd_start_sect = 0;
	bdev->bd_nr_sectors = nr_sectors;
	bdev->bd_read_only = !kd->writable;
	atomic_set(&bdev->bd_openers, 0);
	spin_lock_init(&bdev->bd_size_lock);
	mutex_init(&bdev->bd_fsfreeze_mutex);

	inode->i_mode = S_IFBLK;
	inode->i_rdev = dev;
	inode->i_data.a_ops = &def_blk_aops;
	mapping_set_gfp_mask(&inode->i_data, GFP_USER);
	spin_lock(&bdev->bd_size_lock);
	i_size_write(inode, (loff_t)nr_sectors << SECTOR_SHIFT);
	spin_unlock(&bdev->bd_size_lock);
	set_init_blocksize(bdev);

	kd->disk.part0 = bdev;
	return 0;
}

static void kfs_disk_release(struct kfs_disk *kd);

/*
 * Opens @path as a new disk whose device covers @size bytes from @offset
 * (0: to the end).  Called with bdev_lock held.
 */
/*
 * The image is locked by another process: one line naming it (the FUSE
 * daemon and the tools print it as their reason), e.g.
 * "/srv/d.img is in use by kfs (pid 1234) mounted on /mnt/d".
 */
static void kfs_report_holder(struct kfs_disk *kd, const char *path, int err)
{
	struct kfs_host_lock_holder h;

	if (!kfs_host->lock_holder || kfs_host->lock_holder(kd->fd, &h) || h.pid <= 0) {
		pr_err("%s is in use by another process (%d)\n", path, err);
		return;
	}
	pr_err("%s is in use by %s (pid %d)%s%s\n", path, h.prog[0] ? h.prog : "a process",
	       h.pid, h.mountpoint[0] ? " mounted on " : "", h.mountpoint);
}

static struct kfs_disk *kfs_disk_open(const char *path, fmode_t mode,
				      loff_t offset, loff_t size)
{
	struct kfs_host_stat st;
	struct kfs_disk *kd;
	unsigned int lbs;
	int ret;

	if (offset < 0 || size < 0 || (offset & (SECTOR_SIZE - 1)))
		return ERR_PTR(-EINVAL);
	ret = bdev_pseudo_sb();
	if (ret)
		return ERR_PTR(ret);

	kd = kzalloc(sizeof(*kd), GFP_KERNEL);
	if (!kd)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&kd->registry);
	kd->fd = kd->fd_buffered = -1;
	kd->path = kstrdup(path, GFP_KERNEL);
	if (!kd->path) {
		kfree(kd);
		return ERR_PTR(-ENOMEM);
	}
	kd->writable = mode & FMODE_WRITE;
	ret = kfs_open_image(kd, path);
	if (ret)
		goto fail_free;

	ret = kfs_host->fstat(kd->fd, &st);
	if (ret)
		goto fail_close;
	if (!st.is_blockdev && !S_ISREG(st.mode)) {
		ret = -ENOTBLK;
		goto fail_close;
	}
	lbs = st.logical_block_size ? st.logical_block_size : SECTOR_SIZE;
	if (lbs < SECTOR_SIZE || lbs > PAGE_SIZE || !is_power_of_2(lbs)) {
		pr_err("%s: unsupported logical block size %u\n", path, lbs);
		ret = -EINVAL;
		goto fail_close;
	}
	if (offset > (loff_t)st.size || size > (loff_t)st.size - offset) {
		ret = -EINVAL;
		goto fail_close;
	}
	if (!size)
		size = st.size - offset;
	kd->base = offset;
	kd->window = size;
	kd->dio_align = lbs;
	/* A window off the host's alignment cannot use O_DIRECT at all. */
	if (kd->direct && (offset & (lbs - 1))) {
		kfs_host->close(kd->fd);
		kd->fd = kd->fd_buffered;
		kd->direct = false;
	}

	ret = kfs_host->lock(kd->fd, kd->writable);
	if (ret) {
		kfs_report_holder(kd, path, ret);
		ret = -EBUSY;
		goto fail_close;
	}

	kd->disk.major = KFS_BDEV_MAJOR;
	kd->disk.first_minor = bdev_next_minor++;
	kd->disk.minors = 1;
	strscpy(kd->disk.disk_name, kfs_basename(path), DISK_NAME_LEN);
	kd->disk.queue = &kd->queue;
	kd->disk.private_data = kd;
	kfs_disk_set_limits(kd, lbs);

	ret = kfs_disk_engine_start(kd);
	if (ret)
		goto fail_close;

	/* The bdi first: the device's inode reaches it through the disk. */
	kd->disk.bdi = bdi_alloc(NUMA_NO_NODE);
	if (!kd->disk.bdi) {
		ret = -ENOMEM;
		goto fail_release;
	}
	ret = bdi_register(kd->disk.bdi, "%u:%u", kd->disk.major,
			   kd->disk.first_minor);
	if (ret) {
		bdi_put(kd->disk.bdi);
		kd->disk.bdi = NULL;
		goto fail_release;
	}

	ret = kfs_disk_add_bdev(kd, size >> SECTOR_SHIFT);
	if (ret)
		goto fail_release;
	list_add_tail(&kd->registry, &bdev_disks);
	return kd;

fail_release:
	kfs_disk_release(kd);
	return ERR_PTR(ret);
fail_close:
	kfs_close_image(kd);
fail_free:
	kfree(kd->path);
	kfree(kd);
	return ERR_PTR(ret);
}

/*
 * Closes a disk (last opener gone, or a failed open): writes back what is
 * dirty, flushes the host, drops the page cache, stops the engine and
 * closes the image.  Called with bdev_lock held.
 */
static void kfs_disk_release(struct kfs_disk *kd)
{
	struct block_device *bdev = kd->disk.part0;

	list_del_init(&kd->registry);
	if (bdev) {
		int err = __sync_blockdev(bdev, true);

		if (!err)
			err = kfs_disk_host_flush(kd);
		if (err)
			pr_err("%s: writing back the device on close failed: %d\n",
			       kd->disk.disk_name, err);
		kill_bdev(bdev);
	}
	/* No more writeback of the device: its flusher stops here. */
	if (kd->disk.bdi)
		bdi_unregister(kd->disk.bdi);
	kfs_disk_engine_stop(kd);
	/* The inode finds its bdi through the disk until it is gone. */
	if (bdev) {
		iput(bdev->bd_inode);
		kd->disk.part0 = NULL;
	}
	if (kd->disk.bdi) {
		bdi_put(kd->disk.bdi);
		kd->disk.bdi = NULL;
	}
	kfs_close_image(kd);
	kfree(kd->path);
	kfree(kd);
}

static struct kfs_disk *kfs_disk_find_path(const char *path)
{
	struct kfs_disk *kd;

	list_for_each_entry(kd, &bdev_disks, registry)
		if (!strcmp(kd->path, path))
			return kd;
	return NULL;
}

/*
 * Takes one opener reference on @bdev for @mode, claiming it for @holder
 * when FMODE_EXCL is set.  Called with bdev_lock held.
 */
static int bdev_claim(struct block_device *bdev, fmode_t mode, void *holder)
{
	if ((mode & FMODE_WRITE) && bdev_read_only(bdev))
		return -EROFS;
	if (mode & FMODE_EXCL) {
		if (WARN_ON_ONCE(!holder))
			return -EINVAL;
		if (bdev->bd_holder && bdev->bd_holder != holder)
			return -EBUSY;
		bdev->bd_holder = holder;
		bdev->bd_holders++;
		if (mode & FMODE_WRITE)
			bdev->bd_write_holder = true;
	}
	atomic_inc(&bdev->bd_openers);
	return 0;
}

static struct block_device *bdev_open_locked(const char *path, fmode_t mode,
					     loff_t offset, loff_t size,
					     void *holder, bool window)
{
	struct kfs_disk *kd = kfs_disk_find_path(path);
	bool fresh = false;
	int ret;

	if (kd) {
		/* One window per path: a different one is a conflict. */
		if (window && (kd->base != offset || (size && kd->window != size)))
			return ERR_PTR(-EBUSY);
	} else {
		kd = kfs_disk_open(path, mode, offset, size);
		if (IS_ERR(kd))
			return ERR_CAST(kd);
		fresh = true;
	}
	ret = bdev_claim(kd->disk.part0, mode, holder);
	if (ret) {
		if (fresh)
			kfs_disk_release(kd);
		return ERR_PTR(ret);
	}
	return kd->disk.part0;
}

struct block_device *kfs_bdev_open(const char *path, fmode_t mode, loff_t offset,
				   loff_t size, void *holder)
{
	struct block_device *bdev;

	mutex_lock(&bdev_lock);
	bdev = bdev_open_locked(path, mode, offset, size, holder, true);
	mutex_unlock(&bdev_lock);
	return bdev;
}
EXPORT_SYMBOL(kfs_bdev_open);

/*
 * Opens the device at @path for @mode; with FMODE_EXCL, claims it for
 * @holder (another holder's claim makes it -EBUSY; the same holder may
 * claim again).  An open path gives its open device.
 */
struct block_device *blkdev_get_by_path(const char *path, fmode_t mode,
					void *holder)
{
	struct block_device *bdev;

	if (!path || !*path)
		return ERR_PTR(-EINVAL);
	mutex_lock(&bdev_lock);
	bdev = bdev_open_locked(path, mode, 0, 0, holder, false);
	mutex_unlock(&bdev_lock);
	return bdev;
}
EXPORT_SYMBOL(blkdev_get_by_path);

/* kfs cannot open a device by number: only an open one is found. */
struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder)
{
	struct block_device *bdev = ERR_PTR(-ENXIO);
	struct kfs_disk *kd;
	int ret;

	mutex_lock(&bdev_lock);
	list_for_each_entry(kd, &bdev_disks, registry) {
		if (kd->disk.part0->bd_dev != dev)
			continue;
		ret = bdev_claim(kd->disk.part0, mode, holder);
		bdev = ret ? ERR_PTR(ret) : kd->disk.part0;
		break;
	}
	mutex_unlock(&bdev_lock);
	return bdev;
}
EXPORT_SYMBOL(blkdev_get_by_dev);

void blkdev_put(struct block_device *bdev, fmode_t mode)
{
	struct kfs_disk *kd = bdev_kfs_disk(bdev);

	mutex_lock(&bdev_lock);
	if (mode & FMODE_EXCL) {
		WARN_ON_ONCE(bdev->bd_holders <= 0);
		if (--bdev->bd_holders <= 0) {
			bdev->bd_holders = 0;
			bdev->bd_holder = NULL;
			bdev->bd_write_holder = false;
		}
	}
	if (atomic_dec_and_test(&bdev->bd_openers))
		kfs_disk_release(kd);
	mutex_unlock(&bdev_lock);
}
EXPORT_SYMBOL(blkdev_put);

/* ------------------------------------------------------------------ init */

static int __init kfs_blk_init(void)
{
	int ret = kfs_bio_init();

	if (!ret)
		ret = kfs_blk_lib_init();
	if (ret)
		return ret;
	bdev_cachep = kmem_cache_create("bdev_cache", sizeof(struct bdev_inode),
					0, SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT |
					SLAB_ACCOUNT | SLAB_PANIC,
					bdev_inode_init_once);
	return bdev_cachep ? 0 : -ENOMEM;
}
subsys_initcall(kfs_blk_init);

/*
 * The kernel mounts its bdev pseudo filesystem at boot (bdev_cache_init,
 * from vfs_caches_init); so do we, once the inode and dentry caches exist
 * (they are set up at fs_initcall level), so that it is part of the state
 * that lives as long as the process rather than something the first open
 * leaves behind.
 */
static int __init kfs_bdev_pseudo_init(void)
{
	int ret;

	mutex_lock(&bdev_lock);
	ret = bdev_pseudo_sb();
	mutex_unlock(&bdev_lock);
	return ret;
}
device_initcall(kfs_bdev_pseudo_init);

/*
 * At kfs_exit(): the kernel never tears these down, but leak checks want a
 * clean slate.  Devices still open are the caller's leak: say so and keep
 * what they use.
 */
static void __exit kfs_blk_exit(void)
{
	struct super_block *sb = blockdev_superblock;

	mutex_lock(&bdev_lock);
	if (WARN(!list_empty(&bdev_disks),
		 "kfs: block devices still open at exit\n")) {
		mutex_unlock(&bdev_lock);
		return;
	}
	blockdev_superblock = NULL;
	mutex_unlock(&bdev_lock);
	if (sb) {
		down_write(&sb->s_umount);
		deactivate_locked_super(sb);
	}
	/* Inodes and dentries are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(bdev_cachep);
	kfs_blk_lib_exit();
	bioset_exit(&fs_bio_set);
}
__exitcall(kfs_blk_exit);
