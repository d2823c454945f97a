/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NULL, offsetof, true/false and the struct layout helpers of the kernel's
 * <linux/stddef.h> (including the uapi struct_group family).
 */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#include <linux/compiler_types.h>

#undef NULL
#define NULL ((void *)0)

enum {
	false	= 0,
	true	= 1
};

#undef offsetof
#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)

/* Size of a member of TYPE, without an object at hand. */
#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))

/* Offset of the first byte after MEMBER. */
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

/*
 * struct_group(NAME, members...): the members stay addressable one by one
 * and, together, as the struct NAME (for memcpy/memset of the group).
 */
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...)	\
	union {						\
		struct { MEMBERS } ATTRS;		\
		struct TAG { MEMBERS } ATTRS NAME;	\
	}
#define struct_group(NAME, MEMBERS...) \
	__struct_group(/* no tag */, NAME, /* no attrs */, MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...) \
	__struct_group(/* no tag */, NAME, ATTRS, MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...) \
	__struct_group(TAG, NAME, /* no attrs */, MEMBERS)

/* A flexible array member allowed where C wants a named neighbour first. */
#define __DECLARE_FLEX_ARRAY(TYPE, NAME)	\
	struct {				\
		struct { } __empty_ ## NAME;	\
		TYPE NAME[];			\
	}
#define DECLARE_FLEX_ARRAY(TYPE, NAME)	__DECLARE_FLEX_ARRAY(TYPE, NAME)

#endif /* _LINUX_STDDEF_H */
