/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-cpu data, dynamically allocated (alloc_percpu()).
 *
 * kfs keeps one arena with a copy ("unit") per fake CPU, KFS_PCPU_UNIT
 * bytes apart: an allocation returns its address in unit 0, and the same
 * object of CPU n is that address plus n units -- which also holds for any
 * member of it, as per_cpu_ptr(&p->member, cpu) needs.  A task's CPU number
 * never changes (smp.h), so this_cpu_ptr() is stable for the task.  Several
 * tasks can share a fake CPU, so the this_cpu_*() operations are atomic.
 * Statically defined per-cpu variables (DEFINE_PER_CPU) are not provided.
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

/* Bytes between two CPUs' copies (the most one CPU can hold). */
#define KFS_PCPU_UNIT		(1UL << 20)
#define PERCPU_ENOUGH_ROOM	KFS_PCPU_UNIT

void __percpu *__alloc_percpu(size_t size, size_t align);
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void free_percpu(void __percpu *pdata);

#define alloc_percpu_gfp(type, gfp)					\
	((typeof(type) __percpu *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))
#define alloc_percpu(type)						\
	((typeof(type) __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))

#define per_cpu_ptr(ptr, cpu)						\
	((typeof(ptr))((unsigned long)(ptr) + (unsigned long)(cpu) * KFS_PCPU_UNIT))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

#define get_cpu_ptr(ptr)	({ preempt_disable(); this_cpu_ptr(ptr); })
#define put_cpu_ptr(ptr)	do { (void)(ptr); preempt_enable(); } while (0)

#define this_cpu_read(pcp)	READ_ONCE(*this_cpu_ptr(&(pcp)))
#define this_cpu_write(pcp, val)	WRITE_ONCE(*this_cpu_ptr(&(pcp)), (val))
#define this_cpu_add(pcp, val)						\
	((void)__atomic_fetch_add(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_sub(pcp, val)						\
	((void)__atomic_fetch_sub(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_sub(pcp, 1)
#define this_cpu_and(pcp, val)						\
	((void)__atomic_fetch_and(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_or(pcp, val)						\
	((void)__atomic_fetch_or(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_add_return(pcp, val)					\
	__atomic_add_fetch(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_sub_return(pcp, val)					\
	__atomic_sub_fetch(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define this_cpu_dec_return(pcp)	this_cpu_sub_return(pcp, 1)
#define this_cpu_xchg(pcp, nval)					\
	__atomic_exchange_n(this_cpu_ptr(&(pcp)), (nval), __ATOMIC_RELAXED)
#define this_cpu_cmpxchg(pcp, oval, nval)				\
({									\
	typeof(pcp) __kfs_o = (oval);					\
	__atomic_compare_exchange_n(this_cpu_ptr(&(pcp)), &__kfs_o, (nval), 0, \
				    __ATOMIC_RELAXED, __ATOMIC_RELAXED); \
	__kfs_o;							\
})

#define __this_cpu_read(pcp)		this_cpu_read(pcp)
#define __this_cpu_write(pcp, val)	this_cpu_write(pcp, val)
#define __this_cpu_add(pcp, val)	this_cpu_add(pcp, val)
#define __this_cpu_sub(pcp, val)	this_cpu_sub(pcp, val)
#define __this_cpu_inc(pcp)		this_cpu_inc(pcp)
#define __this_cpu_dec(pcp)		this_cpu_dec(pcp)
#define __this_cpu_add_return(pcp, val)	this_cpu_add_return(pcp, val)
#define raw_cpu_read(pcp)		this_cpu_read(pcp)
#define raw_cpu_write(pcp, val)		this_cpu_write(pcp, val)
#define raw_cpu_add(pcp, val)		this_cpu_add(pcp, val)
#define raw_cpu_inc(pcp)		this_cpu_inc(pcp)
#define raw_cpu_dec(pcp)		this_cpu_dec(pcp)

#endif /* __LINUX_PERCPU_H */
