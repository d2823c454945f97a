/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc on host page mappings (<linux/vmalloc.h> states the contract).
 * Each area is an anonymous mapping followed by a PROT_NONE guard page,
 * registered with the host helper so that is_vmalloc_addr() can answer for
 * any address; that lets kvfree() tell vmalloc memory from kmalloc memory.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kfs/slab.h>
#include <kfs_host_alloc.h>

static long vmalloc_live;

unsigned long kfs_vmalloc_live(void)
{
	return __atomic_load_n(&vmalloc_live, __ATOMIC_RELAXED);
}

static void vmalloc_fail_msg(gfp_t gfp, const char *why, unsigned long size)
{
	if (gfp & __GFP_NOWARN)
		return;
	pr_warn("%s: vmalloc error: size %lu, %s, mode:%#x\n", current->comm, size, why,
		(__force unsigned int)gfp);
	dump_stack();
}

static void *__vmalloc_gfp(unsigned long size, gfp_t gfp)
{
	bool nofail = gfp & __GFP_NOFAIL;
	void *p;

	/* vmalloc takes sleeping locks and maps pages: it may always sleep. */
	might_sleep();
	if (!size || (size >> PAGE_SHIFT) > (kfs_host_total_ram() >> PAGE_SHIFT)) {
		vmalloc_fail_msg(gfp, size ? "exceeds total pages" : "zero size", size);
		return NULL;
	}
	p = kfs_host_vmap(size);
	while (!p) {
		/* Direct reclaim, unless this task is the one reclaiming. */
		if (!(current->flags & PF_MEMALLOC))
			kfs_shrink_slab(current_gfp_context(gfp), 0);
		p = kfs_host_vmap(size);
		if (p || !nofail)
			break;
		kfs_host_alloc_backoff();
	}
	if (!p) {
		vmalloc_fail_msg(gfp, "allocation failed", size);
		return NULL;
	}
	__atomic_add_fetch(&vmalloc_live, 1, __ATOMIC_RELAXED);
	/* Fresh mappings are zero-filled: __GFP_ZERO needs no work. */
	return p;
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_gfp(size, gfp_mask);
}
EXPORT_SYMBOL(__vmalloc);

void *vmalloc(unsigned long size)
{
	return __vmalloc_gfp(size, GFP_KERNEL);
}
EXPORT_SYMBOL(vmalloc);

void *vzalloc(unsigned long size)
{
	return __vmalloc_gfp(size, GFP_KERNEL | __GFP_ZERO);
}
EXPORT_SYMBOL(vzalloc);

void *vmalloc_node(unsigned long size, int node)
{
	return __vmalloc_gfp(size, GFP_KERNEL);
}
EXPORT_SYMBOL(vmalloc_node);

void *vzalloc_node(unsigned long size, int node)
{
	return __vmalloc_gfp(size, GFP_KERNEL | __GFP_ZERO);
}
EXPORT_SYMBOL(vzalloc_node);

void *__vmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __vmalloc_gfp(bytes, flags);
}
EXPORT_SYMBOL(__vmalloc_array);

void *vmalloc_array(size_t n, size_t size)
{
	return __vmalloc_array(n, size, GFP_KERNEL);
}
EXPORT_SYMBOL(vmalloc_array);

void *__vcalloc(size_t n, size_t size, gfp_t flags)
{
	return __vmalloc_array(n, size, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(__vcalloc);

void *vcalloc(size_t n, size_t size)
{
	return __vmalloc_array(n, size, GFP_KERNEL | __GFP_ZERO);
}
EXPORT_SYMBOL(vcalloc);

void vfree(const void *addr)
{
	if (!addr)
		return;
	if (WARN(!kfs_host_vunmap(addr), "Trying to vfree() nonexistent vm area (%px)\n", addr))
		return;
	__atomic_sub_fetch(&vmalloc_live, 1, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(vfree);

void vfree_atomic(const void *addr)
{
	vfree(addr);
}
EXPORT_SYMBOL(vfree_atomic);

bool is_vmalloc_addr(const void *x)
{
	return kfs_host_vmap_lookup(x, NULL, NULL);
}
EXPORT_SYMBOL(is_vmalloc_addr);
