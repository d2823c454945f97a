/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * typecheck(type, x): evaluates to 1, and makes the compiler complain (a
 * comparison of distinct pointer types) when x is not of type `type`.
 */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

#define typecheck(type, x) \
({	type __kfs_want; \
	typeof(x) __kfs_have; \
	(void)(&__kfs_want == &__kfs_have); \
	1; \
})

#define typecheck_fn(type, function) \
({	typeof(type) __kfs_fn = function; \
	(void)__kfs_fn; \
})

#define typecheck_pointer(x) \
({	typeof(x) __kfs_ptr; \
	(void)sizeof(*__kfs_ptr); \
	1; \
})

#endif /* TYPECHECK_H_INCLUDED */
