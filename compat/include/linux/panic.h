/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic(): the kernel cannot go on.  In kfs it prints
 * "Kernel panic - not syncing: MESSAGE" with a backtrace and ends the
 * process with exit status KFS_EXIT_PANIC (compat/host/include/kfs_host_debug.h);
 * the host machine is never touched.
 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler_attributes.h>
#include <linux/types.h>

__printf(1, 2) __cold __noreturn void panic(const char *fmt, ...);
void nmi_panic(void *regs, const char *msg);

extern int panic_on_oops;
extern int panic_on_warn;
extern int oops_in_progress;
extern unsigned long panic_on_taint;
extern bool crash_kexec_post_notifiers;

/* Taint flags the kernel records after warnings; kept for the record only. */
#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_FORCED_MODULE		1
#define TAINT_CPU_OUT_OF_SPEC		2
#define TAINT_FORCED_RMMOD		3
#define TAINT_MACHINE_CHECK		4
#define TAINT_BAD_PAGE			5
#define TAINT_USER			6
#define TAINT_DIE			7
#define TAINT_OVERRIDDEN_ACPI_TABLE	8
#define TAINT_WARN			9
#define TAINT_CRAP			10
#define TAINT_FIRMWARE_WORKAROUND	11
#define TAINT_OOT_MODULE		12
#define TAINT_UNSIGNED_MODULE		13
#define TAINT_SOFTLOCKUP		14
#define TAINT_LIVEPATCH			15
#define TAINT_AUX			16
#define TAINT_RANDSTRUCT		17
#define TAINT_FLAGS_COUNT		18

enum lockdep_ok {
	LOCKDEP_STILL_OK,
	LOCKDEP_NOW_UNRELIABLE,
};

void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok);
int test_taint(unsigned int flag);
unsigned long get_taint(void);

#endif /* _LINUX_PANIC_H */
