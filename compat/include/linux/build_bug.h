/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compile-time assertions.  BUILD_BUG_ON(cond) breaks the build when cond is
 * a true constant; BUILD_BUG_ON_ZERO(cond) is the expression form (value 0).
 */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include <linux/compiler_types.h>
#include <linux/compiler_attributes.h>

/* A negative-width bit-field is the classic expression-context error. */
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))

#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((__force long)(e))))
/*
 * BUILD_BUG_ON_MSG(cond, msg): cond need not be an integer constant
 * expression, only constant once the optimiser has run (inline functions
 * called with constants, __builtin_constant_p guards).  The failing branch
 * calls a function that carries an error attribute, so the build breaks
 * with msg exactly when the call survives optimisation.  Like kbuild,
 * this assumes optimised builds (-O1 and up).
 */
#define __kfs_build_assert(ok, msg, n)					\
	do {								\
		extern void __kfs_build_bug_##n(void)			\
			__compiletime_error(msg);			\
		if (!(ok))						\
			__kfs_build_bug_##n();				\
	} while (0)
#define __kfs_build_assert_n(ok, msg, n)	__kfs_build_assert(ok, msg, n)
#define BUILD_BUG_ON_MSG(cond, msg) \
	__kfs_build_assert_n(!(cond), msg, __COUNTER__)
#define BUILD_BUG_ON(cond) \
	BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#define BUILD_BUG()	BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")

/* C11 spelling, with the message optional as in C2x. */
#define static_assert(expr, ...)	__kfs_static_assert(expr, ##__VA_ARGS__, #expr)
#define __kfs_static_assert(expr, msg, ...)	_Static_assert(expr, msg)

#define ASSERT_STRUCT_OFFSET(type, field, expected_offset) \
	BUILD_BUG_ON_MSG(__builtin_offsetof(type, field) != (expected_offset), \
		"Offset of " #field " in " #type " has changed.")

#endif /* _LINUX_BUILD_BUG_H */
