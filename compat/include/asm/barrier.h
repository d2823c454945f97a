/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory barriers (Documentation/memory-barriers.txt) on C11 fences and
 * acquire/release accesses.  x86-64 would need little more than compiler
 * barriers, but the C11 forms keep the compiler honest on any host.
 *
 * ThreadSanitizer does not model standalone fences: two threads that order
 * plain accesses with smp_wmb()/smp_rmb() look racy to it.  Under TSan each
 * write barrier therefore also releases, and each read barrier acquires, one
 * shared synchronisation address -- a superset of the real ordering, which
 * may hide a race but never reports a false one.
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#include <linux/compiler.h>

#ifdef __KFS_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
extern char kfs_barrier_sync;
#define __kfs_fence_acquire()	__tsan_acquire(&kfs_barrier_sync)
#define __kfs_fence_release()	__tsan_release(&kfs_barrier_sync)
/*
 * GCC refuses atomic_thread_fence under -fsanitize=thread: a locked
 * read-modify-write is a full barrier on x86-64 too; acquire and release
 * fences are compiler barriers there.
 */
#define __kfs_hw_mb()		((void)__atomic_fetch_add(&kfs_barrier_sync, 0, __ATOMIC_SEQ_CST))
#define __kfs_hw_rmb()		barrier()
#define __kfs_hw_wmb()		barrier()
#else
#define __kfs_fence_acquire()	do { } while (0)
#define __kfs_fence_release()	do { } while (0)
#define __kfs_hw_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define __kfs_hw_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define __kfs_hw_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

#if defined(__x86_64__) || defined(__i386__)
#define __kfs_relax()	__builtin_ia32_pause()
#else
#define __kfs_relax()	barrier()
#endif

#define mb()	do { __kfs_fence_release(); __kfs_hw_mb(); __kfs_fence_acquire(); } while (0)
#define rmb()	do { __kfs_hw_rmb(); __kfs_fence_acquire(); } while (0)
#define wmb()	do { __kfs_fence_release(); __kfs_hw_wmb(); } while (0)
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()

#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()

#define __smp_mb()	smp_mb()
#define __smp_rmb()	smp_rmb()
#define __smp_wmb()	smp_wmb()

/* Ordering around the non-value-returning atomics (atomic_inc & co). */
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()
#define smp_mb__after_spinlock()	smp_mb()
#define smp_mb__after_unlock_lock()	smp_mb()

#define smp_store_mb(var, value)	do { WRITE_ONCE(var, value); smp_mb(); } while (0)

/*
 * A release store / acquire load of a native word.  The value travels
 * through the object's own (qualifier-free) type.
 */
#define smp_store_release(p, v)						\
do {									\
	compiletime_assert_atomic_type(*(p));				\
	__atomic_store_n((p), (v), __ATOMIC_RELEASE);			\
} while (0)

#define smp_load_acquire(p)						\
({									\
	compiletime_assert_atomic_type(*(p));				\
	(__unqual_scalar_typeof(*(p)))__atomic_load_n((p), __ATOMIC_ACQUIRE); \
})

/* A control dependency followed by this orders later loads too. */
#define smp_acquire__after_ctrl_dep()	smp_rmb()

/* Spins until cond_expr (which may use VAL, the loaded value) holds. */
#define smp_cond_load_relaxed(ptr, cond_expr)				\
({									\
	typeof(ptr) __PTR = (ptr);					\
	__unqual_scalar_typeof(*(ptr)) VAL;				\
	for (;;) {							\
		VAL = READ_ONCE(*__PTR);				\
		if (cond_expr)						\
			break;						\
		__kfs_relax();						\
	}								\
	VAL;								\
})

#define smp_cond_load_acquire(ptr, cond_expr)				\
({									\
	typeof(ptr) __PTR = (ptr);					\
	__unqual_scalar_typeof(*(ptr)) VAL;				\
	for (;;) {							\
		VAL = smp_load_acquire(__PTR);				\
		if (cond_expr)						\
			break;						\
		__kfs_relax();						\
	}								\
	VAL;								\
})

#define virt_mb()	smp_mb()
#define virt_rmb()	smp_rmb()
#define virt_wmb()	smp_wmb()

/* Speculation barrier after a bounds check (nospec): a full fence is enough. */
#define barrier_nospec()	__kfs_hw_mb()

#endif /* _ASM_BARRIER_H */
