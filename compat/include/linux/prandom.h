/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fast, seedable pseudo-random numbers (not for anything secret): a combined
 * Tausworthe generator with four components, as described by P. L'Ecuyer,
 * "Tables of maximally equidistributed combined LFSR generators",
 * Mathematics of Computation 68 (1999).  Each component needs a seed above a
 * small minimum, which prandom_seed_state() guarantees.  Implemented in
 * compat/kernel/random.c.
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>
#include <linux/random.h>

struct rnd_state {
	__u32 s1, s2, s3, s4;
};

u32 prandom_u32_state(struct rnd_state *state);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes);
void prandom_seed_state(struct rnd_state *state, u64 seed);

/* Deprecated in the kernel, still used by file systems. */
static inline u32 prandom_u32_max(u32 ep_ro)
{
	return get_random_u32_below(ep_ro);
}

/* A linear congruential step: cheap, predictable, for tests and hashing. */
static inline u32 next_pseudo_random32(u32 seed)
{
	return seed * 1664525 + 1013904223;
}

#endif /* _LINUX_PRANDOM_H */
