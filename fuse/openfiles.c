/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Open files the kernel holds handles for.  Normally each is released by a
 * RELEASE/RELEASEDIR request; when the connection goes away under open files
 * (SIGTERM, a lazy unmount with files still open) the kernel sends none, and
 * the unmount would find busy inodes, so these are closed first.
 */
#include <pthread.h>
#include <stdlib.h>

#include "ops.h"

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kfs_open open_head = { &open_head, &open_head, NULL };

bool kfs_open_track(struct fuse_file_info *fi, struct kfs_file *f)
{
	struct kfs_open *o = malloc(sizeof(*o));

	if (!o) {
		kfs_release(f);
		return false;
	}
	o->file = f;
	pthread_mutex_lock(&open_lock);
	o->next = open_head.next;
	o->prev = &open_head;
	open_head.next->prev = o;
	open_head.next = o;
	pthread_mutex_unlock(&open_lock);
	fi->fh = (uintptr_t)o;
	return true;
}

static void unlink_open(struct kfs_open *o)
{
	o->prev->next = o->next;
	o->next->prev = o->prev;
}

void kfs_open_release(struct fuse_file_info *fi)
{
	struct kfs_open *o = (struct kfs_open *)(uintptr_t)fi->fh;

	pthread_mutex_lock(&open_lock);
	unlink_open(o);
	pthread_mutex_unlock(&open_lock);
	kfs_release(o->file);
	free(o);
}

size_t kfs_open_release_all(void)
{
	size_t n = 0;

	for (;;) {
		struct kfs_open *o;

		pthread_mutex_lock(&open_lock);
		o = open_head.next;
		if (o == &open_head) {
			pthread_mutex_unlock(&open_lock);
			return n;
		}
		unlink_open(o);
		pthread_mutex_unlock(&open_lock);
		kfs_release(o->file);
		free(o);
		n++;
	}
}
