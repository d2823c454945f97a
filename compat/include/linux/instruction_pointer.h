/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_INSTRUCTION_POINTER_H
#define _LINUX_INSTRUCTION_POINTER_H

/* Return address of the current function, and an address inside it. */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#define _THIS_IP_	({ __label__ __kfs_here; __kfs_here: (unsigned long)&&__kfs_here; })

#endif /* _LINUX_INSTRUCTION_POINTER_H */
