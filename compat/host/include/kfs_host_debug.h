/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-side help for compat's diagnostics (printk, WARN, BUG, panic):
 * backtraces, symbol names, the lock that keeps console lines whole, and
 * the way out of the process.  Shared by both worlds: compiler-builtin types
 * only.  Implemented in compat/host/debug.c.
 */
#ifndef _KFS_HOST_DEBUG_H
#define _KFS_HOST_DEBUG_H

/*
 * Exit statuses of a process that kernel code ended.  Tests that provoke a
 * panic or BUG run it in a child and expect these.
 */
#define KFS_EXIT_PANIC	112	/* panic() */
#define KFS_EXIT_BUG	113	/* BUG(), BUG_ON() */

/*
 * Writes the calling thread's stack, one frame per line ("  #N addr name"),
 * into buf (NUL-terminated), leaving out the innermost `skip` frames besides
 * this function itself.  Returns the length written.
 */
int kfs_host_backtrace(char *buf, __SIZE_TYPE__ size, int skip);

/*
 * Describes a code address as "function+0xoff" (or the object file and
 * offset when the symbol is not exported).  Returns the length, or 0 when
 * nothing is known about addr.
 */
int kfs_host_symbolize(const void *addr, char *buf, __SIZE_TYPE__ size);

/*
 * A recursive process-wide lock for the console/log path (printk), so that
 * lines from different threads never interleave.
 */
void kfs_host_console_lock(void);
void kfs_host_console_unlock(void);

/*
 * Ends the process with status, at once: no atexit handlers, no destructors,
 * buffered stdio flushed.  With KFS_ABORT_ON_PANIC=1 in the environment it
 * aborts instead, for a core dump or a debugger.
 */
__attribute__((__noreturn__)) void kfs_host_die(int status);

#endif /* _KFS_HOST_DEBUG_H */
