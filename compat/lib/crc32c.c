/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crc32c() as filesystems call it (<linux/crc32c.h>).  The kernel routes it
 * through the crypto API (lib/libcrc32c.c, "crc32c" shash) to the generic
 * Castagnoli implementation, which is lib/crc32.c's __crc32c_le: the caller's
 * seed goes in as is and the result comes out without a final inversion.
 * kfs calls the table code directly.
 */
#include <linux/kernel.h>
#include <linux/crc32.h>
#include <linux/crc32c.h>

u32 crc32c(u32 crc, const void *address, unsigned int length)
{
	return __crc32c_le(crc, address, length);
}

const char *crc32c_impl(void)
{
	return "crc32c-generic";
}
