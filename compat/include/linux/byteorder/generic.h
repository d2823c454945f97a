/* SPDX-License-Identifier: GPL-2.0-only */
/* Everything byte-order related is in <asm/byteorder.h> (x86-64 is little-endian). */
#ifndef _KFS_LINUX_BYTEORDER_GENERIC_H
#define _KFS_LINUX_BYTEORDER_GENERIC_H

#include <asm/byteorder.h>

#endif
