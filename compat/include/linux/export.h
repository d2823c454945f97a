/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Symbol exports.  Everything is linked into one program, so an export only
 * checks that the symbol exists; THIS_MODULE is NULL, as for built-in code.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>
#include <linux/stringify.h>

struct module;
#define THIS_MODULE ((struct module *)0)

#define __kfs_export(sym)	extern typeof(sym) sym

#define EXPORT_SYMBOL(sym)			__kfs_export(sym)
#define EXPORT_SYMBOL_GPL(sym)			__kfs_export(sym)
#define EXPORT_SYMBOL_NS(sym, ns)		__kfs_export(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)		__kfs_export(sym)
#define EXPORT_SYMBOL_GPL_FUTURE(sym)		__kfs_export(sym)
#define EXPORT_UNUSED_SYMBOL(sym)		__kfs_export(sym)
#define EXPORT_UNUSED_SYMBOL_GPL(sym)		__kfs_export(sym)
#define EXPORT_SYMBOL_FOR_TESTS_ONLY(sym)	__kfs_export(sym)
#define EXPORT_SYMBOL_IF_KUNIT(sym)		__kfs_export(sym)
#define EXPORT_INDIRECT_CALLABLE(sym)		__kfs_export(sym)

#endif /* _LINUX_EXPORT_H */
