// SPDX-License-Identifier: GPL-2.0-only
/*
 * The file-handle decoders that filesystems with plain 32-bit inode
 * numbers put in their export_operations (the fs/libfs.c helpers named in
 * Documentation/filesystems/nfs/exporting.rst).  A handle of type
 * FILEID_INO32_GEN holds {ino, gen}; FILEID_INO32_GEN_PARENT adds the
 * parent's {ino, gen} (the generation may be missing: 3 words).  Lengths
 * are in 32-bit words.  The fs's get_inode callback checks the generation;
 * d_obtain_alias turns its result (inode, NULL or an error) into a dentry.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/exportfs.h>
#include <linux/export.h>

struct dentry *generic_fh_to_dentry(struct super_block *sb, struct fid *fid, int fh_len,
				    int fh_type,
				    struct inode *(*get_inode)(struct super_block *sb, u64 ino,
							       u32 gen))
{
	bool known = fh_type == FILEID_INO32_GEN || fh_type == FILEID_INO32_GEN_PARENT;

	if (fh_len < 2)
		return NULL;
	return d_obtain_alias(known ? get_inode(sb, fid->i32.ino, fid->i32.gen) : NULL);
}
EXPORT_SYMBOL_GPL(generic_fh_to_dentry);

struct dentry *generic_fh_to_parent(struct super_block *sb, struct fid *fid, int fh_len,
				    int fh_type,
				    struct inode *(*get_inode)(struct super_block *sb, u64 ino,
							       u32 gen))
{
	u32 gen;

	if (fh_len < 3)
		return NULL;
	if (fh_type != FILEID_INO32_GEN_PARENT)
		return d_obtain_alias(NULL);
	gen = fh_len >= 4 ? fid->i32.parent_gen : 0;
	return d_obtain_alias(get_inode(sb, fid->i32.parent_ino, gen));
}
EXPORT_SYMBOL_GPL(generic_fh_to_parent);
