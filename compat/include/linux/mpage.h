/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multi-page bio I/O for filesystems that map blocks with a get_block_t:
 * reads and writes go to the device in as few bios as the block layout
 * allows, falling back to buffer-head I/O (block_read_full_folio,
 * block_write_full_page) for folios whose blocks are not contiguous.
 * Implemented in compat/fs/mpage.c.
 */
#ifndef _LINUX_MPAGE_H
#define _LINUX_MPAGE_H

#ifdef CONFIG_BLOCK

#include <linux/fs.h>		/* get_block_t */

struct folio;
struct readahead_control;
struct writeback_control;

void mpage_readahead(struct readahead_control *rac, get_block_t get_block);
int mpage_read_folio(struct folio *folio, get_block_t get_block);
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t get_block);

#endif /* CONFIG_BLOCK */
#endif /* _LINUX_MPAGE_H */
