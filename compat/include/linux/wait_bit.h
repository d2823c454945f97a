/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Waiting for a bit of a word to clear (page and buffer locks, inode state
 * bits) and for any variable to change (wait_var_event), on a shared table
 * of hashed wait queues: the waited-on objects carry no queue of their own.
 * Each waiter's entry carries its key (word and bit, or the variable and
 * bit -1), and a wake-up runs only the entries whose key matches -- for a
 * bit, only once the bit really is clear.
 *
 * The waker clears the bit (or changes the variable), issues a full barrier
 * (smp_mb__after_atomic() after clear_bit), then calls wake_up_bit() or
 * wake_up_var(); clear_and_wake_up_bit() does all three.
 */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H

#include <linux/wait.h>
#include <linux/bitops.h>
#include <linux/jiffies.h>

struct wait_bit_key {
	void *flags;
	int bit_nr;
	unsigned long timeout;
};

struct wait_bit_queue_entry {
	struct wait_bit_key key;
	struct wait_queue_entry wq_entry;
};

#define __WAIT_BIT_KEY_INITIALIZER(word, bit)	{ .flags = (word), .bit_nr = (bit), }

typedef int wait_bit_action_f(struct wait_bit_key *key, int mode);

void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit);
int __wait_on_bit(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		  wait_bit_action_f *action, unsigned int mode);
int __wait_on_bit_lock(struct wait_queue_head *wq_head,
		       struct wait_bit_queue_entry *wbq_entry,
		       wait_bit_action_f *action, unsigned int mode);
void wake_up_bit(void *word, int bit);
int out_of_line_wait_on_bit(void *word, int bit, wait_bit_action_f *action, unsigned int mode);
int out_of_line_wait_on_bit_timeout(void *word, int bit, wait_bit_action_f *action,
				    unsigned int mode, unsigned long timeout);
int out_of_line_wait_on_bit_lock(void *word, int bit, wait_bit_action_f *action,
				 unsigned int mode);
struct wait_queue_head *bit_waitqueue(void *word, int bit);
int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *key);

#define DEFINE_WAIT_BIT(name, word, bit)				\
	struct wait_bit_queue_entry name = {				\
		.key = __WAIT_BIT_KEY_INITIALIZER(word, bit),		\
		.wq_entry = {						\
			.private = current,				\
			.func = wake_bit_function,			\
			.entry = LIST_HEAD_INIT((name).wq_entry.entry),	\
		},							\
	}

/* Actions: sleep once; 0 to look at the bit again, or an error to give up. */
int bit_wait(struct wait_bit_key *key, int mode);
int bit_wait_io(struct wait_bit_key *key, int mode);
int bit_wait_timeout(struct wait_bit_key *key, int mode);
int bit_wait_io_timeout(struct wait_bit_key *key, int mode);

/* Waits until bit is clear; 0, or -EINTR for a signal in an interruptible mode. */
static inline int wait_on_bit(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, bit_wait, mode);
}

static inline int wait_on_bit_io(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, bit_wait_io, mode);
}

/* As wait_on_bit(), or -EAGAIN once timeout jiffies have passed. */
static inline int wait_on_bit_timeout(unsigned long *word, int bit, unsigned int mode,
				      unsigned long timeout)
{
	might_sleep();
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit_timeout(word, bit, bit_wait_timeout, mode, timeout);
}

static inline int wait_on_bit_action(unsigned long *word, int bit,
				     wait_bit_action_f *action, unsigned int mode)
{
	might_sleep();
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, action, mode);
}

/* Waits for the bit to clear and sets it, as a lock; 0 once it is ours. */
static inline int wait_on_bit_lock(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, bit_wait, mode);
}

static inline int wait_on_bit_lock_io(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, bit_wait_io, mode);
}

static inline int wait_on_bit_lock_action(unsigned long *word, int bit,
					  wait_bit_action_f *action, unsigned int mode)
{
	might_sleep();
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, action, mode);
}

static inline void clear_and_wake_up_bit(int bit, void *word)
{
	clear_bit_unlock(bit, word);
	smp_mb__after_atomic();
	wake_up_bit(word, bit);
}

/* ------------------------------------------------------------- variables */

void init_wait_var_entry(struct wait_bit_queue_entry *wbq_entry, void *var, int flags);
void wake_up_var(void *var);
struct wait_queue_head *__var_waitqueue(void *p);

#define __kfs_wait_var_event(var, cond, state, tmo, sleep)		\
({									\
	struct wait_bit_queue_entry __kfs_wbq;				\
									\
	init_wait_var_entry(&__kfs_wbq, (void *)(var), 0);		\
	__kfs_wait_loop(__var_waitqueue((void *)(var)), &__kfs_wbq.wq_entry, \
			cond, state, tmo, , sleep, );			\
})

#define wait_var_event(var, cond)					\
	do {								\
		might_sleep();						\
		if (!(cond))						\
			(void)__kfs_wait_var_event(var, cond, TASK_UNINTERRUPTIBLE, \
						   MAX_SCHEDULE_TIMEOUT,	\
						   schedule_timeout(__kfs_left)); \
	} while (0)

#define __kfs_wait_var_event_state(var, cond, state)			\
({									\
	long __kfs_r = 0;						\
	might_sleep();							\
	if (!(cond)) {							\
		__kfs_r = __kfs_wait_var_event(var, cond, state,	\
					       MAX_SCHEDULE_TIMEOUT,	\
					       schedule_timeout(__kfs_left)); \
		if (__kfs_r > 0)					\
			__kfs_r = 0;					\
	}								\
	(int)__kfs_r;							\
})

#define wait_var_event_killable(var, cond)				\
	__kfs_wait_var_event_state(var, cond, TASK_KILLABLE)
#define wait_var_event_interruptible(var, cond)			\
	__kfs_wait_var_event_state(var, cond, TASK_INTERRUPTIBLE)

#define wait_var_event_timeout(var, cond, timeout)			\
({									\
	long __kfs_t = (timeout);					\
	might_sleep();							\
	if (cond)							\
		__kfs_t = __kfs_t ? __kfs_t : 1;			\
	else								\
		__kfs_t = __kfs_wait_var_event(var, cond, TASK_UNINTERRUPTIBLE, \
					       __kfs_t, schedule_timeout(__kfs_left)); \
	__kfs_t;							\
})

static inline bool atomic_dec_and_wake_up(atomic_t *var)
{
	if (!atomic_dec_and_test(var))
		return false;
	wake_up_var(var);
	return true;
}

#define store_release_wake_up(var, val)					\
	do {								\
		smp_store_release((var), (val));			\
		smp_mb();						\
		wake_up_var(var);					\
	} while (0)

#endif /* _LINUX_WAIT_BIT_H */
