/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Module parameters.  kfs has no module loader and no /sys/module, so no
 * parameter is ever set: module_param() checks its arguments and declares
 * nothing else, and the variable keeps the default the code gave it.
 */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

#define MAX_PARAM_PREFIX_LEN	(64 - sizeof(unsigned long))

struct kernel_param;

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	u16 perm;
	void *arg;
};

#define __kfs_param_check(name, perm)					\
	static_assert(VERIFY_OCTAL_PERMISSIONS(perm) >= 0, #name)

#define module_param(name, type, perm)				\
	__kfs_param_check(name, perm)
#define module_param_named(name, value, type, perm)		\
	static_assert(sizeof(value) > 0, #name)
#define module_param_unsafe(name, type, perm)	module_param(name, type, perm)
#define module_param_string(name, string, len, perm)		\
	static_assert(sizeof(string) >= 1, #name)
#define module_param_array(name, type, nump, perm)		\
	static_assert(sizeof(name) > 0, #name)
#define module_param_cb(name, ops, arg, perm)			\
	static_assert(sizeof(ops) > 0, #name)
#define MODULE_PARM_DESC(name, desc)				\
	static_assert(sizeof(desc) > 0, #name)
#define core_param(name, var, type, perm)			\
	static_assert(sizeof(var) > 0, #name)

#endif /* _LINUX_MODULE_PARAMS_H */
