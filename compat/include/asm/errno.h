/* SPDX-License-Identifier: GPL-2.0-only */
/* Some kernel code names the architecture header; the values are shared. */
#ifndef _ASM_ERRNO_H
#define _ASM_ERRNO_H

#include <linux/errno.h>

#endif /* _ASM_ERRNO_H */
