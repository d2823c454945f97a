/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Asking for a module to be loaded.  kfs has no loadable modules
 * (CONFIG_MODULES is off): every filesystem, code page and helper that
 * exists is built in and registered by its initcall before anything can
 * ask for it.  So, as in a kernel built without module support, a request
 * can never make something appear: request_module() fails with -ENOSYS and
 * try_then_request_module() is just its first argument (the lookup that
 * would have been retried after loading).
 */
#ifndef _LINUX_KMOD_H
#define _LINUX_KMOD_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>

static inline __printf(2, 3)
int __request_module(bool wait, const char *fmt, ...)
{
	return -ENOSYS;
}

#define request_module(mod...)		__request_module(true, mod)
#define request_module_nowait(mod...)	__request_module(false, mod)
#define try_then_request_module(x, mod...)	(x)

#endif /* _LINUX_KMOD_H */
