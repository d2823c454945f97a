/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel-world helpers shared by the block and buffer test suites. */
#ifndef _KFS_BLOCK_TEST_H
#define _KFS_BLOCK_TEST_H

#include <kunit/test.h>
#include <linux/blkdev.h>

#include "block_host.h"

/* A fresh image and the device opened on it. */
struct bt_image {
	char path[256];
	struct block_device *bdev;
	fmode_t mode;
};

/* Makes an image of @size bytes in @dir and opens it; 0 or -errno. */
int bt_open(struct kunit *test, struct bt_image *img, const char *dir,
	    bt_u64 size, fmode_t mode);
/* Closes the device (if open) and removes the image (if any). */
void bt_close(struct bt_image *img);
/* One single-segment bio, submitted and waited for: 0 or -errno. */
int bt_bio(struct block_device *bdev, blk_opf_t opf, sector_t sector,
	   struct page *page, unsigned int len, unsigned int off);

#endif /* _KFS_BLOCK_TEST_H */
