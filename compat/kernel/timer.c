/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Timers (kernel/time/timer.c's role): one sorted list of pending timers
 * and one thread, "kfs-timer", that sleeps until the first one expires and
 * runs the expired ones, one at a time, in softirq context.  See
 * <linux/timer.h>.
 */
#include <linux/timer.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/processor.h>
#include <kfs_host_thread.h>
#include "kfs_core.h"

static DEFINE_SPINLOCK(kfs_timer_lock);
static HLIST_HEAD(kfs_timers);		/* by expires, then arming order */
static struct timer_list *kfs_running_timer;
static struct task_struct *kfs_timer_task;
static u64 kfs_timer_seq;

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key)
{
	timer->entry.next = NULL;
	WRITE_ONCE(timer->entry.pprev, NULL);
	timer->function = func;
	timer->flags = flags & ~TIMER_BASEMASK;
	timer->kfs_seq = 0;
}

/* With kfs_timer_lock held. */
static int kfs_timer_detach(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	__hlist_del(&timer->entry);
	timer->entry.next = NULL;
	WRITE_ONCE(timer->entry.pprev, NULL);
	return 1;
}

/* With kfs_timer_lock held: insert after every timer that is not later. */
static void kfs_timer_enqueue(struct timer_list *timer)
{
	struct timer_list *pos, *last = NULL;

	timer->kfs_seq = ++kfs_timer_seq;
	hlist_for_each_entry(pos, &kfs_timers, entry) {
		if (time_after(pos->expires, timer->expires))
			break;
		last = pos;
	}
	if (last) {
		hlist_add_behind(&timer->entry, &last->entry);
	} else {
		hlist_add_head(&timer->entry, &kfs_timers);
		/* A new first timer: the thread may be sleeping too long. */
		if (kfs_timer_task)
			wake_up_process(kfs_timer_task);
	}
}

static int kfs_mod_timer(struct timer_list *timer, unsigned long expires, bool pending_only,
			 bool reduce)
{
	unsigned long flags;
	int ret;

	if (WARN_ON_ONCE(!timer->function))
		return -EINVAL;
	spin_lock_irqsave(&kfs_timer_lock, flags);
	ret = timer_pending(timer);
	if ((pending_only && !ret) ||
	    (reduce && ret && time_before_eq(timer->expires, expires))) {
		spin_unlock_irqrestore(&kfs_timer_lock, flags);
		return ret;
	}
	kfs_timer_detach(timer);
	timer->expires = expires;
	kfs_timer_enqueue(timer);
	spin_unlock_irqrestore(&kfs_timer_lock, flags);
	return ret;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return kfs_mod_timer(timer, expires, false, false);
}

int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return kfs_mod_timer(timer, expires, true, false);
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return kfs_mod_timer(timer, expires, false, true);
}

void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	kfs_mod_timer(timer, timer->expires, false, false);
}

void add_timer_on(struct timer_list *timer, int cpu)
{
	add_timer(timer);
}

int timer_delete(struct timer_list *timer)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&kfs_timer_lock, flags);
	ret = kfs_timer_detach(timer);
	spin_unlock_irqrestore(&kfs_timer_lock, flags);
	return ret;
}

int try_to_del_timer_sync(struct timer_list *timer)
{
	unsigned long flags;
	int ret = -1;

	spin_lock_irqsave(&kfs_timer_lock, flags);
	if (kfs_running_timer != timer)
		ret = kfs_timer_detach(timer);
	spin_unlock_irqrestore(&kfs_timer_lock, flags);
	return ret;
}

int timer_delete_sync(struct timer_list *timer)
{
	int ret, spins = 0;

	if (WARN(current == kfs_timer_task && READ_ONCE(kfs_running_timer) == timer,
		 "timer_delete_sync() from the timer's own function\n"))
		return timer_delete(timer);
	/* Like the kernel: spin (never sleep) until the function has returned. */
	while ((ret = try_to_del_timer_sync(timer)) < 0) {
		if (++spins < 100)
			cpu_relax();
		else
			kfs_hthread_yield();
	}
	return ret;
}

static int kfs_timer_thread(void *unused)
{
	for (;;) {
		struct timer_list *timer;
		void (*fn)(struct timer_list *);
		long timeout = MAX_SCHEDULE_TIMEOUT;
		int count;

		spin_lock_irq(&kfs_timer_lock);
		timer = hlist_entry_safe(kfs_timers.first, struct timer_list, entry);
		if (timer && time_after_eq(jiffies, timer->expires)) {
			kfs_timer_detach(timer);
			fn = timer->function;
			WRITE_ONCE(kfs_running_timer, timer);
			spin_unlock_irq(&kfs_timer_lock);

			/* Timer functions are softirqs: no sleeping. */
			count = preempt_count();
			preempt_count_add(SOFTIRQ_OFFSET);
			fn(timer);
			preempt_count_sub(SOFTIRQ_OFFSET);
			if (WARN(preempt_count() != count || irqs_disabled(),
				 "timer function %ps leaked preempt count %x (irqs off %d)\n",
				 fn, preempt_count(), irqs_disabled())) {
				kfs_preempt_count = count;
				local_irq_enable();
			}

			spin_lock_irq(&kfs_timer_lock);
			WRITE_ONCE(kfs_running_timer, NULL);
			spin_unlock_irq(&kfs_timer_lock);
			continue;
		}
		if (timer)
			timeout = (long)(timer->expires - jiffies);
		/* State first: a timer armed after the unlock wakes us. */
		set_current_state(TASK_IDLE);
		spin_unlock_irq(&kfs_timer_lock);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_timeout(timeout > 0 ? timeout : 1);
	}
	return 0;
}

int kfs_timer_init(void)
{
	struct task_struct *t = kthread_create(kfs_timer_thread, NULL, "kfs-timer");

	if (IS_ERR(t))
		return PTR_ERR(t);
	spin_lock_irq(&kfs_timer_lock);
	kfs_timer_task = t;
	spin_unlock_irq(&kfs_timer_lock);
	wake_up_process(t);
	return 0;
}
