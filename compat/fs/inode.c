// SPDX-License-Identifier: GPL-2.0-only
/*
 * The inode cache: the role of the kernel's fs/inode.c.  (Bad inodes are
 * in bad_inode.c, timestamps and privilege stripping in inode_time.c.)
 *
 * Life of an inode, as Documentation/filesystems/vfs.rst and porting.rst
 * describe it:
 *  - allocated by ->alloc_inode (or from our own cache) and set up by
 *    inode_init_always; a filesystem reading an inode by number gets it
 *    from iget_locked()/iget5_locked() with I_NEW set, fills it in and
 *    calls unlock_new_inode(), which wakes whoever found it meanwhile;
 *  - i_count counts references.  On the last iput() the filesystem's
 *    ->drop_inode (generic_drop_inode: unlinked or unhashed inodes go)
 *    says whether to keep it: kept inodes wait, unused, on their super
 *    block's LRU until the per-sb shrinker or the unmount evicts them;
 *    dropped ones are evicted at once (->evict_inode, or truncate the page
 *    cache and clear_inode), unhashed and freed (->destroy_inode /
 *    ->free_inode, the latter after an RCU grace period);
 *  - I_FREEING marks an inode on its way out: lookups that meet it sleep
 *    on the __I_NEW bit of i_state, which evict() wakes once it is out of
 *    the hash, and then search again.
 *
 * Locks: icache_lock (one lock for the whole hash, as the kernel's
 * inode_hash_lock) nests outside i_lock; sb->s_inode_list_lock and
 * sb->s_inode_lru_lock nest outside i_lock too (the LRU walk trylocks
 * i_lock the other way round).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/wait_bit.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/hash.h>
#include <linux/posix_acl.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <kfs/mm.h>
#include <kfs/vfs_internal.h>

/* ----------------------------------------------------------------- icache */

#define ICACHE_BITS 16

static struct hlist_head icache[1 << ICACHE_BITS];
static DEFINE_SPINLOCK(icache_lock);
static struct kmem_cache *plain_inode_cache;

/* Inodes hash by (super block, filesystem key); the key is usually i_ino. */
static struct hlist_head *icache_chain(const struct super_block *sb, unsigned long key)
{
	return &icache[hash_long(key ^ ((unsigned long)sb / L1_CACHE_BYTES), ICACHE_BITS)];
}

/* ------------------------------------------------------ default tables */

static int open_refused(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* An inode whose filesystem set no i_fop has nothing to open. */
static const struct file_operations nothing_to_open_fops = {
	.open = open_refused,
};

static const struct inode_operations no_inode_ops;

const struct address_space_operations empty_aops = {
};
EXPORT_SYMBOL(empty_aops);

/* ------------------------------------------------------------ allocation */

/*
 * The parts of an address_space that keep their state across reuse of
 * the memory (set once by the slab constructor).
 */
void address_space_init_once(struct address_space *mapping)
{
	*mapping = (struct address_space){};
	spin_lock_init(&mapping->private_lock);
	INIT_LIST_HEAD(&mapping->private_list);
	init_rwsem(&mapping->i_mmap_rwsem);
	xa_init_flags(&mapping->i_pages, XA_FLAGS_LOCK_IRQ | XA_FLAGS_ACCOUNT);
}
EXPORT_SYMBOL(address_space_init_once);

/* Slab constructor part: what a freed inode has given back already. */
void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_wb_list);
	INIT_LIST_HEAD(&inode->i_io_list);
	INIT_LIST_HEAD(&inode->i_devices);
	INIT_HLIST_NODE(&inode->i_hash);
	address_space_init_once(&inode->i_data);
}
EXPORT_SYMBOL(inode_init_once);

static void plain_inode_ctor(void *obj)
{
	inode_init_once(obj);
}

/* The page cache of a fresh inode: empty, host set, fs a_ops to come. */
static void mapping_setup(struct address_space *m, struct inode *host)
{
	m->host = host;
	m->a_ops = &empty_aops;
	m->flags = 0;
	m->private_data = NULL;
	m->writeback_index = 0;
	m->wb_err = 0;
	atomic_set(&m->i_mmap_writable, 0);
	init_rwsem(&m->invalidate_lock);
	mapping_set_gfp_mask(m, GFP_HIGHUSER_MOVABLE);
}

/*
 * What every inode looks like before its filesystem sees it: one
 * reference, one link, owned by root, size 0, no operations of its own,
 * block size of its super block.  Returns 0 (only an LSM could refuse
 * here, and kfs has none).
 */
int inode_init_always(struct super_block *sb, struct inode *inode)
{
	inode->i_sb = sb;
	inode->i_ino = 0;
	inode->i_op = &no_inode_ops;
	inode->i_fop = &nothing_to_open_fops;
	inode->i_opflags = sb->s_xattr ? IOP_XATTR : 0;
	inode->i_flags = 0;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->__i_nlink = 1;
	inode->i_uid = GLOBAL_ROOT_UID;
	inode->i_gid = GLOBAL_ROOT_GID;
	inode->i_rdev = 0;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_bytes = 0;
	inode->i_generation = 0;
	inode->i_write_hint = WRITE_LIFE_NOT_SET;
	inode->dirtied_when = 0;
	inode->dirtied_time_when = 0;
	inode->i_pipe = NULL;
	inode->i_flctx = NULL;
	inode->i_private = NULL;
	inode->i_acl = ACL_NOT_CACHED;
	inode->i_default_acl = ACL_NOT_CACHED;
	inode->i_kfs_alias = NULL;
	inode->i_kfs_refs = 0;
	atomic_set(&inode->i_count, 1);
	atomic_set(&inode->i_writecount, 0);
	atomic_set(&inode->i_readcount, 0);
	atomic_set(&inode->i_dio_count, 0);
	atomic64_set(&inode->i_sequence, 0);
	spin_lock_init(&inode->i_lock);
	init_rwsem(&inode->i_rwsem);
	INIT_HLIST_HEAD(&inode->i_dentry);
	mapping_setup(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	return 0;
}
EXPORT_SYMBOL(inode_init_always);

void free_inode_nonrcu(struct inode *inode)
{
	kmem_cache_free(plain_inode_cache, inode);
}
EXPORT_SYMBOL(free_inode_nonrcu);

/* The memory goes back after a grace period: RCU walkers may still look. */
static void inode_free_rcu(struct rcu_head *head)
{
	struct inode *inode = container_of(head, struct inode, i_rcu);
	void (*release)(struct inode *) = inode->free_inode;

	if (release)
		release(inode);
	else
		free_inode_nonrcu(inode);
}

/* Drops what the VFS itself hung off an inode (cached ACLs). */
void __destroy_inode(struct inode *inode)
{
	struct posix_acl *acls[2] = { inode->i_acl, inode->i_default_acl };
	int k;

	BUG_ON(inode_has_buffers(inode));
	for (k = 0; k < 2; k++)
		if (acls[k] && !is_uncached_acl(acls[k]))
			posix_acl_release(acls[k]);
}
EXPORT_SYMBOL(__destroy_inode);

/*
 * Give an inode back: ->destroy_inode frees it at once, ->free_inode (or
 * our own cache) after a grace period.  i_fop shares its storage with the
 * free_inode pointer: the inode is dead by then.
 */
static void inode_release(struct inode *inode)
{
	const struct super_operations *sops = inode->i_sb->s_op;

	__destroy_inode(inode);
	if (sops->destroy_inode) {
		sops->destroy_inode(inode);
		if (!sops->free_inode)
			return;
	}
	inode->free_inode = sops->free_inode;
	call_rcu(&inode->i_rcu, inode_free_rcu);
}

static struct inode *inode_alloc(struct super_block *sb)
{
	struct inode *inode = sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb)
						    : kmem_cache_alloc(plain_inode_cache, GFP_KERNEL);

	if (inode && inode_init_always(sb, inode)) {
		inode_release(inode);
		inode = NULL;
	}
	return inode;
}

/* ---------------------------------------------------- sb list and LRU */

void inode_sb_list_add(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_list_lock);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
}
EXPORT_SYMBOL_GPL(inode_sb_list_add);

void inode_sb_list_del(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (list_empty(&inode->i_sb_list))
		return;
	spin_lock(&sb->s_inode_list_lock);
	list_del_init(&inode->i_sb_list);
	spin_unlock(&sb->s_inode_list_lock);
}

/* The unused-inode LRU, oldest first; s_nr_inodes_unused counts it. */
static void lru_insert(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_lru_lock);
	if (list_empty(&inode->i_lru)) {
		WRITE_ONCE(sb->s_nr_inodes_unused, sb->s_nr_inodes_unused + 1);
		list_add_tail(&inode->i_lru, &sb->s_inode_lru);
	}
	spin_unlock(&sb->s_inode_lru_lock);
}

void inode_lru_list_del(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_lru_lock);
	if (!list_empty(&inode->i_lru)) {
		WRITE_ONCE(sb->s_nr_inodes_unused, sb->s_nr_inodes_unused - 1);
		list_del_init(&inode->i_lru);
	}
	spin_unlock(&sb->s_inode_lru_lock);
}

/*
 * An unused inode that is clean and of a live super block can be
 * reclaimed: put it on the LRU (i_lock held).  Dirty ones stay off until
 * writeback cleans them (then writeback calls inode_add_lru).
 */
static void lru_consider(struct inode *inode, bool recently_used)
{
	unsigned long busy = I_DIRTY_ALL | I_SYNC | I_FREEING | I_WILL_FREE;

	if ((inode->i_state & busy) || atomic_read(&inode->i_count) ||
	    !(inode->i_sb->s_flags & SB_ACTIVE))
		return;
	lru_insert(inode);
	if (recently_used)
		inode->i_state |= I_REFERENCED;
}

void inode_add_lru(struct inode *inode)
{
	lockdep_assert_held(&inode->i_lock);
	lru_consider(inode, false);
}
EXPORT_SYMBOL(inode_add_lru);

/* ----------------------------------------------------- creating inodes */

/* An inode of sb that no sb walk (sync, unmount) ever sees. */
struct inode *new_inode_pseudo(struct super_block *sb)
{
	struct inode *inode = inode_alloc(sb);

	if (inode) {
		spin_lock(&inode->i_lock);
		inode->i_state = 0;
		spin_unlock(&inode->i_lock);
	}
	return inode;
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = new_inode_pseudo(sb);

	if (inode)
		inode_sb_list_add(inode);
	return inode;
}
EXPORT_SYMBOL(new_inode);

/* ----------------------------------------------------------- references */

void __iget(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

/* Another reference where the caller already holds one. */
void ihold(struct inode *inode)
{
	WARN_ON(atomic_inc_return(&inode->i_count) < 2);
}
EXPORT_SYMBOL(ihold);

/* A reference, unless the inode is already on its way out. */
struct inode *igrab(struct inode *inode)
{
	bool dying;

	spin_lock(&inode->i_lock);
	dying = inode->i_state & (I_FREEING | I_WILL_FREE);
	if (!dying)
		__iget(inode);
	spin_unlock(&inode->i_lock);
	return dying ? NULL : inode;
}
EXPORT_SYMBOL(igrab);

/* --------------------------------------------------------- I_NEW states */

/*
 * A lookup met an inode being freed: sleep until evict() has taken it
 * out of the hash (it wakes __I_NEW waiters then).  Entered with
 * icache_lock and the inode's i_lock held; returns with icache_lock held
 * again and i_lock released.  Queueing before the locks drop means the
 * wake-up cannot be missed.
 */
static void wait_for_evict(struct inode *inode)
{
	wait_queue_head_t *q = bit_waitqueue(&inode->i_state, __I_NEW);
	DEFINE_WAIT_BIT(w, &inode->i_state, __I_NEW);

	prepare_to_wait(q, &w.wq_entry, TASK_UNINTERRUPTIBLE);
	spin_unlock(&inode->i_lock);
	spin_unlock(&icache_lock);
	schedule();
	finish_wait(q, &w.wq_entry);
	spin_lock(&icache_lock);
}

/* Clear bits of i_state (i_lock held) and wake those waiting for I_NEW. */
static void end_new_state(struct inode *inode, unsigned long bits)
{
	spin_lock(&inode->i_lock);
	WARN_ON(!(inode->i_state & I_NEW));
	inode->i_state &= ~bits;
	smp_mb();
	wake_up_bit(&inode->i_state, __I_NEW);
	spin_unlock(&inode->i_lock);
}

/* The filesystem has filled in an I_NEW inode: it may be used now. */
void unlock_new_inode(struct inode *inode)
{
	end_new_state(inode, I_NEW | I_CREATING);
}
EXPORT_SYMBOL(unlock_new_inode);

/* An I_NEW inode the filesystem gives up on (it will not be found again). */
void discard_new_inode(struct inode *inode)
{
	end_new_state(inode, I_NEW);
	iput(inode);
}
EXPORT_SYMBOL(discard_new_inode);

/* The filesystem could not read the inode it got I_NEW from iget_locked. */
void iget_failed(struct inode *inode)
{
	make_bad_inode(inode);
	unlock_new_inode(inode);
	iput(inode);
}
EXPORT_SYMBOL(iget_failed);

/* ------------------------------------------------------ finding inodes */

/* Does inode match what a lookup asked for? */
struct icache_key {
	unsigned long ino;				/* when match is NULL */
	int (*match)(struct inode *, void *);		/* iget5 style */
	void *data;
};

static bool icache_matches(struct inode *inode, const struct icache_key *key)
{
	return key->match ? key->match(inode, key->data) : inode->i_ino == key->ino;
}

/*
 * Search one chain (icache_lock held; it may be dropped while waiting for
 * a dying inode).  Returns the inode with a new reference, NULL when there
 * is none, or ERR_PTR(-ESTALE) for one insert_inode_locked is still
 * creating (I_CREATING).
 */
static struct inode *icache_search(struct super_block *sb, struct hlist_head *chain,
				   const struct icache_key *key)
{
	struct inode *inode;

again:
	hlist_for_each_entry(inode, chain, i_hash) {
		if (inode->i_sb != sb || !icache_matches(inode, key))
			continue;
		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_FREEING | I_WILL_FREE)) {
			wait_for_evict(inode);
			goto again;
		}
		if (unlikely(inode->i_state & I_CREATING)) {
			spin_unlock(&inode->i_lock);
			return ERR_PTR(-ESTALE);
		}
		__iget(inode);
		spin_unlock(&inode->i_lock);
		return inode;
	}
	return NULL;
}

/*
 * A found inode may still be I_NEW: wait until its filesystem has set it
 * up.  If setting up failed (the inode was unhashed meanwhile) the
 * reference is dropped and the caller must search again (false).
 */
static bool settled(struct inode *inode)
{
	wait_on_inode(inode);
	if (likely(!inode_unhashed(inode)))
		return true;
	iput(inode);
	return false;
}

/*
 * Look up (sb, key) or, with a fresh inode given, insert that one under
 * hashval.  setup() (iget5's set) initialises the fresh inode under the
 * lock.  Returns the inode found or inserted (referenced), NULL when
 * nothing was found and nothing inserted, or when the match is being
 * created.  An inserted inode is I_NEW.
 */
static struct inode *icache_get(struct super_block *sb, unsigned long hashval,
				const struct icache_key *key, struct inode *fresh,
				int (*setup)(struct inode *, void *))
{
	struct hlist_head *chain = icache_chain(sb, hashval);
	struct inode *found;

	for (;;) {
		spin_lock(&icache_lock);
		found = icache_search(sb, chain, key);
		if (!found && fresh) {
			if (setup && setup(fresh, key->data)) {
				spin_unlock(&icache_lock);
				return NULL;
			}
			if (!key->match)
				fresh->i_ino = key->ino;
			spin_lock(&fresh->i_lock);
			fresh->i_state |= I_NEW;
			hlist_add_head(&fresh->i_hash, chain);
			spin_unlock(&fresh->i_lock);
			if (list_empty(&fresh->i_sb_list))
				inode_sb_list_add(fresh);
			spin_unlock(&icache_lock);
			return fresh;
		}
		spin_unlock(&icache_lock);
		if (IS_ERR_OR_NULL(found))
			return NULL;
		if (settled(found))
			return found;
	}
}

struct inode *inode_insert5(struct inode *inode, unsigned long hashval,
			    int (*test)(struct inode *, void *),
			    int (*set)(struct inode *, void *), void *data)
{
	struct icache_key key = { .match = test, .data = data };

	return icache_get(inode->i_sb, hashval, &key, inode, set);
}
EXPORT_SYMBOL(inode_insert5);

struct inode *ilookup5_nowait(struct super_block *sb, unsigned long hashval,
			      int (*test)(struct inode *, void *), void *data)
{
	struct icache_key key = { .match = test, .data = data };
	struct inode *inode;

	spin_lock(&icache_lock);
	inode = icache_search(sb, icache_chain(sb, hashval), &key);
	spin_unlock(&icache_lock);
	return IS_ERR(inode) ? NULL : inode;
}
EXPORT_SYMBOL(ilookup5_nowait);

struct inode *ilookup5(struct super_block *sb, unsigned long hashval,
		       int (*test)(struct inode *, void *), void *data)
{
	struct icache_key key = { .match = test, .data = data };

	return icache_get(sb, hashval, &key, NULL, NULL);
}
EXPORT_SYMBOL(ilookup5);

struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	struct icache_key key = { .ino = ino };

	return icache_get(sb, ino, &key, NULL, NULL);
}
EXPORT_SYMBOL(ilookup);

/*
 * Find, or allocate and insert: the caller fills in an inode that comes
 * back I_NEW and then unlocks it (vfs.rst, "iget").  A racing insert of
 * the same inode wins and ours is given back.
 */
static struct inode *iget_common(struct super_block *sb, unsigned long hashval,
				 struct icache_key *key, int (*setup)(struct inode *, void *))
{
	struct inode *inode = icache_get(sb, hashval, key, NULL, NULL);
	struct inode *fresh;

	if (inode)
		return inode;
	fresh = inode_alloc(sb);
	if (!fresh)
		return NULL;
	fresh->i_state = 0;
	inode = icache_get(sb, hashval, key, fresh, setup);
	if (inode != fresh)
		inode_release(fresh);
	return inode;
}

struct inode *iget5_locked(struct super_block *sb, unsigned long hashval,
			   int (*test)(struct inode *, void *),
			   int (*set)(struct inode *, void *), void *data)
{
	struct icache_key key = { .match = test, .data = data };

	return iget_common(sb, hashval, &key, set);
}
EXPORT_SYMBOL(iget5_locked);

struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	struct icache_key key = { .ino = ino };

	return iget_common(sb, ino, &key, NULL);
}
EXPORT_SYMBOL(iget_locked);

/*
 * A lookup that never sleeps: match() runs on each candidate of the chain
 * (1 = take it, 0 = go on, -1 = stop) and no reference is taken.
 */
struct inode *find_inode_nowait(struct super_block *sb, unsigned long hashval,
				int (*match)(struct inode *, unsigned long, void *), void *data)
{
	struct inode *inode, *hit = NULL;

	spin_lock(&icache_lock);
	hlist_for_each_entry(inode, icache_chain(sb, hashval), i_hash) {
		int verdict;

		if (inode->i_sb != sb)
			continue;
		verdict = match(inode, hashval, data);
		if (verdict) {
			if (verdict > 0)
				hit = inode;
			break;
		}
	}
	spin_unlock(&icache_lock);
	return hit;
}
EXPORT_SYMBOL(find_inode_nowait);

/*
 * Hash a freshly created inode (I_NEW | I_CREATING) under its number.
 * When a live inode with that number is still cached the on-disk inode
 * was reused under it: the caller gets -EBUSY, as in the kernel.
 */
int insert_inode_locked(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct hlist_head *chain = icache_chain(sb, inode->i_ino);

	for (;;) {
		struct inode *cur, *old = NULL;

		spin_lock(&icache_lock);
		hlist_for_each_entry(cur, chain, i_hash) {
			if (cur->i_sb != sb || cur->i_ino != inode->i_ino)
				continue;
			spin_lock(&cur->i_lock);
			if (!(cur->i_state & (I_FREEING | I_WILL_FREE))) {
				old = cur;	/* keep its i_lock */
				break;
			}
			spin_unlock(&cur->i_lock);
		}
		if (!old) {
			spin_lock(&inode->i_lock);
			inode->i_state |= I_NEW | I_CREATING;
			hlist_add_head(&inode->i_hash, chain);
			spin_unlock(&inode->i_lock);
			spin_unlock(&icache_lock);
			return 0;
		}
		if (unlikely(old->i_state & I_CREATING)) {
			spin_unlock(&old->i_lock);
			spin_unlock(&icache_lock);
			return -EBUSY;
		}
		__iget(old);
		spin_unlock(&old->i_lock);
		spin_unlock(&icache_lock);
		/* if it was still being set up and failed, the number is free */
		wait_on_inode(old);
		if (!inode_unhashed(old)) {
			iput(old);
			return -EBUSY;
		}
		iput(old);
	}
}
EXPORT_SYMBOL(insert_inode_locked);

int insert_inode_locked4(struct inode *inode, unsigned long hashval,
			 int (*test)(struct inode *, void *), void *data)
{
	struct inode *winner;

	inode->i_state |= I_CREATING;
	winner = inode_insert5(inode, hashval, test, NULL, data);
	if (winner == inode)
		return 0;
	iput(winner);
	return -EBUSY;
}
EXPORT_SYMBOL(insert_inode_locked4);

void __insert_inode_hash(struct inode *inode, unsigned long hashval)
{
	struct hlist_head *chain = icache_chain(inode->i_sb, hashval);

	spin_lock(&icache_lock);
	spin_lock(&inode->i_lock);
	hlist_add_head(&inode->i_hash, chain);
	spin_unlock(&inode->i_lock);
	spin_unlock(&icache_lock);
}
EXPORT_SYMBOL(__insert_inode_hash);

void __remove_inode_hash(struct inode *inode)
{
	spin_lock(&icache_lock);
	spin_lock(&inode->i_lock);
	hlist_del_init(&inode->i_hash);
	spin_unlock(&inode->i_lock);
	spin_unlock(&icache_lock);
}
EXPORT_SYMBOL(__remove_inode_hash);

/* Is ino free among the hashed inodes of sb?  icache_lock held. */
static bool icache_ino_free(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	hlist_for_each_entry(inode, icache_chain(sb, ino), i_hash)
		if (inode->i_ino == ino && inode->i_sb == sb)
			return false;
	return true;
}

/* An inode number above max_reserved that no hashed inode of sb uses. */
ino_t iunique(struct super_block *sb, ino_t max_reserved)
{
	static DEFINE_SPINLOCK(counter_lock);
	static unsigned int next;
	ino_t candidate;

	spin_lock(&counter_lock);
	spin_lock(&icache_lock);
	do {
		if (next <= max_reserved)
			next = max_reserved + 1;
		candidate = next++;
	} while (!icache_ino_free(sb, candidate));
	spin_unlock(&icache_lock);
	spin_unlock(&counter_lock);
	return candidate;
}
EXPORT_SYMBOL(iunique);

/* Numbers for pseudo inodes; 0 is skipped (it means "no inode" to some). */
unsigned int get_next_ino(void)
{
	static atomic_t counter = ATOMIC_INIT(0);
	unsigned int n;

	while (!(n = atomic_inc_return(&counter)))
		;
	return n;
}
EXPORT_SYMBOL(get_next_ino);

/* ------------------------------------------------------------ eviction */

/*
 * The last thing ->evict_inode does: the page cache and the buffers tied
 * to the inode must be gone, and nothing else may look at it now.
 */
void clear_inode(struct inode *inode)
{
	BUG_ON(inode->i_data.nrpages);
	BUG_ON(!list_empty(&inode->i_data.private_list));
	BUG_ON(!list_empty(&inode->i_wb_list));
	BUG_ON(!(inode->i_state & I_FREEING) || (inode->i_state & I_CLEAR));
	inode->i_state = I_FREEING | I_CLEAR;
}
EXPORT_SYMBOL(clear_inode);

/*
 * Free an I_FREEING inode: off the writeback lists and the sb list, wait
 * for writeback already running on it, let the filesystem drop its state
 * (->evict_inode), take it out of the hash, wake lookups that waited for
 * it, give the memory back.
 */
static void evict(struct inode *inode)
{
	const struct super_operations *sops = inode->i_sb->s_op;

	BUG_ON(!(inode->i_state & I_FREEING));
	BUG_ON(!list_empty(&inode->i_lru));

	if (!list_empty(&inode->i_io_list))
		inode_io_list_del(inode);
	inode_sb_list_del(inode);
	inode_wait_for_writeback(inode);

	if (!sops->evict_inode) {
		truncate_inode_pages_final(&inode->i_data);
		clear_inode(inode);
	} else {
		sops->evict_inode(inode);
	}

	remove_inode_hash(inode);
	spin_lock(&inode->i_lock);
	BUG_ON(inode->i_state != (I_FREEING | I_CLEAR));
	wake_up_bit(&inode->i_state, __I_NEW);
	spin_unlock(&inode->i_lock);

	inode_release(inode);
}

/* Evict each inode of a private list (linked through i_lru). */
static void evict_all(struct list_head *victims)
{
	struct inode *inode, *next;

	list_for_each_entry_safe(inode, next, victims, i_lru) {
		list_del_init(&inode->i_lru);
		evict(inode);
		cond_resched();
	}
}

/*
 * The last reference went (i_lock held, released here).  Keep the inode
 * cached if the filesystem wants it kept and the super block is alive;
 * otherwise write it out first when it is still linked (I_WILL_FREE) and
 * evict it.
 */
static void iput_final(struct inode *inode)
{
	const struct super_operations *sops = inode->i_sb->s_op;
	bool drop = sops->drop_inode ? sops->drop_inode(inode) : generic_drop_inode(inode);
	bool caching = (inode->i_sb->s_flags & SB_ACTIVE) && !(inode->i_state & I_DONTCACHE);

	WARN_ON(inode->i_state & I_NEW);

	if (!drop && caching) {
		lru_consider(inode, true);
		spin_unlock(&inode->i_lock);
		return;
	}

	if (!drop) {
		WRITE_ONCE(inode->i_state, inode->i_state | I_WILL_FREE);
		spin_unlock(&inode->i_lock);
		write_inode_now(inode, 1);
		spin_lock(&inode->i_lock);
		WARN_ON(inode->i_state & I_NEW);
		WRITE_ONCE(inode->i_state, inode->i_state & ~I_WILL_FREE);
	}
	WRITE_ONCE(inode->i_state, inode->i_state | I_FREEING);
	spin_unlock(&inode->i_lock);

	inode_lru_list_del(inode);
	evict(inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	/* Unlocked, as in the kernel: writeback may set other bits meanwhile. */
	BUG_ON(data_race(inode->i_state) & I_CLEAR);
	while (atomic_dec_and_lock(&inode->i_count, &inode->i_lock)) {
		if (!inode->i_nlink || !(inode->i_state & I_DIRTY_TIME)) {
			iput_final(inode);
			return;
		}
		/* lazy timestamps must reach the filesystem before eviction */
		atomic_inc(&inode->i_count);
		spin_unlock(&inode->i_lock);
		mark_inode_dirty_sync(inode);
	}
}
EXPORT_SYMBOL(iput);

/* ->drop_inode for filesystems that never cache unused inodes. */
int generic_delete_inode(struct inode *inode)
{
	return 1;
}
EXPORT_SYMBOL(generic_delete_inode);

/*
 * Take an unused inode for eviction if it is not new or dying already
 * (i_lock taken here).  The caller links it into its victims list.
 */
static bool claim_unused(struct inode *inode)
{
	bool ok;

	spin_lock(&inode->i_lock);
	ok = !atomic_read(&inode->i_count) &&
	     !(inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE));
	if (ok)
		inode->i_state |= I_FREEING;
	spin_unlock(&inode->i_lock);
	return ok;
}

/*
 * Unmount: evict every unused inode of a super block (the dentries are
 * gone and the filesystem was synced).  Inodes still referenced stay; the
 * caller reports them as busy.
 */
void evict_inodes(struct super_block *sb)
{
	struct inode *inode, *next;
	LIST_HEAD(victims);
	int batch;

	do {
		batch = 0;
		spin_lock(&sb->s_inode_list_lock);
		list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list) {
			if (atomic_read(&inode->i_count) || !claim_unused(inode))
				continue;
			inode_lru_list_del(inode);
			list_add(&inode->i_lru, &victims);
			if (++batch == 1024)
				break;
		}
		spin_unlock(&sb->s_inode_list_lock);
		evict_all(&victims);
	} while (batch == 1024);
}
EXPORT_SYMBOL_GPL(evict_inodes);

/*
 * The inode half of the per-sb shrinker: evict up to nr unused inodes,
 * oldest first.  A recently used one (I_REFERENCED) gets one more round;
 * one that was taken again or got dirty leaves the LRU (writeback or its
 * last iput puts it back).  Returns how many were freed.
 */
long prune_icache_sb(struct super_block *sb, unsigned long nr)
{
	LIST_HEAD(victims);
	long freed = 0;

	spin_lock(&sb->s_inode_lru_lock);
	for (; nr && !list_empty(&sb->s_inode_lru); nr--) {
		struct inode *inode = list_first_entry(&sb->s_inode_lru, struct inode, i_lru);

		if (!spin_trylock(&inode->i_lock)) {
			list_move_tail(&inode->i_lru, &sb->s_inode_lru);
			continue;
		}
		if (!atomic_read(&inode->i_count) && inode->i_state == I_REFERENCED) {
			inode->i_state = 0;
			list_move_tail(&inode->i_lru, &sb->s_inode_lru);
		} else if (!atomic_read(&inode->i_count) && !inode->i_state) {
			inode->i_state = I_FREEING;
			WRITE_ONCE(sb->s_nr_inodes_unused, sb->s_nr_inodes_unused - 1);
			list_move(&inode->i_lru, &victims);
			freed++;
		} else {
			WRITE_ONCE(sb->s_nr_inodes_unused, sb->s_nr_inodes_unused - 1);
			list_del_init(&inode->i_lru);
		}
		spin_unlock(&inode->i_lock);
	}
	spin_unlock(&sb->s_inode_lru_lock);

	evict_all(&victims);
	return freed;
}

/* -------------------------------------------------- memory cap: pinned */

/*
 * An inode the in-process API pins (i_kfs_refs, one alias dentry) and that
 * nothing else uses: its alias has no other reference (no open file, no
 * cached child), and it is a name (not a root or disconnected alias).
 * Under i_lock (the alias's d_lock nests inside it).
 */
static bool pinned_only(struct inode *inode)
{
	struct dentry *alias = inode->i_kfs_alias;
	bool only;

	if (!inode->i_kfs_refs || !alias || (inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE)))
		return false;
	spin_lock(&alias->d_lock);
	only = d_count(alias) == 1 && !IS_ROOT(alias);
	spin_unlock(&alias->d_lock);
	return only;
}

/* Hands fn the current name of a pinned inode (see pinned_only). */
static bool offer_name(struct inode *inode, kfs_mem_pressure_fn fn, void *ctx)
{
	struct super_block *sb = inode->i_sb;
	char name[NAME_MAX + 1];
	struct dentry *alias = NULL;
	u64 parent_ino = 0;
	bool ok = false, parent_root = false;
	unsigned int len = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_kfs_refs && inode->i_kfs_alias)
		alias = dget(inode->i_kfs_alias);
	spin_unlock(&inode->i_lock);
	if (!alias)
		return false;
	spin_lock(&alias->d_lock);
	if (!d_unhashed(alias) && !IS_ROOT(alias) && alias->d_name.len <= NAME_MAX) {
		len = alias->d_name.len;
		memcpy(name, alias->d_name.name, len);
		name[len] = '\0';
		parent_root = alias->d_parent == sb->s_root;
		parent_ino = d_inode(alias->d_parent)->i_ino;
		ok = true;
	}
	spin_unlock(&alias->d_lock);
	dput(alias);
	if (ok)
		fn(ctx, parent_ino, parent_root, name, (int)len);
	return ok;
}

/*
 * Round robin over the pinned inodes, oldest first (s_inodes has the
 * newest at its head); the position is kept between calls, so names the
 * holder cannot let go of (a host working directory) do not shadow the
 * rest.
 */
static unsigned long offer_cursor;

unsigned long kfs_inode_offer_pinned(struct super_block *sb, unsigned long nr,
				     kfs_mem_pressure_fn fn, void *ctx)
{
	struct inode *batch[32];
	unsigned long offered = 0;

	while (offered < nr) {
		unsigned long idx = 0, skip = READ_ONCE(offer_cursor);
		unsigned int n = 0, i;
		struct inode *inode;
		bool at_end = true;

		spin_lock(&sb->s_inode_list_lock);
		list_for_each_entry_reverse(inode, &sb->s_inodes, i_sb_list) {
			spin_lock(&inode->i_lock);
			if (!pinned_only(inode) || idx++ < skip) {
				spin_unlock(&inode->i_lock);
				continue;
			}
			__iget(inode);
			spin_unlock(&inode->i_lock);
			batch[n++] = inode;
			if (n == ARRAY_SIZE(batch) || offered + n >= nr) {
				at_end = false;
				break;
			}
		}
		spin_unlock(&sb->s_inode_list_lock);
		WRITE_ONCE(offer_cursor, at_end ? 0 : skip + n);

		for (i = 0; i < n; i++) {
			if (offer_name(batch[i], fn, ctx))
				offered++;
			iput(batch[i]);
		}
		if (at_end)
			break;
	}
	return offered;
}

/* -------------------------------------------------------------- links */

/*
 * i_nlink changes go through these: s_remove_count counts the inodes of
 * the sb whose link count reached zero (orphans until their last iput).
 */
static void nlink_reached_zero(struct inode *inode)
{
	atomic_long_inc(&inode->i_sb->s_remove_count);
}

static void nlink_left_zero(struct inode *inode)
{
	atomic_long_dec(&inode->i_sb->s_remove_count);
}

void drop_nlink(struct inode *inode)
{
	WARN_ON(!inode->i_nlink);
	if (--inode->__i_nlink == 0)
		nlink_reached_zero(inode);
}
EXPORT_SYMBOL(drop_nlink);

void clear_nlink(struct inode *inode)
{
	if (!inode->i_nlink)
		return;
	inode->__i_nlink = 0;
	nlink_reached_zero(inode);
}
EXPORT_SYMBOL(clear_nlink);

void set_nlink(struct inode *inode, unsigned int nlink)
{
	if (!nlink) {
		clear_nlink(inode);
		return;
	}
	if (!inode->i_nlink)
		nlink_left_zero(inode);	/* an orphan linked again */
	inode->__i_nlink = nlink;
}
EXPORT_SYMBOL(set_nlink);

void inc_nlink(struct inode *inode)
{
	if (unlikely(!inode->i_nlink)) {
		/* only O_TMPFILE inodes (I_LINKABLE) may come back from zero */
		WARN_ON(!(inode->i_state & I_LINKABLE));
		nlink_left_zero(inode);
	}
	inode->__i_nlink++;
}
EXPORT_SYMBOL(inc_nlink);

/* -------------------------------------------------------- special inodes */

/* Device nodes, fifos and sockets: kfs serves their attributes, not I/O. */
const struct file_operations def_chr_fops = {
	.open = open_refused,
};
const struct file_operations def_blk_fops = {
	.open = open_refused,
};
static const struct file_operations fifo_open_refused = {
	.open = open_refused,
};
static const struct file_operations socket_open_refused = {
	.open = open_refused,
};

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	const struct file_operations *fop;

	switch (mode & S_IFMT) {
	case S_IFCHR:
		fop = &def_chr_fops;
		inode->i_rdev = rdev;
		break;
	case S_IFBLK:
		fop = &def_blk_fops;
		inode->i_rdev = rdev;
		break;
	case S_IFIFO:
		fop = &fifo_open_refused;
		break;
	case S_IFSOCK:
		fop = &socket_open_refused;
		break;
	default:
		printk(KERN_DEBUG "init_special_inode: bogus i_mode (%o) for inode %s:%lu\n",
		       mode, inode->i_sb->s_id, inode->i_ino);
		inode->i_mode = mode;
		return;
	}
	inode->i_mode = mode;
	inode->i_fop = fop;
}
EXPORT_SYMBOL(init_special_inode);

/* Symlink bodies are read through kmap of page cache pages: no highmem. */
void inode_nohighmem(struct inode *inode)
{
	mapping_set_gfp_mask(inode->i_mapping, GFP_USER);
}
EXPORT_SYMBOL(inode_nohighmem);

/* ------------------------------------------------ locking pairs of inodes */

/* Two non-directories, lower address first (directory-locking.rst). */
void lock_two_nondirectories(struct inode *a, struct inode *b)
{
	struct inode *first = a < b ? a : b, *second = a < b ? b : a;

	if (first && !S_ISDIR(first->i_mode))
		inode_lock(first);
	if (second && second != first && !S_ISDIR(second->i_mode))
		inode_lock_nested(second, I_MUTEX_NONDIR2);
}
EXPORT_SYMBOL(lock_two_nondirectories);

void unlock_two_nondirectories(struct inode *a, struct inode *b)
{
	if (a && !S_ISDIR(a->i_mode))
		inode_unlock(a);
	if (b && b != a && !S_ISDIR(b->i_mode))
		inode_unlock(b);
}
EXPORT_SYMBOL(unlock_two_nondirectories);

/* ------------------------------------------------------------------ init */

int kfs_inode_cache_init(void)
{
	plain_inode_cache = kmem_cache_create("inode_cache", sizeof(struct inode), 0,
					      SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT,
					      plain_inode_ctor);
	return plain_inode_cache ? 0 : -ENOMEM;
}
