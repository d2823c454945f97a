/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hashing of names for the dcache.  The in-kernel contract: a qstr carries
 * a 32-bit hash and the length packed in one u64 (hash in the low half),
 * full_name_hash() and hashlen_string() agree on the hash of the same
 * bytes, and a filesystem's own ->d_hash may build a hash incrementally
 * with init/partial/end_name_hash.  The salt (usually the parent dentry)
 * makes the hash depend on the directory.  Implemented in compat/fs/namei.c
 * (the kernel keeps these in fs/namei.c).
 */
#ifndef __LINUX_STRINGHASH_H
#define __LINUX_STRINGHASH_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/hash.h>

#define init_name_hash(salt)		(unsigned long)(salt)

/* Fold one more character into a running hash (about 4 bits each). */
static inline unsigned long partial_name_hash(unsigned long c, unsigned long prevhash)
{
	return (prevhash + (c << 4) + (c >> 4)) * 11;
}

/* Reduce a running hash to the 32 bits a qstr holds. */
static inline unsigned int end_name_hash(unsigned long hash)
{
	return hash_long(hash, 32);
}

unsigned int __pure full_name_hash(const void *salt, const char *name, unsigned int len);

#define hashlen_hash(hashlen)		((u32)(hashlen))
#define hashlen_len(hashlen)		((u32)((hashlen) >> 32))
#define hashlen_create(hash, len)	((u64)(len) << 32 | (u32)(hash))

/* hash and length of a NUL-terminated string, as hashlen_create() packs them */
u64 __pure hashlen_string(const void *salt, const char *name);

#endif /* __LINUX_STRINGHASH_H */
