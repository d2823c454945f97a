/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Modules, as built-in code sees them: module_init() is a device-level
 * initcall run once by kfs_init(), module_exit() an exit call run by
 * kfs_exit(), the MODULE_* tags are accepted and dropped, and module
 * references always succeed (built-in code cannot be unloaded).
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/list.h>
#include <linux/cache.h>
#include <linux/stat.h>
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/moduleparam.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/errno.h>

#define MODULE_NAME_LEN		56

struct module {
	const char *name;
};

#define module_init(fn)		device_initcall(fn)
#define module_exit(fn)		__exitcall(fn)

/* Tags: static asserts that the argument is a string, nothing stored. */
#define __kfs_modinfo(tag, info) \
	static_assert(sizeof(info) > 0, "MODULE_" #tag " needs a string")
#define MODULE_INFO(tag, info)		__kfs_modinfo(tag, info)
#define MODULE_LICENSE(l)		__kfs_modinfo(LICENSE, l)
#define MODULE_AUTHOR(a)		__kfs_modinfo(AUTHOR, a)
#define MODULE_DESCRIPTION(d)		__kfs_modinfo(DESCRIPTION, d)
#define MODULE_ALIAS(a)			__kfs_modinfo(ALIAS, a)
#define MODULE_SOFTDEP(s)		__kfs_modinfo(SOFTDEP, s)
#define MODULE_VERSION(v)		__kfs_modinfo(VERSION, v)
#define MODULE_FIRMWARE(f)		__kfs_modinfo(FIRMWARE, f)
#define MODULE_IMPORT_NS(ns)		static_assert(1, #ns)
#define MODULE_DEVICE_TABLE(type, name)	static_assert(1, #name)

static inline bool try_module_get(struct module *module)
{
	return true;
}

static inline void module_put(struct module *module)
{
}

static inline void __module_get(struct module *module)
{
}

static inline bool module_is_live(struct module *module)
{
	return true;
}

static inline const char *module_name(struct module *module)
{
	return module ? module->name : "kernel";
}

#define module_put_and_kthread_exit(code)	kthread_exit(code)

#define symbol_get(x)		(&(x))
#define symbol_put(x)		do { } while (0)
#define symbol_put_addr(p)	do { } while (0)

static inline bool is_module_address(unsigned long addr)
{
	return false;
}

#endif /* _LINUX_MODULE_H */
