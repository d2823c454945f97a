/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat's scheduling side: completions, wait_event and its timeouts, bit
 * and variable waits, schedule_timeout, kthread stop/park, timers (order,
 * deletion, del_timer_sync, softirq context), workqueues (max_active,
 * ordering, flush and cancel, delayed work) and RCU (grace periods wait
 * for readers, call_rcu order, rcu_barrier).  Every check is on an
 * outcome; threads wait for conditions, not for time to pass.  Timeouts
 * appear only where the tested call is supposed to time out.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <linux/kthread.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <asm/processor.h>
#include <kfs/sched.h>

#include "../../compat/api/kfs_api.h"
#include "ktest_threads.h"

#define LONG_TIMEOUT	(100 * HZ)

/* ---------------------------------------------------------- completion */

struct waker {
	struct completion *c;
	struct task_struct *sleeper;
};

static int completing(struct kt *kt)
{
	struct waker *w = kt->arg;

	kt_wait_sleeping(w->sleeper);
	complete(w->c);
	return 0;
}

static int waiting_interruptible(struct kt *kt)
{
	return wait_for_completion_interruptible(kt->arg);
}

static void completions(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waker w = { .c = &c, .sleeper = current };
	unsigned long left;
	struct kt kt;

	/* Never completed: the timeout elapses and 0 comes back. */
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c, 2), 0UL);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c));
	KUNIT_EXPECT_FALSE(test, completion_done(&c));

	/* Completed first: no wait, one event consumed. */
	complete(&c);
	KUNIT_EXPECT_TRUE(test, completion_done(&c));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c, 0), 1UL);
	KUNIT_EXPECT_FALSE(test, completion_done(&c));
	complete(&c);
	complete(&c);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&c));
	wait_for_completion(&c);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c));

	/* Completed while we sleep: the time left comes back. */
	kt_start(&kt, completing, &w);
	left = wait_for_completion_timeout(&c, LONG_TIMEOUT);
	KUNIT_EXPECT_GT(test, left, 0UL);
	KUNIT_EXPECT_LE(test, left, (unsigned long)LONG_TIMEOUT);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);

	/* complete_all satisfies every wait until reinit. */
	complete_all(&c);
	wait_for_completion(&c);
	wait_for_completion_io(&c);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&c));
	reinit_completion(&c);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c));

	/* A fatal signal ends an interruptible wait. */
	kt_start(&kt, waiting_interruptible, &c);
	kt_wait_sleeping(kt.task);
	kfs_task_interrupt((struct kfs_task *)kt.task);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), -ERESTARTSYS);
}

/* ---------------------------------------------------------- wait_event */

struct cond_waker {
	struct wait_queue_head *wq;
	int *cond;
	struct task_struct *sleeper;
};

static int setting_cond(struct kt *kt)
{
	struct cond_waker *w = kt->arg;

	kt_wait_sleeping(w->sleeper);
	WRITE_ONCE(*w->cond, 1);
	wake_up(w->wq);
	return 0;
}

static int waiting_event(struct kt *kt)
{
	struct cond_waker *w = kt->arg;

	if (kt->val)
		return wait_event_killable_timeout(*w->wq, READ_ONCE(*w->cond), LONG_TIMEOUT);
	return wait_event_interruptible(*w->wq, READ_ONCE(*w->cond));
}

static void wait_events(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	int cond = 0;
	struct cond_waker w = { .wq = &wq, .cond = &cond, .sleeper = current };
	long left;
	struct kt kt;

	/* The condition never holds: 0 once the timeout elapses. */
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 2), 0L);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_timeout(wq, READ_ONCE(cond), 1), 0L);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));

	/* Woken with the condition true: the jiffies left. */
	kt_start(&kt, setting_cond, &w);
	left = wait_event_timeout(wq, READ_ONCE(cond), LONG_TIMEOUT);
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_LE(test, left, (long)LONG_TIMEOUT);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);

	/* True from the start: the whole timeout, or 1 for none. */
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 7), 7L);
	KUNIT_EXPECT_EQ(test, wait_event_timeout(wq, READ_ONCE(cond), 0), 1L);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, READ_ONCE(cond)), 0);
	wait_event(wq, READ_ONCE(cond));

	/* Signals end interruptible and killable waits. */
	cond = 0;
	kt.val = 0;
	kt_start(&kt, waiting_event, &w);
	kt_wait_sleeping(kt.task);
	kfs_task_interrupt((struct kfs_task *)kt.task);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), -ERESTARTSYS);
	kt.val = 1;
	kt_start(&kt, waiting_event, &w);
	kt_wait_sleeping(kt.task);
	kfs_task_interrupt((struct kfs_task *)kt.task);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), -ERESTARTSYS);

	/* Our own pending signal: no sleep at all, until cleared. */
	kfs_task_interrupt(kfs_task_self());
	KUNIT_EXPECT_TRUE(test, fatal_signal_pending(current));
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(wq, READ_ONCE(cond)), -ERESTARTSYS);
	KUNIT_EXPECT_GT(test, msleep_interruptible(10000), 0UL);
	kfs_task_clear_interrupt();
	KUNIT_EXPECT_FALSE(test, signal_pending(current));
}

/* ------------------------------------------------------------ bit waits */

static unsigned long bit_word;
static unsigned long bit_lock_word;
static unsigned long bit_counter;
static int var_value;

static int waiting_bit(struct kt *kt)
{
	int ret = wait_on_bit(&bit_word, 2, kt->val ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);

	return ret ? ret : (test_bit(2, &bit_word) ? -1 : 0);
}

static int bit_locking(struct kt *kt)
{
	int i;

	for (i = 0; i < 2000; i++) {
		wait_on_bit_lock(&bit_lock_word, 0, TASK_UNINTERRUPTIBLE);
		bit_counter++;
		clear_and_wake_up_bit(0, &bit_lock_word);
	}
	return 0;
}

static int waiting_var(struct kt *kt)
{
	wait_var_event(&var_value, READ_ONCE(var_value) == 3);
	return READ_ONCE(var_value);
}

static void bit_waits(struct kunit *test)
{
	struct kt kt, kts[3];
	int i;

	/* A clear bit: no wait. */
	KUNIT_EXPECT_EQ(test, wait_on_bit(&bit_word, 2, TASK_UNINTERRUPTIBLE), 0);

	set_bit(2, &bit_word);
	kt.val = 0;
	kt_start(&kt, waiting_bit, NULL);
	kt_wait_sleeping(kt.task);
	/* Other bits of the word, or other words, do not wake it. */
	wake_up_bit(&bit_word, 3);
	clear_and_wake_up_bit(2, &bit_word);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);

	/* Interruptible bit waits end with -EINTR. */
	set_bit(2, &bit_word);
	kt.val = 1;
	kt_start(&kt, waiting_bit, NULL);
	kt_wait_sleeping(kt.task);
	kfs_task_interrupt((struct kfs_task *)kt.task);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), -EINTR);
	/* A bit that stays set: -EAGAIN after the timeout. */
	KUNIT_EXPECT_EQ(test, wait_on_bit_timeout(&bit_word, 2, TASK_UNINTERRUPTIBLE, 2),
			-EAGAIN);
	clear_bit(2, &bit_word);

	/* Bit locks exclude each other. */
	bit_counter = 0;
	for (i = 0; i < 3; i++)
		kt_start(&kts[i], bit_locking, NULL);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, kt_join(&kts[i]), 0);
	KUNIT_EXPECT_EQ(test, bit_counter, 6000UL);
	KUNIT_EXPECT_EQ(test, bit_lock_word, 0UL);

	/* wait_var_event/wake_up_var. */
	kt_start(&kt, waiting_var, NULL);
	kt_wait_sleeping(kt.task);
	WRITE_ONCE(var_value, 2);
	smp_mb();
	wake_up_var(&var_value);
	WRITE_ONCE(var_value, 3);
	smp_mb();
	wake_up_var(&var_value);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 3);
}

/* ------------------------------------------------------ schedule_timeout */

static void schedule_timeouts(struct kunit *test)
{
	long left;

	KUNIT_EXPECT_EQ(test, schedule_timeout_uninterruptible(2), 0L);
	/* Woken before sleeping: returns at once with (almost) all left. */
	set_current_state(TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, wake_up_process(current), 1);
	left = schedule_timeout(LONG_TIMEOUT);
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_LE(test, left, (long)LONG_TIMEOUT);
	KUNIT_EXPECT_EQ(test, get_current_state(), (unsigned int)TASK_RUNNING);
	/* Running tasks are not woken. */
	KUNIT_EXPECT_EQ(test, wake_up_process(current), 0);
	/* A pending signal ends an interruptible sleep at once. */
	kfs_task_interrupt(kfs_task_self());
	KUNIT_EXPECT_GT(test, schedule_timeout_interruptible(LONG_TIMEOUT), 0L);
	kfs_task_clear_interrupt();
	msleep(1);
	usleep_range(10, 20);
	udelay(5);
}

/* ----------------------------------------------------------- kthreads */

static int never_runs(void *data)
{
	WRITE_ONCE(*(int *)data, 1);
	return 7;
}

struct park_state {
	int parks;
	atomic_t ticks;
};

static int parking(void *data)
{
	struct park_state *s = data;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			WRITE_ONCE(s->parks, s->parks + 1);
			kthread_parkme();
			continue;
		}
		atomic_inc(&s->ticks);
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !kthread_should_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 42;
}

static void kthreads(struct kunit *test)
{
	struct park_state s = { 0 };
	struct task_struct *k;
	int ran = 0, ticks;

	/* Stopped before its first wake-up: the function never runs. */
	k = kthread_create(never_runs, &ran, "kfs-never-%d", 1);
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_STREQ(test, k->comm, "kfs-never-1");
	KUNIT_EXPECT_TRUE(test, k->flags & PF_KTHREAD);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);
	KUNIT_EXPECT_EQ(test, ran, 0);

	k = kthread_run(parking, &s, "kfs-park");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	/* Let it reach its loop (a thread told to park before it starts
	 * parks before its function runs: that would not count here). */
	while (!atomic_read(&s.ticks))
		yield();
	KUNIT_EXPECT_EQ(test, kthread_park(k), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s.parks), 1);
	KUNIT_EXPECT_TRUE(test, __kthread_should_park(k));
	ticks = atomic_read(&s.ticks);
	/* A parked thread ignores ordinary wake-ups. */
	KUNIT_EXPECT_EQ(test, wake_up_process(k), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.ticks), ticks);
	kthread_unpark(k);
	KUNIT_EXPECT_FALSE(test, __kthread_should_park(k));
	/* Back in its loop (else a new park finds it still parked)... */
	while (atomic_read(&s.ticks) == ticks)
		yield();
	/* ...parking again works the same. */
	KUNIT_EXPECT_EQ(test, kthread_park(k), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s.parks), 2);
	/* Stopping unparks first; the function's result comes back. */
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
	KUNIT_EXPECT_FALSE(test, kthread_should_stop());
}

/* -------------------------------------------------------------- timers */

struct ttimer {
	struct timer_list t;
	int idx;
};

static int fired[8], nfired, fired_softirq;
static int hold_running, hold_release, hold_finished;
static unsigned long sleeps_before;

static void record_timer(struct timer_list *t)
{
	struct ttimer *tt = from_timer(tt, t, t);

	fired_softirq += in_softirq() && in_interrupt() && !in_task();
	fired[nfired] = tt->idx;
	smp_store_release(&nfired, nfired + 1);
	wake_up_var(&nfired);
}

static void holding_timer(struct timer_list *t)
{
	smp_store_release(&hold_running, 1);
	while (!smp_load_acquire(&hold_release))
		cpu_relax();
	smp_store_release(&hold_finished, 1);
}

static void sleeping_timer(struct timer_list *t)
{
	might_sleep();
	record_timer(t);
}

static int deleting_timer(struct kt *kt)
{
	smp_store_release(&kt->val, 1);
	timer_delete_sync(kt->arg);
	return smp_load_acquire(&hold_finished);
}

static void timers(struct kunit *test)
{
	static const unsigned long offs[5] = { 3, 1, 2, 1, 50 };
	struct ttimer tt[5];
	unsigned long j0 = jiffies;
	struct kt kt;
	int i;

	nfired = 0;
	fired_softirq = 0;
	for (i = 0; i < 5; i++) {
		timer_setup(&tt[i].t, record_timer, 0);
		tt[i].idx = i;
		tt[i].t.expires = j0 + offs[i];
		KUNIT_EXPECT_FALSE(test, timer_pending(&tt[i].t));
		add_timer(&tt[i].t);
		KUNIT_EXPECT_TRUE(test, timer_pending(&tt[i].t));
	}
	/* Re-arming a pending timer reports it was pending; deleting it too. */
	KUNIT_EXPECT_EQ(test, mod_timer(&tt[4].t, j0 + LONG_TIMEOUT), 1);
	KUNIT_EXPECT_EQ(test, del_timer(&tt[4].t), 1);
	KUNIT_EXPECT_EQ(test, del_timer(&tt[4].t), 0);
	wait_var_event(&nfired, smp_load_acquire(&nfired) == 4);
	/* Expiry order; equal expiries in arming order; softirq context. */
	KUNIT_EXPECT_EQ(test, fired[0], 1);
	KUNIT_EXPECT_EQ(test, fired[1], 3);
	KUNIT_EXPECT_EQ(test, fired[2], 2);
	KUNIT_EXPECT_EQ(test, fired[3], 0);
	KUNIT_EXPECT_EQ(test, fired_softirq, 4);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_FALSE(test, timer_pending(&tt[i].t));
	KUNIT_EXPECT_EQ(test, mod_timer(&tt[0].t, jiffies + LONG_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&tt[0].t), 1);

	/* del_timer_sync waits for the running function to return. */
	timer_setup(&tt[0].t, holding_timer, 0);
	tt[0].t.expires = jiffies;
	add_timer(&tt[0].t);
	kt_wait_flag(&hold_running);
	kt.val = 0;
	kt_start(&kt, deleting_timer, &tt[0].t);
	while (!smp_load_acquire(&kt.val))
		yield();
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&hold_finished), 0);
	smp_store_release(&hold_release, 1);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 1);

	/* Sleeping in a timer function is reported. */
	sleeps_before = kfs_might_sleep_count();
	nfired = 0;
	timer_setup(&tt[1].t, sleeping_timer, 0);
	mod_timer(&tt[1].t, jiffies);
	wait_var_event(&nfired, smp_load_acquire(&nfired) == 1);
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), sleeps_before + 1);
}

/* ---------------------------------------------------------- workqueues */

struct gate {
	int open;
	struct wait_queue_head wq;
	atomic_t running, max, done;
};

struct gated_item {
	struct work_struct w;
	struct gate *g;
	int idx;
	int *order;
	atomic_t *pos;
	struct work_struct *seen_current;
};

static void gate_init(struct gate *g)
{
	g->open = 0;
	init_waitqueue_head(&g->wq);
	atomic_set(&g->running, 0);
	atomic_set(&g->max, 0);
	atomic_set(&g->done, 0);
}

static void gate_open(struct gate *g)
{
	smp_store_release(&g->open, 1);
	wake_up_all(&g->wq);
}

static void gated(struct work_struct *w)
{
	struct gated_item *it = container_of(w, struct gated_item, w);
	struct gate *g = it->g;
	int r, m;

	/* Before counting as running: the test reads it once we do. */
	WRITE_ONCE(it->seen_current, current_work());
	r = atomic_inc_return(&g->running);
	m = atomic_read(&g->max);
	while (r > m && !atomic_try_cmpxchg(&g->max, &m, r))
		;
	if (it->order)
		it->order[atomic_inc_return(it->pos) - 1] = it->idx;
	wake_up_all(&g->wq);
	wait_event(g->wq, smp_load_acquire(&g->open));
	atomic_dec(&g->running);
	atomic_inc(&g->done);
	wake_up_all(&g->wq);
}

static void max_active_n(struct kunit *test, int n, bool ordered)
{
	struct workqueue_struct *wq;
	struct gated_item items[8];
	int order[8];
	atomic_t pos = ATOMIC_INIT(0);
	DEFINE_SPINLOCK(lock);
	struct gate g;
	int i, total = n + 2;

	gate_init(&g);
	wq = ordered ? alloc_ordered_workqueue("kfs-test-ord", 0) :
		       alloc_workqueue("kfs-test-%d", WQ_UNBOUND, n, n);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	/* Queued from atomic context: workers get created elsewhere. */
	spin_lock(&lock);
	for (i = 0; i < total; i++) {
		INIT_WORK(&items[i].w, gated);
		items[i].g = &g;
		items[i].idx = i;
		items[i].order = order;
		items[i].pos = &pos;
		KUNIT_EXPECT_TRUE(test, queue_work(wq, &items[i].w));
	}
	spin_unlock(&lock);
	/* n run at once... */
	wait_event(g.wq, atomic_read(&g.running) == n);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.done), 0);
	/* ...and the others wait: still pending. */
	for (i = 0; i < total; i++)
		if (READ_ONCE(items[i].seen_current) == NULL)
			KUNIT_EXPECT_TRUE(test, work_pending(&items[i].w));
	gate_open(&g);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.done), total);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.max), n);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.running), 0);
	for (i = 0; i < total; i++) {
		KUNIT_EXPECT_PTR_EQ(test, items[i].seen_current, &items[i].w);
		KUNIT_EXPECT_FALSE(test, work_pending(&items[i].w));
		if (ordered)
			KUNIT_EXPECT_EQ(test, order[i], i);
	}
	destroy_workqueue(wq);
}

static void workqueue_max_active(struct kunit *test)
{
	max_active_n(test, 1, false);
	max_active_n(test, 3, false);
	max_active_n(test, 6, false);
	max_active_n(test, 1, true);
}

struct counted {
	struct work_struct w;
	struct workqueue_struct *wq;
	atomic_t runs;
	int requeue;
};

static void counting_work(struct work_struct *w)
{
	struct counted *c = container_of(w, struct counted, w);

	atomic_inc(&c->runs);
	if (READ_ONCE(c->requeue))
		queue_work(c->wq, w);
}

static int flushing(struct kt *kt)
{
	struct counted *c = kt->arg;

	if (!flush_work(&c->w))
		return -1;
	return atomic_read(&c->runs);
}

static int cancelling(struct kt *kt)
{
	struct gated_item *it = kt->arg;
	bool was_pending = cancel_work_sync(&it->w);

	return was_pending ? -1 : atomic_read(&it->g->done);
}

static void workqueue_flush_cancel(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("kfs-test-fc", 0, 1);
	struct gated_item blocker = { .g = NULL };
	struct counted c = { .requeue = 0 }, idle;
	struct gate g;
	struct kt kt;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	gate_init(&g);
	INIT_WORK(&blocker.w, gated);
	blocker.g = &g;
	INIT_WORK(&c.w, counting_work);
	INIT_WORK(&idle.w, counting_work);
	c.wq = wq;
	atomic_set(&c.runs, 0);

	KUNIT_EXPECT_FALSE(test, flush_work(&idle.w));	/* never queued */
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &blocker.w));
	wait_event(g.wq, atomic_read(&g.running) == 1);

	/* Pending behind the blocker: queueing again is refused. */
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &c.w));
	KUNIT_EXPECT_FALSE(test, queue_work(wq, &c.w));
	KUNIT_EXPECT_TRUE(test, work_pending(&c.w));
	KUNIT_EXPECT_TRUE(test, work_busy(&c.w) & WORK_BUSY_PENDING);
	/* Cancelled while pending: it never runs. */
	KUNIT_EXPECT_TRUE(test, cancel_work_sync(&c.w));
	KUNIT_EXPECT_FALSE(test, work_pending(&c.w));
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(&c.w));

	/* flush_work waits for the queued instance to have run. */
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &c.w));
	kt_start(&kt, flushing, &c);
	kt_wait_sleeping(kt.task);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), 0);
	gate_open(&g);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 1);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), 1);

	/* cancel_work_sync of a running item waits for it to finish. */
	gate_init(&g);
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &blocker.w));
	wait_event(g.wq, atomic_read(&g.running) == 1);
	KUNIT_EXPECT_TRUE(test, work_busy(&blocker.w) & WORK_BUSY_RUNNING);
	kt_start(&kt, cancelling, &blocker);
	kt_wait_sleeping(kt.task);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.done), 0);
	gate_open(&g);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 1);

	/* An item that queues itself again stops for good when cancelled. */
	WRITE_ONCE(c.requeue, 1);
	queue_work(wq, &c.w);
	while (atomic_read(&c.runs) < 20)
		yield();
	cancel_work_sync(&c.w);
	{
		int runs = atomic_read(&c.runs);

		flush_workqueue(wq);
		KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), runs);
		KUNIT_EXPECT_FALSE(test, work_pending(&c.w));
	}
	WRITE_ONCE(c.requeue, 0);
	destroy_workqueue(wq);
}

struct dcounted {
	struct delayed_work dw;
	atomic_t runs;
	struct completion ran;
};

static void delayed_counting(struct work_struct *w)
{
	struct dcounted *d = container_of(to_delayed_work(w), struct dcounted, dw);

	atomic_inc(&d->runs);
	complete(&d->ran);
}

static void delayed_work(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("kfs-test-dw", 0, 0);
	struct dcounted d;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_DELAYED_WORK(&d.dw, delayed_counting);
	atomic_set(&d.runs, 0);
	init_completion(&d.ran);

	/* Fires once the delay has passed. */
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &d.dw, 1));
	wait_for_completion(&d.ran);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 1);

	/* Pending on its timer: cancel means it never runs. */
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &d.dw, LONG_TIMEOUT));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&d.dw));
	KUNIT_EXPECT_FALSE(test, queue_delayed_work(wq, &d.dw, 1));
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work_sync(&d.dw));
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&d.dw));
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work(&d.dw));

	/* flush_delayed_work runs a waiting item now and waits for it. */
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &d.dw, LONG_TIMEOUT));
	/* (It returns false if a worker was quick enough to finish first.) */
	flush_delayed_work(&d.dw);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 2);
	wait_for_completion(&d.ran);

	/* mod_delayed_work moves the deadline (to now). */
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &d.dw, LONG_TIMEOUT));
	KUNIT_EXPECT_TRUE(test, mod_delayed_work(wq, &d.dw, 0));
	wait_for_completion(&d.ran);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 3);

	/* The system workqueue. */
	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&d.dw, 0));
	wait_for_completion(&d.ran);
	flush_delayed_work(&d.dw);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 4);
	destroy_workqueue(wq);
}

/* ----------------------------------------------------------------- RCU */

struct rcu_reader {
	int in, release, done;
	int saw_done, finished, started;
};

static int rcu_reading(struct kt *kt)
{
	struct rcu_reader *r = kt->arg;

	rcu_read_lock();
	smp_store_release(&r->in, 1);
	/* Readers must not sleep: spin. */
	while (!smp_load_acquire(&r->release))
		cpu_relax();
	WRITE_ONCE(r->done, 1);
	rcu_read_unlock();
	return 0;
}

static int rcu_synchronizing(struct kt *kt)
{
	struct rcu_reader *r = kt->arg;

	smp_store_release(&r->started, 1);
	synchronize_rcu();
	WRITE_ONCE(r->saw_done, READ_ONCE(r->done));
	smp_store_release(&r->finished, 1);
	return 0;
}

static int cb_order[10], cb_count, cb_softirq;

struct cb_item {
	struct rcu_head rcu;
	int idx;
};

static void rcu_cb(struct rcu_head *head)
{
	struct cb_item *it = container_of(head, struct cb_item, rcu);

	cb_softirq += in_softirq() ? 1 : 0;
	cb_order[cb_count] = it->idx;
	WRITE_ONCE(cb_count, cb_count + 1);
}

struct rcu_obj {
	int x;
	struct list_head node;
	struct rcu_head rcu;
};

static void rcu_grace_periods(struct kunit *test)
{
	struct rcu_reader r = { 0 };
	struct cb_item items[10];
	struct kt reader, sync;
	struct rcu_obj *obj;
	LIST_HEAD(head);
	unsigned long state;
	int i, sum = 0;

	KUNIT_EXPECT_FALSE(test, rcu_read_lock_held());
	rcu_read_lock();
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_held());
	rcu_read_unlock();
	synchronize_rcu();

	/* synchronize_rcu() waits for a reader that was already inside. */
	kt_start(&reader, rcu_reading, &r);
	kt_wait_flag(&r.in);
	kt_start(&sync, rcu_synchronizing, &r);
	kt_wait_flag(&r.started);
	for (i = 0; i < 50; i++) {
		yield();
		KUNIT_EXPECT_EQ(test, smp_load_acquire(&r.finished), 0);
	}
	/* call_rcu() callbacks wait for it too. */
	cb_count = 0;
	cb_softirq = 0;
	for (i = 0; i < 10; i++) {
		items[i].idx = i;
		call_rcu(&items[i].rcu, rcu_cb);
	}
	for (i = 0; i < 50; i++) {
		yield();
		KUNIT_EXPECT_EQ(test, READ_ONCE(cb_count), 0);
	}
	smp_store_release(&r.release, 1);
	KUNIT_EXPECT_EQ(test, kt_join(&reader), 0);
	KUNIT_EXPECT_EQ(test, kt_join(&sync), 0);
	KUNIT_EXPECT_EQ(test, r.saw_done, 1);

	/* rcu_barrier(): all of them have run, in order, as softirqs. */
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, cb_count, 10);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, cb_order[i], i);
	KUNIT_EXPECT_EQ(test, cb_softirq, 10);

	state = get_state_synchronize_rcu();
	synchronize_rcu();
	KUNIT_EXPECT_TRUE(test, poll_state_synchronize_rcu(state));

	/* RCU lists and kfree_rcu. */
	for (i = 1; i <= 3; i++) {
		obj = kmalloc(sizeof(*obj), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj);
		obj->x = i;
		list_add_tail_rcu(&obj->node, &head);
	}
	rcu_read_lock();
	list_for_each_entry_rcu(obj, &head, node)
		sum = sum * 10 + obj->x;
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, sum, 123);
	while (!list_empty(&head)) {
		obj = list_first_entry(&head, struct rcu_obj, node);
		list_del_rcu(&obj->node);
		kfree_rcu(obj, rcu);
	}
	rcu_barrier();
}

static struct kunit_case sched_cases[] = {
	KUNIT_CASE(completions),
	KUNIT_CASE(wait_events),
	KUNIT_CASE(bit_waits),
	KUNIT_CASE(schedule_timeouts),
	KUNIT_CASE(kthreads),
	KUNIT_CASE(timers),
	KUNIT_CASE(workqueue_max_active),
	KUNIT_CASE(workqueue_flush_cancel),
	KUNIT_CASE(delayed_work),
	KUNIT_CASE(rcu_grace_periods),
	{}
};

static struct kunit_suite sched_suite = {
	.name = "kfs-sched",
	.test_cases = sched_cases,
};
kunit_test_suite(sched_suite);
