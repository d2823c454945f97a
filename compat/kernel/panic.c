/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic(), BUG() and WARN(): the kernel's reactions to its own bugs.  The
 * messages follow the kernel's wording so that logs read the same; the end
 * is a process exit with a status of its own (kfs_host_debug.h), never
 * anything that touches the host machine.
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/string.h>

#include <kfs_host_debug.h>
#include "../api/kfs_api.h"

int panic_on_oops;
int panic_on_warn;
int oops_in_progress;
unsigned long panic_on_taint;
bool crash_kexec_post_notifiers;
enum system_states system_state = SYSTEM_RUNNING;

static unsigned long tainted_mask;
static unsigned long warn_count;
static int panicking;

void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

int test_taint(unsigned int flag)
{
	return (__atomic_load_n(&tainted_mask, __ATOMIC_RELAXED) >> flag) & 1;
}

unsigned long get_taint(void)
{
	return __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
}

unsigned long kfs_warn_count(void)
{
	return __atomic_load_n(&warn_count, __ATOMIC_RELAXED);
}

void panic(const char *fmt, ...)
{
	char msg[1024];
	va_list args;

	/* A panic while panicking (from a printk handler, say) just ends it. */
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
		kfs_host_die(KFS_EXIT_PANIC);

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);

	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	kfs_print_backtrace(KERN_EMERG, 1);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", msg);
	kfs_host_die(KFS_EXIT_PANIC);
}

void nmi_panic(void *regs, const char *msg)
{
	panic("%s", msg);
}

void kfs_bug(const char *file, int line, const char *func)
{
	oops_in_progress = 1;
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	pr_crit("in %s()\n", func);
	kfs_print_backtrace(KERN_CRIT, 1);
	pr_crit("---[ end trace ]---\n");
	if (panic_on_oops)
		panic("Fatal exception");
	/*
	 * The kernel would kill only the current task; a host thread cannot
	 * be taken away from under the locks it holds, so the whole process ends.
	 */
	kfs_host_die(KFS_EXIT_BUG);
}

void kfs_warn(const char *file, int line, const char *func, unsigned int taint,
	      const char *fmt, ...)
{
	__atomic_fetch_add(&warn_count, 1, __ATOMIC_RELAXED);

	printk(KERN_WARNING CUT_HERE);
	if (fmt) {
		struct va_format vaf;
		va_list args;

		va_start(args, fmt);
		vaf.fmt = fmt;
		vaf.va = &args;
		/* The message may lack a newline or carry a level: print as is. */
		printk(KERN_WARNING "%pV", &vaf);
		va_end(args);
		if (fmt[0] && fmt[strlen(fmt) - 1] != '\n')
			printk(KERN_CONT "\n");
	}
	pr_warn("WARNING: at %s:%d %s()\n", file, line, func);
	kfs_print_backtrace(KERN_WARNING, 1);
	pr_warn("---[ end trace ]---\n");
	add_taint(taint, LOCKDEP_STILL_OK);
	if (panic_on_warn)
		panic("panic_on_warn set ...\n");
}
