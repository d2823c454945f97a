/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Images in memory: a host-operations table (kfs_host.h) that serves named
 * in-memory buffers as if they were image files, so that a fuzzer (or a
 * test) mounts bytes it holds without any file or device.
 *
 * kfs_memdisk_ops wraps the table that was in force when
 * kfs_memdisk_install() ran.  open() of a path registered here returns a
 * descriptor of the buffer; every other path, and every descriptor that is
 * not one of ours, goes to the wrapped table unchanged.  A memory image
 * behaves like a block device of fixed size: reads and writes past its end
 * transfer nothing (reads return 0, writes -ENOSPC), fsync succeeds, the
 * lock is flock()'s (per descriptor, shared or exclusive).  aio contexts
 * made through this table complete every operation at submission (on
 * memory images by copying, on other descriptors through the wrapped
 * table's synchronous calls) and hand the completions out through
 * aio_getevents, which blocks as io_getevents does.
 *
 * Shared by both worlds: compiler-builtin types only.
 */
#ifndef _KFS_HOST_MEM_H
#define _KFS_HOST_MEM_H

#include "kfs_host.h"

extern const struct kfs_host_ops kfs_memdisk_ops;

/* Switches kfs_memdisk_ops in and out of kfs_host (no aio in flight). */
void kfs_memdisk_install(void);
void kfs_memdisk_uninstall(void);

/*
 * Makes path name a memory image holding a copy of size bytes of data.
 * Returns 0, -EEXIST when the name is taken, -ENOMEM, or -EINVAL.
 */
int kfs_memdisk_register(const char *name, const void *data, kfs_size_t size);

/*
 * Removes the image; -EBUSY while a descriptor of it is open (the mount did
 * not close it), -ENOENT when there is no such image.
 */
int kfs_memdisk_unregister(const char *name);

/*
 * Copies up to size bytes from offset off of the image's current contents
 * into buf: what the filesystem wrote.  Returns the count or -ENOENT.
 */
kfs_ssize_t kfs_memdisk_peek(const char *name, void *buf, kfs_size_t size, kfs_s64 off);

/* Descriptors of memory images open now (all images). */
int kfs_memdisk_open_count(void);

#endif /* _KFS_HOST_MEM_H */
