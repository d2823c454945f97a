/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hashing of names for the dcache (<linux/stringhash.h>): the kernel keeps
 * these in fs/namei.c.  One byte at a time with the same partial/end steps a
 * filesystem's own ->d_hash uses, so full_name_hash() and a d_hash that
 * hashes the same bytes agree, and hashlen_string() equals full_name_hash()
 * of the same string packed with its length (lib/test_hash.c checks both).
 */
#include <linux/kernel.h>
#include <linux/stringhash.h>

unsigned int full_name_hash(const void *salt, const char *name, unsigned int len)
{
	unsigned long hash = init_name_hash(salt);

	while (len--)
		hash = partial_name_hash((unsigned char)*name++, hash);
	return end_name_hash(hash);
}

u64 hashlen_string(const void *salt, const char *name)
{
	unsigned long hash = init_name_hash(salt);
	unsigned int len = 0;

	while (name[len]) {
		hash = partial_name_hash((unsigned char)name[len], hash);
		len++;
	}
	return hashlen_create(end_name_hash(hash), len);
}
