/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Workqueues (kernel/workqueue.c's role; Documentation/core-api/
 * workqueue.rst).  Each workqueue has a FIFO of pending items and its own
 * worker kthreads: one from the start, more (up to max_active) created by
 * the "kfs-wq-manager" thread when items wait while every worker is busy --
 * the manager runs in process context, so queueing works from atomic
 * context too.  A worker takes the first pending item that no other worker
 * of the queue is running (an item never runs concurrently with itself),
 * clears its PENDING bit and runs it.
 *
 * Every queueing gets a sequence number; flush_work() waits for the
 * instance with the number current at the call, flush_workqueue() for all
 * numbers up to it.  work->data holds PENDING and the workqueue last used,
 * as the kernel's holds PENDING and the last pool; whoever sets PENDING owns
 * the item until it is on a list or its delay timer is armed.
 */
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <asm/processor.h>
#include <kfs_host_alloc.h>
#include <kfs_host_thread.h>
#include "kfs_core.h"

struct kfs_worker {
	struct list_head node;		/* wq->workers */
	struct list_head idle_node;	/* wq->idle, while idle */
	struct task_struct *task;
	struct workqueue_struct *wq;
	struct work_struct *current_work;
	work_func_t current_func;
	u64 current_seq;
};

struct workqueue_struct {
	spinlock_t lock;
	struct list_head pending;
	struct list_head workers;
	struct list_head idle;
	int nr_workers;
	int nr_spawning;		/* a worker asked of the manager (0 or 1) */
	int max_active;
	unsigned int flags;
	u64 seq;			/* last queueing number given */
	bool dying;
	struct list_head manager_node;	/* on kfs_wq_manager_list */
	struct wait_queue_head flush_wq;	/* woken as items finish */
	char name[32];
};

struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;
struct workqueue_struct *system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq;
struct workqueue_struct *system_freezable_power_efficient_wq;

static DEFINE_SPINLOCK(kfs_wq_manager_lock);
static LIST_HEAD(kfs_wq_manager_list);
static DECLARE_WAIT_QUEUE_HEAD(kfs_wq_manager_wq);	/* spawns finished */
static struct task_struct *kfs_wq_manager;

static struct workqueue_struct *kfs_work_wq(struct work_struct *work)
{
	return (void *)(atomic_long_read(&work->data) & WORK_STRUCT_WQ_DATA_MASK);
}

/* Sets PENDING and the workqueue; false if the item was pending already. */
static bool kfs_work_grab_pending(struct work_struct *work, struct workqueue_struct *wq)
{
	long old = atomic_long_read(&work->data);

	do {
		if (old & WORK_STRUCT_PENDING)
			return false;
	} while (!atomic_long_try_cmpxchg(&work->data, &old,
					  (long)wq | WORK_STRUCT_PENDING));
	return true;
}

/* With wq->lock held. */
static struct kfs_worker *kfs_wq_running(struct workqueue_struct *wq, struct work_struct *work)
{
	struct kfs_worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work == work)
			return w;
	return NULL;
}

/* With wq->lock held: makes sure someone will take the pending items. */
static void kfs_wq_kick(struct workqueue_struct *wq)
{
	struct kfs_worker *w;

	if (list_empty(&wq->pending))
		return;
	if (!list_empty(&wq->idle)) {
		w = list_first_entry(&wq->idle, struct kfs_worker, idle_node);
		list_del_init(&w->idle_node);
		wake_up_process(w->task);
		return;
	}
	/* One request at a time; the manager asks again after each worker. */
	if (wq->dying || wq->nr_spawning || wq->nr_workers >= wq->max_active)
		return;
	wq->nr_spawning++;
	spin_lock(&kfs_wq_manager_lock);
	if (list_empty(&wq->manager_node))
		list_add_tail(&wq->manager_node, &kfs_wq_manager_list);
	spin_unlock(&kfs_wq_manager_lock);
	if (kfs_wq_manager)
		wake_up_process(kfs_wq_manager);
}

static bool kfs_is_chained(struct workqueue_struct *wq)
{
	struct kfs_worker *w = current->kfs_worker;

	return w && w->wq == wq;
}

/* The caller owns PENDING. */
static void __kfs_queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (unlikely((wq->flags & __WQ_DRAINING) || wq->dying) && !kfs_is_chained(wq)) {
		spin_unlock_irqrestore(&wq->lock, flags);
		WARN_ONCE(1, "workqueue %s: queueing %ps while it is being drained or destroyed\n",
			  wq->name, work->func);
		atomic_long_set(&work->data, (long)wq);
		return;
	}
	atomic_long_set(&work->data, (long)wq | WORK_STRUCT_PENDING);
	work->kfs_seq = ++wq->seq;
	list_add_tail(&work->entry, &wq->pending);
	kfs_wq_kick(wq);
	spin_unlock_irqrestore(&wq->lock, flags);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	if (!kfs_work_grab_pending(work, wq))
		return false;
	__kfs_queue_work(wq, work);
	return true;
}

bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	__kfs_queue_work(dwork->wq, &dwork->work);
}

/* The caller owns PENDING. */
static void __kfs_queue_delayed_work(int cpu, struct workqueue_struct *wq,
				     struct delayed_work *dwork, unsigned long delay)
{
	WARN_ON_ONCE(timer_pending(&dwork->timer));
	WARN_ON_ONCE(dwork->timer.function != delayed_work_timer_fn);
	dwork->wq = wq;
	dwork->cpu = cpu;
	atomic_long_set(&dwork->work.data, (long)wq | WORK_STRUCT_PENDING);
	if (!delay) {
		__kfs_queue_work(wq, &dwork->work);
		return;
	}
	dwork->timer.expires = jiffies + delay;
	add_timer(&dwork->timer);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	if (!kfs_work_grab_pending(&dwork->work, wq))
		return false;
	__kfs_queue_delayed_work(cpu, wq, dwork, delay);
	return true;
}

/*
 * Takes PENDING for the caller, from an idle item, a queued one (removed
 * from its list) or one whose delay timer was armed (timer deleted).
 * Returns 1 if it was queued or armed, 0 if idle, -EAGAIN if a queuer or
 * the timer is half-way and the caller should retry.
 */
static int kfs_try_grab_pending(struct work_struct *work, bool is_dwork)
{
	struct workqueue_struct *wq;
	unsigned long flags;

	if (is_dwork && timer_delete(&to_delayed_work(work)->timer))
		return 1;
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return 0;
	wq = kfs_work_wq(work);
	if (wq) {
		spin_lock_irqsave(&wq->lock, flags);
		if (kfs_work_wq(work) == wq && !list_empty(&work->entry)) {
			list_del_init(&work->entry);
			spin_unlock_irqrestore(&wq->lock, flags);
			return 1;
		}
		spin_unlock_irqrestore(&wq->lock, flags);
	}
	return -EAGAIN;
}

static int kfs_grab_pending(struct work_struct *work, bool is_dwork)
{
	int ret, spins = 0;

	while ((ret = kfs_try_grab_pending(work, is_dwork)) == -EAGAIN) {
		if (++spins < 100)
			cpu_relax();
		else
			kfs_hthread_yield();
	}
	return ret;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	int ret = kfs_grab_pending(&dwork->work, true);

	__kfs_queue_delayed_work(cpu, wq, dwork, delay);
	return ret;
}

static void rcu_work_rcufn(struct rcu_head *rcu)
{
	struct rcu_work *rwork = container_of(rcu, struct rcu_work, rcu);

	__kfs_queue_work(rwork->wq, &rwork->work);
}

bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork)
{
	if (!kfs_work_grab_pending(&rwork->work, wq))
		return false;
	rwork->wq = wq;
	call_rcu(&rwork->rcu, rcu_work_rcufn);
	return true;
}

/* ------------------------------------------------------------- workers */

static int kfs_worker_thread(void *arg)
{
	struct kfs_worker *self = arg;
	struct workqueue_struct *wq = self->wq;
	struct work_struct *work, *pos;

	current->flags |= PF_WQ_WORKER;
	current->kfs_worker = self;
	spin_lock_irq(&wq->lock);
	for (;;) {
		int count, rcu, locks;

		work = NULL;
		list_for_each_entry(pos, &wq->pending, entry) {
			if (!kfs_wq_running(wq, pos)) {
				work = pos;
				break;
			}
		}
		if (!work) {
			if (kthread_should_stop())
				break;
			list_add(&self->idle_node, &wq->idle);
			set_current_state(TASK_IDLE);
			spin_unlock_irq(&wq->lock);
			schedule();
			spin_lock_irq(&wq->lock);
			list_del_init(&self->idle_node);
			continue;
		}
		list_del_init(&work->entry);
		self->current_work = work;
		self->current_func = work->func;
		self->current_seq = work->kfs_seq;
		/* From here the item may be queued again (it then waits for us). */
		atomic_long_set(&work->data, (long)wq);
		kfs_wq_kick(wq);
		spin_unlock_irq(&wq->lock);
		smp_mb();

		count = preempt_count();
		rcu = kfs_rcu_depth;
		locks = lockdep_depth(current);
		self->current_func(work);

		if (preempt_count() != count || kfs_rcu_depth != rcu ||
		    lockdep_depth(current) != locks) {
			pr_err("BUG: workqueue leaked lock or atomic: %s/%d\n"
			       "     preempt_count %x, RCU depth %d, %d locks held, last function: %ps\n",
			       current->comm, current->pid, preempt_count(), kfs_rcu_depth,
			       lockdep_depth(current), self->current_func);
			dump_stack();
		}
		spin_lock_irq(&wq->lock);
		self->current_work = NULL;
		self->current_func = NULL;
		self->current_seq = 0;
		if (waitqueue_active(&wq->flush_wq))
			wake_up_all(&wq->flush_wq);
	}
	spin_unlock_irq(&wq->lock);
	return 0;
}

/* In process context.  The worker starts at once. */
static int kfs_wq_add_worker(struct workqueue_struct *wq)
{
	struct kfs_worker *w = kfs_host_alloc(sizeof(*w), 0);
	struct task_struct *t;

	if (!w)
		return -ENOMEM;
	memset(w, 0, sizeof(*w));
	INIT_LIST_HEAD(&w->node);
	INIT_LIST_HEAD(&w->idle_node);
	w->wq = wq;
	t = kthread_create(kfs_worker_thread, w, "kworker/%s", wq->name);
	if (IS_ERR(t)) {
		kfs_host_free(w);
		return PTR_ERR(t);
	}
	w->task = t;
	spin_lock_irq(&wq->lock);
	list_add_tail(&w->node, &wq->workers);
	wq->nr_workers++;
	spin_unlock_irq(&wq->lock);
	wake_up_process(t);
	return 0;
}

static int kfs_wq_manager_thread(void *unused)
{
	struct workqueue_struct *wq;

	for (;;) {
		spin_lock_irq(&kfs_wq_manager_lock);
		wq = list_first_entry_or_null(&kfs_wq_manager_list, struct workqueue_struct,
					      manager_node);
		if (!wq) {
			set_current_state(TASK_IDLE);
			spin_unlock_irq(&kfs_wq_manager_lock);
			if (kthread_should_stop()) {
				__set_current_state(TASK_RUNNING);
				break;
			}
			schedule();
			continue;
		}
		list_del_init(&wq->manager_node);
		spin_unlock_irq(&kfs_wq_manager_lock);

		/* One worker per request; a failure is retried at the next kick. */
		if (!READ_ONCE(wq->dying))
			kfs_wq_add_worker(wq);
		spin_lock_irq(&wq->lock);
		wq->nr_spawning--;
		kfs_wq_kick(wq);
		spin_unlock_irq(&wq->lock);
		wake_up_all(&kfs_wq_manager_wq);
	}
	return 0;
}

/* ------------------------------------------------------------- creation */

static int kfs_wq_clamp(struct workqueue_struct *wq, int max_active)
{
	if (wq->flags & __WQ_ORDERED)
		return 1;
	if (max_active <= 0)
		max_active = WQ_DFL_ACTIVE;
	return clamp_val(max_active, 1, WQ_MAX_ACTIVE);
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list args;

	might_sleep();
	wq = kfs_host_alloc(sizeof(*wq), 0);
	if (!wq)
		return NULL;
	memset(wq, 0, sizeof(*wq));
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	wq->flags = flags;
	wq->max_active = kfs_wq_clamp(wq, max_active);
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->pending);
	INIT_LIST_HEAD(&wq->workers);
	INIT_LIST_HEAD(&wq->idle);
	INIT_LIST_HEAD(&wq->manager_node);
	init_waitqueue_head(&wq->flush_wq);
	/* The first worker guarantees progress (WQ_MEM_RECLAIM's promise). */
	if (kfs_wq_add_worker(wq)) {
		kfs_host_free(wq);
		return NULL;
	}
	return wq;
}

void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	spin_lock_irq(&wq->lock);
	wq->max_active = kfs_wq_clamp(wq, max_active);
	kfs_wq_kick(wq);
	spin_unlock_irq(&wq->lock);
}

/* -------------------------------------------------------------- flushing */

/* Whether any queueing numbered in [1, upto] is pending or running. */
static bool kfs_wq_busy_upto(struct workqueue_struct *wq, u64 from, u64 upto)
{
	struct work_struct *work;
	struct kfs_worker *w;
	bool busy = false;

	spin_lock_irq(&wq->lock);
	list_for_each_entry(work, &wq->pending, entry) {
		if (work->kfs_seq >= from && work->kfs_seq <= upto) {
			busy = true;
			break;
		}
	}
	list_for_each_entry(w, &wq->workers, node) {
		if (w->current_seq && w->current_seq >= from && w->current_seq <= upto) {
			busy = true;
			break;
		}
	}
	spin_unlock_irq(&wq->lock);
	return busy;
}

void __flush_workqueue(struct workqueue_struct *wq)
{
	u64 upto;

	might_sleep();
	spin_lock_irq(&wq->lock);
	upto = wq->seq;
	spin_unlock_irq(&wq->lock);
	wait_event(wq->flush_wq, !kfs_wq_busy_upto(wq, 1, upto));
}

void drain_workqueue(struct workqueue_struct *wq)
{
	bool idle;

	spin_lock_irq(&wq->lock);
	wq->flags |= __WQ_DRAINING;
	spin_unlock_irq(&wq->lock);
	/* Items may queue more (chained): flush until nothing is left. */
	do {
		struct kfs_worker *w;

		__flush_workqueue(wq);
		spin_lock_irq(&wq->lock);
		idle = list_empty(&wq->pending);
		list_for_each_entry(w, &wq->workers, node)
			if (w->current_work)
				idle = false;
		spin_unlock_irq(&wq->lock);
	} while (!idle);
	spin_lock_irq(&wq->lock);
	wq->flags &= ~__WQ_DRAINING;
	spin_unlock_irq(&wq->lock);
}

static bool kfs_wq_spawns_done(struct workqueue_struct *wq)
{
	bool done;

	spin_lock_irq(&wq->lock);
	done = wq->nr_spawning == 0;
	spin_unlock_irq(&wq->lock);
	return done;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	struct kfs_worker *w, *next;

	drain_workqueue(wq);
	/* Lock order, as in kfs_wq_kick(): wq->lock, then the manager's. */
	spin_lock_irq(&wq->lock);
	WRITE_ONCE(wq->dying, true);
	spin_lock(&kfs_wq_manager_lock);
	if (!list_empty(&wq->manager_node)) {
		list_del_init(&wq->manager_node);
		wq->nr_spawning--;
	}
	spin_unlock(&kfs_wq_manager_lock);
	spin_unlock_irq(&wq->lock);
	wait_event(kfs_wq_manager_wq, kfs_wq_spawns_done(wq));
	/* No one adds workers any more: the list is ours. */
	list_for_each_entry_safe(w, next, &wq->workers, node) {
		kthread_stop(w->task);
		list_del(&w->node);
		kfs_host_free(w);
	}
	kfs_host_free(wq);
}

bool flush_work(struct work_struct *work)
{
	struct workqueue_struct *wq = kfs_work_wq(work);
	struct kfs_worker *w;
	u64 seq = 0;

	might_sleep();
	if (!wq)
		return false;
	spin_lock_irq(&wq->lock);
	if (kfs_work_wq(work) == wq) {
		if (!list_empty(&work->entry))
			seq = work->kfs_seq;
		else if ((w = kfs_wq_running(wq, work)))
			seq = w->current_seq;
	}
	spin_unlock_irq(&wq->lock);
	if (!seq)
		return false;
	wait_event(wq->flush_wq, !kfs_wq_busy_upto(wq, seq, seq));
	return true;
}

static bool kfs_work_running(struct workqueue_struct *wq, struct work_struct *work)
{
	bool running;

	spin_lock_irq(&wq->lock);
	running = kfs_wq_running(wq, work) != NULL;
	spin_unlock_irq(&wq->lock);
	return running;
}

static bool kfs_cancel_work(struct work_struct *work, bool is_dwork, bool sync)
{
	struct workqueue_struct *wq;
	int ret;

	if (sync)
		might_sleep();
	/* Owning PENDING keeps anyone (the item itself too) from queueing it. */
	ret = kfs_grab_pending(work, is_dwork);
	wq = kfs_work_wq(work);
	if (sync && wq)
		wait_event(wq->flush_wq, !kfs_work_running(wq, work));
	atomic_long_set(&work->data, (long)wq);
	return ret;
}

bool cancel_work(struct work_struct *work)
{
	return kfs_cancel_work(work, false, false);
}

bool cancel_work_sync(struct work_struct *work)
{
	return kfs_cancel_work(work, false, true);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return kfs_cancel_work(&dwork->work, true, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return kfs_cancel_work(&dwork->work, true, true);
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	/* A pending delay ends now: queue the item for immediate execution. */
	if (timer_delete_sync(&dwork->timer))
		__kfs_queue_work(dwork->wq, &dwork->work);
	return flush_work(&dwork->work);
}

bool flush_rcu_work(struct rcu_work *rwork)
{
	if (test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&rwork->work))) {
		rcu_barrier();
		flush_work(&rwork->work);
		return true;
	}
	return flush_work(&rwork->work);
}

/* ------------------------------------------------------------- queries */

struct work_struct *current_work(void)
{
	struct kfs_worker *w = current->kfs_worker;

	return w ? w->current_work : NULL;
}

bool current_is_workqueue_rescuer(void)
{
	return false;
}

bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	bool ret;

	spin_lock_irq(&wq->lock);
	ret = !list_empty(&wq->pending) && list_empty(&wq->idle);
	spin_unlock_irq(&wq->lock);
	return ret;
}

unsigned int work_busy(struct work_struct *work)
{
	struct workqueue_struct *wq = kfs_work_wq(work);
	unsigned int ret = 0;

	if (work_pending(work))
		ret |= WORK_BUSY_PENDING;
	if (wq && kfs_work_running(wq, work))
		ret |= WORK_BUSY_RUNNING;
	return ret;
}

int kfs_workqueue_init(void)
{
	struct task_struct *t = kthread_create(kfs_wq_manager_thread, NULL, "kfs-wq-manager");

	if (IS_ERR(t))
		return PTR_ERR(t);
	spin_lock_irq(&kfs_wq_manager_lock);
	kfs_wq_manager = t;
	spin_unlock_irq(&kfs_wq_manager_lock);
	wake_up_process(t);

	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_UNBOUND_MAX_ACTIVE);
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	/* Without wq_power_efficient these are the plain ones (as in the kernel). */
	system_power_efficient_wq = system_wq;
	system_freezable_power_efficient_wq = system_freezable_wq;
	if (!system_wq || !system_highpri_wq || !system_long_wq || !system_unbound_wq ||
	    !system_freezable_wq)
		return -ENOMEM;
	return 0;
}
