/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Initcalls.  Each level's calls are collected in an ELF section of its own
 * (kfs_initcall_<level>) and run once, level by level and, within a level,
 * in the link order of the object files (inside one file the compiler
 * decides, as in the kernel), by kfs_init() (compat/kernel/module.c, kfs_api.h), as the
 * kernel runs built-in initcalls at boot.  Levels, lowest first: early (0),
 * pure/core (1), postcore (2), arch (3), subsys (4), fs (5), rootfs,
 * device = module_init (6), late (7).
 *
 * The macros end with their own semicolon: kernel code writes both
 * "module_init(fn);" and "module_init(fn)".
 *
 * A section entry is a pointer to a struct kfs_initcall.  The runner skips
 * null slots, so padding that a sanitizer may add between entries is harmless.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stringify.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

struct kfs_initcall {
	initcall_t fn;
	const char *name;
	const char *file;
	int level;
};

struct kfs_exitcall {
	exitcall_t fn;
	const char *name;
};

#define __kfs_define_initcall(initfn, lvl)				\
	static const struct kfs_initcall __PASTE(__kfs_ic_, __LINE__) = { \
		.fn = (initfn), .name = #initfn, .file = __FILE__, .level = lvl, \
	};								\
	static const struct kfs_initcall *__PASTE(__kfs_icp_, __LINE__)	\
		__used __section("kfs_initcall_" #lvl) __aligned(sizeof(void *)) = \
		&__PASTE(__kfs_ic_, __LINE__);

#define early_initcall(fn)		__kfs_define_initcall(fn, 0)
#define pure_initcall(fn)		__kfs_define_initcall(fn, 1)
#define core_initcall(fn)		__kfs_define_initcall(fn, 1)
#define core_initcall_sync(fn)		__kfs_define_initcall(fn, 1)
#define postcore_initcall(fn)		__kfs_define_initcall(fn, 2)
#define postcore_initcall_sync(fn)	__kfs_define_initcall(fn, 2)
#define arch_initcall(fn)		__kfs_define_initcall(fn, 3)
#define arch_initcall_sync(fn)		__kfs_define_initcall(fn, 3)
#define subsys_initcall(fn)		__kfs_define_initcall(fn, 4)
#define subsys_initcall_sync(fn)	__kfs_define_initcall(fn, 4)
#define fs_initcall(fn)			__kfs_define_initcall(fn, 5)
#define fs_initcall_sync(fn)		__kfs_define_initcall(fn, 5)
#define rootfs_initcall(fn)		__kfs_define_initcall(fn, 5)
#define device_initcall(fn)		__kfs_define_initcall(fn, 6)
#define device_initcall_sync(fn)	__kfs_define_initcall(fn, 6)
#define late_initcall(fn)		__kfs_define_initcall(fn, 7)
#define late_initcall_sync(fn)		__kfs_define_initcall(fn, 7)

#define __initcall(fn)			device_initcall(fn)

/*
 * Exit calls of built-in code: the kernel never runs them; kfs runs them in
 * reverse link order from kfs_exit() so that leak checks see a clean slate.
 */
#define __exitcall(exitfn)						\
	static const struct kfs_exitcall __PASTE(__kfs_xc_, __LINE__) = { \
		.fn = (exitfn), .name = #exitfn,				\
	};								\
	static const struct kfs_exitcall *__PASTE(__kfs_xcp_, __LINE__)	\
		__used __section("kfs_exitcall") __aligned(sizeof(void *)) = \
		&__PASTE(__kfs_xc_, __LINE__);

/*
 * Kernel command-line parameters: kfs has no command line, so the handler
 * is never called and the code keeps its defaults.
 */
#define __setup(str, fn)						\
	static int (*__PASTE(__kfs_setup_, __LINE__))(char *) __maybe_unused = (fn)
#define early_param(str, fn)	__setup(str, fn)
#define __setup_param(str, unique_id, fn, early)	__setup(str, fn)

extern bool initcall_debug;

#endif /* _LINUX_INIT_H */
