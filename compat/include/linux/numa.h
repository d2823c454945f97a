/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NUMA: kfs runs as one node.  Node arguments (kmalloc_node, alloc_pages_node,
 * ...) are accepted and ignored.
 */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NODES_SHIFT	0
#define MAX_NUMNODES	1
#define NUMA_NO_NODE	(-1)

#endif /* _LINUX_NUMA_H */
