/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page cache (compat/mm, compat/fs/fs-writeback.c) driven through a
 * test address_space whose operations work on an in-memory "disk": lookup,
 * creation and locking; read_cache_page; reads through the cache larger
 * than its budget (the cache stays within it); buffered writes larger than
 * the budget (dirty pages are written back by the flusher before they can
 * be evicted, and nothing is lost); truncation of exact ranges with
 * ->invalidate_folio; data-integrity writeback of a range; error reporting.
 * Every expectation is an exact outcome; nothing depends on timing.
 * KUnit cases run under cmocka.
 */
#include <kunit/test.h>
#include <linux/backing-dev.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include <linux/writeback.h>
#include <kfs/mm.h>

#define DISK_PAGES	1024
#define LIMIT_PAGES	64

/* One test file system: a super block, a bdi with its flusher, one inode. */
struct fake {
	struct super_block *sb;
	struct backing_dev_info *bdi;
	struct inode *inode;
	struct address_space *mapping;
	struct file file;
	char *disk;			/* DISK_PAGES pages */
	atomic_t reads, readaheads, writes;
	atomic_t inode_writes;		/* ->write_inode calls */
	int last_inode_sync_mode;
	pgoff_t fail_read;		/* read_folio leaves this index !uptodate */
	pgoff_t fail_write;		/* writepage fails this index with -EIO */
	spinlock_t log_lock;
	unsigned int ninval;
	struct { pgoff_t index; size_t offset, len; } inval[64];
	unsigned long long old_limit;
};

static struct fake *F;

static char pattern(pgoff_t index, size_t off)
{
	return (char)(index * 31 + off * 7 + 1);
}

/* Past the end of the disk (EOF) a read gives zeroes, as block-based reads do. */
static void fill_from_disk(struct folio *folio)
{
	if (folio->index >= DISK_PAGES)
		memset(folio_address(folio), 0, PAGE_SIZE);
	else
		memcpy(folio_address(folio), F->disk + folio->index * PAGE_SIZE, PAGE_SIZE);
}

static int fake_read_folio(struct file *file, struct folio *folio)
{
	atomic_inc(&F->reads);
	if (folio->index != F->fail_read) {
		fill_from_disk(folio);
		folio_mark_uptodate(folio);
	}
	folio_unlock(folio);
	return 0;
}

static void fake_readahead(struct readahead_control *rac)
{
	struct folio *folio;

	atomic_inc(&F->readaheads);
	while ((folio = readahead_folio(rac))) {
		atomic_inc(&F->reads);
		fill_from_disk(folio);
		folio_mark_uptodate(folio);
		folio_unlock(folio);
	}
}

static int fake_writepage(struct page *page, struct writeback_control *wbc)
{
	struct folio *folio = page_folio(page);

	if (folio->index == F->fail_write) {
		/* As block_write_full_page does: the write ends, in error. */
		folio_start_writeback(folio);
		folio_unlock(folio);
		folio_end_writeback(folio);
		return -EIO;
	}
	folio_start_writeback(folio);
	memcpy(F->disk + folio->index * PAGE_SIZE, folio_address(folio), PAGE_SIZE);
	atomic_inc(&F->writes);
	folio_unlock(folio);
	folio_end_writeback(folio);
	return 0;
}

static void fake_invalidate_folio(struct folio *folio, size_t offset, size_t len)
{
	spin_lock(&F->log_lock);
	if (F->ninval < ARRAY_SIZE(F->inval)) {
		F->inval[F->ninval].index = folio->index;
		F->inval[F->ninval].offset = offset;
		F->inval[F->ninval].len = len;
		F->ninval++;
	}
	spin_unlock(&F->log_lock);
	if (offset == 0 && len == folio_size(folio))
		folio_detach_private(folio);
}

static bool fake_release_folio(struct folio *folio, gfp_t gfp)
{
	folio_detach_private(folio);
	return true;
}

static int fake_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, struct page **pagep, void **fsdata)
{
	struct page *page = grab_cache_page_write_begin(mapping, pos >> PAGE_SHIFT);

	if (!page)
		return -ENOMEM;
	if (!PageUptodate(page) && len != PAGE_SIZE) {
		fill_from_disk(page_folio(page));
		SetPageUptodate(page);
	}
	*pagep = page;
	return 0;
}

static int fake_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned int len, unsigned int copied, struct page *page,
			  void *fsdata)
{
	struct inode *inode = mapping->host;

	if (!PageUptodate(page)) {
		if (copied < len)
			copied = 0;	/* a short copy into a page never read */
		else
			SetPageUptodate(page);
	}
	if (copied) {
		set_page_dirty(page);
		if (pos + copied > inode->i_size)
			i_size_write(inode, pos + copied);
	}
	unlock_page(page);
	put_page(page);
	return copied;
}

static const struct address_space_operations fake_aops = {
	.read_folio = fake_read_folio,
	.readahead = fake_readahead,
	.writepage = fake_writepage,
	.dirty_folio = filemap_dirty_folio,
	.invalidate_folio = fake_invalidate_folio,
	.release_folio = fake_release_folio,
	.write_begin = fake_write_begin,
	.write_end = fake_write_end,
};

static int fake_write_inode(struct inode *inode, struct writeback_control *wbc)
{
	F->last_inode_sync_mode = wbc->sync_mode;
	atomic_inc(&F->inode_writes);
	return 0;
}

static const struct super_operations fake_sops = {
	.write_inode = fake_write_inode,
};

static int fake_init(struct kunit *test)
{
	struct super_block *sb;
	struct inode *inode;
	pgoff_t i;
	size_t off;

	F = kzalloc(sizeof(*F), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, F);
	F->disk = vmalloc(DISK_PAGES * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, F->disk);
	for (i = 0; i < DISK_PAGES; i++)
		for (off = 0; off < PAGE_SIZE; off++)
			F->disk[i * PAGE_SIZE + off] = pattern(i, off);
	F->fail_read = F->fail_write = (pgoff_t)-1;
	spin_lock_init(&F->log_lock);

	F->bdi = bdi_alloc(NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, F->bdi);
	KUNIT_ASSERT_EQ(test, bdi_register(F->bdi, "mmtest"), 0);

	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sb);
	sb->s_op = &fake_sops;
	sb->s_bdi = F->bdi;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_flags = SB_BORN | SB_ACTIVE;
	sb->s_root = (struct dentry *)sb;	/* "mounted": never dereferenced here */
	init_rwsem(&sb->s_umount);
	mutex_init(&sb->s_sync_lock);
	spin_lock_init(&sb->s_inode_wblist_lock);
	INIT_LIST_HEAD(&sb->s_inodes_wb);
	strscpy(sb->s_id, "mmtest", sizeof(sb->s_id));
	F->sb = sb;

	inode = kmalloc(sizeof(*inode), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, inode);
	inode_init_once(inode);
	KUNIT_ASSERT_EQ(test, inode_init_always(sb, inode), 0);
	inode->i_mode = S_IFREG | 0644;
	inode->i_ino = 42;
	inode->i_size = (loff_t)DISK_PAGES * PAGE_SIZE;
	inode->i_data.a_ops = &fake_aops;
	mapping_set_gfp_mask(&inode->i_data, GFP_KERNEL);
	inode_fake_hash(inode);
	F->inode = inode;
	F->mapping = inode->i_mapping;

	F->file.f_mapping = F->mapping;
	F->file.f_inode = inode;
	F->file.f_flags = O_NOATIME;
	file_ra_state_init(&F->file.f_ra, F->mapping);

	F->old_limit = kfs_pagecache_set_limit(LIMIT_PAGES * PAGE_SIZE);
	kfs_pagecache_reset_high_water();
	/* Only the dirty thresholds start writeback here, never age. */
	kfs_writeback_set_intervals(360000, 500);
	return 0;
}

static void fake_exit(struct kunit *test)
{
	struct kfs_pagecache_stats st;

	if (!F)
		return;
	/* The flusher goes first: it may be writing the inode. */
	if (F->bdi)
		bdi_unregister(F->bdi);
	if (F->inode) {
		truncate_inode_pages_final(F->mapping);
		inode_io_list_del(F->inode);
		kfree(F->inode);
	}
	if (F->bdi)
		bdi_put(F->bdi);
	kfs_writeback_set_intervals(3000, 500);
	kfree(F->sb);
	vfree(F->disk);
	kfs_pagecache_set_limit(F->old_limit);
	kfs_pagecache_stats(&st);
	/* Every test leaves the cache empty and clean. */
	KUNIT_EXPECT_EQ(test, st.pages, 0UL);
	KUNIT_EXPECT_EQ(test, st.dirty, 0UL);
	KUNIT_EXPECT_EQ(test, st.writeback, 0UL);
	kfree(F);
	F = NULL;
}

static bool folio_matches_disk(struct folio *folio)
{
	return !memcmp(folio_address(folio), F->disk + folio->index * PAGE_SIZE, PAGE_SIZE);
}

/* ------------------------------------------------------------------ cases */

static void lookup_create_lock(struct kunit *test)
{
	struct address_space *m = F->mapping;
	struct folio *folio, *again, *other;
	struct page *page;

	KUNIT_EXPECT_NULL(test, filemap_get_folio(m, 3));
	KUNIT_EXPECT_NULL(test, find_get_page(m, 3));

	folio = __filemap_get_folio(m, 3, FGP_LOCK | FGP_CREAT, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_TRUE(test, folio_test_locked(folio));
	KUNIT_EXPECT_FALSE(test, folio_test_uptodate(folio));
	KUNIT_EXPECT_PTR_EQ(test, folio->mapping, m);
	KUNIT_EXPECT_EQ(test, folio->index, 3UL);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 2);	/* cache + ours */
	KUNIT_EXPECT_EQ(test, m->nrpages, 1UL);
	KUNIT_EXPECT_TRUE(test, folio_test_lru(folio));

	/* A lookup finds the same folio and takes a reference. */
	again = filemap_get_folio(m, 3);
	KUNIT_EXPECT_PTR_EQ(test, again, folio);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 3);
	folio_put(again);

	/* It is locked: trylock and NOWAIT locking lookups fail. */
	KUNIT_EXPECT_FALSE(test, folio_trylock(folio));
	KUNIT_EXPECT_NULL(test, __filemap_get_folio(m, 3, FGP_LOCK | FGP_NOWAIT, 0));

	/* Adding over it fails with -EEXIST and leaves the new folio alone. */
	other = filemap_alloc_folio(GFP_KERNEL, 0);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_EQ(test, filemap_add_folio(m, other, 3, GFP_KERNEL), -EEXIST);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(other));
	KUNIT_EXPECT_NULL(test, other->mapping);
	KUNIT_EXPECT_EQ(test, folio_ref_count(other), 1);
	folio_put(other);

	folio_unlock(folio);
	page = find_lock_page(m, 3);
	KUNIT_EXPECT_PTR_EQ(test, page, &folio->page);
	KUNIT_EXPECT_TRUE(test, PageLocked(page));
	unlock_page(page);
	put_page(page);

	/* FGP_CREAT|FGP_LOCK on an existing index returns it, not a new one. */
	page = find_or_create_page(m, 3, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, page, &folio->page);
	unlock_page(page);
	put_page(page);

	/* Removal: the cache lets go, our reference keeps the folio. */
	folio_lock(folio);
	filemap_remove_folio(folio);
	folio_unlock(folio);
	KUNIT_EXPECT_NULL(test, folio->mapping);
	KUNIT_EXPECT_EQ(test, m->nrpages, 0UL);
	KUNIT_EXPECT_FALSE(test, folio_test_lru(folio));
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_NULL(test, filemap_get_folio(m, 3));
	folio_put(folio);
}

static void read_cache_page_fills(struct kunit *test)
{
	struct address_space *m = F->mapping;
	struct page *page, *again;

	page = read_cache_page(m, 7, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(page));
	KUNIT_EXPECT_TRUE(test, PageUptodate(page));
	KUNIT_EXPECT_FALSE(test, PageLocked(page));
	KUNIT_EXPECT_TRUE(test, folio_matches_disk(page_folio(page)));
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), 1);

	/* Cached: no second read. */
	again = read_mapping_page(m, 7, NULL);
	KUNIT_EXPECT_PTR_EQ(test, again, page);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), 1);
	put_page(again);
	put_page(page);

	/* A read that leaves the folio !uptodate is -EIO, and retried next time. */
	F->fail_read = 9;
	page = read_cache_page(m, 9, NULL, NULL);
	KUNIT_EXPECT_TRUE(test, IS_ERR(page));
	KUNIT_EXPECT_EQ(test, PTR_ERR(page), -EIO);
	F->fail_read = (pgoff_t)-1;
	page = read_cache_page(m, 9, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(page));
	KUNIT_EXPECT_TRUE(test, folio_matches_disk(page_folio(page)));
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), 3);
	put_page(page);
}

/* Reads 4x the budget one page at a time: the cache never holds more. */
static void eviction_bounds_reads(struct kunit *test)
{
	struct kfs_pagecache_stats st;
	pgoff_t i;
	int reads;

	for (i = 0; i < 4 * LIMIT_PAGES; i++) {
		struct folio *folio = read_mapping_folio(F->mapping, i, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		KUNIT_EXPECT_TRUE(test, folio_matches_disk(folio));
		folio_put(folio);
		KUNIT_ASSERT_LE(test, F->mapping->nrpages, (unsigned long)LIMIT_PAGES);
	}
	kfs_pagecache_stats(&st);
	KUNIT_EXPECT_EQ(test, st.limit, (unsigned long)LIMIT_PAGES);
	KUNIT_EXPECT_LE(test, st.high_water, (unsigned long)LIMIT_PAGES);
	KUNIT_EXPECT_GE(test, st.evicted, (unsigned long)(3 * LIMIT_PAGES));
	KUNIT_EXPECT_EQ(test, st.over_limit, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), 4 * LIMIT_PAGES);

	/* The first page is long gone: reading it again reads the disk. */
	reads = atomic_read(&F->reads);
	{
		struct folio *folio = read_mapping_folio(F->mapping, 0, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		KUNIT_EXPECT_TRUE(test, folio_matches_disk(folio));
		folio_put(folio);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), reads + 1);
}

/*
 * A recently used folio survives eviction: a folio touched between two
 * scans gets a second round.
 */
static void referenced_folio_survives(struct kunit *test)
{
	struct folio *hot;
	pgoff_t i;

	hot = read_mapping_folio(F->mapping, 1000, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(hot));
	folio_put(hot);
	for (i = 0; i < 3 * LIMIT_PAGES; i++) {
		struct folio *folio = read_mapping_folio(F->mapping, i, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		folio_put(folio);
		/* Keep touching the hot folio: it must still be cached. */
		hot = filemap_get_folio(F->mapping, 1000);
		KUNIT_ASSERT_NOT_NULL(test, hot);
		folio_mark_accessed(hot);
		folio_put(hot);
	}
	/* Read once from the disk, never again. */
	KUNIT_EXPECT_EQ(test, atomic_read(&F->reads), 1 + 3 * LIMIT_PAGES);
}

/* generic_file_read_iter through readahead, 3x the budget in one call. */
static void read_iter_through_readahead(struct kunit *test)
{
	size_t len = 3 * LIMIT_PAGES * PAGE_SIZE + 1234;
	struct kfs_pagecache_stats st;
	char *buf = vmalloc(len);
	struct kvec kv = { buf, len };
	struct iov_iter iter;
	struct kiocb kiocb;
	ssize_t ret;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	init_sync_kiocb(&kiocb, &F->file);
	kiocb.ki_pos = 100;
	iov_iter_kvec(&iter, READ, &kv, 1, len);
	ret = generic_file_read_iter(&kiocb, &iter);
	KUNIT_EXPECT_EQ(test, ret, (ssize_t)len);
	KUNIT_EXPECT_EQ(test, kiocb.ki_pos, (loff_t)(100 + len));
	KUNIT_EXPECT_EQ(test, memcmp(buf, F->disk + 100, len), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&F->readaheads), 1);
	kfs_pagecache_stats(&st);
	KUNIT_EXPECT_LE(test, st.high_water, (unsigned long)LIMIT_PAGES);

	/* Reading at EOF returns 0; a read past EOF is cut there. */
	kiocb.ki_pos = F->inode->i_size - 10;
	iov_iter_kvec(&iter, READ, &kv, 1, len);
	KUNIT_EXPECT_EQ(test, generic_file_read_iter(&kiocb, &iter), 10L);
	KUNIT_EXPECT_EQ(test, memcmp(buf, F->disk + F->inode->i_size - 10, 10), 0);
	iov_iter_kvec(&iter, READ, &kv, 1, len);
	KUNIT_EXPECT_EQ(test, generic_file_read_iter(&kiocb, &iter), 0L);
	vfree(buf);
}

/*
 * Buffered writes of 4x the budget: writers are throttled until the
 * flusher has written dirty pages, only clean pages are evicted, and the
 * disk ends up with every byte written.
 */
static void dirty_pages_written_before_eviction(struct kunit *test)
{
	size_t len = 4 * LIMIT_PAGES * PAGE_SIZE;
	struct kfs_pagecache_stats st;
	unsigned long bg, hard;
	char *buf = vmalloc(len);
	struct kvec kv = { buf, len };
	struct iov_iter iter;
	struct kiocb kiocb;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < len; i++)
		buf[i] = (char)(i * 13 + 5);
	init_sync_kiocb(&kiocb, &F->file);
	kiocb.ki_pos = 0;
	iov_iter_kvec(&iter, WRITE, &kv, 1, len);
	KUNIT_EXPECT_EQ(test, generic_perform_write(&kiocb, &iter), (ssize_t)len);
	KUNIT_EXPECT_EQ(test, kiocb.ki_pos, (loff_t)len);

	kfs_pagecache_stats(&st);
	global_dirty_limits(&bg, &hard);
	KUNIT_EXPECT_LE(test, st.high_water, (unsigned long)LIMIT_PAGES);
	KUNIT_EXPECT_EQ(test, st.over_limit, 0UL);
	/* Writers were held back: never much more than the hard threshold dirty. */
	KUNIT_EXPECT_LE(test, st.dirty + st.writeback, hard + 1);
	/* Most of it went through the flusher before we sync. */
	KUNIT_EXPECT_GE(test, atomic_read(&F->writes), (int)(4 * LIMIT_PAGES - hard - 1));

	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(F->mapping), 0);
	KUNIT_EXPECT_FALSE(test, mapping_tagged(F->mapping, PAGECACHE_TAG_DIRTY));
	KUNIT_EXPECT_EQ(test, memcmp(F->disk, buf, len), 0);
	vfree(buf);
}

/* Data-integrity writeback of a range writes exactly the dirty pages in it. */
static void fdatawrite_range_and_errors(struct kunit *test)
{
	struct address_space *m = F->mapping;
	pgoff_t i;

	/* A budget so large that ten dirty pages never wake the flusher. */
	kfs_pagecache_set_limit(DISK_PAGES * PAGE_SIZE);
	for (i = 0; i < 10; i++) {
		struct folio *folio = read_mapping_folio(m, i, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		folio_lock(folio);
		memset(folio_address(folio), 'A' + i, 16);
		KUNIT_EXPECT_TRUE(test, folio_mark_dirty(folio));
		KUNIT_EXPECT_FALSE(test, folio_mark_dirty(folio));	/* already */
		folio_unlock(folio);
		folio_put(folio);
	}
	KUNIT_EXPECT_TRUE(test, mapping_tagged(m, PAGECACHE_TAG_DIRTY));
	KUNIT_EXPECT_TRUE(test, xa_get_mark(&m->i_pages, 5, PAGECACHE_TAG_DIRTY));

	/* Pages 3..5 only. */
	KUNIT_EXPECT_EQ(test, filemap_write_and_wait_range(m, 3 * PAGE_SIZE,
							   6 * PAGE_SIZE - 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 3);
	for (i = 0; i < 10; i++) {
		bool written = i >= 3 && i <= 5;

		KUNIT_EXPECT_EQ(test, F->disk[i * PAGE_SIZE] == (char)('A' + i), written);
		KUNIT_EXPECT_EQ(test, xa_get_mark(&m->i_pages, i, PAGECACHE_TAG_DIRTY), !written);
		KUNIT_EXPECT_FALSE(test, xa_get_mark(&m->i_pages, i, PAGECACHE_TAG_TOWRITE));
	}

	/*
	 * A failing ->writepage: the data-integrity pass still writes the
	 * rest and returns the error, which filemap_check_errors reports once.
	 */
	F->fail_write = 8;
	KUNIT_EXPECT_EQ(test, filemap_fdatawrite(m), -EIO);
	KUNIT_EXPECT_EQ(test, filemap_fdatawait(m), -EIO);
	KUNIT_EXPECT_EQ(test, filemap_check_errors(m), 0);
	/* ...and through errseq to a file that sampled before it. */
	KUNIT_EXPECT_EQ(test, file_check_and_advance_wb_err(&F->file), -EIO);
	KUNIT_EXPECT_EQ(test, file_check_and_advance_wb_err(&F->file), 0);
	F->fail_write = (pgoff_t)-1;
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 3 + 6);
	/* The failed page was cleaned for I/O: it is clean now, data lost. */
	KUNIT_EXPECT_FALSE(test, mapping_tagged(m, PAGECACHE_TAG_DIRTY));

	/* write_one_page: a single locked dirty page, synchronously. */
	{
		struct page *page = find_lock_page(m, 2);

		KUNIT_ASSERT_NOT_NULL(test, page);
		memset(page_address(page), 'z', 8);
		set_page_dirty(page);
		KUNIT_EXPECT_EQ(test, write_one_page(page), 0);
		KUNIT_EXPECT_FALSE(test, PageLocked(page));
		KUNIT_EXPECT_FALSE(test, PageDirty(page));
		KUNIT_EXPECT_EQ(test, F->disk[2 * PAGE_SIZE + 7], 'z');
		put_page(page);
	}
}

/* A page with private data (as buffer heads would be) and a known pattern. */
static void populate(struct kunit *test, pgoff_t n, bool with_private)
{
	pgoff_t i;

	for (i = 0; i < n; i++) {
		struct folio *folio = read_mapping_folio(F->mapping, i, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		if (with_private) {
			folio_lock(folio);
			folio_attach_private(folio, (void *)0x1000);
			folio_unlock(folio);
		}
		folio_put(folio);
	}
}

static bool range_is(pgoff_t index, size_t from, size_t to, bool zero)
{
	struct folio *folio = filemap_get_folio(F->mapping, index);
	const char *p;
	bool ok = true;
	size_t off;

	if (!folio)
		return false;
	p = folio_address(folio);
	for (off = from; off < to && ok; off++)
		ok = zero ? p[off] == 0 : p[off] == pattern(index, off);
	folio_put(folio);
	return ok;
}

static void truncate_exact_range(struct kunit *test)
{
	struct address_space *m = F->mapping;
	struct kfs_pagecache_stats st;
	pgoff_t i;

	populate(test, 10, true);
	/* Page 4 is dirty: truncation discards it and its dirty count. */
	{
		struct folio *folio = filemap_lock_folio(m, 4);

		KUNIT_ASSERT_NOT_NULL(test, folio);
		folio_mark_dirty(folio);
		folio_unlock(folio);
		folio_put(folio);
	}
	kfs_pagecache_stats(&st);
	KUNIT_EXPECT_EQ(test, st.dirty, 1UL);

	/* Bytes [2 pages + 100, 6 pages + 49]. */
	truncate_inode_pages_range(m, 2 * PAGE_SIZE + 100, 6 * PAGE_SIZE + 49);
	KUNIT_EXPECT_EQ(test, m->nrpages, 7UL);
	for (i = 0; i < 10; i++) {
		struct folio *folio = filemap_get_folio(m, i);

		KUNIT_EXPECT_EQ(test, folio != NULL, i < 3 || i > 5);
		if (folio)
			folio_put(folio);
	}
	KUNIT_EXPECT_TRUE(test, range_is(2, 0, 100, false));
	KUNIT_EXPECT_TRUE(test, range_is(2, 100, PAGE_SIZE, true));
	KUNIT_EXPECT_TRUE(test, range_is(6, 0, 50, true));
	KUNIT_EXPECT_TRUE(test, range_is(6, 50, PAGE_SIZE, false));
	KUNIT_EXPECT_TRUE(test, range_is(1, 0, PAGE_SIZE, false));
	KUNIT_EXPECT_TRUE(test, range_is(7, 0, PAGE_SIZE, false));
	kfs_pagecache_stats(&st);
	KUNIT_EXPECT_EQ(test, st.dirty, 0UL);

	/* ->invalidate_folio saw exactly: partial 2, whole 3 4 5, partial 6. */
	KUNIT_ASSERT_EQ(test, F->ninval, 5U);
	{
		static const struct { pgoff_t index; size_t offset, len; } want[] = {
			{ 2, 100, PAGE_SIZE - 100 }, { 6, 0, 50 },
			{ 3, 0, PAGE_SIZE }, { 4, 0, PAGE_SIZE }, { 5, 0, PAGE_SIZE },
		};
		unsigned int w, k;

		for (w = 0; w < ARRAY_SIZE(want); w++) {
			bool seen = false;

			for (k = 0; k < F->ninval; k++)
				seen |= F->inval[k].index == want[w].index &&
					F->inval[k].offset == want[w].offset &&
					F->inval[k].len == want[w].len;
			KUNIT_EXPECT_TRUE(test, seen);
		}
	}

	/* Within one page: only that part is zeroed, nothing removed. */
	F->ninval = 0;
	truncate_inode_pages_range(m, 8 * PAGE_SIZE + 10, 8 * PAGE_SIZE + 19);
	KUNIT_EXPECT_EQ(test, m->nrpages, 7UL);
	KUNIT_EXPECT_TRUE(test, range_is(8, 0, 10, false));
	KUNIT_EXPECT_TRUE(test, range_is(8, 10, 20, true));
	KUNIT_EXPECT_TRUE(test, range_is(8, 20, PAGE_SIZE, false));
	KUNIT_EXPECT_EQ(test, F->ninval, 1U);

	/* truncate_setsize: the size goes first, then the cache after it. */
	truncate_setsize(F->inode, PAGE_SIZE + 904);
	KUNIT_EXPECT_EQ(test, i_size_read(F->inode), (loff_t)(PAGE_SIZE + 904));
	KUNIT_EXPECT_EQ(test, m->nrpages, 2UL);
	KUNIT_EXPECT_TRUE(test, range_is(1, 0, 904, false));
	KUNIT_EXPECT_TRUE(test, range_is(1, 904, PAGE_SIZE, true));
	KUNIT_EXPECT_TRUE(test, range_is(0, 0, PAGE_SIZE, false));
}

static void invalidate_keeps_busy_pages(struct kunit *test)
{
	struct address_space *m = F->mapping;
	struct folio *held, *dirty;

	populate(test, 8, false);
	held = filemap_get_folio(m, 1);		/* somebody uses page 1 */
	dirty = filemap_lock_folio(m, 2);
	KUNIT_ASSERT_NOT_NULL(test, held);
	KUNIT_ASSERT_NOT_NULL(test, dirty);
	folio_mark_dirty(dirty);
	folio_unlock(dirty);

	KUNIT_EXPECT_EQ(test, invalidate_mapping_pages(m, 0, 5), 4UL);	/* 0 3 4 5 */
	KUNIT_EXPECT_EQ(test, m->nrpages, 4UL);				/* 1 2 6 7 */
	folio_put(held);

	/* invalidate_inode_pages2 cannot drop a dirty page without ->launder_folio. */
	KUNIT_EXPECT_EQ(test, invalidate_inode_pages2_range(m, 0, 3), -EBUSY);
	KUNIT_EXPECT_PTR_EQ(test, dirty->mapping, m);
	KUNIT_EXPECT_EQ(test, m->nrpages, 3UL);				/* 2 6 7 */
	folio_put(dirty);
	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(m), 0);
	KUNIT_EXPECT_EQ(test, invalidate_inode_pages2(m), 0);
	KUNIT_EXPECT_EQ(test, m->nrpages, 0UL);
}

static unsigned long inode_state(void)
{
	unsigned long state;

	spin_lock(&F->inode->i_lock);
	state = F->inode->i_state;
	spin_unlock(&F->inode->i_lock);
	return state;
}

static void dirty_pages(struct kunit *test, pgoff_t first, pgoff_t n, char fill)
{
	pgoff_t i;

	for (i = first; i < first + n; i++) {
		struct folio *folio = read_mapping_folio(F->mapping, i, NULL);

		KUNIT_ASSERT_FALSE(test, IS_ERR(folio));
		folio_lock(folio);
		memset(folio_address(folio), fill, 32);
		folio_mark_dirty(folio);
		folio_unlock(folio);
		folio_put(folio);
	}
}

/*
 * With nothing over any threshold, the flusher still writes data once it
 * is older than dirty_expire_interval: no sync call is made here.
 */
static void flusher_writes_expired_inodes(struct kunit *test)
{
	int tries;

	kfs_pagecache_set_limit(DISK_PAGES * PAGE_SIZE);
	dirty_pages(test, 10, 5, 'e');
	KUNIT_EXPECT_TRUE(test, inode_state() & I_DIRTY_PAGES);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 0);

	/* Expire after 10 ms, look every 10 ms. */
	kfs_writeback_set_intervals(1, 1);
	for (tries = 0; tries < 3000; tries++) {
		if (atomic_read(&F->writes) == 5 &&
		    !mapping_tagged(F->mapping, PAGECACHE_TAG_DIRTY) &&
		    !(inode_state() & I_DIRTY_ALL))
			break;
		msleep(10);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 5);
	KUNIT_EXPECT_FALSE(test, mapping_tagged(F->mapping, PAGECACHE_TAG_DIRTY));
	KUNIT_EXPECT_FALSE(test, inode_state() & I_DIRTY_ALL);
	KUNIT_EXPECT_EQ(test, F->disk[12 * PAGE_SIZE + 31], 'e');
	kfs_writeback_set_intervals(360000, 500);
}

/* Inode metadata: ->write_inode when (and only when) the inode is dirty. */
static void inode_writeback_and_sync(struct kunit *test)
{
	struct inode *inode = F->inode;

	kfs_pagecache_set_limit(DISK_PAGES * PAGE_SIZE);

	mark_inode_dirty_sync(inode);
	KUNIT_EXPECT_TRUE(test, inode_state() & I_DIRTY_SYNC);
	KUNIT_EXPECT_FALSE(test, list_empty(&inode->i_io_list));
	KUNIT_EXPECT_EQ(test, write_inode_now(inode, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->inode_writes), 1);
	KUNIT_EXPECT_EQ(test, F->last_inode_sync_mode, (int)WB_SYNC_ALL);
	KUNIT_EXPECT_FALSE(test, inode_state() & (I_DIRTY_ALL | I_SYNC));
	KUNIT_EXPECT_TRUE(test, list_empty(&inode->i_io_list));
	/* Clean: nothing to write. */
	KUNIT_EXPECT_EQ(test, write_inode_now(inode, 1), 0);
	KUNIT_EXPECT_EQ(test, sync_inode_metadata(inode, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->inode_writes), 1);

	/* Pages only (I_DIRTY_PAGES): no ->write_inode, but the pages go. */
	dirty_pages(test, 0, 3, 'p');
	down_read(&F->sb->s_umount);
	sync_inodes_sb(F->sb);
	up_read(&F->sb->s_umount);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->inode_writes), 1);
	KUNIT_EXPECT_FALSE(test, mapping_tagged(F->mapping, PAGECACHE_TAG_WRITEBACK));
	KUNIT_EXPECT_FALSE(test, inode_state() & I_DIRTY_ALL);

	/* Pages and metadata, through the non-waiting pass, then the wait. */
	dirty_pages(test, 3, 2, 'q');
	mark_inode_dirty(inode);
	down_read(&F->sb->s_umount);
	writeback_inodes_sb(F->sb, WB_REASON_SYNC);
	up_read(&F->sb->s_umount);
	KUNIT_EXPECT_EQ(test, filemap_fdatawait(F->mapping), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 5);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->inode_writes), 2);
	KUNIT_EXPECT_EQ(test, F->last_inode_sync_mode, (int)WB_SYNC_NONE);
	KUNIT_EXPECT_EQ(test, F->disk[4 * PAGE_SIZE], 'q');

	/* sync_inode_metadata writes the inode, never its pages. */
	dirty_pages(test, 6, 1, 'r');
	mark_inode_dirty_sync(inode);
	KUNIT_EXPECT_EQ(test, sync_inode_metadata(inode, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->inode_writes), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&F->writes), 5);
	KUNIT_EXPECT_TRUE(test, inode_state() & I_DIRTY_PAGES);
	KUNIT_EXPECT_EQ(test, filemap_write_and_wait(F->mapping), 0);
}

static struct kunit_case pagecache_cases[] = {
	KUNIT_CASE(lookup_create_lock),
	KUNIT_CASE(read_cache_page_fills),
	KUNIT_CASE(eviction_bounds_reads),
	KUNIT_CASE(referenced_folio_survives),
	KUNIT_CASE(read_iter_through_readahead),
	KUNIT_CASE(dirty_pages_written_before_eviction),
	KUNIT_CASE(fdatawrite_range_and_errors),
	KUNIT_CASE(truncate_exact_range),
	KUNIT_CASE(invalidate_keeps_busy_pages),
	KUNIT_CASE(flusher_writes_expired_inodes),
	KUNIT_CASE(inode_writeback_and_sync),
	{}
};

static struct kunit_suite pagecache_suite = {
	.name = "pagecache",
	.init = fake_init,
	.exit = fake_exit,
	.test_cases = pagecache_cases,
};

kunit_test_suite(pagecache_suite);
