/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct iov_iter (compat/lib/iov_iter.c): copies in both directions across
 * segment boundaries of ITER_UBUF, ITER_IOVEC, ITER_KVEC and ITER_BVEC
 * iterators, advance/revert/truncate/reexpand, zeroing, discard, the
 * alignment helpers and get_pages.  KUnit cases run under cmocka.
 */
#include <kunit/test.h>
#include <linux/bvec.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

static void fill_pattern(char *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (char)(seed + i * 7);
}

/* Segments of 3, 0, 10 and 5 bytes: 18 in all. */
static void iovec_copies(struct kunit *test)
{
	char a[3], b[1], c[10], d[5], src[18], dst[18];
	struct iovec iov[] = {
		{ a, sizeof(a) }, { b, 0 }, { c, sizeof(c) }, { d, sizeof(d) },
	};
	struct iov_iter iter;

	fill_pattern(src, sizeof(src), 1);
	iov_iter_init(&iter, READ, iov, ARRAY_SIZE(iov), sizeof(src));
	KUNIT_EXPECT_EQ(test, iov_iter_rw(&iter), READ);
	KUNIT_EXPECT_TRUE(test, iter_is_iovec(&iter));
	KUNIT_EXPECT_TRUE(test, user_backed_iter(&iter));

	/* Copy in three pieces that straddle the segment boundaries. */
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, 5, &iter), 5UL);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 13UL);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src + 5, 9, &iter), 9UL);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src + 14, 100, &iter), 4UL);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 0UL);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, 1, &iter), 0UL);
	KUNIT_EXPECT_EQ(test, memcmp(a, src, 3), 0);
	KUNIT_EXPECT_EQ(test, memcmp(c, src + 3, 10), 0);
	KUNIT_EXPECT_EQ(test, memcmp(d, src + 13, 5), 0);

	/* And back out again, through a WRITE iterator. */
	iov_iter_init(&iter, WRITE, iov, ARRAY_SIZE(iov), sizeof(src));
	memset(dst, 0, sizeof(dst));
	KUNIT_EXPECT_EQ(test, copy_from_iter(dst, 11, &iter), 11UL);
	KUNIT_EXPECT_EQ(test, copy_from_iter(dst + 11, 7, &iter), 7UL);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src, sizeof(src)), 0);
}

static void kvec_advance_revert(struct kunit *test)
{
	char x[4], y[6], z[2], src[12], out[12];
	struct kvec kv[] = { { x, 4 }, { y, 6 }, { z, 2 } };
	struct iov_iter iter;
	struct iov_iter_state state;

	fill_pattern(src, sizeof(src), 40);
	memcpy(x, src, 4);
	memcpy(y, src + 4, 6);
	memcpy(z, src + 10, 2);

	iov_iter_kvec(&iter, WRITE, kv, ARRAY_SIZE(kv), 12);
	KUNIT_EXPECT_TRUE(test, iov_iter_is_kvec(&iter));
	KUNIT_EXPECT_EQ(test, iov_iter_single_seg_count(&iter), 4UL);

	iov_iter_advance(&iter, 4);	/* exactly one segment */
	KUNIT_EXPECT_EQ(test, iter.nr_segs, 2UL);
	KUNIT_EXPECT_EQ(test, iter.iov_offset, 0UL);
	KUNIT_EXPECT_EQ(test, iov_iter_single_seg_count(&iter), 6UL);
	iov_iter_advance(&iter, 7);	/* into the last segment */
	KUNIT_EXPECT_EQ(test, iter.nr_segs, 1UL);
	KUNIT_EXPECT_EQ(test, iter.iov_offset, 1UL);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 1UL);

	/* Walk back across two boundaries and re-read. */
	iov_iter_revert(&iter, 9);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 10UL);
	KUNIT_EXPECT_EQ(test, copy_from_iter(out, 10, &iter), 10UL);
	KUNIT_EXPECT_EQ(test, memcmp(out, src + 2, 10), 0);

	/* Revert everything: back at the start of the first segment. */
	iov_iter_revert(&iter, 12);
	KUNIT_EXPECT_EQ(test, iter.nr_segs, 3UL);
	KUNIT_EXPECT_EQ(test, iter.iov_offset, 0UL);
	KUNIT_EXPECT_PTR_EQ(test, (const void *)iter.kvec, (const void *)kv);

	/* Save and restore. */
	iov_iter_advance(&iter, 5);
	iov_iter_save_state(&iter, &state);
	KUNIT_EXPECT_EQ(test, copy_from_iter(out, 6, &iter), 6UL);
	iov_iter_restore(&iter, &state);
	KUNIT_EXPECT_EQ(test, copy_from_iter(out, 7, &iter), 7UL);
	KUNIT_EXPECT_EQ(test, memcmp(out, src + 5, 7), 0);

	/* copy_from_iter_full is all-or-nothing. */
	iov_iter_kvec(&iter, WRITE, kv, ARRAY_SIZE(kv), 12);
	iov_iter_advance(&iter, 8);
	KUNIT_EXPECT_FALSE(test, copy_from_iter_full(out, 5, &iter));
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 4UL);
	KUNIT_EXPECT_TRUE(test, copy_from_iter_full(out, 4, &iter));
	KUNIT_EXPECT_EQ(test, memcmp(out, src + 8, 4), 0);
}

static void truncate_reexpand(struct kunit *test)
{
	char buf[64], src[64];
	struct kvec kv = { buf, sizeof(buf) };
	struct iov_iter iter;

	fill_pattern(src, sizeof(src), 9);
	iov_iter_kvec(&iter, READ, &kv, 1, sizeof(buf));
	iov_iter_truncate(&iter, 10);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 10UL);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, 64, &iter), 10UL);
	iov_iter_reexpand(&iter, 20);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src + 10, 64, &iter), 20UL);
	KUNIT_EXPECT_EQ(test, memcmp(buf, src, 30), 0);
	/* Truncating to more than is left changes nothing. */
	iov_iter_truncate(&iter, 1000);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 0UL);
}

/* Three page pieces: the tail of page 0, a middle chunk and page 1 whole. */
static void bvec_pages(struct kunit *test)
{
	struct page *p0 = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct page *p1 = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct bio_vec bv[3];
	struct iov_iter iter;
	char *src, *dst;
	size_t total = 100 + 50 + PAGE_SIZE;

	KUNIT_ASSERT_NOT_NULL(test, p0);
	KUNIT_ASSERT_NOT_NULL(test, p1);
	src = kmalloc(total, GFP_KERNEL);
	dst = kmalloc(total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	fill_pattern(src, total, 3);

	bvec_set_page(&bv[0], p0, 100, PAGE_SIZE - 100);
	bvec_set_page(&bv[1], p0, 50, 1000);
	bvec_set_page(&bv[2], p1, PAGE_SIZE, 0);
	iov_iter_bvec(&iter, READ, bv, 3, total);
	KUNIT_EXPECT_TRUE(test, iov_iter_is_bvec(&iter));
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, total, &iter), total);
	KUNIT_EXPECT_EQ(test, memcmp(page_address(p0) + PAGE_SIZE - 100, src, 100), 0);
	KUNIT_EXPECT_EQ(test, memcmp(page_address(p0) + 1000, src + 100, 50), 0);
	KUNIT_EXPECT_EQ(test, memcmp(page_address(p1), src + 150, PAGE_SIZE), 0);
	/* Bytes outside the pieces are untouched. */
	KUNIT_EXPECT_EQ(test, ((char *)page_address(p0))[999], 0);
	KUNIT_EXPECT_EQ(test, ((char *)page_address(p0))[1050], 0);

	/* copy_page_to_iter / copy_page_from_iter through the same pieces. */
	iov_iter_bvec(&iter, WRITE, bv, 3, total);
	iov_iter_advance(&iter, 120);	/* into the middle piece */
	memset(dst, 0, total);
	KUNIT_EXPECT_EQ(test, copy_from_iter(dst, 30 + 16, &iter), 46UL);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src + 120, 46), 0);

	{
		struct kvec kv = { dst, 300 };

		iov_iter_kvec(&iter, READ, &kv, 1, 300);
		KUNIT_EXPECT_EQ(test, copy_page_to_iter(p1, 10, 300, &iter), 300UL);
		KUNIT_EXPECT_EQ(test, memcmp(dst, src + 160, 300), 0);
		iov_iter_kvec(&iter, WRITE, &kv, 1, 300);
		KUNIT_EXPECT_EQ(test, copy_page_from_iter_atomic(p0, 2000, 300, &iter), 300UL);
		KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 0UL);
		KUNIT_EXPECT_EQ(test, memcmp(page_address(p0) + 2000, src + 160, 300), 0);
	}

	/* iov_iter_zero clears through the pieces. */
	iov_iter_bvec(&iter, READ, bv, 3, total);
	KUNIT_EXPECT_EQ(test, iov_iter_zero(130, &iter), 130UL);
	KUNIT_EXPECT_NULL(test, memchr_inv(page_address(p0) + PAGE_SIZE - 100, 0, 100));
	KUNIT_EXPECT_NULL(test, memchr_inv(page_address(p0) + 1000, 0, 30));
	KUNIT_EXPECT_EQ(test, ((char *)page_address(p0))[1030], src[130]);

	kfree(src);
	kfree(dst);
	__free_page(p0);
	__free_page(p1);
}

static void ubuf_and_discard(struct kunit *test)
{
	char buf[32], src[32];
	struct iov_iter iter;

	fill_pattern(src, sizeof(src), 77);
	iov_iter_ubuf(&iter, READ, buf, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, iter_is_ubuf(&iter));
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, 20, &iter), 20UL);
	iov_iter_revert(&iter, 5);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src + 15, 17, &iter), 17UL);
	KUNIT_EXPECT_EQ(test, memcmp(buf, src, 32), 0);

	iov_iter_discard(&iter, READ, 10);
	KUNIT_EXPECT_EQ(test, copy_to_iter(src, 32, &iter), 10UL);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 0UL);
}

static void alignment_and_pages(struct kunit *test)
{
	struct page *p0 = alloc_page(GFP_KERNEL);
	struct page *p1 = alloc_page(GFP_KERNEL);
	struct iovec iov[2];
	struct iov_iter iter;
	struct page *pages[4];
	size_t start;
	ssize_t got;

	KUNIT_ASSERT_NOT_NULL(test, p0);
	KUNIT_ASSERT_NOT_NULL(test, p1);
	iov[0].iov_base = page_address(p0);
	iov[0].iov_len = 512;
	iov[1].iov_base = page_address(p1) + 1024;
	iov[1].iov_len = 1024;
	iov_iter_init(&iter, READ, iov, 2, 1536);
	KUNIT_EXPECT_EQ(test, iov_iter_alignment(&iter) & 511, 0UL);
	KUNIT_EXPECT_TRUE(test, iov_iter_is_aligned(&iter, 511, 511));
	KUNIT_EXPECT_EQ(test, iov_iter_npages(&iter, 16), 2);
	KUNIT_EXPECT_EQ(test, iov_iter_npages(&iter, 1), 1);
	iov_iter_advance(&iter, 1);
	/* Address p0 + 1, length 511: both misaligned. */
	KUNIT_EXPECT_EQ(test, iov_iter_alignment(&iter) & 511, 511UL);
	KUNIT_EXPECT_FALSE(test, iov_iter_is_aligned(&iter, 511, 0));

	/* get_pages: the first segment only, the allocator's own pages. */
	iov_iter_init(&iter, READ, iov, 2, 1536);
	iov_iter_advance(&iter, 100);
	got = iov_iter_get_pages2(&iter, pages, 4096, 4, &start);
	KUNIT_EXPECT_EQ(test, got, 412L);
	KUNIT_EXPECT_EQ(test, start, 100UL);
	KUNIT_EXPECT_PTR_EQ(test, pages[0], p0);
	KUNIT_EXPECT_EQ(test, page_count(p0), 2);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 1024UL);
	put_page(pages[0]);
	got = iov_iter_get_pages2(&iter, pages, 4096, 4, &start);
	KUNIT_EXPECT_EQ(test, got, 1024L);
	KUNIT_EXPECT_EQ(test, start, 1024UL);
	KUNIT_EXPECT_PTR_EQ(test, pages[0], p1);
	KUNIT_EXPECT_EQ(test, iov_iter_count(&iter), 0UL);
	put_page(pages[0]);
	KUNIT_EXPECT_EQ(test, page_count(p0), 1);
	KUNIT_EXPECT_EQ(test, page_count(p1), 1);

	/* Memory that never had a struct page gets a descriptor of its own. */
	{
		char *mem = kmalloc(64, GFP_KERNEL);
		struct kvec kv = { mem, 64 };
		struct page **pv = NULL;

		KUNIT_ASSERT_NOT_NULL(test, mem);
		iov_iter_kvec(&iter, WRITE, &kv, 1, 64);
		got = iov_iter_get_pages_alloc2(&iter, &pv, 64, &start);
		KUNIT_EXPECT_EQ(test, got, 64L);
		KUNIT_ASSERT_NOT_NULL(test, pv);
		KUNIT_EXPECT_PTR_EQ(test, page_address(pv[0]) + start, (void *)mem);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_page(mem), pv[0]);
		for (got = 0; got < (ssize_t)DIV_ROUND_UP(start + 64, PAGE_SIZE); got++)
			put_page(pv[got]);
		kvfree(pv);
		kfree(mem);
	}
	__free_page(p0);
	__free_page(p1);
}

static struct kunit_case iov_iter_cases[] = {
	KUNIT_CASE(iovec_copies),
	KUNIT_CASE(kvec_advance_revert),
	KUNIT_CASE(truncate_reexpand),
	KUNIT_CASE(bvec_pages),
	KUNIT_CASE(ubuf_and_discard),
	KUNIT_CASE(alignment_and_pages),
	{}
};

static struct kunit_suite iov_iter_suite = {
	.name = "iov_iter",
	.test_cases = iov_iter_cases,
};

kunit_test_suite(iov_iter_suite);
