/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks and the scheduler interface.
 *
 * A kfs task is a host thread: FUSE workers, tool and test threads adopted
 * with kfs_thread_adopt(), and kthreads.  Each has a task_struct reached
 * through `current`, with the fields kernel code reads (comm, pid, flags,
 * credentials, journal_info, plug, ...).
 *
 * Sleeping works as in the kernel: set_current_state() to a sleeping state,
 * re-check the condition, schedule(); a waker calls wake_up_process() (or a
 * wait queue does), which puts the task back to TASK_RUNNING.  The task's
 * state word is also what the host thread waits on (a futex), so a wake-up
 * between the check and schedule() is never lost, and a timeout is a timed
 * wait.  A task with a fatal signal pending (FUSE INTERRUPT, see
 * kfs_task_interrupt()) is woken from TASK_INTERRUPTIBLE and TASK_KILLABLE
 * sleeps, which then end with -EINTR/-ERESTARTSYS as usual.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <asm/current.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/resource.h>
#include <linux/string.h>

/* Task states (task->__state). */
#define TASK_RUNNING			0x00000000
#define TASK_INTERRUPTIBLE		0x00000001
#define TASK_UNINTERRUPTIBLE		0x00000002
#define __TASK_STOPPED			0x00000004
#define __TASK_TRACED			0x00000008
#define EXIT_DEAD			0x00000010
#define EXIT_ZOMBIE			0x00000020
#define EXIT_TRACE			(EXIT_ZOMBIE | EXIT_DEAD)
#define TASK_PARKED			0x00000040
#define TASK_DEAD			0x00000080
#define TASK_WAKEKILL			0x00000100
#define TASK_WAKING			0x00000200
#define TASK_NOLOAD			0x00000400
#define TASK_NEW			0x00000800
#define TASK_RTLOCK_WAIT		0x00001000
#define TASK_FREEZABLE			0x00002000
#define TASK_FROZEN			0x00008000
#define TASK_STATE_MAX			0x00010000
#define TASK_ANY			(TASK_STATE_MAX - 1)
#define TASK_FREEZABLE_UNSAFE		TASK_FREEZABLE

#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED			(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_TRACED			__TASK_TRACED
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* Per-task flags (task->flags). */
#define PF_VCPU			0x00000001
#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_POSTCOREDUMP		0x00000008
#define PF_IO_WORKER		0x00000010
#define PF_WQ_WORKER		0x00000020
#define PF_FORKNOEXEC		0x00000040
#define PF_MCE_PROCESS		0x00000080
#define PF_SUPERPRIV		0x00000100
#define PF_DUMPCORE		0x00000200
#define PF_SIGNALED		0x00000400
#define PF_MEMALLOC		0x00000800
#define PF_NPROC_EXCEEDED	0x00001000
#define PF_USED_MATH		0x00002000
#define PF_NOFREEZE		0x00008000
#define PF_KSWAPD		0x00020000
#define PF_MEMALLOC_NOFS	0x00040000
#define PF_MEMALLOC_NOIO	0x00080000
#define PF_LOCAL_THROTTLE	0x00100000
#define PF_KTHREAD		0x00200000
#define PF_RANDOMIZE		0x00400000
#define PF_NO_NOTIFY_SIGNAL	0x00800000
#define PF_NO_SETAFFINITY	0x04000000
#define PF_MCE_EARLY		0x08000000
#define PF_MEMALLOC_PIN		0x10000000
#define PF_SUSPEND_TASK		0x80000000

#define TASK_COMM_LEN		16
#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

struct cred;
struct fs_struct;
struct signal_struct;
struct mm_struct;
struct blk_plug;
struct bio_list;
struct reclaim_state;
struct backing_dev_info;
struct io_context;
struct kthread;
struct kfs_worker;
struct kfs_hthread;

struct task_struct {
	unsigned int __state;		/* TASK_*; the host thread waits on it */
	unsigned int flags;		/* PF_* */
	refcount_t usage;
	pid_t pid;			/* the host thread id */
	pid_t tgid;			/* the host process id */
	unsigned int cpu;		/* fixed fake CPU (per-cpu data, local locks) */
	int prio;
	char comm[TASK_COMM_LEN];
	spinlock_t alloc_lock;		/* task_lock() */

	const struct cred __rcu *real_cred;
	const struct cred __rcu *cred;
	struct fs_struct *fs;		/* umask */
	struct signal_struct *signal;	/* rlimits */
	struct mm_struct *mm;		/* always NULL: no user address space */
	struct mm_struct *active_mm;

	void *journal_info;		/* filesystem journal handle */
	struct bio_list *bio_list;	/* submit_bio recursion list */
	struct blk_plug *plug;		/* flushed when the task sleeps */
	struct reclaim_state *reclaim_state;
	struct backing_dev_info *backing_dev_info;
	struct io_context *io_context;
	unsigned int in_iowait;
	/* kfs: submitting the plug from schedule() (see kfs_sched_submit_work) */
	unsigned int kfs_in_submit_work;

	/* kfs */
	int kfs_signal;			/* a fatal signal is pending */
	unsigned int kfs_futex_waiting;	/* parked on __state in the host */
	struct kthread *kfs_kthread;	/* kthread_*() state, kthreads only */
	struct kfs_worker *kfs_worker;	/* workqueue worker state */
	void *kfs_private;		/* for compat code (e.g. timer thread) */
};

/* ----------------------------------------------------------- references */

void __put_task_struct(struct task_struct *t);

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

static inline void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		__put_task_struct(t);
}

static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

/* ---------------------------------------------------------------- state */

#define task_is_running(task)	(READ_ONCE((task)->__state) == TASK_RUNNING)
#define get_current_state()	READ_ONCE(current->__state)

/* Before the condition check: orders the store against what follows. */
#define set_current_state(state_value)	smp_store_mb(current->__state, (state_value))
#define __set_current_state(state_value) WRITE_ONCE(current->__state, (state_value))
#define set_special_state(state_value)	set_current_state(state_value)

int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);

/* --------------------------------------------------------------- sleeping */

void schedule(void);
void schedule_preempt_disabled(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
/* Sleeping on I/O: also flushes the task's plug (as schedule() does). */
void io_schedule(void);
long io_schedule_timeout(long timeout);
int io_schedule_prepare(void);
void io_schedule_finish(int token);
void yield(void);

/* A voluntary yield point, allowed only where sleeping is. */
int __cond_resched(void);
int __cond_resched_lock(spinlock_t *lock);
int __cond_resched_rwlock_read(rwlock_t *lock);
int __cond_resched_rwlock_write(rwlock_t *lock);
#define cond_resched()			({ might_sleep(); __cond_resched(); })
#define cond_resched_lock(lock)		__cond_resched_lock(lock)
#define cond_resched_rwlock_read(lock)	__cond_resched_rwlock_read(lock)
#define cond_resched_rwlock_write(lock)	__cond_resched_rwlock_write(lock)
#define cond_resched_rcu()		do { rcu_read_unlock(); cond_resched(); rcu_read_lock(); } while (0)

/* ---------------------------------------------------------------- naming */

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_pid_vnr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

static inline pid_t task_tgid_vnr(struct task_struct *tsk)
{
	return tsk->tgid;
}

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX,
};

struct pid_namespace;
pid_t __task_pid_nr_ns(struct task_struct *task, enum pid_type type, struct pid_namespace *ns);
#define task_pid_nr_ns(tsk, ns)		__task_pid_nr_ns(tsk, PIDTYPE_PID, ns)
#define task_tgid_nr_ns(tsk, ns)	__task_pid_nr_ns(tsk, PIDTYPE_TGID, ns)

static inline unsigned int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

static inline bool is_idle_task(const struct task_struct *p)
{
	return false;
}

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
#define get_task_comm(buf, tsk)		__get_task_comm(buf, sizeof(buf), tsk)
void __set_task_comm(struct task_struct *tsk, const char *from, bool exec);
#define set_task_comm(tsk, from)	__set_task_comm(tsk, from, false)

#define sched_set_fifo(p)		do { (void)(p); } while (0)
#define sched_set_fifo_low(p)		do { (void)(p); } while (0)
#define sched_set_normal(p, nice)	do { (void)(p); (void)(nice); } while (0)
#define set_user_nice(p, nice)		do { (void)(p); (void)(nice); } while (0)

#endif /* _LINUX_SCHED_H */
