/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU, host side: liburcu's default (membarrier) flavour behind plain-C
 * names.  liburcu's own headers define rcu_read_lock() & co. with other
 * signatures, so they never meet the kernel world; <linux/rcupdate.h> calls
 * these instead.
 *
 * Threads must be registered before their first read-side critical section;
 * kfs_thread_adopt() does it for every thread that runs kernel code.
 */
#ifndef _KFS_HOST_RCU_H
#define _KFS_HOST_RCU_H

void kfs_hrcu_register(void);
void kfs_hrcu_unregister(void);
void kfs_hrcu_read_lock(void);
void kfs_hrcu_read_unlock(void);
/* Waits until every read-side critical section that had begun has ended. */
void kfs_hrcu_synchronize(void);
/* Whether the calling thread is inside a read-side critical section. */
int kfs_hrcu_read_ongoing(void);

#endif /* _KFS_HOST_RCU_H */
