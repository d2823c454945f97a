/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Access to "user" memory.  In kfs the callers of the VFS live in the same
 * address space and hand it ordinary pointers, so user memory is our memory:
 * every copy succeeds in full (the return value is the number of bytes NOT
 * copied, always 0) and access_ok() is always true.  The calls still
 * declare that they may fault (might_fault), as in the kernel.
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>

#define USER_DS			0
#define access_ok(addr, size)	({ (void)(addr); (void)(size); 1; })

static inline unsigned long __must_check copy_from_user(void *to, const void __user *from,
							unsigned long n)
{
	might_fault();
	memcpy(to, (const void __force *)from, n);
	return 0;
}

static inline unsigned long __must_check copy_to_user(void __user *to, const void *from,
						      unsigned long n)
{
	might_fault();
	memcpy((void __force *)to, from, n);
	return 0;
}

#define __copy_from_user(to, from, n)		copy_from_user(to, from, n)
#define __copy_to_user(to, from, n)		copy_to_user(to, from, n)
#define __copy_from_user_inatomic(to, from, n)	copy_from_user(to, from, n)
#define __copy_to_user_inatomic(to, from, n)	copy_to_user(to, from, n)
#define copy_from_user_nofault(to, from, n)	(memcpy(to, from, n), 0L)
#define copy_to_user_nofault(to, from, n)	(memcpy(to, from, n), 0L)

static inline unsigned long __must_check clear_user(void __user *to, unsigned long n)
{
	might_fault();
	memset((void __force *)to, 0, n);
	return 0;
}
#define __clear_user(to, n)	clear_user(to, n)

/* get_user(x, ptr) / put_user(x, ptr): one object of *ptr's type; 0. */
#define get_user(x, ptr)	({ might_fault(); (x) = *(ptr); 0; })
#define put_user(x, ptr)	({ might_fault(); *(ptr) = (x); 0; })
#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

/* Copies a NUL-terminated string of at most count bytes; its length. */
static inline long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long len = (long)strnlen((const char __force *)src, count);

	might_fault();
	memcpy(dst, (const char __force *)src, len < count ? len + 1 : len);
	return len;
}

/* Length including the NUL, or count + 1 when there is none within count. */
static inline long strnlen_user(const char __user *str, long count)
{
	long len = (long)strnlen((const char __force *)str, count);

	return len < count ? len + 1 : count + 1;
}

static inline void pagefault_disable(void) { }
static inline void pagefault_enable(void) { }
static inline bool pagefault_disabled(void) { return false; }
#define faulthandler_disabled()	pagefault_disabled()

#define user_access_begin(ptr, len)	access_ok(ptr, len)
#define user_access_end()		do { } while (0)
#define user_read_access_begin		user_access_begin
#define user_read_access_end		user_access_end
#define user_write_access_begin		user_access_begin
#define user_write_access_end		user_access_end
#define unsafe_put_user(x, ptr, label)	do { *(ptr) = (x); } while (0)
#define unsafe_get_user(x, ptr, label)	do { (x) = *(ptr); } while (0)

/* Like copy_from_user, zero-filling a larger destination (ABI struct growth). */
static inline int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
					size_t usize)
{
	size_t size = ksize < usize ? ksize : usize;

	if (usize > ksize && memchr_inv((const char __force *)src + ksize, 0, usize - ksize))
		return -E2BIG;
	memcpy(dst, (const void __force *)src, size);
	if (ksize > usize)
		memset((char *)dst + size, 0, ksize - size);
	return 0;
}

#endif /* __LINUX_UACCESS_H__ */
