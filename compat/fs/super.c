// SPDX-License-Identifier: GPL-2.0-only
/*
 * Super blocks: the roles of the kernel's fs/super.c, fs/sync.c (syncing a
 * super block) and fs/statfs.c.
 *
 * As in the kernel (vfs.rst "struct super_block", locking.rst
 * super_operations):
 *  - sget()/sget_fc() find or create the super block of a device; a new
 *    one comes back with s_umount held for writing and without SB_BORN,
 *    to be filled in by the filesystem's fill_super;
 *  - s_active counts mounts, s_count passive references (under sb_lock);
 *  - the last deactivate_super() runs the type's ->kill_sb, normally
 *    kill_block_super() -> generic_shutdown_super(): drop the dentries,
 *    sync, evict the unused inodes, ->put_super, then close the device;
 *  - every super block has a shrinker that frees unused dentries and then
 *    unused inodes, which keeps those caches bounded.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/blkdev.h>
#include <linux/backing-dev.h>
#include <linux/writeback.h>
#include <linux/mount.h>
#include <linux/statfs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/percpu-rwsem.h>
#include <linux/bitops.h>
#include <linux/shrinker.h>
#include <linux/user_namespace.h>
#include <linux/security.h>
#include <kfs/mm.h>
#include <kfs/vfs_internal.h>

/* Every super block that is set up, and the lock for s_count and the lists. */
static LIST_HEAD(all_supers);
static DEFINE_SPINLOCK(sb_lock);

/* ------------------------------------------------------------ shrinker */

static struct super_block *shrinker_sb(struct shrinker *s)
{
	return container_of(s, struct super_block, s_shrink);
}

/*
 * Free unused dentries (which pin inodes) and unused inodes, sharing the
 * scan between them by how many of each there are.  Nothing is done for
 * an allocation that may not recurse into the filesystem (no __GFP_FS),
 * or while the super block is being set up or torn down (s_umount taken
 * for writing, or not born yet).
 */
static unsigned long sb_cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct super_block *sb = shrinker_sb(s);
	long nd, ni, dshare, freed = 0;

	if (!(sc->gfp_mask & __GFP_FS) || !down_read_trylock(&sb->s_umount))
		return SHRINK_STOP;
	if (!(sb->s_flags & SB_BORN) || !sb->s_root) {
		up_read(&sb->s_umount);
		return SHRINK_STOP;
	}

	nd = max(READ_ONCE(sb->s_nr_dentry_unused), 0L);
	ni = max(READ_ONCE(sb->s_nr_inodes_unused), 0L);
	if (nd + ni) {
		/* rounded up, so that a handful of unused dentries is scanned too */
		dshare = DIV_ROUND_UP(sc->nr_to_scan * nd, nd + ni);
		freed = prune_dcache_sb(sb, dshare);
		freed += prune_icache_sb(sb, max_t(long, (long)sc->nr_to_scan - dshare, 0));
	}
	up_read(&sb->s_umount);
	return freed;
}

static unsigned long sb_cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct super_block *sb = shrinker_sb(s);
	long n;

	if (!(sb->s_flags & SB_BORN))
		return 0;
	n = READ_ONCE(sb->s_nr_dentry_unused) + READ_ONCE(sb->s_nr_inodes_unused);
	return n > 0 ? n : SHRINK_EMPTY;
}

/* ----------------------------------------------------- allocation, refs */

static const struct super_operations no_sb_ops;

static void sb_free(struct super_block *sb)
{
	int lvl;

	for (lvl = SB_FREEZE_LEVELS - 1; lvl >= 0; lvl--)
		percpu_free_rwsem(&sb->s_writers.rw_sem[lvl]);
	kfree(sb->s_subtype);
	kfree(sb);
}

/* A super block that never made it into the lists. */
static void sb_discard_new(struct super_block *sb)
{
	if (sb) {
		up_write(&sb->s_umount);
		free_prealloced_shrinker(&sb->s_shrink);
		sb_free(sb);
	}
}

static void sb_init_lists(struct super_block *sb)
{
	INIT_LIST_HEAD(&sb->s_list);
	INIT_LIST_HEAD(&sb->s_mounts);
	INIT_HLIST_NODE(&sb->s_instances);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_list_lock);
	INIT_LIST_HEAD(&sb->s_inodes_wb);
	spin_lock_init(&sb->s_inode_wblist_lock);
	INIT_LIST_HEAD(&sb->s_inode_lru);
	spin_lock_init(&sb->s_inode_lru_lock);
	INIT_LIST_HEAD(&sb->s_dentry_lru);
}

/*
 * A blank super block of type, locked for writing (nobody may look at it
 * before SB_BORN), with one active and one passive reference and the
 * defaults filesystems expect: 2 GiB files, second timestamps over the
 * whole time64_t range.
 */
static struct super_block *sb_alloc(struct file_system_type *type, int flags,
				    struct user_namespace *user_ns)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_USER);
	int lvl;

	if (!sb)
		return NULL;
	for (lvl = 0; lvl < SB_FREEZE_LEVELS; lvl++) {
		if (!percpu_init_rwsem(&sb->s_writers.rw_sem[lvl]))
			continue;
		while (lvl--)
			percpu_free_rwsem(&sb->s_writers.rw_sem[lvl]);
		kfree(sb);
		return NULL;
	}
	init_waitqueue_head(&sb->s_writers.wait_unfrozen);

	init_rwsem(&sb->s_umount);
	down_write_nested(&sb->s_umount, SINGLE_DEPTH_NESTING);
	sb_init_lists(sb);
	mutex_init(&sb->s_sync_lock);
	mutex_init(&sb->s_vfs_rename_mutex);

	sb->s_flags = flags;
	sb->s_user_ns = user_ns;
	if (user_ns != &init_user_ns)
		sb->s_iflags |= SB_I_NODEV;
	sb->s_bdi = &noop_backing_dev_info;
	sb->s_op = &no_sb_ops;
	sb->s_maxbytes = MAX_NON_LFS;
	sb->s_time_gran = NSEC_PER_SEC;
	sb->s_time_min = TIME64_MIN;
	sb->s_time_max = TIME64_MAX;
	sb->s_count = 1;
	atomic_set(&sb->s_active, 1);

	sb->s_shrink = (struct shrinker){
		.count_objects = sb_cache_count,
		.scan_objects = sb_cache_scan,
		.seeks = DEFAULT_SEEKS,
		.batch = 1024,
		.flags = SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE,
	};
	if (prealloc_shrinker(&sb->s_shrink, "sb-%s", type->name)) {
		sb_discard_new(sb);
		return NULL;
	}
	return sb;
}

/* Passive reference done with; sb_lock held.  The last one frees. */
static void sb_put_locked(struct super_block *sb)
{
	if (--sb->s_count)
		return;
	list_del_init(&sb->s_list);
	WARN_ON(!list_empty(&sb->s_dentry_lru) || !list_empty(&sb->s_inode_lru) ||
		!list_empty(&sb->s_mounts));
	sb_free(sb);
}

static void sb_put(struct super_block *sb)
{
	spin_lock(&sb_lock);
	sb_put_locked(sb);
	spin_unlock(&sb_lock);
}

/*
 * An active reference goes, with s_umount held for writing; the last one
 * shuts the filesystem down (->kill_sb) and lets the super block go.
 */
void deactivate_locked_super(struct super_block *sb)
{
	struct file_system_type *type = sb->s_type;

	if (!atomic_dec_and_test(&sb->s_active)) {
		up_write(&sb->s_umount);
		return;
	}
	unregister_shrinker(&sb->s_shrink);
	type->kill_sb(sb);
	put_filesystem(type);
	sb_put(sb);
}
EXPORT_SYMBOL(deactivate_locked_super);

void deactivate_super(struct super_block *sb)
{
	/* not the last mount: no need for s_umount */
	if (atomic_add_unless(&sb->s_active, -1, 1))
		return;
	down_write(&sb->s_umount);
	deactivate_locked_super(sb);
}
EXPORT_SYMBOL(deactivate_super);

/*
 * Make an existing super block (found under sb_lock, which this drops)
 * active once more.  Fails for one that is not born or is dying.  On
 * success the caller holds s_umount for writing.
 */
static bool sb_activate_found(struct super_block *sb)
{
	bool ok;

	sb->s_count++;
	spin_unlock(&sb_lock);
	down_write(&sb->s_umount);
	ok = (sb->s_flags & SB_BORN) && atomic_inc_not_zero(&sb->s_active);
	if (!ok)
		up_write(&sb->s_umount);
	sb_put(sb);
	return ok;
}

void drop_super(struct super_block *sb)
{
	up_read(&sb->s_umount);
	sb_put(sb);
}
EXPORT_SYMBOL(drop_super);

void drop_super_exclusive(struct super_block *sb)
{
	up_write(&sb->s_umount);
	sb_put(sb);
}
EXPORT_SYMBOL(drop_super_exclusive);

/*
 * Call fn on each live super block (of one type when type is given),
 * with s_umount held for reading.  The passive reference on the current
 * one keeps our place in the list while sb_lock is dropped.
 */
static void for_each_live_super(struct file_system_type *type,
				void (*fn)(struct super_block *, void *), void *arg)
{
	struct super_block *cur, *prev = NULL;

	spin_lock(&sb_lock);
	list_for_each_entry(cur, &all_supers, s_list) {
		if (hlist_unhashed(&cur->s_instances) || (type && cur->s_type != type))
			continue;
		cur->s_count++;
		spin_unlock(&sb_lock);

		down_read(&cur->s_umount);
		if ((cur->s_flags & SB_BORN) && cur->s_root)
			fn(cur, arg);
		up_read(&cur->s_umount);

		spin_lock(&sb_lock);
		if (prev)
			sb_put_locked(prev);
		prev = cur;
	}
	if (prev)
		sb_put_locked(prev);
	spin_unlock(&sb_lock);
}

void iterate_supers(void (*f)(struct super_block *, void *), void *arg)
{
	for_each_live_super(NULL, f, arg);
}
EXPORT_SYMBOL(iterate_supers);

void iterate_supers_type(struct file_system_type *type,
			 void (*f)(struct super_block *, void *), void *arg)
{
	for_each_live_super(type, f, arg);
}
EXPORT_SYMBOL(iterate_supers_type);

/* ---------------------------------------------------------------- sget */

/*
 * The search-or-create both sget() flavours share.  match (may be NULL:
 * always create) and setup are the caller's callbacks, adapted by the two
 * wrappers below; key is what they receive.
 */
struct sget_ops {
	bool (*match)(struct super_block *sb, void *key);
	int (*setup)(struct super_block *sb, void *key);
	void *key;
	int flags;
	struct user_namespace *user_ns;
	struct fs_context *fc;
};

static struct super_block *sget_common(struct file_system_type *type, struct sget_ops *ops)
{
	struct super_block *fresh = NULL, *sb;
	int err;

	for (;;) {
		spin_lock(&sb_lock);
		if (ops->match) {
			bool retry = false;

			hlist_for_each_entry(sb, &type->fs_supers, s_instances) {
				if (!ops->match(sb, ops->key))
					continue;
				if (sb->s_user_ns != ops->user_ns) {
					spin_unlock(&sb_lock);
					sb_discard_new(fresh);
					return ERR_PTR(-EBUSY);
				}
				if (!sb_activate_found(sb)) {
					retry = true;
					break;
				}
				sb_discard_new(fresh);
				return sb;
			}
			if (retry)
				continue;
		}
		if (fresh)
			break;
		spin_unlock(&sb_lock);
		fresh = sb_alloc(type, ops->flags, ops->user_ns);
		if (!fresh)
			return ERR_PTR(-ENOMEM);
	}

	/* sb_lock held: nobody else can create a matching one meanwhile */
	if (ops->fc)
		fresh->s_fs_info = ops->fc->s_fs_info;
	err = ops->setup(fresh, ops->key);
	if (err) {
		fresh->s_fs_info = NULL;
		spin_unlock(&sb_lock);
		sb_discard_new(fresh);
		return ERR_PTR(err);
	}
	if (ops->fc) {
		ops->fc->s_fs_info = NULL;
		fresh->s_iflags |= ops->fc->s_iflags;
	}
	fresh->s_type = type;
	strscpy(fresh->s_id, type->name, sizeof(fresh->s_id));
	list_add_tail(&fresh->s_list, &all_supers);
	hlist_add_head(&fresh->s_instances, &type->fs_supers);
	spin_unlock(&sb_lock);

	get_filesystem(type);
	register_shrinker_prepared(&fresh->s_shrink);
	return fresh;
}

struct sget_legacy {
	int (*test)(struct super_block *, void *);
	int (*set)(struct super_block *, void *);
	void *data;
};

static bool sget_legacy_match(struct super_block *sb, void *key)
{
	struct sget_legacy *l = key;

	return l->test(sb, l->data);
}

static int sget_legacy_setup(struct super_block *sb, void *key)
{
	struct sget_legacy *l = key;

	return l->set(sb, l->data);
}

/*
 * Find a super block of type that test() accepts, or make one with set().
 * Works for types that are never registered too (compat/block's bdev
 * pseudo filesystem).  The result has s_umount held for writing.
 */
struct super_block *sget(struct file_system_type *type,
			 int (*test)(struct super_block *, void *),
			 int (*set)(struct super_block *, void *), int flags, void *data)
{
	struct sget_legacy l = { .test = test, .set = set, .data = data };
	struct sget_ops ops = {
		.match = test ? sget_legacy_match : NULL,
		.setup = sget_legacy_setup,
		.key = &l,
		.flags = flags & ~SB_SUBMOUNT,
		.user_ns = &init_user_ns,
	};

	return sget_common(type, &ops);
}
EXPORT_SYMBOL(sget);

struct sget_fc_cb {
	int (*test)(struct super_block *, struct fs_context *);
	int (*set)(struct super_block *, struct fs_context *);
	struct fs_context *fc;
};

static bool sget_fc_match(struct super_block *sb, void *key)
{
	struct sget_fc_cb *c = key;

	return c->test(sb, c->fc);
}

static int sget_fc_setup(struct super_block *sb, void *key)
{
	struct sget_fc_cb *c = key;

	return c->set(sb, c->fc);
}

struct super_block *sget_fc(struct fs_context *fc,
			    int (*test)(struct super_block *, struct fs_context *),
			    int (*set)(struct super_block *, struct fs_context *))
{
	struct sget_fc_cb c = { .test = test, .set = set, .fc = fc };
	struct sget_ops ops = {
		.match = test ? sget_fc_match : NULL,
		.setup = sget_fc_setup,
		.key = &c,
		.flags = fc->sb_flags,
		.user_ns = fc->global ? &init_user_ns : fc->user_ns,
		.fc = fc,
	};

	return sget_common(fc->fs_type, &ops);
}
EXPORT_SYMBOL(sget_fc);

/* --------------------------------------------------- anonymous devices */

/* Device numbers with major 0 for super blocks that have no device. */
#define ANON_MINORS (1U << 16)
static DECLARE_BITMAP(anon_minors_used, ANON_MINORS);
static DEFINE_SPINLOCK(anon_minors_lock);

int get_anon_bdev(dev_t *p)
{
	unsigned long minor;

	spin_lock(&anon_minors_lock);
	/* minor 0 is never handed out, as in the kernel */
	minor = find_next_zero_bit(anon_minors_used, ANON_MINORS, 1);
	if (minor < ANON_MINORS)
		__set_bit(minor, anon_minors_used);
	spin_unlock(&anon_minors_lock);
	if (minor >= ANON_MINORS)
		return -EMFILE;
	*p = MKDEV(0, minor);
	return 0;
}
EXPORT_SYMBOL(get_anon_bdev);

void free_anon_bdev(dev_t dev)
{
	spin_lock(&anon_minors_lock);
	__clear_bit(MINOR(dev), anon_minors_used);
	spin_unlock(&anon_minors_lock);
}
EXPORT_SYMBOL(free_anon_bdev);

int set_anon_super(struct super_block *s, void *data)
{
	return get_anon_bdev(&s->s_dev);
}
EXPORT_SYMBOL(set_anon_super);

int set_anon_super_fc(struct super_block *sb, struct fs_context *fc)
{
	return get_anon_bdev(&sb->s_dev);
}
EXPORT_SYMBOL(set_anon_super_fc);

void kill_anon_super(struct super_block *sb)
{
	dev_t anon = sb->s_dev;

	generic_shutdown_super(sb);
	free_anon_bdev(anon);
}
EXPORT_SYMBOL(kill_anon_super);

/* In-memory filesystems: their dentries hold the only reference to their inodes. */
void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root)
		d_genocide(sb->s_root);
	kill_anon_super(sb);
}
EXPORT_SYMBOL(kill_litter_super);

/* ------------------------------------------------------------ shutdown */

/* Inodes that survived eviction are referenced by someone: say so. */
static void report_busy_inodes(struct super_block *sb)
{
	struct inode *inode;

	if (list_empty(&sb->s_inodes))
		return;
	pr_err("VFS: Busy inodes after unmount of %s (%s)\n", sb->s_id, sb->s_type->name);
	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		pr_err("VFS:   inode %lu count %d state %#lx\n", inode->i_ino,
		       atomic_read(&inode->i_count), inode->i_state);
	spin_unlock(&sb->s_inode_list_lock);
	WARN_ON(1);
}

/*
 * Bring a mounted filesystem to rest (locking.rst: s_umount held for
 * writing): forget the dentries, write everything out, stop caching
 * (SB_ACTIVE off) and evict the inodes, make sure writeback is done with
 * the sb, then let the filesystem drop its state (->put_super).
 */
static void sb_wind_down(struct super_block *sb)
{
	shrink_dcache_for_umount(sb);
	sync_filesystem(sb);
	sb->s_flags &= ~SB_ACTIVE;
	evict_inodes(sb);
	kfs_writeback_sb_shutdown(sb);

	if (sb->s_dio_done_wq) {
		destroy_workqueue(sb->s_dio_done_wq);
		sb->s_dio_done_wq = NULL;
	}
	if (sb->s_op->put_super)
		sb->s_op->put_super(sb);
	report_busy_inodes(sb);
}

void generic_shutdown_super(struct super_block *sb)
{
	struct backing_dev_info *bdi = sb->s_bdi;

	if (sb->s_root)
		sb_wind_down(sb);

	spin_lock(&sb_lock);
	hlist_del_init(&sb->s_instances);
	spin_unlock(&sb_lock);
	up_write(&sb->s_umount);

	if (bdi == &noop_backing_dev_info)
		return;
	sb->s_bdi = &noop_backing_dev_info;
	if (sb->s_iflags & SB_I_PERSB_BDI)
		bdi_unregister(bdi);
	bdi_put(bdi);
}
EXPORT_SYMBOL(generic_shutdown_super);

/* ------------------------------------------------------- block devices */

/* The super block of a block device: it is found by (and holds) its bdev. */
static bool bdev_sb_match(struct super_block *sb, struct block_device *bdev)
{
	return sb->s_bdev == bdev;
}

static int bdev_sb_setup(struct super_block *sb, struct block_device *bdev)
{
	sb->s_bdev = bdev;
	sb->s_dev = bdev->bd_dev;
	sb->s_bdi = bdi_get(bdev->bd_disk->bdi);
	if (bdev_stable_writes(bdev))
		sb->s_iflags |= SB_I_STABLE_WRITES;
	return 0;
}

static int test_bdev_super(struct super_block *s, void *data)
{
	return bdev_sb_match(s, data);
}

static int set_bdev_super(struct super_block *s, void *data)
{
	return bdev_sb_setup(s, data);
}

static int test_bdev_super_fc(struct super_block *s, struct fs_context *fc)
{
	return bdev_sb_match(s, fc->sget_key);
}

static int set_bdev_super_fc(struct super_block *s, struct fs_context *fc)
{
	return bdev_sb_setup(s, fc->sget_key);
}

/*
 * Open path for type (exclusively: the device belongs to this type while
 * mounted) and find or create its super block.  *mode tells how it was
 * opened; the caller drops that reference unless the sb is new.  Returns
 * the sb locked, or an ERR_PTR with the device already closed.
 */
static struct super_block *bdev_super(struct file_system_type *type, const char *path,
				      unsigned int sb_flags, struct fs_context *fc,
				      fmode_t *mode)
{
	struct block_device *bdev;
	struct super_block *sb;

	*mode = FMODE_READ | FMODE_EXCL | ((sb_flags & SB_RDONLY) ? 0 : FMODE_WRITE);
	bdev = blkdev_get_by_path(path, *mode, type);
	if (IS_ERR(bdev)) {
		if (fc)
			errorf(fc, "%s: Can't open blockdev", path);
		return ERR_CAST(bdev);
	}

	/* s_umount of the new sb keeps a freeze from starting meanwhile */
	mutex_lock(&bdev->bd_fsfreeze_mutex);
	if (bdev->bd_fsfreeze_count > 0) {
		mutex_unlock(&bdev->bd_fsfreeze_mutex);
		if (fc)
			warnf(fc, "%pg: Can't mount, blockdev is frozen", bdev);
		blkdev_put(bdev, *mode);
		return ERR_PTR(-EBUSY);
	}
	if (fc) {
		fc->sb_flags |= SB_NOSEC;
		fc->sget_key = bdev;
		sb = sget_fc(fc, test_bdev_super_fc, set_bdev_super_fc);
	} else {
		sb = sget(type, test_bdev_super, set_bdev_super, sb_flags | SB_NOSEC, bdev);
	}
	mutex_unlock(&bdev->bd_fsfreeze_mutex);
	if (IS_ERR(sb)) {
		blkdev_put(bdev, *mode);
		return sb;
	}

	if (!sb->s_root) {
		sb->s_mode = *mode;
		snprintf(sb->s_id, sizeof(sb->s_id), "%pg", bdev);
		sb_set_blocksize(sb, block_size(bdev));
		return sb;
	}

	/* Mounted already: same read-only state, or nothing. */
	if ((sb_flags ^ sb->s_flags) & SB_RDONLY) {
		if (fc)
			warnf(fc, "%pg: Can't mount, would change RO state", bdev);
		deactivate_locked_super(sb);
		blkdev_put(bdev, *mode);
		return ERR_PTR(-EBUSY);
	}
	/* the existing sb has its own reference; ours goes (not under s_umount) */
	up_write(&sb->s_umount);
	blkdev_put(bdev, *mode);
	down_write(&sb->s_umount);
	return sb;
}

/* The fill_super of a new sb succeeded: it is live. */
static void bdev_super_ready(struct super_block *sb)
{
	sb->s_flags |= SB_ACTIVE;
	sb->s_bdev->bd_super = sb;
}

/* mount_bdev for filesystems on the mount API (->get_tree). */
int get_tree_bdev(struct fs_context *fc,
		  int (*fill_super)(struct super_block *, struct fs_context *))
{
	struct super_block *sb;
	fmode_t mode;
	int err;

	if (!fc->source)
		return invalf(fc, "No source specified");

	sb = bdev_super(fc->fs_type, fc->source, fc->sb_flags, fc, &mode);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	if (!sb->s_root) {
		err = fill_super(sb, fc);
		if (err) {
			deactivate_locked_super(sb);
			return err;
		}
		bdev_super_ready(sb);
	}
	BUG_ON(fc->root);
	fc->root = dget(sb->s_root);
	return 0;
}
EXPORT_SYMBOL(get_tree_bdev);

/* What a filesystem's ->mount calls on the legacy API. */
struct dentry *mount_bdev(struct file_system_type *fs_type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *sb;
	fmode_t mode;
	int err;

	sb = bdev_super(fs_type, dev_name, flags, NULL, &mode);
	if (IS_ERR(sb))
		return ERR_CAST(sb);
	if (!sb->s_root) {
		err = fill_super(sb, data, (flags & SB_SILENT) ? 1 : 0);
		if (err) {
			deactivate_locked_super(sb);
			return ERR_PTR(err);
		}
		bdev_super_ready(sb);
	}
	return dget(sb->s_root);
}
EXPORT_SYMBOL(mount_bdev);

void kill_block_super(struct super_block *sb)
{
	struct block_device *bdev = sb->s_bdev;
	fmode_t mode = sb->s_mode;

	bdev->bd_super = NULL;
	generic_shutdown_super(sb);
	/* whatever ->put_super dirtied goes out before the device is closed */
	sync_blockdev(bdev);
	WARN_ON_ONCE(!(mode & FMODE_EXCL));
	blkdev_put(bdev, mode | FMODE_EXCL);
}
EXPORT_SYMBOL(kill_block_super);

/* -------------------------------------------------- device-less mounts */

static int match_any(struct super_block *s, void *p)
{
	return 1;
}

/* Fill a new sb of a device-less type; existing ones (mount_single) are reused. */
static struct dentry *nodev_mount(struct file_system_type *type, int flags, void *data,
				  int (*fill_super)(struct super_block *, void *, int),
				  bool single)
{
	struct super_block *sb;
	int err;

	sb = sget(type, single ? match_any : NULL, set_anon_super, flags, NULL);
	if (IS_ERR(sb))
		return ERR_CAST(sb);
	if (!sb->s_root) {
		err = fill_super(sb, data, (flags & SB_SILENT) ? 1 : 0);
		if (err) {
			deactivate_locked_super(sb);
			return ERR_PTR(err);
		}
		sb->s_flags |= SB_ACTIVE;
	}
	return dget(sb->s_root);
}

struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int))
{
	return nodev_mount(fs_type, flags, data, fill_super, false);
}
EXPORT_SYMBOL(mount_nodev);

struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *, void *, int))
{
	return nodev_mount(fs_type, flags, data, fill_super, true);
}
EXPORT_SYMBOL(mount_single);

/* ----------------------------------------------------------- remounting */

/* A read-only remount must wait until no file is open for writing. */
static int sb_block_writers(struct super_block *sb)
{
	struct inode *inode;
	bool writers = false;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (atomic_read(&inode->i_writecount) > 0) {
			writers = true;
			break;
		}
	}
	spin_unlock(&sb->s_inode_list_lock);
	if (writers)
		return -EBUSY;
	WRITE_ONCE(sb->s_readonly_remount, 1);
	smp_wmb();
	return 0;
}

/*
 * Apply a remount (mount_api.rst, reconfigure), s_umount held for writing:
 * check that a change of SB_RDONLY can happen, keep writers out while the
 * filesystem changes its state (->reconfigure), then switch the flags a
 * remount may change.
 */
int reconfigure_super(struct fs_context *fc)
{
	struct super_block *sb = fc->root->d_sb;
	bool want_ro = fc->sb_flags & SB_RDONLY;
	bool ro_change = (fc->sb_flags_mask & SB_RDONLY) && want_ro != sb_rdonly(sb);
	bool forced = fc->sb_flags & SB_FORCE;
	int err;

	if (fc->sb_flags_mask & ~MS_RMT_MASK)
		return -EINVAL;
	if (sb->s_writers.frozen != SB_UNFROZEN)
		return -EBUSY;
	if (ro_change && !want_ro && sb->s_bdev && bdev_read_only(sb->s_bdev))
		return -EACCES;

	if (ro_change && want_ro) {
		shrink_dcache_sb(sb);
		if (!forced) {
			err = sb_block_writers(sb);
			if (err)
				return err;
		}
	}
	if (ro_change) {
		WRITE_ONCE(sb->s_readonly_remount, 1);
		smp_wmb();
	}

	if (fc->ops->reconfigure) {
		err = fc->ops->reconfigure(fc);
		if (err && !forced) {
			WRITE_ONCE(sb->s_readonly_remount, 0);
			return err;
		}
		WARN(err, "forced remount of a %s fs returned %i\n", sb->s_type->name, err);
	}

	WRITE_ONCE(sb->s_flags, (sb->s_flags & ~fc->sb_flags_mask) |
				(fc->sb_flags & fc->sb_flags_mask));
	smp_wmb();
	WRITE_ONCE(sb->s_readonly_remount, 0);

	/* metadata cached from other mappings may be stale in the device cache now */
	if (ro_change && want_ro && sb->s_bdev)
		invalidate_bdev(sb->s_bdev);
	return 0;
}

/* --------------------------------------------------------------- syncing */

/*
 * Write everything of a filesystem to its device (fs/sync.c), in two
 * passes: one that starts writeback without waiting, one that waits; each
 * ends with ->sync_fs(sb, wait) and the device's own buffers (what the fs
 * dirtied there).  The caller holds s_umount, so the read-only state
 * cannot change under us; a read-only filesystem has nothing to write.
 */
int sync_filesystem(struct super_block *sb)
{
	int wait, err = 0;

	WARN_ON(!rwsem_is_locked(&sb->s_umount));
	if (sb_rdonly(sb))
		return 0;

	for (wait = 0; wait <= 1 && !err; wait++) {
		if (wait)
			sync_inodes_sb(sb);
		else
			writeback_inodes_sb(sb, WB_REASON_SYNC);
		if (sb->s_op->sync_fs)
			err = sb->s_op->sync_fs(sb, wait);
		if (!err)
			err = wait ? sync_blockdev(sb->s_bdev) : sync_blockdev_nowait(sb->s_bdev);
	}
	return err;
}
EXPORT_SYMBOL(sync_filesystem);

/* ---------------------------------------------------------------- statfs */

/* The ST_* bits statfs(2) reports, from mount flags and super block flags. */
static const struct {
	unsigned int bit;
	bool from_sb;
	long st;
} statfs_flag_map[] = {
	{ MNT_READONLY, false, ST_RDONLY },
	{ MNT_NOSUID, false, ST_NOSUID },
	{ MNT_NODEV, false, ST_NODEV },
	{ MNT_NOEXEC, false, ST_NOEXEC },
	{ MNT_NOATIME, false, ST_NOATIME },
	{ MNT_NODIRATIME, false, ST_NODIRATIME },
	{ MNT_RELATIME, false, ST_RELATIME },
	{ MNT_NOSYMFOLLOW, false, ST_NOSYMFOLLOW },
	{ SB_RDONLY, true, ST_RDONLY },
	{ SB_SYNCHRONOUS, true, ST_SYNCHRONOUS },
	{ SB_MANDLOCK, true, ST_MANDLOCK },
};

static long statfs_flags(const struct vfsmount *mnt, const struct super_block *sb)
{
	long st = ST_VALID;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(statfs_flag_map); k++) {
		unsigned long have = statfs_flag_map[k].from_sb ? sb->s_flags :
				     (mnt ? mnt->mnt_flags : 0);

		if (have & statfs_flag_map[k].bit)
			st |= statfs_flag_map[k].st;
	}
	return st;
}

/* ->statfs of the filesystem, f_frsize defaulting to f_bsize, plus the flags. */
int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	if (!sb->s_op->statfs)
		return -ENOSYS;
	memset(buf, 0, sizeof(*buf));
	err = sb->s_op->statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = statfs_flags(path->mnt, sb);
	return 0;
}
EXPORT_SYMBOL(vfs_statfs);

/* ------------------------------------------------------------- freezing */

/* kfs never freezes a filesystem (no FIFREEZE, no snapshots). */
int freeze_super(struct super_block *sb)
{
	WARN_ONCE(1, "kfs: freezing a super block is not supported\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(freeze_super);

int thaw_super(struct super_block *sb)
{
	WARN_ONCE(1, "kfs: freezing a super block is not supported\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(thaw_super);

/* --------------------------------------------------------------- bdi */

/* A bdi of its own for a filesystem without a block device. */
int super_setup_bdi_name(struct super_block *sb, char *fmt, ...)
{
	struct backing_dev_info *bdi = bdi_alloc(NUMA_NO_NODE);
	va_list args;
	int err;

	if (!bdi)
		return -ENOMEM;
	va_start(args, fmt);
	err = bdi_register_va(bdi, fmt, args);
	va_end(args);
	if (err) {
		bdi_put(bdi);
		return err;
	}
	WARN_ON(sb->s_bdi != &noop_backing_dev_info);
	sb->s_bdi = bdi;
	sb->s_iflags |= SB_I_PERSB_BDI;
	return 0;
}
EXPORT_SYMBOL(super_setup_bdi_name);

int super_setup_bdi(struct super_block *sb)
{
	static atomic_long_t seq = ATOMIC_LONG_INIT(0);

	return super_setup_bdi_name(sb, "%.28s-%ld", sb->s_type->name,
				    atomic_long_inc_return(&seq));
}
EXPORT_SYMBOL(super_setup_bdi);
