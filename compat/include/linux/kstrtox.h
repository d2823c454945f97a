/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String to integer conversions.  kstrto*() accept an optional sign (signed
 * forms), an optional 0x/0 prefix when base is 0 (or 16 with 0x), the digits,
 * and one optional trailing newline; anything else is -EINVAL, overflow is
 * -ERANGE.  The kernel's lib/kstrtox.c (compiled from the tree) implements
 * them; simple_strto*() (no error reporting, deprecated) are in
 * compat/lib/vsprintf.c.
 */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

int __must_check _kstrtoul(const char *str, unsigned int base, unsigned long *out);
int __must_check _kstrtol(const char *str, unsigned int base, long *out);
int __must_check kstrtoull(const char *str, unsigned int base, unsigned long long *out);
int __must_check kstrtoll(const char *str, unsigned int base, long long *out);
int __must_check kstrtouint(const char *str, unsigned int base, unsigned int *out);
int __must_check kstrtoint(const char *str, unsigned int base, int *out);
int __must_check kstrtou16(const char *str, unsigned int base, u16 *out);
int __must_check kstrtos16(const char *str, unsigned int base, s16 *out);
int __must_check kstrtou8(const char *str, unsigned int base, u8 *out);
int __must_check kstrtos8(const char *str, unsigned int base, s8 *out);
/* "1/y/Y/on" and "0/n/N/off" (case-insensitive on/off). */
int __must_check kstrtobool(const char *str, bool *out);

/* long and long long have the same width here: go straight to the 64-bit code. */
static inline int __must_check kstrtoul(const char *str, unsigned int base,
					unsigned long *out)
{
	return kstrtoull(str, base, (unsigned long long *)out);
}

static inline int __must_check kstrtol(const char *str, unsigned int base, long *out)
{
	return kstrtoll(str, base, (long long *)out);
}

static inline int __must_check kstrtou64(const char *str, unsigned int base, u64 *out)
{
	return kstrtoull(str, base, out);
}

static inline int __must_check kstrtos64(const char *str, unsigned int base, s64 *out)
{
	return kstrtoll(str, base, out);
}

static inline int __must_check kstrtou32(const char *str, unsigned int base, u32 *out)
{
	return kstrtouint(str, base, out);
}

static inline int __must_check kstrtos32(const char *str, unsigned int base, s32 *out)
{
	return kstrtoint(str, base, out);
}

/* The same, reading at most `count` bytes of user memory first. */
int __must_check kstrtoull_from_user(const char __user *str, size_t count,
				     unsigned int base, unsigned long long *out);
int __must_check kstrtoll_from_user(const char __user *str, size_t count,
				    unsigned int base, long long *out);
int __must_check kstrtoul_from_user(const char __user *str, size_t count,
				    unsigned int base, unsigned long *out);
int __must_check kstrtol_from_user(const char __user *str, size_t count,
				   unsigned int base, long *out);
int __must_check kstrtouint_from_user(const char __user *str, size_t count,
				      unsigned int base, unsigned int *out);
int __must_check kstrtoint_from_user(const char __user *str, size_t count,
				     unsigned int base, int *out);
int __must_check kstrtou16_from_user(const char __user *str, size_t count,
				     unsigned int base, u16 *out);
int __must_check kstrtos16_from_user(const char __user *str, size_t count,
				     unsigned int base, s16 *out);
int __must_check kstrtou8_from_user(const char __user *str, size_t count,
				    unsigned int base, u8 *out);
int __must_check kstrtos8_from_user(const char __user *str, size_t count,
				    unsigned int base, s8 *out);
int __must_check kstrtobool_from_user(const char __user *str, size_t count, bool *out);

/* Parse as much as possible, no error report: prefer kstrto*(). */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

static inline int strtobool(const char *str, bool *out)
{
	return kstrtobool(str, out);
}

#endif /* _LINUX_KSTRTOX_H */
