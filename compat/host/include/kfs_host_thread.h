/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Threads and sleeping, host side.  The kernel world builds its scheduler
 * (task_struct, schedule(), wake_up_process()), its locks and its kthreads on
 * these few calls; only the host world sees pthreads and the futex syscall.
 *
 * Shared by both worlds: compiler-builtin types only.
 */
#ifndef _KFS_HOST_THREAD_H
#define _KFS_HOST_THREAD_H

typedef __INT64_TYPE__ kfs_hthread_s64;

/* A host thread created by kfs_hthread_create(); joined exactly once. */
struct kfs_hthread;

/*
 * Starts fn(arg) on a new joinable thread named name (at most 15 characters
 * are kept).  Returns 0 or a negative errno.
 */
int kfs_hthread_create(struct kfs_hthread **out, void (*fn)(void *arg), void *arg,
		       const char *name);
/* Waits for the thread to return and frees it. */
void kfs_hthread_join(struct kfs_hthread *t);
/* Ends the calling thread (created by kfs_hthread_create) at once. */
__attribute__((__noreturn__)) void kfs_hthread_exit(void);
/* Names the calling thread (shown by gdb, top, TSan reports). */
void kfs_hthread_setname(const char *name);
/* The calling thread's host thread id (gettid). */
int kfs_hthread_gettid(void);
/* The host process id. */
int kfs_hthread_getpid(void);
/* Number of CPUs the process may run on (at least 1). */
int kfs_hthread_ncpus(void);
/* Gives up the CPU (sched_yield). */
void kfs_hthread_yield(void);

/*
 * Thread-exit hook: fn(arg) runs when a thread that armed it exits without
 * disarming it (pthread key destructor), so a thread that was adopted by the
 * kernel world and never left is still cleaned up.  kfs_hthread_exit_hook()
 * sets fn once for the process; arm with the thread's value, disarm with NULL.
 */
void kfs_hthread_exit_hook(void (*fn)(void *arg));
void kfs_hthread_arm_exit(void *arg);

/*
 * Futex wait on a 32-bit word: sleeps while *addr == val, until woken by
 * kfs_hfutex_wake() or until timeout_ns (relative, < 0 = forever) passes.
 * Returns 0 when woken or when *addr != val, -110 (ETIMEDOUT) on timeout;
 * spurious returns are possible, so callers re-check their condition.
 */
int kfs_hfutex_wait(unsigned int *addr, unsigned int val, kfs_hthread_s64 timeout_ns);
void kfs_hfutex_wake(unsigned int *addr, int nr);

#endif /* _KFS_HOST_THREAD_H */
