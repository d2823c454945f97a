/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory pressure, FUSE side (pressure.c): the host kernel's lookups pin
 * in-core inodes through the nodeid table; under the memory cap the kernel
 * side names the oldest of them that nothing else uses, and a thread of
 * ours asks the host to drop those names (notify_inval_entry), so that
 * FORGETs come and the inodes can go.
 */
#ifndef KFS_PRESSURE_H
#define KFS_PRESSURE_H

#include "kfs_fuse.h"

/* The kfs_pressure_fn of kfs_mount_params: queues one name, never blocks. */
void kfs_pressure_name(void *ctx, kfs_api_u64 parent_ino, int parent_is_root,
		       const char *name, int namelen);

/*
 * Starts the thread that sends the invalidations (0 or -errno); it sends
 * nothing until kfs_srv.se is set.  kfs_pressure_stop() ends it and drops
 * what is still queued; the nodeid table calls both (kfs_nodes_init,
 * kfs_nodes_release_all).
 */
int kfs_pressure_start(void);
void kfs_pressure_stop(void);

/* The nodeid of a directory by inode number (nodes.c). */
uint64_t kfs_nodeid_of_ino(kfs_api_u64 ino, bool root);

#endif /* KFS_PRESSURE_H */
