/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File references.  kfs has no file descriptor tables: a struct file is
 * created by the in-process API (kfs_open) and released by kfs_release,
 * which drops the last reference (fput -> ->release).
 */
#ifndef __LINUX_FILE_H
#define __LINUX_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

struct file;
struct path;
struct cred;
struct inode;
struct vfsmount;
struct file_operations;

void fput(struct file *);

struct file *alloc_empty_file(int flags, const struct cred *cred);
struct file *alloc_file_pseudo(struct inode *, struct vfsmount *, const char *, int flags,
			       const struct file_operations *);

#endif /* __LINUX_FILE_H */
