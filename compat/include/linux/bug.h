/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BUG() and WARN() (Documentation/process/deprecated.rst explains why fs
 * code should prefer WARN).  Both print where they fired and a backtrace of
 * the host stack (compat/kernel/bug.c).  WARN returns its condition and
 * execution goes on; BUG cannot return: the kernel would kill the task, and
 * a thread cannot be killed alone here, so BUG ends the process as panic()
 * does (exit status KFS_EXIT_BUG, compat/host/include/kfs_host_debug.h).
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/once_lite.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/types.h>

#define CUT_HERE	"------------[ cut here ]------------\n"

__cold __noreturn void kfs_bug(const char *file, int line, const char *func);
__printf(5, 6) __cold void kfs_warn(const char *file, int line, const char *func,
				    unsigned int taint, const char *fmt, ...);

#define BUG()		kfs_bug(__FILE__, __LINE__, __func__)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

#define __WARN()	kfs_warn(__FILE__, __LINE__, __func__, TAINT_WARN, NULL)
#define __WARN_printf(taint, fmt, ...) \
	kfs_warn(__FILE__, __LINE__, __func__, taint, fmt, ##__VA_ARGS__)

#define WARN_ON(condition) ({						\
	int __kfs_warn_on = !!(condition);				\
	if (unlikely(__kfs_warn_on))					\
		__WARN();						\
	unlikely(__kfs_warn_on);					\
})

#define WARN(condition, fmt, ...) ({					\
	int __kfs_warn_on = !!(condition);				\
	if (unlikely(__kfs_warn_on))					\
		__WARN_printf(TAINT_WARN, fmt, ##__VA_ARGS__);		\
	unlikely(__kfs_warn_on);					\
})

#define WARN_TAINT(condition, taint, fmt, ...) ({			\
	int __kfs_warn_on = !!(condition);				\
	if (unlikely(__kfs_warn_on))					\
		__WARN_printf(taint, fmt, ##__VA_ARGS__);		\
	unlikely(__kfs_warn_on);					\
})

#define WARN_ON_ONCE(condition) \
	DO_ONCE_LITE_IF(condition, WARN_ON, 1)
#define WARN_ONCE(condition, fmt, ...) \
	DO_ONCE_LITE_IF(condition, WARN, 1, fmt, ##__VA_ARGS__)
#define WARN_TAINT_ONCE(condition, taint, fmt, ...) \
	DO_ONCE_LITE_IF(condition, WARN_TAINT, 1, taint, fmt, ##__VA_ARGS__)

#define WARN_ON_SMP(x)		WARN_ON(x)
#define WARN_ON_RATELIMIT(condition, state) ({			\
	bool __kfs_rtn_cond = !!(condition);			\
	WARN_ON(__kfs_rtn_cond && __ratelimit(state));		\
	__kfs_rtn_cond;						\
})
#define WARN_RATELIMIT(condition, fmt, ...) ({			\
	static DEFINE_RATELIMIT_STATE(__kfs_wr_rs,		\
				      DEFAULT_RATELIMIT_INTERVAL, \
				      DEFAULT_RATELIMIT_BURST);	\
	int __kfs_rtn_cond = !!(condition);			\
	if (unlikely(__kfs_rtn_cond && __ratelimit(&__kfs_wr_rs))) \
		WARN(__kfs_rtn_cond, fmt, ##__VA_ARGS__);	\
	__kfs_rtn_cond;						\
})

#define MAYBE_BUILD_BUG_ON(cond)				\
	do {							\
		if (__builtin_constant_p((cond)))		\
			BUILD_BUG_ON(cond);			\
		else						\
			BUG_ON(cond);				\
	} while (0)

/*
 * CHECK_DATA_CORRUPTION: warns (with the message) when condition holds and
 * tells the caller to refuse the operation.
 */
#define CHECK_DATA_CORRUPTION(condition, fmt, ...) ({			\
	bool __kfs_corrupt = !!(condition);				\
	if (unlikely(__kfs_corrupt))					\
		WARN(1, fmt, ##__VA_ARGS__);				\
	unlikely(__kfs_corrupt);					\
})

enum bug_trap_type {
	BUG_TRAP_TYPE_NONE = 0,
	BUG_TRAP_TYPE_WARN = 1,
	BUG_TRAP_TYPE_BUG = 2,
};

#endif /* _LINUX_BUG_H */
