/* SPDX-License-Identifier: GPL-2.0-only */
/* Architecture half of <linux/bug.h>: kfs has one implementation for both. */
#ifndef _ASM_BUG_H
#define _ASM_BUG_H

#include <linux/bug.h>

#endif /* _ASM_BUG_H */
