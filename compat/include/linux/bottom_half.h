/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bottom halves.  Softirqs in kfs are the timer thread's and the RCU
 * thread's callbacks; "disabling" them on a task only marks that task as
 * being in atomic context (preempt.h), which is all a caller can observe.
 */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/preempt.h>

#define local_bh_disable()	do { preempt_count_add(SOFTIRQ_DISABLE_OFFSET); barrier(); } while (0)
#define local_bh_enable()	do { barrier(); preempt_count_sub(SOFTIRQ_DISABLE_OFFSET); } while (0)
#define _local_bh_enable()	local_bh_enable()
#define local_bh_enable_ip(ip)	local_bh_enable()
#define __local_bh_disable_ip(ip, cnt)	preempt_count_add(cnt)
#define __local_bh_enable_ip(ip, cnt)	preempt_count_sub(cnt)

#endif /* _LINUX_BH_H */
