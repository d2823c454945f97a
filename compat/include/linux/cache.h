/* SPDX-License-Identifier: GPL-2.0-only */
/* Cache-line alignment and section hints (x86-64: 64-byte lines). */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include <linux/const.h>

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define INTERNODE_CACHE_SHIFT	L1_CACHE_SHIFT
#define L1_CACHE_ALIGN(x)	__ALIGN_KERNEL(x, L1_CACHE_BYTES)

#define ____cacheline_aligned		__attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp	____cacheline_aligned
#define __cacheline_aligned		____cacheline_aligned
#define __cacheline_aligned_in_smp	____cacheline_aligned
#define ____cacheline_internodealigned_in_smp ____cacheline_aligned

/* Placement hints only the kernel's linker script acts on. */
#define __read_mostly
#define __ro_after_init

#define cache_line_size()	L1_CACHE_BYTES

#endif /* __LINUX_CACHE_H */
