/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel threads: host threads that are tasks from birth.
 *
 * kthread_create() starts the thread but leaves it asleep until the first
 * wake_up_process() (kthread_run() does both); if kthread_stop() comes
 * first, threadfn never runs and kthread_stop() returns -EINTR.  Otherwise
 * kthread_stop() asks the thread to stop (kthread_should_stop() becomes
 * true, and the thread is woken), waits until threadfn returns, and returns
 * its result.  A thread that may exit on its own must not be stopped after
 * it has (the caller keeps a task reference and knows).  Parking:
 * kthread_park() waits until the thread sits in kthread_parkme(), which it
 * calls when kthread_should_park() is true; kthread_unpark() lets it go on.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>
#include <linux/numa.h>

struct completion;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...);

#define kthread_create(threadfn, data, namefmt, arg...)			\
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

__printf(4, 5)
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt, ...);

#define kthread_run(threadfn, data, namefmt, ...)			\
({									\
	struct task_struct *__k						\
		= kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k;								\
})

void free_kthread_struct(struct task_struct *k);
void kthread_bind(struct task_struct *k, unsigned int cpu);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool __kthread_should_park(struct task_struct *k);
bool kthread_should_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
void *kthread_func(struct task_struct *k);
void *kthread_data(struct task_struct *k);
void *kthread_probe_data(struct task_struct *k);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
bool kthread_is_per_cpu(struct task_struct *k);

/* Ends the calling kthread now, as if threadfn had returned result. */
void __noreturn kthread_exit(long result);
void __noreturn kthread_complete_and_exit(struct completion *comp, long code);

#endif /* _LINUX_KTHREAD_H */
