/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wait queues, bit and variable waits, completions (the roles of
 * kernel/sched/wait.c, wait_bit.c and completion.c).  Semantics are those
 * of <linux/wait.h>, <linux/wait_bit.h> and <linux/completion.h>.
 */
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <linux/completion.h>
#include <linux/sched/signal.h>
#include <linux/hash.h>
#include <linux/cache.h>

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	__add_wait_queue_entry_tail(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void add_wait_queue_priority(struct wait_queue_head *wq_head,
			     struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
	spin_lock_irqsave(&wq_head->lock, flags);
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__remove_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/*
 * Runs the wake functions: every non-exclusive entry, and exclusive ones
 * until nr_exclusive of them have woken someone (0: all).  A wake function
 * may remove its own entry (autoremove), hence the _safe walk.
 */
static void __wake_up_common(struct wait_queue_head *wq_head, unsigned int mode,
			     int nr_exclusive, int wake_flags, void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode, wake_flags, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__wake_up_common(wq_head, mode, nr_exclusive, 0, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, 0, NULL);
}

void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up(wq_head, mode, 1, key);
}

void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode)
{
	__wake_up(wq_head, mode, 1, NULL);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key)
{
	return wake_up_state(wq_entry->private, mode);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init_careful(&wq_entry->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry))
		__add_wait_queue(wq_head, wq_entry);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* Returns whether the queue was empty (this is the first waiter). */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;
	bool was_empty = false;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry)) {
		was_empty = list_empty(&wq_head->head);
		__add_wait_queue_entry_tail(wq_head, wq_entry);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return was_empty;
}

long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (signal_pending_state(state, current)) {
		/*
		 * Off the queue under the lock: a wake-up meant for an exclusive
		 * waiter then goes to the next one.  The caller tests the
		 * condition before giving up, so an event that already
		 * arrived is not lost.
		 */
		list_del_init(&wq_entry->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&wq_entry->entry)) {
			if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(wq_head, wq_entry);
			else
				__add_wait_queue(wq_head, wq_entry);
		}
		set_current_state(state);
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return ret;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	/* A waker that removed us did so with list_del_init_careful(). */
	if (!list_empty_careful(&wq_entry->entry)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}

/* With wq->lock held; may drop it to sleep.  -ERESTARTSYS on a signal. */
int do_wait_intr(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	if (likely(list_empty(&wait->entry)))
		__add_wait_queue_entry_tail(wq, wait);
	set_current_state(TASK_INTERRUPTIBLE);
	if (signal_pending(current))
		return -ERESTARTSYS;
	spin_unlock(&wq->lock);
	schedule();
	spin_lock(&wq->lock);
	return 0;
}

int do_wait_intr_irq(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	if (likely(list_empty(&wait->entry)))
		__add_wait_queue_entry_tail(wq, wait);
	set_current_state(TASK_INTERRUPTIBLE);
	if (signal_pending(current))
		return -ERESTARTSYS;
	spin_unlock_irq(&wq->lock);
	schedule();
	spin_lock_irq(&wq->lock);
	return 0;
}

/*
 * wait_woken()/woken_wake_function(): the waker marks the entry WOKEN, so a
 * wake-up between the caller's test and its sleep is remembered without the
 * task state having to be set first.
 */
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			void *key)
{
	smp_mb();
	WRITE_ONCE(wq_entry->flags, wq_entry->flags | WQ_FLAG_WOKEN);
	return default_wake_function(wq_entry, mode, sync, key);
}

long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout)
{
	set_current_state(mode);
	if (!(READ_ONCE(wq_entry->flags) & WQ_FLAG_WOKEN) &&
	    !signal_pending_state(mode, current))
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	smp_store_mb(wq_entry->flags, wq_entry->flags & ~WQ_FLAG_WOKEN);
	return timeout;
}

/* ------------------------------------------------------------ bit waits */

#define KFS_WAIT_TABLE_BITS	8
#define KFS_WAIT_TABLE_SIZE	(1 << KFS_WAIT_TABLE_BITS)

static struct wait_queue_head kfs_bit_wait_table[KFS_WAIT_TABLE_SIZE] __cacheline_aligned;

static void __attribute__((constructor)) kfs_bit_wait_table_init(void)
{
	int i;

	for (i = 0; i < KFS_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&kfs_bit_wait_table[i]);
}

struct wait_queue_head *bit_waitqueue(void *word, int bit)
{
	unsigned long val = ((unsigned long)word << 6) | (unsigned long)bit;

	return &kfs_bit_wait_table[hash_long(val, KFS_WAIT_TABLE_BITS)];
}

struct wait_queue_head *__var_waitqueue(void *p)
{
	return &kfs_bit_wait_table[hash_ptr(p, KFS_WAIT_TABLE_BITS)];
}

int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wait =
		container_of(wq_entry, struct wait_bit_queue_entry, wq_entry);

	if (wait->key.flags != key->flags || wait->key.bit_nr != key->bit_nr ||
	    test_bit(key->bit_nr, key->flags))
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}

static int var_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wait =
		container_of(wq_entry, struct wait_bit_queue_entry, wq_entry);

	if (wait->key.flags != key->flags || wait->key.bit_nr != key->bit_nr)
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}

int __wait_on_bit(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		  wait_bit_action_f *action, unsigned int mode)
{
	unsigned long *word = wbq_entry->key.flags;
	int bit = wbq_entry->key.bit_nr;
	int ret = 0;

	for (;;) {
		prepare_to_wait(wq_head, &wbq_entry->wq_entry, mode);
		if (!test_bit_acquire(bit, word))
			break;
		ret = action(&wbq_entry->key, mode);
		if (ret || !test_bit_acquire(bit, word))
			break;
	}
	finish_wait(wq_head, &wbq_entry->wq_entry);
	return ret;
}

int __wait_on_bit_lock(struct wait_queue_head *wq_head,
		       struct wait_bit_queue_entry *wbq_entry,
		       wait_bit_action_f *action, unsigned int mode)
{
	unsigned long *word = wbq_entry->key.flags;
	int bit = wbq_entry->key.bit_nr;
	int ret = 0;

	for (;;) {
		prepare_to_wait_exclusive(wq_head, &wbq_entry->wq_entry, mode);
		if (test_bit(bit, word)) {
			ret = action(&wbq_entry->key, mode);
			/*
			 * Interrupted: leave the queue now, so that a wake-up
			 * aimed at us goes to the next waiter; but if the bit
			 * is free at this point, take it anyway rather than
			 * strand the lock.
			 */
			if (ret)
				finish_wait(wq_head, &wbq_entry->wq_entry);
		}
		if (!test_and_set_bit(bit, word)) {
			if (!ret)
				finish_wait(wq_head, &wbq_entry->wq_entry);
			return 0;
		}
		if (ret)
			return ret;
	}
}

int out_of_line_wait_on_bit(void *word, int bit, wait_bit_action_f *action, unsigned int mode)
{
	struct wait_queue_head *wq_head = bit_waitqueue(word, bit);
	DEFINE_WAIT_BIT(wq_entry, word, bit);

	return __wait_on_bit(wq_head, &wq_entry, action, mode);
}

int out_of_line_wait_on_bit_timeout(void *word, int bit, wait_bit_action_f *action,
				    unsigned int mode, unsigned long timeout)
{
	struct wait_queue_head *wq_head = bit_waitqueue(word, bit);
	DEFINE_WAIT_BIT(wq_entry, word, bit);

	wq_entry.key.timeout = jiffies + timeout;
	return __wait_on_bit(wq_head, &wq_entry, action, mode);
}

int out_of_line_wait_on_bit_lock(void *word, int bit, wait_bit_action_f *action,
				 unsigned int mode)
{
	struct wait_queue_head *wq_head = bit_waitqueue(word, bit);
	DEFINE_WAIT_BIT(wq_entry, word, bit);

	return __wait_on_bit_lock(wq_head, &wq_entry, action, mode);
}

void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit)
{
	struct wait_bit_key key = __WAIT_BIT_KEY_INITIALIZER(word, bit);

	if (waitqueue_active(wq_head))
		__wake_up(wq_head, TASK_NORMAL, 1, &key);
}

void wake_up_bit(void *word, int bit)
{
	__wake_up_bit(bit_waitqueue(word, bit), word, bit);
}

void init_wait_var_entry(struct wait_bit_queue_entry *wbq_entry, void *var, int flags)
{
	wbq_entry->key.flags = var;
	wbq_entry->key.bit_nr = -1;
	wbq_entry->key.timeout = 0;
	wbq_entry->wq_entry.flags = flags;
	wbq_entry->wq_entry.private = current;
	wbq_entry->wq_entry.func = var_wake_function;
	INIT_LIST_HEAD(&wbq_entry->wq_entry.entry);
}

void wake_up_var(void *var)
{
	__wake_up_bit(__var_waitqueue(var), var, -1);
}

int bit_wait(struct wait_bit_key *key, int mode)
{
	schedule();
	if (signal_pending_state(mode, current))
		return -EINTR;
	return 0;
}

int bit_wait_io(struct wait_bit_key *key, int mode)
{
	io_schedule();
	if (signal_pending_state(mode, current))
		return -EINTR;
	return 0;
}

int bit_wait_timeout(struct wait_bit_key *key, int mode)
{
	unsigned long now = jiffies;

	if (time_after_eq(now, key->timeout))
		return -EAGAIN;
	schedule_timeout(key->timeout - now);
	if (signal_pending_state(mode, current))
		return -EINTR;
	return 0;
}

int bit_wait_io_timeout(struct wait_bit_key *key, int mode)
{
	unsigned long now = jiffies;

	if (time_after_eq(now, key->timeout))
		return -EAGAIN;
	io_schedule_timeout(key->timeout - now);
	if (signal_pending_state(mode, current))
		return -EINTR;
	return 0;
}

/* ------------------------------------------------------------ completion */

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done + 1);
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	WRITE_ONCE(x->done, UINT_MAX);
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/*
 * Waits for x->done, consuming one event.  Returns the jiffies left (at
 * least 1), 0 on timeout, or -ERESTARTSYS on a signal.
 */
static long kfs_wait_for_common(struct completion *x, long timeout, unsigned int state,
				bool io)
{
	DECLARE_WAITQUEUE(wait, current);
	long ret = timeout;

	might_sleep();
	spin_lock_irq(&x->wait.lock);
	if (!x->done) {
		/* Stays queued until we leave: complete() may wake us early. */
		__add_wait_queue_entry_tail_exclusive(&x->wait, &wait);
		do {
			if (signal_pending_state(state, current)) {
				ret = -ERESTARTSYS;
				break;
			}
			__set_current_state(state);
			spin_unlock_irq(&x->wait.lock);
			ret = io ? io_schedule_timeout(ret) : schedule_timeout(ret);
			spin_lock_irq(&x->wait.lock);
		} while (!x->done && ret);
		__remove_wait_queue(&x->wait, &wait);
		__set_current_state(TASK_RUNNING);
		if (!x->done) {
			spin_unlock_irq(&x->wait.lock);
			return ret < 0 ? ret : 0;
		}
	}
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done - 1);
	spin_unlock_irq(&x->wait.lock);
	return ret ? ret : 1;
}

void wait_for_completion(struct completion *x)
{
	kfs_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE, false);
}

void wait_for_completion_io(struct completion *x)
{
	kfs_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE, true);
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = kfs_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE, false);

	return t == -ERESTARTSYS ? t : 0;
}

int wait_for_completion_killable(struct completion *x)
{
	long t = kfs_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE, false);

	return t == -ERESTARTSYS ? t : 0;
}

int wait_for_completion_state(struct completion *x, unsigned int state)
{
	long t = kfs_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, state, false);

	return t == -ERESTARTSYS ? t : 0;
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return kfs_wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE, false);
}

unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	return kfs_wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE, true);
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return kfs_wait_for_common(x, timeout, TASK_INTERRUPTIBLE, false);
}

long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
	return kfs_wait_for_common(x, timeout, TASK_KILLABLE, false);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = true;

	/* Lockless peek first, as in the kernel. */
	if (!READ_ONCE(x->done))
		return false;
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done)
		ret = false;
	else if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done - 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool completion_done(struct completion *x)
{
	unsigned long flags;

	if (!READ_ONCE(x->done))
		return false;
	/* Wait for a complete() in progress to finish with x. */
	spin_lock_irqsave(&x->wait.lock, flags);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return true;
}
