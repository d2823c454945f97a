/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compiler helpers used all over kernel code: branch hints, compiler
 * barriers, READ_ONCE/WRITE_ONCE and friends.
 *
 * READ_ONCE/WRITE_ONCE promise a single, untorn access the compiler may not
 * merge, repeat or elide (Documentation/memory-barriers.txt).  The kernel
 * gets that from volatile accesses; we use relaxed C11 atomics of the same
 * width instead, which compile to the same plain moves on x86-64 but also
 * tell ThreadSanitizer that the access is a deliberate concurrent one.
 */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#ifndef __ASSEMBLY__

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely_notrace(x)	likely(x)
#define unlikely_notrace(x)	unlikely(x)

/* Forbids the compiler to move memory accesses across this point. */
#define barrier()		__asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr)	__asm__ __volatile__("" : : "r"(ptr) : "memory")
#define barrier_before_unreachable() do { } while (0)

/* Hides the value of var from the optimiser (it may have changed). */
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r"(var) : "0"(var))

#define unreachable()		__builtin_unreachable()

#define RELOC_HIDE(ptr, off)					\
	({ unsigned long __kfs_p;				\
	   __asm__ ("" : "=r"(__kfs_p) : "0"(ptr));		\
	   (typeof(ptr))(__kfs_p + (off)); })

#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#define __ADDRESSABLE(sym) \
	static void * __used __UNIQUE_ID(__addressable_##sym) = (void *)&(sym)

#define prevent_tail_call_optimization()	barrier()
#define annotate_unreachable()
#define __annotate_jump_table
#define ASM_UNREACHABLE
#define __stringify_label(n)	#n
#define instrumentation_begin()	do { } while (0)
#define instrumentation_end()	do { } while (0)

/*
 * Single-copy-atomic access of 1, 2, 4 or 8 bytes through relaxed atomics.
 * The value travels through a union so that any object of those sizes
 * (integers, pointers, enums, small structs such as kuid_t) works.
 */
#define __kfs_once_size_ok(x)						\
	compiletime_assert(sizeof(x) == 1 || sizeof(x) == 2 ||		\
			   sizeof(x) == 4 || sizeof(x) == 8,		\
			   "READ_ONCE/WRITE_ONCE need a 1/2/4/8-byte object")

static __always_inline void __kfs_read_once(const volatile void *p, void *res, int size)
{
	switch (size) {
	case 1:
		*(unsigned char *)res = __atomic_load_n((const volatile unsigned char *)p, __ATOMIC_RELAXED);
		break;
	case 2:
		*(unsigned short *)res = __atomic_load_n((const volatile unsigned short *)p, __ATOMIC_RELAXED);
		break;
	case 4:
		*(unsigned int *)res = __atomic_load_n((const volatile unsigned int *)p, __ATOMIC_RELAXED);
		break;
	default:
		*(unsigned long long *)res = __atomic_load_n((const volatile unsigned long long *)p, __ATOMIC_RELAXED);
		break;
	}
}

static __always_inline void __kfs_write_once(volatile void *p, const void *val, int size)
{
	switch (size) {
	case 1:
		__atomic_store_n((volatile unsigned char *)p, *(const unsigned char *)val, __ATOMIC_RELAXED);
		break;
	case 2:
		__atomic_store_n((volatile unsigned short *)p, *(const unsigned short *)val, __ATOMIC_RELAXED);
		break;
	case 4:
		__atomic_store_n((volatile unsigned int *)p, *(const unsigned int *)val, __ATOMIC_RELAXED);
		break;
	default:
		__atomic_store_n((volatile unsigned long long *)p, *(const unsigned long long *)val, __ATOMIC_RELAXED);
		break;
	}
}

#define READ_ONCE(x)							\
({									\
	union {								\
		__unqual_scalar_typeof(x) __val;			\
		unsigned long long __raw;						\
	} __kfs_u;							\
	__kfs_once_size_ok(x);						\
	__kfs_read_once(&(x), &__kfs_u.__raw, sizeof(x));		\
	__kfs_u.__val;							\
})

#define WRITE_ONCE(x, val)						\
do {									\
	union {								\
		__unqual_scalar_typeof(x) __val;			\
		unsigned long long __raw;						\
	} __kfs_u = { .__val = (val) };					\
	__kfs_once_size_ok(x);						\
	__kfs_write_once(&(x), &__kfs_u.__raw, sizeof(x));		\
} while (0)

#define __READ_ONCE(x)		READ_ONCE(x)
#define __WRITE_ONCE(x, val)	WRITE_ONCE(x, val)
#define READ_ONCE_NOCHECK(x)	READ_ONCE(x)

/*
 * data_race(expr): expr races on purpose and its result is only a hint.
 * Under ThreadSanitizer the accesses are hidden from the race detector (the
 * Annotate* entry points are the TSan runtime's); elsewhere it is just expr.
 */
#if defined(__SANITIZE_THREAD__)
#define __KFS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define __KFS_TSAN 1
#endif
#endif

#ifdef __KFS_TSAN
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
#define data_race(expr)							\
({									\
	__unqual_scalar_typeof(({ expr; })) __kfs_v;			\
	AnnotateIgnoreReadsBegin(__FILE__, __LINE__);			\
	AnnotateIgnoreWritesBegin(__FILE__, __LINE__);			\
	__kfs_v = (expr);						\
	AnnotateIgnoreWritesEnd(__FILE__, __LINE__);			\
	AnnotateIgnoreReadsEnd(__FILE__, __LINE__);			\
	__kfs_v;							\
})
#else
#define data_race(expr)							\
({									\
	__unqual_scalar_typeof(({ expr; })) __kfs_v = (expr);		\
	__kfs_v;							\
})
#endif

/* Whether a pointer is a kernel text address: only used in diagnostics. */
#define is_signed_type(type)	(((type)(-1)) < (__force type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))

#endif /* __ASSEMBLY__ */

/*
 * compiler.h users expect BUILD_BUG_ON_ZERO (for __must_be_array) without
 * including build_bug.h themselves; build_bug.h only needs this file.
 */
#include <linux/build_bug.h>

#endif /* __LINUX_COMPILER_H */
