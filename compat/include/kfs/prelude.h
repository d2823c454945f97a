/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included into every kernel-world translation unit (compiled from the
 * kernel tree or from compat/), as kbuild force-includes kconfig.h and
 * compiler_types.h.  It holds the configuration that every filesystem shares,
 * because compat's structure layouts depend on it; a filesystem's own
 * CONFIG_ choices live in its fs/<name>/meson.build.  Nothing here may be
 * aimed at one filesystem.
 */
#ifndef _KFS_PRELUDE_H
#define _KFS_PRELUDE_H

/* The machine we pretend to be: a 64-bit little-endian SMP kernel. */
#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_MMU 1
#define CONFIG_BLOCK 1
#define CONFIG_PRINTK 1
#define CONFIG_BUG 1
#define CONFIG_HZ 250
#define CONFIG_BASE_SMALL 0
#define CONFIG_PAGE_SHIFT 12
#define CONFIG_FS_POSIX_ACL 1
#define CONFIG_FILE_LOCKING 1
#define CONFIG_KUNIT 1
#define CONFIG_NLS_DEFAULT "iso8859-1"
#define CONFIG_LOG_BUF_SHIFT 17
#define CONFIG_CC_HAS_ASM_GOTO 1

#include <linux/kconfig.h>
#include <linux/compiler_types.h>

#endif /* _KFS_PRELUDE_H */
