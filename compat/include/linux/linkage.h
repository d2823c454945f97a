/* SPDX-License-Identifier: GPL-2.0-only */
/* Calling-convention markers: all plain C calls in userspace. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/compiler_types.h>
#include <linux/stringify.h>
#include <linux/export.h>

#define asmlinkage
#define __visible_asm
#define cond_syscall(x)
#define SYSCALL_ALIAS(alias, name)

#endif /* _LINUX_LINKAGE_H */
