/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-cpu counters (lib/percpu_counter.c's role), as one atomic 64-bit
 * count: see <linux/percpu_counter.h>.
 */
#include <linux/percpu_counter.h>
#include <linux/bug.h>

int percpu_counter_batch = 32;

int __percpu_counter_init(struct percpu_counter *fbc, s64 amount, gfp_t gfp,
			  struct lock_class_key *key)
{
	atomic64_set(&fbc->count, amount);
	WRITE_ONCE(fbc->initialized, true);
	return 0;
}

void percpu_counter_destroy(struct percpu_counter *fbc)
{
	WRITE_ONCE(fbc->initialized, false);
}

void percpu_counter_set(struct percpu_counter *fbc, s64 amount)
{
	atomic64_set(&fbc->count, amount);
}

void percpu_counter_add_batch(struct percpu_counter *fbc, s64 amount, s32 batch)
{
	atomic64_add(amount, &fbc->count);
}

s64 __percpu_counter_sum(struct percpu_counter *fbc)
{
	return atomic64_read(&fbc->count);
}

int __percpu_counter_compare(struct percpu_counter *fbc, s64 rhs, s32 batch)
{
	s64 count = atomic64_read(&fbc->count);

	if (count > rhs)
		return 1;
	if (count < rhs)
		return -1;
	return 0;
}

void percpu_counter_sync(struct percpu_counter *fbc)
{
}
