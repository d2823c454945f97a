/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Short names for the GCC/Clang attributes kernel code uses.  Both compilers
 * kfs supports (GCC >= 10, Clang >= 14) know every attribute below, so there
 * is no feature probing: an unknown attribute is a build error, as it should
 * be.  Reached through compiler_types.h, which kfs/prelude.h force-includes.
 */
#ifndef __LINUX_COMPILER_ATTRIBUTES_H
#define __LINUX_COMPILER_ATTRIBUTES_H

#define __alias(sym)			__attribute__((__alias__(#sym)))
#define __aligned(n)			__attribute__((__aligned__(n)))
#define __aligned_largest		__attribute__((__aligned__))
#define __always_inline			inline __attribute__((__always_inline__))
#define __assume_aligned(a, ...)	__attribute__((__assume_aligned__(a, ## __VA_ARGS__)))
#define __attribute_const__		__attribute__((__const__))
#define __cleanup(fn)			__attribute__((__cleanup__(fn)))
#define __copy(sym)			__attribute__((__copy__(sym)))
#define __deprecated
#define __designated_init		__attribute__((__designated_init__))
#define __compiletime_error(msg)	__attribute__((__error__(msg)))
#define __compiletime_warning(msg)	__attribute__((__warning__(msg)))
#define __flatten			__attribute__((__flatten__))
#define __gnu_inline			__attribute__((__gnu_inline__))
#define __malloc			__attribute__((__malloc__))
#define __mode(x)			__attribute__((__mode__(x)))
#define __must_check			__attribute__((__warn_unused_result__))
#define __noreturn			__attribute__((__noreturn__))
#define __packed			__attribute__((__packed__))
#define __printf(a, b)			__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)			__attribute__((__format__(scanf, a, b)))
#define __pure				__attribute__((__pure__))
#define __section(s)			__attribute__((__section__(s)))
#define __used				__attribute__((__used__))
#define __weak				__attribute__((__weak__))
#define __maybe_unused			__attribute__((__unused__))
#define __always_unused			__attribute__((__unused__))
#define __nonstring
#define __noclone
#define __naked				__attribute__((__naked__))
#define __no_profile
#define __no_stack_protector
#define noinline			__attribute__((__noinline__))
#define __alloc_size(x, ...)		__attribute__((__alloc_size__(x, ## __VA_ARGS__)))
#define __realloc_size(x, ...)		__attribute__((__alloc_size__(x, ## __VA_ARGS__)))

/*
 * Marks an intended fall through to the next case label
 * (-Wimplicit-fallthrough is on for kernel code).
 */
#define fallthrough			__attribute__((__fallthrough__))

#define __no_sanitize_address		__attribute__((__no_sanitize_address__))
#define __no_sanitize_thread		__attribute__((__no_sanitize_thread__))
#define __no_sanitize_undefined		__attribute__((__no_sanitize_undefined__))

#endif /* __LINUX_COMPILER_ATTRIBUTES_H */
