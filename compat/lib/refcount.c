/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refcount_t (lib/refcount.c's role; Documentation/core-api/
 * refcount-vs-atomic.rst).  Every operation reads the old value and
 * checks it: a counter that would wrap, or be used after reaching zero,
 * is pinned at REFCOUNT_SATURATED (with a warning, once per kind) so
 * that the object leaks instead of being freed under a user.
 */
#include <linux/refcount.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	static const char * const what[] = {
		[REFCOUNT_ADD_NOT_ZERO_OVF] = "saturated; leaking memory",
		[REFCOUNT_ADD_OVF] = "saturated; leaking memory",
		[REFCOUNT_ADD_UAF] = "addition on 0; use-after-free",
		[REFCOUNT_SUB_UAF] = "underflow; use-after-free",
		[REFCOUNT_DEC_LEAK] = "decrement hit 0; leaking memory",
	};
	static unsigned long warned;

	refcount_set(r, REFCOUNT_SATURATED);
	if ((unsigned int)t >= ARRAY_SIZE(what)) {
		WARN_ONCE(1, "refcount_t: unknown saturation event %d\n", t);
		return;
	}
	if (!test_and_set_bit(t, &warned))
		WARN(1, "refcount_t: %s.\n", what[t]);
}

/* A value that says the counter has gone wrong (or was pinned before). */
static bool kfs_refcount_bad(int v)
{
	return v < 0;
}

bool kfs_refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = atomic_read(&r->refs);

	while (old && !atomic_try_cmpxchg_relaxed(&r->refs, &old, old + i))
		;
	if (oldp)
		*oldp = old;
	if (old && (kfs_refcount_bad(old) || kfs_refcount_bad(old + i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old != 0;
}

void kfs_refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (!old)
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (kfs_refcount_bad(old) || kfs_refcount_bad(old + i))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

bool kfs_refcount_sub_and_test(int i, refcount_t *r, int *oldp)
{
	/* Release: our accesses happen before whoever frees the object. */
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (old == i) {
		/* ...and the freer (us) sees everyone's. */
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (kfs_refcount_bad(old) || kfs_refcount_bad(old - i))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

void kfs_refcount_dec(refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub_release(1, &r->refs);

	if (oldp)
		*oldp = old;
	if (old <= 1)
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

bool refcount_dec_if_one(refcount_t *r)
{
	int expect = 1;

	return atomic_try_cmpxchg_release(&r->refs, &expect, 0);
}

bool refcount_dec_not_one(refcount_t *r)
{
	int v = atomic_read(&r->refs);

	for (;;) {
		if (v == REFCOUNT_SATURATED)
			return true;	/* pinned: never reaches zero */
		if (v == 1)
			return false;
		if (v <= 0) {
			refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
			return true;
		}
		if (atomic_try_cmpxchg_release(&r->refs, &v, v - 1))
			return true;
	}
}

bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	mutex_lock(lock);
	if (refcount_dec_and_test(r))
		return true;
	mutex_unlock(lock);
	return false;
}

bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock(lock);
	if (refcount_dec_and_test(r))
		return true;
	spin_unlock(lock);
	return false;
}

bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock_irqsave(lock, *flags);
	if (refcount_dec_and_test(r))
		return true;
	spin_unlock_irqrestore(lock, *flags);
	return false;
}
