/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refcount_t: reference counts that refuse to wrap
 * (Documentation/core-api/refcount-vs-atomic.rst).
 *
 * Overflow, increment from zero (a use after free) and decrement below one
 * where the count must not reach zero are reported once with a warning and
 * leave the counter saturated at REFCOUNT_SATURATED, so the object leaks
 * rather than being freed while still in use.  Ordering: increments are
 * unordered, a decrement releases, and the decrement that reaches zero also
 * acquires (the caller may then free the object).
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/stddef.h>
#include <linux/spinlock_types.h>

struct mutex;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

#define refcount_set(r, n)		atomic_set(&(r)->refs, (n))
#define refcount_read(r)		((unsigned int)atomic_read(&(r)->refs))

/*
 * The checked operations (compat/lib/refcount.c).  oldp, when not NULL,
 * receives the value before the operation.
 */
bool kfs_refcount_add_not_zero(int i, refcount_t *r, int *oldp);
void kfs_refcount_add(int i, refcount_t *r, int *oldp);
bool kfs_refcount_sub_and_test(int i, refcount_t *r, int *oldp);
void kfs_refcount_dec(refcount_t *r, int *oldp);

#define __refcount_add_not_zero(i, r, oldp)	kfs_refcount_add_not_zero(i, r, oldp)
#define refcount_add_not_zero(i, r)		kfs_refcount_add_not_zero(i, r, NULL)
#define __refcount_inc_not_zero(r, oldp)	kfs_refcount_add_not_zero(1, r, oldp)
#define refcount_inc_not_zero(r)		kfs_refcount_add_not_zero(1, r, NULL)
#define __refcount_add(i, r, oldp)		kfs_refcount_add(i, r, oldp)
#define refcount_add(i, r)			kfs_refcount_add(i, r, NULL)
#define __refcount_inc(r, oldp)			kfs_refcount_add(1, r, oldp)
#define refcount_inc(r)				kfs_refcount_add(1, r, NULL)
#define __refcount_sub_and_test(i, r, oldp)	kfs_refcount_sub_and_test(i, r, oldp)
#define refcount_sub_and_test(i, r)		kfs_refcount_sub_and_test(i, r, NULL)
#define __refcount_dec_and_test(r, oldp)	kfs_refcount_sub_and_test(1, r, oldp)
#define refcount_dec_and_test(r)		kfs_refcount_sub_and_test(1, r, NULL)
#define __refcount_dec(r, oldp)			kfs_refcount_dec(r, oldp)
#define refcount_dec(r)				kfs_refcount_dec(r, NULL)

bool refcount_dec_if_one(refcount_t *r);
bool refcount_dec_not_one(refcount_t *r);
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock);
bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags);

#endif /* _LINUX_REFCOUNT_H */
