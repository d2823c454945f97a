/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel threads (kernel/kthread.c's role): a host thread per kthread,
 * whose task is created before the thread runs and sleeps until the first
 * wake-up.  See <linux/kthread.h> for the contract.
 */
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched/signal.h>
#include <linux/cpumask.h>
#include <kfs_host_thread.h>
#include <kfs_host_alloc.h>
#include "kfs_core.h"

enum {
	KTHREAD_SHOULD_STOP,
	KTHREAD_SHOULD_PARK,
};

struct kthread {
	unsigned long flags;
	int (*threadfn)(void *data);
	void *data;
	int result;
	struct completion parked;
	struct completion exited;
	struct kfs_hthread *host;
	struct task_struct *task;
};

static struct kthread *to_kthread(struct task_struct *k)
{
	/* Other tasks' flags are read racily, as in the kernel. */
	WARN_ON(!(READ_ONCE(k->flags) & PF_KTHREAD));
	return k->kfs_kthread;
}

static void kfs_kthread_finish(struct kthread *self, long result)
{
	self->result = result;
	WRITE_ONCE(current->flags, current->flags | PF_EXITING);
	/* kthread_stop() may return now; it joins this thread before freeing. */
	complete(&self->exited);
	kfs_task_detach();
}

static void __kthread_parkme(struct kthread *self)
{
	for (;;) {
		/* Only kthread_unpark() wakes TASK_PARKED. */
		set_special_state(TASK_PARKED);
		if (!test_bit(KTHREAD_SHOULD_PARK, &self->flags))
			break;
		/*
		 * Every time round: an unpark quickly followed by another park
		 * (which re-arms the completion) may find us still in here.
		 */
		complete(&self->parked);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static void kfs_kthread_main(void *arg)
{
	struct kthread *self = arg;
	int ret = -EINTR;

	kfs_task_attach(self->task);
	/* Created TASK_UNINTERRUPTIBLE: sleep until the first wake_up_process(). */
	schedule();
	if (!test_bit(KTHREAD_SHOULD_STOP, &self->flags)) {
		__kthread_parkme(self);
		ret = self->threadfn(self->data);
	}
	kfs_kthread_finish(self, ret);
}

static struct task_struct *kfs_kthread_create(int (*threadfn)(void *data), void *data,
					      const char *namefmt, va_list args)
{
	struct kthread *self;
	struct task_struct *t;
	char name[TASK_COMM_LEN];
	int err;

	might_sleep();
	vsnprintf(name, sizeof(name), namefmt, args);
	self = kfs_host_alloc(sizeof(*self), 0);
	if (!self)
		return ERR_PTR(-ENOMEM);
	memset(self, 0, sizeof(*self));
	t = kfs_task_alloc(name, PF_KTHREAD | PF_NOFREEZE);
	if (!t) {
		kfs_host_free(self);
		return ERR_PTR(-ENOMEM);
	}
	self->threadfn = threadfn;
	self->data = data;
	self->task = t;
	init_completion(&self->parked);
	init_completion(&self->exited);
	t->kfs_kthread = self;
	t->__state = TASK_UNINTERRUPTIBLE;
	/* One reference for the thread itself, one for kthread_stop(). */
	refcount_set(&t->usage, 2);
	err = kfs_hthread_create(&self->host, kfs_kthread_main, self, name);
	if (err) {
		refcount_set(&t->usage, 1);
		t->kfs_kthread = NULL;
		put_task_struct(t);
		kfs_host_free(self);
		return ERR_PTR(err);
	}
	return t;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...)
{
	struct task_struct *t;
	va_list args;

	va_start(args, namefmt);
	t = kfs_kthread_create(threadfn, data, namefmt, args);
	va_end(args);
	return t;
}

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt, ...)
{
	struct task_struct *t;
	va_list args;

	va_start(args, namefmt);
	t = kfs_kthread_create(threadfn, data, namefmt, args);
	va_end(args);
	if (!IS_ERR(t))
		t->cpu = cpu % nr_cpu_ids;
	return t;
}

void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	/* Not started yet: its fake CPU can still change. */
	k->cpu = cpu % nr_cpu_ids;
}

bool kthread_is_per_cpu(struct task_struct *k)
{
	return false;
}

void free_kthread_struct(struct task_struct *k)
{
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);
	int ret;

	if (WARN(!self, "kthread_stop of %s, stopped already or not a kthread\n", k->comm))
		return -EINVAL;
	if (WARN(k == current, "kthread_stop of itself by %s\n", k->comm))
		return -EDEADLK;
	set_bit(KTHREAD_SHOULD_STOP, &self->flags);
	kthread_unpark(k);
	wake_up_process(k);
	wait_for_completion(&self->exited);
	ret = self->result;
	kfs_hthread_join(self->host);
	k->kfs_kthread = NULL;
	kfs_host_free(self);
	put_task_struct(k);
	return ret;
}

bool kthread_should_stop(void)
{
	struct kthread *self = current->kfs_kthread;

	return self && test_bit(KTHREAD_SHOULD_STOP, &self->flags);
}

bool __kthread_should_park(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);

	return self && test_bit(KTHREAD_SHOULD_PARK, &self->flags);
}

bool kthread_should_park(void)
{
	return current->kfs_kthread && __kthread_should_park(current);
}

bool kthread_freezable_should_stop(bool *was_frozen)
{
	if (was_frozen)
		*was_frozen = false;
	return kthread_should_stop();
}

void *kthread_func(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);

	return self ? (void *)self->threadfn : NULL;
}

void *kthread_data(struct task_struct *k)
{
	return to_kthread(k)->data;
}

void *kthread_probe_data(struct task_struct *k)
{
	struct kthread *self = (READ_ONCE(k->flags) & PF_KTHREAD) ? k->kfs_kthread : NULL;

	return self ? self->data : NULL;
}

int kthread_park(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);

	if (WARN_ON(READ_ONCE(k->flags) & PF_EXITING))
		return -ENOSYS;
	if (WARN_ON_ONCE(test_bit(KTHREAD_SHOULD_PARK, &self->flags)))
		return -EBUSY;
	reinit_completion(&self->parked);
	set_bit(KTHREAD_SHOULD_PARK, &self->flags);
	if (k != current) {
		wake_up_process(k);
		/* Returns once the thread sits in kthread_parkme(). */
		wait_for_completion(&self->parked);
	}
	return 0;
}

void kthread_unpark(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);

	if (!test_bit(KTHREAD_SHOULD_PARK, &self->flags))
		return;
	clear_bit(KTHREAD_SHOULD_PARK, &self->flags);
	wake_up_state(k, TASK_PARKED);
}

void kthread_parkme(void)
{
	__kthread_parkme(to_kthread(current));
}

void kthread_exit(long result)
{
	struct kthread *self = to_kthread(current);

	kfs_kthread_finish(self, result);
	kfs_hthread_exit();
}

void kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}
