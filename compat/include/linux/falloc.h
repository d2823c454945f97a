/* SPDX-License-Identifier: GPL-2.0-only */
/* fallocate(2) modes: the ABI values come from the tree's uapi header. */
#ifndef _LINUX_FALLOC_H
#define _LINUX_FALLOC_H

#include <linux/types.h>
#include <uapi/linux/falloc.h>

#define FALLOC_FL_SUPPORTED_MASK					\
	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE |			\
	 FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE |		\
	 FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

#endif /* _LINUX_FALLOC_H */
