/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Dynamic per-cpu memory (mm/percpu.c's role) for <linux/percpu.h>: one
 * arena of nr_cpu_ids units KFS_PCPU_UNIT bytes apart, carved in 16-byte
 * grains from a bitmap of unit 0; every unit holds the same layout.
 */
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/gfp_types.h>
#include <kfs_host_alloc.h>

#define KFS_PCPU_GRAIN	16UL
#define KFS_PCPU_GRAINS	(KFS_PCPU_UNIT / KFS_PCPU_GRAIN)

static DEFINE_SPINLOCK(kfs_pcpu_lock);
static char *kfs_pcpu_base;
static unsigned long kfs_pcpu_used[BITS_TO_LONGS(KFS_PCPU_GRAINS)];
static unsigned long kfs_pcpu_last[BITS_TO_LONGS(KFS_PCPU_GRAINS)];	/* end of each */

static char *kfs_pcpu_arena(void)
{
	char *base = smp_load_acquire(&kfs_pcpu_base);
	char *fresh;

	if (base)
		return base;
	/* Zero-filled, backed lazily by the host. */
	fresh = kfs_host_vmap(nr_cpu_ids * KFS_PCPU_UNIT);
	if (!fresh)
		return NULL;
	base = cmpxchg(&kfs_pcpu_base, NULL, fresh);
	if (base) {
		kfs_host_vunmap(fresh);
		return base;
	}
	return fresh;
}

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	unsigned long n, step, start, i;
	char *base = kfs_pcpu_arena();
	unsigned int cpu;

	if (!base || !size || size > KFS_PCPU_UNIT)
		return NULL;
	n = DIV_ROUND_UP(size, KFS_PCPU_GRAIN);
	step = align > KFS_PCPU_GRAIN ? align / KFS_PCPU_GRAIN : 1;
	spin_lock(&kfs_pcpu_lock);
	for (start = 0; start + n <= KFS_PCPU_GRAINS; start += step) {
		for (i = 0; i < n; i++)
			if (test_bit(start + i, kfs_pcpu_used))
				break;
		if (i == n)
			goto found;
	}
	spin_unlock(&kfs_pcpu_lock);
	return NULL;
found:
	for (i = 0; i < n; i++)
		__set_bit(start + i, kfs_pcpu_used);
	__set_bit(start + n - 1, kfs_pcpu_last);
	spin_unlock(&kfs_pcpu_lock);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		memset(base + cpu * KFS_PCPU_UNIT + start * KFS_PCPU_GRAIN, 0,
		       n * KFS_PCPU_GRAIN);
	return (void __percpu *)(base + start * KFS_PCPU_GRAIN);
}

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}

void free_percpu(void __percpu *pdata)
{
	char *base = READ_ONCE(kfs_pcpu_base);
	unsigned long off, i;

	if (!pdata)
		return;
	off = (char *)pdata - base;
	if (WARN(!base || off >= KFS_PCPU_UNIT || off % KFS_PCPU_GRAIN,
		 "free_percpu of %px, not per-cpu memory\n", pdata))
		return;
	spin_lock(&kfs_pcpu_lock);
	for (i = off / KFS_PCPU_GRAIN; i < KFS_PCPU_GRAINS; i++) {
		WARN_ON(!test_bit(i, kfs_pcpu_used));
		__clear_bit(i, kfs_pcpu_used);
		if (__test_and_clear_bit(i, kfs_pcpu_last))
			break;
	}
	spin_unlock(&kfs_pcpu_lock);
}
