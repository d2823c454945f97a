/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <linux/random.h> and <linux/prandom.h> (the roles of drivers/char/random.c
 * and lib/random32.c).  Random bytes come from the host's getrandom() through
 * kfs_host, a small per-thread buffer at a time so that the frequent small
 * requests (inode generations, hash seeds) do not each cost a system call.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/string.h>
#include <kfs_host.h>

#define BATCH_BYTES	64

struct random_batch {
	u8 buf[BATCH_BYTES];
	unsigned int used;	/* bytes of buf already handed out */
	bool filled;
};

static __thread struct random_batch batch;

static void host_random(void *buf, size_t len)
{
	int err = kfs_host->getrandom(buf, len);

	/* There is no weaker source to fall back to: stop rather than guess. */
	if (err)
		panic("random: the host's getrandom() failed (%d)\n", err);
}

void get_random_bytes(void *buf, size_t len)
{
	if (len)
		host_random(buf, len);
}
EXPORT_SYMBOL(get_random_bytes);

/* n bytes from this thread's batch; every byte is handed out once. */
static void batch_take(void *out, unsigned int n)
{
	struct random_batch *b = &batch;

	if (!b->filled || b->used + n > BATCH_BYTES) {
		host_random(b->buf, BATCH_BYTES);
		b->used = 0;
		b->filled = true;
	}
	memcpy(out, b->buf + b->used, n);
	memzero_explicit(b->buf + b->used, n);
	b->used += n;
}

u8 get_random_u8(void)
{
	u8 v;

	batch_take(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u8);

u16 get_random_u16(void)
{
	u16 v;

	batch_take(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u16);

u32 get_random_u32(void)
{
	u32 v;

	batch_take(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u32);

u64 get_random_u64(void)
{
	u64 v;

	batch_take(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u64);

/*
 * Uniform in [0, ceil): multiply a random 32-bit value by ceil and keep the
 * high half; reject the few low halves that would make some results more
 * likely than others (D. Lemire, "Fast random integer generation in an
 * interval", 2019).
 */
u32 __get_random_u32_below(u32 ceil)
{
	u32 threshold;
	u64 m;

	if (ceil <= 1)
		return 0;
	threshold = (0U - ceil) % ceil;
	do {
		m = (u64)get_random_u32() * ceil;
	} while ((u32)m < threshold);
	return m >> 32;
}
EXPORT_SYMBOL(__get_random_u32_below);

/* ---------------------------------------------------------------- prandom */

/*
 * One component of the combined generator: shift-register steps with the
 * parameters (q, s, k) of L'Ecuyer's four-component generator, where k sets
 * how many high bits of the state take part.
 */
static inline u32 taus_step(u32 s, unsigned int q, unsigned int sh, unsigned int k,
			    u32 mask)
{
	u32 b = ((s << q) ^ s) >> (k - sh);

	return ((s & mask) << sh) ^ b;
}

u32 prandom_u32_state(struct rnd_state *st)
{
	st->s1 = taus_step(st->s1, 6, 18, 31, 0xfffffffeU);
	st->s2 = taus_step(st->s2, 2, 2, 29, 0xfffffff8U);
	st->s3 = taus_step(st->s3, 13, 7, 28, 0xfffffff0U);
	st->s4 = taus_step(st->s4, 3, 13, 25, 0xffffff80U);
	return st->s1 ^ st->s2 ^ st->s3 ^ st->s4;
}
EXPORT_SYMBOL(prandom_u32_state);

void prandom_bytes_state(struct rnd_state *st, void *buf, size_t n)
{
	u8 *p = buf;

	while (n) {
		u32 v = prandom_u32_state(st);
		size_t k = min_t(size_t, n, sizeof(v));

		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}
EXPORT_SYMBOL(prandom_bytes_state);

/*
 * Each component's seed must have bits above its mask's cleared low bits
 * set, or that component is stuck at zero: force a minimum into each, then
 * run the generator a few rounds so nearby seeds give unrelated streams.
 */
void prandom_seed_state(struct rnd_state *st, u64 seed)
{
	u32 i = (u32)(seed ^ (seed >> 32)) * 0x9e3779b9U;
	int n;

	st->s1 = i < 2 ? i + 2 : i;
	i = next_pseudo_random32(i);
	st->s2 = i < 8 ? i + 8 : i;
	i = next_pseudo_random32(i);
	st->s3 = i < 16 ? i + 16 : i;
	i = next_pseudo_random32(i);
	st->s4 = i < 128 ? i + 128 : i;
	for (n = 0; n < 10; n++)
		prandom_u32_state(st);
}
EXPORT_SYMBOL(prandom_seed_state);
