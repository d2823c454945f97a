/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IS_ENABLED() and friends, as documented in Documentation/kbuild/kconfig-language.rst:
 * an option is "enabled" when CONFIG_FOO or CONFIG_FOO_MODULE is defined to 1.
 * Options are defined with -DCONFIG_FOO=1 (fs/<name>/meson.build) or in
 * kfs/prelude.h.  kfs has no modules, so IS_MODULE() is always false.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#define __KFS_ARG_PLACEHOLDER_1 0,
#define __kfs_take_second_arg(__ignored, val, ...) val
#define __kfs_is_defined(x) ___kfs_is_defined(x)
#define ___kfs_is_defined(val) ____kfs_is_defined(__KFS_ARG_PLACEHOLDER_##val)
#define ____kfs_is_defined(arg1_or_junk) __kfs_take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option) __kfs_is_defined(option)
#define IS_MODULE(option) 0
#define IS_REACHABLE(option) IS_BUILTIN(option)
#define IS_ENABLED(option) IS_BUILTIN(option)

#ifdef CONFIG_CPU_BIG_ENDIAN
#error "kfs emulates a little-endian machine"
#endif
#define __LITTLE_ENDIAN 1234

#endif /* _LINUX_KCONFIG_H */
