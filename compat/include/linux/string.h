/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String and memory functions.  The ones the C library has with the kernel's
 * semantics (memcpy, strlen, strcmp...) are only declared: they link to libc.
 * The kernel's own (strscpy, memchr_inv, memscan...) are in
 * compat/lib/string.c; the allocating ones (kstrdup, kmemdup...) in the slab
 * code (compat/mm/util.c).
 */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/err.h>

/* From libc, same semantics. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strpbrk(const char *s, const char *accept);
char *strsep(char **stringp, const char *delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

/* Ours (compat/lib/string.c). */

/*
 * Copies src into dst of `size` bytes, always NUL-terminated (if size > 0).
 * Returns the length copied, or -E2BIG when src did not fit (truncated).
 */
ssize_t strscpy(char *dst, const char *src, size_t size);
/* strscpy, then zero the rest of dst. */
ssize_t strscpy_pad(char *dst, const char *src, size_t size);
/* BSD strlcpy: returns strlen(src); renamed so libc's never interferes. */
size_t strlcpy(char *dst, const char *src, size_t size) __asm__("kfs_strlcpy");
size_t strlcat(char *dst, const char *src, size_t size) __asm__("kfs_strlcat");

/* First byte equal to c in [addr, addr+size), or addr+size. */
void *memscan(void *addr, int c, size_t size);
/* First byte that is not c, or NULL when all are c. */
void *memchr_inv(const void *start, int c, size_t bytes);
char *strnchr(const char *s, size_t count, int c);
char *strnstr(const char *haystack, const char *needle, size_t len);
/* Skips leading whitespace. */
char *skip_spaces(const char *str);
/* Trims whitespace at both ends in place; returns the first non-space. */
char *strim(char *s);
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}
char *strreplace(char *s, char old, char new);
bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s);
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)
/* memset that the optimiser may not remove (clearing secrets). */
void memzero_explicit(void *s, size_t count);
void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count, int pad);

static inline void memset64(u64 *s, u64 v, size_t count)
{
	while (count--)
		*s++ = v;
}

static inline void memset32(u32 *s, u32 v, size_t count)
{
	while (count--)
		*s++ = v;
}

/* Length of prefix if str starts with it, else 0. */
static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/* Name of a path's last component (after the last '/'). */
static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

#define memset_startat(obj, v, member) ({				\
	u8 *__kfs_ptr = (u8 *)(obj);					\
	typeof(v) __kfs_val = (v);					\
	memset(__kfs_ptr + offsetof(typeof(*(obj)), member), __kfs_val,	\
	       sizeof(*(obj)) - offsetof(typeof(*(obj)), member));	\
})

#define memset_after(obj, v, member) ({					\
	u8 *__kfs_ptr = (u8 *)(obj);					\
	typeof(v) __kfs_val = (v);					\
	memset(__kfs_ptr + offsetofend(typeof(*(obj)), member), __kfs_val, \
	       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member));	\
})

/* The kernel's "true"/"false"-style helpers. */
static inline const char *str_yes_no(bool v)
{
	return v ? "yes" : "no";
}

static inline const char *str_on_off(bool v)
{
	return v ? "on" : "off";
}

static inline const char *str_true_false(bool v)
{
	return v ? "true" : "false";
}

static inline const char *str_enable_disable(bool v)
{
	return v ? "enable" : "disable";
}

/*
 * Allocating helpers: declared here as in the kernel, implemented by the
 * slab side of compat (mm/util.c's role).
 */
extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern const char *kstrdup_const(const char *s, gfp_t gfp);
extern void kfree_const(const void *x);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp);
extern void *kmemdup(const void *src, size_t len, gfp_t gfp) __alloc_size(2);
extern char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
extern void *memdup_user(const void __user *src, size_t len);
extern void *vmemdup_user(const void __user *src, size_t len);
extern void *memdup_user_nul(const void __user *src, size_t len);
extern char **argv_split(gfp_t gfp, const char *str, int *argcp);
extern void argv_free(char **argv);

#endif /* _LINUX_STRING_H_ */
