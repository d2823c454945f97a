/* SPDX-License-Identifier: GPL-2.0-only */
/* The CPU hint for busy-wait loops. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <asm/barrier.h>

static __always_inline void cpu_relax(void)
{
	__kfs_relax();
	barrier();
}

#endif /* _ASM_PROCESSOR_H */
