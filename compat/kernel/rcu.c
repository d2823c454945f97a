/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU callbacks and grace periods (kernel/rcu/'s role) over liburcu's
 * synchronize (compat/host/rcu.c).  call_rcu() appends to one FIFO; the
 * "kfs-rcu" kthread takes the whole FIFO, waits for one grace period, and
 * runs the callbacks in order with bottom halves disabled (the kernel runs
 * them in softirq context).  Callbacks queued meanwhile form the next batch.
 * rcu_barrier() waits until every callback queued before it has run.
 */
#include <linux/rcupdate.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <kfs_host_rcu.h>
#include "kfs_core.h"

static DEFINE_SPINLOCK(kfs_rcu_lock);
static struct rcu_head *kfs_rcu_first;
static struct rcu_head **kfs_rcu_last = &kfs_rcu_first;
static unsigned long kfs_rcu_queued;	/* callbacks ever queued */
static unsigned long kfs_rcu_done;	/* callbacks ever run (in order) */
static DECLARE_WAIT_QUEUE_HEAD(kfs_rcu_thread_wq);
static DECLARE_WAIT_QUEUE_HEAD(kfs_rcu_barrier_wq);

/* Grace periods: how many started, and the highest-numbered one finished. */
static atomic_long_t kfs_gp_started = ATOMIC_LONG_INIT(0);
static atomic_long_t kfs_gp_finished = ATOMIC_LONG_INIT(0);

static void kfs_grace_period(void)
{
	long mine = atomic_long_inc_return(&kfs_gp_started);
	long done = atomic_long_read(&kfs_gp_finished);

	kfs_hrcu_synchronize();
	while (done < mine && !atomic_long_try_cmpxchg(&kfs_gp_finished, &done, mine))
		;
}

void synchronize_rcu(void)
{
	might_sleep();
	if (WARN(kfs_rcu_depth, "synchronize_rcu() inside an RCU read-side critical section\n"))
		BUG();
	kfs_grace_period();
}

void synchronize_rcu_expedited(void)
{
	synchronize_rcu();
}

/* A grace period that starts after this call has to end before it's done. */
unsigned long get_state_synchronize_rcu(void)
{
	return atomic_long_read(&kfs_gp_started);
}

bool poll_state_synchronize_rcu(unsigned long oldstate)
{
	return (unsigned long)atomic_long_read(&kfs_gp_finished) > oldstate;
}

void cond_synchronize_rcu(unsigned long oldstate)
{
	if (!poll_state_synchronize_rcu(oldstate))
		synchronize_rcu();
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long flags;

	head->func = func;
	head->next = NULL;
	spin_lock_irqsave(&kfs_rcu_lock, flags);
	*kfs_rcu_last = head;
	kfs_rcu_last = &head->next;
	kfs_rcu_queued++;
	spin_unlock_irqrestore(&kfs_rcu_lock, flags);
	wake_up(&kfs_rcu_thread_wq);
}

void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	call_rcu(head, func);
}

void kvfree_rcu_mightsleep(void *ptr)
{
	if (!ptr)
		return;
	synchronize_rcu();
	kvfree(ptr);
}

static bool kfs_rcu_have_callbacks(void)
{
	bool ret;

	spin_lock_irq(&kfs_rcu_lock);
	ret = kfs_rcu_first != NULL;
	spin_unlock_irq(&kfs_rcu_lock);
	return ret;
}

static bool kfs_rcu_ran(unsigned long target)
{
	bool ret;

	spin_lock_irq(&kfs_rcu_lock);
	ret = (long)(kfs_rcu_done - target) >= 0;
	spin_unlock_irq(&kfs_rcu_lock);
	return ret;
}

void rcu_barrier(void)
{
	unsigned long target;

	might_sleep();
	spin_lock_irq(&kfs_rcu_lock);
	target = kfs_rcu_queued;
	spin_unlock_irq(&kfs_rcu_lock);
	wait_event(kfs_rcu_barrier_wq, kfs_rcu_ran(target));
}

/* An offset below 4096 instead of a function: kvfree_rcu()'s object. */
static void kfs_rcu_invoke(struct rcu_head *head)
{
	unsigned long f = (unsigned long)head->func;

	if (f < 4096)
		kvfree((char *)head - f);
	else
		head->func(head);
}

static int kfs_rcu_thread(void *unused)
{
	for (;;) {
		struct rcu_head *list, *next;
		unsigned long upto;
		int count;

		wait_event_idle(kfs_rcu_thread_wq,
				kfs_rcu_have_callbacks() || kthread_should_stop());
		spin_lock_irq(&kfs_rcu_lock);
		list = kfs_rcu_first;
		kfs_rcu_first = NULL;
		kfs_rcu_last = &kfs_rcu_first;
		upto = kfs_rcu_queued;
		spin_unlock_irq(&kfs_rcu_lock);
		if (!list && kthread_should_stop())
			break;

		kfs_grace_period();

		count = preempt_count();
		local_bh_disable();
		for (; list; list = next) {
			next = list->next;
			kfs_rcu_invoke(list);
		}
		local_bh_enable();
		WARN(preempt_count() != count, "an RCU callback leaked preempt count %x\n",
		     preempt_count());

		spin_lock_irq(&kfs_rcu_lock);
		kfs_rcu_done = upto;
		spin_unlock_irq(&kfs_rcu_lock);
		wake_up_all(&kfs_rcu_barrier_wq);
	}
	return 0;
}

int kfs_rcu_init(void)
{
	struct task_struct *t = kthread_run(kfs_rcu_thread, NULL, "kfs-rcu");

	return IS_ERR(t) ? PTR_ERR(t) : 0;
}
