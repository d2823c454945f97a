// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dentry cache: the role of the kernel's fs/dcache.c.
 *
 * What filesystems rely on (Documentation/filesystems/vfs.rst, "Directory
 * Entry Cache"; porting.rst on d_splice_alias and d_alloc_parallel):
 *  - a dentry is found by (parent, name) through a hash; a filesystem with
 *    ->d_hash/->d_compare in its dentry_operations (vfat, msdos...) decides
 *    what "the same name" means, so lookups are case-insensitive there;
 *  - ->lookup attaches the inode with d_splice_alias (or d_add), which also
 *    ends the "in lookup" state of a dentry created by d_alloc_parallel, so
 *    parallel lookups of one name under a shared i_rwsem see one dentry;
 *  - a directory inode has at most one dentry: d_splice_alias moves a
 *    disconnected alias into place instead of creating a second one;
 *  - unused dentries stay cached on the super block's LRU (holding their
 *    inode) until the per-sb shrinker or the unmount frees them.
 *
 * Locking.  The kernel walks the hash under RCU with per-dentry and
 * per-bucket locks; kfs uses one spinlock, dcache_lock, for the structure
 * of the cache (as Linux did until 2.6.38): hash chains, parent/child
 * lists, d_parent and d_name changes, inode alias lists, the LRUs, and the
 * moments a reference count reaches or leaves zero.  d_lock still guards
 * each dentry's count, flags and fields for the filesystems that take it,
 * and d_move() changes d_parent/d_name under d_lock too.  Order:
 * rename_lock, then dcache_lock, then inode->i_lock, then d_lock (parent's
 * before child's).  Taking a reference on a dentry that nobody holds
 * (count 0) happens only under dcache_lock, and so does killing a dentry,
 * so the two cannot race.  iput() and the filesystem's d_iput/d_release
 * run after dcache_lock is dropped.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/hash.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/shrinker.h>
#include <linux/printk.h>
#include <linux/stdarg.h>
#include <kfs/vfs_internal.h>

static DEFINE_SPINLOCK(dcache_lock);
__cacheline_aligned_in_smp DEFINE_SEQLOCK(rename_lock);
EXPORT_SYMBOL(rename_lock);

/* Parallel lookups of one name wait here for the first one to finish. */
static DECLARE_WAIT_QUEUE_HEAD(d_in_lookup_wq);

static struct kmem_cache *dentry_cache;

const struct qstr empty_name = QSTR_INIT("", 0);
EXPORT_SYMBOL(empty_name);
const struct qstr slash_name = QSTR_INIT("/", 1);
EXPORT_SYMBOL(slash_name);
const struct qstr dotdot_name = QSTR_INIT("..", 2);
EXPORT_SYMBOL(dotdot_name);

/* d_refcount of a dentry that has been killed. */
#define D_DEAD (-128)

/* ----------------------------------------------------------------- hash */

#define D_HASH_BITS 16

/* Chains of hashed dentries, and of dentries being looked up (in_lookup). */
static struct hlist_head dentry_hashtable[1 << D_HASH_BITS];
static struct hlist_head in_lookup_hashtable[1 << D_HASH_BITS];

static unsigned int d_hash_index(const struct dentry *parent, unsigned int hash)
{
	return hash_32(hash + (u32)((unsigned long)parent / L1_CACHE_BYTES), D_HASH_BITS);
}

static struct hlist_head *d_hash(const struct dentry *parent, unsigned int hash)
{
	return dentry_hashtable + d_hash_index(parent, hash);
}

static void __d_rehash(struct dentry *entry)
{
	lockdep_assert_held(&dcache_lock);
	hlist_add_head(&entry->d_hash, d_hash(entry->d_parent, entry->d_name.hash));
}

static void ___d_drop(struct dentry *dentry)
{
	lockdep_assert_held(&dcache_lock);
	if (!d_unhashed(dentry))
		hlist_del_init(&dentry->d_hash);
}

void __d_drop(struct dentry *dentry)
{
	___d_drop(dentry);
}
EXPORT_SYMBOL(__d_drop);

/* Unhash: lookups no longer find it; holders keep using it. */
void d_drop(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	spin_lock(&dentry->d_lock);
	___d_drop(dentry);
	spin_unlock(&dentry->d_lock);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_drop);

void d_rehash(struct dentry *entry)
{
	spin_lock(&dcache_lock);
	spin_lock(&entry->d_lock);
	if (d_unhashed(entry))
		__d_rehash(entry);
	spin_unlock(&entry->d_lock);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_rehash);

/* -------------------------------------------------------------- names */

/*
 * Is dentry (a child of parent) called name?  The parent's ->d_compare
 * decides when it has one (case-insensitive filesystems).
 */
bool d_same_name(const struct dentry *dentry, const struct dentry *parent,
		 const struct qstr *name)
{
	if (likely(!(parent->d_flags & DCACHE_OP_COMPARE))) {
		if (dentry->d_name.len != name->len)
			return false;
		return memcmp(dentry->d_name.name, name->name, name->len) == 0;
	}
	return parent->d_op->d_compare(dentry, dentry->d_name.len, dentry->d_name.name,
				       name) == 0;
}
EXPORT_SYMBOL_GPL(d_same_name);

/*
 * Exchange the names of two dentries without allocating (so d_move cannot
 * fail): names up to DNAME_INLINE_LEN - 1 live in d_iname, longer ones in
 * their own allocation, which changes owner.
 */
static void swap_names(struct dentry *a, struct dentry *b)
{
	bool a_inline = a->d_name.name == a->d_iname;
	bool b_inline = b->d_name.name == b->d_iname;

	if (!a_inline && !b_inline) {
		swap(a->d_name.name, b->d_name.name);
	} else if (a_inline && b_inline) {
		unsigned char tmp[DNAME_INLINE_LEN];

		memcpy(tmp, a->d_iname, DNAME_INLINE_LEN);
		memcpy(a->d_iname, b->d_iname, DNAME_INLINE_LEN);
		memcpy(b->d_iname, tmp, DNAME_INLINE_LEN);
	} else if (a_inline) {
		/* b's external name goes to a, a's inline name into b */
		memcpy(b->d_iname, a->d_iname, a->d_name.len + 1);
		a->d_name.name = b->d_name.name;
		b->d_name.name = b->d_iname;
	} else {
		memcpy(a->d_iname, b->d_iname, b->d_name.len + 1);
		b->d_name.name = a->d_name.name;
		a->d_name.name = a->d_iname;
	}
	swap(a->d_name.hash_len, b->d_name.hash_len);
}

void take_dentry_name_snapshot(struct name_snapshot *name, struct dentry *dentry)
{
	spin_lock(&dentry->d_lock);
	name->name = dentry->d_name;
	if (dentry->d_name.len < DNAME_INLINE_LEN) {
		memcpy(name->inline_name, dentry->d_name.name, dentry->d_name.len + 1);
		name->name.name = name->inline_name;
	} else {
		char *copy = kmemdup(dentry->d_name.name, dentry->d_name.len + 1,
				     GFP_ATOMIC | __GFP_NOFAIL);

		name->name.name = copy;
	}
	spin_unlock(&dentry->d_lock);
}
EXPORT_SYMBOL(take_dentry_name_snapshot);

void release_dentry_name_snapshot(struct name_snapshot *name)
{
	if (name->name.name != name->inline_name)
		kfree(name->name.name);
}
EXPORT_SYMBOL(release_dentry_name_snapshot);

/* -------------------------------------------------------- allocation */

static void dentry_free_rcu(struct rcu_head *head)
{
	struct dentry *dentry = container_of(head, struct dentry, d_u.d_rcu);

	if (dentry->d_name.name != dentry->d_iname)
		kfree(dentry->d_name.name);
	kmem_cache_free(dentry_cache, dentry);
}

static void dentry_free(struct dentry *dentry)
{
	WARN_ON(!hlist_unhashed(&dentry->d_u.d_alias));
	/* d_u.d_rcu shares storage with d_alias, now unused. */
	call_rcu(&dentry->d_u.d_rcu, dentry_free_rcu);
}

void d_set_d_op(struct dentry *dentry, const struct dentry_operations *op)
{
	WARN_ON_ONCE(dentry->d_op);
	WARN_ON_ONCE(dentry->d_flags & (DCACHE_OP_HASH | DCACHE_OP_COMPARE |
					DCACHE_OP_REVALIDATE | DCACHE_OP_WEAK_REVALIDATE |
					DCACHE_OP_DELETE | DCACHE_OP_REAL));
	dentry->d_op = op;
	if (!op)
		return;
	if (op->d_hash)
		dentry->d_flags |= DCACHE_OP_HASH;
	if (op->d_compare)
		dentry->d_flags |= DCACHE_OP_COMPARE;
	if (op->d_revalidate)
		dentry->d_flags |= DCACHE_OP_REVALIDATE;
	if (op->d_weak_revalidate)
		dentry->d_flags |= DCACHE_OP_WEAK_REVALIDATE;
	if (op->d_delete)
		dentry->d_flags |= DCACHE_OP_DELETE;
	if (op->d_prune)
		dentry->d_flags |= DCACHE_OP_PRUNE;
	if (op->d_real)
		dentry->d_flags |= DCACHE_OP_REAL;
}
EXPORT_SYMBOL(d_set_d_op);

/*
 * A new dentry named name, parent itself (a root until d_alloc links it),
 * one reference, not hashed, negative.
 */
static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *dentry;
	char *dname;

	dentry = kmem_cache_alloc(dentry_cache, GFP_KERNEL);
	if (!dentry)
		return NULL;

	if (unlikely(!name))
		name = &slash_name;
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cache, dentry);
			return NULL;
		}
	} else {
		dname = (char *)dentry->d_iname;
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = 0;

	dentry->d_name.len = name->len;
	dentry->d_name.hash = name->hash;
	dentry->d_name.name = (unsigned char *)dname;

	dentry->d_flags = 0;
	seqcount_init(&dentry->d_seq);
	spin_lock_init(&dentry->d_lock);
	dentry->d_refcount = 1;
	dentry->d_inode = NULL;
	dentry->d_parent = dentry;
	dentry->d_sb = sb;
	dentry->d_op = NULL;
	dentry->d_fsdata = NULL;
	dentry->d_time = 0;
	INIT_HLIST_NODE(&dentry->d_hash);
	INIT_LIST_HEAD(&dentry->d_lru);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	INIT_LIST_HEAD(&dentry->d_child);
	INIT_HLIST_NODE(&dentry->d_u.d_alias);
	d_set_d_op(dentry, dentry->d_sb->s_d_op);

	if (dentry->d_op && dentry->d_op->d_init) {
		int err = dentry->d_op->d_init(dentry);

		if (err) {
			if (dname != (char *)dentry->d_iname)
				kfree(dname);
			kmem_cache_free(dentry_cache, dentry);
			return NULL;
		}
	}
	return dentry;
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry = __d_alloc(parent->d_sb, name);

	if (!dentry)
		return NULL;
	spin_lock(&dcache_lock);
	spin_lock(&parent->d_lock);
	/* The child pins its parent, as in the kernel. */
	parent->d_refcount++;
	dentry->d_parent = parent;
	list_add(&dentry->d_child, &parent->d_subdirs);
	spin_unlock(&parent->d_lock);
	spin_unlock(&dcache_lock);
	return dentry;
}
EXPORT_SYMBOL(d_alloc);

/* A disconnected root-like dentry (file handles, d_obtain_alias). */
struct dentry *d_alloc_anon(struct super_block *sb)
{
	return __d_alloc(sb, NULL);
}
EXPORT_SYMBOL(d_alloc_anon);

struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q;

	q.name = name;
	q.hash_len = hashlen_string(parent, name);
	return d_alloc(parent, &q);
}
EXPORT_SYMBOL(d_alloc_name);

/* ------------------------------------------------------- inode binding */

static unsigned int d_flags_for_inode(struct inode *inode)
{
	unsigned int add_flags = DCACHE_REGULAR_TYPE;

	if (!inode)
		return DCACHE_MISS_TYPE;

	if (S_ISDIR(inode->i_mode)) {
		add_flags = DCACHE_DIRECTORY_TYPE;
		if (unlikely(!inode->i_op->lookup))
			add_flags = DCACHE_AUTODIR_TYPE;
		else
			inode->i_opflags |= IOP_LOOKUP;
	} else if (S_ISLNK(inode->i_mode)) {
		add_flags = DCACHE_SYMLINK_TYPE;
	} else if (!S_ISREG(inode->i_mode)) {
		add_flags = DCACHE_SPECIAL_TYPE;
	}
	return add_flags;
}

/* Called with dcache_lock, inode->i_lock (when inode) and d_lock held. */
static void __d_set_inode_and_type(struct dentry *dentry, struct inode *inode)
{
	unsigned int flags;

	dentry->d_inode = inode;
	flags = READ_ONCE(dentry->d_flags);
	flags &= ~DCACHE_ENTRY_TYPE;
	flags |= d_flags_for_inode(inode);
	WRITE_ONCE(dentry->d_flags, flags);
}

static void __d_instantiate(struct dentry *dentry, struct inode *inode)
{
	lockdep_assert_held(&dcache_lock);
	WARN_ON(d_in_lookup(dentry));
	spin_lock(&dentry->d_lock);
	if (inode)
		hlist_add_head(&dentry->d_u.d_alias, &inode->i_dentry);
	__d_set_inode_and_type(dentry, inode);
	spin_unlock(&dentry->d_lock);
}

/*
 * Give a negative dentry its inode (create, mkdir...).  The reference to
 * the inode passes to the dentry.
 */
void d_instantiate(struct dentry *entry, struct inode *inode)
{
	BUG_ON(!hlist_unhashed(&entry->d_u.d_alias));
	if (inode) {
		spin_lock(&dcache_lock);
		spin_lock(&inode->i_lock);
		__d_instantiate(entry, inode);
		spin_unlock(&inode->i_lock);
		spin_unlock(&dcache_lock);
	}
}
EXPORT_SYMBOL(d_instantiate);

/* d_instantiate for an I_NEW inode: make it visible, then unlock it. */
void d_instantiate_new(struct dentry *entry, struct inode *inode)
{
	BUG_ON(!hlist_unhashed(&entry->d_u.d_alias));
	BUG_ON(!inode);
	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	__d_instantiate(entry, inode);
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
	unlock_new_inode(inode);
}
EXPORT_SYMBOL(d_instantiate_new);

struct dentry *d_make_root(struct inode *root_inode)
{
	struct dentry *res = NULL;

	if (root_inode) {
		res = d_alloc_anon(root_inode->i_sb);
		if (res)
			d_instantiate(res, root_inode);
		else
			iput(root_inode);
	}
	return res;
}
EXPORT_SYMBOL(d_make_root);

/* --------------------------------------------------------------- LRU */

/* The counts are read without dcache_lock by the shrinker (sb_cache_count). */
static void d_lru_add(struct dentry *dentry)
{
	lockdep_assert_held(&dcache_lock);
	dentry->d_flags |= DCACHE_LRU_LIST;
	list_add_tail(&dentry->d_lru, &dentry->d_sb->s_dentry_lru);
	WRITE_ONCE(dentry->d_sb->s_nr_dentry_unused, dentry->d_sb->s_nr_dentry_unused + 1);
}

static void d_lru_del(struct dentry *dentry)
{
	lockdep_assert_held(&dcache_lock);
	dentry->d_flags &= ~DCACHE_LRU_LIST;
	list_del_init(&dentry->d_lru);
	WRITE_ONCE(dentry->d_sb->s_nr_dentry_unused, dentry->d_sb->s_nr_dentry_unused - 1);
}

/*
 * The last reference goes: keep the dentry cached (on the LRU) unless it
 * can no longer be found or the fs says not to (->d_delete).  Called with
 * dcache_lock and d_lock held, count 1.
 */
static bool retain_dentry(struct dentry *dentry)
{
	WARN_ON(d_in_lookup(dentry));

	if (unlikely(d_unhashed(dentry)))
		return false;
	if (unlikely(dentry->d_flags & DCACHE_DISCONNECTED))
		return false;
	if (unlikely(dentry->d_flags & DCACHE_OP_DELETE)) {
		if (dentry->d_op->d_delete(dentry))
			return false;
	}
	if (unlikely(dentry->d_flags & DCACHE_DONTCACHE))
		return false;

	dentry->d_refcount = 0;
	if (dentry->d_flags & (DCACHE_LRU_LIST | DCACHE_SHRINK_LIST))
		dentry->d_flags |= DCACHE_REFERENCED;
	else
		d_lru_add(dentry);
	return true;
}

/* ------------------------------------------------------------ killing */

/*
 * Take a dentry out of the cache for good.  Called with dcache_lock held
 * and the dentry unused (count 0, or 1 held by the caller who is dropping
 * it); drops dcache_lock.  Returns the parent, whose reference the dead
 * child held and which the caller must now dput().
 */
static struct dentry *__dentry_kill(struct dentry *dentry)
{
	struct dentry *parent = NULL;
	struct inode *inode;
	bool can_free = true;

	lockdep_assert_held(&dcache_lock);

	if (dentry->d_flags & DCACHE_LRU_LIST)
		d_lru_del(dentry);
	___d_drop(dentry);

	inode = dentry->d_inode;
	if (inode) {
		spin_lock(&inode->i_lock);
		spin_lock(&dentry->d_lock);
		hlist_del_init(&dentry->d_u.d_alias);
		__d_set_inode_and_type(dentry, NULL);
		spin_unlock(&dentry->d_lock);
		spin_unlock(&inode->i_lock);
	}

	if (!IS_ROOT(dentry)) {
		parent = dentry->d_parent;
		spin_lock(&parent->d_lock);
		list_del_init(&dentry->d_child);
		spin_unlock(&parent->d_lock);
	}

	spin_lock(&dentry->d_lock);
	dentry->d_refcount = D_DEAD;
	dentry->d_flags |= DCACHE_DENTRY_KILLED;
	if (dentry->d_flags & DCACHE_SHRINK_LIST) {
		/* on a shrinker's private list: it frees the dentry */
		dentry->d_flags |= DCACHE_MAY_FREE;
		can_free = false;
	}
	spin_unlock(&dentry->d_lock);
	spin_unlock(&dcache_lock);

	if (inode) {
		if (dentry->d_op && dentry->d_op->d_iput)
			dentry->d_op->d_iput(dentry, inode);
		else
			iput(inode);
	}
	if (dentry->d_op && dentry->d_op->d_release)
		dentry->d_op->d_release(dentry);
	if (can_free)
		dentry_free(dentry);
	return parent;
}

/* Drop one reference; the last one caches or kills the dentry. */
void dput(struct dentry *dentry)
{
	while (dentry) {
		might_sleep();

		spin_lock(&dentry->d_lock);
		WARN_ON(dentry->d_refcount <= 0);
		if (likely(dentry->d_refcount > 1)) {
			dentry->d_refcount--;
			spin_unlock(&dentry->d_lock);
			return;
		}
		spin_unlock(&dentry->d_lock);

		/* Possibly the last one: decide under dcache_lock. */
		spin_lock(&dcache_lock);
		spin_lock(&dentry->d_lock);
		if (dentry->d_refcount > 1) {
			dentry->d_refcount--;
			spin_unlock(&dentry->d_lock);
			spin_unlock(&dcache_lock);
			return;
		}
		if (retain_dentry(dentry)) {
			spin_unlock(&dentry->d_lock);
			spin_unlock(&dcache_lock);
			return;
		}
		spin_unlock(&dentry->d_lock);
		dentry = __dentry_kill(dentry);
	}
}
EXPORT_SYMBOL(dput);

struct dentry *dget_parent(struct dentry *dentry)
{
	struct dentry *ret;

	spin_lock(&dcache_lock);
	ret = dentry->d_parent;
	spin_lock(&ret->d_lock);
	WARN_ON(ret->d_refcount <= 0 && ret != dentry);
	ret->d_refcount++;
	spin_unlock(&ret->d_lock);
	spin_unlock(&dcache_lock);
	return ret;
}
EXPORT_SYMBOL(dget_parent);

/* Take a reference on a dentry found through the cache (dcache_lock held). */
static bool dget_locked(struct dentry *dentry)
{
	bool ok;

	lockdep_assert_held(&dcache_lock);
	spin_lock(&dentry->d_lock);
	ok = dentry->d_refcount >= 0;
	if (ok)
		dentry->d_refcount++;
	spin_unlock(&dentry->d_lock);
	return ok;
}

/*
 * Kill the unused dentries queued on a private list (each marked
 * DCACHE_SHRINK_LIST, count 0 when queued).  Those that picked up a user
 * meanwhile are only taken off the list.  A dead parent's last reference
 * is dropped as dput() would.
 */
static void shrink_dentry_list(struct list_head *list)
{
	for (;;) {
		struct dentry *dentry, *parent;

		spin_lock(&dcache_lock);
		if (list_empty(list)) {
			spin_unlock(&dcache_lock);
			return;
		}
		dentry = list_first_entry(list, struct dentry, d_lru);
		list_del_init(&dentry->d_lru);

		spin_lock(&dentry->d_lock);
		dentry->d_flags &= ~DCACHE_SHRINK_LIST;
		if (dentry->d_flags & DCACHE_MAY_FREE) {
			/* killed by dput while queued: only the memory is left */
			spin_unlock(&dentry->d_lock);
			spin_unlock(&dcache_lock);
			dentry_free(dentry);
			continue;
		}
		if (dentry->d_refcount != 0) {
			spin_unlock(&dentry->d_lock);
			spin_unlock(&dcache_lock);
			continue;
		}
		spin_unlock(&dentry->d_lock);

		parent = __dentry_kill(dentry);
		dput(parent);
		cond_resched();
	}
}

/*
 * The dentry half of the per-sb shrinker: free up to nr_to_scan unused
 * dentries, oldest first, giving recently used ones another round.
 */
long prune_dcache_sb(struct super_block *sb, unsigned long nr_to_scan)
{
	LIST_HEAD(dispose);
	long freed = 0;

	spin_lock(&dcache_lock);
	while (nr_to_scan-- && !list_empty(&sb->s_dentry_lru)) {
		struct dentry *dentry = list_first_entry(&sb->s_dentry_lru, struct dentry, d_lru);

		spin_lock(&dentry->d_lock);
		if (dentry->d_refcount) {
			/* in use again: it returns to the LRU on its last dput */
			d_lru_del(dentry);
		} else if (dentry->d_flags & DCACHE_REFERENCED) {
			dentry->d_flags &= ~DCACHE_REFERENCED;
			list_move_tail(&dentry->d_lru, &sb->s_dentry_lru);
		} else {
			d_lru_del(dentry);
			dentry->d_flags |= DCACHE_SHRINK_LIST;
			list_add_tail(&dentry->d_lru, &dispose);
			freed++;
		}
		spin_unlock(&dentry->d_lock);
	}
	spin_unlock(&dcache_lock);

	shrink_dentry_list(&dispose);
	return freed;
}

/* Free every unused dentry of sb (remount, shrinking everything). */
void shrink_dcache_sb(struct super_block *sb)
{
	do {
		LIST_HEAD(dispose);

		spin_lock(&dcache_lock);
		while (!list_empty(&sb->s_dentry_lru)) {
			struct dentry *dentry = list_first_entry(&sb->s_dentry_lru, struct dentry,
								 d_lru);

			spin_lock(&dentry->d_lock);
			d_lru_del(dentry);
			if (!dentry->d_refcount) {
				dentry->d_flags |= DCACHE_SHRINK_LIST;
				list_add_tail(&dentry->d_lru, &dispose);
			}
			spin_unlock(&dentry->d_lock);
		}
		spin_unlock(&dcache_lock);
		shrink_dentry_list(&dispose);
	} while (!list_empty(&sb->s_dentry_lru));
}
EXPORT_SYMBOL(shrink_dcache_sb);

/*
 * Queue every unused dentry below parent that has no children: one pass
 * of a bottom-up sweep.  Returns how many were queued; busy counts the
 * used ones seen.  dcache_lock held.
 */
static long collect_unused_leaves(struct dentry *parent, struct list_head *dispose,
				  long *busy)
{
	struct dentry *this_parent = parent;
	struct list_head *next;
	long found = 0;

	lockdep_assert_held(&dcache_lock);
	next = this_parent->d_subdirs.next;
	for (;;) {
		while (next != &this_parent->d_subdirs) {
			struct dentry *dentry = list_entry(next, struct dentry, d_child);

			next = next->next;
			if (!list_empty(&dentry->d_subdirs)) {
				/* descend */
				this_parent = dentry;
				next = dentry->d_subdirs.next;
				continue;
			}
			spin_lock(&dentry->d_lock);
			if (dentry->d_refcount == 0 && !(dentry->d_flags & DCACHE_SHRINK_LIST)) {
				if (dentry->d_flags & DCACHE_LRU_LIST)
					d_lru_del(dentry);
				dentry->d_flags |= DCACHE_SHRINK_LIST;
				list_add_tail(&dentry->d_lru, dispose);
				found++;
			} else if (dentry->d_refcount > 0 && busy) {
				(*busy)++;
			}
			spin_unlock(&dentry->d_lock);
		}
		if (this_parent == parent)
			break;
		/* ascend: continue after the directory we just finished */
		next = this_parent->d_child.next;
		this_parent = this_parent->d_parent;
	}
	return found;
}

/* Free every unused dentry below parent (not parent itself). */
void shrink_dcache_parent(struct dentry *parent)
{
	for (;;) {
		LIST_HEAD(dispose);
		long found;

		spin_lock(&dcache_lock);
		found = collect_unused_leaves(parent, &dispose, NULL);
		spin_unlock(&dcache_lock);
		if (!found)
			break;
		shrink_dentry_list(&dispose);
	}
}
EXPORT_SYMBOL(shrink_dcache_parent);

/* Print a dentry that survived the unmount sweep. */
static void report_busy_dentry(struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	pr_err("BUG: Dentry %p{i=%lx,n=%s} still in use (%d) [unmount of %s %s]\n", dentry,
	       inode ? inode->i_ino : 0UL, dentry->d_name.name, dentry->d_refcount,
	       dentry->d_sb->s_type->name, dentry->d_sb->s_id);
}

/*
 * Unmount: free the whole tree under sb->s_root, which nobody may use any
 * more.  Dentries still referenced are reported (and leak, as in the
 * kernel) rather than freed under their users.
 */
void shrink_dcache_for_umount(struct super_block *sb)
{
	struct dentry *root = sb->s_root;
	struct dentry *dentry, *next;

	lockdep_assert_held_write(&sb->s_umount);
	if (!root)
		return;
	sb->s_root = NULL;

	shrink_dcache_parent(root);

	spin_lock(&dcache_lock);
	list_for_each_entry_safe(dentry, next, &root->d_subdirs, d_child)
		report_busy_dentry(dentry);
	spin_unlock(&dcache_lock);

	if (root->d_refcount != 1)
		report_busy_dentry(root);
	dput(root);

	/* Unused dentries outside the tree (disconnected aliases) go too. */
	shrink_dcache_sb(sb);
}

/* A dentry is going away: drop it and whatever was cached below it. */
void d_invalidate(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	if (d_unhashed(dentry) && !d_in_lookup(dentry) && !d_really_is_positive(dentry)) {
		spin_unlock(&dcache_lock);
		return;
	}
	spin_lock(&dentry->d_lock);
	___d_drop(dentry);
	spin_unlock(&dentry->d_lock);
	spin_unlock(&dcache_lock);

	if (!dentry->d_inode)
		return;
	shrink_dcache_parent(dentry);
}
EXPORT_SYMBOL(d_invalidate);

/* Free the unused aliases of an inode. */
void d_prune_aliases(struct inode *inode)
{
	struct dentry *dentry;
	LIST_HEAD(dispose);

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	hlist_for_each_entry(dentry, &inode->i_dentry, d_u.d_alias) {
		spin_lock(&dentry->d_lock);
		if (!dentry->d_refcount && !(dentry->d_flags & DCACHE_SHRINK_LIST)) {
			if (dentry->d_flags & DCACHE_LRU_LIST)
				d_lru_del(dentry);
			dentry->d_flags |= DCACHE_SHRINK_LIST;
			list_add_tail(&dentry->d_lru, &dispose);
		}
		spin_unlock(&dentry->d_lock);
	}
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
	shrink_dentry_list(&dispose);
}
EXPORT_SYMBOL(d_prune_aliases);

/*
 * Drop the reference every positive dentry below parent holds on itself
 * (kill_litter_super of in-memory filesystems).  Each dentry is done once.
 */
void d_genocide(struct dentry *parent)
{
	struct dentry *this_parent = parent;
	struct list_head *next;
	LIST_HEAD(victims);

	spin_lock(&dcache_lock);
	next = this_parent->d_subdirs.next;
	for (;;) {
		while (next != &this_parent->d_subdirs) {
			struct dentry *dentry = list_entry(next, struct dentry, d_child);

			next = next->next;
			spin_lock(&dentry->d_lock);
			if (d_really_is_positive(dentry) && !(dentry->d_flags & DCACHE_GENOCIDE) &&
			    dentry->d_refcount > 0) {
				dentry->d_flags |= DCACHE_GENOCIDE;
				dentry->d_refcount--;
			}
			spin_unlock(&dentry->d_lock);
			if (!list_empty(&dentry->d_subdirs)) {
				this_parent = dentry;
				next = dentry->d_subdirs.next;
			}
		}
		if (this_parent == parent)
			break;
		next = this_parent->d_child.next;
		this_parent = this_parent->d_parent;
	}
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_genocide);

/* ------------------------------------------------------------- lookup */

/* dcache_lock held: the hashed child of parent called name, with a reference. */
static struct dentry *__d_lookup_locked(const struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry;

	lockdep_assert_held(&dcache_lock);
	hlist_for_each_entry(dentry, d_hash(parent, name->hash), d_hash) {
		if (dentry->d_name.hash != name->hash)
			continue;
		if (dentry->d_parent != parent)
			continue;
		if (!d_same_name(dentry, parent, name))
			continue;
		if (dget_locked(dentry))
			return dentry;
	}
	return NULL;
}

struct dentry *__d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry;

	spin_lock(&dcache_lock);
	dentry = __d_lookup_locked(parent, name);
	spin_unlock(&dcache_lock);
	return dentry;
}

/*
 * Cached lookup of a child; name->hash must already be what the parent's
 * ->d_hash (or full_name_hash) gives.  Returns a referenced dentry, which
 * may be negative, or NULL when nothing is cached.
 */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	return __d_lookup(parent, name);
}
EXPORT_SYMBOL(d_lookup);

/* Hash name as dir's dentries are hashed, then d_lookup.  ERR_PTR on bad names. */
struct dentry *d_hash_and_lookup(struct dentry *dir, struct qstr *name)
{
	name->hash = full_name_hash(dir, name->name, name->len);
	if (dir->d_flags & DCACHE_OP_HASH) {
		int err = dir->d_op->d_hash(dir, name);

		if (unlikely(err < 0))
			return ERR_PTR(err);
	}
	return d_lookup(dir, name);
}
EXPORT_SYMBOL(d_hash_and_lookup);

static struct hlist_head *in_lookup_hash(const struct dentry *dir, unsigned int hash)
{
	return in_lookup_hashtable + d_hash_index(dir, hash);
}

/*
 * For lookups under a shared i_rwsem: return the cached dentry for name
 * if there is one, or a new one marked "in lookup" that the caller passes
 * to ->lookup and then to d_lookup_done() -- unless another thread is
 * already looking the same name up, in which case wait for it and return
 * its result.  (porting.rst: "->lookup() may be called in parallel".)
 * The wq argument of the kernel's version is not needed: waiters sleep on
 * one global queue.
 */
struct dentry *d_alloc_parallel(struct dentry *parent, const struct qstr *name,
				wait_queue_head_t *wq)
{
	struct dentry *new = d_alloc(parent, name);
	struct dentry *dentry;

	if (unlikely(!new))
		return ERR_PTR(-ENOMEM);
retry:
	spin_lock(&dcache_lock);
	dentry = __d_lookup_locked(parent, name);
	if (dentry) {
		spin_unlock(&dcache_lock);
		dput(new);
		return dentry;
	}

	hlist_for_each_entry(dentry, in_lookup_hash(parent, name->hash), d_u.d_in_lookup_hash) {
		if (dentry->d_name.hash != name->hash || dentry->d_parent != parent)
			continue;
		if (!d_same_name(dentry, parent, name))
			continue;
		/* Someone else is looking it up: wait for the answer. */
		if (!dget_locked(dentry))
			continue;
		spin_unlock(&dcache_lock);
		wait_event(d_in_lookup_wq, !d_in_lookup(dentry));
		/* Their lookup may have failed or hashed another alias: look again. */
		spin_lock(&dcache_lock);
		if (!d_unhashed(dentry) && dentry->d_parent == parent &&
		    d_same_name(dentry, parent, name)) {
			spin_unlock(&dcache_lock);
			dput(new);
			return dentry;
		}
		spin_unlock(&dcache_lock);
		dput(dentry);
		goto retry;
	}

	spin_lock(&new->d_lock);
	new->d_flags |= DCACHE_PAR_LOOKUP;
	new->d_wait = wq;
	spin_unlock(&new->d_lock);
	hlist_add_head(&new->d_u.d_in_lookup_hash, in_lookup_hash(parent, name->hash));
	spin_unlock(&dcache_lock);
	return new;
}
EXPORT_SYMBOL(d_alloc_parallel);

static void __d_lookup_done(struct dentry *dentry)
{
	lockdep_assert_held(&dcache_lock);
	spin_lock(&dentry->d_lock);
	if (dentry->d_flags & DCACHE_PAR_LOOKUP) {
		hlist_del_init(&dentry->d_u.d_in_lookup_hash);
		dentry->d_flags &= ~DCACHE_PAR_LOOKUP;
		dentry->d_wait = NULL;
		INIT_LIST_HEAD(&dentry->d_lru);
		spin_unlock(&dentry->d_lock);
		wake_up_all(&d_in_lookup_wq);
		return;
	}
	spin_unlock(&dentry->d_lock);
}

void d_lookup_done(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	__d_lookup_done(dentry);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_lookup_done);

/* Instantiate (inode may be NULL: a negative entry) and hash.  dcache_lock held. */
static void __d_add(struct dentry *dentry, struct inode *inode)
{
	lockdep_assert_held(&dcache_lock);
	__d_lookup_done(dentry);
	if (inode) {
		spin_lock(&inode->i_lock);
		__d_instantiate(dentry, inode);
		spin_unlock(&inode->i_lock);
	} else {
		spin_lock(&dentry->d_lock);
		__d_set_inode_and_type(dentry, NULL);
		spin_unlock(&dentry->d_lock);
	}
	__d_rehash(dentry);
}

void d_add(struct dentry *entry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	__d_add(entry, inode);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_add);

/* ---------------------------------------------------------------- moving */

static bool d_is_connected_dir(const struct dentry *dentry)
{
	return !(dentry->d_flags & DCACHE_DISCONNECTED);
}

/*
 * Move dentry to target's place (parent and name); target is unhashed,
 * or with exchange, takes dentry's old place.  rename_lock held for
 * writing and dcache_lock held.
 */
static void __d_move(struct dentry *dentry, struct dentry *target, bool exchange)
{
	struct dentry *old_parent = dentry->d_parent;
	struct dentry *new_parent = target->d_parent;

	lockdep_assert_held(&dcache_lock);
	WARN_ON(!dentry->d_inode);
	if (WARN_ON(dentry == target))
		return;

	__d_lookup_done(target);

	if (old_parent != dentry)
		spin_lock(&old_parent->d_lock);
	if (new_parent != old_parent && new_parent != target)
		spin_lock_nested(&new_parent->d_lock, DENTRY_D_LOCK_NESTED);
	spin_lock_nested(&dentry->d_lock, 2);
	spin_lock_nested(&target->d_lock, 3);

	___d_drop(dentry);
	___d_drop(target);

	write_seqcount_begin(&dentry->d_seq);
	write_seqcount_begin(&target->d_seq);

	swap_names(dentry, target);
	if (!exchange) {
		/* dentry joins new_parent, which it now pins; target stays put */
		dentry->d_parent = new_parent;
		new_parent->d_refcount++;
		if (old_parent != dentry)
			WARN_ON(!--old_parent->d_refcount);
		list_move(&dentry->d_child, &new_parent->d_subdirs);
		if (d_is_connected_dir(new_parent))
			dentry->d_flags &= ~DCACHE_DISCONNECTED;
	} else {
		dentry->d_parent = new_parent;
		target->d_parent = old_parent;
		list_move(&target->d_child, &old_parent->d_subdirs);
		__d_rehash(target);
		list_move(&dentry->d_child, &new_parent->d_subdirs);
	}
	__d_rehash(dentry);

	write_seqcount_end(&target->d_seq);
	write_seqcount_end(&dentry->d_seq);

	spin_unlock(&target->d_lock);
	spin_unlock(&dentry->d_lock);
	if (new_parent != old_parent && new_parent != target)
		spin_unlock(&new_parent->d_lock);
	if (old_parent != dentry)
		spin_unlock(&old_parent->d_lock);
}

/*
 * After a rename: dentry now lives where target was; target is unhashed
 * (it named the inode that was replaced, if any).
 */
void d_move(struct dentry *dentry, struct dentry *target)
{
	write_seqlock(&rename_lock);
	spin_lock(&dcache_lock);
	__d_move(dentry, target, false);
	spin_unlock(&dcache_lock);
	write_sequnlock(&rename_lock);
}
EXPORT_SYMBOL(d_move);

/* After RENAME_EXCHANGE: the two dentries swap places. */
void d_exchange(struct dentry *dentry1, struct dentry *dentry2)
{
	write_seqlock(&rename_lock);
	spin_lock(&dcache_lock);
	WARN_ON(!dentry1->d_inode);
	WARN_ON(!dentry2->d_inode);
	WARN_ON(IS_ROOT(dentry1));
	WARN_ON(IS_ROOT(dentry2));
	__d_move(dentry1, dentry2, true);
	spin_unlock(&dcache_lock);
	write_sequnlock(&rename_lock);
}
EXPORT_SYMBOL(d_exchange);

/*
 * The child of p1 on the way from p1 down to p2 (p2 itself when p1 is its
 * parent), or NULL when p1 is not an ancestor of p2.  The caller keeps the
 * tree still (s_vfs_rename_mutex or rename_lock).
 */
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2)
{
	struct dentry *p;

	for (p = p2; !IS_ROOT(p); p = p->d_parent) {
		if (p->d_parent == p1)
			return p;
	}
	return NULL;
}
EXPORT_SYMBOL(d_ancestor);

bool is_subdir(struct dentry *new_dentry, struct dentry *old_dentry)
{
	bool result;

	if (new_dentry == old_dentry)
		return true;
	spin_lock(&dcache_lock);
	result = d_ancestor(old_dentry, new_dentry) != NULL;
	spin_unlock(&dcache_lock);
	return result;
}
EXPORT_SYMBOL(is_subdir);

/* ---------------------------------------------------------------- aliases */

static struct dentry *__d_find_any_alias(struct inode *inode)
{
	struct dentry *alias;

	hlist_for_each_entry(alias, &inode->i_dentry, d_u.d_alias) {
		if (dget_locked(alias))
			return alias;
	}
	return NULL;
}

struct dentry *d_find_any_alias(struct inode *inode)
{
	struct dentry *de;

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	de = __d_find_any_alias(inode);
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
	return de;
}
EXPORT_SYMBOL(d_find_any_alias);

/*
 * An alias that can be reached by name: the (only) one of a directory,
 * otherwise any hashed one.
 */
static struct dentry *__d_find_alias(struct inode *inode)
{
	struct dentry *alias;

	if (S_ISDIR(inode->i_mode))
		return __d_find_any_alias(inode);

	hlist_for_each_entry(alias, &inode->i_dentry, d_u.d_alias) {
		if (!d_unhashed(alias) && dget_locked(alias))
			return alias;
	}
	return NULL;
}

struct dentry *d_find_alias(struct inode *inode)
{
	struct dentry *de = NULL;

	if (!hlist_empty(&inode->i_dentry)) {
		spin_lock(&dcache_lock);
		spin_lock(&inode->i_lock);
		de = __d_find_alias(inode);
		spin_unlock(&inode->i_lock);
		spin_unlock(&dcache_lock);
	}
	return de;
}
EXPORT_SYMBOL(d_find_alias);

struct dentry *d_find_alias_rcu(struct inode *inode)
{
	return d_find_alias(inode);
}

/*
 * A dentry for an inode known only by number (file handles): an existing
 * alias, or a new disconnected one.  Consumes the inode reference.
 */
static struct dentry *__d_obtain_alias(struct inode *inode, bool disconnected)
{
	struct dentry *new, *res;

	if (!inode)
		return ERR_PTR(-ESTALE);
	if (IS_ERR(inode))
		return ERR_CAST(inode);

	res = d_find_any_alias(inode);
	if (res)
		goto out_iput;

	new = d_alloc_anon(inode->i_sb);
	if (!new) {
		res = ERR_PTR(-ENOMEM);
		goto out_iput;
	}

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	res = __d_find_any_alias(inode);
	if (res) {
		spin_unlock(&inode->i_lock);
		spin_unlock(&dcache_lock);
		dput(new);
		goto out_iput;
	}
	if (disconnected)
		new->d_flags |= DCACHE_DISCONNECTED;
	__d_instantiate(new, inode);
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
	return new;

out_iput:
	iput(inode);
	return res;
}

struct dentry *d_obtain_alias(struct inode *inode)
{
	return __d_obtain_alias(inode, true);
}
EXPORT_SYMBOL(d_obtain_alias);

struct dentry *d_obtain_root(struct inode *inode)
{
	return __d_obtain_alias(inode, false);
}
EXPORT_SYMBOL(d_obtain_root);

/* Instantiate an anonymous dentry (d_alloc_anon) unless an alias exists. */
struct dentry *d_instantiate_anon(struct dentry *dentry, struct inode *inode)
{
	struct dentry *res;

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	res = __d_find_any_alias(inode);
	if (!res) {
		dentry->d_flags |= DCACHE_DISCONNECTED;
		__d_instantiate(dentry, inode);
		spin_unlock(&inode->i_lock);
		spin_unlock(&dcache_lock);
		return dentry;
	}
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
	iput(inode);
	dput(dentry);
	return res;
}
EXPORT_SYMBOL(d_instantiate_anon);

/*
 * The way ->lookup hands its result back (vfs.rst, lookup): attach inode
 * (NULL for "no such name") to the new dentry and hash it -- or, when the
 * inode is a directory that already has a dentry, move that one into place
 * and return it (the caller then uses it instead of its own).  Consumes
 * the inode reference; passes ERR_PTR inodes through.
 */
struct dentry *d_splice_alias(struct inode *inode, struct dentry *dentry)
{
	if (IS_ERR(inode))
		return ERR_CAST(inode);

	BUG_ON(!d_unhashed(dentry));

	spin_lock(&dcache_lock);
	if (inode && S_ISDIR(inode->i_mode)) {
		struct dentry *new;

		spin_lock(&inode->i_lock);
		new = __d_find_any_alias(inode);
		spin_unlock(&inode->i_lock);
		if (unlikely(new)) {
			spin_unlock(&dcache_lock);
			if (!IS_ROOT(new) || d_ancestor(new, dentry) || new == dentry->d_parent) {
				/*
				 * The directory is already in the tree under
				 * another name (or would contain itself): a
				 * directory with two parents on disk.
				 */
				pr_warn_ratelimited("VFS: Lookup of '%s' in %s %s would have caused loop\n",
						    dentry->d_name.name, inode->i_sb->s_type->name,
						    inode->i_sb->s_id);
				d_lookup_done(dentry);
				dput(new);
				iput(inode);
				return ERR_PTR(-ELOOP);
			}
			/* A disconnected alias (file handle): put it in place. */
			write_seqlock(&rename_lock);
			spin_lock(&dcache_lock);
			__d_move(new, dentry, false);
			spin_unlock(&dcache_lock);
			write_sequnlock(&rename_lock);
			iput(inode);
			return new;
		}
	}
	__d_add(dentry, inode);
	spin_unlock(&dcache_lock);
	return NULL;
}
EXPORT_SYMBOL(d_splice_alias);

/*
 * Unlink: turn the dentry negative if we are its only user, otherwise just
 * unhash it so the remaining users keep their inode.
 */
void d_delete(struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	spin_lock(&dentry->d_lock);
	if (dentry->d_refcount == 1) {
		dentry->d_flags &= ~DCACHE_CANT_MOUNT;
		hlist_del_init(&dentry->d_u.d_alias);
		__d_set_inode_and_type(dentry, NULL);
		spin_unlock(&dentry->d_lock);
		spin_unlock(&inode->i_lock);
		spin_unlock(&dcache_lock);
		if (dentry->d_op && dentry->d_op->d_iput)
			dentry->d_op->d_iput(dentry, inode);
		else
			iput(inode);
		return;
	}
	___d_drop(dentry);
	spin_unlock(&dentry->d_lock);
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_delete);

/*
 * O_TMPFILE: name the (unhashed) dentry after the inode and attach it.
 * The fs created the inode with one link; a tmpfile has none.
 */
void d_tmpfile(struct file *file, struct inode *inode)
{
	struct dentry *dentry = file->f_path.dentry;

	inode_dec_link_count(inode);
	BUG_ON(dentry->d_name.name != dentry->d_iname ||
	       !hlist_unhashed(&dentry->d_u.d_alias) || !d_unlinked(dentry));
	spin_lock(&dcache_lock);
	spin_lock(&dentry->d_lock);
	dentry->d_name.len = snprintf((char *)dentry->d_iname, DNAME_INLINE_LEN, "#%llu",
				      (unsigned long long)inode->i_ino);
	spin_unlock(&dentry->d_lock);
	spin_unlock(&dcache_lock);
	d_instantiate(dentry, inode);
}
EXPORT_SYMBOL(d_tmpfile);

void d_mark_tmpfile(struct file *file, struct inode *inode)
{
	struct dentry *dentry = file->f_path.dentry;

	spin_lock(&dcache_lock);
	spin_lock(&dentry->d_lock);
	dentry->d_name.len = snprintf((char *)dentry->d_iname, DNAME_INLINE_LEN, "#%llu",
				      (unsigned long long)inode->i_ino);
	spin_unlock(&dentry->d_lock);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_mark_tmpfile);

/* Do not cache this inode or its dentries once unused. */
void d_mark_dontcache(struct inode *inode)
{
	struct dentry *de;

	spin_lock(&dcache_lock);
	spin_lock(&inode->i_lock);
	hlist_for_each_entry(de, &inode->i_dentry, d_u.d_alias) {
		spin_lock(&de->d_lock);
		de->d_flags |= DCACHE_DONTCACHE;
		spin_unlock(&de->d_lock);
	}
	inode->i_state |= I_DONTCACHE;
	spin_unlock(&inode->i_lock);
	spin_unlock(&dcache_lock);
}
EXPORT_SYMBOL(d_mark_dontcache);

/* ------------------------------------------------------------- names out */

/* Write the path of dentry from its root into the end of buf. */
static char *__dentry_path(const struct dentry *d, char *buf, int buflen)
{
	char *end = buf + buflen;
	char *p = end;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	*--p = '\0';
	spin_lock(&dcache_lock);
	while (!IS_ROOT(d)) {
		int len = d->d_name.len;

		if (p - buf < len + 1) {
			spin_unlock(&dcache_lock);
			return ERR_PTR(-ENAMETOOLONG);
		}
		p -= len;
		memcpy(p, d->d_name.name, len);
		*--p = '/';
		d = d->d_parent;
	}
	spin_unlock(&dcache_lock);
	if (*p != '/')
		*--p = '/';
	return p;
}

char *dentry_path_raw(const struct dentry *dentry, char *buf, int buflen)
{
	return __dentry_path(dentry, buf, buflen);
}
EXPORT_SYMBOL(dentry_path_raw);

char *dentry_path(const struct dentry *dentry, char *buf, int buflen)
{
	return __dentry_path(dentry, buf, buflen);
}

/* Paths are relative to the root of the one mount kfs has per sb. */
char *d_path(const struct path *path, char *buf, int buflen)
{
	if (path->dentry->d_op && path->dentry->d_op->d_dname)
		return path->dentry->d_op->d_dname(path->dentry, buf, buflen);
	return __dentry_path(path->dentry, buf, buflen);
}
EXPORT_SYMBOL(d_path);

char *d_absolute_path(const struct path *path, char *buf, int buflen)
{
	return __dentry_path(path->dentry, buf, buflen);
}

char *__d_path(const struct path *path, const struct path *root, char *buf, int buflen)
{
	return __dentry_path(path->dentry, buf, buflen);
}

char *dynamic_dname(char *buffer, int buflen, const char *fmt, ...)
{
	va_list args;
	char temp[64];
	int sz;

	va_start(args, fmt);
	sz = vsnprintf(temp, sizeof(temp), fmt, args) + 1;
	va_end(args);

	if (sz > sizeof(temp) || sz > buflen)
		return ERR_PTR(-ENAMETOOLONG);

	buffer += buflen - sz;
	return memcpy(buffer, temp, sz);
}

/* ------------------------------------------------- children, for libfs */

/*
 * The n-th positive, hashed child of dir (from 0), referenced, or NULL.
 * For directories that live only in the dcache (libfs's dcache_readdir).
 */
struct dentry *kfs_d_nth_positive_child(struct dentry *dir, loff_t n)
{
	struct dentry *child, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (!simple_positive(child))
			continue;
		if (n-- == 0) {
			if (dget_locked(child))
				found = child;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Has dir a positive, hashed child (libfs's simple_empty)? */
bool kfs_d_has_positive_child(struct dentry *dir)
{
	struct dentry *child;
	bool ret = false;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (simple_positive(child)) {
			ret = true;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return ret;
}

/* ----------------------------------------------------------- debugging */

/* Print the dentries of sb that are still in use (unmount with users). */
void d_kfs_dump_busy(struct super_block *sb)
{
	struct dentry *root = sb->s_root;
	long busy = 0;
	LIST_HEAD(none);

	if (!root)
		return;
	spin_lock(&dcache_lock);
	collect_unused_leaves(root, &none, &busy);
	spin_unlock(&dcache_lock);
	shrink_dentry_list(&none);
	if (busy)
		pr_err("VFS: %ld busy dentries on %s\n", busy, sb->s_id);
}

/* -------------------------------------------------------------------- init */

int kfs_dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry),
					 __alignof__(struct dentry),
					 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT, NULL);
	return dentry_cache ? 0 : -ENOMEM;
}
