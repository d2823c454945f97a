/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's own string helpers (<linux/string.h>); the C library's
 * functions with identical semantics are used as they are.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/string.h>

ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (size == 0 || size > INT_MAX)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		/* Does not fit: copy what does and report truncation. */
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

ssize_t strscpy_pad(char *dst, const char *src, size_t size)
{
	ssize_t written = strscpy(dst, src, size);

	if (written < 0 || (size_t)written + 1 == size)
		return written;
	memset(dst + written + 1, 0, size - written - 1);
	return written;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	while (size && *p != (unsigned char)c) {
		p++;
		size--;
	}
	return p;
}

void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;

	for (; bytes; bytes--, p++) {
		if (*p != (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

char *strnchr(const char *s, size_t count, int c)
{
	for (; count && *s; count--, s++) {
		if (*s == (char)c)
			return (char *)s;
	}
	return NULL;
}

char *strnstr(const char *haystack, const char *needle, size_t len)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	while (len >= nlen) {
		if (!memcmp(haystack, needle, nlen))
			return (char *)haystack;
		len--;
		haystack++;
	}
	return NULL;
}

char *skip_spaces(const char *str)
{
	while (isspace(*str))
		str++;
	return (char *)str;
}

char *strim(char *s)
{
	size_t len = strlen(s);
	char *end;

	if (!len)
		return s;
	end = s + len - 1;
	while (end >= s && isspace(*end))
		end--;
	end[1] = '\0';
	return skip_spaces(s);
}

char *strreplace(char *s, char old, char new)
{
	for (; *s; s++) {
		if (*s == old)
			*s = new;
	}
	return s;
}

/* Equal, where a single trailing newline on either side does not count. */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

/* Index of string in array (a NULL entry ends the array early), or -EINVAL. */
int match_string(const char * const *array, size_t n, const char *string)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!array[i])
			break;
		if (!strcmp(array[i], string))
			return (int)i;
	}
	return -EINVAL;
}

int __sysfs_match_string(const char * const *array, size_t n, const char *str)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!array[i])
			continue;
		if (sysfs_streq(array[i], str))
			return (int)i;
	}
	return -EINVAL;
}

void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count, int pad)
{
	if (dest_len > count) {
		memcpy(dest, src, count);
		memset((char *)dest + count, pad, dest_len - count);
	} else {
		memcpy(dest, src, dest_len);
	}
}
