/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slow path of DO_ONCE (<linux/once.h>): one lock for every site, taken
 * only until a site has run.  A host mutex rather than a kernel lock, so the
 * function may sleep (DO_ONCE_SLEEPABLE) and nothing here allocates.
 */
#include <linux/export.h>
#include <linux/once.h>
#include <kfs_host_alloc.h>

static struct kfs_host_mutex once_lock;

bool __kfs_once_start(bool *done)
{
	kfs_host_mutex_lock(&once_lock);
	if (__atomic_load_n(done, __ATOMIC_ACQUIRE)) {
		kfs_host_mutex_unlock(&once_lock);
		return false;
	}
	return true;
}
EXPORT_SYMBOL(__kfs_once_start);

void __kfs_once_done(bool *done)
{
	__atomic_store_n(done, true, __ATOMIC_RELEASE);
	kfs_host_mutex_unlock(&once_lock);
}
EXPORT_SYMBOL(__kfs_once_done);
