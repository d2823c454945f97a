/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running initcalls and exit calls (see <linux/init.h>).  The linker
 * brackets every section whose name is a C identifier with __start_ and
 * __stop_ symbols; weak references make an empty level valid.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>

#include "../api/kfs_api.h"
#include "../api/kfs_mem.h"

bool initcall_debug;

#define KFS_DECLARE_LEVEL(n)							\
	extern const struct kfs_initcall *__start_kfs_initcall_##n[] __weak;	\
	extern const struct kfs_initcall *__stop_kfs_initcall_##n[] __weak

KFS_DECLARE_LEVEL(0);
KFS_DECLARE_LEVEL(1);
KFS_DECLARE_LEVEL(2);
KFS_DECLARE_LEVEL(3);
KFS_DECLARE_LEVEL(4);
KFS_DECLARE_LEVEL(5);
KFS_DECLARE_LEVEL(6);
KFS_DECLARE_LEVEL(7);

extern const struct kfs_exitcall *__start_kfs_exitcall[] __weak;
extern const struct kfs_exitcall *__stop_kfs_exitcall[] __weak;

struct initcall_level {
	const struct kfs_initcall **start, **stop;
	const char *name;
};

static const struct initcall_level levels[] = {
	{ __start_kfs_initcall_0, __stop_kfs_initcall_0, "early" },
	{ __start_kfs_initcall_1, __stop_kfs_initcall_1, "core" },
	{ __start_kfs_initcall_2, __stop_kfs_initcall_2, "postcore" },
	{ __start_kfs_initcall_3, __stop_kfs_initcall_3, "arch" },
	{ __start_kfs_initcall_4, __stop_kfs_initcall_4, "subsys" },
	{ __start_kfs_initcall_5, __stop_kfs_initcall_5, "fs" },
	{ __start_kfs_initcall_6, __stop_kfs_initcall_6, "device" },
	{ __start_kfs_initcall_7, __stop_kfs_initcall_7, "late" },
};

/* 0 never run, 1 running, 2 done; the result of the one run. */
static int init_state;
static int init_result;
static int exit_done;

static int run_level(const struct initcall_level *lvl)
{
	const struct kfs_initcall **p;
	int first_err = 0;

	if (!lvl->start)
		return 0;
	for (p = lvl->start; p < lvl->stop; p++) {
		const struct kfs_initcall *call = *p;
		int ret;

		/* Sanitizers may pad the section: empty slots are not calls. */
		if (!call)
			continue;
		if (initcall_debug)
			pr_info("calling  %s @ %s level\n", call->name, lvl->name);
		ret = call->fn();
		if (ret)
			pr_warn("initcall %s returned %d\n", call->name, ret);
		else if (initcall_debug)
			pr_info("initcall %s returned 0\n", call->name);
		if (ret && !first_err)
			first_err = ret;
	}
	return first_err;
}

int kfs_init(void)
{
	int expected = 0;
	size_t i;

	if (!__atomic_compare_exchange_n(&init_state, &expected, 1, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		/* Another caller runs or ran them: wait for its result. */
		while (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2)
			__builtin_ia32_pause();
		return init_result;
	}
	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		int ret = run_level(&levels[i]);

		if (ret && !init_result)
			init_result = ret;
	}
	kfs_mem_mark_boot_objects();
	__atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
	return init_result;
}

void kfs_exit(void)
{
	const struct kfs_exitcall **p;

	if (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2 ||
	    __atomic_exchange_n(&exit_done, 1, __ATOMIC_ACQ_REL))
		return;
	if (!__start_kfs_exitcall)
		return;
	for (p = __stop_kfs_exitcall; p-- > __start_kfs_exitcall;) {
		if (*p)
			(*p)->fn();
	}
	/*
	 * Exit calls free RCU-protected objects (inodes, dentries, xarray
	 * nodes) through call_rcu: let those callbacks run before the
	 * process's leak report looks.
	 */
	rcu_barrier();
}
