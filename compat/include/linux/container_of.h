/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

/*
 * container_of(ptr, type, member): the object of `type` whose `member` ptr
 * points at.  ptr must point to the member's type (or be void *).
 */
#define container_of(ptr, type, member) ({				\
	void *__kfs_mptr = (void *)(ptr);				\
	static_assert(__same_type(*(ptr), ((type *)0)->member) ||	\
		      __same_type(*(ptr), void),			\
		      "container_of(): pointer does not match member type"); \
	((type *)((char *)__kfs_mptr - offsetof(type, member))); })

/* Like container_of, but keeps NULL (and ERR_PTR values) as they are. */
#define container_of_safe(ptr, type, member) ({				\
	void *__kfs_mptr = (void *)(ptr);				\
	static_assert(__same_type(*(ptr), ((type *)0)->member) ||	\
		      __same_type(*(ptr), void),			\
		      "container_of_safe(): pointer does not match member type"); \
	(__kfs_mptr == NULL || (unsigned long)__kfs_mptr >= (unsigned long)-4095) ? \
		(type *)__kfs_mptr :					\
		((type *)((char *)__kfs_mptr - offsetof(type, member))); })

#endif /* _LINUX_CONTAINER_OF_H */
