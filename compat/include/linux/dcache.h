/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Directory entries (Documentation/filesystems/vfs.rst, "Directory Entry
 * Cache"; locking rules in locking.rst, dentry_operations).
 *
 * kfs keeps the kernel's object model -- a dentry names an inode (or
 * nothing: a negative dentry) under a parent dentry, is found through a
 * hash of (parent, name), holds a reference on its parent and on its inode,
 * and is kept on an LRU when unused -- but not its lock-free RCU walk.
 * Locking here (compat/fs/dcache.c):
 *  - d_lock protects d_count, d_flags, d_inode/d_u.d_alias changes and
 *    the d_subdirs list of this dentry as a parent;
 *  - a hash bucket lock protects chain membership; names only change while
 *    a dentry is unhashed (d_move), so lookups compare stable names;
 *  - rename_lock (a seqlock, as in the kernel) is held for writing by
 *    d_move/d_exchange, and for reading by walks up the parent chain.
 */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/math.h>
#include <linux/spinlock.h>
#include <linux/seqlock.h>
#include <linux/cache.h>
#include <linux/rcupdate.h>
#include <linux/stringhash.h>
#include <linux/wait.h>

struct path;
struct file;
struct vfsmount;
struct inode;
struct super_block;
struct dentry;

#define IS_ROOT(x) ((x) == (x)->d_parent)

/*
 * A name with its hash.  hash and len share one u64 (hash_len) so that
 * both compare in one go; on little-endian the hash is the low half.
 */
struct qstr {
	union {
		struct {
			u32 hash;
			u32 len;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

#define QSTR_INIT(n, l) { { { .len = l } }, .name = n }

extern const struct qstr empty_name;
extern const struct qstr slash_name;
extern const struct qstr dotdot_name;

/* Short names live inside the dentry, longer ones in a separate buffer. */
#define DNAME_INLINE_LEN 32

struct dentry {
	unsigned int d_flags;		/* DCACHE_*, under d_lock */
	seqcount_t d_seq;
	struct hlist_node d_hash;	/* in the (parent, name) hash */
	struct dentry *d_parent;	/* parent directory (self for a root) */
	struct qstr d_name;
	struct inode *d_inode;		/* NULL for a negative dentry */
	unsigned char d_iname[DNAME_INLINE_LEN];

	spinlock_t d_lock;
	int d_refcount;			/* read with d_count(); <0: dead */
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
	unsigned long d_time;		/* for ->d_revalidate */
	void *d_fsdata;

	union {
		struct list_head d_lru;		/* unused-dentry LRU */
		wait_queue_head_t *d_wait;	/* in-lookup dentries only */
	};
	struct list_head d_child;	/* in the parent's d_subdirs */
	struct list_head d_subdirs;	/* our children */
	union {
		struct hlist_node d_alias;		/* inode->i_dentry */
		struct hlist_node d_in_lookup_hash;	/* DCACHE_PAR_LOOKUP */
		struct rcu_head d_rcu;
	} d_u;
};

/* Subclasses of d_lock for lockdep, as in the kernel. */
enum dentry_d_lock_class {
	DENTRY_D_LOCK_NORMAL,
	DENTRY_D_LOCK_NESTED,
};

struct dentry_operations {
	int (*d_revalidate)(struct dentry *, unsigned int);
	int (*d_weak_revalidate)(struct dentry *, unsigned int);
	int (*d_hash)(const struct dentry *, struct qstr *);
	int (*d_compare)(const struct dentry *, unsigned int, const char *,
			 const struct qstr *);
	int (*d_delete)(const struct dentry *);
	int (*d_init)(struct dentry *);
	void (*d_release)(struct dentry *);
	void (*d_prune)(struct dentry *);
	void (*d_iput)(struct dentry *, struct inode *);
	char *(*d_dname)(struct dentry *, char *, int);
	struct vfsmount *(*d_automount)(struct path *);
	int (*d_manage)(const struct path *, bool);
	struct dentry *(*d_real)(struct dentry *, const struct inode *);
} ____cacheline_aligned;

/* d_flags */
#define DCACHE_OP_HASH			0x00000001
#define DCACHE_OP_COMPARE		0x00000002
#define DCACHE_OP_REVALIDATE		0x00000004
#define DCACHE_OP_DELETE		0x00000008
#define DCACHE_OP_PRUNE			0x00000010
#define DCACHE_DISCONNECTED		0x00000020	/* not (yet) connected to the root */
#define DCACHE_REFERENCED		0x00000040	/* used since last LRU scan */
#define DCACHE_DONTCACHE		0x00000080	/* free on last dput */
#define DCACHE_CANT_MOUNT		0x00000100
#define DCACHE_GENOCIDE			0x00000200
#define DCACHE_SHRINK_LIST		0x00000400
#define DCACHE_OP_WEAK_REVALIDATE	0x00000800
#define DCACHE_NFSFS_RENAMED		0x00001000
#define DCACHE_COOKIE			0x00002000
#define DCACHE_FSNOTIFY_PARENT_WATCHED	0x00004000
#define DCACHE_DENTRY_KILLED		0x00008000
#define DCACHE_MOUNTED			0x00010000
#define DCACHE_NEED_AUTOMOUNT		0x00020000
#define DCACHE_MANAGE_TRANSIT		0x00040000
#define DCACHE_MANAGED_DENTRY \
	(DCACHE_MOUNTED | DCACHE_NEED_AUTOMOUNT | DCACHE_MANAGE_TRANSIT)
#define DCACHE_LRU_LIST			0x00080000

/* What the dentry names, kept in d_flags so it reads without the inode. */
#define DCACHE_ENTRY_TYPE		0x00700000
#define DCACHE_MISS_TYPE		0x00000000	/* negative */
#define DCACHE_WHITEOUT_TYPE		0x00100000
#define DCACHE_DIRECTORY_TYPE		0x00200000
#define DCACHE_AUTODIR_TYPE		0x00300000	/* directory without ->lookup */
#define DCACHE_REGULAR_TYPE		0x00400000
#define DCACHE_SPECIAL_TYPE		0x00500000
#define DCACHE_SYMLINK_TYPE		0x00600000

#define DCACHE_MAY_FREE			0x00800000
#define DCACHE_FALLTHRU			0x01000000
#define DCACHE_NOKEY_NAME		0x02000000
#define DCACHE_OP_REAL			0x04000000
#define DCACHE_PAR_LOOKUP		0x10000000	/* being looked up, parent shared-locked */
#define DCACHE_DENTRY_CURSOR		0x20000000
#define DCACHE_NORCU			0x40000000

extern seqlock_t rename_lock;

/* Creation, instantiation and removal. */
void d_instantiate(struct dentry *, struct inode *);
void d_instantiate_new(struct dentry *, struct inode *);
struct dentry *d_instantiate_anon(struct dentry *, struct inode *);
void __d_drop(struct dentry *dentry);
void d_drop(struct dentry *dentry);
void d_delete(struct dentry *);
void d_set_d_op(struct dentry *dentry, const struct dentry_operations *op);

struct dentry *d_alloc(struct dentry *, const struct qstr *);
struct dentry *d_alloc_anon(struct super_block *);
struct dentry *d_alloc_parallel(struct dentry *, const struct qstr *, wait_queue_head_t *);
void d_lookup_done(struct dentry *dentry);
struct dentry *d_splice_alias(struct inode *, struct dentry *);
struct dentry *d_add_ci(struct dentry *, struct inode *, struct qstr *);
bool d_same_name(const struct dentry *dentry, const struct dentry *parent,
		 const struct qstr *name);
struct dentry *d_exact_alias(struct dentry *, struct inode *);
struct dentry *d_find_any_alias(struct inode *inode);
struct dentry *d_obtain_alias(struct inode *);
struct dentry *d_obtain_root(struct inode *);
void shrink_dcache_sb(struct super_block *);
void shrink_dcache_parent(struct dentry *);
void shrink_dcache_for_umount(struct super_block *);
void d_invalidate(struct dentry *);
struct dentry *d_make_root(struct inode *);
void d_genocide(struct dentry *);
void d_tmpfile(struct file *, struct inode *);
struct dentry *d_find_alias(struct inode *);
void d_prune_aliases(struct inode *);
struct dentry *d_find_alias_rcu(struct inode *);
void d_rehash(struct dentry *);
void d_add(struct dentry *, struct inode *);
void d_move(struct dentry *, struct dentry *);
void d_exchange(struct dentry *, struct dentry *);
struct dentry *d_ancestor(struct dentry *, struct dentry *);
void d_mark_tmpfile(struct file *, struct inode *);

/* Lookup in the hash. */
struct dentry *d_lookup(const struct dentry *, const struct qstr *);
struct dentry *d_hash_and_lookup(struct dentry *, struct qstr *);
struct dentry *__d_lookup(const struct dentry *, const struct qstr *);

static inline unsigned d_count(const struct dentry *dentry)
{
	return READ_ONCE(dentry->d_refcount);
}

/* Names for messages. */
__printf(3, 4) char *dynamic_dname(char *, int, const char *, ...);
char *__d_path(const struct path *, const struct path *, char *, int);
char *d_absolute_path(const struct path *, char *, int);
char *d_path(const struct path *, char *, int);
char *dentry_path_raw(const struct dentry *, char *, int);
char *dentry_path(const struct dentry *, char *, int);

/* References.  dget_dlock: the caller holds d_lock. */
static inline struct dentry *dget_dlock(struct dentry *dentry)
{
	if (dentry)
		dentry->d_refcount++;
	return dentry;
}

static inline struct dentry *dget(struct dentry *dentry)
{
	if (dentry) {
		spin_lock(&dentry->d_lock);
		dentry->d_refcount++;
		spin_unlock(&dentry->d_lock);
	}
	return dentry;
}

struct dentry *dget_parent(struct dentry *dentry);
void dput(struct dentry *);

/*
 * State and type tests.  Written one per line: they are the kernel's
 * interface names, and each is a single comparison.
 */
static inline int d_unhashed(const struct dentry *d) { return hlist_unhashed(&d->d_hash); }
static inline int d_unlinked(const struct dentry *d) { return !IS_ROOT(d) && d_unhashed(d); }
static inline int d_in_lookup(const struct dentry *d) { return d->d_flags & DCACHE_PAR_LOOKUP; }
static inline int cant_mount(const struct dentry *d) { return d->d_flags & DCACHE_CANT_MOUNT; }
static inline bool d_managed(const struct dentry *d) { return d->d_flags & DCACHE_MANAGED_DENTRY; }
static inline bool d_mountpoint(const struct dentry *d) { return d->d_flags & DCACHE_MOUNTED; }
static inline bool d_is_fallthru(const struct dentry *d) { return d->d_flags & DCACHE_FALLTHRU; }

static inline void dont_mount(struct dentry *d)
{
	spin_lock(&d->d_lock);
	d->d_flags |= DCACHE_CANT_MOUNT;
	spin_unlock(&d->d_lock);
}

static inline unsigned __d_entry_type(const struct dentry *d)
{
	return DCACHE_ENTRY_TYPE & READ_ONCE(d->d_flags);
}

#define __KFS_D_TYPE_IS(fn, type)					\
	static inline bool fn(const struct dentry *d) { return __d_entry_type(d) == (type); }
__KFS_D_TYPE_IS(d_is_miss, DCACHE_MISS_TYPE)
__KFS_D_TYPE_IS(d_is_whiteout, DCACHE_WHITEOUT_TYPE)
__KFS_D_TYPE_IS(d_can_lookup, DCACHE_DIRECTORY_TYPE)
__KFS_D_TYPE_IS(d_is_autodir, DCACHE_AUTODIR_TYPE)
__KFS_D_TYPE_IS(d_is_symlink, DCACHE_SYMLINK_TYPE)
__KFS_D_TYPE_IS(d_is_reg, DCACHE_REGULAR_TYPE)
__KFS_D_TYPE_IS(d_is_special, DCACHE_SPECIAL_TYPE)
#undef __KFS_D_TYPE_IS

static inline bool d_is_dir(const struct dentry *d) { return d_is_autodir(d) || d_can_lookup(d); }
static inline bool d_is_file(const struct dentry *d) { return d_is_special(d) || d_is_reg(d); }
static inline bool d_is_negative(const struct dentry *d) { return d_is_miss(d); }
static inline bool d_is_positive(const struct dentry *d) { return !d_is_miss(d); }
static inline bool d_flags_negative(unsigned f) { return (f & DCACHE_ENTRY_TYPE) == DCACHE_MISS_TYPE; }

/* The inode itself, whatever the type bits say (they lag during d_instantiate). */
static inline struct inode *d_inode(const struct dentry *d) { return d->d_inode; }
static inline struct inode *d_inode_rcu(const struct dentry *d) { return READ_ONCE(d->d_inode); }
static inline bool d_really_is_negative(const struct dentry *d) { return !d->d_inode; }
static inline bool d_really_is_positive(const struct dentry *d) { return !!d->d_inode; }
static inline int simple_positive(const struct dentry *d)
{
	return !d_unhashed(d) && d_really_is_positive(d);
}

/* No stacking filesystems here: backing and real objects are the dentry's own. */
static inline struct inode *d_backing_inode(const struct dentry *d) { return d->d_inode; }
static inline struct dentry *d_backing_dentry(struct dentry *d) { return d; }
static inline struct inode *d_real_inode(const struct dentry *d) { return d->d_inode; }
static inline struct dentry *d_real(struct dentry *d, const struct inode *inode) { return d; }

struct name_snapshot {
	struct qstr name;
	unsigned char inline_name[DNAME_INLINE_LEN];
};
void take_dentry_name_snapshot(struct name_snapshot *, struct dentry *);
void release_dentry_name_snapshot(struct name_snapshot *);

#endif /* __LINUX_DCACHE_H */
