/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Random numbers for kernel code: all from the host's getrandom()
 * (kfs_host->getrandom), so they are of cryptographic quality and need no
 * seeding or entropy accounting here.  Implemented in compat/kernel/random.c.
 * The pseudo-random generators seeded by the caller are in <linux/prandom.h>.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/once.h>
#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);

static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

/* Uniform in [0, ceil); 0 when ceil <= 1. */
u32 __get_random_u32_below(u32 ceil);

static inline u32 get_random_u32_below(u32 ceil)
{
	return __get_random_u32_below(ceil);
}

/* Uniform in (floor, U32_MAX]. */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + __get_random_u32_below(U32_MAX - floor);
}

/* Uniform in [floor, ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	if (ceil - floor == U32_MAX)
		return get_random_u32();
	return floor + __get_random_u32_below(ceil - floor + 1);
}

/* The host's generator is ready from the start: nothing to wait for. */
static inline int wait_for_random_bytes(void)
{
	return 0;
}

static inline int get_random_bytes_wait(void *buf, size_t nbytes)
{
	get_random_bytes(buf, nbytes);
	return 0;
}

/*
 * Entropy input: the host's pool is what get_random_bytes() draws from, so
 * there is nothing to mix device data into.
 */
static inline void add_device_randomness(const void *buf, size_t len)
{
}

static inline void add_latent_entropy(void)
{
}

#include <linux/prandom.h>

#endif /* _LINUX_RANDOM_H */
