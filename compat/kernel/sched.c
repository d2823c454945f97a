/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks and sleeping: what kernel/sched/core.c, kernel/fork.c and
 * kernel/sched/wait.c's schedule side are to the kernel, on host threads.
 *
 * Every host thread that runs kernel code is a task with a task_struct in
 * the thread-local `current`.  A task sleeps by setting its state and
 * calling schedule(), which parks the host thread on the state word (a
 * futex) until a waker sets it back to TASK_RUNNING; see <linux/sched.h>.
 * The per-task counters that tell atomic context (preempt_count(),
 * irqs_disabled(), RCU nesting, held locks) are thread-local as well, and
 * might_sleep() checks them.
 */
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/fs_struct.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/ratelimit.h>
#include <linux/seqlock.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <kfs/sched.h>
#include <kfs_host_thread.h>
#include <kfs_host_alloc.h>
#include <kfs_host_rcu.h>
#include "../api/kfs_api.h"
#include "kfs_core.h"

__thread struct task_struct *kfs_current_task;
__thread int kfs_preempt_count;
__thread unsigned long kfs_irqs_off;
__thread int kfs_rcu_depth;
#ifdef CONFIG_LOCKDEP
__thread struct kfs_held_lock kfs_held_locks[KFS_MAX_LOCK_DEPTH];
__thread int kfs_held_depth;
#endif
#ifdef __KFS_TSAN
__thread int kfs_seq_readers;
char kfs_barrier_sync;
#endif

int debug_locks = 1;
int debug_locks_silent;

unsigned int nr_cpu_ids = 1;

static atomic_t kfs_next_cpu = ATOMIC_INIT(0);
static atomic_long_t kfs_sleep_bugs = ATOMIC_LONG_INIT(0);

/* Shared by every task: all limits infinite (see <linux/resource.h>). */
static struct signal_struct kfs_signal_unlimited;

static void __attribute__((constructor)) kfs_sched_setup(void)
{
	int n = kfs_hthread_ncpus();
	int i;

	nr_cpu_ids = n < NR_CPUS ? n : NR_CPUS;
	for (i = 0; i < RLIM_NLIMITS; i++) {
		kfs_signal_unlimited.rlim[i].rlim_cur = RLIM_INFINITY;
		kfs_signal_unlimited.rlim[i].rlim_max = RLIM_INFINITY;
	}
}

unsigned int kfs_task_cpu(void)
{
	return current->cpu;
}

/* ---------------------------------------------------------------- tasks */

struct task_struct *kfs_task_alloc(const char *name, unsigned int flags)
{
	struct task_struct *t = kfs_host_alloc_nofault(sizeof(*t), 0);
	struct fs_struct *fs = kfs_host_alloc_nofault(sizeof(*fs), 0);
	struct cred *cred = kfs_cred_alloc_root();

	if (!t || !fs || !cred) {
		kfs_host_free(t);
		kfs_host_free(fs);
		if (cred)
			put_cred(cred);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	memset(fs, 0, sizeof(*fs));
	t->__state = TASK_RUNNING;
	t->flags = flags;
	refcount_set(&t->usage, 1);
	t->tgid = kfs_hthread_getpid();
	t->cpu = (unsigned int)atomic_fetch_inc(&kfs_next_cpu) % nr_cpu_ids;
	strscpy(t->comm, name ? name : "kfs", sizeof(t->comm));
	spin_lock_init(&t->alloc_lock);
	fs->users = 1;
	spin_lock_init(&fs->lock);
	fs->umask = 0022;
	t->fs = fs;
	/* Objective and subjective credentials start as one, with a ref each. */
	t->real_cred = cred;
	t->cred = get_cred(cred);
	t->signal = &kfs_signal_unlimited;
	return t;
}

void __put_task_struct(struct task_struct *t)
{
	WARN_ON(t == kfs_current_task);
	put_cred(t->real_cred);
	put_cred(t->cred);
	kfs_host_free(t->fs);
	kfs_host_free(t);
}

static void kfs_thread_exit_hook(void *arg)
{
	/* The thread ended without kfs_thread_leave(): leave for it. */
	if (kfs_current_task && kfs_current_task == arg)
		kfs_task_detach();
}

/* Makes t the calling thread's task. */
void kfs_task_attach(struct task_struct *t)
{
	t->pid = kfs_hthread_gettid();
	kfs_preempt_count = 0;
	kfs_irqs_off = 0;
	kfs_rcu_depth = 0;
#ifdef CONFIG_LOCKDEP
	kfs_held_depth = 0;
#endif
	kfs_current_task = t;
	kfs_hrcu_register();
	kfs_hthread_setname(t->comm);
	kfs_hthread_exit_hook(kfs_thread_exit_hook);
	kfs_hthread_arm_exit(t);
}

/* The calling thread stops being a task; drops its reference. */
void kfs_task_detach(void)
{
	struct task_struct *t = kfs_current_task;

	if (!t)
		return;
	if (kfs_preempt_count || kfs_irqs_off || kfs_rcu_depth || lockdep_depth(t))
		pr_err("kfs: task %s/%d leaves in atomic context (preempt_count %x, irqs off %lu, RCU depth %d, %d locks held)\n",
		       t->comm, t->pid, kfs_preempt_count, kfs_irqs_off, kfs_rcu_depth,
		       lockdep_depth(t));
	kfs_hrcu_unregister();
	kfs_hthread_arm_exit(NULL);
	kfs_current_task = NULL;
	put_task_struct(t);
}

void kfs_thread_adopt(const char *name)
{
	struct task_struct *t;

	if (kfs_current_task)
		return;
	t = kfs_task_alloc(name, 0);
	if (!t)
		panic("kfs: no memory for the task of thread %s\n", name ? name : "?");
	kfs_task_attach(t);
	kfs_core_start();
}

void kfs_thread_leave(void)
{
	struct task_struct *t = kfs_current_task;

	if (!t)
		return;
	if (WARN(t->flags & PF_KTHREAD, "kfs_thread_leave() on kthread %s\n", t->comm))
		return;
	kfs_task_detach();
}

struct task_struct *kfs_current_slow(void)
{
	kfs_thread_adopt("kfs-unadopted");
	WARN_ONCE(1, "kfs: a thread ran kernel code without kfs_thread_adopt()\n");
	return kfs_current_task;
}

/* ------------------------------------------------------ the core threads */

static atomic_t kfs_core_state = ATOMIC_INIT(0);	/* 0 down, 1 starting, 2 up */
static DECLARE_COMPLETION(kfs_core_up);

void kfs_core_start(void)
{
	if (likely(atomic_read_acquire(&kfs_core_state) == 2))
		return;
	if (atomic_cmpxchg(&kfs_core_state, 0, 1) != 0) {
		/* Someone else is starting it: wait for them (not for ourselves). */
		if (atomic_read_acquire(&kfs_core_state) != 2 &&
		    !(current->flags & PF_KTHREAD))
			wait_for_completion(&kfs_core_up);
		return;
	}
	if (kfs_timer_init() || kfs_rcu_init() || kfs_workqueue_init())
		panic("kfs: cannot start the core kernel threads\n");
	atomic_set_release(&kfs_core_state, 2);
	complete_all(&kfs_core_up);
}

/* ------------------------------------------------- atomic-context checks */

unsigned long kfs_might_sleep_count(void)
{
	return atomic_long_read(&kfs_sleep_bugs);
}

static void kfs_print_held_locks(void)
{
#ifdef CONFIG_LOCKDEP
	int i;

	if (!kfs_held_depth)
		return;
	pr_err("%d lock%s held by %s/%d:\n", kfs_held_depth, kfs_held_depth > 1 ? "s" : "",
	       current->comm, current->pid);
	for (i = 0; i < kfs_held_depth; i++)
		pr_err(" #%d: %px (%ps)%s\n", i, kfs_held_locks[i].lock,
		       kfs_held_locks[i].lock, kfs_held_locks[i].read ? " shared" : "");
#endif
}

static DEFINE_RATELIMIT_STATE(kfs_sleep_bug_rs, 5 * HZ, 10);

static void kfs_report_atomic_sleep(const char *what, const char *file, int line)
{
	struct task_struct *p = current;

	atomic_long_inc(&kfs_sleep_bugs);
	if (!__ratelimit(&kfs_sleep_bug_rs))
		return;
	if (file)
		pr_err("BUG: %s at %s:%d\n", what, file, line);
	else
		pr_err("BUG: %s: %s/%d\n", what, p->comm, p->pid);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), p->pid, p->comm);
	pr_err("preempt_count: %x, expected: 0\n", preempt_count());
	pr_err("RCU nest depth: %d, expected: 0\n", kfs_rcu_depth);
	kfs_print_held_locks();
	dump_stack();
}

static bool kfs_atomic_context(void)
{
	return preempt_count() || irqs_disabled() || kfs_rcu_depth;
}

void __might_sleep(const char *file, int line)
{
	struct task_struct *p = current;
	unsigned int state = READ_ONCE(p->__state);

	WARN_ONCE(state != TASK_RUNNING && !p->kfs_in_submit_work,
		  "do not call blocking ops when !TASK_RUNNING; state=%x\n", state);
	if (unlikely(kfs_atomic_context()))
		kfs_report_atomic_sleep("sleeping function called from invalid context",
					file, line);
}

void __cant_sleep(const char *file, int line, int preempt_offset)
{
	if (irqs_disabled() || preempt_count() > preempt_offset)
		return;
	atomic_long_inc(&kfs_sleep_bugs);
	pr_err("BUG: assuming atomic context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), current->pid, current->comm);
	dump_stack();
}

/* ------------------------------------------------------------ sleeping */

/*
 * Parks the host thread until p (the caller) is TASK_RUNNING again, a
 * signal ends an interruptible sleep, or timeout_ns (< 0: never) passes.
 * Returns 0, or -ETIMEDOUT.
 */
static int kfs_sleep(struct task_struct *p, s64 timeout_ns)
{
	u64 deadline = timeout_ns >= 0 ? ktime_get_ns() + timeout_ns : 0;

	for (;;) {
		unsigned int state = __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);
		s64 left = -1;
		int r = 0;

		if (state == TASK_RUNNING)
			return 0;
		if (signal_pending_state(state, p)) {
			__atomic_store_n(&p->__state, TASK_RUNNING, __ATOMIC_RELAXED);
			return 0;
		}
		if (timeout_ns >= 0) {
			u64 now = ktime_get_ns();

			if (now >= deadline) {
				__atomic_store_n(&p->__state, TASK_RUNNING, __ATOMIC_RELAXED);
				return -ETIMEDOUT;
			}
			left = deadline - now;
		}
		/* Tell wakers to call into the host; then re-check (pairs with ttwu). */
		__atomic_store_n(&p->kfs_futex_waiting, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&p->__state, __ATOMIC_SEQ_CST) == state)
			r = kfs_hfutex_wait(&p->__state, state, left);
		__atomic_store_n(&p->kfs_futex_waiting, 0, __ATOMIC_RELAXED);
		if (r == -ETIMEDOUT) {
			/* The host clock says so, whatever kfs_host's clock says. */
			__atomic_store_n(&p->__state, TASK_RUNNING, __ATOMIC_RELAXED);
			return -ETIMEDOUT;
		}
	}
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int s;

	/* Orders the waker's condition store before the state load. */
	smp_mb();
	s = __atomic_load_n(&p->__state, __ATOMIC_RELAXED);
	do {
		if (!(s & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &s, TASK_RUNNING, 0,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	if (__atomic_load_n(&p->kfs_futex_waiting, __ATOMIC_SEQ_CST))
		kfs_hfutex_wake(&p->__state, 1);
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

bool kfs_task_sleeping(struct task_struct *p)
{
	return __atomic_load_n(&p->kfs_futex_waiting, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE) != TASK_RUNNING;
}

/*
 * The block layer's (compat/block, <linux/blkdev.h>): a task's plugged I/O
 * is submitted before the task sleeps, as the 6.1 scheduler does, so no
 * task waits for I/O that sits in its own plug.
 */
struct blk_plug;
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule);

/*
 * The kernel's flush from schedule() never sleeps (blk-mq defers to
 * kblockd); ours dispatches inline and may allocate or take a lock, which
 * sleeps through schedule() again.  That is safe here: a nested sleep can
 * only end with the task TASK_RUNNING, which makes the outer schedule() a
 * spurious wakeup that every wait loop tolerates, and a wakeup meant for the
 * outer sleep also leaves the task TASK_RUNNING, so none is lost.  So the
 * "blocking op while !TASK_RUNNING" check is waived for the flush alone.
 */
static void kfs_sched_submit_work(struct task_struct *p)
{
	if (p->plug && !p->kfs_in_submit_work) {
		p->kfs_in_submit_work = 1;
		__blk_flush_plug(p->plug, true);
		p->kfs_in_submit_work = 0;
	}
}

static void kfs_schedule_debug(struct task_struct *p)
{
	if (unlikely(kfs_atomic_context()))
		kfs_report_atomic_sleep("scheduling while atomic", NULL, 0);
}

/* Sleeps per the task state; a running task just lets others run. */
int kfs_schedule_ns(s64 timeout_ns)
{
	struct task_struct *p = current;

	kfs_schedule_debug(p);
	if (READ_ONCE(p->__state) == TASK_RUNNING) {
		kfs_hthread_yield();
		return 0;
	}
	kfs_sched_submit_work(p);
	return kfs_sleep(p, timeout_ns);
}

void schedule(void)
{
	kfs_schedule_ns(-1);
}

void schedule_preempt_disabled(void)
{
	preempt_enable();
	schedule();
	preempt_disable();
}

long schedule_timeout(long timeout)
{
	unsigned long expire;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", timeout);
		dump_stack();
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + timeout;
	if (kfs_schedule_ns((s64)jiffies_to_nsecs(timeout)) == -ETIMEDOUT)
		return 0;
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

int io_schedule_prepare(void)
{
	struct task_struct *p = current;
	int old = p->in_iowait;

	p->in_iowait = 1;
	kfs_sched_submit_work(p);
	return old;
}

void io_schedule_finish(int token)
{
	current->in_iowait = token;
}

void io_schedule(void)
{
	int token = io_schedule_prepare();

	schedule();
	io_schedule_finish(token);
}

long io_schedule_timeout(long timeout)
{
	int token = io_schedule_prepare();
	long ret = schedule_timeout(timeout);

	io_schedule_finish(token);
	return ret;
}

void yield(void)
{
	__set_current_state(TASK_RUNNING);
	kfs_hthread_yield();
}

int __cond_resched(void)
{
	return 0;
}

/*
 * The kernel drops the lock when someone else needs the CPU or the lock;
 * kfs has no need-resched, so it drops it when another task spins on it.
 */
int __cond_resched_lock(spinlock_t *lock)
{
	lockdep_assert_held(lock);
	if (!spin_is_contended(lock))
		return 0;
	spin_unlock(lock);
	kfs_hthread_yield();
	spin_lock(lock);
	return 1;
}

int __cond_resched_rwlock_read(rwlock_t *lock)
{
	lockdep_assert_held_read(lock);
	if (!rwlock_is_contended(lock))
		return 0;
	read_unlock(lock);
	kfs_hthread_yield();
	read_lock(lock);
	return 1;
}

int __cond_resched_rwlock_write(rwlock_t *lock)
{
	lockdep_assert_held_write(lock);
	if (!rwlock_is_contended(lock))
		return 0;
	write_unlock(lock);
	kfs_hthread_yield();
	write_lock(lock);
	return 1;
}

/* ---------------------------------------------------------------- naming */

pid_t __task_pid_nr_ns(struct task_struct *task, enum pid_type type, struct pid_namespace *ns)
{
	return type == PIDTYPE_PID ? task->pid : task->tgid;
}

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk)
{
	task_lock(tsk);
	strscpy(to, tsk->comm, len);
	task_unlock(tsk);
	return to;
}

void __set_task_comm(struct task_struct *tsk, const char *from, bool exec)
{
	task_lock(tsk);
	strscpy(tsk->comm, from, sizeof(tsk->comm));
	task_unlock(tsk);
	if (tsk == current)
		kfs_hthread_setname(tsk->comm);
}

/* ----------------------------------------------------- FUSE interrupts */

struct kfs_task *kfs_task_self(void)
{
	return (struct kfs_task *)current;
}

void kfs_task_interrupt(struct kfs_task *t)
{
	struct task_struct *p = (struct task_struct *)t;

	__atomic_store_n(&p->kfs_signal, 1, __ATOMIC_RELEASE);
	/* As signal_wake_up() for SIGKILL: ends interruptible and killable sleeps. */
	wake_up_state(p, TASK_INTERRUPTIBLE | TASK_WAKEKILL);
}

void kfs_task_clear_interrupt(void)
{
	__atomic_store_n(&current->kfs_signal, 0, __ATOMIC_RELEASE);
}

/* -------------------------------------------------------------- lockdep */

#ifdef CONFIG_LOCKDEP
void kfs_lockdep_overflow(const void *lock)
{
	if (debug_locks_off()) {
		pr_err("kfs: %s/%d holds more than %d locks; lock checks turned off\n",
		       current->comm, current->pid, KFS_MAX_LOCK_DEPTH);
		dump_stack();
	}
}

void kfs_lockdep_release_slow(const void *lock, int must_hold)
{
	int i;

	for (i = kfs_held_depth - 1; i >= 0; i--) {
		if (kfs_held_locks[i].lock != lock)
			continue;
		memmove(&kfs_held_locks[i], &kfs_held_locks[i + 1],
			(kfs_held_depth - i - 1) * sizeof(kfs_held_locks[0]));
		kfs_held_depth--;
		return;
	}
	if (must_hold && debug_locks)
		WARN(1, "kfs: %s/%d releases lock %px (%ps) it does not hold\n",
		     current->comm, current->pid, lock, lock);
}

int kfs_lockdep_held(const void *lock, int read)
{
	int i;

	for (i = kfs_held_depth - 1; i >= 0; i--)
		if (kfs_held_locks[i].lock == lock &&
		    (read < 0 || kfs_held_locks[i].read == read))
			return 1;
	return 0;
}
#endif
