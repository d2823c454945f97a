/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The capability checks that involve an inode or a file (kernel/
 * capability.c's role): a capability counts for an inode only if the
 * inode's owner and group are visible in the caller's user namespace.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>

bool privileged_wrt_inode_uidgid(struct user_namespace *ns, struct user_namespace *mnt_userns,
				 const struct inode *inode)
{
	return kuid_has_mapping(ns, vfsuid_into_kuid(i_uid_into_vfsuid(mnt_userns, inode))) &&
	       kgid_has_mapping(ns, vfsgid_into_kgid(i_gid_into_vfsgid(mnt_userns, inode)));
}

bool capable_wrt_inode_uidgid(struct user_namespace *mnt_userns, const struct inode *inode,
			      int cap)
{
	struct user_namespace *ns = current_user_ns();

	return ns_capable(ns, cap) && privileged_wrt_inode_uidgid(ns, mnt_userns, inode);
}

bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap)
{
	if (WARN_ON_ONCE(!cap_valid(cap)))
		return false;
	return cap_raised(file->f_cred->cap_effective, cap);
}
