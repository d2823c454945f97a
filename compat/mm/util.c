/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocation helpers built on kmalloc and vmalloc (the role of mm/util.c
 * and lib/argv_split.c): string and buffer duplication, kvmalloc and kvfree.
 * Their declarations are where the kernel has them: <linux/string.h> and
 * <linux/slab.h>.
 */
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <kfs_host_alloc.h>

static void *kvmalloc_caller(size_t size, gfp_t flags, unsigned long caller);

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc_track_caller(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
EXPORT_SYMBOL(kstrdup);

/*
 * A string in a read-only segment of the program (a literal) lives as long
 * as the program: it is handed back as it is, and kfree_const() leaves it.
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	if (s && kfs_host_is_rodata(s))
		return s;
	return kstrdup(s, gfp);
}
EXPORT_SYMBOL(kstrdup_const);

void kfree_const(const void *x)
{
	if (!kfs_host_is_rodata(x))
		kfree(x);
}
EXPORT_SYMBOL(kfree_const);

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = kmalloc_track_caller(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kstrndup);

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc_track_caller(len, gfp);

	if (p && !ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup);

char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = kmalloc_track_caller(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kmemdup_nul);

void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc_track_caller(len, GFP_USER | __GFP_NOWARN);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (len && copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}
EXPORT_SYMBOL(memdup_user);

void *vmemdup_user(const void __user *src, size_t len)
{
	void *p = kvmalloc_caller(len, GFP_USER, _RET_IP_);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (len && copy_from_user(p, src, len)) {
		kvfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}
EXPORT_SYMBOL(vmemdup_user);

void *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = kmalloc_track_caller(len + 1, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (len && copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}
EXPORT_SYMBOL(memdup_user_nul);

/*
 * argv_split: the words of str (split at white space) as a NULL-terminated
 * array.  Layout: one copy of str, cut into words in place, and the array;
 * the slot after the terminating NULL remembers the copy for argv_free().
 */
char **argv_split(gfp_t gfp, const char *str, int *argcp)
{
	int argc = 0, i = 0;
	char **argv, *copy, *p;
	bool in_word = false;

	copy = kstrndup(str, KMALLOC_MAX_SIZE, gfp);
	if (!copy)
		return NULL;
	for (p = copy; *p; p++) {
		if (isspace(*p))
			in_word = false;
		else if (!in_word) {
			in_word = true;
			argc++;
		}
	}
	argv = kmalloc_array(argc + 2, sizeof(*argv), gfp);
	if (!argv) {
		kfree(copy);
		return NULL;
	}
	for (p = copy; *p; ) {
		while (isspace(*p))
			*p++ = '\0';
		if (!*p)
			break;
		argv[i++] = p;
		while (*p && !isspace(*p))
			p++;
	}
	argv[i] = NULL;
	argv[i + 1] = copy;
	if (argcp)
		*argcp = argc;
	return argv;
}
EXPORT_SYMBOL(argv_split);

void argv_free(char **argv)
{
	char **p = argv;

	if (!argv)
		return;
	while (*p)
		p++;
	kfree(p[1]);
	kfree(argv);
}
EXPORT_SYMBOL(argv_free);

/* ---------------------------------------------------------------- kvmalloc */

static void *kvmalloc_caller(size_t size, gfp_t flags, unsigned long caller)
{
	gfp_t kmalloc_flags = flags;
	void *p;

	/*
	 * Above a page, kmalloc is only the cheap first try: quiet, without
	 * retrying hard, never __GFP_NOFAIL -- vmalloc is the fallback.
	 */
	if (size > PAGE_SIZE) {
		kmalloc_flags |= __GFP_NOWARN;
		if (!(kmalloc_flags & __GFP_RETRY_MAYFAIL))
			kmalloc_flags |= __GFP_NORETRY;
		kmalloc_flags &= ~__GFP_NOFAIL;
	}
	p = __kmalloc_track_caller(size, kmalloc_flags, caller);
	if (p || size <= PAGE_SIZE)
		return p;
	/* vmalloc sleeps: kvmalloc does not serve GFP_ATOMIC/GFP_NOWAIT. */
	if (!gfpflags_allow_blocking(flags))
		return NULL;
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	return __vmalloc(size, flags);
}

void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_caller(size, flags, _RET_IP_);
}
EXPORT_SYMBOL(kvmalloc_node);

void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}
EXPORT_SYMBOL(kvfree);

void kvfree_sensitive(const void *addr, size_t len)
{
	if (likely(!ZERO_OR_NULL_PTR(addr))) {
		memzero_explicit((void *)addr, len);
		kvfree(addr);
	}
}
EXPORT_SYMBOL(kvfree_sensitive);

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	void *n;

	if (oldsize >= newsize)
		return (void *)p;
	n = kvmalloc_caller(newsize, flags, _RET_IP_);
	if (!n)
		return NULL;
	if (oldsize)
		memcpy(n, p, oldsize);
	kvfree(p);
	return n;
}
EXPORT_SYMBOL(kvrealloc);
