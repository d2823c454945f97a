/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The XArray (compat/lib/xarray.c) against its documented behaviour
 * (Documentation/core-api/xarray.rst): loads and stores at sparse and
 * huge indices, erase shrinking the tree back to empty, insert/cmpxchg/
 * reserve semantics, marks (set, clear, propagation, iteration), find and
 * find_after, extract, allocation, and the advanced-API subset.  KUnit
 * cases run under cmocka.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>

/* Distinct, 4-byte aligned "pointers" that are never dereferenced. */
static void *ptr(unsigned long i)
{
	return (void *)((i + 1) << 4);
}

static void load_store_erase(struct kunit *test)
{
	static const unsigned long idx[] = {
		0, 1, 63, 64, 65, 4095, 4096, 1UL << 20, (1UL << 32) + 7,
		ULONG_MAX - 1, ULONG_MAX,
	};
	DEFINE_XARRAY(xa);
	unsigned int i;

	KUNIT_EXPECT_TRUE(test, xa_empty(&xa));
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 0));
	KUNIT_EXPECT_NULL(test, xa_load(&xa, ULONG_MAX));

	for (i = 0; i < ARRAY_SIZE(idx); i++)
		KUNIT_EXPECT_NULL(test, xa_store(&xa, idx[i], ptr(idx[i]), GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, xa_empty(&xa));
	for (i = 0; i < ARRAY_SIZE(idx); i++)
		KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, idx[i]), ptr(idx[i]));
	/* Neighbours of stored indices stay empty. */
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 2));
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 4097));
	KUNIT_EXPECT_NULL(test, xa_load(&xa, ULONG_MAX - 2));

	/* Replacing returns the old entry. */
	KUNIT_EXPECT_PTR_EQ(test, xa_store(&xa, 64, ptr(1000), GFP_KERNEL), ptr(64));
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, 64), ptr(1000));

	/* Storing NULL erases. */
	KUNIT_EXPECT_PTR_EQ(test, xa_store(&xa, 64, NULL, GFP_KERNEL), ptr(1000));
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 64));

	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		void *want = idx[i] == 64 ? NULL : ptr(idx[i]);

		KUNIT_EXPECT_PTR_EQ(test, xa_erase(&xa, idx[i]), want);
	}
	KUNIT_EXPECT_NULL(test, xa_erase(&xa, 12345));
	KUNIT_EXPECT_TRUE(test, xa_empty(&xa));
	xa_destroy(&xa);
}

static void values_and_errors(struct kunit *test)
{
	DEFINE_XARRAY(xa);
	void *e;

	KUNIT_EXPECT_TRUE(test, xa_is_value(xa_mk_value(0)));
	KUNIT_EXPECT_EQ(test, xa_to_value(xa_mk_value(LONG_MAX)), (unsigned long)LONG_MAX);
	KUNIT_EXPECT_FALSE(test, xa_is_value(ptr(3)));

	KUNIT_EXPECT_NULL(test, xa_store(&xa, 5, xa_mk_value(42), GFP_KERNEL));
	e = xa_load(&xa, 5);
	KUNIT_EXPECT_TRUE(test, xa_is_value(e));
	KUNIT_EXPECT_EQ(test, xa_to_value(e), 42UL);

	KUNIT_EXPECT_EQ(test, xa_err(NULL), 0);
	KUNIT_EXPECT_EQ(test, xa_err(ptr(1)), 0);
	KUNIT_EXPECT_EQ(test, xa_err(xa_mk_internal(-ENOMEM)), -ENOMEM);
	KUNIT_EXPECT_TRUE(test, xa_is_err(xa_mk_internal(-EBUSY)));
	KUNIT_EXPECT_FALSE(test, xa_is_err(XA_ZERO_ENTRY));
	xa_destroy(&xa);
}

static void insert_cmpxchg_reserve(struct kunit *test)
{
	DEFINE_XARRAY(xa);

	KUNIT_EXPECT_EQ(test, xa_insert(&xa, 10, ptr(10), GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, xa_insert(&xa, 10, ptr(11), GFP_KERNEL), -EBUSY);
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, 10), ptr(10));

	/* cmpxchg stores only over the expected entry, and returns what was there. */
	KUNIT_EXPECT_PTR_EQ(test, xa_cmpxchg(&xa, 10, ptr(99), ptr(12), GFP_KERNEL), ptr(10));
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, 10), ptr(10));
	KUNIT_EXPECT_PTR_EQ(test, xa_cmpxchg(&xa, 10, ptr(10), ptr(12), GFP_KERNEL), ptr(10));
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, 10), ptr(12));
	KUNIT_EXPECT_NULL(test, xa_cmpxchg(&xa, 20, NULL, ptr(20), GFP_KERNEL));
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&xa, 20), ptr(20));

	/* A reserved index reads as NULL but is busy for insert. */
	KUNIT_EXPECT_EQ(test, xa_reserve(&xa, 30, GFP_KERNEL), 0);
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 30));
	KUNIT_EXPECT_FALSE(test, xa_empty(&xa));
	KUNIT_EXPECT_EQ(test, xa_insert(&xa, 30, ptr(30), GFP_KERNEL), -EBUSY);
	xa_release(&xa, 30);
	KUNIT_EXPECT_EQ(test, xa_insert(&xa, 30, ptr(30), GFP_KERNEL), 0);

	/* Internal entries may not be stored. */
	KUNIT_EXPECT_EQ(test, xa_err(xa_store(&xa, 1, xa_mk_internal(5), GFP_KERNEL)), -EINVAL);

	xa_erase(&xa, 10);
	xa_erase(&xa, 20);
	xa_erase(&xa, 30);
	KUNIT_EXPECT_TRUE(test, xa_empty(&xa));
	xa_destroy(&xa);
}

static void marks(struct kunit *test)
{
	DEFINE_XARRAY(xa);
	unsigned long index;
	unsigned int n;
	void *e;

	for (index = 0; index < 300; index++)
		xa_store(&xa, index * 7, ptr(index), GFP_KERNEL);
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_0));

	/* Marking an absent index does nothing. */
	xa_set_mark(&xa, 1, XA_MARK_0);
	KUNIT_EXPECT_FALSE(test, xa_get_mark(&xa, 1, XA_MARK_0));
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_0));

	xa_set_mark(&xa, 7 * 5, XA_MARK_0);
	xa_set_mark(&xa, 7 * 150, XA_MARK_0);
	xa_set_mark(&xa, 7 * 299, XA_MARK_0);
	xa_set_mark(&xa, 7 * 150, XA_MARK_2);
	KUNIT_EXPECT_TRUE(test, xa_marked(&xa, XA_MARK_0));
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_1));
	KUNIT_EXPECT_TRUE(test, xa_marked(&xa, XA_MARK_2));
	KUNIT_EXPECT_TRUE(test, xa_get_mark(&xa, 35, XA_MARK_0));
	KUNIT_EXPECT_FALSE(test, xa_get_mark(&xa, 35, XA_MARK_2));
	KUNIT_EXPECT_FALSE(test, xa_get_mark(&xa, 42, XA_MARK_0));

	/* Iterating a mark visits exactly the marked entries, in order. */
	n = 0;
	xa_for_each_marked(&xa, index, e, XA_MARK_0) {
		static const unsigned long want[] = { 35, 1050, 2093 };

		KUNIT_ASSERT_LT(test, n, 3U);
		KUNIT_EXPECT_EQ(test, index, want[n]);
		KUNIT_EXPECT_PTR_EQ(test, e, ptr(want[n] / 7));
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 3U);

	/* find with a mark and a bound. */
	index = 36;
	KUNIT_EXPECT_PTR_EQ(test, xa_find(&xa, &index, ULONG_MAX, XA_MARK_0), ptr(150));
	KUNIT_EXPECT_EQ(test, index, 1050UL);
	index = 36;
	KUNIT_EXPECT_NULL(test, xa_find(&xa, &index, 1049, XA_MARK_0));
	index = 1050;
	KUNIT_EXPECT_PTR_EQ(test, xa_find_after(&xa, &index, ULONG_MAX, XA_MARK_0), ptr(299));
	KUNIT_EXPECT_EQ(test, index, 2093UL);
	KUNIT_EXPECT_NULL(test, xa_find_after(&xa, &index, ULONG_MAX, XA_MARK_0));

	/* Clearing propagates up: the array loses the mark with its last entry. */
	xa_clear_mark(&xa, 35, XA_MARK_0);
	xa_clear_mark(&xa, 1050, XA_MARK_0);
	KUNIT_EXPECT_TRUE(test, xa_marked(&xa, XA_MARK_0));
	xa_clear_mark(&xa, 2093, XA_MARK_0);
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_0));
	index = 0;
	KUNIT_EXPECT_NULL(test, xa_find(&xa, &index, ULONG_MAX, XA_MARK_0));

	/* Erasing a marked entry drops its marks. */
	KUNIT_EXPECT_PTR_EQ(test, xa_erase(&xa, 1050), ptr(150));
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_2));
	xa_store(&xa, 1050, ptr(150), GFP_KERNEL);
	KUNIT_EXPECT_FALSE(test, xa_get_mark(&xa, 1050, XA_MARK_2));

	/* Marks survive the tree growing a new root above them. */
	xa_set_mark(&xa, 14, XA_MARK_1);
	xa_store(&xa, 1UL << 40, ptr(77), GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, xa_get_mark(&xa, 14, XA_MARK_1));
	KUNIT_EXPECT_TRUE(test, xa_marked(&xa, XA_MARK_1));
	xa_set_mark(&xa, 1UL << 40, XA_MARK_1);
	index = 15;
	KUNIT_EXPECT_PTR_EQ(test, xa_find(&xa, &index, ULONG_MAX, XA_MARK_1), ptr(77));
	KUNIT_EXPECT_EQ(test, index, 1UL << 40);
	xa_erase(&xa, 1UL << 40);
	KUNIT_EXPECT_TRUE(test, xa_marked(&xa, XA_MARK_1));

	xa_destroy(&xa);
	KUNIT_EXPECT_TRUE(test, xa_empty(&xa));
	KUNIT_EXPECT_FALSE(test, xa_marked(&xa, XA_MARK_1));
}

static void iteration_and_extract(struct kunit *test)
{
	DEFINE_XARRAY(xa);
	unsigned long index, expect;
	void *e, *out[8];
	unsigned int n;

	for (index = 100; index < 200; index += 10)
		xa_store(&xa, index, ptr(index), GFP_KERNEL);
	xa_store(&xa, 5000, ptr(5000), GFP_KERNEL);
	/* A reserved entry is skipped by iteration. */
	KUNIT_EXPECT_EQ(test, xa_reserve(&xa, 125, GFP_KERNEL), 0);

	expect = 100;
	n = 0;
	xa_for_each(&xa, index, e) {
		if (expect == 200)
			expect = 5000;
		KUNIT_EXPECT_EQ(test, index, expect);
		KUNIT_EXPECT_PTR_EQ(test, e, ptr(expect));
		expect += 10;
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 11U);

	n = 0;
	xa_for_each_range(&xa, index, e, 115, 160)
		n++;
	KUNIT_EXPECT_EQ(test, n, 5U);	/* 120 130 140 150 160 */

	n = xa_extract(&xa, out, 0, ULONG_MAX, ARRAY_SIZE(out), XA_PRESENT);
	KUNIT_EXPECT_EQ(test, n, 8U);
	KUNIT_EXPECT_PTR_EQ(test, out[0], ptr(100));
	KUNIT_EXPECT_PTR_EQ(test, out[7], ptr(170));
	n = xa_extract(&xa, out, 171, ULONG_MAX, ARRAY_SIZE(out), XA_PRESENT);
	KUNIT_EXPECT_EQ(test, n, 3U);
	KUNIT_EXPECT_PTR_EQ(test, out[2], ptr(5000));

	/* find_after at the top index does not wrap. */
	index = ULONG_MAX;
	KUNIT_EXPECT_NULL(test, xa_find_after(&xa, &index, ULONG_MAX, XA_PRESENT));
	xa_destroy(&xa);
}

static void allocation(struct kunit *test)
{
	DEFINE_XARRAY_ALLOC(xa);
	DEFINE_XARRAY_ALLOC1(xa1);
	u32 id, next = 0;
	int i;

	for (i = 0; i < 100; i++) {
		KUNIT_ASSERT_EQ(test, xa_alloc(&xa, &id, ptr(i), xa_limit_32b, GFP_KERNEL), 0);
		KUNIT_EXPECT_EQ(test, id, (u32)i);
	}
	/* Freed ids are reused lowest first. */
	xa_erase(&xa, 17);
	xa_erase(&xa, 3);
	KUNIT_EXPECT_EQ(test, xa_alloc(&xa, &id, ptr(500), xa_limit_32b, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 3U);
	KUNIT_EXPECT_EQ(test, xa_alloc(&xa, &id, NULL, xa_limit_32b, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 17U);
	/* A NULL allocation keeps its id busy. */
	KUNIT_EXPECT_NULL(test, xa_load(&xa, 17));
	KUNIT_EXPECT_EQ(test, xa_alloc(&xa, &id, ptr(1), XA_LIMIT(10, 20), GFP_KERNEL), -EBUSY);
	KUNIT_EXPECT_EQ(test, xa_alloc(&xa, &id, ptr(1), XA_LIMIT(10, 100), GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 100U);
	xa_destroy(&xa);

	/* ALLOC1 arrays never hand out 0. */
	KUNIT_EXPECT_EQ(test, xa_alloc(&xa1, &id, ptr(1), xa_limit_32b, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 1U);

	/* Cyclic allocation continues after the last id and wraps. */
	KUNIT_EXPECT_EQ(test, xa_alloc_cyclic(&xa1, &id, ptr(2), XA_LIMIT(1, 3), &next,
					      GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 2U);
	KUNIT_EXPECT_EQ(test, xa_alloc_cyclic(&xa1, &id, ptr(3), XA_LIMIT(1, 3), &next,
					      GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, id, 3U);
	xa_erase(&xa1, 1);
	KUNIT_EXPECT_EQ(test, xa_alloc_cyclic(&xa1, &id, ptr(4), XA_LIMIT(1, 3), &next,
					      GFP_KERNEL), 1);
	KUNIT_EXPECT_EQ(test, id, 1U);
	xa_destroy(&xa1);
}

static void advanced_subset(struct kunit *test)
{
	DEFINE_XARRAY(xa);
	XA_STATE(xas, &xa, 0);
	unsigned long seen[4];
	unsigned int n = 0;
	void *e;

	xa_store(&xa, 3, ptr(3), GFP_KERNEL);
	xa_store(&xa, 70, ptr(70), GFP_KERNEL);
	xa_store(&xa, 71, ptr(71), GFP_KERNEL);
	xa_set_mark(&xa, 71, XA_MARK_1);

	rcu_read_lock();
	xas_for_each(&xas, e, 100) {
		KUNIT_ASSERT_LT(test, n, 4U);
		seen[n++] = xas.xa_index;
	}
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, n, 3U);
	KUNIT_EXPECT_EQ(test, seen[0], 3UL);
	KUNIT_EXPECT_EQ(test, seen[2], 71UL);

	xas_set(&xas, 4);
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, xas_load(&xas));
	xas_set(&xas, 70);
	KUNIT_EXPECT_PTR_EQ(test, xas_load(&xas), ptr(70));
	xas_set(&xas, 0);
	KUNIT_EXPECT_PTR_EQ(test, xas_find_marked(&xas, ULONG_MAX, XA_MARK_1), ptr(71));
	KUNIT_EXPECT_NULL(test, xas_find_marked(&xas, ULONG_MAX, XA_MARK_1));
	rcu_read_unlock();
	xa_destroy(&xa);
}

/* Dense filling and emptying in a pattern that makes the tree grow and shrink. */
static void grow_and_shrink(struct kunit *test)
{
	DEFINE_XARRAY(xa);
	unsigned long i;

	for (i = 0; i < 5000; i++)
		KUNIT_ASSERT_NULL(test, xa_store(&xa, i * 3, ptr(i), GFP_KERNEL));
	for (i = 0; i < 5000; i++)
		KUNIT_ASSERT_PTR_EQ(test, xa_load(&xa, i * 3), ptr(i));
	/* Erase from the top, so the root repeatedly loses its upper part. */
	for (i = 5000; i-- > 0;) {
		KUNIT_ASSERT_PTR_EQ(test, xa_erase(&xa, i * 3), ptr(i));
		if (i)
			KUNIT_ASSERT_PTR_EQ(test, xa_load(&xa, (i - 1) * 3), ptr(i - 1));
	}
	KUNIT_EXPECT_TRUE(test, xa_empty(&xa));
	xa_destroy(&xa);
}

static struct kunit_case xarray_cases[] = {
	KUNIT_CASE(load_store_erase),
	KUNIT_CASE(values_and_errors),
	KUNIT_CASE(insert_cmpxchg_reserve),
	KUNIT_CASE(marks),
	KUNIT_CASE(iteration_and_extract),
	KUNIT_CASE(allocation),
	KUNIT_CASE(advanced_subset),
	KUNIT_CASE(grow_and_shrink),
	{}
};

static struct kunit_suite xarray_suite = {
	.name = "xarray",
	.test_cases = xarray_cases,
};

kunit_test_suite(xarray_suite);
