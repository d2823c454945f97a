/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU on liburcu (kfs_host_rcu.h): the default, membarrier-based flavour, in
 * which readers are cheap and registered threads are tracked by the grace
 * period machinery.
 *
 * ThreadSanitizer: Debian's liburcu 0.13 carries no annotations, so TSan
 * cannot see that a grace period orders every earlier read-side critical
 * section before the updater's next step (typically freeing what readers
 * looked at).  We tell it: each read-side unlock releases, and each return
 * from synchronize acquires, one shared synchronisation address.  That is
 * a superset of the real ordering (it also orders readers that began after
 * the grace period started), so it can hide a race but never invent one.
 */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>

#include "kfs_host_rcu.h"

#if defined(__SANITIZE_THREAD__)
#define KFS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KFS_TSAN 1
#endif
#endif

#ifdef KFS_TSAN
#include <sanitizer/tsan_interface.h>
static char kfs_rcu_gp_sync;
#define kfs_rcu_annotate_unlock()	__tsan_release(&kfs_rcu_gp_sync)
#define kfs_rcu_annotate_gp()		__tsan_acquire(&kfs_rcu_gp_sync)
#else
#define kfs_rcu_annotate_unlock()	do { } while (0)
#define kfs_rcu_annotate_gp()		do { } while (0)
#endif

void kfs_hrcu_register(void)
{
	urcu_memb_register_thread();
}

void kfs_hrcu_unregister(void)
{
	urcu_memb_unregister_thread();
}

void kfs_hrcu_read_lock(void)
{
	urcu_memb_read_lock();
}

void kfs_hrcu_read_unlock(void)
{
	kfs_rcu_annotate_unlock();
	urcu_memb_read_unlock();
}

void kfs_hrcu_synchronize(void)
{
	urcu_memb_synchronize_rcu();
	kfs_rcu_annotate_gp();
}

int kfs_hrcu_read_ongoing(void)
{
	return urcu_memb_read_ongoing();
}
