/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Annotations every kernel file sees (kbuild force-includes the kernel's
 * compiler_types.h; we reach it from kfs/prelude.h).  Address-space and
 * locking annotations exist for sparse only and are empty here.
 */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#ifndef __ASSEMBLY__

#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __private
#define __force
#define __nocast
#define __safe
#define __chk_user_ptr(x) (void)0
#define __chk_io_ptr(x) (void)0
#define ACCESS_PRIVATE(p, member) ((p)->member)
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __builtin_warning(x, y...) (1)

#include <linux/compiler_attributes.h>

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

/* Section placement of code that kbuild would discard after boot: no-ops. */
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __initconst
#define __ref
#define __refdata
#define __cold __attribute__((__cold__))
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start struct {
#define randomized_struct_fields_end };
#define __visible __attribute__((__externally_visible__))
#define notrace __attribute__((__no_instrument_function__))
#define __no_kcsan
#define __no_sanitize_or_inline __always_inline
#define noinstr noinline notrace
#define __noinstr_section(x)
#define __nocfi
#define __noendbr
#define __rcu_guarded

#define inline inline __attribute__((__gnu_inline__)) __attribute__((__unused__))
#define __inline__ inline
#define __inline inline
#define noinline_for_stack noinline

#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

#define __scalar_type_to_expr_cases(type) \
	unsigned type : (unsigned type)0, signed type : (signed type)0

/* The type of x with qualifiers (const, volatile) dropped, for scalars. */
#define __unqual_scalar_typeof(x)				\
	typeof(_Generic((x),					\
		char : (char)0,					\
		__scalar_type_to_expr_cases(char),		\
		__scalar_type_to_expr_cases(short),		\
		__scalar_type_to_expr_cases(int),		\
		__scalar_type_to_expr_cases(long),		\
		__scalar_type_to_expr_cases(long long),		\
		default : (x)))

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

#define compiletime_assert(condition, msg) \
	_Static_assert(condition, msg)
#define compiletime_assert_atomic_type(t) \
	compiletime_assert(__native_word(t), "Need native word sized stores/loads for atomicity.")

/* Helpers for emitting diagnostics in pragmas (used by __diag). */
#define __diag(s)
#define __diag_GCC(version, severity, string)
#define __diag_push()
#define __diag_pop()
#define __diag_ignore(compiler, version, option, comment)
#define __diag_ignore_all(option, comment)

#endif /* __ASSEMBLY__ */
#endif /* __LINUX_COMPILER_TYPES_H */
