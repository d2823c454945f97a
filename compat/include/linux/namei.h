/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Path lookup (Documentation/filesystems/path-lookup.rst).  kfs resolves
 * names one component at a time under the parent's i_rwsem, as the
 * kernel's lookup_slow does; there is no RCU walk, so LOOKUP_RCU is never
 * passed to a filesystem.
 */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/path.h>
#include <linux/fcntl.h>
#include <linux/errno.h>

#define MAXSYMLINKS 40

/* Flags a filesystem may see in ->lookup, ->d_revalidate and ->create. */
#define LOOKUP_FOLLOW		0x0001
#define LOOKUP_DIRECTORY	0x0002
#define LOOKUP_AUTOMOUNT	0x0004
#define LOOKUP_PARENT		0x0010
#define LOOKUP_REVAL		0x0020
#define LOOKUP_RCU		0x0040
#define LOOKUP_MOUNTPOINT	0x0080
#define LOOKUP_OPEN		0x0100
#define LOOKUP_CREATE		0x0200
#define LOOKUP_EXCL		0x0400
#define LOOKUP_RENAME_TARGET	0x0800
#define LOOKUP_EMPTY		0x4000
#define LOOKUP_DOWN		0x8000
#define LOOKUP_NO_SYMLINKS	0x010000
#define LOOKUP_NO_MAGICLINKS	0x020000
#define LOOKUP_NO_XDEV		0x040000
#define LOOKUP_BENEATH		0x080000
#define LOOKUP_IN_ROOT		0x100000
#define LOOKUP_CACHED		0x200000
#define LOOKUP_IS_SCOPED	(LOOKUP_BENEATH | LOOKUP_IN_ROOT)

/*
 * Single-component lookups in a directory whose i_rwsem the caller holds
 * (lookup_one_len and friends take the name as given, no '/' allowed).
 */
struct dentry *try_lookup_one_len(const char *, struct dentry *, int);
struct dentry *lookup_one_len(const char *, struct dentry *, int);
struct dentry *lookup_one_len_unlocked(const char *, struct dentry *, int);
struct dentry *lookup_positive_unlocked(const char *, struct dentry *, int);
struct dentry *lookup_one(struct user_namespace *, const char *, struct dentry *, int);
struct dentry *lookup_one_unlocked(struct user_namespace *mnt_userns, const char *name,
				   struct dentry *base, int len);
struct dentry *lookup_one_positive_unlocked(struct user_namespace *mnt_userns,
					    const char *name, struct dentry *base, int len);

struct dentry *lock_rename(struct dentry *, struct dentry *);
void unlock_rename(struct dentry *, struct dentry *);

/* Cut a symlink body at maxlen - 1 if it is not terminated within len. */
static inline void nd_terminate_link(void *name, size_t len, size_t maxlen)
{
	((char *)name)[min(len, maxlen)] = '\0';
}

#endif /* _LINUX_NAMEI_H */
