/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Completions (Documentation/scheduler/completion.rst): a count of
 * "done" events and a queue of tasks waiting for one.  complete() adds one
 * event and wakes one waiter, complete_all() makes every present and future
 * wait succeed until reinit_completion().  Each successful wait consumes
 * one event (none after complete_all()).
 */
#ifndef __LINUX_COMPLETION_H
#define __LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;		/* UINT_MAX after complete_all() */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work)					\
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define COMPLETION_INITIALIZER_ONSTACK(work)	(*({ init_completion(&work); &work; }))
#define DECLARE_COMPLETION(work)	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work)	DECLARE_COMPLETION(work)
#define DECLARE_COMPLETION_ONSTACK_MAP(work, map)	DECLARE_COMPLETION(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	WRITE_ONCE(x->done, 0);
}

void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
int __must_check wait_for_completion_interruptible(struct completion *x);
int __must_check wait_for_completion_killable(struct completion *x);
int __must_check wait_for_completion_state(struct completion *x, unsigned int state);
/* 0 on timeout, else the jiffies left (at least 1). */
unsigned long __must_check wait_for_completion_timeout(struct completion *x,
						       unsigned long timeout);
unsigned long __must_check wait_for_completion_io_timeout(struct completion *x,
							  unsigned long timeout);
/* -ERESTARTSYS on a signal, 0 on timeout, else the jiffies left. */
long __must_check wait_for_completion_interruptible_timeout(struct completion *x,
							    unsigned long timeout);
long __must_check wait_for_completion_killable_timeout(struct completion *x,
						       unsigned long timeout);
/* Consumes an event if one is there, without waiting. */
bool try_wait_for_completion(struct completion *x);
/* Whether an event is there, so that a wait would not block. */
bool completion_done(struct completion *x);

void complete(struct completion *x);
void complete_all(struct completion *x);

#endif /* __LINUX_COMPLETION_H */
