/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The nodeid table: which in-core inodes the host kernel knows, and how
 * many lookups of each it holds.
 *
 * A nodeid is derived from the inode number (root: FUSE_ROOT_ID, others:
 * ino + 2, so ino 0 or 1 can never collide with root), never from a pointer:
 * a nodeid the kernel hands back after FORGET (export support looks up "."
 * on nodeids from file handles) simply misses the table.  An inode number
 * is unique among the live inodes of one super block, and the table keeps
 * the inode live (one kfs_node reference per entry) until the kernel's
 * lookup count drops to zero, so a nodeid cannot change its inode while the
 * kernel holds it; the inode generation goes with each entry for the cases
 * (NFS file handles) where the kernel needs more.
 *
 * Buckets are locked in stripes; kfs_node_put (iput, possibly eviction and
 * I/O) is never called with a stripe lock held.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>

#include <fuse_lowlevel.h>

#include "kfs_fuse.h"
#include "pressure.h"

#define NODE_BUCKETS	(1u << 16)
#define NODE_STRIPES	64u

struct node_ent {
	struct node_ent *next;
	uint64_t nodeid;
	uint64_t nlookup;
	struct kfs_node *node;
};

static struct node_ent **buckets;
static pthread_mutex_t stripes[NODE_STRIPES];
static struct kfs_node *root_node;

static unsigned int bucket_of(uint64_t nodeid)
{
	/* Fibonacci hashing: consecutive inode numbers spread over the table. */
	return (unsigned int)((nodeid * 0x9e3779b97f4a7c15ull) >> 48) & (NODE_BUCKETS - 1);
}

static pthread_mutex_t *stripe_of(unsigned int bucket)
{
	return &stripes[bucket % NODE_STRIPES];
}

int kfs_nodes_init(struct kfs_node *root)
{
	unsigned int i;

	buckets = calloc(NODE_BUCKETS, sizeof(*buckets));
	if (!buckets)
		return -ENOMEM;
	for (i = 0; i < NODE_STRIPES; i++)
		pthread_mutex_init(&stripes[i], NULL);
	root_node = root;	/* the table owns this reference until release_all */
	if (kfs_pressure_start())
		syslog(LOG_WARNING, "kfs: no invalidation thread: "
		       "the memory cap cannot reclaim inodes the kernel holds");
	return 0;
}

uint64_t kfs_nodeid_of_ino(kfs_api_u64 ino, bool root)
{
	return root ? FUSE_ROOT_ID : ino + 2;
}

uint64_t kfs_nodeid_of(struct kfs_node *node)
{
	if (node == root_node)
		return FUSE_ROOT_ID;
	return kfs_nodeid_of_ino(kfs_node_ino(node), false);
}

static struct node_ent *find(unsigned int b, uint64_t nodeid)
{
	struct node_ent *e;

	for (e = buckets[b]; e; e = e->next)
		if (e->nodeid == nodeid)
			return e;
	return NULL;
}

uint64_t kfs_nodes_remember(struct kfs_node *node, int *err)
{
	uint64_t nodeid = kfs_nodeid_of(node);
	unsigned int b = bucket_of(nodeid);
	struct node_ent *e, *fresh = NULL;
	struct kfs_node *conflict = NULL;

	if (nodeid == FUSE_ROOT_ID) {
		/* The root lives as long as the mount; its count is not tracked. */
		kfs_node_put(node);
		return nodeid;
	}
	fresh = malloc(sizeof(*fresh));
	pthread_mutex_lock(stripe_of(b));
	e = find(b, nodeid);
	if (e && e->node == node) {
		e->nlookup++;
	} else if (e) {
		/* Two live inodes with one number: the fs broke the iget contract. */
		conflict = e->node;
	} else if (fresh) {
		fresh->nodeid = nodeid;
		fresh->nlookup = 1;
		fresh->node = node;
		fresh->next = buckets[b];
		buckets[b] = fresh;
		node = NULL;	/* the table now owns the reference */
		fresh = NULL;
	}
	pthread_mutex_unlock(stripe_of(b));
	free(fresh);
	if (conflict) {
		syslog(LOG_ERR, "kfs: two live inodes share inode number %llu",
		       (unsigned long long)(nodeid - 2));
		kfs_node_put(node);
		*err = -EIO;
		return 0;
	}
	if (!e && node) {
		kfs_node_put(node);
		*err = -ENOMEM;
		return 0;
	}
	if (node)
		kfs_node_put(node);	/* already held by the entry */
	return nodeid;
}

struct kfs_node *kfs_nodes_get(uint64_t nodeid)
{
	unsigned int b = bucket_of(nodeid);
	struct node_ent *e;
	struct kfs_node *n = NULL;

	if (nodeid == FUSE_ROOT_ID) {
		kfs_node_get(root_node);
		return root_node;
	}
	pthread_mutex_lock(stripe_of(b));
	e = find(b, nodeid);
	if (e) {
		n = e->node;
		kfs_node_get(n);	/* the entry's reference keeps i_count above 0 */
	}
	pthread_mutex_unlock(stripe_of(b));
	return n;
}

void kfs_nodes_forget(uint64_t nodeid, uint64_t nlookup)
{
	unsigned int b = bucket_of(nodeid);
	struct node_ent **pp, *e;
	struct kfs_node *drop = NULL;

	if (nodeid == FUSE_ROOT_ID)
		return;
	pthread_mutex_lock(stripe_of(b));
	for (pp = &buckets[b]; (e = *pp); pp = &e->next) {
		if (e->nodeid != nodeid)
			continue;
		if (e->nlookup > nlookup) {
			e->nlookup -= nlookup;
			e = NULL;
		} else {
			*pp = e->next;
			drop = e->node;
		}
		break;
	}
	pthread_mutex_unlock(stripe_of(b));
	if (drop) {
		kfs_node_put(drop);
		free(e);
	}
}

size_t kfs_nodes_release_all(void)
{
	size_t n = 0;
	unsigned int b;

	kfs_pressure_stop();	/* no invalidations once the session is over */
	if (!buckets)
		return 0;
	for (b = 0; b < NODE_BUCKETS; b++) {
		struct node_ent *e, *next;

		pthread_mutex_lock(stripe_of(b));
		e = buckets[b];
		buckets[b] = NULL;
		pthread_mutex_unlock(stripe_of(b));
		for (; e; e = next) {
			next = e->next;
			kfs_node_put(e->node);
			free(e);
			n++;
		}
	}
	if (root_node) {
		kfs_node_put(root_node);
		root_node = NULL;
	}
	free(buckets);
	buckets = NULL;
	return n;
}
